#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vnet demo, run by `make demo` inside a VM booted on Debian's stock
# kernel: load the module, make a host (a network namespace) with networks
# in it, and show them; then two hosts with two networks of the same prefix
# and nodes on both, which reach their own network's nodes and not the
# other's; then a peering router joining two of three more networks, its
# route tables, and traffic between them; then three networks with BIRD
# routers, two attached to a peering router over BGP, vnetd on both hosts
# learning their routes, traffic across, none to the third, and a route
# withdrawn in BIRD stopping it. Each command is printed before it runs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH=$top/tools/vnetctl:$PATH

run() {
	printf '\n$ %s\n' "$*"
	"$@"
}

echo "== vnet demo on $(uname -r)"
run modprobe -a $(modinfo -F depends "${VNET_KO:?VNET_KO names the module}" | tr , " ")
run insmod "$VNET_KO"
run ip netns add host1

echo
echo "== a monitor in the background prints every change as it happens"
vnetctl -n host1 monitor | sed -u 's/^/[monitor] /' &
sleep 1

echo
echo "== two tenants' networks, with the same prefix: they are isolated"
run vnetctl -n host1 network add blue id 100 prefix 10.1.0.0/16 prefix fd00:b::/64
run vnetctl -n host1 network add red id 200 prefix 10.1.0.0/16 port 6081 local 192.0.2.1
echo
echo "== a network is a netdevice: ip link makes and lists them too"
run ip -n host1 link add green type vnet
run ip -n host1 -d link show type vnet
sleep 1

echo
echo "== show them, as text and as JSON"
run vnetctl -n host1 network show
run vnetctl -n host1 -j -p network show blue

echo
echo "== mistakes are refused with a reason, and change nothing"
run vnetctl -n host1 network add blue2 id 100 || true
run vnetctl -n host1 network add blue2 id 300 prefix 10.0.0.0/8 prefix 10.1.0.0/16 || true

sleep 1
kill %1 2>/dev/null || true
wait 2>/dev/null || true

echo
echo "== many at once: -batch"
for i in $(seq 1 1000); do echo "network add t$i id $((1000 + i))"; done > /tmp/batch
run vnetctl -n host1 -batch /tmp/batch
echo "networks now: $(vnetctl -n host1 network show | wc -l)"
run vnetctl -n host1 network flush

run ip netns del host1

echo
echo "== two hosts (namespaces hostA, hostB) joined by a substrate link"
run ip netns add hostA
run ip netns add hostB
run ip -n hostA link add sub type veth peer name sub netns hostB
run ip -n hostA addr add 192.168.0.1/24 dev sub
run ip -n hostB addr add 192.168.0.2/24 dev sub
run ip -n hostA link set sub up
run ip -n hostB link set sub up

echo
echo "== on both, networks blue (id 100) and red (id 200), with the same prefix"
for h in hostA hostB; do
	run vnetctl -n $h network add blue id 100 prefix 10.1.0.0/16
	run vnetctl -n $h network add red id 200 prefix 10.1.0.0/16
done

# node NAME HOST NET ADDR OTHER_HOST OTHER_SUBSTRATE_ADDR...: a node
# (namespace NAME) behind a veth that is a port of NET on HOST, known to the
# other host as remote at HOST's substrate address
node() {
	local name=$1 host=$2 net=$3 addr=$4 other=$5 at=$6
	echo
	echo "== node $name: $addr in $net on $host"
	run ip netns add $name
	run ip -n $host link add $name type veth peer name eth0 netns $name
	run ip -n $name addr add $addr/16 dev eth0
	run ip -n $name link set eth0 up
	run ip -n $host link set $name up
	run vnetctl -n $host port add $name network $net
	run vnetctl -n $host node add $addr network $net dev $name
	run vnetctl -n $other node add $addr network $net remote $at
}
node blueA hostA blue 10.1.0.1 hostB 192.168.0.1
node blueB hostB blue 10.1.0.2 hostA 192.168.0.2
node redA hostA red 10.1.0.1 hostB 192.168.0.1
node redB hostB red 10.1.0.3 hostA 192.168.0.2
run vnetctl -n hostA node show

echo
echo "== inside each network, across the hosts: Geneve over the substrate"
run ip netns exec blueA ping -c 2 -i 0.3 -W 1 10.1.0.2
run ip netns exec redA ping -c 2 -i 0.3 -W 1 10.1.0.3
run ip netns exec redB ping -c 2 -i 0.3 -W 1 10.1.0.1

echo
echo "== across networks: nothing passes (10.1.0.2 is blue's, 10.1.0.3 red's)"
run ip netns exec redA ping -c 2 -i 0.3 -W 1 10.1.0.2 || true
run ip netns exec blueB ping -c 2 -i 0.3 -W 1 10.1.0.3 || true

echo
echo "== the counters: delivered, and dropped by reason"
run vnetctl -n hostA -s network show
run vnetctl -n hostB -s network show
run vnetctl -n hostB stats
run ip -n hostA -s link show red

echo
echo "== a peering router joins networks that ask for it: three more networks on"
echo "== both hosts, sales and eng attached to the peering router tgw, lab not"
for h in hostA hostB; do
	run vnetctl -n $h network add sales id 10 prefix 10.10.0.0/16 prefix fd00:10::/64
	run vnetctl -n $h network add eng id 20 prefix 10.20.0.0/16 prefix fd00:20::/64
	run vnetctl -n $h network add lab id 30 prefix 10.30.0.0/16
	run vnetctl -n $h peering add tgw
	run vnetctl -n $h peering attach tgw network sales address 10.10.255.1 address fd00:10::ff01 propagate
	run vnetctl -n $h peering attach tgw network eng address 10.20.255.1 address fd00:20::ff01 propagate
	run vnetctl -n $h route add 10.20.0.0/16 network sales via peering tgw
	run vnetctl -n $h route add fd00:20::/64 network sales via peering tgw
	run vnetctl -n $h route add 10.10.0.0/16 network eng via peering tgw
	run vnetctl -n $h route add fd00:10::/64 network eng via peering tgw
done

# pnode NAME HOST NET ADDR ADDR6 GW GW6 OTHER_HOST AT: node as above, with
# default routes into its network
pnode() {
	node $1 $2 $3 $4 $8 $9
	run ip -n $1 addr add $5/64 dev eth0 nodad
	run vnetctl -n $2 node add $5 network $3 dev $1
	run vnetctl -n $8 node add $5 network $3 remote $9
	run ip -n $1 route add default via $6
	run ip -n $1 -6 route add default via $7
}
pnode salesA hostA sales 10.10.0.1 fd00:10::1 10.10.255.254 fd00:10::fffe hostB 192.168.0.1
pnode engA hostA eng 10.20.0.1 fd00:20::1 10.20.255.254 fd00:20::fffe hostB 192.168.0.1
pnode engB hostB eng 10.20.0.2 fd00:20::2 10.20.255.254 fd00:20::fffe hostA 192.168.0.2
node labB hostB lab 10.30.0.2 hostA 192.168.0.2

echo
echo "== the tables: tgw learned sales' and eng's prefixes from the attachments"
run vnetctl -n hostA peering show
run vnetctl -n hostA route show peering tgw
run vnetctl -n hostA route show network sales
echo
echo "== where a packet goes, as the data path finds it"
run vnetctl -n hostA route get 10.20.0.2 network sales
run vnetctl -n hostA route get 10.20.0.1 network sales
run vnetctl -n hostA route get 10.30.0.2 network sales

echo
echo "== across the peering router: same host, and one substrate hop to the other"
run ip netns exec salesA ping -c 2 -i 0.3 -W 1 10.20.0.1
run ip netns exec salesA ping -c 2 -i 0.3 -W 1 10.20.0.2
run ip netns exec engB ping -c 2 -i 0.3 -W 1 fd00:10::1
echo
echo "== lab is attached to nothing: unreachable"
run ip netns exec salesA ping -c 2 -i 0.3 -W 1 10.30.0.2 || true
echo
echo "== a blackhole route answers like a router; so does a TTL running out"
run vnetctl -n hostA route add 10.20.9.0/24 peering tgw blackhole
run ip netns exec salesA ping -c 1 -W 1 10.20.9.9 || true
run ip netns exec salesA ping -c 1 -W 1 -t 1 10.20.0.2 || true
echo
echo "== deleting the route stops the traffic"
run vnetctl -n hostA route del 10.20.0.0/16 network sales
run ip netns exec salesA ping -c 2 -i 0.3 -W 1 10.20.0.2 || true
run vnetctl -n hostA -s peering show

echo
echo "== vnetd: the networks' own routers tell the peering router what they reach,"
echo "== over BGP. Three more networks on both hosts, each with a BIRD router:"
echo "== web's on hostA and db's on hostB are attached to the peering router core"
echo "== with a BGP peer each; ops is attached to nothing. core lists its hosts,"
echo "== whose vnetds tell each other what their own routers announced."
for h in hostA hostB; do
	run vnetctl -n $h network add web id 40 prefix 10.40.0.0/16
	run vnetctl -n $h network add db id 50 prefix 10.50.0.0/16
	run vnetctl -n $h network add ops id 60 prefix 10.60.0.0/16
	run vnetctl -n $h peering add core host 192.168.0.1 host 192.168.0.2
done
# the BGP peer is set on the host whose port the router is on
run vnetctl -n hostA peering attach core network web address 10.40.255.1 propagate \
	bgp peer 10.40.0.10 asn 65040 local-asn 64512 hold-time 9
run vnetctl -n hostB peering attach core network web address 10.40.255.1 propagate
run vnetctl -n hostA peering attach core network db address 10.50.255.1 propagate
run vnetctl -n hostB peering attach core network db address 10.50.255.1 propagate \
	bgp peer 10.50.0.10 asn 65050 local-asn 64512 hold-time 9
for h in hostA hostB; do
	for n in web db; do
		run vnetctl -n $h route add 0.0.0.0/0 network $n via peering core
	done
	run ip -n $h addr add 10.40.255.1/16 dev web
	run ip -n $h addr add 10.50.255.1/16 dev db
	run ip -n $h link set web up
	run ip -n $h link set db up
done

# router NAME HOST NET ADDR ASN PREFIX OTHER_HOST AT: a node of NET that
# runs BIRD, reaching PREFIX (a dummy device) and announcing it to the
# peering router's address in NET (10.X.255.1)
router() {
	local name=$1 host=$2 net=$3 addr=$4 asn=$5 prefix=$6 dir=/tmp/demo-$1
	node $name $host $net $addr $7 $8
	run ip -n $name link add behind type dummy
	run ip -n $name addr add ${prefix%.0/24}.1/24 dev behind
	run ip -n $name link set behind up
	run ip -n $name route add default via ${addr%.*.*}.255.254
	run ip netns exec $name sysctl -qw net.ipv4.ip_forward=1
	mkdir -p $dir
	cat > $dir/bird.conf <<-EOF
	router id $addr;
	protocol device {}
	protocol kernel { ipv4 { import none; export where source = RTS_BGP; }; }
	protocol static behind { ipv4; route $prefix blackhole; }
	protocol bgp core {
		local as $asn;
		neighbor ${addr%.*.*}.255.1 as 64512;
		hold time 9;
		connect delay time 1;
		ipv4 { import all; export where proto = "behind"; };
	}
	EOF
	run ip netns exec $name bird -c $dir/bird.conf -s $dir/bird.ctl -P $dir/bird.pid
}
router webR hostA web 10.40.0.10 65040 172.16.40.0/24 hostB 192.168.0.1
router dbR hostB db 10.50.0.10 65050 172.16.50.0/24 hostA 192.168.0.2
router opsR hostA ops 10.60.0.10 65060 172.16.60.0/24 hostB 192.168.0.1
echo
echo "== web's router's configuration"
run cat /tmp/demo-webR/bird.conf

echo
echo "== vnetd on each host: no configuration of its own, it reads the kernel's"
for h in hostA hostB; do
	printf '\n$ ip netns exec %s vnetd -f -r 10 &\n' $h
	ip netns exec $h "$top/tools/vnetd/vnetd" -f -r 10 > /tmp/demo-vnetd-$h.log 2>&1 &
	vnetds="${vnetds:-} $!"
done
# wait_for SECONDS CMD...: until CMD succeeds
wait_for() {
	local i
	for ((i = 0; i < $1 * 5; i++)); do
		"${@:2}" > /dev/null 2>&1 && return 0
		sleep 0.2
	done
	return 1
}
learned() { vnetctl -n $1 route show peering core proto bgp | grep -q "^$2 "; }
wait_for 60 learned hostA 172.16.50.0/24
wait_for 30 learned hostB 172.16.40.0/24
echo
echo "== the sessions: each router with its host's vnetd, the vnetds with each other"
run vnetctl -n hostA bgp show
run vnetctl -n hostB bgp show
echo
echo "== core's table on both hosts: what the routers announced, through them"
run vnetctl -n hostA route show peering core
run vnetctl -n hostB route show peering core
echo
echo "== and each router learned the other's prefix, core the next hop"
wait_for 20 bash -c "ip netns exec webR ip route show proto bird | grep -q 172.16.50.0"
run ip -n webR route show proto bird
run birdc -s /tmp/demo-dbR/bird.ctl show route
echo
echo "== traffic from behind web's router (hostA) to behind db's (hostB)"
run ip netns exec webR ping -c 3 -i 0.3 -W 1 -I 172.16.40.1 172.16.50.1
echo
echo "== ops is attached to nothing: its router's session never comes up, and"
echo "== nothing reaches behind it"
run birdc -s /tmp/demo-opsR/bird.ctl show protocols core
run ip netns exec webR ping -c 2 -i 0.3 -W 1 -I 172.16.40.1 172.16.60.1 || true
echo
echo "== db's router withdraws its prefix (the static route disabled in BIRD):"
echo "== gone from core's table on both hosts, and traffic stops"
run birdc -s /tmp/demo-dbR/bird.ctl disable behind
wait_for 20 bash -c "! vnetctl -n hostA route show peering core | grep -q 172.16.50.0"
run vnetctl -n hostA route show peering core
run vnetctl -n hostB route show peering core
run ip netns exec webR ping -c 2 -i 0.3 -W 1 -I 172.16.40.1 172.16.50.1 || true
for r in webR dbR opsR; do
	kill "$(cat /tmp/demo-$r/bird.pid)" 2>/dev/null || true
done
kill $vnetds 2>/dev/null || true

echo
echo "== the namespaces (hosts and nodes) go, their networks with them; the module unloads"
for ns in blueA blueB redA redB salesA engA engB labB webR dbR opsR hostA hostB; do
	run ip netns del $ns
done
sleep 2
run rmmod vnet
echo
echo "== demo done"

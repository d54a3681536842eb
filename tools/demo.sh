#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vnet demo, run by `make demo` inside a VM booted on Debian's stock
# kernel: load the module, make a host (a network namespace) with networks
# in it, and show them; then two hosts with two networks of the same prefix
# and nodes on both, which reach their own network's nodes and not the
# other's; then a peering router joining two of three more networks, its
# route tables, and traffic between them. Each command is printed before it
# runs.
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
echo "== the namespaces (hosts and nodes) go, their networks with them; the module unloads"
for ns in blueA blueB redA redB salesA engA engB labB hostA hostB; do
	run ip netns del $ns
done
sleep 2
run rmmod vnet
echo
echo "== demo done"

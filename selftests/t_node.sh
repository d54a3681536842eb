#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Ports and nodes, the control plane: add, show and delete them; refused
# requests say why and change nothing; a port's nodes go with the port, its
# netdevice or its network; counters show; events show; many nodes at once.
source "$(dirname "$0")/lib.sh"

# nodes of the scale step: 100,000 in make check; with VNET_SCALE ten times
# that (the full 1,000,000 a host must hold at VNET_SCALE=100000; the debug
# lane's 1000 gives 10,000); VNET_NODE_SCALE sets it alone
if [ -n "${VNET_SCALE:-}" ]; then
	N=${VNET_NODE_SCALE:-$((VNET_SCALE * 10))}
else
	N=${VNET_NODE_SCALE:-100000}
fi
ktap_plan 90
netns_add h1 h2
# no IPv6 autoconfiguration: the networks' own netdevices would send router
# solicitations into the networks, counted as drops (no_route)
quiet_ipv6 h1
v() { vnetctl -n h1 "$@"; }
# veth NAME...: a veth pair NAME / NAME-p in h1, left down: no packet
# (IPv6 router solicitations, say) moves the counters checked below
veth()
{
	local d
	for d in "$@"; do
		ip -n h1 link add "$d" type veth peer name "$d-p"
	done
}

veth veth-a veth-b veth-c veth-d
v network add red id 200 prefix 10.1.0.0/16 prefix fd00:1::/64
v network add blue id 100 prefix 10.2.0.0/16 prefix fd00:2::/64

vnetctl -n h1 monitor > "$TMP/mon" 2>&1 &
vnetctl -n h1 -j monitor > "$TMP/monj" 2>&1 &
# wait until both monitors listen: they see a sentinel network come and go
for ((i = 0; i < 100; i++)); do
	v network add sync0 id 999 && v network del sync0
	grep -q "^Deleted network sync0" "$TMP/mon" && grep -q '"sync0"' "$TMP/monj" && break
	sleep 0.2
done
assert_eq "the monitors are listening" yes \
	"$(grep -q '^Deleted network sync0' "$TMP/mon" && grep -q sync0 "$TMP/monj" && echo yes)"

# --- ports
check "port add veth-a to red" v port add veth-a network red
check "port add veth-b to blue" v port add veth-b network blue
assert_eq "a port's master is its network" "master red" \
	"$(ip -n h1 link show veth-a | grep -o 'master [^ ]*')"
refuse "an unknown device refused as a port" "no such device" \
	v port add nosuch network red
refuse "a network's netdevice refused as a port" "a port must be an Ethernet device" \
	v port add blue network red
refuse "a port of another network refused" "the device is a port already" \
	v port add veth-b network red
refuse "the same port twice refused" "the device is a port already" \
	v port add veth-a network red
refuse "loopback refused as a port" "a port must be an Ethernet device" \
	v port add lo network red
ip -n h1 link add br0 type bridge && ip -n h1 link set veth-c-p master br0
refuse "a bridge's port refused" "the device has a master already" \
	v port add veth-c-p network red
ip -n h1 link del br0
refuse "a port of an unknown network refused" "no such network" \
	v port add veth-c network nosuch
refuse "port add without a network refused" "network missing" v port add veth-c
refuse "port del naming another network refused" "the device is not a port of this network" \
	v port del veth-b network red
refuse "port del of a device that is no port refused" "the device is not a port" \
	v port del veth-c
# LRO merges frames past the MTU the network holds a node's packets to: off
# on a port (a bond has it, where veth cannot)
lro() { ip netns exec h1 ethtool -k bond0 | sed -n 's/^large-receive-offload: //p'; }
if modprobe bonding 2> /dev/null && ip -n h1 link add bond0 type bond; then
	ip netns exec h1 ethtool -K bond0 lro on
	assert_eq "a bond with LRO on" on "$(lro)"
	check "becomes a port of red" v port add bond0 network red
	assert_eq "... and its LRO is off" off "$(lro)"
	ip -n h1 link del bond0
else
	for t in "a bond with LRO on" "becomes a port of red" "... and its LRO is off"; do
		ktap_skip "$t" "this kernel has no bonding"
	done
fi

# --- nodes: local and remote, IPv4 and IPv6, in two networks
check "IPv4 node on a port" v node add 10.1.0.1 network red dev veth-a
check "IPv6 node on a port" v node add fd00:1::1 network red dev veth-a
check "IPv4 node on an IPv4 remote host" v node add 10.1.0.2 network red remote 192.0.2.2
check "IPv6 node on an IPv6 remote host" v node add fd00:1::9 network red remote 2001:db8::2
check "IPv4 node on an IPv6 remote host" v node add 10.1.0.3 network red remote 2001:db8::2
check "IPv6 node on an IPv4 remote host" v node add fd00:1::a network red remote 192.0.2.3
check "a node in the other network" v node add 10.2.0.1 network blue dev veth-b
check "a remote node in the other network" v node add fd00:2::5 network blue remote 2001:db8::3

red="10.1.0.1 network red dev veth-a
10.1.0.2 network red remote 192.0.2.2
10.1.0.3 network red remote 2001:db8::2
fd00:1::1 network red dev veth-a
fd00:1::9 network red remote 2001:db8::2
fd00:1::a network red remote 192.0.2.3"
blue="10.2.0.1 network blue dev veth-b
fd00:2::5 network blue remote 2001:db8::3"
assert_eq "node show of a network, in address order" "$red" "$(v node show network red)"
assert_eq "node dump across networks, in network id order" "$blue
$red" "$(v node show)"
assert_eq "node show of one IPv4 node" "10.1.0.2 network red remote 192.0.2.2" \
	"$(v node show network red 10.1.0.2)"
assert_eq "node show of one IPv6 node" "fd00:1::1 network red dev veth-a" \
	"$(v node show fd00:1::1 network red)"
v -j node show > "$TMP/nodes.json"
check "JSON output parses" python3 -m json.tool "$TMP/nodes.json"
assert_eq "JSON holds every node with its fields" \
	"blue 10.2.0.1 dev veth-b;blue fd00:2::5 remote 2001:db8::3;red 10.1.0.1 dev veth-a;red 10.1.0.2 remote 192.0.2.2;red 10.1.0.3 remote 2001:db8::2;red fd00:1::1 dev veth-a;red fd00:1::9 remote 2001:db8::2;red fd00:1::a remote 192.0.2.3;" \
	"$(python3 -c '
import json, sys
for n in json.load(open(sys.argv[1])):
    where = "dev" if "dev" in n else "remote"
    assert len(n) == 3, n
    print(n["network"], n["address"], where, n[where], end=";")' "$TMP/nodes.json")"
assert_eq "JSON of one node" '[{"address":"fd00:1::9","network":"red","remote":"2001:db8::2"}]' \
	"$(v -j node show network red fd00:1::9)"
assert_eq "pretty JSON of a dump is the same document" \
	"$(python3 -m json.tool "$TMP/nodes.json")" \
	"$(v -j -p node show | python3 -m json.tool)"

# --- refusals: each says why, and the state stays as it was
before=$(v node show)
refuse "a node outside the network's prefixes refused" \
	"the address is outside the network's prefixes" \
	v node add 10.9.0.1 network red remote 192.0.2.2
refuse "an IPv6 node outside the prefixes refused" \
	"the address is outside the network's prefixes" \
	v node add fd00:2::1 network red dev veth-a
refuse "a node on another network's port refused" "the device is not a port of this network" \
	v node add 10.1.0.5 network red dev veth-b
refuse "a node on a device that is no port refused" "the device is not a port of this network" \
	v node add 10.1.0.5 network red dev veth-c
refuse "a node on an unknown device refused" "no such device" \
	v node add 10.1.0.5 network red dev nosuch
refuse "a duplicate node refused" "the network has a node with this address" \
	v node add 10.1.0.1 network red remote 192.0.2.2
refuse "a duplicate IPv6 node refused" "the network has a node with this address" \
	v node add fd00:1::9 network red dev veth-a
refuse "a node of an unknown network refused" "no such network" \
	v node add 10.1.0.7 network nosuch remote 192.0.2.2
refuse "a multicast remote refused" "address must be unicast" \
	v node add 10.1.0.8 network red remote 224.0.0.1
refuse "both dev and remote refused" '"dev" or "remote", not both' \
	v node add 10.1.0.8 network red dev veth-a remote 192.0.2.2
refuse "neither dev nor remote refused" "dev DEV or remote SUBSTRATE_ADDR" \
	v node add 10.1.0.8 network red
refuse "a node without a network refused" "network missing" \
	v node add 10.1.0.8 remote 192.0.2.2
refuse "a bad node address refused" 'invalid address "10.1.0.300"' \
	v node add 10.1.0.300 network red remote 192.0.2.2
refuse "deleting an unknown node refused" "no such node" \
	v node del 10.1.0.99 network red
refuse "showing an unknown node refused" "no such node" \
	v node show network red 10.1.0.99
refuse "dumping an unknown network's nodes refused" "no such network" \
	v node show network nosuch
assert_eq "refused requests changed nothing" "$before" "$(v node show)"

check "node del" v node del 10.1.0.2 network red
check "IPv6 node del" v node del fd00:1::a network red
assert_eq "they are gone, the rest stay" "10.1.0.1 10.1.0.3 fd00:1::1 fd00:1::9" \
	"$(v node show network red | cut -d' ' -f1 | xargs)"

# --- counters
assert_eq "network show -s: counters under the network, laid out as ip -s" \
	"red: id 200 port 6081 prefix 10.1.0.0/16 prefix fd00:1::/64
    RX: bytes packets dropped
            0       0       0
    dropped: no_route 0 spoofed 0 bad_vni 0 unknown_node 0 too_big 0 malformed 0 unresolved 0 blackhole 0 ttl 0
    TX: bytes packets
            0       0" \
	"$(v -s network show red)"
assert_eq "-o: the same on one line" \
	"red: id 200 port 6081 prefix 10.1.0.0/16 prefix fd00:1::/64 \\    RX: bytes packets dropped \\            0       0       0 \\    dropped: no_route 0 spoofed 0 bad_vni 0 unknown_node 0 too_big 0 malformed 0 unresolved 0 blackhole 0 ttl 0 \\    TX: bytes packets \\            0       0" \
	"$(v -s -o network show red)"
assert_eq "network show without -s: no counters" \
	"red: id 200 port 6081 prefix 10.1.0.0/16 prefix fd00:1::/64" "$(v network show red)"
assert_eq "JSON counters with -s: stats64, as ip -s -j link show" \
	"bytes,packets,dropped,no_route,spoofed,bad_vni,unknown_node,too_big,malformed,unresolved,blackhole,ttl bytes,packets 0 0" \
	"$(v -j -s network show red | python3 -c '
import json, sys
s = json.load(sys.stdin)[0]["stats64"]
print(",".join(s["rx"]), ",".join(s["tx"]), s["rx"]["dropped"], s["tx"]["packets"])')"
assert_eq "no JSON counters without -s" False \
	"$(v -j network show red | python3 -c 'import json,sys; print("stats64" in json.load(sys.stdin)[0])')"
assert_eq "stats: the substrate counters" "substrate:
    RX: dropped
              0
    dropped: bad_vni 0 malformed 0" "$(v stats)"
assert_eq "stats as JSON" '{"stats64":{"rx":{"dropped":0,"bad_vni":0,"malformed":0}}}' "$(v -j stats show)"

# --- a port's nodes go with it
check "port del takes the port's nodes" v port del veth-a network red
assert_eq "only the remote nodes are left" "10.1.0.3 fd00:1::9" \
	"$(v node show network red | cut -d' ' -f1 | xargs)"
assert_eq "the device is free again" "" \
	"$(ip -n h1 -d link show veth-a | grep -o 'master [^ ]*')"
check "and can be a port again" v port add veth-a network red
check "with a node on it" v node add 10.1.0.1 network red dev veth-a
check "the netdevice of a port deleted by ip link" ip -n h1 link del veth-b
assert_eq "takes the port's nodes with it" "fd00:2::5 network blue remote 2001:db8::3" \
	"$(v node show network blue)"
refuse "and the port" "no such device" v port del veth-b
check "a port in blue" v port add veth-d network blue
check "with a node on it, in blue" v node add 10.2.0.7 network blue dev veth-d
check "the port's netdevice moved to another namespace" ip -n h1 link set veth-d netns h2
assert_eq "takes the port's nodes with it" "fd00:2::5 network blue remote 2001:db8::3" \
	"$(v node show network blue)"
assert_eq "and arrives free" "" "$(ip -n h2 link show veth-d | grep -o 'master [^ ]*')"
check "a port's netdevice renamed" ip -n h1 link set veth-a name veth-r
assert_eq "node show names it by its new name" "10.1.0.1 network red dev veth-r" \
	"$(v node show network red 10.1.0.1)"
ip -n h1 link set veth-r name veth-a

# --- a network takes its ports and nodes with it
check "network del with ports and nodes" v network del red
refuse "its nodes are gone" "no such network" v node show network red
assert_eq "the other network's are not" "fd00:2::5 network blue remote 2001:db8::3" \
	"$(v node show)"
check "its port is free for another network" v port add veth-a network blue

# --- the events of all the above, as text and JSON
sleep 0.5
kill %1 %2
wait 2>/dev/null
sed -n '/^Deleted network sync0/,$p' "$TMP/mon" | grep -v sync0 > "$TMP/ev"
assert_eq "monitor: port events" \
	"port veth-a network red
port veth-b network blue
Deleted port veth-a network red
port veth-a network red
Deleted port veth-b network blue
port veth-d network blue
Deleted port veth-d network blue
port veth-a network blue" \
	"$(grep -E '^(Deleted )?port ' "$TMP/ev" | grep -v ' bond0 ')"
assert_eq "monitor: node events, as show prints them" \
	"node 10.1.0.2 network red remote 192.0.2.2
node fd00:1::a network red remote 192.0.2.3
Deleted node 10.1.0.2 network red remote 192.0.2.2
Deleted node fd00:1::a network red remote 192.0.2.3" \
	"$(grep -e '^node 10.1.0.2 ' -e '^node fd00:1::a ' -e ' node 10.1.0.2 ' -e ' node fd00:1::a ' "$TMP/ev")"
assert_eq "monitor: JSON events name their object" \
	"new port veth-a red;new node 10.1.0.1 red veth-a;new node fd00:1::9 red 2001:db8::2;" \
	"$(grep -v sync0 "$TMP/monj" | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e["object"] == "port" and e["dev"] == "veth-a" or \
       e["object"] == "node" and e.get("address") in ("10.1.0.1", "fd00:1::9"):
        print("del" if e.get("deleted") else "new", e["object"], e.get("address", e.get("dev")), e["network"],
              *([e.get("dev", e.get("remote"))] if e["object"] == "node" else []), end=";")
        if e["object"] == "node" and e["address"] == "fd00:1::9":
            break')"
assert_eq "monitor: nothing on stderr" "" "$(grep -i -e error -e warning "$TMP/mon" "$TMP/monj")"

# --- many nodes in one network
check "network for $N nodes" v network add big id 300 prefix 10.128.0.0/9 prefix fd00:b::/64
v port add veth-c network big
python3 -c '
import sys
for i in range(int(sys.argv[1])):
    a = "10.%d.%d.%d" % (128 + (i >> 16), (i >> 8) & 255, i & 255)
    where = "dev veth-c" if i % 10 == 0 else "remote 192.0.2.%d" % (i % 200 + 1)
    print("node add", a, "network big", where)' "$N" > "$TMP/add"
timed "$N nodes added from one -batch file" v -batch "$TMP/add"
t0=$(date +%s.%N)
assert_eq "node show lists all $N" "$N" "$(v node show network big | wc -l)"
diag "took $(echo "$(date +%s.%N) - $t0" | bc) s"
assert_eq "the JSON dump too, with one port node in ten" "$N $(((N + 9) / 10))" \
	"$(v -j node show network big | python3 -c '
import json, sys
nodes = json.load(sys.stdin)
print(len(nodes), sum(1 for n in nodes if n.get("dev") == "veth-c"))')"
timed "the network deleted with its $N nodes" v network del big
assert_eq "none left" "fd00:2::5 network blue remote 2001:db8::3" "$(v node show)"

check_kernel_log
ktap_finished

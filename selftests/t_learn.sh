#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The node side of a port: what a node's frames may claim. A node's MAC
# address is learnt per node, only from frames sent from an address the port
# owns; frames with a multicast or zero source MAC, IPv6 posing as IPv4
# (v4-mapped addresses) and solicitations for v4-mapped targets are dropped as
# malformed. A node that has not spoken yet is asked for its MAC address at
# most once a second while a few packets wait for it, and tenant unicast is
# never broadcast; ICMP errors to a node are rate-limited. Frames are crafted
# by frame.py in node b1's namespace, Geneve packets by geneve.py in h2.
#
# h1: network blue: b1 10.1.0.1 (also node 10.1.0.11 on b1's port), b2
#     10.1.0.2; q1 10.1.0.7 and fd00:1::7, a node that never answers
# h2: network blue: b3 10.1.0.3, b4 10.1.0.4
source "$(dirname "$0")/lib.sh"

ktap_plan 32

setup()
{
	blue_nodes &&
	vnetctl -n h1 node add 10.1.0.11 network blue dev b1 &&
	vnetctl -n h2 node add 10.1.0.11 network blue remote "$(sub4 1)" &&
	# q1: a port and a node with no address at all: it never answers
	netns_add q1 && quiet_ipv6 q1 &&
	ip -n h1 link add q1 type veth peer name eth0 netns q1 &&
	ip -n h1 link set q1 addrgenmode none up && ip -n q1 link set eth0 up &&
	vnetctl -n h1 port add q1 network blue &&
	vnetctl -n h1 node add 10.1.0.7 network blue dev q1 &&
	vnetctl -n h1 node add fd00:1::7 network blue dev q1 &&
	vnetctl -n h2 node add 10.1.0.7 network blue remote "$(sub4 1)" &&
	vnetctl -n h2 node add fd00:1::7 network blue remote "$(sub4 1)"
}
check "two hosts, network blue, a second node on b1's port, a silent node q1" setup
sleep 1
check "a silent node's first packets wait for its answer: 3 of 3 pings answered" \
	pings b3 10.1.0.1

crafter_start f b1 "$VNET_TESTS/frame.py" --serve eth0
crafter_start g h2 "$VNET_TESTS/geneve.py" --serve
PORT_MAC=$(ip -n h1 -br link show b1 | awk '{ print $3 }')
# frame DESC EXPECTED ARGS...: frame.py ARGS from b1 to its port, then h1's
# counters must have moved as EXPECTED
frame() { crafted_with f h1 "$1" "$2" --dst-mac "$PORT_MAC" "${@:3}"; }
dropped="blue.tx_packets=0 blue.spoofed=0"

frame "a crafted echo request from b1 to b2: forwarded (the crafting is right)" \
	"blue.tx_packets=1+ blue.malformed=0" ip 10.1.0.1 10.1.0.2
frame "from a multicast source MAC: malformed" "blue.malformed=1 $dropped" \
	--src-mac 01:00:5e:00:00:01 ip 10.1.0.1 10.1.0.2
frame "from the zero MAC: malformed" "blue.malformed=1 $dropped" \
	--src-mac 00:00:00:00:00:00 ip 10.1.0.1 10.1.0.2
assert_eq "... b1's MAC address is still the one learnt" \
	"$(ip -n b1 -br link show eth0 | awk '{ print $3 }')" \
	"$(vnetctl -n h1 -d node show network blue 10.1.0.1 | sed -n 's/.* lladdr //p')"
frame "IPv6 from ::ffff:10.1.0.1 to ::ffff:10.1.0.2 (posing as IPv4): malformed" \
	"blue.malformed=1 $dropped" ip ::ffff:10.1.0.1 ::ffff:10.1.0.2
frame "a solicitation for ::ffff:10.1.0.2: malformed, not answered" \
	"blue.malformed=1 $dropped" ns fd00:1::1 ::ffff:10.1.0.2
frame "a VLAN-tagged frame: dropped as no_route" "blue.no_route=1 $dropped" \
	--vlan 5 ip 10.1.0.1 10.1.0.2
frame "an advertisement to b2 behind a destination options header: not carried" \
	"blue.no_route=1 $dropped" --dstopts --nd-dst fd00:1::2 na fd00:1::1 fd00:1::1

# MAC learning: per node, only from frames from the port's own addresses
B1_MAC=$(ip -n b1 -br link show eth0 | awk '{ print $3 }')
lladdr() { vnetctl -n h1 -d node show network blue "$1" | sed -n 's/.* lladdr //p'; }
assert_eq "node show has b1's MAC address, learnt" "$B1_MAC" "$(lladdr 10.1.0.1)"
frame "a solicitation from a link-local source with another MAC: answered" \
	"blue.spoofed=0 blue.malformed=0" --src-mac 02:00:00:00:00:99 \
	ns fe80::99 fd00:1::3
assert_eq "... and not learnt from" "$B1_MAC" "$(lladdr 10.1.0.1)"
check "... b1 still gets its packets" pings b3 10.1.0.1
frame "ARP from b1 naming another sender MAC: answered" "blue.spoofed=0 blue.malformed=0" \
	--sha 02:00:00:00:00:97 arp 10.1.0.1 10.1.0.2
assert_eq "... the MAC learnt is the frame's, not the one the ARP names" "$B1_MAC" \
	"$(lladdr 10.1.0.1)"
frame "ARP from a foreign address with another MAC: spoofed" \
	"blue.spoofed=1 blue.tx_packets=0" --src-mac 02:00:00:00:00:98 \
	arp 10.1.0.2 10.1.0.3
check "... and b1 still gets its packets" pings b3 10.1.0.1
frame "a frame from 10.1.0.11 (b1's port's other node) with MAC :11: forwarded" \
	"blue.tx_packets=1+ blue.spoofed=0" --src-mac 02:00:00:00:00:11 \
	ip 10.1.0.11 10.1.0.2
assert_eq "... learnt for 10.1.0.11, and b1's kept for 10.1.0.1: MACs are per node" \
	"02:00:00:00:00:11 $B1_MAC" "$(lladdr 10.1.0.11) $(lladdr 10.1.0.1)"
check "... b1 (10.1.0.1) still gets its packets" pings b3 10.1.0.1

# floods: 20 packets to the silent q1 within a fraction of a second
q1_rx() { ip -n q1 -s -j link show eth0 | python3 -c '
import json, sys; print(json.load(sys.stdin)[0]["stats64"]["rx"]["packets"])'; }
rx0=$(q1_rx)
crafted_with g h1 "20 packets from b3 to silent q1: 3 held, 17 dropped as unresolved" \
	"blue.rx_packets=20 blue.unresolved=17" $(sub4 2) $(sub4 1) \
	--inner-dst 10.1.0.7 --count 20
assert_eq "... q1 was sent one ARP request, and nothing broadcast" 1 \
	$(($(q1_rx) - rx0))
sleep 1.2
rx0=$(q1_rx)
crafted_with g h1 "a second later, another packet: the 3 held ones dropped" \
	"blue.rx_packets=1 blue.unresolved=3" $(sub4 2) $(sub4 1) --inner-dst 10.1.0.7 \
	--count 1
assert_eq "... and one more ARP request" 1 $(($(q1_rx) - rx0))
rx0=$(q1_rx)
crafted_with g h1 "IPv6: 20 packets to q1: 17 dropped as unresolved" \
	"blue.rx_packets=20 blue.unresolved=17" $(sub4 2) $(sub4 1) \
	--inner-src fd00:1::3 --inner-dst fd00:1::7 --count 20
assert_eq "... one neighbour solicitation" 1 $(($(q1_rx) - rx0))

# ICMP errors: 20 oversized DF packets from b2 in a fraction of a second;
# the kernel's per-destination limit allows a burst of 6, then one a second
# (icmp_ratelimit); the network does as much for each node, IPv4 and IPv6
crafter_start f2 b2 "$VNET_TESTS/frame.py" --serve eth0
B2_MAC=$(ip -n h1 -br link show b2 | awk '{ print $3 }')
errors() { ip netns exec b2 awk '$1 == "Icmp:" && $5 ~ /^[0-9]/ { print $5 }
	$1 == "Icmp6InPktTooBigs" { print $2 }' /proc/net/snmp /proc/net/snmp6 | xargs; }
# rate DESC ARGS...: 20 frame.py ARGS from b2, too big: 6 errors back
rate()
{
	local e0 e1 before out
	e0=$(errors)
	before=$(snapshot h1)
	out=$(craft_with f2 --dst-mac "$B2_MAC" --count 20 --size 1478 "${@:2}") ||
		diag "$out"
	sleep 0.5
	assert_moved "$1: 20 too big" "$before" "$(snapshot h1)" "blue.too_big=20"
	e1=$(errors)
	assert_eq "... answered by 6 ICMP errors, not 20" 6 \
		"$(awk -v a="$e0" -v b="$e1" 'BEGIN { split(a, x); split(b, y);
			print y[1] - x[1] + y[2] - x[2] }')"
}
rate "IPv4 from b2 to b4" ip 10.1.0.2 10.1.0.4
rate "IPv6 from b2 to b4" ip fd00:1::2 fd00:1::4
check_kernel_log
ktap_finished

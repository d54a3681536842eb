#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The overlay data path between two hosts: two networks with the same prefix
# and different ids, two nodes of each on each host. Pings and checked TCP
# transfers work inside each network, over IPv4 and IPv6 overlays and IPv4
# and IPv6 substrates; nothing crosses between the networks, and each
# attempt is counted where it is dropped.
#
#   network blue (id 100)            network red (id 200)
#   h1: b1 10.1.0.1   b2 10.1.0.2    h1: r1 10.1.0.1   r2 10.1.0.12
#   h2: b3 10.1.0.3   b4 10.1.0.4    h2: r3 10.1.0.3   r4 10.1.0.14
#   (and fd00:1::N alike)
# Nodes 1 and 3 know each other's host by its IPv4 substrate address, nodes
# 2 and 4 (12 and 14) by its IPv6 one.
source "$(dirname "$0")/lib.sh"

ktap_plan 42

setup()
{
	vnet_hosts h1 h2 blue 100 red 200 &&
	vnet_node h1 h2 blue b1 1 "$(sub4 1)" &&
	vnet_node h1 h2 blue b2 2 "$(sub6 1)" &&
	vnet_node h2 h1 blue b3 3 "$(sub4 2)" &&
	vnet_node h2 h1 blue b4 4 "$(sub6 2)" &&
	vnet_node h1 h2 red r1 1 "$(sub4 1)" &&
	vnet_node h1 h2 red r2 12 "$(sub6 1)" &&
	vnet_node h2 h1 red r3 3 "$(sub4 2)" &&
	vnet_node h2 h1 red r4 14 "$(sub6 2)"
}
check "two hosts; networks blue and red, same prefix, four nodes each" setup
# the nodes' multicast listener reports at link-up are their only
# unsolicited packets (dropped as no_route): let them pass before counting
sleep 2

# --- inside each network
check "blue: IPv4 ping on one host" pings b1 10.1.0.2
check "blue: IPv6 ping on one host" pings b2 fd00:1::1
check "blue: IPv4 ping over the IPv4 substrate" pings b1 10.1.0.3
check "blue: IPv6 ping over the IPv4 substrate" pings b3 fd00:1::1
check "blue: IPv4 ping over the IPv6 substrate" pings b4 10.1.0.2
check "blue: IPv6 ping over the IPv6 substrate" pings b2 fd00:1::4
check "red: IPv4 ping on one host" pings r1 10.1.0.12
check "red: IPv6 ping over the IPv4 substrate" pings r1 fd00:1::3
check "red: IPv4 ping over the IPv6 substrate" pings r4 10.1.0.12
check "red: IPv6 ping over the IPv6 substrate" pings r2 fd00:1::14

before=$(snapshot h1)
check "blue: TCP, IPv4 over the IPv4 substrate (10 MB, SHA-256)" tcp_xfer b1 b3 10.1.0.3
check "blue: TCP, IPv6 over the IPv4 substrate" tcp_xfer b3 b1 fd00:1::1
check "blue: TCP, IPv4 over the IPv6 substrate" tcp_xfer b2 b4 10.1.0.4
check "blue: TCP, IPv6 over the IPv6 substrate" tcp_xfer b4 b2 fd00:1::2
assert_moved "blue on h1 counted 20 MB each way" "$before" "$(snapshot h1)" \
	"blue.rx_bytes=20971520+ blue.tx_bytes=20971520+"
check "red: TCP, IPv4 over the IPv4 substrate" tcp_xfer r3 r1 10.1.0.1
check "red: TCP, IPv6 over the IPv6 substrate" tcp_xfer r2 r4 fd00:1::14

# --- the same address in both networks reaches the node of its own network
before=$(snapshot h2)
check "blue: b1 pings 10.1.0.3" pings b1 10.1.0.3
after=$(snapshot h2)
assert_moved "... which reached blue's 10.1.0.3 on h2" "$before" "$after" \
	"blue.rx_packets=3 blue.tx_packets=3"
assert_moved "... and not red's" "$before" "$after" "red.rx_packets=0 red.tx_packets=0"
before=$(snapshot h1)
check "red: r3 pings fd00:1::1" pings r3 fd00:1::1
after=$(snapshot h1)
assert_moved "... which reached red's fd00:1::1 on h1" "$before" "$after" \
	"red.rx_packets=3 red.tx_packets=3"
assert_moved "... and not blue's" "$before" "$after" "blue.rx_packets=0 blue.tx_packets=0"

# --- across networks: nothing passes, each attempt is counted
# cross HOST NET NODE ADDR: NODE (of NET, on HOST) fails to reach ADDR,
# another network's node, and NET on HOST counts it as an unknown node
cross()
{
	local before
	before=$(snapshot "$1")
	check "$2: $3 cannot reach $4 (another network's node)" no_pings "$3" "$4"
	assert_moved "... counted as unknown_node on $1" "$before" "$(snapshot "$1")" \
		"$2.unknown_node=3 $2.no_route=0 $2.tx_packets=0"
}
cross h1 red r1 10.1.0.2
cross h1 red r1 fd00:1::4
cross h1 blue b2 10.1.0.14
cross h2 blue b4 fd00:1::12
o2=$(snapshot h2)
before=$(snapshot h1)
check "blue: b1 cannot reach 10.2.0.1 (outside the prefixes)" no_pings b1 10.2.0.1
check "blue: b1 cannot reach fd00:2::1 (outside the prefixes)" no_pings b1 fd00:2::1
assert_moved "... counted as no_route on h1" "$before" "$(snapshot h1)" \
	"blue.unknown_node=0 blue.no_route=6 blue.tx_packets=0"
assert_moved "no attempt across networks reached h2" "$o2" "$(snapshot h2)" \
	"blue.rx_packets=0 blue.unknown_node=0 blue.spoofed=0 red.rx_packets=0"

# --- the other views of the counters
same_as_ip_link()
{
	local v i
	v=$(snapshot "$1" | tr ' ' '\n' | awk -F '[.=]' -v net="$2" '
	$1 == net { c[$2] = $3 }
	END {
		d = c["no_route"] + c["spoofed"] + c["bad_vni"] + c["unknown_node"]
		d += c["too_big"] + c["malformed"]
		print c["rx_bytes"], c["rx_packets"], c["tx_bytes"], c["tx_packets"], d
	}')
	i=$(ip -n "$1" -s link show "$2" |
	    awk '/RX:/ { getline; rx = $1 " " $2; d = $4 } /TX:/ { getline; print rx, $1, $2, d }')
	echo "vnetctl: $v; ip link: $i (rx bytes, packets, tx bytes, packets, rx dropped)"
	[ -n "$v" ] && [ "$v" = "$i" ]
}
check "ip -s link shows blue's counters on h1, drops summed in rx dropped" \
	same_as_ip_link h1 blue
check "and red's on h2" same_as_ip_link h2 red
assert_eq "no substrate packet reached no network on h1" "0 0" \
	"$(counter h1 ns bad_vni) $(counter h1 ns malformed)"
assert_eq "nor on h2" "0 0" "$(counter h2 ns bad_vni) $(counter h2 ns malformed)"
assert_eq "no packet from a node was taken for spoofed" "0 0 0 0" \
	"$(counter h1 blue spoofed) $(counter h2 blue spoofed) $(counter h1 red spoofed) $(counter h2 red spoofed)"

check_kernel_log
ktap_finished

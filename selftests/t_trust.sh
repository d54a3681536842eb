#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The receiving host does not take the sender's word for a packet between
# networks: crafted Geneve packets from h1 (geneve.py) to h2, each beside
# a control that proves the crafted path delivers when it should. h2
# repeats the lookup from the network the vnet option names, and delivers
# only to a local node the lookup ends at, from a source node on the
# sending host; the rest is dropped and counted by reason.
#
# As in t_transit.sh: blue (100) and red (200) attached to tgw, green (300)
# alone; b1 and g1 on h1, r3 on h2, known across by IPv4 substrate
# addresses, b2 on h1 and r4 on h2 by IPv6 ones, r1 on h1.
source "$(dirname "$0")/lib.sh"

ktap_plan 26

setup()
{
	peering_hosts h1 h2 &&
	vnet_node h1 h2 blue b1 1 "$(sub4 1)" 1 &&
	vnet_node h1 h2 blue b2 2 "$(sub6 1)" 1 &&
	vnet_node h2 h1 red r3 3 "$(sub4 2)" 2 &&
	vnet_node h2 h1 red r4 4 "$(sub6 2)" 2 &&
	vnet_node h1 h2 red r1 1 "$(sub4 1)" 2 &&
	vnet_node h1 h2 green g1 1 "$(sub4 1)" 3 &&
	vnetctl -n h2 node add 10.1.0.9 network blue remote 192.0.2.9 &&
	vnetctl -n h2 route add 10.2.9.0/24 peering tgw blackhole
}
check "two hosts; blue and red attached to tgw, green alone" setup
sleep 1

crafter_start g h1 "$VNET_TESTS/geneve.py" --serve
crafted() { crafted_with g h2 "$@"; }
S4=$(sub4 1) D4=$(sub4 2) S6=$(sub6 1) D6=$(sub6 2)
b1r3="--inner-src 10.1.0.1 --inner-dst 10.2.0.3"
ok="red.rx_packets=5 red.spoofed=0 red.no_route=0 red.malformed=0"
dropped="red.rx_packets=0 red.tx_packets=0"

crafted "control: blue's b1 to red's r3, vnet option naming blue: delivered" \
	"$ok" $S4 $D4 --vni 200 --srcnet 100 $b1r3
crafted "control: the same in IPv6 over the IPv6 substrate (b2 to r4)" "$ok" \
	$S6 $D6 --vni 200 --srcnet 100 --inner-src fd00:1::2 --inner-dst fd00:2::4
crafted "control: with another, foreign option before it" "$ok" \
	$S4 $D4 --vni 200 --option --srcnet 100 $b1r3
crafted "no vnet option: the source is no node of red, spoofed" \
	"red.spoofed=5 $dropped" $S4 $D4 --vni 200 $b1r3
crafted "the option 8 bytes long: malformed" "red.malformed=5 $dropped" \
	$S4 $D4 --vni 200 --srcnet 100 --srcnet-words 2 $b1r3
crafted "the option with no data: malformed" "red.malformed=5 $dropped" \
	$S4 $D4 --vni 200 --srcnet 100 --srcnet-words 0 $b1r3
crafted "a critical option beside it, the C bit clear: malformed" \
	"red.malformed=5 $dropped" $S4 $D4 --vni 200 --srcnet 100 --critical-opt $b1r3
crafted "the option twice: malformed" "red.malformed=5 $dropped" \
	$S4 $D4 --vni 200 --srcnet 100 --srcnet-twice $b1r3
crafted "a network id over 24 bits: malformed" "red.malformed=5 $dropped" \
	$S4 $D4 --vni 200 --srcnet $((1 << 24 | 100)) $b1r3
crafted "a network this host does not have: spoofed" "red.spoofed=5 $dropped" \
	$S4 $D4 --vni 200 --srcnet 999 $b1r3
crafted "naming red itself, for a blue source: spoofed" "red.spoofed=5 $dropped" \
	$S4 $D4 --vni 200 --srcnet 200 $b1r3
crafted "from green, which tgw does not join (g1 to r3): no_route" \
	"red.no_route=5 $dropped" $S4 $D4 --vni 200 --srcnet 300 \
	--inner-src 10.3.0.1 --inner-dst 10.2.0.3
crafted "a source node on another host (10.1.0.9 at 192.0.2.9): spoofed" \
	"red.spoofed=5 $dropped" $S4 $D4 --vni 200 --srcnet 100 \
	--inner-src 10.1.0.9 --inner-dst 10.2.0.3
crafted "a source node known by the other substrate address (b2): spoofed" \
	"red.spoofed=5 $dropped" $S4 $D4 --vni 200 --srcnet 100 \
	--inner-src 10.1.0.2 --inner-dst 10.2.0.3
crafted "from tgw's address in blue (the host's, never on the substrate): spoofed" \
	"red.spoofed=5 $dropped" $S4 $D4 --vni 200 --srcnet 100 \
	--inner-src 10.1.255.1 --inner-dst 10.2.0.3
crafted "tgw's address in red, inside red (no option): spoofed" "red.spoofed=5 $dropped" \
	$S4 $D4 --vni 200 --inner-src 10.2.255.1 --inner-dst 10.2.0.3
crafted "to tgw's address in red (h2's stack) from the substrate: unknown_node" \
	"red.unknown_node=5 $dropped" $S4 $D4 --vni 200 --srcnet 100 \
	--inner-src 10.1.0.1 --inner-dst 10.2.255.1
crafted "a destination blue has no route to: no_route" "red.no_route=5 $dropped" \
	$S4 $D4 --vni 200 --srcnet 100 --inner-src 10.1.0.1 --inner-dst 10.99.0.1
crafted "a destination inside blue itself: no_route" "red.no_route=5 $dropped" \
	$S4 $D4 --vni 200 --srcnet 100 --inner-src 10.1.0.1 --inner-dst 10.1.0.2
crafted "a destination tgw blackholes on h2: blackhole" \
	"red.blackhole=5 $dropped" $S4 $D4 --vni 200 --srcnet 100 \
	--inner-src 10.1.0.1 --inner-dst 10.2.9.1
crafted "a destination red has on h1, not here (r1): unknown_node" \
	"red.unknown_node=5 $dropped" $S4 $D4 --vni 200 --srcnet 100 \
	--inner-src 10.1.0.1 --inner-dst 10.2.0.1
crafted "the VNI of green, where the lookup does not lead: no_route" \
	"green.no_route=5 green.rx_packets=0 $dropped" $S4 $D4 --vni 300 --srcnet 100 $b1r3
vnetctl -n h2 route del 10.2.0.0/16 network blue
crafted "h2's blue without the route h1's has: no_route" "red.no_route=5 $dropped" \
	$S4 $D4 --vni 200 --srcnet 100 $b1r3
vnetctl -n h2 route add 10.2.0.0/16 network blue via peering tgw
crafted "control: with it back, delivered" "$ok" $S4 $D4 --vni 200 --srcnet 100 $b1r3

check_kernel_log
ktap_finished

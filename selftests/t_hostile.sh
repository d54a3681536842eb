#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Hostile packets: from a node with a source address not its own, and on the
# substrate (crafted by geneve.py from the other host): a wrong VNI, a wrong
# substrate source, truncated and garbage payloads, critical options, OAM,
# other payload types, bad inner headers. Each is dropped (nothing reaches a
# node) and the matching counter moves by exactly the packets sent; the
# kernel log stays clean. Good packets, with and without a non-critical
# option, are delivered: so the crafting itself is right.
#
# h1: network blue (id 100, port 6081): b1 10.1.0.1 (known to h2 at its IPv4
#     substrate address), b2 10.1.0.2 (at its IPv6 one); network green (id
#     300, port 7000)
# h2: network blue: b3 10.1.0.3 (IPv4), b4 10.1.0.4 (IPv6), and
#     the sender of the crafted packets, also from 192.168.0.99, fd99::99
source "$(dirname "$0")/lib.sh"

ktap_plan 43

setup()
{
	blue_nodes &&
	vnetctl -n h1 network add green id 300 prefix 10.1.0.0/16 port 7000 &&
	addr_add h2 sub 192.168.0.99/24 fd99::99/64
}
check "two hosts, network blue with four nodes, green on another port" setup
sleep 2

# the crafter runs in h2 all along
crafter_start g h2 "$VNET_TESTS/geneve.py" --serve
craft() { craft_with g "$@"; }

# crafted DESC EXPECTED ARGS...: geneve.py ARGS from h2 (5 packets unless
# --count), then h1's counters must have moved as EXPECTED (see assert_moved)
crafted() { crafted_with g h1 "$@"; }
S4=$(sub4 2) D4=$(sub4 1) S6=$(sub6 2) D6=$(sub6 1)
none="blue.spoofed=0 blue.unknown_node=0 blue.malformed=0 blue.bad_vni=0 ns.bad_vni=0 ns.malformed=0"
dropped="blue.rx_packets=0 blue.tx_packets=0"

# --- good packets first: the crafting is right
crafted "good: IPv4 in IPv4, delivered" "blue.rx_packets=5 $none" $S4 $D4
crafted "good: IPv6 in IPv6, delivered" "blue.rx_packets=5 $none" $S6 $D6 \
	--inner-src fd00:1::4 --inner-dst fd00:1::2
crafted "good: with a non-critical option, delivered" "blue.rx_packets=5 $none" \
	$S4 $D4 --option

# --- VNI and substrate source
crafted "VNI of no network: bad_vni of the namespace" "ns.bad_vni=5 $dropped" \
	$S4 $D4 --vni 999
crafted "VNI of no network over IPv6: bad_vni of the namespace" "ns.bad_vni=5 $dropped" \
	$S6 $D6 --vni 4242 --inner-src fd00:1::4 --inner-dst fd00:1::2
crafted "VNI of a network on another port: its bad_vni" \
	"green.bad_vni=5 ns.bad_vni=0 $dropped" $S4 $D4 --vni 300
crafted "from a substrate address no node is at: spoofed" "blue.spoofed=5 $dropped" \
	192.168.0.99 $D4
crafted "from another IPv6 substrate address: spoofed" "blue.spoofed=5 $dropped" \
	fd99::99 $D6 --inner-src fd00:1::4 --inner-dst fd00:1::2
crafted "inner source a node of the host's other address: spoofed" \
	"blue.spoofed=5 $dropped" $S4 $D4 --inner-src 10.1.0.4
crafted "the same over the IPv6 substrate: spoofed" "blue.spoofed=5 $dropped" \
	$S6 $D6 --inner-src fd00:1::3 --inner-dst fd00:1::2
# UDPv6 takes v4-mapped sources (since Linux 5.12): h2 posing on the IPv6
# substrate as any IPv4 host, here its own 192.168.0.2, whose nodes b3 is
crafted "raw IPv6 from h2's own IPv6 address: delivered (the raw path works)" \
	"blue.rx_packets=5 $none" - $D6 --raw-src $S6 --inner-src 10.1.0.4
crafted "raw IPv6 from ::ffff:$S4 (IPv4 host h2, v4-mapped): spoofed" \
	"blue.spoofed=5 $dropped" - $D6 --raw-src ::ffff:$S4
crafted "inner IPv6 from ::ffff:10.1.0.3 to ::ffff:10.1.0.1 (posing as IPv4 nodes): malformed" \
	"blue.malformed=5 $dropped" $S4 $D4 --inner-src ::ffff:10.1.0.3 \
	--inner-dst ::ffff:10.1.0.1
crafted "inner source a node of this host: spoofed" "blue.spoofed=5 $dropped" \
	$S4 $D4 --inner-src 10.1.0.2
crafted "inner source no node: spoofed" "blue.spoofed=5 $dropped" \
	$S4 $D4 --inner-src 10.1.0.77
crafted "inner destination no node: unknown_node" "blue.unknown_node=5 $dropped" \
	$S4 $D4 --inner-dst 10.1.0.77
crafted "inner destination a remote node (no hairpin): unknown_node" \
	"blue.unknown_node=5 $dropped" $S4 $D4 --inner-dst 10.1.0.4
crafted "inner destination outside the prefixes: unknown_node" \
	"blue.unknown_node=5 $dropped" $S4 $D4 --inner-dst 10.9.0.1

# --- truncated and malformed
crafted "empty UDP payload: malformed of the namespace" "ns.malformed=5 $dropped" \
	$S4 $D4 --truncate 0
crafted "7 bytes of Geneve header: malformed of the namespace" "ns.malformed=5 $dropped" \
	$S4 $D4 --truncate 7
crafted "empty UDP payload over IPv6: malformed of the namespace" \
	"ns.malformed=5 $dropped" $S6 $D6 --truncate 0
crafted "Geneve version 1: malformed of the namespace" "ns.malformed=5 $dropped" \
	$S4 $D4 --ver 1
crafted "header only, no inner packet: malformed" "blue.malformed=5 $dropped" \
	$S4 $D4 --truncate 8
crafted "options longer than the packet: malformed" "blue.malformed=5 $dropped" \
	$S4 $D4 --truncate 12 --opt-len 20
crafted "a critical option: malformed" "blue.malformed=5 $dropped" $S4 $D4 --critical
crafted "OAM frame: malformed" "blue.malformed=5 $dropped" $S4 $D4 --oam
crafted "Ethernet payload (0x6558): malformed" "blue.malformed=5 $dropped" \
	$S4 $D4 --inner ether
crafted "unknown protocol type: malformed" "blue.malformed=5 $dropped" \
	$S4 $D4 --proto 0x88b5
crafted "IPv6 packet as type IPv4: malformed" "blue.malformed=5 $dropped" \
	$S4 $D4 --inner v6-as-v4
crafted "IPv4 packet as type IPv6: malformed" "blue.malformed=5 $dropped" \
	$S4 $D4 --proto 0x86dd
crafted "truncated inner IPv4 header: malformed" "blue.malformed=5 $dropped" \
	$S4 $D4 --inner short
crafted "inner IPv4 header checksum wrong: malformed" "blue.malformed=5 $dropped" \
	$S4 $D4 --inner bad-csum
crafted "inner IPv4 length past the packet: malformed" "blue.malformed=5 $dropped" \
	$S4 $D4 --inner long-len

# garbage: whatever counter, but every packet counted once, none delivered
before=$(snapshot h1)
check "200 random payloads sent" craft $S4 $D4 --garbage 1 --count 200
sleep 0.5
after=$(snapshot h1)
# sums NAME...: over both snapshots, the sum of every network's (and the
# namespace's) counters NAME, after minus before
sums()
{
	tr ' ' '\n' <<< "$before $after" | awk -v names="$*" '
	BEGIN { n = split(names, x, " "); for (i = 1; i <= n; i++) want[x[i]] = 1 }
	{ split($0, kv, "="); split(kv[1], k, ".") }
	k[2] in want { if (kv[1] in seen) d += kv[2] - seen[kv[1]]; else seen[kv[1]] = kv[2] }
	END { print d + 0 }'
}
assert_eq "... each dropped and counted once" "200 0" \
	"$(sums spoofed unknown_node malformed bad_vni no_route too_big) $(sums rx_packets)"

# --- a node sending from an address not its own
# the neighbours are resolved first, with the node's own addresses: ARP and
# NS from a foreign source would be dropped as spoofed too (and a /128 would
# be the preferred source for them)
pings b1 10.1.0.2 > /dev/null
pings b1 fd00:1::2 > /dev/null
pings b1 10.1.0.3 > /dev/null
ip -n b1 addr add 10.1.0.99/32 dev eth0
ip -n b1 addr add fd00:1::99/128 dev eth0 nodad
before=$(snapshot h1)
check "b1 from an address that is no node's: no answer" no_pings b1 -I 10.1.0.99 10.1.0.2
assert_moved "... counted as spoofed" "$before" "$(snapshot h1)" "blue.spoofed=3 $dropped"
before=$(snapshot h1)
check "b1 from an IPv6 address that is no node's: no answer" no_pings b1 -I fd00:1::99 fd00:1::2
assert_moved "... counted as spoofed" "$before" "$(snapshot h1)" "blue.spoofed=3 $dropped"
ip -n b1 addr add 10.1.0.2/32 dev eth0
before=$(snapshot h1)
check "b1 as b2 (a node on another port): no answer" no_pings b1 -I 10.1.0.2 10.1.0.3
assert_moved "... counted as spoofed" "$before" "$(snapshot h1)" "blue.spoofed=3 $dropped"

check_kernel_log
ktap_finished

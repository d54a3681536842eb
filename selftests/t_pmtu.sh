#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Path MTU: nodes keep MTU 1500 on their links; a packet larger than the
# network's MTU (1444), than the substrate path's less the encapsulation
# (36 bytes over IPv4, 56 over IPv6) or than the destination's port gets ICMP
# "fragmentation needed" or ICMPv6 "packet too big" with that MTU, counted as
# too_big, and TCP transfers complete. No error about an ICMPv6 error, even
# behind extension headers.
#
# h1: network blue: b1 10.1.0.1 (IPv4 substrate), b2 10.1.0.2 (IPv6 substrate)
# h2: network blue: b3 10.1.0.3 (IPv4 substrate), b4 10.1.0.4 (IPv6 substrate)
source "$(dirname "$0")/lib.sh"

ktap_plan 27

check "two hosts, a 1500-byte substrate, nodes with MTU 1500" blue_nodes
pings b1 10.1.0.3 > /dev/null
pings b2 fd00:1::4 > /dev/null

# too_big DESC NODE MTU PING_ARGS...: one DF ping from NODE, larger than the
# path: no answer, an ICMP error back with MTU, counted once as too_big
too_big()
{
	local desc=$1 node=$2 mtu=$3 before out
	shift 3
	before=$(snapshot h1)
	out=$(ip netns exec "$node" ping -c 1 -W 1 -M do "$@" 2>&1)
	if grep -qE "mtu ?= ?$mtu\b" <<< "$out" && grep -q ' 0 received' <<< "$out"; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc"
		diag "ping $*: $out"
	fi
	assert_moved "... counted once as too_big" "$before" "$(snapshot h1)" \
		"blue.too_big=1 blue.tx_packets=0"
}

too_big "1500-byte IPv4 packet: fragmentation needed, MTU 1444" b1 1444 -s 1472 10.1.0.3
check "the node's route learned MTU 1444" \
	bash -c "ip -n b1 route get 10.1.0.3 | grep -w 'mtu 1444'"
check "a 1444-byte IPv4 packet passes" pings b1 -M do -s 1416 10.1.0.3
too_big "1500-byte IPv6 packet: packet too big, MTU 1444" b1 1444 -s 1452 fd00:1::3
check "the node's route learned MTU 1444" \
	bash -c "ip -n b1 -6 route get fd00:1::3 | grep -w 'mtu 1444'"
check "a 1444-byte IPv6 packet passes" pings b1 -M do -s 1396 fd00:1::3

before=$(snapshot h2)
check "TCP with 1500-byte segments, IPv4 (10 MB, SHA-256)" tcp_xfer b3 b1 10.1.0.1
check "TCP with 1500-byte segments, IPv6" tcp_xfer b4 b2 fd00:1::2
assert_moved "the senders' host answered too big" "$before" "$(snapshot h2)" \
	"blue.too_big=1+"

# the destination's port: a packet must fit the port it is delivered
# through, else its sender gets an ICMP error, also over the substrate
ip -n h1 link set b2 mtu 1280
ip -n b2 link set eth0 mtu 1280
too_big "to b2 behind a 1280-byte port, from b1 on its host: MTU 1280" b1 1280 \
	-s 1272 10.1.0.2
before=$(snapshot h1)
out=$(ip netns exec b4 ping -c 1 -W 1 -M do -s 1252 fd00:1::2 2>&1)
if grep -qE "mtu ?= ?1280\b" <<< "$out" && grep -q ' 0 received' <<< "$out"; then
	ktap_ok "to b2 from b4 over the substrate: packet too big, MTU 1280"
else
	ktap_fail "to b2 from b4 over the substrate: packet too big, MTU 1280"
	diag "$out"
fi
assert_moved "... counted once as too_big, the error sent back over the substrate" \
	"$before" "$(snapshot h1)" "blue.too_big=1 blue.rx_packets=0 blue.tx_packets=1"

# no error about an ICMPv6 error, also behind an extension header (RFC 4443
# 2.4(e)); frames crafted by frame.py in b1
crafter_start f b1 "$VNET_TESTS/frame.py" --serve eth0
PORT_MAC=$(ip -n h1 -br link show b1 | awk '{ print $3 }')
ptbs() { ip netns exec b1 awk '$1 == "Icmp6InPktTooBigs" { print $2 }' /proc/net/snmp6; }
# ext_too_big DESC PTBS ARGS...: a 1500-byte IPv6 frame.py ARGS from b1 with
# a destination options header: dropped as too_big, PTBS errors back
ext_too_big()
{
	local p0 before out
	p0=$(ptbs)
	before=$(snapshot h1)
	out=$(craft_with f --dst-mac "$PORT_MAC" --size 1500 --dstopts "${@:3}") ||
		diag "$out"
	sleep 0.5
	assert_moved "$1" "$before" "$(snapshot h1)" "blue.too_big=1"
	assert_eq "... $2 packet too big back" "$2" "$(($(ptbs) - p0))"
}
ext_too_big "an echo request behind a destination options header, too big" 1 \
	ip fd00:1::1 fd00:1::3
ext_too_big "an ICMPv6 error behind a destination options header, too big" 0 \
	--icmp6-type 1 ip fd00:1::1 fd00:1::3
ip -n h1 link set b2 mtu 1500
ip -n b2 link set eth0 mtu 1500

# a smaller substrate: its MTU less the encapsulation is the limit
ip -n h1 link set sub mtu 1400
ip -n h2 link set sub mtu 1400
too_big "1400-byte substrate, IPv4: fragmentation needed, MTU 1364" b1 1364 \
	-s 1372 10.1.0.3
too_big "1400-byte substrate, IPv6: packet too big, MTU 1344" b2 1344 \
	-s 1352 fd00:1::4
check "a 1364-byte packet passes over the IPv4 substrate" pings b1 -M do -s 1336 10.1.0.3
check "TCP over the 1400-byte substrate" tcp_xfer b1 b3 10.1.0.3

check_kernel_log
ktap_finished

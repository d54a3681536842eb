#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetd against a BGP peer made by hand (bgp_craft.py): malformed OPENs,
# headers and UPDATEs get the NOTIFICATION RFC 4271 and RFC 7606 require,
# or treat-as-withdraw (the session stays, the route goes), each beside a
# control that the same path works when the message is right; the import
# and export filters, loop detection, the prefix limit. vnetd keeps
# serving the other peer throughout.
#
#   blue (10.1.0.0/16): rb 10.1.0.10, BIRD AS 65001, announces
#     10.201.0.0/16 and 10.211.0.0/16
#   green (10.3.0.0/16): cr 10.3.0.10, the crafted peer, AS 65003: import
#     10.203.0.0/16 le 24, export 10.201.0.0/16, at most 20 prefixes
#   tgw (AS 64512): 10.1.255.1, 10.3.255.1
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/routers.sh"
trap 'rt_cleanup; cleanup' EXIT

ktap_plan 35
CRAFT=$(dirname "$0")/bgp_craft.py

setup()
{
	netns_add h1 &&
	quiet_ipv6 h1 &&
	vnetctl -n h1 -batch - <<-EOF &&
	network add blue id 100 prefix 10.1.0.0/16 prefix fd00:1::/64
	network add green id 300 prefix 10.3.0.0/16 prefix fd00:3::/64
	peering add tgw
	peering attach tgw network blue address 10.1.255.1 bgp peer 10.1.0.10 asn 65001 local-asn 64512
	peering attach tgw network green address 10.3.255.1 bgp peer 10.3.0.10 asn 65003 local-asn 64512 hold-time 9 max-prefix 20 import 10.203.0.0/16 le 24 export 10.201.0.0/16
	EOF
	addr_add h1 blue 10.1.255.1/16 && addr_add h1 green 10.3.255.1/16 &&
	ip -n h1 link set blue up && ip -n h1 link set green up &&
	vnet_node h1 - blue rb 10 - 1 &&
	vnet_node h1 - green cr 10 - 3 &&
	rt_dummy rb 10.201.0.0/16 10.211.0.0/16 &&
	bird_start rb "$TMP/rb" --asn 65001 --id 10.1.0.10 \
		--announce 10.201.0.0/16 --announce 10.211.0.0/16 \
		--peer 10.1.255.1 --peer-asn 64512 &&
	{ ip netns exec h1 "$VNETD" -f > "$TMP/vnetd.log" 2>&1 & } &&
	rt_wait_established rb "$TMP/rb" "" 30
}
check "h1: blue with BIRD, green with the crafted peer; vnetd" setup

# craft CASE [ARG...]: run a case from the crafted peer's namespace
craft()
{
	ip netns exec cr timeout 60 python3 "$CRAFT" 10.3.255.1 65003 64512 "$@" 2>&1
}
expect() { assert_eq "$1: $2" "$2" "$(craft "$1" "${@:3}")"; }

# a control first: a well-formed OPEN makes a session
expect established "established"

# --- before the session: headers and OPENs (RFC 4271 6.1, 6.2)
expect hdr-marker "notification 1/1 "
expect hdr-length "notification 1/2 1001"
expect hdr-type "notification 1/3 09"
expect open-version "notification 2/1 0004"
expect open-peer-as "notification 2/2 fe4b"
expect open-hold-2 "notification 2/6 "
expect open-no-as4 "notification 2/7 41040000fc00"
expect open-id-0 "notification 2/3 "
expect open-param-1 "notification 2/4 "
expect update-first "notification 5/1 02"

# --- UPDATEs that reset the session (RFC 7606 keeps these)
expect upd-withdrawn-overrun "notification 3/1 "
expect upd-nlri-len-33 "notification 3/10 "
expect upd-mp-nh-len-5 "notification 3/9 800e110002010500000000000030fd2000030001"
expect upd-unknown-well-known "notification 3/2 40630101"

# --- treat-as-withdraw: the route goes, the session stays (RFC 7606 2)
# (the crafted peer looks at tgw's table: "installed" after a good
# announcement, then "gone" or "kept" after the malformed one)
expect taw-origin-7 "installed, gone up" 10.203.1.0/24
expect taw-as-path-overrun "installed, gone up" 10.203.2.0/24
expect taw-no-next-hop "installed, gone up" 10.203.3.0/24
expect discard-atomic-aggregate-1 "installed, kept up" 10.203.4.0/24
check "vnetd logged the treat-as-withdraw" \
	grep -q 'treated an UPDATE as a withdrawal' "$TMP/vnetd.log"

# --- the filters and loop detection
tgw_has() { vnetctl -n h1 route show peering tgw proto bgp | grep -q "^$1 via network green"; }
craft announce 5 10.203.5.0/24 10.99.0.0/16 10.203.6.128/25 > "$TMP/sent" &
check "the import filter lets 10.203.5.0/24 in" rt_wait 10 tgw_has 10.203.5.0/24
check "... but not 10.99.0.0/16 (outside it)" bash -c "! vnetctl -n h1 route show peering tgw | grep -q '^10.99.0.0/16'"
check "... nor 10.203.6.128/25 (longer than le 24)" \
	bash -c "! vnetctl -n h1 route show peering tgw | grep -q '^10.203.6.128/25'"
wait
assert_eq "the export filter: green's peer is told 10.201.0.0/16 only" \
	"sent: 10.201.0.0/16" "$(cat "$TMP/sent")"
craft loop 4 > "$TMP/loop" &
check "a control: a path through another AS is taken" rt_wait 10 tgw_has 10.203.8.0/24
check "a path with tgw's own AS is refused (a loop)" \
	bash -c "! vnetctl -n h1 route show peering tgw | grep -q '^10.203.7.0/24'"
wait
assert_eq "... the session stays" "up" "$(cat "$TMP/loop")"

# --- the prefix limit: 20; 21 close the session with Cease/1 and the
# RFC 4486 data: AFI 1, SAFI 1, the limit
expect max-prefix "notification 6/1 00010100000014" 21
check "... vnetd said why" grep -q 'more than 20 IPv4 prefixes' "$TMP/vnetd.log"
check "... and the routes from green went" \
	bash -c "! vnetctl -n h1 route show peering tgw | grep -q 'network green'"
assert_eq "... and the session stays down a while (a new connection is closed)" \
	"closed" "$(craft established)"

# --- through it all, the other session carried on
check "BIRD's session never went down" \
	bash -c "vnetctl -n h1 -j bgp show network blue | python3 -c '
import json, sys
s = json.load(sys.stdin)[0]
assert s[\"state\"] == \"Established\" and s[\"flaps\"] == 0, s'"
check "vnetd is still running" pgrep -x vnetd
pkill -x vnetd
check_kernel_log
ktap_finished

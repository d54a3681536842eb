#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetd on two hosts: the peering router tgw is present on h1 and h2, a
# network's router speaks BGP to the vnetd of its own host, and the two
# vnetds tell each other what their routers announced, so both hosts
# install the same routes and forward across.
#
#   h1 (192.168.0.1)                      h2 (192.168.0.2)
#   blue: rb 10.1.0.10, BIRD AS 65001,    blue: rb2 10.1.0.11, BIRD AS 65011
#     behind it 10.201.0.0/16,              (later 10.201.0.0/16 too: ECMP
#     fd20:1::/48, 10.221.0.0/16            across the hosts)
#                                         red: rr 10.2.0.10, BIRD AS 65002,
#                                           behind it 10.202.0.0/16, fd20:2::/48
#   tgw on both: 10.X.255.1, fd00:X::ff01, AS 64512; hosts 192.168.0.1, .2
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/routers.sh"
trap 'rt_cleanup; cleanup' EXIT

ktap_plan 31
CRAFT=$(dirname "$0")/mesh_craft.py

vnetd_start()
{
	ip netns exec "$1" "$VNETD" -f -r "${2:-10}" >> "$TMP/vnetd.$1.log" 2>&1 &
	echo $! > "$TMP/vnetd.$1.pid"
}

# router_node HOST PEER NET NODE N X: a router node 10.X.0.N in NET on HOST
router_node()
{
	vnet_node "$1" "$2" "$3" "$4" "$5" "$(sub4 "${1#h}")" "$6" &&
	addr_add "$4" eth0 "fe80::$5/64" &&
	ip netns exec "$4" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1
}

# the BGP peers of a host's attachments: only its own routers
BLUE1="bgp peer 10.1.0.10 asn 65001 local-asn 64512 hold-time 9"
BLUE2="bgp peer 10.1.0.11 asn 65011 local-asn 64512 hold-time 9"
RED2="bgp peer 10.2.0.10 asn 65002 local-asn 64512 hold-time 9"

setup()
{
	local h blue red
	hosts_add h1 h2 || return 1
	for h in h1 h2; do
		blue=$BLUE1 red=
		[ $h = h2 ] && blue=$BLUE2 red=$RED2
		vnetctl -n $h -batch - <<-EOF || return 1
		network add blue id 100 prefix 10.1.0.0/16 prefix fd00:1::/64
		network add red id 200 prefix 10.2.0.0/16 prefix fd00:2::/64
		peering add tgw host $(sub4 1) host $(sub4 2)
		peering attach tgw network blue address 10.1.255.1 address fd00:1::ff01 propagate $blue
		peering attach tgw network red address 10.2.255.1 address fd00:2::ff01 propagate $red
		route add 0.0.0.0/0 network blue via peering tgw
		route add ::/0 network blue via peering tgw
		route add 0.0.0.0/0 network red via peering tgw
		route add ::/0 network red via peering tgw
		EOF
		addr_add $h blue 10.1.255.1/16 fd00:1::ff01/64 &&
		addr_add $h red 10.2.255.1/16 fd00:2::ff01/64 &&
		ip -n $h link set blue up && ip -n $h link set red up || return 1
	done
	router_node h1 h2 blue rb 10 1 && router_node h2 h1 blue rb2 11 1 &&
	router_node h2 h1 red rr 10 2 &&
	rt_dummy rb 10.201.0.0/16 fd20:1::/48 10.221.0.0/16 &&
	rt_dummy rb2 10.201.0.0/16 &&
	rt_dummy rr 10.202.0.0/16 fd20:2::/48 &&
	bird_start rb "$TMP/rb" --asn 65001 --id 10.1.0.10 \
		--announce 10.201.0.0/16 --announce fd20:1::/48 \
		--announce 10.221.0.0/16 \
		--peer 10.1.255.1 --peer-asn 64512 --hold 9 --nh6 fd00:1::10 &&
	bird_start rb2 "$TMP/rb2" --asn 65011 --id 10.1.0.11 \
		--peer 10.1.255.1 --peer-asn 64512 --hold 9 --nh6 fd00:1::11 &&
	bird_start rr "$TMP/rr" --asn 65002 --id 10.2.0.10 \
		--announce 10.202.0.0/16 --announce fd20:2::/48 \
		--peer 10.2.255.1 --peer-asn 64512 --hold 9 --nh6 fd00:2::10 &&
	vnetd_start h1 && vnetd_start h2
}
check "h1, h2: tgw on both, listing both hosts; BIRD in blue on each, in red on h2; vnetd on each" setup

# hosts_up HOST: HOST's vnetd has its session with the other host
hosts_up()
{
	vnetctl -n "$1" -j bgp show | python3 -c '
import json, sys
s = [x for x in json.load(sys.stdin) if x["host"]]
assert len(s) == 1 and s[0]["state"] == "Established", s'
}
check "the two vnetds hold a session" rt_wait 30 hosts_up h1
check "... seen from h2 too" hosts_up h2
check "bgp show: the other host's session" bash -c \
	"vnetctl -n h1 bgp show | grep -q '^host 192.168.0.2 peering tgw: Established for'"
routers_up()
{
	rt_wait_established rb "$TMP/rb" "" 30 &&
	rt_wait_established rb2 "$TMP/rb2" "" 30 &&
	rt_wait_established rr "$TMP/rr" "" 30
}
check "each router's session with its own host's vnetd" routers_up

has() { vnetctl -n "$1" route show peering tgw proto bgp | grep -qxF -- "$2"; }
lacks() { ! vnetctl -n "$1" route show peering tgw proto bgp | grep -q -- "^$2 "; }

check "h1 learns red's prefix from h2's vnetd: through red's router on h2" \
	rt_wait 15 has h1 "10.202.0.0/16 via network red nexthop 10.2.0.10 proto bgp metric 20"
check "... and its IPv6 prefix" \
	rt_wait 15 has h1 "fd20:2::/48 via network red nexthop 10.2.0.10 proto bgp metric 20"
check "h2 learns blue's prefixes, through blue's router on h1" \
	rt_wait 15 has h2 "fd20:1::/48 via network blue nexthop 10.1.0.10 proto bgp metric 20"
same_tables()
{
	[ "$(vnetctl -n h1 route show peering tgw)" = "$(vnetctl -n h2 route show peering tgw)" ]
}
check "the two hosts' tables are the same" rt_wait 10 same_tables
check "blue's router on h1 learns red's prefix from h1's vnetd, tgw the next hop" \
	rt_wait 15 rt_kernel_has rb 10.202.0.0/16 10.1.255.1
check "red's router on h2 learns blue's IPv6 prefix" \
	rt_wait 15 rt_kernel_has rr fd20:1::/48 fd00:2::ff01
check "IPv4 ping from behind red (h2) to behind blue (h1)" pings rr -I 10.202.0.1 10.201.0.1
check "IPv6 ping from behind blue (h1) to behind red (h2)" pings rb -I fd20:1::1 fd20:2::1
check "TCP across the hosts, from red's router's own address" tcp_xfer rr rb 10.201.0.1 1048576

# --- a prefix announced on both hosts: one route of two next hops on both
bird_announce rb2 "$TMP/rb2" 10.201.0.0/16
ecmp="10.201.0.0/16 via network blue nexthop 10.1.0.10 via network blue nexthop 10.1.0.11 proto bgp metric 20"
check "blue's routers on h1 and h2 announce one prefix: two next hops on h1" \
	rt_wait 10 has h1 "$ecmp"
check "... and the same on h2" rt_wait 10 has h2 "$ecmp"
b1=$(udp_noports rb) b2=$(udp_noports rb2)
udp_flows rr 10.202.0.1 10.201.0.1 64
sleep 1
d1=$(($(udp_noports rb) - b1)) d2=$(($(udp_noports rb2) - b2))
diag "64 flows from h2: rb (h1) $d1, rb2 (h2) $d2"
check "64 flows reach both routers, on both hosts" test $d1 -gt 0 -a $d2 -gt 0 -a $((d1 + d2)) = 64

# --- withdrawn on h1: gone from h2
bird_withdraw rb "$TMP/rb" fd20:1::/48
check "a prefix withdrawn on h1 leaves h2's table" rt_wait 10 lacks h2 fd20:1::/48
bird_announce rb "$TMP/rb" fd20:1::/48
check "... announced again, it is back" \
	rt_wait 10 has h2 "fd20:1::/48 via network blue nexthop 10.1.0.10 proto bgp metric 20"

# --- h1's vnetd killed under traffic from h2: h2 keeps h1's paths (its
# vnetd is restarting), no packet is lost; withdrawn meanwhile, gone after
rt_wait 10 same_tables
sleep 2
before=$(vnetctl -n h2 route show peering tgw)
# (to 10.221.0.1, which only rb has: every packet crosses to h1)
ip netns exec rr ping -q -c 400 -i 0.025 -W 1 -I 10.202.0.1 10.221.0.1 > "$TMP/ping" 2>&1 &
ping=$!
sleep 1
kill -KILL "$(cat "$TMP/vnetd.h1.pid")"
sleep 2
bird_withdraw rb "$TMP/rb" fd20:1::/48
sleep 1
check "h1's vnetd killed: h2 keeps the paths through h1's router" \
	has h2 "$ecmp"
vnetd_start h1 8
wait $ping
diag "$(grep -E 'transmitted|loss' "$TMP/ping")"
check "no packet lost from h2 through h1's router" grep -q ' 0% packet loss' "$TMP/ping"
check "h1's vnetd back: the hosts' session again" rt_wait 30 hosts_up h2
check "the prefix withdrawn meanwhile leaves h2's table" rt_wait 20 lacks h2 fd20:1::/48
check "h2's table is as before, less that prefix" bash -c \
	"[ \"\$(vnetctl -n h2 route show peering tgw)\" = \"$(grep -v '^fd20:1::/48 ' <<< "$before")\" ]"
check "... and the same as h1's" rt_wait 20 same_tables

# --- as another host would try it: h2's vnetd stopped, a peer made by hand
# from h2's addresses
kill -TERM "$(cat "$TMP/vnetd.h2.pid")"
sleep 1
craft() { ip netns exec h2 python3 "$CRAFT" "$@"; }
expect() { assert_eq "$1" "$2" "$(craft "${@:3}")"; }
expect "an address not of tgw's hosts: closed before any OPEN" "closed" \
	fd99::2 fd99::1 established
expect "an OPEN without the peering router's name: Cease/Connection Rejected" \
	"notification 6/5 " "$(sub4 2)" "$(sub4 1)" no-cap
expect "an OPEN naming another peering router: Cease/Connection Rejected" \
	"notification 6/5 " "$(sub4 2)" "$(sub4 1)" wrong-name
expect "a path through a network h1 does not have: not installed" \
	"none up" "$(sub4 2)" "$(sub4 1)" hops 10.230.0.0/16 999 10.2.0.10
expect "... through red's router: installed, red the network of id 200" \
	"10.230.0.0/16 via network red nexthop 10.2.0.10 proto bgp metric 20 up" \
	"$(sub4 2)" "$(sub4 1)" hops 10.230.0.0/16 200 10.2.0.10
expect "VNET_HOPS with a 25-bit network id: treat-as-withdraw, the session stays" \
	"installed, gone up" "$(sub4 2)" "$(sub4 1)" bad-hops 10.231.0.0/16

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetd with real routers: BIRD 2 and FRR as the routers of networks blue
# and red, eBGP with the peering router tgw on host h1, and real packets
# between the prefixes behind them.
#
#   blue (10.1.0.0/16, fd00:1::/64)       red (10.2.0.0/16, fd00:2::/64)
#   rb 10.1.0.10: BIRD AS 65001, passive   rr 10.2.0.10: FRR AS 65002, only
#     (vnetd connects), behind it            connects (vnetd listens), TCP-MD5
#     10.201.0.0/16, fd20:1::/48             and TTL security; behind it
#   rb2 10.1.0.11: BIRD AS 65011, also       10.202.0.0/16, fd20:2::/48
#     10.201.0.0/16 (ECMP), max-prefix 2
#   tgw: 10.1.255.1, fd00:1::ff01         10.2.255.1, fd00:2::ff01; AS 64512
#
# Each network's table sends all else to tgw (a default route), as a cloud
# network's route table sends it to a transit gateway.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/routers.sh"
trap 'rt_cleanup; cleanup' EXIT

ktap_plan 39

vnetd_start()
{
	ip netns exec h1 "$VNETD" -f -r "${1:-10}" >> "$TMP/vnetd.log" 2>&1 &
	echo $! > "$TMP/vnetd.pid"
}

# router_node NET NODE N X: a node 10.X.0.N, fd00:X::N in NET that forwards;
# a router solicits from its link-local address what it forwards, or sends
# from an address of another interface
router_node()
{
	vnet_node h1 - "$1" "$2" "$3" - "$4" &&
	addr_add "$2" eth0 "fe80::$3/64" &&
	ip netns exec "$2" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1
}

setup()
{
	netns_add h1 &&
	quiet_ipv6 h1 &&
	vnetctl -n h1 -batch - <<-EOF &&
	network add blue id 100 prefix 10.1.0.0/16 prefix fd00:1::/64
	network add red id 200 prefix 10.2.0.0/16 prefix fd00:2::/64
	peering add tgw
	peering attach tgw network blue address 10.1.255.1 address fd00:1::ff01 propagate bgp peer 10.1.0.10 asn 65001 local-asn 64512 hold-time 9 bgp peer 10.1.0.11 asn 65011 local-asn 64512 hold-time 9 max-prefix 2
	peering attach tgw network red address 10.2.255.1 address fd00:2::ff01 propagate bgp peer 10.2.0.10 asn 65002 local-asn 64512 hold-time 9 md5 Red.Secret ttl-security
	route add 0.0.0.0/0 network blue via peering tgw
	route add ::/0 network blue via peering tgw
	route add 0.0.0.0/0 network red via peering tgw
	route add ::/0 network red via peering tgw
	EOF
	addr_add h1 blue 10.1.255.1/16 fd00:1::ff01/64 &&
	addr_add h1 red 10.2.255.1/16 fd00:2::ff01/64 &&
	ip -n h1 link set blue up && ip -n h1 link set red up &&
	router_node blue rb 10 1 && router_node blue rb2 11 1 &&
	router_node red rr 10 2 &&
	rt_dummy rb 10.201.0.0/16 fd20:1::/48 &&
	rt_dummy rb2 10.201.0.1/32 &&
	rt_dummy rr 10.202.0.0/16 fd20:2::/48 10.209.0.1/32 &&
	bird_start rb "$TMP/rb" --asn 65001 --id 10.1.0.10 \
		--announce 10.201.0.0/16 --announce fd20:1::/48 \
		--peer 10.1.255.1 --peer-asn 64512 --hold 9 --nh6 fd00:1::10 --passive &&
	bird_start rb2 "$TMP/rb2" --asn 65011 --id 10.1.0.11 \
		--peer 10.1.255.1 --peer-asn 64512 --hold 9 --nh6 fd00:1::11 &&
	frr_start rr "$TMP/rr" --asn 65002 --id 10.2.0.10 \
		--announce 10.202.0.0/16 --announce fd20:2::/48 \
		--peer 10.2.255.1 --peer-asn 64512 --hold 9 --nh6 fd00:2::10 \
		--active --password Red.Secret --ttl-security &&
	vnetd_start
}
check "h1: blue and red attached to tgw with BGP peers; BIRD in blue, FRR in red; vnetd" setup

check "vnetd connects to BIRD (passive)" rt_wait_established rb "$TMP/rb" "" 30
check "FRR connects to vnetd, TCP-MD5 and TTL security" \
	rt_wait_established rr "$TMP/rr" "" 30
check "the second BIRD's session" rt_wait_established rb2 "$TMP/rb2" "" 30

tgw_has() { vnetctl -n h1 route show peering tgw proto bgp | grep -qxF -- "$1"; }
tgw_lacks() { ! vnetctl -n h1 route show peering tgw proto bgp | grep -q -- "^$1 "; }

check "tgw learns blue's IPv4 prefix, through the router that announced it" \
	rt_wait 15 tgw_has "10.201.0.0/16 via network blue nexthop 10.1.0.10 proto bgp metric 20"
check "... and its IPv6 prefix" \
	rt_wait 15 tgw_has "fd20:1::/48 via network blue nexthop 10.1.0.10 proto bgp metric 20"
check "tgw learns red's prefixes" \
	rt_wait 15 tgw_has "fd20:2::/48 via network red nexthop 10.2.0.10 proto bgp metric 20"
check "BIRD learns red's IPv4 prefix, tgw the next hop" \
	rt_wait 15 rt_kernel_has rb 10.202.0.0/16 10.1.255.1
check "... and its IPv6 prefix" rt_wait 15 rt_kernel_has rb fd20:2::/48 fd00:1::ff01
check "FRR learns blue's prefixes, tgw the next hop" \
	rt_wait 15 rt_kernel_has rr fd20:1::/48 fd00:2::ff01

check "IPv4 ping from behind red to behind blue" pings rr -I 10.202.0.1 10.201.0.1
check "IPv6 ping from behind blue to behind red" pings rb -I fd20:1::1 fd20:2::1
check "TCP from red's router to behind blue" tcp_xfer rr rb 10.201.0.1 1048576
before=$(snapshot h1)
check "a source red's router did not announce is refused" \
	no_pings rr -I 10.209.0.1 10.201.0.1
assert_moved "... counted as spoofed" "$before" "$(snapshot h1)" "red.spoofed=3"

# --- withdrawals, and the state vnetctl shows
bird_withdraw rb "$TMP/rb" fd20:1::/48
check "a prefix BIRD withdraws leaves tgw's table" rt_wait 10 tgw_lacks fd20:1::/48
check "... and FRR's" rt_wait 10 rt_kernel_lacks rr fd20:1::/48
bird_announce rb "$TMP/rb" fd20:1::/48
check "announced again, it is back" \
	rt_wait 10 rt_kernel_has rr fd20:1::/48 fd00:2::ff01
out=$(vnetctl -n h1 bgp show peering tgw network red)
check "bgp show: the session, its counters" grep -q \
	"^peer 10.2.0.10 network red peering tgw asn 65002 local-asn 64512: Established for" <<< "$out"
diag "$out"
check "bgp show -j" bash -c "vnetctl -n h1 -j bgp show | python3 -c '
import json, sys
s = {x[\"peer\"]: x for x in json.load(sys.stdin)}
r = s[\"10.2.0.10\"]
assert r[\"state\"] == \"Established\" and r[\"network\"] == \"red\", r
assert r[\"ipv4\"][\"received\"] == 1 and r[\"ipv6\"][\"received\"] == 1, r
assert r[\"installed\"] == 2 and r[\"ipv4\"][\"sent\"] >= 1, r
assert r[\"ipv4\"][\"eor_received\"] and r[\"ipv6\"][\"eor_sent\"], r'"

# --- ECMP: rb2 announces 10.201.0.0/16 too; flows go to both
bird_announce rb2 "$TMP/rb2" 10.201.0.0/16
check "two routers announce one prefix: a route of two next hops" \
	rt_wait 10 tgw_has "10.201.0.0/16 via network blue nexthop 10.1.0.10 via network blue nexthop 10.1.0.11 proto bgp metric 20"
b1=$(udp_noports rb) b2=$(udp_noports rb2)
udp_flows rr 10.202.0.1 10.201.0.1 64
sleep 1
d1=$(($(udp_noports rb) - b1)) d2=$(($(udp_noports rb2) - b2))
diag "64 flows: rb $d1, rb2 $d2"
check "64 flows reach both routers" test $d1 -gt 0 -a $d2 -gt 0 -a $((d1 + d2)) = 64

# --- static routes keep precedence
vnetctl -n h1 route add 10.201.0.0/16 peering tgw via network blue nexthop 10.1.0.11
check "a static route beats the learned one" bash -c \
	"vnetctl -n h1 route get 10.201.0.9 peering tgw | grep -q '(10.201.0.0/16 proto static) node 10.1.0.11'"
vnetctl -n h1 route del 10.201.0.0/16 peering tgw proto static

# --- the maximum: rb2 may announce 2 prefixes a family
bird_announce rb2 "$TMP/rb2" 10.211.0.0/24 10.211.1.0/24
# (BIRD's log: its "last error" may be a later one by the time it is read)
check "a third prefix: vnetd ends the session with Cease/Maximum Number of Prefixes" \
	rt_wait 20 grep -q 'Received: Maximum number of prefixes reached' "$TMP/rb2/bird.log"
check "... and the routes through rb2 go" \
	rt_wait 10 tgw_has "10.201.0.0/16 via network blue nexthop 10.1.0.10 proto bgp metric 20"
check "... none of its prefixes stays" bash -c "! vnetctl -n h1 route show peering tgw | grep -q 10.211."
bird_withdraw rb2 "$TMP/rb2" 10.211.0.0/24 10.211.1.0/24 10.201.0.0/16

# --- a session lost: its routes go within the hold time (9 s)
ip -n rb link set eth0 down
start=$(date +%s)
check "rb's link down: its routes go within the hold time" \
	rt_wait 15 tgw_lacks 10.201.0.0/16
diag "gone after $(($(date +%s) - start)) s"
check "... and FRR no longer has them" rt_wait 5 rt_kernel_lacks rr 10.201.0.0/16
ip -n rb link set eth0 up
ip -n rb route replace default via 10.1.255.254 dev eth0
sleep 0.5
ip -n rb -6 route replace default via fd00:1::fffe dev eth0
check "the link back: the session and the routes come back" \
	rt_wait 30 tgw_has "10.201.0.0/16 via network blue nexthop 10.1.0.10 proto bgp metric 20"

# --- detached and attached again at once: a new attachment, whose routes
# the kernel deleted with the old; vnetd learns them again
vnetctl -n h1 -batch - <<EOF
peering detach tgw network red
peering attach tgw network red address 10.2.255.1 address fd00:2::ff01 propagate bgp peer 10.2.0.10 asn 65002 local-asn 64512 hold-time 9 md5 Red.Secret ttl-security
route add 0.0.0.0/0 network red via peering tgw
route add ::/0 network red via peering tgw
EOF
check "red detached and attached again: its routes are learned again" \
	rt_wait 30 tgw_has "fd20:2::/48 via network red nexthop 10.2.0.10 proto bgp metric 20"
check "... and traffic flows" rt_wait 20 pings rr -I 10.202.0.1 10.201.0.1

# --- vnetd killed under traffic: the kernel keeps forwarding, the routers
# keep tgw's routes (graceful restart helpers); a restarted vnetd finds its
# routes, the sessions come back, and what was withdrawn meanwhile goes
rt_wait 15 rt_kernel_has rr 10.201.0.0/16 10.2.255.1
sleep 2
tables() { vnetctl -n h1 route show peering tgw; rt_kernel_routes rb; rt_kernel_routes rr; }
before=$(tables)
ip netns exec rr ping -q -c 400 -i 0.025 -W 1 -I 10.202.0.1 10.201.0.1 > "$TMP/ping" 2>&1 &
ping=$!
sleep 1
kill -KILL "$(cat "$TMP/vnetd.pid")"
sleep 2
bird_withdraw rb "$TMP/rb" fd20:1::/48
sleep 2
check "vnetd killed: its routes stay in tgw's table" tgw_has \
	"10.202.0.0/16 via network red nexthop 10.2.0.10 proto bgp metric 20"
check "... and the routers keep tgw's" rt_kernel_has rr 10.201.0.0/16 10.2.255.1
vnetd_start 10
wait $ping
check "no packet lost across the kill and restart" \
	grep -q ' 400 received, 0% packet loss' "$TMP/ping"
diag "$(grep received "$TMP/ping")"
both_up() { rt_peer_state rb "$TMP/rb" && rt_peer_state rr "$TMP/rr"; }
check "the sessions come back" rt_wait 30 both_up
check "the prefix withdrawn while vnetd was down goes (the sweep)" \
	rt_wait 20 tgw_lacks fd20:1::/48
sleep 2
assert_eq "the tables are as before, less that prefix" \
	"$(grep -v fd20:1:: <<< "$before")" "$(tables)"
check "vnetd said what it swept" rt_wait 5 grep -q 'swept 1 routes' "$TMP/vnetd.log"

kill "$(cat "$TMP/vnetd.pid")"
check_kernel_log
ktap_finished

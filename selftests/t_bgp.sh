#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetd with real routers: BIRD 2 and FRR as the routers of networks blue
# and red, eBGP with the peering router tgw on host h1.
#
#   blue (10.1.0.0/16, fd00:1::/64)      red (10.2.0.0/16, fd00:2::/64)
#   rb 10.1.0.10: BIRD AS 65001           rr 10.2.0.10: FRR AS 65002
#     behind it 10.201.0.0/16,              behind it 10.202.0.0/16,
#     fd20:1::/48                           fd20:2::/48
#   tgw: 10.1.255.1, fd00:1::ff01          10.2.255.1, fd00:2::ff01; AS 64512
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/routers.sh"
trap 'rt_cleanup; cleanup' EXIT

ktap_plan 7
VNETD=${VNETD:-$(dirname "$0")/../tools/vnetd/vnetd}

setup()
{
	netns_add h1 &&
	quiet_ipv6 h1 &&
	vnetctl -n h1 -batch - <<-EOF &&
	network add blue id 100 prefix 10.1.0.0/16 prefix fd00:1::/64
	network add red id 200 prefix 10.2.0.0/16 prefix fd00:2::/64
	peering add tgw
	peering attach tgw network blue address 10.1.255.1 address fd00:1::ff01 bgp peer 10.1.0.10 asn 65001 local-asn 64512 hold-time 9
	peering attach tgw network red address 10.2.255.1 address fd00:2::ff01 bgp peer 10.2.0.10 asn 65002 local-asn 64512 hold-time 9
	route add 0.0.0.0/0 network blue via peering tgw
	route add ::/0 network blue via peering tgw
	route add 0.0.0.0/0 network red via peering tgw
	route add ::/0 network red via peering tgw
	EOF
	addr_add h1 blue 10.1.255.1/16 fd00:1::ff01/64 &&
	addr_add h1 red 10.2.255.1/16 fd00:2::ff01/64 &&
	ip -n h1 link set blue up && ip -n h1 link set red up &&
	vnet_node h1 - blue rb 10 - 1 &&
	vnet_node h1 - red rr 10 - 2 &&
	ip netns exec rb sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 &&
	ip netns exec rr sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 &&
	rt_dummy rb 10.201.0.0/16 fd20:1::/48 &&
	rt_dummy rr 10.202.0.0/16 fd20:2::/48 &&
	bird_start rb "$TMP/rb" --asn 65001 --id 10.1.0.10 \
		--announce 10.201.0.0/16 --announce fd20:1::/48 \
		--peer 10.1.255.1 --peer-asn 64512 --hold 9 --nh6 fd00:1::10 &&
	frr_start rr "$TMP/rr" --asn 65002 --id 10.2.0.10 \
		--announce 10.202.0.0/16 --announce fd20:2::/48 \
		--peer 10.2.255.1 --peer-asn 64512 --hold 9 --nh6 fd00:2::10 &&
	{ ip netns exec h1 "$VNETD" -f -d -r 10 > "$TMP/vnetd.log" 2>&1 & }
}
check "hosts, networks, BIRD in blue, FRR in red, vnetd" setup
check "BIRD's session established" rt_wait_established rb "$TMP/rb" "" 30
check "FRR's session established" rt_wait_established rr "$TMP/rr" "" 30
sleep 3
vnetctl -n h1 route show peering tgw
check "tgw learned blue's prefix" \
	bash -c "vnetctl -n h1 route show peering tgw | grep -q '10.201.0.0/16 via network blue nexthop 10.1.0.10 proto bgp metric 20'"
check "FRR learned blue's prefix via tgw" rt_kernel_has rr 10.201.0.0/16 10.2.255.1
check "ping behind red to behind blue" pings rr -I 10.202.0.1 10.201.0.1
cat "$TMP/vnetd.log" | head -50
check_kernel_log
ktap_finished

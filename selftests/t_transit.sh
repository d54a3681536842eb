#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Traffic between networks through a peering router: three networks on two
# hosts, the peering router tgw with blue and red attached and routes both
# ways, green alone.
#
#   blue (100) 10.1.0.0/16      red (200) 10.2.0.0/16      green (300)
#   h1: b1 .1 (IPv4 sub)        h1: r1 .1 (IPv4 sub)       h1: g1 .1
#       b2 .2 (IPv6 sub)        h2: r3 .3 (IPv4 sub)
#   h2: b3 .3 (IPv4 sub)            r4 .4 (IPv6 sub)
#                               h2: rt .5, a router with 192.168.5.0/24
#                                   and fd00:5::/64 behind it
# (and fd00:X::N alike). A host knows the nodes of the other by one
# substrate address family per node, the same in every network.
source "$(dirname "$0")/lib.sh"

ktap_plan 48

setup()
{
	peering_hosts h1 h2 &&
	vnet_node h1 h2 blue b1 1 "$(sub4 1)" 1 &&
	vnet_node h1 h2 blue b2 2 "$(sub6 1)" 1 &&
	vnet_node h2 h1 blue b3 3 "$(sub4 2)" 1 &&
	vnet_node h1 h2 red r1 1 "$(sub4 1)" 2 &&
	vnet_node h2 h1 red r3 3 "$(sub4 2)" 2 &&
	vnet_node h2 h1 red r4 4 "$(sub6 2)" 2 &&
	vnet_node h1 h2 green g1 1 "$(sub4 1)" 3
}
check "two hosts; blue and red attached to tgw, green alone" setup
sleep 1

# --- between the attached networks
check "IPv4 ping, same host (b1 to r1)" pings b1 10.2.0.1
check "IPv6 ping, same host (b1 to r1)" pings b1 fd00:2::1
check "IPv4 ping over the IPv4 substrate (b1 to r3)" pings b1 10.2.0.3
check "IPv6 ping over the IPv4 substrate (b1 to r3)" pings b1 fd00:2::3
check "IPv4 ping the other way (r3 to b1)" pings r3 10.1.0.1
check "IPv6 ping over the IPv6 substrate (b2 to r4)" pings b2 fd00:2::4
check "IPv4 ping over the IPv6 substrate (r4 to b2)" pings r4 10.1.0.2
check "TCP, IPv4, host 1 to host 2 (b1 to r3, 10 MB, SHA-256)" tcp_xfer b1 r3 10.2.0.3
check "TCP, IPv6, host 2 to host 1 (r3 to b1)" tcp_xfer r3 b1 fd00:1::1
check "TCP, IPv4, same host (r1 to b1)" tcp_xfer r1 b1 10.1.0.1
check "TCP, IPv6 over the IPv6 substrate (b2 to r4)" tcp_xfer b2 r4 fd00:2::4

check "the TTL is one less (IPv4)" \
	bash -c "ip netns exec b1 ping -c 1 -W 2 10.2.0.3 | grep -q 'ttl=63'"
check "the hop limit is one less (IPv6)" \
	bash -c "ip netns exec r4 ping -c 1 -W 2 fd00:1::2 | grep -q 'ttl=63'"
check "vnetctl route get: the way to a node on the other host" \
	bash -c "vnetctl -n h1 route get 10.2.0.3 network blue |
		grep -qx '10.2.0.3 via peering tgw (10.2.0.0/16 proto static) via network red (10.2.0.0/16 proto attach) node 10.2.0.3 remote $(sub4 2)'"
check "tgw counted what it forwarded" \
	bash -c "vnetctl -n h1 -s peering show tgw | awk '/TX:/ { getline; n = \$2 } END { exit !(n > 0) }'"

# --- the unattached network
before=$(snapshot h1)
check "blue cannot reach green" no_pings b1 10.3.0.1
check "green cannot reach blue" no_pings g1 10.1.0.1
assert_moved "dropped as no_route in each network's own table" "$before" \
	"$(snapshot h1)" "blue.no_route=3 green.no_route=3 green.tx_packets=0"

# --- answers of a router
out=$(ip netns exec b1 ping -c 2 -i 0.3 -W 1 -t 1 10.2.0.3 2>&1)
assert_eq "TTL 1: time exceeded, from tgw's address in blue" 2 \
	"$(grep -c 'From 10.1.255.1 .*Time to live exceeded' <<< "$out")"
out=$(ip netns exec b1 ping -c 2 -i 0.3 -W 1 -t 1 fd00:2::3 2>&1)
assert_eq "hop limit 1: time exceeded, from tgw's IPv6 address" 2 \
	"$(grep -ci 'From fd00:1::ff01 .*Time exceeded' <<< "$out")"

for h in h1 h2; do
	vnetctl -n $h route add 10.2.9.0/24 peering tgw blackhole
	vnetctl -n $h route add fd00:2::9:0/112 peering tgw blackhole
done
before=$(snapshot h1)
out=$(ip netns exec b1 ping -c 2 -i 0.3 -W 1 10.2.9.1 2>&1)
assert_eq "tgw's blackhole: net unreachable, from tgw" 2 \
	"$(grep -c 'From 10.1.255.1 .*Destination Net Unreachable' <<< "$out")"
out=$(ip netns exec b1 ping -c 2 -i 0.3 -W 1 fd00:2::9:1 2>&1)
assert_eq "tgw's IPv6 blackhole: no route, from tgw" 2 \
	"$(grep -ci 'From fd00:1::ff01 .*unreachable' <<< "$out")"
assert_moved "counted as blackhole" "$before" "$(snapshot h1)" "blue.blackhole=4"
vnetctl -n h1 route add 10.50.0.0/16 network blue via peering tgw
out=$(ip netns exec b1 ping -c 2 -i 0.3 -W 1 10.50.0.1 2>&1)
assert_eq "no route in tgw: net unreachable" 2 \
	"$(grep -c 'From 10.1.255.1 .*Destination Net Unreachable' <<< "$out")"

# --- the longest prefix wins, in either table
vnetctl -n h1 route add 10.2.0.3/32 network blue blackhole
check "a more specific blackhole in blue's table stops 10.2.0.3" no_pings b1 10.2.0.3
check "... and only it" pings b1 10.2.0.1
vnetctl -n h1 route del 10.2.0.3/32 network blue
check "deleting it lets 10.2.0.3 through again" pings b1 10.2.0.3

vnetctl -n h1 route del 10.2.0.0/16 network blue
check "deleting blue's route to red stops the traffic" no_pings b1 10.2.0.1
vnetctl -n h1 route add 10.2.0.0/16 network blue via peering tgw

# --- the receiving host repeats the lookup
vnetctl -n h2 route del 10.2.0.0/16 network blue
before=$(snapshot h2)
check "h2 without blue's route drops what h1 forwards" no_pings b1 10.2.0.3
assert_moved "... counted as no_route in red on h2" "$before" "$(snapshot h2)" \
	"red.no_route=3 red.rx_packets=0"
vnetctl -n h2 route add 10.2.0.0/16 network blue via peering tgw
check "with it back, the traffic flows" pings b1 10.2.0.3

# --- a next-hop route: a router node with networks behind it
behind()
{
	vnet_node h2 h1 red rt 5 "$(sub4 2)" 2 &&
	# a router solicits from its link-local addresses what it forwards
	addr_add rt eth0 fe80::5/64 &&
	netns_add behind &&
	ip -n rt link add rb type veth peer name eth0 netns behind &&
	addr_add rt rb 192.168.5.254/24 fd00:5::fffe/64 fe80::fffe/64 &&
	ip -n rt link set rb up &&
	addr_add behind eth0 192.168.5.1/24 fd00:5::1/64 &&
	ip -n behind link set eth0 up &&
	ip -n behind route add default via 192.168.5.254 &&
	ip -n behind -6 route add default via fd00:5::fffe &&
	ip netns exec rt sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 &&
	for h in h1 h2; do
		vnetctl -n $h -batch - <<-EOF || return 1
		route add 192.168.5.0/24 peering tgw via network red nexthop 10.2.0.5
		route add fd00:5::/64 peering tgw via network red nexthop fd00:2::5
		route add 192.168.5.0/24 network blue via peering tgw
		route add fd00:5::/64 network blue via peering tgw
		EOF
	done
}
check "router node rt in red, with 192.168.5.0/24 and fd00:5::/64 behind it" behind
check "route get names the router node" \
	bash -c "vnetctl -n h1 route get 192.168.5.1 network blue | grep -q 'node 10.2.0.5 remote'"
check "IPv4 ping through the router node (its replies from the routed prefix)" \
	pings b1 192.168.5.1
check "IPv6 ping through the router node" pings b1 fd00:5::1
check "TCP through the router node" tcp_xfer b1 behind 192.168.5.1

# --- two router nodes a prefix is routed to, through two peering routers:
# each sends from it (the source check finds the one on its own port)
rt2()
{
	vnet_node h1 h2 red rt2 6 "$(sub4 1)" 2 &&
	ip -n rt2 addr add 192.168.5.9/32 dev lo &&
	vnetctl -n h1 -batch - <<-EOF
	peering add tgw2
	peering attach tgw2 network red address 10.2.255.2
	route add 192.168.5.0/24 peering tgw2 via network red nexthop 10.2.0.6
	EOF
}
check "router node rt2 in red on h1, 192.168.5.0/24 routed to it by tgw2" rt2
before=$(snapshot h1)
ip netns exec rt2 ping -c 3 -i 0.2 -W 1 -I 192.168.5.9 10.1.0.1 > /dev/null 2>&1
assert_moved "rt2's packets from the prefix reach b1, not spoofed" "$before" \
	"$(snapshot h1)" "red.spoofed=0 blue.tx_packets=3+"

# --- ECMP: a prefix routed to three router nodes (rt on h2, rt3 on h1, rt4
# on h2), each with 192.168.8.1; flows spread by hash, each keeps to one
ecmp()
{
	vnet_node h1 h2 red rt3 7 "$(sub4 1)" 2 &&
	vnet_node h2 h1 red rt4 8 "$(sub4 2)" 2 &&
	for n in rt rt3 rt4; do
		ip -n $n addr add 192.168.8.1/32 dev lo || return 1
	done
	for h in h1 h2; do
		vnetctl -n $h -batch - <<-EOF || return 1
		route add 192.168.8.0/24 peering tgw via network red nexthop 10.2.0.5 via network red nexthop 10.2.0.7 via network red nexthop 10.2.0.8 proto bgp
		route add 192.168.8.0/24 network blue via peering tgw
		EOF
	done
}
# noports NS: the UDP datagrams NS got for no socket
noports()
{
	ip netns exec "$1" awk '/^Udp:/ && n++ { print $3 }' /proc/net/snmp
}
# flows FIRST N [COUNT]: from b1, COUNT (1) UDP datagrams each of N flows
# (source ports FIRST on) to 192.168.8.1 port 9
flows()
{
	ip netns exec b1 python3 -c '
import socket, sys
first, n, count = (list(map(int, sys.argv[1:])) + [1])[:3]
for p in range(first, first + n):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("10.1.0.1", p))
    for _ in range(count):
        s.sendto(b"x", ("192.168.8.1", 9))
    s.close()' "$@"
}
check "ECMP: 192.168.8.0/24 routed to three router nodes" ecmp
# a first round from other ports, not counted: rt3 and rt4 are new, and a
# packet for a node whose link-layer address the host has not resolved yet
# is dropped (unresolved) while it asks
flows 39000 96
sleep 1
b5=$(noports rt) b7=$(noports rt3) b8=$(noports rt4)
before1=$(snapshot h1) before2=$(snapshot h2)
flows 40000 96
sleep 1
a5=$(noports rt) a7=$(noports rt3) a8=$(noports rt4)
d5=$((a5 - b5)) d7=$((a7 - b7)) d8=$((a8 - b8))
diag "96 flows: rt $d5, rt3 $d7, rt4 $d8"
check "96 flows reach each of the three (two on the receiving host)" \
	test $d5 -gt 0 -a $d7 -gt 0 -a $d8 -gt 0 -a $((d5 + d7 + d8)) = 96
assert_moved "... their replies from the prefix pass the source check (h1)" \
	"$before1" "$(snapshot h1)" "red.spoofed=0"
assert_moved "... and on h2" "$before2" "$(snapshot h2)" "red.spoofed=0"
b5=$a5 b7=$a7 b8=$a8
flows 41000 1 20
sleep 1
assert_eq "one flow keeps to one router" "20" \
	"$(echo $(( $(noports rt) - b5 )) $(( $(noports rt3) - b7 )) $(( $(noports rt4) - b8 )) |
	   tr ' ' '\n' | grep -v '^0$' | paste -sd' ')"
for h in h1 h2; do
	vnetctl -n $h route replace 192.168.8.0/24 peering tgw via network red nexthop 10.2.0.5 \
		via network red nexthop 10.2.0.8 proto bgp
done
b7=$(noports rt3)
before=$(( $(noports rt) + $(noports rt4) ))
flows 42000 96
sleep 1
assert_eq "a next hop taken out of the route gets no more flows" \
	"0 96" "$(( $(noports rt3) - b7 )) $(( $(noports rt) + $(noports rt4) - before ))"

# --- detaching
vnetctl -n h1 peering detach tgw network red
assert_eq "detaching red removes the routes through it (red's and tgw's)" \
	"0 0" "$(vnetctl -n h1 route show network red | wc -l) $(vnetctl -n h1 route show peering tgw | grep -c 'network red')"
check "after it, blue no longer reaches red" no_pings b1 10.2.0.1

check_kernel_log
ktap_finished

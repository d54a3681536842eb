#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Interoperation with the stock Linux geneve device: a vnet network on h1,
# on h2 plain `ip link add ... type geneve ... innerprotoinherit` endpoints
# with default settings (so IPv4 without outer UDP checksums). Pings and
# checked TCP transfers both ways, IPv4 and IPv6 overlays, IPv4 and IPv6
# substrates; tshark reads vnet's packets as Geneve.
#
# h1: network blue (id 100): b1 10.1.0.1, b2 10.1.0.2 (and fd00:1::N)
# h2: gnv4 (remote 192.168.0.1) has 10.1.0.3, fd00:1::3: vnet knows them at 192.168.0.2
#     gnv6 (remote fd99::1)     has 10.1.0.4, fd00:1::4: vnet knows them at fd99::2
source "$(dirname "$0")/lib.sh"

ktap_plan 16

# stock DEV REMOTE N PEER: geneve device DEV in h2 to REMOTE, with addresses
# 10.1.0.N and fd00:1::N, and routes through it to node PEER's addresses
stock()
{
	local a
	ip -n h2 link add "$1" type geneve id 100 remote "$2" innerprotoinherit || return 1
	addr_add h2 "$1" "10.1.0.$3/32" "fd00:1::$3/128" || return 1
	ip -n h2 link set "$1" up || return 1
	ip -n h2 route add "10.1.0.$4/32" dev "$1" src "10.1.0.$3" || return 1
	ip -n h2 route add "fd00:1::$4/128" dev "$1" src "fd00:1::$3" || return 1
	for a in "10.1.0.$3" "fd00:1::$3"; do
		vnetctl -n h1 node add "$a" network blue remote "$5" || return 1
	done
}

setup()
{
	hosts_add h1 h2 &&
	vnetctl -n h1 network add blue id 100 prefix 10.1.0.0/16 prefix fd00:1::/64 &&
	vnet_node h1 - blue b1 1 - &&
	vnet_node h1 - blue b2 2 - &&
	stock gnv4 "$(sub4 1)" 3 1 "$(sub4 2)" &&
	stock gnv6 "$(sub6 1)" 4 2 "$(sub6 2)"
}
check "vnet network on h1, stock geneve endpoints on h2" setup
sleep 1

check "vnet -> stock: IPv4 over the IPv4 substrate" pings b1 10.1.0.3
check "vnet -> stock: IPv6 over the IPv4 substrate" pings b1 fd00:1::3
check "vnet -> stock: IPv4 over the IPv6 substrate" pings b2 10.1.0.4
check "vnet -> stock: IPv6 over the IPv6 substrate" pings b2 fd00:1::4
check "stock -> vnet: IPv4 over the IPv4 substrate" pings h2 10.1.0.1
check "stock -> vnet: IPv6 over the IPv6 substrate" pings h2 fd00:1::2

before=$(snapshot h1)
check "vnet -> stock: TCP, IPv4 over the IPv4 substrate (10 MB, SHA-256)" \
	tcp_xfer b1 h2 10.1.0.3
check "stock -> vnet: TCP, IPv6 over the IPv4 substrate" tcp_xfer h2 b1 fd00:1::1
check "vnet -> stock: TCP, IPv6 over the IPv6 substrate" tcp_xfer b2 h2 fd00:1::4
check "stock -> vnet: TCP, IPv4 over the IPv6 substrate" tcp_xfer h2 b2 10.1.0.2
after=$(snapshot h1)
assert_moved "vnet counted 20 MB each way" "$before" "$after" \
	"blue.rx_bytes=20971520+ blue.tx_bytes=20971520+"
assert_moved "and dropped nothing of the stock side's" "$before" "$after" \
	"blue.spoofed=0 blue.unknown_node=0 blue.malformed=0 blue.bad_vni=0 ns.bad_vni=0 ns.malformed=0"

# tshark on the substrate: VNI, protocol type, inner addresses
ip netns exec h2 timeout 60 tcpdump -q -n -i sub -c 2 -w "$TMP/sub.pcap" udp port 6081 \
	2> /dev/null &
cap=$!
sleep 1
check "a ping to capture" pings b1 -c 1 10.1.0.3
wait $cap
assert_eq "tshark decodes vnet's packet and the stock reply as Geneve" \
	"0x000064,0x0800,10.1.0.1,10.1.0.3;0x000064,0x0800,10.1.0.3,10.1.0.1;" \
	"$(tshark -r "$TMP/sub.pcap" -T fields -E separator=, -e geneve.vni \
		-e geneve.proto_type -e ip.src -e ip.dst 2> /dev/null |
	   sed 's/192\.168\.0\.[12],//g' | tr '\n' ';')"

check_kernel_log
ktap_finished

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The host's stack and the nodes of a network, through a peering router's
# attachment address: packets a node sends to it arrive on the network's
# netdevice, the host's replies go back through it. Two attached networks
# use the same prefix and the same attachment address, each with a node
# at the same address: a socket bound to a network's netdevice talks with
# that network's node only.
source "$(dirname "$0")/lib.sh"

ktap_plan 19

setup()
{
	netns_add h1 &&
	quiet_ipv6 h1 &&
	vnetctl -n h1 -batch - <<-EOF &&
	network add left id 1 prefix 10.1.0.0/16 prefix fd00:1::/64
	network add right id 2 prefix 10.1.0.0/16 prefix fd00:1::/64
	peering add tgw
	peering attach tgw network left address 10.1.255.1 address fd00:1::ff01
	peering attach tgw network right address 10.1.255.1 address fd00:1::ff01
	EOF
	vnet_node h1 - left n1 5 - 1 &&
	vnet_node h1 - right n2 5 - 1 &&
	addr_add h1 left 10.1.255.1/16 fd00:1::ff01/64 &&
	addr_add h1 right 10.1.255.1/16 fd00:1::ff01/64
}
check "networks left and right, the same prefix, attached at the same address; a node at 10.1.0.5 in each" setup
sleep 1

# host_to DEV NODE ADDR: 2 MB from the host, its socket bound to DEV, to a
# listener in NODE; node_to_host NODE DEV ADDR: the other way
host_to() { SEND_DEV=$1 tcp_xfer h1 "$2" "$3" 2097152; }
node_to_host() { RECV_DEV=$2 tcp_xfer "$1" h1 "$3" 2097152; }

check "route get: the attachment's address is the host's" \
	bash -c "vnetctl -n h1 route get 10.1.255.1 network left | grep -qx '10.1.255.1 host dev left'"
check "n1 pings the host at the attachment's address" pings n1 10.1.255.1
check "n2 too, through the other network" pings n2 fd00:1::ff01
before=$(snapshot h1)
check "TCP from the host to n1 (a socket bound to left)" host_to left n1 10.1.0.5
assert_moved "... it went through left, not right" "$before" "$(snapshot h1)" \
	"left.rx_packets=20+ left.tx_packets=100+ right.tx_packets=0"
before=$(snapshot h1)
check "TCP from the host to n2, the same address (bound to right)" host_to right n2 10.1.0.5
assert_moved "... it went through right" "$before" "$(snapshot h1)" \
	"right.tx_packets=100+ left.tx_packets=0"
check "TCP over IPv6 from the host to n1" host_to left n1 fd00:1::5
check "TCP from n2 to a listener on the host bound to right" node_to_host n2 right 10.1.255.1
check "TCP from n1 to the host over IPv6" node_to_host n1 left fd00:1::ff01
# --- what the host forwards, or sends from another address, stays out
outsider()
{
	netns_add out &&
	ip -n h1 link add out type veth peer name eth0 netns out &&
	addr_add h1 out 192.0.2.1/24 && ip -n h1 link set out up &&
	addr_add out eth0 192.0.2.2/24 && ip -n out link set eth0 up &&
	ip -n out route add 10.1.0.0/16 via 192.0.2.1 &&
	ip netns exec h1 sysctl -qw net.ipv4.ip_forward=1
}
check "a namespace routed through the host, which forwards" outsider
# tx_dropped of the two networks' netdevices
txdrops()
{
	ip -n h1 -s -j link show type vnet | python3 -c '
import json, sys
print(sum(l["stats64"]["tx"]["dropped"] for l in json.load(sys.stdin)))'
}
before=$(snapshot h1)
drops=$(txdrops)
check "the outsider cannot reach n1 through the host" no_pings out 10.1.0.5
assert_moved "... nothing went to the nodes" "$before" "$(snapshot h1)" "left.tx_packets=0 right.tx_packets=0"
check "... the host's forwarded packets counted as tx_dropped" \
	bash -c "[ $(txdrops) -ge $((drops + 3)) ]"
before=$(snapshot h1)
check "the host's own packets from another address of its: dropped" \
	no_pings h1 -I 192.0.2.1 10.1.0.5
assert_moved "... none went to the nodes" "$before" "$(snapshot h1)" "left.tx_packets=0 right.tx_packets=0"
check "control: from the attachment's address they go" pings h1 -I 10.1.255.1 10.1.0.5

check_kernel_log
ktap_finished

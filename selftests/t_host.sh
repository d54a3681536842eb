#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The host's stack and the nodes of a network, through a peering router's
# attachment address: packets a node sends to it arrive on the network's
# netdevice, the host's replies go back through it. Two attached networks
# use the same prefix and the same attachment address, each with a node
# at the same address: a socket bound to a network's netdevice talks with
# that network's node only.
source "$(dirname "$0")/lib.sh"

ktap_plan 12

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
check_kernel_log
ktap_finished

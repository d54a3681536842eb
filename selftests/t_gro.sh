#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# GRO on the substrate: h2 segments its Geneve packets on the wire (no
# segmentation offload on its substrate link), h1 merges them again (GRO on
# its substrate link, through vnet's gro_receive/gro_complete). The transfer
# arrives whole, and h1 delivers far fewer packets than went over the wire:
# merged, not one by one. The first transfer to b1 (IPv4) and the one to b2
# (IPv6) are also those nodes' first word: the network must resolve a node's
# MAC address itself (TCP ignores packets sent to the broadcast address).
source "$(dirname "$0")/lib.sh"

ktap_plan 9

setup()
{
	blue_nodes &&
	ip netns exec h2 ethtool -K sub tso off gso off tx-udp_tnl-segmentation off \
		tx-udp_tnl-csum-segmentation off > /dev/null &&
	ip netns exec h1 ethtool -K sub gro on > /dev/null
}
check "two hosts; h2 segments on the wire, h1 has GRO on" setup

# wire_packets: packets h1's substrate link received
wire_packets()
{
	ip -n h1 -s -j link show sub |
		python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["rx"]["packets"])'
}

# xfer DESC FROM ADDR: 10 MB from node FROM (on h2) to ADDR (a node on h1);
# then h1 must have delivered fewer than a third of the wire's packets
xfer()
{
	local wire0 wire1 rx0 rx1
	rx0=$(counter h1 blue rx_packets)
	wire0=$(wire_packets)
	check "$1: TCP arrives whole" tcp_xfer "$2" "${3%%/*}" "${3#*/}"
	wire1=$(wire_packets)
	rx1=$(counter h1 blue rx_packets)
	if [ $((wire1 - wire0)) -gt 3000 ] &&
	   [ $(((rx1 - rx0) * 3)) -lt $((wire1 - wire0)) ]; then
		ktap_ok "$1: merged by GRO"
	else
		ktap_fail "$1: merged by GRO"
	fi
	diag "$((wire1 - wire0)) packets on the wire, $((rx1 - rx0)) delivered"
}
xfer "IPv4 over the IPv4 substrate" b3 b1/10.1.0.1
xfer "IPv6 over the IPv4 substrate" b3 b1/fd00:1::1
xfer "IPv6 over the IPv6 substrate (b2 silent so far)" b4 b2/fd00:1::2

ip netns exec h1 ethtool -K sub gro off > /dev/null
check "GRO off again: TCP still arrives" tcp_xfer b3 b1 10.1.0.1 1048576
check_kernel_log
ktap_finished

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Removal under traffic: nodes, a port, a network, a node's namespace and
# then both hosts' namespaces go while iperf3 and flood pings run through
# them. Each removal takes effect, the kernel log stays clean, nothing keeps
# a reference: the namespaces' devices go and the module unloads.
#
# hosts h1, h2: network blue with b1, b2 (h1) and b3, b4 (h2) as in
# blue_nodes; network red with r1 10.1.0.1 (h1) and r3 10.1.0.3 (h2)
source "$(dirname "$0")/lib.sh"

ktap_plan 21

setup()
{
	blue_nodes &&
	vnetctl -n h1 network add red id 200 prefix 10.1.0.0/16 prefix fd00:1::/64 &&
	vnetctl -n h2 network add red id 200 prefix 10.1.0.0/16 prefix fd00:1::/64 &&
	vnet_node h1 h2 red r1 1 "$(sub4 1)" &&
	vnet_node h2 h1 red r3 3 "$(sub4 2)"
}
check "two hosts, blue with four nodes, red with two" setup

# flood NODE SECONDS ADDR: flood pings from NODE in the background
flood()
{
	ip netns exec "$1" timeout $(($2 + 5)) ping -f -q -w "$2" "$3" > /dev/null 2>&1 &
}

# stream FROM TO ADDR SECONDS: an iperf3 TCP stream in the background
stream()
{
	ip netns exec "$2" timeout $(($4 + 10)) iperf3 -s -1 -B "$3" > /dev/null 2>&1 &
	sleep 0.5
	ip netns exec "$1" timeout $(($4 + 10)) iperf3 -c "$3" -t "$4" > /dev/null 2>&1 &
}

# nodes NS NET: the addresses of NET's nodes in NS, sorted, on one line
nodes()
{
	vnetctl -n "$1" node show network "$2" | cut -d' ' -f1 | sort | tr '\n' ' '
}

# wait_until SECONDS CMD...: ok once CMD succeeds, tried every 0.5 s
wait_until()
{
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.5
	done
}

# --- nodes
stream b1 b3 10.1.0.3 4
flood b3 4 10.1.0.1
sleep 1
check "node del under traffic (the destination, on h1)" \
	vnetctl -n h1 node del 10.1.0.3 network blue
check "node del under traffic (the source, on h2)" \
	vnetctl -n h2 node del 10.1.0.1 network blue
check "the deleted node is out of reach" no_pings b1 10.1.0.3
check "both nodes back" bash -c "vnetctl -n h1 node add 10.1.0.3 network blue remote $(sub4 2) &&
	vnetctl -n h2 node add 10.1.0.1 network blue remote $(sub4 1)"
check "and in reach again" pings b1 10.1.0.3
wait

# --- a port
flood b2 3 fd00:1::4
flood b4 3 fd00:1::2
sleep 1
check "port del under traffic" vnetctl -n h1 port del b2
assert_eq "its nodes went with it" \
	"10.1.0.1 10.1.0.3 10.1.0.4 fd00:1::1 fd00:1::3 fd00:1::4 " "$(nodes h1 blue)"
check "its node is out of reach" no_pings b4 fd00:1::2
wait

# --- a network
stream r1 r3 10.1.0.3 4
flood r3 4 10.1.0.1
sleep 1
check "network del under traffic (vnetctl, h1)" vnetctl -n h1 network del red
check "network del under traffic (ip link, h2)" ip -n h2 link del red
check "its nodes are out of reach" no_pings r3 10.1.0.1
wait

# --- a node's namespace
flood b1 3 10.1.0.3
flood b3 3 10.1.0.1
sleep 1
check "a node's namespace deleted under traffic" ip netns del b3
# b3_gone: h2 lists blue's nodes, and none on port b3
b3_gone()
{
	local out
	out=$(vnetctl -n h2 node show network blue) && ! grep -qE ' dev b3( |$)' <<< "$out"
}
check "its port and nodes go with its link" wait_until 20 b3_gone
wait

# --- the hosts' namespaces
check "port back on h1" bash -c "vnetctl -n h1 port add b2 network blue &&
	vnetctl -n h1 node add 10.1.0.2 network blue dev b2 &&
	vnetctl -n h1 node add fd00:1::2 network blue dev b2"
stream b2 b1 10.1.0.1 4
flood b1 4 10.1.0.2
flood b4 4 fd00:1::2
flood b2 4 fd00:1::4
sleep 1
check "host h2 deleted under traffic" ip netns del h2
check "host h1 deleted under traffic" ip netns del h1
check "the nodes' links go with the hosts" wait_until 60 \
	bash -c '! ip -n b1 link show eth0 && ! ip -n b4 link show eth0' 2> /dev/null
wait

check_kernel_log
# a leaked reference would make this wait forever: give it a minute
rmmod vnet &
rm_pid=$!
if wait_until 60 bash -c "! kill -0 $rm_pid 2> /dev/null" && wait $rm_pid; then
	ktap_ok "the module unloads"
else
	ktap_fail "the module unloads"
	diag "$(lsmod | grep -w vnet; dmesg | tail -20)"
fi
log_clean() { [ -z "$(kernel_log_problems "$KMSG_MARK")" ]; }
check "and the kernel log is still clean" log_clean
ktap_finished

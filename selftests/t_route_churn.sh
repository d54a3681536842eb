#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Route tables changed in bulk while traffic flows through them: on both
# hosts, routes added to and deleted from tgw's and blue's tables again and
# again (VNET_SCALE routes a round, 20000 by default) under a ping flood
# between blue and red, whose routes do not change: not one ping may be
# lost. Then the peering router deleted, and the module unloaded, under
# traffic.
source "$(dirname "$0")/lib.sh"

ktap_plan 11

n=${VNET_SCALE:-20000}
rounds=${CHURN_ROUNDS:-2}

setup()
{
	peering_hosts h1 h2 &&
	vnet_node h1 h2 blue b1 1 "$(sub4 1)" 1 &&
	vnet_node h2 h1 red r3 3 "$(sub4 2)" 2
}
check "two hosts; blue's b1 on h1, red's r3 on h2, through tgw" setup
check "b1 reaches r3" pings b1 10.2.0.3

# n routes, three quarters in tgw's table, a quarter in blue's, none of them
# covering the flood's addresses
awk -v n=$n 'BEGIN {
	for (i = 0; i < n; i++) {
		a = sprintf("100.%d.%d.%d", 64 + int(i / 65536), int(i / 256) % 256, i % 256)
		if (i % 4)
			printf "route add %s/32 peering tgw via network red nexthop 10.2.0.%d\n", a, i % 250 + 1
		else
			printf "route add %s/32 network blue via peering tgw\n", a
	}
}' > "$TMP/add"
sed 's/^route add \([^ ]*\) \(peering tgw\|network blue\).*/route del \1 \2/' "$TMP/add" > "$TMP/del"
before=$(vnetctl -n h1 route show peering tgw; vnetctl -n h1 route show network blue)

# churn HOST: the rounds of additions and deletions
churn()
{
	local r
	for r in $(seq "$rounds"); do
		vnetctl -n "$1" -batch "$TMP/add" && vnetctl -n "$1" -batch "$TMP/del" || return 1
	done
}

ip netns exec b1 ping -q -i 0.01 -W 2 10.2.0.3 > "$TMP/flood" 2>&1 &
flood=$!
sleep 1
t0=$(date +%s.%N)
churn h1 & c1=$!
churn h2 & c2=$!
wait $c1; s1=$?
wait $c2; s2=$?
t1=$(date +%s.%N)
sleep 1
kill -INT $flood
wait $flood
assert_eq "$rounds rounds of $n routes added and deleted on each host" "0 0" "$s1 $s2"
diag "$(awk -v a=$t0 -v b=$t1 -v n=$n -v r=$rounds 'BEGIN {
	printf "%d route changes a host in %.1f s (%.0f a second, both hosts at once)", 2 * n * r, b - a, 2 * n * r / (b - a) }')"
check "the ping flood lost nothing meanwhile" \
	bash -c "cat '$TMP/flood'; grep -q ' 0% packet loss' '$TMP/flood' &&
		! grep -q ' 0 received' '$TMP/flood'"
assert_eq "the tables are as before" "$before" \
	"$(vnetctl -n h1 route show peering tgw; vnetctl -n h1 route show network blue)"

# --- deletions under traffic
ip netns exec b1 ping -q -i 0.005 -w 4 10.2.0.3 > /dev/null 2>&1 &
flood=$!
ip netns exec r3 ping -q -i 0.005 -w 4 fd00:1::1 > /dev/null 2>&1 &
flood2=$!
sleep 1
vnetctl -n h1 -batch "$TMP/add" > /dev/null
check "tgw deleted on h1 under a ping flood, with $((n * 3 / 4)) routes in it" \
	vnetctl -n h1 peering del tgw
check "and on h2" vnetctl -n h2 peering del tgw
wait $flood $flood2
check "blue's table emptied of its routes through tgw" \
	bash -c "[ -z \"\$(vnetctl -n h1 route show network blue)\" ]"

vnetctl -n h1 -batch - <<EOF2
peering add tgw
peering attach tgw network blue address 10.1.255.1 propagate
peering attach tgw network red address 10.2.255.1 propagate
route add 10.2.0.0/16 network blue via peering tgw
EOF2
vnetctl -n h1 -batch "$TMP/add" > /dev/null
ip netns exec b1 ping -q -i 0.005 -w 3 10.2.0.3 > /dev/null 2>&1 &
flood=$!
sleep 1
check "the module unloads under a ping flood, with its routes" rmmod vnet
wait $flood
module_load
check "and loads again" module_loaded
check_kernel_log
ktap_finished

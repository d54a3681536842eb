#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Longest-prefix match in the kernel, against a reference: thousands of
# random IPv4 and IPv6 routes in a peering router's table (nested in one
# another half the time), then `vnetctl route get` for thousands of
# addresses compared with the answers of a linear reference
# (lpm_routes.py); the same after deleting a random half and after
# replacing another quarter. VNET_SCALE sets the routes a family.
source "$(dirname "$0")/lib.sh"

ktap_plan 9

n=${VNET_SCALE:-1000}
st=$TMP/routes.json
lpm() { python3 "$(dirname "$0")/lpm_routes.py" "$@"; }

setup()
{
	local i
	netns_add h1 &&
	vnetctl -n h1 peering add tgw &&
	for i in 1 2 3 4; do
		vnetctl -n h1 network add n$i id $i prefix 100.64.$i.0/24 &&
		vnetctl -n h1 peering attach tgw network n$i address 100.64.$i.1 || return 1
	done
}
check "peering router tgw with networks n1 to n4 attached" setup

# probe PHASE: route get for 2n addresses, compared with the reference
probe()
{
	lpm probes "$st" $((2 * n)) > "$TMP/probes" &&
	vnetctl -n h1 -j -batch "$TMP/probes" > "$TMP/answers" &&
	lpm check "$st" "$TMP/answers"
}

check "$n IPv4 and $n IPv6 random routes added" \
	bash -c "python3 '$(dirname "$0")/lpm_routes.py' gen '$st' $n 1 > '$TMP/add' &&
		vnetctl -n h1 -batch '$TMP/add'"
assert_eq "the table holds them all" $((2 * n)) \
	"$(vnetctl -n h1 -j peering show tgw | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["routes"])')"
check "route get of $((2 * n)) addresses equals the reference" probe
check "a random half deleted" \
	bash -c "python3 '$(dirname "$0")/lpm_routes.py' delete '$st' 0.5 > '$TMP/del' &&
		vnetctl -n h1 -batch '$TMP/del'"
check "... route get still equals the reference" probe
check "another quarter replaced (route replace, new targets)" \
	bash -c "python3 '$(dirname "$0")/lpm_routes.py' replace '$st' 0.25 > '$TMP/rep' &&
		vnetctl -n h1 -batch '$TMP/rep'"
check "... route get still equals the reference" probe
check_kernel_log
ktap_finished

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Lifetimes: networks go with their namespace while the module stays, and
# with the module while namespaces stay.
source "$(dirname "$0")/lib.sh"

ktap_plan 11
netns_add h1 h2

for i in $(seq 1 50); do
	echo "network add a$i id $i prefix 10.$i.0.0/16"
done > "$TMP/add"
check "50 networks in h1 by vnetctl" vnetctl -n h1 -batch "$TMP/add"
check "and one by ip link" ip -n h1 link add b1 type vnet
check "the same ids in h2: ids are per namespace" vnetctl -n h2 -batch "$TMP/add"

check "deleting h1 with its networks in it" ip netns del h1
# netns teardown is asynchronous; give it time, then look at what is left
sleep 2
assert_eq "h2's networks are untouched" 50 "$(vnetctl -n h2 network show | wc -l)"
check "h2 still takes new networks" vnetctl -n h2 network add c1 id 1000

check "networks in the initial namespace too" vnetctl network add init0 id 7
check "the module unloads with networks present in two namespaces" rmmod vnet
assert_eq "their netdevices are gone" "0 0" \
	"$(ip -n h2 -o link show type vnet | wc -l) $(ip -o link show type vnet | wc -l)"
refuse "vnetctl says the module is gone" "the vnet module is not loaded" \
	vnetctl -n h2 network show
module_load
check_kernel_log
ktap_finished

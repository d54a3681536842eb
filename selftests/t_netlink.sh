#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Hostile requests, made by hand (genl.py) rather than by vnetctl, which
# checks its input itself: the kernel refuses each with an extack message
# and creates nothing.
source "$(dirname "$0")/lib.sh"

ktap_plan 32
netns_add h1
ip netns exec h1 python3 "$(dirname "$0")/genl.py" > "$TMP/out" 2>&1
got() { sed -n "s/^$1 //p" "$TMP/out"; }

expect() {
	assert_eq "$1: $2" "$2" "$(got "$1")"
}
expect no-network-nest "22 missing attribute 1"
expect network-not-nested "22 NLA_F_NESTED is missing"
expect no-name "22 missing attribute 2"
expect unknown-attribute "22 Unknown attribute type"
expect id-out-of-range "34 integer out of range"
expect id-short "22 invalid attribute length"
expect name-too-long "22 Attribute failed policy validation"
expect name-not-terminated "22 Attribute failed policy validation"
expect name-invalid "22 invalid network name"
expect name-template "22 invalid network name"
expect ifindex-given "22 the kernel assigns the ifindex"
expect port-zero "34 integer out of range"
expect local-short "34 binary attribute size out of range"
expect local-broadcast "22 substrate local address must be unicast"
expect local6-any "22 substrate local address must be unicast"
expect prefix-addr-5-bytes "22 prefix address is neither IPv4 nor IPv6"
expect prefix-no-len "22 missing attribute 2"
expect prefix-v4-len-33 "22 IPv4 prefix length is more than 32"
expect prefix-len-129 "34 integer out of range"
expect prefix-host-bits "22 prefix has bits set past its length"
expect prefix-v6-host-bits "22 prefix has bits set past its length"
expect prefix-overlap "22 prefix overlaps another prefix of the network"
expect prefixes-65 "22 too many prefixes"
expect del-no-key "22 network name or ifindex needed"
expect del-unknown "19 no such network"
expect get-unknown-ifindex "19 no such network"
expect unknown-command "95 "
expect reserved-field-set "22 genlmsghdr.reserved field is not 0"
expect valid "0 "
expect dump "0 ok0"
assert_eq "the valid network has all 64 prefixes" 64 \
	"$(vnetctl -n h1 -j network show ok0 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[0]["prefixes"]))')"
check_kernel_log
ktap_finished

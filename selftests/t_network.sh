#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Networks: add, show and delete them with vnetctl and with ip link; refused
# requests say why and change nothing.
source "$(dirname "$0")/lib.sh"

ktap_plan 35
netns_add h1
v() { vnetctl -n h1 "$@"; }

# --- vnetctl add, show, del
check "network add with prefixes, port and local addresses" \
	v network add blue id 100 prefix 10.1.0.0/16 prefix fd00:1::/64 port 7000 \
	local 192.0.2.1 local 2001:db8::1
assert_eq "network show prints it" \
	"blue: id 100 port 7000 local 192.0.2.1 local 2001:db8::1 prefix 10.1.0.0/16 prefix fd00:1::/64" \
	"$(v network show blue)"
check "its netdevice exists, is up and of kind vnet" \
	bash -c "ip -n h1 -d link show blue | grep -q 'state UNKNOWN\|,UP' &&
		 ip -n h1 -d link show blue | grep -qw vnet"
check "network add with defaults" v network add red id 200 prefix 10.1.0.0/16
assert_eq "the default port is 6081" "red: id 200 port 6081 prefix 10.1.0.0/16" \
	"$(v network show red)"
v -j network show > "$TMP/all.json"
check "JSON output parses" python3 -m json.tool "$TMP/all.json"
assert_eq "JSON holds both networks with their fields" \
	"blue 100 7000 192.0.2.1 2001:db8::1 10.1.0.0/16,fd00:1::/64;red 200 6081 10.1.0.0/16;" \
	"$(python3 -c '
import json, sys
for n in sorted(json.load(open(sys.argv[1])), key=lambda n: n["id"]):
    print(n["name"], n["id"], n["port"], *[n[k] for k in ("local", "local6") if k in n],
          ",".join(n["prefixes"]), end=";")' "$TMP/all.json")"
assert_eq "JSON of one network" "blue" \
	"$(v -j network show blue | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["name"])')"

# --- refusals: each says why, and the state stays as it was
before=$(v -j network show)
refuse "duplicate id refused" "network id is in use" \
	v network add green id 100 prefix 10.2.0.0/16
refuse "duplicate name refused" "a device with this name exists" \
	v network add blue id 300
refuse "name of another device refused" "a device with this name exists" \
	v network add lo id 301
refuse "id above 2^24-1 refused" 'invalid network id "16777216"' \
	v network add green id 16777216
refuse "non-numeric id refused" 'invalid network id "x"' v network add green id x
refuse "bad CIDR refused" 'invalid prefix "10.1.0.300/16"' \
	v network add green id 5 prefix 10.1.0.300/16
refuse "prefix with host bits refused" "has bits set past its length" \
	v network add green id 5 prefix 10.1.0.1/16
refuse "prefix length too long refused" "invalid prefix length" \
	v network add green id 5 prefix 10.0.0.0/33
refuse "overlapping prefixes refused by the kernel" \
	"prefix overlaps another prefix of the network" \
	v network add green id 5 prefix 10.0.0.0/8 prefix 10.1.0.0/16
refuse "multicast local address refused by the kernel" \
	"substrate local address must be unicast" \
	v network add green id 5 local 224.0.0.1
refuse "unknown keyword refused" 'unknown keyword "colour"' \
	v network add green id 5 colour green
refuse "missing value refused" '"prefix" needs a value' \
	v network add green id 5 prefix
refuse "missing id refused" "network id missing" v network add green
refuse "missing name refused" "network name missing" v network add
refuse "unknown command refused" 'unknown command "frobnicate"' v network frobnicate
refuse "deleting an unknown network refused" "no such network" v network del nosuch
refuse "deleting a device that is not a network refused" "no such network" \
	v network del lo
assert_eq "refused requests changed nothing" "$before" "$(v -j network show)"

# --- ip link
check "ip link add type vnet" ip -n h1 link add purple type vnet
assert_eq "vnetctl shows it with the lowest free id" "purple: id 1 port 6081" \
	"$(v network show purple)"
check "ip link del removes a network made by vnetctl" ip -n h1 link del blue
refuse "and vnetctl no longer knows it" "no such network" v network show blue
check "ip link renames a network" ip -n h1 link set purple name violet
assert_eq "vnetctl shows the new name" "violet: id 1 port 6081" \
	"$(v network show violet)"
check "vnetctl network del removes a network made by ip link" v network del violet
assert_eq "ip link no longer knows it" "" \
	"$(ip -n h1 link show violet 2>/dev/null)"

check_kernel_log
ktap_finished

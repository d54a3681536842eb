#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The iproute2 plugin (tools/iproute2/link_vnet.so) with Debian's own ip:
# ip link add/set ... type vnet configure a network, ip -d [-j] link show
# prints it; bad arguments are refused before the kernel sees them.
source "$(dirname "$0")/lib.sh"

plugin=$VNET_IPLIB
ipv() { IP_LIB_DIR=$plugin ip -n h1 "$@"; }

ktap_plan 20
netns_add h1
ip -n h1 link add sub type dummy
ip -n h1 addr add 192.168.0.1/24 dev sub
ip -n h1 addr add fd99::1/64 dev sub nodad

refuse "without the plugin, ip does not know vnet's arguments" "Garbage instead of arguments" \
	env IP_LIB_DIR=/nonexistent ip -n h1 link add b0 type vnet id 77
check "ip link add with id, prefixes, port and local addresses" \
	ipv link add b0 type vnet id 77 prefix 10.1.0.0/16 prefix fd01::/64 \
	port 7000 local 192.168.0.1 local fd99::1
assert_eq "vnetctl sees the network as configured" \
	"b0: id 77 port 7000 local 192.168.0.1 local fd99::1 prefix 10.1.0.0/16 prefix fd01::/64" \
	"$(vnetctl -n h1 network show b0)"
assert_eq "ip -d link show prints it" \
	"vnet id 77 port 7000 local 192.168.0.1 local fd99::1 prefix 10.1.0.0/16 prefix fd01::/64" \
	"$(ipv -d link show b0 | grep -o 'vnet id.*fd01::/64')"
assert_eq "ip -d -j link show: the same fields, named as vnetctl -j names them" \
	"vnet {'id': 77, 'local': '192.168.0.1', 'local6': 'fd99::1', 'port': 7000, 'prefixes': ['10.1.0.0/16', 'fd01::/64']}" \
	"$(ipv -d -j link show b0 | python3 -c '
import json, sys
li = json.load(sys.stdin)[0]["linkinfo"]
print(li["info_kind"], dict(sorted(li["info_data"].items())))')"
check "ip link set replaces the prefixes" \
	ipv link set b0 type vnet prefix 10.2.0.0/16 prefix 10.3.0.0/16
assert_eq "... as vnetctl shows" \
	"b0: id 77 port 7000 local 192.168.0.1 local fd99::1 prefix 10.2.0.0/16 prefix 10.3.0.0/16" \
	"$(vnetctl -n h1 network show b0)"
check "ip link set unsets the IPv6 local address with ::" ipv link set b0 type vnet local ::
assert_eq "... and it is gone" 0 "$(vnetctl -n h1 network show b0 | grep -c fd99)"
check "a network vnetctl made, with defaults" vnetctl -n h1 network add b1 id 78
assert_eq "ip -d -j link show prints what it has: id, port, no prefixes" \
	"{'id': 78, 'port': 6081, 'prefixes': []}" \
	"$(ipv -d -j link show b1 | python3 -c '
import json, sys
print(dict(sorted(json.load(sys.stdin)[0]["linkinfo"]["info_data"].items())))')"

# refused by the plugin, before any request
refuse "an id past 24 bits" 'invalid id "16777216"' ipv link add x type vnet id 16777216
refuse "a prefix length past 32" 'invalid prefix "10.0.0.0/33"' \
	ipv link add x type vnet prefix 10.0.0.0/33
refuse "port 0" 'invalid port "0"' ipv link add x type vnet port 0
refuse "a keyword that is not vnet's" 'unknown keyword "remote"' \
	ipv link add x type vnet remote 1.2.3.4
refuse "a keyword with no value" '"id" needs a value' ipv link add x type vnet id
refuse "two ids" 'invalid second id "6"' ipv link add x type vnet id 5 id 6
# refused by the kernel, with its reason
refuse "the id of another network: the kernel says why" "Error:" \
	ipv link add x type vnet id 77
assert_eq "none of the refused commands made a network" "b0 b1" \
	"$(ip -n h1 -o link show type vnet | awk -F': ' '{ printf "%s%s", s, $2; s = " " }')"
check_kernel_log
ktap_finished

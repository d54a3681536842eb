#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetctl monitor shows networks added and deleted from elsewhere, by
# vnetctl or ip link, as text and as JSON, and only its own namespace's.
source "$(dirname "$0")/lib.sh"

ktap_plan 6
netns_add h1 h2
vnetctl -n h1 monitor > "$TMP/text" 2>&1 &
vnetctl -n h1 -j monitor > "$TMP/json" 2>&1 &

# wait until both monitors listen: they see a sentinel network come and go
for ((i = 0; i < 100; i++)); do
	vnetctl -n h1 network add sync0 id 999 && vnetctl -n h1 network del sync0
	grep -q "^Deleted network sync0" "$TMP/text" && grep -q '"sync0"' "$TMP/json" && break
	sleep 0.2
done
assert_eq "both monitors are listening" yes \
	"$(grep -q '^Deleted network sync0' "$TMP/text" && grep -q sync0 "$TMP/json" && echo yes)"

vnetctl -n h2 network add other id 5
vnetctl -n h1 network add m1 id 42 prefix 10.9.0.0/16
ip -n h1 link add m2 type vnet
vnetctl -n h1 network del m1
ip -n h1 link del m2
for ((i = 0; i < 50; i++)); do
	grep -q "^Deleted network m2" "$TMP/text" && [ "$(grep -c '"m2"' "$TMP/json")" = 2 ] && break
	sleep 0.2
done
kill %1 %2
wait 2>/dev/null

assert_eq "text: add and delete events, in order, from vnetctl and ip link" \
	"network m1: id 42 port 6081 prefix 10.9.0.0/16
network m2: id 1 port 6081
Deleted network m1: id 42 port 6081 prefix 10.9.0.0/16
Deleted network m2: id 1 port 6081" \
	"$(sed -n '/^Deleted network sync0/,$p' "$TMP/text" | grep -v sync0)"
assert_eq "JSON: the same events, one object a line" \
	"new m1 42;new m2 1;del m1 42;del m2 1;" \
	"$(grep -v sync0 "$TMP/json" | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    assert e["object"] == "network"
    print("del" if e.get("deleted") else "new", e["name"], e["id"], end=";")')"
assert_eq "another namespace's events are not shown" "" \
	"$(grep other "$TMP/text" "$TMP/json")"
assert_eq "nothing on stderr" "" "$(grep -i -e error -e warning "$TMP/text")"
check_kernel_log
ktap_finished

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Many networks attached to one peering router: 300 networks (VNET_SCALE /
# 20: 5,000, the best-known product's limit, at 100000) attached to tgw on h1 beside
# blue and red, each propagating its prefix. The attachments show whole
# (their dump takes several messages), traffic between blue and red and
# into the many networks' prefixes takes the right way, and the networks'
# deletion takes their attachments and routes with them.
source "$(dirname "$0")/lib.sh"

ktap_plan 13

# (at least 300: the dump must need more than one message of 8 KiB)
if [ -n "${VNET_SCALE:-}" ]; then
	N=$((VNET_SCALE / 20 > 300 ? VNET_SCALE / 20 : 300))
else
	N=300
fi
v() { vnetctl -n h1 "$@"; }
# atts: the networks attached to tgw, as the dump has them
atts() { v -j peering show tgw | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[0]["attachments"]))'; }
routes() { v -j peering show tgw | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["routes"])'; }

setup()
{
	peering_hosts h1 h2 &&
	vnet_node h1 h2 blue b1 1 "$(sub4 1)" 1 &&
	vnet_node h2 h1 red r3 3 "$(sub4 2)" 2
}
check "two hosts; blue's b1 on h1, red's r3 on h2, through tgw" setup

# network i: a$i, id 1000 + i, 100.(64 + i / 256).(i % 256).0/24
awk -v n=$N 'BEGIN {
	for (i = 0; i < n; i++)
		printf "network add a%d id %d prefix 100.%d.%d.0/24\n", i, 1000 + i, 64 + int(i / 256), i % 256
	for (i = 0; i < n; i++)
		printf "peering attach tgw network a%d address 100.%d.%d.1 propagate\n", i, 64 + int(i / 256), i % 256
}' > "$TMP/add"
timed "$N networks made and attached to tgw" v -batch "$TMP/add"
assert_eq "tgw shows $((N + 2)) attachments, in more than one message" "$((N + 2))" "$(atts)"
assert_eq "... and $((N + 4)) routes: blue's and red's two each, one each for the others" \
	"$((N + 4))" "$(routes)"
# the dump's messages of tgw, counted by a raw genetlink client that reads
# 8 KiB at a time (the kernel fits dump messages to that)
msgs()
{
	ip netns exec h1 python3 - <<-EOF
	import sys
	sys.path.insert(0, "$(dirname "$0")")
	from genl import Genl, F_DUMP
	from genl_peering import PEERING_GET, A_PEERING, PE_ATTACHMENTS, AT_IFNAME, peering
	replies, err, _ = Genl(8192).talk(PEERING_GET, peering("tgw"), flags=F_DUMP)
	names = []
	for r in replies:
	    atts = Genl.attrs(Genl.attrs(Genl.attrs(r)[A_PEERING]).get(PE_ATTACHMENTS, b""))
	    names += [Genl.attrs(a)[AT_IFNAME] for a in atts.values()]
	print(err, len(replies) > 1, len(names), len(set(names)))
	EOF
}
assert_eq "... which a reader of 8 KiB at a time gets whole, in several messages" \
	"0 True $((N + 2)) $((N + 2))" "$(msgs)"
assert_eq "peering show of all peering routers agrees" "$((N + 2))" \
	"$(v -j peering show | python3 -c 'import json,sys; print(sum(len(p["attachments"]) for p in json.load(sys.stdin)))')"
check "b1 still reaches r3 through tgw" pings b1 10.2.0.3

# a route from blue into the last network: the lookup finds it among the
# many attachments
last=$((N - 1))
lastpfx=100.$((64 + last / 256)).$((last % 256))
check "a route in blue's table to the last network's prefix" \
	v route add "$lastpfx.0/24" network blue via peering tgw
assert_eq "route get from blue: via tgw into a$last" \
	"a$last" "$(v -j route get "$lastpfx.7" network blue | python3 -c 'import json,sys; print(json.load(sys.stdin)["network"])')"
refuse "a route in blue's table to a network not attached to the peering router fails" \
	"no such network attached" \
	v route add 198.18.0.0/24 peering tgw via network green

# teardown: the networks go, and with them their attachments and routes
awk -v n=$N 'BEGIN { for (i = 0; i < n; i++) printf "network del a%d\n", i }' > "$TMP/del"
timed "the $N networks deleted" v -batch "$TMP/del"
assert_eq "tgw keeps blue and red, and their 4 routes" "2 4" "$(atts) $(routes)"
check_kernel_log
ktap_finished

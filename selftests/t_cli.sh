#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetctl's iproute2 conventions: the options (-V -d -o -4/-6/-f -c -rcvbuf
# -t), what show prints fed back as commands, show of every table, the
# monitor's filters and timestamps, and one-line errors: a stray keyword
# reported as unknown, a repeated one as repeated.
source "$(dirname "$0")/lib.sh"

ktap_plan 54
netns_add h1
v() { vnetctl -n h1 "$@"; }

ip -n h1 link add pa type veth peer name pb
v network add blue id 100 prefix 10.1.0.0/16 prefix fd00:1::/64
v network add green id 200 prefix 10.2.0.0/16 prefix fd00:2::/64
v peering add tgw
v peering attach tgw network blue address 10.1.255.1 address fd00:1::ff01
v peering attach tgw network green address 10.2.255.1 address fd00:2::ff01
v port add pa network blue
v -batch - <<EOF
route add 10.2.0.0/16 network blue via peering tgw
route add fd00:2::/64 network blue via peering tgw metric 5
route add 10.9.0.0/16 network blue blackhole
route add 10.1.0.0/16 network green via peering tgw proto 99
route add 10.2.0.0/16 peering tgw via network green nexthop 10.2.0.7
route add fd00:2::/64 peering tgw via network green via network blue nexthop fd00:1::7
route add 10.1.0.0/16 peering tgw via network blue
node add 10.1.0.5 network blue remote 192.0.2.5
node add fd00:1::5 network blue remote 2001:db8::5
node add 10.1.0.6 network blue dev pa
EOF

# --- -V, and vnetd's -V and -h
check "-V prints the version" bash -c "vnetctl -V | grep -qx 'vnetctl [0-9][0-9.]*'"
check "vnetd -V prints it too" bash -c "$VNETD -V | grep -qx 'vnetd [0-9][0-9.]*'"
check "vnetd -h: usage on stdout, exit 0" bash -c "$VNETD -h > $TMP/h 2>/dev/null && grep -q '^Usage: vnetd' $TMP/h"

# --- families
all4=$(v route show network blue)
assert_eq "-4 route show: the IPv4 routes only" \
	"10.2.0.0/16 via peering tgw proto static
blackhole 10.9.0.0/16 proto static" "$(v -4 route show network blue)"
assert_eq "-6: the IPv6 ones" "fd00:2::/64 via peering tgw proto static metric 5" \
	"$(v -6 route show network blue)"
assert_eq "-f inet6 is -6" "$(v -6 route show network blue)" "$(v -f inet6 route show network blue)"
assert_eq "-f any is both" "$all4" "$(v -f any route show network blue)"
assert_eq "without a family: both" 3 "$(wc -l <<< "$all4")"
assert_eq "-6 node show" "fd00:1::5 network blue remote 2001:db8::5" "$(v -6 node show)"
refuse "-f takes a family, not force" 'invalid family "-batch"' v -f -batch /dev/null
printf 'network add x1 id 99999999\nnetwork add x2 id 77\n' > "$TMP/force"
check "-fo is -force: the line after a failed one runs" \
	bash -c "! vnetctl -n h1 -fo -batch $TMP/force 2>/dev/null && vnetctl -n h1 network del x2"

# --- every table, and show's lines fed back as commands
all=$(v route show)
assert_eq "route show of no table: every table's, each line naming its table" \
	"$({ v route show network blue | sed 's/$/ network blue/'; v route show network green |
	     sed 's/$/ network green/'; v route show peering tgw | sed 's/$/ peering tgw/'; } | sort)" \
	"$(sort <<< "$all")"
assert_eq "a bare route is route show" "$all" "$(v route)"
assert_eq "JSON of every table: the table in each" "7 blue,blue,blue,green,tgw,tgw,tgw" \
	"$(v -j route show | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(len(r), ",".join(sorted(x["table"].get("network", x["table"].get("peering")) for x in r)))')"
static=$(grep -v ' proto attach ' <<< "$all")
v route flush network blue
v route flush network green
v route flush peering tgw proto static
while read -r line; do v route add $line || echo "failed: $line"; done <<< "$static" > "$TMP/feed" 2>&1
assert_eq "route show's lines, fed to route add, make the same tables" "$(sort <<< "$all")" \
	"$(v route show | sort)"
assert_eq "... with no line refused" "" "$(cat "$TMP/feed")"
nodes=$(v node show network blue)
v node flush network blue
while read -r line; do v node add $line || echo "failed: $line"; done <<< "$nodes" > "$TMP/feed" 2>&1
assert_eq "node show's lines fed to node add: the same nodes" "10.1.0.5 network blue remote 192.0.2.5
10.1.0.6 network blue dev pa
fd00:1::5 network blue remote 2001:db8::5" "$(v node show network blue | sort)"
assert_eq "... with no line refused" "" "$(cat "$TMP/feed")"
ports=$(v port show)
v port del pa
while read -r line; do v port add $line; done <<< "$ports"
assert_eq "port show's fed to port add: the same port" "pa network blue" "$(v port show)"

# --- -d, -o, -s
ifindex=$(ip netns exec h1 cat /sys/class/net/blue/ifindex)
assert_eq "-d: the network's ifindex, in text" \
	"blue: ifindex $ifindex id 100 port 6081 prefix 10.1.0.0/16 prefix fd00:1::/64" \
	"$(v -d network show blue)"
assert_eq "... and in JSON" "$ifindex" \
	"$(v -d -j network show blue | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["ifindex"])')"
assert_eq "... in JSON also without -d, as ip -j link" "$ifindex" \
	"$(v -j network show blue | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["ifindex"])')"
assert_eq "-d: the attachment's network id" "    attach network blue id 100 address 10.1.255.1 address fd00:1::ff01" \
	"$(v -d peering show tgw | grep 'attach network blue')"
assert_eq "-o: a peering router on one line" \
	"tgw: routes 3 \\    attach network blue address 10.1.255.1 address fd00:1::ff01 \\    attach network green address 10.2.255.1 address fd00:2::ff01" \
	"$(v -o peering show tgw)"
assert_eq "-s -j peering show: stats64, what it forwarded as tx" "bytes,packets dropped,no_route,blackhole,unknown_node,ttl" \
	"$(v -s -j peering show tgw | python3 -c '
import json, sys
s = json.load(sys.stdin)[0]["stats64"]
print(",".join(s["tx"]), ",".join(s["rx"]))')"

# --- colour
esc=$(printf '\033')
out=$(v -c network show blue)
check "-c: the name in the interface colour, a prefix in the IPv4 one" \
	grep -qF "${esc}[36mblue${esc}[0m: id 100 port 6081 prefix ${esc}[35m10.1.0.0/16${esc}[0m prefix ${esc}[34mfd00:1::/64" <<< "$out"
assert_eq "-c=never and -c=auto to a pipe: the plain text" "$(v network show)|$(v network show)" \
	"$(v -c=never network show)|$(v -color=auto network show)"
assert_eq "-c -j: the plain JSON" "$(v -j network show)" "$(v -c -j network show)"
refuse "-c=sometimes refused" 'invalid color "sometimes"' v -c=sometimes network show

# --- the monitor: filters, timestamps, -rcvbuf
v -rcvbuf 3000000 monitor node > "$TMP/mon" 2>&1 &
v -t monitor route > "$TMP/mont" 2>&1 &
v -ts monitor route > "$TMP/monts" 2>&1 &
v -j -t monitor node > "$TMP/monj" 2>&1 &
v -6 monitor > "$TMP/mon6" 2>&1 &
for ((i = 0; i < 100; i++)); do
	v node add 10.1.9.9 network blue remote 192.0.2.9 && v node del 10.1.9.9 network blue
	v node add fd00:1::99 network blue remote 192.0.2.9 && v node del fd00:1::99 network blue
	v route add 10.99.0.0/16 network blue blackhole && v route del 10.99.0.0/16 network blue
	grep -q '^Deleted node 10.1.9.9' "$TMP/mon" && grep -q '10.1.9.9' "$TMP/monj" &&
		grep -q '^Deleted node fd00:1::99' "$TMP/mon6" &&
		grep -q '^Deleted route' "$TMP/mont" && grep -q 'Deleted route' "$TMP/monts" && break
	sleep 0.2
done
check "-rcvbuf: the monitor's socket has the buffer asked for (doubled, as the kernel keeps it)" \
	bash -c "ip netns exec h1 ss -f netlink -m -p | grep -A1 vnetctl | grep -q 'rb6000000'"
v network add red id 300 prefix 10.3.0.0/16
v node add 10.3.0.1 network red remote 192.0.2.1
v route add 10.3.0.0/16 network blue via peering tgw
v node del 10.3.0.1 network red
v network del red
v node add fd00:1::77 network blue remote 2001:db8::77
v node del fd00:1::77 network blue
sleep 1
kill %1 %2 %3 %4 %5
wait 2>/dev/null
assert_eq "monitor node: node events only, as node show prints them" \
	"node 10.3.0.1 network red remote 192.0.2.1
Deleted node 10.3.0.1 network red remote 192.0.2.1
node fd00:1::77 network blue remote 2001:db8::77
Deleted node fd00:1::77 network blue remote 2001:db8::77" \
	"$(sed -n '/^Deleted node 10.1.9.9/,$p' "$TMP/mon" | grep -v -e 10.1.9.9 -e fd00:1::99)"
assert_eq "-6 monitor: the IPv6 node's events, not the IPv4 ones', and no route's" \
	"node fd00:1::77 network blue remote 2001:db8::77
Deleted node fd00:1::77 network blue remote 2001:db8::77" \
	"$(sed -n '/^Deleted node fd00:1::99/,$p' "$TMP/mon6" | grep -v fd00:1::99 | grep -e node -e route)"
check "-t: a timestamp line before each event" \
	bash -c "grep -B1 '^route 10.3.0.0/16 via peering tgw proto static network blue' '$TMP/mont' |
		 head -1 | grep -qE '^Timestamp: .* [0-9]{6} usec$'"
check "-ts: a short one on the event's line" \
	grep -qE '^\[20[0-9-]{8}T[0-9:]{8}\.[0-9]{6}\] route 10.3.0.0/16 via peering tgw' "$TMP/monts"
assert_eq "-j -t: JSON events, with their timestamp, deletions marked" \
	"node 10.3.0.1 False Z;node 10.3.0.1 True Z;node fd00:1::77 False Z;node fd00:1::77 True Z;" \
	"$(grep -v -e 10.1.9.9 -e fd00:1::99 "$TMP/monj" | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    print(e["object"], e["address"], e.get("deleted", False), e["timestamp"][-1], end=";")')"
refuse "monitor of no such object" 'unknown object "links"' v monitor links
check "monitor all: listens (until killed)" \
	bash -c "timeout 2 vnetctl -n h1 monitor all; [ \$? = 124 ]"

# --- one-line errors; stray and repeated keywords
one_line()
{
	local out
	out=$("$@" 2>&1) && return 1
	echo "$out"
	[ "$(wc -l <<< "$out")" = 1 ] && grep -q '^Error: ' <<< "$out"
}
check "an unknown command: one line" one_line v route frob
check "an unknown object: one line" one_line v frob
check "an unknown option: one line" one_line v -frob network show
refuse "a stray keyword is unknown, not missing a value" 'unknown keyword "bogus"' \
	v network add x id 5 bogus
refuse "... of a port too" 'unknown keyword "bogus"' v port add pa bogus
refuse "a keyword without its value" '"id" needs a value' v network add x id
refuse "bgp show: a stray keyword" 'unknown keyword "bogus"' v bgp show bogus
refuse "bgp show: a repeated one" '"peering" given twice' v bgp show peering a peering b
refuse "a BGP peer's asn twice" '"asn" given twice' \
	v peering attach tgw network blue address 10.1.255.1 bgp peer 10.1.0.9 asn 1 asn 2 local-asn 3
refuse "a BGP peer's hold-time without a value" '"hold-time" needs a value' \
	v peering attach tgw network blue address 10.1.255.1 bgp peer 10.1.0.9 asn 1 local-asn 3 hold-time
refuse "route show: match twice" '"match" given twice' \
	v route show network blue match 10.0.0.0/8 match 10.0.0.0/8
refuse "network set of the id: refused before the kernel" "a network's id cannot change" \
	v network set blue id 7

# --- vnetd: start-up failures before the background, and SIGTERM after it
ip netns exec h1 "$VNETD" -f -s @tcli > /dev/null 2>&1 &
vnetd_fg=$!
for ((i = 0; i < 50; i++)); do
	vnetctl -n h1 bgp show socket @tcli > /dev/null 2>&1 && break
	sleep 0.1
done
refuse "vnetd without -f: a taken status socket on stderr, exit 1" "status socket" \
	ip netns exec h1 "$VNETD" -s @tcli
kill $vnetd_fg
wait $vnetd_fg 2>/dev/null
check "vnetd without -f: in the background once it runs" ip netns exec h1 "$VNETD" -s @tcli2
check "... answers" bash -c "sleep 0.5; vnetctl -n h1 bgp show socket @tcli2"
pid=$(pgrep -f -- "vnetd -s @tcli2")
kill -TERM $pid
check "... and SIGTERM stops it" \
	bash -c "[ -n '$pid' ] && for i in \$(seq 50); do kill -0 $pid 2>/dev/null || exit 0; sleep 0.1; done; exit 1"
check_kernel_log
ktap_finished

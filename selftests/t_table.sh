#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Internet-scale peering tables: an Internet-like table (gen_table.py, fixed
# seed; 10,000 IPv4 and 2,500 IPv6 prefixes, or 10.4 and 2.2 times
# VNET_SCALE: the full 1,040,000 and 220,000 at 100000) installed with vnetctl -batch into two peering routers,
# shown whole as a stream, looked up against a reference, flushed by
# protocol and whole; a fifth of it in each of two networks' own tables,
# looked up and flushed; a batch file with failing lines in the middle of
# bulk runs, with and without -force.
source "$(dirname "$0")/lib.sh"

ktap_plan 29

# VNET_SCALE=100000 is the full table; the debug lane's 1000 about the
# default's size
if [ -n "${VNET_SCALE:-}" ]; then
	n4=$((VNET_SCALE * 104 / 10)) n6=$((VNET_SCALE * 22 / 10))
else
	n4=10000 n6=2500
fi
n=$((n4 + n6))
gen() { python3 "$(dirname "$0")/gen_table.py" -4 $n4 -6 $n6 "$@"; }
v() { vnetctl -n h1 "$@"; }
# routes PEERING: the routes of its table
routes() { v -j peering show "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["routes"])'; }

setup()
{
	netns_add h1 &&
	v network add blue id 1 prefix 10.1.0.0/16 prefix fd00:1::/64 &&
	v network add red id 2 prefix 10.2.0.0/16 prefix fd00:2::/64 &&
	v peering add tgw && v peering add tgw2 &&
	v peering attach tgw network blue address 10.1.255.1 address fd00:1::ff01 &&
	v peering attach tgw network red address 10.2.255.1 address fd00:2::ff01 &&
	v peering attach tgw2 network blue address 10.1.255.2 &&
	v peering attach tgw2 network red address 10.2.255.2
}
check "networks blue and red, attached to peering routers tgw and tgw2" setup

gen > "$TMP/plain" &&
	gen --format vnet --table "peering tgw" --via "network red" \
		--nexthop4 10.2.0.9 --nexthop6 fd00:2::9 > "$TMP/tgw" &&
	sed 's/peering tgw /peering tgw2 /' "$TMP/tgw" > "$TMP/tgw2"
assert_eq "gen_table.py made $n prefixes" "$n" "$(wc -l < "$TMP/plain")"

timed "vnetctl -batch installs the $n routes in tgw" v -batch "$TMP/tgw"
assert_eq "tgw holds them" "$n" "$(routes tgw)"
timed "... and the same $n in tgw2, beside it" v -batch "$TMP/tgw2"
assert_eq "tgw2 holds them; tgw still" "$n $n" "$(routes tgw2) $(routes tgw)"

# the dump streams: vnetctl holds little of it at a time (its peak memory
# stays under 64 MiB whatever the table's size)
dump()
{
	python3 - "$VNETCTL" "$TMP/shown" <<-'EOF'
	import resource, subprocess, sys
	with open(sys.argv[2], "w") as out:
	    subprocess.run(["ip", "netns", "exec", "h1", sys.argv[1], "route",
	                    "show", "peering", "tgw"], stdout=out, check=True)
	kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
	print("peak %d KiB" % kib)
	sys.exit(kib >= 65536)
	EOF
}
timed "route show of the whole table streams it" dump
assert_eq "... every prefix, once, and nothing else" \
	"$(sort "$TMP/plain" | md5sum)" \
	"$(grep -v 'proto attach' "$TMP/shown" | awk '{ print $1 }' | sort | md5sum)"

# probe KIND NAME [PLAIN]: route get of random addresses in table KIND NAME
# (peering or network), against a linear reference of the prefixes in PLAIN
# (all of them); addresses in 10.0.0.0/8, where the networks' own prefixes
# are, are moved out of it
probe()
{
	local plain=${3:-$TMP/plain}
	python3 - "$plain" "$1 $2" <<-'EOF' > "$TMP/probes"
	import ipaddress, random, sys
	rng = random.Random(7)
	nets = [ipaddress.ip_network(l.strip()) for l in open(sys.argv[1])]
	for i in range(300):
	    p = rng.choice(nets)
	    host = int(p.network_address) | rng.getrandbits(p.max_prefixlen - p.prefixlen)
	    if i % 3 == 0:
	        host = rng.randint(1 << 24, (224 << 24) - 1) if p.version == 4 else int(p.network_address) ^ rng.getrandbits(100)
	    if p.version == 4 and host >> 24 in (0, 10, 127):
	        host ^= 1 << 30
	    a = ipaddress.ip_address(host) if p.version == 4 else ipaddress.IPv6Address(host)
	    print("route get %s %s" % (a, sys.argv[2]))
	EOF
	v -j -batch "$TMP/probes" > "$TMP/answers" &&
	python3 - "$plain" "$TMP/answers" "$1" <<-'EOF'
	import ipaddress, json, sys
	# the reference: a set of prefixes a length, tried longest first
	by = {}
	for line in open(sys.argv[1]):
	    p = ipaddress.ip_network(line.strip())
	    by.setdefault((p.version, p.prefixlen), set()).add(int(p.network_address))
	answers = [json.loads(x) for x in open(sys.argv[2]) if x.startswith("{")]
	bad = 0 if len(answers) == 300 else 1
	for a in answers:
	    addr = ipaddress.ip_address(a["address"])
	    bits = addr.max_prefixlen
	    best = None
	    for plen in range(bits, -1, -1):
	        net = int(addr) & (((1 << plen) - 1) << (bits - plen))
	        if net in by.get((addr.version, plen), ()):
	            best = ipaddress.ip_network((net, plen))
	            break
	    key = "peering_route" if sys.argv[3] == "peering" else "route"
	    got = a.get(key, {}).get("dst")
	    want = str(best) if best else None
	    if got != want:
	        bad += 1
	        print("%s: reference %s, vnet %s" % (addr, want, got))
	print("%d answers, %d differences" % (len(answers), bad))
	sys.exit(bad != 0)
	EOF
}
check "route get in tgw equals a linear reference" probe peering tgw
check "... in tgw2 too" probe peering tgw2

# the networks' own tables: a fifth of the table's prefixes of each family
# in blue's and in red's, through tgw
{ grep -v : "$TMP/plain" | head -n $((n4 / 5)); grep : "$TMP/plain" | head -n $((n6 / 5)); } > "$TMP/netplain"
nn=$(wc -l < "$TMP/netplain")
for net in blue red; do
	sed "s|^|route add |; s|\$| network $net via peering tgw|" "$TMP/netplain"
done > "$TMP/netroutes"
timed "$nn routes in each of networks blue's and red's own tables" v -batch "$TMP/netroutes"
assert_eq "... blue and red show them" "$nn $nn" \
	"$(v route show network blue | grep -c 'via peering tgw') $(v route show network red | grep -c 'via peering tgw')"
check "route get in blue's table equals a linear reference" probe network blue "$TMP/netplain"
timed "route flush of blue's table" v route flush network blue
assert_eq "... empties it; red keeps its own" "0 $nn" \
	"$(v route show network blue | grep -c 'via peering tgw') $(v route show network red | grep -c 'via peering tgw')"

# the same table's routes also as proto bgp, metric 10: flushing bgp keeps
# the static ones
head -n 3000 "$TMP/tgw" | sed 's/$/ proto bgp metric 10/' > "$TMP/bgp"
check "3000 more routes, proto bgp" v -batch "$TMP/bgp"
assert_eq "tgw holds $n + 3000" "$((n + 3000))" "$(routes tgw)"
timed "route flush proto bgp" v route flush peering tgw proto bgp
assert_eq "... leaves the $n static routes" "$n" "$(routes tgw)"
timed "route flush of the whole table" v route flush peering tgw
assert_eq "... empties it; tgw2 keeps its own" "0 $n" "$(routes tgw) $(routes tgw2)"

# a batch whose route changes go in bulk, with a kernel error on line 11
# (next hop outside red), a usage error on 22 and a duplicate on 33
mkbatch()
{
	local i
	for i in $(seq 1 40); do
		case $i in
		11) echo "route add 172.16.11.0/24 peering tgw via network red nexthop 10.1.0.9" ;;
		22) echo "route add 172.16.22.0/24 peering tgw via network red bogus" ;;
		33) echo "route add 172.16.1.0/24 peering tgw via network red nexthop 10.2.0.9" ;;
		*) echo "route add 172.16.$i.0/24 peering tgw via network red nexthop 10.2.0.9" ;;
		esac
	done > "$TMP/errs"
}
mkbatch
out=$(v -batch "$TMP/errs" 2>&1)
assert_eq "without -force: the batch stops at line 11, reported" \
	"1 Command failed $TMP/errs:11" "$? $(grep 'Command failed' <<< "$out")"
assert_eq "... lines 1 to 10 applied, none after" "10" "$(routes tgw)"
v route flush peering tgw
out=$(v -force -batch "$TMP/errs" 2>&1)
assert_eq "-force: lines 11, 22 and 33 reported, each once" \
	"1 $TMP/errs:11 $TMP/errs:22 $TMP/errs:33" \
	"$? $(grep 'Command failed' <<< "$out" | awk '{ printf "%s ", $3 }' | sed 's/ $//')"
assert_eq "... the 37 good lines applied" "37" "$(routes tgw)"
assert_eq "... with their errors: next hop, usage, duplicate" "3" \
	"$(grep -cE 'next hop must be in|unknown keyword "bogus"|has a route of this prefix' <<< "$out")"

timed "peering router tgw2 deleted with its full table" v peering del tgw2
check "... and its routes' memory goes with it: no route of tgw2 left" \
	bash -c "! vnetctl -n h1 route show peering tgw2 2>/dev/null | grep -q ."
check_kernel_log
ktap_finished

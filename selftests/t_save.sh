#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetctl save: a batch file that restores the configuration exactly, after
# the module was unloaded (what a reboot does to it) and loaded again.
source "$(dirname "$0")/lib.sh"

ktap_plan 19
netns_add h1
ip -n h1 link add sub type dummy
ip -n h1 link set sub up
ip -n h1 addr add 192.168.0.1/24 dev sub
ip -n h1 addr add fd99::1/64 dev sub nodad
for i in 1 2 3; do
	ip -n h1 link add "p$i" type veth peer name "q$i"
	ip -n h1 link set "p$i" up
done

# every kind of object and option a saved file must carry; the TCP-MD5 key
# has a space and both quotes in it
cat > "$TMP/setup" <<'EOF'
network add blue id 10 prefix 10.1.0.0/16 prefix fd01::/64 local 192.168.0.1 local fd99::1
network add red id 20 port 7000 prefix 10.2.0.0/16
network add green id 30 prefix 10.3.0.0/16 prefix 10.4.0.0/16
port add p1 network blue
port add p2 network blue
port add p3 network red
node add 10.1.0.5 network blue dev p1
node add fd01::5 network blue dev p2
node add 10.1.0.9 network blue remote 192.168.0.2
node add 10.2.0.5 network red dev p3
node add 10.3.0.9 network green remote fd99::2
peering add tgw host 192.168.0.1 host 192.168.0.2 host fd99::3
peering add edge
peering attach tgw network blue address 10.1.0.1 address fd01::1 propagate bgp peer 10.1.0.2 asn 65001 local-asn 64512 hold-time 30 max-prefix 100 md5 'a "b'"'"'c' ttl-security import 10.9.0.0/16 le 24 import fd09::/32 export 10.1.0.0/16
peering attach tgw network red address 10.2.0.1 bgp peer 10.2.0.2 asn 65002 local-asn 64512 FILTERS
network add x'#y id 40 prefix 10.40.0.0/16
peering attach tgw network green address 10.3.0.1 propagate
peering attach edge network green address 10.3.0.2
route add 10.2.0.0/16 network blue via peering tgw
route add 10.66.0.0/16 network blue blackhole proto 42 metric 5
route add 10.50.0.0/16 peering tgw via network blue nexthop 10.1.0.5 via network red nexthop 10.2.0.5
route add 10.60.0.0/16 peering tgw blackhole metric 7
route add 10.2.0.0/16 peering edge via network green
route add 10.70.0.0/16 peering tgw via network red nexthop 10.2.0.5 proto bgp metric 20
EOF
# a BGP peer with 32 import and 32 export entries: a saved line of some 280
# words; and a network whose name needs quotes
filters=$(for i in $(seq 1 32); do
	printf ' import 10.%d.0.0/16 le 24 export fd%02x::/32 le 48' $((100 + i)) $i
done)
sed -i "s|FILTERS|$filters|; s|x'#y|\"x'#y\"|" "$TMP/setup"
check "networks, ports, nodes, peering routers, attachments and routes set up" \
	vnetctl -n h1 -batch "$TMP/setup"

# The whole state in JSON, less what is not configuration: ifindexes
# (renumbered when the networks are made again), resolved link-layer
# addresses and counters, and proto bgp routes (vnetd's, not saved) and the
# route counts they are in
state()
{
	{
		vnetctl -n h1 -j network show
		vnetctl -n h1 -j port show
		vnetctl -n h1 -j node show
		vnetctl -n h1 -j peering show
		for t in "network blue" "network red" "network green" \
			 "peering tgw" "peering edge"; do
			vnetctl -n h1 -j route show $t
		done
	} | python3 -c '
import json, sys
def clean(o):
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()
                if k not in ("ifindex", "lladdr", "stats", "routes")}
    if isinstance(o, list):
        return [clean(v) for v in o
                if not (isinstance(v, dict) and v.get("protocol") == "bgp")]
    return o
for line in sys.stdin:
    print(json.dumps(clean(json.loads(line)), sort_keys=True))'
}

before=$(state)
check "vnetctl save file FILE" vnetctl -n h1 save file "$TMP/saved"
assert_eq "the file is its owner's only (it has the keys)" 600 "$(stat -c %a "$TMP/saved")"
saved=$(cat "$TMP/saved")
assert_eq "save to stdout writes the same" "$saved" "$(vnetctl -n h1 save)"
assert_eq "the longest line has more than 256 words" 1 \
	"$(awk 'NF > 256 { n++ } END { print n + 0 }' <<< "$saved")"
assert_eq "the saved file has the TCP-MD5 key, quoted" 1 \
	"$(grep -cF "md5 'a \"b'\"'\"'c' ttl-security" <<< "$saved")"
assert_eq "and no route of proto attach or bgp" 0 \
	"$(grep -cE 'proto (attach|bgp)' <<< "$saved")"
refuse "a user who may not read the keys cannot save them" "cannot be saved" \
	ip netns exec h1 setpriv --reuid=65534 --regid=65534 --clear-groups \
	vnetctl save
assert_eq "... and gets no part of the file either" "" \
	"$(ip netns exec h1 setpriv --reuid=65534 --regid=65534 --clear-groups \
	   vnetctl save 2> /dev/null)"

check "the module unloads (a reboot)" rmmod vnet
assert_eq "the networks went with it" 0 "$(ip -n h1 -o link show type vnet | wc -l)"
check "and loads again" module_load
check "vnetctl -batch restores the saved file" vnetctl -n h1 -batch "$TMP/saved"

after=$(state)
assert_eq "the state after the restore equals the state before" "$before" "$after"
assert_eq "the proto bgp route was not restored (vnetd learns it again)" "" \
	"$(vnetctl -n h1 route show peering tgw proto bgp)"
assert_eq "saving again gives the same file" "$saved" "$(vnetctl -n h1 save)"
assert_eq "the check is not empty: 4 networks, 3 ports, 5 nodes, 2 peering routers" \
	"4 3 5 2" "$(vnetctl -n h1 network show | wc -l) $(vnetctl -n h1 port show | wc -l) \
$(vnetctl -n h1 node show | wc -l) $(vnetctl -n h1 peering show | grep -c '^[a-z]')"
refuse "restoring over the same configuration fails" "Command failed" \
	vnetctl -n h1 -batch "$TMP/saved"
check_kernel_log
ktap_finished

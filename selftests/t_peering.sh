#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Peering routers, attachments and route tables as objects: what vnetctl
# shows, the order of preference of routes, replace, filters and flushes,
# propagation following a network's prefixes, what goes with a detached or
# deleted object, the events; and hostile requests made by hand
# (genl_peering.py), each refused with a clear message and no change.
source "$(dirname "$0")/lib.sh"

ktap_plan 157

setup()
{
	netns_add h1 &&
	vnetctl -n h1 -batch - <<-EOF
	network add blue id 100 prefix 10.1.0.0/16 prefix fd00:1::/64
	network add red id 200 prefix 10.2.0.0/16 prefix fd00:2::/64
	network add green id 300 prefix 10.3.0.0/16 prefix fd00:3::/64
	node add 10.3.0.7 network green remote 192.0.2.7
	node add 10.2.0.5 network red remote 192.0.2.5
	peering add tgw
	peering add other
	peering attach tgw network blue address 10.1.255.1 address fd00:1::ff01 propagate
	peering attach tgw network red address 10.2.255.1 bgp peer 10.2.0.5 asn 65002 local-asn 65000
	EOF
}
check "networks blue, red, green; peering routers tgw (blue, red) and other" setup

# refused DESC RC MSG CMD...: CMD fails with exit status RC, saying MSG
refused()
{
	local desc=$1 rc=$2 msg=$3 out st
	shift 3
	out=$("$@" 2>&1)
	st=$?
	if [ "$st" = "$rc" ] && grep -qF -- "$msg" <<< "$out"; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc"
		diag "status $st (expected $rc): $out"
	fi
}

# --- hostile requests
vnetctl -n h1 monitor > "$TMP/events" 2>&1 &
monitor=$!
sleep 0.5
before_routes=$(vnetctl -n h1 route show peering tgw; vnetctl -n h1 route show network blue)
before_peerings=$(vnetctl -n h1 peering show)
ip netns exec h1 python3 "$(dirname "$0")/genl_peering.py" > "$TMP/out" 2>&1
got() { sed -n "s/^$1 //p" "$TMP/out"; }
expect() { assert_eq "$1: $2" "$2" "$(got "$1")"; }

expect peering-no-nest "22 missing attribute 6"
expect peering-no-name "22 missing attribute 1"
expect peering-name-too-long "22 Attribute failed policy validation"
expect peering-name-invalid "22 a peering router's name is letters, digits, '-', '_' and '.'"
expect peering-name-empty "22 a peering router's name is letters, digits, '-', '_' and '.'"
expect peering-name-dots "22 a peering router's name is letters, digits, '-', '_' and '.'"
expect peering-routes-given "22 the route count is read, not set"
expect peering-exists "17 a peering router with this name exists"
expect peering-hosts-v4-mapped "22 give an IPv4 address as 4 bytes, not v4-mapped"
expect peering-hosts-addr6-4-bytes "34 binary attribute size out of range"
expect peering-hosts-two-addrs "22 a host is one address: VNET_HOST_A_ADDR or VNET_HOST_A_ADDR6"
expect peering-hosts-no-addr "22 a host is one address: VNET_HOST_A_ADDR or VNET_HOST_A_ADDR6"
expect peering-hosts-multicast "22 address must be unicast"
expect peering-hosts-loopback "22 a host's address is not loopback or link-local"
expect peering-hosts-link-local "22 a host's address is not loopback or link-local"
expect peering-hosts-twice "22 a host is listed twice"
expect peering-hosts-65 "7 a peering router has at most VNET_MAX_PEERING_HOSTS hosts"
expect peering-set-unknown "2 no such peering router"
expect peering-del-unknown "2 no such peering router"
expect peering-get-unknown "2 no such peering router"
expect attach-unknown-peering "2 no such peering router"
expect attach-unknown-network "19 no such network"
expect attach-no-attach-nest "22 missing attribute 7"
expect attach-no-address "22 an attachment needs an address in the network"
expect attach-twice "17 the network is attached to this peering router"
expect attach-addr-outside "22 the address must be a unicast address in the network's prefixes"
expect attach-addr-node "17 the network has a node with this address"
expect attach-addr-multicast "22 address must be unicast"
expect attach-addr-another-peering "17 the address is another peering router's in the network"
expect attach-addr6-4-bytes "34 binary attribute size out of range"
expect attach-addr6-outside "22 the address must be a unicast address in the network's prefixes"
expect attach-bgp-partial "22 missing attribute 2"
expect attach-bgp-no-local-asn "22 missing attribute 3"
expect attach-bgp-asn-0 "34 integer out of range"
expect attach-bgp-ibgp "22 the peer's AS number must differ from the local one (eBGP)"
expect attach-bgp-peer-outside "22 the address must be a unicast address in the network's prefixes"
expect attach-bgp-peer-self "22 the BGP peer is the peering router's own address"
expect attach-bgp-peer-twice "22 the BGP peer is given twice"
expect attach-bgp-five-peers "7 an attachment has at most VNET_MAX_BGP_PEERS BGP peers"
expect attach-bgp-hold-time-2 "22 a hold time is 0 or at least 3 seconds"
expect attach-bgp-md5-81 "34 binary attribute size out of range"
expect attach-bgp-md5-set-given "22 give the key in VNET_BGP_A_MD5_KEY"
expect attach-bgp-filter-le-short "22 the longest length matched is from the prefix's length to the family's"
expect attach-bgp-filter-le-33 "22 the longest length matched is from the prefix's length to the family's"
expect attach-bgp-filter-host-bits "22 prefix has bits set past its length"
expect attach-bgp-filter-no-len "22 missing attribute 2"
expect attach-bgp-filter-33 "7 a filter has at most VNET_MAX_BGP_FILTER entries"
expect attach-id-given "22 VNET_A_NETWORK names the network"
expect attach-ifindex-given "22 VNET_A_NETWORK names the network"
expect detach-not-attached "2 the network is not attached to this peering router"
expect route-no-table "22 name one table: a network's (VNET_A_NETWORK) or a peering router's (VNET_A_PEERING)"
expect route-two-tables "22 name one table: a network's (VNET_A_NETWORK) or a peering router's (VNET_A_PEERING)"
expect route-no-route-nest "22 missing attribute 8"
expect route-no-dst-len "22 missing attribute 2"
expect route-host-bits "22 prefix has bits set past its length"
expect route-v6-host-bits "22 prefix has bits set past its length"
expect route-len-33 "22 IPv4 prefix length is more than 32"
expect route-len-129 "34 integer out of range"
expect route-v4-mapped "22 give an IPv4 prefix as 4 bytes, not v4-mapped"
expect route-dst-5-bytes "22 prefix address is neither IPv4 nor IPv6"
expect route-network-via-network "22 a network's routes lead to a peering router"
expect route-peering-via-peering "22 a peering router's routes lead to a network"
expect route-unknown-peering "2 no such peering router"
expect route-peering-not-attached "22 the network is not attached to this peering router"
expect route-network-not-attached "22 no such network attached to the peering router"
expect route-unknown-ifindex "22 no such network attached to the peering router"
expect route-nexthop-outside "22 the next hop must be in the network's prefixes"
expect route-nexthop-multicast "22 address must be unicast"
expect route-nexthop-in-network-table "22 a network's routes lead to a peering router"
expect route-blackhole-with-target "22 a blackhole route leads nowhere"
expect route-no-target "22 the route needs the peering router it leads to"
expect route-type-3 "34 integer out of range"
expect route-unknown-network-table "19 no such network"
expect route-unknown-peering-table "2 no such peering router"
expect route-multipath-in-network-table "22 a network's routes lead to a peering router"
expect route-multipath-and-ifname "22 the next hops are in VNET_ROUTE_A_MULTIPATH"
expect route-multipath-empty "22 the route needs a next hop"
expect route-multipath-twice "22 a next hop is given twice"
expect route-multipath-17 "7 a route has at most VNET_MAX_NEXTHOPS next hops"
expect route-multipath-not-attached "22 no such network attached to the peering router"
expect route-multipath-outside "22 the next hop must be in the network's prefixes"
expect route-multipath-blackhole "22 a blackhole route leads nowhere"
expect route-proto-attach "22 protocol attach is the attachments' own"
expect route-add "0 "
expect route-add-again "17 the table has a route of this prefix, protocol and metric"
expect route-replace-missing "2 no such route to replace"
expect route-del-unknown "3 no such route"
expect route-del-other-metric "3 no such route"
expect route-flush-no-table "22 name one table: a network's (VNET_A_NETWORK) or a peering router's (VNET_A_PEERING)"
expect lookup-no-addr "22 missing attribute 1"
expect lookup-result-given "22 the answer of a lookup is not part of its question"
expect lookup-multicast "22 address must be unicast"
expect dump-no-table "22 name one table: a network's (VNET_A_NETWORK) or a peering router's (VNET_A_PEERING)"
assert_eq "the refused requests changed nothing (but the one route added)" \
	"$before_routes
10.2.0.0/16 via peering tgw proto static" \
	"$(vnetctl -n h1 route show peering tgw; vnetctl -n h1 route show network blue)"
assert_eq "... nor any peering router" "$before_peerings" "$(vnetctl -n h1 peering show)"

# --- what vnetctl shows
assert_eq "peering show" "other: routes 0
tgw: routes 2
    attach network blue address 10.1.255.1 address fd00:1::ff01 propagate
    attach network red address 10.2.255.1
        bgp peer 10.2.0.5 asn 65002 local-asn 65000 hold-time 90" \
	"$(vnetctl -n h1 peering show)"
check "peering show -d -j" bash -c "vnetctl -n h1 -d -j peering show tgw | python3 -c '
import json, sys
p = json.load(sys.stdin)[0]
assert p[\"name\"] == \"tgw\" and p[\"routes\"] == 2, p
a = p[\"attachments\"]
assert a[0] == {\"network\": \"blue\", \"id\": 100, \"addresses\": [\"10.1.255.1\", \"fd00:1::ff01\"],
                \"propagate\": True}, a[0]
assert a[1][\"bgp\"] == [{\"peer\": \"10.2.0.5\", \"asn\": 65002, \"local_asn\": 65000,
                         \"hold_time\": 90, \"max_prefix\": 0, \"ttl_security\": False,
                         \"md5\": False}], a[1]'"

# --- the config group: networks, peering routers, attachments; not routes
ip netns exec h1 python3 "$(dirname "$0")/genl_peering.py" listen config 8 > "$TMP/config" &
cfgl=$!
for i in $(seq 50); do grep -q ready "$TMP/config" && break; sleep 0.1; done
vnetctl -n h1 -batch - <<EOF
peering add cfgtest
route add 10.77.0.0/16 network blue via peering tgw
route del 10.77.0.0/16 network blue
node add 10.3.0.99 network green remote 192.0.2.9
node del 10.3.0.99 network green
peering attach cfgtest network green address 10.3.255.7
peering detach cfgtest network green
peering del cfgtest
EOF
wait $cfgl
# PEERING_NEW 14, ATTACH_NEW 17, ATTACH_DEL 18, PEERING_DEL 15
assert_eq "the config group: the peering router and attachment events, no route or node" \
	"14 17 18 15" "$(grep -v ready "$TMP/config" | paste -sd' ')"

# --- BGP settings: vnet keeps them for vnetd; the key for the privileged
vnetctl -n h1 peering attach other network green address 10.3.255.9 \
	bgp peer 10.3.0.7 asn 4200000001 local-asn 65000 hold-time 9 max-prefix 100 \
	md5 s3cret.key ttl-security import 10.30.0.0/16 le 24 import fd30::/32 \
	export 0.0.0.0/0 \
	bgp peer fd00:3::7 asn 65003 local-asn 65000
assert_eq "BGP peers and their settings shown" "other: routes 0
    attach network green address 10.3.255.9
        bgp peer 10.3.0.7 asn 4200000001 local-asn 65000 hold-time 9 max-prefix 100 md5 (hidden) ttl-security import 10.30.0.0/16 le 24 import fd30::/32 export 0.0.0.0/0
        bgp peer fd00:3::7 asn 65003 local-asn 65000 hold-time 90" \
	"$(vnetctl -n h1 peering show other)"
assert_eq "the key: in a privileged GET and dump" "get yes dump yes" \
	"$(ip netns exec h1 python3 "$(dirname "$0")/genl_peering.py" key other s3cret.key)"
assert_eq "... not in an unprivileged one's" "get no dump no" \
	"$(ip netns exec h1 setpriv --reuid=65534 --regid=65534 --clear-groups \
	   python3 "$(dirname "$0")/genl_peering.py" key other s3cret.key)"
assert_eq "... which does read the peering router (a control)" "get yes dump yes" \
	"$(ip netns exec h1 setpriv --reuid=65534 --regid=65534 --clear-groups \
	   python3 "$(dirname "$0")/genl_peering.py" key other other)"
refused "vnetctl refuses a fifth BGP peer" 1 "at most 4 BGP peers an attachment" \
	vnetctl -n h1 peering attach tgw network green address 10.3.255.1 \
	bgp peer 10.3.0.2 asn 1 local-asn 2 bgp peer 10.3.0.3 asn 1 local-asn 2 \
	bgp peer 10.3.0.4 asn 1 local-asn 2 bgp peer 10.3.0.5 asn 1 local-asn 2 \
	bgp peer 10.3.0.6 asn 1 local-asn 2
vnetctl -n h1 peering detach other network green

assert_eq "propagation: blue's prefixes in tgw's table" \
	"10.1.0.0/16 via network blue proto attach
fd00:1::/64 via network blue proto attach" "$(vnetctl -n h1 route show peering tgw)"
refused "vnetctl refuses a network's route via a network" 1 "a network's route leads to a peering router" \
	vnetctl -n h1 route add 10.2.0.0/16 network blue via network red
refused "vnetctl refuses host bits" 1 "" \
	vnetctl -n h1 route add 10.2.0.1/16 network blue via peering tgw
refused "vnetctl refuses a bad peering router name" 1 "invalid peering router name" \
	vnetctl -n h1 peering add "a b"
refused "vnetctl: a kernel error exits 2" 2 "no such peering router" \
	vnetctl -n h1 route add 10.2.0.0/16 network red via peering nosuch

# --- preference, replace, filters
vnetctl -n h1 -batch - <<EOF
route add 10.5.0.0/16 peering tgw via network red nexthop 10.2.0.5 proto bgp metric 20
route add 10.5.0.0/16 peering tgw via network blue proto static metric 20
route add 10.5.0.0/16 peering tgw blackhole proto 99 metric 10
route add 10.5.0.0/16 peering tgw via network red nexthop 10.2.0.5 proto zebra metric 20
route add 10.1.0.0/16 peering tgw via network red nexthop 10.2.0.5 proto bgp
route add 10.5.1.0/24 peering tgw via network red nexthop 10.2.0.5 proto bgp
route add fd00:5::/64 peering tgw via network red nexthop 10.2.0.5 proto bgp
route add 0.0.0.0/0 peering tgw blackhole
EOF
assert_eq "a prefix's routes in order: metric, then static, attach, others" \
	"0.0.0.0/0 proto static| 10.1.0.0/16 via network blue proto attach| 10.1.0.0/16 via network red nexthop 10.2.0.5 proto bgp| blackhole 10.5.0.0/16 proto 99 metric 10| 10.5.0.0/16 via network blue proto static metric 20| 10.5.0.0/16 via network red nexthop 10.2.0.5 proto zebra metric 20| 10.5.0.0/16 via network red nexthop 10.2.0.5 proto bgp metric 20| 10.5.1.0/24 via network red nexthop 10.2.0.5 proto bgp| fd00:1::/64 via network blue proto attach| fd00:5::/64 via network red nexthop 10.2.0.5 proto bgp" \
	"$(vnetctl -n h1 route show peering tgw | sed 's/^blackhole 0/0/; s/proto static$/proto static/' | paste -sd'|' | sed 's/|/| /g')"
check "a propagated route beats a learned one" \
	bash -c "vnetctl -n h1 route get 10.1.3.3 peering tgw | grep -q 'via network blue (10.1.0.0/16 proto attach)'"
check "the most preferred route forwards: the metric-10 blackhole" \
	bash -c "vnetctl -n h1 route get 10.5.9.9 peering tgw | grep -q '^10.5.9.9 blackhole (10.5.0.0/16 proto 99 metric 10)'"
check "the longest prefix wins over a preferred shorter one" \
	bash -c "vnetctl -n h1 route get 10.5.1.9 peering tgw | grep -q 'via network red (10.5.1.0/24 proto bgp) node 10.2.0.5'"
check "the default route catches the rest" \
	bash -c "vnetctl -n h1 route get 10.77.0.1 peering tgw | grep -q '^10.77.0.1 blackhole (0.0.0.0/0 proto static)'"
vnetctl -n h1 route del 10.5.0.0/16 peering tgw proto 99
check "deleting it, static beats the others at the same metric" \
	bash -c "vnetctl -n h1 route get 10.5.9.9 peering tgw | grep -q 'via network blue (10.5.0.0/16 proto static metric 20)'"
vnetctl -n h1 route replace 10.5.0.0/16 peering tgw via network red nexthop 10.2.0.5 proto static metric 20
check "replace swaps the route of the same prefix, protocol and metric" \
	bash -c "vnetctl -n h1 route get 10.5.9.9 peering tgw | grep -q 'via network red (10.5.0.0/16 proto static metric 20) node 10.2.0.5'"
assert_eq "... leaving one static route there" 1 \
	"$(vnetctl -n h1 route show peering tgw proto static | grep -c '^10.5.0.0/16')"
check "route replace adds a missing route" \
	vnetctl -n h1 route replace 10.6.0.0/16 peering tgw blackhole proto bgp
assert_eq "route show proto bgp" \
	"10.1.0.0/16 via network red nexthop 10.2.0.5 proto bgp
10.5.0.0/16 via network red nexthop 10.2.0.5 proto bgp metric 20
10.5.1.0/24 via network red nexthop 10.2.0.5 proto bgp
blackhole 10.6.0.0/16 proto bgp
fd00:5::/64 via network red nexthop 10.2.0.5 proto bgp" \
	"$(vnetctl -n h1 route show peering tgw proto bgp)"
assert_eq "route show match: the routes that cover a prefix" \
	"blackhole 0.0.0.0/0 proto static
10.5.0.0/16 via network red nexthop 10.2.0.5 proto static metric 20
10.5.0.0/16 via network red nexthop 10.2.0.5 proto zebra metric 20
10.5.0.0/16 via network red nexthop 10.2.0.5 proto bgp metric 20
10.5.1.0/24 via network red nexthop 10.2.0.5 proto bgp" \
	"$(vnetctl -n h1 route show peering tgw match 10.5.1.128/25)"

# --- a route of several next hops (ECMP)
vnetctl -n h1 route add 10.8.0.0/16 peering tgw via network red nexthop 10.2.0.5 \
	via network blue nexthop 10.1.0.9 proto bgp metric 20
assert_eq "multipath: the next hops in their order, however given" \
	"10.8.0.0/16 via network blue nexthop 10.1.0.9 via network red nexthop 10.2.0.5 proto bgp metric 20" \
	"$(vnetctl -n h1 route show peering tgw match 10.8.0.0/16 | grep 10.8.0.0)"
check "multipath -j: the next hops" bash -c "vnetctl -n h1 -j route show peering tgw match 10.8.0.0/16 | python3 -c '
import json, sys
r = json.load(sys.stdin)[-1]
assert r[\"nexthops\"] == [{\"network\": \"blue\", \"nexthop\": \"10.1.0.9\"},
                          {\"network\": \"red\", \"nexthop\": \"10.2.0.5\"}], r'"
check "a next hop whose node is missing is passed over for the next" \
	bash -c "vnetctl -n h1 route get 10.8.1.1 peering tgw | grep -q 'via network red (10.8.0.0/16 proto bgp metric 20) node 10.2.0.5'"
refused "a next hop given twice is refused" 2 "a next hop is given twice" \
	vnetctl -n h1 route replace 10.8.0.0/16 peering tgw via network red nexthop 10.2.0.5 \
	via network red nexthop 10.2.0.5 proto bgp metric 20
vnetctl -n h1 route del 10.8.0.0/16 peering tgw proto bgp
check "route show -j" bash -c "vnetctl -n h1 -j route show peering tgw match fd00:5::/64 |
	python3 -c 'import json, sys; r = json.load(sys.stdin)
assert r == [{\"dst\": \"fd00:5::/64\", \"type\": \"unicast\", \"protocol\": \"bgp\",
	\"metric\": 0, \"network\": \"red\", \"nexthop\": \"10.2.0.5\"}], r'"
vnetctl -n h1 route flush peering tgw proto bgp
assert_eq "route flush proto bgp leaves the others" 0 \
	"$(vnetctl -n h1 route show peering tgw | grep -c 'proto bgp')"
check "... and the others are there" \
	bash -c "[ \$(vnetctl -n h1 route show peering tgw | wc -l) = 5 ]"

# --- route get
vnetctl -n h1 route add 10.2.0.0/16 peering tgw via network red
check "route get, a network's own node" \
	bash -c "vnetctl -n h1 route get 10.2.0.5 network red | grep -qx '10.2.0.5 node 10.2.0.5 remote 192.0.2.5'"
check "route get, the attachment's address: the host" \
	bash -c "vnetctl -n h1 route get 10.1.255.1 network blue | grep -qx '10.1.255.1 host dev blue'"
check "route get, no node" \
	bash -c "vnetctl -n h1 route get 10.2.0.9 network red | grep -qx '10.2.0.9 no-node'"
check "route get, no route in the network's table" \
	bash -c "vnetctl -n h1 route get 10.3.0.7 network blue | grep -qx '10.3.0.7 unreachable'"
check "route get -j, through tgw" bash -c "vnetctl -n h1 -j route get 10.2.0.5 network blue |
	python3 -c 'import json, sys; r = json.load(sys.stdin)
assert r[\"result\"] == \"node\" and r[\"peering\"] == \"tgw\" and r[\"network\"] == \"red\", r
assert r[\"node\"] == {\"address\": \"10.2.0.5\", \"remote\": \"192.0.2.5\"}, r'"

# --- propagation follows the network
vnetctl -n h1 network set blue prefix 10.1.0.0/16 prefix 10.11.0.0/16 prefix fd00:1::/64
assert_eq "a prefix added to blue is propagated" 1 \
	"$(vnetctl -n h1 route show peering tgw proto attach | grep -c '^10.11.0.0/16 via network blue')"
vnetctl -n h1 network set blue prefix 10.1.0.0/16 prefix fd00:1::/64
assert_eq "a prefix removed goes from tgw's table" 0 \
	"$(vnetctl -n h1 route show peering tgw | grep -c '^10.11.0.0/16')"
refused "the attachment's address cannot leave the network's prefixes" 2 "an attachment's addresses would be outside the network's prefixes" \
	vnetctl -n h1 network set blue prefix 10.1.0.0/24 prefix fd00:1::/64
vnetctl -n h1 network add blue2 id 101 prefix 10.1.0.0/16
refused "a prefix another network propagates is refused" 2 "the peering router has another network's route of a prefix of the network" \
	vnetctl -n h1 peering attach tgw network blue2 address 10.1.255.1 propagate
assert_eq "... and the failed attachment leaves nothing" "" \
	"$(vnetctl -n h1 peering show tgw | grep blue2)"
refused "a node cannot take an attachment's address" 2 "the address is a peering router's in the network" \
	vnetctl -n h1 node add 10.1.255.1 network blue remote 192.0.2.1
assert_eq "node show does not list attachment addresses" "" \
	"$(vnetctl -n h1 node show network blue)"

# --- what goes with an object
vnetctl -n h1 -batch - <<EOF
peering attach other network blue address 10.1.255.2
peering attach other network green address 10.3.255.2 propagate
route add 10.3.0.0/16 network blue via peering other
route add 10.2.0.0/24 network blue via peering tgw metric 5
route add 10.9.0.0/16 network blue blackhole
EOF
vnetctl -n h1 peering detach tgw network blue
assert_eq "detach: blue's routes to tgw and tgw's to blue go, the rest stay" \
	"10.3.0.0/16 via peering other proto static|blackhole 10.9.0.0/16 proto static|0" \
	"$(vnetctl -n h1 route show network blue | paste -sd'|')|$(vnetctl -n h1 route show peering tgw | grep -c 'network blue')"
vnetctl -n h1 peering del other
assert_eq "peering del: the routes to it go from blue's table" \
	"blackhole 10.9.0.0/16 proto static" "$(vnetctl -n h1 route show network blue)"
refused "... and its table with it" 2 "no such peering router" \
	vnetctl -n h1 route show peering other
vnetctl -n h1 -batch - <<EOF
peering attach tgw network green address 10.3.255.1 propagate
route add 10.1.0.0/16 network green via peering tgw
route add 10.30.0.0/16 peering tgw via network green nexthop 10.3.0.7
EOF
vnetctl -n h1 network del green
assert_eq "network del: its attachments and the routes to it go" \
	"tgw: routes 4|    attach network red address 10.2.255.1|        bgp peer 10.2.0.5 asn 65002 local-asn 65000 hold-time 90|0" \
	"$(vnetctl -n h1 peering show tgw | paste -sd'|')|$(vnetctl -n h1 route show peering tgw | grep -c green)"

# --- the hosts a peering router is present on (for vnetd)
vnetctl -n h1 peering set tgw host 192.0.2.1 host fd99::2
assert_eq "peering set: tgw's hosts" "    host 192.0.2.1 host fd99::2" \
	"$(vnetctl -n h1 peering show tgw | sed -n 2p)"
assert_eq "... in JSON; and the attachment's network id" "['192.0.2.1', 'fd99::2'] 200" \
	"$(vnetctl -n h1 -d -j peering show tgw | python3 -c 'import json, sys
p = json.load(sys.stdin)[0]
print(p["hosts"], p["attachments"][0]["id"])')"
vnetctl -n h1 peering set tgw
assert_eq "peering set with none: none left" "tgw: routes 4|    attach network red" \
	"$(vnetctl -n h1 peering show tgw | head -2 | cut -c1-22 | paste -sd'|')"

# --- the events
sleep 0.5
kill $monitor
wait $monitor 2>/dev/null
ev() { check "event: $1" grep -q -- "^$1" "$TMP/events"; }
ev "route 10.5.0.0/16 via network red nexthop 10.2.0.5 proto bgp metric 20 peering tgw$"
ev "Deleted route blackhole 10.5.0.0/16 proto 99 metric 10 peering tgw$"
ev "route 10.5.0.0/16 via network red nexthop 10.2.0.5 proto static metric 20 peering tgw$"
ev "Flushed route peering tgw proto bgp$"
ev "attachment peering other network green address 10.3.255.2 propagate$"
ev "Deleted attachment peering tgw network blue address 10.1.255.1 address fd00:1::ff01 propagate$"
ev "Deleted peering other: routes "
ev "Deleted network green"
ev "    host 192.0.2.1 host fd99::2"
assert_eq "one event for a detachment, none for its routes" 0 \
	"$(grep -v '10.8.0.0/16\|10.77.0.0/16' "$TMP/events" | grep -c '^Deleted route.*network blue')"

check_kernel_log
ktap_finished

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The genetlink fuzzer (fuzz/nlfuzz.c): FUZZ_N requests (25,000 unless
# set) to the vnet family from four processes in two namespaces, a third
# valid (networks, ports and nodes made, changed and deleted, dumps) and the
# rest mutated (attributes dropped, duplicated, truncated, lengthened, nested
# wrongly, random types, values, commands, flags; messages cut short). Every
# request is answered; afterwards what the dumps list is consistent (every
# node's network exists, one network's dump equals its share of the dump of
# all, every port is enslaved to its network, every local node is on a port
# of its network), everything can be deleted, and the kernel log is clean.
source "$(dirname "$0")/lib.sh"

N=${FUZZ_N:-25000}
ktap_plan 8
FUZZ=$VNET_TESTS/fuzz/nlfuzz

setup()
{
	local ns i
	netns_add f1 f2 || return 1
	for ns in f1 f2; do
		quiet_ipv6 "$ns"
		for i in 0 1 2 3; do
			ip -n "$ns" link add "p$i" type veth peer name "p${i}p" &&
			ip -n "$ns" link set "p$i" up || return 1
		done
	done
}
check "two namespaces, four Ethernet devices in each" setup

fuzz()
{
	ip netns exec f1 "$FUZZ" -n $((N / 2)) -w 2 -s 1 > "$TMP/f1" 2>&1 &
	local pid=$!
	ip netns exec f2 "$FUZZ" -n $((N / 2)) -w 2 -s 2 > "$TMP/f2" 2>&1
	local rc=$?
	wait $pid && [ $rc = 0 ]
}
timed "$N requests, every one answered" fuzz
diag "f1: $(cat "$TMP/f1")"
diag "f2: $(cat "$TMP/f2")"

# consistent NS: what vnetctl and ip list in NS agrees with itself
consistent()
{
	local ns=$1 net
	vnetctl -n "$ns" -j network show > "$TMP/nets" &&
	vnetctl -n "$ns" -j node show > "$TMP/nodes" &&
	vnetctl -n "$ns" -j port show > "$TMP/ports" &&
	ip -n "$ns" -j -d link show > "$TMP/links" || return 1
	for net in $(python3 -c 'import json, sys
print(*(n["name"] for n in json.load(open(sys.argv[1]))))' "$TMP/nets"); do
		vnetctl -n "$ns" -j node show network "$net" > "$TMP/nodes.$net" || return 1
	done
	python3 - "$TMP" <<'EOF'
import glob, json, os, sys
tmp = sys.argv[1]
load = lambda f: json.load(open(os.path.join(tmp, f)))
nets = {n["name"]: n for n in load("nets")}
nodes, ports = load("nodes"), load("ports")
links = {l["ifname"]: l for l in load("links")}
bad = []
for n in nodes:
    if n["network"] not in nets:
        bad.append("node %s of a missing network %s" % (n["address"], n["network"]))
for name in nets:
    mine = [n for n in nodes if n["network"] == name]
    if load("nodes." + name) != mine:
        bad.append("network %s: its dump differs from its share of all" % name)
port_net = {p["dev"]: p["network"] for p in ports}
for dev, net in port_net.items():
    if links.get(dev, {}).get("master") != net:
        bad.append("port %s of %s is enslaved to %s" % (dev, net, links.get(dev, {}).get("master")))
for n in nodes:
    if "dev" in n and port_net.get(n["dev"]) != n["network"]:
        bad.append("node %s on %s, not a port of %s" % (n["address"], n["dev"], n["network"]))
print("%d networks, %d nodes, %d ports" % (len(nets), len(nodes), len(ports)))
for b in bad[:20]:
    print(b)
sys.exit(1 if bad else 0)
EOF
}
check "f1: the dumps agree with each other" consistent f1
check "f2: the dumps agree with each other" consistent f2
diag "f1: $(consistent f1 | head -1); f2: $(consistent f2 | head -1)"
check "every network deleted" bash -c "vnetctl -n f1 network flush && vnetctl -n f2 network flush"
assert_eq "no node, port or network left" "0 0 0" \
	"$(vnetctl -n f1 node show | wc -l) $(vnetctl -n f2 port show | wc -l) $(vnetctl -n f1 network show | wc -l)"
assert_eq "no device has a vnet master" "" \
	"$(ip -n f1 -o link show | grep -o 'master [^ ]*')$(ip -n f2 -o link show | grep -o 'master [^ ]*')"
check_kernel_log
ktap_finished

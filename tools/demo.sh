#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vnet demo, run by `make demo` inside a VM booted on Debian's stock
# kernel: load the module, make a host (a network namespace) with networks
# in it, and show them. Each command is printed before it runs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH=$top/tools/vnetctl:$PATH

run() {
	printf '\n$ %s\n' "$*"
	"$@"
}

echo "== vnet demo on $(uname -r)"
run insmod "${VNET_KO:?VNET_KO names the module}"
run ip netns add host1

echo
echo "== a monitor in the background prints every change as it happens"
vnetctl -n host1 monitor | sed -u 's/^/[monitor] /' &
sleep 1

echo
echo "== two tenants' networks, with the same prefix: they are isolated"
run vnetctl -n host1 network add blue id 100 prefix 10.1.0.0/16 prefix fd00:b::/64
run vnetctl -n host1 network add red id 200 prefix 10.1.0.0/16 port 6081 local 192.0.2.1
echo
echo "== a network is a netdevice: ip link makes and lists them too"
run ip -n host1 link add green type vnet
run ip -n host1 -d link show type vnet
sleep 1

echo
echo "== show them, as text and as JSON"
run vnetctl -n host1 network show
run vnetctl -n host1 -j -p network show blue

echo
echo "== mistakes are refused with a reason, and change nothing"
run vnetctl -n host1 network add blue2 id 100 || true
run vnetctl -n host1 network add blue2 id 300 prefix 10.0.0.0/8 prefix 10.1.0.0/16 || true

sleep 1
kill %1 2>/dev/null || true
wait 2>/dev/null || true

echo
echo "== many at once: -batch"
for i in $(seq 1 1000); do echo "network add t$i id $((1000 + i))"; done > /tmp/batch
run vnetctl -n host1 -batch /tmp/batch
echo "networks now: $(vnetctl -n host1 network show | wc -l)"
run vnetctl -n host1 network flush

echo
echo "== the namespace (host) goes, its networks with it; the module unloads"
run ip netns del host1
run rmmod vnet
echo
echo "== demo done"

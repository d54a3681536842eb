#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh: vnet against the stock Linux alternative, run by `make bench` in
# one VM boot (or as root on a machine that can load vnet.ko: VNET_KO=...).
#
# The same topology both times: two hosts (namespaces h1, h2) joined by a
# veth substrate (MTU 1500, IPv4 unless BENCH_SUBSTRATE=6), a node namespace
# on each (n1 10.1.0.1 on h1, n2 10.1.0.2 on h2) behind a veth with MTU 1500.
#
#   stock:  on each host a geneve device with innerprotoinherit (the inner IP
#           packet without Ethernet header, as vnet sends it), VNI 100,
#           remote = the other host, MTU 1444 (vnet's default), plus routes
#           host -> node and node -> geneve, IP forwarding on; static
#           neighbour entries on the node links (vnet answers ARP itself).
#           Outer UDP checksums on both: vnet computes them over IPv4 and
#           IPv6, so the IPv4 geneve gets `udpcsum` (IPv6 has them by default).
#   vnet:   on each host network blue (id 100, 10.1.0.0/16), the node's veth
#           a port, the other host's node remote.
#
# Measured from n1 to n2: a TCP stream (iperf3 -t $BENCH_TIME, default 10 s,
# bits/s received) and a small-packet UDP flood (iperf3 -u -l 64 -b 0,
# packets/s received). Prints one table; ratio = vnet / stock.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# the module is loaded below, once the stock side has had its turn
VNET_LIB_NOLOAD=1 source "$here/lib.sh"

T=${BENCH_TIME:-10}
F=${BENCH_SUBSTRATE:-4}

topology_common()
{
	hosts_add h1 h2 || return 1
	node_ns h1 n1 10.1.0.1/16 || return 1
	node_ns h2 n2 10.1.0.2/16
}

topology_stock()
{
	local i h peer node mac remote csum=
	[ "$F" = 4 ] && csum=udpcsum
	topology_common || return 1
	for i in 1 2; do
		h=h$i peer=n$((3 - i)) node=n$i
		remote=$(sub$F $((3 - i)))
		ip -n $h link add gnv0 mtu 1444 type geneve id 100 remote "$remote" \
			innerprotoinherit $csum || return 1
		ip -n $h link set gnv0 up || return 1
		ip netns exec $h sysctl -qw net.ipv4.ip_forward=1 || return 1
		ip -n $h route add 10.1.0.$((3 - i))/32 dev gnv0 || return 1
		ip -n $h route add 10.1.0.$i/32 dev $node || return 1
		mac=$(ip netns exec $node cat /sys/class/net/eth0/address)
		ip -n $h neigh add 10.1.0.$i lladdr "$mac" dev $node nud permanent || return 1
		mac=$(ip netns exec $h cat /sys/class/net/$node/address)
		ip -n $node neigh add 10.1.0.$((3 - i)) lladdr "$mac" dev eth0 \
			nud permanent || return 1
	done
}

topology_vnet()
{
	local i
	topology_common || return 1
	for i in 1 2; do
		vnetctl -n h$i network add blue id 100 prefix 10.1.0.0/16 || return 1
		vnetctl -n h$i port add n$i network blue || return 1
		vnetctl -n h$i node add 10.1.0.$i network blue dev n$i || return 1
		vnetctl -n h$i node add 10.1.0.$((3 - i)) network blue \
			remote "$(sub$F $((3 - i)))" || return 1
	done
}

topology_del()
{
	local ns
	for ns in n1 n2 h1 h2; do
		ip netns del $ns 2>/dev/null
	done
	NETNS_LIST=()
	sleep 1
}

# iperf NAME ARGS...: one iperf3 run from n1 to n2; its JSON in $TMP/NAME.json
iperf()
{
	local name=$1 srv
	shift
	ip netns exec n2 timeout $((T + 30)) iperf3 -s -1 -B 10.1.0.2 > /dev/null 2>&1 &
	srv=$!
	sleep 1
	ip netns exec n1 timeout $((T + 20)) iperf3 -c 10.1.0.2 -t "$T" -J "$@" \
		> "$TMP/$name.json"
	wait $srv
}

# measure MODE: TCP bits/s and UDP packets/s received, as "TCP UDP"
measure()
{
	local mode=$1
	ip netns exec n1 ping -c 2 -W 2 -q 10.1.0.2 > /dev/null ||
		{ echo "bench: $mode: n1 cannot reach n2" >&2; return 1; }
	iperf "$mode-tcp" || return 1
	iperf "$mode-udp" -u -l 64 -b 0 || return 1
	python3 -c '
import json, sys
tcp = json.load(open(sys.argv[1]))["end"]["sum_received"]
udp = json.load(open(sys.argv[2]))["end"]["sum_received"]
print(tcp["bits_per_second"], (udp["packets"] - udp["lost_packets"]) / udp["seconds"])' \
		"$TMP/$mode-tcp.json" "$TMP/$mode-udp.json"
}

[ "$(id -u)" = 0 ] || { echo "bench.sh: must run as root" >&2; exit 2; }
R=${BENCH_ROUNDS:-3}
echo "# vnet benchmark on $(uname -r), $(nproc) CPUs, IPv$F substrate, $T s a test, $R rounds"

# the sides alternate, each round both: a run of one after the other would
# read the machine's drift as a ratio
stock=() vnet=()
for r in $(seq "$R"); do
	topology_stock || { echo "bench: stock topology failed" >&2; exit 1; }
	stock+=("$(measure stock)") || exit 1
	topology_del
	if [ "${BENCH_STOCK_ONLY:-0}" = 1 ]; then
		continue
	fi
	module_load || exit 1
	topology_vnet || { echo "bench: vnet topology failed" >&2; exit 1; }
	vnet+=("$(measure vnet)") || exit 1
	[ "$r" = "$R" ] && vnetctl -n h1 -s network show blue
	topology_del
done
if [ "${BENCH_STOCK_ONLY:-0}" = 1 ]; then
	echo "stock: ${stock[*]}"
	exit 0
fi

python3 -c '
import statistics, sys
n = len(sys.argv) // 2
s = [[float(x) for x in a.split()] for a in sys.argv[1:1 + n]]
v = [[float(x) for x in a.split()] for a in sys.argv[1 + n:]]
med = lambda rows, i: statistics.median(r[i] for r in rows)
rows = [("TCP stream (Mbit/s)", med(s, 0) / 1e6, med(v, 0) / 1e6),
        ("UDP 64-byte flood (kpps)", med(s, 1) / 1e3, med(v, 1) / 1e3)]
print("medians of %d rounds, the sides alternating" % n)
print("%-26s | %12s | %12s | %6s" % ("test", "stock geneve", "vnet", "ratio"))
print("-" * 26 + "-+-" + "-" * 12 + "-+-" + "-" * 12 + "-+-" + "-" * 6)
for name, a, b in rows:
    print("%-26s | %12.1f | %12.1f | %5.2fx" % (name, a, b, b / a if a else 0))
' "${stock[@]}" "${vnet[@]}"

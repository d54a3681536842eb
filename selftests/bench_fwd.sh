#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench_fwd.sh: forwarding between two networks, vnet's peering router
# against the stock Linux way, run by `make bench` (VNET_KO; BENCH_TABLES
# with v4-1040000.{vnet,ip} from gen_table.py for the full table).
#
# Both sides: two hosts joined by a veth substrate; a source node in
# network blue on the first host, a sink node in network red on the second.
#   stock:  on each host VRFs blue and red, a geneve device a network
#           (innerprotoinherit, VNI 100 and 200, outer UDP checksums) in
#           its VRF, the node's veth in its VRF, and the route to red's
#           prefix leaked from blue's VRF table into red's geneve device.
#   vnet:   networks blue and red, peering router tgw with both attached
#           (prefixes propagated), blue's route to red through tgw; each
#           host's own lookup as vnet does.
# pktgen (in-kernel, in the source node) sends UDP to the sink as fast as
# it can for BENCH_FWD_TIME seconds (5); the figure is the packets a second
# the sink's veth receives. 64- and 1400-byte packets; over an IPv4 and an
# IPv6 substrate; with the flood's route alone, then with the full table
# (1,040,000 routes) in the lookup's table on both sides (vnet: tgw's on
# each host; stock: blue's VRF table on the first host, red's on the
# second; those routes lead to a dummy device and never match the flood).
# With the flood's route alone, a second pair of vnet hosts, the same but
# for BENCH_FWD_ATTACH (5,000) more networks attached to its tgw, floods
# too. The sides alternate within each of BENCH_ROUNDS rounds (3); medians
# and ratios.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# the module is loaded below, once the stock side has had its turn
VNET_LIB_NOLOAD=1 source "$here/lib.sh"

ROUNDS=${BENCH_ROUNDS:-3}
T=${BENCH_FWD_TIME:-5}
TABLES=${BENCH_TABLES:-}
FULL=${BENCH_FWD_FULL:-1040000}
ATTACH=${BENCH_FWD_ATTACH:-5000}
OUT=$(mktemp)

[ "$(id -u)" = 0 ] || { echo "bench_fwd.sh: must run as root" >&2; exit 2; }
modprobe -a pktgen vrf geneve dummy || exit 1
module_load || exit 1

put() { echo "$*" >> "$OUT"; }

mac() { ip netns exec "$1" cat "/sys/class/net/$2/address"; }

# stock_geneve F: the geneve devices over the IPv-F substrate, and the flood's
# routes through them
stock_geneve()
{
	local f=$1 i h csum= remote
	[ "$f" = 4 ] && csum=udpcsum
	for i in 1 2; do
		h=s$i
		remote=$(sub$f $((3 - i)))
		ip -n $h link del gblue 2>/dev/null
		ip -n $h link del gred 2>/dev/null
		ip -n $h link add gblue mtu 1444 type geneve id 100 remote "$remote" \
			innerprotoinherit $csum || return 1
		ip -n $h link add gred mtu 1444 type geneve id 200 remote "$remote" \
			innerprotoinherit $csum || return 1
		ip -n $h link set gblue master vblue up || return 1
		ip -n $h link set gred master vred up || return 1
	done
	# s1: blue's VRF leaks red's prefix into red's geneve device; s2: red's
	# VRF takes it to the sink
	ip -n s1 route replace 10.2.0.0/16 dev gred table 10 || return 1
	ip -n s2 route replace 10.2.0.3/32 dev sr3 table 20 || return 1
}

stock_topology()
{
	local i h
	hosts_add s1 s2 || return 1
	for i in 1 2; do
		h=s$i
		ip netns exec $h sysctl -qw net.ipv4.ip_forward=1 || return 1
		ip -n $h link add vblue type vrf table 10 || return 1
		ip -n $h link add vred type vrf table 20 || return 1
		ip -n $h link set vblue up && ip -n $h link set vred up || return 1
		ip -n $h link add dummy0 type dummy && ip -n $h link set dummy0 up || return 1
	done
	node_ns s1 sb1 10.1.0.1/16 || return 1
	node_ns s2 sr3 10.2.0.3/16 || return 1
	ip -n s1 link set sb1 master vblue || return 1
	ip -n s2 link set sr3 master vred || return 1
	ip -n sr3 neigh add 10.2.0.1 lladdr "$(mac s2 sr3)" dev eth0 nud permanent
	ip -n s2 neigh add 10.2.0.3 lladdr "$(mac sr3 eth0)" dev sr3 nud permanent || return 1
	stock_geneve 4
}

# vnet_remotes F [H1 H2]: the nodes known to the other host by its IPv-F
# address
vnet_remotes()
{
	local f=$1 h1=${2:-h1} h2=${3:-h2} a
	for a in 10.1.0.1 fd00:1::1; do
		vnetctl -n $h2 node replace "$a" network blue remote "$(sub$f 1)" || return 1
	done
	for a in 10.2.0.3 fd00:2::3; do
		vnetctl -n $h1 node replace "$a" network red remote "$(sub$f 2)" || return 1
	done
}

# vnet_topology H1 H2 SRC SINK: the vnet hosts, source node SRC, sink SINK
vnet_topology()
{
	peering_hosts $1 $2 &&
	vnet_node $1 $2 blue $3 1 "$(sub4 1)" 1 &&
	vnet_node $2 $1 red $4 3 "$(sub4 2)" 2 &&
	ip -n $1 link add dummy0 type dummy && ip -n $1 link set dummy0 up &&
	ip -n $2 link add dummy0 type dummy && ip -n $2 link set dummy0 up
}

# flood SRC DEV_MAC SINK SIZE: pktgen from SRC's eth0 for T seconds; the
# packets a second SINK's eth0 received
flood()
{
	local src=$1 dmac=$2 sink=$3 size=$4 pg=/proc/net/pktgen r0 r1
	ip netns exec "$src" bash -c "
		echo rem_device_all > $pg/kpktgend_0
		echo add_device eth0 > $pg/kpktgend_0
		for c in 'count 0' 'clone_skb 0' 'pkt_size $size' 'delay 0' \
			'dst 10.2.0.3' 'src_min 10.1.0.1' 'src_max 10.1.0.1' \
			'dst_mac $dmac' 'udp_src_min 9' 'udp_src_max 9' \
			'udp_dst_min 9' 'udp_dst_max 9'; do
			echo \"\$c\" > $pg/eth0 || exit 1
		done" || return 1
	r0=$(ip netns exec "$sink" cat /sys/class/net/eth0/statistics/rx_packets)
	ip netns exec "$src" bash -c "echo start > $pg/pgctrl" &
	sleep "$T"
	r1=$(ip netns exec "$sink" cat /sys/class/net/eth0/statistics/rx_packets)
	ip netns exec "$src" bash -c "echo stop > $pg/pgctrl"
	wait
	echo $(((r1 - r0) / T))
}

# measure CASE [ATT]: both sides, alternating, ROUNDS rounds, both sizes;
# with ATT, the vnet hosts with many attachments too
measure()
{
	local what=$1 att=${2:-} r size x
	for r in $(seq "$ROUNDS"); do
		for size in 64 1400; do
			x=$(flood sb1 "$(mac s1 sb1)" sr3 "$size") || return 1
			put "$what $size stock $x"
			x=$(flood b1 "$(mac h1 b1)" r3 "$size") || return 1
			put "$what $size vnet $x"
			[ -n "$att" ] || continue
			x=$(flood c1 "$(mac h3 c1)" d3 "$size") || return 1
			put "$what $size vnet-att $x"
		done
	done
	echo "# $what done" >&2
}

full_tables()
{
	local t=$TABLES/v4-$FULL
	[ -f "$t.vnet" ] || { echo "bench_fwd.sh: no $t.vnet" >&2; return 1; }
	# the routes lead nowhere the flood goes: blue, or a dummy device
	vnetctl -n h1 -batch "$t.vnet" && vnetctl -n h2 -batch "$t.vnet" || return 1
	sed 's/ table 100$/ table 10/' "$t.ip" | ip -n s1 -batch - || return 1
	sed 's/ table 100$/ table 20/' "$t.ip" | ip -n s2 -batch - || return 1
}

echo "# vnet forwarding benchmark on $(uname -r), $(nproc) CPUs, $T s a flood, $ROUNDS rounds"
stock_topology || { echo "bench_fwd.sh: stock topology failed" >&2; exit 1; }
vnet_topology h1 h2 b1 r3 || { echo "bench_fwd.sh: vnet topology failed" >&2; exit 1; }
vnet_topology h3 h4 c1 d3 || { echo "bench_fwd.sh: vnet topology failed" >&2; exit 1; }
# many attachments on the second pair, each network with its own prefix
awk -v n="$ATTACH" 'BEGIN {
	for (i = 0; i < n; i++)
		printf "network add a%d id %d prefix 100.%d.%d.0/24\n", i, 1000 + i, 64 + int(i / 256), i % 256
	for (i = 0; i < n; i++)
		printf "peering attach tgw network a%d address 100.%d.%d.1 propagate\n", i, 64 + int(i / 256), i % 256
}' > "$OUT.att"
vnetctl -n h3 -batch "$OUT.att" && vnetctl -n h4 -batch "$OUT.att" || exit 1
[ "$(vnetctl -n h3 -j peering show tgw | python3 -c 'import json, sys; print(len(json.load(sys.stdin)[0]["attachments"]))')" = $((ATTACH + 2)) ] ||
	{ echo "bench_fwd.sh: tgw does not have $((ATTACH + 2)) attachments" >&2; exit 1; }
echo "# $ATTACH more attachments on the second pair" >&2
for f in 4 6; do
	stock_geneve $f && vnet_remotes $f && vnet_remotes $f h3 h4 || exit 1
	measure "v$f-1route" att || exit 1
done
if [ -n "$TABLES" ]; then
	full_tables || exit 1
	for f in 4 6; do
		stock_geneve $f && vnet_remotes $f || exit 1
		measure "v$f-fulltable" || exit 1
	done
fi

python3 - "$OUT" "$ATTACH" <<'EOF'
import statistics, sys
from collections import defaultdict
r = defaultdict(list)
order = []
for line in open(sys.argv[1]):
    case, size, side, pps = line.split()
    if (case, size) not in order:
        order.append((case, size))
    r[(case, size, side)].append(float(pps))
med = lambda k: statistics.median(r[k]) if r.get(k) else None
print()
print("Forwarding between two networks: packets a second the sink receives (median)")
w = [18, 6, 12, 12, 7, 8]
fmt = lambda c: " | ".join(("%-*s" if i == 0 else "%*s") % (x, y) for i, (x, y) in enumerate(zip(w, c)))
print(fmt(["case", "bytes", "stock VRF", "vnet", "ratio", "target"]))
print("-+-".join("-" * x for x in w))
for case, size in order:
    s, v = med((case, size, "stock")), med((case, size, "vnet"))
    print(fmt([case, size, "%.0f" % s, "%.0f" % v, "%.2fx" % (v / s),
               ">= 1.25x"]))
print()
print("vnet with 2 and with %d attachments on the peering router (median pps)" %
      (int(sys.argv[2]) + 2))
print(fmt(["case", "bytes", "2 att", "%d att" % (int(sys.argv[2]) + 2), "ratio", ""]))
print("-+-".join("-" * x for x in w))
for case, size in order:
    a = med((case, size, "vnet-att"))
    if a:
        v = med((case, size, "vnet"))
        print(fmt([case, size, "%.0f" % v, "%.0f" % a, "%.2fx" % (a / v), ""]))
EOF
rm -f "$OUT" "$OUT.att"

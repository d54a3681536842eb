#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench_table.sh: a peering router's route table against the kernel's FIB,
# run by `make bench` in one VM boot with the benchmark build of the module
# (VNET_KO, with kmod/bench.c) and tables made by gen_table.py
# (BENCH_TABLES, a directory of T.vnet and T.ip for T = v4-N and v6-N).
#
# The same routes both sides: vnet's peering router tgw, its routes into
# network blue; the kernel's table 100, its routes to dummy0. For each
# table size, BENCH_ROUNDS rounds (default 3), the sides alternating within
# a round:
#   install  vnetctl -batch against ip -batch, of the whole table
#   memory   Slab + VmallocUsed grown by the install (/proc/meminfo); vnet's
#            own count of its bytes beside it
#   lookup   the bench hook's lookups of the same addresses in both tables
#            (half inside the table's prefixes), median ns a lookup (the
#            hook says picoseconds)
#   churn    (largest tables) BENCH_CHURN routes replaced, then deleted and
#            added back, in batches, changes a second
#   flush    the whole table, until it is empty
# Prints medians and ratios (vnet / kernel) in one table per measure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# the module is loaded below, once the stock side has had its turn
VNET_LIB_NOLOAD=1 source "$here/lib.sh"

ROUNDS=${BENCH_ROUNDS:-3}
TABLES=${BENCH_TABLES:?BENCH_TABLES: the directory of the generated tables}
SIZES4=${BENCH_SIZES4:-1000 100000 1040000}
SIZES6=${BENCH_SIZES6:-1000 220000}
CHURN=${BENCH_CHURN:-100000}
HOOK=/sys/kernel/debug/vnet_bench
OUT=$(mktemp)
W=$(mktemp -d)

[ "$(id -u)" = 0 ] || { echo "bench_table.sh: must run as root" >&2; exit 2; }
module_load || exit 1
mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
[ -w $HOOK ] || { echo "bench_table.sh: no $HOOK: not a benchmark build" >&2; exit 1; }

vnetctl network add blue id 100 prefix 10.1.0.0/16 prefix fd00:1::/64 || exit 1
vnetctl peering add tgw || exit 1
vnetctl peering attach tgw network blue address 10.1.255.1 || exit 1
ip link add dummy0 type dummy && ip link set dummy0 up || exit 1
ip link add dummy1 type dummy && ip link set dummy1 up || exit 1

# now: seconds since the epoch, to the nanosecond
now() { date +%s.%N; }
# secs CMD...: how long CMD takes; fails with it
secs()
{
	local t0 t1
	t0=$(now)
	"$@" > /dev/null || { echo "bench_table.sh: failed: $*" >&2; return 1; }
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}
# mem: kB of slab and vmalloc in use
mem()
{
	sync
	echo 3 > /proc/sys/vm/drop_caches
	awk '/^Slab:/ { s = $2 } /^VmallocUsed:/ { v = $2 } END { print s + v }' \
		/proc/meminfo
}
hook() { echo "$*" > $HOOK && cat $HOOK; }
val() { awk -v k="$1" '$1 == k { print $2 }'; }
put() { echo "$*" >> "$OUT"; }

# kernel_flush F: empty table 100; ip's flush of a large table can stop
# half way with an error, so again until it is empty
kernel_flush()
{
	local f=$1 i
	for i in $(seq 20); do
		ip -$f route flush table 100 2> /dev/null
		[ -z "$(ip -$f route show table 100 | head -1)" ] && return 0
	done
	return 1
}

# churn_files T N: N routes of T replaced (to another next hop) and back,
# deleted and added back
churn_files()
{
	local t=$1 n=$2 f=$3
	local nh=10.1.0.6
	[ "$f" = 6 ] && nh=fd00:1::6
	head -n "$n" "$TABLES/$t.vnet" |
		sed "s/^route add/route replace/; s/nexthop [^ ]*/nexthop $nh/" > $W/c1.vnet
	head -n "$n" "$TABLES/$t.vnet" | sed "s/^route add/route replace/" > $W/c2.vnet
	head -n "$n" "$TABLES/$t.vnet" | sed "s/^route add \([^ ]*\) \(peering [^ ]*\).*/route del \1 \2/" > $W/c3.vnet
	head -n "$n" "$TABLES/$t.vnet" > $W/c4.vnet
	head -n "$n" "$TABLES/$t.ip" | sed "s/^route add/route replace/; s/dummy0/dummy1/" > $W/c1.ip
	head -n "$n" "$TABLES/$t.ip" | sed "s/^route add/route replace/" > $W/c2.ip
	head -n "$n" "$TABLES/$t.ip" | sed "s/^route add/route del/" > $W/c3.ip
	head -n "$n" "$TABLES/$t.ip" > $W/c4.ip
}

churn()
{
	local side=$1 s=0 i x
	for i in 1 2 3 4; do
		if [ "$side" = vnet ]; then
			x=$(secs vnetctl -batch $W/c$i.vnet) || return 1
		else
			x=$(secs ip -batch $W/c$i.ip) || return 1
		fi
		s=$(awk -v a="$s" -v b="$x" 'BEGIN { printf "%.3f\n", a + b }')
	done
	echo "$s"
}

bench_size()
{
	local f=$1 n=$2 t=v$1-$2 r m0 m1 x res churn_n=0
	[ -f "$TABLES/$t.vnet" ] || { echo "bench_table.sh: no $TABLES/$t.vnet" >&2; return 1; }
	# large tables get churned too
	[ "$n" -ge 100000 ] && churn_n=$CHURN
	[ "$churn_n" -gt 0 ] && churn_files "$t" "$churn_n" "$f"
	for r in $(seq "$ROUNDS"); do
		m0=$(mem)
		x=$(secs vnetctl -batch "$TABLES/$t.vnet") || return 1
		m1=$(mem)
		put "$t install vnet $x"
		put "$t memkb vnet $((m1 - m0))"
		res=$(hook mem tgw)
		put "$t own vnet $(echo "$res" | val table_bytes) $(echo "$res" | val route_bytes) $(echo "$res" | val routes)"

		m0=$(mem)
		x=$(secs ip -batch "$TABLES/$t.ip") || return 1
		m1=$(mem)
		put "$t install kernel $x"
		put "$t memkb kernel $((m1 - m0))"

		res=$(hook lookup tgw "$f" 100 100000 3) ||
			{ echo "bench_table.sh: $t: lookup hook failed" >&2; return 1; }
		put "$t lookup vnet $(echo "$res" | val vnet_ps)"
		put "$t lookup kernel $(echo "$res" | val fib_ps)"
		put "$t hits $(echo "$res" | val vnet_hits) $(echo "$res" | val fib_hits)"

		if [ "$churn_n" -gt 0 ]; then
			x=$(churn vnet) || return 1
			put "$t churn vnet $x $((churn_n * 4))"
			x=$(churn kernel) || return 1
			put "$t churn kernel $x $((churn_n * 4))"
		fi

		x=$(secs vnetctl route flush peering tgw) || return 1
		put "$t flush vnet $x"
		x=$(secs kernel_flush "$f") || return 1
		put "$t flush kernel $x"
		echo "# $t round $r done" >&2
	done
}

echo "# vnet route table benchmark on $(uname -r), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $ROUNDS rounds"
for n in $SIZES4; do bench_size 4 "$n" || exit 1; done
for n in $SIZES6; do bench_size 6 "$n" || exit 1; done

python3 "$here/bench_table.py" "$OUT"
rm -rf "$OUT" "$W"

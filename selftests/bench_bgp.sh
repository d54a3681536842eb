#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetd against BIRD, one full table: a BIRD ("src", a router node of
# network blue) holds the scale issue's generated table (BENCH_BGP4 IPv4
# prefixes, 1,040,000 unless given, and BENCH_BGP6 IPv6, 220,000) and
# announces it, one side at a time, to vnetd (which installs it in the
# peering router's table) and to a second BIRD ("dst", in a namespace of its
# own, which installs it in its kernel table). Per side: the time from the
# session's start until the whole table is installed, vnetd's and the second
# BIRD's memory (RSS) at the full table, and the time to withdraw it all
# (the session shut down). The two sides alternate within each of
# BENCH_ROUNDS rounds (1), the first side alternating too; the table shows
# medians and the ratio vnetd / BIRD (below 1: vnetd faster or smaller).
#
# Run by `make bench` (VNET_KO set, the tables made outside the VM), or in
# the VM by hand: selftests/bench_bgp.sh
# the module is loaded below, by module_load
VNET_LIB_NOLOAD=1 source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/routers.sh"
trap 'rt_cleanup; cleanup' EXIT

N4=${BENCH_BGP4:-1040000}
N6=${BENCH_BGP6:-220000}
ROUNDS=${BENCH_ROUNDS:-1}
VNETD=$VNET_TOP/tools/vnetd/vnetd
module_load || exit 1

echo "# bench_bgp: $N4 IPv4 and $N6 IPv6 prefixes, $ROUNDS round(s), kernel $(uname -r)"

# --- the table as BIRD static routes
tables()
{
	local f=${BENCH_TABLES:-}/bgp-$N4-$N6
	if [ -n "${BENCH_TABLES:-}" ] && [ -s "$f.4" ]; then
		cp "$f.4" "$TMP/static4.conf" && cp "$f.6" "$TMP/static6.conf"
		return
	fi
	python3 "$VNET_TESTS/gen_table.py" -4 "$N4" --format plain |
		awk '{ print "route " $1 " blackhole;" }' > "$TMP/static4.conf" &&
	python3 "$VNET_TESTS/gen_table.py" -6 "$N6" --format plain |
		awk '{ print "route " $1 " blackhole;" }' > "$TMP/static6.conf"
}

setup()
{
	netns_add h1 dst && quiet_ipv6 h1 && quiet_ipv6 dst &&
	vnetctl -n h1 -batch - <<-EOF &&
	network add blue id 100 prefix 10.1.0.0/16 prefix fd00:1::/64
	peering add tgw
	peering attach tgw network blue address 10.1.255.1 address fd00:1::ff01 bgp peer 10.1.0.10 asn 65001 local-asn 64512
	EOF
	addr_add h1 blue 10.1.255.1/16 fd00:1::ff01/64 && ip -n h1 link set blue up &&
	vnet_node h1 - blue src 10 - 1 &&
	ip -n src link add tod type veth peer name eth1 netns dst &&
	addr_add src tod 10.9.0.1/30 fd09::1/64 && ip -n src link set tod up &&
	addr_add dst eth1 10.9.0.2/30 fd09::2/64 && ip -n dst link set eth1 up &&
	ip -n dst link set lo up && ip -n src link set lo up
}

# the two BIRDs' configurations: src with both sessions disabled
src_conf()
{
	cat <<-EOF
	router id 10.1.0.10;
	log "$TMP/src.log" { warning, error };
	protocol device {}
	protocol static s4 {
		ipv4;
		include "$TMP/static4.conf";
	}
	protocol static s6 {
		ipv6;
		include "$TMP/static6.conf";
	}
	protocol bgp tovnetd {
		disabled; local 10.1.0.10 as 65001; neighbor 10.1.255.1 as 64512;
		hold time 240; connect retry time 1;
		ipv4 { import none; export all; next hop self; };
		ipv6 { import none; export all; next hop address fd00:1::10; };
	}
	protocol bgp tobird {
		disabled; local 10.9.0.1 as 65001; neighbor 10.9.0.2 as 65009;
		hold time 240; connect retry time 1;
		ipv4 { import none; export all; next hop self; };
		ipv6 { import none; export all; next hop address fd09::1; };
	}
	EOF
}

dst_conf()
{
	cat <<-EOF
	router id 10.9.0.2;
	log "$TMP/dst.log" { warning, error };
	protocol device {}
	protocol kernel k4 { ipv4 { export all; import none; }; learn off; scan time 10; }
	protocol kernel k6 { ipv6 { export all; import none; }; learn off; scan time 10; }
	protocol bgp fromsrc {
		local 10.9.0.2 as 65009; neighbor 10.9.0.1 as 65001; hold time 240;
		ipv4 { import all; export none; };
		ipv6 { import all; export none; };
	}
	EOF
}

start_birds()
{
	src_conf > "$TMP/src.conf" && dst_conf > "$TMP/dst.conf" &&
	ip netns exec src bird -c "$TMP/src.conf" -s "$TMP/src.ctl" -P "$TMP/src.pid" &&
	ip netns exec dst bird -c "$TMP/dst.conf" -s "$TMP/dst.ctl" -P "$TMP/dst.pid" ||
		return 1
	# vnetd itself (ip netns exec execs it), not a subshell: its RSS
	ip netns exec h1 "$VNETD" -f > "$TMP/vnetd.log" 2>&1 &
	echo $! > "$TMP/vnetd.pid"
	# src has read its table when it answers
	rt_wait 600 birdc -s "$TMP/src.ctl" show status
}

# installed counts: vnetd's (the peering router's table) and dst's kernel's
# (its main IPv4 table's prefixes and its IPv6 routes, less those it had
# before: KBASE)
count_vnet() { vnetctl -n h1 peering show tgw | awk '/routes/ { print $3 }'; }
KBASE=0
count_kernel()
{
	local v4 v6
	v4=$(ip netns exec dst awk '/^Main:/ { m = 1 } m && /Prefixes:/ { print $2; exit }' \
		/proc/net/fib_triestat)
	# fib_rt_entries of rt6_stats (hex): reading ipv6_route whole each
	# poll would cost the side it measures more than the routes do
	v6=$((16#$(ip netns exec dst awk '{ print $4 }' /proc/net/rt6_stats)))
	echo $(( ${v4:-0} + v6 - KBASE ))
}

# reached N WANT: count N (empty: could not be read) is at least WANT, or
# for 0, none
reached()
{
	[ -n "$1" ] || return 1
	if [ "$2" = 0 ]; then
		[ "$1" -eq 0 ]
	else
		[ "$1" -ge "$2" ]
	fi
}

# wait_count FN WANT: seconds until FN reports WANT (polled every 0.2 s):
# at least WANT, or for 0, none
wait_count()
{
	local start now n
	start=$(date +%s.%N)
	while n=$($1); ! reached "$n" "$2"; do
		sleep 0.2
		now=$(date +%s.%N)
		if (( $(echo "$now - $start > ${BENCH_TIMEOUT:-3600}" | bc) )); then
			echo "timeout at $n of $2" >&2
			return 1
		fi
	done
	echo "$(date +%s.%N) - $start" | bc
}

rss() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }

# side NAME PROTO COUNT_FN PID: install and withdraw once; "install memory withdraw"
side()
{
	local name=$1 proto=$2 fn=$3 pid=$4 t_in mem t_out
	birdc -s "$TMP/src.ctl" enable "$proto" > /dev/null
	t_in=$(wait_count "$fn" $((N4 + N6))) || {
		echo "$name: install timed out" >&2
		birdc -s "$TMP/dst.ctl" show route count >&2
		ip -n dst -6 route | head -3 >&2
		tail -3 "$TMP/dst.log" >&2
		return 1
	}
	mem=$(rss "$pid")
	birdc -s "$TMP/src.ctl" disable "$proto" > /dev/null
	t_out=$(wait_count "$fn" 0) || { echo "$name: withdrawal timed out" >&2; return 1; }
	echo "$t_in $mem $t_out"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

tables || exit 1
setup || { echo "setup failed"; exit 1; }
start_birds || { echo "BIRD did not start"; exit 1; }
vpid=$(cat "$TMP/vnetd.pid")
bpid=$(cat "$TMP/dst.pid")
KBASE=$(count_kernel)
: > "$TMP/vnetd.res"
: > "$TMP/bird.res"
for ((r = 0; r < ROUNDS; r++)); do
	for s in $( ((r % 2)) && echo "bird vnetd" || echo "vnetd bird"); do
		if [ "$s" = vnetd ]; then
			res=$(side vnetd tovnetd count_vnet "$vpid") || exit 1
		else
			res=$(side bird tobird count_kernel "$bpid") || exit 1
		fi
		echo "# round $((r + 1)) $s: install ${res%% *} s, RSS $(cut -d' ' -f2 <<< "$res") KiB, withdraw ${res##* } s"
		echo "$res" >> "$TMP/$s.res"
	done
done

col() { awk -v c="$2" '{ print $c }' "$TMP/$1.res" | median; }
vi=$(col vnetd 1) bi=$(col bird 1)
vm=$(col vnetd 2) bm=$(col bird 2)
vw=$(col vnetd 3) bw=$(col bird 3)
ratio() { echo "scale=2; $1 / $2" | bc; }
echo
echo "| $N4 + $N6 prefixes | BIRD to its kernel | vnetd to vnet | ratio |"
echo "|---|---|---|---|"
printf '| install, s | %.1f | %.1f | %sx |\n' "$bi" "$vi" "$(ratio "$vi" "$bi")"
printf '| RSS at full table, MiB | %.0f | %.0f | %sx |\n' "$(echo "$bm / 1024" | bc -l)" \
	"$(echo "$vm / 1024" | bc -l)" "$(ratio "$vm" "$bm")"
printf '| withdraw all, s | %.1f | %.1f | %sx |\n' "$bw" "$vw" "$(ratio "$vw" "$bw")"
kill "$vpid"

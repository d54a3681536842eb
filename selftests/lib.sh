#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers of the vnet selftests: KTAP output, assertions, network
# namespaces, and the kernel log check. Sourced by each test script; each
# script is one KTAP document: a plan, then one ok / not ok line a test.

set -u

# The tests' own directory (selftests/ in the tree, or the collection
# directory `make -C selftests install` made), and the tools under test:
# the tree's where the tests run from it, else the installed ones (vnetctl
# and vnetd in PATH, ip's plugin and the completion where the packages put
# them). VNETCTL, VNETD, VNET_IPLIB and VNET_COMPLETION override.
VNET_TESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VNET_TOP=$(cd "$VNET_TESTS/.." && pwd)
if [ -x "$VNET_TOP/tools/vnetctl/vnetctl" ]; then
	VNETCTL=${VNETCTL:-$VNET_TOP/tools/vnetctl/vnetctl}
	VNETD=${VNETD:-$VNET_TOP/tools/vnetd/vnetd}
	VNET_IPLIB=${VNET_IPLIB:-$VNET_TOP/tools/iproute2}
	VNET_COMPLETION=${VNET_COMPLETION:-$VNET_TOP/tools/completion/vnetctl}
else
	VNETCTL=${VNETCTL:-$(command -v vnetctl)}
	VNETD=${VNETD:-$(command -v vnetd)}
	VNET_IPLIB=${VNET_IPLIB:-/usr/lib/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)/ip}
	VNET_COMPLETION=${VNET_COMPLETION:-/usr/share/bash-completion/completions/vnetctl}
fi
export PATH=$(dirname "${VNETCTL:-/usr/sbin/vnetctl}"):$PATH

KTAP_N=0
KTAP_FAILED=0
KTAP_SKIPPED=0
NETNS_LIST=()
TMP=$(mktemp -d /tmp/vnet-test.XXXXXX)
KMSG_MARK="vnet-selftest-$$-$RANDOM"

ktap_plan()
{
	KTAP_PLAN=$1
	echo "KTAP version 1"
	echo "1..$1"
	# the kernel log is checked from here on
	echo "$KMSG_MARK" > /dev/kmsg
}

# VNET_TEST_TIMES=1: each test's time since the one before, as a diagnostic
# (where a script spends its time)
KTAP_T0=${EPOCHREALTIME/./}
ktap_time()
{
	local now=${EPOCHREALTIME/./}

	[ -n "${VNET_TEST_TIMES:-}" ] &&
		printf '# %d.%03d s\n' $(((now - KTAP_T0) / 1000000)) $(((now - KTAP_T0) / 1000 % 1000))
	KTAP_T0=$now
}

ktap_ok()
{
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $*"
	ktap_time
}

ktap_fail()
{
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	echo "not ok $KTAP_N $*"
	ktap_time
}

ktap_skip()
{
	KTAP_N=$((KTAP_N + 1))
	KTAP_SKIPPED=$((KTAP_SKIPPED + 1))
	echo "ok $KTAP_N $1 # SKIP $2"
}

# diag LINES...: indented diagnostics, prefixed "# " as KTAP wants
diag()
{
	sed 's/^/# /' <<< "$*"
}

# check DESC CMD...: ok if CMD succeeds; its output goes to the log on failure
check()
{
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		ktap_ok "$desc"
	else
		ktap_fail "$desc"
		diag "command: $*"
		diag "$out"
	fi
}

# refuse DESC MESSAGE CMD...: ok if CMD fails and says MESSAGE (a fixed string)
refuse()
{
	local desc=$1 msg=$2 out
	shift 2
	if out=$("$@" 2>&1); then
		ktap_fail "$desc"
		diag "command succeeded but should have failed: $*"
		diag "$out"
	elif ! grep -qF -- "$msg" <<< "$out"; then
		ktap_fail "$desc"
		diag "command: $*"
		diag "expected: $msg"
		diag "got: $out"
	else
		ktap_ok "$desc"
	fi
}

# timed DESC CMD...: check(), and how long CMD took as a diagnostic
timed()
{
	local t0

	t0=$(date +%s.%N)
	check "$@"
	diag "took $(echo "$(date +%s.%N) - $t0" | bc) s"
}

# assert DESC EXPECTED ACTUAL: ok if the two strings are equal
assert_eq()
{
	if [ "$2" = "$3" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1"
		diag "expected: $2"
		diag "actual:   $3"
	fi
}

# netns_add NAME...: network namespaces, removed when the script ends
netns_add()
{
	local ns
	for ns in "$@"; do
		ip netns add "$ns" || return 1
		ip -n "$ns" link set lo up
		NETNS_LIST+=("$ns")
		# also for those made in a subshell (e.g. under check)
		echo "$ns" >> "$TMP/netns"
	done
}

# kernel_log_problems MARK: BUG, WARNING, Oops or checker reports logged
# since the line MARK was written to /dev/kmsg
kernel_log_problems()
{
	dmesg | sed -n "/$1/,\$p" |
		grep -E 'BUG:|WARNING:|Oops|Call Trace|KASAN|UBSAN|kernel BUG|general protection|possible circular|possible recursive|inconsistent lock|suspicious RCU|sleeping function called|unreferenced object|refcount_t:|unregister_netdevice: waiting'
}

check_kernel_log()
{
	local problems

	problems=$(kernel_log_problems "$KMSG_MARK")
	if [ -z "$problems" ]; then
		ktap_ok "kernel log clean"
	else
		ktap_fail "kernel log clean"
		diag "$problems"
	fi
}

# module_loaded: is vnet.ko in?
module_loaded()
{
	[ -d /sys/module/vnet ]
}

# module_load: insmod the module under test ($VNET_KO) unless it is in, after
# the modules it needs (udp_tunnel, ip6_udp_tunnel where they are modules);
# without VNET_KO, modprobe the installed one (kselftest's runner on a
# machine with vnet installed)
module_load()
{
	local ko=${VNET_KO:-} deps

	module_loaded && return 0
	[ -n "$ko" ] || { modprobe vnet; return; }
	deps=$(modinfo -F depends "$ko" | tr , ' ')
	[ -z "$deps" ] || modprobe -a $deps || return 1
	insmod "$ko"
}

# kselftest's runner starts each script by itself: the script loads the
# module then (run.sh loads it before each script, and sets VNET_LIB_NOLOAD)
if [ -z "${VNET_LIB_NOLOAD:-}" ] && ! module_loaded && ! module_load; then
	echo "1..0 # SKIP the vnet module cannot be loaded"
	rm -rf "$TMP"
	exit 4
fi

cleanup()
{
	local ns
	for ns in "${NETNS_LIST[@]}" $(cat "$TMP/netns" 2>/dev/null); do
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

# ktap_finished: the script's status: 0 if no test failed
ktap_finished()
{
	echo "# $KTAP_N tests, $KTAP_FAILED failed, $KTAP_SKIPPED skipped"
	if [ "$KTAP_N" != "$KTAP_PLAN" ]; then
		echo "# the plan said $KTAP_PLAN tests"
		exit 1
	fi
	[ "$KTAP_FAILED" = 0 ]
	exit
}

# --- topologies for the data path tests: hosts, substrate, nodes

# Two hosts are joined by a veth "sub"; host i (1 or 2) has these substrate
# addresses on it.
sub4() { echo "192.168.0.$1"; }
sub6() { echo "fd99::$1"; }

# quiet_ipv6 NS [DEV]: no router solicitations, no autoconfiguration and no
# link-local address (so no DAD), on DEV or on every device made from now on
quiet_ipv6()
{
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.accept_ra=0 \
		net.ipv6.conf.default.accept_ra=0 \
		net.ipv6.conf.all.router_solicitations=0 \
		net.ipv6.conf.default.router_solicitations=0 \
		net.ipv6.conf.default.addr_gen_mode=1 > /dev/null
}

# addr_add NS DEV ADDR/LEN...: addresses, IPv6 ones without DAD
addr_add()
{
	local ns=$1 dev=$2 a
	shift 2
	for a; do
		case $a in
		*:*) ip -n "$ns" addr add "$a" dev "$dev" nodad || return 1 ;;
		*) ip -n "$ns" addr add "$a" dev "$dev" || return 1 ;;
		esac
	done
}

# hosts_add H1 H2 [MTU]: two host namespaces joined by the substrate veth
# "sub" (MTU 1500 unless given), with IPv4 and IPv6 addresses $(sub4 i) and
# $(sub6 i) on host i
hosts_add()
{
	local i=1 h
	netns_add "$1" "$2" || return 1
	quiet_ipv6 "$1"
	quiet_ipv6 "$2"
	ip -n "$1" link add sub mtu "${3:-1500}" type veth peer name sub mtu "${3:-1500}" \
		netns "$2" || return 1
	for h in "$1" "$2"; do
		addr_add "$h" sub "$(sub4 $i)/24" "$(sub6 $i)/64" || return 1
		ip -n "$h" link set sub up || return 1
		i=$((i + 1))
	done
}

# node_ns HOST NODE ADDR/LEN...: a node: namespace NODE whose eth0 is a veth
# to device NODE in HOST, both ends up (MTU 1500), ADDRs on eth0
node_ns()
{
	local host=$1 node=$2
	shift 2
	netns_add "$node" || return 1
	quiet_ipv6 "$node"
	ip -n "$host" link add "$node" type veth peer name eth0 netns "$node" || return 1
	ip -n "$host" link set "$node" addrgenmode none up || return 1
	addr_add "$node" eth0 "$@" || return 1
	ip -n "$node" link set eth0 up
}

# vnet_hosts H1 H2 NET ID...: the substrate between H1 and H2, and on each the
# networks NET (id ID) with prefixes 10.1.0.0/16 and fd00:1::/64
vnet_hosts()
{
	local h1=$1 h2=$2 h
	shift 2
	hosts_add "$h1" "$h2" || return 1
	while [ $# -ge 2 ]; do
		for h in "$h1" "$h2"; do
			vnetctl -n "$h" network add "$1" id "$2" prefix 10.1.0.0/16 \
				prefix fd00:1::/64 || return 1
		done
		shift 2
	done
}

# vnet_node HOST PEER NET NODE N REMOTE [X]: node NODE with addresses
# 10.X.0.N/16 and fd00:X::N/64 (X 1 unless given) on a port of network NET
# in HOST, and known to NET in PEER as remote at REMOTE (HOST's substrate
# address; PEER "-": no peer). The node's default routes point into the
# network (at 10.X.255.254 and fd00:X::fffe, which nobody has), so that
# packets to outside the prefixes reach it.
vnet_node()
{
	local host=$1 peer=$2 net=$3 node=$4 n=$5 remote=$6 x=${7:-1} a
	node_ns "$host" "$node" "10.$x.0.$n/16" "fd00:$x::$n/64" || return 1
	ip -n "$node" route add default via "10.$x.255.254" dev eth0 || return 1
	ip -n "$node" -6 route add default via "fd00:$x::fffe" dev eth0 || return 1
	vnetctl -n "$host" port add "$node" network "$net" || return 1
	for a in "10.$x.0.$n" "fd00:$x::$n"; do
		vnetctl -n "$host" node add "$a" network "$net" dev "$node" || return 1
		[ "$peer" = - ] ||
			vnetctl -n "$peer" node add "$a" network "$net" remote "$remote" || return 1
	done
}

# peering_hosts H1 H2: the substrate between H1 and H2, and on each the
# networks blue (id 100, 10.1.0.0/16 and fd00:1::/64), red (id 200, X = 2)
# and green (id 300, X = 3), and the peering router tgw with blue and red
# attached (at 10.X.255.1 and fd00:X::ff01, prefixes propagated) and the
# routes between them; green stays alone
peering_hosts()
{
	local h net x
	hosts_add "$1" "$2" || return 1
	for h in "$1" "$2"; do
		x=1
		for net in blue:100 red:200 green:300; do
			vnetctl -n "$h" network add "${net%:*}" id "${net#*:}" \
				prefix "10.$x.0.0/16" prefix "fd00:$x::/64" || return 1
			x=$((x + 1))
		done
		vnetctl -n "$h" -batch - <<-EOF || return 1
		peering add tgw
		peering attach tgw network blue address 10.1.255.1 address fd00:1::ff01 propagate
		peering attach tgw network red address 10.2.255.1 address fd00:2::ff01 propagate
		route add 10.2.0.0/16 network blue via peering tgw
		route add fd00:2::/64 network blue via peering tgw
		route add 10.1.0.0/16 network red via peering tgw
		route add fd00:1::/64 network red via peering tgw
		EOF
	done
}

# blue_nodes: hosts h1 and h2 with network blue (id 100) and its nodes b1
# (10.1.0.1, on h1) and b3 (on h2) known by their hosts' IPv4 substrate
# addresses, b2 (h1) and b4 (h2) by the IPv6 ones
blue_nodes()
{
	vnet_hosts h1 h2 blue 100 &&
	vnet_node h1 h2 blue b1 1 "$(sub4 1)" &&
	vnet_node h1 h2 blue b2 2 "$(sub6 1)" &&
	vnet_node h2 h1 blue b3 3 "$(sub4 2)" &&
	vnet_node h2 h1 blue b4 4 "$(sub6 2)"
}

# --- traffic

# pings NS [PING_ARGS...] ADDR: three quick pings from NS to ADDR (IPv4 or
# IPv6); all must be answered
pings()
{
	ip netns exec "$1" ping -c 3 -i 0.2 -W 1 -q "${@:2}"
}

# no_pings NS [PING_ARGS...] ADDR: three pings from NS to ADDR, none answered
no_pings()
{
	local out
	if out=$(pings "$@" 2>&1) || ! grep -q ' 0 received' <<< "$out"; then
		echo "$out"
		return 1
	fi
}

# tcp_xfer FROM TO ADDR [BYTES]: a TCP transfer (10 MB unless given) of random
# data from namespace FROM to a listener in namespace TO on ADDR; ok if both
# ends count the same bytes with the same SHA-256. SEND_DEV and RECV_DEV, if
# set, bind the sender's and the listener's sockets to a netdevice.
tcp_xfer()
{
	local from=$1 to=$2 addr=$3 size=${4:-10485760} sent got rc
	local blob=$TMP/blob.$size
	[ -s "$blob" ] || head -c "$size" /dev/urandom > "$blob"
	XFER_DEV=${RECV_DEV:-} ip netns exec "$to" timeout 60 \
		python3 "$VNET_TESTS/xfer.py" recv "$addr" 5001 > "$TMP/xfer.recv" 2>&1 &
	rc=$!
	sent=$(XFER_DEV=${SEND_DEV:-} ip netns exec "$from" timeout 60 \
		python3 "$VNET_TESTS/xfer.py" send "$addr" 5001 "$blob" 2>&1)
	wait $rc
	got=$(cat "$TMP/xfer.recv")
	echo "sent: $sent"
	echo "received: $got"
	[ -n "$sent" ] && [ "$sent" = "$got" ] && [ "${sent%% *}" = "$size" ]
}

# udp_flows NS SRC DST N: N UDP flows from SRC to DST (port 9), one
# datagram each, from source ports 40000 on
udp_flows()
{
	ip netns exec "$1" python3 -c '
import socket, sys
for p in range(40000, 40000 + int(sys.argv[3])):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((sys.argv[1], p))
    s.sendto(b"x", (sys.argv[2], 9))
    s.close()' "$2" "$3" "$4"
}

# udp_noports NS: NS's count of UDP datagrams to a port nobody listens on
udp_noports() { ip netns exec "$1" awk '/^Udp:/ && n++ { print $3 }' /proc/net/snmp; }

# --- counters

# snapshot NS: every counter of namespace NS on one line: "NET.KEY=N" for
# each network NET and KEY rx_packets, rx_bytes, rx_dropped, tx_packets,
# tx_bytes or a drop (no_route, spoofed, bad_vni, unknown_node, too_big,
# malformed, ...), and "ns.bad_vni=N ns.malformed=N", the namespace's
# substrate counters. (From the text output, laid out as ip -s: python3 for
# the JSON takes a second to start under TCG.)
snapshot()
{
	{ vnetctl -n "$1" stats && vnetctl -n "$1" -s network show; } | awk '
	/^[^ ]/ { net = $1; sub(/:$/, "", net); if (net == "substrate") net = "ns"; next }
	$1 == "RX:" || $1 == "TX:" {
		dir = tolower(substr($1, 1, 2)); n = NF - 1
		for (i = 2; i <= NF; i++) head[i - 1] = $i
		values = 1; next
	}
	values { for (i = 1; i <= n; i++) printf " %s.%s_%s=%s", net, dir, head[i], $i; values = 0; next }
	$1 == "dropped:" { for (i = 2; i < NF; i += 2) printf " %s.%s=%s", net, $i, $(i + 1) }
	END { print "" }'
}

# counter NS NET KEY: one counter of snapshot(); NET "ns" for the namespace's
counter()
{
	snapshot "$1" | tr ' ' '\n' | sed -n "s/^$2\.$3=//p"
}

# assert_moved DESC BEFORE AFTER EXPECTED: BEFORE and AFTER are lines from
# snapshot(); ok if each counter of EXPECTED ("NET.KEY=N ...", "NET.KEY=N+"
# for at least N) moved by that much from BEFORE to AFTER
assert_moved()
{
	local bad
	bad=$(awk -v b="$2" -v a="$3" -v e="$4" '
	function load(s, m,   n, i, kv, x) {
		n = split(s, x, " ")
		for (i = 1; i <= n; i++) { split(x[i], kv, "="); m[kv[1]] = kv[2] }
	}
	BEGIN {
		load(b, B); load(a, A)
		n = split(e, x, " ")
		for (i = 1; i <= n; i++) {
			split(x[i], kv, "="); k = kv[1]; w = kv[2]
			if (!(k in A) || !(k in B)) { print "no counter " k; continue }
			d = A[k] - B[k]
			if (w ~ /\+$/ ? d < w + 0 : d != w + 0)
				printf "%s moved by %d, expected %s\n", k, d, w
		}
	}')
	if [ -z "$bad" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1"
		diag "$bad"
		diag "before: $2"
		diag "after:  $3"
	fi
}

# --- crafters: python3 takes seconds to start under TCG, so a crafter
# (geneve.py, frame.py) runs as a server for the whole script, one request a
# line, answering "ok" or "error: ..."

# crafter_start NAME NS ARGS...: start `python3 ARGS... --serve` style
# server ARGS in namespace NS, reachable as NAME
crafter_start()
{
	local name=$1 ns=$2 in out
	shift 2
	in=$TMP/crafter.$name.in
	out=$TMP/crafter.$name.out
	mkfifo "$in" "$out" || return 1
	ip netns exec "$ns" python3 "$@" < "$in" > "$out" 2>&1 &
	eval "exec {CRAFTER_IN_$name}>\"$in\" {CRAFTER_OUT_$name}<\"$out\""
}

# craft_with NAME ARGS...: one request to crafter NAME; prints what went
# wrong, if anything
craft_with()
{
	local name=$1 reply in out
	shift
	in=CRAFTER_IN_$name
	out=CRAFTER_OUT_$name
	echo "$*" >&"${!in}"
	read -r -t 30 reply <&"${!out}"
	[ "$reply" = ok ] || { echo "$name $*: ${reply:-no answer}"; return 1; }
}

# crafted_with NAME NS DESC EXPECTED ARGS...: a request to crafter NAME, then
# the counters of namespace NS must have moved as EXPECTED (see assert_moved)
crafted_with()
{
	local name=$1 ns=$2 desc=$3 expected=$4 before out
	shift 4
	before=$(snapshot "$ns")
	if ! out=$(craft_with "$name" "$@"); then
		ktap_fail "$desc"
		diag "$out"
		return
	fi
	sleep 0.1
	assert_moved "$desc" "$before" "$(snapshot "$ns")" "$expected"
}

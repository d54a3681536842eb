#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers of the vnet selftests: KTAP output, assertions, network
# namespaces, and the kernel log check. Sourced by each test script; each
# script is one KTAP document: a plan, then one ok / not ok line a test.

set -u

VNET_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VNETCTL=${VNETCTL:-$VNET_TOP/tools/vnetctl/vnetctl}
export PATH=$VNET_TOP/tools/vnetctl:$PATH

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

ktap_ok()
{
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $*"
}

ktap_fail()
{
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	echo "not ok $KTAP_N $*"
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

# module_load: insmod the module under test ($VNET_KO) unless it is in
module_load()
{
	module_loaded || insmod "${VNET_KO:?VNET_KO names the module under test}"
}

cleanup()
{
	local ns
	for ns in "${NETNS_LIST[@]}"; do
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

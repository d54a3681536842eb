#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh: run the vnet selftests on this kernel (as root): inside the VM that
# `make check` boots, or natively with `make check NATIVE=1`; what the
# collection's `make run_tests` runs (selftests/Makefile).
#
# Usage: run.sh [MODULE.ko] [TEST.sh...]
# The module under test: MODULE.ko, else $VNET_KO, else the installed one
# (modprobe vnet). The tests: paths, or names in this directory; all t_*.sh
# if none. Prints one KTAP document with a subtest for each test script,
# then the whole-run checks (module unload, kmemleak where the kernel has
# it, kernel log). Exit status 0 if every test passed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
case ${1:-} in
*.ko) VNET_KO=$1; shift ;;
esac
[ -z "${VNET_KO:-}" ] || export VNET_KO=$(realpath "$VNET_KO")
VNET_LIB_NOLOAD=1 source "$here/lib.sh"
tests=()
for t in "$@"; do
	[[ $t == */* ]] || t=$here/$t
	tests+=("$t")
done
[ ${#tests[@]} -gt 0 ] || tests=("$here"/t_*.sh)

[ "$(id -u)" = 0 ] || { echo "run.sh: must run as root" >&2; exit 2; }
mark="vnet-selftests-run-$$"
echo "$mark" > /dev/kmsg
leak=/sys/kernel/debug/kmemleak
if [ -w $leak ]; then
	# report only what leaks from here on
	echo scan > $leak
	echo clear > $leak
fi

echo "KTAP version 1"
echo "# kernel $(uname -r), module ${VNET_KO:-$(modinfo -n vnet 2>/dev/null || echo 'vnet: none installed')}"
echo "1..$(( ${#tests[@]} + 3 ))"
n=0
failed=0
subtests=0
subfailed=0
start=$(date +%s)

result()
{
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=$((failed + 1))
	fi
}

# verdict DESC FINDINGS: ok if there are no findings, else not ok with them
verdict()
{
	[ -z "$2" ] || sed 's/^/# /' <<< "$2" | head -60
	[ -z "$2" ]
	result $? "$1"
}

for t in "${tests[@]}"; do
	name=$(basename "$t")
	t0=$(date +%s)
	loaded=yes
	module_load || loaded=no
	out=$(mktemp)
	if [ $loaded = yes ]; then
		bash "$t" 2>&1 | tee "$out" | sed -u 's/^/    /'
		rc=${PIPESTATUS[0]}
	else
		echo "    # loading ${VNET_KO:-vnet} failed"
		rc=1
	fi
	subtests=$((subtests + $(grep -cE '^(not )?ok ' "$out")))
	subfailed=$((subfailed + $(grep -cE '^not ok ' "$out")))
	rm -f "$out"
	echo "# $name: $(( $(date +%s) - t0 )) s"
	result $rc "$name"
done

# the module leaves cleanly with whatever the tests left behind
if [ -d /sys/module/vnet ]; then
	rmmod vnet
	result $? "module unloads"
else
	result 0 "module unloads (already unloaded by a test)"
fi

if [ -w $leak ]; then
	# kmemleak reports objects unreferenced for two scans and 5 s
	sleep 6
	echo scan > $leak
	sleep 1
	echo scan > $leak
	verdict "kmemleak reports nothing" "$(cat $leak)"
else
	n=$((n + 1))
	echo "ok $n kmemleak reports nothing # SKIP kernel without kmemleak"
fi

verdict "kernel log clean over the whole run" "$(kernel_log_problems "$mark")"

echo "# $subtests tests in ${#tests[@]} scripts, $subfailed failed; $(( $(date +%s) - start )) s"
echo "# Totals: pass:$((n - failed)) fail:$failed"
[ $failed = 0 ]

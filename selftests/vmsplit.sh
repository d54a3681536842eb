#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vmsplit.sh: run the selftests in several VMs at once, each booted by vm.sh
# with a share of the test scripts, so that a run keeps every core of the
# machine busy (a guest of the stock kernel leaves some of a second core).
#
# Usage: vmsplit.sh [-j JOBS] [-e ENV] [-x SCRIPTS] MODULE VM [VM-OPTIONS...]
#   -j  VMs at once (default: the machine's cores)
#   -e  assignments put before run.sh in each VM, e.g. 'VNET_SCALE=2000'
#   -x  test scripts to leave out, e.g. 't_bgp_craft.sh t_bgp_hosts.sh'
# Runs `VM VM-OPTIONS 'ENV make -C selftests run_tests VNET_KO=MODULE
# TEST_PROGS=SCRIPTS'` per share: the collection's own entry point.
# The scripts go to the shares longest first, by the seconds each took in
# make check (a script not listed counts 30 s). Prints the first share's
# KTAP document as it runs, then each other's whole, in order, then one
# summary line. Exit status 0 if every share passed.
set -u
here=$(cd "$(dirname "$0")" && pwd)

jobs=$(nproc)
env=
skip=
while getopts "j:e:x:" o; do
	case $o in
	j) jobs=$OPTARG ;;
	e) env=$OPTARG ;;
	x) skip=" $OPTARG " ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { echo "usage: vmsplit.sh [-j JOBS] [-e ENV] [-x SCRIPTS] MODULE VM [VM-OPTIONS...]" >&2; exit 2; }
module=$(realpath "$1")
shift

# seconds in make check on a 2-core machine under TCG (a slow one: an AMD
# EPYC that runs make check in about 20 minutes)
declare -A weight=(
	[t_attach_scale.sh]=48 [t_batch.sh]=75 [t_bgp.sh]=155
	[t_bgp_craft.sh]=101 [t_bgp_hosts.sh]=114 [t_churn.sh]=104
	[t_cli.sh]=49 [t_completion.sh]=27 [t_datapath.sh]=111
	[t_fuzz_data.sh]=60 [t_fuzz_nl.sh]=35 [t_geneve.sh]=70 [t_gro.sh]=62
	[t_host.sh]=63 [t_hostile.sh]=108 [t_inplace.sh]=67 [t_iplink.sh]=16
	[t_learn.sh]=96 [t_lifetime.sh]=17 [t_lpm.sh]=45 [t_monitor.sh]=5
	[t_netlink.sh]=44 [t_network.sh]=12 [t_node.sh]=100 [t_peering.sh]=100
	[t_perm.sh]=6 [t_pmtu.sh]=74 [t_route_churn.sh]=95 [t_save.sh]=26
	[t_table.sh]=77 [t_transit.sh]=150 [t_trust.sh]=77
)

[ "$jobs" -ge 1 ] || jobs=1
declare -a share load
for ((i = 0; i < jobs; i++)); do
	share[i]=
	load[i]=0
done
# longest first, each to the share with the least so far
while read -r w t; do
	k=0
	for ((i = 1; i < jobs; i++)); do
		[ "${load[i]}" -lt "${load[k]}" ] && k=$i
	done
	share[k]+=" $t"
	load[k]=$((load[k] + w))
done < <(for f in "$here"/t_*.sh; do
		t=$(basename "$f")
		[[ $skip == *" $t "* ]] && continue
		echo "${weight[$t]:-30} $t"
	done | sort -rn)

# the command a share's guest runs
run_tests()
{
	echo "${env:+$env }make -s --no-print-directory -C selftests run_tests" \
		"VNET_KO=$(printf %q "$module") TEST_PROGS='${1# }'"
}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for ((i = 1; i < jobs; i++)); do
	[ -n "${share[i]}" ] || continue
	"$@" "$(run_tests "${share[i]}")" > "$out/$i" 2>&1 &
	pid[i]=$!
done
# the first share in the foreground, its output as it comes
echo "# share 1 of $jobs:${share[0]}"
"$@" "$(run_tests "${share[0]}")" 2>&1 | tee "$out/0"
rc[0]=${PIPESTATUS[0]}
for ((i = 1; i < jobs; i++)); do
	[ -n "${share[i]}" ] || continue
	wait "${pid[i]}"
	rc[i]=$?
done
failed=0
tests=0
bad=0
for ((i = 0; i < jobs; i++)); do
	[ -n "${share[i]}" ] || continue
	if [ $i -gt 0 ]; then
		echo "# share $((i + 1)) of $jobs:${share[i]}"
		cat "$out/$i"
	fi
	echo "# share $((i + 1)): exit status ${rc[i]}"
	[ "${rc[i]}" = 0 ] || failed=$((failed + 1))
	read -r t b < <(awk '/^# [0-9]+ tests in [0-9]+ scripts, [0-9]+ failed/ {
		print $2, $7 }' "$out/$i" | tail -1)
	tests=$((tests + ${t:-0}))
	bad=$((bad + ${b:-0}))
done
echo "# all shares: $tests tests, $bad failed; $failed of $jobs shares failed"
[ $failed = 0 ]

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# -batch: many networks from one file, listed by one dump, all deleted; and
# how a batch reports a failed line.
source "$(dirname "$0")/lib.sh"

# 1,000 networks in make check; VNET_SCALE=10000 for the full 10,000
N=${VNET_SCALE:-1000}
# dumps taken while networks come and go: 8, or 20 at VNET_SCALE
DUMPS=$([ -n "${VNET_SCALE:-}" ] && echo 20 || echo 8)
ktap_plan 15
netns_add h1
v() { vnetctl -n h1 "$@"; }

for ((i = 1; i <= N; i++)); do
	echo "network add n$i id $i prefix 10.$((i / 256)).$((i % 256)).0/24"
done > "$TMP/add"
timed "$N networks created from one -batch file" v -batch "$TMP/add"

v -j network show > "$TMP/dump.json"
assert_eq "one dump lists all $N, each with its id and prefix" "$N $N" \
	"$(python3 -c '
import json, sys
nets = json.load(open(sys.argv[1]))
ok = sum(1 for n in nets if n["name"] == "n%d" % n["id"] and
         n["prefixes"] == ["10.%d.%d.0/24" % (n["id"] // 256, n["id"] % 256)])
print(len(nets), ok)' "$TMP/dump.json")"
assert_eq "the text dump has as many lines" "$N" "$(v network show | wc -l)"
assert_eq "ip link agrees" "$N" "$(ip -n h1 -o link show type vnet | wc -l)"

# dumps while networks come and go: each is whole, or is flagged (iproute2's
# warning, status 0, and the batch goes on to its next line)
(for ((i = 0; i < 40; i++)); do
	vnetctl -n h1 network add churn id 16000000 && vnetctl -n h1 network del churn
done) > /dev/null 2>&1 &
churn=$!
bad=0
intr=0
for ((i = 0; i < DUMPS; i++)); do
	printf 'network show\nnetwork show n1\n' > "$TMP/dumps"
	# a reader left waiting for the rest of a cut-short answer hangs: time it out
	out=$(timeout 60 vnetctl -n h1 -j -batch "$TMP/dumps" 2>"$TMP/err")
	rc=$?
	if grep -q "Dump was interrupted and may be inconsistent" "$TMP/err"; then
		intr=$((intr + 1))
		# the batch went on: line 2 was answered
		[ $rc = 0 ] && [ "$(tail -n 1 <<< "$out" | python3 -c '
import json, sys; print(json.load(sys.stdin)[0]["name"])')" = n1 ] ||
			bad=$((bad + 1))
	elif [ $rc != 0 ] || [ "$(python3 -c '
import json, sys
docs = [json.loads(l) for l in sys.stdin]
print(sum(1 for n in docs[0] if n["name"] != "churn"), docs[1][0]["name"])' <<< "$out")" != "$N n1" ]; then
		bad=$((bad + 1))
		diag "$(head -c 300 "$TMP/err")"
	fi
done
wait $churn
assert_eq "dumps during changes are whole or flagged, never wrong" 0 "$bad"
diag "$intr of $DUMPS dumps were flagged as interrupted"

# Deleting a netdevice waits for RCU grace periods, so one at a time costs
# milliseconds each (tens under emulation); the bulk goes in one flush (one
# unregister batch).
D=$((N / 50))
head -n "$D" "$TMP/add" | sed 's/^network add \(n[0-9]*\) .*/network del \1/' > "$TMP/del"
timed "$D deleted one by one from a -batch file" v -batch "$TMP/del"
assert_eq "the others are still there" "$((N - D))" "$(v network show | wc -l)"
timed "the other $((N - D)) deleted by one network flush" v network flush
assert_eq "none left" "0 0" \
	"$(v network show | wc -l) $(ip -n h1 -o link show type vnet | wc -l)"

# a failing line stops the batch and is named; -force goes on
printf '%s\n' "network add a id 1" "# a comment" "" "network add b id 1" \
	"network add c id 3" > "$TMP/bad"
refuse "a failed batch line is named FILE:LINE" "Command failed $TMP/bad:4" \
	v -batch "$TMP/bad"
assert_eq "and the lines after it are not run" "a" \
	"$(v network show | cut -d: -f1 | xargs)"
v network flush
refuse "-force goes on past a failed line but still fails" \
	"Command failed $TMP/bad:4" v -force -batch "$TMP/bad"
assert_eq "and runs the lines after it" "a c" \
	"$(v network show | cut -d: -f1 | xargs)"
check "network flush deletes the rest" v network flush
check_kernel_log
ktap_finished

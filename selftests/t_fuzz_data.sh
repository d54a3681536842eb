#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The data path fuzzers (fuzz/packets.py). From the substrate: FUZZ_N / 10
# mutated Geneve packets (2,500 unless FUZZ_N is set) from h2 to h1's port
# over IPv4 and IPv6 (bit flips, truncation, option lengths, versions,
# flags, protocol types, inner headers of both families with v4-mapped
# addresses, fragments, bad lengths, other VNIs). Each is counted exactly
# once on h1, delivered or dropped by reason; what the nodes received came
# from a node allowed to send it, to them. From a node: as many mutated
# frames from b1 to its port (ARP, ND, IPv4 options, IPv6 extension headers,
# VLAN tags, odd Ethertypes, foreign addresses and MACs): nothing reaches
# another node, on this host or over the substrate, with a source address
# b1's port does not own. Captures by tcpdump in the nodes.
#
# h1: blue b1 (10.1.0.1, IPv4 substrate), b2 (10.1.0.2, IPv6 substrate);
#     red (id 200, the same prefixes) r1 10.1.0.1, with no remote node
# h2: blue b3 (10.1.0.3, IPv4), b4 (10.1.0.4, IPv6)
source "$(dirname "$0")/lib.sh"

N=$(( ${FUZZ_N:-25000} / 10 ))
ktap_plan 11
PACKETS=$VNET_TESTS/fuzz/packets.py

setup()
{
	blue_nodes &&
	vnetctl -n h1 network add red id 200 prefix 10.1.0.0/16 prefix fd00:1::/64 &&
	vnet_node h1 - red r1 1 - &&
	pings b3 10.1.0.1 > /dev/null && pings b3 fd00:1::1 > /dev/null &&
	pings b4 10.1.0.2 > /dev/null && pings b4 fd00:1::2 > /dev/null &&
	pings b1 10.1.0.2 > /dev/null
}
check "two hosts, blue with four nodes (resolved), red with r1 on h1" setup

# capture NODE...: tcpdump of what each node's eth0 receives, until
# capture_stop
capture()
{
	local n
	for n; do
		ip netns exec "$n" tcpdump -U -n -Q in -i eth0 -w "$TMP/$n.pcap" \
			> /dev/null 2>&1 &
		echo $! >> "$TMP/tcpdumps"
	done
	for n; do
		for _ in $(seq 50); do
			[ -s "$TMP/$n.pcap" ] && break
			sleep 0.2
		done
	done
	sleep 1
}
capture_stop()
{
	sleep 1
	kill $(cat "$TMP/tcpdumps") 2> /dev/null
	wait $(cat "$TMP/tcpdumps") 2> /dev/null
	rm -f "$TMP/tcpdumps"
}
# allowed NODE DESC SRCS DSTS: every IP packet NODE captured is from SRCS to DSTS
allowed()
{
	check "$2" ip netns exec "$1" python3 "$PACKETS" check "$TMP/$1.pcap" \
		--src "$3" --dst "$4"
	diag "$1: $(ip netns exec "$1" python3 "$PACKETS" check "$TMP/$1.pcap" \
		--src "$3" --dst "$4")"
}

# --- from the substrate; b1 and b2 answer nothing, so that every packet
# h1 counts in the meantime is one of the fuzzer's
for n in b1 b2; do
	ip netns exec $n sysctl -qw net.ipv4.icmp_echo_ignore_all=1 \
		net.ipv6.icmp.echo_ignore_all=1
done
capture b1 b2 r1
before=$(snapshot h1)
timed "$N mutated Geneve packets from h2 to h1" ip netns exec h2 python3 "$PACKETS" \
	substrate --dst4 "$(sub4 1)" --dst6 "$(sub6 1)" --count "$N" --seed 1
sleep 1
after=$(snapshot h1)
capture_stop
assert_eq "each counted once on h1: delivered, or dropped by reason" "$N" \
	"$(tr ' ' '\n' <<< "$before $after" | awk '
	{ split($0, kv, "="); split(kv[1], k, ".") }
	k[2] ~ /^(rx_packets|no_route|spoofed|bad_vni|unknown_node|too_big|malformed|unresolved)$/ {
		if (kv[1] in seen) d += kv[2] - seen[kv[1]]; else seen[kv[1]] = kv[2]
	}
	END { print d + 0 }')"
diag "h1 counters moved: $(tr ' ' '\n' <<< "$before $after" | awk '
	{ split($0, kv, "=") } kv[1] in seen { d = kv[2] - seen[kv[1]]; if (d) printf "%s+%d ", kv[1], d; next }
	{ seen[kv[1]] = kv[2] }')"
remote_nodes=10.1.0.3,fd00:1::3,10.1.0.4,fd00:1::4
allowed b1 "b1 got only packets from h2's nodes, to itself" "$remote_nodes" \
	10.1.0.1,fd00:1::1,ff02::1:ff00:1
allowed b2 "b2 the same" "$remote_nodes" 10.1.0.2,fd00:1::2,ff02::1:ff00:2
allowed r1 "red's r1 (no remote node) got nothing" 0.0.0.0 0.0.0.0

# --- from a node
for n in b1 b2; do
	ip netns exec $n sysctl -qw net.ipv4.icmp_echo_ignore_all=0 \
		net.ipv6.icmp.echo_ignore_all=0
done
capture b2 b3 r1
PORT_MAC=$(ip -n h1 -br link show b1 | awk '{ print $3 }')
timed "$N mutated frames from b1 to its port" ip netns exec b1 python3 "$PACKETS" \
	node --dev eth0 --dst-mac "$PORT_MAC" --src4 10.1.0.1 --src6 fd00:1::1 \
	--count "$N" --seed 2
capture_stop
allowed b2 "b2 (the same host) got only packets from b1's own addresses" \
	10.1.0.1,fd00:1::1 10.1.0.2,fd00:1::2,ff02::1:ff00:2
allowed b3 "b3 (over the substrate) the same" 10.1.0.1,fd00:1::1 \
	10.1.0.3,fd00:1::3,ff02::1:ff00:3
allowed r1 "red's r1 got nothing from b1" 0.0.0.0 0.0.0.0
check_kernel_log
ktap_finished

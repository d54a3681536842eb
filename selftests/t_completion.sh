#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The bash completion of vnetctl (tools/completion/vnetctl): options,
# objects, commands and keywords, what a command takes once not offered
# again, and the names of what exists (networks, ports, nodes, peering
# routers and their attachments, routes, netdevices, addresses, network
# namespaces) from the namespace the line names with -n, and from no other.
# Each line is completed as bash would: COMP_WORDS split at blanks, colons
# and equals signs, the cursor at the end of the line; without
# bash-completion's helpers, then those marked "bc" again with them. (Under
# emulation a process costs a good part of a second, so each pass is one
# bash.)
source "$(dirname "$0")/lib.sh"

COMPLETION=$VNET_COMPLETION
lines=()
expect=()
bc=()

# t LINE EXPECTED [bc]: completing LINE offers EXPECTED (sorted), and
# nothing else; bc: with bash-completion loaded too
t()
{
	[ -z "${3-}" ] || bc+=(${#lines[@]})
	lines+=("$1")
	expect+=("$2")
}

t "vnetctl " "bgp help monitor network node peering port route save stats" bc
t "vnetctl -" \
	"-4 -6 -Version -batch -color -details -family -force -help -json -netns -oneline -pretty -rcvbuf -statistics -timestamp -tshort" bc
t "vnetctl -t" "-timestamp -tshort"
t "vnetctl -f" "-family -force"
t "vnetctl -f " "any inet inet6" bc
t "vnetctl -family in" "inet inet6"
t "vnetctl -f inet6 " "bgp help monitor network node peering port route save stats"
t "vnetctl -rcvbuf " ""
t "vnetctl -rc 1048576 -ts " "bgp help monitor network node peering port route save stats"
t "vnetctl -color=" "always auto never" bc
t "vnetctl -c=a" "always auto" bc
t "vnetctl -color=never -d -o -4 -6 -s -s -fo ne" "network"
t "vnetctl -V " ""
t "vnetctl -Version " ""
t "vnetctl -j ne" "network"
t "vnetctl -n comp" "comp1 comp2" bc
t "vnetctl -batch $TMP/batch." "$TMP/batch.conf $TMP/batch.txt" bc
t "vnetctl -batch $TMP/batch.conf " "" bc
t "vnetctl -fo -b $TMP/batch.c" "$TMP/batch.conf"
t "vnetctl -h " ""
t "vnetctl network " "add del flush help set show"
t "vnetctl network del " "blue green red"
t "vnetctl network show b" "blue"
t "vnetctl network show -" ""
t "vnetctl network del blue " ""
t "vnetctl network add " ""
t "vnetctl network add cyan " "id local port prefix"
t "vnetctl network add cyan id 40 " "local port prefix"
t "vnetctl network add cyan id 40 port 6082 local 192.0.2.1 local fd99::1 " "prefix" bc
t "vnetctl network add cyan local " "192.0.2.1"
t "vnetctl network set " "blue green red"
t "vnetctl network set blue " "local prefix"
t "vnetctl network set blue prefix " "10.1.0.0/16 fd00:1::/64" bc
t "vnetctl port " "add del help show"
t "vnetctl port add " "sub0 v2" bc
t "vnetctl port add v2 " "network"
t "vnetctl port add v2 network " "blue green red"
t "vnetctl port add v2 network blue " ""
t "vnetctl port del " "v1"
t "vnetctl port show " "network v1"
t "vnetctl port show network red " ""
t "vnetctl node " "add del flush help replace show"
t "vnetctl node add 10.1.0.7 " "dev network remote"
t "vnetctl node add 10.1.0.7 network blue dev " "v1"
t "vnetctl node add 10.1.0.7 network blue remote 192.0.2.2 " ""
t "vnetctl node del " "10.1.0.5 10.1.0.6 fd00:1::5 network" bc
t "vnetctl node del fd00:1::" "5" bc
t "vnetctl node show network blue 10.1.0." "10.1.0.5 10.1.0.6"
t "vnetctl node flush " "network"
t "vnetctl peering " "add attach del detach help set show"
t "vnetctl peering show " "tgw"
t "vnetctl peering add tgw2 host " "192.0.2.1"
t "vnetctl peering attach " "tgw"
t "vnetctl peering attach tgw " "address bgp network propagate"
t "vnetctl peering attach tgw network " "blue green red"
t "vnetctl peering attach tgw network green address 10.3.255.1 propagate " "address bgp"
t "vnetctl peering attach tgw network blue address 10.1.255.1 bgp " \
	"asn export hold-time import local-asn max-prefix md5 peer ttl-security"
t "vnetctl peering attach tgw network blue address 10.1.255.1 bgp peer " \
	"10.1.0.5 10.1.0.6 fd00:1::5"
t "vnetctl peering attach tgw network blue address 10.1.255.1 bgp peer 10.1.0.5 asn 65001 local-asn 64512 " \
	"address bgp export hold-time import max-prefix md5 propagate ttl-security"
t "vnetctl peering attach tgw network blue address 10.1.255.1 bgp peer 10.1.0.5 asn 65001 local-asn 64512 import 10.0.0.0/8 " \
	"address bgp export hold-time import le max-prefix md5 propagate ttl-security" bc
t "vnetctl peering detach tgw network " "blue red"
t "vnetctl route " "add del flush get help replace show"
t "vnetctl route add 10.9.0.0/16 " "network peering"
t "vnetctl route add 10.9.0.0/16 network blue " "blackhole via"
t "vnetctl route add 10.9.0.0/16 network blue via " "peering"
t "vnetctl route add 10.9.0.0/16 network blue via peering " "tgw"
t "vnetctl route add 10.9.0.0/16 network blue via peering tgw " "metric proto"
t "vnetctl route add 10.9.0.0/16 network green via peering " ""
t "vnetctl route add 10.9.0.0/16 peering tgw via network " "blue red"
t "vnetctl route add 10.9.0.0/16 peering tgw via network blue " "metric nexthop proto via"
t "vnetctl route add 10.9.0.0/16 peering tgw via network blue nexthop " \
	"10.1.0.5 10.1.0.6 fd00:1::5"
t "vnetctl route add 10.9.0.0/16 peering tgw via network blue nexthop 10.1.0.5 proto " \
	"attach bgp bird boot kernel ospf static zebra"
t "vnetctl route add 10.9.0.0/16 network blue blackhole proto static " "metric"
t "vnetctl route del network blue " "10.2.0.0/16 10.9.0.0/16 metric proto" bc
t "vnetctl route flush peering tgw " "proto"
t "vnetctl route show " "match network peering proto"
t "vnetctl route list proto bgp " "match network peering"
t "vnetctl -6 route show match fd00::/8 " "network peering proto" bc
t "vnetctl -f inet route show network " "blue green red"
t "vnetctl route show peering tgw " "match proto"
t "vnetctl route get " ""
t "vnetctl route get 10.2.0.1 " "network peering"
t "vnetctl bgp " "help show"
t "vnetctl bgp show " "network peering socket"
t "vnetctl bgp show peering " "tgw"
t "vnetctl stats " "help show"
t "vnetctl save " "file help"
t "vnetctl monitor " "all attachment help network node peering port route"
t "vnetctl -t -j monitor a" "all attachment"
t "vnetctl monitor route node " "attachment network peering port"
t "vnetctl monitor network port node peering attachment route " ""
t "vnetctl monitor all " ""
t "vnetctl monitor help " ""
t "vnetctl save file $TMP/batch." "$TMP/batch.conf $TMP/batch.txt"
t "vnetctl -n comp2 network del " "yellow" bc
t "vnetctl -netns comp2 peering show " "other"
t "vnetctl -n comp2 port add " "w1"
t "vnetctl -n comp2 network add cyan local " ""

ktap_plan $((${#lines[@]} + 4))

# comp1: networks blue, red and green, a port with nodes, a free veth end,
# a dummy with a substrate address, the peering router tgw with blue and red
# attached; comp2: network yellow, peering router other, a dummy
setup()
{
	netns_add comp1 comp2 || return 1
	ip -n comp1 link add v1 type veth peer name v2 &&
	ip -n comp1 link add sub0 type dummy &&
	ip -n comp1 addr add 192.0.2.1/24 dev sub0 &&
	ip -n comp2 link add w1 type dummy || return 1
	vnetctl -n comp1 -batch - <<-EOF || return 1
	network add blue id 10 prefix 10.1.0.0/16 prefix fd00:1::/64
	network add red id 20 prefix 10.2.0.0/16
	network add green id 30 prefix 10.3.0.0/16
	port add v1 network blue
	node add 10.1.0.5 network blue dev v1
	node add fd00:1::5 network blue dev v1
	node add 10.1.0.6 network blue remote 192.0.2.2
	peering add tgw
	peering attach tgw network blue address 10.1.255.1 propagate bgp peer 10.1.0.5 asn 65001 local-asn 64512
	peering attach tgw network red address 10.2.255.1 propagate
	route add 10.2.0.0/16 network blue via peering tgw
	route add 10.9.0.0/16 network blue blackhole
	EOF
	vnetctl -n comp2 -batch - <<-EOF
	network add yellow id 30 prefix 10.3.0.0/16
	peering add other
	EOF
}

# complete MODE SCRIPT: complete each line of the input, as bash would, and
# print what is offered, sorted, a line each. MODE "plain": bash alone; else
# with bash-completion loaded.
complete_lines()
{
	local line w i sorted re='^([^:=]*)([:=]+)(.*)$'
	local -a blank

	export LC_ALL=C
	# shellcheck source=/dev/null
	[ "$1" = plain ] || source /usr/share/bash-completion/bash_completion
	# shellcheck source=../tools/completion/vnetctl
	source "$2"
	COMP_WORDBREAKS=$' \t\n"\'@><=;|&(:'
	while IFS= read -r line; do
		COMP_LINE=$line
		COMP_POINT=${#line}
		# blanks separate words; a run of colons or equals signs is a
		# word of its own
		COMP_WORDS=()
		read -r -a blank <<< "$line"
		for w in "${blank[@]}"; do
			while [[ $w =~ $re ]]; do
				[ -z "${BASH_REMATCH[1]}" ] ||
					COMP_WORDS+=("${BASH_REMATCH[1]}")
				COMP_WORDS+=("${BASH_REMATCH[2]}")
				w=${BASH_REMATCH[3]}
			done
			[ -z "$w" ] || COMP_WORDS+=("$w")
		done
		[[ $line != *[[:blank:]] ]] || COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		_vnetctl vnetctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]-}"
		# sorted by bytes, in bash (sort(1) a line would add seconds
		# under emulation)
		sorted=()
		for w in "${COMPREPLY[@]}"; do
			for ((i = 0; i < ${#sorted[@]}; i++)); do
				[[ ${sorted[i]} < $w ]] || break
			done
			[ "${sorted[i]-}" = "$w" ] ||
				sorted=("${sorted[@]:0:i}" "$w" "${sorted[@]:i}")
		done
		echo "${sorted[*]}"
	done
}

# run MODE LINE...: each LINE's completion in comp1, a line each
run()
{
	local mode=$1

	shift
	printf '%s\n' "$@" |
		ip netns exec comp1 bash -c "$(declare -f complete_lines)
			complete_lines \"\$@\"" - "$mode" "$COMPLETION"
}

touch "$TMP/batch.conf" "$TMP/batch.txt"
check "bash reads the completion script" bash -n "$COMPLETION"
check "namespaces comp1 and comp2 with networks, ports, nodes, peering routers" setup
t0=$(date +%s%N)
run plain "${lines[@]}" > "$TMP/got"
diag "${#lines[@]} lines completed in $((($(date +%s%N) - t0) / 1000000)) ms"
mapfile -t got < "$TMP/got"
for i in "${!lines[@]}"; do
	assert_eq "completes '${lines[i]}'" "${expect[i]}" "${got[i]-(no answer)}"
done

if [ -r /usr/share/bash-completion/bash_completion ]; then
	t0=$(date +%s%N)
	bclines=()
	for i in "${bc[@]}"; do
		bclines+=("${lines[i]}")
	done
	run bash-completion "${bclines[@]}" > "$TMP/got"
	diag "${#bc[@]} of them again with bash-completion in $((($(date +%s%N) - t0) / 1000000)) ms"
	mapfile -t got < "$TMP/got"
	bad=
	for j in "${!bc[@]}"; do
		i=${bc[j]}
		[ "${got[j]-(no answer)}" = "${expect[i]}" ] ||
			bad+="'${lines[i]}': '${got[j]-(no answer)}', expected '${expect[i]}'"$'\n'
	done
	if [ -z "$bad" ]; then
		ktap_ok "the same with bash-completion's helpers loaded"
	else
		ktap_fail "the same with bash-completion's helpers loaded"
		diag "${bad%$'\n'}"
	fi
else
	ktap_skip "the same with bash-completion's helpers loaded" "bash-completion is not installed"
fi
check_kernel_log
ktap_finished

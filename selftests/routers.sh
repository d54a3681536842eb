#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# BIRD 2 and FRR 8.4 as the routers of the selftests, speaking eBGP to vnetd
# or to each other. An instance runs in a network namespace NS and keeps all
# its files in a state directory DIR of its own (configuration, control
# sockets, pid files, logs): no /etc file, no systemd, no shared /run path,
# so several run at once. One router a namespace: each listens on TCP port
# 179 there. Sourced by test scripts (after lib.sh, or alone); defines
# functions only. They return non-zero, saying why on stderr, on failure.
#
# Start options (bird_start and frr_start, the same set):
#   --asn N           local AS number (required)
#   --id A            router id (required)
#   --announce P      originate prefix P (IPv4 or IPv6; --announce6 is the
#                     same), repeatable; with next hop self, so P need not
#                     be routed in NS
#   --ecmp            a prefix learned from several peers with equal paths
#                     goes in the kernel as one multipath route (BIRD: kernel
#                     "merge paths on"; FRR: "maximum-paths 16" and "bgp
#                     bestpath as-path multipath-relax"); off: one path
#   --gr-time S       graceful restart time announced (default 120)
#   --peer A          a session with A (--peer6 is the same): an IPv4 A
#                     carries IPv4 unicast (and IPv6 unicast too with --nh6),
#                     an IPv6 A IPv6 unicast; repeatable. Peer options given
#                     before the first --peer are defaults of every peer,
#                     after a --peer that peer's:
#   --peer-asn N      the peer's AS number (required; a peer without one
#                     has the previous peer's)
#   --local A         the session's source address
#   --passive         only accept the peer's connection
#   --active          only connect: BIRD listens for this peer on port 1179
#                     instead; FRR (bgpd -p 0) then listens for no peer
#   --password K      TCP-MD5 (RFC 2385) key
#   --ttl-security    GTSM (RFC 5082) for a direct peer: TTL 255 sent, 255
#                     required
#   --hold S          hold time proposed (3 at least), keepalives at S/3
#   --gr              graceful restart, restarting role: the families in the
#                     capability; F bit: BIRD restarted by bird_restart
#                     --recover (R bit too), FRR always (and R bit in every
#                     OPEN of bgpd's first restart time, with or without --gr)
#   --no-gr           no graceful restart capability. Without --gr nor
#                     --no-gr both are helpers (RFC 4724 receiving speakers)
#   --nh6 A           on an IPv4 session, IPv6 unicast too, next hop A
#   --limit N         refuse more than N prefixes a family from the peer:
#                     Cease/Maximum Number of Prefixes Reached, the session
#                     goes down (BIRD restarts it after "error wait time";
#                     FRR keeps it down until cleared)
# Both connect again fast (1-2 s after a failure, BIRD's error wait 1-8 s)
# and log to DIR/*.log. Routes learned from peers go in NS's main tables
# (proto bird or proto bgp); announced ones do not.
#
# Many prefixes (e.g. over vnetd's maximum): rt_announce NS DIR
# $(rt_prefixes4 N) is one reconfiguration (BIRD) or one vtysh (FRR).

RT_POLL=0.1

# rt_wait TIMEOUT CMD...: run CMD until it succeeds (every $RT_POLL s);
# fails if it does not within TIMEOUT seconds
rt_wait()
{
	local end=$(($(date +%s%N) + ${1%.*} * 1000000000))
	shift
	until "$@" > /dev/null 2>&1; do
		[ "$(date +%s%N)" -lt "$end" ] || return 1
		sleep "$RT_POLL"
	done
}

# rt_prefixes4 N [A.B]: N host prefixes A.B.x.y/32 (10.200 unless given),
# N up to 65536
rt_prefixes4()
{
	local i base=${2:-10.200}
	for ((i = 0; i < $1; i++)); do
		echo "$base.$((i / 256)).$((i % 256))/32"
	done
}

# rt_prefixes6 N [P]: N host prefixes P::x/128 (fd20:200 unless given)
rt_prefixes6()
{
	local i base=${2:-fd20:200}
	for ((i = 1; i <= $1; i++)); do
		printf '%s::%x/128\n' "$base" "$i"
	done
}

# rt_dummy NS P...: a dummy device "behind" in NS holding the first address
# of each prefix P (10.201.0.1/16 for 10.201.0.0/16, fd20:1::1/48 for
# fd20:1::/48), so that packets to P are answered in NS; a veth with its
# peer down where the kernel has no dummy (this machine's)
rt_dummy()
{
	local ns=$1 p a
	shift
	if ! ip -n "$ns" link show behind > /dev/null 2>&1; then
		ip -n "$ns" link add behind type dummy 2>/dev/null ||
		ip -n "$ns" link add behind type veth peer name behind-p ||
		return 1
	fi
	ip -n "$ns" link set behind up || return 1
	for p; do
		a=${p%/*}
		case $a in
		*::) a=${a}1 ;;
		*:*) ;;
		*.0) a=${a%.0}.1 ;;
		esac
		ip -n "$ns" addr add "$a/${p#*/}" dev behind nodad 2>/dev/null ||
		ip -n "$ns" addr add "$a/${p#*/}" dev behind || return 1
	done
}

# rt_kernel_routes NS: the prefixes the router put in NS's main tables
# (proto bird or bgp), sorted
rt_kernel_routes()
{
	local f p
	for f in 4 6; do
		for p in bird bgp; do
			ip -n "$1" -"$f" route show proto "$p" | awk -v f="$f" '
			/^[^ \t]/ {
				d = $1
				if (d ~ /^(blackhole|unreachable|prohibit|throw)$/)
					d = $2
				if (d !~ /\//)
					d = d (f == 4 ? "/32" : "/128")
				print d
			}'
		done
	done | sort
}

# rt_nexthops NS PREFIX: the gateways of NS's route to exactly PREFIX, one a
# line (several for a multipath route); fails if there is no such route
rt_nexthops()
{
	local f=-4 out
	case $2 in *:*) f=-6 ;; esac
	out=$(ip -n "$1" "$f" route show exact "$2" | grep -o 'via [^ ]*' |
		awk '{ print $2 }' | sort)
	[ -n "$out" ] && echo "$out"
}

# rt_kernel_has NS PREFIX [VIA]: NS routes PREFIX (through VIA if given)
rt_kernel_has()
{
	local nh
	nh=$(rt_nexthops "$1" "$2") || return 1
	[ -z "${3:-}" ] || grep -qxF -- "$3" <<< "$nh"
}

# rt_kernel_lacks NS PREFIX: NS has no route to exactly PREFIX
rt_kernel_lacks()
{
	! rt_kernel_has "$1" "$2"
}

# --- options

_rt_err() { echo "routers.sh: $*" >&2; return 1; }

# _rt_parse ARGS...: the start options into _RT_* (see the top)
_rt_parse()
{
	local i=-1 k=d o v key
	_RT_ASN= _RT_ID= _RT_ECMP= _RT_GRTIME= _RT_N=0
	_RT_ANN=()
	declare -gA _RT_P=()
	while [ $# -gt 0 ]; do
		o=$1 v=
		case $o in
		--asn|--id|--gr-time|--announce|--announce6|--peer|--peer6|--peer-asn|\
		--local|--password|--hold|--nh6|--limit)
			[ $# -ge 2 ] || { _rt_err "$1 needs a value"; return 1; }
			v=$2
			shift ;;
		esac
		case $o in
		--asn) _RT_ASN=$v ;;
		--id) _RT_ID=$v ;;
		--gr-time) _RT_GRTIME=$v ;;
		--ecmp) _RT_ECMP=1 ;;
		--announce|--announce6) _RT_ANN+=("$v") ;;
		--peer|--peer6)
			i=$_RT_N
			k=$i
			_RT_N=$((i + 1))
			for key in "${!_RT_P[@]}"; do
				[ "${key%%.*}" = d ] && _RT_P[$i.${key#d.}]=${_RT_P[$key]}
			done
			_RT_P[$i.addr]=$v ;;
		--peer-asn) _RT_P[$k.asn]=$v ;;
		--local|--password|--hold|--nh6|--limit) _RT_P[$k.${o#--}]=$v ;;
		--passive|--active|--ttl-security|--gr|--no-gr) _RT_P[$k.${o#--}]=1 ;;
		*) _rt_err "unknown option $o"; return 1 ;;
		esac
		shift
	done
	[ -n "$_RT_ASN" ] || { _rt_err "--asn is missing"; return 1; }
	[ -n "$_RT_ID" ] || { _rt_err "--id is missing"; return 1; }
	for ((i = 0; i < _RT_N; i++)); do
		[ -n "$(_rp $i asn)" ] || [ $i = 0 ] || _RT_P[$i.asn]=$(_rp $((i - 1)) asn)
		[ -n "$(_rp $i asn)" ] ||
			{ _rt_err "peer $(_rp $i addr) has no --peer-asn"; return 1; }
		case $(_rp $i password) in
		*[\"\ \\]*) _rt_err "a password without quotes, blanks or backslashes"; return 1 ;;
		esac
	done
}

# _rp I KEY: option KEY of peer I, empty if not given
_rp() { echo "${_RT_P[$1.$2]:-}"; }

_rt_is6() { [[ $1 == *:* ]]; }

# _rt_load DIR: the options DIR's instance was started with
_rt_load()
{
	local args
	[ -f "$1/args" ] || { _rt_err "$1: no router started there"; return 1; }
	mapfile -t args < "$1/args"
	_rt_parse "${args[@]}"
}

# _rt_init KIND DIR ARGS...: parse ARGS, keep them and the prefixes to
# announce in DIR
_rt_init()
{
	local kind=$1 dir=$2 i p
	shift 2
	_rt_parse "$@" || return 1
	mkdir -p "$dir" || return 1
	echo "$kind" > "$dir/kind"
	printf '%s\n' "$@" > "$dir/args"
	: > "$dir/announce"
	for p in "${_RT_ANN[@]}"; do
		echo "$p" >> "$dir/announce"
	done
	for ((i = 0; i < _RT_N; i++)); do
		_rp $i addr
	done > "$dir/peers"
	grep -qxF -- "$dir" "$(_rt_list)" 2>/dev/null || echo "$dir" >> "$(_rt_list)"
}

# _rt_list: the file listing the state directories of the instances this
# script started (in subshells too: $$ is the script's)
_rt_list() { echo "${TMP:-/tmp}/routers.$$"; }

# rt_cleanup: stop every instance this script started; for its EXIT trap,
# before lib.sh's cleanup deletes the namespaces: trap 'rt_cleanup; cleanup' EXIT
rt_cleanup()
{
	local dir
	[ -f "$(_rt_list)" ] || return 0
	while read -r dir; do
		rt_stop - "$dir" 2>/dev/null
	done < "$(_rt_list)"
	rm -f "$(_rt_list)"
}

# _rt_peer DIR [PEER]: PEER, or DIR's first peer
_rt_peer()
{
	if [ -n "${2:-}" ]; then
		echo "$2"
	else
		head -n 1 "$1/peers" 2>/dev/null | grep . ||
			{ _rt_err "$1: no peer"; return 1; }
	fi
}

# _rt_alive PID: the process lives (a zombie does not)
_rt_alive()
{
	local st
	st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) && [ "$st" != Z ]
}

# _rt_kill SIGNAL PIDFILE: signal the daemon, wait until it is gone (10 s)
_rt_kill()
{
	local pid
	pid=$(cat "$2" 2>/dev/null) || return 0
	[ -n "$pid" ] && _rt_alive "$pid" || { rm -f "$2"; return 0; }
	kill -"$1" "$pid" 2>/dev/null
	rt_wait 10 eval "! _rt_alive $pid" ||
		{ _rt_err "$2: pid $pid still there"; return 1; }
	rm -f "$2"
}

# _rt_list_edit DIR add|del P...: the prefixes to announce, kept in
# DIR/announce
_rt_list_edit()
{
	local f=$1/announce
	if [ "$2" = add ]; then
		printf '%s\n' "${@:3}" | cat "$f" - | awk 'NF && !seen[$0]++' > "$f.new"
	else
		printf '%s\n' "${@:3}" | awk 'NR == FNR { del[$0] = 1; next }
			!($0 in del)' - "$f" > "$f.new"
	fi && mv "$f.new" "$f"
}

# --- BIRD

_bird_pname() { echo "peer_$(tr '.:' '__' <<< "$1")"; }
_birdc() { birdc -s "$1/bird.ctl" "${@:2}"; }

# _bird_static DIR: DIR/static4.conf and static6.conf from DIR/announce
_bird_static()
{
	awk -v d="$1" '
	/:/ { print "route " $1 " blackhole;" > d "/static6.conf.new"; next }
	/./ { print "route " $1 " blackhole;" > d "/static4.conf.new" }
	' "$1/announce" &&
	touch "$1/static4.conf.new" "$1/static6.conf.new" &&
	mv "$1/static4.conf.new" "$1/static4.conf" &&
	mv "$1/static6.conf.new" "$1/static6.conf"
}

# _bird_channel FAMILY I [NEXT_HOP]: a channel of peer I's protocol
_bird_channel()
{
	local lim
	lim=$(_rp "$2" limit)
	echo "	$1 {"
	echo "		import all;"
	echo "		export where source = RTS_STATIC;"
	[ -z "${3:-}" ] || echo "		next hop address $3;"
	[ -z "$lim" ] || echo "		receive limit $lim action restart;"
	echo "	};"
}

# _bird_conf DIR: the configuration from _RT_*
_bird_conf()
{
	local dir=$1 i f a
	echo "# made by selftests/routers.sh"
	echo "log \"$dir/bird.log\" all;"
	echo "router id $_RT_ID;"
	echo "protocol device { scan time 10; }"
	for f in 4 6; do
		echo "protocol kernel kernel$f {"
		echo "	ipv$f { import none; export where source = RTS_BGP; };"
		echo "	graceful restart on;"
		[ -z "$_RT_ECMP" ] || echo "	merge paths on;"
		echo "}"
		echo "protocol static static$f {"
		echo "	ipv$f;"
		echo "	include \"$dir/static$f.conf\";"
		echo "}"
	done
	for ((i = 0; i < _RT_N; i++)); do
		a=$(_rp $i addr)
		echo "protocol bgp $(_bird_pname "$a") {"
		echo "	debug { states, events, packets };"
		echo "	local${_RT_P[$i.local]:+ ${_RT_P[$i.local]}}${_RT_P[$i.active]:+ port 1179} as $_RT_ASN;"
		echo "	neighbor $a as $(_rp $i asn);"
		[ -z "$(_rp $i passive)" ] || echo "	passive on;"
		[ -z "$(_rp $i password)" ] || echo "	password \"$(_rp $i password)\";"
		[ -z "$(_rp $i ttl-security)" ] || echo "	ttl security on;"
		[ -z "$(_rp $i hold)" ] || echo "	hold time $(_rp $i hold);"
		echo "	connect delay time 1;"
		echo "	connect retry time 2;"
		echo "	error wait time 1, 8;"
		[ -z "$(_rp $i gr)" ] || echo "	graceful restart on;"
		[ -z "$(_rp $i no-gr)" ] || echo "	graceful restart off;"
		[ -z "$_RT_GRTIME" ] || echo "	graceful restart time $_RT_GRTIME;"
		if _rt_is6 "$a"; then
			_bird_channel ipv6 $i
		else
			_bird_channel ipv4 $i
			[ -z "$(_rp $i nh6)" ] || _bird_channel ipv6 $i "$(_rp $i nh6)"
		fi
		echo "}"
	done
}

# _bird_run NS DIR [-R]: run bird on DIR's configuration, wait for its socket
_bird_run()
{
	local ns=$1 dir=$2
	shift 2
	ip netns exec "$ns" bird -c "$dir/bird.conf" -s "$dir/bird.ctl" \
		-P "$dir/bird.pid" "$@" || { _rt_err "bird in $ns did not start"; return 1; }
	rt_wait 10 _birdc "$dir" show status ||
		{ _rt_err "bird in $ns does not answer"; return 1; }
}

# bird_start NS DIR OPTIONS...: BIRD in NS, state in DIR (see the top)
bird_start()
{
	local ns=$1 dir=$2
	shift 2
	_rt_init bird "$dir" "$@" || return 1
	_bird_static "$dir" || return 1
	_bird_conf "$dir" > "$dir/bird.conf" || return 1
	_bird_run "$ns" "$dir"
}

# bird_stop NS DIR [SIGNAL]: stop BIRD (TERM: Cease to the peers and its
# kernel routes removed; KILL: nothing sent, the kernel routes stay)
bird_stop()
{
	_rt_kill "${3:-TERM}" "$2/bird.pid"
}

# bird_restart NS DIR [--recover]: BIRD again on the same state (its
# prefixes as announced last); --recover: graceful restart recovery (bird
# -R), R and F bits set where --gr
bird_restart()
{
	bird_stop "$1" "$2" || return 1
	_bird_static "$2" || return 1
	_bird_run "$1" "$2" ${3:+-R}
}

# _bird_apply DIR: the announcements in DIR/announce take effect
_bird_apply()
{
	local out
	_bird_static "$1" || return 1
	out=$(_birdc "$1" configure 2>&1)
	grep -q 'Reconfigured\|Reconfiguration in progress' <<< "$out" ||
		{ _rt_err "birdc configure: $out"; return 1; }
}

# bird_announce NS DIR P...: originate the prefixes P too (one
# reconfiguration of the static protocols; the sessions stay up)
bird_announce()
{
	_rt_list_edit "$2" add "${@:3}" && _bird_apply "$2"
}

# bird_withdraw NS DIR P...: originate the prefixes P no longer
bird_withdraw()
{
	_rt_list_edit "$2" del "${@:3}" && _bird_apply "$2"
}

# _bird_proto_all DIR PEER: "show protocols all" of the session with PEER
_bird_proto_all()
{
	_birdc "$1" show protocols all "$(_bird_pname "$2")"
}

# bird_peer_state NS DIR [PEER]: the BGP state of the session with PEER
# (the first peer unless given), e.g. Established, Active, Connect, Idle;
# succeeds only if Established
bird_peer_state()
{
	local peer st
	peer=$(_rt_peer "$2" "${3:-}") || return 1
	st=$(_bird_proto_all "$2" "$peer" | awk '$1 == "BGP" && $2 == "state:" { print $3 }')
	echo "${st:-Down}"
	[ "$st" = Established ]
}

# bird_last_error NS DIR [PEER]: the session's last error, e.g. "Received:
# Maximum number of prefixes reached", "Socket: Connection closed"
bird_last_error()
{
	local peer
	peer=$(_rt_peer "$2" "${3:-}") || return 1
	_bird_proto_all "$2" "$peer" | sed -n 's/^ *Last error: *//p'
}

# bird_routes NS DIR: the prefixes learned by BGP (best routes), sorted
bird_routes()
{
	_birdc "$2" show route where source = RTS_BGP |
		awk '$1 ~ /\/[0-9]+$/ { print $1 }' | sort
}

# bird_refresh NS DIR [PEER]: ask the peer for its routes again
# (ROUTE-REFRESH: "birdc reload in")
bird_refresh()
{
	local peer
	peer=$(_rt_peer "$2" "${3:-}") || return 1
	_birdc "$2" reload in "$(_bird_pname "$peer")" | grep -q 'reloading'
}

# --- FRR (zebra, bgpd; 8.4 has no mgmtd): run as root with group frrvty,
# which privs_init wants the user in; sockets and pid files in DIR, no TCP
# vty (-P 0)

_vtysh() { vtysh --vty_socket "$1" --config_dir "$1" "${@:2}"; }

# _frr_networks 4|6 DIR: the prefixes of that family in DIR/announce as
# network lines
_frr_networks()
{
	local p
	while read -r p; do
		case $p in
		*:*) [ "$1" = 6 ] && echo "  network $p" ;;
		?*) [ "$1" = 4 ] && echo "  network $p" ;;
		esac
	done < "$2/announce"
	return 0
}

# _frr_conf DIR: bgpd's configuration from _RT_* and DIR/announce
_frr_conf()
{
	local dir=$1 i a f hold ka mp=1 gr=
	echo "! made by selftests/routers.sh"
	echo "debug bgp neighbor-events"
	for ((i = 0; i < _RT_N; i++)); do
		[ -z "$(_rp $i gr)" ] || gr=1
		[ -n "$(_rp $i nh6)" ] || continue
		echo "route-map nh6_$i permit 10"
		echo " set ipv6 next-hop global $(_rp $i nh6)"
	done
	echo "router bgp $_RT_ASN"
	echo " bgp router-id $_RT_ID"
	echo " no bgp ebgp-requires-policy"
	echo " no bgp network import-check"
	echo " no bgp default ipv4-unicast"
	[ -z "$_RT_GRTIME" ] || echo " bgp graceful-restart restart-time $_RT_GRTIME"
	[ -z "$gr" ] || echo " bgp graceful-restart preserve-fw-state"
	[ -z "$_RT_ECMP" ] || echo " bgp bestpath as-path multipath-relax"
	for ((i = 0; i < _RT_N; i++)); do
		a=$(_rp $i addr)
		echo " neighbor $a remote-as $(_rp $i asn)"
		echo " neighbor $a timers connect 2"
		[ -z "$(_rp $i local)" ] || echo " neighbor $a update-source $(_rp $i local)"
		[ -z "$(_rp $i passive)" ] || echo " neighbor $a passive"
		[ -z "$(_rp $i password)" ] || echo " neighbor $a password $(_rp $i password)"
		[ -z "$(_rp $i ttl-security)" ] || echo " neighbor $a ttl-security hops 1"
		hold=$(_rp $i hold)
		if [ -n "$hold" ]; then
			ka=$((hold / 3))
			echo " neighbor $a timers $((ka ? ka : 1)) $hold"
		fi
		[ -z "$(_rp $i gr)" ] || echo " neighbor $a graceful-restart"
		[ -z "$(_rp $i no-gr)" ] || echo " neighbor $a graceful-restart-disable"
	done
	[ -z "$_RT_ECMP" ] || mp=16
	for f in 4 6; do
		echo " address-family ipv$f unicast"
		echo "  maximum-paths $mp"
		_frr_networks $f "$dir"
		for ((i = 0; i < _RT_N; i++)); do
			a=$(_rp $i addr)
			if [ $f = 4 ]; then
				_rt_is6 "$a" && continue
			elif ! _rt_is6 "$a"; then
				[ -n "$(_rp $i nh6)" ] || continue
				echo "  neighbor $a route-map nh6_$i out"
			fi
			echo "  neighbor $a activate"
			[ -z "$(_rp $i limit)" ] || echo "  neighbor $a maximum-prefix $(_rp $i limit)"
		done
		echo " exit-address-family"
	done
}

# _frr_ll NS: FRR 8.4 refuses a direct IPv6 session from an interface
# without a link-local address (bgp_zebra_nexthop_set()), which quiet_ipv6
# interfaces lack: give the interface towards each IPv6 peer fe80::ROUTER-ID
# (10.1.0.10: fe80::10:1:0:10). Its routes then carry a link-local next hop
# too (length 32).
_frr_ll()
{
	local ns=$1 i a dev
	for ((i = 0; i < _RT_N; i++)); do
		a=$(_rp $i addr)
		_rt_is6 "$a" || continue
		dev=$(ip -n "$ns" -6 route get "$a" | grep -o ' dev [^ ]*' | awk '{ print $2 }')
		[ -n "$dev" ] || { _rt_err "$ns has no route to $a"; return 1; }
		[ -n "$(ip -n "$ns" -6 addr show dev "$dev" scope link)" ] && continue
		ip -n "$ns" addr add "fe80::${_RT_ID//./:}/64" dev "$dev" nodad || return 1
	done
}

# _frr_run NS DIR: zebra and bgpd on DIR's configuration, wait for them
_frr_run()
{
	local ns=$1 dir=$2 d opts i
	_rt_load "$dir" || return 1
	_frr_ll "$ns" || return 1
	_frr_conf "$dir" > "$dir/bgpd.conf" || return 1
	echo "! made by selftests/routers.sh" > "$dir/zebra.conf"
	: > "$dir/vtysh.conf"
	for d in zebra bgpd; do
		opts=()
		if [ $d = bgpd ]; then
			for ((i = 0; i < _RT_N; i++)); do
				[ -z "$(_rp $i active)" ] || opts=(-p 0)
			done
		fi
		ip netns exec "$ns" "/usr/lib/frr/$d" -d -u root -g frrvty \
			-f "$dir/$d.conf" -i "$dir/$d.pid" -z "$dir/zserv.api" \
			--vty_socket "$dir" -P 0 --log "file:$dir/$d.log" "${opts[@]}" \
			> "$dir/$d.out" 2>&1 ||
			{ _rt_err "$d in $ns did not start: $(cat "$dir/$d.out")"; return 1; }
		rt_wait 10 _vtysh "$dir" -d "$d" -c 'show version' ||
			{ _rt_err "$d in $ns does not answer"; return 1; }
	done
}

# frr_start NS DIR OPTIONS...: FRR in NS, state in DIR (see the top)
frr_start()
{
	local ns=$1 dir=$2
	shift 2
	_rt_init frr "$dir" "$@" || return 1
	_frr_run "$ns" "$dir"
}

# frr_stop NS DIR [SIGNAL]: stop bgpd then zebra (TERM: Cease to the peers,
# the kernel routes removed; KILL: nothing sent, the kernel routes stay)
frr_stop()
{
	local d pid f
	for d in bgpd zebra; do
		pid=$(cat "$2/$d.pid" 2>/dev/null)
		_rt_kill "${3:-TERM}" "$2/$d.pid" || return 1
		# its crash log buffers, /var/tmp/frr/DAEMON.PID/logbuf.TID (PID
		# before -d forked), not always removed when it goes
		[ -n "$pid" ] || continue
		for f in "/var/tmp/frr/$d.$pid" /var/tmp/frr/"$d".*/"logbuf.$pid"; do
			[ ! -e "$f" ] || rm -rf "${f%/logbuf.*}"
		done
	done
}

# frr_restart NS DIR: FRR again on the same state (its prefixes as announced
# last); where --gr, R bit (bgpd's first restart time) and F bit set
frr_restart()
{
	frr_stop "$1" "$2" && _frr_run "$1" "$2"
}

# _frr_network_cmd DIR no|"" P...: one vtysh adding or removing networks
_frr_network_cmd()
{
	local dir=$1 no=$2 p f cmds=()
	shift 2
	_rt_load "$dir" || return 1
	for f in 4 6; do
		cmds+=(-c "address-family ipv$f unicast")
		for p; do
			if _rt_is6 "$p"; then
				[ $f = 6 ] && cmds+=(-c "${no}network $p")
			else
				[ $f = 4 ] && cmds+=(-c "${no}network $p")
			fi
		done
		cmds+=(-c "exit-address-family")
	done
	_vtysh "$dir" -d bgpd -c 'configure terminal' -c "router bgp $_RT_ASN" \
		"${cmds[@]}"
}

# frr_announce NS DIR P...: originate the prefixes P too (one vtysh)
frr_announce()
{
	_rt_list_edit "$2" add "${@:3}" && _frr_network_cmd "$2" "" "${@:3}"
}

# frr_withdraw NS DIR P...: originate the prefixes P no longer
frr_withdraw()
{
	_rt_list_edit "$2" del "${@:3}" && _frr_network_cmd "$2" "no " "${@:3}"
}

# _frr_neighbor DIR PEER: "show bgp neighbors PEER"
_frr_neighbor()
{
	_vtysh "$1" -d bgpd -c "show bgp neighbors $2"
}

# frr_peer_state NS DIR [PEER]: like bird_peer_state
frr_peer_state()
{
	local peer st
	peer=$(_rt_peer "$2" "${3:-}") || return 1
	st=$(_frr_neighbor "$2" "$peer" | sed -n 's/^ *BGP state = \([A-Za-z]*\).*/\1/p')
	echo "${st:-Down}"
	[ "$st" = Established ]
}

# frr_last_error NS DIR [PEER]: why the session last went down, e.g.
# "Notification received (Cease/Maximum Number of Prefixes Reached)"
frr_last_error()
{
	local peer
	peer=$(_rt_peer "$2" "${3:-}") || return 1
	_frr_neighbor "$2" "$peer" | sed -n 's/^ *Last reset [^,]*, *//p'
}

# frr_routes NS DIR: the prefixes learned by BGP (in zebra's RIB), sorted
frr_routes()
{
	_vtysh "$2" -d zebra -c 'show ip route bgp' -c 'show ipv6 route bgp' |
		awk '$1 ~ /^B/ && $2 ~ /\// { print $2 }' | sort
}

# frr_refresh NS DIR [PEER]: ask the peer for its routes again
# (ROUTE-REFRESH: "clear bgp PEER soft in")
frr_refresh()
{
	local peer
	peer=$(_rt_peer "$2" "${3:-}") || return 1
	_vtysh "$2" -d bgpd -c "clear bgp $peer soft in"
}

# --- either: rt_start KIND NS DIR OPTIONS... (KIND bird or frr), then
# rt_stop, rt_restart, rt_announce, rt_withdraw, rt_peer_state,
# rt_last_error, rt_routes, rt_refresh: NS DIR ARGS... of the kind DIR holds

rt_start() { "${1}_start" "${@:2}"; }

_rt_kind()
{
	local k
	k=$(cat "$1/kind" 2>/dev/null) || { _rt_err "$1: no router there"; return 1; }
	echo "$k"
}

for _rt_f in stop restart announce withdraw peer_state last_error routes refresh; do
	eval "rt_$_rt_f() { local k; k=\$(_rt_kind \"\$2\") && \"\${k}_$_rt_f\" \"\$@\"; }"
done
unset _rt_f

# rt_wait_established NS DIR [PEER] [TIMEOUT]: wait (30 s unless given) for
# the session with PEER (the first peer if empty) to be Established
rt_wait_established()
{
	_rt_kind "$2" > /dev/null || return 1
	rt_wait "${4:-30}" rt_peer_state "$1" "$2" "${3:-}" ||
		{ _rt_err "$2: session with ${3:-the first peer} not established:" \
			"$(rt_peer_state "$1" "$2" "${3:-}")"; return 1; }
}

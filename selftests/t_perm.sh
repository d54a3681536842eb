#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Changes need CAP_NET_ADMIN over the namespace; reading does not.
source "$(dirname "$0")/lib.sh"

ktap_plan 11
netns_add h1
vnetctl -n h1 network add keep id 1 prefix 10.1.0.0/16
before=$(vnetctl -n h1 -j network show)

# unshare -U: a new user namespace with nothing mapped, so no capability over
# h1, which the initial user namespace owns
nouser() { ip netns exec h1 unshare -U vnetctl "$@"; }
# setpriv: root, but CAP_NET_ADMIN dropped from the bounding set
nocap() { ip netns exec h1 setpriv --bounding-set=-net_admin vnetctl "$@"; }

for who in nouser nocap; do
	refuse "$who: network add refused" "Operation not permitted (CAP_NET_ADMIN is needed)" \
		$who network add x id 2
	refuse "$who: network del refused" "Operation not permitted (CAP_NET_ADMIN is needed)" \
		$who network del keep
	refuse "$who: network flush refused" "Operation not permitted (CAP_NET_ADMIN is needed)" \
		$who network flush
	check "$who: network show allowed" $who network show keep
done
assert_eq "the unprivileged user is nobody" 65534 "$(ip netns exec h1 unshare -U id -u)"
assert_eq "nothing changed" "$before" "$(vnetctl -n h1 -j network show)"
check_kernel_log
ktap_finished

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The Debian packages `make deb` built (build/deb/), installed in the VM on
# Debian's stock kernel as an operator would: DKMS builds the module for the
# running kernel, modprobe loads it (and the kernel loads it by itself for
# `ip link add ... type vnet` and for the genetlink family), and the installed
# tools, not the build tree's, run the demo's first steps. Run by
# `make check-deb`, in a VM of its own (not by run.sh: nothing here may come
# from the build tree).
# (lib.sh loads no module: installing it is the test)
VNET_LIB_NOLOAD=1 source "$(dirname "$0")/lib.sh"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
debs=$VNET_TOP/build/deb
kver=$(uname -r)
vnetctl=/usr/sbin/vnetctl

ktap_plan 26
assert_eq "no vnet module is loaded yet" no "$(module_loaded && echo yes || echo no)"
check "dpkg -i vnet-dkms and vnet-tools (DKMS builds the module)" \
	dpkg -i "$debs"/vnet-dkms_*_all.deb "$debs"/vnet-tools_*_amd64.deb
assert_eq "DKMS installed vnet for $kver" installed \
	"$(dkms status -m vnet -k "$kver" | grep -o installed)"
assert_eq "modinfo finds it in the kernel's module tree, not the build tree" \
	"/lib/modules/$kver/updates/dkms/vnet.ko" \
	"$(modinfo -n vnet | sed 's/\.xz$//')"
check "modprobe vnet" modprobe vnet
assert_eq "it brought udp_tunnel and ip6_udp_tunnel" "2" \
	"$(lsmod | grep -cE '^(ip6_)?udp_tunnel ')"
check "rmmod vnet" rmmod vnet
check "ip link add ... type vnet loads the module by itself" \
	ip link add auto0 type vnet
check "ip link del" ip link del auto0
check "rmmod vnet again" rmmod vnet
check "vnetctl loads it by itself too (the genetlink family)" $vnetctl network show
assert_eq "it is loaded" yes "$(module_loaded && echo yes || echo no)"

# the demo's first steps, from the installed tools
netns_add hostA hostB
ip -n hostA link add sub type veth peer name sub netns hostB
ip -n hostA addr add 192.168.0.1/24 dev sub
ip -n hostB addr add 192.168.0.2/24 dev sub
ip -n hostA link set sub up
ip -n hostB link set sub up
for h in hostA hostB; do
	$vnetctl -n $h network add blue id 100 prefix 10.1.0.0/16
done
node()
{
	local name=$1 host=$2 addr=$3 other=$4 at=$5

	netns_add "$name"
	ip -n "$host" link add "$name" type veth peer name eth0 netns "$name"
	ip -n "$name" addr add "$addr/16" dev eth0
	ip -n "$name" link set eth0 up
	ip -n "$host" link set "$name" up
	$vnetctl -n "$host" port add "$name" network blue &&
	$vnetctl -n "$host" node add "$addr" network blue dev "$name" &&
	$vnetctl -n "$other" node add "$addr" network blue remote "$at"
}
check "node blueA on hostA, by the installed vnetctl" \
	node blueA hostA 10.1.0.1 hostB 192.168.0.1
check "node blueB on hostB" node blueB hostB 10.1.0.2 hostA 192.168.0.2
check "blueA pings blueB across the hosts" \
	ip netns exec blueA ping -c 2 -i 0.3 -W 2 10.1.0.2
check "vnetctl save and -batch from the package" \
	sh -c "$vnetctl -n hostA save > $TMP/saved && $vnetctl -n hostA network flush && \
$vnetctl -n hostA -batch $TMP/saved"
check "blueA still pings blueB after the restore" \
	ip netns exec blueA ping -c 2 -i 0.3 -W 2 10.1.0.2
check "vnetd from the package starts and answers vnetctl bgp show" \
	sh -c "ip netns exec hostA /usr/sbin/vnetd && sleep 1 && \
ip netns exec hostA $vnetctl bgp show"
pkill -x vnetd

# what the package put elsewhere
check "the systemd units are in place" \
	test -f /lib/systemd/system/vnet.service -a -f /lib/systemd/system/vnetd.service
check "systemd-analyze verify: both units are sound" \
	systemd-analyze verify /lib/systemd/system/vnet.service \
	/lib/systemd/system/vnetd.service
check "systemd-analyze security: vnetd.service's exposure is at most 3.0" \
	systemd-analyze security --offline=yes --threshold=30 \
	/lib/systemd/system/vnetd.service
check "man finds the installed pages" \
	sh -c 'man -w vnetctl && man -w vnetd && man -w 7 vnet'
check "the uapi header is in place" test -f /usr/include/linux/vnet.h
check "dpkg -r removes the tools, and DKMS the module" \
	dpkg -r vnet-tools vnet-dkms
assert_eq "no vnet.ko is left in the module tree" "" \
	"$(find /lib/modules/"$kver" -name 'vnet.ko*')"
check_kernel_log
ktap_finished

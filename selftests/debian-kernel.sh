#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debian-kernel.sh: another Debian release's stock kernel, for the second
# kernel lane (make check KERNEL=6.12). That release's compiler and headers
# run in a `debootstrap --variant=minbase` chroot of it, cached under
# /var/cache/vnet/RELEASE: its linux-headers-amd64, gcc and sparse build the
# module exactly as on that release; its linux-image package, unpacked beside,
# is what vm.sh boots.
#
# Usage: debian-kernel.sh RELEASE tree        prepare; print the kernel tree
#                                             (boot/vmlinuz-KVER, lib/modules/KVER)
#        debian-kernel.sh RELEASE build DIR   build DIR's module (a copy of the
#                                             sources, as build_module makes)
#                                             there, with W=1 and sparse
# Run as root. RELEASE: a Debian codename, e.g. trixie.
set -euo pipefail

release=${1:?usage: debian-kernel.sh RELEASE tree|build DIR}
cmd=${2:?usage: debian-kernel.sh RELEASE tree|build DIR}
mirror=http://deb.debian.org/debian
cache=${VNET_CACHE:-/var/cache/vnet}/$release
root=$cache/root
tree=$cache/image

[ "$(id -u)" = 0 ] || { echo "debian-kernel.sh: must run as root" >&2; exit 2; }
mkdir -p "$cache"
exec 8> "$cache/.lock"
flock 8

# the chroot, with the release's current kernel headers; refreshed by
# deleting $cache
if [ ! -e "$root/.done" ]; then
	command -v debootstrap > /dev/null || {
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends debootstrap >&2 ||
			{ apt-get update -q >&2 &&
			  DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
				--no-install-recommends debootstrap >&2; }
	}
	echo "debian-kernel.sh: building a $release chroot with its kernel headers (cached)" >&2
	rm -rf "$root" "$tree"
	debootstrap --variant=minbase \
		--include=make,gcc,libc6-dev,sparse,linux-headers-amd64 \
		"$release" "$root" "$mirror" > "$cache/debootstrap.log" 2>&1 ||
		{ tail -20 "$cache/debootstrap.log" >&2; exit 1; }
	chroot "$root" apt-get clean
	touch "$root/.done"
fi
kver=$(chroot "$root" dpkg-query -W -f='${Depends}' linux-headers-amd64 |
       sed -n 's/.*linux-headers-\([^ ,]*\).*/\1/p')
[ -n "$kver" ] || { echo "debian-kernel.sh: no kernel headers in the $release chroot" >&2; exit 1; }

case $cmd in
tree)
	if [ ! -e "$tree/boot/vmlinuz-$kver" ]; then
		rm -rf "$tree" "$tree.tmp" "$root/tmp/image"
		mkdir -p "$root/tmp/image"
		cp /etc/resolv.conf "$root/etc/resolv.conf"
		# the lists may be older than the mirror: update once and retry
		chroot "$root" sh -c "cd /tmp/image &&
			{ apt-get download -q linux-image-$kver ||
			  { apt-get update -q && apt-get download -q linux-image-$kver; }; }" \
			> "$cache/image.log" 2>&1 ||
			{ cat "$cache/image.log" >&2; exit 1; }
		dpkg -x "$root"/tmp/image/linux-image-*.deb "$tree.tmp"
		rm -rf "$root/tmp/image"
		# merged /usr: the modules are under usr/lib; vm.sh and depmod
		# look in lib/modules
		if [ -d "$tree.tmp/usr/lib/modules" ]; then
			mkdir -p "$tree.tmp/lib"
			mv "$tree.tmp/usr/lib/modules" "$tree.tmp/lib/"
		fi
		depmod -b "$tree.tmp" "$kver"
		mv "$tree.tmp" "$tree"
	fi
	echo "$tree"
	;;
build)
	dir=${3:?usage: debian-kernel.sh RELEASE build DIR}
	rm -rf "$root/tmp/vnet"
	cp -r "$dir" "$root/tmp/vnet"
	rc=0
	chroot "$root" make -s -C "/lib/modules/$kver/build" M=/tmp/vnet W=1 C=1 \
		modules > "$dir/log" 2>&1 || rc=$?
	cat "$dir/log"
	[ $rc = 0 ] && cp "$root/tmp/vnet/kmod/vnet.ko" "$dir/kmod/"
	rm -rf "$root/tmp/vnet"
	exit $rc
	;;
*)
	echo "debian-kernel.sh: unknown command $cmd" >&2
	exit 2
	;;
esac

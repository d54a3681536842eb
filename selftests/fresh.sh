#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fresh.sh: the README's set-up on a fresh minimal Debian 12, as a new user
# would meet it: a `debootstrap --variant=minbase` chroot with git and a clone
# of this tree (its committed HEAD), where the README's one set-up line runs,
# then `make demo` as the very first make command. The pristine chroot is
# cached (/var/cache/vnet/fresh); every run starts from a copy of it.
#
# Usage: fresh.sh [MAKE_TARGET...]   (default: demo). Run as root.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${VNET_CACHE:-/var/cache/vnet}/fresh
mirror=http://deb.debian.org/debian
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(demo)

[ "$(id -u)" = 0 ] || { echo "fresh.sh: must run as root" >&2; exit 2; }
command -v debootstrap > /dev/null || {
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		debootstrap >&2 ||
		{ apt-get update -q >&2 &&
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends debootstrap >&2; }
}

# the README's set-up: the first line of its first indented block
setup=$(awk '/^    / { sub(/^    /, ""); sub(/[ \t]+#.*/, ""); print; exit }' \
	"$top/README.md")
case $setup in
*apt-get*make*) ;;
*) echo "fresh.sh: the README does not start with the line that installs make: $setup" >&2
   exit 1 ;;
esac

mkdir -p "$cache"
if [ ! -s "$cache/rootfs.tar" ]; then
	echo "# fresh.sh: building the minimal Debian 12 chroot (cached)"
	tmp=$(mktemp -d "$cache/build.XXXXXX")
	debootstrap --variant=minbase --include=git,ca-certificates bookworm \
		"$tmp" "$mirror" > "$cache/debootstrap.log" 2>&1 ||
		{ tail -20 "$cache/debootstrap.log" >&2; rm -rf "$tmp"; exit 1; }
	# the sources of an installed Debian 12: point releases and security
	cat > "$tmp/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
	chroot "$tmp" apt-get clean
	tar -C "$tmp" -cf "$cache/rootfs.tar.tmp" . && mv "$cache/rootfs.tar.tmp" "$cache/rootfs.tar"
	rm -rf "$tmp"
fi

root=$(mktemp -d /var/tmp/vnet-fresh.XXXXXX)
mounts=()
cleanup()
{
	local i
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		umount -l "${mounts[i]}" 2>/dev/null || true
	done
	rm -rf "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$cache/rootfs.tar"
git clone -q --no-hardlinks "$top" "$root/root/vnet"
cp /etc/resolv.conf "$root/etc/resolv.conf"
for d in proc sys dev dev/pts; do
	mount --bind "/$d" "$root/$d"
	mounts+=("$root/$d")
done
mount -t tmpfs tmpfs "$root/tmp"
mounts+=("$root/tmp")
# downloaded packages are kept between runs (the same packages either way)
mkdir -p "$cache/apt" "$root/var/cache/apt/archives"
mount --bind "$cache/apt" "$root/var/cache/apt/archives"
mounts+=("$root/var/cache/apt/archives")

echo "# fresh.sh: in a fresh minimal Debian 12: $setup; make ${targets[*]}"
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	TERM=dumb DEBIAN_FRONTEND=noninteractive /bin/bash -c \
	"cd /root/vnet && $setup && make ${targets[*]}"

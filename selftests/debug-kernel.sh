#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build, once, a debug kernel (KASAN, lockdep, PROVE_RCU, atomic-sleep checks,
# kmemleak, UBSAN) from Debian's linux-source-6.1 and a trimmed configuration
# (x86_64 defconfig + selftests/debug.config). The result is cached outside the
# tree, keyed by the source package's version and the configuration's hash.
#
# Prints the kernel tree's path (usable as KDIR) on stdout; logs on stderr.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=/usr/src/linux-source-6.1.tar.xz
[ -r "$src" ] || { echo "debug-kernel: $src missing (apt-get install linux-source-6.1)" >&2; exit 2; }
ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
key=$(cat "$here/debug.config" "$0" | sha256sum | cut -c1-12)
cache=${VNET_CACHE:-/var/cache/vnet}/debug-kernel/$ver-$key
tree=$cache/linux-source-6.1
if [ -e "$cache/done" ]; then
	echo "$tree"
	exit 0
fi
rm -rf "$cache"
mkdir -p "$cache"
echo "debug-kernel: building $ver ($key) in $cache; about 15 minutes on 2 cores" >&2
start=$(date +%s)
tar -C "$cache" -xf "$src"
make -C "$tree" -s x86_64_defconfig >&2
"$tree/scripts/kconfig/merge_config.sh" -m -O "$tree" "$tree/.config" \
	"$here/debug.config" >/dev/null
make -C "$tree" -s olddefconfig >&2
# every option the fragment sets must have survived olddefconfig
missing=0
while read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF "$line" "$tree/.config" && continue ;;
	"# CONFIG_"*" is not set")
		name=${line#\# }
		name=${name%% *}
		grep -q "^$name=" "$tree/.config" || continue ;;
	*) continue ;;
	esac
	echo "debug-kernel: config lost: $line" >&2
	missing=1
done < "$here/debug.config"
[ $missing = 0 ] || exit 1
make -C "$tree" -s -j"$(nproc)" bzImage modules >&2
echo "debug-kernel: built in $(( $(date +%s) - start )) s" >&2
touch "$cache/done"
echo "$tree"

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the build and the tests use, when missing.
# Usage: deps.sh [debug]   (debug: also what the debug kernel build needs)
set -eu
pkgs="make gcc libc6-dev pkg-config libmnl-dev libjansson-dev linux-headers-amd64 sparse
      qemu-system-x86 busybox-static cpio kmod iproute2 util-linux procps
      python3 bc iputils-ping iperf3 tcpdump tshark ethtool"
[ "${1:-}" = debug ] &&
	pkgs="$pkgs linux-source-6.1 bison flex libelf-dev libssl-dev"

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "deps.sh: missing packages:$missing (run as root to install them)" >&2
	exit 1
fi
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends $missing >&2

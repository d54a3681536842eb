#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the build and the tests use, when missing.
# Usage: deps.sh [debug|fuzz|deb]   (debug: also what the debug kernel build
# needs; fuzz: clang's libFuzzer and AFL++; deb: what builds and checks the
# Debian packages, and DKMS, which installs them in the VM's test)
set -eu
pkgs="make gcc libc6-dev pkg-config libmnl-dev libjansson-dev linux-headers-amd64 sparse
      qemu-system-x86 busybox-static cpio kmod xz-utils iproute2 util-linux procps
      python3 python3-yaml bash-completion bc iputils-ping iperf3 tcpdump tshark
      ethtool bird2 frr"
[ "${1:-}" = debug ] &&
	pkgs="$pkgs linux-source-6.1 bison flex libelf-dev libssl-dev"
[ "${1:-}" = deb ] &&
	pkgs="$pkgs debhelper dh-dkms dkms dpkg-dev fakeroot lintian man-db systemd"
[ "${1:-}" = fuzz ] &&
	pkgs="$pkgs clang libclang-rt-14-dev afl++"

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
# BIRD and FRR are the tests' routers, run in namespaces by the tests: the
# packages' own services are not started (policy-rc.d), nor left enabled
policy=/usr/sbin/policy-rc.d
ours=
if [ ! -e $policy ]; then
	printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy && ours=1
fi
rc=0
apt-get install -y -q --no-install-recommends $missing >&2 || rc=$?
[ -z "$ours" ] || rm -f $policy
if command -v systemctl > /dev/null; then
	case " $missing " in *" bird2 "*) systemctl disable bird.service ;; esac
	case " $missing " in *" frr "*) systemctl disable frr.service ;; esac
fi > /dev/null 2>&1 || true
exit $rc

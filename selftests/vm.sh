#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm.sh: run one command as root in a throw-away qemu guest, for testing a
# kernel module on a machine that cannot load modules itself.
#
# The guest boots Debian's stock kernel matching the installed
# linux-headers-amd64, or another Debian kernel package's files unpacked in a
# directory (-K: boot/vmlinuz-KVER, lib/modules/KVER; debian-kernel.sh makes
# one), or a kernel with all it needs built in (-k BZIMAGE). It sees this
# machine's root filesystem read-only over virtio-9p with a tmpfs overlay on
# top (so every installed tool is there and every write vanishes), and starts
# in the current directory. KVM is used when a probe boot shows that it works,
# software emulation (TCG) otherwise.
#
# Usage: vm.sh [-k BZIMAGE | -K TREE] [-m MEM_MB] [-c CPUS] [-t TIMEOUT_S] [-C CPU_MODEL] COMMAND
# (-C: qemu's CPU model under TCG, e.g. max: benchmarks want the instructions
# a real host has, such as POPCNT, which qemu64 lacks)
# Exit status: the command's own; 124 if the guest timed out, 99 if it died
# without reporting one.
set -euo pipefail

mem=2048
cpus=2
limit=2400	# a share of make check takes 20 minutes on a slow 2-core machine
kernel=
tree=
model=
while getopts k:K:m:c:t:C: o; do
	case $o in
	k) kernel=$OPTARG ;;
	K) tree=$OPTARG ;;
	m) mem=$OPTARG ;;
	c) cpus=$OPTARG ;;
	t) limit=$OPTARG ;;
	C) model=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
cmd=${1:?usage: vm.sh [-k BZIMAGE | -K TREE] [-m MEM_MB] [-c CPUS] [-t TIMEOUT_S] COMMAND}

for t in qemu-system-x86_64 busybox cpio depmod; do
	command -v $t >/dev/null || {
		echo "vm.sh: $t missing (selftests/deps.sh installs it)" >&2
		exit 2
	}
done

cache=${VNET_CACHE:-/var/cache/vnet}
modules=
# one guest at a time prepares the cache (vmsplit.sh starts several)
mkdir -p "$cache"
exec 9> "$cache/.lock"
flock 9

if [ -z "$kernel" ] && [ -z "$tree" ]; then
	# Debian's stock kernel: the version linux-headers-amd64 depends on.
	kver=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
	       sed -n 's/.*linux-headers-\([^ ,]*\).*/\1/p')
	[ -n "$kver" ] || { echo "vm.sh: linux-headers-amd64 is not installed" >&2; exit 2; }
	dir=$cache/stock/$kver
	if [ ! -e "$dir/root/boot/vmlinuz-$kver" ]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		# apt's lists may be stale on a fresh machine: update once and retry
		(cd "$dir" && { apt-get download -q "linux-image-$kver" ||
				{ apt-get update -q && apt-get download -q "linux-image-$kver"; }; } &&
		 dpkg -x linux-image-"$kver"_*.deb root && rm -f linux-image-"$kver"_*.deb &&
		 depmod -b root "$kver") > "$dir.log" 2>&1 || {
			cat "$dir.log" >&2
			echo "vm.sh: could not fetch linux-image-$kver" >&2
			exit 2
		}
	fi
	tree=$dir/root
	# the headers this machine has, where DKMS and kbuild look for them
	# in the guest (whose /lib/modules is the tree's)
	if [ -d "/usr/src/linux-headers-$kver" ] &&
	   [ ! -e "$tree/lib/modules/$kver/build" ]; then
		ln -sfn "/usr/src/linux-headers-$kver" "$tree/lib/modules/$kver/build"
	fi
fi
if [ -n "$tree" ]; then
	# a Debian kernel package's files: boot/vmlinuz-KVER, lib/modules/KVER
	kernel=$(ls "$tree"/boot/vmlinuz-* 2>/dev/null | head -1)
	[ -n "$kernel" ] || { echo "vm.sh: no boot/vmlinuz-* in $tree" >&2; exit 2; }
	kver=${kernel##*/vmlinuz-}
	modules=$tree/lib/modules
	initrd=$tree.initrd.gz
	# what the guest needs before its root filesystem is there, in load
	# order, with what they depend on; the ones built in are skipped
	boot_mods=$(for m in virtio_pci 9pnet_virtio 9p overlay; do
			modprobe -d "$tree" -S "$kver" --show-depends "$m"
		done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }')
else
	# a kernel of our own (the debug lane): everything needed is built in
	dir=$cache/custom
	initrd=$dir/initrd.gz
	boot_mods=
fi

init_script() {
	cat <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /lib/modules/order 2>/dev/null); do insmod /lib/modules/$m.ko; done
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /mnt
mount -t tmpfs tmpfs /rw
mkdir -p /rw/upper /rw/work
mount -t overlay overlay -o lowerdir=/mnt,upperdir=/rw/upper,workdir=/rw/work /newroot
for a in $(cat /proc/cmdline); do case $a in vnet.script=*) s=${a#vnet.script=};; esac; done
for d in proc sys dev; do mount --move /$d /newroot/$d; done
exec switch_root /newroot /bin/sh "$s"
EOF
}

# The initrd is rebuilt when this script or the kernel changes.
stamp=$({ cat "$0"; echo "$kernel"; } | sha256sum | cut -c1-16)
if [ ! -s "$initrd" ] || [ "$(cat "$initrd.stamp" 2>/dev/null)" != "$stamp" ]; then
	mkdir -p "$(dirname "$initrd")"
	tmp=$(mktemp -d)
	mkdir -p "$tmp"/{bin,proc,sys,dev,mnt,newroot,rw,lib/modules}
	cp "$(command -v busybox)" "$tmp/bin/"
	for m in $boot_mods; do
		# busybox's insmod takes plain modules only
		b=$(basename "$m")
		case $m in
		*.ko.xz) xz -dc "$m" > "$tmp/lib/modules/${b%.xz}" ;;
		*.ko.zst) zstd -qdc "$m" > "$tmp/lib/modules/${b%.zst}" ;;
		*) cp "$m" "$tmp/lib/modules/" ;;
		esac
		echo "${b%.ko*}" >> "$tmp/lib/modules/order"
	done
	init_script > "$tmp/init"
	chmod +x "$tmp/init"
	(cd "$tmp" && find . | cpio -o -H newc 2>/dev/null | gzip -1 > "$initrd")
	rm -rf "$tmp"
	echo "$stamp" > "$initrd.stamp"
fi

# The guest side: run the command, report its status on the console, power
# off. The marker carries a random tag so that no test output can fake it.
tag=$RANDOM$RANDOM
guest=$(mktemp /tmp/vnet-guest.XXXXXX)
out=$(mktemp /tmp/vnet-console.XXXXXX)
trap 'rm -f "$guest" "$out"' EXIT
{
	[ -n "$modules" ] && echo "mount --bind $modules /lib/modules"
	echo 'mount -t tmpfs tmpfs /run; mkdir -p /run/netns /run/lock'
	echo 'mount -t debugfs none /sys/kernel/debug 2>/dev/null'
	# what udev would make: bash's <(...) and DKMS need /dev/fd
	echo 'ln -sf /proc/self/fd /dev/fd; ln -sf /proc/self/fd/0 /dev/stdin'
	echo 'ln -sf /proc/self/fd/1 /dev/stdout; ln -sf /proc/self/fd/2 /dev/stderr'
	echo "cd $(printf %q "$PWD")"
	printf '/bin/bash -c %q\n' "$cmd"
	echo "echo VNET-EXIT-$tag=\$?"
	# let the console drain the marker first: the power-off's own
	# "sysrq: Power Off" goes straight to the UART, and once cut into the
	# marker's line it hid it (the line is filtered) and the run read as died
	echo 'sleep 0.5'
	# nothing may be exec'd once the power-off has begun: spin in the shell
	echo 'echo o > /proc/sysrq-trigger'
	echo 'while :; do :; done'
} > "$guest"

# KVM if it works here (a probe boot, remembered until the host reboots)
accel=tcg
if [ -w /dev/kvm ] && [ "${VNET_KVM:-auto}" != 0 ]; then
	verdict=$cache/kvm.$(cat /proc/sys/kernel/random/boot_id)
	if [ ! -e "$verdict" ]; then
		echo "echo VNET-KVM-OK; echo o > /proc/sysrq-trigger; while :; do :; done" > "$guest.kvm"
		if timeout 30 qemu-system-x86_64 -accel kvm -m 512 -nographic -no-reboot \
			-kernel "$kernel" -initrd "$initrd" -nic none \
			-append "console=ttyS0 panic=-1 quiet vnet.script=$guest.kvm" \
			-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
			2>/dev/null | grep -q VNET-KVM-OK; then
			echo kvm > "$verdict"
		else
			echo tcg > "$verdict"
		fi
		rm -f "$guest.kvm"
	fi
	accel=$(cat "$verdict")
fi
exec 9>&-
cpu=()
[ -n "$model" ] && cpu=(-cpu "$model")
[ "$accel" = kvm ] && cpu=(-cpu host)

rc=0
timeout "$limit" qemu-system-x86_64 -accel "$accel" "${cpu[@]}" -m "$mem" -smp "$cpus" \
	-nographic -no-reboot -kernel "$kernel" -initrd "$initrd" -nic none \
	-append "console=ttyS0 panic=-1 oops=panic quiet vnet.script=$guest" \
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
	2>&1 < /dev/null | tee "$out" |
	sed -u -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g' -e 's/\x1bc//g' -e 's/\r$//' \
		-e 's/^Booting from ROM\.*//' |
	grep --line-buffered -v -e "VNET-EXIT-$tag" -e '^SeaBIOS' -e '^iPXE' -e '^$' \
		-e '/vnet-guest\.' -e 'sysrq: Power Off' -e 'reboot: Power down' || rc=${PIPESTATUS[0]}
[ "$rc" = 124 ] && { echo "vm.sh: guest timed out after $limit s" >&2; exit 124; }
status=$(sed -n "s/.*VNET-EXIT-$tag=\([0-9]*\).*/\1/p" "$out" | tail -1)
exit "${status:-99}"

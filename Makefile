# SPDX-License-Identifier: GPL-2.0
#
# vnet: make            module (for the running kernel, or Debian's headers) and tools
#       make demo       boot a VM, load vnet, create networks, show them
#       make bench      boot a VM, compare vnet's tables with the kernel FIB and its
#                       data path with stock geneve
#       make check      W=1/sparse gate, then the selftests in a VM on Debian's stock kernel
#       make check KERNEL=6.12   the same on Debian 13's stock kernel
#       make check NATIVE=1   the selftests on this machine's kernel
#       make check-debug      the selftests under a KASAN/lockdep/kmemleak/UBSAN kernel
#       make fuzz       vnetd's BGP message parser under libFuzzer (FUZZ_TIME s)
#       make fresh      the README's set-up and make demo in a fresh Debian 12 chroot

# Debian's stock kernel, the one the VM boots: what linux-headers-amd64 points
# at. Expanded where used: on a fresh machine `deps` installs the headers
# first, and the targets that need them run in a make started after it.
KVER = $(shell dpkg-query -W -f='$${Depends}' linux-headers-amd64 2>/dev/null | \
	  sed -n 's/.*linux-headers-\([^ ,]*\).*/\1/p')
ifneq ($(wildcard /lib/modules/$(shell uname -r)/build),)
KDIR ?= /lib/modules/$(shell uname -r)/build
else
KDIR ?= /lib/modules/$(KVER)/build
endif

VM := selftests/vm.sh
# The kernel the module is built for and the VM boots: Debian 12's stock
# kernel (6.1), or with KERNEL=6.12 Debian 13's (the current LTS), built with
# that release's compiler and headers in a chroot of it (debian-kernel.sh)
ifeq ($(KERNEL),)
KO := build/stock/kmod/vnet.ko
VMK :=
else ifeq ($(KERNEL),6.12)
LANE := trixie
KO := build/$(LANE)/kmod/vnet.ko
VMK = -K "$$(selftests/debian-kernel.sh $(LANE) tree || echo /nonexistent)"
else
$(error KERNEL=$(KERNEL): the kernels are 6.12, or none for Debian 12's 6.1)
endif
# make check runs the selftests in VM_JOBS guests at once, each with a share
# of them: a guest on the stock kernel keeps 1.7 of 2 cores busy, and two
# finish the suite a fifth sooner. The debug kernel's guest keeps both busy
# (two at once take twice as long a script), so check-debug runs one.
VM_JOBS ?= $(shell nproc)
VMSPLIT = selftests/vmsplit.sh -j $(VM_JOBS)
VNETCTL := tools/vnetctl/vnetctl
SRC := Kbuild $(wildcard kmod/*.[ch] kmod/Kbuild) include/uapi/linux/vnet.h

all: module tools

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

# vnetctl, vnetd and ip's plugin; -Werror only with WERROR=1 (make check
# and make demo ask: distributions' newer compilers may warn where ours
# does not)
tools:
	$(MAKE) -C tools/vnetctl
	$(MAKE) -C tools/vnetd
	$(MAKE) -C tools/iproute2

# what the tests use besides, built with -Werror
test-tools:
	$(MAKE) WERROR=1 tools
	$(MAKE) WERROR=1 -C selftests/fuzz

# Installing: the usual variables, DESTDIR for packaging
VERSION := $(shell cat VERSION)
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/vnet
INCLUDEDIR ?= $(PREFIX)/include
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
# systemd reads units here too
UNITDIR ?= $(PREFIX)/lib/systemd/system
# where Debian's ip looks for link_KIND.so, whatever PREFIX is (IP_LIB_DIR
# in the environment points ip elsewhere)
IPLIBDIR ?= /usr/lib/$(shell $(CC) -print-multiarch 2>/dev/null)/ip
# vnet.service restores $(SYSCONFDIR)/vnet/vnet.conf (the unit says /etc)
SYSCONFDIR ?= /etc
# the module's source for DKMS
DKMSDIR ?= /usr/src/vnet-$(VERSION)
INSTALL ?= install

install: tools
	$(INSTALL) -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(INCLUDEDIR)/linux \
		$(DESTDIR)$(UNITDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(IPLIBDIR) \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(SYSCONFDIR)/vnet
	$(INSTALL) -m 755 tools/vnetctl/vnetctl tools/vnetd/vnetd $(DESTDIR)$(SBINDIR)
	$(INSTALL) -m 644 tools/iproute2/link_vnet.so $(DESTDIR)$(IPLIBDIR)
	$(INSTALL) -m 644 Documentation/vnet.7 $(DESTDIR)$(MANDIR)/man7
	$(INSTALL) -m 644 Documentation/vnetctl.8 Documentation/vnetd.8 $(DESTDIR)$(MANDIR)/man8
	$(INSTALL) -m 644 tools/completion/vnetctl $(DESTDIR)$(BASHCOMPDIR)
	$(INSTALL) -m 644 include/uapi/linux/vnet.h $(DESTDIR)$(INCLUDEDIR)/linux
	for u in vnet vnetd; do \
		sed 's|@SBINDIR@|$(SBINDIR)|g' tools/systemd/$$u.service.in > \
			$(DESTDIR)$(UNITDIR)/$$u.service && \
		chmod 644 $(DESTDIR)$(UNITDIR)/$$u.service || exit; \
	done
	$(INSTALL) -m 644 README.md Documentation/vnet.rst $(DESTDIR)$(DOCDIR)

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/vnetctl $(DESTDIR)$(SBINDIR)/vnetd \
		$(DESTDIR)$(IPLIBDIR)/link_vnet.so $(DESTDIR)$(MANDIR)/man7/vnet.7 \
		$(DESTDIR)$(MANDIR)/man8/vnetctl.8 $(DESTDIR)$(MANDIR)/man8/vnetd.8 \
		$(DESTDIR)$(BASHCOMPDIR)/vnetctl \
		$(DESTDIR)$(INCLUDEDIR)/linux/vnet.h \
		$(DESTDIR)$(UNITDIR)/vnet.service $(DESTDIR)$(UNITDIR)/vnetd.service
	rm -rf $(DESTDIR)$(DOCDIR)

# the module's source where DKMS takes it (then: dkms install vnet/VERSION)
dkms-src:
	$(INSTALL) -d $(DESTDIR)$(DKMSDIR)/kmod $(DESTDIR)$(DKMSDIR)/include/uapi/linux
	$(INSTALL) -m 644 Kbuild $(DESTDIR)$(DKMSDIR)
	$(INSTALL) -m 644 kmod/Kbuild $(filter-out kmod/bench.c,$(wildcard kmod/*.[ch])) \
		$(DESTDIR)$(DKMSDIR)/kmod
	$(INSTALL) -m 644 include/uapi/linux/vnet.h $(DESTDIR)$(DKMSDIR)/include/uapi/linux
	sed 's/#MODULE_VERSION#/$(VERSION)/' dkms.conf > $(DESTDIR)$(DKMSDIR)/dkms.conf

# Debian packages (vnet-dkms, vnet-tools) in build/deb/, built from a copy of
# the tree's files with dpkg-buildpackage, then checked by lintian
deb:
	selftests/deps.sh deb
	rm -rf build/deb && mkdir -p build/deb/vnet-$(VERSION)
	git ls-files -co --exclude-standard | grep -v '^build/' | \
		tar -cf - -T - | tar -xf - -C build/deb/vnet-$(VERSION)
	cd build/deb/vnet-$(VERSION) && dpkg-buildpackage -us -uc -b > ../build.log 2>&1 || \
		{ tail -30 ../build.log; exit 1; }
	lintian --fail-on error \
		build/deb/vnet_$(VERSION)_*.changes | tee build/deb/lintian.log

# the packages, installed in a VM on Debian's stock kernel and run from there
check-deb: deb
	$(VM) selftests/packages.sh

# the module, for the kernel of KDIR (/lib/modules/KVER/updates)
modules_install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=updates modules_install

# vnetd's BGP codec: msg-test (unit test), fuzz-corpus (the seed corpus
# through the fuzz target), fuzz (libFuzzer), fuzz-afl (AFL++); all under
# ASan and UBSan, natively
include tools/vnetd/Makefile.msg

fuzz fuzz-afl: fuzz-deps
fuzz-deps:
	selftests/deps.sh fuzz

deps:
	selftests/deps.sh

# build/NAME/: a copy of the module's sources built against one kernel, with
# W=1 and sparse; any warning fails the build
define copy_module
	rm -rf build/$(1) && mkdir -p build/$(1)
	mkdir -p build/$(1)/kmod && cp Kbuild build/$(1)/ && cp -r include build/$(1)/
	cp kmod/Kbuild kmod/*.[ch] build/$(1)/kmod/ && rm -f build/$(1)/kmod/*.mod.c
endef
define build_module
	$(call copy_module,$(1))
	$(MAKE) -s -C $(2) M=$(CURDIR)/build/$(1) W=1 C=1 $(3) modules 2>&1 | tee build/$(1)/log
	! grep -E 'warning:|error:' build/$(1)/log
	test -f build/$(1)/kmod/vnet.ko
endef

build/stock/kmod/vnet.ko: $(SRC)
	$(call build_module,stock,/lib/modules/$(KVER)/build)

# the same for another Debian release's kernel, in a chroot of that release
build/trixie/kmod/vnet.ko: $(SRC)
	$(call copy_module,trixie)
	selftests/debian-kernel.sh trixie build build/trixie
	! grep -E 'warning:|error:' build/trixie/log
	test -f build/trixie/kmod/vnet.ko

# the same with the benchmark hook (kmod/bench.c), for make bench only
build/bench/kmod/vnet.ko: $(SRC)
	$(call build_module,bench,/lib/modules/$(KVER)/build,CONFIG_VNET_BENCH=y)

# the netlink spec (Documentation/netlink/specs/vnet.yaml) against the uapi
# header: every enum, attribute, command and constant, both ways
spec-check:
	python3 selftests/spec_check.py

# the longest-prefix-match table, built in userspace from the module's source
# and checked against a linear scan (LPM_N prefixes a family), under
# AddressSanitizer: a node read after its free is a failure, not luck
build/lpm_test: kmod/lpm.c kmod/lpm.h selftests/lpm/lpm_test.c selftests/lpm/kcompat.h
	mkdir -p build
	$(CC) -std=c11 -O2 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
		-fno-sanitize-recover=all -include selftests/lpm/kcompat.h \
		-Ikmod -o $@ selftests/lpm/lpm_test.c kmod/lpm.c

lpm-test: build/lpm_test
	build/lpm_test $(or $(LPM_N),$(if $(VNET_SCALE),20000,3000))

ifeq ($(NATIVE),1)
check: deps
	$(MAKE) spec-check lpm-test msg-test fuzz-corpus test-tools module
	$(MAKE) -C selftests run_tests VNET_KO=$(CURDIR)/kmod/vnet.ko
else
check: deps
	$(MAKE) spec-check lpm-test msg-test fuzz-corpus test-tools $(KO)
	$(VMSPLIT) -e '$(if $(FUZZ_N),FUZZ_N=$(FUZZ_N) )$(if $(VNET_SCALE),VNET_SCALE=$(VNET_SCALE) )$(if $(VNET_TEST_TIMES),VNET_TEST_TIMES=1)' \
		$(KO) $(VM) $(VMK) $(VM_OPTS) $(if $(FUZZ_N)$(VNET_SCALE),-t 7200)
endif

# the debug kernel's tree (cached outside; built on first use, ~8-15 min)
debug-kernel: deps
	selftests/deps.sh debug
	mkdir -p build
	selftests/debug-kernel.sh > build/debug-kdir.tmp
	mv build/debug-kdir.tmp build/debug-kdir

# What the debug lane leaves out: the tests of vnetd's own handling of BGP
# peers and of the other hosts (its parser, crafted sessions, host-to-host
# sessions) and of the shell completion, whose kernel calls are
# the ones t_bgp, t_peering and t_network make; 4 of its 40 minutes.
# DEBUG_SKIP= runs everything.
DEBUG_SKIP ?= t_bgp_craft.sh t_bgp_hosts.sh t_completion.sh

check-debug: debug-kernel
	$(MAKE) spec-check lpm-test msg-test fuzz-corpus test-tools
	$(eval DKDIR := $(shell cat build/debug-kdir))
	$(call build_module,debug,$(DKDIR))
	selftests/vmsplit.sh -j 1 -e 'VNET_SCALE=$(or $(VNET_SCALE),1000) FUZZ_N=$(or $(FUZZ_N),5000)' \
		-x '$(DEBUG_SKIP)' \
		build/debug/kmod/vnet.ko $(VM) $(VM_OPTS) -k $(DKDIR)/arch/x86/boot/bzImage -m 4096 -t 3600

demo: deps
	$(MAKE) test-tools $(KO)
	$(VM) $(VMK) 'VNET_KO=$(KO) tools/demo.sh'

# generated route tables for the table benchmark (fixed seed), made here:
# the VM runs Python slowly
BENCH_TABLES := build/tables
build/tables/.stamp: selftests/gen_table.py
	mkdir -p $(BENCH_TABLES)
	for n in 1000 100000 1040000; do \
		selftests/gen_table.py -4 $$n --format vnet --nexthop4 10.1.0.5 > $(BENCH_TABLES)/v4-$$n.vnet & \
		selftests/gen_table.py -4 $$n --format ip > $(BENCH_TABLES)/v4-$$n.ip & \
	done; \
	for n in 1000 220000; do \
		selftests/gen_table.py -6 $$n --format vnet --nexthop6 fd00:1::5 > $(BENCH_TABLES)/v6-$$n.vnet & \
		selftests/gen_table.py -6 $$n --format ip > $(BENCH_TABLES)/v6-$$n.ip & \
	done; wait
	touch $@

# vnetd against BIRD: the same table (from the scale issue's generator) as
# BIRD static routes, made here
BGP_TABLE := $(BENCH_TABLES)/bgp-$(or $(BENCH_BGP4),1040000)-$(or $(BENCH_BGP6),220000)
$(BGP_TABLE).4: selftests/gen_table.py
	mkdir -p $(BENCH_TABLES)
	selftests/gen_table.py -4 $(or $(BENCH_BGP4),1040000) --format plain | \
		awk '{ print "route " $$1 " blackhole;" }' > $@.tmp && mv $@.tmp $@
	selftests/gen_table.py -6 $(or $(BENCH_BGP6),220000) --format plain | \
		awk '{ print "route " $$1 " blackhole;" }' > $(BGP_TABLE).6

bench-bgp: deps
	$(MAKE) tools build/stock/kmod/vnet.ko $(BGP_TABLE).4
	$(VM) -C max -m 8192 -t 10800 'export BENCH_ROUNDS=$(or $(BENCH_ROUNDS),1) BENCH_TABLES=$(BENCH_TABLES) $(if $(BENCH_BGP4),BENCH_BGP4=$(BENCH_BGP4)) $(if $(BENCH_BGP6),BENCH_BGP6=$(BENCH_BGP6)) VNET_KO=build/stock/kmod/vnet.ko; selftests/bench_bgp.sh'

# the table benchmark, forwarding between networks, then the node-to-node
# data path; -C max: the host's instructions (POPCNT) that qemu64 lacks
bench: deps
	$(MAKE) tools build/bench/kmod/vnet.ko build/tables/.stamp
	$(VM) -C max -m 8192 -t 10800 'export BENCH_ROUNDS=$(or $(BENCH_ROUNDS),3) BENCH_TABLES=$(BENCH_TABLES) VNET_KO=build/bench/kmod/vnet.ko; selftests/bench_table.sh && selftests/bench_fwd.sh && BENCH_TIME=$(or $(BENCH_TIME),10) BENCH_SUBSTRATE=$(or $(BENCH_SUBSTRATE),4) selftests/bench.sh'

# the README's set-up and `make demo` in a fresh minimal Debian 12 chroot
fresh:
	selftests/fresh.sh demo

checkpatch: debug-kernel
	$(eval DKDIR := $(shell cat build/debug-kdir))
	$(DKDIR)/scripts/checkpatch.pl --no-tree --strict --ignore FILE_PATH_CHANGES \
		-f $(filter-out %.mod.c,$(wildcard kmod/*.c)) kmod/*.h include/uapi/linux/vnet.h

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C tools/vnetctl clean
	$(MAKE) -C tools/vnetd clean
	$(MAKE) -C tools/lib clean
	$(MAKE) -C tools/iproute2 clean
	$(MAKE) -C selftests/fuzz clean
	rm -rf build


.PHONY: all module tools test-tools install uninstall dkms-src deb check-deb modules_install deps fuzz-deps bench-bgp spec-check lpm-test debug-kernel check check-debug demo bench fresh checkpatch clean

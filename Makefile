# SPDX-License-Identifier: GPL-2.0
#
# vnet: make            module (for the running kernel, or Debian's headers) and tools
#       make demo       boot a VM, load vnet, create networks, show them
#       make bench      boot a VM, compare vnet's tables with the kernel FIB and its
#                       data path with stock geneve
#       make check      W=1/sparse gate, then the selftests in a VM on Debian's stock kernel
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

tools:
	$(MAKE) -C tools/vnetctl
	$(MAKE) -C tools/vnetd
	$(MAKE) -C selftests/fuzz

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
define build_module
	rm -rf build/$(1) && mkdir -p build/$(1)
	mkdir -p build/$(1)/kmod && cp Kbuild build/$(1)/ && cp -r include build/$(1)/
	cp kmod/Kbuild kmod/*.[ch] build/$(1)/kmod/ && rm -f build/$(1)/kmod/*.mod.c
	$(MAKE) -s -C $(2) M=$(CURDIR)/build/$(1) W=1 C=1 $(3) modules 2>&1 | tee build/$(1)/log
	! grep -E 'warning:|error:' build/$(1)/log
	test -f build/$(1)/kmod/vnet.ko
endef

build/stock/kmod/vnet.ko: $(SRC)
	$(call build_module,stock,/lib/modules/$(KVER)/build)

# the same with the benchmark hook (kmod/bench.c), for make bench only
build/bench/kmod/vnet.ko: $(SRC)
	$(call build_module,bench,/lib/modules/$(KVER)/build,CONFIG_VNET_BENCH=y)

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
	$(MAKE) lpm-test msg-test fuzz-corpus tools module
	selftests/run.sh kmod/vnet.ko
else
check: deps
	$(MAKE) lpm-test msg-test fuzz-corpus tools build/stock/kmod/vnet.ko
	$(VMSPLIT) -e '$(if $(FUZZ_N),FUZZ_N=$(FUZZ_N) )$(if $(VNET_SCALE),VNET_SCALE=$(VNET_SCALE))' \
		build/stock/kmod/vnet.ko $(VM) $(VM_OPTS) $(if $(FUZZ_N)$(VNET_SCALE),-t 7200)
endif

# the debug kernel's tree (cached outside; built on first use, ~8-15 min)
debug-kernel: deps
	selftests/deps.sh debug
	mkdir -p build
	selftests/debug-kernel.sh > build/debug-kdir.tmp
	mv build/debug-kdir.tmp build/debug-kdir

check-debug: debug-kernel
	$(MAKE) lpm-test msg-test fuzz-corpus tools
	$(eval DKDIR := $(shell cat build/debug-kdir))
	$(call build_module,debug,$(DKDIR))
	selftests/vmsplit.sh -j 1 -e 'VNET_SCALE=$(or $(VNET_SCALE),1000) FUZZ_N=$(or $(FUZZ_N),5000)' \
		build/debug/kmod/vnet.ko $(VM) $(VM_OPTS) -k $(DKDIR)/arch/x86/boot/bzImage -m 4096 -t 3600

demo: deps
	$(MAKE) tools build/stock/kmod/vnet.ko
	$(VM) 'VNET_KO=build/stock/kmod/vnet.ko tools/demo.sh'

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
	$(MAKE) -C selftests/fuzz clean
	rm -rf build

.PHONY: all module tools deps fuzz-deps bench-bgp lpm-test debug-kernel check check-debug demo bench fresh checkpatch clean

# SPDX-License-Identifier: GPL-2.0
# What the tools' makefiles share: the flags, and -Werror only when asked
# (WERROR=1: make check, make demo and CI ask; a distribution's newer compiler
# may warn where ours does not, and that should not break its build).
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -I$(TOOLS)/../include/uapi
ifeq ($(WERROR),1)
CFLAGS += -Werror
endif
# the version vnetctl -V and vnetd -V print
VERSION := $(shell cat $(TOOLS)/../VERSION)
CFLAGS += -DVNET_VERSION='"$(VERSION)"'

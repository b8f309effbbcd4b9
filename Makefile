# SPDX-License-Identifier: GPL-2.0
# lbridge: user targets (module, lbrctl, check, lint, install, dkms) around the Kbuild file.

# ---- the kernel to build for ----
# KDIR=DIR: that kernel build tree.  Otherwise the running kernel's
# (/lib/modules/$(uname -r)/build) if lbridge supports it, else the newest
# supported headers in /usr/src/linux-headers-*-amd64.  Supported: 6.1 to
# 7.3 (include/lbridge/compat.h refuses the rest too).

# lbr_release DIR: the release the build tree DIR builds for.
lbr_release = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"$$/\1/p' \
	'$(1)/include/generated/utsrelease.h' 2>/dev/null)
# lbr_series RELEASE: its X.Y.
lbr_series = $(shell echo '$(1)' | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p')
# lbr_supported RELEASE: "y" if 6.1 <= X.Y < 7.4.
lbr_supported = $(shell echo '$(1)' | awk -F '[.-]' \
	'$$1 ~ /^[0-9]+$$/ && $$2 ~ /^[0-9]+$$/ && \
	 $$1 * 1000 + $$2 >= 6001 && $$1 * 1000 + $$2 < 7004 { print "y" }')

# install/uninstall: MODULE=FILE installs a prebuilt lbridge.ko (for the
# release in its vermagic) instead of building one; KVER=RELEASE names the
# /lib/modules/RELEASE to install to or uninstall from.
MODINFO ?= /sbin/modinfo
DEPMOD ?= /sbin/depmod
ifneq ($(MODULE),)
lbr_module_release := $(firstword $(shell $(MODINFO) -F vermagic '$(MODULE)' 2>/dev/null))
KVER ?= $(lbr_module_release)
endif

# Goals that need KDIR: the module build, and install/uninstall when
# neither MODULE nor KVER tells them which kernel.
lbr_goals := $(or $(MAKECMDGOALS),all)
lbr_kdir_goals := all module clean check demo kdir
ifeq ($(MODULE),)
lbr_kdir_goals += install install-module
endif
ifeq ($(KVER),)
lbr_kdir_goals += uninstall uninstall-module
endif

ifneq ($(filter $(lbr_kdir_goals),$(lbr_goals)),)
ifndef KDIR
lbr_running := /lib/modules/$(shell uname -r)/build
ifneq ($(call lbr_supported,$(call lbr_release,$(lbr_running))),)
KDIR := $(lbr_running)
else
KDIR := $(firstword $(foreach d,$(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -rV), \
	$(if $(call lbr_supported,$(call lbr_release,$(d))),$(d))))
endif
ifeq ($(KDIR),)
$(error lbridge supports Linux 6.1 to 7.3 (tested: 6.1, 6.12, 7.3); no such headers in $(lbr_running) or /usr/src/linux-headers-*-amd64: install linux-headers-amd64 or pass KDIR=)
endif
endif
lbr_kdir_release := $(call lbr_release,$(KDIR))
ifeq ($(lbr_kdir_release),)
$(error KDIR $(KDIR) is not a kernel build tree (no include/generated/utsrelease.h))
endif
ifeq ($(call lbr_supported,$(lbr_kdir_release)),)
$(error lbridge supports Linux 6.1 to 7.3 (tested: 6.1, 6.12, 7.3); KDIR $(KDIR) is $(call lbr_series,$(lbr_kdir_release)) ($(lbr_kdir_release)))
endif
KVER ?= $(lbr_kdir_release)
endif

# What MODULE_VERSION and lbrctl -V say (scripts/version.sh).
ifeq ($(LBR_VERSION),)
LBR_VERSION := $(or $(shell sh scripts/version.sh . 2>/dev/null),unknown)
endif

PWD := $(CURDIR)
PREFIX ?= /usr/local
DESTDIR ?=
lbr_moddir = $(DESTDIR)/lib/modules/$(KVER)
lbr_modconf := $(DESTDIR)/etc/modprobe.d/lbridge.conf

all: module lbrctl lbrfuzz lbrpace

module:
	$(MAKE) -C $(KDIR) M=$(PWD) LBR_VERSION=$(LBR_VERSION) modules

lbrctl:
	$(MAKE) -C tools/lbrctl LBR_VERSION=$(LBR_VERSION)

lbrfuzz:
	$(MAKE) -C tools/lbrfuzz

lbrpace:
	$(MAKE) -C tools/lbrpace

check: all
	bash scripts/check.sh

# The suite on Debian's 6.1 rebuilt with KASAN, lockdep, kmemleak & co
# (scripts/debug-kernel: long the first time, cached outside the tree).
debug-kernel:
	bash scripts/debug-kernel

check-debug: lbrctl lbrfuzz lbrpace
	bash scripts/check.sh --kernel debug

demo: all
	bash scripts/demo.sh

lint:
	bash scripts/lint.sh

# Which kernel `make module` builds for.
kdir:
	@echo 'KDIR=$(KDIR) KVER=$(KVER)'

# ---- install ----
# install: lbridge.ko and its netfilter companions (lbridge_nf.ko,
# lbridge_nf_conntrack.ko, from beside it) into /lib/modules/KVER/updates
# (then depmod, unless
# DESTDIR is set: a package's postinst runs it), lbrctl and lbrctl.8 under
# PREFIX, and /etc/modprobe.d/lbridge.conf, which routes requests for
# bridge.ko to lbridge.  uninstall removes the same files (and updates/ if
# that leaves it empty) and runs depmod again.

install: install-module install-tools

uninstall: uninstall-module uninstall-tools

lbr_ko = $(or $(MODULE),lbridge.ko)
lbr_companions = lbridge_nf lbridge_nf_conntrack

install-module: $(if $(MODULE),,module)
	@[ -f '$(lbr_ko)' ] || { echo "no module $(lbr_ko)" >&2; exit 1; }; \
	r=$$($(MODINFO) -F vermagic '$(lbr_ko)' | cut -d ' ' -f 1); \
	[ "$$r" = '$(KVER)' ] || { echo "$(lbr_ko) is built for '$$r', not KVER '$(KVER)'" >&2; exit 1; }; \
	[ -n '$(DESTDIR)' ] || [ -d /lib/modules/$(KVER)/kernel ] || \
		{ echo "no /lib/modules/$(KVER)/kernel: kernel $(KVER) is not installed" >&2; exit 1; }
	@for m in $(lbr_companions); do [ -f '$(dir $(lbr_ko))'$$m.ko ] || \
		{ echo "no module $(dir $(lbr_ko))$$m.ko beside $(lbr_ko)" >&2; exit 1; }; done
	install -D -m 0644 $(lbr_ko) $(lbr_moddir)/updates/lbridge.ko
	for m in $(lbr_companions); do \
		install -D -m 0644 $(dir $(lbr_ko))$$m.ko $(lbr_moddir)/updates/$$m.ko || exit 1; done
	$(if $(DESTDIR),,$(DEPMOD) -a $(KVER))

uninstall-module:
	rm -f $(lbr_moddir)/updates/lbridge.ko $(foreach m,$(lbr_companions),$(lbr_moddir)/updates/$(m).ko)
	if [ -d $(lbr_moddir)/updates ]; then rmdir --ignore-fail-on-non-empty $(lbr_moddir)/updates; fi
	$(if $(DESTDIR),,if [ -d /lib/modules/$(KVER)/kernel ]; then $(DEPMOD) -a $(KVER); fi)

# lbrctl, its man page and the modprobe.d file (for DKMS users too).
install-tools: lbrctl
	$(MAKE) -C tools/lbrctl install LBR_VERSION=$(LBR_VERSION)
	install -D -m 0644 tools/modprobe.d/lbridge.conf $(lbr_modconf)

uninstall-tools:
	$(MAKE) -C tools/lbrctl uninstall
	rm -f $(lbr_modconf)

# ---- DKMS ----
# dkms: copy what DKMS builds from, with its version in VERSION, to
# /usr/src/lbridge-VERSION and `dkms add` it (not with DESTDIR); then
# `dkms install lbridge/VERSION` builds and installs it for a kernel.
lbr_dkms_src = $(DESTDIR)/usr/src/lbridge-$(LBR_VERSION)

dkms:
	rm -rf $(lbr_dkms_src)
	mkdir -p $(lbr_dkms_src)/scripts
	cp -R Kbuild Makefile dkms.conf LICENSE src include $(lbr_dkms_src)/
	cp scripts/version.sh $(lbr_dkms_src)/scripts/
	echo '$(LBR_VERSION)' >$(lbr_dkms_src)/VERSION
	$(if $(DESTDIR),,dkms status -m lbridge -v $(LBR_VERSION) | grep -q . || dkms add -m lbridge -v $(LBR_VERSION))

clean:
	$(MAKE) -C $(KDIR) M=$(PWD) clean
	$(if $(wildcard tools/lbrctl/Makefile),$(MAKE) -C tools/lbrctl clean)
	$(if $(wildcard tools/lbrfuzz/Makefile),$(MAKE) -C tools/lbrfuzz clean)
	$(MAKE) -C tools/lbrpace clean

.PHONY: all module lbrctl lbrfuzz lbrpace check debug-kernel check-debug demo lint kdir clean \
	install uninstall install-module uninstall-module install-tools uninstall-tools dkms

# SPDX-License-Identifier: GPL-2.0
# lbridge: user targets (module, lbrctl, check, lint) around the Kbuild file.

# Build against the installed Debian 6.1 headers, never the running kernel.
KDIR ?= $(lastword $(sort $(wildcard /usr/src/linux-headers-6.1.*-amd64)))
ifeq ($(KDIR),)
$(error no 6.1 kernel headers found: run scripts/deps.sh)
endif

PWD := $(CURDIR)

all: module lbrctl lbrfuzz

module:
	$(MAKE) -C $(KDIR) M=$(PWD) modules

lbrctl:
	$(MAKE) -C tools/lbrctl

lbrfuzz:
	$(MAKE) -C tools/lbrfuzz

check: all
	bash scripts/check.sh

# The suite on Debian's 6.1 rebuilt with KASAN, lockdep, kmemleak & co
# (scripts/debug-kernel: long the first time, cached outside the tree).
debug-kernel:
	bash scripts/debug-kernel

check-debug: lbrctl lbrfuzz
	bash scripts/check.sh --kernel debug

demo: all
	bash scripts/demo.sh

lint:
	bash scripts/lint.sh

clean:
	$(MAKE) -C $(KDIR) M=$(PWD) clean
	$(MAKE) -C tools/lbrctl clean
	$(MAKE) -C tools/lbrfuzz clean

.PHONY: all module lbrctl lbrfuzz check debug-kernel check-debug demo lint clean

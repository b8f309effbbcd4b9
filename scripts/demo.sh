#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# demo.sh - the main job: build lbridge, boot Debian's 6.1 kernel in QEMU, show a bridge working.
set -euo pipefail

cd "$(dirname "$0")/.."
bash scripts/deps.sh
make all
# The guest boots 6.1; `make` builds for the host's kernel (see Makefile).
# shellcheck source=scripts/kernel-lib.sh
source scripts/kernel-lib.sh
lbr_module_for_kernel 6.1 .vm
LBR_MODULE=$lbr_module exec scripts/vm.sh --timeout 300 -- scripts/demo-guest.sh

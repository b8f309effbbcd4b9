#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# demo.sh - the main job: build lbridge, boot Debian's 6.1 kernel in QEMU, show a bridge working.
set -euo pipefail

cd "$(dirname "$0")/.."
bash scripts/deps.sh
make all
exec scripts/vm.sh --timeout 300 -- scripts/demo-guest.sh

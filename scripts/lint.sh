#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# lint.sh - the lint gate: checkpatch --strict, make W=1 C=1 (sparse), shellcheck.
set -euo pipefail

cd "$(dirname "$0")/.."
bash scripts/deps.sh >/dev/null
status=0

echo "lint: checkpatch --strict"
# Kernel sources are checked as if they lived in drivers/net/lbridge.
if ! .tools/checkpatch.pl --strict --no-tree --quiet --show-types \
	--ignore FILE_PATH_CHANGES -f src/*.c include/lbridge/*.h; then
	status=1
fi

echo "lint: make W=1 C=2"
kdir=$(find /usr/src -maxdepth 1 -name 'linux-headers-6.1.*-amd64' | sort -V | tail -n1)
# Only our objects go: "make clean" would also delete every *.ko below the
# tree, such as the module copies guests are running from .vm/.
rm -f src/*.o lbridge.o lbridge.ko lbridge.mod.o
out=$(make -s -C "$kdir" M="$PWD" W=1 C=2 modules 2>&1 || true)
if [ -n "$(grep -E 'warning|error' <<<"$out" || true)" ]; then
	echo "$out"
	status=1
fi

echo "lint: lbrctl -Wall -Wextra -Werror"
make -s -C tools/lbrctl clean >/dev/null 2>&1 || true
make -s -C tools/lbrctl || status=1

echo "lint: shellcheck"
mapfile -t shells < <(git ls-files '*.sh' .ci/run scripts/bench scripts/debug-kernel 2>/dev/null | sort -u)
if [ ${#shells[@]} -gt 0 ]; then
	shellcheck -x "${shells[@]}" || status=1
fi

[ $status -eq 0 ] && echo "lint: clean"
exit $status

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# lint.sh - the lint gate: checkpatch --strict, make W=1 (and sparse) for every supported kernel, shellcheck.
set -euo pipefail

cd "$(dirname "$0")/.."
bash scripts/deps.sh >/dev/null
status=0

echo "lint: checkpatch --strict"
# Kernel sources are checked as if they lived in drivers/net/lbridge.
# compat.h alone may have macros that define functions (its adapters,
# which return): that is how it keeps #if out of the .c files; and it alone
# may test LINUX_VERSION_CODE, for a bridge.ko behaviour no header shows.
cp=(.tools/checkpatch.pl --strict --no-tree --quiet --show-types --ignore FILE_PATH_CHANGES)
kfiles=()
for f in src/*.c include/lbridge/*.h; do
	[ "$f" = include/lbridge/compat.h ] || kfiles+=("$f")
done
if ! "${cp[@]}" -f "${kfiles[@]}"; then
	status=1
fi
if ! "${cp[@]}" --ignore MACRO_WITH_FLOW_CONTROL,LINUX_VERSION_CODE,CONSTANT_COMPARISON \
	-f include/lbridge/compat.h; then
	status=1
fi

# Every supported kernel: W=1 and, where Debian 12's sparse is new enough
# for the headers (6.1, 6.12), sparse (C=2).  Built in copies under .vm/:
# only our objects there, and the tree's own build is left alone.
# shellcheck source=scripts/kernel-lib.sh
source scripts/kernel-lib.sh
for k in 6.1 6.12 7.3; do
	sparse=C=2
	[ "$k" != 7.3 ] || sparse=
	echo "lint: $k: make W=1 $sparse"
	if ! lbr_resolve_kernel "$k"; then
		status=1
		continue
	fi
	dir=.vm/lint-$k
	rm -rf "$dir"
	mkdir -p "$dir"
	find Kbuild src include -type f | cpio -pdm --quiet "$dir"
	out=$(make -s -C "$lbr_kbuild" M="$PWD/$dir" W=1 $sparse modules 2>&1 || true)
	# Sparse also speaks of the kernel's own headers (6.1's uapi igmp.h
	# has an array of flexible structures): only lbridge's files count.
	out=$(grep -vE '^/(usr/src|var/cache/lbridge/kernels)/[^:]*:[0-9]+:[0-9]+: warning: ' \
		<<<"$out" || true)
	if [ -n "$(grep -E 'warning|error' <<<"$out" || true)" ]; then
		echo "$out"
		status=1
	fi
done

echo "lint: tools (lbrctl, lbrfuzz, lbrpace) -Wall -Wextra -Werror"
for t in lbrctl lbrfuzz lbrpace; do
	make -s -C "tools/$t" clean >/dev/null 2>&1 || true
	make -s -C "tools/$t" || status=1
done

echo "lint: shellcheck"
mapfile -t shells < <(git ls-files '*.sh' .ci/run scripts/bench scripts/debug-kernel 2>/dev/null | sort -u)
if [ ${#shells[@]} -gt 0 ]; then
	shellcheck -x "${shells[@]}" || status=1
fi

[ $status -eq 0 ] && echo "lint: clean"
exit $status

# SPDX-License-Identifier: GPL-2.0
# kernel-lib.sh - sourced by check.sh and soak: resolve a vm.sh --kernel name and build lbridge.ko for it.
# shellcheck shell=bash

# lbr_module_for_kernel KERNEL CACHE: KERNEL is "debug" (scripts/debug-kernel's
# build, built first if needed) or a directory holding a build/ tree.  Builds
# lbridge.ko from a copy of the sources in CACHE/lbridge-RELEASE (the tree's
# own 6.1 build is left alone; cpio -u keeps mtimes, so only what changed is
# rebuilt) and sets lbr_kdir, lbr_kbuild, lbr_release and lbr_module.
# Returns non-zero with a message on stderr if anything is missing.
lbr_module_for_kernel() {
	local kernel=$1 cache=$2 repo mdir
	repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
	if [ "$kernel" = debug ]; then
		lbr_kdir=$(bash "$repo/scripts/debug-kernel" | tail -n 1) || return 1
	else
		lbr_kdir=$(cd "$kernel" && pwd -P) || return 1
	fi
	lbr_kbuild=$lbr_kdir/build
	if [ ! -f "$lbr_kbuild/include/config/kernel.release" ]; then
		echo "--kernel $kernel: no kernel build tree in $lbr_kbuild" >&2
		return 1
	fi
	lbr_release=$(cat "$lbr_kbuild/include/config/kernel.release")
	mdir=$cache/lbridge-$lbr_release
	mkdir -p "$mdir"
	(cd "$repo" && find Kbuild src include -type f | cpio -pdmu --quiet "$mdir")
	if ! make -C "$lbr_kbuild" M="$mdir" modules >"$mdir/build.log" 2>&1; then
		tail -n 30 "$mdir/build.log" >&2
		echo "building lbridge.ko for $lbr_release failed: see $mdir/build.log" >&2
		return 1
	fi
	# shellcheck disable=SC2034 # for the caller
	lbr_module=$mdir/lbridge.ko
}

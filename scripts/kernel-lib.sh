# SPDX-License-Identifier: GPL-2.0
# kernel-lib.sh - sourced by check.sh and soak: resolve a vm.sh --kernel name and build lbridge.ko for it.
# shellcheck shell=bash

# lbr_installed_release SERIES: the newest installed Debian kernel of SERIES
# (e.g. 6.12) that has its modules, as scripts/vm.sh picks it.
lbr_installed_release() {
	local k
	for k in /boot/vmlinuz-"$1".*-amd64; do
		k=${k#/boot/vmlinuz-}
		[ ! -f "/lib/modules/$k/modules.dep" ] || echo "$k"
	done | sort -V | tail -n 1
}

# lbr_resolve_kernel KERNEL: KERNEL is a series (6.1, 6.12: the newest
# installed one and its headers; 7.3: scripts/stable-kernel's download,
# fetched first if needed), "debug" (scripts/debug-kernel's build, built
# first if needed) or a directory holding a build/ tree.  Sets lbr_kdir
# (empty for an installed kernel), lbr_kbuild (its headers) and
# lbr_release; returns non-zero with a message on stderr if one is missing.
lbr_resolve_kernel() {
	local kernel=$1 repo rel
	repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
	lbr_kdir=''
	if [ "$kernel" = debug ]; then
		lbr_kdir=$(bash "$repo/scripts/debug-kernel" | tail -n 1) || return 1
	elif [[ $kernel =~ ^[0-9]+\.[0-9]+$ ]]; then
		rel=$(lbr_installed_release "$kernel")
		if [ -n "$rel" ]; then
			lbr_kbuild=/usr/src/linux-headers-$rel
			[ -d "$lbr_kbuild" ] || lbr_kbuild=/lib/modules/$rel/build
		else
			lbr_kdir=$(LBR_STABLE_SERIES=$kernel bash "$repo/scripts/stable-kernel" |
				tail -n 1) || return 1
		fi
	else
		lbr_kdir=$(cd "$kernel" && pwd -P) || return 1
	fi
	[ -z "$lbr_kdir" ] || lbr_kbuild=$lbr_kdir/build
	if [ ! -f "$lbr_kbuild/include/config/kernel.release" ]; then
		echo "--kernel $kernel: no kernel build tree in $lbr_kbuild" >&2
		return 1
	fi
	lbr_release=$(cat "$lbr_kbuild/include/config/kernel.release")
}

# lbr_module_for_kernel KERNEL CACHE: resolves KERNEL (lbr_resolve_kernel),
# builds lbridge.ko from a copy of the sources in CACHE/lbridge-RELEASE (the
# tree's own build is left alone; cpio -u keeps mtimes, so only what changed
# is rebuilt) and sets lbr_module besides.
lbr_module_for_kernel() {
	local kernel=$1 cache=$2 repo mdir
	repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
	lbr_resolve_kernel "$kernel" || return 1
	# Absolute: make -C changes directory before it reads M=.
	mkdir -p "$cache"
	cache=$(cd "$cache" && pwd -P)
	mdir=$cache/lbridge-$lbr_release
	mkdir -p "$mdir"
	# One build at a time per kernel (check.sh, bench and demo share it).
	if ! (
		flock 9
		cd "$repo" && find Kbuild src include scripts/version.sh -type f | cpio -pdmu --quiet "$mdir"
		make -C "$lbr_kbuild" M="$mdir" modules >"$mdir/build.log" 2>&1
	) 9>"$mdir.lock"; then
		tail -n 30 "$mdir/build.log" >&2
		echo "building lbridge.ko for $lbr_release failed: see $mdir/build.log" >&2
		return 1
	fi
	# shellcheck disable=SC2034 # for the caller
	lbr_module=$mdir/lbridge.ko
}

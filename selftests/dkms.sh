#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# dkms.sh - Debian's dkms builds lbridge for every supported kernel (on the host) and installs and loads it (in the guest).
#
# On the host (scripts/check.sh runs it there first: host=dkms in
# selftests/settings), in a private DKMS tree (LBR_DKMS_TREE, default a
# temporary directory; --dkmstree/--sourcetree, so the host's own DKMS state
# is never touched): make dkms DESTDIR=..., dkms add, and dkms build for
# each supported kernel whose headers are here (6.1, 6.12; 7.3 from
# scripts/stable-kernel with --kernelsourcedir).  Each module must carry the
# kernel's vermagic and the tree's version (scripts/version.sh).
#
# In the guest: dkms install for the running kernel from that tree (built
# here first if the host stage did not run), modprobe finds and loads it,
# dkms remove --all leaves the module tree as it was.  The guest's
# /usr/src, /lib/modules and /var/lib/dkms are a throwaway overlay.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_cmd dkms make modinfo
VERSION=$(sh "$LBR_REPO/scripts/version.sh" "$LBR_REPO")
# shellcheck source=scripts/kernel-lib.sh
source "$LBR_REPO/scripts/kernel-lib.sh"

# LBR_DKMS_TREE: the host stage starts it afresh, the guest uses it.
TREE=${LBR_DKMS_TREE:-}
if [ -z "$TREE" ]; then
	TREE=$(mktemp -d "${TMPDIR:-/tmp}/lbr-dkms.XXXXXX")
	defer rm -rf "$TREE"
elif [ "${LBR_VM:-}" != 1 ]; then
	rm -rf "$TREE"
	mkdir -p "$TREE"
fi
D=(--dkmstree "$TREE/dkms" --sourcetree "$TREE/usr/src")

# built_module RELEASE: the module dkms built for RELEASE (maybe compressed).
built_module() {
	find "$TREE/dkms/lbridge/$VERSION/$1" -name 'lbridge.ko*' 2>/dev/null | head -n 1
}

# build SERIES: dkms build for that series' headers, if here.
build() {
	local series=$1 kbuild rel args=() ko
	if [ "$series" = 7.3 ]; then
		# Not an installed kernel: scripts/stable-kernel's download.
		kbuild=$(LBR_STABLE_SERIES=$series bash "$LBR_REPO/scripts/stable-kernel" --dir 2>/dev/null)/build
		rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' \
			"$kbuild/include/generated/utsrelease.h" 2>/dev/null)
		args=(--kernelsourcedir "$kbuild")
	else
		rel=$(lbr_installed_release "$series")
		kbuild=/lib/modules/$rel/build
	fi
	if [ -z "$rel" ] || [ ! -f "$kbuild/include/generated/utsrelease.h" ]; then
		skip "dkms build for $series" "no $series headers here"
		return
	fi
	build_release "$rel" "${args[@]}"
}

# build_release RELEASE [DKMS ARG...]: dkms build for that kernel release.
build_release() {
	local rel=$1 ko
	shift
	check "dkms build for $rel" dkms build "${D[@]}" -j 2 -m lbridge -v "$VERSION" \
		-k "$rel" "$@" ||
		{ diag "$(tail -n 20 "$TREE/dkms/lbridge/$VERSION/build/make.log" 2>/dev/null)"; return; }
	ko=$(built_module "$rel")
	check "$rel: vermagic $rel" test "$(modinfo -F vermagic "$ko" | cut -d ' ' -f 1)" = "$rel"
	check "$rel: version $VERSION" test "$(modinfo -F version "$ko")" = "$VERSION"
	check "$rel: the netfilter companions are built too" bash -c \
		"for m in lbridge_nf lbridge_nf_conntrack; do
			find '$TREE/dkms/lbridge/$VERSION/$rel' -name \"\$m.ko*\" | grep -q . || exit 1
		done"
}

# make dkms into the private tree, then dkms add there.
add() {
	check "make dkms DESTDIR=...: the sources and their VERSION" \
		make -s -C "$LBR_REPO" dkms LBR_VERSION="$VERSION" DESTDIR="$TREE"
	check "their VERSION file is $VERSION" \
		test "$(cat "$TREE/usr/src/lbridge-$VERSION/VERSION" 2>&1)" = "$VERSION"
	mkdir -p "$TREE/dkms"
	check "dkms add" dkms add "${D[@]}" -m lbridge -v "$VERSION"
}

if [ "${LBR_VM:-}" != 1 ]; then
	diag "host stage: DKMS tree $TREE"
	add
	for s in 6.1 6.12 7.3; do
		build "$s"
	done
	# The kernel check.sh boots when it is none of those (the debug one).
	if [ -n "${LBR_DKMS_EXTRA_RELEASE:-}" ]; then
		build_release "$LBR_DKMS_EXTRA_RELEASE" \
			--kernelsourcedir "$LBR_DKMS_EXTRA_KBUILD"
	fi
	exit 0
fi

# ---- the guest: dkms install for the running kernel, modprobe, remove ----
KVER=$(uname -r)
MODDIR=/lib/modules/$KVER
require_cmd modprobe rmmod
if [ -z "$(built_module "$KVER")" ]; then
	diag "no host stage for $KVER: building here (minutes under TCG)"
	[ -d "$TREE/dkms/lbridge/$VERSION" ] || add
	if [ -f "$MODDIR/build/include/generated/utsrelease.h" ]; then
		build_release "$KVER" --kernelsourcedir "$MODDIR/build"
	fi
fi
[ -n "$(built_module "$KVER")" ] || bail "dkms build for $KVER" "no module built"
SCRATCH=$(mktemp -d /tmp/lbr-dkms.XXXXXX)
defer rm -rf "$SCRATCH"
was_loaded=0
[ ! -d /sys/module/lbridge ] || was_loaded=1
restore_module() {
	[ ! -d /sys/module/lbridge ] || rmmod lbridge
	[ $was_loaded = 0 ] || insmod "$LBR_MODULE"
}
defer restore_module
find "$MODDIR" | sort >"$SCRATCH/modtree.before"
defer dkms remove "${D[@]}" -m lbridge -v "$VERSION" -k "$KVER"

check "dkms install for $KVER" dkms install "${D[@]}" -m lbridge -v "$VERSION" -k "$KVER"
check "modinfo -n lbridge is below $MODDIR/updates" bash -c \
	"modinfo -n lbridge | grep -q '^$MODDIR/updates/'"
if [ -d /sys/module/lbridge ]; then
	check "rmmod lbridge (left loaded by an earlier test)" rmmod lbridge
fi
check "modprobe lbridge" modprobe lbridge
check "the loaded lbridge is version $VERSION" \
	test "$(cat /sys/module/lbridge/version 2>&1)" = "$VERSION"
check "rmmod lbridge" rmmod lbridge
check "dkms remove for $KVER" dkms remove "${D[@]}" -m lbridge -v "$VERSION" -k "$KVER"
check "the module tree is as before" diff -u "$SCRATCH/modtree.before" <(find "$MODDIR" | sort)
check "modinfo lbridge finds nothing" bash -c "! modinfo -n lbridge"

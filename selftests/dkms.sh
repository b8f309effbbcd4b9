#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# dkms.sh - make dkms, then dkms build for each supported kernel whose headers are here (6.1, 6.12; 7.3 with --kernelsourcedir), dkms install for the running one, dkms remove.
#
# Each built module must carry the kernel's vermagic and the tree's version
# (scripts/version.sh); the one installed for the running kernel must be
# what modprobe finds and loads; dkms remove --all must leave the module
# tree as it was.  /usr/src and /var/lib/dkms are the guest's throwaway
# overlay; what this test adds there is removed on exit all the same.
# Builds run under TCG: minutes per kernel.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd dkms make modinfo modprobe rmmod
KVER=$(uname -r)
MODDIR=/lib/modules/$KVER
VERSION=$(sh "$LBR_REPO/scripts/version.sh" "$LBR_REPO")
SRC=/usr/src/lbridge-$VERSION
[ ! -e /var/lib/dkms/lbridge ] || skip_all "lbridge is in the DKMS tree already"
[ ! -e "$SRC" ] || skip_all "$SRC exists already"
SCRATCH=$(mktemp -d /tmp/lbr-dkms.XXXXXX)
defer rm -rf "$SCRATCH"
defer rm -rf "$SRC" /var/lib/dkms/lbridge
defer dkms remove -m lbridge -v "$VERSION" --all
# shellcheck source=scripts/kernel-lib.sh
source "$LBR_REPO/scripts/kernel-lib.sh"

was_loaded=0
[ ! -d /sys/module/lbridge ] || was_loaded=1
restore_module() {
	[ ! -d /sys/module/lbridge ] || rmmod lbridge
	[ $was_loaded = 0 ] || insmod "$LBR_MODULE"
}
defer restore_module
find "$MODDIR" | sort >"$SCRATCH/modtree.before"

check "make dkms: the sources and their VERSION in $SRC, dkms add" \
	make -s -C "$LBR_REPO" dkms LBR_VERSION="$VERSION"
check "$SRC/VERSION is $VERSION" test "$(cat "$SRC/VERSION" 2>&1)" = "$VERSION"
check "dkms status: added" bash -c "dkms status -m lbridge -v $VERSION | grep -q ': added'"

# built_module RELEASE: the module dkms built for RELEASE (maybe compressed).
built_module() {
	find "/var/lib/dkms/lbridge/$VERSION/$1" -name 'lbridge.ko*' 2>/dev/null | head -n 1
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
	check "dkms build for $rel" dkms build -j 1 -m lbridge -v "$VERSION" -k "$rel" "${args[@]}" ||
		{ diag "$(tail -n 20 "/var/lib/dkms/lbridge/$VERSION/build/make.log" 2>/dev/null)"; return; }
	ko=$(built_module "$rel")
	check "$rel: vermagic $rel" test "$(modinfo -F vermagic "$ko" | cut -d ' ' -f 1)" = "$rel"
	check "$rel: version $VERSION" test "$(modinfo -F version "$ko")" = "$VERSION"
}
for s in 6.1 6.12 7.3; do
	build "$s"
done

# ---- dkms install for the running kernel, modprobe, dkms remove ----
if [ -z "$(built_module "$KVER")" ]; then
	skip "dkms install for $KVER" "not built for the running kernel"
	exit 0
fi
check "dkms install for $KVER" dkms install -m lbridge -v "$VERSION" -k "$KVER"
check "modinfo -n lbridge is below $MODDIR/updates" bash -c \
	"modinfo -n lbridge | grep -q '^$MODDIR/updates/'"
if [ -d /sys/module/lbridge ]; then
	check "rmmod lbridge (left loaded by an earlier test)" rmmod lbridge
fi
check "modprobe lbridge" modprobe lbridge
check "the loaded lbridge is version $VERSION" \
	test "$(cat /sys/module/lbridge/version 2>&1)" = "$VERSION"
check "rmmod lbridge" rmmod lbridge
check "dkms remove --all" dkms remove -m lbridge -v "$VERSION" --all
check "the module tree is as before" diff -u "$SCRATCH/modtree.before" <(find "$MODDIR" | sort)
check "modinfo lbridge finds nothing" bash -c "! modinfo -n lbridge"

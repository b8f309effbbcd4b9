#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# install.sh - the Makefile's kernel choice and version gate, make install/uninstall (DESTDIR and the guest's own /), and autoloading of lbridge through modprobe.d.
#
#   1. make kdir: the running kernel's build tree when supported, else the
#      newest supported /usr/src headers (sort -V); KDIR outside 6.1..7.3
#      stops with one message.  A fake `uname` plays the kernels.
#   2. make install/uninstall DESTDIR=scratch MODULE=$LBR_MODULE: exactly
#      the six files (lbridge.ko and its two netfilter companions), twice
#      over, then nothing; the real / is untouched.
#   3. make install MODULE=$LBR_MODULE into the guest's own / (an overlay
#      thrown away at exit): modprobe -n shows lbridge for bridge and
#      rtnl-link-bridge, and `ip link add type bridge`, `brctl addbr` and
#      `modprobe bridge` each load lbridge, never bridge.ko (nor its stp and
#      llc), `modprobe br_netfilter` fails without loading bridge.ko; then
#      make uninstall leaves /lib/modules/KVER and /etc/modprobe.d as they
#      were.
#
# The guest's /etc/modprobe.d/lbridge-vm.conf (install bridge /bin/false)
# is moved aside meanwhile, so that lbridge.conf alone routes the requests.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd make modprobe modinfo depmod rmmod ip
BRCTL=/usr/sbin/brctl
[ -f "$LBR_MODULE" ] || bail "lbridge.ko" "$LBR_MODULE is missing: run make"
KVER=$(uname -r)
[ "$(modinfo -F vermagic "$LBR_MODULE" | cut -d ' ' -f 1)" = "$KVER" ] ||
	bail "lbridge.ko" "$LBR_MODULE is not built for $KVER"
MODDIR=/lib/modules/$KVER
[ -d "$MODDIR/kernel" ] || skip_all "no $MODDIR/kernel"
SCRATCH=$(mktemp -d /tmp/lbr-install.XXXXXX)
defer rm -rf "$SCRATCH"
# The version computed once: each make would ask git again, slow in a guest.
MAKE=(make -s -C "$LBR_REPO" LBR_VERSION="$(sh "$LBR_REPO/scripts/version.sh")")

# ---- 1. which kernel make builds for ----

# kdir_with RELEASE [MAKE ARGS]: `make kdir` with `uname -r` saying RELEASE.
mkdir -p "$SCRATCH/bin"
kdir_with() {
	local rel=$1
	shift
	printf '#!/bin/sh\necho %s\n' "$rel" >"$SCRATCH/bin/uname"
	chmod +x "$SCRATCH/bin/uname"
	PATH=$SCRATCH/bin:$PATH "${MAKE[@]}" kdir "$@" 2>&1
}
# The newest supported headers by version (not by name), as the Makefile
# should find them.
newest=
for d in /usr/src/linux-headers-*-amd64; do
	[ -f "$d/include/generated/utsrelease.h" ] || continue
	r=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$d/include/generated/utsrelease.h")
	case $r in
	6.[1-9].* | 6.[1-9][0-9].* | 7.[0-3].*) echo "$r $d" ;;
	esac
done | sort -V -k1,1 | tail -n 1 >"$SCRATCH/newest"
read -r newest_rel newest <"$SCRATCH/newest" || true

if [ -f "/lib/modules/$KVER/build/include/generated/utsrelease.h" ]; then
	out=$(kdir_with "$KVER")
	check "running kernel $KVER: KDIR is its build tree" \
		test "$out" = "KDIR=/lib/modules/$KVER/build KVER=$KVER"
else
	# scripts/stable-kernel's 7.3 keeps its build tree elsewhere.
	skip "running kernel $KVER: KDIR is its build tree" "no /lib/modules/$KVER/build"
fi
if [ -n "$newest" ]; then
	out=$(kdir_with 5.10.0-30-amd64)
	check "running kernel unsupported (5.10): the newest headers, $newest_rel" \
		test "$out" = "KDIR=$newest KVER=$newest_rel"
	out=$(kdir_with 6.1.0-99-nosuch)
	check "running kernel without a build tree: the newest headers, $newest_rel" \
		test "$out" = "KDIR=$newest KVER=$newest_rel"
else
	skip "unsupported running kernel: the newest headers" "no /usr/src/linux-headers-*-amd64"
fi

# fake_tree RELEASE: a directory that looks like RELEASE's build tree.
fake_tree() {
	mkdir -p "$SCRATCH/kdir-$1/include/generated"
	echo "#define UTS_RELEASE \"$1\"" >"$SCRATCH/kdir-$1/include/generated/utsrelease.h"
	echo "$SCRATCH/kdir-$1"
}
for rel in 5.10.0-30-amd64:5.10 6.0.19:6.0 7.4.1-amd64:7.4 10.1.0:10.1; do
	xy=${rel#*:} rel=${rel%:*}
	kd=$(fake_tree "$rel")
	want="lbridge supports Linux 6.1 to 7.3 (tested: 6.1, 6.12, 7.3); KDIR $kd is $xy"
	rc=0
	out=$("${MAKE[@]}" module KDIR="$kd" 2>&1) || rc=$?
	if [ $rc -ne 0 ] && [ "$(wc -l <<<"$out")" = 1 ] && [[ $out == *"$want"* ]] &&
		[[ $out != *Entering* ]]; then
		pass "KDIR of $xy: make module stops with one message"
	else
		fail "KDIR of $xy: make module stops with one message" "exit $rc, output:" "$out" \
			"expected one line with: $want"
	fi
done
for rel in 6.1.0-57-amd64 7.3.4+deb13-amd64; do
	kd=$(fake_tree "$rel")
	check "KDIR of ${rel%%-*} passes the gate" test "$(kdir_with "$KVER" KDIR="$kd")" = "KDIR=$kd KVER=$rel"
done

# ---- 2. DESTDIR ----

ROOT=$SCRATCH/root
# files DIR: what is below DIR, one line each, sorted.
files() { (cd "$1" && find . -mindepth 1 | sort); }
modtree() { find "$MODDIR" | sort; }
modtree >"$SCRATCH/modtree.before"
want_files_() {
	printf '%s\n' ./etc/modprobe.d/lbridge.conf "./lib/modules/$KVER/updates/lbridge.ko" \
		"./lib/modules/$KVER/updates/lbridge_nf.ko" \
		"./lib/modules/$KVER/updates/lbridge_nf_conntrack.ko" \
		./usr/local/sbin/lbrctl ./usr/local/share/man/man8/lbrctl.8
}
want_files() { want_files_ | sort; }
installed_files() { (cd "$ROOT" && find . -type f | sort); }
check "make install DESTDIR MODULE" "${MAKE[@]}" install DESTDIR="$ROOT" MODULE="$LBR_MODULE"
check "DESTDIR holds exactly the modules, lbrctl, lbrctl.8 and lbridge.conf (no depmod files)" \
	diff -u <(want_files) <(installed_files)
check "the installed module is \$LBR_MODULE" cmp "$LBR_MODULE" "$ROOT/lib/modules/$KVER/updates/lbridge.ko"
check "the installed modprobe.d file is tools/modprobe.d/lbridge.conf" \
	cmp "$LBR_REPO/tools/modprobe.d/lbridge.conf" "$ROOT/etc/modprobe.d/lbridge.conf"
check "the installed lbrctl -V names lbrctl" bash -c \
	"'$ROOT/usr/local/sbin/lbrctl' -V | grep -q '^lbrctl (lbridge) .*, brctl-compatible$'"
files "$ROOT" >"$SCRATCH/root.1"
check "make install DESTDIR again (idempotent)" "${MAKE[@]}" install DESTDIR="$ROOT" MODULE="$LBR_MODULE"
check "the second install changed nothing" diff -u "$SCRATCH/root.1" <(files "$ROOT")
check "PREFIX=/usr puts lbrctl in /usr/sbin" bash -c \
	"${MAKE[*]} install-tools DESTDIR='$SCRATCH/prefix' PREFIX=/usr &&
	 test -x '$SCRATCH/prefix/usr/sbin/lbrctl' && test -f '$SCRATCH/prefix/usr/share/man/man8/lbrctl.8'"
check "make uninstall DESTDIR" "${MAKE[@]}" uninstall DESTDIR="$ROOT" MODULE="$LBR_MODULE"
check "uninstall left no file, and no updates/" bash -c \
	"test -z \"\$(cd '$ROOT' && find . -type f)\" && ! test -e '$ROOT/lib/modules/$KVER/updates'"
check "the guest's own module tree is untouched" diff -u "$SCRATCH/modtree.before" <(modtree)

# ---- 3. the guest's own / ----

loaded() { [ -d "/sys/module/$1" ]; }
was_loaded=0
! loaded lbridge || was_loaded=1
# stp and llc (bridge.ko's dependencies) as found: only bridge.ko needs them.
deps_before=
for m in stp llc; do
	! loaded $m || deps_before+=" $m"
done
BR=$(if_name br)
restore() {
	local m
	ip link del "$BR" 2>/dev/null
	"${MAKE[@]}" uninstall MODULE="$LBR_MODULE"
	! loaded br_netfilter || rmmod br_netfilter
	! loaded bridge || rmmod bridge
	for m in stp llc; do
		[[ " $deps_before " == *" $m "* ]] || ! loaded $m || rmmod $m
	done
	if [ $was_loaded = 1 ]; then
		loaded lbridge || insmod "$LBR_MODULE"
	else
		! loaded lbridge || rmmod lbridge
	fi
}
defer restore
vmconf=/etc/modprobe.d/lbridge-vm.conf
if [ -f $vmconf ]; then
	# modprobe reads only *.conf: the renamed file blocks nothing.
	mv $vmconf $vmconf.install || bail "lift the guest's block on bridge.ko"
	defer mv $vmconf.install $vmconf
fi
if [ -d /sys/module/lbridge ]; then
	check "rmmod lbridge (left loaded by an earlier test)" rmmod lbridge
fi
[ ! -d /sys/module/bridge ] || bail "bridge.ko is loaded: cannot test autoloading"
conf() { (cd /etc/modprobe.d && for f in *; do printf '%s ' "$f"; sha256sum <"$f"; done); }
conf >"$SCRATCH/conf.before"
cp "$MODDIR/modules.dep" "$SCRATCH/modules.dep.before"
[ ! -e /usr/local/sbin/lbrctl ] || bail "/usr/local/sbin/lbrctl exists already"

check "make install MODULE (no DESTDIR)" "${MAKE[@]}" install MODULE="$LBR_MODULE"
check "modinfo -n lbridge is the installed module" \
	test "$(modinfo -n lbridge 2>&1)" = "$MODDIR/updates/lbridge.ko"
check "depmod ran: modules.dep lists updates/lbridge.ko" grep -q '^updates/lbridge.ko:' "$MODDIR/modules.dep"
ko="insmod $MODDIR/updates/lbridge.ko"
for name in bridge rtnl-link-bridge; do
	out=$(modprobe -n -v "$name" 2>&1 | sed 's/ *$//')
	check "modprobe -n -v $name: only lbridge.ko" test "$out" = "$ko"
	[ "$out" = "$ko" ] || diag "modprobe -n -v $name printed:" "$out"
done
# What nf_tables and nf_conntrack ask for, for bridge-family rules.
for pair in nft-expr-7-meta:lbridge_nf nft-expr-7-reject:lbridge_nf \
	nf_conntrack_bridge:lbridge_nf_conntrack; do
	name=${pair%%:*}
	out=$(modprobe -n -v "$name" 2>&1 | sed 's/ *$//')
	check "modprobe -n -v $name: ${pair#*:}.ko, nothing of bridge.ko's" \
		test "$(tail -n 1 <<<"$out")" = "insmod $MODDIR/updates/${pair#*:}.ko" \
		-a -z "$(grep -E '/(bridge|nft_meta_bridge|nft_reject_bridge|nf_conntrack_bridge)\.ko' <<<"$out")"
done

# autoloads NAME CMD...: with no bridge module loaded, CMD loads lbridge,
# the installed one, and neither bridge.ko nor its dependencies.
autoloads() {
	local name=$1 v m extra=
	shift
	if loaded lbridge || loaded bridge; then
		fail "$name" "a bridge module is loaded already"
		return
	fi
	if ! "$@" >"$SCRATCH/out" 2>&1; then
		fail "$name" "command: $*" "$(cat "$SCRATCH/out")"
		return
	fi
	v=$(cat /sys/module/lbridge/version 2>/dev/null)
	for m in stp llc; do
		[[ " $deps_before " == *" $m "* ]] || ! loaded $m || extra+=" $m"
	done
	if loaded lbridge && ! loaded bridge && [ -z "$extra" ] &&
		[ "$v" = "$(modinfo -F version "$LBR_MODULE")" ]; then
		pass "$name"
	else
		fail "$name" "lsmod:" "$(lsmod | grep -E '^(l?bridge|stp|llc) ' || true)" \
			"lbridge version: $v"
	fi
}
autoloads "ip link add type bridge loads lbridge, not bridge.ko" ip link add "$BR" type bridge
check "lbridge serves the new bridge" bash -c "ip -d link show $BR | grep -q 'bridge forward_delay'"
ip link del "$BR" 2>/dev/null
check "rmmod lbridge" rmmod lbridge
if [ -x $BRCTL ]; then
	autoloads "brctl addbr loads lbridge, not bridge.ko" $BRCTL addbr "$BR"
	check "brctl delbr" $BRCTL delbr "$BR"
	check "rmmod lbridge" rmmod lbridge
else
	skip "brctl addbr loads lbridge" "no $BRCTL"
fi
autoloads "modprobe bridge loads lbridge, not bridge.ko" modprobe bridge
check "the installed lbrctl -V names the loaded module" bash -c \
	"/usr/local/sbin/lbrctl -V | grep -qx 'loaded module: lbridge $(modinfo -F version "$LBR_MODULE")'"
check "rmmod lbridge" rmmod lbridge
# A module that needs bridge.ko gets lbridge instead (the install line) and
# fails, rather than load bridge.ko behind lbridge's back.
if modinfo br_netfilter >/dev/null 2>&1; then
	check_fail "modprobe br_netfilter fails" "" modprobe br_netfilter
	check "... without loading bridge.ko: lbridge instead" bash -c \
		"test -d /sys/module/lbridge && ! test -d /sys/module/bridge && ! test -d /sys/module/br_netfilter"
	check "rmmod lbridge" rmmod lbridge
else
	skip "modprobe br_netfilter gets lbridge" "no br_netfilter.ko"
fi

modtree >"$SCRATCH/modtree.installed"
check "make install again (idempotent)" "${MAKE[@]}" install MODULE="$LBR_MODULE"
check "the second install changed no file name" diff -u "$SCRATCH/modtree.installed" <(modtree)

check "make uninstall KVER" "${MAKE[@]}" uninstall KVER="$KVER"
check "the module tree is as before (file names)" diff -u "$SCRATCH/modtree.before" <(modtree)
check "modules.dep is as before" cmp "$SCRATCH/modules.dep.before" "$MODDIR/modules.dep"
check "/etc/modprobe.d is as before" diff -u "$SCRATCH/conf.before" <(conf)
check "lbrctl and lbrctl.8 are gone" bash -c \
	"! test -e /usr/local/sbin/lbrctl && ! test -e /usr/local/share/man/man8/lbrctl.8"
check "modprobe -n -v rtnl-link-bridge is bridge.ko's again" bash -c \
	"modprobe -n -v rtnl-link-bridge | grep -q '/bridge.ko' && ! modprobe -n -v rtnl-link-bridge | grep -q lbridge"

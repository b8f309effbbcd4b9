#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# lbrctl.sh - tools/lbrctl/test-diff.sh -q on lbridge: lbrctl and bridge-utils' brctl must print and do the same, with sysfs and without.
#
#   netns lbrctl-t<pid>-<n>, fresh for every run of every case:
#     v0..v3 -- p0..p3 (veth)     br0: v0 v1     br1: no ports
#   (setups "ports", "basic", "up", "learned" of test-diff.sh; each case runs
#   once per tool and mode, sysfs and "nosysfs" = /sys/class/net hidden)
#
# test-diff.sh does the work and prints TAP; its lines are passed through
# lib.sh.  LBRCTL_CASES=all runs every case instead of the quick subset
# (slow in an emulated guest: ~150 cases); LBRCTL_PATTERN narrows either.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd unshare make
lbr_load
BRCTL=/usr/sbin/brctl
[ -x $BRCTL ] || skip_all "no $BRCTL (bridge-utils)"
DIFF=$LBR_REPO/tools/lbrctl/test-diff.sh
LBRCTL=${LBRCTL:-$LBR_REPO/tools/lbrctl/lbrctl}

if [ "$LBRCTL" = "$LBR_REPO/tools/lbrctl/lbrctl" ]; then
	check "make -C tools/lbrctl" make -s -C "$LBR_REPO/tools/lbrctl"
fi
[ -x "$LBRCTL" ] || bail "lbrctl" "no $LBRCTL"

args=(-v)
[ "${LBRCTL_CASES:-}" = all ] || args+=(-q)
[ -z "${LBRCTL_PATTERN:-}" ] || args+=("$LBRCTL_PATTERN")

relay_tap "test-diff.sh: " < <(BRCTL=$BRCTL LBRCTL=$LBRCTL bash "$DIFF" "${args[@]}" 2>&1 </dev/null
	echo "@@exit $?")
rc=$_lbr_relay_rc

case $rc in
0) [ "$_lbr_n" -gt 0 ] || fail "test-diff.sh ran no case" ;;
1) [ "$_lbr_fail" -gt 0 ] || fail "test-diff.sh failed without a failing case" ;;
*) fail "test-diff.sh exited with status ${rc:-unknown}" ;;
esac

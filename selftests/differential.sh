#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# differential.sh - control-plane parity: every differential/ scenario under bridge.ko and lbridge, diffed (TAP).
#
# selftests/differential/run.sh does the work; this wrapper makes bridge.ko
# loadable in the default guest (which blocks it with
# /etc/modprobe.d/lbridge-vm.conf, see scripts/vm-init.sh) for the duration
# of the test, and passes run.sh's TAP lines through.  run.sh puts the
# modules back as it found them (lbridge loaded or not, bridge.ko never).
# Arguments are passed to run.sh (-v, scenario names).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm

conf=/etc/modprobe.d/lbridge-vm.conf
if [ -f "$conf" ]; then
	# modprobe reads only *.conf: the renamed file blocks nothing.
	mv "$conf" "$conf.differential" || bail "lift the guest's block on bridge.ko"
	defer mv "$conf.differential" "$conf"
fi

relay_tap "" < <(bash "$LBR_REPO/selftests/differential/run.sh" "$@" 2>&1 </dev/null; echo "@@exit $?")
rc=$_lbr_relay_rc

case $rc in
0 | 1) ;;
4) [ "$_lbr_n" -gt 0 ] || skip_all "differential/run.sh skipped" ;;
*) [ "$_lbr_fail" -gt 0 ] || fail "differential/run.sh exited with status $rc" ;;
esac

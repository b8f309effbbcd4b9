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

rc=0
while IFS= read -r line; do
	if [[ $line =~ ^ok\ [0-9]+\ -\ (.*)\ \#\ SKIP\ ?(.*)$ ]]; then
		skip "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
	elif [[ $line =~ ^ok\ [0-9]+\ -\ (.*)$ ]]; then
		pass "${BASH_REMATCH[1]}"
	elif [[ $line =~ ^not\ ok\ [0-9]+\ -\ (.*)$ ]]; then
		fail "${BASH_REMATCH[1]}"
	elif [[ $line =~ ^1\.\.0\ \#\ SKIP\ ?(.*)$ ]]; then
		skip_all "${BASH_REMATCH[1]}"
	elif [[ $line =~ ^1\.\.[0-9]+$ ]]; then
		:
	elif [[ $line =~ ^@@run\.sh\ exit\ ([0-9]+)$ ]]; then
		rc=${BASH_REMATCH[1]}
	else
		printf '%s\n' "$line"
	fi
done < <(bash "$LBR_REPO/selftests/differential/run.sh" "$@" 2>&1 </dev/null; echo "@@run.sh exit $?")

case $rc in
0 | 1) ;;
4) [ "$_lbr_n" -gt 0 ] || skip_all "differential/run.sh skipped" ;;
*) [ "$_lbr_fail" -gt 0 ] || fail "differential/run.sh exited with status $rc" ;;
esac

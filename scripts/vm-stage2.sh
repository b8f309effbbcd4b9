#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vm-stage2.sh - PID 1 of the scripts/vm.sh guest after switch_root: run the command, report its status, reboot.
#
# Builtins only (every exec goes over 9p).  /run/lbrvm/env comes from vm.sh
# (LBRVM_CMD, LBRVM_CWD, exported variables), /run/lbrvm/ports from
# vm-init.sh (the virtio-serial devices for stdout, stderr and the status).

finish() {
	echo b >/proc/sysrq-trigger
	while :; do read -rt 60 <>/dev/console; done
}
trap finish EXIT
exec </dev/null >/dev/console 2>&1
# shellcheck source=/dev/null
. /run/lbrvm/env
# shellcheck source=/dev/null
. /run/lbrvm/ports
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8 LBR_VM=1 TERM=dumb
if ! cd "$LBRVM_CWD"; then
	echo "lbrvm: FATAL: no directory $LBRVM_CWD in the guest" >/dev/kmsg
	exit
fi
echo "lbrvm: running command" >/dev/kmsg
bash -c "$LBRVM_CMD" >"$LBRVM_OUT" 2>"$LBRVM_ERR"
rc=$?
echo "lbrvm: command exited with status $rc" >/dev/kmsg
echo "$rc" >"$LBRVM_STATUS"

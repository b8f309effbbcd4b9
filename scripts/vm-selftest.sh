#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vm-selftest.sh - test the VM harness itself: exit status, output channels, timeout, oops/WARN detection, parallel guests.
#
# usage: scripts/vm-selftest.sh    (about a minute under TCG; not part of make check)
# shellcheck disable=SC2016 # guest commands are single-quoted on purpose
set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
VM=$REPO/scripts/vm.sh
CACHE=${LBR_VM_CACHE:-$REPO/.vm}
work=$(mktemp -d "$CACHE/vm-selftest.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Run directories of the deliberately failing guests go away with $work.
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"
n=0 passed=0 failed=0

# t NAME CONDITION...: one TAP line from a condition, diagnostics on failure.
t() {
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		passed=$((passed + 1))
		echo "ok $n - $name"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name"
		sed 's/^/# stdout: /' "$work/out" 2>/dev/null | head -n 20
		sed 's/^/# stderr: /' "$work/err" 2>/dev/null | head -n 20
	fi
}

# vm [OPTIONS] -- CMD: run vm.sh, output in $work/out and $work/err, status in $rc.
vm() {
	rc=0
	"$VM" "$@" >"$work/out" 2>"$work/err" </dev/null || rc=$?
}
out_is() { [ "$(cat "$work/out")" = "$1" ]; }
err_has() { grep -q -- "$1" "$work/err"; }

bash "$VM" --build >/dev/null 2>&1

start=$(date +%s.%N)
vm -- 'echo out; echo err >&2; exit 7'
end=$(date +%s.%N)
t "exit status propagates" test "$rc" = 7
t "stdout on stdout only" out_is out
t "stderr on stderr" test "$(cat "$work/err")" = err
boot=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
echo "# a trivial command took ${boot}s in all (boot, run, power off)"

vm -- printf '%s|' 'a b' "c'd" '$HOME'
t "several words are quoted, not re-split" out_is "a b|c'd|\$HOME|"

(cd "$work" && vm -- pwd)
t "cwd is the host's" out_is "$work"

LBR_FOO='x y' vm --env BAR=1 -- 'echo "$LBR_FOO/$BAR/$LBR_VM"'
t "LBR_* and --env variables reach the guest" out_is "x y/1/1"

vm -- "touch $work/guest-file; test -f $work/guest-file"
t "guest writes land in the overlay" test "$rc" = 0
t "guest writes do not reach the host" test ! -e "$work/guest-file"

vm -- 'modprobe bridge; echo $?; test -d /sys/module/bridge && echo loaded'
t "modprobe bridge is blocked" out_is 1
vm --allow-bridge -- 'modprobe bridge && test -d /sys/module/bridge && echo loaded'
t "--allow-bridge lets bridge.ko load" out_is loaded

vm --cpus 2 --mem 512M -- 'nproc; awk "/MemTotal/ { print (\$2 > 400000 && \$2 < 524288) }" /proc/meminfo'
t "--cpus and --mem" out_is $'2\n1'

start=$(date +%s)
vm --timeout 10 -- 'echo started; sleep 600'
end=$(date +%s)
t "timeout: exit 124" test "$rc" = 124
t "timeout: VM killed in time" test $((end - start)) -lt 40
t "timeout: reported" err_has "timed out after 10s"
t "timeout: output so far streamed" out_is started

vm -- 'echo c >/proc/sysrq-trigger; echo survived'
t "oops (sysrq crash): exit 125" test "$rc" = 125
t "oops: console line named" err_has "Kernel panic"
t "oops: console log path printed" err_has "console log: "

vm -- 'echo "<4>BUG: KASAN: fake report" >/dev/kmsg; echo fine'
t "console report without panic fails a successful command" test "$rc" = 125
t "the command's own output still arrives" out_is fine

# A real WARN_ON from a module built against the guest's headers.
kdir=$(find /usr/src -maxdepth 1 -name 'linux-headers-6.1.*-amd64' | sort | tail -n 1)
if [ -n "$kdir" ]; then
	mkdir -p "$work/warn"
	cat >"$work/warn/lbrvm_warn.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
static int __init lbrvm_warn_init(void) { WARN_ON(1); return 0; }
module_init(lbrvm_warn_init);
MODULE_LICENSE("GPL");
EOF
	echo 'obj-m := lbrvm_warn.o' >"$work/warn/Kbuild"
	if make -s -C "$kdir" M="$work/warn" modules >"$work/warn/log" 2>&1; then
		vm -- "insmod $work/warn/lbrvm_warn.ko; echo survived"
		t "WARN_ON: exit 125" test "$rc" = 125
		t "WARN_ON: WARNING line named" err_has "reports a problem: .*WARNING: CPU"
		t "WARN_ON: panic_on_warn stopped the guest" test "$(cat "$work/out")" = ""
	else
		n=$((n + 1))
		echo "ok $n - WARN_ON # SKIP test module did not build"
	fi
fi

# Two guests at once.
"$VM" -- 'sleep 1; echo one' >"$work/p1" 2>&1 &
p1=$!
"$VM" -- 'sleep 1; echo two' >"$work/p2" 2>&1 &
p2=$!
r1=0 r2=0
wait $p1 || r1=$?
wait $p2 || r2=$?
t "parallel guests both succeed" test "$r1$r2" = 00
t "parallel guests keep their output apart" test "$(cat "$work/p1")/$(cat "$work/p2")" = one/two

echo "1..$n"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]

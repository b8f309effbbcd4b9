#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fuzz.sh - a bounded, seeded tools/lbrfuzz run over netlink, ioctls, sysfs and frames; then live objects back to zero and a clean rmmod.
#
# Two runs: one process with every check on, then --jobs 3 racing each
# other (checks at the end only).  LBR_FUZZ_SEED=N repeats them (the seed
# is printed either way); LBR_FUZZ_SECONDS=S sets the first run's length
# (default 25 s; the racing run gets 15 s; ~65 s in all with setup and
# checks).  lbrfuzz works in a private netns and fails on
# anything it can check: a success that did not take effect, a bridge that
# no longer floods, learns or forwards afterwards, a frame shorter than an
# Ethernet header sent into the bridge that comes out of a port.  vm.sh
# fails the guest on any oops or WARN.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
FUZZ=$LBR_REPO/tools/lbrfuzz/lbrfuzz
[ -x "$FUZZ" ] || bail "lbrfuzz" "$FUZZ is missing: run make"
lbr_load

DBG=/sys/kernel/debug
mountpoint -q $DBG || mount -t debugfs none $DBG 2>/dev/null
OBJ=$DBG/lbridge/objects
# objects: the live-object counters as "bridges N ports N ...", or "".
objects() { [ -r $OBJ ] && tr '\n' ' ' <$OBJ | sed 's/ $//'; }
# zero_objects: every counter (bridges, ports, fdb_entries, ...) reads 0.
zero_objects() { [ -n "$(objects)" ] && awk '$2 != 0 { exit 1 }' $OBJ; }
if [ -r $OBJ ]; then
	diag "object counters before: $(objects)"
else
	diag "no $OBJ (debugfs absent?): object accounting not checked"
fi
for f in failslab kmemleak; do
	[ -e $DBG/$f ] || diag "$f: absent from this kernel, not used"
done

seed=${LBR_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
secs=${LBR_FUZZ_SECONDS:-25}
diag "seed $seed (repeat with LBR_FUZZ_SEED=$seed)"
out=$(mktemp)
defer rm -f "$out"
# stuck_report PID: where PID and its children wait, in user and kernel space.
stuck_report() {
	local p
	for p in "$1" $(pgrep -P "$1"); do
		diag "pid $p $(grep '^State' /proc/"$p"/status 2>/dev/null) wchan $(cat /proc/"$p"/wchan 2>/dev/null)"
		diag "$(cat /proc/"$p"/stack 2>/dev/null)"
	done
}

# fuzz NAME SECS ARGS...: one lbrfuzz run of SECS seconds, its summary as
# diagnostics.  A run still going a minute (scaled) past its length is
# reported where it waits, then stopped: lbrfuzz names the step it was in.
fuzz() {
	local name=$1 secs=$2 rc=0 pid deadline
	shift 2
	"$FUZZ" --seed "$seed" --seconds "$secs" "$@" >"$out" 2>&1 &
	pid=$!
	deadline=$((SECONDS + $(scaled $((secs + 60)) | cut -d. -f1)))
	while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
		sleep 1
	done
	if kill -0 "$pid" 2>/dev/null; then
		diag "lbrfuzz still running $((secs + 60)) s (scaled) after it began:"
		stuck_report "$pid"
		pkill -TERM -P "$pid"
		kill -TERM "$pid"
	fi
	wait "$pid" || rc=$?
	if [ $rc -eq 0 ]; then
		pass "$name (seed $seed): no inconsistency, the bridge forwards afterwards"
		grep -a '^lbrfuzz:' "$out" | diag "$(cat)"
	else
		fail "$name (seed $seed): lbrfuzz exit $rc" \
			"$(grep -a -E '^INCONSISTENT|^lbrfuzz:' "$out" | head -n 60)" \
			"$(grep -a '^lbrfuzz: terminated' "$out")"
	fi
}
fuzz "lbrfuzz ${secs}s, all targets, checked" "$secs"
fuzz "lbrfuzz 15s, all targets, 3 racing jobs" 15 --jobs 3

if [ -r $OBJ ]; then
	# Our netns is gone with lbrfuzz, but its cleanup runs in a workqueue.
	if [ -n "$(ip -o link show type bridge)" ]; then
		skip "live objects back to zero" "other bridges exist in the initial netns"
	else
		check "live objects back to zero (lbridge/objects)" \
			wait_for "objects zero" 20 zero_objects || diag "objects now: $(objects)"
	fi
else
	skip "live objects back to zero" "no $OBJ"
fi

mark="lbr-selftest: fuzz.sh rmmod $$"
echo "$mark" >/dev/kmsg
if check "rmmod lbridge after the fuzz" rmmod lbridge; then
	if dmesg | sed -n "/$mark/,\$p" | grep -q 'left at exit'; then
		fail "no object left at module exit" "$(dmesg | grep 'left at exit')"
	else
		pass "no object left at module exit"
	fi
	check "insmod lbridge.ko again" insmod "$LBR_MODULE"
fi

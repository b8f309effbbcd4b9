#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fdb_walks.sh - walks of a large FDB (dump, brforward, flush, port removal, ageing) let other tasks run.
#
#   h1 eth0 --- p1 --+-- br0 (netns sw)      LBR_WALK_ENTRIES learnt stations
#   h2 eth0 --- p2 --+                        behind p1
#
# A walk that never reschedules holds the (single) guest CPU for the whole
# walk: a task that sleeps 5 ms at a time then wakes up late by as long.
# Each operation runs beside such a heartbeat; its longest oversleep must
# stay far below the time the walk takes.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd mausezahn python3
lbr_load

# A debug kernel (LBR_TIMEOUT_SCALE > 1) spends ~0.5 ms on each entry a
# flush frees (KASAN, debug objects, kmemleak): 200,000 would hold RTNL for
# minutes there, as in-tree, and trip the hung-task detector in others.
if slow_kernel; then
	N=${LBR_WALK_ENTRIES:-50000}
else
	N=${LBR_WALK_ENTRIES:-200000}
fi
# Longest wake-up delay allowed, ms.  A pass over N entries takes several
# hundred ms here; a pause every 1,024 entries bounds the delay to a few.
# Debug kernels (LBR_TIMEOUT_SCALE, check.sh --kernel) run every batch slower.
MAX_GAP=${LBR_WALK_MAX_GAP:-$((60 * ${LBR_TIMEOUT_SCALE:-1}))}

SW=$(ns_new sw)
H1=$(ns_new h1)
# shellcheck disable=SC2034 # read as ${!h}
H2=$(ns_new h2)
for i in 1 2; do
	h=H$i
	ip netns exec "${!h}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip link add name eth0 address "02:00:00:00:00:0$i" netns "${!h}" \
		type veth peer name "p$i" netns "$SW"
	ip -n "${!h}" link set eth0 up
done
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n "$SW" link add br0 type bridge ageing_time 100000
ip -n "$SW" link set br0 up
SYS=/sys/class/net/br0/bridge

hb=$(mktemp)
defer rm -f "$hb"
# heartbeat FILE: sleep 5 ms at a time until killed, then write the
# longest oversleep in ms to FILE.
heartbeat() {
	exec python3 -c '
import signal, sys, time
worst = 0.0
def done(*_):
    open(sys.argv[1], "w").write("%d\n" % (worst * 1000))
    sys.exit(0)
signal.signal(signal.SIGTERM, done)
open(sys.argv[1], "w").write("ready\n")
t = time.monotonic()
while True:
    time.sleep(0.005)
    now = time.monotonic()
    worst = max(worst, now - t - 0.005)
    t = now
' "$1"
}

# learnt: stations br0 holds behind p1 (bridge fdb lists them one a line).
learnt() { bridge -n "$SW" fdb show br br0 brport p1 | grep -vc permanent; }

# n_learned: br0's learnt entries, read cheaply (fdb_n_learned).
n_learned() { ip netns exec "$SW" cat "$SYS/fdb_n_learned"; }
# enough: nearly all N learnt and no frame still on its way (a frame left
# in a backlog would be learnt after the flush below).
enough() {
	local a b
	a=$(n_learned)
	[ "$a" -ge $((N * 99 / 100)) ] || return 1
	sleep 0.5
	b=$(n_learned)
	[ "$a" -eq "$b" ]
}
none_left() { [ "$(learnt)" -eq 0 ]; }
p1_forwarding() { bridge -n "$SW" link show dev p1 | grep -q 'state forwarding'; }

fill() {
	ip -n "$SW" link set p1 master br0 && ip -n "$SW" link set p1 up &&
		ip -n "$SW" link set p2 master br0 && ip -n "$SW" link set p2 up &&
		wait_for "p1 forwarding" 10 p1_forwarding &&
		ip netns exec "$H1" mausezahn eth0 -q -c "$N" -a rand -b 02:00:00:00:00:02 -p 60 &&
		wait_for "$N stations learnt" 30 enough
}

# gap NAME CMD...: run CMD beside the heartbeat; check its longest delay.
gap() {
	local name=$1 pid ms rc=0 t0
	shift
	: >"$hb"
	heartbeat "$hb" &
	pid=$!
	# Let the heartbeat start ticking first.
	wait_for "heartbeat" 10 grep -q ready "$hb" || true
	t0=$(date +%s%N)
	"$@" || rc=$?
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	ms=$(cat "$hb")
	diag "$name: took $((($(date +%s%N) - t0) / 1000000)) ms, longest wake-up delay $ms ms"
	if [ "$rc" -ne 0 ]; then
		fail "$name" "command failed with status $rc"
	elif ! [[ $ms =~ ^[0-9]+$ ]]; then
		fail "$name" "no heartbeat figure: '$ms'"
	elif [ "$ms" -gt "$MAX_GAP" ]; then
		fail "$name: other tasks ran (delay $ms ms > $MAX_GAP ms)"
	else
		pass "$name: other tasks ran (delay $ms ms <= $MAX_GAP ms)"
	fi
}

aged_out() { wait_for "aged out" 60 none_left; }

check "learn $N stations" fill
gap "bridge fdb show of $N entries" bash -c "bridge -n $SW fdb show br br0 >/dev/null"
gap "brforward read near the end" ip netns exec "$SW" \
	dd if="$SYS/../brforward" of=/dev/null bs=4096 skip=$((N / 256 - 8)) count=1 status=none
gap "flush through sysfs" ip netns exec "$SW" sh -c "echo 1 > $SYS/flush"
check "flushed" test "$(learnt)" -eq 0

check "learn $N stations again" fill
gap "port removal" ip -n "$SW" link set p1 nomaster
check "their stations went with the port" test "$(bridge -n "$SW" fdb show br br0 | grep -c 'dev p1')" -eq 0

check "learn $N stations again" fill
check "ageing 1 s" ip netns exec "$SW" sh -c "echo 100 > $SYS/ageing_time"
gap "ageing out $N stations" aged_out

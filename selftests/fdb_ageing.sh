#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fdb_ageing.sh - ageing passes over a large table never delete stations that traffic keeps refreshing.
#
#   h1 eth0 (02:00:00:00:00:01) --- p1 --+-- br0 (netns sw, ageing 3 s x scale,
#   h2 eth0 (02:00:00:00:00:02) --- p2 --+        LBR_AGE_STATICS static entries)
#
# Each ageing pass walks every entry; with a few hundred thousand static
# entries a pass lasts many ticks, and h1/h2 refresh their entries (2 ms
# pings) while it runs.  Such a station must never be deleted, announced
# as deleted, or show an old "used" time.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq ping
lbr_load

STATICS=${LBR_AGE_STATICS:-200000}
SECS=${LBR_AGE_SECS:-20}
# Slow kernels (debug builds) spend most of a 20 s window just seeing both
# stations learnt: give them LBR_TIMEOUT_SCALE times as long, up to 2 min.
win=$(scaled "$SECS")
win=${win%.*}
[ "$win" -le 120 ] || [ "$SECS" -ge 120 ] || win=120
SECS=$win
# Ageing 3 s; on slow kernels LBR_TIMEOUT_SCALE times that.  There a
# guest that the host starves for seconds sees its traffic stop for real,
# and a station then expires as it should; the defect this checks deletes
# fresh stations on any pass that lasts over a tick, whatever the ageing
# time, and passes still run every ageing time.
AGE=$(scaled 3)
AGE=${AGE%.*}
MAC1=02:00:00:00:00:01
MAC2=02:00:00:00:00:02

SW=$(ns_new sw)
H1=$(ns_new h1)
# shellcheck disable=SC2034 # read as ${!h}
H2=$(ns_new h2)
for i in 1 2; do
	h=H$i
	ip link add name eth0 address "02:00:00:00:00:0$i" netns "${!h}" \
		type veth peer name "p$i" netns "$SW"
	ip -n "${!h}" addr add "192.0.2.$i/24" dev eth0
	ip -n "${!h}" link set eth0 up
done
# vlan_default_pvid 0: ports without VLANs, so each static entry is one
# entry (with pvid 1 a VLAN-less add also adds one for VLAN 1, as in-tree).
ip -n "$SW" link add br0 type bridge ageing_time $((AGE * 100)) vlan_default_pvid 0
for i in 1 2; do
	ip -n "$SW" link set "p$i" master br0
	ip -n "$SW" link set "p$i" up
done
ip -n "$SW" link set br0 up

# In batches of 20,000 lines: Debian 12's bridge -batch grows by some 4 KiB
# a line (856 MiB for all of them OOM-killed it in a 1 GiB guest).
batch=$(mktemp -d)
defer rm -rf "$batch"
awk -v n="$STATICS" 'BEGIN {
	for (i = 0; i < n; i++)
		printf "fdb add 06:00:00:%02x:%02x:%02x dev p%d master static\n",
			int(i / 65536), int(i / 256) % 256, i % 256, i % 2 + 1
}' | split -l 20000 - "$batch/part."
add_statics() {
	local f
	for f in "$batch"/part.*; do
		bridge -n "$SW" -batch "$f" || return 1
	done
}
t0=$SECONDS
check "$STATICS static entries added" add_statics
diag "added in $((SECONDS - t0)) s"
check "ports forwarding" wait_for "ports forwarding" 10 bash -c \
	"bridge -n $SW -j link show | jq -e '[.[] | select(.state == \"forwarding\")] | length == 2' >/dev/null"

mon=$(mktemp)
defer rm -f "$mon"
# Line-buffered, so that every event is in the file once it is killed.
ip netns exec "$SW" stdbuf -oL bridge monitor fdb >"$mon" 2>&1 &
mon_pid=$!

# While h1 pings h2, sample both stations: each must be there and fresh.
pings=$(mktemp)
defer rm -f "$pings"
ip netns exec "$H1" ping -q -i 0.002 -w "$SECS" 192.0.2.2 >"$pings" 2>&1 &
ping_pid=$!
check "both stations learnt" wait_for "h1 and h2 learnt" 10 bash -c \
	"bridge -n $SW fdb get $MAC1 br br0 && bridge -n $SW fdb get $MAC2 br br0"
samples=0
bad=()
while kill -0 "$ping_pid" 2>/dev/null; do
	for mac in $MAC1 $MAC2; do
		samples=$((samples + 1))
		got=$(bridge -n "$SW" -s -j fdb get "$mac" br br0 2>&1)
		jq -e --argjson a "$AGE" '.[0] | .used <= $a and .updated <= $a' <<<"$got" >/dev/null 2>&1 ||
			bad+=("$mac: $got")
	done
	sleep 1
done
ping_rc=0
wait "$ping_pid" || ping_rc=$?
result "h1 pinged h2 every 2 ms for $SECS s" "$ping_rc"
[ "$ping_rc" -eq 0 ] || diag "$(cat "$pings")"

# Ageing passes over the whole table kept running meanwhile (every $AGE s).
kill "$mon_pid"
wait "$mon_pid" 2>/dev/null || true
diag "fdb events during the pings: $(wc -l <"$mon")"
deleted=$(grep -ciE "^Deleted ($MAC1|$MAC2) " "$mon" || true)
if [ "$deleted" -eq 0 ]; then
	pass "no refreshed station was deleted by ageing"
else
	fail "no refreshed station was deleted by ageing" \
		"$deleted deletions of $MAC1/$MAC2:" "$(grep -iE "^Deleted ($MAC1|$MAC2) " "$mon" | head -n 5)"
fi
if [ ${#bad[@]} -eq 0 ] && [ "$samples" -ge 4 ]; then
	pass "stations present with used/updated <= $AGE s in all $samples samples"
else
	fail "stations present with used/updated <= $AGE s in all $samples samples" \
		"${#bad[@]} bad samples:" "${bad[@]:0:5}"
fi

# A static entry reports its age but is never removed.
check "static entries all still there" bash -c \
	"[ \$(bridge -n $SW fdb show br br0 | grep -c '^06:00:00:.* static') -eq $STATICS ]"

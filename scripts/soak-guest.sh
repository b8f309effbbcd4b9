#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# soak-guest.sh - the guest side of scripts/soak: random churn for LBR_SOAK_MINUTES, then leak, rmmod and FDB checks.
set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
MODULE=${LBR_MODULE:-$REPO/lbridge.ko}
FUZZ=$REPO/tools/lbrfuzz/lbrfuzz
MINUTES=${LBR_SOAK_MINUTES:-5}
SEED=${LBR_SOAK_SEED:-1}
RANDOM=$SEED
DBG=/sys/kernel/debug
OBJ=$DBG/lbridge/objects
FS=$DBG/failslab

declare -A n_ok=() n_err=() first_err=()
failures=()
failslab=0
faults_before=0

log() { echo "soak: $*"; }
failure() { failures+=("$*"); log "FAIL: $*"; }
# pick [WORD...]: one of the words, or of the lines on stdin without words.
pick() {
	local a=("$@")
	[ $# -gt 0 ] || mapfile -t a
	[ ${#a[@]} -gt 0 ] && echo "${a[RANDOM % ${#a[@]}]}"
}
rmac() { printf '02:%02x:%02x:%02x:%02x:%02x' $((RANDOM % 256)) $((RANDOM % 256)) \
	$((RANDOM % 256)) $((RANDOM % 256)) $((RANDOM % 256)); }

# op KIND CMD...: run CMD quietly, count its success or failure under KIND
# and keep the first failure's command and message.
op() {
	local kind=$1 out
	shift
	if out=$("$@" 2>&1); then
		n_ok[$kind]=$((${n_ok[$kind]:-0} + 1))
	else
		n_err[$kind]=$((${n_err[$kind]:-0} + 1))
		[ -n "${first_err[$kind]:-}" ] || first_err[$kind]="$* -> ${out//$'\n'/ }"
		return 1
	fi
}

objects() { [ -r $OBJ ] && tr '\n' ' ' <$OBJ | sed 's/ $//'; }
# shellcheck disable=SC2317 # called through wait_for
# every type's count is 0 (whatever types the module counts)
objects_zero() {
	objects | awk '{ for (i = 2; i <= NF; i += 2) if ($i != 0) bad = 1 } END { exit bad || NR == 0 }'
}
wait_for() { # SECS CMD...: poll CMD until it succeeds
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt "$end" ] || return 1
		sleep 0.2
	done
}

# ---------------------------------------------------------- facilities ----

mountpoint -q $DBG || mount -t debugfs none $DBG || log "debugfs cannot be mounted"
insmod "$MODULE" || { log "FAIL: insmod $MODULE"; exit 1; }
[ -r $OBJ ] || log "no $OBJ: object accounting not checked"
if [ -e $DBG/kmemleak ]; then
	log "kmemleak: present, scanned at the end"
	echo clear >$DBG/kmemleak
else
	log "kmemleak: absent from this kernel (CONFIG_DEBUG_KMEMLEAK), not checked"
fi

# failslab_on: fail ~1 in 20 slab allocations made from lbridge's code
# (stacktrace filter on the module's address range) where the kernel has
# that filter; x86_64 6.1 has not, and a task filter would fail this
# script's own forks, so there it fails ~1 in 20 allocations from
# lbridge's own cache, lbr_fdb_entry (learning in softirq, user adds),
# whoever makes them: the cache carries failslab's flag when the kernel
# was booted with slub_debug=A,lbr_fdb_entry (scripts/soak does that; the
# sysfs file is read-only since 5.9).
FDB_SLAB=/sys/kernel/slab/lbr_fdb_entry
fdb_slab_flagged() { [ "$(cat $FDB_SLAB/failslab 2>/dev/null)" = 1 ]; }
failslab_on() {
	[ $failslab = 1 ] || return 0
	local start size
	echo 0 >$FS/probability
	echo 1 >$FS/interval
	echo $FS_TIMES >$FS/times
	echo 1 >$FS/verbose
	echo N >$FS/ignore-gfp-wait 2>/dev/null
	echo N >$FS/task-filter
	start=$(cat /sys/module/lbridge/sections/.text 2>/dev/null || echo 0)
	size=$(cat /sys/module/lbridge/coresize)
	if [ -e $FS/require-start ] && [ $((start)) != 0 ]; then
		# The core image starts with .text; 64-bit addresses, written in hex.
		printf '0x%x\n' $((start)) >$FS/require-start
		printf '0x%x\n' $((start + size)) >$FS/require-end
		echo 16 >$FS/stacktrace-depth
		echo N >$FS/cache-filter 2>/dev/null
	elif fdb_slab_flagged; then
		echo Y >$FS/cache-filter
	else
		return 0
	fi
	echo 5 >$FS/probability
}
failslab_off() { [ $failslab = 0 ] || { echo 0 >$FS/probability; faults_count; }; }
# Each injected fault takes one off "times"; the log lines are rate limited.
FS_TIMES=1000000000
faults_injected=0
faults_count() {
	[ $failslab = 1 ] || return 0
	faults_injected=$((faults_injected + FS_TIMES - $(cat $FS/times)))
	echo $FS_TIMES >$FS/times
}
fault_lines() { dmesg | grep -c 'FAULT_INJECTION: forcing a failure'; }
if [ -d $FS ]; then
	failslab=1
	faults_before=$(fault_lines)
	if [ -e $FS/require-start ]; then
		log "failslab: present, limited to lbridge's text (stacktrace filter), 5%"
	elif fdb_slab_flagged; then
		log "failslab: present without stacktrace filter: lbridge's lbr_fdb_entry cache only, 5%"
	else
		log "failslab: present, but no stacktrace filter and lbr_fdb_entry lacks the failslab flag (boot with slub_debug=A,lbr_fdb_entry): no faults injected"
	fi
else
	log "failslab: absent from this kernel (CONFIG_FAILSLAB), no faults injected"
fi

# ------------------------------------------------------------- churn ----

# Namespaces are soakN; "-" is the initial one.  Bridges sbN, ports svNa
# with their peer svNb in the same namespace.
nsx() { if [ "$1" = - ]; then shift; "$@"; else ip netns exec "$@"; fi; }
namespaces() { echo -; ip netns list | awk '/^soak/ {print $1}'; }
bridges_in() { nsx "$1" ip -o link show type bridge 2>/dev/null | awk -F': ' '{print $2}'; }
ports_in() { nsx "$1" ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed -n 's/@.*//; /^sv[0-9]*a$/p'; }
enslaved_in() { nsx "$1" ip -o link show 2>/dev/null | grep ' master ' | awk -F': ' '{print $2}' | sed -n 's/@.*//; /^sv[0-9]*a$/p'; }
peers_in() { nsx "$1" ip -o link show up 2>/dev/null | awk -F': ' '{print $2}' | sed -n 's/@.*//; /^sv[0-9]*b$/p'; }
# Not $(next): a subshell's increment would be lost.
seq_no=0
next() { seq_no=$((seq_no + 1)); }

do_ns_add() {
	local ns n
	next
	ns=soak$seq_no
	op ns_add ip netns add "$ns" || return
	ip -n "$ns" link set lo up
	next
	n=$seq_no
	op bridge_add ip -n "$ns" link add "sb$n" type bridge ageing_time $((100 + RANDOM % 500))
	op bridge_up ip -n "$ns" link set "sb$n" up
}
do_ns_del() {
	local ns
	ns=$(namespaces | grep soak | pick)
	[ -n "$ns" ] && op ns_del ip netns del "$ns"
}
do_br_add() {
	local ns n
	ns=$(namespaces | pick)
	next
	n=$seq_no
	op bridge_add nsx "$ns" ip link add "sb$n" type bridge ageing_time $((100 + RANDOM % 1000))
	op bridge_up nsx "$ns" ip link set "sb$n" up
}
do_br_del() {
	local ns br
	ns=$(namespaces | pick)
	br=$(bridges_in "$ns" | pick)
	[ -n "$br" ] && [ "$br" != sbping ] && op bridge_del nsx "$ns" ip link del "$br"
}
do_port_add() {
	local ns br n
	ns=$(namespaces | pick)
	br=$(bridges_in "$ns" | pick)
	[ -n "$br" ] && [ "$br" != sbping ] || return
	next
	n=$seq_no
	op veth_add nsx "$ns" ip link add "sv${n}a" type veth peer name "sv${n}b" || return
	op port_add nsx "$ns" ip link set "sv${n}a" master "$br" up
	nsx "$ns" ip link set "sv${n}b" up
}
do_port_del() {
	local ns p
	ns=$(namespaces | pick)
	p=$(ports_in "$ns" | pick)
	[ -n "$p" ] || return
	if [ $((RANDOM % 2)) = 0 ]; then
		op port_del nsx "$ns" ip link set "$p" nomaster
	else
		op veth_del nsx "$ns" ip link del "$p"
	fi
}
do_fdb() {
	local ns p br
	ns=$(namespaces | pick)
	p=$(enslaved_in "$ns" | pick)
	[ -n "$p" ] || return
	case $((RANDOM % 4)) in
	0 | 1) op fdb_add nsx "$ns" bridge fdb add "$(rmac)" dev "$p" master static ;;
	2) op fdb_flush nsx "$ns" bridge fdb flush dev "$p" master ;;
	3)
		br=$(nsx "$ns" ip -o link show "$p" | sed -n 's/.* master \([^ ]*\).*/\1/p')
		[ -n "$br" ] && op fdb_flush nsx "$ns" ip link set "$br" type bridge fdb_flush
		;;
	esac
	local mac
	mac=$(nsx "$ns" bridge fdb show dev "$p" 2>/dev/null | awk '/static/ {print $1; exit}')
	[ -z "$mac" ] || op fdb_del nsx "$ns" bridge fdb del "$mac" dev "$p" master
}
do_opts() {
	local ns br p
	ns=$(namespaces | pick)
	br=$(bridges_in "$ns" | pick)
	p=$(enslaved_in "$ns" | pick)
	case $((RANDOM % 5)) in
	0) [ -n "$br" ] && op netlink_set nsx "$ns" ip link set "$br" type bridge \
		ageing_time $((RANDOM % 3000)) priority $((RANDOM % 65536)) ;;
	1) [ -n "$p" ] && op netlink_set nsx "$ns" bridge link set dev "$p" \
		learning "$(pick on off)" flood "$(pick on off)" cost $((1 + RANDOM % 1000)) ;;
	2) [ -n "$br" ] && op sysfs_write nsx "$ns" sh -c \
		"echo $((RANDOM % 2000)) > /sys/class/net/$br/bridge/ageing_time" ;;
	3) [ -n "$p" ] && op sysfs_write nsx "$ns" sh -c \
		"echo $((RANDOM % 2)) > /sys/class/net/$p/brport/$(pick learning unicast_flood hairpin_mode broadcast_flood)" ;;
	4) [ -n "$br" ] && op sysfs_write nsx "$ns" sh -c "echo 1 > /sys/class/net/$br/bridge/flush" ;;
	esac
}
do_traffic() {
	local ns p
	ns=$(namespaces | pick)
	p=$(peers_in "$ns" | pick)
	[ -n "$p" ] || return
	op mausezahn nsx "$ns" timeout 20 mausezahn -q "$p" -a rand -b "$(pick bcast "$(rmac)")" \
		-c $((50 + RANDOM % 400)) -d 0
}

# A fixed pair of hosts behind sbping, pinged now and then.
ping_setup() {
	ip netns add sping1 2>/dev/null
	ip netns add sping2 2>/dev/null
	ip link add sbping type bridge 2>/dev/null
	ip link set sbping up
	local i
	for i in 1 2; do
		ip link add "spg$i" type veth peer name eth0 netns "sping$i" 2>/dev/null
		ip link set "spg$i" master sbping up
		ip -n "sping$i" addr add "192.0.2.$i/24" dev eth0 2>/dev/null
		ip -n "sping$i" link set eth0 up
	done
}
do_ping() {
	[ -d /sys/class/net/sbping ] || ping_setup
	if ! ip netns exec sping1 ping -q -c 2 -W 2 192.0.2.2 >/dev/null; then
		n_err[ping]=$((${n_err[ping]:-0} + 1))
		# Allocation faults may drop a ping; without them, one retry.
		[ $failslab = 1 ] || ip netns exec sping1 ping -q -c 2 -W 2 192.0.2.2 >/dev/null ||
			failure "sping1 cannot ping sping2 across sbping"
	else
		n_ok[ping]=$((${n_ok[ping]:-0} + 1))
	fi
}
do_fuzz() {
	[ -x "$FUZZ" ] || return
	local seed=$((SEED * 1000 + RANDOM)) out
	out=$(mktemp)
	if "$FUZZ" --seed $seed --seconds 8 --jobs 2 >"$out" 2>&1; then
		n_ok[lbrfuzz]=$((${n_ok[lbrfuzz]:-0} + 1))
	else
		n_err[lbrfuzz]=$((${n_err[lbrfuzz]:-0} + 1))
		# One line per kind of inconsistency, numbers masked.
		failure "lbrfuzz --seed $seed: $(grep -a '^INCONSISTENT' "$out" |
			sed 's/[0-9a-f]\{12\} .*//; s/[0-9]\+/N/g' | sort | uniq -c | tr '\n' ';' ||
			tail -n1 "$out")"
	fi
	rm -f "$out"
}
do_reload() {
	failslab_off
	op rmmod rmmod lbridge
	if [ -r $OBJ ] || [ -d /sys/module/lbridge ]; then
		failure "lbridge still loaded after rmmod"
	fi
	op insmod insmod "$MODULE"
	failslab_on
}

ping_setup
failslab_on
end=$((SECONDS + MINUTES * 60))
last_reload=$SECONDS
log "churn for $MINUTES minutes, seed $SEED"
while [ $SECONDS -lt $end ]; do
	case $((RANDOM % 20)) in
	0) do_ns_add ;;
	1) do_ns_del ;;
	2 | 3) do_br_add ;;
	4) do_br_del ;;
	5 | 6 | 7) do_port_add ;;
	8) do_port_del ;;
	9 | 10) do_fdb ;;
	11 | 12) do_opts ;;
	13 | 14 | 15) do_traffic ;;
	16) do_ping ;;
	17) [ $((RANDOM % 4)) = 0 ] && do_fuzz ;;
	*)
		# Reload every ~90 s at most: each one tears everything down.
		if [ $((SECONDS - last_reload)) -gt 90 ]; then
			do_reload
			last_reload=$SECONDS
		fi
		;;
	esac
done
failslab_off
[ -d /sys/module/lbridge ] || insmod "$MODULE"

# ------------------------------------------------------ final checks ----

log "churn over: $(objects)"
for ns in $(ip netns list | awk '{print $1}'); do
	ip netns del "$ns"
done
for br in $(bridges_in -); do
	ip link del "$br"
done
ip -o link show | awk -F': ' '{print $2}' | sed -n 's/@.*//; /^s[vp]/p' | xargs -r -n1 ip link del 2>/dev/null
if [ -r $OBJ ]; then
	if wait_for 60 objects_zero; then
		log "live objects back to zero after every bridge went: $(objects)"
	else
		failure "live objects not zero 60 s after every bridge went: $(objects)"
	fi
fi
if [ -e $DBG/kmemleak ]; then
	echo scan >$DBG/kmemleak
	echo scan >$DBG/kmemleak
	leaks=$(grep -c unreferenced $DBG/kmemleak)
	lbr_leaks=$(grep -c 'lbr_\|lbridge' $DBG/kmemleak)
	log "kmemleak: $leaks unreferenced objects, $lbr_leaks backtrace lines in lbridge"
	[ "$lbr_leaks" = 0 ] || { failure "kmemleak reports lbridge leaks"; head -n 60 $DBG/kmemleak; }
fi

# The fixed topology: hosts h1..h3 on ports p1..p3 of br0 in netns fsw, three
# source MACs each; the bridge must have learnt exactly those.
F=soakfin
ip netns add ${F}sw
ip netns exec ${F}sw sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n ${F}sw link add br0 type bridge ageing_time 30000
ip -n ${F}sw link set br0 up
expect=$(mktemp)
for h in 1 2 3; do
	ip netns add "$F$h"
	ip netns exec "$F$h" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip -n ${F}sw link add "p$h" type veth peer name eth0 netns "$F$h"
	ip netns exec "$F$h" sysctl -qw net.ipv6.conf.eth0.disable_ipv6=1
	ip -n ${F}sw link set "p$h" master br0 up
	ip -n "$F$h" link set eth0 up
done
for h in 1 2 3; do
	wait_for 10 ip netns exec ${F}sw grep -qx 3 "/sys/class/net/br0/brif/p$h/state" ||
		failure "port p$h of the final bridge not forwarding"
	for m in 1 2 3; do
		mac=02:5f:00:00:0$h:0$m
		echo "$mac p$h" >>"$expect"
		ip netns exec "$F$h" mausezahn -q eth0 -a "$mac" -b bcast -c 2 -d 0 >/dev/null 2>&1
	done
done
sort -o "$expect" "$expect"
got=$(ip netns exec ${F}sw bridge -j fdb show br br0 |
	jq -r '.[] | select(.state != "permanent") | select((.flags // []) | index("self") | not) | "\(.mac) \(.ifname)"' |
	sort)
if [ "$got" = "$(cat "$expect")" ]; then
	log "final FDB: exactly the 9 taught entries"
else
	failure "final FDB differs from what traffic taught it"
	diff <(cat "$expect") <(echo "$got") | sed 's/^/soak:   /'
fi
rm -f "$expect"
for ns in ${F}sw ${F}1 ${F}2 ${F}3; do
	ip netns del "$ns"
done
[ ! -r $OBJ ] || wait_for 30 objects_zero || failure "objects not zero after the final topology: $(objects)"
if rmmod lbridge; then
	dmesg | grep -q 'left at exit' && failure "$(dmesg | grep 'left at exit')"
else
	failure "rmmod lbridge failed"
fi

# ------------------------------------------------------------ report ----

log "operations (ok/failed):"
for k in $(printf '%s\n' "${!n_ok[@]}" "${!n_err[@]}" | sort -u); do
	printf 'soak:   %-12s %6d ok %6d failed\n' "$k" "${n_ok[$k]:-0}" "${n_err[$k]:-0}"
done
for k in $(printf '%s\n' "${!first_err[@]}" | sort); do
	log "first $k failure: ${first_err[$k]:0:300}"
done
if [ $failslab = 1 ]; then
	log "faults injected by failslab: $faults_injected ($(($(fault_lines) - faults_before)) FAULT_INJECTION lines in dmesg, rate limited)"
else
	log "faults injected: none (no failslab in this kernel)"
fi
if [ ${#failures[@]} -eq 0 ]; then
	log "verdict: PASS ($MINUTES min, seed $SEED; splats are vm.sh's to report)"
	exit 0
fi
log "verdict: FAIL (${#failures[@]}): ${failures[*]}"
exit 1

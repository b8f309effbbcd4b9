#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fwdprof-guest.sh - scripts/fwdprof's guest side: one bridge per datapath, pktgen through it, function_graph times per function.
set -u

T=/sys/kernel/tracing
PG=/proc/net/pktgen
FRAMES=${FWDPROF_FRAMES:-3000}

# Default sets: the entry point, then what it calls, one run each.
BRIDGE_SETS="br_handle_frame br_handle_frame_finish skb_clone br_fdb_update
br_fdb_find_rcu br_forward br_forward_finish br_dev_queue_push_xmit
__dev_queue_xmit veth_xmit"
LBRIDGE_SETS="lbr_handle_frame lbr_pipeline_rx skb_clone lbr_pipeline_learn
lbr_fdb_learn_rcu lbr_fdb_find_rcu lbr_forward lbr_forward_xmit
__dev_queue_xmit veth_xmit"

die() { echo "fwdprof-guest: $*" >&2; exit 1; }

mountpoint -q $T || mount -t tracefs nodev $T || die "no tracefs"
echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6
echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
modprobe pktgen || die "no pktgen"
ip link add bg0 type veth peer name bp0
ip link add bq0 type veth peer name bs0
for l in bg0 bp0 bq0 bs0; do ip link set "$l" up; done
# The sink drops at tc ingress, as the bench's do.
tc qdisc add dev bs0 clsact
tc filter add dev bs0 ingress matchall action drop
DST=$(cat /sys/class/net/bs0/address)

pg() { echo "$2" >"$PG/$1" || echo "fwdprof-guest: pktgen $1 refused '$2'" >&2; }
burst() { # burst N: N frames bg0 -> DST, waits for them
	local c
	pg pgctrl reset
	pg kpktgend_0 "add_device bg0"
	for c in "count $1" "pkt_size 60" "clone_skb 0" "delay 0" "dst_mac $DST" \
		"dst 198.51.100.2" "src_min 198.51.100.1" "src_max 198.51.100.1" \
		"flag NO_TIMESTAMP"; do
		pg bg0 "$c"
	done
	pg pgctrl start
}
bridge_up() {
	ip link add bbr0 type bridge || return 1
	[ "${FWDPROF_VLAN:-0}" = 0 ] || ip link set bbr0 type bridge vlan_filtering 1 || return 1
	ip link set bp0 master bbr0 && ip link set bq0 master bbr0 && ip link set bbr0 up || return 1
	bridge fdb add "$DST" dev bq0 master static || return 1
	for _ in $(seq 100); do
		[ "$(cat /sys/class/net/bp0/brport/state)" = 3 ] &&
			[ "$(cat /sys/class/net/bq0/brport/state)" = 3 ] && return 0
		sleep 0.1
	done
	return 1
}
bridge_down() { ip link del bbr0; }

# trace DP FUNC...: time FUNC... over a burst; one line per function:
# "DP FUNC calls N median M mean A" (instructions per call)
trace() {
	local dp=$1 f ok=()
	shift
	echo 0 >$T/tracing_on
	echo nop >$T/current_tracer
	echo >$T/trace
	: >$T/set_ftrace_filter
	for f in "$@"; do
		if echo "$f" >>$T/set_ftrace_filter 2>/dev/null; then
			ok+=("$f")
		else
			echo "$dp $f not-traceable"
		fi
	done
	[ ${#ok[@]} -gt 0 ] || return 0
	echo 32768 >$T/buffer_size_kb
	echo function_graph >$T/current_tracer
	echo 1 >$T/options/funcgraph-tail
	echo 0 >$T/options/funcgraph-irqs
	burst 200
	echo 1 >$T/tracing_on
	burst "$FRAMES"
	echo 0 >$T/tracing_on
	# "FUNC DURATION" per completed call, then per function: calls,
	# median and mean (the guest's awk has no asort: sort does it).
	awk '
	/ us / {
		sub(/ \[[A-Za-z0-9_]+\]/, "")	# the module tag of module functions
		if (!match($0, /[0-9]+\.[0-9]+ us/)) next
		d = substr($0, RSTART, RLENGTH - 3) * 1000
		name = ""
		if (match($0, /\/\* [A-Za-z0-9_.]+ \*\//)) name = substr($0, RSTART + 3, RLENGTH - 6)
		else if (match($0, /[A-Za-z0-9_.]+\(\);/)) name = substr($0, RSTART, RLENGTH - 3)
		if (name != "") printf "%s %.0f\n", name, d
	}' $T/trace | sort -k1,1 -k2,2n | awk -v dp="$dp" '
	function flush() {
		if (n) printf "%s %s calls %d median %d mean %.0f\n", dp, cur, n, v[int((n + 1) / 2)], s / n
	}
	$1 != cur { flush(); cur = $1; n = 0; s = 0 }
	{ v[++n] = $2; s += $2 }
	END { flush() }'
}

for dp in "$@"; do
	case $dp in
	bridge)
		modprobe bridge || die "no bridge.ko"
		sets=${FWDPROF_SETS:-$BRIDGE_SETS}
		;;
	lbridge)
		insmod "${LBR_MODULE:?}" || die "insmod $LBR_MODULE"
		sets=${FWDPROF_SETS:-$LBRIDGE_SETS}
		;;
	*) die "unknown datapath $dp" ;;
	esac
	bridge_up || die "$dp: bridge setup failed"
	for s in $sets; do
		# shellcheck disable=SC2086 # a set is comma-separated functions
		trace "$dp" ${s//,/ }
	done
	bridge_down
	rmmod "$dp" || die "rmmod $dp"
done
echo 0 >$T/tracing_on
echo nop >$T/current_tracer

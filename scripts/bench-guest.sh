#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench-guest.sh - scripts/bench's guest side: every case on the tc-mirred floor, bridge.ko, lbridge and OVS, interleaved.
#
# usage (as root inside the scripts/vm.sh guest):
#	scripts/bench-guest.sh [--smoke] [--perf] [--datapaths "floor bridge lbridge ovs"]
#	                       [--cases "fwd flood latency learn control vlan nf mcast stp rstp bpdu"]
# For each repetition the datapaths run in turn (floor, bridge.ko, lbridge,
# Open vSwitch's kernel datapath, then again), switching modules or daemons
# in between (rmmod/insmod), each running every case that applies once.
# Results go to stdout, one line each, for scripts/bench-report.sh:
#	meta KEY VALUE...
#	case ID UNIT BETTER LABEL...      (BETTER: higher or lower)
#	target ID OP VALUE                (lbridge/bridge.ko ratio goal; OP le|ge)
#	result ID DATAPATH REP VALUE
#	limit ID DATAPATH VALUE REASON... (no figure: a limit was hit at VALUE)
#	skip ID DATAPATH REASON...
#	perf DATAPATH CASE LINE...        (--perf: profile of CPU 0 in fwd1,
#	                                   flood_bc_2 and learn)
# Progress goes to stderr.  Sizes come from LBR_BENCH_* (see scripts/bench
# --help); --smoke shrinks everything to about ten seconds of measuring.
# The values are never checked here: this only measures.
set -uo pipefail

PROG=bench-guest
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
LBR_MODULE=${LBR_MODULE:-$REPO/lbridge.ko}

smoke=0
perf=0
datapaths="floor bridge lbridge ovs"
cases="fwd flood latency learn control vlan nf mcast stp rstp bpdu"
while [ $# -gt 0 ]; do
	case $1 in
	--smoke) smoke=1; shift ;;
	--perf) perf=1; shift ;;
	--datapaths) datapaths=${2:?}; shift 2 ;;
	--cases) cases=${2?}; shift 2 ;;
	-h | --help) sed -n '3,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "$PROG: unknown argument $1" >&2; exit 2 ;;
	esac
done

if [ $smoke = 1 ]; then
	: "${LBR_BENCH_REPS:=1}" "${LBR_BENCH_SECS:=0.3}" "${LBR_BENCH_WARMUP:=0.1}"
	: "${LBR_BENCH_MACS:=256}" "${LBR_BENCH_PORTS:=1 16}" "${LBR_BENCH_BRIDGES:=4}"
	: "${LBR_BENCH_FLOOD:=2 8}" "${LBR_BENCH_PINGS:=5}" "${LBR_BENCH_CP_REPS:=1}"
	: "${LBR_BENCH_RR_SECS:=2}" "${LBR_BENCH_AGEING:=100}" "${LBR_BENCH_DUMP_MACS:=256}"
	: "${LBR_BENCH_VLAN_PORTS:=4}" "${LBR_BENCH_VLANS:=100}" "${LBR_BENCH_MDB_GROUPS:=256}"
fi
REPS=${LBR_BENCH_REPS:-5}
SECS=${LBR_BENCH_SECS:-2}		# measuring window of a rate
WARMUP=${LBR_BENCH_WARMUP:-0.5}		# traffic before the window opens
FLOW_WAIT=${LBR_BENCH_FLOW_WAIT:-60}	# s a rate waits for its first frame
ISOLATE=${LBR_BENCH_ISOLATE:-1}		# 0: cases inherit what ran before
MACS=${LBR_BENCH_MACS:-16384}		# distinct source MACs to learn
PORTS=${LBR_BENCH_PORTS:-1 1024 4096}	# ports attached to one bridge
BRIDGES=${LBR_BENCH_BRIDGES:-100}	# bridges created and deleted
FLOOD=${LBR_BENCH_FLOOD:-2 8}		# flood fan-outs
PINGS=${LBR_BENCH_PINGS:-50}		# echo requests per latency figure
RR_SECS=${LBR_BENCH_RR_SECS:-3}		# TCP request/response run (whole s, >= 2)
AGEING=${LBR_BENCH_AGEING:-100}		# ageing_time (cs) of the age-out case
CP_REPS=${LBR_BENCH_CP_REPS:-3}		# repetitions of the many-port cases
DUMP_MACS=${LBR_BENCH_DUMP_MACS:-16384}	# entries of the many-port fdb dump
VLAN_PORTS=${LBR_BENCH_VLAN_PORTS:-256}	# ports given every VLAN
VLANS=${LBR_BENCH_VLANS:-4094}		# VLANs 1..VLANS on each of them
MDB_GROUPS=${LBR_BENCH_MDB_GROUPS:-10000}	# MDB groups (x 8 ports; joins), <= 65536
read -ra PORTS_A <<<"$PORTS"
read -ra FLOOD_A <<<"$FLOOD"

log() { echo "$PROG: $*" >&2; }
die() {
	log "FATAL: $*"
	exit 1
}
{ [ "$MDB_GROUPS" -ge 1 ] && [ "$MDB_GROUPS" -le 65536 ]; } ||
	die "LBR_BENCH_MDB_GROUPS=$MDB_GROUPS: 1 to 65536 (groups 239.N.x.y)"

# ------------------------------------------------------------- helpers ----

# Sleep without an exec (every exec goes over 9p and costs milliseconds).
exec {nap_fd}<> <(:)
nap() { read -r -t "$1" -u "$nap_fd" || true; }
now() { _now=${EPOCHREALTIME/[.,]/}; }	# microseconds into $_now

# fdiv NUM DEN DECIMALS: NUM/DEN rounded, fixed point, integers only.
fdiv() {
	local n=$1 d=$2 p=$3 m s='' q
	m=$((10 ** p))
	[ "$d" -ne 0 ] || { echo nan; return; }
	if [ "$n" -lt 0 ]; then s=-; n=$((-n)); fi
	q=$(((n * m * 2 + d) / (2 * d)))
	if [ "$p" -gt 0 ]; then
		printf '%s%d.%0*d\n' "$s" $((q / m)) "$p" $((q % m))
	else
		printf '%s%d\n' "$s" "$q"
	fi
}

declare -A case_seen=()
# def ID UNIT BETTER LABEL...: declare a case (once).
def() {
	[ -z "${case_seen[$1]:-}" ] || return 0
	case_seen[$1]=1
	echo "case $*"
}
# goal ID le|ge RATIO: issue 5's target for lbridge/bridge.ko (once).
goal() {
	[ -z "${case_seen[goal_$1]:-}" ] || return 0
	case_seen[goal_$1]=1
	echo "target $*"
}
cur_dp='' cur_rep=0
res() { # res ID VALUE
	echo "result $1 $cur_dp $cur_rep $2"
	log "rep $cur_rep $cur_dp $1 = $2"
}
skip() { # skip ID REASON...
	local id=$1
	shift
	echo "skip $id $cur_dp $*"
	log "rep $cur_rep $cur_dp $id skipped: $*"
}
limit() { # limit ID VALUE REASON...
	local id=$1 v=$2
	shift 2
	echo "limit $id $cur_dp $v $*"
	log "rep $cur_rep $cur_dp $id limit $v: $*"
}

rd() { local v; read -r v <"$1" && echo "$v"; }	# first line of a file
rx() { read -r _rx <"/sys/class/net/$1/statistics/rx_packets"; }
# sinks N: sum of the rx counters of bs0..bs(N-1) into $_sum.
sinks() {
	local i
	_sum=0
	for ((i = 0; i < $1; i++)); do
		rx "bs$i"
		_sum=$((_sum + _rx))
	done
}
mac() { rd "/sys/class/net/$1/address"; }

# mem_free_kb: free memory (kB) into $_mem, counted to the page: every slab
# cache shrunk first (per-CPU slabs keep freed objects), and the pages on
# the per-CPU free lists added to the zones' free pages (MemFree and
# MemAvailable leave them out, and they hold megabytes after traffic).
mem_free_kb() {
	local f k v r pages=0
	for f in /sys/kernel/slab/*/shrink; do
		echo 1 >"$f"
	done 2>/dev/null
	echo 1 >/proc/sys/vm/stat_refresh 2>/dev/null
	while read -r k v r; do
		case $k in
		pages) [ "$v" != free ] || pages=$((pages + ${r%% *})) ;;
		count:) pages=$((pages + v)) ;;
		esac
	done </proc/zoneinfo
	_mem=$((pages * 4))
}

# ------------------------------------------------------------- modules ----

mod_loaded() { [ -d "/sys/module/$1" ]; }

# Open vSwitch: ovsdb-server and ovs-vswitchd from the host's /, their state
# in the guest's tmpfs; running only while OVS is the datapath measured.
OVS_DIR=/tmp/lbrbench-ovs
export OVS_RUNDIR=$OVS_DIR OVS_DBDIR=$OVS_DIR OVS_LOGDIR=$OVS_DIR OVS_SYSCONFDIR=$OVS_DIR
ovs_on=0
ovs_start() {
	[ $ovs_on = 0 ] || return 0
	if ! command -v ovs-vswitchd >/dev/null || ! command -v ovsdb-server >/dev/null; then
		echo "openvswitch-switch is not installed (scripts/deps.sh)"
		return 1
	fi
	modprobe openvswitch || return 1
	mkdir -p $OVS_DIR
	if [ ! -f $OVS_DIR/conf.db ]; then
		ovsdb-tool create $OVS_DIR/conf.db /usr/share/openvswitch/vswitch.ovsschema || return 1
	fi
	if ! ovsdb-server --remote=punix:$OVS_DIR/db.sock --pidfile --detach --no-chdir \
		--log-file=$OVS_DIR/ovsdb-server.log $OVS_DIR/conf.db ||
		! ovs-vsctl --no-wait init ||
		! ovs-vswitchd --pidfile --detach --no-chdir --log-file=$OVS_DIR/ovs-vswitchd.log; then
		ovs_stop
		return 1
	fi
	ovs_on=1
}
ovs_stop() {
	ovs-appctl -t ovs-vswitchd exit --cleanup 2>/dev/null
	ovs-appctl -t ovsdb-server exit 2>/dev/null
	ovs_on=0
	return 0
}

# use_dp DATAPATH: load what DATAPATH needs, unload what it excludes.
use_dp() {
	[ "$1" = ovs ] || [ $ovs_on = 0 ] || ovs_stop
	case $1 in
	floor) return 0 ;;
	bridge)
		if mod_loaded lbridge; then
			rmmod lbridge || return 1
		fi
		mod_loaded bridge || modprobe bridge
		;;
	lbridge)
		if mod_loaded bridge; then
			modprobe -r bridge || rmmod bridge || return 1
		fi
		mod_loaded lbridge || insmod "$LBR_MODULE"
		;;
	ovs) ovs_start ;;
	*) echo "unknown datapath $1"; return 1 ;;
	esac
}

# Which cases a datapath runs: OVS has no Linux-bridge FDB or bridge
# devices to measure, the floor no FDB at all (it only times the learning
# traffic, its cost without a bridge).
applies() { # applies CASE
	case $cur_dp:$1 in
	floor:control | ovs:learn | ovs:control | ovs:vlan | ovs:nf | floor:stp | ovs:stp | floor:rstp | ovs:rstp | floor:bpdu | ovs:bpdu) return 1 ;;
	esac
	return 0
}

# --------------------------------------------------------------- setup ----

PG=/proc/net/pktgen
NSINKS=8
for n in "${FLOOD_A[@]}"; do
	[ "$n" -le "$NSINKS" ] || NSINKS=$n
done
maxports=0
for n in "${PORTS_A[@]}"; do
	[ "$n" -le "$maxports" ] || maxports=$n
done
NCPU=$(nproc)
NS_H1=lbrbench-h1
NS_H2=lbrbench-h2
NS_CP=lbrbench-cp	# control-plane cases: deleting a netns is one batch
RR_PORT=11111
pg_pid='' rr_pid=''

cleanup() {
	local l b=/tmp/lbrbench.cleanup i
	[ -e $PG/pgctrl ] && echo reset >$PG/pgctrl 2>/dev/null
	[ -z "$pg_pid" ] || wait "$pg_pid" 2>/dev/null
	[ -z "$rr_pid" ] || kill "$rr_pid" 2>/dev/null
	[ $ovs_on = 0 ] || ovs_stop
	{
		for l in bbr0 bg0 bg1 bl1 bl2; do echo "link del $l"; done
		for ((i = 0; i < NSINKS; i++)); do echo "link del bq$i"; done
	} >$b
	ip -force -b $b >/dev/null 2>&1
	ip netns del $NS_CP 2>/dev/null
	ip netns del $NS_H1 2>/dev/null
	ip netns del $NS_H2 2>/dev/null
	rm -rf /tmp/lbrbench.* $OVS_DIR
	nf_companions_gone
	return 0
}
trap cleanup EXIT

setup() {
	local i b=/tmp/lbrbench.setup
	echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6
	echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
	modprobe pktgen || die "modprobe pktgen failed"
	[ -e $PG/pgctrl ] || die "no $PG/pgctrl"
	modprobe dummy numdummies=0 2>/dev/null || true
	if ! ip netns add $NS_H1 || ! ip netns add $NS_H2 || ! ip netns add $NS_CP; then
		die "netns"
	fi
	{
		# generators gN (pktgen) -> pN (bridge port or tc ingress)
		echo "link add bg0 type veth peer name bp0"
		echo "link add bg1 type veth peer name bp1"
		# egress ports qN -> sinks sN (tc drop, counted)
		for ((i = 0; i < NSINKS; i++)); do
			echo "link add bq$i type veth peer name bs$i"
		done
		# hosts for the latency cases: lbrbench-hN eth0 -> lN
		echo "link add bl1 type veth peer name eth0 netns $NS_H1"
		echo "link add bl2 type veth peer name eth0 netns $NS_H2"
		for l in bg0 bp0 bg1 bp1 bl1 bl2; do
			echo "link set $l up"
		done
		for ((i = 0; i < NSINKS; i++)); do
			echo "link set bq$i up"
			echo "link set bs$i up"
		done
	} >$b
	ip -b $b || die "setup links"
	for ((i = 0; i < maxports; i++)); do
		echo "link add bd$i type dummy"
		echo "link set bd$i up"
	done >$b
	ip -n $NS_CP -b $b || die "setup dummies"
	{
		for ((i = 0; i < NSINKS; i++)); do
			echo "qdisc add dev bs$i clsact"
			echo "filter add dev bs$i ingress pref 1 matchall action drop"
		done
	} >$b
	tc -b $b || die "setup sinks"
	{ ip -n $NS_H1 addr add 192.0.2.1/24 dev eth0 && ip -n $NS_H1 link set eth0 up &&
		ip -n $NS_H1 link set lo up &&
		ip -n $NS_H2 addr add 192.0.2.2/24 dev eth0 && ip -n $NS_H2 link set eth0 up &&
		ip -n $NS_H2 link set lo up; } ||
		die "setup hosts"
	# The request/response server stays up for the whole run.
	if command -v sockperf >/dev/null; then
		# Client and server share CPU 0: a wake-up across vCPUs waits for
		# the host to run the other vCPU thread, milliseconds on a busy host.
		ip netns exec $NS_H2 taskset -c 0 sockperf server --tcp -i 192.0.2.2 -p $RR_PORT >/dev/null 2>&1 &
		rr_pid=$!
	fi
	rm -f $b
}

# ----------------------------------------------------- datapath config ----

# The same ports are used by every datapath: for floor a tc rule on the
# ingress port redirects (or mirrors) to the egress ports; for bridge and
# lbridge they become ports of bbr0 (the same ip/bridge commands for both);
# for ovs ports of the OVS bridge bbr0 with its default NORMAL (learning
# switch) flow, of which the kernel datapath caches one flow per packet kind.

tc_clear() { local d; for d in "$@"; do tc qdisc del dev "$d" clsact 2>/dev/null; done; return 0; }

# floor_redirect IN OUT...: every frame arriving on IN goes out of every OUT.
floor_redirect() {
	local in=$1 n=$# i=0 a=() o
	shift
	for o in "$@"; do
		i=$((i + 1))
		if [ $i -lt $((n - 1)) ]; then
			a+=(action mirred egress mirror dev "$o")
		else
			a+=(action mirred egress redirect dev "$o")
		fi
	done
	tc qdisc add dev "$in" clsact && tc filter add dev "$in" ingress pref 1 matchall "${a[@]}"
}

port_fwd() { [ "$(rd "/sys/class/net/$1/brport/state")" = 3 ]; }
# br_up PORT...: bbr0 with these ports, up, every port forwarding.
br_up() {
	local p b=/tmp/lbrbench.br i
	{
		echo "link add bbr0 type bridge"
		for p in "$@"; do
			echo "link set $p master bbr0"
		done
		echo "link set bbr0 up"
	} >$b
	ip -b $b || return 1
	for p in "$@"; do
		for ((i = 0; i < 200; i++)); do
			port_fwd "$p" && break
			nap 0.05
		done
		port_fwd "$p" || { log "port $p never forwards"; return 1; }
	done
}
br_down() { ip link del bbr0 2>/dev/null; return 0; }

# ovs_up PORT...: OVS bridge bbr0 with these ports (ovs-vsctl waits until
# ovs-vswitchd has applied it).
ovs_up() {
	local p a=(-- add-br bbr0)
	for p in "$@"; do a+=(-- add-port bbr0 "$p"); done
	ovs-vsctl --timeout=60 "${a[@]}" >/dev/null
}
ovs_down() { ovs-vsctl --timeout=60 --if-exists del-br bbr0; return 0; }

# isolate: every case starts from the same state, whatever ran before it.
# The datapath's module is reloaded, so no bridge, FDB entry, pending
# ageing pass, RCU callback or rhashtable resize of an earlier case
# survives (rmmod waits for them all); reclaimable memory is dropped and
# compacted so that allocations start from the same free lists.
isolate() {
	case $cur_dp in
	bridge)
		rmmod bridge && modprobe bridge
		;;
	lbridge)
		rmmod lbridge && insmod "$LBR_MODULE"
		;;
	esac || log "isolate: cannot reload the $cur_dp module"
	pg_reset
	sync
	echo 3 >/proc/sys/vm/drop_caches
	echo 1 >/proc/sys/vm/compact_memory 2>/dev/null
	return 0
}

# ------------------------------------------------------------- pktgen ----

pgw() { # pgw FILE CMD: one pktgen command, checked
	echo "$2" >"$PG/$1" || { log "pktgen $1: '$2' refused"; return 1; }
}
# pg_dev THREAD DEV DST_MAC COUNT [SRC_MAC SRC_COUNT]; the destination IP
# is 198.51.100.2 unless pg_dst names another (pg_dst=239.1.1.1 pg_dev ...).
pg_dev() {
	pgw "kpktgend_$1" "add_device $2" &&
		pgw "$2" "count $4" && pgw "$2" "pkt_size 60" && pgw "$2" "clone_skb 0" &&
		pgw "$2" "delay 0" && pgw "$2" "dst_mac $3" &&
		pgw "$2" "dst ${pg_dst:-198.51.100.2}" && pgw "$2" "src_min 198.51.100.1" &&
		pgw "$2" "src_max 198.51.100.1" && pgw "$2" "flag NO_TIMESTAMP" || return 1
	if [ $# -ge 6 ]; then
		pgw "$2" "src_mac $5" && pgw "$2" "src_mac_count $6" || return 1
	fi
	# Debian 6.1's pktgen divides by the run's elapsed time when a counted
	# run ends: with a jiffies clock a short run takes 0 ns and oopses.
	# Spread such a run over 20 ms (its figures mean nothing there anyway).
	if [ "$4" -gt 0 ] && coarse_clock; then
		pgw "$2" "delay $((20000000 / $4 + 1))" || return 1
	fi
}
pg_reset() { echo reset >$PG/pgctrl 2>/dev/null; return 0; }

# rate NSINKS: run the configured pktgen devices, print sink frames/s over
# the window (after the warm-up), into $_rate.  The warm-up starts once the
# first frame reached a sink: Open vSwitch forwards only after ovs-vswitchd
# installed the flow, which a slow guest (debug kernel, one CPU shared with
# pktgen) can take longer than a smoke run's whole window to do.
rate() {
	local c0 c1 c2 t1 t2 waited=0
	sinks "$1"; c0=$_sum
	(echo start >$PG/pgctrl) 2>/dev/null &
	pg_pid=$!
	sinks "$1"
	while [ "$_sum" -eq "$c0" ] && [ $waited -lt $((FLOW_WAIT * 20)) ]; do
		nap 0.05
		waited=$((waited + 1))
		sinks "$1"
	done
	[ $waited -lt 20 ] || log "$cur_dp: first frame after $((waited / 20)) s"
	nap "$WARMUP"
	sinks "$1"; c1=$_sum; now; t1=$_now
	if [ $perf = 1 ] && [ -n "${perf_tag:-}" ]; then
		perf record -q -e cpu-clock -C 0 -g -o /tmp/lbrbench.perf -- sleep "$SECS" >/dev/null 2>&1
	else
		nap "$SECS"
	fi
	sinks "$1"; c2=$_sum; now; t2=$_now
	# Nothing got through a whole window although frames flowed before
	# it: a guest the host starved (its clock runs on meanwhile).  Widen
	# the window until some do, within the flow wait.
	while [ "$c2" -eq "$c1" ] && [ $((t2 - t1)) -lt $((FLOW_WAIT * 1000000)) ]; do
		nap "$SECS"
		sinks "$1"; c2=$_sum; now; t2=$_now
	done
	echo stop >$PG/pgctrl
	wait $pg_pid 2>/dev/null
	pg_pid=
	pg_reset
	_rate=$(fdiv $(((c2 - c1) * 1000000)) $((t2 - t1)) 0)
}

perf_dump() { # perf_dump DATAPATH CASE: CPU 0 (pktgen and the whole datapath) by module, then by symbol
	local sym
	[ $perf = 1 ] && [ -f /tmp/lbrbench.perf ] || return 0
	{
		echo "== by module"
		perf report -i /tmp/lbrbench.perf --stdio --no-children --sort dso -g none 2>/dev/null |
			grep -v '^#' | grep -v '^$' | head -n 8
		echo "== by symbol"
		perf report -i /tmp/lbrbench.perf --stdio --no-children --sort dso,sym \
			--percent-limit 0.4 -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 70
		echo "== inclusive (children), by symbol"
		perf report -i /tmp/lbrbench.perf --stdio --children --sort sym \
			--percent-limit 1.5 -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 60
		# LBR_BENCH_PERF_CALLERS="sym ...": who calls these (debugging)
		for sym in ${LBR_BENCH_PERF_CALLERS:-}; do
			echo "== callers of $sym"
			perf report -i /tmp/lbrbench.perf --stdio --no-children -S "$sym" \
				-g caller,0.5,callee,function,percent 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 40
		done
	} | sed "s/^/perf $1 $2 /"
	rm -f /tmp/lbrbench.perf
}

# --------------------------------------------------------------- cases ----

dp_cfg() { # dp_cfg "IN OUT..." : floor rule, bbr0 or OVS bbr0 with these ports
	local ports
	read -ra ports <<<"$1"
	case $cur_dp in
	floor) floor_redirect "${ports[@]}" ;;
	ovs) ovs_up "${ports[@]}" ;;
	*) br_up "${ports[@]}" ;;
	esac
}
dp_uncfg() { # dp_uncfg IN...
	case $cur_dp in
	floor) tc_clear "$@" ;;
	ovs) ovs_down ;;
	*) br_down ;;
	esac
}
# fdb_static MAC PORT: make MAC known behind PORT (the floor needs nothing)
fdb_static() {
	case $cur_dp in
	floor) ;;
	ovs) ovs-appctl fdb/add bbr0 "$2" 0 "$1" >/dev/null ;;
	*) bridge fdb add "$1" dev "$2" master static ;;
	esac
}

case_fwd() {
	local ok
	def fwd1 kpps higher "known unicast 64 B, 1 flow/CPU"
	def fwd1_cost us/pkt lower "known unicast 1 flow: time per packet above the tc floor"
	goal fwd1_cost le 0.5
	ok=1
	dp_cfg "bp0 bq0" && fdb_static "$(mac bs0)" bq0 && pg_dev 0 bg0 "$(mac bs0)" 0 || ok=0
	if [ $ok = 1 ]; then
		perf_tag=1 rate 1
		res fwd1 "$(fdiv "$_rate" 1000 2)"
		perf_dump "$cur_dp" fwd1
	else
		skip fwd1 "setup failed"
	fi
	pg_reset
	dp_uncfg bp0

	def fwd2 kpps higher "known unicast 64 B, 2 flows/CPUs"
	def fwd2_cost us/pkt lower "known unicast 2 flows: time per packet above the tc floor"
	goal fwd2_cost le 0.5
	if [ "$NCPU" -lt 2 ]; then
		skip fwd2 "needs 2 CPUs, guest has $NCPU"
		return 0
	fi
	ok=1
	if [ "$cur_dp" = floor ]; then
		floor_redirect bp0 bq0 && floor_redirect bp1 bq1 || ok=0
	else
		dp_cfg "bp0 bp1 bq0 bq1" && fdb_static "$(mac bs0)" bq0 && fdb_static "$(mac bs1)" bq1 || ok=0
	fi
	[ $ok = 0 ] || { pg_dev 0 bg0 "$(mac bs0)" 0 && pg_dev 1 bg1 "$(mac bs1)" 0; } || ok=0
	if [ $ok = 1 ]; then
		rate 2
		res fwd2 "$(fdiv "$_rate" 1000 2)"
	else
		skip fwd2 "setup failed"
	fi
	pg_reset
	dp_uncfg bp0 bp1
}

case_flood() {
	local n kind dst i outs id what
	for n in "${FLOOD_A[@]}"; do
		outs=''
		for ((i = 0; i < n; i++)); do outs+=" bq$i"; done
		for kind in uu bc; do
			id=flood_${kind}_$n
			if [ $kind = uu ]; then
				dst=02:00:5e:00:53:99	# never seen: unknown unicast
				what="unknown unicast"
			else
				dst=ff:ff:ff:ff:ff:ff
				what=broadcast
			fi
			def "$id" kpps higher "flood $what to $n ports (frames in)"
			def "${id}_cost" us/pkt lower "flood $what to $n ports: time per frame in above the tc floor"
			[ "$n" != 8 ] || goal "$id" ge 1.15
			if dp_cfg "bp0$outs" && pg_dev 0 bg0 "$dst" 0; then
				if [ "$id" = flood_bc_2 ]; then
					perf_tag=1 rate "$n"
					perf_dump "$cur_dp" "$id"
				else
					rate "$n"
				fi
				res "$id" "$(fdiv "$_rate" $((1000 * n)) 2)"
			else
				skip "$id" "setup failed"
			fi
			pg_reset
			dp_uncfg bp0
		done
	done
}

# coarse_clock: the guest clock ticks in jiffies (no TSC frequency known,
# no HPET): round trips of microseconds cannot be timed.
coarse_clock() {
	case $(rd /sys/devices/system/clocksource/clocksource0/current_clocksource) in
	*jiffies*) return 0 ;;
	esac
	return 1
}

case_latency() {
	local out cs
	def ping_rtt us lower "ping RTT through the bridge (median of $PINGS)"
	def tcp_rr us lower "TCP request/response round trip, 64 B (sockperf ping-pong median, ${RR_SECS} s)"
	def tcp_rr_tps 1/s higher "TCP request/response transactions per second (sockperf ping-pong)"
	if coarse_clock; then
		cs=$(rd /sys/devices/system/clocksource/clocksource0/current_clocksource)
		skip ping_rtt "guest clocksource $cs cannot time microseconds (scripts/bench passes tsc_early_khz)"
		skip tcp_rr "guest clocksource $cs cannot time microseconds"
		skip tcp_rr_tps "guest clocksource $cs cannot time microseconds"
		return
	fi
	if [ "$cur_dp" = floor ]; then
		if ! floor_redirect bl1 bl2 || ! floor_redirect bl2 bl1; then
			skip ping_rtt "setup failed"
			tc_clear bl1 bl2
			return
		fi
	else
		dp_cfg "bl1 bl2" || { skip ping_rtt "setup failed"; dp_uncfg bl1 bl2; return; }
	fi
	ip netns exec $NS_H1 ping -n -q -c 2 -i 0.05 -W 2 192.0.2.2 >/dev/null 2>&1
	out=$(ip netns exec $NS_H1 ping -n -c "$PINGS" -i 0.01 -W 2 192.0.2.2 2>&1 |
		sed -n 's/.*time=\([0-9.]*\) ms.*/\1/p' | sort -n |
		awk '{ v[++n] = $1 * 1000 } END { if (n) printf "%.0f", n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }')
	if [ -n "$out" ]; then
		res ping_rtt "$out"
	else
		skip ping_rtt "no echo replies"
	fi

	if [ -z "$rr_pid" ]; then
		skip tcp_rr "sockperf is not installed (scripts/deps.sh)"
		skip tcp_rr_tps "sockperf is not installed (scripts/deps.sh)"
	else
		# Full round trips, timed with the system clock (sockperf's own
		# TSC calibration is not to be trusted under TCG).
		out=$(ip netns exec $NS_H1 taskset -c 0 sockperf ping-pong --tcp -i 192.0.2.2 -p $RR_PORT -m 64 \
			-t "$RR_SECS" --full-rtt --no-rdtsc 2>&1)
		# "---> percentile 50.000 =  123.456" and "RunTime=2.000 sec; SentMessages=..; ReceivedMessages=N"
		local p50 rt n
		p50=$(sed -n 's/.*percentile 50\.000 = *\([0-9.]*\).*/\1/p' <<<"$out" | head -n1)
		rt=$(sed -n 's/.*\[Valid Duration\] RunTime=\([0-9.]*\) sec.*/\1/p' <<<"$out" | head -n1)
		n=$(sed -n 's/.*\[Valid Duration\].*ReceivedMessages=\([0-9]*\).*/\1/p' <<<"$out" | head -n1)
		if [ -n "$p50" ] && [ -n "$rt" ] && [ -n "$n" ]; then
			res tcp_rr "$(awk -v x="$p50" 'BEGIN { printf "%.1f", x }')"
			res tcp_rr_tps "$(awk -v n="$n" -v t="$rt" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }')"
		else
			log "sockperf: $(tail -n 3 <<<"$out" | tr '\n' ' ')"
			skip tcp_rr "sockperf ping-pong gave no figures"
			skip tcp_rr_tps "sockperf ping-pong gave no figures"
		fi
	fi
	dp_uncfg bl1 bl2
}

# fdb_cache: the slab cache of FDB entries of the loaded datapath (its own
# cache: scripts/bench boots with slab_nomerge).
fdb_cache() {
	local d
	case $cur_dp in
	bridge) echo bridge_fdb_cache ;;
	lbridge)
		for d in /sys/kernel/slab/lbr_fdb*; do
			[ -d "$d" ] && { basename "$d"; return; }
		done
		echo lbr_fdb_entry
		;;
	esac
}
# slab_bytes CACHE: bytes of slab pages the cache holds, into $_slab.
slab_bytes() {
	local d=/sys/kernel/slab/$1 slabs order
	_slab=0
	[ -r "$d/slabs" ] || return 1
	read -r slabs _ <"$d/slabs" && read -r order <"$d/order" || return 1
	_slab=$((slabs * 4096 << order))
}
# slab_objs CACHE: objects in use in the cache, into $_objs.  Free
# objects of per-CPU slabs count as used until the cache is shrunk.
slab_objs() {
	_objs=0
	[ -r "/sys/kernel/slab/$1/objects" ] || return 1
	echo 1 >"/sys/kernel/slab/$1/shrink" 2>/dev/null
	read -r _objs _ <"/sys/kernel/slab/$1/objects"
}

# learn_run SINK_BEFORE: send MACS frames from MACS source MACs (pktgen is
# set up), return when the sink stops counting; $_sum holds the sink count.
learn_run() {
	local prev i
	echo start >$PG/pgctrl	# returns when pktgen has sent them all
	# Frames may still sit in a backlog: wait until the sink stops counting.
	prev=-1
	for ((i = 0; i < 400; i++)); do
		sinks 1
		[ "$_sum" -ne "$prev" ] || break
		prev=$_sum
		nap 0.01
	done
}

# perf_bg_start / perf_bg_stop DATAPATH CASE: (--perf) profile CPU 0 in
# between, outside the timed part.
perf_pid=''
perf_bg_start() {
	[ $perf = 1 ] || return 0
	perf record -q -e cpu-clock -C 0 -g -o /tmp/lbrbench.perf -- sleep 3600 >/dev/null 2>&1 &
	perf_pid=$!
	nap 0.5	# let it start recording
}
perf_bg_stop() {
	[ -n "$perf_pid" ] || return 0
	kill -INT "$perf_pid" 2>/dev/null
	wait "$perf_pid" 2>/dev/null
	perf_pid=''
	perf_dump "$1" "$2"
}

# wait_objs CACHE LIMIT SECS: until the cache holds LIMIT objects or fewer.
wait_objs() {
	local i
	for ((i = 0; i < $3 * 20; i++)); do
		slab_objs "$1" || return 1
		[ "$_objs" -gt "$2" ] || return 0
		nap 0.05
	done
	return 1
}

# learn_timed: (pktgen is set up) send the MACS new stations, report
# learn_ms, learn_lost and learn_rate; --perf profiles it apart.
learn_timed() {
	local c0 t0 t1
	sinks 1; c0=$_sum
	perf_bg_start
	now; t0=$_now
	learn_run
	now; t1=$_now
	perf_bg_stop "$cur_dp" learn
	res learn_ms "$(fdiv $((t1 - t0)) 1000 1)"
	res learn_lost $((MACS - (_sum - c0)))
	res learn_rate "$(fdiv $((MACS * 1000)) $((t1 - t0)) 2)"
}

# The learning traffic through the tc floor: what pktgen, the veths and the
# sink cost without a bridge, so that a bridge's own time per new station
# can be told apart (learn_rate_cost).
case_learn_floor() {
	local smac=02:10:00:00:00:00
	if ! dp_cfg "bp0 bq0" || ! pg_dev 0 bg0 "$(mac bs0)" "$MACS" $smac "$MACS"; then
		skip learn_ms "setup failed"
	else
		learn_timed
	fi
	pg_reset
	dp_uncfg bp0
}

case_learn() {
	local smac=02:10:00:00:00:00 t0 t1 n lines cache sl0 sl1 m0 m1 o0 wait_s
	def learn_ms ms lower "learn $MACS source MACs: time"
	goal learn_ms le 0.5
	def learn_lost frames lower "learn $MACS source MACs: frames lost"
	def learn_entries entries higher "learn $MACS source MACs: entries learnt"
	def fdb_obj bytes lower "FDB entry slab object size"
	goal fdb_obj le 0.5
	def fdb_slab bytes lower "FDB entry slab bytes per entry ($MACS entries)"
	def fdb_mem bytes lower "memory per FDB entry, hash included (free pages drop)"
	goal fdb_mem le 0.5
	def fdb_show ms lower "bridge fdb show, $MACS entries"
	def fdb_flush ms lower "flush $MACS entries (write to bridge/flush)"
	def fdb_age ms lower "age out $MACS entries, ageing_time $((AGEING / 100)).$((AGEING % 100 / 10)) s (until freed)"
	def learn_rate kpps higher "learn $MACS source MACs: new stations per second"
	def learn_rate_cost us/pkt lower "learn $MACS source MACs: time per new station above the tc floor"
	goal learn_rate_cost le 0.5
	wait_s=$((30 + MACS / 5000))
	if [ "$cur_dp" = floor ]; then
		case_learn_floor
		return
	fi
	if ! br_up bp0 bq0 || ! fdb_static "$(mac bs0)" bq0 ||
		! pg_dev 0 bg0 "$(mac bs0)" "$MACS" $smac "$MACS"; then
		skip learn_ms "setup failed"
		pg_reset
		br_down
		return
	fi
	cache=$(fdb_cache)
	slab_bytes "$cache"; sl0=$_slab
	slab_objs "$cache"; o0=$_objs
	mem_free_kb; m0=$_mem
	learn_timed
	mem_free_kb; m1=$_mem
	slab_bytes "$cache"; sl1=$_slab

	now; t0=$_now
	bridge fdb show br bbr0 >/tmp/lbrbench.fdb
	now; t1=$_now
	n=$(grep -c '^02:10:' /tmp/lbrbench.fdb)
	lines=$(wc -l </tmp/lbrbench.fdb)
	rm -f /tmp/lbrbench.fdb
	res fdb_show "$(fdiv $((t1 - t0)) 1000 1)"
	res learn_entries "$n"
	log "fdb show: $lines lines"
	if [ -r "/sys/kernel/slab/$cache/slab_size" ]; then
		res fdb_obj "$(rd "/sys/kernel/slab/$cache/slab_size")"
		[ "$n" -eq 0 ] || res fdb_slab "$(fdiv $((sl1 - sl0)) "$n" 1)"
	else
		skip fdb_obj "no /sys/kernel/slab/$cache"
	fi
	[ "$n" -eq 0 ] || res fdb_mem "$(fdiv $(((m0 - m1) * 1024)) "$n" 1)"

	# The write returns once the entries are out of the table (their
	# memory follows after an RCU grace period).
	now; t0=$_now
	echo 1 >/sys/class/net/bbr0/bridge/flush
	now; t1=$_now
	n=$(bridge fdb show br bbr0 | grep -c '^02:10:')
	if [ "$n" = 0 ]; then
		res fdb_flush "$(fdiv $((t1 - t0)) 1000 1)"
	else
		skip fdb_flush "$n learnt entries left after the flush"
	fi
	wait_objs "$cache" "$o0" "$wait_s" || log "flush: $((_objs - o0)) entries still allocated after ${wait_s} s"

	# Learn them again, then let them age out.
	pg_reset
	if ! pg_dev 0 bg0 "$(mac bs0)" "$MACS" $smac "$MACS"; then
		skip fdb_age "pktgen setup failed"
	else
		learn_run
		slab_objs "$cache"
		log "relearnt: $((_objs - o0)) entries"
		now; t0=$_now
		ip link set bbr0 type bridge ageing_time "$AGEING"
		if wait_objs "$cache" "$o0" $((wait_s + AGEING / 100)); then
			now; t1=$_now
			res fdb_age "$(fdiv $((t1 - t0)) 1000 1)"
		else
			skip fdb_age "$((_objs - o0)) entries left after $((wait_s + AGEING / 100)) s"
		fi
	fi
	pg_reset
	br_down
}

# fdb_show_ports K ATTACHED: time one bridge fdb show of bba, which holds
# ATTACHED of the K ports, with DUMP_MACS static entries spread over them.
# The in-tree bridge walks its table once per port (and, with its default
# PVID 1, holds and lists each entry twice).
fdb_show_ports() {
	local k=$1 att=$2 i b=/tmp/lbrbench.fdbadd t0 t1 n
	def "fdb_show_$k" ms lower "bridge fdb show: $DUMP_MACS entries on the bridge of attach $k"
	[ "$att" -gt 0 ] || return 0
	for ((i = 0; i < DUMP_MACS; i++)); do
		printf 'fdb add 02:30:00:%02x:%02x:%02x dev bd%d master static\n' \
			$((i >> 16)) $((i >> 8 & 255)) $((i & 255)) $((i % att))
	done >$b
	if ! bridge -n "$NS_CP" -b $b >/dev/null 2>&1; then
		skip "fdb_show_$k" "adding $DUMP_MACS entries failed"
		rm -f $b
		return 0
	fi
	now; t0=$_now
	bridge -n "$NS_CP" fdb show br bba >/tmp/lbrbench.fdb
	now; t1=$_now
	# bridge.ko lists each entry twice, for VLAN 0 and its default PVID 1.
	n=$(grep '^02:30:' /tmp/lbrbench.fdb | cut -d' ' -f1 | sort -u | wc -l)
	rm -f /tmp/lbrbench.fdb
	rm -f $b
	if [ "$n" -eq "$DUMP_MACS" ]; then
		res "fdb_show_$k" "$(fdiv $((t1 - t0)) 1000 1)"
	else
		skip "fdb_show_$k" "listed $n of $DUMP_MACS entries"
	fi
}

# case_vlan: known unicast with vlan_filtering 1 (the default pvid 1 on
# both ports), then VLANS VLANs on each of VLAN_PORTS ports: the time to
# configure them (one bridge -batch), the memory per port-VLAN, and the
# time bridge vlan show takes to list them.
case_vlan() {
	local b=/tmp/lbrbench.vlan i t0 t1 m0 m1 n ipn=(ip -n "$NS_CP")
	def fwdv1 kpps higher "known unicast 64 B, 1 flow, vlan_filtering 1"
	def fwdv1_cost us/pkt lower "known unicast, vlan_filtering 1: time per packet above the tc floor"
	goal fwdv1_cost le 0.5
	if dp_cfg "bp0 bq0" && { [ "$cur_dp" = floor ] ||
		ip link set bbr0 type bridge vlan_filtering 1; } &&
		fdb_static "$(mac bs0)" bq0 && pg_dev 0 bg0 "$(mac bs0)" 0; then
		rate 1
		res fwdv1 "$(fdiv "$_rate" 1000 2)"
	else
		skip fwdv1 "setup failed"
	fi
	pg_reset
	dp_uncfg bp0

	def "vlan_cfg" ms lower "bridge vlan add vid 1-$VLANS on $VLAN_PORTS ports (one batch)"
	def "vlan_mem" B/port-VLAN lower "memory per port-VLAN ($VLAN_PORTS ports x $VLANS VLANs)"
	def "vlan_show" ms lower "bridge vlan show of $VLAN_PORTS ports x $VLANS VLANs"
	# Issue 12's targets: each at most half of bridge.ko's.
	goal vlan_cfg le 0.5
	goal vlan_mem le 0.5
	goal vlan_show le 0.5
	[ "$cur_dp" != floor ] || return 0
	"${ipn[@]}" link add bbv type bridge || { skip vlan_cfg "no bridge"; return 0; }
	for ((i = 0; i < VLAN_PORTS; i++)); do echo "link set bd$i master bbv"; done >$b
	"${ipn[@]}" -b $b
	for ((i = 0; i < VLAN_PORTS; i++)); do echo "vlan add vid 1-$VLANS dev bd$i"; done >$b
	mem_free_kb; m0=$_mem
	now; t0=$_now
	if bridge -n "$NS_CP" -b $b >/dev/null 2>&1; then
		now; t1=$_now
		mem_free_kb; m1=$_mem
		res vlan_cfg "$(fdiv $((t1 - t0)) 1000 1)"
		res vlan_mem "$(fdiv $(((m0 - m1) * 1024)) $((VLAN_PORTS * VLANS)) 1)"
		now; t0=$_now
		n=$(bridge -n "$NS_CP" vlan show | grep -c .)
		now; t1=$_now
		# One line per port-VLAN, a header and a blank line between ports.
		if [ "$n" -ge $((VLAN_PORTS * VLANS)) ]; then
			res vlan_show "$(fdiv $((t1 - t0)) 1000 1)"
		else
			skip vlan_show "listed $n lines"
		fi
	else
		skip vlan_cfg "bridge -batch failed"
	fi
	"${ipn[@]}" link del bbv
	rm -f $b
}

# nf_rules KIND: the bridge-family table of case_nf's KIND, for nft -f.
nf_rules() {
	local i
	printf 'table bridge lbrbench {\n\tchain c_fwd {\n'
	printf '\t\ttype filter hook forward priority 0; policy accept;\n'
	case $1 in
	accept1) printf '\t\taccept\n' ;;
	miss100)
		for ((i = 0; i < 100; i++)); do
			printf '\t\tether saddr 02:00:00:ff:00:%02x drop\n' "$i"
		done
		;;
	ct) printf '\t\tct state established accept\n' ;;
	esac
	printf '\t}\n}\n'
}
# nf_down: no table, and no module the rules pulled in (they hold the
# datapath's module, which the next case reloads).
nf_down() {
	local m
	nft delete table bridge lbrbench 2>/dev/null
	for m in lbridge_nf_conntrack lbridge_nf nf_conntrack_bridge \
		nft_meta_bridge nft_reject_bridge; do
		! mod_loaded $m || rmmod $m 2>/dev/null
	done
	return 0
}
# nf_companions: lbridge's netfilter companions where modprobe finds them,
# as `make install` puts them, in a directory of their own: bench_smoke
# runs this in a test guest, whose later tests (dkms.sh) must find the
# module tree as it was (nf_companions_gone, on exit).
NF_COMPANIONS_DIR=/lib/modules/$(uname -r)/lbrbench
nf_companions() {
	local d=$NF_COMPANIONS_DIR m
	mkdir -p "$d" && cp "$LBR_MODULE" "$d/lbridge.ko" || return 1
	for m in lbridge_nf lbridge_nf_conntrack; do
		cp "${LBR_MODULE%/*}/$m.ko" "$d/" || return 1
	done
	grep -E '^alias (nft-expr-|nf_conntrack_bridge )' \
		"${LBR_BENCH_MODCONF:-$REPO/tools/modprobe.d/lbridge.conf}" \
		>/etc/modprobe.d/lbrbench.conf.off && depmod -a
}
nf_companions_gone() {
	[ -d "$NF_COMPANIONS_DIR" ] || return 0
	rm -rf "$NF_COMPANIONS_DIR" /etc/modprobe.d/lbrbench.conf /etc/modprobe.d/lbrbench.conf.off
	depmod -a
}
# nf_aliases on|off: whether nf_tables and nf_conntrack get lbridge's
# companions (lbridge) or the in-tree modules (bridge.ko).
nf_aliases() {
	local c=/etc/modprobe.d/lbrbench.conf
	case $1 in
	on) [ ! -f $c.off ] || mv $c.off $c ;;
	off) [ ! -f $c ] || mv $c $c.off ;;
	esac
}

# nf_setup KIND: case_nf's netfilter for KIND: the modules a bridge-family
# rule pulls in, loaded with no table (loaded), or nf_rules KIND's table.
# bridge.ko's are named: lbridge_nf, in the module tree for the bench,
# also answers to the alias nft-expr-7-meta.
nf_setup() {
	case $1 in
	none) ;;
	loaded)
		if [ "$cur_dp" = lbridge ]; then
			modprobe nft-expr-7-meta && modprobe nf_conntrack_bridge
		else
			modprobe nft_meta_bridge && modprobe nf_conntrack_bridge
		fi
		;;
	*) nf_rules "$1" | nft -f - ;;
	esac
}

# case_nf: known unicast through bridge-family rules, the same on both
# bridges: none, the rules' modules loaded but no table (no hook is
# registered, so it must cost what none does), one accept, 100 rules that
# do not match, and conntrack (ct state established accept; a one-way flow
# stays new, so every frame is looked up and falls through).  Issue 14:
# lbridge's cost above the floor no more than bridge.ko's in each.
case_nf() {
	local kind
	if [ "$cur_dp" = lbridge ]; then nf_aliases on; else nf_aliases off; fi
	for kind in none loaded accept1 miss100 ct; do
		def "fwd_nf_$kind" kpps higher "known unicast 64 B, bridge-family nft rules: $kind"
		def "fwd_nf_${kind}_cost" us/pkt lower "known unicast, nft rules $kind: time per packet above the tc floor"
		goal "fwd_nf_${kind}_cost" le 1
		if dp_cfg "bp0 bq0" && fdb_static "$(mac bs0)" bq0 &&
			{ [ "$cur_dp" = floor ] || nf_setup $kind; } &&
			pg_dev 0 bg0 "$(mac bs0)" 0; then
			rate 1
			res "fwd_nf_$kind" "$(fdiv "$_rate" 1000 2)"
		else
			skip "fwd_nf_$kind" "setup failed"
		fi
		pg_reset
		nft delete table bridge lbrbench 2>/dev/null
		dp_uncfg bp0
	done
	nf_down
}

# Multicast (case_mcast): IGMP frames come from a python3 helper written into the guest's /tmp:
#	query IFACE MRC          one IGMPv2 general query (max resp MRC/10 s)
#	join IFACE N WAIT        N IGMPv2 reports, groups 239.2.0.0 + i, from
#	                         one AF_PACKET TX ring in one send(); then
#	                         RTM_GETMDB dumps until they count N (WAIT s at
#	                         most); prints T0 T1 TDONE COUNT METHOD (us;
#	                         TDONE -1 when never; METHOD ring or send)
# Frames leave IFACE with IFACE's MAC, from 198.51.100.1 (the query from
# 198.51.100.254), TTL 1, router alert, checksums correct.
MCAST_PY=/tmp/lbrbench.mcast.py
mcast_py() {
	[ -f $MCAST_PY ] || cat >$MCAST_PY <<'EOF'
import mmap
import socket
import struct
import sys
import time

SOL_PACKET, PACKET_VERSION, PACKET_TX_RING, TPACKET_V2 = 263, 10, 13, 1
FRAME, BLOCK, HDR = 128, 4096, 32       # frame slots; data after tpacket2_hdr
RTM_NEWMDB, RTM_GETMDB, AF_BRIDGE = 84, 86, 7


def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def igmp_frame(smac, src, dst, kind, code, group):
    ig = struct.pack("!BBH4s", kind, code, 0, group)
    ig = ig[:2] + struct.pack("!H", csum(ig)) + ig[4:]
    ip = struct.pack("!BBHHHBBH4s4s4s", 0x46, 0xC0, 24 + len(ig), 0, 0, 1, 2, 0,
                     src, dst, b"\x94\x04\x00\x00")
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    dmac = b"\x01\x00\x5e" + bytes([dst[1] & 0x7F, dst[2], dst[3]])
    return dmac + smac + b"\x08\x00" + ip + ig


def packet_socket(iface):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    s.bind((iface, 0))
    return s, s.getsockname()[4]


def tx_ring(s, n):
    """A TPACKET_V2 TX ring of at least n slots, or None."""
    per = BLOCK // FRAME
    blocks = (n + per - 1) // per
    try:
        s.setsockopt(SOL_PACKET, PACKET_VERSION, TPACKET_V2)
        s.setsockopt(SOL_PACKET, PACKET_TX_RING,
                     struct.pack("IIII", BLOCK, blocks, FRAME, blocks * per))
        return mmap.mmap(s.fileno(), BLOCK * blocks)
    except OSError as e:
        print("tx ring: %s; one send() per frame instead" % e, file=sys.stderr)
        return None


def attrs(b, a, end):
    while a + 4 <= end:
        ln, ty = struct.unpack_from("=HH", b, a)
        if ln < 4:
            return
        yield ty & 0x3FFF, a + 4, a + ln
        a += (ln + 3) & ~3


def mdb_count(nl, seq):
    """Port-groups of IPv4 groups 239.2.x.y in every bridge's MDB."""
    nl.send(struct.pack("=IHHII", 24, RTM_GETMDB, 0x301, seq, 0) +
            struct.pack("=B3xI", AF_BRIDGE, 0))
    n = 0
    while True:
        b = nl.recv(1 << 20)
        o = 0
        while o + 16 <= len(b):
            ln, ty = struct.unpack_from("=IH", b, o)
            if ty == 3 or ty == 2:      # NLMSG_DONE, NLMSG_ERROR
                err = struct.unpack_from("=i", b, o + 16)[0] if ln >= 20 else 0
                if err < 0:
                    raise OSError(-err, "RTM_GETMDB dump")
                return n
            if ln < 16:
                raise OSError("bad netlink message")
            if ty == RTM_NEWMDB:
                for t, p, e in attrs(b, o + 24, o + ln):            # MDBA_MDB
                    if t != 1:
                        continue
                    for t2, p2, e2 in attrs(b, p, e):               # MDBA_MDB_ENTRY
                        if t2 != 1:
                            continue
                        for t3, p3, e3 in attrs(b, p2, e2):         # MDBA_MDB_ENTRY_INFO
                            if (t3 == 1 and e3 - p3 >= 26 and
                                    b[p3 + 8:p3 + 10] == b"\xef\x02" and
                                    b[p3 + 24:p3 + 26] == b"\x08\x00"):
                                n += 1
            o += (ln + 3) & ~3


def join(iface, n, wait):
    s, smac = packet_socket(iface)
    src = socket.inet_aton("198.51.100.1")
    frames = []
    for i in range(n):
        g = bytes([239, 2, i >> 8 & 255, i & 255])
        frames.append(igmp_frame(smac, src, g, 0x16, 0, g))
    nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    nl.bind((0, 0))
    ring = tx_ring(s, n)
    if ring is not None:
        for i, f in enumerate(frames):
            o = i * FRAME
            ring[o + HDR:o + HDR + len(f)] = f
            # tp_status TP_STATUS_SEND_REQUEST, tp_len, tp_snaplen
            struct.pack_into("=III", ring, o, 1, len(f), len(f))
        t0 = time.time_ns()
        s.send(b"")     # blocks until every slot went out
        t1 = time.time_ns()
        left = sum(1 for i in range(n) if struct.unpack_from("=I", ring, i * FRAME)[0] & 7)
        if left:
            sys.exit("tx ring: %d of %d frames not sent" % (left, n))
        how = "ring"
    else:
        t0 = time.time_ns()
        for f in frames:
            s.send(f)
        t1 = time.time_ns()
        how = "send"
    done, c, seq = -1, 0, 1
    end = t1 + wait * 1000000000
    while True:
        t = time.time_ns()
        c = mdb_count(nl, seq)
        seq += 1
        if c >= n:
            done = t // 1000
            break
        if t > end:
            break
        time.sleep(0.01)
    print(t0 // 1000, t1 // 1000, done, c, how)


def main(argv):
    if argv[1] == "query":
        s, smac = packet_socket(argv[2])
        s.send(igmp_frame(smac, socket.inet_aton("198.51.100.254"),
                          socket.inet_aton("224.0.0.1"), 0x11, int(argv[3]), bytes(4)))
    elif argv[1] == "join":
        join(argv[2], int(argv[3]), int(argv[4]))
    else:
        sys.exit("unknown command " + argv[1])


main(sys.argv)
EOF
	python3 $MCAST_PY "$@"
}

# mcast_hash_max for MDB_GROUPS groups: at mcast_hash_max groups both
# bridges turn snooping off (in-tree's default, 4096, would stop 10,000).
mdb_hash_max() {
	local h=4096
	while [ "$h" -le "$MDB_GROUPS" ]; do h=$((h * 2)); done
	echo "$h"
}

# mcast_reg: IPv4 UDP to 239.1.1.1 into bp0 of a bridge with 8 output
# ports, of which bq0 and bq1 are its permanent members, while a querier
# is present behind bp0 (an IGMPv2 general query, maximum response time
# 1 s, waited out): in-tree prunes only while a querier is present, and
# lbridge's safe rule only once a host answered it (a report from bs0,
# the side of bq0, for another group, 239.2.0.0).  The
# floor mirrors to the 2 members.  Frames in = frames at the sinks / 2; the
# other 6 sinks must stay silent (else the row is skipped: not pruned).
mcast_reg() {
	local outs=" bq0 bq1 bq2 bq3 bq4 bq5 bq6 bq7" ok=1 a0 a1 m0 m1 stray
	case $cur_dp in
	ovs)
		skip mcast_reg "OVS has no static MDB entries (ovs-appctl mdb/ only shows and flushes)"
		return 0
		;;
	floor) floor_redirect bp0 bq0 bq1 || ok=0 ;;
	*)
		if [ "$mc_py" = 0 ]; then
			skip mcast_reg "python3 is not installed (the querier's query)"
			return 0
		fi
		if ! br_up "bp0$outs"; then
			ok=0
		elif [ "$(rd /sys/class/net/bbr0/bridge/multicast_snooping)" != 1 ]; then
			log "mcast_reg: snooping is off on bbr0"
			ok=0
		elif ! bridge mdb add dev bbr0 port bq0 grp 239.1.1.1 permanent ||
			! bridge mdb add dev bbr0 port bq1 grp 239.1.1.1 permanent; then
			log "mcast_reg: bridge mdb add failed"
			ok=0
		elif ! mcast_py query bg0 10; then
			log "mcast_reg: the query was not sent"
			ok=0
		elif ! mcast_py join bs0 1 5 >/dev/null; then
			log "mcast_reg: no answer to the query was sent"
			ok=0
		else
			nap 1.5	# the query's maximum response time, 1 s
		fi
		;;
	esac
	[ $ok = 0 ] || pg_dst=239.1.1.1 pg_dev 0 bg0 01:00:5e:01:01:01 0 || ok=0
	if [ $ok = 1 ]; then
		sinks 8; a0=$_sum; sinks 2; m0=$_sum
		rate 2
		sinks 8; a1=$_sum; sinks 2; m1=$_sum
		stray=$((a1 - a0 - (m1 - m0)))
		if [ "$_rate" -le 0 ]; then
			skip mcast_reg "no frame reached the members"
		elif [ $((stray * 100)) -gt $((m1 - m0)) ]; then
			skip mcast_reg "not pruned: bq2..bq7 got $stray frames, the members $((m1 - m0)) (no querier seen?)"
		else
			res mcast_reg "$(fdiv "$_rate" 2000 2)"
		fi
	else
		skip mcast_reg "setup failed"
	fi
	pg_reset
	dp_uncfg bp0
}

# mcast_unreg: IPv4 UDP to 239.9.9.9 (no member anywhere) into bp0 with
# snooping on and no querier: flooded to the 8 ports (the floor mirrors to
# the 8; OVS with mcast_snooping_enable, which floods unregistered groups).
mcast_unreg() {
	local outs=" bq0 bq1 bq2 bq3 bq4 bq5 bq6 bq7" ok=1
	dp_cfg "bp0$outs" || ok=0
	case $cur_dp in
	floor) ;;
	ovs)
		[ $ok = 0 ] || ovs-vsctl --timeout=60 set Bridge bbr0 mcast_snooping_enable=true || ok=0
		;;
	*)
		[ $ok = 0 ] || [ "$(rd /sys/class/net/bbr0/bridge/multicast_snooping)" = 1 ] ||
			{ log "mcast_unreg: snooping is off on bbr0"; ok=0; }
		;;
	esac
	[ $ok = 0 ] || pg_dst=239.9.9.9 pg_dev 0 bg0 01:00:5e:09:09:09 0 || ok=0
	if [ $ok = 1 ]; then
		rate 8
		res mcast_unreg "$(fdiv "$_rate" 8000 2)"
	else
		skip mcast_unreg "setup failed"
	fi
	pg_reset
	dp_uncfg bp0
}

# mdb_mem: MDB_GROUPS groups x 8 ports, permanent user entries, added with
# one bridge -batch; the time it takes and the free pages it costs per
# port-group.
mdb_mem() {
	local b=/tmp/lbrbench.mdb e=/tmp/lbrbench.mdberr n=$((MDB_GROUPS * 8)) m0 m1 t0 t1
	if ! br_up bq0 bq1 bq2 bq3 bq4 bq5 bq6 bq7 ||
		! ip link set bbr0 type bridge mcast_hash_max "$(mdb_hash_max)"; then
		skip mdb_add "setup failed"
		skip mdb_mem "setup failed"
		br_down
		return 0
	fi
	awk -v g="$MDB_GROUPS" 'BEGIN {
		for (i = 0; i < g; i++)
			for (p = 0; p < 8; p++)
				printf "mdb add dev bbr0 port bq%d grp 239.3.%d.%d permanent\n", p, int(i / 256), i % 256
	}' >$b
	bridge mdb show dev bbr0 >/dev/null	# the tool in the page cache before m0
	mem_free_kb; m0=$_mem
	now; t0=$_now
	if bridge -b $b >/dev/null 2>$e; then
		now; t1=$_now
		mem_free_kb; m1=$_mem
		res mdb_add "$(fdiv $((t1 - t0)) 1000 1)"
		res mdb_mem "$(fdiv $(((m0 - m1) * 1024)) "$n" 1)"
	else
		skip mdb_add "bridge -batch failed: $(grep -m1 . $e)"
		skip mdb_mem "bridge -batch failed: $(grep -m1 . $e)"
	fi
	rm -f $b $e
	br_down
}

# mdb_join: MDB_GROUPS IGMPv2 reports, one per group, into bp0: from the
# first report sent to the start of the first RTM_GETMDB dump that counts
# them all (the helper dumps straight after sending, no process start in
# between).  Both bridges handle each report inside the sender's send():
# the veth hands it to the bridge in the sender's own softirq, so the
# figure includes the sender's per-frame cost (the TX ring's, small next
# to a report's handling).  The backlog is raised for the run so that
# frames left to ksoftirqd are not dropped.
mdb_join() {
	local out t0 t1 td c how n backlog e=/tmp/lbrbench.pyerr
	if [ "$mc_py" = 0 ]; then
		skip mdb_join "python3 is not installed (the report sender)"
		return 0
	fi
	if ! br_up bp0 bq0 || ! ip link set bbr0 type bridge mcast_hash_max "$(mdb_hash_max)"; then
		skip mdb_join "setup failed"
		br_down
		return 0
	fi
	backlog=$(rd /proc/sys/net/core/netdev_max_backlog)
	[ "$backlog" -gt $((MDB_GROUPS + 1000)) ] ||
		echo $((MDB_GROUPS + 1000)) >/proc/sys/net/core/netdev_max_backlog
	out=$(mcast_py join bg0 "$MDB_GROUPS" "$FLOW_WAIT" 2>$e)
	echo "$backlog" >/proc/sys/net/core/netdev_max_backlog
	read -r t0 t1 td c how <<<"$out"
	n=$(bridge mdb show dev bbr0 | grep -c ' grp 239\.2\.')
	if [ -z "${how:-}" ]; then
		skip mdb_join "the sender failed: $(tail -n1 $e)"
	elif [ "$td" -lt 0 ]; then
		skip mdb_join "$c of $MDB_GROUPS groups after ${FLOW_WAIT} s ($n listed)"
	elif [ "$n" -ne "$MDB_GROUPS" ]; then
		skip mdb_join "the dump counted $c, bridge mdb show lists $n of $MDB_GROUPS"
	else
		[ ! -s $e ] || log "mdb_join: $(tr '\n' ' ' <$e)"
		log "mdb_join: sender ($how) $((t1 - t0)) us, all $c in the MDB by +$((td - t0)) us"
		res mdb_join "$(fdiv $((MDB_GROUPS * 1000000)) $((td - t0)) 0)"
	fi
	rm -f $e
	br_down
}

# case_mcast: multicast snooping (issue 15), IGMPv2 as a version 2
# snooper: registered groups forwarded to their members, unregistered ones
# flooded, memory per MDB port-group, joins per second.  Costs are side by
# side with bridge.ko above the tc floor; the MDB rows are bridge.ko's and
# lbridge's only.
case_mcast() {
	mc_py=1
	command -v python3 >/dev/null || mc_py=0
	def mcast_reg kpps higher "IPv4 multicast to a group with 2 permanent members of 8 ports, querier present (frames in)"
	def mcast_reg_cost us/pkt lower "registered multicast, 2 of 8 ports: time per frame in above the tc floor (mirror to 2)"
	goal mcast_reg_cost le 0.5
	def mcast_unreg kpps higher "unregistered IPv4 multicast flooded to 8 ports, snooping on, no querier (frames in)"
	def mcast_unreg_cost us/pkt lower "unregistered multicast to 8 ports: time per frame in above the tc floor"
	goal mcast_unreg_cost le 0.5
	def mdb_add ms lower "bridge mdb add of $MDB_GROUPS groups x 8 ports, permanent (one batch)"
	def mdb_mem bytes lower "memory per MDB port-group ($MDB_GROUPS groups x 8 ports; free pages drop)"
	goal mdb_mem le 0.5
	def mdb_join groups/s higher "IGMPv2 joins: $MDB_GROUPS reports from one port until an MDB dump counts them (sender: one AF_PACKET TX-ring send(), its per-frame cost included)"
	goal mdb_join ge 2
	# The MDB rows first, on the state isolate left.
	if [ "$cur_dp" = bridge ] || [ "$cur_dp" = lbridge ]; then
		mdb_mem
		mdb_join
	fi
	mcast_reg
	mcast_unreg
	rm -f $MCAST_PY
}

# STP with the shortest forward delay (2 s): from a port's link coming up to
# its forwarding (802.1D: listening, then learning, one forward delay each).
case_stp() {
	local t0 t1 st i
	def stp_linkup ms lower "STP (forward delay 2 s): port link-up to forwarding"
	ip link set bp0 down
	if ! ip link add bbr0 type bridge stp_state 1 forward_delay 200 hello_time 100 ||
		! ip link set bp0 master bbr0 || ! ip link set bbr0 up; then
		skip stp_linkup "no STP bridge"
		br_down
		ip link set bp0 up
		return 0
	fi
	now; t0=$_now
	ip link set bp0 up
	for ((i = 0; i < 1000; i++)); do
		read -r st </sys/class/net/bp0/brport/state
		[ "$st" != 3 ] || break
		nap 0.005
	done
	now; t1=$_now
	if [ "$st" = 3 ]; then
		res stp_linkup "$(fdiv $((t1 - t0)) 1000 0)"
	else
		skip stp_linkup "bp0 never forwarded (state $st)"
	fi
	br_down
}

# RSTP (lbridge, through lbrctl) next to 802.1D (bridge.ko), same timers
# (hello 1 s, forward delay 2 s), bridges of their own in netns lbrbench-st.
# scripts/bench runs a copy of this script from .vm/bench: it names lbrctl.
LBRCTL=${LBR_BENCH_LBRCTL:-$REPO/tools/lbrctl/lbrctl}
ST_NS=lbrbench-st
st() { ip -n $ST_NS "$@"; }
st_bridge() { # st_bridge NAME PRIORITY: an STP bridge, RSTP on lbridge
	st link add "$1" type bridge stp_state 1 forward_delay 200 hello_time 100 \
		max_age 600 priority "$2" || return 1
	[ "$cur_dp" != lbridge ] || ip netns exec $ST_NS "$LBRCTL" setstpproto "$1" rstp
}
st_link() { # st_link A B: veth A-B between bridges bsA and bsB, down
	st link add "s$1$2" type veth peer name "s$2$1" &&
		st link set "s$1$2" master "bs$1" && st link set "s$2$1" master "bs$2"
}
# st_until SECS TEST [HOLD_MS]: poll TEST (bash; fwd DEV... is true when every
# DEV's port forwards) inside the namespace every 5 ms for up to SECS s,
# until it has held for HOLD_MS ms (default 0), all in one exec (an exec per
# look costs tens of ms under TCG and blurred the figure); on success the
# time TEST last became true is in $_now.
st_until() {
	# shellcheck disable=SC2016 # the script expands in the namespace
	_now=$(ip netns exec $ST_NS bash -c '
		fwd() {
			local d s
			for d; do
				read -r s <"/sys/class/net/$d/brport/state"
				[ "$s" = 3 ] || return 1
			done
		}
		exec {fd}<> <(:)
		t=${EPOCHREALTIME/[.,]/} since=
		end=$((t + $1 * 1000000))
		while [ "$t" -lt $end ]; do
			if eval "$2"; then
				since=${since:-$t}
				[ $((t - since)) -lt $((${3:-0} * 1000)) ] || { echo "$since"; exit 0; }
			else
				since=
			fi
			read -r -t 0.005 -u $fd || true
			t=${EPOCHREALTIME/[.,]/}
		done
		exit 1' _ "$1" "$2" "${3:-0}")
}
case_rstp() {
	local t0 i d conv
	def rstp_linkup ms lower "RSTP (bridge.ko: STP), forward delay 2 s: point-to-point link-up to forwarding, both ends"
	def rstp_failover ms lower "RSTP (bridge.ko: STP): a triangle's root link dies, the alternate port forwards"
	ip netns add $ST_NS
	if ! st_bridge bs0 4096 || ! st_bridge bs1 8192 || ! st_bridge bs2 32768; then
		skip rstp_linkup "no STP bridges"
		skip rstp_failover "no STP bridges"
		ip netns del $ST_NS
		return 0
	fi
	st_link 0 1 && st_link 1 2 && st_link 0 2
	for i in 0 1 2; do st link set "bs$i" up; done
	st link set s01 up
	now; t0=$_now
	st link set s10 up
	if st_until 30 "fwd s01 s10"; then
		res rstp_linkup "$(fdiv $((_now - t0)) 1000 0)"
	else
		skip rstp_linkup "s01-s10 never forwarded"
	fi
	# the triangle: bs2's port to bs1 (s21) is the one that discards
	for d in s12 s21 s02 s20; do st link set "$d" up; done
	conv=0
	# settled: the discarding port stays so for two hellos (a port can
	# discard for a moment on its way to designated)
	! st_until 30 '! fwd s21 && fwd s20 s02 s12 s01 s10' 2000 || conv=1
	now; t0=$_now
	st link set s02 down
	if [ $conv = 1 ] && st_until 30 "fwd s21"; then
		res rstp_failover "$(fdiv $((_now - t0)) 1000 0)"
	else
		skip rstp_failover "the triangle did not converge, or s21 never forwarded"
	fi
	ip netns del $ST_NS
}

# BPDU load: known unicast bp0 -> bq0 on an STP bridge (RSTP on lbridge),
# first alone, then while bp1 receives BPDU_RATE 802.1D config BPDUs a
# second from a worse bridge: what BPDU handling takes from forwarding on
# the other ports.  lbrpace sends them in one batch a millisecond (pktgen
# cannot: with one CPU its thread never turns from an unpaced device to a
# paced one, and mausezahn's sleep per frame stops near 6,000 a second).
BPDU_RATE=${LBR_BENCH_BPDU_RATE:-10000}
LBRPACE=${LBR_BENCH_LBRPACE:-$REPO/tools/lbrpace/lbrpace}
# To 01:80:c2:00:00:00 from 02:00:00:00:bd:01, 802.3 length 38, LLC, a
# config BPDU: root and bridge 65535/02:00:00:00:bd:01 (worse than any
# default), cost 0, port 8001, ages 0/20 s, hello 2 s, forward delay 15 s.
BPDU_WORSE=$(printf %s 0180c2000000 02000000bd01 0026 424203 0000 00 00 00 \
	ffff02000000bd01 00000000 ffff02000000bd01 8001 0000 1400 0200 0f00)
bpdu_skip() { # bpdu_skip REASON...: every bpdu row
	local id
	for id in bpdu_fwd bpdu_fwd_load bpdu_rx_rate bpdu_slowdown; do skip $id "$@"; done
}
# bpdu_br: bbr0 with STP (RSTP on lbridge), bp0 and bq0 forwarding
bpdu_br() {
	local i
	ip link add bbr0 type bridge stp_state 1 forward_delay 200 hello_time 100 || return 1
	[ "$cur_dp" != lbridge ] || "$LBRCTL" setstpproto bbr0 rstp || return 1
	ip link set bp0 master bbr0 && ip link set bq0 master bbr0 &&
		ip link set bp1 master bbr0 && ip link set bbr0 up || return 1
	for ((i = 0; i < 400; i++)); do
		port_fwd bp0 && port_fwd bq0 && port_fwd bp1 && break
		nap 0.05
	done
	port_fwd bp0 && port_fwd bq0 && fdb_static "$(mac bs0)" bq0
}
case_bpdu() {
	local r0 r1 rx0 rx1 t0 t1 gen cpu=0
	def bpdu_fwd kpps higher "known unicast 64 B on an STP bridge (lbridge: RSTP), no BPDUs"
	def bpdu_fwd_load kpps higher "the same while another port receives $BPDU_RATE BPDUs/s"
	def bpdu_rx_rate kpps higher "BPDUs the loaded port received (the load reached)"
	def bpdu_slowdown % lower "forwarding lost to the BPDU load (bpdu_fwd vs bpdu_fwd_load)"
	if [ ! -x "$LBRPACE" ]; then
		bpdu_skip "no $LBRPACE (make lbrpace)"
		return 0
	fi
	if ! bpdu_br || ! pg_dev 0 bg0 "$(mac bs0)" 0; then
		bpdu_skip "setup failed"
		pg_reset
		br_down
		return 0
	fi
	rate 1; r0=$_rate
	pg_dev 0 bg0 "$(mac bs0)" 0
	[ "$NCPU" -lt 2 ] || cpu=1
	taskset -c $cpu "$LBRPACE" bg1 "$BPDU_RATE" "$BPDU_WORSE" &
	gen=$!
	nap 0.2
	rx bp1; rx0=$_rx; now; t0=$_now
	rate 1; r1=$_rate
	rx bp1; rx1=$_rx; now; t1=$_now
	kill $gen
	wait $gen 2>/dev/null
	res bpdu_fwd "$(fdiv "$r0" 1000 2)"
	res bpdu_fwd_load "$(fdiv "$r1" 1000 2)"
	if [ "$rx1" -eq "$rx0" ]; then
		# The generator never ran: on one slow CPU pktgen's thread
		# starves it (seen on the debug kernel).  No load, no figure.
		limit bpdu_rx_rate 0 "no BPDU reached bp1: the generator got no CPU ($NCPU CPU(s) shared with pktgen)"
		limit bpdu_slowdown 0 "no BPDU load was applied"
	else
		res bpdu_rx_rate "$(fdiv $(((rx1 - rx0) * 1000)) $((t1 - t0)) 2)"
		res bpdu_slowdown "$(fdiv $(((r0 - r1) * 100)) "$r0" 1)"
	fi
	pg_reset
	br_down
}

case_control() {
	local b=/tmp/lbrbench.cp i k t0 t1 att errs q qs ta tq ipn=(ip -n "$NS_CP")
	def br_create us lower "create a bridge (mean of $BRIDGES, ip -batch)"
	def br_delete us lower "delete a bridge (mean of $BRIDGES, ip -batch)"
	for ((i = 0; i < BRIDGES; i++)); do echo "link add bbc$i type bridge"; done >$b
	now; t0=$_now
	"${ipn[@]}" -b $b
	now; t1=$_now
	res br_create "$(fdiv $((t1 - t0)) "$BRIDGES" 0)"
	for ((i = 0; i < BRIDGES; i++)); do echo "link del bbc$i"; done >$b
	now; t0=$_now
	"${ipn[@]}" -b $b
	now; t1=$_now
	res br_delete "$(fdiv $((t1 - t0)) "$BRIDGES" 0)"

	for k in "${PORTS_A[@]}"; do
		if [ "$k" != 1 ]; then
			def "attach_$k" us lower "attach $k ports to one bridge: time per attach"
			def "attach_${k}_q4" us lower "attach $k ports: time per attach, last quarter"
			def "attached_$k" ports higher "attach $k ports to one bridge: ports attached"
			def "destroy_$k" ms lower "delete the bridge holding the ports of attach $k"
			if [ "$cur_rep" -gt "$CP_REPS" ]; then
				continue
			fi
		fi
		if ! "${ipn[@]}" link add bba type bridge || ! "${ipn[@]}" link set bba up; then
			skip "attach_$k" "no bridge"
			continue
		fi
		if [ "$k" = 1 ]; then
			# One process start would dominate: attach and detach one port
			# to the empty bridge BRIDGES times in one batch.
			def attach_1 us lower "attach+detach the only port (mean of $BRIDGES)"
			for ((i = 0; i < BRIDGES; i++)); do
				echo "link set bd0 master bba"
				echo "link set bd0 nomaster"
			done >$b
			now; t0=$_now
			"${ipn[@]}" -b $b
			now; t1=$_now
			res attach_1 "$(fdiv $((t1 - t0)) "$BRIDGES" 0)"
			"${ipn[@]}" link del bba
			continue
		fi
		# Four batches of a quarter each: the last shows whether the time
		# per attach stays flat as the bridge fills.
		errs='' ta=0
		for ((q = 0; q < 4; q++)); do
			qs=$((k * q / 4))
			for ((i = qs; i < k * (q + 1) / 4; i++)); do echo "link set bd$i master bba"; done >$b
			now; t0=$_now
			errs+=$("${ipn[@]}" -force -b $b 2>&1 >/dev/null)
			now; t1=$_now
			ta=$((ta + t1 - t0))
			tq=$((t1 - t0))
		done
		att=$("${ipn[@]}" -o link show master bba | grep -c .)
		res "attached_$k" "$att"
		if [ "$att" -eq "$k" ]; then
			res "attach_$k" "$(fdiv "$ta" "$k" 0)"
			res "attach_${k}_q4" "$(fdiv "$tq" $((k - k * 3 / 4)) 0)"
		else
			# A time per attach would mix refusals with attaches.
			errs=$(grep -m1 -v '^Command failed' <<<"$errs")
			limit "attach_$k" "$att" "refused port $((att + 1)): ${errs:-no error printed}"
			limit "attach_${k}_q4" "$att" "refused port $((att + 1))"
		fi
		fdb_show_ports "$k" "$att"
		now; t0=$_now
		"${ipn[@]}" link del bba
		now; t1=$_now
		res "destroy_$k" "$(fdiv $((t1 - t0)) 1000 1)"
	done
	rm -f $b
}

# ---------------------------------------------------------------- main ----

[ "$(id -u)" = 0 ] || die "must run as root (in the guest)"
echo "meta kernel $(uname -r)"
echo "meta cpus $NCPU"
echo "meta reps $REPS"
echo "meta window_s $SECS"
echo "meta smoke $smoke"
echo "meta sizes macs=$MACS ports=${PORTS// /,} bridges=$BRIDGES flood=${FLOOD// /,} pings=$PINGS rr_s=$RR_SECS ageing_cs=$AGEING cp_reps=$CP_REPS mdb_groups=$MDB_GROUPS"
echo "meta lbridge_ko $LBR_MODULE sha256:$(sha256sum <"$LBR_MODULE" | cut -c1-16)"
echo "meta cmdline $(tr ' ' '\n' </proc/cmdline | grep -E '^(slab_nomerge|mitigations|tsc_early_khz|clocksource)' | tr '\n' ' ')"
echo "meta clocksource $(rd /sys/devices/system/clocksource/clocksource0/current_clocksource)"
now; t_setup=$_now
setup
nf_companions || log "cannot install lbridge's netfilter companions: case nf fails on lbridge"
now
log "setup (links, $maxports dummies) took $(fdiv $((_now - t_setup)) 1000000 1) s"
if [ $perf = 1 ]; then
	echo 0 >/proc/sys/kernel/kptr_restrict
	echo -1 >/proc/sys/kernel/perf_event_paranoid
fi

# Which datapaths can run here (bridge.ko only with vm.sh --allow-bridge).
dps=()
for dp in $datapaths; do
	cur_dp=$dp
	if ! use_dp "$dp" >/tmp/lbrbench.mod 2>&1; then
		log "datapath $dp unavailable: $(tr '\n' ' ' </tmp/lbrbench.mod)"
		echo "meta unavailable $dp $(tr '\n' ' ' </tmp/lbrbench.mod)"
		continue
	fi
	dps+=("$dp")
done
[ ${#dps[@]} -gt 0 ] || die "no datapath available"
echo "meta datapaths ${dps[*]}"
[ $ovs_on = 0 ] || echo "meta ovs $(ovs-vswitchd --version | head -n1)"

for ((rep = 1; rep <= REPS; rep++)); do
	for dp in "${dps[@]}"; do
		cur_dp=$dp cur_rep=$rep
		now; t_dp=$_now
		use_dp "$dp" >/tmp/lbrbench.mod 2>&1 || die "cannot switch to $dp: $(tr '\n' ' ' </tmp/lbrbench.mod)"
		for c in $cases; do
			applies "$c" || continue
			[ "$ISOLATE" = 0 ] || isolate
			"case_$c"
		done
		now
		log "rep $rep $dp done in $(fdiv $((_now - t_dp)) 1000000 1) s"
	done
done
echo "meta done 1"

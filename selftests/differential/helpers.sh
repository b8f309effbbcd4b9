# SPDX-License-Identifier: GPL-2.0
# helpers.sh - what a differential scenario may use; sourced by run.sh inside the scenario's netns.
# shellcheck shell=bash
#
# A scenario is a plain list of client commands.  It runs in bash inside
# a fresh network namespace ($NS, IPv6 off so nothing sends frames of its
# own), once with bridge.ko and once with lbridge; everything it prints is
# compared.  Wrap every command whose result matters in `run`:
#
#	veths 2                          # v0..v1 (peers p0..p1), fixed MACs, down
#	run brctl addbr br0              # $ brctl addbr br0 / output / [rc=0]
#	wr /sys/class/net/br0/bridge/ageing_time 0x10
#	runsh 'ip -j -d link show br0 | jq -c ".[0].linkinfo.info_data.priority"'
#
# Nothing here may look at which module is loaded: both runs must execute
# exactly the same commands.  Forks are what the emulated guest is slowest
# at, so the helpers use shell builtins where they can.

shopt -s extglob
export LC_ALL=C

# The real bridge-utils brctl: busybox has an applet of the same name.
brctl() {
	/usr/sbin/brctl "$@"
}
export -f brctl

_dh_out=${TMPDIR:-/tmp}/lbrdiff-o.$$
_dh_err=${TMPDIR:-/tmp}/lbrdiff-e.$$
_dh_batch=${TMPDIR:-/tmp}/lbrdiff-b.$$
_dh_mon=()	# pids of background monitors (stopped on exit)
_dh_lines=()
exec {_dh_sleepfd}<> <(:)	# a pipe nobody writes: read -t on it sleeps
_dh_exit() {
	local pid
	for pid in "${_dh_mon[@]}"; do
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	rm -f "$_dh_out" "$_dh_err" "$_dh_batch"
}
trap _dh_exit EXIT

# _dh_sleep SECS: sleep without a fork.
_dh_sleep() {
	read -rt "$1" -u "$_dh_sleepfd" || :
}

# _dh_cat FILE [PREFIX]: FILE's lines, each after PREFIX.
_dh_cat() {
	_dh_lines=()
	mapfile -t _dh_lines <"$1"
	[ ${#_dh_lines[@]} -eq 0 ] || printf '%s\n' "${_dh_lines[@]/#/${2:-}}"
}

# _dh_show RC: the captured stdout, stderr (as "2> " lines) and "[rc=RC]".
_dh_show() {
	_dh_cat "$_dh_out"
	_dh_cat "$_dh_err" '2> '
	printf '[rc=%d]\n' "$1"
}

# _dh_fdb_order CMDLINE: an FDB dump's lines come in the order of each
# implementation's table (in-tree: newest first on a list; lbridge: hash
# order, having no list so that entries fit in 64 bytes).  The order
# promises nothing, so dumps are compared sorted.
_dh_fdb_order() {
	case $1 in
	*"fdb show"* | *"fdb sh"*)
		sort -o "$_dh_out" "$_dh_out"
		;;
	esac
}

# run CMD [ARG...]: print "$ CMD ARG...", CMD's stdout, its stderr as "2> "
# lines, then "[rc=STATUS]".  Always returns 0.
run() {
	local rc=0
	printf '$ %s\n' "$*"
	"$@" >"$_dh_out" 2>"$_dh_err" </dev/null || rc=$?
	_dh_fdb_order "$*"
	_dh_show "$rc"
}

# runsh 'PIPELINE': like run, for a shell command line (pipes, redirections,
# jq); run by bash -o pipefail, so a failure anywhere shows in the status.
runsh() {
	local rc=0
	printf '$ %s\n' "$1"
	bash -o pipefail -c "$1" >"$_dh_out" 2>"$_dh_err" </dev/null || rc=$?
	_dh_fdb_order "$1"
	_dh_show "$rc"
}

# setup CMD [ARG...]: a step whose output is not compared; silent unless it
# fails, then it is shown like run (so a broken fixture shows as a diff).
setup() {
	local rc=0
	"$@" >"$_dh_out" 2>"$_dh_err" </dev/null || rc=$?
	if [ "$rc" -ne 0 ]; then
		printf '$ %s  (setup)\n' "$*"
		_dh_show "$rc"
	fi
	return 0
}

# wr FILE VALUE: "echo VALUE > FILE" as a shell user types it; a refused
# write shows bash's message ("write error: Invalid argument").
wr() {
	local rc=0
	printf '$ echo %s > %s\n' "$2" "$1"
	(echo "$2" >"$1") 2>"$_dh_err" </dev/null || rc=$?
	# "helpers.sh: line 12: echo: write error: ..." -> "bash: echo: write error: ..."
	_dh_lines=()
	mapfile -t _dh_lines <"$_dh_err"
	[ ${#_dh_lines[@]} -eq 0 ] ||
		printf '2> bash: %s\n' "${_dh_lines[@]#*: line +([0-9]): }"
	printf '[rc=%d]\n' "$rc"
}

# rd FILE...: "cat FILE" for each (read by the shell: no fork).
rd() {
	local f rc
	for f in "$@"; do
		printf '$ cat %s\n' "$f"
		rc=0
		_dh_lines=()
		mapfile -t _dh_lines 2>"$_dh_err" <"$f" || rc=1
		[ ${#_dh_lines[@]} -eq 0 ] || printf '%s\n' "${_dh_lines[@]}"
		if [ $rc -ne 0 ]; then
			mapfile -t _dh_lines <"$_dh_err"
			printf '2> cat: %s\n' "${_dh_lines[@]#*: line +([0-9]): }"
		fi
		printf '[rc=%d]\n' "$rc"
	done
}

# sysdump DIR: every regular file in DIR as "name=value" (first line), or
# "name: <error>" when it cannot be read; for comparing a whole directory.
sysdump() {
	local f v e
	printf '$ sysdump %s\n' "$1"
	for f in "$1"/*; do
		[ -f "$f" ] || continue
		v=
		{ read -r v <"$f"; } 2>"$_dh_err"
		if [ -s "$_dh_err" ]; then
			read -r e <"$_dh_err"
			printf '%s: %s\n' "${f##*/}" "${e##*: }"
		else
			printf '%s=%s\n' "${f##*/}" "$v"
		fi
	done
}

# querier DEV: DEV's IFLA_BR_MCAST_QUERIER_STATE as one JSON line (Debian
# 12's ip does not print it); wrap it in run.
_dh_helpers=$(cd "$(dirname "${BASH_SOURCE[0]}")/../helpers" && pwd -P)
export _dh_helpers
querier() {
	python3 "$_dh_helpers/brquerier.py" "$1"
}
export -f querier

# mac GROUP INDEX: the fixed, locally administered address 02:00:00:GG:II:II.
mac() {
	printf '02:00:00:%02x:%02x:%02x' "$1" $(($2 / 256)) $(($2 % 256))
}

# _dh_batch_run TOOL LINES: run LINES (newline-ended) as one TOOL -batch
# (not compared).
_dh_batch_run() {
	printf '%s' "$2" >"$_dh_batch"
	setup "$1" -batch "$_dh_batch"
}

# veths N [FIRST]: veth pairs vI (MAC 02:00:00:01:00:I+1) with peers pI
# (02:00:00:02:00:I+1) for I = FIRST..FIRST+N-1, all down.
veths() {
	local i first=${2:-0} batch=
	for ((i = first; i < first + $1; i++)); do
		batch+="link add v$i address $(mac 1 $((i + 1))) type veth"
		batch+=" peer name p$i address $(mac 2 $((i + 1)))"$'\n'
	done
	_dh_batch_run ip "$batch"
}

# fdbs 'ARGS' ...: one "bridge fdb ARGS" per argument, in one bridge -batch
# run (not compared).
fdbs() {
	local batch
	printf -v batch 'fdb %s\n' "$@"
	_dh_batch_run bridge "$batch"
}

# up DEV...: set each device up (not compared).
up() {
	local batch
	printf -v batch 'link set dev %s up\n' "$@"
	_dh_batch_run ip "$batch"
}

# send DEV SRC [DST]: one Ethernet frame (ethertype 0x88b5, local
# experimental) out of DEV with source SRC, to DST (default broadcast).
send() {
	setup mausezahn -q "$1" -c 1 -a "$2" -b "${3:-ff:ff:ff:ff:ff:ff}" -t raw 'aa:bb'
}

# settle DESC SECS CMD...: poll CMD (50-500 ms apart) until it succeeds or
# SECS pass; on timeout print "[timeout: DESC]" (which then shows as a
# difference if only one side times out).
settle() {
	local desc=$1 secs=$2 end delay=0.05
	shift 2
	end=$((${EPOCHREALTIME/[.,]/} + secs * 1000000))
	until "$@" >/dev/null 2>&1; do
		if [ "${EPOCHREALTIME/[.,]/}" -ge "$end" ]; then
			printf '[timeout: %s]\n' "$desc"
			return 1
		fi
		_dh_sleep "$delay"
		case $delay in
		0.05) delay=0.1 ;;
		0.1) delay=0.2 ;;
		*) delay=0.5 ;;
		esac
	done
}

# has FILE ERE: FILE has a line matching ERE (for settle; no fork).
has() {
	local l
	while IFS= read -r l; do
		[[ $l =~ $2 ]] && return 0
	done <"$1"
	return 1
}

# learned MAC DEV: the FDB of bridge br0 has MAC on port DEV (for settle).
learned() {
	bridge fdb show br br0 >"$_dh_batch" 2>&1 && has "$_dh_batch" "^$1 dev $2 "
}

# _dh_oper_settled DEV: DEV's operstate agrees with its carrier (linkwatch
# applies carrier changes to the operstate up to a second late).
_dh_oper_settled() {
	local c='' o=''
	read -r o <"/sys/class/net/$1/operstate" || return 1
	{ read -r c <"/sys/class/net/$1/carrier"; } 2>/dev/null
	case $c:$o in
	:*) return 0 ;;			# device down: no carrier to follow
	1:up | 1:unknown | 1:dormant) return 0 ;;
	0:down | 0:lowerlayerdown) return 0 ;;
	esac
	return 1
}

# opersettle DEV...: wait until each DEV's operstate follows its carrier.
opersettle() {
	local d
	for d in "$@"; do
		settle "$d operstate" 5 _dh_oper_settled "$d"
	done
}

# mcpkt DEV KIND ARG...: IGMP, MLD or group frames out of DEV, exactly as
# helpers/mcast_pkt.py KIND makes them (not compared).
mcpkt() {
	setup python3 "$_dh_helpers/mcast_pkt.py" "$@"
}

# lwsettle: wait until linkwatch has applied every carrier change made so
# far to the operstates.  While a device is down nothing shows whether it
# has (sysfs and netlink report "down"), yet a change still pending when it
# comes up shows in what it then sends: a new veth reads UNKNOWN, which
# counts as up, until linkwatch applies its carrier loss, up to a second
# later.  Linkwatch applies changes in order, so a dummy's carrier loss
# queued after them, in a netns of its own that no monitor sees, reaching
# its operstate is the witness.
lwsettle() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	settle "linkwatch" 5 unshare -n sh -c '
		ip link add lw type dummy && ip link set lw up &&
			ip link set lw carrier off || exit 1
		i=0
		until ip -o link show lw | grep -q " state DOWN "; do
			i=$((i + 1))
			[ $i -lt 100 ] || exit 1
			sleep 0.05
		done'
}

# gcsettle BR: wait until BR's first ageing pass has run and re-armed the
# gc timer for a long wait (over 1 s).  Until then its value depends on
# timing: in-tree runs the first pass 0.1 s after the bridge opens, and the
# timer reads idle while a pass runs.
_dh_gc_armed() {
	local t=0
	read -r t <"/sys/class/net/$1/bridge/gc_timer" && [ "$t" -gt 100 ]
}
gcsettle() {
	settle "$1 gc timer" 5 _dh_gc_armed "$1"
}

# monitor FILE CMD...: start CMD (e.g. bridge monitor fdb) in the
# background with its output in FILE and wait until its netlink socket has
# joined its multicast groups, so no event after this call is missed.
monitor() {
	local file=$1 pid
	shift
	stdbuf -oL -eL "$@" >"$file" 2>&1 </dev/null &
	pid=$!
	_dh_mon+=("$pid")
	settle "$* subscribed" 10 _dh_subscribed "$pid"
}

# _dh_subscribed PID: PID owns a netlink socket with multicast groups
# (/proc/net/netlink: sk Eth Pid Groups ...).
_dh_subscribed() {
	local pid groups rest
	while read -r _ _ pid groups rest; do
		[ "$pid" = "$1" ] && [ "$groups" != 00000000 ] && return 0
	done </proc/net/netlink
	return 1
}

# mark FILE NAME: a marker line in a link monitor's FILE: create dummy
# device NAME and wait until the monitor reported it, so what comes before
# it in FILE happened before.
mark() {
	setup ip link add "$2" type dummy
	settle "marker $2" 10 has "$1" "^[0-9]+: $2:"
}

# monitor_stop FILE: stop the newest monitor, then print its output.
monitor_stop() {
	local n=$((${#_dh_mon[@]} - 1))
	kill "${_dh_mon[n]}" 2>/dev/null
	wait "${_dh_mon[n]}" 2>/dev/null
	unset "_dh_mon[n]"
	printf '$ (monitor output)\n'
	_dh_cat "$1"
}

# SPDX-License-Identifier: GPL-2.0
# lib.sh - helpers sourced by every lbridge selftest: TAP output, checks, netns/veth fixtures, cleanup.
# shellcheck shell=bash
#
# Usage, at the top of selftests/foo.sh:
#	source "$(dirname "$0")/lib.sh"
#	lbr_load
#	H1=$(ns_new h1); H2=$(ns_new h2)
#	veth_pair "$H1" eth0 "$H2" eth0
#	check "h1 pings h2" ip netns exec "$H1" ping -c1 -W2 192.0.2.2
# The file's exit status is set on exit: 1 if any check failed, else 0
# (4 after skip_all).  Every netns named by ns_new and every link named by
# if_name is deleted on exit, as are the commands registered with defer.

# Repository root (where lbridge.ko lands after `make`); the guest sees the
# host's tree at the same absolute path.
LBR_REPO=${LBR_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
# shellcheck disable=SC2034 # for the tests
LBR_TEST=$(basename "$0" .sh)
LBR_MODULE=${LBR_MODULE:-$LBR_REPO/lbridge.ko}

# Unique names: netns "lbrt<pid>-NAME"; init-netns links "l<pid in base 36>-NAME"
# (IFNAMSIZ leaves 8 characters for NAME).
LBR_NS_PREFIX="lbrt$$-"
_lbr_b36() {
	local n=$1 digits=0123456789abcdefghijklmnopqrstuvwxyz s=
	while [ "$n" -gt 0 ]; do
		s=${digits:n%36:1}$s
		n=$((n / 36))
	done
	echo "${s:-0}"
}
LBR_IF_PREFIX="l$(_lbr_b36 $$)-"

_lbr_n=0	# TAP test number
_lbr_pass=0
_lbr_fail=0
_lbr_skip=0
_lbr_skip_all=0
_lbr_defer=()

# ------------------------------------------------------------------ TAP ----

# diag MSG...: TAP diagnostic lines, one per argument and embedded line.
diag() {
	local line
	printf '%s\n' "$@" | while IFS= read -r line; do
		printf '# %s\n' "$line"
	done
}

# _lbr_diag_file FILE: FILE's lines as diagnostics (lines that already are
# diagnostics, e.g. from a wait_for inside check, are kept as they are).
_lbr_diag_file() {
	[ ! -s "$1" ] || sed -e '/^# /!s/^/# /' "$1"
}

# pass NAME
pass() {
	_lbr_n=$((_lbr_n + 1))
	_lbr_pass=$((_lbr_pass + 1))
	printf 'ok %d - %s\n' "$_lbr_n" "$1"
}

# fail NAME [DIAG...] (returns 0, so it is safe under set -e)
fail() {
	_lbr_n=$((_lbr_n + 1))
	_lbr_fail=$((_lbr_fail + 1))
	printf 'not ok %d - %s\n' "$_lbr_n" "$1"
	shift
	[ $# -eq 0 ] || diag "$@"
	return 0
}

# skip NAME REASON
skip() {
	_lbr_n=$((_lbr_n + 1))
	_lbr_skip=$((_lbr_skip + 1))
	printf 'ok %d - %s # SKIP %s\n' "$_lbr_n" "$1" "${2:-}"
}

# result NAME STATUS: pass if STATUS is 0, else fail.
result() {
	if [ "$2" -eq 0 ]; then
		pass "$1"
	else
		fail "$1"
	fi
}

# skip_all REASON: skip the whole file (exit status 4, kselftest's KSFT_SKIP).
skip_all() {
	_lbr_skip_all=1
	printf '1..0 # SKIP %s\n' "$*"
	exit 4
}

# relay_tap SKIP_PREFIX: report here the results of a nested TAP stream on
# stdin that ends with "@@exit N" (its producer's status, into
# $_lbr_relay_rc); comments pass through, other lines become diagnostics,
# and a whole-file skip skips this file, its reason after SKIP_PREFIX.
relay_tap() {
	local line
	_lbr_relay_rc=
	while IFS= read -r line; do
		if [[ $line =~ ^ok\ [0-9]+\ -\ (.*)\ \#\ SKIP\ ?(.*)$ ]]; then
			skip "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
		elif [[ $line =~ ^ok\ [0-9]+\ -\ (.*)$ ]]; then
			pass "${BASH_REMATCH[1]}"
		elif [[ $line =~ ^not\ ok\ [0-9]+\ -\ (.*)$ ]]; then
			fail "${BASH_REMATCH[1]}"
		elif [[ $line =~ ^1\.\.0\ \#\ SKIP\ ?(.*)$ ]]; then
			skip_all "$1${BASH_REMATCH[1]}"
		elif [[ $line =~ ^1\.\.[0-9]+$ ]]; then
			:
		elif [[ $line =~ ^@@exit\ ([0-9]+)$ ]]; then
			_lbr_relay_rc=${BASH_REMATCH[1]}
		elif [[ $line =~ ^# ]]; then
			printf '%s\n' "$line"
		else
			printf '# %s\n' "$line"
		fi
	done
}

# bail REASON: a failed test named REASON, and stop the file (exit 1).
bail() {
	fail "$1"
	shift
	[ $# -eq 0 ] || diag "$@"
	exit 1
}

# --------------------------------------------------------------- checks ----

_lbr_out=

# check NAME CMD [ARG...]: run CMD; ok if it succeeds, else not ok with its
# output and status as diagnostics.  Returns CMD's status.
check() {
	local name=$1 rc=0
	shift
	"$@" >"$_lbr_out" 2>&1 || rc=$?
	if [ $rc -eq 0 ]; then
		pass "$name"
	else
		fail "$name"
		diag "command: $*" "exit status: $rc"
		_lbr_diag_file "$_lbr_out"
	fi
	return $rc
}

# errno_text EEXIST -> "File exists"
errno_text() {
	perl -MErrno -e 'my $f = Errno->can($ARGV[0]) or exit 1; $! = $f->(); print "$!\n"' "$1"
}

# check_fail NAME EXPECTED CMD [ARG...]: CMD must fail, and its output must
# contain EXPECTED (case-insensitive): either plain text, or an errno name
# (EEXIST) matching either the name itself or its strerror text ("File
# exists").  An empty EXPECTED accepts any failure.  Returns 0 if as expected.
check_fail() {
	local name=$1 expected=$2 rc=0 text=
	shift 2
	"$@" >"$_lbr_out" 2>&1 || rc=$?
	if [ $rc -eq 0 ]; then
		fail "$name" "command: $*" "unexpectedly succeeded"
		_lbr_diag_file "$_lbr_out"
		return 1
	fi
	if [ -z "$expected" ] || grep -qiF -- "$expected" "$_lbr_out"; then
		pass "$name"
		return 0
	fi
	if [[ $expected =~ ^E[A-Z0-9]+$ ]] && text=$(errno_text "$expected") &&
		grep -qiF -- "$text" "$_lbr_out"; then
		pass "$name"
		return 0
	fi
	fail "$name" "command: $*" "exit status: $rc" \
		"expected output containing: $expected${text:+ ($text)}"
	_lbr_diag_file "$_lbr_out"
	return 1
}

# scaled SECS: SECS times LBR_TIMEOUT_SCALE: slow kernels (debug builds)
# get that many times as long.
scaled() {
	awk -v t="$1" -v k="${LBR_TIMEOUT_SCALE:-1}" 'BEGIN { print t * k }'
}

# slow_kernel: true on a slow (debug) kernel, LBR_TIMEOUT_SCALE above 1,
# where tests shrink what only makes them long.
slow_kernel() {
	awk -v k="${LBR_TIMEOUT_SCALE:-1}" 'BEGIN { exit !(k > 1) }'
}

# wait_for DESC TIMEOUT CMD [ARG...]: run CMD until it succeeds or TIMEOUT
# seconds (may be fractional) have passed, polling every 50-500 ms.  Returns 0
# on success; on timeout prints a diagnostic with CMD's last output and
# returns 1.  Use it instead of fixed sleeps; wrap it in check for a TAP line:
#	check "port forwarding" wait_for "port fwd" 10 port_is_forwarding br0 eth0
wait_for() {
	local desc=$1 secs=$2 limit delay=0.05 start now
	shift 2
	start=${EPOCHREALTIME/[.,]/}
	secs=$(scaled "$secs")
	limit=$(awk -v t="$secs" 'BEGIN { printf "%d", t * 1000000 }')
	while :; do
		if "$@" >"$_lbr_out.wait" 2>&1; then
			return 0
		fi
		now=${EPOCHREALTIME/[.,]/}
		if [ $((now - start)) -ge "$limit" ]; then
			diag "timed out after ${secs}s waiting for $desc" "command: $*"
			_lbr_diag_file "$_lbr_out.wait"
			return 1
		fi
		sleep "$delay"
		case $delay in
		0.05) delay=0.1 ;;
		0.1) delay=0.2 ;;
		*) delay=0.5 ;;
		esac
	done
}

# require_cmd CMD...: skip the whole file unless every CMD is installed.
require_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null || skip_all "$c is not installed"
	done
}

# require_vm: skip the whole file unless running in the scripts/vm.sh guest.
require_vm() {
	[ "${LBR_VM:-}" = 1 ] || skip_all "not inside the scripts/vm.sh guest"
}

# --------------------------------------------------------------- module ----

# lbr_load: insmod lbridge.ko from the repository unless it is loaded.
lbr_load() {
	[ ! -d /sys/module/lbridge ] || return 0
	[ -f "$LBR_MODULE" ] || bail "load lbridge.ko" "$LBR_MODULE is missing: run make"
	if ! insmod "$LBR_MODULE" >"$_lbr_out" 2>&1; then
		bail "load lbridge.ko" "insmod $LBR_MODULE failed:" "$(cat "$_lbr_out")" \
			"$(dmesg 2>/dev/null | tail -n 20)"
	fi
}

# lbr_nf_companions: lbridge's netfilter companions (lbridge_nf.ko,
# lbridge_nf_conntrack.ko, beside $LBR_MODULE) where modprobe finds them,
# with lbridge.conf's aliases for them, as `make install` leaves a host:
# nf_tables and nf_conntrack then load them on demand.  Undone on exit
# (the companions unloaded first).
LBR_NF_COMPANIONS=(lbridge_nf lbridge_nf_conntrack)
lbr_nf_companions() {
	local m kver upd conf
	kver=$(uname -r)
	# Not below updates/, which may not exist yet: removing the test's
	# directory must leave the module tree as it was (dkms.sh checks).
	upd=/lib/modules/$kver/lbr-test-$$
	conf=/etc/modprobe.d/lbr-test-$$.conf
	for m in "${LBR_NF_COMPANIONS[@]}"; do
		[ -f "${LBR_MODULE%/*}/$m.ko" ] ||
			bail "$m.ko" "${LBR_MODULE%/*}/$m.ko is missing: run make"
		[ ! -d "/sys/module/$m" ] || rmmod "$m" ||
			bail "unload $m" "an earlier test left it loaded and in use"
	done
	mkdir -p "$upd"
	cp "$LBR_MODULE" "$upd/lbridge.ko"
	for m in "${LBR_NF_COMPANIONS[@]}"; do cp "${LBR_MODULE%/*}/$m.ko" "$upd/"; done
	grep -E '^alias (nft-expr-|nf_conntrack_bridge )' \
		"$LBR_REPO/tools/modprobe.d/lbridge.conf" >"$conf"
	depmod -a "$kver"
	defer depmod -a "$kver"
	defer rm -rf "$upd" "$conf"
	for m in "${LBR_NF_COMPANIONS[@]}"; do defer rmmod "$m"; done
}

# nft_count NS FAMILY TABLE COMMENT: packets the counter of the rule with
# that comment counted ("none" without such a rule).
nft_count() {
	ip netns exec "$1" nft -j list table "$2" "$3" | jq -r --arg c "$4" \
		'[.nftables[] | .rule? // empty | select(.comment == $c) |
		  .expr[] | .counter? // empty | .packets] | add // "none"'
}
# check_nft_count NAME WANT NS FAMILY TABLE COMMENT: that counter reads WANT.
check_nft_count() {
	local got
	got=$(nft_count "$3" "$4" "$5" "$6")
	if [ "$got" = "$2" ]; then
		pass "$1"
	else
		fail "$1" "counter '$6' in $4 $5: $got, want $2"
	fi
}

# ebtables_flavours: the ebtables front ends this kernel can serve: the
# nft-based one where nf_tables runs ebtables' matches and targets
# (nft_compat: every Debian kernel; the debug kernel is built without
# it), ebtables-legacy where the kernel has its modules (Debian's 7.x
# builds them no more).
ebtables_flavours() {
	! modprobe -n -q nft_compat 2>/dev/null || echo ebtables-nft
	! modprobe -n -q ebtables 2>/dev/null || echo ebtables-legacy
}

# ebtables_skips WHAT: skip WHAT for each flavour this kernel cannot serve.
ebtables_skips() {
	local have
	have=" $(ebtables_flavours | tr '\n' ' ') "
	[[ $have == *" ebtables-nft "* ]] ||
		skip "ebtables-nft: $1" "this kernel has no nft_compat"
	[[ $have == *" ebtables-legacy "* ]] ||
		skip "ebtables-legacy: $1" "this kernel has no legacy ebtables"
}

# ------------------------------------------------------------- fixtures ----

# ns_name NAME: the netns name ns_new NAME creates.
ns_name() {
	echo "$LBR_NS_PREFIX$1"
}

# ns_new NAME: create netns "lbrt<pid>-NAME" with lo up, print its name.
# It is deleted on exit (even when created in a subshell, e.g. H=$(ns_new h)).
ns_new() {
	local ns
	ns=$(ns_name "$1")
	ip netns add "$ns" || bail "create netns $ns"
	ip -n "$ns" link set lo up
	echo "$ns"
}

# if_name NAME: a unique name for a link in the initial netns, deleted on exit.
if_name() {
	local n=$LBR_IF_PREFIX$1
	[ ${#n} -le 15 ] || bail "if_name $1: $n is longer than 15 characters"
	echo "$n"
}

# veth_pair [NS_A] NAME_A [NS_B] NAME_B: create a veth pair with each end
# directly in its netns ("" or "-" for the initial one), both ends up.
# Four arguments: NS_A NAME_A NS_B NAME_B; two: NAME_A NAME_B (initial netns,
# use if_name for them).
veth_pair() {
	local nsa='' a nsb='' b
	if [ $# -eq 4 ]; then
		nsa=$1 a=$2 nsb=$3 b=$4
	elif [ $# -eq 2 ]; then
		a=$1 b=$2
	else
		bail "veth_pair: bad arguments: $*"
	fi
	[ "$nsa" != - ] || nsa=
	[ "$nsb" != - ] || nsb=
	ip link add name "$a" ${nsa:+netns "$nsa"} type veth \
		peer name "$b" ${nsb:+netns "$nsb"} ||
		bail "create veth pair $nsa/$a - $nsb/$b"
	ip ${nsa:+-n "$nsa"} link set dev "$a" up
	ip ${nsb:+-n "$nsb"} link set dev "$b" up
}

# defer CMD [ARG...]: run CMD on exit (last registered runs first).  Only
# from the test's main shell, not from $(...) subshells.
defer() {
	local q
	q=$(printf '%q ' "$@")
	_lbr_defer+=("$q")
}

_lbr_cleanup() {
	local i ns link
	for ((i = ${#_lbr_defer[@]} - 1; i >= 0; i--)); do
		eval "${_lbr_defer[i]}" >/dev/null 2>&1 || true
	done
	for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }'); do
		case $ns in
		"$LBR_NS_PREFIX"*) ip netns del "$ns" 2>/dev/null || true ;;
		esac
	done
	for link in $(ip -o link show 2>/dev/null | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }'); do
		case $link in
		"$LBR_IF_PREFIX"*) ip link del dev "$link" 2>/dev/null || true ;;
		esac
	done
	rm -f "$_lbr_out" "$_lbr_out.wait"
}

_lbr_exit() {
	local rc=$?
	trap - EXIT
	_lbr_cleanup
	[ $_lbr_skip_all = 1 ] && exit 4
	[ $_lbr_n -eq 0 ] || printf '1..%d\n' "$_lbr_n"
	if [ $rc -eq 0 ] && [ $_lbr_fail -gt 0 ]; then
		rc=1
	fi
	exit $rc
}

_lbr_out=$(mktemp "${TMPDIR:-/tmp}/lbrt.$$.XXXXXX")
trap _lbr_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

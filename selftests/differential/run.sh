#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run.sh - differential oracle: every scenario under bridge.ko, then under lbridge, in this guest; diff them (TAP).
#
# usage: selftests/differential/run.sh [-v] [SCENARIO...]
#   SCENARIO   a scenario name (03-brctl-addif), its number (03) or a glob
#              (1*); default: every scenarios/*.sh
#   -v         also show the difference of known differences, and each
#              scenario's normalised bridge.ko output
#
# Runs as root inside the scripts/vm.sh guest, which must let bridge.ko load
# (vm.sh --allow-bridge, or selftests/differential.sh, which lifts the
# guest's block).  lbridge is unloaded if loaded; bridge.ko is loaded and
# every scenario runs, each in a fresh netns; bridge.ko is unloaded,
# $LBR_MODULE is inserted and every scenario runs again.  On exit the
# modules are put back as they were found.
#
# A scenario's output (see helpers.sh) is normalised by normalise.sed and the
# two runs are diffed: one TAP line per scenario, "ok", "not ok" with the
# diff as "#" lines, or "ok ... # SKIP" when known-differences lists the
# whole scenario (a missing feature).  Lines a known-differences filter sets
# aside (a missing feature's attributes, say) are dropped from both outputs
# first; if the rest is equal the scenario is "ok", with a "#" line naming
# what was set aside.  A known-differences entry that
# no difference needed is reported, so the list can shrink.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=selftests/lib.sh
source "$here/../lib.sh"

verbose=0
if [ "${1:-}" = -v ]; then
	verbose=1
	shift
fi

require_vm
require_cmd ip bridge jq mausezahn stdbuf timeout modprobe insmod rmmod
[ -x /usr/sbin/brctl ] || skip_all "bridge-utils brctl is not installed"

# ------------------------------------------------------------ scenarios ----

scenarios=()
if [ $# -eq 0 ]; then
	scenarios=("$here"/scenarios/[0-9]*.sh)
else
	for pat in "$@"; do
		pat=${pat##*/}
		pat=${pat%.sh}
		n=${#scenarios[@]}
		# shellcheck disable=SC2231 # PAT may be a glob
		for f in "$here"/scenarios/$pat.sh "$here"/scenarios/$pat-*.sh; do
			[ -f "$f" ] && scenarios+=("$f")
		done
		[ ${#scenarios[@]} -gt "$n" ] || bail "no scenario matches '$pat'"
	done
fi
[ -f "${scenarios[0]:-}" ] || bail "no scenarios in $here/scenarios"

# ------------------------------------------------------ known differences ----

# known-differences: "NAME REASON..." or "NAME FILTER REASON...", see there.
kd_name=() kd_filter=() kd_reason=() kd_line=() kd_used=() kd_seen=()
n=0
while IFS= read -r line || [ -n "$line" ]; do
	n=$((n + 1))
	[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
	read -r name rest <<<"$line"
	filter=
	if [[ $rest =~ ^(/[^[:space:]]*/d|s/[^[:space:]]*/g?|\$!N\;/[^[:space:]]*/!P\;D)([[:space:]]+(.*))?$ ]]; then
		filter=${BASH_REMATCH[1]}
		rest=${BASH_REMATCH[3]}
	fi
	[ -n "$rest" ] || bail "known-differences:$n: no reason given"
	kd_name+=("$name") kd_filter+=("$filter") kd_reason+=("$rest")
	kd_line+=("$n") kd_used+=(0) kd_seen+=(0)
done <"$here/known-differences"
# Check every filter's syntax in one go, each alone only if that fails.
kd_args=()
for f in "${kd_filter[@]}"; do
	[ -z "$f" ] || kd_args+=(-e "$f")
done
if [ ${#kd_args[@]} -gt 0 ] && ! sed -E "${kd_args[@]}" </dev/null 2>/dev/null; then
	for i in "${!kd_filter[@]}"; do
		[ -z "${kd_filter[i]}" ] || sed -E "${kd_filter[i]}" </dev/null 2>/dev/null ||
			bail "known-differences:${kd_line[i]}: bad filter '${kd_filter[i]}'"
	done
fi

# ---------------------------------------------------------------- modules ----

mods_before=$(awk '{ print $1 }' /proc/modules)
had() { grep -qx "$1" <<<"$mods_before"; }

# restore_modules: unload what this run loaded, reload what it unloaded.
restore_modules() {
	local m t0=${EPOCHREALTIME/[.,]/}
	[ ! -d /sys/module/lbridge ] || had lbridge || rmmod lbridge
	[ ! -d /sys/module/bridge ] || had bridge || rmmod bridge
	for m in stp llc; do
		[ ! -d /sys/module/$m ] || had $m || rmmod $m
	done
	if had lbridge && [ ! -d /sys/module/lbridge ]; then
		insmod "$LBR_MODULE"
	fi
	if had bridge && [ ! -d /sys/module/bridge ]; then
		modprobe bridge
	fi
	diag "modules restored in $(secs $((${EPOCHREALTIME/[.,]/} - t0)))s"
}
defer restore_modules

[ -f "$LBR_MODULE" ] || bail "lbridge module" "$LBR_MODULE is missing: run make"
if [ -d /sys/module/lbridge ] && ! rmmod lbridge 2>"$_lbr_out"; then
	bail "unload lbridge" "$(cat "$_lbr_out")"
fi

# ------------------------------------------------------------------- runs ----

work=$(mktemp -d "${TMPDIR:-/tmp}/lbrdiff.XXXXXX")
defer rm -rf "$work"
tmo=${LBR_DIFF_TIMEOUT:-60}
tmo=$(scaled "$tmo")
tmo=${tmo%.*}
nsn=0

# run_all SIDE: every scenario, each in its own netns, output in $work/SIDE/.
run_all() {
	local side=$1 s name ns rc start t0 t1
	mkdir -p "$work/$side"
	start=${EPOCHREALTIME/[.,]/}
	for s in "${scenarios[@]}"; do
		name=${s##*/}
		name=${name%.sh}
		nsn=$((nsn + 1))
		ns=${LBR_NS_PREFIX}d$nsn	# as ns_name, without a fork
		ip netns add "$ns" || bail "create netns $ns"
		rc=0
		t0=${EPOCHREALTIME/[.,]/}
		# shellcheck disable=SC2016 # expanded by the scenario's shell
		NS=$ns timeout -k 5 "$tmo" ip netns exec "$ns" bash -c '
			for f in all default; do
				echo 1 >/proc/sys/net/ipv6/conf/$f/disable_ipv6
			done
			cd /tmp && source "$1" && source "$2"' scenario \
			"$here/helpers.sh" "$s" >"$work/$side/$name" 2>&1 </dev/null || rc=$?
		t1=${EPOCHREALTIME/[.,]/}
		echo "$name $((t1 - t0))" >>"$work/$side.times"
		case $rc in
		0) ;;
		124 | 137) echo "[scenario timed out after ${tmo}s]" >>"$work/$side/$name" ;;
		*) echo "[scenario exited with status $rc]" >>"$work/$side/$name" ;;
		esac
		ip netns del "$ns"
	done
	diag "$side: ${#scenarios[@]} scenarios in $(secs $((${EPOCHREALTIME/[.,]/} - start)))s"
}

# secs MICROSECONDS: "1.2"
secs() {
	awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000000 }'
}

# load_lbridge: insmod $LBR_MODULE, or bail.
load_lbridge() {
	if ! insmod "$LBR_MODULE" 2>"$_lbr_out"; then
		bail "load lbridge" "insmod $LBR_MODULE: $(cat "$_lbr_out")"
	fi
}

# lbridge_alone: every scenario under lbridge only (LBR_DIFF_SIDES=lbridge,
# which check.sh sets on the debug kernel: there the point is to drive
# lbridge's whole control plane under KASAN, lockdep and kmemleak; parity
# with bridge.ko is judged on the release kernels).  A scenario passes
# when it ran to its end.
lbridge_alone() {
	local s name
	load_lbridge
	run_all lbridge
	for s in "${scenarios[@]}"; do
		name=${s##*/}
		name=${name%.sh}
		if grep -q '^\[scenario timed out' "$work/lbridge/$name"; then
			fail "$name ran to its end under lbridge alone"
			show "$work/lbridge/$name"
		else
			pass "$name ran to its end under lbridge alone (parity: make check)"
		fi
	done
	exit 0
}

case ${LBR_DIFF_SIDES:-both} in
both) ;;
lbridge) lbridge_alone ;;
*) bail "LBR_DIFF_SIDES=${LBR_DIFF_SIDES}: 'both' or 'lbridge'" ;;
esac

if ! modprobe bridge 2>"$_lbr_out"; then
	bail "load bridge.ko" "$(cat "$_lbr_out")" \
		"(start the guest with vm.sh --allow-bridge, or run selftests/differential.sh)"
fi
run_all bridge
# Namespaces go away asynchronously; their bridges hold bridge.ko until then.
t0=${EPOCHREALTIME/[.,]/}
if ! wait_for "bridge.ko unloads" 120 rmmod bridge; then
	bail "unload bridge.ko"
fi
diag "bridge.ko unloaded in $(secs $((${EPOCHREALTIME/[.,]/} - t0)))s"
load_lbridge
run_all lbridge
t0=${EPOCHREALTIME/[.,]/}

# ---------------------------------------------------------------- compare ----

# show FILE: FILE as TAP diagnostics.
show() {
	local lines=()
	mapfile -t lines <"$1"
	[ ${#lines[@]} -eq 0 ] || printf '# %s\n' "${lines[@]}"
}

# same A B: files A and B are equal (read by the shell: no fork).
same() {
	local x y
	x=$(<"$1")
	y=$(<"$2")
	[ "$x" = "$y" ]
}

# showdiff A B: unified diff of A and B as TAP diagnostics.
showdiff() {
	diff -u --label bridge.ko --label lbridge "$1" "$2" >"$work/diff"
	show "$work/diff"
}

# copy FROM TO: without a fork.
copy() {
	local lines=()
	mapfile -t lines <"$1"
	if [ ${#lines[@]} -eq 0 ]; then
		: >"$2"
	else
		printf '%s\n' "${lines[@]}" >"$2"
	fi
}

# kd_filter_files A B INDEX...: apply those known-differences filters to
# files A and B in place, in one sed run for the line filters and one per
# line-pair filter; each filter that changed something leaves a non-empty
# $work/kdw.INDEX behind.
kd_filter_files() {
	local a=$1 b=$2 i f re
	shift 2
	: >"$work/kd.sed"
	for i in "$@"; do
		f=${kd_filter[i]}
		rm -f "$work/kdw.$i"
		case $f in
		s/*) printf '%sw %s\n' "$f" "$work/kdw.$i" ;;
		/*) printf '%s{\nw %s\nd\n}\n' "${f%d}" "$work/kdw.$i" ;;
		esac
	done >"$work/kd.sed"
	[ ! -s "$work/kd.sed" ] || sed -E -s -i -f "$work/kd.sed" "$a" "$b"
	for i in "$@"; do
		f=${kd_filter[i]}
		case $f in
		'$!N;'*)
			re=${f#'$!N;/'}
			re=${re%'/!P;D'}
			printf '$!N\n/%s/{\nw %s\nD\n}\nP\nD\n' "$re" "$work/kdw.$i" >"$work/kd.sed"
			sed -E -s -i -f "$work/kd.sed" "$a" "$b"
			;;
		esac
	done
}

# Normalise every output in one sed run: forks are slow in the guest.
normed=()
for s in "${scenarios[@]}"; do
	name=${s##*/}
	name=${name%.sh}
	copy "$work/bridge/$name" "$work/bridge/$name.n"
	copy "$work/lbridge/$name" "$work/lbridge/$name.n"
	normed+=("$work/bridge/$name.n" "$work/lbridge/$name.n")
done
sed -E -s -i -f "$here/normalise.sed" "${normed[@]}"

for s in "${scenarios[@]}"; do
	name=${s##*/}
	name=${name%.sh}
	a=$work/bridge/$name.n b=$work/lbridge/$name.n
	[ $verbose = 0 ] || { diag "bridge.ko output of $name:"; show "$a"; }

	whole=() filters=()
	for i in "${!kd_name[@]}"; do
		# shellcheck disable=SC2053 # NAME may be a glob
		[[ $name == ${kd_name[i]} ]] || continue
		kd_seen[i]=1
		if [ -z "${kd_filter[i]}" ]; then
			whole+=("$i")
		else
			filters+=("$i")
		fi
	done

	if same "$a" "$b"; then
		pass "$name"
		continue
	fi

	if [ ${#whole[@]} -gt 0 ]; then
		reasons=
		for i in "${whole[@]}"; do
			kd_used[i]=1
			reasons+="${reasons:+; }${kd_reason[i]}"
		done
		skip "$name" "known difference: $reasons"
		[ $verbose = 0 ] || showdiff "$a" "$b"
		continue
	fi

	copy "$a" "$a.f"
	copy "$b" "$b.f"
	reasons='' used=()
	if [ ${#filters[@]} -gt 0 ]; then
		kd_filter_files "$a.f" "$b.f" "${filters[@]}"
		for i in "${filters[@]}"; do
			[ -s "$work/kdw.$i" ] || continue
			kd_used[i]=1
			used+=("${kd_line[i]}")
			case "; $reasons;" in
			*"; ${kd_reason[i]};"*) ;;
			*) reasons+="${reasons:+; }${kd_reason[i]}" ;;
			esac
		done
	fi
	if same "$a.f" "$b.f"; then
		# Equal once the listed lines are set aside: the rest of the
		# scenario matched, so it passes, saying what was set aside.
		pass "$name"
		diag "set aside as known differences: $reasons"
		[ $verbose = 0 ] || showdiff "$a" "$b"
		continue
	fi
	fail "$name"
	[ ${#used[@]} -eq 0 ] ||
		diag "(known-differences lines ${used[*]} applied first)"
	showdiff "$a.f" "$b.f"
done

diag "compared in $(secs $((${EPOCHREALTIME/[.,]/} - t0)))s"

# The slowest scenarios, both sides together.
[ $verbose = 0 ] || diag "seconds per scenario, bridge.ko and lbridge:" \
	"$(join <(sort "$work/bridge.times") <(sort "$work/lbridge.times") |
		awk '{ printf "%s %.1f %.1f\n", $1, $2 / 1000000, $3 / 1000000 }')"
diag "slowest: $(join <(sort "$work/bridge.times") <(sort "$work/lbridge.times") |
	awk '{ printf "%s %.1fs\n", $1, ($2 + $3) / 1000000 }' | sort -k2 -rn | head -n 5 |
	paste -sd, - | sed 's/,/, /g')"

for i in "${!kd_name[@]}"; do
	if [ "${kd_seen[i]}" = 0 ] || [ "${kd_used[i]}" = 1 ]; then
		continue
	fi
	diag "known-differences:${kd_line[i]}: '${kd_name[i]}${kd_filter[i]:+ ${kd_filter[i]}}' was not needed by any scenario run: remove it"
done

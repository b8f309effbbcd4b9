#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# check.sh - run every selftest (or the ones named) in parallel scripts/vm.sh guests and sum up.
#
# usage: scripts/check.sh [--kernel K] [TEST...]   (`make check`: neither)
# With neither, every test runs on Debian's 6.1 and the smoke subset
# (smoke= in selftests/settings) on each of LBR_CHECK_EXTRA_KERNELS
# (default "6.12 7.3", see scripts/vm.sh --kernel), one guest per kernel;
# LBR_CHECK_EXTRA_KERNELS= skips them.
# Tests are spread over LBR_CHECK_VMS guests (default 2), longest first by
# the durations of earlier runs (.vm/timings; else selftests/timings.KERNEL,
# else cost.NAME in selftests/settings), each guest running
# selftests/run.sh on its share.  Each guest's output is printed as one block,
# then one final line "N passed, M failed, K skipped".  Tests that need
# several CPUs (cpus.NAME in selftests/settings) get one more guest with
# that many.  A guest that fails
# (oops, WARNING, timeout, no result) counts as one more failure.
# Exit status 0 iff nothing failed and something passed.
#
# --kernel K boots K (see scripts/vm.sh --kernel) and runs an lbridge.ko
# built for it in $CACHE/lbridge-RELEASE (a copy of the sources: the tree's
# own build is left alone), with K's build tree: "debug" is
# scripts/debug-kernel's build (built first if needed, which takes long;
# `make check-debug`), a directory needs a build/ there.  On a kernel with
# kmemleak each guest scans for leaks after its tests (LBR_KMEMLEAK=1,
# selftests/run.sh); time limits are multiplied by LBR_TIMEOUT_SCALE
# (default 12 for debug: it ran the differential 18x slower than 6.1 on
# two busy host CPUs; else 1) and a WARNING does not panic the guest, so
# that one guest's run shows every splat (the console still fails it).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
CACHE=${LBR_VM_CACHE:-$REPO/.vm}
nvms=${LBR_CHECK_VMS:-2}
timings=$CACHE/timings
mkdir -p "$CACHE"

# shellcheck source=scripts/kernel-lib.sh
source scripts/kernel-lib.sh
kernel=''
case ${1:-} in
--kernel) kernel=${2:?--kernel needs a value}; shift 2 ;;
--kernel=*) kernel=${1#*=}; shift ;;
esac
scale=${LBR_TIMEOUT_SCALE:-1}
extra_kernels=''
if [ -z "$kernel" ] && [ $# -eq 0 ]; then
	extra_kernels=${LBR_CHECK_EXTRA_KERNELS-6.12 7.3}
fi
main_kernel=${kernel:-6.1}
if [ "$main_kernel" = debug ]; then
	scale=${LBR_TIMEOUT_SCALE:-12}
	# The differential's bridge.ko half took 49 min there; it checks
	# nothing of lbridge (selftests/differential/run.sh).
	export LBR_DIFF_SIDES=${LBR_DIFF_SIDES:-lbridge}
fi
lbr_module_for_kernel "$main_kernel" "$CACHE" || { echo "check.sh: giving up" >&2; exit 1; }
kdir=${lbr_kdir:-} kbuild=$lbr_kbuild release=$lbr_release
export LBR_MODULE=$lbr_module LBR_TIMEOUT_SCALE=$scale
if [ -n "$kernel" ]; then
	export LBR_VM_KERNEL=$kernel
	if grep -qx CONFIG_DEBUG_KMEMLEAK=y "$kbuild/.config"; then
		export LBR_KMEMLEAK=1
	fi
	LBR_VM_APPEND="${LBR_VM_APPEND:-} panic_on_warn=0"
	export LBR_VM_APPEND
	timings=$CACHE/timings-$release
fi
echo "check.sh: kernel $release (${kdir:-$kbuild}), module $LBR_MODULE, time limits x$scale"

setting() { # setting KEY DEFAULT
	local v
	v=$(sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\\([0-9]\\+\\)[[:space:]]*$/\\1/p" \
		selftests/settings 2>/dev/null | tail -n 1)
	echo "${v:-$2}"
}

# Tests as paths run.sh accepts; a test's name is its file name less .sh.
tests=()
if [ $# -gt 0 ]; then
	for t in "$@"; do
		if [ -f "$t" ]; then
			tests+=("$(cd "$(dirname "$t")" && pwd -P)/${t##*/}")
		else
			t=${t##*/}
			tests+=("selftests/${t%.sh}.sh")
		fi
	done
else
	for f in selftests/*.sh; do
		case ${f##*/} in
		lib.sh | run.sh) ;;
		*) tests+=("$f") ;;
		esac
	done
fi
[ ${#tests[@]} -gt 0 ] || { echo "check.sh: no tests found" >&2; exit 1; }
name() {
	local n=${1##*/}
	echo "${n%.sh}"
}

# Tests that need several guest CPUs ("cpus.NAME=N" in selftests/settings:
# races between CPUs) run in one more guest of their own with that many.
multi='' multi_cpus=1
single=()
for t in "${tests[@]}"; do
	c=$(setting "cpus\\.$(name "$t")" 1)
	if [ "$c" -gt 1 ]; then
		multi+=" $t"
		[ "$c" -le "$multi_cpus" ] || multi_cpus=$c
	else
		single+=("$t")
	fi
done
tests=("${single[@]}")
[ "$nvms" -ge 1 ] || nvms=1
[ "$nvms" -le ${#tests[@]} ] || nvms=${#tests[@]}

# Longest processing time first: each test, longest first, goes to the guest
# with the least work so far.  Unknown tests cost 30 s.
declare -A cost=()
# selftests/settings may give "cost.NAME=SECS" for a clean clone's first run.
while IFS='=' read -r k v; do
	cost[${k#cost.}]=$v
done < <(sed -n 's/^[[:space:]]*\(cost\.[a-z0-9_]*\)[[:space:]]*=[[:space:]]*\([0-9]\+\)[[:space:]]*$/\1=\2/p' \
	selftests/settings 2>/dev/null)
# selftests/timings.KERNEL ("NAME SECS" lines, as .vm/timings) seeds them
# for a kernel whose durations differ from 6.1's (debug: 4 to 12 times
# longer, unevenly), so that a fresh machine's first run splits evenly.
for f in "selftests/timings.$main_kernel" "$timings"; do
	[ -f "$f" ] || continue
	while read -r n s; do
		case $n in '#'* | '') continue ;; esac
		cost[$n]=$s
	done <"$f"
done
mapfile -t order < <(for t in "${tests[@]}"; do
	echo "${cost[$(name "$t")]:-30} $t"
done | sort -k1,1gr -k2,2 | awk '{ print $2 }')
declare -a load share
for ((i = 0; i < nvms; i++)); do
	load[i]=0
	share[i]=
done
for t in "${order[@]}"; do
	n=$(name "$t")
	best=0
	for ((i = 1; i < nvms; i++)); do
		if awk -v a="${load[i]}" -v b="${load[best]}" 'BEGIN { exit !(a < b) }'; then
			best=$i
		fi
	done
	share[best]+=" $t"
	load[best]=$(awk -v a="${load[best]}" -v b="${cost[$n]:-30}" 'BEGIN { print a + b }')
done
declare -a vcpus
for ((i = 0; i < nvms; i++)); do
	vcpus[i]=1
done
declare -a gkernel gmodule
for ((i = 0; i < nvms; i++)); do
	gkernel[i]=${LBR_VM_KERNEL:-} gmodule[i]=$LBR_MODULE
done
if [ -n "$multi" ]; then
	share[nvms]=$multi
	vcpus[nvms]=$multi_cpus
	gkernel[nvms]=${LBR_VM_KERNEL:-} gmodule[nvms]=$LBR_MODULE
	nvms=$((nvms + 1))
fi
# The smoke subset on each extra kernel, in a guest of its own.
smoke=$(sed -n 's/^[[:space:]]*smoke[[:space:]]*=[[:space:]]*//p' selftests/settings | tail -n 1)
for k in $extra_kernels; do
	lbr_module_for_kernel "$k" "$CACHE" || { echo "check.sh: no $k kernel: giving up" >&2; exit 1; }
	echo "check.sh: kernel $lbr_release ($lbr_kbuild), module $lbr_module: ${smoke}"
	share[nvms]=$(for t in $smoke; do printf ' selftests/%s.sh' "$t"; done)
	vcpus[nvms]=1 gkernel[nvms]=$k gmodule[nvms]=$lbr_module
	nvms=$((nvms + 1))
done

bash scripts/vm.sh --build >/dev/null

# Host stages first ("host=NAME..." in selftests/settings): such a test
# also runs on the host, before the guests, for what needs no guest (dkms
# builds are ten times faster here than under TCG); its guest run then
# uses what it left in $CACHE (LBR_DKMS_TREE).
host_tests=$(sed -n 's/^[[:space:]]*host[[:space:]]*=[[:space:]]*//p' selftests/settings | tail -n 1)
host_out=$(mktemp -d "$CACHE/check-host.XXXXXX")
host_ran=()
export LBR_DKMS_TREE=$CACHE/dkms
# dkms.sh's host stage builds for 6.1, 6.12 and 7.3, and for this kernel.
if [ -n "$kernel" ]; then
	export LBR_DKMS_EXTRA_RELEASE=$release LBR_DKMS_EXTRA_KBUILD=$kbuild
fi
for h in $host_tests; do
	for t in "${tests[@]}" $multi; do
		[ "$(name "$t")" = "$h" ] || continue
		echo "check.sh: host stage of $h" >&2
		timeout -k 10 1800 nice bash "$t" >"$host_out/$h.log" 2>&1 || true
		host_ran+=("$h")
	done
done

# One guest per share; its time limit is the sum of its tests' limits plus
# a margin for booting.
out=$(mktemp -d "$CACHE/check.XXXXXX")
pids=()
# Interrupted, the guests go too (vm.sh kills its QEMU on TERM), rather
# than run on for hours writing into the deleted logs.
# shellcheck disable=SC2317 # called from the EXIT trap
stop_guests() {
	local p
	for p in "${pids[@]}"; do
		pkill -TERM -P "$p" 2>/dev/null || true
	done
	rm -rf "$out"
}
trap stop_guests EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
default_timeout=$(setting timeout 300)
for ((i = 0; i < nvms; i++)); do
	limit=120
	for t in ${share[i]}; do
		limit=$((limit + $(setting "timeout\\.$(name "$t")" "$default_timeout")))
	done
	limit=$((limit * scale))
	# shellcheck disable=SC2086 # share[i] is a list of test names
	(
		rc=0
		LBR_VM_KERNEL=${gkernel[i]} LBR_MODULE=${gmodule[i]} \
			bash scripts/vm.sh --cpus "${vcpus[i]}" --timeout "$limit" -- selftests/run.sh ${share[i]} \
			>"$out/$i.log" 2>&1 || rc=$?
		{ echo "$rc" >"$out/$i.rc"; } 2>/dev/null || true
	) &
	pids+=($!)
done
for p in "${pids[@]}"; do
	wait "$p" || true
done

passed=0 failed=0 skipped=0 failures=()
for h in "${host_ran[@]}"; do
	log=$host_out/$h.log
	echo "==== host: $h"
	sed "s/^/host| [$h] /" "$log"
	p=$(grep -caE '^ok [0-9]+( |$)' "$log" || true)
	s=$(grep -caE '^ok [0-9]+ .*# *[Ss][Kk][Ii][Pp]' "$log" || true)
	f=$(grep -caE '^not ok( |$)' "$log" || true)
	passed=$((passed + p - s)) failed=$((failed + f)) skipped=$((skipped + s))
	while IFS= read -r l; do failures+=("host| [$h] $l"); done \
		< <(grep -aE '^not ok( |$)' "$log" || true)
done
rm -rf "$host_out"
new_timings=()
for ((i = 0; i < nvms; i++)); do
	vm=vm$((i + 1))
	rc=$(cat "$out/$i.rc" 2>/dev/null || echo 125)
	log=$out/$i.log
	echo "==== $vm${gkernel[i]:+ [${gkernel[i]}]}:$(for t in ${share[i]}; do printf ' %s' "$(name "$t")"; done) (vm.sh exit $rc)"
	sed "s/^/$vm| /" "$log"
	summary=$(grep -aE '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -n 1 || true)
	if [ -n "$summary" ]; then
		read -r p _ f _ s _ <<<"${summary//,/}"
	else
		# The guest died mid-run: count the results it did print.
		p=$(grep -caE '^\[[^]]+\] ok [0-9]+( |$)' "$log" || true)
		s=$(grep -caE '^\[[^]]+\] ok [0-9]+ .*# *[Ss][Kk][Ii][Pp]' "$log" || true)
		f=$(grep -caE '^\[[^]]+\] not ok( |$)' "$log" || true)
		p=$((p - s))
	fi
	if [ "$rc" -ge 124 ] && [ "$rc" -le 125 ] || [ -z "$summary" ]; then
		cur=$(awk '/^# ==== / { n = $3 } /^# [A-Za-z0-9_.-]+: exit / { n = "" }
			END { print n }' "$log")
		echo "$vm| not ok - $vm failed${cur:+ during test $cur} (vm.sh exit $rc): see the vm.sh lines above"
		failures+=("$vm| not ok - $vm failed${cur:+ during test $cur} (vm.sh exit $rc)")
		f=$((f + 1))
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	while IFS= read -r l; do failures+=("$vm| $l"); done \
		< <(grep -aE '^(\[[^]]+\] )?not ok( |$)' "$log" || true)
	[ "${gkernel[i]}" = "${LBR_VM_KERNEL:-}" ] || continue
	while read -r n secs; do
		new_timings+=("$n $secs")
	done < <(sed -n 's/^# \([A-Za-z0-9_.-]*\): exit [0-9]*, \([0-9.]*\)s, .*/\1 \2/p' "$log")
done

# Remember durations of selftests/*.sh for the next split (keeping those of
# tests not run this time).
if [ ${#new_timings[@]} -gt 0 ]; then
	{
		printf '%s\n' "${new_timings[@]}"
		[ ! -f "$timings" ] || cat "$timings"
	} | awk '!seen[$1]++' | sort | while read -r n secs; do
		[ ! -f "selftests/$n.sh" ] || echo "$n $secs"
	done >"$timings.tmp.$$"
	mv -f "$timings.tmp.$$" "$timings"
fi

# Repeated last, so that the end of a long log (all CI keeps) names them.
if [ ${#failures[@]} -gt 0 ]; then
	echo "# failures:"
	printf '#   %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run.sh - run lbridge selftests (inside the scripts/vm.sh guest) and sum up their TAP results.
#
# usage: selftests/run.sh [TEST...]
# TEST is a file (selftests/foo.sh), a file name (foo.sh) or a name (foo);
# default: every selftests/*.sh but lib.sh and run.sh.  Each test runs under
# timeout(1), from the repository root, with the limit from selftests/settings ("timeout=SECS" for all,
# "timeout.NAME=SECS" for one; LBR_TEST_TIMEOUT=SECS overrides both; LBR_TIMEOUT_SCALE=N multiplies them, for slow
# kernels).  Its TAP lines are printed as "[NAME] ...",
# then "# NAME: exit RC, SECS s, ..." and, at the very end, one line
# "N passed, M failed, K skipped".  Exit status 0 iff M == 0 and N > 0.
# LBR_KMEMLEAK=1 (a kernel with kmemleak): forget what kmemleak suspects
# before the first test, scan after the last and report any suspect as one
# more "[kmemleak] not ok" with kmemleak's report.
set -uo pipefail

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
settings=$dir/settings

[ "${LBR_VM:-}" = 1 ] ||
	echo "# warning: not inside the scripts/vm.sh guest; use: scripts/vm.sh -- selftests/run.sh $*"

setting() { # setting KEY DEFAULT
	local v
	v=$(sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\\([0-9]\\+\\)[[:space:]]*$/\\1/p" \
		"$settings" 2>/dev/null | tail -n 1)
	echo "${v:-$2}"
}
default_timeout=$(setting timeout 300)
scale=${LBR_TIMEOUT_SCALE:-1}
[[ $scale =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: bad LBR_TIMEOUT_SCALE '$scale'" >&2; exit 2; }

tests=()
if [ $# -eq 0 ]; then
	for f in "$dir"/*.sh; do
		case ${f##*/} in
		lib.sh | run.sh) ;;
		*) tests+=("$f") ;;
		esac
	done
else
	for t in "$@"; do
		if [ -f "$t" ]; then
			tests+=("$(cd "$(dirname "$t")" && pwd -P)/${t##*/}")
		elif [ -f "$dir/$t" ]; then
			tests+=("$dir/$t")
		elif [ -f "$dir/$t.sh" ]; then
			tests+=("$dir/$t.sh")
		else
			echo "run.sh: no such test: $t" >&2
			tests+=("$dir/${t%.sh}.sh")	# counted as a failure below
		fi
	done
fi

kmsg() {
	[ -w /dev/kmsg ] && echo "lbr-selftest: $*" >/dev/kmsg 2>/dev/null
	return 0
}

KML=/sys/kernel/debug/kmemleak
kmemleak=${LBR_KMEMLEAK:-0}
if [ "$kmemleak" = 1 ]; then
	if [ -w $KML ] && echo scan >$KML 2>/dev/null; then
		# What booting left behind is not the tests' doing.
		echo clear >$KML
	else
		echo "# kmemleak: $KML is not usable (kernel without kmemleak, or disabled)"
	fi
fi

passed=0 failed=0 skipped=0
for t in "${tests[@]}"; do
	name=$(basename "$t" .sh)
	tmo=${LBR_TEST_TIMEOUT:-$(setting "timeout\\.$name" "$default_timeout")}
	tmo=$((tmo * scale))
	echo "# ==== $name (timeout ${tmo}s)"
	kmsg "start $name"
	p=0 f=0 s=0
	start=${EPOCHREALTIME/[.,]/}
	if [ -f "$t" ]; then
		while IFS= read -r line; do
			printf '[%s] %s\n' "$name" "$line"
			if [[ $line =~ ^not\ ok([[:space:]]|$) ]]; then
				f=$((f + 1))
			elif [[ $line =~ ^ok([[:space:]]|$) ]]; then
				if [[ $line =~ \#[[:space:]]*[Ss][Kk][Ii][Pp] ]]; then
					s=$((s + 1))
				else
					p=$((p + 1))
				fi
			fi
		done < <(
			cd "$dir/.." &&
				exec timeout --kill-after=10 "$tmo" bash "$t" 2>&1 </dev/null
			)
		wait $! 2>/dev/null
		rc=$?
	else
		rc=127
	fi
	end=${EPOCHREALTIME/[.,]/}
	secs=$(awk -v us=$((end - start)) 'BEGIN { printf "%.1f", us / 1000000 }')

	case $rc in
	124 | 137)
		printf '[%s] not ok - %s timed out after %ss\n' "$name" "$name" "$tmo"
		f=$((f + 1))
		;;
	4)
		[ $((p + f + s)) -gt 0 ] || s=1
		;;
	0)
		if [ $((p + f + s)) -eq 0 ]; then
			printf '[%s] not ok - %s printed no TAP result\n' "$name" "$name"
			f=1
		fi
		;;
	*)
		if [ $f -eq 0 ]; then
			printf '[%s] not ok - %s exited with status %d\n' "$name" "$name" "$rc"
			f=1
		fi
		;;
	esac

	# Safety net: netns a test left behind (killed before its cleanup).
	for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^lbrt[0-9]+-/ { print $1 }'); do
		echo "# $name left netns $ns behind; deleting it"
		ip netns del "$ns" 2>/dev/null
	done
	for link in $(ip -o link show 2>/dev/null |
		awk -F': ' '{ sub(/@.*/, "", $2) } $2 ~ /^l[0-9a-z]+-/ { print $2 }'); do
		echo "# $name left link $link behind; deleting it"
		ip link del dev "$link" 2>/dev/null
	done

	echo "# $name: exit $rc, ${secs}s, $p ok, $f not ok, $s skipped"
	kmsg "end $name: exit $rc"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

# An object is suspect once unreferenced for 5 s at a scan: scan, wait
# past that, scan again, then read what kmemleak kept.
if [ "$kmemleak" = 1 ]; then
	if [ -w $KML ]; then
		echo "# ==== kmemleak"
		start=${EPOCHREALTIME/[.,]/}
		echo scan >$KML
		sleep 6
		echo scan >$KML
		report=$(cat $KML)
		end=${EPOCHREALTIME/[.,]/}
		secs=$(awk -v us=$((end - start)) 'BEGIN { printf "%.1f", us / 1000000 }')
		if [ -z "$report" ]; then
			echo "[kmemleak] ok - kmemleak: no suspected leak after the tests (${secs}s)"
			passed=$((passed + 1))
		else
			n=$(grep -c '^unreferenced object' <<<"$report")
			echo "[kmemleak] not ok - kmemleak: $n suspected leak(s) after the tests (${secs}s)"
			while IFS= read -r line; do
				printf '[kmemleak] # %s\n' "$line"
			done <<<"$report"
			failed=$((failed + 1))
		fi
	else
		echo "[kmemleak] not ok - kmemleak: $KML is not usable"
		failed=$((failed + 1))
	fi
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ] && [ $passed -gt 0 ]

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench_smoke.sh - the benchmark's smoke mode runs in the guest and every case yields a number (values unchecked).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq awk tc bridge modprobe
[ -f "$LBR_MODULE" ] || bail "lbridge.ko" "$LBR_MODULE is missing: run make"

work=$(mktemp -d "${TMPDIR:-/tmp}/lbrbench-smoke.XXXXXX")
defer rm -rf "$work"
raw=$work/raw.txt

# Never a timing assertion: only that the bench ran and produced numbers.
check "bench-guest.sh --smoke runs" \
	bash -c "'$LBR_REPO/scripts/bench-guest.sh' --smoke >'$raw'" || bail "no bench output"
check "bench-report.sh writes the table, CSV and JSON" \
	bash "$LBR_REPO/scripts/bench-report.sh" "$raw" "$work/out"
check "results.json is valid JSON with cases" \
	jq -e '.cases | length > 0' "$work/out/results.json"
check "results.csv has a row per case" \
	bash -c "[ \$(grep -c . '$work/out/results.csv') -gt 10 ]"
# number ID DATAPATH: the JSON has a numeric median for DATAPATH in case ID.
number() {
	jq -e --arg id "$1" --arg dp "$2" \
		'.cases[] | select(.id == $id) | .[$dp].median | numbers' "$work/out/results.json"
}
skipped() { grep -m1 "^skip $1 $2 " "$raw" | cut -d' ' -f4-; }

cases=(fwd1 fwd1_cost fwd2 fwd2_cost ping_rtt
	learn_ms learn_lost learn_entries fdb_obj fdb_slab fdb_mem fdb_show fdb_flush
	br_create br_delete attach_1 attach_16 attached_16 destroy_16)
for n in 2 8; do
	for k in uu bc; do
		cases+=("flood_${k}_$n" "flood_${k}_${n}_cost")
	done
done
floor_cases=(fwd1 flood_uu_2 flood_bc_2 flood_uu_8 flood_bc_8 ping_rtt)

dps=(lbridge)
if grep -q '^meta unavailable bridge' "$raw"; then
	skip "bridge.ko figures" "bridge.ko cannot load here (vm.sh without --allow-bridge)"
	skip "chart.svg drawn" "no lbridge/bridge.ko ratios without bridge.ko"
else
	dps+=(bridge_ko)
	if command -v gnuplot >/dev/null; then
		check "chart.svg drawn" test -s "$work/out/chart.svg"
	else
		skip "chart.svg drawn" "gnuplot is not installed"
	fi
fi
for dp in "${dps[@]}"; do
	for c in "${cases[@]}"; do
		why=$(skipped "${c%_cost}" "${dp%_ko}")
		if [ -n "$why" ]; then
			skip "$dp: $c" "$why"
		else
			check "$dp: $c produced a number" number "$c" "$dp"
		fi
	done
done
for c in "${floor_cases[@]}"; do
	check "tc floor: $c produced a number" number "$c" floor
done

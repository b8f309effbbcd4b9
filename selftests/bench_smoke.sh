#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench_smoke.sh - the benchmark's smoke mode runs in the guest; every case yields a sane number or says why not (speed unchecked).
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
	bash -c "[ \$(grep -c . '$work/out/results.csv') -gt 30 ]"
check "the table has floor, bridge.ko, lbridge, ratio and spread columns" \
	grep -q '^| case | unit | tc floor | bridge.ko | lbridge |.* ratio | target | spread' "$work/out/table.md"
# number ID DATAPATH [JQ-TEST]: the JSON has a numeric median for DATAPATH in
# case ID (that passes JQ-TEST, e.g. '> 0': sane, not fast).
number() {
	jq -e --arg id "$1" --arg dp "$2" \
		".cases[] | select(.id == \$id) | .[\$dp].median | numbers${3:+ | select(. $3)}" \
		"$work/out/results.json"
}
skipped() { grep -m1 -E "^(skip|limit) $1 $2 " "$raw" | cut -d' ' -f4-; }

# Rates, times and sizes must be positive; costs above the floor, losses and
# memory deltas (page-allocator caches hide 256 entries) only numbers.
positive=(fwd1 fwd2 ping_rtt tcp_rr tcp_rr_tps learn_ms learn_rate learn_entries fdb_obj fdb_show
	fdb_age br_create br_delete attach_1 attach_16 attach_16_q4 attached_16 destroy_16
	stp_linkup rstp_linkup rstp_failover bpdu_fwd bpdu_fwd_load bpdu_rx_rate)
cases=("${positive[@]}" fwd1_cost fwd2_cost learn_rate_cost learn_lost fdb_slab fdb_mem fdb_flush
	bpdu_slowdown)
floor_cases=(fwd1 fwd2 ping_rtt tcp_rr tcp_rr_tps)
for n in 2 8; do
	for k in uu bc; do
		positive+=("flood_${k}_$n")
		cases+=("flood_${k}_$n" "flood_${k}_${n}_cost")
		floor_cases+=("flood_${k}_$n")
	done
done
ovs_cases=("${floor_cases[@]}" fwd1_cost fwd2_cost)
# Forwarding through bridge-family nft rules (lbridge's companion
# modules); OVS has no bridge-family hooks.
for k in none loaded accept1 miss100 ct; do
	positive+=("fwd_nf_$k")
	cases+=("fwd_nf_$k" "fwd_nf_${k}_cost")
	floor_cases+=("fwd_nf_$k")
done
floor_cases+=(learn_ms learn_rate)	# the learning traffic without a bridge
is_positive() { [[ " ${positive[*]} " == *" $1 "* ]]; }

# check_case LABEL ID DATAPATH: a (sane) number, or the bench's reason to skip.
check_case() {
	local why
	why=$(skipped "${2%_cost}" "${3%_ko}")
	if [ -n "$why" ]; then
		skip "$1: $2" "$why"
	elif is_positive "$2"; then
		check "$1: $2 is a positive number" number "$2" "$3" '> 0'
	else
		check "$1: $2 is a number" number "$2" "$3"
	fi
}

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
		check_case "$dp" "$c" "$dp"
	done
done
for c in "${floor_cases[@]}"; do
	check_case "tc floor" "$c" floor
done
if grep -q '^meta unavailable ovs' "$raw"; then
	skip "OVS figures" "$(sed -n 's/^meta unavailable ovs //p' "$raw")"
else
	for c in "${ovs_cases[@]}"; do
		check_case OVS "$c" ovs
	done
fi

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench-report.sh - turn scripts/bench-guest.sh output into a table, CSV, JSON and a chart.
#
# usage: scripts/bench-report.sh RAW OUTDIR
# Writes OUTDIR/results.csv, results.json, table.md (also printed) and,
# with gnuplot installed, chart.svg and chart.png.  For each case and
# datapath: the median, minimum and maximum over the repetitions; the
# ratio lbridge/bridge.ko of the medians and the range of the per-repetition
# ratios (each repetition measured both datapaths back to back); spread =
# (max - min) / median.  "*_cost" cases are derived per repetition from a
# rate and the tc-mirred floor of the same repetition: 1/pps - 1/floor_pps,
# in microseconds per packet.  Columns: floor, bridge.ko, lbridge and OVS
# (when measured); a datapath that hit a limit shows "stops at N".
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 RAW OUTDIR" >&2; exit 2; }
raw=$1 out=$2
[ -r "$raw" ] || { echo "bench-report: cannot read $raw" >&2; exit 1; }
mkdir -p "$out"

awk -v out="$out" '
function fmt(x,   a) {
	if (x == "") return "-"
	a = x < 0 ? -x : x
	if (a >= 100 || a == int(a)) return sprintf("%.0f", x)
	if (a >= 10) return sprintf("%.1f", x)
	return sprintf("%.2f", x)
}
function num(x) { return x == "" ? "null" : sprintf("%.6g", x) }
function numc(x) { return x == "" ? "" : sprintf("%.6g", x) }
function jstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
function csvs(s) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
# stats ID DP: fills med, lo, hi, cnt, list (values in repetition order)
function stats(id, dp,   r, n, i, j, t, a) {
	n = 0; list = ""
	for (r = 1; r <= maxrep; r++)
		if ((id SUBSEP dp SUBSEP r) in v) {
			a[++n] = v[id, dp, r] + 0
			list = list (list == "" ? "" : ";") v[id, dp, r]
		}
	cnt = n
	if (!n) { med = lo = hi = ""; return }
	for (i = 2; i <= n; i++) {	# insertion sort
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
	lo = a[1]; hi = a[n]
	med = n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
$1 == "meta" {
	k = $2; $1 = $2 = ""; sub(/^ +/, "")
	if (k in mseen) {
		meta[k] = meta[k] "; " $0
	} else {
		meta[k] = $0; mseen[k] = 1; morder[++nmeta] = k
	}
	next
}
$1 == "case" {
	id = $2
	if (!(id in unit)) order[++ncase] = id
	unit[id] = $3; better[id] = $4
	$1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); label[id] = $0
	next
}
$1 == "result" {
	v[$2, $3, $4] = $5
	if ($4 + 0 > maxrep) maxrep = $4 + 0
	next
}
$1 == "skip" {
	id = $2; dp = $3; $1 = $2 = $3 = ""; sub(/^ +/, "")
	skipped[id, dp] = $0
	next
}
$1 == "limit" {
	id = $2; dp = $3; lim[id, dp] = $4; $1 = $2 = $3 = $4 = ""; sub(/^ +/, "")
	limwhy[id, dp] = $0
	next
}
$1 == "target" { top[$2] = $3; tval[$2] = $4; next }
END {
	ndp = split("floor bridge lbridge ovs", dps, " ")
	dname["floor"] = "floor"; dname["bridge"] = "bridge_ko"; dname["lbridge"] = "lbridge"; dname["ovs"] = "ovs"
	# derived time per packet above the floor, per repetition, in us
	for (c = 1; c <= ncase; c++) {
		id = order[c]
		if (id !~ /_cost$/) continue
		base = substr(id, 1, length(id) - 5)
		for (d = 2; d <= ndp; d++)
			for (r = 1; r <= maxrep; r++)
				if ((base SUBSEP dps[d] SUBSEP r) in v && (base SUBSEP "floor" SUBSEP r) in v &&
				    v[base, dps[d], r] > 0 && v[base, "floor", r] > 0)
					v[id, dps[d], r] = sprintf("%.4f", 1e3 / v[base, dps[d], r] - 1e3 / v[base, "floor", r])
	}
	hasovs = 0
	for (k in v) { split(k, kk, SUBSEP); if (kk[2] == "ovs") hasovs = 1 }

	csv = out "/results.csv"; json = out "/results.json"; md = out "/table.md"; dat = out "/chart.dat"
	print "case,label,unit,better,floor,bridge_ko,lbridge,ovs,ratio,ratio_min,ratio_max,target,target_met,floor_spread_pct,bridge_ko_spread_pct,lbridge_spread_pct,ovs_spread_pct,floor_values,bridge_ko_values,lbridge_values,ovs_values,note" > csv
	printf "| case | unit | tc floor | bridge.ko | lbridge |%s ratio | target | spread b/l%s |\n", (hasovs ? " OVS |" : ""), (hasovs ? "/o" : "") > md
	printf "|---|---|--:|--:|--:|%s--:|---|--:|\n", (hasovs ? "--:|" : "") > md
	printf "# case\tadvantage\tlow\thigh\n" > dat
	printf "{\n  \"meta\": {" > json
	for (i = 1; i <= nmeta; i++)
		printf "%s\n    %s: %s", (i > 1 ? "," : ""), jstr(morder[i]), jstr(meta[morder[i]]) > json
	printf "\n  },\n  \"cases\": [" > json

	nnote = 0
	for (c = 1; c <= ncase; c++) {
		id = order[c]
		any = 0
		for (d = 1; d <= ndp; d++) {
			dp = dps[d]
			stats(id, dp)
			M[dp] = med; L[dp] = lo; H[dp] = hi; N[dp] = cnt; V[dp] = list
			S[dp] = (med != "" && med != 0) ? (hi - lo) / (med < 0 ? -med : med) * 100 : ""
			if (cnt || (id SUBSEP dp) in skipped || (id SUBSEP dp) in lim) any = 1
		}
		if (!any)
			continue
		ratio = (M["bridge"] != "" && M["lbridge"] != "" && M["bridge"] != 0) ? M["lbridge"] / M["bridge"] : ""
		rlo = rhi = ""
		for (r = 1; r <= maxrep; r++)
			if ((id SUBSEP "bridge" SUBSEP r) in v && (id SUBSEP "lbridge" SUBSEP r) in v && v[id, "bridge", r] != 0) {
				x = v[id, "lbridge", r] / v[id, "bridge", r]
				if (rlo == "" || x < rlo) rlo = x
				if (rhi == "" || x > rhi) rhi = x
			}
		# a ratio of two costs above the floor means little when bridge.ko
		# is within noise of the floor; it is still printed, the values too
		tgt = ""; met = ""
		if (id in top) {
			tgt = (top[id] == "le" ? "<=" : ">=") tval[id]
			if (ratio != "")
				met = (top[id] == "le" ? ratio <= tval[id] : ratio >= tval[id]) ? "met" : "missed"
		}
		note = ""
		for (d = 1; d <= ndp; d++) {
			if ((id SUBSEP dps[d]) in skipped)
				note = note (note == "" ? "" : "; ") dname[dps[d]] ": " skipped[id, dps[d]]
			if ((id SUBSEP dps[d]) in lim)
				note = note (note == "" ? "" : "; ") dname[dps[d]] ": stops at " lim[id, dps[d]] " (" limwhy[id, dps[d]] ")"
		}
		printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", id, csvs(label[id]), unit[id], better[id],
			numc(M["floor"]), numc(M["bridge"]), numc(M["lbridge"]), numc(M["ovs"]), numc(ratio), numc(rlo), numc(rhi),
			tgt, met, numc(S["floor"]), numc(S["bridge"]), numc(S["lbridge"]), numc(S["ovs"]),
			V["floor"], V["bridge"], V["lbridge"], V["ovs"], csvs(note) > csv
		for (d = 1; d <= ndp; d++) {
			dp = dps[d]
			if (N[dp]) cell[dp] = fmt(M[dp])
			else if ((id SUBSEP dp) in lim) cell[dp] = "stops at " lim[id, dp]
			else if ((id SUBSEP dp) in skipped) cell[dp] = "skip"
			else cell[dp] = "-"
			sp[dp] = N[dp] > 1 ? sprintf("%.0f%%", S[dp]) : "-"
		}
		if (note != "") notes[++nnote] = label[id] ": " note
		printf "| %s | %s | %s | %s | %s |%s %s | %s | %s |\n", label[id] (note != "" ? " [" nnote "]" : ""), unit[id],
			cell["floor"], cell["bridge"], cell["lbridge"], (hasovs ? " " cell["ovs"] " |" : ""),
			(ratio == "" ? "-" : sprintf("%.2f", ratio)), (tgt == "" ? "" : tgt " " (met == "" ? "?" : met)),
			sp["bridge"] " / " sp["lbridge"] (hasovs ? " / " sp["ovs"] : "") > md
		printf "%s\n    {\"id\": %s, \"label\": %s, \"unit\": %s, \"better\": %s, \"ratio\": %s, \"ratio_min\": %s, \"ratio_max\": %s, \"target\": %s, \"target_met\": %s, \"note\": %s,",
			(printed ? "," : ""), jstr(id), jstr(label[id]), jstr(unit[id]), jstr(better[id]),
			num(ratio), num(rlo), num(rhi), (tgt == "" ? "null" : jstr(tgt)),
			(met == "" ? "null" : (met == "met" ? "true" : "false")), jstr(note) > json
		printed = 1
		for (d = 1; d <= ndp; d++) {
			dp = dps[d]
			printf "\n      %s: {\"median\": %s, \"min\": %s, \"max\": %s, \"spread_pct\": %s, \"limit\": %s, \"values\": [%s]}%s",
				jstr(dname[dp]), num(M[dp]), num(L[dp]), num(H[dp]), num(S[dp]),
				((id SUBSEP dp) in lim ? lim[id, dp] : "null"),
				V[dp] == "" ? "" : V[dp], d < ndp ? "," : "" > json
		}
		printf "}" > json
		if (ratio != "" && ratio > 0) {
			if (better[id] == "higher") { a = ratio; al = rlo; ah = rhi }
			else { a = 1 / ratio; al = (rhi > 0 ? 1 / rhi : a); ah = (rlo > 0 ? 1 / rlo : a) }
			if (al == "") al = a
			if (ah == "") ah = a
			printf "%s\t%.4f\t%.4f\t%.4f\n", id, a, al, ah > dat
		}
	}
	printf "\n  ]\n}\n" > json
	if (nnote) {
		printf "\n" > md
		for (i = 1; i <= nnote; i++) printf "[%d] %s  \n", i, notes[i] > md
	}
	printf "\nratio = lbridge/bridge.ko of the medians; spread = (max-min)/median per datapath; " \
		"us/pkt = 1/pps - 1/floor_pps (per repetition, then the median)\n" > md
	if ("clock" in meta)
		printf "clock: %s; commit %s\n", meta["clock"], meta["commit"] > md
}' "$raw"

# values lists are ";"-separated in the CSV; in JSON they must be commas
sed -i '/"values": \[/ s/;/, /g' "$out/results.json"
if command -v jq >/dev/null && ! jq -e . "$out/results.json" >/dev/null; then
	echo "bench-report: $out/results.json is not valid JSON" >&2
	exit 1
fi

if command -v gnuplot >/dev/null && [ "$(grep -vc '^#' "$out/chart.dat")" -gt 0 ]; then
	reps=$(sed -n 's/^meta reps //p' "$raw" | head -n1)
	for term in svg png; do
		if [ $term = svg ]; then
			t="set terminal svg size 1100,560 dynamic noenhanced font 'sans,11'"
		else
			t="set terminal png size 1100,560 noenhanced"
		fi
		gnuplot <<EOF
$t
set output '$out/chart.$term'
set title 'lbridge vs bridge.ko: median of ${reps:-?} interleaved repetitions in one VM boot (bar up = lbridge better; whiskers = per-repetition range)'
set style fill solid 0.7 border -1
set boxwidth 0.7
set xtics rotate by -50 nomirror
set ytics ('1/16' -4, '1/8' -3, '1/4' -2, '1/2' -1, '1' 0, '2' 1, '4' 2, '8' 3, '16' 4)
set ylabel 'advantage of lbridge (log scale)'
set grid ytics
set xzeroaxis lt -1
set yrange [*<-1:1<*]
set datafile separator '\t'
set bmargin 9
set offsets 0.5, 0.5, 0.3, 0.3
l2(x) = log(x) / log(2)
plot '$out/chart.dat' using 0:(l2(\$2)):(\$2 >= 1 ? 0x3c9a4a : 0xc8463c):xtic(1) with boxes lc rgb variable notitle, \
     '' using 0:(l2(\$2)):(l2(\$3)):(l2(\$4)) with yerrorbars lc rgb 'black' pt -1 notitle
EOF
	done
fi
cat "$out/table.md"

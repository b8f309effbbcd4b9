#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# forwarding.sh - what goes where: known unicast, flooding, link-local groups, port flags.
#
#   h1 eth0 (02:00:00:00:00:01) --- p1 --+
#   h2 eth0 (02:00:00:00:00:02) --- p2 --+-- br0   (netns sw)
#   h3 eth0 (02:00:00:00:00:03) --- p3 --+   |
#   h4 eth0 (02:00:00:00:00:04) --- p4 ------+   marker sink: flood, mcast_flood
#                                                and bcast_flood off, static FDB
#                                                entry for 02:00:00:00:00:04
#
# Frames are injected with mausezahn; what the bridge sent to each host is
# read from the tx counters of p1..p3.  Each case ends with a marker frame
# from the same host to h4's MAC, which only p4 can receive: once p4 has
# sent it, the case's frames (queued before it) have been handled, so a
# delta of 0 means "not sent" rather than "not sent yet".  IPv6 is off
# everywhere so nothing but the injected frames crosses the bridge.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd mausezahn jq
lbr_load

M1=02:00:00:00:00:01
M2=02:00:00:00:00:02
M3=02:00:00:00:00:03
M4=02:00:00:00:00:04
UNKNOWN=02:00:00:00:00:99
N=5

SW=$(ns_new sw)
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
declare -A H
for i in 1 2 3 4; do
	H[$i]=$(ns_new "h$i")
	ip netns exec "${H[$i]}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip link add name eth0 address "02:00:00:00:00:0$i" netns "${H[$i]}" \
		type veth peer name "p$i" netns "$SW"
done
# Stations learnt early must still be known late: on a slow kernel the
# test outlasts the default 300 s ageing time, so it scales with the limits.
AGE=$(scaled 300)
ip -n "$SW" link add br0 type bridge ageing_time $((${AGE%.*} * 100))
for i in 1 2 3 4; do
	ip -n "$SW" link set "p$i" master br0
	ip -n "$SW" link set "p$i" up
	ip -n "${H[$i]}" link set eth0 up
done
bridge -n "$SW" link set dev p4 flood off mcast_flood off bcast_flood off ||
	bail "marker port p4: cannot turn flooding off"
bridge -n "$SW" fdb add "$M4" dev p4 master static || bail "marker port p4: no static entry"
ip -n "$SW" link set br0 up
wait_for "ports forwarding" 10 bash -c \
	"bridge -n $SW -j link show | jq -e '[.[] | select(.state == \"forwarding\")] | length == 4' >/dev/null" ||
	bail "ports did not reach forwarding"

send() { # send HOST COUNT SRC DST
	ip netns exec "${H[$1]}" mausezahn eth0 -q -c "$2" -a "$3" -b "$4" -p 60
}
# tx packet counts of p1 p2 p3 p4, one line (one exec: cheap under TCG)
snap() {
	local c
	mapfile -t c < <(ip netns exec "$SW" cat /sys/class/net/p{1,2,3,4}/statistics/tx_packets)
	echo "${c[*]}"
}
# deltas BEFORE AFTER: "D1 D2 D3 D4"
deltas() {
	local b a i out=""
	read -r -a b <<<"$1"
	read -r -a a <<<"$2"
	for i in 0 1 2 3; do out+="$((a[i] - b[i])) "; done
	echo "${out% }"
}
# marker_seen BEFORE: p4 has sent a frame since snapshot BEFORE (the
# snapshot that showed it is left in LAST)
LAST=
marker_seen() {
	local d
	LAST=$(snap)
	d=$(deltas "$1" "$LAST")
	[ "${d##* }" -ge 1 ]
}

# run_case NAME HOST SRC DST "D1 D2 D3": HOST sends N frames SRC -> DST, then
# the marker; the tx deltas of p1..p3 must then be exactly D1 D2 D3, and p4
# must have sent the marker and nothing else.
run_case() {
	local before d
	before=$(snap)
	send "$2" "$N" "$3" "$4"
	send "$2" 1 "02:00:00:00:00:0$2" "$M4"
	if ! wait_for "the marker frame on p4" 5 marker_seen "$before" >"$_lbr_out.case"; then
		fail "$1"
		_lbr_diag_file "$_lbr_out.case"
		return
	fi
	d=$(deltas "$before" "$LAST")
	if [ "$d" = "$5 1" ]; then
		pass "$1"
	else
		fail "$1" "expected tx deltas p1 p2 p3 p4: $5 1 (p4: the marker only)" "got: $d"
	fi
}
defer rm -f "$_lbr_out.case"
# fdb_has MAC: some entry of br0 has MAC
fdb_has() {
	bridge -n "$SW" fdb show br br0 | grep -qi "^$1 "
}

# Let the bridge learn M2 and M3 (one broadcast each, before their markers).
run_case "learning frames (broadcast) flood to all but the ingress port" 2 "$M2" ff:ff:ff:ff:ff:ff "$N 0 $N"
run_case "h3's broadcast too" 3 "$M3" ff:ff:ff:ff:ff:ff "$N $N 0"
check "M2 learnt on p2" bash -c "bridge -n $SW -j fdb show br br0 | jq -e '.[] | select(.mac == \"$M2\" and .ifname == \"p2\")' >/dev/null"

run_case "known unicast goes to its port only" 1 "$M1" "$M2" "0 $N 0"
run_case "broadcast floods to every port but the ingress one" 1 "$M1" ff:ff:ff:ff:ff:ff "0 $N $N"
run_case "unknown unicast floods" 1 "$M1" "$UNKNOWN" "0 $N $N"
run_case "IPv4 multicast floods" 1 "$M1" 01:00:5e:01:02:03 "0 $N $N"
run_case "frames with a multicast source are dropped" 1 01:00:5e:00:00:07 "$M2" "0 0 0"
check "a multicast source is never learnt" bash -c "! bridge -n $SW fdb show | grep -qi 01:00:5e:00:00:07"
run_case "frames with a zero source are dropped" 1 00:00:00:00:00:00 ff:ff:ff:ff:ff:ff "0 0 0"
check "a zero source is never learnt" bash -c "! bridge -n $SW fdb show br br0 | grep -q '^00:00:00:00:00:00 '"

# 802.1D Table 7-10 groups
run_case "LLDP group 01:80:c2:00:00:0e is not forwarded" 1 "$M1" 01:80:c2:00:00:0e "0 0 0"
run_case "802.1X group 01:80:c2:00:00:03 is not forwarded" 1 "$M1" 01:80:c2:00:00:03 "0 0 0"
run_case "pause frames are never forwarded" 1 "$M1" 01:80:c2:00:00:01 "0 0 0"
for bit in 0x1 0x2 0x4; do
	check_fail "group_fwd_mask $bit (groups 0-2) is refused" EINVAL \
		ip netns exec "$SW" bash -c "echo $bit > /sys/class/net/br0/bridge/group_fwd_mask"
done
check "group_fwd_mask 0x4000 accepted" ip netns exec "$SW" bash -c 'echo 0x4000 > /sys/class/net/br0/bridge/group_fwd_mask'
check "group_fwd_mask reads back 0x4000" \
	test "$(ip netns exec "$SW" cat /sys/class/net/br0/bridge/group_fwd_mask)" = 0x4000
run_case "LLDP is forwarded once group_fwd_mask has bit 14" 1 "$M1" 01:80:c2:00:00:0e "0 $N $N"
run_case "... but not 802.1X (bit 3 clear)" 1 "$M1" 01:80:c2:00:00:03 "0 0 0"
check "ip link set br0 type bridge group_fwd_mask 0x8" ip -n "$SW" link set br0 type bridge group_fwd_mask 0x8
run_case "802.1X is forwarded with bit 3" 1 "$M1" 01:80:c2:00:00:03 "0 $N $N"
run_case "LLDP no longer once bit 14 is cleared" 1 "$M1" 01:80:c2:00:00:0e "0 0 0"
run_case "pause frames are still not forwarded" 1 "$M1" 01:80:c2:00:00:01 "0 0 0"
run_case "STP group is forwarded while STP is off" 1 "$M1" 01:80:c2:00:00:00 "0 $N $N"
ip -n "$SW" link set br0 type bridge group_fwd_mask 0

# Learning from link-local frames (LLDP here, not forwarded with mask 0)
run_case "LLDP from a new source is not forwarded" 1 02:00:00:00:00:21 01:80:c2:00:00:0e "0 0 0"
check "... but its source is learnt (no_linklocal_learn 0)" fdb_has 02:00:00:00:00:21
check "ip link set br0 type bridge no_linklocal_learn 1" \
	ip -n "$SW" link set br0 type bridge no_linklocal_learn 1
check "sysfs no_linklocal_learn reads 1" \
	test "$(ip netns exec "$SW" cat /sys/class/net/br0/bridge/no_linklocal_learn)" = 1
run_case "LLDP from another new source" 1 02:00:00:00:00:22 01:80:c2:00:00:0e "0 0 0"
check "... is not learnt with no_linklocal_learn 1" bash -c "! bridge -n $SW fdb show br br0 | grep -qi '^02:00:00:00:00:22 '"
run_case "a broadcast from that source" 1 02:00:00:00:00:22 ff:ff:ff:ff:ff:ff "0 $N $N"
check "... is learnt: only link-local frames are exempt" fdb_has 02:00:00:00:00:22
check "no_linklocal_learn 0 via sysfs" ip netns exec "$SW" bash -c 'echo 0 > /sys/class/net/br0/bridge/no_linklocal_learn'
run_case "LLDP from a third new source" 1 02:00:00:00:00:23 01:80:c2:00:00:0e "0 0 0"
check "... is learnt again" fdb_has 02:00:00:00:00:23

# Port flags
check "flood off on p3" bridge -n "$SW" link set dev p3 flood off
run_case "unknown unicast skips a flood-off port" 1 "$M1" "$UNKNOWN" "0 $N 0"
run_case "broadcast still reaches a flood-off port" 1 "$M1" ff:ff:ff:ff:ff:ff "0 $N $N"
run_case "multicast still reaches a flood-off port" 1 "$M1" 01:00:5e:01:02:03 "0 $N $N"
check "mcast_flood off on p3" bridge -n "$SW" link set dev p3 mcast_flood off
run_case "multicast skips an mcast_flood-off port" 1 "$M1" 01:00:5e:01:02:03 "0 $N 0"
run_case "broadcast is not multicast for mcast_flood" 1 "$M1" ff:ff:ff:ff:ff:ff "0 $N $N"
check "bcast_flood off on p3" bridge -n "$SW" link set dev p3 bcast_flood off
run_case "broadcast skips a bcast_flood-off port" 1 "$M1" ff:ff:ff:ff:ff:ff "0 $N 0"
run_case "known unicast to a flood-off port still works" 1 "$M1" "$M3" "0 0 $N"
check "flags back on p3" bridge -n "$SW" link set dev p3 flood on mcast_flood on bcast_flood on
check "bridge link reports the flags on" bash -c "bridge -n $SW -j -d link show dev p3 |
	jq -e '.[0] | .flood and .mcast_flood and .bcast_flood' >/dev/null"

check "learning off on p1" bridge -n "$SW" link set dev p1 learning off
run_case "frames from a non-learning port still flood" 1 02:00:00:00:00:11 ff:ff:ff:ff:ff:ff "0 $N $N"
check "nothing learnt on a learning-off port" bash -c "! bridge -n $SW fdb show | grep -q 02:00:00:00:00:11"
check "learning back on p1" bridge -n "$SW" link set dev p1 learning on
run_case "a learning port learns again" 1 02:00:00:00:00:12 ff:ff:ff:ff:ff:ff "0 $N $N"
check "learnt on p1 once learning is back on" fdb_has 02:00:00:00:00:12

run_case "never back out of the ingress port" 1 "$M1" "$UNKNOWN" "0 $N $N"
run_case "a unicast to a station behind the ingress port is dropped" 1 "$M1" 02:00:00:00:00:12 "0 0 0"
check "hairpin on p1" bridge -n "$SW" link set dev p1 hairpin on
run_case "hairpin sends floods back out of the ingress port" 1 "$M1" "$UNKNOWN" "$N $N $N"
run_case "hairpin sends known unicast back out of the ingress port" 1 "$M1" 02:00:00:00:00:12 "$N 0 0"
check "hairpin off p1" bridge -n "$SW" link set dev p1 hairpin off

check "isolated on p1 and p2" bash -c "bridge -n $SW link set dev p1 isolated on && bridge -n $SW link set dev p2 isolated on"
run_case "isolated ports do not talk to each other" 1 "$M1" "$M2" "0 0 0"
run_case "an isolated port reaches a non-isolated one" 1 "$M1" "$M3" "0 0 $N"
run_case "a non-isolated port reaches an isolated one" 3 "$M3" "$M1" "$N 0 0"
run_case "a flood from an isolated port skips isolated ports" 1 "$M1" ff:ff:ff:ff:ff:ff "0 0 $N"
run_case "a flood from a non-isolated port reaches isolated ports" 3 "$M3" ff:ff:ff:ff:ff:ff "$N $N 0"
check "isolated off p2" bridge -n "$SW" link set dev p2 isolated off
run_case "one isolated port talks to the others" 1 "$M1" "$M2" "0 $N 0"

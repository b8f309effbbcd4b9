#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# forwarding.sh - what goes where: known unicast, flooding, link-local groups, port flags.
#
#   h1 eth0 (02:00:00:00:00:01) --- p1 --+
#   h2 eth0 (02:00:00:00:00:02) --- p2 --+-- br0   (netns sw)
#   h3 eth0 (02:00:00:00:00:03) --- p3 --+
#
# Frames are injected with mausezahn; what the bridge sent to each host is
# read from the tx counters of p1..p3.  IPv6 is off everywhere so nothing
# but the injected frames crosses the bridge.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd mausezahn jq
lbr_load

M1=02:00:00:00:00:01
M2=02:00:00:00:00:02
M3=02:00:00:00:00:03
UNKNOWN=02:00:00:00:00:99
N=5

SW=$(ns_new sw)
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
declare -A H
for i in 1 2 3; do
	H[$i]=$(ns_new "h$i")
	ip netns exec "${H[$i]}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip link add name eth0 address "02:00:00:00:00:0$i" netns "${H[$i]}" \
		type veth peer name "p$i" netns "$SW"
done
ip -n "$SW" link add br0 type bridge
for i in 1 2 3; do
	ip -n "$SW" link set "p$i" master br0
	ip -n "$SW" link set "p$i" up
	ip -n "${H[$i]}" link set eth0 up
done
ip -n "$SW" link set br0 up
wait_for "ports forwarding" 10 bash -c \
	"bridge -n $SW -j link show | jq -e '[.[] | select(.state == \"forwarding\")] | length == 3' >/dev/null" ||
	bail "ports did not reach forwarding"

send() { # send HOST COUNT SRC DST
	ip netns exec "${H[$1]}" mausezahn eth0 -q -c "$2" -a "$3" -b "$4" -p 60
}
# tx packet counts of p1 p2 p3, one line
snap() {
	ip -n "$SW" -s -j link show | jq -r \
		'[.[] | select(.ifname | test("^p[123]$"))] | sort_by(.ifname) | map(.stats64.tx.packets) | join(" ")'
}
BEFORE=
mark() { BEFORE=$(snap); }
deltas() {
	local now b a i out=""
	now=$(snap)
	read -r -a b <<<"$BEFORE"
	read -r -a a <<<"$now"
	for i in 0 1 2; do out+="$((a[i] - b[i])) "; done
	echo "${out% }"
}
# expect NAME "D1 D2 D3": the tx deltas the last send must produce on p1..p3
expect() {
	# Wait until all three deltas match exactly (zeros included).
	# shellcheck disable=SC2016 # expanded by the inner bash
	if ! wait_for "$1" 5 bash -c '[ "$(deltas)" = "$0" ]' "$2" 2>/dev/null; then
		fail "$1" "expected tx deltas p1 p2 p3: $2" "got: $(deltas)"
	else
		pass "$1"
	fi
}
export -f snap deltas
export SW BEFORE

# Let the bridge learn M2 and M3.
mark; send 2 1 "$M2" ff:ff:ff:ff:ff:ff; send 3 1 "$M3" ff:ff:ff:ff:ff:ff
export BEFORE
expect "learning frames are flooded" "2 1 1"
check "M2 learnt on p2" bash -c "bridge -n $SW -j fdb show br br0 | jq -e '.[] | select(.mac == \"$M2\" and .ifname == \"p2\")' >/dev/null"

run_case() { # NAME HOST SRC DST "D1 D2 D3"
	mark
	export BEFORE
	send "$2" "$N" "$3" "$4"
	expect "$1" "$5"
}

run_case "known unicast goes to its port only" 1 "$M1" "$M2" "0 $N 0"
run_case "broadcast floods to every port but the ingress one" 1 "$M1" ff:ff:ff:ff:ff:ff "0 $N $N"
run_case "unknown unicast floods" 1 "$M1" "$UNKNOWN" "0 $N $N"
run_case "multicast floods" 1 "$M1" 01:00:5e:01:02:03 "0 $N $N"
run_case "frames with a multicast source are dropped" 1 01:00:5e:00:00:07 ff:ff:ff:ff:ff:ff "0 0 0"
check "a multicast source is never learnt" bash -c "! bridge -n $SW fdb show | grep -qi 01:00:5e:00:00:07"
run_case "frames with a zero source are dropped" 1 00:00:00:00:00:00 "$M2" "0 0 0"

# 802.1D Table 7-10 groups
run_case "LLDP group 01:80:c2:00:00:0e is not forwarded" 1 "$M1" 01:80:c2:00:00:0e "0 0 0"
check "group_fwd_mask 0x4000 accepted" ip netns exec "$SW" sh -c 'echo 0x4000 > /sys/class/net/br0/bridge/group_fwd_mask'
run_case "LLDP is forwarded once group_fwd_mask has bit 14" 1 "$M1" 01:80:c2:00:00:0e "0 $N $N"
run_case "pause frames are never forwarded" 1 "$M1" 01:80:c2:00:00:01 "0 0 0"
run_case "STP group is forwarded while STP is off" 1 "$M1" 01:80:c2:00:00:00 "0 $N $N"

# Port flags
check "flood off on p3" bridge -n "$SW" link set dev p3 flood off
run_case "unknown unicast skips a flood-off port" 1 "$M1" "$UNKNOWN" "0 $N 0"
run_case "broadcast still reaches a flood-off port" 1 "$M1" ff:ff:ff:ff:ff:ff "0 $N $N"
check "mcast_flood off on p3" bridge -n "$SW" link set dev p3 mcast_flood off
run_case "multicast skips an mcast_flood-off port" 1 "$M1" 01:00:5e:01:02:03 "0 $N 0"
check "bcast_flood off on p3" bridge -n "$SW" link set dev p3 bcast_flood off
run_case "broadcast skips a bcast_flood-off port" 1 "$M1" ff:ff:ff:ff:ff:ff "0 $N 0"
check "flags back on p3" bridge -n "$SW" link set dev p3 flood on mcast_flood on bcast_flood on
run_case "known unicast to a flood-off port still works" 1 "$M1" "$M3" "0 0 $N"

check "learning off on p1" bridge -n "$SW" link set dev p1 learning off
run_case "frames from a non-learning port still flood" 1 02:00:00:00:00:11 ff:ff:ff:ff:ff:ff "0 $N $N"
check "nothing learnt on a learning-off port" bash -c "! bridge -n $SW fdb show | grep -q 02:00:00:00:00:11"
check "learning back on p1" bridge -n "$SW" link set dev p1 learning on

run_case "never back out of the ingress port" 1 "$M1" "$UNKNOWN" "0 $N $N"
check "hairpin on p1" bridge -n "$SW" link set dev p1 hairpin on
run_case "hairpin sends floods back out of the ingress port" 1 "$M1" "$UNKNOWN" "$N $N $N"
check "hairpin off p1" bridge -n "$SW" link set dev p1 hairpin off

check "isolated on p1 and p2" bash -c "bridge -n $SW link set dev p1 isolated on && bridge -n $SW link set dev p2 isolated on"
run_case "isolated ports do not talk to each other" 1 "$M1" "$M2" "0 0 0"
run_case "an isolated port reaches a non-isolated one" 1 "$M1" "$M3" "0 0 $N"
run_case "a flood from an isolated port skips isolated ports" 1 "$M1" ff:ff:ff:ff:ff:ff "0 0 $N"

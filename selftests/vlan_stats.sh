#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vlan_stats.sh - per-VLAN counters: frames counted in and out per VLAN, shared with the bridge's entry or per port, off when disabled.
#
#   h1 eth0 --- p1 [pvid 10, 20 tagged] --+
#   h2 eth0 --- p2 [pvid 10]             --+-- br0 (vlan_filtering 1, vlan_stats_enabled 1)
#
# mausezahn sends exact bursts; the counters must move by exactly them
# (bytes from the network header on, as in-tree).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq mausezahn
lbr_load

SW=$(ns_new sw)
declare -A H
for i in 1 2; do
	H[$i]=$(ns_new "h$i")
	ip netns exec "${H[$i]}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip link add name eth0 address "02:00:00:00:30:0$i" netns "${H[$i]}" \
		type veth peer name "p$i" netns "$SW"
	ip -n "${H[$i]}" link set eth0 up
done
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
sw() { ip netns exec "$SW" "$@"; }
SYS=/sys/class/net/br0/bridge

# stat DEV VID FIELD: a counter of DEV's VLAN VID (bridge -s -j vlan show).
stat() {
	sw bridge -s -j vlan show dev "$1" |
		jq -r --argjson v "$2" --arg f "$3" '[.[0].vlans[] | select(.vid == $v) | .[$f]][0] // "none"'
}
# rtm_stat DEV VID FIELD: the same through RTM_GETVLAN (bridge -d -s -j).
rtm_stat() {
	sw bridge -d -s -j vlan show dev "$1" |
		jq -r --argjson v "$2" --arg f "$3" '[.[0].vlans[] | select(.vlan == $v) | .[$f]][0] // "none"'
}
# burst N [DEV]: N frames of 100 payload bytes h1 -> h2, out of h1's DEV
# (eth0; eth0.20 tags them with VLAN 20).
burst() {
	ip netns exec "${H[1]}" mausezahn "${2:-eth0}" -q -c "$1" \
		-a 02:00:00:00:30:01 -b 02:00:00:00:30:02 -p 100
}
# is DEV VID FIELD N: the counter reads N.
is() { [ "$(stat "$1" "$2" "$3")" = "$4" ]; }
# settled DEV VID FIELD N: the counter reaches N (frames still in flight).
settled() { wait_for "$1 VLAN $2 $3 = $4" 10 is "$@"; }

check "bridge: vlan_filtering, no default pvid" \
	sw ip link add br0 type bridge vlan_filtering 1 vlan_default_pvid 0
check "vlan_stats_enabled reads 0 by default" test "$(sw cat $SYS/vlan_stats_enabled)" = 0
check "vlan_stats_per_port 1 (no port has a VLAN)" \
	sw ip link set br0 type bridge vlan_stats_per_port 1 vlan_stats_enabled 1
check "ip -d link reports both" bash -c \
	"ip -n $SW -j -d link show br0 | jq -e '.[0].linkinfo.info_data | .vlan_stats_enabled == 1 and .vlan_stats_per_port == 1' >/dev/null"
for i in 1 2; do
	sw ip link set "p$i" master br0
	sw ip link set "p$i" up
done
sw ip link set br0 up
check "p1: pvid 10 untagged, 20 tagged" bash -c \
	"bridge -n $SW vlan add vid 10 dev p1 pvid untagged && bridge -n $SW vlan add vid 20 dev p1"
check "p2: pvid 10 untagged" sw bridge vlan add vid 10 dev p2 pvid untagged
check_fail "vlan_stats_per_port cannot change while ports have VLANs (EBUSY)" EBUSY \
	sw ip link set br0 type bridge vlan_stats_per_port 0
check_fail "nor through sysfs" "" sw sh -c "echo 0 > $SYS/vlan_stats_per_port"
check_fail "vlan_stats_enabled 2 is refused (EINVAL)" EINVAL \
	sw ip link set br0 type bridge vlan_stats_enabled 2
check "counters start at 0" test "$(stat p1 10 rx_packets)/$(stat p2 10 tx_packets)" = 0/0

# Teach br0 where h2 is, so the burst is known unicast to p2 only.
ip netns exec "${H[2]}" mausezahn eth0 -q -c 1 -a 02:00:00:00:30:02 -b 02:00:00:00:30:01 -p 100
check "a frame h2 -> h1 counted in on p2" settled p2 10 rx_packets 1
check "and out on p1" settled p1 10 tx_packets 1
check "100 frames h1 -> h2 in VLAN 10" burst 100
check "p1 VLAN 10: 100 frames in" settled p1 10 rx_packets 100
check "p2 VLAN 10: 100 frames out" settled p2 10 tx_packets 100
L=$(stat p2 10 rx_bytes)
check "one frame's bytes counted (from the network header): $L" test "$L" -gt 0
check "p1 VLAN 10 bytes in: 100 such frames" test "$(stat p1 10 rx_bytes)" = $((100 * L))
check "p2 VLAN 10 bytes out: the same" test "$(stat p2 10 tx_bytes)" = $((100 * L))
check "per port: p1's VLAN 10 sent only the one frame" test "$(stat p1 10 tx_packets)" = 1
check "RTM_GETVLAN (bridge -d -s) agrees" test "$(rtm_stat p1 10 rx_packets)/$(rtm_stat p2 10 tx_packets)" = 100/100
ip -n "${H[1]}" link add link eth0 name eth0.20 type vlan id 20
ip -n "${H[1]}" link set eth0.20 up
check "10 tagged frames in VLAN 20 (not on p2: dropped at egress)" burst 10 eth0.20
check "p1 VLAN 20: 10 frames in" settled p1 20 rx_packets 10
check "VLAN 10 did not move" test "$(stat p1 10 rx_packets)" = 100

check "vlan_stats_enabled 0 through sysfs" sw sh -c "echo 0 > $SYS/vlan_stats_enabled"
check "50 frames with counting off" burst 50
sleep 1
check "counters kept, not moved" test "$(stat p1 10 rx_packets)/$(stat p2 10 tx_packets)" = 100/100

# Shared: without VLANs, per port off; then a port's VLAN counts into the bridge's entry.
check "VLANs removed, vlan_stats_per_port 0, counting on" bash -c \
	"bridge -n $SW vlan del vid 10 dev p1 && bridge -n $SW vlan del vid 20 dev p1 &&
	 bridge -n $SW vlan del vid 10 dev p2 &&
	 ip -n $SW link set br0 type bridge vlan_stats_per_port 0 vlan_stats_enabled 1 &&
	 bridge -n $SW vlan add vid 10 dev p1 pvid untagged &&
	 bridge -n $SW vlan add vid 10 dev p2 pvid untagged"
check "20 frames h1 -> h2" burst 20
check "shared: p1 VLAN 10 shows 20 in" settled p1 10 rx_packets 20
check "shared: and 20 out (p2's sending counts in the same entry)" test "$(stat p1 10 tx_packets)" = 20
check "shared: p2 shows the same counters" test "$(stat p2 10 rx_packets)/$(stat p2 10 tx_packets)" = 20/20
check "rmmod lbridge with counters in use" rmmod lbridge

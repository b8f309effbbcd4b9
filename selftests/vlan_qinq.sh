#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vlan_qinq.sh - an 802.1ad (QinQ) bridge: S-tagged trunks, a customer port whose C-tags ride inside S-VLAN 100, 802.1Q tags not taken for S-tags, the protocol switched back.
#
#   h1 eth0.100 (802.1ad 100) . eth0.100.10 (802.1Q 10) -- p1 [S-VLAN 100, 200 tagged] --+
#   h2 eth0.10  (802.1Q 10, no S-tag)                   -- p2 [pvid 100 untagged]     --+-- br0
#   h3 eth0.10  (802.1Q 10, no S-tag)                   -- p3 [pvid 200 untagged]     --+   (vlan_protocol 802.1ad)
#   h4 eth0.100 (802.1Q 100)                             -- p4 [S-VLAN 100 tagged]     --+
#
# h2 and h3 share a C-VLAN and a subnet: only their S-VLANs keep them apart.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq
modprobe 8021q 2>/dev/null || true
lbr_load

SW=$(ns_new sw)
declare -A H
for i in 1 2 3 4; do
	H[$i]=$(ns_new "h$i")
	ip link add name eth0 address "02:00:00:00:50:0$i" netns "${H[$i]}" \
		type veth peer name "p$i" netns "$SW"
	ip -n "${H[$i]}" link set eth0 up
done
# vlan HOST NAME LINK PROTO ID [ADDR]
vlan() {
	ip -n "${H[$1]}" link add link "$3" name "$2" type vlan protocol "$4" id "$5" &&
		ip -n "${H[$1]}" link set "$2" up &&
		{ [ -z "${6:-}" ] || ip -n "${H[$1]}" addr add "$6/24" dev "$2"; }
}
vlan 1 eth0.100 eth0 802.1ad 100
vlan 1 eth0.100.10 eth0.100 802.1Q 10 192.0.2.1
vlan 2 eth0.10 eth0 802.1Q 10 192.0.2.2
vlan 3 eth0.10 eth0 802.1Q 10 192.0.2.3
vlan 4 eth0.100 eth0 802.1Q 100 192.0.2.4

sw() { ip netns exec "$SW" "$@"; }
ping1() { ip netns exec "${H[$1]}" ping -c 1 -W 2 "$2" >/dev/null; }

check "bridge: vlan_filtering 1, vlan_protocol 802.1ad" \
	sw ip link add br0 type bridge vlan_filtering 1 vlan_protocol 802.1ad
check "ip -d link reports 802.1ad" test \
	"$(ip -n "$SW" -j -d link show br0 | jq -r '.[0].linkinfo.info_data.vlan_protocol')" = 802.1ad
for i in 1 2 3 4; do
	sw ip link set "p$i" master br0
	sw ip link set "p$i" up
	sw bridge vlan del vid 1 dev "p$i"
done
sw ip link set br0 up
check "p1: S-VLANs 100 and 200 tagged" bash -c \
	"bridge -n $SW vlan add vid 100 dev p1 && bridge -n $SW vlan add vid 200 dev p1"
check "p2: customer port of S-VLAN 100" sw bridge vlan add vid 100 dev p2 pvid untagged
check "p3: customer port of S-VLAN 200" sw bridge vlan add vid 200 dev p3 pvid untagged
check "p4: S-VLAN 100 tagged" sw bridge vlan add vid 100 dev p4

check "h1 (S 100 / C 10) reaches h2 (C 10 on S-VLAN 100's customer port)" \
	wait_for "h1 -> h2" 10 ping1 1 192.0.2.2
check "h2's station is learnt in S-VLAN 100" bash -c \
	"bridge -n $SW -j fdb show br br0 | jq -e '.[] | select(.mac == \"02:00:00:00:50:02\" and .vlan == 100)' >/dev/null"
check_fail "h3 (same C-VLAN, S-VLAN 200) is not reached" "" ping1 1 192.0.2.3
check_fail "h4's 802.1Q tag 100 is no S-tag: h4 reaches nobody" "" ping1 4 192.0.2.2

check "vlan_protocol back to 802.1Q" sw ip link set br0 type bridge vlan_protocol 802.1Q
check_fail "now h1's S-tagged frames are untagged to the bridge: dropped" "" ping1 1 192.0.2.2
# h2 now gets VLAN 100 untagged: its address moves to eth0.
ip -n "${H[2]}" link del eth0.10
ip -n "${H[2]}" addr add 192.0.2.2/24 dev eth0
check "and h4's 802.1Q tag 100 is a VLAN tag: h4 reaches h2" \
	wait_for "h4 -> h2" 10 ping1 4 192.0.2.2

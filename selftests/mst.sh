#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mst.sh - multiple spanning tree instances: a VLAN whose MSTI blocks a port stops there, another VLAN on the same port flows.
#
#   h1 eth0.10, eth0.20 --- p1 --+
#                                +-- br0 (netns sw): vlan_filtering 1, mst_enabled 1,
#   h2 eth0.10, eth0.20 --- p2 --+   VLAN 10 in MSTI 1, VLAN 20 in the CST (MSTI 0)
#
# bridge mst set (IFLA_BRIDGE_MST) blocks p2 in MSTI 1 only: ping over
# VLAN 10 fails, over VLAN 20 it works; forwarding in MSTI 1 brings VLAN 10
# back.  bridge mst show and the VLANs' states must agree.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq
lbr_load

SW=$(ns_new sw)
declare -A H
for i in 1 2; do
	H[$i]=$(ns_new "h$i")
	ip link add name eth0 address "02:00:00:00:20:0$i" netns "${H[$i]}" \
		type veth peer name "p$i" netns "$SW"
	ip -n "${H[$i]}" link set eth0 up
	for v in 10 20; do
		ip -n "${H[$i]}" link add link eth0 name "eth0.$v" type vlan id "$v"
		ip -n "${H[$i]}" link set "eth0.$v" up
		ip -n "${H[$i]}" addr add "198.51.$v.$i/24" dev "eth0.$v"
	done
done
sw() { ip netns exec "$SW" "$@"; }
ping1() { ip netns exec "${H[1]}" ping -c 1 -W 2 "$1" >/dev/null; }
mst_state() { # mst_state PORT MSTI
	sw bridge -j mst show dev "$1" |
		jq -r --argjson m "$2" '.[0].mst[] | select(.msti == $m) | .state'
}

check "bridge with vlan_filtering 1, vlan_default_pvid 0" \
	sw ip link add br0 type bridge vlan_filtering 1 vlan_default_pvid 0
for i in 1 2; do
	sw ip link set "p$i" master br0
	sw ip link set "p$i" up
done
sw ip link set br0 up
check "mst_enabled 1 (no port has VLANs yet)" \
	sw ip link set br0 type bridge mst_enabled 1
check "ip -d link reports mst_enabled 1" bash -c \
	"ip -n $SW -j -d link show br0 | jq -e '.[0].linkinfo.info_data.mst_enabled == 1' >/dev/null"
for i in 1 2; do
	sw bridge vlan add vid 10 dev "p$i"
	sw bridge vlan add vid 20 dev "p$i"
done
check_fail "mst_enabled cannot change while ports have VLANs" "VLANs exist" \
	sw ip link set br0 type bridge mst_enabled 0
check "VLAN 10 goes to MSTI 1" sw bridge vlan global set vid 10 dev br0 msti 1
check "bridge vlan global show says msti 1" bash -c \
	"bridge -n $SW -j vlan global show dev br0 | jq -e '.[0].vlans[] | select(.vlan == 10) | .msti == 1' >/dev/null"
wait_for "ports forwarding" 10 bash -c \
	"bridge -n $SW -j link show | jq -e '[.[] | select(.state == \"forwarding\")] | length == 2' >/dev/null" ||
	bail "ports did not reach forwarding"
# A new MSTI starts disabled on every port, as in-tree.
check "p2 starts disabled in MSTI 1" test "$(mst_state p2 1)" = disabled
check_fail "so VLAN 10 does not pass" "" ping1 198.51.10.2
check "VLAN 20 (the CST) passes" wait_for "vlan 20" 10 ping1 198.51.20.2
check "p1 and p2 forward in MSTI 1" bash -c \
	"bridge -n $SW mst set dev p1 msti 1 state forwarding &&
	 bridge -n $SW mst set dev p2 msti 1 state forwarding"
check "bridge mst show says forwarding" test "$(mst_state p2 1)" = forwarding
check "now VLAN 10 passes" wait_for "vlan 10" 10 ping1 198.51.10.2
check "p2 blocks in MSTI 1" sw bridge mst set dev p2 msti 1 state blocking
check_fail "VLAN 10 stops at p2" "" ping1 198.51.10.2
check "VLAN 20 still passes" ping1 198.51.20.2
check_fail "per-VLAN state cannot be set directly with MST" "MST is enabled" \
	sw bridge vlan set vid 10 dev p2 state forwarding
check_fail "MSTI states only on ports" "" sw bridge mst set dev br0 msti 1 state forwarding

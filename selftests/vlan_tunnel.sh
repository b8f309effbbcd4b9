#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vlan_tunnel.sh - VLANs carried over VXLAN by VNI (vlan_tunnel ports): two sites, VLANs kept apart, mappings and the flag removed.
#
#   site a (netns a)                                     site b (netns b)
#   h1 eth0 -- p1 [pvid 10 untagged] --+           +-- p3 [pvid 10 untagged] -- h3 eth0
#   h2 eth0 -- p2 [pvid 20 untagged] --+-- br0   br0 -- p4 [pvid 20 untagged] -- h4 eth0
#                      vx0 [10 20, vlan_tunnel] -+   +- vx0 [10 20, vlan_tunnel]
#                      (VXLAN external, 10.0.0.1) --- u0 === u0 --- (10.0.0.2)
#
# VLAN 10 <-> VNI 1010, VLAN 20 <-> VNI 1020 on both sites; the VXLAN
# devices pick the remote from their own FDB (one default entry per VNI)
# and learn remote stations by VNI.
# All hosts share one subnet: only the VLANs keep them apart.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq
modprobe vxlan 2>/dev/null || skip_all "no vxlan module"
lbr_load

A=$(ns_new a)
B=$(ns_new b)
declare -A H SITE=([1]=$A [2]=$A [3]=$B [4]=$B)
for i in 1 2 3 4; do
	H[$i]=$(ns_new "h$i")
	ip link add name eth0 address "02:00:00:00:20:0$i" netns "${H[$i]}" \
		type veth peer name "p$i" netns "${SITE[$i]}"
	ip -n "${H[$i]}" link set eth0 up
	ip -n "${H[$i]}" addr add "192.0.2.$i/24" dev eth0
done
ip link add name u0 netns "$A" type veth peer name u0 netns "$B"
ip -n "$A" addr add 10.0.0.1/24 dev u0
ip -n "$B" addr add 10.0.0.2/24 dev u0

# site NS LOCAL REMOTE P10 P20: the bridge, its ports and the mappings.
site() {
	local ns=$1 local=$2 remote=$3 p10=$4 p20=$5 vni
	ip -n "$ns" link set u0 up &&
		ip -n "$ns" link add br0 type bridge vlan_filtering 1 &&
		ip -n "$ns" link add vx0 type vxlan dstport 4789 external learning local "$local" &&
		ip -n "$ns" link set vx0 master br0 &&
		ip -n "$ns" link set "$p10" master br0 &&
		ip -n "$ns" link set "$p20" master br0 &&
		bridge -n "$ns" vlan add vid 10 dev "$p10" pvid untagged &&
		bridge -n "$ns" vlan add vid 20 dev "$p20" pvid untagged &&
		bridge -n "$ns" vlan add vid 10 dev vx0 &&
		bridge -n "$ns" vlan add vid 20 dev vx0 &&
		bridge -n "$ns" vlan del vid 1 dev "$p10" &&
		bridge -n "$ns" vlan del vid 1 dev "$p20" &&
		bridge -n "$ns" vlan del vid 1 dev vx0 &&
		bridge -n "$ns" link set dev vx0 vlan_tunnel on &&
		bridge -n "$ns" vlan add dev vx0 vid 10 tunnel_info id 1010 &&
		bridge -n "$ns" vlan add dev vx0 vid 20 tunnel_info id 1020 || return 1
	for vni in 1010 1020; do
		bridge -n "$ns" fdb append 00:00:00:00:00:00 dev vx0 dst "$remote" \
			src_vni "$vni" self || return 1
	done
	for d in vx0 "$p10" "$p20" br0; do
		ip -n "$ns" link set "$d" up || return 1
	done
}
ping1() { # ping1 HOST DST: one echo, 2 s
	ip netns exec "${H[$1]}" ping -c 1 -W 2 "$2" >/dev/null
}
tunnels() { # tunnels NS: "vid=id ..." of vx0
	bridge -n "$1" -j vlan tunnelshow dev vx0 |
		jq -r '[.[0].tunnels[]? | "\(.vlan)\(if .vlanEnd then "-\(.vlanEnd)" else "" end)=\(.tunid)\(if .tunidEnd then "-\(.tunidEnd)" else "" end)"] | join(" ")'
}
# learnt_on NS MAC VID: br0 learnt MAC behind vx0 in VLAN VID.
learnt_on() {
	bridge -n "$1" -j fdb show br br0 brport vx0 |
		jq -e --arg m "$2" --argjson v "$3" '.[] | select(.mac == $m and .vlan == $v)' >/dev/null
}
# vni_of NS MAC: the VNI vx0's own FDB learnt MAC in.
vni_of() {
	bridge -n "$1" -j fdb show dev vx0 |
		jq -r --arg m "$2" '[.[] | select(.mac == $m) | .src_vni // empty][0] // ""'
}

check "site a: bridge, VXLAN port, VLANs 10 and 20 mapped" site "$A" 10.0.0.1 10.0.0.2 p1 p2
check "site b: the same" site "$B" 10.0.0.2 10.0.0.1 p3 p4
check "bridge vlan tunnelshow lists the mappings" test "$(tunnels "$A")" = "10=1010 20=1020"
check "bridge -d link shows vlan_tunnel on" bash -c \
	"bridge -n $A -d -j link show dev vx0 | jq -e '.[0].vlan_tunnel == true' >/dev/null"

check "h1 (a, VLAN 10) reaches h3 (b, VLAN 10) over VNI 1010" \
	wait_for "h1 -> h3" 20 ping1 1 192.0.2.3
check "h2 (a, VLAN 20) reaches h4 (b, VLAN 20) over VNI 1020" \
	wait_for "h2 -> h4" 20 ping1 2 192.0.2.4
check "site b learnt h1 behind vx0 in VLAN 10 (ingress: VNI -> VLAN)" \
	learnt_on "$B" 02:00:00:00:20:01 10
check "site b learnt h2 behind vx0 in VLAN 20" learnt_on "$B" 02:00:00:00:20:02 20
check "h1 came in VNI 1010 on the wire (egress: VLAN -> VNI)" \
	test "$(vni_of "$B" 02:00:00:00:20:01)" = 1010
check "h2 came in VNI 1020" test "$(vni_of "$B" 02:00:00:00:20:02)" = 1020
check_fail "h1 (VLAN 10) does not reach h4 (VLAN 20)" "" ping1 1 192.0.2.4
check_fail "h2 (VLAN 20) does not reach h3 (VLAN 10)" "" ping1 2 192.0.2.3

check "site a unmaps VLAN 20" bridge -n "$A" vlan del dev vx0 vid 20 tunnel_info id 1020
check "tunnelshow: only VLAN 10 left" test "$(tunnels "$A")" = "10=1010"
check_fail "h2 no longer reaches h4" "" ping1 2 192.0.2.4
check "h1 still reaches h3" ping1 1 192.0.2.3
check "site a maps VLAN 20 again" bridge -n "$A" vlan add dev vx0 vid 20 tunnel_info id 1020
check "h2 reaches h4 again" wait_for "h2 -> h4" 10 ping1 2 192.0.2.4
check_fail "a VNI mapped already is refused (EEXIST)" "exists" \
	bridge -n "$A" vlan add dev vx0 vid 20 tunnel_info id 1010
check_fail "a VLAN the port lacks is refused" "" \
	bridge -n "$A" vlan add dev vx0 vid 30 tunnel_info id 1030
check_fail "a port without vlan_tunnel is refused" "" \
	bridge -n "$A" vlan add dev p1 vid 10 tunnel_info id 1010
check "and nothing changed" test "$(tunnels "$A")" = "10=1010 20=1020"

check "deleting VLAN 20 from vx0 takes its mapping" bridge -n "$A" vlan del vid 20 dev vx0
check "tunnelshow: VLAN 10 alone" test "$(tunnels "$A")" = "10=1010"
check "vlan_tunnel off on site b" bridge -n "$B" link set dev vx0 vlan_tunnel off
check "forgets site b's mappings" test "$(tunnels "$B")" = ""
check_fail "h1 no longer reaches h3" "" ping1 1 192.0.2.3

check "site b: VLANs 10-11 on VNIs 1010-1011 as one range" bash -c \
	"bridge -n $B link set dev vx0 vlan_tunnel on &&
	 bridge -n $B vlan add dev vx0 vid 11 &&
	 bridge -n $B vlan add dev vx0 vid 10-11 tunnel_info id 1010-1011"
check "tunnelshow shows the range" test "$(tunnels "$B")" = "10-11=1010-1011"
check "h1 reaches h3 again" wait_for "h1 -> h3" 10 ping1 1 192.0.2.3

check "the ports leave with their mappings" bash -c \
	"ip -n $A link del vx0 && ip -n $B link set vx0 nomaster"
check "rmmod lbridge" rmmod lbridge

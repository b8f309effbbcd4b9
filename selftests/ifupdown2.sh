#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ifupdown2.sh - ifupdown2 (ifup -i FILE) brings up a VLAN-aware bridge on lbridge, ifquery -c finds it as configured, traffic follows the VLANs, ifdown takes it away.
#
# The bridge says bridge-mcsnoop no (lbridge has no multicast snooping yet,
# and ifupdown2 turns it on unless told) and bridge-stp off (so that ports
# forward at once rather than after twice the forward delay).
#
#   h1 eth0      (untagged) --- p1 [access 10]  --+
#   h2 eth0.10   (tagged 10) -- p2 [vids 10 20] --+-- br0 (netns sw, bridge-vlan-aware yes)
#   h3 eth0.20   (tagged 20) -- p3 [vids 20]    --+
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd ifup ifquery ifdown jq
lbr_load

SW=$(ns_new sw)
declare -A H
for i in 1 2 3; do
	H[$i]=$(ns_new "h$i")
	ip link add name eth0 address "02:00:00:00:40:0$i" netns "${H[$i]}" \
		type veth peer name "p$i" netns "$SW"
	ip -n "${H[$i]}" link set eth0 up
done
ip -n "${H[1]}" addr add 192.0.2.1/24 dev eth0
for i in 2 3; do
	vid=$((i == 2 ? 10 : 20))
	ip -n "${H[$i]}" link add link eth0 name "eth0.$vid" type vlan id "$vid"
	ip -n "${H[$i]}" link set "eth0.$vid" up
	ip -n "${H[$i]}" addr add "192.0.2.$i/24" dev "eth0.$vid"
done

conf=$(mktemp)
defer rm -f "$conf"
cat >"$conf" <<CONF
auto br0
iface br0
	bridge-ports p1 p2 p3
	bridge-vlan-aware yes
	bridge-stp off
	bridge-mcsnoop no
	bridge-vids 10 20
	bridge-pvid 1

auto p1
iface p1
	bridge-access 10

auto p2
iface p2
	bridge-vids 10 20

auto p3
iface p3
	bridge-vids 20
CONF

sw() { ip netns exec "$SW" "$@"; }
# ifupdown2 keeps its lock and state under /run/network (the guest's tmpfs).
mkdir -p /run/network
defer rm -rf /run/network
vids() { # vids PORT: "vid[/PVID][/U] ..." of PORT
	sw bridge -j vlan show dev "$1" |
		jq -r '.[0].vlans | map("\(.vlan)\(if (.flags // []) | index("PVID") then "/PVID" else "" end)\(if (.flags // []) | index("Egress Untagged") then "/U" else "" end)") | join(" ")'
}
ping1() { ip netns exec "${H[$1]}" ping -c 1 -W 2 "$2" >/dev/null; }

check "ifup -i FILE -a brings the bridge up" sw ifup -i "$conf" -a
check "br0 is VLAN-aware (vlan_filtering 1)" test \
	"$(ip -n "$SW" -j -d link show br0 | jq -r '.[0].linkinfo.info_data.vlan_filtering')" = 1
check "its ports are p1 p2 p3" test \
	"$(ip -n "$SW" -j link show master br0 | jq -r 'map(.ifname) | sort | join(" ")')" = "p1 p2 p3"
check "p1: access VLAN 10 (pvid, untagged) only" test "$(vids p1)" = "10/PVID/U"
check "p2: VLANs 10 and 20 tagged, pvid 1" test "$(vids p2)" = "1/PVID/U 10 20"
check "p3: VLAN 20 tagged, pvid 1" test "$(vids p3)" = "1/PVID/U 20"
# ifquery -c: every setting passes but bridge-mcsnoop, which lbridge does
# not report, as a kernel without IGMP snooping does not (so br0's own
# line fails with it).  ifupdown2's own warnings are no verdicts (the
# debug kernel has no IPv6 rule tables: "ip -6 rule show failed").
qc=$(sw ifquery -i "$conf" -c -a 2>&1 || true)
diag "$qc"
check "ifquery -c: the running bridge is what the file says, but mcsnoop" bash -c \
	"grep -q pass <<<\"\$1\" && ! grep -v -e 'bridge-mcsnoop' -e '^iface br0 ' -e '^warning: ' <<<\"\$1\" | grep -q fail" _ "$qc"

wait_for "ports forwarding" 10 bash -c \
	"bridge -n $SW -j link show | jq -e '[.[] | select(.state == \"forwarding\")] | length == 3' >/dev/null" ||
	bail "ports did not reach forwarding"
check "h1 (access 10) reaches h2 (tagged 10)" wait_for "h1 -> h2" 10 ping1 1 192.0.2.2
check_fail "h1 does not reach h3 (VLAN 20)" "" ping1 1 192.0.2.3
check_fail "h2 (VLAN 10) does not reach h3 (VLAN 20)" "" ping1 2 192.0.2.3

check "ifdown -a takes it away" sw ifdown -i "$conf" -a
check "br0 is gone" bash -c "! ip -n $SW link show br0 2>/dev/null"

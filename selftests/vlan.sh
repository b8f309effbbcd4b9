#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vlan.sh - vlan_filtering with traffic: pvid/untagged and tagged hosts, VLANs kept apart, the bridge as a member, bad input.
#
#   h1 eth0      (untagged) --- p1 [pvid 10 untagged] --+
#   h2 eth0.10   (tagged 10) -- p2 [10 tagged]         --+-- br0 (netns sw, vlan_filtering 1)
#   h3 eth0      (untagged) --- p3 [pvid 20 untagged] --+     br0.10: 192.0.2.10 once br0 is in 10
#
# ping is the oracle: what crosses the bridge is what the VLANs allow.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq
lbr_load

SW=$(ns_new sw)
declare -A H
for i in 1 2 3; do
	H[$i]=$(ns_new "h$i")
	ip link add name eth0 address "02:00:00:00:10:0$i" netns "${H[$i]}" \
		type veth peer name "p$i" netns "$SW"
	ip -n "${H[$i]}" link set eth0 up
done
ip -n "${H[1]}" addr add 192.0.2.1/24 dev eth0
ip -n "${H[2]}" link add link eth0 name eth0.10 type vlan id 10
ip -n "${H[2]}" link set eth0.10 up
ip -n "${H[2]}" addr add 192.0.2.2/24 dev eth0.10
ip -n "${H[3]}" addr add 192.0.2.3/24 dev eth0

sw() { ip netns exec "$SW" "$@"; }
ping1() { # ping1 HOST DST: one echo, 2 s
	ip netns exec "${H[$1]}" ping -c 1 -W 2 "$2" >/dev/null
}
vids() { # vids PORT: the port's VLANs, one line "vid[flags] ..."
	sw bridge -j vlan show dev "$1" |
		jq -r '.[0].vlans | map("\(.vlan)\(.flags // [] | map("/" + .) | join(""))") | join(" ")'
}

check "bridge with vlan_filtering 1" \
	sw ip link add br0 type bridge vlan_filtering 1
for i in 1 2 3; do
	sw ip link set "p$i" master br0
	sw ip link set "p$i" up
done
sw ip link set br0 up
check "ip -d link reports vlan_filtering 1" bash -c \
	"ip -n $SW -j -d link show br0 | jq -e '.[0].linkinfo.info_data.vlan_filtering == 1' >/dev/null"
check "sysfs reads it too" \
	test "$(sw cat /sys/class/net/br0/bridge/vlan_filtering)" = 1
check "new ports get the default pvid 1 untagged" \
	test "$(vids p1)" = "1/PVID/Egress Untagged"

check "p1: pvid 10 untagged" sw bridge vlan add vid 10 dev p1 pvid untagged
check "p1 leaves VLAN 1" sw bridge vlan del vid 1 dev p1
check "p2: 10 tagged" sw bridge vlan add vid 10 dev p2
check "p2 leaves VLAN 1" sw bridge vlan del vid 1 dev p2
check "p3: pvid 20 untagged" sw bridge vlan add vid 20 dev p3 pvid untagged
check "p3 leaves VLAN 1" sw bridge vlan del vid 1 dev p3
check "bridge vlan show lists them" \
	test "$(vids p1),$(vids p2),$(vids p3)" = "10/PVID/Egress Untagged,10,20/PVID/Egress Untagged"

wait_for "ports forwarding" 10 bash -c \
	"bridge -n $SW -j link show | jq -e '[.[] | select(.state == \"forwarding\")] | length == 3' >/dev/null" ||
	bail "ports did not reach forwarding"

check "untagged h1 reaches tagged h2 in VLAN 10" \
	wait_for "h1 -> h2" 10 ping1 1 192.0.2.2
check "h2's station is learnt in VLAN 10" bash -c \
	"bridge -n $SW -j fdb show br br0 | jq -e '.[] | select(.mac == \"02:00:00:00:10:02\" and .vlan == 10)' >/dev/null"
check "and not in VLAN 0" bash -c \
	"! bridge -n $SW -j fdb show br br0 | jq -e '.[] | select(.mac == \"02:00:00:00:10:02\" and (.vlan // 0) == 0)' >/dev/null"
check_fail "h3 in VLAN 20 does not reach h1" "" ping1 3 192.0.2.1

check "p3 moves to pvid 10" sw bridge vlan add vid 10 dev p3 pvid untagged
check "p3 keeps 20, no longer its pvid" \
	test "$(vids p3)" = "10/PVID/Egress Untagged 20/Egress Untagged"
check "now h3 reaches h1" wait_for "h3 -> h1" 10 ping1 3 192.0.2.1

# Per-VLAN STP state (RTM_NEWVLAN): blocking drops, learning only learns.
vstate() { # vstate PORT VID: the VLAN's state as bridge -d -j vlan show says
	sw bridge -d -j vlan show dev "$1" |
		jq -r --argjson v "$2" '.[0].vlans[] | select(.vlan == $v) | .state'
}
check "VLAN 10 on p3 set blocking" sw bridge vlan set vid 10 dev p3 state blocking
check "bridge -d vlan show says blocking" test "$(vstate p3 10)" = blocking
check_fail "h3 no longer reaches h1" "" ping1 3 192.0.2.1
sw bridge fdb flush dev p3
check "VLAN 10 on p3 set learning" sw bridge vlan set vid 10 dev p3 state learning
check_fail "h3 still does not reach h1" "" ping1 3 192.0.2.1
check "but h3's station is learnt in VLAN 10" bash -c \
	"bridge -n $SW -j fdb show br br0 | jq -e '.[] | select(.mac == \"02:00:00:00:10:03\" and .vlan == 10)' >/dev/null"
check "VLAN 10 on p3 set forwarding" sw bridge vlan set vid 10 dev p3 state forwarding
check "h3 reaches h1 again" wait_for "h3 -> h1 again" 10 ping1 3 192.0.2.1
check_fail "a state for a VLAN p3 lacks: ENOENT" "" \
	sw bridge vlan set vid 30 dev p3 state blocking
check "p2 drops VLAN 10" sw bridge vlan del vid 10 dev p2
check_fail "then h1 no longer reaches h2" "" ping1 1 192.0.2.2
check "h2's learnt entry went with the VLAN" bash -c \
	"! bridge -n $SW -j fdb show br br0 | jq -e '.[] | select(.mac == \"02:00:00:00:10:02\" and .vlan == 10 and (.flags // [] | index(\"static\") | not))' >/dev/null"

# The bridge device as a member of VLAN 10, through a VLAN device on it.
check "br0 joins VLAN 10 (self)" sw bridge vlan add vid 10 dev br0 self
sw ip link add link br0 name br0.10 type vlan id 10
sw ip link set br0.10 up
sw ip addr add 192.0.2.10/24 dev br0.10
check "h1 reaches br0.10" wait_for "h1 -> br0.10" 10 ping1 1 192.0.2.10
check "br0 leaves VLAN 10" sw bridge vlan del vid 10 dev br0 self
check_fail "then h1 no longer reaches br0.10" "" ping1 1 192.0.2.10

# Bad input, sent raw (iproute2 refuses some itself): in-tree's errnos and
# messages, and a request with one bad entry changes nothing at all.
# vlan_req DEV FLAGS:VID...: RTM_SETLINK with those IFLA_BRIDGE_VLAN_INFO
# entries; prints "ERRNO MESSAGE".
vlan_req() {
	ip netns exec "$SW" python3 - "$@" <<'PY'
import socket, struct, sys
def attr(t, payload):
    n = 4 + len(payload)
    return struct.pack("HH", n, t) + payload + b"\0" * (-n % 4)
ifindex = socket.if_nametoindex(sys.argv[1])
infos = b"".join(attr(2, struct.pack("HH", *map(int, a.split(":"))))
                 for a in sys.argv[2:])
body = struct.pack("BxHiII", 7, 0, ifindex, 0, 0) + attr(26, infos)
msg = struct.pack("IHHII", 16 + len(body), 19, 1 | 4, 1, 0) + body
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
s.setsockopt(270, 11, 1)
s.send(msg)
r = s.recv(65536)
err = struct.unpack_from("i", r, 16)[0]
off = 16 + 4 + (16 if struct.unpack_from("H", r, 6)[0] & 0x100 else len(msg))
text = ""
while off + 4 <= len(r):
    n, t = struct.unpack_from("HH", r, off)
    if n < 4:
        break
    if t == 1:
        text = r[off + 4:off + n].rstrip(b"\0").decode()
    off += (n + 3) & ~3
print(-err, text)
PY
}
# BRIDGE_VLAN_INFO_* flags: PVID 2, UNTAGGED 4, RANGE_BEGIN 8, RANGE_END 16
before=$(vids p1)
check "vid 0: EINVAL, Vlan id is invalid" \
	test "$(vlan_req p1 0:0)" = "22 bridge: Vlan id is invalid"
check "vid 4095: EINVAL, Vlan id is invalid" \
	test "$(vlan_req p1 0:4095)" = "22 bridge: Vlan id is invalid"
check "pvid on a range: Pvid isn't allowed in a range" \
	test "$(vlan_req p1 10:30 16:40)" = "22 bridge: Pvid isn't allowed in a range"
check "range in the wrong order refused" \
	test "$(vlan_req p1 8:40 16:30)" = "22 bridge: End vlan id is less than or equal to start vlan id"
check "range without its end refused" \
	test "$(vlan_req p1 8:30 0:40)" = "22 bridge: Vlan range end flag is missing"
check "a good entry before a bad one is refused with it" \
	test "$(vlan_req p1 0:50 0:4095)" = "22 bridge: Vlan id is invalid"
check "p1 unchanged by the refusals" test "$(vids p1)" = "$before"
check "a range adds every VLAN in it" sw bridge vlan add vid 100-199 dev p1
check "compressed show gives it as one range" bash -c \
	"bridge -n $SW -compressvlans -j vlan show dev p1 | jq -e '.[0].vlans[] | select(.vlan == 100 and .vlanEnd == 199)' >/dev/null"
check "a range deletes every VLAN in it" sw bridge vlan del vid 100-199 dev p1
check "p1 as before" test "$(vids p1)" = "$before"
# A port with every VLAN: its link dump is one message of over 32 KiB,
# which rtnetlink sizes through AF_BRIDGE's get_link_af_size.
check "p3 takes VLANs 1-4094" sw bridge vlan add vid 1-4094 dev p3
check "bridge vlan show lists all 4094 of p3's VLANs" test \
	"$(sw bridge -j vlan show dev p3 | jq '.[0].vlans | length')" = 4094
check "and the whole bridge's list too" test \
	"$(sw bridge -j vlan show | jq '[.[] | select(.ifname == "p3") | .vlans[]] | length')" = 4094
check "p3 drops them again but VLAN 20" sw bridge vlan del vid 1-19 dev p3
sw bridge vlan del vid 21-4094 dev p3

check "vlan_filtering 0" sw ip link set br0 type bridge vlan_filtering 0
check "without filtering VLANs do not matter: h3 reaches h1" \
	wait_for "h3 -> h1 unfiltered" 10 ping1 3 192.0.2.1

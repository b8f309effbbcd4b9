#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mst.sh - multiple spanning tree instances: a VLAN whose MSTI blocks a port stops there, another VLAN on the same port flows.
#
#   h1 eth0.10, eth0.20 --- p1 --+
#                                +-- br0 (netns sw): vlan_filtering 1, mst_enabled 1,
#   h2 eth0.10, eth0.20 --- p2 --+   VLAN 10 in MSTI 1, VLAN 20 in the CST (MSTI 0)
#
# IFLA_BRIDGE_MST (bridge mst set) blocks p2 in MSTI 1 only: ping over
# VLAN 10 fails, over VLAN 20 it works; forwarding in MSTI 1 brings VLAN 10
# back.  The MST dump (bridge mst show) must agree.
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
# Debian 12's iproute2 (6.1) has neither mst_enabled nor "bridge mst":
# mstctl enable BR 0|1 | msti BR VID MSTI | set PORT MSTI STATE | show PORT
# MSTI, in raw netlink as newer iproute2 sends it (6.1's "bridge vlan global
# set ... msti" ignores the keyword); prints the errno (0) for enable, msti
# and set, the state number for show.
mstctl() {
	ip netns exec "$SW" python3 - "$@" <<'PY'
import socket, struct, sys
NESTED = 0x8000
def attr(t, payload):
    n = 4 + len(payload)
    return struct.pack("HH", n, t) + payload + b"\0" * (-n % 4)
def attrs(buf):
    out = {}
    while len(buf) >= 4:
        n, t = struct.unpack_from("HH", buf)
        if n < 4:
            break
        out.setdefault(t & 0x3fff, []).append(buf[4:n])
        buf = buf[(n + 3) & ~3:]
    return out
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
def request(kind, family, ifindex, payload, flags):
    body = struct.pack("BxHiII", family, 0, ifindex, 0, 0) + payload
    s.send(struct.pack("IHHII", 16 + len(body), kind, flags | 1, 1, 0) + body)
def ack():
    r = s.recv(65536)
    return -struct.unpack_from("i", r, 16)[0]
cmd, dev = sys.argv[1], socket.if_nametoindex(sys.argv[2])
if cmd == "enable":          # IFLA_BR_MULTI_BOOLOPT, BR_BOOLOPT_MST_ENABLE
    on = int(sys.argv[3])
    data = attr(46, struct.pack("II", on << 2, 1 << 2))
    info = attr(1, b"bridge\0") + attr(2 | NESTED, data)
    request(16, 0, dev, attr(18 | NESTED, info), 4)       # RTM_NEWLINK
    print(ack())
elif cmd == "msti":          # RTM_NEWVLAN { GLOBAL_OPTIONS { ID, MSTI } }
    gopts = attr(1, struct.pack("H", int(sys.argv[3]))) + attr(18, struct.pack("H", int(sys.argv[4])))
    body = struct.pack("BBHI", 7, 0, 0, dev) + attr(2 | NESTED, gopts)
    s.send(struct.pack("IHHII", 16 + len(body), 112, 1 | 4, 1, 0) + body)
    print(ack())
elif cmd == "set":           # IFLA_AF_SPEC { IFLA_BRIDGE_MST { ENTRY } }
    entry = attr(1, struct.pack("H", int(sys.argv[3]))) + attr(2, struct.pack("B", int(sys.argv[4])))
    mst = attr(1 | NESTED, entry)
    request(19, 7, dev, attr(26 | NESTED, attr(6 | NESTED, mst)), 4)  # RTM_SETLINK
    print(ack())
else:                        # RTM_GETLINK dump, IFLA_EXT_MASK RTEXT_FILTER_MST
    request(18, 7, 0, attr(29, struct.pack("I", 1 << 7)), 0x300)
    state = ""
    while True:
        r, done = s.recv(1 << 20), False
        off = 0
        while off < len(r):
            n, t = struct.unpack_from("IH", r, off)
            if t == 3:
                done = True
            elif t == 16 and struct.unpack_from("i", r, off + 20)[0] == dev:
                a = attrs(r[off + 32:off + n])
                for af in a.get(26, []):
                    for mst in attrs(af).get(6, []):
                        for e in attrs(mst).get(1, []):
                            ea = attrs(e)
                            if struct.unpack("H", ea[1][0][:2])[0] == int(sys.argv[3]):
                                state = str(ea[2][0][0])
            off += (n + 3) & ~3
        if done:
            break
    print(state)
PY
}
mst_state() { mstctl show "$1" "$2"; } # mst_state PORT MSTI: BR_STATE_* number

check "bridge with vlan_filtering 1, vlan_default_pvid 0" \
	sw ip link add br0 type bridge vlan_filtering 1 vlan_default_pvid 0
for i in 1 2; do
	sw ip link set "p$i" master br0
	sw ip link set "p$i" up
done
sw ip link set br0 up
check "mst_enabled 1 (no port has VLANs yet)" test "$(mstctl enable br0 1)" = 0
for i in 1 2; do
	sw bridge vlan add vid 10 dev "p$i"
	sw bridge vlan add vid 20 dev "p$i"
done
check "mst_enabled cannot change while ports have VLANs: EBUSY" \
	test "$(mstctl enable br0 0)" = 16
check "VLAN 10 goes to MSTI 1" test "$(mstctl msti br0 10 1)" = 0
wait_for "ports forwarding" 10 bash -c \
	"bridge -n $SW -j link show | jq -e '[.[] | select(.state == \"forwarding\")] | length == 2' >/dev/null" ||
	bail "ports did not reach forwarding"
# A new MSTI starts disabled on every port, as in-tree.
check "p2 starts disabled (0) in MSTI 1" test "$(mst_state p2 1)" = 0
check_fail "so VLAN 10 does not pass" "" ping1 198.51.10.2
check "VLAN 20 (the CST) passes" wait_for "vlan 20" 10 ping1 198.51.20.2
check "p1 and p2 forward (3) in MSTI 1" \
	test "$(mstctl set p1 1 3) $(mstctl set p2 1 3)" = "0 0"
check "the MST dump says forwarding" test "$(mst_state p2 1)" = 3
check "now VLAN 10 passes" wait_for "vlan 10" 10 ping1 198.51.10.2
check "p2 blocks (4) in MSTI 1" test "$(mstctl set p2 1 4)" = 0
check_fail "VLAN 10 stops at p2" "" ping1 198.51.10.2
check "VLAN 20 still passes" ping1 198.51.20.2
check_fail "per-VLAN state cannot be set directly with MST" "MST is enabled" \
	sw bridge vlan set vid 10 dev p2 state forwarding
# The core sends a request for a device without a master nowhere, as in-tree.
check "MSTI states only on ports: EOPNOTSUPP for the bridge" \
	test "$(mstctl set br0 1 3)" = 95

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fdb_dump.sh - fdb dumps list every entry exactly once, whatever the filter and however many parts the dump takes.
#
#   h eth0..eth7 --- p0..p7 --+-- br0 (netns sw)   K learnt stations per port
#
# lbridge lists a whole bridge in one walk (at the bridge's turn, not once
# per port), so the filters iproute2 offers must still select exactly
# what the in-tree bridge would: all, one port (brport), one bridge (br),
# the bridge itself (brport br0), over strict and legacy requests.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd mausezahn jq python3
lbr_load

PORTS=8
K=${LBR_DUMP_PER_PORT:-2500}

SW=$(ns_new sw)
H=$(ns_new h)
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec "$H" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n "$SW" link add br0 type bridge
for ((i = 0; i < PORTS; i++)); do
	ip link add name "eth$i" netns "$H" type veth peer name "p$i" netns "$SW"
	ip -n "$SW" link set "p$i" master br0
	ip -n "$SW" link set "p$i" up
	ip -n "$H" link set "eth$i" up
done
ip -n "$SW" link set br0 up
all_forwarding() {
	[ "$(bridge -n "$SW" -j link show | jq '[.[] | select(.state == "forwarding")] | length')" -eq $PORTS ]
}
check "ports forwarding" wait_for "ports forwarding" 10 all_forwarding

# K stations behind each port, 02:00:00:PP:xx:xx for port PP.
ip netns exec "$H" python3 - "$PORTS" "$K" <<'EOF'
import errno, socket, struct, sys, time
ports, k = int(sys.argv[1]), int(sys.argv[2])
def send(s, frame):
    # A slow kernel (a debug build) falls behind: wait for room, resend.
    while True:
        try:
            return s.send(frame)
        except OSError as e:
            if e.errno != errno.ENOBUFS:
                raise
            time.sleep(0.01)
for p in range(ports):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind(("eth%d" % p, 0))
    for i in range(k):
        src = bytes([2, 0, 0, p, i >> 8, i & 0xff])
        send(s, b"\xff" * 6 + src + b"\x88\xb5" + b"\0" * 46)
EOF

# master entries of br0 in a dump: "MAC VLAN PORT" lines (VLAN 0: none),
# sorted.  Ports' own addresses are there for VLAN 0 and the default pvid 1.
entries() { bridge -n "$SW" -j fdb show "$@" | jq -r '.[] | select(.master == "br0") | "\(.mac) \(.vlan // 0) \(.ifname)"' | sort; }
# The MACs alone: a brport dump leaves the port's name out.
macs() { bridge -n "$SW" -j fdb show "$@" | jq -r '.[] | select(.master == "br0") | .mac' | sort; }

all=$(entries)
total=$(wc -l <<<"$all")
diag "$total master entries in the unfiltered dump"
check "no entry listed twice" test "$(sort -u <<<"$all" | wc -l)" -eq "$total"
check "no MAC listed twice in one VLAN" test "$(cut -d' ' -f1,2 <<<"$all" | sort -u | wc -l)" -eq "$total"
# brforward (the ioctl/sysfs view) holds every entry but the bridge's own.
# Read it as brctl does, a page at a time (a read under 16 bytes is EOF).
fwd=$(ip netns exec "$SW" python3 -c '
import os
fd, n = os.open("/sys/class/net/br0/brforward", os.O_RDONLY), 0
while True:
    b = os.read(fd, 4096)
    if not b:
        break
    n += len(b) // 16
print(n)')
own=$(grep -c ' br0$' <<<"$all" || true)
check "dump and brforward agree ($fwd + $own bridge entries)" test "$total" -eq $((fwd + own))
check "p3 has its $K stations" test "$(grep -c '^02:00:00:03:.* p3$' <<<"$all")" -eq "$K"
check "all $((PORTS * K)) stations listed" test "$(grep -c '^02:00:00:0' <<<"$all")" -eq $((PORTS * K))

by_br=$(entries br br0)
check "br br0 lists the same" test "$by_br" = "$all"
for p in p0 p5 p7; do
	mine=$(grep " $p\$" <<<"$all" | cut -d' ' -f1)
	check "brport $p lists exactly $p's entries" test "$(macs brport "$p")" = "$mine"
	check "br br0 brport $p lists exactly $p's entries" test "$(macs br br0 brport "$p")" = "$mine"
done
check "brport br0 lists the bridge's own entries" \
	test "$(macs brport br0)" = "$(grep ' br0$' <<<"$all" | cut -d' ' -f1)"

# Requests without strict checking, as older clients send them: an ndmsg
# names no device; an ifinfomsg names a port in ifi_index.
legacy() {
	ip netns exec "$SW" python3 - "$@" <<'EOF'
import socket, struct, sys
RTM_GETNEIGH, NLM_F_REQUEST, NLM_F_DUMP, NLMSG_DONE = 30, 1, 0x300, 3
if len(sys.argv) > 1:   # ifinfomsg with the port's ifindex
    body = struct.pack("BxHiII", socket.AF_BRIDGE, 0, socket.if_nametoindex(sys.argv[1]), 0, 0)
else:                   # bare ndmsg
    body = struct.pack("BxxxiHBB", socket.AF_BRIDGE, 0, 0, 0, 0)
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
s.send(struct.pack("IHHII", 16 + len(body), RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, 1, 0) + body)
n = 0
while True:
    buf, off, done = s.recv(1 << 20), 0, False
    while off < len(buf):
        ln, typ = struct.unpack_from("IH", buf, off)
        if typ == NLMSG_DONE:
            done = True
            break
        n += 1
        off += (ln + 3) & ~3
    if done:
        break
print(n)
EOF
}
# Every neighbour of the namespace: br0's entries plus each device's own
# (self) addresses, as the strict dump reports them.
strict_n=$(bridge -n "$SW" fdb show | wc -l)
check "legacy ndmsg dump: all $strict_n records" test "$(legacy)" -eq "$strict_n"
p5_n=$(bridge -n "$SW" fdb show brport p5 | wc -l)
check "legacy ifinfomsg dump for p5: its $p5_n records" test "$(legacy p5)" -eq "$p5_n"

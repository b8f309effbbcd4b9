#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kernel_compat.sh - what differs between the kernels lbridge builds for: options newer than lbridge are refused there, the module says what it is.
#
# Newer kernels parse attributes 6.1 does not know (IFLA_BRPORT_MAB and
# later, multi-bool options past BR_BOOLOPT_MST_ENABLE) and hand them to
# lbridge, which must refuse them rather than ignore them.  On 6.1 the core
# drops them before lbridge sees them, as it does for bridge.ko there.  The
# requests are sent raw: Debian 12's iproute2 predates them.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd python3
lbr_load

SW=$(ns_new sw)
ip -n "$SW" link add br0 type bridge
ip -n "$SW" link add p1 type veth peer name h1
ip -n "$SW" link set p1 master br0

# rtnl.py PORT ATTR | BOOLOPT BIT | OPTMASK: send one RTM_NEWLINK to p1
# (bridge_slave data ATTR, a u8 1) or br0 (IFLA_BR_MULTI_BOOLOPT with BIT
# on); print the errno (0 on success) and the extack message.  OPTMASK
# prints the optmask br0 reports.
rtnl() {
	ip netns exec "$SW" python3 - "$@" <<'EOF'
import socket, struct, sys
IFLA_LINKINFO, IFLA_INFO_KIND, IFLA_INFO_DATA = 18, 1, 2
IFLA_INFO_SLAVE_KIND, IFLA_INFO_SLAVE_DATA = 4, 5
IFLA_BR_MULTI_BOOLOPT = 46
RTM_NEWLINK, RTM_GETLINK = 16, 18
NLMSGERR_ATTR_MSG = 1
def attr(t, payload):
    n = 4 + len(payload)
    return struct.pack("HH", n, t) + payload + b"\0" * (-n % 4)
def attrs_of(buf):
    out = {}
    while len(buf) >= 4:
        n, t = struct.unpack_from("HH", buf)
        if n < 4:
            break
        out[t & 0x3fff] = buf[4:n]
        buf = buf[(n + 3) & ~3:]
    return out
def request(kind, dev, attrs):
    body = struct.pack("BxHiII", 0, 0, socket.if_nametoindex(dev), 0, 0) + attrs
    msg = struct.pack("IHHII", 16 + len(body), kind, 1 | 4, 1, 0) + body
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    s.setsockopt(270, 11, 1)  # NETLINK_EXT_ACK
    s.send(msg)
    return s.recv(65536)
def answer(r):
    err = -struct.unpack_from("i", r, 16)[0]
    msg = ""
    if err:
        inner = struct.unpack_from("I", r, 20)[0]
        tlvs = attrs_of(r[20 + inner:]) if r[4:6] != b"\0\0" else {}
        msg = tlvs.get(NLMSGERR_ATTR_MSG, b"").rstrip(b"\0").decode()
    print(err, msg)
if sys.argv[1] == "PORT":
    data = attr(int(sys.argv[2]), b"\1")
    info = attr(IFLA_INFO_SLAVE_KIND, b"bridge\0") + attr(IFLA_INFO_SLAVE_DATA, data)
    answer(request(RTM_NEWLINK, "p1", attr(IFLA_LINKINFO, info)))
elif sys.argv[1] == "BOOLOPT":
    bit = 1 << int(sys.argv[2])
    data = attr(IFLA_BR_MULTI_BOOLOPT, struct.pack("II", bit, bit))
    info = attr(IFLA_INFO_KIND, b"bridge\0") + attr(IFLA_INFO_DATA, data)
    answer(request(RTM_NEWLINK, "br0", attr(IFLA_LINKINFO, info)))
else:
    r = request(RTM_GETLINK, "br0", b"")
    data = attrs_of(attrs_of(attrs_of(r[32:])[IFLA_LINKINFO])[IFLA_INFO_DATA])
    print(struct.unpack("II", data[IFLA_BR_MULTI_BOOLOPT])[1])
EOF
}

# The running kernel as a number: 6.1 -> 601, 7.3 -> 703.
kver=$(uname -r | awk -F'[.-]' '{ print $1 * 100 + $2 }')
diag "kernel $(uname -r)"

# IFLA_BRPORT_MAB (40) came with 6.2; 6.1 is the one kernel here without it.
got=$(rtnl PORT 40)
if [ "$kver" -ge 602 ]; then
	case $got in
	"95 lbridge: an attribute newer than lbridge is not supported yet")
		pass "IFLA_BRPORT_MAB is refused with EOPNOTSUPP, by message" ;;
	*) fail "IFLA_BRPORT_MAB is refused with EOPNOTSUPP, by message" "got: $got" ;;
	esac
	check "... and the port is unchanged (no mab file, learning still 1)" \
		test "$(ip netns exec "$SW" cat /sys/class/net/p1/brport/learning)" = 1
else
	check "6.1's core drops IFLA_BRPORT_MAB before lbridge, as for bridge.ko" \
		test "$got" = "0 "
fi

# Multi-bool options: every one this kernel knows is reported in optmask;
# those past MST_ENABLE (bit 2) are newer than lbridge.
mask=$(rtnl OPTMASK)
diag "br0 reports optmask $mask"
check "optmask covers the options a 6.1 bridge knows" test $((mask & 7)) = 7
newer=0
for bit in 3 4 5 6 7; do
	[ $((mask >> bit & 1)) = 1 ] || continue
	newer=$((newer + 1))
	got=$(rtnl BOOLOPT "$bit")
	case $got in
	"95 lbridge: a multi-bool option newer than lbridge (IFLA_BR_MULTI_BOOLOPT) is not supported yet")
		pass "multi-bool option $bit is refused with EOPNOTSUPP, by message" ;;
	*) fail "multi-bool option $bit is refused with EOPNOTSUPP, by message" "got: $got" ;;
	esac
done
[ "$newer" -gt 0 ] || skip "newer multi-bool options are refused" \
	"this kernel knows no option past BR_BOOLOPT_MST_ENABLE"
check "turning no_linklocal_learn (bit 0) on still works" test "$(rtnl BOOLOPT 0)" = "0 "

# What it is: the module's version reaches modinfo and sysfs.
ver=$(modinfo -F version "$LBR_MODULE")
check "modinfo shows a version ($ver)" test -n "$ver"
check "/sys/module/lbridge/version is that version" \
	test -n "$ver" -a "$(cat /sys/module/lbridge/version 2>/dev/null)" = "$ver"

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# brlink.py - set u32 bridge attributes that Debian 12's iproute2 cannot send (IFLA_BR_STP_MODE) in one RTM_NEWLINK.
#
# usage: brlink.py DEV NAME=VALUE...    NAME: stp_mode, stp_state
# Prints "ok", or "error ERRNO-NAME: EXTACK-MESSAGE" and exits 1.
import errno
import socket
import struct
import sys

IFLA_BR = {"stp_state": 5, "stp_mode": 50}
IFLA_LINKINFO, IFLA_INFO_KIND, IFLA_INFO_DATA = 18, 1, 2
NLA_F_NESTED = 0x8000
RTM_NEWLINK, NLMSG_ERROR = 16, 2
NLM_F_REQUEST, NLM_F_ACK = 0x1, 0x4
SOL_NETLINK, NETLINK_EXT_ACK = 270, 11
NLMSGERR_ATTR_MSG = 1


def nla(kind, payload):
    size = 4 + len(payload)
    return struct.pack("HH", size, kind) + payload + b"\0" * (-size % 4)


def attrs(buf):
    while len(buf) >= 4:
        size, kind = struct.unpack_from("HH", buf)
        if size < 4:
            return
        yield kind & ~NLA_F_NESTED, buf[4:size]
        buf = buf[(size + 3) & ~3:]


def main():
    dev, settings = sys.argv[1], sys.argv[2:]
    data = b"".join(nla(IFLA_BR[k], struct.pack("I", int(v)))
                    for k, v in (s.split("=", 1) for s in settings))
    info = nla(IFLA_INFO_KIND, b"bridge\0") + nla(IFLA_INFO_DATA | NLA_F_NESTED, data)
    body = struct.pack("BxHiII", socket.AF_UNSPEC, 0, socket.if_nametoindex(dev), 0, 0)
    body += nla(IFLA_LINKINFO | NLA_F_NESTED, info)
    msg = struct.pack("IHHII", 16 + len(body), RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, 1, 0) + body

    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    s.send(msg)
    reply = s.recv(65536)
    _, kind, flags, _, _ = struct.unpack_from("IHHII", reply)
    if kind != NLMSG_ERROR:
        sys.exit("unexpected reply type %d" % kind)
    err = -struct.unpack_from("i", reply, 16)[0]
    if not err:
        print("ok")
        return
    text = ""
    if flags & 0x200:  # NLM_F_ACK_TLVS: after the error and the echoed request
        echoed = struct.unpack_from("I", reply, 20)[0] if not flags & 0x100 else 16
        for kind, payload in attrs(reply[20 + echoed:]):
            if kind == NLMSGERR_ATTR_MSG:
                text = payload.rstrip(b"\0").decode()
    print("error %s: %s" % (errno.errorcode.get(err, err), text))
    sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# brquerier.py - print a bridge's IFLA_BR_MCAST_QUERIER_STATE, which Debian 12's iproute2 does not show.
#
# usage: brquerier.py DEV
# Prints one JSON line: {"ipv4": {"addr": A, "port": IFNAME, "other_timer": true},
# "ipv6": {...}}, each key only when the kernel sent its attribute (the
# other-querier timer's value is left out: it changes while one reads it).
import json
import socket
import struct
import sys

from brlink import attrs

RTM_NEWLINK, RTM_GETLINK, NLMSG_ERROR = 16, 18, 2
NLM_F_REQUEST = 0x1
IFLA_LINKINFO, IFLA_INFO_DATA = 18, 2
IFLA_BR_MCAST_QUERIER_STATE = 47
# BRIDGE_QUERIER_*: (family, field)
FIELDS = {1: ("ipv4", "addr"), 2: ("ipv4", "port"), 3: ("ipv4", "other_timer"),
          5: ("ipv6", "addr"), 6: ("ipv6", "port"), 7: ("ipv6", "other_timer")}


def value(field, data):
    if field == ("ipv4", "addr"):
        return socket.inet_ntop(socket.AF_INET, data[:4])
    if field == ("ipv6", "addr"):
        return socket.inet_ntop(socket.AF_INET6, data[:16])
    if field[1] == "port":
        return socket.if_indextoname(struct.unpack("I", data[:4])[0])
    return True


def main():
    dev = sys.argv[1]
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    body = struct.pack("BxHiII", socket.AF_UNSPEC, 0, socket.if_nametoindex(dev), 0, 0)
    sock.send(struct.pack("IHHII", 16 + len(body), RTM_GETLINK, NLM_F_REQUEST, 1, 0) + body)
    msg = sock.recv(65536)
    size, kind = struct.unpack_from("IH", msg)
    if kind != RTM_NEWLINK:
        sys.exit("brquerier.py: no RTM_NEWLINK for " + dev)
    state = {}
    for k, v in attrs(msg[32:size]):
        if k != IFLA_LINKINFO:
            continue
        for k2, v2 in attrs(v):
            if k2 != IFLA_INFO_DATA:
                continue
            for k3, v3 in attrs(v2):
                if k3 != IFLA_BR_MCAST_QUERIER_STATE:
                    continue
                for k4, v4 in attrs(v3):
                    if k4 in FIELDS:
                        fam, name = FIELDS[k4]
                        state.setdefault(fam, {})[name] = value(FIELDS[k4], v4)
    print(json.dumps(state, sort_keys=True, separators=(",", ":")))


if __name__ == "__main__":
    main()

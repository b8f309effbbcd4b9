#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# mcast_pkt.py - send IGMP, MLD and multicast UDP frames exactly as a test needs them, malformed ones included.
#
# usage: mcast_pkt.py IFACE KIND [ARG...]
#   query SRC [GROUP] [MRC]   IGMPv2 query (general without GROUP), max resp MRC/10 s
#   report SRC GROUP          IGMPv2 membership report
#   report3 SRC GROUP [MODE]  IGMPv3 report, one record: MODE ex (default, join) or in (leave)
#   leave SRC GROUP           IGMPv2 leave
#   badsum SRC GROUP          IGMPv2 report with a wrong checksum
#   short SRC GROUP           IGMPv2 report cut to 6 bytes of IGMP
#   udp SRC GROUP COUNT       COUNT UDP datagrams to GROUP, port 5000
#   mldquery SRC6             MLDv1 general query (SRC6 link-local)
#   mldreport SRC6 GROUP6     MLDv1 report
#   mlddone SRC6 GROUP6       MLDv1 done
#   udp6 SRC6 GROUP6 COUNT    COUNT UDP datagrams to GROUP6
#   listen SECS [SRCMAC]      "listening", then for SECS each IGMP or MLD query
#                             received (from SRCMAC only if given), a line each:
#                             "igmpq SRC GROUP CODE" or "mldq SRC6 GROUP6 DELAY_MS",
#                             " badsum" after it if its checksum is wrong
#   pim SRC                   PIMv2 hello to 224.0.0.13 (holdtime 105 s)
#   mrd SRC                   IGMP multicast router advertisement (RFC 4286)
#   mrd6 SRC6                 MLD multicast router advertisement (RFC 4286)
#   join GROUP SECS           the host's own IGMP joins GROUP on IFACE (and so
#                             reports it and answers queries): "joined", then
#                             it holds the membership for SECS
# Frames leave IFACE through an AF_PACKET socket with IFACE's MAC as source
# (MCAST_PKT_SRCMAC in the environment: that MAC instead).
import os
import socket
import struct
import sys
import time


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def mac4(group):
    b = socket.inet_aton(group)
    return bytes([0x01, 0x00, 0x5E, b[1] & 0x7F, b[2], b[3]])


def mac6(group):
    return bytes([0x33, 0x33]) + socket.inet_pton(socket.AF_INET6, group)[12:]


def ip4(src, dst, proto, payload, router_alert):
    opts = b"\x94\x04\x00\x00" if router_alert else b""
    ihl = 5 + len(opts) // 4
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0xC0 if router_alert else 0,
                      ihl * 4 + len(payload), 0, 0, 1, proto, 0,
                      socket.inet_aton(src), socket.inet_aton(dst)) + opts
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + payload


def igmp(kind, code, group, good=True):
    msg = struct.pack("!BBH4s", kind, code, 0, socket.inet_aton(group))
    s = csum(msg) ^ (0 if good else 0x5555)
    return msg[:2] + struct.pack("!H", s) + msg[4:]


def igmp3_report(group, mode):
    rtype = 2 if mode == "ex" else 1     # MODE_IS_EXCLUDE / MODE_IS_INCLUDE
    rec = struct.pack("!BBH4s", rtype, 0, 0, socket.inet_aton(group))
    msg = struct.pack("!BBHHH", 0x22, 0, 0, 0, 1) + rec
    return msg[:2] + struct.pack("!H", csum(msg)) + msg[4:]


def ip6(src, dst, nh, payload, hbh):
    s6 = socket.inet_pton(socket.AF_INET6, src)
    d6 = socket.inet_pton(socket.AF_INET6, dst)
    ext = b""
    first = nh
    if hbh:     # hop-by-hop: router alert (MLD), then PadN
        ext = struct.pack("!BB", nh, 0) + b"\x05\x02\x00\x00\x01\x00"
        first = 0
    hdr = struct.pack("!IHBB16s16s", 0x60000000, len(ext) + len(payload), first, 1, s6, d6)
    return hdr + ext + payload, s6, d6


def icmp6(src, dst, body):
    s6 = socket.inet_pton(socket.AF_INET6, src)
    d6 = socket.inet_pton(socket.AF_INET6, dst)
    pseudo = s6 + d6 + struct.pack("!IxxxB", len(body), 58)
    return body[:2] + struct.pack("!H", csum(pseudo + body)) + body[4:]


def mld(kind, src, dst, group, delay=0):
    body = struct.pack("!BBHHH16s", kind, 0, 0, delay, 0,
                       socket.inet_pton(socket.AF_INET6, group))
    pkt, _, _ = ip6(src, dst, 58, icmp6(src, dst, body), True)
    return pkt


def pim_hello():
    msg = struct.pack("!BBHHHH", 0x20, 0, 0, 1, 2, 105)    # v2 hello; holdtime
    return msg[:2] + struct.pack("!H", csum(msg)) + msg[4:]


def mrd_adv():
    # type 0x30, advertisement interval 20 s; query interval 125, robustness 2
    msg = struct.pack("!BBHHH", 0x30, 20, 0, 125, 2)
    return msg[:2] + struct.pack("!H", csum(msg)) + msg[4:]


def mrd6_adv(src):
    body = struct.pack("!BBHHH", 151, 20, 0, 125, 2)
    pkt, _, _ = ip6(src, "ff02::6a", 58, icmp6(src, "ff02::6a", body), True)
    return pkt


def udp4(src, group, seq):
    data = b"lbr-mcast-%06d" % seq
    u = struct.pack("!HHHH", 5000, 5000, 8 + len(data), 0) + data
    return ip4(src, group, 17, u, False)


def udp6(src, group, seq):
    data = b"lbr-mcast-%06d" % seq
    u = struct.pack("!HHHH", 5000, 5000, 8 + len(data), 0) + data
    s6 = socket.inet_pton(socket.AF_INET6, src)
    d6 = socket.inet_pton(socket.AF_INET6, group)
    pseudo = s6 + d6 + struct.pack("!IxxxB", len(u), 17)
    u = u[:6] + struct.pack("!H", csum(pseudo + u) or 0xFFFF) + u[8:]
    pkt, _, _ = ip6(src, group, 17, u, False)
    return pkt


def query_line(frame):
    """A received IGMP/MLD query as listen prints it, else None."""
    etype = struct.unpack("!H", frame[12:14])[0]
    p = frame[14:]
    if etype == 0x0800 and len(p) >= 20 and p[9] == 2:
        ihl = (p[0] & 0xF) * 4
        g = p[ihl:ihl + 8]
        if len(g) == 8 and g[0] == 0x11:
            return "igmpq %s %s %d%s" % (socket.inet_ntoa(p[12:16]),
                                         socket.inet_ntoa(g[4:8]), g[1],
                                         "" if csum(g) == 0 else " badsum")
    if etype == 0x86DD and len(p) >= 40:
        nh, off = p[6], 40
        while nh == 0 and len(p) >= off + 2:     # hop-by-hop options
            nh, off = p[off], off + (p[off + 1] + 1) * 8
        m = p[off:off + 24]
        if nh == 58 and len(m) == 24 and m[0] == 130:
            pseudo = p[8:40] + struct.pack("!IxxxB", len(m), 58)
            return "mldq %s %s %d%s" % (
                socket.inet_ntop(socket.AF_INET6, p[8:24]),
                socket.inet_ntop(socket.AF_INET6, m[8:24]),
                struct.unpack("!H", m[4:6])[0],
                "" if csum(pseudo + m) == 0 else " badsum")
    return None


def listen(iface, secs, src_mac):
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
    sock.bind((iface, 0))
    print("listening", flush=True)     # what the caller waits for
    end = time.monotonic() + secs
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return
        sock.settimeout(left)
        try:
            frame, addr = sock.recvfrom(2048)
        except socket.timeout:
            return
        if addr[2] == socket.PACKET_OUTGOING:
            continue
        if src_mac and frame[6:12] != src_mac:
            continue
        line = query_line(frame)
        if line:
            print(line, flush=True)


def join(iface, group, secs):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    mreqn = (socket.inet_aton(group) + socket.inet_aton("0.0.0.0") +
             struct.pack("@i", socket.if_nametoindex(iface)))
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreqn)
    print("joined", flush=True)
    time.sleep(secs)


def main(argv):
    iface, kind, args = argv[1], argv[2], argv[3:]
    if kind == "join":
        join(iface, args[0], float(args[1]))
        return
    if kind == "listen":
        mac = bytes.fromhex(args[1].replace(":", "")) if len(args) > 1 else None
        listen(iface, float(args[0]), mac)
        return
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind((iface, 0))
    src_mac = sock.getsockname()[4]
    if os.environ.get("MCAST_PKT_SRCMAC"):     # another host behind IFACE
        src_mac = bytes.fromhex(os.environ["MCAST_PKT_SRCMAC"].replace(":", ""))
    frames = []
    if kind == "query":
        group = args[1] if len(args) > 1 else "0.0.0.0"
        mrc = int(args[2]) if len(args) > 2 else 10
        dst = "224.0.0.1" if group == "0.0.0.0" else group
        frames.append((mac4(dst), 0x0800,
                       ip4(args[0], dst, 2, igmp(0x11, mrc, group), True)))
    elif kind in ("report", "badsum"):
        frames.append((mac4(args[1]), 0x0800,
                       ip4(args[0], args[1], 2,
                           igmp(0x16, 0, args[1], kind == "report"), True)))
    elif kind == "short":
        frames.append((mac4(args[1]), 0x0800,
                       ip4(args[0], args[1], 2, igmp(0x16, 0, args[1])[:6], True)))
    elif kind == "report3":
        mode = args[2] if len(args) > 2 else "ex"
        frames.append((mac4("224.0.0.22"), 0x0800,
                       ip4(args[0], "224.0.0.22", 2, igmp3_report(args[1], mode), True)))
    elif kind == "leave":
        frames.append((mac4("224.0.0.2"), 0x0800,
                       ip4(args[0], "224.0.0.2", 2, igmp(0x17, 0, args[1]), True)))
    elif kind == "udp":
        for i in range(int(args[2])):
            frames.append((mac4(args[1]), 0x0800, udp4(args[0], args[1], i)))
    elif kind == "pim":
        frames.append((mac4("224.0.0.13"), 0x0800,
                       ip4(args[0], "224.0.0.13", 103, pim_hello(), False)))
    elif kind == "mrd":
        frames.append((mac4("224.0.0.106"), 0x0800,
                       ip4(args[0], "224.0.0.106", 2, mrd_adv(), True)))
    elif kind == "mrd6":
        frames.append((mac6("ff02::6a"), 0x86DD, mrd6_adv(args[0])))
    elif kind == "mldquery":
        frames.append((mac6("ff02::1"), 0x86DD,
                       mld(130, args[0], "ff02::1", "::", 1000)))
    elif kind == "mldreport":
        frames.append((mac6(args[1]), 0x86DD, mld(131, args[0], args[1], args[1])))
    elif kind == "mlddone":
        frames.append((mac6("ff02::2"), 0x86DD, mld(132, args[0], "ff02::2", args[1])))
    elif kind == "udp6":
        for i in range(int(args[2])):
            frames.append((mac6(args[1]), 0x86DD, udp6(args[0], args[1], i)))
    else:
        sys.exit("mcast_pkt.py: unknown kind " + kind)
    for dst, etype, payload in frames:
        sock.send(dst + src_mac + struct.pack("!H", etype) + payload)


if __name__ == "__main__":
    main(sys.argv)

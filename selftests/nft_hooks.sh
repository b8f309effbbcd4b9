#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nft_hooks.sh - every bridge netfilter hook with traffic, ebtables nat/broute moving frames, rules across port changes, malformed frames through every hook, teardown with rules and traffic.
#
#   h1 eth0 192.0.2.1 --- p1 --+
#   h2 eth0 192.0.2.2 --- p2 --+-- br0 192.0.2.254 (netns sw)
#   h3 eth0 192.0.2.3 --- p3 --+
#
# Frames come from mausezahn (N per flow, a UDP port each); the oracles are
# nft counters: the rule's own in sw, and the hosts' and sw's own inet
# prerouting counters (frames addressed to them).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd nft mausezahn jq python3 ebtables-nft ebtables-legacy
lbr_load
lbr_nf_companions
N=10

SW=$(ns_new sw)
declare -A H M
for i in 1 2 3; do
	H[$i]=$(ns_new "h$i")
	M[$i]=02:00:00:00:30:0$i
	ip link add name eth0 address "${M[$i]}" netns "${H[$i]}" \
		type veth peer name "p$i" netns "$SW"
	ip -n "${H[$i]}" link set eth0 up
	ip -n "${H[$i]}" addr add "192.0.2.$i/24" dev eth0
done
sw() { ip netns exec "$SW" "$@"; }
sw ip link add br0 type bridge
for i in 1 2 3; do
	sw ip link set "p$i" master br0
	sw ip link set "p$i" up
done
sw ip link set br0 up
sw ip addr add 192.0.2.254/24 dev br0
MBR=$(sw cat /sys/class/net/br0/address)
MP1=$(sw cat /sys/class/net/p1/address)
# Every host known to the FDB, so that unicast is never flooded (a flood
# passes FORWARD and POST_ROUTING once per port).
for i in 1 2 3; do
	wait_for "h$i reaches br0" 10 ip netns exec "${H[$i]}" ping -c 1 -W 1 192.0.2.254 ||
		bail "h$i cannot reach br0"
done

# Frames arriving at a host (or at sw's stack), counted by its own kernel.
# Rule counters cannot be reset by Debian 12's nft: reset_all makes the
# tables anew.
HOST_RULES='table inet host {
	chain c_pre {
		type filter hook prerouting priority -300; policy accept;
		udp dport 7100-7199 counter comment "udp"
		iifname "p1" udp dport 7100-7199 counter comment "p1-udp"
	}
}'
reset_all() {
	local ns
	for ns in "${H[1]}" "${H[2]}" "${H[3]}" "$SW"; do
		ip netns exec "$ns" nft delete table inet host 2>/dev/null
		ip netns exec "$ns" nft -f - <<<"$HOST_RULES" || bail "host counters"
	done
}
reset_all
# send NS DEV DST_MAC DST_IP DPORT: N UDP frames
send() {
	ip netns exec "$1" mausezahn "$2" -q -c $N -b "$3" -B "$4" -t udp "sp=5000,dp=$5"
}

# ---- 1. each hook point: its rule drops one flow, and only it; the in
# and out devices are the ports, as in-tree ----
check "a chain on each of the five hooks" sw nft -f - <<'EOF'
table bridge hk {
	chain c_pre {
		type filter hook prerouting priority 0; policy accept;
		iifname "p1" udp dport 7101 counter drop comment "pre"
	}
	chain c_in {
		type filter hook input priority 0; policy accept;
		iifname "p1" udp dport 7104 counter drop comment "in"
	}
	chain c_fwd {
		type filter hook forward priority 0; policy accept;
		iifname "p1" oifname "p2" udp dport 7102 counter drop comment "fwd"
		udp dport 7108 counter comment "fwd-bc"
	}
	chain c_out {
		type filter hook output priority 0; policy accept;
		udp dport 7106 oifname "p2" counter drop comment "out"
	}
	chain c_post {
		type filter hook postrouting priority 0; policy accept;
		oifname "p2" udp dport 7103 counter drop comment "post"
	}
}
EOF
reset_all
for port in 7101 7102 7103 7109; do
	send "${H[1]}" eth0 "${M[2]}" 192.0.2.2 $port
done
check_nft_count "PRE_ROUTING dropped its flow" $N "$SW" bridge hk pre
check_nft_count "FORWARD dropped its flow" $N "$SW" bridge hk fwd
check_nft_count "POST_ROUTING dropped its flow" $N "$SW" bridge hk post
check_nft_count "h2 got only the flow no hook drops" $N "${H[2]}" inet host udp
send "${H[1]}" eth0 ff:ff:ff:ff:ff:ff 192.0.2.255 7108
check_nft_count "FORWARD sees a broadcast once per egress port (p2, p3)" $((2 * N)) \
	"$SW" bridge hk fwd-bc
reset_all	# the broadcast went up br0 too
send "${H[1]}" eth0 "$MBR" 192.0.2.254 7104
send "${H[1]}" eth0 "$MBR" 192.0.2.254 7105
check_nft_count "LOCAL_IN dropped the flow to br0" $N "$SW" bridge hk in
check_nft_count "br0's stack got only the other one" $N "$SW" inet host udp
reset_all
sw mausezahn br0 -q -c $N -b "${M[2]}" -B 192.0.2.2 -t udp "sp=5000,dp=7106"
sw mausezahn br0 -q -c $N -b "${M[2]}" -B 192.0.2.2 -t udp "sp=5000,dp=7107"
check_nft_count "LOCAL_OUT dropped the host's flow to p2" $N "$SW" bridge hk out
check_nft_count "h2 got the host's other flow" $N "${H[2]}" inet host udp
sw nft delete table bridge hk

# ---- 2. ebtables nat and broute move frames ----
ebtables_skips "dnat, redirect"
for eb in $(ebtables_flavours); do
	check "$eb: dnat to h3's MAC on PREROUTING" sw "$eb" -t nat -A PREROUTING \
		-p IPv4 --ip-proto udp --ip-dport 7110 -j dnat --to-dst "${M[3]}"
	check "$eb: redirect to the bridge on PREROUTING" sw "$eb" -t nat -A PREROUTING \
		-p IPv4 --ip-proto udp --ip-dport 7111 -j redirect
	reset_all
	send "${H[1]}" eth0 "${M[2]}" 192.0.2.2 7110
	send "${H[1]}" eth0 "${M[2]}" 192.0.2.2 7111
	check_nft_count "$eb dnat: the decision follows the new MAC (h3)" $N "${H[3]}" inet host udp
	check_nft_count "$eb redirect: the frames go up br0" $N "$SW" inet host udp
	check_nft_count "$eb: h2 got none of them" 0 "${H[2]}" inet host udp
	sw "$eb" -t nat -F
done
# Frames to p1's own address are the bridge's (up br0) unless brouted:
# then they go up p1's stack (ebtables-legacy's broute table).
if [[ " $(ebtables_flavours | tr '\n' ' ') " == *" ebtables-legacy "* ]]; then
	reset_all
	send "${H[1]}" eth0 "$MP1" 192.0.2.254 7112
	check_nft_count "unbrouted, frames to p1's address go up br0" 0 "$SW" inet host p1-udp
	check "ebtables-legacy: broute a flow (DROP in BROUTING)" sw ebtables-legacy -t broute \
		-A BROUTING -p IPv4 --ip-proto udp --ip-dport 7112 -j DROP
	reset_all
	send "${H[1]}" eth0 "$MP1" 192.0.2.254 7112
	check_nft_count "brouted, they go up p1's own stack" $N "$SW" inet host p1-udp
	check_nft_count "and only there (not up br0 too)" $N "$SW" inet host udp
	sw ebtables-legacy -t broute -F
else
	skip "ebtables-legacy broute" "this kernel has no legacy ebtables"
fi

# ---- 3. rules across port changes ----
check "a rule for p3" sw nft -f - <<'EOF'
table bridge pc {
	chain c_fwd {
		type filter hook forward priority 0; policy accept;
		iifname "p3" udp dport 7120 counter comment "p3"
	}
}
EOF
send "${H[3]}" eth0 "${M[2]}" 192.0.2.2 7120
sw ip link set p3 nomaster
sw ip link set p3 master br0
sw ip link set p3 up
check "p3 forwards again" wait_for "p3 forwarding" 10 \
	bash -c "[ \"\$(ip netns exec $SW cat /sys/class/net/p3/brport/state)\" = 3 ]"
send "${H[3]}" eth0 "${M[2]}" 192.0.2.2 7120
check_nft_count "the rule matched before and after p3 left and came back" $((2 * N)) \
	"$SW" bridge pc p3
sw nft delete table bridge pc

# ---- 4. malformed frames through every hook ----
check "rules on every hook, conntrack and reject included" sw nft -f - <<'EOF'
table bridge mf {
	chain c_pre {
		type filter hook prerouting priority 0; policy accept;
		meta ibrname "br0" ip protocol tcp tcp dport 7199 reject with tcp reset
		ct state new counter
	}
	chain c_in { type filter hook input priority 0; ct state invalid counter; }
	chain c_fwd { type filter hook forward priority 0; iifname "p1" ip daddr 192.0.2.2 counter; }
	chain c_out { type filter hook output priority 0; meta oifname "p2" counter; }
	chain c_post { type filter hook postrouting priority 0; ct state established counter; }
}
EOF
PY=$(mktemp "${TMPDIR:-/tmp}/lbrt.$$.XXXXXX.py")
defer rm -f "$PY"
cat >"$PY" <<'EOF'
# Malformed IPv4/IPv6/VLAN frames for nft_hooks.sh: each kind COUNT times.
import socket, struct, sys


def mac(s):
    return bytes.fromhex(s.replace(':', ''))


def ip4(total, ihl=5, frag=0, proto=17, payload=b''):
    hdr = struct.pack('!BBHHHBBH4s4s', 0x40 | ihl, 0, total, 1, frag, 64,
                      proto, 0, socket.inet_aton('192.0.2.1'),
                      socket.inet_aton('192.0.2.2'))
    return hdr + payload


def ip6(plen, payload=b''):
    return struct.pack('!IHBB16s16s', 0x60000000, plen, 17, 64,
                       socket.inet_pton(socket.AF_INET6, '2001:db8::1'),
                       socket.inet_pton(socket.AF_INET6, '2001:db8::2')) + payload


def kinds():
    udp = struct.pack('!HHHH', 1, 7199, 8, 0)
    tcp = struct.pack('!HHIIBBHHH', 1, 7199, 0, 0, 0x50, 0x02, 512, 0, 0)
    yield 0x0800, b'\x45'                               # one byte of IPv4
    yield 0x0800, ip4(20)[:12]                          # truncated header
    yield 0x0800, ip4(40, ihl=3, payload=udp)           # ihl below 5
    yield 0x0800, ip4(1400, payload=udp)                # tot_len past the frame
    yield 0x0800, ip4(10, payload=udp)                  # tot_len below ihl
    yield 0x0800, ip4(28, ihl=15, payload=udp)          # options past tot_len
    yield 0x0800, ip4(40, frag=0x2001, payload=udp)     # a lone middle fragment
    yield 0x0800, ip4(28, frag=0x1fff, payload=udp)     # fragment at the end
    yield 0x0800, ip4(40, proto=6, payload=tcp[:10])    # truncated TCP (reject)
    yield 0x86dd, ip6(2000, udp)                        # payload_len past it
    yield 0x86dd, ip6(8)[:20]                           # truncated IPv6
    yield 0x8100, struct.pack('!H', 10)                 # a tag cut short
    yield 0x8100, struct.pack('!HH', 10, 0x8100) * 3 + struct.pack('!HH', 10, 0x0800) + ip4(9)
    yield 0x88a8, struct.pack('!HH', 10, 0x8100)        # S-tag then nothing
    yield 0x0806, b'\x00\x01\x08\x00\x06'               # truncated ARP
    yield 0x8100, struct.pack('!HH', 4095, 0x0800) + ip4(28, payload=udp)  # VID 4095
    yield 0x8100, struct.pack('!HH', 0x6000, 0x0800) + ip4(20)[:12]  # priority tag, cut IPv4
    yield 0x8100, struct.pack('!HH', 10, 0x0800) + b'\x45'  # tagged, one byte of IPv4
    yield 0x8100, struct.pack('!HH', 10, 0x86dd) + ip6(8)[:20]  # tagged, cut IPv6


def main(dev, dst, src, count):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    s.bind((dev, 0))
    for etype, payload in kinds():
        for dmac in (dst, 'ff:ff:ff:ff:ff:ff'):
            frame = mac(dmac) + mac(src) + struct.pack('!H', etype) + payload
            for _ in range(int(count)):
                s.send(frame)


main(*sys.argv[1:])
EOF
# malformed_round WHEN: the malformed frames from h1 and from the host
# (20 of each kind, unicast and broadcast), then the bridge still forwards
malformed_round() {
	check "malformed frames from h1$1" \
		ip netns exec "${H[1]}" python3 "$PY" eth0 "${M[2]}" "${M[1]}" 20
	check "malformed frames from the host through br0$1" \
		ip netns exec "$SW" python3 "$PY" br0 "${M[2]}" "$MBR" 20
	check "the bridge still forwards$1: h1 pings h2" \
		ip netns exec "${H[1]}" ping -c 2 -W 2 192.0.2.2
	check "and h1 reaches the host$1" ip netns exec "${H[1]}" ping -c 1 -W 2 192.0.2.254
}
malformed_round ""
# The same with VLAN filtering: the tags now go through ingress filtering,
# pvid and egress untagging around the hooks (VLAN 1 untagged carries the
# pings).
check "vlan_filtering 1, VLAN 10 tagged on p1, p2 and br0" bash -c "
	ip -n $SW link set br0 type bridge vlan_filtering 1 &&
	bridge -n $SW vlan add dev p1 vid 10 && bridge -n $SW vlan add dev p2 vid 10 &&
	bridge -n $SW vlan add dev br0 vid 10 self"
malformed_round " with VLAN filtering"

# ---- 5. teardown with rules loaded and traffic flowing ----
ip netns exec "${H[1]}" ping -f -w 30 192.0.2.2 >/dev/null 2>&1 &
PING=$!
defer kill "$PING"
sleep 1
check "the switch's netns goes away with rules and a flood on" ip netns del "$SW"
wait "$PING" 2>/dev/null
check "then every companion unloads" bash -c \
	"for m in lbridge_nf_conntrack lbridge_nf; do
		for i in \$(seq 50); do [ -d /sys/module/\$m ] || break; rmmod \$m 2>/dev/null && break; sleep 0.2; done
		[ ! -d /sys/module/\$m ] || exit 1
	done"

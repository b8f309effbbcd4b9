#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fdb_races.sh - user changes to an entry racing with station moves on another CPU (needs 2 guest CPUs).
#
#   h1 eth0 --- p1 --+-- br0 (netns sw)
#   h2 eth0 --- p2 --+
#
# h2 keeps sending frames from station M, so M moves to p2 (which clears
# extern_learn without the lock) right after each time the user points it
# at p1.  Meanwhile one process alternates "replace M dev p1 extern_learn"
# and "replace M dev p1" over rtnetlink and reads M back after each plain
# replace: nothing but the user sets extern_learn, so it must be clear.
# A toggle (change_bit) that lands after a move cleared the bit sets it
# again, leaving an entry that never ages.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd mausezahn python3
[ "$(nproc)" -ge 2 ] || skip_all "needs 2 guest CPUs (selftests/settings: cpus.fdb_races)"
lbr_load

ROUNDS=${LBR_RACE_ROUNDS:-60000}
# ... or as many as fit in SECS (debug kernels run it ~20x slower).
SECS=${LBR_RACE_SECS:-$((150 * ${LBR_TIMEOUT_SCALE:-1}))}
M=02:00:00:00:00:99

SW=$(ns_new sw)
# shellcheck disable=SC2034 # read as ${!h}
H1=$(ns_new h1)
H2=$(ns_new h2)
for i in 1 2; do
	h=H$i
	ip netns exec "${!h}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip link add name eth0 netns "${!h}" type veth peer name "p$i" netns "$SW"
	ip -n "${!h}" link set eth0 up
done
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n "$SW" link add br0 type bridge
for i in 1 2; do
	ip -n "$SW" link set "p$i" master br0
	ip -n "$SW" link set "p$i" up
done
ip -n "$SW" link set br0 up
check "M added on p1" bridge -n "$SW" fdb add "$M" dev p1 master

# Frames from M on p2, without end, pinned to the other CPU.
taskset -c 1 ip netns exec "$H2" mausezahn eth0 -q -c 0 -d 0 -a "$M" -b ff:ff:ff:ff:ff:ff -p 60 &
mz=$!
defer kill "$mz"

out=$(taskset -c 0 ip netns exec "$SW" python3 - "$M" "$ROUNDS" "$SECS" <<'EOF'
import socket, struct, sys, time
AF_BRIDGE, RTM_NEWNEIGH, RTM_GETNEIGH = 7, 28, 30
NLM_F_REQUEST, NLM_F_ACK, NLM_F_CREATE, NLM_F_REPLACE = 1, 4, 0x400, 0x100
NTF_MASTER, NTF_EXT_LEARNED, NUD_REACHABLE = 0x04, 0x10, 0x02
NDA_LLADDR, NDA_MASTER = 2, 9
mac = bytes.fromhex(sys.argv[1].replace(":", ""))
rounds = int(sys.argv[2])
deadline = time.monotonic() + int(sys.argv[3])
p1, br = socket.if_nametoindex("p1"), socket.if_nametoindex("br0")
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
def attr(t, payload):
    n = 4 + len(payload)
    return struct.pack("HH", n, t) + payload + b"\0" * (-n % 4)
def msg(typ, flags, ifindex, ntf, state, extra=b""):
    body = struct.pack("BxxxiHBB", AF_BRIDGE, ifindex, state, ntf, 0) + attr(NDA_LLADDR, mac) + extra
    return struct.pack("IHHII", 16 + len(body), typ, flags, 0, 0) + body
def replace(ntf):
    s.send(msg(RTM_NEWNEIGH, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE,
               p1, NTF_MASTER | ntf, NUD_REACHABLE))
    err = struct.unpack_from("i", s.recv(4096), 16)[0]
    if err:
        sys.exit("replace failed: %d" % err)
def ext_learned():
    s.send(msg(RTM_GETNEIGH, NLM_F_REQUEST, 0, 0, 0, attr(NDA_MASTER, struct.pack("I", br))))
    r = s.recv(4096)
    typ = struct.unpack_from("H", r, 4)[0]
    if typ != RTM_NEWNEIGH:
        sys.exit("get failed: %d" % struct.unpack_from("i", r, 16)[0])
    return struct.unpack_from("BxxxiHBB", r, 16)[3] & NTF_EXT_LEARNED
bad = done = 0
while done < rounds and time.monotonic() < deadline:
    replace(NTF_EXT_LEARNED)
    replace(0)
    if ext_learned():
        bad += 1
    done += 1
print(bad, done)
EOF
)
rc=$?
kill "$mz"
moves=$(ip -n "$SW" -s link show p2 | awk '/RX:/ { getline; print $2 }')
read -r bad rounds_done <<<"$out"
diag "${rounds_done:-?} of $ROUNDS rounds in at most $SECS s; p2 received $moves frames from M"
if [ $rc -ne 0 ]; then
	fail "the race loop ran" "$out"
elif [ "${rounds_done:-0}" -lt 1000 ]; then
	fail "the race loop ran at least 1000 rounds" "only $rounds_done in $SECS s"
elif [ "$bad" -eq 0 ]; then
	pass "extern_learn never survived a plain replace ($rounds_done rounds)"
else
	fail "extern_learn never survived a plain replace ($rounds_done rounds)" \
		"$bad plain replaces left M extern-learned"
fi

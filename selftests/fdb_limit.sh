#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fdb_limit.sh - fdb_max_learned/fdb_n_learned: a flood of random sources stays at the limit; user entries do not count.
#
#   h1 eth0 --- p1 --+-- br0 (netns sw, fdb_max_learned LIMIT)
#   h2 eth0 --- p2 --+
#
# The limit and the count go through sysfs and through rtnetlink
# (IFLA_BR_FDB_MAX_LEARNED / IFLA_BR_FDB_N_LEARNED, sent raw: Debian 12's
# iproute2 predates them).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd mausezahn jq python3
lbr_load

LIMIT=10000
# A debug kernel (LBR_TIMEOUT_SCALE > 1) takes milliseconds a frame: a
# tenth of the flood still overruns the limit tenfold.
if slow_kernel; then
	FLOOD=${LBR_LIMIT_FLOOD:-100000}
else
	FLOOD=${LBR_LIMIT_FLOOD:-1000000}
fi

SW=$(ns_new sw)
H1=$(ns_new h1)
H2=$(ns_new h2)
for i in 1 2; do
	h=H$i
	ip netns exec "${!h}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip link add name eth0 address "02:00:00:00:00:0$i" netns "${!h}" \
		type veth peer name "p$i" netns "$SW"
	ip -n "${!h}" addr add "192.0.2.$i/24" dev eth0
	ip -n "${!h}" link set eth0 up
done
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n "$SW" link add br0 type bridge
for i in 1 2; do
	ip -n "$SW" link set "p$i" master br0
	ip -n "$SW" link set "p$i" up
done
ip -n "$SW" link set br0 up
SYS=/sys/class/net/br0/bridge

# sysfs of the bridge, read inside its namespace.
sw_cat() { ip netns exec "$SW" cat "$SYS/$1"; }
sw_write() { ip netns exec "$SW" sh -c "echo $2 > $SYS/$1"; }
n_learned() { sw_cat fdb_n_learned; }
# Learnt (not user, not local) entries of br0, as bridge fdb lists them.
n_dynamic() {
	bridge -n "$SW" -j fdb show br br0 |
		jq '[.[] | select(.master == "br0" and (.state // "") == "" and
			((.flags // []) | index("extern_learn") | not))] | length'
}

# rtnl_br.py GET|SET [MAX]: IFLA_BR_FDB_N_LEARNED and _MAX_LEARNED of br0.
rtnl_br() {
	ip netns exec "$SW" python3 - "$@" <<'EOF'
import socket, struct, sys
IFLA_LINKINFO, IFLA_INFO_KIND, IFLA_INFO_DATA = 18, 1, 2
N_LEARNED, MAX_LEARNED = 48, 49           # upstream's numbers (6.7+)
RTM_NEWLINK, RTM_GETLINK = 16, 18
ifindex = socket.if_nametoindex("br0")
def attr(t, payload):
    n = 4 + len(payload)
    return struct.pack("HH", n, t) + payload + b"\0" * (-n % 4)
def request(kind, attrs, flags):
    body = struct.pack("BxHiII", 0, 0, ifindex, 0, 0) + attrs
    msg = struct.pack("IHHII", 16 + len(body), kind, flags | 1 | 4, 1, 0) + body
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    s.send(msg)
    return s.recv(65536)
def attrs_of(buf):
    out = {}
    while len(buf) >= 4:
        n, t = struct.unpack_from("HH", buf)
        if n < 4:
            break
        out[t & 0x3fff] = buf[4:n]
        buf = buf[(n + 3) & ~3:]
    return out
if sys.argv[1] == "GET":
    r = request(RTM_GETLINK, b"", 0)
    data = attrs_of(attrs_of(attrs_of(r[32:])[IFLA_LINKINFO])[IFLA_INFO_DATA])
    print(struct.unpack("I", data[N_LEARNED])[0], struct.unpack("I", data[MAX_LEARNED])[0])
else:
    t = N_LEARNED if sys.argv[1] == "SETN" else MAX_LEARNED
    info = attr(IFLA_INFO_KIND, b"bridge\0") + attr(IFLA_INFO_DATA, attr(t, struct.pack("I", int(sys.argv[2]))))
    r = request(RTM_NEWLINK, attr(IFLA_LINKINFO, info), 0)
    err = struct.unpack_from("i", r, 16)[0]
    print(err)
    sys.exit(0 if err == 0 else 1)
EOF
}

check "default: no limit, nothing learnt" bash -c \
	"[ \"\$(ip netns exec $SW cat $SYS/fdb_max_learned) \$(ip netns exec $SW cat $SYS/fdb_n_learned)\" = '0 0' ]"
check "limit set through sysfs" sw_write fdb_max_learned "$LIMIT"
got=$(rtnl_br GET)
check "IFLA_BR_FDB_N_LEARNED/MAX_LEARNED read back 0 $LIMIT" test "$got" = "0 $LIMIT"
check_fail "IFLA_BR_FDB_N_LEARNED cannot be set" "" rtnl_br SETN 5

# h1 and h2 are learnt first: their own later frames (ARP) then only
# refresh entries and never take a slot the test frees.
check "h1 reaches h2" ip netns exec "$H1" ping -c 1 -W 2 192.0.2.2
check "h1 and h2 learnt" test "$(n_learned)" -eq 2

# A flood of random source addresses: at most LIMIT of them are learnt.
# FDB entries and hash buckets are unreclaimable slab; MemFree also moves
# with page cache and the page allocator's per-CPU lists.
unreclaimable_kb() { awk '/^SUnreclaim:/ { print $2 }' /proc/meminfo; }
sync
echo 3 >/proc/sys/vm/drop_caches
before=$(unreclaimable_kb)
t0=$SECONDS
check "$FLOOD frames from random sources" \
	ip netns exec "$H1" mausezahn eth0 -q -c "$FLOOD" -a rand -b 02:00:00:00:00:02 -p 60
diag "flood sent in $((SECONDS - t0)) s"
echo 3 >/proc/sys/vm/drop_caches
after=$(unreclaimable_kb)
grown=$(((after - before) / 1024))
diag "unreclaimable slab grew by $grown MiB during the flood"
# Unlimited, the flood's stations take ~64 MiB (66 bytes each).  KASAN's
# redzones and quarantine make slab growth meaningless on a debug kernel.
if slow_kernel; then
	skip "memory stayed flat" "debug kernel: KASAN redzones and quarantine inflate slab"
else
	check "memory stayed flat (< 16 MiB)" test "$grown" -lt 16
fi
check "fdb_n_learned is at the limit" test "$(n_learned)" -eq "$LIMIT"
check "bridge fdb lists $LIMIT learnt entries" test "$(n_dynamic)" -eq "$LIMIT"

# A new station is not learnt at the limit, yet traffic still flows.
check "h2 still reaches h1" ip netns exec "$H2" ping -c 2 -W 2 192.0.2.1
check "a new station sends at the limit" \
	ip netns exec "$H2" mausezahn eth0 -q -c 1 -a 02:00:00:00:bb:00 -b 02:00:00:00:00:01 -p 60
check_fail "it was not learnt" "" bridge -n "$SW" fdb get 02:00:00:00:bb:00 br br0
# ...while static and user entries are still taken, and are not counted.
check "a static entry is added at the limit" \
	bridge -n "$SW" fdb add 02:00:00:00:aa:01 dev p1 master static
check "a user entry is added at the limit" \
	bridge -n "$SW" fdb add 02:00:00:00:aa:02 dev p1 master
check "user entries do not count" test "$(n_learned)" -eq "$LIMIT"
# A user taking over a learnt entry takes it out of the count.
one=$(bridge -n "$SW" -j fdb show br br0 |
	jq -r '[.[] | select(.master == "br0" and (.state // "") == "" and
		(.mac | test("^02:00:00:00:") | not))][0].mac')
check "replace learnt $one as static" bridge -n "$SW" fdb replace "$one" dev p1 master static
check "fdb_n_learned dropped by one" test "$(n_learned)" -eq $((LIMIT - 1))
check "a new station is learnt below the limit" \
	ip netns exec "$H2" mausezahn eth0 -q -c 1 -a 02:00:00:00:bb:01 -b 02:00:00:00:00:01 -p 60
check "it is in the table" wait_for "02:00:00:00:bb:01 learnt" 5 \
	bridge -n "$SW" fdb get 02:00:00:00:bb:01 br br0
check "back at the limit" test "$(n_learned)" -eq "$LIMIT"

# Flushing empties the count; netlink sets the limit too.
check "netlink sets the limit to 100" rtnl_br SET 100
check "sysfs reads 100" test "$(sw_cat fdb_max_learned)" -eq 100
check "flush" sw_write flush 1
check "fdb_n_learned is 0 after flush" test "$(n_learned)" -eq 0
check "a 1000-source flood learns 100" \
	ip netns exec "$H1" mausezahn eth0 -q -c 1000 -a rand -b 02:00:00:00:00:02 -p 60
check "fdb_n_learned is 100" test "$(n_learned)" -eq 100
check "ip -d link shows nothing new to iproute2 6.1" ip -n "$SW" -d link show br0
check "limit 0 removes it" sw_write fdb_max_learned 0
check "learning resumes: another 1000 sources" \
	ip netns exec "$H1" mausezahn eth0 -q -c 1000 -a rand -b 02:00:00:00:00:02 -p 60
check "fdb_n_learned is past 100" test "$(n_learned)" -ge 1000
check "ageing 1 s" sw_write ageing_time 100
check "count follows ageing to 0" wait_for "aged out" 20 bash -c \
	"[ \$(ip netns exec $SW cat $SYS/fdb_n_learned) -eq 0 ]"
check_fail "fdb_max_learned refuses junk" "" sw_write fdb_max_learned junk

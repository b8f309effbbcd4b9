#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fdb.sh - forwarding database: learning, moves, ageing, local, static and user entries, events, scale.
#
#   h1 eth0 (02:00:00:00:00:01) --- p1 --+
#   h2 eth0 (02:00:00:00:00:02) --- p2 --+-- br0   (netns sw)
#   h3 eth0 (02:00:00:00:00:03) --- p3 --+
#
# shellcheck disable=SC2016 # single-quoted $(fdb_port ...) runs in bash -c
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd mausezahn jq strace
lbr_load
BRCTL=/usr/sbin/brctl

SW=$(ns_new sw)
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
declare -A H
for i in 1 2 3; do
	H[$i]=$(ns_new "h$i")
	ip netns exec "${H[$i]}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip link add name eth0 address "02:00:00:00:00:0$i" netns "${H[$i]}" \
		type veth peer name "p$i" address "02:00:00:00:01:0$i" netns "$SW"
done
ip -n "$SW" link add br0 type bridge
for i in 1 2 3; do
	ip -n "$SW" link set "p$i" master br0
	ip -n "$SW" link set "p$i" up
	ip -n "${H[$i]}" link set eth0 up
done
ip -n "$SW" link set br0 up
wait_for "ports forwarding" 10 bash -c \
	"bridge -n $SW -j link show | jq -e '[.[] | select(.state == \"forwarding\")] | length == 3' >/dev/null" ||
	bail "ports did not reach forwarding"

# bridge monitor records every FDB event of this test.
MON=$(mktemp)
ip netns exec "$SW" bridge monitor fdb >"$MON" 2>&1 &
MONPID=$!
defer rm -f "$MON"
defer kill "$MONPID"
# The monitor has subscribed once it reports a probe entry coming and going.
mon_ready() {
	bridge -n "$SW" fdb add 02:00:00:00:00:ee dev p1 master static 2>/dev/null
	bridge -n "$SW" fdb del 02:00:00:00:00:ee dev p1 master 2>/dev/null
	grep -q '^Deleted 02:00:00:00:00:ee dev p1 master br0 static' "$MON"
}
wait_for "bridge monitor to subscribe" 10 mon_ready || bail "bridge monitor fdb reports nothing"

send() { # send HOST SRC [DST]
	ip netns exec "${H[$1]}" mausezahn eth0 -q -c 1 -a "$2" -b "${3:-ff:ff:ff:ff:ff:ff}" -p 60
}
# fdb_port MAC: the port the VLAN-less entry for MAC points to (empty if none).
# (bridge.ko also lists user and local entries once more with "vlan 1", the
# default PVID every port has even with vlan_filtering 0; lbridge has no VLANs.)
fdb_port() {
	bridge -n "$SW" -j fdb show br br0 |
		jq -r --arg m "$1" '.[] | select(.mac == $m and .master == "br0" and (.vlan // 0) == 0) | .ifname'
}
fdb_state() {
	bridge -n "$SW" -j fdb show br br0 |
		jq -r --arg m "$1" '.[] | select(.mac == $m and .master == "br0" and (.vlan // 0) == 0) | .state'
}
# nl_errno ERRNO CMD...: CMD fails and the kernel's netlink ack says -ERRNO
# (iproute2 prints an extack message instead of the errno when there is one).
nl_errno() {
	local errno=$1 out
	shift
	if out=$(strace -f -e trace=recvmsg -e signal=none "$@" 2>&1); then
		printf '%s\n' "$out" | tail -n 5
		return 1
	fi
	grep -q "error=-$errno," <<<"$out" && return 0
	printf '%s\n' "$out" | tail -n 5
	return 1
}
tx() { ip -n "$SW" -s -j link show dev "$1" | jq '.[0].stats64.tx.packets'; }
# tx_sum: frames p1..p3 have sent in all
tx_sum() {
	ip -n "$SW" -s -j link show | jq '[.[] | select(.ifname | test("^p[123]$")) | .stats64.tx.packets] | add'
}
tx_sum_above() { [ "$(tx_sum)" -gt "$1" ]; }
# flooded HOST SRC: HOST broadcasts one frame from SRC; return once the bridge
# has flooded it, so that whatever it learnt from the frame is in the table.
flooded() {
	local before
	before=$(tx_sum)
	send "$1" "$2"
	wait_for "the broadcast from $2 to be flooded" 5 tx_sum_above "$before" ||
		fail "h$1's broadcast from $2 is flooded"
}
export SW
export -f fdb_port

# Local entries for the ports' own MACs (the bridge takes the lowest one).
check "the ports' MACs are local (permanent) entries" bash -c \
	"[ \"\$(bridge -n $SW fdb show br br0 | grep -c '02:00:00:00:01:0[123] dev p[123] master br0 permanent')\" = 3 ]"
check "the bridge took the lowest port MAC" bash -c \
	"ip -n $SW link show br0 | grep -q 'link/ether 02:00:00:00:01:01'"

# Learning
send 1 02:00:00:00:00:01
check "source MAC learnt on its ingress port" wait_for "learn on p1" 5 \
	bash -c '[ "$(fdb_port 02:00:00:00:00:01)" = p1 ]'
check "learnt entry is dynamic (no state flag)" test -z "$(fdb_state 02:00:00:00:00:01)"
check "bridge monitor saw the learn" wait_for "monitor learn" 5 \
	grep -q '^02:00:00:00:00:01 dev p1 master br0' "$MON"

# Station move
send 3 02:00:00:00:00:01
check "station move: the entry follows the MAC to p3" wait_for "move to p3" 5 \
	bash -c '[ "$(fdb_port 02:00:00:00:00:01)" = p3 ]'
check "bridge monitor saw the move" wait_for "monitor move" 5 \
	grep -q '^02:00:00:00:00:01 dev p3 master br0' "$MON"

# Own address as source: never learnt away from the local entry
flooded 2 02:00:00:00:01:01
check "a frame with a port's own MAC does not move its local entry" \
	bash -c "bridge -n $SW fdb show br br0 | grep -q '02:00:00:00:01:01 dev p1 master br0 permanent'"

# brctl showmacs
send 2 02:00:00:00:00:02
wait_for "learn on p2" 5 bash -c '[ "$(fdb_port 02:00:00:00:00:02)" = p2 ]'
SHOW=$(ip netns exec "$SW" $BRCTL showmacs br0)
check "showmacs header" bash -c "head -n1 <<<'$SHOW' | grep -qP '^port no\tmac addr\t\tis local\?\tageing timer$'"
check "showmacs: local entry line" bash -c "grep -qP '^  1\t02:00:00:00:01:01\tyes\t\t   0\.00$' <<<'$SHOW'"
check "showmacs: learnt entry line" bash -c "grep -qP '^  2\t02:00:00:00:00:02\tno\t\t +[0-9]+\.[0-9]{2}$' <<<'$SHOW'"

# User entries
check "bridge fdb add ... master static" bridge -n "$SW" fdb add 02:00:00:00:00:aa dev p2 master static
check "static entry is reported static" test "$(fdb_state 02:00:00:00:00:aa)" = static
check "bridge fdb add ... master (default) makes a permanent entry" \
	bridge -n "$SW" fdb add 02:00:00:00:00:bb dev p2 master
check "default add is permanent (local)" test "$(fdb_state 02:00:00:00:00:bb)" = permanent
check "adding an existing entry again fails with EEXIST" \
	nl_errno EEXIST bridge -n "$SW" fdb add 02:00:00:00:00:aa dev p2 master static
check "bridge fdb replace moves a static entry" \
	bridge -n "$SW" fdb replace 02:00:00:00:00:aa dev p3 master static
check "replaced entry points to p3" test "$(fdb_port 02:00:00:00:00:aa)" = p3
check "sticky with the default permanent state is refused with EINVAL" \
	nl_errno EINVAL bridge -n "$SW" fdb add 02:00:00:00:00:cc dev p2 master sticky
check "... but static sticky is accepted" \
	bridge -n "$SW" fdb add 02:00:00:00:00:cc dev p2 master static sticky
check "a static sticky entry is reported static and sticky" bash -c \
	"bridge -n $SW -j fdb show br br0 | jq -e '.[] | select(.mac == \"02:00:00:00:00:cc\" and .ifname == \"p2\" and .state == \"static\" and (.flags | index(\"sticky\")))' >/dev/null"
# Static entries roam like learnt ones (br_fdb_update moves any non-local,
# non-sticky entry); sticky ones stay.
check "bridge fdb add ... master static (to be roamed)" \
	bridge -n "$SW" fdb add 02:00:00:00:00:ab dev p2 master static
flooded 1 02:00:00:00:00:cc
check "a sticky entry does not move when its MAC shows up on another port" \
	test "$(fdb_port 02:00:00:00:00:cc)" = p2
flooded 1 02:00:00:00:00:ab
check "a static entry without sticky moves (as in-tree)" test "$(fdb_port 02:00:00:00:00:ab)" = p1
check "... and stays static" test "$(fdb_state 02:00:00:00:00:ab)" = static
# A move sets the port and clears extern_learn in one step (lbr_fdb_set_dst).
check "bridge fdb add ... master extern_learn (to be roamed)" \
	bridge -n "$SW" fdb add 02:00:00:00:00:ac dev p2 master extern_learn
check "an extern_learn entry is reported extern_learn" bash -c \
	"bridge -n $SW -j fdb show br br0 | jq -e '.[] | select(.mac == \"02:00:00:00:00:ac\" and .ifname == \"p2\" and (.flags | index(\"extern_learn\")))' >/dev/null"
flooded 1 02:00:00:00:00:ac
check "an extern_learn entry moves with its MAC, and loses extern_learn" bash -c \
	"bridge -n $SW -j fdb show br br0 | jq -e '.[] | select(.mac == \"02:00:00:00:00:ac\" and .ifname == \"p1\" and ((.flags // []) | index(\"extern_learn\") | not))' >/dev/null"
check "delete the roamed extern_learn entry" bridge -n "$SW" fdb del 02:00:00:00:00:ac dev p1 master
check "delete the sticky and the roamed entries" bash -c \
	"bridge -n $SW fdb del 02:00:00:00:00:cc dev p2 master && bridge -n $SW fdb del 02:00:00:00:00:ab dev p1 master"
check "the zero MAC is refused with EINVAL" \
	nl_errno EINVAL bridge -n "$SW" fdb add 00:00:00:00:00:00 dev p2 master static
check "bridge fdb get finds a static entry" bash -c \
	"bridge -n $SW fdb get 02:00:00:00:00:aa br br0 | grep -q '02:00:00:00:00:aa dev p3 master br0 static'"
check "bridge fdb get of a missing entry fails with ENOENT" \
	nl_errno ENOENT bridge -n "$SW" fdb get 02:00:00:00:00:dd br br0
check "bridge fdb del" bridge -n "$SW" fdb del 02:00:00:00:00:bb dev p2 master
check "deleted entry is gone" test -z "$(fdb_port 02:00:00:00:00:bb)"
check "deleting it again fails with ENOENT" nl_errno ENOENT bridge -n "$SW" fdb del 02:00:00:00:00:bb dev p2 master
check "bridge monitor saw the delete" wait_for "monitor delete" 5 \
	grep -q '^Deleted 02:00:00:00:00:bb dev p2 master br0 permanent' "$MON"

# A static entry steers traffic: frames to it go to p3 only.
b2=$(tx p2)
b3=$(tx p3)
ip netns exec "${H[1]}" mausezahn eth0 -q -c 3 -a 02:00:00:00:00:01 -b 02:00:00:00:00:aa -p 60
check "frames to a static entry reach its port" wait_for "static forwarding" 5 \
	bash -c "[ \$(ip -n $SW -s -j link show dev p3 | jq '.[0].stats64.tx.packets') -ge $((b3 + 3)) ]"
check "... and no other port" test "$(tx p2)" -eq "$b2"

# Ageing: 2 s; dynamic entries go, static and local ones stay.
check "a learnt entry is present before ageing" test "$(fdb_port 02:00:00:00:00:02)" = p2
check "ageing_time 200 (2 s)" ip -n "$SW" link set br0 type bridge ageing_time 200
check "dynamic entries age out" wait_for "age out" 15 \
	bash -c '[ -z "$(fdb_port 02:00:00:00:00:02)" ]'
check "bridge monitor saw the age-out" wait_for "monitor age-out" 5 \
	grep -q '^Deleted 02:00:00:00:00:02 dev p2 master br0' "$MON"
check "static entries do not age" test "$(fdb_port 02:00:00:00:00:aa)" = p3
check "local entries do not age" test "$(fdb_port 02:00:00:00:01:02)" = p2

# ageing_time 0: never learn, always flood.
check "ageing_time 0" ip -n "$SW" link set br0 type bridge ageing_time 0
flooded 2 02:00:00:00:00:22
flooded 1 02:00:00:00:00:01
check "nothing is learnt with ageing_time 0" bash -c \
	"! bridge -n $SW fdb show br br0 | grep -qE '02:00:00:00:00:(22|01) '"
b3=$(tx p3)
ip netns exec "${H[1]}" mausezahn eth0 -q -c 3 -a 02:00:00:00:00:01 -b 02:00:00:00:00:22 -p 60
check "with ageing_time 0 unicast is flooded" wait_for "flood" 5 \
	bash -c "[ \$(ip -n $SW -s -j link show dev p3 | jq '.[0].stats64.tx.packets') -ge $((b3 + 3)) ]"

# Flush
ip -n "$SW" link set br0 type bridge ageing_time 30000
send 2 02:00:00:00:00:02
wait_for "relearn" 5 bash -c '[ "$(fdb_port 02:00:00:00:00:02)" = p2 ]'
check "sysfs bridge/flush" ip netns exec "$SW" sh -c 'echo 1 > /sys/class/net/br0/bridge/flush'
check "flush removed the dynamic entry" test -z "$(fdb_port 02:00:00:00:00:02)"
check "flush kept the static entry" test "$(fdb_port 02:00:00:00:00:aa)" = p3

# Port removal removes its entries, static ones included.
check "ip link set p3 nomaster" ip -n "$SW" link set p3 nomaster
check "the port's static entry went with it" test -z "$(fdb_port 02:00:00:00:00:aa)"
check "the port's local entry went with it" test -z "$(fdb_port 02:00:00:00:01:03)"

# Scale: thousands of stations, enough that a dump takes several netlink
# parts and the table resizes while learning; every listing must show each
# station exactly once, and flushing, ageing and port removal must find all.
N=4096
# burst N: h1 sends N broadcasts from sources 02:5c:00:00:00:00 onwards
BURST='import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
for i in range(int(sys.argv[1])):
    s.send(b"\xff" * 6 + bytes([2, 0x5c, 0, 0, i >> 8, i & 255]) +
           b"\x88\xb5" + bytes(46))'
# RECS brforward|ioctl: the MAC of every record brforward (read a page at a
# time at record offsets, as brctl does) or BRCTL_GET_FDB_ENTRIES gives
RECS='import ctypes, fcntl, os, socket, struct, sys
def out(b):
    for i in range(0, len(b), 16):
        print(b[i:i + 6].hex(":"))
off = 0
if sys.argv[1] == "brforward":
    fd = os.open("/sys/class/net/br0/brforward", os.O_RDONLY)
    while b := os.pread(fd, 4096, off):
        out(b)
        off += len(b)
else:
    s = socket.socket()
    buf = ctypes.create_string_buffer(4096)
    while True:
        args = (ctypes.c_ulong * 4)(18, ctypes.addressof(buf), 256, off)
        ifr = bytearray(struct.pack("16sQ16x", b"br0", ctypes.addressof(args)))
        n = fcntl.ioctl(s, 0x89F0, ifr)
        if n <= 0:
            break
        out(buf.raw[:16 * n])
        off += n'
burst() { ip netns exec "${H[1]}" python3 -c "$BURST" "$1"; }
# stations VIA: "TOTAL UNIQUE" count of 02:5c:... MACs listed by VIA
# (show: bridge fdb show; brforward; ioctl)
stations() {
	local list
	case $1 in
	show) list=$(bridge -n "$SW" fdb show br br0 | cut -d' ' -f1) ;;
	*) list=$(ip netns exec "$SW" python3 -c "$RECS" "$1") ;;
	esac || return 1
	list=$(grep '^02:5c:' <<<"$list")
	echo "$(grep -c . <<<"$list") $(sort -u <<<"$list" | grep -c .)"
}
stations_are() { # stations_are VIA TOTAL: TOTAL listed, each once
	local got
	got=$(stations "$1") || return 1
	[ "$got" = "$2 $2" ] || { echo "$1: total, unique: $got; expected $2"; return 1; }
}
burst $N
check "$N stations learnt: bridge fdb show lists each once" \
	wait_for "$N stations" 20 stations_are show $N
check "... brforward lists each once" stations_are brforward $N
check "... BRCTL_GET_FDB_ENTRIES lists each once" stations_are ioctl $N
check "... they point to p1" bash -c \
	"[ \$(bridge -n $SW fdb show br br0 brport p1 | grep -c '^02:5c:') = $N ]"
check "sysfs bridge/flush with $N stations" \
	ip netns exec "$SW" sh -c 'echo 1 > /sys/class/net/br0/bridge/flush'
check "flush forgot all $N" stations_are show 0
check "flush kept the static and local entries" bash -c \
	"[ \"\$(fdb_port 02:00:00:00:01:01)\" = p1 ] && [ \"\$(fdb_port 02:00:00:00:01:02)\" = p2 ]"
burst $N
wait_for "$N stations again" 20 stations_are show $N
check "ageing_time 200 with $N stations" ip -n "$SW" link set br0 type bridge ageing_time 200
check "all $N age out" wait_for "ageing $N" 30 stations_are show 0
ip -n "$SW" link set br0 type bridge ageing_time 30000
burst $N
wait_for "$N stations a third time" 20 stations_are show $N
check "ip link set p1 nomaster with $N stations behind it" ip -n "$SW" link set p1 nomaster
check "all $N went with the port" stations_are show 0
check "... brforward agrees" stations_are brforward 0

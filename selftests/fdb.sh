#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fdb.sh - forwarding database: learning, moves, ageing, local, static and user entries, events.
#
#   h1 eth0 (02:00:00:00:00:01) --- p1 --+
#   h2 eth0 (02:00:00:00:00:02) --- p2 --+-- br0   (netns sw)
#   h3 eth0 (02:00:00:00:00:03) --- p3 --+
#
# shellcheck disable=SC2016 # single-quoted $(fdb_port ...) runs in bash -c
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd mausezahn jq
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
defer kill "$MONPID"

send() { # send HOST SRC [DST]
	ip netns exec "${H[$1]}" mausezahn eth0 -q -c 1 -a "$2" -b "${3:-ff:ff:ff:ff:ff:ff}" -p 60
}
# fdb_port MAC: the port an entry points to (empty if none)
fdb_port() {
	bridge -n "$SW" -j fdb show br br0 | jq -r --arg m "$1" '.[] | select(.mac == $m and .master == "br0") | .ifname'
}
fdb_state() {
	bridge -n "$SW" -j fdb show br br0 | jq -r --arg m "$1" '.[] | select(.mac == $m and .master == "br0") | .state'
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
send 2 02:00:00:00:01:01
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
check_fail "adding an existing entry again fails" EEXIST \
	bridge -n "$SW" fdb add 02:00:00:00:00:aa dev p2 master static
check "bridge fdb replace moves a static entry" \
	bridge -n "$SW" fdb replace 02:00:00:00:00:aa dev p3 master static
check "replaced entry points to p3" test "$(fdb_port 02:00:00:00:00:aa)" = p3
check_fail "sticky with the default permanent state is refused" "cannot be permanent" \
	bridge -n "$SW" fdb add 02:00:00:00:00:cc dev p2 master sticky
check_fail "the zero MAC is refused" "all zeroes" \
	bridge -n "$SW" fdb add 00:00:00:00:00:00 dev p2 master static
check "bridge fdb get finds a static entry" bash -c \
	"bridge -n $SW fdb get 02:00:00:00:00:aa br br0 | grep -q '02:00:00:00:00:aa dev p3 master br0 static'"
check_fail "bridge fdb get of a missing entry" "" \
	bridge -n "$SW" fdb get 02:00:00:00:00:dd br br0
check "bridge fdb del" bridge -n "$SW" fdb del 02:00:00:00:00:bb dev p2 master
check "deleted entry is gone" test -z "$(fdb_port 02:00:00:00:00:bb)"
check_fail "deleting it again fails" ENOENT bridge -n "$SW" fdb del 02:00:00:00:00:bb dev p2 master
check "bridge monitor saw the delete" wait_for "monitor delete" 5 \
	grep -q '^Deleted 02:00:00:00:00:bb dev p2 master br0 permanent' "$MON"

# A static entry steers traffic: frames to it go to p3 only.
tx() { ip -n "$SW" -s -j link show dev "$1" | jq '.[0].stats64.tx.packets'; }
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
send 2 02:00:00:00:00:22
send 1 02:00:00:00:00:01
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

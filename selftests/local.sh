#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# local.sh - the bridge as a host and how it follows its ports: delivery up, MAC, MTU, carrier, unregister.
#
#   h1 eth0 192.0.2.1 --- p1 --+
#                              br0 192.0.2.254   (netns sw)
#   h2 eth0 192.0.2.2 --- p2 --+
#
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq mausezahn
lbr_load

SW=$(ns_new sw)
H1=$(ns_new h1)
H2=$(ns_new h2)
OTHER=$(ns_new other)
# No IPv6: the tx counters below must only see what the test sends.
for ns in "$SW" "$H1" "$H2"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
# Nor IGMP reports for link-local groups: a snooping bridge joins the
# all-snoopers group (224.0.0.106) when it comes up, as in-tree, and the
# host would report it through the ports at some random moment.
ip netns exec "$SW" sysctl -qw net.ipv4.igmp_link_local_mcast_reports=0
ip link add name eth0 netns "$H1" type veth peer name p1 address 02:00:00:00:01:0a netns "$SW"
ip link add name eth0 netns "$H2" type veth peer name p2 address 02:00:00:00:01:05 netns "$SW"
ip -n "$H1" addr add 192.0.2.1/24 dev eth0
ip -n "$H2" addr add 192.0.2.2/24 dev eth0
ip -n "$H1" link set eth0 up
ip -n "$H2" link set eth0 up
ip -n "$SW" link add br0 type bridge
ip -n "$SW" link set p1 master br0
ip -n "$SW" link set p2 master br0
ip -n "$SW" link set p1 up
ip -n "$SW" link set p2 up
ip -n "$SW" link set br0 up
ip -n "$SW" addr add 192.0.2.254/24 dev br0

brmac() { ip -n "$SW" -j link show br0 | jq -r '.[0].address'; }
brmtu() { ip -n "$SW" -j link show br0 | jq -r '.[0].mtu'; }
lower_up() { ip -n "$SW" -j link show br0 | jq -e '.[0].flags | index("LOWER_UP")' >/dev/null; }
export SW
export -f lower_up

wait_for "ports forwarding" 10 bash -c \
	"bridge -n $SW -j link show | jq -e '[.[] | select(.state == \"forwarding\")] | length == 2' >/dev/null" ||
	bail "ports did not reach forwarding"

# The host's own frames (sent on br0) are forwarded like received ones: known
# unicast to its port only, broadcast and unknown unicast to every port.
# Locally sent broadcast and multicast ignore bcast_flood/mcast_flood
# (br_flood: "skb->dev != br->dev"), unknown unicast honours flood.  Sending
# on br0 is synchronous, and nothing else talks yet (no IP traffic so far).
N=3
tx_pair() { # tx packets of p1 and p2
	ip -n "$SW" -s -j link show | jq -r \
		'[.[] | select(.ifname == "p1" or .ifname == "p2")] | sort_by(.ifname) | map(.stats64.tx.packets) | join(" ")'
}
host_case() { # host_case NAME DST "D1 D2"
	local b a
	read -r -a b <<<"$(tx_pair)"
	ip netns exec "$SW" mausezahn br0 -q -c "$N" -b "$2" -p 60
	read -r -a a <<<"$(tx_pair)"
	if [ "$((a[0] - b[0])) $((a[1] - b[1]))" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "expected tx deltas p1 p2: $3" "got: $((a[0] - b[0])) $((a[1] - b[1]))"
	fi
}
bridge -n "$SW" fdb add 02:00:00:00:00:b2 dev p2 master static
host_case "the host's known unicast goes to its port only" 02:00:00:00:00:b2 "0 $N"
host_case "the host's broadcast floods to every port" ff:ff:ff:ff:ff:ff "$N $N"
host_case "the host's unknown unicast floods to every port" 02:00:00:00:00:99 "$N $N"
check "flood, mcast_flood and bcast_flood off on p1" \
	bridge -n "$SW" link set dev p1 flood off mcast_flood off bcast_flood off
host_case "the host's broadcast ignores bcast_flood" ff:ff:ff:ff:ff:ff "$N $N"
host_case "the host's multicast ignores mcast_flood" 01:00:5e:00:00:fb "$N $N"
host_case "the host's unknown unicast honours flood" 02:00:00:00:00:99 "0 $N"
bridge -n "$SW" link set dev p1 flood on mcast_flood on bcast_flood on
bridge -n "$SW" fdb del 02:00:00:00:00:b2 dev p2 master static

# Local delivery and the host's own traffic.
check "a host pings the bridge's own IP" \
	wait_for "ping br0" 10 ip netns exec "$H1" ping -c 1 -W 2 192.0.2.254
check "the bridge's host pings h2 (frames sent out of br0)" \
	ip netns exec "$SW" ping -c 1 -W 2 192.0.2.2
check "the bridge's host pings h1" ip netns exec "$SW" ping -c 1 -W 2 192.0.2.1
check "br0 counts what it delivered up" bash -c \
	"[ \$(ip -n $SW -s -j link show br0 | jq '.[0].stats64.rx.packets') -gt 0 ]"
check "br0 counts what it sent" bash -c \
	"[ \$(ip -n $SW -s -j link show br0 | jq '.[0].stats64.tx.packets') -gt 0 ]"

# MAC: the numerically lowest port MAC unless the user set one.
check "bridge MAC is the lowest port MAC" test "$(brmac)" = 02:00:00:00:01:05
check "bridge id follows" bash -c \
	"[ \$(ip netns exec $SW cat /sys/class/net/br0/bridge/bridge_id) = 8000.020000000105 ]"
check "a port changes to a lower MAC" ip -n "$SW" link set p1 address 02:00:00:00:01:01
check "bridge MAC follows the new lowest" test "$(brmac)" = 02:00:00:00:01:01
check "the port's new MAC is a local FDB entry" bash -c \
	"bridge -n $SW fdb show br br0 | grep -q '02:00:00:00:01:01 dev p1 master br0 permanent'"
check "the port's old MAC is no longer local" bash -c \
	"! bridge -n $SW fdb show br br0 | grep -q '02:00:00:00:01:0a'"
check "ip link set br0 address (user MAC)" ip -n "$SW" link set br0 address 02:00:00:00:0f:0f
check "bridge keeps the user MAC" test "$(brmac)" = 02:00:00:00:0f:0f
check "the user MAC is local (frames to it go up)" bash -c \
	"bridge -n $SW fdb show | grep -q '02:00:00:00:0f:0f dev br0 master br0 permanent'"
ip -n "$SW" link set p2 address 02:00:00:00:00:01
check "a lower port MAC no longer changes a user-set bridge MAC" test "$(brmac)" = 02:00:00:00:0f:0f
# h1 may still cache an address no port owns any more: forget it, as the
# in-tree bridge would need too.
ip -n "$H1" neigh flush all
check "ping still works after the MAC changes" \
	wait_for "ping after MAC change" 10 ip netns exec "$H1" ping -c 1 -W 2 192.0.2.254

# MTU: minimum of the ports, following port changes.
check "bridge MTU starts at 1500" test "$(brmtu)" = 1500
check "ip link set p1 mtu 1400" ip -n "$SW" link set p1 mtu 1400
check "bridge MTU follows the smallest port" test "$(brmtu)" = 1400
check "p1 back to 1500" ip -n "$SW" link set p1 mtu 1500
check "bridge MTU goes back up" test "$(brmtu)" = 1500

# Carrier: on while a port forwards.
check "br0 has carrier" lower_up
ip -n "$H1" link set eth0 down
ip -n "$H2" link set eth0 down
check "p1 is disabled without carrier" wait_for "p1 disabled" 5 bash -c \
	"[ \$(ip netns exec $SW cat /sys/class/net/p1/brport/state) = 0 ]"
check "br0 loses carrier when no port forwards" wait_for "no carrier" 5 bash -c '! lower_up'
ip -n "$H2" link set eth0 up
check "br0 regains carrier when a port forwards" wait_for "carrier" 5 lower_up
check "p2 forwards again" bash -c "[ \$(ip netns exec $SW cat /sys/class/net/p2/brport/state) = 3 ]"
ip -n "$H1" link set eth0 up

# Port unregister and netns move.
check "ip link del of a port device" ip -n "$H2" link del eth0
check "the port is gone from brif/" bash -c "! ip netns exec $SW test -e /sys/class/net/br0/brif/p2"
check "and from bridge link" bash -c "! bridge -n $SW link show | grep -q ' p2'"
check "moving a port to another netns" ip -n "$SW" link set p1 netns "$OTHER"
check "detaches it" bash -c "! ip -n $OTHER link show p1 | grep -q master"
check "br0 has no ports left" bash -c "[ -z \"\$(ip netns exec $SW ls /sys/class/net/br0/brif)\" ]"
check "br0 has no carrier without ports" wait_for "no carrier" 5 bash -c '! lower_up'
check_fail "a bridge cannot change netns" "" ip -n "$SW" link set br0 netns "$OTHER"

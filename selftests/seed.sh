#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# seed.sh - the seed scenario: two hosts bridged with brctl, then with ip link, ping both ways.
#
#   net1: eth0 192.0.2.101 ---- veth1_p --+
#                                         br0  (netns sw)
#   net2: eth0 192.0.2.102 ---- veth2_p --+
#
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
lbr_load
BRCTL=/usr/sbin/brctl

N1=$(ns_new net1)
N2=$(ns_new net2)
SW=$(ns_new sw)
veth_pair "$N1" eth0 "$SW" veth1_p
veth_pair "$N2" eth0 "$SW" veth2_p
ip -n "$N1" addr add 192.0.2.101/24 dev eth0
ip -n "$N2" addr add 192.0.2.102/24 dev eth0

sw() { ip netns exec "$SW" "$@"; }
ping1() { ip netns exec "$1" ping -c 1 -W 3 "$2"; }

# --- bridge-utils path ---
check "brctl addbr br0" sw $BRCTL addbr br0
check "brctl addif br0 veth1_p" sw $BRCTL addif br0 veth1_p
check "brctl addif br0 veth2_p" sw $BRCTL addif br0 veth2_p
check "br0 up" ip -n "$SW" link set br0 up
check "ip -d link show br0 has a bridge block" \
	bash -c "ip -n $SW -d link show br0 | grep -q 'bridge forward_delay'"
check "veth1_p has master br0" \
	bash -c "ip -n $SW link show veth1_p | grep -q 'master br0'"
check "ports forwarding" wait_for "ports forwarding" 10 bash -c \
	"[ \$(ip netns exec $SW cat /sys/class/net/veth1_p/brport/state) = 3 ]"
check "net1 pings 192.0.2.102 through the brctl bridge" ping1 "$N1" 192.0.2.102
check "net2 pings 192.0.2.101 through the brctl bridge" ping1 "$N2" 192.0.2.101
check "brctl show lists both ports" bash -c \
	"ip netns exec $SW $BRCTL show br0 | tr -s '\t' ' ' | grep -q 'br0 8000\.[0-9a-f]\{12\} no veth1_p' && ip netns exec $SW $BRCTL show br0 | grep -q veth2_p"
check "brctl delif br0 veth2_p" sw $BRCTL delif br0 veth2_p
check_fail "no ping once veth2_p left the bridge" "" ping1 "$N1" 192.0.2.102
check "ip link set br0 down" ip -n "$SW" link set br0 down
check "brctl delbr br0" sw $BRCTL delbr br0
check "br0 is gone" bash -c "! ip -n $SW link show br0 2>/dev/null"
check "veth1_p has no master any more" \
	bash -c "! ip -n $SW link show veth1_p | grep -q master"

# --- iproute2 path ---
check "ip link add br0 type bridge" ip -n "$SW" link add br0 type bridge
check "ip link set veth1_p master br0" ip -n "$SW" link set veth1_p master br0
check "ip link set veth2_p master br0" ip -n "$SW" link set veth2_p master br0
check "ip link set br0 up" ip -n "$SW" link set br0 up
check "net1 pings 192.0.2.102 through the ip bridge" \
	wait_for "ping over the ip bridge" 10 ping1 "$N1" 192.0.2.102
check "net2 pings 192.0.2.101 through the ip bridge" ping1 "$N2" 192.0.2.101
check "bridge link lists veth2_p" bash -c \
	"bridge -n $SW -j link show | jq -e '.[] | select(.ifname == \"veth2_p\" and .master == \"br0\")' >/dev/null"
check "ip link set veth2_p nomaster" ip -n "$SW" link set veth2_p nomaster
check "bridge link no longer lists veth2_p" bash -c \
	"! bridge -n $SW -j link show | jq -e '.[] | select(.ifname == \"veth2_p\")' >/dev/null"
check_fail "no ping once veth2_p is nomaster" "" ping1 "$N1" 192.0.2.102
check "ip link del br0" ip -n "$SW" link del br0
check "br0 is gone after ip link del" bash -c "! ip -n $SW link show br0 2>/dev/null"
check "veth1_p is free again" bash -c "! ip -n $SW link show veth1_p | grep -q master"

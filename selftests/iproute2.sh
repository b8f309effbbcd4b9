#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# iproute2.sh - ip link (kind bridge, bridge_slave), bridge link/fdb/monitor: defaults, round trips, refusals by name, output formats.
#
#   h1: eth0 02:00:00:00:00:01 --- v0 02:00:00:00:01:00 --+
#                                                         +-- br0   (netns sw)
#                                  v1 02:00:00:00:01:01 --+
#                                  v2 02:00:00:00:01:02       (spare)
#   (v1's and v2's peers p1, p2 are up in sw)
#
# ip and bridge are the oracle: JSON fields via jq, plain-text lines by
# regex (ABI.md sections 3, 7.1); strace reads the errno of a refusal off
# the wire, as ip prints only the extack message when there is one.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq strace
lbr_load

SW=$(ns_new sw)
H1=$(ns_new h1)
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec "$H1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
ip link add name eth0 address 02:00:00:00:00:01 netns "$H1" \
	type veth peer name v0 address 02:00:00:00:01:00 netns "$SW"
for i in 1 2; do
	ip -n "$SW" link add "v$i" address "02:00:00:00:01:0$i" type veth peer name "p$i"
	ip -n "$SW" link set "p$i" up
done
ip -n "$H1" addr add 192.0.2.1/24 dev eth0
ip -n "$H1" link set eth0 up

ipsw() { ip -n "$SW" "$@"; }
brsw() { bridge -n "$SW" "$@"; }
# jqe DEV FILTER: ip -d -j link show DEV | jq -e FILTER, FILTER applied to .[0]
jqe() {
	local out
	out=$(ip -n "$SW" -d -j link show dev "$1") || return 1
	jq -e ".[0] | $2" <<<"$out" >/dev/null || { jq -c '.[0].linkinfo' <<<"$out"; return 1; }
}
# bridge data without the timers, to compare before and after a refusal
brdata() { ip -n "$SW" -d -j link show dev br0 | jq -cS '.[0].linkinfo.info_data | del(.gc_timer, .hello_timer, .tcn_timer, .topology_change_timer)'; }
sysv() { ip netns exec "$SW" cat "/sys/class/net/$1"; }
# has_line ERE CMD...: a line of CMD's output matches ERE (output shown on failure).
has_line() {
	local re=$1 out
	shift
	out=$("$@" 2>&1) || { echo "$out"; return 1; }
	grep -Eq -- "$re" <<<"$out" || { echo "no line matching: $re"; echo "$out"; return 1; }
}
# refused TEXT CMD...: CMD fails, TEXT (an option's name or strerror) is on
# stderr, and br0 is unchanged.
refused() {
	local name=$1 before after rc=0 err
	shift
	before=$(brdata)
	err=$("$@" 2>&1 >/dev/null) || rc=$?
	after=$(brdata)
	echo "exit status $rc; stderr: $err"
	[ $rc != 0 ] || { echo "unexpectedly succeeded"; return 1; }
	grep -qF -- "$name" <<<"$err" || { echo "stderr does not name $name"; return 1; }
	[ "$before" = "$after" ] || { echo "changed:"; diff <(echo "$before" | jq .) <(echo "$after" | jq .); return 1; }
}

TRACE=$(mktemp)
defer rm -f "$TRACE"
# nl_errno ERRNO CMD...: CMD fails, and the kernel's answer to its request
# (the last NLMSG_ERROR strace decodes) carries -ERRNO.
nl_errno() {
	local want=$1 rc=0 got
	shift
	strace -f -qq -e trace=recvmsg -o "$TRACE" "$@" >/dev/null 2>&1 || rc=$?
	[ $rc != 0 ] || { echo "unexpectedly succeeded"; return 1; }
	got=$(grep -o 'error=-E[A-Z0-9]*' "$TRACE" | tail -n 1)
	[ "$got" = "error=-$want" ] || { echo "netlink error ${got#error=}, expected -$want"; return 1; }
}

# ---- ip link: kind bridge ----
check "ip link add br0 type bridge" ipsw link add br0 type bridge
check "ip -d -j: kind bridge, defaults" jqe br0 '.linkinfo.info_kind == "bridge" and
	(.linkinfo.info_data | .forward_delay == 1500 and .hello_time == 200 and
	 .max_age == 2000 and .ageing_time == 30000 and .stp_state == 0 and
	 .priority == 32768 and .vlan_filtering == 0 and .group_fwd_mask == "0" and
	 .group_addr == "01:80:c2:00:00:00" and .root_id == .bridge_id and
	 .root_port == 0 and .root_path_cost == 0 and .no_linklocal_learn == 0)'
check "ip -d (text) prints the bridge block" bash -c \
	"ip -n $SW -d link show br0 | grep -q 'bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 '"
check "ip link add with options" ipsw link add br9 type bridge ageing_time 1000 forward_delay 400 priority 4096 group_fwd_mask 0x4000
check "the options took effect" jqe br9 '.linkinfo.info_data | .ageing_time == 1000 and
	.forward_delay == 400 and .priority == 4096 and .group_fwd_mask == "0x4000" and
	(.bridge_id | startswith("1000."))'
check "ip link del br9" ipsw link del br9
check "ip link set v0 master br0" ipsw link set v0 master br0
check "ip link set v1 master br0" ipsw link set v1 master br0
for d in br0 v0 v1; do ipsw link set "$d" up; done
check "v0 forwarding" wait_for "v0 forwarding" 10 jqe v0 '.linkinfo.info_slave_data.state == "forwarding"'
check "bridge_slave block of v0" jqe v0 '.master == "br0" and .linkinfo.info_slave_kind == "bridge" and
	(.linkinfo.info_slave_data | .state == "forwarding" and .priority == 32 and .cost == 2 and
	 .learning == true and .flood == true and .mcast_flood == true and .bcast_flood == true and
	 .hairpin == false and .isolated == false and .id == "0x8001" and .no == "0x1")'
check "ip -d (text) prints the bridge_slave block" bash -c \
	"ip -n $SW -d link show v0 | grep -q 'bridge_slave state forwarding priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on port_id 0x8001 port_no 0x1 '"

check "ip link set type bridge ageing_time 1000" ipsw link set br0 type bridge ageing_time 1000
check "ip -d shows ageing_time 1000" jqe br0 '.linkinfo.info_data.ageing_time == 1000'
check "sysfs shows ageing_time 1000" test "$(sysv br0/bridge/ageing_time)" = 1000
check "ip link set type bridge vlan_filtering 0 (off is the truth)" ipsw link set br0 type bridge vlan_filtering 0
check "ip link set type bridge fdb_flush" ipsw link set br0 type bridge fdb_flush

# Known limits are refused with EOPNOTSUPP naming the option, nothing applied.
check "ip link set type bridge vlan_filtering 1" ipsw link set br0 type bridge vlan_filtering 1
check "ip -d shows vlan_filtering 1" jqe br0 '.linkinfo.info_data.vlan_filtering == 1'
check "vlan_filtering back to 0" ipsw link set br0 type bridge vlan_filtering 0
check "mcast_igmp_version 3 is refused by name" refused mcast_igmp_version ipsw link set br0 type bridge mcast_igmp_version 3
check "ip link set type bridge stp_state 1 (kernel STP)" ipsw link set br0 type bridge stp_state 1
check "ip -d shows stp_state 1" jqe br0 '.linkinfo.info_data.stp_state == 1'
check "stp_state back to 0" ipsw link set br0 type bridge stp_state 0
check "mcast_igmp_version 3 with ageing_time 1234: nothing applied" refused mcast_igmp_version \
	ipsw link set br0 type bridge ageing_time 1234 mcast_igmp_version 3
check "ip link add type bridge stp_state 1" ipsw link add br8 type bridge stp_state 1
check "br8 runs kernel STP" bash -c "[ \"\$(ip netns exec $SW cat /sys/class/net/br8/bridge/stp_state)\" = 1 ]"
check "ip link del br8" ipsw link del br8
# Bad values.
check "hello_time 50 is refused (ERANGE, no message: as in-tree)" refused "Numerical result out of range" ipsw link set br0 type bridge hello_time 50
check "max_age 100 is refused (ERANGE)" refused "Numerical result out of range" ipsw link set br0 type bridge max_age 100
check "group_fwd_mask 1 is refused (EINVAL)" refused "Invalid argument" ipsw link set br0 type bridge group_fwd_mask 1
check "group_address 01:80:c2:00:00:02 is refused (EINVAL)" refused "Invalid argument" \
	ipsw link set br0 type bridge group_address 01:80:c2:00:00:02
# The errnos (br_set_hello_time, br_changelink; lbridge's refusals).
check "hello_time 50 is ERANGE" nl_errno ERANGE ip -n "$SW" link set br0 type bridge hello_time 50
check "group_fwd_mask 1 is EINVAL" nl_errno EINVAL ip -n "$SW" link set br0 type bridge group_fwd_mask 1
check "mcast_igmp_version 3 is EOPNOTSUPP" nl_errno EOPNOTSUPP \
	ip -n "$SW" link set br0 type bridge mcast_igmp_version 3

# ---- ip link: bridge_slave ----
check "ip link set v0 type bridge_slave cost 9 learning off" \
	ipsw link set v0 type bridge_slave cost 9 learning off
check "sysfs: path_cost 9, learning 0" test \
	"$(sysv v0/brport/path_cost) $(sysv v0/brport/learning)" = "9 0"
check "ip link set v0 type bridge_slave learning on" ipsw link set v0 type bridge_slave learning on
check_fail "bridge_slave backup_port is refused by name" backup_port \
	ipsw link set v0 type bridge_slave backup_port v1
check_fail "bridge_slave cost 0 is refused" "Numerical result out of range" ipsw link set v0 type bridge_slave cost 0
check_fail "bridge_slave on a non-port is refused" "" ipsw link set v2 type bridge_slave cost 5

# ---- bridge link ----
# (v0@ifN only when its peer's ifindex differs from its own, as in-tree)
LINKRE='^[0-9]+: v0(@[a-z0-9]+)?: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 9 ?$'
check "bridge link show: v0's line" has_line "$LINKRE" brsw link show
check "bridge link show lists only the ports" test \
	"$(brsw -j link show | jq -r '[.[].ifname] | sort | join(" ")')" = "v0 v1"
check "bridge link set dev v0 cost 7 priority 5" brsw link set dev v0 cost 7 priority 5
check "bridge -j link show: cost 7, priority 5" bash -c \
	"bridge -n $SW -j link show | jq -e '.[] | select(.ifname == \"v0\") | .cost == 7 and .priority == 5' >/dev/null"
check "sysfs: path_cost 7, priority 5, port_id 0x1401" test \
	"$(sysv v0/brport/path_cost) $(sysv v0/brport/priority) $(sysv v0/brport/port_id)" = "7 5 0x1401"
check "bridge link set dev v0 hairpin on isolated on flood off" \
	brsw link set dev v0 hairpin on isolated on flood off
check "bridge -d link show: hairpin, isolated, flood" bash -c \
	"bridge -n $SW -d -j link show | jq -e '.[] | select(.ifname == \"v0\") | .hairpin == true and .isolated == true and .flood == false' >/dev/null"
check "bridge link set dev v0 hairpin off isolated off flood on" \
	brsw link set dev v0 hairpin off isolated off flood on
check "bridge link set guard on root_block on" brsw link set dev v0 guard on root_block on
check "bridge -d shows guard and root_block on" bash -c \
	"bridge -n $SW -d -j link show | jq -e '.[] | select(.ifname == \"v0\") | .guard == true and .root_block == true' >/dev/null"
check "bridge link set guard off root_block off" brsw link set dev v0 guard off root_block off
check_fail "bridge link set priority 64 is refused" "Numerical result out of range" brsw link set dev v0 priority 64
check "bridge link set priority 64 is ERANGE" nl_errno ERANGE bridge -n "$SW" link set dev v0 priority 64
check "priority still 5" test "$(sysv v0/brport/priority)" = 5

# ---- bridge fdb ----
check "br0 learns h1's address" wait_for "learned entry" 10 bash -c \
	"ip netns exec $H1 ping -q -c 1 -W 1 192.0.2.2 >/dev/null 2>&1; bridge -n $SW fdb show br br0 | grep -q '^02:00:00:00:00:01 dev v0 '"
check "fdb show: learned entry line" has_line '^02:00:00:00:00:01 dev v0 master br0 ?$' brsw fdb show br br0
check "fdb show: local entry line" has_line '^02:00:00:00:01:00 dev v0 master br0 permanent ?$' brsw fdb show br br0
check "bridge fdb add MAC dev v1 master static" brsw fdb add 02:00:00:00:aa:01 dev v1 master static
check "fdb show: static entry line" has_line '^02:00:00:00:aa:01 dev v1 master br0 static ?$' brsw fdb show br br0
check_fail "bridge fdb add the same entry again is EEXIST" EEXIST \
	brsw fdb add 02:00:00:00:aa:01 dev v1 master static
check "bridge fdb replace moves it to v0" brsw fdb replace 02:00:00:00:aa:01 dev v0 master static
check "fdb show: the entry is on v0" has_line '^02:00:00:00:aa:01 dev v0 master br0 static ?$' brsw fdb show br br0
check "bridge fdb add MAC dev v1 master (default: permanent, local)" \
	brsw fdb add 02:00:00:00:aa:02 dev v1 master
check "fdb show: permanent entry line" has_line '^02:00:00:00:aa:02 dev v1 master br0 permanent ?$' brsw fdb show br br0
check "bridge -j fdb show: static entry's flags" bash -c \
	"bridge -n $SW -j fdb show br br0 | jq -e '.[] | select(.mac == \"02:00:00:00:aa:01\" and .master == \"br0\") | .ifname == \"v0\" and .state == \"static\"' >/dev/null"
check "bridge fdb del static entry" brsw fdb del 02:00:00:00:aa:01 dev v0 master
check "bridge fdb del permanent entry" brsw fdb del 02:00:00:00:aa:02 dev v1 master
check "fdb show: both are gone" bash -c \
	"! bridge -n $SW fdb show br br0 | grep -q '^02:00:00:00:aa:0[12] '"
check_fail "bridge fdb del a missing entry is ENOENT" ENOENT \
	brsw fdb del 02:00:00:00:aa:01 dev v0 master
check_fail "bridge fdb add on a non-port with master is refused" "" \
	brsw fdb add 02:00:00:00:aa:03 dev v2 master static

# ---- bridge monitor link ----
MON=$(mktemp)
defer rm -f "$MON"
ip netns exec "$SW" bridge monitor link >"$MON" 2>&1 &
MONPID=$!
defer kill "$MONPID"
# The monitor is listening once a port change it must see shows up.
mon_ready() {
	bridge -n "$SW" link set dev v1 cost 11 >/dev/null 2>&1
	grep -q ' v1@[a-z0-9]*: .* master br0 .* cost 11' "$MON"
}
check "bridge monitor link is listening" wait_for "bridge monitor" 10 mon_ready
check "ip link set v2 master br0" ipsw link set v2 master br0
check "monitor: v2 added to br0" wait_for "v2 added" 10 \
	has_line '^[0-9]+: v2@[a-z0-9]+: <[A-Z_,-]+> mtu 1500 master br0 state [a-z]+ priority 32 cost [0-9]+' cat "$MON"
check "ip link set v2 nomaster" ipsw link set v2 nomaster
check "monitor: v2 removed from br0" wait_for "v2 deleted" 10 \
	has_line '^Deleted [0-9]+: v2@[a-z0-9]+: .* master br0 ' cat "$MON"
check "ip link del br0" ipsw link del br0
check "monitor: br0's remaining ports removed with it" wait_for "v0 deleted" 10 \
	has_line '^Deleted [0-9]+: v0(@[a-z0-9]+)?: .* master br0 ' cat "$MON"

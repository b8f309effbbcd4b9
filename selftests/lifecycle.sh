#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# lifecycle.sh - teardown under load: rmmod during a ping flood and during netns deletions, a bridge dies with its netns, insmod/rmmod cycles leave nothing behind.
#
#   h1: eth0 192.0.2.1 --- p1 --+
#                               +-- br0   (netns sw; brctl or ip)
#   h2: eth0 192.0.2.2 --- p2 --+
#
#   c1..c6: br0 -- v0, v1 (peers in the same netns)     (rmmod vs ip netns del)
#   d:      br0 (brctl) -- d0 ... k0 (netns k)           (bridge dies with d)
#           br1 (ip)    -- d1 ... k1 (netns k)
#
# An oops or WARN anywhere fails the whole run (vm.sh watches the console),
# so each phase mostly has to complete and leave no trace.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd ping jq
BRCTL=/usr/sbin/brctl
LBRCTL=${LBRCTL:-$LBR_REPO/tools/lbrctl/lbrctl}
[ -x "$LBRCTL" ] || bail "no $LBRCTL (make lbrctl)"
[ -x $BRCTL ] || skip_all "no $BRCTL (bridge-utils)"

was_loaded=0
[ ! -d /sys/module/lbridge ] || was_loaded=1
restore_module() {
	if [ $was_loaded = 1 ]; then
		[ -d /sys/module/lbridge ] || insmod "$LBR_MODULE"
	else
		[ ! -d /sys/module/lbridge ] || rmmod lbridge
	fi
}
defer restore_module
lbr_load

H1=$(ns_new h1)
H2=$(ns_new h2)
SW=$(ns_new sw)
for i in 1 2; do
	H=$(ns_name "h$i")
	ip netns exec "$H" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip link add name eth0 address "02:00:00:00:00:0$i" netns "$H" \
		type veth peer name "p$i" address "02:00:00:00:01:0$i" netns "$SW"
	ip -n "$H" addr add "192.0.2.$i/24" dev eth0
	ip -n "$H" link set eth0 up
	ip -n "$SW" link set "p$i" up
done
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1

# The links of netns sw, which every teardown must leave as they are now.
links() { ip -n "$1" -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort | xargs; }
SW_LINKS=$(links "$SW")

# bridges NS: the kind "bridge" devices in NS ("" for the initial netns).
# (Not `ip link show type bridge`: with no module owning the kind, the
# kernel does not filter by it.)
bridges() {
	ip ${1:+-n "$1"} -d -j link show |
		jq -r '[.[] | select(.linkinfo.info_kind == "bridge") | .ifname] | join(" ")'
}
# make_br HOW: br0 in sw, made with brctl or ip, ports p1 p2, all up.
make_br() {
	if [ "$1" = brctl ]; then
		ip netns exec "$SW" $BRCTL addbr br0 &&
			ip netns exec "$SW" $BRCTL addif br0 p1 p2 || return 1
	else
		ip -n "$SW" link add br0 type bridge &&
			ip -n "$SW" link set p1 master br0 &&
			ip -n "$SW" link set p2 master br0 || return 1
	fi
	ip -n "$SW" link set br0 up
}
# pings: h1 reaches h2 through br0 (first pings may wait for forwarding).
pings() { wait_for "h1 -> h2 over br0" 10 ip netns exec "$H1" ping -c 1 -W 1 192.0.2.2; }
# sw_clean: no bridge in sw, same links as before, p1 p2 free and not promiscuous.
sw_clean() {
	local now d
	now=$(links "$SW")
	[ "$now" = "$SW_LINKS" ] || { echo "links now: $now; before: $SW_LINKS"; return 1; }
	[ -z "$(bridges "$SW")" ] || { echo "a bridge is left: $(bridges "$SW")"; return 1; }
	for d in p1 p2; do
		ip -n "$SW" -j -d link show dev "$d" |
			jq -e '.[0].master == null and .[0].promiscuity == 0 and
				(.[0].linkinfo.info_slave_kind // "") == ""' >/dev/null ||
			{ ip -n "$SW" -d link show dev "$d"; return 1; }
	done
}
# no_fdb_cache: /proc/slabinfo has no lbr_fdb_entry cache.  It is listed
# there only when SLUB did not merge it into a same-sized cache (e.g. vm.sh
# --slub-debug); /sys/kernel/slab keeps a merged cache's alias link forever.
no_fdb_cache() { ! grep '^lbr_fdb_entry ' /proc/slabinfo; }
tx_packets() { ip netns exec "$SW" cat /sys/class/net/p2/statistics/tx_packets; }

# ---- rmmod while a ping flood crosses the bridge ----
grep -q '^lbr_fdb_entry ' /proc/slabinfo ||
	diag "lbr_fdb_entry is merged into another slab cache: the slabinfo checks can only catch an unmerged one"
check "flood: make br0 (ip)" make_br ip
check "flood: h1 pings h2" pings
# The floods must outlive the rmmod, which a debug kernel makes slow: their
# deadline scales with the time limits.
flood_secs=$(scaled 30 | cut -d. -f1)
ip netns exec "$H1" ping -q -f -w "$flood_secs" 192.0.2.2 >/dev/null 2>&1 &
FLOOD1=$!
defer kill "$FLOOD1"
ip netns exec "$H2" ping -q -f -w "$flood_secs" 192.0.2.1 >/dev/null 2>&1 &
FLOOD2=$!
defer kill "$FLOOD2"
base=$(tx_packets)
check "flood: traffic flows (p2 sent 500 more frames)" \
	wait_for "500 frames out of p2" 20 bash -c "[ \$(ip netns exec $SW cat /sys/class/net/p2/statistics/tx_packets) -ge $((base + 500)) ]"
check "flood: both ping -f still running" kill -0 "$FLOOD1" "$FLOOD2"
check "flood: rmmod lbridge" rmmod lbridge
check "flood: ping -f was still running through the rmmod" kill -0 "$FLOOD1" "$FLOOD2"
check "flood: sw is back to its links, ports free" sw_clean
check "flood: h1 no longer reaches h2" bash -c "! ip netns exec $H1 ping -c 1 -W 1 192.0.2.2"
kill "$FLOOD1" "$FLOOD2" 2>/dev/null
wait "$FLOOD1" "$FLOOD2" 2>/dev/null
check "flood: no fdb slab cache after rmmod" no_fdb_cache

# ---- rmmod while namespaces holding bridges are deleted ----
lbr_load
CNS=()
for i in 1 2 3 4 5 6; do
	C=$(ns_new "c$i")
	CNS+=("$C")
	veth_pair "$C" v0 "$C" w0
	veth_pair "$C" v1 "$C" w1
	if [ $((i % 2)) = 0 ]; then
		ip netns exec "$C" $BRCTL addbr br0 && ip netns exec "$C" $BRCTL addif br0 v0 v1
	else
		ip -n "$C" link add br0 type bridge && ip -n "$C" link set v0 master br0 &&
			ip -n "$C" link set v1 master br0
	fi
	# Spanning tree timers and work running too: 802.1D in c1 and c4,
	# RSTP in c2 and c5 (a loop of their own: v0-w0 and v1-w1 are ports).
	if [ $((i % 3)) != 0 ]; then
		ip -n "$C" link set br0 type bridge stp_state 1 hello_time 100 forward_delay 200
		[ $((i % 3)) = 1 ] || ip netns exec "$C" "$LBRCTL" setstpproto br0 rstp
		ip -n "$C" link set w0 master br0
	fi
	ip -n "$C" link set br0 up
done
check "netns c1..c6 each hold a bridge with two ports (three with STP)" bash -c \
	"for c in ${CNS[*]}; do n=\$(ip -n \$c -j link show master br0 | jq length); [ \$n = 2 ] || [ \$n = 3 ] || exit 1; done"
check "c2 and c5 run RSTP" bash -c "ip netns exec ${CNS[1]} $LBRCTL showrstp br0 | grep -Eq 'protocol[[:space:]]+rstp' &&
	ip netns exec ${CNS[4]} $LBRCTL showrstp br0 | grep -Eq 'protocol[[:space:]]+rstp'"
(for c in "${CNS[@]}"; do ip netns del "$c"; done) &
DELS=$!
check "netns: rmmod lbridge while c1..c6 are being deleted" rmmod lbridge
check "netns: every ip netns del succeeded" wait "$DELS"
check "netns: c1..c6 are gone" bash -c "! ip netns list | grep -q '^$LBR_NS_PREFIX'c"
check "netns: lbridge is unloaded" test ! -d /sys/module/lbridge
check "netns: no fdb slab cache" no_fdb_cache

# ---- a bridge dies with its netns ----
lbr_load
# all_bridges: every bridge in every named netns and in the initial one.
all_bridges() {
	local ns b
	for b in $(bridges ""); do echo "-:$b"; done
	for ns in $(ip netns list | awk '{ print $1 }'); do
		for b in $(bridges "$ns"); do echo "$ns:$b"; done
	done | sort
}
BEFORE=$(all_bridges | xargs)
D=$(ns_new d)
K=$(ns_new k)
ip link add d0 netns "$D" type veth peer name k0 netns "$K"
ip link add d1 netns "$D" type veth peer name k1 netns "$K"
check "dies: brctl addbr br0 in netns d" ip netns exec "$D" $BRCTL addbr br0
check "dies: brctl addif br0 d0" ip netns exec "$D" $BRCTL addif br0 d0
check "dies: ip link add br1 in netns d" ip -n "$D" link add br1 type bridge
check "dies: ip link set d1 master br1" ip -n "$D" link set d1 master br1
for d in br0 br1 d0 d1; do ip -n "$D" link set "$d" up; done
check "dies: both bridges are listed" test "$(all_bridges | grep -c "^$D:")" = 2
check "dies: ip netns del d" ip netns del "$D"
# The peers in k go when d's devices are unregistered (netns cleanup runs
# asynchronously, in one batch with d's bridges).  Other devices may live
# in k: a kernel with sit built in gives every netns a sit0.
check "dies: d's devices are unregistered (peers k0 k1 gone)" wait_for "k0 and k1 gone" 60 \
	bash -c "[ \"\$(ip -n $K -j link show | jq -r '[.[].ifname | select(. == \"lo\" or . == \"k0\" or . == \"k1\")] | join(\" \")')\" = lo ]"
check "dies: no bridge of d left anywhere" test "$(all_bridges | xargs)" = "$BEFORE"
check "dies: rmmod lbridge afterwards" rmmod lbridge
check "dies: no fdb slab cache" no_fdb_cache

# ---- insmod/rmmod cycles with bridges, ports and traffic ----
HOWS=(brctl ip brctl)
for n in 1 2 3; do
	how=${HOWS[n - 1]}
	check "cycle $n: insmod" insmod "$LBR_MODULE"
	check "cycle $n: make br0 ($how)" make_br "$how"
	check "cycle $n: ports promiscuous" test \
		"$(ip -n "$SW" -j -d link show p1 | jq '.[0].promiscuity')" = 1
	check "cycle $n: h1 pings h2 through br0" pings
	check "cycle $n: h2 pings h1 through br0" ip netns exec "$H2" ping -c 3 -i 0.2 -W 1 192.0.2.1
	check "cycle $n: br0 learnt both hosts" bash -c \
		"[ \$(bridge -n $SW fdb show br br0 | grep -c '^02:00:00:00:00:0[12] dev p[12] master br0') = 2 ]"
	check "cycle $n: rmmod" rmmod lbridge
	check "cycle $n: sw is back to its links, ports free, promiscuity 0" sw_clean
	check "cycle $n: no fdb slab cache" no_fdb_cache
done

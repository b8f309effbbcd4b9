#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# multicast.sh - IGMP/MLD snooping: what reports, leaves and queries do to the MDB, where group traffic goes with and without a querier, and the bridge as the querier.
#
# The four hosts on br0 and the traffic cases: helpers/mcast_lib.sh.  h1
# plays the querier and router (10.0.0.1), h2 and h3 the members; IPv6 is
# off until its own part.  Everything here is in-tree's pruning rule,
# selected with lbrctl setmcastprune; mcast_safe.sh tests lbridge's own.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd python3 jq tcpdump
lbr_load

# shellcheck source=selftests/helpers/mcast_lib.sh
source "$LBR_REPO/selftests/helpers/mcast_lib.sh"
LBRCTL=${LBRCTL:-$LBR_REPO/tools/lbrctl/lbrctl}
[ -x "$LBRCTL" ] || bail "no $LBRCTL (make lbrctl)"

mcast_hosts
# shellcheck disable=SC2119 # in-tree's defaults: no options
mcast_bridge

brinfo() { # brinfo JQ: a test on ip -d -j's info_data of br0
	ip -n "$SW" -d -j link show br0 | jq -e ".[0].linkinfo.info_data | $1" >/dev/null
}

# ---- defaults, as in-tree ----
# In-tree's defaults; intervals in clock ticks.  The startup query
# interval is 125 s / 4 truncated to jiffies, so its ticks depend on HZ
# (3124 at Debian's 250, 3125 at the debug kernel's 1000): it is checked
# apart, as 31.25 s within one tick.
want=$(jq -cS . <<<'{"mcast_snooping":1,"mcast_router":1,"mcast_query_use_ifaddr":0,
	"mcast_querier":0,"mcast_stats_enabled":0,"mcast_hash_elasticity":16,
	"mcast_hash_max":4096,"mcast_last_member_cnt":2,"mcast_startup_query_cnt":2,
	"mcast_igmp_version":2,"mcast_mld_version":1,"mcast_last_member_intvl":100,
	"mcast_membership_intvl":26000,"mcast_querier_intvl":25500,
	"mcast_query_intvl":12500,"mcast_query_response_intvl":1000,
	"mcast_vlan_snooping":0}')
info=$(ip -n "$SW" -d -j link show br0 | jq -c '.[0].linkinfo.info_data')
got=$(jq -cS 'with_entries(select(.key | startswith("mcast_")))
	| del(.mcast_startup_query_intvl)' <<<"$info")
startup=$(jq '.mcast_startup_query_intvl' <<<"$info")
check "startup query interval 125 s / 4 ($startup ticks)" \
	test $((4 * startup - 12500)) -le 4 -a $((4 * startup - 12500)) -ge -4
check "snooping on by default, with in-tree's defaults" test "$got" = "$want"
check "sysfs multicast_snooping reads 1" \
	test "$(ip netns exec "$SW" cat /sys/class/net/br0/bridge/multicast_snooping)" = 1
check "lbridge's prune rule is safe by default" \
	test "$(ip netns exec "$SW" "$LBRCTL" showmcastprune br0)" = safe
# What follows is in-tree's rule; mcast_safe.sh tests the safe one.
check "lbrctl setmcastprune br0 intree" ip netns exec "$SW" "$LBRCTL" setmcastprune br0 intree
check "... which showmcastprune reads back" \
	test "$(ip netns exec "$SW" "$LBRCTL" showmcastprune br0)" = intree

# ---- without a querier nothing is pruned ----
pkt 2 report 10.0.0.2 239.1.1.1
check "an IGMPv2 report registers p2 in 239.1.1.1" wait_for "the entry" 5 mdb_has p2 239.1.1.1
traffic_case "no querier: a registered group still floods" 1 "0 $N $N" udp 10.0.0.1 239.1.1.1 $N
traffic_case "no querier: an unregistered group floods" 1 "0 $N $N" udp 10.0.0.1 239.9.9.9 $N

# ---- a querier appears behind p1 ----
pkt 1 query 10.0.0.1 0.0.0.0 10
check "a general query makes p1 a router port" wait_for "router port p1" 5 \
	bash -c "bridge -n $SW -d mdb show | grep -q 'router ports on br0: p1'"
# Hosts get the query's maximum response time (1 s) before pruning starts.
sleep "$(scaled 1.5)"
traffic_case "with a querier: a registered group reaches members and routers only" 3 "$N $N 0" \
	udp 10.0.0.3 239.1.1.1 $N
traffic_case "the sender's own port is never sent back to" 1 "0 $N 0" udp 10.0.0.1 239.1.1.1 $N
traffic_case "an unregistered group reaches the router port only" 2 "$N 0 0" \
	udp 10.0.0.2 239.9.9.9 $N
traffic_case "224.0.0.x is never pruned" 1 "0 $N $N" udp 10.0.0.1 224.0.0.251 $N
traffic_case "a report goes to the router port only" 3 "1 0 0" report 10.0.0.3 239.1.2.3
pkt 3 report3 10.0.0.3 239.2.2.2 ex
check "IGMPv3 join (MODE_IS_EXCLUDE {}) registers p3" wait_for "the entry" 5 mdb_has p3 239.2.2.2
traffic_case "239.2.2.2 now reaches p3 and the router" 2 "$N 0 $N" udp 10.0.0.2 239.2.2.2 $N

# ---- malformed messages are dropped, never registered ----
traffic_case "a report with a bad checksum is dropped" 3 "0 0 0" badsum 10.0.0.3 239.3.3.3
traffic_case "a truncated report is dropped" 3 "0 0 0" short 10.0.0.3 239.3.3.3
check "neither registered 239.3.3.3" mdb_lacks p3 239.3.3.3

# ---- leaves ----
# On a slow (debug) kernel the checks above can outlast h1's query (a
# querier is remembered for 255 s) and p2's report: both are sent again.
pkt 1 query 10.0.0.1 0.0.0.0 10
pkt 2 report 10.0.0.2 239.1.1.1
sleep "$(scaled 1.5)"
check "p2 is (again) a member of 239.1.1.1" wait_for "the entry" 5 mdb_has p2 239.1.1.1
pkt 2 leave 10.0.0.2 239.1.1.1
sleep "$(scaled 0.5)"
check "a leave while another querier is present: the membership waits for it" mdb_has p2 239.1.1.1
check "mcast_fast_leave on p2" ip -n "$SW" link set p2 type bridge_slave mcast_fast_leave on
pkt 2 leave 10.0.0.2 239.1.1.1
check "with fast leave the membership ends at once" wait_for "no entry" 5 mdb_lacks p2 239.1.1.1
traffic_case "239.1.1.1 then reaches the router only" 3 "$N 0 0" udp 10.0.0.3 239.1.1.1 $N
pkt 2 report 10.0.0.2 239.7.7.7
check "p2 joins 239.7.7.7" wait_for "the entry" 5 mdb_has p2 239.7.7.7
pkt 2 report3 10.0.0.2 239.7.7.7 in
check "IGMPv3 leave (MODE_IS_INCLUDE {}) with fast leave" wait_for "no entry" 5 \
	mdb_lacks p2 239.7.7.7

# ---- the bridge device's own membership ----
ip -n "$SW" addr add 10.0.0.254/24 dev br0
ip netns exec "$SW" python3 "$PKT" br0 report 10.0.0.254 239.6.6.6
check "a report the host sends makes br0 a member" wait_for "the entry" 5 mdb_has br0 239.6.6.6
check "... which bridge -j mdb shows as port br0" bash -c \
	"bridge -n $SW -j mdb show | jq -e '.[0].mdb[] | select(.port == \"br0\" and .grp == \"239.6.6.6\")' >/dev/null"

# ---- user entries ----
# Pruning needs a querier: h1's may have timed out on a slow kernel.
pkt 1 query 10.0.0.1 0.0.0.0 10
sleep "$(scaled 1.5)"
check "bridge mdb add permanent on p3" bridge -n "$SW" mdb add dev br0 port p3 grp 239.5.5.5 permanent
traffic_case "a permanent entry forwards like a learnt one" 1 "0 0 $N" udp 10.0.0.1 239.5.5.5 $N
check "bridge mdb del" bridge -n "$SW" mdb del dev br0 port p3 grp 239.5.5.5
check_fail "bridge mdb del of what is gone: EINVAL" EINVAL \
	bridge -n "$SW" mdb del dev br0 port p3 grp 239.5.5.5

# ---- expiry ----
check "mcast_membership_interval 150 (1.5 s)" \
	ip -n "$SW" link set br0 type bridge mcast_membership_interval 150
pkt 2 report 10.0.0.2 239.4.4.4
check "a membership that is not refreshed ends" wait_for "no entry" "$(scaled 6)" \
	bash -c "bridge -n $SW mdb show | grep -q 'grp 239.4.4.4' || exit 0; exit 1"
check "mcast_querier_interval 100 (1 s)" \
	ip -n "$SW" link set br0 type bridge mcast_querier_interval 100
pkt 1 query 10.0.0.1 0.0.0.0 10
sleep "$(scaled 2)"
traffic_case "once the querier is silent, unregistered groups flood again" 2 "$N 0 $N" \
	udp 10.0.0.2 239.9.9.9 $N
check "and the learnt router port is gone" \
	bash -c "! bridge -n $SW -d mdb show | grep -q 'router ports on br0'"

# ---- limits: a full MDB turns snooping off, as in-tree ----
check "membership and querier intervals back to 260 s and 255 s, mcast_hash_max 3" \
	ip -n "$SW" link set br0 type bridge mcast_membership_interval 26000 \
	mcast_querier_interval 25500 mcast_hash_max 3
for g in 239.8.0.1 239.8.0.2 239.8.0.3 239.8.0.4; do
	pkt 2 report 10.0.0.2 "$g"
done
check "the fourth group over mcast_hash_max 3 turns snooping off" wait_for "snooping off" 5 \
	brinfo '.mcast_snooping == 0'
check "mcast_hash_max back to 4096, snooping on" \
	ip -n "$SW" link set br0 type bridge mcast_hash_max 4096 mcast_snooping 1

# ---- mcast_to_unicast: a unicast copy for each member host ----
H22=02:00:00:00:00:22	# a second host behind p2
grpcount() { # grpcount PORT GROUP: memberships of PORT in GROUP
	bridge -n "$SW" mdb show | grep -c "port $1 grp $2 "
}
check "p2 mcast_to_unicast on" bridge -n "$SW" link set dev p2 mcast_to_unicast on
pkt 1 query 10.0.0.1 0.0.0.0 10
sleep "$(scaled 1.5)"
pkt 2 report 10.0.0.2 239.10.0.1
MCAST_PKT_SRCMAC=$H22 pkt 2 report 10.0.0.22 239.10.0.1
check "two hosts behind p2 join 239.10.0.1: a membership each" \
	wait_for "two entries" 5 test "$(grpcount p2 239.10.0.1)" = 2
traffic_case "239.10.0.1 leaves p2 once per host" 1 "0 $((2 * N)) 0" udp 10.0.0.1 239.10.0.1 $N
ip netns exec "${H[2]}" timeout "$(scaled 10)" tcpdump -l -c 2 -e -n -i eth0 udp port 5000 \
	>"$_lbr_out.dump" 2>"$_lbr_out.dumperr" &
TCPDUMP=$!
defer rm -f "$_lbr_out.dump" "$_lbr_out.dumperr"
wait_for "tcpdump" 10 grep -q listening "$_lbr_out.dumperr" || bail "tcpdump did not start"
pkt 1 udp 10.0.0.1 239.10.0.1 1
wait "$TCPDUMP"
check "... addressed to each host's MAC" bash -c \
	"grep -q '> 02:00:00:00:00:02,' $_lbr_out.dump && grep -q '> $H22,' $_lbr_out.dump"
check "fastleave on p2" bridge -n "$SW" link set dev p2 fastleave on
MCAST_PKT_SRCMAC=$H22 pkt 2 leave 10.0.0.22 239.10.0.1
check "the second host leaves: its membership alone ends" \
	wait_for "one entry" 5 test "$(grpcount p2 239.10.0.1)" = 1
traffic_case "239.10.0.1 then leaves p2 once" 1 "0 $N 0" udp 10.0.0.1 239.10.0.1 $N
MCAST_PKT_SRCMAC=$H22 pkt 2 report 10.0.0.22 239.10.0.1
check "it joins again" wait_for "two entries" 5 test "$(grpcount p2 239.10.0.1)" = 2
check "p2 mcast_to_unicast off" bridge -n "$SW" link set dev p2 mcast_to_unicast off
traffic_case "then the group address leaves p2 once, for both hosts" 1 "0 $N 0" \
	udp 10.0.0.1 239.10.0.1 $N
# h1 falls silent as querier and router (the parts below want neither).
ip -n "$SW" link set br0 type bridge mcast_querier_interval 100
pkt 1 query 10.0.0.1 0.0.0.0 10
sleep "$(scaled 2)"
ip -n "$SW" link set br0 type bridge mcast_querier_interval 25500

# ---- ports leave ----
check "p2 nomaster" ip -n "$SW" link set p2 nomaster
check "p2's memberships went with it (both hosts')" bash -c "! bridge -n $SW mdb show | grep -q 'port p2 '"

# ---- MLD (the frames are raw: IPv6 stays off, so nothing else crosses) ----
pkt 3 mldreport fe80::3 ff0e::1:3
check "an MLDv1 report registers p3 in ff0e::1:3" wait_for "the entry" 5 mdb_has p3 ff0e::1:3
pkt 1 mldquery fe80::1
check "an MLD general query makes p1 an IPv6 router port" wait_for "router port p1" 5 \
	bash -c "bridge -n $SW -d mdb show | grep -q 'router ports on br0: p1'"
sleep "$(scaled 1.5)"
traffic_case "with an MLD querier, ff0e::1:3 reaches p3 and the router only" 1 "0 0 $N" \
	udp6 fe80::1 ff0e::1:3 $N
pkt 3 mlddone fe80::3 ff0e::1:3
check "an MLD done with fast leave off and a querier: the membership stays" mdb_has p3 ff0e::1:3

# ---- the bridge as the querier (mcast_querier 1) ----
# listen HOST...: record the queries br0 sends each HOST, for LISTEN
# seconds, into $_lbr_out.qHOST.
BRMAC=$(ip -n "$SW" -j link show br0 | jq -r '.[0].address')
LISTEN=$(scaled 6)
listen() {
	local h
	LISTENERS=()
	for h in "$@"; do
		ip netns exec "${H[$h]}" python3 "$PKT" eth0 listen "$LISTEN" "$BRMAC" \
			>"$_lbr_out.q$h" &
		LISTENERS+=($!)
	done
	for h in "$@"; do
		wait_for "h$h's listener" 10 grep -q listening "$_lbr_out.q$h" ||
			bail "h$h's listener did not start"
	done
}
# heard HOST: what HOST's listener recorded, once the listeners are done
# (run listened first: a command substitution cannot wait for them).
listened() {
	wait "${LISTENERS[@]}"
}
heard() {
	grep -v '^listening$' "$_lbr_out.q$1"
}
defer rm -f "$_lbr_out.q1" "$_lbr_out.q3"
# querier4 JQ: a test on br0's IPv4 querier state (IFLA_BR_MCAST_QUERIER_STATE,
# which Debian 12's ip does not print: brquerier.py does).
querier4() {
	local state
	state=$(ip netns exec "$SW" python3 "$LBR_REPO/selftests/helpers/brquerier.py" br0)
	echo "querier state: $state"
	jq -e ".ipv4 | $1" <<<"$state" >/dev/null
}
TWO_GENERAL=$'igmpq 0.0.0.0 0.0.0.0 10\nigmpq 0.0.0.0 0.0.0.0 10'
check "startup queries 1 s apart, then every 300 s; 1 s to answer; last member 1 s" \
	ip -n "$SW" link set br0 type bridge mcast_startup_query_interval 100 \
	mcast_startup_query_count 2 mcast_query_interval 30000 \
	mcast_query_response_interval 100 mcast_last_member_interval 100
listen 1 3
check "mcast_querier 1" ip -n "$SW" link set br0 type bridge mcast_querier 1
check "sysfs multicast_querier reads 1" \
	test "$(ip netns exec "$SW" cat /sys/class/net/br0/bridge/multicast_querier)" = 1
listened
got=$(heard 1)
check "h1 hears two startup queries: IGMPv2 general, from 0.0.0.0, 1 s to answer; no MLD query (br0 has no IPv6 address)" \
	test "$got" = "$TWO_GENERAL"
got=$(heard 3)
check "h3 hears the same: the bridge queries out of every port" test "$got" = "$TWO_GENERAL"
check "querier state: the bridge is the IPv4 querier, 0.0.0.0, with neither port nor timer" \
	querier4 '. == {"addr": "0.0.0.0"}'

pkt 3 report 10.0.0.3 239.1.1.1
check "p3 joins 239.1.1.1" wait_for "the entry" 5 mdb_has p3 239.1.1.1
traffic_case "with the bridge as querier, 239.1.1.1 reaches its member" 1 "0 0 $N" \
	udp 10.0.0.1 239.1.1.1 $N
traffic_case "... and nobody else: h1 is no member and there is no router" 3 "0 0 0" \
	udp 10.0.0.3 239.1.1.1 $N
traffic_case "an unregistered group reaches no one either" 3 "0 0 0" udp 10.0.0.3 239.9.9.9 $N

listen 1 3
pkt 3 leave 10.0.0.3 239.1.1.1
listened
got=$(heard 3)
check "a leave: the bridge asks p3 about 239.1.1.1 (last member interval 1 s); p3's next general query waits 2 x 1 s, as in-tree" \
	test "$got" = $'igmpq 0.0.0.0 239.1.1.1 10\nigmpq 0.0.0.0 0.0.0.0 10'
got=$(heard 1)
check "... and only p3" test -z "$got"
check "the membership ends after 2 x 1 s unless answered" \
	wait_for "no entry" "$(scaled 6)" mdb_lacks p3 239.1.1.1

check "mcast_query_use_ifaddr 1, mcast_querier 0 then 1 (starts over)" \
	ip -n "$SW" link set br0 type bridge mcast_query_use_ifaddr 1 mcast_querier 0
ip -n "$SW" link set br0 type bridge mcast_querier 1
check "queries now come from br0's address, which the state names as the querier's" \
	wait_for "querier 10.0.0.254" 5 querier4 '.addr == "10.0.0.254"'
pkt 3 query 10.0.1.1 0.0.0.0 10
sleep "$(scaled 0.5)"
check "a query from a higher address (10.0.1.1) does not take over" \
	querier4 '. == {"addr": "10.0.0.254"}'
QI=$(scaled 4)
QI=${QI%.*}
ip -n "$SW" link set br0 type bridge mcast_querier_interval $((QI * 100))
LISTEN=$(scaled 5)
LISTEN=$((QI + ${LISTEN%.*}))
listen 3
pkt 1 query 10.0.0.1 0.0.0.0 10
check "a query from a lower address (10.0.0.1) takes over: its address, port and timer" \
	querier4 '. == {"addr": "10.0.0.1", "port": "p1", "other_timer": true}'
listened
got=$(heard 3)
check "once it is silent for the querier interval, the bridge starts over: two startup queries" \
	test "$got" = $'igmpq 10.0.0.254 0.0.0.0 10\nigmpq 10.0.0.254 0.0.0.0 10'

check "mcast_querier 0" ip -n "$SW" link set br0 type bridge mcast_querier 0
check "querier state: no IPv4 querier any more" querier4 '. == null'
traffic_case "without a querier an unregistered group floods again" 3 "$N 0 0" \
	udp 10.0.0.3 239.9.9.9 $N

# MLD: the bridge queries for it too once it has an IPv6 address.  h1's
# MLD querier (the MLD part's) is made to fall silent first.
ip -n "$SW" link set br0 type bridge mcast_querier_interval 100
pkt 1 mldquery fe80::1
ip netns exec "$SW" sysctl -qw net.ipv6.conf.br0.disable_ipv6=0
ip -n "$SW" -6 addr add fe80::fe/64 dev br0 nodad
sleep "$(scaled 1.5)"
LISTEN=$(scaled 6)
listen 3
check "mcast_querier 1, br0 with IPv6 address fe80::fe" \
	ip -n "$SW" link set br0 type bridge mcast_querier 1
listened
got=$(heard 3 | grep mldq)
check "MLDv1 general queries from fe80::fe: two startup ones, 1 s to answer, checksums right" \
	test "$got" = $'mldq fe80::fe :: 1000\nmldq fe80::fe :: 1000'

check "ip link del br0: no error" ip -n "$SW" link del br0

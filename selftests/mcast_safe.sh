#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mcast_safe.sh - lbridge's safe pruning rule against in-tree's: listeners behind a querier nobody answers (SSDP) and an upstream router that is not the querier (IPTV).
#
# The four hosts on br0: helpers/mcast_lib.sh.  h1 is the upstream router,
# h2 a listener, h3 the sender.  The bridge is the querier (from 0.0.0.0,
# which some hosts ignore): startup queries 1 s apart, 1 s to answer, then
# none for 300 s, so that no query or answer lands in a traffic count
# unless the test asked for a round.  Each case runs under both rules
# (lbrctl setmcastprune): where they differ, the in-tree run is the proof
# that the case can fail.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd python3 jq
lbr_load

# shellcheck source=selftests/helpers/mcast_lib.sh
source "$LBR_REPO/selftests/helpers/mcast_lib.sh"
LBRCTL=${LBRCTL:-$LBR_REPO/tools/lbrctl/lbrctl}
[ -x "$LBRCTL" ] || bail "no $LBRCTL (make lbrctl)"
mcast_hosts
# h2's own IGMP speaks version 2 and repeats its unsolicited report at once.
ip netns exec "${H[2]}" sysctl -qw net.ipv4.conf.eth0.force_igmp_version=2 \
	net.ipv4.conf.eth0.igmpv2_unsolicited_report_interval=1

# by_rule SAFE INTREE: the value for the rule under test
by_rule() {
	if [ "$RULE" = safe ]; then echo "$1"; else echo "$2"; fi
}
JOINER=
stop_joiner() {
	[ -z "$JOINER" ] || { kill "$JOINER" 2>/dev/null; wait "$JOINER" 2>/dev/null; }
	JOINER=
}
defer stop_joiner
defer rm -f "$_lbr_out.join" "$_lbr_out.q3"

for RULE in safe intree; do
	mcast_bridge mcast_startup_query_interval 100 mcast_startup_query_count 2 \
		mcast_query_interval 30000 mcast_query_response_interval 100 \
		mcast_membership_interval "$(scaled 400)"
	BRMAC=$(ip -n "$SW" -j link show br0 | jq -r '.[0].address')
	check "[$RULE] lbrctl setmcastprune br0 $RULE" \
		ip netns exec "$SW" "$LBRCTL" setmcastprune br0 "$RULE"
	check "[$RULE] p1 a permanent router port (mcast_router 2)" \
		bridge -n "$SW" link set dev p1 mcast_router 2

	# ---- SSDP: a listener that reported once and never answers ----
	pkt 2 report 10.0.0.2 239.255.255.250
	check "[$RULE] h2's unsolicited report registers p2 in 239.255.255.250" \
		wait_for "the entry" 5 mdb_has p2 239.255.255.250
	check "[$RULE] mcast_querier 1 (startup queries, then quiet)" \
		ip -n "$SW" link set br0 type bridge mcast_querier 1
	check "[$RULE] nobody answers the bridge's queries: the membership ends after 4 s" \
		wait_for "no entry" 12 mdb_lacks p2 239.255.255.250
	traffic_case "[$RULE] SSDP to 239.255.255.250 then $(by_rule \
		'still reaches h2: an unanswered querier does not prune' \
		'reaches the router port only: h2 is cut off')" \
		3 "$(by_rule "$N $N 0" "$N 0 0")" udp 10.0.0.3 239.255.255.250 $N
	traffic_case "[$RULE] mDNS (224.0.0.251) is never pruned" 3 "$N $N 0" \
		udp 10.0.0.3 224.0.0.251 $N

	# ---- a host that answers: pruning (back) on ----
	check "[$RULE] memberships 60 s from now on" \
		ip -n "$SW" link set br0 type bridge mcast_membership_interval "$(scaled 6000)"
	ip -n "${H[2]}" addr add 10.0.0.2/24 dev eth0
	# Not through pkt(): $! must be the process that holds the membership.
	ip netns exec "${H[2]}" python3 "$PKT" eth0 join 239.255.255.250 "$(scaled 120)" \
		>"$_lbr_out.join" &
	JOINER=$!
	wait_for "h2 joined" 10 grep -q joined "$_lbr_out.join" || bail "h2 could not join"
	# A round of queries (mcast_querier off and on: startup queries again),
	# which h2 answers; heard by h3 until it is over.
	ip netns exec "${H[3]}" python3 "$PKT" eth0 listen "$(scaled 4)" "$BRMAC" >"$_lbr_out.q3" &
	LISTENER=$!
	wait_for "h3's listener" 10 grep -q listening "$_lbr_out.q3" || bail "h3's listener did not start"
	ip -n "$SW" link set br0 type bridge mcast_querier 0
	ip -n "$SW" link set br0 type bridge mcast_querier 1
	wait "$LISTENER"
	check "[$RULE] a new round: h3 heard the two startup queries" \
		test "$(grep -c '^igmpq 0.0.0.0 0.0.0.0 10$' "$_lbr_out.q3")" = 2
	check "[$RULE] h2's own IGMP joined 239.255.255.250 and answered: p2 registered" \
		wait_for "the entry" 5 mdb_has p2 239.255.255.250
	traffic_case "[$RULE] h2 answered: an unregistered group reaches the router port only" \
		3 "1 0 0" udp 10.0.0.3 239.9.9.9 1
	traffic_case "[$RULE] 239.255.255.250 reaches its member and the router" 3 "$N $N 0" \
		udp 10.0.0.3 239.255.255.250 $N

	# ---- IPTV: the upstream router (h1) is not the querier ----
	check "[$RULE] p1 mcast_router 1: h1 never queries, so no router port" \
		bridge -n "$SW" link set dev p1 mcast_router 1
	check "[$RULE] bridge mdb shows no router port" \
		bash -c "! bridge -n $SW -d mdb show | grep -q 'router ports on br0'"
	traffic_case "[$RULE] a member's IGMPv2 report $(by_rule \
		'reaches the upstream router (flooded: no router port known)' \
		'reaches nobody: no router port')" \
		3 "$(by_rule "1 1 0" "0 0 0")" report 10.0.0.3 239.1.1.1
	traffic_case "[$RULE] an unregistered group $(by_rule 'floods' 'reaches nobody')" \
		3 "$(by_rule "$N $N 0" "0 0 0")" udp 10.0.0.3 239.9.9.9 $N
	check "[$RULE] h2 is still a member" mdb_has p2 239.255.255.250

	stop_joiner
	ip -n "${H[2]}" addr flush dev eth0
	check "[$RULE] ip link del br0" ip -n "$SW" link del br0
done

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nft.sh - bridge-family nft rules that in-tree need bridge.ko (meta keys, reject, ct state) and nft-based ebtables' -i/-o/--logical-in, with traffic, on lbridge's companions loaded on demand.
#
#   h1 eth0 192.0.2.1 --- p1 --+-- br0 (netns sw) --+-- p2 --- h2 eth0 192.0.2.2
#
# Frames come from mausezahn in h1 (N at a time, UDP to a port per check);
# the oracles are nft counters: the rule's own in sw, and what arrives, in
# h1 and h2's own inet tables.  lbridge_nf.ko and lbridge.conf's aliases
# are installed into the guest's /lib/modules and /etc/modprobe.d (its
# overlay is thrown away) so that nf_tables finds lbridge_nf as it would
# find nft_meta_bridge.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd nft mausezahn jq socat ebtables-nft ebtables-legacy depmod modprobe
lbr_load

N=10
lbr_nf_companions

# ---- topology ----
SW=$(ns_new sw)
H1=$(ns_new h1)
H2=$(ns_new h2)
M1=02:00:00:00:20:01
M2=02:00:00:00:20:02
ip link add name eth0 address $M1 netns "$H1" type veth peer name p1 netns "$SW"
ip link add name eth0 address $M2 netns "$H2" type veth peer name p2 netns "$SW"
sw() { ip netns exec "$SW" "$@"; }
sw ip link add br0 type bridge
for p in p1 p2; do
	sw ip link set "$p" master br0
	sw ip link set "$p" up
done
sw ip link set br0 up
for h in "$H1" "$H2"; do ip -n "$h" link set eth0 up; done
ip -n "$H1" addr add 192.0.2.1/24 dev eth0
ip -n "$H2" addr add 192.0.2.2/24 dev eth0

# What arrives at the hosts, counted by their own kernels.  Rule counters
# cannot be reset by Debian 12's nft: reset_hosts makes the table anew.
HOST_RULES='table inet host {
	chain c_in {
		type filter hook input priority 0; policy accept;
		udp dport 7000-7099 counter comment "udp"
		tcp dport 7003 counter comment "syn"
		icmp type destination-unreachable counter comment "unreach"
	}
}'
reset_hosts() {
	local h
	for h in "$H1" "$H2"; do
		ip netns exec "$h" nft delete table inet host 2>/dev/null
		ip netns exec "$h" nft -f - <<<"$HOST_RULES" || bail "host counters"
	done
}
reset_hosts

# send DPORT: N UDP frames h1 -> h2 (unicast to h2's MAC, no ARP needed)
send() {
	ip netns exec "$H1" mausezahn eth0 -q -c $N -a $M1 -b $M2 \
		-A 192.0.2.1 -B 192.0.2.2 -t udp "sp=5000,dp=$1"
}

check "lbridge alone loads no companion" \
	test ! -d /sys/module/lbridge_nf -a ! -d /sys/module/lbridge_nf_conntrack

# ---- meta keys ----
check "bridge-family meta rules load" sw nft -f - <<'EOF'
table bridge f {
	chain c_pre {
		type filter hook prerouting priority 0; policy accept;
		udp dport 7001 meta mark set 0x2a
		meta ibrname "br0" iifname "p1" udp dport 7001 counter comment "pre-in"
		meta ibrpvid 1 meta ibrvproto vlan udp dport 7002 counter comment "pvid1"
		meta ibrpvid 2 udp dport 7002 counter comment "pvid2"
	}
	chain c_fwd {
		type filter hook forward priority 0; policy accept;
		iifname "p1" oifname "p2" meta obrname "br0" meta protocol ip udp dport 7001 counter comment "fwd"
		iifname "p2" udp dport 7001 counter comment "fwd-wrong-way"
		meta pkttype other udp dport 7001 counter comment "pkttype"
	}
	chain c_post {
		type filter hook postrouting priority 0; policy accept;
		meta mark 0x2a oifname "p2" udp dport 7001 counter comment "mark"
	}
}
EOF
check "nf_tables loaded lbridge_nf for them" test -d /sys/module/lbridge_nf

reset_hosts
send 7001
check_nft_count "iifname and ibrname match on PRE_ROUTING" $N "$SW" bridge f pre-in
check_nft_count "iifname, oifname, obrname and protocol match on FORWARD" $N "$SW" bridge f fwd
check_nft_count "iifname p2 matches none of them" 0 "$SW" bridge f fwd-wrong-way
check_nft_count "pkttype: frames for another host" $N "$SW" bridge f pkttype
check_nft_count "a mark set on PRE_ROUTING is seen on POST_ROUTING" $N "$SW" bridge f mark
check_nft_count "h2 received them all" $N "$H2" inet host udp

# ibrpvid/ibrvproto exist only on a VLAN-filtering bridge (else the rule breaks).
send 7002
check_nft_count "ibrpvid: no match without vlan_filtering" 0 "$SW" bridge f pvid1
sw ip link set br0 type bridge vlan_filtering 1
send 7002
check_nft_count "ibrpvid 1, ibrvproto vlan: the pvid's frames" $N "$SW" bridge f pvid1
check_nft_count "ibrpvid 2 matches none" 0 "$SW" bridge f pvid2
sw ip link set br0 type bridge vlan_filtering 0

# ---- reject ----
check "reject rules load on PRE_ROUTING" sw nft -f - <<'EOF'
table bridge r {
	chain c_pre {
		type filter hook prerouting priority -10; policy accept;
		tcp dport 7003 reject with tcp reset
		udp dport 7004 reject
	}
}
EOF
check_fail "reject is refused on FORWARD" EOPNOTSUPP \
	sw nft add rule bridge f c_fwd udp dport 7099 reject

reset_hosts
send 7004
check_nft_count "udp: h1 gets an ICMP port unreachable per datagram" $N "$H1" inet host unreach
check_nft_count "udp: h2 gets none of them" 0 "$H2" inet host udp

ip netns exec "$H2" socat TCP-LISTEN:7003,reuseaddr,fork SYSTEM:true &
defer kill $!
h2_listens() { ip netns exec "$H2" ss -Hltn 'sport = :7003' | grep -q .; }
wait_for "h2 listening on 7003" 5 h2_listens
reset_hosts
out=$(ip netns exec "$H1" timeout 10 socat -u OPEN:/dev/null \
	TCP:192.0.2.2:7003,connect-timeout=5 2>&1)
case $out in
*"Connection refused"*) pass "tcp: h1's connect is refused by the bridge's reset" ;;
*) fail "tcp: h1's connect is refused by the bridge's reset" "socat: $out" ;;
esac
check_nft_count "tcp: h2 never saw the SYN" 0 "$H2" inet host syn
sw nft delete table bridge r

# ---- ebtables, both flavours: -i, -o, --logical-in ----
ebtables_skips "-i, -o, --logical-in, --logical-out"
for eb in $(ebtables_flavours); do
	check "$eb: -i p1 -o p2 --logical-in br0 DROP loads" \
		sw "$eb" -A FORWARD -i p1 -o p2 --logical-in br0 -p IPv4 \
		--ip-proto udp --ip-dport 7005 -j DROP
	reset_hosts
	send 7005
	check_nft_count "$eb dropped them: h2 got none" 0 "$H2" inet host udp
	got=$(sw "$eb" -L FORWARD --Lc |
		sed -n 's/.*--ip-dport 7005 -j DROP.*pcnt = \([0-9]*\).*/\1/p')
	check "$eb counted $N" test "$got" = $N
	check "$eb: -i p2 --logical-out br0 DROP loads" \
		sw "$eb" -A FORWARD -i p2 --logical-out br0 -p IPv4 \
		--ip-proto udp --ip-dport 7006 -j DROP
	reset_hosts
	send 7006
	check_nft_count "$eb -i p2 spares frames from p1: h2 got them" $N "$H2" inet host udp
	sw "$eb" -F FORWARD
done

# ---- conntrack: a stateful FORWARD policy, fragments reassembled ----
check "ct state rules load" sw nft -f - <<'EOF'
table bridge c {
	chain c_fwd {
		type filter hook forward priority 0; policy accept;
		iifname "p1" ip protocol icmp counter comment "echo"
		ct state established,related accept
		iifname "p2" ct state new counter drop comment "h2-new"
		iifname "p1" ct state new tcp dport 7010 counter comment "h1-new"
	}
}
EOF
check "nf_conntrack loaded lbridge_nf_conntrack for them" \
	test -d /sys/module/lbridge_nf_conntrack
ip netns exec "$H2" socat TCP-LISTEN:7010,reuseaddr,fork SYSTEM:'echo pong' &
defer kill $!
ip netns exec "$H1" socat TCP-LISTEN:7011,reuseaddr,fork SYSTEM:'echo pong' &
defer kill $!
listens() { ip netns exec "$1" ss -Hltn "sport = :$2" | grep -q .; }
wait_for "h2 listening on 7010" 5 listens "$H2" 7010
wait_for "h1 listening on 7011" 5 listens "$H1" 7011
# socat forks a shell per connection: slow kernels get scaled time.  The
# client only reads (-u): with stdin as a source it would half-close at
# once and give the server just its -t 0.5 s to answer.
T=$(scaled 10) CT=$(scaled 5)
check "h1 -> h2: the connection and its replies pass" bash -c \
	"[ \"\$(ip netns exec $H1 timeout ${T%.*} socat -u TCP:192.0.2.2:7010,connect-timeout=${CT%.*} STDOUT)\" = pong ]"
check_nft_count "one new connection counted" 1 "$SW" bridge c h1-new
check_fail "h2 -> h1: a new connection from p2 is dropped" "" \
	ip netns exec "$H2" timeout 10 socat - TCP:192.0.2.1:7011,connect-timeout=3 </dev/null
check "fragmented pings (3000 B) cross, reassembled and fragmented again" \
	ip netns exec "$H1" ping -c 3 -i 0.2 -W 3 -s 3000 192.0.2.2
check_nft_count "FORWARD saw 3 ICMP datagrams from h1, not their 9 fragments" 3 "$SW" bridge c echo
sw nft delete table bridge c

# ---- lifetime ----
check_fail "lbridge_nf stays while rules use it" "" rmmod lbridge_nf
sw nft delete table bridge f
sw nft delete table bridge filter 2>/dev/null
check "with the rules gone, rmmod lbridge_nf" rmmod lbridge_nf
check "and rmmod lbridge_nf_conntrack" rmmod lbridge_nf_conntrack

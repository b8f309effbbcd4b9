# shellcheck shell=bash
# mcast_lib.sh - the snooping tests' topology (four hosts on br0) and their traffic cases; sourced after lib.sh.
#
#   h1 eth0 --- p1 --+
#   h2 eth0 --- p2 --+-- br0  (netns sw)
#   h3 eth0 --- p3 --+   |
#   h4 eth0 --- p4 ------+    marker sink (as in forwarding.sh)
#
# IGMP/MLD messages and group traffic come from helpers/mcast_pkt.py (raw
# frames).  What the bridge sent to each host is read from the tx counters
# of p1..p3; each case ends with a unicast marker to h4, which only p4
# sends, so a delta of 0 means "not sent" rather than "not sent yet".

PKT=$LBR_REPO/selftests/helpers/mcast_pkt.py
M4=02:00:00:00:00:04
# shellcheck disable=SC2034 # frames per traffic case, for the tests
N=5

# mcast_hosts: netns sw and h1..h4 (IPv6 off in all), hN's eth0 (MAC
# 02:00:00:00:00:0N) paired with pN in sw; sets SW and H[1..4].
mcast_hosts() {
	local i
	SW=$(ns_new sw)
	# No reports from sw's host for the link-local groups br0 joins (the
	# all-snoopers ones, on open): they flood and would land in the counts.
	ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 \
		net.ipv4.igmp_link_local_mcast_reports=0
	declare -gA H
	for i in 1 2 3 4; do
		H[$i]=$(ns_new "h$i")
		ip netns exec "${H[$i]}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
		ip link add name eth0 address "02:00:00:00:00:0$i" netns "${H[$i]}" \
			type veth peer name "p$i" netns "$SW"
		ip -n "${H[$i]}" link set eth0 up
	done
}

# mcast_bridge [OPTION...]: br0 in sw (ip link OPTIONs) over p1..p4, p4 the
# marker sink, up with every port forwarding.
mcast_bridge() {
	local i
	ip -n "$SW" link add br0 type bridge "$@" || bail "ip link add br0 $*"
	for i in 1 2 3 4; do
		ip -n "$SW" link set "p$i" master br0
		ip -n "$SW" link set "p$i" up
	done
	bridge -n "$SW" link set dev p4 flood off mcast_flood off bcast_flood off ||
		bail "marker port p4: cannot turn flooding off"
	bridge -n "$SW" fdb add "$M4" dev p4 master static || bail "marker port p4: no static entry"
	ip -n "$SW" link set br0 up
	wait_for "ports forwarding" 10 bash -c \
		"bridge -n $SW -j link show | jq -e '[.[] | select(.state == \"forwarding\")] | length == 4' >/dev/null" ||
		bail "ports did not reach forwarding"
}

# pkt HOST KIND ARG...: one mcast_pkt.py run in HOST's namespace
pkt() {
	local h=$1
	shift
	ip netns exec "${H[$h]}" python3 "$PKT" eth0 "$@"
}
# tx packet counts of p1 p2 p3 p4, one line
snap() {
	local c
	mapfile -t c < <(ip netns exec "$SW" cat /sys/class/net/p{1,2,3,4}/statistics/tx_packets)
	echo "${c[*]}"
}
deltas() {
	local b a i out=""
	read -r -a b <<<"$1"
	read -r -a a <<<"$2"
	for i in 0 1 2 3; do out+="$((a[i] - b[i])) "; done
	echo "${out% }"
}
LAST=
marker_seen() {
	local d
	LAST=$(snap)
	d=$(deltas "$1" "$LAST")
	[ "${d##* }" -ge 1 ]
}
# marker HOST: a unicast frame from HOST that only p4 sends
marker() {
	ip netns exec "${H[$1]}" python3 -c "
import socket
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(('eth0', 0))
s.send(bytes.fromhex('${M4//:/}') + s.getsockname()[4] + b'\x88\xb5' + bytes(46))"
}
# traffic_deltas HOST KIND ARG...: HOST sends (mcast_pkt.py KIND ARG...),
# then the marker; prints what p1..p4 sent meanwhile ("D1 D2 D3 D4"), or
# fails if the marker never came.
traffic_deltas() {
	local host=$1 before
	shift
	before=$(snap)
	pkt "$host" "$@"
	marker "$host"
	wait_for "the marker frame on p4" 5 marker_seen "$before" || return 1
	deltas "$before" "$LAST"
}
# traffic_case NAME HOST "D1 D2 D3" KIND ARG...: HOST sends (mcast_pkt.py
# KIND ARG...), then the marker; p1..p3 must have sent exactly D1 D2 D3.
traffic_case() {
	local name=$1 host=$2 want=$3 d
	shift 3
	if ! d=$(traffic_deltas "$host" "$@" 2>&1); then
		fail "$name"
		diag "$d"
		return
	fi
	if [ "$d" = "$want 1" ]; then
		pass "$name"
	else
		fail "$name" "expected tx deltas p1 p2 p3 p4: $want 1" "got: $d"
	fi
}
# mdb_has PORT GROUP: bridge mdb show lists PORT as a member of GROUP
mdb_has() {
	bridge -n "$SW" mdb show | grep -q "port $1 grp $2 "
}
mdb_lacks() {
	! mdb_has "$@"
}

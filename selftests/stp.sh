#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# stp.sh - kernel 802.1D STP: a triangle converges loop-free, reconverges, re-roots, ages fast on change, shrugs off bad BPDUs.
#
#        s1 (priority 4096: root)
#   a12 /  \ a13          h1 -- hp (port of s1): broadcast source
#  b12 /    \ b13
#     s2 ---- s3          each s* is a netns with bridge br0, STP on,
#      a23  b23           hello 1 s, forward delay 2 s, max age 6 s
#   (priority 8192) (default 32768: its b23 blocks)
#
#   t0: a one-bridge netns fed crafted BPDUs from netns inj (veth i0 - ti).
#
# Each s* link is a veth pair named after its ends (a12 in s1, b12 in s2).
# Every expectation is read from sysfs and bridge link, the clients' view.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd mausezahn jq
lbr_load

declare -A S
for i in 1 2 3; do
	S[$i]=$(ns_new "s$i")
	ip netns exec "${S[$i]}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip -n "${S[$i]}" link add br0 type bridge stp_state 1 hello_time 100 \
		forward_delay 200 max_age 600 || bail "s$i: no STP bridge"
done
ip -n "${S[1]}" link set br0 type bridge priority 4096
ip -n "${S[2]}" link set br0 type bridge priority 8192

link() { # link I J: veth aIJ in sI - bIJ in sJ, both ports of br0
	ip link add "a$1$2" netns "${S[$1]}" type veth peer name "b$1$2" netns "${S[$2]}"
	ip -n "${S[$1]}" link set "a$1$2" master br0 up
	ip -n "${S[$2]}" link set "b$1$2" master br0 up
}
link 1 2
link 2 3
link 1 3
H1=$(ns_new h1)
ip link add eth0 address 02:00:00:00:01:01 netns "$H1" type veth peer name hp netns "${S[1]}"
ip -n "${S[1]}" link set hp master br0 up
ip -n "$H1" link set eth0 up
for i in 1 2 3; do ip -n "${S[$i]}" link set br0 up; done

rd() { ip netns exec "${S[$1]}" cat "/sys/class/net/$2"; }
state() { bridge -n "${S[$1]}" -j link show dev "$2" | jq -r '.[0].state'; }
root_everywhere() { # root_everywhere I: every bridge has sI as root
	local want
	want=$(rd "$1" br0/bridge/bridge_id)
	[ "$(rd 1 br0/bridge/root_id)" = "$want" ] &&
		[ "$(rd 2 br0/bridge/root_id)" = "$want" ] &&
		[ "$(rd 3 br0/bridge/root_id)" = "$want" ]
}
# states: "s1:a12=forwarding ..." for every ring port
states() {
	local out='' i dev
	for i in 1 2 3; do
		for dev in $(ip -n "${S[$i]}" -o link show master br0 | awk -F'[:@ ]+' '{print $2}'); do
			[ "$dev" = hp ] && continue
			out+="s$i:$dev=$(state "$i" "$dev") "
		done
	done
	echo "${out% }"
}
settled() { # settled EXPECTED: the ring ports are exactly as EXPECTED
	[ "$(states)" = "$1" ]
}

# ---- 1. convergence: s1 root, s3's port to s2 the one blocked port ------
CONVERGED="s1:a12=forwarding s1:a13=forwarding s2:b12=forwarding s2:a23=forwarding s3:b23=blocking s3:b13=forwarding"
check "stp_state reads 1 (kernel STP)" bash -c "[ \"\$(ip netns exec ${S[2]} cat /sys/class/net/br0/bridge/stp_state)\" = 1 ]"
check "all three bridges elect s1 root" wait_for "root s1" 20 root_everywhere 1
check "the triangle converges: only s3's port to s2 blocks" wait_for "converged" 20 settled "$CONVERGED"
check "s1 is root: no root port, cost 0" \
	bash -c "[ \"\$(ip netns exec ${S[1]} cat /sys/class/net/br0/bridge/root_port /sys/class/net/br0/bridge/root_path_cost | tr '\n' ' ')\" = '0 0 ' ]"
check "s3's root port is b13, at its path cost (veth: 2)" bash -c "
	rp=\$(ip netns exec ${S[3]} cat /sys/class/net/br0/bridge/root_port)
	[ \"\$(ip netns exec ${S[3]} cat /sys/class/net/b13/brport/port_no)\" = \"\$(printf '0x%x' \$rp)\" ] &&
	[ \"\$(ip netns exec ${S[3]} cat /sys/class/net/br0/bridge/root_path_cost)\" = 2 ]"
check "s3's blocked port names s2 as designated bridge" bash -c "
	[ \"\$(ip netns exec ${S[3]} cat /sys/class/net/b23/brport/designated_bridge)\" = \"\$(ip netns exec ${S[2]} cat /sys/class/net/br0/bridge/bridge_id)\" ]"

# ---- 2. no storm: broadcasts cross each ring link a bounded number of times
ring_tx() { # total frames sent on the ring ports
	local i sum=0 n
	for i in 1 2 3; do
		for n in $(ip netns exec "${S[$i]}" sh -c 'cat /sys/class/net/[ab][0-9][0-9]/statistics/tx_packets'); do
			sum=$((sum + n))
		done
	done
	echo "$sum"
}
t0=${EPOCHREALTIME/[.,]/}
before=$(ring_tx)
ip netns exec "$H1" mausezahn eth0 -q -c 20 -a 02:00:00:00:01:01 -b ff:ff:ff:ff:ff:ff -p 60
sleep 1
after=$(ring_tx)
# 20 broadcasts: s1 sends each on a12 and a13, s2 relays it on a23 (to the
# blocked b23), plus BPDUs: one a hello (1 s) on each of the three
# designated ring ports while this ran (a debug kernel takes many seconds
# over it), far below a storm's thousands.
bpdus=$((3 * ((${EPOCHREALTIME/[.,]/} - t0) / 1000000 + 2)))
check "20 broadcasts cross the ring at most 3x20 + $bpdus BPDUs times ($((after - before)))" \
	test $((after - before)) -le $((60 + bpdus)) -a $((after - before)) -ge 60

# ---- 3. link failure: s1-s3 goes down, s3 forwards through s2 -----------
ip -n "${S[1]}" link set a13 down
check "s3 reconverges through s2 when its root link fails" wait_for "b23 forwarding" 20 \
	bash -c "[ \"\$(bridge -n ${S[3]} -j link show dev b23 | jq -r '.[0].state')\" = forwarding ]"
check "s3's root port is now b23, at cost 2 + 2" bash -c "
	rp=\$(ip netns exec ${S[3]} cat /sys/class/net/br0/bridge/root_port)
	[ \"\$(ip netns exec ${S[3]} cat /sys/class/net/b23/brport/port_no)\" = \"\$(printf '0x%x' \$rp)\" ] &&
	[ \"\$(ip netns exec ${S[3]} cat /sys/class/net/br0/bridge/root_path_cost)\" = 4 ]"

# ---- 4. topology change: bringing a13 back up is one (s3's b23 stops
# forwarding, s1's a13 starts); for max age + forward delay the root, and
# the bridges that hear its flag, age entries at 2 x forward delay
# The topology change lasts 8 s (max age 6 + forward delay 2): watchers
# inside s1 and s2, one exec each, note what they see the moment the flag
# rises (an exec per look takes seconds on a debug kernel).
tc_watch() { # tc_watch I FILE: "topology_change ageing_time" once sI's flag is 1
	# shellcheck disable=SC2016 # the script expands in the namespace
	ip netns exec "${S[$1]}" bash -c '
		exec {fd}<> <(:)
		end=$((SECONDS + $1))
		: >"$2"
		while [ $SECONDS -lt $end ]; do
			read -r t </sys/class/net/br0/bridge/topology_change
			if [ "$t" = 1 ]; then
				read -r a </sys/class/net/br0/bridge/ageing_time
				echo "$t $a"
				exit 0
			fi
			read -r -t 0.05 -u $fd || true
		done
		exit 1' _ "$(scaled 30 | cut -d. -f1)" "$2.ready" >"$2" &
}
TCW=$(mktemp -d)
defer rm -rf "$TCW"
tc_watch 1 "$TCW/s1"
w1=$!
tc_watch 2 "$TCW/s2"
w2=$!
wait_for "TC watchers" 10 test -e "$TCW/s1.ready" -a -e "$TCW/s2.ready"
ip -n "${S[1]}" link set a13 up
check "the root announces the topology change (topology_change 1)" wait "$w1"
check "during it the root ages entries at 2 x forward delay (ageing_time 400)" \
	test "$(cat "$TCW/s1")" = "1 400"
check "non-root s2 takes the topology change flag from the root's BPDUs" wait "$w2"
check "the link back up: the triangle is as before" wait_for "converged again" 20 settled "$CONVERGED"
check "after max age + forward delay the root's ageing time is back (30000)" wait_for "TC over" 20 \
	bash -c "[ \"\$(ip netns exec ${S[1]} cat /sys/class/net/br0/bridge/ageing_time)\" = 30000 ]"

# ---- 5. root change by priority --------------------------------------
ip -n "${S[3]}" link set br0 type bridge priority 0
check "priority 0 makes s3 root everywhere" wait_for "root s3" 20 root_everywhere 3
check "s3 as root forwards on both its ports" wait_for "s3 designated" 20 bash -c "
	[ \"\$(bridge -n ${S[3]} -j link show dev b23 | jq -r '.[0].state')\" = forwarding ] &&
	[ \"\$(bridge -n ${S[3]} -j link show dev b13 | jq -r '.[0].state')\" = forwarding ]"
check "and exactly one ring port blocks" wait_for "one blocking" 20 \
	bash -c "[ \$(bridge -n ${S[1]} -j link show | jq '[.[] | select(.state == \"blocking\")] | length') \
	  -eq 1 -o \$(bridge -n ${S[2]} -j link show | jq '[.[] | select(.state == \"blocking\")] | length') -eq 1 ]"
check "STP counters: root s3 sent config BPDUs on b13, s1 received them on a13" \
	bash -c "[ \"\$(ip -n ${S[3]} link xstats type bridge_slave dev b13 |
		awk '/STP BPDU:/ { for (i = 1; i < NF; i++) if (\$i == \"TX:\") print \$(i + 1) }')\" -gt 0 ] &&
	[ \"\$(ip -n ${S[1]} link xstats type bridge_slave dev a13 |
		awk '/STP BPDU:/ { for (i = 1; i < NF; i++) if (\$i == \"RX:\") print \$(i + 1) }')\" -gt 0 ]"

# ---- 6. bad BPDUs: dropped, never adopted ------------------------------
T=$(ns_new t0)
INJ=$(ns_new inj)
ip -n "$T" link add br0 type bridge stp_state 1 hello_time 100 forward_delay 200 max_age 600
ip link add ti netns "$T" type veth peer name i0 netns "$INJ"
ip -n "$T" link set ti master br0 up
ip -n "$INJ" link set i0 address 02:00:00:00:0e:01 up
ip -n "$T" link set br0 up
T_ROOT=$(ip netns exec "$T" cat /sys/class/net/br0/bridge/bridge_id)

# bpdu LEN LLC PROTO_VER TYPE FLAGS ROOT COST BRIDGE PORT AGE MAXAGE HELLO FWD:
# hex for mausezahn (times in 1/256 s, 4 hex digits each)
bpdu() {
	printf '%s %s %s %s %s %s %s %s %s %s %s %s %s' "$@" |
		sed 's/ //g; s/../&:/g; s/:$//'
}
# root 0000.020000000e01: better than any real bridge here
GOOD=(0026 424203 000000 00 00 0000020000000e01 00000000 0000020000000e01 8001 0000 1400 0200 0f00)
send_bpdu() { # send_bpdu HEX: one frame to the STP group
	ip netns exec "$INJ" mausezahn i0 -q -c 1 -a 02:00:00:00:0e:01 -b 01:80:c2:00:00:00 "$1"
}
# WORSE: a valid BPDU for a root worse than t0 itself: counted, not adopted
WORSE=(0026 424203 000000 00 00 ffff020000000e01 00000000 ffff020000000e01 8001 0000 1400 0200 0f00)
t_root() { ip netns exec "$T" cat /sys/class/net/br0/bridge/root_id; }
rx_bpdus() { # config BPDUs t0's port ti has processed
	ip -n "$T" link xstats type bridge_slave dev ti |
		awk '/STP BPDU:/ { for (i = 1; i < NF; i++) if ($i == "RX:") print $(i + 1) }'
}
counted_past() { [ "$(rx_bpdus)" -gt "$1" ]; }
# bad_frame NAME HEX: the frame is dropped, uncounted, and changes nothing.  A
# valid WORSE BPDU sent after it is counted once handled: the bad one (in
# the same queue, before it) has been looked at by then.
bad_frame() {
	local n
	n=$(rx_bpdus)
	send_bpdu "$2"
	send_bpdu "$(bpdu "${WORSE[@]}")"
	wait_for "the marker BPDU counted" 10 counted_past "$n" >/dev/null
	check "$1: dropped, uncounted, root unchanged" \
		test "$(t_root)" = "$T_ROOT" -a "$(rx_bpdus)" -eq $((n + 1))
}
bad() { # bad NAME INDEX VALUE: GOOD with one field changed
	local f=("${GOOD[@]}")
	f[$2]=$3
	bad_frame "$1" "$(bpdu "${f[@]}")"
}
bad "bad protocol id" 2 010000
bad "version 2 (RST BPDU)" 2 000002
bad "unknown BPDU type 0x42" 3 42
bad "LLC not 42 42 03" 1 aaaa03
bad "message age above max age" 9 1500
bad "forward delay 0 (would forward at once)" 12 0000
bad "max age 2 s (below 6 s)" 10 0200
bad "hello time 0" 11 0000
bad "length field past the frame" 0 0100
bad "oversized length field (1501)" 0 05dd
# A config BPDU whose length field says 13 bytes: type config, too short.
bad_frame "config BPDU of 10 bytes" 00:0d:42:42:03:00:00:00:00:00:00:00:00:00:00:00
# The root id and root port are read together, once: the adopted root's
# information ages out after its max age (20 s), which two execs on a
# slow (debug) kernel beside other guests outlasted.
adopted() {
	ROOT_VIEW=$(ip netns exec "$T" cat /sys/class/net/br0/bridge/root_id \
		/sys/class/net/br0/bridge/root_port | tr '\n' ' ')
	[ "${ROOT_VIEW%% *}" = 0000.020000000e01 ]
}
ROOT_VIEW=
send_bpdu "$(bpdu "${GOOD[@]}")"
check "the same BPDU well-formed makes its sender root" wait_for "adopted" 5 adopted
check "the port towards that root is the root port" \
	test "$ROOT_VIEW" = "0000.020000000e01 1 "

# ---- 7. BPDU guard and root block --------------------------------------
bridge -n "$T" link set dev ti root_block on
send_bpdu "$(bpdu "${GOOD[@]}")"
sleep 0.5
check "root_block: a superior BPDU does not make ti the root port" \
	bash -c "[ \"\$(ip netns exec $T cat /sys/class/net/br0/bridge/root_port)\" = 0 ]"
bridge -n "$T" link set dev ti root_block off guard on
send_bpdu "$(bpdu "${GOOD[@]}")"
check "bpdu_guard: a BPDU disables the port" wait_for "ti disabled" 5 \
	bash -c "[ \"\$(bridge -n $T -j link show dev ti | jq -r '.[0].state')\" = disabled ]"

# ---- 8. teardown with timers running: namespaces go, nothing stays -----
ip netns del "${S[2]}"
check "a netns with a running STP bridge goes away cleanly" wait_for "s2 gone" 10 \
	bash -c "! ip netns list | grep -q '^${S[2]}\\b'"
check "the survivors re-elect: s3 still root for s1" wait_for "s1 sees s3" 20 \
	bash -c "[ \"\$(ip netns exec ${S[1]} cat /sys/class/net/br0/bridge/root_id)\" = \"\$(ip netns exec ${S[3]} cat /sys/class/net/br0/bridge/bridge_id)\" ]"


# ---- 9. IFLA_BR_STP_MODE (upstream's since 7.1; Debian 12's iproute2
# cannot send it, brlink.py does): user STP in any netns, no helper ------
M=$(ns_new m)
brlink() { ip netns exec "$M" python3 "$(dirname "$0")/helpers/brlink.py" "$@"; }
ip -n "$M" link add br0 type bridge
ip link add mp netns "$M" type veth peer name mq netns "$M"
ip -n "$M" link set mp master br0 up
ip -n "$M" link set mq up
ip -n "$M" link set br0 up
check "stp_mode user with stp_state 1 in one request" brlink br0 stp_mode=1 stp_state=1
check "user STP runs in a netns without /sbin/bridge-stp (stp_state 2)" \
	bash -c "[ \"\$(ip netns exec $M cat /sys/class/net/br0/bridge/stp_state)\" = 2 ]"
check_fail "changing the mode while STP runs is EBUSY, with upstream's message" \
	"Can't change STP mode while STP is enabled" brlink br0 stp_mode=2
check "user STP: the port state user space sets is kept (blocking)" \
	bridge -n "$M" link set dev mp state 4
check "and obeyed: mp reads blocking" bash -c "[ \"\$(bridge -n $M -j link show dev mp | jq -r '.[0].state')\" = blocking ]"
check "stp_mode kernel with stp_state 0 in one request" brlink br0 stp_mode=2 stp_state=0
check "stp_state 1 now runs kernel STP" brlink br0 stp_state=1
check "kernel STP: stp_state reads 1" \
	bash -c "[ \"\$(ip netns exec $M cat /sys/class/net/br0/bridge/stp_state)\" = 1 ]"
check_fail "stp_mode 3 is out of range" ERANGE brlink br0 stp_mode=3

# ---- 10. /sbin/bridge-stp: the user-space helper, in the initial netns ------
# The guest's root is a tmpfs overlay, so a helper written here is the
# guest's alone. It logs its arguments and exits with the code in $RC.
HELPER=/sbin/bridge-stp HLOG=/tmp/lbr-bridge-stp.log RC=/tmp/lbr-bridge-stp.rc
if [ -e "$HELPER" ]; then
	skip "/sbin/bridge-stp" "a real $HELPER is installed here"
else
	# shellcheck disable=SC2016 # the helper expands them
	printf '#!/bin/sh\necho "$*" >>%s\nread -r rc <%s\nexit "$rc"\n' "$HLOG" "$RC" >"$HELPER"
	chmod 755 "$HELPER"
	defer rm -f "$HELPER" "$HLOG" "$RC"
	: >"$HLOG"
	echo 0 >"$RC"
	ip link add lbrh0 type bridge || bail "no bridge in the initial netns"
	defer ip link del lbrh0
	check "helper exits 0: stp_state 1 hands the bridge to it (reads 2)" \
		bash -c "ip link set lbrh0 type bridge stp_state 1 && [ \"\$(cat /sys/class/net/lbrh0/bridge/stp_state)\" = 2 ]"
	check "the helper was called as 'lbrh0 start'" grep -qx "lbrh0 start" "$HLOG"
	check "stp_state 0 calls it with 'lbrh0 stop'" \
		bash -c "ip link set lbrh0 type bridge stp_state 0 && grep -qx 'lbrh0 stop' $HLOG && [ \"\$(cat /sys/class/net/lbrh0/bridge/stp_state)\" = 0 ]"
	echo 1 >"$RC"
	check "helper exits 1: the kernel's STP runs instead (reads 1)" \
		bash -c "echo 1 >/sys/class/net/lbrh0/bridge/stp_state && [ \"\$(cat /sys/class/net/lbrh0/bridge/stp_state)\" = 1 ]"
	check "the failed start was asked" test "$(grep -cx 'lbrh0 start' "$HLOG")" = 2
	check "kernel STP off: the helper is not asked to stop" \
		bash -c "ip link set lbrh0 type bridge stp_state 0 && [ \"\$(grep -cx 'lbrh0 stop' $HLOG)\" = 1 ]"
	echo 0 >"$RC"
	H=$(ns_new h)
	ip -n "$H" link add br0 type bridge
	check "in another netns the helper is not called (as in-tree): kernel STP" \
		bash -c "ip -n $H link set br0 type bridge stp_state 1 && [ \"\$(ip netns exec $H cat /sys/class/net/br0/bridge/stp_state)\" = 1 ] &&
			! grep -q '^br0 ' $HLOG"
fi

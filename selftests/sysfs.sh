#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# sysfs.sh - /sys/class/net/<br>/{bridge/,brif/,brforward,uevent} and <port>/brport/: formats, defaults, writes, errors.
#
#   h1: eth0 02:00:00:00:00:01 --- v0 02:00:00:00:01:00 --+
#                                                         +-- br0   (netns sw)
#                                  v1 02:00:00:00:01:01 --+
#   (v1's peer p1 is up in sw)
#
# Formats are ABI (brctl parses them back): ABI.md section 2.  Values read
# here are cross-checked with ip -d -j link show where iproute2 shows them.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd python3 jq
lbr_load

SW=$(ns_new sw)
H1=$(ns_new h1)
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec "$H1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
ip link add name eth0 address 02:00:00:00:00:01 netns "$H1" \
	type veth peer name v0 address 02:00:00:00:01:00 netns "$SW"
ip -n "$SW" link add v1 address 02:00:00:00:01:01 type veth peer name p1
ip -n "$H1" addr add 192.0.2.1/24 dev eth0
ip -n "$SW" link add br0 type bridge
ip -n "$SW" link set v0 master br0
ip -n "$SW" link set v1 master br0
for d in br0 v0 v1 p1; do ip -n "$SW" link set "$d" up; done
ip -n "$H1" link set eth0 up
# h1 sends a frame only when pinged to (no ARP retries to refresh the
# learned entry while the tests below read its timer)
ip -n "$H1" neigh add 192.0.2.2 lladdr 02:00:00:00:00:99 dev eth0 nud permanent

C=/sys/class/net
# val FILE EXPECTED: FILE (under /sys/class/net in sw) reads exactly EXPECTED.
val() {
	local got
	got=$(ip netns exec "$SW" cat "$C/$1") || return 1
	[ "$got" = "$2" ] || { echo "$1 is '$got', expected '$2'"; return 1; }
}
# wr FILE VALUE: write VALUE (no newline) with a single write(2); the errno
# is in the error message.
wr() {
	ip netns exec "$SW" python3 -c 'import os, sys
fd = os.open(sys.argv[1], os.O_WRONLY)
os.write(fd, sys.argv[2].encode())' "$C/$1" "$2"
}
info() { ip -n "$SW" -d -j link show "$1" | jq -r ".[0].linkinfo.$2"; }

# ---- bridge/: defaults and formats ----
BR0_MAC=$(ip -n "$SW" -j link show br0 | jq -r '.[0].address')
ID0=8000.${BR0_MAC//:/}
check "br0's address is its lowest port's ($BR0_MAC)" test "$BR0_MAC" = 02:00:00:00:01:00
for kv in forward_delay=1500 hello_time=200 max_age=2000 ageing_time=30000 stp_state=0 \
	priority=32768 group_fwd_mask=0x0 group_addr=01:80:c2:00:00:00 root_port=0 \
	root_path_cost=0 topology_change=0 topology_change_detected=0 hello_timer=0 \
	tcn_timer=0 topology_change_timer=0 no_linklocal_learn=0 "bridge_id=$ID0" "root_id=$ID0"; do
	check "bridge/${kv%%=*} is ${kv#*=}" val "br0/bridge/${kv%%=*}" "${kv#*=}"
done
check "bridge/gc_timer counts down in centiseconds (0-30000)" bash -c \
	"t=\$(ip netns exec $SW cat $C/br0/bridge/gc_timer) && [ \"\$t\" -ge 0 ] && [ \"\$t\" -le 30000 ]"
check "bridge/flush is write-only (0200), others 0644/0444" bash -c \
	"[ \"\$(ip netns exec $SW stat -c %a $C/br0/bridge/flush $C/br0/bridge/ageing_time $C/br0/bridge/bridge_id | xargs)\" = '200 644 444' ]"
check "uevent has DEVTYPE=bridge" bash -c "ip netns exec $SW grep -qx DEVTYPE=bridge $C/br0/uevent"

# ---- bridge/: writes ----
check "write ageing_time 1000" wr br0/bridge/ageing_time 1000
check "ageing_time reads 1000" val br0/bridge/ageing_time 1000
check "ip -d shows ageing_time 1000" test "$(info br0 info_data.ageing_time)" = 1000
check "write ageing_time in hex (0x7530)" wr br0/bridge/ageing_time 0x7530
check "ageing_time reads 30000" val br0/bridge/ageing_time 30000
check_fail "write ageing_time abc is EINVAL" EINVAL wr br0/bridge/ageing_time abc
check "write priority 4096" wr br0/bridge/priority 4096
check "priority reads 4096" val br0/bridge/priority 4096
check "bridge_id's prefix follows the priority" val br0/bridge/bridge_id "1000.${BR0_MAC//:/}"
check "root_id follows (br0 is its own root)" val br0/bridge/root_id "1000.${BR0_MAC//:/}"
check "brport/designated_root follows" val v0/brport/designated_root "1000.${BR0_MAC//:/}"
check "write priority 32768 back" wr br0/bridge/priority 32768
check "bridge_id is back to 8000." val br0/bridge/bridge_id "$ID0"
check "write group_fwd_mask 0x4000" wr br0/bridge/group_fwd_mask 0x4000
check "group_fwd_mask reads 0x4000" val br0/bridge/group_fwd_mask 0x4000
check_fail "write group_fwd_mask 0x1 (STP) is EINVAL" EINVAL wr br0/bridge/group_fwd_mask 0x1
check_fail "write group_fwd_mask 0x4 (LACP) is EINVAL" EINVAL wr br0/bridge/group_fwd_mask 0x4
check "group_fwd_mask still 0x4000" val br0/bridge/group_fwd_mask 0x4000
check "write group_fwd_mask 0" wr br0/bridge/group_fwd_mask 0
check "write group_addr 01:80:c2:00:00:0e" wr br0/bridge/group_addr 01:80:c2:00:00:0e
check "group_addr reads 01:80:c2:00:00:0e" val br0/bridge/group_addr 01:80:c2:00:00:0e
check_fail "write group_addr 01:80:c2:00:00:01 (pause) is EINVAL" EINVAL \
	wr br0/bridge/group_addr 01:80:c2:00:00:01
check "write group_addr back" wr br0/bridge/group_addr 01:80:c2:00:00:00
check "write forward_delay 400 (any value while STP is off)" wr br0/bridge/forward_delay 400
check "forward_delay reads 400" val br0/bridge/forward_delay 400
check_fail "write hello_time 50 is ERANGE" ERANGE wr br0/bridge/hello_time 50
check_fail "write max_age 100 is ERANGE" ERANGE wr br0/bridge/max_age 100
check "hello_time, max_age unchanged" bash -c \
	"[ \"\$(ip netns exec $SW cat $C/br0/bridge/hello_time $C/br0/bridge/max_age | xargs)\" = '200 2000' ]"
check "write stp_state 1 (kernel STP: no /sbin/bridge-stp here)" wr br0/bridge/stp_state 1
check "stp_state reads 1" val br0/bridge/stp_state 1
check "write stp_state 0" wr br0/bridge/stp_state 0
check "stp_state reads 0" val br0/bridge/stp_state 0

# ---- brif/ and brport/ ----
check "brif/ lists v0 v1" bash -c "[ \"\$(ip netns exec $SW ls $C/br0/brif | xargs)\" = 'v0 v1' ]"
check "brif/v0 -> ../../v0/brport" test "$(ip netns exec "$SW" readlink $C/br0/brif/v0)" = ../../v0/brport
check "brif/v0 resolves to v0's brport" bash -c \
	"[ \"\$(ip netns exec $SW readlink -f $C/br0/brif/v0)\" = \"\$(ip netns exec $SW readlink -f $C/v0/brport)\" ]"
check "brport/bridge -> ../../br0" test "$(ip netns exec "$SW" readlink $C/v0/brport/bridge)" = ../../br0
check "v0 forwarding (brport/state 3)" wait_for "v0 forwarding" 10 val v0/brport/state 3
for kv in port_no=0x1 port_id=0x8001 priority=32 path_cost=2 learning=1 unicast_flood=1 \
	multicast_flood=1 broadcast_flood=1 hairpin_mode=0 isolated=0 bpdu_guard=0 \
	root_block=0 designated_port=32769 designated_cost=0 change_ack=0 config_pending=0 \
	group_fwd_mask=0x0 message_age_timer=0 hold_timer=0 \
	"designated_root=$ID0" "designated_bridge=$ID0"; do
	check "v0 brport/${kv%%=*} is ${kv#*=}" val "v0/brport/${kv%%=*}" "${kv#*=}"
done
# Without STP a port goes straight to forwarding, yet (as in-tree) its
# forward delay timer still runs out the delay it had when it came up.
check "v0 brport/forward_delay_timer counts down from 1500 at most" bash -c \
	"t=\$(ip netns exec $SW cat $C/v0/brport/forward_delay_timer) && [ \"\$t\" -ge 0 ] && [ \"\$t\" -le 1500 ]"
check "v1 brport/port_no 0x2, port_id 0x8002" bash -c \
	"[ \"\$(ip netns exec $SW cat $C/v1/brport/port_no $C/v1/brport/port_id | xargs)\" = '0x2 0x8002' ]"
check "write hairpin_mode 1" wr v0/brport/hairpin_mode 1
check "hairpin_mode reads 1" val v0/brport/hairpin_mode 1
check "ip -d shows hairpin on" test "$(info v0 info_slave_data.hairpin)" = true
check "write hairpin_mode 0" wr v0/brport/hairpin_mode 0
check "write brport/priority 5" wr v0/brport/priority 5
check "port_id follows the priority (0x1401)" val v0/brport/port_id 0x1401
check_fail "write brport/priority 64 is ERANGE" ERANGE wr v0/brport/priority 64
check "write brport/priority 32 back" wr v0/brport/priority 32
check "write brport/path_cost 7" wr v0/brport/path_cost 7
check "ip -d shows cost 7" test "$(info v0 info_slave_data.cost)" = 7
check_fail "write brport/path_cost 0 is ERANGE" ERANGE wr v0/brport/path_cost 0
check_fail "write brport/path_cost 65536 is ERANGE" ERANGE wr v0/brport/path_cost 65536
check_fail "write brport/path_cost abc is EINVAL" EINVAL wr v0/brport/path_cost abc
check "path_cost still 7" val v0/brport/path_cost 7
check "write brport/learning 0" wr v0/brport/learning 0
check "ip -d shows learning off" test "$(info v0 info_slave_data.learning)" = false
check "write brport/learning 1" wr v0/brport/learning 1
check_fail "write brport/group_fwd_mask 0x2 (pause) is EINVAL" EINVAL wr v0/brport/group_fwd_mask 0x2
check "write brport/group_fwd_mask 0x1 (STP, allowed per port)" wr v0/brport/group_fwd_mask 0x1
check "brport/group_fwd_mask reads 0x1" val v0/brport/group_fwd_mask 0x1
check "write brport/bpdu_guard 1" wr v0/brport/bpdu_guard 1
check "bpdu_guard reads 1" val v0/brport/bpdu_guard 1
check "write brport/bpdu_guard 0" wr v0/brport/bpdu_guard 0

# ---- brforward and flush ----
# h1's echo request to 192.0.2.2 (nobody answers) teaches br0 h1's address
# on port 1.
learned() {
	ip netns exec "$H1" ping -q -c 1 -W 1 192.0.2.2 >/dev/null 2>&1
	bridge -n "$SW" fdb show br br0 | grep -q '^02:00:00:00:00:01 dev v0 master br0'
}
check "br0 learns h1's address" wait_for "learned entry" 10 learned
check "bridge fdb add a static entry" bridge -n "$SW" fdb add 02:00:00:00:aa:01 dev v1 master static
# brforward: struct __fdb_entry records (mac[6], port_no, is_local,
# ageing_timer_value u32, port_hi, pad, unused u16), 16 bytes each.
BRFWD='import os, struct, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
data = b""
while True:
    chunk = os.read(fd, 4096)
    if not chunk:
        break
    data += chunk
if len(data) % 16:
    sys.exit("length %d is not a multiple of 16" % len(data))
for i in range(0, len(data), 16):
    mac, port, local, timer, hi = struct.unpack_from("=6sBBIB", data, i)
    print("%s port %d local %d timer %s" % (":".join("%02x" % b for b in mac),
          port | hi << 8, local, "0" if timer == 0 else "running"))
# record 1 again, alone, from its offset (the timer, bytes 8-11, may tick)
if len(data) >= 32:
    rec = os.pread(fd, 16, 16)
    if rec[:8] + rec[12:] != data[16:24] + data[28:32]:
        sys.exit("pread(16, 16) is not record 1")'
# brforward_is RECORD...: brforward holds exactly these records, in any order.
brforward_is() {
	local got want
	got=$(ip netns exec "$SW" python3 -c "$BRFWD" "$C/br0/brforward") || return 1
	got=$(sort <<<"$got")
	want=$(printf '%s\n' "$@" | sort)
	[ "$got" = "$want" ] || { printf 'brforward:\n%s\nexpected:\n%s\n' "$got" "$want"; return 1; }
}
# Local and static entries twice, for no VLAN and the ports' default pvid 1
# (a static entry added with no VLAN goes to each of the port's VLANs too),
# and brforward has no VLAN field: as on bridge.ko.
KEPT=("02:00:00:00:01:00 port 1 local 1 timer 0" "02:00:00:00:01:00 port 1 local 1 timer 0"
      "02:00:00:00:01:01 port 2 local 1 timer 0" "02:00:00:00:01:01 port 2 local 1 timer 0"
      "02:00:00:00:aa:01 port 2 local 0 timer 0" "02:00:00:00:aa:01 port 2 local 0 timer 0")
check "brforward: 16-byte records, local, learned and static entries" brforward_is \
	"02:00:00:00:00:01 port 1 local 0 timer running" "${KEPT[@]}"
check_fail "brforward: read at offset 3 is EINVAL" EINVAL ip netns exec "$SW" python3 -c \
	'import os, sys; os.pread(os.open(sys.argv[1], os.O_RDONLY), 16, 3)' "$C/br0/brforward"
check "brforward: 0444" test "$(ip netns exec "$SW" stat -c %a $C/br0/brforward)" = 444
check "write bridge/flush" wr br0/bridge/flush 1
check "flush: learned entry gone, static and local ones kept" brforward_is "${KEPT[@]}"
check "br0 learns h1's address again" wait_for "learned entry" 10 learned
check "write brport/flush on v1 (h1 is on v0)" wr v1/brport/flush 1
check "learned entry on v0 survives v1's flush" bash -c \
	"bridge -n $SW fdb show br br0 | grep -q '^02:00:00:00:00:01 dev v0 master br0'"
check "write brport/flush on v0" wr v0/brport/flush 1
check "v0's learned entry is gone" bash -c \
	"! bridge -n $SW fdb show br br0 | grep -q '^02:00:00:00:00:01 dev v0'"

# ---- the directories go with the bridge ----
check "ip link set v1 nomaster" ip -n "$SW" link set v1 nomaster
check "v1 has no brport/, br0 no brif/v1" bash -c \
	"ip netns exec $SW sh -c '[ ! -e $C/v1/brport ] && [ ! -e $C/br0/brif/v1 ]'"
check "ip link del br0" ip -n "$SW" link del br0
check "v0 has no brport/ any more" bash -c "ip netns exec $SW sh -c '[ ! -e $C/v0/brport ]'"

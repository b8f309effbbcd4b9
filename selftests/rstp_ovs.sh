#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rstp_ovs.sh - lbridge's RSTP and Open vSwitch's in one triangle: both agree on root, roles and the one discarding port, either side root, converging by agreement.
#
#       L1 (netns, lbridge br0) --- l1a  ----  l2a --- L2 (netns, lbridge br0)
#        |                                               |
#       l1b                                             l2b
#        |                                               |
#       ob1 ------------- ob0 (OVS, initial netns) ----- ob2
#
# OVS's rstp_status columns are its own view; lbridge's is lbrctl showrstp
# (the generic netlink family) and bridge link.  The forward delay is 30 s
# on every bridge: ports forwarding well within it got there by proposal
# and agreement.  RSTP is on everywhere before the loop closes.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd ovs-vswitchd ovsdb-server ovs-vsctl jq
lbr_load

LBRCTL=${LBRCTL:-$LBR_REPO/tools/lbrctl/lbrctl}
[ -x "$LBRCTL" ] || bail "no $LBRCTL (make lbrctl)"

OVS_DIR=$(mktemp -d /tmp/lbrstp-ovs.XXXXXX)
export OVS_RUNDIR=$OVS_DIR OVS_DBDIR=$OVS_DIR OVS_LOGDIR=$OVS_DIR OVS_SYSCONFDIR=$OVS_DIR
modprobe openvswitch || skip_all "no openvswitch module"
ovsdb-tool create "$OVS_DIR/conf.db" /usr/share/openvswitch/vswitch.ovsschema ||
	bail "ovsdb-tool create"
defer rm -rf "$OVS_DIR"
ovsdb-server --remote="punix:$OVS_DIR/db.sock" --pidfile --detach --no-chdir \
	--log-file="$OVS_DIR/ovsdb-server.log" "$OVS_DIR/conf.db" || bail "ovsdb-server"
defer ovs-appctl -t ovsdb-server exit
ovs-vsctl --no-wait init || bail "ovs-vsctl init"
ovs-vswitchd --pidfile --detach --no-chdir --log-file="$OVS_DIR/ovs-vswitchd.log" ||
	bail "ovs-vswitchd"
defer ovs-appctl -t ovs-vswitchd exit --cleanup

L1=$(ns_new l1)
L2=$(ns_new l2)
for ns in "$L1" "$L2"; do
	ip -n "$ns" link add br0 type bridge stp_state 1 hello_time 200 \
		forward_delay 3000 max_age 2000 || bail "$ns: no STP bridge"
	ip netns exec "$ns" "$LBRCTL" setstpproto br0 rstp || bail "$ns: no RSTP"
done
ip -n "$L1" link set br0 type bridge priority 8192
OB1=$(if_name ob1)
OB2=$(if_name ob2)
defer ovs-vsctl --if-exists del-br ob0
ovs-vsctl add-br ob0 -- set Bridge ob0 rstp_enable=true \
	other_config:rstp-priority=4096 other_config:rstp-max-age=20 \
	other_config:rstp-forward-delay=30 || bail "OVS bridge ob0 with RSTP"
ip link add l1a netns "$L1" type veth peer name l2a netns "$L2"
ip link add l1b netns "$L1" type veth peer name "$OB1"
ip link add l2b netns "$L2" type veth peer name "$OB2"
ip -n "$L1" link set l1a master br0 up
ip -n "$L1" link set l1b master br0 up
ip -n "$L2" link set l2a master br0 up
ip -n "$L2" link set l2b master br0 up
ip -n "$L1" link set br0 up
ip -n "$L2" link set br0 up
ip link set "$OB1" up
ip link set "$OB2" up
ovs-vsctl add-port ob0 "$OB1" -- add-port ob0 "$OB2" || bail "OVS ports"

# OVS writes ids as 8.000.<mac>, lbridge as 8000.<mac>
ovs_id() { ovs-vsctl get Bridge ob0 "rstp_status:$1" | tr -d '"' | sed 's/\.//'; }
ovs_port() { ovs-vsctl get Port "$1" "rstp_status:rstp_port_$2" | tr -d '"' | tr '[:upper:]' '[:lower:]'; }
lb() { ip netns exec "$1" cat "/sys/class/net/$2"; }
lb_role() {
	ip netns exec "$1" "$LBRCTL" showrstp br0 |
		awk -v p="$2" '/^[^ \t]/ { cur = $1 } cur == p && $1 == "role" { print $2; exit }'
}
lb_state() { bridge -n "$1" -j link show dev "$2" | jq -r '.[0].state'; }
# all: "L1:l1a=role/state ... OVS:ob1=role/state ..."
all() {
	local out='' ns dev
	for ns in L1:l1a L1:l1b L2:l2a L2:l2b; do
		dev=${ns#*:}
		[ "${ns%%:*}" = L1 ] && ns=$L1 || ns=$L2
		out+="${dev:0:2}:$dev=$(lb_role "$ns" "$dev")/$(lb_state "$ns" "$dev") "
	done
	echo "${out}OVS:ob1=$(ovs_port "$OB1" role)/$(ovs_port "$OB1" state)" \
		"OVS:ob2=$(ovs_port "$OB2" role)/$(ovs_port "$OB2" state)"
}
settled() { # settled EXPECTED: as EXPECTED, else say what is
	local got
	got=$(all)
	[ "$got" = "$1" ] || { echo "got: $got"; return 1; }
}
root_is() { # root_is ID: both lbridges and OVS name ID as root
	[ "$(lb "$L1" br0/bridge/root_id)" = "$1" ] &&
		[ "$(lb "$L2" br0/bridge/root_id)" = "$1" ] &&
		[ "$(ovs_id rstp_root_id)" = "$1" ]
}
within() { # within SECONDS CMD...: unscaled wall time (a protocol bound)
	local end=$((SECONDS + $1))
	shift
	while [ $SECONDS -le $end ]; do "$@" && return 0; sleep 0.2; done
	return 1
}

# ---- OVS root (priority 4096) ----------------------------------------
OVS_ID=$(ovs_id rstp_bridge_id)
check "OVS reports an RSTP bridge id ($OVS_ID)" test -n "$OVS_ID"
check "OVS root: both lbridges and OVS agree on the root" wait_for "root OVS" 30 root_is "$OVS_ID"
# L1 (8192) beats L2 (32768) on the L1-L2 segment: L2's l2a is alternate.
OVS_ROOT="l1:l1a=designated/forwarding l1:l1b=root/forwarding l2:l2a=alternate/blocking l2:l2b=root/forwarding OVS:ob1=designated/forwarding OVS:ob2=designated/forwarding"
check "OVS root: roles agree, only L2's l2a discards, within 10 s (forward delay 30 s)" \
	within 10 settled "$OVS_ROOT"
check "OVS root: OVS's root path cost is 0" test "$(ovs_id rstp_root_path_cost)" = 0

# ---- lbridge root (L1 priority 0) -------------------------------------
ip -n "$L1" link set br0 type bridge priority 0
L1_ID=$(lb "$L1" br0/bridge/bridge_id)
check "lbridge root: OVS and L2 take L1 ($L1_ID) as root" wait_for "root L1" 30 root_is "$L1_ID"
# On the OVS-L2 segment the costs decide: OVS's RSTP uses 802.1D-2004's
# path costs (2000 for a 10 Gb/s veth), lbridge the in-tree ones (2), so L2
# (cost 2 to the root) is designated there and OVS's ob2 is alternate.
L1_ROOT="l1:l1a=designated/forwarding l1:l1b=designated/forwarding l2:l2a=root/forwarding l2:l2b=designated/forwarding OVS:ob1=root/forwarding OVS:ob2=alternate/discarding"
check "lbridge root: roles agree, only OVS's ob2 discards, within 10 s" within 10 settled "$L1_ROOT"
check "lbridge root: OVS's root path cost is one hop (> 0)" test "$(ovs_id rstp_root_path_cost)" -gt 0

# ---- failover: L1-L2 dies, L2's alternate l2b takes over ---------------
ip -n "$L1" link set l1a down
check "L1-L2 down: L2's l2b forwards as root port within 5 s" within 5 bash -c "
	[ \"\$(bridge -n $L2 -j link show dev l2b | jq -r '.[0].state')\" = forwarding ]"
check "and OVS's ob2 is designated and forwarding" wait_for "ob2" 10 bash -c "
	[ \"\$(ovs-vsctl get Port $OB2 rstp_status:rstp_port_role | tr -d '\"')\" = Designated ] &&
	[ \"\$(ovs-vsctl get Port $OB2 rstp_status:rstp_port_state | tr -d '\"')\" = Forwarding ]"

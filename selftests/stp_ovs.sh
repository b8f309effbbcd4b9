#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# stp_ovs.sh - lbridge's STP and Open vSwitch's in one triangle: both agree on root, costs and the one blocked port, either side root.
#
#       L1 (netns, lbridge br0) --- l1a  ----  l2a --- L2 (netns, lbridge br0)
#        |                                               |
#       l1b                                             l2b
#        |                                               |
#       ob1 ------------- ob0 (OVS, initial netns) ----- ob2
#
# OVS's status columns (stp_bridge_id, stp_designated_root, port stp_state)
# are its own view; lbridge's is sysfs.  Timers: hello 1 s, max age 6 s,
# forward delay 4 s (OVS's lowest).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd ovs-vswitchd ovsdb-server ovs-vsctl jq
lbr_load

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
	ip -n "$ns" link add br0 type bridge stp_state 1 hello_time 100 \
		forward_delay 400 max_age 600 || bail "$ns: no STP bridge"
done
OB1=$(if_name ob1)
OB2=$(if_name ob2)
ip link add l1a netns "$L1" type veth peer name l2a netns "$L2"
ip link add l1b netns "$L1" type veth peer name "$OB1"
ip link add l2b netns "$L2" type veth peer name "$OB2"
ip -n "$L1" link set l1a master br0 up
ip -n "$L1" link set l1b master br0 up
ip -n "$L2" link set l2a master br0 up
ip -n "$L2" link set l2b master br0 up
ip link set "$OB1" up
ip link set "$OB2" up
defer ovs-vsctl --if-exists del-br ob0
ovs-vsctl add-br ob0 -- add-port ob0 "$OB1" -- add-port ob0 "$OB2" -- \
	set Bridge ob0 stp_enable=true other_config:stp-hello-time=1 \
	other_config:stp-max-age=6 other_config:stp-forward-delay=4 \
	other_config:stp-priority=4096 || bail "OVS bridge ob0 with STP"
ip -n "$L1" link set br0 type bridge priority 8192
ip -n "$L1" link set br0 up
ip -n "$L2" link set br0 up

ovs_br() { ovs-vsctl get Bridge ob0 "status:$1" | tr -d '"'; }
ovs_port_state() { ovs-vsctl get Port "$1" status:stp_state | tr -d '"'; }
lb() { ip netns exec "$1" cat "/sys/class/net/$2"; }
lb_state() { bridge -n "$1" -j link show dev "$2" | jq -r '.[0].state'; }
# all_states: "L1:l1a=... L1:l1b=... L2:l2a=... L2:l2b=... OVS:ob1=... OVS:ob2=..."
all_states() {
	echo "L1:l1a=$(lb_state "$L1" l1a) L1:l1b=$(lb_state "$L1" l1b)" \
		"L2:l2a=$(lb_state "$L2" l2a) L2:l2b=$(lb_state "$L2" l2b)" \
		"OVS:ob1=$(ovs_port_state "$OB1") OVS:ob2=$(ovs_port_state "$OB2")"
}
settled() { [ "$(all_states)" = "$1" ]; }
root_is() { # root_is ID: both lbridges and OVS name ID as root
	[ "$(lb "$L1" br0/bridge/root_id)" = "$1" ] &&
		[ "$(lb "$L2" br0/bridge/root_id)" = "$1" ] &&
		[ "$(ovs_br stp_designated_root)" = "$1" ]
}

# ---- OVS root (priority 4096) ----------------------------------------
OVS_ID=$(ovs_br stp_bridge_id)
check "OVS reports an STP bridge id ($OVS_ID)" test -n "$OVS_ID"
check "OVS root: both lbridges and OVS agree on the root" wait_for "root OVS" 30 root_is "$OVS_ID"
# L1 (8192) beats L2 (32768) on the L1-L2 segment: L2's l2a blocks.
OVS_ROOT_STATES="L1:l1a=forwarding L1:l1b=forwarding L2:l2a=blocking L2:l2b=forwarding OVS:ob1=forwarding OVS:ob2=forwarding"
check "OVS root: only L2's port to L1 blocks" wait_for "states" 30 settled "$OVS_ROOT_STATES"
check "OVS root: L1's root port is l1b, its cost that of one veth hop" bash -c "
	[ \"\$(ip netns exec $L1 cat /sys/class/net/l1b/brport/port_no)\" = \"\$(printf '0x%x' \$(ip netns exec $L1 cat /sys/class/net/br0/bridge/root_port))\" ] &&
	[ \"\$(ip netns exec $L1 cat /sys/class/net/br0/bridge/root_path_cost)\" -gt 0 ]"
check "OVS root: OVS says it is root (root path cost 0)" test "$(ovs_br stp_root_path_cost)" = 0

# ---- lbridge root (L1 priority 0) -------------------------------------
ip -n "$L1" link set br0 type bridge priority 0
L1_ID=$(lb "$L1" br0/bridge/bridge_id)
check "lbridge root: OVS and L2 take L1 ($L1_ID) as root" wait_for "root L1" 30 root_is "$L1_ID"
# OVS (4096) beats L2 (32768) on the OVS-L2 segment: L2's l2b blocks.
L1_ROOT_STATES="L1:l1a=forwarding L1:l1b=forwarding L2:l2a=forwarding L2:l2b=blocking OVS:ob1=forwarding OVS:ob2=forwarding"
check "lbridge root: only L2's port to OVS blocks" wait_for "states" 30 settled "$L1_ROOT_STATES"
check "lbridge root: OVS's root path cost is one hop (> 0)" \
	bash -c "[ \"\$(ovs-vsctl get Bridge ob0 status:stp_root_path_cost | tr -d '\"')\" -gt 0 ]"
check "lbridge root: L1 has no root port" test "$(lb "$L1" br0/bridge/root_port)" = 0

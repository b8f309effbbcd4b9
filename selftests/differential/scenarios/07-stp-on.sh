# shellcheck shell=bash
# Kernel STP switched on by every client (brctl, sysfs, ip), and the STP-only port flags (BPDU guard, root block).
veths 2
setup brctl addbr br0
setup brctl addif br0 v0 v1
run brctl stp br0 on
rd /sys/class/net/br0/bridge/stp_state
wr /sys/class/net/br0/bridge/stp_state 0
wr /sys/class/net/br0/bridge/stp_state 1
wr /sys/class/net/br0/bridge/stp_state 2
wr /sys/class/net/br0/bridge/stp_state 3
run ip link set br0 type bridge stp_state 0
run ip link set br0 type bridge stp_state 1
run ip link add br1 type bridge stp_state 1
run brctl show
run brctl setfd br0 1
run brctl sethello br0 0.5
run brctl setmaxage br0 100
run brctl stp br0 off
rd /sys/class/net/br0/bridge/stp_state
wr /sys/class/net/v0/brport/bpdu_guard 1
wr /sys/class/net/v0/brport/root_block 1
run ip link set v1 type bridge_slave guard on root_block on
run bridge link set dev v1 guard off root_block off
run bridge link set dev v1 guard on
runsh "ip -d -j link show v0 | jq -c '.[0].linkinfo.info_slave_data | {guard, root_block}'"
runsh "ip -d -j link show v1 | jq -c '.[0].linkinfo.info_slave_data | {guard, root_block}'"

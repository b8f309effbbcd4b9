# shellcheck shell=bash
# The core bridge attributes through ip -j -d, as they change with ports and settings.
C='.[0] | {flags, mtu, operstate, address, min_mtu, max_mtu, master, num_tx: .num_tx_queues, i: .linkinfo.info_data | {forward_delay, hello_time, max_age, ageing_time, stp_state, priority, vlan_filtering, bridge_id, root_id, root_port, root_path_cost, topology_change, topology_change_detected, group_fwd_mask, group_addr, no_linklocal_learn, hello_timer, tcn_timer, topology_change_timer}}'
veths 2
setup ip link add br0 type bridge
opersettle br0
runsh "ip -d -j link show br0 | jq -c '$C'"
setup ip link set v1 master br0
opersettle br0
runsh "ip -d -j link show br0 | jq -c '$C'"
setup ip link set v0 master br0
up br0
gcsettle br0
opersettle br0
runsh "ip -d -j link show br0 | jq -c '$C'"
up v0 p0
opersettle br0
runsh "ip -d -j link show br0 | jq -c '$C'"
setup ip link set br0 type bridge priority 4096 ageing_time 1000
opersettle br0
runsh "ip -d -j link show br0 | jq -c '$C'"
setup ip link set br0 address "$(mac 11 9)"
opersettle br0
runsh "ip -d -j link show br0 | jq -c '$C'"

# shellcheck shell=bash
# Per-VLAN multicast snooping (mcast_vlan_snooping), which lbridge does not have yet.
veths 1
setup ip link add br0 address "$(mac 11 0)" type bridge vlan_filtering 1
setup ip link set v0 master br0
run ip link set br0 type bridge mcast_vlan_snooping 1
runsh "ip -d -j link show br0 | jq -c '.[0].linkinfo.info_data.mcast_vlan_snooping'"

# shellcheck shell=bash
# ip -d link show of a bridge, text and every JSON attribute (known gaps: mcast_*, vlan_*, nf_call_*).
veths 1
setup ip link add br0 type bridge
run ip -d link show br0
runsh "ip -d -j link show br0 | jq -r '.[0].linkinfo.info_data | to_entries[] | \"\\(.key)=\\(.value)\"'"
setup ip link set v0 master br0
up br0 v0 p0
gcsettle br0
run ip -d link show br0
runsh "ip -d -j link show br0 | jq -r '.[0] | del(.linkinfo, .stats64) | to_entries[] | \"\\(.key)=\\(.value)\"'"

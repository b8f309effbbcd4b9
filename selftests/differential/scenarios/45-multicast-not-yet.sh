# shellcheck shell=bash
# Multicast features lbridge does not have yet: IGMPv3/MLDv2 source filtering, per-VLAN snooping.
veths 1
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
run ip link set br0 type bridge mcast_igmp_version 3
run ip link set br0 type bridge mcast_mld_version 2
wr /sys/class/net/br0/bridge/multicast_igmp_version 3
runsh "ip -d -j link show br0 | jq -c '.[0].linkinfo.info_data | {mcast_igmp_version, mcast_mld_version}'"

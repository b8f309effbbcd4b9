# shellcheck shell=bash
# Multicast snooping's options through ip, sysfs and bridge: defaults, changes, ranges, refusals.
veths 1
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
runsh "ip -d -j link show br0 | jq -c '.[0].linkinfo.info_data | with_entries(select(.key | test(\"mcast\")))'"
run ip link set br0 type bridge mcast_snooping 0
rd /sys/class/net/br0/bridge/multicast_snooping
run ip link set br0 type bridge mcast_snooping 1 mcast_router 2 mcast_hash_max 512
run ip link set br0 type bridge mcast_router 3
run ip link set br0 type bridge mcast_igmp_version 4
run ip link set br0 type bridge mcast_mld_version 0
run ip link set br0 type bridge mcast_last_member_count 3 mcast_startup_query_count 4
run ip link set br0 type bridge mcast_last_member_interval 200 mcast_membership_interval 30000
run ip link set br0 type bridge mcast_querier_interval 20000 mcast_query_response_interval 500
run ip link set br0 type bridge mcast_query_interval 50 mcast_startup_query_interval 10000000
run ip link set br0 type bridge mcast_query_use_ifaddr 1 mcast_hash_elasticity 8
runsh "ip -d -j link show br0 | jq -c '.[0].linkinfo.info_data | with_entries(select(.key | test(\"mcast\")))'"
sysdump /sys/class/net/br0/bridge
wr /sys/class/net/br0/bridge/multicast_router 3
wr /sys/class/net/br0/bridge/multicast_router 0
wr /sys/class/net/br0/bridge/multicast_igmp_version 1
wr /sys/class/net/br0/bridge/multicast_query_interval 10
wr /sys/class/net/br0/bridge/hash_max 64
rd /sys/class/net/br0/bridge/multicast_router /sys/class/net/br0/bridge/multicast_query_interval /sys/class/net/br0/bridge/hash_max
run ip link set v0 type bridge_slave mcast_router 2 mcast_fast_leave on mcast_to_unicast off
run ip link set v0 type bridge_slave mcast_router 4
run ip link set v0 type bridge_slave mcast_eht_hosts_limit 0
run ip link set v0 type bridge_slave mcast_eht_hosts_limit 100
run bridge link set dev v0 mcast_router 0
runsh "ip -d -j link show v0 | jq -c '.[0].linkinfo.info_slave_data | {mcast_router, mcast_fast_leave, mcast_to_unicast, mcast_eht_hosts_limit, mcast_eht_hosts_cnt}'"
wr /sys/class/net/v0/brport/multicast_router 3
wr /sys/class/net/v0/brport/multicast_router 5
wr /sys/class/net/v0/brport/multicast_fast_leave 1
sysdump /sys/class/net/v0/brport

# shellcheck shell=bash
# Multicast snooping and its options (lbridge: not yet).
veths 1
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
run ip link set br0 type bridge mcast_snooping 1
run ip link set br0 type bridge mcast_querier 1
run ip link set br0 type bridge mcast_router 2 mcast_hash_max 512 mcast_igmp_version 3
run ip link set v0 type bridge_slave mcast_fast_leave on
run bridge mdb show
rd /sys/class/net/br0/bridge/multicast_snooping /sys/class/net/br0/bridge/hash_max
wr /sys/class/net/br0/bridge/multicast_snooping 0
wr /sys/class/net/v0/brport/multicast_router 2

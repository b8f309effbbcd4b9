# shellcheck shell=bash
# The bridge's own querier: mcast_querier through ip and sysfs, and the querier state it reports (IFLA_BR_MCAST_QUERIER_STATE).
veths 1
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
run querier br0
run ip link set br0 type bridge mcast_querier 1
runsh "ip -d -j link show br0 | jq -c '.[0].linkinfo.info_data.mcast_querier'"
run querier br0
rd /sys/class/net/br0/bridge/multicast_querier
run ip link set br0 type bridge mcast_querier 0
run querier br0
up br0 v0 p0
opersettle br0
run ip addr add 192.0.2.1/24 dev br0
run ip link set br0 type bridge mcast_query_use_ifaddr 1
wr /sys/class/net/br0/bridge/multicast_querier 1
# The first query, sent at once, names the bridge's address as the querier's.
runsh "sleep 1; querier br0"
run ip link set br0 type bridge mcast_snooping 0
run querier br0
run ip link set br0 type bridge mcast_snooping 1
runsh "sleep 1; querier br0"
wr /sys/class/net/br0/bridge/multicast_querier 0
run querier br0

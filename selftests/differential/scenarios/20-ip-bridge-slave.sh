# shellcheck shell=bash
# ip link set P type bridge_slave ...: good values, refused ones with extack text; ip -d of a port.
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
run ip -d link show v0
runsh "ip -d -j link show v0 | jq -r '.[0].linkinfo.info_slave_data | to_entries[] | \"\\(.key)=\\(.value)\"'"
S='.[0].linkinfo.info_slave_data | {state, priority, cost, hairpin, guard, root_block, learning, flood, mcast_flood, bcast_flood, proxy_arp, proxy_arp_wifi, neigh_suppress, isolated, locked, group_fwd_mask}'
run ip link set v0 type bridge_slave cost 7 priority 5 learning off flood off hairpin on isolated on mcast_flood off bcast_flood off group_fwd_mask 0x4
runsh "ip -d -j link show v0 | jq -c '$S'"
run ip link set v0 type bridge_slave priority 64
run ip link set v0 type bridge_slave cost 0
run ip link set v0 type bridge_slave cost 65536
run ip link set v0 type bridge_slave group_fwd_mask 2
run ip link set v0 type bridge_slave state 5
run ip link set v0 type bridge_slave state 3
up br0 v1 p1
run ip link set v1 type bridge_slave state 1
run ip link set v1 type bridge_slave state 3
run ip link set v1 type bridge_slave state 0
runsh "ip -d -j link show v1 | jq -c '$S'"
run ip link set v0 type bridge_slave fdb_flush
run ip link set v0 type bridge_slave learning on flood on hairpin off isolated off mcast_flood on bcast_flood on
run ip link set v0 type bridge_slave neigh_suppress off proxy_arp off proxy_arp_wifi off locked off
runsh "ip -d -j link show v0 | jq -c '$S'"
run ip link set v2 type bridge_slave cost 5
run ip link set br0 type bridge_slave cost 5

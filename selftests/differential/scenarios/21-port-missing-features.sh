# shellcheck shell=bash
# Port options for features lbridge lacks: backup port, multicast, VLAN tunnel, ARP/ND proxy and suppression, locked ports.
veths 2
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
run ip link set v0 type bridge_slave backup_port v1
run ip link set v0 type bridge_slave nobackup_port
run ip link set v0 type bridge_slave mcast_router 2
run ip link set v0 type bridge_slave mcast_fast_leave on
run ip link set v0 type bridge_slave mcast_to_unicast on
run ip link set v0 type bridge_slave vlan_tunnel on
run ip link set v0 type bridge_slave proxy_arp on
run ip link set v0 type bridge_slave proxy_arp_wifi on
run ip link set v0 type bridge_slave neigh_suppress on
run ip link set v0 type bridge_slave locked on
run bridge link set dev v1 neigh_suppress on
run bridge link set dev v1 locked on
run bridge link set dev v1 vlan_tunnel on
run bridge link set dev v1 mcast_router 2
wr /sys/class/net/v1/brport/proxyarp 1
wr /sys/class/net/v1/brport/proxyarp_wifi 1
wr /sys/class/net/v1/brport/backup_port v0
runsh "ip -d -j link show v0 | jq -c '.[0].linkinfo.info_slave_data | {backup_port, mcast_router, mcast_fast_leave, mcast_to_unicast, vlan_tunnel, proxy_arp, proxy_arp_wifi, neigh_suppress, locked}'"
runsh "ip -d -j link show v1 | jq -c '.[0].linkinfo.info_slave_data | {mcast_router, vlan_tunnel, proxy_arp, proxy_arp_wifi, neigh_suppress, locked}'"

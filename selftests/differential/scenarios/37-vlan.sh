# shellcheck shell=bash
# VLAN filtering and per-VLAN state (lbridge: not yet).
veths 2
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
run bridge vlan show
run bridge fdb add "$(mac 5 15)" dev v0 master static vlan 1
run bridge fdb del "$(mac 5 15)" dev v0 master vlan 1
run ip link set br0 type bridge vlan_filtering 1
run ip link set br0 type bridge vlan_protocol 802.1ad
run ip link set br0 type bridge vlan_default_pvid 5
run ip link add br1 type bridge vlan_filtering 1
run bridge vlan add dev v0 vid 10
run bridge vlan show
wr /sys/class/net/br0/bridge/vlan_filtering 1
rd /sys/class/net/br0/bridge/vlan_filtering /sys/class/net/br0/bridge/default_pvid
run bridge fdb show br br0

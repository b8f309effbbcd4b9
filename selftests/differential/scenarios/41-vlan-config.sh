# shellcheck shell=bash
# VLAN configuration without traffic: bridge vlan add/del/show on ports and
# on the bridge (self), ranges, compressed and detailed views, the default
# pvid moving, FDB entries per VLAN, and what bridge monitor vlan sees
# (with link: a monitor of groups past 32 alone cannot be seen subscribing).
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge
M=/tmp/lbrdiff-vmon
monitor "$M" bridge monitor link vlan
setup ip link set v0 master br0
setup ip link set v1 master br0
run bridge vlan show
run bridge -j vlan show
run bridge vlan add vid 10 dev v0
run bridge vlan add vid 20 dev v0 pvid untagged
run bridge vlan add vid 30-35 dev v1 untagged
run bridge vlan add vid 40-42 dev v1
run bridge vlan add vid 10 dev br0 self
run bridge vlan add vid 11 dev v0 master
run bridge vlan show
run bridge -compressvlans vlan show
run bridge -compressvlans -j vlan show
run bridge -d vlan show
run bridge -d -j vlan show
run bridge vlan global show
run bridge vlan add vid 10 dev v0 pvid
run bridge vlan show dev v0
run bridge vlan add vid 10 dev v0
run bridge vlan show dev v0
run bridge vlan del vid 31-33 dev v1
run bridge vlan del vid 99 dev v1
run bridge vlan del vid 10 dev br0 self
run bridge vlan show
run bridge fdb add "$(mac 5 1)" dev v0 master static
run bridge fdb add "$(mac 5 2)" dev v1 master static vlan 40
run bridge fdb add "$(mac 5 3)" dev v1 master static vlan 99
run bridge fdb show br br0
run bridge fdb del "$(mac 5 1)" dev v0 master
run bridge fdb del "$(mac 5 2)" dev v1 master vlan 40
run bridge fdb show br br0
run ip link set br0 type bridge vlan_default_pvid 5
run bridge vlan show
run ip link set br0 type bridge vlan_default_pvid 0
run bridge vlan show
setup ip link set v2 master br0
run bridge vlan show dev v2
run ip link set br0 type bridge vlan_default_pvid 1
run bridge vlan show
setup ip link set v2 nomaster
settle "port removal seen" 10 has "$M" "v2"
monitor_stop "$M"

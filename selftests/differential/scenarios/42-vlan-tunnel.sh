# shellcheck shell=bash
# VLAN tunnels: a collect-metadata VXLAN port with vlan_tunnel on, VLAN to
# VNI mappings added, listed, refused, removed with their VLAN and with
# the flag, as bridge vlan tunnelshow, bridge -d vlan show and bridge
# monitor vlan see them.
veths 1
setup ip link add br0 address "$(mac 11 0)" type bridge vlan_filtering 1
setup ip link add vx0 address "$(mac 12 0)" type vxlan dstport 4789 external
M=/tmp/lbrdiff-tmon
monitor "$M" bridge monitor vlan
setup ip link set v0 master br0
setup ip link set vx0 master br0
run bridge vlan add dev vx0 vid 10 tunnel_info id 1010
run bridge link set dev vx0 vlan_tunnel on
run bridge -d link show dev vx0
run bridge vlan add dev vx0 vid 10-16
run bridge vlan add dev vx0 vid 10 tunnel_info id 1010
run bridge vlan add dev vx0 vid 11-13 tunnel_info id 1011-1013
run bridge vlan add dev vx0 vid 15 tunnel_info id 2015
run bridge vlan add dev vx0 vid 16 tunnel_info id 0
run bridge vlan tunnelshow
run bridge -j vlan tunnelshow
run bridge vlan tunnelshow dev vx0
run bridge -d vlan show dev vx0
run bridge -d -j vlan show dev vx0
run bridge vlan add dev vx0 vid 10 tunnel_info id 3000
run bridge vlan add dev vx0 vid 14 tunnel_info id 1010
run bridge vlan add dev vx0 vid 99 tunnel_info id 99
run bridge vlan add dev v0 vid 1 tunnel_info id 5
run bridge vlan add dev vx0 vid 14-15 tunnel_info id 20-22
run bridge vlan tunnelshow
run bridge vlan del dev vx0 vid 11 tunnel_info id 1011
run bridge vlan del dev vx0 vid 12
run bridge vlan del dev vx0 vid 40 tunnel_info id 40
run bridge vlan tunnelshow
run bridge -d vlan show dev vx0
run ip -d link show vx0
run bridge link set dev vx0 vlan_tunnel off
run bridge vlan tunnelshow
run bridge link set dev vx0 vlan_tunnel on
run bridge vlan tunnelshow
settle "monitor saw vid 16" 10 has "$M" "16"
monitor_stop "$M"

# shellcheck shell=bash
# brctl show: all bridges, named ones, missing and non-bridge names, ports in order.
veths 4
run brctl show
setup ip link add br1 address "$(mac 11 1)" type bridge
setup ip link add br0 type bridge
run brctl show
setup brctl addif br0 v2 v0 v1
run brctl show
run brctl show br0
run brctl show br1 br0
run brctl show nosuch
run brctl show v0
run brctl show lo
run brctl show br0 nosuch v0 br1
up br0 v0 p0
run brctl show br0
setup ip link set v1 nomaster
run brctl show

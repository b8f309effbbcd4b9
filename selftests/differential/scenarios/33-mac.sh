# shellcheck shell=bash
# Bridge MAC: inherited from the lowest port, follows port changes until set by hand; bridge_id follows.
veths 3
setup ip link add br0 type bridge
addr() { rd /sys/class/net/br0/{address,addr_assign_type} /sys/class/net/br0/bridge/bridge_id; }
setup ip link set v1 master br0
addr
setup ip link set v2 master br0
addr
setup ip link set v0 master br0
addr
run ip link set v0 address "$(mac 1 9)"
addr
run ip link set v0 nomaster
addr
run ip link set v1 address "$(mac 0 1)"
addr
run ip link set br0 address "$(mac 11 5)"
addr
run ip link set v1 address "$(mac 0 0)"
addr
run ip link set br0 address 01:00:00:00:00:01
run ip link set br0 address "$(mac 2 2)"
addr
run bridge fdb show br br0

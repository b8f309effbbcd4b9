# shellcheck shell=bash
# Bridge MTU: follows the smallest port, user-set MTU sticks, port MTU changes, limits.
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge
mtus() { runsh 'ip -o link show | sed -n "s/^[0-9]*: \([^:@]*\)[^ ]* .* mtu \([0-9]*\) .*/\1 \2/p"'; }
setup ip link set v0 mtu 9000
setup ip link set v1 mtu 4000
mtus
run ip link set v0 master br0
mtus
run ip link set v1 master br0
mtus
run ip link set v1 mtu 1280
mtus
run ip link set v1 nomaster
mtus
run ip link set br0 mtu 1400
mtus
run ip link set v2 master br0
mtus
run ip link set br0 mtu 65535
run ip link set br0 mtu 65536
run ip link set br0 mtu 67
run ip link set br0 mtu 9000
run ip link set br0 mtu 9001
mtus
run ip link set v0 mtu 1500
mtus

# shellcheck shell=bash
# Ports going away: deleted, renamed, moved to another netns; bridge deleted with ports; bridge netns move refused.
veths 4
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
setup ip link set v2 master br0
setup ip link set v3 master br0
up br0 v0 p0 v1 p1
setup bridge fdb add "$(mac 5 1)" dev v1 master static
run ip link del v0
run brctl show br0
run ip link set v1 name w1
run brctl show br0
runsh 'ls /sys/class/net/br0/brif'
run bridge fdb show br br0
run ip netns add "$NS-other"
run ip link set v2 netns "$NS-other"
run brctl show br0
run ip -n "$NS-other" -br link show
run ip -n "$NS-other" link set v2 master br0
run ip netns del "$NS-other"
run ip link set br0 netns 1
run ip link set br0 netns "$NS"
run ip link set v3 type veth
run ip link del br0
run ip -br link show
runsh 'ls /sys/class/net/p1 /sys/class/net/w1 | grep -E "^(upper|lower|master|brport)" || true'
run brctl delbr br0

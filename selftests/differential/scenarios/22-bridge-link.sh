# shellcheck shell=bash
# bridge link show/set: text, -d, JSON; flags, cost/priority, state rules, refusals.
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
run bridge link show
run bridge -d link show
runsh "bridge -j -d link show | jq -c '.[]'"
run bridge link show dev v0
run bridge link show dev v2
run bridge link set dev v0 cost 10 priority 20 learning off flood off hairpin on isolated on mcast_flood off bcast_flood off
run bridge -d link show dev v0
run bridge link set dev v0 priority 64
run bridge link set dev v0 cost 0
run bridge link set dev v0 state 5
run bridge link set dev v0 state 3
up br0 v1 p1
run bridge link set dev v1 state 2
run bridge link show dev v1
run bridge link set dev v1 state 0
run bridge link show dev v1
run bridge link set dev v1 state 3
run bridge link set dev v0 learning on flood on hairpin off isolated off mcast_flood on bcast_flood on neigh_suppress off
run bridge -d link show dev v0
run bridge link set dev v2 cost 5
run bridge link set dev nosuch cost 5
run bridge link set dev br0 cost 5
run bridge link set dev v0 cost 5 self
run bridge link show

# shellcheck shell=bash
# bridge fdb add: local/permanent/static/dynamic/sticky entries on ports and the bridge, shown every way.
veths 2
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
up br0 v0 p0 v1 p1
run bridge fdb add "$(mac 5 1)" dev v0 master
run bridge fdb add "$(mac 5 2)" dev v0 master static
run bridge fdb add "$(mac 5 3)" dev v0 master dynamic
run bridge fdb add "$(mac 5 4)" dev v0 master local
run bridge fdb add "$(mac 5 5)" dev v0 master permanent
run bridge fdb add "$(mac 5 6)" dev v0 master sticky
run bridge fdb add "$(mac 5 7)" dev v1 master static sticky
run bridge fdb add "$(mac 5 8)" dev v1 master dynamic sticky
run bridge fdb add "$(mac 5 9)" dev br0 self
run bridge fdb add "$(mac 5 10)" dev br0 master
run bridge fdb add "$(mac 5 11)" dev br0 self static
run bridge fdb add "$(mac 5 12)" dev br0 self dynamic
run bridge fdb add "$(mac 5 13)" dev v1 master use
run bridge fdb add "$(mac 5 14)" dev v1 master extern_learn
run bridge fdb show br br0
run bridge fdb show dev v0
run bridge fdb show brport v1
run bridge -s fdb show br br0
runsh "bridge -j fdb show br br0 | jq -c '.[]'"
run brctl showmacs br0

# shellcheck shell=bash
# bridge fdb append/replace/del: existing and missing entries, moves between ports, own addresses.
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
up br0 v0 p0 v1 p1
M=$(mac 5 1)
run bridge fdb add "$M" dev v0 master static
run bridge fdb add "$M" dev v0 master static
run bridge fdb add "$M" dev v1 master static
run bridge fdb append "$M" dev v0 master static
run bridge fdb show br br0
run bridge fdb replace "$M" dev v1 master dynamic
run bridge fdb show br br0
run bridge fdb replace "$M" dev v1 master
run bridge fdb replace "$(mac 5 2)" dev v0 master static
run bridge fdb replace "$(mac 5 3)" dev br0 self
run bridge fdb show br br0
run bridge fdb del "$M" dev v0 master
run bridge fdb del "$M" dev v1 master
run bridge fdb del "$M" dev v1 master
run bridge fdb del "$(mac 5 2)" dev v0
run bridge fdb del "$(mac 1 1)" dev v0 master
run bridge fdb del "$(mac 11 0)" dev br0 master
run bridge fdb del "$(mac 11 0)" dev br0 self
run bridge fdb del "$(mac 5 3)" dev br0 self
run bridge fdb del "$(mac 5 9)" dev v2 master
run bridge fdb show br br0
run brctl showmacs br0

# shellcheck shell=bash
# bridge fdb get, and bad fdb requests: zero/multicast/broadcast MACs, non-ports, unknown VLANs.
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
up br0 v0 p0
setup bridge fdb add "$(mac 5 1)" dev v0 master static
run bridge fdb get "$(mac 5 1)" br br0
run bridge fdb get "$(mac 5 1)" dev v0 master
run bridge fdb get "$(mac 1 1)" br br0
run bridge fdb get "$(mac 11 0)" br br0
run bridge fdb get "$(mac 5 9)" br br0
run bridge fdb get "$(mac 5 1)" br v0
run bridge fdb get "$(mac 5 1)" br nosuch
run bridge fdb get "$(mac 5 1)" br br0 vlan 5
runsh "bridge -j fdb get $(mac 5 1) br br0 | jq -c '.[]'"
run bridge fdb add 00:00:00:00:00:00 dev v0 master static
run bridge fdb add 01:00:5e:00:00:01 dev v0 master static
run bridge fdb add ff:ff:ff:ff:ff:ff dev v0 master static
run bridge fdb add "$(mac 5 2)" dev v2 master static
run bridge fdb add "$(mac 5 2)" dev v0 master static vlan 5
run bridge fdb add "$(mac 5 2)" dev v0 master static vlan 4095
run bridge fdb add "$(mac 5 2)" dev nosuch master static
run bridge fdb add "$(mac 5 3)" dev v1 master dynamic
run bridge fdb add "$(mac 5 3)" dev v1 master static
run bridge fdb show br br0

# shellcheck shell=bash
# ip link set master/nomaster, enslaving at creation, moving between bridges, refusals with extack text.
veths 4
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link add br1 address "$(mac 11 1)" type bridge
setup ip link add d0 address "$(mac 3 1)" type dummy
run ip link set v0 master br0
run ip link set v0 master br0
run ip link set v0 master br1
run ip -o link show master br0
run ip -o link show master br1
run ip link set lo master br0
run ip link set br1 master br0
run ip link set br0 master br0
run ip link set v1 master d0
run ip link set v1 master v2
run ip link set v1 master nosuch
run ip link add v9 address "$(mac 1 9)" master br0 type veth peer name p9 address "$(mac 2 9)"
run ip link add d1 address "$(mac 3 2)" master br0 type dummy
run ip link add d2 address "$(mac 3 3)" master lo type dummy
run ip -o link show master br0
run ip link set v0 nomaster
run ip link set v0 nomaster
run ip link set br0 nomaster
run ip link set v9 down master br1
run ip link set v2 master br0 up
run ip -o link show master br0
run ip -o link show master br1
run ip link del br1
run ip -o link show v9

# shellcheck shell=bash
# brctl addif/delif and every refusal: EBUSY (enslaved, other rx_handler), EINVAL (lo), ELOOP, unknown names, not a port.
veths 4
setup ip link add d0 address "$(mac 3 1)" type dummy
setup ip link add mv0 link v3 address "$(mac 3 2)" type macvlan
setup brctl addbr br0
setup brctl addbr br1
run brctl addif br0 v0
run brctl addif br0 v0
run brctl addif br1 v0
run brctl addif br0 lo
run brctl addif br0 br1
run brctl addif br0 br0
run brctl addif br0 nosuch
run brctl addif nosuch v1
run brctl addif nosuch nosuch2
run brctl addif v2 v1
run brctl addif br0 v3
run brctl addif br0 v1 v2
run brctl addif br1 d0 nosuch v2
run brctl addif br1 mv0
run brctl addif br0 averyveryverylongifname
run brctl show
run ip -o link show master br0
run brctl delif br0 v3
run brctl delif br1 v1
run brctl delif br0 nosuch
run brctl delif nosuch v0
run brctl delif v2 v1
run brctl delif br0 v0 v3 v1
run brctl show
run ip -o link show master br0

# shellcheck shell=bash
# bridge monitor fdb: learning, a move, user add/replace/del, flush and ageing out.
# "self" requests on the bridge: how many notifications a change (and a
# replace that changes nothing) makes differs between kernels (7.x's
# ndo_fdb_add "notified"), and lbridge must make as many as bridge.ko.
veths 2
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
up br0 v0 p0 v1 p1
M=/tmp/lbrdiff-mon
monitor "$M" bridge monitor fdb
send p0 "$(mac 5 1)"
settle "learn event" 10 has "$M" "$(mac 5 1) dev v0"
send p1 "$(mac 5 1)"
settle "move event" 10 has "$M" "$(mac 5 1) dev v1"
setup bridge fdb add "$(mac 5 2)" dev v0 master static
setup bridge fdb replace "$(mac 5 2)" dev v1 master static
setup bridge fdb del "$(mac 5 2)" dev v1 master
setup bridge fdb add "$(mac 5 3)" dev v0 master
setup bridge fdb add "$(mac 5 6)" dev br0 self static
setup bridge fdb replace "$(mac 5 6)" dev br0 self static
setup bridge fdb del "$(mac 5 6)" dev br0 self
settle "self delete event" 10 has "$M" "Deleted $(mac 5 6)"
setup ip link set br0 type bridge fdb_flush
settle "flush event" 10 has "$M" "Deleted $(mac 5 1)"
send p0 "$(mac 5 4)"
setup ip link set br0 type bridge ageing_time 100
settle "age-out event" 20 has "$M" "Deleted $(mac 5 4)"
monitor_stop "$M"

# shellcheck shell=bash
# Learning from frames: new entries, moves, learning off, ageing_time 0, no_linklocal_learn, own addresses.
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
setup ip link set v2 master br0
up br0 v0 p0 v1 p1 v2 p2
send p0 "$(mac 5 1)"
settle "5:1 on v0" 10 learned "$(mac 5 1)" v0
run bridge fdb show br br0 dynamic
send p1 "$(mac 5 1)"
settle "5:1 moves to v1" 10 learned "$(mac 5 1)" v1
run bridge fdb show br br0 dynamic
setup bridge fdb add "$(mac 5 2)" dev v0 master static sticky
send p1 "$(mac 5 2)"
send p1 "$(mac 5 3)"
settle "5:3 on v1" 10 learned "$(mac 5 3)" v1
run bridge fdb show br br0 dynamic
setup bridge link set dev v2 learning off
send p2 "$(mac 5 4)"
send p0 "$(mac 5 5)" 01:80:c2:00:00:0e
setup ip link set br0 type bridge no_linklocal_learn 1
send p0 "$(mac 5 6)" 01:80:c2:00:00:0e
send p0 "$(mac 5 7)"
settle "5:7 on v0" 10 learned "$(mac 5 7)" v0
run bridge fdb show br br0 dynamic
setup ip link set br0 type bridge ageing_time 0
send p0 "$(mac 5 8)"
send p1 "$(mac 5 9)"
setup ip link set br0 type bridge ageing_time 30000
send p0 "$(mac 1 2)"
send p0 "$(mac 11 0)"
send p1 "$(mac 5 10)"
settle "5:10 on v1" 10 learned "$(mac 5 10)" v1
run bridge fdb show br br0 dynamic
run brctl showmacs br0

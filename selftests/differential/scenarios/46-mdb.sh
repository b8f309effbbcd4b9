# shellcheck shell=bash
# bridge mdb: user entries (permanent, temporary, host, L2), their errors, router ports, and bridge monitor mdb.
veths 2
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
run bridge mdb add dev br0 port v0 grp 239.1.1.1 permanent
up br0 v0 p0 v1 p1
opersettle br0
M=/tmp/lbrdiff-mdbmon
monitor "$M" bridge monitor mdb
run bridge mdb add dev br0 port v0 grp 239.1.1.1 permanent
run bridge mdb add dev br0 port v1 grp 239.1.1.1 temp
run bridge mdb add dev br0 port v0 grp 239.1.1.1 permanent
run bridge mdb add dev br0 port v0 grp 224.0.0.5 permanent
run bridge mdb add dev br0 port v0 grp 10.0.0.1 permanent
run bridge mdb add dev br0 port br0 grp 239.2.2.2
run bridge mdb add dev br0 port br0 grp 239.2.2.2
run bridge mdb add dev br0 port br0 grp 239.3.3.3 permanent
run bridge mdb add dev br0 port v1 grp ff0e::1 permanent
run bridge mdb add dev br0 port v1 grp ff02::1 permanent
run bridge mdb add dev br0 port v0 grp 01:00:5e:01:02:03 permanent
run bridge mdb add dev br0 port v0 grp 01:00:5e:01:02:04 temp
run bridge mdb add dev br0 port v0 grp 239.4.4.4 vid 4095 permanent
run bridge mdb add dev br0 port lo grp 239.4.4.4 permanent
runsh "bridge mdb show | sort"
runsh "bridge -j mdb show | jq -c '.[0].mdb | sort_by(.port, .grp)'"
run bridge mdb del dev br0 port v1 grp 239.1.1.1
run bridge mdb del dev br0 port v1 grp 239.1.1.1
run bridge mdb del dev br0 port br0 grp 239.2.2.2
run bridge mdb del dev br0 port v0 grp 239.9.9.9
setup ip link set v1 type bridge_slave mcast_router 2
runsh "bridge -d mdb show | sort"
runsh "bridge -j -d mdb show | jq -c '.[0].router'"
setup ip link set v1 type bridge_slave mcast_router 0
setup ip link set br0 type bridge mcast_snooping 0
run bridge mdb show
run bridge mdb add dev br0 port v0 grp 239.5.5.5 permanent
setup ip link set br0 type bridge mcast_snooping 1
runsh "bridge mdb show | sort"
setup ip link set v0 nomaster
runsh "bridge mdb show | sort"
settle "the last delete event" 10 has "$M" "Deleted dev br0 port v0 grp 01:00:5e:01:02:03"
# Both send the same events; the order of a port's deletions is the tables'.
monitor_stop "$M" >/dev/null
runsh "sort $M"

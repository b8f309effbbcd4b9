# shellcheck shell=bash
# Flushes: bridge/flush, brport/flush, fdb_flush (bridge and port), port losing carrier, going down, leaving.
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
setup ip link set v2 master br0
up br0 v0 p0 v1 p1 v2 p2
# fill: a static, a local and a learned entry on every port
fill() {
	local i
	fdbs "replace $(mac 6 0) dev v0 master static" "replace $(mac 7 0) dev v0 master" \
		"replace $(mac 6 1) dev v1 master static" "replace $(mac 7 1) dev v1 master" \
		"replace $(mac 6 2) dev v2 master static" "replace $(mac 7 2) dev v2 master"
	for i in 0 1 2; do
		send "p$i" "$(mac 8 $i)"
	done
	settle "learned" 10 learned "$(mac 8 2)" v2
}
fill
wr /sys/class/net/v0/brport/flush 1
run bridge fdb show br br0
fill
wr /sys/class/net/br0/bridge/flush 1
run bridge fdb show br br0
fill
run ip link set v1 type bridge_slave fdb_flush
run bridge fdb show br br0
fill
run ip link set br0 type bridge fdb_flush
run bridge fdb show br br0
fill
setup ip link set p2 down
run bridge fdb show br br0
setup ip link set v0 down
run bridge fdb show br br0
setup ip link set v1 nomaster
run bridge fdb show br br0

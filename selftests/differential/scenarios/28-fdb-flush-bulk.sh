# shellcheck shell=bash
# bridge fdb flush (RTM_DELNEIGH with NLM_F_BULK): by state, by port, by flag.
veths 2
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
up br0 v0 p0 v1 p1
fill() {
	local i
	fdbs "replace $(mac 6 0) dev v0 master static" "replace $(mac 7 0) dev v0 master" \
		"replace $(mac 9 0) dev v0 master dynamic sticky" \
		"replace $(mac 6 1) dev v1 master static" "replace $(mac 7 1) dev v1 master" \
		"replace $(mac 9 1) dev v1 master dynamic sticky"
	for i in 0 1; do
		send "p$i" "$(mac 8 $i)"
	done
	settle "learned" 10 learned "$(mac 8 1)" v1
}
fill
run bridge fdb flush dev br0 dynamic
run bridge fdb show br br0
fill
run bridge fdb flush dev br0 brport v1
run bridge fdb show br br0
fill
run bridge fdb flush dev br0 static
run bridge fdb show br br0
fill
run bridge fdb flush dev br0 sticky
run bridge fdb show br br0
run bridge fdb flush dev br0 permanent
run bridge fdb show br br0
run bridge fdb flush dev v0

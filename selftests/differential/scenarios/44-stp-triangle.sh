# shellcheck shell=bash
# Kernel STP in a triangle of three bridges: election, the one blocked port, every STP view once settled.
#
#   br0 (v0, p2) -- v0/p0 -- br1 (p0, v1) -- v1/p1 -- br2 (p1, v2) -- v2/p2 -- br0
#
# Bridge ids follow the lowest port MAC: br0 02:00:00:01:00:01 is root;
# br1 and br2 reach it at equal cost, so br1 (the lower id) is designated on
# their segment and br2's p1 blocks.
veths 3
for b in br0 br1 br2; do
	setup ip link add "$b" type bridge stp_state 1 forward_delay 200 hello_time 100 max_age 600
done
setup ip link set v0 master br0
setup ip link set p2 master br0
setup ip link set p0 master br1
setup ip link set v1 master br1
setup ip link set p1 master br2
setup ip link set v2 master br2
up v0 p0 v1 p1 v2 p2 br0 br1 br2

# _stp_done: every port forwarding or blocking, no topology change left.
_stp_done() {
	local d s t
	for d in v0 p0 v1 p1 v2 p2; do
		read -r s <"/sys/class/net/$d/brport/state" || return 1
		[ "$s" = 3 ] || [ "$s" = 4 ] || return 1
	done
	for d in br0 br1 br2; do
		read -r t <"/sys/class/net/$d/bridge/topology_change" || return 1
		[ "$t" = 0 ] || return 1
		read -r t <"/sys/class/net/$d/bridge/topology_change_detected" || return 1
		[ "$t" = 0 ] || return 1
	done
}
settle "STP converged, topology change over" 40 _stp_done
run bridge link show
run bridge -d -j link show dev p1
# The hold timer runs for a second after every BPDU sent: running or idle
# depends on the moment, so only its presence is compared.
runsh "brctl showstp br2 | sed -E 's/(hold timer[[:space:]]+)[0-9.]+/\1H/'"
runsh "ip -d link show br1 | sed -n 's/.*\(forward_delay.*priority [0-9]*\).*/\1/p'"
sysdump /sys/class/net/br2/bridge
sysdump /sys/class/net/p1/brport

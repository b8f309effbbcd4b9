# shellcheck shell=bash
# Bridge carrier and operstate: empty bridge, ports without carrier, ports forwarding, admin down.
veths 2
setup ip link add br0 address "$(mac 11 0)" type bridge
st() {
	opersettle br0
	runsh 'ip -br link show | sort'
	rd /sys/class/net/br0/carrier
	local p
	for p in v0 v1; do
		[ ! -e "/sys/class/net/$p/brport/state" ] || rd "/sys/class/net/$p/brport/state"
	done
}
st
up br0
st
setup ip link set v0 master br0
st
up v0
st
up p0
st
setup ip link set v1 master br0
up v1 p1
st
setup ip link set p0 down
setup ip link set p1 down
st
setup ip link set p1 up
st
setup ip link set br0 down
st
up br0
setup ip link set v1 nomaster
st

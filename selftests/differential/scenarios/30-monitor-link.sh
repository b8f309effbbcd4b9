# shellcheck shell=bash
# bridge monitor link: the AF_BRIDGE port messages for add, settings, carrier, state, removal.
veths 2
# v0 must read as without carrier when it comes up, not UNKNOWN (up).
lwsettle
setup ip link add br0 address "$(mac 11 0)" type bridge
up br0
M=/tmp/lbrdiff-mon
monitor "$M" bridge monitor link
setup ip link set v0 master br0
mark "$M" m1
setup bridge link set dev v0 cost 7
mark "$M" m2
setup ip link set v0 type bridge_slave priority 9
mark "$M" m3
setup sh -c 'echo 1 > /sys/class/net/v0/brport/hairpin_mode'
mark "$M" m4
up v0 p0
opersettle v0 br0
mark "$M" m5
setup ip link set p0 down
opersettle v0 br0
mark "$M" m6
setup bridge link set dev v0 state 0
mark "$M" m7
setup ip link set v0 nomaster
mark "$M" m8
setup ip link set v1 master br0
setup ip link del br0
mark "$M" m9
monitor_stop "$M" >"$M.all"
# Only the bridge's own (AF_BRIDGE) messages: they carry the port state or
# say "Deleted"; the core's generic link messages follow linkwatch timing.
runsh "grep -E ' state [a-z]+ priority|^Deleted|^[0-9]+: m[0-9]:' $M.all"

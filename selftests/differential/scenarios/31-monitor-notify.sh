# shellcheck shell=bash
# ip monitor link: which RTM_NEWLINK messages bridge and port settings send, by client (sysfs, brctl, ip, bridge).
veths 1
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
M=/tmp/lbrdiff-mon
monitor "$M" ip -o monitor link
setup brctl setageing br0 100
mark "$M" m1
setup sh -c 'echo 1 > /sys/class/net/v0/brport/hairpin_mode'
mark "$M" m2
setup ip link set br0 type bridge priority 10
mark "$M" m3
setup ip link set v0 type bridge_slave cost 9
mark "$M" m4
setup bridge link set dev v0 cost 8
mark "$M" m5
setup brctl setpathcost br0 v0 7
mark "$M" m6
setup ip link set v0 nomaster
mark "$M" m7
setup ip link set br0 mtu 1400
mark "$M" m8
# br0 lost its carrier with v0 (m7): applied to its operstate before it
# comes up, or its first message would read UNKNOWN (up).
lwsettle
up br0
opersettle br0
mark "$M" m9
setup brctl setageing br0 200
mark "$M" m10
monitor_stop "$M"

# shellcheck shell=bash
# brctl setageing/setbridgeprio/setfd/sethello/setmaxage: good, odd and bad values, read back.
setup brctl addbr br0
setup ip link add v0 address "$(mac 1 1)" type dummy
rdall() {
	rd /sys/class/net/br0/bridge/{ageing_time,priority,forward_delay,hello_time,max_age,bridge_id}
}
run brctl setageing br0 100
run brctl setageing br0 12.34
run brctl setageing br0 0
run brctl setageing br0 -- -5
run brctl setageing br0 1e12
run brctl setageing br0 abc
run brctl setageing nosuch 10
run brctl setageing v0 10
rdall
run brctl setbridgeprio br0 4096
run brctl setbridgeprio br0 0x2000
run brctl setbridgeprio br0 70000
run brctl setbridgeprio br0 xyz
run brctl setbridgeprio nosuch 1
rdall
run brctl setfd br0 4
run brctl setfd br0 2.5
run brctl setfd br0 100
run brctl setfd br0 0
run brctl setfd br0 x
run brctl setfd nosuch 4
rdall
run brctl sethello br0 1
run brctl sethello br0 0.5
run brctl sethello br0 11
run brctl sethello br0 x
run brctl sethello v0 1
rdall
run brctl setmaxage br0 10
run brctl setmaxage br0 5
run brctl setmaxage br0 41
run brctl setmaxage br0 x
run brctl setmaxage nosuch 10
rdall
run brctl showstp br0

# shellcheck shell=bash
# brctl setpathcost/setportprio/hairpin: good and bad values, wrong ports and bridges.
veths 3
setup brctl addbr br0
setup brctl addbr br1
setup brctl addif br0 v0 v1
rdport() {
	rd /sys/class/net/v0/brport/{path_cost,priority,hairpin_mode,port_id}
}
run brctl setpathcost br0 v0 100
run brctl setpathcost br0 v0 0
run brctl setpathcost br0 v0 65535
run brctl setpathcost br0 v0 65536
run brctl setpathcost br0 v0 abc
run brctl setpathcost br0 v2 100
run brctl setpathcost br1 v0 5
run brctl setpathcost br0 nosuch 10
run brctl setpathcost nosuch v0 10
rdport
run brctl setportprio br0 v0 10
run brctl setportprio br0 v0 63
run brctl setportprio br0 v0 64
run brctl setportprio br0 v0 x
run brctl setportprio br0 v2 1
run brctl setportprio nosuch v0 1
rdport
run brctl hairpin br0 v0 on
run brctl hairpin br0 v1 off
run brctl hairpin br0 v0 maybe
run brctl hairpin br0 nosuch on
run brctl hairpin nosuch v0 on
run brctl hairpin br0 v2 on
run brctl hairpin v2 v0 on
rdport
run brctl showstp br0

# shellcheck shell=bash
# brctl stp: the refusals and "off" (kernel STP itself is in 07-stp-on).
setup brctl addbr br0
setup ip link add v0 address "$(mac 1 1)" type dummy
run brctl stp br0 off
run brctl stp br0 no
run brctl stp br0 0
run brctl stp br0 maybe
run brctl stp nosuch on
run brctl stp v0 on
run brctl stp br0
rd /sys/class/net/br0/bridge/stp_state
run brctl show

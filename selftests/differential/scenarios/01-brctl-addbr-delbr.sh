# shellcheck shell=bash
# brctl addbr/delbr and their errors: EEXIST, ENXIO, EPERM (not a bridge), EBUSY (up).
veths 1
run brctl addbr br0
run brctl addbr br0
run brctl addbr v0
run brctl addbr br1 br2
run brctl addbr ""
run brctl addbr averyveryverylongname
run brctl addbr "br%d"
run ip -br link show type bridge
run brctl delbr br1
run brctl delbr br1
run brctl delbr nosuch
run brctl delbr v0
run brctl delbr lo
up br0
run brctl delbr br0
setup ip link set br0 down
run brctl delbr br0
run ip -br link show type bridge

# shellcheck shell=bash
# brctl showmacs: local entries of ports and bridge, a learned and a static one, errors.
veths 3
setup brctl addbr br0
setup brctl addbr br1
run brctl showmacs br1
setup brctl addif br0 v1 v0
run brctl showmacs br0
up br0 v0 p0 v1 p1
setup bridge fdb add "$(mac 5 1)" dev v1 master static
send p0 "$(mac 5 2)"
settle "learned" 10 learned "$(mac 5 2)" v0
run brctl showmacs br0
run brctl showmacs nosuch
run brctl showmacs v0
run brctl showmacs lo

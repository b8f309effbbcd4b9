# shellcheck shell=bash
# brctl showstp: bridge down, up with ports up and down, errors.
veths 3
setup brctl addbr br0
setup brctl addbr br1
setup brctl addif br0 v0 v1 v2
run brctl showstp br0
run brctl showstp br1
up br0 v0 p0 v1
opersettle v0 v1 br0
gcsettle br0
run brctl showstp br0
run brctl showstp nosuch
run brctl showstp v0

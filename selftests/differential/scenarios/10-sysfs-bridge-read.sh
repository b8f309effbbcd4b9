# shellcheck shell=bash
# /sys/class/net/BR/bridge/: every file, its mode, its value; bridge down and up with ports.
veths 2
setup ip link add br0 type bridge
runsh 'cd /sys/class/net/br0/bridge && stat -c "%A %n" * | sort'
sysdump /sys/class/net/br0/bridge
setup ip link set v1 master br0
setup ip link set v0 master br0
up br0 v0 p0
gcsettle br0
sysdump /sys/class/net/br0/bridge
runsh 'grep -v "^INTERFACE=" /sys/class/net/br0/uevent'
rd /sys/class/net/br0/{type,addr_len,tx_queue_len,flags,carrier,operstate,mtu,address,addr_assign_type}

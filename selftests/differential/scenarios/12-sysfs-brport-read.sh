# shellcheck shell=bash
# /sys/class/net/P/brport/: every file, its mode and value; port down, then up.
veths 2
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
runsh 'cd /sys/class/net/v0/brport && stat -c "%A %n" * | sort'
sysdump /sys/class/net/v0/brport
up br0 v0 p0
sysdump /sys/class/net/v0/brport
sysdump /sys/class/net/v1/brport
runsh 'readlink /sys/class/net/v0/brport/bridge /sys/class/net/v0/master'
runsh 'ls /sys/class/net/v0 | grep -E "^(upper|lower|master|brport)"'
runsh 'ls /sys/class/net/br0 | grep -E "^(upper|lower|brif|bridge|brforward)"'

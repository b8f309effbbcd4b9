# shellcheck shell=bash
# brctl without sysfs: every command through its ioctl fallback (SIOCGIFBR, SIOCDEVPRIVATE BRCTL_*).
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup bridge fdb add "$(mac 5 1)" dev v0 master static
# brctl sees an empty /sys/class/net and falls back to ioctls (ip netns
# exec gave the scenario a mount namespace of its own).
setup mount -t tmpfs none /sys/class/net
run brctl show
run brctl addbr br1
run brctl addbr br1
run brctl addif br1 v1
run brctl addif br1 v0
run brctl addif br1 lo
run brctl addif v2 v1
run brctl show
run brctl show br1
run brctl show v2
run brctl show nosuch
run brctl showmacs br0
run brctl showstp br0
run brctl setageing br0 100
run brctl setbridgeprio br0 4096
run brctl setfd br0 4
run brctl sethello br0 1
run brctl sethello br0 20
run brctl setmaxage br0 10
run brctl setpathcost br0 v0 50
run brctl setportprio br0 v0 16
run brctl setportprio br0 v0 64
run brctl hairpin br0 v0 on
run brctl stp br0 off
run brctl showstp br0
run brctl delif br1 v1
run brctl delif br1 v1
run brctl delbr br1
run brctl delbr br1
run brctl delbr v2
setup umount /sys/class/net
run brctl show
sysdump /sys/class/net/br0/bridge

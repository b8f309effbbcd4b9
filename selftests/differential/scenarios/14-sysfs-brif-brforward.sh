# shellcheck shell=bash
# brif/ links (also across a rename) and the binary brforward table: record layout, aligned and unaligned reads.
veths 3
setup ip link add br0 type bridge
setup ip link set v1 master br0
setup ip link set v0 master br0
runsh 'ls -l /sys/class/net/br0/brif | sed -n "s/.* \([^ ]* -> .*\)/\1/p"'
setup ip link set v1 name v1new
runsh 'ls /sys/class/net/br0/brif'
setup bridge fdb add "$(mac 5 1)" dev v0 master static
setup bridge fdb add "$(mac 5 2)" dev v1new master permanent
F=/sys/class/net/br0/brforward
runsh "stat -c '%A %s' $F"
# records sorted by MAC: the kernel's order is its hash table's
runsh "od -A n -v -t x1 -w16 $F | sort"
runsh "dd if=$F bs=16 skip=2 count=1 status=none | od -A n -v -t x1 | wc -l"
runsh "dd if=$F bs=1 skip=5 count=16 status=none | od -A n -t x1"
runsh "dd if=$F bs=16 skip=100 count=1 status=none | wc -c"
runsh "dd if=$F bs=8 count=1 status=none | wc -c"
wr $F 0

# shellcheck shell=bash
# What the bridge device looks like to generic tools: uevent, sysfs identity, qdisc, flags.
setup ip link add br0 address "$(mac 11 0)" type bridge
runsh 'grep -v "^INTERFACE=" /sys/class/net/br0/uevent'
rd /sys/class/net/br0/{type,dev_port,dev_id,flags,tx_queue_len,netdev_group,proto_down,gro_flush_timeout,napi_defer_hard_irqs}
run ip -d link show br0 up
up br0
opersettle br0
run ip link show br0
run tc qdisc show dev br0
run ip link set br0 promisc on
opersettle br0
run ip link show br0
run ip link set br0 arp off
opersettle br0
run ip link show br0

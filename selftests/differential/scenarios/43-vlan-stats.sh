# shellcheck shell=bash
# Per-VLAN counters: vlan_stats_enabled and vlan_stats_per_port through ip
# link and sysfs (values, EBUSY while ports have VLANs), then frames in
# VLAN 10 counted per port, shared and per port, as bridge -s vlan show
# (link xstats) and bridge -d -s vlan show (RTM_GETVLAN) list them.
setup sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge vlan_filtering 1 vlan_default_pvid 0
S=/sys/class/net/br0/bridge
rd $S/vlan_stats_enabled $S/vlan_stats_per_port
run ip link set br0 type bridge vlan_stats_enabled 2
run ip link set br0 type bridge vlan_stats_per_port 2
wr $S/vlan_stats_enabled 3
wr $S/vlan_stats_enabled 1
setup ip link set v0 master br0
setup ip link set v1 master br0
run ip link set br0 type bridge vlan_stats_per_port 1
run ip -d link show br0
rd $S/vlan_stats_enabled $S/vlan_stats_per_port
run bridge vlan add vid 10 dev v0 pvid untagged
run bridge vlan add vid 10 dev v1 pvid untagged
run bridge vlan add vid 10 dev br0 self
run ip link set br0 type bridge vlan_stats_per_port 0
wr $S/vlan_stats_per_port 0
up v0 v1 p0 p1 br0
opersettle v0 v1 br0
send p0 "$(mac 5 1)"
send p0 "$(mac 5 1)"
send p1 "$(mac 5 2)" "$(mac 5 1)"
settle "frames counted" 5 bash -c "bridge -s -j vlan show dev v1 | grep -q '\"tx_packets\":2'"
run bridge -s vlan show
run bridge -s -j vlan show
run bridge -d -s vlan show
run ip link set br0 type bridge vlan_stats_enabled 0
send p0 "$(mac 5 1)"
run bridge -s vlan show dev v0
# Shared counters: a port added now counts into the bridge's entries.
setup ip link set v2 master br0
run bridge vlan del vid 10 dev br0 self
run bridge vlan del vid 10 dev v0
run bridge vlan del vid 10 dev v1
run ip link set br0 type bridge vlan_stats_per_port 0 vlan_stats_enabled 1
run bridge vlan add vid 20 dev v0 pvid untagged
run bridge vlan add vid 20 dev v1 pvid untagged
send p0 "$(mac 5 1)"
settle "frames counted" 5 bash -c "bridge -s -j vlan show dev v1 | grep -q '\"rx_packets\":1'"
run bridge -s vlan show
run bridge -s -j vlan show

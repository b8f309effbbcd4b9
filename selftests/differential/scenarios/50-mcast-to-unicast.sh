# shellcheck shell=bash
# mcast_to_unicast: a membership per host behind the port (bridge mdb show), a host's leave ending its own; without it, one per port.
# Dumps sorted: in-tree orders a group's ports by their addresses in memory.
setup sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 \
	net.ipv4.igmp_link_local_mcast_reports=0
veths 2
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
up v0 v1 p0 p1 br0
opersettle v0 v1 br0
run ip link set v1 type bridge_slave mcast_to_unicast on mcast_fast_leave on
rd /sys/class/net/v1/brport/multicast_to_unicast
H2=$(mac 7 2)
# groups PORT GROUP N: wait until PORT has N memberships of GROUP
groups() {
	settle "$3 x $1 in $2" 5 bash -c \
		"[ \$(bridge mdb show | grep -c 'port $1 grp $2 ') = $3 ]"
}
mcpkt p1 report 10.0.0.2 239.10.0.1
MCAST_PKT_SRCMAC=$H2 mcpkt p1 report 10.0.0.22 239.10.0.1
mcpkt p0 report 10.0.0.1 239.10.0.1
MCAST_PKT_SRCMAC=$H2 mcpkt p0 report 10.0.0.11 239.10.0.1
groups v1 239.10.0.1 2
groups v0 239.10.0.1 1
runsh "bridge mdb show | sort"
MCAST_PKT_SRCMAC=$H2 mcpkt p1 leave 10.0.0.22 239.10.0.1
groups v1 239.10.0.1 1
runsh "bridge mdb show | sort"

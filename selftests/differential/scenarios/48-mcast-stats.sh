# shellcheck shell=bash
# IGMP/MLD counters (mcast_stats_enabled) through ip and sysfs, then messages from the ports counted per port, per direction and for the bridge, as ip link xstats prints them.
# No IPv6 and no reports for link-local groups from the netns's own stack:
# nothing but the frames sent here reaches the counters.
setup sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 \
	net.ipv4.igmp_link_local_mcast_reports=0
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge
S=/sys/class/net/br0/bridge
rd $S/multicast_stats_enabled
for i in 0 1 2; do
	setup ip link set "v$i" master br0
done
up v0 v1 v2 p0 p1 p2 br0
opersettle v0 v1 v2 br0
# flooded_report: p1 sends an IGMPv2 report; wait until v0 sent it on.
flooded_report() {
	local n
	read -r n </sys/class/net/v0/statistics/tx_packets
	mcpkt p1 report 10.0.0.2 239.1.1.1
	settle "report flooded" 5 bash -c \
		"read -r m </sys/class/net/v0/statistics/tx_packets; [ \$m -gt $n ]"
}
# Not counted: statistics are off.
flooded_report
run ip link set br0 type bridge mcast_stats_enabled 1
runsh "ip -d -j link show br0 | jq -c '.[0].linkinfo.info_data.mcast_stats_enabled'"
rd $S/multicast_stats_enabled
# No querier: everything floods, to the other ports and up to the host.
mcpkt p1 report 10.0.0.2 239.1.1.1
mcpkt p1 report3 10.0.0.2 239.2.2.2
mcpkt p1 leave 10.0.0.2 239.1.1.1
mcpkt p2 mldreport fe80::2 ff0e::1:3
mcpkt p2 mlddone fe80::2 ff0e::1:3
# Dropped as malformed: a parse error each on v1 and v2.
mcpkt p1 badsum 10.0.0.2 239.3.3.3
mcpkt p2 short 10.0.0.3 239.3.3.3
mcpkt p0 query 10.0.0.1 0.0.0.0 0
mcpkt p0 mldquery fe80::1
mcpkt p0 query 10.0.0.1
# Frames from one device are handled in order: p0's last one counted on v0.
settle "counted" 5 bash -c \
	"ip -j link xstats type bridge_slave dev v0 | jq -e '.. | .igmp_queries? // empty | select(.rx_v2 == 1)' >/dev/null"
for i in 0 1 2; do
	run ip link xstats type bridge_slave dev "v$i"
done
run ip link xstats type bridge dev br0
wr $S/multicast_stats_enabled 0
rd $S/multicast_stats_enabled
flooded_report
runsh "ip -j link xstats type bridge_slave dev v1 | jq -c '.. | .igmp_reports? // empty'"

# shellcheck shell=bash
# Multicast router ports learnt from a PIMv2 hello and from IGMP and MLD router advertisements (RFC 4286), as bridge -d mdb show lists them.
setup sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 \
	net.ipv4.igmp_link_local_mcast_reports=0
veths 3
setup ip link add br0 address "$(mac 11 0)" type bridge
for i in 0 1 2; do
	setup ip link set "v$i" master br0
done
up v0 v1 v2 p0 p1 p2 br0
opersettle v0 v1 v2 br0
run bridge -d mdb show
mcpkt p0 pim 10.0.0.1
mcpkt p1 mrd 10.0.0.2
mcpkt p2 mrd6 fe80::3
routers3() {
	[ "$(bridge -d -j mdb show | jq '[.[0].router // {} | .. | .port? // empty] | unique | length')" = 3 ]
}
settle "three router ports" 5 routers3
run bridge -d mdb show
runsh "bridge -d -j mdb show | jq -c '.[0].router'"
# Router advertisements to a port set not to learn routers change nothing.
run bridge link set dev v1 mcast_router 0
mcpkt p1 mrd 10.0.0.2
run bridge -d mdb show

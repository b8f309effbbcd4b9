# shellcheck shell=bash
# Writes to brport/ files: ranges, flags, group_fwd_mask rules, read-only files; errno text.
veths 2
setup ip link add br0 address "$(mac 11 0)" type bridge
setup ip link set v0 master br0
setup ip link set v1 master br0
P=/sys/class/net/v0/brport
wr $P/path_cost 0
wr $P/path_cost 1
wr $P/path_cost 65535
wr $P/path_cost 65536
wr $P/path_cost 0x10
wr $P/path_cost junk
wr $P/priority 63
wr $P/priority 64
wr $P/priority -1
wr $P/hairpin_mode 1
wr $P/hairpin_mode 2
wr $P/hairpin_mode junk
wr $P/learning 0
wr $P/unicast_flood 0
wr $P/multicast_flood 0
wr $P/broadcast_flood 0
wr $P/isolated 1
wr $P/group_fwd_mask 0x1
wr $P/group_fwd_mask 0x2
wr $P/group_fwd_mask 0x4
wr $P/group_fwd_mask 0x10000
wr $P/flush 1
wr $P/state 3
wr $P/port_no 5
wr $P/designated_root 0
sysdump $P
runsh "ip -d -j link show v0 | jq -c '.[0].linkinfo.info_slave_data | {cost, priority, hairpin, learning, flood, mcast_flood, bcast_flood, isolated, group_fwd_mask}'"

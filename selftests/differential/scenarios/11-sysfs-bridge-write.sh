# shellcheck shell=bash
# Writes to bridge/ files: accepted forms (hex, newline), ranges, junk, read-only files; errno text.
setup ip link add br0 type bridge
B=/sys/class/net/br0/bridge
wr $B/forward_delay 400
wr $B/forward_delay 0x190
wr $B/forward_delay -1
wr $B/forward_delay abc
wr $B/forward_delay ""
wr $B/forward_delay 99999999999999999999
wr $B/forward_delay "4 5"
wr $B/hello_time 0
wr $B/hello_time 99
wr $B/hello_time 1001
wr $B/hello_time 250
wr $B/max_age 599
wr $B/max_age 4001
wr $B/max_age 1000
wr $B/ageing_time 0
wr $B/ageing_time 1000000
wr $B/ageing_time 4294967296
wr $B/priority 4096
wr $B/priority 65536
wr $B/priority 65537
wr $B/group_fwd_mask 0x4000
wr $B/group_fwd_mask 0x1
wr $B/group_fwd_mask 0x4
wr $B/group_fwd_mask 0x8
wr $B/group_fwd_mask 0x10000
wr $B/group_addr 01:80:c2:00:00:0e
wr $B/group_addr 01:80:c2:00:00:01
wr $B/group_addr 01:80:c2:00:00:03
wr $B/group_addr 01:80:c2:00:00:10
wr $B/group_addr 02:00:00:00:00:01
wr $B/group_addr junk
wr $B/no_linklocal_learn 1
wr $B/no_linklocal_learn 2
wr $B/flush 1
wr $B/flush junk
wr $B/root_id 8000.000000000000
wr $B/gc_timer 0
wr $B/topology_change 1
sysdump $B

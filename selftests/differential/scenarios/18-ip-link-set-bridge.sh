# shellcheck shell=bash
# ip link set BR type bridge ...: good values, refused values with their extack text, fdb_flush.
C='.[0].linkinfo.info_data | {forward_delay, hello_time, max_age, ageing_time, stp_state, priority, group_fwd_mask, group_addr, no_linklocal_learn, vlan_filtering}'
veths 1
setup ip link add br0 type bridge
setup ip link add d0 address "$(mac 3 1)" type dummy
run ip link set br0 type bridge forward_delay 200 hello_time 100 max_age 600 ageing_time 0 priority 65535
runsh "ip -d -j link show br0 | jq -c '$C'"
run ip link set br0 type bridge forward_delay 3001
run ip link set br0 type bridge forward_delay 199
run ip link set br0 type bridge hello_time 99
run ip link set br0 type bridge hello_time 1001
run ip link set br0 type bridge max_age 599
run ip link set br0 type bridge max_age 4001
run ip link set br0 type bridge group_fwd_mask 0x7
run ip link set br0 type bridge group_fwd_mask 0xfff8
run ip link set br0 type bridge group_address 01:80:c2:00:00:02
run ip link set br0 type bridge group_address 01:80:c2:00:00:0f
run ip link set br0 type bridge group_address ff:ff:ff:ff:ff:ff
run ip link set br0 type bridge no_linklocal_learn 1
run ip link set br0 type bridge no_linklocal_learn 0
run ip link set br0 type bridge vlan_filtering 0
run ip link set br0 type bridge mcast_snooping 0
run ip link set br0 type bridge mcast_querier 0
run ip link set br0 type bridge nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0
run ip link set br0 type bridge mcast_vlan_snooping 1
run ip link set br0 type bridge hello_time 100 max_age 1 priority 7
runsh "ip -d -j link show br0 | jq -c '$C'"
setup ip link set br0 type bridge ageing_time 30000
setup ip link set v0 master br0
up br0 v0 p0
gcsettle br0
send p0 "$(mac 5 1)"
setup bridge fdb add "$(mac 5 2)" dev v0 master static
settle "learned" 10 learned "$(mac 5 1)" v0
run ip link set br0 type bridge fdb_flush
run bridge fdb show br br0
run ip link set d0 type bridge priority 1
run ip link set nosuch type bridge priority 1
run ip link set v0 type bridge priority 1

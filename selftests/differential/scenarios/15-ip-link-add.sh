# shellcheck shell=bash
# ip link add type bridge with options: accepted values, refused ones and their extack text, nothing left behind.
C='.[0].linkinfo.info_data | {forward_delay, hello_time, max_age, ageing_time, stp_state, priority, group_fwd_mask, group_addr, no_linklocal_learn, vlan_filtering}'
run ip link add br0 type bridge forward_delay 400 hello_time 300 max_age 1000 ageing_time 500 priority 100 group_fwd_mask 0x4000 group_address 01:80:c2:00:00:0e no_linklocal_learn 1
runsh "ip -d -j link show br0 | jq -c '$C'"
run ip link add br1 address "$(mac 11 1)" mtu 9000 type bridge
runsh "ip -j link show br1 | jq -c '.[0] | {address, mtu, operstate, flags}'"
run ip link add br2 type bridge group_fwd_mask 1
run ip link add br2 type bridge group_fwd_mask 0x8
run ip link add br3 type bridge group_address 01:80:c2:00:00:01
run ip link add br4 type bridge group_address 01:80:c2:00:00:10
run ip link add br5 type bridge hello_time 0
run ip link add br5 type bridge hello_time 5000
run ip link add br5 type bridge max_age 100
run ip link add br5 type bridge forward_delay 0
run ip link add br6 address 01:00:5e:00:00:01 type bridge
run ip link add br6 address 00:00:00:00:00:00 type bridge
run ip link add br7 type bridge vlan_filtering 0 mcast_snooping 0 nf_call_iptables 0
run ip link add br8 type bridge ageing_time 0
runsh "ip -d -j link show br8 | jq -c '$C'"
run ip link add br0 type bridge
run ip link add name br%d type bridge
run ip -br link show type bridge

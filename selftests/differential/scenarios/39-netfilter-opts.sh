# shellcheck shell=bash
# nf_call_* bridge options: kept and reported, as in-tree without br_netfilter loaded.
setup ip link add br0 address "$(mac 11 0)" type bridge
run ip link set br0 type bridge nf_call_iptables 1
run ip link set br0 type bridge nf_call_ip6tables 1 nf_call_arptables 1
runsh "ip -d -j link show br0 | jq -c '.[0].linkinfo.info_data | {nf_call_iptables, nf_call_ip6tables, nf_call_arptables}'"
wr /sys/class/net/br0/bridge/nf_call_iptables 0
rd /sys/class/net/br0/bridge/nf_call_iptables
rd /sys/class/net/br0/bridge/nf_call_ip6tables
rd /sys/class/net/br0/bridge/nf_call_arptables
runsh "ip -d link show br0 | grep -o 'nf_call_[a-z0-9]* [0-9]*' | tr '\\n' ' '"

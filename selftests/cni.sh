#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# cni.sh - the CNI bridge plugin (containernetworking-plugins) with "vlan": containers on one VLAN talk, another VLAN is apart.
#
#   netns host: bridge cni0, made by the plugin (vlan_filtering 1)
#   c1, c2: "vlan": 100     c3: "vlan": 200     (10.88.0.0/24, host-local)
#
# The plugin is the client here: it creates the bridge, turns filtering on
# and gives each container's port its VLAN as pvid untagged, all through
# netlink; ping says whether lbridge forwards what that asked for.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq
PLUGIN=/usr/lib/cni/bridge
[ -x "$PLUGIN" ] || skip_all "no CNI bridge plugin ($PLUGIN: containernetworking-plugins)"
lbr_load

HOST=$(ns_new host)
DATA=$(mktemp -d)
defer rm -rf "$DATA"
declare -A C
for i in 1 2 3; do
	C[$i]=$(ns_new "c$i")
done

conf() { # conf VLAN: the network configuration (one address pool for all)
	cat <<JSON
{"cniVersion": "0.4.0", "name": "lbrnet", "type": "bridge", "bridge": "cni0",
 "vlan": $1, "ipam": {"type": "host-local", "subnet": "10.88.0.0/24",
 "dataDir": "$DATA"}}
JSON
}
cni() { # cni ADD|DEL CONTAINER VLAN: run the plugin as a runtime would
	conf "$3" | ip netns exec "$HOST" env CNI_COMMAND="$1" CNI_CONTAINERID="c$2" \
		CNI_NETNS="/run/netns/${C[$2]}" CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni \
		"$PLUGIN"
}
addr_of() { # addr_of CONTAINER: its IPv4 address
	ip -n "${C[$1]}" -j addr show dev eth0 | jq -r '.[0].addr_info[] | select(.family == "inet") | .local'
}

check "ADD c1 (vlan 100)" cni ADD 1 100
check "ADD c2 (vlan 100)" cni ADD 2 100
check "ADD c3 (vlan 200)" cni ADD 3 200
for i in 1 2 3; do
	defer cni DEL "$i" 0
done
check "cni0 is a bridge, and lbridge's" bash -c \
	"ip -n $HOST -j -d link show cni0 | jq -e '.[0].linkinfo.info_kind == \"bridge\"' >/dev/null &&
	 [ -d /sys/module/lbridge ] && ! [ -d /sys/module/bridge ]"
check "the plugin turned vlan_filtering on" bash -c \
	"ip -n $HOST -j -d link show cni0 | jq -e '.[0].linkinfo.info_data.vlan_filtering == 1' >/dev/null"
check "each port has its VLAN as pvid untagged" bash -c \
	"bridge -n $HOST -j vlan show | jq -e '[.[] | select(.ifname != \"cni0\") | .vlans[] | select((.flags // []) | index(\"PVID\")) | .vlan] | sort == [100, 100, 200]' >/dev/null"

a2=$(addr_of 2)
a3=$(addr_of 3)
check "c1 reaches c2 on VLAN 100" wait_for "c1 -> c2" 10 \
	ip netns exec "${C[1]}" ping -c 1 -W 2 "$a2"
check_fail "c1 does not reach c3 on VLAN 200" "" \
	ip netns exec "${C[1]}" ping -c 1 -W 2 "$a3"
check "DEL c2" cni DEL 2 100
check "c2's port is gone from cni0 and VLAN 100" bash -c \
	"bridge -n $HOST -j vlan show | jq -e '[.[] | .vlans[] | select(.vlan == 100)] | length == 1' >/dev/null"

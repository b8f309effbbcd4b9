#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# cni_macspoofchk.sh - the CNI bridge plugin's "macspoofchk": its bridge-family nft rules (iifname, ether saddr) drop a container's spoofed source MAC on lbridge.
#
#   netns host: bridge cni0, made by the plugin; c1, c2 (10.89.0.0/24)
#
# The plugin writes its own nft table (through the nft binary) matching
# the container's port with `iifname` and its MAC with `ether saddr`:
# in-tree that needs nft_meta_bridge, here lbridge_nf.  ping is the oracle:
# c1 reaches c2 with its own MAC, not once it takes another.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq nft
PLUGIN=/usr/lib/cni/bridge
[ -x "$PLUGIN" ] || skip_all "no CNI bridge plugin ($PLUGIN: containernetworking-plugins)"
lbr_load
lbr_nf_companions

HOST=$(ns_new host)
DATA=$(mktemp -d)
defer rm -rf "$DATA"
declare -A C
for i in 1 2; do
	C[$i]=$(ns_new "c$i")
done

cni() { # cni ADD|DEL CONTAINER: run the plugin as a runtime would
	ip netns exec "$HOST" env CNI_COMMAND="$1" CNI_CONTAINERID="c$2" \
		CNI_NETNS="/run/netns/${C[$2]}" CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni \
		"$PLUGIN" <<JSON
{"cniVersion": "1.0.0", "name": "lbrspoof", "type": "bridge", "bridge": "cni0",
 "macspoofchk": true, "ipam": {"type": "host-local", "subnet": "10.89.0.0/24",
 "dataDir": "$DATA"}}
JSON
}
addr_of() { # addr_of CONTAINER: its IPv4 address
	ip -n "${C[$1]}" -j addr show dev eth0 | jq -r '.[0].addr_info[] | select(.family == "inet") | .local'
}
ping_c2() { ip netns exec "${C[1]}" ping -c 1 -W 2 "$a2" >/dev/null; }

check "ADD c1 with macspoofchk" cni ADD 1
check "ADD c2 with macspoofchk" cni ADD 2
for i in 1 2; do
	defer cni DEL "$i"
done
check "the plugin's rules are a bridge-family table on lbridge" bash -c \
	"ip netns exec $HOST nft -j list ruleset | jq -e '[.nftables[] | .table? // empty | select(.family == \"bridge\")] | length > 0' >/dev/null &&
	 [ -d /sys/module/lbridge_nf ] && ! [ -d /sys/module/bridge ]"
a2=$(addr_of 2)
mac1=$(ip -n "${C[1]}" -j link show eth0 | jq -r '.[0].address')
check "c1 reaches c2 with its own MAC" wait_for "c1 -> c2" 10 ping_c2
ip -n "${C[1]}" neigh flush dev eth0
ip -n "${C[1]}" link set eth0 address 02:00:00:00:5e:01
check_fail "with a spoofed MAC, c1's frames are dropped" "" ping_c2
ip -n "${C[1]}" link set eth0 address "$mac1"
check "its own MAC again, c1 reaches c2" wait_for "c1 -> c2 again" 10 ping_c2
check "DEL c1 removes its rules" cni DEL 1
check "c1's rules are gone" bash -c \
	"! ip netns exec $HOST nft list ruleset | grep -qi '$mac1'"

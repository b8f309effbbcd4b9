#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# demo-guest.sh - runs inside the VM: load lbridge, bridge three namespaces, show it working.
set -euo pipefail

brctl=/usr/sbin/brctl
module=${LBR_MODULE:-$PWD/lbridge.ko}

say() { printf '\n$ %s\n' "$*"; }
run() { say "$*"; "$@"; }

run insmod "$module"
say "modprobe bridge   (vetoed while lbridge is loaded)"
rm -f /etc/modprobe.d/lbridge-vm.conf
if modprobe bridge 2>&1; then
	echo "demo: bridge.ko loaded although lbridge is loaded" >&2
	exit 1
fi
dmesg | grep -m1 'refusing to load bridge.ko' || true

# h1, h2, h3 each have one veth into the "sw" namespace, where br0 lives.
ip netns add sw
for i in 1 2 3; do
	ip netns add "h$i"
	ip link add "eth0" netns "h$i" type veth peer name "p$i" netns sw
	ip -n "h$i" addr add "192.0.2.$i/24" dev eth0
	ip -n "h$i" link set eth0 up
	ip -n "h$i" link set lo up
done

say "ip netns exec sw brctl addbr br0; brctl addif br0 p1 p2 p3; ip link set ... up"
ip netns exec sw $brctl addbr br0
for i in 1 2 3; do
	ip netns exec sw $brctl addif br0 "p$i"
	ip -n sw link set "p$i" up
done
ip -n sw link set br0 up
ip -n sw addr add 192.0.2.254/24 dev br0

run ip netns exec h1 ping -c 2 -W 2 192.0.2.2
run ip netns exec h1 ping -c 2 -W 2 192.0.2.3
run ip netns exec h3 ping -c 2 -W 2 192.0.2.254
run ip netns exec sw $brctl show
run ip netns exec sw $brctl showmacs br0
run ip -n sw -d link show br0
run bridge -n sw fdb show br br0
run bridge -n sw link show

say "ip link add br1 type bridge (iproute2 path) in h1's namespace"
ip -n h1 link add br1 type bridge ageing_time 1000
ip -n h1 -d link show br1 | sed -n '1,4p'

run rmmod lbridge
echo
echo "demo: ok"

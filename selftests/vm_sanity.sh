#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vm_sanity.sh - the guest basics every lbridge test relies on: kernel, tools, netns/veth, no bridge.ko.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm

# The kernel vm.sh booted (Debian's 6.1 or scripts/vm.sh --kernel), and the
# one $LBR_MODULE was built for (`make`: the newest
# /usr/src/linux-headers-6.1.*-amd64; check.sh --kernel: that kernel's tree).
kver=$(uname -r)
check "running kernel is a 6.1 one ($kver)" test "${kver#6.1.}" != "$kver"
check "running kernel is the one vm.sh meant to boot" test "$kver" = "${LBR_VM_KVER:-}"
vermagic=$(modinfo -F vermagic "$LBR_MODULE" 2>/dev/null)
check "${LBR_MODULE##*/} is built for the running kernel (vermagic ${vermagic%% *})" \
	test "${vermagic%% *}" = "$kver"
check "running as root" test "$(id -u)" = 0
check "hostname is lbr-vm" test "$(hostname)" = lbr-vm
check "repository visible at $LBR_REPO" test -f "$LBR_REPO/selftests/lib.sh"
check "root filesystem is writable (overlay)" touch /etc/lbr-vm-sanity
check "/tmp is writable" touch /tmp/lbr-vm-sanity
check "loopback is up" bash -c 'ip -o link show lo | grep -q "UP"'
check "debugfs is mounted" test -d /sys/kernel/debug/tracing

for c in ip bridge brctl nft ebtables mausezahn tcpdump jq ping timeout insmod modprobe; do
	check "$c is installed" command -v "$c"
done

# The in-tree bridge must never load in this guest unless vm.sh --allow-bridge.
if [ -f /etc/modprobe.d/lbridge-vm.conf ]; then
	check_fail "modprobe bridge is blocked" "" modprobe bridge
	check_fail "modprobe br_netfilter is blocked" "" modprobe br_netfilter
	check "bridge.ko is not loaded" test ! -d /sys/module/bridge
else
	skip "modprobe bridge is blocked" "guest started with --allow-bridge"
fi

# Two namespaces joined by a veth pair can talk.
A=$(ns_new a)
B=$(ns_new b)
check "netns $A exists" test -e "/run/netns/$A"
veth_pair "$A" eth0 "$B" eth0
ip -n "$A" addr add 192.0.2.1/24 dev eth0
ip -n "$B" addr add 192.0.2.2/24 dev eth0
ip -n "$A" addr add 2001:db8::1/64 dev eth0 nodad
ip -n "$B" addr add 2001:db8::2/64 dev eth0 nodad
check "veth peer is up" wait_for "veth carrier" 10 \
	bash -c "ip -n $B -o link show eth0 | grep -q LOWER_UP"
check "IPv4 ping over veth" ip netns exec "$A" ping -c 1 -W 5 192.0.2.2
check "IPv6 ping over veth" ip netns exec "$A" ping -6 -c 1 -W 5 2001:db8::2

# The fixtures helpers themselves.
check_fail "check_fail matches an errno name" EEXIST ip netns add "$A"
check_fail "check_fail matches text" "does not exist" ip link show dev nonexistent0
check "if_name fits IFNAMSIZ" test "$(if_name abcdefgh | wc -c)" -le 16
D=$(if_name dummy)
check "link in the initial netns" ip link add "$D" type dummy
check "wait_for polls until success" wait_for "file" 5 test -e /proc/self

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# module.sh - lbridge and bridge.ko exclude each other (either load order), and rmmod lbridge removes every bridge in every netns, freeing the ports.
#
#   netns a:        a0 --+-- br0 (brctl addbr/addif)      br1 (ip, no ports)
#                   a1 --+
#   netns b:        b0 --+-- br0 (ip link add / set master)
#   initial netns:  $PI --+-- $BRI (ip link add)
#   (every port is a veth whose peer sits up in the same netns)
#
# The guest's /etc/modprobe.d/lbridge-vm.conf (install bridge /bin/false) is
# moved aside for the test, so that lbridge's own module notifier is what
# stops `modprobe bridge`.  Modules are put back as found on exit: bridge.ko
# unloaded, lbridge loaded iff it was.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd modprobe insmod rmmod dmesg jq
BRCTL=/usr/sbin/brctl
[ -x $BRCTL ] || skip_all "no $BRCTL (bridge-utils)"
[ -f "$LBR_MODULE" ] || bail "lbridge.ko" "$LBR_MODULE is missing: run make"
modinfo bridge >/dev/null 2>&1 || skip_all "no bridge.ko for $(uname -r)"

was_loaded=0
[ ! -d /sys/module/lbridge ] || was_loaded=1
restore_modules() {
	ip link del "$BRI" 2>/dev/null
	[ ! -d /sys/module/bridge ] || modprobe -r bridge
	if [ $was_loaded = 1 ]; then
		[ -d /sys/module/lbridge ] || insmod "$LBR_MODULE"
	else
		[ ! -d /sys/module/lbridge ] || rmmod lbridge
	fi
}
BRI=$(if_name br)
defer restore_modules
conf=/etc/modprobe.d/lbridge-vm.conf
if [ -f "$conf" ]; then
	# modprobe reads only *.conf: the renamed file blocks nothing.
	mv "$conf" "$conf.module" || bail "lift the guest's block on bridge.ko"
	defer mv "$conf.module" "$conf"
fi

# mark NAME: a line in the kernel log; dmesg_since NAME TEXT: TEXT was
# logged after it.
mark() { echo "lbr-selftest: $LBR_TEST.sh mark $1" >/dev/kmsg; }
dmesg_since() {
	dmesg | sed -n "/lbr-selftest: $LBR_TEST.sh mark $1\$/,\$p" | grep -F -- "$2"
}
loaded() { [ -d "/sys/module/$1" ]; }
not_loaded() { [ ! -d "/sys/module/$1" ]; }

if loaded lbridge; then
	check "rmmod lbridge (left loaded by an earlier test)" rmmod lbridge
fi

# ---- lbridge first: bridge.ko is vetoed ----
check "insmod lbridge.ko" insmod "$LBR_MODULE"
check "lbridge is live" grep -qx live /sys/module/lbridge/initstate
mark veto
check_fail "modprobe bridge fails while lbridge is loaded" EBUSY modprobe bridge
check "dmesg: lbridge refused bridge.ko" dmesg_since veto "refusing to load bridge.ko"
check "bridge.ko is not loaded" not_loaded bridge
A=$(ns_new a)
check "lbridge still creates bridges" ip -n "$A" link add brv type bridge
check "lbridge still deletes bridges" ip -n "$A" link del brv
check "rmmod lbridge" rmmod lbridge
check "lbridge is unloaded" not_loaded lbridge

# ---- bridge.ko first: lbridge refuses to load ----
check "modprobe bridge succeeds without lbridge" modprobe bridge
mark owner
check_fail "insmod lbridge.ko fails while bridge.ko is loaded" EBUSY insmod "$LBR_MODULE"
check "dmesg: lbridge names bridge.ko as the owner" \
	dmesg_since owner "bridge.ko is loaded and owns the bridge ABI"
check "lbridge is not loaded" not_loaded lbridge
# The failed insmod must not have taken bridge.ko's ioctl hook or rtnl kind.
check "bridge.ko still serves brctl addbr" ip netns exec "$A" $BRCTL addbr brk
check "bridge.ko still serves ip link add type bridge" ip -n "$A" link add brk2 type bridge
check "bridge.ko still serves brctl show" bash -c \
	"ip netns exec $A $BRCTL show | grep -q '^brk\s' && ip netns exec $A $BRCTL show | grep -q '^brk2\s'"
check "bridge.ko still serves ip -d link show" bash -c \
	"ip -n $A -d link show brk2 | grep -q 'bridge forward_delay'"
ip -n "$A" link del brk 2>/dev/null
ip -n "$A" link del brk2 2>/dev/null
check "rmmod bridge" rmmod bridge
check "bridge.ko is unloaded" not_loaded bridge
check "insmod lbridge.ko works again" insmod "$LBR_MODULE"
check "lbridge is live again" grep -qx live /sys/module/lbridge/initstate

# ---- rmmod lbridge removes every bridge, in every netns ----
B=$(ns_new b)
PI=$(if_name p)
veth_pair "$A" a0 "$A" a0p
veth_pair "$A" a1 "$A" a1p
veth_pair "$B" b0 "$B" b0p
veth_pair "$PI" "$(if_name q)"
check "netns a: brctl addbr br0" ip netns exec "$A" $BRCTL addbr br0
check "netns a: brctl addif br0 a0 a1" ip netns exec "$A" $BRCTL addif br0 a0 a1
check "netns a: ip link add br1 type bridge" ip -n "$A" link add br1 type bridge
check "netns b: ip link add br0 type bridge" ip -n "$B" link add br0 type bridge
check "netns b: ip link set b0 master br0" ip -n "$B" link set b0 master br0
check "initial netns: ip link add $BRI type bridge" ip link add "$BRI" type bridge
check "initial netns: ip link set $PI master $BRI" ip link set "$PI" master "$BRI"
ip -n "$A" link set br0 up
ip -n "$B" link set br0 up
ip link set "$BRI" up

# ports NS DEV...: each DEV in NS (- for the initial one) exists, has no
# master and is not promiscuous.
free_ports() {
	local ns=$1 d out
	shift
	[ "$ns" != - ] || ns=
	for d in "$@"; do
		out=$(ip ${ns:+-n "$ns"} -d link show dev "$d") || return 1
		echo "$out"
		! grep -q " master \|bridge_slave" <<<"$out" || return 1
		grep -q "promiscuity 0 " <<<"$out" || return 1
	done
}
promisc() { ip ${1:+-n "$1"} -j -d link show dev "$2" | jq -r '.[0].promiscuity'; }
check "ports are promiscuous while bridged" test \
	"$(promisc "$A" a0) $(promisc "$A" a1) $(promisc "$B" b0) $(promisc "" "$PI")" = "1 1 1 1"
# bridges NS: the kind "bridge" devices in NS ("" for the initial netns).
# (Not `ip link show type bridge`: with no module owning the kind, the
# kernel does not filter by it.)
bridges() {
	ip ${1:+-n "$1"} -d -j link show |
		jq -r '[.[] | select(.linkinfo.info_kind == "bridge") | .ifname] | join(" ")'
}
check "bridges before rmmod" test "$(bridges "$A")|$(bridges "$B")|$(bridges "")" = "br0 br1|br0|$BRI"

check "rmmod lbridge with bridges in three netns" rmmod lbridge
check "netns a has no bridge" test -z "$(bridges "$A")"
check "netns b has no bridge" test -z "$(bridges "$B")"
check "initial netns has no bridge" test -z "$(bridges "")"
check "no sysfs bridge directory left in netns a" bash -c \
	"! ip netns exec $A sh -c 'ls -d /sys/class/net/*/bridge /sys/class/net/*/brport' 2>/dev/null"
check "netns a: a0, a1 survive, no master, promiscuity 0" free_ports "$A" a0 a1
check "netns b: b0 survives, no master, promiscuity 0" free_ports "$B" b0
check "initial netns: $PI survives, no master, promiscuity 0" free_ports - "$PI"
check "the freed ports can be bridged again" bash -c \
	"insmod $LBR_MODULE && ip -n $B link add br0 type bridge && ip -n $B link set b0 master br0 && rmmod lbridge"
check "lbridge is unloaded at the end" not_loaded lbridge

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# errors.sh - privilege checks: EPERM without CAP_NET_ADMIN on every control path, and CAP_NET_ADMIN taken in the netns's owning user namespace.
#
#   netns sw (owned by the initial userns):    v0 --+-- br0      v1 (spare)
#   initial netns:                             $PI --+-- $BRI     $PX (spare)
#   netns of a new userns (unshare -U -r -n -m, sysfs remounted there):
#                                              u0 --+-- ub0      ub1 (ip link add)
#
# Callers:
#   nobody   - uid/gid 65534, no capabilities (setpriv)
#   nocap    - uid 0 without CAP_NET_ADMIN in its bounding set (setpriv)
#   ownuser  - root of the userns that owns the third netns (nsenter into it)
#   userns   - root of a new userns that does not own the netns it is in
#              (unshare -U -r in the initial netns)
# Every refused request must leave the state untouched.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd setpriv unshare nsenter python3 jq
lbr_load
BRCTL=/usr/sbin/brctl
[ -x $BRCTL ] || skip_all "no $BRCTL (bridge-utils)"

NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)
NOCAP=(setpriv --inh-caps=-net_admin --bounding-set=-net_admin)
# A sysfs write with the exact errno in the error (python3 names it).
WRITE=(python3 -c 'import os, sys
fd = os.open(sys.argv[1], os.O_WRONLY)
os.write(fd, sys.argv[2].encode())')

SW=$(ns_new sw)
veth_pair "$SW" v0 "$SW" p0
veth_pair "$SW" v1 "$SW" p1
ip -n "$SW" link add br0 type bridge
ip -n "$SW" link set v0 master br0

BRI=$(if_name br)
PI=$(if_name p)
PX=$(if_name x)
veth_pair "$PI" "$(if_name q)"
veth_pair "$PX" "$(if_name y)"
ip link add "$BRI" type bridge
ip link set "$PI" master "$BRI"

# "${NOSYSFS[@]}" CMD...: CMD with /sys/class/net hidden, so brctl uses its ioctls.
NOSYSFS=(unshare -m sh -c 'mount -t tmpfs lbr-nosysfs /sys/class/net && exec "$@"' sh)

sw() { ip netns exec "$SW" "$@"; }
sysval() { cat "/sys/class/net/$1"; }
swval() { ip netns exec "$SW" cat "/sys/class/net/$1"; }
master_of() { ip -j link show dev "$1" | jq -r '.[0].master // "none"'; }

# has_net_admin CMD...: whether CMD runs with CAP_NET_ADMIN (bit 12) effective.
has_net_admin() {
	local eff
	eff=$("$@" sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status) && [ -n "$eff" ] ||
		return 2
	echo "CapEff $eff"
	[ $(((16#$eff >> 12) & 1)) = 1 ]
}
lacks_net_admin() {
	local rc=0
	has_net_admin "$@" || rc=$?
	[ $rc = 1 ]
}
check "nobody has no CAP_NET_ADMIN" lacks_net_admin "${NOBODY[@]}"
check "nocap has no CAP_NET_ADMIN" lacks_net_admin "${NOCAP[@]}"

# ---- unprivileged callers, netns sw ----
for who in nobody nocap; do
	if [ $who = nobody ]; then
		as=("${NOBODY[@]}")
	else
		as=("${NOCAP[@]}")
	fi
	check_fail "$who: brctl addbr (SIOCBRADDBR) is EPERM" \
		"add bridge failed: Operation not permitted" sw "${as[@]}" $BRCTL addbr brx
	check_fail "$who: brctl addif (SIOCBRADDIF) is EPERM" \
		"can't add v1 to bridge br0: Operation not permitted" sw "${as[@]}" $BRCTL addif br0 v1
	check_fail "$who: brctl delif (SIOCBRDELIF) is EPERM" \
		"can't delete v0 from br0: Operation not permitted" sw "${as[@]}" $BRCTL delif br0 v0
	check_fail "$who: brctl delbr (SIOCBRDELBR) is EPERM" \
		"can't delete bridge br0: Operation not permitted" sw "${as[@]}" $BRCTL delbr br0
	check_fail "$who: ip link add type bridge is EPERM" EPERM \
		sw "${as[@]}" ip link add brx type bridge
	check_fail "$who: ip link set type bridge is EPERM" EPERM \
		sw "${as[@]}" ip link set br0 type bridge ageing_time 1000
	check_fail "$who: bridge link set is EPERM" EPERM \
		sw "${as[@]}" bridge link set dev v0 cost 7
	check "$who: brctl show works unprivileged" bash -c \
		"ip netns exec $SW ${as[*]} $BRCTL show br0 | grep -q v0"
	check "$who: brctl showmacs works unprivileged" bash -c \
		"ip netns exec $SW ${as[*]} $BRCTL showmacs br0 | grep -q yes"
done
# The sysfs files are 0644 root (as on bridge.ko): nobody is stopped by the
# file mode, root without CAP_NET_ADMIN by the bridge's own check.
check_fail "nobody: write bridge/ageing_time is EACCES (file mode)" EACCES \
	sw "${NOBODY[@]}" "${WRITE[@]}" /sys/class/net/br0/bridge/ageing_time 1000
check_fail "nocap: write bridge/ageing_time is EPERM" EPERM \
	sw "${NOCAP[@]}" "${WRITE[@]}" /sys/class/net/br0/bridge/ageing_time 1000
check_fail "nocap: write brport/path_cost is EPERM" EPERM \
	sw "${NOCAP[@]}" "${WRITE[@]}" /sys/class/net/v0/brport/path_cost 7
check_fail "nocap: write brport/hairpin_mode is EPERM" EPERM \
	sw "${NOCAP[@]}" "${WRITE[@]}" /sys/class/net/v0/brport/hairpin_mode 1
check_fail "nocap: write bridge/flush is EPERM" EPERM \
	sw "${NOCAP[@]}" "${WRITE[@]}" /sys/class/net/br0/bridge/flush 1
check_fail "nocap: brctl setageing via ioctl (SET_AGEING_TIME) is EPERM" EPERM \
	sw "${NOSYSFS[@]}" "${NOCAP[@]}" $BRCTL setageing br0 10
check_fail "nocap: brctl setpathcost via ioctl (SET_PATH_COST) is EPERM" EPERM \
	sw "${NOSYSFS[@]}" "${NOCAP[@]}" $BRCTL setpathcost br0 v0 7
check "nocap: brctl show via ioctl (GET_BRIDGE_INFO, GET_PORT_LIST) works" bash -c \
	"ip netns exec $SW unshare -m sh -c 'mount -t tmpfs none /sys/class/net && ${NOCAP[*]} $BRCTL show br0' | grep -q v0"

check "sw: nothing changed (no brx, br0 with v0 only)" bash -c \
	"[ \"\$(ip -n $SW -j link show type bridge | jq -r '[.[].ifname] | join(\" \")')\" = br0 ] &&
	 [ \"\$(ip -n $SW -j link show master br0 | jq -r '[.[].ifname] | join(\" \")')\" = v0 ]"
check "sw: ageing_time, path_cost, hairpin_mode unchanged" test \
	"$(swval br0/bridge/ageing_time) $(swval v0/brport/path_cost) $(swval v0/brport/hairpin_mode)" = \
	"30000 2 0"

# ---- root of a userns that does not own the (initial) netns ----
UNS=(unshare -U -r)
check "userns: root there has CAP_NET_ADMIN in its own userns" has_net_admin "${UNS[@]}"
check_fail "userns: brctl addbr is EPERM" "add bridge failed: Operation not permitted" \
	"${UNS[@]}" $BRCTL addbr "$(if_name brx)"
check_fail "userns: brctl addif is EPERM" "Operation not permitted" \
	"${UNS[@]}" $BRCTL addif "$BRI" "$PX"
check_fail "userns: brctl delbr is EPERM" "Operation not permitted" \
	"${UNS[@]}" $BRCTL delbr "$BRI"
check_fail "userns: ip link add type bridge is EPERM" EPERM \
	"${UNS[@]}" ip link add "$(if_name brx)" type bridge
check_fail "userns: write bridge/ageing_time is EPERM" EPERM \
	"${UNS[@]}" "${WRITE[@]}" "/sys/class/net/$BRI/bridge/ageing_time" 1000
check_fail "userns: write bridge/priority is EPERM" EPERM \
	"${UNS[@]}" "${WRITE[@]}" "/sys/class/net/$BRI/bridge/priority" 4096
check_fail "userns: write brport/path_cost is EPERM" EPERM \
	"${UNS[@]}" "${WRITE[@]}" "/sys/class/net/$PI/brport/path_cost" 7
check_fail "userns: brctl setageing via ioctl is EPERM" EPERM \
	unshare -U -r "${NOSYSFS[@]}" $BRCTL setageing "$BRI" 10
check "userns: nothing changed" test \
	"$(sysval "$BRI/bridge/ageing_time") $(sysval "$BRI/bridge/priority") $(sysval "$PI/brport/path_cost") $(master_of "$PX") $(ip -j link show type bridge | jq -r "[.[].ifname | select(startswith(\"$LBR_IF_PREFIX\"))] | join(\" \")")" = \
	"30000 32768 2 none $BRI"

# ---- root of the userns that owns the netns ----
# The namespaces live as long as this sleep; sysfs is remounted inside so
# that /sys/class/net shows that netns.
unshare -U -r -n -m --propagation private \
	sh -c 'mount -t sysfs lbr-sysfs /sys && exec sleep 600' </dev/null >/dev/null 2>&1 &
UPID=$!
defer kill "$UPID"
own() { nsenter -t "$UPID" -U -n -m "$@"; }
own_ready() {
	[ "$(cat "/proc/$UPID/comm")" = sleep ] &&
		[ "$(readlink "/proc/$UPID/ns/net")" != "$(readlink /proc/self/ns/net)" ]
}
check "ownuser: userns+netns ready" wait_for "unshare -U -r -n" 10 own_ready
check "ownuser: root there has CAP_NET_ADMIN" has_net_admin own
check "ownuser: brctl addbr" own $BRCTL addbr ub0
check "ownuser: ip link add type bridge" own ip link add ub1 type bridge
check "ownuser: ip link add veth" own ip link add u0 type veth peer name u1
check "ownuser: brctl addif" own $BRCTL addif ub0 u0
check "ownuser: ip link set master" own ip link set u1 master ub1
check "ownuser: write bridge/ageing_time" own "${WRITE[@]}" /sys/class/net/ub0/bridge/ageing_time 1000
check "ownuser: write brport/path_cost" own "${WRITE[@]}" /sys/class/net/u0/brport/path_cost 7
check "ownuser: brctl setageing via ioctl" own "${NOSYSFS[@]}" $BRCTL setageing ub1 20
check "ownuser: ip link set type bridge" own ip link set ub1 type bridge priority 4096
check "ownuser: bridge link set" own bridge link set dev u1 cost 9
check "ownuser: the writes took effect" test \
	"$(own cat /sys/class/net/ub0/bridge/ageing_time /sys/class/net/u0/brport/path_cost \
		/sys/class/net/ub1/bridge/ageing_time /sys/class/net/ub1/bridge/priority \
		/sys/class/net/u1/brport/path_cost | tr '\n' ' ')" = "1000 7 2000 4096 9 "
check "ownuser: brctl show lists both bridges and ports" bash -c \
	"nsenter -t $UPID -U -n -m $BRCTL show | grep -Pq '^ub0\t\t8000\.[0-9a-f]{12}\tno\t\tu0\$' &&
	 nsenter -t $UPID -U -n -m $BRCTL show | grep -Pq '^ub1\t\t1000\.[0-9a-f]{12}\tno\t\tu1\$'"
check "ownuser: brctl delif" own $BRCTL delif ub0 u0
check "ownuser: brctl delbr" own $BRCTL delbr ub0
check "ownuser: ip link del bridge" own ip link del ub1
check "ownuser: no bridge left there" test "$(own ip -j link show type bridge)" = "[]"

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# brctl.sh - bridge-utils brctl on lbridge: addbr/addif/show/showmacs/delif/delbr, exact output and every error message, sysfs and ioctl paths.
#
#   h1: eth0 02:00:00:00:00:01 --- v0 02:00:00:00:01:00 --+
#                                                         +-- br0   (netns sw)
#                                  v1 02:00:00:00:01:01 --+
#                                  v2 02:00:00:00:01:02       br1 (no ports)
#   (v1 and v2 are veths whose peers p1, p2 stay down in sw)
#
# brctl itself is the oracle: its stdout/stderr must be byte for byte what
# bridge-utils 1.7.1 prints on bridge.ko (ABI.md sections 6.2, 7), first with
# sysfs (brctl's primary path for show/showmacs), then with /sys/class/net
# hidden behind an empty tmpfs so brctl takes its ioctl fallbacks.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd jq unshare
lbr_load
BRCTL=/usr/sbin/brctl
[ -x $BRCTL ] || skip_all "no $BRCTL (bridge-utils)"

TMPD=$(mktemp -d)
defer rm -rf "$TMPD"
SW=$(ns_new sw)
H1=$(ns_new h1)
ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec "$H1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
ip link add name eth0 address 02:00:00:00:00:01 netns "$H1" \
	type veth peer name v0 address 02:00:00:00:01:00 netns "$SW"
for i in 1 2; do
	ip -n "$SW" link add "v$i" address "02:00:00:00:01:0$i" type veth peer name "p$i"
done
ip -n "$H1" addr add 192.0.2.1/24 dev eth0

TAB=$'\t'
HDR_SHOW="bridge name${TAB}bridge id${TAB}${TAB}STP enabled${TAB}interfaces"
HDR_MACS="port no${TAB}mac addr${TAB}${TAB}is local?${TAB}ageing timer"

# brctl ARGS...: brctl in sw, with sysfs.
brctl() { ip netns exec "$SW" $BRCTL "$@"; }
# brctl_nosysfs ARGS...: brctl in sw with /sys/class/net empty (ioctl fallbacks).
brctl_nosysfs() {
	ip netns exec "$SW" unshare -m sh -c \
		'mount -t tmpfs lbr-nosysfs /sys/class/net && exec "$@"' sh $BRCTL "$@"
}
# brctl_nosysfs_ls: what brctl_nosysfs leaves visible of /sys/class/net.
brctl_nosysfs_ls() {
	ip netns exec "$SW" unshare -m sh -c \
		'mount -t tmpfs lbr-nosysfs /sys/class/net && ls -A /sys/class/net'
}

# out_is STATUS STDOUT STDERR CMD...: CMD exits with STATUS and prints
# exactly STDOUT and STDERR (tabs shown as \t on mismatch).
out_is() {
	local want_rc=$1 want_out=$2 want_err=$3 rc=0 bad=0
	shift 3
	"$@" >"$TMPD/out" 2>"$TMPD/err" || rc=$?
	if [ "$rc" != "$want_rc" ]; then
		echo "exit status $rc, expected $want_rc"
		bad=1
	fi
	printf '%s' "$want_out${want_out:+$'\n'}" >"$TMPD/want_out"
	printf '%s' "$want_err${want_err:+$'\n'}" >"$TMPD/want_err"
	for f in out err; do
		if ! cmp -s "$TMPD/want_$f" "$TMPD/$f"; then
			diff -u --label "expected std$f" --label "std$f" "$TMPD/want_$f" "$TMPD/$f" |
				sed "s/$TAB/\\\\t/g"
			bad=1
		fi
	done
	return $bad
}

# mask_timer CMD...: CMD's output with learned ("no") entries' timers as <t>.
mask_timer() {
	"$@" | sed -E "s/(${TAB}no${TAB}${TAB}) *[0-9]+\.[0-9]{2}\$/\\1<t>/"
}

master_of() { ip -n "$SW" -j link show dev "$1" | jq -r '.[0].master // "none"'; }

# ---- addbr, addif ----
check "brctl addbr br0" out_is 0 "" "" brctl addbr br0
check "br0 is an rtnl kind \"bridge\" device" bash -c \
	"ip -n $SW -d -j link show br0 | jq -e '.[0].linkinfo.info_kind == \"bridge\"' >/dev/null"
check "brctl addbr existing bridge" out_is 1 "" \
	"device br0 already exists; can't create bridge with the same name" brctl addbr br0
check "brctl addbr over an existing non-bridge" out_is 1 "" \
	"device v2 already exists; can't create bridge with the same name" brctl addbr v2
check "brctl addif br0 v0 v1" out_is 0 "" "" brctl addif br0 v0 v1
check "v0 and v1 have master br0" test "$(master_of v0) $(master_of v1)" = "br0 br0"
check "brctl addbr br1" out_is 0 "" "" brctl addbr br1

# ---- show, showmacs ----
# The bridge id is the lowest port MAC (no address set by hand), which is
# also the bridge's own address; a bridge that never had a port shows
# 8000.000000000000, as on bridge.ko.
BR0_MAC=$(ip -n "$SW" -j link show br0 | jq -r '.[0].address')
check "br0 took its lowest port's MAC ($BR0_MAC)" test "$BR0_MAC" = 02:00:00:00:01:00
ID0=8000.${BR0_MAC//:/}
SHOW_BR0="br0${TAB}${TAB}${ID0}${TAB}no${TAB}${TAB}v0
${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}v1"
SHOW_BR1="br1${TAB}${TAB}8000.000000000000${TAB}no${TAB}${TAB}"
# Each port's own address is there twice, for no VLAN and for the default
# pvid 1 every new port gets (brctl prints no VLAN), as on bridge.ko.
LOCAL_ENTRIES="  1${TAB}02:00:00:00:01:00${TAB}yes${TAB}${TAB}   0.00
  1${TAB}02:00:00:00:01:00${TAB}yes${TAB}${TAB}   0.00
  2${TAB}02:00:00:00:01:01${TAB}yes${TAB}${TAB}   0.00
  2${TAB}02:00:00:00:01:01${TAB}yes${TAB}${TAB}   0.00"
MACS_LOCAL="$HDR_MACS
$LOCAL_ENTRIES"

# Twice: with sysfs (brctl reads bridge/*, brif/, brforward), and without
# (SIOCGIFBR GET_BRIDGES, GET_BRIDGE_INFO, GET_PORT_LIST, GET_FDB_ENTRIES).
check "no sysfs: /sys/class/net is empty" out_is 0 "" "" brctl_nosysfs_ls
for how in sysfs ioctl; do
	b=brctl
	[ $how = sysfs ] || b=brctl_nosysfs
	check "brctl show ($how)" out_is 0 "$HDR_SHOW
$SHOW_BR0
$SHOW_BR1" "" $b show
	check "brctl show br0 ($how)" out_is 0 "$HDR_SHOW
$SHOW_BR0" "" $b show br0
	check "brctl show br1, no ports ($how)" out_is 0 "$HDR_SHOW
$SHOW_BR1" "" $b show br1
	check "brctl show br1 nosuch br0: errors don't stop it ($how)" out_is 1 "$HDR_SHOW
$SHOW_BR1
$SHOW_BR0" "bridge nosuch does not exist!" $b show br1 nosuch br0
	check "brctl show missing bridge ($how)" out_is 1 "" \
		"bridge nosuch does not exist!" $b show nosuch
	check "brctl show non-bridge ($how)" out_is 1 "" \
		"device v2 is not a bridge!" $b show v2
	check "brctl showmacs br0: local entries ($how)" out_is 0 "$MACS_LOCAL" "" $b showmacs br0
done

# ---- addif/delif/delbr refusals (ABI.md 6.2, 7) ----
check "brctl addif loopback" out_is 1 "" \
	"can't add lo to bridge br0: Invalid argument" brctl addif br0 lo
check "brctl addif a bridge into a bridge" out_is 1 "" \
	"device br1 is a bridge device itself; can't add a bridge device to a bridge device." \
	brctl addif br0 br1
check "brctl addif a port of another bridge" out_is 1 "" \
	"device v0 is already a member of a bridge; can't add it to bridge br1." brctl addif br1 v0
check "v0 still has master br0" test "$(master_of v0)" = br0
check "brctl addif unknown interface" out_is 1 "" \
	"interface nosuch does not exist!" brctl addif br1 nosuch
check "brctl delif non-port" out_is 1 "" "device v2 is not a port of br0" brctl delif br0 v2
check "brctl delif port of another bridge" out_is 1 "" \
	"device v0 is not a port of br1" brctl delif br1 v0
check "brctl delbr missing bridge" out_is 1 "" \
	"bridge nosuch doesn't exist; can't delete it" brctl delbr nosuch
check "brctl delbr non-bridge" out_is 1 "" \
	"can't delete bridge v2: Operation not permitted" brctl delbr v2
check "v2 survived delbr" ip -n "$SW" link show dev v2
check "nothing changed: brctl show as before" out_is 0 "$HDR_SHOW
$SHOW_BR0
$SHOW_BR1" "" brctl show

# ---- a learned address, bridge up ----
ip -n "$SW" link set br0 up
ip -n "$SW" link set v0 up
ip -n "$H1" link set eth0 up
check "v0 forwarding" wait_for "v0 forwarding" 10 \
	bash -c "[ \"\$(ip netns exec $SW cat /sys/class/net/v0/brport/state)\" = 3 ]"
# h1's ARP request for 192.0.2.2 (nobody answers) teaches br0 h1's address.
learned() {
	ip netns exec "$H1" ping -q -c 1 -W 1 192.0.2.2 >/dev/null 2>&1
	brctl showmacs br0 | grep -q "^  1${TAB}02:00:00:00:00:01${TAB}no${TAB}"
}
check "br0 learns h1's address on port 1" wait_for "learned entry" 10 learned
MACS_LEARNED="$HDR_MACS
  1${TAB}02:00:00:00:00:01${TAB}no${TAB}${TAB}<t>
$LOCAL_ENTRIES"
check "brctl showmacs br0 with a learned entry (sysfs)" \
	out_is 0 "$MACS_LEARNED" "" mask_timer brctl showmacs br0
check "brctl showmacs br0 with a learned entry (ioctl)" \
	out_is 0 "$MACS_LEARNED" "" mask_timer brctl_nosysfs showmacs br0
check "the learned entry's ageing timer runs from 0" bash -c \
	"ip netns exec $SW $BRCTL showmacs br0 | grep -Eq '^  1${TAB}02:00:00:00:00:01${TAB}no${TAB}${TAB} *[0-9]{1,2}\.[0-9]{2}\$'"

check "brctl delbr while up" out_is 1 "" "bridge br0 is still up; can't delete it" brctl delbr br0
check "br0 survived delbr while up" ip -n "$SW" link show dev br0

# ---- delif, delbr ----
check "brctl delif br0 v1" out_is 0 "" "" brctl delif br0 v1
check "v1 has no master" test "$(master_of v1)" = none
for how in sysfs ioctl; do
	b=brctl
	[ $how = sysfs ] || b=brctl_nosysfs
	check "brctl show br0 after delif ($how)" out_is 0 "$HDR_SHOW
br0${TAB}${TAB}${ID0}${TAB}no${TAB}${TAB}v0" "" $b show br0
done
ip -n "$SW" link set br0 down
check "brctl delbr br0 (down, with a port)" out_is 0 "" "" brctl delbr br0
check "br0 is gone" bash -c "! ip -n $SW link show dev br0 2>/dev/null"
check "v0 is free and not promiscuous" bash -c \
	"ip -n $SW -j -d link show dev v0 | jq -e '.[0].master == null and .[0].promiscuity == 0' >/dev/null"
check "brctl delbr br1" out_is 0 "" "" brctl delbr br1
# brctl prints its header only above the first bridge it shows.
check "brctl show with no bridges (sysfs)" out_is 0 "" "" brctl show
check "brctl show with no bridges (ioctl)" out_is 0 "" "" brctl_nosysfs show

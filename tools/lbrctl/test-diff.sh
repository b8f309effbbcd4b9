#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test-diff.sh - diff lbrctl against bridge-utils' brctl on whatever bridge
# driver the running kernel has, in throwaway network namespaces (TAP).
#
# Usage: test-diff.sh [-v] [-q] [PATTERN]   (run as root)
#   BRCTL=/usr/sbin/brctl  the reference tool
#   LBRCTL=<dir>/lbrctl    the tool under test
#   PATTERN                only cases whose description contains it
#   -v                     show the compared output of failing cases in full
#   -q                     quick: only the cases listed in QUICK below (every
#                          subcommand at least once, in both modes)
#
# Every case runs twice per tool and mode, each time in a fresh namespace
# built by the same setup: the tool's stdout, stderr and exit status and the
# resulting bridge state must be identical.  Mode "sysfs" is the namespace's
# own sysfs; mode "nosysfs" hides /sys/class/net behind an empty tmpfs so
# both tools take their ioctl fallbacks.  Needs brctl, ip, unshare, mount,
# and ping for the one learned-address case.  -V and --version are checked
# on lbrctl alone: they name lbrctl and the loaded lbridge, not bridge-utils.

set -u

SELF=$(readlink -f "$0")
HERE=$(dirname "$SELF")

# ---- re-entry points, run inside a namespace ----

# __exec MODE BIN ARGS...: run BIN as "brctl" (getopt messages name argv[0]).
if [ "${1-}" = __exec ]; then
	mode=$2 bin=$3
	shift 3
	if [ "$mode" = nosysfs ]; then
		mount -t tmpfs lbrctl-nosysfs /sys/class/net || exit 125
	fi
	exec -a brctl "$bin" "$@"
fi

# mac GROUP INDEX: a locally administered address, in $REPLY (no $(...):
# a fork costs ~0.05 s in an emulated guest)
mac() {
	printf -v REPLY '02:00:00:%02x:%02x:%02x' "$1" $(($2 / 256)) $(($2 % 256))
}

setup_ports() {	# v0..v3 with peers p0..p3, all down
	local i a
	for i in 0 1 2 3; do
		mac 1 "$i"
		a=$REPLY
		mac 2 "$i"
		echo "link add v$i address $a type veth peer name p$i address $REPLY"
	done | ip -batch -
}

setup_basic() {	# br0 with ports v0 v1, empty br1, spare v2 v3; all down
	local a
	setup_ports || return 1
	mac 11 0
	a=$REPLY
	mac 11 1
	"$BRCTL" addbr br0 && "$BRCTL" addbr br1 &&
	printf 'link set br0 address %s\nlink set br1 address %s\n' "$a" "$REPLY" |
		ip -batch - &&
	"$BRCTL" addif br0 v0 v1
}

setup_up() {	# basic, with br0, its ports and their peers up
	local d
	setup_basic || return 1
	for d in br0 v0 p0 v1 p1; do
		ip link set "$d" up || return 1
	done
}

setup_stp() {	# basic, with STP on and non-default parameters, all down
	setup_basic || return 1
	"$BRCTL" stp br0 on && "$BRCTL" setbridgeprio br0 4096 &&
	"$BRCTL" setpathcost br0 v1 42 && "$BRCTL" setportprio br0 v0 7 &&
	"$BRCTL" hairpin br0 v1 on && "$BRCTL" setageing br0 123.45
}

setup_learned() {	# up, and p0's address learned from an ARP request
	setup_up || return 1
	ip addr add 192.0.2.1/24 dev p0 || return 1
	ping -q -c 1 -W 1 -I p0 192.0.2.2 >/dev/null 2>&1
	return 0
}

setup_many() {	# basic, plus br2 with 300 ports (addresses not in port order)
	local i batch=() ports=()
	setup_basic || return 1
	for ((i = 0; i < 300; i++)); do
		mac 3 $((i * 7 % 300 * 3 + i / 100))
		batch+=("link add m$i address $REPLY type veth peer name n$i")
		ports+=("m$i")
	done
	printf '%s\n' "${batch[@]}" | ip -batch - || return 1
	mac 11 2
	"$BRCTL" addbr br2 && ip link set br2 address "$REPLY" &&
	"$BRCTL" addif br2 "${ports[@]}"
}

# do_setup NAME: build a named fixture in the current (fresh) namespace.
do_setup() {
	# no IPv6: nothing sends frames of its own, so the tables stay put
	# (written directly: every exec costs, in an emulated guest)
	echo 1 2>/dev/null >/proc/sys/net/ipv6/conf/all/disable_ipv6
	echo 1 2>/dev/null >/proc/sys/net/ipv6/conf/default/disable_ipv6
	case $1 in
	empty)	;;
	ports)	setup_ports ;;
	basic)	setup_basic ;;
	up)	setup_up ;;
	stp)	setup_stp ;;
	learned) setup_learned ;;
	many)	setup_many ;;
	*)	echo "unknown setup $1" >&2; return 1 ;;
	esac
}

# do_state: the namespace's links and bridge parameters, minus what is
# random.  Shell builtins only past ip and awk (a fork costs in an emulated
# guest); a port's bridge is the one whose brif/ lists it.
do_state() {
	local d a v b p l
	ip -o link show | awk '{
		m = "-"
		for (i = 3; i < NF; i++) if ($i == "master") m = $(i + 1)
		print $2, $3, "master", m }'
	for d in /sys/class/net/*/bridge; do
		[ -d "$d" ] || continue
		b=${d%/bridge}
		printf '%s:' "${b##*/}"
		for a in forward_delay hello_time max_age ageing_time priority stp_state; do
			v=
			read -r v <"$d/$a"
			printf ' %s=%s' "$a" "$v"
		done
		echo
	done
	for d in /sys/class/net/*/brport; do
		[ -d "$d" ] || continue
		p=${d%/brport}
		p=${p##*/}
		b=
		for l in /sys/class/net/*/brif/"$p"; do
			[ -e "$l" ] || continue
			b=${l%/brif/*}
			b=${b##*/}
		done
		printf '%s in %s:' "$p" "$b"
		for a in path_cost priority hairpin_mode; do
			v=
			read -r v <"$d/$a"
			printf ' %s=%s' "$a" "$v"
		done
		echo
	done
	return 0
}

# __setup BRCTL NAME, __state: the above, run by hand inside a namespace.
if [ "${1-}" = __setup ]; then
	BRCTL=$2
	do_setup "$3"
	exit
fi
if [ "${1-}" = __state ]; then
	do_state
	exit
fi

# __run BRCTL TOOL MODE SETUP OUTDIR ARGS...: one run, inside its fresh
# namespace: build SETUP, run TOOL as "brctl" (nosysfs: in a mount namespace
# with /sys/class/net hidden), record the resulting state.  One process per
# run instead of one per step.  Exit status 1 if the setup failed.
if [ "${1-}" = __run ]; then
	BRCTL=$2 tool=$3 mode=$4 setup=$5 out=$6
	shift 6
	if ! do_setup "$setup" >"$out/setup" 2>&1; then
		echo "setup $setup failed" >>"$out/setup"
		exit 1
	fi
	if [ "$mode" = nosysfs ]; then
		unshare -m bash "$SELF" __exec "$mode" "$tool" "$@"
	else
		(exec -a brctl "$tool" "$@")
	fi >"$out/stdout" 2>"$out/stderr"
	echo "exit status $?" >"$out/status"
	do_state >"$out/state" 2>&1
	exit 0
fi

# ---- the driver ----

VERBOSE=0
QUICK=0
while [ $# -gt 0 ]; do
	case $1 in
	-v) VERBOSE=1 ;;
	-q) QUICK=1 ;;
	*) break ;;
	esac
	shift
done
ONLY=${1-}

# The quick subset (-q): every subcommand once, in both modes, on the
# cheapest setups that still exercise it (~4 runs of ~2 s each per case in
# an emulated guest, so ~2 minutes); error paths where one is as cheap.
QUICK_CASES=(
	"no arguments"
	"addbr"
	"delbr bridge still up"
	"addif port of another bridge"
	"delif stops at the first error"
	"show errors don't stop it"
	"showmacs, bridge up"
	"showstp, bridge up"
	"setageing fraction"
	"setbridgeprio"
	"setfd"
	"sethello"
	"setmaxage"
	"stp on"
	"setpathcost"
	"setportprio too big"
	"hairpin on"
)
declare -A QUICK_SEEN=()
BRCTL=${BRCTL:-$(command -v brctl || echo /usr/sbin/brctl)}
LBRCTL=${LBRCTL:-$HERE/lbrctl}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}
[ "$(id -u)" = 0 ] || skip_all "needs root"
[ -x "$BRCTL" ] || skip_all "no brctl (bridge-utils) at $BRCTL"
command -v ip >/dev/null || skip_all "no ip (iproute2)"
command -v unshare >/dev/null || skip_all "no unshare"
if [ ! -x "$LBRCTL" ]; then
	echo "Bail out! no lbrctl at $LBRCTL (make -C $HERE)"
	exit 1
fi

NSPFX=lbrctl-t$$
TMP=$(mktemp -d)
NS=
cleanup() {
	[ -n "$NS" ] && ip netns del "$NS" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$NSPFX-probe" 2>/dev/null || skip_all "can't create a network namespace"
ip netns del "$NSPFX-probe"

HAVE_PING=0
command -v ping >/dev/null && HAVE_PING=1

# Timers tick between the two runs: blank them where they can't be equal.
mask_timers() {
	sed -E '/timer/ s/ *-?[0-9]+\.[0-9]{2}(\t|$)/ <t>\1/g
		/^ *[0-9]+\t([0-9a-f]{2}:){5}[0-9a-f]{2}\t/ s/ *[0-9]+\.[0-9]{2}$/ <t>/' "$1"
}

NRUN=0
# run_one TOOL MODE SETUP OUTDIR ARGS...: one run in a fresh namespace.
run_one() {
	local tool=$1 mode=$2 setup=$3 out=$4 rc=0
	shift 4
	mkdir -p "$out"
	NRUN=$((NRUN + 1))
	NS=$NSPFX-$NRUN
	if ! ip netns add "$NS"; then
		NS=
		echo "netns creation failed" >"$out/setup"
		return 1
	fi
	ip netns exec "$NS" bash "$SELF" __run "$BRCTL" "$tool" "$mode" "$setup" "$out" "$@" ||
		rc=1
	ip netns del "$NS"
	NS=
	return $rc
}

in_quick() {
	local c
	for c in "${QUICK_CASES[@]}"; do
		[ "$c" != "$1" ] || return 0
	done
	return 1
}

N=0
FAILED=0
# check SETUP FILTER DESCRIPTION -- ARGS...: one TAP line per mode.
check() {
	local setup=$1 filter=$2 desc=$3 mode a b f bad cmp=
	shift 4
	# compared: the outputs themselves, or masked copies (.cmp)
	[ "$filter" != timers ] || cmp=.cmp
	[ -n "$ONLY" ] && [[ "$desc" != *"$ONLY"* ]] && return 0
	if [ $QUICK = 1 ]; then
		in_quick "$desc" || return 0
		QUICK_SEEN[$desc]=1
	fi
	for mode in sysfs nosysfs; do
		N=$((N + 1))
		a=$TMP/$N/brctl b=$TMP/$N/lbrctl
		bad=
		if ! run_one "$BRCTL" "$mode" "$setup" "$a" "$@" ||
		   ! run_one "$LBRCTL" "$mode" "$setup" "$b" "$@"; then
			bad=setup
		else
			for f in status stdout stderr state; do
				if [ "$filter" = timers ]; then
					mask_timers "$a/$f" >"$a/$f$cmp"
					mask_timers "$b/$f" >"$b/$f$cmp"
				fi
				cmp -s "$a/$f$cmp" "$b/$f$cmp" || bad="$bad $f"
			done
		fi
		if [ -z "$bad" ]; then
			echo "ok $N - [$mode] $desc: brctl $*"
			rm -rf "${TMP:?}/$N"
			continue
		fi
		FAILED=$((FAILED + 1))
		echo "not ok $N - [$mode] $desc: brctl $* (differs:$bad)"
		if [ "$bad" = setup ]; then
			cat "$a/setup" "$b/setup" 2>/dev/null | sed 's/^/# /'
			continue
		fi
		for f in $bad; do
			if [ $VERBOSE = 1 ]; then
				echo "# brctl $f:"
				sed 's/^/#   /' "$a/$f"
				echo "# lbrctl $f:"
				sed 's/^/#   /' "$b/$f"
			fi
			diff -u --label "brctl $f" --label "lbrctl $f" \
				"$a/$f$cmp" "$b/$f$cmp" | sed 's/^/# /'
		done
	done
}

# -- usage, options, argument counts
check empty exact "no arguments" --
check empty exact "-h" -- -h
check empty exact "--help" -- --help
check empty exact "abbreviated --he" -- --he
# -V and --version are the one deliberate difference: lbrctl names itself
# (and the lbridge module loaded, if any) instead of bridge-utils.
check_version() {
	local desc=$1 out err rc=0 first rest want=
	shift
	[ -n "$ONLY" ] && [[ "$desc" != *"$ONLY"* ]] && return 0
	N=$((N + 1))
	out=$("$LBRCTL" "$@" 2>"$TMP/version.err") || rc=$?
	err=$(cat "$TMP/version.err")
	first=${out%%$'\n'*}
	rest=${out#"$first"}
	if [ -r /sys/module/lbridge/version ]; then
		read -r want </sys/module/lbridge/version
		want=$'\n'"loaded module: lbridge $want"
	fi
	if [ $rc = 0 ] && [ -z "$err" ] && [ "$rest" = "$want" ] &&
	   [[ $first =~ ^lbrctl\ \(lbridge\)\ [A-Za-z0-9.+~_-]+,\ brctl-compatible$ ]]; then
		echo "ok $N - $desc: lbrctl $* names itself${want:+ and the module}"
		return 0
	fi
	FAILED=$((FAILED + 1))
	echo "not ok $N - $desc: lbrctl $* (exit $rc)"
	printf '%s\n' "stdout:" "$out" "stderr:" "$err" \
		"expected: lbrctl (lbridge) VERSION, brctl-compatible$want" | sed 's/^/# /'
}
check_version "-V" -V
check_version "--version" --version
check_version "-V after a command" show -V
check empty exact "unknown short option" -- -x
check empty exact "unknown long option" -- --bogus
check empty exact "option after a command" -- show -x
check empty exact "help after a command" -- addbr br0 -h
check empty exact "unknown command" -- frobnicate
check empty exact "unknown command with arguments" -- frobnicate br0
for c in addbr delbr addif delif hairpin setageing setbridgeprio setfd \
	 sethello setmaxage setpathcost setportprio showmacs showstp stp; do
	check empty exact "$c without arguments" -- "$c"
done
check empty exact "addif one argument short" -- addif br0
check empty exact "hairpin one argument short" -- hairpin br0 v0
check empty exact "setpathcost one argument short" -- setpathcost br0 v0

# -- addbr
check ports exact "addbr" -- addbr br9
check ports exact "addbr ignores extra arguments" -- addbr br9 br8
check basic exact "addbr existing bridge" -- addbr br0
check ports exact "addbr over a non-bridge device" -- addbr v0
check ports exact "addbr invalid name" -- addbr bad/name
check ports exact "addbr empty name" -- addbr ""
check ports exact "addbr overlong name" -- addbr averyveryverylongbridgename

# -- delbr
check basic exact "delbr" -- delbr br1
check basic exact "delbr missing bridge" -- delbr nosuch
check basic exact "delbr non-bridge" -- delbr v2
check up exact "delbr bridge still up" -- delbr br0
check basic exact "delbr bridge with ports" -- delbr br0

# -- addif
check basic exact "addif" -- addif br1 v2
check basic exact "addif several ports" -- addif br1 v2 v3
check basic exact "addif missing bridge" -- addif nosuch v2
check basic exact "addif missing interface" -- addif br1 nosuch
check basic exact "addif missing bridge and interface" -- addif nosuch nosuch2
check basic exact "addif loopback" -- addif br1 lo
check basic exact "addif bridge into bridge" -- addif br1 br0
check basic exact "addif port of another bridge" -- addif br1 v0
check basic exact "addif port of the same bridge" -- addif br0 v0
check basic exact "addif to a non-bridge" -- addif v3 v2
check basic exact "addif stops at the first error" -- addif br1 v2 nosuch v3
check basic exact "addif overlong interface name" -- addif br1 averyveryverylongifname

# -- delif
check basic exact "delif" -- delif br0 v0
check basic exact "delif several ports" -- delif br0 v0 v1
check basic exact "delif not a port" -- delif br0 v2
check basic exact "delif port of another bridge" -- delif br1 v0
check basic exact "delif missing bridge" -- delif nosuch v0
check basic exact "delif missing interface" -- delif br0 nosuch
check basic exact "delif from a non-bridge" -- delif v2 v3
check basic exact "delif stops at the first error" -- delif br0 v0 v2 v1

# -- show
check empty exact "show without bridges" -- show
check basic exact "show" -- show
check stp exact "show with STP on" -- show
check up exact "show, bridge up" -- show
check basic exact "show one bridge" -- show br0
check basic exact "show bridge without ports" -- show br1
check basic exact "show bridges in given order" -- show br1 br0
check basic exact "show missing bridge" -- show nosuch
check basic exact "show non-bridge" -- show v0
check basic exact "show loopback" -- show lo
check basic exact "show errors don't stop it" -- show br0 nosuch v0 br1
check many exact "show 300 ports" -- show

# -- showmacs
check basic exact "showmacs" -- showmacs br0
check basic exact "showmacs bridge without ports" -- showmacs br1
check up exact "showmacs, bridge up" -- showmacs br0
check many exact "showmacs 300 ports, several chunks" -- showmacs br2
check basic exact "showmacs missing bridge" -- showmacs nosuch
check basic exact "showmacs non-bridge" -- showmacs v0
if [ $HAVE_PING = 1 ]; then
	check learned timers "showmacs with a learned address" -- showmacs br0
fi

# -- showstp
check basic exact "showstp" -- showstp br0
check basic exact "showstp bridge without ports" -- showstp br1
check stp timers "showstp STP on, changed parameters" -- showstp br0
check up timers "showstp, bridge up" -- showstp br0
check many exact "showstp 300 ports" -- showstp br2
check basic exact "showstp missing bridge" -- showstp nosuch
check basic exact "showstp non-bridge" -- showstp v0

# -- bridge parameters
check basic exact "setageing" -- setageing br0 100
check basic exact "setageing fraction" -- setageing br0 12.34
check basic exact "setageing zero" -- setageing br0 0
check basic exact "setageing negative" -- setageing br0 -- -5
check basic exact "setageing huge" -- setageing br0 1e12
check basic exact "setageing bad value" -- setageing br0 abc
check basic exact "setageing missing bridge" -- setageing nosuch 10
check basic exact "setageing non-bridge" -- setageing v2 10
check basic exact "setbridgeprio" -- setbridgeprio br0 4096
check basic exact "setbridgeprio hex" -- setbridgeprio br0 0x2000
check basic exact "setbridgeprio too big" -- setbridgeprio br0 70000
check basic exact "setbridgeprio bad value" -- setbridgeprio br0 xyz
check basic exact "setbridgeprio missing bridge" -- setbridgeprio nosuch 1
check basic exact "setfd" -- setfd br0 4
check basic exact "setfd fraction" -- setfd br0 2.5
check basic exact "setfd out of STP range, STP off" -- setfd br0 100
check stp exact "setfd out of STP range, STP on" -- setfd br0 1
check basic exact "setfd bad value" -- setfd br0 x
check basic exact "setfd missing bridge" -- setfd nosuch 4
check basic exact "sethello" -- sethello br0 1
check basic exact "sethello fraction" -- sethello br0 0.5
check stp exact "sethello out of STP range, STP on" -- sethello br0 50
check basic exact "sethello bad value" -- sethello br0 x
check basic exact "sethello non-bridge" -- sethello v2 1
check basic exact "setmaxage" -- setmaxage br0 10
check stp exact "setmaxage out of STP range, STP on" -- setmaxage br0 100
check basic exact "setmaxage bad value" -- setmaxage br0 x
check basic exact "setmaxage missing bridge" -- setmaxage nosuch 10
check basic exact "stp on" -- stp br0 on
check basic exact "stp yes" -- stp br0 yes
check stp exact "stp off" -- stp br0 off
check stp exact "stp 0" -- stp br0 0
check basic exact "stp bad value" -- stp br0 maybe
check basic exact "stp missing bridge" -- stp nosuch on
check basic exact "stp non-bridge" -- stp v2 on

# -- port parameters
check basic exact "setpathcost" -- setpathcost br0 v0 100
check basic exact "setpathcost zero" -- setpathcost br0 v0 0
check basic exact "setpathcost bad value" -- setpathcost br0 v0 abc
check basic exact "setpathcost not a port" -- setpathcost br0 v2 100
check basic exact "setpathcost port of another bridge" -- setpathcost br1 v0 5
check basic exact "setpathcost missing port" -- setpathcost br0 nosuch 10
check basic exact "setpathcost missing bridge" -- setpathcost nosuch v0 10
check basic exact "setportprio" -- setportprio br0 v0 10
check basic exact "setportprio too big" -- setportprio br0 v0 100
check basic exact "setportprio bad value" -- setportprio br0 v0 x
check basic exact "setportprio not a port" -- setportprio br0 v2 1
check basic exact "setportprio missing bridge" -- setportprio nosuch v0 1
check basic exact "hairpin on" -- hairpin br0 v0 on
check stp exact "hairpin off" -- hairpin br0 v1 off
check basic exact "hairpin bad value" -- hairpin br0 v0 maybe
check basic exact "hairpin missing port" -- hairpin br0 nosuch on
check basic exact "hairpin missing bridge" -- hairpin nosuch v0 on
check basic exact "hairpin not a port" -- hairpin br0 v2 on
check basic exact "hairpin non-bridge" -- hairpin v2 v0 on

# A quick case whose description changed would silently drop out.
if [ $QUICK = 1 ]; then
	for c in "${QUICK_CASES[@]}"; do
		[ -n "$ONLY" ] && [[ "$c" != *"$ONLY"* ]] && continue
		[ -n "${QUICK_SEEN[$c]-}" ] && continue
		N=$((N + 1))
		FAILED=$((FAILED + 1))
		echo "not ok $N - quick case \"$c\" does not exist"
	done
fi

echo "1..$N"
echo "test-diff: $((N - FAILED)) passed, $FAILED failed"
[ $FAILED = 0 ]

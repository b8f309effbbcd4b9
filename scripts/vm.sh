#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vm.sh - run one command in a throwaway QEMU guest on Debian's 6.1 kernel (or --kernel K), host / shared read-only.
#
# The guest boots the uncompressed vmlinux (PVH entry) with a tiny busybox
# initramfs that mounts the host root over virtio-9p (read-only) under a
# tmpfs overlay and runs CMD there, in the same directory as on the host.
# CMD's stdout/stderr/exit status come back on dedicated virtio-serial ports;
# the kernel console goes to a log file that is checked for oopses/warnings.
#
# Exit status: CMD's own, or 124 (timeout) / 125 (VM or kernel failure:
# oops, WARN, panic, no exit status reported, QEMU error).
set -euo pipefail

PROG=vm.sh
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
CACHE=${LBR_VM_CACHE:-$REPO/.vm}
QEMU=${LBR_VM_QEMU:-qemu-system-x86_64}
QBOOT=/usr/share/qemu/qboot.rom
HOSTNAME_VM=lbr-vm
# Modules the initramfs loads (dependencies are resolved from modules.dep).
INITRD_MODULES=(virtio_pci 9pnet_virtio 9p overlay virtio_console)
# Kernel console lines that fail a run even if CMD succeeded.
BAD_CONSOLE='Oops[: ]|\bBUG:|\bBUG [a-z]|\bWARNING:|general protection|Call Trace|Kernel panic|kernel BUG at'
BAD_CONSOLE+='|KASAN|UBSAN|KFENCE|refcount_t:|list_(add|del) corruption|stack-protector|double fault'
BAD_CONSOLE+='|Unable to handle kernel|(soft|hard) ?lockup|detected stalls|blocked for more than'
BAD_CONSOLE+='|waiting for .* to become free|Poison overwritten|Redzone overwritten|Object already free'
BAD_CONSOLE+='|Bad page state|Freepointer corrupt|INFO: Slab'
# What the debug kernel (--kernel debug) adds: lockdep, RCU, might_sleep,
# debugobjects, hung tasks, RCU stalls (most also print a WARNING:/BUG:
# header; named here so none slips through).  kmemleak's suspects are
# judged by selftests/run.sh (LBR_KMEMLEAK=1), which discounts the boot's.
BAD_CONSOLE+='|possible (circular|recursive) locking|inconsistent lock state|suspicious RCU usage'
BAD_CONSOLE+='|sleeping function called from invalid context|lock held when returning|DEBUG_LOCKS_WARN_ON'
BAD_CONSOLE+='|ODEBUG:|INFO: task .* blocked|self-detected stall'

usage() {
	cat <<EOF
usage: $PROG [options] -- CMD [ARG...]
Boot a throwaway Debian 6.1 (or --kernel) guest (host / read-only + tmpfs overlay), run CMD
with bash -c in the current directory, and exit with its status.
A single CMD word is run as a shell snippet ('echo a; false'); several
words are quoted and run as one command line.

options:
  --timeout SECS   kill the VM and fail after SECS seconds (default 600)
  --mem SIZE       guest memory (default 1G; 2G with --kernel debug)
  --cpus N         guest CPUs (default 1)
  --kernel K       boot K instead of Debian's newest installed 6.1: a
                   series ("6.12": Debian's newest installed 6.12, or
                   "7.3": scripts/stable-kernel's download), "debug"
                   (scripts/debug-kernel's cached KASAN/lockdep/kmemleak
                   build), or a directory holding vmlinux (or
                   boot/vmlinuz-RELEASE) and lib/modules/RELEASE/ (the
                   guest sees the latter as its /lib/modules/RELEASE)
  --allow-bridge   do not block loading of the in-tree bridge.ko
  --env NAME=VAL   export NAME=VAL in the guest (repeatable; LBR_* vars
                   are passed through automatically)
  --append PARAMS  extra kernel parameters (also LBR_VM_APPEND)
  --icount SHIFT   deterministic TCG: guest time advances 2^SHIFT ns per
                   guest instruction, not with the host's clock (one CPU:
                   QEMU 7.2 hangs bringing up a second; ignored under KVM)
  --slub-debug     slab/page poisoning and red zones (slub_debug=FZPU
                   page_poison=1): catches use-after-free, costs ~60%
  --console        also stream the kernel console to stderr
  --keep           keep the run directory (console log etc.) on success
  --build          only build/refresh the cached kernel and initramfs
  -h, --help       this help

exit status: CMD's, 124 on timeout, 125 on a VM/kernel failure (oops,
WARNING, panic, missing exit status); the console log path is printed.
environment: LBR_VM_ACCEL=kvm|tcg forces the accelerator,
             LBR_VM_CACHE=DIR moves the cache (default $REPO/.vm),
             LBR_VM_KVER=VERSION picks an installed kernel (default: newest 6.1),
             LBR_VM_KERNEL=K is --kernel K,
             LBR_VM_TIMING=1 reports boot timings.
EOF
}

die() {
	echo "$PROG: $*" >&2
	exit 125
}

timeout_s=600
mem=''
cpus=1
allow_bridge=0
console=0
keep=0
build_only=0
guest_env=()
append=${LBR_VM_APPEND:-}
icount=''
kernel=${LBR_VM_KERNEL:-}

while [ $# -gt 0 ]; do
	case $1 in
	--timeout) timeout_s=${2:?--timeout needs a value}; shift 2 ;;
	--timeout=*) timeout_s=${1#*=}; shift ;;
	--mem) mem=${2:?--mem needs a value}; shift 2 ;;
	--mem=*) mem=${1#*=}; shift ;;
	--cpus) cpus=${2:?--cpus needs a value}; shift 2 ;;
	--cpus=*) cpus=${1#*=}; shift ;;
	--kernel) kernel=${2:?--kernel needs a value}; shift 2 ;;
	--kernel=*) kernel=${1#*=}; shift ;;
	--allow-bridge) allow_bridge=1; shift ;;
	--env) guest_env+=("${2:?--env needs NAME=VALUE}"); shift 2 ;;
	--env=*) guest_env+=("${1#*=}"); shift ;;
	--append) append+=" ${2:?--append needs kernel parameters}"; shift 2 ;;
	--append=*) append+=" ${1#*=}"; shift ;;
	--icount) icount=${2:?--icount needs a shift}; shift 2 ;;
	--icount=*) icount=${1#*=}; shift ;;
	--slub-debug) append+=" slub_debug=FZPU page_poison=1"; shift ;;
	--console) console=1; shift ;;
	--keep) keep=1; shift ;;
	--build) build_only=1; shift ;;
	-h | --help) usage; exit 0 ;;
	--) shift; break ;;
	-*) echo "$PROG: unknown option $1" >&2; usage >&2; exit 2 ;;
	*) break ;;
	esac
done

[[ $timeout_s =~ ^[0-9]+$ && $timeout_s -gt 0 ]] || die "bad --timeout '$timeout_s'"
# KASAN's shadow takes an eighth of the memory, kmemleak's pool and
# lockdep's tables more: the debug kernel gets twice the default.
[ -n "$mem" ] || { [ "$kernel" = debug ] && mem=2G || mem=1G; }
[[ -z $icount || $icount =~ ^[0-9]+$ ]] || die "bad --icount '$icount'"
[[ -z $icount || $cpus = 1 ]] || die "--icount needs --cpus 1 (a second CPU never comes up)"
[[ $cpus =~ ^[0-9]+$ && $cpus -gt 0 ]] || die "bad --cpus '$cpus'"
if [ $build_only = 0 ] && [ $# -eq 0 ]; then
	usage >&2
	exit 2
fi
for kv in "${guest_env[@]}"; do
	[[ $kv =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "bad --env '$kv' (want NAME=VALUE)"
done

# The kernel: KVER (its release), MODDIR (its modules on the host), VMLINUZ
# (a bzImage to extract) or VMLINUX_IN (an uncompressed one), GUEST_MODDIR
# (what the guest's /lib/modules/KVER must point to, if not the host's).
VMLINUZ='' VMLINUX_IN='' GUEST_MODDIR=''
# A series (6.1, 6.12, 7.3): the newest installed Debian kernel of it,
# else scripts/stable-kernel's download of it.
series=6.1
if [[ $kernel =~ ^[0-9]+\.[0-9]+$ ]]; then
	series=$kernel kernel=''
	if ! compgen -G "/boot/vmlinuz-$series.*-amd64" >/dev/null; then
		kernel=$(LBR_STABLE_SERIES=$series "$REPO/scripts/stable-kernel" --dir) ||
			die "no $series kernel: run scripts/deps.sh"
	fi
fi
if [ -z "$kernel" ]; then
	# The newest installed Debian kernel of the series with its modules
	# (6.1.0-57-amd64 when this was written), unless LBR_VM_KVER names one.
	KVER=${LBR_VM_KVER:-$(for k in /boot/vmlinuz-"$series".*-amd64; do
		k=${k#/boot/vmlinuz-}
		[ ! -f "/lib/modules/$k/modules.dep" ] || echo "$k"
	done | sort -V | tail -n 1)}
	[ -n "$KVER" ] || die "no Debian $series kernel installed: run scripts/deps.sh"
	VMLINUZ=/boot/vmlinuz-$KVER
	MODDIR=/lib/modules/$KVER
else
	kdir=$kernel
	if [ "$kernel" = debug ]; then
		kdir=$("$REPO/scripts/debug-kernel" --dir) ||
			die "no debug kernel built yet: run scripts/debug-kernel (takes long)"
	fi
	[ -d "$kdir" ] || die "--kernel $kernel: no directory $kdir"
	kdir=$(cd "$kdir" && pwd -P)
	case $kdir/ in
	/tmp/* | /run/* | /dev/* | /proc/* | /sys/*)
		die "--kernel $kdir: the guest cannot see that directory (it mounts its own $kdir)" ;;
	esac
	mapfile -t rels < <(for d in "$kdir"/lib/modules/*/modules.dep; do
		[ ! -f "$d" ] || basename "$(dirname "$d")"
	done)
	[ ${#rels[@]} = 1 ] ||
		die "--kernel $kdir: want exactly one lib/modules/RELEASE/modules.dep, found ${#rels[@]}"
	KVER=${rels[0]}
	MODDIR=$kdir/lib/modules/$KVER
	# The guest binds it as seen from its root: no links to follow.
	GUEST_MODDIR=$(cd "$MODDIR" && pwd -P)
	case $GUEST_MODDIR in
	*[[:space:]]*) die "--kernel $kdir: white space in $GUEST_MODDIR" ;;
	esac
	if [ -f "$kdir/vmlinux" ]; then
		VMLINUX_IN=$kdir/vmlinux
	else
		VMLINUZ=$kdir/boot/vmlinuz-$KVER
	fi
fi

for f in ${VMLINUZ:+"$VMLINUZ"} ${VMLINUX_IN:+"$VMLINUX_IN"} "$MODDIR/modules.dep" "$QBOOT" /bin/busybox; do
	[ -e "$f" ] || die "missing $f: run scripts/deps.sh"
done
command -v "$QEMU" >/dev/null || die "missing $QEMU: run scripts/deps.sh"
command -v cpio >/dev/null || die "missing cpio: run scripts/deps.sh"

mkdir -p "$CACHE"

# ---------------------------------------------------------------- build ----

# Own take on the kernel's extract-vmlinux: find a compressed stream in the
# bzImage and keep the first one that decompresses to an ELF image.
extract_vmlinux() { # $1 = bzImage, $2 = output
	local img=$1 out=$2 magic tool off
	local -a tries=(
		$'\xfd7zXZ' 'xz -dcq'
		$'\x1f\x8b\x08' 'gzip -dcq'
		$'\x28\xb5\x2f\xfd' 'zstd -dcq'
		$'BZh' 'bzip2 -dcq'
	)
	while [ ${#tries[@]} -gt 0 ]; do
		magic=${tries[0]} tool=${tries[1]}
		tries=("${tries[@]:2}")
		command -v "${tool%% *}" >/dev/null || continue
		# Offsets only: bash's read gives up on the magic's bytes in
		# a UTF-8 locale.
		while read -r off; do
			# Trailing data after the stream makes the tools complain.
			tail -c +$((off + 1)) "$img" | $tool >"$out" 2>/dev/null || true
			if [ "$(head -c 4 "$out" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]; then
				return 0
			fi
		done < <(LC_ALL=C grep -aboF -- "$magic" "$img" | cut -d: -f1 || true)
	done
	rm -f "$out"
	return 1
}

# Module names in load order, dependencies first, from modules.dep.
declare -A mod_seen=()
mod_order=()
mod_path() { # module name -> path relative to $MODDIR
	local n=${1//-/_} p
	p=$(grep -E "(^|/)(${n}|${n//_/-})\.ko(\.[a-z]+)?:" "$MODDIR/modules.dep" | head -n1)
	[ -n "$p" ] || die "module $1 not found in $MODDIR/modules.dep"
	echo "${p%%:*}"
}
mod_builtin() { # module name: true if built into the kernel
	local n=${1//-/_}
	[ -f "$MODDIR/modules.builtin" ] &&
		grep -qE "(^|/)(${n}|${n//_/-})\.ko$" "$MODDIR/modules.builtin"
}
mod_add() {
	local path dep deps
	! mod_builtin "$1" || return 0
	path=$(mod_path "$1")
	[ -z "${mod_seen[$path]:-}" ] || return 0
	mod_seen[$path]=1
	read -ra deps < <(grep -E "^${path//./\\.}:" "$MODDIR/modules.dep" | cut -d: -f2)
	for dep in "${deps[@]}"; do
		dep=${dep##*/}
		mod_add "${dep%%.ko*}"
	done
	mod_order+=("$path")
}

# Stage 1 is the initramfs's /init (busybox sh), stage 2 is PID 1 in the
# overlay root (host bash), copied into the run directory for every run.
STAGE1_FILE=$REPO/scripts/vm-init.sh
STAGE2_FILE=$REPO/scripts/vm-stage2.sh

build() {
	local lockfd vmlinux="$CACHE/vmlinux-$KVER"
	exec {lockfd}>"$CACHE/.lock"
	flock "$lockfd"

	if [ -n "$VMLINUX_IN" ]; then
		vmlinux=$VMLINUX_IN
	elif [ ! -s "$vmlinux" ] || [ "$VMLINUZ" -nt "$vmlinux" ]; then
		echo "$PROG: extracting vmlinux from $VMLINUZ" >&2
		extract_vmlinux "$VMLINUZ" "$vmlinux.tmp.$$" ||
			die "could not extract an ELF vmlinux from $VMLINUZ"
		mv -f "$vmlinux.tmp.$$" "$vmlinux"
	fi

	local m
	for m in "${INITRD_MODULES[@]}"; do
		mod_add "$m"
	done
	local key
	key=$({
		printf '%s\n' "$KVER" "${mod_order[@]}"
		cat "$STAGE1_FILE"
		stat -c '%s %Y' /bin/busybox "$MODDIR/modules.dep"
		[ ! -f "$MODDIR/modules.builtin" ] || stat -c '%s %Y' "$MODDIR/modules.builtin"
	} | sha256sum | cut -c1-16)
	initrd="$CACHE/initramfs-$KVER-$key.cpio"
	if [ ! -s "$initrd" ]; then
		echo "$PROG: building $initrd" >&2
		local stage
		stage=$(mktemp -d "$CACHE/initramfs.XXXXXX")
		mkdir -p "$stage"/{bin,dev,proc,sys,lib/modules}
		cp /bin/busybox "$stage/bin/busybox"
		for m in sh mount insmod mkdir cp cat sleep ln ip switch_root; do
			ln -s busybox "$stage/bin/$m"
		done
		local p
		: >"$stage/modules"
		for p in "${mod_order[@]}"; do
			case $p in
			*.ko) cp "$MODDIR/$p" "$stage/lib/modules/" ;;
			*.ko.xz) xz -dc "$MODDIR/$p" >"$stage/lib/modules/$(basename "$p" .xz)" ;;
			*.ko.zst) zstd -dcq "$MODDIR/$p" >"$stage/lib/modules/$(basename "$p" .zst)" ;;
			*.ko.gz) gzip -dc "$MODDIR/$p" >"$stage/lib/modules/$(basename "$p" .gz)" ;;
			*) die "unknown module format $p" ;;
			esac
			p=${p##*/}
			echo "${p%.ko*}.ko" >>"$stage/modules"
		done
		cp "$STAGE1_FILE" "$stage/init"
		chmod 755 "$stage/init"
		(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) \
			>"$initrd.tmp.$$"
		mv -f "$initrd.tmp.$$" "$initrd"
		rm -rf "$stage"
		find "$CACHE" -maxdepth 1 -name "initramfs-$KVER-*.cpio" ! -name "${initrd##*/}" -delete
	fi

	# /dev/kvm can exist and still be useless (nested virt that never
	# runs a 64-bit guest), so boot the guest once and keep the verdict
	# until the host reboots.
	accel=${LBR_VM_ACCEL:-}
	if [ -z "$accel" ]; then
		local bootid probe_file probe_out
		bootid=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null || echo none)
		probe_file="${TMPDIR:-/tmp}/lbrvm-accel-$KVER-$bootid"
		if [ -s "$probe_file" ]; then
			accel=$(cat "$probe_file")
		else
			accel=tcg
			if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
				probe_out=$(timeout -k 2 15 "$QEMU" -accel kvm -cpu host -M pc -m 256 \
					-nodefaults -no-user-config -display none -no-reboot \
					-bios "$QBOOT" -kernel "$vmlinux" -initrd "$initrd" \
					-append "console=ttyS0 panic=-1 quiet lbrvm.probe" \
					-serial stdio 2>/dev/null </dev/null || true)
				case $probe_out in
				*LBRVM-PROBE-OK*) accel=kvm ;;
				esac
			fi
			echo "$accel" >"$probe_file.$$"
			mv -f "$probe_file.$$" "$probe_file"
		fi
	fi
	exec {lockfd}>&-
	VMLINUX=$vmlinux
}

VMLINUX='' initrd='' accel=''
build
if [ $build_only = 1 ]; then
	echo "$PROG: cache ready in $CACHE (accelerator: $accel)"
	exit 0
fi

# ------------------------------------------------------------------ run ----

if [ $# -eq 1 ]; then
	cmd=$1
else
	cmd=$(printf '%q ' "$@")
fi

# The guest mounts fresh /tmp and /run (and /dev, /proc, /sys): a clone
# or cwd under /tmp or /run is overlaid there again (file "shares" in the
# run directory, read by vm-init.sh), so a clone works anywhere.
cwd=$(pwd -P)
shares=()
case $cwd/ in
/dev/* | /proc/* | /sys/*)
	die "cwd $cwd is not visible in the guest, which mounts its own /dev, /proc and /sys" ;;
esac
for d in "$REPO" "$cwd"; do
	case $d/ in
	"$REPO"/?*) ;; # cwd inside the clone
	/tmp/* | /run/*)
		case $d in
		*[[:space:]]*) die "$d contains white space: the guest cannot mount it" ;;
		esac
		shares+=("$d") ;;
	esac
done

run=$(mktemp -d "${TMPDIR:-/tmp}/lbrvm.XXXXXX")
run=$(cd "$run" && pwd -P)
case $run in
*[[:space:]]*) die "run directory '$run' contains white space: set TMPDIR" ;;
esac
qpid=
vm_failed=0
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	local rc=$?
	if [ -n "$qpid" ] && kill -0 "$qpid" 2>/dev/null; then
		kill "$qpid" 2>/dev/null || true
		wait "$qpid" 2>/dev/null || true
	fi
	if [ "$vm_failed" = 0 ] && [ "$keep" = 0 ]; then
		rm -rf "$run"
	fi
	return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

{
	printf 'LBRVM_CMD=%q\n' "$cmd"
	printf 'LBRVM_CWD=%q\n' "$cwd"
	printf 'export LBR_VM_KVER=%q\n' "$KVER"
	while IFS= read -r v; do
		printf 'export %s=%q\n' "$v" "${!v}"
	done < <(compgen -e | grep -E '^LBR_' | grep -vE '^LBR_VM_' || true)
	for kv in "${guest_env[@]}"; do
		printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}"
	done
} >"$run/env"
printf '%s\n' "${shares[@]}" >"$run/shares"
cp "$STAGE2_FILE" "$run/stage2.sh"

if [ "$accel" = kvm ]; then
	cpu=(-accel kvm -cpu host)
else
	cpu=(-accel tcg -cpu max)
	[ -z "$icount" ] || cpu+=(-icount "shift=$icount,sleep=off")
fi
cmdline="console=ttyS0 oops=panic panic=-1 panic_on_warn=1 reboot=t"
cmdline+=" acpi=off mitigations=off nokaslr tsc=reliable no_timer_check i8042.noaux"
[ -z "$append" ] || cmdline+=" $append"
cmdline+=" lbrvm.run=$run lbrvm.hostname=$HOSTNAME_VM"
[ $allow_bridge = 0 ] || cmdline+=" lbrvm.allow_bridge"
[ -z "$GUEST_MODDIR" ] || cmdline+=" lbrvm.moddir=$GUEST_MODDIR"

# Console to a file (and stderr with --console); CMD output to our stdout and
# stderr through pipes (opening a pipe's /dev/fd works for any kind of stdout).
if [ $console = 1 ]; then
	exec 5> >(tee "$run/console.log" >&2)
	conpath=/dev/fd/5
else
	conpath=$run/console.log
fi
exec 3> >(cat)
out_pid=$!
exec 4> >(cat >&2)
err_pid=$!

# A guest whose boot makes no progress (seen with debug kernels while
# several TCG guests share two host CPUs: the boot stalls in early self
# tests: "APIC timer disabled due to verification failure", then early
# timers never fire) is killed after LBR_VM_BOOT_TIMEOUT seconds without
# reaching CMD and booted again, up to LBR_VM_BOOT_RETRIES (3) times.
boot_limit=${LBR_VM_BOOT_TIMEOUT:-300}
run_qemu() {
	timeout -k 5 "$timeout_s" "$QEMU" "${cpu[@]}" -M pc -m "$mem" -smp "$cpus" \
		-nodefaults -no-user-config -display none -no-reboot \
		-bios "$QBOOT" -kernel "$VMLINUX" -initrd "$initrd" -append "$cmdline" \
		-chardev file,id=con,path="$conpath",append=on -serial chardev:con \
		-fsdev local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap \
		-device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot \
		-device virtio-serial-pci,max_ports=4 \
		-chardev file,id=out,path=/dev/fd/3,append=on \
		-device virtserialport,chardev=out,name=lbrvm.stdout \
		-chardev file,id=err,path=/dev/fd/4,append=on \
		-device virtserialport,chardev=err,name=lbrvm.stderr \
		-chardev file,id=st,path="$run/status" \
		-device virtserialport,chardev=st,name=lbrvm.status \
		</dev/null >"$run/qemu.log" 2>&1 &
	qpid=$!
	qrc=0
	booted=0
	local t0=$SECONDS
	while kill -0 "$qpid" 2>/dev/null; do
		if [ $booted = 0 ]; then
			if grep -qa 'lbrvm: running command' "$run/console.log" 2>/dev/null; then
				booted=1
			elif [ $((SECONDS - t0)) -ge "$boot_limit" ] && [ $console = 0 ]; then
				kill "$qpid" 2>/dev/null || true
				wait "$qpid" 2>/dev/null || true
				qpid=
				return 1
			fi
		fi
		sleep 1
	done
	wait $qpid || qrc=$?
	qpid=
}

start=$(date +%s.%N)
boots=$((1 + ${LBR_VM_BOOT_RETRIES:-3}))
while ! run_qemu; do
	boots=$((boots - 1))
	echo "$PROG: no boot progress in ${boot_limit}s, $boots boot(s) left" >&2
	tail -n 3 "$run/console.log" | sed "s|^|$PROG: stalled boot: |" >&2
	mv -f "$run/console.log" "$run/console.stalled.log"
	if [ "$boots" -le 1 ]; then
		run_qemu || qrc=124
		break
	fi
done
end=$(date +%s.%N)
exec 3>&- 4>&-
wait "$out_pid" "$err_pid" 2>/dev/null || true
if [ $console = 1 ]; then
	exec 5>&-
fi

fail() {
	local code=$1
	shift
	vm_failed=1
	echo "$PROG: FAIL: $*" >&2
	echo "$PROG: console log: $run/console.log" >&2
	exit "$code"
}

if [ -n "${LBR_VM_TIMING:-}" ]; then
	awk -v s="$start" -v e="$end" -v a="$accel" -v p="$PROG" \
		'BEGIN { printf "%s: VM ran %.2fs (%s)\n", p, e - s, a }' >&2
	sed -n 's/^\[ *\([0-9.]*\)\] \(Run \/init\|lbrvm: running command\).*/vm.sh: guest clock \1s: \2/p' \
		"$run/console.log" >&2
fi

bad=$(grep -naE "$BAD_CONSOLE" "$run/console.log" | head -n 5 || true)
if [ $qrc -eq 124 ] || [ $qrc -eq 137 ]; then
	[ -z "$bad" ] || printf '%s\n' "$bad" | sed "s|^|$PROG: console:|" >&2
	tail -n 15 "$run/console.log" | sed "s|^|$PROG: console tail: |" >&2
	fail 124 "timed out after ${timeout_s}s (accelerator $accel)"
fi
if [ -n "$bad" ]; then
	printf '%s\n' "$bad" | sed "s|^|$PROG: console:|" >&2
	first=$(printf '%s\n' "$bad" | head -n1)
	fail 125 "kernel console line ${first%%:*} reports a problem: ${first#*:}"
fi
if [ $qrc -ne 0 ]; then
	sed "s|^|$PROG: qemu: |" "$run/qemu.log" >&2
	fail 125 "qemu exited with status $qrc"
fi
status=$(tr -dc '0-9' <"$run/status" 2>/dev/null || true)
if [ -z "$status" ]; then
	tail -n 20 "$run/console.log" | sed "s|^|$PROG: console tail: |" >&2
	fail 125 "the guest reported no exit status (crash or early failure)"
fi
[ $keep = 0 ] || echo "$PROG: run directory: $run" >&2
exit "$status"

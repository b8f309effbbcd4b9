#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vm-init.sh - /init of the scripts/vm.sh initramfs (busybox sh): mount host / over 9p under a tmpfs overlay, set it up, start stage 2.
#
# Everything that can be done here is done here: execs of the in-memory
# busybox are much cheaper than execs over 9p once in the overlay root.
# Kernel parameters read: lbrvm.run=DIR (host run directory, holds
# stage2.sh and env), lbrvm.hostname=NAME, lbrvm.allow_bridge, lbrvm.probe,
# lbrvm.moddir=DIR (host directory holding this kernel's modules, for a
# kernel not installed on the host: it becomes /lib/modules/RELEASE).
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec >/dev/console 2>&1 </dev/null

fail() {
	echo "lbrvm-init: FATAL: $*"
	echo b >/proc/sysrq-trigger
	sleep 60
}

run='' probe='' allow_bridge=0 hostname=lbr-vm moddir=''
read -r cmdline </proc/cmdline
for a in $cmdline; do
	case $a in
	lbrvm.run=*) run=${a#*=} ;;
	lbrvm.probe) probe=1 ;;
	lbrvm.allow_bridge) allow_bridge=1 ;;
	lbrvm.hostname=*) hostname=${a#*=} ;;
	lbrvm.moddir=*) moddir=${a#*=} ;;
	esac
done
if [ -n "$probe" ]; then
	# vm.sh checking that this accelerator can boot us at all.
	echo LBRVM-PROBE-OK
	echo b >/proc/sysrq-trigger
	sleep 60
fi

# Modules the kernel has built in are not in the list.
while read -r m; do
	insmod "/lib/modules/$m" || fail "insmod $m"
done </modules
echo "lbrvm-init: modules loaded" >/dev/kmsg

# Host / read-only over 9p, under a tmpfs overlay.
mkdir -p /lower /rw /newroot
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /lower ||
	fail "cannot mount host root over 9p"
mount -t tmpfs -o mode=0755 rw /rw
mkdir -p /rw/upper /rw/work
mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work overlay /newroot ||
	fail "cannot mount the overlay"
N=/newroot
for d in proc sys dev; do
	mount --move /$d $N/$d || fail "cannot move /$d"
done
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs $N/tmp
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs $N/run
# The host's directories under /tmp or /run that CMD needs (its clone,
# its cwd), overlaid again on the fresh mounts.
i=0
while read -r d; do
	[ -n "$d" ] || continue
	i=$((i + 1))
	mkdir -p "/rw/share$i/upper" "/rw/share$i/work" "$N$d"
	mount -t overlay -o "lowerdir=/lower$d,upperdir=/rw/share$i/upper,workdir=/rw/share$i/work" \
		overlay "$N$d" || fail "cannot mount the host's $d"
done <"/lower$run/shares"
mkdir -p $N/dev/pts $N/dev/shm $N/run/lbrvm
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts $N/dev/pts
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs $N/dev/shm
mount -t debugfs debugfs $N/sys/kernel/debug
mount -t tracefs tracefs $N/sys/kernel/tracing
ln -sf /proc/self/fd $N/dev/fd
ln -sf /proc/self/fd/0 $N/dev/stdin
ln -sf /proc/self/fd/1 $N/dev/stdout
ln -sf /proc/self/fd/2 $N/dev/stderr
cp "/lower$run/stage2.sh" "/lower$run/env" $N/run/lbrvm/ ||
	fail "cannot copy the run files from $run"

if [ -n "$moddir" ]; then
	[ -f "$N$moddir/modules.dep" ] || fail "no modules.dep in $moddir"
	read -r release <$N/proc/sys/kernel/osrelease
	mkdir -p "$N/lib/modules/$release"
	mount --bind "$N$moddir" "$N/lib/modules/$release" ||
		fail "cannot bind $moddir on /lib/modules/$release"
fi
echo "$hostname" >$N/proc/sys/kernel/hostname
echo "$hostname" >$N/etc/hostname
mkdir -p $N/etc/modprobe.d
if [ "$allow_bridge" != 1 ]; then
	cat >$N/etc/modprobe.d/lbridge-vm.conf <<EOT
# written by scripts/vm.sh: the in-tree bridge must not load in this guest
install bridge /bin/false
install br_netfilter /bin/false
EOT
fi
ip link set lo up

# The virtio-serial ports show up asynchronously.
i=0
while :; do
	out='' err='' st=''
	for d in "$N"/sys/class/virtio-ports/vport*; do
		[ -e "$d/name" ] || continue
		read -r name <"$d/name"
		case $name in
		lbrvm.stdout) out=/dev/${d##*/} ;;
		lbrvm.stderr) err=/dev/${d##*/} ;;
		lbrvm.status) st=/dev/${d##*/} ;;
		esac
	done
	[ -z "$out" ] || [ -z "$err" ] || [ -z "$st" ] || break
	i=$((i + 1))
	[ $i -lt 200 ] || fail "virtio-serial ports did not show up"
	sleep 0.05
done
printf 'LBRVM_OUT=%s\nLBRVM_ERR=%s\nLBRVM_STATUS=%s\n' "$out" "$err" "$st" >$N/run/lbrvm/ports

echo "lbrvm-init: root ready" >/dev/kmsg
exec switch_root $N /bin/bash /run/lbrvm/stage2.sh

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scale.sh - more ports than bridge.ko allows (1,023): 1,100 dummies on one bridge, unique numbers, brctl, ioctl bounds, clean teardown.
#
#   netns sc: br0 -- d0 ... d1099 (dummy devices, up)
#
# LBR_SCALE_PORTS=N changes the number of ports (default 1100; at least 1025).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

require_vm
require_cmd python3
BRCTL=/usr/sbin/brctl
[ -x $BRCTL ] || skip_all "no $BRCTL (bridge-utils)"
lbr_load

N=${LBR_SCALE_PORTS:-1100}
[ "$N" -ge 1025 ] || bail "LBR_SCALE_PORTS=$N: need at least 1025"
NS=$(ns_new sc)
B=$(mktemp "${TMPDIR:-/tmp}/lbrscale.XXXXXX")
defer rm -f "$B"
nsx() { ip netns exec "$NS" "$@"; }

for ((i = 0; i < N; i++)); do echo "link add d$i up type dummy"; done >"$B"
check "create $N dummies" ip -n "$NS" -batch "$B"
check "create br0" ip -n "$NS" link add br0 type bridge

# All of them in one batch, like the bench; the time is a diagnostic only.
for ((i = 0; i < N; i++)); do echo "link set d$i master br0"; done >"$B"
t0=$(date +%s%N)
check "attach $N ports (bridge.ko stops at 1023)" ip -n "$NS" -batch "$B"
t1=$(date +%s%N)
diag "attach: $(((t1 - t0) / N / 1000)) us per port"

check "every port is a port of br0" \
	test "$(ip -n "$NS" -o link show master br0 | grep -c .)" -eq "$N"

# d1024 was the 1,025th attach: number 1025, the first bridge.ko refuses.
check "the 1,025th port got number 1025" \
	test "$(nsx cat /sys/class/net/d1024/brport/port_no)" = 0x401
# The STP id keeps 10 bits of the number, as in-tree: 0x8000 | (1025 & 0x3ff).
check "its STP port id keeps the low 10 bits" \
	test "$(nsx cat /sys/class/net/d1024/brport/port_id)" = 0x8001
check "netlink reports the same number" \
	sh -c "ip -n '$NS' -d -j link show d1024 | grep -q '\"no\":\"0x401\"'"

nos=$(nsx sh -c 'cat /sys/class/net/br0/brif/*/port_no')
check "$N port numbers, all different" \
	test "$(sort -u <<<"$nos" | grep -c .)" -eq "$N"
# shellcheck disable=SC2086 # one number per word
check "numbers run 1..$N" \
	test "$(printf '%d\n' $nos | sort -n | sed -n '1p;$p' | tr '\n' ' ')" = "1 $N "

check "brctl show lists $N interfaces" \
	test "$(nsx $BRCTL show br0 | awk 'NR > 1 { print $NF }' | grep -c '^d')" -eq "$N"

# BRCTL_GET_PORT_LIST fills exactly the ints the caller offers: brctl
# offers 1024; the guard words after them must survive.
port_list() { # port_list COUNT: "RETURNED FILLED_SLOTS GUARD_INTACT"
	nsx python3 - "$1" <<'EOF'
import ctypes, fcntl, socket, struct, sys
n = int(sys.argv[1])
buf = (ctypes.c_int * (n + 64))(*([0] * n + [0x5a5a5a5a] * 64))
args = (ctypes.c_ulong * 4)(7, ctypes.addressof(buf), n, 0)  # BRCTL_GET_PORT_LIST
ifr = bytearray(struct.pack('16sP', b'br0', ctypes.addressof(args)) + bytes(16))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
ret = fcntl.ioctl(s.fileno(), 0x89f0, ifr)  # SIOCDEVPRIVATE
used = sum(1 for i in range(n) if buf[i])
guard = all(buf[n + i] == 0x5a5a5a5a for i in range(64))
print(ret, used, int(guard))
EOF
}
check "GET_PORT_LIST for 1024 ints: ports 1..1023, nothing beyond" \
	test "$(port_list 1024)" = "1024 1023 1"
check "GET_PORT_LIST for $((N + 1)) ints: all $N ports" \
	test "$(port_list $((N + 1)))" = "$((N + 1)) $N 1"

tx() { nsx cat "/sys/class/net/$1/statistics/tx_packets"; }
check "br0 up with an address" \
	nsx sh -c 'ip link set br0 up && ip addr add 198.51.100.1/24 dev br0'
before="$(tx d0) $(tx d1024) $(tx d$((N - 1)))"
nsx ping -c1 -W1 198.51.100.7 >/dev/null 2>&1
after="$(tx d0) $(tx d1024) $(tx d$((N - 1)))"
check "an ARP broadcast floods to ports 1, 1025 and $N" \
	awk -v b="$before" -v a="$after" 'BEGIN {
		split(b, x); split(a, y)
		exit !(y[1] > x[1] && y[2] > x[2] && y[3] > x[3]) }'

t0=$(date +%s%N)
check "delete br0" ip -n "$NS" link del br0
t1=$(date +%s%N)
diag "delete: $(((t1 - t0) / 1000000)) ms"
check "no dummy is a bridge port any more" \
	test "$(ip -n "$NS" -o link show | grep -c master)" -eq 0
check "no brport/ directory is left" \
	test -z "$(nsx sh -c 'ls -d /sys/class/net/d*/brport 2>/dev/null')"

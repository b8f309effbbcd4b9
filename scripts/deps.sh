#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# deps.sh - install (idempotently) everything lbridge needs to build, boot and test.
set -euo pipefail

PKGS=(
	build-essential bc kmod flex bison libelf-dev pkg-config
	linux-headers-amd64 linux-image-amd64 linux-source-6.1
	linux-image-6.12-amd64 linux-headers-6.12-amd64
	curl gpgv debian-archive-keyring zstd
	qemu-system-x86 busybox-static
	bridge-utils iproute2 nftables ebtables netsniff-ng iperf3 tcpdump jq
	sockperf openvswitch-switch socat
	iputils-ping procps psmisc util-linux
	sparse libmnl-dev xz-utils
	cpio shellcheck gnuplot-nox dkms
	containernetworking-plugins ifupdown2
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# checkpatch and its data files come from the linux-source tarball.
tools=$(dirname "$0")/../.tools
if [ ! -x "$tools/checkpatch.pl" ]; then
	tarball=$(find /usr/src -maxdepth 1 -name 'linux-source-6.1*.tar.*' | sort | head -n1)
	mkdir -p "$tools"
	tar -xf "$tarball" -C "$tools" --strip-components=2 --wildcards \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch'
fi
# Debian's newest stable kernel series (7.3, trixie-backports) has no
# Debian 12 package: downloaded into a cache, never installed (cached).
bash "$(dirname "$0")/stable-kernel" >/dev/null
echo "deps: ok"

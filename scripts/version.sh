#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# version.sh - print lbridge's version: git describe of the lbridge checkout holding DIR, else DIR/VERSION, else "unknown".
#
# usage: version.sh [DIR]   (DIR: a source tree, default this script's)
# A copy of the sources outside any checkout (a DKMS or release copy)
# carries its version in VERSION, written by `make dkms`.  Only characters
# that are safe in a C string, a file name and a shell word are kept.
dir=${1:-$(dirname "$0")/..}
v=
if top=$(git -C "$dir" rev-parse --show-toplevel 2>/dev/null) &&
	[ -f "$top/include/lbridge/compat.h" ]; then
	v=$(git -C "$dir" describe --always --dirty 2>/dev/null)
fi
[ -n "$v" ] || v=$(head -n 1 "$dir/VERSION" 2>/dev/null)
v=$(printf '%s' "$v" | tr -cd 'A-Za-z0-9.+~_-')
echo "${v:-unknown}"

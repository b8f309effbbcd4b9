# SPDX-License-Identifier: GPL-2.0
# normalise.sed - sed -E script: blank in scenario output only what must differ between two runs.
#
# Only values that no implementation can reproduce are touched: interface
# indexes, netns names, addresses the kernel draws at random, and how far a
# running timer or an age has got.  Idle timers (0, 0.00) stay as they are,
# so "running vs idle" still shows as a difference.

# Interface indexes: "7: br0: <...>", "v0@if9", "ifindex 7", "ifindex": 7.
s/^(Deleted )?[0-9]+: /\1N: /
s/@if[0-9]+/@ifN/g
s/("(ifindex|link_index|master_ifindex)": ?)[0-9]+/\1N/g
s/\bifindex [0-9]+/ifindex N/g
s/^IFINDEX=[0-9]+$/IFINDEX=N/
# The scenario's netns (run.sh names them lbrt<pid>-d<n>).
s/\blbrt[0-9]+-d[0-9]+/NS/g

# Random MACs: every address but the scenarios' fixed 02:00:00:xx:xx:xx and
# the well-known ones (all-zero, broadcast, reserved and IP multicast).
s/\b(02:00:00|00:00:00:00:00|ff:ff:ff:ff:ff|01:80:c2|01:00:5e|33:33)((:[0-9a-f]{2})+)\b/\1\2\x01/g
s/\b([0-9a-f]{2}:){5}[0-9a-f]{2}\b([^\x01]|$)/<MAC>\2/g
#   ... and in bridge ids: sysfs/brctl "8000.020000010001", ip "8000.2:0:0:1:0:1"
s/\b([0-9a-f]{4}\.)(020000[0-9a-f]{6}|000000000000)\b/\1\2\x01/g
s/\b([0-9a-f]{4}\.)[0-9a-f]{12}\b([^\x01]|$)/\1<MAC>\2/g
s/\b([0-9a-f]{4}\.)(2:0:0|0:0:0:0:0)((:[0-9a-f]{1,2})+)\b/\1\2\3\x01/g
s/\b([0-9a-f]{4}\.)([0-9a-f]{1,2}:){5}[0-9a-f]{1,2}\b([^\x01]|$)/\1<MAC>\3/g
s/\x01//g

# Running timers (non-zero): "gc_timer  299.87", "gc timer 299.87",
# "gc_timer": 29987, sysfs "gc_timer=29987".
s/(timer"?[:=]?)[[:space:]]*[0-9]*[1-9][0-9]*(\.[0-9]+)?\b/\1 <T>/g
s/(timer"?[:=]?)[[:space:]]*0*\.[0-9]*[1-9][0-9]*\b/\1 <T>/g
# brctl showmacs: the ageing timer of a learned or static ("no") entry.
s/^([[:space:]]*[0-9]+\t([0-9a-f]{2}:){5}[0-9a-f]{2}\tno\t+)[[:space:]]*([0-9]*[1-9][0-9]*\.[0-9]{2}|0\.[0-9]*[1-9][0-9]*)$/\1<T>/
# fdb ages: bridge -s fdb "used 3/3", -j "used": 3, "updated": 3.
s/\bused [0-9]+\/[0-9]+/used <T>\/<T>/g
s/("(used|updated)": ?)[0-9]+/\1<T>/g

/* SPDX-License-Identifier: GPL-2.0 */
/* The only place that knows which kernel lbridge is built against. */
#ifndef _LBR_COMPAT_H
#define _LBR_COMPAT_H

/* Kbuild defines LBR_TARGET_6_1 from the target's VERSION/PATCHLEVEL. */
#ifndef LBR_TARGET_6_1
#error "lbridge is written and tested against Linux 6.1.y only"
#endif

/*
 * Debian's 6.1.y carries the core-managed per-CPU stats backport; the
 * device code relies on it instead of allocating its own counters.
 */
#ifndef LBR_HAVE_PCPU_STAT_TYPE
#error "these 6.1 headers lack netdev pcpu_stat_type (need 6.1.60 or later)"
#endif

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#endif /* _LBR_COMPAT_H */

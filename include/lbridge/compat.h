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

/*
 * The learnt-entry limit's attributes (uapi since 6.7).  lbridge takes
 * them on older kernels too, numbered as upstream numbers them, so that
 * a newer iproute2 works with lbridge on 6.1.
 */
#ifndef LBR_HAVE_IFLA_BR_FDB_MAX_LEARNED
#define IFLA_BR_FDB_N_LEARNED	(IFLA_BR_MCAST_QUERIER_STATE + 1)
#define IFLA_BR_FDB_MAX_LEARNED	(IFLA_BR_MCAST_QUERIER_STATE + 2)
#define LBR_IFLA_BR_MAX		IFLA_BR_FDB_MAX_LEARNED
#else
#define LBR_IFLA_BR_MAX		IFLA_BR_MAX
#endif

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#endif /* _LBR_COMPAT_H */

/* SPDX-License-Identifier: GPL-2.0 */
/* The only place that knows which kernel lbridge is built against. */
#ifndef _LBR_COMPAT_H
#define _LBR_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0) || \
	LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
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

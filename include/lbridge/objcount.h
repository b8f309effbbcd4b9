/* SPDX-License-Identifier: GPL-2.0 */
/* Live object counters: every allocation site counts up, every free down. */

#ifndef _LBRIDGE_OBJCOUNT_H
#define _LBRIDGE_OBJCOUNT_H

#include <linux/percpu.h>

enum lbr_obj {
	LBR_OBJ_BRIDGE,		/* between ndo_init and ndo_uninit */
	LBR_OBJ_PORT,		/* struct lbr_port, until its kobject release */
	LBR_OBJ_FDB,		/* struct lbr_fdb_entry, until freed */
	LBR_OBJ_FLOOD,		/* struct lbr_flood_list, until queued for free */
	LBR_OBJ_VLAN,		/* struct lbr_vlan, until freed */
	LBR_OBJ_TUNNEL,		/* struct lbr_vlan_tunnel, until freed */
	LBR_OBJ_MDB,		/* struct lbr_mdb_entry, until freed */
	LBR_OBJ_MDB_PG,		/* struct lbr_port_group, until freed */
	LBR_OBJ_NR,
};

/*
 * Per-CPU so that learning in softirq pays one local add; a counter is
 * only meaningful summed over all CPUs (lbr_obj_read()).
 */
struct lbr_objcount {
	long n[LBR_OBJ_NR];
};

DECLARE_PER_CPU(struct lbr_objcount, lbr_objcount);

static inline void lbr_obj_inc(enum lbr_obj type)
{
	this_cpu_inc(lbr_objcount.n[type]);
}

static inline void lbr_obj_dec(enum lbr_obj type)
{
	this_cpu_dec(lbr_objcount.n[type]);
}

/* Counts one @type if @err is 0 and passes @err on: "return lbr_obj_ok(...)". */
static inline int lbr_obj_ok(enum lbr_obj type, int err)
{
	if (!err)
		lbr_obj_inc(type);
	return err;
}

/* Counts one @type if @ptr is not NULL and passes @ptr on. */
#define lbr_obj_new(type, ptr) ({			\
	typeof(ptr) __lbr_obj_p = (ptr);		\
	if (__lbr_obj_p)				\
		lbr_obj_inc(type);			\
	__lbr_obj_p; })

long lbr_obj_read(enum lbr_obj type);
void lbr_objcount_init(void);
void lbr_objcount_exit(void);

#endif /* _LBRIDGE_OBJCOUNT_H */

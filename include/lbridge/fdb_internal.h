/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the FDB's own files (fdb.c, fdb_walk.c, fdb_age.c). */
#ifndef _LBR_FDB_INTERNAL_H
#define _LBR_FDB_INTERNAL_H

#include "lbridge/types.h"

/*
 * Entries a walk hands out between two pauses: it then leaves its RCU
 * read section and may reschedule, so that a walk of millions of entries
 * neither stalls RCU nor hogs the CPU.
 */
#define LBR_FDB_WALK_BATCH	1024

static inline unsigned long lbr_fdb_hold_time(const struct lbr_bridge *br)
{
	return READ_ONCE(br->ageing_time);
}

struct work_struct;
void lbr_fdb_gc_work(struct work_struct *work);

void __lbr_fdb_delete(struct lbr_bridge *br, struct lbr_fdb_entry *f,
		      bool notify);
bool lbr_fdb_hashed_locked(struct lbr_bridge *br,
			   const struct lbr_fdb_entry *f);
void __lbr_fdb_release_local(struct lbr_bridge *br, struct lbr_port *p,
			     struct lbr_fdb_entry *f);

#endif /* _LBR_FDB_INTERNAL_H */

// SPDX-License-Identifier: GPL-2.0
/* FDB ageing: entry ages, the periodic worker that expires learnt stations. */

#include "lbridge/fdb.h"
#include "lbridge/fdb_internal.h"
#include "lbridge/types.h"

#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/workqueue.h>

/* Ageing never rescans more often than this, as in-tree. */
#define LBR_FDB_GC_MIN_DELAY	msecs_to_jiffies(10)

/* Longer hold times than entry timestamps can measure act as the longest. */
static unsigned long lbr_fdb_max_age(const struct lbr_bridge *br)
{
	return min_t(unsigned long, lbr_fdb_hold_time(br), LBR_FDB_AGE_MAX);
}

/* Age an old timestamp no further than LBR_FDB_AGE_MAX, so it never wraps. */
static void lbr_fdb_clamp_stamp(u32 *stamp, unsigned long now)
{
	u32 old = READ_ONCE(*stamp);

	/* A frame refreshing it meanwhile wins. */
	if (lbr_fdb_age(old, now) > LBR_FDB_AGE_MAX)
		cmpxchg(stamp, old, (u32)(now - LBR_FDB_AGE_MAX));
}

/**
 * lbr_fdb_has_expired() - whether a dynamic entry is past its hold time
 * @br: bridge
 * @f: entry
 *
 * Context: any; reads lockless fields with READ_ONCE.
 * Return: true if @f should no longer be used or reported as fresh.
 */
bool lbr_fdb_has_expired(const struct lbr_bridge *br,
			 const struct lbr_fdb_entry *f)
{
	u32 updated;

	if (test_bit(LBR_FDB_STATIC, &f->dst_flags) ||
	    test_bit(LBR_FDB_EXT_LEARN, &f->dst_flags))
		return false;

	/* The stamp first: a refresh after it reads as age 0, not expired. */
	updated = READ_ONCE(f->updated);
	return lbr_fdb_age(updated, jiffies) >= lbr_fdb_max_age(br);
}

void lbr_fdb_gc_work(struct work_struct *work)
{
	struct lbr_bridge *br = container_of(work, struct lbr_bridge,
					     gc_work.work);
	unsigned long hold = lbr_fdb_max_age(br);
	unsigned long next = hold ? hold : HZ;
	unsigned long now = jiffies;
	struct lbr_fdb_walk walk;
	struct lbr_fdb_entry *f;

	/* What a resize makes this pass miss, the next pass finds. */
	lbr_fdb_walk_begin(br, &walk);
	while ((f = lbr_fdb_walk_next(&walk))) {
		unsigned long age;

		lbr_fdb_clamp_stamp(&f->used, now);
		lbr_fdb_clamp_stamp(&f->updated, now);
		if (test_bit(LBR_FDB_STATIC, &f->dst_flags) ||
		    test_bit(LBR_FDB_EXT_LEARN, &f->dst_flags))
			continue;

		age = lbr_fdb_age(READ_ONCE(f->updated), now);
		if (age < hold) {
			next = min(next, hold - age);
			continue;
		}

		/* A frame or the user may have refreshed it meanwhile. */
		spin_lock_bh(&br->hash_lock);
		if (lbr_fdb_has_expired(br, f))
			__lbr_fdb_delete(br, f, true);
		spin_unlock_bh(&br->hash_lock);
	}
	lbr_fdb_walk_end(&walk);
	/* Clamp timestamps before any can wrap (see LBR_FDB_AGE_MAX). */
	next = min_t(unsigned long, next, LBR_FDB_AGE_MAX / 2);

	/*
	 * Re-armed even while down, as in-tree (whose gc_timer then shows a
	 * remainder): ndo_stop and uninit cancel it with _sync.
	 */
	mod_delayed_work(system_long_wq, &br->gc_work,
			 max(next, LBR_FDB_GC_MIN_DELAY));
}

/**
 * lbr_fdb_gc_start() - (re)arm ageing now
 * @br: bridge
 *
 * Context: process context; the bridge is up.
 */
void lbr_fdb_gc_start(struct lbr_bridge *br)
{
	mod_delayed_work(system_long_wq, &br->gc_work, 0);
}

/**
 * lbr_fdb_gc_stop() - stop ageing and wait for a running pass
 * @br: bridge
 *
 * Context: process context, may sleep.
 */
void lbr_fdb_gc_stop(struct lbr_bridge *br)
{
	cancel_delayed_work_sync(&br->gc_work);
}

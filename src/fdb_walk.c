// SPDX-License-Identifier: GPL-2.0
/* FDB walks: whole-table iteration that pauses, bulk deletes, brforward records. */

#include "lbridge/fdb.h"
#include "lbridge/fdb_internal.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/times.h>

/**
 * lbr_fdb_walk_begin() - start a walk over every entry of @br
 * @br: bridge
 * @walk: walk state, on the caller's stack
 *
 * An entry that lbr_fdb_walk_next() returns stays valid until the next
 * call: every LBR_FDB_WALK_BATCH entries, or sooner when the scheduler
 * wants the CPU back, the walk leaves its RCU read section and may sleep,
 * so callers keep no entry across calls and hold no lock around them.  A
 * resize sends the walker back to the start of the new table, so an entry
 * may come twice but none that stays in the table throughout is missed;
 * entries added during the walk may or may not be seen.
 *
 * Context: process context, may sleep; hash_lock not held.
 */
void lbr_fdb_walk_begin(struct lbr_bridge *br, struct lbr_fdb_walk *walk)
	__acquires(RCU)
{
	might_sleep();
	walk->batch = 0;
	walk->br = br;
	rhashtable_walk_enter(&br->fdb_hash, &walk->iter);
	rhashtable_walk_start(&walk->iter);
}

/**
 * lbr_fdb_walk_next() - the next entry of a walk
 * @walk: walk state from lbr_fdb_walk_begin()
 *
 * Context: inside the walk, no lock held; may sleep.
 * Return: an entry, or NULL at the end.
 */
struct lbr_fdb_entry *lbr_fdb_walk_next(struct lbr_fdb_walk *walk)
{
	struct lbr_fdb_entry *f;
	struct lbr_fdb_key key;

	for (;;) {
		/* A resize restarted the walk: carry on from the new start. */
		do {
			f = rhashtable_walk_next(&walk->iter);
		} while (IS_ERR(f) && PTR_ERR(f) == -EAGAIN);
		/* NULL at the end of the table. */
		if (IS_ERR_OR_NULL(f))
			return NULL;
		/*
		 * Batches bound the pauses' cost; need_resched() bounds the
		 * wait of other tasks where an entry costs much (debug kernels).
		 */
		if (++walk->batch <= LBR_FDB_WALK_BATCH && !need_resched())
			return f;
		/*
		 * Let RCU and other tasks run now and then on long walks.  The
		 * walker resumes after @f by its place in the bucket, so pause
		 * with @f fetched but not yet handed out (the caller may delete
		 * what it was given), and hand it out only if still hashed.
		 */
		walk->batch = 0;
		key = f->key;
		rhashtable_walk_stop(&walk->iter);
		cond_resched();
		rhashtable_walk_start(&walk->iter);
		if (lbr_fdb_find_rcu(walk->br, key.addr, key.vid) == f)
			return f;
	}
}

/**
 * lbr_fdb_walk_end() - finish a walk
 * @walk: walk state from lbr_fdb_walk_begin()
 *
 * Context: process context, hash_lock not held.
 */
void lbr_fdb_walk_end(struct lbr_fdb_walk *walk)
	__releases(RCU)
{
	rhashtable_walk_stop(&walk->iter);
	rhashtable_walk_exit(&walk->iter);
}

/* Which table a position was taken in; a new table gets a new seed. */
static unsigned long lbr_fdb_tbl_cookie(const struct bucket_table *tbl)
{
	return (unsigned long)tbl->hash_rnd << 32 | tbl->size;
}

/**
 * lbr_fdb_walk_from() - visit entries bucket by bucket from a position
 * @br: bridge
 * @pos: where to start ({0, 0} for the first bucket); on return, the
 *	bucket the walk stopped in, or the end
 * @fn: called for each entry with @arg; a nonzero return stops the walk
 * @arg: passed to @fn
 *
 * Unlike lbr_fdb_walk_*(), this walk can resume where a previous one
 * stopped without counting its way there, which keeps a long netlink
 * dump linear.  A table being resized is followed by its successor:
 * entries only move forward, so within one walk none is missed, but one
 * may come twice.
 *
 * Context: RCU read section.
 * Return: what @fn returned; 0 after the last bucket; -EAGAIN, with @pos
 * at the next bucket, after about LBR_FDB_WALK_BATCH entries and buckets
 * or once another task needs the CPU (at least one bucket visited), for
 * the caller to leave its read section a while; -ESTALE, with @pos
 * moved to the first bucket of the current table and nothing visited, if
 * @pos was taken in a table that has since been replaced.
 */
int lbr_fdb_walk_from(struct lbr_bridge *br, struct lbr_fdb_pos *pos,
		      int (*fn)(struct lbr_fdb_entry *f, void *arg), void *arg)
{
	struct rhashtable *ht = &br->fdb_hash;
	struct bucket_table *tbl = rht_dereference_rcu(ht->tbl, ht);
	unsigned long cookie = lbr_fdb_tbl_cookie(tbl);
	unsigned int base = 0, slot;
	unsigned int visited = 0;
	struct lbr_fdb_entry *f;
	struct rhash_head *n;
	int ret;

	if (pos->cookie != cookie) {
		bool stale = pos->cookie;

		pos->cookie = cookie;
		pos->slot = 0;
		if (stale)
			return -ESTALE;
	}
	for (; tbl; tbl = rht_dereference_rcu(tbl->future_tbl, ht)) {
		for (slot = max(pos->slot, base) - base; slot < tbl->size;
		     slot++) {
			pos->slot = base + slot;
			/* Time for the caller to pause: resume here. */
			if (++visited > LBR_FDB_WALK_BATCH ||
			    (visited > 1 && need_resched()))
				return -EAGAIN;
			rht_for_each_entry_rcu(f, n, tbl, slot, rhnode) {
				visited++;
				ret = fn(f, arg);
				if (ret)
					return ret;
			}
		}
		base += tbl->size;
	}
	pos->slot = base;
	return 0;
}

/* One pass of lbr_fdb_delete_by_port(); true if it found any entry of @p. */
static bool lbr_fdb_delete_by_port_pass(struct lbr_bridge *br,
					struct lbr_port *p, bool include_static)
{
	struct lbr_fdb_walk walk;
	struct lbr_fdb_entry *f;
	bool found = false;

	lbr_fdb_walk_begin(br, &walk);
	while ((f = lbr_fdb_walk_next(&walk))) {
		if (lbr_fdb_dst(f) != p)
			continue;
		/* Decide under the lock: the user may change it meanwhile. */
		spin_lock_bh(&br->hash_lock);
		if (lbr_fdb_dst(f) != p ||
		    (!include_static &&
		     (test_bit(LBR_FDB_STATIC, &f->dst_flags) ||
		      test_bit(LBR_FDB_EXT_LEARN, &f->dst_flags))))
			goto next;
		found = true;
		if (!test_bit(LBR_FDB_LOCAL, &f->dst_flags))
			__lbr_fdb_delete(br, f, true);
		else if (lbr_fdb_hashed_locked(br, f))
			__lbr_fdb_release_local(br, p, f);
next:
		spin_unlock_bh(&br->hash_lock);
	}
	lbr_fdb_walk_end(&walk);
	return found;
}

/**
 * lbr_fdb_delete_by_port() - forget the stations behind a port
 * @br: bridge
 * @p: port
 * @include_static: also remove static and host entries (port removal)
 *
 * Context: RTNL held (host entries may pass to another port).
 */
void lbr_fdb_delete_by_port(struct lbr_bridge *br, struct lbr_port *p,
			    bool include_static)
{
	ASSERT_RTNL();
	/*
	 * A pass can miss an entry whose bucket neighbour someone else
	 * deleted while the walk paused; none may survive the port, whose
	 * memory goes next.  Repeat until a pass finds none.
	 */
	while (lbr_fdb_delete_by_port_pass(br, p, include_static))
		;
}

/**
 * lbr_fdb_flush() - forget every entry that is not static
 * @br: bridge
 *
 * Context: process context; takes hash_lock.
 */
void lbr_fdb_flush(struct lbr_bridge *br)
{
	struct lbr_fdb_walk walk;
	struct lbr_fdb_entry *f;

	lbr_fdb_walk_begin(br, &walk);
	while ((f = lbr_fdb_walk_next(&walk))) {
		if (test_bit(LBR_FDB_STATIC, &f->dst_flags))
			continue;
		spin_lock_bh(&br->hash_lock);
		if (!test_bit(LBR_FDB_STATIC, &f->dst_flags))
			__lbr_fdb_delete(br, f, true);
		spin_unlock_bh(&br->hash_lock);
	}
	lbr_fdb_walk_end(&walk);
}

/* Does @f match @desc?  The egress of a bridge's own entry is the bridge. */
static bool lbr_fdb_flush_matches(const struct lbr_bridge *br,
				  const struct lbr_fdb_entry *f,
				  const struct lbr_fdb_flush_desc *desc)
{
	const struct lbr_port *dst = lbr_fdb_dst(f);

	if (desc->vid && desc->vid != f->key.vid)
		return false;
	if (desc->ifindex &&
	    desc->ifindex != (dst ? dst->dev->ifindex : br->dev->ifindex))
		return false;
	/* Flags outside the mask make the match impossible, as in-tree. */
	return !desc->flags_mask ||
	       (READ_ONCE(f->dst_flags) & LBR_FDB_FLAG_MASK &
		desc->flags_mask) == desc->flags;
}

/**
 * lbr_fdb_flush_desc() - forget every entry @desc matches (bulk delete)
 * @br: bridge
 * @desc: match; an empty one matches every entry, local ones included
 *
 * Context: process context; takes hash_lock.
 */
void lbr_fdb_flush_desc(struct lbr_bridge *br,
			const struct lbr_fdb_flush_desc *desc)
{
	struct lbr_fdb_walk walk;
	struct lbr_fdb_entry *f;

	lbr_fdb_walk_begin(br, &walk);
	while ((f = lbr_fdb_walk_next(&walk))) {
		spin_lock_bh(&br->hash_lock);
		if (lbr_fdb_hashed_locked(br, f) &&
		    lbr_fdb_flush_matches(br, f, desc))
			__lbr_fdb_delete(br, f, true);
		spin_unlock_bh(&br->hash_lock);
	}
	lbr_fdb_walk_end(&walk);
}

/**
 * lbr_fdb_fillbuf() - export entries as struct __fdb_entry records
 * @br: bridge
 * @buf: room for @maxnum records
 * @maxnum: capacity of @buf
 * @skip: records to skip first (brforward offset, ioctl offset)
 *
 * Entries of the bridge device itself and expired ones are not exported,
 * as in-tree.
 *
 * A resize during the walk may repeat or shift records, as learning
 * between two reads always could.
 *
 * Context: process context (walks the table), hash_lock not held.
 * Return: the number of records written.
 */
int lbr_fdb_fillbuf(struct lbr_bridge *br, void *buf, unsigned long maxnum,
		    unsigned long skip)
{
	struct __fdb_entry *fe = buf;
	struct lbr_fdb_walk walk;
	struct lbr_fdb_entry *f;
	struct lbr_port *dst;
	int num = 0;

	memset(buf, 0, maxnum * sizeof(*fe));

	lbr_fdb_walk_begin(br, &walk);
	while (num < maxnum && (f = lbr_fdb_walk_next(&walk))) {
		dst = lbr_fdb_dst(f);
		if (!dst || lbr_fdb_has_expired(br, f))
			continue;
		if (skip) {
			skip--;
			continue;
		}

		ether_addr_copy(fe->mac_addr, f->key.addr);
		fe->port_no = dst->port_no & 0xff;
		fe->port_hi = dst->port_no >> 8;
		fe->is_local = test_bit(LBR_FDB_LOCAL, &f->dst_flags);
		if (!test_bit(LBR_FDB_STATIC, &f->dst_flags))
			fe->ageing_timer_value =
				jiffies_delta_to_clock_t(lbr_fdb_age(READ_ONCE(f->updated),
								     jiffies));
		fe++;
		num++;
	}
	lbr_fdb_walk_end(&walk);

	return num;
}

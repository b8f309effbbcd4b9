// SPDX-License-Identifier: GPL-2.0
/* Forwarding database: learning, lookup, local and user entries, ageing. */

#include "lbridge/fdb.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/times.h>
#include <net/neighbour.h>
#include <net/netlink.h>
#include <uapi/linux/neighbour.h>

#include "lbridge/fdb_netlink.h"
#include "lbridge/objcount.h"

/* Ageing never rescans more often than this, as in-tree. */
#define LBR_FDB_GC_MIN_DELAY	msecs_to_jiffies(10)

static struct kmem_cache *lbr_fdb_cache __read_mostly;

static const struct rhashtable_params lbr_fdb_rht_params = {
	.head_offset		= offsetof(struct lbr_fdb_entry, rhnode),
	.key_offset		= offsetof(struct lbr_fdb_entry, key),
	.key_len		= sizeof(struct lbr_fdb_key),
	.automatic_shrinking	= true,
};

static void lbr_fdb_key_set(struct lbr_fdb_key *key, const u8 *addr, u16 vid)
{
	ether_addr_copy(key->addr, addr);
	key->vid = vid;
}

/**
 * lbr_fdb_find_rcu() - look a station up
 * @br: bridge
 * @addr: MAC address
 * @vid: VLAN id
 *
 * Context: RCU read section (the datapath, or rcu_read_lock()).
 * Return: the entry or NULL; valid until the read section ends.
 */
struct lbr_fdb_entry *lbr_fdb_find_rcu(struct lbr_bridge *br,
				       const u8 *addr, u16 vid)
{
	struct lbr_fdb_key key;

	lbr_fdb_key_set(&key, addr, vid);
	return rhashtable_lookup(&br->fdb_hash, &key, lbr_fdb_rht_params);
}

static struct lbr_fdb_entry *lbr_fdb_find_locked(struct lbr_bridge *br,
						 const u8 *addr, u16 vid)
{
	struct lbr_fdb_key key;

	lockdep_assert_held(&br->hash_lock);
	lbr_fdb_key_set(&key, addr, vid);
	return rhashtable_lookup_fast(&br->fdb_hash, &key, lbr_fdb_rht_params);
}

static unsigned long lbr_fdb_hold_time(const struct lbr_bridge *br)
{
	return READ_ONCE(br->ageing_time);
}

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
	if (test_bit(LBR_FDB_STATIC, &f->dst_flags) ||
	    test_bit(LBR_FDB_EXT_LEARN, &f->dst_flags))
		return false;

	return lbr_fdb_age(READ_ONCE(f->updated), jiffies) >=
	       lbr_fdb_max_age(br);
}

/* A new entry, not yet visible; atomic because learning runs in softirq. */
static struct lbr_fdb_entry *lbr_fdb_alloc(struct lbr_port *p,
					   const u8 *addr, u16 vid,
					   unsigned long flags)
{
	struct lbr_fdb_entry *f;

	f = lbr_obj_new(LBR_OBJ_FDB, kmem_cache_alloc(lbr_fdb_cache, GFP_ATOMIC));
	if (!f)
		return NULL;

	lbr_fdb_key_set(&f->key, addr, vid);
	f->dst_flags = (unsigned long)p | flags;
	f->updated = jiffies;
	f->used = f->updated;
	return f;
}

/* Publish @f, or free it if its key is taken (a racing learner won). */
static int __lbr_fdb_insert(struct lbr_bridge *br, struct lbr_fdb_entry *f)
{
	int err;

	lockdep_assert_held(&br->hash_lock);

	err = rhashtable_lookup_insert_fast(&br->fdb_hash, &f->rhnode,
					    lbr_fdb_rht_params);
	if (err) {
		lbr_obj_dec(LBR_OBJ_FDB);
		kmem_cache_free(lbr_fdb_cache, f);
		return err;
	}
	br->fdb_count++;
	return 0;
}

static struct lbr_fdb_entry *__lbr_fdb_create(struct lbr_bridge *br,
					      struct lbr_port *p,
					      const u8 *addr, u16 vid,
					      unsigned long flags)
{
	struct lbr_fdb_entry *f;

	lockdep_assert_held(&br->hash_lock);

	f = lbr_fdb_alloc(p, addr, vid, flags);
	if (!f || __lbr_fdb_insert(br, f))
		return NULL;
	return f;
}

static void lbr_fdb_free_rcu(struct rcu_head *head)
{
	lbr_obj_dec(LBR_OBJ_FDB);
	kmem_cache_free(lbr_fdb_cache,
			container_of(head, struct lbr_fdb_entry, rcu));
}

/*
 * Unhash and free @f.  A table walk may offer an entry that is already
 * gone (removed meanwhile, or seen twice across a resize): the removal
 * then fails and nothing else happens, so callers need not check first.
 */
static void __lbr_fdb_delete(struct lbr_bridge *br, struct lbr_fdb_entry *f,
			     bool notify)
{
	lockdep_assert_held(&br->hash_lock);

	if (rhashtable_remove_fast(&br->fdb_hash, &f->rhnode,
				   lbr_fdb_rht_params))
		return;
	br->fdb_count--;
	if (notify)
		lbr_fdb_notify(br, f, RTM_DELNEIGH);
	call_rcu(&f->rcu, lbr_fdb_free_rcu);
}

/* Whether @f, found by a walk, is still the table's entry for its key. */
static bool lbr_fdb_hashed_locked(struct lbr_bridge *br,
				  const struct lbr_fdb_entry *f)
{
	return lbr_fdb_find_locked(br, f->key.addr, f->key.vid) == f;
}

/**
 * lbr_fdb_walk_begin() - start a walk over every entry of @br
 * @br: bridge
 * @iter: walk state, on the caller's stack
 *
 * The walk is one RCU read section: entries it returns stay valid until
 * lbr_fdb_walk_end().  A concurrent resize sends the walker back to the
 * start of the new table, so an entry may come twice but none that stays
 * in the table throughout is missed; entries added during the walk may
 * or may not be seen.
 *
 * Context: process context, hash_lock not held (the walker takes the
 * table's own lock).
 */
void lbr_fdb_walk_begin(struct lbr_bridge *br, struct rhashtable_iter *iter)
	__acquires(RCU)
{
	rhashtable_walk_enter(&br->fdb_hash, iter);
	rhashtable_walk_start(iter);
}

/**
 * lbr_fdb_walk_next() - the next entry of a walk
 * @iter: walk state from lbr_fdb_walk_begin()
 *
 * Context: inside the walk; hash_lock may be held around this call.
 * Return: an entry, or NULL at the end.
 */
struct lbr_fdb_entry *lbr_fdb_walk_next(struct rhashtable_iter *iter)
{
	struct lbr_fdb_entry *f;

	/* A resize restarted the walk: carry on from the new start. */
	do {
		f = rhashtable_walk_next(iter);
	} while (IS_ERR(f) && PTR_ERR(f) == -EAGAIN);

	return IS_ERR(f) ? NULL : f;
}

/**
 * lbr_fdb_walk_end() - finish a walk
 * @iter: walk state from lbr_fdb_walk_begin()
 *
 * Context: process context, hash_lock not held.
 */
void lbr_fdb_walk_end(struct rhashtable_iter *iter)
	__releases(RCU)
{
	rhashtable_walk_stop(iter);
	rhashtable_walk_exit(iter);
}

/**
 * lbr_fdb_learn_rcu() - record that @addr was seen behind @p
 * @br: bridge
 * @p: ingress port
 * @addr: source MAC address (already checked valid by the caller)
 * @vid: VLAN id
 *
 * Context: RCU read section, softirq or BH disabled.  Takes hash_lock only
 * to insert a new station.
 */
void lbr_fdb_learn_rcu(struct lbr_bridge *br, struct lbr_port *p,
		       const u8 *addr, u16 vid)
{
	unsigned long now = jiffies;
	struct lbr_fdb_entry *f;

	/* 802.1D 7.9.2: a hold time of zero means nothing is ever learnt. */
	if (!lbr_fdb_hold_time(br))
		return;

	f = lbr_fdb_find_rcu(br, addr, vid);
	if (likely(f)) {
		if (unlikely(test_bit(LBR_FDB_LOCAL, &f->dst_flags))) {
			if (!test_bit(LBR_FDB_ADDED_BY_USER, &f->dst_flags))
				net_warn_ratelimited("%s: received packet on %s with own address as source address (addr:%pM, vlan:%u)\n",
						     br->dev->name,
						     p->dev->name, addr, vid);
			return;
		}
		/* A station move is one atomic store: readers see old or new. */
		if (unlikely(lbr_fdb_dst(f) != p) &&
		    !test_bit(LBR_FDB_STICKY, &f->dst_flags)) {
			lbr_fdb_set_dst(f, p, BIT(LBR_FDB_EXT_LEARN));
			WRITE_ONCE(f->updated, now);
			lbr_fdb_notify(br, f, RTM_NEWNEIGH);
			return;
		}
		/* Keep the cache line clean while the tick is unchanged. */
		if (READ_ONCE(f->updated) != (u32)now)
			WRITE_ONCE(f->updated, now);
		return;
	}

	/* A new station: allocate before locking to keep the lock short. */
	f = lbr_fdb_alloc(p, addr, vid, 0);
	if (unlikely(!f))
		return;
	spin_lock(&br->hash_lock);
	if (likely(!__lbr_fdb_insert(br, f)))
		lbr_fdb_notify(br, f, RTM_NEWNEIGH);
	spin_unlock(&br->hash_lock);
}

static int __lbr_fdb_add_local(struct lbr_bridge *br, struct lbr_port *p,
			       const u8 *addr)
{
	struct lbr_fdb_entry *f;

	lockdep_assert_held(&br->hash_lock);

	if (!is_valid_ether_addr(addr))
		return -EINVAL;

	f = lbr_fdb_find_locked(br, addr, 0);
	if (f) {
		/* Several ports may share a MAC: the first one keeps it. */
		if (test_bit(LBR_FDB_LOCAL, &f->dst_flags))
			return 0;
		net_warn_ratelimited("%s: adding interface %s with same address as a received packet (addr:%pM)\n",
				     br->dev->name,
				     p ? p->dev->name : br->dev->name, addr);
		__lbr_fdb_delete(br, f, true);
	}

	f = __lbr_fdb_create(br, p, addr, 0,
			     BIT(LBR_FDB_LOCAL) | BIT(LBR_FDB_STATIC));
	if (!f)
		return -ENOMEM;
	lbr_fdb_notify(br, f, RTM_NEWNEIGH);
	return 0;
}

/**
 * lbr_fdb_add_local_rtnl() - add the host entry for a port or the bridge
 * @br: bridge
 * @p: port owning @addr, or NULL for the bridge device itself
 * @addr: MAC address
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno.
 */
int lbr_fdb_add_local_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			   const u8 *addr)
{
	int err;

	ASSERT_RTNL();
	spin_lock_bh(&br->hash_lock);
	err = __lbr_fdb_add_local(br, p, addr);
	spin_unlock_bh(&br->hash_lock);
	return err;
}

/*
 * Drop a host entry that @p (or the bridge, for NULL) no longer owns.
 * If another port or the bridge still has that address, hand it over.
 */
static void __lbr_fdb_release_local(struct lbr_bridge *br,
				    struct lbr_port *p,
				    struct lbr_fdb_entry *f)
{
	const u8 *addr = f->key.addr;
	struct lbr_port *op;

	lockdep_assert_held(&br->hash_lock);
	ASSERT_RTNL();

	list_for_each_entry(op, &br->port_list, list) {
		if (op != p && ether_addr_equal(op->dev->dev_addr, addr)) {
			lbr_fdb_set_dst(f, op, 0);
			return;
		}
	}
	if (p && ether_addr_equal(br->dev->dev_addr, addr)) {
		lbr_fdb_set_dst(f, NULL, 0);
		return;
	}
	__lbr_fdb_delete(br, f, true);
}

/**
 * lbr_fdb_del_local_rtnl() - remove the host entry @p holds for @addr
 * @br: bridge
 * @p: port, or NULL for the bridge device
 * @addr: MAC address
 *
 * Context: RTNL held.
 */
void lbr_fdb_del_local_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			    const u8 *addr)
{
	struct lbr_fdb_entry *f;

	ASSERT_RTNL();
	spin_lock_bh(&br->hash_lock);
	f = lbr_fdb_find_locked(br, addr, 0);
	if (f && test_bit(LBR_FDB_LOCAL, &f->dst_flags) &&
	    !test_bit(LBR_FDB_ADDED_BY_USER, &f->dst_flags) && lbr_fdb_dst(f) == p)
		__lbr_fdb_release_local(br, p, f);
	spin_unlock_bh(&br->hash_lock);
}

/* Whether @f is the host entry that @p (or the bridge) holds itself. */
static bool lbr_fdb_is_own_local(const struct lbr_fdb_entry *f,
				 const struct lbr_port *p)
{
	return lbr_fdb_dst(f) == p && test_bit(LBR_FDB_LOCAL, &f->dst_flags) &&
	       !test_bit(LBR_FDB_ADDED_BY_USER, &f->dst_flags);
}

/**
 * lbr_fdb_change_local_rtnl() - move the host entry of @p to @addr
 * @br: bridge
 * @p: port whose MAC changed, or NULL for the bridge device
 * @addr: the new MAC address
 *
 * Context: RTNL held.
 */
void lbr_fdb_change_local_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			       const u8 *addr)
{
	struct lbr_fdb_entry *f, *old = NULL;
	struct rhashtable_iter iter;

	ASSERT_RTNL();
	/* The outer read section keeps @old alive past the walk. */
	rcu_read_lock();
	lbr_fdb_walk_begin(br, &iter);
	while ((f = lbr_fdb_walk_next(&iter))) {
		if (lbr_fdb_is_own_local(f, p)) {
			old = f;
			break;
		}
	}
	lbr_fdb_walk_end(&iter);

	spin_lock_bh(&br->hash_lock);
	if (old && lbr_fdb_is_own_local(old, p) &&
	    lbr_fdb_hashed_locked(br, old))
		__lbr_fdb_release_local(br, p, old);
	__lbr_fdb_add_local(br, p, addr);
	spin_unlock_bh(&br->hash_lock);
	rcu_read_unlock();
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
	struct rhashtable_iter iter;
	struct lbr_fdb_entry *f;

	ASSERT_RTNL();
	lbr_fdb_walk_begin(br, &iter);
	while ((f = lbr_fdb_walk_next(&iter))) {
		if (lbr_fdb_dst(f) != p)
			continue;
		/* Decide under the lock: the user may change it meanwhile. */
		spin_lock_bh(&br->hash_lock);
		if (lbr_fdb_dst(f) != p ||
		    (!include_static &&
		     (test_bit(LBR_FDB_STATIC, &f->dst_flags) ||
		      test_bit(LBR_FDB_EXT_LEARN, &f->dst_flags))))
			goto next;
		if (!test_bit(LBR_FDB_LOCAL, &f->dst_flags))
			__lbr_fdb_delete(br, f, true);
		else if (lbr_fdb_hashed_locked(br, f))
			__lbr_fdb_release_local(br, p, f);
next:
		spin_unlock_bh(&br->hash_lock);
	}
	lbr_fdb_walk_end(&iter);
}

/**
 * lbr_fdb_flush() - forget every entry that is not static
 * @br: bridge
 *
 * Context: process context; takes hash_lock.
 */
void lbr_fdb_flush(struct lbr_bridge *br)
{
	struct rhashtable_iter iter;
	struct lbr_fdb_entry *f;

	lbr_fdb_walk_begin(br, &iter);
	while ((f = lbr_fdb_walk_next(&iter))) {
		if (test_bit(LBR_FDB_STATIC, &f->dst_flags))
			continue;
		spin_lock_bh(&br->hash_lock);
		if (!test_bit(LBR_FDB_STATIC, &f->dst_flags))
			__lbr_fdb_delete(br, f, true);
		spin_unlock_bh(&br->hash_lock);
	}
	lbr_fdb_walk_end(&iter);
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
	struct rhashtable_iter iter;
	struct lbr_fdb_entry *f;

	lbr_fdb_walk_begin(br, &iter);
	while ((f = lbr_fdb_walk_next(&iter))) {
		spin_lock_bh(&br->hash_lock);
		if (lbr_fdb_hashed_locked(br, f) &&
		    lbr_fdb_flush_matches(br, f, desc))
			__lbr_fdb_delete(br, f, true);
		spin_unlock_bh(&br->hash_lock);
	}
	lbr_fdb_walk_end(&iter);
}

static u16 lbr_fdb_nud_state(const struct lbr_bridge *br,
			     const struct lbr_fdb_entry *f)
{
	if (test_bit(LBR_FDB_LOCAL, &f->dst_flags))
		return NUD_PERMANENT;
	if (test_bit(LBR_FDB_STATIC, &f->dst_flags))
		return NUD_NOARP;
	if (lbr_fdb_has_expired(br, f))
		return NUD_STALE;
	return NUD_REACHABLE;
}

/* Apply the requested NUD state to the entry's flags; true if changed. */
static bool lbr_fdb_apply_state(const struct lbr_bridge *br,
				struct lbr_fdb_entry *f, u16 state)
{
	if (lbr_fdb_nud_state(br, f) == state)
		return false;

	if (state & NUD_PERMANENT) {
		set_bit(LBR_FDB_LOCAL, &f->dst_flags);
		set_bit(LBR_FDB_STATIC, &f->dst_flags);
	} else if (state & NUD_NOARP) {
		clear_bit(LBR_FDB_LOCAL, &f->dst_flags);
		set_bit(LBR_FDB_STATIC, &f->dst_flags);
	} else {
		clear_bit(LBR_FDB_LOCAL, &f->dst_flags);
		clear_bit(LBR_FDB_STATIC, &f->dst_flags);
	}
	return true;
}

static int __lbr_fdb_add_user(struct lbr_bridge *br, struct lbr_port *p,
			      const u8 *addr, u16 vid, u16 state,
			      u8 ntf_flags, u16 nlh_flags,
			      struct netlink_ext_ack *extack)
{
	bool sticky = !!(ntf_flags & NTF_STICKY);
	struct lbr_fdb_entry *f;
	bool modified = false;

	lockdep_assert_held(&br->hash_lock);

	f = lbr_fdb_find_locked(br, addr, vid);
	if (!f) {
		if (!(nlh_flags & NLM_F_CREATE))
			return -ENOENT;
		f = __lbr_fdb_create(br, p, addr, vid, 0);
		if (!f)
			return -ENOMEM;
		modified = true;
	} else {
		if (nlh_flags & NLM_F_EXCL)
			return -EEXIST;
		if (lbr_fdb_dst(f) != p) {
			lbr_fdb_set_dst(f, p, 0);
			modified = true;
		}
	}

	if (lbr_fdb_apply_state(br, f, state))
		modified = true;
	if (sticky != test_bit(LBR_FDB_STICKY, &f->dst_flags)) {
		change_bit(LBR_FDB_STICKY, &f->dst_flags);
		modified = true;
	}
	if (!!(ntf_flags & NTF_EXT_LEARNED) !=
	    test_bit(LBR_FDB_EXT_LEARN, &f->dst_flags)) {
		change_bit(LBR_FDB_EXT_LEARN, &f->dst_flags);
		modified = true;
	}
	set_bit(LBR_FDB_ADDED_BY_USER, &f->dst_flags);

	WRITE_ONCE(f->used, jiffies);
	if (modified) {
		WRITE_ONCE(f->updated, jiffies);
		lbr_fdb_notify(br, f, RTM_NEWNEIGH);
	}
	return 0;
}

/**
 * lbr_fdb_add_user() - add or change an entry on behalf of userspace
 * @br: bridge
 * @p: port the station is behind, or NULL for the bridge itself
 * @addr: MAC address
 * @vid: VLAN id
 * @state: NUD_* state from the request
 * @ntf_flags: NTF_* flags from the request
 * @nlh_flags: NLM_F_* flags of the request
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0 or the in-tree bridge's errno for the same request.
 */
int lbr_fdb_add_user(struct lbr_bridge *br, struct lbr_port *p,
		     const u8 *addr, u16 vid, u16 state, u8 ntf_flags,
		     u16 nlh_flags, struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();

	if (is_zero_ether_addr(addr))
		return -EINVAL;
	/* Only static and host entries may be added where nothing learns. */
	if (p && !(state & (NUD_PERMANENT | NUD_NOARP)) &&
	    p->state != BR_STATE_LEARNING && p->state != BR_STATE_FORWARDING)
		return -EPERM;
	if (!p && !(state & NUD_PERMANENT))
		return -EINVAL;
	if ((ntf_flags & NTF_STICKY) && (state & NUD_PERMANENT))
		return -EINVAL;

	spin_lock_bh(&br->hash_lock);
	err = __lbr_fdb_add_user(br, p, addr, vid, state, ntf_flags,
				 nlh_flags, extack);
	spin_unlock_bh(&br->hash_lock);
	return err;
}

/**
 * lbr_fdb_del_user() - remove an entry on behalf of userspace
 * @br: bridge
 * @p: port the entry must point to, or NULL for the bridge itself
 * @addr: MAC address
 * @vid: VLAN id
 *
 * Context: RTNL held.
 * Return: 0, or -ENOENT if no such entry points to @p.
 */
int lbr_fdb_del_user(struct lbr_bridge *br, struct lbr_port *p,
		     const u8 *addr, u16 vid)
{
	struct lbr_fdb_entry *f;
	int err = -ENOENT;

	ASSERT_RTNL();
	spin_lock_bh(&br->hash_lock);
	f = lbr_fdb_find_locked(br, addr, vid);
	if (f && lbr_fdb_dst(f) == p) {
		__lbr_fdb_delete(br, f, true);
		err = 0;
	}
	spin_unlock_bh(&br->hash_lock);
	return err;
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
 * Return: what @fn returned; 0 after the last bucket; -ESTALE, with @pos
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
			rht_for_each_entry_rcu(f, n, tbl, slot, rhnode) {
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
	struct rhashtable_iter iter;
	struct lbr_fdb_entry *f;
	struct lbr_port *dst;
	int num = 0;

	memset(buf, 0, maxnum * sizeof(*fe));

	lbr_fdb_walk_begin(br, &iter);
	while (num < maxnum && (f = lbr_fdb_walk_next(&iter))) {
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
	lbr_fdb_walk_end(&iter);

	return num;
}

static void lbr_fdb_gc_work(struct work_struct *work)
{
	struct lbr_bridge *br = container_of(work, struct lbr_bridge,
					     gc_work.work);
	unsigned long hold = lbr_fdb_max_age(br);
	unsigned long next = hold ? hold : HZ;
	unsigned long now = jiffies;
	struct rhashtable_iter iter;
	struct lbr_fdb_entry *f;

	/* What a resize makes this pass miss, the next pass finds. */
	lbr_fdb_walk_begin(br, &iter);
	while ((f = lbr_fdb_walk_next(&iter))) {
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
	lbr_fdb_walk_end(&iter);
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

/**
 * lbr_fdb_bridge_init() - set up the database of a new bridge
 * @br: bridge
 *
 * Context: process context (ndo_init).
 * Return: 0 or -ENOMEM.
 */
int lbr_fdb_bridge_init(struct lbr_bridge *br)
{
	spin_lock_init(&br->hash_lock);
	INIT_DELAYED_WORK(&br->gc_work, lbr_fdb_gc_work);
	return rhashtable_init(&br->fdb_hash, &lbr_fdb_rht_params);
}

/* Frees one entry of a bridge that is going away. */
static void lbr_fdb_destroy_one(void *ptr, void *arg)
{
	struct lbr_fdb_entry *f = ptr;

	/* A walk begun before the device went may still be reading it. */
	call_rcu(&f->rcu, lbr_fdb_free_rcu);
}

/**
 * lbr_fdb_bridge_uninit() - empty and free the database of a bridge
 * @br: bridge; no port is left and the device is down
 *
 * Context: process context (ndo_uninit).
 */
void lbr_fdb_bridge_uninit(struct lbr_bridge *br)
{
	lbr_fdb_gc_stop(br);

	/* fdb_count must have followed every insert and removal. */
	spin_lock_bh(&br->hash_lock);
	WARN_ON_ONCE(br->fdb_count != atomic_read(&br->fdb_hash.nelems));
	br->fdb_count = 0;
	spin_unlock_bh(&br->hash_lock);

	/* Nothing inserts any more: no port is left and the device is down. */
	rhashtable_free_and_destroy(&br->fdb_hash, lbr_fdb_destroy_one, NULL);
}

int lbr_fdb_init(void)
{
	/* Cache-line aligned: each entry is one line, never two. */
	/* Packed, not cache-line aligned: 48 bytes a station, not 64. */
	lbr_fdb_cache = KMEM_CACHE(lbr_fdb_entry, 0);
	return lbr_fdb_cache ? 0 : -ENOMEM;
}

void lbr_fdb_exit(void)
{
	kmem_cache_destroy(lbr_fdb_cache);
}

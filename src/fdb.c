// SPDX-License-Identifier: GPL-2.0
/* Forwarding database: learning, lookup, local and user entries, ageing. */

#include "lbridge/fdb.h"
#include "lbridge/fdb_internal.h"
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
#include "lbridge/vlan.h"

static struct kmem_cache *lbr_fdb_cache __read_mostly;

/*
 * The most entries one bridge holds, whatever their kind: a hard ceiling
 * under fdb_max_learned (8M stations, ~0.5 GiB), so that no flood of
 * source addresses can take all of the host's memory even with no limit
 * configured.  The table refuses inserts at twice max_size.
 */
#define LBR_FDB_MAX_BUCKETS	BIT(22)

static const struct rhashtable_params lbr_fdb_rht_params = {
	.max_size		= LBR_FDB_MAX_BUCKETS,
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

/* A new entry, not yet visible; atomic because learning runs in softirq. */
static struct lbr_fdb_entry *lbr_fdb_alloc(struct lbr_port *p,
					   const u8 *addr, u16 vid,
					   unsigned long flags)
{
	struct lbr_fdb_entry *f;

	/* Failure is routine under a flood of sources: no warning. */
	f = lbr_obj_new(LBR_OBJ_FDB, kmem_cache_alloc(lbr_fdb_cache,
						      GFP_ATOMIC | __GFP_NOWARN));
	if (!f)
		return NULL;

	lbr_fdb_key_set(&f->key, addr, vid);
	f->dst_flags = (unsigned long)p | flags;
	f->updated = jiffies;
	f->used = f->updated;
	return f;
}

/* Free an entry that never reached the table. */
static void lbr_fdb_free_unpublished(struct lbr_fdb_entry *f)
{
	lbr_obj_dec(LBR_OBJ_FDB);
	kmem_cache_free(lbr_fdb_cache, f);
}

/* Publish @f, or free it if its key is taken (a racing learner won). */
static int __lbr_fdb_insert(struct lbr_bridge *br, struct lbr_fdb_entry *f)
{
	int err;

	lockdep_assert_held(&br->hash_lock);

	err = rhashtable_lookup_insert_fast(&br->fdb_hash, &f->rhnode,
					    lbr_fdb_rht_params);
	if (err) {
		lbr_fdb_free_unpublished(f);
		return err;
	}
	br->fdb_count++;
	if (test_bit(LBR_FDB_LEARNED, &f->dst_flags))
		WRITE_ONCE(br->fdb_n_learned, br->fdb_n_learned + 1);
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
void __lbr_fdb_delete(struct lbr_bridge *br, struct lbr_fdb_entry *f,
		      bool notify)
{
	lockdep_assert_held(&br->hash_lock);

	if (rhashtable_remove_fast(&br->fdb_hash, &f->rhnode,
				   lbr_fdb_rht_params))
		return;
	br->fdb_count--;
	if (test_bit(LBR_FDB_LEARNED, &f->dst_flags))
		WRITE_ONCE(br->fdb_n_learned, br->fdb_n_learned - 1);
	if (notify)
		lbr_fdb_notify(br, f, RTM_DELNEIGH);
	call_rcu(&f->rcu, lbr_fdb_free_rcu);
}

/* Whether @f, found by a walk, is still the table's entry for its key. */
bool lbr_fdb_hashed_locked(struct lbr_bridge *br,
			   const struct lbr_fdb_entry *f)
{
	return lbr_fdb_find_locked(br, f->key.addr, f->key.vid) == f;
}

/* Whether fdb_max_learned forbids learning another station now. */
static bool lbr_fdb_learn_limited(const struct lbr_bridge *br)
{
	unsigned int max = READ_ONCE(br->fdb_max_learned);

	return max && READ_ONCE(br->fdb_n_learned) >= max;
}

/**
 * lbr_fdb_set_max_learned_rtnl() - limit the number of learnt stations
 * @br: bridge
 * @max: the limit, 0 for none
 *
 * Stations already learnt beyond a lowered limit stay until they age or
 * are flushed, as in-tree (6.7+).
 *
 * Context: RTNL held.
 */
void lbr_fdb_set_max_learned_rtnl(struct lbr_bridge *br, unsigned int max)
{
	ASSERT_RTNL();
	WRITE_ONCE(br->fdb_max_learned, max);
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
	if (unlikely(lbr_fdb_learn_limited(br)))
		return;
	f = lbr_fdb_alloc(p, addr, vid, BIT(LBR_FDB_LEARNED));
	if (unlikely(!f))
		return;
	spin_lock(&br->hash_lock);
	if (unlikely(lbr_fdb_learn_limited(br)))
		lbr_fdb_free_unpublished(f);
	else if (likely(!__lbr_fdb_insert(br, f)))
		lbr_fdb_notify(br, f, RTM_NEWNEIGH);
	spin_unlock(&br->hash_lock);
}

static int __lbr_fdb_add_local(struct lbr_bridge *br, struct lbr_port *p,
			       const u8 *addr, u16 vid)
{
	struct lbr_fdb_entry *f;

	lockdep_assert_held(&br->hash_lock);

	if (!is_valid_ether_addr(addr))
		return -EINVAL;

	f = lbr_fdb_find_locked(br, addr, vid);
	if (f) {
		/* Several ports may share a MAC: the first one keeps it. */
		if (test_bit(LBR_FDB_LOCAL, &f->dst_flags))
			return 0;
		net_warn_ratelimited("%s: adding interface %s with same address as a received packet (addr:%pM, vlan:%u)\n",
				     br->dev->name,
				     p ? p->dev->name : br->dev->name, addr, vid);
		__lbr_fdb_delete(br, f, true);
	}

	f = __lbr_fdb_create(br, p, addr, vid,
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
 * @vid: VLAN (0: the entry that exists whatever the VLANs)
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno.
 */
int lbr_fdb_add_local_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			   const u8 *addr, u16 vid)
{
	int err;

	ASSERT_RTNL();
	spin_lock_bh(&br->hash_lock);
	err = __lbr_fdb_add_local(br, p, addr, vid);
	spin_unlock_bh(&br->hash_lock);
	return err;
}

/*
 * Drop a host entry that @p (or the bridge, for NULL) no longer owns.
 * If another port, or the bridge, still has that address in the entry's
 * VLAN, hand it over.
 */
void __lbr_fdb_release_local(struct lbr_bridge *br, struct lbr_port *p,
			     struct lbr_fdb_entry *f)
{
	const u8 *addr = f->key.addr;
	u16 vid = f->key.vid;
	struct lbr_port *op;

	lockdep_assert_held(&br->hash_lock);
	ASSERT_RTNL();

	list_for_each_entry(op, &br->port_list, list) {
		if (op != p && ether_addr_equal(op->dev->dev_addr, addr) &&
		    (!vid || lbr_vlan_member(rtnl_dereference(op->vlgrp), vid))) {
			lbr_fdb_set_dst(f, op, 0);
			return;
		}
	}
	if (p && ether_addr_equal(br->dev->dev_addr, addr) &&
	    (!vid || lbr_vlan_member(rtnl_dereference(br->vlgrp), vid))) {
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
 * @vid: VLAN
 *
 * Context: RTNL held.
 */
void lbr_fdb_del_local_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			    const u8 *addr, u16 vid)
{
	struct lbr_fdb_entry *f;

	ASSERT_RTNL();
	spin_lock_bh(&br->hash_lock);
	f = lbr_fdb_find_locked(br, addr, vid);
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

/* Add @p's (or the bridge's) host entries for @addr: VLAN 0 and each VLAN. */
static void __lbr_fdb_add_locals(struct lbr_bridge *br, struct lbr_port *p,
				 const u8 *addr)
{
	const struct lbr_vlan_group *vg;
	unsigned long vid;

	__lbr_fdb_add_local(br, p, addr, 0);
	vg = p ? rtnl_dereference(p->vlgrp) : rtnl_dereference(br->vlgrp);
	if (!vg)
		return;
	for_each_set_bit(vid, vg->member, VLAN_N_VID)
		__lbr_fdb_add_local(br, p, addr, vid);
}

/**
 * lbr_fdb_add_locals_rtnl() - add every host entry of a port or the bridge
 * @br: bridge
 * @p: port, or NULL for the bridge device
 * @addr: its MAC address
 *
 * Context: RTNL held.
 */
void lbr_fdb_add_locals_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			     const u8 *addr)
{
	ASSERT_RTNL();
	spin_lock_bh(&br->hash_lock);
	__lbr_fdb_add_locals(br, p, addr);
	spin_unlock_bh(&br->hash_lock);
}

/**
 * lbr_fdb_change_local_rtnl() - move the host entries of @p to @addr
 * @br: bridge
 * @p: port whose MAC changed, or NULL for the bridge device
 * @addr: the new MAC address
 *
 * Context: RTNL held.
 */
void lbr_fdb_change_local_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			       const u8 *addr)
{
	struct lbr_fdb_entry *f;
	struct lbr_fdb_walk walk;

	ASSERT_RTNL();
	lbr_fdb_walk_begin(br, &walk);
	while ((f = lbr_fdb_walk_next(&walk))) {
		if (!lbr_fdb_is_own_local(f, p))
			continue;
		spin_lock_bh(&br->hash_lock);
		if (lbr_fdb_is_own_local(f, p) && lbr_fdb_hashed_locked(br, f))
			__lbr_fdb_release_local(br, p, f);
		spin_unlock_bh(&br->hash_lock);
	}
	lbr_fdb_walk_end(&walk);

	spin_lock_bh(&br->hash_lock);
	__lbr_fdb_add_locals(br, p, addr);
	spin_unlock_bh(&br->hash_lock);
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
	bool ext_learn = !!(ntf_flags & NTF_EXT_LEARNED);
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
		/* The user's entry now: it no longer counts as learnt. */
		if (test_and_clear_bit(LBR_FDB_LEARNED, &f->dst_flags))
			WRITE_ONCE(br->fdb_n_learned, br->fdb_n_learned - 1);
		if (lbr_fdb_dst(f) != p) {
			lbr_fdb_set_dst(f, p, 0);
			modified = true;
		}
	}

	if (lbr_fdb_apply_state(br, f, state))
		modified = true;
	/*
	 * Set or clear, never toggle: a station move clears EXT_LEARN
	 * without the lock, and a toggle after it would set it again.
	 */
	if (sticky != test_bit(LBR_FDB_STICKY, &f->dst_flags)) {
		assign_bit(LBR_FDB_STICKY, &f->dst_flags, sticky);
		modified = true;
	}
	if (ext_learn != test_bit(LBR_FDB_EXT_LEARN, &f->dst_flags)) {
		assign_bit(LBR_FDB_EXT_LEARN, &f->dst_flags, ext_learn);
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

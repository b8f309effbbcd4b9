// SPDX-License-Identifier: GPL-2.0
/* The MDB: groups, their member ports and the bridge's own joins, and their expiry. */

#include "lbridge/mcast.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/igmp.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/rtnetlink.h>

#include "lbridge/mdb_netlink.h"
#include "lbridge/objcount.h"

static const struct rhashtable_params lbr_mdb_params = {
	.head_offset		= offsetof(struct lbr_mdb_entry, rhnode),
	.key_offset		= offsetof(struct lbr_mdb_entry, key),
	.key_len		= sizeof(struct lbr_mdb_key),
	.automatic_shrinking	= true,
};

#define lbr_mlock_deref(p, br) \
	rcu_dereference_protected(p, lockdep_is_held(&(br)->mcast.lock))

/**
 * lbr_mdb_find_rcu() - the group with @key
 * @br: bridge
 * @key: zero-padded group key
 *
 * Context: RCU read section.
 * Return: the group or NULL.
 */
struct lbr_mdb_entry *lbr_mdb_find_rcu(struct lbr_bridge *br,
				       const struct lbr_mdb_key *key)
{
	return rhashtable_lookup(&br->mcast.mdb_hash, key, lbr_mdb_params);
}

/**
 * lbr_mcast_gc_arm() - run the expiry worker by @expires at the latest
 * @br: bridge
 * @expires: jiffies of an expiry just set
 *
 * Context: lbr_mcast.lock held (it serialises the callers).
 */
void lbr_mcast_gc_arm(struct lbr_bridge *br, unsigned long expires)
{
	struct lbr_mcast *m = &br->mcast;
	unsigned long now = jiffies;

	lockdep_assert_held(&m->lock);
	if (m->gc_armed && time_before_eq(m->gc_next, expires))
		return;
	m->gc_next = expires;
	m->gc_armed = true;
	mod_delayed_work(system_long_wq, &m->gc_work,
			 time_after(expires, now) ? expires - now : 0);
}

/* An empty group goes; the caller holds the lock. */
static void lbr_mdb_entry_del_locked(struct lbr_bridge *br,
				     struct lbr_mdb_entry *mp)
{
	lockdep_assert_held(&br->mcast.lock);
	rhashtable_remove_fast(&br->mcast.mdb_hash, &mp->rhnode, lbr_mdb_params);
	hlist_del_rcu(&mp->list);
	br->mcast.mdb_count--;
	lbr_obj_dec(LBR_OBJ_MDB);
	kfree_rcu(mp, rcu);
}

/* The group goes once neither a port nor the host is a member. */
void lbr_mdb_entry_put_locked(struct lbr_bridge *br,
			      struct lbr_mdb_entry *mp)
{
	if (!rcu_access_pointer(mp->ports) && !mp->host_joined)
		lbr_mdb_entry_del_locked(br, mp);
}

/*
 * A full table turns snooping off, as in-tree: unregistered groups would
 * otherwise reach only router ports, and flooding is the safe way out.
 */
static void lbr_mdb_full_locked(struct lbr_bridge *br)
{
	if (test_and_clear_bit(LBR_OPT_MCAST_SNOOPING, &br->options))
		netdev_info(br->dev, "Multicast hash table maximum of %u reached, disabling snooping\n",
			    READ_ONCE(br->mcast.hash_max));
}

/**
 * lbr_mdb_get_locked() - the group with @key, made if new
 * @br: bridge
 * @key: zero-padded group key
 *
 * Context: lbr_mcast.lock held, any context (GFP_ATOMIC).
 * Return: the group, or ERR_PTR(-E2BIG) at mcast_hash_max or -ENOMEM.
 */
struct lbr_mdb_entry *lbr_mdb_get_locked(struct lbr_bridge *br,
					 const struct lbr_mdb_key *key)
{
	struct lbr_mdb_entry *mp;
	int err;

	lockdep_assert_held(&br->mcast.lock);
	mp = rhashtable_lookup_fast(&br->mcast.mdb_hash, key, lbr_mdb_params);
	if (mp)
		return mp;
	if (br->mcast.mdb_count >= READ_ONCE(br->mcast.hash_max)) {
		lbr_mdb_full_locked(br);
		return ERR_PTR(-E2BIG);
	}
	mp = lbr_obj_new(LBR_OBJ_MDB, kzalloc(sizeof(*mp), GFP_ATOMIC));
	if (!mp)
		return ERR_PTR(-ENOMEM);
	mp->key = *key;
	err = rhashtable_lookup_insert_fast(&br->mcast.mdb_hash, &mp->rhnode,
					    lbr_mdb_params);
	if (err) {
		lbr_obj_dec(LBR_OBJ_MDB);
		kfree(mp);
		return ERR_PTR(err);
	}
	hlist_add_head_rcu(&mp->list, &br->mcast.mdb_list);
	br->mcast.mdb_count++;
	return mp;
}

/**
 * lbr_mdb_pg_slot_locked() - where @p's membership of @mp is or would go
 * @br: bridge
 * @mp: group
 * @p: port
 * @found: set to the membership if there is one, else NULL
 *
 * Memberships are kept by descending port number, the order in which
 * lbr_mcast_forward() merges them with the router ports.
 *
 * Context: lbr_mcast.lock held.
 * Return: the link that points, or would point, at @p's membership.
 */
struct lbr_port_group __rcu **lbr_mdb_pg_slot_locked(struct lbr_bridge *br,
						     struct lbr_mdb_entry *mp,
						     const struct lbr_port *p,
						     struct lbr_port_group **found)
{
	struct lbr_port_group __rcu **pp;
	struct lbr_port_group *pg;

	*found = NULL;
	for (pp = &mp->ports; (pg = lbr_mlock_deref(*pp, br)); pp = &pg->next) {
		if (pg->port == p) {
			*found = pg;
			break;
		}
		if (pg->port->port_no < p->port_no)
			break;
	}
	return pp;
}

/**
 * lbr_mdb_pg_host_slot_locked() - where the membership of @host behind @p
 *	is or would go
 * @br: bridge
 * @mp: group
 * @p: port
 * @host: the reporting host's MAC
 * @found: set to the membership if there is one, else NULL
 *
 * As in-tree, a port with mcast_to_unicast keeps one membership per host;
 * any other port one in all, whoever reported.
 *
 * Context: lbr_mcast.lock held.
 * Return: the link that points, or would point, at the membership.
 */
struct lbr_port_group __rcu **lbr_mdb_pg_host_slot_locked(struct lbr_bridge *br,
							  struct lbr_mdb_entry *mp,
							  const struct lbr_port *p,
							  const u8 *host,
							  struct lbr_port_group **found)
{
	struct lbr_port_group __rcu **pp;
	struct lbr_port_group *pg;

	pp = lbr_mdb_pg_slot_locked(br, mp, p, found);
	if (!(READ_ONCE(p->flags) & BR_MULTICAST_TO_UNICAST))
		return pp;
	for (pg = *found; pg && pg->port == p;
	     pp = &pg->next, pg = lbr_mlock_deref(*pp, br)) {
		if (ether_addr_equal(pg->host, host)) {
			*found = pg;
			return pp;
		}
	}
	*found = NULL;
	return pp;
}

/**
 * lbr_mdb_pg_new_locked() - add @p as a member of @mp at @pp
 * @br: bridge
 * @mp: group
 * @pp: the slot lbr_mdb_pg_slot_locked() found
 * @p: port
 * @flags: LBR_PG_*
 * @rt_protocol: RTPROT_KERNEL (snooped) or RTPROT_STATIC (user)
 *
 * Context: lbr_mcast.lock held, any context (GFP_ATOMIC).
 * Return: the membership or NULL without memory.
 */
struct lbr_port_group *lbr_mdb_pg_new_locked(struct lbr_bridge *br,
					     struct lbr_mdb_entry *mp,
					     struct lbr_port_group __rcu **pp,
					     struct lbr_port *p, u8 flags,
					     u8 rt_protocol)
{
	struct lbr_port_group *pg;

	lockdep_assert_held(&br->mcast.lock);
	pg = lbr_obj_new(LBR_OBJ_MDB_PG, kzalloc(sizeof(*pg), GFP_ATOMIC));
	if (!pg)
		return NULL;
	pg->port = p;
	pg->mp = mp;
	eth_broadcast_addr(pg->host);
	pg->flags = flags;
	pg->filter_mode = MCAST_EXCLUDE;
	pg->rt_protocol = rt_protocol;
	RCU_INIT_POINTER(pg->next, lbr_mlock_deref(*pp, br));
	rcu_assign_pointer(*pp, pg);
	return pg;
}

/**
 * lbr_mdb_pg_del_locked() - end a membership, telling listeners
 * @br: bridge
 * @pp: the link that points at it
 * @pg: the membership
 *
 * The group goes too when it was the last member.
 *
 * Context: lbr_mcast.lock held.
 */
void lbr_mdb_pg_del_locked(struct lbr_bridge *br,
			   struct lbr_port_group __rcu **pp,
			   struct lbr_port_group *pg)
{
	struct lbr_mdb_entry *mp = pg->mp;

	lockdep_assert_held(&br->mcast.lock);
	rcu_assign_pointer(*pp, lbr_mlock_deref(pg->next, br));
	lbr_mdb_notify(br, mp, pg, RTM_DELMDB);
	lbr_obj_dec(LBR_OBJ_MDB_PG);
	kfree_rcu(pg, rcu);
	lbr_mdb_entry_put_locked(br, mp);
}

/**
 * lbr_mdb_host_leave_locked() - the bridge device leaves @mp
 * @br: bridge
 * @mp: group
 *
 * Context: lbr_mcast.lock held.  @mp may be gone afterwards.
 */
void lbr_mdb_host_leave_locked(struct lbr_bridge *br, struct lbr_mdb_entry *mp)
{
	lockdep_assert_held(&br->mcast.lock);
	if (!mp->host_joined)
		return;
	WRITE_ONCE(mp->host_joined, false);
	lbr_mdb_notify(br, mp, NULL, RTM_DELMDB);
	lbr_mdb_entry_put_locked(br, mp);
}

/**
 * lbr_mdb_join_locked() - a report: @p (or the host, NULL) joins a group
 * @br: bridge
 * @p: the port the report came in on, NULL for the bridge device
 * @key: the group
 * @filter_mode: MCAST_EXCLUDE for a join of any source
 * @host: the reporting host's MAC
 *
 * Context: lbr_mcast.lock held, any context.
 * Return: 0, -E2BIG when the MDB is full or -ENOMEM.
 */
int lbr_mdb_join_locked(struct lbr_bridge *br, struct lbr_port *p,
			const struct lbr_mdb_key *key, u8 filter_mode,
			const u8 *host)
{
	unsigned long expires = jiffies + READ_ONCE(br->mcast.membership_interval);
	struct lbr_port_group __rcu **pp;
	struct lbr_port_group *pg;
	struct lbr_mdb_entry *mp;

	mp = lbr_mdb_get_locked(br, key);
	if (IS_ERR(mp))
		return PTR_ERR(mp);
	if (!p) {
		if (!mp->host_joined) {
			WRITE_ONCE(mp->host_joined, true);
			lbr_mdb_notify(br, mp, NULL, RTM_NEWMDB);
		}
		mp->host_expires = expires;
		lbr_mcast_gc_arm(br, expires);
		return 0;
	}
	pp = lbr_mdb_pg_host_slot_locked(br, mp, p, host, &pg);
	if (!pg) {
		pg = lbr_mdb_pg_new_locked(br, mp, pp, p, 0, RTPROT_KERNEL);
		if (!pg) {
			lbr_mdb_entry_put_locked(br, mp);
			return -ENOMEM;
		}
		ether_addr_copy(pg->host, host);
		pg->filter_mode = filter_mode;
		lbr_mdb_notify(br, mp, pg, RTM_NEWMDB);
	}
	if (!(pg->flags & LBR_PG_PERMANENT)) {
		WRITE_ONCE(pg->expires, expires);
		lbr_mcast_gc_arm(br, expires);
	}
	return 0;
}

/* Shorten an expiry to @time unless it is already sooner. */
static bool lbr_mdb_shorten(unsigned long *expires, unsigned long time)
{
	if (*expires && time_before_eq(*expires, time))
		return false;
	WRITE_ONCE(*expires, time);
	return true;
}

/**
 * lbr_mdb_leave_locked() - a leave: @p (or the host, NULL) leaves a group
 * @br: bridge
 * @p: the port the leave came in on, NULL for the bridge device
 * @key: the group
 * @host: the leaving host's MAC
 *
 * With fast leave the membership ends now.  Otherwise, as in-tree: while
 * another querier is present it asks the remaining members and the
 * membership simply runs out; without one, the bridge asks them itself if
 * it is the querier, and the membership is cut to the last member count
 * times the last member interval.
 *
 * Context: lbr_mcast.lock held, any context.
 */
void lbr_mdb_leave_locked(struct lbr_bridge *br, struct lbr_port *p,
			  const struct lbr_mdb_key *key, const u8 *host)
{
	const struct lbr_mcast_querier *q;
	struct lbr_port_group __rcu **pp;
	struct lbr_port_group *pg;
	struct lbr_mdb_entry *mp;
	unsigned long time;

	lockdep_assert_held(&br->mcast.lock);
	mp = rhashtable_lookup_fast(&br->mcast.mdb_hash, key, lbr_mdb_params);
	if (!mp)
		return;
	pg = NULL;
	pp = p ? lbr_mdb_pg_host_slot_locked(br, mp, p, host, &pg) : NULL;
	if (p && (READ_ONCE(p->flags) & BR_MULTICAST_FAST_LEAVE)) {
		if (pg && !(pg->flags & LBR_PG_PERMANENT)) {
			pg->flags |= LBR_PG_FAST_LEAVE;
			lbr_mdb_pg_del_locked(br, pp, pg);
		}
		return;
	}
	q = key->proto == htons(ETH_P_IP) ? &br->mcast.ip4_querier :
					     &br->mcast.ip6_querier;
	if (q->seen && time_before(jiffies, q->expires))
		return;
	lbr_mcast_querier_leave_locked(br, p, key);
	time = jiffies + br->mcast.last_member_count *
			 READ_ONCE(br->mcast.last_member_interval);
	if (!p) {
		if (mp->host_joined && lbr_mdb_shorten(&mp->host_expires, time))
			lbr_mcast_gc_arm(br, time);
		return;
	}
	if (pg && !(pg->flags & LBR_PG_PERMANENT) &&
	    lbr_mdb_shorten(&pg->expires, time))
		lbr_mcast_gc_arm(br, time);
}

/* Keep the earliest expiry in *next (0: none yet). */
void lbr_mcast_next(unsigned long *next, unsigned long e)
{
	if (!*next || time_before(e, *next))
		*next = e;
}

/* Whether @pg ran out at @now; if it runs on, note when it ends. */
static bool lbr_mdb_pg_expired(const struct lbr_port_group *pg,
			       unsigned long now, unsigned long *next)
{
	unsigned long e = pg->expires;

	if ((pg->flags & LBR_PG_PERMANENT) || !e)
		return false;
	if (time_after(e, now)) {
		lbr_mcast_next(next, e);
		return false;
	}
	return true;
}

/* Expire what is due in @mp, which may go with it. */
static void lbr_mdb_expire_entry_locked(struct lbr_bridge *br,
					struct lbr_mdb_entry *mp,
					unsigned long now, unsigned long *next)
{
	struct lbr_port_group __rcu **pp = &mp->ports;
	struct lbr_port_group *pg;
	bool last;

	while ((pg = lbr_mlock_deref(*pp, br))) {
		if (!lbr_mdb_pg_expired(pg, now, next)) {
			pp = &pg->next;
			continue;
		}
		last = !mp->host_joined && pp == &mp->ports &&
		       !rcu_access_pointer(pg->next);
		lbr_mdb_pg_del_locked(br, pp, pg);
		if (last)
			return;	/* @mp went with it */
	}
	if (!mp->host_joined || !mp->host_expires)
		return;
	if (time_after(mp->host_expires, now))
		lbr_mcast_next(next, mp->host_expires);
	else
		lbr_mdb_host_leave_locked(br, mp);
}

/* Expire everything due at @now, then arm for the next expiry. */
static void lbr_mcast_gc(struct lbr_bridge *br, unsigned long now)
{
	struct lbr_mdb_entry *mp;
	struct hlist_node *tmp;
	unsigned long next = 0;

	spin_lock_bh(&br->mcast.lock);
	br->mcast.gc_armed = false;
	hlist_for_each_entry_safe(mp, tmp, &br->mcast.mdb_list, list)
		lbr_mdb_expire_entry_locked(br, mp, now, &next);
	lbr_mcast_routers_expire_locked(br, now, &next);
	if (next)
		lbr_mcast_gc_arm(br, next);
	spin_unlock_bh(&br->mcast.lock);
}

/**
 * lbr_mcast_gc_work() - end the memberships and router ports that ran out
 * @work: lbr_mcast.gc_work
 *
 * Context: process context; takes lbr_mcast.lock.
 */
void lbr_mcast_gc_work(struct work_struct *work)
{
	struct lbr_bridge *br = container_of(to_delayed_work(work),
					     struct lbr_bridge, mcast.gc_work);

	/* As in-tree, nothing expires while the bridge is down. */
	if (!netif_running(br->dev))
		return;
	lbr_mcast_gc(br, jiffies);
}

/*
 * Every membership @p has in @mp (one per host with mcast_to_unicast).  A
 * deletion that empties @mp frees it, which only the last member can: the
 * walk has no next one to read then.
 */
static void lbr_mdb_flush_port_group_locked(struct lbr_bridge *br,
					    struct lbr_mdb_entry *mp,
					    struct lbr_port *p, bool all)
{
	struct lbr_port_group __rcu **pp;
	struct lbr_port_group *pg, *next;

	pp = lbr_mdb_pg_slot_locked(br, mp, p, &pg);
	while (pg && pg->port == p) {
		next = lbr_mlock_deref(pg->next, br);
		if (all || !(pg->flags & LBR_PG_PERMANENT))
			lbr_mdb_pg_del_locked(br, pp, pg);
		else
			pp = &pg->next;
		pg = next;
	}
}

/**
 * lbr_mdb_flush_port_rtnl() - a port's memberships and router role go
 * @p: port
 * @all: permanent memberships too (the port leaves the bridge), else
 *	only learnt and temporary ones (the port was disabled), as in-tree
 *
 * Context: RTNL held.
 */
void lbr_mdb_flush_port_rtnl(struct lbr_port *p, bool all)
{
	struct lbr_bridge *br = p->br;
	struct lbr_mdb_entry *mp;
	struct hlist_node *tmp;

	ASSERT_RTNL();
	spin_lock_bh(&br->mcast.lock);
	hlist_for_each_entry_safe(mp, tmp, &br->mcast.mdb_list, list)
		lbr_mdb_flush_port_group_locked(br, mp, p, all);
	lbr_mcast_router_del_locked(p);
	spin_unlock_bh(&br->mcast.lock);
}

/**
 * lbr_mdb_flush_rtnl() - every group goes (the bridge is being deleted)
 * @br: bridge
 *
 * Context: RTNL held, no ports left.
 */
void lbr_mdb_flush_rtnl(struct lbr_bridge *br)
{
	struct lbr_mdb_entry *mp;
	struct hlist_node *tmp;

	ASSERT_RTNL();
	spin_lock_bh(&br->mcast.lock);
	hlist_for_each_entry_safe(mp, tmp, &br->mcast.mdb_list, list) {
		WARN_ON_ONCE(rcu_access_pointer(mp->ports));
		mp->host_joined = false;
		lbr_mdb_entry_del_locked(br, mp);
	}
	spin_unlock_bh(&br->mcast.lock);
}

/**
 * lbr_mdb_init() - an empty MDB
 * @br: bridge
 *
 * Return: 0 or -ENOMEM.
 */
int lbr_mdb_init(struct lbr_bridge *br)
{
	INIT_HLIST_HEAD(&br->mcast.mdb_list);
	return rhashtable_init(&br->mcast.mdb_hash, &lbr_mdb_params);
}

/**
 * lbr_mdb_uninit() - free the (empty) MDB
 * @br: bridge
 */
void lbr_mdb_uninit(struct lbr_bridge *br)
{
	rhashtable_destroy(&br->mcast.mdb_hash);
}

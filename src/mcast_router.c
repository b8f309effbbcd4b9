// SPDX-License-Identifier: GPL-2.0
/* Queries seen: the segment's querier, and the ports that lead to multicast routers. */

#include "lbridge/mcast.h"
#include "lbridge/types.h"

#include <linux/if_bridge.h>
#include <linux/in6.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <net/ipv6.h>

#include "lbridge/mdb_netlink.h"

/* @proto's querier on record: another one heard, or the bridge itself. */
struct lbr_mcast_querier *lbr_mcast_q(struct lbr_bridge *br, __be16 proto)
{
	return proto == htons(ETH_P_IP) ? &br->mcast.ip4_querier :
					  &br->mcast.ip6_querier;
}

/**
 * lbr_mcast_querier_present() - whether snooping may prune @proto's traffic
 * @br: bridge
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6)
 *
 * As in-tree: the bridge is the querier (mcast_querier 1; for MLD only
 * with an IPv6 address to query from) or another querier was heard within
 * the querier interval, and hosts have had the time the first query gave
 * them to answer.  Without
 * one, memberships cannot be kept up to date, so nothing is pruned.
 *
 * Context: any; lockless reads.
 */
bool lbr_mcast_querier_present(const struct lbr_bridge *br, __be16 proto)
{
	const struct lbr_mcast_querier *q = proto == htons(ETH_P_IP) ?
					    &br->mcast.ip4_querier :
					    &br->mcast.ip6_querier;
	unsigned long now = jiffies;
	bool own = READ_ONCE(br->mcast.querier) &&
		   (proto == htons(ETH_P_IP) || READ_ONCE(br->mcast.has_ip6_addr));

	if (time_before(now, READ_ONCE(q->delay_until)))
		return false;
	return own || (READ_ONCE(q->seen) &&
		       time_before(now, READ_ONCE(q->expires)));
}

/* Ports that are routers for either protocol, by descending number. */
static void lbr_mcast_router_link_locked(struct lbr_bridge *br,
					 struct lbr_port *p)
{
	struct lbr_port *q, *last = NULL;

	if (!hlist_unhashed(&p->mcast.rlist))
		return;
	hlist_for_each_entry(q, &br->mcast.router_list, mcast.rlist) {
		if (q->port_no < p->port_no)
			break;
		last = q;
	}
	if (last)
		hlist_add_behind_rcu(&p->mcast.rlist, &last->mcast.rlist);
	else
		hlist_add_head_rcu(&p->mcast.rlist, &br->mcast.router_list);
	lbr_mcast_router_notify(br, p, RTM_NEWMDB);
}

/* @p stops being a router for both protocols: it leaves the list. */
static void lbr_mcast_router_unlink_locked(struct lbr_bridge *br,
					   struct lbr_port *p)
{
	if (p->mcast.ip4_router_expires || p->mcast.ip6_router_expires ||
	    hlist_unhashed(&p->mcast.rlist))
		return;
	hlist_del_init_rcu(&p->mcast.rlist);
	lbr_mcast_router_notify(br, p, RTM_DELMDB);
	/* As in-tree, a router learnt by query refreshes no longer. */
	if (p->mcast.router == MDB_RTR_TYPE_TEMP)
		WRITE_ONCE(p->mcast.router, MDB_RTR_TYPE_TEMP_QUERY);
}

/* The stamp of @proto's router role on @p. */
static unsigned long *lbr_mcast_router_stamp(struct lbr_port *p, __be16 proto)
{
	return proto == htons(ETH_P_IP) ? &p->mcast.ip4_router_expires :
					  &p->mcast.ip6_router_expires;
}

/**
 * lbr_mcast_router_mark_locked() - @p leads to a @proto router until @expires
 * @br: bridge
 * @p: port
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6)
 * @expires: jiffies, or LBR_MCAST_FOREVER for a configured router
 *
 * Context: lbr_mcast.lock held.
 */
void lbr_mcast_router_mark_locked(struct lbr_bridge *br, struct lbr_port *p,
				  __be16 proto, unsigned long expires)
{
	lockdep_assert_held(&br->mcast.lock);
	WRITE_ONCE(*lbr_mcast_router_stamp(p, proto), expires);
	lbr_mcast_router_link_locked(br, p);
	if (expires != LBR_MCAST_FOREVER)
		lbr_mcast_gc_arm(br, expires);
}

/**
 * lbr_mcast_router_del_locked() - @p is no longer a router for either protocol
 * @p: port
 *
 * Context: lbr_mcast.lock held.
 */
void lbr_mcast_router_del_locked(struct lbr_port *p)
{
	lockdep_assert_held(&p->br->mcast.lock);
	WRITE_ONCE(p->mcast.ip4_router_expires, 0);
	WRITE_ONCE(p->mcast.ip6_router_expires, 0);
	lbr_mcast_router_unlink_locked(p->br, p);
}

/**
 * lbr_mcast_router_seen_locked() - a multicast router is beyond @p
 * @br: bridge
 * @p: the port (NULL: the host itself)
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6)
 *
 * As in-tree, what tells: the elected querier's general query, a PIMv2
 * hello, a multicast router advertisement.  A learnt router stays one
 * for the querier interval.
 *
 * Context: lbr_mcast.lock held, any context.
 */
void lbr_mcast_router_seen_locked(struct lbr_bridge *br, struct lbr_port *p,
				  __be16 proto)
{
	unsigned long expires = jiffies + READ_ONCE(br->mcast.querier_interval);
	u8 mode;

	if (!p) {
		if (READ_ONCE(br->mcast.router) == MDB_RTR_TYPE_TEMP_QUERY)
			WRITE_ONCE(*(proto == htons(ETH_P_IP) ?
				     &br->mcast.local_router4 :
				     &br->mcast.local_router6), expires);
		return;
	}
	mode = READ_ONCE(p->mcast.router);
	if (mode == MDB_RTR_TYPE_DISABLED || mode == MDB_RTR_TYPE_PERM)
		return;
	lbr_mcast_router_mark_locked(br, p, proto, expires);
}

/**
 * lbr_mcast_local_router() - whether the bridge device itself is a router
 * @br: bridge
 * @proto: for this protocol's traffic
 *
 * Context: any; lockless reads.
 */
bool lbr_mcast_local_router(const struct lbr_bridge *br, __be16 proto)
{
	unsigned long e;

	switch (READ_ONCE(br->mcast.router)) {
	case MDB_RTR_TYPE_PERM:
		return true;
	case MDB_RTR_TYPE_TEMP_QUERY:
		if (proto == htons(ETH_P_IP))
			e = READ_ONCE(br->mcast.local_router4);
		else if (proto == htons(ETH_P_IPV6))
			e = READ_ONCE(br->mcast.local_router6);
		else
			return false;
		return e && time_before(jiffies, e);
	default:
		return false;
	}
}

/*
 * Querier election as in-tree: the lowest address wins; a querier that
 * is heard while none is present takes over whatever its address.
 */
static bool lbr_mcast_querier_elect_locked(struct lbr_bridge *br,
					   struct lbr_port *p, __be16 proto,
					   const void *saddr)
{
	struct lbr_mcast_querier *q = lbr_mcast_q(br, proto);
	bool present = (q->seen && time_before(jiffies, q->expires)) ||
		       lbr_mcast_own_querier_active(br, proto);

	if (proto == htons(ETH_P_IP)) {
		__be32 a = *(const __be32 *)saddr;

		if (present && q->addr.ip4 &&
		    ntohl(a) > ntohl(q->addr.ip4))
			return false;
		q->addr.ip4 = a;
	} else {
		const struct in6_addr *a = saddr;

		if (present && ipv6_addr_cmp(a, &q->addr.ip6) > 0)
			return false;
		q->addr.ip6 = *a;
	}
	q->ifindex = p ? p->dev->ifindex : 0;
	return true;
}

/**
 * lbr_mcast_query_seen_locked() - a general query: note its querier and router
 * @br: bridge
 * @p: the port it came in on, NULL from the bridge device
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6)
 * @saddr: its source address (__be32 or struct in6_addr)
 * @max_delay: its maximum response time, jiffies
 *
 * Context: lbr_mcast.lock held, any context.
 */
void lbr_mcast_query_seen_locked(struct lbr_bridge *br, struct lbr_port *p,
				 __be16 proto, const void *saddr,
				 unsigned long max_delay)
{
	struct lbr_mcast_querier *q = lbr_mcast_q(br, proto);
	unsigned long now = jiffies;

	lockdep_assert_held(&br->mcast.lock);
	if (!lbr_mcast_querier_elect_locked(br, p, proto, saddr))
		return;
	if (!q->seen || !time_before(now, q->expires))
		WRITE_ONCE(q->delay_until, now + max_delay);
	WRITE_ONCE(q->expires, now + READ_ONCE(br->mcast.querier_interval));
	WRITE_ONCE(q->seen, true);
	lbr_mcast_general_query_note_locked(br, proto, max_delay);
	lbr_mcast_querier_defer_locked(br, proto, q->expires);
	lbr_mcast_router_seen_locked(br, p, proto);
}

/**
 * lbr_mcast_group_query_locked() - a group-specific query: members must
 *	answer within @max_delay times the last member count
 * @br: bridge
 * @key: the group asked about
 * @max_delay: the query's maximum response time, jiffies
 *
 * Context: lbr_mcast.lock held, any context.
 */
void lbr_mcast_group_query_locked(struct lbr_bridge *br,
				  const struct lbr_mdb_key *key,
				  unsigned long max_delay)
{
	unsigned long time = jiffies + max_delay * br->mcast.last_member_count;
	struct lbr_port_group *pg;
	struct lbr_mdb_entry *mp;
	bool armed = false;

	lockdep_assert_held(&br->mcast.lock);
	mp = lbr_mdb_find_rcu(br, key);
	if (!mp)
		return;
	if (mp->host_joined && mp->host_expires &&
	    time_after(mp->host_expires, time)) {
		WRITE_ONCE(mp->host_expires, time);
		armed = true;
	}
	for (pg = rcu_dereference_protected(mp->ports,
					    lockdep_is_held(&br->mcast.lock));
	     pg; pg = rcu_dereference_protected(pg->next,
					lockdep_is_held(&br->mcast.lock))) {
		if (pg->flags & LBR_PG_PERMANENT)
			continue;
		if (!pg->expires || time_after(pg->expires, time)) {
			WRITE_ONCE(pg->expires, time);
			armed = true;
		}
	}
	if (armed)
		lbr_mcast_gc_arm(br, time);
}

/* One port's router roles that ran out at @now. */
static void lbr_mcast_router_expire_locked(struct lbr_bridge *br,
					   struct lbr_port *p,
					   unsigned long now, unsigned long *next)
{
	unsigned long *stamps[] = {
		&p->mcast.ip4_router_expires, &p->mcast.ip6_router_expires,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(stamps); i++) {
		unsigned long e = *stamps[i];

		if (!e || e == LBR_MCAST_FOREVER)
			continue;
		if (time_after(e, now))
			lbr_mcast_next(next, e);
		else
			WRITE_ONCE(*stamps[i], 0);
	}
	lbr_mcast_router_unlink_locked(br, p);
}

/**
 * lbr_mcast_routers_expire_locked() - end the learnt router roles that ran out
 * @br: bridge
 * @now: jiffies
 * @next: earliest expiry still ahead, updated
 *
 * Context: lbr_mcast.lock held.
 */
void lbr_mcast_routers_expire_locked(struct lbr_bridge *br, unsigned long now,
				     unsigned long *next)
{
	struct hlist_node *tmp;
	struct lbr_port *p;

	lockdep_assert_held(&br->mcast.lock);
	hlist_for_each_entry_safe(p, tmp, &br->mcast.router_list, mcast.rlist)
		lbr_mcast_router_expire_locked(br, p, now, next);
}

/**
 * lbr_mcast_port_set_router_rtnl() - a port's mcast_router setting
 * @p: port
 * @val: MDB_RTR_TYPE_*: 0 never a router, 1 learnt from queries,
 *	2 always, 3 a router until the querier interval passes
 * @extack: extended ack (unused: in-tree gives no message)
 *
 * Context: RTNL held.
 * Return: 0 or -EINVAL for another value.
 */
int lbr_mcast_port_set_router_rtnl(struct lbr_port *p, unsigned long val,
				   struct netlink_ext_ack *extack)
{
	struct lbr_bridge *br = p->br;
	unsigned long temp;

	ASSERT_RTNL();
	if (val > MDB_RTR_TYPE_TEMP)
		return -EINVAL;
	spin_lock_bh(&br->mcast.lock);
	temp = jiffies + READ_ONCE(br->mcast.querier_interval);
	if (val == p->mcast.router) {
		/* Setting "temp" again refreshes it. */
		if (val == MDB_RTR_TYPE_TEMP) {
			lbr_mcast_router_mark_locked(br, p, htons(ETH_P_IP), temp);
			lbr_mcast_router_mark_locked(br, p, htons(ETH_P_IPV6), temp);
		}
		goto unlock;
	}
	WRITE_ONCE(p->mcast.router, val);
	switch (val) {
	case MDB_RTR_TYPE_DISABLED:
	case MDB_RTR_TYPE_TEMP_QUERY:
		lbr_mcast_router_del_locked(p);
		break;
	case MDB_RTR_TYPE_PERM:
		lbr_mcast_router_mark_locked(br, p, htons(ETH_P_IP),
					     LBR_MCAST_FOREVER);
		lbr_mcast_router_mark_locked(br, p, htons(ETH_P_IPV6),
					     LBR_MCAST_FOREVER);
		break;
	case MDB_RTR_TYPE_TEMP:
		lbr_mcast_router_mark_locked(br, p, htons(ETH_P_IP), temp);
		lbr_mcast_router_mark_locked(br, p, htons(ETH_P_IPV6), temp);
		break;
	}
unlock:
	spin_unlock_bh(&br->mcast.lock);
	return 0;
}

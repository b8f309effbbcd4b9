// SPDX-License-Identifier: GPL-2.0
/* lbridge's safe pruning rule: prune only behind a querier hosts answer and a known router. */

#include "lbridge/mcast.h"
#include "lbridge/types.h"

#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/netlink.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>

#include "lbridge/uapi.h"

/*
 * A report may take this long beyond a query's maximum response time to
 * cross the segment and the bridge (a loaded host, a slow guest).
 */
#define LBR_MCAST_ANSWER_SLACK	(HZ)

/**
 * lbr_mcast_general_query_note_locked() - a general query went out or was
 *	heard: reports within its response time answer it
 * @br: bridge
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6)
 * @max_delay: the query's maximum response time, jiffies
 *
 * Context: lbr_mcast.lock held, any context.
 */
void lbr_mcast_general_query_note_locked(struct lbr_bridge *br, __be16 proto,
					 unsigned long max_delay)
{
	struct lbr_mcast_querier *q = lbr_mcast_q(br, proto);

	lockdep_assert_held(&br->mcast.lock);
	q->query_at = jiffies;
	q->query_window = max_delay + LBR_MCAST_ANSWER_SLACK;
	q->queried = true;
}

/**
 * lbr_mcast_report_note_locked() - a report from a port: if it answers the
 *	last general query, the querier is heard by hosts
 * @br: bridge
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6)
 *
 * The host's own reports (through the bridge device) do not count: they
 * say nothing about the hosts behind the ports.
 *
 * Context: lbr_mcast.lock held, any context.
 */
void lbr_mcast_report_note_locked(struct lbr_bridge *br, __be16 proto)
{
	struct lbr_mcast_querier *q = lbr_mcast_q(br, proto);
	unsigned long now = jiffies;

	lockdep_assert_held(&br->mcast.lock);
	/* Unsigned ages: a stamp older than the window never reads as new. */
	if (!q->queried || now - q->query_at > q->query_window)
		return;
	WRITE_ONCE(q->answer_at, now);
	WRITE_ONCE(q->answered, true);
}

/*
 * Whether hosts answered a query lately: within the querier interval (a
 * querier that falls silent stops counting then, as in-tree), and never
 * longer than the membership interval, so that pruning stops before the
 * memberships the last answers refreshed can expire.
 */
static bool lbr_mcast_answered(const struct lbr_bridge *br,
			       const struct lbr_mcast_querier *q)
{
	unsigned long window = min(READ_ONCE(br->mcast.querier_interval),
				   READ_ONCE(br->mcast.membership_interval));

	return READ_ONCE(q->answered) &&
	       jiffies - READ_ONCE(q->answer_at) < window;
}

/* A port is a multicast router for @proto. */
static bool lbr_mcast_has_router_port(const struct lbr_bridge *br,
				      __be16 proto)
{
	const struct lbr_port *p;

	hlist_for_each_entry_rcu(p, &br->mcast.router_list, mcast.rlist) {
		if (proto == htons(ETH_P_IP) ?
		    READ_ONCE(p->mcast.ip4_router_expires) :
		    READ_ONCE(p->mcast.ip6_router_expires))
			return true;
	}
	return false;
}

/**
 * lbr_mcast_safe_may_prune() - what the safe rule adds to in-tree's
 * @br: bridge
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6)
 * @registered: the frame's group has an MDB entry; otherwise it is for the
 *	routers only (unregistered data, IGMPv1/v2 and MLDv1 reports)
 *
 * With a querier present by in-tree's rule, the safe rule (the default)
 * prunes only if hosts answered a general query lately: a querier that
 * nobody answers (a query from 0.0.0.0 that hosts ignore, one that does
 * not reach them) cannot keep memberships, and pruning behind it cuts
 * streams that listeners still want.  Router-only traffic floods while
 * no port is a router for its protocol: otherwise members' reports reach
 * no upstream router (one that let the bridge be the querier) and the
 * router stops the stream.
 *
 * Context: RCU read section.
 * Return: true if in-tree's pruning may go ahead.
 */
bool lbr_mcast_safe_may_prune(const struct lbr_bridge *br, __be16 proto,
			      bool registered)
{
	const struct lbr_mcast_querier *q = proto == htons(ETH_P_IP) ?
					    &br->mcast.ip4_querier :
					    &br->mcast.ip6_querier;

	if (READ_ONCE(br->mcast.prune_rule) == LBR_MCAST_PRUNE_INTREE)
		return true;
	if (!lbr_mcast_answered(br, q))
		return false;
	return registered || lbr_mcast_has_router_port(br, proto);
}

/**
 * lbr_mcast_set_prune_rule_rtnl() - LBR_ATTR_MCAST_PRUNE_RULE
 * @br: bridge
 * @rule: enum lbr_mcast_prune_rule
 * @extack: for the reason of a refusal
 *
 * Context: RTNL held.
 * Return: 0 or -EINVAL.
 */
int lbr_mcast_set_prune_rule_rtnl(struct lbr_bridge *br, u8 rule,
				  struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (rule != LBR_MCAST_PRUNE_SAFE && rule != LBR_MCAST_PRUNE_INTREE) {
		NL_SET_ERR_MSG(extack,
			       "prune rule is 0 (safe) or 1 (in-tree)");
		return -EINVAL;
	}
	WRITE_ONCE(br->mcast.prune_rule, rule);
	return 0;
}

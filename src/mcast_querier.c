// SPDX-License-Identifier: GPL-2.0
/* The bridge's own querier (mcast_querier 1): general queries, and group queries on leaves. */

#include "lbridge/mcast.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/if_bridge.h>
#include <linux/igmp.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/netfilter_bridge.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/mld.h>

#include "lbridge/forward.h"

/* Sizes past the Ethernet header, as in-tree builds them. */
#define LBR_QUERY4_LEN	(sizeof(struct iphdr) + 4 + sizeof(struct igmphdr))
#define LBR_QUERY6_LEN	(sizeof(struct ipv6hdr) + 8 + sizeof(struct mld_msg))

static struct lbr_mcast_own_query *lbr_mcast_own(struct lbr_bridge *br,
						 struct lbr_port *p,
						 __be16 proto)
{
	bool ip4 = proto == htons(ETH_P_IP);

	if (p)
		return ip4 ? &p->mcast.own4 : &p->mcast.own6;
	return ip4 ? &br->mcast.own4 : &br->mcast.own6;
}

/* Another querier was heard within the querier interval. */
static bool lbr_mcast_other_present(const struct lbr_mcast_querier *q)
{
	return READ_ONCE(q->seen) && time_before(jiffies, READ_ONCE(q->expires));
}

/* An skb for a query from the bridge, data at the network header. */
static struct sk_buff *lbr_mcast_query_skb(struct lbr_bridge *br,
					   struct lbr_port *p, __be16 proto,
					   unsigned int len)
{
	struct sk_buff *skb;

	if (ETH_HLEN + len > br->dev->mtu || (p && ETH_HLEN + len > p->dev->mtu))
		return NULL;
	skb = netdev_alloc_skb_ip_align(br->dev, ETH_HLEN + len);
	if (!skb)
		return NULL;
	skb->protocol = proto;
	skb_reset_mac_header(skb);
	skb_put(skb, ETH_HLEN + len);
	skb_set_network_header(skb, ETH_HLEN);
	ether_addr_copy(eth_hdr(skb)->h_source, br->dev->dev_addr);
	eth_hdr(skb)->h_proto = proto;
	return skb;
}

/*
 * An IGMPv2 query to 224.0.0.1 with the router alert option: general
 * (@group 0, the query response interval) or about @group (the last
 * member interval).  Its source is 0.0.0.0 unless mcast_query_use_ifaddr.
 */
static struct sk_buff *lbr_mcast_query4(struct lbr_bridge *br,
					struct lbr_port *p, __be32 group)
{
	const struct lbr_mcast *m = &br->mcast;
	struct sk_buff *skb;
	struct igmphdr *ih;
	struct iphdr *iph;
	u8 *ra;

	skb = lbr_mcast_query_skb(br, p, htons(ETH_P_IP), LBR_QUERY4_LEN);
	if (!skb)
		return NULL;
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = 6;
	iph->tos = 0xc0;
	iph->tot_len = htons(LBR_QUERY4_LEN);
	iph->id = 0;
	iph->frag_off = htons(IP_DF);
	iph->ttl = 1;
	iph->protocol = IPPROTO_IGMP;
	iph->saddr = test_bit(LBR_OPT_MCAST_QUERY_USE_IFADDR, &br->options) ?
		     inet_select_addr(br->dev, 0, RT_SCOPE_LINK) : 0;
	iph->daddr = htonl(INADDR_ALLHOSTS_GROUP);
	ra = (u8 *)(iph + 1);
	ra[0] = IPOPT_RA;
	ra[1] = 4;
	ra[2] = 0;
	ra[3] = 0;
	ip_send_check(iph);
	ip_eth_mc_map(iph->daddr, eth_hdr(skb)->h_dest);

	skb_set_transport_header(skb, ETH_HLEN + sizeof(*iph) + 4);
	ih = igmp_hdr(skb);
	ih->type = IGMP_HOST_MEMBERSHIP_QUERY;
	/* In tenths of a second, in one byte, as in-tree. */
	ih->code = (group ? m->last_member_interval :
			    m->query_response_interval) / (HZ / IGMP_TIMER_SCALE);
	ih->group = group;
	ih->csum = 0;
	ih->csum = ip_compute_csum(ih, sizeof(*ih));
	__skb_pull(skb, ETH_HLEN);
	return skb;
}

/*
 * An MLDv1 query to ff02::1 with a router alert hop-by-hop option, from
 * the bridge's link-local address; none when it has no IPv6 address (the
 * bridge then does not count as an MLD querier).
 */
static struct sk_buff *lbr_mcast_query6(struct lbr_bridge *br,
					struct lbr_port *p,
					const struct in6_addr *group)
{
	const struct lbr_mcast *m = &br->mcast;
	struct ipv6hdr *ip6h;
	struct sk_buff *skb;
	struct mld_msg *mld;
	unsigned long t;
	u8 *hbh;

	skb = lbr_mcast_query_skb(br, p, htons(ETH_P_IPV6), LBR_QUERY6_LEN);
	if (!skb)
		return NULL;
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(8 + sizeof(*mld));
	ip6h->nexthdr = IPPROTO_HOPOPTS;
	ip6h->hop_limit = 1;
	ipv6_addr_set(&ip6h->daddr, htonl(0xff020000), 0, 0, htonl(1));
	if (ipv6_dev_get_saddr(dev_net(br->dev), br->dev, &ip6h->daddr, 0,
			       &ip6h->saddr)) {
		WRITE_ONCE(br->mcast.has_ip6_addr, false);
		kfree_skb(skb);
		return NULL;
	}
	WRITE_ONCE(br->mcast.has_ip6_addr, true);
	ipv6_eth_mc_map(&ip6h->daddr, eth_hdr(skb)->h_dest);
	hbh = (u8 *)(ip6h + 1);
	hbh[0] = IPPROTO_ICMPV6;
	hbh[1] = 0;
	hbh[2] = IPV6_TLV_ROUTERALERT;
	hbh[3] = 2;
	hbh[4] = 0;	/* router alert value 0: MLD */
	hbh[5] = 0;
	hbh[6] = IPV6_TLV_PAD1;
	hbh[7] = IPV6_TLV_PAD1;

	skb_set_transport_header(skb, ETH_HLEN + sizeof(*ip6h) + 8);
	mld = (struct mld_msg *)icmp6_hdr(skb);
	t = ipv6_addr_any(group) ? m->query_response_interval :
				   m->last_member_interval;
	mld->mld_type = ICMPV6_MGM_QUERY;
	mld->mld_code = 0;
	mld->mld_cksum = 0;
	mld->mld_maxdelay = htons((u16)jiffies_to_msecs(t));
	mld->mld_reserved = 0;
	mld->mld_mca = *group;
	mld->mld_cksum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr,
					 sizeof(*mld), IPPROTO_ICMPV6,
					 csum_partial(mld, sizeof(*mld), 0));
	__skb_pull(skb, ETH_HLEN);
	return skb;
}

/*
 * Send a query out of @p (LOCAL_OUT, as in-tree), or, @p NULL, up the
 * bridge device to the host's own IGMP/MLD, which then answers through
 * the bridge.  The host-side query makes the bridge the querier on record.
 */
static void lbr_mcast_send_query_locked(struct lbr_bridge *br,
					struct lbr_port *p, __be16 proto,
					const struct lbr_mdb_key *group)
{
	static const struct in6_addr any6;
	struct lbr_mcast_querier *q = lbr_mcast_q(br, proto);
	struct sk_buff *skb;
	u8 type;

	if (proto == htons(ETH_P_IP))
		skb = lbr_mcast_query4(br, p, group ? group->dst.ip4 : 0);
	else
		skb = lbr_mcast_query6(br, p, group ? &group->dst.ip6 : &any6);
	if (!skb)
		return;
	type = proto == htons(ETH_P_IP) ? IGMP_HOST_MEMBERSHIP_QUERY :
					  ICMPV6_MGM_QUERY;
	if (p) {
		if (!group)
			lbr_mcast_general_query_note_locked(br, proto,
							    br->mcast.query_response_interval);
		lbr_mcast_count(br, p, skb, type, BR_MCAST_DIR_TX);
		skb->dev = p->dev;
		rcu_read_lock();
		NF_HOOK(NFPROTO_BRIDGE, NF_BR_LOCAL_OUT, dev_net(p->dev), NULL,
			skb, NULL, skb->dev, lbr_forward_xmit);
		rcu_read_unlock();
		return;
	}
	if (proto == htons(ETH_P_IP))
		q->addr.ip4 = ip_hdr(skb)->saddr;
	else
		q->addr.ip6 = ipv6_hdr(skb)->saddr;
	lbr_mcast_count(br, NULL, skb, type, BR_MCAST_DIR_RX);
	netif_rx(skb);
}

/* Whether the bridge (@p NULL) or @p takes part in querying now. */
static bool lbr_mcast_own_may_run(struct lbr_bridge *br, struct lbr_port *p)
{
	u8 state;

	if (!netif_running(br->dev) || !lbr_mcast_snooping(br))
		return false;
	if (!p)
		return true;
	state = READ_ONCE(p->state);
	return state != BR_STATE_DISABLED && state != BR_STATE_BLOCKING;
}

/*
 * One general query from @oq, then the next one armed: startup queries
 * first, then every query interval.  While another querier is present
 * the bridge stays silent; it starts over (startup queries) once that
 * querier has not been heard for the querier interval, as in-tree.
 */
static void lbr_mcast_general_query_locked(struct lbr_bridge *br,
					   struct lbr_mcast_own_query *oq)
{
	struct lbr_mcast_querier *q = lbr_mcast_q(br, oq->proto);
	const struct lbr_mcast *m = &br->mcast;
	unsigned long now = jiffies, delay;

	if (!READ_ONCE(m->querier))
		return;
	if (q->seen && time_before(now, q->expires)) {
		oq->startup_sent = 0;
		mod_delayed_work(system_long_wq, &oq->work, q->expires - now);
		return;
	}
	if (!oq->port && q->ifindex) {
		memset(&q->addr, 0, sizeof(q->addr));
		q->ifindex = 0;
	}
	lbr_mcast_send_query_locked(br, oq->port, oq->proto, NULL);
	delay = oq->startup_sent < m->startup_query_count ?
		READ_ONCE(m->startup_query_interval) :
		READ_ONCE(m->query_interval);
	mod_delayed_work(system_long_wq, &oq->work, delay);
}

static void lbr_mcast_own_query_work(struct work_struct *work)
{
	struct lbr_mcast_own_query *oq =
		container_of(to_delayed_work(work), struct lbr_mcast_own_query,
			     work);
	struct lbr_bridge *br = oq->br;

	spin_lock_bh(&br->mcast.lock);
	if (lbr_mcast_own_may_run(br, oq->port)) {
		if (oq->startup_sent < br->mcast.startup_query_count)
			oq->startup_sent++;
		lbr_mcast_general_query_locked(br, oq);
	}
	spin_unlock_bh(&br->mcast.lock);
}

static void lbr_mcast_own_init(struct lbr_mcast_own_query *oq,
			       struct lbr_bridge *br, struct lbr_port *p,
			       __be16 proto)
{
	INIT_DELAYED_WORK(&oq->work, lbr_mcast_own_query_work);
	oq->br = br;
	oq->port = p;
	oq->proto = proto;
}

/* Start over: startup queries, the first one now. */
static void lbr_mcast_own_restart_locked(struct lbr_mcast_own_query *oq)
{
	oq->startup_sent = 0;
	mod_delayed_work(system_long_wq, &oq->work, 0);
}

/**
 * lbr_mcast_querier_init() - the bridge's own queries, not yet running
 * @br: bridge, being initialised
 */
void lbr_mcast_querier_init(struct lbr_bridge *br)
{
	lbr_mcast_own_init(&br->mcast.own4, br, NULL, htons(ETH_P_IP));
	lbr_mcast_own_init(&br->mcast.own6, br, NULL, htons(ETH_P_IPV6));
	br->mcast.has_ip6_addr = true;
}

/**
 * lbr_mcast_querier_port_init() - a new port's own queries, not yet running
 * @p: port
 */
void lbr_mcast_querier_port_init(struct lbr_port *p)
{
	lbr_mcast_own_init(&p->mcast.own4, p->br, p, htons(ETH_P_IP));
	lbr_mcast_own_init(&p->mcast.own6, p->br, p, htons(ETH_P_IPV6));
}

/**
 * lbr_mcast_querier_start_locked() - run @proto's own queries from scratch
 * @br: bridge, snooping and mcast_querier on
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6)
 *
 * The bridge's and every port's that is neither disabled nor blocking.
 *
 * Context: lbr_mcast.lock held.
 */
void lbr_mcast_querier_start_locked(struct lbr_bridge *br, __be16 proto)
{
	struct lbr_port *p;

	lockdep_assert_held(&br->mcast.lock);
	if (!READ_ONCE(br->mcast.querier) || !lbr_mcast_own_may_run(br, NULL))
		return;
	lbr_mcast_own_restart_locked(lbr_mcast_own(br, NULL, proto));
	rcu_read_lock();
	list_for_each_entry_rcu(p, &br->port_list, list)
		if (lbr_mcast_own_may_run(br, p))
			lbr_mcast_own_restart_locked(lbr_mcast_own(br, p, proto));
	rcu_read_unlock();
}

/**
 * lbr_mcast_querier_defer_locked() - another querier won: be silent until
 *	it has not been heard for the querier interval
 * @br: bridge
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6)
 * @until: jiffies when its presence ends unless it queries again
 *
 * Each of @proto's own queries then starts over with startup queries, as
 * in-tree when the other querier's timer runs out.
 *
 * Context: lbr_mcast.lock held.
 */
void lbr_mcast_querier_defer_locked(struct lbr_bridge *br, __be16 proto,
				    unsigned long until)
{
	unsigned long delay = until - jiffies;
	struct lbr_mcast_own_query *oq;
	struct lbr_port *p;

	lockdep_assert_held(&br->mcast.lock);
	if (!READ_ONCE(br->mcast.querier))
		return;
	oq = lbr_mcast_own(br, NULL, proto);
	oq->startup_sent = 0;
	mod_delayed_work(system_long_wq, &oq->work, delay);
	rcu_read_lock();
	list_for_each_entry_rcu(p, &br->port_list, list) {
		oq = lbr_mcast_own(br, p, proto);
		oq->startup_sent = 0;
		mod_delayed_work(system_long_wq, &oq->work, delay);
	}
	rcu_read_unlock();
}

/**
 * lbr_mcast_querier_port_start_locked() - @p was enabled: its own queries start
 * @p: port
 *
 * Context: lbr_mcast.lock held.
 */
void lbr_mcast_querier_port_start_locked(struct lbr_port *p)
{
	lockdep_assert_held(&p->br->mcast.lock);
	if (!READ_ONCE(p->br->mcast.querier) ||
	    !lbr_mcast_own_may_run(p->br, NULL))
		return;
	lbr_mcast_own_restart_locked(&p->mcast.own4);
	lbr_mcast_own_restart_locked(&p->mcast.own6);
}

/**
 * lbr_mcast_querier_port_stop() - @p was disabled or leaves: no more queries
 * @p: port
 * @sync: wait for a query being sent (the port is going away)
 *
 * A query that runs after a plain stop finds the port disabled and stops.
 *
 * Context: process, without lbr_mcast.lock.
 */
void lbr_mcast_querier_port_stop(struct lbr_port *p, bool sync)
{
	if (sync) {
		cancel_delayed_work_sync(&p->mcast.own4.work);
		cancel_delayed_work_sync(&p->mcast.own6.work);
	} else {
		cancel_delayed_work(&p->mcast.own4.work);
		cancel_delayed_work(&p->mcast.own6.work);
	}
}

/**
 * lbr_mcast_querier_stop_rtnl() - the bridge went down or stops snooping
 * @br: bridge
 *
 * Its own queries stop; the ports' stop with them (they find the bridge
 * down or not snooping).
 *
 * Context: RTNL held, without lbr_mcast.lock.
 */
void lbr_mcast_querier_stop_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	cancel_delayed_work_sync(&br->mcast.own4.work);
	cancel_delayed_work_sync(&br->mcast.own6.work);
}

/**
 * lbr_mcast_set_querier_rtnl() - mcast_querier: the bridge's own querier
 * @br: bridge
 * @val: 0 off, else on
 * @extack: unused; every value is valid
 *
 * As in-tree: turning it on gives hosts the query response interval to
 * answer before traffic is pruned (unless another querier is already
 * present), then queries start at once; turning it off stops them.
 *
 * Context: RTNL held.
 * Return: 0.
 */
int lbr_mcast_set_querier_rtnl(struct lbr_bridge *br, unsigned long val,
			       struct netlink_ext_ack *extack)
{
	struct lbr_mcast *m = &br->mcast;
	unsigned long delay;

	ASSERT_RTNL();
	spin_lock_bh(&m->lock);
	if (m->querier == !!val)
		goto unlock;
	WRITE_ONCE(m->querier, !!val);
	if (!val)
		goto unlock;
	delay = jiffies + READ_ONCE(m->query_response_interval);
	if (!lbr_mcast_other_present(&m->ip4_querier))
		WRITE_ONCE(m->ip4_querier.delay_until, delay);
	lbr_mcast_querier_start_locked(br, htons(ETH_P_IP));
	if (!lbr_mcast_other_present(&m->ip6_querier))
		WRITE_ONCE(m->ip6_querier.delay_until, delay);
	lbr_mcast_querier_start_locked(br, htons(ETH_P_IPV6));
unlock:
	spin_unlock_bh(&m->lock);
	if (!val)
		lbr_mcast_querier_stop_rtnl(br);
	return 0;
}

/**
 * lbr_mcast_querier_leave_locked() - a leave while the bridge is the querier
 * @br: bridge
 * @p: the port the leave came in on, NULL for the host
 * @key: the group left
 *
 * As in-tree: one group query to the port (or the host), and that side's
 * next general query waits the last member count times the last member
 * interval.  The caller has checked that no other querier is present.
 *
 * Context: lbr_mcast.lock held.
 */
void lbr_mcast_querier_leave_locked(struct lbr_bridge *br, struct lbr_port *p,
				    const struct lbr_mdb_key *key)
{
	struct lbr_mcast *m = &br->mcast;

	lockdep_assert_held(&m->lock);
	if (!READ_ONCE(m->querier))
		return;
	lbr_mcast_send_query_locked(br, p, key->proto, key);
	mod_delayed_work(system_long_wq,
			 &lbr_mcast_own(br, p, key->proto)->work,
			 m->last_member_count * READ_ONCE(m->last_member_interval));
}

/**
 * lbr_mcast_own_querier_active() - whether the bridge's queries are running
 * @br: bridge
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6)
 *
 * Querier election: while they run, a querier with a higher address
 * does not take over.
 *
 * Context: lbr_mcast.lock held.
 */
bool lbr_mcast_own_querier_active(struct lbr_bridge *br, __be16 proto)
{
	lockdep_assert_held(&br->mcast.lock);
	return delayed_work_pending(&lbr_mcast_own(br, NULL, proto)->work);
}

// SPDX-License-Identifier: GPL-2.0
/* Snooped forwarding: registered groups to their members and the router ports, the rest flooded. */

#include "lbridge/mcast.h"
#include "lbridge/pipeline.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/rculist.h>
#include <linux/skbuff.h>

#include "lbridge/forward.h"

/* The group a frame is addressed to, as the MDB keys it. */
static struct lbr_mdb_entry *lbr_mcast_lookup(struct lbr_frame *fr)
{
	struct sk_buff *skb = fr->skb;
	struct lbr_mdb_key key;

	memset(&key, 0, sizeof(key));
	key.vid = fr->vid;
	key.proto = skb->protocol;
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		/* lbr_stage_mcast_snoop() validated the header. */
		key.dst.ip4 = ip_hdr(skb)->daddr;
		break;
	case htons(ETH_P_IPV6):
		key.dst.ip6 = ipv6_hdr(skb)->daddr;
		break;
	default:
		key.proto = 0;
		ether_addr_copy(key.dst.mac, eth_hdr(skb)->h_dest);
	}
	return lbr_mdb_find_rcu(fr->br, &key);
}

/*
 * Whether snooping may restrict this frame: IP traffic only while a
 * querier keeps memberships current (and, by the safe rule, hosts answer
 * it); a MAC group only by a user's entry.
 */
static bool lbr_mcast_may_prune(const struct lbr_frame *fr,
				const struct lbr_mdb_entry *mdst)
{
	__be16 proto = fr->skb->protocol;

	switch (proto) {
	case htons(ETH_P_IP):
	case htons(ETH_P_IPV6):
		return lbr_mcast_querier_present(fr->br, proto) &&
		       lbr_mcast_safe_may_prune(fr->br, proto, !!mdst);
	default:
		return mdst && !mdst->key.proto;
	}
}

/**
 * lbr_stage_mcast_decide() - the decide stage for group traffic under snooping
 * @fr: a multicast (not broadcast) frame past lbr_stage_mcast_snoop()
 *
 * As in-tree: a registered group, or IP multicast that only routers want,
 * goes to the members and the router ports, and up the bridge only if
 * the host joined or is a router; anything else floods as without
 * snooping.
 *
 * Context: RCU read section.
 * Return: true if the frame goes to a group (fr->verdict LBR_TO_GROUP).
 */
bool lbr_stage_mcast_decide(struct lbr_frame *fr)
{
	struct lbr_bridge *br = fr->br;
	struct lbr_mdb_entry *mdst = NULL;

	if (!LBR_INPUT_CB(fr->skb)->igmp)
		mdst = lbr_mcast_lookup(fr);
	if (!mdst && !LBR_INPUT_CB(fr->skb)->mrouters_only)
		return false;
	if (!lbr_mcast_may_prune(fr, mdst))
		return false;
	fr->mdst = mdst;
	fr->verdict = LBR_TO_GROUP;
	if (fr->in)
		fr->local_rcv = (br->dev->flags & IFF_PROMISC) ||
				(mdst && READ_ONCE(mdst->host_joined)) ||
				lbr_mcast_local_router(br, fr->skb->protocol);
	return true;
}

/*
 * The router list holds routers of either protocol: skip those that are
 * not one for @proto (other traffic, MAC groups, goes to no router).
 */
static struct hlist_node *lbr_mcast_router_rcu(struct hlist_node *rp,
					       __be16 proto)
{
	const struct lbr_port *p;

	for (; rp; rp = rcu_dereference(hlist_next_rcu(rp))) {
		p = hlist_entry(rp, struct lbr_port, mcast.rlist);
		if (proto == htons(ETH_P_IP) ?
		    READ_ONCE(p->mcast.ip4_router_expires) :
		    proto == htons(ETH_P_IPV6) &&
		    READ_ONCE(p->mcast.ip6_router_expires))
			return rp;
	}
	return NULL;
}

/* The next member or router port, whichever has the higher number. */
static struct lbr_port *lbr_mcast_pick(struct lbr_port_group *pg,
				       struct hlist_node *rp)
{
	struct lbr_port *lport = pg ? pg->port : NULL;
	struct lbr_port *rport = rp ? hlist_entry(rp, struct lbr_port,
						  mcast.rlist) : NULL;

	if (!rport || (lport && lport->port_no >= rport->port_no))
		return lport;
	return rport;
}

/*
 * A member behind a port with mcast_to_unicast gets its own unicast copy,
 * unless the port is also a router port: then the group address goes there
 * once, for the router and the port's members alike (in-tree sends the
 * other members unicast copies besides, so they would get the frame twice).
 */
static bool lbr_mcast_to_host(const struct lbr_port_group *pg,
			      const struct lbr_port *port,
			      const struct hlist_node *rp)
{
	return pg && pg->port == port &&
	       (READ_ONCE(port->flags) & BR_MULTICAST_TO_UNICAST) &&
	       !(rp && hlist_entry(rp, struct lbr_port, mcast.rlist) == port);
}

/**
 * lbr_mcast_forward() - send a group's frame to its members and router ports
 * @fr: the frame, lbr_frame.verdict LBR_TO_GROUP
 *
 * Members and router ports are both kept by descending port number, so
 * one merge visits each port once (each member host of a port with
 * mcast_to_unicast once).
 *
 * Context: RCU read section.
 */
void lbr_mcast_forward(struct lbr_frame *fr)
{
	struct lbr_port_group *pg = fr->mdst ? rcu_dereference(fr->mdst->ports) : NULL;
	__be16 proto = fr->mdst ? fr->mdst->key.proto : fr->skb->protocol;
	const struct lbr_port *prev = NULL;
	bool local_orig = !fr->in;
	struct hlist_node *rp;
	struct lbr_port *port;

	rp = lbr_mcast_router_rcu(rcu_dereference(hlist_first_rcu(&fr->br->mcast.router_list)),
				  proto);
	while ((port = lbr_mcast_pick(pg, rp))) {
		if (lbr_mcast_to_host(pg, port, rp)) {
			lbr_forward_to_host(port, fr->skb, pg->host, local_orig);
			pg = rcu_dereference(pg->next);
			continue;
		}
		prev = lbr_forward_next(prev, port, fr->skb, local_orig);
		/* The port's other hosts (mcast_to_unicast) have this copy. */
		while (pg && pg->port == port)
			pg = rcu_dereference(pg->next);
		if (rp && hlist_entry(rp, struct lbr_port, mcast.rlist) == port)
			rp = lbr_mcast_router_rcu(rcu_dereference(hlist_next_rcu(rp)),
						  proto);
	}
	lbr_forward_last(prev, fr->skb, fr->local_rcv, local_orig);
}

// SPDX-License-Identifier: GPL-2.0
/* Egress: forward to one port, flood to many, deliver up the bridge. */

#include "lbridge/forward.h"
#include "lbridge/mcast.h"
#include "lbridge/objcount.h"
#include "lbridge/types.h"
#include "lbridge/vlan.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/netfilter_bridge.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>

/* What a port's flags allow, its state aside. */
static bool lbr_may_deliver(unsigned long flags, const struct net_device *dev,
			    const struct sk_buff *skb)
{
	/* Never back out of the ingress port unless it is in hairpin mode. */
	if (skb->dev == dev && !(flags & BR_HAIRPIN_MODE))
		return false;
	/* Isolated ports only talk to non-isolated ones. */
	return !(LBR_INPUT_CB(skb)->src_port_isolated && (flags & BR_ISOLATED));
}

/* The egress VLAN filter: whether @p has the frame's VLAN. */
static bool lbr_vlan_may_egress(const struct lbr_port *p,
				const struct sk_buff *skb)
{
	if (!static_branch_unlikely(&lbr_vlan_filtering_used))
		return true;
	return lbr_vlan_egress_allowed(rcu_dereference(p->vlgrp), skb);
}

static bool lbr_should_deliver(const struct lbr_port *to,
			       const struct sk_buff *skb)
{
	/* With MST the VLAN's state (lbr_vlan_may_egress()) decides. */
	if (READ_ONCE(to->state) != BR_STATE_FORWARDING &&
	    !lbr_mst_enabled(to->br))
		return false;
	return lbr_may_deliver(READ_ONCE(to->flags), to->dev, skb) &&
	       lbr_vlan_may_egress(to, skb);
}

/**
 * lbr_forward_xmit() - put a frame on its egress port's wire, past POST_ROUTING
 * @net: netns
 * @sk: socket, if any
 * @skb: frame, skb->dev the port, data at the network header; consumed
 *
 * Context: RCU read section, BH disabled.
 * Return: 0.
 */
int lbr_forward_xmit(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	int depth;

	skb_push(skb, ETH_HLEN);
	if (!is_skb_forwardable(skb->dev, skb))
		goto drop;
	/*
	 * The network header of a frame with tags left in band sits on the
	 * first of them; drivers offloading its checksum look there for the
	 * L3 header.  A tag chain too deep to parse cannot be offloaded.
	 */
	if (skb->ip_summed == CHECKSUM_PARTIAL && eth_type_vlan(skb->protocol)) {
		if (!vlan_get_protocol_and_depth(skb, skb->protocol, &depth))
			goto drop;
		skb_set_network_header(skb, depth);
	}
	dev_queue_xmit(skb);
	return 0;
drop:
	kfree_skb(skb);
	return 0;
}

static int lbr_forward_finish(struct net *net, struct sock *sk,
			      struct sk_buff *skb)
{
	skb_clear_tstamp(skb);
	return NF_HOOK(NFPROTO_BRIDGE, NF_BR_POST_ROUTING, net, sk, skb,
		       NULL, skb->dev, lbr_forward_xmit);
}

static void __lbr_forward(const struct lbr_port *to, struct sk_buff *skb,
			  bool local_orig)
{
	struct net_device *indev = skb->dev;
	unsigned int hook = NF_BR_FORWARD;

	if (unlikely(LBR_INPUT_CB(skb)->igmp))
		lbr_mcast_count(to->br, to, skb, LBR_INPUT_CB(skb)->igmp,
				BR_MCAST_DIR_TX);
	if (static_branch_unlikely(&lbr_vlan_filtering_used)) {
		lbr_vlan_egress_untag(to->br, rcu_dereference(to->vlgrp), skb);
		if (unlikely(READ_ONCE(to->flags) & BR_VLAN_TUNNEL))
			lbr_stage_tunnel_egress(rcu_dereference(to->vlgrp), skb);
	}
	skb->dev = to->dev;
	if (local_orig) {
		hook = NF_BR_LOCAL_OUT;
		indev = NULL;
	} else {
		if (skb_warn_if_lro(skb)) {
			kfree_skb(skb);
			return;
		}
		skb_forward_csum(skb);
	}
	NF_HOOK(NFPROTO_BRIDGE, hook, dev_net(to->dev), NULL, skb, indev,
		skb->dev, lbr_forward_finish);
}

/* Hand a copy to @to when the original must stay for local delivery. */
static void lbr_forward_clone(const struct lbr_port *to, struct sk_buff *skb,
			      bool local_orig)
{
	skb = skb_clone(skb, GFP_ATOMIC);
	if (!skb) {
		dev_core_stats_tx_dropped_inc(to->br->dev);
		return;
	}
	__lbr_forward(to, skb, local_orig);
}

/**
 * lbr_forward_to_host() - a copy readdressed to one host, out of @to
 * @to: egress port (mcast_to_unicast)
 * @skb: the group's frame, data at the network header; stays the caller's
 * @host: the member host's MAC; broadcast keeps the group address
 * @local_orig: the frame came from the bridge device itself
 *
 * A copy, not a clone: its header changes.  As in-tree, never back to the
 * host that sent it, hairpin or not (IPv6 duplicate address detection).
 *
 * Context: RCU read section.
 */
void lbr_forward_to_host(const struct lbr_port *to, struct sk_buff *skb,
			 const u8 *host, bool local_orig)
{
	if (!lbr_should_deliver(to, skb))
		return;
	if (skb->dev == to->dev && ether_addr_equal(eth_hdr(skb)->h_source, host))
		return;
	skb = skb_copy(skb, GFP_ATOMIC);
	if (!skb) {
		dev_core_stats_tx_dropped_inc(to->br->dev);
		return;
	}
	if (!is_broadcast_ether_addr(host))
		ether_addr_copy(eth_hdr(skb)->h_dest, host);
	__lbr_forward(to, skb, local_orig);
}

/**
 * lbr_forward() - send a frame out of one port
 * @to: egress port
 * @skb: frame, data at the network header
 * @local_rcv: the caller keeps @skb for local delivery; send a clone
 * @local_orig: the frame came from the bridge device itself
 *
 * Context: RCU read section.
 */
void lbr_forward(const struct lbr_port *to, struct sk_buff *skb,
		 bool local_rcv, bool local_orig)
{
	if (!lbr_should_deliver(to, skb)) {
		if (!local_rcv)
			kfree_skb(skb);
		return;
	}
	if (local_rcv)
		lbr_forward_clone(to, skb, local_orig);
	else
		__lbr_forward(to, skb, local_orig);
}

static bool lbr_flood_allowed(unsigned long flags, enum lbr_pkt_type type,
			      bool local_orig)
{
	switch (type) {
	case LBR_PKT_UNICAST:
		return flags & BR_FLOOD;
	case LBR_PKT_MULTICAST:
		/* The host's own multicast and broadcast ignore the knobs. */
		return local_orig || (flags & BR_MCAST_FLOOD);
	case LBR_PKT_BROADCAST:
		return local_orig || (flags & BR_BCAST_FLOOD);
	}
	return false;
}

/* The list as it was before flood lists: when none could be allocated. */
static struct lbr_port *lbr_flood_walk(struct lbr_bridge *br,
				       struct sk_buff *skb,
				       enum lbr_pkt_type type, bool local_orig)
{
	struct lbr_port *p, *prev = NULL;

	list_for_each_entry_rcu(p, &br->port_list, list) {
		if (!lbr_flood_allowed(READ_ONCE(p->flags), type, local_orig))
			continue;
		if (!lbr_should_deliver(p, skb))
			continue;
		if (prev)
			lbr_forward_clone(prev, skb, local_orig);
		prev = p;
	}
	return prev;
}

/**
 * lbr_flood() - send a frame out of every eligible port
 * @br: bridge
 * @skb: frame, data at the network header
 * @type: what the destination address is
 * @local_rcv: the caller keeps @skb for local delivery
 * @local_orig: the frame came from the bridge device itself
 *
 * Walks the bridge's flood list, which holds only forwarding ports, with
 * a copy of their flags.  Every port but the last gets a clone; the last
 * gets @skb itself unless the caller keeps it.
 *
 * Context: RCU read section.
 */
void lbr_flood(struct lbr_bridge *br, struct sk_buff *skb,
	       enum lbr_pkt_type type, bool local_rcv, bool local_orig)
{
	struct lbr_flood_list *fl = rcu_dereference(br->flood);
	struct lbr_port *p, *prev = NULL;
	unsigned int i, n;

	/* The flood list holds forwarding ports; MST may forward others. */
	if (unlikely(!fl) || lbr_mst_enabled(br)) {
		prev = lbr_flood_walk(br, skb, type, local_orig);
		goto last;
	}

	/* Pairs with the release in lbr_flood_port_add_rtnl(). */
	n = smp_load_acquire(&fl->count);
	for (i = 0; i < n; i++) {
		struct lbr_flood_port *e = &fl->ent[i];
		unsigned long flags;

		p = READ_ONCE(e->port);
		if (!p)
			continue;
		flags = READ_ONCE(e->flags);
		if (!lbr_flood_allowed(flags, type, local_orig) ||
		    !lbr_may_deliver(flags, e->dev, skb) ||
		    !lbr_vlan_may_egress(p, skb))
			continue;
		if (prev)
			lbr_forward_clone(prev, skb, local_orig);
		prev = p;
	}

last:
	lbr_forward_last(prev, skb, local_rcv, local_orig);
}

/**
 * lbr_forward_next() - one port of a send to several: @prev gets a clone
 * @prev: the port chosen before, or NULL
 * @p: the next candidate
 * @skb: frame, data at the network header
 * @local_orig: the frame came from the bridge device itself
 *
 * Context: RCU read section.
 * Return: @p if it takes the frame, else @prev.
 */
const struct lbr_port *lbr_forward_next(const struct lbr_port *prev,
					const struct lbr_port *p,
					struct sk_buff *skb, bool local_orig)
{
	if (!lbr_should_deliver(p, skb))
		return prev;
	if (prev)
		lbr_forward_clone(prev, skb, local_orig);
	return p;
}

/**
 * lbr_forward_last() - the end of a send to several ports
 * @prev: the last port chosen, or NULL for none
 * @skb: frame, data at the network header
 * @local_rcv: the caller keeps @skb for local delivery
 * @local_orig: the frame came from the bridge device itself
 *
 * The last port gets @skb itself unless the caller keeps it.
 *
 * Context: RCU read section.
 */
void lbr_forward_last(const struct lbr_port *prev, struct sk_buff *skb,
		      bool local_rcv, bool local_orig)
{
	if (!prev) {
		if (!local_rcv)
			kfree_skb(skb);
		return;
	}
	if (local_rcv)
		lbr_forward_clone(prev, skb, local_orig);
	else
		__lbr_forward(prev, skb, local_orig);
}

/* Room for twice the live entries: the next rebuild is as many changes away. */
static struct lbr_flood_list *lbr_flood_alloc(unsigned int live)
{
	unsigned int size = max(2 * live, 8U);
	struct lbr_flood_list *fl;

	fl = lbr_obj_new(LBR_OBJ_FLOOD, kvzalloc(struct_size(fl, ent, size), GFP_KERNEL));
	if (fl)
		fl->size = size;
	return fl;
}

static void lbr_flood_fill(struct lbr_flood_port *e, struct lbr_port *p)
{
	e->port = p;
	e->dev = p->dev;
	e->flags = p->flags;
}

static void lbr_flood_publish(struct lbr_bridge *br, struct lbr_flood_list *fl)
{
	struct lbr_flood_list *old;

	old = rcu_replace_pointer(br->flood, fl, lockdep_rtnl_is_held());
	if (old) {
		lbr_obj_dec(LBR_OBJ_FLOOD);
		kvfree_rcu(old, rcu);
	}
}

/*
 * Publish a compact list of the forwarding ports: the live entries of the
 * current list plus @extra, or, without a current list, the ports found
 * forwarding on port_list.  Without memory, publish none: lbr_flood()
 * then walks port_list, and the next change tries again.
 */
static void lbr_flood_rebuild_rtnl(struct lbr_bridge *br,
				   struct lbr_port *extra)
{
	struct lbr_flood_list *old = rtnl_dereference(br->flood);
	struct lbr_flood_list *fl;
	struct lbr_port *p;
	unsigned int i, n = 0;

	fl = lbr_flood_alloc(br->fwd_ports);
	if (!fl) {
		netdev_warn(br->dev, "no memory for the flood list, walking the ports\n");
		lbr_flood_publish(br, NULL);
		return;
	}

	if (old) {
		for (i = 0; i < old->count; i++) {
			p = old->ent[i].port;
			if (p && n < fl->size) {
				p->flood_idx = n;
				lbr_flood_fill(&fl->ent[n++], p);
			}
		}
		if (extra && n < fl->size) {
			extra->flood_idx = n;
			lbr_flood_fill(&fl->ent[n++], extra);
		}
	} else {
		list_for_each_entry(p, &br->port_list, list) {
			if (p->state != BR_STATE_FORWARDING || n >= fl->size)
				continue;
			p->flood_idx = n;
			lbr_flood_fill(&fl->ent[n++], p);
		}
	}
	WARN_ON_ONCE(n != br->fwd_ports);
	fl->count = n;
	lbr_flood_publish(br, fl);
}

/**
 * lbr_flood_port_add_rtnl() - a port entered forwarding state: flood to it
 * @p: port, already counted in lbr_bridge.fwd_ports
 *
 * Appends in place while there is room (readers see the entry once the
 * count covers it), else rebuilds: amortised O(1).
 *
 * Context: RTNL held.
 */
void lbr_flood_port_add_rtnl(struct lbr_port *p)
{
	struct lbr_bridge *br = p->br;
	struct lbr_flood_list *fl = rtnl_dereference(br->flood);
	unsigned int n;

	ASSERT_RTNL();
	if (!fl || fl->count >= fl->size) {
		lbr_flood_rebuild_rtnl(br, fl ? p : NULL);
		return;
	}
	n = fl->count;
	lbr_flood_fill(&fl->ent[n], p);
	p->flood_idx = n;
	/* The entry must be visible before the count that covers it. */
	smp_store_release(&fl->count, n + 1);
}

static bool lbr_flood_owns(const struct lbr_flood_list *fl,
			   const struct lbr_port *p)
{
	return p->flood_idx < fl->count && fl->ent[p->flood_idx].port == p;
}

/**
 * lbr_flood_port_del_rtnl() - a port left forwarding state: stop flooding
 * @p: port, no longer counted in lbr_bridge.fwd_ports
 *
 * Leaves a tombstone; once tombstones outnumber live entries, rebuilds:
 * amortised O(1).  The port itself stays valid for readers until an RCU
 * grace period after it is detached.
 *
 * Context: RTNL held.
 */
void lbr_flood_port_del_rtnl(struct lbr_port *p)
{
	struct lbr_bridge *br = p->br;
	struct lbr_flood_list *fl = rtnl_dereference(br->flood);

	ASSERT_RTNL();
	if (!fl || WARN_ON_ONCE(!lbr_flood_owns(fl, p))) {
		/* From port_list, where @p no longer counts as forwarding. */
		lbr_flood_publish(br, NULL);
		lbr_flood_rebuild_rtnl(br, NULL);
		return;
	}
	WRITE_ONCE(fl->ent[p->flood_idx].port, NULL);
	if (fl->count > 8 && fl->count - br->fwd_ports > br->fwd_ports)
		lbr_flood_rebuild_rtnl(br, NULL);
}

/**
 * lbr_flood_port_update_rtnl() - a port's flags changed: copy them
 * @p: port
 *
 * Context: RTNL held.
 */
void lbr_flood_port_update_rtnl(struct lbr_port *p)
{
	struct lbr_flood_list *fl = rtnl_dereference(p->br->flood);

	ASSERT_RTNL();
	if (fl && p->state == BR_STATE_FORWARDING && lbr_flood_owns(fl, p))
		WRITE_ONCE(fl->ent[p->flood_idx].flags, p->flags);
}

/**
 * lbr_flood_free_rtnl() - drop the flood list of a bridge going away
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_flood_free_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	lbr_flood_publish(br, NULL);
}

static int lbr_pass_frame_up_finish(struct net *net, struct sock *sk,
				    struct sk_buff *skb)
{
	return netif_receive_skb(skb);
}

/**
 * lbr_pass_frame_up() - deliver a received frame to the bridge's stack
 * @skb: frame, data at the network header; consumed
 *
 * Context: RCU read section, softirq.
 * Return: the netfilter/netif_receive_skb verdict.
 */
int lbr_pass_frame_up(struct sk_buff *skb)
{
	struct net_device *brdev = LBR_INPUT_CB(skb)->brdev;
	struct net_device *indev = skb->dev;
	const struct lbr_bridge *br = netdev_priv(brdev);
	struct lbr_vlan_group *vg;

	/* The bridge device is a port like any other for VLANs. */
	if (static_branch_unlikely(&lbr_vlan_filtering_used) &&
	    LBR_INPUT_CB(skb)->vlan_filtered) {
		vg = rcu_dereference(br->vlgrp);
		if (!lbr_vlan_egress_allowed(vg, skb)) {
			kfree_skb(skb);
			return NET_RX_DROP;
		}
		lbr_vlan_egress_untag(br, vg, skb);
	}

	dev_sw_netstats_rx_add(brdev, skb->len);
	if (unlikely(LBR_INPUT_CB(skb)->igmp))
		lbr_mcast_count(br, NULL, skb, LBR_INPUT_CB(skb)->igmp,
				BR_MCAST_DIR_TX);
	skb->dev = brdev;
	/* Conntrack leaves copies the host sees only by promiscuity alone. */
	LBR_INPUT_CB(skb)->promisc = !!(brdev->flags & IFF_PROMISC);
	return NF_HOOK(NFPROTO_BRIDGE, NF_BR_LOCAL_IN, dev_net(indev), NULL,
		       skb, indev, NULL, lbr_pass_frame_up_finish);
}

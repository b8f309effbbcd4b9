// SPDX-License-Identifier: GPL-2.0
/* Egress: forward to one port, flood to many, deliver up the bridge. */

#include "lbridge/forward.h"
#include "lbridge/types.h"

#include <linux/if_bridge.h>
#include <linux/netdevice.h>
#include <linux/netfilter_bridge.h>
#include <linux/rculist.h>
#include <linux/skbuff.h>

static bool lbr_should_deliver(const struct lbr_port *to,
			       const struct sk_buff *skb)
{
	unsigned long flags = READ_ONCE(to->flags);

	/* Never back out of the ingress port unless it is in hairpin mode. */
	if (skb->dev == to->dev && !(flags & BR_HAIRPIN_MODE))
		return false;
	if (READ_ONCE(to->state) != BR_STATE_FORWARDING)
		return false;
	/* Isolated ports only talk to non-isolated ones. */
	return !(LBR_INPUT_CB(skb)->src_port_isolated && (flags & BR_ISOLATED));
}

static int lbr_forward_xmit(struct net *net, struct sock *sk,
			    struct sk_buff *skb)
{
	skb_push(skb, ETH_HLEN);
	if (!is_skb_forwardable(skb->dev, skb)) {
		kfree_skb(skb);
		return 0;
	}
	dev_queue_xmit(skb);
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

/**
 * lbr_flood() - send a frame out of every eligible port
 * @br: bridge
 * @skb: frame, data at the network header
 * @type: what the destination address is
 * @local_rcv: the caller keeps @skb for local delivery
 * @local_orig: the frame came from the bridge device itself
 *
 * Every port but the last gets a clone; the last gets @skb itself unless
 * the caller keeps it.
 *
 * Context: RCU read section.
 */
void lbr_flood(struct lbr_bridge *br, struct sk_buff *skb,
	       enum lbr_pkt_type type, bool local_rcv, bool local_orig)
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

	dev_sw_netstats_rx_add(brdev, skb->len);
	skb->dev = brdev;
	return NF_HOOK(NFPROTO_BRIDGE, NF_BR_LOCAL_IN, dev_net(indev), NULL,
		       skb, indev, NULL, lbr_pass_frame_up_finish);
}

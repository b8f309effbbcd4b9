// SPDX-License-Identifier: GPL-2.0
/* Ingress: a port's rx_handler, link-local groups and PRE_ROUTING. */

#include "lbridge/input.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/netdevice.h>
#include <linux/netfilter_bridge.h>
#include <linux/skbuff.h>

#include "lbridge/forward.h"
#include "lbridge/pipeline.h"
#include "lbridge/port.h"
#include "lbridge/stp.h"
#include "lbridge/vlan.h"

/* Learn a link-local frame's source, in the VLAN it belongs to. */
static void lbr_input_learn_link_local(struct lbr_port *p, struct sk_buff *skb)
{
	u16 vid;

	if (lbr_vlan_learn_vid(p, skb, &vid))
		lbr_pipeline_learn(p, skb, vid, true);
}

/* A frame for kernel STP: to the bridge's STP group address. */
static bool lbr_input_is_bpdu(const struct lbr_bridge *br,
			      const struct sk_buff *skb)
{
	return READ_ONCE(br->stp_enabled) == LBR_KERNEL_STP &&
	       ether_addr_equal(eth_hdr(skb)->h_dest, br->group_addr);
}

/*
 * The link-local frame lbr_input_local_reinject() is passing up its port on
 * this CPU: lbr_handle_frame() lets it by instead of hooking it again.
 */
static DEFINE_PER_CPU(struct sk_buff *, lbr_input_reinjected);

/*
 * Where netfilter hands back, from a queue, a link-local frame it held on
 * LOCAL_IN.  The rx_handler that would have passed it up the port device
 * returned long ago, so nothing else will take it: receive it again, past
 * the bridge this time (taps on the port see it twice).
 */
static int lbr_input_local_reinject(struct net *net, struct sock *sk,
				    struct sk_buff *skb)
{
	struct lbr_port *p = lbr_port_get_rcu(skb->dev);

	/*
	 * Gone from the bridge while queued?  netif_receive_skb_core() also
	 * skips the pfmemalloc protocol checks, so such frames stop here.
	 */
	if (!p || skb_pfmemalloc(skb)) {
		kfree_skb(skb);
		return 0;
	}
	lbr_input_learn_link_local(p, skb);
	if (lbr_input_is_bpdu(p->br, skb)) {
		lbr_stp_rcv(p, skb);
		return 0;
	}
	__this_cpu_write(lbr_input_reinjected, skb);
	netif_receive_skb_core(skb);
	__this_cpu_write(lbr_input_reinjected, NULL);
	return 0;
}

/* Where netfilter hands a PRE_ROUTING frame back, maybe later. */
static int lbr_input_finish(struct net *net, struct sock *sk,
			    struct sk_buff *skb)
{
	struct lbr_port *p = lbr_port_get_rcu(skb->dev);

	/*
	 * While netfilter held the frame its device may have left the bridge,
	 * even for another rx_handler, whose data is no lbr_port.
	 */
	if (!p) {
		kfree_skb(skb);
		return 0;
	}
	return lbr_pipeline_rx(p, skb);
}

/*
 * 802.1D-2004 Table 7-10: 01-80-C2-00-00-0X are never relayed unless the
 * administrator asked for group X; the bridge group (X = 0) is relayed
 * as ordinary traffic while STP is off, and pause (X = 1) never is.
 */
static rx_handler_result_t lbr_input_link_local(struct lbr_port *p,
						struct sk_buff *skb,
						struct sk_buff **pskb,
						bool *relay)
{
	struct lbr_bridge *br = p->br;
	u8 group = eth_hdr(skb)->h_dest[5];
	u16 fwd_mask = READ_ONCE(p->group_fwd_mask) |
		       READ_ONCE(br->group_fwd_mask_required);

	*relay = false;
	if (group == 0x01) {
		kfree_skb(skb);
		return RX_HANDLER_CONSUMED;
	}
	if (group == 0x00) {
		if (br->stp_enabled == LBR_NO_STP || (fwd_mask & BIT(0))) {
			*relay = true;
			return RX_HANDLER_PASS;
		}
	} else {
		fwd_mask |= READ_ONCE(br->group_fwd_mask);
		if (fwd_mask & BIT(group)) {
			*relay = true;
			return RX_HANDLER_PASS;
		}
	}

	*pskb = skb;
	/*
	 * nf_hook() returns 1 when every hook accepted at once; otherwise the
	 * frame is dropped, stolen, or queued, and only a late verdict runs
	 * the continuation, which must then consume the frame itself.
	 */
	if (group != 0x00 && group != 0x0e &&
	    nf_hook(NFPROTO_BRIDGE, NF_BR_LOCAL_IN, dev_net(skb->dev), NULL,
		    skb, skb->dev, NULL, lbr_input_local_reinject) != 1)
		return RX_HANDLER_CONSUMED;
	lbr_input_learn_link_local(p, skb);
	/* The port's stack would hand it to STP; lbridge's STP is right here. */
	if (lbr_input_is_bpdu(br, skb))
		return lbr_stp_rcv(p, skb);
	return RX_HANDLER_PASS;
}

/**
 * lbr_handle_frame() - rx_handler of every lbridge port
 * @pskb: the received frame
 *
 * Context: softirq, RCU read section (netif_receive_skb).
 * Return: RX_HANDLER_CONSUMED when the bridge took the frame,
 * RX_HANDLER_PASS when it belongs to the port's own stack.
 */
rx_handler_result_t lbr_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct lbr_port *p;
	rx_handler_result_t ret;
	bool relay;
	u8 state;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	if (unlikely(skb == __this_cpu_read(lbr_input_reinjected)))
		return RX_HANDLER_PASS;

	/* 802.1D 7.8: multicast or zero source addresses are invalid. */
	if (!is_valid_ether_addr(eth_hdr(skb)->h_source))
		goto drop;

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;

	memset(skb->cb, 0, sizeof(struct lbr_input_cb));
	p = rcu_dereference(skb->dev->rx_handler_data);
	if (unlikely(READ_ONCE(p->flags) & BR_VLAN_TUNNEL))
		lbr_stage_tunnel_ingress(p, skb);

	if (unlikely(is_link_local_ether_addr(eth_hdr(skb)->h_dest))) {
		ret = lbr_input_link_local(p, skb, pskb, &relay);
		if (!relay)
			return ret;
	}

	state = READ_ONCE(p->state);
	if (state != BR_STATE_FORWARDING && state != BR_STATE_LEARNING)
		goto drop;

	if (ether_addr_equal(p->br->dev->dev_addr, eth_hdr(skb)->h_dest))
		skb->pkt_type = PACKET_HOST;

	/* Without PRE_ROUTING hooks this is a static branch, not a call. */
	if (nf_hook(NFPROTO_BRIDGE, NF_BR_PRE_ROUTING, dev_net(skb->dev), NULL,
		    skb, skb->dev, NULL, lbr_input_finish) != 1)
		return RX_HANDLER_CONSUMED;

	/* ebtables' broute table asked for this frame to be routed. */
	if (unlikely(LBR_INPUT_CB(skb)->br_netfilter_broute)) {
		*pskb = skb;
		return RX_HANDLER_PASS;
	}
	/* The hooks, if any, ran synchronously: @p is still ours. */
	lbr_pipeline_rx(p, skb);
	return RX_HANDLER_CONSUMED;
drop:
	kfree_skb(skb);
	return RX_HANDLER_CONSUMED;
}

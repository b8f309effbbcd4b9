// SPDX-License-Identifier: GPL-2.0
/* The forwarding pipeline: ingress policy, learn, classify, decide, egress. */

#include "lbridge/pipeline.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "lbridge/fdb.h"
#include "lbridge/forward.h"
#include "lbridge/mcast.h"
#include "lbridge/vlan.h"

/**
 * lbr_pipeline_learn() - the learn stage: note where a source lives
 * @p: ingress port
 * @skb: the frame, MAC header set
 * @vid: its VLAN
 * @link_local: sent to a reserved 01:80:C2:00:00:0X group
 *
 * Context: RCU read section, softirq.
 */
void lbr_pipeline_learn(struct lbr_port *p, struct sk_buff *skb, u16 vid,
			bool link_local)
{
	struct lbr_bridge *br = p->br;
	u8 state = READ_ONCE(p->state);

	if (!(READ_ONCE(p->flags) & BR_LEARNING))
		return;
	if (state != BR_STATE_LEARNING && state != BR_STATE_FORWARDING)
		return;
	if (link_local && test_bit(LBR_OPT_NO_LL_LEARN, &br->options))
		return;
	lbr_fdb_learn_rcu(br, p, eth_hdr(skb)->h_source, vid);
}

/*
 * Ingress policy: the port's state (with MST, the VLAN stage judges by
 * the VLAN's MSTI state instead).  The host's own frames always enter.
 */
static enum lbr_admit lbr_stage_ingress(struct lbr_frame *fr)
{
	if (lbr_mst_enabled(fr->br))
		return LBR_ADMIT_RELAY;
	switch (READ_ONCE(fr->in->state)) {
	case BR_STATE_DISABLED:
		return LBR_ADMIT_NONE;
	case BR_STATE_LEARNING:
		return LBR_ADMIT_LEARN;
	default:
		return LBR_ADMIT_RELAY;
	}
}

/* Whether the VLAN stage runs: some bridge filters, and this one does. */
static bool lbr_filters_vlans(const struct lbr_bridge *br)
{
	return static_branch_unlikely(&lbr_vlan_filtering_used) &&
	       test_bit(LBR_OPT_VLAN_FILTERING, &br->options);
}

/* Classify by destination; received group frames also go up the bridge. */
static void lbr_stage_classify(struct lbr_frame *fr, const u8 *dest)
{
	bool rx = fr->in;

	fr->local_rcv = rx && (fr->br->dev->flags & IFF_PROMISC);
	if (likely(!is_multicast_ether_addr(dest))) {
		fr->type = LBR_PKT_UNICAST;
		return;
	}
	/* No snooping: the host may have joined any group. */
	fr->type = is_broadcast_ether_addr(dest) ? LBR_PKT_BROADCAST :
						   LBR_PKT_MULTICAST;
	fr->local_rcv |= rx;
}

/*
 * Snooping reads IGMP and MLD in group traffic (not broadcast); a
 * malformed one is dropped.  It may pull headers: callers reread eth_hdr().
 */
static bool lbr_stage_snoop(struct lbr_frame *fr)
{
	const u8 *dest = eth_hdr(fr->skb)->h_dest;

	if (likely(!is_multicast_ether_addr(dest)) ||
	    is_broadcast_ether_addr(dest) || !lbr_mcast_snooping(fr->br))
		return true;
	fr->snoop = true;
	return !lbr_stage_mcast_snoop(fr);
}

/*
 * Decide: a known unicast station goes to its port, or up the bridge when
 * it is the bridge's own; a snooped group to its members; anything else
 * floods.  Entries without a port are always local, as in-tree; a frame
 * meeting one otherwise is dropped.
 */
static void lbr_stage_decide(struct lbr_frame *fr, const u8 *dest)
{
	struct lbr_fdb_entry *f;
	unsigned long now;

	fr->verdict = LBR_TO_FLOOD;
	if (fr->snoop && fr->type == LBR_PKT_MULTICAST) {
		lbr_stage_mcast_decide(fr);
		return;
	}
	if (fr->type != LBR_PKT_UNICAST)
		return;
	f = lbr_fdb_find_rcu(fr->br, dest, fr->vid);
	if (!f)
		return;
	if (test_bit(LBR_FDB_LOCAL, &f->dst_flags)) {
		/* The host sending to itself through the bridge: nowhere. */
		fr->verdict = fr->in ? LBR_TO_HOST : LBR_TO_NOWHERE;
		return;
	}
	fr->to = lbr_fdb_dst(f);
	fr->verdict = fr->to ? LBR_TO_PORT : LBR_TO_NOWHERE;
	if (fr->in) {
		now = jiffies;
		if (READ_ONCE(f->used) != (u32)now)
			WRITE_ONCE(f->used, now);
	}
}

/* Egress: per-port policy is applied by lbr_forward() and lbr_flood(). */
static void lbr_stage_egress(struct lbr_frame *fr)
{
	bool local_orig = !fr->in;

	switch (fr->verdict) {
	case LBR_TO_PORT:
		lbr_forward(fr->to, fr->skb, fr->local_rcv, local_orig);
		return;
	case LBR_TO_FLOOD:
		lbr_flood(fr->br, fr->skb, fr->type, fr->local_rcv, local_orig);
		return;
	case LBR_TO_GROUP:
		lbr_mcast_forward(fr);
		return;
	default:
		if (!fr->local_rcv)
			kfree_skb(fr->skb);
	}
}

/**
 * lbr_pipeline_rx() - bridge a frame a port received
 * @p: ingress port
 * @skb: the frame, data at the network header; consumed
 *
 * Context: RCU read section, softirq, past PRE_ROUTING.
 * Return: 0, or the verdict of local delivery.
 */
int lbr_pipeline_rx(struct lbr_port *p, struct sk_buff *skb)
{
	struct lbr_frame fr = { .br = p->br, .in = p, .skb = skb };
	enum lbr_admit admit = lbr_stage_ingress(&fr);
	const u8 *dest;

	if (admit == LBR_ADMIT_NONE)
		goto drop;
	if (lbr_filters_vlans(fr.br)) {
		/* A VLAN's own state counts only on a forwarding port. */
		enum lbr_admit va = lbr_stage_vlan_ingress(&fr,
							   rcu_dereference(p->vlgrp),
							   admit == LBR_ADMIT_RELAY);

		if (va == LBR_ADMIT_NONE)
			return 0;
		if (va == LBR_ADMIT_LEARN)
			admit = LBR_ADMIT_LEARN;
		skb = fr.skb;
	}
	lbr_pipeline_learn(p, skb, fr.vid, false);
	/* As in-tree, a learning port's reports and queries count too. */
	if (!lbr_stage_snoop(&fr) || admit == LBR_ADMIT_LEARN)
		goto drop;

	LBR_INPUT_CB(skb)->brdev = fr.br->dev;
	LBR_INPUT_CB(skb)->src_port_isolated =
		!!(READ_ONCE(p->flags) & BR_ISOLATED);
	dest = eth_hdr(skb)->h_dest;
	lbr_stage_classify(&fr, dest);
	lbr_stage_decide(&fr, dest);
	if (fr.verdict == LBR_TO_HOST)
		return lbr_pass_frame_up(skb);
	lbr_stage_egress(&fr);
	if (fr.local_rcv)
		return lbr_pass_frame_up(skb);
	return 0;
drop:
	kfree_skb(skb);
	return 0;
}

/**
 * lbr_pipeline_tx() - bridge a frame the host sent through the bridge
 * @br: bridge
 * @skb: the frame, MAC header set, data at the network header; consumed
 *
 * Context: RCU read section.
 */
void lbr_pipeline_tx(struct lbr_bridge *br, struct sk_buff *skb)
{
	struct lbr_frame fr = { .br = br, .skb = skb };
	const u8 *dest;

	/* As in-tree, a learning VLAN still takes the host's frames in. */
	if (lbr_filters_vlans(br) &&
	    lbr_stage_vlan_ingress(&fr, rcu_dereference(br->vlgrp), true) ==
	    LBR_ADMIT_NONE)
		return;
	if (!lbr_stage_snoop(&fr)) {
		kfree_skb(fr.skb);
		return;
	}
	dest = eth_hdr(fr.skb)->h_dest;
	lbr_stage_classify(&fr, dest);
	lbr_stage_decide(&fr, dest);
	lbr_stage_egress(&fr);
}

// SPDX-License-Identifier: GPL-2.0
/* Reassembled bridged IPv4 goes out as fragments again, as it came in. */

#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/netfilter_bridge.h>
#include <linux/skbuff.h>
#include <net/ip.h>

#include "lbridge/nf.h"
#include "lbridge/types.h"

enum lbr_frag_plan {
	LBR_FRAG_REUSE,		/* send the fragments ip_defrag() chained */
	LBR_FRAG_CUT,		/* cut the datagram anew */
	LBR_FRAG_DROP,		/* a fragment no longer fits the egress MTU */
};

/* What can be done with a datagram that still holds its fragments. */
static enum lbr_frag_plan lbr_frag_list_plan(struct sk_buff *skb,
					     unsigned int hlen,
					     unsigned int ll_rs,
					     unsigned int mtu)
{
	struct sk_buff *frag;

	if (skb_pagelen(skb) - hlen > mtu)
		return LBR_FRAG_DROP;
	if (skb_cloned(skb) || skb_headroom(skb) < ll_rs)
		return LBR_FRAG_CUT;
	skb_walk_frags(skb, frag) {
		if (frag->len > mtu)
			return LBR_FRAG_DROP;
		if (skb_shared(frag) || skb_headroom(frag) < hlen + ll_rs)
			return LBR_FRAG_CUT;
	}
	return LBR_FRAG_REUSE;
}

/* The original fragments, each with the first one's header brought up to date. */
static int lbr_frag_send_list(struct net *net, struct sock *sk,
			      struct sk_buff *skb, unsigned int hlen,
			      struct nf_bridge_frag_data *data,
			      lbr_nf_frag_output_t output)
{
	u8 kind = lbr_skb_tstamp_kind(skb);
	ktime_t tstamp = skb->tstamp;
	struct ip_fraglist_iter iter;
	int err;

	ip_fraglist_init(skb, ip_hdr(skb), hlen, &iter);
	for (;;) {
		if (iter.frag)
			ip_fraglist_prepare(skb, &iter);
		skb_set_delivery_time(skb, tstamp, kind);
		err = output(net, sk, data, skb);
		if (err || !iter.frag)
			break;
		skb = ip_fraglist_next(&iter);
	}
	if (err)
		kfree_skb_list(iter.frag);
	return err;
}

/* Cut anew, no piece larger than the largest fragment that came in. */
static int lbr_frag_send_cut(struct net *net, struct sock *sk,
			     struct sk_buff *skb, unsigned int hlen,
			     unsigned int ll_rs, struct nf_bridge_frag_data *data,
			     lbr_nf_frag_output_t output)
{
	unsigned int max = LBR_INPUT_CB(skb)->frag_max_size - hlen;
	u8 kind = lbr_skb_tstamp_kind(skb);
	ktime_t tstamp = skb->tstamp;
	struct ip_frag_state state;
	struct sk_buff *piece;
	int err;

	ip_frag_init(skb, hlen, ll_rs, max, false, &state);
	while (state.left > 0) {
		piece = ip_frag_next(skb, &state);
		if (IS_ERR(piece)) {
			kfree_skb(skb);
			return PTR_ERR(piece);
		}
		skb_set_delivery_time(piece, tstamp, kind);
		err = output(net, sk, data, piece);
		if (err) {
			kfree_skb(skb);
			return err;
		}
	}
	consume_skb(skb);
	return 0;
}

/**
 * lbr_nf_ip_fragment() - send a reassembled IPv4 datagram as fragments
 * @net: its netns
 * @sk: socket, if any
 * @skb: the datagram, network header at data; consumed
 * @data: Ethernet header and tag each fragment gets
 * @output: sends one fragment (consumes it)
 *
 * The fragments ip_defrag() chained go out as they came when nothing
 * stops it (geometry kept, as in-tree); else the datagram is cut anew.
 * A datagram that cannot be sent is dropped.
 *
 * Context: softirq, RCU read section (POST_ROUTING).
 * Return: 0 or the first error.
 */
int lbr_nf_ip_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		       struct nf_bridge_frag_data *data,
		       lbr_nf_frag_output_t output)
{
	enum lbr_frag_plan plan;
	unsigned int hlen, ll_rs;

	/* Offloaded checksums are finished before the payload is split. */
	if (skb->ip_summed == CHECKSUM_PARTIAL &&
	    (ip_check_csum_start(skb) || skb_checksum_help(skb)))
		goto drop;
	hlen = ip_hdrlen(skb);
	ll_rs = LL_RESERVED_SPACE(skb->dev);
	plan = skb_has_frag_list(skb) ?
	       lbr_frag_list_plan(skb, hlen, ll_rs, skb->dev->mtu) : LBR_FRAG_CUT;
	if (plan == LBR_FRAG_DROP)
		goto drop;
	if (plan == LBR_FRAG_REUSE)
		return lbr_frag_send_list(net, sk, skb, hlen, data, output);
	return lbr_frag_send_cut(net, sk, skb, hlen, ll_rs, data, output);
drop:
	kfree_skb(skb);
	return 0;
}

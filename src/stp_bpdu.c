// SPDX-License-Identifier: GPL-2.0
/* 802.1D BPDUs: validate and queue on receipt, decode for the worker, build and send. */

#include "lbridge/rstp.h"
#include "lbridge/stp.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/kfifo.h>
#include <linux/netfilter_bridge.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>

#include "lbridge/port.h"

/* LLC header of a BPDU: DSAP and SSAP 0x42 (bridge spanning tree), UI. */
#define LBR_LLC_SAP_BSPAN	0x42
#define LBR_LLC_UI		0x03
#define LBR_LLC_LEN		3

/* BPDU lengths (802.1D 9.3): protocol id, version, type, then the rest. */
#define LBR_BPDU_CONFIG_LEN	35
#define LBR_BPDU_TCN_LEN	4
/* An RST BPDU: a config BPDU's fields and the version 1 length (0). */
#define LBR_BPDU_RST_LEN	36
#define LBR_BPDU_VERSION_RSTP	2

/* Offsets in a configuration BPDU. */
#define LBR_BPDU_OFF_FLAGS	4
#define LBR_BPDU_OFF_ROOT	5
#define LBR_BPDU_OFF_COST	13
#define LBR_BPDU_OFF_BRIDGE	17
#define LBR_BPDU_OFF_PORT	25
#define LBR_BPDU_OFF_AGE	27
#define LBR_BPDU_OFF_MAX_AGE	29
#define LBR_BPDU_OFF_HELLO	31
#define LBR_BPDU_OFF_FWD	33

/*
 * Timer values a BPDU may carry, in 1/256 s: what an 802.1D bridge may be
 * configured to (the in-tree bridge's ranges).  A BPDU outside them comes
 * from no conforming bridge; adopting it could make this bridge forward
 * at once (a forward delay of 0) or never age its root.
 */
#define LBR_BPDU_HELLO_MIN	(1 * LBR_STP_HZ)
#define LBR_BPDU_HELLO_MAX	(10 * LBR_STP_HZ)
#define LBR_BPDU_FWD_MIN	(2 * LBR_STP_HZ)
#define LBR_BPDU_FWD_MAX	(30 * LBR_STP_HZ)
#define LBR_BPDU_MAX_AGE_MIN	(6 * LBR_STP_HZ)
#define LBR_BPDU_MAX_AGE_MAX	(40 * LBR_STP_HZ)

static bool lbr_bpdu_in(u16 v, u16 lo, u16 hi)
{
	return v >= lo && v <= hi;
}

/* Decode a configuration BPDU at @b (LBR_BPDU_CONFIG_LEN bytes). */
static bool lbr_bpdu_decode_config(const u8 *b, struct lbr_stp_msg *m)
{
	m->flags = b[LBR_BPDU_OFF_FLAGS];
	memcpy(&m->root, b + LBR_BPDU_OFF_ROOT, sizeof(m->root));
	m->root_path_cost = get_unaligned_be32(b + LBR_BPDU_OFF_COST);
	memcpy(&m->bridge, b + LBR_BPDU_OFF_BRIDGE, sizeof(m->bridge));
	m->port_id = get_unaligned_be16(b + LBR_BPDU_OFF_PORT);
	m->message_age = get_unaligned_be16(b + LBR_BPDU_OFF_AGE);
	m->max_age = get_unaligned_be16(b + LBR_BPDU_OFF_MAX_AGE);
	m->hello_time = get_unaligned_be16(b + LBR_BPDU_OFF_HELLO);
	m->forward_delay = get_unaligned_be16(b + LBR_BPDU_OFF_FWD);

	return m->message_age < m->max_age &&
	       lbr_bpdu_in(m->max_age, LBR_BPDU_MAX_AGE_MIN,
			   LBR_BPDU_MAX_AGE_MAX) &&
	       lbr_bpdu_in(m->hello_time, LBR_BPDU_HELLO_MIN,
			   LBR_BPDU_HELLO_MAX) &&
	       lbr_bpdu_in(m->forward_delay, LBR_BPDU_FWD_MIN,
			   LBR_BPDU_FWD_MAX);
}

/*
 * Check the 802.3 framing, the LLC header and the BPDU itself and decode
 * it into @m.  The length field bounds the BPDU (padding after it is
 * fine); anything else is invalid.
 */
static bool lbr_bpdu_parse(struct sk_buff *skb, struct lbr_stp_msg *m,
			   bool rstp)
{
	unsigned int len = ntohs(eth_hdr(skb)->h_proto);
	const u8 *b;

	if (len > ETH_DATA_LEN || len < LBR_LLC_LEN + LBR_BPDU_TCN_LEN ||
	    len > skb->len || !pskb_may_pull(skb, len))
		return false;
	b = skb->data;
	if (b[0] != LBR_LLC_SAP_BSPAN || b[1] != LBR_LLC_SAP_BSPAN ||
	    b[2] != LBR_LLC_UI)
		return false;
	b += LBR_LLC_LEN;
	len -= LBR_LLC_LEN;
	/*
	 * Protocol id 0.  802.1D takes version 0 only, as in-tree; RSTP
	 * takes every version (9.3.4), RST BPDUs from version 2 on.
	 */
	if (b[0] || b[1] || (b[2] && !rstp))
		return false;
	m->version = b[2];
	m->type = b[3];
	if (m->type == LBR_BPDU_TCN)
		return true;
	if (m->type == LBR_BPDU_CONFIG && len >= LBR_BPDU_CONFIG_LEN)
		return lbr_bpdu_decode_config(b, m);
	if (m->type == LBR_BPDU_RST && m->version >= LBR_BPDU_VERSION_RSTP &&
	    len >= LBR_BPDU_RST_LEN)
		return lbr_bpdu_decode_config(b, m);
	return false;
}

/*
 * Queue @m for the worker (1), or fold it into the same port's identical
 * BPDU still waiting there (0): a flood of repeats then costs the worker,
 * and RTNL, one run instead of one each.  -ENOSPC if the fifo is full.
 */
static int lbr_stp_rx_queue(struct lbr_port *p, const struct lbr_stp_msg *m)
{
	struct lbr_bridge *br = p->br;
	unsigned long flags;
	int ret = 1;

	spin_lock_irqsave(&br->stp_rx_lock, flags);
	if (p->stp_rx_pending && !memcmp(&p->stp_rx_last, m, sizeof(*m))) {
		if (p->stp_rx_repeats < U16_MAX)
			p->stp_rx_repeats++;
		ret = 0;
	} else if (kfifo_in(&br->stp_rx, m, 1)) {
		p->stp_rx_last = *m;
		p->stp_rx_pending = true;
		p->stp_rx_repeats = 0;
	} else {
		ret = -ENOSPC;
	}
	spin_unlock_irqrestore(&br->stp_rx_lock, flags);
	return ret;
}

/* The oldest queued BPDU into @m, with the repeats folded into it. */
static bool lbr_stp_rx_take_rtnl(struct lbr_bridge *br, struct lbr_stp_msg *m)
{
	struct lbr_port *p;
	unsigned long flags;
	bool got;

	ASSERT_RTNL();
	spin_lock_irqsave(&br->stp_rx_lock, flags);
	got = kfifo_out(&br->stp_rx, m, 1);
	p = got ? lbr_port_by_no_rtnl(br, m->port_no) : NULL;
	if (p && p->stp_rx_pending && !memcmp(&p->stp_rx_last, m, sizeof(*m))) {
		m->repeats = p->stp_rx_repeats;
		p->stp_rx_pending = false;
	}
	spin_unlock_irqrestore(&br->stp_rx_lock, flags);
	return got;
}

/**
 * lbr_stp_rcv() - a frame for the STP group address arrived on @p
 * @p: the receiving port
 * @skb: the frame, data at the 802.3 payload
 *
 * Validates it and queues the decoded BPDU for the STP worker (kernel
 * STP on a running bridge, an enabled port); the frame is consumed either
 * way.  With BPDU guard set the worker disables the port instead.
 *
 * Context: softirq, RCU read section.
 * Return: RX_HANDLER_CONSUMED.
 */
rx_handler_result_t lbr_stp_rcv(struct lbr_port *p, struct sk_buff *skb)
{
	struct lbr_bridge *br = p->br;
	struct lbr_stp_msg m;
	int ret;

	/* Whole, padding too: queued BPDUs are compared with memcmp(). */
	memset(&m, 0, sizeof(m));
	if (READ_ONCE(br->stp_enabled) != LBR_KERNEL_STP ||
	    !netif_running(br->dev) ||
	    READ_ONCE(p->state) == BR_STATE_DISABLED)
		goto out;
	if (!lbr_bpdu_parse(skb, &m, lbr_rstp_running(br))) {
		atomic_long_inc(&br->stp_rx_invalid);
		goto out;
	}
	m.ifindex = p->dev->ifindex;
	m.port_no = p->port_no;
	ret = lbr_stp_rx_queue(p, &m);
	if (ret < 0)
		atomic_long_inc(&br->stp_rx_dropped);
	else if (ret)
		lbr_stp_kick(br);
out:
	consume_skb(skb);
	return RX_HANDLER_CONSUMED;
}

/* A BPDU for BPDU guard: 802.1D has no such thing; in-tree's reaction. */
static void lbr_stp_bpdu_guard_rtnl(struct lbr_port *p)
{
	netdev_notice(p->br->dev, "BPDU received on blocked port %u(%s)\n",
		      p->port_no, p->dev->name);
	lbr_stp_disable_port_rtnl(p);
}

static void lbr_stp_rx_one_rtnl(struct lbr_bridge *br,
				const struct lbr_stp_msg *m)
{
	struct lbr_port *p = lbr_port_by_no_rtnl(br, m->port_no);

	/* The port may have gone (and its number been reused) meanwhile. */
	if (!p || p->dev->ifindex != m->ifindex ||
	    br->stp_enabled != LBR_KERNEL_STP || !netif_running(br->dev) ||
	    p->state == BR_STATE_DISABLED)
		return;
	if (p->flags & BR_BPDU_GUARD) {
		lbr_stp_bpdu_guard_rtnl(p);
		return;
	}
	if (lbr_rstp_running(br))
		lbr_rstp_received_rtnl(p, m);
	else if (m->type == LBR_BPDU_CONFIG)
		lbr_stp_received_config_rtnl(p, m);
	else if (m->type == LBR_BPDU_TCN)
		lbr_stp_received_tcn_rtnl(p, m);
}

/**
 * lbr_stp_rx_drain_rtnl() - handle the BPDUs the datapath queued
 * @br: bridge
 * @budget: at most this many
 * @more: set if some are left
 *
 * Context: RTNL held (the BPDU work).
 */
void lbr_stp_rx_drain_rtnl(struct lbr_bridge *br, unsigned int budget,
			   bool *more)
{
	struct lbr_stp_msg m;

	ASSERT_RTNL();
	while (budget--) {
		if (!lbr_stp_rx_take_rtnl(br, &m))
			return;
		lbr_stp_rx_one_rtnl(br, &m);
	}
	*more = !kfifo_is_empty(&br->stp_rx);
}

static int lbr_stp_xmit_finish(struct net *net, struct sock *sk,
			       struct sk_buff *skb)
{
	return dev_queue_xmit(skb);
}

/*
 * Send @len bytes of BPDU out of @p: 802.3 + LLC framing, LOCAL_OUT hook.
 * False if no skb could be had (nothing was sent).
 */
static bool lbr_stp_send_rtnl(struct lbr_port *p, const u8 *bpdu,
			      unsigned int len)
{
	struct net_device *dev = p->dev;
	struct sk_buff *skb;
	struct ethhdr *eh;
	u8 *llc;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + LBR_LLC_LEN + len +
			dev->needed_tailroom, GFP_KERNEL);
	if (!skb)
		return false;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	llc = skb_put(skb, LBR_LLC_LEN);
	llc[0] = LBR_LLC_SAP_BSPAN;
	llc[1] = LBR_LLC_SAP_BSPAN;
	llc[2] = LBR_LLC_UI;
	skb_put_data(skb, bpdu, len);

	eh = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eh->h_dest, p->br->group_addr);
	ether_addr_copy(eh->h_source, dev->dev_addr);
	eh->h_proto = htons(LBR_LLC_LEN + len);	/* 802.3: a length */

	skb->dev = dev;
	skb->protocol = htons(ETH_P_802_2);
	skb->priority = TC_PRIO_CONTROL;
	NF_HOOK(NFPROTO_BRIDGE, NF_BR_LOCAL_OUT, dev_net(dev), NULL, skb,
		NULL, dev, lbr_stp_xmit_finish);
	return true;
}

/* The fields a config and an RST BPDU share, from @m into @b. */
static void lbr_bpdu_encode_config(u8 *b, const struct lbr_stp_msg *m)
{
	b[LBR_BPDU_OFF_FLAGS] = m->flags;
	memcpy(b + LBR_BPDU_OFF_ROOT, &m->root, sizeof(m->root));
	put_unaligned_be32(m->root_path_cost, b + LBR_BPDU_OFF_COST);
	memcpy(b + LBR_BPDU_OFF_BRIDGE, &m->bridge, sizeof(m->bridge));
	put_unaligned_be16(m->port_id, b + LBR_BPDU_OFF_PORT);
	put_unaligned_be16(m->message_age, b + LBR_BPDU_OFF_AGE);
	put_unaligned_be16(m->max_age, b + LBR_BPDU_OFF_MAX_AGE);
	put_unaligned_be16(m->hello_time, b + LBR_BPDU_OFF_HELLO);
	put_unaligned_be16(m->forward_delay, b + LBR_BPDU_OFF_FWD);
}

/**
 * lbr_stp_send_config_rtnl() - send a configuration BPDU
 * @p: port to send it on
 * @m: its contents (times in 1/256 s)
 *
 * Context: RTNL held.
 */
void lbr_stp_send_config_rtnl(struct lbr_port *p, const struct lbr_stp_msg *m)
{
	u8 b[LBR_BPDU_CONFIG_LEN] = {};

	ASSERT_RTNL();
	if (p->br->stp_enabled != LBR_KERNEL_STP)
		return;
	b[3] = LBR_BPDU_CONFIG;
	lbr_bpdu_encode_config(b, m);
	if (lbr_stp_send_rtnl(p, b, sizeof(b)))
		p->stp_stats.tx_bpdu++;
}

/**
 * lbr_stp_send_rst_rtnl() - send an RST BPDU
 * @p: port to send it on
 * @m: its contents (times in 1/256 s, flags with the role)
 *
 * Context: RTNL held.
 * Return: true if it was sent.
 */
bool lbr_stp_send_rst_rtnl(struct lbr_port *p, const struct lbr_stp_msg *m)
{
	u8 b[LBR_BPDU_RST_LEN] = {};

	ASSERT_RTNL();
	if (p->br->stp_enabled != LBR_KERNEL_STP)
		return false;
	b[2] = LBR_BPDU_VERSION_RSTP;
	b[3] = LBR_BPDU_RST;
	lbr_bpdu_encode_config(b, m);
	return lbr_stp_send_rtnl(p, b, sizeof(b));
}

/**
 * lbr_stp_send_tcn_rtnl() - send a topology change notification BPDU
 * @p: port to send it on (the root port)
 *
 * Context: RTNL held.
 */
void lbr_stp_send_tcn_rtnl(struct lbr_port *p)
{
	static const u8 b[LBR_BPDU_TCN_LEN] = { 0, 0, 0, LBR_BPDU_TCN };

	ASSERT_RTNL();
	if (p->br->stp_enabled != LBR_KERNEL_STP)
		return;
	if (lbr_stp_send_rtnl(p, b, sizeof(b)))
		p->stp_stats.tx_tcn++;
}

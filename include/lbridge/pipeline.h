/* SPDX-License-Identifier: GPL-2.0 */
/* The forwarding pipeline that received and host-sent frames share. */
#ifndef _LBR_PIPELINE_H
#define _LBR_PIPELINE_H

#include <linux/skbuff.h>
#include <linux/types.h>

#include "lbridge/forward.h"

struct lbr_bridge;
struct lbr_mdb_entry;
struct lbr_port;

/* What the ingress policy lets a received frame do. */
enum lbr_admit {
	LBR_ADMIT_NONE,		/* drop it */
	LBR_ADMIT_LEARN,	/* learn its source, then drop it (802.1D 7.7) */
	LBR_ADMIT_RELAY,	/* learn and relay */
};

/**
 * enum lbr_verdict - what the decide stage made of a frame
 * @LBR_TO_FLOOD: every eligible port (unknown unicast, multicast, broadcast)
 * @LBR_TO_PORT: one port, lbr_frame.to
 * @LBR_TO_HOST: the bridge's own address: up the bridge device only
 * @LBR_TO_NOWHERE: dropped (a received frame may still go up, local_rcv)
 * @LBR_TO_GROUP: a snooped group's members and the router ports
 *	(lbr_frame.mdst, NULL when only routers want it)
 */
enum lbr_verdict {
	LBR_TO_FLOOD,
	LBR_TO_PORT,
	LBR_TO_HOST,
	LBR_TO_NOWHERE,
	LBR_TO_GROUP,
};

/**
 * struct lbr_frame - one frame's way through the pipeline, on the stack
 * @br: the bridge
 * @in: ingress port; NULL when the bridge device itself sent the frame
 * @skb: the frame, data at the network header
 * @vid: VLAN the frame is classified into (0 until VLAN filtering)
 * @type: what the destination address is
 * @verdict: where it goes, set by the decide stage
 * @local_rcv: a received frame also goes up the bridge device
 * @snoop: the snooping stage read it (multicast snooping on, group traffic)
 * @to: egress port when @verdict is LBR_TO_PORT
 * @mdst: the group when @verdict is LBR_TO_GROUP
 *
 * Stages read and write only this, so a feature (VLAN, STP, snooping)
 * adds a stage that refines it instead of a branch in each entry point.
 */
struct lbr_frame {
	struct lbr_bridge	*br;
	struct lbr_port		*in;
	struct sk_buff		*skb;
	u16			vid;
	u8			type;
	u8			verdict;
	bool			local_rcv;
	bool			snoop;
	const struct lbr_port	*to;
	struct lbr_mdb_entry	*mdst;
};

void lbr_pipeline_learn(struct lbr_port *p, struct sk_buff *skb, u16 vid,
			bool link_local);
int lbr_pipeline_rx(struct lbr_port *p, struct sk_buff *skb);
void lbr_pipeline_tx(struct lbr_bridge *br, struct sk_buff *skb);

#endif /* _LBR_PIPELINE_H */

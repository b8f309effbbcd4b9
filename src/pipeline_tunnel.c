// SPDX-License-Identifier: GPL-2.0
/* The VLAN tunnel stages: tunnel id to VLAN on ingress, VLAN to tunnel id on egress. */

#include "lbridge/vlan.h"
#include "lbridge/types.h"

#include <linux/if_vlan.h>
#include <linux/skbuff.h>
#include <net/dst_metadata.h>
#include <net/ip_tunnels.h>

/**
 * lbr_stage_tunnel_ingress() - give a frame from a tunnel its VLAN
 * @p: ingress port, with vlan_tunnel on
 * @skb: the frame
 *
 * An untagged frame whose tunnel id (VXLAN VNI) the port maps takes that
 * VLAN as its tag and loses the tunnel metadata, before any other stage,
 * as in-tree (with or without VLAN filtering).
 *
 * Context: RCU read section, softirq.
 */
void lbr_stage_tunnel_ingress(const struct lbr_port *p, struct sk_buff *skb)
{
	const struct ip_tunnel_info *info = skb_tunnel_info(skb);
	struct lbr_vlan_group *vg = rcu_dereference(p->vlgrp);
	const struct lbr_vlan_tunnel *t;
	__be32 key;

	if (!info || !vg || skb_vlan_tagged(skb))
		return;
	key = tunnel_id_to_key32(info->key.tun_id);
	/* Ids are 32 bits here: a wider one maps to no VLAN. */
	if (key32_to_tunnel_id(key) != info->key.tun_id)
		return;
	t = xa_load(&vg->tunnel_by_id, be32_to_cpu(key));
	if (!t)
		return;
	skb_dst_drop(skb);
	__vlan_hwaccel_put_tag(skb, READ_ONCE(p->br->vlan_proto), t->vid);
}

/**
 * lbr_stage_tunnel_egress() - send a frame into its VLAN's tunnel
 * @vg: the VLANs of the egress port, which has vlan_tunnel on
 * @skb: the frame, one copy per egress, after egress untagging
 *
 * A filtered frame still tagged with a mapped VLAN leaves untagged, with
 * metadata naming the tunnel id for the tunnel device (collect-metadata
 * VXLAN) to encapsulate with.
 *
 * Context: RCU read section.
 */
void lbr_stage_tunnel_egress(struct lbr_vlan_group *vg, struct sk_buff *skb)
{
	const struct lbr_vlan_tunnel *t;

	if (!vg || !LBR_INPUT_CB(skb)->vlan_filtered ||
	    !skb_vlan_tag_present(skb))
		return;
	t = xa_load(&vg->tunnel_by_vid, skb_vlan_tag_get_id(skb));
	if (!t || !t->id)
		return;
	skb_dst_drop(skb);
	/* Only the skb's tag: an inner 802.1Q tag stays in the payload. */
	__vlan_hwaccel_clear_tag(skb);
	if (dst_hold_safe(&t->dst->dst))
		skb_dst_set(skb, &t->dst->dst);
}

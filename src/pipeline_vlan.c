// SPDX-License-Identifier: GPL-2.0
/* The VLAN stages: classify and filter on ingress, filter and untag on egress. */

#include "lbridge/vlan.h"
#include "lbridge/types.h"

#include <linux/if_bridge.h>
#include <linux/if_vlan.h>
#include <linux/skbuff.h>

#include "lbridge/pipeline.h"

/*
 * A tag of the other protocol (802.1ad on an 802.1Q bridge, say) is no
 * tag here: it goes back into the payload and the frame counts as
 * untagged.  Return: the frame, or NULL (freed) without memory.
 */
static struct sk_buff *lbr_vlan_foreign_tag(struct sk_buff *skb)
{
	skb_push(skb, ETH_HLEN);
	skb = vlan_insert_tag_set_proto(skb, skb->vlan_proto,
					skb_vlan_tag_get(skb));
	if (!skb)
		return NULL;
	skb_pull(skb, ETH_HLEN);
	skb_reset_mac_len(skb);
	return skb;
}

/* The frame's VLAN as a tag in the skb, 0 if untagged or priority-tagged. */
static struct sk_buff *lbr_vlan_take_tag(struct sk_buff *skb, __be16 proto,
					 u16 *vid, bool *tagged)
{
	*vid = 0;
	*tagged = false;
	/* Sent by a VLAN device on the bridge without tx offload, say. */
	if (unlikely(!skb_vlan_tag_present(skb) && skb->protocol == proto)) {
		skb = skb_vlan_untag(skb);
		if (!skb)
			return NULL;
	}
	if (!skb_vlan_tag_present(skb))
		return skb;
	if (skb->vlan_proto != proto)
		return lbr_vlan_foreign_tag(skb);
	*vid = skb_vlan_tag_get_id(skb);
	*tagged = true;
	return skb;
}

/* A blocked VLAN's state: learning learns only; the others drop. */
static enum lbr_admit lbr_vlan_admit(struct lbr_vlan_group *vg, u16 vid)
{
	switch (lbr_vlan_state_rcu(vg, vid)) {
	case BR_STATE_FORWARDING:
		return LBR_ADMIT_RELAY;
	case BR_STATE_LEARNING:
		return LBR_ADMIT_LEARN;
	default:
		return LBR_ADMIT_NONE;
	}
}

/**
 * lbr_stage_vlan_ingress() - classify a frame into a VLAN, or drop it
 * @fr: the frame; @fr->skb may be replaced, and is freed on LBR_ADMIT_NONE
 * @vg: the VLANs of the ingress port, or of the bridge for its own frames
 * @check_state: apply the VLAN's own STP state (bridge vlan set ... state)
 *
 * Untagged and priority-tagged frames take the pvid (none: dropped); a
 * VLAN the port does not have is dropped, as in-tree.
 *
 * Context: RCU read section.
 * Return: what the frame may do.
 */
enum lbr_admit lbr_stage_vlan_ingress(struct lbr_frame *fr,
				      struct lbr_vlan_group *vg, bool check_state)
{
	enum lbr_admit admit = LBR_ADMIT_RELAY;

	__be16 proto = READ_ONCE(fr->br->vlan_proto);
	struct sk_buff *skb;
	bool tagged;
	u16 pvid;

	if (unlikely(!vg)) {
		/* A port still being set up or torn down. */
		kfree_skb(fr->skb);
		fr->skb = NULL;
		return LBR_ADMIT_NONE;
	}
	LBR_INPUT_CB(fr->skb)->vlan_filtered = 1;
	skb = lbr_vlan_take_tag(fr->skb, proto, &fr->vid, &tagged);
	fr->skb = skb;
	if (!skb)
		return LBR_ADMIT_NONE;
	if (!fr->vid) {
		pvid = READ_ONCE(vg->pvid);
		if (!pvid)
			goto drop;
		fr->vid = pvid;
		if (likely(!tagged))
			__vlan_hwaccel_put_tag(skb, proto, pvid);
		else
			skb->vlan_tci |= pvid;
	}
	if (!lbr_vlan_member(vg, fr->vid))
		goto drop;
	if (check_state && unlikely(test_bit(fr->vid, vg->blocked)))
		admit = lbr_vlan_admit(vg, fr->vid);
	if (admit == LBR_ADMIT_NONE)
		goto drop;
	if (lbr_vlan_counts(fr->br))
		lbr_vlan_count_rcu(vg, fr->vid, skb->len, true);
	return admit;
drop:
	kfree_skb(skb);
	fr->skb = NULL;
	return LBR_ADMIT_NONE;
}

/**
 * lbr_vlan_egress_allowed() - may a filtered frame leave by @vg's owner?
 * @vg: the VLANs of the egress port, or of the bridge for local delivery
 * @skb: the frame
 *
 * Context: RCU read section.
 */
bool lbr_vlan_egress_allowed(const struct lbr_vlan_group *vg,
			     const struct sk_buff *skb)
{
	u16 vid;

	if (!LBR_INPUT_CB(skb)->vlan_filtered)
		return true;
	vid = skb_vlan_tag_get_id(skb);
	/* Only a forwarding VLAN sends. */
	return lbr_vlan_member(vg, vid) && !test_bit(vid, vg->blocked);
}

/**
 * lbr_vlan_egress_untag() - count a frame out, drop the tag where its VLAN leaves untagged
 * @br: bridge
 * @vg: the VLANs of the egress port, or of the bridge
 * @skb: the frame, one copy per egress
 *
 * Context: RCU read section.
 */
void lbr_vlan_egress_untag(const struct lbr_bridge *br,
			   struct lbr_vlan_group *vg, struct sk_buff *skb)
{
	u16 vid;

	if (!LBR_INPUT_CB(skb)->vlan_filtered || !vg)
		return;
	vid = skb_vlan_tag_get_id(skb);
	if (lbr_vlan_counts(br))
		lbr_vlan_count_rcu(vg, vid, skb->len, false);
	if (test_bit(vid, vg->untagged))
		__vlan_hwaccel_clear_tag(skb);
}

/**
 * lbr_vlan_learn_vid() - the VLAN a link-local frame's source is learnt in
 * @p: ingress port
 * @skb: the frame
 * @vid: set to the VLAN
 *
 * Context: RCU read section.
 * Return: false if the port may not learn from it (no such VLAN).
 */
bool lbr_vlan_learn_vid(const struct lbr_port *p, const struct sk_buff *skb,
			u16 *vid)
{
	struct lbr_vlan_group *vg;

	*vid = 0;
	if (!test_bit(LBR_OPT_VLAN_FILTERING, &p->br->options))
		return true;
	vg = rcu_dereference(p->vlgrp);
	if (!vg)
		return false;
	if (skb_vlan_tag_present(skb) &&
	    skb->vlan_proto == READ_ONCE(p->br->vlan_proto))
		*vid = skb_vlan_tag_get_id(skb);
	if (!*vid)
		*vid = READ_ONCE(vg->pvid);
	if (!*vid || !lbr_vlan_member(vg, *vid))
		return false;
	return !test_bit(*vid, vg->blocked) ||
	       lbr_vlan_admit(vg, *vid) != LBR_ADMIT_NONE;
}

// SPDX-License-Identifier: GPL-2.0
/* Bridge-wide VLAN options: vlan_filtering, vlan_protocol, default_pvid. */

#include "lbridge/vlan.h"
#include "lbridge/types.h"

#include <linux/bitmap.h>
#include <linux/if_bridge.h>
#include <linux/if_vlan.h>
#include <linux/jump_label.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

/* 802.1Q-2014 8.6.3: the groups a provider (802.1ad) bridge relays. */
#define LBR_GROUPFWD_8021AD	0xb801

/**
 * lbr_vlan_recalc_groups_rtnl() - the group address and required mask
 * @br: bridge
 *
 * An 802.1ad bridge that filters uses the provider bridge group address
 * (01:80:c2:00:00:08) unless the user set one, and relays the groups of
 * LBR_GROUPFWD_8021AD but its own, as in-tree.
 *
 * Context: RTNL held.
 */
void lbr_vlan_recalc_groups_rtnl(struct lbr_bridge *br)
{
	bool provider = test_bit(LBR_OPT_VLAN_FILTERING, &br->options) &&
			br->vlan_proto == htons(ETH_P_8021AD);

	ASSERT_RTNL();
	if (!test_bit(LBR_OPT_GROUP_ADDR_SET, &br->options))
		WRITE_ONCE(br->group_addr[5], provider ? 0x08 : 0x00);
	WRITE_ONCE(br->group_fwd_mask_required,
		   provider ? LBR_GROUPFWD_8021AD & ~BIT(br->group_addr[5]) : 0);
}

/* Bridges with vlan_filtering 1: while none, the datapath skips VLANs. */
DEFINE_STATIC_KEY_FALSE(lbr_vlan_filtering_used);

/**
 * lbr_vlan_set_filtering_rtnl() - vlan_filtering
 * @br: bridge
 * @val: nonzero to filter
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0.
 */
int lbr_vlan_set_filtering_rtnl(struct lbr_bridge *br, unsigned long val,
				struct netlink_ext_ack *extack)
{
	bool on = !!val;

	ASSERT_RTNL();
	if (test_bit(LBR_OPT_VLAN_FILTERING, &br->options) == on)
		return 0;
	if (on) {
		static_branch_inc(&lbr_vlan_filtering_used);
		set_bit(LBR_OPT_VLAN_FILTERING, &br->options);
	} else {
		clear_bit(LBR_OPT_VLAN_FILTERING, &br->options);
		static_branch_dec(&lbr_vlan_filtering_used);
	}
	lbr_vlan_recalc_groups_rtnl(br);
	return 0;
}

/**
 * lbr_vlan_bridge_gone_rtnl() - a bridge being freed stops filtering
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_vlan_bridge_gone_rtnl(struct lbr_bridge *br)
{
	lbr_vlan_set_filtering_rtnl(br, 0, NULL);
}

/* Put every VLAN of @p in its device's filter for @proto; all or none. */
static int lbr_vlan_port_filter_add(struct lbr_port *p, __be16 proto)
{
	const struct lbr_vlan_group *vg = rtnl_dereference(p->vlgrp);
	unsigned long vid, failed;
	int err;

	for_each_set_bit(vid, vg->member, VLAN_N_VID) {
		err = vlan_vid_add(p->dev, proto, vid);
		if (err)
			goto err_undo;
	}
	return 0;

err_undo:
	failed = vid;
	for_each_set_bit(vid, vg->member, failed)
		vlan_vid_del(p->dev, proto, vid);
	return err;
}

static void lbr_vlan_port_filter_del(struct lbr_port *p, __be16 proto)
{
	const struct lbr_vlan_group *vg = rtnl_dereference(p->vlgrp);
	unsigned long vid;

	for_each_set_bit(vid, vg->member, VLAN_N_VID)
		vlan_vid_del(p->dev, proto, vid);
}

/**
 * lbr_vlan_set_proto_rtnl() - vlan_protocol: 802.1Q or 802.1ad
 * @br: bridge
 * @val: ETH_P_8021Q or ETH_P_8021AD, in network order as the attribute
 * @extack: netlink extended ack
 *
 * The ports' device filters get every VLAN in the new protocol before
 * they lose the old one; a refusal undoes what was added.
 *
 * Context: RTNL held.
 * Return: 0, -EPROTONOSUPPORT for another protocol, or a device's errno.
 */
int lbr_vlan_set_proto_rtnl(struct lbr_bridge *br, unsigned long val,
			    struct netlink_ext_ack *extack)
{
	__be16 proto = (__force __be16)(u16)val, old = br->vlan_proto;
	struct lbr_port *p;
	int err;

	ASSERT_RTNL();
	if (!eth_type_vlan(proto))
		return -EPROTONOSUPPORT;
	if (proto == old)
		return 0;
	list_for_each_entry(p, &br->port_list, list) {
		err = lbr_vlan_port_filter_add(p, proto);
		if (err)
			goto err_undo;
	}
	WRITE_ONCE(br->vlan_proto, proto);
	lbr_vlan_recalc_groups_rtnl(br);
	list_for_each_entry(p, &br->port_list, list)
		lbr_vlan_port_filter_del(p, old);
	return 0;

err_undo:
	list_for_each_entry_continue_reverse(p, &br->port_list, list)
		lbr_vlan_port_filter_del(p, proto);
	return err;
}

/* @vid is @vg's pvid, untagged: what the default pvid made, untouched. */
static bool lbr_vlan_is_default_pvid(const struct lbr_vlan_group *vg, u16 vid)
{
	return vid && vg->pvid == vid && test_bit(vid, vg->member) &&
	       test_bit(vid, vg->untagged);
}

static void lbr_vlan_disable_default_pvid_rtnl(struct lbr_bridge *br)
{
	u16 pvid = br->default_pvid;
	struct lbr_port *p;

	if (lbr_vlan_is_default_pvid(rtnl_dereference(br->vlgrp), pvid) &&
	    !lbr_vlan_bridge_del_rtnl(br, pvid))
		lbr_vlan_notify(br, NULL, pvid, 0, RTM_DELVLAN);
	list_for_each_entry(p, &br->port_list, list) {
		if (lbr_vlan_is_default_pvid(rtnl_dereference(p->vlgrp), pvid) &&
		    !lbr_vlan_port_del_rtnl(p, pvid))
			lbr_vlan_notify(br, p, pvid, 0, RTM_DELVLAN);
	}
	br->default_pvid = 0;
}

#define LBR_PVID_FLAGS	(BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED)

/* Move the bridge device from the old default pvid; true if it moved. */
static int lbr_vlan_move_bridge_pvid_rtnl(struct lbr_bridge *br, u16 old,
					  u16 pvid, struct netlink_ext_ack *extack)
{
	struct lbr_vlan_group *vg = rtnl_dereference(br->vlgrp);
	bool changed;
	int err;

	if ((old && !lbr_vlan_is_default_pvid(vg, old)) ||
	    lbr_vlan_member(vg, pvid))
		return 0;
	err = lbr_vlan_bridge_add_rtnl(br, pvid, LBR_PVID_FLAGS |
				       BRIDGE_VLAN_INFO_BRENTRY, &changed,
				       extack);
	if (err)
		return err;
	if (old && !lbr_vlan_bridge_del_rtnl(br, old))
		lbr_vlan_notify(br, NULL, old, 0, RTM_DELVLAN);
	lbr_vlan_notify(br, NULL, pvid, 0, RTM_NEWVLAN);
	return 1;
}

/* Undo lbr_vlan_move_port_pvid_rtnl() on the ports marked in @moved. */
static void lbr_vlan_unmove_ports_rtnl(struct lbr_bridge *br,
				       struct lbr_port *from, u16 old,
				       u16 pvid, const unsigned long *moved)
{
	struct lbr_port *p = from;
	bool changed;

	list_for_each_entry_continue_reverse(p, &br->port_list, list) {
		if (!test_bit(p->port_no, moved))
			continue;
		if (old) {
			lbr_vlan_port_add_rtnl(p, old, LBR_PVID_FLAGS, &changed,
					       NULL);
			lbr_vlan_notify(br, p, old, 0, RTM_NEWVLAN);
		}
		lbr_vlan_port_del_rtnl(p, pvid);
		lbr_vlan_notify(br, p, pvid, 0, RTM_DELVLAN);
	}
}

static int lbr_vlan_move_ports_rtnl(struct lbr_bridge *br, u16 old, u16 pvid,
				    unsigned long *moved,
				    struct netlink_ext_ack *extack)
{
	struct lbr_vlan_group *vg;
	struct lbr_port *p;
	bool changed;
	int err;

	list_for_each_entry(p, &br->port_list, list) {
		vg = rtnl_dereference(p->vlgrp);
		if ((old && !lbr_vlan_is_default_pvid(vg, old)) ||
		    lbr_vlan_member(vg, pvid))
			continue;
		err = lbr_vlan_port_add_rtnl(p, pvid, LBR_PVID_FLAGS, &changed,
					     extack);
		if (err) {
			lbr_vlan_unmove_ports_rtnl(br, p, old, pvid, moved);
			return err;
		}
		if (old && !lbr_vlan_port_del_rtnl(p, old))
			lbr_vlan_notify(br, p, old, 0, RTM_DELVLAN);
		lbr_vlan_notify(br, p, pvid, 0, RTM_NEWVLAN);
		set_bit(p->port_no, moved);
	}
	return 0;
}

/**
 * lbr_vlan_set_default_pvid_rtnl() - vlan_default_pvid, as netlink sets it
 * @br: bridge
 * @val: 1..4094, or 0 for none
 * @extack: netlink extended ack
 *
 * The bridge and every port whose pvid is still the old default (pvid,
 * untagged) move to the new one; ports the user configured otherwise, or
 * that already have the new VLAN, stay as they are, as in-tree.
 *
 * Context: RTNL held.
 * Return: 0, -EINVAL out of range, or -ENOMEM (then nothing changed).
 */
int lbr_vlan_set_default_pvid_rtnl(struct lbr_bridge *br, unsigned long val,
				   struct netlink_ext_ack *extack)
{
	u16 old = br->default_pvid, pvid = val;
	unsigned long *moved;
	int bridge_moved, err;

	ASSERT_RTNL();
	if (val >= VLAN_VID_MASK)
		return -EINVAL;
	if (!pvid) {
		lbr_vlan_disable_default_pvid_rtnl(br);
		return 0;
	}
	moved = bitmap_zalloc(LBR_MAX_PORT_NO + 1, GFP_KERNEL);
	if (!moved)
		return -ENOMEM;
	bridge_moved = lbr_vlan_move_bridge_pvid_rtnl(br, old, pvid, extack);
	if (bridge_moved < 0) {
		err = bridge_moved;
		goto out;
	}
	err = lbr_vlan_move_ports_rtnl(br, old, pvid, moved, extack);
	if (err) {
		if (bridge_moved) {
			bool changed;

			if (old) {
				lbr_vlan_bridge_add_rtnl(br, old, LBR_PVID_FLAGS |
							 BRIDGE_VLAN_INFO_BRENTRY,
							 &changed, NULL);
				lbr_vlan_notify(br, NULL, old, 0, RTM_NEWVLAN);
			}
			lbr_vlan_bridge_del_rtnl(br, pvid);
			lbr_vlan_notify(br, NULL, pvid, 0, RTM_DELVLAN);
		}
		goto out;
	}
	br->default_pvid = pvid;
out:
	bitmap_free(moved);
	return err;
}

/**
 * lbr_vlan_store_default_pvid_rtnl() - default_pvid, as sysfs sets it
 * @br: bridge
 * @val: 0..4094
 * @extack: unused
 *
 * Unlike netlink, sysfs refuses while the bridge filters, as in-tree.
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno.
 */
int lbr_vlan_store_default_pvid_rtnl(struct lbr_bridge *br, unsigned long val,
				     struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (val >= VLAN_VID_MASK)
		return -EINVAL;
	if (val == br->default_pvid)
		return 0;
	if (test_bit(LBR_OPT_VLAN_FILTERING, &br->options)) {
		pr_info_once("Please disable vlan filtering to change default_pvid\n");
		return -EPERM;
	}
	return lbr_vlan_set_default_pvid_rtnl(br, val, extack);
}

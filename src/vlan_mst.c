// SPDX-License-Identifier: GPL-2.0
/* Multiple spanning tree instances: VLANs mapped to MSTIs, per-MSTI port states. */

#include "lbridge/vlan.h"
#include "lbridge/types.h"

#include <linux/if_bridge.h>
#include <linux/jump_label.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>

/* Bridges with mst_enabled: while none, ports forward by their own state. */
DEFINE_STATIC_KEY_FALSE(lbr_mst_used);

/**
 * lbr_mst_set_enabled_rtnl() - mst_enabled (BR_BOOLOPT_MST_ENABLE)
 * @br: bridge
 * @on: enable
 * @extack: netlink extended ack
 *
 * As in-tree, only while no port has a VLAN (set vlan_default_pvid 0
 * first, or delete the ports' VLANs).
 *
 * Context: RTNL held.
 * Return: 0 or -EBUSY.
 */
int lbr_mst_set_enabled_rtnl(struct lbr_bridge *br, bool on,
			     struct netlink_ext_ack *extack)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	list_for_each_entry(p, &br->port_list, list) {
		if (rtnl_dereference(p->vlgrp)->num_vlans) {
			NL_SET_ERR_MSG(extack,
				       "MST mode can't be changed while VLANs exist");
			return -EBUSY;
		}
	}
	if (test_bit(LBR_OPT_MST_ENABLED, &br->options) == on)
		return 0;
	if (on) {
		static_branch_inc(&lbr_mst_used);
		set_bit(LBR_OPT_MST_ENABLED, &br->options);
	} else {
		clear_bit(LBR_OPT_MST_ENABLED, &br->options);
		static_branch_dec(&lbr_mst_used);
	}
	return 0;
}

/* The MSTI of @vid: its bridge entry's. */
static u16 lbr_mst_msti_of(struct lbr_bridge *br, u16 vid)
{
	const struct lbr_vlan *bv = xa_load(&rcu_dereference_rtnl(br->vlgrp)->vlans,
					    vid);

	return bv ? bv->msti : 0;
}

/**
 * lbr_mst_set_state_rtnl() - the state of a port in one MSTI
 * @p: port
 * @msti: instance; 0 is the CST, which follows the port's own state
 * @state: BR_STATE_*
 *
 * Every VLAN of @p mapped to @msti takes @state.
 *
 * Context: RTNL held.
 */
void lbr_mst_set_state_rtnl(struct lbr_port *p, u16 msti, u8 state)
{
	struct lbr_vlan_group *vg = rtnl_dereference(p->vlgrp);
	unsigned long vid;
	bool changed;

	ASSERT_RTNL();
	if (!vg)
		return;
	for_each_set_bit(vid, vg->member, VLAN_N_VID) {
		if (lbr_mst_msti_of(p->br, vid) == msti)
			lbr_vlan_set_state_rtnl(vg, vid, state, &changed, NULL);
	}
}

/*
 * @vid of @p joined @msti: it takes the state another of the port's VLANs
 * has there, or starts disabled in an instance new to the port, as in-tree.
 */
static void lbr_mst_sync_port_rtnl(struct lbr_port *p, u16 vid, u16 msti)
{
	struct lbr_vlan_group *vg = rtnl_dereference(p->vlgrp);
	u8 state = BR_STATE_DISABLED;
	unsigned long other;
	bool changed;

	for_each_set_bit(other, vg->member, VLAN_N_VID) {
		if (other != vid && lbr_mst_msti_of(p->br, other) == msti) {
			state = lbr_vlan_state_rcu(vg, other);
			break;
		}
	}
	lbr_vlan_set_state_rtnl(vg, vid, state, &changed, NULL);
}

/**
 * lbr_mst_set_msti_rtnl() - map a VLAN to an MSTI (bridge vlan global set)
 * @br: bridge
 * @vid: a VLAN the bridge has an entry for
 * @msti: instance, 0..4095
 * @changed: set when it changed
 *
 * Context: RTNL held.
 * Return: 0 or -ENOENT.
 */
int lbr_mst_set_msti_rtnl(struct lbr_bridge *br, u16 vid, u16 msti,
			  bool *changed)
{
	struct lbr_vlan *bv = xa_load(&rtnl_dereference(br->vlgrp)->vlans, vid);
	struct lbr_port *p;

	ASSERT_RTNL();
	if (!bv)
		return -ENOENT;
	if (bv->msti == msti)
		return 0;
	bv->msti = msti;
	list_for_each_entry(p, &br->port_list, list) {
		if (lbr_vlan_member(rtnl_dereference(p->vlgrp), vid))
			lbr_mst_sync_port_rtnl(p, vid, msti);
	}
	*changed = true;
	return 0;
}

static const struct nla_policy lbr_mst_entry_policy[IFLA_BRIDGE_MST_ENTRY_MAX + 1] = {
	[IFLA_BRIDGE_MST_ENTRY_MSTI] = NLA_POLICY_RANGE(NLA_U16, 1,
							VLAN_N_VID - 1),
	[IFLA_BRIDGE_MST_ENTRY_STATE] = NLA_POLICY_RANGE(NLA_U8,
							 BR_STATE_DISABLED,
							 BR_STATE_BLOCKING),
};

static int lbr_mst_process_one(struct lbr_port *p, const struct nlattr *attr,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[IFLA_BRIDGE_MST_ENTRY_MAX + 1];
	int err;

	err = nla_parse_nested(tb, IFLA_BRIDGE_MST_ENTRY_MAX, attr,
			       lbr_mst_entry_policy, extack);
	if (err)
		return err;
	if (!tb[IFLA_BRIDGE_MST_ENTRY_MSTI]) {
		NL_SET_ERR_MSG(extack, "bridge: MSTI not specified");
		return -EINVAL;
	}
	if (!tb[IFLA_BRIDGE_MST_ENTRY_STATE]) {
		NL_SET_ERR_MSG(extack, "bridge: State not specified");
		return -EINVAL;
	}
	lbr_mst_set_state_rtnl(p, nla_get_u16(tb[IFLA_BRIDGE_MST_ENTRY_MSTI]),
			       nla_get_u8(tb[IFLA_BRIDGE_MST_ENTRY_STATE]));
	return 0;
}

/**
 * lbr_mst_process_rtnl() - IFLA_BRIDGE_MST of a setlink: bridge mst set
 * @p: port
 * @mst: the nest
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0 or the in-tree errno and message.
 */
int lbr_mst_process_rtnl(struct lbr_port *p, const struct nlattr *mst,
			 struct netlink_ext_ack *extack)
{
	const struct nlattr *attr;
	int rem, err = 0, n = 0;

	ASSERT_RTNL();
	if (!test_bit(LBR_OPT_MST_ENABLED, &p->br->options)) {
		NL_SET_ERR_MSG(extack, "bridge: Can't modify MST state when MST is disabled");
		return -EBUSY;
	}
	nla_for_each_nested(attr, mst, rem) {
		if (nla_type(attr) != IFLA_BRIDGE_MST_ENTRY)
			continue;
		n++;
		err = lbr_mst_process_one(p, attr, extack);
		if (err)
			return err;
	}
	if (!n) {
		NL_SET_ERR_MSG(extack, "bridge: Found no MST entries to process");
		return -EINVAL;
	}
	return 0;
}

/**
 * lbr_mst_fill_info() - IFLA_BRIDGE_MST: each MSTI of a port, its state
 * @skb: message, inside IFLA_AF_SPEC
 * @p: port of a bridge with MST enabled
 *
 * Context: RTNL or RCU read section (rtnetlink dump).
 * Return: 0 or -EMSGSIZE.
 */
int lbr_mst_fill_info(struct sk_buff *skb, struct lbr_port *p)
{
	struct lbr_vlan_group *vg = rcu_dereference_rtnl(p->vlgrp);
	DECLARE_BITMAP(seen, VLAN_N_VID) = { 0 };
	struct nlattr *mst, *nest;
	unsigned long vid;
	u16 msti;

	if (!vg || !vg->num_vlans)
		return 0;
	mst = nla_nest_start_noflag(skb, IFLA_BRIDGE_MST);
	if (!mst)
		return -EMSGSIZE;
	for_each_set_bit(vid, vg->member, VLAN_N_VID) {
		msti = lbr_mst_msti_of(p->br, vid);
		if (__test_and_set_bit(msti, seen))
			continue;
		nest = nla_nest_start_noflag(skb, IFLA_BRIDGE_MST_ENTRY);
		if (!nest ||
		    nla_put_u16(skb, IFLA_BRIDGE_MST_ENTRY_MSTI, msti) ||
		    nla_put_u8(skb, IFLA_BRIDGE_MST_ENTRY_STATE,
			       lbr_vlan_state_rcu(vg, vid)))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, mst);
	return 0;
}

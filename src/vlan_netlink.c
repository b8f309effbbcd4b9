// SPDX-License-Identifier: GPL-2.0
/* VLANs in AF_BRIDGE links: IFLA_BRIDGE_VLAN_INFO in requests and dumps. */

#include "lbridge/vlan.h"
#include "lbridge/types.h"

#include <linux/if_bridge.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "lbridge/device.h"
#include "lbridge/port.h"
#include "lbridge/vlan_netlink.h"

bool lbr_vlan_valid_id(u16 vid, struct netlink_ext_ack *extack)
{
	if (vid > 0 && vid < VLAN_VID_MASK)
		return true;
	NL_SET_ERR_MSG(extack, "bridge: Vlan id is invalid");
	return false;
}

/* In-tree's checks of a range entry, @last its begin if it is an end. */
bool lbr_vlan_valid_range(const struct bridge_vlan_info *cur,
			  const struct bridge_vlan_info *last,
			  struct netlink_ext_ack *extack)
{
	if (cur->flags & BRIDGE_VLAN_INFO_PVID) {
		NL_SET_ERR_MSG(extack, "bridge: Pvid isn't allowed in a range");
		return false;
	}
	if (last) {
		if (cur->flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) {
			NL_SET_ERR_MSG(extack,
				       "bridge: Found a new vlan range start while processing one");
			return false;
		}
		if (!(cur->flags & BRIDGE_VLAN_INFO_RANGE_END)) {
			NL_SET_ERR_MSG(extack, "bridge: Vlan range end flag is missing");
			return false;
		}
		if (cur->vid <= last->vid) {
			NL_SET_ERR_MSG(extack,
				       "bridge: End vlan id is less than or equal to start vlan id");
			return false;
		}
	}
	if (!(cur->flags & (BRIDGE_VLAN_INFO_RANGE_BEGIN |
			    BRIDGE_VLAN_INFO_RANGE_END))) {
		NL_SET_ERR_MSG(extack, "bridge: Both vlan range flags are missing");
		return false;
	}
	return true;
}

/*
 * One IFLA_BRIDGE_VLAN_INFO, checked as in-tree checks it; *@last is the
 * pending range begin.  Return: 0, or -EINVAL with the in-tree message.
 */
static int lbr_vlan_check_one(const struct nlattr *attr,
			      const struct bridge_vlan_info **last,
			      struct netlink_ext_ack *extack)
{
	const struct bridge_vlan_info *cur;

	if (nla_len(attr) != sizeof(*cur))
		return -EINVAL;
	cur = nla_data(attr);
	if (!lbr_vlan_valid_id(cur->vid, extack))
		return -EINVAL;
	if (cur->flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) {
		if (!lbr_vlan_valid_range(cur, *last, extack))
			return -EINVAL;
		*last = cur;
	} else if (*last) {
		if (!lbr_vlan_valid_range(cur, *last, extack))
			return -EINVAL;
		*last = NULL;
	}
	return 0;
}

/**
 * lbr_vlan_check_afspec() - validate every VLAN entry before any applies
 * @afspec: IFLA_AF_SPEC of the request
 * @extack: netlink extended ack
 *
 * In-tree applies entries as it parses them, so a bad one late in a
 * request leaves the earlier ones done; lbridge refuses it whole, with
 * the same errno and message.
 *
 * Return: 0 or -EINVAL.
 */
int lbr_vlan_check_afspec(const struct nlattr *afspec,
			  struct netlink_ext_ack *extack)
{
	const struct bridge_vlan_info *last = NULL;
	const struct nlattr *attr;
	int rem, err;

	nla_for_each_nested(attr, afspec, rem) {
		if (nla_type(attr) != IFLA_BRIDGE_VLAN_INFO)
			continue;
		err = lbr_vlan_check_one(attr, &last, extack);
		if (err)
			return err;
	}
	return 0;
}

static int lbr_vlan_apply_one(struct lbr_bridge *br, struct lbr_port *p,
			      int cmd, u16 vid, u16 flags, bool *changed,
			      struct netlink_ext_ack *extack)
{
	bool curr = false;
	int err = 0;

	if (cmd == RTM_SETLINK) {
		if (p)
			err = lbr_vlan_port_add_rtnl(p, vid, flags, &curr,
						     extack);
		else
			err = lbr_vlan_bridge_add_rtnl(br, vid, flags |
						       BRIDGE_VLAN_INFO_BRENTRY,
						       &curr, extack);
		*changed |= curr;
		return err;
	}
	/* Deleting what is not there is no error, as in-tree. */
	if (p) {
		if (!lbr_vlan_port_del_rtnl(p, vid))
			*changed = true;
		if ((flags & BRIDGE_VLAN_INFO_MASTER) &&
		    !lbr_vlan_bridge_del_rtnl(p->br, vid))
			*changed = true;
	} else if (!lbr_vlan_bridge_del_rtnl(br, vid)) {
		*changed = true;
	}
	return 0;
}

static int lbr_vlan_rtm_cmd(int cmd)
{
	return cmd == RTM_SETLINK ? RTM_NEWVLAN : RTM_DELVLAN;
}

/* A range: each VLAN, and one notification per run of changed ones. */
static int lbr_vlan_apply_range(struct lbr_bridge *br, struct lbr_port *p,
				int cmd, const struct bridge_vlan_info *first,
				u16 end, bool *changed,
				struct netlink_ext_ack *extack)
{
	int rtm = lbr_vlan_rtm_cmd(cmd), err = 0;
	u32 vid, run = 0;
	bool curr;

	for (vid = first->vid; vid <= end; vid++) {
		curr = false;
		err = lbr_vlan_apply_one(br, p, cmd, vid, first->flags, &curr,
					 extack);
		if (err)
			break;
		if (curr) {
			*changed = true;
			if (!run)
				run = vid;
		} else if (run) {
			lbr_vlan_notify(br, p, run, vid - 1, rtm);
			run = 0;
		}
		cond_resched();
	}
	if (run)
		lbr_vlan_notify(br, p, run, vid - 1, rtm);
	return err;
}

/**
 * lbr_vlan_process_info_rtnl() - apply one checked VLAN entry or range
 * @br: bridge
 * @p: port, or NULL for the bridge device
 * @cmd: RTM_SETLINK (add) or RTM_DELLINK (delete)
 * @first: the range's begin, or NULL for @cur alone
 * @cur: the entry, or the range's end
 * @changed: set when anything changed
 * @extack: netlink extended ack
 *
 * Listeners of RTNLGRP_BRVLAN hear of it as in-tree tells them: a range
 * once per run of changed VLANs, a single VLAN after any change of the
 * request.
 *
 * Context: RTNL held.
 * Return: 0 or the first error.
 */
int lbr_vlan_process_info_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			       int cmd, const struct bridge_vlan_info *first,
			       const struct bridge_vlan_info *cur,
			       bool *changed, struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	if (first)
		return lbr_vlan_apply_range(br, p, cmd, first, cur->vid,
					    changed, extack);
	err = lbr_vlan_apply_one(br, p, cmd, cur->vid, cur->flags, changed,
				 extack);
	if (*changed)
		lbr_vlan_notify(br, p, cur->vid, 0, lbr_vlan_rtm_cmd(cmd));
	return err;
}

/**
 * lbr_vlan_afspec_rtnl() - apply the VLAN entries of a checked IFLA_AF_SPEC
 * @br: bridge
 * @p: port, or NULL for the bridge device ("self")
 * @afspec: IFLA_AF_SPEC, passed by lbr_vlan_check_afspec()
 * @cmd: RTM_SETLINK (add) or RTM_DELLINK (delete)
 * @changed: set when anything changed
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0 or the first error (-ENOMEM, a device's refusal).
 */
int lbr_vlan_afspec_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			 const struct nlattr *afspec, int cmd, bool *changed,
			 struct netlink_ext_ack *extack)
{
	const struct bridge_vlan_info *cur, *last = NULL;
	const struct nlattr *attr;
	int rem, err = 0;

	ASSERT_RTNL();
	nla_for_each_nested(attr, afspec, rem) {
		if (nla_type(attr) != IFLA_BRIDGE_VLAN_INFO)
			continue;
		cur = nla_data(attr);
		if (cur->flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) {
			last = cur;
			continue;
		}
		err = lbr_vlan_process_info_rtnl(br, p, cmd, last, cur, changed,
						 extack);
		last = NULL;
		if (err)
			return err;
	}
	return 0;
}

static int lbr_vlan_put_range(struct sk_buff *skb, u16 start, u16 end,
			      u16 flags)
{
	struct bridge_vlan_info vinfo = { .flags = flags, .vid = start };

	if (start == end)
		return nla_put(skb, IFLA_BRIDGE_VLAN_INFO, sizeof(vinfo), &vinfo);
	vinfo.flags = flags | BRIDGE_VLAN_INFO_RANGE_BEGIN;
	if (nla_put(skb, IFLA_BRIDGE_VLAN_INFO, sizeof(vinfo), &vinfo))
		return -EMSGSIZE;
	vinfo.vid = end;
	vinfo.flags = flags | BRIDGE_VLAN_INFO_RANGE_END;
	return nla_put(skb, IFLA_BRIDGE_VLAN_INFO, sizeof(vinfo), &vinfo);
}

static u16 lbr_vlan_dump_flags(const struct lbr_vlan_group *vg, u16 vid)
{
	u16 flags = 0;

	if (READ_ONCE(vg->pvid) == vid)
		flags |= BRIDGE_VLAN_INFO_PVID;
	if (test_bit(vid, vg->untagged))
		flags |= BRIDGE_VLAN_INFO_UNTAGGED;
	return flags;
}

/**
 * lbr_vlan_fill_info() - the VLANs of a group as IFLA_BRIDGE_VLAN_INFO
 * @skb: message, inside its IFLA_AF_SPEC nest
 * @vg: the port's or the bridge's VLANs
 * @compressed: runs of VLANs with the same flags as ranges (never the
 *	pvid, whose flags no neighbour shares)
 *
 * Context: RTNL or RCU read section.
 * Return: 0 or -EMSGSIZE.
 */
int lbr_vlan_fill_info(struct sk_buff *skb, const struct lbr_vlan_group *vg,
		       bool compressed)
{
	unsigned long vid;
	u16 start = 0, end = 0, flags = 0, f;

	for_each_set_bit(vid, vg->member, VLAN_N_VID) {
		f = lbr_vlan_dump_flags(vg, vid);
		if (compressed && start && vid == end + 1 && f == flags) {
			end = vid;
			continue;
		}
		if (start && lbr_vlan_put_range(skb, start, end, flags))
			return -EMSGSIZE;
		start = vid;
		end = vid;
		flags = f;
	}
	if (start && lbr_vlan_put_range(skb, start, end, flags))
		return -EMSGSIZE;
	return 0;
}

/*
 * Room for IFLA_AF_SPEC in a link dump with @filter_mask: per VLAN one
 * bridge_vlan_info (fewer when compressed), per tunnel mapping at most
 * one tunnel entry, per VLAN at most one MST entry.  rtnetlink sizes its
 * dump buffers by it, so that a port with 4,094 VLANs fits one message.
 */
static size_t lbr_vlan_af_size(const struct net_device *dev, u32 filter_mask)
{
	const struct lbr_port *p = NULL;
	struct lbr_vlan_group *vg = NULL;
	unsigned long n = 0, vid;
	struct lbr_vlan_tunnel *t;
	size_t size;

	if (!(filter_mask & (RTEXT_FILTER_BRVLAN |
			     RTEXT_FILTER_BRVLAN_COMPRESSED | RTEXT_FILTER_MST)))
		return 0;
	rcu_read_lock();
	if (lbr_is_bridge(dev)) {
		vg = rcu_dereference(((struct lbr_bridge *)netdev_priv(dev))->vlgrp);
	} else {
		p = lbr_port_get_rcu(dev);
		if (p)
			vg = rcu_dereference(p->vlgrp);
	}
	if (!vg) {
		rcu_read_unlock();
		return 0;
	}
	size = READ_ONCE(vg->num_vlans) *
	       nla_total_size(sizeof(struct bridge_vlan_info));
	if (p && (READ_ONCE(p->flags) & BR_VLAN_TUNNEL)) {
		xa_for_each(&vg->tunnel_by_vid, vid, t)
			n++;
		size += n * nla_total_size(nla_total_size(sizeof(u32)) +
					   2 * nla_total_size(sizeof(u16)));
	}
	if (p && (filter_mask & RTEXT_FILTER_MST))
		size += nla_total_size(0) + READ_ONCE(vg->num_vlans) *
			nla_total_size(nla_total_size(sizeof(u16)) +
				       nla_total_size(sizeof(u8)));
	rcu_read_unlock();
	return size;
}

static struct rtnl_af_ops lbr_vlan_af_ops __read_mostly = {
	.family			= AF_BRIDGE,
	.get_link_af_size	= lbr_vlan_af_size,
};

/**
 * lbr_vlan_af_register() - size AF_BRIDGE link dumps, as in-tree does
 *
 * Context: module init, after link kind "bridge" is ours.
 * Return: 0 or a negative errno.
 */
int lbr_vlan_af_register(void)
{
	return lbr_rtnl_af_register(&lbr_vlan_af_ops);
}

void lbr_vlan_af_unregister(void)
{
	rtnl_af_unregister(&lbr_vlan_af_ops);
}

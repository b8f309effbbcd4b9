// SPDX-License-Identifier: GPL-2.0
/* RTM_NEWVLAN/RTM_DELVLAN requests: bridge vlan set (per-VLAN state) and friends. */

#include "lbridge/vlan.h"
#include "lbridge/types.h"

#include <linux/if_bridge.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>
#include <net/sock.h>

#include "lbridge/device.h"
#include "lbridge/netlink.h"
#include "lbridge/port.h"
#include "lbridge/vlan_netlink.h"

static const struct nla_policy lbr_vlan_entry_policy[BRIDGE_VLANDB_ENTRY_MAX + 1] = {
	[BRIDGE_VLANDB_ENTRY_INFO]	=
		NLA_POLICY_EXACT_LEN(sizeof(struct bridge_vlan_info)),
	[BRIDGE_VLANDB_ENTRY_RANGE]	= { .type = NLA_U16 },
	[BRIDGE_VLANDB_ENTRY_STATE]	= { .type = NLA_U8 },
	[BRIDGE_VLANDB_ENTRY_TUNNEL_INFO] = { .type = NLA_NESTED },
	[BRIDGE_VLANDB_ENTRY_MCAST_ROUTER] = { .type = NLA_U8 },
};

/* Options lbridge lacks, refused by name before anything changes. */
static int lbr_vlan_refuse_opts(struct nlattr **tb,
				struct netlink_ext_ack *extack)
{
	if (tb[BRIDGE_VLANDB_ENTRY_MCAST_ROUTER]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[BRIDGE_VLANDB_ENTRY_MCAST_ROUTER],
				    "lbridge: multicast snooping (BRIDGE_VLANDB_ENTRY_MCAST_ROUTER) is not supported yet");
		return -EOPNOTSUPP;
	}
	return 0;
}

/*
 * The entry's VLAN, or range (@first then set to its begin), checked as
 * in-tree checks them.
 */
static int lbr_vlan_parse_entry(struct nlattr **tb,
				struct bridge_vlan_info *first,
				struct bridge_vlan_info *cur, bool *range,
				struct netlink_ext_ack *extack)
{
	if (!tb[BRIDGE_VLANDB_ENTRY_INFO]) {
		NL_SET_ERR_MSG(extack, "bridge: Missing vlan entry info");
		return -EINVAL;
	}
	*cur = *(struct bridge_vlan_info *)nla_data(tb[BRIDGE_VLANDB_ENTRY_INFO]);
	if (cur->flags & (BRIDGE_VLAN_INFO_RANGE_BEGIN |
			  BRIDGE_VLAN_INFO_RANGE_END)) {
		NL_SET_ERR_MSG(extack,
			       "bridge: Old-style vlan ranges are not allowed when using RTM vlan calls");
		return -EINVAL;
	}
	if (!lbr_vlan_valid_id(cur->vid, extack))
		return -EINVAL;
	*range = tb[BRIDGE_VLANDB_ENTRY_RANGE];
	if (!*range)
		return 0;
	*first = *cur;
	first->flags |= BRIDGE_VLAN_INFO_RANGE_BEGIN;
	cur->vid = nla_get_u16(tb[BRIDGE_VLANDB_ENTRY_RANGE]);
	cur->flags |= BRIDGE_VLAN_INFO_RANGE_END;
	if (!lbr_vlan_valid_id(cur->vid, extack) ||
	    !lbr_vlan_valid_range(cur, first, extack))
		return -EINVAL;
	return 0;
}

static const struct nla_policy lbr_vlan_tinfo_policy[BRIDGE_VLANDB_TINFO_MAX + 1] = {
	[BRIDGE_VLANDB_TINFO_ID]	= { .type = NLA_U32 },
	[BRIDGE_VLANDB_TINFO_CMD]	= { .type = NLA_U32 },
};

/* BRIDGE_VLANDB_ENTRY_TUNNEL_INFO of a request: what to do, from which id. */
struct lbr_vlan_tunnel_req {
	int	cmd;
	u32	id;
};

static int lbr_vlan_parse_tunnel(const struct lbr_port *p,
				 const struct nlattr *attr,
				 struct lbr_vlan_tunnel_req *req,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[BRIDGE_VLANDB_TINFO_MAX + 1];
	int err;

	if (!p) {
		NL_SET_ERR_MSG_MOD(extack, "Can't modify tunnel mapping of non-port vlans");
		return -EINVAL;
	}
	if (!(READ_ONCE(p->flags) & BR_VLAN_TUNNEL)) {
		NL_SET_ERR_MSG_MOD(extack, "Port doesn't have tunnel flag set");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, BRIDGE_VLANDB_TINFO_MAX, attr,
			       lbr_vlan_tinfo_policy, extack);
	if (err)
		return err;
	if (!tb[BRIDGE_VLANDB_TINFO_CMD]) {
		NL_SET_ERR_MSG_MOD(extack, "Missing tunnel command attribute");
		return -ENOENT;
	}
	req->cmd = nla_get_u32(tb[BRIDGE_VLANDB_TINFO_CMD]);
	if (req->cmd == RTM_DELLINK)
		return 0;
	if (req->cmd != RTM_SETLINK) {
		NL_SET_ERR_MSG_MOD(extack, "Unsupported tunnel command");
		return -EINVAL;
	}
	if (!tb[BRIDGE_VLANDB_TINFO_ID]) {
		NL_SET_ERR_MSG_MOD(extack, "Missing tunnel id attribute");
		return -ENOENT;
	}
	req->id = nla_get_u32(tb[BRIDGE_VLANDB_TINFO_ID]);
	return 0;
}

/* Whether [@start, @end] can take @req: the in-tree errors, up front. */
static int lbr_vlan_check_tunnel(struct lbr_vlan_group *vg, u16 start, u16 end,
				 const struct lbr_vlan_tunnel_req *req,
				 struct netlink_ext_ack *extack)
{
	u32 vid, id = req->id;
	bool mapped;

	for (vid = start; vid <= end; vid++, id++) {
		if (!lbr_vlan_member(vg, vid)) {
			NL_SET_ERR_MSG(extack,
				       "bridge: Vlan in range doesn't exist, can't process options");
			return -ENOENT;
		}
		if (req->cmd != RTM_SETLINK)
			continue;
		lbr_vlan_tunnel_id_rcu(vg, vid, &mapped);
		if (mapped || xa_load(&vg->tunnel_by_id, id))
			return -EEXIST;
	}
	return 0;
}

/*
 * Map (or unmap) [@start, @end] from tunnel id @req->id on, checked by
 * lbr_vlan_check_tunnel(): only memory can fail, and that undoes the
 * range.  One notification for the range.
 */
static int lbr_vlan_apply_tunnel(struct lbr_port *p, struct lbr_vlan_group *vg,
				 u16 start, u16 end,
				 const struct lbr_vlan_tunnel_req *req)
{
	u32 vid, id = req->id;
	int err = 0;

	for (vid = start; vid <= end && req->cmd == RTM_SETLINK; vid++, id++) {
		err = lbr_vlan_tunnel_add_rtnl(p, vid, id);
		if (err)
			break;
	}
	if (err) {
		while (vid-- > start)
			lbr_vlan_tunnel_del_rtnl(vg, vid);
		return err;
	}
	for (vid = start; vid <= end && req->cmd == RTM_DELLINK; vid++)
		lbr_vlan_tunnel_del_rtnl(vg, vid);
	lbr_vlan_notify(p->br, p, start, end, RTM_NEWVLAN);
	return 0;
}

/* The per-VLAN state over [@start, @end]; one notification per changed run. */
static int lbr_vlan_apply_state(struct lbr_bridge *br, struct lbr_port *p,
				struct lbr_vlan_group *vg, u16 start, u16 end,
				u8 state, struct netlink_ext_ack *extack)
{
	u32 vid, run = 0;
	bool changed;
	int err = 0;

	if (!lbr_vlan_member(vg, start)) {
		NL_SET_ERR_MSG(extack,
			       "bridge: Vlan range start doesn't exist, can't process options");
		return -ENOENT;
	}
	if (!lbr_vlan_member(vg, end)) {
		NL_SET_ERR_MSG(extack,
			       "bridge: Vlan range end doesn't exist, can't process options");
		return -ENOENT;
	}
	for (vid = start; vid <= end; vid++) {
		changed = false;
		if (!lbr_vlan_member(vg, vid)) {
			NL_SET_ERR_MSG(extack,
				       "bridge: Vlan in range doesn't exist, can't process options");
			err = -ENOENT;
			break;
		}
		err = lbr_vlan_set_state_rtnl(vg, vid, state, &changed, extack);
		if (err)
			break;
		if (changed && !run)
			run = vid;
		if (!changed && run) {
			lbr_vlan_notify(br, p, run, vid - 1, RTM_NEWVLAN);
			run = 0;
		}
	}
	if (run)
		lbr_vlan_notify(br, p, run, vid - 1, RTM_NEWVLAN);
	return err;
}

/* Per-VLAN options of RTM_NEWVLAN: the tunnel mapping checked first. */
static int lbr_vlan_rtm_opts(struct lbr_bridge *br, struct lbr_port *p,
			     struct lbr_vlan_group *vg, struct nlattr **tb,
			     u16 start, u16 end, struct netlink_ext_ack *extack)
{
	struct lbr_vlan_tunnel_req req;
	int err;

	if (tb[BRIDGE_VLANDB_ENTRY_TUNNEL_INFO]) {
		err = lbr_vlan_parse_tunnel(p, tb[BRIDGE_VLANDB_ENTRY_TUNNEL_INFO],
					    &req, extack);
		if (!err)
			err = lbr_vlan_check_tunnel(vg, start, end, &req, extack);
		if (err)
			return err;
	}
	if (tb[BRIDGE_VLANDB_ENTRY_STATE]) {
		if (test_bit(LBR_OPT_MST_ENABLED, &br->options)) {
			NL_SET_ERR_MSG(extack,
				       "bridge: Can't modify vlan state directly when MST is enabled");
			return -EBUSY;
		}
		err = lbr_vlan_apply_state(br, p, vg, start, end,
					   nla_get_u8(tb[BRIDGE_VLANDB_ENTRY_STATE]),
					   extack);
		if (err)
			return err;
	}
	if (!tb[BRIDGE_VLANDB_ENTRY_TUNNEL_INFO])
		return 0;
	return lbr_vlan_apply_tunnel(p, vg, start, end, &req);
}

static int lbr_vlan_rtm_one(struct net_device *dev, const struct nlattr *attr,
			    int cmd, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[BRIDGE_VLANDB_ENTRY_MAX + 1];
	struct bridge_vlan_info first, cur;
	struct lbr_port *p = lbr_port_get_rtnl(dev);
	struct lbr_bridge *br = p ? p->br : netdev_priv(dev);
	bool range, changed = false;
	struct lbr_vlan_group *vg;
	int err;

	vg = p ? rtnl_dereference(p->vlgrp) : rtnl_dereference(br->vlgrp);
	err = nla_parse_nested(tb, BRIDGE_VLANDB_ENTRY_MAX, attr,
			       lbr_vlan_entry_policy, extack);
	if (err)
		return err;
	err = lbr_vlan_parse_entry(tb, &first, &cur, &range, extack);
	if (err)
		return err;
	err = lbr_vlan_refuse_opts(tb, extack);
	if (err)
		return err;
	if (cmd == RTM_DELVLAN || !(cur.flags & BRIDGE_VLAN_INFO_ONLY_OPTS)) {
		err = lbr_vlan_process_info_rtnl(br, p, cmd == RTM_NEWVLAN ?
						 RTM_SETLINK : RTM_DELLINK,
						 range ? &first : NULL, &cur,
						 &changed, extack);
		/* As in-tree: the link message (typed as the request) first. */
		if (changed)
			lbr_netlink_info_notify(br, p, cmd == RTM_NEWVLAN ?
						RTM_SETLINK : RTM_DELLINK);
		if (err)
			return err;
	}
	if (cmd != RTM_NEWVLAN)
		return 0;
	return lbr_vlan_rtm_opts(br, p, vg, tb, range ? first.vid : cur.vid,
				 cur.vid, extack);
}

static const struct nla_policy lbr_vlan_gopts_policy[BRIDGE_VLANDB_GOPTS_MAX + 1] = {
	[BRIDGE_VLANDB_GOPTS_ID]	= { .type = NLA_U16 },
	[BRIDGE_VLANDB_GOPTS_RANGE]	= { .type = NLA_U16 },
	[BRIDGE_VLANDB_GOPTS_MSTI]	= NLA_POLICY_MAX(NLA_U16, VLAN_N_VID - 1),
};

/* The VLANs [@vid, @end] of a global set; the MST instance is what there is. */
static int lbr_vlan_global_range(struct nlattr **tb, u16 *vid, u16 *end,
				 struct netlink_ext_ack *extack)
{
	int i;

	/* Per-VLAN multicast options: snooping is not there yet. */
	for (i = BRIDGE_VLANDB_GOPTS_RANGE + 1; i <= BRIDGE_VLANDB_GOPTS_MAX; i++) {
		if (!tb[i] || i == BRIDGE_VLANDB_GOPTS_MSTI)
			continue;
		NL_SET_ERR_MSG_ATTR(extack, tb[i],
				    "lbridge: per-VLAN multicast options (BRIDGE_VLANDB_GOPTS_MCAST_*) are not supported yet");
		return -EOPNOTSUPP;
	}
	if (!tb[BRIDGE_VLANDB_GOPTS_ID]) {
		NL_SET_ERR_MSG(extack, "bridge: Missing vlan entry id");
		return -EINVAL;
	}
	*vid = nla_get_u16(tb[BRIDGE_VLANDB_GOPTS_ID]);
	if (!lbr_vlan_valid_id(*vid, extack))
		return -EINVAL;
	*end = *vid;
	if (!tb[BRIDGE_VLANDB_GOPTS_RANGE])
		return 0;
	*end = nla_get_u16(tb[BRIDGE_VLANDB_GOPTS_RANGE]);
	if (!lbr_vlan_valid_id(*end, extack))
		return -EINVAL;
	if (*vid >= *end) {
		NL_SET_ERR_MSG(extack,
			       "bridge: End vlan id is less than or equal to start vlan id");
		return -EINVAL;
	}
	return 0;
}

/* BRIDGE_VLANDB_GLOBAL_OPTIONS: bridge vlan global set ... msti N. */
static int lbr_vlan_rtm_global(struct net_device *dev, const struct nlattr *attr,
			       int cmd, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[BRIDGE_VLANDB_GOPTS_MAX + 1];
	struct lbr_vlan_group *vg;
	struct lbr_bridge *br;
	u32 vid, run = 0;
	u16 start, end;
	bool changed;
	int err;

	if (cmd != RTM_NEWVLAN) {
		NL_SET_ERR_MSG(extack, "bridge: Global vlan options support only set operation");
		return -EINVAL;
	}
	if (!lbr_is_bridge(dev)) {
		NL_SET_ERR_MSG(extack,
			       "bridge: Global vlan options can only be set on bridge device");
		return -EINVAL;
	}
	br = netdev_priv(dev);
	vg = rtnl_dereference(br->vlgrp);
	err = nla_parse_nested(tb, BRIDGE_VLANDB_GOPTS_MAX, attr,
			       lbr_vlan_gopts_policy, extack);
	if (!err)
		err = lbr_vlan_global_range(tb, &start, &end, extack);
	if (err)
		return err;
	for (vid = start; vid <= end; vid++) {
		changed = false;
		if (!xa_load(&vg->vlans, vid)) {
			NL_SET_ERR_MSG(extack,
				       "bridge: Vlan in range doesn't exist, can't process global options");
			err = -ENOENT;
			break;
		}
		if (tb[BRIDGE_VLANDB_GOPTS_MSTI])
			lbr_mst_set_msti_rtnl(br, vid,
					      nla_get_u16(tb[BRIDGE_VLANDB_GOPTS_MSTI]),
					      &changed);
		if (changed && !run)
			run = vid;
		if (!changed && run) {
			lbr_vlan_notify_global(br, run, vid - 1);
			run = 0;
		}
	}
	if (run)
		lbr_vlan_notify_global(br, run, vid - 1);
	return err;
}

/**
 * lbr_vlan_rtm_process() - RTM_NEWVLAN/RTM_DELVLAN doit
 * @skb: the request
 * @nlh: its header
 * @extack: netlink extended ack
 *
 * Context: RTNL held (rtnetlink).
 * Return: 0 or a negative errno.
 */
int lbr_vlan_rtm_process(struct sk_buff *skb, struct nlmsghdr *nlh,
			 struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(skb->sk);
	const struct br_vlan_msg *bvm;
	struct net_device *dev;
	struct nlattr *attr;
	int err, rem, n = 0;

	ASSERT_RTNL();
	err = nlmsg_parse(nlh, sizeof(*bvm), NULL, BRIDGE_VLANDB_MAX, NULL,
			  extack);
	if (err < 0)
		return err;
	bvm = nlmsg_data(nlh);
	dev = __dev_get_by_index(net, bvm->ifindex);
	if (!dev)
		return -ENODEV;
	if (!lbr_is_bridge(dev) && !lbr_port_get_rtnl(dev)) {
		NL_SET_ERR_MSG(extack, "bridge: The device is not a valid bridge or bridge port");
		return -EINVAL;
	}
	nlmsg_for_each_attr(attr, nlh, sizeof(*bvm), rem) {
		switch (nla_type(attr)) {
		case BRIDGE_VLANDB_ENTRY:
			err = lbr_vlan_rtm_one(dev, attr, nlh->nlmsg_type,
					       extack);
			break;
		case BRIDGE_VLANDB_GLOBAL_OPTIONS:
			err = lbr_vlan_rtm_global(dev, attr, nlh->nlmsg_type,
						  extack);
			break;
		default:
			continue;
		}
		n++;
		if (err)
			return err;
	}
	if (!n) {
		NL_SET_ERR_MSG(extack, "bridge: No vlans found to process");
		return -EINVAL;
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/* The "lbridge" generic netlink family: RSTP's controls and state, the prune rule (uapi.h). */

#include "lbridge/genl.h"
#include "lbridge/types.h"

#include <linux/build_bug.h>
#include <linux/err.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/xarray.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "lbridge/device.h"
#include "lbridge/mcast.h"
#include "lbridge/port.h"
#include "lbridge/rstp.h"
#include "lbridge/uapi.h"

/* cb->args of the dumps */
enum {
	LBR_DUMP_MASTER,	/* port dump: the bridge's ifindex, 0 for all */
	LBR_DUMP_BRIDGE,	/* lbridge bridges of the netns done */
	LBR_DUMP_PORT,		/* the port number to go on from */
};

/**
 * struct lbr_genl_dest - where a message goes
 * @portid: the requester's port id
 * @seq: the request's sequence number
 * @cb: the dump, or NULL for a doit's reply
 */
struct lbr_genl_dest {
	u32				portid;
	u32				seq;
	struct netlink_callback		*cb;
};

static struct genl_family lbr_genl_family;

/* Requests carry these; the rest are replies' only and rejected (strict). */
static const struct nla_policy lbr_genl_policy[LBR_ATTR_MAX + 1] = {
	[LBR_ATTR_IFINDEX]		= { .type = NLA_U32 },
	[LBR_ATTR_MASTER]		= { .type = NLA_U32 },
	/* 0 or 2; lbr_genl_bridge_check() rejects the 1 between */
	[LBR_ATTR_STP_PROTOCOL]		= NLA_POLICY_MAX(NLA_U8,
							 LBR_STP_PROTO_RSTP),
	[LBR_ATTR_TX_HOLD_COUNT]	= NLA_POLICY_RANGE(NLA_U32,
							   LBR_RSTP_TX_HOLD_MIN,
							   LBR_RSTP_TX_HOLD_MAX),
	[LBR_ATTR_PORT_ADMIN_EDGE]	= NLA_POLICY_MAX(NLA_U8, 1),
	[LBR_ATTR_PORT_AUTO_EDGE]	= NLA_POLICY_MAX(NLA_U8, 1),
	[LBR_ATTR_PORT_ADMIN_P2P]	= NLA_POLICY_MAX(NLA_U8, LBR_P2P_NO),
	[LBR_ATTR_PORT_MCHECK]		= { .type = NLA_FLAG },
	[LBR_ATTR_MCAST_PRUNE_RULE]	= NLA_POLICY_MAX(NLA_U8,
							 LBR_MCAST_PRUNE_INTREE),
};

static struct lbr_genl_dest lbr_genl_reply_dest(const struct genl_info *info)
{
	return (struct lbr_genl_dest){ info->snd_portid, info->snd_seq, NULL };
}

static struct lbr_genl_dest lbr_genl_dump_dest(struct netlink_callback *cb)
{
	return (struct lbr_genl_dest){ NETLINK_CB(cb->skb).portid,
				       cb->nlh->nlmsg_seq, cb };
}

static void *lbr_genl_put_hdr(struct sk_buff *skb,
			      const struct lbr_genl_dest *to, u8 cmd)
{
	void *hdr;

	hdr = genlmsg_put(skb, to->portid, to->seq, &lbr_genl_family,
			  to->cb ? NLM_F_MULTI : 0, cmd);
	if (hdr && to->cb)
		genl_dump_check_consistent(to->cb, hdr);
	return hdr;
}

/* A dump part that filled up asks for the next; anything else ends it. */
static int lbr_genl_dump_ret(struct sk_buff *skb, int err)
{
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err;
}

/* ---- replies ---- */

static int lbr_genl_fill_bridge_rtnl(struct sk_buff *skb,
				     const struct lbr_bridge *br,
				     const struct lbr_genl_dest *to)
{
	void *hdr;

	ASSERT_RTNL();
	BUILD_BUG_ON(sizeof(br->bridge_id) != 8);
	hdr = lbr_genl_put_hdr(skb, to, LBR_CMD_BRIDGE_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, LBR_ATTR_IFINDEX, br->dev->ifindex) ||
	    nla_put_string(skb, LBR_ATTR_IFNAME, br->dev->name) ||
	    nla_put_u8(skb, LBR_ATTR_STP_STATE, br->stp_enabled) ||
	    nla_put_u8(skb, LBR_ATTR_STP_PROTOCOL, br->stp_protocol) ||
	    nla_put_u32(skb, LBR_ATTR_TX_HOLD_COUNT, br->tx_hold_count) ||
	    nla_put_u8(skb, LBR_ATTR_MCAST_PRUNE_RULE, br->mcast.prune_rule) ||
	    nla_put(skb, LBR_ATTR_BRIDGE_ID, sizeof(br->bridge_id),
		    &br->bridge_id) ||
	    nla_put(skb, LBR_ATTR_ROOT_ID, sizeof(br->designated_root),
		    &br->designated_root) ||
	    nla_put_u32(skb, LBR_ATTR_ROOT_PORT, br->root_port) ||
	    nla_put_u32(skb, LBR_ATTR_ROOT_PATH_COST, br->root_path_cost) ||
	    nla_put_u64_64bit(skb, LBR_ATTR_TOPOLOGY_CHANGES,
			      br->topology_changes, LBR_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, LBR_ATTR_STP_RX_DROPPED,
			      atomic_long_read(&br->stp_rx_dropped),
			      LBR_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, LBR_ATTR_STP_RX_INVALID,
			      atomic_long_read(&br->stp_rx_invalid),
			      LBR_ATTR_PAD)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int lbr_genl_put_port_ids(struct sk_buff *skb,
				 const struct lbr_port *p)
{
	return nla_put_u32(skb, LBR_ATTR_IFINDEX, p->dev->ifindex) ||
	       nla_put_string(skb, LBR_ATTR_IFNAME, p->dev->name) ||
	       nla_put_u32(skb, LBR_ATTR_MASTER, p->br->dev->ifindex) ||
	       nla_put_u32(skb, LBR_ATTR_PORT_NO, p->port_no) ||
	       nla_put_u16(skb, LBR_ATTR_PORT_ID, p->port_id) ||
	       nla_put_u8(skb, LBR_ATTR_PORT_STATE, p->state);
}

static int lbr_genl_put_port_rstp(struct sk_buff *skb,
				  const struct lbr_rstp_port_info *info)
{
	return nla_put_u8(skb, LBR_ATTR_PORT_ROLE, info->role) ||
	       nla_put_u8(skb, LBR_ATTR_PORT_ADMIN_EDGE, info->admin_edge) ||
	       nla_put_u8(skb, LBR_ATTR_PORT_AUTO_EDGE, info->auto_edge) ||
	       nla_put_u8(skb, LBR_ATTR_PORT_OPER_EDGE, info->oper_edge) ||
	       nla_put_u8(skb, LBR_ATTR_PORT_ADMIN_P2P, info->admin_p2p) ||
	       nla_put_u8(skb, LBR_ATTR_PORT_OPER_P2P, info->oper_p2p) ||
	       nla_put_u8(skb, LBR_ATTR_PORT_SEND_RSTP, info->send_rstp);
}

static int lbr_genl_put_port_designated(struct sk_buff *skb,
					const struct lbr_port *p)
{
	return nla_put(skb, LBR_ATTR_PORT_DESIGNATED_ROOT,
		       sizeof(p->designated_root), &p->designated_root) ||
	       nla_put(skb, LBR_ATTR_PORT_DESIGNATED_BRIDGE,
		       sizeof(p->designated_bridge), &p->designated_bridge) ||
	       nla_put_u16(skb, LBR_ATTR_PORT_DESIGNATED_PORT,
			   p->designated_port) ||
	       nla_put_u32(skb, LBR_ATTR_PORT_DESIGNATED_COST,
			   p->designated_cost);
}

static int lbr_genl_put_port_counters(struct sk_buff *skb,
				      const struct lbr_port *p,
				      const struct lbr_rstp_port_info *info)
{
	const struct lbr_stp_port_stats *s = &p->stp_stats;

	return nla_put_u64_64bit(skb, LBR_ATTR_PORT_RX_RST_BPDU,
				 info->rx_rst_bpdu, LBR_ATTR_PAD) ||
	       nla_put_u64_64bit(skb, LBR_ATTR_PORT_TX_RST_BPDU,
				 info->tx_rst_bpdu, LBR_ATTR_PAD) ||
	       nla_put_u64_64bit(skb, LBR_ATTR_PORT_RX_CONFIG_BPDU,
				 s->rx_bpdu, LBR_ATTR_PAD) ||
	       nla_put_u64_64bit(skb, LBR_ATTR_PORT_TX_CONFIG_BPDU,
				 s->tx_bpdu, LBR_ATTR_PAD) ||
	       nla_put_u64_64bit(skb, LBR_ATTR_PORT_RX_TCN_BPDU,
				 s->rx_tcn, LBR_ATTR_PAD) ||
	       nla_put_u64_64bit(skb, LBR_ATTR_PORT_TX_TCN_BPDU,
				 s->tx_tcn, LBR_ATTR_PAD);
}

static int lbr_genl_fill_port_rtnl(struct sk_buff *skb,
				   const struct lbr_port *p,
				   const struct lbr_genl_dest *to)
{
	struct lbr_rstp_port_info info;
	void *hdr;

	ASSERT_RTNL();
	hdr = lbr_genl_put_hdr(skb, to, LBR_CMD_PORT_GET);
	if (!hdr)
		return -EMSGSIZE;
	lbr_rstp_port_info_rtnl(p, &info);
	if (lbr_genl_put_port_ids(skb, p) ||
	    lbr_genl_put_port_rstp(skb, &info) ||
	    lbr_genl_put_port_designated(skb, p) ||
	    lbr_genl_put_port_counters(skb, p, &info)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* ---- the object a request names ---- */

static struct net_device *lbr_genl_dev_rtnl(struct genl_info *info)
{
	struct net_device *dev;
	struct nlattr *attr;

	ASSERT_RTNL();
	if (GENL_REQ_ATTR_CHECK(info, LBR_ATTR_IFINDEX))
		return ERR_PTR(-EINVAL);
	attr = info->attrs[LBR_ATTR_IFINDEX];
	dev = __dev_get_by_index(genl_info_net(info), nla_get_u32(attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such device");
		return ERR_PTR(-ENODEV);
	}
	return dev;
}

static struct lbr_bridge *lbr_genl_bridge_rtnl(struct genl_info *info)
{
	struct net_device *dev = lbr_genl_dev_rtnl(info);

	if (IS_ERR(dev))
		return ERR_CAST(dev);
	if (!lbr_is_bridge(dev)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[LBR_ATTR_IFINDEX],
				    "not an lbridge bridge");
		return ERR_PTR(-EINVAL);
	}
	return netdev_priv(dev);
}

static struct lbr_port *lbr_genl_port_rtnl(struct genl_info *info)
{
	struct net_device *dev = lbr_genl_dev_rtnl(info);
	struct lbr_port *p;

	if (IS_ERR(dev))
		return ERR_CAST(dev);
	p = lbr_port_get_rtnl(dev);
	if (!p) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[LBR_ATTR_IFINDEX],
				    "not an lbridge port");
		return ERR_PTR(-EINVAL);
	}
	return p;
}

/* ---- BRIDGE_GET ---- */

static int lbr_genl_bridge_get_doit(struct sk_buff *skb,
				    struct genl_info *info)
{
	struct lbr_genl_dest to = lbr_genl_reply_dest(info);
	struct lbr_bridge *br;
	struct sk_buff *msg;
	int err;

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	br = lbr_genl_bridge_rtnl(info);
	err = IS_ERR(br) ? PTR_ERR(br) : lbr_genl_fill_bridge_rtnl(msg, br, &to);
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static int lbr_genl_dump_bridges_rtnl(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	struct lbr_genl_dest to = lbr_genl_dump_dest(cb);
	struct net_device *dev;
	unsigned long idx = 0;
	int err;

	ASSERT_RTNL();
	for_each_netdev(sock_net(skb->sk), dev) {
		if (!lbr_is_bridge(dev))
			continue;
		if (idx >= cb->args[LBR_DUMP_BRIDGE]) {
			err = lbr_genl_fill_bridge_rtnl(skb, netdev_priv(dev),
							&to);
			if (err)
				return err;
			cb->args[LBR_DUMP_BRIDGE] = idx + 1;
		}
		idx++;
	}
	return 0;
}

static int lbr_genl_bridge_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	int err;

	rtnl_lock();
	cb->seq = sock_net(skb->sk)->dev_base_seq;
	err = lbr_genl_dump_bridges_rtnl(skb, cb);
	rtnl_unlock();
	return lbr_genl_dump_ret(skb, err);
}

/* ---- BRIDGE_SET ---- */

static int lbr_genl_bridge_check(const struct genl_info *info)
{
	const struct nlattr *attr = info->attrs[LBR_ATTR_STP_PROTOCOL];

	if (attr && nla_get_u8(attr) != LBR_STP_PROTO_STP &&
	    nla_get_u8(attr) != LBR_STP_PROTO_RSTP) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "STP protocol is 0 (STP) or 2 (RSTP)");
		return -EINVAL;
	}
	return 0;
}

/*
 * All or nothing: a failed protocol change takes the hold count back; the
 * prune rule, which the policy checked and cannot fail, goes last.
 */
static int lbr_genl_bridge_apply_rtnl(struct lbr_bridge *br,
				      struct genl_info *info)
{
	const struct nlattr *hold = info->attrs[LBR_ATTR_TX_HOLD_COUNT];
	const struct nlattr *proto = info->attrs[LBR_ATTR_STP_PROTOCOL];
	const struct nlattr *prune = info->attrs[LBR_ATTR_MCAST_PRUNE_RULE];
	u32 old_hold = br->tx_hold_count;
	int err;

	ASSERT_RTNL();
	if (hold) {
		err = lbr_rstp_set_tx_hold_count_rtnl(br, nla_get_u32(hold),
						      info->extack);
		if (err)
			return err;
	}
	if (proto) {
		err = lbr_rstp_set_protocol_rtnl(br, nla_get_u8(proto),
						 info->extack);
		if (err && hold)
			lbr_rstp_set_tx_hold_count_rtnl(br, old_hold, NULL);
		if (err)
			return err;
	}
	if (prune)
		return lbr_mcast_set_prune_rule_rtnl(br, nla_get_u8(prune),
						     info->extack);
	return 0;
}

static int lbr_genl_bridge_set_doit(struct sk_buff *skb,
				    struct genl_info *info)
{
	struct lbr_bridge *br;
	int err;

	err = lbr_genl_bridge_check(info);
	if (err)
		return err;
	rtnl_lock();
	br = lbr_genl_bridge_rtnl(info);
	err = IS_ERR(br) ? PTR_ERR(br) : lbr_genl_bridge_apply_rtnl(br, info);
	rtnl_unlock();
	return err;
}

/* ---- PORT_GET ---- */

static int lbr_genl_port_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct lbr_genl_dest to = lbr_genl_reply_dest(info);
	struct sk_buff *msg;
	struct lbr_port *p;
	int err;

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	p = lbr_genl_port_rtnl(info);
	err = IS_ERR(p) ? PTR_ERR(p) : lbr_genl_fill_port_rtnl(msg, p, &to);
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* The dump's filter: LBR_ATTR_MASTER must name an lbridge bridge. */
static int lbr_genl_port_dump_start(struct netlink_callback *cb)
{
	const struct nlattr *attr;
	struct net_device *dev;
	int err = 0;

	/* The core validated the request against the policy before this. */
	attr = nlmsg_find_attr(cb->nlh, GENL_HDRLEN, LBR_ATTR_MASTER);
	if (!attr)
		return 0;
	rtnl_lock();
	dev = __dev_get_by_index(sock_net(cb->skb->sk), nla_get_u32(attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(cb->extack, attr, "no such device");
		err = -ENODEV;
	} else if (!lbr_is_bridge(dev)) {
		NL_SET_ERR_MSG_ATTR(cb->extack, attr, "not an lbridge bridge");
		err = -EINVAL;
	} else {
		cb->args[LBR_DUMP_MASTER] = dev->ifindex;
	}
	rtnl_unlock();
	return err;
}

/* @br's ports from port number cb->args[LBR_DUMP_PORT] on. */
static int lbr_genl_dump_ports_rtnl(struct sk_buff *skb,
				    struct netlink_callback *cb,
				    struct lbr_bridge *br)
{
	struct lbr_genl_dest to = lbr_genl_dump_dest(cb);
	struct lbr_port *p;
	unsigned long no;
	int err;

	ASSERT_RTNL();
	xa_for_each_start(&br->ports, no, p, cb->args[LBR_DUMP_PORT]) {
		err = lbr_genl_fill_port_rtnl(skb, p, &to);
		if (err) {
			cb->args[LBR_DUMP_PORT] = no;
			return err;
		}
	}
	cb->args[LBR_DUMP_PORT] = 0;
	return 0;
}

static int lbr_genl_dump_all_ports_rtnl(struct sk_buff *skb,
					struct netlink_callback *cb)
{
	struct net_device *dev;
	unsigned long idx = 0;
	int err;

	ASSERT_RTNL();
	for_each_netdev(sock_net(skb->sk), dev) {
		if (!lbr_is_bridge(dev))
			continue;
		if (idx >= cb->args[LBR_DUMP_BRIDGE]) {
			err = lbr_genl_dump_ports_rtnl(skb, cb,
						       netdev_priv(dev));
			if (err)
				return err;
			cb->args[LBR_DUMP_BRIDGE] = idx + 1;
		}
		idx++;
	}
	return 0;
}

static int lbr_genl_port_get_dumpit(struct sk_buff *skb,
				    struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	int err = 0;

	rtnl_lock();
	cb->seq = net->dev_base_seq;
	if (!cb->args[LBR_DUMP_MASTER]) {
		err = lbr_genl_dump_all_ports_rtnl(skb, cb);
	} else {
		/* Gone since the last part: the dump ends (marked DUMP_INTR). */
		dev = __dev_get_by_index(net, cb->args[LBR_DUMP_MASTER]);
		if (dev && lbr_is_bridge(dev))
			err = lbr_genl_dump_ports_rtnl(skb, cb,
						       netdev_priv(dev));
	}
	rtnl_unlock();
	return lbr_genl_dump_ret(skb, err);
}

/* ---- PORT_SET ---- */

static int lbr_genl_port_check_rtnl(const struct lbr_port *p,
				    const struct genl_info *info)
{
	const struct nlattr *mcheck = info->attrs[LBR_ATTR_PORT_MCHECK];

	ASSERT_RTNL();
	if (mcheck && !lbr_rstp_running(p->br)) {
		NL_SET_ERR_MSG_ATTR(info->extack, mcheck,
				    "mcheck needs RSTP running");
		return -EOPNOTSUPP;
	}
	return 0;
}

/*
 * The settings that can fail: admin_p2p (on a value the policy already
 * excludes) and mcheck (when RSTP is not running, checked before); if
 * mcheck fails all the same, admin_p2p goes back.
 */
static int lbr_genl_port_fallible_rtnl(struct lbr_port *p,
				       struct genl_info *info)
{
	const struct nlattr *p2p = info->attrs[LBR_ATTR_PORT_ADMIN_P2P];
	struct lbr_rstp_port_info old;
	int err;

	ASSERT_RTNL();
	lbr_rstp_port_info_rtnl(p, &old);
	if (p2p) {
		err = lbr_rstp_port_set_admin_p2p_rtnl(p, nla_get_u8(p2p),
						       info->extack);
		if (err)
			return err;
	}
	if (!info->attrs[LBR_ATTR_PORT_MCHECK])
		return 0;
	err = lbr_rstp_port_mcheck_rtnl(p, info->extack);
	if (err && p2p)
		lbr_rstp_port_set_admin_p2p_rtnl(p, old.admin_p2p, NULL);
	return err;
}

/* All or nothing: the checks, what can fail, then what cannot. */
static int lbr_genl_port_apply_rtnl(struct lbr_port *p,
				    struct genl_info *info)
{
	const struct nlattr *admin = info->attrs[LBR_ATTR_PORT_ADMIN_EDGE];
	const struct nlattr *autoe = info->attrs[LBR_ATTR_PORT_AUTO_EDGE];
	int err;

	ASSERT_RTNL();
	err = lbr_genl_port_check_rtnl(p, info);
	if (err)
		return err;
	err = lbr_genl_port_fallible_rtnl(p, info);
	if (err)
		return err;
	if (admin)
		lbr_rstp_port_set_admin_edge_rtnl(p, nla_get_u8(admin));
	if (autoe)
		lbr_rstp_port_set_auto_edge_rtnl(p, nla_get_u8(autoe));
	return 0;
}

static int lbr_genl_port_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct lbr_port *p;
	int err;

	rtnl_lock();
	p = lbr_genl_port_rtnl(info);
	err = IS_ERR(p) ? PTR_ERR(p) : lbr_genl_port_apply_rtnl(p, info);
	rtnl_unlock();
	return err;
}

/* ---- the family ---- */

static const struct genl_ops lbr_genl_ops[] = {
	{
		.cmd	= LBR_CMD_BRIDGE_GET,
		.doit	= lbr_genl_bridge_get_doit,
		.dumpit	= lbr_genl_bridge_get_dumpit,
	},
	{
		.cmd	= LBR_CMD_BRIDGE_SET,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= lbr_genl_bridge_set_doit,
	},
	{
		.cmd	= LBR_CMD_PORT_GET,
		.start	= lbr_genl_port_dump_start,
		.doit	= lbr_genl_port_get_doit,
		.dumpit	= lbr_genl_port_get_dumpit,
	},
	{
		.cmd	= LBR_CMD_PORT_SET,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= lbr_genl_port_set_doit,
	},
};

static struct genl_family lbr_genl_family __ro_after_init = {
	.name		= LBR_GENL_NAME,
	.version	= LBR_GENL_VERSION,
	.maxattr	= LBR_ATTR_MAX,
	.policy		= lbr_genl_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.ops		= lbr_genl_ops,
	.n_ops		= ARRAY_SIZE(lbr_genl_ops),
	/* Strict validation (policy, reserved header, flags) for every command. */
	.resv_start_op	= LBR_CMD_PORT_SET + 1,
};

/**
 * lbr_genl_init() - register the "lbridge" generic netlink family
 *
 * Context: module init.
 * Return: 0 or -errno.
 */
int lbr_genl_init(void)
{
	return genl_register_family(&lbr_genl_family);
}

/**
 * lbr_genl_exit() - unregister it; requests in flight finish first
 *
 * Context: module exit.
 */
void lbr_genl_exit(void)
{
	genl_unregister_family(&lbr_genl_family);
}

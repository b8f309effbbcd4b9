// SPDX-License-Identifier: GPL-2.0
/* rtnetlink, port side: bridge_slave options and AF_BRIDGE links of ports. */

#include "lbridge/netlink.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/if_vlan.h>
#include <linux/jiffies.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "lbridge/device.h"
#include "lbridge/fdb.h"
#include "lbridge/mcast.h"
#include "lbridge/options.h"
#include "lbridge/port.h"
#include "lbridge/stp.h"
#include "lbridge/netlink_internal.h"
#include "lbridge/vlan.h"
#include "lbridge/vlan_netlink.h"

const struct nla_policy lbr_port_policy[IFLA_BRPORT_MAX + 1] = {
	[IFLA_BRPORT_STATE]		= { .type = NLA_U8 },
	[IFLA_BRPORT_COST]		= { .type = NLA_U32 },
	[IFLA_BRPORT_PRIORITY]		= { .type = NLA_U16 },
	[IFLA_BRPORT_MODE]		= { .type = NLA_U8 },
	[IFLA_BRPORT_GUARD]		= { .type = NLA_U8 },
	[IFLA_BRPORT_PROTECT]		= { .type = NLA_U8 },
	[IFLA_BRPORT_FAST_LEAVE]	= { .type = NLA_U8 },
	[IFLA_BRPORT_LEARNING]		= { .type = NLA_U8 },
	[IFLA_BRPORT_UNICAST_FLOOD]	= { .type = NLA_U8 },
	[IFLA_BRPORT_PROXYARP]		= { .type = NLA_U8 },
	[IFLA_BRPORT_PROXYARP_WIFI]	= { .type = NLA_U8 },
	[IFLA_BRPORT_MULTICAST_ROUTER]	= { .type = NLA_U8 },
	[IFLA_BRPORT_MCAST_TO_UCAST]	= { .type = NLA_U8 },
	[IFLA_BRPORT_MCAST_FLOOD]	= { .type = NLA_U8 },
	[IFLA_BRPORT_BCAST_FLOOD]	= { .type = NLA_U8 },
	[IFLA_BRPORT_VLAN_TUNNEL]	= { .type = NLA_U8 },
	[IFLA_BRPORT_GROUP_FWD_MASK]	= { .type = NLA_U16 },
	[IFLA_BRPORT_NEIGH_SUPPRESS]	= { .type = NLA_U8 },
	[IFLA_BRPORT_ISOLATED]		= { .type = NLA_U8 },
	[IFLA_BRPORT_LOCKED]		= { .type = NLA_U8 },
	[IFLA_BRPORT_BACKUP_PORT]	= { .type = NLA_U32 },
	[IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT] = { .type = NLA_U32 },
};

#define LBR_PORT_REFUSE(a, kw, off) \
	[IFLA_BRPORT_##a] = { LBR_NOT_YET(kw, "IFLA_BRPORT_" #a), off }

/* Port attributes that are not flags and that lbridge does not act on. */
static const struct lbr_refusal lbr_port_refusals[IFLA_BRPORT_MAX + 1] = {
	/* 0 removes the backup port, and there never is one. */
	LBR_PORT_REFUSE(BACKUP_PORT, "backup_port", true),
};

/**
 * struct lbr_port_flag_attr - a u8 port attribute backed by a BR_* flag
 * @attr: IFLA_BRPORT_* attribute
 * @flag: BR_* bit of lbr_port.flags
 * @msg: refusal naming it, used when lbridge lacks the behaviour
 */
struct lbr_port_flag_attr {
	int		attr;
	unsigned long	flag;
	const char	*msg;
};

#define LBR_PORT_FLAG(a, f, kw) \
	{ IFLA_BRPORT_##a, f, LBR_NOT_YET(kw, "IFLA_BRPORT_" #a) }

/* In-tree br_setport's order; lbr_port_set_flag() decides what is known. */
static const struct lbr_port_flag_attr lbr_port_flags[] = {
	LBR_PORT_FLAG(MODE, BR_HAIRPIN_MODE, "hairpin"),
	LBR_PORT_FLAG(GUARD, BR_BPDU_GUARD, "guard"),
	LBR_PORT_FLAG(FAST_LEAVE, BR_MULTICAST_FAST_LEAVE, "fastleave"),
	LBR_PORT_FLAG(PROTECT, BR_ROOT_BLOCK, "root_block"),
	LBR_PORT_FLAG(LEARNING, BR_LEARNING, "learning"),
	LBR_PORT_FLAG(UNICAST_FLOOD, BR_FLOOD, "flood"),
	LBR_PORT_FLAG(MCAST_FLOOD, BR_MCAST_FLOOD, "mcast_flood"),
	LBR_PORT_FLAG(MCAST_TO_UCAST, BR_MULTICAST_TO_UNICAST, "mcast_to_unicast"),
	LBR_PORT_FLAG(BCAST_FLOOD, BR_BCAST_FLOOD, "bcast_flood"),
	LBR_PORT_FLAG(PROXYARP, BR_PROXYARP, "proxy_arp"),
	LBR_PORT_FLAG(PROXYARP_WIFI, BR_PROXYARP_WIFI, "proxy_arp_wifi"),
	LBR_PORT_FLAG(VLAN_TUNNEL, BR_VLAN_TUNNEL, "vlan_tunnel"),
	LBR_PORT_FLAG(NEIGH_SUPPRESS, BR_NEIGH_SUPPRESS, "neigh_suppress"),
	LBR_PORT_FLAG(ISOLATED, BR_ISOLATED, "isolated"),
	LBR_PORT_FLAG(LOCKED, BR_PORT_LOCKED, "locked"),
};

struct lbr_port_setter {
	int attr;
	int (*set)(struct lbr_port *p, unsigned long val,
		   struct netlink_ext_ack *extack);
};

static const struct lbr_port_setter lbr_port_setters[] = {
	{ IFLA_BRPORT_COST,		lbr_port_set_path_cost },
	{ IFLA_BRPORT_PRIORITY,		lbr_port_set_priority },
	{ IFLA_BRPORT_STATE,		lbr_port_set_state },
	{ IFLA_BRPORT_GROUP_FWD_MASK,	lbr_port_set_group_fwd_mask },
	{ IFLA_BRPORT_MULTICAST_ROUTER,	lbr_mcast_port_set_router_rtnl },
	{ IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT, lbr_mcast_port_set_eht_hosts_limit_rtnl },
};

static int lbr_port_fill_attrs(struct sk_buff *skb, const struct lbr_port *p)
{
	unsigned long flags = READ_ONCE(p->flags);
	unsigned int i;

	if (nla_put_u8(skb, IFLA_BRPORT_STATE, READ_ONCE(p->state)) ||
	    nla_put_u16(skb, IFLA_BRPORT_PRIORITY, p->priority) ||
	    nla_put_u32(skb, IFLA_BRPORT_COST, p->path_cost))
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(lbr_port_flags); i++)
		if (nla_put_u8(skb, lbr_port_flags[i].attr,
			       !!(flags & lbr_port_flags[i].flag)))
			return -EMSGSIZE;
	if (nla_put(skb, IFLA_BRPORT_ROOT_ID, sizeof(struct ifla_bridge_id),
		    &p->designated_root) ||
	    nla_put(skb, IFLA_BRPORT_BRIDGE_ID, sizeof(struct ifla_bridge_id),
		    &p->designated_bridge) ||
	    nla_put_u16(skb, IFLA_BRPORT_DESIGNATED_PORT, p->designated_port) ||
	    nla_put_u16(skb, IFLA_BRPORT_DESIGNATED_COST, p->designated_cost) ||
	    nla_put_u16(skb, IFLA_BRPORT_ID, p->port_id) ||
	    nla_put_u16(skb, IFLA_BRPORT_NO, p->port_no) ||
	    nla_put_u8(skb, IFLA_BRPORT_TOPOLOGY_CHANGE_ACK,
		       p->topology_change_ack) ||
	    nla_put_u8(skb, IFLA_BRPORT_CONFIG_PENDING, p->config_pending) ||
	    nla_put_u16(skb, IFLA_BRPORT_GROUP_FWD_MASK,
			READ_ONCE(p->group_fwd_mask)) ||
	    /* MRP status bits: no MRP ring, so never lost continuity. */
	    nla_put_u8(skb, IFLA_BRPORT_MRP_RING_OPEN,
		       !!(flags & BR_MRP_LOST_CONT)) ||
	    nla_put_u8(skb, IFLA_BRPORT_MRP_IN_OPEN,
		       !!(flags & BR_MRP_LOST_IN_CONT)))
		return -EMSGSIZE;
	/* BACKUP_PORT is left out: in-tree has it only when one is set. */
	if (nla_put_u64_64bit(skb, IFLA_BRPORT_MESSAGE_AGE_TIMER,
			      lbr_stp_timer_clock(&p->message_age_timer),
			      IFLA_BRPORT_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BRPORT_FORWARD_DELAY_TIMER,
			      lbr_stp_timer_clock(&p->forward_delay_timer),
			      IFLA_BRPORT_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BRPORT_HOLD_TIMER,
			      lbr_stp_timer_clock(&p->hold_timer),
			      IFLA_BRPORT_PAD) ||
	    lbr_mcast_fill_port_info(skb, p))
		return -EMSGSIZE;
	return 0;
}

static size_t lbr_port_attrs_size(void)
{
	return nla_total_size(sizeof(u8)) *		/* STATE, flags, */
		(ARRAY_SIZE(lbr_port_flags) + 5) +	/* TC_ACK, PENDING, MRP */
	       nla_total_size(sizeof(u16)) * 6 +	/* PRIORITY, ports, */
							/* ID, NO, FWD_MASK */
	       nla_total_size(sizeof(u32)) +		/* COST */
	       nla_total_size(sizeof(struct ifla_bridge_id)) * 2 +
	       nla_total_size_64bit(sizeof(u64)) * 3 +	/* timers */
	       lbr_mcast_port_info_size();
}

/* Undo the flags set so far after a refusal: br_setport is all or none. */
static void lbr_port_restore_flags(struct lbr_port *p, unsigned int n,
				   unsigned long old)
{
	while (n--)
		lbr_port_set_flag(p, lbr_port_flags[n].flag,
				  old & lbr_port_flags[n].flag, NULL);
}

static int lbr_port_apply_flags(struct lbr_port *p, struct nlattr *tb[],
				struct netlink_ext_ack *extack)
{
	unsigned long old = p->flags;
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(lbr_port_flags); i++) {
		struct nlattr *a = tb[lbr_port_flags[i].attr];

		if (!a)
			continue;
		err = lbr_port_set_flag(p, lbr_port_flags[i].flag,
					nla_get_u8(a), extack);
		if (err) {
			/* Name the option rather than "this option". */
			if (err == -EOPNOTSUPP)
				lbr_refuse(extack, a, lbr_port_flags[i].msg);
			lbr_port_restore_flags(p, i, old);
			return err;
		}
	}
	/* As in-tree: vlan_tunnel off forgets the port's tunnel ids. */
	if ((old & BR_VLAN_TUNNEL) && !(p->flags & BR_VLAN_TUNNEL))
		lbr_vlan_tunnel_flush_rtnl(p);
	return 0;
}

/* Apply IFLA_BRPORT_* attributes, in-tree br_setport's order. */
static int lbr_port_apply(struct lbr_port *p, struct nlattr *tb[],
			  struct netlink_ext_ack *extack)
{
	const struct lbr_port_setter *s;
	unsigned int i;
	int err;

	ASSERT_RTNL();
	err = lbr_check_refusals(tb, IFLA_BRPORT_MAX, LBR_IFLA_BRPORT_KNOWN,
				 lbr_port_refusals, extack);
	if (err)
		return err;

	err = lbr_port_apply_flags(p, tb, extack);
	if (err)
		return err;

	for (i = 0; i < ARRAY_SIZE(lbr_port_setters); i++) {
		s = &lbr_port_setters[i];
		if (!tb[s->attr])
			continue;
		err = s->set(p, lbr_nla_get_uint(tb[s->attr],
						 &lbr_port_policy[s->attr]),
			     extack);
		if (err)
			return err;
	}

	if (tb[IFLA_BRPORT_FLUSH])
		lbr_fdb_delete_by_port(p->br, p, false);
	return 0;
}

/* IFLA_AF_SPEC with the VLANs of @p (or of the bridge); none: no nest. */
static int lbr_fill_afspec(struct sk_buff *skb, struct lbr_bridge *br,
			   const struct lbr_port *p, u32 filter_mask)
{
	const struct lbr_vlan_group *vg;
	struct nlattr *af;
	int err = 0;

	rcu_read_lock();
	vg = p ? rcu_dereference(p->vlgrp) : rcu_dereference(br->vlgrp);
	if (!vg || !vg->num_vlans)
		goto out;
	af = nla_nest_start_noflag(skb, IFLA_AF_SPEC);
	if (!af) {
		err = -EMSGSIZE;
		goto out;
	}
	if (filter_mask & (RTEXT_FILTER_BRVLAN | RTEXT_FILTER_BRVLAN_COMPRESSED))
		err = lbr_vlan_fill_info(skb, vg,
					 !(filter_mask & RTEXT_FILTER_BRVLAN));
	if (!err && p && (filter_mask & (RTEXT_FILTER_BRVLAN |
					 RTEXT_FILTER_BRVLAN_COMPRESSED)) &&
	    (READ_ONCE(p->flags) & BR_VLAN_TUNNEL))
		err = lbr_vlan_tunnel_fill_info(skb, (struct lbr_vlan_group *)vg);
	if (!err && (filter_mask & RTEXT_FILTER_MST) && p &&
	    test_bit(LBR_OPT_MST_ENABLED, &br->options))
		err = lbr_mst_fill_info(skb, (struct lbr_port *)p);
	if (err)
		goto out;
	if (nlmsg_get_pos(skb) - (void *)af > nla_attr_size(0))
		nla_nest_end(skb, af);
	else
		nla_nest_cancel(skb, af);
out:
	rcu_read_unlock();
	return err;
}

/*
 * The AF_BRIDGE view of a port (or of the bridge itself, @p NULL) for
 * bridge link and RTNLGRP_LINK.  A deletion carries no IFLA_PROTINFO.
 */
static int lbr_fill_ifinfo(struct sk_buff *skb, struct lbr_bridge *br,
			   const struct lbr_port *p, struct net_device *dev,
			   u32 pid, u32 seq, int event, unsigned int flags,
			   u32 filter_mask)
{
	u8 operstate = netif_running(dev) ? READ_ONCE(dev->operstate) :
					    IF_OPER_DOWN;
	struct ifinfomsg *hdr;
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = nlmsg_put(skb, pid, seq, event, sizeof(*hdr), flags);
	if (!nlh)
		return -EMSGSIZE;

	hdr = nlmsg_data(nlh);
	hdr->ifi_family = AF_BRIDGE;
	hdr->__ifi_pad = 0;
	hdr->ifi_type = dev->type;
	hdr->ifi_index = dev->ifindex;
	hdr->ifi_flags = lbr_dev_get_flags(dev);
	hdr->ifi_change = 0;

	if (nla_put_string(skb, IFLA_IFNAME, dev->name) ||
	    nla_put_u32(skb, IFLA_MASTER, br->dev->ifindex) ||
	    nla_put_u32(skb, IFLA_MTU, dev->mtu) ||
	    nla_put_u8(skb, IFLA_OPERSTATE, operstate) ||
	    (dev->addr_len &&
	     nla_put(skb, IFLA_ADDRESS, dev->addr_len, dev->dev_addr)) ||
	    (dev->ifindex != dev_get_iflink(dev) &&
	     nla_put_u32(skb, IFLA_LINK, dev_get_iflink(dev))))
		goto nla_put_failure;

	if (event == RTM_NEWLINK && p) {
		nest = nla_nest_start(skb, IFLA_PROTINFO);
		if (!nest || lbr_port_fill_attrs(skb, p) < 0)
			goto nla_put_failure;
		nla_nest_end(skb, nest);
	}
	if (filter_mask & (RTEXT_FILTER_BRVLAN | RTEXT_FILTER_BRVLAN_COMPRESSED |
			   RTEXT_FILTER_MST) &&
	    lbr_fill_afspec(skb, br, p, filter_mask))
		goto nla_put_failure;

	nlmsg_end(skb, nlh);
	return 0;

nla_put_failure:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

static size_t lbr_ifinfo_size(void)
{
	return NLMSG_ALIGN(sizeof(struct ifinfomsg)) +
	       nla_total_size(IFNAMSIZ) +		/* IFLA_IFNAME */
	       nla_total_size(MAX_ADDR_LEN) +		/* IFLA_ADDRESS */
	       nla_total_size(sizeof(u32)) * 3 +	/* MASTER, MTU, LINK */
	       nla_total_size(sizeof(u8)) +		/* IFLA_OPERSTATE */
	       nla_total_size(lbr_port_attrs_size());	/* IFLA_PROTINFO */
}

/*
 * An AF_BRIDGE RTM_NEWLINK/DELLINK of a port, or of the bridge device (@p
 * NULL: in-tree announces VLAN changes of the bridge this way).
 */
void lbr_netlink_info_notify(struct lbr_bridge *br, struct lbr_port *p,
			     int event)
{
	struct net_device *dev = p ? p->dev : br->dev;
	struct net *net = dev_net(dev);
	struct sk_buff *skb;
	int err = -ENOBUFS;

	ASSERT_RTNL();
	if (!rtnl_has_listeners(net, RTNLGRP_LINK))
		return;

	skb = nlmsg_new(lbr_ifinfo_size(), GFP_KERNEL);
	if (!skb)
		goto errout;
	err = lbr_fill_ifinfo(skb, br, p, dev, 0, 0, event, 0, 0);
	if (err < 0) {
		/* lbr_ifinfo_size() is wrong */
		WARN_ON(err == -EMSGSIZE);
		kfree_skb(skb);
		goto errout;
	}
	rtnl_notify(skb, net, 0, RTNLGRP_LINK, NULL, GFP_KERNEL);
	return;
errout:
	rtnl_set_sk_err(net, RTNLGRP_LINK, err);
}

/**
 * lbr_netlink_port_notify() - announce a port to RTNLGRP_LINK listeners
 * @p: port
 * @event: RTM_NEWLINK (with its IFLA_PROTINFO) or RTM_DELLINK
 *
 * Nothing is built while nobody listens.
 *
 * Context: RTNL held.
 */
void lbr_netlink_port_notify(struct lbr_port *p, int event)
{
	lbr_netlink_info_notify(p->br, p, event);
}

/* Filters for which in-tree answers for the bridge device itself too. */
#define LBR_GETLINK_BRIDGE_FILTERS	(RTEXT_FILTER_BRVLAN | \
					 RTEXT_FILTER_BRVLAN_COMPRESSED | \
					 RTEXT_FILTER_MRP | \
					 RTEXT_FILTER_CFM_CONFIG | \
					 RTEXT_FILTER_CFM_STATUS)

/**
 * lbr_netlink_getlink() - ndo_bridge_getlink: one AF_BRIDGE link message
 * @skb: reply being filled
 * @pid: netlink port id of the requester
 * @seq: sequence number of the request
 * @dev: a port of this bridge, or the bridge itself
 * @filter_mask: RTEXT_FILTER_* bits of the request
 * @nlflags: NLM_F_* flags for the message
 *
 * Ports always answer; the bridge only when asked for VLAN, MRP or CFM
 * state, as in-tree.
 *
 * Context: RTNL held (rtnetlink dump), inside rcu_read_lock().
 * Return: 0 (also when nothing was added) or -EMSGSIZE.
 */
int lbr_netlink_getlink(struct sk_buff *skb, u32 pid, u32 seq,
			struct net_device *dev, u32 filter_mask, int nlflags)
{
	struct lbr_port *p = lbr_port_get_rtnl(dev);

	if (p)
		return lbr_fill_ifinfo(skb, p->br, p, dev, pid, seq,
				       RTM_NEWLINK, nlflags, filter_mask);
	if (!lbr_is_bridge(dev) || !(filter_mask & LBR_GETLINK_BRIDGE_FILTERS))
		return 0;
	return lbr_fill_ifinfo(skb, netdev_priv(dev), NULL, dev, pid, seq,
			       RTM_NEWLINK, nlflags, filter_mask);
}

/*
 * IFLA_AF_SPEC of @p (NULL: the bridge itself): VLAN and VLAN tunnel
 * entries are checked whole before any applies; MRP and CFM are refused
 * by name.
 */
static int lbr_check_afspec(const struct lbr_port *p,
			    const struct nlattr *afspec,
			    struct netlink_ext_ack *extack)
{
	const struct nlattr *attr;
	int rem, err;

	nla_for_each_nested(attr, afspec, rem) {
		switch (nla_type(attr)) {
		case IFLA_BRIDGE_MRP:
		case IFLA_BRIDGE_CFM:
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "lbridge: MRP and CFM (IFLA_BRIDGE_MRP/CFM) are not supported");
			return -EOPNOTSUPP;
		}
		/* IFLA_BRIDGE_FLAGS and _MODE are the core's; nothing to do. */
	}
	err = lbr_vlan_check_afspec(afspec, extack);
	if (!err)
		err = lbr_vlan_tunnel_check_rtnl(p, afspec, extack);
	return err;
}

/* IFLA_BRIDGE_MST of a setlink: per-MSTI states of a port (bridge mst set). */
static int lbr_setlink_mst(struct lbr_port *p, const struct nlattr *afspec,
			   struct netlink_ext_ack *extack)
{
	const struct nlattr *attr;
	int rem, err;

	nla_for_each_nested(attr, afspec, rem) {
		if (nla_type(attr) != IFLA_BRIDGE_MST)
			continue;
		if (!p) {
			NL_SET_ERR_MSG(extack, "MST states can only be set on bridge ports");
			return -EINVAL;
		}
		err = lbr_mst_process_rtnl(p, attr, extack);
		if (err)
			return err;
	}
	return 0;
}

/* IFLA_PROTINFO: nested IFLA_BRPORT_*, or the bare u8 state of old RSTP. */
static int lbr_setlink_protinfo(struct lbr_port *p, struct nlattr *protinfo,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[IFLA_BRPORT_MAX + 1];
	int err;

	if (protinfo->nla_type & NLA_F_NESTED) {
		err = nla_parse_nested_deprecated(tb, IFLA_BRPORT_MAX, protinfo,
						  lbr_port_policy, extack);
		if (err)
			return err;
		return lbr_port_apply(p, tb, extack);
	}
	if (nla_len(protinfo) < sizeof(u8))
		return -EINVAL;
	return lbr_port_set_state(p, nla_get_u8(protinfo), extack);
}

/**
 * lbr_netlink_setlink() - ndo_bridge_setlink: bridge link set
 * @dev: the port named by the request (or the bridge, with "self")
 * @nlh: the RTM_SETLINK request
 * @flags: BRIDGE_FLAGS_* of the request
 * @extack: netlink extended ack
 *
 * A nested IFLA_PROTINFO carries IFLA_BRPORT_* attributes; a bare u8 is
 * the port state, as old RSTP daemons send it.  Listeners get the new
 * AF_BRIDGE view of the port after a change.
 *
 * Context: RTNL held.
 * Return: 0 or the in-tree bridge's errno; -EOPNOTSUPP for VLANs.
 */
int lbr_netlink_setlink(struct net_device *dev, struct nlmsghdr *nlh,
			u16 flags, struct netlink_ext_ack *extack)
{
	struct nlattr *protinfo, *afspec;
	bool changed = false;
	struct lbr_port *p;
	int err;

	ASSERT_RTNL();
	protinfo = nlmsg_find_attr(nlh, sizeof(struct ifinfomsg),
				   IFLA_PROTINFO);
	afspec = nlmsg_find_attr(nlh, sizeof(struct ifinfomsg), IFLA_AF_SPEC);
	if (!protinfo && !afspec)
		return 0;

	p = lbr_port_get_rtnl(dev);
	if (!p && !afspec)
		return -EINVAL;
	/* Refuse before anything changes. */
	if (afspec) {
		err = lbr_check_afspec(p, afspec, extack);
		if (err)
			return err;
	}
	if (p && protinfo) {
		err = lbr_setlink_protinfo(p, protinfo, extack);
		if (err)
			return err;
		changed = true;
	}
	if (afspec)
		err = lbr_vlan_afspec_rtnl(p ? p->br : netdev_priv(dev), p,
					   afspec, RTM_SETLINK, &changed,
					   extack);
	/* After the VLANs: a request may add a VLAN and map it. */
	if (afspec && p && !err)
		err = lbr_vlan_tunnel_afspec_rtnl(p, afspec, RTM_SETLINK,
						  &changed, extack);
	if (afspec && !err)
		err = lbr_setlink_mst(p, afspec, extack);
	if (changed)
		lbr_netlink_info_notify(p ? p->br : netdev_priv(dev), p,
					RTM_NEWLINK);
	return err;
}

/**
 * lbr_netlink_dellink() - ndo_bridge_dellink: bridge vlan del
 * @dev: a port, or the bridge itself
 * @nlh: the RTM_DELLINK request
 * @flags: BRIDGE_FLAGS_* of the request
 *
 * Only IFLA_AF_SPEC content (VLANs, MRP, CFM) can be deleted, and lbridge
 * has none of it.
 *
 * Context: RTNL held.
 * Return: 0 for a request with nothing to delete, -EOPNOTSUPP otherwise.
 */
int lbr_netlink_dellink(struct net_device *dev, struct nlmsghdr *nlh,
			u16 flags)
{
	bool changed = false;
	struct lbr_bridge *br;
	struct nlattr *afspec;
	struct lbr_port *p;
	int err;

	ASSERT_RTNL();
	afspec = nlmsg_find_attr(nlh, sizeof(struct ifinfomsg), IFLA_AF_SPEC);
	if (!afspec)
		return 0;
	p = lbr_port_get_rtnl(dev);
	if (!p && !lbr_is_bridge(dev))
		return -EINVAL;
	err = lbr_check_afspec(p, afspec, NULL);
	if (err)
		return err;
	if (nla_find_nested(afspec, IFLA_BRIDGE_MST))
		return -EINVAL;
	br = p ? p->br : netdev_priv(dev);
	/* Before the VLANs, whose deletion takes their mappings along. */
	if (p)
		err = lbr_vlan_tunnel_afspec_rtnl(p, afspec, RTM_DELLINK,
						  &changed, NULL);
	if (!err)
		err = lbr_vlan_afspec_rtnl(br, p, afspec, RTM_DELLINK,
					   &changed, NULL);
	/* RTM_NEWLINK, which is what listeners expect after a VLAN delete. */
	if (changed)
		lbr_netlink_info_notify(br, p, RTM_NEWLINK);
	return err;
}

/*
 * ip link set P type bridge_slave: the core validated @data against
 * lbr_port_policy and announces the change itself (NETDEV_CHANGE, then
 * RTM_NEWLINK), so, as in-tree, no AF_BRIDGE message is sent here.
 */
int lbr_slave_changelink(struct net_device *brdev,
			 struct net_device *dev, struct nlattr *tb[],
			 struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	struct lbr_port *p = lbr_port_get_rtnl(dev);

	if (!data)
		return 0;
	if (!p)
		return -EINVAL;
	return lbr_port_apply(p, data, extack);
}

size_t lbr_get_slave_size(const struct net_device *brdev,
			  const struct net_device *dev)
{
	return lbr_port_attrs_size();
}

int lbr_fill_slave_info(struct sk_buff *skb,
			const struct net_device *brdev,
			const struct net_device *dev)
{
	const struct lbr_port *p = lbr_port_get_rtnl(dev);

	return p ? lbr_port_fill_attrs(skb, p) : 0;
}

/* ---- the bridge side: IFLA_BR_* ---- */

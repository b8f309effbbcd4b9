// SPDX-License-Identifier: GPL-2.0
/* rtnetlink: link kind "bridge", bridge_slave options, AF_BRIDGE links. */

#include "lbridge/netlink.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/jiffies.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "lbridge/device.h"
#include "lbridge/fdb.h"
#include "lbridge/options.h"
#include "lbridge/port.h"

/* Multi-bool options a 6.1 bridge knows; lbridge implements NO_LL_LEARN. */
#define LBR_BOOLOPT_KNOWN	(BIT(BR_BOOLOPT_NO_LL_LEARN) | \
				 BIT(BR_BOOLOPT_MCAST_VLAN_SNOOPING) | \
				 BIT(BR_BOOLOPT_MST_ENABLE))

static const struct nla_policy lbr_policy[IFLA_BR_MAX + 1] = {
	[IFLA_BR_FORWARD_DELAY]		= { .type = NLA_U32 },
	[IFLA_BR_HELLO_TIME]		= { .type = NLA_U32 },
	[IFLA_BR_MAX_AGE]		= { .type = NLA_U32 },
	[IFLA_BR_AGEING_TIME]		= { .type = NLA_U32 },
	[IFLA_BR_STP_STATE]		= { .type = NLA_U32 },
	[IFLA_BR_PRIORITY]		= { .type = NLA_U16 },
	[IFLA_BR_VLAN_FILTERING]	= { .type = NLA_U8 },
	[IFLA_BR_VLAN_PROTOCOL]		= { .type = NLA_U16 },
	[IFLA_BR_GROUP_FWD_MASK]	= { .type = NLA_U16 },
	[IFLA_BR_GROUP_ADDR]		= { .type = NLA_BINARY, .len = ETH_ALEN },
	[IFLA_BR_FDB_FLUSH]		= { .type = NLA_FLAG },
	[IFLA_BR_MCAST_ROUTER]		= { .type = NLA_U8 },
	[IFLA_BR_MCAST_SNOOPING]	= { .type = NLA_U8 },
	[IFLA_BR_MCAST_QUERY_USE_IFADDR] = { .type = NLA_U8 },
	[IFLA_BR_MCAST_QUERIER]		= { .type = NLA_U8 },
	[IFLA_BR_MCAST_HASH_ELASTICITY]	= { .type = NLA_U32 },
	[IFLA_BR_MCAST_HASH_MAX]	= { .type = NLA_U32 },
	[IFLA_BR_MCAST_LAST_MEMBER_CNT]	= { .type = NLA_U32 },
	[IFLA_BR_MCAST_STARTUP_QUERY_CNT] = { .type = NLA_U32 },
	[IFLA_BR_MCAST_LAST_MEMBER_INTVL] = { .type = NLA_U64 },
	[IFLA_BR_MCAST_MEMBERSHIP_INTVL] = { .type = NLA_U64 },
	[IFLA_BR_MCAST_QUERIER_INTVL]	= { .type = NLA_U64 },
	[IFLA_BR_MCAST_QUERY_INTVL]	= { .type = NLA_U64 },
	[IFLA_BR_MCAST_QUERY_RESPONSE_INTVL] = { .type = NLA_U64 },
	[IFLA_BR_MCAST_STARTUP_QUERY_INTVL] = { .type = NLA_U64 },
	[IFLA_BR_NF_CALL_IPTABLES]	= { .type = NLA_U8 },
	[IFLA_BR_NF_CALL_IP6TABLES]	= { .type = NLA_U8 },
	[IFLA_BR_NF_CALL_ARPTABLES]	= { .type = NLA_U8 },
	[IFLA_BR_VLAN_DEFAULT_PVID]	= { .type = NLA_U16 },
	[IFLA_BR_VLAN_STATS_ENABLED]	= { .type = NLA_U8 },
	[IFLA_BR_MCAST_STATS_ENABLED]	= { .type = NLA_U8 },
	[IFLA_BR_MCAST_IGMP_VERSION]	= { .type = NLA_U8 },
	[IFLA_BR_MCAST_MLD_VERSION]	= { .type = NLA_U8 },
	[IFLA_BR_VLAN_STATS_PER_PORT]	= { .type = NLA_U8 },
	[IFLA_BR_MULTI_BOOLOPT]		=
		NLA_POLICY_EXACT_LEN(sizeof(struct br_boolopt_multi)),
};

static const struct nla_policy lbr_port_policy[IFLA_BRPORT_MAX + 1] = {
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
	[IFLA_BRPORT_BACKUP_PORT]	= { .type = NLA_U32 },
	[IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT] = { .type = NLA_U32 },
	[IFLA_BRPORT_LOCKED]		= { .type = NLA_U8 },
};

/* Refusals, naming each option as iproute2's keyword spells it. */
#define LBR_NOT_YET(name)	"lbridge: " name " is not supported yet"

static const char * const lbr_br_unsupported[IFLA_BR_MAX + 1] = {
	[IFLA_BR_VLAN_FILTERING]		= LBR_NOT_YET("vlan_filtering"),
	[IFLA_BR_VLAN_PROTOCOL]			= LBR_NOT_YET("vlan_protocol"),
	[IFLA_BR_MCAST_ROUTER]			= LBR_NOT_YET("mcast_router"),
	[IFLA_BR_MCAST_SNOOPING]		= LBR_NOT_YET("mcast_snooping"),
	[IFLA_BR_MCAST_QUERY_USE_IFADDR]	= LBR_NOT_YET("mcast_query_use_ifaddr"),
	[IFLA_BR_MCAST_QUERIER]			= LBR_NOT_YET("mcast_querier"),
	[IFLA_BR_MCAST_HASH_ELASTICITY]		= LBR_NOT_YET("mcast_hash_elasticity"),
	[IFLA_BR_MCAST_HASH_MAX]		= LBR_NOT_YET("mcast_hash_max"),
	[IFLA_BR_MCAST_LAST_MEMBER_CNT]		= LBR_NOT_YET("mcast_last_member_count"),
	[IFLA_BR_MCAST_STARTUP_QUERY_CNT]	= LBR_NOT_YET("mcast_startup_query_count"),
	[IFLA_BR_MCAST_LAST_MEMBER_INTVL]	= LBR_NOT_YET("mcast_last_member_interval"),
	[IFLA_BR_MCAST_MEMBERSHIP_INTVL]	= LBR_NOT_YET("mcast_membership_interval"),
	[IFLA_BR_MCAST_QUERIER_INTVL]		= LBR_NOT_YET("mcast_querier_interval"),
	[IFLA_BR_MCAST_QUERY_INTVL]		= LBR_NOT_YET("mcast_query_interval"),
	[IFLA_BR_MCAST_QUERY_RESPONSE_INTVL]	= LBR_NOT_YET("mcast_query_response_interval"),
	[IFLA_BR_MCAST_STARTUP_QUERY_INTVL]	= LBR_NOT_YET("mcast_startup_query_interval"),
	[IFLA_BR_NF_CALL_IPTABLES]		= LBR_NOT_YET("nf_call_iptables"),
	[IFLA_BR_NF_CALL_IP6TABLES]		= LBR_NOT_YET("nf_call_ip6tables"),
	[IFLA_BR_NF_CALL_ARPTABLES]		= LBR_NOT_YET("nf_call_arptables"),
	[IFLA_BR_VLAN_DEFAULT_PVID]		= LBR_NOT_YET("vlan_default_pvid"),
	[IFLA_BR_VLAN_STATS_ENABLED]		= LBR_NOT_YET("vlan_stats_enabled"),
	[IFLA_BR_MCAST_STATS_ENABLED]		= LBR_NOT_YET("mcast_stats_enabled"),
	[IFLA_BR_MCAST_IGMP_VERSION]		= LBR_NOT_YET("mcast_igmp_version"),
	[IFLA_BR_MCAST_MLD_VERSION]		= LBR_NOT_YET("mcast_mld_version"),
	[IFLA_BR_VLAN_STATS_PER_PORT]		= LBR_NOT_YET("vlan_stats_per_port"),
};

static const char * const lbr_port_unsupported[IFLA_BRPORT_MAX + 1] = {
	[IFLA_BRPORT_FAST_LEAVE]		= LBR_NOT_YET("fastleave"),
	[IFLA_BRPORT_MULTICAST_ROUTER]		= LBR_NOT_YET("mcast_router"),
	[IFLA_BRPORT_MCAST_TO_UCAST]		= LBR_NOT_YET("mcast_to_unicast"),
	[IFLA_BRPORT_VLAN_TUNNEL]		= LBR_NOT_YET("vlan_tunnel"),
	[IFLA_BRPORT_BACKUP_PORT]		= LBR_NOT_YET("backup_port"),
	[IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT]	= LBR_NOT_YET("mcast_eht_hosts_limit"),
};

/* Port flag attributes and the BR_* flag each one sets. */
static const struct {
	int attr;
	unsigned long flag;
} lbr_port_flag_attrs[] = {
	{ IFLA_BRPORT_MODE,		BR_HAIRPIN_MODE },
	{ IFLA_BRPORT_GUARD,		BR_BPDU_GUARD },
	{ IFLA_BRPORT_PROTECT,		BR_ROOT_BLOCK },
	{ IFLA_BRPORT_LEARNING,		BR_LEARNING },
	{ IFLA_BRPORT_UNICAST_FLOOD,	BR_FLOOD },
	{ IFLA_BRPORT_PROXYARP,		BR_PROXYARP },
	{ IFLA_BRPORT_PROXYARP_WIFI,	BR_PROXYARP_WIFI },
	{ IFLA_BRPORT_MCAST_FLOOD,	BR_MCAST_FLOOD },
	{ IFLA_BRPORT_BCAST_FLOOD,	BR_BCAST_FLOOD },
	{ IFLA_BRPORT_NEIGH_SUPPRESS,	BR_NEIGH_SUPPRESS },
	{ IFLA_BRPORT_ISOLATED,		BR_ISOLATED },
	{ IFLA_BRPORT_LOCKED,		BR_PORT_LOCKED },
};

/* Off-switches for features lbridge lacks: asking for "off" is truthful. */
static const u8 lbr_br_zero_ok[IFLA_BR_MAX + 1] = {
	[IFLA_BR_VLAN_FILTERING]	= 1,
	[IFLA_BR_MCAST_SNOOPING]	= 1,
	[IFLA_BR_MCAST_QUERIER]		= 1,
	[IFLA_BR_NF_CALL_IPTABLES]	= 1,
	[IFLA_BR_NF_CALL_IP6TABLES]	= 1,
	[IFLA_BR_NF_CALL_ARPTABLES]	= 1,
	[IFLA_BR_VLAN_STATS_ENABLED]	= 1,
	[IFLA_BR_MCAST_STATS_ENABLED]	= 1,
};

/* extack keeps a pointer to the message, so table strings work too. */
static void lbr_refuse(struct netlink_ext_ack *extack,
		       const struct nlattr *attr, const char *msg)
{
	if (extack) {
		extack->_msg = msg;
		extack->bad_attr = attr;
	}
}

static u64 lbr_timer_clock(const struct timer_list *timer)
{
	if (!timer_pending(timer))
		return 0;
	return jiffies_delta_to_clock_t(READ_ONCE(timer->expires) - jiffies);
}

/* ---- the port side: IFLA_BRPORT_* ---- */

static int lbr_port_fill_attrs(struct sk_buff *skb, const struct lbr_port *p)
{
	unsigned long flags = READ_ONCE(p->flags);
	struct ifla_bridge_id root, bridge;
	unsigned int i;

	memcpy(&root, &p->designated_root, sizeof(root));
	memcpy(&bridge, &p->designated_bridge, sizeof(bridge));

	if (nla_put_u8(skb, IFLA_BRPORT_STATE, READ_ONCE(p->state)) ||
	    nla_put_u16(skb, IFLA_BRPORT_PRIORITY, p->priority) ||
	    nla_put_u32(skb, IFLA_BRPORT_COST, p->path_cost))
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(lbr_port_flag_attrs); i++)
		if (nla_put_u8(skb, lbr_port_flag_attrs[i].attr,
			       !!(flags & lbr_port_flag_attrs[i].flag)))
			return -EMSGSIZE;
	if (nla_put_u8(skb, IFLA_BRPORT_FAST_LEAVE, 0) ||
	    nla_put_u8(skb, IFLA_BRPORT_MCAST_TO_UCAST, 0) ||
	    nla_put_u8(skb, IFLA_BRPORT_VLAN_TUNNEL, 0) ||
	    nla_put(skb, IFLA_BRPORT_ROOT_ID, sizeof(root), &root) ||
	    nla_put(skb, IFLA_BRPORT_BRIDGE_ID, sizeof(bridge), &bridge) ||
	    nla_put_u16(skb, IFLA_BRPORT_DESIGNATED_PORT, p->designated_port) ||
	    nla_put_u16(skb, IFLA_BRPORT_DESIGNATED_COST, p->designated_cost) ||
	    nla_put_u16(skb, IFLA_BRPORT_ID, p->port_id) ||
	    nla_put_u16(skb, IFLA_BRPORT_NO, p->port_no) ||
	    nla_put_u8(skb, IFLA_BRPORT_TOPOLOGY_CHANGE_ACK,
		       p->topology_change_ack) ||
	    nla_put_u8(skb, IFLA_BRPORT_CONFIG_PENDING, p->config_pending) ||
	    nla_put_u16(skb, IFLA_BRPORT_GROUP_FWD_MASK,
			READ_ONCE(p->group_fwd_mask)))
		return -EMSGSIZE;
	/* No STP timers run yet: report them idle, as a disabled port's. */
	if (nla_put_u64_64bit(skb, IFLA_BRPORT_MESSAGE_AGE_TIMER, 0,
			      IFLA_BRPORT_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BRPORT_FORWARD_DELAY_TIMER, 0,
			      IFLA_BRPORT_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BRPORT_HOLD_TIMER, 0,
			      IFLA_BRPORT_PAD))
		return -EMSGSIZE;
	return 0;
}

static size_t lbr_port_attrs_size(void)
{
	return nla_total_size(1) * (ARRAY_SIZE(lbr_port_flag_attrs) + 6) +
	       nla_total_size(2) * 6 + nla_total_size(4) +
	       nla_total_size(sizeof(struct ifla_bridge_id)) * 2 +
	       nla_total_size_64bit(sizeof(u64)) * 3;
}

/* Apply IFLA_BRPORT_* attributes; RTNL held. */
static int lbr_port_apply(struct lbr_port *p, struct nlattr *tb[],
			  struct netlink_ext_ack *extack)
{
	unsigned int i;
	int err;

	ASSERT_RTNL();
	for (i = 1; i <= IFLA_BRPORT_MAX; i++) {
		if (tb[i] && lbr_port_unsupported[i]) {
			lbr_refuse(extack, tb[i], lbr_port_unsupported[i]);
			return -EOPNOTSUPP;
		}
	}

	for (i = 0; i < ARRAY_SIZE(lbr_port_flag_attrs); i++) {
		struct nlattr *a = tb[lbr_port_flag_attrs[i].attr];

		if (!a)
			continue;
		err = lbr_port_set_flag(p, lbr_port_flag_attrs[i].flag,
					nla_get_u8(a), extack);
		if (err)
			return err;
	}
	if (tb[IFLA_BRPORT_COST]) {
		err = lbr_port_set_path_cost(p, nla_get_u32(tb[IFLA_BRPORT_COST]),
					     extack);
		if (err)
			return err;
	}
	if (tb[IFLA_BRPORT_PRIORITY]) {
		err = lbr_port_set_priority(p,
					    nla_get_u16(tb[IFLA_BRPORT_PRIORITY]),
					    extack);
		if (err)
			return err;
	}
	if (tb[IFLA_BRPORT_STATE]) {
		err = lbr_port_set_state(p, nla_get_u8(tb[IFLA_BRPORT_STATE]),
					 extack);
		if (err)
			return err;
	}
	if (tb[IFLA_BRPORT_GROUP_FWD_MASK]) {
		err = lbr_port_set_group_fwd_mask(p,
						  nla_get_u16(tb[IFLA_BRPORT_GROUP_FWD_MASK]),
						  extack);
		if (err)
			return err;
	}
	if (tb[IFLA_BRPORT_FLUSH])
		lbr_fdb_delete_by_port(p->br, p, false);
	return 0;
}

/* The AF_BRIDGE view of one port, for bridge link and notifications. */
static int lbr_port_fill_ifinfo(struct sk_buff *skb, const struct lbr_port *p,
				u32 pid, u32 seq, int event, unsigned int flags)
{
	struct net_device *dev = p->dev;
	struct nlmsghdr *nlh;
	struct ifinfomsg *hdr;
	struct nlattr *nest;
	u8 operstate = netif_running(dev) ? dev->operstate : IF_OPER_DOWN;

	nlh = nlmsg_put(skb, pid, seq, event, sizeof(*hdr), flags);
	if (!nlh)
		return -EMSGSIZE;

	hdr = nlmsg_data(nlh);
	hdr->ifi_family = AF_BRIDGE;
	hdr->__ifi_pad = 0;
	hdr->ifi_type = dev->type;
	hdr->ifi_index = dev->ifindex;
	hdr->ifi_flags = dev_get_flags(dev);
	hdr->ifi_change = 0;

	if (nla_put_string(skb, IFLA_IFNAME, dev->name) ||
	    nla_put_u32(skb, IFLA_MASTER, p->br->dev->ifindex) ||
	    nla_put_u32(skb, IFLA_MTU, dev->mtu) ||
	    nla_put_u8(skb, IFLA_OPERSTATE, operstate) ||
	    nla_put(skb, IFLA_ADDRESS, dev->addr_len, dev->dev_addr) ||
	    (dev->ifindex != dev_get_iflink(dev) &&
	     nla_put_u32(skb, IFLA_LINK, dev_get_iflink(dev))))
		goto nla_put_failure;

	nest = nla_nest_start(skb, IFLA_PROTINFO);
	if (!nest || lbr_port_fill_attrs(skb, p) < 0)
		goto nla_put_failure;
	nla_nest_end(skb, nest);

	nlmsg_end(skb, nlh);
	return 0;

nla_put_failure:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

static size_t lbr_port_ifinfo_size(void)
{
	return NLMSG_ALIGN(sizeof(struct ifinfomsg)) +
	       nla_total_size(IFNAMSIZ) + nla_total_size(MAX_ADDR_LEN) +
	       nla_total_size(4) * 3 + nla_total_size(1) +
	       nla_total_size(lbr_port_attrs_size());
}

/**
 * lbr_netlink_port_notify() - announce a port to RTNLGRP_LINK listeners
 * @p: port
 * @event: RTM_NEWLINK or RTM_DELLINK
 *
 * Context: RTNL held.
 */
void lbr_netlink_port_notify(struct lbr_port *p, int event)
{
	struct net *net = dev_net(p->dev);
	struct sk_buff *skb;
	int err = -ENOBUFS;

	ASSERT_RTNL();
	if (!rtnl_has_listeners(net, RTNLGRP_LINK))
		return;

	skb = nlmsg_new(lbr_port_ifinfo_size(), GFP_KERNEL);
	if (!skb)
		goto errout;
	err = lbr_port_fill_ifinfo(skb, p, 0, 0, event, 0);
	if (err < 0) {
		WARN_ON(err == -EMSGSIZE);
		kfree_skb(skb);
		goto errout;
	}
	rtnl_notify(skb, net, 0, RTNLGRP_LINK, NULL, GFP_KERNEL);
	return;
errout:
	rtnl_set_sk_err(net, RTNLGRP_LINK, err);
}

int lbr_netlink_getlink(struct sk_buff *skb, u32 pid, u32 seq,
			struct net_device *dev, u32 filter_mask, int nlflags)
{
	struct lbr_port *p = lbr_port_get_rtnl(dev);

	/* Only ports have an AF_BRIDGE view until VLANs exist. */
	if (!p)
		return 0;
	return lbr_port_fill_ifinfo(skb, p, pid, seq, RTM_NEWLINK, nlflags);
}

int lbr_netlink_setlink(struct net_device *dev, struct nlmsghdr *nlh,
			u16 flags, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[IFLA_BRPORT_MAX + 1];
	struct nlattr *protinfo, *afspec;
	struct lbr_port *p;
	int err;

	protinfo = nlmsg_find_attr(nlh, sizeof(struct ifinfomsg),
				   IFLA_PROTINFO);
	afspec = nlmsg_find_attr(nlh, sizeof(struct ifinfomsg), IFLA_AF_SPEC);
	if (!protinfo && !afspec)
		return 0;
	if (afspec) {
		NL_SET_ERR_MSG_MOD(extack, "lbridge: VLAN configuration is not supported yet");
		return -EOPNOTSUPP;
	}

	p = lbr_port_get_rtnl(dev);
	if (!p) {
		NL_SET_ERR_MSG_MOD(extack, "device is not a bridge port");
		return -EINVAL;
	}

	if (protinfo->nla_type & NLA_F_NESTED) {
		err = nla_parse_nested_deprecated(tb, IFLA_BRPORT_MAX, protinfo,
						  lbr_port_policy, extack);
		if (err)
			return err;
		err = lbr_port_apply(p, tb, extack);
	} else {
		/* Old RSTP daemons send a bare u8 port state. */
		if (nla_len(protinfo) < sizeof(u8))
			return -EINVAL;
		err = lbr_port_set_state(p, nla_get_u8(protinfo), extack);
	}
	if (!err)
		lbr_netlink_port_notify(p, RTM_NEWLINK);
	return err;
}

int lbr_netlink_dellink(struct net_device *dev, struct nlmsghdr *nlh,
			u16 flags)
{
	return -EOPNOTSUPP;
}

static int lbr_slave_changelink(struct net_device *brdev,
				struct net_device *dev, struct nlattr *tb[],
				struct nlattr *data[],
				struct netlink_ext_ack *extack)
{
	struct lbr_port *p = lbr_port_get_rtnl(dev);
	int err;

	if (!data || !p)
		return 0;
	err = lbr_port_apply(p, data, extack);
	if (!err)
		lbr_netlink_port_notify(p, RTM_NEWLINK);
	return err;
}

static size_t lbr_get_slave_size(const struct net_device *brdev,
				 const struct net_device *dev)
{
	return lbr_port_attrs_size();
}

static int lbr_fill_slave_info(struct sk_buff *skb,
			       const struct net_device *brdev,
			       const struct net_device *dev)
{
	struct lbr_port *p = lbr_port_get_rtnl(dev);

	return p ? lbr_port_fill_attrs(skb, p) : 0;
}

/* ---- the bridge side: IFLA_BR_* ---- */

static int lbr_validate(struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN) {
			NL_SET_ERR_MSG_MOD(extack, "bridge address must be 6 bytes");
			return -EINVAL;
		}
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_MOD(extack, "bridge address must be a valid unicast MAC");
			return -EADDRNOTAVAIL;
		}
	}
	return 0;
}

/* Refuse any attribute whose feature lbridge lacks, naming it. */
static int lbr_check_supported(struct nlattr *data[],
			       struct netlink_ext_ack *extack)
{
	struct br_boolopt_multi *bm;
	unsigned int i;

	for (i = 1; i <= IFLA_BR_MAX; i++) {
		if (!data[i] || !lbr_br_unsupported[i])
			continue;
		if (lbr_br_zero_ok[i] && !nla_get_u8(data[i]))
			continue;
		lbr_refuse(extack, data[i], lbr_br_unsupported[i]);
		return -EOPNOTSUPP;
	}
	if (data[IFLA_BR_MULTI_BOOLOPT]) {
		bm = nla_data(data[IFLA_BR_MULTI_BOOLOPT]);
		if (bm->optmask & ~BIT(BR_BOOLOPT_NO_LL_LEARN) & bm->optval) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_BR_MULTI_BOOLOPT],
					    "lbridge: only the no_linklocal_learn option is supported");
			return -EOPNOTSUPP;
		}
	}
	return 0;
}

static int lbr_changelink(struct net_device *dev, struct nlattr *tb[],
			  struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	struct lbr_bridge *br = netdev_priv(dev);
	int err;

	ASSERT_RTNL();
	if (!data)
		return 0;

	err = lbr_check_supported(data, extack);
	if (err)
		return err;

	if (data[IFLA_BR_FORWARD_DELAY]) {
		err = lbr_set_forward_delay(br, nla_get_u32(data[IFLA_BR_FORWARD_DELAY]),
					    extack);
		if (err)
			return err;
	}
	if (data[IFLA_BR_HELLO_TIME]) {
		err = lbr_set_hello_time(br, nla_get_u32(data[IFLA_BR_HELLO_TIME]),
					 extack);
		if (err)
			return err;
	}
	if (data[IFLA_BR_MAX_AGE]) {
		err = lbr_set_max_age(br, nla_get_u32(data[IFLA_BR_MAX_AGE]),
				      extack);
		if (err)
			return err;
	}
	if (data[IFLA_BR_AGEING_TIME]) {
		err = lbr_set_ageing_time(br, nla_get_u32(data[IFLA_BR_AGEING_TIME]),
					  extack);
		if (err)
			return err;
	}
	if (data[IFLA_BR_STP_STATE]) {
		err = lbr_set_stp_state(br, nla_get_u32(data[IFLA_BR_STP_STATE]),
					extack);
		if (err)
			return err;
	}
	if (data[IFLA_BR_PRIORITY]) {
		err = lbr_set_bridge_priority(br, nla_get_u16(data[IFLA_BR_PRIORITY]),
					      extack);
		if (err)
			return err;
	}
	if (data[IFLA_BR_GROUP_FWD_MASK]) {
		err = lbr_set_group_fwd_mask(br, nla_get_u16(data[IFLA_BR_GROUP_FWD_MASK]),
					     extack);
		if (err)
			return err;
	}
	if (data[IFLA_BR_GROUP_ADDR]) {
		if (nla_len(data[IFLA_BR_GROUP_ADDR]) != ETH_ALEN) {
			NL_SET_ERR_MSG_MOD(extack, "group address must be 6 bytes");
			return -EINVAL;
		}
		err = lbr_set_group_addr(br, nla_data(data[IFLA_BR_GROUP_ADDR]),
					 extack);
		if (err)
			return err;
	}
	if (data[IFLA_BR_FDB_FLUSH])
		lbr_fdb_flush(br);
	if (data[IFLA_BR_MULTI_BOOLOPT]) {
		struct br_boolopt_multi *bm = nla_data(data[IFLA_BR_MULTI_BOOLOPT]);

		if (bm->optmask & BIT(BR_BOOLOPT_NO_LL_LEARN))
			lbr_set_no_ll_learn(br, bm->optval &
					    BIT(BR_BOOLOPT_NO_LL_LEARN));
	}
	return 0;
}

static int lbr_newlink(struct net *src_net, struct net_device *dev,
		       struct nlattr *tb[], struct nlattr *data[],
		       struct netlink_ext_ack *extack)
{
	int err;

	/* Refuse unsupported options before the device exists. */
	if (data) {
		err = lbr_check_supported(data, extack);
		if (err)
			return err;
	}

	err = lbr_dev_register_rtnl(dev, extack);
	if (err)
		return err;

	err = lbr_changelink(dev, tb, data, extack);
	if (err)
		lbr_dev_dellink(dev, NULL);
	return err;
}

static size_t lbr_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u32)) * 5 +	/* times, stp_state */
	       nla_total_size(sizeof(u16)) * 4 +	/* prio, mask, port */
	       nla_total_size(sizeof(u32)) +		/* root_path_cost */
	       nla_total_size(sizeof(u8)) * 3 +		/* vlan, tc, tcd */
	       nla_total_size(sizeof(struct ifla_bridge_id)) * 2 +
	       nla_total_size(ETH_ALEN) +		/* group_addr */
	       nla_total_size(sizeof(struct br_boolopt_multi)) +
	       nla_total_size_64bit(sizeof(u64)) * 4 +	/* timers */
	       0;
}

static int lbr_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct lbr_bridge *br = netdev_priv(dev);
	struct br_boolopt_multi bm = {
		.optmask = LBR_BOOLOPT_KNOWN,
		.optval = test_bit(LBR_OPT_NO_LL_LEARN, &br->options) ?
			  BIT(BR_BOOLOPT_NO_LL_LEARN) : 0,
	};
	struct ifla_bridge_id root, id;

	memcpy(&root, &br->designated_root, sizeof(root));
	memcpy(&id, &br->bridge_id, sizeof(id));

	if (nla_put_u32(skb, IFLA_BR_FORWARD_DELAY,
			jiffies_to_clock_t(br->forward_delay)) ||
	    nla_put_u32(skb, IFLA_BR_HELLO_TIME,
			jiffies_to_clock_t(br->hello_time)) ||
	    nla_put_u32(skb, IFLA_BR_MAX_AGE,
			jiffies_to_clock_t(br->max_age)) ||
	    nla_put_u32(skb, IFLA_BR_AGEING_TIME,
			jiffies_to_clock_t(READ_ONCE(br->ageing_time))) ||
	    nla_put_u32(skb, IFLA_BR_STP_STATE, br->stp_enabled) ||
	    nla_put_u16(skb, IFLA_BR_PRIORITY,
			(br->bridge_id.prio[0] << 8) | br->bridge_id.prio[1]) ||
	    /* No VLAN filtering exists, so it is truthfully off. */
	    nla_put_u8(skb, IFLA_BR_VLAN_FILTERING, 0) ||
	    nla_put_u16(skb, IFLA_BR_GROUP_FWD_MASK, br->group_fwd_mask) ||
	    nla_put(skb, IFLA_BR_BRIDGE_ID, sizeof(id), &id) ||
	    nla_put(skb, IFLA_BR_ROOT_ID, sizeof(root), &root) ||
	    nla_put_u16(skb, IFLA_BR_ROOT_PORT, br->root_port) ||
	    nla_put_u32(skb, IFLA_BR_ROOT_PATH_COST, br->root_path_cost) ||
	    nla_put_u8(skb, IFLA_BR_TOPOLOGY_CHANGE, br->topology_change) ||
	    nla_put_u8(skb, IFLA_BR_TOPOLOGY_CHANGE_DETECTED,
		       br->topology_change_detected) ||
	    nla_put(skb, IFLA_BR_GROUP_ADDR, ETH_ALEN, br->group_addr) ||
	    nla_put(skb, IFLA_BR_MULTI_BOOLOPT, sizeof(bm), &bm))
		return -EMSGSIZE;

	if (nla_put_u64_64bit(skb, IFLA_BR_HELLO_TIMER, 0, IFLA_BR_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BR_TCN_TIMER, 0, IFLA_BR_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BR_TOPOLOGY_CHANGE_TIMER, 0,
			      IFLA_BR_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BR_GC_TIMER,
			      lbr_timer_clock(&br->gc_work.timer), IFLA_BR_PAD))
		return -EMSGSIZE;
	return 0;
}

struct rtnl_link_ops lbr_link_ops __read_mostly = {
	.kind			= "bridge",
	.priv_size		= sizeof(struct lbr_bridge),
	.setup			= lbr_dev_setup,
	.maxtype		= IFLA_BR_MAX,
	.policy			= lbr_policy,
	.validate		= lbr_validate,
	.newlink		= lbr_newlink,
	.changelink		= lbr_changelink,
	.dellink		= lbr_dev_dellink,
	.get_size		= lbr_get_size,
	.fill_info		= lbr_fill_info,
	.slave_maxtype		= IFLA_BRPORT_MAX,
	.slave_policy		= lbr_port_policy,
	.slave_changelink	= lbr_slave_changelink,
	.get_slave_size		= lbr_get_slave_size,
	.fill_slave_info	= lbr_fill_slave_info,
};

int lbr_netlink_init(void)
{
	int err = rtnl_link_register(&lbr_link_ops);

	if (err == -EEXIST) {
		pr_err("bridge.ko is loaded and owns the bridge ABI; rmmod bridge before loading lbridge\n");
		return -EBUSY;
	}
	return err;
}

void lbr_netlink_exit(void)
{
	rtnl_link_unregister(&lbr_link_ops);
}

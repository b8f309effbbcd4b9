// SPDX-License-Identifier: GPL-2.0
/* rtnetlink: link kind "bridge", bridge_slave options, AF_BRIDGE links. */

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
#include "lbridge/options.h"
#include "lbridge/port.h"

/* The wire struct and ours are the same 8 bytes, so ids go out as stored. */
static_assert(sizeof(struct ifla_bridge_id) == sizeof(struct lbr_bridge_id));

/* Every multi-bool option this kernel knows; optmask reports them all. */
#define LBR_BOOLOPT_ALL		GENMASK(BR_BOOLOPT_MAX - 1, 0)
/*
 * The newest options and attributes lbridge knows: those newer kernels
 * added (IFLA_BR_STP_MODE, IFLA_BRPORT_MAB...) are refused, not ignored.
 */
#define LBR_BOOLOPT_KNOWN	GENMASK(BR_BOOLOPT_MST_ENABLE, 0)
#define LBR_IFLA_BR_KNOWN	IFLA_BR_FDB_MAX_LEARNED
#define LBR_IFLA_BRPORT_KNOWN	IFLA_BRPORT_LOCKED

/*
 * Policies as in-tree, types only: a range would turn the setters' errnos
 * and their messages naming the option into a generic ERANGE.  FDB_FLUSH
 * and IFLA_BRPORT_FLUSH have no entry in-tree, so any payload is taken.
 */
static const struct nla_policy lbr_policy[LBR_IFLA_BR_MAX + 1] = {
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
	[IFLA_BR_FDB_N_LEARNED]		= { .type = NLA_REJECT },
	[IFLA_BR_FDB_MAX_LEARNED]	= { .type = NLA_U32 },
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
	[IFLA_BRPORT_LOCKED]		= { .type = NLA_U8 },
	[IFLA_BRPORT_BACKUP_PORT]	= { .type = NLA_U32 },
	[IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT] = { .type = NLA_U32 },
};

/*
 * Refusals name the option twice, as iproute2 spells it and as the
 * attribute is called, so both users and library authors recognise it.
 */
#define LBR_NOT_YET(keyword, attr) \
	"lbridge: " keyword " (" attr ") is not supported yet"

/**
 * struct lbr_refusal - an attribute whose feature lbridge lacks
 * @msg: extack message naming it
 * @off_ok: all-zero payload accepted: it asks for "off", which is the truth
 */
struct lbr_refusal {
	const char	*msg;
	bool		off_ok;
};

#define LBR_BR_REFUSE(a, kw, off) \
	[IFLA_BR_##a] = { LBR_NOT_YET(kw, "IFLA_BR_" #a), off }

/*
 * Bridge attributes lbridge does not act on.  The read-only ones (ids,
 * timers, root port...) are absent: the in-tree bridge ignores them too.
 */
static const struct lbr_refusal lbr_br_refusals[LBR_IFLA_BR_MAX + 1] = {
	LBR_BR_REFUSE(VLAN_FILTERING, "vlan_filtering", true),
	LBR_BR_REFUSE(VLAN_PROTOCOL, "vlan_protocol", false),
	LBR_BR_REFUSE(VLAN_DEFAULT_PVID, "vlan_default_pvid", false),
	LBR_BR_REFUSE(VLAN_STATS_ENABLED, "vlan_stats_enabled", true),
	LBR_BR_REFUSE(VLAN_STATS_PER_PORT, "vlan_stats_per_port", true),
	LBR_BR_REFUSE(MCAST_ROUTER, "mcast_router", false),
	LBR_BR_REFUSE(MCAST_SNOOPING, "mcast_snooping", true),
	LBR_BR_REFUSE(MCAST_QUERY_USE_IFADDR, "mcast_query_use_ifaddr", false),
	LBR_BR_REFUSE(MCAST_QUERIER, "mcast_querier", true),
	LBR_BR_REFUSE(MCAST_HASH_ELASTICITY, "mcast_hash_elasticity", false),
	LBR_BR_REFUSE(MCAST_HASH_MAX, "mcast_hash_max", false),
	LBR_BR_REFUSE(MCAST_LAST_MEMBER_CNT, "mcast_last_member_count", false),
	LBR_BR_REFUSE(MCAST_STARTUP_QUERY_CNT, "mcast_startup_query_count", false),
	LBR_BR_REFUSE(MCAST_LAST_MEMBER_INTVL, "mcast_last_member_interval", false),
	LBR_BR_REFUSE(MCAST_MEMBERSHIP_INTVL, "mcast_membership_interval", false),
	LBR_BR_REFUSE(MCAST_QUERIER_INTVL, "mcast_querier_interval", false),
	LBR_BR_REFUSE(MCAST_QUERY_INTVL, "mcast_query_interval", false),
	LBR_BR_REFUSE(MCAST_QUERY_RESPONSE_INTVL, "mcast_query_response_interval", false),
	LBR_BR_REFUSE(MCAST_STARTUP_QUERY_INTVL, "mcast_startup_query_interval", false),
	LBR_BR_REFUSE(MCAST_STATS_ENABLED, "mcast_stats_enabled", true),
	LBR_BR_REFUSE(MCAST_IGMP_VERSION, "mcast_igmp_version", false),
	LBR_BR_REFUSE(MCAST_MLD_VERSION, "mcast_mld_version", false),
	LBR_BR_REFUSE(NF_CALL_IPTABLES, "nf_call_iptables", true),
	LBR_BR_REFUSE(NF_CALL_IP6TABLES, "nf_call_ip6tables", true),
	LBR_BR_REFUSE(NF_CALL_ARPTABLES, "nf_call_arptables", true),
};

/* Multi-bool options lbridge lacks, by bit (see lbr_check_supported()). */
static const char * const lbr_boolopt_refusals[BR_BOOLOPT_MAX] = {
	[BR_BOOLOPT_MST_ENABLE] =
		LBR_NOT_YET("mst_enabled", "BR_BOOLOPT_MST_ENABLE"),
};

#define LBR_PORT_REFUSE(a, kw, off) \
	[IFLA_BRPORT_##a] = { LBR_NOT_YET(kw, "IFLA_BRPORT_" #a), off }

/* Port attributes that are not flags and that lbridge does not act on. */
static const struct lbr_refusal lbr_port_refusals[IFLA_BRPORT_MAX + 1] = {
	LBR_PORT_REFUSE(MULTICAST_ROUTER, "mcast_router", false),
	/* 0 removes the backup port, and there never is one. */
	LBR_PORT_REFUSE(BACKUP_PORT, "backup_port", true),
	LBR_PORT_REFUSE(MCAST_EHT_HOSTS_LIMIT, "mcast_eht_hosts_limit", false),
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

/* Integer attributes applied through an options.h setter, in-tree order. */
struct lbr_br_setter {
	int attr;
	int (*set)(struct lbr_bridge *br, unsigned long val,
		   struct netlink_ext_ack *extack);
};

static const struct lbr_br_setter lbr_br_setters[] = {
	{ IFLA_BR_FORWARD_DELAY,	lbr_set_forward_delay },
	{ IFLA_BR_HELLO_TIME,		lbr_set_hello_time },
	{ IFLA_BR_MAX_AGE,		lbr_set_max_age },
	{ IFLA_BR_AGEING_TIME,		lbr_set_ageing_time },
	{ IFLA_BR_STP_STATE,		lbr_set_stp_state },
	{ IFLA_BR_PRIORITY,		lbr_set_bridge_priority },
	{ IFLA_BR_GROUP_FWD_MASK,	lbr_set_group_fwd_mask },
	{ IFLA_BR_FDB_MAX_LEARNED,	lbr_set_fdb_max_learned },
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
};

/* Read an integer attribute the way its policy entry types it. */
static unsigned long lbr_nla_get_uint(const struct nlattr *a,
				      const struct nla_policy *pol)
{
	switch (pol->type) {
	case NLA_U8:
		return nla_get_u8(a);
	case NLA_U16:
		return nla_get_u16(a);
	default:
		return nla_get_u32(a);
	}
}

/* extack keeps a pointer to the message, so a table's string will do. */
static void lbr_refuse(struct netlink_ext_ack *extack,
		       const struct nlattr *attr, const char *msg)
{
	if (extack)
		extack->_msg = msg;
	NL_SET_BAD_ATTR(extack, attr);
}

/**
 * lbr_check_refusals() - refuse the first attribute whose feature is missing
 * @tb: parsed attributes, up to @maxtype
 * @maxtype: this kernel's highest attribute type
 * @known: the highest type lbridge knows; any above it is refused
 * @refusals: per type up to @known, the message if lbridge lacks it
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0 or -EOPNOTSUPP with a message naming the attribute.
 */
static int lbr_check_refusals(struct nlattr *tb[], int maxtype, int known,
			      const struct lbr_refusal *refusals,
			      struct netlink_ext_ack *extack)
{
	const struct lbr_refusal *r;
	int i;

	for (i = 1; i <= maxtype; i++) {
		if (!tb[i])
			continue;
		if (i > known) {
			lbr_refuse(extack, tb[i],
				   "lbridge: an attribute newer than lbridge is not supported yet");
			return -EOPNOTSUPP;
		}
		r = &refusals[i];
		if (!r->msg)
			continue;
		if (r->off_ok && !memchr_inv(nla_data(tb[i]), 0, nla_len(tb[i])))
			continue;
		lbr_refuse(extack, tb[i], r->msg);
		return -EOPNOTSUPP;
	}
	return 0;
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
	/*
	 * No STP timer runs yet: they read idle, as a disabled port's do.
	 * The multicast router and EHT attributes are left out, as on a
	 * kernel built without IGMP snooping, and so is BACKUP_PORT, which
	 * in-tree is only there when a backup port is set.
	 */
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
	return nla_total_size(sizeof(u8)) *		/* STATE, flags, */
		(ARRAY_SIZE(lbr_port_flags) + 5) +	/* TC_ACK, PENDING, MRP */
	       nla_total_size(sizeof(u16)) * 6 +	/* PRIORITY, ports, */
							/* ID, NO, FWD_MASK */
	       nla_total_size(sizeof(u32)) +		/* COST */
	       nla_total_size(sizeof(struct ifla_bridge_id)) * 2 +
	       nla_total_size_64bit(sizeof(u64)) * 3;	/* timers */
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

/*
 * The AF_BRIDGE view of a port (or of the bridge itself, @p NULL) for
 * bridge link and RTNLGRP_LINK.  A deletion carries no IFLA_PROTINFO.
 */
static int lbr_fill_ifinfo(struct sk_buff *skb, struct lbr_bridge *br,
			   const struct lbr_port *p, struct net_device *dev,
			   u32 pid, u32 seq, int event, unsigned int flags)
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
	/* No VLAN, MRP or CFM state: IFLA_AF_SPEC would always be empty. */

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
	struct net *net = dev_net(p->dev);
	struct sk_buff *skb;
	int err = -ENOBUFS;

	ASSERT_RTNL();
	if (!rtnl_has_listeners(net, RTNLGRP_LINK))
		return;

	skb = nlmsg_new(lbr_ifinfo_size(), GFP_KERNEL);
	if (!skb)
		goto errout;
	err = lbr_fill_ifinfo(skb, p->br, p, p->dev, 0, 0, event, 0);
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
 * state, of which it has none, as in-tree.
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
				       RTM_NEWLINK, nlflags);
	if (!lbr_is_bridge(dev) || !(filter_mask & LBR_GETLINK_BRIDGE_FILTERS))
		return 0;
	return lbr_fill_ifinfo(skb, netdev_priv(dev), NULL, dev, pid, seq,
			       RTM_NEWLINK, nlflags);
}

/* IFLA_AF_SPEC: VLAN, MRP, CFM and MST requests are refused by name. */
static int lbr_check_afspec(const struct nlattr *afspec,
			    struct netlink_ext_ack *extack)
{
	const struct nlattr *attr;
	int rem;

	nla_for_each_nested(attr, afspec, rem) {
		switch (nla_type(attr)) {
		case IFLA_BRIDGE_VLAN_INFO:
		case IFLA_BRIDGE_VLAN_TUNNEL_INFO:
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "lbridge: VLANs (IFLA_BRIDGE_VLAN_INFO) are not supported yet");
			return -EOPNOTSUPP;
		case IFLA_BRIDGE_MRP:
		case IFLA_BRIDGE_CFM:
		case IFLA_BRIDGE_MST:
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "lbridge: MRP, CFM and MST (IFLA_BRIDGE_MRP/CFM/MST) are not supported");
			return -EOPNOTSUPP;
		}
		/* IFLA_BRIDGE_FLAGS and _MODE are the core's; nothing to do. */
	}
	return 0;
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
	struct nlattr *tb[IFLA_BRPORT_MAX + 1];
	struct nlattr *protinfo, *afspec;
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
		err = lbr_check_afspec(afspec, extack);
		if (err)
			return err;
	}
	if (!p || !protinfo)
		return 0;

	if (protinfo->nla_type & NLA_F_NESTED) {
		err = nla_parse_nested_deprecated(tb, IFLA_BRPORT_MAX, protinfo,
						  lbr_port_policy, extack);
		if (err)
			return err;
		err = lbr_port_apply(p, tb, extack);
	} else {
		if (nla_len(protinfo) < sizeof(u8))
			return -EINVAL;
		err = lbr_port_set_state(p, nla_get_u8(protinfo), extack);
	}
	if (err)
		return err;

	lbr_netlink_port_notify(p, RTM_NEWLINK);
	return 0;
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
	struct nlattr *afspec;

	ASSERT_RTNL();
	afspec = nlmsg_find_attr(nlh, sizeof(struct ifinfomsg), IFLA_AF_SPEC);
	if (!afspec)
		return 0;
	if (!lbr_port_get_rtnl(dev) && !lbr_is_bridge(dev))
		return -EINVAL;
	return lbr_check_afspec(afspec, NULL);
}

/*
 * ip link set P type bridge_slave: the core validated @data against
 * lbr_port_policy and announces the change itself (NETDEV_CHANGE, then
 * RTM_NEWLINK), so, as in-tree, no AF_BRIDGE message is sent here.
 */
static int lbr_slave_changelink(struct net_device *brdev,
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

static size_t lbr_get_slave_size(const struct net_device *brdev,
				 const struct net_device *dev)
{
	return lbr_port_attrs_size();
}

static int lbr_fill_slave_info(struct sk_buff *skb,
			       const struct net_device *brdev,
			       const struct net_device *dev)
{
	const struct lbr_port *p = lbr_port_get_rtnl(dev);

	return p ? lbr_port_fill_attrs(skb, p) : 0;
}

/* ---- the bridge side: IFLA_BR_* ---- */

/*
 * In-tree's checks, before anything exists or changes; bad values get its
 * errnos and, like there, no extack message.
 */
static int lbr_validate(struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN)
			return -EINVAL;
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS])))
			return -EADDRNOTAVAIL;
	}
	if (!data)
		return 0;

	/* Good values of these are refused later, by name. */
	if (data[IFLA_BR_VLAN_PROTOCOL] &&
	    !eth_type_vlan(nla_get_be16(data[IFLA_BR_VLAN_PROTOCOL])))
		return -EPROTONOSUPPORT;
	if (data[IFLA_BR_VLAN_DEFAULT_PVID] &&
	    nla_get_u16(data[IFLA_BR_VLAN_DEFAULT_PVID]) >= VLAN_VID_MASK)
		return -EINVAL;
	return 0;
}

/* Refuse any attribute whose feature lbridge lacks, naming it. */
static int lbr_check_supported(struct nlattr *data[],
			       struct netlink_ext_ack *extack)
{
	const struct br_boolopt_multi *bm;
	unsigned long on;
	int err, opt;

	err = lbr_check_refusals(data, LBR_IFLA_BR_MAX, LBR_IFLA_BR_KNOWN,
				 lbr_br_refusals, extack);
	if (err || !data[IFLA_BR_MULTI_BOOLOPT])
		return err;

	/* Turning an option off that is always off is fine; bits past the
	 * known options are ignored, as in-tree.
	 */
	bm = nla_data(data[IFLA_BR_MULTI_BOOLOPT]);
	on = bm->optmask & bm->optval & LBR_BOOLOPT_ALL;
	if (on & ~LBR_BOOLOPT_KNOWN) {
		lbr_refuse(extack, data[IFLA_BR_MULTI_BOOLOPT],
			   "lbridge: a multi-bool option newer than lbridge (IFLA_BR_MULTI_BOOLOPT) is not supported yet");
		return -EOPNOTSUPP;
	}
	for_each_set_bit(opt, &on, BR_BOOLOPT_MAX) {
		/* VLAN filtering is always off here: in-tree's own refusal. */
		if (opt == BR_BOOLOPT_MCAST_VLAN_SNOOPING) {
			NL_SET_ERR_MSG(extack,
				       "bridge: Cannot enable multicast vlan snooping with vlan filtering disabled");
			return -EINVAL;
		}
		if (!lbr_boolopt_refusals[opt])
			continue;
		lbr_refuse(extack, data[IFLA_BR_MULTI_BOOLOPT],
			   lbr_boolopt_refusals[opt]);
		return -EOPNOTSUPP;
	}
	return 0;
}

/* Apply IFLA_BR_*: in-tree br_changelink's order, after the refusals. */
static int lbr_changelink(struct net_device *dev, struct nlattr *tb[],
			  struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	struct lbr_bridge *br = netdev_priv(dev);
	const struct lbr_br_setter *s;
	struct nlattr *a;
	unsigned int i;
	int err;

	ASSERT_RTNL();
	if (!data)
		return 0;

	err = lbr_check_supported(data, extack);
	if (err)
		return err;

	for (i = 0; i < ARRAY_SIZE(lbr_br_setters); i++) {
		s = &lbr_br_setters[i];
		a = data[s->attr];
		if (!a)
			continue;
		err = s->set(br, lbr_nla_get_uint(a, &lbr_policy[s->attr]),
			     extack);
		if (err)
			return err;
	}

	a = data[IFLA_BR_GROUP_ADDR];
	if (a) {
		if (nla_len(a) != ETH_ALEN)
			return -EINVAL;
		err = lbr_set_group_addr(br, nla_data(a), extack);
		if (err)
			return err;
	}

	if (data[IFLA_BR_FDB_FLUSH])
		lbr_fdb_flush(br);

	a = data[IFLA_BR_MULTI_BOOLOPT];
	if (a) {
		const struct br_boolopt_multi *bm = nla_data(a);

		if (bm->optmask & BIT(BR_BOOLOPT_NO_LL_LEARN))
			lbr_set_no_ll_learn(br, bm->optval &
					    BIT(BR_BOOLOPT_NO_LL_LEARN));
	}
	return 0;
}

static int lbr_newlink(struct net_device *dev, struct nlattr *tb[],
		       struct nlattr *data[], struct netlink_ext_ack *extack)
{
	int err;

	/*
	 * Refuse missing features before the device exists.  A MAC given
	 * with IFLA_ADDRESS was set by the core; NETDEV_REGISTER makes it
	 * the bridge id and the bridge's local FDB entry.
	 */
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
	return nla_total_size_64bit(sizeof(u64)) * 4 +	/* timers */
	       nla_total_size(sizeof(u32)) * 5 +	/* times, STP_STATE */
	       nla_total_size(sizeof(u16)) * 3 +	/* PRIORITY, */
							/* FWD_MASK, ROOT_PORT */
	       nla_total_size(sizeof(u32)) +		/* ROOT_PATH_COST */
	       nla_total_size(sizeof(u8)) * 3 +		/* VLAN_FILTERING, TC */
	       nla_total_size(sizeof(struct ifla_bridge_id)) * 2 +
	       nla_total_size(ETH_ALEN) +		/* GROUP_ADDR */
	       nla_total_size(sizeof(struct br_boolopt_multi)) +
	       nla_total_size(sizeof(u32)) * 2;	/* FDB_N/MAX_LEARNED */
}

/*
 * What ip -d link show reports: the in-tree attribute set for everything
 * lbridge has.  VLAN_FILTERING 0 is sent as in-tree sends it on kernels
 * without VLAN support.  The VLAN_PROTOCOL/DEFAULT_PVID/VLAN_STATS_*,
 * MCAST_* and NF_CALL_* groups are left out, exactly as a kernel built
 * without BRIDGE_VLAN_FILTERING, IGMP_SNOOPING and BRIDGE_NETFILTER
 * leaves them out: clients already handle that shape, it is true (there
 * is no PVID, no snooping and no br_netfilter), and it tells them the
 * feature is absent rather than off.  Made-up values such as
 * "mcast_snooping 0" or "vlan_default_pvid 1" would invite clients to
 * configure what lbridge would then refuse.
 */
static int lbr_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct lbr_bridge *br = netdev_priv(dev);
	struct br_boolopt_multi bm = {
		.optval = test_bit(LBR_OPT_NO_LL_LEARN, &br->options) ?
			  BIT(BR_BOOLOPT_NO_LL_LEARN) : 0,
		.optmask = LBR_BOOLOPT_ALL,
	};
	u16 prio = (br->bridge_id.prio[0] << 8) | br->bridge_id.prio[1];

	/* STP timers are idle without STP; the ageing worker is real. */
	if (nla_put_u64_64bit(skb, IFLA_BR_HELLO_TIMER, 0, IFLA_BR_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BR_TCN_TIMER, 0, IFLA_BR_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BR_TOPOLOGY_CHANGE_TIMER, 0,
			      IFLA_BR_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BR_GC_TIMER,
			      lbr_timer_clock(&br->gc_work.timer), IFLA_BR_PAD))
		return -EMSGSIZE;

	if (nla_put_u32(skb, IFLA_BR_FORWARD_DELAY,
			lbr_jiffies_to_clock(br->forward_delay)) ||
	    nla_put_u32(skb, IFLA_BR_HELLO_TIME,
			lbr_jiffies_to_clock(br->hello_time)) ||
	    nla_put_u32(skb, IFLA_BR_MAX_AGE,
			lbr_jiffies_to_clock(br->max_age)) ||
	    nla_put_u32(skb, IFLA_BR_AGEING_TIME,
			lbr_jiffies_to_clock(READ_ONCE(br->ageing_time))) ||
	    nla_put_u32(skb, IFLA_BR_STP_STATE, br->stp_enabled) ||
	    nla_put_u16(skb, IFLA_BR_PRIORITY, prio) ||
	    nla_put_u8(skb, IFLA_BR_VLAN_FILTERING, 0) ||
	    nla_put_u16(skb, IFLA_BR_GROUP_FWD_MASK,
			READ_ONCE(br->group_fwd_mask)) ||
	    nla_put(skb, IFLA_BR_BRIDGE_ID, sizeof(struct ifla_bridge_id),
		    &br->bridge_id) ||
	    nla_put(skb, IFLA_BR_ROOT_ID, sizeof(struct ifla_bridge_id),
		    &br->designated_root) ||
	    nla_put_u16(skb, IFLA_BR_ROOT_PORT, br->root_port) ||
	    nla_put_u32(skb, IFLA_BR_ROOT_PATH_COST, br->root_path_cost) ||
	    nla_put_u8(skb, IFLA_BR_TOPOLOGY_CHANGE, br->topology_change) ||
	    nla_put_u8(skb, IFLA_BR_TOPOLOGY_CHANGE_DETECTED,
		       br->topology_change_detected) ||
	    nla_put(skb, IFLA_BR_GROUP_ADDR, ETH_ALEN, br->group_addr) ||
	    nla_put(skb, IFLA_BR_MULTI_BOOLOPT, sizeof(bm), &bm) ||
	    nla_put_u32(skb, IFLA_BR_FDB_N_LEARNED,
			READ_ONCE(br->fdb_n_learned)) ||
	    nla_put_u32(skb, IFLA_BR_FDB_MAX_LEARNED,
			READ_ONCE(br->fdb_max_learned)))
		return -EMSGSIZE;
	return 0;
}

/* newlink's signature differs between kernels (compat.h). */
LBR_NEWLINK_ADAPTER(lbr_newlink_op, lbr_newlink)

struct rtnl_link_ops lbr_link_ops __read_mostly = {
	.kind			= "bridge",
	.priv_size		= sizeof(struct lbr_bridge),
	.setup			= lbr_dev_setup,
	.maxtype		= LBR_IFLA_BR_MAX,
	.policy			= lbr_policy,
	.validate		= lbr_validate,
	.newlink		= lbr_newlink_op,
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

/**
 * lbr_netlink_init() - take link kind "bridge"
 *
 * Context: module init.
 * Return: 0, -EBUSY while bridge.ko owns the kind, or another errno.
 */
int lbr_netlink_init(void)
{
	int err;

	/*
	 * No AF_BRIDGE rtnl_af_ops: in-tree's only sizes IFLA_AF_SPEC for
	 * VLAN dumps, and lbridge has no VLANs.
	 */
	err = rtnl_link_register(&lbr_link_ops);
	if (err == -EEXIST) {
		pr_err("bridge.ko is loaded and owns the bridge ABI; rmmod bridge before loading lbridge\n");
		return -EBUSY;
	}
	return err;
}

/**
 * lbr_netlink_exit() - give the kind back, deleting every bridge
 *
 * Context: module exit.
 */
void lbr_netlink_exit(void)
{
	/* Every bridge in every namespace goes, through lbr_dev_dellink(). */
	rtnl_link_unregister(&lbr_link_ops);
}

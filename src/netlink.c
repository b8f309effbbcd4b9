// SPDX-License-Identifier: GPL-2.0
/* rtnetlink: link kind "bridge" and the helpers its port side shares. */

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

/* The wire struct and ours are the same 8 bytes, so ids go out as stored. */
static_assert(sizeof(struct ifla_bridge_id) == sizeof(struct lbr_bridge_id));

/* Every multi-bool option this kernel knows; optmask reports them all. */
#define LBR_BOOLOPT_ALL		GENMASK(BR_BOOLOPT_MAX - 1, 0)
/*
 * The newest options and attributes lbridge knows: those newer kernels
 * added (IFLA_BRPORT_MAB...) are refused, not ignored.
 */
#define LBR_BOOLOPT_KNOWN	GENMASK(BR_BOOLOPT_MST_ENABLE, 0)
#define LBR_IFLA_BR_KNOWN	IFLA_BR_STP_MODE

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
	[IFLA_BR_STP_MODE]		= NLA_POLICY_RANGE(NLA_U32,
							   BR_STP_MODE_AUTO,
							   BR_STP_MODE_MAX),
};

#define LBR_BR_REFUSE(a, kw, off) \
	[IFLA_BR_##a] = { LBR_NOT_YET(kw, "IFLA_BR_" #a), off }

/*
 * Bridge attributes lbridge does not act on.  The read-only ones (ids,
 * timers, root port...) are absent: the in-tree bridge ignores them too.
 */
static const struct lbr_refusal lbr_br_refusals[LBR_IFLA_BR_MAX + 1] = {
};

/* Multi-bool options lbridge lacks, by bit (see lbr_check_supported()). */
static const char * const lbr_boolopt_refusals[BR_BOOLOPT_MAX] = {
	[BR_BOOLOPT_MCAST_VLAN_SNOOPING] =
		LBR_NOT_YET("mcast_vlan_snooping", "BR_BOOLOPT_MCAST_VLAN_SNOOPING"),
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
	{ IFLA_BR_STP_MODE,		lbr_set_stp_mode },
	{ IFLA_BR_STP_STATE,		lbr_set_stp_state },
	{ IFLA_BR_PRIORITY,		lbr_set_bridge_priority },
	{ IFLA_BR_VLAN_FILTERING,	lbr_vlan_set_filtering_rtnl },
	{ IFLA_BR_VLAN_PROTOCOL,	lbr_vlan_set_proto_rtnl },
	{ IFLA_BR_VLAN_DEFAULT_PVID,	lbr_vlan_set_default_pvid_rtnl },
	{ IFLA_BR_VLAN_STATS_ENABLED,	lbr_vlan_set_stats_rtnl },
	{ IFLA_BR_VLAN_STATS_PER_PORT,	lbr_vlan_set_stats_per_port_rtnl },
	{ IFLA_BR_MCAST_ROUTER,		lbr_mcast_set_router_rtnl },
	{ IFLA_BR_MCAST_SNOOPING,	lbr_mcast_set_snooping_rtnl },
	{ IFLA_BR_MCAST_QUERY_USE_IFADDR, lbr_mcast_set_query_use_ifaddr_rtnl },
	{ IFLA_BR_MCAST_QUERIER,	lbr_mcast_set_querier_rtnl },
	{ IFLA_BR_MCAST_HASH_ELASTICITY, lbr_mcast_set_hash_elasticity_rtnl },
	{ IFLA_BR_MCAST_HASH_MAX,	lbr_mcast_set_hash_max_rtnl },
	{ IFLA_BR_MCAST_LAST_MEMBER_CNT, lbr_mcast_set_last_member_count_rtnl },
	{ IFLA_BR_MCAST_STARTUP_QUERY_CNT, lbr_mcast_set_startup_query_count_rtnl },
	{ IFLA_BR_MCAST_LAST_MEMBER_INTVL, lbr_mcast_set_last_member_interval_rtnl },
	{ IFLA_BR_MCAST_MEMBERSHIP_INTVL, lbr_mcast_set_membership_interval_rtnl },
	{ IFLA_BR_MCAST_QUERIER_INTVL,	lbr_mcast_set_querier_interval_rtnl },
	{ IFLA_BR_MCAST_QUERY_INTVL,	lbr_mcast_set_query_interval_rtnl },
	{ IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, lbr_mcast_set_query_response_interval_rtnl },
	{ IFLA_BR_MCAST_STARTUP_QUERY_INTVL, lbr_mcast_set_startup_query_interval_rtnl },
	{ IFLA_BR_MCAST_STATS_ENABLED,	lbr_mcast_set_stats_enabled_rtnl },
	{ IFLA_BR_MCAST_IGMP_VERSION,	lbr_mcast_set_igmp_version_rtnl },
	{ IFLA_BR_MCAST_MLD_VERSION,	lbr_mcast_set_mld_version_rtnl },
	{ IFLA_BR_GROUP_FWD_MASK,	lbr_set_group_fwd_mask },
	{ IFLA_BR_FDB_MAX_LEARNED,	lbr_set_fdb_max_learned },
	{ IFLA_BR_NF_CALL_IPTABLES,	lbr_set_nf_call_iptables_rtnl },
	{ IFLA_BR_NF_CALL_IP6TABLES,	lbr_set_nf_call_ip6tables_rtnl },
	{ IFLA_BR_NF_CALL_ARPTABLES,	lbr_set_nf_call_arptables_rtnl },
};

/* Read an integer attribute the way its policy entry types it. */
unsigned long lbr_nla_get_uint(const struct nlattr *a,
			       const struct nla_policy *pol)
{
	switch (pol->type) {
	case NLA_U8:
		return nla_get_u8(a);
	case NLA_U16:
		return nla_get_u16(a);
	case NLA_U64:
		return nla_get_u64(a);
	default:
		return nla_get_u32(a);
	}
}

/* extack keeps a pointer to the message, so a table's string will do. */
void lbr_refuse(struct netlink_ext_ack *extack,
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
int lbr_check_refusals(struct nlattr *tb[], int maxtype, int known,
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

/* ---- the port side: IFLA_BRPORT_* ---- */

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

	if (data[IFLA_BR_VLAN_PROTOCOL] &&
	    !eth_type_vlan(nla_get_be16(data[IFLA_BR_VLAN_PROTOCOL])))
		return -EPROTONOSUPPORT;
	if (data[IFLA_BR_VLAN_DEFAULT_PVID] &&
	    nla_get_u16(data[IFLA_BR_VLAN_DEFAULT_PVID]) >= VLAN_VID_MASK)
		return -EINVAL;
	return 0;
}

/* Whether @br filters VLANs once @data's IFLA_BR_VLAN_FILTERING applies. */
static bool lbr_filtering_after(const struct lbr_bridge *br,
				struct nlattr *data[])
{
	if (data[IFLA_BR_VLAN_FILTERING])
		return nla_get_u8(data[IFLA_BR_VLAN_FILTERING]);
	return br && test_bit(LBR_OPT_VLAN_FILTERING, &br->options);
}

/* Refuse any attribute whose feature lbridge lacks, naming it. */
static int lbr_check_supported(const struct lbr_bridge *br,
			       struct nlattr *data[],
			       struct netlink_ext_ack *extack)
{
	const struct br_boolopt_multi *bm;
	unsigned long on;
	int err, opt;

	err = lbr_check_refusals(data, LBR_IFLA_BR_MAX, LBR_IFLA_BR_KNOWN,
				 lbr_br_refusals, extack);
	if (err)
		return err;
	err = lbr_mcast_check_versions(data[IFLA_BR_MCAST_IGMP_VERSION] ?
				       nla_get_u8(data[IFLA_BR_MCAST_IGMP_VERSION]) : 0,
				       data[IFLA_BR_MCAST_MLD_VERSION] ?
				       nla_get_u8(data[IFLA_BR_MCAST_MLD_VERSION]) : 0,
				       extack);
	if (err)
		return err;
	if (br && data[IFLA_BR_STP_MODE]) {
		err = lbr_stp_check_mode_rtnl(br, nla_get_u32(data[IFLA_BR_STP_MODE]),
					      data[IFLA_BR_STP_STATE] &&
					      !nla_get_u32(data[IFLA_BR_STP_STATE]),
					      extack);
		if (err)
			return err;
	}
	if (!data[IFLA_BR_MULTI_BOOLOPT])
		return 0;

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
		/* In-tree's own refusal; with filtering, snooping is missing. */
		if (opt == BR_BOOLOPT_MCAST_VLAN_SNOOPING &&
		    !lbr_filtering_after(br, data)) {
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

	err = lbr_check_supported(br, data, extack);
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
		if (bm->optmask & BIT(BR_BOOLOPT_MST_ENABLE)) {
			err = lbr_mst_set_enabled_rtnl(br, bm->optval &
						       BIT(BR_BOOLOPT_MST_ENABLE),
						       extack);
			if (err)
				return err;
		}
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
		err = lbr_check_supported(NULL, data, extack);
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
	       nla_total_size(sizeof(u16)) * 2 +	/* VLAN_PROTOCOL, PVID */
	       nla_total_size(sizeof(u8)) * 2 +		/* VLAN_STATS_* */
	       nla_total_size(sizeof(u8)) * 3 +		/* NF_CALL_* */
	       nla_total_size(sizeof(struct ifla_bridge_id)) * 2 +
	       nla_total_size(ETH_ALEN) +		/* GROUP_ADDR */
	       nla_total_size(sizeof(struct br_boolopt_multi)) +
	       nla_total_size(sizeof(u32)) * 3 +	/* FDB_N/MAX_LEARNED, */
							/* STP_MODE */
	       lbr_mcast_info_size();
}

/* br_netfilter's per-bridge settings, reported as in-tree. */
static int lbr_fill_nf_call(struct sk_buff *skb, const struct lbr_bridge *br)
{
	if (nla_put_u8(skb, IFLA_BR_NF_CALL_IPTABLES,
		       test_bit(LBR_OPT_NF_CALL_IPTABLES, &br->options)) ||
	    nla_put_u8(skb, IFLA_BR_NF_CALL_IP6TABLES,
		       test_bit(LBR_OPT_NF_CALL_IP6TABLES, &br->options)) ||
	    nla_put_u8(skb, IFLA_BR_NF_CALL_ARPTABLES,
		       test_bit(LBR_OPT_NF_CALL_ARPTABLES, &br->options)))
		return -EMSGSIZE;
	return 0;
}

/*
 * What ip -d link show reports: the in-tree attribute set, the MCAST_*
 * group included (mcast_options.c).  The NF_CALL_* settings are reported
 * as in-tree (see options.c).
 */
static int lbr_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct lbr_bridge *br = netdev_priv(dev);
	struct br_boolopt_multi bm = {
		.optval = (test_bit(LBR_OPT_NO_LL_LEARN, &br->options) ?
			   BIT(BR_BOOLOPT_NO_LL_LEARN) : 0) |
			  (test_bit(LBR_OPT_MST_ENABLED, &br->options) ?
			   BIT(BR_BOOLOPT_MST_ENABLE) : 0),
		.optmask = LBR_BOOLOPT_ALL,
	};
	u16 prio = (br->bridge_id.prio[0] << 8) | br->bridge_id.prio[1];

	if (nla_put_u64_64bit(skb, IFLA_BR_HELLO_TIMER,
			      lbr_stp_timer_clock(&br->hello_timer),
			      IFLA_BR_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BR_TCN_TIMER,
			      lbr_stp_timer_clock(&br->tcn_timer), IFLA_BR_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_BR_TOPOLOGY_CHANGE_TIMER,
			      lbr_stp_timer_clock(&br->topology_change_timer),
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
	    nla_put_u8(skb, IFLA_BR_VLAN_FILTERING,
		       test_bit(LBR_OPT_VLAN_FILTERING, &br->options)) ||
	    nla_put_be16(skb, IFLA_BR_VLAN_PROTOCOL, br->vlan_proto) ||
	    nla_put_u16(skb, IFLA_BR_VLAN_DEFAULT_PVID, br->default_pvid) ||
	    nla_put_u8(skb, IFLA_BR_VLAN_STATS_ENABLED,
		       test_bit(LBR_OPT_VLAN_STATS_ENABLED, &br->options)) ||
	    nla_put_u8(skb, IFLA_BR_VLAN_STATS_PER_PORT,
		       test_bit(LBR_OPT_VLAN_STATS_PER_PORT, &br->options)) ||
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
			READ_ONCE(br->fdb_max_learned)) ||
	    nla_put_u32(skb, IFLA_BR_STP_MODE, br->stp_mode) ||
	    lbr_mcast_fill_info(skb, br) ||
	    lbr_fill_nf_call(skb, br))
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
	.get_linkxstats_size	= lbr_vlan_xstats_size,
	.fill_linkxstats	= lbr_vlan_fill_xstats,
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

	err = rtnl_link_register(&lbr_link_ops);
	if (err == -EEXIST) {
		pr_err("bridge.ko is loaded and owns the bridge ABI; rmmod bridge before loading lbridge\n");
		return -EBUSY;
	}
	if (err)
		return err;
	err = lbr_vlan_af_register();
	if (err)
		rtnl_link_unregister(&lbr_link_ops);
	return err;
}

/**
 * lbr_netlink_exit() - give the kind back, deleting every bridge
 *
 * Context: module exit.
 */
void lbr_netlink_exit(void)
{
	lbr_vlan_af_unregister();
	/* Every bridge in every namespace goes, through lbr_dev_dellink(). */
	rtnl_link_unregister(&lbr_link_ops);
}

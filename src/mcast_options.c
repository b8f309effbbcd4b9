// SPDX-License-Identifier: GPL-2.0
/* Multicast snooping settings: in-tree values, ranges and errnos, and how netlink reports them. */

#include "lbridge/mcast.h"
#include "lbridge/types.h"

#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>

#include "lbridge/options.h"
#include "lbridge/port.h"

int lbr_mcast_set_snooping_rtnl(struct lbr_bridge *br, unsigned long val,
				struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (lbr_mcast_snooping(br) != !!val)
		lbr_mcast_toggle_rtnl(br, !!val);
	return 0;
}

/* The bridge device as a router: 0 never, 1 when queries say so, 2 always. */
int lbr_mcast_set_router_rtnl(struct lbr_bridge *br, unsigned long val,
			      struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (val > MDB_RTR_TYPE_PERM)
		return -EINVAL;
	spin_lock_bh(&br->mcast.lock);
	if (val != MDB_RTR_TYPE_TEMP_QUERY) {
		WRITE_ONCE(br->mcast.local_router4, 0);
		WRITE_ONCE(br->mcast.local_router6, 0);
	}
	WRITE_ONCE(br->mcast.router, val);
	spin_unlock_bh(&br->mcast.lock);
	return 0;
}

/* Only the bridge's own queries use the bridge's address. */
int lbr_mcast_set_query_use_ifaddr_rtnl(struct lbr_bridge *br,
					unsigned long val,
					struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (val)
		set_bit(LBR_OPT_MCAST_QUERY_USE_IFADDR, &br->options);
	else
		clear_bit(LBR_OPT_MCAST_QUERY_USE_IFADDR, &br->options);
	return 0;
}

/* As in-tree: accepted, logged, and always LBR_MCAST_HASH_ELASTICITY. */
int lbr_mcast_set_hash_elasticity_rtnl(struct lbr_bridge *br,
				       unsigned long val,
				       struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	netdev_warn(br->dev, "the hash_elasticity option has been deprecated and is always %u\n",
		    LBR_MCAST_HASH_ELASTICITY);
	return 0;
}

int lbr_mcast_set_hash_max_rtnl(struct lbr_bridge *br, unsigned long val,
				struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	WRITE_ONCE(br->mcast.hash_max, val);
	return 0;
}

int lbr_mcast_set_last_member_count_rtnl(struct lbr_bridge *br,
					 unsigned long val,
					 struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	WRITE_ONCE(br->mcast.last_member_count, val);
	return 0;
}

int lbr_mcast_set_startup_query_count_rtnl(struct lbr_bridge *br,
					   unsigned long val,
					   struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	WRITE_ONCE(br->mcast.startup_query_count, val);
	return 0;
}

int lbr_mcast_set_last_member_interval_rtnl(struct lbr_bridge *br,
					    unsigned long t,
					    struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	WRITE_ONCE(br->mcast.last_member_interval, clock_t_to_jiffies(t));
	return 0;
}

int lbr_mcast_set_membership_interval_rtnl(struct lbr_bridge *br,
					   unsigned long t,
					   struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	WRITE_ONCE(br->mcast.membership_interval, clock_t_to_jiffies(t));
	return 0;
}

int lbr_mcast_set_querier_interval_rtnl(struct lbr_bridge *br,
					unsigned long t,
					struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	WRITE_ONCE(br->mcast.querier_interval, clock_t_to_jiffies(t));
	return 0;
}

/* In-tree clamps the query intervals to 1 s .. 24 h, saying so. */
static unsigned long lbr_mcast_clamp_intvl(struct lbr_bridge *br,
					   unsigned long t, const char *what)
{
	unsigned long j = clock_t_to_jiffies(t);
	unsigned long lo = msecs_to_jiffies(1000), hi = msecs_to_jiffies(86400000);

	if (j < lo) {
		netdev_info(br->dev, "trying to set multicast %s interval below minimum, setting to %lu (%ums)\n",
			    what, jiffies_to_clock_t(lo), jiffies_to_msecs(lo));
		j = lo;
	}
	if (j > hi) {
		netdev_info(br->dev, "trying to set multicast %s interval above maximum, setting to %lu (%ums)\n",
			    what, jiffies_to_clock_t(hi), jiffies_to_msecs(hi));
		j = hi;
	}
	return j;
}

int lbr_mcast_set_query_interval_rtnl(struct lbr_bridge *br, unsigned long t,
				      struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	WRITE_ONCE(br->mcast.query_interval,
		   lbr_mcast_clamp_intvl(br, t, "query"));
	return 0;
}

int lbr_mcast_set_query_response_interval_rtnl(struct lbr_bridge *br,
					       unsigned long t,
					       struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	WRITE_ONCE(br->mcast.query_response_interval, clock_t_to_jiffies(t));
	return 0;
}

int lbr_mcast_set_startup_query_interval_rtnl(struct lbr_bridge *br,
					      unsigned long t,
					      struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	WRITE_ONCE(br->mcast.startup_query_interval,
		   lbr_mcast_clamp_intvl(br, t, "startup query"));
	return 0;
}

/**
 * lbr_mcast_check_versions() - refuse by name what lbridge lacks
 * @igmp: a requested mcast_igmp_version, 0 if none
 * @mld: a requested mcast_mld_version, 0 if none
 * @extack: for the refusal
 *
 * IGMPv3 and MLDv2 (source filtering) are not there yet.  Netlink asks
 * before a request changes anything, so nothing of it is applied.
 *
 * Return: 0 or -EOPNOTSUPP.
 */
int lbr_mcast_check_versions(unsigned int igmp, unsigned int mld,
			     struct netlink_ext_ack *extack)
{
	if (igmp == 3) {
		NL_SET_ERR_MSG(extack,
			       "lbridge: mcast_igmp_version 3 (IFLA_BR_MCAST_IGMP_VERSION) is not supported yet");
		return -EOPNOTSUPP;
	}
	if (mld == 2) {
		NL_SET_ERR_MSG(extack,
			       "lbridge: mcast_mld_version 2 (IFLA_BR_MCAST_MLD_VERSION) is not supported yet");
		return -EOPNOTSUPP;
	}
	return 0;
}

int lbr_mcast_set_igmp_version_rtnl(struct lbr_bridge *br, unsigned long val,
				    struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	if (val != 2 && val != 3)
		return -EINVAL;
	err = lbr_mcast_check_versions(val, 0, extack);
	if (err)
		return err;
	br->mcast.igmp_version = val;
	return 0;
}

int lbr_mcast_set_mld_version_rtnl(struct lbr_bridge *br, unsigned long val,
				   struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	if (val != 1 && val != 2)
		return -EINVAL;
	err = lbr_mcast_check_versions(0, val, extack);
	if (err)
		return err;
	br->mcast.mld_version = val;
	return 0;
}

/* Explicit tracking hosts only matter to IGMPv3/MLDv2 snooping. */
int lbr_mcast_port_set_eht_hosts_limit_rtnl(struct lbr_port *p,
					    unsigned long val,
					    struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (!val)
		return -EINVAL;
	p->mcast.eht_hosts_limit = val;
	return 0;
}

size_t lbr_mcast_info_size(void)
{
	return 5 * nla_total_size(sizeof(u8)) +	/* ROUTER .. STATS_ENABLED */
	       4 * nla_total_size(sizeof(u32)) +	/* HASH_* and counts */
	       2 * nla_total_size(sizeof(u8)) +	/* IGMP and MLD versions */
	       nla_total_size(0) +			/* QUERIER_STATE */
	       nla_total_size(sizeof(__be32)) + nla_total_size(sizeof(u32)) +
	       nla_total_size_64bit(sizeof(u64)) +
	       nla_total_size(sizeof(struct in6_addr)) +
	       nla_total_size(sizeof(u32)) + nla_total_size_64bit(sizeof(u64)) +
	       6 * nla_total_size_64bit(sizeof(u64));	/* the intervals */
}

/* One protocol's querier in IFLA_BR_MCAST_QUERIER_STATE, while present. */
static int lbr_mcast_fill_querier(struct sk_buff *skb,
				  const struct lbr_bridge *br, __be16 proto)
{
	bool ip4 = proto == htons(ETH_P_IP);
	const struct lbr_mcast_querier *q = ip4 ? &br->mcast.ip4_querier :
					    &br->mcast.ip6_querier;
	unsigned long now = jiffies, e = READ_ONCE(q->expires);
	bool other = READ_ONCE(q->seen) && time_before(now, e);
	int ifindex = READ_ONCE(q->ifindex);
	struct net_device *dev;
	struct lbr_port *p;

	/* The bridge itself, when it queries, has neither timer nor port. */
	if (!other && !READ_ONCE(br->mcast.querier))
		return 0;
	/* Its port, as in-tree, only while that is still one of ours. */
	rcu_read_lock();
	dev = ifindex ? dev_get_by_index_rcu(dev_net(br->dev), ifindex) : NULL;
	p = dev ? lbr_port_get_rcu(dev) : NULL;
	if (!p || p->br != br)
		ifindex = 0;
	rcu_read_unlock();
	if (ip4 ? nla_put_in_addr(skb, BRIDGE_QUERIER_IP_ADDRESS, q->addr.ip4) :
		  nla_put_in6_addr(skb, BRIDGE_QUERIER_IPV6_ADDRESS, &q->addr.ip6))
		return -EMSGSIZE;
	if (!other)
		return 0;
	if (nla_put_u64_64bit(skb, ip4 ? BRIDGE_QUERIER_IP_OTHER_TIMER :
				   BRIDGE_QUERIER_IPV6_OTHER_TIMER,
			      lbr_jiffies_to_clock(e - now), BRIDGE_QUERIER_PAD) ||
	    (ifindex && nla_put_u32(skb, ip4 ? BRIDGE_QUERIER_IP_PORT :
				    BRIDGE_QUERIER_IPV6_PORT, ifindex)))
		return -EMSGSIZE;
	return 0;
}

static int lbr_mcast_fill_querier_state(struct sk_buff *skb,
					const struct lbr_bridge *br)
{
	struct nlattr *nest;

	if (!lbr_mcast_snooping(br))
		return 0;
	nest = nla_nest_start(skb, IFLA_BR_MCAST_QUERIER_STATE);
	if (!nest)
		return -EMSGSIZE;
	if (lbr_mcast_fill_querier(skb, br, htons(ETH_P_IP)) ||
	    lbr_mcast_fill_querier(skb, br, htons(ETH_P_IPV6))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	if (!nla_len(nest))
		nla_nest_cancel(skb, nest);
	return 0;
}

static int lbr_mcast_put_clock(struct sk_buff *skb, int attr, unsigned long j)
{
	return nla_put_u64_64bit(skb, attr, jiffies_to_clock_t(j), IFLA_BR_PAD);
}

/**
 * lbr_mcast_fill_info() - the IFLA_BR_MCAST_* attributes, in-tree's order
 * @skb: message
 * @br: bridge
 *
 * Context: RTNL or RCU.
 * Return: 0 or -EMSGSIZE.
 */
int lbr_mcast_fill_info(struct sk_buff *skb, const struct lbr_bridge *br)
{
	const struct lbr_mcast *m = &br->mcast;

	if (nla_put_u8(skb, IFLA_BR_MCAST_ROUTER, READ_ONCE(m->router)) ||
	    nla_put_u8(skb, IFLA_BR_MCAST_SNOOPING, lbr_mcast_snooping(br)) ||
	    nla_put_u8(skb, IFLA_BR_MCAST_QUERY_USE_IFADDR,
		       test_bit(LBR_OPT_MCAST_QUERY_USE_IFADDR, &br->options)) ||
	    nla_put_u8(skb, IFLA_BR_MCAST_QUERIER, m->querier) ||
	    nla_put_u8(skb, IFLA_BR_MCAST_STATS_ENABLED,
		       test_bit(LBR_OPT_MCAST_STATS_ENABLED, &br->options)) ||
	    nla_put_u32(skb, IFLA_BR_MCAST_HASH_ELASTICITY,
			LBR_MCAST_HASH_ELASTICITY) ||
	    nla_put_u32(skb, IFLA_BR_MCAST_HASH_MAX, READ_ONCE(m->hash_max)) ||
	    nla_put_u32(skb, IFLA_BR_MCAST_LAST_MEMBER_CNT,
			READ_ONCE(m->last_member_count)) ||
	    nla_put_u32(skb, IFLA_BR_MCAST_STARTUP_QUERY_CNT,
			READ_ONCE(m->startup_query_count)) ||
	    nla_put_u8(skb, IFLA_BR_MCAST_IGMP_VERSION, m->igmp_version) ||
	    lbr_mcast_fill_querier_state(skb, br) ||
	    nla_put_u8(skb, IFLA_BR_MCAST_MLD_VERSION, m->mld_version) ||
	    lbr_mcast_put_clock(skb, IFLA_BR_MCAST_LAST_MEMBER_INTVL,
				READ_ONCE(m->last_member_interval)) ||
	    lbr_mcast_put_clock(skb, IFLA_BR_MCAST_MEMBERSHIP_INTVL,
				READ_ONCE(m->membership_interval)) ||
	    lbr_mcast_put_clock(skb, IFLA_BR_MCAST_QUERIER_INTVL,
				READ_ONCE(m->querier_interval)) ||
	    lbr_mcast_put_clock(skb, IFLA_BR_MCAST_QUERY_INTVL,
				READ_ONCE(m->query_interval)) ||
	    lbr_mcast_put_clock(skb, IFLA_BR_MCAST_QUERY_RESPONSE_INTVL,
				READ_ONCE(m->query_response_interval)) ||
	    lbr_mcast_put_clock(skb, IFLA_BR_MCAST_STARTUP_QUERY_INTVL,
				READ_ONCE(m->startup_query_interval)))
		return -EMSGSIZE;
	return 0;
}

size_t lbr_mcast_port_info_size(void)
{
	return nla_total_size(sizeof(u8)) +		/* MULTICAST_ROUTER */
	       2 * nla_total_size(sizeof(u32));		/* EHT_HOSTS_* */
}

/**
 * lbr_mcast_fill_port_info() - a port's IFLA_BRPORT_MULTICAST_ROUTER and EHT limits
 * @skb: message
 * @p: port
 *
 * Context: RTNL or RCU.
 * Return: 0 or -EMSGSIZE.
 */
int lbr_mcast_fill_port_info(struct sk_buff *skb, const struct lbr_port *p)
{
	if (nla_put_u8(skb, IFLA_BRPORT_MULTICAST_ROUTER,
		       READ_ONCE(p->mcast.router)) ||
	    nla_put_u32(skb, IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT,
			p->mcast.eht_hosts_limit) ||
	    nla_put_u32(skb, IFLA_BRPORT_MCAST_EHT_HOSTS_CNT, 0))
		return -EMSGSIZE;
	return 0;
}

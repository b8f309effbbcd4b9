// SPDX-License-Identifier: GPL-2.0
/* Multicast snooping's lifetime: per bridge and per port, on open, stop and state changes. */

#include "lbridge/mcast.h"
#include "lbridge/types.h"

#include <linux/if_bridge.h>
#include <linux/igmp.h>
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/ipv6.h>

/**
 * lbr_mcast_snooping() - whether multicast_snooping is on
 * @br: bridge
 *
 * Context: any.
 */
bool lbr_mcast_snooping(const struct lbr_bridge *br)
{
	return test_bit(LBR_OPT_MCAST_SNOOPING, &br->options);
}

/**
 * lbr_mcast_bridge_init() - snooping on, with the in-tree defaults
 * @br: bridge, being initialised
 *
 * Return: 0 or -ENOMEM.
 */
int lbr_mcast_bridge_init(struct lbr_bridge *br)
{
	struct lbr_mcast *m = &br->mcast;
	int err;

	spin_lock_init(&m->lock);
	INIT_HLIST_HEAD(&m->router_list);
	INIT_DELAYED_WORK(&m->gc_work, lbr_mcast_gc_work);
	m->hash_max = LBR_MCAST_HASH_MAX;
	m->last_member_count = LBR_MCAST_LAST_MEMBER_CNT;
	m->startup_query_count = LBR_MCAST_STARTUP_QUERY_CNT;
	m->last_member_interval = LBR_MCAST_LAST_MEMBER_INTVL;
	m->membership_interval = LBR_MCAST_MEMBERSHIP_INTVL;
	m->querier_interval = LBR_MCAST_QUERIER_INTVL;
	m->query_interval = LBR_MCAST_QUERY_INTVL;
	m->query_response_interval = LBR_MCAST_QUERY_RESPONSE_INTVL;
	m->startup_query_interval = LBR_MCAST_STARTUP_QUERY_INTVL;
	m->router = MDB_RTR_TYPE_TEMP_QUERY;
	m->igmp_version = 2;
	m->mld_version = 1;
	lbr_mcast_querier_init(br);
	set_bit(LBR_OPT_MCAST_SNOOPING, &br->options);
	m->stats = lbr_mcast_stats_alloc();
	if (!m->stats)
		return -ENOMEM;
	err = lbr_mdb_init(br);
	if (err)
		goto err_free_stats;
	return 0;

err_free_stats:
	lbr_mcast_stats_free(m->stats);
	return err;
}

/**
 * lbr_mcast_bridge_uninit_rtnl() - the bridge goes: every group with it
 * @br: bridge, without ports
 *
 * Context: RTNL held.
 */
void lbr_mcast_bridge_uninit_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	lbr_mcast_querier_stop_rtnl(br);
	cancel_delayed_work_sync(&br->mcast.gc_work);
	lbr_mdb_flush_rtnl(br);
	/* No frame can re-arm it now: the flush left nothing to expire. */
	cancel_delayed_work_sync(&br->mcast.gc_work);
	lbr_mdb_uninit(br);
	/* ndo_uninit: unregistering waited for the datapath's readers. */
	lbr_mcast_stats_free(br->mcast.stats);
}

/* ff02::6a, which the headers do not name. */
static const struct in6_addr lbr_in6_allsnoopers = {
	.s6_addr = { 0xff, 0x02, [15] = 0x6a },
};

/*
 * As in-tree, a snooping bridge listens to the all-snoopers groups
 * (224.0.0.106, ff02::6a) that multicast router discovery uses.
 */
static void lbr_mcast_snoopers_rtnl(struct lbr_bridge *br, bool join)
{
	struct in_device *in_dev = __in_dev_get_rtnl(br->dev);

	ASSERT_RTNL();
	if (br->mcast.snoopers == join)
		return;
	br->mcast.snoopers = join;
	if (in_dev) {
		if (join)
			ip_mc_inc_group(in_dev, htonl(INADDR_ALLSNOOPERS_GROUP));
		else
			ip_mc_dec_group(in_dev, htonl(INADDR_ALLSNOOPERS_GROUP));
	}
	if (!IS_ENABLED(CONFIG_IPV6))
		return;
	if (join)
		ipv6_dev_mc_inc(br->dev, &lbr_in6_allsnoopers);
	else
		ipv6_dev_mc_dec(br->dev, &lbr_in6_allsnoopers);
}

/*
 * What ran out meanwhile (the bridge down, snooping off) goes now, and the
 * bridge's own querier, if on, starts over.
 */
static void lbr_mcast_start_rtnl(struct lbr_bridge *br)
{
	spin_lock_bh(&br->mcast.lock);
	br->mcast.gc_armed = false;
	lbr_mcast_gc_arm(br, jiffies);
	lbr_mcast_querier_start_locked(br, htons(ETH_P_IP));
	lbr_mcast_querier_start_locked(br, htons(ETH_P_IPV6));
	spin_unlock_bh(&br->mcast.lock);
}

/**
 * lbr_mcast_open_rtnl() - the bridge comes up
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_mcast_open_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	if (lbr_mcast_snooping(br))
		lbr_mcast_snoopers_rtnl(br, true);
	lbr_mcast_start_rtnl(br);
}

/**
 * lbr_mcast_stop_rtnl() - the bridge goes down
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_mcast_stop_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	lbr_mcast_snoopers_rtnl(br, false);
	lbr_mcast_querier_stop_rtnl(br);
}

/**
 * lbr_mcast_toggle_rtnl() - multicast_snooping changes
 * @br: bridge
 * @on: the new setting (different from the old)
 *
 * The MDB is kept, as in-tree: it is neither used nor shown while off.
 *
 * Context: RTNL held.
 */
void lbr_mcast_toggle_rtnl(struct lbr_bridge *br, bool on)
{
	ASSERT_RTNL();
	if (on)
		set_bit(LBR_OPT_MCAST_SNOOPING, &br->options);
	else
		clear_bit(LBR_OPT_MCAST_SNOOPING, &br->options);
	if (netif_running(br->dev) || !on)
		lbr_mcast_snoopers_rtnl(br, on);
	if (on)
		lbr_mcast_start_rtnl(br);
	else
		lbr_mcast_querier_stop_rtnl(br);
}

/**
 * lbr_mcast_port_init_rtnl() - a new port's snooping state
 * @p: port, not yet in the port list
 *
 * Context: RTNL held.
 * Return: 0 or -ENOMEM (no counters).
 */
int lbr_mcast_port_init_rtnl(struct lbr_port *p)
{
	ASSERT_RTNL();
	p->mcast.stats = lbr_mcast_stats_alloc();
	if (!p->mcast.stats)
		return -ENOMEM;
	p->mcast.router = MDB_RTR_TYPE_TEMP_QUERY;
	p->mcast.eht_hosts_limit = LBR_MCAST_EHT_HOSTS_LIMIT;
	INIT_HLIST_NODE(&p->mcast.rlist);
	lbr_mcast_querier_port_init(p);
	return 0;
}

/**
 * lbr_mcast_port_release() - a port's memory goes: its counters with it
 * @p: port, after its last reader (the kobject's release)
 */
void lbr_mcast_port_release(struct lbr_port *p)
{
	lbr_mcast_stats_free(p->mcast.stats);
}

/**
 * lbr_mcast_port_uninit_rtnl() - a port leaves: its memberships and router role go
 * @p: port, its rx handler gone (nothing snoops on it any more)
 *
 * Context: RTNL held.
 */
void lbr_mcast_port_uninit_rtnl(struct lbr_port *p)
{
	ASSERT_RTNL();
	lbr_mcast_querier_port_stop(p, true);
	lbr_mdb_flush_port_rtnl(p, true);
}

/**
 * lbr_mcast_port_state_rtnl() - a port was enabled or disabled
 * @p: port
 * @enabled: its new state is not BR_STATE_DISABLED
 *
 * As in-tree, a disabled port loses its learnt memberships and router
 * role; a port configured as a router (mcast_router 2) is one again once
 * enabled.
 *
 * Context: RTNL held.
 */
void lbr_mcast_port_state_rtnl(struct lbr_port *p, bool enabled)
{
	struct lbr_bridge *br = p->br;

	ASSERT_RTNL();
	if (!enabled) {
		lbr_mcast_querier_port_stop(p, false);
		lbr_mdb_flush_port_rtnl(p, false);
		return;
	}
	spin_lock_bh(&br->mcast.lock);
	lbr_mcast_querier_port_start_locked(p);
	if (p->mcast.router == MDB_RTR_TYPE_PERM) {
		lbr_mcast_router_mark_locked(br, p, htons(ETH_P_IP),
					     LBR_MCAST_FOREVER);
		lbr_mcast_router_mark_locked(br, p, htons(ETH_P_IPV6),
					     LBR_MCAST_FOREVER);
	}
	spin_unlock_bh(&br->mcast.lock);
}

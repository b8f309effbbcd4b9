// SPDX-License-Identifier: GPL-2.0
/* Per-VLAN counters: vlan_stats_enabled, vlan_stats_per_port, their dumps and link xstats. */

#include "lbridge/vlan.h"
#include "lbridge/mcast.h"
#include "lbridge/types.h"

#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>

#include "lbridge/port.h"

DEFINE_STATIC_KEY_FALSE(lbr_vlan_stats_used);

/**
 * lbr_vlan_set_stats_rtnl() - vlan_stats_enabled
 * @br: bridge
 * @val: 0 or 1
 * @extack: netlink extended ack
 *
 * Counting stops and starts; what was counted stays, as in-tree.
 *
 * Context: RTNL held.
 * Return: 0 or -EINVAL.
 */
int lbr_vlan_set_stats_rtnl(struct lbr_bridge *br, unsigned long val,
			    struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (val > 1)
		return -EINVAL;
	if (val == test_bit(LBR_OPT_VLAN_STATS_ENABLED, &br->options))
		return 0;
	if (val) {
		static_branch_inc(&lbr_vlan_stats_used);
		set_bit(LBR_OPT_VLAN_STATS_ENABLED, &br->options);
	} else {
		clear_bit(LBR_OPT_VLAN_STATS_ENABLED, &br->options);
		static_branch_dec(&lbr_vlan_stats_used);
	}
	return 0;
}

/**
 * lbr_vlan_set_stats_per_port_rtnl() - vlan_stats_per_port
 * @br: bridge
 * @val: 0 (a port's VLANs count into the bridge's) or 1 (their own)
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0; -EBUSY while any port has a VLAN, -EINVAL, as in-tree.
 */
int lbr_vlan_set_stats_per_port_rtnl(struct lbr_bridge *br, unsigned long val,
				     struct netlink_ext_ack *extack)
{
	struct lbr_vlan_group *vg;
	struct lbr_port *p;

	ASSERT_RTNL();
	list_for_each_entry(p, &br->port_list, list) {
		vg = rtnl_dereference(p->vlgrp);
		if (vg && vg->num_vlans)
			return -EBUSY;
	}
	if (val > 1)
		return -EINVAL;
	assign_bit(LBR_OPT_VLAN_STATS_PER_PORT, &br->options, val);
	return 0;
}

/**
 * lbr_vlan_stats_attach() - give a new entry its counters
 * @br: bridge
 * @v: the entry, not yet published
 * @brv: the bridge's entry for a port's VLAN, NULL for a bridge entry
 *
 * Context: RTNL held.
 * Return: 0 or -ENOMEM.
 */
int lbr_vlan_stats_attach(struct lbr_bridge *br, struct lbr_vlan *v,
			  struct lbr_vlan *brv)
{
	if (brv && !test_bit(LBR_OPT_VLAN_STATS_PER_PORT, &br->options)) {
		v->stats = brv->stats;
		return 0;
	}
	v->stats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!v->stats)
		return -ENOMEM;
	v->own_stats = 1;
	return 0;
}

/**
 * lbr_vlan_stats_detach() - free an entry's own counters
 * @v: the entry, which no reader can see any more
 *
 * Context: any (RCU callbacks too).
 */
void lbr_vlan_stats_detach(struct lbr_vlan *v)
{
	if (v->own_stats)
		free_percpu(v->stats);
	v->stats = NULL;
}

/**
 * lbr_vlan_count_rcu() - count a frame in its VLAN
 * @vg: the VLANs of the port (or bridge) it enters or leaves by
 * @vid: its VLAN, one of @vg's
 * @len: its length from the network header, as in-tree counts
 * @rx: entering (true) or leaving
 *
 * Context: RCU read section, BH or process context.
 */
void lbr_vlan_count_rcu(struct lbr_vlan_group *vg, u16 vid, unsigned int len,
			bool rx)
{
	const struct lbr_vlan *v = xa_load(&vg->vlans, vid);
	struct pcpu_sw_netstats *s;

	if (!v || !v->stats)
		return;
	s = get_cpu_ptr(v->stats);
	u64_stats_update_begin(&s->syncp);
	if (rx) {
		u64_stats_add(&s->rx_bytes, len);
		u64_stats_inc(&s->rx_packets);
	} else {
		u64_stats_add(&s->tx_bytes, len);
		u64_stats_inc(&s->tx_packets);
	}
	u64_stats_update_end(&s->syncp);
	put_cpu_ptr(v->stats);
}

/**
 * lbr_vlan_stats_read() - an entry's counters summed over CPUs
 * @v: the entry
 * @sum: where to put them
 *
 * Context: RCU read section or RTNL.
 */
void lbr_vlan_stats_read(const struct lbr_vlan *v, struct pcpu_sw_netstats *sum)
{
	u64 rxp, rxb, txp, txb;
	unsigned int start;
	int cpu;

	memset(sum, 0, sizeof(*sum));
	if (!v->stats)
		return;
	for_each_possible_cpu(cpu) {
		const struct pcpu_sw_netstats *s = per_cpu_ptr(v->stats, cpu);

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			rxp = u64_stats_read(&s->rx_packets);
			rxb = u64_stats_read(&s->rx_bytes);
			txp = u64_stats_read(&s->tx_packets);
			txb = u64_stats_read(&s->tx_bytes);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		u64_stats_add(&sum->rx_packets, rxp);
		u64_stats_add(&sum->rx_bytes, rxb);
		u64_stats_add(&sum->tx_packets, txp);
		u64_stats_add(&sum->tx_bytes, txb);
	}
}

/**
 * lbr_vlan_stats_fill() - BRIDGE_VLANDB_ENTRY_STATS of an RTM_GETVLAN dump
 * @skb: the message, inside a BRIDGE_VLANDB_ENTRY
 * @v: the entry
 *
 * Context: RCU read section.
 * Return: 0 or -EMSGSIZE.
 */
int lbr_vlan_stats_fill(struct sk_buff *skb, const struct lbr_vlan *v)
{
	struct pcpu_sw_netstats sum;
	struct nlattr *nest;

	nest = nla_nest_start(skb, BRIDGE_VLANDB_ENTRY_STATS);
	if (!nest)
		return -EMSGSIZE;
	lbr_vlan_stats_read(v, &sum);
	if (nla_put_u64_64bit(skb, BRIDGE_VLANDB_STATS_RX_BYTES,
			      u64_stats_read(&sum.rx_bytes),
			      BRIDGE_VLANDB_STATS_PAD) ||
	    nla_put_u64_64bit(skb, BRIDGE_VLANDB_STATS_RX_PACKETS,
			      u64_stats_read(&sum.rx_packets),
			      BRIDGE_VLANDB_STATS_PAD) ||
	    nla_put_u64_64bit(skb, BRIDGE_VLANDB_STATS_TX_BYTES,
			      u64_stats_read(&sum.tx_bytes),
			      BRIDGE_VLANDB_STATS_PAD) ||
	    nla_put_u64_64bit(skb, BRIDGE_VLANDB_STATS_TX_PACKETS,
			      u64_stats_read(&sum.tx_packets),
			      BRIDGE_VLANDB_STATS_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* The VLANs of the bridge (IFLA_STATS_LINK_XSTATS) or port (_SLAVE). */
static struct lbr_vlan_group *lbr_xstats_group(const struct net_device *dev,
					       int attr, struct lbr_port **p)
{
	*p = NULL;
	if (attr == IFLA_STATS_LINK_XSTATS)
		return rtnl_dereference(((struct lbr_bridge *)netdev_priv(dev))->vlgrp);
	*p = lbr_port_get_rtnl(dev);
	return *p ? rtnl_dereference((*p)->vlgrp) : NULL;
}

/**
 * lbr_vlan_xstats_size() - rtnl_link_ops.get_linkxstats_size
 * @dev: a bridge, or a port (@attr IFLA_STATS_LINK_XSTATS_SLAVE)
 * @attr: which
 *
 * Context: RTNL held.
 * Return: the room lbr_vlan_fill_xstats() needs.
 */
size_t lbr_vlan_xstats_size(const struct net_device *dev, int attr)
{
	struct lbr_vlan_group *vg;
	struct lbr_port *p;
	unsigned long n = 0, vid;
	struct lbr_vlan *v;

	if (attr != IFLA_STATS_LINK_XSTATS && attr != IFLA_STATS_LINK_XSTATS_SLAVE)
		return 0;
	vg = lbr_xstats_group(dev, attr, &p);
	if (attr == IFLA_STATS_LINK_XSTATS_SLAVE && !p)
		return 0;
	if (vg)
		xa_for_each(&vg->vlans, vid, v)
			n++;
	return n * nla_total_size(sizeof(struct bridge_vlan_xstats)) +
	       nla_total_size_64bit(sizeof(struct br_mcast_stats)) +
	       (p ? nla_total_size_64bit(sizeof(struct bridge_stp_xstats)) : 0) +
	       nla_total_size(0);
}

static int lbr_xstats_put_vlan(struct sk_buff *skb, struct lbr_vlan_group *vg,
			       const struct lbr_vlan *v, bool bridge)
{
	struct bridge_vlan_xstats vxi = { .vid = v->vid };
	struct pcpu_sw_netstats sum;

	/* The bridge's entries say whether the bridge itself is a member. */
	vxi.flags = bridge ? v->flags | BRIDGE_VLAN_INFO_MASTER : v->flags;
	if (READ_ONCE(vg->pvid) == v->vid)
		vxi.flags |= BRIDGE_VLAN_INFO_PVID;
	lbr_vlan_stats_read(v, &sum);
	vxi.rx_bytes = u64_stats_read(&sum.rx_bytes);
	vxi.rx_packets = u64_stats_read(&sum.rx_packets);
	vxi.tx_bytes = u64_stats_read(&sum.tx_bytes);
	vxi.tx_packets = u64_stats_read(&sum.tx_packets);
	return nla_put(skb, BRIDGE_XSTATS_VLAN, sizeof(vxi), &vxi);
}

static int lbr_xstats_put_stp(struct sk_buff *skb, const struct lbr_port *p)
{
	const struct lbr_stp_port_stats *st = &p->stp_stats;
	struct bridge_stp_xstats x = {
		.transition_blk = st->transition_blk,
		.transition_fwd = st->transition_fwd,
		.rx_bpdu = st->rx_bpdu,
		.tx_bpdu = st->tx_bpdu,
		.rx_tcn = st->rx_tcn,
		.tx_tcn = st->tx_tcn,
	};

	return nla_put_64bit(skb, BRIDGE_XSTATS_STP, sizeof(x), &x,
			     BRIDGE_XSTATS_PAD);
}

/**
 * lbr_vlan_fill_xstats() - rtnl_link_ops.fill_linkxstats (bridge -s vlan show)
 * @skb: the message
 * @dev: a bridge, or a port
 * @prividx: entries already sent, for a dump that resumes
 * @attr: IFLA_STATS_LINK_XSTATS or IFLA_STATS_LINK_XSTATS_SLAVE
 *
 * Every VLAN with its counters (the bridge's entries without BRENTRY
 * too), then the IGMP/MLD counters and, for a port, the STP counters.
 *
 * Context: RTNL held.
 * Return: 0, -EMSGSIZE (with @prividx where to resume) or -EINVAL.
 */
int lbr_vlan_fill_xstats(struct sk_buff *skb, const struct net_device *dev,
			 int *prividx, int attr)
{
	struct lbr_vlan_group *vg;
	struct nlattr *nest, *nla;
	unsigned long vid;
	struct lbr_port *p;
	struct lbr_vlan *v;
	int idx = 0;

	if (attr != IFLA_STATS_LINK_XSTATS && attr != IFLA_STATS_LINK_XSTATS_SLAVE)
		return -EINVAL;
	vg = lbr_xstats_group(dev, attr, &p);
	if (attr == IFLA_STATS_LINK_XSTATS_SLAVE && !p)
		return 0;
	nest = nla_nest_start_noflag(skb, LINK_XSTATS_TYPE_BRIDGE);
	if (!nest)
		return -EMSGSIZE;
	if (vg) {
		xa_for_each(&vg->vlans, vid, v) {
			if (++idx < *prividx)
				continue;
			if (lbr_xstats_put_vlan(skb, vg, v, !p))
				goto full;
		}
	}
	if (++idx >= *prividx) {
		nla = nla_reserve_64bit(skb, BRIDGE_XSTATS_MCAST,
					sizeof(struct br_mcast_stats),
					BRIDGE_XSTATS_PAD);
		if (!nla)
			goto full;
		lbr_mcast_stats_read(p ? p->br : netdev_priv(dev), p,
				     nla_data(nla));
	}
	if (p && lbr_xstats_put_stp(skb, p))
		goto full;
	nla_nest_end(skb, nest);
	*prividx = 0;
	return 0;
full:
	nla_nest_end(skb, nest);
	*prividx = idx;
	return -EMSGSIZE;
}

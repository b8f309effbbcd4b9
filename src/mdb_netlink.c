// SPDX-License-Identifier: GPL-2.0
/* The MDB over rtnetlink: dumps, user entries, and notifications to RTNLGRP_MDB. */

#include "lbridge/mdb_netlink.h"
#include "lbridge/mcast.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/if_vlan.h>
#include <linux/igmp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "lbridge/device.h"
#include "lbridge/options.h"
#include "lbridge/port.h"
#include "lbridge/vlan.h"

/* Clock ticks left until @expires, 0 when not running. */
static u32 lbr_mdb_timer(unsigned long expires)
{
	unsigned long now = jiffies;

	if (!expires || expires == LBR_MCAST_FOREVER ||
	    !time_after(expires, now))
		return 0;
	return lbr_jiffies_to_clock(expires - now);
}

static int lbr_mdb_fill_entry(struct sk_buff *skb, const struct lbr_bridge *br,
			      const struct lbr_mdb_entry *mp,
			      const struct lbr_port_group *pg)
{
	struct br_mdb_entry e = {};
	struct nlattr *nest;
	unsigned long expires;

	if (pg) {
		e.ifindex = pg->port->dev->ifindex;
		e.state = pg->flags & LBR_PG_PERMANENT;
		if (pg->flags & LBR_PG_FAST_LEAVE)
			e.flags |= MDB_FLAGS_FAST_LEAVE;
		expires = READ_ONCE(pg->expires);
	} else {
		e.ifindex = br->dev->ifindex;
		expires = mp->host_joined ? READ_ONCE(mp->host_expires) : 0;
	}
	e.vid = mp->key.vid;
	e.addr.proto = mp->key.proto;
	switch (mp->key.proto) {
	case htons(ETH_P_IP):
		e.addr.u.ip4 = mp->key.dst.ip4;
		break;
	case htons(ETH_P_IPV6):
		e.addr.u.ip6 = mp->key.dst.ip6;
		break;
	default:
		ether_addr_copy(e.addr.u.mac_addr, mp->key.dst.mac);
		e.state = MDB_PERMANENT;
	}
	nest = nla_nest_start_noflag(skb, MDBA_MDB_ENTRY_INFO);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_nohdr(skb, sizeof(e), &e) ||
	    nla_put_u32(skb, MDBA_MDB_EATTR_TIMER, lbr_mdb_timer(expires)) ||
	    (pg && nla_put_u8(skb, MDBA_MDB_EATTR_RTPROT, pg->rt_protocol))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* One bridge's groups, resuming at cb->args[1] (group), [2] (member). */
static int lbr_mdb_fill_groups(struct sk_buff *skb, struct netlink_callback *cb,
			       struct lbr_bridge *br)
{
	int idx = 0, s_idx = cb->args[1], pidx = 0, s_pidx = cb->args[2];
	struct lbr_port_group *pg;
	struct lbr_mdb_entry *mp;
	struct nlattr *nest, *nest2;
	int err = 0;

	if (!lbr_mcast_snooping(br) && !LBR_MDB_DUMP_WHEN_OFF)
		return 0;
	nest = nla_nest_start_noflag(skb, MDBA_MDB);
	if (!nest)
		return -EMSGSIZE;
	hlist_for_each_entry_rcu(mp, &br->mcast.mdb_list, list) {
		if (idx < s_idx)
			goto skip;
		nest2 = nla_nest_start_noflag(skb, MDBA_MDB_ENTRY);
		if (!nest2) {
			err = -EMSGSIZE;
			break;
		}
		if (!s_pidx && READ_ONCE(mp->host_joined)) {
			err = lbr_mdb_fill_entry(skb, br, mp, NULL);
			if (err) {
				nla_nest_cancel(skb, nest2);
				break;
			}
		}
		for (pg = rcu_dereference(mp->ports); pg;
		     pg = rcu_dereference(pg->next)) {
			if (pidx++ < s_pidx)
				continue;
			err = lbr_mdb_fill_entry(skb, br, mp, pg);
			if (err) {
				pidx--;
				nla_nest_end(skb, nest2);
				goto out;
			}
		}
		pidx = 0;
		s_pidx = 0;
		nla_nest_end(skb, nest2);
skip:
		idx++;
	}
out:
	cb->args[1] = idx;
	cb->args[2] = pidx;
	nla_nest_end(skb, nest);
	return err;
}

static int lbr_mdb_fill_router(struct sk_buff *skb, const struct lbr_port *p)
{
	unsigned long e4 = READ_ONCE(p->mcast.ip4_router_expires);
	unsigned long e6 = READ_ONCE(p->mcast.ip6_router_expires);
	u8 type = READ_ONCE(p->mcast.router);
	u32 t4 = lbr_mdb_timer(e4), t6 = lbr_mdb_timer(e6);
	struct nlattr *nest;

	nest = nla_nest_start_noflag(skb, MDBA_ROUTER_PORT);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_nohdr(skb, sizeof(u32), &p->dev->ifindex) ||
	    nla_put_u32(skb, MDBA_ROUTER_PATTR_TIMER, max(t4, t6)) ||
	    nla_put_u8(skb, MDBA_ROUTER_PATTR_TYPE, type) ||
	    (e4 && nla_put_u32(skb, MDBA_ROUTER_PATTR_INET_TIMER, t4)) ||
	    (e6 && nla_put_u32(skb, MDBA_ROUTER_PATTR_INET6_TIMER, t6))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* The router ports, in port list order as in-tree. */
static int lbr_mdb_fill_routers(struct sk_buff *skb, struct lbr_bridge *br)
{
	struct lbr_port *p;
	struct nlattr *nest;

	if (!READ_ONCE(br->mcast.router) || hlist_empty(&br->mcast.router_list))
		return 0;
	nest = nla_nest_start_noflag(skb, MDBA_ROUTER);
	if (!nest)
		return -EMSGSIZE;
	list_for_each_entry_rcu(p, &br->port_list, list) {
		if (!READ_ONCE(p->mcast.ip4_router_expires) &&
		    !READ_ONCE(p->mcast.ip6_router_expires))
			continue;
		if (lbr_mdb_fill_router(skb, p)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int lbr_mdb_valid_dump_req(const struct nlmsghdr *nlh,
				  struct netlink_ext_ack *extack)
{
	struct br_port_msg *bpm;

	if (nlh->nlmsg_len < nlmsg_msg_size(sizeof(*bpm))) {
		NL_SET_ERR_MSG(extack, "bridge: Invalid header for mdb dump request");
		return -EINVAL;
	}
	bpm = nlmsg_data(nlh);
	if (bpm->ifindex) {
		NL_SET_ERR_MSG(extack,
			       "bridge: Filtering by device index is not supported for mdb dump request");
		return -EINVAL;
	}
	if (nlmsg_attrlen(nlh, sizeof(*bpm))) {
		NL_SET_ERR_MSG(extack, "Invalid data after header in mdb dump request");
		return -EINVAL;
	}
	return 0;
}

/**
 * lbr_mdb_dump_dev() - one bridge's RTM_GETMDB message (ndo_mdb_dump)
 * @dev: the bridge
 * @skb: dump buffer
 * @cb: dump state: args[0] is the caller's, args[1] and [2] resume here
 *
 * Context: RTNL or RCU (the dump takes the RCU read lock itself).
 * Return: 0, or -EMSGSIZE when the buffer filled up (resume there).
 */
int lbr_mdb_dump_dev(struct net_device *dev, struct sk_buff *skb,
		     struct netlink_callback *cb)
{
	struct lbr_bridge *br = netdev_priv(dev);
	struct br_port_msg *bpm;
	struct nlmsghdr *nlh;
	int err;

	nlh = nlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			RTM_GETMDB, sizeof(*bpm), NLM_F_MULTI);
	if (!nlh)
		return -EMSGSIZE;
	bpm = nlmsg_data(nlh);
	memset(bpm, 0, sizeof(*bpm));
	bpm->ifindex = dev->ifindex;
	rcu_read_lock();
	err = lbr_mdb_fill_groups(skb, cb, br);
	if (!err)
		err = lbr_mdb_fill_routers(skb, br);
	rcu_read_unlock();
	nlmsg_end(skb, nlh);
	return err;
}

/* Kernels whose core has no MDB handlers: every bridge of the netns. */
static int lbr_mdb_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	int idx = 0, s_idx = cb->args[0];
	struct net_device *dev;

	if (cb->strict_check) {
		int err = lbr_mdb_valid_dump_req(cb->nlh, cb->extack);

		if (err < 0)
			return err;
	}
	cb->seq = net->dev_base_seq;
	for_each_netdev(net, dev) {
		if (!lbr_is_bridge(dev))
			continue;
		if (idx >= s_idx) {
			if (lbr_mdb_dump_dev(dev, skb, cb) == -EMSGSIZE)
				break;
			cb->args[1] = 0;
			cb->args[2] = 0;
		}
		idx++;
	}
	cb->args[0] = idx;
	return skb->len;
}

static size_t lbr_mdb_notify_size(void)
{
	return NLMSG_ALIGN(sizeof(struct br_port_msg)) +
	       nla_total_size(0) + nla_total_size(0) +	/* MDB, ENTRY */
	       nla_total_size(0) +			/* ENTRY_INFO */
	       nla_total_size(sizeof(struct br_mdb_entry)) +
	       nla_total_size(sizeof(u32)) +		/* TIMER */
	       nla_total_size(sizeof(u8));		/* RTPROT */
}

/**
 * lbr_mdb_notify() - tell RTNLGRP_MDB that a membership came or went
 * @br: bridge
 * @mp: group
 * @pg: the port's membership, NULL for the bridge device's own
 * @type: RTM_NEWMDB or RTM_DELMDB
 *
 * Context: any (GFP_ATOMIC), usually lbr_mcast.lock held.
 */
void lbr_mdb_notify(struct lbr_bridge *br, const struct lbr_mdb_entry *mp,
		    const struct lbr_port_group *pg, int type)
{
	struct net *net = dev_net(br->dev);
	struct nlattr *nest, *nest2;
	struct br_port_msg *bpm;
	struct nlmsghdr *nlh;
	struct sk_buff *skb;

	skb = nlmsg_new(lbr_mdb_notify_size(), GFP_ATOMIC);
	if (!skb)
		goto err;
	nlh = nlmsg_put(skb, 0, 0, type, sizeof(*bpm), 0);
	if (!nlh)
		goto err_free;
	bpm = nlmsg_data(nlh);
	memset(bpm, 0, sizeof(*bpm));
	bpm->family = AF_BRIDGE;
	bpm->ifindex = br->dev->ifindex;
	nest = nla_nest_start_noflag(skb, MDBA_MDB);
	nest2 = nest ? nla_nest_start_noflag(skb, MDBA_MDB_ENTRY) : NULL;
	if (!nest2 || lbr_mdb_fill_entry(skb, br, mp, pg))
		goto err_free;
	nla_nest_end(skb, nest2);
	nla_nest_end(skb, nest);
	nlmsg_end(skb, nlh);
	rtnl_notify(skb, net, 0, RTNLGRP_MDB, NULL, GFP_ATOMIC);
	return;
err_free:
	kfree_skb(skb);
err:
	rtnl_set_sk_err(net, RTNLGRP_MDB, -ENOBUFS);
}

/**
 * lbr_mcast_router_notify() - tell RTNLGRP_MDB a port became or ceased
 *	being a multicast router
 * @br: bridge
 * @p: the port
 * @type: RTM_NEWMDB or RTM_DELMDB
 *
 * Context: any (GFP_ATOMIC).
 */
void lbr_mcast_router_notify(struct lbr_bridge *br, const struct lbr_port *p,
			     int type)
{
	struct net *net = dev_net(br->dev);
	struct nlattr *nest, *port_nest;
	struct br_port_msg *bpm;
	struct nlmsghdr *nlh;
	struct sk_buff *skb;

	skb = nlmsg_new(NLMSG_ALIGN(sizeof(*bpm)) + nla_total_size(0) +
			nla_total_size(sizeof(u32)), GFP_ATOMIC);
	if (!skb)
		goto err;
	nlh = nlmsg_put(skb, 0, 0, type, sizeof(*bpm), 0);
	if (!nlh)
		goto err_free;
	bpm = nlmsg_data(nlh);
	memset(bpm, 0, sizeof(*bpm));
	bpm->family = AF_BRIDGE;
	bpm->ifindex = br->dev->ifindex;
	nest = nla_nest_start_noflag(skb, MDBA_ROUTER);
	port_nest = nest ? nla_nest_start_noflag(skb, MDBA_ROUTER_PORT) : NULL;
	if (!port_nest ||
	    nla_put_nohdr(skb, sizeof(u32), &p->dev->ifindex))
		goto err_free;
	nla_nest_end(skb, port_nest);
	nla_nest_end(skb, nest);
	nlmsg_end(skb, nlh);
	rtnl_notify(skb, net, 0, RTNLGRP_MDB, NULL, GFP_ATOMIC);
	return;
err_free:
	kfree_skb(skb);
err:
	rtnl_set_sk_err(net, RTNLGRP_MDB, -ENOBUFS);
}

static const struct rtnl_msg_handler lbr_mdb_dump_handler[] = {
	{ .owner = THIS_MODULE, .protocol = PF_BRIDGE, .msgtype = RTM_GETMDB,
	  .dumpit = lbr_mdb_dump },
};

/**
 * lbr_mdb_rtnl_init() - answer RTM_GETMDB, RTM_NEWMDB and RTM_DELMDB where
 *	the core does not (6.1: bridge.ko registered them itself)
 *
 * Return: 0 or a negative errno.
 */
int lbr_mdb_rtnl_init(void)
{
	int err;

	if (LBR_CORE_HAS_MDB)
		return 0;
	err = rtnl_register_many(lbr_mdb_dump_handler);
	if (err)
		return err;
	err = lbr_mdb_rtm_init();
	if (err)
		rtnl_unregister_many(lbr_mdb_dump_handler);
	return err;
}

void lbr_mdb_rtnl_exit(void)
{
	if (LBR_CORE_HAS_MDB)
		return;
	lbr_mdb_rtm_exit();
	rtnl_unregister_many(lbr_mdb_dump_handler);
}

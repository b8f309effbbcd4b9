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

	if (!lbr_mcast_snooping(br))
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
		NL_SET_ERR_MSG_MOD(extack, "Invalid header for mdb dump request");
		return -EINVAL;
	}
	bpm = nlmsg_data(nlh);
	if (bpm->ifindex) {
		NL_SET_ERR_MSG_MOD(extack, "Filtering by device index is not supported for mdb dump request");
		return -EINVAL;
	}
	if (nlmsg_attrlen(nlh, sizeof(*bpm))) {
		NL_SET_ERR_MSG(extack, "Invalid data after header in mdb dump request");
		return -EINVAL;
	}
	return 0;
}

static int lbr_mdb_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct nlmsghdr *nlh = NULL;
	int idx = 0, s_idx = cb->args[0];
	struct br_port_msg *bpm;
	struct net_device *dev;

	if (cb->strict_check) {
		int err = lbr_mdb_valid_dump_req(cb->nlh, cb->extack);

		if (err < 0)
			return err;
	}
	rcu_read_lock();
	for_each_netdev_rcu(net, dev) {
		if (!lbr_is_bridge(dev))
			continue;
		if (idx < s_idx)
			goto skip;
		nlh = nlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, RTM_GETMDB, sizeof(*bpm),
				NLM_F_MULTI);
		if (!nlh)
			break;
		bpm = nlmsg_data(nlh);
		memset(bpm, 0, sizeof(*bpm));
		bpm->ifindex = dev->ifindex;
		if (lbr_mdb_fill_groups(skb, cb, netdev_priv(dev)) < 0 ||
		    lbr_mdb_fill_routers(skb, netdev_priv(dev)) < 0)
			goto out;
		cb->args[1] = 0;
		nlmsg_end(skb, nlh);
skip:
		idx++;
	}
	nlh = NULL;
out:
	if (nlh)
		nlmsg_end(skb, nlh);
	rcu_read_unlock();
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

static const struct lbr_mdb_key *lbr_mdb_entry_key(const struct br_mdb_entry *e,
						   struct lbr_mdb_key *key)
{
	memset(key, 0, sizeof(*key));
	key->vid = e->vid;
	key->proto = e->addr.proto;
	switch (e->addr.proto) {
	case htons(ETH_P_IP):
		key->dst.ip4 = e->addr.u.ip4;
		break;
	case htons(ETH_P_IPV6):
		key->dst.ip6 = e->addr.u.ip6;
		break;
	default:
		ether_addr_copy(key->dst.mac, e->addr.u.mac_addr);
	}
	return key;
}

/* The in-tree checks of a br_mdb_entry, with its messages. */
static bool lbr_mdb_entry_valid(const struct br_mdb_entry *e,
				struct netlink_ext_ack *extack)
{
	if (!e->ifindex) {
		NL_SET_ERR_MSG_MOD(extack, "Zero entry ifindex is not allowed");
		return false;
	}
	switch (e->addr.proto) {
	case htons(ETH_P_IP):
		if (!ipv4_is_multicast(e->addr.u.ip4)) {
			NL_SET_ERR_MSG_MOD(extack, "IPv4 entry group address is not multicast");
			return false;
		}
		if (ipv4_is_local_multicast(e->addr.u.ip4)) {
			NL_SET_ERR_MSG_MOD(extack, "IPv4 entry group address is local multicast");
			return false;
		}
		break;
	case htons(ETH_P_IPV6):
		if (ipv6_addr_is_ll_all_nodes(&e->addr.u.ip6)) {
			NL_SET_ERR_MSG_MOD(extack, "IPv6 entry group address is link-local all nodes");
			return false;
		}
		break;
	case 0:
		if (!is_multicast_ether_addr(e->addr.u.mac_addr)) {
			NL_SET_ERR_MSG_MOD(extack, "L2 entry group is not multicast");
			return false;
		}
		break;
	default:
		NL_SET_ERR_MSG_MOD(extack, "Unknown entry protocol");
		return false;
	}
	if (e->state != MDB_PERMANENT && e->state != MDB_TEMPORARY) {
		NL_SET_ERR_MSG_MOD(extack, "Unknown entry state");
		return false;
	}
	if (e->vid >= VLAN_VID_MASK) {
		NL_SET_ERR_MSG_MOD(extack, "Invalid entry VLAN id");
		return false;
	}
	return true;
}

/**
 * struct lbr_mdb_req - a parsed RTM_NEWMDB/RTM_DELMDB
 * @br: the bridge
 * @p: the port, NULL for the bridge device (a host join)
 * @entry: the request's entry
 */
struct lbr_mdb_req {
	struct lbr_bridge	*br;
	struct lbr_port		*p;
	struct br_mdb_entry	*entry;
};

static int lbr_mdb_parse_bridge(struct net *net, struct nlmsghdr *nlh,
				struct nlattr **tb, struct lbr_mdb_req *req,
				struct netlink_ext_ack *extack)
{
	struct br_port_msg *bpm = nlmsg_data(nlh);
	struct net_device *dev;

	if (!bpm->ifindex) {
		NL_SET_ERR_MSG_MOD(extack, "Invalid bridge ifindex");
		return -EINVAL;
	}
	dev = __dev_get_by_index(net, bpm->ifindex);
	if (!dev) {
		NL_SET_ERR_MSG_MOD(extack, "Bridge device doesn't exist");
		return -ENODEV;
	}
	if (!lbr_is_bridge(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "Device is not a bridge");
		return -EOPNOTSUPP;
	}
	req->br = netdev_priv(dev);
	if (!tb[MDBA_SET_ENTRY]) {
		NL_SET_ERR_MSG_MOD(extack, "Missing MDBA_SET_ENTRY attribute");
		return -EINVAL;
	}
	if (nla_len(tb[MDBA_SET_ENTRY]) != sizeof(struct br_mdb_entry)) {
		NL_SET_ERR_MSG_MOD(extack, "Invalid MDBA_SET_ENTRY attribute length");
		return -EINVAL;
	}
	req->entry = nla_data(tb[MDBA_SET_ENTRY]);
	if (!lbr_mdb_entry_valid(req->entry, extack))
		return -EINVAL;
	if (tb[MDBA_SET_ENTRY_ATTRS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[MDBA_SET_ENTRY_ATTRS],
				    "lbridge: source-specific MDB entries (MDBA_SET_ENTRY_ATTRS) are not supported yet");
		return -EOPNOTSUPP;
	}
	return 0;
}

static int lbr_mdb_parse_port(struct net *net, struct lbr_mdb_req *req,
			      struct netlink_ext_ack *extack)
{
	struct net_device *pdev;

	req->p = NULL;
	if (req->entry->ifindex == req->br->dev->ifindex)
		return 0;
	pdev = __dev_get_by_index(net, req->entry->ifindex);
	if (!pdev) {
		NL_SET_ERR_MSG_MOD(extack, "Port net device doesn't exist");
		return -ENODEV;
	}
	req->p = lbr_port_get_rtnl(pdev);
	if (!req->p) {
		NL_SET_ERR_MSG_MOD(extack, "Net device is not a bridge port");
		return -EINVAL;
	}
	if (req->p->br != req->br) {
		NL_SET_ERR_MSG_MOD(extack, "Port belongs to a different bridge device");
		return -EINVAL;
	}
	return 0;
}

static int lbr_mdb_parse(struct sk_buff *skb, struct nlmsghdr *nlh,
			 struct lbr_mdb_req *req, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[MDBA_SET_ENTRY_MAX + 1];
	struct net *net = sock_net(skb->sk);
	int err;

	err = nlmsg_parse_deprecated(nlh, sizeof(struct br_port_msg), tb,
				     MDBA_SET_ENTRY_MAX, NULL, NULL);
	if (err < 0)
		return err;
	err = lbr_mdb_parse_bridge(net, nlh, tb, req, extack);
	if (err)
		return err;
	return lbr_mdb_parse_port(net, req, extack);
}

/* A user's host join: as in-tree, it lasts a membership interval. */
static int lbr_mdb_add_host_locked(struct lbr_bridge *br,
				   struct lbr_mdb_entry *mp,
				   const struct br_mdb_entry *e,
				   struct netlink_ext_ack *extack)
{
	if (mp->host_joined) {
		NL_SET_ERR_MSG_MOD(extack, "Group is already joined by host");
		return -EEXIST;
	}
	WRITE_ONCE(mp->host_joined, true);
	if (e->addr.proto)
		mp->host_expires = jiffies + READ_ONCE(br->mcast.membership_interval);
	else
		mp->host_expires = 0;
	if (mp->host_expires)
		lbr_mcast_gc_arm(br, mp->host_expires);
	lbr_mdb_notify(br, mp, NULL, RTM_NEWMDB);
	return 0;
}

static int lbr_mdb_add_port_locked(struct lbr_bridge *br,
				   struct lbr_mdb_entry *mp, struct lbr_port *p,
				   const struct br_mdb_entry *e,
				   struct netlink_ext_ack *extack)
{
	struct lbr_port_group __rcu **pp;
	struct lbr_port_group *pg;

	pp = lbr_mdb_pg_slot_locked(br, mp, p, &pg);
	if (pg) {
		NL_SET_ERR_MSG_MOD(extack, "Group is already joined by port");
		return -EEXIST;
	}
	pg = lbr_mdb_pg_new_locked(br, mp, pp, p,
				   e->state == MDB_PERMANENT ? LBR_PG_PERMANENT : 0,
				   RTPROT_STATIC);
	if (!pg) {
		NL_SET_ERR_MSG_MOD(extack, "Couldn't allocate new port group");
		return -ENOMEM;
	}
	if (e->state == MDB_TEMPORARY) {
		pg->expires = jiffies + READ_ONCE(br->mcast.membership_interval);
		lbr_mcast_gc_arm(br, pg->expires);
	}
	lbr_mdb_notify(br, mp, pg, RTM_NEWMDB);
	return 0;
}

static int lbr_mdb_add_one(struct lbr_bridge *br, struct lbr_port *p,
			   const struct br_mdb_entry *e,
			   struct netlink_ext_ack *extack)
{
	struct lbr_mdb_entry *mp;
	struct lbr_mdb_key key;
	int err;

	if (!p && e->addr.proto && e->state) {
		NL_SET_ERR_MSG_MOD(extack, "Flags are not allowed for host groups");
		return -EINVAL;
	}
	if (!e->addr.proto && e->state != MDB_PERMANENT) {
		NL_SET_ERR_MSG_MOD(extack, "Only permanent L2 entries allowed");
		return -EINVAL;
	}
	spin_lock_bh(&br->mcast.lock);
	mp = lbr_mdb_get_locked(br, lbr_mdb_entry_key(e, &key));
	if (IS_ERR(mp)) {
		err = PTR_ERR(mp);
	} else {
		err = p ? lbr_mdb_add_port_locked(br, mp, p, e, extack) :
			  lbr_mdb_add_host_locked(br, mp, e, extack);
		if (err)
			lbr_mdb_entry_put_locked(br, mp);
	}
	spin_unlock_bh(&br->mcast.lock);
	return err;
}

typedef int (*lbr_mdb_op)(struct lbr_bridge *br, struct lbr_port *p,
			  const struct br_mdb_entry *e,
			  struct netlink_ext_ack *extack);

/*
 * As in-tree: with VLAN filtering, an entry without a VLAN is made (or
 * removed) on every VLAN of the port, or of the bridge for a host entry.
 * Adding stops at the first error; removing goes on and reports the last.
 */
static int lbr_mdb_for_vlans_rtnl(const struct lbr_mdb_req *req, lbr_mdb_op op,
				  bool stop, struct netlink_ext_ack *extack)
{
	struct br_mdb_entry e = *req->entry;
	struct lbr_vlan_group *vg;
	unsigned long vid;
	struct lbr_vlan *v;
	int err = 0;

	ASSERT_RTNL();
	vg = req->p ? rtnl_dereference(req->p->vlgrp) :
		      rtnl_dereference(req->br->vlgrp);
	if (!test_bit(LBR_OPT_VLAN_FILTERING, &req->br->options) || !vg || e.vid)
		return op(req->br, req->p, &e, extack);
	xa_for_each(&vg->vlans, vid, v) {
		e.vid = vid;
		err = op(req->br, req->p, &e, extack);
		if (err && stop)
			break;
	}
	return err;
}

static int lbr_mdb_add(struct sk_buff *skb, struct nlmsghdr *nlh,
		       struct netlink_ext_ack *extack)
{
	struct lbr_mdb_req req;
	int err;

	ASSERT_RTNL();
	err = lbr_mdb_parse(skb, nlh, &req, extack);
	if (err)
		return err;
	if (!netif_running(req.br->dev)) {
		NL_SET_ERR_MSG_MOD(extack, "Bridge device is not running");
		return -EINVAL;
	}
	if (!lbr_mcast_snooping(req.br)) {
		NL_SET_ERR_MSG_MOD(extack, "Bridge's multicast processing is disabled");
		return -EINVAL;
	}
	if (req.p && req.p->state == BR_STATE_DISABLED &&
	    req.entry->state != MDB_PERMANENT) {
		NL_SET_ERR_MSG_MOD(extack, "Port is in disabled state and entry is not permanent");
		return -EINVAL;
	}
	return lbr_mdb_for_vlans_rtnl(&req, lbr_mdb_add_one, true, extack);
}

static int lbr_mdb_del_one(struct lbr_bridge *br, struct lbr_port *p,
			   const struct br_mdb_entry *e,
			   struct netlink_ext_ack *extack)
{
	struct lbr_port_group __rcu **pp;
	struct lbr_port_group *pg;
	struct lbr_mdb_entry *mp;
	struct lbr_mdb_key key;
	int err = -EINVAL;

	spin_lock_bh(&br->mcast.lock);
	rcu_read_lock();
	mp = lbr_mdb_find_rcu(br, lbr_mdb_entry_key(e, &key));
	rcu_read_unlock();
	if (!mp)
		goto unlock;
	if (!p) {
		if (mp->host_joined) {
			lbr_mdb_host_leave_locked(br, mp);
			err = 0;
		}
		goto unlock;
	}
	pp = lbr_mdb_pg_slot_locked(br, mp, p, &pg);
	/* As in-tree, a disabled port's entries stay. */
	if (pg && p->state != BR_STATE_DISABLED) {
		lbr_mdb_pg_del_locked(br, pp, pg);
		err = 0;
	}
unlock:
	spin_unlock_bh(&br->mcast.lock);
	return err;
}

static int lbr_mdb_del(struct sk_buff *skb, struct nlmsghdr *nlh,
		       struct netlink_ext_ack *extack)
{
	struct lbr_mdb_req req;
	int err;

	ASSERT_RTNL();
	err = lbr_mdb_parse(skb, nlh, &req, extack);
	if (err)
		return err;
	return lbr_mdb_for_vlans_rtnl(&req, lbr_mdb_del_one, false, extack);
}

static const struct rtnl_msg_handler lbr_mdb_rtnl_handlers[] = {
	{ .owner = THIS_MODULE, .protocol = PF_BRIDGE, .msgtype = RTM_GETMDB,
	  .dumpit = lbr_mdb_dump },
	{ .owner = THIS_MODULE, .protocol = PF_BRIDGE, .msgtype = RTM_NEWMDB,
	  .doit = lbr_mdb_add },
	{ .owner = THIS_MODULE, .protocol = PF_BRIDGE, .msgtype = RTM_DELMDB,
	  .doit = lbr_mdb_del },
};

/**
 * lbr_mdb_rtnl_init() - answer RTM_GETMDB, RTM_NEWMDB and RTM_DELMDB
 *
 * Return: 0 or a negative errno.
 */
int lbr_mdb_rtnl_init(void)
{
	return rtnl_register_many(lbr_mdb_rtnl_handlers);
}

void lbr_mdb_rtnl_exit(void)
{
	rtnl_unregister_many(lbr_mdb_rtnl_handlers);
}

// SPDX-License-Identifier: GPL-2.0
/* User MDB entries: RTM_NEWMDB/RTM_DELMDB (ndo_mdb_add/del where the core owns them). */

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
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "lbridge/device.h"
#include "lbridge/port.h"
#include "lbridge/vlan.h"

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
		NL_SET_ERR_MSG(extack, "bridge: Zero entry ifindex is not allowed");
		return false;
	}
	switch (e->addr.proto) {
	case htons(ETH_P_IP):
		if (!ipv4_is_multicast(e->addr.u.ip4)) {
			NL_SET_ERR_MSG(extack, "bridge: IPv4 entry group address is not multicast");
			return false;
		}
		if (ipv4_is_local_multicast(e->addr.u.ip4)) {
			NL_SET_ERR_MSG(extack,
				       "bridge: IPv4 entry group address is local multicast");
			return false;
		}
		break;
	case htons(ETH_P_IPV6):
		if (ipv6_addr_is_ll_all_nodes(&e->addr.u.ip6)) {
			NL_SET_ERR_MSG(extack,
				       "bridge: IPv6 entry group address is link-local all nodes");
			return false;
		}
		break;
	case 0:
		if (!is_multicast_ether_addr(e->addr.u.mac_addr)) {
			NL_SET_ERR_MSG(extack, "bridge: L2 entry group is not multicast");
			return false;
		}
		break;
	default:
		NL_SET_ERR_MSG(extack, "bridge: Unknown entry protocol");
		return false;
	}
	if (e->state != MDB_PERMANENT && e->state != MDB_TEMPORARY) {
		NL_SET_ERR_MSG(extack, "bridge: Unknown entry state");
		return false;
	}
	if (e->vid >= VLAN_VID_MASK) {
		NL_SET_ERR_MSG(extack, "bridge: Invalid entry VLAN id");
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

/* The entry attribute; where the core parsed the message it checked it too. */
static int lbr_mdb_parse_entry(struct net_device *dev, struct nlattr *tb[],
			       struct lbr_mdb_req *req,
			       struct netlink_ext_ack *extack)
{
	req->br = netdev_priv(dev);
	req->p = NULL;
	if (!tb[MDBA_SET_ENTRY]) {
		NL_SET_ERR_MSG(extack, "bridge: Missing MDBA_SET_ENTRY attribute");
		return -EINVAL;
	}
	if (nla_len(tb[MDBA_SET_ENTRY]) != sizeof(struct br_mdb_entry)) {
		NL_SET_ERR_MSG(extack, "bridge: Invalid MDBA_SET_ENTRY attribute length");
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

/* The entry's port, unless it names the bridge itself; @quiet: no extack. */
static int lbr_mdb_parse_port(struct lbr_mdb_req *req, bool quiet,
			      struct netlink_ext_ack *extack)
{
	struct net_device *pdev;

	if (req->entry->ifindex == req->br->dev->ifindex)
		return 0;
	pdev = __dev_get_by_index(dev_net(req->br->dev), req->entry->ifindex);
	if (!pdev) {
		if (!quiet)
			NL_SET_ERR_MSG(extack, "bridge: Port net device doesn't exist");
		return -ENODEV;
	}
	req->p = lbr_port_get_rtnl(pdev);
	if (!req->p) {
		NL_SET_ERR_MSG(extack, "bridge: Net device is not a bridge port");
		return -EINVAL;
	}
	if (req->p->br != req->br) {
		NL_SET_ERR_MSG(extack, "bridge: Port belongs to a different bridge device");
		return -EINVAL;
	}
	return 0;
}

/* A user's host join: as in-tree, an IP group's lasts a membership interval. */
static int lbr_mdb_add_host_locked(struct lbr_bridge *br,
				   struct lbr_mdb_entry *mp,
				   const struct br_mdb_entry *e,
				   struct netlink_ext_ack *extack)
{
	if (mp->host_joined) {
		NL_SET_ERR_MSG(extack, "bridge: Group is already joined by host");
		return -EEXIST;
	}
	WRITE_ONCE(mp->host_joined, true);
	mp->host_expires = 0;
	if (e->addr.proto) {
		mp->host_expires = jiffies + READ_ONCE(br->mcast.membership_interval);
		lbr_mcast_gc_arm(br, mp->host_expires);
	}
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
		NL_SET_ERR_MSG(extack, LBR_MDB_MSG_PG_EXISTS);
		return -EEXIST;
	}
	pg = lbr_mdb_pg_new_locked(br, mp, pp, p,
				   e->state == MDB_PERMANENT ? LBR_PG_PERMANENT : 0,
				   RTPROT_STATIC);
	if (!pg) {
		NL_SET_ERR_MSG(extack, "bridge: Couldn't allocate new port group");
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
		NL_SET_ERR_MSG(extack, "bridge: Flags are not allowed for host groups");
		return -EINVAL;
	}
	if (!e->addr.proto && e->state != MDB_PERMANENT) {
		NL_SET_ERR_MSG(extack, "bridge: Only permanent L2 entries allowed");
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

/* As in-tree, the port's entry or the host's; running, snooping bridges only. */
static int lbr_mdb_del_one(struct lbr_bridge *br, struct lbr_port *p,
			   const struct br_mdb_entry *e,
			   struct netlink_ext_ack *extack)
{
	struct lbr_port_group __rcu **pp;
	struct lbr_port_group *pg;
	struct lbr_mdb_entry *mp;
	struct lbr_mdb_key key;
	int err = -EINVAL;

	if (!netif_running(br->dev) || !lbr_mcast_snooping(br))
		return -EINVAL;
	lbr_mdb_entry_key(e, &key);
	spin_lock_bh(&br->mcast.lock);
	rcu_read_lock();
	mp = lbr_mdb_find_rcu(br, &key);
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
	if (pg) {
		lbr_mdb_pg_del_locked(br, pp, pg);
		err = 0;
	}
unlock:
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

/**
 * lbr_mdb_ndo_add() - a user's MDB entry (RTM_NEWMDB, ndo_mdb_add)
 * @dev: the bridge
 * @tb: the message's attributes
 * @nlmsg_flags: its flags (NLM_F_REPLACE is not there yet: ignored as 6.1 does)
 * @extack: extended ack
 *
 * Context: RTNL held.
 * Return: 0 or the in-tree errno with its message.
 */
int lbr_mdb_ndo_add(struct net_device *dev, struct nlattr *tb[],
		    u16 nlmsg_flags, struct netlink_ext_ack *extack)
{
	struct lbr_mdb_req req;
	int err;

	ASSERT_RTNL();
	err = lbr_mdb_parse_entry(dev, tb, &req, extack);
	if (err)
		return err;
	if (!netif_running(dev)) {
		NL_SET_ERR_MSG(extack, "bridge: Bridge device is not running");
		return -EINVAL;
	}
	if (!lbr_mcast_snooping(req.br)) {
		NL_SET_ERR_MSG(extack, "bridge: Bridge's multicast processing is disabled");
		return -EINVAL;
	}
	err = lbr_mdb_parse_port(&req, false, extack);
	if (err)
		return err;
	if (req.p && req.p->state == BR_STATE_DISABLED &&
	    req.entry->state != MDB_PERMANENT) {
		NL_SET_ERR_MSG(extack,
			       "bridge: Port is in disabled state and entry is not permanent");
		return -EINVAL;
	}
	return lbr_mdb_for_vlans_rtnl(&req, lbr_mdb_add_one, true, extack);
}

/**
 * lbr_mdb_ndo_del() - remove a user's or a learnt MDB entry (RTM_DELMDB, ndo_mdb_del)
 * @dev: the bridge
 * @tb: the message's attributes
 * @extack: extended ack
 *
 * Context: RTNL held.
 * Return: 0 or the in-tree errno.
 */
int lbr_mdb_ndo_del(struct net_device *dev, struct nlattr *tb[],
		    struct netlink_ext_ack *extack)
{
	struct lbr_mdb_req req;
	int err;

	ASSERT_RTNL();
	err = lbr_mdb_parse_entry(dev, tb, &req, extack);
	if (err)
		return err;
	err = lbr_mdb_parse_port(&req, true, extack);
	if (err)
		return err;
	return lbr_mdb_for_vlans_rtnl(&req, lbr_mdb_del_one, false, extack);
}

/* Kernels whose core has no MDB handlers: find the bridge as in-tree did. */
static int lbr_mdb_rtm(struct sk_buff *skb, struct nlmsghdr *nlh,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[MDBA_SET_ENTRY_MAX + 1];
	struct br_port_msg *bpm;
	struct net_device *dev;
	int err;

	err = nlmsg_parse_deprecated(nlh, sizeof(*bpm), tb, MDBA_SET_ENTRY_MAX,
				     NULL, NULL);
	if (err < 0)
		return err;
	bpm = nlmsg_data(nlh);
	if (!bpm->ifindex) {
		NL_SET_ERR_MSG(extack, "bridge: Invalid bridge ifindex");
		return -EINVAL;
	}
	dev = __dev_get_by_index(sock_net(skb->sk), bpm->ifindex);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "bridge: Bridge device doesn't exist");
		return -ENODEV;
	}
	if (!lbr_is_bridge(dev)) {
		NL_SET_ERR_MSG(extack, "bridge: Device is not a bridge");
		return -EOPNOTSUPP;
	}
	if (nlh->nlmsg_type == RTM_NEWMDB)
		return lbr_mdb_ndo_add(dev, tb, nlh->nlmsg_flags, extack);
	return lbr_mdb_ndo_del(dev, tb, extack);
}

static const struct rtnl_msg_handler lbr_mdb_rtm_handlers[] = {
	{ .owner = THIS_MODULE, .protocol = PF_BRIDGE, .msgtype = RTM_NEWMDB,
	  .doit = lbr_mdb_rtm },
	{ .owner = THIS_MODULE, .protocol = PF_BRIDGE, .msgtype = RTM_DELMDB,
	  .doit = lbr_mdb_rtm },
};

int lbr_mdb_rtm_init(void)
{
	return rtnl_register_many(lbr_mdb_rtm_handlers);
}

void lbr_mdb_rtm_exit(void)
{
	rtnl_unregister_many(lbr_mdb_rtm_handlers);
}

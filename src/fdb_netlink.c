// SPDX-License-Identifier: GPL-2.0
/* FDB over rtnetlink: ndo_fdb_add/del/dump/get and neighbour events. */

#include "lbridge/fdb_netlink.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>
#include <uapi/linux/neighbour.h>

#include "lbridge/device.h"
#include "lbridge/fdb.h"
#include "lbridge/port.h"

static u16 lbr_fdb_nud(const struct lbr_bridge *br,
		       const struct lbr_fdb_entry *f)
{
	if (test_bit(LBR_FDB_LOCAL, &f->flags))
		return NUD_PERMANENT;
	if (test_bit(LBR_FDB_STATIC, &f->flags))
		return NUD_NOARP;
	if (lbr_fdb_has_expired(br, f))
		return NUD_STALE;
	return NUD_REACHABLE;
}

static int lbr_fdb_fill(struct sk_buff *skb, const struct lbr_bridge *br,
			const struct lbr_fdb_entry *f, u32 portid, u32 seq,
			int type, unsigned int flags)
{
	const struct lbr_port *dst = READ_ONCE(f->dst);
	unsigned long now = jiffies;
	struct nda_cacheinfo ci;
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;

	nlh = nlmsg_put(skb, portid, seq, type, sizeof(*ndm), flags);
	if (!nlh)
		return -EMSGSIZE;

	ndm = nlmsg_data(nlh);
	ndm->ndm_family = AF_BRIDGE;
	ndm->ndm_pad1 = 0;
	ndm->ndm_pad2 = 0;
	ndm->ndm_flags = 0;
	if (test_bit(LBR_FDB_EXT_LEARN, &f->flags))
		ndm->ndm_flags |= NTF_EXT_LEARNED;
	if (test_bit(LBR_FDB_STICKY, &f->flags))
		ndm->ndm_flags |= NTF_STICKY;
	ndm->ndm_type = 0;
	ndm->ndm_ifindex = dst ? dst->dev->ifindex : br->dev->ifindex;
	ndm->ndm_state = lbr_fdb_nud(br, f);

	if (nla_put(skb, NDA_LLADDR, ETH_ALEN, f->key.addr) ||
	    nla_put_u32(skb, NDA_MASTER, br->dev->ifindex))
		goto nla_put_failure;

	ci.ndm_used = jiffies_to_clock_t(now - READ_ONCE(f->used));
	ci.ndm_confirmed = 0;
	ci.ndm_updated = jiffies_to_clock_t(now - READ_ONCE(f->updated));
	ci.ndm_refcnt = 0;
	if (nla_put(skb, NDA_CACHEINFO, sizeof(ci), &ci))
		goto nla_put_failure;
	if (f->key.vid && nla_put_u16(skb, NDA_VLAN, f->key.vid))
		goto nla_put_failure;

	nlmsg_end(skb, nlh);
	return 0;

nla_put_failure:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

static size_t lbr_fdb_msg_size(void)
{
	return NLMSG_ALIGN(sizeof(struct ndmsg)) +
	       nla_total_size(ETH_ALEN) +		/* NDA_LLADDR */
	       nla_total_size(sizeof(u32)) +		/* NDA_MASTER */
	       nla_total_size(sizeof(u16)) +		/* NDA_VLAN */
	       nla_total_size(sizeof(struct nda_cacheinfo));
}

/**
 * lbr_fdb_notify() - tell RTNLGRP_NEIGH listeners about an entry
 * @br: bridge
 * @f: entry
 * @type: RTM_NEWNEIGH or RTM_DELNEIGH
 *
 * Builds nothing when nobody listens: learning stays cheap.
 *
 * Context: any; allocates with GFP_ATOMIC.
 */
void lbr_fdb_notify(struct lbr_bridge *br, const struct lbr_fdb_entry *f,
		    int type)
{
	struct net *net = dev_net(br->dev);
	struct sk_buff *skb;
	int err = -ENOBUFS;

	if (!rtnl_has_listeners(net, RTNLGRP_NEIGH))
		return;

	skb = nlmsg_new(lbr_fdb_msg_size(), GFP_ATOMIC);
	if (!skb)
		goto errout;

	err = lbr_fdb_fill(skb, br, f, 0, 0, type, 0);
	if (err < 0) {
		WARN_ON(err == -EMSGSIZE);
		kfree_skb(skb);
		goto errout;
	}
	rtnl_notify(skb, net, 0, RTNLGRP_NEIGH, NULL, GFP_ATOMIC);
	return;
errout:
	rtnl_set_sk_err(net, RTNLGRP_NEIGH, err);
}

/* Resolve the device an FDB request names: a port or the bridge itself. */
static struct lbr_bridge *lbr_fdb_target(struct net_device *dev,
					 struct lbr_port **pp,
					 struct netlink_ext_ack *extack)
{
	struct lbr_port *p;

	if (lbr_is_bridge(dev)) {
		*pp = NULL;
		return netdev_priv(dev);
	}
	p = lbr_port_get_rtnl(dev);
	if (!p) {
		NL_SET_ERR_MSG_MOD(extack, "Device is not an lbridge port");
		return NULL;
	}
	*pp = p;
	return p->br;
}

int lbr_fdb_ndo_add(struct ndmsg *ndm, struct nlattr *tb[],
		    struct net_device *dev, const unsigned char *addr,
		    u16 vid, u16 nlh_flags, struct netlink_ext_ack *extack)
{
	struct lbr_bridge *br;
	struct lbr_port *p;

	ASSERT_RTNL();
	if (!(ndm->ndm_state & (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE))) {
		NL_SET_ERR_MSG_MOD(extack, "FDB entry state must be permanent, noarp or reachable");
		return -EINVAL;
	}
	if (vid) {
		NL_SET_ERR_MSG_MOD(extack, "VLANs are not supported yet");
		return -EOPNOTSUPP;
	}
	if (tb[NDA_FDB_EXT_ATTRS]) {
		NL_SET_ERR_MSG_MOD(extack, "FDB activity notification is not supported yet");
		return -EOPNOTSUPP;
	}

	br = lbr_fdb_target(dev, &p, extack);
	if (!br)
		return -EINVAL;

	if (ndm->ndm_flags & NTF_USE) {
		if (!p) {
			NL_SET_ERR_MSG_MOD(extack, "FDB entry with use flag needs a port");
			return -EINVAL;
		}
		rcu_read_lock();
		local_bh_disable();
		lbr_fdb_learn_rcu(br, p, addr, vid);
		local_bh_enable();
		rcu_read_unlock();
		return 0;
	}

	return lbr_fdb_add_user(br, p, addr, vid, ndm->ndm_state,
				ndm->ndm_flags, nlh_flags, extack);
}

int lbr_fdb_ndo_del(struct ndmsg *ndm, struct nlattr *tb[],
		    struct net_device *dev, const unsigned char *addr,
		    u16 vid, struct netlink_ext_ack *extack)
{
	struct lbr_bridge *br;
	struct lbr_port *p;

	ASSERT_RTNL();
	br = lbr_fdb_target(dev, &p, extack);
	if (!br)
		return -EINVAL;
	return lbr_fdb_del_user(br, p, addr, vid);
}

/**
 * lbr_fdb_ndo_dump() - dump entries for RTM_GETNEIGH
 * @skb: reply
 * @cb: dump state
 * @dev: the bridge
 * @filter_dev: a port to restrict the dump to, or NULL
 * @idx: running index shared with the core across devices
 *
 * For the bridge device the core's unicast/multicast list comes first,
 * then the entries owned by the bridge itself; for a port, the entries
 * behind it.
 *
 * Context: RTNL held (netlink dump).
 * Return: 0 or -EMSGSIZE when the reply is full.
 */
int lbr_fdb_ndo_dump(struct sk_buff *skb, struct netlink_callback *cb,
		     struct net_device *dev, struct net_device *filter_dev,
		     int *idx)
{
	struct lbr_bridge *br = netdev_priv(dev);
	struct lbr_fdb_entry *f;
	int err = 0;

	if (!lbr_is_bridge(dev))
		return 0;

	if (!filter_dev) {
		err = ndo_dflt_fdb_dump(skb, cb, dev, NULL, idx);
		if (err < 0)
			return err;
	}

	rcu_read_lock();
	hlist_for_each_entry_rcu(f, &br->fdb_list, list) {
		const struct lbr_port *dst = READ_ONCE(f->dst);

		if (*idx < cb->args[2])
			goto skip;
		if (filter_dev && (!dst || dst->dev != filter_dev))
			goto skip;
		/* Port entries are reported through their port device. */
		if (!filter_dev && dst)
			goto skip;

		err = lbr_fdb_fill(skb, br, f, NETLINK_CB(cb->skb).portid,
				   cb->nlh->nlmsg_seq, RTM_NEWNEIGH,
				   NLM_F_MULTI);
		if (err < 0)
			break;
skip:
		*idx += 1;
	}
	rcu_read_unlock();

	return err;
}

int lbr_fdb_ndo_get(struct sk_buff *skb, struct nlattr *tb[],
		    struct net_device *dev, const unsigned char *addr,
		    u16 vid, u32 portid, u32 seq,
		    struct netlink_ext_ack *extack)
{
	struct lbr_fdb_entry *f;
	struct lbr_bridge *br;
	struct lbr_port *p;
	int err;

	br = lbr_fdb_target(dev, &p, extack);
	if (!br)
		return -EINVAL;

	rcu_read_lock();
	f = lbr_fdb_find_rcu(br, addr, vid);
	if (!f) {
		NL_SET_ERR_MSG_MOD(extack, "FDB entry not found");
		err = -ENOENT;
	} else {
		err = lbr_fdb_fill(skb, br, f, portid, seq, RTM_NEWNEIGH, 0);
	}
	rcu_read_unlock();
	return err;
}

// SPDX-License-Identifier: GPL-2.0
/* FDB over rtnetlink: ndo_fdb_add/del/dump/get and neighbour events. */

#include "lbridge/fdb_netlink.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>
#include <uapi/linux/neighbour.h>

#include "lbridge/device.h"
#include "lbridge/fdb.h"
#include "lbridge/port.h"
#include "lbridge/vlan.h"

/* How an entry's flags read as a neighbour state, as in-tree reports them. */
static u8 lbr_fdb_nud(const struct lbr_bridge *br,
		      const struct lbr_fdb_entry *f)
{
	if (test_bit(LBR_FDB_LOCAL, &f->dst_flags))
		return NUD_PERMANENT;
	if (test_bit(LBR_FDB_STATIC, &f->dst_flags))
		return NUD_NOARP;
	if (lbr_fdb_has_expired(br, f))
		return NUD_STALE;
	return NUD_REACHABLE;
}

/*
 * One entry as an AF_BRIDGE neighbour.  ndm_flags carries only what
 * in-tree puts there (no NTF_MASTER: NDA_MASTER says whose entry it is,
 * and iproute2 would print a stray "master" flag); the caller holds
 * hash_lock or an RCU read section, which keeps the entry's port alive.
 */
static int lbr_fdb_fill(struct sk_buff *skb, const struct lbr_bridge *br,
			const struct lbr_fdb_entry *f, u32 portid, u32 seq,
			int type, unsigned int flags)
{
	const struct lbr_port *dst = lbr_fdb_dst(f);
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
	ndm->ndm_type = 0;
	ndm->ndm_ifindex = dst ? dst->dev->ifindex : br->dev->ifindex;
	ndm->ndm_state = lbr_fdb_nud(br, f);
	if (test_bit(LBR_FDB_EXT_LEARN, &f->dst_flags))
		ndm->ndm_flags |= NTF_EXT_LEARNED;
	if (test_bit(LBR_FDB_STICKY, &f->dst_flags))
		ndm->ndm_flags |= NTF_STICKY;

	if (nla_put(skb, NDA_LLADDR, ETH_ALEN, f->key.addr) ||
	    nla_put_u32(skb, NDA_MASTER, br->dev->ifindex))
		goto nla_put_failure;

	ci.ndm_used = jiffies_to_clock_t(lbr_fdb_age(READ_ONCE(f->used), now));
	ci.ndm_confirmed = 0;
	ci.ndm_updated = jiffies_to_clock_t(lbr_fdb_age(READ_ONCE(f->updated),
							now));
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
 * Builds nothing when nobody listens, so learning stays cheap.
 *
 * Context: softirq, or process context with hash_lock held; the caller
 * keeps @f and its port alive.  Allocates with GFP_ATOMIC.
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
		/* lbr_fdb_msg_size() is wrong */
		WARN_ON(err == -EMSGSIZE);
		kfree_skb(skb);
		goto errout;
	}
	rtnl_notify(skb, net, 0, RTNLGRP_NEIGH, NULL, GFP_ATOMIC);
	return;
errout:
	rtnl_set_sk_err(net, RTNLGRP_NEIGH, err);
}

/*
 * The device a request names: a port (the core calls the master's op for
 * it) or the bridge itself ("self" on the bridge, or NDA_MASTER).
 */
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
	if (!p)
		return NULL;
	*pp = p;
	return p->br;
}

/* The VLANs of the port or, for @p NULL, of the bridge device. */
static struct lbr_vlan_group *lbr_fdb_vlans(struct lbr_bridge *br,
					    struct lbr_port *p)
{
	return p ? rtnl_dereference(p->vlgrp) : rtnl_dereference(br->vlgrp);
}

/* NTF_USE: refresh or learn as if a frame had come in on @p. */
static int lbr_fdb_use(struct lbr_bridge *br, struct lbr_port *p,
		       const u8 *addr, u16 vid, struct netlink_ext_ack *extack)
{
	u8 state;

	if (!p)
		return -EINVAL;
	state = READ_ONCE(p->state);
	if (state != BR_STATE_LEARNING && state != BR_STATE_FORWARDING)
		return 0;

	rcu_read_lock();
	local_bh_disable();
	lbr_fdb_learn_rcu(br, p, addr, vid);
	local_bh_enable();
	rcu_read_unlock();
	return 0;
}

/* One VLAN's part of lbr_fdb_ndo_add(), after its checks. */
static int lbr_fdb_add_one(struct ndmsg *ndm, struct lbr_bridge *br,
			   struct lbr_port *p, const unsigned char *addr,
			   u16 vid, u16 nlh_flags,
			   struct netlink_ext_ack *extack)
{
	if (ndm->ndm_flags & NTF_USE)
		return lbr_fdb_use(br, p, addr, vid, extack);
	/*
	 * In-tree takes an externally learnt entry as another agent saw it:
	 * whatever the state (only the bridge's own must say permanent), the
	 * sticky flag and NLM_F_EXCL say, it is created or refreshed, and
	 * behind a port it is never local.
	 */
	if (ndm->ndm_flags & NTF_EXT_LEARNED) {
		if (!p && !(ndm->ndm_state & NUD_PERMANENT)) {
			NL_SET_ERR_MSG(extack,
				       "bridge: FDB entry towards bridge must be permanent");
			return -EINVAL;
		}
		return lbr_fdb_add_user(br, p, addr, vid,
					p ? NUD_REACHABLE : ndm->ndm_state,
					NTF_EXT_LEARNED, NLM_F_CREATE, extack);
	}
	return lbr_fdb_add_user(br, p, addr, vid, ndm->ndm_state,
				ndm->ndm_flags, nlh_flags, extack);
}

/**
 * lbr_fdb_ndo_add() - ndo_fdb_add: bridge fdb add/replace
 * @ndm: request header (state and NTF_* flags)
 * @tb: request attributes
 * @dev: a port of the bridge, or the bridge itself
 * @addr: MAC address
 * @vid: VLAN id from NDA_VLAN, 0 without
 * @nlh_flags: NLM_F_* flags of the request
 * @extack: netlink extended ack
 *
 * Checks in in-tree's order; NTF_USE learns as a received frame would,
 * everything else (NTF_EXT_LEARNED too) goes to lbr_fdb_add_user(), which
 * notifies.
 *
 * Context: RTNL held.
 * Return: 0 or the in-tree bridge's errno; -EOPNOTSUPP for activity
 * notification.
 */
int lbr_fdb_ndo_add(struct ndmsg *ndm, struct nlattr *tb[],
		    struct net_device *dev, const unsigned char *addr,
		    u16 vid, u16 nlh_flags, struct netlink_ext_ack *extack)
{
	struct lbr_vlan_group *vg;
	struct lbr_bridge *br;
	struct lbr_port *p;
	unsigned long v;
	int err;

	ASSERT_RTNL();
	/* Bad requests get in-tree's errnos, and like there no message. */
	if (!(ndm->ndm_state & (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE)))
		return -EINVAL;
	if (is_zero_ether_addr(addr))
		return -EINVAL;

	br = lbr_fdb_target(dev, &p, extack);
	if (!br)
		return -EINVAL;

	if (tb[NDA_FDB_EXT_ATTRS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_FDB_EXT_ATTRS],
				    "lbridge: FDB activity notification (NDA_FDB_EXT_ATTRS) is not supported yet");
		return -EOPNOTSUPP;
	}
	vg = lbr_fdb_vlans(br, p);
	if (vid) {
		if (!lbr_vlan_member(vg, vid))
			return -EINVAL;
		return lbr_fdb_add_one(ndm, br, p, addr, vid, nlh_flags, extack);
	}
	/* No VLAN given: VLAN 0 and, as in-tree, each of @dev's VLANs. */
	err = lbr_fdb_add_one(ndm, br, p, addr, 0, nlh_flags, extack);
	if (err || !vg)
		return err;
	for_each_set_bit(v, vg->member, VLAN_N_VID) {
		err = lbr_fdb_add_one(ndm, br, p, addr, v, nlh_flags, extack);
		if (err)
			return err;
	}
	return 0;
}

/**
 * lbr_fdb_ndo_del() - ndo_fdb_del: bridge fdb del
 * @ndm: request header
 * @tb: request attributes
 * @dev: a port of the bridge, or the bridge itself
 * @addr: MAC address
 * @vid: VLAN id from NDA_VLAN, 0 without
 * @extack: netlink extended ack
 *
 * The entry must point to @dev's port (or, for the bridge, to no port).
 *
 * Context: RTNL held.
 * Return: 0, -ENOENT if there is no such entry, -EINVAL for a non-port.
 */
int lbr_fdb_ndo_del(struct ndmsg *ndm, struct nlattr *tb[],
		    struct net_device *dev, const unsigned char *addr,
		    u16 vid, struct netlink_ext_ack *extack)
{
	struct lbr_vlan_group *vg;
	struct lbr_bridge *br;
	struct lbr_port *p;
	unsigned long v;
	int err;

	ASSERT_RTNL();
	br = lbr_fdb_target(dev, &p, extack);
	if (!br)
		return -EINVAL;
	vg = lbr_fdb_vlans(br, p);
	if (vid) {
		if (p ? !lbr_vlan_member(vg, vid) : !xa_load(&vg->vlans, vid))
			return -EINVAL;
		return lbr_fdb_del_user(br, p, addr, vid);
	}
	/* VLAN 0 and each of @dev's VLANs: success if any entry went. */
	err = -ENOENT;
	err &= lbr_fdb_del_user(br, p, addr, 0);
	if (!vg)
		return err;
	for_each_set_bit(v, vg->member, VLAN_N_VID)
		err &= lbr_fdb_del_user(br, p, addr, v);
	return err;
}

/* NUD states and NTF flags a bulk delete may match on, as in-tree. */
#define LBR_FLUSH_NUD_STATES	(NUD_PERMANENT | NUD_NOARP)
#define LBR_FLUSH_NTF_FLAGS	(NTF_USE | NTF_EXT_LEARNED | NTF_STICKY | \
				 NTF_OFFLOADED)

static unsigned long lbr_fdb_state_bits(u16 state)
{
	unsigned long bits = 0;

	if (state & NUD_PERMANENT)
		bits |= BIT(LBR_FDB_LOCAL);
	if (state & NUD_NOARP)
		bits |= BIT(LBR_FDB_STATIC);
	return bits;
}

/* No entry here is offloaded: that bit is one no entry ever has. */
#define LBR_FDB_NEVER_OFFLOADED	BIT(BITS_PER_LONG - 1)

static unsigned long lbr_fdb_ntf_bits(u8 ntf)
{
	unsigned long bits = 0;

	if (ntf & NTF_USE)
		bits |= BIT(LBR_FDB_ADDED_BY_USER);
	if (ntf & NTF_EXT_LEARNED)
		bits |= BIT(LBR_FDB_EXT_LEARN);
	if (ntf & NTF_STICKY)
		bits |= BIT(LBR_FDB_STICKY);
	if (ntf & NTF_OFFLOADED)
		bits |= LBR_FDB_NEVER_OFFLOADED;
	return bits;
}

/* NDA_IFINDEX of a bulk delete: @br itself or one of its ports. */
static int lbr_fdb_flush_check_ifindex(struct lbr_bridge *br, int ifindex,
				       struct netlink_ext_ack *extack)
{
	struct net_device *dev = __dev_get_by_index(dev_net(br->dev), ifindex);
	struct lbr_port *p;

	if (!dev) {
		NL_SET_ERR_MSG(extack, "bridge: Unknown flush device ifindex");
		return -ENODEV;
	}
	if (!netif_is_bridge_master(dev) && !netif_is_bridge_port(dev)) {
		NL_SET_ERR_MSG(extack,
			       "bridge: Flush device is not a bridge or bridge port");
		return -EINVAL;
	}
	if (netif_is_bridge_master(dev) && dev != br->dev) {
		NL_SET_ERR_MSG(extack,
			       "bridge: Flush bridge device does not match target bridge device");
		return -EINVAL;
	}
	p = lbr_port_get_rtnl(dev);
	if (netif_is_bridge_port(dev) && (!p || p->br != br)) {
		NL_SET_ERR_MSG(extack,
			       "bridge: Port belongs to a different bridge device");
		return -EINVAL;
	}
	return 0;
}

const struct nla_policy lbr_fdb_del_bulk_policy[NDA_MAX + 1] = {
	[NDA_VLAN]		= { .type = NLA_U16 },
	[NDA_IFINDEX]		= NLA_POLICY_MIN(NLA_S32, 1),
	[NDA_NDM_STATE_MASK]	= { .type = NLA_U16 },
	[NDA_NDM_FLAGS_MASK]	= { .type = NLA_U8 },
};

/**
 * lbr_fdb_ndo_del_bulk() - ndo_fdb_del_bulk: bridge fdb flush
 * @ndm: request header: NUD state and NTF flags entries must have
 * @tb: request attributes: NDA_IFINDEX, NDA_NDM_STATE_MASK,
 *	NDA_NDM_FLAGS_MASK (the core's policy has checked their types)
 * @dev: the bridge, or a port ("master" on a port)
 * @vid: NDA_VLAN, 0 for any
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0 or in-tree's errno and message for the same request.
 */
int lbr_fdb_ndo_del_bulk(struct ndmsg *ndm, struct nlattr *tb[],
			 struct net_device *dev, u16 vid,
			 struct netlink_ext_ack *extack)
{
	u8 ntf = ndm->ndm_flags & ~(NTF_MASTER | NTF_SELF);
	struct lbr_fdb_flush_desc desc = { .vid = vid };
	struct lbr_port *p = NULL;
	struct lbr_bridge *br;
	int err;

	ASSERT_RTNL();
	if (lbr_is_bridge(dev)) {
		br = netdev_priv(dev);
	} else {
		p = lbr_port_get_rtnl(dev);
		if (!p) {
			NL_SET_ERR_MSG(extack, "bridge: Device is not a bridge port");
			return -EINVAL;
		}
		br = p->br;
	}
	if (ntf & ~LBR_FLUSH_NTF_FLAGS) {
		NL_SET_ERR_MSG(extack, "Unsupported fdb flush ndm flag bits set");
		return -EINVAL;
	}
	if (ndm->ndm_state & ~LBR_FLUSH_NUD_STATES) {
		NL_SET_ERR_MSG(extack, "Unsupported fdb flush ndm state bits set");
		return -EINVAL;
	}

	desc.flags = lbr_fdb_state_bits(ndm->ndm_state) | lbr_fdb_ntf_bits(ntf);
	if (tb[NDA_NDM_STATE_MASK])
		desc.flags_mask |=
			lbr_fdb_state_bits(nla_get_u16(tb[NDA_NDM_STATE_MASK]));
	if (tb[NDA_NDM_FLAGS_MASK])
		desc.flags_mask |=
			lbr_fdb_ntf_bits(nla_get_u8(tb[NDA_NDM_FLAGS_MASK]));
	if (tb[NDA_IFINDEX]) {
		desc.ifindex = nla_get_s32(tb[NDA_IFINDEX]);
		err = lbr_fdb_flush_check_ifindex(br, desc.ifindex, extack);
		if (err)
			return err;
	} else if (p) {
		desc.ifindex = p->dev->ifindex;
	}
	lbr_fdb_flush_desc(br, &desc);
	return 0;
}

/*
 * Whether the request named one port (or the bridge) as the only device
 * to list, the way rtnl_fdb_dump() reads it: then the core calls us for
 * that device alone.  Otherwise it calls us for the bridge and for every
 * port, and the bridge's call lists every entry at once (see below).
 */
static bool lbr_fdb_dump_one_dev(const struct netlink_callback *cb)
{
	const struct nlmsghdr *nlh = cb->nlh;
	int len = nlmsg_len(nlh);

	if (cb->strict_check)
		return len >= (int)sizeof(struct ndmsg) &&
		       ((struct ndmsg *)nlmsg_data(nlh))->ndm_ifindex;
	/* Legacy requests: an ndmsg (with one u32 attribute) names none. */
	if (len == sizeof(struct ndmsg) ||
	    len == sizeof(struct ndmsg) + nla_attr_size(sizeof(u32)))
		return false;
	return len >= (int)sizeof(struct ifinfomsg) &&
	       ((struct ifinfomsg *)nlmsg_data(nlh))->ifi_index;
}

/*
 * Which entries a dump for @filter_dev shows: everything when listing
 * the whole bridge; else those behind that port, or for the bridge
 * named alone those with no port, the bridge's own.
 */
static bool lbr_fdb_dump_match(const struct net_device *brdev,
			       const struct net_device *filter_dev,
			       const struct lbr_port *dst, bool all)
{
	if (all)
		return true;
	if (!filter_dev || filter_dev == brdev)
		return !dst;
	return dst && dst->dev == filter_dev;
}

/*
 * A dump part remembers where it stopped in cb->args[3..5], which the
 * core leaves to the device: the bucket (and for which device), the
 * running index at that bucket's start, and the table.  The next part
 * then starts at that bucket instead of counting every entry before it.
 */
#define LBR_DUMP_SLOT	3	/* filter ifindex << 32 | bucket */
#define LBR_DUMP_IDX	4	/* *idx when the walk entered that bucket */
#define LBR_DUMP_TABLE	5	/* lbr_fdb_pos.cookie */
static_assert(LBR_FDB_DUMP_CORE_ARGS <= LBR_DUMP_SLOT);

struct lbr_fdb_dump {
	struct sk_buff		*skb;
	struct netlink_callback	*cb;
	struct lbr_bridge	*br;
	const struct net_device	*filter_dev;
	bool			all;
	struct lbr_fdb_pos	pos;
	unsigned int		slot;		/* bucket of the last entry */
	int			slot_idx;	/* *idx at that bucket's start */
	int			*idx;
};

static int lbr_fdb_dump_one(struct lbr_fdb_entry *f, void *arg)
{
	struct lbr_fdb_dump *d = arg;
	struct netlink_callback *cb = d->cb;
	int err;

	if (d->pos.slot != d->slot) {
		d->slot = d->pos.slot;
		d->slot_idx = *d->idx;
	}
	if (*d->idx >= lbr_fdb_dump_resume_idx(cb) &&
	    lbr_fdb_dump_match(d->br->dev, d->filter_dev, lbr_fdb_dst(f),
			       d->all)) {
		err = lbr_fdb_fill(d->skb, d->br, f,
				   NETLINK_CB(cb->skb).portid,
				   cb->nlh->nlmsg_seq, RTM_NEWNEIGH,
				   NLM_F_MULTI);
		if (err < 0)
			return err;
	}
	*d->idx += 1;
	return 0;
}

/**
 * lbr_fdb_ndo_dump() - ndo_fdb_dump: entries for an RTM_GETNEIGH dump
 * @skb: reply
 * @cb: dump state; lbr_fdb_dump_resume_idx() is where the previous
 *	part stopped
 * @dev: the bridge
 * @filter_dev: a port to restrict the dump to, or NULL
 * @idx: running index shared with the core across the device's dumps
 *
 * The core calls this once per port (@filter_dev = the port) and once for
 * the bridge (@filter_dev NULL), which first lists the bridge's own
 * unicast and multicast addresses as ndo_dflt_fdb_dump() does.  Unless
 * the request names a single device, the bridge's call lists every entry
 * and the ports' calls none: one walk of the table per dump, not one per
 * port (in-tree's order groups them by port; no client relies on it).
 * The walk pauses every LBR_FDB_WALK_BATCH entries to reschedule.
 *
 * Entries are numbered in hash table order.  A part resumes at the bucket
 * the previous one stopped in; if the table was resized in between, it
 * counts from the start instead, and the new order may then repeat or
 * miss entries, as a dump racing with learning always could.
 *
 * Context: RTNL held (netlink dump), may sleep.
 * Return: 0, or -EMSGSIZE when the reply is full (resumed at *@idx).
 */
int lbr_fdb_ndo_dump(struct sk_buff *skb, struct netlink_callback *cb,
		     struct net_device *dev, struct net_device *filter_dev,
		     int *idx)
{
	unsigned long who = filter_dev ? filter_dev->ifindex : 0;
	struct lbr_fdb_dump d;
	int err, start, first;

	if (!lbr_is_bridge(dev))
		return 0;
	d.all = !lbr_fdb_dump_one_dev(cb);
	/* Listed by the bridge's own call. */
	if (filter_dev && d.all)
		return 0;

	if (!filter_dev) {
		err = ndo_dflt_fdb_dump(skb, cb, dev, NULL, idx);
		if (err < 0)
			return err;
	}

	d.skb = skb;
	d.cb = cb;
	d.br = netdev_priv(dev);
	d.filter_dev = filter_dev;
	d.idx = idx;
	d.pos.cookie = 0;
	d.pos.slot = 0;
	start = *idx;
	first = start;
	/* Resume only a walk of this device that this part has not passed. */
	if (cb->args[LBR_DUMP_TABLE] && cb->args[LBR_DUMP_SLOT] >> 32 == who &&
	    cb->args[LBR_DUMP_IDX] >= *idx &&
	    cb->args[LBR_DUMP_IDX] <= lbr_fdb_dump_resume_idx(cb)) {
		d.pos.cookie = cb->args[LBR_DUMP_TABLE];
		d.pos.slot = (u32)cb->args[LBR_DUMP_SLOT];
		first = cb->args[LBR_DUMP_IDX];
	}
	d.slot = d.pos.slot;
	d.slot_idx = first;
	*idx = first;

	rcu_read_lock();
	for (;;) {
		err = lbr_fdb_walk_from(d.br, &d.pos, lbr_fdb_dump_one, &d);
		if (err == -ESTALE) {
			/* A new table: count from the start again. */
			d.slot = d.pos.slot;
			d.slot_idx = start;
			*idx = start;
			continue;
		}
		if (err != -EAGAIN)
			break;
		rcu_read_unlock();
		cond_resched();
		rcu_read_lock();
	}
	rcu_read_unlock();

	cb->args[LBR_DUMP_SLOT] = who << 32 | d.pos.slot;
	cb->args[LBR_DUMP_IDX] = err ? d.slot_idx : *idx;
	cb->args[LBR_DUMP_TABLE] = d.pos.cookie;
	return err;
}

/**
 * lbr_fdb_ndo_get() - ndo_fdb_get: bridge fdb get
 * @skb: reply
 * @tb: request attributes
 * @dev: the bridge (the core passes the master for a port)
 * @addr: MAC address
 * @vid: VLAN id, 0 without
 * @portid: netlink port id of the requester
 * @seq: sequence number of the request
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0, or -ENOENT when there is no such entry.
 */
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
	if (f) {
		err = lbr_fdb_fill(skb, br, f, portid, seq, RTM_NEWNEIGH, 0);
	} else {
		NL_SET_ERR_MSG(extack, "Fdb entry not found");
		err = -ENOENT;
	}
	rcu_read_unlock();
	return err;
}

// SPDX-License-Identifier: GPL-2.0
/* RTM_GETVLAN: the per-VLAN view of ports and bridges (bridge -d vlan show). */

#include "lbridge/vlan.h"
#include "lbridge/types.h"

#include <linux/if_bridge.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>
#include <net/sock.h>

#include "lbridge/device.h"
#include "lbridge/port.h"

static const struct nla_policy lbr_vlan_dump_policy[BRIDGE_VLANDB_DUMP_MAX + 1] = {
	[BRIDGE_VLANDB_DUMP_FLAGS]	= { .type = NLA_U32 },
};

/*
 * A run of VLANs dumped as one entry: same flags and state, consecutive,
 * no pvid, and tunnel ids all absent or consecutive from @tunnel_id.
 * @stats_of: in a stats dump, the entry whose counters go with it.
 */
struct lbr_vlan_run {
	u16	start;
	u16	end;
	u16	flags;
	u8	state;
	bool	tunnel;
	u16	msti;
	u32	tunnel_id;
	const struct lbr_vlan *stats_of;
};

/* The MSTI of the bridge entry @vid of @vg (global views), 0 if none. */
static u16 lbr_vlan_msti(struct lbr_vlan_group *vg, u16 vid)
{
	const struct lbr_vlan *v = xa_load(&vg->vlans, vid);

	return v ? v->msti : 0;
}

static u16 lbr_vlan_run_flags(const struct lbr_vlan_group *vg, u16 vid)
{
	u16 flags = test_bit(vid, vg->untagged) ? BRIDGE_VLAN_INFO_UNTAGGED : 0;

	if (READ_ONCE(vg->pvid) == vid)
		flags |= BRIDGE_VLAN_INFO_PVID;
	return flags;
}

/* BRIDGE_VLANDB_ENTRY_TUNNEL_INFO: the first VLAN's tunnel id. */
static int lbr_vlan_put_tunnel(struct sk_buff *skb, u32 id)
{
	struct nlattr *nest = nla_nest_start(skb, BRIDGE_VLANDB_ENTRY_TUNNEL_INFO);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, BRIDGE_VLANDB_TINFO_ID, id)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Whether @cur (VLAN @vid) continues @run's options. */
static bool lbr_vlan_run_continues(const struct lbr_vlan_run *run,
				   const struct lbr_vlan_run *cur, u16 vid)
{
	if (vid != run->end + 1 || cur->flags != run->flags ||
	    cur->state != run->state || cur->msti != run->msti ||
	    (cur->flags & BRIDGE_VLAN_INFO_PVID) ||
	    (run->flags & BRIDGE_VLAN_INFO_PVID) || cur->tunnel != run->tunnel)
		return false;
	return !cur->tunnel ||
	       cur->tunnel_id == run->tunnel_id + (vid - run->start);
}

/* BRIDGE_VLANDB_ENTRY: info, range, the VLAN's state, its tunnel id. */
static int lbr_vlan_put_entry(struct sk_buff *skb,
			      const struct lbr_vlan_run *run)
{
	struct bridge_vlan_info info = { .flags = run->flags, .vid = run->start };
	struct nlattr *nest = nla_nest_start(skb, BRIDGE_VLANDB_ENTRY);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, BRIDGE_VLANDB_ENTRY_INFO, sizeof(info), &info) ||
	    (run->end > run->start && !(run->flags & BRIDGE_VLAN_INFO_PVID) &&
	     nla_put_u16(skb, BRIDGE_VLANDB_ENTRY_RANGE, run->end)) ||
	    nla_put_u8(skb, BRIDGE_VLANDB_ENTRY_STATE, run->state) ||
	    (run->tunnel && lbr_vlan_put_tunnel(skb, run->tunnel_id)) ||
	    (run->stats_of && lbr_vlan_stats_fill(skb, run->stats_of))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* BRIDGE_VLANDB_GLOBAL_OPTIONS: id, range, and the MST instance. */
static int lbr_vlan_put_global(struct sk_buff *skb,
			       const struct lbr_vlan_run *run)
{
	struct nlattr *nest = nla_nest_start(skb, BRIDGE_VLANDB_GLOBAL_OPTIONS);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, BRIDGE_VLANDB_GOPTS_ID, run->start) ||
	    (run->end > run->start &&
	     nla_put_u16(skb, BRIDGE_VLANDB_GOPTS_RANGE, run->end)) ||
	    nla_put_u16(skb, BRIDGE_VLANDB_GOPTS_MSTI, run->msti)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * The runs of @vids from the (*@skip)-th VLAN on; on -EMSGSIZE *@skip says
 * where the next message resumes.  Stats dumps never merge, as in-tree.
 */
static int lbr_vlan_put_runs(struct sk_buff *skb, struct lbr_vlan_group *vg,
			     const unsigned long *vids, bool global,
			     bool merge, long *skip)
{
	struct lbr_vlan_run run = {}, cur = {};
	long idx = 0, done = *skip;
	unsigned long vid;
	int err;

	for_each_set_bit(vid, vids, VLAN_N_VID) {
		if (idx++ < done)
			continue;
		cur.start = vid;
		cur.end = vid;
		if (global) {
			cur.msti = lbr_vlan_msti(vg, vid);
		} else {
			cur.flags = lbr_vlan_run_flags(vg, vid);
			cur.state = lbr_vlan_state_rcu(vg, vid);
			cur.tunnel_id = lbr_vlan_tunnel_id_rcu(vg, vid,
							       &cur.tunnel);
			cur.stats_of = merge ? NULL : xa_load(&vg->vlans, vid);
		}
		if (run.start && merge && lbr_vlan_run_continues(&run, &cur, vid)) {
			run.end = vid;
			continue;
		}
		if (run.start) {
			err = global ? lbr_vlan_put_global(skb, &run) :
				       lbr_vlan_put_entry(skb, &run);
			if (err)
				goto full;
			*skip += run.end - run.start + 1;
		}
		run = cur;
	}
	if (!run.start)
		return 0;
	err = global ? lbr_vlan_put_global(skb, &run) :
		       lbr_vlan_put_entry(skb, &run);
	if (err)
		goto full;
	*skip = 0;
	return 0;
full:
	return -EMSGSIZE;
}

/* The bridge's global view covers every VLAN it has an entry for. */
static void lbr_vlan_known(struct lbr_vlan_group *vg, unsigned long *vids)
{
	struct lbr_vlan *v;
	unsigned long vid;

	bitmap_zero(vids, VLAN_N_VID);
	xa_for_each(&vg->vlans, vid, v)
		__set_bit(vid, vids);
}

static int lbr_vlan_dump_dev(struct sk_buff *skb, struct netlink_callback *cb,
			     struct net_device *dev, u32 dump_flags,
			     unsigned long *scratch)
{
	bool global = dump_flags & BRIDGE_VLANDB_DUMPF_GLOBAL;
	struct lbr_vlan_group *vg;
	const unsigned long *vids;
	struct br_vlan_msg *bvm;
	struct nlmsghdr *nlh;
	struct lbr_port *p;
	int err;

	if (lbr_is_bridge(dev)) {
		vg = rcu_dereference(((struct lbr_bridge *)netdev_priv(dev))->vlgrp);
	} else {
		p = lbr_port_get_rcu(dev);
		/* Global options exist only for bridges. */
		if (!p || global)
			return 0;
		vg = rcu_dereference(p->vlgrp);
	}
	if (!vg)
		return 0;

	nlh = nlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			RTM_NEWVLAN, sizeof(*bvm), NLM_F_MULTI);
	if (!nlh)
		return -EMSGSIZE;
	bvm = nlmsg_data(nlh);
	memset(bvm, 0, sizeof(*bvm));
	bvm->family = PF_BRIDGE;
	bvm->ifindex = dev->ifindex;

	vids = vg->member;
	if (global) {
		lbr_vlan_known(vg, scratch);
		vids = scratch;
	}
	err = lbr_vlan_put_runs(skb, vg, vids, global,
				!(dump_flags & BRIDGE_VLANDB_DUMPF_STATS),
				&cb->args[1]);
	nlmsg_end(skb, nlh);
	return err;
}

/* RTM_GETVLAN dump, of one device (br_vlan_msg.ifindex) or of all. */
static int lbr_vlan_rtm_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *tb[BRIDGE_VLANDB_DUMP_MAX + 1];
	struct net *net = sock_net(skb->sk);
	long idx = 0, s_idx = cb->args[0];
	const struct br_vlan_msg *bvm;
	unsigned long *scratch;
	struct net_device *dev;
	u32 dump_flags = 0;
	int err;

	err = nlmsg_parse(cb->nlh, sizeof(*bvm), tb, BRIDGE_VLANDB_DUMP_MAX,
			  lbr_vlan_dump_policy, cb->extack);
	if (err < 0)
		return err;
	bvm = nlmsg_data(cb->nlh);
	if (tb[BRIDGE_VLANDB_DUMP_FLAGS])
		dump_flags = nla_get_u32(tb[BRIDGE_VLANDB_DUMP_FLAGS]);
	scratch = bitmap_zalloc(VLAN_N_VID, GFP_KERNEL);
	if (!scratch)
		return -ENOMEM;

	rcu_read_lock();
	if (bvm->ifindex) {
		dev = dev_get_by_index_rcu(net, bvm->ifindex);
		if (!dev)
			err = -ENODEV;
		else if (!lbr_is_bridge(dev) && !lbr_port_get_rcu(dev))
			err = -EINVAL;
		else
			err = lbr_vlan_dump_dev(skb, cb, dev, dump_flags, scratch);
		rcu_read_unlock();
		bitmap_free(scratch);
		/* All of it fitted: done; else the next part resumes. */
		return err == -EMSGSIZE ? skb->len : err;
	}
	for_each_netdev_rcu(net, dev) {
		if (idx >= s_idx &&
		    lbr_vlan_dump_dev(skb, cb, dev, dump_flags, scratch) == -EMSGSIZE)
			break;
		idx++;
	}
	cb->args[0] = idx;
	rcu_read_unlock();
	bitmap_free(scratch);
	return skb->len;
}

static const struct rtnl_msg_handler lbr_vlan_rtnl_handlers[] = {
	{ .owner = THIS_MODULE, .protocol = PF_BRIDGE, .msgtype = RTM_GETVLAN,
	  .dumpit = lbr_vlan_rtm_dump },
	{ .owner = THIS_MODULE, .protocol = PF_BRIDGE, .msgtype = RTM_NEWVLAN,
	  .doit = lbr_vlan_rtm_process },
	{ .owner = THIS_MODULE, .protocol = PF_BRIDGE, .msgtype = RTM_DELVLAN,
	  .doit = lbr_vlan_rtm_process },
};

/**
 * lbr_vlan_rtnl_init() - answer RTM_GETVLAN
 *
 * Return: 0 or a negative errno.
 */
int lbr_vlan_rtnl_init(void)
{
	return rtnl_register_many(lbr_vlan_rtnl_handlers);
}

void lbr_vlan_rtnl_exit(void)
{
	rtnl_unregister_many(lbr_vlan_rtnl_handlers);
}

static size_t lbr_vlan_notify_size(void)
{
	return NLMSG_ALIGN(sizeof(struct br_vlan_msg)) +
	       nla_total_size(0) +				/* ENTRY */
	       nla_total_size(sizeof(struct bridge_vlan_info)) +
	       nla_total_size(sizeof(u16)) +			/* RANGE */
	       nla_total_size(sizeof(u8)) +			/* STATE */
	       nla_total_size(0) + nla_total_size(sizeof(u32));	/* TUNNEL_INFO */
}

/**
 * lbr_vlan_notify() - tell RTNLGRP_BRVLAN (bridge monitor vlan) of a change
 * @br: bridge
 * @p: port, or NULL for the bridge device
 * @vid: first VLAN
 * @vid_end: last VLAN of a range, 0 for @vid alone
 * @cmd: RTM_NEWVLAN (the VLANs as they are now) or RTM_DELVLAN
 *
 * Context: RTNL held.
 */
void lbr_vlan_notify(struct lbr_bridge *br, struct lbr_port *p, u16 vid,
		     u16 vid_end, int cmd)
{
	struct net_device *dev = p ? p->dev : br->dev;
	struct lbr_vlan_run run = { .start = vid, .end = max(vid, vid_end) };
	struct lbr_vlan_group *vg;
	struct net *net = dev_net(dev);
	struct br_vlan_msg *bvm;
	struct nlattr *nest;
	struct nlmsghdr *nlh;
	struct sk_buff *skb;

	ASSERT_RTNL();
	vg = p ? rtnl_dereference(p->vlgrp) : rtnl_dereference(br->vlgrp);
	/* A new VLAN is reported as it is, if it is there at all. */
	if (cmd == RTM_NEWVLAN) {
		if (!lbr_vlan_member(vg, vid))
			return;
		run.flags = lbr_vlan_run_flags(vg, vid);
		run.state = lbr_vlan_state_rcu(vg, vid);
		run.tunnel_id = lbr_vlan_tunnel_id_rcu(vg, vid, &run.tunnel);
	}
	if (!rtnl_has_listeners(net, RTNLGRP_BRVLAN))
		return;
	skb = nlmsg_new(lbr_vlan_notify_size(), GFP_KERNEL);
	if (!skb)
		goto err;
	nlh = nlmsg_put(skb, 0, 0, cmd, sizeof(*bvm), 0);
	if (!nlh)
		goto err_free;
	bvm = nlmsg_data(nlh);
	memset(bvm, 0, sizeof(*bvm));
	bvm->family = AF_BRIDGE;
	bvm->ifindex = dev->ifindex;
	if (cmd == RTM_NEWVLAN) {
		if (lbr_vlan_put_entry(skb, &run))
			goto err_free;
	} else {
		/* A deletion carries the VLANs and nothing of their options. */
		struct bridge_vlan_info info = { .vid = vid };

		nest = nla_nest_start(skb, BRIDGE_VLANDB_ENTRY);
		if (!nest || nla_put(skb, BRIDGE_VLANDB_ENTRY_INFO, sizeof(info),
				     &info) ||
		    (run.end > vid &&
		     nla_put_u16(skb, BRIDGE_VLANDB_ENTRY_RANGE, run.end)))
			goto err_free;
		nla_nest_end(skb, nest);
	}
	nlmsg_end(skb, nlh);
	rtnl_notify(skb, net, 0, RTNLGRP_BRVLAN, NULL, GFP_KERNEL);
	return;
err_free:
	kfree_skb(skb);
err:
	rtnl_set_sk_err(net, RTNLGRP_BRVLAN, -ENOBUFS);
}

/**
 * lbr_vlan_notify_global() - tell RTNLGRP_BRVLAN of new global options
 * @br: bridge
 * @vid: first VLAN
 * @vid_end: last VLAN
 *
 * Context: RTNL held.
 */
void lbr_vlan_notify_global(struct lbr_bridge *br, u16 vid, u16 vid_end)
{
	struct lbr_vlan_group *vg = rtnl_dereference(br->vlgrp);
	struct lbr_vlan_run run = { .start = vid, .end = vid_end };
	struct net *net = dev_net(br->dev);
	struct br_vlan_msg *bvm;
	struct nlmsghdr *nlh;
	struct sk_buff *skb;

	ASSERT_RTNL();
	if (!xa_load(&vg->vlans, vid) || !rtnl_has_listeners(net, RTNLGRP_BRVLAN))
		return;
	run.msti = lbr_vlan_msti(vg, vid);
	skb = nlmsg_new(NLMSG_ALIGN(sizeof(*bvm)) + nla_total_size(0) +
			nla_total_size(sizeof(u16)) * 3, GFP_KERNEL);
	if (!skb)
		goto err;
	nlh = nlmsg_put(skb, 0, 0, RTM_NEWVLAN, sizeof(*bvm), 0);
	if (!nlh || lbr_vlan_put_global(skb, &run))
		goto err_free;
	bvm = nlmsg_data(nlh);
	memset(bvm, 0, sizeof(*bvm));
	bvm->family = AF_BRIDGE;
	bvm->ifindex = br->dev->ifindex;
	nlmsg_end(skb, nlh);
	rtnl_notify(skb, net, 0, RTNLGRP_BRVLAN, NULL, GFP_KERNEL);
	return;
err_free:
	kfree_skb(skb);
err:
	rtnl_set_sk_err(net, RTNLGRP_BRVLAN, -ENOBUFS);
}

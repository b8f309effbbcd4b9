// SPDX-License-Identifier: GPL-2.0
/* VLAN <-> tunnel id (VXLAN VNI) mappings of vlan_tunnel ports: add, delete, netlink. */

#include "lbridge/vlan.h"
#include "lbridge/types.h"

#include <linux/bitmap.h>
#include <linux/if_bridge.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/dst_metadata.h>
#include <net/ip_tunnels.h>
#include <net/netlink.h>

#include "lbridge/objcount.h"

/* The VLAN and tunnel id of one IFLA_BRIDGE_VLAN_TUNNEL_INFO. */
struct lbr_tunnel_info {
	u32	id;
	u16	vid;
	u16	flags;
};

static void lbr_vlan_tunnel_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct lbr_vlan_tunnel, rcu));
	lbr_obj_dec(LBR_OBJ_TUNNEL);
}

/**
 * lbr_vlan_tunnel_add_rtnl() - map a port's VLAN to a tunnel id
 * @p: port
 * @vid: one of its VLANs
 * @id: tunnel id, not yet used on @p
 *
 * Context: RTNL held.
 * Return: 0; -EINVAL if @p lacks @vid, -EEXIST if @vid or @id is mapped
 * already (as in-tree), -ENOMEM.
 */
int lbr_vlan_tunnel_add_rtnl(struct lbr_port *p, u16 vid, u32 id)
{
	struct lbr_vlan_group *vg = rtnl_dereference(p->vlgrp);
	struct lbr_vlan_tunnel *t;
	int err;

	ASSERT_RTNL();
	if (!lbr_vlan_member(vg, vid))
		return -EINVAL;
	if (xa_load(&vg->tunnel_by_vid, vid) || xa_load(&vg->tunnel_by_id, id))
		return -EEXIST;
	t = lbr_obj_new(LBR_OBJ_TUNNEL, kzalloc(sizeof(*t), GFP_KERNEL));
	if (!t)
		return -ENOMEM;
	t->id = id;
	t->vid = vid;
	t->dst = lbr_tun_key_dst(key32_to_tunnel_id(cpu_to_be32(id)));
	if (!t->dst) {
		err = -ENOMEM;
		goto free_mapping;
	}
	t->dst->u.tun_info.mode |= IP_TUNNEL_INFO_TX | IP_TUNNEL_INFO_BRIDGE;
	err = xa_insert(&vg->tunnel_by_id, id, t, GFP_KERNEL);
	if (err)
		goto release_dst;
	/* Ingress may meet it from here on; a failure below frees it late. */
	err = xa_insert(&vg->tunnel_by_vid, vid, t, GFP_KERNEL);
	if (err) {
		xa_erase(&vg->tunnel_by_id, id);
		dst_release(&t->dst->dst);
		call_rcu(&t->rcu, lbr_vlan_tunnel_free_rcu);
	}
	return err;

release_dst:
	dst_release(&t->dst->dst);
free_mapping:
	kfree(t);
	lbr_obj_dec(LBR_OBJ_TUNNEL);
	return err;
}

/**
 * lbr_vlan_tunnel_del_rtnl() - forget a VLAN's tunnel id
 * @vg: the port's VLANs
 * @vid: VLAN
 *
 * A reader that still holds the mapping may take a reference on its
 * metadata: dst_hold_safe() fails once the last one is gone, and the
 * metadata itself is freed after RCU readers.
 *
 * Context: RTNL held.
 * Return: whether @vid had one.
 */
bool lbr_vlan_tunnel_del_rtnl(struct lbr_vlan_group *vg, u16 vid)
{
	struct lbr_vlan_tunnel *t;

	ASSERT_RTNL();
	t = xa_erase(&vg->tunnel_by_vid, vid);
	if (!t)
		return false;
	xa_erase(&vg->tunnel_by_id, t->id);
	dst_release(&t->dst->dst);
	call_rcu(&t->rcu, lbr_vlan_tunnel_free_rcu);
	return true;
}

/**
 * lbr_vlan_tunnel_flush_rtnl() - forget every tunnel id of a port
 * @p: port whose vlan_tunnel flag went off
 *
 * Context: RTNL held.
 */
void lbr_vlan_tunnel_flush_rtnl(struct lbr_port *p)
{
	struct lbr_vlan_group *vg = rtnl_dereference(p->vlgrp);
	struct lbr_vlan_tunnel *t;
	unsigned long vid;

	ASSERT_RTNL();
	if (!vg)
		return;
	xa_for_each(&vg->tunnel_by_vid, vid, t)
		lbr_vlan_tunnel_del_rtnl(vg, vid);
}

/**
 * lbr_vlan_tunnel_id_rcu() - a VLAN's tunnel id, for dumps
 * @vg: the port's VLANs
 * @vid: VLAN
 * @mapped: set to whether @vid has one
 *
 * Context: RCU read section or RTNL.
 * Return: the id, 0 without one.
 */
u32 lbr_vlan_tunnel_id_rcu(struct lbr_vlan_group *vg, u16 vid, bool *mapped)
{
	const struct lbr_vlan_tunnel *t = xa_load(&vg->tunnel_by_vid, vid);

	*mapped = t;
	return t ? t->id : 0;
}

static const struct nla_policy lbr_tunnel_policy[IFLA_BRIDGE_VLAN_TUNNEL_MAX + 1] = {
	[IFLA_BRIDGE_VLAN_TUNNEL_ID]	= { .type = NLA_U32 },
	[IFLA_BRIDGE_VLAN_TUNNEL_VID]	= { .type = NLA_U16 },
	[IFLA_BRIDGE_VLAN_TUNNEL_FLAGS]	= { .type = NLA_U16 },
};

static int lbr_tunnel_parse(const struct nlattr *attr, struct lbr_tunnel_info *ti)
{
	struct nlattr *tb[IFLA_BRIDGE_VLAN_TUNNEL_MAX + 1];
	int err;

	err = nla_parse_nested_deprecated(tb, IFLA_BRIDGE_VLAN_TUNNEL_MAX,
					  attr, lbr_tunnel_policy, NULL);
	if (err < 0)
		return err;
	if (!tb[IFLA_BRIDGE_VLAN_TUNNEL_ID] || !tb[IFLA_BRIDGE_VLAN_TUNNEL_VID])
		return -EINVAL;
	ti->id = nla_get_u32(tb[IFLA_BRIDGE_VLAN_TUNNEL_ID]);
	ti->vid = nla_get_u16(tb[IFLA_BRIDGE_VLAN_TUNNEL_VID]);
	if (ti->vid >= VLAN_VID_MASK)
		return -ERANGE;
	ti->flags = tb[IFLA_BRIDGE_VLAN_TUNNEL_FLAGS] ?
		    nla_get_u16(tb[IFLA_BRIDGE_VLAN_TUNNEL_FLAGS]) : 0;
	return 0;
}

/*
 * One entry against the range being built (@first->flags 0: none).
 * Return: 1 when @cur completes an entry (a single VLAN, or a range's
 * end), 0 when it opens a range, or -EINVAL as in-tree.
 */
static int lbr_tunnel_step(struct lbr_tunnel_info *first,
			   const struct lbr_tunnel_info *cur)
{
	if (cur->flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) {
		if (first->flags & BRIDGE_VLAN_INFO_RANGE_BEGIN)
			return -EINVAL;
		*first = *cur;
		return 0;
	}
	if (cur->flags & BRIDGE_VLAN_INFO_RANGE_END) {
		if (!(first->flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) ||
		    cur->vid < first->vid ||
		    cur->vid - first->vid != cur->id - first->id)
			return -EINVAL;
		return 1;
	}
	if (first->flags)
		return -EINVAL;
	*first = *cur;
	return 1;
}

/**
 * lbr_vlan_tunnel_check_rtnl() - check a request's tunnel entries whole
 * @p: the port the request is for, NULL for the bridge itself
 * @afspec: IFLA_AF_SPEC
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0 or the in-tree errno, before anything changes.
 */
int lbr_vlan_tunnel_check_rtnl(const struct lbr_port *p,
			       const struct nlattr *afspec,
			       struct netlink_ext_ack *extack)
{
	struct lbr_tunnel_info first = {}, cur;
	const struct nlattr *attr;
	int rem, ret;

	ASSERT_RTNL();
	nla_for_each_nested(attr, afspec, rem) {
		if (nla_type(attr) != IFLA_BRIDGE_VLAN_TUNNEL_INFO)
			continue;
		if (!p || !(READ_ONCE(p->flags) & BR_VLAN_TUNNEL))
			return -EINVAL;
		ret = lbr_tunnel_parse(attr, &cur);
		if (!ret)
			ret = lbr_tunnel_step(&first, &cur);
		if (ret < 0)
			return ret;
		if (ret)
			first.flags = 0;
	}
	return 0;
}

/*
 * Undo the mappings a failed request added (@added: their VLANs), and say
 * so to those who heard of them.
 */
static void lbr_tunnel_undo(struct lbr_port *p, const unsigned long *added)
{
	struct lbr_vlan_group *vg = rtnl_dereference(p->vlgrp);
	unsigned long vid;
	u16 start = 0, end = 0;

	for_each_set_bit(vid, added, VLAN_N_VID) {
		lbr_vlan_tunnel_del_rtnl(vg, vid);
		if (start && vid != end + 1) {
			lbr_vlan_notify(p->br, p, start, end, RTM_NEWVLAN);
			start = 0;
		}
		if (!start)
			start = vid;
		end = vid;
	}
	if (start)
		lbr_vlan_notify(p->br, p, start, end, RTM_NEWVLAN);
}

/*
 * Apply VLANs [@first->vid, @end] from tunnel id @first->id on; notify
 * each run of changed VLANs.  Adds are recorded in @added.
 */
static int lbr_tunnel_apply(struct lbr_port *p, int cmd,
			    const struct lbr_tunnel_info *first, u16 end,
			    unsigned long *added, bool *changed)
{
	struct lbr_vlan_group *vg = rtnl_dereference(p->vlgrp);
	u32 vid, run = 0, id = first->id;
	int err = 0;
	bool curr;

	for (vid = first->vid; vid <= end; vid++, id++) {
		curr = false;
		if (cmd == RTM_SETLINK) {
			err = lbr_vlan_tunnel_add_rtnl(p, vid, id);
			if (err)
				break;
			__set_bit(vid, added);
			curr = true;
		} else {
			/* As in-tree: any VLAN of the port counts as changed. */
			lbr_vlan_tunnel_del_rtnl(vg, vid);
			curr = lbr_vlan_member(vg, vid);
		}
		*changed |= curr;
		if (curr && !run)
			run = vid;
		if (!curr && run) {
			lbr_vlan_notify(p->br, p, run, vid - 1, RTM_NEWVLAN);
			run = 0;
		}
	}
	if (run && !err)
		lbr_vlan_notify(p->br, p, run, vid - 1, RTM_NEWVLAN);
	return err;
}

/**
 * lbr_vlan_tunnel_afspec_rtnl() - apply a request's tunnel entries
 * @p: port (lbr_vlan_tunnel_check_rtnl() passed)
 * @afspec: IFLA_AF_SPEC
 * @cmd: RTM_SETLINK (map) or RTM_DELLINK (unmap)
 * @changed: set when something changed
 * @extack: netlink extended ack
 *
 * All or nothing: a mapping that cannot be added undoes the request's
 * earlier ones.
 *
 * Context: RTNL held.
 * Return: 0 or the in-tree errno.
 */
int lbr_vlan_tunnel_afspec_rtnl(struct lbr_port *p,
				const struct nlattr *afspec, int cmd,
				bool *changed, struct netlink_ext_ack *extack)
{
	struct lbr_tunnel_info first = {}, cur;
	const struct nlattr *attr;
	unsigned long *added;
	int rem, err = 0;

	ASSERT_RTNL();
	if (!nla_find_nested(afspec, IFLA_BRIDGE_VLAN_TUNNEL_INFO))
		return 0;
	added = bitmap_zalloc(VLAN_N_VID, GFP_KERNEL);
	if (!added)
		return -ENOMEM;
	nla_for_each_nested(attr, afspec, rem) {
		if (nla_type(attr) != IFLA_BRIDGE_VLAN_TUNNEL_INFO)
			continue;
		lbr_tunnel_parse(attr, &cur);
		if (!lbr_tunnel_step(&first, &cur))
			continue;
		err = lbr_tunnel_apply(p, cmd, &first, cur.vid, added, changed);
		first.flags = 0;
		if (err)
			break;
	}
	if (err)
		lbr_tunnel_undo(p, added);
	bitmap_free(added);
	return err;
}

static int lbr_tunnel_put(struct sk_buff *skb, u16 vid, u32 id, u16 flags)
{
	struct nlattr *nest;

	nest = nla_nest_start_noflag(skb, IFLA_BRIDGE_VLAN_TUNNEL_INFO);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, IFLA_BRIDGE_VLAN_TUNNEL_ID, id) ||
	    nla_put_u16(skb, IFLA_BRIDGE_VLAN_TUNNEL_VID, vid) ||
	    nla_put_u16(skb, IFLA_BRIDGE_VLAN_TUNNEL_FLAGS, flags)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int lbr_tunnel_put_run(struct sk_buff *skb,
			      const struct lbr_vlan_tunnel *first,
			      const struct lbr_vlan_tunnel *last)
{
	if (first == last)
		return lbr_tunnel_put(skb, first->vid, first->id, 0);
	if (lbr_tunnel_put(skb, first->vid, first->id,
			   BRIDGE_VLAN_INFO_RANGE_BEGIN))
		return -EMSGSIZE;
	return lbr_tunnel_put(skb, last->vid, last->id,
			      BRIDGE_VLAN_INFO_RANGE_END);
}

/**
 * lbr_vlan_tunnel_fill_info() - a port's mappings in a getlink dump
 * @skb: the message, inside IFLA_AF_SPEC
 * @vg: the port's VLANs
 *
 * Consecutive VLANs on consecutive ids come as one range.
 *
 * Context: RCU read section.
 * Return: 0 or -EMSGSIZE.
 */
int lbr_vlan_tunnel_fill_info(struct sk_buff *skb, struct lbr_vlan_group *vg)
{
	const struct lbr_vlan_tunnel *t, *first = NULL, *last = NULL;
	unsigned long vid;

	xa_for_each(&vg->tunnel_by_vid, vid, t) {
		if (first && t->vid == last->vid + 1 && t->id == last->id + 1) {
			last = t;
			continue;
		}
		if (first && lbr_tunnel_put_run(skb, first, last))
			return -EMSGSIZE;
		first = t;
		last = t;
	}
	if (first && lbr_tunnel_put_run(skb, first, last))
		return -EMSGSIZE;
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/* VLAN membership of ports and of the bridge device: add, delete, pvid. */

#include "lbridge/vlan.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "lbridge/fdb.h"
#include "lbridge/objcount.h"

static struct kmem_cache *lbr_vlan_cache;

static struct lbr_vlan_group *lbr_vlan_group_new(void)
{
	struct lbr_vlan_group *vg = kzalloc(sizeof(*vg), GFP_KERNEL);

	if (vg) {
		xa_init(&vg->vlans);
		xa_init(&vg->tunnel_by_vid);
		xa_init(&vg->tunnel_by_id);
	}
	return vg;
}

static struct lbr_vlan *lbr_vlan_new(u16 vid)
{
	struct lbr_vlan *v;

	v = lbr_obj_new(LBR_OBJ_VLAN,
			kmem_cache_zalloc(lbr_vlan_cache, GFP_KERNEL));
	if (v) {
		v->vid = vid;
		v->state = BR_STATE_FORWARDING;
	}
	return v;
}

/* Free an entry no reader has seen. */
static void lbr_vlan_destroy(struct lbr_vlan *v)
{
	lbr_vlan_stats_detach(v);
	kmem_cache_free(lbr_vlan_cache, v);
	lbr_obj_dec(LBR_OBJ_VLAN);
}

static void lbr_vlan_free_rcu(struct rcu_head *head)
{
	lbr_vlan_destroy(container_of(head, struct lbr_vlan, rcu));
}

/* Free an entry once dumps that may be reading it are done. */
static void lbr_vlan_free(struct lbr_vlan *v)
{
	call_rcu(&v->rcu, lbr_vlan_free_rcu);
}

/* The group's view of @v: the flags a dump reports. */
static u16 lbr_vlan_info_flags(const struct lbr_vlan_group *vg, u16 vid)
{
	u16 flags = 0;

	if (READ_ONCE(vg->pvid) == vid)
		flags |= BRIDGE_VLAN_INFO_PVID;
	if (test_bit(vid, vg->untagged))
		flags |= BRIDGE_VLAN_INFO_UNTAGGED;
	return flags;
}

/*
 * Apply the PVID and UNTAGGED bits of @flags to member @vid of @vg, as
 * in-tree: a VLAN added again without "pvid" stops being the pvid.
 * Return: whether anything changed.
 */
static bool lbr_vlan_commit_flags(struct lbr_vlan_group *vg,
				  struct lbr_vlan *v, u16 flags)
{
	u16 want = flags & (BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED);
	bool changed = lbr_vlan_info_flags(vg, v->vid) != want;

	if (flags & BRIDGE_VLAN_INFO_PVID)
		WRITE_ONCE(vg->pvid, v->vid);
	else if (vg->pvid == v->vid)
		WRITE_ONCE(vg->pvid, 0);
	if (flags & BRIDGE_VLAN_INFO_UNTAGGED) {
		v->flags |= BRIDGE_VLAN_INFO_UNTAGGED;
		set_bit(v->vid, vg->untagged);
	} else {
		v->flags &= ~BRIDGE_VLAN_INFO_UNTAGGED;
		clear_bit(v->vid, vg->untagged);
	}
	return changed;
}

/* @v stops being a member of @vg: frames of its VLAN no longer pass. */
static void lbr_vlan_unpublish(struct lbr_vlan_group *vg, struct lbr_vlan *v)
{
	clear_bit(v->vid, vg->member);
	clear_bit(v->vid, vg->untagged);
	clear_bit(v->vid, vg->blocked);
	v->state = BR_STATE_FORWARDING;
	if (vg->pvid == v->vid)
		WRITE_ONCE(vg->pvid, 0);
	vg->num_vlans--;
}

/*
 * The bridge's entry for @vid, created without BRENTRY if there is none,
 * with one more reference: a port's VLAN holds one.
 */
static struct lbr_vlan *lbr_vlan_bridge_hold_rtnl(struct lbr_bridge *br,
						  u16 vid)
{
	struct lbr_vlan_group *vg = rtnl_dereference(br->vlgrp);
	struct lbr_vlan *v = xa_load(&vg->vlans, vid);

	ASSERT_RTNL();
	if (v) {
		v->refs++;
		return v;
	}
	v = lbr_vlan_new(vid);
	if (!v)
		return NULL;
	v->refs = 1;
	if (lbr_vlan_stats_attach(br, v, NULL) ||
	    xa_err(xa_store(&vg->vlans, vid, v, GFP_KERNEL))) {
		lbr_vlan_destroy(v);
		return NULL;
	}
	return v;
}

static void lbr_vlan_bridge_put_rtnl(struct lbr_bridge *br, struct lbr_vlan *v)
{
	struct lbr_vlan_group *vg = rtnl_dereference(br->vlgrp);

	ASSERT_RTNL();
	if (--v->refs)
		return;
	xa_erase(&vg->vlans, v->vid);
	lbr_vlan_free(v);
}

/* The bridge device joins @vid: its own address becomes local there. */
static int lbr_vlan_bridge_enter_rtnl(struct lbr_bridge *br,
				      struct lbr_vlan_group *vg,
				      struct lbr_vlan *v)
{
	int err;

	/* Before registration NETDEV_REGISTER adds every host entry. */
	if (br->dev->reg_state == NETREG_REGISTERED) {
		err = lbr_fdb_add_local_rtnl(br, NULL, br->dev->dev_addr,
					     v->vid);
		if (err)
			return err;
	}
	v->flags |= BRIDGE_VLAN_INFO_BRENTRY;
	v->refs++;
	vg->num_vlans++;
	set_bit(v->vid, vg->member);
	return 0;
}

/**
 * lbr_vlan_bridge_add_rtnl() - make the bridge device a member of a VLAN
 * @br: bridge
 * @vid: VLAN id, 1..4094
 * @flags: BRIDGE_VLAN_INFO_* (BRENTRY, PVID, UNTAGGED)
 * @changed: set when anything changed
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno (-EINVAL: no BRENTRY for a VLAN the
 * bridge is not a member of, as in-tree).
 */
int lbr_vlan_bridge_add_rtnl(struct lbr_bridge *br, u16 vid, u16 flags,
			     bool *changed, struct netlink_ext_ack *extack)
{
	struct lbr_vlan_group *vg = rtnl_dereference(br->vlgrp);
	struct lbr_vlan *v = xa_load(&vg->vlans, vid);
	bool is_new = !v;
	int err;

	ASSERT_RTNL();
	*changed = false;
	if (!(v && (v->flags & BRIDGE_VLAN_INFO_BRENTRY))) {
		if (!(flags & BRIDGE_VLAN_INFO_BRENTRY))
			return -EINVAL;
		if (is_new) {
			v = lbr_vlan_bridge_hold_rtnl(br, vid);
			if (!v)
				return -ENOMEM;
		}
		err = lbr_vlan_bridge_enter_rtnl(br, vg, v);
		if (is_new)
			lbr_vlan_bridge_put_rtnl(br, v);
		if (err)
			return err;
		*changed = true;
	}
	if (lbr_vlan_commit_flags(vg, v, flags))
		*changed = true;
	return 0;
}

/**
 * lbr_vlan_bridge_del_rtnl() - the bridge device leaves a VLAN
 * @br: bridge
 * @vid: VLAN id
 *
 * Context: RTNL held.
 * Return: 0, or -ENOENT when the bridge is not a member.
 */
int lbr_vlan_bridge_del_rtnl(struct lbr_bridge *br, u16 vid)
{
	struct lbr_vlan_group *vg = rtnl_dereference(br->vlgrp);
	struct lbr_vlan *v = xa_load(&vg->vlans, vid);

	ASSERT_RTNL();
	if (!v || !(v->flags & BRIDGE_VLAN_INFO_BRENTRY))
		return -ENOENT;
	lbr_fdb_del_local_rtnl(br, NULL, br->dev->dev_addr, vid);
	lbr_vlan_unpublish(vg, v);
	v->flags &= ~(BRIDGE_VLAN_INFO_BRENTRY | BRIDGE_VLAN_INFO_UNTAGGED);
	lbr_vlan_bridge_put_rtnl(br, v);
	return 0;
}

/* Forget what @p learnt in @vid: the port no longer carries it. */
static void lbr_vlan_port_flush_rtnl(struct lbr_port *p, u16 vid)
{
	struct lbr_fdb_flush_desc desc = {
		.ifindex = p->dev->ifindex,
		.vid = vid,
		.flags_mask = BIT(LBR_FDB_STATIC) | BIT(LBR_FDB_LOCAL) |
			      BIT(LBR_FDB_EXT_LEARN),
	};

	lbr_fdb_flush_desc(p->br, &desc);
}

/* A new VLAN on @p: the device filter, the bridge's entry, the FDB. */
static int lbr_vlan_port_new_rtnl(struct lbr_port *p,
				  struct lbr_vlan_group *vg, u16 vid,
				  u16 flags, struct netlink_ext_ack *extack)
{
	struct lbr_bridge *br = p->br;
	struct lbr_vlan *v, *brv;
	bool brchanged;
	int err;

	err = vlan_vid_add(p->dev, br->vlan_proto, vid);
	if (err)
		return err;
	if (flags & BRIDGE_VLAN_INFO_MASTER) {
		err = lbr_vlan_bridge_add_rtnl(br, vid,
					       flags | BRIDGE_VLAN_INFO_BRENTRY,
					       &brchanged, extack);
		if (err)
			goto err_del_filter;
		if (brchanged)
			lbr_vlan_notify(br, NULL, vid, 0, RTM_NEWVLAN);
	}
	err = -ENOMEM;
	brv = lbr_vlan_bridge_hold_rtnl(br, vid);
	if (!brv)
		goto err_del_filter;
	v = lbr_vlan_new(vid);
	if (!v)
		goto err_put_bridge;
	err = lbr_vlan_stats_attach(br, v, brv);
	if (err)
		goto err_free_vlan;
	/* With MST a VLAN starts in the CST, where the port has its state. */
	if (test_bit(LBR_OPT_MST_ENABLED, &br->options) &&
	    p->state != BR_STATE_FORWARDING) {
		v->state = p->state;
		set_bit(vid, vg->blocked);
	}
	err = lbr_fdb_add_local_rtnl(br, p, p->dev->dev_addr, vid);
	if (err)
		goto err_free_vlan;
	err = xa_err(xa_store(&vg->vlans, vid, v, GFP_KERNEL));
	if (err)
		goto err_del_local;
	lbr_vlan_commit_flags(vg, v, flags);
	vg->num_vlans++;
	set_bit(vid, vg->member);
	return 0;

err_del_local:
	lbr_fdb_del_local_rtnl(br, p, p->dev->dev_addr, vid);
err_free_vlan:
	lbr_vlan_destroy(v);
err_put_bridge:
	lbr_vlan_bridge_put_rtnl(br, brv);
err_del_filter:
	vlan_vid_del(p->dev, br->vlan_proto, vid);
	return err;
}

/**
 * lbr_vlan_port_add_rtnl() - add a VLAN to a port, or change its flags
 * @p: port
 * @vid: VLAN id, 1..4094
 * @flags: BRIDGE_VLAN_INFO_* (PVID, UNTAGGED; MASTER: the bridge too)
 * @changed: set when anything changed
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno; nothing changed on error.
 */
int lbr_vlan_port_add_rtnl(struct lbr_port *p, u16 vid, u16 flags,
			   bool *changed, struct netlink_ext_ack *extack)
{
	struct lbr_vlan_group *vg = rtnl_dereference(p->vlgrp);
	struct lbr_vlan *v = xa_load(&vg->vlans, vid);
	int err;

	ASSERT_RTNL();
	*changed = false;
	if (v) {
		*changed = lbr_vlan_commit_flags(vg, v, flags);
		return 0;
	}
	err = lbr_vlan_port_new_rtnl(p, vg, vid, flags, extack);
	if (!err)
		*changed = true;
	return err;
}

static void lbr_vlan_port_remove_rtnl(struct lbr_port *p,
				      struct lbr_vlan_group *vg,
				      struct lbr_vlan *v)
{
	struct lbr_bridge *br = p->br;
	u16 vid = v->vid;

	lbr_vlan_unpublish(vg, v);
	lbr_vlan_tunnel_del_rtnl(vg, vid);
	xa_erase(&vg->vlans, vid);
	vlan_vid_del(p->dev, br->vlan_proto, vid);
	lbr_vlan_bridge_put_rtnl(br, xa_load(&rtnl_dereference(br->vlgrp)->vlans,
					     vid));
	lbr_vlan_free(v);
}

/**
 * lbr_vlan_port_del_rtnl() - remove a VLAN from a port
 * @p: port
 * @vid: VLAN id
 *
 * Its host entry and what it learnt in the VLAN go too, as in-tree.
 *
 * Context: RTNL held.
 * Return: 0, or -ENOENT when @p does not have @vid.
 */
int lbr_vlan_port_del_rtnl(struct lbr_port *p, u16 vid)
{
	struct lbr_vlan_group *vg = rtnl_dereference(p->vlgrp);
	struct lbr_vlan *v = xa_load(&vg->vlans, vid);

	ASSERT_RTNL();
	if (!v)
		return -ENOENT;
	lbr_fdb_del_local_rtnl(p->br, p, p->dev->dev_addr, vid);
	lbr_vlan_port_flush_rtnl(p, vid);
	lbr_vlan_port_remove_rtnl(p, vg, v);
	return 0;
}

/**
 * lbr_vlan_port_init_rtnl() - give a new port its VLANs: the default pvid
 * @p: port, not yet receiving
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno (nothing left behind).
 */
int lbr_vlan_port_init_rtnl(struct lbr_port *p, struct netlink_ext_ack *extack)
{
	struct lbr_vlan_group *vg = lbr_vlan_group_new();
	u16 pvid = p->br->default_pvid;
	bool changed;
	int err;

	ASSERT_RTNL();
	if (!vg)
		return -ENOMEM;
	rcu_assign_pointer(p->vlgrp, vg);
	if (!pvid)
		return 0;
	err = lbr_vlan_port_add_rtnl(p, pvid, BRIDGE_VLAN_INFO_PVID |
				     BRIDGE_VLAN_INFO_UNTAGGED, &changed,
				     extack);
	if (err) {
		RCU_INIT_POINTER(p->vlgrp, NULL);
		kfree(vg);
		return err;
	}
	lbr_vlan_notify(p->br, p, pvid, 0, RTM_NEWVLAN);
	return 0;
}

/* DELVLAN for every run of consecutive VLANs in @vids, as in-tree flushes. */
static void lbr_vlan_notify_gone(struct lbr_bridge *br, struct lbr_port *p,
				 const unsigned long *vids)
{
	unsigned long vid;
	u16 start = 0, end = 0;

	for_each_set_bit(vid, vids, VLAN_N_VID) {
		if (start && vid != end + 1) {
			lbr_vlan_notify(br, p, start, end, RTM_DELVLAN);
			start = 0;
		}
		if (!start)
			start = vid;
		end = vid;
	}
	if (start)
		lbr_vlan_notify(br, p, start, end, RTM_DELVLAN);
}

/**
 * lbr_vlan_port_uninit_rtnl() - a port leaves: drop all its VLANs
 * @p: port, no longer receiving; its FDB entries are gone
 *
 * Context: RTNL held.
 */
void lbr_vlan_port_uninit_rtnl(struct lbr_port *p)
{
	struct lbr_vlan_group *vg = rtnl_dereference(p->vlgrp);
	struct lbr_vlan *v;
	unsigned long vid;

	ASSERT_RTNL();
	if (!vg)
		return;
	lbr_vlan_notify_gone(p->br, p, vg->member);
	xa_for_each(&vg->vlans, vid, v)
		lbr_vlan_port_remove_rtnl(p, vg, v);
	RCU_INIT_POINTER(p->vlgrp, NULL);
	xa_destroy(&vg->vlans);
	xa_destroy(&vg->tunnel_by_vid);
	xa_destroy(&vg->tunnel_by_id);
	kfree_rcu(vg, rcu);
}

/**
 * lbr_vlan_bridge_init_rtnl() - a new bridge: 802.1Q, default pvid 1
 * @br: bridge, not yet registered
 *
 * Context: RTNL held.
 * Return: 0 or -ENOMEM.
 */
int lbr_vlan_bridge_init_rtnl(struct lbr_bridge *br)
{
	struct lbr_vlan_group *vg = lbr_vlan_group_new();
	bool changed;
	int err;

	ASSERT_RTNL();
	if (!vg)
		return -ENOMEM;
	br->vlan_proto = htons(ETH_P_8021Q);
	br->default_pvid = 1;
	rcu_assign_pointer(br->vlgrp, vg);
	err = lbr_vlan_bridge_add_rtnl(br, 1, BRIDGE_VLAN_INFO_BRENTRY |
				       BRIDGE_VLAN_INFO_PVID |
				       BRIDGE_VLAN_INFO_UNTAGGED, &changed, NULL);
	if (err) {
		RCU_INIT_POINTER(br->vlgrp, NULL);
		kfree(vg);
	}
	return err;
}

/**
 * lbr_vlan_bridge_uninit_rtnl() - the bridge goes, its ports gone before
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_vlan_bridge_uninit_rtnl(struct lbr_bridge *br)
{
	struct lbr_vlan_group *vg = rtnl_dereference(br->vlgrp);
	struct lbr_vlan *v;
	unsigned long vid;

	ASSERT_RTNL();
	lbr_vlan_bridge_gone_rtnl(br);
	if (!vg)
		return;
	lbr_vlan_notify_gone(br, NULL, vg->member);
	xa_for_each(&vg->vlans, vid, v) {
		WARN_ON_ONCE(v->refs != !!(v->flags & BRIDGE_VLAN_INFO_BRENTRY));
		xa_erase(&vg->vlans, vid);
		lbr_vlan_free(v);
	}
	RCU_INIT_POINTER(br->vlgrp, NULL);
	xa_destroy(&vg->vlans);
	kfree_rcu(vg, rcu);
}

int __init lbr_vlan_init(void)
{
	lbr_vlan_cache = KMEM_CACHE(lbr_vlan, 0);
	return lbr_vlan_cache ? 0 : -ENOMEM;
}

void lbr_vlan_exit(void)
{
	/* lbr_vlan_free_rcu() callbacks may still be queued. */
	rcu_barrier();
	kmem_cache_destroy(lbr_vlan_cache);
}

/**
 * lbr_vlan_set_state_rtnl() - the STP state of one VLAN of a port or bridge
 * @vg: the port's or the bridge's VLANs
 * @vid: a member VLAN
 * @state: BR_STATE_DISABLED..BR_STATE_BLOCKING
 * @changed: set when it changed
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0, -EINVAL for a bad state, -ENOENT for a VLAN @vg lacks.
 */
int lbr_vlan_set_state_rtnl(struct lbr_vlan_group *vg, u16 vid, u8 state,
			    bool *changed, struct netlink_ext_ack *extack)
{
	struct lbr_vlan *v = xa_load(&vg->vlans, vid);

	ASSERT_RTNL();
	if (state > BR_STATE_BLOCKING) {
		NL_SET_ERR_MSG(extack, "bridge: Invalid vlan state");
		return -EINVAL;
	}
	if (!v || !lbr_vlan_member(vg, vid))
		return -ENOENT;
	if (v->state == state)
		return 0;
	WRITE_ONCE(v->state, state);
	if (state == BR_STATE_FORWARDING)
		clear_bit(vid, vg->blocked);
	else
		set_bit(vid, vg->blocked);
	*changed = true;
	return 0;
}

/**
 * lbr_vlan_state_rcu() - the state of a member VLAN, for the datapath
 * @vg: the port's or the bridge's VLANs
 * @vid: the VLAN
 *
 * Context: RCU read section.
 * Return: BR_STATE_*; BR_STATE_DISABLED if it just went away.
 */
u8 lbr_vlan_state_rcu(struct lbr_vlan_group *vg, u16 vid)
{
	const struct lbr_vlan *v = xa_load(&vg->vlans, vid);

	return v ? READ_ONCE(v->state) : BR_STATE_DISABLED;
}

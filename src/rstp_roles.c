// SPDX-License-Identifier: GPL-2.0
/* RSTP Port Role Selection and Port Role Transitions (802.1D-2004 17.28, 17.29). */

#include "lbridge/rstp_internal.h"

#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>

/* ---- Port Role Selection (17.28) ---- */

/* The bridge priority vector: this bridge as root. */
static void lbr_rstp_bridge_vector(const struct lbr_bridge *br,
				   struct lbr_rstp_vector *v)
{
	memset(v, 0, sizeof(*v));
	v->root = br->bridge_id;
	v->bridge = br->bridge_id;
}

/* 17.21.25 a), b): the root priority vector, the root port, rootTimes */
static struct lbr_port *lbr_rstp_choose_root(struct lbr_bridge *br)
{
	struct lbr_rstp_bridge *rb = &br->rstp;
	struct lbr_port *p, *root = NULL;
	struct lbr_rstp_vector v;

	lbr_rstp_bridge_vector(br, &rb->root_prio);
	list_for_each_entry(p, &br->port_list, list) {
		struct lbr_rstp_port *r = &p->rstp;

		if (r->info_is != LBR_INFO_RECEIVED ||
		    (p->flags & BR_ROOT_BLOCK) ||
		    ether_addr_equal(r->port_prio.bridge.addr,
				     br->bridge_id.addr))
			continue;
		v = r->port_prio;
		v.cost += p->path_cost;
		v.rx_port = p->port_id;
		if (lbr_rstp_vector_cmp(&v, &rb->root_prio) < 0) {
			rb->root_prio = v;
			root = p;
		}
	}
	rb->root_port_id = root ? root->port_id : 0;
	if (root) {
		rb->root_times = root->rstp.port_times;
		rb->root_times.message_age++;
	} else {
		rb->root_times = rb->bridge_times;
	}
	return root;
}

/* 17.21.25 c) to h) for one port */
static void lbr_rstp_assign_role(struct lbr_port *p, struct lbr_port *root)
{
	struct lbr_bridge *br = p->br;
	struct lbr_rstp_port *r = &p->rstp;

	r->designated_prio.root = br->rstp.root_prio.root;
	r->designated_prio.cost = br->rstp.root_prio.cost;
	r->designated_prio.bridge = br->bridge_id;
	r->designated_prio.port = p->port_id;
	r->designated_prio.rx_port = p->port_id;
	r->designated_times = br->rstp.root_times;
	r->designated_times.hello_time = br->rstp.bridge_times.hello_time;

	switch (r->info_is) {
	case LBR_INFO_DISABLED:
		r->selected_role = LBR_ROLE_DISABLED;
		break;
	case LBR_INFO_AGED:
		r->selected_role = LBR_ROLE_DESIGNATED;
		r->updt_info = true;
		break;
	case LBR_INFO_MINE:
		r->selected_role = LBR_ROLE_DESIGNATED;
		if (lbr_rstp_vector_cmp(&r->port_prio, &r->designated_prio) ||
		    memcmp(&r->port_times, &r->designated_times,
			   sizeof(r->port_times)))
			r->updt_info = true;
		break;
	case LBR_INFO_RECEIVED:
		if (p == root) {
			r->selected_role = LBR_ROLE_ROOT;
			r->updt_info = false;
		} else if (lbr_rstp_vector_cmp(&r->designated_prio,
					       &r->port_prio) >= 0) {
			/* Another port of this bridge is designated there. */
			r->selected_role =
				ether_addr_equal(r->port_prio.bridge.addr,
						 br->bridge_id.addr) ?
				LBR_ROLE_BACKUP : LBR_ROLE_ALTERNATE;
			r->updt_info = false;
		} else {
			r->selected_role = LBR_ROLE_DESIGNATED;
			r->updt_info = true;
		}
		break;
	}
}

/**
 * lbr_rstp_prs_begin_rtnl() - INIT_BRIDGE: every port's role disabled
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_rstp_prs_begin_rtnl(struct lbr_bridge *br)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	list_for_each_entry(p, &br->port_list, list)
		p->rstp.selected_role = LBR_ROLE_DISABLED;
}

/**
 * lbr_rstp_prs_rtnl() - ROLE_SELECTION, when a port asks to reselect
 * @br: bridge
 *
 * Context: RTNL held.
 * Return: true if roles were (re)selected.
 */
bool lbr_rstp_prs_rtnl(struct lbr_bridge *br)
{
	struct lbr_port *p, *root;
	bool reselect = false;

	ASSERT_RTNL();
	list_for_each_entry(p, &br->port_list, list)
		reselect |= p->rstp.reselect;
	if (!reselect)
		return false;
	list_for_each_entry(p, &br->port_list, list)
		p->rstp.reselect = false;
	root = lbr_rstp_choose_root(br);
	list_for_each_entry(p, &br->port_list, list)
		lbr_rstp_assign_role(p, root);
	/* setSelectedTree(): unless a port asked again meanwhile */
	list_for_each_entry(p, &br->port_list, list)
		if (p->rstp.reselect)
			return true;
	list_for_each_entry(p, &br->port_list, list)
		p->rstp.selected = true;
	return true;
}

/* ---- Port Role Transitions (17.29) ---- */

/* allSynced (17.20.3) */
static bool lbr_rstp_all_synced(const struct lbr_bridge *br)
{
	const struct lbr_port *p;

	list_for_each_entry(p, &br->port_list, list) {
		const struct lbr_rstp_port *r = &p->rstp;

		if (!r->selected || r->role != r->selected_role ||
		    r->updt_info ||
		    (!r->synced && r->role != LBR_ROLE_ROOT))
			return false;
	}
	return true;
}

/* reRooted (17.20.10): no other port is a recent root port */
static bool lbr_rstp_rerooted(const struct lbr_port *p)
{
	const struct lbr_port *q;

	list_for_each_entry(q, &p->br->port_list, list)
		if (q != p && q->rstp.rr_while)
			return false;
	return true;
}

/* setSyncTree(), setReRootTree() (17.21.14, 17.21.15) */
static void lbr_rstp_set_sync_tree(struct lbr_bridge *br)
{
	struct lbr_port *p;

	list_for_each_entry(p, &br->port_list, list)
		p->rstp.sync = true;
}

static void lbr_rstp_set_reroot_tree(struct lbr_bridge *br)
{
	struct lbr_port *p;

	list_for_each_entry(p, &br->port_list, list)
		p->rstp.re_root = true;
}

static void lbr_rstp_prt_enter(struct lbr_port *p, u8 state)
{
	struct lbr_rstp_port *r = &p->rstp;

	r->prt = state;
	switch (state) {
	case LBR_PRT_INIT_PORT:
		r->role = LBR_ROLE_DISABLED;
		r->learn = false;
		r->forward = false;
		r->synced = false;
		r->sync = true;
		r->re_root = true;
		r->rr_while = lbr_rstp_fwd_delay(p);
		r->fd_while = lbr_rstp_max_age(p);
		r->rb_while = 0;
		break;
	case LBR_PRT_DISABLE_PORT:
	case LBR_PRT_BLOCK_PORT:
		r->role = r->selected_role;
		r->learn = false;
		r->forward = false;
		break;
	case LBR_PRT_DISABLED_PORT:
		r->fd_while = lbr_rstp_max_age(p);
		r->synced = true;
		r->rr_while = 0;
		r->sync = false;
		r->re_root = false;
		break;
	case LBR_PRT_ROOT_PORT:
		r->role = LBR_ROLE_ROOT;
		r->rr_while = lbr_rstp_fwd_delay(p);
		break;
	case LBR_PRT_ROOT_PROPOSED:
	case LBR_PRT_ALTERNATE_PROPOSED:
		lbr_rstp_set_sync_tree(p->br);
		r->proposed = false;
		break;
	case LBR_PRT_ROOT_AGREED:
	case LBR_PRT_ALTERNATE_AGREED:
		r->proposed = false;
		r->sync = false;
		r->agree = true;
		r->new_info = true;
		break;
	case LBR_PRT_ROOT_SYNCED:
		r->synced = true;
		r->sync = false;
		break;
	case LBR_PRT_REROOT:
		lbr_rstp_set_reroot_tree(p->br);
		break;
	case LBR_PRT_ROOT_FORWARD:
		r->fd_while = 0;
		r->forward = true;
		break;
	case LBR_PRT_ROOT_LEARN:
	case LBR_PRT_DESIGNATED_LEARN:
		r->fd_while = lbr_rstp_forward_delay(p);
		r->learn = true;
		break;
	case LBR_PRT_REROOTED:
	case LBR_PRT_DESIGNATED_RETIRED:
		r->re_root = false;
		break;
	case LBR_PRT_DESIGNATED_PORT:
		r->role = LBR_ROLE_DESIGNATED;
		break;
	case LBR_PRT_DESIGNATED_PROPOSE:
		r->proposing = true;
		r->edge_delay_while = lbr_rstp_edge_delay(p);
		r->new_info = true;
		break;
	case LBR_PRT_DESIGNATED_SYNCED:
		r->rr_while = 0;
		r->synced = true;
		r->sync = false;
		break;
	case LBR_PRT_DESIGNATED_DISCARD:
		r->learn = false;
		r->forward = false;
		r->disputed = false;
		r->fd_while = lbr_rstp_forward_delay(p);
		break;
	case LBR_PRT_DESIGNATED_FORWARD:
		r->forward = true;
		r->fd_while = 0;
		r->agreed = r->send_rstp;
		break;
	case LBR_PRT_ALTERNATE_PORT:
		r->fd_while = lbr_rstp_forward_delay(p);
		r->synced = true;
		r->rr_while = 0;
		r->sync = false;
		r->re_root = false;
		break;
	case LBR_PRT_BACKUP_PORT:
		r->rb_while = 2 * lbr_rstp_hello(p);
		break;
	}
}

/**
 * lbr_rstp_prt_begin_rtnl() - BEGIN: INIT_PORT
 * @p: port
 *
 * Context: RTNL held.
 */
void lbr_rstp_prt_begin_rtnl(struct lbr_port *p)
{
	ASSERT_RTNL();
	lbr_rstp_prt_enter(p, LBR_PRT_INIT_PORT);
}

static int lbr_rstp_prt_disabled(const struct lbr_port *p)
{
	const struct lbr_rstp_port *r = &p->rstp;

	switch (r->prt) {
	case LBR_PRT_INIT_PORT:
		return LBR_PRT_DISABLE_PORT;
	case LBR_PRT_DISABLE_PORT:
		return !r->learning && !r->forwarding ?
		       LBR_PRT_DISABLED_PORT : -1;
	default:
		return r->fd_while != lbr_rstp_max_age(p) || r->sync ||
		       r->re_root || !r->synced ? LBR_PRT_DISABLED_PORT : -1;
	}
}

/* fdWhile ran out, or (RSTP) the old root port's tree is quiet */
static bool lbr_rstp_root_may_advance(const struct lbr_port *p)
{
	const struct lbr_rstp_port *r = &p->rstp;

	return !r->fd_while ||
	       (lbr_rstp_rerooted(p) && !r->rb_while &&
		lbr_rstp_version(p->br));
}

static int lbr_rstp_prt_root(const struct lbr_port *p)
{
	const struct lbr_rstp_port *r = &p->rstp;
	bool all_synced = lbr_rstp_all_synced(p->br);

	if (r->prt != LBR_PRT_ROOT_PORT)
		return LBR_PRT_ROOT_PORT;	/* every other state: UCT */
	if (r->proposed && !r->agree)
		return LBR_PRT_ROOT_PROPOSED;
	if ((all_synced && !r->agree) || (r->proposed && r->agree))
		return LBR_PRT_ROOT_AGREED;
	if ((r->agreed && !r->synced) || (r->sync && r->synced))
		return LBR_PRT_ROOT_SYNCED;
	if (!r->forward && !r->re_root)
		return LBR_PRT_REROOT;
	if (r->rr_while != lbr_rstp_fwd_delay(p))
		return LBR_PRT_ROOT_PORT;
	if (r->re_root && r->forward)
		return LBR_PRT_REROOTED;
	if (lbr_rstp_root_may_advance(p) && !r->learn)
		return LBR_PRT_ROOT_LEARN;
	if (lbr_rstp_root_may_advance(p) && r->learn && !r->forward)
		return LBR_PRT_ROOT_FORWARD;
	return -1;
}

/* The designated port may learn or forward (17.29.3) */
static bool lbr_rstp_designated_may_advance(const struct lbr_rstp_port *r)
{
	return (!r->fd_while || r->agreed || r->oper_edge) &&
	       (!r->rr_while || !r->re_root) && !r->sync;
}

static int lbr_rstp_prt_designated(const struct lbr_port *p)
{
	const struct lbr_rstp_port *r = &p->rstp;

	if (r->prt != LBR_PRT_DESIGNATED_PORT)
		return LBR_PRT_DESIGNATED_PORT;
	if (!r->forward && !r->agreed && !r->proposing && !r->oper_edge)
		return LBR_PRT_DESIGNATED_PROPOSE;
	if ((!r->learning && !r->forwarding && !r->synced) ||
	    (r->agreed && !r->synced) || (r->oper_edge && !r->synced) ||
	    (r->sync && r->synced))
		return LBR_PRT_DESIGNATED_SYNCED;
	if (!r->rr_while && r->re_root)
		return LBR_PRT_DESIGNATED_RETIRED;
	if (((r->sync && !r->synced) || (r->re_root && r->rr_while) ||
	     r->disputed) && !r->oper_edge && (r->learn || r->forward))
		return LBR_PRT_DESIGNATED_DISCARD;
	if (lbr_rstp_designated_may_advance(r) && !r->learn)
		return LBR_PRT_DESIGNATED_LEARN;
	if (lbr_rstp_designated_may_advance(r) && r->learn && !r->forward)
		return LBR_PRT_DESIGNATED_FORWARD;
	return -1;
}

static int lbr_rstp_prt_alternate(const struct lbr_port *p)
{
	const struct lbr_rstp_port *r = &p->rstp;

	switch (r->prt) {
	case LBR_PRT_BLOCK_PORT:
		return !r->learning && !r->forwarding ?
		       LBR_PRT_ALTERNATE_PORT : -1;
	case LBR_PRT_ALTERNATE_PORT:
		break;
	default:
		return LBR_PRT_ALTERNATE_PORT;
	}
	if (r->proposed && !r->agree)
		return LBR_PRT_ALTERNATE_PROPOSED;
	if ((lbr_rstp_all_synced(p->br) && !r->agree) ||
	    (r->proposed && r->agree))
		return LBR_PRT_ALTERNATE_AGREED;
	if (r->fd_while != lbr_rstp_forward_delay(p) || r->sync ||
	    r->re_root || !r->synced)
		return LBR_PRT_ALTERNATE_PORT;
	if (r->rb_while != 2 * lbr_rstp_hello(p) &&
	    r->role == LBR_ROLE_BACKUP)
		return LBR_PRT_BACKUP_PORT;
	return -1;
}

/* The first state of @role's part of the machine. */
static u8 lbr_rstp_prt_entry(u8 role)
{
	switch (role) {
	case LBR_ROLE_ROOT:
		return LBR_PRT_ROOT_PORT;
	case LBR_ROLE_DESIGNATED:
		return LBR_PRT_DESIGNATED_PORT;
	case LBR_ROLE_ALTERNATE:
	case LBR_ROLE_BACKUP:
		return LBR_PRT_BLOCK_PORT;
	default:
		return LBR_PRT_DISABLE_PORT;
	}
}

/**
 * lbr_rstp_prt_rtnl() - take one Port Role Transitions step, if any
 * @p: port
 *
 * Context: RTNL held.
 * Return: true if the machine moved.
 */
bool lbr_rstp_prt_rtnl(struct lbr_port *p)
{
	struct lbr_rstp_port *r = &p->rstp;
	int next;

	/* Nothing but INIT_PORT's exit moves before roles are recorded. */
	if (!r->selected || r->updt_info) {
		if (r->prt != LBR_PRT_INIT_PORT)
			return false;
		lbr_rstp_prt_enter(p, LBR_PRT_DISABLE_PORT);
		return true;
	}
	if (r->role != r->selected_role) {
		lbr_rstp_prt_enter(p, lbr_rstp_prt_entry(r->selected_role));
		return true;
	}
	switch (r->role) {
	case LBR_ROLE_ROOT:
		next = lbr_rstp_prt_root(p);
		break;
	case LBR_ROLE_DESIGNATED:
		next = lbr_rstp_prt_designated(p);
		break;
	case LBR_ROLE_ALTERNATE:
	case LBR_ROLE_BACKUP:
		next = lbr_rstp_prt_alternate(p);
		break;
	default:
		next = lbr_rstp_prt_disabled(p);
		break;
	}
	if (next < 0)
		return false;
	lbr_rstp_prt_enter(p, next);
	return true;
}

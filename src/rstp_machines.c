// SPDX-License-Identifier: GPL-2.0
/* RSTP per-port machines: migration, edge detection, transmit, port state, topology change. */

#include "lbridge/rstp_internal.h"

#include <linux/ethtool.h>
#include <linux/rtnetlink.h>

#include "lbridge/fdb.h"
#include "lbridge/netlink.h"

/* ---- Port Protocol Migration (17.24) ---- */

static void lbr_rstp_ppm_enter(struct lbr_port *p, u8 state)
{
	struct lbr_rstp_port *r = &p->rstp;

	r->ppm = state;
	switch (state) {
	case LBR_PPM_CHECKING_RSTP:
		r->mcheck = false;
		r->send_rstp = lbr_rstp_version(p->br);
		r->mdelay_while = LBR_RSTP_MIGRATE_TIME;
		break;
	case LBR_PPM_SELECTING_STP:
		r->send_rstp = false;
		r->mdelay_while = LBR_RSTP_MIGRATE_TIME;
		break;
	case LBR_PPM_SENSING:
		r->rcvd_rstp = false;
		r->rcvd_stp = false;
		break;
	}
}

static int lbr_rstp_ppm_next(const struct lbr_port *p)
{
	const struct lbr_rstp_port *r = &p->rstp;

	switch (r->ppm) {
	case LBR_PPM_CHECKING_RSTP:
		if (!r->mdelay_while)
			return LBR_PPM_SENSING;
		return r->mdelay_while != LBR_RSTP_MIGRATE_TIME &&
		       !r->port_enabled ? LBR_PPM_CHECKING_RSTP : -1;
	case LBR_PPM_SELECTING_STP:
		return !r->mdelay_while || !r->port_enabled || r->mcheck ?
		       LBR_PPM_SENSING : -1;
	default:
		if (!r->port_enabled || r->mcheck ||
		    (lbr_rstp_version(p->br) && !r->send_rstp && r->rcvd_rstp))
			return LBR_PPM_CHECKING_RSTP;
		return r->send_rstp && r->rcvd_stp ? LBR_PPM_SELECTING_STP : -1;
	}
}

/**
 * lbr_rstp_ppm_rtnl() - one Port Protocol Migration step, if any
 * @p: port
 *
 * Context: RTNL held.
 * Return: true if the machine moved.
 */
bool lbr_rstp_ppm_rtnl(struct lbr_port *p)
{
	int next = lbr_rstp_ppm_next(p);

	if (next < 0)
		return false;
	lbr_rstp_ppm_enter(p, next);
	return true;
}

/* ---- Bridge Detection (17.25) ---- */

static void lbr_rstp_bdm_enter(struct lbr_rstp_port *r, u8 state)
{
	r->bdm = state;
	r->oper_edge = state == LBR_BDM_EDGE;
}

/**
 * lbr_rstp_bdm_rtnl() - one Bridge Detection step, if any
 * @p: port
 *
 * Context: RTNL held.
 * Return: true if the machine moved.
 */
bool lbr_rstp_bdm_rtnl(struct lbr_port *p)
{
	struct lbr_rstp_port *r = &p->rstp;

	if (r->bdm == LBR_BDM_EDGE) {
		if ((!r->port_enabled && !r->admin_edge) || !r->oper_edge) {
			lbr_rstp_bdm_enter(r, LBR_BDM_NOT_EDGE);
			return true;
		}
		return false;
	}
	if ((!r->port_enabled && r->admin_edge) ||
	    (!r->edge_delay_while && r->auto_edge && r->send_rstp &&
	     r->proposing)) {
		lbr_rstp_bdm_enter(r, LBR_BDM_EDGE);
		return true;
	}
	return false;
}

/* ---- Port Transmit (17.26) ---- */

static u16 lbr_rstp_secs_to_ticks(u16 s)
{
	return min_t(u32, (u32)s * LBR_STP_HZ, U16_MAX);
}

/* The BPDU's vector and times: designatedPriority, designatedTimes */
static void lbr_rstp_fill_msg(const struct lbr_port *p, struct lbr_stp_msg *m)
{
	const struct lbr_rstp_port *r = &p->rstp;
	const struct lbr_rstp_times *t = &r->designated_times;

	m->root = r->designated_prio.root;
	m->root_path_cost = r->designated_prio.cost;
	m->bridge = r->designated_prio.bridge;
	m->port_id = r->designated_prio.port;
	m->message_age = lbr_rstp_secs_to_ticks(t->message_age);
	m->max_age = lbr_rstp_secs_to_ticks(t->max_age);
	m->hello_time = lbr_rstp_secs_to_ticks(t->hello_time);
	m->forward_delay = lbr_rstp_secs_to_ticks(t->forward_delay);
}

static const u8 lbr_rstp_role_bits[] = {
	[LBR_ROLE_DISABLED] = LBR_BPDU_ROLE_DESIGNATED,
	[LBR_ROLE_ROOT] = LBR_BPDU_ROLE_ROOT,
	[LBR_ROLE_DESIGNATED] = LBR_BPDU_ROLE_DESIGNATED,
	[LBR_ROLE_ALTERNATE] = LBR_BPDU_ROLE_ALT_BACKUP,
	[LBR_ROLE_BACKUP] = LBR_BPDU_ROLE_ALT_BACKUP,
};

/* txRstp() (17.21.20) */
static void lbr_rstp_tx_rstp(struct lbr_port *p)
{
	const struct lbr_rstp_port *r = &p->rstp;
	struct lbr_stp_msg m = {};

	lbr_rstp_fill_msg(p, &m);
	m.flags = lbr_rstp_role_bits[r->role] << LBR_RSTP_ROLE_SHIFT;
	if (r->tc_while)
		m.flags |= LBR_RSTP_FLAG_TC;
	if (r->proposing)
		m.flags |= LBR_RSTP_FLAG_PROPOSAL;
	if (r->learning)
		m.flags |= LBR_RSTP_FLAG_LEARNING;
	if (r->forwarding)
		m.flags |= LBR_RSTP_FLAG_FORWARDING;
	if (r->agree)
		m.flags |= LBR_RSTP_FLAG_AGREEMENT;
	if (lbr_stp_send_rst_rtnl(p, &m))
		p->rstp.tx_rst_bpdu++;
}

/* txConfig() (17.21.19) */
static void lbr_rstp_tx_config(struct lbr_port *p)
{
	const struct lbr_rstp_port *r = &p->rstp;
	struct lbr_stp_msg m = {};

	lbr_rstp_fill_msg(p, &m);
	if (r->tc_while)
		m.flags |= LBR_RSTP_FLAG_TC;
	if (r->tc_ack)
		m.flags |= LBR_RSTP_FLAG_TC_ACK;
	lbr_stp_send_config_rtnl(p, &m);
}

static void lbr_rstp_ptx_enter(struct lbr_port *p, u8 state)
{
	struct lbr_rstp_port *r = &p->rstp;

	r->ptx = state;
	switch (state) {
	case LBR_PTX_INIT:
		r->new_info = true;
		r->tx_count = 0;
		break;
	case LBR_PTX_IDLE:
		r->hello_when = lbr_rstp_hello(p);
		break;
	case LBR_PTX_PERIODIC:
		r->new_info = r->new_info || r->role == LBR_ROLE_DESIGNATED ||
			      (r->role == LBR_ROLE_ROOT && r->tc_while);
		break;
	case LBR_PTX_CONFIG:
		r->new_info = false;
		lbr_rstp_tx_config(p);
		r->tx_count++;
		r->tc_ack = false;
		break;
	case LBR_PTX_TCN:
		r->new_info = false;
		lbr_stp_send_tcn_rtnl(p);
		r->tx_count++;
		break;
	case LBR_PTX_RSTP:
		r->new_info = false;
		lbr_rstp_tx_rstp(p);
		r->tx_count++;
		r->tc_ack = false;
		break;
	}
}

static int lbr_rstp_ptx_next(const struct lbr_port *p)
{
	const struct lbr_rstp_port *r = &p->rstp;
	bool may_send;

	if (!r->port_enabled)
		return r->ptx == LBR_PTX_INIT ? -1 : LBR_PTX_INIT;
	if (r->ptx != LBR_PTX_IDLE)
		return LBR_PTX_IDLE;		/* every other state: UCT */
	if (!r->selected || r->updt_info)
		return -1;
	if (!r->hello_when)
		return LBR_PTX_PERIODIC;
	may_send = r->new_info && r->tx_count < p->br->tx_hold_count;
	if (!may_send)
		return -1;
	if (r->send_rstp)
		return LBR_PTX_RSTP;
	if (r->role == LBR_ROLE_ROOT)
		return LBR_PTX_TCN;
	return r->role == LBR_ROLE_DESIGNATED ? LBR_PTX_CONFIG : -1;
}

/**
 * lbr_rstp_ptx_rtnl() - one Port Transmit step, if any
 * @p: port
 *
 * Context: RTNL held.
 * Return: true if the machine moved.
 */
bool lbr_rstp_ptx_rtnl(struct lbr_port *p)
{
	int next = lbr_rstp_ptx_next(p);

	if (next < 0)
		return false;
	lbr_rstp_ptx_enter(p, next);
	return true;
}

/* ---- Port State Transition (17.30) ---- */

static void lbr_rstp_apply_state(struct lbr_port *p, u8 state)
{
	if (p->state == BR_STATE_DISABLED && !p->rstp.port_enabled)
		return;
	if (p->state == state)
		return;
	lbr_stp_set_state_rtnl(p, state);
	lbr_netlink_port_notify(p, RTM_NEWLINK);
}

static void lbr_rstp_pst_enter(struct lbr_port *p, u8 state)
{
	struct lbr_rstp_port *r = &p->rstp;

	r->pst = state;
	r->learning = state != LBR_PST_DISCARDING;
	r->forwarding = state == LBR_PST_FORWARDING;
	lbr_rstp_apply_state(p, state == LBR_PST_FORWARDING ?
			     BR_STATE_FORWARDING :
			     state == LBR_PST_LEARNING ? BR_STATE_LEARNING :
			     BR_STATE_BLOCKING);
}

/**
 * lbr_rstp_pst_rtnl() - one Port State Transition step, if any
 * @p: port
 *
 * Context: RTNL held.
 * Return: true if the machine moved.
 */
bool lbr_rstp_pst_rtnl(struct lbr_port *p)
{
	struct lbr_rstp_port *r = &p->rstp;
	int next = -1;

	switch (r->pst) {
	case LBR_PST_DISCARDING:
		if (r->learn)
			next = LBR_PST_LEARNING;
		break;
	case LBR_PST_LEARNING:
		if (!r->learn)
			next = LBR_PST_DISCARDING;
		else if (r->forward)
			next = LBR_PST_FORWARDING;
		break;
	default:
		if (!r->forward)
			next = LBR_PST_DISCARDING;
		break;
	}
	if (next < 0)
		return false;
	lbr_rstp_pst_enter(p, next);
	return true;
}

/* ---- Topology Change (17.31) ---- */

/* newTcWhile() (17.21.7) */
static void lbr_rstp_new_tc_while(struct lbr_port *p)
{
	struct lbr_rstp_port *r = &p->rstp;
	const struct lbr_rstp_times *rt = &p->br->rstp.root_times;

	if (r->tc_while)
		return;
	if (r->send_rstp) {
		r->tc_while = lbr_rstp_hello(p) + 1;
		r->new_info = true;
	} else {
		r->tc_while = rt->max_age + rt->forward_delay;
	}
}

/* setTcPropTree() (17.21.18): every other port propagates */
static void lbr_rstp_set_tc_prop_tree(struct lbr_port *p)
{
	struct lbr_port *q;

	list_for_each_entry(q, &p->br->port_list, list)
		if (q != p)
			q->rstp.tc_prop = true;
}

/* fdbFlush: forget what was learnt on the port, at once */
static void lbr_rstp_flush(struct lbr_port *p)
{
	lbr_fdb_delete_by_port(p->br, p, false);
	p->rstp.fdb_flush = false;
}

static void lbr_rstp_tcm_enter(struct lbr_port *p, u8 state)
{
	struct lbr_rstp_port *r = &p->rstp;

	r->tcm = state;
	switch (state) {
	case LBR_TCM_INACTIVE:
		r->tc_while = 0;
		r->tc_ack = false;
		lbr_rstp_flush(p);
		break;
	case LBR_TCM_LEARNING:
		r->rcvd_tc = false;
		r->rcvd_tcn = false;
		r->rcvd_tc_ack = false;
		r->tc_prop = false;
		break;
	case LBR_TCM_DETECTED:
		p->br->topology_changes++;
		lbr_rstp_new_tc_while(p);
		lbr_rstp_set_tc_prop_tree(p);
		r->new_info = true;
		break;
	case LBR_TCM_NOTIFIED_TCN:
		lbr_rstp_new_tc_while(p);
		break;
	case LBR_TCM_NOTIFIED_TC:
		p->br->topology_changes++;
		r->rcvd_tcn = false;
		r->rcvd_tc = false;
		if (r->role == LBR_ROLE_DESIGNATED)
			r->tc_ack = true;
		lbr_rstp_set_tc_prop_tree(p);
		break;
	case LBR_TCM_PROPAGATING:
		lbr_rstp_new_tc_while(p);
		lbr_rstp_flush(p);
		r->tc_prop = false;
		break;
	case LBR_TCM_ACKNOWLEDGED:
		r->tc_while = 0;
		r->rcvd_tc_ack = false;
		break;
	}
}

static bool lbr_rstp_tc_role(const struct lbr_rstp_port *r)
{
	return r->role == LBR_ROLE_ROOT || r->role == LBR_ROLE_DESIGNATED;
}

static int lbr_rstp_tcm_next(const struct lbr_rstp_port *r)
{
	bool pending = r->rcvd_tc || r->rcvd_tcn || r->rcvd_tc_ack ||
		       r->tc_prop;

	switch (r->tcm) {
	case LBR_TCM_INACTIVE:
		return r->learn && !r->fdb_flush ? LBR_TCM_LEARNING : -1;
	case LBR_TCM_LEARNING:
		if (lbr_rstp_tc_role(r) && r->forward && !r->oper_edge)
			return LBR_TCM_DETECTED;
		if (pending)
			return LBR_TCM_LEARNING;
		return !lbr_rstp_tc_role(r) && !r->learn && !r->learning ?
		       LBR_TCM_INACTIVE : -1;
	case LBR_TCM_ACTIVE:
		if (!lbr_rstp_tc_role(r) || r->oper_edge)
			return LBR_TCM_LEARNING;
		if (r->rcvd_tcn)
			return LBR_TCM_NOTIFIED_TCN;
		if (r->rcvd_tc)
			return LBR_TCM_NOTIFIED_TC;
		if (r->tc_prop && !r->oper_edge)
			return LBR_TCM_PROPAGATING;
		return r->rcvd_tc_ack ? LBR_TCM_ACKNOWLEDGED : -1;
	case LBR_TCM_NOTIFIED_TCN:
		return LBR_TCM_NOTIFIED_TC;
	default:	/* DETECTED, NOTIFIED_TC, PROPAGATING, ACKNOWLEDGED */
		return LBR_TCM_ACTIVE;
	}
}

/**
 * lbr_rstp_tcm_rtnl() - one Topology Change step, if any
 * @p: port
 *
 * Context: RTNL held.
 * Return: true if the machine moved.
 */
bool lbr_rstp_tcm_rtnl(struct lbr_port *p)
{
	int next = lbr_rstp_tcm_next(&p->rstp);

	if (next < 0)
		return false;
	lbr_rstp_tcm_enter(p, next);
	return true;
}

/* ---- BEGIN and the link ---- */

/**
 * lbr_rstp_oper_p2p_update_rtnl() - operPointToPointMAC from the setting
 * and, for auto, the link's duplex
 * @p: port
 *
 * Context: RTNL held (ethtool).
 */
void lbr_rstp_oper_p2p_update_rtnl(struct lbr_port *p)
{
	struct ethtool_link_ksettings ks;
	struct lbr_rstp_port *r = &p->rstp;

	ASSERT_RTNL();
	switch (r->admin_p2p) {
	case LBR_P2P_YES:
		r->oper_p2p = true;
		break;
	case LBR_P2P_NO:
		r->oper_p2p = false;
		break;
	default:
		r->oper_p2p = !__ethtool_get_link_ksettings(p->dev, &ks) &&
			      ks.base.duplex == DUPLEX_FULL;
		break;
	}
}

/**
 * lbr_rstp_machines_begin_rtnl() - BEGIN for PPM, BDM, PTX, PST and TCM
 * @p: port
 *
 * Context: RTNL held.
 */
void lbr_rstp_machines_begin_rtnl(struct lbr_port *p)
{
	struct lbr_rstp_port *r = &p->rstp;

	ASSERT_RTNL();
	r->rcvd_bpdu = false;
	r->rcvd_rstp = false;
	r->rcvd_stp = false;
	r->rcvd_msg = false;
	r->edge_delay_while = LBR_RSTP_MIGRATE_TIME;
	lbr_rstp_oper_p2p_update_rtnl(p);
	lbr_rstp_ppm_enter(p, LBR_PPM_CHECKING_RSTP);
	lbr_rstp_bdm_enter(r, r->admin_edge ? LBR_BDM_EDGE : LBR_BDM_NOT_EDGE);
	lbr_rstp_ptx_enter(p, LBR_PTX_INIT);
	lbr_rstp_pst_enter(p, LBR_PST_DISCARDING);
	r->fdb_flush = true;
	lbr_rstp_tcm_enter(p, LBR_TCM_INACTIVE);
}

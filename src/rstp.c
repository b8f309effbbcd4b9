// SPDX-License-Identifier: GPL-2.0
/* RSTP (802.1D-2004 clause 17): running the machines, and what starts, feeds and stops them. */

#include "lbridge/rstp_internal.h"

#include <linux/rtnetlink.h>

#include "lbridge/device.h"
#include "lbridge/fdb.h"
#include "lbridge/netlink.h"
#include "lbridge/port.h"

/*
 * The machines are run to a standstill after every event (a BPDU, the
 * one-second tick, a link or setting change): each step takes at most one
 * transition of one machine, and the loop ends when none moves.  A bound
 * keeps a machine bug from holding RTNL forever.
 */
#define LBR_RSTP_MAX_ROUNDS	4096

/**
 * lbr_rstp_vector_cmp() - compare two priority vectors (17.6)
 * @a: one
 * @b: the other
 *
 * Return: <0 if @a is better, 0 if the same, >0 if worse.
 */
int lbr_rstp_vector_cmp(const struct lbr_rstp_vector *a,
			const struct lbr_rstp_vector *b)
{
	int c = memcmp(&a->root, &b->root, sizeof(a->root));

	if (c)
		return c;
	if (a->cost != b->cost)
		return a->cost < b->cost ? -1 : 1;
	c = memcmp(&a->bridge, &b->bridge, sizeof(a->bridge));
	if (c)
		return c;
	if (a->port != b->port)
		return a->port < b->port ? -1 : 1;
	if (a->rx_port != b->rx_port)
		return a->rx_port < b->rx_port ? -1 : 1;
	return 0;
}

static bool lbr_rstp_port_step(struct lbr_port *p)
{
	bool moved = false;

	moved |= lbr_rstp_ppm_rtnl(p);
	moved |= lbr_rstp_bdm_rtnl(p);
	moved |= lbr_rstp_pim_rtnl(p);
	moved |= lbr_rstp_prt_rtnl(p);
	moved |= lbr_rstp_pst_rtnl(p);
	moved |= lbr_rstp_tcm_rtnl(p);
	moved |= lbr_rstp_ptx_rtnl(p);
	return moved;
}

/* What the 802.1D ABI (sysfs, ioctl, IFLA_BR*) shows, from RSTP's state. */
static void lbr_rstp_mirror(struct lbr_bridge *br)
{
	const struct lbr_rstp_bridge *rb = &br->rstp;
	struct lbr_port *p;
	u8 tc = 0;

	br->designated_root = rb->root_prio.root;
	br->root_path_cost = rb->root_prio.cost;
	br->root_port = 0;
	br->max_age = rb->root_times.max_age * HZ;
	br->forward_delay = rb->root_times.forward_delay * HZ;
	br->hello_time = rb->root_times.hello_time * HZ;
	list_for_each_entry(p, &br->port_list, list) {
		const struct lbr_rstp_port *r = &p->rstp;

		if (r->role == LBR_ROLE_ROOT)
			br->root_port = p->port_no;
		if (r->tc_while)
			tc = 1;
		p->designated_root = r->port_prio.root;
		p->designated_cost = r->port_prio.cost;
		p->designated_bridge = r->port_prio.bridge;
		p->designated_port = r->port_prio.port;
	}
	br->topology_change = tc;
	br->topology_change_detected = tc;
}

/**
 * lbr_rstp_run_rtnl() - run the machines until none moves
 * @br: bridge, RSTP running
 *
 * Context: RTNL held.
 */
void lbr_rstp_run_rtnl(struct lbr_bridge *br)
{
	unsigned int rounds = 0;
	struct lbr_port *p;
	bool moved;

	ASSERT_RTNL();
	do {
		moved = lbr_rstp_prs_rtnl(br);
		list_for_each_entry(p, &br->port_list, list)
			moved |= lbr_rstp_port_step(p);
	} while (moved && ++rounds < LBR_RSTP_MAX_ROUNDS);
	WARN_ONCE(moved, "lbridge: RSTP machines did not settle\n");
	lbr_rstp_mirror(br);
	lbr_dev_update_carrier_rtnl(br);
}

/* BridgeTimes (17.18.4) from the configured timers, in seconds */
static void lbr_rstp_bridge_times(struct lbr_bridge *br)
{
	struct lbr_rstp_times *t = &br->rstp.bridge_times;

	t->message_age = 0;
	t->max_age = br->bridge_max_age / HZ;
	t->forward_delay = br->bridge_forward_delay / HZ;
	t->hello_time = br->bridge_hello_time / HZ;
}

static bool lbr_rstp_link_up(const struct lbr_port *p)
{
	return netif_running(p->br->dev) && netif_running(p->dev) &&
	       netif_oper_up(p->dev);
}

/* BEGIN for one port */
static void lbr_rstp_port_begin(struct lbr_port *p)
{
	struct lbr_rstp_port *r = &p->rstp;

	r->port_enabled = lbr_rstp_link_up(p);
	r->designated_times = p->br->rstp.bridge_times;
	r->tc_while = 0;
	r->rcvd_info_while = 0;
	lbr_rstp_machines_begin_rtnl(p);
	lbr_rstp_pim_begin_rtnl(p);
	lbr_rstp_prt_begin_rtnl(p);
}

/**
 * lbr_rstp_start_rtnl() - RSTP takes over the bridge (BEGIN)
 * @br: bridge, stp_enabled kernel and stp_protocol RSTP
 *
 * Context: RTNL held.
 */
void lbr_rstp_start_rtnl(struct lbr_bridge *br)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	lbr_stp_timers_stop_all_rtnl(br);
	lbr_rstp_bridge_times(br);
	br->rstp.begin = true;
	lbr_rstp_prs_begin_rtnl(br);
	list_for_each_entry(p, &br->port_list, list)
		lbr_rstp_port_begin(p);
	br->rstp.begin = false;
	/* The one-second tick (17.22) rides on the hello timer. */
	if (netif_running(br->dev))
		lbr_stp_timer_start_rtnl(br, &br->hello_timer, HZ);
	lbr_rstp_run_rtnl(br);
}

/**
 * lbr_rstp_stop_rtnl() - RSTP hands the bridge back (STP off, or 802.1D)
 * @br: bridge
 *
 * The ports keep their states, as 802.1D's do when STP goes off; the
 * 802.1D variables restart from "this bridge is root".
 *
 * Context: RTNL held.
 */
void lbr_rstp_stop_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	lbr_stp_timer_stop(&br->hello_timer);
	br->topology_change = 0;
	br->topology_change_detected = 0;
	lbr_stp_reset_vectors_rtnl(br);
}

/**
 * lbr_rstp_port_enable_rtnl() - a port's link came up (or it joined)
 * @p: port
 *
 * The port starts afresh: BEGIN for its machines.
 *
 * Context: RTNL held.
 */
void lbr_rstp_port_enable_rtnl(struct lbr_port *p)
{
	ASSERT_RTNL();
	lbr_rstp_port_begin(p);
	lbr_rstp_run_rtnl(p->br);
}

/**
 * lbr_rstp_port_disable_rtnl() - a port's link went down
 * @p: port
 *
 * Context: RTNL held.
 */
void lbr_rstp_port_disable_rtnl(struct lbr_port *p)
{
	ASSERT_RTNL();
	p->rstp.port_enabled = false;
	lbr_stp_set_state_rtnl(p, BR_STATE_DISABLED);
	lbr_fdb_delete_by_port(p->br, p, false);
	lbr_netlink_port_notify(p, RTM_NEWLINK);
	lbr_rstp_run_rtnl(p->br);
}

/**
 * lbr_rstp_port_left_rtnl() - a port left: the others re-select
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_rstp_port_left_rtnl(struct lbr_bridge *br)
{
	lbr_rstp_reconfigure_rtnl(br);
}

/**
 * lbr_rstp_reconfigure_rtnl() - an id, cost, priority or timer changed
 * @br: bridge
 *
 * Every port re-selects with the new values (17.13's "reselect").
 *
 * Context: RTNL held.
 */
void lbr_rstp_reconfigure_rtnl(struct lbr_bridge *br)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	lbr_rstp_bridge_times(br);
	list_for_each_entry(p, &br->port_list, list) {
		p->rstp.reselect = true;
		p->rstp.selected = false;
	}
	lbr_rstp_run_rtnl(br);
}

/* The received BPDU as RSTP's msgPriority and msgTimes (seconds) */
static void lbr_rstp_record_msg(struct lbr_port *p, const struct lbr_stp_msg *m)
{
	struct lbr_rstp_port *r = &p->rstp;

	r->msg_type = m->type;
	r->msg_flags = m->flags;
	if (m->type == LBR_BPDU_TCN)
		return;
	r->msg_prio.root = m->root;
	r->msg_prio.cost = m->root_path_cost;
	r->msg_prio.bridge = m->bridge;
	r->msg_prio.port = m->port_id;
	r->msg_prio.rx_port = p->port_id;
	r->msg_times.message_age = m->message_age / LBR_STP_HZ;
	r->msg_times.max_age = m->max_age / LBR_STP_HZ;
	r->msg_times.forward_delay = m->forward_delay / LBR_STP_HZ;
	r->msg_times.hello_time = max_t(u16, m->hello_time / LBR_STP_HZ, 1);
}

/**
 * lbr_rstp_received_rtnl() - Port Receive (17.23): a BPDU for the machines
 * @p: receiving port
 * @m: the validated BPDU
 *
 * Context: RTNL held (the BPDU work).
 */
void lbr_rstp_received_rtnl(struct lbr_port *p, const struct lbr_stp_msg *m)
{
	struct lbr_rstp_port *r = &p->rstp;

	ASSERT_RTNL();
	if (!r->port_enabled)
		return;
	if (m->type == LBR_BPDU_RST) {
		r->rcvd_rstp = true;
		r->rx_rst_bpdu += 1 + m->repeats;
	} else {
		r->rcvd_stp = true;
		if (m->type == LBR_BPDU_TCN) {
			r->rcvd_tcn = true;
			p->stp_stats.rx_tcn += 1 + m->repeats;
		} else {
			p->stp_stats.rx_bpdu += 1 + m->repeats;
		}
	}
	lbr_rstp_record_msg(p, m);
	r->oper_edge = false;
	r->edge_delay_while = LBR_RSTP_MIGRATE_TIME;
	r->rcvd_msg = true;
	lbr_rstp_run_rtnl(p->br);
}

static void lbr_rstp_dec(u16 *t)
{
	if (*t)
		(*t)--;
}

/**
 * lbr_rstp_tick_rtnl() - the one-second tick (17.22)
 * @br: bridge
 *
 * Context: RTNL held (the timer work).
 */
void lbr_rstp_tick_rtnl(struct lbr_bridge *br)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	list_for_each_entry(p, &br->port_list, list) {
		struct lbr_rstp_port *r = &p->rstp;

		lbr_rstp_dec(&r->edge_delay_while);
		lbr_rstp_dec(&r->fd_while);
		lbr_rstp_dec(&r->hello_when);
		lbr_rstp_dec(&r->mdelay_while);
		lbr_rstp_dec(&r->rb_while);
		lbr_rstp_dec(&r->rcvd_info_while);
		lbr_rstp_dec(&r->rr_while);
		lbr_rstp_dec(&r->tc_while);
		if (r->tx_count)
			r->tx_count--;
	}
	lbr_stp_timer_start_rtnl(br, &br->hello_timer, HZ);
	lbr_rstp_run_rtnl(br);
}

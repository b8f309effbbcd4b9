// SPDX-License-Identifier: GPL-2.0
/* 802.1D-1998 clause 8 spanning tree: election, port states, topology change. */

#include "lbridge/rstp.h"
#include "lbridge/stp.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/rtnetlink.h>

#include "lbridge/device.h"
#include "lbridge/fdb.h"
#include "lbridge/netlink.h"
#include "lbridge/port.h"

/*
 * Every function here runs under RTNL: control paths, the STP timer work
 * and the BPDU work.  Without STP (stp_state 0) the same machine runs and
 * makes every enabled port designated and forwarding at once, as in-tree.
 */

/* A transmitted message age is at least one BPDU tick older than received. */
#define LBR_STP_AGE_INCR	((HZ / LBR_STP_HZ) + 1)

static const char *const lbr_stp_state_names[] = {
	[BR_STATE_DISABLED] = "disabled",
	[BR_STATE_LISTENING] = "listening",
	[BR_STATE_LEARNING] = "learning",
	[BR_STATE_FORWARDING] = "forwarding",
	[BR_STATE_BLOCKING] = "blocking",
};

/**
 * lbr_stp_is_root_bridge() - this bridge believes itself the root
 * @br: bridge
 *
 * Context: RTNL held.
 * Return: whether the designated root is this bridge.
 */
bool lbr_stp_is_root_bridge(const struct lbr_bridge *br)
{
	return !lbr_stp_id_cmp(&br->bridge_id, &br->designated_root);
}

/**
 * lbr_stp_set_state_rtnl() - set a port's state as STP decides it
 * @p: port
 * @state: BR_STATE_*
 *
 * Logged and counted as in-tree.
 *
 * Context: RTNL held.
 */
void lbr_stp_set_state_rtnl(struct lbr_port *p, u8 state)
{
	struct lbr_bridge *br = p->br;

	lbr_port_set_state_rtnl(p, state);
	if (br->stp_enabled == LBR_NO_STP)
		return;
	netdev_info(br->dev, "port %u(%s) entered %s state\n", p->port_no,
		    p->dev->name, lbr_stp_state_names[state]);
	if (br->stp_enabled != LBR_KERNEL_STP)
		return;
	if (state == BR_STATE_BLOCKING)
		p->stp_stats.transition_blk++;
	else if (state == BR_STATE_FORWARDING)
		p->stp_stats.transition_fwd++;
}

/* 802.1D 8.6.1.3.2 topology change: ageing at twice the forward delay. */
static void lbr_stp_set_topology_change(struct lbr_bridge *br, u8 on)
{
	if (br->stp_enabled == LBR_KERNEL_STP && br->topology_change != on) {
		WRITE_ONCE(br->ageing_time, on ? 2 * br->forward_delay :
						 br->bridge_ageing_time);
		lbr_fdb_gc_start(br);
	}
	br->topology_change = on;
}

static struct lbr_port *lbr_stp_root_port(struct lbr_bridge *br)
{
	return br->root_port ? lbr_port_by_no_rtnl(br, br->root_port) : NULL;
}

static void lbr_stp_transmit_tcn(struct lbr_bridge *br)
{
	struct lbr_port *rp = lbr_stp_root_port(br);

	if (rp)
		lbr_stp_send_tcn_rtnl(rp);
	else
		netdev_notice(br->dev, "root port %u not found for topology notice\n",
			      br->root_port);
}

/* 8.6.14 topology change detection */
static void lbr_stp_topology_change_detection(struct lbr_bridge *br)
{
	bool root = lbr_stp_is_root_bridge(br);

	if (br->stp_enabled != LBR_KERNEL_STP || !netif_running(br->dev))
		return;
	netdev_info(br->dev, "topology change detected, %s\n",
		    root ? "propagating" : "sending tcn bpdu");
	br->topology_changes++;
	if (root) {
		lbr_stp_set_topology_change(br, 1);
		lbr_stp_timer_start_rtnl(br, &br->topology_change_timer,
					 br->bridge_forward_delay +
					 br->bridge_max_age);
	} else if (!br->topology_change_detected) {
		lbr_stp_transmit_tcn(br);
		lbr_stp_timer_start_rtnl(br, &br->tcn_timer,
					 br->bridge_hello_time);
	}
	br->topology_change_detected = 1;
}

/* 8.6.1 transmit configuration BPDU (or leave it pending under hold) */
static void lbr_stp_transmit_config(struct lbr_port *p)
{
	struct lbr_bridge *br = p->br;
	struct lbr_stp_msg m = {};
	unsigned long age = 0;
	struct lbr_port *rp;

	if (p->hold_timer.pending) {
		p->config_pending = 1;
		return;
	}
	rp = lbr_stp_root_port(br);
	if (!lbr_stp_is_root_bridge(br) && rp)
		age = jiffies - rp->designated_age + LBR_STP_AGE_INCR;
	if (age >= br->max_age)
		return;

	m.flags = (br->topology_change ? 0x01 : 0) |
		  (p->topology_change_ack ? 0x80 : 0);
	m.root = br->designated_root;
	m.root_path_cost = br->root_path_cost;
	m.bridge = br->bridge_id;
	m.port_id = p->port_id;
	m.message_age = lbr_stp_jiffies_to_ticks(age);
	m.max_age = lbr_stp_jiffies_to_ticks(br->max_age);
	m.hello_time = lbr_stp_jiffies_to_ticks(br->hello_time);
	m.forward_delay = lbr_stp_jiffies_to_ticks(br->forward_delay);
	lbr_stp_send_config_rtnl(p, &m);
	p->topology_change_ack = 0;
	p->config_pending = 0;
	if (br->stp_enabled == LBR_KERNEL_STP)
		lbr_stp_timer_start_rtnl(br, &p->hold_timer,
					 LBR_STP_HOLD_TIME);
}

/* 8.6.4 configuration BPDU generation: on every designated port */
static void lbr_stp_config_bpdu_generation(struct lbr_bridge *br)
{
	struct lbr_port *p;

	list_for_each_entry(p, &br->port_list, list)
		if (p->state != BR_STATE_DISABLED && lbr_port_is_designated(p))
			lbr_stp_transmit_config(p);
}

/* 8.6.8.3.1: would @p be a better root port than the one found so far? */
static bool lbr_stp_better_root_port(const struct lbr_port *p,
				     const struct lbr_port *rp)
{
	u32 pc = p->designated_cost + p->path_cost;
	u32 rc = rp->designated_cost + rp->path_cost;
	int t;

	t = lbr_stp_id_cmp(&p->designated_root, &rp->designated_root);
	if (t)
		return t < 0;
	if (pc != rc)
		return pc < rc;
	t = lbr_stp_id_cmp(&p->designated_bridge, &rp->designated_bridge);
	if (t)
		return t < 0;
	if (p->designated_port != rp->designated_port)
		return p->designated_port < rp->designated_port;
	return p->port_id < rp->port_id;
}

static bool lbr_stp_root_candidate(const struct lbr_port *p,
				   const struct lbr_port *rp)
{
	const struct lbr_bridge *br = p->br;

	if (p->state == BR_STATE_DISABLED || lbr_port_is_designated(p) ||
	    lbr_stp_id_cmp(&br->bridge_id, &p->designated_root) <= 0)
		return false;
	return !rp || lbr_stp_better_root_port(p, rp);
}

/* root_block: the port stays designated-side, listening again. */
static void lbr_stp_root_port_block(struct lbr_port *p)
{
	struct lbr_bridge *br = p->br;

	netdev_notice(br->dev, "port %u(%s) tried to become root port (blocked)",
		      p->port_no, p->dev->name);
	lbr_stp_set_state_rtnl(p, BR_STATE_LISTENING);
	lbr_netlink_port_notify(p, RTM_NEWLINK);
	if (br->forward_delay)
		lbr_stp_timer_start_rtnl(br, &p->forward_delay_timer,
					 br->forward_delay);
}

/* 8.6.8 root selection */
static void lbr_stp_root_selection(struct lbr_bridge *br)
{
	struct lbr_port *p, *rp = NULL;

	list_for_each_entry(p, &br->port_list, list) {
		if (!lbr_stp_root_candidate(p, rp))
			continue;
		if (p->flags & BR_ROOT_BLOCK)
			lbr_stp_root_port_block(p);
		else
			rp = p;
	}
	br->root_port = rp ? rp->port_no : 0;
	if (!rp) {
		br->designated_root = br->bridge_id;
		br->root_path_cost = 0;
	} else {
		br->designated_root = rp->designated_root;
		br->root_path_cost = rp->designated_cost + rp->path_cost;
	}
}

/* 8.6.9.3.1: should this bridge take over @p's segment? */
static bool lbr_stp_should_be_designated(const struct lbr_port *p)
{
	const struct lbr_bridge *br = p->br;
	int t;

	if (lbr_port_is_designated(p) ||
	    lbr_stp_id_cmp(&p->designated_root, &br->designated_root))
		return true;
	if (br->root_path_cost != p->designated_cost)
		return br->root_path_cost < p->designated_cost;
	t = lbr_stp_id_cmp(&br->bridge_id, &p->designated_bridge);
	if (t)
		return t < 0;
	return p->port_id < p->designated_port;
}

/**
 * lbr_stp_configuration_update_rtnl() - 8.6.7: root, then designated ports
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_stp_configuration_update_rtnl(struct lbr_bridge *br)
{
	struct lbr_port *p;

	lbr_stp_root_selection(br);
	list_for_each_entry(p, &br->port_list, list)
		if (p->state != BR_STATE_DISABLED &&
		    lbr_stp_should_be_designated(p))
			lbr_port_become_designated(p);
}

/* 8.6.12 make forwarding: through listening and learning with STP */
static void lbr_stp_make_forwarding(struct lbr_port *p)
{
	struct lbr_bridge *br = p->br;

	if (p->state != BR_STATE_BLOCKING)
		return;
	if (br->stp_enabled == LBR_NO_STP || !br->forward_delay) {
		lbr_stp_set_state_rtnl(p, BR_STATE_FORWARDING);
		lbr_stp_topology_change_detection(br);
		lbr_stp_timer_stop(&p->forward_delay_timer);
	} else if (br->stp_enabled == LBR_KERNEL_STP) {
		lbr_stp_set_state_rtnl(p, BR_STATE_LISTENING);
	} else {
		lbr_stp_set_state_rtnl(p, BR_STATE_LEARNING);
	}
	lbr_netlink_port_notify(p, RTM_NEWLINK);
	if (br->forward_delay)
		lbr_stp_timer_start_rtnl(br, &p->forward_delay_timer,
					 br->forward_delay);
}

/* 8.6.13 make blocking */
static void lbr_stp_make_blocking(struct lbr_port *p)
{
	if (p->state == BR_STATE_DISABLED || p->state == BR_STATE_BLOCKING)
		return;
	if (p->state == BR_STATE_FORWARDING || p->state == BR_STATE_LEARNING)
		lbr_stp_topology_change_detection(p->br);
	lbr_stp_set_state_rtnl(p, BR_STATE_BLOCKING);
	lbr_netlink_port_notify(p, RTM_NEWLINK);
	lbr_stp_timer_stop(&p->forward_delay_timer);
}

/* 8.6.11 port state selection for one enabled port */
static void lbr_stp_select_port_state(struct lbr_port *p)
{
	if (p->port_no == p->br->root_port) {
		p->config_pending = 0;
		p->topology_change_ack = 0;
		lbr_stp_make_forwarding(p);
	} else if (lbr_port_is_designated(p)) {
		lbr_stp_timer_stop(&p->message_age_timer);
		lbr_stp_make_forwarding(p);
	} else {
		p->config_pending = 0;
		p->topology_change_ack = 0;
		lbr_stp_make_blocking(p);
	}
}

/**
 * lbr_stp_port_state_selection_rtnl() - 8.6.11 port state selection
 * @br: bridge
 *
 * User-space STP keeps its own states; the carrier follows.
 *
 * Context: RTNL held.
 */
void lbr_stp_port_state_selection_rtnl(struct lbr_bridge *br)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	list_for_each_entry(p, &br->port_list, list)
		if (p->state != BR_STATE_DISABLED &&
		    br->stp_enabled != LBR_USER_STP)
			lbr_stp_select_port_state(p);
	lbr_dev_update_carrier_rtnl(br);
}

/*
 * Without STP, with every enabled port forwarding and this bridge root,
 * an election changes nothing: enabling or disabling one port then only
 * concerns that port, so attaching the n-th port stays O(1).
 */
static bool lbr_stp_settled(const struct lbr_bridge *br)
{
	return br->stp_enabled == LBR_NO_STP && !br->root_port &&
	       br->fwd_ports == br->enabled_ports;
}

/* 8.6.10-ish: become root again, with our own times */
static void lbr_stp_become_root_bridge(struct lbr_bridge *br)
{
	br->max_age = br->bridge_max_age;
	br->hello_time = br->bridge_hello_time;
	br->forward_delay = br->bridge_forward_delay;
	lbr_stp_topology_change_detection(br);
	lbr_stp_timer_stop(&br->tcn_timer);
	if (netif_running(br->dev)) {
		lbr_stp_config_bpdu_generation(br);
		lbr_stp_timer_start_rtnl(br, &br->hello_timer, br->hello_time);
	}
}

/**
 * lbr_stp_reselect_rtnl() - re-elect after a vector changed
 * @br: bridge
 * @was_root: whether it was root before the change
 *
 * Becomes root (own times, hello timer) if it now is.
 *
 * Context: RTNL held.
 */
void lbr_stp_reselect_rtnl(struct lbr_bridge *br, bool was_root)
{
	if (lbr_rstp_running(br)) {
		lbr_rstp_reconfigure_rtnl(br);
		return;
	}
	lbr_stp_configuration_update_rtnl(br);
	lbr_stp_port_state_selection_rtnl(br);
	if (lbr_stp_is_root_bridge(br) && !was_root)
		lbr_stp_become_root_bridge(br);
}

/* 8.6.2.2: does the received vector beat the one recorded on @p? */
static bool lbr_stp_supersedes(const struct lbr_port *p,
			       const struct lbr_stp_msg *m)
{
	int t;

	t = lbr_stp_id_cmp(&m->root, &p->designated_root);
	if (t)
		return t < 0;
	if (m->root_path_cost != p->designated_cost)
		return m->root_path_cost < p->designated_cost;
	t = lbr_stp_id_cmp(&m->bridge, &p->designated_bridge);
	if (t)
		return t < 0;
	/* From another bridge with an equal vector, or our own port's echo. */
	return lbr_stp_id_cmp(&m->bridge, &p->br->bridge_id) ||
	       m->port_id <= p->designated_port;
}

/* 8.6.2 record configuration information; the message age timer runs */
static void lbr_stp_record_config(struct lbr_port *p,
				  const struct lbr_stp_msg *m)
{
	unsigned long age = lbr_stp_ticks_to_jiffies(m->message_age);
	unsigned long max_age = lbr_stp_ticks_to_jiffies(m->max_age);

	p->designated_root = m->root;
	p->designated_cost = m->root_path_cost;
	p->designated_bridge = m->bridge;
	p->designated_port = m->port_id;
	p->designated_age = jiffies - age;
	lbr_stp_timer_start_rtnl(p->br, &p->message_age_timer, max_age - age);
}

/* 8.6.3 record configuration timeout values (from the root port) */
static void lbr_stp_record_timeouts(struct lbr_bridge *br,
				    const struct lbr_stp_msg *m)
{
	br->max_age = lbr_stp_ticks_to_jiffies(m->max_age);
	br->hello_time = lbr_stp_ticks_to_jiffies(m->hello_time);
	br->forward_delay = lbr_stp_ticks_to_jiffies(m->forward_delay);
	lbr_stp_set_topology_change(br, m->flags & 0x01);
}

/**
 * lbr_stp_received_config_rtnl() - 8.7.1 received configuration BPDU
 * @p: receiving port, enabled
 * @m: the validated BPDU
 *
 * Context: RTNL held (the BPDU work).
 */
void lbr_stp_received_config_rtnl(struct lbr_port *p,
				  const struct lbr_stp_msg *m)
{
	struct lbr_bridge *br = p->br;
	bool was_root = lbr_stp_is_root_bridge(br);

	ASSERT_RTNL();
	p->stp_stats.rx_bpdu += 1 + m->repeats;
	if (!lbr_stp_supersedes(p, m)) {
		if (lbr_port_is_designated(p))
			lbr_stp_transmit_config(p);	/* 8.6.5 reply */
		return;
	}
	lbr_stp_record_config(p, m);
	lbr_stp_configuration_update_rtnl(br);
	lbr_stp_port_state_selection_rtnl(br);
	if (!lbr_stp_is_root_bridge(br) && was_root) {
		lbr_stp_timer_stop(&br->hello_timer);
		if (br->topology_change_detected) {
			lbr_stp_timer_stop(&br->topology_change_timer);
			lbr_stp_transmit_tcn(br);
			lbr_stp_timer_start_rtnl(br, &br->tcn_timer,
						 br->bridge_hello_time);
		}
	}
	if (p->port_no != br->root_port)
		return;
	lbr_stp_record_timeouts(br, m);
	lbr_stp_config_bpdu_generation(br);
	if (m->flags & 0x80) {
		/* 8.6.16 topology change acknowledged */
		br->topology_change_detected = 0;
		lbr_stp_timer_stop(&br->tcn_timer);
	}
}

/**
 * lbr_stp_received_tcn_rtnl() - 8.7.2 received TCN BPDU
 * @p: receiving port, enabled
 * @m: the validated BPDU (its repeats are counted)
 *
 * Context: RTNL held (the BPDU work).
 */
void lbr_stp_received_tcn_rtnl(struct lbr_port *p, const struct lbr_stp_msg *m)
{
	ASSERT_RTNL();
	p->stp_stats.rx_tcn += 1 + m->repeats;
	if (!lbr_port_is_designated(p))
		return;
	netdev_info(p->br->dev, "port %u(%s) received tcn bpdu\n",
		    p->port_no, p->dev->name);
	lbr_stp_topology_change_detection(p->br);
	p->topology_change_ack = 1;	/* 8.6.17 acknowledge */
	lbr_stp_transmit_config(p);
}

/**
 * lbr_stp_hello_expired_rtnl() - 8.7.3 hello timer expiry
 * @br: bridge
 *
 * Context: RTNL held (the timer work).
 */
void lbr_stp_hello_expired_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	if (!netif_running(br->dev))
		return;
	if (lbr_rstp_running(br)) {
		lbr_rstp_tick_rtnl(br);
		return;
	}
	lbr_stp_config_bpdu_generation(br);
	if (br->stp_enabled == LBR_KERNEL_STP)
		lbr_stp_timer_start_rtnl(br, &br->hello_timer, br->hello_time);
}

/**
 * lbr_stp_tcn_expired_rtnl() - 8.7.6 TCN timer expiry: notify again
 * @br: bridge
 *
 * Context: RTNL held (the timer work).
 */
void lbr_stp_tcn_expired_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	if (lbr_stp_is_root_bridge(br) || !netif_running(br->dev))
		return;
	lbr_stp_transmit_tcn(br);
	lbr_stp_timer_start_rtnl(br, &br->tcn_timer, br->bridge_hello_time);
}

/**
 * lbr_stp_topology_change_expired_rtnl() - 8.7.7 topology change timer
 * @br: bridge
 *
 * Context: RTNL held (the timer work).
 */
void lbr_stp_topology_change_expired_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	br->topology_change_detected = 0;
	lbr_stp_set_topology_change(br, 0);
}

/**
 * lbr_stp_message_age_expired_rtnl() - 8.7.4: the designated bridge is lost
 * @p: port
 *
 * Context: RTNL held (the timer work).
 */
void lbr_stp_message_age_expired_rtnl(struct lbr_port *p)
{
	struct lbr_bridge *br = p->br;
	const struct lbr_bridge_id *id = &p->designated_bridge;

	ASSERT_RTNL();
	if (p->state == BR_STATE_DISABLED)
		return;
	netdev_info(br->dev, "port %u(%s) neighbor %.2x%.2x.%pM lost\n",
		    p->port_no, p->dev->name, id->prio[0], id->prio[1],
		    id->addr);
	lbr_port_become_designated(p);
	lbr_stp_reselect_rtnl(br, lbr_stp_is_root_bridge(br));
}

/* Designated for some port: this bridge's own forwarding changes topology. */
static bool lbr_stp_designated_for_some_port(struct lbr_bridge *br)
{
	struct lbr_port *p;

	list_for_each_entry(p, &br->port_list, list)
		if (p->state != BR_STATE_DISABLED &&
		    !lbr_stp_id_cmp(&p->designated_bridge, &br->bridge_id))
			return true;
	return false;
}

/**
 * lbr_stp_forward_delay_expired_rtnl() - 8.7.5: listening -> learning ->
 * forwarding
 * @p: port
 *
 * Context: RTNL held (the timer work).
 */
void lbr_stp_forward_delay_expired_rtnl(struct lbr_port *p)
{
	struct lbr_bridge *br = p->br;

	ASSERT_RTNL();
	if (p->state == BR_STATE_LISTENING) {
		lbr_stp_set_state_rtnl(p, BR_STATE_LEARNING);
		lbr_stp_timer_start_rtnl(br, &p->forward_delay_timer,
					 br->forward_delay);
	} else if (p->state == BR_STATE_LEARNING) {
		lbr_stp_set_state_rtnl(p, BR_STATE_FORWARDING);
		if (lbr_stp_designated_for_some_port(br))
			lbr_stp_topology_change_detection(br);
		lbr_dev_update_carrier_rtnl(br);
	}
	lbr_netlink_port_notify(p, RTM_NEWLINK);
}

/**
 * lbr_stp_hold_expired_rtnl() - 8.7.8: send what the hold time held back
 * @p: port
 *
 * Context: RTNL held (the timer work).
 */
void lbr_stp_hold_expired_rtnl(struct lbr_port *p)
{
	ASSERT_RTNL();
	if (p->config_pending)
		lbr_stp_transmit_config(p);
}

/**
 * lbr_stp_port_left_rtnl() - an enabled port left the bridge: re-elect
 * @br: bridge
 * @was_root: whether the bridge was root before
 *
 * Context: RTNL held.
 */
void lbr_stp_port_left_rtnl(struct lbr_bridge *br, bool was_root)
{
	ASSERT_RTNL();
	if (lbr_rstp_running(br)) {
		lbr_rstp_port_left_rtnl(br);
		return;
	}
	if (!lbr_stp_settled(br))
		lbr_stp_reselect_rtnl(br, was_root);
}

/**
 * lbr_stp_enable_port_rtnl() - 8.8.1: a port's link and the bridge are up
 * @p: port, disabled
 *
 * Context: RTNL held.
 */
void lbr_stp_enable_port_rtnl(struct lbr_port *p)
{
	bool settled = lbr_stp_settled(p->br);

	ASSERT_RTNL();
	if (lbr_rstp_running(p->br)) {
		lbr_rstp_port_enable_rtnl(p);
		return;
	}
	lbr_port_become_designated(p);
	lbr_stp_set_state_rtnl(p, BR_STATE_BLOCKING);
	p->topology_change_ack = 0;
	p->config_pending = 0;
	if (settled) {
		lbr_stp_select_port_state(p);
		lbr_dev_update_carrier_rtnl(p->br);
	} else {
		lbr_stp_port_state_selection_rtnl(p->br);
	}
	lbr_netlink_port_notify(p, RTM_NEWLINK);
}

/**
 * lbr_stp_disable_port_rtnl() - 8.8.2: a port's link or the bridge went down
 * @p: port, enabled
 *
 * Its stations are forgotten; the others re-elect.
 *
 * Context: RTNL held.
 */
void lbr_stp_disable_port_rtnl(struct lbr_port *p)
{
	struct lbr_bridge *br = p->br;
	bool was_root = lbr_stp_is_root_bridge(br);

	ASSERT_RTNL();
	if (lbr_rstp_running(br)) {
		lbr_rstp_port_disable_rtnl(p);
		return;
	}
	lbr_port_become_designated(p);
	lbr_stp_set_state_rtnl(p, BR_STATE_DISABLED);
	p->topology_change_ack = 0;
	p->config_pending = 0;
	lbr_fdb_delete_by_port(br, p, false);
	lbr_netlink_port_notify(p, RTM_NEWLINK);
	lbr_stp_port_timers_stop_rtnl(p);
	if (lbr_stp_settled(br))
		lbr_dev_update_carrier_rtnl(br);
	else
		lbr_stp_reselect_rtnl(br, was_root);
}

static bool lbr_stp_port_link_up(const struct lbr_port *p)
{
	return netif_running(p->dev) && netif_oper_up(p->dev);
}

/**
 * lbr_stp_enable_bridge_rtnl() - 8.8.3-ish: the bridge came up
 * @br: bridge
 *
 * Context: RTNL held (ndo_open).
 */
void lbr_stp_enable_bridge_rtnl(struct lbr_bridge *br)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	/* RSTP's one-second tick rides on the hello timer. */
	if (br->stp_enabled == LBR_KERNEL_STP)
		lbr_stp_timer_start_rtnl(br, &br->hello_timer,
					 lbr_rstp_running(br) ? HZ :
					 br->hello_time);
	if (!lbr_rstp_running(br))
		lbr_stp_config_bpdu_generation(br);
	list_for_each_entry(p, &br->port_list, list)
		if (p->state == BR_STATE_DISABLED && lbr_stp_port_link_up(p))
			lbr_stp_enable_port_rtnl(p);
	lbr_dev_update_carrier_rtnl(br);
}

/**
 * lbr_stp_disable_bridge_rtnl() - the bridge went down: every port disabled
 * @br: bridge
 *
 * Context: RTNL held (ndo_stop).
 */
void lbr_stp_disable_bridge_rtnl(struct lbr_bridge *br)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	list_for_each_entry(p, &br->port_list, list)
		if (p->state != BR_STATE_DISABLED)
			lbr_stp_disable_port_rtnl(p);
	lbr_stp_set_topology_change(br, 0);
	br->topology_change_detected = 0;
	lbr_stp_timer_stop(&br->hello_timer);
	lbr_stp_timer_stop(&br->topology_change_timer);
	lbr_stp_timer_stop(&br->tcn_timer);
}

/**
 * lbr_stp_kernel_start_rtnl() - 802.1D takes the bridge: hello timer, states
 * @br: bridge, stp_enabled kernel
 *
 * Context: RTNL held.
 */
void lbr_stp_kernel_start_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	if (netif_running(br->dev))
		lbr_stp_timer_start_rtnl(br, &br->hello_timer, br->hello_time);
	lbr_stp_port_state_selection_rtnl(br);
}

/**
 * lbr_stp_reset_vectors_rtnl() - 802.1D's variables restart from "root"
 * @br: bridge RSTP ran on
 *
 * Own times, every port designated, no port left between states (the
 * caller's port state selection then moves them on).
 *
 * Context: RTNL held.
 */
void lbr_stp_reset_vectors_rtnl(struct lbr_bridge *br)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	br->designated_root = br->bridge_id;
	br->root_path_cost = 0;
	br->root_port = 0;
	br->max_age = br->bridge_max_age;
	br->hello_time = br->bridge_hello_time;
	br->forward_delay = br->bridge_forward_delay;
	br->topology_change = 0;
	br->topology_change_detected = 0;
	list_for_each_entry(p, &br->port_list, list) {
		lbr_port_become_designated(p);
		p->config_pending = 0;
		p->topology_change_ack = 0;
		if (p->state == BR_STATE_LEARNING ||
		    p->state == BR_STATE_LISTENING) {
			lbr_stp_set_state_rtnl(p, BR_STATE_BLOCKING);
			lbr_netlink_port_notify(p, RTM_NEWLINK);
		}
	}
}

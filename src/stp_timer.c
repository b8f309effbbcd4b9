// SPDX-License-Identifier: GPL-2.0
/* The STP timers and the works that run them and the received BPDUs. */

#include "lbridge/rstp.h"
#include "lbridge/stp.h"
#include "lbridge/types.h"

#include <linux/jiffies.h>
#include <linux/kfifo.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/workqueue.h>

/*
 * Every STP state change needs RTNL (port states feed the flood list,
 * listeners get RTM_NEWLINK), so timers are deadlines that one delayed
 * work per bridge runs under RTNL, and the datapath hands BPDUs to a
 * second work through a fifo (two works, so that a timer being set never
 * postpones a BPDU waiting to be handled).
 */

/* BPDUs one run handles before it lets others have RTNL. */
#define LBR_STP_RX_BUDGET	64

/* Make the timer work due at @when. */
static void lbr_stp_due(struct lbr_bridge *br, unsigned long when)
{
	long delay = (long)(when - jiffies);

	br->stp_next = when;
	mod_delayed_work(system_wq, &br->stp_timer_work,
			 delay > 0 ? delay : 0);
}

/**
 * lbr_stp_timer_start_rtnl() - (re)start an STP timer
 * @br: bridge that owns @t
 * @t: the timer
 * @delay: jiffies from now
 *
 * Context: RTNL held.
 */
void lbr_stp_timer_start_rtnl(struct lbr_bridge *br, struct lbr_stp_timer *t,
			      unsigned long delay)
{
	ASSERT_RTNL();
	t->expires = jiffies + delay;
	t->pending = true;
	if (!delayed_work_pending(&br->stp_timer_work) ||
	    time_before(t->expires, br->stp_next))
		lbr_stp_due(br, t->expires);
}

/**
 * lbr_stp_timer_stop() - stop an STP timer (the worker finds nothing due)
 * @t: the timer
 *
 * Context: RTNL held.
 */
void lbr_stp_timer_stop(struct lbr_stp_timer *t)
{
	t->pending = false;
}

/**
 * lbr_stp_timer_clock() - time left on a timer, as the ABI reports it
 * @t: the timer
 *
 * Context: RTNL held, or a racy read for display.
 * Return: centiseconds until @t fires, 0 when it is not running.
 */
unsigned long lbr_stp_timer_clock(const struct lbr_stp_timer *t)
{
	if (!READ_ONCE(t->pending))
		return 0;
	return jiffies_delta_to_clock_t(READ_ONCE(t->expires) - jiffies);
}

/**
 * lbr_stp_port_timers_stop_rtnl() - stop a port's three timers
 * @p: port
 *
 * Context: RTNL held.
 */
void lbr_stp_port_timers_stop_rtnl(struct lbr_port *p)
{
	ASSERT_RTNL();
	lbr_stp_timer_stop(&p->message_age_timer);
	lbr_stp_timer_stop(&p->forward_delay_timer);
	lbr_stp_timer_stop(&p->hold_timer);
}

/**
 * lbr_stp_timers_stop_all_rtnl() - stop every 802.1D timer of a bridge
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_stp_timers_stop_all_rtnl(struct lbr_bridge *br)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	lbr_stp_timer_stop(&br->hello_timer);
	lbr_stp_timer_stop(&br->tcn_timer);
	lbr_stp_timer_stop(&br->topology_change_timer);
	list_for_each_entry(p, &br->port_list, list)
		lbr_stp_port_timers_stop_rtnl(p);
}

/* True once if @t is due; it stops, its handler may restart it. */
static bool lbr_stp_timer_fire(struct lbr_stp_timer *t, unsigned long now)
{
	if (!t->pending || time_before(now, t->expires))
		return false;
	t->pending = false;
	return true;
}

static void lbr_stp_run_timers_rtnl(struct lbr_bridge *br)
{
	unsigned long now = jiffies;
	struct lbr_port *p, *n;

	if (lbr_stp_timer_fire(&br->hello_timer, now))
		lbr_stp_hello_expired_rtnl(br);
	if (lbr_stp_timer_fire(&br->tcn_timer, now))
		lbr_stp_tcn_expired_rtnl(br);
	if (lbr_stp_timer_fire(&br->topology_change_timer, now))
		lbr_stp_topology_change_expired_rtnl(br);
	/* A BPDU guard may disable ports, never remove them; be safe anyway. */
	list_for_each_entry_safe(p, n, &br->port_list, list) {
		if (lbr_stp_timer_fire(&p->message_age_timer, now))
			lbr_stp_message_age_expired_rtnl(p);
		if (lbr_stp_timer_fire(&p->forward_delay_timer, now))
			lbr_stp_forward_delay_expired_rtnl(p);
		if (lbr_stp_timer_fire(&p->hold_timer, now))
			lbr_stp_hold_expired_rtnl(p);
	}
}

/* Fold @t into the earliest deadline so far (*@when, valid if *@any). */
static void lbr_stp_earliest(const struct lbr_stp_timer *t,
			     unsigned long *when, bool *any)
{
	if (t->pending && (!*any || time_before(t->expires, *when))) {
		*when = t->expires;
		*any = true;
	}
}

/* The earliest running timer, if any, into *@when. */
static bool lbr_stp_next_due(struct lbr_bridge *br, unsigned long *when)
{
	bool any = false;
	struct lbr_port *p;

	lbr_stp_earliest(&br->hello_timer, when, &any);
	lbr_stp_earliest(&br->tcn_timer, when, &any);
	lbr_stp_earliest(&br->topology_change_timer, when, &any);
	list_for_each_entry(p, &br->port_list, list) {
		lbr_stp_earliest(&p->message_age_timer, when, &any);
		lbr_stp_earliest(&p->forward_delay_timer, when, &any);
		lbr_stp_earliest(&p->hold_timer, when, &any);
	}
	return any;
}

static void lbr_stp_timer_work(struct work_struct *work)
{
	struct lbr_bridge *br = container_of(to_delayed_work(work),
					     struct lbr_bridge, stp_timer_work);
	unsigned long when;

	rtnl_lock();
	/* Unregistering: the destructor cancels us; nothing is left to do. */
	if (br->dev->reg_state != NETREG_REGISTERED)
		goto unlock;
	lbr_stp_run_timers_rtnl(br);
	if (lbr_stp_next_due(br, &when))
		lbr_stp_due(br, when);
unlock:
	rtnl_unlock();
}

static void lbr_stp_rx_work(struct work_struct *work)
{
	struct lbr_bridge *br = container_of(to_delayed_work(work),
					     struct lbr_bridge, stp_rx_work);
	bool more = false;

	rtnl_lock();
	if (br->dev->reg_state == NETREG_REGISTERED)
		lbr_stp_rx_drain_rtnl(br, LBR_STP_RX_BUDGET, &more);
	rtnl_unlock();
	if (more)
		queue_delayed_work(system_wq, &br->stp_rx_work, 0);
}

/**
 * lbr_stp_kick() - have the BPDU work look at the fifo
 * @br: bridge
 *
 * Context: any (the datapath after queueing a BPDU).
 */
void lbr_stp_kick(struct lbr_bridge *br)
{
	/*
	 * A tick later, not at once: the BPDUs of that tick then share one
	 * run under RTNL, and a port's identical ones fold into one.
	 */
	queue_delayed_work(system_wq, &br->stp_rx_work, 1);
}

/**
 * lbr_stp_bridge_init() - STP defaults and the worker of a new bridge
 * @br: bridge, being set up
 *
 * Context: lbr_dev_setup().
 */
void lbr_stp_bridge_init(struct lbr_bridge *br)
{
	INIT_DELAYED_WORK(&br->stp_timer_work, lbr_stp_timer_work);
	INIT_DELAYED_WORK(&br->stp_rx_work, lbr_stp_rx_work);
	INIT_KFIFO(br->stp_rx);
	spin_lock_init(&br->stp_rx_lock);
	atomic_long_set(&br->stp_rx_dropped, 0);
	atomic_long_set(&br->stp_rx_invalid, 0);
	br->stp_protocol = LBR_STP_PROTO_STP;
	br->tx_hold_count = LBR_RSTP_TX_HOLD_DEF;
}

/**
 * lbr_stp_bridge_destroy() - wait out the works before the bridge is freed
 * @br: bridge, unregistered
 *
 * The works take RTNL, so this runs where RTNL is not held: the device's
 * destructor (netdev_run_todo); or a failed registration, before either
 * work could have been queued.
 *
 * Context: process.
 */
void lbr_stp_bridge_destroy(struct lbr_bridge *br)
{
	cancel_delayed_work_sync(&br->stp_rx_work);
	cancel_delayed_work_sync(&br->stp_timer_work);
	kfifo_reset(&br->stp_rx);
}

// SPDX-License-Identifier: GPL-2.0
/* STP settings: a new bridge id or priority, port priority and cost, user-set states. */

#include "lbridge/rstp.h"
#include "lbridge/stp.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/rtnetlink.h>

#include "lbridge/fdb.h"
#include "lbridge/port.h"

/**
 * lbr_stp_change_bridge_id_rtnl() - the bridge MAC (and so its id) changed
 * @br: bridge, bridge_id.addr already the new MAC
 * @old_addr: the previous MAC
 *
 * Vectors naming the old id name the new one; then re-elect.
 *
 * Context: RTNL held.
 */
void lbr_stp_change_bridge_id_rtnl(struct lbr_bridge *br, const u8 *old_addr)
{
	bool was_root = ether_addr_equal(br->designated_root.addr, old_addr) &&
			!memcmp(br->designated_root.prio, br->bridge_id.prio,
				sizeof(br->bridge_id.prio));
	struct lbr_port *p;

	ASSERT_RTNL();
	if (lbr_rstp_running(br)) {
		lbr_rstp_reconfigure_rtnl(br);
		return;
	}
	list_for_each_entry(p, &br->port_list, list) {
		if (ether_addr_equal(p->designated_bridge.addr, old_addr))
			ether_addr_copy(p->designated_bridge.addr,
					br->bridge_id.addr);
		if (ether_addr_equal(p->designated_root.addr, old_addr))
			ether_addr_copy(p->designated_root.addr,
					br->bridge_id.addr);
	}
	lbr_stp_reselect_rtnl(br, was_root);
}

/**
 * lbr_stp_set_bridge_priority_rtnl() - new bridge priority, re-elect
 * @br: bridge
 * @prio: the priority
 *
 * Context: RTNL held.
 */
void lbr_stp_set_bridge_priority_rtnl(struct lbr_bridge *br, u16 prio)
{
	bool was_root = lbr_stp_is_root_bridge(br);
	struct lbr_port *p;

	ASSERT_RTNL();
	if (lbr_rstp_running(br)) {
		br->bridge_id.prio[0] = prio >> 8;
		br->bridge_id.prio[1] = prio & 0xff;
		lbr_rstp_reconfigure_rtnl(br);
		return;
	}
	list_for_each_entry(p, &br->port_list, list) {
		if (p->state != BR_STATE_DISABLED && lbr_port_is_designated(p)) {
			p->designated_bridge.prio[0] = prio >> 8;
			p->designated_bridge.prio[1] = prio & 0xff;
		}
	}
	br->bridge_id.prio[0] = prio >> 8;
	br->bridge_id.prio[1] = prio & 0xff;
	lbr_stp_reselect_rtnl(br, was_root);
}

/**
 * lbr_stp_set_port_priority_rtnl() - new port priority (and so port id)
 * @p: port
 * @prio: priority, in range
 *
 * Context: RTNL held.
 */
void lbr_stp_set_port_priority_rtnl(struct lbr_port *p, u8 prio)
{
	u16 id = lbr_port_make_id(prio, p->port_no);

	ASSERT_RTNL();
	if (lbr_port_is_designated(p))
		p->designated_port = id;
	p->port_id = id;
	p->priority = prio;
	if (lbr_rstp_running(p->br)) {
		lbr_rstp_reconfigure_rtnl(p->br);
		return;
	}
	/* 8.6.2: a better id on this bridge's segment wins it. */
	if (!lbr_stp_id_cmp(&p->br->bridge_id, &p->designated_bridge) &&
	    p->port_id < p->designated_port) {
		lbr_port_become_designated(p);
		lbr_stp_port_state_selection_rtnl(p->br);
	}
}

/**
 * lbr_stp_set_path_cost_rtnl() - new path cost, re-elect
 * @p: port
 * @cost: the cost, in range
 *
 * Context: RTNL held.
 */
void lbr_stp_set_path_cost_rtnl(struct lbr_port *p, u32 cost)
{
	ASSERT_RTNL();
	p->path_cost = cost;
	if (lbr_rstp_running(p->br)) {
		lbr_rstp_reconfigure_rtnl(p->br);
		return;
	}
	lbr_stp_configuration_update_rtnl(p->br);
	lbr_stp_port_state_selection_rtnl(p->br);
}

/**
 * lbr_stp_user_set_state_rtnl() - a port state set from user space
 * @p: port (kernel STP is not running)
 * @state: BR_STATE_*
 *
 * Context: RTNL held.
 */
void lbr_stp_user_set_state_rtnl(struct lbr_port *p, u8 state)
{
	ASSERT_RTNL();
	lbr_stp_set_state_rtnl(p, state);
	if (state == BR_STATE_DISABLED)
		lbr_fdb_delete_by_port(p->br, p, false);
	lbr_stp_port_state_selection_rtnl(p->br);
}

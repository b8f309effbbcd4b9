// SPDX-License-Identifier: GPL-2.0
/* RSTP settings (protocol, TxHoldCount, edge and point-to-point) and the port view reported. */

#include "lbridge/rstp_internal.h"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

/**
 * lbr_rstp_set_protocol_rtnl() - which protocol kernel STP runs
 * @br: bridge
 * @proto: enum lbr_stp_protocol
 * @extack: netlink extended ack
 *
 * Takes effect at once if kernel STP runs, else when it starts.
 *
 * Context: RTNL held.
 * Return: 0 or -EINVAL.
 */
int lbr_rstp_set_protocol_rtnl(struct lbr_bridge *br, u8 proto,
			       struct netlink_ext_ack *extack)
{
	bool kernel = br->stp_enabled == LBR_KERNEL_STP;

	ASSERT_RTNL();
	if (proto != LBR_STP_PROTO_STP && proto != LBR_STP_PROTO_RSTP) {
		NL_SET_ERR_MSG_MOD(extack, "STP protocol must be 0 (STP) or 2 (RSTP)");
		return -EINVAL;
	}
	if (proto == br->stp_protocol)
		return 0;
	if (kernel && lbr_rstp_running(br))
		lbr_rstp_stop_rtnl(br);
	WRITE_ONCE(br->stp_protocol, proto);
	if (!kernel)
		return 0;
	if (proto == LBR_STP_PROTO_RSTP)
		lbr_rstp_start_rtnl(br);
	else
		lbr_stp_kernel_start_rtnl(br);
	return 0;
}

/**
 * lbr_rstp_set_tx_hold_count_rtnl() - TxHoldCount (17.13.12)
 * @br: bridge
 * @count: BPDUs a port may send per second
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0 or -ERANGE.
 */
int lbr_rstp_set_tx_hold_count_rtnl(struct lbr_bridge *br, u32 count,
				    struct netlink_ext_ack *extack)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	if (count < LBR_RSTP_TX_HOLD_MIN || count > LBR_RSTP_TX_HOLD_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "TxHoldCount must be 1 to 10");
		return -ERANGE;
	}
	br->tx_hold_count = count;
	/* 17.13.12: a change resets every port's txCount */
	list_for_each_entry(p, &br->port_list, list)
		p->rstp.tx_count = 0;
	if (lbr_rstp_running(br))
		lbr_rstp_run_rtnl(br);
	return 0;
}

/**
 * lbr_rstp_port_set_admin_edge_rtnl() - AdminEdge (17.13.1)
 * @p: port
 * @on: the port is an edge port
 *
 * Applies at once: the port's edge detection restarts from it.
 *
 * Context: RTNL held.
 */
void lbr_rstp_port_set_admin_edge_rtnl(struct lbr_port *p, bool on)
{
	ASSERT_RTNL();
	p->rstp.admin_edge = on;
	if (!lbr_rstp_running(p->br))
		return;
	p->rstp.bdm = on ? LBR_BDM_EDGE : LBR_BDM_NOT_EDGE;
	p->rstp.oper_edge = on;
	lbr_rstp_run_rtnl(p->br);
}

/**
 * lbr_rstp_port_set_auto_edge_rtnl() - AutoEdge (17.13.3)
 * @p: port
 * @on: a designated port that hears no BPDU becomes an edge port
 *
 * Context: RTNL held.
 */
void lbr_rstp_port_set_auto_edge_rtnl(struct lbr_port *p, bool on)
{
	ASSERT_RTNL();
	p->rstp.auto_edge = on;
	if (lbr_rstp_running(p->br))
		lbr_rstp_run_rtnl(p->br);
}

/**
 * lbr_rstp_port_set_admin_p2p_rtnl() - adminPointToPointMAC
 * @p: port
 * @mode: enum lbr_p2p
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0 or -EINVAL.
 */
int lbr_rstp_port_set_admin_p2p_rtnl(struct lbr_port *p, u8 mode,
				     struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (mode > LBR_P2P_NO) {
		NL_SET_ERR_MSG_MOD(extack, "point-to-point must be auto, yes or no");
		return -EINVAL;
	}
	p->rstp.admin_p2p = mode;
	lbr_rstp_oper_p2p_update_rtnl(p);
	if (lbr_rstp_running(p->br))
		lbr_rstp_run_rtnl(p->br);
	return 0;
}

/**
 * lbr_rstp_port_mcheck_rtnl() - mcheck (17.19.13): try RSTP again
 * @p: port
 * @extack: netlink extended ack
 *
 * Context: RTNL held.
 * Return: 0, or -EOPNOTSUPP when RSTP does not run on the bridge.
 */
int lbr_rstp_port_mcheck_rtnl(struct lbr_port *p,
			      struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (!lbr_rstp_running(p->br)) {
		NL_SET_ERR_MSG_MOD(extack, "mcheck needs RSTP running");
		return -EOPNOTSUPP;
	}
	p->rstp.mcheck = true;
	lbr_rstp_run_rtnl(p->br);
	return 0;
}

/* Under 802.1D (or no STP): the role its state and vectors say. */
static u8 lbr_rstp_stp_role(const struct lbr_port *p)
{
	const struct lbr_bridge *br = p->br;

	if (p->state == BR_STATE_DISABLED)
		return LBR_ROLE_DISABLED;
	if (p->port_no == br->root_port)
		return LBR_ROLE_ROOT;
	if (!memcmp(&p->designated_bridge, &br->bridge_id,
		    sizeof(br->bridge_id)) &&
	    p->designated_port == p->port_id)
		return LBR_ROLE_DESIGNATED;
	return LBR_ROLE_ALTERNATE;
}

/**
 * lbr_rstp_port_info_rtnl() - a port's RSTP view
 * @p: port
 * @info: filled in
 *
 * Context: RTNL held.
 */
void lbr_rstp_port_info_rtnl(const struct lbr_port *p,
			     struct lbr_rstp_port_info *info)
{
	const struct lbr_rstp_port *r = &p->rstp;
	bool rstp = lbr_rstp_running(p->br);

	ASSERT_RTNL();
	info->role = rstp ? r->role : lbr_rstp_stp_role(p);
	info->admin_edge = r->admin_edge;
	info->auto_edge = r->auto_edge;
	info->oper_edge = rstp && r->oper_edge;
	info->admin_p2p = r->admin_p2p;
	info->oper_p2p = r->oper_p2p;
	info->send_rstp = rstp && r->send_rstp;
	info->rx_rst_bpdu = r->rx_rst_bpdu;
	info->tx_rst_bpdu = r->tx_rst_bpdu;
}

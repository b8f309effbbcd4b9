/* SPDX-License-Identifier: GPL-2.0 */
/* RSTP (802.1D-2004 clause 17): the state machines and their controls. */
#ifndef _LBR_RSTP_H
#define _LBR_RSTP_H

#include <linux/types.h>

#include "lbridge/types.h"
#include "lbridge/uapi.h"

struct netlink_ext_ack;

/* RST BPDU type (802.1D-2004 9.3.3) */
#define LBR_BPDU_RST		0x02

/* 17.13: MigrateTime, and TxHoldCount's default and range */
#define LBR_RSTP_MIGRATE_TIME	3
#define LBR_RSTP_TX_HOLD_DEF	6
#define LBR_RSTP_TX_HOLD_MIN	1
#define LBR_RSTP_TX_HOLD_MAX	10

/* RST BPDU flags (9.3.3) */
#define LBR_RSTP_FLAG_TC	0x01
#define LBR_RSTP_FLAG_PROPOSAL	0x02
#define LBR_RSTP_ROLE_SHIFT	2
#define LBR_RSTP_ROLE_MASK	0x0c
#define LBR_RSTP_FLAG_LEARNING	0x10
#define LBR_RSTP_FLAG_FORWARDING 0x20
#define LBR_RSTP_FLAG_AGREEMENT	0x40
#define LBR_RSTP_FLAG_TC_ACK	0x80

/**
 * lbr_rstp_running() - is RSTP the protocol kernel STP runs now?
 * @br: bridge
 *
 * Context: RTNL held, or READ_ONCE-safe for the datapath.
 */
static inline bool lbr_rstp_running(const struct lbr_bridge *br)
{
	return READ_ONCE(br->stp_enabled) == LBR_KERNEL_STP &&
	       READ_ONCE(br->stp_protocol) == LBR_STP_PROTO_RSTP;
}

/**
 * struct lbr_rstp_port_info - a port's RSTP view, for the control interface
 * @role: enum lbr_port_role (derived from the 802.1D state under STP)
 * @admin_edge: AdminEdge
 * @auto_edge: AutoEdge
 * @oper_edge: operEdge
 * @admin_p2p: enum lbr_p2p
 * @oper_p2p: operPointToPointMAC
 * @send_rstp: the port talks RSTP (0: fell back to STP, or STP runs)
 * @rx_rst_bpdu: RST BPDUs received
 * @tx_rst_bpdu: RST BPDUs sent
 */
struct lbr_rstp_port_info {
	u8	role;
	u8	admin_edge;
	u8	auto_edge;
	u8	oper_edge;
	u8	admin_p2p;
	u8	oper_p2p;
	u8	send_rstp;
	u64	rx_rst_bpdu;
	u64	tx_rst_bpdu;
};

/* rstp.c: the machines (called by stp.c, stp_mode.c, stp_bpdu.c) */
void lbr_rstp_start_rtnl(struct lbr_bridge *br);
void lbr_rstp_stop_rtnl(struct lbr_bridge *br);
void lbr_rstp_port_enable_rtnl(struct lbr_port *p);
void lbr_rstp_port_disable_rtnl(struct lbr_port *p);
void lbr_rstp_port_left_rtnl(struct lbr_bridge *br);
void lbr_rstp_reconfigure_rtnl(struct lbr_bridge *br);
void lbr_rstp_received_rtnl(struct lbr_port *p, const struct lbr_stp_msg *m);
void lbr_rstp_tick_rtnl(struct lbr_bridge *br);

/* rstp_config.c: the settings, for the generic netlink family */
int lbr_rstp_set_protocol_rtnl(struct lbr_bridge *br, u8 proto,
			       struct netlink_ext_ack *extack);
int lbr_rstp_set_tx_hold_count_rtnl(struct lbr_bridge *br, u32 count,
				    struct netlink_ext_ack *extack);
void lbr_rstp_port_set_admin_edge_rtnl(struct lbr_port *p, bool on);
void lbr_rstp_port_set_auto_edge_rtnl(struct lbr_port *p, bool on);
int lbr_rstp_port_set_admin_p2p_rtnl(struct lbr_port *p, u8 mode,
				     struct netlink_ext_ack *extack);
int lbr_rstp_port_mcheck_rtnl(struct lbr_port *p,
			      struct netlink_ext_ack *extack);
void lbr_rstp_port_info_rtnl(const struct lbr_port *p,
			     struct lbr_rstp_port_info *info);

#endif /* _LBR_RSTP_H */

/* SPDX-License-Identifier: GPL-2.0 */
/* RSTP (802.1D-2004 clause 17) per-port and per-bridge variables. */
#ifndef _LBR_RSTP_TYPES_H
#define _LBR_RSTP_TYPES_H

#include <linux/if_ether.h>
#include <linux/types.h>

/**
 * struct lbr_bridge_id - bridge identifier as on the wire
 * @prio: priority, big-endian
 * @addr: MAC address
 */
struct lbr_bridge_id {
	u8	prio[2];
	u8	addr[ETH_ALEN];
};

/**
 * struct lbr_rstp_vector - a priority vector (17.6), compared in member order
 * @root: root bridge id
 * @cost: root path cost
 * @bridge: designated bridge id
 * @port: designated port id
 * @rx_port: the receiving (or own) port id, the last tie-break
 */
struct lbr_rstp_vector {
	struct lbr_bridge_id	root;
	u32			cost;
	struct lbr_bridge_id	bridge;
	u16			port;
	u16			rx_port;
};

/**
 * struct lbr_rstp_times - the times a BPDU carries (17.13), in seconds
 * @message_age: age of the root's information
 * @max_age: when it is too old
 * @forward_delay: forward delay
 * @hello_time: hello time
 */
struct lbr_rstp_times {
	u16	message_age;
	u16	max_age;
	u16	forward_delay;
	u16	hello_time;
};

/**
 * struct lbr_rstp_port - one port's RSTP variables (17.17, 17.19)
 *
 * All RTNL: the state machines run only from the STP works and control
 * paths, which hold it.  The admin_* settings persist across protocol
 * changes; everything else is reset when RSTP (re)starts on the port.
 * Timers count whole seconds, decremented by the bridge's one-second
 * tick.  Names follow the standard's variables.
 */
struct lbr_rstp_port {
	/* administrative settings */
	u8	admin_edge;
	u8	auto_edge;
	u8	admin_p2p;
	/* the machines' states */
	u8	prx, ppm, bdm, ptx, pim, prt, pst, tcm;
	/* 17.17 timers */
	u16	edge_delay_while;
	u16	fd_while;
	u16	hello_when;
	u16	mdelay_while;
	u16	rb_while;
	u16	rcvd_info_while;
	u16	rr_while;
	u16	tc_while;
	/* 17.19 */
	u8	info_is;
	u8	rcvd_info;
	u8	role;
	u8	selected_role;
	u8	tx_count;
	u8	msg_type;
	u8	msg_flags;
	bool	agree, agreed, disputed, fdb_flush, forward, forwarding;
	bool	learn, learning, mcheck, new_info, oper_edge, oper_p2p;
	bool	port_enabled, proposed, proposing, rcvd_bpdu, rcvd_msg;
	bool	rcvd_rstp, rcvd_stp, rcvd_tc, rcvd_tc_ack, rcvd_tcn;
	bool	re_root, reselect, selected, send_rstp, sync, synced;
	bool	tc_ack, tc_prop, updt_info;
	struct lbr_rstp_vector	designated_prio;
	struct lbr_rstp_vector	msg_prio;
	struct lbr_rstp_vector	port_prio;
	struct lbr_rstp_times	designated_times;
	struct lbr_rstp_times	msg_times;
	struct lbr_rstp_times	port_times;
	/* counters */
	u64	rx_rst_bpdu;
	u64	tx_rst_bpdu;
};

/**
 * struct lbr_rstp_bridge - the bridge's RSTP variables (17.18)
 * @root_prio: rootPriority
 * @root_port_id: rootPortId
 * @root_times: rootTimes
 * @bridge_times: BridgeTimes, from the configured timers
 * @begin: BEGIN, while the machines initialise
 *
 * RTNL.
 */
struct lbr_rstp_bridge {
	struct lbr_rstp_vector	root_prio;
	u16			root_port_id;
	struct lbr_rstp_times	root_times;
	struct lbr_rstp_times	bridge_times;
	bool			begin;
};

#endif /* _LBR_RSTP_TYPES_H */

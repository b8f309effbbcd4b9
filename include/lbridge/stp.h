/* SPDX-License-Identifier: GPL-2.0 */
/* 802.1D spanning tree: the protocol machine, its timers and its BPDUs. */
#ifndef _LBR_STP_H
#define _LBR_STP_H

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/string.h>
#include <linux/types.h>

#include "lbridge/types.h"

struct netlink_ext_ack;
struct sk_buff;

/* BPDU types (802.1D 9.3) */
#define LBR_BPDU_CONFIG		0x00
#define LBR_BPDU_TCN		0x80

/* 802.1D-2004 Table 17-1 ranges (in-tree's), in jiffies; path cost 8.5.5.3 */
#define LBR_MIN_HELLO_TIME	(1 * HZ)
#define LBR_MAX_HELLO_TIME	(10 * HZ)
#define LBR_MIN_FORWARD_DELAY	(2 * HZ)
#define LBR_MAX_FORWARD_DELAY	(30 * HZ)
#define LBR_MIN_MAX_AGE		(6 * HZ)
#define LBR_MAX_MAX_AGE		(40 * HZ)
#define LBR_MIN_PATH_COST	1
#define LBR_MAX_PATH_COST	65535

/* 802.1D-1998 Table 8-3 hold time */
#define LBR_STP_HOLD_TIME	(1 * HZ)

/* The port id keeps 10 bits of the port number: STP runs up to 1023. */
#define LBR_STP_MAX_PORT_NO	1023

/* BPDU times are in 1/256 s. */
#define LBR_STP_HZ		256

static inline unsigned long lbr_stp_ticks_to_jiffies(u16 ticks)
{
	return DIV_ROUND_UP((unsigned long)ticks * HZ, LBR_STP_HZ);
}

static inline u16 lbr_stp_jiffies_to_ticks(unsigned long j)
{
	return min_t(unsigned long, j * LBR_STP_HZ / HZ, U16_MAX);
}

/* Compare two bridge ids (wire order: priority, then MAC). */
static inline int lbr_stp_id_cmp(const struct lbr_bridge_id *a,
				 const struct lbr_bridge_id *b)
{
	return memcmp(a, b, sizeof(*a));
}

/* stp.c: the protocol (802.1D-1998 clause 8) */
bool lbr_stp_is_root_bridge(const struct lbr_bridge *br);
void lbr_stp_enable_bridge_rtnl(struct lbr_bridge *br);
void lbr_stp_disable_bridge_rtnl(struct lbr_bridge *br);
void lbr_stp_enable_port_rtnl(struct lbr_port *p);
void lbr_stp_disable_port_rtnl(struct lbr_port *p);
void lbr_stp_port_left_rtnl(struct lbr_bridge *br, bool was_root);
void lbr_stp_port_state_selection_rtnl(struct lbr_bridge *br);
void lbr_stp_set_state_rtnl(struct lbr_port *p, u8 state);
void lbr_stp_configuration_update_rtnl(struct lbr_bridge *br);
void lbr_stp_reselect_rtnl(struct lbr_bridge *br, bool was_root);
void lbr_stp_kernel_start_rtnl(struct lbr_bridge *br);
void lbr_stp_reset_vectors_rtnl(struct lbr_bridge *br);
/* stp_config.c: settings that change the election */
void lbr_stp_change_bridge_id_rtnl(struct lbr_bridge *br, const u8 *old_addr);
void lbr_stp_set_bridge_priority_rtnl(struct lbr_bridge *br, u16 prio);
void lbr_stp_set_port_priority_rtnl(struct lbr_port *p, u8 prio);
void lbr_stp_set_path_cost_rtnl(struct lbr_port *p, u32 cost);
void lbr_stp_user_set_state_rtnl(struct lbr_port *p, u8 state);
void lbr_stp_received_config_rtnl(struct lbr_port *p,
				  const struct lbr_stp_msg *m);
void lbr_stp_received_tcn_rtnl(struct lbr_port *p, const struct lbr_stp_msg *m);
void lbr_stp_hello_expired_rtnl(struct lbr_bridge *br);
void lbr_stp_tcn_expired_rtnl(struct lbr_bridge *br);
void lbr_stp_topology_change_expired_rtnl(struct lbr_bridge *br);
void lbr_stp_message_age_expired_rtnl(struct lbr_port *p);
void lbr_stp_forward_delay_expired_rtnl(struct lbr_port *p);
void lbr_stp_hold_expired_rtnl(struct lbr_port *p);

/* stp_mode.c: on and off, kernel or user space */
int lbr_stp_set_enabled_rtnl(struct lbr_bridge *br, unsigned long val,
			     struct netlink_ext_ack *extack);
int lbr_stp_check_mode_rtnl(const struct lbr_bridge *br, u32 mode,
			    bool stopping, struct netlink_ext_ack *extack);

/* stp_timer.c: timers on one worker per bridge */
void lbr_stp_bridge_init(struct lbr_bridge *br);
void lbr_stp_bridge_destroy(struct lbr_bridge *br);
void lbr_stp_timer_start_rtnl(struct lbr_bridge *br, struct lbr_stp_timer *t,
			      unsigned long delay);
void lbr_stp_timer_stop(struct lbr_stp_timer *t);
unsigned long lbr_stp_timer_clock(const struct lbr_stp_timer *t);
void lbr_stp_port_timers_stop_rtnl(struct lbr_port *p);
void lbr_stp_timers_stop_all_rtnl(struct lbr_bridge *br);
void lbr_stp_kick(struct lbr_bridge *br);

/* stp_bpdu.c: receive (datapath), decode (worker), transmit */
rx_handler_result_t lbr_stp_rcv(struct lbr_port *p, struct sk_buff *skb);
void lbr_stp_rx_drain_rtnl(struct lbr_bridge *br, unsigned int budget,
			   bool *more);
void lbr_stp_send_config_rtnl(struct lbr_port *p, const struct lbr_stp_msg *m);
void lbr_stp_send_tcn_rtnl(struct lbr_port *p);
bool lbr_stp_send_rst_rtnl(struct lbr_port *p, const struct lbr_stp_msg *m);

#endif /* _LBR_STP_H */

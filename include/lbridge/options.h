/* SPDX-License-Identifier: GPL-2.0 */
/* Bridge and port settings shared by the sysfs, ioctl and netlink paths. */
#ifndef _LBR_OPTIONS_H
#define _LBR_OPTIONS_H

#include <linux/types.h>

struct lbr_bridge;
struct lbr_bridge_id;
struct lbr_port;
struct netlink_ext_ack;
struct timer_list;

/* Times are in clock_t (centiseconds), as every control path carries them. */
int lbr_set_forward_delay(struct lbr_bridge *br, unsigned long t,
			  struct netlink_ext_ack *extack);
int lbr_set_hello_time(struct lbr_bridge *br, unsigned long t,
		       struct netlink_ext_ack *extack);
int lbr_set_max_age(struct lbr_bridge *br, unsigned long t,
		    struct netlink_ext_ack *extack);
int lbr_set_ageing_time(struct lbr_bridge *br, unsigned long t,
			struct netlink_ext_ack *extack);
int lbr_set_stp_state(struct lbr_bridge *br, unsigned long val,
		      struct netlink_ext_ack *extack);
int lbr_set_stp_mode(struct lbr_bridge *br, unsigned long mode,
		     struct netlink_ext_ack *extack);
int lbr_set_bridge_priority(struct lbr_bridge *br, unsigned long prio,
			    struct netlink_ext_ack *extack);
int lbr_set_group_fwd_mask(struct lbr_bridge *br, unsigned long mask,
			   struct netlink_ext_ack *extack);
int lbr_set_group_addr(struct lbr_bridge *br, const u8 *addr,
		       struct netlink_ext_ack *extack);
int lbr_set_fdb_max_learned(struct lbr_bridge *br, unsigned long max,
			    struct netlink_ext_ack *extack);
int lbr_set_no_ll_learn(struct lbr_bridge *br, bool on);
int lbr_set_nf_call_iptables_rtnl(struct lbr_bridge *br, unsigned long val,
				  struct netlink_ext_ack *extack);
int lbr_set_nf_call_ip6tables_rtnl(struct lbr_bridge *br, unsigned long val,
				   struct netlink_ext_ack *extack);
int lbr_set_nf_call_arptables_rtnl(struct lbr_bridge *br, unsigned long val,
				   struct netlink_ext_ack *extack);

int lbr_port_set_flag(struct lbr_port *p, unsigned long flag, bool on,
		      struct netlink_ext_ack *extack);
int lbr_port_set_path_cost(struct lbr_port *p, unsigned long cost,
			   struct netlink_ext_ack *extack);
int lbr_port_set_priority(struct lbr_port *p, unsigned long prio,
			  struct netlink_ext_ack *extack);
int lbr_port_set_state(struct lbr_port *p, unsigned long state,
		       struct netlink_ext_ack *extack);
int lbr_port_set_group_fwd_mask(struct lbr_port *p, unsigned long mask,
				struct netlink_ext_ack *extack);

/* Centisecond/jiffies conversions with the clamping the ABI expects. */
unsigned long lbr_clock_to_jiffies(unsigned long t);
unsigned long lbr_jiffies_to_clock(unsigned long j);
unsigned long lbr_timer_clock(const struct timer_list *timer);
void lbr_format_bridge_id(char *buf, const struct lbr_bridge_id *id);

#endif /* _LBR_OPTIONS_H */

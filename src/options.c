// SPDX-License-Identifier: GPL-2.0
/* Bridge and port settings: one setter per knob for sysfs, ioctl, netlink. */

#include "lbridge/options.h"
#include "lbridge/rstp.h"
#include "lbridge/vlan.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/jiffies.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/times.h>

#include "lbridge/device.h"
#include "lbridge/fdb.h"
#include "lbridge/forward.h"
#include "lbridge/netlink.h"
#include "lbridge/port.h"
#include "lbridge/stp.h"

/*
 * Out-of-range values get in-tree's errno and, as in-tree, no extack
 * message: clients then print the same text for either bridge.
 */

/* STP, pause and LACP groups may never be forwarded bridge-wide. */
#define LBR_GROUPFWD_RESTRICTED	(BIT(0) | BIT(1) | BIT(2))
/* Pause frames may never be forwarded, not even per port. */
#define LBR_GROUPFWD_PAUSE	BIT(1)

/* Port flags whose behaviour lbridge implements. */
#define LBR_PORT_FLAGS_SUPPORTED (BR_LEARNING | BR_FLOOD | BR_MCAST_FLOOD | \
				  BR_BCAST_FLOOD | BR_HAIRPIN_MODE | \
				  BR_ISOLATED | BR_VLAN_TUNNEL | \
				  BR_BPDU_GUARD | BR_ROOT_BLOCK | \
				  BR_MULTICAST_FAST_LEAVE | \
				  BR_MULTICAST_TO_UNICAST)

unsigned long lbr_clock_to_jiffies(unsigned long t)
{
	return clock_t_to_jiffies(t);
}

unsigned long lbr_jiffies_to_clock(unsigned long j)
{
	return jiffies_to_clock_t(j);
}

/* Time left on a kernel timer in clock_t, 0 when idle (the gc_timer ABI). */
unsigned long lbr_timer_clock(const struct timer_list *timer)
{
	if (!timer_pending(timer))
		return 0;
	return jiffies_delta_to_clock_t(READ_ONCE(timer->expires) - jiffies);
}

/* Format shared by sysfs and brctl: "8000.001122334455". */
void lbr_format_bridge_id(char *buf, const struct lbr_bridge_id *id)
{
	sprintf(buf, "%.2x%.2x.%pm", id->prio[0], id->prio[1], id->addr);
}

int lbr_set_forward_delay(struct lbr_bridge *br, unsigned long t,
			  struct netlink_ext_ack *extack)
{
	unsigned long j = lbr_clock_to_jiffies(t);

	ASSERT_RTNL();
	/* The range only binds while STP runs, as in-tree. */
	if (br->stp_enabled != LBR_NO_STP &&
	    (j < LBR_MIN_FORWARD_DELAY || j > LBR_MAX_FORWARD_DELAY))
		return -ERANGE;
	br->bridge_forward_delay = j;
	if (lbr_stp_is_root_bridge(br))
		br->forward_delay = j;
	if (lbr_rstp_running(br))
		lbr_rstp_reconfigure_rtnl(br);
	return 0;
}

int lbr_set_hello_time(struct lbr_bridge *br, unsigned long t,
		       struct netlink_ext_ack *extack)
{
	unsigned long j = lbr_clock_to_jiffies(t);

	ASSERT_RTNL();
	if (j < LBR_MIN_HELLO_TIME || j > LBR_MAX_HELLO_TIME)
		return -ERANGE;
	br->bridge_hello_time = j;
	if (lbr_stp_is_root_bridge(br))
		br->hello_time = j;
	if (lbr_rstp_running(br))
		lbr_rstp_reconfigure_rtnl(br);
	return 0;
}

int lbr_set_max_age(struct lbr_bridge *br, unsigned long t,
		    struct netlink_ext_ack *extack)
{
	unsigned long j = lbr_clock_to_jiffies(t);

	ASSERT_RTNL();
	if (j < LBR_MIN_MAX_AGE || j > LBR_MAX_MAX_AGE)
		return -ERANGE;
	br->bridge_max_age = j;
	if (lbr_stp_is_root_bridge(br))
		br->max_age = j;
	if (lbr_rstp_running(br))
		lbr_rstp_reconfigure_rtnl(br);
	return 0;
}

int lbr_set_ageing_time(struct lbr_bridge *br, unsigned long t,
			struct netlink_ext_ack *extack)
{
	unsigned long j = lbr_clock_to_jiffies(t);

	ASSERT_RTNL();
	br->bridge_ageing_time = j;
	WRITE_ONCE(br->ageing_time, j);
	/* Entries may have become stale (or fresh): rescan now. */
	lbr_fdb_gc_start(br);
	return 0;
}

int lbr_set_fdb_max_learned(struct lbr_bridge *br, unsigned long max,
			    struct netlink_ext_ack *extack)
{
	/* sysfs parses an unsigned long; the netlink attribute is a u32. */
	if (max > U32_MAX)
		return -ERANGE;
	lbr_fdb_set_max_learned_rtnl(br, max);
	return 0;
}

int lbr_set_stp_state(struct lbr_bridge *br, unsigned long val,
		      struct netlink_ext_ack *extack)
{
	return lbr_stp_set_enabled_rtnl(br, val, extack);
}

/* The caller checked the change is allowed (lbr_stp_check_mode_rtnl()). */
int lbr_set_stp_mode(struct lbr_bridge *br, unsigned long mode,
		     struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	br->stp_mode = mode;
	return 0;
}

int lbr_set_bridge_priority(struct lbr_bridge *br, unsigned long prio,
			    struct netlink_ext_ack *extack)
{
	lbr_stp_set_bridge_priority_rtnl(br, prio);
	return 0;
}

int lbr_set_group_fwd_mask(struct lbr_bridge *br, unsigned long mask,
			   struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (mask & LBR_GROUPFWD_RESTRICTED)
		return -EINVAL;
	WRITE_ONCE(br->group_fwd_mask, (u16)mask);
	return 0;
}

int lbr_set_group_addr(struct lbr_bridge *br, const u8 *addr,
		       struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	/* Only 01:80:c2:00:00:0X, and never the pause/LACP/802.1X groups. */
	if (!is_link_local_ether_addr(addr) ||
	    addr[5] == 1 || addr[5] == 2 || addr[5] == 3)
		return -EINVAL;
	ether_addr_copy(br->group_addr, addr);
	set_bit(LBR_OPT_GROUP_ADDR_SET, &br->options);
	lbr_vlan_recalc_groups_rtnl(br);
	return 0;
}

/*
 * nf_call_iptables/ip6tables/arptables are kept and reported as in-tree,
 * where they take effect only while br_netfilter is loaded: they say
 * whether it passes bridged IPv4, IPv6 and ARP through iptables,
 * ip6tables and arptables.  The in-tree br_netfilter cannot load beside
 * lbridge, and lbridge has no own one yet: until then they change nothing.
 */
static int lbr_set_option_rtnl(struct lbr_bridge *br, enum lbr_option opt,
			       unsigned long val)
{
	ASSERT_RTNL();
	assign_bit(opt, &br->options, val);
	return 0;
}

int lbr_set_nf_call_iptables_rtnl(struct lbr_bridge *br, unsigned long val,
				  struct netlink_ext_ack *extack)
{
	return lbr_set_option_rtnl(br, LBR_OPT_NF_CALL_IPTABLES, val);
}

int lbr_set_nf_call_ip6tables_rtnl(struct lbr_bridge *br, unsigned long val,
				   struct netlink_ext_ack *extack)
{
	return lbr_set_option_rtnl(br, LBR_OPT_NF_CALL_IP6TABLES, val);
}

int lbr_set_nf_call_arptables_rtnl(struct lbr_bridge *br, unsigned long val,
				   struct netlink_ext_ack *extack)
{
	return lbr_set_option_rtnl(br, LBR_OPT_NF_CALL_ARPTABLES, val);
}

int lbr_set_no_ll_learn(struct lbr_bridge *br, bool on)
{
	ASSERT_RTNL();
	assign_bit(LBR_OPT_NO_LL_LEARN, &br->options, on);
	return 0;
}

int lbr_port_set_flag(struct lbr_port *p, unsigned long flag, bool on,
		      struct netlink_ext_ack *extack)
{
	unsigned long flags = p->flags;

	ASSERT_RTNL();
	if (!(flag & LBR_PORT_FLAGS_SUPPORTED)) {
		/* Asking for what is already true is harmless. */
		if (!!(flags & flag) == on)
			return 0;
		NL_SET_ERR_MSG_MOD(extack,
				   "this port option is not supported by lbridge yet");
		return -EOPNOTSUPP;
	}
	if (on)
		flags |= flag;
	else
		flags &= ~flag;
	if (flags == p->flags)
		return 0;
	WRITE_ONCE(p->flags, flags);
	lbr_flood_port_update_rtnl(p);
	/* RSTP re-selects only when asked; 802.1D does on the next BPDU. */
	if ((flag & BR_ROOT_BLOCK) && lbr_rstp_running(p->br))
		lbr_rstp_reconfigure_rtnl(p->br);
	return 0;
}

int lbr_port_set_path_cost(struct lbr_port *p, unsigned long cost,
			   struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (cost < LBR_MIN_PATH_COST || cost > LBR_MAX_PATH_COST)
		return -ERANGE;
	WRITE_ONCE(p->flags, p->flags | BR_ADMIN_COST);
	lbr_flood_port_update_rtnl(p);
	lbr_stp_set_path_cost_rtnl(p, cost);
	return 0;
}

int lbr_port_set_priority(struct lbr_port *p, unsigned long prio,
			  struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (prio > LBR_MAX_PORT_PRIO)
		return -ERANGE;
	lbr_stp_set_port_priority_rtnl(p, prio);
	return 0;
}

int lbr_port_set_state(struct lbr_port *p, unsigned long state,
		       struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (state > BR_STATE_BLOCKING)
		return -EINVAL;
	if (p->br->stp_enabled == LBR_KERNEL_STP) {
		NL_SET_ERR_MSG_MOD(extack, "kernel STP owns the port states");
		return -EBUSY;
	}
	if (!netif_running(p->dev) ||
	    (!netif_oper_up(p->dev) && state != BR_STATE_DISABLED))
		return -ENETDOWN;
	lbr_stp_user_set_state_rtnl(p, state);
	return 0;
}

int lbr_port_set_group_fwd_mask(struct lbr_port *p, unsigned long mask,
				struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (mask & LBR_GROUPFWD_PAUSE)
		return -EINVAL;
	WRITE_ONCE(p->group_fwd_mask, (u16)mask);
	return 0;
}

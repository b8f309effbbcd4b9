/* SPDX-License-Identifier: GPL-2.0 */
/* Attaching and detaching bridge ports. */
#ifndef _LBR_PORT_H
#define _LBR_PORT_H

#include <linux/netdevice.h>
#include <linux/types.h>

struct lbr_bridge;
struct lbr_port;
struct netlink_ext_ack;

int lbr_port_add_rtnl(struct lbr_bridge *br, struct net_device *dev,
		      struct netlink_ext_ack *extack);
int lbr_port_del_rtnl(struct lbr_bridge *br, struct net_device *dev);
void lbr_port_destroy_rtnl(struct lbr_port *p);
struct lbr_port *lbr_port_get_rtnl(const struct net_device *dev);
struct lbr_port *lbr_port_get_rcu(const struct net_device *dev);
struct lbr_port *lbr_port_by_no_rtnl(struct lbr_bridge *br, u16 port_no);
void lbr_port_set_state_rtnl(struct lbr_port *p, u8 state);
bool lbr_port_update_state_rtnl(struct lbr_port *p);
bool lbr_port_is_designated(const struct lbr_port *p);
void lbr_port_become_designated(struct lbr_port *p);
void lbr_port_update_cost_rtnl(struct lbr_port *p);

#endif /* _LBR_PORT_H */

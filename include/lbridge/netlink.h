/* SPDX-License-Identifier: GPL-2.0 */
/* rtnetlink: link kind "bridge", bridge_slave options, AF_BRIDGE links. */
#ifndef _LBR_NETLINK_H
#define _LBR_NETLINK_H

#include <linux/netdevice.h>
#include <linux/types.h>

struct lbr_port;

extern struct rtnl_link_ops lbr_link_ops;

int lbr_netlink_init(void);
void lbr_netlink_exit(void);

struct lbr_bridge;
void lbr_netlink_port_notify(struct lbr_port *p, int event);
void lbr_netlink_info_notify(struct lbr_bridge *br, struct lbr_port *p,
			     int event);
int lbr_netlink_getlink(struct sk_buff *skb, u32 pid, u32 seq,
			struct net_device *dev, u32 filter_mask, int nlflags);
int lbr_netlink_setlink(struct net_device *dev, struct nlmsghdr *nlh,
			u16 flags, struct netlink_ext_ack *extack);
int lbr_netlink_dellink(struct net_device *dev, struct nlmsghdr *nlh,
			u16 flags);

#endif /* _LBR_NETLINK_H */

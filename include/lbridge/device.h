/* SPDX-License-Identifier: GPL-2.0 */
/* The bridge net_device: creation, deletion and derived state. */
#ifndef _LBR_DEVICE_H
#define _LBR_DEVICE_H

#include <linux/netdevice.h>
#include <linux/types.h>

struct lbr_bridge;
struct lbr_port;
struct netlink_ext_ack;

bool lbr_is_bridge(const struct net_device *dev);
void lbr_dev_setup(struct net_device *dev);
int lbr_dev_register_rtnl(struct net_device *dev,
			  struct netlink_ext_ack *extack);
int lbr_dev_add_rtnl(struct net *net, const char *name);
int lbr_dev_del_rtnl(struct net *net, const char *name);
void lbr_dev_dellink(struct net_device *dev, struct list_head *head);

void lbr_dev_update_mtu_rtnl(struct lbr_bridge *br);
void lbr_dev_update_addr_rtnl(struct lbr_bridge *br);
void lbr_dev_update_carrier_rtnl(struct lbr_bridge *br);
void lbr_dev_update_tso_max_rtnl(struct lbr_bridge *br);
bool lbr_dev_port_added_rtnl(struct lbr_bridge *br, struct lbr_port *p);
void lbr_dev_port_added_done_rtnl(struct lbr_bridge *br, struct lbr_port *p,
				  bool addr_changed);
void lbr_dev_port_removed_rtnl(struct lbr_bridge *br, struct lbr_port *p);
bool lbr_dev_features_add_rtnl(struct lbr_bridge *br,
			       netdev_features_t features);
void lbr_dev_features_changed_rtnl(struct lbr_bridge *br);

#endif /* _LBR_DEVICE_H */

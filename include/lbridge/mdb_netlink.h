/* SPDX-License-Identifier: GPL-2.0 */
/* RTM_GETMDB/NEWMDB/DELMDB and the MDB's notifications. */
#ifndef _LBR_MDB_NETLINK_H
#define _LBR_MDB_NETLINK_H

#include <linux/types.h>

struct lbr_bridge;
struct lbr_mdb_entry;
struct lbr_port;
struct lbr_port_group;
struct net_device;
struct netlink_callback;
struct netlink_ext_ack;
struct nlattr;
struct sk_buff;

void lbr_mdb_notify(struct lbr_bridge *br, const struct lbr_mdb_entry *mp,
		    const struct lbr_port_group *pg, int type);
void lbr_mcast_router_notify(struct lbr_bridge *br, const struct lbr_port *p,
			     int type);
int lbr_mdb_dump_dev(struct net_device *dev, struct sk_buff *skb,
		     struct netlink_callback *cb);
int lbr_mdb_rtnl_init(void);
void lbr_mdb_rtnl_exit(void);

/* mdb_rtm.c: user entries */
int lbr_mdb_ndo_add(struct net_device *dev, struct nlattr *tb[],
		    u16 nlmsg_flags, struct netlink_ext_ack *extack);
int lbr_mdb_ndo_del(struct net_device *dev, struct nlattr *tb[],
		    struct netlink_ext_ack *extack);
int lbr_mdb_rtm_init(void);
void lbr_mdb_rtm_exit(void);

#endif /* _LBR_MDB_NETLINK_H */

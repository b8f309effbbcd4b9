/* SPDX-License-Identifier: GPL-2.0 */
/* FDB over rtnetlink: ndo_fdb_* and RTM_NEWNEIGH/DELNEIGH events. */
#ifndef _LBR_FDB_NETLINK_H
#define _LBR_FDB_NETLINK_H

#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <net/netlink.h>
#include <linux/types.h>

struct lbr_bridge;
struct lbr_fdb_entry;
struct ndmsg;

void lbr_fdb_notify(struct lbr_bridge *br, const struct lbr_fdb_entry *f,
		    int type);

int lbr_fdb_ndo_add(struct ndmsg *ndm, struct nlattr *tb[],
		    struct net_device *dev, const unsigned char *addr,
		    u16 vid, u16 nlh_flags, struct netlink_ext_ack *extack);
int lbr_fdb_ndo_del(struct ndmsg *ndm, struct nlattr *tb[],
		    struct net_device *dev, const unsigned char *addr,
		    u16 vid, struct netlink_ext_ack *extack);
/* The attribute checks of a bulk delete (the 6.1 core's own). */
extern const struct nla_policy lbr_fdb_del_bulk_policy[NDA_MAX + 1];
int lbr_fdb_ndo_del_bulk(struct ndmsg *ndm, struct nlattr *tb[],
			 struct net_device *dev, u16 vid,
			 struct netlink_ext_ack *extack);
int lbr_fdb_ndo_dump(struct sk_buff *skb, struct netlink_callback *cb,
		     struct net_device *dev, struct net_device *filter_dev,
		     int *idx);
int lbr_fdb_ndo_get(struct sk_buff *skb, struct nlattr *tb[],
		    struct net_device *dev, const unsigned char *addr,
		    u16 vid, u32 portid, u32 seq,
		    struct netlink_ext_ack *extack);

#endif /* _LBR_FDB_NETLINK_H */

/* SPDX-License-Identifier: GPL-2.0 */
/* VLANs in AF_BRIDGE link requests and dumps. */
#ifndef _LBR_VLAN_NETLINK_H
#define _LBR_VLAN_NETLINK_H

#include <linux/types.h>

struct lbr_bridge;
struct lbr_port;
struct lbr_vlan_group;
struct netlink_ext_ack;
struct nlattr;
struct sk_buff;

int lbr_vlan_check_afspec(const struct nlattr *afspec,
			  struct netlink_ext_ack *extack);
int lbr_vlan_afspec_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			 const struct nlattr *afspec, int cmd, bool *changed,
			 struct netlink_ext_ack *extack);
struct bridge_vlan_info;
int lbr_vlan_process_info_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			       int cmd, const struct bridge_vlan_info *first,
			       const struct bridge_vlan_info *cur,
			       bool *changed, struct netlink_ext_ack *extack);
bool lbr_vlan_valid_range(const struct bridge_vlan_info *cur,
			  const struct bridge_vlan_info *last,
			  struct netlink_ext_ack *extack);
bool lbr_vlan_valid_id(u16 vid, struct netlink_ext_ack *extack);
int lbr_vlan_fill_info(struct sk_buff *skb, const struct lbr_vlan_group *vg,
		       bool compressed);
int lbr_vlan_af_register(void);
void lbr_vlan_af_unregister(void);

#endif /* _LBR_VLAN_NETLINK_H */

/* SPDX-License-Identifier: GPL-2.0 */
/* rtnetlink internals shared by netlink.c (the bridge) and netlink_port.c (ports). */
#ifndef _LBR_NETLINK_INTERNAL_H
#define _LBR_NETLINK_INTERNAL_H

#include <linux/netdevice.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <net/netlink.h>

struct lbr_port;

/* The newest port attribute lbridge knows; newer kernels' are refused. */
#define LBR_IFLA_BRPORT_KNOWN	IFLA_BRPORT_LOCKED

/*
 * Refusals name the option twice, as iproute2 spells it and as the
 * attribute is called, so both users and library authors recognise it.
 */
#define LBR_NOT_YET(keyword, attr) \
	"lbridge: " keyword " (" attr ") is not supported yet"

/**
 * struct lbr_refusal - an attribute whose feature lbridge lacks
 * @msg: extack message naming it
 * @off_ok: all-zero payload accepted: it asks for "off", which is the truth
 */
struct lbr_refusal {
	const char	*msg;
	bool		off_ok;
};

unsigned long lbr_nla_get_uint(const struct nlattr *a,
			       const struct nla_policy *pol);
void lbr_refuse(struct netlink_ext_ack *extack, const struct nlattr *attr,
		const char *msg);
int lbr_check_refusals(struct nlattr *tb[], int maxtype, int known,
		       const struct lbr_refusal *refusals,
		       struct netlink_ext_ack *extack);

/* netlink_port.c: bridge_slave options; callers hold RTNL. */
extern const struct nla_policy lbr_port_policy[IFLA_BRPORT_MAX + 1];
int lbr_slave_changelink(struct net_device *brdev, struct net_device *dev,
			 struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack);
size_t lbr_get_slave_size(const struct net_device *brdev,
			  const struct net_device *dev);
int lbr_fill_slave_info(struct sk_buff *skb, const struct net_device *brdev,
			const struct net_device *dev);

#endif /* _LBR_NETLINK_INTERNAL_H */

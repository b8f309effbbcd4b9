/* SPDX-License-Identifier: GPL-2.0 */
/* Sending frames out of ports and up the bridge device. */
#ifndef _LBR_FORWARD_H
#define _LBR_FORWARD_H

#include <linux/skbuff.h>
#include <linux/types.h>

struct lbr_bridge;
struct lbr_port;
struct net;
struct sock;

enum lbr_pkt_type {
	LBR_PKT_UNICAST,
	LBR_PKT_MULTICAST,
	LBR_PKT_BROADCAST,
};

void lbr_forward(const struct lbr_port *to, struct sk_buff *skb,
		 bool local_rcv, bool local_orig);
void lbr_flood(struct lbr_bridge *br, struct sk_buff *skb,
	       enum lbr_pkt_type type, bool local_rcv, bool local_orig);
const struct lbr_port *lbr_forward_next(const struct lbr_port *prev,
					const struct lbr_port *p,
					struct sk_buff *skb, bool local_orig);
void lbr_forward_to_host(const struct lbr_port *to, struct sk_buff *skb,
			 const u8 *host, bool local_orig);
void lbr_forward_last(const struct lbr_port *prev, struct sk_buff *skb,
		      bool local_rcv, bool local_orig);
int lbr_pass_frame_up(struct sk_buff *skb);
int lbr_forward_xmit(struct net *net, struct sock *sk, struct sk_buff *skb);

void lbr_flood_port_add_rtnl(struct lbr_port *p);
void lbr_flood_port_del_rtnl(struct lbr_port *p);
void lbr_flood_port_update_rtnl(struct lbr_port *p);
void lbr_flood_free_rtnl(struct lbr_bridge *br);

#endif /* _LBR_FORWARD_H */

/* SPDX-License-Identifier: GPL-2.0 */
/* What lbridge.ko lends its netfilter companion, lbridge_nf.ko. */
#ifndef _LBR_NF_H
#define _LBR_NF_H

#include <linux/types.h>

struct net;
struct net_device;
struct nf_bridge_frag_data;
struct sk_buff;
struct sock;

const struct net_device *lbr_nf_port_bridge_rcu(const struct net_device *dev);
bool lbr_nf_port_vlan_rcu(const struct net_device *dev, u16 *pvid,
			  __be16 *proto);
void lbr_nf_port_send_rcu(const struct net_device *dev, struct sk_buff *skb);
int lbr_nf_port_xmit(struct net *net, struct sock *sk, struct sk_buff *skb);

/* lbridge_nf.ko's expression types, registered by its module init. */
int lbr_nft_meta_register(void);
void lbr_nft_meta_unregister(void);
int lbr_nft_reject_register(void);
void lbr_nft_reject_unregister(void);

/* lbridge_nf_conntrack.ko: sending reassembled IPv4 on as fragments. */
typedef int (*lbr_nf_frag_output_t)(struct net *net, struct sock *sk,
				    const struct nf_bridge_frag_data *data,
				    struct sk_buff *skb);
int lbr_nf_ip_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		       struct nf_bridge_frag_data *data,
		       lbr_nf_frag_output_t output);

#endif /* _LBR_NF_H */

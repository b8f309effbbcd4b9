// SPDX-License-Identifier: GPL-2.0
/* nft "reject" in the bridge family: the reply leaves by the ingress port. */

#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter_bridge.h>
#include <net/netfilter/ipv4/nf_reject.h>
#include <net/netfilter/ipv6/nf_reject.h>
#include <net/netfilter/nf_tables.h>
#include <net/netfilter/nft_reject.h>

#include "lbridge/nf.h"

static struct sk_buff *lbr_nft_reject_v4(const struct nft_reject *priv,
					 const struct nft_pktinfo *pkt)
{
	struct net *net = nft_net(pkt);
	int hook = nft_hook(pkt);

	switch (priv->type) {
	case NFT_REJECT_TCP_RST:
		return nf_reject_skb_v4_tcp_reset(net, pkt->skb, NULL, hook);
	case NFT_REJECT_ICMP_UNREACH:
		return nf_reject_skb_v4_unreach(net, pkt->skb, NULL, hook,
						priv->icmp_code);
	case NFT_REJECT_ICMPX_UNREACH:
		return nf_reject_skb_v4_unreach(net, pkt->skb, NULL, hook,
						nft_reject_icmp_code(priv->icmp_code));
	}
	return NULL;
}

static struct sk_buff *lbr_nft_reject_v6(const struct nft_reject *priv,
					 const struct nft_pktinfo *pkt)
{
	struct net *net = nft_net(pkt);
	int hook = nft_hook(pkt);

	switch (priv->type) {
	case NFT_REJECT_TCP_RST:
		return nf_reject_skb_v6_tcp_reset(net, pkt->skb, NULL, hook);
	case NFT_REJECT_ICMP_UNREACH:
		return nf_reject_skb_v6_unreach(net, pkt->skb, NULL, hook,
						priv->icmp_code);
	case NFT_REJECT_ICMPX_UNREACH:
		return nf_reject_skb_v6_unreach(net, pkt->skb, NULL, hook,
						nft_reject_icmpv6_code(priv->icmp_code));
	}
	return NULL;
}

/*
 * Address @reply to the sender of @skb, in the VLAN it came in, and send
 * it back out of the port @skb arrived on.
 */
static void lbr_nft_reject_send(const struct sk_buff *skb,
				struct sk_buff *reply,
				const struct net_device *in)
{
	struct ethhdr *eth;

	eth = skb_push(reply, ETH_HLEN);
	skb_reset_mac_header(reply);
	ether_addr_copy(eth->h_source, eth_hdr(skb)->h_dest);
	ether_addr_copy(eth->h_dest, eth_hdr(skb)->h_source);
	eth->h_proto = eth_hdr(skb)->h_proto;
	skb_pull(reply, ETH_HLEN);
	if (skb_vlan_tag_present(skb))
		__vlan_hwaccel_put_tag(reply, skb->vlan_proto,
				       skb_vlan_tag_get(skb));
	lbr_nf_port_send_rcu(in, reply);
}

static void lbr_nft_reject_eval(const struct nft_expr *expr,
				struct nft_regs *regs,
				const struct nft_pktinfo *pkt)
{
	const struct nft_reject *priv = nft_expr_priv(expr);
	const struct ethhdr *eth = eth_hdr(pkt->skb);
	struct sk_buff *reply = NULL;

	/* Whatever happens, the frame itself goes no further. */
	regs->verdict.code = NF_DROP;
	/* Never answer a group address (broadcast included). */
	if (is_multicast_ether_addr(eth->h_dest) || !nft_in(pkt))
		return;
	switch (eth->h_proto) {
	case htons(ETH_P_IP):
		reply = lbr_nft_reject_v4(priv, pkt);
		break;
	case htons(ETH_P_IPV6):
		reply = lbr_nft_reject_v6(priv, pkt);
		break;
	}
	/* No reply for other protocols, or for what must not get one. */
	if (reply)
		lbr_nft_reject_send(pkt->skb, reply, nft_in(pkt));
}

/* As in-tree: only where the frame's ingress port is known. */
static int lbr_nft_reject_validate(const struct nft_ctx *ctx,
				   const struct nft_expr *expr)
{
	return nft_chain_validate_hooks(ctx->chain, BIT(NF_BR_PRE_ROUTING) |
						    BIT(NF_BR_LOCAL_IN));
}

static struct nft_expr_type lbr_nft_reject_type;

static const struct nft_expr_ops lbr_nft_reject_ops = {
	.type		= &lbr_nft_reject_type,
	.size		= NFT_EXPR_SIZE(sizeof(struct nft_reject)),
	.eval		= lbr_nft_reject_eval,
	.init		= nft_reject_init,
	.dump		= nft_reject_dump,
	.validate	= lbr_nft_reject_validate,
};

static struct nft_expr_type lbr_nft_reject_type __read_mostly = {
	.family		= NFPROTO_BRIDGE,
	.name		= "reject",
	.ops		= &lbr_nft_reject_ops,
	.policy		= nft_reject_policy,
	.maxattr	= NFTA_REJECT_MAX,
	.owner		= THIS_MODULE,
};

int lbr_nft_reject_register(void)
{
	return nft_register_expr(&lbr_nft_reject_type);
}

void lbr_nft_reject_unregister(void)
{
	nft_unregister_expr(&lbr_nft_reject_type);
}

// SPDX-License-Identifier: GPL-2.0
/* nft "meta" in the bridge family: the bridge keys answered for lbridge ports. */

#include <linux/netdevice.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter_bridge.h>
#include <linux/string.h>
#include <net/netfilter/nf_tables.h>
#include <net/netfilter/nft_meta.h>

#include "lbridge/nf.h"
#include "lbridge/types.h"

/* The name of the bridge @port belongs to, or "" (NUL padded, as in-tree). */
static void lbr_nft_meta_brname(u32 *dest, const struct net_device *port)
{
	const struct net_device *brdev = NULL;

	if (port)
		brdev = lbr_nf_port_bridge_rcu(port);
	strscpy_pad((char *)dest, brdev ? brdev->name : "", IFNAMSIZ);
}

/* ibrpvid / ibrvproto: only on a port of a VLAN-filtering bridge. */
static bool lbr_nft_meta_vlan(const struct nft_meta *priv, u32 *dest,
			      const struct net_device *in)
{
	__be16 proto;
	u16 pvid;

	if (!in || !lbr_nf_port_vlan_rcu(in, &pvid, &proto))
		return false;
	if (priv->key == NFT_META_BRI_IIFPVID)
		nft_reg_store16(dest, pvid);
	else
		nft_reg_store_be16(dest, proto);
	return true;
}

static void lbr_nft_meta_get_eval(const struct nft_expr *expr,
				  struct nft_regs *regs,
				  const struct nft_pktinfo *pkt)
{
	const struct nft_meta *priv = nft_expr_priv(expr);
	u32 *dest = &regs->data[priv->dreg];

	switch (priv->key) {
	case NFT_META_BRI_IIFNAME:
		lbr_nft_meta_brname(dest, nft_in(pkt));
		return;
	case NFT_META_BRI_OIFNAME:
		lbr_nft_meta_brname(dest, nft_out(pkt));
		return;
	case NFT_META_BRI_IIFPVID:
	case NFT_META_BRI_IIFVPROTO:
		if (!lbr_nft_meta_vlan(priv, dest, nft_in(pkt)))
			regs->verdict.code = NFT_BREAK;
		return;
	default:
		nft_meta_get_eval(expr, regs, pkt);
	}
}

static int lbr_nft_meta_get_init(const struct nft_ctx *ctx,
				 const struct nft_expr *expr,
				 const struct nlattr * const tb[])
{
	struct nft_meta *priv = nft_expr_priv(expr);
	u32 key = ntohl(nla_get_be32(tb[NFTA_META_KEY]));

	switch (key) {
	case NFT_META_BRI_IIFNAME:
	case NFT_META_BRI_OIFNAME:
		priv->len = IFNAMSIZ;
		break;
	case NFT_META_BRI_IIFPVID:
	case NFT_META_BRI_IIFVPROTO:
		priv->len = sizeof(u16);
		break;
	default:
		/* Every other key means what it means in any family. */
		return nft_meta_get_init(ctx, expr, tb);
	}
	priv->key = key;
	return nft_parse_register_store(ctx, tb[NFTA_META_DREG], &priv->dreg,
					NULL, NFT_DATA_VALUE, priv->len);
}

/* The broute key, where this kernel has it (compat.h). */
static bool lbr_nft_meta_is_broute(u32 key)
{
	return LBR_HAVE_META_BROUTE && key == LBR_NFT_META_BRI_BROUTE;
}

/* "meta broute set 1" (kernels that have the key): route, do not bridge. */
static void lbr_nft_meta_set_eval(const struct nft_expr *expr,
				  struct nft_regs *regs,
				  const struct nft_pktinfo *pkt)
{
	const struct nft_meta *priv = nft_expr_priv(expr);

	if (!lbr_nft_meta_is_broute(priv->key)) {
		nft_meta_set_eval(expr, regs, pkt);
		return;
	}
	LBR_INPUT_CB(pkt->skb)->br_netfilter_broute =
		!!nft_reg_load8(&regs->data[priv->sreg]);
}

static int lbr_nft_meta_set_init(const struct nft_ctx *ctx,
				 const struct nft_expr *expr,
				 const struct nlattr * const tb[])
{
	struct nft_meta *priv = nft_expr_priv(expr);
	u32 key = ntohl(nla_get_be32(tb[NFTA_META_KEY]));

	if (!lbr_nft_meta_is_broute(key))
		return nft_meta_set_init(ctx, expr, tb);
	priv->key = key;
	priv->len = sizeof(u8);
	return nft_parse_register_load(ctx, tb[NFTA_META_SREG], &priv->sreg,
				       priv->len);
}

static int lbr_nft_meta_set_validate(const struct nft_ctx *ctx,
				     const struct nft_expr *expr)
{
	const struct nft_meta *priv = nft_expr_priv(expr);

	if (!lbr_nft_meta_is_broute(priv->key))
		return nft_meta_set_validate(ctx, expr);
	/* Only before the forwarding decision is there one to change. */
	return nft_chain_validate_hooks(ctx->chain, BIT(NF_BR_PRE_ROUTING));
}

static struct nft_expr_type lbr_nft_meta_type;

static const struct nft_expr_ops lbr_nft_meta_get_ops = {
	.type		= &lbr_nft_meta_type,
	.size		= NFT_EXPR_SIZE(sizeof(struct nft_meta)),
	.eval		= lbr_nft_meta_get_eval,
	.init		= lbr_nft_meta_get_init,
	.dump		= nft_meta_get_dump,
	.validate	= lbr_nft_meta_get_validate,
};

static const struct nft_expr_ops lbr_nft_meta_set_ops = {
	.type		= &lbr_nft_meta_type,
	.size		= NFT_EXPR_SIZE(sizeof(struct nft_meta)),
	.eval		= lbr_nft_meta_set_eval,
	.init		= lbr_nft_meta_set_init,
	.destroy	= nft_meta_set_destroy,
	.dump		= nft_meta_set_dump,
	.validate	= lbr_nft_meta_set_validate,
};

static const struct nft_expr_ops *
lbr_nft_meta_select_ops(const struct nft_ctx *ctx,
			const struct nlattr * const tb[])
{
	if (!tb[NFTA_META_KEY])
		return ERR_PTR(-EINVAL);
	if (tb[NFTA_META_DREG] && tb[NFTA_META_SREG])
		return ERR_PTR(-EINVAL);
	if (tb[NFTA_META_DREG])
		return &lbr_nft_meta_get_ops;
	if (tb[NFTA_META_SREG])
		return &lbr_nft_meta_set_ops;
	return ERR_PTR(-EINVAL);
}

static struct nft_expr_type lbr_nft_meta_type __read_mostly = {
	.family		= NFPROTO_BRIDGE,
	.name		= "meta",
	.select_ops	= lbr_nft_meta_select_ops,
	.policy		= nft_meta_policy,
	.maxattr	= NFTA_META_MAX,
	.owner		= THIS_MODULE,
};

int lbr_nft_meta_register(void)
{
	return nft_register_expr(&lbr_nft_meta_type);
}

void lbr_nft_meta_unregister(void)
{
	nft_unregister_expr(&lbr_nft_meta_type);
}

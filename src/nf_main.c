// SPDX-License-Identifier: GPL-2.0
/* lbridge_nf.ko: the bridge-family nft expressions that need a bridge, for lbridge. */

#include <linux/module.h>
#include <linux/socket.h>
#include <net/netfilter/nf_tables.h>

#include "lbridge/nf.h"

static int __init lbr_nf_init(void)
{
	int err;

	err = lbr_nft_meta_register();
	if (err)
		return err;
	err = lbr_nft_reject_register();
	if (err)
		goto err_unregister_meta;
	return 0;

err_unregister_meta:
	lbr_nft_meta_unregister();
	return err;
}

static void __exit lbr_nf_exit(void)
{
	lbr_nft_reject_unregister();
	lbr_nft_meta_unregister();
}

module_init(lbr_nf_init);
module_exit(lbr_nf_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lbridge: nft bridge-family meta keys and reject on lbridge ports");
/* nf_tables asks for these when a bridge-family rule uses the expression. */
MODULE_ALIAS_NFT_AF_EXPR(AF_BRIDGE, "meta");
MODULE_ALIAS_NFT_AF_EXPR(AF_BRIDGE, "reject");

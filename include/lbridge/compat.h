/* SPDX-License-Identifier: GPL-2.0 */
/* The only place that knows which kernel lbridge is built against. */
#ifndef _LBR_COMPAT_H
#define _LBR_COMPAT_H

/* Before any kernel header brings printk.h's default. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

/* Kbuild stops any kernel outside 6.1 to 7.3 with one message. */

/*
 * Debian's 6.1.y carries the core-managed per-CPU stats backport; the
 * device code relies on it instead of allocating its own counters.
 */
#ifndef LBR_HAVE_PCPU_STAT_TYPE
#error "these 6.1 headers lack netdev pcpu_stat_type (need 6.1.60 or later)"
#endif

/*
 * The learnt-entry limit's attributes (uapi since 6.7).  lbridge takes
 * them on older kernels too, numbered as upstream numbers them, so that
 * a newer iproute2 works with lbridge on 6.1.
 */
#ifndef LBR_HAVE_IFLA_BR_FDB_MAX_LEARNED
#define IFLA_BR_FDB_N_LEARNED	(IFLA_BR_MCAST_QUERIER_STATE + 1)
#define IFLA_BR_FDB_MAX_LEARNED	(IFLA_BR_MCAST_QUERIER_STATE + 2)
#endif

/* The STP mode attribute (uapi since 7.1), likewise on every kernel. */
#ifndef LBR_HAVE_IFLA_BR_STP_MODE
#define IFLA_BR_STP_MODE	(IFLA_BR_FDB_MAX_LEARNED + 1)
enum br_stp_mode {
	BR_STP_MODE_AUTO,
	BR_STP_MODE_USER,
	BR_STP_MODE_KERNEL,
};

#define BR_STP_MODE_MAX		BR_STP_MODE_KERNEL
#define LBR_IFLA_BR_MAX		IFLA_BR_STP_MODE
#else
#define LBR_IFLA_BR_MAX		IFLA_BR_MAX
#endif

/* mac_pton() moved to <linux/hex.h> (7.x); older kernels declare it in kernel.h. */
#ifdef LBR_HAVE_LINUX_HEX_H
#include <linux/hex.h>
#endif

/* The unaligned accessors moved from <asm/unaligned.h> (6.12). */
#ifdef LBR_HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* dev_get_flags() became netif_get_flags() (7.x). */
#ifdef LBR_HAVE_NETIF_GET_FLAGS
#define lbr_dev_get_flags(dev)	netif_get_flags(dev)
#else
#define lbr_dev_get_flags(dev)	dev_get_flags(dev)
#endif

/*
 * NETIF_F_LLTX and NETIF_F_NETNS_LOCAL became the private bits dev->lltx
 * and dev->netns_immutable (6.12).  Call after setting dev->features.
 */
#ifdef LBR_HAVE_DEV_LLTX
#define lbr_dev_set_lltx(dev)		((dev)->lltx = true)
#else
#define lbr_dev_set_lltx(dev)		((dev)->features |= NETIF_F_LLTX)
#endif
#ifdef LBR_HAVE_NETNS_IMMUTABLE
#define lbr_dev_set_netns_local(dev)	((dev)->netns_immutable = true)
#else
#define lbr_dev_set_netns_local(dev)	((dev)->features |= NETIF_F_NETNS_LOCAL)
#endif

/* kobj_type.get_ownership and bin_attribute.read take const (6.12, 7.x). */
#ifdef LBR_HAVE_CONST_GET_OWNERSHIP
#define lbr_ownership_const	const
#else
#define lbr_ownership_const
#endif
#ifdef LBR_HAVE_CONST_BIN_ATTR_READ
#define lbr_bin_read_const	const
#else
#define lbr_bin_read_const
#endif

/*
 * Where an FDB dump part resumes: the core's running index of the previous
 * part, in cb->args[2] until 7.x keeps it in its ndo_fdb_dump_context at
 * the start of cb->ctx.  LBR_FDB_DUMP_CORE_ARGS: the cb->args words the
 * core uses; the rest are the device's.
 */
#ifdef LBR_HAVE_FDB_DUMP_CONTEXT
#define lbr_fdb_dump_resume_idx(cb) \
	(((struct ndo_fdb_dump_context *)(cb)->ctx)->fdb_idx)
#define LBR_FDB_DUMP_CORE_ARGS \
	DIV_ROUND_UP(sizeof(struct ndo_fdb_dump_context), sizeof(long))
#else
#define lbr_fdb_dump_resume_idx(cb)	((cb)->args[2])
#define LBR_FDB_DUMP_CORE_ARGS		3
#endif

/*
 * Adapters: each defines a static function NAME with the callback's
 * signature on this kernel, calling IMPL with one signature everywhere.
 *
 * ndo_fdb_add/ndo_fdb_del gained "bool *notified" (7.x): the core sends a
 * generic RTM_NEWNEIGH/DELNEIGH after a "self" request unless the driver
 * says it notified.  IMPL notifies every change itself (nothing when
 * nothing changed), as the in-tree bridge, which also answers "notified"
 * after every success; older cores always add the generic one there.
 */
#ifdef LBR_HAVE_NDO_FDB_NOTIFIED
#define LBR_NDO_FDB_ADD_ADAPTER(name, impl)				\
static int name(struct ndmsg *ndm, struct nlattr *tb[],		\
		struct net_device *dev, const unsigned char *addr,	\
		u16 vid, u16 nlh_flags, bool *notified,			\
		struct netlink_ext_ack *extack)				\
{									\
	int err = impl(ndm, tb, dev, addr, vid, nlh_flags, extack);	\
									\
	*notified = !err;						\
	return err;							\
}

#define LBR_NDO_FDB_DEL_ADAPTER(name, impl)				\
static int name(struct ndmsg *ndm, struct nlattr *tb[],		\
		struct net_device *dev, const unsigned char *addr,	\
		u16 vid, bool *notified, struct netlink_ext_ack *extack) \
{									\
	int err = impl(ndm, tb, dev, addr, vid, extack);		\
									\
	*notified = !err;						\
	return err;							\
}
#else
#define LBR_NDO_FDB_ADD_ADAPTER(name, impl)				\
static int name(struct ndmsg *ndm, struct nlattr *tb[],		\
		struct net_device *dev, const unsigned char *addr,	\
		u16 vid, u16 nlh_flags, struct netlink_ext_ack *extack) \
{									\
	return impl(ndm, tb, dev, addr, vid, nlh_flags, extack);	\
}

#define LBR_NDO_FDB_DEL_ADAPTER(name, impl)				\
static int name(struct ndmsg *ndm, struct nlattr *tb[],		\
		struct net_device *dev, const unsigned char *addr,	\
		u16 vid, struct netlink_ext_ack *extack)		\
{									\
	return impl(ndm, tb, dev, addr, vid, extack);			\
}
#endif

/*
 * ndo_fdb_del_bulk gets the raw request (6.12): parse it with POLICY,
 * which must be what the 6.1 core checked the attributes with.
 */
#ifdef LBR_HAVE_FDB_DEL_BULK_NLH
#define LBR_NDO_FDB_DEL_BULK_ADAPTER(name, impl, policy)		\
static int name(struct nlmsghdr *nlh, struct net_device *dev,		\
		struct netlink_ext_ack *extack)				\
{									\
	struct ndmsg *ndm = nlmsg_data(nlh);				\
	struct nlattr *tb[NDA_MAX + 1];					\
	int err;							\
									\
	err = nlmsg_parse(nlh, sizeof(*ndm), tb, NDA_MAX, policy, extack); \
	if (err)							\
		return err;						\
	return impl(ndm, tb, dev,					\
		    tb[NDA_VLAN] ? nla_get_u16(tb[NDA_VLAN]) : 0, extack); \
}
#else
#define LBR_NDO_FDB_DEL_BULK_ADAPTER(name, impl, policy)		\
static int name(struct ndmsg *ndm, struct nlattr *tb[],		\
		struct net_device *dev, u16 vid,			\
		struct netlink_ext_ack *extack)				\
{									\
	BUILD_BUG_ON(ARRAY_SIZE(policy) != NDA_MAX + 1);		\
	return impl(ndm, tb, dev, vid, extack);				\
}
#endif

/* rtnl_link_ops.newlink takes its arguments in a struct (7.x). */
#ifdef LBR_HAVE_NEWLINK_PARAMS
#define LBR_NEWLINK_ADAPTER(name, impl)					\
static int name(struct net_device *dev,					\
		struct rtnl_newlink_params *params,			\
		struct netlink_ext_ack *extack)				\
{									\
	return impl(dev, params->tb, params->data, extack);		\
}
#else
#define LBR_NEWLINK_ADAPTER(name, impl)					\
static int name(struct net *src_net, struct net_device *dev,		\
		struct nlattr *tb[], struct nlattr *data[],		\
		struct netlink_ext_ack *extack)				\
{									\
	return impl(dev, tb, data, extack);				\
}
#endif

/*
 * Tunnel metadata carrying only a key (VLAN tunnels): tunnel flags became
 * a bitmap (6.10).  A macro, so that only its users need <net/ip_tunnels.h>.
 */
#ifdef LBR_HAVE_TUN_FLAGS_BITMAP
#define lbr_tun_key_dst(key) ({					\
	IP_TUNNEL_DECLARE_FLAGS(__lbr_tun_flags) = { };		\
	__set_bit(IP_TUNNEL_KEY_BIT, __lbr_tun_flags);		\
	__ip_tun_set_dst(0, 0, 0, 0, 0, __lbr_tun_flags, (key), 0); })
#else
#define lbr_tun_key_dst(key) __ip_tun_set_dst(0, 0, 0, 0, 0, TUNNEL_KEY, (key), 0)
#endif

/*
 * Since 6.19 bridge.ko derives its features and TSO limits from its ports
 * once, at the end of each port's add and removal, with
 * netdev_compute_master_upper_features(), which always announces
 * NETDEV_FEAT_CHANGE; before, it updated features early in an add and
 * announced only a change.  What clients see is that kernel's bridge.ko
 * behaviour, not an API (6.12 has the helper and the old behaviour), so
 * this is a version check.
 */
#include <linux/version.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 19, 0)
#define LBR_FEATURES_AT_END		true
#define lbr_features_from_ports(dev)	netdev_compute_master_upper_features(dev, false)
#else
#define LBR_FEATURES_AT_END		false
#define lbr_features_from_ports(dev)	do { } while (0)
#endif

/* rtnl_af_register() returns an error since 6.13. */
#ifdef LBR_HAVE_RTNL_AF_REGISTER_INT
#define lbr_rtnl_af_register(ops)	rtnl_af_register(ops)
#else
#define lbr_rtnl_af_register(ops)	({ rtnl_af_register(ops); 0; })
#endif

/*
 * nft's bridge-family "meta broute" key (Debian's 6.12 has it, 6.1 does
 * not): without it lbridge_nf leaves every key to nf_tables' own meta,
 * which refuses the number as in-tree 6.1 does.
 */
#ifdef LBR_HAVE_NFT_META_BRI_BROUTE
#define LBR_HAVE_META_BROUTE		true
#define LBR_NFT_META_BRI_BROUTE		NFT_META_BRI_BROUTE
#else
#define LBR_HAVE_META_BROUTE		false
#define LBR_NFT_META_BRI_BROUTE		0
#endif

/* 7.x validates a few meta keys' hooks; the in-tree bridge meta asks too. */
#ifdef LBR_HAVE_NFT_META_GET_VALIDATE
#define lbr_nft_meta_get_validate	nft_meta_get_validate
#else
#define lbr_nft_meta_get_validate	NULL
#endif

/*
 * A query's maximum response time, decoded: IGMPv3 in tenths of a second,
 * MLDv2 in milliseconds.  7.x named the decoders for what they return.
 */
#ifdef LBR_HAVE_IGMPV3_MRT
#define lbr_igmpv3_mrt(ih3)	igmpv3_mrt(ih3)
#define lbr_mldv2_mrd(mlh2)	mldv2_mrd(mlh2)
#else
#define lbr_igmpv3_mrt(ih3)	IGMPV3_MRC((ih3)->code)
#define lbr_mldv2_mrd(mlh2)	mldv2_mrc(mlh2)
#endif

/* A delivery time's kind: a bool before 6.11, a 2-bit type since. */
#ifdef LBR_HAVE_SKB_TSTAMP_TYPE
#define lbr_skb_tstamp_kind(skb)	((skb)->tstamp_type)
#else
#define lbr_skb_tstamp_kind(skb)	((skb)->mono_delivery_time)
#endif

/*
 * Confirming a bridged frame's conntrack entry on POST_ROUTING: since
 * 6.12-era kernels nf_confirm() takes the hook's arguments and finds the
 * transport header itself; 6.1's wants it found (lbr_ct_protoff()).
 */
#ifdef LBR_HAVE_NF_CONFIRM_HOOK
#define LBR_NF_CONFIRM_ADAPTER(name)					\
static unsigned int name(void *priv, struct sk_buff *skb,		\
			 const struct nf_hook_state *state)		\
{									\
	return nf_confirm(priv, skb, state);				\
}
#else
#define LBR_NF_CONFIRM_ADAPTER(name)					\
static unsigned int name(void *priv, struct sk_buff *skb,		\
			 const struct nf_hook_state *state)		\
{									\
	enum ip_conntrack_info ctinfo;					\
	struct nf_conn *ct = nf_ct_get(skb, &ctinfo);			\
	int protoff;							\
									\
	if (!ct || ctinfo == IP_CT_RELATED_REPLY)			\
		return nf_conntrack_confirm(skb);			\
	protoff = lbr_ct_protoff(skb);					\
	if (protoff == -EPFNOSUPPORT)					\
		return NF_ACCEPT;					\
	if (protoff < 0)						\
		return nf_conntrack_confirm(skb);			\
	return nf_confirm(skb, protoff, ct, ctinfo);			\
}
#endif

/*
 * The MDB messages: since 6.2 the rtnetlink core owns RTM_GETMDB/NEWMDB/
 * DELMDB and calls the bridge's ndo_mdb_*; before, bridge.ko registered
 * them itself, and so does lbridge (mdb_netlink.c).
 */
#ifdef LBR_HAVE_NDO_MDB
#define LBR_CORE_HAS_MDB	1
/* Those kernels' bridge dumps its MDB with snooping off too, and words a
 * port's second (*, G) entry so.
 */
#define LBR_MDB_DUMP_WHEN_OFF	1
#define LBR_MDB_MSG_PG_EXISTS	"bridge: (*, G) group is already joined by port"
#define LBR_NDO_MDB_OPS					\
	.ndo_mdb_add		= lbr_mdb_ndo_add,	\
	.ndo_mdb_del		= lbr_mdb_ndo_del,	\
	.ndo_mdb_dump		= lbr_mdb_dump_dev,
#else
#define LBR_CORE_HAS_MDB	0
#define LBR_MDB_DUMP_WHEN_OFF	0
#define LBR_MDB_MSG_PG_EXISTS	"bridge: Group is already joined by port"
#define LBR_NDO_MDB_OPS
#endif

#endif /* _LBR_COMPAT_H */

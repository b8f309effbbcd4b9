// SPDX-License-Identifier: GPL-2.0
/* Bridge-family conntrack of bridged IPv4/IPv6 (ct state, ct mark), defragmenting. */

#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/module.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_bridge.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_bridge.h>
#include <net/netfilter/nf_conntrack_core.h>
#include <net/netfilter/nf_conntrack_zones.h>

#include "lbridge/nf.h"
#include "lbridge/types.h"

/* The defragmenters use skb->cb as IPCB/IP6CB: keep the bridge's aside. */
static void lbr_ct_cb_stash(struct sk_buff *skb, struct lbr_input_cb *save,
			    size_t inet_cb_size)
{
	memcpy(save, skb->cb, sizeof(*save));
	memset(skb->cb, 0, inet_cb_size);
}

/* ... and back, noting the largest fragment for the way out. */
static void lbr_ct_cb_unstash(struct sk_buff *skb,
			      const struct lbr_input_cb *save,
			      u16 frag_max_size)
{
	memcpy(skb->cb, save, sizeof(*save));
	LBR_INPUT_CB(skb)->frag_max_size = frag_max_size;
}

/* Fragments of one zone are reassembled together, as in-tree. */
static u32 lbr_ct_defrag_user(const struct sk_buff *skb)
{
	enum ip_conntrack_info ctinfo;
	const struct nf_conn *ct = nf_ct_get(skb, &ctinfo);
	u16 zone = NF_CT_DEFAULT_ZONE_ID;

	if (ct)
		zone = nf_ct_zone_id(nf_ct_zone(ct), CTINFO2DIR(ctinfo));
	return IP_DEFRAG_CONNTRACK_BRIDGE_IN + zone;
}

/* NF_ACCEPT with the whole datagram, NF_STOLEN while fragments wait. */
static unsigned int lbr_ct_defrag_v4(struct net *net, struct sk_buff *skb)
{
	struct lbr_input_cb save;
	u32 user;
	int err;

	if (!ip_is_fragment(ip_hdr(skb)))
		return NF_ACCEPT;
	user = lbr_ct_defrag_user(skb);
	lbr_ct_cb_stash(skb, &save, sizeof(struct inet_skb_parm));
	local_bh_disable();
	err = ip_defrag(net, skb, user);
	local_bh_enable();
	if (err)
		return NF_STOLEN;
	lbr_ct_cb_unstash(skb, &save, IPCB(skb)->frag_max_size);
	skb->ignore_df = 1;
	return NF_ACCEPT;
}

static unsigned int lbr_ct_defrag_v6(struct net *net, struct sk_buff *skb)
{
	struct lbr_input_cb save;
	u32 user = lbr_ct_defrag_user(skb);
	int err;

	lbr_ct_cb_stash(skb, &save, sizeof(struct inet6_skb_parm));
	err = nf_ct_frag6_gather(net, skb, user);
	if (err == -EINPROGRESS)
		return NF_STOLEN;
	lbr_ct_cb_unstash(skb, &save, IP6CB(skb)->frag_max_size);
	return err ? NF_DROP : NF_ACCEPT;
}

/*
 * The IPv4 header is whole and agrees with the frame (padding trimmed);
 * anything else is left untracked, as in-tree.
 */
static bool lbr_ct_v4_sane(struct sk_buff *skb)
{
	const struct iphdr *iph;
	unsigned int len;

	if (!pskb_may_pull(skb, sizeof(*iph)))
		return false;
	len = ntohs(ip_hdr(skb)->tot_len);
	if (pskb_trim_rcsum(skb, len))
		return false;
	iph = ip_hdr(skb);
	return iph->version == 4 && iph->ihl >= 5 && len >= iph->ihl * 4 &&
	       skb->len >= skb_network_offset(skb) + len;
}

static bool lbr_ct_v6_sane(struct sk_buff *skb)
{
	unsigned int len;

	if (!pskb_may_pull(skb, sizeof(struct ipv6hdr)))
		return false;
	len = sizeof(struct ipv6hdr) + ntohs(ipv6_hdr(skb)->payload_len);
	if (pskb_trim_rcsum(skb, len))
		return false;
	return ipv6_hdr(skb)->version == 6 &&
	       skb->len >= skb_network_offset(skb) + len;
}

/* PRE_ROUTING: reassemble, then track in the IP family's tables. */
static unsigned int lbr_ct_pre(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state)
{
	struct nf_hook_state ip_state = *state;
	enum ip_conntrack_info ctinfo;
	struct nf_conn *ct = nf_ct_get(skb, &ctinfo);
	unsigned int verdict = NF_ACCEPT;

	if ((ct && !nf_ct_is_template(ct)) || ctinfo == IP_CT_UNTRACKED)
		return NF_ACCEPT;
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (!lbr_ct_v4_sane(skb))
			return NF_ACCEPT;
		ip_state.pf = NFPROTO_IPV4;
		verdict = lbr_ct_defrag_v4(state->net, skb);
		break;
	case htons(ETH_P_IPV6):
		if (!lbr_ct_v6_sane(skb))
			return NF_ACCEPT;
		ip_state.pf = NFPROTO_IPV6;
		if (IS_ENABLED(CONFIG_NF_DEFRAG_IPV6))
			verdict = lbr_ct_defrag_v6(state->net, skb);
		break;
	default:
		/* Not IP: nothing to track, and say so to ct rules. */
		nf_reset_ct(skb);
		nf_ct_set(skb, NULL, IP_CT_UNTRACKED);
		return NF_ACCEPT;
	}
	if (verdict != NF_ACCEPT)
		return verdict;
	return nf_conntrack_in(skb, &ip_state);
}

/*
 * LOCAL_IN: a frame for the host keeps its entry; any other one (a
 * promiscuous bridge's copy, flooded broadcast) leaves it unconfirmed so
 * that the host's own PRE_ROUTING tracks it afresh, and a copy seen only
 * because the bridge is promiscuous is not tracked at all.
 */
static unsigned int lbr_ct_local_in(void *priv, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	struct nf_conntrack *nfct = skb_nfct(skb);
	struct nf_conn *ct;

	if (LBR_INPUT_CB(skb)->promisc) {
		nf_reset_ct(skb);
		return NF_ACCEPT;
	}
	if (!nfct || skb->pkt_type == PACKET_HOST)
		return NF_ACCEPT;
	/* Clones of one broadcast may be confirmed concurrently: never here. */
	ct = container_of(nfct, struct nf_conn, ct_general);
	if (nf_ct_is_confirmed(ct) || nf_ct_is_template(ct))
		return NF_ACCEPT;
	skb->_nfct = 0;
	nf_ct_put(ct);
	return NF_ACCEPT;
}

/* What a fragment needs of the frame it was cut from. */
static void lbr_ct_frag_data(const struct sk_buff *skb,
			     struct nf_bridge_frag_data *data)
{
	data->vlan_present = skb_vlan_tag_present(skb);
	if (data->vlan_present) {
		data->vlan_tci = skb->vlan_tci;
		data->vlan_proto = skb->vlan_proto;
	}
	skb_copy_from_linear_data_offset(skb, -ETH_HLEN, data->mac, ETH_HLEN);
}

/* Each fragment gets the frame's Ethernet header and tag, then leaves. */
static int lbr_ct_frag_xmit(struct net *net, struct sock *sk,
			    const struct nf_bridge_frag_data *data,
			    struct sk_buff *skb)
{
	if (skb_cow_head(skb, ETH_HLEN)) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	if (data->vlan_present)
		__vlan_hwaccel_put_tag(skb, data->vlan_proto, data->vlan_tci);
	else
		__vlan_hwaccel_clear_tag(skb);
	skb_copy_to_linear_data_offset(skb, -ETH_HLEN, data->mac, ETH_HLEN);
	skb_reset_mac_header(skb);
	return lbr_nf_port_xmit(net, sk, skb);
}

/*
 * Where the transport header starts (6.1's nf_confirm() wants it):
 * -EPFNOSUPPORT for what is not IP, -EINVAL for IPv6 that cannot be
 * walked or is a fragment.
 */
static int __maybe_unused lbr_ct_protoff(struct sk_buff *skb)
{
	unsigned char nexthdr;
	__be16 frag_off;
	int protoff;

	switch (skb->protocol) {
	case htons(ETH_P_IP):
		return skb_network_offset(skb) + ip_hdrlen(skb);
	case htons(ETH_P_IPV6):
		nexthdr = ipv6_hdr(skb)->nexthdr;
		protoff = ipv6_skip_exthdr(skb, sizeof(struct ipv6hdr), &nexthdr,
					   &frag_off);
		if (protoff < 0 || (frag_off & htons(~0x7)))
			return -EINVAL;
		return protoff;
	}
	return -EPFNOSUPPORT;
}

LBR_NF_CONFIRM_ADAPTER(lbr_ct_confirm)

/* POST_ROUTING: confirm the entry, then send what was reassembled as fragments. */
static unsigned int lbr_ct_post(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct nf_bridge_frag_data data;
	unsigned int verdict;

	verdict = lbr_ct_confirm(priv, skb, state);
	if (verdict != NF_ACCEPT)
		return verdict;
	if (!LBR_INPUT_CB(skb)->frag_max_size)
		return NF_ACCEPT;
	lbr_ct_frag_data(skb, &data);
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		lbr_nf_ip_fragment(state->net, state->sk, skb, &data,
				   lbr_ct_frag_xmit);
		return NF_STOLEN;
	case htons(ETH_P_IPV6):
		nf_br_ip6_fragment(state->net, state->sk, skb, &data,
				   lbr_ct_frag_xmit);
		return NF_STOLEN;
	}
	/* Only IP is ever reassembled. */
	WARN_ON_ONCE(1);
	return NF_DROP;
}

static struct nf_hook_ops lbr_ct_hook_ops[] __read_mostly = {
	{
		.hook		= lbr_ct_pre,
		.pf		= NFPROTO_BRIDGE,
		.hooknum	= NF_BR_PRE_ROUTING,
		.priority	= NF_IP_PRI_CONNTRACK,
	},
	{
		.hook		= lbr_ct_local_in,
		.pf		= NFPROTO_BRIDGE,
		.hooknum	= NF_BR_LOCAL_IN,
		.priority	= NF_IP_PRI_CONNTRACK_CONFIRM,
	},
	{
		.hook		= lbr_ct_post,
		.pf		= NFPROTO_BRIDGE,
		.hooknum	= NF_BR_POST_ROUTING,
		.priority	= NF_IP_PRI_CONNTRACK_CONFIRM,
	},
};

static struct nf_ct_bridge_info lbr_ct_bridge_info = {
	.ops		= lbr_ct_hook_ops,
	.ops_size	= ARRAY_SIZE(lbr_ct_hook_ops),
	.me		= THIS_MODULE,
};

/*
 * nf_conntrack registers the hooks in a netns once a bridge-family rule
 * there needs tracking (nf_ct_netns_get); it asks for this module by the
 * in-tree one's name, which lbridge.conf routes here.
 */
static int __init lbr_ct_init(void)
{
	nf_ct_bridge_register(&lbr_ct_bridge_info);
	return 0;
}

static void __exit lbr_ct_exit(void)
{
	nf_ct_bridge_unregister(&lbr_ct_bridge_info);
}

module_init(lbr_ct_init);
module_exit(lbr_ct_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lbridge: connection tracking of bridged IPv4/IPv6");

// SPDX-License-Identifier: GPL-2.0
/* The snooping stage: IGMP and MLD messages update the MDB, the queriers and the router ports. */

#include "lbridge/mcast.h"
#include "lbridge/pipeline.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/if_bridge.h>
#include <linux/igmp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/pim.h>
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/mld.h>

static void lbr_mcast_key4(struct lbr_mdb_key *key, __be32 group, u16 vid)
{
	memset(key, 0, sizeof(*key));
	key->dst.ip4 = group;
	key->proto = htons(ETH_P_IP);
	key->vid = vid;
}

static void lbr_mcast_key6(struct lbr_mdb_key *key,
			   const struct in6_addr *group, u16 vid)
{
	memset(key, 0, sizeof(*key));
	key->dst.ip6 = *group;
	key->proto = htons(ETH_P_IPV6);
	key->vid = vid;
}

/*
 * A join: @p (the bridge device when NULL) becomes a member.  Like in-tree
 * a full MDB turns snooping off; unlike in-tree the report still goes on
 * to the routers (it is theirs, whatever this bridge could record).
 */
static void lbr_mcast_join(struct lbr_frame *fr, const struct lbr_mdb_key *key)
{
	struct lbr_bridge *br = fr->br;

	spin_lock(&br->mcast.lock);
	lbr_mdb_join_locked(br, fr->in, key, MCAST_EXCLUDE,
			    eth_hdr(fr->skb)->h_source);
	spin_unlock(&br->mcast.lock);
}

static void lbr_mcast_leave(struct lbr_frame *fr, const struct lbr_mdb_key *key)
{
	struct lbr_bridge *br = fr->br;

	spin_lock(&br->mcast.lock);
	lbr_mdb_leave_locked(br, fr->in, key, eth_hdr(fr->skb)->h_source);
	spin_unlock(&br->mcast.lock);
}

/* A report from a port: it may answer the last general query. */
static void lbr_mcast_report_seen(struct lbr_frame *fr)
{
	struct lbr_bridge *br = fr->br;

	if (!fr->in)
		return;
	spin_lock(&br->mcast.lock);
	lbr_mcast_report_note_locked(br, fr->skb->protocol);
	spin_unlock(&br->mcast.lock);
}

/* A general query names its querier; a group query shortens memberships. */
static void lbr_mcast_query(struct lbr_frame *fr, const struct lbr_mdb_key *key,
			    const void *saddr, unsigned long max_delay)
{
	struct lbr_bridge *br = fr->br;

	spin_lock(&br->mcast.lock);
	if (key)
		lbr_mcast_group_query_locked(br, key, max_delay);
	else
		lbr_mcast_query_seen_locked(br, fr->in, fr->skb->protocol,
					    saddr, max_delay);
	spin_unlock(&br->mcast.lock);
}

/* IGMPv1/2 membership, as a join of any source; 224.0.0.x is never pruned. */
static void lbr_mcast_ip4_join(struct lbr_frame *fr, __be32 group)
{
	struct lbr_mdb_key key;

	if (ipv4_is_local_multicast(group))
		return;
	lbr_mcast_key4(&key, group, fr->vid);
	lbr_mcast_join(fr, &key);
}

static void lbr_mcast_ip4_leave(struct lbr_frame *fr, __be32 group)
{
	struct lbr_mdb_key key;

	if (ipv4_is_local_multicast(group))
		return;
	lbr_mcast_key4(&key, group, fr->vid);
	lbr_mcast_leave(fr, &key);
}

/*
 * IGMPv3 reports as a version 2 snooper reads them (mcast_igmp_version 2,
 * the default): a record that includes no source is a leave, any other a
 * join of the whole group.
 */
static int lbr_mcast_igmp3_report(struct lbr_frame *fr)
{
	struct sk_buff *skb = fr->skb;
	const struct igmpv3_report *ih = igmpv3_report_hdr(skb);
	int i, num = ntohs(ih->ngrec);
	int len = skb_transport_offset(skb) + sizeof(*ih);
	const struct igmpv3_grec *grec;
	u16 nsrcs;

	for (i = 0; i < num; i++) {
		len += sizeof(*grec);
		if (!ip_mc_may_pull(skb, len))
			return -EINVAL;
		grec = (void *)(skb->data + len - sizeof(*grec));
		nsrcs = ntohs(grec->grec_nsrcs);
		len += nsrcs * 4;
		if (!ip_mc_may_pull(skb, len))
			return -EINVAL;
		/* Reload: the pull may have moved the data. */
		grec = (void *)(skb->data + len - nsrcs * 4 - sizeof(*grec));
		switch (grec->grec_type) {
		case IGMPV3_MODE_IS_INCLUDE:
		case IGMPV3_CHANGE_TO_INCLUDE:
			if (!nsrcs) {
				lbr_mcast_ip4_leave(fr, grec->grec_mca);
				break;
			}
			fallthrough;
		case IGMPV3_MODE_IS_EXCLUDE:
		case IGMPV3_CHANGE_TO_EXCLUDE:
		case IGMPV3_ALLOW_NEW_SOURCES:
		case IGMPV3_BLOCK_OLD_SOURCES:
			lbr_mcast_ip4_join(fr, grec->grec_mca);
			break;
		}
	}
	return 0;
}

/* An IGMP query: general (no group) or about one group. */
static void lbr_mcast_ip4_query(struct lbr_frame *fr)
{
	struct sk_buff *skb = fr->skb;
	unsigned int transport_len = ip_transport_len(skb);
	const struct igmphdr *ih = igmp_hdr(skb);
	const struct igmpv3_query *ih3;
	unsigned long max_delay;
	struct lbr_mdb_key key;
	__be32 group = ih->group;

	if (transport_len == sizeof(*ih)) {
		max_delay = ih->code * (HZ / IGMP_TIMER_SCALE);
		if (!max_delay) {	/* IGMPv1 */
			max_delay = 10 * HZ;
			group = 0;
		}
	} else if (transport_len >= sizeof(*ih3)) {
		ih3 = igmpv3_query_hdr(skb);
		if (ih3->nsrcs)
			return;
		max_delay = ih3->code ?
			    lbr_igmpv3_mrt(ih3) * (HZ / IGMP_TIMER_SCALE) : 1;
	} else {
		return;
	}
	if (!group) {
		lbr_mcast_query(fr, NULL, &ip_hdr(skb)->saddr, max_delay);
		return;
	}
	lbr_mcast_key4(&key, group, fr->vid);
	lbr_mcast_query(fr, &key, NULL, max_delay);
}

/* A router beyond the frame's port says so (PIM hello, MRD advertisement). */
static void lbr_mcast_router_says(struct lbr_frame *fr)
{
	struct lbr_bridge *br = fr->br;

	spin_lock(&br->mcast.lock);
	lbr_mcast_router_seen_locked(br, fr->in, fr->skb->protocol);
	spin_unlock(&br->mcast.lock);
}

static void lbr_mcast_ip4_pim(struct lbr_frame *fr)
{
	struct sk_buff *skb = fr->skb;
	const struct pimhdr *pim;
	struct pimhdr _pim;

	if (ip_hdr(skb)->protocol != IPPROTO_PIM)
		return;
	pim = skb_header_pointer(skb, skb_transport_offset(skb), sizeof(_pim),
				 &_pim);
	if (pim && pim_hdr_version(pim) == PIM_VERSION &&
	    pim_hdr_type(pim) == PIM_TYPE_HELLO)
		lbr_mcast_router_says(fr);
}

/*
 * IP multicast that is not IGMP: routers only (once a querier is heard)
 * unless link-local; PIM hellos and router advertisements (RFC 4286) mark
 * their port as a router's.
 */
static void lbr_mcast_ip4_other(struct lbr_frame *fr)
{
	struct sk_buff *skb = fr->skb;
	__be32 daddr = ip_hdr(skb)->daddr;

	if (!ipv4_is_local_multicast(daddr))
		LBR_INPUT_CB(skb)->mrouters_only = 1;
	else if (pim_ipv4_all_pim_routers(daddr))
		lbr_mcast_ip4_pim(fr);
}

static int lbr_mcast_ip4_rcv(struct lbr_frame *fr)
{
	struct sk_buff *skb = fr->skb;
	const struct igmphdr *ih;
	int err;

	err = ip_mc_check_igmp(skb);
	if (err == -ENOMSG) {
		/* An MRD advertisement fails the check: not a host message. */
		if (ipv4_is_all_snoopers(ip_hdr(skb)->daddr) &&
		    ip_hdr(skb)->protocol == IPPROTO_IGMP &&
		    igmp_hdr(skb)->type == IGMP_MRDISC_ADV)
			lbr_mcast_router_says(fr);
		else
			lbr_mcast_ip4_other(fr);
		return 0;
	}
	if (err < 0)
		return err;
	ih = igmp_hdr(skb);
	LBR_INPUT_CB(skb)->igmp = ih->type;
	switch (ih->type) {
	case IGMP_HOST_MEMBERSHIP_REPORT:
	case IGMPV2_HOST_MEMBERSHIP_REPORT:
		LBR_INPUT_CB(skb)->mrouters_only = 1;
		lbr_mcast_report_seen(fr);
		lbr_mcast_ip4_join(fr, ih->group);
		break;
	case IGMPV3_HOST_MEMBERSHIP_REPORT:
		lbr_mcast_report_seen(fr);
		return lbr_mcast_igmp3_report(fr);
	case IGMP_HOST_MEMBERSHIP_QUERY:
		lbr_mcast_ip4_query(fr);
		break;
	case IGMP_HOST_LEAVE_MESSAGE:
		lbr_mcast_ip4_leave(fr, ih->group);
		break;
	}
	return 0;
}

/* MLD membership; ff02::1 is never pruned. */
static void lbr_mcast_ip6_member(struct lbr_frame *fr,
				 const struct in6_addr *group, bool join)
{
	struct lbr_mdb_key key;

	if (ipv6_addr_is_ll_all_nodes(group))
		return;
	lbr_mcast_key6(&key, group, fr->vid);
	if (join)
		lbr_mcast_join(fr, &key);
	else
		lbr_mcast_leave(fr, &key);
}

/* MLDv2 reports as an MLDv1 snooper reads them (mcast_mld_version 1). */
static int lbr_mcast_mld2_report(struct lbr_frame *fr)
{
	struct sk_buff *skb = fr->skb;
	unsigned int end = skb_transport_offset(skb) + ipv6_transport_len(skb);
	int i, num, len = skb_transport_offset(skb) + sizeof(struct icmp6hdr);
	const struct mld2_grec *grec;
	__be16 *_nsrcs, __nsrcs;
	u16 nsrcs;

	if (!ipv6_mc_may_pull(skb, len))
		return -EINVAL;
	num = ntohs(icmp6_hdr(skb)->icmp6_dataun.un_data16[1]);
	for (i = 0; i < num; i++) {
		unsigned int off = len + offsetof(struct mld2_grec, grec_nsrcs);

		if (end < off + sizeof(__nsrcs))
			return -EINVAL;
		_nsrcs = skb_header_pointer(skb, off, sizeof(__nsrcs), &__nsrcs);
		if (!_nsrcs)
			return -EINVAL;
		nsrcs = ntohs(*_nsrcs);
		if (!ipv6_mc_may_pull(skb, len + struct_size(grec, grec_src, nsrcs)))
			return -EINVAL;
		grec = (struct mld2_grec *)(skb->data + len);
		len += struct_size(grec, grec_src, nsrcs);
		switch (grec->grec_type) {
		case MLD2_MODE_IS_INCLUDE:
		case MLD2_CHANGE_TO_INCLUDE:
			if (!nsrcs) {
				lbr_mcast_ip6_member(fr, &grec->grec_mca, false);
				break;
			}
			fallthrough;
		case MLD2_MODE_IS_EXCLUDE:
		case MLD2_CHANGE_TO_EXCLUDE:
		case MLD2_ALLOW_NEW_SOURCES:
		case MLD2_BLOCK_OLD_SOURCES:
			lbr_mcast_ip6_member(fr, &grec->grec_mca, true);
			break;
		}
	}
	return 0;
}

/* An MLD query: only from link-local sources (RFC 2710, RFC 3810). */
static int lbr_mcast_ip6_query(struct lbr_frame *fr)
{
	struct sk_buff *skb = fr->skb;
	unsigned int offset = skb_transport_offset(skb);
	const struct in6_addr *group = NULL;
	const struct mld2_query *mld2q;
	const struct mld_msg *mld;
	unsigned long max_delay;
	struct lbr_mdb_key key;

	if (!(ipv6_addr_type(&ipv6_hdr(skb)->saddr) & IPV6_ADDR_LINKLOCAL))
		return 0;
	if (ipv6_transport_len(skb) == sizeof(*mld)) {
		if (!pskb_may_pull(skb, offset + sizeof(*mld)))
			return -EINVAL;
		mld = (struct mld_msg *)icmp6_hdr(skb);
		max_delay = msecs_to_jiffies(ntohs(mld->mld_maxdelay));
		if (max_delay)
			group = &mld->mld_mca;
	} else {
		if (!pskb_may_pull(skb, offset + sizeof(*mld2q)))
			return -EINVAL;
		mld2q = (struct mld2_query *)icmp6_hdr(skb);
		if (!mld2q->mld2q_nsrcs)
			group = &mld2q->mld2q_mca;
		max_delay = max(msecs_to_jiffies(lbr_mldv2_mrd(mld2q)), 1UL);
	}
	if (!group)
		return 0;
	if (ipv6_addr_any(group)) {
		lbr_mcast_query(fr, NULL, &ipv6_hdr(skb)->saddr, max_delay);
		return 0;
	}
	lbr_mcast_key6(&key, group, fr->vid);
	lbr_mcast_query(fr, &key, NULL, max_delay);
	return 0;
}

static int lbr_mcast_ip6_rcv(struct lbr_frame *fr)
{
	struct sk_buff *skb = fr->skb;
	const struct mld_msg *mld;
	int err;

	err = ipv6_mc_check_mld(skb);
	if (err == -ENOMSG || err == -ENODATA) {
		if (!ipv6_addr_is_ll_all_nodes(&ipv6_hdr(skb)->daddr))
			LBR_INPUT_CB(skb)->mrouters_only = 1;
		/* ICMPv6 but not MLD: a router advertisement (RFC 4286)? */
		if (err == -ENODATA &&
		    ipv6_addr_is_all_snoopers(&ipv6_hdr(skb)->daddr) &&
		    icmp6_hdr(skb)->icmp6_type == ICMPV6_MRDISC_ADV)
			lbr_mcast_router_says(fr);
		return 0;
	}
	if (err < 0)
		return err;
	mld = (struct mld_msg *)skb_transport_header(skb);
	LBR_INPUT_CB(skb)->igmp = mld->mld_type;
	switch (mld->mld_type) {
	case ICMPV6_MGM_REPORT:
		LBR_INPUT_CB(skb)->mrouters_only = 1;
		lbr_mcast_report_seen(fr);
		lbr_mcast_ip6_member(fr, &mld->mld_mca, true);
		break;
	case ICMPV6_MLD2_REPORT:
		lbr_mcast_report_seen(fr);
		return lbr_mcast_mld2_report(fr);
	case ICMPV6_MGM_QUERY:
		return lbr_mcast_ip6_query(fr);
	case ICMPV6_MGM_REDUCTION:
		lbr_mcast_ip6_member(fr, &mld->mld_mca, false);
		break;
	}
	return 0;
}

/**
 * lbr_stage_mcast_snoop() - the snooping stage of a multicast frame
 * @fr: the frame, its VLAN classified; fr->in NULL when the host sent it
 *
 * IGMP and MLD messages update the MDB; other IP multicast is marked for
 * the routers (lbr_stage_mcast_decide()).  As in-tree, a malformed IP
 * header or IGMP/MLD message is dropped and counted.
 *
 * Context: RCU read section, BH disabled.
 * Return: 0, or a negative errno when the frame must be dropped.
 */
int lbr_stage_mcast_snoop(struct lbr_frame *fr)
{
	int err;

	switch (fr->skb->protocol) {
	case htons(ETH_P_IP):
		err = lbr_mcast_ip4_rcv(fr);
		break;
	case htons(ETH_P_IPV6):
		err = IS_ENABLED(CONFIG_IPV6) ? lbr_mcast_ip6_rcv(fr) : 0;
		break;
	default:
		return 0;
	}
	/*
	 * As in-tree: every message that parsed, whatever it then did; a
	 * parse error only where the checks failed, before the type was read.
	 */
	lbr_mcast_count(fr->br, fr->in, fr->skb, LBR_INPUT_CB(fr->skb)->igmp,
			BR_MCAST_DIR_RX);
	if (err && !LBR_INPUT_CB(fr->skb)->igmp)
		lbr_mcast_count_error(fr->br, fr->in, fr->skb->protocol);
	if (err)
		atomic_long_inc(&fr->br->mcast.invalid);
	return err;
}

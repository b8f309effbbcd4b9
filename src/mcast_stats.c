// SPDX-License-Identifier: GPL-2.0
/* IGMP/MLD message counters per bridge and port (mcast_stats_enabled), read through link xstats. */

#include "lbridge/mcast.h"
#include "lbridge/pipeline.h"
#include "lbridge/types.h"

#include <linux/icmpv6.h>
#include <linux/if_bridge.h>
#include <linux/igmp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/u64_stats_sync.h>
#include <net/ip.h>
#include <net/mld.h>

/**
 * struct lbr_mcast_stats - one CPU's share of the counters
 * @mstats: the counters, in their uapi layout
 * @syncp: for 32-bit readers
 */
struct lbr_mcast_stats {
	struct br_mcast_stats	mstats;
	struct u64_stats_sync	syncp;
};

/**
 * lbr_mcast_stats_alloc() - counters for a bridge or a port
 *
 * As in-tree they exist whether or not counting is on, so turning it on
 * cannot fail.
 *
 * Return: the per-CPU counters, or NULL.
 */
struct lbr_mcast_stats __percpu *lbr_mcast_stats_alloc(void)
{
	return netdev_alloc_pcpu_stats(struct lbr_mcast_stats);
}

void lbr_mcast_stats_free(struct lbr_mcast_stats __percpu *stats)
{
	free_percpu(stats);
}

/* An IGMP query's version, as in-tree tells them: by length, then code. */
static u64 *lbr_mcast_igmp_query_slot(struct br_mcast_stats *m,
				      const struct sk_buff *skb)
{
	unsigned int len = ntohs(ip_hdr(skb)->tot_len) - ip_hdrlen(skb);
	struct igmphdr _ih;
	const struct igmphdr *ih;

	if (len != sizeof(struct igmphdr))
		return m->igmp_v3queries;
	ih = skb_header_pointer(skb, skb_transport_offset(skb), sizeof(_ih),
				&_ih);
	if (!ih)
		return NULL;
	return ih->code ? m->igmp_v2queries : m->igmp_v1queries;
}

static u64 *lbr_mcast_igmp_slot(struct br_mcast_stats *m,
				const struct sk_buff *skb, u8 type)
{
	switch (type) {
	case IGMP_HOST_MEMBERSHIP_REPORT:
		return m->igmp_v1reports;
	case IGMPV2_HOST_MEMBERSHIP_REPORT:
		return m->igmp_v2reports;
	case IGMPV3_HOST_MEMBERSHIP_REPORT:
		return m->igmp_v3reports;
	case IGMP_HOST_MEMBERSHIP_QUERY:
		return lbr_mcast_igmp_query_slot(m, skb);
	case IGMP_HOST_LEAVE_MESSAGE:
		return m->igmp_leaves;
	}
	return NULL;
}

static u64 *lbr_mcast_mld_slot(struct br_mcast_stats *m,
			       const struct sk_buff *skb, u8 type)
{
	unsigned int len;

	switch (type) {
	case ICMPV6_MGM_REPORT:
		return m->mld_v1reports;
	case ICMPV6_MLD2_REPORT:
		return m->mld_v2reports;
	case ICMPV6_MGM_QUERY:
		len = ntohs(ipv6_hdr(skb)->payload_len) +
		      sizeof(struct ipv6hdr) - skb_network_header_len(skb);
		return len == sizeof(struct mld_msg) ? m->mld_v1queries :
						       m->mld_v2queries;
	case ICMPV6_MGM_REDUCTION:
		return m->mld_leaves;
	}
	return NULL;
}

/**
 * lbr_mcast_count() - count an IGMP/MLD message the bridge or a port saw
 * @br: bridge
 * @p: the port, NULL for the bridge device
 * @skb: the message, network and transport headers set
 * @type: its IGMP or MLD type (LBR_INPUT_CB(skb)->igmp), 0 for none
 * @dir: BR_MCAST_DIR_RX or BR_MCAST_DIR_TX
 *
 * Context: BH disabled (the counters are this CPU's).
 */
void lbr_mcast_count(const struct lbr_bridge *br, const struct lbr_port *p,
		     const struct sk_buff *skb, u8 type, u8 dir)
{
	struct lbr_mcast_stats *s;
	u64 *slot;

	if (!type || !test_bit(LBR_OPT_MCAST_STATS_ENABLED, &br->options))
		return;
	s = this_cpu_ptr(p ? p->mcast.stats : br->mcast.stats);
	u64_stats_update_begin(&s->syncp);
	if (skb->protocol == htons(ETH_P_IP))
		slot = lbr_mcast_igmp_slot(&s->mstats, skb, type);
	else if (IS_ENABLED(CONFIG_IPV6) && skb->protocol == htons(ETH_P_IPV6))
		slot = lbr_mcast_mld_slot(&s->mstats, skb, type);
	else
		slot = NULL;
	if (slot)
		slot[dir]++;
	u64_stats_update_end(&s->syncp);
}

/**
 * lbr_mcast_count_error() - count an IGMP/MLD message that failed its checks
 * @br: bridge
 * @p: the port it came in on, NULL for the bridge device
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6)
 *
 * Context: BH disabled.
 */
void lbr_mcast_count_error(const struct lbr_bridge *br, const struct lbr_port *p,
			   __be16 proto)
{
	struct lbr_mcast_stats *s;

	if (!test_bit(LBR_OPT_MCAST_STATS_ENABLED, &br->options))
		return;
	s = this_cpu_ptr(p ? p->mcast.stats : br->mcast.stats);
	u64_stats_update_begin(&s->syncp);
	if (proto == htons(ETH_P_IP))
		s->mstats.igmp_parse_errors++;
	else
		s->mstats.mld_parse_errors++;
	u64_stats_update_end(&s->syncp);
}

static void lbr_mcast_add_dirs(u64 *dst, const u64 *src)
{
	dst[BR_MCAST_DIR_RX] += src[BR_MCAST_DIR_RX];
	dst[BR_MCAST_DIR_TX] += src[BR_MCAST_DIR_TX];
}

static void lbr_mcast_stats_sum(struct br_mcast_stats *d,
				const struct br_mcast_stats *s)
{
	lbr_mcast_add_dirs(d->igmp_v1queries, s->igmp_v1queries);
	lbr_mcast_add_dirs(d->igmp_v2queries, s->igmp_v2queries);
	lbr_mcast_add_dirs(d->igmp_v3queries, s->igmp_v3queries);
	lbr_mcast_add_dirs(d->igmp_leaves, s->igmp_leaves);
	lbr_mcast_add_dirs(d->igmp_v1reports, s->igmp_v1reports);
	lbr_mcast_add_dirs(d->igmp_v2reports, s->igmp_v2reports);
	lbr_mcast_add_dirs(d->igmp_v3reports, s->igmp_v3reports);
	lbr_mcast_add_dirs(d->mld_v1queries, s->mld_v1queries);
	lbr_mcast_add_dirs(d->mld_v2queries, s->mld_v2queries);
	lbr_mcast_add_dirs(d->mld_leaves, s->mld_leaves);
	lbr_mcast_add_dirs(d->mld_v1reports, s->mld_v1reports);
	lbr_mcast_add_dirs(d->mld_v2reports, s->mld_v2reports);
	d->igmp_parse_errors += s->igmp_parse_errors;
	d->mld_parse_errors += s->mld_parse_errors;
}

/**
 * lbr_mcast_stats_read() - the counters of the bridge or a port, summed
 * @br: bridge
 * @p: the port, NULL for the bridge device
 * @dest: filled; as in-tree, the byte and packet counts stay 0
 *
 * Context: any.
 */
void lbr_mcast_stats_read(const struct lbr_bridge *br, const struct lbr_port *p,
			  struct br_mcast_stats *dest)
{
	struct lbr_mcast_stats __percpu *stats = p ? p->mcast.stats :
						    br->mcast.stats;
	struct br_mcast_stats snap;
	unsigned int start;
	int cpu;

	memset(dest, 0, sizeof(*dest));
	for_each_possible_cpu(cpu) {
		const struct lbr_mcast_stats *s = per_cpu_ptr(stats, cpu);

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			memcpy(&snap, &s->mstats, sizeof(snap));
		} while (u64_stats_fetch_retry(&s->syncp, start));
		lbr_mcast_stats_sum(dest, &snap);
	}
}

/**
 * lbr_mcast_set_stats_enabled_rtnl() - mcast_stats_enabled
 * @br: bridge
 * @val: 0 stops counting, anything else starts it (the counts stay)
 * @extack: unused: nothing to refuse
 *
 * Context: RTNL held.
 * Return: 0.
 */
int lbr_mcast_set_stats_enabled_rtnl(struct lbr_bridge *br, unsigned long val,
				     struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (val)
		set_bit(LBR_OPT_MCAST_STATS_ENABLED, &br->options);
	else
		clear_bit(LBR_OPT_MCAST_STATS_ENABLED, &br->options);
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0 */
/* Multicast snooping: the MDB, router ports, queriers seen, and its stages. */
#ifndef _LBR_MCAST_H
#define _LBR_MCAST_H

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct br_mcast_stats;
struct lbr_bridge;
struct lbr_frame;
struct lbr_mcast_stats;
struct lbr_port;
struct netlink_ext_ack;
struct sk_buff;

/* In-tree defaults (net/bridge/br_multicast.c), in jiffies where a time. */
#define LBR_MCAST_HASH_MAX		4096
#define LBR_MCAST_HASH_ELASTICITY	16	/* reported, never settable */
#define LBR_MCAST_LAST_MEMBER_CNT	2
#define LBR_MCAST_STARTUP_QUERY_CNT	2
#define LBR_MCAST_LAST_MEMBER_INTVL	(1 * HZ)
#define LBR_MCAST_QUERY_INTVL		(125 * HZ)
#define LBR_MCAST_QUERY_RESPONSE_INTVL	(10 * HZ)
#define LBR_MCAST_QUERIER_INTVL		(255 * HZ)
#define LBR_MCAST_MEMBERSHIP_INTVL	(260 * HZ)
#define LBR_MCAST_STARTUP_QUERY_INTVL	(125 * HZ / 4)
#define LBR_MCAST_QUERY_INTVL_MIN	(1 * HZ)
#define LBR_MCAST_STARTUP_QUERY_INTVL_MIN (1 * HZ)
#define LBR_MCAST_EHT_HOSTS_LIMIT	512

/* A router port's expiry when it is one by configuration (never expires). */
#define LBR_MCAST_FOREVER		(~0UL)

/* lbr_port_group.flags; PERMANENT is MDB_PERMANENT, the dump's state */
#define LBR_PG_PERMANENT	BIT(0)
#define LBR_PG_FAST_LEAVE	BIT(2)	/* left by fast leave (in the DELMDB) */

/**
 * struct lbr_mdb_key - what a group is: address, protocol and VLAN
 * @dst: IPv4 or IPv6 group address, or a MAC group (L2 entries)
 * @proto: htons(ETH_P_IP), htons(ETH_P_IPV6), or 0 for a MAC group
 * @vid: VLAN, 0 without VLAN filtering
 *
 * Zero-filled before use: the whole key is hashed and compared.
 */
struct lbr_mdb_key {
	union {
		__be32		ip4;
		struct in6_addr	ip6;
		u8		mac[ETH_ALEN];
	} dst;
	__be16	proto;
	u16	vid;
};

/**
 * struct lbr_port_group - one port's membership in one group
 * @next: next membership of the group, ports by descending number; RCU
 *	readers, lbr_mcast.lock writers
 * @port: the member port; constant
 * @mp: the group; constant
 * @expires: jiffies when the membership ends unless refreshed (ignored
 *	for permanent ones); lbr_mcast.lock writers, READ_ONCE in dumps
 * @flags: LBR_PG_*; lbr_mcast.lock
 * @filter_mode: MCAST_EXCLUDE or MCAST_INCLUDE; lbr_mcast.lock
 * @rt_protocol: who added it (RTPROT_KERNEL when snooped); constant
 * @host: the reporting host's MAC (broadcast for a user's entry); a port
 *	with mcast_to_unicast has one membership per host, each sent its
 *	own unicast copy; constant
 * @rcu: deferred free
 */
struct lbr_port_group {
	struct lbr_port_group __rcu	*next;
	struct lbr_port			*port;
	struct lbr_mdb_entry		*mp;
	unsigned long			expires;
	u8				flags;
	u8				filter_mode;
	u8				rt_protocol;
	u8				host[ETH_ALEN];
	struct rcu_head			rcu;
};

/**
 * struct lbr_mdb_entry - one group the bridge knows members of
 * @rhnode: link in lbr_mcast.mdb_hash; lbr_mcast.lock
 * @key: the group; constant once inserted
 * @ports: member ports; RCU readers, lbr_mcast.lock writers
 * @list: link in lbr_mcast.mdb_list (dump order, newest first); RCU
 *	readers, lbr_mcast.lock writers
 * @host_expires: jiffies when the bridge device's own membership ends;
 *	lbr_mcast.lock
 * @host_joined: the bridge device is a member; lbr_mcast.lock writers,
 *	READ_ONCE in the datapath
 * @rcu: deferred free
 */
struct lbr_mdb_entry {
	struct rhash_head		rhnode;
	struct lbr_mdb_key		key;
	struct lbr_port_group __rcu	*ports;
	struct hlist_node		list;
	unsigned long			host_expires;
	bool				host_joined;
	struct rcu_head			rcu;
};

/**
 * struct lbr_mcast_querier - the querier this bridge has seen for one protocol
 * @expires: jiffies until which another querier is present (its last
 *	query plus querier_interval); lbr_mcast.lock writers, READ_ONCE
 * @delay_until: jiffies before which its presence does not prune yet
 *	(hosts have had no time to answer its first query); as @expires
 * @seen: a querier was ever seen since snooping started; as @expires
 * @ifindex: the port it was seen on; lbr_mcast.lock
 * @addr: its address (IPv4 or IPv6); lbr_mcast.lock
 * @query_at: jiffies of the last general query, the bridge's own out of a
 *	port or the elected querier's; lbr_mcast.lock
 * @query_window: how long after @query_at a report answers it; as
 *	@query_at
 * @queried: @query_at is valid; as @query_at
 * @answer_at: jiffies of the last report from a port that answered a
 *	general query; lbr_mcast.lock writers, READ_ONCE
 * @answered: @answer_at is valid; as @answer_at
 */
struct lbr_mcast_querier {
	unsigned long	expires;
	unsigned long	delay_until;
	bool		seen;
	bool		queried;
	bool		answered;
	int		ifindex;
	union {
		__be32		ip4;
		struct in6_addr	ip6;
	} addr;
	unsigned long	query_at;
	unsigned long	query_window;
	unsigned long	answer_at;
};

/**
 * struct lbr_mcast_own_query - the bridge's own general queries, to one side
 * @work: sends the next query; armed while the bridge is the querier
 * @br: bridge; constant
 * @port: the port queried, NULL for the host side; constant
 * @proto: htons(ETH_P_IP) or htons(ETH_P_IPV6); constant
 * @startup_sent: startup queries sent so far; lbr_mcast.lock
 */
struct lbr_mcast_own_query {
	struct delayed_work	work;
	struct lbr_bridge	*br;
	struct lbr_port		*port;
	__be16			proto;
	u32			startup_sent;
};

/**
 * struct lbr_mcast - a bridge's snooping state and settings
 * @lock: serialises the MDB, the router lists and the queriers; taken in
 *	softirq (snooping), so _bh from process context
 * @mdb_hash: groups by key; RCU lookups, @lock writers
 * @mdb_list: every group, newest first (dumps); RCU readers, @lock writers
 * @mdb_count: groups in @mdb_hash; @lock
 * @gc_work: expires memberships, router ports and host joins; armed for
 *	the earliest expiry while the bridge is up
 * @router_list: ports that are IPv4 or IPv6 multicast routers, by
 *	descending port number; RCU readers, @lock writers
 * @ip4_querier: IGMP querier seen; @lock writers
 * @ip6_querier: MLD querier seen; @lock writers
 * @own4: the bridge's own IGMP queries to the host side
 * @own6: the bridge's own MLD queries to the host side
 * @has_ip6_addr: the bridge had an IPv6 address for its last MLD query
 *	(an MLD querier only then); @lock writers, READ_ONCE
 * @local_router4: when the bridge device stops being an IPv4 router
 *	(router 1 and an IGMP query from the host); @lock writers, READ_ONCE
 * @local_router6: same for IPv6 (an MLD query from the host)
 * @gc_next: when @gc_work is due while @gc_armed; @lock
 * @gc_armed: @gc_work is queued for @gc_next; @lock
 * @hash_max: limit on @mdb_count; RTNL writers, READ_ONCE
 * @last_member_count: IFLA_BR_MCAST_LAST_MEMBER_CNT; RTNL writers
 * @startup_query_count: IFLA_BR_MCAST_STARTUP_QUERY_CNT; RTNL writers
 * @last_member_interval: jiffies; RTNL writers, READ_ONCE
 * @membership_interval: jiffies; RTNL writers, READ_ONCE
 * @querier_interval: jiffies; RTNL writers, READ_ONCE
 * @query_interval: jiffies; RTNL writers, READ_ONCE
 * @query_response_interval: jiffies; RTNL writers, READ_ONCE
 * @startup_query_interval: jiffies; RTNL writers, READ_ONCE
 * @router: the bridge device's MDB_RTR_TYPE_* (0, 1 or 2); RTNL writers
 *	under @lock, READ_ONCE
 * @querier: mcast_querier (the bridge's own querier); RTNL
 * @snoopers: the bridge device is in the all-snoopers groups; RTNL
 * @igmp_version: 2 or 3; RTNL
 * @mld_version: 1 or 2; RTNL
 * @prune_rule: enum lbr_mcast_prune_rule; RTNL writers, READ_ONCE
 * @stats: the bridge device's IGMP/MLD counters, per CPU; allocated with
 *	the bridge, freed after its last reader
 * @invalid: IGMP/MLD messages dropped as malformed; atomic
 */
struct lbr_mcast {
	spinlock_t		lock;	/* MDB and router state writers */
	struct rhashtable	mdb_hash;
	struct hlist_head	mdb_list;
	unsigned int		mdb_count;
	struct delayed_work	gc_work;
	struct hlist_head	router_list;
	struct lbr_mcast_querier ip4_querier;
	struct lbr_mcast_querier ip6_querier;
	struct lbr_mcast_own_query own4;
	struct lbr_mcast_own_query own6;
	bool			has_ip6_addr;
	unsigned long		local_router4;
	unsigned long		local_router6;
	unsigned long		gc_next;
	bool			gc_armed;
	u32			hash_max;
	u32			last_member_count;
	u32			startup_query_count;
	unsigned long		last_member_interval;
	unsigned long		membership_interval;
	unsigned long		querier_interval;
	unsigned long		query_interval;
	unsigned long		query_response_interval;
	unsigned long		startup_query_interval;
	u8			router;
	u8			querier;
	bool			snoopers;
	u8			igmp_version;
	u8			mld_version;
	u8			prune_rule;
	struct lbr_mcast_stats __percpu *stats;
	atomic_long_t		invalid;
};

/**
 * struct lbr_mcast_port - a port's snooping state
 * @router: MDB_RTR_TYPE_* (0..3); RTNL writers under lbr_mcast.lock,
 *	READ_ONCE
 * @rlist: link in lbr_mcast.router_list while a router for either
 *	protocol; lbr_mcast.lock
 * @ip4_router_expires: jiffies when a learnt IPv4 router goes; 0 when
 *	not an IPv4 router; lbr_mcast.lock
 * @ip6_router_expires: same for IPv6
 * @eht_hosts_limit: IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT; RTNL
 * @own4: the bridge's own IGMP queries out of this port
 * @own6: the bridge's own MLD queries out of this port
 * @stats: the port's IGMP/MLD counters, per CPU; allocated with the port,
 *	freed with its memory (after its last reader)
 */
struct lbr_mcast_port {
	u8			router;
	struct hlist_node	rlist;
	unsigned long		ip4_router_expires;
	unsigned long		ip6_router_expires;
	u32			eht_hosts_limit;
	struct lbr_mcast_own_query own4;
	struct lbr_mcast_own_query own6;
	struct lbr_mcast_stats __percpu *stats;
};

/* bridge lifetime (mcast.c) */
int lbr_mcast_bridge_init(struct lbr_bridge *br);
void lbr_mcast_bridge_uninit_rtnl(struct lbr_bridge *br);
void lbr_mcast_open_rtnl(struct lbr_bridge *br);
void lbr_mcast_stop_rtnl(struct lbr_bridge *br);
int lbr_mcast_port_init_rtnl(struct lbr_port *p);
void lbr_mcast_port_release(struct lbr_port *p);
void lbr_mcast_port_uninit_rtnl(struct lbr_port *p);
void lbr_mcast_port_state_rtnl(struct lbr_port *p, bool enabled);
void lbr_mcast_toggle_rtnl(struct lbr_bridge *br, bool on);
bool lbr_mcast_snooping(const struct lbr_bridge *br);

/* settings (mcast_options.c): values as the control paths carry them */
int lbr_mcast_set_snooping_rtnl(struct lbr_bridge *br, unsigned long val,
				struct netlink_ext_ack *extack);
int lbr_mcast_set_router_rtnl(struct lbr_bridge *br, unsigned long val,
			      struct netlink_ext_ack *extack);
int lbr_mcast_set_querier_rtnl(struct lbr_bridge *br, unsigned long val,
			       struct netlink_ext_ack *extack);
int lbr_mcast_set_query_use_ifaddr_rtnl(struct lbr_bridge *br,
					unsigned long val,
					struct netlink_ext_ack *extack);
int lbr_mcast_set_stats_enabled_rtnl(struct lbr_bridge *br, unsigned long val,
				     struct netlink_ext_ack *extack);
int lbr_mcast_check_versions(unsigned int igmp, unsigned int mld,
			     struct netlink_ext_ack *extack);
int lbr_mcast_set_hash_elasticity_rtnl(struct lbr_bridge *br,
				       unsigned long val,
				       struct netlink_ext_ack *extack);
int lbr_mcast_set_hash_max_rtnl(struct lbr_bridge *br, unsigned long val,
				struct netlink_ext_ack *extack);
int lbr_mcast_set_last_member_count_rtnl(struct lbr_bridge *br,
					 unsigned long val,
					 struct netlink_ext_ack *extack);
int lbr_mcast_set_startup_query_count_rtnl(struct lbr_bridge *br,
					   unsigned long val,
					   struct netlink_ext_ack *extack);
int lbr_mcast_set_last_member_interval_rtnl(struct lbr_bridge *br,
					    unsigned long t,
					    struct netlink_ext_ack *extack);
int lbr_mcast_set_membership_interval_rtnl(struct lbr_bridge *br,
					   unsigned long t,
					   struct netlink_ext_ack *extack);
int lbr_mcast_set_querier_interval_rtnl(struct lbr_bridge *br,
					unsigned long t,
					struct netlink_ext_ack *extack);
int lbr_mcast_set_query_interval_rtnl(struct lbr_bridge *br, unsigned long t,
				      struct netlink_ext_ack *extack);
int lbr_mcast_set_query_response_interval_rtnl(struct lbr_bridge *br,
					       unsigned long t,
					       struct netlink_ext_ack *extack);
int lbr_mcast_set_startup_query_interval_rtnl(struct lbr_bridge *br,
					      unsigned long t,
					      struct netlink_ext_ack *extack);
int lbr_mcast_set_igmp_version_rtnl(struct lbr_bridge *br, unsigned long val,
				    struct netlink_ext_ack *extack);
int lbr_mcast_set_mld_version_rtnl(struct lbr_bridge *br, unsigned long val,
				   struct netlink_ext_ack *extack);
int lbr_mcast_port_set_router_rtnl(struct lbr_port *p, unsigned long val,
				   struct netlink_ext_ack *extack);
int lbr_mcast_port_set_eht_hosts_limit_rtnl(struct lbr_port *p,
					    unsigned long val,
					    struct netlink_ext_ack *extack);
size_t lbr_mcast_info_size(void);
int lbr_mcast_fill_info(struct sk_buff *skb, const struct lbr_bridge *br);
size_t lbr_mcast_port_info_size(void);
int lbr_mcast_fill_port_info(struct sk_buff *skb, const struct lbr_port *p);

/* the MDB (mdb.c); each takes lbr_mcast.lock itself unless _locked */
int lbr_mdb_init(struct lbr_bridge *br);
void lbr_mdb_uninit(struct lbr_bridge *br);
struct lbr_mdb_entry *lbr_mdb_find_rcu(struct lbr_bridge *br,
				       const struct lbr_mdb_key *key);
struct lbr_mdb_entry *lbr_mdb_get_locked(struct lbr_bridge *br,
					 const struct lbr_mdb_key *key);
struct lbr_port_group __rcu **lbr_mdb_pg_slot_locked(struct lbr_bridge *br,
						     struct lbr_mdb_entry *mp,
						     const struct lbr_port *p,
						     struct lbr_port_group **found);
struct lbr_port_group __rcu **lbr_mdb_pg_host_slot_locked(struct lbr_bridge *br,
							  struct lbr_mdb_entry *mp,
							  const struct lbr_port *p,
							  const u8 *host,
							  struct lbr_port_group **found);
struct lbr_port_group *lbr_mdb_pg_new_locked(struct lbr_bridge *br,
					     struct lbr_mdb_entry *mp,
					     struct lbr_port_group __rcu **pp,
					     struct lbr_port *p, u8 flags,
					     u8 rt_protocol);
void lbr_mdb_entry_put_locked(struct lbr_bridge *br, struct lbr_mdb_entry *mp);
void lbr_mdb_pg_del_locked(struct lbr_bridge *br,
			   struct lbr_port_group __rcu **pp,
			   struct lbr_port_group *pg);
void lbr_mdb_host_leave_locked(struct lbr_bridge *br,
			       struct lbr_mdb_entry *mp);
int lbr_mdb_join_locked(struct lbr_bridge *br, struct lbr_port *p,
			const struct lbr_mdb_key *key, u8 filter_mode,
			const u8 *host);
void lbr_mdb_leave_locked(struct lbr_bridge *br, struct lbr_port *p,
			  const struct lbr_mdb_key *key, const u8 *host);
void lbr_mdb_flush_port_rtnl(struct lbr_port *p, bool all);
void lbr_mdb_flush_rtnl(struct lbr_bridge *br);
void lbr_mcast_next(unsigned long *next, unsigned long e);
void lbr_mcast_gc_arm(struct lbr_bridge *br, unsigned long expires);
void lbr_mcast_gc_work(struct work_struct *work);

/* router ports and queriers seen (mcast_router.c) */
void lbr_mcast_query_seen_locked(struct lbr_bridge *br, struct lbr_port *p,
				 __be16 proto, const void *saddr,
				 unsigned long max_delay);
void lbr_mcast_group_query_locked(struct lbr_bridge *br,
				  const struct lbr_mdb_key *key,
				  unsigned long max_delay);
void lbr_mcast_router_mark_locked(struct lbr_bridge *br, struct lbr_port *p,
				  __be16 proto, unsigned long expires);
void lbr_mcast_routers_expire_locked(struct lbr_bridge *br,
				     unsigned long now, unsigned long *next);
void lbr_mcast_router_del_locked(struct lbr_port *p);
void lbr_mcast_router_seen_locked(struct lbr_bridge *br, struct lbr_port *p,
				  __be16 proto);
bool lbr_mcast_local_router(const struct lbr_bridge *br, __be16 proto);
bool lbr_mcast_querier_present(const struct lbr_bridge *br, __be16 proto);
struct lbr_mcast_querier *lbr_mcast_q(struct lbr_bridge *br, __be16 proto);

/* the bridge's own querier (mcast_querier.c) */
void lbr_mcast_querier_init(struct lbr_bridge *br);
void lbr_mcast_querier_port_init(struct lbr_port *p);
void lbr_mcast_querier_start_locked(struct lbr_bridge *br, __be16 proto);
void lbr_mcast_querier_port_start_locked(struct lbr_port *p);
void lbr_mcast_querier_defer_locked(struct lbr_bridge *br, __be16 proto,
				    unsigned long until);
void lbr_mcast_querier_port_stop(struct lbr_port *p, bool sync);
void lbr_mcast_querier_stop_rtnl(struct lbr_bridge *br);
void lbr_mcast_querier_leave_locked(struct lbr_bridge *br, struct lbr_port *p,
				    const struct lbr_mdb_key *key);
bool lbr_mcast_own_querier_active(struct lbr_bridge *br, __be16 proto);

/* IGMP/MLD counters (mcast_stats.c) */
struct lbr_mcast_stats __percpu *lbr_mcast_stats_alloc(void);
void lbr_mcast_stats_free(struct lbr_mcast_stats __percpu *stats);
void lbr_mcast_count(const struct lbr_bridge *br, const struct lbr_port *p,
		     const struct sk_buff *skb, u8 type, u8 dir);
void lbr_mcast_count_error(const struct lbr_bridge *br, const struct lbr_port *p,
			   __be16 proto);
void lbr_mcast_stats_read(const struct lbr_bridge *br, const struct lbr_port *p,
			  struct br_mcast_stats *dest);

/* the safe pruning rule (mcast_safe.c) */
void lbr_mcast_general_query_note_locked(struct lbr_bridge *br, __be16 proto,
					 unsigned long max_delay);
void lbr_mcast_report_note_locked(struct lbr_bridge *br, __be16 proto);
bool lbr_mcast_safe_may_prune(const struct lbr_bridge *br, __be16 proto,
			      bool registered);
int lbr_mcast_set_prune_rule_rtnl(struct lbr_bridge *br, u8 rule,
				  struct netlink_ext_ack *extack);

/* the datapath stages (mcast_snoop.c, mcast_fwd.c) */
int lbr_stage_mcast_snoop(struct lbr_frame *fr);
bool lbr_stage_mcast_decide(struct lbr_frame *fr);
void lbr_mcast_forward(struct lbr_frame *fr);

#endif /* _LBR_MCAST_H */

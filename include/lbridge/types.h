/* SPDX-License-Identifier: GPL-2.0 */
/* Shared lbridge structures, each member with the rule that protects it. */
#ifndef _LBR_TYPES_H
#define _LBR_TYPES_H

#include <linux/align.h>
#include <linux/build_bug.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/idr.h>
#include <linux/kfifo.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/rhashtable-types.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "lbridge/mcast.h"
#include "lbridge/rstp_types.h"

/*
 * Port numbers run 1..LBR_MAX_PORT_NO: the widest the ABI carries (u16 in
 * IFLA_BRPORT_NO, port_no + port_hi in brforward records).  The in-tree
 * bridge stops at 1023 because its STP port id keeps 10 bits for the
 * number; see lbr_port_make_id().
 */
#define LBR_MAX_PORT_NO		0xffff
#define LBR_PORT_ID_BITS	10
#define LBR_DEFAULT_PORT_PRIO	0x20
#define LBR_MAX_PORT_PRIO	63
#define LBR_DEFAULT_BR_PRIO	0x8000
#define LBR_DEFAULT_PATH_COST	100

/* values of lbr_bridge.stp_enabled, as the stp_state ABI numbers them */
enum lbr_stp_mode {
	LBR_NO_STP,
	LBR_KERNEL_STP,
	LBR_USER_STP,
};

/* bits of lbr_bridge.options */
enum lbr_option {
	LBR_OPT_NO_LL_LEARN,		/* do not learn from link-local frames */
	LBR_OPT_MTU_SET_BY_USER,	/* MTU no longer follows the ports */
	LBR_OPT_VLAN_FILTERING,		/* vlan_filtering 1 */
	LBR_OPT_GROUP_ADDR_SET,		/* group_addr is the user's */
	LBR_OPT_MST_ENABLED,		/* mst_enabled: VLAN states per MSTI */
	LBR_OPT_VLAN_STATS_ENABLED,	/* vlan_stats_enabled 1 */
	LBR_OPT_VLAN_STATS_PER_PORT,	/* vlan_stats_per_port 1 */
	LBR_OPT_NF_CALL_IPTABLES,	/* nf_call_iptables 1 (br_netfilter's) */
	LBR_OPT_NF_CALL_IP6TABLES,	/* nf_call_ip6tables 1 (br_netfilter's) */
	LBR_OPT_NF_CALL_ARPTABLES,	/* nf_call_arptables 1 (br_netfilter's) */
	LBR_OPT_MCAST_SNOOPING,		/* multicast_snooping 1 (mcast.c) */
	LBR_OPT_MCAST_QUERY_USE_IFADDR,	/* multicast_query_use_ifaddr 1 */
	LBR_OPT_MCAST_STATS_ENABLED,	/* multicast_stats_enabled 1 */
};

/**
 * struct lbr_flood_port - one port a flood may go to
 * @port: the port; NULL once it stopped forwarding (a tombstone: entries
 *	never move or get reused while the array is published)
 * @dev: @port's device; constant
 * @flags: copy of @port's BR_* flags; written with WRITE_ONCE under RTNL
 */
struct lbr_flood_port {
	struct lbr_port		*port;
	struct net_device	*dev;
	unsigned long		flags;
};

/**
 * struct lbr_flood_list - the ports in forwarding state, for flooding
 * @rcu: deferred free once replaced
 * @size: entries allocated
 * @count: entries in use, live or tombstones; only grows while published
 *	(smp_store_release after the new entry is written, smp_load_acquire
 *	in the datapath)
 * @ent: the entries
 *
 * RTNL writers append, tombstone or update flags in place; when full or
 * half dead the list is rebuilt into a new array and RCU-published.
 */
struct lbr_flood_list {
	struct rcu_head		rcu;
	unsigned int		size;
	unsigned int		count;
	struct lbr_flood_port	ent[];
};

/**
 * struct lbr_stp_timer - one 802.1D timer, run by the bridge's STP worker
 * @expires: jiffies at which it fires while @pending
 * @pending: running; RTNL, as every STP timer and state
 */
struct lbr_stp_timer {
	unsigned long	expires;
	bool		pending;
};

/**
 * struct lbr_stp_msg - a validated BPDU, queued from the datapath to the
 * STP worker (no skb is kept: the fifo needs no allocation)
 * @ifindex: the receiving port's device; with @port_no it names the port
 * @port_no: the receiving port's number
 * @type: LBR_BPDU_CONFIG, LBR_BPDU_TCN or LBR_BPDU_RST
 * @version: protocol version (0 STP, 2 RSTP)
 * @flags: the config BPDU's flags octet (TC 0x01, TC ack 0x80)
 * @port_id: the sender's port id
 * @root_path_cost: the sender's cost to the root
 * @root: the root the sender announces
 * @bridge: the sender's bridge id
 * @message_age: in 1/256 s, as on the wire
 * @max_age: in 1/256 s
 * @hello_time: in 1/256 s
 * @forward_delay: in 1/256 s
 * @repeats: identical BPDUs the port received while this one waited in
 *	lbr_bridge.stp_rx, folded into it (set when it leaves the fifo)
 */
struct lbr_stp_msg {
	int			ifindex;
	u16			port_no;
	u8			type;
	u8			version;
	u8			flags;
	u16			port_id;
	u32			root_path_cost;
	struct lbr_bridge_id	root;
	struct lbr_bridge_id	bridge;
	u16			message_age;
	u16			max_age;
	u16			hello_time;
	u16			forward_delay;
	u16			repeats;
};

#define LBR_STP_RX_QLEN		64

/**
 * struct lbr_stp_port_stats - STP counters of a port (BRIDGE_XSTATS_STP)
 * @transition_blk: entries into blocking under kernel STP
 * @transition_fwd: entries into forwarding under kernel STP
 * @rx_bpdu: config BPDUs processed
 * @tx_bpdu: config BPDUs sent
 * @rx_tcn: TCN BPDUs processed
 * @tx_tcn: TCN BPDUs sent
 *
 * All RTNL (the STP worker and control paths).
 */
struct lbr_stp_port_stats {
	u64	transition_blk;
	u64	transition_fwd;
	u64	rx_bpdu;
	u64	tx_bpdu;
	u64	rx_tcn;
	u64	tx_tcn;
};

/**
 * struct lbr_fdb_key - forwarding database key
 * @addr: station MAC address
 * @vid: VLAN id (always 0 until VLAN filtering exists)
 */
struct lbr_fdb_key {
	u8	addr[ETH_ALEN];
	u16	vid;
};

/*
 * Bits of lbr_fdb_entry.dst_flags below the port pointer (ports are
 * allocated LBR_PORT_ALIGN-aligned); atomic bitops, readers need no lock.
 */
enum lbr_fdb_flag {
	LBR_FDB_LOCAL,		/* host address: deliver up, never forward */
	LBR_FDB_STATIC,		/* never ages */
	LBR_FDB_STICKY,		/* never moves to another port */
	LBR_FDB_ADDED_BY_USER,	/* created through netlink */
	LBR_FDB_EXT_LEARN,	/* learnt by someone else: never ages */
	LBR_FDB_LEARNED,	/* learnt from traffic, counted in fdb_n_learned;
				 * cleared for good once the user takes it over
				 */
	LBR_FDB_NR_FLAGS
};

#define LBR_PORT_ALIGN		BIT(LBR_FDB_NR_FLAGS)
#define LBR_FDB_FLAG_MASK	(LBR_PORT_ALIGN - 1)

/*
 * Entry timestamps keep the low 32 bits of jiffies, and ages are signed
 * 32-bit differences: a stamp that a frame wrote after the reader took
 * its "now" is newer than now and reads as age 0, never as ancient.  The
 * ageing worker, which runs at least every LBR_FDB_AGE_MAX / 2 ticks,
 * ages every stamp no further than LBR_FDB_AGE_MAX (2^30 ticks: 49 days
 * at HZ=250), so a stamp is never 2^31 ticks old and the sign is never
 * ambiguous.  Longer hold times act as LBR_FDB_AGE_MAX.
 */
#define LBR_FDB_AGE_MAX		BIT(30)

/**
 * struct lbr_fdb_entry - one learnt or configured station
 * @rhnode: link in lbr_bridge.fdb_hash; insert/remove under hash_lock
 * @key: MAC and VLAN; constant once inserted
 * @dst_flags: the egress port (NULL for the bridge's own address) with
 *	the LBR_FDB_* bits in its low bits, so that a station fits in 48
 *	bytes.  Read with lbr_fdb_dst() and test_bit(); the port changes by
 *	lbr_fdb_set_dst() (cmpxchg) under hash_lock, or by learning under
 *	RCU alone (a station move); the bits by atomic bitops
 * @updated: low 32 bits of jiffies of the last frame from this station
 *	(lockless, READ_ONCE/WRITE_ONCE; written only when the tick changed;
 *	the ageing worker ages old ones no further, by cmpxchg)
 * @used: same, of the last frame forwarded to this station
 * @rcu: deferred free
 *
 * There is no list of entries besides @fdb_hash: ageing, flushes, dumps
 * and brforward walk the hash table (lbr_fdb_walk_*()).  The datapath
 * touches only the first five members.
 */
struct lbr_fdb_entry {
	struct rhash_head	rhnode;
	struct lbr_fdb_key	key;
	unsigned long		dst_flags;
	u32			updated;
	u32			used;
	struct rcu_head		rcu;
};

/* The egress port of @f; stays valid for the caller's RCU read section. */
static inline struct lbr_port *lbr_fdb_dst(const struct lbr_fdb_entry *f)
{
	return (struct lbr_port *)(READ_ONCE(f->dst_flags) & ~LBR_FDB_FLAG_MASK);
}

/*
 * Point @f at @p and clear the LBR_FDB_* bits in @clear, in one atomic
 * step: flag bitops may run at the same time.
 */
static inline void lbr_fdb_set_dst(struct lbr_fdb_entry *f, struct lbr_port *p,
				   unsigned long clear)
{
	unsigned long old = READ_ONCE(f->dst_flags), new;

	do {
		new = (unsigned long)p | (old & LBR_FDB_FLAG_MASK & ~clear);
	} while (!try_cmpxchg(&f->dst_flags, &old, new));
}

/* Ticks since @stamp, an entry timestamp, at @now; 0 if @stamp is newer. */
static inline unsigned long lbr_fdb_age(u32 stamp, unsigned long now)
{
	s32 age = (s32)((u32)now - stamp);

	return age > 0 ? age : 0;
}

/**
 * struct lbr_bridge - private data of a bridge net_device
 * @options: LBR_OPT_* bits, atomic bitops
 * @dev: the bridge net_device; constant (ebtables reads it after two
 *	spinlock_t: offset 8 on release kernels, more with lock debugging)
 * @port_list: ports; RTNL writers (list_add_rcu/list_del_rcu), RCU readers
 * @port_count: number of ports; RTNL
 * @ports: ports by number, and the allocator of numbers; RTNL
 * @flood: ports in forwarding state, for lbr_flood(); RTNL writers, RCU
 *	readers.  NULL means "walk @port_list" (before the first port
 *	forwards, or after an allocation failure)
 * @fwd_ports: number of ports in forwarding state (live @flood entries);
 *	RTNL
 * @enabled_ports: number of ports not in disabled state; RTNL
 * @dying: the bridge is being deleted: skip recomputing derived state
 *	as each port leaves; RTNL
 * @feat_valid: @feat_in and @feat_acc describe the current ports; RTNL
 * @feat_in: the features lbr_dev_fix_features() last folded the ports into
 * @feat_acc: the result of that fold, before the TSO fix-up; RTNL
 * @fdb_hash: forwarding database, the only index of its entries; RCU
 *	lookups and walks, inserts and removals under @hash_lock
 * @hash_lock: serialises FDB inserts, deletes and control-path changes;
 *	taken in softirq (learning), so always _bh from process context,
 *	and never held around rhashtable_walk_start/stop (ht->lock)
 * @fdb_count: number of FDB entries; @hash_lock
 * @fdb_n_learned: entries with LBR_FDB_LEARNED; @hash_lock writers
 *	(WRITE_ONCE), READ_ONCE in the datapath and control readers
 * @fdb_max_learned: learn no new station while @fdb_n_learned is at or
 *	above this, 0 = no limit; RTNL writers (WRITE_ONCE), READ_ONCE
 * @gc_work: ageing worker; armed while the bridge is up
 * @ageing_time: effective FDB hold time in jiffies, 0 = never learn (a
 *	topology change shortens it, as in-tree); RTNL writers, READ_ONCE in
 *	the datapath and the ageing worker
 * @bridge_ageing_time: configured hold time (jiffies); RTNL
 * @forward_delay: effective forward delay (jiffies); RTNL
 * @hello_time: effective hello time (jiffies); RTNL
 * @max_age: effective max age (jiffies); RTNL
 * @bridge_forward_delay: configured forward delay (jiffies); RTNL
 * @bridge_hello_time: configured hello time (jiffies); RTNL
 * @bridge_max_age: configured max age (jiffies); RTNL
 * @bridge_id: this bridge's identifier; RTNL
 * @designated_root: the root bridge's identifier; RTNL
 * @root_path_cost: cost to the root; RTNL
 * @root_port: port number towards the root, 0 when this is root; RTNL
 * @stp_enabled: enum lbr_stp_mode; RTNL writers (WRITE_ONCE), READ_ONCE
 *	in the datapath
 * @stp_mode: IFLA_BR_STP_MODE (enum br_stp_mode): how stp_state 1 picks
 *	user or kernel STP; RTNL
 * @stp_helper_active: /sbin/bridge-stp took the bridge at start, so it is
 *	told at stop; RTNL
 * @topology_change: topology change flag; RTNL
 * @topology_change_detected: topology change detected flag; RTNL
 * @hello_timer: 802.1D hello timer; RTNL
 * @tcn_timer: 802.1D topology change notification timer; RTNL
 * @topology_change_timer: 802.1D topology change timer; RTNL
 * @stp_timer_work: runs the STP timers that are due, under RTNL;
 *	cancelled (sync) in the destructor
 * @stp_next: when @stp_timer_work is due; RTNL
 * @stp_rx_work: runs the received BPDUs under RTNL; queued from the
 *	datapath, cancelled (sync) in the destructor
 * @stp_rx: BPDUs from the datapath to @stp_rx_work; @stp_rx_lock
 * @stp_rx_lock: serialises @stp_rx (producers in softirq, the worker)
 * @stp_rx_dropped: BPDUs lost to a full @stp_rx; atomic
 * @stp_rx_invalid: BPDUs that failed validation; atomic
 * @stp_protocol: enum lbr_stp_protocol kernel STP runs; RTNL
 * @tx_hold_count: RSTP TxHoldCount, BPDUs a port may send per second; RTNL
 * @topology_changes: topology changes detected or learnt; RTNL
 * @rstp: RSTP's bridge variables while it runs; RTNL
 * @group_fwd_mask: link-local groups forwarded; RTNL writers, READ_ONCE
 * @group_fwd_mask_required: groups an 802.1ad (provider) bridge must
 *	relay whatever the masks say; RTNL writers, READ_ONCE
 * @group_addr: STP group address; RTNL writers, datapath reads under RCU
 *	(a torn read only misclassifies one frame during a change)
 * @ifobj: the brif/ sysfs directory; RTNL
 * @vlgrp: the bridge device's VLANs and the bridge's per-VLAN entries;
 *	RTNL writers, RCU readers; NULL only during setup and teardown
 * @vlan_proto: tag protocol filtered on, ETH_P_8021Q or ETH_P_8021AD;
 *	RTNL writers (WRITE_ONCE), READ_ONCE in the datapath
 * @default_pvid: pvid (untagged) of new ports, 0 for none; RTNL
 * @mcast: multicast snooping; its own rules (struct lbr_mcast)
 */
struct lbr_bridge {
	/*
	 * Two locks lead, as in-tree: ebtables finds the bridge device after
	 * two spinlock_t, whose size lock debugging changes.
	 */
	/* serialises FDB inserts, moves and deletes */
	spinlock_t		hash_lock;
	/* serialises the BPDU fifo's producers and its consumer */
	spinlock_t		stp_rx_lock;
	struct net_device	*dev;
	unsigned long		options;
	struct list_head	port_list;
	unsigned int		port_count;
	struct xarray		ports;
	struct lbr_flood_list __rcu *flood;
	unsigned int		fwd_ports;
	unsigned int		enabled_ports;
	bool			dying;
	bool			feat_valid;
	netdev_features_t	feat_in;
	netdev_features_t	feat_acc;

	struct rhashtable	fdb_hash;
	unsigned int		fdb_count;
	unsigned int		fdb_n_learned;
	unsigned int		fdb_max_learned;
	struct delayed_work	gc_work;
	unsigned long		ageing_time;
	unsigned long		bridge_ageing_time;

	unsigned long		forward_delay;
	unsigned long		hello_time;
	unsigned long		max_age;
	unsigned long		bridge_forward_delay;
	unsigned long		bridge_hello_time;
	unsigned long		bridge_max_age;
	struct lbr_bridge_id	bridge_id;
	struct lbr_bridge_id	designated_root;
	u32			root_path_cost;
	u16			root_port;
	u8			stp_enabled;
	u8			stp_mode;
	bool			stp_helper_active;
	u8			topology_change;
	u8			topology_change_detected;
	struct lbr_stp_timer	hello_timer;
	struct lbr_stp_timer	tcn_timer;
	struct lbr_stp_timer	topology_change_timer;
	struct delayed_work	stp_timer_work;
	unsigned long		stp_next;
	struct delayed_work	stp_rx_work;
	DECLARE_KFIFO(stp_rx, struct lbr_stp_msg, LBR_STP_RX_QLEN);
	atomic_long_t		stp_rx_dropped;
	atomic_long_t		stp_rx_invalid;
	u8			stp_protocol;
	u8			tx_hold_count;
	u64			topology_changes;
	struct lbr_rstp_bridge	rstp;
	u16			group_fwd_mask;
	u16			group_fwd_mask_required;
	u8			group_addr[ETH_ALEN];

	struct kobject		*ifobj;

	struct lbr_vlan_group __rcu *vlgrp;
	__be16			vlan_proto;
	u16			default_pvid;

	struct lbr_mcast	mcast;
};

/**
 * struct lbr_port - private data of one bridge port (rx_handler_data)
 * @br: owning bridge; constant (ebtables reads it at offset 0)
 * @dev: the port net_device; constant (offset 8)
 * @list: link in lbr_bridge.port_list
 * @flags: BR_* port flags from <linux/if_bridge.h>; RTNL writers with
 *	WRITE_ONCE, datapath READ_ONCE
 * @path_cost: STP path cost; RTNL
 * @designated_cost: STP designated cost; RTNL
 * @port_id: STP port id (priority << 10 | low 10 bits of port_no, what
 *	the in-tree bridge reports; ports from 1024 on share ids); RTNL
 * @designated_port: STP designated port id; RTNL
 * @group_fwd_mask: extra link-local groups forwarded; RTNL writers,
 *	READ_ONCE
 * @priority: STP port priority; RTNL
 * @state: BR_STATE_*; RTNL writers with WRITE_ONCE, datapath READ_ONCE
 *	(ebtables' broute table reads it at offset 57)
 * @port_no: port number; constant
 * @topology_change_ack: STP flag; RTNL
 * @config_pending: STP flag; RTNL
 * @designated_root: STP vector; RTNL
 * @designated_bridge: STP vector; RTNL
 * @designated_age: jiffies when the designated bridge's BPDU was sent
 *	(receipt less its message age); RTNL
 * @message_age_timer: 802.1D timer; RTNL
 * @forward_delay_timer: 802.1D timer; RTNL
 * @hold_timer: 802.1D timer; RTNL
 * @stp_stats: STP counters; RTNL
 * @rstp: RSTP variables and settings; RTNL
 * @flood_idx: index of this port's entry in lbr_bridge.flood while the
 *	port forwards; RTNL
 * @brif_name: name of the bridge's brif/ link to this port (the device's
 *	name when the link was made or last renamed); RTNL
 * @kobj: the brport/ sysfs directory; its release frees the port
 * @rcu: deferred kobject_put once readers are gone
 * @vlgrp: the port's VLANs; RTNL writers, RCU readers; NULL only during
 *	setup and teardown
 * @stp_rx_last: a copy of this port's newest BPDU in lbr_bridge.stp_rx,
 *	while @stp_rx_pending; lbr_bridge.stp_rx_lock
 * @stp_rx_pending: @stp_rx_last is still in the fifo; lbr_bridge.stp_rx_lock
 * @stp_rx_repeats: identical BPDUs folded into it; lbr_bridge.stp_rx_lock
 * @mcast: multicast snooping; its own rules (struct lbr_mcast_port)
 */
struct lbr_port {
	struct lbr_bridge	*br;
	struct net_device	*dev;
	struct list_head	list;
	unsigned long		flags;
	u32			path_cost;
	u32			designated_cost;
	u16			port_id;
	u16			designated_port;
	u16			group_fwd_mask;
	u16			__pad;
	u8			priority;
	u8			state;
	u16			port_no;
	u8			topology_change_ack;
	u8			config_pending;
	struct lbr_bridge_id	designated_root;
	struct lbr_bridge_id	designated_bridge;
	unsigned long		designated_age;
	struct lbr_stp_timer	message_age_timer;
	struct lbr_stp_timer	forward_delay_timer;
	struct lbr_stp_timer	hold_timer;
	struct lbr_stp_port_stats stp_stats;
	struct lbr_rstp_port	rstp;
	unsigned int		flood_idx;
	char			brif_name[IFNAMSIZ];
	struct kobject		kobj;
	struct rcu_head		rcu;
	struct lbr_vlan_group __rcu *vlgrp;
	struct lbr_stp_msg	stp_rx_last;
	bool			stp_rx_pending;
	u16			stp_rx_repeats;
	struct lbr_mcast_port	mcast;
};

/**
 * struct lbr_input_cb - skb->cb while a frame is inside the bridge
 * @brdev: bridge the frame is crossing
 * @frag_max_size: kept where ebtables/conntrack expect it
 * @igmp: the IGMP/MLD message type, 0 for other frames (snooping)
 * @mrouters_only: IP multicast that only routers want, unless registered
 * @proxyarp_replied: reserved (ARP proxy)
 * @src_port_isolated: the ingress port is isolated
 * @promisc: went up the bridge while it was promiscuous (conntrack)
 * @vlan_filtered: reserved
 * @br_netfilter_broute: set by ebtables' broute table: route, not bridge
 *
 * The layout follows the in-tree bridge's, because ebtable_broute writes
 * the broute bit at byte 11, bit 5.
 */
struct lbr_input_cb {
	struct net_device	*brdev;
	u16			frag_max_size;
	u8			igmp;
	u8			mrouters_only:1;
	u8			proxyarp_replied:1;
	u8			src_port_isolated:1;
	u8			promisc:1;
	u8			vlan_filtered:1;
	u8			br_netfilter_broute:1;
	u32			__reserved[3];
};

#define LBR_INPUT_CB(skb)	((struct lbr_input_cb *)(skb)->cb)

/* Fields that ebtables and the broute table read at fixed offsets. */
static_assert(offsetof(struct lbr_port, br) == 0);
static_assert(offsetof(struct lbr_port, dev) == 8);
static_assert(offsetof(struct lbr_port, state) == 57);
/* in-tree's struct net_bridge: lock, hash_lock, then dev (8 on release kernels) */
static_assert(offsetof(struct lbr_bridge, dev) ==
	      ALIGN(2 * sizeof(spinlock_t), sizeof(void *)));
static_assert(sizeof(struct lbr_input_cb) <= sizeof_field(struct sk_buff, cb));
static_assert(sizeof(struct lbr_fdb_key) == 8);
/* 48 bytes a station (bridge.ko: 128); the datapath's fields lead it. */
static_assert(sizeof(struct lbr_fdb_entry) <= 48);

/**
 * lbr_port_make_id() - STP port identifier
 * @prio: port priority (0..LBR_MAX_PORT_PRIO)
 * @port_no: port number
 *
 * Only the low LBR_PORT_ID_BITS of the number fit, as in-tree; ports
 * 1024 and up repeat the ids of lower ones.  Harmless while lbridge runs
 * no STP, which is what the ids identify ports for.
 *
 * Return: the 16-bit port id.
 */
static inline u16 lbr_port_make_id(u8 prio, u16 port_no)
{
	return (prio << LBR_PORT_ID_BITS) |
	       (port_no & ((1 << LBR_PORT_ID_BITS) - 1));
}

#endif /* _LBR_TYPES_H */

/* SPDX-License-Identifier: GPL-2.0 */
/* Forwarding database API for the datapath and the control paths. */
#ifndef _LBR_FDB_H
#define _LBR_FDB_H

#include <linux/rhashtable-types.h>
#include <linux/types.h>

struct lbr_bridge;
struct lbr_fdb_entry;
struct lbr_port;
struct netlink_ext_ack;

int lbr_fdb_init(void);
void lbr_fdb_exit(void);
int lbr_fdb_bridge_init(struct lbr_bridge *br);
void lbr_fdb_bridge_uninit(struct lbr_bridge *br);

struct lbr_fdb_entry *lbr_fdb_find_rcu(struct lbr_bridge *br,
				       const u8 *addr, u16 vid);
void lbr_fdb_set_max_learned_rtnl(struct lbr_bridge *br, unsigned int max);
void lbr_fdb_learn_rcu(struct lbr_bridge *br, struct lbr_port *p,
		       const u8 *addr, u16 vid);

int lbr_fdb_add_local_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			   const u8 *addr, u16 vid);
void lbr_fdb_del_local_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			    const u8 *addr, u16 vid);
void lbr_fdb_add_locals_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			     const u8 *addr);
void lbr_fdb_change_local_rtnl(struct lbr_bridge *br, struct lbr_port *p,
			       const u8 *addr);
void lbr_fdb_delete_by_port(struct lbr_bridge *br, struct lbr_port *p,
			    bool include_static);
void lbr_fdb_flush(struct lbr_bridge *br);

/**
 * struct lbr_fdb_flush_desc - which entries a bulk flush forgets
 * @ifindex: only those whose egress has this ifindex (the bridge's own
 *	ifindex for its own entries); 0 for any
 * @vid: only those of this VLAN; 0 for any
 * @flags: exactly the LBR_FDB_* bits of @flags_mask they must have
 * @flags_mask: LBR_FDB_* bits compared; 0 compares none (and ignores
 *	@flags)
 */
struct lbr_fdb_flush_desc {
	int		ifindex;
	u16		vid;
	unsigned long	flags;
	unsigned long	flags_mask;
};

void lbr_fdb_flush_desc(struct lbr_bridge *br,
			const struct lbr_fdb_flush_desc *desc);

int lbr_fdb_add_user(struct lbr_bridge *br, struct lbr_port *p,
		     const u8 *addr, u16 vid, u16 state, u8 ntf_flags,
		     u16 nlh_flags, struct netlink_ext_ack *extack);
int lbr_fdb_del_user(struct lbr_bridge *br, struct lbr_port *p,
		     const u8 *addr, u16 vid);

/**
 * struct lbr_fdb_walk - a walk over every entry of a bridge
 * @iter: the hash table's walker
 * @batch: entries handed out since the walk last paused
 * @br: the bridge walked
 */
struct lbr_fdb_walk {
	struct rhashtable_iter	iter;
	unsigned int		batch;
	struct lbr_bridge	*br;
};

void lbr_fdb_walk_begin(struct lbr_bridge *br, struct lbr_fdb_walk *walk)
	__acquires(RCU);
struct lbr_fdb_entry *lbr_fdb_walk_next(struct lbr_fdb_walk *walk);
void lbr_fdb_walk_end(struct lbr_fdb_walk *walk)
	__releases(RCU);

/**
 * struct lbr_fdb_pos - where a resumable walk (lbr_fdb_walk_from()) is
 * @cookie: identity of the hash table @slot refers to
 * @slot: bucket, counted across a resizing table and its successors
 */
struct lbr_fdb_pos {
	unsigned long	cookie;
	unsigned int	slot;
};

int lbr_fdb_walk_from(struct lbr_bridge *br, struct lbr_fdb_pos *pos,
		      int (*fn)(struct lbr_fdb_entry *f, void *arg), void *arg);

int lbr_fdb_fillbuf(struct lbr_bridge *br, void *buf, unsigned long maxnum,
		    unsigned long skip);
bool lbr_fdb_has_expired(const struct lbr_bridge *br,
			 const struct lbr_fdb_entry *f);

void lbr_fdb_gc_start(struct lbr_bridge *br);
void lbr_fdb_gc_stop(struct lbr_bridge *br);

#endif /* _LBR_FDB_H */

/* SPDX-License-Identifier: GPL-2.0 */
/* 802.1Q/802.1ad VLANs of ports and of the bridge device. */
#ifndef _LBR_VLAN_H
#define _LBR_VLAN_H

#include <linux/bitops.h>
#include <linux/if_vlan.h>
#include <linux/jump_label.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <linux/xarray.h>

#include "lbridge/types.h"

struct lbr_bridge;
struct lbr_port;
struct netlink_ext_ack;
struct nlattr;
struct sk_buff;

/**
 * struct lbr_vlan - one VLAN of a port, or the bridge's entry for a VLAN
 * @vid: VLAN id; constant
 * @flags: BRIDGE_VLAN_INFO_UNTAGGED, and on the bridge's entries
 *	BRIDGE_VLAN_INFO_BRENTRY (the bridge device is a member); RTNL.
 *	Whether it is the pvid is lbr_vlan_group.pvid's business
 * @refs: on the bridge's entries, ports with this VLAN plus one for
 *	BRENTRY: the entry goes with the last; RTNL
 * @state: BR_STATE_* of the VLAN here (bridge vlan set ... state); RTNL
 *	writers (WRITE_ONCE), READ_ONCE in the datapath
 * @own_stats: @stats is this entry's own, freed with it; constant
 * @msti: on the bridge's entries, the VLAN's MST instance; RTNL
 * @stats: per-VLAN counters (vlan_stats_enabled): the bridge's entries
 *	own theirs; a port's entries share the bridge's, or own theirs with
 *	vlan_stats_per_port; set before the entry is published, constant
 * @rcu: deferred free
 *
 * The datapath reads only lbr_vlan_group's bitmaps; these entries carry
 * what dumps and per-VLAN options need.
 */
struct lbr_vlan {
	u16		vid;
	u16		flags;
	u32		refs;
	u8		state;
	u8		own_stats;
	u16		msti;
	struct pcpu_sw_netstats __percpu *stats;
	struct rcu_head	rcu;
};

/**
 * struct lbr_vlan_group - the VLANs of a port or of the bridge device
 * @member: VLANs frames may enter and leave by (on the bridge: its
 *	BRENTRY VLANs); set_bit/clear_bit under RTNL, test_bit under RCU
 * @untagged: VLANs that leave untagged; same rules
 * @blocked: VLANs whose state is not forwarding: their frames consult
 *	lbr_vlan.state; same rules
 * @pvid: VLAN of untagged and priority-tagged frames, 0 for none; RTNL
 *	writers (WRITE_ONCE), READ_ONCE in the datapath
 * @num_vlans: VLANs in @member; RTNL
 * @vlans: vid -> struct lbr_vlan; RTNL writers, RCU readers (dumps)
 * @tunnel_by_vid: on vlan_tunnel ports, vid -> struct lbr_vlan_tunnel;
 *	RTNL writers, RCU readers (egress, dumps)
 * @tunnel_by_id: the same mappings by tunnel id; RTNL writers, RCU
 *	readers (ingress)
 * @rcu: deferred free
 */
struct lbr_vlan_group {
	DECLARE_BITMAP(member, VLAN_N_VID);
	DECLARE_BITMAP(untagged, VLAN_N_VID);
	DECLARE_BITMAP(blocked, VLAN_N_VID);
	u16		pvid;
	u16		num_vlans;
	struct xarray	vlans;
	struct xarray	tunnel_by_vid;
	struct xarray	tunnel_by_id;
	struct rcu_head	rcu;
};

struct metadata_dst;

/**
 * struct lbr_vlan_tunnel - a VLAN's tunnel id (VXLAN VNI) on a vlan_tunnel port
 * @id: tunnel id; constant
 * @vid: VLAN; constant
 * @dst: metadata a frame of @vid leaves with (TX, bridge mode: the tunnel
 *	device picks the remote from its own FDB); constant, one reference
 *	held until the mapping is freed
 * @rcu: deferred free
 *
 * Immutable once published; a change is a delete and an add.
 */
struct lbr_vlan_tunnel {
	u32			id;
	u16			vid;
	struct metadata_dst	*dst;
	struct rcu_head		rcu;
};

int lbr_vlan_tunnel_add_rtnl(struct lbr_port *p, u16 vid, u32 id);
bool lbr_vlan_tunnel_del_rtnl(struct lbr_vlan_group *vg, u16 vid);
void lbr_vlan_tunnel_flush_rtnl(struct lbr_port *p);
int lbr_vlan_tunnel_check_rtnl(const struct lbr_port *p,
			       const struct nlattr *afspec,
			       struct netlink_ext_ack *extack);
int lbr_vlan_tunnel_afspec_rtnl(struct lbr_port *p,
				const struct nlattr *afspec, int cmd,
				bool *changed, struct netlink_ext_ack *extack);
int lbr_vlan_tunnel_fill_info(struct sk_buff *skb,
			      struct lbr_vlan_group *vg);
u32 lbr_vlan_tunnel_id_rcu(struct lbr_vlan_group *vg, u16 vid, bool *mapped);
void lbr_stage_tunnel_ingress(const struct lbr_port *p, struct sk_buff *skb);
void lbr_stage_tunnel_egress(struct lbr_vlan_group *vg, struct sk_buff *skb);

int lbr_vlan_init(void);
void lbr_vlan_exit(void);
int lbr_vlan_rtnl_init(void);
void lbr_vlan_rtnl_exit(void);
struct nlmsghdr;
int lbr_vlan_rtm_process(struct sk_buff *skb, struct nlmsghdr *nlh,
			 struct netlink_ext_ack *extack);
void lbr_vlan_notify_global(struct lbr_bridge *br, u16 vid, u16 vid_end);
void lbr_vlan_notify(struct lbr_bridge *br, struct lbr_port *p, u16 vid,
		     u16 vid_end, int cmd);

int lbr_vlan_bridge_init_rtnl(struct lbr_bridge *br);
void lbr_vlan_bridge_uninit_rtnl(struct lbr_bridge *br);
int lbr_vlan_port_init_rtnl(struct lbr_port *p,
			    struct netlink_ext_ack *extack);
void lbr_vlan_port_uninit_rtnl(struct lbr_port *p);

int lbr_vlan_port_add_rtnl(struct lbr_port *p, u16 vid, u16 flags,
			   bool *changed, struct netlink_ext_ack *extack);
int lbr_vlan_port_del_rtnl(struct lbr_port *p, u16 vid);
int lbr_vlan_bridge_add_rtnl(struct lbr_bridge *br, u16 vid, u16 flags,
			     bool *changed, struct netlink_ext_ack *extack);
int lbr_vlan_bridge_del_rtnl(struct lbr_bridge *br, u16 vid);

/* Setters in options.h's form: bridge, value, extack. */
int lbr_vlan_set_filtering_rtnl(struct lbr_bridge *br, unsigned long val,
				struct netlink_ext_ack *extack);
int lbr_vlan_set_proto_rtnl(struct lbr_bridge *br, unsigned long val,
			    struct netlink_ext_ack *extack);
int lbr_vlan_set_default_pvid_rtnl(struct lbr_bridge *br, unsigned long val,
				   struct netlink_ext_ack *extack);
int lbr_vlan_store_default_pvid_rtnl(struct lbr_bridge *br, unsigned long val,
				     struct netlink_ext_ack *extack);
void lbr_vlan_bridge_gone_rtnl(struct lbr_bridge *br);
void lbr_vlan_recalc_groups_rtnl(struct lbr_bridge *br);

DECLARE_STATIC_KEY_FALSE(lbr_vlan_filtering_used);
DECLARE_STATIC_KEY_FALSE(lbr_vlan_stats_used);

int lbr_vlan_set_stats_rtnl(struct lbr_bridge *br, unsigned long val,
			    struct netlink_ext_ack *extack);
int lbr_vlan_set_stats_per_port_rtnl(struct lbr_bridge *br, unsigned long val,
				     struct netlink_ext_ack *extack);
int lbr_vlan_stats_attach(struct lbr_bridge *br, struct lbr_vlan *v,
			  struct lbr_vlan *brv);
void lbr_vlan_stats_detach(struct lbr_vlan *v);
void lbr_vlan_stats_read(const struct lbr_vlan *v,
			 struct pcpu_sw_netstats *sum);
int lbr_vlan_stats_fill(struct sk_buff *skb, const struct lbr_vlan *v);
void lbr_vlan_count_rcu(struct lbr_vlan_group *vg, u16 vid,
			unsigned int len, bool rx);
size_t lbr_vlan_xstats_size(const struct net_device *dev, int attr);
int lbr_vlan_fill_xstats(struct sk_buff *skb, const struct net_device *dev,
			 int *prividx, int attr);

/* Whether @br counts per-VLAN traffic (vlan_stats_enabled). */
static inline bool lbr_vlan_counts(const struct lbr_bridge *br)
{
	return static_branch_unlikely(&lbr_vlan_stats_used) &&
	       test_bit(LBR_OPT_VLAN_STATS_ENABLED, &br->options);
}
DECLARE_STATIC_KEY_FALSE(lbr_mst_used);

int lbr_mst_set_enabled_rtnl(struct lbr_bridge *br, bool on,
			     struct netlink_ext_ack *extack);
void lbr_mst_set_state_rtnl(struct lbr_port *p, u16 msti, u8 state);
int lbr_mst_set_msti_rtnl(struct lbr_bridge *br, u16 vid, u16 msti,
			  bool *changed);
int lbr_mst_process_rtnl(struct lbr_port *p, const struct nlattr *mst,
			 struct netlink_ext_ack *extack);
int lbr_mst_fill_info(struct sk_buff *skb, struct lbr_port *p);

/* Whether @br runs MST: port states then come from the VLANs' MSTIs. */
static inline bool lbr_mst_enabled(const struct lbr_bridge *br)
{
	return static_branch_unlikely(&lbr_mst_used) &&
	       test_bit(LBR_OPT_MST_ENABLED, &br->options);
}

struct lbr_frame;
struct sk_buff;

enum lbr_admit;
enum lbr_admit lbr_stage_vlan_ingress(struct lbr_frame *fr,
				      struct lbr_vlan_group *vg, bool check_state);
bool lbr_vlan_egress_allowed(const struct lbr_vlan_group *vg,
			     const struct sk_buff *skb);
void lbr_vlan_egress_untag(const struct lbr_bridge *br,
			   struct lbr_vlan_group *vg, struct sk_buff *skb);
int lbr_vlan_set_state_rtnl(struct lbr_vlan_group *vg, u16 vid, u8 state,
			    bool *changed, struct netlink_ext_ack *extack);
u8 lbr_vlan_state_rcu(struct lbr_vlan_group *vg, u16 vid);
bool lbr_vlan_learn_vid(const struct lbr_port *p, const struct sk_buff *skb,
			u16 *vid);

/* Whether @vid is a VLAN of @vg (its bitmap, lockless). */
static inline bool lbr_vlan_member(const struct lbr_vlan_group *vg, u16 vid)
{
	return vg && test_bit(vid, vg->member);
}

#endif /* _LBR_VLAN_H */

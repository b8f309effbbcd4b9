/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* The "lbridge" generic netlink family: lbridge's ABI beyond in-tree's (RSTP, the prune rule). */
#ifndef _LBR_UAPI_H
#define _LBR_UAPI_H

#include <linux/types.h>

#define LBR_GENL_NAME		"lbridge"
#define LBR_GENL_VERSION	1

/*
 * Commands.  GET on a bridge or a port answers one object (by
 * LBR_ATTR_IFINDEX); a dump of BRIDGE_GET lists the bridges of the
 * caller's netns, a dump of PORT_GET the ports of the bridge named by
 * LBR_ATTR_MASTER (all lbridge ports if absent).  SET needs CAP_NET_ADMIN
 * in the netns's user namespace and applies all of its attributes or
 * none.
 */
enum lbr_genl_cmd {
	LBR_CMD_UNSPEC,
	LBR_CMD_BRIDGE_GET,
	LBR_CMD_BRIDGE_SET,
	LBR_CMD_PORT_GET,
	LBR_CMD_PORT_SET,
	__LBR_CMD_MAX,
};

#define LBR_CMD_MAX (__LBR_CMD_MAX - 1)

/* LBR_ATTR_STP_PROTOCOL: 802.1D-2004 ForceProtocolVersion's values. */
enum lbr_stp_protocol {
	LBR_STP_PROTO_STP = 0,		/* 802.1D-1998 STP, as in-tree */
	LBR_STP_PROTO_RSTP = 2,		/* 802.1D-2004 clause 17 RSTP */
};

/* LBR_ATTR_PORT_ROLE */
enum lbr_port_role {
	LBR_ROLE_DISABLED,
	LBR_ROLE_ROOT,
	LBR_ROLE_DESIGNATED,
	LBR_ROLE_ALTERNATE,
	LBR_ROLE_BACKUP,
};

/* LBR_ATTR_PORT_ADMIN_P2P: adminPointToPointMAC */
enum lbr_p2p {
	LBR_P2P_AUTO,		/* from the link: full duplex is point-to-point */
	LBR_P2P_YES,
	LBR_P2P_NO,
};

/*
 * LBR_ATTR_MCAST_PRUNE_RULE: when IGMP/MLD snooping may keep group traffic
 * from ports.  In-tree, a querier counts as present once heard (or the
 * bridge's own is on) and unregistered traffic goes to router ports only.
 * The safe rule (the default) also needs a report that answered a general
 * query within the querier and membership intervals, and floods router-
 * only traffic while no port is a router for its protocol.
 */
enum lbr_mcast_prune_rule {
	LBR_MCAST_PRUNE_SAFE,
	LBR_MCAST_PRUNE_INTREE,
};

/*
 * Attributes.  (r) in replies only, (w) in SET requests only, (rw) both.
 * Bridge ids are 8 bytes as on the wire: priority, then the address.
 */
enum lbr_attr {
	LBR_ATTR_UNSPEC,
	LBR_ATTR_PAD,
	LBR_ATTR_IFINDEX,		/* u32 (rw): the bridge or the port */
	LBR_ATTR_IFNAME,		/* string (r) */
	LBR_ATTR_MASTER,		/* u32 (r; port dump filter) */
	/* bridge */
	LBR_ATTR_STP_PROTOCOL,		/* u8 (rw): enum lbr_stp_protocol */
	LBR_ATTR_STP_STATE,		/* u8 (r): stp_state, 0/1/2 */
	LBR_ATTR_TX_HOLD_COUNT,		/* u32 (rw): 1..10, default 6 */
	LBR_ATTR_BRIDGE_ID,		/* binary 8 (r) */
	LBR_ATTR_ROOT_ID,		/* binary 8 (r) */
	LBR_ATTR_ROOT_PORT,		/* u32 (r): port number, 0 if root */
	LBR_ATTR_ROOT_PATH_COST,	/* u32 (r) */
	LBR_ATTR_TOPOLOGY_CHANGES,	/* u64 (r): topology changes seen */
	LBR_ATTR_STP_RX_DROPPED,	/* u64 (r): BPDUs lost to a full queue */
	LBR_ATTR_STP_RX_INVALID,	/* u64 (r): BPDUs failing validation */
	/* port */
	LBR_ATTR_PORT_NO,		/* u32 (r) */
	LBR_ATTR_PORT_ID,		/* u16 (r) */
	LBR_ATTR_PORT_STATE,		/* u8 (r): BR_STATE_* */
	LBR_ATTR_PORT_ROLE,		/* u8 (r): enum lbr_port_role */
	LBR_ATTR_PORT_ADMIN_EDGE,	/* u8 (rw): 0/1, default 0 */
	LBR_ATTR_PORT_AUTO_EDGE,	/* u8 (rw): 0/1, default 1 */
	LBR_ATTR_PORT_OPER_EDGE,	/* u8 (r) */
	LBR_ATTR_PORT_ADMIN_P2P,	/* u8 (rw): enum lbr_p2p, default auto */
	LBR_ATTR_PORT_OPER_P2P,		/* u8 (r) */
	LBR_ATTR_PORT_SEND_RSTP,	/* u8 (r): 0 once it fell back to STP */
	LBR_ATTR_PORT_MCHECK,		/* flag (w): retry RSTP (17.19.13) */
	LBR_ATTR_PORT_DESIGNATED_ROOT,	/* binary 8 (r) */
	LBR_ATTR_PORT_DESIGNATED_BRIDGE, /* binary 8 (r) */
	LBR_ATTR_PORT_DESIGNATED_PORT,	/* u16 (r) */
	LBR_ATTR_PORT_DESIGNATED_COST,	/* u32 (r) */
	LBR_ATTR_PORT_RX_RST_BPDU,	/* u64 (r): RST BPDUs received */
	LBR_ATTR_PORT_TX_RST_BPDU,	/* u64 (r): RST BPDUs sent */
	LBR_ATTR_PORT_RX_CONFIG_BPDU,	/* u64 (r): config BPDUs received */
	LBR_ATTR_PORT_TX_CONFIG_BPDU,	/* u64 (r): config BPDUs sent */
	LBR_ATTR_PORT_RX_TCN_BPDU,	/* u64 (r) */
	LBR_ATTR_PORT_TX_TCN_BPDU,	/* u64 (r) */
	/* bridge */
	LBR_ATTR_MCAST_PRUNE_RULE,	/* u8 (rw): enum lbr_mcast_prune_rule */
	__LBR_ATTR_MAX,
};

#define LBR_ATTR_MAX (__LBR_ATTR_MAX - 1)

#endif /* _LBR_UAPI_H */

/* SPDX-License-Identifier: GPL-2.0 */
/* RSTP internals shared by the machine files: states, values, helpers. */
#ifndef _LBR_RSTP_INTERNAL_H
#define _LBR_RSTP_INTERNAL_H

#include "lbridge/rstp.h"
#include "lbridge/stp.h"

/* infoIs (17.19.10) */
enum { LBR_INFO_DISABLED, LBR_INFO_MINE, LBR_INFO_AGED, LBR_INFO_RECEIVED };

/* rcvdInfo (17.19.22) */
enum {
	LBR_RCVD_SUPERIOR_DESIGNATED,
	LBR_RCVD_REPEATED_DESIGNATED,
	LBR_RCVD_INFERIOR_DESIGNATED,
	LBR_RCVD_INFERIOR_ROOT_ALTERNATE,
	LBR_RCVD_OTHER,
};

/* Port Information (17.27) */
enum {
	LBR_PIM_DISABLED, LBR_PIM_AGED, LBR_PIM_UPDATE, LBR_PIM_CURRENT,
	LBR_PIM_RECEIVE, LBR_PIM_SUPERIOR_DESIGNATED,
	LBR_PIM_REPEATED_DESIGNATED, LBR_PIM_INFERIOR_DESIGNATED,
	LBR_PIM_NOT_DESIGNATED, LBR_PIM_OTHER,
};

/* Port Role Transitions (17.29) */
enum {
	LBR_PRT_INIT_PORT, LBR_PRT_DISABLE_PORT, LBR_PRT_DISABLED_PORT,
	LBR_PRT_ROOT_PORT, LBR_PRT_ROOT_PROPOSED, LBR_PRT_ROOT_AGREED,
	LBR_PRT_ROOT_SYNCED, LBR_PRT_REROOT, LBR_PRT_ROOT_FORWARD,
	LBR_PRT_ROOT_LEARN, LBR_PRT_REROOTED,
	LBR_PRT_DESIGNATED_PORT, LBR_PRT_DESIGNATED_PROPOSE,
	LBR_PRT_DESIGNATED_SYNCED, LBR_PRT_DESIGNATED_RETIRED,
	LBR_PRT_DESIGNATED_DISCARD, LBR_PRT_DESIGNATED_LEARN,
	LBR_PRT_DESIGNATED_FORWARD,
	LBR_PRT_BLOCK_PORT, LBR_PRT_ALTERNATE_PORT, LBR_PRT_ALTERNATE_PROPOSED,
	LBR_PRT_ALTERNATE_AGREED, LBR_PRT_BACKUP_PORT,
};

/* Port State Transition (17.30) */
enum { LBR_PST_DISCARDING, LBR_PST_LEARNING, LBR_PST_FORWARDING };

/* Topology Change (17.31) */
enum {
	LBR_TCM_INACTIVE, LBR_TCM_LEARNING, LBR_TCM_DETECTED, LBR_TCM_ACTIVE,
	LBR_TCM_NOTIFIED_TCN, LBR_TCM_NOTIFIED_TC, LBR_TCM_PROPAGATING,
	LBR_TCM_ACKNOWLEDGED,
};

/* Port Protocol Migration (17.24) */
enum { LBR_PPM_CHECKING_RSTP, LBR_PPM_SELECTING_STP, LBR_PPM_SENSING };

/* Bridge Detection (17.25) */
enum { LBR_BDM_EDGE, LBR_BDM_NOT_EDGE };

/* Port Transmit (17.26) */
enum {
	LBR_PTX_INIT, LBR_PTX_IDLE, LBR_PTX_PERIODIC, LBR_PTX_CONFIG,
	LBR_PTX_TCN, LBR_PTX_RSTP,
};

/* Role encoding in an RST BPDU's flags (9.3.3) */
enum {
	LBR_BPDU_ROLE_UNKNOWN, LBR_BPDU_ROLE_ALT_BACKUP, LBR_BPDU_ROLE_ROOT,
	LBR_BPDU_ROLE_DESIGNATED,
};

/* Values from the port's designatedTimes (17.20) */
static inline u16 lbr_rstp_fwd_delay(const struct lbr_port *p)
{
	return p->rstp.designated_times.forward_delay;
}

static inline u16 lbr_rstp_hello(const struct lbr_port *p)
{
	return p->rstp.designated_times.hello_time;
}

static inline u16 lbr_rstp_max_age(const struct lbr_port *p)
{
	return p->rstp.designated_times.max_age;
}

/* forwardDelay (17.20.7): HelloTime while RSTP is spoken on the port */
static inline u16 lbr_rstp_forward_delay(const struct lbr_port *p)
{
	return p->rstp.send_rstp ? lbr_rstp_hello(p) : lbr_rstp_fwd_delay(p);
}

/* EdgeDelay (17.20.4) */
static inline u16 lbr_rstp_edge_delay(const struct lbr_port *p)
{
	return p->rstp.oper_p2p ? LBR_RSTP_MIGRATE_TIME : lbr_rstp_max_age(p);
}

/* rstpVersion (17.20.11) */
static inline bool lbr_rstp_version(const struct lbr_bridge *br)
{
	return br->stp_protocol >= LBR_STP_PROTO_RSTP;
}

/* rstp.c */
int lbr_rstp_vector_cmp(const struct lbr_rstp_vector *a,
			const struct lbr_rstp_vector *b);
bool lbr_rstp_port_selectable(const struct lbr_port *p);
void lbr_rstp_run_rtnl(struct lbr_bridge *br);

/* rstp_roles.c: Port Role Selection and Port Role Transitions */
bool lbr_rstp_prs_rtnl(struct lbr_bridge *br);
void lbr_rstp_prs_begin_rtnl(struct lbr_bridge *br);
bool lbr_rstp_prt_rtnl(struct lbr_port *p);
void lbr_rstp_prt_begin_rtnl(struct lbr_port *p);

/* rstp_machines.c: the per-port machines other than PIM and PRT */
void lbr_rstp_machines_begin_rtnl(struct lbr_port *p);
bool lbr_rstp_ppm_rtnl(struct lbr_port *p);
bool lbr_rstp_bdm_rtnl(struct lbr_port *p);
bool lbr_rstp_ptx_rtnl(struct lbr_port *p);
bool lbr_rstp_pst_rtnl(struct lbr_port *p);
bool lbr_rstp_tcm_rtnl(struct lbr_port *p);
void lbr_rstp_oper_p2p_update_rtnl(struct lbr_port *p);

/* rstp_info.c: Port Information */
bool lbr_rstp_pim_rtnl(struct lbr_port *p);
void lbr_rstp_pim_begin_rtnl(struct lbr_port *p);

#endif /* _LBR_RSTP_INTERNAL_H */

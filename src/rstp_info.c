// SPDX-License-Identifier: GPL-2.0
/* RSTP Port Information machine (802.1D-2004 17.27): what a port knows of its segment. */

#include "lbridge/rstp_internal.h"

#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>

/* The port number part of a port id (17.6's "same designated port"). */
#define LBR_RSTP_PORT_NUM_MASK	0x0fff

enum { LBR_CMP_SUPERIOR, LBR_CMP_SAME, LBR_CMP_INFERIOR };

/*
 * 17.6: a message is superior if its vector is better, or if it comes
 * from the designated bridge and port the port already records (that
 * port's newer word replaces its older one, even when worse).
 */
static int lbr_rstp_msg_cmp(const struct lbr_rstp_vector *msg,
			    const struct lbr_rstp_vector *port)
{
	int c = lbr_rstp_vector_cmp(msg, port);

	if (!c)
		return LBR_CMP_SAME;
	if (c < 0)
		return LBR_CMP_SUPERIOR;
	if (ether_addr_equal(msg->bridge.addr, port->bridge.addr) &&
	    (msg->port & LBR_RSTP_PORT_NUM_MASK) ==
	    (port->port & LBR_RSTP_PORT_NUM_MASK))
		return LBR_CMP_SUPERIOR;
	return LBR_CMP_INFERIOR;
}

static u8 lbr_rstp_msg_role(const struct lbr_rstp_port *r)
{
	if (r->msg_type == LBR_BPDU_CONFIG)
		return LBR_BPDU_ROLE_DESIGNATED;
	return (r->msg_flags & LBR_RSTP_ROLE_MASK) >> LBR_RSTP_ROLE_SHIFT;
}

/* rcvInfo() (17.21.8) */
static u8 lbr_rstp_rcv_info(struct lbr_rstp_port *r)
{
	u8 role = lbr_rstp_msg_role(r);
	int c;

	if (r->msg_type == LBR_BPDU_TCN)
		return LBR_RCVD_OTHER;
	c = lbr_rstp_msg_cmp(&r->msg_prio, &r->port_prio);
	if (role == LBR_BPDU_ROLE_DESIGNATED) {
		if (c == LBR_CMP_SUPERIOR ||
		    (c == LBR_CMP_SAME &&
		     memcmp(&r->msg_times, &r->port_times, sizeof(r->msg_times))))
			return LBR_RCVD_SUPERIOR_DESIGNATED;
		if (c == LBR_CMP_SAME)
			return LBR_RCVD_REPEATED_DESIGNATED;
		return LBR_RCVD_INFERIOR_DESIGNATED;
	}
	if ((role == LBR_BPDU_ROLE_ROOT || role == LBR_BPDU_ROLE_ALT_BACKUP) &&
	    lbr_rstp_vector_cmp(&r->msg_prio, &r->port_prio) >= 0)
		return LBR_RCVD_INFERIOR_ROOT_ALTERNATE;
	return LBR_RCVD_OTHER;
}

/* betterorsameInfo() (17.21.1) */
static bool lbr_rstp_better_or_same(const struct lbr_rstp_port *r, u8 new_is)
{
	if (new_is == LBR_INFO_RECEIVED && r->info_is == LBR_INFO_RECEIVED)
		return lbr_rstp_vector_cmp(&r->msg_prio, &r->port_prio) <= 0;
	if (new_is == LBR_INFO_MINE && r->info_is == LBR_INFO_MINE)
		return lbr_rstp_vector_cmp(&r->designated_prio,
					   &r->port_prio) <= 0;
	return false;
}

/* recordProposal() (17.21.11) */
static void lbr_rstp_record_proposal(struct lbr_rstp_port *r)
{
	if (r->msg_type == LBR_BPDU_RST &&
	    lbr_rstp_msg_role(r) == LBR_BPDU_ROLE_DESIGNATED &&
	    (r->msg_flags & LBR_RSTP_FLAG_PROPOSAL))
		r->proposed = true;
}

/* recordAgreement() (17.21.9) */
static void lbr_rstp_record_agreement(struct lbr_port *p)
{
	struct lbr_rstp_port *r = &p->rstp;

	if (lbr_rstp_version(p->br) && r->oper_p2p &&
	    r->msg_type == LBR_BPDU_RST &&
	    (r->msg_flags & LBR_RSTP_FLAG_AGREEMENT)) {
		r->agreed = true;
		r->proposing = false;
	} else {
		r->agreed = false;
	}
}

/* recordDispute() (17.21.10) */
static void lbr_rstp_record_dispute(struct lbr_rstp_port *r)
{
	if (r->msg_type == LBR_BPDU_RST &&
	    (r->msg_flags & LBR_RSTP_FLAG_LEARNING)) {
		r->disputed = true;
		r->agreed = false;
	}
}

/* setTcFlags() (17.21.17); TCN BPDUs are flagged on receipt */
static void lbr_rstp_set_tc_flags(struct lbr_rstp_port *r)
{
	if (r->msg_type == LBR_BPDU_TCN)
		return;
	if (r->msg_flags & LBR_RSTP_FLAG_TC)
		r->rcvd_tc = true;
	if (r->msg_flags & LBR_RSTP_FLAG_TC_ACK)
		r->rcvd_tc_ack = true;
}

/* updtRcvdInfoWhile() (17.21.23) */
static void lbr_rstp_updt_rcvd_info_while(struct lbr_rstp_port *r)
{
	const struct lbr_rstp_times *t = &r->port_times;

	if (t->message_age + 1 <= t->max_age)
		r->rcvd_info_while = 3 * t->hello_time;
	else
		r->rcvd_info_while = 0;
}

static void lbr_rstp_pim_enter(struct lbr_port *p, u8 state)
{
	struct lbr_rstp_port *r = &p->rstp;

	r->pim = state;
	switch (state) {
	case LBR_PIM_DISABLED:
		r->rcvd_msg = false;
		r->proposing = false;
		r->proposed = false;
		r->agree = false;
		r->agreed = false;
		r->rcvd_info_while = 0;
		r->info_is = LBR_INFO_DISABLED;
		r->reselect = true;
		r->selected = false;
		break;
	case LBR_PIM_AGED:
		r->info_is = LBR_INFO_AGED;
		r->reselect = true;
		r->selected = false;
		break;
	case LBR_PIM_UPDATE:
		r->proposing = false;
		r->proposed = false;
		r->agreed = r->agreed &&
			    lbr_rstp_better_or_same(r, LBR_INFO_MINE);
		r->synced = r->synced && r->agreed;
		r->port_prio = r->designated_prio;
		r->port_times = r->designated_times;
		r->updt_info = false;
		r->info_is = LBR_INFO_MINE;
		r->new_info = true;
		break;
	case LBR_PIM_RECEIVE:
		r->rcvd_info = lbr_rstp_rcv_info(r);
		break;
	case LBR_PIM_SUPERIOR_DESIGNATED:
		r->agreed = false;
		r->proposing = false;
		lbr_rstp_record_proposal(r);
		lbr_rstp_set_tc_flags(r);
		r->agree = r->agree &&
			   lbr_rstp_better_or_same(r, LBR_INFO_RECEIVED);
		r->port_prio = r->msg_prio;
		r->port_times = r->msg_times;
		lbr_rstp_updt_rcvd_info_while(r);
		r->info_is = LBR_INFO_RECEIVED;
		r->reselect = true;
		r->selected = false;
		r->rcvd_msg = false;
		break;
	case LBR_PIM_REPEATED_DESIGNATED:
		lbr_rstp_record_proposal(r);
		lbr_rstp_set_tc_flags(r);
		lbr_rstp_updt_rcvd_info_while(r);
		r->rcvd_msg = false;
		break;
	case LBR_PIM_INFERIOR_DESIGNATED:
		lbr_rstp_record_dispute(r);
		r->rcvd_msg = false;
		break;
	case LBR_PIM_NOT_DESIGNATED:
		lbr_rstp_record_agreement(p);
		lbr_rstp_set_tc_flags(r);
		r->rcvd_msg = false;
		break;
	case LBR_PIM_OTHER:
		r->rcvd_msg = false;
		break;
	}
}

/**
 * lbr_rstp_pim_begin_rtnl() - BEGIN: the port knows nothing
 * @p: port
 *
 * Context: RTNL held.
 */
void lbr_rstp_pim_begin_rtnl(struct lbr_port *p)
{
	ASSERT_RTNL();
	lbr_rstp_pim_enter(p, LBR_PIM_DISABLED);
}

static const u8 lbr_rstp_rcvd_next[] = {
	[LBR_RCVD_SUPERIOR_DESIGNATED] = LBR_PIM_SUPERIOR_DESIGNATED,
	[LBR_RCVD_REPEATED_DESIGNATED] = LBR_PIM_REPEATED_DESIGNATED,
	[LBR_RCVD_INFERIOR_DESIGNATED] = LBR_PIM_INFERIOR_DESIGNATED,
	[LBR_RCVD_INFERIOR_ROOT_ALTERNATE] = LBR_PIM_NOT_DESIGNATED,
	[LBR_RCVD_OTHER] = LBR_PIM_OTHER,
};

/* The state PIM moves to from @r's current one, or -1 to stay. */
static int lbr_rstp_pim_next(const struct lbr_rstp_port *r)
{
	if (!r->port_enabled && r->info_is != LBR_INFO_DISABLED)
		return LBR_PIM_DISABLED;
	switch (r->pim) {
	case LBR_PIM_DISABLED:
		if (r->port_enabled)
			return LBR_PIM_AGED;
		return r->rcvd_msg ? LBR_PIM_DISABLED : -1;
	case LBR_PIM_AGED:
		return r->selected && r->updt_info ? LBR_PIM_UPDATE : -1;
	case LBR_PIM_CURRENT:
		if (r->selected && r->updt_info)
			return LBR_PIM_UPDATE;
		if (r->info_is == LBR_INFO_RECEIVED && !r->rcvd_info_while &&
		    !r->updt_info && !r->rcvd_msg)
			return LBR_PIM_AGED;
		return r->rcvd_msg && !r->updt_info ? LBR_PIM_RECEIVE : -1;
	case LBR_PIM_RECEIVE:
		return lbr_rstp_rcvd_next[r->rcvd_info];
	default:	/* UPDATE and the receive outcomes: UCT */
		return LBR_PIM_CURRENT;
	}
}

/**
 * lbr_rstp_pim_rtnl() - take one Port Information transition, if any
 * @p: port
 *
 * Context: RTNL held.
 * Return: true if the machine moved.
 */
bool lbr_rstp_pim_rtnl(struct lbr_port *p)
{
	int next = lbr_rstp_pim_next(&p->rstp);

	if (next < 0)
		return false;
	lbr_rstp_pim_enter(p, next);
	return true;
}

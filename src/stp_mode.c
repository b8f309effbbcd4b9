// SPDX-License-Identifier: GPL-2.0
/* stp_state and IFLA_BR_STP_MODE: turning STP on and off, in the kernel or in user space. */

#include "lbridge/rstp.h"
#include "lbridge/stp.h"
#include "lbridge/types.h"

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/umh.h>
#include <net/net_namespace.h>

#define LBR_STP_PROG	"/sbin/bridge-stp"

/* Run the user-space STP helper; 0 if it took the bridge over. */
static int lbr_stp_call_user(struct lbr_bridge *br, char *arg)
{
	char *argv[4], *envp[1];
	int rc;

	/* As in-tree: the helper runs in, and manages, the initial netns. */
	if (!net_eq(dev_net(br->dev), &init_net))
		return -ENOENT;
	argv[0] = LBR_STP_PROG;
	argv[1] = br->dev->name;
	argv[2] = arg;
	argv[3] = NULL;
	envp[0] = NULL;
	rc = call_usermodehelper(LBR_STP_PROG, argv, envp, UMH_WAIT_PROC);
	if (rc > 0)
		netdev_dbg(br->dev, LBR_STP_PROG " %s exited with %#x\n", arg, rc);
	return rc;
}

static void lbr_stp_start(struct lbr_bridge *br)
{
	int err = -ENOENT;

	/* Only the automatic mode asks the helper; user mode needs none. */
	if (br->stp_mode == BR_STP_MODE_AUTO)
		err = lbr_stp_call_user(br, "start");
	if (err && err != -ENOENT)
		netdev_err(br->dev, "failed to start userspace STP (%d)\n", err);
	/* The forward delay range binds from now on (it was free without STP). */
	br->bridge_forward_delay = clamp_t(unsigned long,
					   br->bridge_forward_delay,
					   LBR_MIN_FORWARD_DELAY,
					   LBR_MAX_FORWARD_DELAY);
	if (lbr_stp_is_root_bridge(br))
		br->forward_delay = br->bridge_forward_delay;
	if (!err || br->stp_mode == BR_STP_MODE_USER) {
		WRITE_ONCE(br->stp_enabled, LBR_USER_STP);
		br->stp_helper_active = !err;
		return;
	}
	WRITE_ONCE(br->stp_enabled, LBR_KERNEL_STP);
	if (br->stp_protocol == LBR_STP_PROTO_RSTP) {
		lbr_rstp_start_rtnl(br);
		return;
	}
	lbr_stp_kernel_start_rtnl(br);
}

static void lbr_stp_stop(struct lbr_bridge *br)
{
	int err;

	if (br->stp_enabled == LBR_USER_STP) {
		if (br->stp_helper_active) {
			err = lbr_stp_call_user(br, "stop");
			if (err)
				netdev_err(br->dev,
					   "failed to stop userspace STP (%d)\n",
					   err);
			br->stp_helper_active = false;
		}
		WRITE_ONCE(br->stp_enabled, LBR_NO_STP);
		lbr_stp_port_state_selection_rtnl(br);
		return;
	}
	if (lbr_rstp_running(br)) {
		/* Unlike 802.1D's below: every port forwards again. */
		lbr_rstp_stop_rtnl(br);
		WRITE_ONCE(br->stp_enabled, LBR_NO_STP);
		lbr_stp_port_state_selection_rtnl(br);
		return;
	}
	/* As in-tree, ports keep their states; pending timers finish. */
	WRITE_ONCE(br->stp_enabled, LBR_NO_STP);
}

/**
 * lbr_stp_check_mode_rtnl() - may the STP mode become @mode?
 * @br: bridge
 * @mode: the requested enum br_stp_mode
 * @stopping: the same request turns STP off
 * @extack: netlink extended ack
 *
 * Only while STP is off (or goes off with it), as upstream; checked
 * before anything of the request is applied.
 *
 * Context: RTNL held.
 * Return: 0 or -EBUSY.
 */
int lbr_stp_check_mode_rtnl(const struct lbr_bridge *br, u32 mode,
			    bool stopping, struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (mode == br->stp_mode || br->stp_enabled == LBR_NO_STP || stopping)
		return 0;
	NL_SET_ERR_MSG_MOD(extack, "Can't change STP mode while STP is enabled");
	return -EBUSY;
}

/**
 * lbr_stp_set_enabled_rtnl() - stp_state: 0 off, anything else on
 * @br: bridge
 * @val: the requested state
 * @extack: netlink extended ack, may be NULL
 *
 * On means the user-space helper's STP if /sbin/bridge-stp takes the
 * bridge, else the kernel's.
 *
 * Context: RTNL held.
 * Return: 0, or -ERANGE if a port number does not fit an STP port id.
 */
int lbr_stp_set_enabled_rtnl(struct lbr_bridge *br, unsigned long val,
			     struct netlink_ext_ack *extack)
{
	struct lbr_port *p;

	ASSERT_RTNL();
	if (!val) {
		if (br->stp_enabled != LBR_NO_STP)
			lbr_stp_stop(br);
		return 0;
	}
	if (br->stp_enabled != LBR_NO_STP)
		return 0;
	list_for_each_entry(p, &br->port_list, list) {
		if (p->port_no > LBR_STP_MAX_PORT_NO) {
			NL_SET_ERR_MSG_MOD(extack,
					   "STP port ids hold port numbers up to 1023 only");
			return -ERANGE;
		}
	}
	lbr_stp_start(br);
	return 0;
}

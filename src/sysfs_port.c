// SPDX-License-Identifier: GPL-2.0
/* Port sysfs: the brport/ directory and the bridge's brif/ links. */

#include "lbridge/sysfs.h"
#include "lbridge/types.h"

#include <linux/capability.h>
#include <linux/if_bridge.h>
#include <linux/kobject.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <net/net_namespace.h>

#include "lbridge/fdb.h"
#include "lbridge/mcast.h"
#include "lbridge/netlink.h"
#include "lbridge/objcount.h"
#include "lbridge/options.h"
#include "lbridge/stp.h"

/* One brport/ file.  A file either has its own @show/@store, or is a port
 * flag: then @flag is the BR_* bit and the generic flag code handles it.
 */
struct lbr_brport_attr {
	struct attribute	attr;
	ssize_t			(*show)(const struct lbr_port *p, char *buf);
	int			(*store)(struct lbr_port *p, unsigned long val,
					 struct netlink_ext_ack *extack);
	unsigned long		flag;
};

#define LBR_BRPORT_ATTR(_name, _mode, _show, _store)			\
	static struct lbr_brport_attr lbr_brport_attr_##_name = {	\
		.attr	= { .name = __stringify(_name), .mode = _mode },\
		.show	= _show,					\
		.store	= _store,					\
	}

#define LBR_BRPORT_FLAG(_name, _flag)					\
	static struct lbr_brport_attr lbr_brport_attr_##_name = {	\
		.attr	= { .name = __stringify(_name), .mode = 0644 },	\
		.flag	= _flag,					\
	}

static ssize_t lbr_brport_path_cost_show(const struct lbr_port *p, char *buf)
{
	return sysfs_emit(buf, "%d\n", p->path_cost);
}
LBR_BRPORT_ATTR(path_cost, 0644, lbr_brport_path_cost_show,
		lbr_port_set_path_cost);

static ssize_t lbr_brport_priority_show(const struct lbr_port *p, char *buf)
{
	return sysfs_emit(buf, "%d\n", p->priority);
}
LBR_BRPORT_ATTR(priority, 0644, lbr_brport_priority_show,
		lbr_port_set_priority);

static ssize_t lbr_brport_port_id_show(const struct lbr_port *p, char *buf)
{
	return sysfs_emit(buf, "0x%x\n", p->port_id);
}
LBR_BRPORT_ATTR(port_id, 0444, lbr_brport_port_id_show, NULL);

static ssize_t lbr_brport_port_no_show(const struct lbr_port *p, char *buf)
{
	return sysfs_emit(buf, "0x%x\n", p->port_no);
}
LBR_BRPORT_ATTR(port_no, 0444, lbr_brport_port_no_show, NULL);

static ssize_t lbr_brport_designated_root_show(const struct lbr_port *p,
					       char *buf)
{
	return lbr_sysfs_show_bridge_id(buf, &p->designated_root);
}
LBR_BRPORT_ATTR(designated_root, 0444, lbr_brport_designated_root_show, NULL);

static ssize_t lbr_brport_designated_bridge_show(const struct lbr_port *p,
						 char *buf)
{
	return lbr_sysfs_show_bridge_id(buf, &p->designated_bridge);
}
LBR_BRPORT_ATTR(designated_bridge, 0444, lbr_brport_designated_bridge_show,
		NULL);

static ssize_t lbr_brport_designated_port_show(const struct lbr_port *p,
					       char *buf)
{
	return sysfs_emit(buf, "%d\n", p->designated_port);
}
LBR_BRPORT_ATTR(designated_port, 0444, lbr_brport_designated_port_show, NULL);

static ssize_t lbr_brport_designated_cost_show(const struct lbr_port *p,
					       char *buf)
{
	return sysfs_emit(buf, "%d\n", p->designated_cost);
}
LBR_BRPORT_ATTR(designated_cost, 0444, lbr_brport_designated_cost_show, NULL);

static ssize_t lbr_brport_state_show(const struct lbr_port *p, char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(p->state));
}
LBR_BRPORT_ATTR(state, 0444, lbr_brport_state_show, NULL);

static ssize_t lbr_brport_change_ack_show(const struct lbr_port *p, char *buf)
{
	return sysfs_emit(buf, "%d\n", p->topology_change_ack);
}
LBR_BRPORT_ATTR(change_ack, 0444, lbr_brport_change_ack_show, NULL);

static ssize_t lbr_brport_config_pending_show(const struct lbr_port *p,
					      char *buf)
{
	return sysfs_emit(buf, "%d\n", p->config_pending);
}
LBR_BRPORT_ATTR(config_pending, 0444, lbr_brport_config_pending_show, NULL);

/* Time left on the port's STP timers, 0 while one is not running. */
static ssize_t lbr_brport_message_age_timer_show(const struct lbr_port *p,
						 char *buf)
{
	return sysfs_emit(buf, "%ld\n",
			  lbr_stp_timer_clock(&p->message_age_timer));
}
LBR_BRPORT_ATTR(message_age_timer, 0444, lbr_brport_message_age_timer_show,
		NULL);

static ssize_t lbr_brport_forward_delay_timer_show(const struct lbr_port *p,
						   char *buf)
{
	return sysfs_emit(buf, "%ld\n",
			  lbr_stp_timer_clock(&p->forward_delay_timer));
}
LBR_BRPORT_ATTR(forward_delay_timer, 0444,
		lbr_brport_forward_delay_timer_show, NULL);

static ssize_t lbr_brport_hold_timer_show(const struct lbr_port *p, char *buf)
{
	return sysfs_emit(buf, "%ld\n", lbr_stp_timer_clock(&p->hold_timer));
}
LBR_BRPORT_ATTR(hold_timer, 0444, lbr_brport_hold_timer_show, NULL);

/* Drops the port's learnt entries; local and static ones stay. */
static int lbr_brport_flush_rtnl(struct lbr_port *p, unsigned long val,
				 struct netlink_ext_ack *extack)
{
	lbr_fdb_delete_by_port(p->br, p, false);
	return 0;
}
LBR_BRPORT_ATTR(flush, 0200, NULL, lbr_brport_flush_rtnl);

static ssize_t lbr_brport_group_fwd_mask_show(const struct lbr_port *p,
					      char *buf)
{
	return sysfs_emit(buf, "%#x\n", READ_ONCE(p->group_fwd_mask));
}
LBR_BRPORT_ATTR(group_fwd_mask, 0644, lbr_brport_group_fwd_mask_show,
		lbr_port_set_group_fwd_mask);

LBR_BRPORT_FLAG(hairpin_mode, BR_HAIRPIN_MODE);
LBR_BRPORT_FLAG(bpdu_guard, BR_BPDU_GUARD);
LBR_BRPORT_FLAG(root_block, BR_ROOT_BLOCK);
LBR_BRPORT_FLAG(learning, BR_LEARNING);
LBR_BRPORT_FLAG(unicast_flood, BR_FLOOD);
LBR_BRPORT_FLAG(proxyarp, BR_PROXYARP);
LBR_BRPORT_FLAG(proxyarp_wifi, BR_PROXYARP_WIFI);
LBR_BRPORT_FLAG(multicast_flood, BR_MCAST_FLOOD);
LBR_BRPORT_FLAG(broadcast_flood, BR_BCAST_FLOOD);
LBR_BRPORT_FLAG(neigh_suppress, BR_NEIGH_SUPPRESS);
LBR_BRPORT_FLAG(isolated, BR_ISOLATED);

LBR_BRPORT_FLAG(multicast_fast_leave, BR_MULTICAST_FAST_LEAVE);
LBR_BRPORT_FLAG(multicast_to_unicast, BR_MULTICAST_TO_UNICAST);

static ssize_t lbr_brport_multicast_router_show(const struct lbr_port *p,
						char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(p->mcast.router));
}
LBR_BRPORT_ATTR(multicast_router, 0644, lbr_brport_multicast_router_show,
		lbr_mcast_port_set_router_rtnl);

/* backup_port is left out: lbridge has no backup ports. */
static struct attribute *lbr_brport_attrs[] = {
	&lbr_brport_attr_path_cost.attr,
	&lbr_brport_attr_priority.attr,
	&lbr_brport_attr_port_id.attr,
	&lbr_brport_attr_port_no.attr,
	&lbr_brport_attr_designated_root.attr,
	&lbr_brport_attr_designated_bridge.attr,
	&lbr_brport_attr_designated_port.attr,
	&lbr_brport_attr_designated_cost.attr,
	&lbr_brport_attr_state.attr,
	&lbr_brport_attr_change_ack.attr,
	&lbr_brport_attr_config_pending.attr,
	&lbr_brport_attr_message_age_timer.attr,
	&lbr_brport_attr_forward_delay_timer.attr,
	&lbr_brport_attr_hold_timer.attr,
	&lbr_brport_attr_flush.attr,
	&lbr_brport_attr_hairpin_mode.attr,
	&lbr_brport_attr_bpdu_guard.attr,
	&lbr_brport_attr_root_block.attr,
	&lbr_brport_attr_learning.attr,
	&lbr_brport_attr_unicast_flood.attr,
	&lbr_brport_attr_proxyarp.attr,
	&lbr_brport_attr_proxyarp_wifi.attr,
	&lbr_brport_attr_multicast_flood.attr,
	&lbr_brport_attr_broadcast_flood.attr,
	&lbr_brport_attr_group_fwd_mask.attr,
	&lbr_brport_attr_neigh_suppress.attr,
	&lbr_brport_attr_isolated.attr,
	&lbr_brport_attr_multicast_router.attr,
	&lbr_brport_attr_multicast_fast_leave.attr,
	&lbr_brport_attr_multicast_to_unicast.attr,
	NULL
};
ATTRIBUTE_GROUPS(lbr_brport);

static struct lbr_port *lbr_brport_from_kobj(struct kobject *kobj)
{
	return container_of(kobj, struct lbr_port, kobj);
}

static const struct lbr_brport_attr *lbr_brport_to_attr(struct attribute *a)
{
	return container_of(a, struct lbr_brport_attr, attr);
}

static ssize_t lbr_brport_show(struct kobject *kobj, struct attribute *attr,
			       char *buf)
{
	const struct lbr_brport_attr *a = lbr_brport_to_attr(attr);
	const struct lbr_port *p = lbr_brport_from_kobj(kobj);

	if (a->flag)
		return sysfs_emit(buf, "%d\n",
				  !!(READ_ONCE(p->flags) & a->flag));
	if (!a->show)
		return -EINVAL;
	return a->show(p, buf);
}

static int lbr_brport_set_rtnl(struct lbr_port *p,
			       const struct lbr_brport_attr *a,
			       unsigned long val,
			       struct netlink_ext_ack *extack)
{
	if (a->flag)
		return lbr_port_set_flag(p, a->flag, val != 0, extack);
	return a->store(p, val, extack);
}

/* RTNL is only tried: port removal holds it while it deletes these files,
 * and the deletion waits for stores in progress.  Once RTNL is held here
 * the port is still attached, because removal cannot have started.
 */
static ssize_t lbr_brport_store(struct kobject *kobj, struct attribute *attr,
				const char *buf, size_t count)
{
	const struct lbr_brport_attr *a = lbr_brport_to_attr(attr);
	struct lbr_port *p = lbr_brport_from_kobj(kobj);
	struct netlink_ext_ack extack = {};
	unsigned long val;
	int err;

	if (!ns_capable(dev_net(p->dev)->user_ns, CAP_NET_ADMIN))
		return -EPERM;

	if (!a->flag && !a->store)
		return -EINVAL;

	err = kstrtoul(buf, 0, &val);
	if (err)
		return err;

	if (!rtnl_trylock())
		return restart_syscall();

	err = lbr_brport_set_rtnl(p, a, val, &extack);
	if (!err)
		lbr_netlink_port_notify(p, RTM_NEWLINK);
	rtnl_unlock();

	if (extack._msg) {
		if (err)
			netdev_err(p->dev, "%s\n", extack._msg);
		else
			netdev_warn(p->dev, "%s\n", extack._msg);
	}
	return err ? err : count;
}

static const struct sysfs_ops lbr_brport_sysfs_ops = {
	.show	= lbr_brport_show,
	.store	= lbr_brport_store,
};

/* Runs after the final kobject_put(), an RCU grace period after detach. */
static void lbr_brport_release(struct kobject *kobj)
{
	struct lbr_port *p = lbr_brport_from_kobj(kobj);

	lbr_obj_dec(LBR_OBJ_PORT);
	lbr_mcast_port_release(p);
	kfree(p);
}

/* brport/ belongs to the namespace's root, as the device's own files do. */
static void lbr_brport_get_ownership(lbr_ownership_const struct kobject *kobj,
				     kuid_t *uid, kgid_t *gid)
{
	const struct lbr_port *p = container_of(kobj, struct lbr_port, kobj);

	net_ns_get_ownership(dev_net(p->dev), uid, gid);
}

const struct kobj_type lbr_brport_ktype = {
	.release	= lbr_brport_release,
	.sysfs_ops	= &lbr_brport_sysfs_ops,
	.default_groups	= lbr_brport_groups,
	.get_ownership	= lbr_brport_get_ownership,
};

/**
 * lbr_sysfs_port_add() - publish a new port in sysfs
 * @p: port whose kobject was initialised with &lbr_brport_ktype
 *
 * Adds <port>/brport/ with its attributes and its "bridge" link, and the
 * bridge's brif/<port> link, then announces brport/ with a uevent.
 *
 * Context: RTNL held.
 * Return: 0, or a negative errno with the kobject initialised but not
 * added; the caller drops it with kobject_put(), which frees the port.
 */
int lbr_sysfs_port_add(struct lbr_port *p)
{
	int err;

	ASSERT_RTNL();

	err = kobject_add(&p->kobj, &p->dev->dev.kobj, SYSFS_BRIDGE_PORT_ATTR);
	if (err)
		return err;

	err = sysfs_create_link(&p->kobj, &p->br->dev->dev.kobj,
				SYSFS_BRIDGE_PORT_LINK);
	if (err)
		goto err_del_kobj;

	/* NETDEV_CHANGENAME comes with the new name already in place: keep
	 * the one the link was made with.
	 */
	strscpy(p->brif_name, p->dev->name, sizeof(p->brif_name));
	err = sysfs_create_link(p->br->ifobj, &p->kobj, p->brif_name);
	if (err)
		goto err_remove_bridge_link;

	kobject_uevent(&p->kobj, KOBJ_ADD);
	return 0;

err_remove_bridge_link:
	sysfs_remove_link(&p->kobj, SYSFS_BRIDGE_PORT_LINK);
err_del_kobj:
	kobject_del(&p->kobj);
	return err;
}

/**
 * lbr_sysfs_port_del() - withdraw a port from sysfs
 * @p: port added by lbr_sysfs_port_add()
 *
 * Removes the links and brport/, but keeps the kobject's reference: the
 * caller's final kobject_put() frees the port.
 *
 * Context: RTNL held.  Waits for brport/ readers and writers in progress.
 */
void lbr_sysfs_port_del(struct lbr_port *p)
{
	ASSERT_RTNL();

	sysfs_remove_link(p->br->ifobj, p->brif_name);
	sysfs_remove_link(&p->kobj, SYSFS_BRIDGE_PORT_LINK);
	kobject_uevent(&p->kobj, KOBJ_REMOVE);
	kobject_del(&p->kobj);
}

/**
 * lbr_sysfs_port_rename() - follow a port device's new name in brif/
 * @p: port whose device has just been renamed (NETDEV_CHANGENAME)
 *
 * If this fails and the core rolls the rename back, the second
 * NETDEV_CHANGENAME finds the link already under the device's name and
 * does nothing.
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno from sysfs.
 */
int lbr_sysfs_port_rename(struct lbr_port *p)
{
	int err;

	ASSERT_RTNL();

	if (!strncmp(p->brif_name, p->dev->name, IFNAMSIZ))
		return 0;

	err = sysfs_rename_link(p->br->ifobj, &p->kobj, p->brif_name,
				p->dev->name);
	if (err) {
		netdev_notice(p->br->dev, "cannot rename brif/%s to %s: %d\n",
			      p->brif_name, p->dev->name, err);
		return err;
	}
	strscpy(p->brif_name, p->dev->name, sizeof(p->brif_name));
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/* Netdevice events: how bridges and their ports follow the devices. */

#include "lbridge/notifier.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/notifier.h>
#include <linux/rtnetlink.h>

#include "lbridge/device.h"
#include "lbridge/fdb.h"
#include "lbridge/netlink.h"
#include "lbridge/port.h"
#include "lbridge/sysfs.h"

static int lbr_notifier_bridge_event(struct net_device *dev,
				     unsigned long event)
{
	struct lbr_bridge *br = netdev_priv(dev);
	struct lbr_port *p, *n;
	int err;

	switch (event) {
	case NETDEV_REGISTER:
		/* A MAC given at creation is the user's: it is the bridge id. */
		if (dev->addr_assign_type == NET_ADDR_SET) {
			ether_addr_copy(br->bridge_id.addr, dev->dev_addr);
			br->designated_root = br->bridge_id;
		}
		lbr_fdb_add_locals_rtnl(br, NULL, dev->dev_addr);
		err = lbr_sysfs_bridge_add(br);
		return notifier_from_errno(err);
	case NETDEV_UNREGISTER:
		/* Normally dellink has done this; be safe for other paths. */
		br->dying = true;
		list_for_each_entry_safe(p, n, &br->port_list, list)
			lbr_port_destroy_rtnl(p);
		lbr_sysfs_bridge_del(br);
		break;
	}
	return NOTIFY_DONE;
}

static int lbr_notifier_port_event(struct lbr_port *p, unsigned long event,
				   struct netdev_notifier_info *info)
{
	struct lbr_bridge *br = p->br;
	struct net_device *dev = p->dev;
	bool notified = false;

	switch (event) {
	case NETDEV_CHANGEMTU:
		lbr_dev_update_mtu_rtnl(br);
		break;
	case NETDEV_CHANGEADDR:
		lbr_fdb_change_local_rtnl(br, p, dev->dev_addr);
		lbr_dev_update_addr_rtnl(br);
		break;
	case NETDEV_CHANGE:
		lbr_port_update_cost_rtnl(p);
		notified = lbr_port_update_state_rtnl(p);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
		notified = lbr_port_update_state_rtnl(p);
		break;
	case NETDEV_FEAT_CHANGE:
		lbr_dev_features_changed_rtnl(br);
		break;
	case NETDEV_UNREGISTER:
		/* Also the netns-move path: the port leaves with its device. */
		lbr_port_destroy_rtnl(p);
		return NOTIFY_DONE;
	case NETDEV_CHANGENAME:
		return notifier_from_errno(lbr_sysfs_port_rename(p));
	case NETDEV_PRE_TYPE_CHANGE:
		/* A port must stay Ethernet. */
		return NOTIFY_BAD;
	default:
		return NOTIFY_DONE;
	}

	/*
	 * Listeners expect one fresh AF_BRIDGE view per link change: a state
	 * change has sent it already.
	 */
	if (!notified &&
	    (event == NETDEV_CHANGEADDR || event == NETDEV_CHANGE ||
	     event == NETDEV_UP || event == NETDEV_DOWN))
		lbr_netlink_port_notify(p, RTM_NEWLINK);
	return NOTIFY_DONE;
}

static int lbr_notifier_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct lbr_port *p;

	ASSERT_RTNL();
	if (lbr_is_bridge(dev))
		return lbr_notifier_bridge_event(dev, event);

	p = lbr_port_get_rtnl(dev);
	if (!p)
		return NOTIFY_DONE;
	return lbr_notifier_port_event(p, event, ptr);
}

static struct notifier_block lbr_notifier_nb = {
	.notifier_call = lbr_notifier_event,
};

int lbr_notifier_init(void)
{
	return register_netdevice_notifier(&lbr_notifier_nb);
}

void lbr_notifier_exit(void)
{
	unregister_netdevice_notifier(&lbr_notifier_nb);
}

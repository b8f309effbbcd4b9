// SPDX-License-Identifier: GPL-2.0
/* Bridge ports: eligibility, attach, detach and link-derived state. */

#include "lbridge/port.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <linux/if_bridge.h>
#include <linux/log2.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "lbridge/device.h"
#include "lbridge/fdb.h"
#include "lbridge/forward.h"
#include "lbridge/input.h"
#include "lbridge/mcast.h"
#include "lbridge/netlink.h"
#include "lbridge/objcount.h"
#include "lbridge/stp.h"
#include "lbridge/sysfs.h"
#include "lbridge/vlan.h"

#define LBR_PORT_DEFAULT_FLAGS	(BR_LEARNING | BR_FLOOD | BR_MCAST_FLOOD | \
				 BR_BCAST_FLOOD)

/**
 * lbr_port_get_rtnl() - the lbridge port behind a device
 * @dev: any net_device
 *
 * Context: RTNL held.
 * Return: the port, or NULL if @dev is not an lbridge port.
 */
struct lbr_port *lbr_port_get_rtnl(const struct net_device *dev)
{
	ASSERT_RTNL();
	if (!netif_is_bridge_port(dev) ||
	    rtnl_dereference(dev->rx_handler) != lbr_handle_frame)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

/**
 * lbr_port_get_rcu() - the lbridge port behind a device
 * @dev: any net_device
 *
 * Context: RCU read section.
 * Return: the port, or NULL if @dev is not an lbridge port.
 */
struct lbr_port *lbr_port_get_rcu(const struct net_device *dev)
{
	if (rcu_dereference(dev->rx_handler) != lbr_handle_frame)
		return NULL;
	return rcu_dereference(dev->rx_handler_data);
}

/**
 * lbr_port_by_no_rtnl() - find a port by its number
 * @br: bridge
 * @port_no: port number
 *
 * Context: RTNL held.
 * Return: the port or NULL.
 */
struct lbr_port *lbr_port_by_no_rtnl(struct lbr_bridge *br, u16 port_no)
{
	ASSERT_RTNL();
	return xa_load(&br->ports, port_no);
}

/* 802.1D-1998 Table 8-5 recommended path costs by link speed. */
static u32 lbr_port_speed_cost(struct net_device *dev)
{
	struct ethtool_link_ksettings ks;

	if (__ethtool_get_link_ksettings(dev, &ks) ||
	    ks.base.speed == SPEED_UNKNOWN)
		return LBR_DEFAULT_PATH_COST;

	if (ks.base.speed > SPEED_10000)
		return 1;
	if (ks.base.speed == SPEED_10000)
		return 2;
	if (ks.base.speed == SPEED_5000)
		return 3;
	if (ks.base.speed == SPEED_2500)
		return 4;
	if (ks.base.speed == SPEED_1000)
		return 5;
	if (ks.base.speed == SPEED_100)
		return 19;
	return LBR_DEFAULT_PATH_COST;
}

/**
 * lbr_port_update_cost_rtnl() - follow the link speed unless set by hand
 * @p: port
 *
 * Context: RTNL held.
 */
void lbr_port_update_cost_rtnl(struct lbr_port *p)
{
	ASSERT_RTNL();
	if (!(p->flags & BR_ADMIN_COST) && netif_running(p->dev) &&
	    netif_oper_up(p->dev))
		p->path_cost = lbr_port_speed_cost(p->dev);
}

/**
 * lbr_port_is_designated() - this bridge is the designated one for @p
 * @p: port
 *
 * Context: RTNL held.
 * Return: whether @p's vector names this bridge and @p itself.
 */
bool lbr_port_is_designated(const struct lbr_port *p)
{
	return !memcmp(&p->designated_bridge, &p->br->bridge_id,
		       sizeof(p->designated_bridge)) &&
	       p->designated_port == p->port_id;
}

/**
 * lbr_port_become_designated() - take over @p's segment (802.1D 8.6.10)
 * @p: port
 *
 * Context: RTNL held.
 */
void lbr_port_become_designated(struct lbr_port *p)
{
	struct lbr_bridge *br = p->br;

	p->designated_root = br->designated_root;
	p->designated_cost = br->root_path_cost;
	p->designated_bridge = br->bridge_id;
	p->designated_port = p->port_id;
}

/**
 * lbr_port_set_state_rtnl() - change a port's state
 * @p: port
 * @state: BR_STATE_*
 *
 * Keeps the bridge's count of forwarding ports and its flood list, which
 * holds exactly the forwarding ports, in step.
 *
 * Context: RTNL held.
 */
void lbr_port_set_state_rtnl(struct lbr_port *p, u8 state)
{
	struct lbr_bridge *br = p->br;
	u8 old = p->state;

	ASSERT_RTNL();
	if (state == old)
		return;
	WRITE_ONCE(p->state, state);
	if (old == BR_STATE_DISABLED)
		br->enabled_ports++;
	else if (state == BR_STATE_DISABLED)
		br->enabled_ports--;
	/* With MST, the port's state is its state in the CST (MSTI 0). */
	if (test_bit(LBR_OPT_MST_ENABLED, &br->options))
		lbr_mst_set_state_rtnl(p, 0, state);
	if (old == BR_STATE_FORWARDING) {
		br->fwd_ports--;
		lbr_flood_port_del_rtnl(p);
	} else if (state == BR_STATE_FORWARDING) {
		br->fwd_ports++;
		lbr_flood_port_add_rtnl(p);
	}
	if (old == BR_STATE_DISABLED || state == BR_STATE_DISABLED)
		lbr_mcast_port_state_rtnl(p, state != BR_STATE_DISABLED);
}

/**
 * lbr_port_update_state_rtnl() - enable or disable a port as its links say
 * @p: port
 *
 * A port takes part when it and the bridge are up (802.1D 8.4.5); STP
 * (lbr_stp_enable_port_rtnl()) then decides its state: without STP it
 * forwards at once.  Listeners hear of a change.
 *
 * Context: RTNL held.
 * Return: whether the port was enabled or disabled (and listeners told).
 */
bool lbr_port_update_state_rtnl(struct lbr_port *p)
{
	struct lbr_bridge *br = p->br;
	bool up = netif_running(br->dev) && netif_running(p->dev) &&
		  netif_oper_up(p->dev);
	bool enabled = p->state != BR_STATE_DISABLED;

	ASSERT_RTNL();
	if (up == enabled)
		return false;
	if (up)
		lbr_stp_enable_port_rtnl(p);
	else
		lbr_stp_disable_port_rtnl(p);
	return true;
}

/* In-tree's refusals, errnos and (where it has them) extack messages. */
static int lbr_port_check_eligible(struct lbr_bridge *br,
				   struct net_device *dev,
				   struct netlink_ext_ack *extack)
{
	if ((dev->flags & IFF_LOOPBACK) || dev->type != ARPHRD_ETHER ||
	    dev->addr_len != ETH_ALEN || !is_valid_ether_addr(dev->dev_addr))
		return -EINVAL;
	if (lbr_is_bridge(dev) || netif_is_bridge_master(dev)) {
		NL_SET_ERR_MSG(extack, "Can not enslave a bridge to a bridge");
		return -ELOOP;
	}
	if (netdev_master_upper_dev_get(dev))
		return -EBUSY;
	if (dev->priv_flags & IFF_DONT_BRIDGE) {
		NL_SET_ERR_MSG(extack,
			       "Device does not allow enslaving to a bridge");
		return -EOPNOTSUPP;
	}
	return 0;
}

static struct lbr_port *lbr_port_alloc(struct lbr_bridge *br,
				       struct net_device *dev)
{
	struct lbr_port *p;
	u32 no;
	int err;

	/*
	 * kmalloc aligns power-of-two sizes to themselves: FDB entries keep
	 * their flags in the low bits of a port pointer (LBR_PORT_ALIGN).
	 */
	p = kzalloc(roundup_pow_of_two(sizeof(*p)), GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	if (WARN_ON_ONCE((unsigned long)p & (LBR_PORT_ALIGN - 1))) {
		kfree(p);
		return ERR_PTR(-ENOMEM);
	}

	/*
	 * The lowest free number; the bridge is full at LBR_MAX_PORT_NO, or
	 * with STP at the last number a port id holds.
	 */
	err = xa_alloc(&br->ports, &no, p,
		       XA_LIMIT(1, br->stp_enabled == LBR_NO_STP ?
				LBR_MAX_PORT_NO : LBR_STP_MAX_PORT_NO),
		       GFP_KERNEL);
	if (err) {
		kfree(p);
		return ERR_PTR(err == -EBUSY ? -EXFULL : err);
	}

	p->br = br;
	p->dev = dev;
	p->port_no = no;
	p->flags = LBR_PORT_DEFAULT_FLAGS;
	p->state = BR_STATE_DISABLED;
	p->priority = LBR_DEFAULT_PORT_PRIO;
	p->rstp.auto_edge = 1;
	p->port_id = lbr_port_make_id(p->priority, no);
	p->path_cost = lbr_port_speed_cost(dev);
	lbr_port_become_designated(p);
	err = lbr_mcast_port_init_rtnl(p);
	if (err) {
		xa_erase(&br->ports, no);
		kfree(p);
		return ERR_PTR(err);
	}
	/* From here on the kobject owns the memory. */
	lbr_obj_inc(LBR_OBJ_PORT);
	kobject_init(&p->kobj, &lbr_brport_ktype);
	return p;
}

/* Called after the last RCU reader of the port is gone. */
static void lbr_port_free_rcu(struct rcu_head *head)
{
	struct lbr_port *p = container_of(head, struct lbr_port, rcu);

	dev_put(p->dev);
	kobject_put(&p->kobj);
}

/**
 * lbr_port_add_rtnl() - make @dev a port of @br
 * @br: bridge
 * @dev: device to attach
 * @extack: netlink extended ack, may be NULL
 *
 * Context: RTNL held.
 * Return: 0 or the in-tree bridge's errno for the same refusal.
 */
int lbr_port_add_rtnl(struct lbr_bridge *br, struct net_device *dev,
		      struct netlink_ext_ack *extack)
{
	struct lbr_port *p;
	bool addr_changed;
	int err;

	ASSERT_RTNL();
	err = lbr_port_check_eligible(br, dev, extack);
	if (err)
		return err;

	p = lbr_port_alloc(br, dev);
	if (IS_ERR(p))
		return PTR_ERR(p);
	dev_hold(dev);

	/* As in-tree: multicast reaches the bridge even if promisc drops. */
	err = dev_set_allmulti(dev, 1);
	if (err)
		goto err_put_port;

	err = lbr_sysfs_port_add(p);
	if (err)
		goto err_unset_allmulti;

	err = netdev_rx_handler_register(dev, lbr_handle_frame, p);
	if (err)
		goto err_del_sysfs;

	dev->priv_flags |= IFF_BRIDGE_PORT;
	err = netdev_master_upper_dev_link(dev, br->dev, NULL, NULL, extack);
	if (err)
		goto err_unregister_rx_handler;

	dev_disable_lro(dev);
	/*
	 * Promiscuous once linked, as in-tree: the RTM_NEWLINK this sends
	 * already names the master.
	 */
	err = dev_set_promiscuity(dev, 1);
	if (err)
		goto err_unlink_upper;
	list_add_rcu(&p->list, &br->port_list);
	br->port_count++;

	/* Everything below is O(1) in the number of ports, so that attaching
	 * the n-th port costs what attaching the first did; except since 6.19,
	 * where features are derived from every port at the end, as in-tree.
	 */
	if (!LBR_FEATURES_AT_END && lbr_dev_features_add_rtnl(br, dev->features))
		netdev_update_features(br->dev);
	if (br->dev->needed_headroom < dev->needed_headroom)
		br->dev->needed_headroom = dev->needed_headroom;
	if (lbr_fdb_add_local_rtnl(br, p, dev->dev_addr, 0))
		netdev_warn(br->dev, "no FDB entry for %s's address\n",
			    dev->name);
	err = lbr_vlan_port_init_rtnl(p, extack);
	if (err) {
		netdev_err(dev, "failed to initialize vlan filtering on this port\n");
		goto err_unlist_port;
	}
	addr_changed = lbr_dev_port_added_rtnl(br, p);
	lbr_port_update_state_rtnl(p);
	lbr_netlink_port_notify(p, RTM_NEWLINK);
	lbr_dev_port_added_done_rtnl(br, p, addr_changed);
	return 0;

err_unlist_port:
	lbr_fdb_delete_by_port(br, p, true);
	list_del_rcu(&p->list);
	br->port_count--;
	lbr_dev_features_changed_rtnl(br);
	dev_set_promiscuity(dev, -1);
err_unlink_upper:
	netdev_upper_dev_unlink(dev, br->dev);
err_unregister_rx_handler:
	dev->priv_flags &= ~IFF_BRIDGE_PORT;
	netdev_rx_handler_unregister(dev);
err_del_sysfs:
	lbr_sysfs_port_del(p);
err_unset_allmulti:
	dev_set_allmulti(dev, -1);
err_put_port:
	xa_erase(&br->ports, p->port_no);
	dev_put(dev);
	kobject_put(&p->kobj);
	return err;
}

/**
 * lbr_port_destroy_rtnl() - detach a port and free it after RCU
 * @p: port
 *
 * Context: RTNL held.
 */
void lbr_port_destroy_rtnl(struct lbr_port *p)
{
	struct lbr_bridge *br = p->br;
	struct net_device *dev = p->dev;
	bool was_root = lbr_stp_is_root_bridge(br);
	bool was_enabled = p->state != BR_STATE_DISABLED;

	ASSERT_RTNL();
	/* In-tree's order, which decides what link listeners see when. */
	dev_set_allmulti(dev, -1);
	dev_set_promiscuity(dev, -1);
	/* Listeners see the port disabled, then gone. */
	lbr_port_become_designated(p);
	lbr_port_set_state_rtnl(p, BR_STATE_DISABLED);
	lbr_stp_port_timers_stop_rtnl(p);
	lbr_netlink_port_notify(p, RTM_NEWLINK);
	lbr_netlink_port_notify(p, RTM_DELLINK);

	list_del_rcu(&p->list);
	br->port_count--;
	/* The root port may have left: the others elect again. */
	if (was_enabled && !br->dying)
		lbr_stp_port_left_rtnl(br, was_root);

	/* Waits for in-flight frames, so nothing learns on @p after this. */
	netdev_rx_handler_unregister(dev);

	/*
	 * In-tree's order: VLANs (DELVLAN), then the FDB (DELNEIGH), then
	 * the master goes (RTM_NEWLINK without it).
	 */
	lbr_vlan_port_uninit_rtnl(p);
	lbr_fdb_delete_by_port(br, p, true);
	lbr_mcast_port_uninit_rtnl(p);
	netdev_upper_dev_unlink(dev, br->dev);
	dev->priv_flags &= ~IFF_BRIDGE_PORT;
	lbr_sysfs_port_del(p);
	xa_erase(&br->ports, p->port_no);

	lbr_dev_port_removed_rtnl(br, p);

	call_rcu(&p->rcu, lbr_port_free_rcu);
}

/**
 * lbr_port_del_rtnl() - detach @dev from @br on request
 * @br: bridge
 * @dev: port device
 *
 * Context: RTNL held.
 * Return: 0, or -EINVAL if @dev is not a port of @br.
 */
int lbr_port_del_rtnl(struct lbr_bridge *br, struct net_device *dev)
{
	struct lbr_port *p = lbr_port_get_rtnl(dev);

	ASSERT_RTNL();
	if (!p || p->br != br)
		return -EINVAL;

	lbr_port_destroy_rtnl(p);
	return 0;
}

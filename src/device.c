// SPDX-License-Identifier: GPL-2.0
/* The bridge net_device: setup, ops, transmit and derived state. */

#include "lbridge/device.h"
#include "lbridge/types.h"

#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_bridge.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <net/rtnetlink.h>

#include "lbridge/fdb.h"
#include "lbridge/mcast.h"
#include "lbridge/mdb_netlink.h"
#include "lbridge/fdb_netlink.h"
#include "lbridge/forward.h"
#include "lbridge/ioctl.h"
#include "lbridge/netlink.h"
#include "lbridge/objcount.h"
#include "lbridge/pipeline.h"
#include "lbridge/port.h"
#include "lbridge/stp.h"
#include "lbridge/vlan.h"

#define LBR_FEATURES (NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HIGHDMA | \
		      NETIF_F_GSO_MASK | NETIF_F_HW_CSUM)

static const struct net_device_ops lbr_netdev_ops;

/**
 * lbr_is_bridge() - whether @dev is an lbridge bridge
 * @dev: any net_device
 *
 * Checks our ops rather than IFF_EBRIDGE so that no other bridge's
 * private data is ever cast to ours.
 *
 * Context: any.
 * Return: true for lbridge bridges.
 */
bool lbr_is_bridge(const struct net_device *dev)
{
	return dev->netdev_ops == &lbr_netdev_ops;
}

static int lbr_dev_init(struct net_device *dev)
{
	struct lbr_bridge *br = netdev_priv(dev);
	int err;

	err = lbr_fdb_bridge_init(br);
	if (err)
		return err;
	err = lbr_vlan_bridge_init_rtnl(br);
	if (err)
		goto err_uninit_fdb;
	err = lbr_mcast_bridge_init(br);
	if (err)
		goto err_uninit_vlan;
	lbr_obj_inc(LBR_OBJ_BRIDGE);
	return 0;

err_uninit_vlan:
	lbr_vlan_bridge_uninit_rtnl(br);
err_uninit_fdb:
	lbr_fdb_bridge_uninit(br);
	return err;
}

/* After unregistration (or a failed one), without RTNL: free_netdev next. */
static void lbr_dev_destruct(struct net_device *dev)
{
	lbr_stp_bridge_destroy(netdev_priv(dev));
}

static void lbr_dev_uninit(struct net_device *dev)
{
	struct lbr_bridge *br = netdev_priv(dev);

	lbr_obj_dec(LBR_OBJ_BRIDGE);
	lbr_mcast_bridge_uninit_rtnl(br);
	lbr_fdb_bridge_uninit(br);
	lbr_vlan_bridge_uninit_rtnl(br);
	lbr_flood_free_rtnl(br);
	WARN_ON_ONCE(!xa_empty(&br->ports));
	xa_destroy(&br->ports);
}

static int lbr_dev_open(struct net_device *dev)
{
	struct lbr_bridge *br = netdev_priv(dev);

	netdev_update_features(dev);
	netif_start_queue(dev);
	/* Ports enabled; no forwarding port (or none at all): no carrier. */
	lbr_stp_enable_bridge_rtnl(br);
	lbr_fdb_gc_start(br);
	lbr_mcast_open_rtnl(br);
	return 0;
}

static int lbr_dev_stop(struct net_device *dev)
{
	struct lbr_bridge *br = netdev_priv(dev);

	lbr_mcast_stop_rtnl(br);
	lbr_fdb_gc_stop(br);
	lbr_stp_disable_bridge_rtnl(br);
	netif_stop_queue(dev);
	return 0;
}

/* Frames the host sends out of the bridge: forwarded like received ones. */
static netdev_tx_t lbr_dev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct lbr_bridge *br = netdev_priv(dev);

	/* A tc or BPF redirect can hand us less than an Ethernet header. */
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		return NETDEV_TX_OK;
	}

	memset(skb->cb, 0, sizeof(struct lbr_input_cb));
	LBR_INPUT_CB(skb)->brdev = dev;
	dev_sw_netstats_tx_add(dev, 1, skb->len);

	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);

	rcu_read_lock();
	lbr_pipeline_tx(br, skb);
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

/* The bridge's MAC is the user's or else the lowest port MAC (802.1D 7.12.5). */
static int lbr_dev_set_mac_address(struct net_device *dev, void *p)
{
	struct lbr_bridge *br = netdev_priv(dev);
	struct sockaddr *sa = p;

	if (!is_valid_ether_addr(sa->sa_data))
		return -EADDRNOTAVAIL;
	/* A master may ask while we are being torn down: ignore it. */
	if (dev->reg_state != NETREG_REGISTERED)
		return -EBUSY;

	if (!ether_addr_equal(dev->dev_addr, sa->sa_data)) {
		u8 old[ETH_ALEN];

		ether_addr_copy(old, br->bridge_id.addr);
		lbr_fdb_change_local_rtnl(br, NULL, sa->sa_data);
		eth_hw_addr_set(dev, sa->sa_data);
		ether_addr_copy(br->bridge_id.addr, sa->sa_data);
		lbr_stp_change_bridge_id_rtnl(br, old);
	}
	return 0;
}

static int lbr_dev_change_mtu(struct net_device *dev, int new_mtu)
{
	struct lbr_bridge *br = netdev_priv(dev);

	dev->mtu = new_mtu;
	/* lbr_dev_update_mtu_rtnl() clears this again for automatic changes. */
	set_bit(LBR_OPT_MTU_SET_BY_USER, &br->options);
	return 0;
}

/*
 * The bridge offers what all its ports can do.  The fold over the ports
 * is kept (feat_in -> feat_acc) so that an attach only folds in the new
 * port: netdev_increment_features() gives the same result in any order.
 */
static netdev_features_t lbr_dev_fix_features(struct net_device *dev,
					      netdev_features_t features)
{
	struct lbr_bridge *br = netdev_priv(dev);
	netdev_features_t acc;
	struct lbr_port *p;

	ASSERT_RTNL();
	if (list_empty(&br->port_list)) {
		br->feat_valid = false;
		return features;
	}

	if (br->feat_valid && br->feat_in == features) {
		acc = br->feat_acc;
	} else {
		acc = features & ~NETIF_F_ONE_FOR_ALL;
		list_for_each_entry(p, &br->port_list, list)
			acc = netdev_increment_features(acc, p->dev->features,
							features);
		br->feat_in = features;
		br->feat_acc = acc;
		br->feat_valid = true;
	}
	return netdev_add_tso_features(acc, features);
}

/**
 * lbr_dev_features_add_rtnl() - fold a new port into the bridge features
 * @br: bridge
 * @features: the new port's features
 *
 * Context: RTNL held.
 * Return: true if the bridge's features must be recomputed
 * (netdev_update_features()), false if the port changes nothing.
 */
bool lbr_dev_features_add_rtnl(struct lbr_bridge *br,
			       netdev_features_t features)
{
	netdev_features_t acc;

	ASSERT_RTNL();
	if (!br->feat_valid || br->port_count < 2)
		return true;
	acc = netdev_increment_features(br->feat_acc, features, br->feat_in);
	if (acc == br->feat_acc)
		return false;
	br->feat_acc = acc;
	return true;
}

/**
 * lbr_dev_features_changed_rtnl() - a port left or its features changed
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_dev_features_changed_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	br->feat_valid = false;
	netdev_update_features(br->dev);
}

static int lbr_dev_add_slave(struct net_device *dev, struct net_device *slave,
			     struct netlink_ext_ack *extack)
{
	return lbr_port_add_rtnl(netdev_priv(dev), slave, extack);
}

static int lbr_dev_del_slave(struct net_device *dev, struct net_device *slave)
{
	return lbr_port_del_rtnl(netdev_priv(dev), slave);
}

static void lbr_dev_set_rx_mode(struct net_device *dev)
{
	/* Ports are promiscuous: there is no filter to program. */
}

/* The FDB callbacks' signatures differ between kernels (compat.h). */
LBR_NDO_FDB_ADD_ADAPTER(lbr_ndo_fdb_add, lbr_fdb_ndo_add)
LBR_NDO_FDB_DEL_ADAPTER(lbr_ndo_fdb_del, lbr_fdb_ndo_del)
LBR_NDO_FDB_DEL_BULK_ADAPTER(lbr_ndo_fdb_del_bulk, lbr_fdb_ndo_del_bulk,
			     lbr_fdb_del_bulk_policy)

static const struct net_device_ops lbr_netdev_ops = {
	.ndo_init		= lbr_dev_init,
	.ndo_uninit		= lbr_dev_uninit,
	.ndo_open		= lbr_dev_open,
	.ndo_stop		= lbr_dev_stop,
	.ndo_start_xmit		= lbr_dev_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_set_mac_address	= lbr_dev_set_mac_address,
	.ndo_set_rx_mode	= lbr_dev_set_rx_mode,
	.ndo_change_mtu		= lbr_dev_change_mtu,
	.ndo_siocdevprivate	= lbr_ioctl_siocdevprivate,
	.ndo_add_slave		= lbr_dev_add_slave,
	.ndo_del_slave		= lbr_dev_del_slave,
	.ndo_fix_features	= lbr_dev_fix_features,
	.ndo_fdb_add		= lbr_ndo_fdb_add,
	.ndo_fdb_del		= lbr_ndo_fdb_del,
	.ndo_fdb_del_bulk	= lbr_ndo_fdb_del_bulk,
	.ndo_fdb_dump		= lbr_fdb_ndo_dump,
	.ndo_fdb_get		= lbr_fdb_ndo_get,
	.ndo_bridge_getlink	= lbr_netlink_getlink,
	.ndo_bridge_setlink	= lbr_netlink_setlink,
	.ndo_bridge_dellink	= lbr_netlink_dellink,
	LBR_NDO_MDB_OPS
	.ndo_features_check	= passthru_features_check,
};

static void lbr_dev_get_drvinfo(struct net_device *dev,
				struct ethtool_drvinfo *info)
{
	/* Tools identify bridges by this driver name and version. */
	strscpy(info->driver, "bridge", sizeof(info->driver));
	strscpy(info->version, "2.3", sizeof(info->version));
	strscpy(info->fw_version, "N/A", sizeof(info->fw_version));
	strscpy(info->bus_info, "N/A", sizeof(info->bus_info));
}

static const struct ethtool_ops lbr_ethtool_ops = {
	.get_drvinfo	= lbr_dev_get_drvinfo,
	.get_link	= ethtool_op_get_link,
};

static const struct device_type lbr_device_type = {
	.name = "bridge",
};

/**
 * lbr_dev_setup() - initialise a freshly allocated bridge device
 * @dev: the device; its private area is a struct lbr_bridge
 *
 * Context: alloc_netdev() or the rtnl link core.
 */
void lbr_dev_setup(struct net_device *dev)
{
	struct lbr_bridge *br = netdev_priv(dev);

	eth_hw_addr_random(dev);
	ether_setup(dev);

	dev->netdev_ops = &lbr_netdev_ops;
	dev->ethtool_ops = &lbr_ethtool_ops;
	dev->rtnl_link_ops = &lbr_link_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = lbr_dev_destruct;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	SET_NETDEV_DEVTYPE(dev, &lbr_device_type);
	dev->priv_flags = IFF_EBRIDGE | IFF_NO_QUEUE;

	dev->features = LBR_FEATURES | NETIF_F_HW_VLAN_CTAG_TX |
			NETIF_F_HW_VLAN_STAG_TX;
	lbr_dev_set_lltx(dev);
	lbr_dev_set_netns_local(dev);
	dev->hw_features = LBR_FEATURES | NETIF_F_HW_VLAN_CTAG_TX |
			   NETIF_F_HW_VLAN_STAG_TX;
	dev->vlan_features = LBR_FEATURES;
	dev->max_mtu = ETH_MAX_MTU;

	br->dev = dev;
	INIT_LIST_HEAD(&br->port_list);
	xa_init_flags(&br->ports, XA_FLAGS_ALLOC1);

	/* In-tree defaults; the bridge id MAC stays zero until a port joins. */
	br->bridge_id.prio[0] = LBR_DEFAULT_BR_PRIO >> 8;
	br->bridge_id.prio[1] = LBR_DEFAULT_BR_PRIO & 0xff;
	br->designated_root = br->bridge_id;
	ether_addr_copy(br->group_addr, eth_stp_addr);
	br->stp_enabled = LBR_NO_STP;
	br->bridge_max_age = 20 * HZ;
	br->max_age = br->bridge_max_age;
	br->bridge_hello_time = 2 * HZ;
	br->hello_time = br->bridge_hello_time;
	br->bridge_forward_delay = 15 * HZ;
	br->forward_delay = br->bridge_forward_delay;
	br->ageing_time = BR_DEFAULT_AGEING_TIME;
	br->bridge_ageing_time = BR_DEFAULT_AGEING_TIME;
	lbr_stp_bridge_init(br);
}

/**
 * lbr_dev_register_rtnl() - register a set-up bridge device
 * @dev: device from lbr_dev_setup()
 * @extack: netlink extended ack, may be NULL
 *
 * sysfs and the bridge's own FDB entry follow from NETDEV_REGISTER.
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno.
 */
int lbr_dev_register_rtnl(struct net_device *dev,
			  struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	return register_netdevice(dev);
}

/**
 * lbr_dev_add_rtnl() - create a bridge for SIOCBRADDBR
 * @net: namespace
 * @name: device name (may hold a %d pattern)
 *
 * Context: RTNL held.
 * Return: 0, -EEXIST for a taken name, or another negative errno.
 */
int lbr_dev_add_rtnl(struct net *net, const char *name)
{
	struct net_device *dev;
	int err;

	ASSERT_RTNL();
	dev = alloc_netdev(sizeof(struct lbr_bridge), name, NET_NAME_USER,
			   lbr_dev_setup);
	if (!dev)
		return -ENOMEM;

	dev_net_set(dev, net);
	err = lbr_dev_register_rtnl(dev, NULL);
	if (err)
		free_netdev(dev);
	return err;
}

/**
 * lbr_dev_dellink() - remove a bridge and all its ports
 * @dev: bridge device
 * @head: list to queue the unregistration on, or NULL to do it now
 *
 * Context: RTNL held.
 */
void lbr_dev_dellink(struct net_device *dev, struct list_head *head)
{
	struct lbr_bridge *br = netdev_priv(dev);
	struct lbr_port *p, *n;

	ASSERT_RTNL();
	/* Nobody looks at the bridge's MTU or MAC while it goes away. */
	br->dying = true;
	list_for_each_entry_safe(p, n, &br->port_list, list)
		lbr_port_destroy_rtnl(p);

	unregister_netdevice_queue(dev, head);
}

/**
 * lbr_dev_del_rtnl() - delete a bridge for SIOCBRDELBR
 * @net: namespace
 * @name: bridge name
 *
 * Context: RTNL held.
 * Return: 0, -ENXIO if absent, -EPERM if not a bridge, -EBUSY if up.
 */
int lbr_dev_del_rtnl(struct net *net, const char *name)
{
	struct net_device *dev;

	ASSERT_RTNL();
	dev = __dev_get_by_name(net, name);
	if (!dev)
		return -ENXIO;
	if (!lbr_is_bridge(dev))
		return -EPERM;
	if (dev->flags & IFF_UP)
		return -EBUSY;

	lbr_dev_dellink(dev, NULL);
	return 0;
}

static void lbr_dev_set_auto_mtu(struct lbr_bridge *br, unsigned int mtu)
{
	dev_set_mtu(br->dev, mtu);
	/* lbr_dev_change_mtu() took this for a user's change. */
	clear_bit(LBR_OPT_MTU_SET_BY_USER, &br->options);
}

/**
 * lbr_dev_update_mtu_rtnl() - follow the smallest port MTU
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_dev_update_mtu_rtnl(struct lbr_bridge *br)
{
	unsigned int mtu = 0;
	struct lbr_port *p;

	ASSERT_RTNL();
	if (test_bit(LBR_OPT_MTU_SET_BY_USER, &br->options))
		return;

	list_for_each_entry(p, &br->port_list, list)
		if (!mtu || p->dev->mtu < mtu)
			mtu = p->dev->mtu;

	lbr_dev_set_auto_mtu(br, mtu ? mtu : ETH_DATA_LEN);
}

/*
 * Take @addr as the bridge id and MAC if it is new; true if it was.  The
 * caller announces it (NETDEV_CHANGEADDR) where in-tree does.
 */
static bool lbr_dev_take_auto_addr(struct lbr_bridge *br, const u8 *addr)
{
	struct net_device *dev = br->dev;
	u8 old[ETH_ALEN];

	if (ether_addr_equal(br->bridge_id.addr, addr))
		return false;

	ether_addr_copy(old, br->bridge_id.addr);
	lbr_fdb_change_local_rtnl(br, NULL, addr);
	eth_hw_addr_set(dev, addr);
	ether_addr_copy(br->bridge_id.addr, addr);
	/* Re-runs the election and port selection, which sets the carrier. */
	lbr_stp_change_bridge_id_rtnl(br, old);
	return true;
}

/**
 * lbr_dev_update_addr_rtnl() - recompute the bridge id and MAC
 * @br: bridge
 *
 * Unless the user set the MAC, the bridge takes the numerically lowest
 * port MAC (all zeroes with no ports, as in-tree) and announces it.
 *
 * Context: RTNL held.
 */
void lbr_dev_update_addr_rtnl(struct lbr_bridge *br)
{
	static const u8 zero[ETH_ALEN] __aligned(2);
	const u8 *addr = zero;
	struct lbr_port *p;

	ASSERT_RTNL();
	if (br->dev->addr_assign_type == NET_ADDR_SET)
		return;

	list_for_each_entry(p, &br->port_list, list)
		if (addr == zero || memcmp(p->dev->dev_addr, addr, ETH_ALEN) < 0)
			addr = p->dev->dev_addr;

	if (lbr_dev_take_auto_addr(br, addr))
		call_netdevice_notifiers(NETDEV_CHANGEADDR, br->dev);
}

/**
 * lbr_dev_update_tso_max_rtnl() - TSO limits: the smallest of the ports'
 * @br: bridge
 *
 * With no port the bridge takes any size, as in-tree after the last one
 * leaves.
 *
 * Context: RTNL held.
 */
void lbr_dev_update_tso_max_rtnl(struct lbr_bridge *br)
{
	unsigned int size = TSO_MAX_SIZE;
	u16 segs = TSO_MAX_SEGS;
	struct lbr_port *p;

	ASSERT_RTNL();
	list_for_each_entry(p, &br->port_list, list) {
		size = min(size, p->dev->tso_max_size);
		segs = min(segs, p->dev->tso_max_segs);
	}
	netif_set_tso_max_size(br->dev, size);
	netif_set_tso_max_segs(br->dev, segs);
}

/**
 * lbr_dev_update_carrier_rtnl() - carrier on iff some port forwards
 * @br: bridge
 *
 * Context: RTNL held.
 */
void lbr_dev_update_carrier_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	if (br->fwd_ports)
		netif_carrier_on(br->dev);
	else
		netif_carrier_off(br->dev);
}

/*
 * Since 6.19, as in-tree: features and TSO limits derived from every port,
 * announced with NETDEV_FEAT_CHANGE (the cached fold is dropped first).
 */
static void lbr_dev_features_from_ports_rtnl(struct lbr_bridge *br)
{
	ASSERT_RTNL();
	br->feat_valid = false;
	lbr_features_from_ports(br->dev);
}

/**
 * lbr_dev_port_added_rtnl() - take a new port's MAC if it is the lowest
 * @br: bridge
 * @p: the port just added to the port list
 *
 * The bridge's automatic MAC is the minimum over the ports, so a new port
 * only needs comparing with it: O(1).  Announcing it waits for
 * lbr_dev_port_added_done_rtnl(), after the port's RTM_NEWLINK, as in-tree.
 *
 * Context: RTNL held.
 * Return: true if the bridge's MAC changed.
 */
bool lbr_dev_port_added_rtnl(struct lbr_bridge *br, struct lbr_port *p)
{
	const u8 *addr = p->dev->dev_addr;

	ASSERT_RTNL();
	if (br->dev->addr_assign_type == NET_ADDR_SET ||
	    (br->port_count > 1 && memcmp(addr, br->bridge_id.addr, ETH_ALEN) >= 0))
		return false;
	return lbr_dev_take_auto_addr(br, addr);
}

/**
 * lbr_dev_port_added_done_rtnl() - announce, then follow the new port's MTU,
 * TSO limits and (since 6.19, as in-tree) features
 * @br: bridge
 * @p: the port just added and announced
 * @addr_changed: lbr_dev_port_added_rtnl()'s answer
 *
 * Context: RTNL held.
 */
void lbr_dev_port_added_done_rtnl(struct lbr_bridge *br, struct lbr_port *p,
				  bool addr_changed)
{
	unsigned int mtu = p->dev->mtu;

	ASSERT_RTNL();
	if (addr_changed)
		call_netdevice_notifiers(NETDEV_CHANGEADDR, br->dev);

	if (!test_bit(LBR_OPT_MTU_SET_BY_USER, &br->options)) {
		if (br->port_count > 1)
			mtu = min(mtu, br->dev->mtu);
		lbr_dev_set_auto_mtu(br, mtu);
	}

	if (LBR_FEATURES_AT_END) {
		lbr_dev_features_from_ports_rtnl(br);	/* TSO limits too */
		return;
	}
	/* TSO limits: the smallest of the ports', also O(1) here. */
	if (br->port_count == 1) {
		netif_set_tso_max_size(br->dev, p->dev->tso_max_size);
		netif_set_tso_max_segs(br->dev, p->dev->tso_max_segs);
	} else {
		netif_set_tso_max_size(br->dev, min(br->dev->tso_max_size,
						    p->dev->tso_max_size));
		netif_set_tso_max_segs(br->dev, min(br->dev->tso_max_segs,
						    p->dev->tso_max_segs));
	}
}

/**
 * lbr_dev_port_removed_rtnl() - recompute what a leaving port influenced
 * @br: bridge
 * @p: the port just taken off the port list
 *
 * The minimum MAC or MTU only needs a walk over the ports if @p held it;
 * none of it when the whole bridge is going away.
 *
 * Context: RTNL held.
 */
void lbr_dev_port_removed_rtnl(struct lbr_bridge *br, struct lbr_port *p)
{
	ASSERT_RTNL();
	if (br->dying)
		return;
	/* In-tree's order: MTU and TSO limits, the MAC, then features. */
	if (!br->port_count || p->dev->mtu <= br->dev->mtu)
		lbr_dev_update_mtu_rtnl(br);
	if (!LBR_FEATURES_AT_END &&
	    (p->dev->tso_max_size <= br->dev->tso_max_size ||
	     p->dev->tso_max_segs <= br->dev->tso_max_segs))
		lbr_dev_update_tso_max_rtnl(br);
	if (!br->port_count ||
	    ether_addr_equal(p->dev->dev_addr, br->bridge_id.addr))
		lbr_dev_update_addr_rtnl(br);
	if (LBR_FEATURES_AT_END)
		lbr_dev_features_from_ports_rtnl(br);
	else
		lbr_dev_features_changed_rtnl(br);
	lbr_dev_update_carrier_rtnl(br);
}

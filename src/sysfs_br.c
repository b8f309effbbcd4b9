// SPDX-License-Identifier: GPL-2.0
/* Bridge sysfs: the bridge/ attributes, the brforward table and brif/. */

#include "lbridge/sysfs.h"
#include "lbridge/vlan.h"
#include "lbridge/types.h"

#include <linux/capability.h>
#include <linux/device.h>
#include <linux/etherdevice.h>
#include <linux/if_bridge.h>
#include <linux/jiffies.h>
#include <linux/kobject.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/timer.h>

#include "lbridge/fdb.h"
#include "lbridge/mcast.h"
#include "lbridge/options.h"
#include "lbridge/stp.h"

/* The set of files and their formats is frozen ABI: brctl and scripts
 * parse them back.  New bridge settings belong in netlink only.
 */

typedef int (*lbr_br_setter)(struct lbr_bridge *br, unsigned long val,
			     struct netlink_ext_ack *extack);

static struct lbr_bridge *lbr_br_from_dev(struct device *d)
{
	return netdev_priv(to_net_dev(d));
}

/**
 * lbr_sysfs_show_bridge_id() - print a bridge identifier for sysfs
 * @buf: the sysfs page
 * @id: identifier to print
 *
 * Context: sysfs show; any context that may sleep.
 * Return: bytes written, "8000.001122334455\n"-style.
 */
ssize_t lbr_sysfs_show_bridge_id(char *buf, const struct lbr_bridge_id *id)
{
	size_t len;

	/* The page is PAGE_SIZE long, far more than an identifier needs. */
	lbr_format_bridge_id(buf, id);
	len = strlen(buf);
	return len + sysfs_emit_at(buf, len, "\n");
}

static void lbr_br_log_extack(struct lbr_bridge *br, int err,
			      const struct netlink_ext_ack *extack)
{
	if (!extack->_msg)
		return;
	if (err)
		netdev_err(br->dev, "%s\n", extack->_msg);
	else
		netdev_warn(br->dev, "%s\n", extack->_msg);
}

/* Every numeric store: permission, then parse, then the shared setter
 * under RTNL.  RTNL is only tried: bridge deletion holds it while it
 * removes these files, and removal waits for stores in progress.
 */
static ssize_t lbr_br_store(struct device *d, const char *buf, size_t len,
			    lbr_br_setter set)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);
	struct netlink_ext_ack extack = {};
	unsigned long val;
	int err;

	if (!ns_capable(dev_net(br->dev)->user_ns, CAP_NET_ADMIN))
		return -EPERM;

	err = kstrtoul(buf, 0, &val);
	if (err)
		return err;

	if (!rtnl_trylock())
		return restart_syscall();

	err = set(br, val, &extack);
	if (!err)
		netdev_state_change(br->dev);
	rtnl_unlock();

	lbr_br_log_extack(br, err, &extack);
	return err ? err : len;
}

#define LBR_BR_ATTR(_name, _mode, _show, _store)			\
	static struct device_attribute lbr_br_attr_##_name =		\
		__ATTR(_name, _mode, _show, _store)

static ssize_t lbr_br_forward_delay_show(struct device *d,
					 struct device_attribute *attr,
					 char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%lu\n", lbr_jiffies_to_clock(br->forward_delay));
}

static ssize_t lbr_br_forward_delay_store(struct device *d,
					  struct device_attribute *attr,
					  const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_set_forward_delay);
}
LBR_BR_ATTR(forward_delay, 0644, lbr_br_forward_delay_show,
	    lbr_br_forward_delay_store);

static ssize_t lbr_br_hello_time_show(struct device *d,
				      struct device_attribute *attr, char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%lu\n", lbr_jiffies_to_clock(br->hello_time));
}

static ssize_t lbr_br_hello_time_store(struct device *d,
				       struct device_attribute *attr,
				       const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_set_hello_time);
}
LBR_BR_ATTR(hello_time, 0644, lbr_br_hello_time_show,
	    lbr_br_hello_time_store);

static ssize_t lbr_br_max_age_show(struct device *d,
				   struct device_attribute *attr, char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%lu\n", lbr_jiffies_to_clock(br->max_age));
}

static ssize_t lbr_br_max_age_store(struct device *d,
				    struct device_attribute *attr,
				    const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_set_max_age);
}
LBR_BR_ATTR(max_age, 0644, lbr_br_max_age_show, lbr_br_max_age_store);

static ssize_t lbr_br_ageing_time_show(struct device *d,
				       struct device_attribute *attr,
				       char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%lu\n",
			  lbr_jiffies_to_clock(READ_ONCE(br->ageing_time)));
}

static ssize_t lbr_br_ageing_time_store(struct device *d,
					struct device_attribute *attr,
					const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_set_ageing_time);
}
LBR_BR_ATTR(ageing_time, 0644, lbr_br_ageing_time_show,
	    lbr_br_ageing_time_store);

static ssize_t lbr_br_stp_state_show(struct device *d,
				     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", lbr_br_from_dev(d)->stp_enabled);
}

static ssize_t lbr_br_stp_state_store(struct device *d,
				      struct device_attribute *attr,
				      const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_set_stp_state);
}
LBR_BR_ATTR(stp_state, 0644, lbr_br_stp_state_show, lbr_br_stp_state_store);

static ssize_t lbr_br_group_fwd_mask_show(struct device *d,
					  struct device_attribute *attr,
					  char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%#x\n", READ_ONCE(br->group_fwd_mask));
}

static ssize_t lbr_br_group_fwd_mask_store(struct device *d,
					   struct device_attribute *attr,
					   const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_set_group_fwd_mask);
}
LBR_BR_ATTR(group_fwd_mask, 0644, lbr_br_group_fwd_mask_show,
	    lbr_br_group_fwd_mask_store);

static ssize_t lbr_br_priority_show(struct device *d,
				    struct device_attribute *attr, char *buf)
{
	const struct lbr_bridge_id *id = &lbr_br_from_dev(d)->bridge_id;

	return sysfs_emit(buf, "%d\n", (id->prio[0] << 8) | id->prio[1]);
}

static ssize_t lbr_br_priority_store(struct device *d,
				     struct device_attribute *attr,
				     const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_set_bridge_priority);
}
LBR_BR_ATTR(priority, 0644, lbr_br_priority_show, lbr_br_priority_store);

static ssize_t lbr_br_root_id_show(struct device *d,
				   struct device_attribute *attr, char *buf)
{
	return lbr_sysfs_show_bridge_id(buf,
					&lbr_br_from_dev(d)->designated_root);
}
LBR_BR_ATTR(root_id, 0444, lbr_br_root_id_show, NULL);

static ssize_t lbr_br_bridge_id_show(struct device *d,
				     struct device_attribute *attr, char *buf)
{
	return lbr_sysfs_show_bridge_id(buf, &lbr_br_from_dev(d)->bridge_id);
}
LBR_BR_ATTR(bridge_id, 0444, lbr_br_bridge_id_show, NULL);

static ssize_t lbr_br_root_port_show(struct device *d,
				     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", lbr_br_from_dev(d)->root_port);
}
LBR_BR_ATTR(root_port, 0444, lbr_br_root_port_show, NULL);

static ssize_t lbr_br_root_path_cost_show(struct device *d,
					  struct device_attribute *attr,
					  char *buf)
{
	return sysfs_emit(buf, "%d\n", lbr_br_from_dev(d)->root_path_cost);
}
LBR_BR_ATTR(root_path_cost, 0444, lbr_br_root_path_cost_show, NULL);

static ssize_t lbr_br_topology_change_show(struct device *d,
					   struct device_attribute *attr,
					   char *buf)
{
	return sysfs_emit(buf, "%d\n", lbr_br_from_dev(d)->topology_change);
}
LBR_BR_ATTR(topology_change, 0444, lbr_br_topology_change_show, NULL);

static ssize_t lbr_br_topology_change_detected_show(struct device *d,
						    struct device_attribute *attr,
						    char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%d\n", br->topology_change_detected);
}
LBR_BR_ATTR(topology_change_detected, 0444,
	    lbr_br_topology_change_detected_show, NULL);

/* Time left on the STP timers, 0 while one is not running. */
static ssize_t lbr_br_hello_timer_show(struct device *d,
				       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%ld\n",
			  lbr_stp_timer_clock(&lbr_br_from_dev(d)->hello_timer));
}
LBR_BR_ATTR(hello_timer, 0444, lbr_br_hello_timer_show, NULL);

static ssize_t lbr_br_tcn_timer_show(struct device *d,
				     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%ld\n",
			  lbr_stp_timer_clock(&lbr_br_from_dev(d)->tcn_timer));
}
LBR_BR_ATTR(tcn_timer, 0444, lbr_br_tcn_timer_show, NULL);

static ssize_t lbr_br_topology_change_timer_show(struct device *d,
						 struct device_attribute *attr,
						 char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%ld\n",
			  lbr_stp_timer_clock(&br->topology_change_timer));
}
LBR_BR_ATTR(topology_change_timer, 0444, lbr_br_topology_change_timer_show,
	    NULL);

/* Time left before the next ageing pass, 0 while it is not armed. */
static ssize_t lbr_br_gc_timer_show(struct device *d,
				    struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%ld\n",
			  lbr_timer_clock(&lbr_br_from_dev(d)->gc_work.timer));
}
LBR_BR_ATTR(gc_timer, 0444, lbr_br_gc_timer_show, NULL);

static ssize_t lbr_br_group_addr_show(struct device *d,
				      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%pM\n", lbr_br_from_dev(d)->group_addr);
}

/* Takes a MAC address rather than a number, so it cannot use lbr_br_store. */
static ssize_t lbr_br_group_addr_store(struct device *d,
				       struct device_attribute *attr,
				       const char *buf, size_t len)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);
	struct netlink_ext_ack extack = {};
	u8 addr[ETH_ALEN];
	int err;

	if (!ns_capable(dev_net(br->dev)->user_ns, CAP_NET_ADMIN))
		return -EPERM;

	if (!mac_pton(buf, addr))
		return -EINVAL;

	if (!rtnl_trylock())
		return restart_syscall();

	err = lbr_set_group_addr(br, addr, &extack);
	if (!err)
		netdev_state_change(br->dev);
	rtnl_unlock();

	lbr_br_log_extack(br, err, &extack);
	return err ? err : len;
}
LBR_BR_ATTR(group_addr, 0644, lbr_br_group_addr_show,
	    lbr_br_group_addr_store);

/* Any number flushes; as in-tree, the value must still parse. */
static int lbr_br_flush_rtnl(struct lbr_bridge *br, unsigned long val,
			     struct netlink_ext_ack *extack)
{
	lbr_fdb_flush(br);
	return 0;
}

static ssize_t lbr_br_flush_store(struct device *d,
				  struct device_attribute *attr,
				  const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_br_flush_rtnl);
}
LBR_BR_ATTR(flush, 0200, NULL, lbr_br_flush_store);

static ssize_t lbr_br_no_linklocal_learn_show(struct device *d,
					      struct device_attribute *attr,
					      char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%d\n",
			  test_bit(LBR_OPT_NO_LL_LEARN, &br->options));
}

static int lbr_br_no_ll_learn_rtnl(struct lbr_bridge *br, unsigned long val,
				   struct netlink_ext_ack *extack)
{
	return lbr_set_no_ll_learn(br, !!val);
}

static ssize_t lbr_br_no_linklocal_learn_store(struct device *d,
					       struct device_attribute *attr,
					       const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_br_no_ll_learn_rtnl);
}
LBR_BR_ATTR(no_linklocal_learn, 0644, lbr_br_no_linklocal_learn_show,
	    lbr_br_no_linklocal_learn_store);

static ssize_t lbr_br_fdb_n_learned_show(struct device *d,
					 struct device_attribute *attr,
					 char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%u\n", READ_ONCE(br->fdb_n_learned));
}
LBR_BR_ATTR(fdb_n_learned, 0444, lbr_br_fdb_n_learned_show, NULL);

static ssize_t lbr_br_fdb_max_learned_show(struct device *d,
					   struct device_attribute *attr,
					   char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%u\n", READ_ONCE(br->fdb_max_learned));
}

static ssize_t lbr_br_fdb_max_learned_store(struct device *d,
					    struct device_attribute *attr,
					    const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_set_fdb_max_learned);
}
LBR_BR_ATTR(fdb_max_learned, 0644, lbr_br_fdb_max_learned_show,
	    lbr_br_fdb_max_learned_store);

static ssize_t lbr_br_vlan_filtering_show(struct device *d,
					  struct device_attribute *attr,
					  char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%d\n",
			  test_bit(LBR_OPT_VLAN_FILTERING, &br->options));
}

static ssize_t lbr_br_vlan_filtering_store(struct device *d,
					   struct device_attribute *attr,
					   const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_vlan_set_filtering_rtnl);
}
LBR_BR_ATTR(vlan_filtering, 0644, lbr_br_vlan_filtering_show,
	    lbr_br_vlan_filtering_store);

static ssize_t lbr_br_vlan_stats_enabled_show(struct device *d,
					      struct device_attribute *attr,
					      char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%d\n",
			  test_bit(LBR_OPT_VLAN_STATS_ENABLED, &br->options));
}

static ssize_t lbr_br_vlan_stats_enabled_store(struct device *d,
					       struct device_attribute *attr,
					       const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_vlan_set_stats_rtnl);
}
LBR_BR_ATTR(vlan_stats_enabled, 0644, lbr_br_vlan_stats_enabled_show,
	    lbr_br_vlan_stats_enabled_store);

static ssize_t lbr_br_vlan_stats_per_port_show(struct device *d,
					       struct device_attribute *attr,
					       char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%d\n",
			  test_bit(LBR_OPT_VLAN_STATS_PER_PORT, &br->options));
}

static ssize_t lbr_br_vlan_stats_per_port_store(struct device *d,
						struct device_attribute *attr,
						const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_vlan_set_stats_per_port_rtnl);
}
LBR_BR_ATTR(vlan_stats_per_port, 0644, lbr_br_vlan_stats_per_port_show,
	    lbr_br_vlan_stats_per_port_store);

static ssize_t lbr_br_vlan_protocol_show(struct device *d,
					 struct device_attribute *attr,
					 char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%#06x\n", ntohs(READ_ONCE(br->vlan_proto)));
}

/* sysfs takes the protocol in host order, as in-tree (only its low 16 bits). */
static int lbr_br_set_vlan_protocol(struct lbr_bridge *br, unsigned long val,
				    struct netlink_ext_ack *extack)
{
	return lbr_vlan_set_proto_rtnl(br, (__force u16)htons((u16)val), extack);
}

static ssize_t lbr_br_vlan_protocol_store(struct device *d,
					  struct device_attribute *attr,
					  const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_br_set_vlan_protocol);
}
LBR_BR_ATTR(vlan_protocol, 0644, lbr_br_vlan_protocol_show,
	    lbr_br_vlan_protocol_store);

static ssize_t lbr_br_default_pvid_show(struct device *d,
					struct device_attribute *attr,
					char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%d\n", br->default_pvid);
}

static ssize_t lbr_br_default_pvid_store(struct device *d,
					 struct device_attribute *attr,
					 const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_vlan_store_default_pvid_rtnl);
}
LBR_BR_ATTR(default_pvid, 0644, lbr_br_default_pvid_show,
	    lbr_br_default_pvid_store);

/* br_netfilter's per-bridge settings, kept and shown as in-tree (options.c). */
#define LBR_BR_NF_CALL_ATTR(name, opt)					\
static ssize_t lbr_br_##name##_show(struct device *d,			\
				    struct device_attribute *attr,	\
				    char *buf)				\
{									\
	return sysfs_emit(buf, "%d\n",					\
			  test_bit(opt, &lbr_br_from_dev(d)->options));	\
}									\
static ssize_t lbr_br_##name##_store(struct device *d,			\
				     struct device_attribute *attr,	\
				     const char *buf, size_t len)	\
{									\
	return lbr_br_store(d, buf, len, lbr_set_##name##_rtnl);	\
}									\
LBR_BR_ATTR(name, 0644, lbr_br_##name##_show, lbr_br_##name##_store)

LBR_BR_NF_CALL_ATTR(nf_call_iptables, LBR_OPT_NF_CALL_IPTABLES);
LBR_BR_NF_CALL_ATTR(nf_call_ip6tables, LBR_OPT_NF_CALL_IP6TABLES);
LBR_BR_NF_CALL_ATTR(nf_call_arptables, LBR_OPT_NF_CALL_ARPTABLES);

/* The multicast_* files: a value read lockless, written through its setter. */
#define LBR_BR_MCAST_ATTR(name, fmt, val, set)				\
static ssize_t lbr_br_##name##_show(struct device *d,			\
				    struct device_attribute *attr,	\
				    char *buf)				\
{									\
	const struct lbr_bridge *br = lbr_br_from_dev(d);		\
									\
	return sysfs_emit(buf, fmt "\n", val);				\
}									\
static ssize_t lbr_br_##name##_store(struct device *d,			\
				     struct device_attribute *attr,	\
				     const char *buf, size_t len)	\
{									\
	return lbr_br_store(d, buf, len, set);				\
}									\
LBR_BR_ATTR(name, 0644, lbr_br_##name##_show, lbr_br_##name##_store)

#define LBR_BR_MCAST_CLOCK(name, member)				\
	LBR_BR_MCAST_ATTR(multicast_##name, "%lu",			\
			  jiffies_to_clock_t(READ_ONCE(br->mcast.member)), \
			  lbr_mcast_set_##member##_rtnl)

LBR_BR_MCAST_ATTR(multicast_router, "%d", READ_ONCE(br->mcast.router),
		  lbr_mcast_set_router_rtnl);
LBR_BR_MCAST_ATTR(multicast_snooping, "%d", lbr_mcast_snooping(br),
		  lbr_mcast_set_snooping_rtnl);
LBR_BR_MCAST_ATTR(multicast_query_use_ifaddr, "%d",
		  test_bit(LBR_OPT_MCAST_QUERY_USE_IFADDR, &br->options),
		  lbr_mcast_set_query_use_ifaddr_rtnl);
LBR_BR_MCAST_ATTR(multicast_querier, "%d", br->mcast.querier,
		  lbr_mcast_set_querier_rtnl);
/* Always in-tree's fixed value: the setting only logs that. */
static ssize_t lbr_br_hash_elasticity_show(struct device *d,
					   struct device_attribute *attr,
					   char *buf)
{
	return sysfs_emit(buf, "%u\n", LBR_MCAST_HASH_ELASTICITY);
}

static ssize_t lbr_br_hash_elasticity_store(struct device *d,
					    struct device_attribute *attr,
					    const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_mcast_set_hash_elasticity_rtnl);
}
LBR_BR_ATTR(hash_elasticity, 0644, lbr_br_hash_elasticity_show,
	    lbr_br_hash_elasticity_store);
LBR_BR_MCAST_ATTR(hash_max, "%u", READ_ONCE(br->mcast.hash_max),
		  lbr_mcast_set_hash_max_rtnl);
LBR_BR_MCAST_ATTR(multicast_igmp_version, "%u", br->mcast.igmp_version,
		  lbr_mcast_set_igmp_version_rtnl);
LBR_BR_MCAST_ATTR(multicast_mld_version, "%u", br->mcast.mld_version,
		  lbr_mcast_set_mld_version_rtnl);
LBR_BR_MCAST_ATTR(multicast_last_member_count, "%u",
		  READ_ONCE(br->mcast.last_member_count),
		  lbr_mcast_set_last_member_count_rtnl);
LBR_BR_MCAST_ATTR(multicast_startup_query_count, "%u",
		  READ_ONCE(br->mcast.startup_query_count),
		  lbr_mcast_set_startup_query_count_rtnl);
static ssize_t lbr_br_multicast_stats_enabled_show(struct device *d,
						   struct device_attribute *attr,
						   char *buf)
{
	struct lbr_bridge *br = lbr_br_from_dev(d);

	return sysfs_emit(buf, "%d\n",
			  test_bit(LBR_OPT_MCAST_STATS_ENABLED, &br->options));
}

static ssize_t lbr_br_multicast_stats_enabled_store(struct device *d,
						    struct device_attribute *attr,
						    const char *buf, size_t len)
{
	return lbr_br_store(d, buf, len, lbr_mcast_set_stats_enabled_rtnl);
}
LBR_BR_ATTR(multicast_stats_enabled, 0644, lbr_br_multicast_stats_enabled_show,
	    lbr_br_multicast_stats_enabled_store);
LBR_BR_MCAST_CLOCK(last_member_interval, last_member_interval);
LBR_BR_MCAST_CLOCK(membership_interval, membership_interval);
LBR_BR_MCAST_CLOCK(querier_interval, querier_interval);
LBR_BR_MCAST_CLOCK(query_interval, query_interval);
LBR_BR_MCAST_CLOCK(query_response_interval, query_response_interval);
LBR_BR_MCAST_CLOCK(startup_query_interval, startup_query_interval);

static struct attribute *lbr_br_attrs[] = {
	&lbr_br_attr_forward_delay.attr,
	&lbr_br_attr_hello_time.attr,
	&lbr_br_attr_max_age.attr,
	&lbr_br_attr_ageing_time.attr,
	&lbr_br_attr_stp_state.attr,
	&lbr_br_attr_group_fwd_mask.attr,
	&lbr_br_attr_priority.attr,
	&lbr_br_attr_bridge_id.attr,
	&lbr_br_attr_root_id.attr,
	&lbr_br_attr_root_path_cost.attr,
	&lbr_br_attr_root_port.attr,
	&lbr_br_attr_topology_change.attr,
	&lbr_br_attr_topology_change_detected.attr,
	&lbr_br_attr_hello_timer.attr,
	&lbr_br_attr_tcn_timer.attr,
	&lbr_br_attr_topology_change_timer.attr,
	&lbr_br_attr_gc_timer.attr,
	&lbr_br_attr_group_addr.attr,
	&lbr_br_attr_flush.attr,
	&lbr_br_attr_no_linklocal_learn.attr,
	&lbr_br_attr_fdb_n_learned.attr,
	&lbr_br_attr_fdb_max_learned.attr,
	&lbr_br_attr_vlan_filtering.attr,
	&lbr_br_attr_vlan_protocol.attr,
	&lbr_br_attr_default_pvid.attr,
	&lbr_br_attr_vlan_stats_enabled.attr,
	&lbr_br_attr_vlan_stats_per_port.attr,
	&lbr_br_attr_nf_call_iptables.attr,
	&lbr_br_attr_nf_call_ip6tables.attr,
	&lbr_br_attr_nf_call_arptables.attr,
	&lbr_br_attr_multicast_router.attr,
	&lbr_br_attr_multicast_snooping.attr,
	&lbr_br_attr_multicast_query_use_ifaddr.attr,
	&lbr_br_attr_multicast_querier.attr,
	&lbr_br_attr_hash_elasticity.attr,
	&lbr_br_attr_hash_max.attr,
	&lbr_br_attr_multicast_igmp_version.attr,
	&lbr_br_attr_multicast_mld_version.attr,
	&lbr_br_attr_multicast_last_member_count.attr,
	&lbr_br_attr_multicast_startup_query_count.attr,
	&lbr_br_attr_multicast_last_member_interval.attr,
	&lbr_br_attr_multicast_membership_interval.attr,
	&lbr_br_attr_multicast_querier_interval.attr,
	&lbr_br_attr_multicast_query_interval.attr,
	&lbr_br_attr_multicast_query_response_interval.attr,
	&lbr_br_attr_multicast_startup_query_interval.attr,
	&lbr_br_attr_multicast_stats_enabled.attr,
	NULL
};

static const struct attribute_group lbr_br_group = {
	.name	= SYSFS_BRIDGE_ATTR,
	.attrs	= lbr_br_attrs,
};

/* brforward: the FDB as whole struct __fdb_entry records, read by
 * "brctl showmacs".  The file offset counts bytes, so it must fall on a
 * record boundary.
 */
static ssize_t lbr_br_fdb_read(struct file *filp, struct kobject *kobj,
			       lbr_bin_read_const struct bin_attribute *attr,
			       char *buf, loff_t off, size_t count)
{
	struct lbr_bridge *br = lbr_br_from_dev(kobj_to_dev(kobj));
	const size_t rec = sizeof(struct __fdb_entry);
	int n;

	if (off % rec)
		return -EINVAL;

	n = lbr_fdb_fillbuf(br, buf, count / rec, off / rec);
	if (n <= 0)
		return n;
	return n * rec;
}

static const struct bin_attribute lbr_br_fdb_attr = {
	.attr	= { .name = SYSFS_BRIDGE_FDB, .mode = 0444 },
	.read	= lbr_br_fdb_read,
};

/**
 * lbr_sysfs_bridge_add() - create the bridge's sysfs files
 * @br: bridge whose net_device has just been registered
 *
 * Creates bridge/, brforward and the brif/ directory that will hold one
 * link per port.
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno, with nothing left behind.
 */
int lbr_sysfs_bridge_add(struct lbr_bridge *br)
{
	struct kobject *kobj = &br->dev->dev.kobj;
	int err;

	ASSERT_RTNL();

	err = sysfs_create_group(kobj, &lbr_br_group);
	if (err)
		return err;

	err = sysfs_create_bin_file(kobj, &lbr_br_fdb_attr);
	if (err)
		goto err_remove_group;

	br->ifobj = kobject_create_and_add(SYSFS_BRIDGE_PORT_SUBDIR, kobj);
	if (!br->ifobj) {
		err = -ENOMEM;
		goto err_remove_fdb;
	}
	return 0;

err_remove_fdb:
	sysfs_remove_bin_file(kobj, &lbr_br_fdb_attr);
err_remove_group:
	sysfs_remove_group(kobj, &lbr_br_group);
	return err;
}

/**
 * lbr_sysfs_bridge_del() - remove what lbr_sysfs_bridge_add() created
 * @br: bridge about to be unregistered; it has no ports left
 *
 * Does nothing if lbr_sysfs_bridge_add() failed or never ran: a failed
 * NETDEV_REGISTER is followed by NETDEV_UNREGISTER.
 *
 * Context: RTNL held.  Waits for sysfs readers and writers in progress;
 * the stores only try RTNL, so they cannot deadlock against this.
 */
void lbr_sysfs_bridge_del(struct lbr_bridge *br)
{
	struct kobject *kobj = &br->dev->dev.kobj;

	ASSERT_RTNL();

	/* lbr_sysfs_bridge_add() sets @ifobj last and only on success. */
	if (!br->ifobj)
		return;

	kobject_put(br->ifobj);
	br->ifobj = NULL;
	sysfs_remove_bin_file(kobj, &lbr_br_fdb_attr);
	sysfs_remove_group(kobj, &lbr_br_group);
}

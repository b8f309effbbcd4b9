// SPDX-License-Identifier: GPL-2.0
/* The bridge ioctls brctl speaks: the deviceless hook and SIOCDEVPRIVATE. */

#include "lbridge/ioctl.h"
#include "lbridge/types.h"

#include <linux/build_bug.h>
#include <linux/capability.h>
#include <linux/compat.h>
#include <linux/if_bridge.h>
#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <linux/overflow.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/sockios.h>
#include <linux/string.h>
#include <linux/timer.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>
#include <net/net_namespace.h>

#include "lbridge/device.h"
#include "lbridge/fdb.h"
#include "lbridge/netlink.h"
#include "lbridge/options.h"
#include "lbridge/port.h"
#include "lbridge/stp.h"

/* SIOCGIFBR callers asking for this many bridges or more get -ENOMEM. */
#define LBR_IOCTL_MAX_BRIDGES	2048
/* Port list size used when the caller passes 0. */
#define LBR_IOCTL_DEFAULT_PORTS	256
/* SIOCDEVPRIVATE carries four words, SIOCGIFBR/SIOCSIFBR three. */
#define LBR_IOCTL_MAX_ARGS	4

/* The ABI structs hold bridge ids as a u64 filled byte for byte. */
static_assert(sizeof(struct lbr_bridge_id) == sizeof(u64));

static bool lbr_ioctl_capable(struct net *net)
{
	return ns_capable(net->user_ns, CAP_NET_ADMIN);
}

/* Both ioctl families pass an array of unsigned long. The core does not
 * translate it for 32-bit callers, whose words are 32 bits wide, so widen
 * them here; args[1] is a user pointer for most commands.
 */
static int lbr_ioctl_read_args(unsigned long *args, unsigned int nr,
			       void __user **argp, const void __user *uarg)
{
	unsigned int cargs[LBR_IOCTL_MAX_ARGS];
	unsigned int i;

	if (WARN_ON_ONCE(nr < 2 || nr > LBR_IOCTL_MAX_ARGS))
		return -EINVAL;

	if (in_compat_syscall()) {
		if (copy_from_user(cargs, uarg, nr * sizeof(cargs[0])))
			return -EFAULT;
		for (i = 0; i < nr; i++)
			args[i] = cargs[i];
		*argp = compat_ptr(cargs[1]);
		return 0;
	}

	if (copy_from_user(args, uarg, nr * sizeof(args[0])))
		return -EFAULT;
	*argp = (void __user *)args[1];
	return 0;
}

/* Remaining time of a timer in clock_t, 0 when it is not armed. */
/* Shared by SIOCBRADDIF/DELIF and BRCTL_ADD_IF/DEL_IF; the caller checked
 * CAP_NET_ADMIN.
 */
static int lbr_ioctl_add_del_if_rtnl(struct lbr_bridge *br, int ifindex,
				     bool add)
{
	struct net_device *dev;
	int err;

	ASSERT_RTNL();

	dev = __dev_get_by_index(dev_net(br->dev), ifindex);
	if (!dev)
		return -EINVAL;

	if (add)
		err = lbr_port_add_rtnl(br, dev, NULL);
	else
		err = lbr_port_del_rtnl(br, dev);
	if (err)
		return err;

	netdev_update_features(br->dev);
	return 0;
}

static int lbr_ioctl_get_bridge_info(struct lbr_bridge *br,
				     void __user *argp)
{
	struct __bridge_info b;

	memset(&b, 0, sizeof(b));
	memcpy(&b.designated_root, &br->designated_root,
	       sizeof(b.designated_root));
	memcpy(&b.bridge_id, &br->bridge_id, sizeof(b.bridge_id));
	b.root_path_cost = br->root_path_cost;
	b.max_age = jiffies_to_clock_t(br->max_age);
	b.hello_time = jiffies_to_clock_t(br->hello_time);
	/* The in-tree bridge has always reported these three in jiffies rather
	 * than clock_t, and brctl's showstp prints whatever comes back: keep
	 * the quirk so the output matches on HZ != USER_HZ kernels.
	 */
	b.forward_delay = br->forward_delay;
	b.bridge_max_age = br->bridge_max_age;
	b.bridge_hello_time = br->bridge_hello_time;
	b.bridge_forward_delay = jiffies_to_clock_t(br->bridge_forward_delay);
	b.topology_change = br->topology_change;
	b.topology_change_detected = br->topology_change_detected;
	/* The ABI field is a u8; larger port numbers are truncated in-tree. */
	b.root_port = br->root_port;
	/* Kernel and user STP both read as enabled. */
	b.stp_enabled = br->stp_enabled != LBR_NO_STP;
	b.ageing_time = jiffies_to_clock_t(br->ageing_time);
	b.hello_timer_value = lbr_stp_timer_clock(&br->hello_timer);
	b.tcn_timer_value = lbr_stp_timer_clock(&br->tcn_timer);
	b.topology_change_timer_value =
		lbr_stp_timer_clock(&br->topology_change_timer);
	b.gc_timer_value = lbr_timer_clock(&br->gc_work.timer);

	if (copy_to_user(argp, &b, sizeof(b)))
		return -EFAULT;
	return 0;
}

static int lbr_ioctl_get_port_list_rtnl(struct lbr_bridge *br,
					int __user *uindices,
					unsigned long count)
{
	/* The count is an int in the in-tree ABI; negative ones are refused. */
	int num = (int)count;
	unsigned long no;
	struct lbr_port *p;
	int *indices;

	if (num < 0)
		return -EINVAL;
	if (!num)
		num = LBR_IOCTL_DEFAULT_PORTS;
	/* Never more than the caller's array holds: brctl passes 1024 ints,
	 * so ports numbered 1024 and up are only listed to callers that
	 * offer room for them (and in brif/).
	 */
	num = min(num, LBR_MAX_PORT_NO + 1);

	indices = kvcalloc(num, sizeof(*indices), GFP_KERNEL);
	if (!indices)
		return -ENOMEM;

	/* Indexed by port number, so callers can map port_no to ifindex. */
	xa_for_each_range(&br->ports, no, p, 1, num - 1)
		indices[no] = p->dev->ifindex;

	if (copy_to_user(uindices, indices, array_size(num, sizeof(*indices))))
		num = -EFAULT;
	kvfree(indices);
	return num;
}

static int lbr_ioctl_get_port_info_rtnl(struct lbr_bridge *br,
					void __user *argp,
					unsigned long port_no)
{
	struct __port_info pi;
	struct lbr_port *p;

	/* Port numbers are u16; the in-tree lookup truncates the same way. */
	p = lbr_port_by_no_rtnl(br, port_no);
	if (!p)
		return -EINVAL;

	memset(&pi, 0, sizeof(pi));
	memcpy(&pi.designated_root, &p->designated_root,
	       sizeof(pi.designated_root));
	memcpy(&pi.designated_bridge, &p->designated_bridge,
	       sizeof(pi.designated_bridge));
	pi.port_id = p->port_id;
	pi.designated_port = p->designated_port;
	pi.path_cost = p->path_cost;
	pi.designated_cost = p->designated_cost;
	pi.state = p->state;
	pi.top_change_ack = p->topology_change_ack;
	pi.config_pending = p->config_pending;
	pi.message_age_timer_value = lbr_stp_timer_clock(&p->message_age_timer);
	pi.forward_delay_timer_value =
		lbr_stp_timer_clock(&p->forward_delay_timer);
	pi.hold_timer_value = lbr_stp_timer_clock(&p->hold_timer);

	if (copy_to_user(argp, &pi, sizeof(pi)))
		return -EFAULT;
	return 0;
}

static int lbr_ioctl_get_fdb_entries(struct lbr_bridge *br,
				     void __user *ubuf, unsigned long maxnum,
				     unsigned long offset)
{
	struct __fdb_entry *buf;
	int num;

	/* At most a page of records per call; this also bounds the size. */
	maxnum = min_t(unsigned long, maxnum, PAGE_SIZE / sizeof(*buf));

	buf = kcalloc(maxnum, sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	num = lbr_fdb_fillbuf(br, buf, maxnum, offset);
	if (num > 0 &&
	    copy_to_user(ubuf, buf, array_size(num, sizeof(*buf))))
		num = -EFAULT;
	kfree(buf);
	return num;
}

static int lbr_ioctl_set_bridge_rtnl(struct lbr_bridge *br,
				     unsigned long cmd, unsigned long val)
{
	int (*set)(struct lbr_bridge *br, unsigned long val,
		   struct netlink_ext_ack *extack);
	int err;

	switch (cmd) {
	case BRCTL_SET_BRIDGE_FORWARD_DELAY:
		set = lbr_set_forward_delay;
		break;
	case BRCTL_SET_BRIDGE_HELLO_TIME:
		set = lbr_set_hello_time;
		break;
	case BRCTL_SET_BRIDGE_MAX_AGE:
		set = lbr_set_max_age;
		break;
	case BRCTL_SET_AGEING_TIME:
		set = lbr_set_ageing_time;
		break;
	case BRCTL_SET_BRIDGE_STP_STATE:
		set = lbr_set_stp_state;
		break;
	case BRCTL_SET_BRIDGE_PRIORITY:
		set = lbr_set_bridge_priority;
		break;
	default:
		/* Includes BRCTL_SET_GC_INTERVAL, which in-tree never had. */
		return -EOPNOTSUPP;
	}

	if (!lbr_ioctl_capable(dev_net(br->dev)))
		return -EPERM;

	err = set(br, val, NULL);
	if (err)
		return err;

	netdev_state_change(br->dev);
	return 0;
}

static int lbr_ioctl_set_port_rtnl(struct lbr_bridge *br, unsigned long cmd,
				   unsigned long port_no, unsigned long val)
{
	int (*set)(struct lbr_port *p, unsigned long val,
		   struct netlink_ext_ack *extack);
	struct lbr_port *p;
	int err;

	if (cmd == BRCTL_SET_PORT_PRIORITY)
		set = lbr_port_set_priority;
	else
		set = lbr_port_set_path_cost;

	if (!lbr_ioctl_capable(dev_net(br->dev)))
		return -EPERM;

	p = lbr_port_by_no_rtnl(br, port_no);
	if (!p)
		return -EINVAL;

	err = set(p, val, NULL);
	if (err)
		return err;

	lbr_netlink_port_notify(p, RTM_NEWLINK);
	return 0;
}

/**
 * lbr_ioctl_siocdevprivate() - the bridge's ndo_siocdevprivate
 * @dev: one of our bridges
 * @ifr: the request; unused, the arguments live behind @data
 * @data: user pointer to the BRCTL_* argument words
 * @cmd: SIOCDEVPRIVATE..+15; all behave alike, as in-tree
 *
 * The legacy brctl interface: args[0] selects a BRCTL_* command. GET
 * commands need no privilege; everything that changes state needs
 * CAP_NET_ADMIN in the device's network namespace.
 *
 * Context: process context; dev_ioctl() holds RTNL.
 * Return: 0, a count for the list/table commands, or a negative errno.
 */
int lbr_ioctl_siocdevprivate(struct net_device *dev, struct ifreq *ifr,
			     void __user *data, int cmd)
{
	struct lbr_bridge *br = netdev_priv(dev);
	unsigned long args[LBR_IOCTL_MAX_ARGS];
	void __user *argp;
	int err;

	ASSERT_RTNL();

	err = lbr_ioctl_read_args(args, ARRAY_SIZE(args), &argp, data);
	if (err)
		return err;

	switch (args[0]) {
	case BRCTL_ADD_IF:
	case BRCTL_DEL_IF:
		if (!lbr_ioctl_capable(dev_net(dev)))
			return -EPERM;
		return lbr_ioctl_add_del_if_rtnl(br, args[1],
						 args[0] == BRCTL_ADD_IF);
	case BRCTL_GET_BRIDGE_INFO:
		return lbr_ioctl_get_bridge_info(br, argp);
	case BRCTL_GET_PORT_LIST:
		return lbr_ioctl_get_port_list_rtnl(br, argp, args[2]);
	case BRCTL_GET_PORT_INFO:
		return lbr_ioctl_get_port_info_rtnl(br, argp, args[2]);
	case BRCTL_GET_FDB_ENTRIES:
		return lbr_ioctl_get_fdb_entries(br, argp, args[2], args[3]);
	case BRCTL_SET_PORT_PRIORITY:
	case BRCTL_SET_PATH_COST:
		return lbr_ioctl_set_port_rtnl(br, args[0], args[1], args[2]);
	default:
		return lbr_ioctl_set_bridge_rtnl(br, args[0], args[1]);
	}
}

static int lbr_ioctl_add_del_br(struct net *net, const void __user *uname,
				bool add)
{
	char name[IFNAMSIZ];
	int err;

	if (!lbr_ioctl_capable(net))
		return -EPERM;

	if (copy_from_user(name, uname, sizeof(name)))
		return -EFAULT;
	name[sizeof(name) - 1] = '\0';

	rtnl_lock();
	if (add)
		err = lbr_dev_add_rtnl(net, name);
	else
		err = lbr_dev_del_rtnl(net, name);
	rtnl_unlock();

	return err;
}

static int lbr_ioctl_get_bridges(struct net *net, int __user *uindices,
				 unsigned long max)
{
	struct net_device *dev;
	unsigned int num = 0;
	int *indices;
	int ret;

	if (max >= LBR_IOCTL_MAX_BRIDGES)
		return -ENOMEM;

	indices = kcalloc(max, sizeof(*indices), GFP_KERNEL);
	if (!indices)
		return -ENOMEM;

	rcu_read_lock();
	for_each_netdev_rcu(net, dev) {
		if (num >= max)
			break;
		if (lbr_is_bridge(dev))
			indices[num++] = dev->ifindex;
	}
	rcu_read_unlock();

	/* Only the slots filled are written back, as in-tree. */
	ret = num;
	if (copy_to_user(uindices, indices, array_size(num, sizeof(*indices))))
		ret = -EFAULT;
	kfree(indices);
	return ret;
}

/* SIOCGIFBR and SIOCSIFBR: the pre-SIOCBR* interface, still brctl's fallback. */
static int lbr_ioctl_old_deviceless(struct net *net, void __user *uarg)
{
	unsigned long args[3];
	void __user *argp;
	int err;

	err = lbr_ioctl_read_args(args, ARRAY_SIZE(args), &argp, uarg);
	if (err)
		return err;

	switch (args[0]) {
	case BRCTL_GET_VERSION:
		return BRCTL_VERSION;
	case BRCTL_GET_BRIDGES:
		return lbr_ioctl_get_bridges(net, argp, args[2]);
	case BRCTL_ADD_BRIDGE:
	case BRCTL_DEL_BRIDGE:
		return lbr_ioctl_add_del_br(net, argp,
					    args[0] == BRCTL_ADD_BRIDGE);
	default:
		return -EOPNOTSUPP;
	}
}

static int lbr_ioctl_add_del_if(struct net *net, void __user *uarg, bool add)
{
	struct net_device *dev;
	struct ifreq ifr;
	char *colon;
	int err;

	/* Permission before the copy, so EPERM wins over EFAULT as in-tree. */
	if (!lbr_ioctl_capable(net))
		return -EPERM;

	if (get_user_ifreq(&ifr, NULL, uarg))
		return -EFAULT;

	/* An alias names its parent device: "br0:1" means br0. */
	ifr.ifr_name[IFNAMSIZ - 1] = '\0';
	colon = strchr(ifr.ifr_name, ':');
	if (colon)
		*colon = '\0';

	rtnl_lock();
	dev = __dev_get_by_name(net, ifr.ifr_name);
	if (!dev || !netif_device_present(dev))
		err = -ENODEV;
	else if (!lbr_is_bridge(dev))
		/* Never netdev_priv() someone else's device as our bridge. */
		err = -EOPNOTSUPP;
	else
		err = lbr_ioctl_add_del_if_rtnl(netdev_priv(dev),
						ifr.ifr_ifindex, add);
	rtnl_unlock();

	return err;
}

/* The single brioctl slot. The core calls it under its own mutex, which
 * brioctl_set() also takes, so no call is in flight once lbr_ioctl_exit()
 * has returned.
 */
static int lbr_ioctl_deviceless(struct net *net, unsigned int cmd,
				void __user *uarg)
{
	switch (cmd) {
	case SIOCGIFBR:
	case SIOCSIFBR:
		return lbr_ioctl_old_deviceless(net, uarg);
	case SIOCBRADDBR:
	case SIOCBRDELBR:
		return lbr_ioctl_add_del_br(net, uarg, cmd == SIOCBRADDBR);
	case SIOCBRADDIF:
	case SIOCBRDELIF:
		return lbr_ioctl_add_del_if(net, uarg, cmd == SIOCBRADDIF);
	default:
		return -EOPNOTSUPP;
	}
}

/**
 * lbr_ioctl_init() - take the kernel's bridge ioctl slot
 *
 * Context: process context, module init.
 */
void lbr_ioctl_init(void)
{
	brioctl_set(lbr_ioctl_deviceless);
}

/**
 * lbr_ioctl_exit() - release the bridge ioctl slot
 *
 * Once this has returned, no deviceless ioctl runs in this module.
 *
 * Context: process context, module exit.
 */
void lbr_ioctl_exit(void)
{
	brioctl_set(NULL);
}

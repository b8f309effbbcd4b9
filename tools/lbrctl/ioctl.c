// SPDX-License-Identifier: GPL-2.0
/* lbrctl: bridge control through the socket ioctls (SIOCBR*, SIOC[GS]IFBR, SIOCDEVPRIVATE). */

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/sockios.h>

#include "lbrctl.h"

/* Attempts at BRCTL_GET_FDB_ENTRIES while the table keeps changing. */
#define FDB_EAGAIN_TRIES	10

static int ctl_fd = -1;

/* Every request goes through one AF_UNIX socket, as brctl's do. */
int lbr_ctl_open(void)
{
	ctl_fd = socket(AF_UNIX, SOCK_STREAM, 0);
	return ctl_fd < 0 ? -1 : 0;
}

/* Copy an interface name into an IFNAMSIZ buffer, truncated and zero-padded. */
void lbr_copy_ifname(char *dst, const char *src)
{
	size_t len = strnlen(src, IFNAMSIZ - 1);

	memcpy(dst, src, len);
	memset(dst + len, 0, IFNAMSIZ - len);
}

/* Legacy per-bridge request: four longs behind ifr_data of SIOCDEVPRIVATE. */
static int devprivate(const char *br, unsigned long a0, unsigned long a1,
		      unsigned long a2, unsigned long a3)
{
	unsigned long args[4] = { a0, a1, a2, a3 };
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	lbr_copy_ifname(ifr.ifr_name, br);
	ifr.ifr_data = (char *)args;
	return ioctl(ctl_fd, SIOCDEVPRIVATE, &ifr);
}

/* Legacy global request: three longs passed to SIOCGIFBR or SIOCSIFBR. */
static int deviceless(unsigned long req, unsigned long a0, unsigned long a1,
		      unsigned long a2)
{
	unsigned long args[3] = { a0, a1, a2 };

	return ioctl(ctl_fd, req, args);
}

/*
 * Create or destroy a bridge: the named-device ioctl first, then the older
 * SIOCSIFBR form whenever that fails.  The error of the last try counts.
 */
static int bridge_request(const char *br, unsigned long req,
			  unsigned long legacy)
{
	char name[IFNAMSIZ];

	lbr_copy_ifname(name, br);
	if (ioctl(ctl_fd, req, name) >= 0)
		return 0;
	if (deviceless(SIOCSIFBR, legacy, (unsigned long)name, 0) >= 0)
		return 0;
	return errno;
}

int lbr_ioctl_add_bridge(const char *br)
{
	return bridge_request(br, SIOCBRADDBR, BRCTL_ADD_BRIDGE);
}

int lbr_ioctl_del_bridge(const char *br)
{
	return bridge_request(br, SIOCBRDELBR, BRCTL_DEL_BRIDGE);
}

/*
 * Enslave or release @dev: SIOCBRADDIF/SIOCBRDELIF with the port's ifindex,
 * then SIOCDEVPRIVATE BRCTL_ADD_IF/BRCTL_DEL_IF whenever that fails.
 * An unknown @dev is ENODEV without asking the kernel.
 */
static int port_request(const char *br, const char *dev, unsigned long req,
			unsigned long legacy)
{
	unsigned int ifindex = if_nametoindex(dev);
	struct ifreq ifr;

	if (!ifindex)
		return ENODEV;

	memset(&ifr, 0, sizeof(ifr));
	lbr_copy_ifname(ifr.ifr_name, br);
	ifr.ifr_ifindex = ifindex;
	if (ioctl(ctl_fd, req, &ifr) >= 0)
		return 0;
	if (devprivate(br, legacy, ifindex, 0, 0) >= 0)
		return 0;
	return errno;
}

int lbr_ioctl_add_port(const char *br, const char *dev)
{
	return port_request(br, dev, SIOCBRADDIF, BRCTL_ADD_IF);
}

int lbr_ioctl_del_port(const char *br, const char *dev)
{
	return port_request(br, dev, SIOCBRDELIF, BRCTL_DEL_IF);
}

/* Bridge ifindices of this namespace; returns their number or -1. */
int lbr_ioctl_bridges(int *ifindices, int max)
{
	return deviceless(SIOCGIFBR, BRCTL_GET_BRIDGES,
			  (unsigned long)ifindices, max);
}

/* Port ifindices by port number (0 where unused); -1 on error. */
int lbr_ioctl_ports(const char *br, int *ifindices, int max)
{
	memset(ifindices, 0, max * sizeof(*ifindices));
	return devprivate(br, BRCTL_GET_PORT_LIST, (unsigned long)ifindices,
			  max, 0);
}

/* The port number of @dev in @br, or -1 (errno tells why, if anything). */
int lbr_ioctl_port_index(const char *br, const char *dev)
{
	int ifindex = if_nametoindex(dev);
	int ports[LBR_MAX_PORTS];
	int i;

	if (ifindex <= 0)
		return -1;
	if (lbr_ioctl_ports(br, ports, LBR_MAX_PORTS) < 0)
		return -1;
	for (i = 0; i < LBR_MAX_PORTS; i++)
		if (ports[i] == ifindex)
			return i;
	return -1;
}

int lbr_ioctl_bridge_info(const char *br, struct lbr_bridge *b)
{
	struct __bridge_info bi;

	memset(b, 0, sizeof(*b));
	memset(&bi, 0, sizeof(bi));
	if (devprivate(br, BRCTL_GET_BRIDGE_INFO, (unsigned long)&bi, 0, 0) < 0)
		return errno;

	memcpy(b->root_id.b, &bi.designated_root, sizeof(b->root_id.b));
	memcpy(b->bridge_id.b, &bi.bridge_id, sizeof(b->bridge_id.b));
	b->root_path_cost = bi.root_path_cost;
	b->root_port = bi.root_port;
	b->stp_enabled = bi.stp_enabled;
	b->topology_change = bi.topology_change;
	b->topology_change_detected = bi.topology_change_detected;
	b->max_age = bi.max_age;
	b->hello_time = bi.hello_time;
	b->forward_delay = bi.forward_delay;
	b->bridge_max_age = bi.bridge_max_age;
	b->bridge_hello_time = bi.bridge_hello_time;
	b->bridge_forward_delay = bi.bridge_forward_delay;
	b->ageing_time = bi.ageing_time;
	b->hello_timer = bi.hello_timer_value;
	b->tcn_timer = bi.tcn_timer_value;
	b->topology_change_timer = bi.topology_change_timer_value;
	b->gc_timer = bi.gc_timer_value;
	return 0;
}

int lbr_ioctl_port_info(const char *br, const char *dev, struct lbr_port *p)
{
	struct __port_info pi;
	int index;

	memset(p, 0, sizeof(*p));
	memset(&pi, 0, sizeof(pi));
	index = lbr_ioctl_port_index(br, dev);
	if (index < 0)
		return errno;
	if (devprivate(br, BRCTL_GET_PORT_INFO, (unsigned long)&pi, index, 0) < 0)
		return errno;

	/* The legacy interface has no hairpin flag: it reads as off. */
	p->port_no = index;
	memcpy(p->designated_root.b, &pi.designated_root,
	       sizeof(p->designated_root.b));
	memcpy(p->designated_bridge.b, &pi.designated_bridge,
	       sizeof(p->designated_bridge.b));
	p->port_id = pi.port_id;
	p->designated_port = pi.designated_port;
	p->path_cost = pi.path_cost;
	p->designated_cost = pi.designated_cost;
	p->state = pi.state;
	p->change_ack = pi.top_change_ack;
	p->config_pending = pi.config_pending;
	p->message_age_timer = pi.message_age_timer_value;
	p->forward_delay_timer = pi.forward_delay_timer_value;
	p->hold_timer = pi.hold_timer_value;
	return 0;
}

/* Up to @num raw entries from position @offset; returns the count or -1. */
int lbr_ioctl_fdb(const char *br, struct __fdb_entry *buf, int num,
		  unsigned long offset)
{
	int tries = 0;
	int n;

	for (;;) {
		n = devprivate(br, BRCTL_GET_FDB_ENTRIES, (unsigned long)buf,
			       num, offset);
		if (n >= 0 || errno != EAGAIN || ++tries >= FDB_EAGAIN_TRIES)
			return n;
		sched_yield();
	}
}

int lbr_ioctl_set_bridge(const char *br, unsigned long cmd, unsigned long val)
{
	return devprivate(br, cmd, val, 0, 0);
}

int lbr_ioctl_set_port(const char *br, unsigned long cmd, int index,
		       unsigned long val)
{
	return devprivate(br, cmd, index, val, 0);
}

// SPDX-License-Identifier: GPL-2.0
/* lbrfuzz: the bridge ioctls (SIOCBR*, SIOCGIFBR, SIOCDEVPRIVATE BRCTL_*) with garbage. */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/if_bridge.h>
#include <linux/sockios.h>

#include "lbrfuzz.h"

/* A user pointer: mostly into the scratch area (possibly at its very end,
 * before the guard page), sometimes NULL, wild or a kernel address.
 */
static unsigned long rptr(void)
{
	static const unsigned long wild[] = {
		0, 1, 4095, 0xffffffffffffffffUL, 0xffff888000000000UL,
		0xffffffff81000000UL, 0x00007ffffffff000UL, 0x8000000000000000UL,
	};

	switch (rn(6)) {
	case 0:
		return wild[rn(sizeof(wild) / sizeof(wild[0]))];
	case 1:
		return (unsigned long)fz.scratch + fz.scratch_len - rn(64);
	case 2:
		return (unsigned long)fz.scratch + fz.scratch_len;	/* guard page */
	default:
		return (unsigned long)fz.scratch + rn(fz.scratch_len / 2);
	}
}

static int count(enum op op, int ret)
{
	BUMP(fz.ops[op]);
	if (ret >= 0)
		BUMP(fz.ok[op]);
	return ret < 0 ? -errno : ret;
}

static void ifr_fill(struct ifreq *ifr, const char *name)
{
	memset(ifr, 0, sizeof(*ifr));
	if (chance(5))
		rbytes(ifr->ifr_name, IFNAMSIZ);	/* no NUL at all */
	else
		snprintf(ifr->ifr_name, IFNAMSIZ, "%s", name);
}

static void op_addbr(bool add)
{
	char name[IFNAMSIZ + 8], path[64];
	bool existed, is_br;
	int err;

	if (chance(10)) {
		count(add ? OP_IO_ADDBR : OP_IO_DELBR,
		      ioctl(fz.ioc, add ? SIOCBRADDBR : SIOCBRDELBR, (void *)rptr()));
		return;
	}
	if (chance(10))
		rbytes(name, sizeof(name));
	else
		snprintf(name, sizeof(name), "%s", chance(70) ? br_name(rn(4)) : any_name());
	name[IFNAMSIZ - 1] = 0;
	existed = if_nametoindex(name);
	snprintf(path, sizeof(path), "/sys/class/net/%s/bridge", name);
	is_br = existed && !access(path, F_OK);
	err = count(add ? OP_IO_ADDBR : OP_IO_DELBR,
		    ioctl(fz.ioc, add ? SIOCBRADDBR : SIOCBRDELBR, name));
	if (add && !err && !if_nametoindex(name) && !strchr(name, '%'))
		inconsistent("SIOCBRADDBR %s returned 0 but no such device", name);
	if (add && !err && existed)
		inconsistent("SIOCBRADDBR %s returned 0 for an existing device", name);
	if (!add && !err && if_nametoindex(name))
		inconsistent("SIOCBRDELBR %s returned 0 but it is still there", name);
	if (!add && !err && existed && !is_br)
		inconsistent("SIOCBRDELBR deleted the non-bridge %s", name);
	if (!add && err && is_br && err != -EBUSY)
		inconsistent("SIOCBRDELBR of bridge %s failed: %s", name, strerror(-err));
}

static void op_addif(bool add)
{
	int p = rn(NPORTS), b = rn(NBRIDGES), err, m;
	struct ifreq ifr;

	ifr_fill(&ifr, chance(80) ? br_name(b) : any_name());
	ifr.ifr_ifindex = chance(70) ? (int)if_nametoindex(port_name(p)) : any_ifindex();
	err = count(add ? OP_IO_ADDIF : OP_IO_DELIF,
		    ioctl(fz.ioc, add ? SIOCBRADDIF : SIOCBRDELIF,
			  chance(5) ? (void *)rptr() : &ifr));
	if (err || strcmp(ifr.ifr_name, br_name(b)) ||
	    ifr.ifr_ifindex != (int)if_nametoindex(port_name(p)))
		return;
	m = master_of(port_name(p));
	if (add && m != (int)if_nametoindex(br_name(b)))
		inconsistent("SIOCBRADDIF %s to %s returned 0 but its master is %d",
			     port_name(p), br_name(b), m);
	if (!add && m)
		inconsistent("SIOCBRDELIF %s from %s returned 0 but its master is %d",
			     port_name(p), br_name(b), m);
}

static void op_devprivate(void)
{
	unsigned long args[4];
	struct ifreq ifr;
	int i;

	args[0] = chance(85) ? rn(BRCTL_SET_PATH_COST + 3) : rval();
	for (i = 1; i < 4; i++)
		args[i] = chance(50) ? rval() : rn(64);
	switch (args[0]) {
	case BRCTL_GET_PORT_LIST:
	case BRCTL_GET_FDB_ENTRIES:
	case BRCTL_GET_BRIDGE_INFO:
	case BRCTL_GET_PORT_INFO:
		args[1] = rptr();
		break;
	case BRCTL_ADD_IF:
	case BRCTL_DEL_IF:
		args[1] = any_ifindex();
		break;
	}
	ifr_fill(&ifr, chance(80) ? br_name(rn(NBRIDGES)) : any_name());
	ifr.ifr_data = chance(90) ? (void *)args : (void *)rptr();
	count(OP_IO_PRIV, ioctl(fz.ioc, SIOCDEVPRIVATE + (chance(80) ? 0 : rn(16)), &ifr));
}

static void op_gifbr(void)
{
	unsigned long args[3];
	char name[IFNAMSIZ];

	args[0] = chance(85) ? rn(BRCTL_DEL_BRIDGE + 2) : rval();
	args[1] = rptr();
	args[2] = chance(50) ? rval() : rn(64);
	if ((args[0] == BRCTL_ADD_BRIDGE || args[0] == BRCTL_DEL_BRIDGE) && chance(70)) {
		snprintf(name, sizeof(name), "%s", chance(50) ? "fz3" : any_name());
		args[1] = (unsigned long)name;
	}
	count(OP_IO_GIFBR, ioctl(fz.ioc, chance(80) ? SIOCGIFBR : SIOCSIFBR,
				 chance(90) ? (void *)args : (void *)rptr()));
}

void ioctl_op(void)
{
	switch (rn(7)) {
	case 0: op_addbr(true); break;
	case 1: if (chance(30)) op_addbr(false); break;
	case 2: op_addif(true); break;
	case 3: op_addif(false); break;
	case 4: op_gifbr(); break;
	default: op_devprivate(); break;
	}
}

/* SPDX-License-Identifier: GPL-2.0 */
/* The bridge ioctls brctl speaks. */
#ifndef _LBR_IOCTL_H
#define _LBR_IOCTL_H

#include <linux/netdevice.h>

void lbr_ioctl_init(void);
void lbr_ioctl_exit(void);
int lbr_ioctl_siocdevprivate(struct net_device *dev, struct ifreq *ifr,
			     void __user *data, int cmd);

#endif /* _LBR_IOCTL_H */

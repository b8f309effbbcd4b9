/* SPDX-License-Identifier: GPL-2.0 */
/* sysfs: bridge/, brforward, brif/ and brport/. */
#ifndef _LBR_SYSFS_H
#define _LBR_SYSFS_H

#include <linux/types.h>

struct kobj_type;
struct lbr_bridge;
struct lbr_bridge_id;
struct lbr_port;

int lbr_sysfs_bridge_add(struct lbr_bridge *br);
void lbr_sysfs_bridge_del(struct lbr_bridge *br);
ssize_t lbr_sysfs_show_bridge_id(char *buf, const struct lbr_bridge_id *id);

extern const struct kobj_type lbr_brport_ktype;
int lbr_sysfs_port_add(struct lbr_port *p);
void lbr_sysfs_port_del(struct lbr_port *p);
int lbr_sysfs_port_rename(struct lbr_port *p);

#endif /* _LBR_SYSFS_H */

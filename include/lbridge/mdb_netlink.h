/* SPDX-License-Identifier: GPL-2.0 */
/* RTM_GETMDB/NEWMDB/DELMDB and the MDB's notifications. */
#ifndef _LBR_MDB_NETLINK_H
#define _LBR_MDB_NETLINK_H

struct lbr_bridge;
struct lbr_mdb_entry;
struct lbr_port;
struct lbr_port_group;

void lbr_mdb_notify(struct lbr_bridge *br, const struct lbr_mdb_entry *mp,
		    const struct lbr_port_group *pg, int type);
void lbr_mcast_router_notify(struct lbr_bridge *br, const struct lbr_port *p,
			     int type);
int lbr_mdb_rtnl_init(void);
void lbr_mdb_rtnl_exit(void);

#endif /* _LBR_MDB_NETLINK_H */

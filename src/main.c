// SPDX-License-Identifier: GPL-2.0
/* Module entry: bring the subsystems up in order and down in reverse. */

#include <linux/module.h>
#include <linux/rcupdate.h>
#include <net/rtnetlink.h>

#include "lbridge/fdb.h"
#include "lbridge/genl.h"
#include "lbridge/guard.h"
#include "lbridge/ioctl.h"
#include "lbridge/mdb_netlink.h"
#include "lbridge/netlink.h"
#include "lbridge/notifier.h"
#include "lbridge/objcount.h"
#include "lbridge/vlan.h"

static int __init lbr_mod_init(void)
{
	int err;

	/* Veto bridge.ko first so it cannot race in behind our checks. */
	err = lbr_guard_init();
	if (err)
		return err;

	err = lbr_fdb_init();
	if (err)
		goto err_guard;

	err = lbr_vlan_init();
	if (err)
		goto err_fdb;

	err = lbr_notifier_init();
	if (err)
		goto err_vlan;

	/* Fails with a clear message if bridge.ko already owns kind "bridge". */
	err = lbr_netlink_init();
	if (err)
		goto err_notifier;

	err = lbr_vlan_rtnl_init();
	if (err)
		goto err_netlink;

	err = lbr_mdb_rtnl_init();
	if (err)
		goto err_vlan_rtnl;

	err = lbr_genl_init();
	if (err)
		goto err_mdb_rtnl;

	lbr_objcount_init();
	lbr_ioctl_init();
	pr_info("loaded: learning bridge, drop-in for bridge.ko\n");
	return 0;

err_mdb_rtnl:
	lbr_mdb_rtnl_exit();
err_vlan_rtnl:
	lbr_vlan_rtnl_exit();
err_netlink:
	lbr_netlink_exit();
err_notifier:
	lbr_notifier_exit();
err_vlan:
	lbr_vlan_exit();
err_fdb:
	lbr_fdb_exit();
err_guard:
	lbr_guard_exit();
	return err;
}

static void __exit lbr_mod_exit(void)
{
	lbr_ioctl_exit();
	lbr_genl_exit();
	lbr_mdb_rtnl_exit();
	lbr_vlan_rtnl_exit();
	/* Deletes every lbridge device in every namespace. */
	lbr_netlink_exit();
	lbr_notifier_exit();
	/* FDB entries and ports are freed by RCU callbacks; wait for them. */
	rcu_barrier();
	lbr_objcount_exit();
	lbr_vlan_exit();
	lbr_fdb_exit();
	lbr_guard_exit();
}

module_init(lbr_mod_init);
module_exit(lbr_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lbridge: a learning Ethernet bridge, drop-in for bridge.ko");
MODULE_VERSION(LBR_VERSION);
MODULE_ALIAS_RTNL_LINK("bridge");

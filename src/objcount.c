// SPDX-License-Identifier: GPL-2.0
/* Live object counters, shown in debugfs lbridge/objects, checked at exit. */

#include "lbridge/objcount.h"

#include <linux/bug.h>
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/seq_file.h>

DEFINE_PER_CPU(struct lbr_objcount, lbr_objcount);

static const char *const lbr_obj_names[LBR_OBJ_NR] = {
	[LBR_OBJ_BRIDGE]	= "bridges",
	[LBR_OBJ_PORT]		= "ports",
	[LBR_OBJ_FDB]		= "fdb_entries",
	[LBR_OBJ_FLOOD]		= "flood_lists",
	[LBR_OBJ_VLAN]		= "vlans",
	[LBR_OBJ_TUNNEL]	= "vlan_tunnels",
	[LBR_OBJ_MDB]		= "mdb_groups",
	[LBR_OBJ_MDB_PG]	= "mdb_port_groups",
};

static struct dentry *lbr_debugfs_dir;

/**
 * lbr_obj_read() - the number of live objects of one type
 * @type: object type
 *
 * A racy sum while objects come and go; exact once they stop.
 *
 * Context: any.
 * Return: allocations minus frees so far.
 */
long lbr_obj_read(enum lbr_obj type)
{
	long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(lbr_objcount, cpu).n[type];
	return sum;
}

static int lbr_objects_show(struct seq_file *m, void *v)
{
	int i;

	for (i = 0; i < LBR_OBJ_NR; i++)
		seq_printf(m, "%s %ld\n", lbr_obj_names[i], lbr_obj_read(i));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lbr_objects);

/* debugfs failures are not errors: the counters still count and are checked. */
void lbr_objcount_init(void)
{
	lbr_debugfs_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("objects", 0444, lbr_debugfs_dir, NULL,
			    &lbr_objects_fops);
}

/**
 * lbr_objcount_exit() - remove the debugfs files and check for leaks
 *
 * Context: module exit, after rcu_barrier(): every object must be gone.
 */
void lbr_objcount_exit(void)
{
	long n;
	int i;

	debugfs_remove_recursive(lbr_debugfs_dir);
	for (i = 0; i < LBR_OBJ_NR; i++) {
		n = lbr_obj_read(i);
		WARN(n, "lbridge: %ld %s left at exit\n", n, lbr_obj_names[i]);
	}
}

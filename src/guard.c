// SPDX-License-Identifier: GPL-2.0
/* Keep bridge.ko from loading while lbridge owns the bridge ABI. */

#include "lbridge/guard.h"

#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/string.h>

/*
 * bridge.ko would claim kind "bridge", the brioctl slot and the STP slot,
 * and its notifiers would misread our devices as its own.  Modules that
 * need bridge.ko (br_netfilter, nft_meta_bridge, ...) fail with it.
 */
static int lbr_guard_module_event(struct notifier_block *nb,
				  unsigned long state, void *data)
{
	struct module *mod = data;

	if (state != MODULE_STATE_COMING || strcmp(mod->name, "bridge"))
		return NOTIFY_DONE;

	pr_err("refusing to load bridge.ko: lbridge is loaded and provides the bridge\n");
	return notifier_from_errno(-EBUSY);
}

static struct notifier_block lbr_guard_nb = {
	.notifier_call = lbr_guard_module_event,
};

int lbr_guard_init(void)
{
	return register_module_notifier(&lbr_guard_nb);
}

void lbr_guard_exit(void)
{
	unregister_module_notifier(&lbr_guard_nb);
}

/* SPDX-License-Identifier: GPL-2.0 */
/* Keeping bridge.ko out while lbridge owns the bridge ABI. */
#ifndef _LBR_GUARD_H
#define _LBR_GUARD_H

int lbr_guard_init(void);
void lbr_guard_exit(void);

#endif /* _LBR_GUARD_H */

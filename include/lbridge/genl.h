/* SPDX-License-Identifier: GPL-2.0 */
/* The "lbridge" generic netlink family: RSTP's controls and state. */
#ifndef _LBR_GENL_H
#define _LBR_GENL_H

int lbr_genl_init(void);
void lbr_genl_exit(void);

#endif /* _LBR_GENL_H */

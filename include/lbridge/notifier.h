/* SPDX-License-Identifier: GPL-2.0 */
/* How bridges and ports react to netdevice events. */
#ifndef _LBR_NOTIFIER_H
#define _LBR_NOTIFIER_H

int lbr_notifier_init(void);
void lbr_notifier_exit(void);

#endif /* _LBR_NOTIFIER_H */

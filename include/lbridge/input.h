/* SPDX-License-Identifier: GPL-2.0 */
/* Frames arriving on a bridge port. */
#ifndef _LBR_INPUT_H
#define _LBR_INPUT_H

#include <linux/netdevice.h>

rx_handler_result_t lbr_handle_frame(struct sk_buff **pskb);

#endif /* _LBR_INPUT_H */

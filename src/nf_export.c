// SPDX-License-Identifier: GPL-2.0
/* Port and VLAN facts, and a way out of a port, for lbridge_nf.ko. */

#include "lbridge/nf.h"
#include "lbridge/types.h"

#include <linux/export.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "lbridge/forward.h"
#include "lbridge/port.h"
#include "lbridge/vlan.h"

/**
 * lbr_nf_port_bridge_rcu() - the bridge device @dev is a port of
 * @dev: any net_device
 *
 * Context: RCU read section.
 * Return: the lbridge bridge device, or NULL if @dev is no lbridge port.
 */
const struct net_device *lbr_nf_port_bridge_rcu(const struct net_device *dev)
{
	const struct lbr_port *p = lbr_port_get_rcu(dev);

	return p ? p->br->dev : NULL;
}
EXPORT_SYMBOL_GPL(lbr_nf_port_bridge_rcu);

/**
 * lbr_nf_port_vlan_rcu() - a port's pvid and its bridge's VLAN protocol
 * @dev: any net_device
 * @pvid: set to the port's pvid, 0 for none
 * @proto: set to the bridge's VLAN protocol
 *
 * Context: RCU read section.
 * Return: false unless @dev is a port of a VLAN-filtering lbridge.
 */
bool lbr_nf_port_vlan_rcu(const struct net_device *dev, u16 *pvid,
			  __be16 *proto)
{
	const struct lbr_port *p = lbr_port_get_rcu(dev);
	const struct lbr_vlan_group *vg;

	if (!p || !test_bit(LBR_OPT_VLAN_FILTERING, &p->br->options))
		return false;
	vg = rcu_dereference(p->vlgrp);
	*pvid = vg ? READ_ONCE(vg->pvid) : 0;
	*proto = READ_ONCE(p->br->vlan_proto);
	return true;
}
EXPORT_SYMBOL_GPL(lbr_nf_port_vlan_rcu);

/**
 * lbr_nf_port_send_rcu() - send a frame the bridge itself made out of a port
 * @dev: the port's device
 * @skb: the frame, MAC header set, data at the network header; consumed
 *
 * The frame takes the path of the host's own frames (LOCAL_OUT, the
 * port's VLAN egress policy, POST_ROUTING), as a reply to what the port
 * received.  Dropped if @dev has left the bridge meanwhile.
 *
 * Context: RCU read section, BH disabled.
 */
void lbr_nf_port_send_rcu(const struct net_device *dev, struct sk_buff *skb)
{
	const struct lbr_port *p = lbr_port_get_rcu(dev);

	if (!p) {
		kfree_skb(skb);
		return;
	}
	lbr_forward(p, skb, false, true);
}
EXPORT_SYMBOL_GPL(lbr_nf_port_send_rcu);

/**
 * lbr_nf_port_xmit() - the last step of lbridge's egress, for fragments
 * @net: netns
 * @sk: socket, if any
 * @skb: a frame past POST_ROUTING, skb->dev its egress port, MAC header
 *	 set, data at the network header; consumed
 *
 * Context: RCU read section, BH disabled.
 * Return: 0.
 */
int lbr_nf_port_xmit(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	return lbr_forward_xmit(net, sk, skb);
}
EXPORT_SYMBOL_GPL(lbr_nf_port_xmit);

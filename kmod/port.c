// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: ports. A port is a node-facing Ethernet netdevice (a VM's tap, a
 * veth) enslaved to a network: the network's rx_handler takes every frame
 * that arrives on it. The network is L3 only, like a cloud VPC: it answers
 * ARP and neighbour solicitations itself, checks that each packet comes
 * from a node registered on the port, and forwards it; nothing else leaves
 * the port.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "vnet.h"

static rx_handler_result_t vnet_port_rx(struct sk_buff **pskb);

/**
 * vnet_port_get - the port a netdevice is
 * @dev: the netdevice
 *
 * Caller holds RTNL. Return: the port, or NULL if @dev is not one.
 */
struct vnet_port *vnet_port_get(struct net_device *dev)
{
	ASSERT_RTNL();
	if (rtnl_dereference(dev->rx_handler) != vnet_port_rx)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

/**
 * vnet_port_node - the node on a port that has an address
 * @port: the port
 * @addr: the source address of a packet that came from @port
 *
 * Caller holds the RCU read lock.
 * Return: the node, or NULL if no node on @port has @addr.
 */
struct vnet_node *vnet_port_node(struct vnet_port *port,
				 const struct vnet_addr *addr)
{
	struct vnet_node *node = vnet_node_lookup(port->vn, addr);

	return node && node->port == port ? node : NULL;
}

static void vnet_port_ip(struct vnet_port *port, struct sk_buff *skb)
{
	struct vnet_network *vn = port->vn;
	struct vnet_addr saddr, daddr;
	struct vnet_node *src;
	u8 proto;

	if (vnet_inner_check(skb, &saddr, &daddr, &proto)) {
		vnet_drop(vn, skb, VNET_DROP_MALFORMED);
		return;
	}
	if (skb->protocol == htons(ETH_P_IPV6) &&
	    ipv6_hdr(skb)->nexthdr == IPPROTO_ICMPV6 &&
	    vnet_reply_ns(port, skb, &saddr))
		return;
	if (vnet_addr_local_only(&daddr) || vnet_is_nd(skb, proto)) {
		vnet_drop(vn, skb, VNET_DROP_NO_ROUTE);
		return;
	}
	/* a node's own address, or one routed to it (a router node) */
	src = vnet_src_node(vn, &saddr, port, NULL);
	if (!src) {
		vnet_drop(vn, skb, VNET_DROP_SPOOFED);
		return;
	}
	vnet_node_learn(src, eth_hdr(skb)->h_source);
	vnet_forward(vn, skb, &daddr, src);
}

static rx_handler_result_t vnet_port_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct vnet_network *vn;
	struct vnet_port *port;

	/* our own frames, looped back to taps on the port */
	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	port = rcu_dereference(skb->dev->rx_handler_data);
	vn = port->vn;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb) {
		dev_core_stats_rx_dropped_inc(vn->dev);
		return RX_HANDLER_CONSUMED;
	}
	*pskb = skb;

	if (unlikely(!netif_running(vn->dev))) {
		dev_core_stats_rx_dropped_inc(vn->dev);
		kfree_skb(skb);
		return RX_HANDLER_CONSUMED;
	}
	if (unlikely(skb_vlan_tag_present(skb))) {
		vnet_drop(vn, skb, VNET_DROP_NO_ROUTE);
		return RX_HANDLER_CONSUMED;
	}
	/* what a node's MAC address is learnt from */
	if (unlikely(!is_valid_ether_addr(eth_hdr(skb)->h_source))) {
		vnet_drop(vn, skb, VNET_DROP_MALFORMED);
		return RX_HANDLER_CONSUMED;
	}

	switch (skb->protocol) {
	case htons(ETH_P_IP):
	case htons(ETH_P_IPV6):
		vnet_port_ip(port, skb);
		break;
	case htons(ETH_P_ARP):
		vnet_reply_arp(port, skb);
		break;
	default:
		vnet_drop(vn, skb, VNET_DROP_NO_ROUTE);
	}
	return RX_HANDLER_CONSUMED;
}

/**
 * vnet_port_add - make a netdevice a port of a network
 * @vn: the network
 * @dev: the netdevice, in @vn's namespace
 * @extack: for the reason of a failure
 *
 * Caller holds RTNL. Return: 0 or a negative errno.
 */
int vnet_port_add(struct vnet_network *vn, struct net_device *dev,
		  struct netlink_ext_ack *extack)
{
	struct vnet_port *port;
	int err;

	ASSERT_RTNL();
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN ||
	    (dev->flags & IFF_LOOPBACK)) {
		NL_SET_ERR_MSG(extack, "a port must be an Ethernet device");
		return -EINVAL;
	}
	if (vnet_port_get(dev)) {
		NL_SET_ERR_MSG(extack, "the device is a port already");
		return -EBUSY;
	}
	if (netdev_master_upper_dev_get(dev)) {
		NL_SET_ERR_MSG(extack, "the device has a master already");
		return -EBUSY;
	}

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->dev = dev;
	port->vn = vn;
	INIT_LIST_HEAD(&port->nodes);

	err = netdev_rx_handler_register(dev, vnet_port_rx, port);
	if (err) {
		NL_SET_ERR_MSG(extack, "the device has a receive handler already");
		goto err_free;
	}
	err = netdev_master_upper_dev_link(dev, vn->dev, NULL, NULL, extack);
	if (err)
		goto err_unregister;

	/* merged frames would exceed the MTU a node's packets are held to */
	dev_disable_lro(dev);
	netdev_hold(dev, &port->tracker, GFP_KERNEL);
	list_add_tail(&port->list, &vn->ports);
	vnet_pernet_changed(vnet_pernet(dev_net(vn->dev)));
	vnet_nl_notify_port(port, VNET_CMD_PORT_NEW);
	return 0;

err_unregister:
	netdev_rx_handler_unregister(dev);
err_free:
	kfree(port);
	return err;
}

static void vnet_port_free_rcu(struct rcu_head *rcu)
{
	struct vnet_port *port = container_of(rcu, struct vnet_port, rcu);

	netdev_put(port->dev, &port->tracker);
	kfree(port);
}

/**
 * vnet_port_del - release a port, deleting its nodes
 * @port: the port
 * @notify: send the port's deletion event (which stands for its nodes
 *	too); false when it goes with its network, whose event stands for all
 *
 * Caller holds RTNL. Packets in flight may still name the port: it, and
 * its reference on the netdevice, go after an RCU grace period.
 */
void vnet_port_del(struct vnet_port *port, bool notify)
{
	struct vnet_network *vn = port->vn;
	struct vnet_node *node, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(node, tmp, &port->nodes, port_list) {
		vnet_node_del(vn, node, false);
		cond_resched();
	}
	netdev_upper_dev_unlink(port->dev, vn->dev);
	netdev_rx_handler_unregister(port->dev);
	list_del(&port->list);
	vnet_pernet_changed(vnet_pernet(dev_net(vn->dev)));
	if (notify)
		vnet_nl_notify_port(port, VNET_CMD_PORT_DEL);
	call_rcu(&port->rcu, vnet_port_free_rcu);
}

/* A port's netdevice going away, or to another namespace, is released. */
static int vnet_port_event(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vnet_port *port;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	port = vnet_port_get(dev);
	if (port)
		vnet_port_del(port, true);
	return NOTIFY_DONE;
}

static struct notifier_block vnet_port_notifier = {
	.notifier_call = vnet_port_event,
};

int __init vnet_port_init(void)
{
	return register_netdevice_notifier(&vnet_port_notifier);
}

void vnet_port_uninit(void)
{
	unregister_netdevice_notifier(&vnet_port_notifier);
}

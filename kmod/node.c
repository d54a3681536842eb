// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: the topology of a network. A node is an overlay address and where
 * it is: on a local port, or on a remote host of the substrate.
 *
 * The packet path finds nodes in an RCU hash table. The control path (RTNL)
 * keeps the same nodes in an rbtree in address order, so that dumps of
 * millions of nodes resume where they stopped, and on their port's list, so
 * that releasing a port drops its nodes. Remote hosts are shared by their
 * nodes and hold the cached route to the host.
 */
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/ipv6.h>

#include "vnet.h"

static const struct rhashtable_params vnet_node_params = {
	.head_offset = offsetof(struct vnet_node, hnode),
	.key_offset = offsetof(struct vnet_node, addr),
	.key_len = sizeof(struct in6_addr),
	.max_size = VNET_MAX_NODES,
	.automatic_shrinking = true,
};

static const struct rhashtable_params vnet_remote_params = {
	.head_offset = offsetof(struct vnet_remote, hnode),
	.key_offset = offsetof(struct vnet_remote, addr),
	.key_len = sizeof(struct in6_addr),
	.automatic_shrinking = true,
};

/**
 * vnet_node_lookup - find a node for the packet path
 * @vn: the network
 * @addr: the overlay address, IPv4 v4-mapped
 *
 * Caller holds the RCU read lock, and the result is valid until it drops it.
 * Return: the node or NULL.
 */
struct vnet_node *vnet_node_lookup(struct vnet_network *vn,
				   const struct in6_addr *addr)
{
	return rhashtable_lookup(&vn->nodes, addr, vnet_node_params);
}

/**
 * vnet_addr_local_only - is an address one a network does not route?
 * @addr: the address, IPv4 v4-mapped
 *
 * Multicast, broadcast, loopback and link-local addresses: no node has
 * them, and packets to them are dropped as unroutable.
 */
bool vnet_addr_local_only(const struct in6_addr *addr)
{
	__be32 a = addr->s6_addr32[3];

	if (vnet_addr_is_v4(addr))
		return ipv4_is_multicast(a) || ipv4_is_lbcast(a) ||
		       ipv4_is_zeronet(a) || ipv4_is_loopback(a) ||
		       ipv4_is_linklocal_169(a);
	return ipv6_addr_type(addr) & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LOOPBACK |
				       IPV6_ADDR_LINKLOCAL | IPV6_ADDR_ANY);
}

static int vnet_addr_cmp(const struct in6_addr *a, const struct in6_addr *b)
{
	return memcmp(a, b, sizeof(*a));
}

/**
 * vnet_node_find - find a node for the control path
 * @vn: the network
 * @addr: the overlay address, IPv4 v4-mapped
 *
 * Caller holds RTNL. Return: the node or NULL.
 */
struct vnet_node *vnet_node_find(struct vnet_network *vn,
				 const struct in6_addr *addr)
{
	struct rb_node *rb = vn->node_tree.rb_node;
	struct vnet_node *node;
	int cmp;

	ASSERT_RTNL();
	while (rb) {
		node = rb_entry(rb, struct vnet_node, rb);
		cmp = vnet_addr_cmp(addr, &node->addr);
		if (!cmp)
			return node;
		rb = cmp < 0 ? rb->rb_left : rb->rb_right;
	}
	return NULL;
}

/**
 * vnet_node_next - the node after an address, in address order
 * @vn: the network
 * @after: the address to start after, or NULL for the first node
 *
 * Caller holds RTNL. Return: the node or NULL.
 */
struct vnet_node *vnet_node_next(struct vnet_network *vn,
				 const struct in6_addr *after)
{
	struct rb_node *rb = vn->node_tree.rb_node;
	struct vnet_node *node, *next = NULL;

	ASSERT_RTNL();
	if (!after) {
		rb = rb_first(&vn->node_tree);
		return rb ? rb_entry(rb, struct vnet_node, rb) : NULL;
	}
	while (rb) {
		node = rb_entry(rb, struct vnet_node, rb);
		if (vnet_addr_cmp(after, &node->addr) < 0) {
			next = node;
			rb = rb->rb_left;
		} else {
			rb = rb->rb_right;
		}
	}
	return next;
}

static struct vnet_remote *vnet_remote_get(struct vnet_network *vn,
					   const struct in6_addr *addr)
{
	struct vnet_remote *remote;
	int err;

	remote = rhashtable_lookup_fast(&vn->remotes, addr, vnet_remote_params);
	if (remote) {
		remote->users++;
		return remote;
	}

	remote = kzalloc(sizeof(*remote), GFP_KERNEL_ACCOUNT);
	if (!remote)
		return ERR_PTR(-ENOMEM);
	remote->addr = *addr;
	remote->users = 1;
	err = dst_cache_init(&remote->dst_cache, GFP_KERNEL_ACCOUNT);
	if (err)
		goto err_free;
	err = rhashtable_insert_fast(&vn->remotes, &remote->hnode,
				     vnet_remote_params);
	if (err)
		goto err_cache;
	return remote;

err_cache:
	dst_cache_destroy(&remote->dst_cache);
err_free:
	kfree(remote);
	return ERR_PTR(err);
}

static void vnet_remote_free(struct vnet_remote *remote)
{
	dst_cache_destroy(&remote->dst_cache);
	kfree(remote);
}

static void vnet_remote_free_rcu(struct rcu_head *rcu)
{
	vnet_remote_free(container_of(rcu, struct vnet_remote, rcu));
}

static void vnet_remote_put(struct vnet_network *vn, struct vnet_remote *remote)
{
	if (--remote->users)
		return;
	rhashtable_remove_fast(&vn->remotes, &remote->hnode, vnet_remote_params);
	call_rcu(&remote->rcu, vnet_remote_free_rcu);
}

/**
 * vnet_node_add - add a node to a network
 * @vn: the network
 * @addr: its overlay address, IPv4 v4-mapped; inside the network's prefixes
 * @port: the port of @vn it is on, or NULL
 * @remote: else the substrate address of its host, IPv4 v4-mapped
 * @extack: for the reason of a failure
 *
 * Caller holds RTNL. Return: 0 or a negative errno.
 */
int vnet_node_add(struct vnet_network *vn, const struct in6_addr *addr,
		  struct vnet_port *port, const struct in6_addr *remote,
		  struct netlink_ext_ack *extack)
{
	struct rb_node **link = &vn->node_tree.rb_node, *parent = NULL;
	struct vnet_node *node, *other;
	int cmp, err;

	ASSERT_RTNL();
	while (*link) {
		parent = *link;
		other = rb_entry(parent, struct vnet_node, rb);
		cmp = vnet_addr_cmp(addr, &other->addr);
		if (!cmp) {
			NL_SET_ERR_MSG(extack, "the network has a node with this address");
			return -EEXIST;
		}
		link = cmp < 0 ? &parent->rb_left : &parent->rb_right;
	}
	if (vn->n_nodes >= VNET_MAX_NODES) {
		NL_SET_ERR_MSG(extack, "the network has the most nodes it may have");
		return -ENOSPC;
	}

	node = kzalloc(sizeof(*node), GFP_KERNEL_ACCOUNT);
	if (!node)
		return -ENOMEM;
	node->addr = *addr;
	node->port = port;
	if (remote) {
		node->remote = vnet_remote_get(vn, remote);
		if (IS_ERR(node->remote)) {
			err = PTR_ERR(node->remote);
			goto err_free;
		}
	}
	/* complete before the packet path can find it */
	err = rhashtable_insert_fast(&vn->nodes, &node->hnode, vnet_node_params);
	if (err)
		goto err_remote;

	rb_link_node(&node->rb, parent, link);
	rb_insert_color(&node->rb, &vn->node_tree);
	if (port)
		list_add_tail(&node->port_list, &port->nodes);
	vn->n_nodes++;
	vnet_pernet_nodes_changed(vnet_pernet(dev_net(vn->dev)));
	vnet_nl_notify_node(vn, node, VNET_CMD_NODE_NEW);
	return 0;

err_remote:
	if (node->remote)
		vnet_remote_put(vn, node->remote);
err_free:
	kfree(node);
	return err;
}

/**
 * vnet_node_del - delete a node
 * @vn: its network
 * @node: the node
 *
 * Caller holds RTNL. Packets in flight may still use the node: it goes
 * after an RCU grace period.
 */
void vnet_node_del(struct vnet_network *vn, struct vnet_node *node)
{
	ASSERT_RTNL();
	rhashtable_remove_fast(&vn->nodes, &node->hnode, vnet_node_params);
	rb_erase(&node->rb, &vn->node_tree);
	if (node->port)
		list_del(&node->port_list);
	vn->n_nodes--;
	vnet_pernet_nodes_changed(vnet_pernet(dev_net(vn->dev)));
	vnet_nl_notify_node(vn, node, VNET_CMD_NODE_DEL);
	if (node->remote)
		vnet_remote_put(vn, node->remote);
	kfree_rcu(node, rcu);
}

/**
 * vnet_nodes_init - set up the topology tables of a new network
 * @vn: the network
 *
 * Return: 0 or a negative errno.
 */
int vnet_nodes_init(struct vnet_network *vn)
{
	int err;

	vn->node_tree = RB_ROOT;
	vn->n_nodes = 0;
	err = rhashtable_init(&vn->nodes, &vnet_node_params);
	if (err)
		return err;
	err = rhashtable_init(&vn->remotes, &vnet_remote_params);
	if (err)
		rhashtable_destroy(&vn->nodes);
	return err;
}

static void vnet_node_free_fn(void *ptr, void *arg)
{
	kfree(ptr);
}

static void vnet_remote_free_fn(void *ptr, void *arg)
{
	vnet_remote_free(ptr);
}

/**
 * vnet_nodes_destroy - free the topology of a network
 * @vn: the network, unregistered: no packet can reach its tables any more
 *
 * Local nodes went with their ports; this frees the remote ones and the
 * hosts they are on.
 */
void vnet_nodes_destroy(struct vnet_network *vn)
{
	rhashtable_free_and_destroy(&vn->nodes, vnet_node_free_fn, NULL);
	rhashtable_free_and_destroy(&vn->remotes, vnet_remote_free_fn, NULL);
	vn->node_tree = RB_ROOT;
	vn->n_nodes = 0;
}

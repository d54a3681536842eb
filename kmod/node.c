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
#include <linux/etherdevice.h>
#include <linux/random.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/ipv6.h>

#include "vnet.h"

static const struct rhashtable_params vnet_node_params = {
	.head_offset = offsetof(struct vnet_node, hnode),
	.key_offset = offsetof(struct vnet_node, addr),
	.key_len = sizeof(struct vnet_addr),
	.max_size = VNET_MAX_NODES,
	.automatic_shrinking = true,
};

static const struct rhashtable_params vnet_remote_params = {
	.head_offset = offsetof(struct vnet_remote, hnode),
	.key_offset = offsetof(struct vnet_remote, addr),
	.key_len = sizeof(struct vnet_addr),
	.automatic_shrinking = true,
};

/**
 * vnet_node_lookup - find a node for the packet path
 * @vn: the network
 * @addr: the overlay address
 *
 * Caller holds the RCU read lock, and the result is valid until it drops it.
 * Return: the node or NULL.
 */
struct vnet_node *vnet_node_lookup(struct vnet_network *vn,
				   const struct vnet_addr *addr)
{
	return rhashtable_lookup(&vn->nodes, addr, vnet_node_params);
}

/**
 * vnet_addr_local_only - is an address one a network does not route?
 * @addr: the address
 *
 * Multicast, broadcast, loopback and link-local addresses: no node has
 * them, and packets to them are dropped as unroutable.
 */
bool vnet_addr_local_only(const struct vnet_addr *addr)
{
	__be32 a = addr->v4;

	if (vnet_addr_is_v4(addr))
		return ipv4_is_multicast(a) || ipv4_is_lbcast(a) ||
		       ipv4_is_zeronet(a) || ipv4_is_loopback(a) ||
		       ipv4_is_linklocal_169(a);
	return ipv6_addr_type(&addr->v6) & (IPV6_ADDR_MULTICAST |
					    IPV6_ADDR_LOOPBACK |
					    IPV6_ADDR_LINKLOCAL | IPV6_ADDR_ANY);
}

/* Address order: IPv4 before IPv6, then by the address's bytes. */
static int vnet_addr_cmp(const struct vnet_addr *a, const struct vnet_addr *b)
{
	return memcmp(a, b, sizeof(*a));
}

/**
 * vnet_node_find - find a node for the control path
 * @vn: the network
 * @addr: the overlay address
 *
 * Caller holds RTNL. Return: the node or NULL.
 */
struct vnet_node *vnet_node_find(struct vnet_network *vn,
				 const struct vnet_addr *addr)
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
				 const struct vnet_addr *after)
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
					   const struct vnet_addr *addr)
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

/* No packet path reaches the node any more: nothing is queued after this. */
static void vnet_node_free(struct vnet_node *node)
{
	__skb_queue_purge(&node->pending);
	kfree(node);
}

static void vnet_node_free_rcu(struct rcu_head *rcu)
{
	vnet_node_free(container_of(rcu, struct vnet_node, rcu));
}

/* A node not yet published: its location and its hold on a remote host. */
static struct vnet_node *vnet_node_alloc(struct vnet_network *vn,
					 const struct vnet_addr *addr,
					 struct vnet_port *port,
					 const struct vnet_addr *remote)
{
	struct vnet_remote *host = NULL;
	struct vnet_node *node;

	node = kzalloc(sizeof(*node), GFP_KERNEL_ACCOUNT);
	if (!node)
		return ERR_PTR(-ENOMEM);
	if (remote) {
		host = vnet_remote_get(vn, remote);
		if (IS_ERR(host)) {
			kfree(node);
			return ERR_CAST(host);
		}
	}
	node->addr = *addr;
	node->port = port;
	node->remote = host;
	skb_queue_head_init(&node->pending);
	return node;
}

/* Undo vnet_node_alloc() of a node the packet path never saw. */
static void vnet_node_unalloc(struct vnet_network *vn, struct vnet_node *node)
{
	if (node->remote)
		vnet_remote_put(vn, node->remote);
	kfree(node);
}

/* Free a node taken out of the tables after an RCU grace period, when no
 * packet can be using it (its remote host goes the same way).
 */
static void vnet_node_release(struct vnet_network *vn, struct vnet_node *node)
{
	if (node->remote)
		vnet_remote_put(vn, node->remote);
	call_rcu(&node->rcu, vnet_node_free_rcu);
}

/* A node of @vn changed: its node dumps in progress see it. */
static void vnet_nodes_changed(struct vnet_network *vn)
{
	vnet_gen_bump(&vn->node_gen);
}

static bool vnet_node_is_at(const struct vnet_node *node,
			    const struct vnet_port *port,
			    const struct vnet_addr *remote)
{
	if (port || node->port)
		return node->port == port;
	return vnet_addr_equal(&node->remote->addr, remote);
}

/*
 * Move @old to another place atomically: the packet path sees either the
 * old node or the new one, never neither, so no packet is lost to the move.
 */
static int vnet_node_replace(struct vnet_network *vn, struct vnet_node *old,
			     struct vnet_port *port,
			     const struct vnet_addr *remote)
{
	struct vnet_node *node;
	int err;

	if (vnet_node_is_at(old, port, remote))
		return 0;
	node = vnet_node_alloc(vn, &old->addr, port, remote);
	if (IS_ERR(node))
		return PTR_ERR(node);
	err = rhashtable_replace_fast(&vn->nodes, &old->hnode, &node->hnode,
				      vnet_node_params);
	if (err) {
		vnet_node_unalloc(vn, node);
		return err;
	}
	rb_replace_node(&old->rb, &node->rb, &vn->node_tree);
	if (old->port)
		list_del(&old->port_list);
	if (port)
		list_add_tail(&node->port_list, &port->nodes);
	vnet_nodes_changed(vn);
	vnet_nl_notify_node(vn, node, VNET_CMD_NODE_NEW);
	vnet_node_release(vn, old);
	return 0;
}

/**
 * vnet_node_set - add a node to a network, or move one
 * @vn: the network
 * @addr: its overlay address, inside the network's prefixes
 * @port: the port of @vn it is on, or NULL
 * @remote: else the substrate address of its host
 * @flags: NLM_F_CREATE, NLM_F_EXCL and NLM_F_REPLACE, with rtnetlink's
 *	meaning: an existing node is moved only with NLM_F_REPLACE (and not
 *	NLM_F_EXCL); a new one is added unless only NLM_F_REPLACE is given
 * @extack: for the reason of a failure
 *
 * Caller holds RTNL. Return: 0 or a negative errno.
 */
int vnet_node_set(struct vnet_network *vn, const struct vnet_addr *addr,
		  struct vnet_port *port, const struct vnet_addr *remote,
		  u32 flags, struct netlink_ext_ack *extack)
{
	struct rb_node **link = &vn->node_tree.rb_node, *parent = NULL;
	struct vnet_node *node, *other;
	int cmp, err;

	ASSERT_RTNL();
	while (*link) {
		parent = *link;
		other = rb_entry(parent, struct vnet_node, rb);
		cmp = vnet_addr_cmp(addr, &other->addr);
		if (cmp) {
			link = cmp < 0 ? &parent->rb_left : &parent->rb_right;
			continue;
		}
		if (!(flags & NLM_F_REPLACE) || (flags & NLM_F_EXCL)) {
			NL_SET_ERR_MSG(extack, "the network has a node with this address");
			return -EEXIST;
		}
		return vnet_node_replace(vn, other, port, remote);
	}
	if ((flags & NLM_F_REPLACE) && !(flags & NLM_F_CREATE)) {
		NL_SET_ERR_MSG(extack, "no such node to replace");
		return -ENOENT;
	}
	if (rhashtable_lookup_fast(&vn->nodes, addr, vnet_node_params)) {
		NL_SET_ERR_MSG(extack, "the address is a peering router's in the network");
		return -EEXIST;
	}
	if (vn->n_nodes >= VNET_MAX_NODES) {
		NL_SET_ERR_MSG(extack, "the network has the most nodes it may have");
		return -ENOSPC;
	}

	node = vnet_node_alloc(vn, addr, port, remote);
	if (IS_ERR(node))
		return PTR_ERR(node);
	/* complete before the packet path can find it */
	err = rhashtable_insert_fast(&vn->nodes, &node->hnode, vnet_node_params);
	if (err) {
		vnet_node_unalloc(vn, node);
		return err;
	}
	rb_link_node(&node->rb, parent, link);
	rb_insert_color(&node->rb, &vn->node_tree);
	if (port)
		list_add_tail(&node->port_list, &port->nodes);
	vn->n_nodes++;
	vnet_nodes_changed(vn);
	vnet_nl_notify_node(vn, node, VNET_CMD_NODE_NEW);
	return 0;
}

/**
 * vnet_node_del - delete a node
 * @vn: its network
 * @node: the node
 * @notify: send the deletion event; false when the node goes with its port
 *	or in a flush, which send one event for all
 *
 * Caller holds RTNL. Packets in flight may still use the node: it goes
 * after an RCU grace period.
 */
void vnet_node_del(struct vnet_network *vn, struct vnet_node *node, bool notify)
{
	ASSERT_RTNL();
	rhashtable_remove_fast(&vn->nodes, &node->hnode, vnet_node_params);
	rb_erase(&node->rb, &vn->node_tree);
	if (node->port)
		list_del(&node->port_list);
	vn->n_nodes--;
	vnet_nodes_changed(vn);
	if (notify)
		vnet_nl_notify_node(vn, node, VNET_CMD_NODE_DEL);
	vnet_node_release(vn, node);
}

/**
 * vnet_nodes_flush - delete every node of a network
 * @vn: the network
 *
 * Caller holds RTNL; sends one VNET_CMD_NODE_FLUSH event.
 */
void vnet_nodes_flush(struct vnet_network *vn)
{
	struct rb_node *rb, *next;

	ASSERT_RTNL();
	for (rb = rb_first(&vn->node_tree); rb; rb = next) {
		next = rb_next(rb);
		vnet_node_del(vn, rb_entry(rb, struct vnet_node, rb), false);
		cond_resched();
	}
	vnet_nl_notify_flush(vn);
}

/**
 * vnet_node_host_add - give a peering router an address in a network
 * @vn: the network
 * @addr: the address, in the network's prefixes
 * @att: the attachment of the peering router to @vn
 * @nla: the attribute @addr came in, for error messages
 * @extack: for the reason of a failure
 *
 * Packets to the address go up the host's stack. It is a node of the
 * packet path's table only: dumps, flushes and the node commands do not
 * see it. Caller holds RTNL. Return: the node or an ERR_PTR().
 */
struct vnet_node *vnet_node_host_add(struct vnet_network *vn,
				     const struct vnet_addr *addr,
				     struct vnet_attach *att,
				     const struct nlattr *nla,
				     struct netlink_ext_ack *extack)
{
	struct vnet_node *node;
	int err;

	ASSERT_RTNL();
	if (vnet_node_find(vn, addr)) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "the network has a node with this address");
		return ERR_PTR(-EEXIST);
	}
	node = vnet_node_alloc(vn, addr, NULL, NULL);
	if (IS_ERR(node))
		return node;
	node->att = att;
	err = rhashtable_lookup_insert_fast(&vn->nodes, &node->hnode,
					    vnet_node_params);
	if (err) {
		kfree(node);
		if (err == -EEXIST)
			NL_SET_ERR_MSG_ATTR(extack, nla,
					    "the address is another peering router's in the network");
		return ERR_PTR(err);
	}
	return node;
}

/**
 * vnet_node_host_del - take a peering router's address out of a network
 * @vn: the network
 * @node: the node of the address
 *
 * Caller holds RTNL.
 */
void vnet_node_host_del(struct vnet_network *vn, struct vnet_node *node)
{
	ASSERT_RTNL();
	rhashtable_remove_fast(&vn->nodes, &node->hnode, vnet_node_params);
	call_rcu(&node->rcu, vnet_node_free_rcu);
}

/**
 * vnet_node_learn - learn a local node's MAC address
 * @node: the node, on a port
 * @mac: the source MAC address of a frame it sent from its own address, a
 *	valid unicast address
 *
 * Packets held while the address was unknown go out now. Called in softirq
 * context, under RCU.
 */
void vnet_node_learn(struct vnet_node *node, const u8 *mac)
{
	u64 m = ether_addr_to_u64(mac);
	struct sk_buff_head held;
	struct sk_buff *skb;

	if (likely(READ_ONCE(node->mac) == m))
		return;
	__skb_queue_head_init(&held);
	spin_lock(&node->pending.lock);
	WRITE_ONCE(node->mac, m);
	skb_queue_splice_init(&node->pending, &held);
	spin_unlock(&node->pending.lock);
	while ((skb = __skb_dequeue(&held)))
		vnet_deliver_to(node->port, skb, mac);
}

/**
 * vnet_nodes_outside - a node outside a network's prefixes-to-be
 * @vn: the network
 * @conf: its new configuration
 *
 * Caller holds RTNL. Return: the first such node, or NULL.
 */
struct vnet_node *vnet_nodes_outside(struct vnet_network *vn,
				     const struct vnet_conf *conf)
{
	struct vnet_node *node;
	struct rb_node *rb;

	ASSERT_RTNL();
	for (rb = rb_first(&vn->node_tree); rb; rb = rb_next(rb)) {
		node = rb_entry(rb, struct vnet_node, rb);
		if (!vnet_conf_contains(conf, &node->addr))
			return node;
		cond_resched();
	}
	return NULL;
}

/**
 * vnet_nodes_reroute - forget the cached routes to a network's remote hosts
 * @vn: the network, its substrate source addresses changed
 *
 * Caller holds RTNL.
 */
void vnet_nodes_reroute(struct vnet_network *vn)
{
	struct vnet_node *node;
	struct rb_node *rb;

	ASSERT_RTNL();
	for (rb = rb_first(&vn->node_tree); rb; rb = rb_next(rb)) {
		node = rb_entry(rb, struct vnet_node, rb);
		if (node->remote)
			dst_cache_reset(&node->remote->dst_cache);
		cond_resched();
	}
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
	/* a new network's dumps never match an old one's */
	vn->node_gen = get_random_u32() | 1;
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
	vnet_node_free(ptr);
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

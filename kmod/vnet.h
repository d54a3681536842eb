/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vnet: module-internal declarations.
 */
#ifndef _VNET_H
#define _VNET_H

#include <linux/in6.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/rbtree.h>
#include <linux/rhashtable-types.h>
#include <linux/u64_stats_sync.h>
#include <linux/xarray.h>
#include <net/dst_cache.h>
#include <net/netlink.h>
#include <uapi/linux/vnet.h>

/**
 * struct vnet_geneve - the Geneve base header (RFC 8926, section 3.4)
 * @ver_opt: version (2 bits, 0) and length of the options in 4-byte words
 * @flags: VNET_GENEVE_OAM, VNET_GENEVE_CRITICAL
 * @proto: the payload's Ethertype
 * @vni: the virtual network identifier
 * @reserved: zero
 */
struct vnet_geneve {
	u8 ver_opt;
	u8 flags;
	__be16 proto;
	u8 vni[3];
	u8 reserved;
};

#define VNET_GENEVE_VER(gh)	((gh)->ver_opt >> 6)
#define VNET_GENEVE_OPTLEN(gh)	(((gh)->ver_opt & 0x3f) * 4)
#define VNET_GENEVE_OAM		0x80
#define VNET_GENEVE_CRITICAL	0x40

/* Geneve without options: UDP header and Geneve base header. */
#define VNET_GENEVE_HLEN	(8 + sizeof(struct vnet_geneve))
#define VNET_HLEN4		(20 + VNET_GENEVE_HLEN)
#define VNET_HLEN6		(40 + VNET_GENEVE_HLEN)
/* Geneve over IPv6: the largest encapsulation overhead of a substrate path. */
#define VNET_OVERHEAD		VNET_HLEN6

/* Why a packet was dropped: the order of VNET_STATS_A_DROP_*. */
enum vnet_drop {
	VNET_DROP_NO_ROUTE,
	VNET_DROP_SPOOFED,
	VNET_DROP_BAD_VNI,
	VNET_DROP_UNKNOWN_NODE,
	VNET_DROP_TOO_BIG,
	VNET_DROP_MALFORMED,
	VNET_DROP_MAX,
};

struct vnet_drops {
	u64_stats_t n[VNET_DROP_MAX];
	struct u64_stats_sync syncp;
};

struct vnet_prefix {
	union {
		__be32 v4;
		struct in6_addr v6;
	} addr;
	u8 family;
	u8 len;
};

/* Immutable once published; freed with the netdevice. */
struct vnet_prefixes {
	unsigned int n;
	struct vnet_prefix p[];
};

/**
 * struct vnet_sock - the substrate UDP sockets of one port in one namespace
 * @list: in vnet_pernet.socks
 * @sock4: IPv4 socket
 * @sock6: IPv6 socket, or NULL without IPv6
 * @users: networks using it
 * @port: the UDP port, host order
 * @rcu: for freeing
 *
 * Shared by the networks of a namespace with the same port; RTNL guards all
 * but the packet path, which finds it as the sockets' sk_user_data.
 */
struct vnet_sock {
	struct list_head list;
	struct socket *sock4;
	struct socket *sock6;
	unsigned int users;
	u16 port;
	struct rcu_head rcu;
};

/**
 * struct vnet_network - a virtual network, the private part of its netdevice
 * @dev: the netdevice
 * @id: network id (Geneve VNI), unique in the netns
 * @port: substrate UDP port
 * @local: substrate IPv4 source address, or 0
 * @local6: substrate IPv6 source address, or ::
 * @prefixes: the network's address ranges
 * @sock: the substrate sockets of @port
 * @nodes: the nodes by address, for the packet path
 * @node_tree: the same nodes in address order, for dumps (RTNL)
 * @remotes: the substrate hosts the remote nodes are on
 * @ports: the network's ports (RTNL)
 * @n_nodes: size of @nodes (RTNL)
 * @drops: per-cpu drop counters, by reason
 *
 * Written under RTNL; the packet path reads it under RCU.
 */
struct vnet_network {
	struct net_device *dev;
	u32 id;
	u16 port;
	__be32 local;
	struct in6_addr local6;
	struct vnet_prefixes __rcu *prefixes;
	struct vnet_sock *sock;
	struct rhashtable nodes;
	struct rb_root node_tree;
	struct rhashtable remotes;
	struct list_head ports;
	unsigned int n_nodes;
	struct vnet_drops __percpu *drops;
};

/**
 * struct vnet_port - a node-facing netdevice enslaved to a network
 * @dev: the netdevice
 * @vn: its network
 * @list: in vnet_network.ports (RTNL)
 * @nodes: the nodes on this port (RTNL)
 * @peer_mac: the MAC address last seen from the node side, as a u64; 0
 *	until a valid frame arrives
 * @tracker: for the reference on @dev
 * @rcu: for freeing
 */
struct vnet_port {
	struct net_device *dev;
	struct vnet_network *vn;
	struct list_head list;
	struct list_head nodes;
	u64 peer_mac;
	netdevice_tracker tracker;
	struct rcu_head rcu;
};

/**
 * struct vnet_remote - a substrate host that remote nodes are on
 * @hnode: in vnet_network.remotes
 * @addr: its substrate address; IPv4 as a v4-mapped IPv6 address
 * @dst_cache: the route to it
 * @users: nodes on it (RTNL)
 * @rcu: for freeing
 */
struct vnet_remote {
	struct rhash_head hnode;
	struct in6_addr addr;
	struct dst_cache dst_cache;
	unsigned int users;
	struct rcu_head rcu;
};

/**
 * struct vnet_node - a node of a network, and where it is
 * @hnode: in vnet_network.nodes
 * @addr: its overlay address (the key); IPv4 as a v4-mapped IPv6 address
 * @port: the port it is on, for a local node; else NULL
 * @remote: the host it is on, for a remote node; else NULL
 * @rb: in vnet_network.node_tree (RTNL)
 * @port_list: in vnet_port.nodes (RTNL)
 * @rcu: for freeing
 */
struct vnet_node {
	struct rhash_head hnode;
	struct in6_addr addr;
	struct vnet_port *port;
	struct vnet_remote *remote;
	struct rb_node rb;
	struct list_head port_list;
	struct rcu_head rcu;
};

static inline bool vnet_addr_is_v4(const struct in6_addr *a)
{
	return ipv6_addr_v4mapped(a);
}

static inline void vnet_count_drop(struct vnet_drops __percpu *drops,
				   enum vnet_drop why)
{
	struct vnet_drops *d = this_cpu_ptr(drops);

	u64_stats_update_begin(&d->syncp);
	u64_stats_inc(&d->n[why]);
	u64_stats_update_end(&d->syncp);
}

/* Drop a packet of network @vn, counting the reason. */
static inline void vnet_drop(struct vnet_network *vn, struct sk_buff *skb,
			     enum vnet_drop why)
{
	vnet_count_drop(vn->drops, why);
	kfree_skb(skb);
}

/**
 * struct vnet_pernet - vnet's state in one network namespace
 * @networks: network id -> struct vnet_network; written under RTNL, read
 *	under RTNL or RCU
 * @socks: the substrate sockets, struct vnet_sock (RTNL)
 * @drops: drops of substrate packets that reach no network
 * @gen: bumped under RTNL on every change of a network, for consistent
 *	dumps
 * @node_gen: the same for node dumps, bumped by changes of networks and of
 *	nodes
 */
struct vnet_pernet {
	struct xarray networks;
	struct list_head socks;
	struct vnet_drops __percpu *drops;
	unsigned int gen;
	unsigned int node_gen;
};

/* Dump generations are never 0, which netlink takes for "no sequence yet". */
static inline void vnet_gen_bump(unsigned int *gen)
{
	if (!++*gen)
		*gen = 1;
}

/* A network changed: network and node dumps in progress see it. */
static inline void vnet_pernet_changed(struct vnet_pernet *pn)
{
	vnet_gen_bump(&pn->gen);
	vnet_gen_bump(&pn->node_gen);
}

/* A node changed: node dumps in progress see it, network dumps need not. */
static inline void vnet_pernet_nodes_changed(struct vnet_pernet *pn)
{
	vnet_gen_bump(&pn->node_gen);
}

/* netns.c */
struct vnet_pernet *vnet_pernet(const struct net *net);
void vnet_netns_flush(struct net *net, struct list_head *kill);
int vnet_netns_init(void);
void vnet_netns_uninit(void);

/* device.c */
extern const struct nla_policy vnet_network_policy[VNET_NETWORK_A_MAX + 1];
struct vnet_network *vnet_network_get(struct net *net, struct nlattr *tb[],
				      struct netlink_ext_ack *extack);
int vnet_network_create(struct net *net, struct nlattr *tb[],
			struct netlink_ext_ack *extack);
void vnet_network_delete(struct vnet_network *vn, struct list_head *kill);
int vnet_device_init(void);
void vnet_device_uninit(void);

void vnet_drops_read(struct vnet_drops __percpu *drops, u64 *sum);
bool vnet_prefixes_contain(const struct vnet_network *vn,
			   const struct in6_addr *addr);

/* node.c */
bool vnet_addr_local_only(const struct in6_addr *addr);
int vnet_nodes_init(struct vnet_network *vn);
void vnet_nodes_destroy(struct vnet_network *vn);
struct vnet_node *vnet_node_lookup(struct vnet_network *vn,
				   const struct in6_addr *addr);
struct vnet_node *vnet_node_find(struct vnet_network *vn,
				 const struct in6_addr *addr);
struct vnet_node *vnet_node_next(struct vnet_network *vn,
				 const struct in6_addr *after);
int vnet_node_add(struct vnet_network *vn, const struct in6_addr *addr,
		  struct vnet_port *port, const struct in6_addr *remote,
		  struct netlink_ext_ack *extack);
void vnet_node_del(struct vnet_network *vn, struct vnet_node *node);

/* port.c */
void vnet_port_learn(struct vnet_port *port, const u8 *addr);
struct vnet_port *vnet_port_get(struct net_device *dev);
int vnet_port_add(struct vnet_network *vn, struct net_device *dev,
		  struct netlink_ext_ack *extack);
void vnet_port_del(struct vnet_port *port);
int vnet_port_init(void);
void vnet_port_uninit(void);

/* reply.c: answers the network gives its nodes */
void vnet_reply_arp(struct vnet_port *port, struct sk_buff *skb);
bool vnet_port_owns(struct vnet_port *port, const struct in6_addr *addr);
bool vnet_reply_ns(struct vnet_port *port, struct sk_buff *skb);
void vnet_reply_too_big(struct vnet_port *port, struct sk_buff *skb, u32 mtu);
void vnet_solicit(struct vnet_port *port, const struct sk_buff *skb);

/* forward.c */
void vnet_deliver_to(struct vnet_port *port, struct sk_buff *skb,
		     const u8 *dest);
void vnet_deliver(struct vnet_port *port, struct sk_buff *skb);
void vnet_forward(struct vnet_network *vn, struct sk_buff *skb,
		  const struct in6_addr *daddr, struct vnet_port *from);
int vnet_inner_check(struct sk_buff *skb, struct in6_addr *saddr,
		     struct in6_addr *daddr);

/* udp.c */
int vnet_sock_get(struct vnet_network *vn, struct netlink_ext_ack *extack);
void vnet_sock_put(struct vnet_network *vn);

/* netlink.c */
size_t vnet_nl_network_size(const struct vnet_network *vn);
int vnet_nl_fill_network(struct sk_buff *skb, const struct vnet_network *vn);
void vnet_nl_notify_network(const struct vnet_network *vn, u8 cmd);
void vnet_nl_notify_port(const struct vnet_port *port, u8 cmd);
void vnet_nl_notify_node(const struct vnet_network *vn,
			 const struct vnet_node *node, u8 cmd);
int vnet_nl_init(void);
void vnet_nl_uninit(void);

#endif /* _VNET_H */

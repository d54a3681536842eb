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
#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/u64_stats_sync.h>
#include <linux/xarray.h>
#include <net/dst_cache.h>
#include <net/netlink.h>
#include <uapi/linux/vnet.h>

#include "compat.h"
#include "lpm.h"

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
/* The source network option of packets forwarded between networks. */
#define VNET_GENEVE_OPT_LEN	8

/* Why a packet was dropped: the order of VNET_STATS_A_DROP_*. */
enum vnet_drop {
	VNET_DROP_NO_ROUTE,
	VNET_DROP_SPOOFED,
	VNET_DROP_BAD_VNI,
	VNET_DROP_UNKNOWN_NODE,
	VNET_DROP_TOO_BIG,
	VNET_DROP_MALFORMED,
	VNET_DROP_UNRESOLVED,
	VNET_DROP_BLACKHOLE,
	VNET_DROP_TTL,
	VNET_DROP_MAX,
};

struct vnet_drops {
	u64_stats_t n[VNET_DROP_MAX];
	struct u64_stats_sync syncp;
};

/**
 * struct vnet_addr - an IPv4 or IPv6 address, its family explicit
 * @family: AF_INET or AF_INET6
 * @pad: zero
 * @v4: the IPv4 address; the rest of the union is zero
 * @v6: the IPv6 address
 *
 * A hash and tree key: set it with vnet_addr_set4() or vnet_addr_set6(),
 * which clear it whole. The family is part of the key, so an IPv6 address
 * (v4-mapped or not) never matches an IPv4 one.
 */
struct vnet_addr {
	u8 family;
	u8 pad[3];
	union {
		__be32 v4;
		struct in6_addr v6;
	};
};

static inline void vnet_addr_set4(struct vnet_addr *a, __be32 v4)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET;
	a->v4 = v4;
}

static inline void vnet_addr_set6(struct vnet_addr *a,
				  const struct in6_addr *v6)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET6;
	a->v6 = *v6;
}

static inline bool vnet_addr_is_v4(const struct vnet_addr *a)
{
	return a->family == AF_INET;
}

static inline bool vnet_addr_equal(const struct vnet_addr *a,
				   const struct vnet_addr *b)
{
	return !memcmp(a, b, sizeof(*a));
}

struct vnet_prefix {
	union {
		__be32 v4;
		struct in6_addr v6;
	} addr;
	u8 family;
	u8 len;
};

/**
 * struct vnet_conf - what of a network can change while it carries traffic
 * @local: substrate IPv4 source address, or 0
 * @local6: substrate IPv6 source address, or ::
 * @rcu: for freeing
 * @n: number of prefixes
 * @p: the network's address ranges
 *
 * Immutable once published: a change publishes a new one.
 */
struct vnet_conf {
	__be32 local;
	struct in6_addr local6;
	struct rcu_head rcu;
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
 * struct vnet_table - a route table, of a network or of a peering router
 * @lpm4: its IPv4 routes, by prefix: the route of a prefix, or a tagged
 *	pointer (VNET_ROUTE_SET) to the routes of a prefix that has several
 * @lpm6: its IPv6 routes
 * @pn: its namespace's state, where its routes are shared
 * @n: routes in it, both families
 * @set_mem: bytes of its sets of routes
 * @gen: bumped on every change, for consistent dumps
 *
 * Written under vnet_pernet.lock; the packet path reads it under RCU.
 */
struct vnet_table {
	struct vnet_lpm lpm4;
	struct vnet_lpm lpm6;
	struct vnet_pernet *pn;
	unsigned int n;
	size_t set_mem;
	unsigned int gen;
};

/**
 * struct vnet_nexthop - where a route leads
 * @att: the attachment it leads through: in a network's table, the
 *	network's to the peering router it leads to; in a peering router's,
 *	the peering router's to the network
 * @addr: in a peering router's table, the node of the network packets
 *	outside the network's prefixes go to (family 0 if none)
 * @pad: zero: the whole of it is part of a route's key
 */
struct vnet_nexthop {
	struct vnet_attach *att;
	struct vnet_addr addr;
	u32 pad;
};

/**
 * struct vnet_route - what a route says: where it leads and how much it
 *	costs. One is shared by all the routes of a namespace that say the
 *	same, whatever their prefix and table: a full table of routes through
 *	a few next hops costs a pointer a prefix.
 * @refs: the routes (prefixes of tables) that say it
 * @node: in vnet_pernet.routes
 * @rcu: for freeing
 * @metric: its cost; the lowest wins
 * @proto: who made it (RTPROT_*, VNET_RTPROT_ATTACH)
 * @type: enum vnet_route_type
 * @in_peering: in a peering router's table, not a network's
 * @n_nh: the number of @nh: 0 for a blackhole, else 1 to
 *	VNET_MAX_NEXTHOPS (more than 1 in a peering router's table only)
 * @nh: its next hops, in the order vnet_route_key_len() describes
 *
 * From @metric on, the key in vnet_pernet.routes (zero padding
 * included). Immutable but for @refs and @node (vnet_pernet.lock).
 */
struct vnet_route {
	refcount_t refs;
	struct rhash_head node;
	struct rcu_head rcu;
	u32 metric;
	u8 proto;
	u8 type;
	u8 in_peering;
	u8 n_nh;
	struct vnet_nexthop nh[];
};

#define VNET_ROUTE_KEY_OFF	offsetof(struct vnet_route, metric)

/* The bytes of @rt's key (from @metric to the end of its next hops). */
static inline size_t vnet_route_key_len(const struct vnet_route *rt)
{
	return struct_size(rt, nh, rt->n_nh) - VNET_ROUTE_KEY_OFF;
}

/* Room for a route with every next hop: a template on the stack. */
union vnet_route_tmpl {
	struct vnet_route rt;
	u8 bytes[sizeof(struct vnet_route) +
		 VNET_MAX_NEXTHOPS * sizeof(struct vnet_nexthop)];
};

/* A zeroed template (its padding is part of the key) of a new route. */
static inline struct vnet_route *vnet_route_tmpl(union vnet_route_tmpl *buf)
{
	memset(buf, 0, sizeof(*buf));
	return &buf->rt;
}

/**
 * struct vnet_route_set - the routes of a prefix that has several, in order
 *	of preference
 * @rcu: for freeing
 * @n: their number
 * @cap: the room in @rt
 * @rt: the routes; a deletion shifts them in place (the packet path reads
 *	only the first), an addition makes a new set
 */
struct vnet_route_set {
	struct rcu_head rcu;
	unsigned int n;
	unsigned int cap;
	struct vnet_route *rt[];
};

/* The bit that marks a table's value as a struct vnet_route_set. */
#define VNET_ROUTE_SET		1UL

/* The most preferred route of a table's value (the packet path's). */
static inline struct vnet_route *vnet_route_first(void *val)
{
	unsigned long v = (unsigned long)val;

	if (v & VNET_ROUTE_SET)
		return READ_ONCE(((struct vnet_route_set *)
				  (v & ~VNET_ROUTE_SET))->rt[0]);
	return val;
}

/**
 * struct vnet_peering - a peering router
 * @list: in vnet_pernet.peerings, in name order
 * @name: its name
 * @table: its routes, to attached networks
 * @attachments: its attachments (struct vnet_attach.p_list)
 * @n_attachments: their number
 * @tstats: packets it forwarded (as tx)
 * @drops: packets it dropped, by reason
 * @mesh: the substrate addresses of the hosts it is present on, for vnetd
 *	(NULL: none given); the packet path does not read them
 * @n_mesh: their number
 * @rcu: for freeing
 *
 * Guarded by vnet_pernet.lock; the packet path reaches it through routes,
 * under RCU.
 */
struct vnet_peering {
	struct list_head list;
	char name[VNET_PEERING_NAMSIZ];
	struct vnet_table table;
	struct list_head attachments;
	unsigned int n_attachments;
	struct pcpu_sw_netstats __percpu *tstats;
	struct vnet_drops __percpu *drops;
	struct vnet_addr *mesh;
	unsigned int n_mesh;
	struct rcu_head rcu;
};

/**
 * struct vnet_attach - a network's attachment to a peering router
 * @p_list: in its peering router's attachments
 * @n_list: in its network's attachments (RCU for the packet path)
 * @pr: the peering router
 * @vn: the network
 * @host4: the peering router's IPv4 address in the network, a node of
 *	the network that is the host's stack (or NULL)
 * @host6: its IPv6 address, the same way
 * @n_routes: the routes through it: of the network's table, of the peering
 *	router's
 * @bgp: the network's BGP routers, for vnetd (NULL: none)
 * @n_bgp: their number
 * @propagate: the network's prefixes are routes of @pr's table
 * @rcu: for freeing
 *
 * Guarded by vnet_pernet.lock, and RTNL for its host nodes.
 */
struct vnet_attach {
	struct list_head p_list;
	struct list_head n_list;
	struct vnet_peering *pr;
	struct vnet_network *vn;
	struct vnet_node *host4;
	struct vnet_node *host6;
	unsigned int n_routes[2];
	struct vnet_bgp *bgp;
	unsigned int n_bgp;
	bool propagate;
	struct rcu_head rcu;
};

/**
 * struct vnet_bgp_filter - an entry of a BGP peer's prefix filter
 * @p: the prefixes inside this one
 * @max_len: no longer than this
 */
struct vnet_bgp_filter {
	struct vnet_prefix p;
	u8 max_len;
};

/**
 * struct vnet_bgp - a BGP router of an attached network, and how vnetd
 *	speaks to it; vnet only keeps this (vnet_pernet.lock)
 * @addr: the router's address, in the network
 * @asn: its AS number
 * @local_asn: the peering router's AS number towards it
 * @max_prefix: the most prefixes of a family it may announce (0: no limit)
 * @hold_time: the hold time vnetd offers
 * @ttl_security: RFC 5082
 * @md5_len: the length of @md5 (0: none)
 * @n_import: the entries of the import filter, the first of @filter
 *	(0: accept all)
 * @n_export: those of the export filter, after them
 * @filter: the filters' entries (NULL if none)
 * @md5: the TCP-MD5 key
 */
struct vnet_bgp {
	struct vnet_addr addr;
	u32 asn;
	u32 local_asn;
	u32 max_prefix;
	u16 hold_time;
	bool ttl_security;
	u8 md5_len;
	u8 n_import;
	u8 n_export;
	struct vnet_bgp_filter *filter;
	u8 md5[VNET_BGP_MD5_MAXLEN];
};

/**
 * struct vnet_network - a virtual network, the private part of its netdevice
 * @dev: the netdevice
 * @id: network id (Geneve VNI), unique in the netns
 * @port: substrate UDP port
 * @conf: its prefixes and substrate source addresses
 * @sock: the substrate sockets of @port
 * @nodes: the nodes by address, for the packet path
 * @node_tree: the same nodes in address order, for dumps (RTNL)
 * @remotes: the substrate hosts the remote nodes are on
 * @ports: the network's ports (RTNL)
 * @n_nodes: size of @nodes (RTNL)
 * @node_gen: bumped under RTNL on every change of the network's nodes, for
 *	consistent node dumps; a busy network does not disturb dumps of
 *	others
 * @drops: per-cpu drop counters, by reason
 * @icmp_credit: the ICMP errors the network may still send, refilled as
 *	the host's own budget is (icmp_msgs_per_sec, icmp_msgs_burst)
 * @icmp_stamp: jiffies of the last refill of @icmp_credit
 * @table: its routes, to peering routers (vnet_pernet.lock)
 * @attachments: its attachments (struct vnet_attach.n_list), under
 *	vnet_pernet.lock; RCU for the packet path
 * @n_attachments: their number
 * @dead: being deleted: no route or attachment may be added
 *	(vnet_pernet.lock)
 *
 * Written under RTNL but where said; the packet path reads it under RCU.
 */
struct vnet_network {
	struct net_device *dev;
	u32 id;
	u16 port;
	struct vnet_conf __rcu *conf;
	struct vnet_sock *sock;
	struct rhashtable nodes;
	struct rb_root node_tree;
	struct rhashtable remotes;
	struct list_head ports;
	unsigned int n_nodes;
	unsigned int node_gen;
	struct vnet_drops __percpu *drops;
	atomic_t icmp_credit;
	unsigned long icmp_stamp;
	struct vnet_table table;
	struct list_head attachments;
	unsigned int n_attachments;
	bool dead;
};

/**
 * struct vnet_port - a node-facing netdevice enslaved to a network
 * @dev: the netdevice
 * @vn: its network
 * @list: in vnet_network.ports (RTNL)
 * @nodes: the nodes on this port (RTNL)
 * @tracker: for the reference on @dev
 * @rcu: for freeing
 */
struct vnet_port {
	struct net_device *dev;
	struct vnet_network *vn;
	struct list_head list;
	struct list_head nodes;
	netdevice_tracker tracker;
	struct rcu_head rcu;
};

/**
 * struct vnet_remote - a substrate host that remote nodes are on
 * @hnode: in vnet_network.remotes
 * @addr: its substrate address (the key)
 * @dst_cache: the route to it
 * @users: nodes on it (RTNL)
 * @rcu: for freeing
 */
struct vnet_remote {
	struct rhash_head hnode;
	struct vnet_addr addr;
	struct dst_cache dst_cache;
	unsigned int users;
	struct rcu_head rcu;
};

/* Packets held for a local node whose MAC address is being resolved, and
 * the largest one held (a GSO or reassembled packet is not)
 */
#define VNET_PENDING_MAX	3
#define VNET_PENDING_TRUESIZE	(16 * 1024)

/**
 * struct vnet_node - a node of a network, and where it is
 * @hnode: in vnet_network.nodes
 * @addr: its overlay address (the key)
 * @port: the port it is on, for a local node; else NULL
 * @remote: the host it is on, for a remote node; else NULL
 * @mac: a local node's MAC address, as a u64, learnt from the frames it
 *	sends from @addr; 0 until then
 * @solicited: jiffies of the last ARP request or solicitation for @mac
 * @pending: packets for the node while @mac is unknown, at most
 *	VNET_PENDING_MAX; its lock also orders the learning of @mac
 * @icmp_tokens: token bucket of the ICMP errors the node is sent, in jiffies
 * @icmp_last: jiffies of the last refill of @icmp_tokens
 * @att: for the address of a peering router in the network: its
 *	attachment; packets to it go up the host's stack. Such a node is in
 *	@nodes only, not in @node_tree, and neither @port nor @remote.
 * @rb: in vnet_network.node_tree (RTNL)
 * @port_list: in vnet_port.nodes (RTNL)
 * @rcu: for freeing
 */
struct vnet_node {
	struct rhash_head hnode;
	struct vnet_addr addr;
	struct vnet_port *port;
	struct vnet_remote *remote;
	u64 mac;
	unsigned long solicited;
	struct sk_buff_head pending;
	unsigned long icmp_tokens;
	unsigned long icmp_last;
	struct vnet_attach *att;
	struct rb_node rb;
	struct list_head port_list;
	struct rcu_head rcu;
};

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
 *	dumps (a node dump also checks its network's node_gen)
 * @lock: guards the peering routers, attachments and route tables; taken
 *	after RTNL where both are
 * @peerings: the peering routers, in name order
 * @n_peerings: their number
 * @peering_gen: bumped on every change of a peering router or attachment
 * @routes: the routes of all tables, shared (struct vnet_route), by what
 *	they say (@lock)
 * @route_mem: their bytes
 */
struct vnet_pernet {
	struct xarray networks;
	struct list_head socks;
	struct vnet_drops __percpu *drops;
	unsigned int gen;
	struct mutex lock;		/* peering routers, routes */
	struct list_head peerings;
	unsigned int n_peerings;
	unsigned int peering_gen;
	struct rhashtable routes;
	size_t route_mem;
};

/* Dump generations are never 0, which netlink takes for "no sequence yet". */
static inline void vnet_gen_bump(unsigned int *gen)
{
	if (!++*gen)
		*gen = 1;
}

/* A network changed: network, port and node dumps in progress see it. */
static inline void vnet_pernet_changed(struct vnet_pernet *pn)
{
	vnet_gen_bump(&pn->gen);
}

/**
 * struct vnet_path - the way of a packet between networks
 * @rt: the route of the source network's table taken
 * @in: the source network's attachment to the peering router
 * @pr: the peering router
 * @prt: the route of its table taken
 * @nh: the next hop of @prt taken
 * @egress: the network the packet goes to
 * @node: the node there that takes it (or the host's stack)
 *
 * As far as the resolution got; the rest NULL.
 */
struct vnet_path {
	struct vnet_route *rt;
	struct vnet_attach *in;
	struct vnet_peering *pr;
	struct vnet_route *prt;
	const struct vnet_nexthop *nh;
	struct vnet_network *egress;
	struct vnet_node *node;
};

/**
 * struct vnet_attach_cfg - the settings of a new attachment
 * @addr4: the peering router's IPv4 address in the network (family 0: none)
 * @addr6: its IPv6 address there
 * @addr4_nla: the attribute @addr4 came in, for error messages
 * @addr6_nla: that of @addr6
 * @bgp: the network's BGP routers (the new attachment takes them)
 * @n_bgp: their number
 * @bgp_nla: the attributes of their addresses
 * @propagate: the network's prefixes become routes of the peering router
 */
struct vnet_attach_cfg {
	struct vnet_addr addr4;
	struct vnet_addr addr6;
	const struct nlattr *addr4_nla;
	const struct nlattr *addr6_nla;
	struct vnet_bgp *bgp;
	unsigned int n_bgp;
	const struct nlattr *bgp_nla[VNET_MAX_BGP_PEERS];
	bool propagate;
};

/* netns.c */
struct vnet_pernet *vnet_pernet(const struct net *net);
void vnet_netns_flush(struct net *net, struct list_head *kill);
int vnet_netns_init(void);
void vnet_netns_uninit(void);

/* device.c */
extern const struct nla_policy vnet_network_policy[VNET_NETWORK_A_MAX + 1];
struct vnet_network *vnet_network_get(struct net *net, struct nlattr *tb[],
				      struct netlink_ext_ack *extack);
struct vnet_network *vnet_network_rcu(struct net *net,
				      const struct nlattr *ifindex,
				      const struct nlattr *name);
struct vnet_network *vnet_network_hold(struct net *net, struct nlattr *tb[],
				       struct netlink_ext_ack *extack);
int vnet_network_create(struct net *net, struct nlattr *tb[],
			struct netlink_ext_ack *extack);
int vnet_network_change(struct vnet_network *vn, struct nlattr *tb[],
			struct netlink_ext_ack *extack);
void vnet_network_delete(struct vnet_network *vn, struct list_head *kill);
int vnet_device_init(void);
void vnet_device_uninit(void);

void vnet_drops_read(struct vnet_drops __percpu *drops, u64 *sum);
int vnet_prefix_get(struct vnet_prefix *p, const struct nlattr *addr,
		    const struct nlattr *len, struct netlink_ext_ack *extack);
bool vnet_prefixes_contain(const struct vnet_network *vn,
			   const struct vnet_addr *addr);
bool vnet_conf_has_prefix(const struct vnet_conf *conf,
			  const struct vnet_prefix *p);
bool vnet_conf_contains(const struct vnet_conf *conf,
			const struct vnet_addr *addr);

/* node.c */
bool vnet_addr_local_only(const struct vnet_addr *addr);
int vnet_nodes_init(struct vnet_network *vn);
void vnet_nodes_destroy(struct vnet_network *vn);
struct vnet_node *vnet_node_lookup(struct vnet_network *vn,
				   const struct vnet_addr *addr);
struct vnet_node *vnet_node_find(struct vnet_network *vn,
				 const struct vnet_addr *addr);
struct vnet_node *vnet_node_next(struct vnet_network *vn,
				 const struct vnet_addr *after);
int vnet_node_set(struct vnet_network *vn, const struct vnet_addr *addr,
		  struct vnet_port *port, const struct vnet_addr *remote,
		  u32 flags, struct netlink_ext_ack *extack);
void vnet_node_del(struct vnet_network *vn, struct vnet_node *node,
		   bool notify);
void vnet_nodes_flush(struct vnet_network *vn);
struct vnet_node *vnet_nodes_outside(struct vnet_network *vn,
				     const struct vnet_conf *conf);
void vnet_nodes_reroute(struct vnet_network *vn);
void vnet_node_learn(struct vnet_node *node, const u8 *mac);
struct vnet_node *vnet_node_host_add(struct vnet_network *vn,
				     const struct vnet_addr *addr,
				     struct vnet_attach *att,
				     const struct nlattr *nla,
				     struct netlink_ext_ack *extack);
void vnet_node_host_del(struct vnet_network *vn, struct vnet_node *node);

/* port.c */
struct vnet_port *vnet_port_get(struct net_device *dev);
struct vnet_node *vnet_port_node(struct vnet_port *port,
				 const struct vnet_addr *addr);
int vnet_port_add(struct vnet_network *vn, struct net_device *dev,
		  struct netlink_ext_ack *extack);
void vnet_port_del(struct vnet_port *port, bool notify);
int vnet_port_init(void);
void vnet_port_uninit(void);

/* The errors a peering router answers with. */
enum vnet_error {
	VNET_ERR_UNREACH,	/* no route, or a blackhole */
	VNET_ERR_TTL,		/* time exceeded */
};

/* reply.c: answers the network gives its nodes */
void vnet_reply_arp(struct vnet_port *port, struct sk_buff *skb);
bool vnet_reply_ns(struct vnet_port *port, struct sk_buff *skb,
		   const struct vnet_addr *saddr);
void vnet_reply_too_big(struct vnet_network *vn, struct vnet_node *to,
			struct sk_buff *skb, u32 mtu);
void vnet_solicit(struct vnet_node *node, const struct vnet_addr *saddr);
void vnet_reply_error(struct vnet_network *vn, struct vnet_node *to,
		      struct sk_buff *skb, enum vnet_error err,
		      const struct vnet_attach *att);

/* forward.c */
void vnet_deliver_to(struct vnet_port *port, struct sk_buff *skb,
		     const u8 *dest);
bool vnet_deliver(struct vnet_network *vn, struct vnet_node *node,
		  struct sk_buff *skb, struct vnet_node *src,
		  struct vnet_network *from);
void vnet_deliver_host(struct vnet_network *vn, struct sk_buff *skb);
void vnet_send(struct vnet_network *vn, struct vnet_node *node,
	       struct sk_buff *skb, struct vnet_node *src);
void vnet_forward(struct vnet_network *vn, struct sk_buff *skb,
		  const struct vnet_addr *daddr, struct vnet_node *src);
int vnet_inner_check(struct sk_buff *skb, struct vnet_addr *saddr,
		     struct vnet_addr *daddr, u8 *proto);
bool vnet_is_nd(const struct sk_buff *skb, u8 proto);

/* main.c: where work after a grace period runs (freed tries) */
extern struct workqueue_struct *vnet_wq;

/* route.c */
int vnet_routes_init(struct vnet_pernet *pn);
void vnet_routes_destroy(struct vnet_pernet *pn);
void vnet_table_init(struct vnet_table *t, struct vnet_pernet *pn);
void vnet_table_release(struct vnet_table *t);
void vnet_table_destroy(struct vnet_table *t);
size_t vnet_table_mem(const struct vnet_table *t);
struct vnet_route *vnet_table_lookup(struct vnet_table *t,
				     const struct vnet_addr *addr);
struct vnet_route *vnet_table_match(struct vnet_table *t,
				    const struct vnet_addr *addr,
				    struct vnet_prefix *p);
struct vnet_route *vnet_route_find(struct vnet_table *t,
				   const struct vnet_prefix *dst, int proto,
				   s64 metric);
struct vnet_route *vnet_route_add(struct vnet_table *t,
				  const struct vnet_prefix *dst,
				  const struct vnet_route *tmpl, u32 flags,
				  struct netlink_ext_ack *extack);
void vnet_route_del(struct vnet_table *t, const struct vnet_prefix *dst,
		    struct vnet_route *rt);
int vnet_route_sort_nh(struct vnet_route *tmpl);
typedef bool (*vnet_route_match_fn)(const struct vnet_prefix *p,
				    const struct vnet_route *rt,
				    const void *arg);
unsigned int vnet_table_flush(struct vnet_table *t, vnet_route_match_fn match,
			      const void *arg);
unsigned int vnet_table_flush_proto(struct vnet_table *t, int proto);
void vnet_table_flush_att(struct vnet_table *t, struct vnet_attach *att);
int vnet_table_walk(struct vnet_table *t, u8 family,
		    const struct vnet_prefix *start,
		    int (*fn)(const struct vnet_prefix *p,
			      struct vnet_route *const *rt, unsigned int n,
			      void *arg),
		    void *arg);
enum vnet_drop vnet_path_peering(struct vnet_peering *pr,
				 const struct vnet_addr *daddr,
				 struct sk_buff *skb,
				 const struct vnet_network *local,
				 struct vnet_path *path);
enum vnet_drop vnet_path_resolve(struct vnet_network *vn,
				 const struct vnet_addr *daddr,
				 struct sk_buff *skb,
				 const struct vnet_network *local,
				 struct vnet_path *path);
struct vnet_node *vnet_src_node(struct vnet_network *vn,
				const struct vnet_addr *saddr,
				const struct vnet_port *port,
				const struct vnet_addr *outer);

/* peering.c */
struct vnet_peering *vnet_peering_find(struct vnet_pernet *pn,
				       const char *name);
int vnet_peering_add(struct net *net, const char *name,
		     struct vnet_addr *mesh, unsigned int n_mesh,
		     struct netlink_ext_ack *extack);
void vnet_peering_set_mesh(struct net *net, struct vnet_peering *pr,
			   struct vnet_addr *mesh, unsigned int n_mesh);
void vnet_peering_hosts_del(struct vnet_peering *pr);
void vnet_peering_unlink(struct vnet_peering *pr, struct net *net);
void vnet_peering_free(struct vnet_peering *pr);
void vnet_peerings_unlink_all(struct net *net, struct list_head *dead);
void vnet_peerings_free(struct list_head *dead);
struct vnet_attach *vnet_attach_find(struct vnet_peering *pr,
				     const struct vnet_network *vn);
int vnet_attach_add(struct vnet_peering *pr, struct vnet_network *vn,
		    struct vnet_attach_cfg *cfg,
		    struct netlink_ext_ack *extack);
void vnet_attach_hosts_del(struct vnet_attach *att);
void vnet_bgp_free(struct vnet_bgp *bgp, unsigned int n);
void vnet_attach_del(struct vnet_attach *att, bool notify);
void vnet_network_detach_all(struct vnet_network *vn);
int vnet_network_propagate(struct vnet_network *vn,
			   const struct vnet_conf *conf,
			   struct netlink_ext_ack *extack);
void vnet_network_unpropagate(struct vnet_network *vn,
			      const struct vnet_conf *old,
			      const struct vnet_conf *conf);

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
void vnet_nl_notify_flush(const struct vnet_network *vn);
void vnet_nl_notify_peering(struct net *net, const struct vnet_peering *pr,
			    u8 cmd);
void vnet_nl_notify_attach(const struct vnet_attach *att, u8 cmd);
int vnet_nl_init(void);
void vnet_nl_uninit(void);

/* bench.c: the benchmark hook, in benchmark builds only */
#ifdef VNET_BENCH
void vnet_bench_init(void);
void vnet_bench_uninit(void);
#else
static inline void vnet_bench_init(void)
{
}

static inline void vnet_bench_uninit(void)
{
}
#endif

#endif /* _VNET_H */

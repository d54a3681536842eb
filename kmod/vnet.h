/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vnet: module-internal declarations.
 */
#ifndef _VNET_H
#define _VNET_H

#include <linux/in6.h>
#include <linux/netdevice.h>
#include <linux/xarray.h>
#include <net/netlink.h>
#include <uapi/linux/vnet.h>

/* Geneve over IPv6: the largest encapsulation overhead of a substrate path. */
#define VNET_OVERHEAD	(40 + 8 + 8)

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
 * struct vnet_network - a virtual network, the private part of its netdevice
 * @dev: the netdevice
 * @id: network id (Geneve VNI), unique in the netns
 * @port: substrate UDP port
 * @local: substrate IPv4 source address, or 0
 * @local6: substrate IPv6 source address, or ::
 * @prefixes: the network's address ranges
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
};

/**
 * struct vnet_pernet - vnet's state in one network namespace
 * @networks: network id -> struct vnet_network; written under RTNL, read
 *	under RTNL or RCU
 * @gen: bumped under RTNL on every change, for consistent dumps
 */
struct vnet_pernet {
	struct xarray networks;
	unsigned int gen;
};

/* A change to the namespace's objects: dumps in progress see it. Never 0,
 * which netlink takes for "no sequence yet".
 */
static inline void vnet_pernet_changed(struct vnet_pernet *pn)
{
	if (!++pn->gen)
		pn->gen = 1;
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

/* netlink.c */
size_t vnet_nl_network_size(const struct vnet_network *vn);
int vnet_nl_fill_network(struct sk_buff *skb, const struct vnet_network *vn);
void vnet_nl_notify_network(const struct vnet_network *vn, u8 cmd);
int vnet_nl_init(void);
void vnet_nl_uninit(void);

#endif /* _VNET_H */

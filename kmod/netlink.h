/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vnet: what the files of the genetlink family share. netlink.c has the
 * family and the networks, ports and nodes; nl_peering.c the peering
 * routers and attachments; nl_route.c the routes.
 */
#ifndef _VNET_NETLINK_H
#define _VNET_NETLINK_H

#include <net/genetlink.h>

#include "vnet.h"

extern struct genl_family vnet_genl_family;
extern const struct nla_policy vnet_peering_policy[VNET_PEERING_A_MAX + 1];
extern const struct nla_policy vnet_attach_policy[VNET_ATTACH_A_MAX + 1];
extern const struct nla_policy vnet_route_policy[VNET_ROUTE_A_MAX + 1];
extern const struct nla_policy vnet_lookup_policy[VNET_LOOKUP_A_MAX + 1];

struct sk_buff *vnet_nl_event_alloc(struct net *net, size_t size);
void vnet_nl_event_send(struct net *net, struct sk_buff *msg, int err);
struct sk_buff *vnet_nl_config_alloc(struct net *net, size_t size);
void vnet_nl_config_send(struct net *net, struct sk_buff *msg, int err);
size_t vnet_nl_ref_size(void);
int vnet_nl_put_ref(struct sk_buff *skb, const struct vnet_network *vn);
int vnet_nl_put_addr(struct sk_buff *skb, int type,
		     const struct vnet_addr *addr);
int vnet_nl_addr(const struct nlattr *nla, struct vnet_addr *addr,
		 struct netlink_ext_ack *extack);
size_t vnet_nl_stats_size(void);
int vnet_nl_put_drops(struct sk_buff *skb, struct vnet_drops __percpu *drops);
int vnet_nl_put_tstats(struct sk_buff *skb,
		       struct pcpu_sw_netstats __percpu *tstats);
size_t vnet_nl_node_nest_size(void);
int vnet_nl_put_node_nest(struct sk_buff *skb, int type,
			  const struct vnet_node *node);
int vnet_nl_parse(struct genl_info *info, int type,
		  const struct nla_policy *policy, unsigned int max,
		  struct nlattr **tb);
u32 vnet_nl_flags(struct genl_info *info);

/* nl_peering.c */
int vnet_nl_peering_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_peering_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_peering_get(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_peering_dump_start(struct netlink_callback *cb);
int vnet_nl_peering_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_attach_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_attach_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_put_peering_ref(struct sk_buff *skb, const struct vnet_peering *pr);

/* nl_route.c */
int vnet_nl_route_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_route_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_route_get(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_route_flush(struct sk_buff *skb, struct genl_info *info);

#endif /* _VNET_NETLINK_H */

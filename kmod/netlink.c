// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: the "vnet" generic netlink family (include/uapi/linux/vnet.h).
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "netlink.h"

static const struct nla_policy vnet_port_policy[VNET_PORT_A_MAX + 1] = {
	[VNET_PORT_A_IFINDEX] = { .type = NLA_U32 },
	[VNET_PORT_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
};

static const struct nla_policy vnet_node_policy[VNET_NODE_A_MAX + 1] = {
	[VNET_NODE_A_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, sizeof(struct in_addr),
					      sizeof(struct in6_addr)),
	[VNET_NODE_A_IFINDEX] = { .type = NLA_U32 },
	[VNET_NODE_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VNET_NODE_A_REMOTE] = NLA_POLICY_RANGE(NLA_BINARY, sizeof(struct in_addr),
						sizeof(struct in6_addr)),
	[VNET_NODE_A_LLADDR] = {
		.type = NLA_REJECT,
		.reject_message = "the network learns a node's MAC address",
	},
};

static const struct nla_policy vnet_policy[VNET_A_MAX + 1] = {
	[VNET_A_NETWORK] = NLA_POLICY_NESTED(vnet_network_policy),
	[VNET_A_PORT] = NLA_POLICY_NESTED(vnet_port_policy),
	[VNET_A_NODE] = NLA_POLICY_NESTED(vnet_node_policy),
	[VNET_A_STATS] = {
		.type = NLA_REJECT,
		.reject_message = "counters are read, not set",
	},
	[VNET_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, NLM_F_CREATE | NLM_F_EXCL |
						  NLM_F_REPLACE),
	[VNET_A_PEERING] = NLA_POLICY_NESTED(vnet_peering_policy),
	[VNET_A_ATTACH] = NLA_POLICY_NESTED(vnet_attach_policy),
	[VNET_A_ROUTE] = NLA_POLICY_NESTED(vnet_route_policy),
	[VNET_A_LOOKUP] = NLA_POLICY_NESTED(vnet_lookup_policy),
};

/* Events go out only while the family is registered (written under RTNL). */
static bool vnet_nl_live;

/**
 * vnet_nl_network_size - room for a network's configuration attributes
 * @vn: the network
 *
 * Caller holds RTNL or, as rtnetlink's dump sizing does, the RCU read lock.
 * Return: the size vnet_nl_fill_network() needs at most.
 */
size_t vnet_nl_network_size(const struct vnet_network *vn)
{
	const struct vnet_conf *conf = rcu_dereference_rtnl(vn->conf);
	size_t size;

	size = nla_total_size(sizeof(u32)) +			/* ID */
	       nla_total_size(sizeof(u16)) +			/* PORT */
	       nla_total_size(sizeof(struct in_addr)) +		/* LOCAL */
	       nla_total_size(sizeof(struct in6_addr)) +	/* LOCAL6 */
	       nla_total_size(0);				/* PREFIXES */
	if (conf)
		size += conf->n * (nla_total_size(0) +
				 nla_total_size(sizeof(struct in6_addr)) +
				 nla_total_size(sizeof(u8)));
	return size;
}

/**
 * vnet_nl_fill_network - put a network's configuration attributes
 * @skb: the message
 * @vn: the network
 *
 * Shared by the genetlink replies and rtnetlink's IFLA_INFO_DATA. Caller
 * holds RTNL. Return: 0 or -EMSGSIZE.
 */
int vnet_nl_fill_network(struct sk_buff *skb, const struct vnet_network *vn)
{
	const struct vnet_conf *conf = rtnl_dereference(vn->conf);
	const struct vnet_prefix *p;
	struct nlattr *list, *entry;
	unsigned int i;

	if (nla_put_u32(skb, VNET_NETWORK_A_ID, vn->id) ||
	    nla_put_u16(skb, VNET_NETWORK_A_PORT, vn->port))
		return -EMSGSIZE;
	if (!conf)
		return 0;
	if (conf->local &&
	    nla_put_in_addr(skb, VNET_NETWORK_A_LOCAL, conf->local))
		return -EMSGSIZE;
	if (!ipv6_addr_any(&conf->local6) &&
	    nla_put_in6_addr(skb, VNET_NETWORK_A_LOCAL6, &conf->local6))
		return -EMSGSIZE;
	if (!conf->n)
		return 0;

	list = nla_nest_start(skb, VNET_NETWORK_A_PREFIXES);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < conf->n; i++) {
		p = &conf->p[i];
		entry = nla_nest_start(skb, i + 1);
		if (!entry ||
		    nla_put(skb, VNET_PREFIX_A_ADDR,
			    p->family == AF_INET ? sizeof(p->addr.v4) :
						   sizeof(p->addr.v6),
			    &p->addr) ||
		    nla_put_u8(skb, VNET_PREFIX_A_LEN, p->len))
			return -EMSGSIZE;
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, list);
	return 0;
}

/* Room for a nest of counters: four traffic counters and the drops. */
size_t vnet_nl_stats_size(void)
{
	return nla_total_size(0) +
	       (4 + VNET_DROP_MAX) * nla_total_size_64bit(sizeof(u64));
}

int vnet_nl_put_drops(struct sk_buff *skb, struct vnet_drops __percpu *drops)
{
	u64 sum[VNET_DROP_MAX];
	int i;

	BUILD_BUG_ON(VNET_STATS_A_DROP_NO_ROUTE + VNET_DROP_MAX - 1 !=
		     VNET_STATS_A_MAX);
	vnet_drops_read(drops, sum);
	for (i = 0; i < VNET_DROP_MAX; i++)
		if (nla_put_u64_64bit(skb, VNET_STATS_A_DROP_NO_ROUTE + i,
				      sum[i], VNET_STATS_A_PAD))
			return -EMSGSIZE;
	return 0;
}

/* The traffic counters of @tstats. */
int vnet_nl_put_tstats(struct sk_buff *skb,
		       struct pcpu_sw_netstats __percpu *tstats)
{
	struct rtnl_link_stats64 s = {};

	dev_fetch_sw_netstats(&s, tstats);
	if (nla_put_u64_64bit(skb, VNET_STATS_A_RX_PACKETS, s.rx_packets,
			      VNET_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VNET_STATS_A_RX_BYTES, s.rx_bytes,
			      VNET_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VNET_STATS_A_TX_PACKETS, s.tx_packets,
			      VNET_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VNET_STATS_A_TX_BYTES, s.tx_bytes,
			      VNET_STATS_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int vnet_nl_put_stats(struct sk_buff *skb, const struct vnet_network *vn)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, VNET_NETWORK_A_STATS);
	if (!nest || vnet_nl_put_tstats(skb, vn->dev->tstats) ||
	    vnet_nl_put_drops(skb, vn->drops))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static size_t vnet_nl_msg_size(const struct vnet_network *vn)
{
	return nla_total_size(0) +			/* VNET_A_NETWORK */
	       nla_total_size(sizeof(u32)) +		/* IFINDEX */
	       nla_total_size(IFNAMSIZ) +		/* NAME */
	       vnet_nl_network_size(vn) +
	       vnet_nl_stats_size();
}

static int vnet_nl_put_network(struct sk_buff *skb, const struct vnet_network *vn,
			       u32 portid, u32 seq, int flags, u8 cmd,
			       struct netlink_callback *cb)
{
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vnet_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);

	nest = nla_nest_start(skb, VNET_A_NETWORK);
	if (!nest ||
	    nla_put_u32(skb, VNET_NETWORK_A_IFINDEX, vn->dev->ifindex) ||
	    nla_put_string(skb, VNET_NETWORK_A_NAME, vn->dev->name) ||
	    vnet_nl_fill_network(skb, vn) || vnet_nl_put_stats(skb, vn)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

/* The family's multicast groups, in vnet_nl_mcgrps[] */
enum {
	VNET_NL_GRP_MONITOR,
	VNET_NL_GRP_CONFIG,
};

static bool vnet_nl_listened(struct net *net, unsigned int group)
{
	return READ_ONCE(vnet_nl_live) &&
	       genl_has_listeners(&vnet_genl_family, net, group);
}

static struct sk_buff *vnet_nl_alloc(struct net *net, size_t size,
				     bool config)
{
	struct sk_buff *msg;

	if (!vnet_nl_listened(net, VNET_NL_GRP_MONITOR) &&
	    !(config && vnet_nl_listened(net, VNET_NL_GRP_CONFIG)))
		return NULL;
	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg) {
		genl_set_err(&vnet_genl_family, net, 0, VNET_NL_GRP_MONITOR,
			     -ENOBUFS);
		if (config)
			genl_set_err(&vnet_genl_family, net, 0,
				     VNET_NL_GRP_CONFIG, -ENOBUFS);
	}
	return msg;
}

static void vnet_nl_send(struct net *net, struct sk_buff *msg, int err,
			 bool config)
{
	bool mon = vnet_nl_listened(net, VNET_NL_GRP_MONITOR);
	bool cfg = config && vnet_nl_listened(net, VNET_NL_GRP_CONFIG);
	struct sk_buff *copy = NULL;

	if (!err && mon && cfg) {
		copy = skb_clone(msg, GFP_KERNEL);
		if (!copy)
			err = -ENOMEM;
	}
	if (err || (!mon && !cfg)) {
		nlmsg_free(msg);
		if (!err)
			return;
		genl_set_err(&vnet_genl_family, net, 0, VNET_NL_GRP_MONITOR,
			     -ENOBUFS);
		if (config)
			genl_set_err(&vnet_genl_family, net, 0,
				     VNET_NL_GRP_CONFIG, -ENOBUFS);
		return;
	}
	if (mon)
		genlmsg_multicast_netns(&vnet_genl_family, net, msg, 0,
					VNET_NL_GRP_MONITOR, GFP_KERNEL);
	if (cfg)
		genlmsg_multicast_netns(&vnet_genl_family, net, copy ?: msg, 0,
					VNET_NL_GRP_CONFIG, GFP_KERNEL);
}

/* A message for the monitor group, or NULL when nobody listens. */
struct sk_buff *vnet_nl_event_alloc(struct net *net, size_t size)
{
	return vnet_nl_alloc(net, size, false);
}

/* Send an event filled by a put function (@err its result). A failure
 * loses the event; listeners learn of it as a socket overrun.
 */
void vnet_nl_event_send(struct net *net, struct sk_buff *msg, int err)
{
	vnet_nl_send(net, msg, err, false);
}

/* The same for an event of configuration: also for the config group. */
struct sk_buff *vnet_nl_config_alloc(struct net *net, size_t size)
{
	return vnet_nl_alloc(net, size, true);
}

void vnet_nl_config_send(struct net *net, struct sk_buff *msg, int err)
{
	vnet_nl_send(net, msg, err, true);
}

/**
 * vnet_nl_notify_network - tell the monitor group of a change
 * @vn: the network
 * @cmd: VNET_CMD_NETWORK_NEW or VNET_CMD_NETWORK_DEL
 *
 * Caller holds RTNL.
 */
void vnet_nl_notify_network(const struct vnet_network *vn, u8 cmd)
{
	struct net *net = dev_net(vn->dev);
	struct sk_buff *msg;

	msg = vnet_nl_config_alloc(net, vnet_nl_msg_size(vn));
	if (msg)
		vnet_nl_config_send(net, msg,
				    vnet_nl_put_network(msg, vn, 0, 0, 0, cmd, NULL));
}

/* The network a port or node message is about: its keys only. */
size_t vnet_nl_ref_size(void)
{
	return nla_total_size(0) + 2 * nla_total_size(sizeof(u32)) +
	       nla_total_size(IFNAMSIZ);
}

int vnet_nl_put_ref(struct sk_buff *skb, const struct vnet_network *vn)
{
	struct nlattr *nest = nla_nest_start(skb, VNET_A_NETWORK);

	if (!nest ||
	    nla_put_u32(skb, VNET_NETWORK_A_IFINDEX, vn->dev->ifindex) ||
	    nla_put_string(skb, VNET_NETWORK_A_NAME, vn->dev->name) ||
	    nla_put_u32(skb, VNET_NETWORK_A_ID, vn->id))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static size_t vnet_nl_port_size(void)
{
	return vnet_nl_ref_size() + nla_total_size(0) +
	       nla_total_size(sizeof(u32)) + nla_total_size(IFNAMSIZ);
}

static int vnet_nl_put_port(struct sk_buff *skb, const struct vnet_port *port,
			    u32 portid, u32 seq, int flags, u8 cmd,
			    struct netlink_callback *cb)
{
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vnet_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (vnet_nl_put_ref(skb, port->vn))
		goto err;
	nest = nla_nest_start(skb, VNET_A_PORT);
	if (!nest ||
	    nla_put_u32(skb, VNET_PORT_A_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, VNET_PORT_A_IFNAME, port->dev->name))
		goto err;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
err:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/**
 * vnet_nl_notify_port - tell the monitor group of a port's change
 * @port: the port
 * @cmd: VNET_CMD_PORT_NEW or VNET_CMD_PORT_DEL
 *
 * Caller holds RTNL.
 */
void vnet_nl_notify_port(const struct vnet_port *port, u8 cmd)
{
	struct net *net = dev_net(port->dev);
	struct sk_buff *msg;

	msg = vnet_nl_event_alloc(net, vnet_nl_port_size());
	if (msg)
		vnet_nl_event_send(net, msg, vnet_nl_put_port(msg, port, 0, 0, 0,
							      cmd, NULL));
}

int vnet_nl_put_addr(struct sk_buff *skb, int type,
		     const struct vnet_addr *addr)
{
	if (vnet_addr_is_v4(addr))
		return nla_put_in_addr(skb, type, addr->v4);
	return nla_put_in6_addr(skb, type, &addr->v6);
}

size_t vnet_nl_node_nest_size(void)
{
	return nla_total_size(0) + 2 * nla_total_size(sizeof(struct in6_addr)) +
	       nla_total_size(sizeof(u32)) + nla_total_size(IFNAMSIZ) +
	       nla_total_size(ETH_ALEN);
}

static size_t vnet_nl_node_size(void)
{
	return vnet_nl_ref_size() + vnet_nl_node_nest_size();
}

/* A node as a nest of enum vnet_node_attrs: its address and where it is. */
int vnet_nl_put_node_nest(struct sk_buff *skb, int type,
			  const struct vnet_node *node)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest || vnet_nl_put_addr(skb, VNET_NODE_A_ADDR, &node->addr))
		return -EMSGSIZE;
	if (node->port) {
		u64 mac = READ_ONCE(node->mac);
		u8 lladdr[ETH_ALEN];

		u64_to_ether_addr(mac, lladdr);
		if (nla_put_u32(skb, VNET_NODE_A_IFINDEX, node->port->dev->ifindex) ||
		    nla_put_string(skb, VNET_NODE_A_IFNAME, node->port->dev->name) ||
		    (mac && nla_put(skb, VNET_NODE_A_LLADDR, ETH_ALEN, lladdr)))
			return -EMSGSIZE;
	} else if (node->remote &&
		   vnet_nl_put_addr(skb, VNET_NODE_A_REMOTE, &node->remote->addr)) {
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vnet_nl_put_node(struct sk_buff *skb, const struct vnet_network *vn,
			    const struct vnet_node *node, u32 portid, u32 seq,
			    int flags, u8 cmd, struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vnet_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (vnet_nl_put_ref(skb, vn))
		goto err;
	if (vnet_nl_put_node_nest(skb, VNET_A_NODE, node))
		goto err;
	genlmsg_end(skb, hdr);
	return 0;
err:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/**
 * vnet_nl_notify_node - tell the monitor group of a node's change
 * @vn: its network
 * @node: the node
 * @cmd: VNET_CMD_NODE_NEW or VNET_CMD_NODE_DEL
 *
 * Caller holds RTNL.
 */
void vnet_nl_notify_node(const struct vnet_network *vn,
			 const struct vnet_node *node, u8 cmd)
{
	struct net *net = dev_net(vn->dev);
	struct sk_buff *msg;

	msg = vnet_nl_event_alloc(net, vnet_nl_node_size());
	if (msg)
		vnet_nl_event_send(net, msg, vnet_nl_put_node(msg, vn, node, 0, 0,
							      0, cmd, NULL));
}

/**
 * vnet_nl_notify_flush - tell the monitor group that a network's nodes went
 * @vn: the network
 *
 * One VNET_CMD_NODE_FLUSH event for all of them. Caller holds RTNL.
 */
void vnet_nl_notify_flush(const struct vnet_network *vn)
{
	struct net *net = dev_net(vn->dev);
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = vnet_nl_event_alloc(net, vnet_nl_ref_size());
	if (!msg)
		return;
	err = -EMSGSIZE;
	hdr = genlmsg_put(msg, 0, 0, &vnet_genl_family, 0, VNET_CMD_NODE_FLUSH);
	if (hdr && !vnet_nl_put_ref(msg, vn)) {
		genlmsg_end(msg, hdr);
		err = 0;
	}
	vnet_nl_event_send(net, msg, err);
}

static int vnet_nl_parse_network(struct genl_info *info, struct nlattr *tb[])
{
	if (GENL_REQ_ATTR_CHECK(info, VNET_A_NETWORK))
		return -EINVAL;
	return nla_parse_nested(tb, VNET_NETWORK_A_MAX,
				info->attrs[VNET_A_NETWORK],
				vnet_network_policy, info->extack);
}

static int vnet_nl_network_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_NETWORK_A_MAX + 1];
	int err;

	err = vnet_nl_parse_network(info, tb);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VNET_A_NETWORK], tb,
			      VNET_NETWORK_A_NAME))
		return -EINVAL;
	if (tb[VNET_NETWORK_A_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VNET_NETWORK_A_IFINDEX],
				    "the kernel assigns the ifindex");
		return -EINVAL;
	}

	rtnl_lock();
	err = vnet_network_create(genl_info_net(info), tb, info->extack);
	rtnl_unlock();
	return err;
}

/*
 * Look up the network a request names. On success RTNL is held, for the
 * caller to release.
 */
static struct vnet_network *vnet_nl_lock_network(struct genl_info *info)
{
	struct nlattr *tb[VNET_NETWORK_A_MAX + 1];
	struct vnet_network *vn;
	int err;

	err = vnet_nl_parse_network(info, tb);
	if (err)
		return ERR_PTR(err);
	rtnl_lock();
	vn = vnet_network_get(genl_info_net(info), tb, info->extack);
	if (IS_ERR(vn))
		rtnl_unlock();
	return vn;
}

static int vnet_nl_network_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_network *vn;
	LIST_HEAD(kill);

	vn = vnet_nl_lock_network(info);
	if (IS_ERR(vn))
		return PTR_ERR(vn);
	vnet_network_delete(vn, &kill);
	unregister_netdevice_many(&kill);
	rtnl_unlock();
	return 0;
}

static int vnet_nl_network_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_NETWORK_A_MAX + 1];
	struct vnet_network *vn;
	int err;

	err = vnet_nl_parse_network(info, tb);
	if (err)
		return err;
	rtnl_lock();
	vn = vnet_network_get(genl_info_net(info), tb, info->extack);
	err = IS_ERR(vn) ? PTR_ERR(vn) : vnet_network_change(vn, tb, info->extack);
	rtnl_unlock();
	return err;
}

static int vnet_nl_network_flush(struct sk_buff *skb, struct genl_info *info)
{
	LIST_HEAD(kill);

	rtnl_lock();
	vnet_netns_flush(genl_info_net(info), &kill);
	unregister_netdevice_many(&kill);
	rtnl_unlock();
	return 0;
}

/* Send a reply built under RTNL (@msg NULL if it could not be allocated,
 * @err how filling it went); unlocks.
 */
static int vnet_nl_reply_unlock(struct genl_info *info, struct sk_buff *msg,
				int err)
{
	rtnl_unlock();
	if (!msg)
		return -ENOMEM;
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static int vnet_nl_network_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_network *vn;
	struct sk_buff *msg;
	int err;

	vn = vnet_nl_lock_network(info);
	if (IS_ERR(vn))
		return PTR_ERR(vn);
	msg = genlmsg_new(vnet_nl_msg_size(vn), GFP_KERNEL);
	err = !msg ? -ENOMEM :
	      vnet_nl_put_network(msg, vn, info->snd_portid, info->snd_seq, 0,
				  VNET_CMD_NETWORK_GET, NULL);
	return vnet_nl_reply_unlock(info, msg, err);
}

/* cb->args[0]: the network id to resume from. */
static int vnet_nl_network_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_pernet *pn = vnet_pernet(sock_net(skb->sk));
	struct vnet_network *vn;
	unsigned long index;
	int err = 0;

	rtnl_lock();
	cb->seq = pn->gen;
	xa_for_each_start(&pn->networks, index, vn, cb->args[0]) {
		err = vnet_nl_put_network(skb, vn,
					  NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, NLM_F_MULTI,
					  VNET_CMD_NETWORK_GET, cb);
		if (err)
			break;
		cb->args[0] = index + 1;
	}
	rtnl_unlock();

	/* A message that fits nowhere is an error; a full skb is not. */
	if (err && !skb->len)
		return err;
	return skb->len;
}

/* The overlay or substrate address in @nla: 4 bytes IPv4, 16 IPv6. */
int vnet_nl_addr(const struct nlattr *nla, struct vnet_addr *addr,
		 struct netlink_ext_ack *extack)
{
	struct in6_addr a6;
	__be32 a4;

	switch (nla_len(nla)) {
	case sizeof(struct in_addr):
		a4 = nla_get_in_addr(nla);
		vnet_addr_set4(addr, a4);
		if (ipv4_is_zeronet(a4) || ipv4_is_multicast(a4) ||
		    ipv4_is_lbcast(a4))
			break;
		return 0;
	case sizeof(struct in6_addr):
		a6 = nla_get_in6_addr(nla);
		vnet_addr_set6(addr, &a6);
		if (ipv6_addr_v4mapped(&a6)) {
			NL_SET_ERR_MSG_ATTR(extack, nla,
					    "give an IPv4 address as 4 bytes, not v4-mapped");
			return -EINVAL;
		}
		if (ipv6_addr_any(&a6) || ipv6_addr_is_multicast(&a6))
			break;
		return 0;
	default:
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "address is neither IPv4 nor IPv6");
		return -EINVAL;
	}
	NL_SET_ERR_MSG_ATTR(extack, nla, "address must be unicast");
	return -EINVAL;
}

/* A netdevice named by an ifindex or a name attribute. Under RTNL. */
static struct net_device *vnet_nl_dev(struct net *net, struct nlattr *nest,
				      struct nlattr *ifindex,
				      struct nlattr *ifname,
				      struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	if (!ifindex && !ifname) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "device name or ifindex needed");
		return ERR_PTR(-EINVAL);
	}
	if (ifindex)
		dev = __dev_get_by_index(net, nla_get_u32(ifindex));
	else
		dev = __dev_get_by_name(net, nla_data(ifname));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, ifindex ?: ifname, "no such device");
		return ERR_PTR(-ENODEV);
	}
	return dev;
}

int vnet_nl_parse(struct genl_info *info, int type,
		  const struct nla_policy *policy, unsigned int max,
		  struct nlattr **tb)
{
	if (GENL_REQ_ATTR_CHECK(info, type))
		return -EINVAL;
	return nla_parse_nested(tb, max, info->attrs[type], policy,
				info->extack);
}

static int vnet_nl_port_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_PORT_A_MAX + 1];
	struct vnet_network *vn;
	struct net_device *dev;
	int err;

	err = vnet_nl_parse(info, VNET_A_PORT, vnet_port_policy,
			    VNET_PORT_A_MAX, tb);
	if (err)
		return err;
	vn = vnet_nl_lock_network(info);
	if (IS_ERR(vn))
		return PTR_ERR(vn);
	dev = vnet_nl_dev(genl_info_net(info), info->attrs[VNET_A_PORT],
			  tb[VNET_PORT_A_IFINDEX], tb[VNET_PORT_A_IFNAME],
			  info->extack);
	err = IS_ERR(dev) ? PTR_ERR(dev) : vnet_port_add(vn, dev, info->extack);
	rtnl_unlock();
	return err;
}

/*
 * The port a request names (VNET_A_PORT; VNET_A_NETWORK, when given, must
 * be its network). On success RTNL is held, for the caller to release.
 */
static struct vnet_port *vnet_nl_lock_port(struct genl_info *info)
{
	struct nlattr *tb[VNET_PORT_A_MAX + 1];
	struct vnet_network *vn = NULL;
	struct vnet_port *port;
	struct net_device *dev;
	int err;

	err = vnet_nl_parse(info, VNET_A_PORT, vnet_port_policy,
			    VNET_PORT_A_MAX, tb);
	if (err)
		return ERR_PTR(err);
	if (info->attrs[VNET_A_NETWORK]) {
		vn = vnet_nl_lock_network(info);
		if (IS_ERR(vn))
			return ERR_CAST(vn);
	} else {
		rtnl_lock();
	}
	dev = vnet_nl_dev(genl_info_net(info), info->attrs[VNET_A_PORT],
			  tb[VNET_PORT_A_IFINDEX], tb[VNET_PORT_A_IFNAME],
			  info->extack);
	if (IS_ERR(dev)) {
		port = ERR_CAST(dev);
		goto err;
	}
	port = vnet_port_get(dev);
	if (!port) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VNET_A_PORT],
				    "the device is not a port");
		port = ERR_PTR(-ENOENT);
		goto err;
	}
	if (vn && port->vn != vn) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VNET_A_PORT],
				    "the device is not a port of this network");
		port = ERR_PTR(-ENOENT);
		goto err;
	}
	return port;
err:
	rtnl_unlock();
	return port;
}

static int vnet_nl_port_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_port *port;

	port = vnet_nl_lock_port(info);
	if (IS_ERR(port))
		return PTR_ERR(port);
	vnet_port_del(port, true);
	rtnl_unlock();
	return 0;
}

static int vnet_nl_port_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_port *port;
	struct sk_buff *msg;
	int err;

	port = vnet_nl_lock_port(info);
	if (IS_ERR(port))
		return PTR_ERR(port);
	msg = genlmsg_new(vnet_nl_port_size(), GFP_KERNEL);
	err = !msg ? -ENOMEM :
	      vnet_nl_put_port(msg, port, info->snd_portid, info->snd_seq, 0,
			       VNET_CMD_PORT_GET, NULL);
	return vnet_nl_reply_unlock(info, msg, err);
}

/**
 * struct vnet_dump_pos - where a dump of ports or nodes is, by network
 * @id: the network id to go on from
 * @only: the id of the one network asked for, if @filtered
 * @started: the first part is done
 * @filtered: the request named one network (VNET_A_NETWORK)
 */
struct vnet_dump_pos {
	u32 id;
	u32 only;
	bool started;
	bool filtered;
};

/*
 * The first part of a dump of ports or nodes: look up the network it is
 * limited to, if any. Under RTNL.
 */
static int vnet_nl_dump_begin(struct netlink_callback *cb,
			      struct vnet_dump_pos *pos)
{
	struct nlattr *nla = vnet_dump_attrs(cb)[VNET_A_NETWORK];
	struct nlattr *tb[VNET_NETWORK_A_MAX + 1];
	struct vnet_network *vn;
	int err;

	if (nla) {
		err = nla_parse_nested(tb, VNET_NETWORK_A_MAX, nla,
				       vnet_network_policy, cb->extack);
		if (err)
			return err;
		vn = vnet_network_get(sock_net(cb->skb->sk), tb, cb->extack);
		if (IS_ERR(vn))
			return PTR_ERR(vn);
		pos->filtered = true;
		pos->only = vn->id;
	}
	pos->id = pos->only;
	pos->started = true;
	return 0;
}

/* Where a port dump is, and how many ports of network pos.id it sent. */
struct vnet_port_dump {
	struct vnet_dump_pos pos;
	unsigned int sent;
};

static int vnet_nl_port_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_pernet *pn = vnet_pernet(sock_net(skb->sk));
	struct vnet_port_dump *d = (void *)cb->ctx;
	struct vnet_network *vn;
	struct vnet_port *port;
	unsigned long index;
	unsigned int i;
	int err = 0;

	BUILD_BUG_ON(sizeof(*d) > sizeof(cb->ctx));
	rtnl_lock();
	if (!d->pos.started) {
		err = vnet_nl_dump_begin(cb, &d->pos);
		if (err)
			goto out;
	}
	/* ports come and go with a change of the namespace's generation */
	cb->seq = pn->gen;
	xa_for_each_start(&pn->networks, index, vn, d->pos.id) {
		if (d->pos.filtered && index != d->pos.only)
			break;
		/* the network the dump stopped in may be gone */
		if (index != d->pos.id)
			d->sent = 0;
		d->pos.id = index;
		i = 0;
		list_for_each_entry(port, &vn->ports, list) {
			if (i++ < d->sent)
				continue;
			err = vnet_nl_put_port(skb, port,
					       NETLINK_CB(cb->skb).portid,
					       cb->nlh->nlmsg_seq, NLM_F_MULTI,
					       VNET_CMD_PORT_GET, cb);
			if (err)
				goto out;
			d->sent++;
		}
		d->pos.id = index + 1;
		d->sent = 0;
		if (d->pos.filtered)
			break;
	}
out:
	rtnl_unlock();
	if (err && !skb->len)
		return err;
	return skb->len;
}

/* A node request: its network (RTNL held on success) and address. */
static struct vnet_network *vnet_nl_lock_node(struct genl_info *info,
					      struct nlattr **tb,
					      struct vnet_addr *addr)
{
	int err;

	err = vnet_nl_parse(info, VNET_A_NODE, vnet_node_policy,
			    VNET_NODE_A_MAX, tb);
	if (err)
		return ERR_PTR(err);
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VNET_A_NODE], tb,
			      VNET_NODE_A_ADDR))
		return ERR_PTR(-EINVAL);
	err = vnet_nl_addr(tb[VNET_NODE_A_ADDR], addr, info->extack);
	if (err)
		return ERR_PTR(err);
	return vnet_nl_lock_network(info);
}

static int vnet_nl_node_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_NODE_A_MAX + 1];
	struct vnet_addr addr, remote;
	struct nlattr *where, *nla;
	struct vnet_port *port = NULL;
	struct vnet_network *vn;
	struct net_device *dev;
	u32 flags;
	int err;

	vn = vnet_nl_lock_node(info, tb, &addr);
	if (IS_ERR(vn))
		return PTR_ERR(vn);
	err = -EINVAL;
	nla = tb[VNET_NODE_A_ADDR];
	if (vnet_addr_local_only(&addr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "a node address must not be loopback or link-local");
		goto out;
	}
	if (!vnet_prefixes_contain(vn, &addr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "the address is outside the network's prefixes");
		goto out;
	}
	where = tb[VNET_NODE_A_IFINDEX] ?: tb[VNET_NODE_A_IFNAME];
	if (!where == !tb[VNET_NODE_A_REMOTE]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VNET_A_NODE],
				    "a node is on a port or on a remote host: give one");
		goto out;
	}
	if (where) {
		dev = vnet_nl_dev(genl_info_net(info), info->attrs[VNET_A_NODE],
				  tb[VNET_NODE_A_IFINDEX], tb[VNET_NODE_A_IFNAME],
				  info->extack);
		if (IS_ERR(dev)) {
			err = PTR_ERR(dev);
			goto out;
		}
		port = vnet_port_get(dev);
		if (!port || port->vn != vn) {
			NL_SET_ERR_MSG_ATTR(info->extack, where,
					    "the device is not a port of this network");
			goto out;
		}
	} else {
		nla = tb[VNET_NODE_A_REMOTE];
		err = vnet_nl_addr(nla, &remote, info->extack);
		if (err)
			goto out;
		/* a link-local address needs a scope a remote host lacks */
		if (!vnet_addr_is_v4(&remote) &&
		    (ipv6_addr_type(&remote.v6) & IPV6_ADDR_LINKLOCAL)) {
			NL_SET_ERR_MSG_ATTR(info->extack, nla,
					    "a remote host's address must not be link-local");
			err = -EINVAL;
			goto out;
		}
	}
	flags = vnet_nl_flags(info);
	err = vnet_node_set(vn, &addr, port, port ? NULL : &remote, flags,
			    info->extack);
out:
	rtnl_unlock();
	return err;
}

/* The node a request names; RTNL held on success. */
static struct vnet_node *vnet_nl_lock_node_find(struct genl_info *info,
						struct vnet_network **vnp)
{
	struct nlattr *tb[VNET_NODE_A_MAX + 1];
	struct vnet_network *vn;
	struct vnet_node *node;
	struct vnet_addr addr;

	vn = vnet_nl_lock_node(info, tb, &addr);
	if (IS_ERR(vn))
		return ERR_CAST(vn);
	node = vnet_node_find(vn, &addr);
	if (!node) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VNET_NODE_A_ADDR],
				    "no such node");
		rtnl_unlock();
		return ERR_PTR(-ENOENT);
	}
	*vnp = vn;
	return node;
}

static int vnet_nl_node_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_network *vn;
	struct vnet_node *node;

	node = vnet_nl_lock_node_find(info, &vn);
	if (IS_ERR(node))
		return PTR_ERR(node);
	vnet_node_del(vn, node, true);
	rtnl_unlock();
	return 0;
}

static int vnet_nl_node_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_network *vn;

	vn = vnet_nl_lock_network(info);
	if (IS_ERR(vn))
		return PTR_ERR(vn);
	vnet_nodes_flush(vn);
	rtnl_unlock();
	return 0;
}

static int vnet_nl_node_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_network *vn;
	struct vnet_node *node;
	struct sk_buff *msg;
	int err;

	node = vnet_nl_lock_node_find(info, &vn);
	if (IS_ERR(node))
		return PTR_ERR(node);
	msg = genlmsg_new(vnet_nl_node_size(), GFP_KERNEL);
	err = !msg ? -ENOMEM :
	      vnet_nl_put_node(msg, vn, node, info->snd_portid, info->snd_seq,
			       0, VNET_CMD_NODE_GET, NULL);
	return vnet_nl_reply_unlock(info, msg, err);
}

/*
 * Where a node dump is: the network, the last address sent in it, and the
 * generations it saw when it stopped there.
 */
struct vnet_node_dump {
	struct vnet_dump_pos pos;
	unsigned int gen;	/* the namespace's, for a dump of all */
	unsigned int node_gen;	/* of network pos.id, stopped inside it */
	unsigned int epoch;	/* bumped by each change seen */
	bool resume;
	struct vnet_addr last;
};

/*
 * Did anything the dump relies on change since its last part? The nodes
 * of the network it stopped inside, and for a dump of all networks the
 * networks and ports; changes to other networks' nodes do not matter.
 */
static bool vnet_nl_node_dump_changed(struct vnet_pernet *pn,
				      const struct vnet_node_dump *d)
{
	struct vnet_network *vn;

	if (!d->pos.filtered && pn->gen != d->gen)
		return true;
	if (!d->resume)
		return false;
	vn = xa_load(&pn->networks, d->pos.id);
	return !vn || vn->node_gen != d->node_gen;
}

static int vnet_nl_node_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_pernet *pn = vnet_pernet(sock_net(skb->sk));
	struct vnet_node_dump *d = (void *)cb->ctx;
	struct vnet_network *vn;
	struct vnet_node *node;
	unsigned long index;
	struct rb_node *rb;
	int err = 0;

	BUILD_BUG_ON(sizeof(*d) > sizeof(cb->ctx));
	rtnl_lock();
	if (!d->pos.started) {
		err = vnet_nl_dump_begin(cb, &d->pos);
		if (err)
			goto out;
		d->epoch = 1;
	} else if (vnet_nl_node_dump_changed(pn, d)) {
		/* the next part is flagged NLM_F_DUMP_INTR */
		vnet_gen_bump(&d->epoch);
	}
	cb->seq = d->epoch;
	xa_for_each_start(&pn->networks, index, vn, d->pos.id) {
		if (d->pos.filtered && index != d->pos.only)
			break;
		/* the network the dump stopped in may be gone */
		if (index != d->pos.id)
			d->resume = false;
		node = vnet_node_next(vn, d->resume ? &d->last : NULL);
		while (node) {
			err = vnet_nl_put_node(skb, vn, node,
					       NETLINK_CB(cb->skb).portid,
					       cb->nlh->nlmsg_seq, NLM_F_MULTI,
					       VNET_CMD_NODE_GET, cb);
			if (err) {
				d->node_gen = vn->node_gen;
				goto out;
			}
			d->pos.id = index;
			d->last = node->addr;
			d->resume = true;
			rb = rb_next(&node->rb);
			node = rb ? rb_entry(rb, struct vnet_node, rb) : NULL;
		}
		d->pos.id = index + 1;
		d->resume = false;
		if (d->pos.filtered)
			break;
	}
out:
	d->gen = pn->gen;
	rtnl_unlock();
	if (err && !skb->len)
		return err;
	return skb->len;
}

/* What to do with an existing object: VNET_A_FLAGS, by default add only. */
u32 vnet_nl_flags(struct genl_info *info)
{
	if (info->attrs[VNET_A_FLAGS])
		return nla_get_u32(info->attrs[VNET_A_FLAGS]);
	return NLM_F_CREATE | NLM_F_EXCL;
}

static int vnet_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_pernet *pn = vnet_pernet(genl_info_net(info));
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(vnet_nl_stats_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &vnet_genl_family, 0,
				VNET_CMD_STATS_GET);
	if (!hdr)
		goto err;
	nest = nla_nest_start(msg, VNET_A_STATS);
	if (!nest || vnet_nl_put_drops(msg, pn->drops))
		goto err;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
err:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static const struct genl_small_ops vnet_nl_ops[] = {
	{
		.cmd = VNET_CMD_NETWORK_NEW,
		.doit = vnet_nl_network_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_NETWORK_DEL,
		.doit = vnet_nl_network_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_NETWORK_GET,
		.doit = vnet_nl_network_get,
		.dumpit = vnet_nl_network_dump,
	},
	{
		.cmd = VNET_CMD_NETWORK_FLUSH,
		.doit = vnet_nl_network_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_PORT_NEW,
		.doit = vnet_nl_port_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_PORT_DEL,
		.doit = vnet_nl_port_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_NODE_NEW,
		.doit = vnet_nl_node_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_NODE_DEL,
		.doit = vnet_nl_node_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_NODE_GET,
		.doit = vnet_nl_node_get,
		.dumpit = vnet_nl_node_dump,
	},
	{
		.cmd = VNET_CMD_STATS_GET,
		.doit = vnet_nl_stats_get,
	},
	{
		.cmd = VNET_CMD_NODE_FLUSH,
		.doit = vnet_nl_node_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_PORT_GET,
		.doit = vnet_nl_port_get,
		.dumpit = vnet_nl_port_dump,
	},
	{
		.cmd = VNET_CMD_NETWORK_SET,
		.doit = vnet_nl_network_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_PEERING_NEW,
		.doit = vnet_nl_peering_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_PEERING_DEL,
		.doit = vnet_nl_peering_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_ATTACH_NEW,
		.doit = vnet_nl_attach_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_ATTACH_DEL,
		.doit = vnet_nl_attach_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_ROUTE_NEW,
		.doit = vnet_nl_route_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_ROUTE_DEL,
		.doit = vnet_nl_route_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VNET_CMD_ROUTE_GET,
		.doit = vnet_nl_route_get,
		.dumpit = vnet_nl_route_dump,
	},
	{
		.cmd = VNET_CMD_ROUTE_FLUSH,
		.doit = vnet_nl_route_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

/* Those that need more than the small ops have. */
static const struct genl_ops vnet_nl_full_ops[] = {
	{
		/* the dump's start parses its filter */
		.cmd = VNET_CMD_PEERING_GET,
		.doit = vnet_nl_peering_get,
		.start = vnet_nl_peering_dump_start,
		.dumpit = vnet_nl_peering_dump,
	},
};

static const struct genl_multicast_group vnet_nl_mcgrps[] = {
	[VNET_NL_GRP_MONITOR] = { .name = VNET_MCGRP_MONITOR },
	[VNET_NL_GRP_CONFIG] = { .name = VNET_MCGRP_CONFIG },
};

struct genl_family vnet_genl_family __ro_after_init = {
	.name = VNET_GENL_NAME,
	.version = VNET_GENL_VERSION,
	.maxattr = VNET_A_MAX,
	.policy = vnet_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = vnet_nl_full_ops,
	.n_ops = ARRAY_SIZE(vnet_nl_full_ops),
	.small_ops = vnet_nl_ops,
	.n_small_ops = ARRAY_SIZE(vnet_nl_ops),
	.resv_start_op = VNET_CMD_NETWORK_NEW,	/* every command is strict */
	.mcgrps = vnet_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vnet_nl_mcgrps),
};

int __init vnet_nl_init(void)
{
	int err;

	err = genl_register_family(&vnet_genl_family);
	if (err)
		return err;
	rtnl_lock();
	WRITE_ONCE(vnet_nl_live, true);
	rtnl_unlock();
	return 0;
}

void vnet_nl_uninit(void)
{
	/* after the events of RTNL's holders in flight */
	rtnl_lock();
	WRITE_ONCE(vnet_nl_live, false);
	rtnl_unlock();
	genl_unregister_family(&vnet_genl_family);
}

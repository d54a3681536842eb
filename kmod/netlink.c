// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: the "vnet" generic netlink family (include/uapi/linux/vnet.h).
 */
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "vnet.h"

static const struct nla_policy vnet_policy[VNET_A_MAX + 1] = {
	[VNET_A_NETWORK] = NLA_POLICY_NESTED(vnet_network_policy),
};

static struct genl_family vnet_genl_family;

/* Events go out only while the family is registered. Under RTNL. */
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
	const struct vnet_prefixes *ps = rcu_dereference_rtnl(vn->prefixes);
	size_t size;

	size = nla_total_size(sizeof(u32)) +			/* ID */
	       nla_total_size(sizeof(u16)) +			/* PORT */
	       nla_total_size(sizeof(struct in_addr)) +		/* LOCAL */
	       nla_total_size(sizeof(struct in6_addr)) +	/* LOCAL6 */
	       nla_total_size(0);				/* PREFIXES */
	if (ps)
		size += ps->n * (nla_total_size(0) +
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
	const struct vnet_prefixes *ps = rtnl_dereference(vn->prefixes);
	const struct vnet_prefix *p;
	struct nlattr *list, *entry;
	unsigned int i;

	if (nla_put_u32(skb, VNET_NETWORK_A_ID, vn->id) ||
	    nla_put_u16(skb, VNET_NETWORK_A_PORT, vn->port))
		return -EMSGSIZE;
	if (vn->local && nla_put_in_addr(skb, VNET_NETWORK_A_LOCAL, vn->local))
		return -EMSGSIZE;
	if (!ipv6_addr_any(&vn->local6) &&
	    nla_put_in6_addr(skb, VNET_NETWORK_A_LOCAL6, &vn->local6))
		return -EMSGSIZE;
	if (!ps || !ps->n)
		return 0;

	list = nla_nest_start(skb, VNET_NETWORK_A_PREFIXES);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < ps->n; i++) {
		p = &ps->p[i];
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

static size_t vnet_nl_msg_size(const struct vnet_network *vn)
{
	return nla_total_size(0) +			/* VNET_A_NETWORK */
	       nla_total_size(sizeof(u32)) +		/* IFINDEX */
	       nla_total_size(IFNAMSIZ) +		/* NAME */
	       vnet_nl_network_size(vn);
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
	    vnet_nl_fill_network(skb, vn)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

/**
 * vnet_nl_notify_network - tell the monitor group of a change
 * @vn: the network
 * @cmd: VNET_CMD_NETWORK_NEW or VNET_CMD_NETWORK_DEL
 *
 * Caller holds RTNL. A failed allocation loses the event; listeners learn
 * of it as a socket overrun.
 */
void vnet_nl_notify_network(const struct vnet_network *vn, u8 cmd)
{
	struct net *net = dev_net(vn->dev);
	struct sk_buff *msg;

	ASSERT_RTNL();
	if (!vnet_nl_live || !genl_has_listeners(&vnet_genl_family, net, 0))
		return;

	msg = genlmsg_new(vnet_nl_msg_size(vn), GFP_KERNEL);
	if (!msg)
		goto err;
	if (vnet_nl_put_network(msg, vn, 0, 0, 0, cmd, NULL)) {
		nlmsg_free(msg);
		goto err;
	}
	genlmsg_multicast_netns(&vnet_genl_family, net, msg, 0, 0, GFP_KERNEL);
	return;

err:
	genl_set_err(&vnet_genl_family, net, 0, 0, -ENOBUFS);
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

static int vnet_nl_network_flush(struct sk_buff *skb, struct genl_info *info)
{
	LIST_HEAD(kill);

	rtnl_lock();
	vnet_netns_flush(genl_info_net(info), &kill);
	unregister_netdevice_many(&kill);
	rtnl_unlock();
	return 0;
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
	if (!msg) {
		err = -ENOMEM;
		goto out_unlock;
	}
	err = vnet_nl_put_network(msg, vn, info->snd_portid, info->snd_seq, 0,
				  VNET_CMD_NETWORK_GET, NULL);
	if (err) {
		nlmsg_free(msg);
		goto out_unlock;
	}
	rtnl_unlock();
	return genlmsg_reply(msg, info);

out_unlock:
	rtnl_unlock();
	return err;
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
};

static const struct genl_multicast_group vnet_nl_mcgrps[] = {
	{ .name = VNET_MCGRP_MONITOR },
};

static struct genl_family vnet_genl_family __ro_after_init = {
	.name = VNET_GENL_NAME,
	.version = VNET_GENL_VERSION,
	.maxattr = VNET_A_MAX,
	.policy = vnet_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
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
	vnet_nl_live = true;
	rtnl_unlock();
	return 0;
}

void vnet_nl_uninit(void)
{
	rtnl_lock();
	vnet_nl_live = false;
	rtnl_unlock();
	genl_unregister_family(&vnet_genl_family);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: the genetlink commands of peering routers and attachments.
 */
#include <linux/rtnetlink.h>

#include "netlink.h"

const struct nla_policy vnet_peering_policy[VNET_PEERING_A_MAX + 1] = {
	[VNET_PEERING_A_NAME] = { .type = NLA_NUL_STRING,
				  .len = VNET_PEERING_NAMSIZ - 1 },
	[VNET_PEERING_A_ATTACHMENTS] = {
		.type = NLA_REJECT,
		.reject_message = "attachments are made by VNET_CMD_ATTACH_NEW",
	},
	[VNET_PEERING_A_ROUTES] = {
		.type = NLA_REJECT,
		.reject_message = "the route count is read, not set",
	},
	[VNET_PEERING_A_STATS] = {
		.type = NLA_REJECT,
		.reject_message = "counters are read, not set",
	},
};

const struct nla_policy vnet_attach_policy[VNET_ATTACH_A_MAX + 1] = {
	[VNET_ATTACH_A_IFINDEX] = {
		.type = NLA_REJECT,
		.reject_message = "VNET_A_NETWORK names the network",
	},
	[VNET_ATTACH_A_IFNAME] = {
		.type = NLA_REJECT,
		.reject_message = "VNET_A_NETWORK names the network",
	},
	[VNET_ATTACH_A_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[VNET_ATTACH_A_ADDR6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[VNET_ATTACH_A_PROPAGATE] = { .type = NLA_FLAG },
	[VNET_ATTACH_A_BGP_PEER] = NLA_POLICY_RANGE(NLA_BINARY,
						    sizeof(struct in_addr),
						    sizeof(struct in6_addr)),
	[VNET_ATTACH_A_BGP_ASN] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTACH_A_BGP_LOCAL_ASN] = NLA_POLICY_MIN(NLA_U32, 1),
};

static size_t vnet_nl_attach_size(void)
{
	return nla_total_size(0) +				/* nest */
	       4 * nla_total_size(sizeof(u32)) +		/* IFINDEX, ADDR, ASNs */
	       nla_total_size(IFNAMSIZ) +
	       2 * nla_total_size(sizeof(struct in6_addr)) +	/* ADDR6, PEER */
	       nla_total_size(0);				/* PROPAGATE */
}

static int vnet_nl_fill_attach(struct sk_buff *skb, int type,
			       const struct vnet_attach *att)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    nla_put_u32(skb, VNET_ATTACH_A_IFINDEX, att->vn->dev->ifindex) ||
	    nla_put_string(skb, VNET_ATTACH_A_IFNAME, att->vn->dev->name) ||
	    (att->host4 &&
	     nla_put_in_addr(skb, VNET_ATTACH_A_ADDR, att->host4->addr.v4)) ||
	    (att->host6 &&
	     nla_put_in6_addr(skb, VNET_ATTACH_A_ADDR6, &att->host6->addr.v6)) ||
	    (att->propagate && nla_put_flag(skb, VNET_ATTACH_A_PROPAGATE)))
		goto err;
	if (att->bgp_peer.family &&
	    (vnet_nl_put_addr(skb, VNET_ATTACH_A_BGP_PEER, &att->bgp_peer) ||
	     nla_put_u32(skb, VNET_ATTACH_A_BGP_ASN, att->bgp_asn) ||
	     nla_put_u32(skb, VNET_ATTACH_A_BGP_LOCAL_ASN, att->bgp_local_asn)))
		goto err;
	nla_nest_end(skb, nest);
	return 0;
err:
	if (nest)
		nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* The largest peering router message outside dumps: in a 32 KiB skb. */
#define VNET_NL_PEERING_MSG_MAX	(SKB_WITH_OVERHEAD(32768) - NLMSG_HDRLEN - \
				 GENL_HDRLEN)

static size_t vnet_nl_peering_size(unsigned int n_attachments)
{
	return nla_total_size(0) +				/* VNET_A_PEERING */
	       nla_total_size(VNET_PEERING_NAMSIZ) +
	       nla_total_size(sizeof(u32)) +			/* ROUTES */
	       vnet_nl_stats_size() +
	       nla_total_size(0) +				/* ATTACHMENTS */
	       n_attachments * vnet_nl_attach_size();
}

/* VNET_A_PEERING with the name only: a peering router in other messages. */
int vnet_nl_put_peering_ref(struct sk_buff *skb, const struct vnet_peering *pr)
{
	struct nlattr *nest = nla_nest_start(skb, VNET_A_PEERING);

	if (!nest || nla_put_string(skb, VNET_PEERING_A_NAME, pr->name))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * A peering router message: its name, routes and counters, and its
 * attachments from index *@from on (all if @from is NULL, none if @atts is
 * false). A dump part too small for all of them ends the message early:
 * Return: 0, 1 if @from was set to the first attachment left out (a
 * continuation message carries the name and those), or -EMSGSIZE if not
 * even one attachment fit.
 */
static int vnet_nl_put_peering(struct sk_buff *skb,
			       const struct vnet_peering *pr, u32 portid,
			       u32 seq, int flags, u8 cmd,
			       struct netlink_callback *cb, bool atts,
			       unsigned int *from)
{
	unsigned int i = 0, first = from ? *from : 0;
	const struct vnet_attach *att;
	struct nlattr *nest, *sub;
	void *hdr;

	/* attachments are numbered by attribute type */
	BUILD_BUG_ON(VNET_MAX_ATTACHMENTS >= NLA_F_NET_BYTEORDER);

	hdr = genlmsg_put(skb, portid, seq, &vnet_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	nest = nla_nest_start(skb, VNET_A_PEERING);
	if (!nest || nla_put_string(skb, VNET_PEERING_A_NAME, pr->name))
		goto err;
	if (!first) {
		if (nla_put_u32(skb, VNET_PEERING_A_ROUTES, pr->table.n))
			goto err;
		sub = nla_nest_start(skb, VNET_PEERING_A_STATS);
		if (!sub || vnet_nl_put_tstats(skb, pr->tstats) ||
		    vnet_nl_put_drops(skb, pr->drops))
			goto err;
		nla_nest_end(skb, sub);
	}
	if (!atts)
		goto out;
	sub = nla_nest_start(skb, VNET_PEERING_A_ATTACHMENTS);
	if (!sub)
		goto err;
	list_for_each_entry(att, &pr->attachments, p_list) {
		if (i++ < first)
			continue;
		if (vnet_nl_fill_attach(skb, i, att)) {
			/* the rest in the next part, if this one says
			 * anything
			 */
			if (!from || i - 1 == first)
				goto err;
			*from = i - 1;
			nla_nest_end(skb, sub);
			nla_nest_end(skb, nest);
			genlmsg_end(skb, hdr);
			return 1;
		}
	}
	nla_nest_end(skb, sub);
out:
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
err:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/**
 * vnet_nl_notify_peering - tell the monitor group of a peering router
 * @net: its namespace
 * @pr: the peering router
 * @cmd: VNET_CMD_PEERING_NEW or VNET_CMD_PEERING_DEL
 *
 * Caller holds vnet_pernet.lock.
 */
void vnet_nl_notify_peering(struct net *net, const struct vnet_peering *pr,
			    u8 cmd)
{
	struct sk_buff *msg;

	/* its attachments have their own events */
	msg = vnet_nl_event_alloc(net, vnet_nl_peering_size(0));
	if (msg)
		vnet_nl_event_send(net, msg, vnet_nl_put_peering(msg, pr, 0, 0, 0,
								 cmd, NULL, false,
								 NULL));
}

/**
 * vnet_nl_notify_attach - tell the monitor group of an attachment
 * @att: the attachment
 * @cmd: VNET_CMD_ATTACH_NEW or VNET_CMD_ATTACH_DEL
 *
 * Caller holds vnet_pernet.lock.
 */
void vnet_nl_notify_attach(const struct vnet_attach *att, u8 cmd)
{
	struct net *net = dev_net(att->vn->dev);
	struct sk_buff *msg;
	int err = -EMSGSIZE;
	void *hdr;

	msg = vnet_nl_event_alloc(net, nla_total_size(VNET_PEERING_NAMSIZ) +
				  nla_total_size(0) + vnet_nl_ref_size() +
				  vnet_nl_attach_size());
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &vnet_genl_family, 0, cmd);
	if (hdr && !vnet_nl_put_peering_ref(msg, att->pr) &&
	    !vnet_nl_put_ref(msg, att->vn) &&
	    !vnet_nl_fill_attach(msg, VNET_A_ATTACH, att)) {
		genlmsg_end(msg, hdr);
		err = 0;
	}
	vnet_nl_event_send(net, msg, err);
}

/* The name of the peering router a request names, in @name. */
static int vnet_nl_peering_name(struct genl_info *info, char *name)
{
	struct nlattr *tb[VNET_PEERING_A_MAX + 1];
	int err;

	err = vnet_nl_parse(info, VNET_A_PEERING, vnet_peering_policy,
			    VNET_PEERING_A_MAX, tb);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VNET_A_PEERING], tb,
			      VNET_PEERING_A_NAME))
		return -EINVAL;
	nla_strscpy(name, tb[VNET_PEERING_A_NAME], VNET_PEERING_NAMSIZ);
	return 0;
}

/* The peering router named @name, under vnet_pernet.lock. */
static struct vnet_peering *vnet_nl_peering_find(struct genl_info *info,
						 struct vnet_pernet *pn,
						 const char *name)
{
	struct vnet_peering *pr = vnet_peering_find(pn, name);

	if (!pr)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VNET_A_PEERING],
				    "no such peering router");
	return pr;
}

int vnet_nl_peering_new(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_pernet *pn = vnet_pernet(genl_info_net(info));
	char name[VNET_PEERING_NAMSIZ];
	int err;

	err = vnet_nl_peering_name(info, name);
	if (err)
		return err;
	mutex_lock(&pn->lock);
	err = vnet_peering_add(genl_info_net(info), name, info->extack);
	mutex_unlock(&pn->lock);
	return err;
}

int vnet_nl_peering_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_pernet *pn = vnet_pernet(genl_info_net(info));
	char name[VNET_PEERING_NAMSIZ];
	struct vnet_peering *pr;
	int err;

	err = vnet_nl_peering_name(info, name);
	if (err)
		return err;
	/* its attachments' addresses are in the networks' node tables; its
	 * routes are not RTNL's
	 */
	rtnl_lock();
	mutex_lock(&pn->lock);
	pr = vnet_nl_peering_find(info, pn, name);
	if (pr) {
		vnet_nl_notify_peering(genl_info_net(info), pr,
				       VNET_CMD_PEERING_DEL);
		vnet_peering_hosts_del(pr);
	}
	rtnl_unlock();
	if (pr)
		vnet_peering_unlink(pr, genl_info_net(info));
	mutex_unlock(&pn->lock);
	if (!pr)
		return -ENOENT;
	synchronize_rcu();
	vnet_peering_free(pr);
	return 0;
}

int vnet_nl_peering_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_pernet *pn = vnet_pernet(genl_info_net(info));
	char name[VNET_PEERING_NAMSIZ];
	struct vnet_peering *pr;
	struct sk_buff *msg;
	int err;

	err = vnet_nl_peering_name(info, name);
	if (err)
		return err;
	mutex_lock(&pn->lock);
	pr = vnet_nl_peering_find(info, pn, name);
	if (!pr) {
		mutex_unlock(&pn->lock);
		return -ENOENT;
	}
	if (vnet_nl_peering_size(pr->n_attachments) > VNET_NL_PEERING_MSG_MAX) {
		mutex_unlock(&pn->lock);
		NL_SET_ERR_MSG(info->extack,
			       "too many attachments for one message: dump the peering router");
		return -EMSGSIZE;
	}
	msg = genlmsg_new(vnet_nl_peering_size(pr->n_attachments), GFP_KERNEL);
	err = !msg ? -ENOMEM :
	      vnet_nl_put_peering(msg, pr, info->snd_portid, info->snd_seq, 0,
				  VNET_CMD_PEERING_GET, NULL, true, NULL);
	mutex_unlock(&pn->lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * Where a peering router dump is: the last peering router sent, and the
 * first of its attachments not sent yet (0: all were); the one peering
 * router asked for, if any.
 */
struct vnet_peering_dump {
	char last[VNET_PEERING_NAMSIZ];
	char only[VNET_PEERING_NAMSIZ];
	u32 next;
	bool started;
};

int vnet_nl_peering_dump_start(struct netlink_callback *cb)
{
	struct nlattr **attrs = genl_dumpit_info(cb)->attrs;
	struct vnet_peering_dump *d = (void *)cb->ctx;
	struct nlattr *tb[VNET_PEERING_A_MAX + 1];
	int err;

	BUILD_BUG_ON(sizeof(*d) > sizeof(cb->ctx));
	if (!attrs[VNET_A_PEERING])
		return 0;
	err = nla_parse_nested(tb, VNET_PEERING_A_MAX, attrs[VNET_A_PEERING],
			       vnet_peering_policy, cb->extack);
	if (err)
		return err;
	if (tb[VNET_PEERING_A_NAME])
		nla_strscpy(d->only, tb[VNET_PEERING_A_NAME], sizeof(d->only));
	return 0;
}

/*
 * A peering router takes as many messages as its attachments need; those
 * of one peering router follow each other, the first with its name,
 * routes, counters and first attachments, the others with its name and
 * more attachments.
 */
int vnet_nl_peering_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_pernet *pn = vnet_pernet(sock_net(skb->sk));
	struct vnet_peering_dump *d = (void *)cb->ctx;
	struct vnet_peering *pr;
	unsigned int from;
	int cmp, err = 0;

	mutex_lock(&pn->lock);
	cb->seq = pn->peering_gen;
	list_for_each_entry(pr, &pn->peerings, list) {
		cmp = d->started ? strcmp(pr->name, d->last) : 1;
		if (cmp < 0 || (!cmp && !d->next))
			continue;
		if (d->only[0] && strcmp(pr->name, d->only))
			continue;
		from = cmp ? 0 : d->next;
		/* the one it was in the middle of changed under the dump */
		if (from && from >= pr->n_attachments) {
			d->next = 0;
			continue;
		}
		err = vnet_nl_put_peering(skb, pr, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, NLM_F_MULTI,
					  VNET_CMD_PEERING_GET, cb, true, &from);
		if (err < 0)
			break;
		strscpy(d->last, pr->name, sizeof(d->last));
		d->started = true;
		d->next = err ? from : 0;
		if (err) {
			err = 0;
			break;
		}
	}
	mutex_unlock(&pn->lock);
	if (err && !skb->len)
		return err;
	return skb->len;
}

static int vnet_nl_attach_cfg(struct genl_info *info,
			      struct vnet_attach_cfg *cfg)
{
	struct nlattr *tb[VNET_ATTACH_A_MAX + 1];
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *nla;
	int err;

	memset(cfg, 0, sizeof(*cfg));
	err = vnet_nl_parse(info, VNET_A_ATTACH, vnet_attach_policy,
			    VNET_ATTACH_A_MAX, tb);
	if (err)
		return err;
	nla = tb[VNET_ATTACH_A_ADDR];
	if (nla) {
		err = vnet_nl_addr(nla, &cfg->addr4, extack);
		if (err)
			return err;
		cfg->addr4_nla = nla;
	}
	nla = tb[VNET_ATTACH_A_ADDR6];
	if (nla) {
		err = vnet_nl_addr(nla, &cfg->addr6, extack);
		if (err)
			return err;
		cfg->addr6_nla = nla;
	}
	cfg->propagate = nla_get_flag(tb[VNET_ATTACH_A_PROPAGATE]);

	nla = tb[VNET_ATTACH_A_BGP_PEER];
	if (!nla && !tb[VNET_ATTACH_A_BGP_ASN] && !tb[VNET_ATTACH_A_BGP_LOCAL_ASN])
		return 0;
	if (!nla || !tb[VNET_ATTACH_A_BGP_ASN] || !tb[VNET_ATTACH_A_BGP_LOCAL_ASN]) {
		NL_SET_ERR_MSG_ATTR(extack, info->attrs[VNET_A_ATTACH],
				    "BGP needs the peer's address, its AS number and the local AS number");
		return -EINVAL;
	}
	err = vnet_nl_addr(nla, &cfg->bgp_peer, extack);
	if (err)
		return err;
	cfg->bgp_nla = nla;
	cfg->bgp_asn = nla_get_u32(tb[VNET_ATTACH_A_BGP_ASN]);
	cfg->bgp_local_asn = nla_get_u32(tb[VNET_ATTACH_A_BGP_LOCAL_ASN]);
	return 0;
}

/*
 * The network and the peering router of an attachment request, with RTNL
 * and vnet_pernet.lock held on success.
 */
static int vnet_nl_attach_lock(struct genl_info *info, struct vnet_pernet *pn,
			       struct vnet_network **vn,
			       struct vnet_peering **pr)
{
	struct nlattr *tb[VNET_NETWORK_A_MAX + 1];
	char name[VNET_PEERING_NAMSIZ];
	int err;

	err = vnet_nl_peering_name(info, name);
	if (err)
		return err;
	err = vnet_nl_parse(info, VNET_A_NETWORK, vnet_network_policy,
			    VNET_NETWORK_A_MAX, tb);
	if (err)
		return err;
	rtnl_lock();
	*vn = vnet_network_get(genl_info_net(info), tb, info->extack);
	if (IS_ERR(*vn)) {
		rtnl_unlock();
		return PTR_ERR(*vn);
	}
	mutex_lock(&pn->lock);
	*pr = vnet_nl_peering_find(info, pn, name);
	if (!*pr) {
		mutex_unlock(&pn->lock);
		rtnl_unlock();
		return -ENOENT;
	}
	return 0;
}

int vnet_nl_attach_new(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_pernet *pn = vnet_pernet(genl_info_net(info));
	struct vnet_attach_cfg cfg;
	struct vnet_peering *pr;
	struct vnet_network *vn;
	int err;

	err = vnet_nl_attach_cfg(info, &cfg);
	if (err)
		return err;
	err = vnet_nl_attach_lock(info, pn, &vn, &pr);
	if (err)
		return err;
	err = vnet_attach_add(pr, vn, &cfg, info->extack);
	mutex_unlock(&pn->lock);
	rtnl_unlock();
	return err;
}

int vnet_nl_attach_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_pernet *pn = vnet_pernet(genl_info_net(info));
	struct vnet_peering *pr;
	struct vnet_network *vn;
	struct vnet_attach *att;
	int err;

	err = vnet_nl_attach_lock(info, pn, &vn, &pr);
	if (err)
		return err;
	att = vnet_attach_find(pr, vn);
	if (!att) {
		mutex_unlock(&pn->lock);
		rtnl_unlock();
		NL_SET_ERR_MSG(info->extack,
			       "the network is not attached to this peering router");
		return -ENOENT;
	}
	/* the event first, with the addresses; the routes without RTNL */
	vnet_nl_notify_attach(att, VNET_CMD_ATTACH_DEL);
	vnet_attach_hosts_del(att);
	rtnl_unlock();
	vnet_attach_del(att, false);
	mutex_unlock(&pn->lock);
	return 0;
}

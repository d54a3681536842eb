// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: the genetlink commands of peering routers and attachments.
 */
#include <linux/rtnetlink.h>

#include "netlink.h"

static const struct nla_policy vnet_host_policy[VNET_HOST_A_MAX + 1] = {
	[VNET_HOST_A_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[VNET_HOST_A_ADDR6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
};

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
	[VNET_PEERING_A_HOSTS] = NLA_POLICY_NESTED_ARRAY(vnet_host_policy),
};

static const struct nla_policy vnet_filter_policy[VNET_FILTER_A_MAX + 1] = {
	[VNET_FILTER_A_ADDR] = NLA_POLICY_RANGE(NLA_BINARY,
						sizeof(struct in_addr),
						sizeof(struct in6_addr)),
	[VNET_FILTER_A_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[VNET_FILTER_A_MAX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy vnet_bgp_policy[VNET_BGP_A_MAX + 1] = {
	[VNET_BGP_A_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, sizeof(struct in_addr),
					     sizeof(struct in6_addr)),
	[VNET_BGP_A_ASN] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_BGP_A_LOCAL_ASN] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_BGP_A_HOLD_TIME] = { .type = NLA_U16 },
	[VNET_BGP_A_MAX_PREFIX] = { .type = NLA_U32 },
	[VNET_BGP_A_MD5_KEY] = NLA_POLICY_RANGE(NLA_BINARY, 1,
						VNET_BGP_MD5_MAXLEN),
	[VNET_BGP_A_TTL_SECURITY] = { .type = NLA_FLAG },
	[VNET_BGP_A_IMPORT] = NLA_POLICY_NESTED_ARRAY(vnet_filter_policy),
	[VNET_BGP_A_EXPORT] = NLA_POLICY_NESTED_ARRAY(vnet_filter_policy),
	[VNET_BGP_A_MD5_SET] = {
		.type = NLA_REJECT,
		.reject_message = "give the key in VNET_BGP_A_MD5_KEY",
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
	[VNET_ATTACH_A_BGP] = NLA_POLICY_NESTED_ARRAY(vnet_bgp_policy),
	[VNET_ATTACH_A_ID] = {
		.type = NLA_REJECT,
		.reject_message = "VNET_A_NETWORK names the network",
	},
};

static size_t vnet_nl_filter_size(unsigned int n)
{
	return nla_total_size(0) +				/* list */
	       n * (nla_total_size(0) +				/* entry */
		    nla_total_size(sizeof(struct in6_addr)) +
		    2 * nla_total_size(sizeof(u8)));		/* LEN, MAX_LEN */
}

static size_t vnet_nl_bgp_size(const struct vnet_bgp *bgp)
{
	return nla_total_size(0) +				/* entry */
	       nla_total_size(sizeof(struct in6_addr)) +	/* ADDR */
	       3 * nla_total_size(sizeof(u32)) +		/* ASNs, MAX_PREFIX */
	       nla_total_size(sizeof(u16)) +			/* HOLD_TIME */
	       nla_total_size(bgp->md5_len) +
	       2 * nla_total_size(0) +				/* flags */
	       vnet_nl_filter_size(bgp->n_import) +
	       vnet_nl_filter_size(bgp->n_export);
}

static size_t vnet_nl_attach_size(const struct vnet_attach *att)
{
	size_t size = nla_total_size(0) +			/* nest */
		      3 * nla_total_size(sizeof(u32)) +		/* IFINDEX, ADDR, ID */
		      nla_total_size(IFNAMSIZ) +
		      nla_total_size(sizeof(struct in6_addr)) +	/* ADDR6 */
		      nla_total_size(0) +			/* PROPAGATE */
		      nla_total_size(0);			/* BGP */
	unsigned int i;

	for (i = 0; i < att->n_bgp; i++)
		size += vnet_nl_bgp_size(&att->bgp[i]);
	return size;
}

static int vnet_nl_fill_filter(struct sk_buff *skb, int type,
			       const struct vnet_bgp_filter *f, unsigned int n)
{
	struct nlattr *list, *entry;
	unsigned int i;

	list = nla_nest_start(skb, type);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		entry = nla_nest_start(skb, i + 1);
		if (!entry ||
		    nla_put(skb, VNET_FILTER_A_ADDR, f[i].p.family == AF_INET ?
			    sizeof(struct in_addr) : sizeof(struct in6_addr),
			    &f[i].p.addr) ||
		    nla_put_u8(skb, VNET_FILTER_A_LEN, f[i].p.len) ||
		    nla_put_u8(skb, VNET_FILTER_A_MAX_LEN, f[i].max_len))
			return -EMSGSIZE;
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, list);
	return 0;
}

/* A BGP peer; its key only if @secrets (the requester may see it). */
static int vnet_nl_fill_bgp(struct sk_buff *skb, int type,
			    const struct vnet_bgp *bgp, bool secrets)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    vnet_nl_put_addr(skb, VNET_BGP_A_ADDR, &bgp->addr) ||
	    nla_put_u32(skb, VNET_BGP_A_ASN, bgp->asn) ||
	    nla_put_u32(skb, VNET_BGP_A_LOCAL_ASN, bgp->local_asn) ||
	    nla_put_u16(skb, VNET_BGP_A_HOLD_TIME, bgp->hold_time) ||
	    (bgp->max_prefix &&
	     nla_put_u32(skb, VNET_BGP_A_MAX_PREFIX, bgp->max_prefix)) ||
	    (bgp->ttl_security &&
	     nla_put_flag(skb, VNET_BGP_A_TTL_SECURITY)) ||
	    (bgp->md5_len && nla_put_flag(skb, VNET_BGP_A_MD5_SET)) ||
	    (bgp->md5_len && secrets &&
	     nla_put(skb, VNET_BGP_A_MD5_KEY, bgp->md5_len, bgp->md5)) ||
	    (bgp->n_import &&
	     vnet_nl_fill_filter(skb, VNET_BGP_A_IMPORT, bgp->filter,
				 bgp->n_import)) ||
	    (bgp->n_export &&
	     vnet_nl_fill_filter(skb, VNET_BGP_A_EXPORT,
				 bgp->filter + bgp->n_import, bgp->n_export)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int vnet_nl_fill_attach(struct sk_buff *skb, int type,
			       const struct vnet_attach *att, bool secrets)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	struct nlattr *list;
	unsigned int i;

	if (!nest ||
	    nla_put_u32(skb, VNET_ATTACH_A_IFINDEX, att->vn->dev->ifindex) ||
	    nla_put_u32(skb, VNET_ATTACH_A_ID, att->vn->id) ||
	    nla_put_string(skb, VNET_ATTACH_A_IFNAME, att->vn->dev->name) ||
	    (att->host4 &&
	     nla_put_in_addr(skb, VNET_ATTACH_A_ADDR, att->host4->addr.v4)) ||
	    (att->host6 &&
	     nla_put_in6_addr(skb, VNET_ATTACH_A_ADDR6, &att->host6->addr.v6)) ||
	    (att->propagate && nla_put_flag(skb, VNET_ATTACH_A_PROPAGATE)))
		goto err;
	if (att->n_bgp) {
		list = nla_nest_start(skb, VNET_ATTACH_A_BGP);
		if (!list)
			goto err;
		for (i = 0; i < att->n_bgp; i++)
			if (vnet_nl_fill_bgp(skb, i + 1, &att->bgp[i], secrets))
				goto err;
		nla_nest_end(skb, list);
	}
	nla_nest_end(skb, nest);
	return 0;
err:
	if (nest)
		nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/*
 * May the sender of @skb see TCP-MD5 keys? The GETs are anyone's; the keys
 * are for those who could set them (CAP_NET_ADMIN in the namespace).
 */
static bool vnet_nl_secrets(const struct sk_buff *skb, const struct net *net)
{
	return netlink_ns_capable(skb, net->user_ns, CAP_NET_ADMIN);
}

/* The largest peering router message outside dumps: in a 32 KiB skb. */
#define VNET_NL_PEERING_MSG_MAX	(SKB_WITH_OVERHEAD(32768) - NLMSG_HDRLEN - \
				 GENL_HDRLEN)

/* A peering router message's size: with its attachments if @atts. */
static size_t vnet_nl_peering_size(const struct vnet_peering *pr, bool atts)
{
	size_t size = nla_total_size(0) +			/* VNET_A_PEERING */
		      nla_total_size(VNET_PEERING_NAMSIZ) +
		      nla_total_size(sizeof(u32)) +		/* ROUTES */
		      vnet_nl_stats_size() +
		      nla_total_size(0) +			/* HOSTS */
		      pr->n_mesh * (nla_total_size(0) +
				    nla_total_size(sizeof(struct in6_addr))) +
		      nla_total_size(0);			/* ATTACHMENTS */
	const struct vnet_attach *att;

	if (atts)
		list_for_each_entry(att, &pr->attachments, p_list)
			size += vnet_nl_attach_size(att);
	return size;
}

/* VNET_PEERING_A_HOSTS, if the peering router has any */
static int vnet_nl_put_mesh(struct sk_buff *skb, const struct vnet_peering *pr)
{
	struct nlattr *list, *entry;
	unsigned int i;

	if (!pr->n_mesh)
		return 0;
	list = nla_nest_start(skb, VNET_PEERING_A_HOSTS);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < pr->n_mesh; i++) {
		entry = nla_nest_start(skb, i + 1);
		if (!entry ||
		    (vnet_addr_is_v4(&pr->mesh[i]) ?
		     nla_put_in_addr(skb, VNET_HOST_A_ADDR, pr->mesh[i].v4) :
		     nla_put_in6_addr(skb, VNET_HOST_A_ADDR6, &pr->mesh[i].v6)))
			return -EMSGSIZE;
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, list);
	return 0;
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
 * false), with their TCP-MD5 keys if @secrets. A dump part too small for
 * all of them ends the message early:
 * Return: 0, 1 if @from was set to the first attachment left out (a
 * continuation message carries the name and those), or -EMSGSIZE if not
 * even one attachment fit.
 */
static int vnet_nl_put_peering(struct sk_buff *skb,
			       const struct vnet_peering *pr, u32 portid,
			       u32 seq, int flags, u8 cmd,
			       struct netlink_callback *cb, bool atts,
			       bool secrets, unsigned int *from)
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
		if (vnet_nl_put_mesh(skb, pr))
			goto err;
	}
	if (!atts)
		goto out;
	sub = nla_nest_start(skb, VNET_PEERING_A_ATTACHMENTS);
	if (!sub)
		goto err;
	list_for_each_entry(att, &pr->attachments, p_list) {
		if (i++ < first)
			continue;
		if (vnet_nl_fill_attach(skb, i, att, secrets)) {
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
	int err;

	/* its attachments have their own events */
	msg = vnet_nl_config_alloc(net, vnet_nl_peering_size(pr, false));
	if (!msg)
		return;
	err = vnet_nl_put_peering(msg, pr, 0, 0, 0, cmd, NULL, false, false,
				  NULL);
	vnet_nl_config_send(net, msg, err);
}

/**
 * vnet_nl_notify_attach - tell the monitor group of an attachment
 * @att: the attachment
 * @cmd: VNET_CMD_ATTACH_NEW or VNET_CMD_ATTACH_DEL
 *
 * Anyone may listen: the event has no TCP-MD5 key (a GET gives it).
 * Caller holds vnet_pernet.lock.
 */
void vnet_nl_notify_attach(const struct vnet_attach *att, u8 cmd)
{
	struct net *net = dev_net(att->vn->dev);
	struct sk_buff *msg;
	int err = -EMSGSIZE;
	void *hdr;

	msg = vnet_nl_config_alloc(net, nla_total_size(VNET_PEERING_NAMSIZ) +
				  nla_total_size(0) + vnet_nl_ref_size() +
				  vnet_nl_attach_size(att));
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &vnet_genl_family, 0, cmd);
	if (hdr && !vnet_nl_put_peering_ref(msg, att->pr) &&
	    !vnet_nl_put_ref(msg, att->vn) &&
	    !vnet_nl_fill_attach(msg, VNET_A_ATTACH, att, false)) {
		genlmsg_end(msg, hdr);
		err = 0;
	}
	vnet_nl_config_send(net, msg, err);
}

/* The peering router attributes of a request, which names one, in @tb */
static int vnet_nl_peering_attrs(struct genl_info *info, struct nlattr **tb)
{
	int err;

	err = vnet_nl_parse(info, VNET_A_PEERING, vnet_peering_policy,
			    VNET_PEERING_A_MAX, tb);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VNET_A_PEERING], tb,
			      VNET_PEERING_A_NAME))
		return -EINVAL;
	return 0;
}

/* The name of the peering router a request names, in @name. */
static int vnet_nl_peering_name(struct genl_info *info, char *name)
{
	struct nlattr *tb[VNET_PEERING_A_MAX + 1];
	int err;

	err = vnet_nl_peering_attrs(info, tb);
	if (err)
		return err;
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

/*
 * The hosts of VNET_PEERING_A_HOSTS, into a new array in *@mesh (NULL if
 * none): unicast addresses, each once.
 */
static int vnet_nl_parse_mesh(const struct nlattr *list,
			      struct vnet_addr **mesh, unsigned int *n,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_HOST_A_MAX + 1];
	const struct nlattr *entry;
	unsigned int i, k = 0;
	struct vnet_addr *m;
	int rem, err;

	*mesh = NULL;
	*n = 0;
	if (!list)
		return 0;
	nla_for_each_nested(entry, list, rem)
		k++;
	if (k > VNET_MAX_PEERING_HOSTS) {
		NL_SET_ERR_MSG_ATTR(extack, list,
				    "a peering router has at most VNET_MAX_PEERING_HOSTS hosts");
		return -E2BIG;
	}
	if (!k)
		return 0;
	m = kcalloc(k, sizeof(*m), GFP_KERNEL_ACCOUNT);
	if (!m)
		return -ENOMEM;
	k = 0;
	nla_for_each_nested(entry, list, rem) {
		err = nla_parse_nested(tb, VNET_HOST_A_MAX, entry,
				       vnet_host_policy, extack);
		if (err)
			goto err;
		if (!tb[VNET_HOST_A_ADDR] == !tb[VNET_HOST_A_ADDR6]) {
			NL_SET_ERR_MSG_ATTR(extack, entry,
					    "a host is one address: VNET_HOST_A_ADDR or VNET_HOST_A_ADDR6");
			err = -EINVAL;
			goto err;
		}
		err = vnet_nl_addr(tb[VNET_HOST_A_ADDR] ?: tb[VNET_HOST_A_ADDR6],
				   &m[k], extack);
		if (err)
			goto err;
		if (vnet_addr_local_only(&m[k])) {
			NL_SET_ERR_MSG_ATTR(extack, entry,
					    "a host's address is not loopback or link-local");
			err = -EINVAL;
			goto err;
		}
		for (i = 0; i < k; i++) {
			if (vnet_addr_equal(&m[i], &m[k])) {
				NL_SET_ERR_MSG_ATTR(extack, entry,
						    "a host is listed twice");
				err = -EINVAL;
				goto err;
			}
		}
		k++;
	}
	*mesh = m;
	*n = k;
	return 0;
err:
	kfree(m);
	return err;
}

/*
 * A new peering router; or, with NLM_F_REPLACE, an existing one's hosts
 * replaced by those given (none given: none left).
 */
int vnet_nl_peering_new(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_pernet *pn = vnet_pernet(genl_info_net(info));
	struct nlattr *tb[VNET_PEERING_A_MAX + 1];
	u32 flags = vnet_nl_flags(info);
	struct vnet_peering *pr;
	struct vnet_addr *mesh;
	unsigned int n_mesh;
	int err;

	err = vnet_nl_peering_attrs(info, tb);
	if (err)
		return err;
	err = vnet_nl_parse_mesh(tb[VNET_PEERING_A_HOSTS], &mesh, &n_mesh,
				 info->extack);
	if (err)
		return err;
	mutex_lock(&pn->lock);
	pr = vnet_peering_find(pn, nla_data(tb[VNET_PEERING_A_NAME]));
	if (pr && (flags & NLM_F_REPLACE) && !(flags & NLM_F_EXCL)) {
		vnet_peering_set_mesh(genl_info_net(info), pr, mesh, n_mesh);
		mesh = NULL;
	} else if (!pr && (flags & NLM_F_REPLACE) && !(flags & NLM_F_CREATE)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VNET_A_PEERING],
				    "no such peering router");
		err = -ENOENT;
	} else {
		err = vnet_peering_add(genl_info_net(info),
				       nla_data(tb[VNET_PEERING_A_NAME]), mesh,
				       n_mesh, info->extack);
		if (!err)
			mesh = NULL;
	}
	mutex_unlock(&pn->lock);
	kfree(mesh);
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
	size_t size;
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
	size = vnet_nl_peering_size(pr, true);
	if (size > VNET_NL_PEERING_MSG_MAX) {
		mutex_unlock(&pn->lock);
		NL_SET_ERR_MSG(info->extack,
			       "too many attachments for one message: dump the peering router");
		return -EMSGSIZE;
	}
	msg = genlmsg_new(size, GFP_KERNEL);
	err = !msg ? -ENOMEM :
	      vnet_nl_put_peering(msg, pr, info->snd_portid, info->snd_seq, 0,
				  VNET_CMD_PEERING_GET, NULL, true,
				  vnet_nl_secrets(skb, genl_info_net(info)), NULL);
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
	struct vnet_peering_dump *d = (void *)cb->ctx;
	struct nlattr **attrs = vnet_dump_attrs(cb);
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
					  VNET_CMD_PEERING_GET, cb, true,
					  vnet_nl_secrets(cb->skb, sock_net(skb->sk)), &from);
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

/* The entries of a prefix filter, at most VNET_MAX_BGP_FILTER. */
static int vnet_nl_filter_count(const struct nlattr *list,
				struct netlink_ext_ack *extack)
{
	const struct nlattr *entry;
	int rem, n = 0;

	if (!list)
		return 0;
	nla_for_each_nested(entry, list, rem) {
		if (++n > VNET_MAX_BGP_FILTER) {
			NL_SET_ERR_MSG_ATTR(extack, entry,
					    "a filter has at most VNET_MAX_BGP_FILTER entries");
			return -E2BIG;
		}
	}
	return n;
}

/* A prefix filter's entries, into @f, counted by vnet_nl_filter_count(). */
static int vnet_nl_filter_parse(const struct nlattr *list,
				struct vnet_bgp_filter *f,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_FILTER_A_MAX + 1];
	const struct nlattr *entry;
	unsigned int max;
	int rem, err;

	if (!list)
		return 0;
	nla_for_each_nested(entry, list, rem) {
		err = nla_parse_nested(tb, VNET_FILTER_A_MAX, entry,
				       vnet_filter_policy, extack);
		if (err)
			return err;
		if (NL_REQ_ATTR_CHECK(extack, entry, tb, VNET_FILTER_A_ADDR) ||
		    NL_REQ_ATTR_CHECK(extack, entry, tb, VNET_FILTER_A_LEN))
			return -EINVAL;
		err = vnet_prefix_get(&f->p, tb[VNET_FILTER_A_ADDR],
				      tb[VNET_FILTER_A_LEN], extack);
		if (err)
			return err;
		max = f->p.family == AF_INET ? 32 : 128;
		f->max_len = max;
		if (tb[VNET_FILTER_A_MAX_LEN])
			f->max_len = nla_get_u8(tb[VNET_FILTER_A_MAX_LEN]);
		if (f->max_len < f->p.len || f->max_len > max) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_FILTER_A_MAX_LEN],
					    "the longest length matched is from the prefix's length to the family's");
			return -EINVAL;
		}
		f++;
	}
	return 0;
}

/*
 * One BGP peer of an attachment, from an entry of VNET_ATTACH_A_BGP; its
 * filter, if any, is the caller's to free.
 */
static int vnet_nl_bgp_peer(const struct nlattr *entry, struct vnet_bgp *bgp,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_BGP_A_MAX + 1];
	struct nlattr *nla;
	int err, n;

	err = nla_parse_nested(tb, VNET_BGP_A_MAX, entry, vnet_bgp_policy,
			       extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, entry, tb, VNET_BGP_A_ADDR) ||
	    NL_REQ_ATTR_CHECK(extack, entry, tb, VNET_BGP_A_ASN) ||
	    NL_REQ_ATTR_CHECK(extack, entry, tb, VNET_BGP_A_LOCAL_ASN))
		return -EINVAL;
	err = vnet_nl_addr(tb[VNET_BGP_A_ADDR], &bgp->addr, extack);
	if (err)
		return err;
	bgp->asn = nla_get_u32(tb[VNET_BGP_A_ASN]);
	bgp->local_asn = nla_get_u32(tb[VNET_BGP_A_LOCAL_ASN]);
	/* a network's router is another AS: eBGP, as a transit gateway's */
	if (bgp->asn == bgp->local_asn) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_BGP_A_ASN],
				    "the peer's AS number must differ from the local one (eBGP)");
		return -EINVAL;
	}
	bgp->hold_time = VNET_BGP_HOLD_TIME;
	nla = tb[VNET_BGP_A_HOLD_TIME];
	if (nla) {
		bgp->hold_time = nla_get_u16(nla);
		/* RFC 4271 4.2 */
		if (bgp->hold_time == 1 || bgp->hold_time == 2) {
			NL_SET_ERR_MSG_ATTR(extack, nla,
					    "a hold time is 0 or at least 3 seconds");
			return -EINVAL;
		}
	}
	if (tb[VNET_BGP_A_MAX_PREFIX])
		bgp->max_prefix = nla_get_u32(tb[VNET_BGP_A_MAX_PREFIX]);
	bgp->ttl_security = nla_get_flag(tb[VNET_BGP_A_TTL_SECURITY]);
	nla = tb[VNET_BGP_A_MD5_KEY];
	if (nla) {
		bgp->md5_len = nla_len(nla);
		memcpy(bgp->md5, nla_data(nla), bgp->md5_len);
	}

	n = vnet_nl_filter_count(tb[VNET_BGP_A_IMPORT], extack);
	if (n < 0)
		return n;
	bgp->n_import = n;
	n = vnet_nl_filter_count(tb[VNET_BGP_A_EXPORT], extack);
	if (n < 0)
		return n;
	bgp->n_export = n;
	if (!bgp->n_import && !bgp->n_export)
		return 0;
	bgp->filter = kcalloc(bgp->n_import + bgp->n_export,
			      sizeof(*bgp->filter), GFP_KERNEL_ACCOUNT);
	if (!bgp->filter)
		return -ENOMEM;
	err = vnet_nl_filter_parse(tb[VNET_BGP_A_IMPORT], bgp->filter, extack);
	if (err)
		return err;
	return vnet_nl_filter_parse(tb[VNET_BGP_A_EXPORT],
				    bgp->filter + bgp->n_import, extack);
}

/* The BGP peers of a new attachment, into @cfg (which the caller frees). */
static int vnet_nl_bgp_parse(const struct nlattr *list,
			     struct vnet_attach_cfg *cfg,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *entry;
	unsigned int i;
	int rem, err;

	cfg->bgp = kcalloc(VNET_MAX_BGP_PEERS, sizeof(*cfg->bgp),
			   GFP_KERNEL_ACCOUNT);
	if (!cfg->bgp)
		return -ENOMEM;
	nla_for_each_nested(entry, list, rem) {
		if (cfg->n_bgp == VNET_MAX_BGP_PEERS) {
			NL_SET_ERR_MSG_ATTR(extack, entry,
					    "an attachment has at most VNET_MAX_BGP_PEERS BGP peers");
			return -E2BIG;
		}
		/* counted first: the caller frees the filter of a failed one */
		err = vnet_nl_bgp_peer(entry, &cfg->bgp[cfg->n_bgp++], extack);
		if (err)
			return err;
		cfg->bgp_nla[cfg->n_bgp - 1] = entry;
		for (i = 0; i < cfg->n_bgp - 1; i++) {
			if (vnet_addr_equal(&cfg->bgp[i].addr,
					    &cfg->bgp[cfg->n_bgp - 1].addr)) {
				NL_SET_ERR_MSG_ATTR(extack, entry,
						    "the BGP peer is given twice");
				return -EINVAL;
			}
		}
	}
	return 0;
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
	if (tb[VNET_ATTACH_A_BGP])
		return vnet_nl_bgp_parse(tb[VNET_ATTACH_A_BGP], cfg, extack);
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
	if (!err)
		err = vnet_nl_attach_lock(info, pn, &vn, &pr);
	if (!err) {
		err = vnet_attach_add(pr, vn, &cfg, info->extack);
		mutex_unlock(&pn->lock);
		rtnl_unlock();
	}
	/* what the attachment did not take */
	vnet_bgp_free(cfg.bgp, cfg.n_bgp);
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

// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: the genetlink commands of routes. They hold vnet_pernet.lock, never
 * RTNL: a daemon's million route changes do not stall the host's other
 * network configuration.
 */
#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "netlink.h"

static const struct nla_policy vnet_nexthop_policy[VNET_NEXTHOP_A_MAX + 1] = {
	[VNET_NEXTHOP_A_IFINDEX] = { .type = NLA_U32 },
	[VNET_NEXTHOP_A_IFNAME] = { .type = NLA_NUL_STRING,
				    .len = IFNAMSIZ - 1 },
	[VNET_NEXTHOP_A_ADDR] = NLA_POLICY_RANGE(NLA_BINARY,
						 sizeof(struct in_addr),
						 sizeof(struct in6_addr)),
};

const struct nla_policy vnet_route_policy[VNET_ROUTE_A_MAX + 1] = {
	[VNET_ROUTE_A_DST] = NLA_POLICY_RANGE(NLA_BINARY, sizeof(struct in_addr),
					      sizeof(struct in6_addr)),
	[VNET_ROUTE_A_DST_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[VNET_ROUTE_A_TYPE] = NLA_POLICY_RANGE(NLA_U8, VNET_ROUTE_UNICAST,
					       VNET_ROUTE_BLACKHOLE),
	[VNET_ROUTE_A_PEERING] = { .type = NLA_NUL_STRING,
				   .len = VNET_PEERING_NAMSIZ - 1 },
	[VNET_ROUTE_A_IFINDEX] = { .type = NLA_U32 },
	[VNET_ROUTE_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VNET_ROUTE_A_NEXTHOP] = NLA_POLICY_RANGE(NLA_BINARY,
						  sizeof(struct in_addr),
						  sizeof(struct in6_addr)),
	[VNET_ROUTE_A_PROTO] = { .type = NLA_U8 },
	[VNET_ROUTE_A_METRIC] = { .type = NLA_U32 },
	[VNET_ROUTE_A_MULTIPATH] = NLA_POLICY_NESTED_ARRAY(vnet_nexthop_policy),
};

const struct nla_policy vnet_lookup_policy[VNET_LOOKUP_A_MAX + 1] = {
	[VNET_LOOKUP_A_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, sizeof(struct in_addr),
						sizeof(struct in6_addr)),
	[VNET_LOOKUP_A_RESULT ... VNET_LOOKUP_A_MAX] = {
		.type = NLA_REJECT,
		.reject_message = "the answer of a lookup is not part of its question",
	},
};

/**
 * struct vnet_nl_table - the table a route request is about
 * @t: the table
 * @vn: its network, for a network's table (its netdevice held)
 * @pr: its peering router, for a peering router's
 * @name: the peering router's name in the request
 */
struct vnet_nl_table {
	struct vnet_table *t;
	struct vnet_network *vn;
	struct vnet_peering *pr;
	char name[VNET_PEERING_NAMSIZ];
};

/*
 * The first step of naming a request's table, before vnet_pernet.lock: a
 * network is looked up and held, a peering router's name copied.
 */
static int vnet_nl_table_begin(struct net *net, struct nlattr **attrs,
			       struct vnet_nl_table *tbl,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *ptb[VNET_PEERING_A_MAX + 1];
	struct nlattr *tb[VNET_NETWORK_A_MAX + 1];
	struct nlattr *nw = attrs[VNET_A_NETWORK], *pe = attrs[VNET_A_PEERING];
	int err;

	memset(tbl, 0, sizeof(*tbl));
	if (!nw == !pe) {
		NL_SET_ERR_MSG(extack,
			       "name one table: a network's (VNET_A_NETWORK) or a peering router's (VNET_A_PEERING)");
		return -EINVAL;
	}
	if (nw) {
		err = nla_parse_nested(tb, VNET_NETWORK_A_MAX, nw,
				       vnet_network_policy, extack);
		if (err)
			return err;
		tbl->vn = vnet_network_hold(net, tb, extack);
		return PTR_ERR_OR_ZERO(tbl->vn);
	}
	err = nla_parse_nested(ptb, VNET_PEERING_A_MAX, pe, vnet_peering_policy,
			       extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, pe, ptb, VNET_PEERING_A_NAME))
		return -EINVAL;
	nla_strscpy(tbl->name, ptb[VNET_PEERING_A_NAME], sizeof(tbl->name));
	return 0;
}

/* The second step, under vnet_pernet.lock: the table itself. */
static int vnet_nl_table_find(struct vnet_pernet *pn, struct vnet_nl_table *tbl,
			      struct netlink_ext_ack *extack)
{
	lockdep_assert_held(&pn->lock);
	if (tbl->vn) {
		if (tbl->vn->dead) {
			NL_SET_ERR_MSG(extack, "no such network");
			return -ENODEV;
		}
		tbl->t = &tbl->vn->table;
		return 0;
	}
	tbl->pr = vnet_peering_find(pn, tbl->name);
	if (!tbl->pr) {
		NL_SET_ERR_MSG(extack, "no such peering router");
		return -ENOENT;
	}
	tbl->t = &tbl->pr->table;
	return 0;
}

static void vnet_nl_table_end(struct vnet_nl_table *tbl)
{
	if (tbl->vn)
		dev_put(tbl->vn->dev);
}

static size_t vnet_nl_table_size(void)
{
	return vnet_nl_ref_size() + nla_total_size(0) +
	       nla_total_size(VNET_PEERING_NAMSIZ);
}

static int vnet_nl_put_table(struct sk_buff *skb, const struct vnet_nl_table *tbl)
{
	if (tbl->vn)
		return vnet_nl_put_ref(skb, tbl->vn);
	return vnet_nl_put_peering_ref(skb, tbl->pr);
}

/* The size of a route's nest; the largest a route may have if @rt is NULL */
static size_t vnet_nl_route_size(const struct vnet_route *rt)
{
	unsigned int n = rt ? rt->n_nh : VNET_MAX_NEXTHOPS;

	return nla_total_size(0) +				/* nest */
	       2 * nla_total_size(sizeof(struct in6_addr)) +	/* DST, NEXTHOP */
	       3 * nla_total_size(sizeof(u8)) +			/* LEN, TYPE, PROTO */
	       2 * nla_total_size(sizeof(u32)) +		/* IFINDEX, METRIC */
	       nla_total_size(IFNAMSIZ) +
	       nla_total_size(VNET_PEERING_NAMSIZ) +
	       (n > 1 ? nla_total_size(0) +			/* MULTIPATH */
			n * (nla_total_size(0) +
			     nla_total_size(sizeof(u32)) +
			     nla_total_size(IFNAMSIZ) +
			     nla_total_size(sizeof(struct in6_addr))) : 0);
}

/* The next hops of a route of several, in VNET_ROUTE_A_MULTIPATH */
static int vnet_nl_fill_multipath(struct sk_buff *skb,
				  const struct vnet_route *rt)
{
	const struct vnet_nexthop *nh;
	struct nlattr *list, *entry;
	unsigned int i;

	list = nla_nest_start(skb, VNET_ROUTE_A_MULTIPATH);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < rt->n_nh; i++) {
		nh = &rt->nh[i];
		entry = nla_nest_start(skb, i + 1);
		if (!entry ||
		    nla_put_u32(skb, VNET_NEXTHOP_A_IFINDEX,
				nh->att->vn->dev->ifindex) ||
		    nla_put_string(skb, VNET_NEXTHOP_A_IFNAME,
				   nh->att->vn->dev->name) ||
		    (nh->addr.family &&
		     vnet_nl_put_addr(skb, VNET_NEXTHOP_A_ADDR, &nh->addr)))
			return -EMSGSIZE;
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, list);
	return 0;
}

static int vnet_nl_fill_route(struct sk_buff *skb, int type,
			      const struct vnet_prefix *p,
			      const struct vnet_route *rt)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	const struct vnet_nexthop *nh = rt->nh;

	if (!nest ||
	    nla_put(skb, VNET_ROUTE_A_DST, p->family == AF_INET ?
		    sizeof(p->addr.v4) : sizeof(p->addr.v6), &p->addr) ||
	    nla_put_u8(skb, VNET_ROUTE_A_DST_LEN, p->len) ||
	    nla_put_u8(skb, VNET_ROUTE_A_TYPE, rt->type) ||
	    nla_put_u8(skb, VNET_ROUTE_A_PROTO, rt->proto) ||
	    nla_put_u32(skb, VNET_ROUTE_A_METRIC, rt->metric))
		return -EMSGSIZE;
	if (rt->n_nh > 1) {
		if (vnet_nl_fill_multipath(skb, rt))
			return -EMSGSIZE;
	} else if (rt->n_nh && !rt->in_peering) {
		if (nla_put_string(skb, VNET_ROUTE_A_PEERING, nh->att->pr->name))
			return -EMSGSIZE;
	} else if (rt->n_nh) {
		if (nla_put_u32(skb, VNET_ROUTE_A_IFINDEX,
				nh->att->vn->dev->ifindex) ||
		    nla_put_string(skb, VNET_ROUTE_A_IFNAME, nh->att->vn->dev->name) ||
		    (nh->addr.family &&
		     vnet_nl_put_addr(skb, VNET_ROUTE_A_NEXTHOP, &nh->addr)))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vnet_nl_put_route(struct sk_buff *skb, const struct vnet_nl_table *tbl,
			     const struct vnet_prefix *p,
			     const struct vnet_route *rt, u32 portid, u32 seq,
			     int flags, u8 cmd, struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vnet_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (vnet_nl_put_table(skb, tbl) ||
	    vnet_nl_fill_route(skb, VNET_A_ROUTE, p, rt)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static void vnet_nl_notify_route(struct net *net, const struct vnet_nl_table *tbl,
				 const struct vnet_prefix *p,
				 const struct vnet_route *rt, u8 cmd)
{
	struct sk_buff *msg;

	msg = vnet_nl_event_alloc(net, vnet_nl_table_size() +
				  vnet_nl_route_size(rt));
	if (msg)
		vnet_nl_event_send(net, msg, vnet_nl_put_route(msg, tbl, p, rt,
							       0, 0, 0, cmd,
							       NULL));
}

/* A route's prefix, from VNET_ROUTE_A_DST and VNET_ROUTE_A_DST_LEN. */
static int vnet_nl_route_prefix(struct nlattr *nest, struct nlattr **tb,
				struct vnet_prefix *p,
				struct netlink_ext_ack *extack)
{
	int err;

	if (NL_REQ_ATTR_CHECK(extack, nest, tb, VNET_ROUTE_A_DST) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, VNET_ROUTE_A_DST_LEN))
		return -EINVAL;
	err = vnet_prefix_get(p, tb[VNET_ROUTE_A_DST], tb[VNET_ROUTE_A_DST_LEN],
			      extack);
	if (!err && p->family == AF_INET6 && p->len &&
	    ipv6_addr_v4mapped(&p->addr.v6)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_ROUTE_A_DST],
				    "give an IPv4 prefix as 4 bytes, not v4-mapped");
		err = -EINVAL;
	}
	return err;
}

/*
 * In a peering router's table: the attachment of the network an IFINDEX
 * or IFNAME attribute names (@ifindex, @ifname: either may be NULL).
 */
static struct vnet_attach *vnet_nl_route_network(struct net *net,
						 struct vnet_peering *pr,
						 const struct nlattr *ifindex,
						 const struct nlattr *ifname,
						 const struct nlattr *where,
						 struct netlink_ext_ack *extack)
{
	struct vnet_attach *att = NULL;
	struct vnet_network *vn;

	rcu_read_lock();
	vn = vnet_network_rcu(net, ifindex, ifname);
	/* its attachments are vnet_pernet.lock's, held */
	if (vn)
		att = vnet_attach_find(pr, vn);
	rcu_read_unlock();
	if (!att)
		NL_SET_ERR_MSG_ATTR(extack, ifindex ?: ifname ?: where,
				    "no such network attached to the peering router");
	return att;
}

/* A next hop of a peering router's route: its network and node address. */
static int vnet_nl_route_nh(struct net *net, struct vnet_peering *pr,
			    const struct nlattr *ifindex,
			    const struct nlattr *ifname,
			    const struct nlattr *addr,
			    const struct nlattr *where,
			    struct vnet_nexthop *nh,
			    struct netlink_ext_ack *extack)
{
	int err;

	nh->att = vnet_nl_route_network(net, pr, ifindex, ifname, where,
					extack);
	if (!nh->att)
		return -EINVAL;
	if (!addr)
		return 0;
	err = vnet_nl_addr(addr, &nh->addr, extack);
	if (err)
		return err;
	rcu_read_lock();
	if (!vnet_prefixes_contain(nh->att->vn, &nh->addr)) {
		rcu_read_unlock();
		NL_SET_ERR_MSG_ATTR(extack, addr,
				    "the next hop must be in the network's prefixes");
		return -EINVAL;
	}
	rcu_read_unlock();
	return 0;
}

/* The next hops of VNET_ROUTE_A_MULTIPATH, into @rt. */
static int vnet_nl_route_multipath(struct net *net, struct vnet_peering *pr,
				   const struct nlattr *list,
				   struct vnet_route *rt,
				   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_NEXTHOP_A_MAX + 1];
	const struct nlattr *entry;
	int rem, err;

	nla_for_each_nested(entry, list, rem) {
		if (rt->n_nh == VNET_MAX_NEXTHOPS) {
			NL_SET_ERR_MSG_ATTR(extack, entry,
					    "a route has at most VNET_MAX_NEXTHOPS next hops");
			return -E2BIG;
		}
		err = nla_parse_nested(tb, VNET_NEXTHOP_A_MAX, entry,
				       vnet_nexthop_policy, extack);
		if (err)
			return err;
		err = vnet_nl_route_nh(net, pr, tb[VNET_NEXTHOP_A_IFINDEX],
				       tb[VNET_NEXTHOP_A_IFNAME],
				       tb[VNET_NEXTHOP_A_ADDR], entry,
				       &rt->nh[rt->n_nh], extack);
		if (err)
			return err;
		rt->n_nh++;
	}
	if (!rt->n_nh) {
		NL_SET_ERR_MSG_ATTR(extack, list, "the route needs a next hop");
		return -EINVAL;
	}
	if (vnet_route_sort_nh(rt)) {
		NL_SET_ERR_MSG_ATTR(extack, list, "a next hop is given twice");
		return -EINVAL;
	}
	return 0;
}

/*
 * A new route from a VNET_A_ROUTE nest, for the table @tbl: its prefix and
 * what it says, into @rt (from vnet_route_tmpl()). Under vnet_pernet.lock.
 */
static int vnet_nl_route_parse(struct net *net, struct nlattr *nest,
			       struct vnet_pernet *pn,
			       const struct vnet_nl_table *tbl,
			       struct vnet_prefix *dst, struct vnet_route *rt,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_ROUTE_A_MAX + 1];
	struct nlattr *target, *wrong;
	struct vnet_peering *pr;
	int err;

	err = nla_parse_nested(tb, VNET_ROUTE_A_MAX, nest, vnet_route_policy,
			       extack);
	if (err)
		return err;
	err = vnet_nl_route_prefix(nest, tb, dst, extack);
	if (err)
		return err;
	rt->type = VNET_ROUTE_UNICAST;
	if (tb[VNET_ROUTE_A_TYPE])
		rt->type = nla_get_u8(tb[VNET_ROUTE_A_TYPE]);
	rt->proto = RTPROT_STATIC;
	if (tb[VNET_ROUTE_A_PROTO])
		rt->proto = nla_get_u8(tb[VNET_ROUTE_A_PROTO]);
	/* propagation owns its routes: they follow the network */
	if (rt->proto == VNET_RTPROT_ATTACH) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_ROUTE_A_PROTO],
				    "protocol attach is the attachments' own");
		return -EINVAL;
	}
	if (tb[VNET_ROUTE_A_METRIC])
		rt->metric = nla_get_u32(tb[VNET_ROUTE_A_METRIC]);
	rt->in_peering = !!tbl->pr;

	if (tbl->vn) {
		target = tb[VNET_ROUTE_A_PEERING];
		wrong = tb[VNET_ROUTE_A_IFINDEX] ?: tb[VNET_ROUTE_A_IFNAME] ?:
			tb[VNET_ROUTE_A_NEXTHOP] ?: tb[VNET_ROUTE_A_MULTIPATH];
		if (wrong) {
			NL_SET_ERR_MSG_ATTR(extack, wrong,
					    "a network's routes lead to a peering router");
			return -EINVAL;
		}
	} else {
		target = tb[VNET_ROUTE_A_IFINDEX] ?: tb[VNET_ROUTE_A_IFNAME] ?:
			 tb[VNET_ROUTE_A_MULTIPATH];
		if (tb[VNET_ROUTE_A_PEERING]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_ROUTE_A_PEERING],
					    "a peering router's routes lead to a network");
			return -EINVAL;
		}
	}
	if (rt->type == VNET_ROUTE_BLACKHOLE) {
		wrong = target ?: tb[VNET_ROUTE_A_NEXTHOP];
		if (wrong) {
			NL_SET_ERR_MSG_ATTR(extack, wrong,
					    "a blackhole route leads nowhere");
			return -EINVAL;
		}
		return 0;
	}
	if (!target) {
		if (tbl->vn)
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "the route needs the peering router it leads to");
		else
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "the route needs the network it leads to");
		return -EINVAL;
	}

	if (tbl->vn) {
		pr = vnet_peering_find(pn, nla_data(target));
		if (!pr) {
			NL_SET_ERR_MSG_ATTR(extack, target, "no such peering router");
			return -ENOENT;
		}
		rt->nh[0].att = vnet_attach_find(pr, tbl->vn);
		if (!rt->nh[0].att) {
			NL_SET_ERR_MSG_ATTR(extack, target,
					    "the network is not attached to this peering router");
			return -EINVAL;
		}
		rt->n_nh = 1;
		return 0;
	}
	if (tb[VNET_ROUTE_A_MULTIPATH]) {
		wrong = tb[VNET_ROUTE_A_IFINDEX] ?: tb[VNET_ROUTE_A_IFNAME] ?:
			tb[VNET_ROUTE_A_NEXTHOP];
		if (wrong) {
			NL_SET_ERR_MSG_ATTR(extack, wrong,
					    "the next hops are in VNET_ROUTE_A_MULTIPATH");
			return -EINVAL;
		}
		return vnet_nl_route_multipath(net, tbl->pr,
					       tb[VNET_ROUTE_A_MULTIPATH], rt,
					       extack);
	}
	rt->n_nh = 1;
	return vnet_nl_route_nh(net, tbl->pr, tb[VNET_ROUTE_A_IFINDEX],
				tb[VNET_ROUTE_A_IFNAME], tb[VNET_ROUTE_A_NEXTHOP],
				nest, &rt->nh[0], extack);
}

/* Add one route, from @nest. */
static int vnet_nl_route_new_one(struct net *net, struct nlattr *nest,
				 struct vnet_pernet *pn,
				 const struct vnet_nl_table *tbl, u32 flags,
				 struct netlink_ext_ack *extack)
{
	union vnet_route_tmpl buf;
	struct vnet_prefix dst;
	struct vnet_route *rt;
	int err;

	rt = vnet_route_tmpl(&buf);
	err = vnet_nl_route_parse(net, nest, pn, tbl, &dst, rt, extack);
	if (err)
		return err;
	rt = vnet_route_add(tbl->t, &dst, rt, flags, extack);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	vnet_nl_notify_route(net, tbl, &dst, rt, VNET_CMD_ROUTE_NEW);
	return 0;
}

/* Delete one route, from @nest. */
static int vnet_nl_route_del_one(struct net *net, struct nlattr *nest,
				 const struct vnet_nl_table *tbl,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_ROUTE_A_MAX + 1];
	struct vnet_prefix dst;
	struct vnet_route *rt;
	s64 metric = -1;
	int proto = -1;
	int err;

	err = nla_parse_nested(tb, VNET_ROUTE_A_MAX, nest, vnet_route_policy,
			       extack);
	if (err)
		return err;
	err = vnet_nl_route_prefix(nest, tb, &dst, extack);
	if (err)
		return err;
	if (tb[VNET_ROUTE_A_PROTO])
		proto = nla_get_u8(tb[VNET_ROUTE_A_PROTO]);
	if (tb[VNET_ROUTE_A_METRIC])
		metric = nla_get_u32(tb[VNET_ROUTE_A_METRIC]);
	rt = vnet_route_find(tbl->t, &dst, proto, metric);
	if (!rt) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "no such route");
		return -ESRCH;
	}
	vnet_nl_notify_route(net, tbl, &dst, rt, VNET_CMD_ROUTE_DEL);
	vnet_route_del(tbl->t, &dst, rt);
	return 0;
}

/*
 * ROUTE_NEW and ROUTE_DEL take one route or many: every VNET_A_ROUTE of
 * the request, in order, in one table. The first that fails stops the
 * request, those before it done; the error's attribute is in its nest.
 */
static int vnet_nl_route_change(struct genl_info *info, bool add)
{
	struct vnet_pernet *pn = vnet_pernet(genl_info_net(info));
	struct netlink_ext_ack *extack = info->extack;
	struct net *net = genl_info_net(info);
	struct vnet_nl_table tbl;
	unsigned int n = 0;
	struct nlattr *nla;
	int err, rem;

	if (GENL_REQ_ATTR_CHECK(info, VNET_A_ROUTE))
		return -EINVAL;
	err = vnet_nl_table_begin(net, info->attrs, &tbl, extack);
	if (err)
		return err;
	mutex_lock(&pn->lock);
	err = vnet_nl_table_find(pn, &tbl, extack);
	if (err)
		goto out;
	nlmsg_for_each_attr(nla, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(nla) != VNET_A_ROUTE)
			continue;
		err = add ? vnet_nl_route_new_one(net, nla, pn, &tbl,
						  vnet_nl_flags(info), extack) :
			    vnet_nl_route_del_one(net, nla, &tbl, extack);
		if (err) {
			if (!extack->bad_attr)
				NL_SET_BAD_ATTR(extack, nla);
			break;
		}
		if (!(++n % 64))
			cond_resched();
	}
out:
	mutex_unlock(&pn->lock);
	vnet_nl_table_end(&tbl);
	return err;
}

int vnet_nl_route_new(struct sk_buff *skb, struct genl_info *info)
{
	return vnet_nl_route_change(info, true);
}

int vnet_nl_route_del(struct sk_buff *skb, struct genl_info *info)
{
	return vnet_nl_route_change(info, false);
}

int vnet_nl_route_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_pernet *pn = vnet_pernet(genl_info_net(info));
	struct nlattr *tb[VNET_ROUTE_A_MAX + 1] = {};
	struct net *net = genl_info_net(info);
	struct vnet_nl_table tbl;
	struct sk_buff *msg;
	struct nlattr *nest;
	int proto = -1;
	void *hdr;
	int err;

	if (info->attrs[VNET_A_ROUTE]) {
		err = vnet_nl_parse(info, VNET_A_ROUTE, vnet_route_policy,
				    VNET_ROUTE_A_MAX, tb);
		if (err)
			return err;
	}
	if (tb[VNET_ROUTE_A_PROTO])
		proto = nla_get_u8(tb[VNET_ROUTE_A_PROTO]);
	err = vnet_nl_table_begin(net, info->attrs, &tbl, info->extack);
	if (err)
		return err;
	mutex_lock(&pn->lock);
	err = vnet_nl_table_find(pn, &tbl, info->extack);
	if (err)
		goto out;
	vnet_table_flush_proto(tbl.t, proto);

	/* one event for all */
	msg = vnet_nl_event_alloc(net, vnet_nl_table_size() +
				  vnet_nl_route_size(NULL));
	if (!msg)
		goto out;
	err = -EMSGSIZE;
	hdr = genlmsg_put(msg, 0, 0, &vnet_genl_family, 0, VNET_CMD_ROUTE_FLUSH);
	if (hdr && !vnet_nl_put_table(msg, &tbl)) {
		nest = nla_nest_start(msg, VNET_A_ROUTE);
		if (nest && (proto < 0 ||
			     !nla_put_u8(msg, VNET_ROUTE_A_PROTO, proto))) {
			nla_nest_end(msg, nest);
			genlmsg_end(msg, hdr);
			err = 0;
		}
	}
	vnet_nl_event_send(net, msg, err);
	err = 0;
out:
	mutex_unlock(&pn->lock);
	vnet_nl_table_end(&tbl);
	return err;
}

static u8 vnet_lookup_result(enum vnet_drop why, const struct vnet_node *node)
{
	switch (why) {
	case VNET_DROP_MAX:
		return node->att ? VNET_LOOKUP_HOST : VNET_LOOKUP_NODE;
	case VNET_DROP_BLACKHOLE:
		return VNET_LOOKUP_BLACKHOLE;
	case VNET_DROP_UNKNOWN_NODE:
		return VNET_LOOKUP_NO_NODE;
	default:
		return VNET_LOOKUP_NO_ROUTE;
	}
}

/* Where a packet to @addr goes from @tbl, as the packet path finds. */
static int vnet_nl_put_lookup(struct sk_buff *skb, struct vnet_nl_table *tbl,
			      const struct vnet_addr *addr)
{
	struct vnet_prefix rt_dst, prt_dst;
	struct vnet_path path = {};
	enum vnet_drop why;
	struct nlattr *nest;

	if (tbl->vn && vnet_prefixes_contain(tbl->vn, addr)) {
		/* the network's own: no route */
		path.egress = tbl->vn;
		path.node = vnet_node_lookup(tbl->vn, addr);
		why = path.node ? VNET_DROP_MAX : VNET_DROP_UNKNOWN_NODE;
	} else if (tbl->vn) {
		why = vnet_path_resolve(tbl->vn, addr, NULL, NULL, &path);
	} else {
		why = vnet_path_peering(tbl->pr, addr, NULL, NULL, &path);
	}
	/* the prefixes of the routes taken: the same lookups, under the lock */
	if (path.rt)
		path.rt = vnet_table_match(&tbl->vn->table, addr, &rt_dst);
	if (path.prt)
		path.prt = vnet_table_match(&path.pr->table, addr, &prt_dst);

	nest = nla_nest_start(skb, VNET_A_LOOKUP);
	if (!nest || vnet_nl_put_addr(skb, VNET_LOOKUP_A_ADDR, addr) ||
	    nla_put_u8(skb, VNET_LOOKUP_A_RESULT,
		       vnet_lookup_result(why, path.node)) ||
	    (path.rt &&
	     vnet_nl_fill_route(skb, VNET_LOOKUP_A_ROUTE, &rt_dst, path.rt)) ||
	    (path.pr && nla_put_string(skb, VNET_LOOKUP_A_PEERING, path.pr->name)) ||
	    (path.prt &&
	     vnet_nl_fill_route(skb, VNET_LOOKUP_A_PEERING_ROUTE, &prt_dst,
				path.prt)) ||
	    (path.egress &&
	     (nla_put_u32(skb, VNET_LOOKUP_A_IFINDEX, path.egress->dev->ifindex) ||
	      nla_put_string(skb, VNET_LOOKUP_A_IFNAME, path.egress->dev->name))) ||
	    (path.node && vnet_nl_put_node_nest(skb, VNET_LOOKUP_A_NODE, path.node)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

int vnet_nl_route_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_pernet *pn = vnet_pernet(genl_info_net(info));
	struct nlattr *tb[VNET_LOOKUP_A_MAX + 1];
	struct vnet_nl_table tbl;
	struct vnet_addr addr;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = vnet_nl_parse(info, VNET_A_LOOKUP, vnet_lookup_policy,
			    VNET_LOOKUP_A_MAX, tb);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VNET_A_LOOKUP], tb,
			      VNET_LOOKUP_A_ADDR))
		return -EINVAL;
	err = vnet_nl_addr(tb[VNET_LOOKUP_A_ADDR], &addr, info->extack);
	if (err)
		return err;
	msg = genlmsg_new(vnet_nl_table_size() + nla_total_size(0) +
			  2 * vnet_nl_route_size(NULL) +
			  nla_total_size(sizeof(struct in6_addr)) +
			  nla_total_size(sizeof(u8)) +
			  nla_total_size(VNET_PEERING_NAMSIZ) +
			  nla_total_size(sizeof(u32)) + nla_total_size(IFNAMSIZ) +
			  vnet_nl_node_nest_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = vnet_nl_table_begin(genl_info_net(info), info->attrs, &tbl,
				  info->extack);
	if (err)
		goto err_free;
	mutex_lock(&pn->lock);
	err = vnet_nl_table_find(pn, &tbl, info->extack);
	if (err)
		goto out;
	err = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &vnet_genl_family, 0,
				VNET_CMD_ROUTE_GET);
	if (!hdr)
		goto out;
	rcu_read_lock();
	err = vnet_nl_put_table(msg, &tbl) ?:
	      vnet_nl_put_lookup(msg, &tbl, &addr);
	rcu_read_unlock();
	if (!err)
		genlmsg_end(msg, hdr);
out:
	mutex_unlock(&pn->lock);
	vnet_nl_table_end(&tbl);
	if (!err)
		return genlmsg_reply(msg, info);
err_free:
	nlmsg_free(msg);
	return err;
}

/*
 * Where a route dump is: the family, the prefix it stopped at and how many
 * of that prefix's routes it sent.
 */
#define VNET_DUMP_DONE	0xff

struct vnet_route_dump {
	struct vnet_prefix last;
	u32 sent;
	u8 family;
	bool resume;
};

struct vnet_route_dump_walk {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct vnet_route_dump *d;
	const struct vnet_nl_table *tbl;
	const struct vnet_prefix *match;
	int proto;
};

/* Does @p cover @match? */
static bool vnet_prefix_covers(const struct vnet_prefix *p,
			       const struct vnet_prefix *match)
{
	if (p->family != match->family || p->len > match->len)
		return false;
	if (p->family == AF_INET)
		return !((p->addr.v4 ^ match->addr.v4) & inet_make_mask(p->len));
	return ipv6_prefix_equal(&p->addr.v6, &match->addr.v6, p->len);
}

static int vnet_nl_route_dump_one(const struct vnet_prefix *p,
				  struct vnet_route *const *rt, unsigned int n,
				  void *arg)
{
	struct vnet_route_dump_walk *w = arg;
	struct vnet_route_dump *d = w->d;
	u32 i, skip = 0;
	int err;

	/* the prefix the last part stopped in, unless it went */
	if (d->resume && !memcmp(p, &d->last, sizeof(d->last)))
		skip = d->sent;
	d->resume = false;
	if (w->match && !vnet_prefix_covers(p, w->match))
		return 0;
	for (i = skip; i < n; i++) {
		if (w->proto >= 0 && rt[i]->proto != w->proto)
			continue;
		err = vnet_nl_put_route(w->skb, w->tbl, p, rt[i],
					NETLINK_CB(w->cb->skb).portid,
					w->cb->nlh->nlmsg_seq, NLM_F_MULTI,
					VNET_CMD_ROUTE_GET, w->cb);
		if (err) {
			d->last = *p;
			d->sent = i;
			d->resume = true;
			return err;
		}
	}
	return 0;
}

int vnet_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_pernet *pn = vnet_pernet(sock_net(skb->sk));
	struct vnet_route_dump *d = (void *)cb->ctx;
	struct vnet_route_dump_walk w = {
		.skb = skb, .cb = cb, .d = d, .proto = -1,
	};
	struct nlattr *tb[VNET_ROUTE_A_MAX + 1] = {};
	struct nlattr **attrs = vnet_dump_attrs(cb);
	struct vnet_nl_table tbl;
	struct vnet_prefix match;
	int err;

	BUILD_BUG_ON(sizeof(*d) > sizeof(cb->ctx));
	if (attrs[VNET_A_ROUTE]) {
		err = nla_parse_nested(tb, VNET_ROUTE_A_MAX, attrs[VNET_A_ROUTE],
				       vnet_route_policy, cb->extack);
		if (err)
			return err;
	}
	if (tb[VNET_ROUTE_A_PROTO])
		w.proto = nla_get_u8(tb[VNET_ROUTE_A_PROTO]);
	if (tb[VNET_ROUTE_A_DST] || tb[VNET_ROUTE_A_DST_LEN]) {
		err = vnet_nl_route_prefix(attrs[VNET_A_ROUTE], tb, &match,
					   cb->extack);
		if (err)
			return err;
		w.match = &match;
	}
	err = vnet_nl_table_begin(sock_net(skb->sk), attrs, &tbl, cb->extack);
	if (err)
		return err;
	w.tbl = &tbl;
	mutex_lock(&pn->lock);
	err = vnet_nl_table_find(pn, &tbl, cb->extack);
	if (err)
		goto out;
	cb->seq = tbl.t->gen;
	if (!d->family)
		d->family = AF_INET;
	/* IPv4, then IPv6; then parts that add nothing end the dump */
	while (d->family == AF_INET || d->family == AF_INET6) {
		err = vnet_table_walk(tbl.t, d->family,
				      d->resume ? &d->last : NULL,
				      vnet_nl_route_dump_one, &w);
		if (err)
			break;
		d->family = d->family == AF_INET ? AF_INET6 : VNET_DUMP_DONE;
		d->resume = false;
	}
out:
	mutex_unlock(&pn->lock);
	vnet_nl_table_end(&tbl);
	if (err && !skb->len)
		return err;
	return skb->len;
}

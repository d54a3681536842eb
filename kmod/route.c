// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: route tables. A network's table leads to the peering routers it is
 * attached to; a peering router's leads to the networks attached to it,
 * and to next-hop nodes in them. Each table keeps its IPv4 and IPv6 routes
 * apart, in longest-prefix-match tries (lpm.c) keyed by the native
 * address; a prefix's routes are kept in order of preference, the trie
 * holding the first. The control path holds vnet_pernet.lock; the packet
 * path reads the tries under RCU and resolves the way of a packet here,
 * which `vnetctl route get` shows with the same code.
 */
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "vnet.h"

void vnet_table_init(struct vnet_table *t, struct mutex *lock)
{
	vnet_lpm_init(&t->lpm4, 32, lock);
	vnet_lpm_init(&t->lpm6, 128, lock);
	t->n = 0;
	t->gen = get_random_u32() | 1;
}

static struct vnet_lpm *vnet_table_lpm(struct vnet_table *t, u8 family)
{
	return family == AF_INET ? &t->lpm4 : &t->lpm6;
}

/* The trie key of an address (@addr: struct in_addr or struct in6_addr). */
static void vnet_key(struct vnet_lpm_key *key, u8 family, const void *addr)
{
	const struct in6_addr *a6 = addr;

	if (family == AF_INET) {
		key->hi = (u64)be32_to_cpup(addr) << 32;
		key->lo = 0;
	} else {
		key->hi = (u64)be32_to_cpu(a6->s6_addr32[0]) << 32 |
			  be32_to_cpu(a6->s6_addr32[1]);
		key->lo = (u64)be32_to_cpu(a6->s6_addr32[2]) << 32 |
			  be32_to_cpu(a6->s6_addr32[3]);
	}
}

static void vnet_key_prefix(struct vnet_lpm_key *key, const struct vnet_prefix *p)
{
	vnet_key(key, p->family, &p->addr);
}

/**
 * vnet_table_lookup - the route a packet to an address takes in a table
 * @t: the table
 * @addr: the destination
 *
 * Caller holds the RCU read lock or vnet_pernet.lock.
 * Return: the most preferred route of the longest prefix covering @addr,
 * or NULL.
 */
struct vnet_route *vnet_table_lookup(struct vnet_table *t,
				     const struct vnet_addr *addr)
{
	struct vnet_lpm_key key;

	vnet_key(&key, addr->family, &addr->v4);
	return vnet_lpm_lookup(vnet_table_lpm(t, addr->family), &key);
}

/* The first route of a prefix, under vnet_pernet.lock. */
static struct vnet_route *vnet_table_get(struct vnet_table *t,
					 const struct vnet_prefix *p)
{
	struct vnet_lpm_key key;

	vnet_key_prefix(&key, p);
	return vnet_lpm_get(vnet_table_lpm(t, p->family), &key, p->len);
}

/* Publish @rt as the first route of its prefix, replacing @old there (or
 * NULL if the prefix is new).
 */
static int vnet_table_publish(struct vnet_table *t, struct vnet_route *rt)
{
	struct vnet_lpm_key key;
	void *old;

	vnet_key_prefix(&key, &rt->dst);
	return vnet_lpm_set(vnet_table_lpm(t, rt->dst.family), &key,
			    rt->dst.len, rt, &old);
}

/* Order of preference among routes of one prefix: static routes beat the
 * attached networks' prefixes, which beat what a protocol learned.
 */
static unsigned int vnet_proto_rank(u8 proto)
{
	return proto == RTPROT_STATIC ? 0 : proto == VNET_RTPROT_ATTACH ? 1 : 2;
}

static bool vnet_route_before(const struct vnet_route *a,
			      const struct vnet_route *b)
{
	if (a->metric != b->metric)
		return a->metric < b->metric;
	if (vnet_proto_rank(a->proto) != vnet_proto_rank(b->proto))
		return vnet_proto_rank(a->proto) < vnet_proto_rank(b->proto);
	return a->proto < b->proto;
}

static void vnet_route_free_rcu(struct rcu_head *rcu)
{
	kfree(container_of(rcu, struct vnet_route, rcu));
}

/* A route left its table: free it once no packet can be using it. */
static void vnet_route_release(struct vnet_route *rt)
{
	if (rt->att)
		list_del(&rt->att_list);
	call_rcu(&rt->rcu, vnet_route_free_rcu);
}

static void vnet_table_changed(struct vnet_table *t)
{
	vnet_gen_bump(&t->gen);
}

/**
 * vnet_route_find - a route of a table
 * @t: the table
 * @dst: its prefix
 * @proto: its protocol, or -1 for any
 * @metric: its metric, or -1 for any
 *
 * Caller holds vnet_pernet.lock. Return: the most preferred route of @dst
 * with @proto and @metric, or NULL.
 */
struct vnet_route *vnet_route_find(struct vnet_table *t,
				   const struct vnet_prefix *dst, int proto,
				   s64 metric)
{
	struct vnet_route *rt;

	for (rt = vnet_table_get(t, dst); rt; rt = rt->next)
		if ((proto < 0 || rt->proto == proto) &&
		    (metric < 0 || rt->metric == metric))
			return rt;
	return NULL;
}

/**
 * vnet_route_add - put a route in a table
 * @t: the table
 * @rt: the route, complete but for its list links; the table owns it on
 *	success
 * @flags: NLM_F_CREATE, NLM_F_EXCL and NLM_F_REPLACE as for nodes: the
 *	route of the same prefix, protocol and metric is replaced only with
 *	NLM_F_REPLACE, atomically
 * @extack: for the reason of a failure
 *
 * Caller holds vnet_pernet.lock. Return: 0 or a negative errno.
 */
int vnet_route_add(struct vnet_table *t, struct vnet_route *rt, u32 flags,
		   struct netlink_ext_ack *extack)
{
	struct vnet_route *head = vnet_table_get(t, &rt->dst), *old, **link;
	int err;

	for (link = &head, old = head; old; link = &old->next, old = old->next)
		if (old->proto == rt->proto && old->metric == rt->metric)
			break;
	if (old) {
		if (!(flags & NLM_F_REPLACE) || (flags & NLM_F_EXCL)) {
			NL_SET_ERR_MSG(extack,
				       "the table has a route of this prefix, protocol and metric");
			return -EEXIST;
		}
		/* same place in the order: the packet path sees one or the
		 * other
		 */
		rt->next = old->next;
		if (old == head) {
			err = vnet_table_publish(t, rt);
			if (WARN_ON_ONCE(err))
				return err;
		} else {
			WRITE_ONCE(*link, rt);
		}
		if (rt->att)
			list_add_tail(&rt->att_list, &rt->att->routes);
		vnet_route_release(old);
		vnet_table_changed(t);
		return 0;
	}
	if ((flags & NLM_F_REPLACE) && !(flags & NLM_F_CREATE)) {
		NL_SET_ERR_MSG(extack, "no such route to replace");
		return -ENOENT;
	}
	if (t->n >= VNET_MAX_ROUTES) {
		NL_SET_ERR_MSG(extack, "the table has the most routes it may have");
		return -ENOSPC;
	}
	if (!head || vnet_route_before(rt, head)) {
		rt->next = head;
		err = vnet_table_publish(t, rt);
		if (err)
			return err;
	} else {
		for (old = head; old->next && !vnet_route_before(rt, old->next);)
			old = old->next;
		rt->next = old->next;
		old->next = rt;
	}
	if (rt->att)
		list_add_tail(&rt->att_list, &rt->att->routes);
	t->n++;
	vnet_table_changed(t);
	return 0;
}

/**
 * vnet_route_del - take a route out of its table and free it
 * @t: the table
 * @rt: the route
 *
 * Caller holds vnet_pernet.lock. Never fails.
 */
void vnet_route_del(struct vnet_table *t, struct vnet_route *rt)
{
	struct vnet_route *head = vnet_table_get(t, &rt->dst), *prev;
	struct vnet_lpm_key key;

	if (head == rt) {
		if (rt->next) {
			/* the prefix is in the trie: replacing its value
			 * needs no memory
			 */
			WARN_ON_ONCE(vnet_table_publish(t, rt->next));
		} else {
			vnet_key_prefix(&key, &rt->dst);
			vnet_lpm_del(vnet_table_lpm(t, rt->dst.family), &key,
				     rt->dst.len);
		}
	} else {
		for (prev = head; prev && prev->next != rt; prev = prev->next)
			;
		if (WARN_ON_ONCE(!prev))
			return;
		prev->next = rt->next;
	}
	t->n--;
	vnet_table_changed(t);
	vnet_route_release(rt);
}

/* The routes a flush collects at a time, to delete them outside the walk. */
#define VNET_FLUSH_BATCH	16

struct vnet_flush {
	struct vnet_route *rt[VNET_FLUSH_BATCH];
	unsigned int n;
	int proto;
	struct vnet_lpm_key key;
	unsigned int len;
};

static int vnet_flush_collect(void *val, const struct vnet_lpm_key *key,
			      unsigned int len, void *arg)
{
	struct vnet_flush *f = arg;
	struct vnet_route *rt;

	for (rt = val; rt; rt = rt->next) {
		if (f->proto >= 0 && rt->proto != f->proto)
			continue;
		/* a prefix's routes go in one batch: stop before it */
		if (f->n == VNET_FLUSH_BATCH) {
			f->key = *key;
			f->len = len;
			return 1;
		}
		f->rt[f->n++] = rt;
	}
	return 0;
}

/* Delete the routes of one family of @t, of protocol @proto or any (-1). */
static unsigned int vnet_table_flush_lpm(struct vnet_table *t,
					 struct vnet_lpm *lpm, int proto)
{
	struct vnet_flush f = { .proto = proto };
	unsigned int i, n = 0;
	bool first = true;
	int more;

	do {
		f.n = 0;
		more = vnet_lpm_walk(lpm, first ? NULL : &f.key, f.len,
				     vnet_flush_collect, &f);
		first = false;
		for (i = 0; i < f.n; i++)
			vnet_route_del(t, f.rt[i]);
		n += f.n;
		cond_resched();
	} while (more && f.n);
	return n;
}

/**
 * vnet_table_flush - delete routes of a table
 * @t: the table
 * @proto: the protocol of those to delete, or -1 for all
 *
 * Caller holds vnet_pernet.lock. Return: how many were deleted.
 */
unsigned int vnet_table_flush(struct vnet_table *t, int proto)
{
	return vnet_table_flush_lpm(t, &t->lpm4, proto) +
	       vnet_table_flush_lpm(t, &t->lpm6, proto);
}

static void vnet_route_free_list(void *val)
{
	struct vnet_route *rt = val, *next;

	for (; rt; rt = next) {
		next = rt->next;
		kfree(rt);
	}
}

/**
 * vnet_table_destroy - free a table and its routes
 * @t: the table, which no packet and no other object can reach any more
 *	(its routes are off their attachments' lists)
 */
void vnet_table_destroy(struct vnet_table *t)
{
	vnet_lpm_destroy(&t->lpm4, vnet_route_free_list);
	vnet_lpm_destroy(&t->lpm6, vnet_route_free_list);
	t->n = 0;
}

struct vnet_table_walk {
	int (*fn)(struct vnet_route *rt, void *arg);
	void *arg;
};

static int vnet_table_walk_one(void *val, const struct vnet_lpm_key *key,
			       unsigned int len, void *arg)
{
	struct vnet_table_walk *w = arg;

	return w->fn(val, w->arg);
}

/**
 * vnet_table_walk - visit the routes of a table in order
 * @t: the table
 * @family: AF_INET or AF_INET6
 * @start: the prefix to start at, or NULL
 * @fn: called with the first route of each prefix (the others follow it
 *	on ->next), in the order of address, then length; a nonzero return
 *	stops the walk
 * @arg: for @fn
 *
 * Caller holds vnet_pernet.lock. Return: 0 or what @fn returned.
 */
int vnet_table_walk(struct vnet_table *t, u8 family,
		    const struct vnet_prefix *start,
		    int (*fn)(struct vnet_route *rt, void *arg), void *arg)
{
	struct vnet_table_walk w = { .fn = fn, .arg = arg };
	struct vnet_lpm_key key;

	if (start)
		vnet_key_prefix(&key, start);
	return vnet_lpm_walk(vnet_table_lpm(t, family), start ? &key : NULL,
			     start ? start->len : 0, vnet_table_walk_one, &w);
}

/**
 * vnet_path_peering - the way of a packet from a peering router's table on
 * @pr: the peering router
 * @daddr: the packet's destination
 * @path: filled in: the route taken, the network it leads to, the node
 *
 * In the network the route leads to, the packet goes to the destination
 * itself when it is inside the network's prefixes (a network is flat),
 * else to the route's next-hop node.
 * Caller holds the RCU read lock.
 * Return: VNET_DROP_MAX if a node (or the host) takes the packet, else the
 * reason it is dropped.
 */
enum vnet_drop vnet_path_peering(struct vnet_peering *pr,
				 const struct vnet_addr *daddr,
				 struct vnet_path *path)
{
	struct vnet_route *rt;
	struct vnet_network *vn;

	path->pr = pr;
	rt = vnet_table_lookup(&pr->table, daddr);
	path->prt = rt;
	if (!rt)
		return VNET_DROP_NO_ROUTE;
	if (rt->type == VNET_ROUTE_BLACKHOLE)
		return VNET_DROP_BLACKHOLE;
	vn = rt->att->vn;
	path->egress = vn;
	if (vnet_prefixes_contain(vn, daddr))
		path->node = vnet_node_lookup(vn, daddr);
	else if (rt->nexthop.family)
		path->node = vnet_node_lookup(vn, &rt->nexthop);
	else
		return VNET_DROP_NO_ROUTE;
	return path->node ? VNET_DROP_MAX : VNET_DROP_UNKNOWN_NODE;
}

/**
 * vnet_path_resolve - the way of a packet that leaves its network
 * @vn: the network it comes from
 * @daddr: its destination, outside @vn's prefixes
 * @path: filled in: the routes taken, the peering router, the network and
 *	the node it goes to
 *
 * The network's table names a peering router, whose table names the
 * network the packet goes to. The one resolution of the packet path and
 * of `vnetctl route get`. Caller holds the RCU read lock.
 * Return: VNET_DROP_MAX if a node (or the host) takes the packet, else the
 * reason it is dropped.
 */
enum vnet_drop vnet_path_resolve(struct vnet_network *vn,
				 const struct vnet_addr *daddr,
				 struct vnet_path *path)
{
	struct vnet_route *rt;

	memset(path, 0, sizeof(*path));
	rt = vnet_table_lookup(&vn->table, daddr);
	path->rt = rt;
	if (!rt)
		return VNET_DROP_NO_ROUTE;
	if (rt->type == VNET_ROUTE_BLACKHOLE)
		return VNET_DROP_BLACKHOLE;
	path->in = rt->att;
	return vnet_path_peering(rt->att->pr, daddr, path);
}

/* Is @node where a packet came from: on @port, or else on the substrate
 * host @outer (a remote node; the host's own addresses never come from the
 * substrate)?
 */
static bool vnet_src_is(const struct vnet_node *node,
			const struct vnet_port *port,
			const struct vnet_addr *outer)
{
	if (port)
		return node->port == port;
	return node->remote && vnet_addr_equal(&node->remote->addr, outer);
}

/**
 * vnet_src_node - the node a packet's source address stands for
 * @vn: the network the packet comes from
 * @saddr: its source address
 * @port: the port it came on, or NULL if it came from the substrate
 * @outer: then the substrate address of the host it came from
 *
 * A node's own address; or an address outside the network's prefixes that
 * a peering router the network is attached to routes to a next-hop node of
 * the network: a router node sends from the prefixes routed to it. The
 * node must be where the packet came from; of several router nodes (one a
 * peering router), the one that is.
 * Caller holds the RCU read lock. Return: the node, or NULL.
 */
struct vnet_node *vnet_src_node(struct vnet_network *vn,
				const struct vnet_addr *saddr,
				const struct vnet_port *port,
				const struct vnet_addr *outer)
{
	struct vnet_node *node = vnet_node_lookup(vn, saddr);
	struct vnet_attach *att;
	struct vnet_route *rt;

	if (node || vnet_prefixes_contain(vn, saddr))
		return node && vnet_src_is(node, port, outer) ? node : NULL;
	list_for_each_entry_rcu(att, &vn->attachments, n_list) {
		rt = vnet_table_lookup(&att->pr->table, saddr);
		if (!rt || !rt->att || rt->att->vn != vn || !rt->nexthop.family)
			continue;
		node = vnet_node_lookup(vn, &rt->nexthop);
		if (node && vnet_src_is(node, port, outer))
			return node;
	}
	return NULL;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: route tables. A network's table leads to the peering routers it is
 * attached to; a peering router's leads to the networks attached to it,
 * and to next-hop nodes in them. Each table keeps its IPv4 and IPv6 routes
 * apart, in longest-prefix-match tries (lpm.c) keyed by the native
 * address.
 *
 * What a route says (struct vnet_route: where it leads, protocol, metric)
 * is shared by every route of the namespace that says the same, so a
 * prefix costs the trie one pointer: to its route, or, for the few
 * prefixes with several routes, to a set of them in order of preference
 * (the pointer tagged VNET_ROUTE_SET). The control path holds
 * vnet_pernet.lock; the packet path reads the tries under RCU and resolves
 * the way of a packet here, which `vnetctl route get` shows with the same
 * code.
 */
#include <linux/jhash.h>
#include <linux/rhashtable.h>
#include <linux/sort.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "vnet.h"

/* The routes one prefix may have (of different protocols or metrics). */
#define VNET_PREFIX_ROUTES	32

/* A route's key is its content from @metric on, of variable length. */
static u32 vnet_route_hashfn(const void *data, u32 len, u32 seed)
{
	const struct vnet_route *rt = data;

	return jhash((const u8 *)rt + VNET_ROUTE_KEY_OFF,
		     vnet_route_key_len(rt), seed);
}

static int vnet_route_cmpfn(struct rhashtable_compare_arg *arg,
			    const void *obj)
{
	const struct vnet_route *a = arg->key, *b = obj;

	return a->n_nh != b->n_nh ||
	       memcmp((const u8 *)a + VNET_ROUTE_KEY_OFF,
		      (const u8 *)b + VNET_ROUTE_KEY_OFF,
		      vnet_route_key_len(a));
}

static const struct rhashtable_params vnet_route_params = {
	.head_offset = offsetof(struct vnet_route, node),
	.hashfn = vnet_route_hashfn,
	.obj_hashfn = vnet_route_hashfn,
	.obj_cmpfn = vnet_route_cmpfn,
	.automatic_shrinking = true,
};

/* What a route costs, counted in vnet_pernet.route_mem */
static size_t vnet_route_bytes(const struct vnet_route *rt)
{
	return kmalloc_size_roundup(struct_size(rt, nh, rt->n_nh));
}

/* Count @rt's routes in the attachments it leads through (@d: 1 or -1). */
static void vnet_route_count(const struct vnet_route *rt, int d)
{
	unsigned int i;

	for (i = 0; i < rt->n_nh; i++)
		rt->nh[i].att->n_routes[rt->in_peering] += d;
}

int vnet_routes_init(struct vnet_pernet *pn)
{
	pn->route_mem = 0;
	return rhashtable_init(&pn->routes, &vnet_route_params);
}

void vnet_routes_destroy(struct vnet_pernet *pn)
{
	WARN_ON_ONCE(atomic_read(&pn->routes.nelems));
	rhashtable_destroy(&pn->routes);
}

/*
 * The shared route that says what @tmpl says (its key zero-padded, its
 * next hops in order), with one more reference; or an ERR_PTR().
 */
static struct vnet_route *vnet_route_hold(struct vnet_pernet *pn,
					  const struct vnet_route *tmpl)
{
	struct vnet_route *rt;
	int err;

	lockdep_assert_held(&pn->lock);
	rt = rhashtable_lookup_fast(&pn->routes, tmpl, vnet_route_params);
	if (rt) {
		refcount_inc(&rt->refs);
	} else {
		rt = kzalloc(struct_size(rt, nh, tmpl->n_nh),
			     GFP_KERNEL_ACCOUNT);
		if (!rt)
			return ERR_PTR(-ENOMEM);
		memcpy((u8 *)rt + VNET_ROUTE_KEY_OFF,
		       (const u8 *)tmpl + VNET_ROUTE_KEY_OFF,
		       vnet_route_key_len(tmpl));
		refcount_set(&rt->refs, 1);
		err = rhashtable_insert_fast(&pn->routes, &rt->node,
					     vnet_route_params);
		if (err) {
			kfree(rt);
			return ERR_PTR(err);
		}
		pn->route_mem += vnet_route_bytes(rt);
	}
	vnet_route_count(rt, 1);
	return rt;
}

/* Drop a reference; the last frees the route after a grace period. */
static void vnet_route_put(struct vnet_pernet *pn, struct vnet_route *rt)
{
	vnet_route_count(rt, -1);
	if (!refcount_dec_and_test(&rt->refs))
		return;
	rhashtable_remove_fast(&pn->routes, &rt->node, vnet_route_params);
	pn->route_mem -= vnet_route_bytes(rt);
	kfree_rcu(rt, rcu);
}

void vnet_table_init(struct vnet_table *t, struct vnet_pernet *pn)
{
	vnet_lpm_init(&t->lpm4, 32, &pn->lock);
	vnet_lpm_init(&t->lpm6, 128, &pn->lock);
	t->pn = pn;
	t->n = 0;
	t->set_mem = 0;
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

/* The prefix of a trie key of length @len. */
static void vnet_key_to_prefix(struct vnet_prefix *p, u8 family,
			       const struct vnet_lpm_key *key, unsigned int len)
{
	memset(p, 0, sizeof(*p));
	p->family = family;
	p->len = len;
	if (family == AF_INET) {
		p->addr.v4 = cpu_to_be32(key->hi >> 32);
	} else {
		p->addr.v6.s6_addr32[0] = cpu_to_be32(key->hi >> 32);
		p->addr.v6.s6_addr32[1] = cpu_to_be32((u32)key->hi);
		p->addr.v6.s6_addr32[2] = cpu_to_be32(key->lo >> 32);
		p->addr.v6.s6_addr32[3] = cpu_to_be32((u32)key->lo);
	}
}

static struct vnet_route_set *vnet_value_set(void *val)
{
	unsigned long v = (unsigned long)val;

	return v & VNET_ROUTE_SET ? (void *)(v & ~VNET_ROUTE_SET) : NULL;
}

/*
 * The routes of a trie value, in order of preference: @val (a variable
 * holding the value) stands for a single route. Return: their number.
 */
static unsigned int vnet_value_routes(void **val, struct vnet_route ***rt)
{
	struct vnet_route_set *set = vnet_value_set(*val);

	if (set) {
		*rt = set->rt;
		return set->n;
	}
	*rt = (struct vnet_route **)val;
	return *val ? 1 : 0;
}

static size_t vnet_set_bytes(unsigned int cap)
{
	return kmalloc_size_roundup(struct_size_t(struct vnet_route_set, rt, cap));
}

/* Free a set no packet can reach any more. */
static void vnet_set_free(struct vnet_table *t, struct vnet_route_set *set)
{
	t->set_mem -= vnet_set_bytes(set->cap);
	kfree(set);
}

/* Free a set after a grace period. */
static void vnet_set_free_rcu(struct vnet_table *t, struct vnet_route_set *set)
{
	t->set_mem -= vnet_set_bytes(set->cap);
	kfree_rcu(set, rcu);
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
	void *val;

	vnet_key(&key, addr->family, &addr->v4);
	val = vnet_lpm_lookup(vnet_table_lpm(t, addr->family), &key, NULL);
	return val ? vnet_route_first(val) : NULL;
}

/**
 * vnet_table_match - the route to an address, and its prefix
 * @t: the table
 * @addr: the destination
 * @p: gets the prefix of the route
 *
 * vnet_table_lookup() for the control path. Caller holds the RCU read lock
 * or vnet_pernet.lock. Return: the route, or NULL.
 */
struct vnet_route *vnet_table_match(struct vnet_table *t,
				    const struct vnet_addr *addr,
				    struct vnet_prefix *p)
{
	struct vnet_lpm_key key;
	unsigned int len;
	void *val;

	vnet_key(&key, addr->family, &addr->v4);
	val = vnet_lpm_lookup(vnet_table_lpm(t, addr->family), &key, &len);
	if (!val)
		return NULL;
	vnet_key(&key, addr->family, &addr->v4);
	if (len <= 64) {
		key.hi &= len ? ~0ULL << (64 - len) : 0;
		key.lo = 0;
	} else {
		key.lo &= ~0ULL << (128 - len);
	}
	vnet_key_to_prefix(p, addr->family, &key, len);
	return vnet_route_first(val);
}

/* The trie value of a prefix, under vnet_pernet.lock. */
static void *vnet_table_get(struct vnet_table *t, const struct vnet_prefix *p)
{
	struct vnet_lpm_key key;

	vnet_key_prefix(&key, p);
	return vnet_lpm_get(vnet_table_lpm(t, p->family), &key, p->len);
}

/* Make @val the value of @p; the old value, if a set, goes. */
static int vnet_table_set(struct vnet_table *t, const struct vnet_prefix *p,
			  void *val)
{
	struct vnet_route_set *set;
	struct vnet_lpm_key key;
	void *old;
	int err;

	vnet_key_prefix(&key, p);
	err = vnet_lpm_set(vnet_table_lpm(t, p->family), &key, p->len, val,
			   &old);
	if (err)
		return err;
	set = vnet_value_set(old);
	if (set)
		vnet_set_free_rcu(t, set);
	return 0;
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
	struct vnet_route **rt;
	unsigned int i, n;
	void *val;

	val = vnet_table_get(t, dst);
	n = vnet_value_routes(&val, &rt);
	for (i = 0; i < n; i++)
		if ((proto < 0 || rt[i]->proto == proto) &&
		    (metric < 0 || rt[i]->metric == metric))
			return rt[i];
	return NULL;
}

/* Add @rt to the routes of @dst, @val with @n of them: a new set. */
static int vnet_route_insert(struct vnet_table *t,
			     const struct vnet_prefix *dst, void *val,
			     unsigned int n, struct vnet_route *rt)
{
	struct vnet_route_set *set;
	struct vnet_route **old;
	unsigned int i, at;
	int err;

	if (!n)
		return vnet_table_set(t, dst, rt);
	vnet_value_routes(&val, &old);
	set = kmalloc(struct_size(set, rt, n + 1), GFP_KERNEL_ACCOUNT);
	if (!set)
		return -ENOMEM;
	set->n = n + 1;
	set->cap = n + 1;
	for (at = 0; at < n && !vnet_route_before(rt, old[at]); at++)
		;
	for (i = 0; i < at; i++)
		set->rt[i] = old[i];
	set->rt[at] = rt;
	for (i = at; i < n; i++)
		set->rt[i + 1] = old[i];
	t->set_mem += vnet_set_bytes(set->cap);
	err = vnet_table_set(t, dst, (void *)((unsigned long)set | VNET_ROUTE_SET));
	if (WARN_ON_ONCE(err))		/* the prefix is there: no memory needed */
		vnet_set_free(t, set);
	return err;
}

/**
 * vnet_route_add - put a route in a table
 * @t: the table
 * @dst: its prefix
 * @tmpl: what it says: from vnet_route_tmpl(), the next hops in the
 *	order of vnet_route_sort_nh()
 * @flags: NLM_F_CREATE, NLM_F_EXCL and NLM_F_REPLACE as for nodes: the
 *	route of the same prefix, protocol and metric is replaced only with
 *	NLM_F_REPLACE, atomically
 * @extack: for the reason of a failure
 *
 * Caller holds vnet_pernet.lock. Return: the shared route now in the
 * table, or an ERR_PTR().
 */
struct vnet_route *vnet_route_add(struct vnet_table *t,
				  const struct vnet_prefix *dst,
				  const struct vnet_route *tmpl, u32 flags,
				  struct netlink_ext_ack *extack)
{
	struct vnet_route **cur, *rt, *old;
	struct vnet_route_set *set;
	unsigned int i, n;
	void *val;
	int err;

	val = vnet_table_get(t, dst);
	n = vnet_value_routes(&val, &cur);
	for (i = 0; i < n; i++)
		if (cur[i]->proto == tmpl->proto && cur[i]->metric == tmpl->metric)
			break;
	if (i < n) {
		if (!(flags & NLM_F_REPLACE) || (flags & NLM_F_EXCL)) {
			NL_SET_ERR_MSG(extack,
				       "the table has a route of this prefix, protocol and metric");
			return ERR_PTR(-EEXIST);
		}
	} else if ((flags & NLM_F_REPLACE) && !(flags & NLM_F_CREATE)) {
		NL_SET_ERR_MSG(extack, "no such route to replace");
		return ERR_PTR(-ENOENT);
	} else if (t->n >= VNET_MAX_ROUTES) {
		NL_SET_ERR_MSG(extack, "the table has the most routes it may have");
		return ERR_PTR(-ENOSPC);
	} else if (n >= VNET_PREFIX_ROUTES) {
		NL_SET_ERR_MSG(extack, "the prefix has the most routes it may have");
		return ERR_PTR(-ENOSPC);
	}
	rt = vnet_route_hold(t->pn, tmpl);
	if (IS_ERR(rt))
		return rt;

	if (i < n) {
		/* same place in the order: the packet path sees one or the
		 * other
		 */
		old = cur[i];
		set = vnet_value_set(val);
		if (set) {
			/* a new route's fields before the pointer to it,
			 * which the packet path reads with READ_ONCE()
			 */
			smp_store_release(&set->rt[i], rt);
		} else {
			WARN_ON_ONCE(vnet_table_set(t, dst, rt));
		}
		vnet_route_put(t->pn, old);
		vnet_table_changed(t);
		return rt;
	}
	err = vnet_route_insert(t, dst, val, n, rt);
	if (err) {
		vnet_route_put(t->pn, rt);
		return ERR_PTR(err);
	}
	t->n++;
	vnet_table_changed(t);
	return rt;
}

/**
 * vnet_route_del - take a route out of a table
 * @t: the table
 * @dst: its prefix
 * @rt: the route (vnet_route_find())
 *
 * Caller holds vnet_pernet.lock. Never fails: it needs no memory.
 */
void vnet_route_del(struct vnet_table *t, const struct vnet_prefix *dst,
		    struct vnet_route *rt)
{
	struct vnet_route_set *set;
	struct vnet_lpm_key key;
	unsigned int i;
	void *val;

	val = vnet_table_get(t, dst);
	set = vnet_value_set(val);
	if (!set) {
		if (WARN_ON_ONCE(val != rt))
			return;
		vnet_key_prefix(&key, dst);
		vnet_lpm_del(vnet_table_lpm(t, dst->family), &key, dst->len);
	} else {
		for (i = 0; i < set->n && set->rt[i] != rt; i++)
			;
		if (WARN_ON_ONCE(i == set->n))
			return;
		if (set->n == 2) {
			/* in place: the prefix is there */
			WARN_ON_ONCE(vnet_table_set(t, dst, set->rt[!i]));
		} else {
			for (; i + 1 < set->n; i++)
				WRITE_ONCE(set->rt[i], set->rt[i + 1]);
			set->n--;
		}
	}
	t->n--;
	vnet_table_changed(t);
	vnet_route_put(t->pn, rt);
}

/* The prefixes a flush collects at a time, to delete outside the walk, and
 * the prefixes it looks at before it lets others run.
 */
#define VNET_FLUSH_BATCH	16
#define VNET_FLUSH_VISITS	1024

struct vnet_flush {
	struct vnet_prefix p[VNET_FLUSH_BATCH];
	unsigned int n, visits;
	vnet_route_match_fn match;
	const void *arg;
	struct vnet_prefix last;
};

static bool vnet_flush_match(const struct vnet_flush *f,
			     const struct vnet_prefix *p,
			     const struct vnet_route *rt)
{
	return !f->match || f->match(p, rt, f->arg);
}

static int vnet_flush_collect(const struct vnet_prefix *p,
			      struct vnet_route *const *rt, unsigned int n,
			      void *arg)
{
	struct vnet_flush *f = arg;
	unsigned int i;

	f->last = *p;
	for (i = 0; i < n && !vnet_flush_match(f, p, rt[i]); i++)
		;
	if (i < n)
		f->p[f->n++] = *p;
	return f->n == VNET_FLUSH_BATCH || ++f->visits == VNET_FLUSH_VISITS;
}

/* Delete the matching routes of @p. */
static unsigned int vnet_flush_prefix(struct vnet_table *t,
				      const struct vnet_flush *f,
				      const struct vnet_prefix *p)
{
	unsigned int i, n, deleted = 0;
	struct vnet_route **rt;
	void *val;

again:
	val = vnet_table_get(t, p);
	n = vnet_value_routes(&val, &rt);
	for (i = 0; i < n; i++) {
		if (vnet_flush_match(f, p, rt[i])) {
			vnet_route_del(t, p, rt[i]);
			deleted++;
			goto again;
		}
	}
	return deleted;
}

/**
 * vnet_table_flush - delete the routes of a table that match
 * @t: the table
 * @match: says which; NULL for all
 * @arg: for @match
 *
 * Caller holds vnet_pernet.lock. Never fails. Return: how many were
 * deleted.
 */
unsigned int vnet_table_flush(struct vnet_table *t, vnet_route_match_fn match,
			      const void *arg)
{
	struct vnet_flush f = { .match = match, .arg = arg };
	static const u8 families[] = { AF_INET, AF_INET6 };
	unsigned int i, j, n = 0;
	struct vnet_prefix next;
	int more;

	for (j = 0; j < ARRAY_SIZE(families); j++) {
		bool first = true;

		do {
			f.n = 0;
			f.visits = 0;
			more = vnet_table_walk(t, families[j],
					       first ? NULL : &next,
					       vnet_flush_collect, &f);
			first = false;
			for (i = 0; i < f.n; i++)
				n += vnet_flush_prefix(t, &f, &f.p[i]);
			/* on after the last prefix looked at (a length past
			 * the address's comes after all of that address)
			 */
			next = f.last;
			next.len++;
			cond_resched();
		} while (more);
	}
	return n;
}

static bool vnet_match_proto(const struct vnet_prefix *p,
			     const struct vnet_route *rt, const void *arg)
{
	return rt->proto == *(const int *)arg;
}

/**
 * vnet_table_flush_proto - empty a table, or delete its routes of a protocol
 * @t: the table
 * @proto: the protocol, or -1 for all
 *
 * All of a table goes at once, its tries freed after a grace period.
 * Caller holds vnet_pernet.lock. Return: how many routes were deleted.
 */
unsigned int vnet_table_flush_proto(struct vnet_table *t, int proto)
{
	unsigned int n = t->n;

	if (proto >= 0)
		return vnet_table_flush(t, vnet_match_proto, &proto);
	vnet_table_release(t);
	return n;
}

static bool vnet_match_att(const struct vnet_prefix *p,
			   const struct vnet_route *rt, const void *arg)
{
	unsigned int i;

	for (i = 0; i < rt->n_nh; i++)
		if (rt->nh[i].att == arg)
			return true;
	return false;
}

/**
 * vnet_table_flush_att - delete the routes of a table through an attachment
 * @t: the table: the network's or the peering router's of @att
 * @att: the attachment
 *
 * A route of several next hops goes whole, if one of them is through @att.
 * Caller holds vnet_pernet.lock. Never fails.
 */
void vnet_table_flush_att(struct vnet_table *t, struct vnet_attach *att)
{
	if (att->n_routes[t == &att->pr->table])
		vnet_table_flush(t, vnet_match_att, att);
}

static void vnet_value_put(struct vnet_table *t, void *val)
{
	struct vnet_route **rt;
	unsigned int i, n;

	n = vnet_value_routes(&val, &rt);
	for (i = 0; i < n; i++)
		vnet_route_put(t->pn, rt[i]);
}

static int vnet_release_one(void *val, const struct vnet_lpm_key *key,
			    unsigned int len, void *arg)
{
	struct vnet_table *t = arg;

	vnet_value_put(t, val);
	cond_resched();
	return 0;
}

/* A released table's tries, freed after a grace period. */
struct vnet_table_dead {
	struct rcu_work rwork;
	struct vnet_lpm lpm4;
	struct vnet_lpm lpm6;
};

static void vnet_set_destroy(void *val)
{
	kfree(vnet_value_set(val));
}

static void vnet_table_dead_free(struct vnet_table_dead *d)
{
	vnet_lpm_destroy(&d->lpm4, vnet_set_destroy);
	vnet_lpm_destroy(&d->lpm6, vnet_set_destroy);
}

static void vnet_table_dead_work(struct work_struct *work)
{
	struct vnet_table_dead *d = container_of(to_rcu_work(work),
						 struct vnet_table_dead, rwork);

	vnet_table_dead_free(d);
	kfree(d);
}

/* Unpublish a trie, to @dead, and let go of its routes. */
static void vnet_lpm_release(struct vnet_table *t, struct vnet_lpm *lpm,
			     struct vnet_lpm *dead)
{
	*dead = *lpm;
	vnet_lpm_init(lpm, dead->bits, dead->lock);
	vnet_lpm_walk(dead, NULL, 0, vnet_release_one, t);
}

/**
 * vnet_table_release - empty a table at once
 * @t: the table
 *
 * No lookup finds a route of @t any more; one that began before may still
 * read the old tries, which a work item frees after a grace period (or,
 * without memory for it, this waits for one). Caller holds
 * vnet_pernet.lock.
 */
void vnet_table_release(struct vnet_table *t)
{
	struct vnet_table_dead *d, stack;

	lockdep_assert_held(&t->pn->lock);
	d = kmalloc(sizeof(*d), GFP_KERNEL);
	vnet_lpm_release(t, &t->lpm4, d ? &d->lpm4 : &stack.lpm4);
	vnet_lpm_release(t, &t->lpm6, d ? &d->lpm6 : &stack.lpm6);
	t->n = 0;
	t->set_mem = 0;
	vnet_table_changed(t);
	if (d) {
		INIT_RCU_WORK(&d->rwork, vnet_table_dead_work);
		queue_rcu_work(vnet_wq, &d->rwork);
	} else {
		synchronize_rcu();
		vnet_table_dead_free(&stack);
	}
}

/**
 * vnet_table_destroy - check that a table going is empty
 * @t: the table, released (vnet_table_release()) or never filled
 *
 * A table still holding routes here is a bug: they are leaked, not freed
 * under a reader.
 */
void vnet_table_destroy(struct vnet_table *t)
{
	WARN_ON_ONCE(t->lpm4.root || t->lpm4.def || t->lpm6.root ||
		     t->lpm6.def || t->n);
}

/**
 * vnet_table_mem - the bytes a table takes: its tries and sets of routes
 *	(the routes themselves are shared: vnet_pernet.route_mem)
 * @t: the table
 */
size_t vnet_table_mem(const struct vnet_table *t)
{
	return t->lpm4.mem + t->lpm6.mem + t->set_mem;
}

struct vnet_table_walk {
	int (*fn)(const struct vnet_prefix *p, struct vnet_route *const *rt,
		  unsigned int n, void *arg);
	void *arg;
	u8 family;
};

static int vnet_table_walk_one(void *val, const struct vnet_lpm_key *key,
			       unsigned int len, void *arg)
{
	struct vnet_table_walk *w = arg;
	struct vnet_prefix p;
	struct vnet_route **rt;
	unsigned int n;

	vnet_key_to_prefix(&p, w->family, key, len);
	n = vnet_value_routes(&val, &rt);
	return w->fn(&p, rt, n, w->arg);
}

/**
 * vnet_table_walk - visit the routes of a table in order
 * @t: the table
 * @family: AF_INET or AF_INET6
 * @start: the prefix to start at, or NULL
 * @fn: called with each prefix and its routes in order of preference, in
 *	the order of address, then length; a nonzero return stops the walk
 * @arg: for @fn
 *
 * Caller holds vnet_pernet.lock. Return: 0 or what @fn returned.
 */
int vnet_table_walk(struct vnet_table *t, u8 family,
		    const struct vnet_prefix *start,
		    int (*fn)(const struct vnet_prefix *p,
			      struct vnet_route *const *rt, unsigned int n,
			      void *arg),
		    void *arg)
{
	struct vnet_table_walk w = { .fn = fn, .arg = arg, .family = family };
	struct vnet_lpm_key key;

	if (start)
		vnet_key_prefix(&key, start);
	return vnet_lpm_walk(vnet_table_lpm(t, family), start ? &key : NULL,
			     start ? start->len : 0, vnet_table_walk_one, &w);
}

/* The node of @vn a packet to @daddr goes to through next hop @nh. */
static struct vnet_node *vnet_nh_node(const struct vnet_nexthop *nh,
				      const struct vnet_addr *daddr)
{
	struct vnet_network *vn = nh->att->vn;

	if (vnet_prefixes_contain(vn, daddr))
		return vnet_node_lookup(vn, daddr);
	if (nh->addr.family)
		return vnet_node_lookup(vn, &nh->addr);
	return NULL;
}

/**
 * vnet_path_peering - the way of a packet from a peering router's table on
 * @pr: the peering router
 * @daddr: the packet's destination
 * @skb: the packet, whose flow picks one of a route's next hops (NULL:
 *	the first that leads somewhere)
 * @local: if not NULL, the network the packet came in on from another
 *	host, which routed it: only a next hop into @local whose node is on
 *	a port of this host takes it (the receiving host's check)
 * @path: filled in: the route taken, the next hop, the network it leads
 *	to, the node
 *
 * In the network a next hop leads to, the packet goes to the destination
 * itself when it is inside the network's prefixes (a network is flat),
 * else to the next hop's node. Of a route's next hops, the flow's hash
 * picks one; a next hop whose node is missing or whose network is down
 * (or, with @local, that leads elsewhere) is passed over for the next.
 * Caller holds the RCU read lock.
 * Return: VNET_DROP_MAX if a node (or the host) takes the packet, else the
 * reason it is dropped.
 */
enum vnet_drop vnet_path_peering(struct vnet_peering *pr,
				 const struct vnet_addr *daddr,
				 struct sk_buff *skb,
				 const struct vnet_network *local,
				 struct vnet_path *path)
{
	const struct vnet_nexthop *nh;
	struct vnet_node *node;
	struct vnet_route *rt;
	unsigned int i, k;
	bool into = false;

	path->pr = pr;
	rt = vnet_table_lookup(&pr->table, daddr);
	path->prt = rt;
	if (!rt)
		return VNET_DROP_NO_ROUTE;
	if (rt->type == VNET_ROUTE_BLACKHOLE)
		return VNET_DROP_BLACKHOLE;
	i = 0;
	if (rt->n_nh > 1 && skb)
		i = reciprocal_scale(skb_get_hash(skb), rt->n_nh);
	for (k = 0; k < rt->n_nh; k++, i = i + 1 < rt->n_nh ? i + 1 : 0) {
		nh = &rt->nh[i];
		node = vnet_nh_node(nh, daddr);
		if (nh->att->vn == local)
			into = true;
		if (!path->nh) {
			/* the reason of a drop is the first's */
			path->nh = nh;
			path->egress = nh->att->vn;
		}
		if (node && netif_running(nh->att->vn->dev) &&
		    (!local || (nh->att->vn == local && node->port))) {
			path->nh = nh;
			path->egress = nh->att->vn;
			path->node = node;
			return VNET_DROP_MAX;
		}
	}
	nh = path->nh;
	/* the lookup does not lead into the network it came in on */
	if (local && !into)
		return VNET_DROP_NO_ROUTE;
	if (!vnet_prefixes_contain(nh->att->vn, daddr) && !nh->addr.family)
		return VNET_DROP_NO_ROUTE;
	return VNET_DROP_UNKNOWN_NODE;
}

/**
 * vnet_path_resolve - the way of a packet that leaves its network
 * @vn: the network it comes from
 * @daddr: its destination, outside @vn's prefixes
 * @skb: the packet (or NULL), as for vnet_path_peering()
 * @local: as for vnet_path_peering()
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
				 struct sk_buff *skb,
				 const struct vnet_network *local,
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
	path->in = rt->nh[0].att;
	return vnet_path_peering(path->in->pr, daddr, skb, local, path);
}

/* Compare next hops: by network, then address. */
static int vnet_nh_cmp(const void *a, const void *b)
{
	const struct vnet_nexthop *x = a, *y = b;
	int ix = x->att->vn->dev->ifindex, iy = y->att->vn->dev->ifindex;

	if (ix != iy)
		return ix < iy ? -1 : 1;
	return memcmp(&x->addr, &y->addr, sizeof(x->addr));
}

/**
 * vnet_route_sort_nh - put a new route's next hops in their order
 * @tmpl: the route: one key for one set of next hops, however given
 *
 * Return: 0, or -EEXIST if two of them are the same.
 */
int vnet_route_sort_nh(struct vnet_route *tmpl)
{
	unsigned int i;

	sort(tmpl->nh, tmpl->n_nh, sizeof(tmpl->nh[0]), vnet_nh_cmp, NULL);
	for (i = 1; i < tmpl->n_nh; i++)
		if (!vnet_nh_cmp(&tmpl->nh[i - 1], &tmpl->nh[i]))
			return -EEXIST;
	return 0;
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
 * the network: a router node sends from the prefixes routed to it (one of
 * the next hops of the route, if it has several). The node must be where
 * the packet came from; of several router nodes (one a peering router),
 * the one that is.
 * Caller holds the RCU read lock. Return: the node, or NULL.
 */
struct vnet_node *vnet_src_node(struct vnet_network *vn,
				const struct vnet_addr *saddr,
				const struct vnet_port *port,
				const struct vnet_addr *outer)
{
	struct vnet_node *node = vnet_node_lookup(vn, saddr);
	const struct vnet_nexthop *nh;
	struct vnet_attach *att;
	struct vnet_route *rt;
	unsigned int i;

	if (node || vnet_prefixes_contain(vn, saddr))
		return node && vnet_src_is(node, port, outer) ? node : NULL;
	list_for_each_entry_rcu(att, &vn->attachments, n_list) {
		rt = vnet_table_lookup(&att->pr->table, saddr);
		if (!rt)
			continue;
		for (i = 0; i < rt->n_nh; i++) {
			nh = &rt->nh[i];
			if (nh->att->vn != vn || !nh->addr.family)
				continue;
			node = vnet_node_lookup(vn, &nh->addr);
			if (node && vnet_src_is(node, port, outer))
				return node;
		}
	}
	return NULL;
}

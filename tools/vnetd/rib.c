// SPDX-License-Identifier: GPL-2.0
/*
 * vnetd: the routing information base of each peering router.
 *
 * A table per family maps a prefix to the paths the peers announced for
 * it, at most one a peer; a path is a pointer to the peer's attributes,
 * interned so that a full table of prefixes behind one path costs a pointer
 * a prefix. The best paths of a prefix (RFC 4271 9.1.2, those equal
 * after the MED step all taken, for ECMP) decide what the kernel's table
 * says (a route of protocol bgp through the announcing routers) and what
 * the other peers are told. A change queues the prefix for the kernel
 * and for the peers; the queues are drained by kernel_sync() and
 * peer_export_more().
 */
#include <stdlib.h>
#include <string.h>

#include "vnetd.h"

/* FNV-1a */
static uint32_t hash_bytes(uint32_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		h = (h ^ *b++) * 16777619u;
	return h;
}

#define HASH_INIT	2166136261u

int kvec_push(struct kvec *k, const struct rkey *key)
{
	struct rkey *v;

	if (k->n == k->cap) {
		v = realloc(k->v, (k->cap ? k->cap * 2 : 64) * sizeof(*v));
		if (!v)
			return -1;
		k->v = v;
		k->cap = k->cap ? k->cap * 2 : 64;
	}
	k->v[k->n++] = *key;
	return 0;
}

void kvec_free(struct kvec *k)
{
	free(k->v);
	memset(k, 0, sizeof(*k));
}

/* --- interned attributes */

static uint32_t rattr_hash(const struct peer *p, const struct bgp_attrs *a,
			   const struct rhop *hops, unsigned int nhops)
{
	uint32_t h = hash_bytes(HASH_INIT, &p, sizeof(p));

	h = hash_bytes(h, &p->gen, sizeof(p->gen));
	h = hash_bytes(h, &a->origin, 1);
	if (a->has_med)
		h = hash_bytes(h, &a->med, 4);
	h = hash_bytes(h, hops, nhops * sizeof(*hops));
	return hash_bytes(h, a->as_path, a->as_path_len);
}

static bool rattr_same(const struct rattr *r, const struct peer *p,
		       const struct bgp_attrs *a, const struct rhop *hops,
		       unsigned int nhops)
{
	return r->peer == p && r->gen == p->gen && r->origin == a->origin &&
	       r->has_med == a->has_med && (!a->has_med || r->med == a->med) &&
	       r->as_path_len == a->as_path_len && r->nhops == nhops &&
	       !memcmp(r->hops, hops, nhops * sizeof(*hops)) &&
	       !memcmp(r->as_path, a->as_path, a->as_path_len);
}

static void attrs_grow(void)
{
	size_t n = vd.nattrs_buckets ? vd.nattrs_buckets * 2 : 256, i;
	struct rattr **b = calloc(n, sizeof(*b)), *r, *next;

	if (!b)
		return;		/* longer chains, still correct */
	for (i = 0; i < vd.nattrs_buckets; i++) {
		for (r = vd.attrs[i]; r; r = next) {
			next = r->next;
			r->next = b[r->hash & (n - 1)];
			b[r->hash & (n - 1)] = r;
		}
	}
	free(vd.attrs);
	vd.attrs = b;
	vd.nattrs_buckets = n;
}

/**
 * rattr_get - the interned attributes of a path, with a reference
 * @p: the peer that sent them
 * @a: as parsed
 * @hops: from another host, the routers the path goes through (zeroed
 *	past their addresses, so that they compare whole), or NULL
 * @nhops: their number
 *
 * Return: the attributes, or NULL if memory ran out.
 */
struct rattr *rattr_get(struct peer *p, const struct bgp_attrs *a,
			const struct rhop *hops, unsigned int nhops)
{
	uint32_t h = rattr_hash(p, a, hops, nhops);
	struct rattr *r;

	if (vd.nattrs >= vd.nattrs_buckets)
		attrs_grow();
	for (r = vd.attrs[h & (vd.nattrs_buckets - 1)]; r; r = r->next) {
		if (r->hash == h && rattr_same(r, p, a, hops, nhops)) {
			r->refs++;
			return r;
		}
	}
	r = malloc(sizeof(*r) + a->as_path_len);
	if (!r)
		return NULL;
	r->hops = NULL;
	if (nhops) {
		r->hops = malloc(nhops * sizeof(*hops));
		if (!r->hops) {
			free(r);
			return NULL;
		}
		memcpy(r->hops, hops, nhops * sizeof(*hops));
	}
	r->nhops = nhops;
	r->hash = h;
	r->refs = 1;
	r->peer = p;
	r->gen = p->gen;
	r->med = a->has_med ? a->med : 0;
	r->has_med = a->has_med;
	r->origin = a->origin;
	r->as_path_count = a->as_path_count;
	r->as_path_len = a->as_path_len;
	memcpy(r->as_path, a->as_path, a->as_path_len);
	r->next = vd.attrs[h & (vd.nattrs_buckets - 1)];
	vd.attrs[h & (vd.nattrs_buckets - 1)] = r;
	vd.nattrs++;
	return r;
}

void rattr_put(struct rattr *r)
{
	struct rattr **pp;

	if (--r->refs)
		return;
	for (pp = &vd.attrs[r->hash & (vd.nattrs_buckets - 1)]; *pp;
	     pp = &(*pp)->next) {
		if (*pp == r) {
			*pp = r->next;
			break;
		}
	}
	vd.nattrs--;
	free(r->hops);
	free(r);
}

/* --- tables */

void rtable_init(struct rtable *t, int family)
{
	memset(t, 0, sizeof(*t));
	t->family = family;
	t->alen = family == AF_INET ? 4 : 16;
}

static uint32_t prefix_hash(const struct rtable *t, const uint8_t *addr,
			    uint8_t len)
{
	return hash_bytes(hash_bytes(HASH_INIT, addr, t->alen), &len, 1);
}

static void entry_free_paths(struct rentry *e)
{
	unsigned int i;

	if (e->npaths == 1)
		rattr_put(e->p.one);
	for (i = 0; e->npaths > 1 && i < e->npaths; i++)
		rattr_put(e->p.many[i]);
	if (e->npaths > 1)
		free(e->p.many);
	e->npaths = 0;
}

void rtable_free(struct rtable *t)
{
	struct rentry *e, *next;
	size_t i;

	for (i = 0; i < t->nbuckets; i++) {
		for (e = t->bucket[i]; e; e = next) {
			next = e->next;
			entry_free_paths(e);
			free(e);
		}
	}
	free(t->bucket);
	rtable_init(t, t->family);
}

static void rtable_grow(struct rtable *t)
{
	size_t n = t->nbuckets ? t->nbuckets * 2 : 1024, i, h;
	struct rentry **b = calloc(n, sizeof(*b)), *e, *next;

	if (!b)
		return;
	for (i = 0; i < t->nbuckets; i++) {
		for (e = t->bucket[i]; e; e = next) {
			next = e->next;
			h = prefix_hash(t, e->addr, e->len) & (n - 1);
			e->next = b[h];
			b[h] = e;
		}
	}
	free(t->bucket);
	t->bucket = b;
	t->nbuckets = n;
	t->gen++;
}

struct rentry *rtable_find(struct rtable *t, const uint8_t *addr, uint8_t len)
{
	struct rentry *e;

	if (!t->nbuckets)
		return NULL;
	for (e = t->bucket[prefix_hash(t, addr, len) & (t->nbuckets - 1)]; e;
	     e = e->next)
		if (e->len == len && !memcmp(e->addr, addr, t->alen))
			return e;
	return NULL;
}

/* The entry of a prefix, made if missing; NULL if memory ran out. */
struct rentry *rtable_get(struct rtable *t, const uint8_t *addr, uint8_t len)
{
	struct rentry *e = rtable_find(t, addr, len);
	size_t h;

	if (e)
		return e;
	if (t->n >= t->nbuckets)
		rtable_grow(t);
	if (!t->nbuckets)
		return NULL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	memcpy(e->addr, addr, t->alen);
	e->len = len;
	h = prefix_hash(t, addr, len) & (t->nbuckets - 1);
	e->next = t->bucket[h];
	t->bucket[h] = e;
	t->n++;
	return e;
}

/* Free @e if nothing holds it: no path, nothing installed, not queued. */
void rtable_maybe_free(struct rtable *t, struct rentry *e)
{
	struct rentry **pp;

	if (e->npaths || e->ninst || e->flags)
		return;
	for (pp = &t->bucket[prefix_hash(t, e->addr, e->len) & (t->nbuckets - 1)];
	     *pp; pp = &(*pp)->next) {
		if (*pp == e) {
			*pp = e->next;
			t->n--;
			free(e);
			return;
		}
	}
}

/* --- best paths */

static struct rattr *const *entry_paths(const struct rentry *e)
{
	return e->npaths == 1 ? &e->p.one : e->p.many;
}

/*
 * Compare two paths by RFC 4271 9.1.2.2 as far as ECMP goes: AS path
 * length, origin, MED. Negative: @a is better; 0: equal.
 *
 * MED is compared between any two paths, not only those of one neighbour
 * AS ("always compare MED"): the order is then total, and the best paths
 * the same whatever order they arrived in, on every host. The eBGP step
 * has nothing to choose: every router is an external peer (the kernel
 * refuses an equal AS number), and another host's path is its router's.
 */
static int path_cmp(const struct rattr *a, const struct rattr *b)
{
	if (a->as_path_count != b->as_path_count)
		return a->as_path_count < b->as_path_count ? -1 : 1;
	if (a->origin != b->origin)
		return a->origin < b->origin ? -1 : 1;
	if (a->med != b->med)
		return a->med < b->med ? -1 : 1;
	return 0;
}

/* Of equal paths, the one announced (the lowest BGP identifier, address) */
static int path_tiebreak(const struct rattr *a, const struct rattr *b)
{
	if (a->peer->peer_id != b->peer->peer_id)
		return a->peer->peer_id < b->peer->peer_id ? -1 : 1;
	return memcmp(&a->peer->cfg.addr.addr, &b->peer->cfg.addr.addr,
		      sizeof(a->peer->cfg.addr.addr));
}

/**
 * rib_best - the best paths of a prefix
 * @e: the prefix
 * @best: gets them, the one to announce first
 * @max: room in @best
 * @local: of the paths from this host's routers only (what the other
 *	hosts are told)
 *
 * The comparison looks at the paths alone, not at where they came from,
 * so that every host, seeing the same paths, installs the same routes.
 * Return: their number (0 if none).
 */
unsigned int rib_best(const struct rentry *e, struct rattr **best,
		      unsigned int max, bool local)
{
	struct rattr *const *p = entry_paths(e);
	unsigned int i, n = 0;
	int c;

	for (i = 0; i < e->npaths; i++) {
		if (local && p[i]->peer->mesh)
			continue;
		c = n ? path_cmp(p[i], best[0]) : -1;
		if (c < 0) {
			best[0] = p[i];
			n = 1;
		} else if (c == 0) {
			/* the one announced first, whatever the room */
			if (path_tiebreak(p[i], best[0]) < 0) {
				if (n < max)
					best[n++] = best[0];
				best[0] = p[i];
			} else if (n < max) {
				best[n++] = p[i];
			}
		}
	}
	return n;
}

/* A next hop's hash: its network and the router's address */
uint32_t hop_hash(uint32_t ifindex, const struct prefix *addr)
{
	return hash_bytes(hash_bytes(HASH_INIT, &ifindex, 4), &addr->addr, 16);
}

/* A hash of next hops, the same however ordered */
uint32_t hops_hash(const struct rhop *hops, unsigned int n)
{
	unsigned int i;
	uint32_t h = 0;

	for (i = 0; i < n; i++)
		h ^= hop_hash(hops[i].ifindex, &hops[i].addr);
	return h ^ n;
}

/* Next hops in an order every host agrees on: network id, address */
static int hop_cmp(const void *x, const void *y)
{
	const struct rhop *a = x, *b = y;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	if (a->addr.family != b->addr.family)
		return a->addr.family < b->addr.family ? -1 : 1;
	return memcmp(&a->addr.addr, &b->addr.addr, sizeof(a->addr.addr));
}

/* Room for the next hops of every path of a prefix (at most 255 of them) */
#define HOPS_ROOM	256

/**
 * rib_hops - the next hops of paths, each once, the first VNET_MAX_NEXTHOPS
 * @best: the paths
 * @n: their number
 * @hops: gets at most VNET_MAX_NEXTHOPS
 *
 * A router's path goes through the router; a path from another host
 * through the routers that host named. The hops are kept in (network id,
 * address) order before the excess is left out, so that every host keeps
 * the same ones.
 * Return: their number.
 */
unsigned int rib_hops(struct rattr *const *best, unsigned int n,
		      struct rhop *hops)
{
	struct rhop all[HOPS_ROOM];
	unsigned int i, j, k, nh = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < (best[i]->peer->mesh ? best[i]->nhops : 1) &&
		     nh < HOPS_ROOM; j++) {
			if (best[i]->peer->mesh) {
				all[nh++] = best[i]->hops[j];
				continue;
			}
			memset(&all[nh], 0, sizeof(all[nh]));
			all[nh].id = best[i]->peer->att->info.id;
			all[nh].ifindex = best[i]->peer->att->info.ifindex;
			all[nh++].addr = best[i]->peer->cfg.addr;
		}
	}
	qsort(all, nh, sizeof(*all), hop_cmp);
	for (i = 0, k = 0; i < nh && k < VNET_MAX_NEXTHOPS; i++)
		if (!k || hop_cmp(&all[i], &hops[k - 1]))
			hops[k++] = all[i];
	return k;
}

/* The next hops of the route a prefix has in the kernel, if any */
unsigned int rib_route(const struct rentry *e, struct rhop *hops)
{
	struct rattr *best[HOPS_ROOM];
	unsigned int n;

	n = e->npaths ? rib_best(e, best, HOPS_ROOM, false) : 0;
	return rib_hops(best, n, hops);
}

/* Does a path come from (a router of) the network of @att? */
static bool path_from(const struct rattr *r, const struct attach *att)
{
	unsigned int i;

	if (!r->peer->mesh)
		return r->peer->att == att;
	for (i = 0; i < r->nhops; i++)
		if (r->hops[i].ifindex == att->info.ifindex)
			return true;
	return false;
}

/**
 * peer_exports - does @p get told of a prefix, and with what?
 * @p: the peer
 * @t: the table of the prefix
 * @e: the prefix
 * @attr: set to the path to announce
 *
 * A peer is told the best path of its peering router, unless that comes
 * from its own attachment, its export filter stops it, or its own AS is
 * in the path (it would drop it).
 */
bool peer_exports(const struct peer *p, const struct rtable *t,
		  const struct rentry *e, struct rattr **attr)
{
	struct rattr *best[1];
	struct prefix pfx;

	if (p->mesh || !e->npaths || !rib_best(e, best, 1, false))
		return false;
	if (path_from(best[0], p->att))
		return false;
	if (p->cfg.n_export) {
		memset(&pfx, 0, sizeof(pfx));
		pfx.family = t->family;
		pfx.len = e->len;
		memcpy(&pfx.addr, e->addr, t->alen);
		if (!vnet_filter_match(p->cfg.export, p->cfg.n_export, &pfx))
			return false;
	}
	if (bgp_as_path_contains(best[0]->as_path, best[0]->as_path_len,
				 p->cfg.asn))
		return false;
	*attr = best[0];
	return true;
}

/**
 * mesh_exports - are the other hosts told of a prefix, and with what?
 * @e: the prefix
 * @attr: set to the best path of this host's routers
 * @hops: set to the routers of all its equals
 * @nhops: their number
 *
 * Each host tells the others its own routers' best paths, and so every
 * host sees every path that could be best.
 */
bool mesh_exports(const struct rentry *e, struct rattr **attr,
		  struct rhop *hops, unsigned int *nhops)
{
	struct rattr *best[HOPS_ROOM];
	unsigned int n;

	n = e->npaths ? rib_best(e, best, HOPS_ROOM, true) : 0;
	if (!n)
		return false;
	*attr = best[0];
	*nhops = rib_hops(best, n, hops);
	return true;
}

/* Queue a prefix whose best path changed for the kernel and the peers. */
void rib_changed(struct peering *pr, struct rtable *t, struct rentry *e,
		 const struct peer *old_src, const struct peer *new_src)
{
	struct rkey key;
	struct attach *att;
	unsigned int i;
	struct peer *p;
	int af = af_index(t->family);

	memcpy(key.addr, e->addr, 16);
	key.len = e->len;
	key.family = t->family;
	if (!(e->flags & RE_DIRTY) && !kvec_push(&pr->dirty, &key))
		e->flags |= RE_DIRTY;
	for (att = pr->atts; att; att = att->next) {
		/* the hosts are told of their own (mesh_queue()) */
		if (att->mesh)
			continue;
		/* its own routes are none of its peers' business */
		if ((!old_src || old_src->att == att) &&
		    (!new_src || new_src->att == att))
			continue;
		for (i = 0; i < att->npeers; i++) {
			p = att->peers[i];
			if (!p || p->state != ST_ESTABLISHED || !p->af[af].on)
				continue;
			/* even during a full sync: it may withdraw */
			kvec_push(&p->af[af].queue, &key);
		}
	}
}

/*
 * The best path of @e into *@first, and a hash of the route's hops; of
 * this host's routers' paths only, if @local (what the other hosts hear)
 */
static unsigned int best_state(const struct rentry *e, struct rattr **first,
			       uint32_t *hash, bool local)
{
	struct rattr *all[HOPS_ROOM];
	struct rhop hops[VNET_MAX_NEXTHOPS];
	unsigned int n;

	n = e->npaths ? rib_best(e, all, HOPS_ROOM, local) : 0;
	*hash = n ? hops_hash(hops, rib_hops(all, n, hops)) : 0;
	if (n)
		*first = all[0];
	return n;
}

/**
 * rib_update - a peer announced or withdrew a prefix
 * @pr: its peering router
 * @p: the peer
 * @pfx: the prefix
 * @a: the path's attributes (the caller's reference passes to the table),
 *	or NULL for a withdrawal
 *
 * Return: how the peer's count of prefixes moved: 1, 0 or -1; -2 if
 * memory ran out.
 */
int rib_update(struct peering *pr, struct peer *p, const struct bgp_prefix *pfx,
	       struct rattr *a)
{
	struct rtable *t = &pr->t[af_index(pfx->family)];
	struct rattr *before[1] = {}, *after[1] = {}, **many;
	struct rattr *lbefore[1] = {}, *lafter[1] = {};
	unsigned int i, nb, na, lnb = 0, lna;
	uint32_t hb, ha, lhb = 0, lha;
	struct rattr *const *paths;
	struct rentry *e;
	int delta = 0;
	bool mesh;

	e = a ? rtable_get(t, pfx->addr, pfx->len) :
		rtable_find(t, pfx->addr, pfx->len);
	if (!e) {
		if (a) {
			rattr_put(a);
			return -2;
		}
		return 0;
	}
	nb = best_state(e, before, &hb, false);
	mesh = !p->mesh && pr->mesh;
	if (mesh)
		lnb = best_state(e, lbefore, &lhb, true);
	paths = entry_paths(e);
	for (i = 0; i < e->npaths; i++)
		if (paths[i]->peer == p)
			break;
	if (i < e->npaths) {
		/* the peer's path: replaced or gone; one of an earlier
		 * session was not counted in this one's
		 */
		bool counted = paths[i]->gen == p->gen;

		rattr_put(paths[i]);
		if (a) {
			if (e->npaths == 1)
				e->p.one = a;
			else
				e->p.many[i] = a;
			delta = !counted;
		} else if (e->npaths == 1) {
			e->npaths = 0;
			delta = -counted;
		} else if (e->npaths == 2) {
			struct rattr *keep = e->p.many[!i];

			free(e->p.many);
			e->p.one = keep;
			e->npaths = 1;
			delta = -counted;
		} else {
			memmove(&e->p.many[i], &e->p.many[i + 1],
				(e->npaths - i - 1) * sizeof(*e->p.many));
			e->npaths--;
			delta = -counted;
		}
	} else if (a) {
		if (!e->npaths) {
			e->p.one = a;
		} else {
			many = malloc((e->npaths + 1) * sizeof(*many));
			if (!many) {
				rattr_put(a);
				return -2;
			}
			if (e->npaths == 1)
				many[0] = e->p.one;
			else
				memcpy(many, e->p.many, e->npaths * sizeof(*many));
			many[e->npaths] = a;
			if (e->npaths > 1)
				free(e->p.many);
			e->p.many = many;
		}
		e->npaths++;
		delta = 1;
	} else {
		return 0;
	}
	if (a)
		e->flags &= ~RE_STALE;
	/* the other hosts hear of a change of this host's best */
	if (mesh) {
		struct rkey key = { .len = e->len, .family = t->family };

		lna = best_state(e, lafter, &lha, true);
		memcpy(key.addr, e->addr, 16);
		if (!lnb != !lna || (lna && lbefore[0] != lafter[0]) ||
		    lha != lhb)
			mesh_queue(pr, &key);
	}

	na = best_state(e, after, &ha, false);
	if (!nb != !na || (na && before[0] != after[0]) || ha != hb)
		rib_changed(pr, t, e, nb ? before[0]->peer : NULL,
			    na ? after[0]->peer : NULL);
	rtable_maybe_free(t, e);
	return delta;
}

/*
 * Withdraw the paths of peer @p of family index @af: all (its session
 * went), or (@stale) those of its earlier sessions.
 */
void rib_peer_flush(struct peer *p, int af, bool stale)
{
	struct rtable *t = &p->att->pr->t[af];
	struct rattr *const *paths;
	struct rentry *e, *next;
	struct bgp_prefix pfx;
	unsigned int i;
	size_t b;

	pfx.family = t->family;
	for (b = 0; b < t->nbuckets; b++) {
		for (e = t->bucket[b]; e; e = next) {
			next = e->next;
			paths = entry_paths(e);
			for (i = 0; i < e->npaths; i++)
				if (paths[i]->peer == p)
					break;
			if (i == e->npaths || (stale && paths[i]->gen == p->gen))
				continue;
			memcpy(pfx.addr, e->addr, 16);
			pfx.len = e->len;
			rib_update(p->att->pr, p, &pfx, NULL);
		}
	}
	if (!stale)
		p->af[af].received = 0;
}

/*
 * A route vnetd installed before it (re)started: it stays in the kernel
 * until the peers have had their chance to announce it again.
 */
void rib_mark_stale(struct peering *pr, int family, const uint8_t *addr,
		    uint8_t len, unsigned int nh, uint32_t hash)
{
	struct rentry *e = rtable_get(&pr->t[af_index(family)], addr, len);

	if (!e)
		return;
	e->flags |= RE_STALE;
	e->ninst = nh;
	e->inst_hash = hash;
}

/* The peers had their chance: what none announced again goes. */
void rib_sweep(struct peering *pr)
{
	struct rentry *e, *next;
	unsigned int n = 0, f;
	struct rtable *t;
	size_t i;

	for (f = 0; f < 2; f++) {
		t = &pr->t[f];
		for (i = 0; i < t->nbuckets; i++) {
			for (e = t->bucket[i]; e; e = next) {
				next = e->next;
				if (!(e->flags & RE_STALE))
					continue;
				e->flags &= ~RE_STALE;
				rib_changed(pr, t, e, NULL, NULL);
				n++;
			}
		}
	}
	pr->t_sweep = 0;
	pr->restarting = false;
	log_info("peering %s: swept %u routes no peer announced again",
		 pr->name, n);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: longest-prefix match, a multibit trie of compressed nodes (of the
 * Tree Bitmap family). Each node consumes VNET_LPM_STRIDE = 6 bits of the
 * address and keeps three 64-bit maps: the prefixes that end inside its
 * stride, those that end at its last bit, and its children; the pointers
 * of a node are packed, and a map's population count below a bit is the
 * index of that bit's pointer. A lookup reads one node per 6 bits: the
 * longest prefix of a node that covers the address is the highest bit of
 * the node's map ANDed with a fixed mask of the address's 6 bits.
 *
 * Readers hold the RCU read lock and take no lock. An update copies the one
 * node it changes (two when a node is added or removed), publishes the copy
 * with one pointer store and frees the old node after a grace period; a
 * value is replaced in place. A deletion that finds no memory for the copy
 * leaves a NULL value in place, which lookups skip.
 *
 * A node is its three maps and its pointers, nothing else: 24 bytes and 8 a
 * pointer. The RCU-deferred free of a node needs no rcu_head in it
 * (kvfree_rcu_mightsleep()), so updaters may sleep. The table counts the
 * bytes its nodes take from the allocator.
 */
#ifdef __KERNEL__
#include <linux/sched.h>
#include <linux/slab.h>
#endif

#include "lpm.h"

#define VNET_LPM_CHILD	0
#define VNET_LPM_PART	1
#define VNET_LPM_FULL	2

/*
 * The bits of a node's "part" map that cover an address whose stride bits
 * are c: for each relative length l from 1 to 5, bit (1 << l) - 2 +
 * (c >> (6 - l)). selftests/lpm checks lookups against a linear scan.
 */
static const u64 vnet_lpm_cover[64] = {
	0x0000000040004045ULL, 0x0000000040004045ULL, 0x0000000080004045ULL, 0x0000000080004045ULL,
	0x0000000100008045ULL, 0x0000000100008045ULL, 0x0000000200008045ULL, 0x0000000200008045ULL,
	0x0000000400010085ULL, 0x0000000400010085ULL, 0x0000000800010085ULL, 0x0000000800010085ULL,
	0x0000001000020085ULL, 0x0000001000020085ULL, 0x0000002000020085ULL, 0x0000002000020085ULL,
	0x0000004000040109ULL, 0x0000004000040109ULL, 0x0000008000040109ULL, 0x0000008000040109ULL,
	0x0000010000080109ULL, 0x0000010000080109ULL, 0x0000020000080109ULL, 0x0000020000080109ULL,
	0x0000040000100209ULL, 0x0000040000100209ULL, 0x0000080000100209ULL, 0x0000080000100209ULL,
	0x0000100000200209ULL, 0x0000100000200209ULL, 0x0000200000200209ULL, 0x0000200000200209ULL,
	0x0000400000400412ULL, 0x0000400000400412ULL, 0x0000800000400412ULL, 0x0000800000400412ULL,
	0x0001000000800412ULL, 0x0001000000800412ULL, 0x0002000000800412ULL, 0x0002000000800412ULL,
	0x0004000001000812ULL, 0x0004000001000812ULL, 0x0008000001000812ULL, 0x0008000001000812ULL,
	0x0010000002000812ULL, 0x0010000002000812ULL, 0x0020000002000812ULL, 0x0020000002000812ULL,
	0x0040000004001022ULL, 0x0040000004001022ULL, 0x0080000004001022ULL, 0x0080000004001022ULL,
	0x0100000008001022ULL, 0x0100000008001022ULL, 0x0200000008001022ULL, 0x0200000008001022ULL,
	0x0400000010002022ULL, 0x0400000010002022ULL, 0x0800000010002022ULL, 0x0800000010002022ULL,
	0x1000000020002022ULL, 0x1000000020002022ULL, 0x2000000020002022ULL, 0x2000000020002022ULL,
};

#define lpm_deref(t, p)	rcu_dereference_protected(p, lockdep_is_held((t)->lock))

/* The 6 bits of @key from bit @pos. */
static __always_inline unsigned int lpm_chunk(const struct vnet_lpm_key *key,
					      unsigned int pos)
{
	u64 w;

	if (pos < 64) {
		w = key->hi << pos;
		if (pos > 64 - VNET_LPM_STRIDE)
			w |= key->lo >> (64 - pos);
	} else {
		w = key->lo << (pos - 64);
	}
	return w >> (64 - VNET_LPM_STRIDE);
}

/* Set the 6 bits of @key from bit @pos, which are zero, to @c. */
static void lpm_key_put(struct vnet_lpm_key *key, unsigned int pos,
			unsigned int c)
{
	u64 w = (u64)c << (64 - VNET_LPM_STRIDE);

	if (pos < 64) {
		key->hi |= w >> pos;
		if (pos > 64 - VNET_LPM_STRIDE)
			key->lo |= w << (64 - pos);
	} else {
		key->lo |= w >> (pos - 64);
	}
}

static __always_inline unsigned int lpm_rank(u64 map, unsigned int bit)
{
	return hweight64(map & (BIT_ULL(bit) - 1));
}

static unsigned int lpm_size(const struct vnet_lpm_node *n)
{
	return hweight64(n->child) + hweight64(n->part) + hweight64(n->full);
}

static u64 lpm_map(const struct vnet_lpm_node *n, int which)
{
	return which == VNET_LPM_CHILD ? n->child :
	       which == VNET_LPM_PART ? n->part : n->full;
}

/* The index in @n->slot of bit @bit of map @which. */
static unsigned int lpm_index(const struct vnet_lpm_node *n, int which,
			      unsigned int bit)
{
	unsigned int i = lpm_rank(lpm_map(n, which), bit);

	if (which > VNET_LPM_CHILD)
		i += hweight64(n->child);
	if (which > VNET_LPM_PART)
		i += hweight64(n->part);
	return i;
}

/* The bytes a node of @slots pointers takes from the allocator. */
static size_t lpm_bytes(unsigned int slots)
{
	return kmalloc_size_roundup(sizeof(struct vnet_lpm_node) +
				    slots * sizeof(void *));
}

static struct vnet_lpm_node *lpm_alloc(struct vnet_lpm *t, unsigned int slots)
{
	struct vnet_lpm_node *n;

	n = kzalloc(struct_size(n, slot, slots), GFP_KERNEL_ACCOUNT);
	if (n)
		t->mem += lpm_bytes(slots);
	return n;
}

/* Free @n, unpublished, or after a grace period if @published. */
static void lpm_free(struct vnet_lpm *t, struct vnet_lpm_node *n,
		     bool published)
{
	t->mem -= lpm_bytes(lpm_size(n));
	if (published)
		kvfree_rcu_mightsleep(n);
	else
		kfree(n);
}

/* Where in its node a prefix of length @len > 0 of @key is. */
static void lpm_place(const struct vnet_lpm_key *key, unsigned int len,
		      unsigned int *depth, int *which, unsigned int *bit)
{
	unsigned int d = (len - 1) / VNET_LPM_STRIDE;
	unsigned int l = len - d * VNET_LPM_STRIDE;
	unsigned int v = lpm_chunk(key, d * VNET_LPM_STRIDE) >>
			 (VNET_LPM_STRIDE - l);

	*depth = d;
	if (l == VNET_LPM_STRIDE) {
		*which = VNET_LPM_FULL;
		*bit = v;
	} else {
		*which = VNET_LPM_PART;
		*bit = (1U << l) - 2 + v;
	}
}

/**
 * vnet_lpm_init - set up an empty table
 * @t: the table
 * @bits: the address length, 32 or 128
 * @lock: the lock its updates hold
 */
void vnet_lpm_init(struct vnet_lpm *t, unsigned int bits, struct mutex *lock)
{
	RCU_INIT_POINTER(t->root, NULL);
	RCU_INIT_POINTER(t->def, NULL);
	t->lock = lock;
	t->bits = bits;
	t->n = 0;
	t->mem = 0;
}

/*
 * The longest prefix of node @n at depth @d that covers stride bits @c,
 * or NULL; @len gets its length.
 */
static __always_inline void *lpm_node_match(const struct vnet_lpm *t,
					    const struct vnet_lpm_node *n,
					    unsigned int d, unsigned int c,
					    unsigned int *len)
{
	unsigned int i = hweight64(n->child), b;
	void *val;
	u64 m;

	if (n->full & BIT_ULL(c)) {
		val = rcu_dereference_check(n->slot[i + hweight64(n->part) +
						    lpm_rank(n->full, c)],
					    lockdep_is_held(t->lock));
		if (val) {
			*len = d * VNET_LPM_STRIDE + VNET_LPM_STRIDE;
			return val;
		}
	}
	/* the longest first; past any value deleted in place */
	for (m = n->part & vnet_lpm_cover[c]; m; m &= ~BIT_ULL(b)) {
		b = __fls(m);
		val = rcu_dereference_check(n->slot[i + lpm_rank(n->part, b)],
					    lockdep_is_held(t->lock));
		if (val) {
			*len = d * VNET_LPM_STRIDE + __fls(b + 2);
			return val;
		}
	}
	return NULL;
}

/* A lookup that looks at every node on the way: past deleted values. */
static void *lpm_lookup_all(const struct vnet_lpm *t,
			    const struct vnet_lpm_key *key, unsigned int *len)
{
	const struct vnet_lpm_node *n = rcu_dereference_check(t->root,
						lockdep_is_held(t->lock));
	void *best = rcu_dereference_check(t->def, lockdep_is_held(t->lock));
	unsigned int d = 0, c, l;
	void *val;

	*len = 0;
	for (; n; d++) {
		c = lpm_chunk(key, d * VNET_LPM_STRIDE);
		val = lpm_node_match(t, n, d, c, &l);
		if (val) {
			best = val;
			*len = l;
		}
		if (!(n->child & BIT_ULL(c)))
			break;
		n = rcu_dereference_check(n->slot[lpm_rank(n->child, c)],
					  lockdep_is_held(t->lock));
	}
	return best;
}

/**
 * vnet_lpm_lookup - the value of the longest prefix that covers an address
 * @t: the table
 * @key: the address
 * @len: if not NULL, gets the length of that prefix
 *
 * Down the children, noting the deepest node with a prefix that covers the
 * address (a test of two bits a node); the longest prefix is that node's.
 * Caller holds the RCU read lock (or the table's lock).
 * Return: the value, or NULL if no prefix covers @key.
 */
void *vnet_lpm_lookup(const struct vnet_lpm *t, const struct vnet_lpm_key *key,
		      unsigned int *len)
{
	const struct vnet_lpm_node *n = rcu_dereference_check(t->root,
						lockdep_is_held(t->lock));
	const struct vnet_lpm_node *cand = NULL;
	unsigned int d = 0, cd = 0, cc = 0, l = 0, c;
	void *val;

	for (; n; d++) {
		c = lpm_chunk(key, d * VNET_LPM_STRIDE);
		if ((n->full & BIT_ULL(c)) || (n->part & vnet_lpm_cover[c])) {
			cand = n;
			cd = d;
			cc = c;
		}
		if (!(n->child & BIT_ULL(c)))
			break;
		n = rcu_dereference_check(n->slot[lpm_rank(n->child, c)],
					  lockdep_is_held(t->lock));
	}
	if (!cand) {
		l = 0;
		val = rcu_dereference_check(t->def, lockdep_is_held(t->lock));
	} else {
		val = lpm_node_match(t, cand, cd, cc, &l);
		/* only values deleted in place there: look further up */
		if (unlikely(!val))
			val = lpm_lookup_all(t, key, &l);
	}
	if (len)
		*len = l;
	return val;
}

/*
 * Follow @key down to depth @depth. Return: the slot that points to the
 * node of that depth (whose content may be NULL), or NULL when the path
 * ends above it; @path, if given, gets the node of each depth.
 */
static void __rcu **lpm_descend(const struct vnet_lpm *t,
				const struct vnet_lpm_key *key,
				unsigned int depth,
				struct vnet_lpm_node **path)
{
	void __rcu **pslot = (void __rcu **)&t->root;
	struct vnet_lpm_node *n;
	unsigned int d, c;

	for (d = 0; d < depth; d++) {
		n = lpm_deref(t, *pslot);
		if (path)
			path[d] = n;
		c = lpm_chunk(key, d * VNET_LPM_STRIDE);
		if (!n || !(n->child & BIT_ULL(c)))
			return NULL;
		pslot = &n->slot[lpm_rank(n->child, c)];
	}
	if (path)
		path[depth] = lpm_deref(t, *pslot);
	return pslot;
}

/**
 * vnet_lpm_get - the value of a prefix
 * @t: the table
 * @key: the prefix's address, no bit set past @len
 * @len: the prefix's length
 *
 * Caller holds the table's lock. Return: the value, or NULL.
 */
void *vnet_lpm_get(const struct vnet_lpm *t, const struct vnet_lpm_key *key,
		   unsigned int len)
{
	struct vnet_lpm_node *n;
	void __rcu **pslot;
	unsigned int depth, bit;
	int which;

	if (!len)
		return lpm_deref(t, t->def);
	lpm_place(key, len, &depth, &which, &bit);
	pslot = lpm_descend(t, key, depth, NULL);
	n = pslot ? lpm_deref(t, *pslot) : NULL;
	if (!n || !(lpm_map(n, which) & BIT_ULL(bit)))
		return NULL;
	return lpm_deref(t, n->slot[lpm_index(n, which, bit)]);
}

/*
 * A new node: @old (NULL for an empty one) with bit @bit of map @which set
 * to point to @ptr, or cleared if @ptr is NULL. Unpublished.
 */
static struct vnet_lpm_node *lpm_edit(struct vnet_lpm *t,
				      const struct vnet_lpm_node *old,
				      int which, unsigned int bit, void *ptr)
{
	static const struct vnet_lpm_node empty;
	struct vnet_lpm_node *n;
	unsigned int i, at, size;
	u64 *map;

	if (!old)
		old = &empty;
	size = lpm_size(old) + (ptr ? 1 : -1);
	n = lpm_alloc(t, size);
	if (!n)
		return NULL;
	n->part = old->part;
	n->full = old->full;
	n->child = old->child;
	map = which == VNET_LPM_CHILD ? &n->child :
	      which == VNET_LPM_PART ? &n->part : &n->full;
	/* the bits before @bit are the same in both: so is its index */
	at = lpm_index(old, which, bit);
	for (i = 0; i < at; i++)
		RCU_INIT_POINTER(n->slot[i], lpm_deref(t, old->slot[i]));
	if (ptr) {
		*map |= BIT_ULL(bit);
		RCU_INIT_POINTER(n->slot[at], ptr);
		for (i = at; i < size - 1; i++)
			RCU_INIT_POINTER(n->slot[i + 1],
					 lpm_deref(t, old->slot[i]));
	} else {
		*map &= ~BIT_ULL(bit);
		for (i = at; i < size; i++)
			RCU_INIT_POINTER(n->slot[i],
					 lpm_deref(t, old->slot[i + 1]));
	}
	return n;
}

/* Free an unpublished chain of single-child nodes. */
static void lpm_free_chain(struct vnet_lpm *t, struct vnet_lpm_node *n)
{
	struct vnet_lpm_node *next;

	while (n) {
		next = n->child ? lpm_deref(t, n->slot[0]) : NULL;
		lpm_free(t, n, false);
		n = next;
	}
}

/**
 * vnet_lpm_set - add a prefix, or replace its value
 * @t: the table
 * @key: the prefix's address, no bit set past @len
 * @len: the prefix's length, at most the table's address length
 * @val: its value, not NULL
 * @old: the value replaced, or NULL if the prefix is new
 *
 * Caller holds the table's lock. Readers see the table before or after the
 * change. Return: 0, or -ENOMEM (the table unchanged).
 */
int vnet_lpm_set(struct vnet_lpm *t, const struct vnet_lpm_key *key,
		 unsigned int len, void *val, void **old)
{
	struct vnet_lpm_node *n, *chain, *node;
	unsigned int depth, bit, d, dd, c;
	void __rcu **pslot, **vslot;
	int which;

	*old = NULL;
	if (!len) {
		*old = lpm_deref(t, t->def);
		rcu_assign_pointer(t->def, val);
		goto out;
	}
	lpm_place(key, len, &depth, &which, &bit);
	pslot = (void __rcu **)&t->root;
	for (d = 0; d < depth; d++) {
		n = lpm_deref(t, *pslot);
		c = lpm_chunk(key, d * VNET_LPM_STRIDE);
		if (!n || !(n->child & BIT_ULL(c)))
			break;
		pslot = &n->slot[lpm_rank(n->child, c)];
	}
	n = lpm_deref(t, *pslot);

	if (d == depth) {
		if (n && (lpm_map(n, which) & BIT_ULL(bit))) {
			vslot = &n->slot[lpm_index(n, which, bit)];
			*old = lpm_deref(t, *vslot);
			rcu_assign_pointer(*vslot, val);
			goto out;
		}
		node = lpm_edit(t, n, which, bit, val);
		if (!node)
			return -ENOMEM;
	} else {
		/* the nodes of depths d + 1 to depth, built from the bottom */
		chain = lpm_edit(t, NULL, which, bit, val);
		for (dd = depth - 1; chain && dd > d; dd--) {
			node = lpm_edit(t, NULL, VNET_LPM_CHILD,
					lpm_chunk(key, dd * VNET_LPM_STRIDE), chain);
			if (!node)
				lpm_free_chain(t, chain);
			chain = node;
		}
		if (!chain)
			return -ENOMEM;
		node = lpm_edit(t, n, VNET_LPM_CHILD,
				lpm_chunk(key, d * VNET_LPM_STRIDE), chain);
		if (!node) {
			lpm_free_chain(t, chain);
			return -ENOMEM;
		}
	}
	rcu_assign_pointer(*pslot, node);
	if (n)
		lpm_free(t, n, true);
out:
	if (!*old)
		t->n++;
	return 0;
}

/**
 * vnet_lpm_del - delete a prefix
 * @t: the table
 * @key: the prefix's address, no bit set past @len
 * @len: the prefix's length
 *
 * Caller holds the table's lock. Never fails: without memory for a copy of
 * the node, the value is cleared in place. Return: the value deleted, or
 * NULL if the prefix was not in the table.
 */
void *vnet_lpm_del(struct vnet_lpm *t, const struct vnet_lpm_key *key,
		   unsigned int len)
{
	struct vnet_lpm_node *path[128 / VNET_LPM_STRIDE + 1];
	struct vnet_lpm_node *n, *node;
	unsigned int depth, bit, d, c;
	void __rcu **vslot;
	void *val;
	int which;

	if (!len) {
		val = lpm_deref(t, t->def);
		RCU_INIT_POINTER(t->def, NULL);
		goto out;
	}
	lpm_place(key, len, &depth, &which, &bit);
	if (!lpm_descend(t, key, depth, path))
		return NULL;
	n = path[depth];
	if (!n || !(lpm_map(n, which) & BIT_ULL(bit)))
		return NULL;
	vslot = &n->slot[lpm_index(n, which, bit)];
	val = lpm_deref(t, *vslot);
	if (!val)
		return NULL;

	/* a node left empty goes from its parent, and so on up */
	for (d = depth; lpm_size(path[d]) == 1; d--) {
		if (!d) {
			RCU_INIT_POINTER(t->root, NULL);
			goto free;
		}
		which = VNET_LPM_CHILD;
		bit = lpm_chunk(key, (d - 1) * VNET_LPM_STRIDE);
	}
	node = lpm_edit(t, path[d], which, bit, NULL);
	if (!node) {
		RCU_INIT_POINTER(*vslot, NULL);
		goto out;
	}
	/* the slot in the parent, or the root */
	if (d) {
		c = lpm_chunk(key, (d - 1) * VNET_LPM_STRIDE);
		rcu_assign_pointer(path[d - 1]->slot[lpm_rank(path[d - 1]->child, c)],
				   node);
	} else {
		rcu_assign_pointer(t->root, node);
	}
free:
	for (; d <= depth; d++)
		lpm_free(t, path[d], true);
out:
	if (val)
		t->n--;
	return val;
}

static int lpm_key_cmp(const struct vnet_lpm_key *a, unsigned int alen,
		       const struct vnet_lpm_key *b, unsigned int blen)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return alen < blen ? -1 : alen > blen;
}

struct lpm_walk {
	const struct vnet_lpm *t;
	const struct vnet_lpm_key *start;
	unsigned int start_len;
	vnet_lpm_walk_fn fn;
	void *arg;
};

/*
 * The values of a node's stride bits worth a visit: those of its children
 * and the first of each of its prefixes.
 */
static u64 lpm_walk_mask(const struct vnet_lpm_node *n)
{
	u64 m = n->child | n->full, p;
	unsigned int b, l;

	for (p = n->part; p; p &= p - 1) {
		b = __ffs64(p);
		l = __fls(b + 2);
		m |= BIT_ULL((b + 2 - (1U << l)) << (VNET_LPM_STRIDE - l));
	}
	return m;
}

/*
 * Visit the prefixes of node @n of depth @d, whose address begins with the
 * bits of @base, in the order of address, then length; with @from, none
 * before w->start.
 */
static int lpm_walk_node(struct lpm_walk *w, const struct vnet_lpm_node *n,
			 unsigned int d, const struct vnet_lpm_key *base,
			 bool from)
{
	unsigned int pos = d * VNET_LPM_STRIDE, c, l, v, bit, len;
	const struct vnet_lpm_node *child;
	u64 m = lpm_walk_mask(n);
	struct vnet_lpm_key key;
	unsigned int first = 0;
	int which, err;
	void *val;

	if (from) {
		first = lpm_chunk(w->start, pos);
		m &= ~0ULL << first;
	}
	for (; m; m &= m - 1) {
		c = __ffs64(m);
		key = *base;
		lpm_key_put(&key, pos, c);
		/* the prefixes whose address has the bits c here: those
		 * whose value ends with as many zero bits as they leave
		 */
		for (l = 1; l <= VNET_LPM_STRIDE; l++) {
			if (c & ((1U << (VNET_LPM_STRIDE - l)) - 1))
				continue;
			v = c >> (VNET_LPM_STRIDE - l);
			which = l == VNET_LPM_STRIDE ? VNET_LPM_FULL : VNET_LPM_PART;
			bit = l == VNET_LPM_STRIDE ? v : (1U << l) - 2 + v;
			if (!(lpm_map(n, which) & BIT_ULL(bit)))
				continue;
			len = pos + l;
			if (from && c == first &&
			    lpm_key_cmp(&key, len, w->start, w->start_len) < 0)
				continue;
			val = lpm_deref(w->t, n->slot[lpm_index(n, which, bit)]);
			if (!val)
				continue;
			err = w->fn(val, &key, len, w->arg);
			if (err)
				return err;
		}
		if (!(n->child & BIT_ULL(c)))
			continue;
		child = lpm_deref(w->t, n->slot[lpm_rank(n->child, c)]);
		err = lpm_walk_node(w, child, d + 1, &key, from && c == first);
		if (err)
			return err;
	}
	return 0;
}

/**
 * vnet_lpm_walk - visit the prefixes of a table in order
 * @t: the table
 * @start: where to start, or NULL for the beginning
 * @start_len: the length of the prefix at @start
 * @fn: called with each prefix's value, address and length, in the order
 *	of address, then length, from @start (itself included); a nonzero
 *	return stops the walk
 * @arg: for @fn
 *
 * Caller holds the table's lock. Return: 0, or what @fn returned to stop.
 */
int vnet_lpm_walk(const struct vnet_lpm *t, const struct vnet_lpm_key *start,
		  int start_len, vnet_lpm_walk_fn fn, void *arg)
{
	struct lpm_walk w = {
		.t = t, .start = start, .start_len = start_len, .fn = fn,
		.arg = arg,
	};
	static const struct vnet_lpm_key zero;
	const struct vnet_lpm_node *root;
	void *val;
	int err;

	val = lpm_deref(t, t->def);
	if (val && (!start || lpm_key_cmp(&zero, 0, start, start_len) >= 0)) {
		err = fn(val, &zero, 0, arg);
		if (err)
			return err;
	}
	root = lpm_deref(t, t->root);
	return root ? lpm_walk_node(&w, root, 0, &zero, !!start) : 0;
}

static void lpm_free_node(struct vnet_lpm_node *n, void (*free_val)(void *))
{
	unsigned int i, nc = hweight64(n->child);
	void *val;

	for (i = 0; i < lpm_size(n); i++) {
		val = rcu_dereference_protected(n->slot[i], 1);
		if (i < nc)
			lpm_free_node(val, free_val);
		else if (val && free_val)
			free_val(val);
	}
	kfree(n);
	cond_resched();
}

/**
 * vnet_lpm_destroy - free a table's nodes
 * @t: the table, which no reader and no updater can reach any more
 * @free_val: called for each value, or NULL
 */
void vnet_lpm_destroy(struct vnet_lpm *t, void (*free_val)(void *val))
{
	struct vnet_lpm_node *root = rcu_dereference_protected(t->root, 1);
	void *def = rcu_dereference_protected(t->def, 1);

	if (root)
		lpm_free_node(root, free_val);
	if (def && free_val)
		free_val(def);
	RCU_INIT_POINTER(t->root, NULL);
	RCU_INIT_POINTER(t->def, NULL);
	t->n = 0;
	t->mem = 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The longest-prefix-match table of kmod/lpm.c, built in userspace and
 * checked against a linear scan over random IPv4 and IPv6 tables: lookups,
 * exact gets, the walk's order and its resumption, after additions,
 * deletions and replacements, and with allocations failing. KTAP output.
 *
 *	lpm_test [PREFIXES [SEED]]
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "lpm.h"

long lpm_fail_after = -1;
long lpm_live;
long lpm_live_bytes;

struct ref {
	struct vnet_lpm_key key;
	unsigned int len;
	uintptr_t val;		/* 0: not in the table */
};

static struct ref *refs;
static unsigned int nrefs;
static struct mutex lock;
static unsigned int tests, failed;
static uintptr_t next_val = 1;

static u64 rng_state;

static u64 rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static void ok(bool cond, const char *what, unsigned int bits)
{
	tests++;
	if (!cond)
		failed++;
	printf("%sok %u - IPv%d: %s\n", cond ? "" : "not ", tests,
	       bits == 32 ? 4 : 6, what);
}

static void mask(struct vnet_lpm_key *k, unsigned int len)
{
	if (len == 0) {
		k->hi = k->lo = 0;
	} else if (len < 64) {
		k->hi &= ~0ULL << (64 - len);
		k->lo = 0;
	} else if (len == 64) {
		k->lo = 0;
	} else if (len < 128) {
		k->lo &= ~0ULL << (128 - len);
	}
}

static bool covers(const struct ref *r, const struct vnet_lpm_key *a)
{
	struct vnet_lpm_key m = *a;

	mask(&m, r->len);
	return m.hi == r->key.hi && m.lo == r->key.lo;
}

static uintptr_t ref_lookup(const struct vnet_lpm_key *a, unsigned int *len)
{
	const struct ref *best = NULL;
	unsigned int i;

	for (i = 0; i < nrefs; i++)
		if (refs[i].val && covers(&refs[i], a) &&
		    (!best || refs[i].len > best->len))
			best = &refs[i];
	*len = best ? best->len : 0;
	return best ? best->val : 0;
}

static struct ref *ref_find(const struct vnet_lpm_key *k, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < nrefs; i++)
		if (refs[i].len == len && refs[i].key.hi == k->hi &&
		    refs[i].key.lo == k->lo)
			return &refs[i];
	return NULL;
}

/* A random address of @bits bits; half of them inside a known prefix. */
static void rnd_addr(struct vnet_lpm_key *a, unsigned int bits)
{
	const struct ref *r;
	struct vnet_lpm_key x;

	a->hi = rnd();
	a->lo = bits == 32 ? 0 : rnd();
	if (bits == 32)
		a->hi &= ~0ULL << 32;
	if (nrefs && rnd() & 1) {
		/* a known prefix's bits, then random ones */
		r = &refs[rnd() % nrefs];
		x.hi = ~0ULL;
		x.lo = ~0ULL;
		mask(&x, r->len);
		a->hi = r->key.hi | (a->hi & ~x.hi);
		a->lo = r->key.lo | (a->lo & ~x.lo);
		if (bits == 32)
			a->hi &= ~0ULL << 32;
	}
}

/* Prefix lengths as tables have them: mostly mid-length, some extremes. */
static unsigned int rnd_len(unsigned int bits)
{
	unsigned int r = rnd() % 100;

	if (r < 3)
		return rnd() % 3;
	if (r < 10)
		return bits - rnd() % 3;
	if (bits == 32)
		return 8 + rnd() % 17;
	return 16 + rnd() % 49;
}

/* A random prefix, often inside or around one already made. */
static void rnd_prefix(struct vnet_lpm_key *k, unsigned int *len,
		       unsigned int bits)
{
	*len = rnd_len(bits);
	rnd_addr(k, bits);
	mask(k, *len);
}

static int do_set(struct vnet_lpm *t, const struct vnet_lpm_key *k,
		  unsigned int len, uintptr_t val)
{
	void *old;

	return vnet_lpm_set(t, k, len, (void *)val, &old);
}

struct walk_state {
	unsigned int n;
	bool sorted;
	struct vnet_lpm_key last;
	unsigned int last_len;
	bool found_bad;
	unsigned int stop_after;
};

static int key_cmp(const struct vnet_lpm_key *a, unsigned int al,
		   const struct vnet_lpm_key *b, unsigned int bl)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return al < bl ? -1 : al > bl;
}

static int walk_fn(void *val, const struct vnet_lpm_key *key, unsigned int len,
		   void *arg)
{
	struct walk_state *w = arg;
	struct ref *r = ref_find(key, len);

	if (!r || r->val != (uintptr_t)val)
		w->found_bad = true;
	if (w->n && key_cmp(&w->last, w->last_len, key, len) >= 0)
		w->sorted = false;
	w->last = *key;
	w->last_len = len;
	w->n++;
	return w->stop_after && w->n == w->stop_after;
}

static unsigned int ref_count(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < nrefs; i++)
		n += !!refs[i].val;
	return n;
}

/* How many live references are at or after (k, len). */
static unsigned int ref_count_from(const struct vnet_lpm_key *k,
				   unsigned int len)
{
	unsigned int i, n = 0;

	for (i = 0; i < nrefs; i++)
		n += refs[i].val &&
		     key_cmp(&refs[i].key, refs[i].len, k, len) >= 0;
	return n;
}

static void check(struct vnet_lpm *t, const char *phase, unsigned int probes)
{
	struct walk_state w = { .sorted = true };
	unsigned int i, bad = 0, bad_get = 0, bad_from = 0, len, rlen;
	struct vnet_lpm_key a;
	char what[128];
	void *got;

	for (i = 0; i < probes; i++) {
		rnd_addr(&a, t->bits);
		got = vnet_lpm_lookup(t, &a, &len);
		if ((uintptr_t)got != ref_lookup(&a, &rlen) || len != rlen)
			bad++;
	}
	snprintf(what, sizeof(what),
		 "%s: %u lookups equal the linear scan's, value and length",
		 phase, probes);
	ok(!bad, what, t->bits);

	snprintf(what, sizeof(what),
		 "%s: the table counts the bytes of its nodes (%zu)", phase,
		 t->mem);
	ok(t->mem == (size_t)lpm_live_bytes, what, t->bits);

	for (i = 0; i < nrefs; i++) {
		got = vnet_lpm_get(t, &refs[i].key, refs[i].len);
		if ((uintptr_t)got != refs[i].val)
			bad_get++;
	}
	snprintf(what, sizeof(what), "%s: exact get of %u prefixes", phase,
		 nrefs);
	ok(!bad_get, what, t->bits);

	vnet_lpm_walk(t, NULL, 0, walk_fn, &w);
	snprintf(what, sizeof(what),
		 "%s: the walk visits the %u prefixes once, in order", phase,
		 ref_count());
	ok(w.sorted && !w.found_bad && w.n == ref_count() && t->n == w.n,
	   what, t->bits);

	/* resume from random points, in the table or not */
	for (i = 0; i < 50; i++) {
		struct walk_state w2 = { .sorted = true };
		struct vnet_lpm_key k;
		unsigned int len;

		if (nrefs && i % 2) {
			k = refs[rnd() % nrefs].key;
			len = refs[rnd() % nrefs].len;
			mask(&k, len);
		} else {
			rnd_prefix(&k, &len, t->bits);
		}
		vnet_lpm_walk(t, &k, len, walk_fn, &w2);
		if (!w2.sorted || w2.found_bad || w2.n != ref_count_from(&k, len))
			bad_from++;
	}
	snprintf(what, sizeof(what), "%s: 50 walks resumed mid-table", phase);
	ok(!bad_from, what, t->bits);
}

static void run(unsigned int bits, unsigned int n, unsigned int probes)
{
	unsigned int i, enomem = 0, oom_ok = 1, stop;
	struct walk_state w = { .sorted = true };
	struct vnet_lpm_key k;
	struct vnet_lpm t;
	unsigned int len;
	struct ref *r;

	free(refs);
	refs = calloc(n * 2 + 16, sizeof(*refs));
	nrefs = 0;
	vnet_lpm_init(&t, bits, &lock);

	for (i = 0; i < n; i++) {
		rnd_prefix(&k, &len, bits);
		r = ref_find(&k, len);
		if (!r) {
			r = &refs[nrefs++];
			r->key = k;
			r->len = len;
		}
		r->val = next_val++;
		if (do_set(&t, &k, len, r->val))
			oom_ok = 0;
	}
	check(&t, "random table", probes);

	for (i = 0; i < nrefs; i++) {
		if (rnd() & 1)
			continue;
		if ((uintptr_t)vnet_lpm_del(&t, &refs[i].key, refs[i].len) !=
		    refs[i].val)
			oom_ok = 0;
		refs[i].val = 0;
	}
	check(&t, "a random half deleted", probes);

	for (i = 0; i < nrefs; i++) {
		if (!refs[i].val || rnd() % 4)
			continue;
		refs[i].val = next_val++;
		if (do_set(&t, &refs[i].key, refs[i].len, refs[i].val))
			oom_ok = 0;
	}
	check(&t, "a quarter replaced", probes);
	ok(oom_ok, "every change succeeded with memory", bits);

	/* changes while allocations fail now and then */
	for (i = 0; i < n; i++) {
		lpm_fail_after = rnd() % 4;
		if (rnd() % 3 == 0 && nrefs) {
			r = &refs[rnd() % nrefs];
			if ((uintptr_t)vnet_lpm_del(&t, &r->key, r->len) != r->val)
				oom_ok = 0;
			r->val = 0;
			continue;
		}
		rnd_prefix(&k, &len, bits);
		r = ref_find(&k, len);
		if (!r) {
			r = &refs[nrefs++];
			r->key = k;
			r->len = len;
		}
		if (do_set(&t, &k, len, next_val)) {
			enomem++;
			continue;
		}
		r->val = next_val++;
	}
	lpm_fail_after = -1;
	check(&t, "changes with failing allocations", probes);
	ok(oom_ok && enomem, "deletions never fail; failed additions change nothing",
	   bits);

	/* a walk stopped by its callback stops */
	stop = ref_count() / 2 + 1;
	w.stop_after = stop;
	ok(vnet_lpm_walk(&t, NULL, 0, walk_fn, &w) == 1 && w.n == stop,
	   "a walk stops when its callback says so", bits);

	vnet_lpm_destroy(&t, NULL);
	ok(lpm_live == 0, "destroying a table frees every node, also those of failed changes",
	   bits);

	/* deleting every prefix leaves nothing */
	for (i = 0; i < n; i++) {
		rnd_prefix(&k, &len, bits);
		do_set(&t, &k, len, 1);
	}
	while (t.n) {
		struct walk_state w1 = { .stop_after = 1 };

		vnet_lpm_walk(&t, NULL, 0, walk_fn, &w1);
		/* a walk that misses what is there would loop here */
		if (!w1.n || !vnet_lpm_del(&t, &w1.last, w1.last_len))
			break;
	}
	ok(!t.root && !t.def && lpm_live == 0 && t.mem == 0,
	   "deleting every prefix frees every node", bits);

	/* a table destroyed whole frees every node */
	for (i = 0; i < n; i++) {
		rnd_prefix(&k, &len, bits);
		do_set(&t, &k, len, 1);
	}
	vnet_lpm_destroy(&t, NULL);
	ok(lpm_live == 0, "destroying a table frees every node", bits);
}

int main(int argc, char **argv)
{
	unsigned int n = argc > 1 ? strtoul(argv[1], NULL, 0) : 3000;
	unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 0) : 1;

	rng_state = seed * 0x9e3779b97f4a7c15ULL + 1;
	printf("TAP version 13\n1..%u\n", 2 * 26);
	printf("# %u prefixes a family, seed %lu\n", n, seed);
	run(32, n, n * 2);
	run(128, n, n * 2);
	printf("# %u tests, %u failed\n", tests, failed);
	return failed ? 1 : 0;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vnet: a longest-prefix-match table of one address family. The same
 * source builds in the module and in a userspace test (selftests/lpm/),
 * which checks it against a linear scan; outside the kernel the test
 * provides the few kernel interfaces it uses.
 */
#ifndef _VNET_LPM_H
#define _VNET_LPM_H

#ifdef __KERNEL__
#include <linux/bitops.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#endif

/* Address bits a node of the trie consumes. */
#define VNET_LPM_STRIDE		6

/**
 * struct vnet_lpm_key - an address as 128 bits, most significant first
 * @hi: bits 0 to 63 (an IPv4 address is bits 0 to 31)
 * @lo: bits 64 to 127
 */
struct vnet_lpm_key {
	u64 hi;
	u64 lo;
};

/**
 * struct vnet_lpm_node - a node of the trie, for VNET_LPM_STRIDE bits
 * @part: the prefixes the node holds that end inside its stride: relative
 *	length l (1 to 5) and value v (l bits) at bit (1 << l) - 2 + v
 * @full: the prefixes that end at its stride's last bit, by their value
 * @child: the nodes below, by the value of the stride's bits
 * @slot: the children by rank in @child, then the values of @part by rank,
 *	then those of @full; a value may be NULL, a prefix deleted when no
 *	memory was left to copy the node
 *
 * A prefix of length L > 0 lives at depth (L - 1) / VNET_LPM_STRIDE. A node
 * never changes once published but for a value replaced in place: an
 * update publishes a copy and frees the old node after a grace period.
 */
struct vnet_lpm_node {
	u64 part;
	u64 full;
	u64 child;
	void __rcu *slot[];
};

/**
 * struct vnet_lpm - a longest-prefix-match table
 * @root: the node of depth 0, or NULL
 * @def: the value of the prefix of length 0, or NULL
 * @lock: what serializes the updates (for lockdep)
 * @bits: address length, 32 or 128
 * @n: prefixes in the table
 * @mem: bytes its nodes take from the allocator
 *
 * Readers hold the RCU read lock; updates hold @lock.
 */
struct vnet_lpm {
	void __rcu *root;
	void __rcu *def;
	struct mutex *lock;		/* serializes updates */
	unsigned int bits;
	unsigned int n;
	size_t mem;
};

typedef int (*vnet_lpm_walk_fn)(void *val, const struct vnet_lpm_key *key,
				unsigned int len, void *arg);

void vnet_lpm_init(struct vnet_lpm *t, unsigned int bits, struct mutex *lock);
void *vnet_lpm_lookup(const struct vnet_lpm *t, const struct vnet_lpm_key *key,
		      unsigned int *len);
void *vnet_lpm_get(const struct vnet_lpm *t, const struct vnet_lpm_key *key,
		   unsigned int len);
int vnet_lpm_set(struct vnet_lpm *t, const struct vnet_lpm_key *key,
		 unsigned int len, void *val, void **old);
void *vnet_lpm_del(struct vnet_lpm *t, const struct vnet_lpm_key *key,
		   unsigned int len);
int vnet_lpm_walk(const struct vnet_lpm *t, const struct vnet_lpm_key *start,
		  int start_len, vnet_lpm_walk_fn fn, void *arg);
void vnet_lpm_destroy(struct vnet_lpm *t, void (*free_val)(void *val));

#endif /* _VNET_LPM_H */

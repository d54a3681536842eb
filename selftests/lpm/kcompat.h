/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel interfaces kmod/lpm.c uses, for its userspace test: one
 * thread, so RCU is plain loads and stores and a grace period is at once.
 * Allocations fail on demand (lpm_fail_after) to test the paths that
 * handle it.
 */
#ifndef _LPM_KCOMPAT_H
#define _LPM_KCOMPAT_H

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;

struct rcu_head {
	void *next;
	void (*func)(struct rcu_head *);
};

struct mutex {
	int unused;
};

#define __rcu
#define BIT_ULL(n)			(1ULL << (n))
#define hweight64(x)			((unsigned int)__builtin_popcountll(x))
#define __fls(x)			(63 - __builtin_clzll(x))
#define lockdep_is_held(l)		((void)(l), 1)
#define rcu_dereference_protected(p, c)	((void)(c), (p))
#define rcu_dereference_check(p, c)	((void)(c), (p))
#define rcu_dereference(p)		(p)
#define RCU_INIT_POINTER(p, v)		((p) = (v))
#define rcu_assign_pointer(p, v)	((p) = (v))
#define struct_size(p, member, n)	(sizeof(*(p)) + sizeof((p)->member[0]) * (n))
#define GFP_KERNEL_ACCOUNT		0
#define cond_resched()			do { } while (0)

/* Allocations left before one fails; negative: none fails. */
extern long lpm_fail_after;
extern long lpm_live;

static inline void *kzalloc(size_t size, int gfp)
{
	(void)gfp;
	if (lpm_fail_after == 0)
		return NULL;
	if (lpm_fail_after > 0)
		lpm_fail_after--;
	lpm_live++;
	return calloc(1, size);
}

static inline void kfree(const void *p)
{
	if (p)
		lpm_live--;
	free((void *)p);
}

#define kfree_rcu(p, field)		kfree(p)

#endif

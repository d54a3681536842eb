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
#define __ffs64(x)			((unsigned int)__builtin_ctzll(x))
#define lockdep_is_held(l)		((void)(l), 1)
#define rcu_dereference_protected(p, c)	((void)(c), (p))
#define rcu_dereference_check(p, c)	((void)(c), (p))
#define rcu_dereference(p)		(p)
#define RCU_INIT_POINTER(p, v)		((p) = (v))
#define rcu_assign_pointer(p, v)	((p) = (v))
#define struct_size(p, member, n)	(sizeof(*(p)) + sizeof((p)->member[0]) * (n))
#define GFP_KERNEL_ACCOUNT		0
#define cond_resched()			do { } while (0)
#define unlikely(x)			__builtin_expect(!!(x), 0)
#ifndef __always_inline
#define __always_inline			inline __attribute__((always_inline))
#endif

/* Allocations left before one fails; negative: none fails. */
extern long lpm_fail_after;
/* Allocations and bytes live (each allocation is preceded by its size). */
extern long lpm_live;
extern long lpm_live_bytes;

static inline void *kzalloc(size_t size, int gfp)
{
	size_t *p;

	(void)gfp;
	if (lpm_fail_after == 0)
		return NULL;
	if (lpm_fail_after > 0)
		lpm_fail_after--;
	p = calloc(1, size + 16);
	if (!p)
		return NULL;
	*p = size;
	lpm_live++;
	lpm_live_bytes += size;
	return (char *)p + 16;
}

static inline void kfree(const void *p)
{
	size_t *h;

	if (!p)
		return;
	h = (size_t *)((char *)p - 16);
	lpm_live--;
	lpm_live_bytes -= *h;
	free(h);
}

#define kvfree_rcu_mightsleep(p)	kfree(p)
#define kmalloc_size_roundup(n)		(n)

#endif

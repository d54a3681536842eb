// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: a benchmark hook, built only into benchmark builds
 * (CONFIG_VNET_BENCH=y, `make bench`), never into the module operators run.
 *
 * /sys/kernel/debug/vnet_bench takes one command a write, in the writer's
 * network namespace, and reading it gives the result:
 *
 *   lookup PEERING FAMILY TABLE N ROUNDS
 *	N addresses, half inside the prefixes of the peering router's table
 *	and half random (IPv6: in 2000::/3), are looked up in the peering
 *	router's table and in the kernel's FIB table TABLE (fib_table_lookup(),
 *	fib6_table_lookup()), in alternating rounds. Prints the median
 *	picoseconds a lookup of each (vnet_ps, fib_ps), and how many addresses each found a
 *	route for (the same tables find the same number).
 *   mem PEERING
 *	the bytes of the peering router's table (tries and sets), of the
 *	namespace's shared routes, and the table's routes.
 *
 * A lookup run holds vnet_pernet.lock throughout, for the benchmark only.
 */
#include <linux/debugfs.h>
#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <linux/sort.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <net/addrconf.h>
#include <net/ip_fib.h>
#include <net/ip6_fib.h>
#include <net/ipv6_stubs.h>

#include "vnet.h"

#define VNET_BENCH_ROUNDS	31
#define VNET_BENCH_MAX		(4U << 20)
#define VNET_BENCH_CHUNK	1024

static DEFINE_MUTEX(vnet_bench_lock);
static struct dentry *vnet_bench_file;
static char vnet_bench_out[1024];

struct vnet_bench_sample {
	struct vnet_prefix *p;
	unsigned int n, want;
	u32 seen;
};

/* Reservoir sampling of the table's prefixes. */
static int vnet_bench_sample_one(const struct vnet_prefix *p,
				 struct vnet_route *const *rt, unsigned int n,
				 void *arg)
{
	struct vnet_bench_sample *s = arg;
	u32 j;

	s->seen++;
	if (s->n < s->want) {
		s->p[s->n++] = *p;
		return 0;
	}
	j = get_random_u32() % s->seen;
	if (j < s->want)
		s->p[j] = *p;
	return 0;
}

/* A random address inside @p. */
static void vnet_bench_inside(struct vnet_addr *a, const struct vnet_prefix *p)
{
	unsigned int i, bits;
	u32 w, mask;

	memset(a, 0, sizeof(*a));
	a->family = p->family;
	if (p->family == AF_INET) {
		mask = p->len ? ~0U << (32 - p->len) : 0;
		a->v4 = htonl((ntohl(p->addr.v4) & mask) | (get_random_u32() & ~mask));
		return;
	}
	for (i = 0; i < 4; i++) {
		bits = clamp_t(int, (int)p->len - 32 * (int)i, 0, 32);
		mask = bits ? ~0U << (32 - bits) : 0;
		w = ntohl(p->addr.v6.s6_addr32[i]);
		a->v6.s6_addr32[i] = htonl((w & mask) | (get_random_u32() & ~mask));
	}
}

static void vnet_bench_random(struct vnet_addr *a, u8 family)
{
	memset(a, 0, sizeof(*a));
	a->family = family;
	if (family == AF_INET) {
		a->v4 = (__force __be32)get_random_u32();
		return;
	}
	get_random_bytes(&a->v6, sizeof(a->v6));
	a->v6.s6_addr[0] = 0x20 | (a->v6.s6_addr[0] & 0x1f);
}

/*
 * One timed loop a kind of lookup, each holding nothing but its own lookup:
 * a shared loop would add a call or a branch an address to both sides.
 */
static unsigned int vnet_bench_vnet(struct vnet_table *t,
				    const struct vnet_addr *a, unsigned int n,
				    u64 *ns)
{
	unsigned int i, j, hits = 0;
	u64 t0;

	*ns = 0;
	for (i = 0; i < n; i += VNET_BENCH_CHUNK) {
		rcu_read_lock();
		t0 = ktime_get_ns();
		for (j = i; j < n && j < i + VNET_BENCH_CHUNK; j++)
			hits += !!vnet_table_lookup(t, &a[j]);
		*ns += ktime_get_ns() - t0;
		rcu_read_unlock();
		cond_resched();
	}
	return hits;
}

static unsigned int vnet_bench_fib4(struct fib_table *tb,
				    const struct vnet_addr *a, unsigned int n,
				    u64 *ns)
{
	unsigned int i, j, hits = 0;
	struct fib_result res;
	struct flowi4 fl4;
	u64 t0;

	*ns = 0;
	for (i = 0; i < n; i += VNET_BENCH_CHUNK) {
		rcu_read_lock();
		t0 = ktime_get_ns();
		for (j = i; j < n && j < i + VNET_BENCH_CHUNK; j++) {
			memset(&fl4, 0, sizeof(fl4));
			fl4.daddr = a[j].v4;
			hits += !fib_table_lookup(tb, &fl4, &res,
						  FIB_LOOKUP_NOREF);
		}
		*ns += ktime_get_ns() - t0;
		rcu_read_unlock();
		cond_resched();
	}
	return hits;
}

static unsigned int vnet_bench_fib6(struct net *net, struct fib6_table *tb,
				    const struct vnet_addr *a, unsigned int n,
				    u64 *ns)
{
	unsigned int i, j, hits = 0;
	struct fib6_result res;
	struct flowi6 fl6;
	u64 t0;

	*ns = 0;
	for (i = 0; i < n; i += VNET_BENCH_CHUNK) {
		rcu_read_lock();
		t0 = ktime_get_ns();
		for (j = i; j < n && j < i + VNET_BENCH_CHUNK; j++) {
			memset(&fl6, 0, sizeof(fl6));
			fl6.daddr = a[j].v6;
			memset(&res, 0, sizeof(res));
			ipv6_stub->fib6_table_lookup(net, tb, 0, &fl6, &res, 0);
			hits += res.f6i && res.f6i != net->ipv6.fib6_null_entry;
		}
		*ns += ktime_get_ns() - t0;
		rcu_read_unlock();
		cond_resched();
	}
	return hits;
}

static int vnet_bench_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 vnet_bench_median(u64 *v, unsigned int n)
{
	sort(v, n, sizeof(*v), vnet_bench_cmp, NULL);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int vnet_bench_lookup(struct net *net, const char *name, u8 family,
			     u32 id, unsigned int n, unsigned int rounds)
{
	u64 vns[VNET_BENCH_ROUNDS], fns[VNET_BENCH_ROUNDS], v, f;
	struct vnet_pernet *pn = vnet_pernet(net);
	struct vnet_bench_sample s = {};
	unsigned int i, vhits = 0, fhits = 0;
	struct fib6_table *tb6 = NULL;
	struct fib_table *tb4 = NULL;
	struct vnet_peering *pr;
	struct vnet_addr *a;
	int err = 0;

	if (!n || n > VNET_BENCH_MAX || !rounds || rounds > VNET_BENCH_ROUNDS)
		return -EINVAL;
	if (family == AF_INET) {
		/* the table exists (ip route ... table ID): found, not made */
		rtnl_lock();
		tb4 = fib_new_table(net, id);
		rtnl_unlock();
	} else {
		tb6 = fib6_get_table(net, id);
	}
	if (!tb4 && !tb6)
		return -ENOENT;
	a = kvcalloc(n, sizeof(*a), GFP_KERNEL);
	s.want = n / 2;
	s.p = kvcalloc(s.want + 1, sizeof(*s.p), GFP_KERNEL);
	if (!a || !s.p) {
		err = -ENOMEM;
		goto out_free;
	}
	mutex_lock(&pn->lock);
	pr = vnet_peering_find(pn, name);
	if (!pr) {
		err = -ENOENT;
		goto out;
	}
	vnet_table_walk(&pr->table, family, NULL, vnet_bench_sample_one, &s);
	for (i = 0; i < n; i++) {
		if (i % 2 && s.n)
			vnet_bench_inside(&a[i], &s.p[get_random_u32() % s.n]);
		else
			vnet_bench_random(&a[i], family);
	}
	for (i = 0; i < rounds; i++) {
		vhits = vnet_bench_vnet(&pr->table, a, n, &v);
		if (tb4)
			fhits = vnet_bench_fib4(tb4, a, n, &f);
		else
			fhits = vnet_bench_fib6(net, tb6, a, n, &f);
		vns[i] = v;
		fns[i] = f;
	}
	snprintf(vnet_bench_out, sizeof(vnet_bench_out),
		 "lookups %u\nrounds %u\nvnet_ps %llu\nfib_ps %llu\nvnet_hits %u\nfib_hits %u\nroutes %u\n",
		 n, rounds, div_u64(vnet_bench_median(vns, rounds) * 1000, n),
		 div_u64(vnet_bench_median(fns, rounds) * 1000, n), vhits,
		 fhits, pr->table.n);
out:
	mutex_unlock(&pn->lock);
out_free:
	kvfree(s.p);
	kvfree(a);
	return err;
}

static int vnet_bench_mem(struct net *net, const char *name)
{
	struct vnet_pernet *pn = vnet_pernet(net);
	struct vnet_peering *pr;
	int err = 0;

	mutex_lock(&pn->lock);
	pr = vnet_peering_find(pn, name);
	if (pr)
		snprintf(vnet_bench_out, sizeof(vnet_bench_out),
			 "table_bytes %zu\nroute_bytes %zu\nshared_routes %u\nroutes %u\n",
			 vnet_table_mem(&pr->table), pn->route_mem,
			 atomic_read(&pn->routes.nelems), pr->table.n);
	else
		err = -ENOENT;
	mutex_unlock(&pn->lock);
	return err;
}

static ssize_t vnet_bench_write(struct file *file, const char __user *ubuf,
				size_t len, loff_t *ppos)
{
	struct net *net = current->nsproxy->net_ns;
	char buf[128], name[VNET_PEERING_NAMSIZ];
	unsigned int family, id, n, rounds;
	int err;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	mutex_lock(&vnet_bench_lock);
	vnet_bench_out[0] = '\0';
	if (sscanf(buf, "lookup %15s %u %u %u %u", name, &family, &id, &n,
		   &rounds) == 5 && (family == 4 || family == 6))
		err = vnet_bench_lookup(net, name, family == 4 ? AF_INET : AF_INET6,
					id, n, rounds);
	else if (sscanf(buf, "mem %15s", name) == 1)
		err = vnet_bench_mem(net, name);
	else
		err = -EINVAL;
	mutex_unlock(&vnet_bench_lock);
	return err ?: len;
}

static ssize_t vnet_bench_read(struct file *file, char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&vnet_bench_lock);
	ret = simple_read_from_buffer(ubuf, len, ppos, vnet_bench_out,
				      strlen(vnet_bench_out));
	mutex_unlock(&vnet_bench_lock);
	return ret;
}

static const struct file_operations vnet_bench_fops = {
	.owner = THIS_MODULE,
	.write = vnet_bench_write,
	.read = vnet_bench_read,
	.llseek = default_llseek,
};

void vnet_bench_init(void)
{
	vnet_bench_file = debugfs_create_file("vnet_bench", 0600, NULL, NULL,
					      &vnet_bench_fops);
}

void vnet_bench_uninit(void)
{
	debugfs_remove(vnet_bench_file);
}

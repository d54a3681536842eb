// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: a generic netlink fuzzer for the vnet family.
 *
 * Each worker sends a stream of vnet requests, about a third of them valid
 * (networks, ports and nodes made and deleted, dumps, changes) and the rest
 * mutated from valid ones: attributes dropped, duplicated, truncated, made
 * longer, nested wrongly, given random types or values; random commands,
 * flags, versions; messages cut short. Every request asks for an ACK and
 * the worker reads the whole answer before the next one.
 *
 *	nlfuzz [-n MESSAGES] [-w WORKERS] [-s SEED] [-p PORTS]
 *
 * Run in a network namespace with devices p0..p(PORTS-1) (Ethernet, no
 * master) to make ports of. Prints one line: messages sent, accepted, and
 * the errors by errno; exits 1 if an answer went missing or was malformed.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/vnet.h>

#define MAX_KIDS	16
#define MAX_VAL		64
#define POOL		256
#define BUFSZ		(64 * 1024)
#define NETWORKS	6

/* An attribute: a leaf with a value, or a nest of others. */
struct tlv {
	uint16_t type;		/* with NLA_F_NESTED for a nest */
	uint16_t len;		/* of the value (a leaf) */
	uint16_t lie;		/* added to nla_len as written */
	uint8_t val[MAX_VAL];
	int nkids;
	struct tlv *kid[MAX_KIDS];
};

/* A request: genl header fields, flags, top-level attributes. */
struct req {
	uint8_t cmd, version;
	uint16_t reserved, flags;
	int cut;		/* bytes to cut from the end, or 0 */
	struct tlv root;	/* its kids are the top-level attributes */
	struct tlv pool[POOL];
	int used;
};

static uint64_t rng;
static int nports = 4;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng >> 11;
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static struct tlv *tlv_new(struct req *r, uint16_t type)
{
	struct tlv *t;

	if (r->used == POOL)
		return NULL;
	t = &r->pool[r->used++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	return t;
}

static struct tlv *add(struct req *r, struct tlv *parent, uint16_t type,
		       const void *val, uint16_t len)
{
	struct tlv *t = tlv_new(r, type);

	if (!t || parent->nkids == MAX_KIDS || len > MAX_VAL)
		return NULL;
	memcpy(t->val, val, len);
	t->len = len;
	parent->kid[parent->nkids++] = t;
	return t;
}

static struct tlv *nest(struct req *r, struct tlv *parent, uint16_t type)
{
	return add(r, parent, type | NLA_F_NESTED, NULL, 0);
}

static void add_u32(struct req *r, struct tlv *p, uint16_t type, uint32_t v)
{
	add(r, p, type, &v, sizeof(v));
}

static void add_u16(struct req *r, struct tlv *p, uint16_t type, uint16_t v)
{
	add(r, p, type, &v, sizeof(v));
}

static void add_str(struct req *r, struct tlv *p, uint16_t type, const char *s)
{
	add(r, p, type, s, strlen(s) + 1);
}

static void add_ip(struct req *r, struct tlv *p, uint16_t type, const char *s)
{
	uint8_t a[16];

	if (strchr(s, ':')) {
		inet_pton(AF_INET6, s, a);
		add(r, p, type, a, 16);
	} else {
		inet_pton(AF_INET, s, a);
		add(r, p, type, a, 4);
	}
}

/* --- valid requests, over a small pool of names, ids and addresses */

static void req_init(struct req *r, uint8_t cmd, uint16_t flags)
{
	memset(&r->root, 0, sizeof(r->root));
	r->used = 0;
	r->cmd = cmd;
	r->version = VNET_GENL_VERSION;
	r->reserved = 0;
	r->flags = flags;
	r->cut = 0;
}

static void put_network(struct req *r, int k)
{
	struct tlv *n = nest(r, &r->root, VNET_A_NETWORK);
	char name[8];

	snprintf(name, sizeof(name), "n%d", k);
	if (n)
		add_str(r, n, VNET_NETWORK_A_NAME, name);
}

static void put_prefixes(struct req *r, struct tlv *n, int k)
{
	struct tlv *list = nest(r, n, VNET_NETWORK_A_PREFIXES), *e;
	char a[64];
	uint8_t len;
	int i, cnt = 1 + below(3);

	for (i = 0; list && i < cnt; i++) {
		e = nest(r, list, i + 1);
		if (!e)
			return;
		if (i == 1) {
			snprintf(a, sizeof(a), "fd00:%x::", k);
			len = 64;
		} else {
			snprintf(a, sizeof(a), "10.%d.%d.0", k, i ? 128 : 0);
			len = i ? 17 : 16;
		}
		add_ip(r, e, VNET_PREFIX_A_ADDR, a);
		add(r, e, VNET_PREFIX_A_LEN, &len, 1);
	}
}

static void node_addr(char *buf, size_t size, int k)
{
	if (below(3))
		snprintf(buf, size, "10.%d.0.%u", k, 1 + below(20));
	else
		snprintf(buf, size, "fd00:%x::%x", k, 1 + below(20));
}

static void valid_req(struct req *r)
{
	static const uint32_t node_flags[] = {
		NLM_F_CREATE | NLM_F_EXCL, NLM_F_CREATE | NLM_F_REPLACE,
		NLM_F_REPLACE, 0,
	};
	int k = below(NETWORKS);
	struct tlv *n, *p;
	char a[64], dev[16];

	snprintf(dev, sizeof(dev), "p%u", below(nports));
	switch (below(16)) {
	case 0:
	case 1:
		req_init(r, VNET_CMD_NETWORK_NEW, 0);
		put_network(r, k);
		n = r->root.kid[0];
		add_u32(r, n, VNET_NETWORK_A_ID, 1 + k);
		if (below(2))
			add_u16(r, n, VNET_NETWORK_A_PORT, below(2) ? 6081 : 7000);
		if (below(2))
			add_ip(r, n, VNET_NETWORK_A_LOCAL, "192.0.2.1");
		put_prefixes(r, n, k);
		break;
	case 2:
		req_init(r, VNET_CMD_NETWORK_DEL, 0);
		put_network(r, k);
		break;
	case 3:
		req_init(r, VNET_CMD_NETWORK_SET, 0);
		put_network(r, k);
		n = r->root.kid[0];
		if (below(2))
			put_prefixes(r, n, k);
		if (below(2))
			add_ip(r, n, VNET_NETWORK_A_LOCAL6, below(2) ? "fd99::1" : "::");
		break;
	case 4:
		req_init(r, VNET_CMD_NETWORK_GET, below(2) ? NLM_F_DUMP : 0);
		if (!(r->flags & NLM_F_DUMP))
			put_network(r, k);
		break;
	case 5:
		req_init(r, VNET_CMD_PORT_NEW, 0);
		put_network(r, k);
		p = nest(r, &r->root, VNET_A_PORT);
		if (p)
			add_str(r, p, VNET_PORT_A_IFNAME, dev);
		break;
	case 6:
		req_init(r, VNET_CMD_PORT_DEL, 0);
		p = nest(r, &r->root, VNET_A_PORT);
		if (p)
			add_str(r, p, VNET_PORT_A_IFNAME, dev);
		break;
	case 7:
		req_init(r, VNET_CMD_PORT_GET, NLM_F_DUMP);
		if (below(2))
			put_network(r, k);
		break;
	case 8:
	case 9:
	case 10:
	case 11:
		req_init(r, VNET_CMD_NODE_NEW, 0);
		put_network(r, k);
		if (below(4))
			add_u32(r, &r->root, VNET_A_FLAGS, node_flags[below(4)]);
		p = nest(r, &r->root, VNET_A_NODE);
		if (!p)
			break;
		node_addr(a, sizeof(a), k);
		add_ip(r, p, VNET_NODE_A_ADDR, a);
		if (below(2)) {
			add_str(r, p, VNET_NODE_A_IFNAME, dev);
		} else {
			snprintf(a, sizeof(a), below(2) ? "192.0.2.%u" : "fd99::%x",
				 1 + below(5));
			add_ip(r, p, VNET_NODE_A_REMOTE, a);
		}
		break;
	case 12:
		req_init(r, VNET_CMD_NODE_DEL, 0);
		put_network(r, k);
		p = nest(r, &r->root, VNET_A_NODE);
		node_addr(a, sizeof(a), k);
		if (p)
			add_ip(r, p, VNET_NODE_A_ADDR, a);
		break;
	case 13:
		req_init(r, VNET_CMD_NODE_GET, NLM_F_DUMP);
		if (below(2))
			put_network(r, k);
		break;
	case 14:
		req_init(r, below(8) ? VNET_CMD_STATS_GET : VNET_CMD_NODE_FLUSH, 0);
		if (r->cmd == VNET_CMD_NODE_FLUSH)
			put_network(r, k);
		break;
	default:
		/* rarely everything at once */
		req_init(r, below(20) ? VNET_CMD_NODE_GET : VNET_CMD_NETWORK_FLUSH,
			 0);
		if (r->cmd == VNET_CMD_NODE_GET) {
			put_network(r, k);
			p = nest(r, &r->root, VNET_A_NODE);
			node_addr(a, sizeof(a), k);
			if (p)
				add_ip(r, p, VNET_NODE_A_ADDR, a);
		}
	}
}

/* --- mutations */

/* Pick an attribute, with its parent; NULL if there is none. */
static struct tlv *pick(struct req *r, struct tlv **parent, int *index)
{
	struct tlv *at = &r->root, *t;
	int depth;

	for (depth = 0; depth < 4; depth++) {
		if (!at->nkids)
			break;
		*parent = at;
		*index = below(at->nkids);
		t = at->kid[*index];
		if (!t->nkids || below(3) == 0)
			return t;
		at = t;
	}
	return at == &r->root ? NULL : at;
}

static void mutate(struct req *r)
{
	struct tlv *parent = NULL, *t, *c;
	int i = 0, j;

	t = pick(r, &parent, &i);
	switch (below(12)) {
	case 0:		/* drop */
		if (!t)
			break;
		memmove(&parent->kid[i], &parent->kid[i + 1],
			(parent->nkids - i - 1) * sizeof(t));
		parent->nkids--;
		break;
	case 1:		/* duplicate */
		if (!t || parent->nkids == MAX_KIDS)
			break;
		c = tlv_new(r, t->type);
		if (!c)
			break;
		*c = *t;
		parent->kid[parent->nkids++] = c;
		break;
	case 2:		/* truncate a value */
		if (t && t->len)
			t->len = below(t->len);
		break;
	case 3:		/* make a value longer */
		if (t && !t->nkids) {
			for (j = t->len; j < MAX_VAL; j++)
				t->val[j] = rnd();
			t->len += below(MAX_VAL - t->len + 1);
		}
		break;
	case 4:		/* claim more than there is */
		if (t)
			t->lie = 1 + below(16);
		break;
	case 5:		/* nested wrongly: flip the flag */
		if (t)
			t->type ^= NLA_F_NESTED;
		break;
	case 6:		/* a leaf wrapped in a nest of its own type */
		if (t && parent->nkids < MAX_KIDS) {
			c = tlv_new(r, t->type | NLA_F_NESTED);
			if (!c)
				break;
			c->kid[c->nkids++] = t;
			parent->kid[i] = c;
		}
		break;
	case 7:		/* a random type */
		if (t)
			t->type = (t->type & NLA_F_NESTED) | below(24);
		break;
	case 8:		/* random bytes */
		if (t)
			for (j = 0; j < t->len; j++)
				if (below(2))
					t->val[j] = rnd();
		break;
	case 9:		/* a random command, version or reserved field */
		switch (below(3)) {
		case 0:
			r->cmd = below(VNET_CMD_MAX + 4);
			break;
		case 1:
			r->version = below(4);
			break;
		default:
			r->reserved = rnd();
		}
		break;
	case 10:	/* random request flags */
		r->flags = rnd() & (NLM_F_ROOT | NLM_F_MATCH | NLM_F_ATOMIC |
				    NLM_F_REPLACE | NLM_F_EXCL | NLM_F_CREATE |
				    NLM_F_APPEND);
		break;
	default:	/* the message cut short */
		r->cut = 1 + below(24);
	}
}

/* --- the conversation */

static size_t put_tlv(uint8_t *buf, size_t off, size_t max, const struct tlv *t)
{
	size_t start = off, len;
	struct nlattr *nla;
	int i;

	if (off + NLA_HDRLEN + MAX_VAL > max)
		return off;
	nla = (struct nlattr *)(buf + off);
	nla->nla_type = t->type;
	off += NLA_HDRLEN;
	if (t->nkids) {
		for (i = 0; i < t->nkids; i++)
			off = put_tlv(buf, off, max, t->kid[i]);
	} else {
		memcpy(buf + off, t->val, t->len);
		off += t->len;
	}
	len = off - start + t->lie;
	nla->nla_len = len > 0xffff ? 0xffff : len;
	while (off % NLA_ALIGNTO)
		buf[off++] = 0;
	return off;
}

static size_t build(const struct req *r, uint16_t family, uint32_t seq,
		    uint8_t *buf)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct genlmsghdr *g;
	size_t off;
	int i;

	memset(buf, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | r->flags;
	nlh->nlmsg_seq = seq;
	g = (struct genlmsghdr *)(buf + NLMSG_HDRLEN);
	g->cmd = r->cmd;
	g->version = r->version;
	g->reserved = r->reserved;
	off = NLMSG_HDRLEN + GENL_HDRLEN;
	for (i = 0; i < r->root.nkids; i++)
		off = put_tlv(buf, off, BUFSZ / 2, r->root.kid[i]);
	if (r->cut && off >= NLMSG_HDRLEN + (size_t)r->cut)
		off -= r->cut;
	nlh->nlmsg_len = off;
	return off;
}

struct tally {
	unsigned long sent, ok, lost, bad;
	int bad_errno;
	unsigned long err[136];
};

/* Read the answer to @seq: 0, or the errno the kernel gave; -1 if none
 * came or it made no sense.
 */
static int answer(int fd, uint32_t seq, uint8_t *buf)
{
	struct nlmsghdr *nlh;
	ssize_t n;
	int len;

	for (;;) {
		n = recv(fd, buf, BUFSZ, 0);
		if (n < 0)
			return errno == ENOBUFS ? ENOBUFS : -1;
		len = n;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(int)))
					return -1;
				return -*(int *)NLMSG_DATA(nlh);
			}
		}
	}
}

static int genl_open(uint16_t *family, uint8_t *buf)
{
	struct timeval tv = { .tv_sec = 10 };
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct genlmsghdr *g;
	struct nlattr *nla;
	int fd, len, one = 1;
	ssize_t n;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	memset(buf, 0, 64);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = 1;
	g = NLMSG_DATA(nlh);
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	nla = (struct nlattr *)(buf + NLMSG_HDRLEN + GENL_HDRLEN);
	nla->nla_type = CTRL_ATTR_FAMILY_NAME;
	nla->nla_len = NLA_HDRLEN + sizeof(VNET_GENL_NAME);
	memcpy(nla + 1, VNET_GENL_NAME, sizeof(VNET_GENL_NAME));
	nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + NLA_ALIGN(nla->nla_len);
	if (send(fd, buf, nlh->nlmsg_len, 0) < 0)
		return -1;
	n = recv(fd, buf, BUFSZ, 0);
	if (n < (ssize_t)NLMSG_HDRLEN || nlh->nlmsg_type == NLMSG_ERROR)
		return -1;
	len = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	for (nla = (struct nlattr *)(buf + NLMSG_HDRLEN + GENL_HDRLEN);
	     len >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN && nla->nla_len <= len;
	     len -= NLA_ALIGN(nla->nla_len),
	     nla = (struct nlattr *)((char *)nla + NLA_ALIGN(nla->nla_len))) {
		if (nla->nla_type == CTRL_ATTR_FAMILY_ID) {
			*family = *(uint16_t *)(nla + 1);
			return fd;
		}
	}
	return -1;
}

static int worker(unsigned long n, struct tally *t)
{
	static uint8_t buf[BUFSZ], out[BUFSZ / 2];
	static struct req r;
	uint16_t family;
	uint32_t seq = 1;
	unsigned long i;
	int fd, err, m;
	size_t len;

	fd = genl_open(&family, buf);
	if (fd < 0) {
		perror("nlfuzz: the vnet family");
		return -1;
	}
	for (i = 0; i < n; i++) {
		valid_req(&r);
		if (below(3)) {
			for (m = 1 + below(3); m; m--)
				mutate(&r);
		}
		len = build(&r, family, ++seq, out);
		t->sent++;
		if (send(fd, out, len, 0) < 0) {
			t->bad++;
			t->bad_errno = errno;
			continue;
		}
		err = answer(fd, seq, buf);
		if (err < 0) {
			t->lost++;
			continue;
		}
		if (!err)
			t->ok++;
		else
			t->err[err < 136 ? err : 135]++;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long n = 10000, seed = 1;
	struct tally sum = { 0 }, *t;
	int workers = 2, opt, w, status, fail = 0;
	int fds[2];

	while ((opt = getopt(argc, argv, "n:w:s:p:")) != -1) {
		switch (opt) {
		case 'n':
			n = strtoul(optarg, NULL, 0);
			break;
		case 'w':
			workers = atoi(optarg);
			break;
		case 's':
			seed = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			nports = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: nlfuzz [-n MESSAGES] [-w WORKERS] [-s SEED] [-p PORTS]\n");
			return 2;
		}
	}
	if (workers < 1 || pipe(fds))
		return 2;
	for (w = 0; w < workers; w++) {
		if (fork() == 0) {
			struct tally mine = { 0 };

			close(fds[0]);
			rng = seed * 0x9e3779b97f4a7c15ULL + w + 1;
			status = worker(n / workers, &mine);
			if (write(fds[1], &mine, sizeof(mine)) != sizeof(mine))
				status = -1;
			_exit(status ? 1 : 0);
		}
	}
	close(fds[1]);
	t = malloc(sizeof(*t));
	while (t && read(fds[0], t, sizeof(*t)) == sizeof(*t)) {
		sum.sent += t->sent;
		sum.ok += t->ok;
		sum.lost += t->lost;
		sum.bad += t->bad;
		if (t->bad)
			sum.bad_errno = t->bad_errno;
		for (w = 0; w < 136; w++)
			sum.err[w] += t->err[w];
	}
	free(t);
	while (wait(&status) > 0) {
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "nlfuzz: a worker failed (status %#x)\n", status);
			fail = 1;
		}
	}
	printf("sent %lu accepted %lu unanswered %lu", sum.sent, sum.ok, sum.lost);
	if (sum.bad)
		printf(" unsent %lu (%s)", sum.bad, strerror(sum.bad_errno));
	for (w = 1; w < 136; w++)
		if (sum.err[w])
			printf(" %s %lu", strerrorname_np(w) ?: "?", sum.err[w]);
	printf("\n");
	return fail || sum.lost || sum.bad;
}

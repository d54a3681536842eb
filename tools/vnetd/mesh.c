// SPDX-License-Identifier: GPL-2.0
/*
 * vnetd: the hosts of a peering router tell each other their routers'
 * routes.
 *
 * A peering router is present on every host (VNET_PEERING_A_HOSTS lists
 * their substrate addresses), and every host must forward with the same
 * table: the receiving host checks the sender's choice against its own.
 * But a network's router speaks BGP to the vnetd of its own host only. So
 * each vnetd holds a BGP session with the vnetd of every other host of
 * the peering router, on VNETD_MESH_PORT, in the private AS VNETD_MESH_ASN,
 * and tells it, per prefix, the best path of its own routers with all the
 * routers of the paths equal to it: their networks' identifiers and
 * addresses, in the private attribute VNET_HOPS (msg.h). A capability in
 * the OPEN names the peering router. The receiving vnetd takes that path as
 * one more, through those routers, and chooses among all by the paths'
 * attributes alone; every host sees the same paths and installs the same
 * routes. What a host hears from another it does not tell a third.
 *
 * A host's connections arrive on one listener for all peering routers: a
 * connection is held, unattached, until its OPEN names the peering router,
 * and only from the listed hosts.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vnetd.h"

static bool same_addr(const struct prefix *a, const struct prefix *b)
{
	return a->family == b->family &&
	       !memcmp(&a->addr, &b->addr, a->family == AF_INET ? 4 : 16);
}

/* Is @a an address of this host (of vnetd's network namespace)? */
static bool addr_is_local(const struct prefix *a)
{
	struct sockaddr_storage ss = {};
	socklen_t len;
	int fd, err;

	if (a->family == AF_INET) {
		struct sockaddr_in *s = (struct sockaddr_in *)&ss;

		s->sin_family = AF_INET;
		s->sin_addr = a->addr.v4;
		len = sizeof(*s);
	} else {
		struct sockaddr_in6 *s = (struct sockaddr_in6 *)&ss;

		s->sin6_family = AF_INET6;
		s->sin6_addr = a->addr.v6;
		len = sizeof(*s);
	}
	fd = socket(a->family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	err = bind(fd, (struct sockaddr *)&ss, len);
	close(fd);
	return !err;
}

static struct attach *mesh_new(struct peering *pr)
{
	struct attach *m = calloc(1, sizeof(*m));

	if (m)
		m->peers = calloc(VNET_MAX_PEERING_HOSTS, sizeof(*m->peers));
	if (!m || !m->peers) {
		free(m);
		return NULL;
	}
	m->pr = pr;
	m->mesh = true;
	m->lfd[0] = -1;
	m->lfd[1] = -1;
	m->next = pr->atts;
	pr->atts = m;
	pr->mesh = m;
	return m;
}

void mesh_free(struct peering *pr)
{
	struct attach **ap, *m = pr->mesh;

	for (ap = &pr->atts; *ap; ap = &(*ap)->next) {
		if (*ap == m) {
			*ap = m->next;
			break;
		}
	}
	pr->mesh = NULL;
	attach_free(m);
}

/**
 * mesh_sync - the hosts of a peering router, as the kernel lists them
 * @pr: the peering router
 * @hosts: their addresses
 * @n: their number
 *
 * The first of them that is this host's is vnetd's own; the others of its
 * family are the peers. A list without this host means no sessions.
 */
void mesh_sync(struct peering *pr, const struct prefix *hosts, unsigned int n)
{
	struct peer *keep[VNET_MAX_PEERING_HOSTS], *p;
	struct vnet_bgp_peer cfg = {};
	const struct prefix *self = NULL;
	unsigned int i, j, nkeep = 0;
	struct attach *m = pr->mesh;
	char a[INET6_ADDRSTRLEN];

	for (i = 0; i < n && !self; i++)
		if (addr_is_local(&hosts[i]))
			self = &hosts[i];
	if (m && (!self || !same_addr(self, &pr->self))) {
		log_info("peering %s: no longer in touch with its hosts",
			 pr->name);
		mesh_free(pr);
		m = NULL;
	}
	if (!self) {
		if (n)
			log_warn("peering %s: none of its hosts is this one",
				 pr->name);
		return;
	}
	if (!m) {
		m = mesh_new(pr);
		if (!m)
			return;
		pr->self = *self;
		log_info("peering %s: this host is %s", pr->name,
			 format_addr(self, a, sizeof(a)));
	}
	m->seen = true;
	for (i = 0; i < n; i++) {
		if (&hosts[i] == self)
			continue;
		if (hosts[i].family != self->family) {
			log_debug("peering %s: host %s: not of this host's family",
				  pr->name, format_addr(&hosts[i], a, sizeof(a)));
			continue;
		}
		for (j = 0; j < m->npeers; j++)
			if (m->peers[j] && same_addr(&m->peers[j]->cfg.addr,
						     &hosts[i]))
				break;
		if (j < m->npeers) {
			keep[nkeep++] = m->peers[j];
			m->peers[j] = NULL;
			continue;
		}
		cfg.addr = hosts[i];
		cfg.asn = VNETD_MESH_ASN;
		cfg.local_asn = VNETD_MESH_ASN;
		cfg.hold_time = VNETD_MESH_HOLD;
		p = peer_new(m, &cfg);
		if (p)
			keep[nkeep++] = p;
	}
	for (j = 0; j < m->npeers; j++) {
		p = m->peers[j];
		m->peers[j] = NULL;
		if (p)
			peer_free(p);
	}
	memcpy(m->peers, keep, nkeep * sizeof(*keep));
	m->npeers = nkeep;
}

/* --- connections from other hosts */

/* Listen on VNETD_MESH_PORT, IPv4 and IPv6 (the hosts' one listener). */
void mesh_listen(void)
{
	struct sockaddr_in6 s6 = {
		.sin6_family = AF_INET6, .sin6_port = htons(VNETD_MESH_PORT),
	};
	struct sockaddr_in s4 = {
		.sin_family = AF_INET, .sin_port = htons(VNETD_MESH_PORT),
	};
	int one = 1, f, fd;

	for (f = 0; f < 2; f++) {
		vd.mesh_fd[f] = -1;
		fd = socket(f ? AF_INET6 : AF_INET,
			    SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (f)
			setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
				   sizeof(one));
		if (bind(fd, f ? (struct sockaddr *)&s6 : (struct sockaddr *)&s4,
			 f ? sizeof(s6) : sizeof(s4)) < 0 ||
		    listen(fd, 16) < 0) {
			log_warn("cannot listen for other hosts on %s port %d: %s",
				 f ? "IPv6" : "IPv4", VNETD_MESH_PORT,
				 strerror(errno));
			close(fd);
			continue;
		}
		vd.mesh_fd[f] = fd;
		ep_add(fd, EPOLLIN, EP_MESH_LISTEN, NULL);
	}
}

/* The session of host @from for peering router @name, if it has one */
static struct peer *mesh_find(const char *name, const struct prefix *from)
{
	struct peering *pr;
	unsigned int i;

	for (pr = vd.peerings; pr; pr = pr->next) {
		if (!pr->mesh || (name && strcmp(pr->name, name)))
			continue;
		for (i = 0; i < pr->mesh->npeers; i++)
			if (same_addr(&pr->mesh->peers[i]->cfg.addr, from))
				return pr->mesh->peers[i];
	}
	return NULL;
}

/* A connection is no longer waiting for its OPEN */
static void pending_take(struct conn *c)
{
	unsigned int i;

	for (i = 0; i < VNETD_MESH_PENDING; i++)
		if (vd.pending[i] == c)
			vd.pending[i] = NULL;
}

/* The address of @fd's end (a connection's local address), into @a */
static void sock_addr(int fd, struct prefix *a)
{
	struct sockaddr_storage ss = {};
	socklen_t len = sizeof(ss);

	getsockname(fd, (struct sockaddr *)&ss, &len);
	prefix_of_sockaddr(&ss, a);
}

static void pending_close(struct conn *c)
{
	pending_take(c);
	conn_close(c);
}

void mesh_accept(int lfd)
{
	unsigned int i, k, same = 0;
	struct prefix from = {};
	char a[INET6_ADDRSTRLEN];
	bool listed;
	struct conn *c;
	int fd;

	fd = accept_from(lfd, &from);
	if (fd < 0)
		return;
	/* a free slot, and at most 2 of one host waiting */
	for (i = 0, k = VNETD_MESH_PENDING; i < VNETD_MESH_PENDING; i++) {
		if (!vd.pending[i])
			k = k == VNETD_MESH_PENDING ? i : k;
		else if (same_addr(&vd.pending[i]->from, &from))
			same++;
	}
	listed = mesh_find(NULL, &from);
	if (!listed || k == VNETD_MESH_PENDING || same >= 2) {
		log_debug("connection from %s: %s: closed",
			  format_addr(&from, a, sizeof(a)),
			  !listed ? "not a host of any peering router" :
			  "too many waiting");
		close(fd);
		return;
	}
	c = conn_new(NULL, fd, false);
	if (!c) {
		close(fd);
		return;
	}
	c->from = from;
	c->deadline = now_ms() + VNETD_MESH_OPEN_WAIT * 1000ULL;
	if (ep_add(fd, EPOLLIN, EP_PENDING, c) < 0) {
		conn_close(c);
		return;
	}
	vd.pending[k] = c;
}

/* A refusal before the session is known: Cease, and the connection goes */
static void pending_refuse(struct conn *c, uint8_t code, uint8_t subcode,
			   const uint8_t *data, size_t len, const char *why)
{
	char a[INET6_ADDRSTRLEN];

	log_info("connection from %s: %s: sent %s",
		 format_addr(&c->from, a, sizeof(a)), why,
		 bgp_err_name(code, subcode));
	send_notify(c, code, subcode, data, len);
	pending_close(c);
}

/*
 * A host's connection before its OPEN: read until the OPEN is whole, find
 * the session it names, and give the connection to it.
 */
void mesh_pending_io(struct conn *c)
{
	struct bgp_notify err;
	struct prefix self;
	struct bgp_open o;
	struct peer *p;
	ssize_t n;
	int len;

	n = recv(c->fd, c->in + c->inlen, sizeof(c->in) - c->inlen, 0);
	if (n <= 0) {
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		pending_close(c);
		return;
	}
	c->inlen += n;
	if (c->inlen < BGP_HDR_LEN)
		return;
	len = bgp_header_check(c->in, &err);
	if (len < 0) {
		pending_refuse(c, err.code, err.subcode, err.data, err.len,
			       "a bad header");
		return;
	}
	if (c->in[18] != BGP_OPEN) {
		pending_refuse(c, BGP_ERR_FSM, 0, &c->in[18], 1,
			       "a message before its OPEN");
		return;
	}
	if (c->inlen < (size_t)len)
		return;
	if (bgp_open_parse(c->in, len, &o, &err) < 0) {
		pending_refuse(c, err.code, err.subcode, err.data, err.len,
			       "a bad OPEN");
		return;
	}
	p = o.has_vnet ? mesh_find(o.vnet_name, &c->from) : NULL;
	/*
	 * ... to this host's address: a node of a network reaches the host's
	 * stack at its attachments' addresses, and may have a host's address
	 */
	sock_addr(c->fd, &self);
	if (p && !same_addr(&self, &p->att->pr->self))
		p = NULL;
	if (!p) {
		pending_refuse(c, BGP_ERR_CEASE, BGP_CEASE_REJECTED, NULL, 0,
			       o.has_vnet ? "not a host of that peering router" :
			       "no peering router named");
		return;
	}
	pending_take(c);
	conn_adopt(p, c);
}

/* Connections that did not send their OPEN in time go. */
void mesh_timers(uint64_t now, uint64_t *next)
{
	unsigned int i;

	for (i = 0; i < VNETD_MESH_PENDING; i++) {
		if (!vd.pending[i])
			continue;
		if (now >= vd.pending[i]->deadline) {
			pending_close(vd.pending[i]);
			continue;
		}
		if (vd.pending[i]->deadline < *next)
			*next = vd.pending[i]->deadline;
	}
}

/* --- paths */

/**
 * mesh_resolve - the routers a host's path names, in networks attached here
 * @pr: the peering router
 * @a: the path's attributes, VNET_HOPS checked
 * @hops: gets at most VNET_MAX_NEXTHOPS
 *
 * A network is named by its identifier, the same on every host; a router
 * in a network not attached here is left out.
 * Return: how many.
 */
unsigned int mesh_resolve(struct peering *pr, const struct bgp_attrs *a,
			  struct rhop *hops)
{
	struct bgp_vnet_hop_iter it;
	struct bgp_vnet_hop h;
	struct attach *att;
	unsigned int n = 0;

	bgp_vnet_hops_init(&it, a->vnet_hops, a->vnet_hops_len);
	while (n < VNET_MAX_NEXTHOPS && bgp_vnet_hop_next(&it, &h)) {
		for (att = pr->atts; att; att = att->next)
			if (!att->mesh && att->info.id == h.vni)
				break;
		if (!att)
			continue;
		memset(&hops[n], 0, sizeof(hops[n]));
		hops[n].id = h.vni;
		hops[n].ifindex = att->info.ifindex;
		hops[n].addr.family = h.family;
		hops[n].addr.len = h.family == AF_INET ? 32 : 128;
		memcpy(&hops[n].addr.addr, h.addr, h.family == AF_INET ? 4 : 16);
		n++;
	}
	return n;
}

/**
 * mesh_encode - VNET_HOPS for the other hosts
 * @hops: this host's routers of a path
 * @n: their number
 * @pr: their peering router
 * @buf: room for VNET_MAX_NEXTHOPS entries
 *
 * Return: the attribute's length; 0 if no router's network is known.
 */
size_t mesh_encode(const struct rhop *hops, unsigned int n,
		   const struct peering *pr, uint8_t *buf)
{
	struct bgp_vnet_hop h[VNET_MAX_NEXTHOPS];
	const struct attach *att;
	unsigned int i, k = 0;

	for (i = 0; i < n; i++) {
		for (att = pr->atts; att; att = att->next)
			if (!att->mesh && att->info.ifindex == hops[i].ifindex)
				break;
		if (!att)
			continue;
		memset(&h[k], 0, sizeof(h[k]));
		h[k].vni = att->info.id;
		h[k].family = hops[i].addr.family;
		memcpy(h[k].addr, &hops[i].addr.addr,
		       h[k].family == AF_INET ? 4 : 16);
		k++;
	}
	return k ? bgp_vnet_hops_put(buf, h, k) : 0;
}

/* A prefix whose paths from this host's routers changed: the hosts hear. */
void mesh_queue(struct peering *pr, const struct rkey *key)
{
	int af = af_index(key->family);
	struct peer *p;
	unsigned int i;

	for (i = 0; i < pr->mesh->npeers; i++) {
		p = pr->mesh->peers[i];
		if (p->state == ST_ESTABLISHED && p->af[af].on)
			kvec_push(&p->af[af].queue, key);
	}
}

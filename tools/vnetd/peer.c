// SPDX-License-Identifier: GPL-2.0
/*
 * vnetd: BGP sessions (RFC 4271 8) with the routers of attached networks.
 *
 * Each attachment listens on its addresses, port 179, bound to its
 * network's netdevice (so networks whose addresses overlap stay apart),
 * and vnetd also connects to each peer: either side may open the session,
 * and when both do, the collision is resolved as RFC 4271 6.8 says. TCP-MD5
 * (RFC 2385) keys are set on the listeners and the connecting sockets;
 * with TTL security (RFC 5082) packets go out with TTL 255 and only those
 * that arrive with 255 are taken.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vnetd.h"

/* The hold time of OpenSent, until the peer's OPEN says (RFC 4271 8) */
#define OPEN_HOLD_TIME		240
/* Output a session keeps queued before export waits for it to drain */
#define OUT_HIGH		(256 * 1024)

static const char *const states[] = {
	[ST_IDLE] = "Idle",
	[ST_CONNECT] = "Connect",
	[ST_ACTIVE] = "Active",
	[ST_OPENSENT] = "OpenSent",
	[ST_OPENCONFIRM] = "OpenConfirm",
	[ST_ESTABLISHED] = "Established",
};

const char *state_name(enum bgp_state s)
{
	return states[s];
}

const char *peer_name(const struct peer *p)
{
	static char buf[2][INET6_ADDRSTRLEN + 2 * IFNAMSIZ + 16];
	static int i;
	char a[INET6_ADDRSTRLEN];

	i ^= 1;
	if (p->mesh)
		snprintf(buf[i], sizeof(buf[i]), "host %s (peering %s)",
			 format_addr(&p->cfg.addr, a, sizeof(a)),
			 p->att->pr->name);
	else
		snprintf(buf[i], sizeof(buf[i]), "%s%%%s",
			 format_addr(&p->cfg.addr, a, sizeof(a)),
			 p->att->info.network);
	return buf[i];
}

/* The address the peering router has in the peer's family (its host's) */
static const struct prefix *local_addr(const struct peer *p)
{
	const struct vnet_attach_info *i = &p->att->info;

	if (p->mesh)
		return &p->att->pr->self;
	if (p->cfg.addr.family == AF_INET)
		return i->has_addr4 ? &i->addr4 : NULL;
	return i->has_addr6 ? &i->addr6 : NULL;
}

/*
 * vnetd's BGP identifier towards @p: its attachment's IPv4 address, or
 * its host's (hashed, if IPv6): the hosts' differ.
 */
static uint32_t local_id(const struct peer *p)
{
	const struct prefix *self = &p->att->pr->self;
	uint32_t h = 2166136261u;
	unsigned int i;

	if (p->mesh && self->family == AF_INET)
		return ntohl(self->addr.v4.s_addr);
	if (p->mesh) {
		for (i = 0; i < 16; i++)
			h = (h ^ self->addr.v6.s6_addr[i]) * 16777619u;
		return h | 1;
	}
	if (p->att->info.has_addr4)
		return ntohl(p->att->info.addr4.addr.v4.s_addr);
	return vd.router_id;
}

static void sockaddr_of(const struct prefix *a, uint16_t port,
			struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof(*ss));
	if (a->family == AF_INET) {
		struct sockaddr_in *s = (struct sockaddr_in *)ss;

		s->sin_family = AF_INET;
		s->sin_port = htons(port);
		s->sin_addr = a->addr.v4;
		*len = sizeof(*s);
	} else {
		struct sockaddr_in6 *s = (struct sockaddr_in6 *)ss;

		s->sin6_family = AF_INET6;
		s->sin6_port = htons(port);
		s->sin6_addr = a->addr.v6;
		*len = sizeof(*s);
	}
}

/* TCP-MD5 key for @peer on socket @fd (an empty key deletes it). */
static int set_md5(int fd, const struct prefix *peer, const uint8_t *key,
		   unsigned int len)
{
	struct tcp_md5sig sig = {};
	socklen_t slen;

	sockaddr_of(peer, 0, &sig.tcpm_addr, &slen);
	sig.tcpm_keylen = len;
	memcpy(sig.tcpm_key, key, len);
	return setsockopt(fd, IPPROTO_TCP, TCP_MD5SIG, &sig, sizeof(sig));
}

/* RFC 5082: send with TTL 255, take only what arrives with 255. */
static void set_gtsm(int fd, int family, bool on)
{
	int ttl = on ? 255 : 64, min = on ? 255 : 0;

	if (family == AF_INET) {
		setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl));
		setsockopt(fd, IPPROTO_IP, IP_MINTTL, &min, sizeof(min));
	} else {
		setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl, sizeof(ttl));
		setsockopt(fd, IPPROTO_IPV6, IPV6_MINHOPCOUNT, &min, sizeof(min));
	}
}

/* A socket bound to the attachment's address on its network's netdevice */
static int bound_socket(const struct attach *att, const struct prefix *addr,
			uint16_t port)
{
	struct sockaddr_storage ss;
	int one = 1, fd;
	socklen_t len;

	fd = socket(addr->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* the address may come to the netdevice after vnetd starts */
	if (addr->family == AF_INET)
		setsockopt(fd, IPPROTO_IP, IP_FREEBIND, &one, sizeof(one));
	else
		setsockopt(fd, IPPROTO_IPV6, IPV6_FREEBIND, &one, sizeof(one));
	/* a host's address is on the substrate, any netdevice */
	if (!att->mesh &&
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, att->info.network,
		       strlen(att->info.network)) < 0)
		goto err;
	sockaddr_of(addr, port, &ss, &len);
	if (bind(fd, (struct sockaddr *)&ss, len) < 0)
		goto err;
	return fd;
err:
	close(fd);
	return -1;
}

/* --- listeners */

void attach_unlisten(struct attach *att)
{
	int f;

	for (f = 0; f < 2; f++) {
		if (att->lfd[f] < 0)
			continue;
		ep_del(att->lfd[f]);
		close(att->lfd[f]);
		att->lfd[f] = -1;
	}
}

/* Listen on the attachment's addresses its peers will connect to. */
void attach_listen(struct attach *att)
{
	const struct prefix *addr;
	unsigned int i;
	bool gtsm;
	int f, fd;

	attach_unlisten(att);
	if (att->mesh)
		return;		/* the hosts connect to mesh_listen()'s */
	for (f = 0; f < 2; f++) {
		int family = f ? AF_INET6 : AF_INET;

		addr = f ? (att->info.has_addr6 ? &att->info.addr6 : NULL) :
			   (att->info.has_addr4 ? &att->info.addr4 : NULL);
		gtsm = true;
		for (i = 0; i < att->npeers; i++)
			if (att->peers[i]->cfg.addr.family == family &&
			    !att->peers[i]->cfg.ttl_security)
				gtsm = false;
		for (i = 0; i < att->npeers; i++)
			if (att->peers[i]->cfg.addr.family == family)
				break;
		if (!addr || i == att->npeers)
			continue;
		fd = bound_socket(att, addr, BGP_PORT);
		if (fd < 0 || listen(fd, 16) < 0) {
			log_warn("network %s: cannot listen on port %d: %s",
				 att->info.network, BGP_PORT, strerror(errno));
			if (fd >= 0)
				close(fd);
			continue;
		}
		for (i = 0; i < att->npeers; i++)
			if (att->peers[i]->cfg.addr.family == family &&
			    att->peers[i]->cfg.md5_len &&
			    set_md5(fd, &att->peers[i]->cfg.addr,
				    att->peers[i]->cfg.md5,
				    att->peers[i]->cfg.md5_len) < 0)
				log_warn("%s: cannot set its TCP-MD5 key: %s",
					 peer_name(att->peers[i]), strerror(errno));
		/* a SYN from a peer without TTL security must get through */
		set_gtsm(fd, family, gtsm);
		att->lfd[f] = fd;
		ep_add(fd, EPOLLIN, EP_LISTEN, att);
	}
}

/* --- connections */

struct conn *conn_new(struct peer *p, int fd, bool outgoing)
{
	struct conn *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->peer = p;
	c->fd = fd;
	c->outgoing = outgoing;
	c->state = ST_IDLE;
	return c;
}

/* Close a connection; freed after the epoll batch (events may name it) */
void conn_close(struct conn *c)
{
	if (!c)
		return;
	ep_del(c->fd);
	close(c->fd);
	c->fd = -1;
	buf_free(&c->out);
	c->peer = NULL;
	defer_free(c);
}

/* Write what @c has queued; watch for more room if some is left. */
static int conn_flush(struct conn *c)
{
	ssize_t n;

	while (c->out.off < c->out.len) {
		n = send(c->fd, c->out.data + c->out.off,
			 c->out.len - c->out.off, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			return -1;
		}
		c->out.off += n;
	}
	if (c->out.off == c->out.len)
		c->out.off = c->out.len = 0;
	ep_mod(c->fd, EPOLLIN | (c->out.len ? EPOLLOUT : 0), EP_CONN, c);
	return 0;
}

static int conn_send(struct conn *c, const uint8_t *msg, size_t len)
{
	if (buf_put(&c->out, msg, len) < 0)
		return -1;
	return 0;
}

void send_notify(struct conn *c, uint8_t code, uint8_t subcode,
		 const uint8_t *data, size_t len)
{
	struct bgp_notify n = {
		.code = code, .subcode = subcode, .data = data, .len = len,
	};
	size_t mlen = bgp_notify_build(vd.msgbuf, &n);

	conn_send(c, vd.msgbuf, mlen);
	/* best effort: the connection closes after it */
	conn_flush(c);
}

static void send_open(struct peer *p, struct conn *c)
{
	struct bgp_open o = {
		.asn = p->cfg.local_asn,
		.hold_time = p->cfg.hold_time,
		.bgp_id = local_id(p),
		.mp_ipv4 = true,
		.mp_ipv6 = true,
		.route_refresh = true,
		.gr = true,
		.gr_time = vd.restart_time,
		.gr_flags = p->att->pr->restarting ? BGP_GR_RESTART : 0,
		.gr_ipv4 = true,
		.gr_ipv6 = true,
		/* the kernel keeps forwarding whatever happens to vnetd */
		.gr_ipv4_fwd = true,
		.gr_ipv6_fwd = true,
		.has_vnet = p->mesh,
	};

	if (p->mesh)
		snprintf(o.vnet_name, sizeof(o.vnet_name), "%s",
			 p->att->pr->name);

	conn_send(c, vd.msgbuf, bgp_open_build(vd.msgbuf, &o));
	conn_flush(c);
	c->state = ST_OPENSENT;
}

static void set_error(struct peer *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_error(struct peer *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->last_error, sizeof(p->last_error), fmt, ap);
	va_end(ap);
	log_warn("%s: %s", peer_name(p), p->last_error);
}

/*
 * An Established session ends: its paths go, or another host's stay for
 * the restart time it gave, as its vnetd may be restarting while its
 * routers' routes are still in its kernel (a graceful restart helper, RFC
 * 4724 4.2). Its next session's End-of-RIB, or the timer, takes what it
 * does not announce again. Not after a NOTIFICATION (but the hold
 * timer's): then the session ended on purpose.
 */
static void session_paths(struct peer *p)
{
	bool retain = p->mesh && !p->gone && !p->notified && p->gr_peer &&
		      p->gr_time;
	int f;

	if (retain) {
		p->gen++;
		p->t_stale = now_ms() + p->gr_time * 1000ULL;
		return;
	}
	p->t_stale = 0;
	for (f = 0; f < 2; f++)
		rib_peer_flush(p, f, false);
}

/* The session is down: its routes go, a new attempt is scheduled. */
static void session_down(struct peer *p, unsigned int retry)
{
	int f;

	if (p->state == ST_ESTABLISHED) {
		p->flaps++;
		log_info("%s: session down", peer_name(p));
		session_paths(p);
	}
	p->notified = false;
	for (f = 0; f < 2; f++) {
		kvec_free(&p->af[f].queue);
		memset(&p->af[f], 0, sizeof(p->af[f]));
		p->af[f].cursor = SIZE_MAX;
	}
	p->state = ST_IDLE;
	p->t_hold = p->t_keepalive = 0;
	p->up_since = 0;
	p->t_connect = p->gone ? 0 : now_ms() + retry * 1000ULL;
}

/* Close connection @i of @p (and the session, if it is the session's). */
static void conn_drop(struct peer *p, int i, unsigned int retry)
{
	conn_close(p->conn[i]);
	p->conn[i] = NULL;
	if (i == 0) {
		/* an Established session's routes go with it */
		if (p->state == ST_ESTABLISHED || !p->conn[1])
			session_down(p, retry);
		if (p->conn[1]) {
			/* the rival carries on */
			p->conn[0] = p->conn[1];
			p->conn[1] = NULL;
			p->state = p->conn[0]->state;
			p->t_connect = 0;
		}
	}
}

/**
 * peer_stop - end a peer's session with a NOTIFICATION
 * @p: the peer
 * @code: the error code
 * @subcode: its subcode
 * @why: for the log and the status, or NULL
 */
void peer_stop(struct peer *p, uint8_t code, uint8_t subcode, const char *why)
{
	int i;

	if (why)
		set_error(p, "sent %s%s%s", bgp_err_name(code, subcode),
			  why[0] ? ": " : "", why);
	p->notified = code != BGP_ERR_HOLD;
	for (i = 1; i >= 0; i--) {
		if (!p->conn[i])
			continue;
		if (p->conn[i]->state >= ST_OPENSENT)
			send_notify(p->conn[i], code, subcode, NULL, 0);
		conn_close(p->conn[i]);
		p->conn[i] = NULL;
	}
	session_down(p, VNETD_CONNECT_RETRY);
}

/* Open a connection to the peer. */
static void peer_connect(struct peer *p)
{
	const struct prefix *src = local_addr(p);
	struct sockaddr_storage ss;
	socklen_t len;
	int fd;

	p->t_connect = now_ms() + VNETD_CONNECT_RETRY * 1000ULL;
	if (!src || p->conn[0])
		return;
	fd = bound_socket(p->att, src, 0);
	if (fd < 0) {
		set_error(p, "cannot make a socket: %s", strerror(errno));
		return;
	}
	if (p->cfg.md5_len &&
	    set_md5(fd, &p->cfg.addr, p->cfg.md5, p->cfg.md5_len) < 0)
		set_error(p, "cannot set the TCP-MD5 key: %s", strerror(errno));
	set_gtsm(fd, p->cfg.addr.family, p->cfg.ttl_security);
	sockaddr_of(&p->cfg.addr, p->mesh ? VNETD_MESH_PORT : BGP_PORT, &ss,
		    &len);
	if (connect(fd, (struct sockaddr *)&ss, len) < 0 &&
	    errno != EINPROGRESS) {
		close(fd);
		return;
	}
	p->conn[0] = conn_new(p, fd, true);
	if (!p->conn[0]) {
		close(fd);
		return;
	}
	p->conn[0]->connecting = true;
	p->conn[0]->state = ST_CONNECT;
	p->state = ST_CONNECT;
	ep_add(fd, EPOLLOUT | EPOLLIN, EP_CONN, p->conn[0]);
}

/* --- sessions */

struct peer *peer_new(struct attach *att, const struct vnet_bgp_peer *cfg)
{
	struct peer *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->att = att;
	p->mesh = att->mesh;
	p->cfg = *cfg;
	p->state = ST_IDLE;
	p->af[0].cursor = p->af[1].cursor = SIZE_MAX;
	/* soon, but not all at once */
	p->t_connect = now_ms() + 100 + rand() % 900;
	if (p->mesh)
		log_info("%s", peer_name(p));
	else
		log_info("network %s: BGP peer %s, AS %u, local AS %u",
			 att->info.network,
			 format_addr(&cfg->addr, (char[INET6_ADDRSTRLEN]){ 0 },
				     INET6_ADDRSTRLEN), cfg->asn, cfg->local_asn);
	return p;
}

/* A peer goes; its memory after the epoll batch */
void peer_free(struct peer *p)
{
	p->gone = true;
	if (p->conn[0] || p->conn[1])
		peer_stop(p, BGP_ERR_CEASE, BGP_CEASE_PEER_DECONF, NULL);
	else if (p->state == ST_ESTABLISHED)
		session_down(p, 0);
	if (p->t_stale) {
		/* a host's paths kept from a session before */
		rib_peer_flush(p, 0, false);
		rib_peer_flush(p, 1, false);
		p->t_stale = 0;
	}
	kvec_free(&p->af[0].queue);
	kvec_free(&p->af[1].queue);
	log_info("%s: peer removed", peer_name(p));
	defer_free(p);
}

/*
 * New settings from the kernel. What the session was opened with (AS
 * numbers, key, TTL security, hold time) restarts it; the filters and the
 * limit apply from now on, to what the peer sends (a route refresh asks
 * it for everything again) and to what it is sent.
 */
void peer_update_cfg(struct peer *p, const struct vnet_bgp_peer *cfg)
{
	bool restart = p->cfg.asn != cfg->asn ||
		       p->cfg.local_asn != cfg->local_asn ||
		       p->cfg.hold_time != cfg->hold_time ||
		       p->cfg.ttl_security != cfg->ttl_security ||
		       p->cfg.md5_len != cfg->md5_len ||
		       memcmp(p->cfg.md5, cfg->md5, cfg->md5_len);

	p->cfg = *cfg;
	if (restart && (p->conn[0] || p->conn[1]))
		peer_stop(p, BGP_ERR_CEASE, BGP_CEASE_CONFIG,
			  "its settings changed");
}

static void session_established(struct peer *p)
{
	struct conn *c = p->conn[0];
	int f;

	p->state = ST_ESTABLISHED;
	p->up_since = now_ms();
	p->t_hold = p->hold_time ? p->up_since + p->hold_time * 1000ULL : 0;
	p->t_keepalive = p->hold_time ?
			 p->up_since + p->hold_time * 1000ULL / 3 : 0;
	p->last_error[0] = '\0';
	p->peer_id = c->open.bgp_id;
	p->gr_peer = c->open.gr;
	p->gr_time = c->open.gr_time;
	p->gr_restarting = c->open.gr && (c->open.gr_flags & BGP_GR_RESTART);
	p->route_refresh = c->open.route_refresh;
	/* no multiprotocol capability at all: IPv4 (RFC 4760 8) */
	p->af[0].on = c->open.any_mp ? c->open.mp_ipv4 : true;
	p->af[1].on = c->open.any_mp && c->open.mp_ipv6;
	p->caps.ipv4 = p->af[0].on;
	p->caps.ipv6 = p->af[1].on;
	p->caps.ebgp = p->cfg.asn != p->cfg.local_asn;
	p->caps.vnet = p->mesh;
	for (f = 0; f < 2; f++) {
		p->af[f].cursor = p->af[f].on ? 0 : SIZE_MAX;
		p->af[f].cursor_gen = p->att->pr->t[f].gen;
		/* stale paths of a family it no longer carries go now */
		if (p->t_stale && !p->af[f].on)
			rib_peer_flush(p, f, true);
	}
	/* the others wait for its End-of-RIB, which may wait for its sweep */
	if (p->t_stale)
		p->t_stale = p->up_since + (p->gr_time > VNETD_RESTART_TIME ?
					    p->gr_time : VNETD_RESTART_TIME) *
					   1000ULL;
	log_info("%s: session up (IPv4 %s, IPv6 %s, hold time %u)",
		 peer_name(p), p->af[0].on ? "on" : "off",
		 p->af[1].on ? "on" : "off", p->hold_time);
	peer_export_more(p);
}

/* A message the state does not take: FSM error, RFC 6608's subcodes */
static void fsm_error(struct conn *c, uint8_t type)
{
	uint8_t sub = c->state == ST_OPENSENT ? 1 :
		      c->state == ST_OPENCONFIRM ? 2 :
		      c->state == ST_ESTABLISHED ? 3 : 0;

	send_notify(c, BGP_ERR_FSM, sub, &type, 1);
}

/* The peer's OPEN on connection @i: check it, resolve a collision. */
static int handle_open(struct peer *p, int i, const uint8_t *msg, size_t len)
{
	struct conn *c = p->conn[i];
	struct bgp_notify err;
	uint16_t hold;
	int other;

	if (c->state != ST_OPENSENT) {
		fsm_error(c, BGP_OPEN);
		return -1;
	}
	if (bgp_open_parse(msg, len, &c->open, &err) < 0) {
		set_error(p, "sent %s (its OPEN)",
			  bgp_err_name(err.code, err.subcode));
		/* the capability required, with vnetd's value (RFC 5492 3) */
		if (err.code == BGP_ERR_OPEN &&
		    err.subcode == BGP_ERR_OPEN_CAPABILITY &&
		    err.data == err.buf && err.len == 6 && err.buf[0] == 65) {
			err.buf[2] = p->cfg.local_asn >> 24;
			err.buf[3] = p->cfg.local_asn >> 16;
			err.buf[4] = p->cfg.local_asn >> 8;
			err.buf[5] = p->cfg.local_asn;
		}
		send_notify(c, err.code, err.subcode, err.data, err.len);
		return -1;
	}
	if (c->open.asn != p->cfg.asn) {
		uint32_t as = htonl(c->open.asn);

		set_error(p, "sent %s: AS %u, not %u",
			  bgp_err_name(BGP_ERR_OPEN, BGP_ERR_OPEN_PEER_AS),
			  c->open.asn, p->cfg.asn);
		send_notify(c, BGP_ERR_OPEN, BGP_ERR_OPEN_PEER_AS,
			    (uint8_t *)&as + (c->open.asn > 65535 ? 0 : 2),
			    c->open.asn > 65535 ? 4 : 2);
		return -1;
	}
	if (p->mesh && (!c->open.has_vnet ||
			strcmp(c->open.vnet_name, p->att->pr->name))) {
		set_error(p, "sent %s: not a vnetd of peering %s",
			  bgp_err_name(BGP_ERR_CEASE, BGP_CEASE_REJECTED),
			  p->att->pr->name);
		send_notify(c, BGP_ERR_CEASE, BGP_CEASE_REJECTED, NULL, 0);
		return -1;
	}
	if (c->open.bgp_id == local_id(p) && p->cfg.asn == p->cfg.local_asn) {
		set_error(p, "sent %s: its identifier is vnetd's",
			  bgp_err_name(BGP_ERR_OPEN, BGP_ERR_OPEN_BGP_ID));
		send_notify(c, BGP_ERR_OPEN, BGP_ERR_OPEN_BGP_ID, NULL, 0);
		return -1;
	}
	/* RFC 4271 6.8: the connection the higher identifier opened wins */
	other = !i;
	if (p->mesh && other == 0 && p->conn[other] &&
	    p->conn[other]->state == ST_ESTABLISHED) {
		/*
		 * A vnetd opens a connection only without a session: the
		 * host restarted, and the old session is dead, its paths
		 * kept as for a restart (RFC 4724 4.2). The new one goes on.
		 */
		log_info("%s: a new session replaces the old", peer_name(p));
		conn_drop(p, other, 0);
		i = 0;
		other = 1;
	}
	if (p->conn[other] && p->conn[other]->state == ST_ESTABLISHED) {
		/* the session stands; a new connection is the one to go */
		send_notify(c, BGP_ERR_CEASE, BGP_CEASE_COLLISION, NULL, 0);
		return -1;
	}
	if (p->conn[other] && p->conn[other]->state == ST_OPENCONFIRM) {
		if ((local_id(p) > c->open.bgp_id) != c->outgoing) {
			send_notify(c, BGP_ERR_CEASE, BGP_CEASE_COLLISION, NULL, 0);
			return -1;
		}
		send_notify(p->conn[other], BGP_ERR_CEASE, BGP_CEASE_COLLISION,
			    NULL, 0);
		conn_close(p->conn[other]);
		p->conn[other] = NULL;
		if (i == 1) {
			p->conn[0] = c;
			p->conn[1] = NULL;
		}
	}
	hold = c->open.hold_time < p->cfg.hold_time ? c->open.hold_time :
						      p->cfg.hold_time;
	p->hold_time = hold;
	conn_send(c, vd.msgbuf, bgp_keepalive_build(vd.msgbuf));
	conn_flush(c);
	c->state = ST_OPENCONFIRM;
	if (c == p->conn[0]) {
		p->state = ST_OPENCONFIRM;
		p->t_hold = hold ? now_ms() + hold * 1000ULL : 0;
		p->t_keepalive = hold ? now_ms() + hold * 1000ULL / 3 : 0;
	}
	return 0;
}

/* The peer's End-of-RIB: once every peer has sent its own, the sweep. */
static void check_sweep(struct peering *pr)
{
	struct attach *att;
	unsigned int i, f;
	struct peer *p;

	if (!pr->t_sweep)
		return;
	for (att = pr->atts; att; att = att->next) {
		for (i = 0; i < att->npeers; i++) {
			p = att->peers[i];
			if (p->state != ST_ESTABLISHED)
				return;
			/* restarting too, it waits for vnetd's (RFC 4724 4.1) */
			if (p->gr_restarting)
				continue;
			for (f = 0; f < 2; f++)
				if (p->af[f].on && !p->af[f].eor_in)
					return;
		}
	}
	rib_sweep(pr);
}

static bool import_ok(const struct peer *p, const struct bgp_prefix *pfx)
{
	struct prefix x = {};

	if (!p->cfg.n_import)
		return true;
	x.family = pfx->family;
	x.len = pfx->len;
	memcpy(&x.addr, pfx->addr, pfx->family == AF_INET ? 4 : 16);
	return vnet_filter_match(p->cfg.import, p->cfg.n_import, &x);
}

/* The prefixes of one NLRI field: announced with @a, or withdrawn. */
static int nlri_apply(struct peer *p, uint8_t family, const uint8_t *nlri,
		      size_t len, struct rattr *a)
{
	struct peer_af *af = &p->af[af_index(family)];
	struct bgp_nlri_iter it;
	struct bgp_prefix pfx;
	struct rattr *use;
	int d;

	bgp_nlri_init(&it, family, nlri, len);
	while (bgp_nlri_next(&it, &pfx)) {
		use = a && import_ok(p, &pfx) ? a : NULL;
		if (use)
			use->refs++;
		d = rib_update(p->att->pr, p, &pfx, use);
		if (d == -2)
			return -1;
		af->received += d;
	}
	return 0;
}

static void max_prefix_check(struct peer *p)
{
	uint8_t data[7];
	int f;

	if (!p->cfg.max_prefix)
		return;
	for (f = 0; f < 2; f++) {
		if (p->af[f].received <= p->cfg.max_prefix)
			continue;
		/* RFC 4486 4: AFI, SAFI, the limit */
		data[0] = 0;
		data[1] = f ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
		data[2] = BGP_SAFI_UNICAST;
		data[3] = p->cfg.max_prefix >> 24;
		data[4] = p->cfg.max_prefix >> 16;
		data[5] = p->cfg.max_prefix >> 8;
		data[6] = p->cfg.max_prefix;
		set_error(p, "sent %s: more than %u %s prefixes",
			  bgp_err_name(BGP_ERR_CEASE, BGP_CEASE_MAX_PREFIX),
			  p->cfg.max_prefix, f ? "IPv6" : "IPv4");
		send_notify(p->conn[0], BGP_ERR_CEASE, BGP_CEASE_MAX_PREFIX,
			    data, sizeof(data));
		conn_close(p->conn[0]);
		p->conn[0] = NULL;
		conn_close(p->conn[1]);
		p->conn[1] = NULL;
		session_down(p, VNETD_IDLE_AFTER_LIMIT);
		p->idle_until = p->t_connect;
		return;
	}
}

static int handle_update(struct peer *p, const uint8_t *msg, size_t len)
{
	struct rhop hops[VNET_MAX_NEXTHOPS];
	struct bgp_notify err;
	struct rattr *a = NULL;
	struct bgp_update u;
	unsigned int nhops;
	bool loop;

	if (bgp_update_parse(msg, len, &p->caps, &u, &err) < 0) {
		set_error(p, "sent %s (its UPDATE)",
			  bgp_err_name(err.code, err.subcode));
		send_notify(p->conn[0], err.code, err.subcode, err.data, err.len);
		return -1;
	}
	if (u.eor_family) {
		p->af[af_index(u.eor_family)].eor_in = true;
		log_debug("%s: End-of-RIB %s", peer_name(p),
			  u.eor_family == AF_INET ? "IPv4" : "IPv6");
		if (p->t_stale) {
			/* what it did not announce again */
			rib_peer_flush(p, af_index(u.eor_family), true);
			if ((!p->af[0].on || p->af[0].eor_in) &&
			    (!p->af[1].on || p->af[1].eor_in))
				p->t_stale = 0;
		}
		check_sweep(p->att->pr);
		return 0;
	}
	if (u.treat_as_withdraw)
		set_error(p, "treated an UPDATE as a withdrawal: %s",
			  u.reason ? u.reason : "malformed attribute");
	/* a host's paths are its routers': vnetd's AS is not in them */
	loop = !p->mesh && u.attrs.has_as_path &&
	       bgp_as_path_contains(u.attrs.as_path, u.attrs.as_path_len,
				    p->cfg.local_asn);
	if (!u.treat_as_withdraw && !loop && (u.nlri_len || u.mp_reach_len)) {
		/* a host's path: through routers of networks attached here */
		nhops = p->mesh ? mesh_resolve(p->att->pr, &u.attrs, hops) : 0;
		if (!p->mesh || nhops) {
			a = rattr_get(p, &u.attrs, hops, nhops);
			if (!a)
				goto nomem;
		}
	}
	if (nlri_apply(p, AF_INET, u.withdrawn, u.withdrawn_len, NULL) ||
	    (u.mp_unreach_family &&
	     nlri_apply(p, u.mp_unreach_family, u.mp_unreach, u.mp_unreach_len,
			NULL)) ||
	    nlri_apply(p, AF_INET, u.nlri, u.nlri_len, a) ||
	    (u.mp_reach_family &&
	     nlri_apply(p, u.mp_reach_family, u.mp_reach, u.mp_reach_len, a)))
		goto nomem;
	if (a)
		rattr_put(a);
	max_prefix_check(p);
	return p->conn[0] ? 0 : 1;
nomem:
	if (a)
		rattr_put(a);
	peer_stop(p, BGP_ERR_CEASE, BGP_CEASE_RESOURCES, "out of memory");
	return 1;
}

/*
 * One message on connection @i. Return: 0, -1 if the connection must
 * close (a NOTIFICATION sent or received), 1 if the session is gone.
 */
static int handle_msg(struct peer *p, int i, const uint8_t *msg, size_t len)
{
	struct conn *c = p->conn[i];
	struct bgp_notify n;
	uint8_t family;
	int f;

	switch (msg[18]) {
	case BGP_OPEN:
		return handle_open(p, i, msg, len);
	case BGP_NOTIFICATION:
		bgp_notify_parse(msg, len, &n);
		set_error(p, "received %s", bgp_err_name(n.code, n.subcode));
		if (c == p->conn[0])
			p->notified = true;
		return -1;
	case BGP_KEEPALIVE:
		if (c->state == ST_OPENCONFIRM) {
			c->state = ST_ESTABLISHED;
			if (i == 1) {	/* the rival won; the old one is gone */
				conn_close(p->conn[0]);
				p->conn[0] = c;
				p->conn[1] = NULL;
			}
			p->t_hold = p->hold_time ?
				    now_ms() + p->hold_time * 1000ULL : 0;
			session_established(p);
			return 0;
		}
		if (c->state != ST_ESTABLISHED) {
			fsm_error(c, BGP_KEEPALIVE);
			return -1;
		}
		return 0;
	case BGP_UPDATE:
		if (c->state != ST_ESTABLISHED) {
			fsm_error(c, BGP_UPDATE);
			return -1;
		}
		return handle_update(p, msg, len);
	case BGP_ROUTE_REFRESH:
		if (c->state != ST_ESTABLISHED)
			return 0;
		if (bgp_refresh_parse(msg, len, &family, &n) < 0) {
			send_notify(c, n.code, n.subcode, n.data, n.len);
			return -1;
		}
		f = af_index(family);
		if (family && p->af[f].on) {
			/* all of it again */
			p->af[f].cursor = 0;
			p->af[f].cursor_gen = p->att->pr->t[f].gen;
			p->af[f].eor_out = false;
			peer_export_more(p);
		}
		return 0;
	}
	return 0;
}

/* Reads a wake handles, at most: a full table's burst goes in large steps */
#define READS_A_WAKE	64

/*
 * Handle the messages connection @i of @p has read. Return: false if the
 * connection is gone.
 */
static bool conn_handle(struct peer *p, int i)
{
	struct conn *c = p->conn[i];
	struct bgp_notify err;
	size_t off = 0;
	int len, r;

	while (c->inlen - off >= BGP_HDR_LEN) {
		len = bgp_header_check(c->in + off, &err);
		if (len < 0) {
			set_error(p, "sent %s",
				  bgp_err_name(err.code, err.subcode));
			send_notify(c, err.code, err.subcode, err.data, err.len);
			conn_drop(p, i, VNETD_CONNECT_RETRY);
			return false;
		}
		if (c->inlen - off < (size_t)len)
			break;
		/* any message restarts the hold timer (RFC 4271 4.4) */
		if (c == p->conn[0] && p->hold_time &&
		    c->state == ST_ESTABLISHED)
			p->t_hold = now_ms() + p->hold_time * 1000ULL;
		r = handle_msg(p, i, c->in + off, len);
		if (r == 1)
			return false;	/* the session and @c are gone */
		if (r < 0) {
			conn_drop(p, i, VNETD_CONNECT_RETRY);
			return false;
		}
		/* the connection may have moved to slot 0 */
		if (p->conn[i] != c) {
			i = !i;
			if (p->conn[i] != c)
				return false;
		}
		off += len;
	}
	memmove(c->in, c->in + off, c->inlen - off);
	c->inlen -= off;
	return true;
}

/*
 * Read and handle what arrived on connection @i of @p. Return: true if
 * there may be more to read.
 */
static bool conn_read_once(struct peer *p, int i)
{
	struct conn *c = p->conn[i];
	ssize_t n;

	n = recv(c->fd, c->in + c->inlen, sizeof(c->in) - c->inlen, 0);
	if (n <= 0) {
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return false;
		if (c == p->conn[0] && p->state == ST_ESTABLISHED)
			set_error(p, "connection closed%s%s",
				  n < 0 ? ": " : "", n < 0 ? strerror(errno) : "");
		conn_drop(p, i, VNETD_CONNECT_RETRY);
		return false;
	}
	c->inlen += n;
	return conn_handle(p, i);
}

static void conn_read(struct peer *p, struct conn *c)
{
	int n;

	for (n = 0; n < READS_A_WAKE; n++) {
		/* the connection may have moved between the slots */
		if (p->conn[0] != c && p->conn[1] != c)
			return;
		if (!conn_read_once(p, p->conn[0] == c ? 0 : 1))
			return;
	}
}

void peer_io(struct conn *c, uint32_t events)
{
	struct peer *p = c->peer;
	int i, err = 0;
	socklen_t len = sizeof(err);

	if (!p)
		return;
	i = p->conn[0] == c ? 0 : 1;
	if (c->connecting) {
		if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
			return;
		getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (err) {
			log_debug("%s: connect: %s", peer_name(p), strerror(err));
			conn_drop(p, i, VNETD_CONNECT_RETRY);
			return;
		}
		c->connecting = false;
		log_debug("%s: connected", peer_name(p));
		send_open(p, c);
		if (i == 0) {
			p->state = ST_OPENSENT;
			p->t_hold = now_ms() + OPEN_HOLD_TIME * 1000ULL;
		}
		return;
	}
	if (events & EPOLLOUT) {
		if (conn_flush(c) < 0) {
			conn_drop(p, i, VNETD_CONNECT_RETRY);
			return;
		}
		if (c == p->conn[0] && p->state == ST_ESTABLISHED)
			peer_export_more(p);
		if (p->conn[i] != c)
			return;
	}
	if (events & (EPOLLIN | EPOLLERR | EPOLLHUP))
		conn_read(p, c);
}

/* accept4() a connection of listener @lfd, from *@from: its fd, or -1 */
int accept_from(int lfd, struct prefix *from)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int fd;

	fd = accept4(lfd, (struct sockaddr *)&ss, &len,
		     SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd >= 0)
		prefix_of_sockaddr(&ss, from);
	return fd;
}

/* The address of a socket address */
void prefix_of_sockaddr(const struct sockaddr_storage *ss, struct prefix *a)
{
	memset(a, 0, sizeof(*a));
	if (ss->ss_family == AF_INET) {
		a->family = AF_INET;
		a->addr.v4 = ((const struct sockaddr_in *)ss)->sin_addr;
	} else if (ss->ss_family == AF_INET6) {
		a->family = AF_INET6;
		a->addr.v6 = ((const struct sockaddr_in6 *)ss)->sin6_addr;
	}
}

/*
 * An accepted connection @c joins @p's session: a connection of ours still
 * connecting gives way, a rival waiting before it too; vnetd's OPEN goes.
 * Return: its slot.
 */
static int conn_slot(struct peer *p, struct conn *c)
{
	int slot;

	if (p->conn[0] && p->conn[0]->connecting) {
		conn_close(p->conn[0]);
		p->conn[0] = NULL;
	}
	slot = p->conn[0] ? 1 : 0;
	if (p->conn[slot]) {
		conn_close(p->conn[slot]);
		p->conn[slot] = NULL;
	}
	c->peer = p;
	p->conn[slot] = c;
	log_debug("%s: accepted", peer_name(p));
	send_open(p, c);
	if (slot == 0) {
		p->state = ST_OPENSENT;
		p->t_hold = now_ms() + OPEN_HOLD_TIME * 1000ULL;
	}
	return slot;
}

void peer_accept(struct attach *att, int lfd)
{
	struct prefix from = {};
	struct peer *p = NULL;
	struct conn *c;
	unsigned int i;
	int fd;

	fd = accept_from(lfd, &from);
	if (fd < 0)
		return;
	for (i = 0; i < att->npeers; i++)
		if (att->peers[i]->cfg.addr.family == from.family &&
		    !memcmp(&att->peers[i]->cfg.addr.addr, &from.addr,
			    from.family == AF_INET ? 4 : 16))
			p = att->peers[i];
	if (!p) {
		char a[INET6_ADDRSTRLEN];

		log_info("network %s: connection from %s, no peer of its: closed",
			 att->info.network, format_addr(&from, a, sizeof(a)));
		close(fd);
		return;
	}
	if (p->idle_until > now_ms()) {
		/* it went over its maximum a moment ago */
		close(fd);
		return;
	}
	set_gtsm(fd, from.family, p->cfg.ttl_security);
	c = conn_new(NULL, fd, false);
	if (!c || ep_add(fd, EPOLLIN, EP_CONN, c) < 0) {
		free(c);
		close(fd);
		return;
	}
	conn_slot(p, c);
}

/**
 * conn_adopt - a host's connection, its OPEN read, joins its session
 * @p: the session (a host of a peering router)
 * @c: the connection, whose input holds the OPEN and what followed
 */
void conn_adopt(struct peer *p, struct conn *c)
{
	ep_mod(c->fd, EPOLLIN, EP_CONN, c);
	conn_handle(p, conn_slot(p, c));
}

/* Ask a peer for all its routes again (its session, if Established). */
void peer_refresh(struct peer *p)
{
	int f;

	if (p->state != ST_ESTABLISHED || !p->route_refresh || !p->conn[0])
		return;
	for (f = 0; f < 2; f++)
		if (p->af[f].on)
			conn_send(p->conn[0], vd.msgbuf,
				  bgp_refresh_build(vd.msgbuf,
						    f ? AF_INET6 : AF_INET));
	conn_flush(p->conn[0]);
}

/* --- timers */

static void peer_timer(struct peer *p, uint64_t now, uint64_t *next)
{
#define NEXT(t) do { if ((t) && (t) < *next) *next = (t); } while (0)
	if (p->t_stale && now >= p->t_stale) {
		log_info("%s: its paths of a session before are gone",
			 peer_name(p));
		p->t_stale = 0;
		rib_peer_flush(p, 0, true);
		rib_peer_flush(p, 1, true);
	}
	NEXT(p->t_stale);
	if (p->t_connect && now >= p->t_connect && !p->conn[0] && !p->gone)
		peer_connect(p);
	if (p->t_hold && now >= p->t_hold && p->conn[0]) {
		peer_stop(p, BGP_ERR_HOLD, 0, "no message within the hold time");
		NEXT(p->t_connect);
		return;
	}
	if (p->t_keepalive && now >= p->t_keepalive && p->conn[0] &&
	    p->conn[0]->state >= ST_OPENCONFIRM) {
		conn_send(p->conn[0], vd.msgbuf, bgp_keepalive_build(vd.msgbuf));
		conn_flush(p->conn[0]);
		p->t_keepalive = now + p->hold_time * 1000ULL / 3;
	}
	if (!p->conn[0])
		NEXT(p->t_connect);
	NEXT(p->t_hold);
	NEXT(p->t_keepalive);
#undef NEXT
}

/* Run the timers that are due; *@next gets the earliest one left. */
void peer_timers(uint64_t now, uint64_t *next)
{
	struct peering *pr;
	struct attach *att;
	unsigned int i;

	mesh_timers(now, next);
	for (pr = vd.peerings; pr; pr = pr->next) {
		if (pr->t_sweep && now >= pr->t_sweep)
			rib_sweep(pr);
		if (pr->t_sweep && pr->t_sweep < *next)
			*next = pr->t_sweep;
		for (att = pr->atts; att; att = att->next)
			for (i = 0; i < att->npeers; i++)
				peer_timer(att->peers[i], now, next);
	}
}

/* --- what a peer is told */

#define EXPORT_BATCH	512

struct export {
	struct peer *p;
	struct rattr *run;
	unsigned int nhops;		/* to a host: the run's routers */
	struct rhop hops[VNET_MAX_NEXTHOPS];
	size_t nann, nwd;
	struct bgp_prefix ann[EXPORT_BATCH], wd[EXPORT_BATCH];
};

/* The next hop a host is given: ignored (the routers are in VNET_HOPS) */
static void mesh_next_hop(const struct prefix *self, struct bgp_attrs_out *o)
{
	if (self->family == AF_INET) {
		o->next_hop = self->addr.v4;
		/* ::ffff:a.b.c.d */
		o->next_hop6.s6_addr[10] = o->next_hop6.s6_addr[11] = 0xff;
		memcpy(&o->next_hop6.s6_addr[12], &self->addr.v4, 4);
	} else {
		o->next_hop.s_addr = htonl(VNETD_MESH_NEXT_HOP4);
		o->next_hop6 = self->addr.v6;
	}
}

/*
 * Build and queue UPDATEs for a run of prefixes with one path (@a with
 * @x's hops, to a host), or withdrawing them (@a NULL).
 */
static void send_run(struct export *x, struct rattr *a, struct bgp_prefix *pfx,
		     size_t n)
{
	const struct vnet_attach_info *i = &x->p->att->info;
	uint8_t hops[VNET_MAX_NEXTHOPS * 21];
	struct peer *p = x->p;
	struct bgp_attrs_out o = {};
	size_t used, len;

	if (a) {
		o.origin = a->origin;
		o.as_path = a->as_path;
		o.as_path_len = a->as_path_len;
		o.local_asn = p->cfg.local_asn;
		o.next_hop = i->addr4.addr.v4;
		o.next_hop6 = i->addr6.addr.v6;
	}
	if (a && p->mesh) {
		/* as the router gave it, MED too: each host chooses alike */
		o.local_asn = 0;
		o.has_med = a->has_med;
		o.med = a->med;
		memset(&o.next_hop6, 0, sizeof(o.next_hop6));
		mesh_next_hop(&p->att->pr->self, &o);
		o.vnet_hops = hops;
		o.vnet_hops_len = mesh_encode(x->hops, x->nhops, p->att->pr,
					      hops);
		if (!o.vnet_hops_len)
			a = NULL;	/* no network of its known: none */
	}
	while (n) {
		len = a ? bgp_update_build(vd.msgbuf, &o, pfx, n, &used) :
			  bgp_withdraw_build(vd.msgbuf, pfx, n, &used);
		if (a && (!len || !used)) {
			/* a path too long to announce: the peer has none */
			a = NULL;
			continue;
		}
		if (!len || !used)
			return;
		conn_send(p->conn[0], vd.msgbuf, len);
		if (a)
			p->af[af_index(pfx->family)].sent += used;
		pfx += used;
		n -= used;
	}
}

static void export_flush(struct export *x)
{
	if (x->nann)
		send_run(x, x->run, x->ann, x->nann);
	if (x->nwd)
		send_run(x, NULL, x->wd, x->nwd);
	x->nann = x->nwd = 0;
}

/*
 * A prefix for @x->p: announced if it is exported, else withdrawn (unless
 * @quiet: a full sync says nothing of what it does not announce).
 */
static void export_one(struct export *x, const struct rtable *t,
		       const struct rentry *e, const struct rkey *k, bool quiet)
{
	struct bgp_prefix pfx = { .family = t->family, .len = k->len };
	struct rhop hops[VNET_MAX_NEXTHOPS];
	unsigned int nhops = 0;
	struct rattr *a;
	bool ok;

	memcpy(pfx.addr, k->addr, 16);
	ok = e && (x->p->mesh ? mesh_exports(e, &a, hops, &nhops) :
				peer_exports(x->p, t, e, &a));
	if (ok) {
		if (x->nann && (a != x->run || x->nann == EXPORT_BATCH ||
				nhops != x->nhops ||
				memcmp(hops, x->hops, nhops * sizeof(*hops)))) {
			send_run(x, x->run, x->ann, x->nann);
			x->nann = 0;
		}
		x->run = a;
		x->nhops = nhops;
		memcpy(x->hops, hops, nhops * sizeof(*hops));
		x->ann[x->nann++] = pfx;
	} else if (!quiet) {
		if (x->nwd == EXPORT_BATCH) {
			send_run(x, NULL, x->wd, x->nwd);
			x->nwd = 0;
		}
		x->wd[x->nwd++] = pfx;
	}
}

/**
 * peer_export_more - tell a peer what changed, while its output has room
 * @p: the peer, whose session is Established
 *
 * First the whole table (a full sync walks its buckets), then the
 * prefixes queued since; then End-of-RIB, once.
 */
void peer_export_more(struct peer *p)
{
	static struct export x;
	struct peer_af *af;
	struct rentry *e;
	struct rtable *t;
	struct rkey k;
	int f;

	if (p->state != ST_ESTABLISHED || !p->conn[0])
		return;
	/*
	 * Restarting, vnetd tells nothing until the sweep (RFC 4724 4.1): the
	 * peers keep its routes meanwhile, and an End-of-RIB now would make
	 * them drop what the other peers have yet to announce again. A peer
	 * without graceful restart kept nothing: it is told at once.
	 */
	if (p->att->pr->t_sweep && p->gr_peer)
		return;
	x.p = p;
	for (f = 0; f < 2; f++) {
		af = &p->af[f];
		if (!af->on)
			continue;
		/* no next hop of the family to give: nothing to tell */
		if (!p->mesh &&
		    !(f ? p->att->info.has_addr6 : p->att->info.has_addr4)) {
			af->cursor = SIZE_MAX;
			af->queue.n = 0;
		}
		t = &p->att->pr->t[f];
		if (af->cursor != SIZE_MAX && af->cursor_gen != t->gen) {
			/* the buckets moved: from the start again */
			af->cursor = 0;
			af->cursor_gen = t->gen;
		}
		while (af->cursor != SIZE_MAX &&
		       p->conn[0]->out.len < OUT_HIGH) {
			if (af->cursor >= t->nbuckets) {
				af->cursor = SIZE_MAX;
				break;
			}
			for (e = t->bucket[af->cursor++]; e; e = e->next) {
				memcpy(k.addr, e->addr, 16);
				k.len = e->len;
				export_one(&x, t, e, &k, true);
			}
		}
		while (af->cursor == SIZE_MAX && af->queue.n &&
		       p->conn[0]->out.len < OUT_HIGH) {
			k = af->queue.v[--af->queue.n];
			export_one(&x, t, rtable_find(t, k.addr, k.len), &k,
				   false);
		}
		export_flush(&x);
		if (!af->queue.n && af->queue.cap > 4096)
			kvec_free(&af->queue);
		if (af->cursor == SIZE_MAX && !af->queue.n && !af->eor_out) {
			conn_send(p->conn[0], vd.msgbuf,
				  bgp_eor_build(vd.msgbuf, t->family));
			af->eor_out = true;
		}
	}
	conn_flush(p->conn[0]);
}

/* After a batch of changes: every peer with something to tell. */
void peer_kick(struct peer *p)
{
	if (p->state == ST_ESTABLISHED && p->conn[0] &&
	    p->conn[0]->out.len < OUT_HIGH &&
	    (p->af[0].queue.n || p->af[1].queue.n ||
	     p->af[0].cursor != SIZE_MAX || p->af[1].cursor != SIZE_MAX))
		peer_export_more(p);
}

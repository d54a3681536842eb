/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vnetd: the BGP speaker of vnet's peering routers.
 *
 * One process, one thread, one epoll loop. The kernel holds the
 * configuration (peering routers, attachments, their BGP peers and
 * settings) and the routes; vnetd reads them at start, follows the
 * configuration through vnet's "config" events, holds a session with
 * every BGP peer, installs what the peers announce into their peering
 * router's table (protocol bgp, metric VNETD_METRIC) and announces to each
 * peer what the peering router learned from the others.
 */
#ifndef VNETD_H
#define VNETD_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <sys/epoll.h>

#include "../lib/libvnet.h"
#include "msg.h"

/* The metric of the routes vnetd installs: static routes (0) win */
#define VNETD_METRIC		20
/* The restart time vnetd announces, and how long it waits for the peers'
 * End-of-RIB before it sweeps what they no longer announce
 */
#define VNETD_RESTART_TIME	120
#define VNETD_CONNECT_RETRY	5	/* seconds between connection attempts */
#define VNETD_IDLE_AFTER_LIMIT	30	/* ... after a max-prefix cease */
#define VNETD_BATCH		2048	/* routes a kernel request */
/*
 * The vnetds of a peering router's hosts tell each other what their
 * attachments' routers announced, over BGP sessions on this port (a host
 * may run its own BGP speaker on 179), in this private AS, with the hold
 * time below.
 */
#define VNETD_MESH_PORT		1790
#define VNETD_MESH_ASN		4200000000u
#define VNETD_MESH_HOLD		30
#define VNETD_MESH_PENDING	64	/* connections before their OPEN */
#define VNETD_MESH_OPEN_WAIT	10	/* seconds they have to send it */

/* log.c style: to stderr, or syslog when detached */
enum { LOG_LVL_ERR, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };
extern int log_level;
void logmsg(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#define log_err(...)	logmsg(LOG_LVL_ERR, __VA_ARGS__)
#define log_warn(...)	logmsg(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...)	logmsg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...)	do { if (log_level >= LOG_LVL_DEBUG) \
				     logmsg(LOG_LVL_DEBUG, __VA_ARGS__); } while (0)

/* Milliseconds of CLOCK_MONOTONIC */
uint64_t now_ms(void);

/* A growable byte buffer: a session's output */
struct buf {
	uint8_t *data;
	size_t len;		/* bytes held */
	size_t off;		/* of which sent */
	size_t cap;
};

int buf_put(struct buf *b, const void *p, size_t n);
void buf_free(struct buf *b);

struct peer;
struct attach;
struct peering;

/* A next hop of a route: a router of an attached network */
struct rhop {
	uint32_t id;			/* the network's, on every host */
	uint32_t ifindex;		/* its netdevice's, on this one */
	struct prefix addr;		/* the router's address in it */
};

/*
 * The attributes of a path as a peer sent them, shared by every prefix
 * that peer announced with the same ones (interned, refcounted).
 */
struct rattr {
	struct rattr *next;		/* in the intern table's bucket */
	uint32_t hash;
	uint32_t refs;
	struct peer *peer;
	uint32_t gen;			/* the peer's session it came in */
	uint8_t nhops;			/* from a host: the routers it names */
	struct rhop *hops;		/* (a router's own: its address) */
	uint32_t med;
	bool has_med;
	uint8_t origin;
	uint16_t as_path_count;
	uint16_t as_path_len;
	uint8_t as_path[];		/* 4-octet segments, checked */
};

/* A prefix of a peering router's table, with the paths the peers gave. */
struct rentry {
	struct rentry *next;		/* in the table's bucket */
	uint8_t addr[16];
	uint8_t len;
	uint8_t npaths;
	uint8_t flags;
	uint8_t ninst;			/* next hops installed (0: none) */
	uint32_t inst_hash;		/* and a hash of them */
	union {
		struct rattr *one;	/* npaths == 1 */
		struct rattr **many;	/* npaths > 1 */
	} p;
};

#define RE_DIRTY	0x1	/* queued for the kernel */
#define RE_STALE	0x2	/* installed before vnetd started, unconfirmed */

/* The routes of a peering router of one family: prefix -> paths */
struct rtable {
	struct rentry **bucket;
	size_t nbuckets;
	size_t n;
	uint8_t family;
	uint8_t alen;			/* address bytes: 4 or 16 */
	unsigned int gen;		/* bumped when the buckets move */
};

/* A prefix as the queues hold it */
struct rkey {
	uint8_t addr[16];
	uint8_t len;
	uint8_t family;
};

struct kvec {
	struct rkey *v;
	size_t n, cap;
};

int kvec_push(struct kvec *k, const struct rkey *key);
void kvec_free(struct kvec *k);

enum bgp_state {
	ST_IDLE,
	ST_CONNECT,
	ST_ACTIVE,
	ST_OPENSENT,
	ST_OPENCONFIRM,
	ST_ESTABLISHED,
};

/* One TCP connection of a session (a session may have two while they
 * collide, RFC 4271 6.8)
 */
struct conn {
	struct peer *peer;
	int fd;
	bool outgoing;
	bool connecting;		/* connect() in progress */
	enum bgp_state state;
	uint8_t in[2 * BGP_MAX_LEN];
	size_t inlen;
	struct buf out;
	struct bgp_open open;		/* the peer's OPEN, once received */
	/* a host's connection until its OPEN says which session it is */
	struct prefix from;
	uint64_t deadline;
};

/* Per family counters and state of a session */
struct peer_af {
	bool on;			/* negotiated */
	bool eor_in;			/* End-of-RIB received */
	bool eor_out;			/* End-of-RIB sent */
	uint32_t received;		/* prefixes in its Adj-RIB-In */
	uint64_t sent;			/* prefixes announced (messages' NLRI) */
	size_t cursor;			/* full sync: next bucket, or SIZE_MAX */
	unsigned int cursor_gen;
	struct kvec queue;		/* prefixes whose best path changed */
};

/*
 * A BGP peer: a router of an attached network, or (@mesh) the vnetd of
 * another host of the peering router; and the session with it
 */
struct peer {
	struct attach *att;
	struct vnet_bgp_peer cfg;	/* the kernel's settings */
	bool mesh;
	bool gone;			/* its configuration was removed */
	bool notified;			/* its session ends by a NOTIFICATION */
	/* sessions so far: a host's paths of earlier ones are stale */
	uint32_t gen;
	uint64_t t_stale;		/* stale paths go (0: none) */
	struct conn *conn[2];		/* [0] the session's; [1] a rival */
	enum bgp_state state;
	uint64_t t_connect;		/* next connection attempt (0: none) */
	uint64_t idle_until;		/* no session before (max-prefix) */
	uint64_t t_hold;		/* hold timer expiry (0: off) */
	uint64_t t_keepalive;		/* next KEEPALIVE (0: off) */
	uint16_t hold_time;		/* negotiated */
	uint32_t peer_id;		/* its BGP identifier */
	bool gr_peer;			/* it announced graceful restart */
	uint16_t gr_time;		/* with this restart time */
	bool gr_restarting;		/* its R bit: it restarts too */
	bool route_refresh;
	struct peer_af af[2];		/* [0] IPv4, [1] IPv6 */
	uint64_t up_since;		/* ms, when Established */
	unsigned int flaps;
	char last_error[160];
	struct bgp_session_caps caps;
};

/*
 * An attachment of a peering router: a network, and its BGP peers. The
 * other hosts' vnetds are the peers of one more (@mesh), of no network.
 */
struct attach {
	struct attach *next;		/* in its peering router's list */
	struct peering *pr;
	bool mesh;
	struct vnet_attach_info info;
	/* VNET_MAX_BGP_PEERS of them; the mesh's VNET_MAX_PEERING_HOSTS */
	struct peer **peers;
	unsigned int npeers;
	int lfd[2];			/* listeners: IPv4, IPv6 (-1: none) */
	struct prefix net[VNET_MAX_PREFIXES];	/* the network's prefixes */
	unsigned int nnet;
	bool seen;			/* in the last resync */
};

struct peering {
	struct peering *next;
	char name[VNET_PEERING_NAMSIZ];
	struct attach *atts;
	struct attach *mesh;		/* in @atts too, or NULL */
	struct prefix self;		/* this host's address of its hosts */
	bool refresh;			/* attachments changed: hosts resend */
	struct rtable t[2];		/* IPv4, IPv6 */
	struct kvec dirty;		/* prefixes to sync to the kernel */
	bool restarting;		/* had vnetd's routes at start */
	uint64_t t_sweep;		/* when stale routes go (0: done) */
	bool seen;
};

/* The next hop vnetd gives another host for IPv4 routes when its own
 * address there is IPv6: any will do, VNET_HOPS names the routers
 */
#define VNETD_MESH_NEXT_HOP4	0xc0000201	/* 192.0.2.1 */

/* The daemon */
struct vnetd {
	struct vnl nl;			/* requests */
	struct vnl ev;			/* config events */
	int epfd;
	int mesh_fd[2];			/* listeners for hosts: IPv4, IPv6 */
	struct conn *pending[VNETD_MESH_PENDING];
	int status_fd;
	const char *status_path;
	struct peering *peerings;
	uint32_t router_id;		/* the BGP identifier vnetd uses */
	bool resync;			/* events were lost: read it all again */
	bool stopping;
	unsigned int restart_time;
	uint8_t msgbuf[BGP_MAX_LEN];
	/* attribute intern table */
	struct rattr **attrs;
	size_t nattrs_buckets, nattrs;
};

extern struct vnetd vd;

static inline int af_index(int family)
{
	return family == AF_INET6;
}

/* epoll tags: what an event's fd is */
enum ep_kind {
	EP_NL, EP_STATUS, EP_SIGNAL, EP_LISTEN, EP_CONN, EP_DEAD,
	EP_MESH_LISTEN, EP_PENDING,
};

struct ep_tag {
	enum ep_kind kind;
	void *ptr;
	int fd;
};

int ep_add(int fd, uint32_t events, enum ep_kind kind, void *ptr);
int ep_mod(int fd, uint32_t events, enum ep_kind kind, void *ptr);
void ep_del(int fd);
void defer_free(void *ptr);

/* rib.c */
void rtable_init(struct rtable *t, int family);
void rtable_free(struct rtable *t);
struct rentry *rtable_find(struct rtable *t, const uint8_t *addr, uint8_t len);
struct rentry *rtable_get(struct rtable *t, const uint8_t *addr, uint8_t len);
struct rattr *rattr_get(struct peer *p, const struct bgp_attrs *a,
			const struct rhop *hops, unsigned int nhops);
void rattr_put(struct rattr *a);
int rib_update(struct peering *pr, struct peer *p, const struct bgp_prefix *pfx,
	       struct rattr *a);
void rib_peer_flush(struct peer *p, int af, bool stale);
void rib_mark_stale(struct peering *pr, int family, const uint8_t *addr,
		    uint8_t len, unsigned int nh, uint32_t nh_hash);
void rib_sweep(struct peering *pr);
unsigned int rib_best(const struct rentry *e, struct rattr **best,
		      unsigned int max, bool local);
unsigned int rib_hops(struct rattr *const *best, unsigned int n,
		      struct rhop *hops);
unsigned int rib_route(const struct rentry *e, struct rhop *hops);
void rib_changed(struct peering *pr, struct rtable *t, struct rentry *e,
		 const struct peer *old_src, const struct peer *new_src);
bool peer_exports(const struct peer *p, const struct rtable *t,
		  const struct rentry *e, struct rattr **attr);
bool mesh_exports(const struct rentry *e, struct rattr **attr,
		  struct rhop *hops, unsigned int *nhops);
uint32_t hop_hash(uint32_t ifindex, const struct prefix *addr);
uint32_t hops_hash(const struct rhop *hops, unsigned int n);
void rtable_maybe_free(struct rtable *t, struct rentry *e);

/* kernel.c */
void attach_free(struct attach *att);
int kernel_open(void);
int kernel_load(void);
int kernel_events(void);
void kernel_sync(struct peering *pr);
void kernel_flush_all(void);
struct peering *peering_find(const char *name);
void peering_free(struct peering *pr);

/* peer.c */
struct peer *peer_new(struct attach *att, const struct vnet_bgp_peer *cfg);
void peer_free(struct peer *p);
void peer_update_cfg(struct peer *p, const struct vnet_bgp_peer *cfg);
void peer_timers(uint64_t now, uint64_t *next);
void peer_io(struct conn *c, uint32_t events);
void peer_accept(struct attach *att, int lfd);
void peer_kick(struct peer *p);
void peer_stop(struct peer *p, uint8_t code, uint8_t subcode,
	       const char *why);
void peer_export_more(struct peer *p);
void attach_listen(struct attach *att);
void attach_unlisten(struct attach *att);
void peer_refresh(struct peer *p);
struct conn *conn_new(struct peer *p, int fd, bool outgoing);
void conn_close(struct conn *c);
void conn_adopt(struct peer *p, struct conn *c);
void send_notify(struct conn *c, uint8_t code, uint8_t subcode,
		 const uint8_t *data, size_t len);
const char *peer_name(const struct peer *p);
void prefix_of_sockaddr(const struct sockaddr_storage *ss, struct prefix *a);
int accept_from(int lfd, struct prefix *from);

/* mesh.c */
void mesh_sync(struct peering *pr, const struct prefix *hosts,
	       unsigned int n);
void mesh_free(struct peering *pr);
void mesh_listen(void);
void mesh_accept(int lfd);
void mesh_pending_io(struct conn *c);
void mesh_timers(uint64_t now, uint64_t *next);
unsigned int mesh_resolve(struct peering *pr, const struct bgp_attrs *a,
			  struct rhop *hops);
size_t mesh_encode(const struct rhop *hops, unsigned int n,
		   const struct peering *pr, uint8_t *buf);
void mesh_queue(struct peering *pr, const struct rkey *key);

/* status.c */
int status_open(const char *path);
void status_accept(void);
const char *state_name(enum bgp_state s);

#endif /* VNETD_H */

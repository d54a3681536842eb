// SPDX-License-Identifier: GPL-2.0
/*
 * vnetd: the status socket. A client connects, vnetd writes one JSON
 * document (an array, a session each) and closes; `vnetctl bgp show`
 * reads it. The default socket is abstract ("@vnetd"), which is the
 * network namespace's own: `vnetctl -n NETNS` finds the vnetd of NETNS.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <jansson.h>

#include "vnetd.h"

int status_open(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	socklen_t len;
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_err("status socket path too long: %s", path);
		return -1;
	}
	strcpy(sun.sun_path, path);
	len = offsetof(struct sockaddr_un, sun_path) + strlen(path);
	if (path[0] == '@')
		sun.sun_path[0] = '\0';	/* abstract */
	else
		unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, len) < 0 ||
	    listen(fd, 8) < 0) {
		log_err("status socket %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	vd.status_fd = fd;
	return ep_add(fd, EPOLLIN, EP_STATUS, NULL);
}

static json_t *af_json(const struct peer *p, int f)
{
	return json_pack("{s:b, s:I, s:I, s:b, s:b}",
			 "negotiated", p->af[f].on,
			 "received", (json_int_t)p->af[f].received,
			 "sent", (json_int_t)p->af[f].sent,
			 "eor_received", p->af[f].eor_in,
			 "eor_sent", p->af[f].eor_out);
}

/* The prefixes of @pr whose installed route goes through @p */
static uint64_t installed(const struct peer *p)
{
	struct rattr *best[VNET_MAX_NEXTHOPS];
	const struct rtable *t;
	const struct rentry *e;
	uint64_t n = 0;
	unsigned int i, k, f;
	size_t b;

	for (f = 0; f < 2; f++) {
		t = &p->att->pr->t[f];
		for (b = 0; b < t->nbuckets; b++) {
			for (e = t->bucket[b]; e; e = e->next) {
				if (!e->ninst || !e->npaths)
					continue;
				k = rib_best(e, best, VNET_MAX_NEXTHOPS, false);
				for (i = 0; i < k; i++)
					if (best[i]->peer == p)
						break;
				n += i < k;
			}
		}
	}
	return n;
}

static json_t *peer_json(const struct peer *p, uint64_t now)
{
	char addr[INET6_ADDRSTRLEN];
	json_t *o;

	o = json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:I, s:I, s:I, s:s}",
		      "peering", p->att->pr->name,
		      "network", p->att->info.network,
		      "peer", format_addr(&p->cfg.addr, addr, sizeof(addr)),
		      "asn", (json_int_t)p->cfg.asn,
		      "local_asn", (json_int_t)p->cfg.local_asn,
		      "state", state_name(p->state),
		      "uptime", (json_int_t)(p->up_since ?
					     (now - p->up_since) / 1000 : 0),
		      "hold_time", (json_int_t)(p->state == ST_ESTABLISHED ?
						p->hold_time : p->cfg.hold_time),
		      "flaps", (json_int_t)p->flaps,
		      "last_error", p->last_error);
	json_object_set_new(o, "installed", json_integer(installed(p)));
	json_object_set_new(o, "host", json_boolean(p->mesh));
	json_object_set_new(o, "ipv4", af_json(p, 0));
	json_object_set_new(o, "ipv6", af_json(p, 1));
	return o;
}

static void status_write(int fd)
{
	uint64_t now = now_ms();
	struct peering *pr;
	struct attach *att;
	json_t *a = json_array();
	unsigned int i;
	char *s;
	size_t len, off = 0;
	ssize_t n;

	for (pr = vd.peerings; pr; pr = pr->next)
		for (att = pr->atts; att; att = att->next)
			for (i = 0; i < att->npeers; i++)
				json_array_append_new(a, peer_json(att->peers[i], now));
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	if (!s)
		return;
	len = strlen(s);
	/* the client waits for it all: a blocking write, bounded by SO_SNDTIMEO */
	while (off < len) {
		n = write(fd, s + off, len - off);
		if (n <= 0)
			break;
		off += n;
	}
	write(fd, "\n", 1);
	free(s);
}

void status_accept(void)
{
	struct timeval tv = { .tv_sec = 2 };
	int fd;

	fd = accept4(vd.status_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	status_write(fd);
	close(fd);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnetd: what the kernel holds. The peering routers, their attachments and
 * the attachments' BGP peers are read with a dump, at start and again
 * after every configuration event (there are few; a dump of them is
 * cheap), and the objects here made to match. The routes vnetd installed
 * before it started are read once, to be kept until the peers have
 * announced them again. Route changes go to the kernel in large requests.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/rtnetlink.h>

#include "vnetd.h"

static char req[VNL_BUFSZ];
static char addbuf[VNL_BUFSZ], delbuf[VNL_BUFSZ];

int kernel_open(void)
{
	int size = 32 << 20, err;

	err = vnl_open(&vd.nl);
	if (!err)
		err = vnl_open(&vd.ev);
	if (err) {
		log_err("cannot reach the vnet module: %s%s", strerror(-err),
			err == -ENOENT ? " (is vnet.ko loaded?)" : "");
		return -1;
	}
	setsockopt(mnl_socket_get_fd(vd.ev.sock), SOL_SOCKET, SO_RCVBUFFORCE,
		   &size, sizeof(size));
	err = vnl_join_config(&vd.ev);
	if (err) {
		log_err("cannot follow vnet's configuration events: %s",
			strerror(-err));
		return -1;
	}
	return ep_add(mnl_socket_get_fd(vd.ev.sock), EPOLLIN, EP_NL, NULL);
}

struct peering *peering_find(const char *name)
{
	struct peering *pr;

	for (pr = vd.peerings; pr; pr = pr->next)
		if (!strcmp(pr->name, name))
			return pr;
	return NULL;
}

static struct attach *attach_find(struct peering *pr, uint32_t ifindex)
{
	struct attach *att;

	for (att = pr->atts; att; att = att->next)
		if (att->info.ifindex == ifindex)
			return att;
	return NULL;
}

static bool same_prefix(const struct prefix *a, const struct prefix *b)
{
	return a->family == b->family && a->len == b->len &&
	       !memcmp(&a->addr, &b->addr, sizeof(a->addr));
}

void attach_free(struct attach *att)
{
	unsigned int i;

	attach_unlisten(att);
	for (i = 0; i < att->npeers; i++)
		peer_free(att->peers[i]);
	vnet_attach_info_free(&att->info);
	free(att->peers);
	free(att);
}

void peering_free(struct peering *pr)
{
	struct attach *att, *next;

	/* the hosts' sessions first: the others' withdrawals are not theirs */
	if (pr->mesh)
		mesh_free(pr);
	/* each goes from the list first: the others' peers are told */
	for (att = pr->atts; att; att = next) {
		next = att->next;
		pr->atts = next;
		attach_free(att);
	}
	rtable_free(&pr->t[0]);
	rtable_free(&pr->t[1]);
	kvec_free(&pr->dirty);
	free(pr);
}

/*
 * Make @att's peers those of @info: new ones made, gone ones stopped.
 * Return: true if the listeners must change (a peer came or went, or a
 * key or TTL security changed).
 */
static bool attach_sync_peers(struct attach *att,
			      struct vnet_attach_info *info)
{
	struct peer *keep[VNET_MAX_BGP_PEERS] = {}, *gone[VNET_MAX_BGP_PEERS];
	unsigned int i, j, n = 0, ngone;
	bool changed = false;

	for (i = 0; i < info->n_bgp; i++) {
		for (j = 0; j < att->npeers; j++)
			if (att->peers[j] &&
			    same_prefix(&att->peers[j]->cfg.addr,
					&info->bgp[i].addr))
				break;
		if (j < att->npeers) {
			keep[n] = att->peers[j];
			att->peers[j] = NULL;
			changed |= keep[n]->cfg.md5_len != info->bgp[i].md5_len ||
				    memcmp(keep[n]->cfg.md5, info->bgp[i].md5,
					   info->bgp[i].md5_len) ||
				    keep[n]->cfg.ttl_security !=
				    info->bgp[i].ttl_security;
			peer_update_cfg(keep[n], &info->bgp[i]);
		} else {
			keep[n] = peer_new(att, &info->bgp[i]);
			if (!keep[n])
				continue;
			changed = true;
		}
		n++;
	}
	/* the list is the kept peers before the others go */
	memcpy(gone, att->peers, sizeof(gone));
	ngone = att->npeers;
	memcpy(att->peers, keep, sizeof(keep));
	att->npeers = n;
	for (j = 0; j < ngone; j++) {
		if (gone[j]) {
			peer_free(gone[j]);
			changed = true;
		}
	}
	return changed;
}

/* One attachment as a dump gives it: made, or brought up to date. */
static void attach_seen(struct peering *pr, struct vnet_attach_info *info)
{
	struct attach *att = attach_find(pr, info->ifindex);
	bool addrs, fresh = !att;

	if (!att) {
		att = calloc(1, sizeof(*att));
		if (att)
			att->peers = calloc(VNET_MAX_BGP_PEERS,
					    sizeof(*att->peers));
		if (!att || !att->peers) {
			free(att);
			return;
		}
		att->pr = pr;
		att->lfd[0] = att->lfd[1] = -1;
		att->info.ifindex = info->ifindex;
		snprintf(att->info.network, sizeof(att->info.network), "%s",
			 info->network);
		att->next = pr->atts;
		pr->atts = att;
		log_info("peering %s: network %s attached", pr->name,
			 info->network);
		pr->refresh = true;
	}
	att->seen = true;
	addrs = att->info.has_addr4 != info->has_addr4 ||
		att->info.has_addr6 != info->has_addr6 ||
		!same_prefix(&att->info.addr4, &info->addr4) ||
		!same_prefix(&att->info.addr6, &info->addr6) ||
		strcmp(att->info.network, info->network);
	/* the peers take their settings from @info, which stays */
	if (attach_sync_peers(att, info))
		addrs = true;
	/* their filters are @info's arrays, which the attachment takes */
	vnet_attach_info_free(&att->info);
	att->info = *info;
	memset(info, 0, sizeof(*info));
	if (addrs || fresh)
		attach_listen(att);
}

struct dump {
	struct peering *cur;
	bool fresh;			/* peering routers new to vnetd */
};

static int peering_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VNET_PEERING_A_MAX + 1] = {};
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_PEERING);
	struct prefix hosts[VNET_MAX_PEERING_HOSTS];
	struct vnet_attach_info info;
	const struct nlattr *a;
	struct dump *d = data;
	struct peering *pr;
	const char *name;

	if (!nest)
		return MNL_CB_OK;
	vnl_parse_nested(nest, tb, VNET_PEERING_A_MAX);
	name = vnl_get_str(tb[VNET_PEERING_A_NAME]);
	if (!name)
		return MNL_CB_OK;
	pr = peering_find(name);
	if (!pr) {
		pr = calloc(1, sizeof(*pr));
		if (!pr)
			return MNL_CB_OK;
		snprintf(pr->name, sizeof(pr->name), "%s", name);
		rtable_init(&pr->t[0], AF_INET);
		rtable_init(&pr->t[1], AF_INET6);
		pr->next = vd.peerings;
		vd.peerings = pr;
		pr->restarting = true;	/* until the dump of its routes says */
		d->fresh = true;
		log_info("peering %s", name);
	}
	pr->seen = true;
	/* the first message of a peering router has its hosts */
	if (tb[VNET_PEERING_A_ROUTES])
		mesh_sync(pr, hosts, vnl_parse_hosts(tb[VNET_PEERING_A_HOSTS],
						     hosts));
	if (!tb[VNET_PEERING_A_ATTACHMENTS])
		return MNL_CB_OK;
	mnl_attr_for_each_nested(a, tb[VNET_PEERING_A_ATTACHMENTS]) {
		if (vnl_parse_attach(a, &info))
			continue;
		attach_seen(pr, &info);
		vnet_attach_info_free(&info);
	}
	return MNL_CB_OK;
}

/* vnetd's routes of a peering router's table, from before it started */
static int stale_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_ROUTE);
	struct peering *pr = data;
	struct vnet_route_info r;
	unsigned int i;
	uint32_t h = 0;

	if (!nest || vnl_parse_route(nest, &r) || r.proto != RTPROT_BGP ||
	    r.metric != VNETD_METRIC || r.type != VNET_ROUTE_UNICAST)
		return MNL_CB_OK;
	for (i = 0; i < r.n_nh; i++)
		h ^= hop_hash(r.nh[i].ifindex, &r.nh[i].addr);
	rib_mark_stale(pr, r.dst.family, (const uint8_t *)&r.dst.addr,
		       r.dst.len, r.n_nh, h ^ r.n_nh);
	pr->restarting = true;
	return MNL_CB_OK;
}

static void load_stale(struct peering *pr)
{
	struct nlattr *nest;
	struct nlmsghdr *nlh;
	int err;

	pr->restarting = false;
	nlh = vnl_req_init(req, VNET_CMD_ROUTE_GET, NLM_F_DUMP);
	nest = mnl_attr_nest_start(nlh, VNET_A_PEERING);
	mnl_attr_put_strz(nlh, VNET_PEERING_A_NAME, pr->name);
	mnl_attr_nest_end(nlh, nest);
	nest = mnl_attr_nest_start(nlh, VNET_A_ROUTE);
	mnl_attr_put_u8(nlh, VNET_ROUTE_A_PROTO, RTPROT_BGP);
	mnl_attr_nest_end(nlh, nest);
	err = vnl_talk(&vd.nl, nlh, stale_cb, pr);
	if (err)
		log_warn("peering %s: cannot read its routes: %s", pr->name,
			 vd.nl.extack[0] ? vd.nl.extack : strerror(-err));
	if (pr->restarting) {
		pr->t_sweep = now_ms() + vd.restart_time * 1000ULL;
		log_info("peering %s: %zu routes of vnetd's kept until the peers announce them again (at most %u s)",
			 pr->name, pr->t[0].n + pr->t[1].n, vd.restart_time);
	}
}

/**
 * kernel_load - read the peering routers and attachments, and follow them
 *
 * Return: 0, or -1 if the kernel could not be asked.
 */
int kernel_load(void)
{
	struct peering **pp, *pr;
	struct attach **ap, *att;
	struct dump d = {};
	struct nlmsghdr *nlh;
	unsigned int i;
	int err, tries;

	for (pr = vd.peerings; pr; pr = pr->next) {
		pr->seen = false;
		for (att = pr->atts; att; att = att->next)
			att->seen = false;
	}
	for (tries = 0; ; tries++) {
		nlh = vnl_req_init(req, VNET_CMD_PEERING_GET, NLM_F_DUMP);
		err = vnl_talk(&vd.nl, nlh, peering_cb, &d);
		if (err) {
			log_err("cannot read the peering routers: %s",
				vd.nl.extack[0] ? vd.nl.extack : strerror(-err));
			return -1;
		}
		/* a dump a change crossed: again, and nothing removed on it */
		if (!vd.nl.dump_intr)
			break;
		if (tries == 5) {
			vd.resync = true;
			return 0;
		}
	}
	vd.resync = false;
	for (pp = &vd.peerings; (pr = *pp);) {
		if (!pr->seen) {
			log_info("peering %s gone", pr->name);
			*pp = pr->next;
			peering_free(pr);
			continue;
		}
		for (ap = &pr->atts; (att = *ap);) {
			if (!att->seen && !att->mesh) {
				log_info("peering %s: network %s detached",
					 pr->name, att->info.network);
				*ap = att->next;
				attach_free(att);
				pr->refresh = true;
				continue;
			}
			ap = &att->next;
		}
		if (pr->restarting && !pr->t_sweep)
			load_stale(pr);
		/* the hosts' paths name networks by id: resolved again */
		if (pr->refresh && pr->mesh)
			for (i = 0; i < pr->mesh->npeers; i++)
				peer_refresh(pr->mesh->peers[i]);
		pr->refresh = false;
		pp = &pr->next;
	}
	return 0;
}

/*
 * What a deletion event took: an attachment made again by the time the
 * dump reads it is a new one (the kernel deleted the routes through the
 * old one), so vnetd forgets the old before it reads the dump.
 */
static void forget(const char *peering, uint32_t ifindex)
{
	struct peering *pr;
	struct attach **ap, *att;

	for (pr = vd.peerings; pr; pr = pr->next) {
		if (peering && strcmp(pr->name, peering))
			continue;
		for (ap = &pr->atts; (att = *ap);) {
			if (ifindex && att->info.ifindex != ifindex) {
				ap = &att->next;
				continue;
			}
			log_info("peering %s: network %s detached", pr->name,
				 att->info.network);
			*ap = att->next;
			attach_free(att);
			pr->refresh = true;
		}
	}
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VNET_NETWORK_A_MAX + 1] = {};
	const struct nlattr *ptb[VNET_PEERING_A_MAX + 1] = {};
	const struct nlattr *net = vnl_genl_attr(nlh, VNET_A_NETWORK);
	const struct nlattr *pe = vnl_genl_attr(nlh, VNET_A_PEERING);
	struct peering **pp, *pr;
	uint32_t ifindex = 0;
	const char *name = NULL;

	*(bool *)data = true;
	if (net) {
		vnl_parse_nested(net, tb, VNET_NETWORK_A_MAX);
		ifindex = vnl_get_u32(tb[VNET_NETWORK_A_IFINDEX], 0);
	}
	if (pe) {
		vnl_parse_nested(pe, ptb, VNET_PEERING_A_MAX);
		name = vnl_get_str(ptb[VNET_PEERING_A_NAME]);
	}
	switch (vnl_genl_cmd(nlh)) {
	case VNET_CMD_ATTACH_DEL:
		if (name && ifindex)
			forget(name, ifindex);
		break;
	case VNET_CMD_NETWORK_DEL:
		if (ifindex)
			forget(NULL, ifindex);
		break;
	case VNET_CMD_PEERING_DEL:
		for (pp = &vd.peerings; name && (pr = *pp); pp = &pr->next) {
			if (strcmp(pr->name, name))
				continue;
			log_info("peering %s gone", pr->name);
			*pp = pr->next;
			peering_free(pr);
			break;
		}
		break;
	}
	return MNL_CB_OK;
}

/**
 * kernel_events - the configuration changed: read it again
 *
 * Return: 0, or -1 if the event socket failed.
 */
int kernel_events(void)
{
	bool any = false;
	int err;

	err = vnl_read_events(&vd.ev, event_cb, &any);
	if (err == -ENOBUFS) {
		log_warn("configuration events lost: reading it all again");
		any = true;
	} else if (err) {
		log_err("configuration events: %s", strerror(-err));
		return -1;
	}
	if (any || vd.resync)
		kernel_load();
	return 0;
}

/* --- routes to the kernel */

struct batch {
	struct nlmsghdr *nlh;
	uint8_t cmd;
	unsigned int n;
	struct peering *pr;
	struct rkey keys[VNETD_BATCH];
	uint32_t off[VNETD_BATCH];	/* where each route's nest starts */
};

static struct batch add_batch, del_batch;

static void batch_start(struct batch *b, struct peering *pr, uint8_t cmd)
{
	struct nlattr *nest;

	b->cmd = cmd;
	b->pr = pr;
	b->n = 0;
	b->nlh = vnl_req_init(cmd == VNET_CMD_ROUTE_NEW ? addbuf : delbuf, cmd, 0);
	nest = mnl_attr_nest_start(b->nlh, VNET_A_PEERING);
	mnl_attr_put_strz(b->nlh, VNET_PEERING_A_NAME, pr->name);
	mnl_attr_nest_end(b->nlh, nest);
	if (cmd == VNET_CMD_ROUTE_NEW)
		mnl_attr_put_u32(b->nlh, VNET_A_FLAGS,
				 NLM_F_CREATE | NLM_F_REPLACE);
}

static void put_dst(struct nlmsghdr *nlh, const struct rkey *k)
{
	mnl_attr_put(nlh, VNET_ROUTE_A_DST, k->family == AF_INET ? 4 : 16,
		     k->addr);
	mnl_attr_put_u8(nlh, VNET_ROUTE_A_DST_LEN, k->len);
	mnl_attr_put_u8(nlh, VNET_ROUTE_A_PROTO, RTPROT_BGP);
	mnl_attr_put_u32(nlh, VNET_ROUTE_A_METRIC, VNETD_METRIC);
}

static void put_hop(struct nlmsghdr *nlh, uint16_t ifindex_type,
		    uint16_t addr_type, const struct rhop *h)
{
	mnl_attr_put_u32(nlh, ifindex_type, h->ifindex);
	vnl_put_addr(nlh, addr_type, &h->addr);
}

/* The nest of a route of @k through @hops. */
static void batch_put_add(struct batch *b, const struct rkey *k,
			  const struct rhop *hops, unsigned int n)
{
	struct nlattr *nest, *list, *entry;
	unsigned int i;

	nest = mnl_attr_nest_start(b->nlh, VNET_A_ROUTE);
	put_dst(b->nlh, k);
	if (n == 1) {
		put_hop(b->nlh, VNET_ROUTE_A_IFINDEX, VNET_ROUTE_A_NEXTHOP,
			&hops[0]);
	} else {
		list = mnl_attr_nest_start(b->nlh, VNET_ROUTE_A_MULTIPATH);
		for (i = 0; i < n; i++) {
			entry = mnl_attr_nest_start(b->nlh, i + 1);
			put_hop(b->nlh, VNET_NEXTHOP_A_IFINDEX,
				VNET_NEXTHOP_A_ADDR, &hops[i]);
			mnl_attr_nest_end(b->nlh, entry);
		}
		mnl_attr_nest_end(b->nlh, list);
	}
	mnl_attr_nest_end(b->nlh, nest);
}

static void batch_put_del(struct batch *b, const struct rkey *k)
{
	struct nlattr *nest = mnl_attr_nest_start(b->nlh, VNET_A_ROUTE);

	put_dst(b->nlh, k);
	mnl_attr_nest_end(b->nlh, nest);
}

static void batch_send(struct batch *b);

/* Room for one more route in @b, for @pr; the batch sent if not. */
static void batch_room(struct batch *b, struct peering *pr, uint8_t cmd)
{
	if (b->n && (b->pr != pr || b->n == VNETD_BATCH ||
		     b->nlh->nlmsg_len > VNL_BUFSZ - 4096))
		batch_send(b);
	if (!b->n)
		batch_start(b, pr, cmd);
}

/* The route of @k through @hops into the add batch. */
static void batch_add(struct peering *pr, const struct rkey *k,
		      const struct rhop *hops, unsigned int n)
{
	struct batch *b = &add_batch;

	batch_room(b, pr, VNET_CMD_ROUTE_NEW);
	b->keys[b->n] = *k;
	b->off[b->n++] = b->nlh->nlmsg_len;
	batch_put_add(b, k, hops, n);
}

static void batch_del(struct peering *pr, const struct rkey *k)
{
	struct batch *b = &del_batch;

	batch_room(b, pr, VNET_CMD_ROUTE_DEL);
	b->keys[b->n] = *k;
	b->off[b->n++] = b->nlh->nlmsg_len;
	batch_put_del(b, k);
}

/*
 * Send a batch. The kernel applies its routes in order up to the first
 * that fails, whose nest the error points into: that one is logged (and
 * counted as not installed), the rest sent again, until none is left.
 */
static void batch_send(struct batch *b)
{
	static struct rkey keys[VNETD_BATCH];
	struct rhop hops[VNET_MAX_NEXTHOPS];
	char buf[INET6_ADDRSTRLEN];
	struct prefix p = {};
	unsigned int i, n, nb;
	struct peering *pr;
	struct rentry *e;
	uint8_t cmd;
	uint32_t off;
	int err;

	while (b->n) {
		err = vnl_talk(&vd.nl, b->nlh, NULL, NULL);
		off = vd.nl.extack_off;
		if (!err) {
			b->n = 0;
			return;
		}
		/* the route the error points into; none: all failed */
		if (!off || off < b->off[0]) {
			log_warn("peering %s: %u routes not %s: %s", b->pr->name,
				 b->n, b->cmd == VNET_CMD_ROUTE_NEW ?
				 "installed" : "removed",
				 vd.nl.extack[0] ? vd.nl.extack : strerror(-err));
			i = b->n;
		} else {
			for (i = 0; i + 1 < b->n && b->off[i + 1] <= off; i++)
				;
		}
		pr = b->pr;
		cmd = b->cmd;
		if (i < b->n) {
			p.family = b->keys[i].family;
			memcpy(&p.addr, b->keys[i].addr, 16);
			/* gone already (a flush, a detachment): nothing to say */
			if (!(cmd == VNET_CMD_ROUTE_DEL && err == -ESRCH))
				log_warn("peering %s: %s %s/%u: %s", pr->name,
					 cmd == VNET_CMD_ROUTE_NEW ?
					 "installing" : "removing",
					 format_addr(&p, buf, sizeof(buf)),
					 b->keys[i].len, vd.nl.extack[0] ?
					 vd.nl.extack : strerror(-err));
		}
		/* what failed is not installed: a later change tries again */
		for (n = i < b->n ? i : 0; cmd == VNET_CMD_ROUTE_NEW &&
		     n < b->n && (i == b->n || n == i); n++) {
			e = rtable_find(&pr->t[af_index(b->keys[n].family)],
					b->keys[n].addr, b->keys[n].len);
			if (e)
				e->ninst = e->inst_hash = 0;
		}
		if (i + 1 >= b->n) {
			b->n = 0;
			return;
		}
		/* the rest again, in a new request */
		n = b->n - i - 1;
		memcpy(keys, b->keys + i + 1, n * sizeof(*keys));
		b->n = 0;
		for (i = 0; i < n; i++) {
			if (!b->n)
				batch_start(b, pr, cmd);
			b->keys[b->n] = keys[i];
			b->off[b->n++] = b->nlh->nlmsg_len;
			if (cmd == VNET_CMD_ROUTE_DEL) {
				batch_put_del(b, &keys[i]);
				continue;
			}
			e = rtable_find(&pr->t[af_index(keys[i].family)],
					keys[i].addr, keys[i].len);
			nb = e ? rib_route(e, hops) : 0;
			if (nb)
				batch_put_add(b, &keys[i], hops, nb);
			else
				b->n--;
		}
	}
}

/**
 * kernel_sync - bring the kernel's table of a peering router up to date
 * @pr: the peering router
 *
 * Each prefix queued goes once, as it is now: the additions and the
 * deletions cannot cross.
 */
void kernel_sync(struct peering *pr)
{
	struct rhop hops[VNET_MAX_NEXTHOPS];
	struct rtable *t;
	struct rentry *e;
	struct rkey *k;
	unsigned int n;
	uint32_t h;
	size_t j;

	for (j = 0; j < pr->dirty.n; j++) {
		k = &pr->dirty.v[j];
		t = &pr->t[af_index(k->family)];
		e = rtable_find(t, k->addr, k->len);
		if (!e)
			continue;
		e->flags &= ~RE_DIRTY;
		n = rib_route(e, hops);
		h = n ? hops_hash(hops, n) : 0;
		if (e->flags & RE_STALE) {
			/* kept as it is until the sweep */
		} else if (n && (e->ninst != n || e->inst_hash != h)) {
			batch_add(pr, k, hops, n);
			e->ninst = n;
			e->inst_hash = h;
		} else if (!n && e->ninst) {
			batch_del(pr, k);
			e->ninst = 0;
			e->inst_hash = 0;
		}
		rtable_maybe_free(t, e);
	}
	pr->dirty.n = 0;
	if (pr->dirty.cap > 65536)
		kvec_free(&pr->dirty);
	batch_send(&add_batch);
	batch_send(&del_batch);
}

/*
 * Every peering router's changes to the kernel; not while it restarts
 * (RFC 4724 4.1's deferral): the kernel keeps forwarding as before until
 * the peers have all announced their routes again, rather than through
 * the first of them to do so (a host that then told the others less than
 * they hold would drop what they send it).
 */
void kernel_flush_all(void)
{
	struct peering *pr;

	for (pr = vd.peerings; pr; pr = pr->next)
		if (pr->dirty.n && !pr->t_sweep)
			kernel_sync(pr);
}

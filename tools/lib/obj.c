// SPDX-License-Identifier: GPL-2.0
/*
 * libvnet: addresses and prefixes, and the objects of vnet's messages as
 * vnetctl and vnetd read them.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/rtnetlink.h>

#include "libvnet.h"

/* Has @p bits set past its length? */
bool prefix_has_host_bits(const struct prefix *p)
{
	const uint8_t *b = (const uint8_t *)&p->addr;
	unsigned int bytes = p->family == AF_INET ? 4 : 16;
	unsigned int i, first;
	uint8_t mask;

	for (i = 0; i < bytes; i++) {
		first = i * 8;
		if (first + 8 <= p->len)
			continue;
		mask = first >= p->len ? 0 : (uint8_t)(0xff << (8 - (p->len - first)));
		if (b[i] & ~mask)
			return true;
	}
	return false;
}

/* Is prefix (or address) @p inside @outer? */
bool prefix_contains(const struct prefix *outer, const struct prefix *p)
{
	const uint8_t *a = (const uint8_t *)&outer->addr;
	const uint8_t *b = (const uint8_t *)&p->addr;
	unsigned int full = outer->len / 8, rest = outer->len % 8;

	if (outer->family != p->family || p->len < outer->len)
		return false;
	if (memcmp(a, b, full))
		return false;
	return !rest || !((a[full] ^ b[full]) & (uint8_t)(0xff << (8 - rest)));
}

const char *format_addr(const struct prefix *a, char *buf, size_t len)
{
	return inet_ntop(a->family, &a->addr, buf, len);
}

const char *format_prefix(const struct prefix *p, char *buf, size_t len)
{
	char addr[INET6_ADDRSTRLEN];

	snprintf(buf, len, "%s/%u", format_addr(p, addr, sizeof(addr)), p->len);
	return buf;
}

/**
 * vnet_filter_match - does a prefix filter let a prefix through?
 * @f: its entries
 * @n: their number
 * @p: the prefix
 *
 * Return: true if an entry matches: @p inside its prefix, no longer than
 * its maximum length.
 */
bool vnet_filter_match(const struct vnet_filter *f, unsigned int n,
		       const struct prefix *p)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (p->len <= f[i].max_len && prefix_contains(&f[i].p, p))
			return true;
	return false;
}

/* A filter's entries, malloc()ed into *@f. Return: 0, or -1. */
static int parse_filter(const struct nlattr *list, struct vnet_filter **f,
			unsigned int *n)
{
	const struct nlattr *entry;
	unsigned int cap = 0;

	*n = 0;
	*f = NULL;
	if (!list)
		return 0;
	mnl_attr_for_each_nested(entry, list)
		cap++;
	*f = calloc(cap ? cap : 1, sizeof(**f));
	if (!*f)
		return -1;
	mnl_attr_for_each_nested(entry, list) {
		const struct nlattr *tb[VNET_FILTER_A_MAX + 1] = {};
		struct vnet_filter *e = &(*f)[*n];

		vnl_parse_nested(entry, tb, VNET_FILTER_A_MAX);
		if (vnl_get_addr(tb[VNET_FILTER_A_ADDR], &e->p))
			continue;
		e->p.len = vnl_get_u8(tb[VNET_FILTER_A_LEN], 0);
		e->max_len = vnl_get_u8(tb[VNET_FILTER_A_MAX_LEN],
					e->p.family == AF_INET ? 32 : 128);
		(*n)++;
	}
	return 0;
}

static int parse_bgp_peer(const struct nlattr *nest, struct vnet_bgp_peer *b)
{
	const struct nlattr *tb[VNET_BGP_A_MAX + 1] = {};

	vnl_parse_nested(nest, tb, VNET_BGP_A_MAX);
	if (vnl_get_addr(tb[VNET_BGP_A_ADDR], &b->addr))
		return -1;
	b->asn = vnl_get_u32(tb[VNET_BGP_A_ASN], 0);
	b->local_asn = vnl_get_u32(tb[VNET_BGP_A_LOCAL_ASN], 0);
	b->hold_time = vnl_get_u16(tb[VNET_BGP_A_HOLD_TIME], VNET_BGP_HOLD_TIME);
	b->max_prefix = vnl_get_u32(tb[VNET_BGP_A_MAX_PREFIX], 0);
	b->ttl_security = !!tb[VNET_BGP_A_TTL_SECURITY];
	b->md5_set = !!tb[VNET_BGP_A_MD5_SET];
	if (tb[VNET_BGP_A_MD5_KEY]) {
		uint16_t len = mnl_attr_get_payload_len(tb[VNET_BGP_A_MD5_KEY]);

		if (len > sizeof(b->md5))
			return -1;
		b->md5_len = len;
		memcpy(b->md5, mnl_attr_get_payload(tb[VNET_BGP_A_MD5_KEY]), len);
	}
	if (parse_filter(tb[VNET_BGP_A_IMPORT], &b->import, &b->n_import) ||
	    parse_filter(tb[VNET_BGP_A_EXPORT], &b->export, &b->n_export))
		return -1;
	return 0;
}

void vnet_attach_info_free(struct vnet_attach_info *at)
{
	unsigned int i;

	for (i = 0; i < at->n_bgp; i++) {
		free(at->bgp[i].import);
		free(at->bgp[i].export);
	}
	/* it may hold keys */
	if (at->bgp)
		memset(at->bgp, 0, at->n_bgp * sizeof(*at->bgp));
	free(at->bgp);
	at->bgp = NULL;
	at->n_bgp = 0;
}

/**
 * vnl_parse_attach - an attachment from its nest
 * @nest: a nest of enum vnet_attach_attrs
 * @at: filled in; vnet_attach_info_free() it after
 *
 * Return: 0, or -1 if it is malformed or memory ran out.
 */
int vnl_parse_attach(const struct nlattr *nest, struct vnet_attach_info *at)
{
	const struct nlattr *tb[VNET_ATTACH_A_MAX + 1] = {};
	const struct nlattr *entry;
	unsigned int cap = 0;
	const char *s;

	memset(at, 0, sizeof(*at));
	vnl_parse_nested(nest, tb, VNET_ATTACH_A_MAX);
	s = vnl_get_str(tb[VNET_ATTACH_A_IFNAME]);
	if (s)
		snprintf(at->network, sizeof(at->network), "%s", s);
	at->ifindex = vnl_get_u32(tb[VNET_ATTACH_A_IFINDEX], 0);
	at->id = vnl_get_u32(tb[VNET_ATTACH_A_ID], 0);
	at->has_addr4 = !vnl_get_addr(tb[VNET_ATTACH_A_ADDR], &at->addr4);
	at->has_addr6 = !vnl_get_addr(tb[VNET_ATTACH_A_ADDR6], &at->addr6);
	at->propagate = !!tb[VNET_ATTACH_A_PROPAGATE];
	if (!tb[VNET_ATTACH_A_BGP])
		return 0;
	mnl_attr_for_each_nested(entry, tb[VNET_ATTACH_A_BGP])
		cap++;
	at->bgp = calloc(cap ? cap : 1, sizeof(*at->bgp));
	if (!at->bgp)
		return -1;
	mnl_attr_for_each_nested(entry, tb[VNET_ATTACH_A_BGP]) {
		/* counted first: the free takes its filters */
		if (parse_bgp_peer(entry, &at->bgp[at->n_bgp++])) {
			vnet_attach_info_free(at);
			return -1;
		}
	}
	return 0;
}

/**
 * vnl_parse_hosts - the hosts of a peering router (VNET_PEERING_A_HOSTS)
 * @list: the attribute, or NULL
 * @out: gets at most VNET_MAX_PEERING_HOSTS addresses
 *
 * Return: how many.
 */
unsigned int vnl_parse_hosts(const struct nlattr *list, struct prefix *out)
{
	const struct nlattr *entry, *tb[VNET_HOST_A_MAX + 1];
	unsigned int n = 0;

	if (!list)
		return 0;
	mnl_attr_for_each_nested(entry, list) {
		if (n == VNET_MAX_PEERING_HOSTS)
			break;
		memset(tb, 0, sizeof(tb));
		vnl_parse_nested(entry, tb, VNET_HOST_A_MAX);
		if (!vnl_get_addr(tb[VNET_HOST_A_ADDR], &out[n]) ||
		    !vnl_get_addr(tb[VNET_HOST_A_ADDR6], &out[n]))
			n++;
	}
	return n;
}

/* VNET_PEERING_A_HOSTS of @n addresses */
void vnl_put_hosts(struct nlmsghdr *nlh, const struct prefix *h, unsigned int n)
{
	struct nlattr *list, *entry;
	unsigned int i;

	list = mnl_attr_nest_start(nlh, VNET_PEERING_A_HOSTS);
	for (i = 0; i < n; i++) {
		entry = mnl_attr_nest_start(nlh, i + 1);
		vnl_put_addr(nlh, h[i].family == AF_INET ? VNET_HOST_A_ADDR :
			     VNET_HOST_A_ADDR6, &h[i]);
		mnl_attr_nest_end(nlh, entry);
	}
	mnl_attr_nest_end(nlh, list);
}

static void put_filter(struct nlmsghdr *nlh, uint16_t type,
		       const struct vnet_filter *f, unsigned int n)
{
	struct nlattr *list, *entry;
	unsigned int i;

	list = mnl_attr_nest_start(nlh, type);
	for (i = 0; i < n; i++) {
		entry = mnl_attr_nest_start(nlh, i + 1);
		vnl_put_prefix(nlh, VNET_FILTER_A_ADDR, VNET_FILTER_A_LEN,
			       &f[i].p);
		mnl_attr_put_u8(nlh, VNET_FILTER_A_MAX_LEN, f[i].max_len);
		mnl_attr_nest_end(nlh, entry);
	}
	mnl_attr_nest_end(nlh, list);
}

/* A BGP peer as an entry (of index @type) of VNET_ATTACH_A_BGP. */
void vnl_put_bgp_peer(struct nlmsghdr *nlh, uint16_t type,
		      const struct vnet_bgp_peer *b)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	vnl_put_addr(nlh, VNET_BGP_A_ADDR, &b->addr);
	mnl_attr_put_u32(nlh, VNET_BGP_A_ASN, b->asn);
	mnl_attr_put_u32(nlh, VNET_BGP_A_LOCAL_ASN, b->local_asn);
	mnl_attr_put_u16(nlh, VNET_BGP_A_HOLD_TIME, b->hold_time);
	if (b->max_prefix)
		mnl_attr_put_u32(nlh, VNET_BGP_A_MAX_PREFIX, b->max_prefix);
	if (b->ttl_security)
		mnl_attr_put(nlh, VNET_BGP_A_TTL_SECURITY, 0, NULL);
	if (b->md5_len)
		mnl_attr_put(nlh, VNET_BGP_A_MD5_KEY, b->md5_len, b->md5);
	if (b->n_import)
		put_filter(nlh, VNET_BGP_A_IMPORT, b->import, b->n_import);
	if (b->n_export)
		put_filter(nlh, VNET_BGP_A_EXPORT, b->export, b->n_export);
	mnl_attr_nest_end(nlh, nest);
}

static void parse_nexthop(const struct nlattr *ifindex,
			  const struct nlattr *ifname,
			  const struct nlattr *addr,
			  struct vnet_nexthop_info *nh)
{
	const char *s = vnl_get_str(ifname);

	nh->ifindex = vnl_get_u32(ifindex, 0);
	if (s)
		snprintf(nh->ifname, sizeof(nh->ifname), "%s", s);
	vnl_get_addr(addr, &nh->addr);
}

/**
 * vnl_parse_route - a route from its nest
 * @nest: a nest of enum vnet_route_attrs
 * @r: filled in: a route of a peering router's table has its next hops in
 *	@r->nh (one, or those of VNET_ROUTE_A_MULTIPATH)
 *
 * Return: 0, or -1 if it has no prefix.
 */
int vnl_parse_route(const struct nlattr *nest, struct vnet_route_info *r)
{
	const struct nlattr *tb[VNET_ROUTE_A_MAX + 1] = {};
	const struct nlattr *entry;
	const char *s;

	memset(r, 0, sizeof(*r));
	vnl_parse_nested(nest, tb, VNET_ROUTE_A_MAX);
	if (vnl_get_addr(tb[VNET_ROUTE_A_DST], &r->dst))
		return -1;
	r->dst.len = vnl_get_u8(tb[VNET_ROUTE_A_DST_LEN], 0);
	r->type = vnl_get_u8(tb[VNET_ROUTE_A_TYPE], VNET_ROUTE_UNICAST);
	r->proto = vnl_get_u8(tb[VNET_ROUTE_A_PROTO], RTPROT_STATIC);
	r->metric = vnl_get_u32(tb[VNET_ROUTE_A_METRIC], 0);
	s = vnl_get_str(tb[VNET_ROUTE_A_PEERING]);
	if (s)
		snprintf(r->peering, sizeof(r->peering), "%s", s);
	if (tb[VNET_ROUTE_A_MULTIPATH]) {
		mnl_attr_for_each_nested(entry, tb[VNET_ROUTE_A_MULTIPATH]) {
			const struct nlattr *nt[VNET_NEXTHOP_A_MAX + 1] = {};

			if (r->n_nh == VNET_MAX_NEXTHOPS)
				break;
			vnl_parse_nested(entry, nt, VNET_NEXTHOP_A_MAX);
			parse_nexthop(nt[VNET_NEXTHOP_A_IFINDEX],
				      nt[VNET_NEXTHOP_A_IFNAME],
				      nt[VNET_NEXTHOP_A_ADDR], &r->nh[r->n_nh++]);
		}
	} else if (tb[VNET_ROUTE_A_IFINDEX] || tb[VNET_ROUTE_A_IFNAME]) {
		parse_nexthop(tb[VNET_ROUTE_A_IFINDEX], tb[VNET_ROUTE_A_IFNAME],
			      tb[VNET_ROUTE_A_NEXTHOP], &r->nh[r->n_nh++]);
	}
	return 0;
}

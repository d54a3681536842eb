// SPDX-License-Identifier: GPL-2.0
/*
 * vnetd: fuzz harness of the BGP message codec (msg.c).
 *
 * The input is a stream of BGP messages as a peer would send them. Each
 * goes through bgp_header_check() and its type's parser, on a copy of
 * exactly its length so that a sanitizer sees any read past it. What
 * parses is then checked against the codec's promises: every NLRI field
 * walks to its end with bgp_nlri_next(), every VNET_HOPS with
 * bgp_vnet_hop_next(), and what the builders can re-encode (the announced
 * and withdrawn prefixes with their ORIGIN, AS_PATH, next hop, MED and
 * VNET_HOPS, the hops themselves, the OPEN, the NOTIFICATION, the
 * ROUTE-REFRESH) parses back equal. Every error's NOTIFICATION is built
 * and parsed back. A broken promise is an abort().
 *
 * The session's capabilities follow the stream: both families and an
 * external peer until an OPEN parses, then what it offers, internal if
 * its AS is LOCAL_AS, of the vnet mesh if it has the vnet capability.
 * Routes of a mesh session are re-announced as vnetd does on the mesh:
 * the AS path as received, not prepended.
 *
 * Builds as a libFuzzer or AFL++ target, or with fuzz_main.c as a plain
 * program that runs files once (for make check).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

#define LOCAL_AS	65000
#define MAX_PFX		BGP_MAX_LEN	/* a message holds fewer */

static void check(bool cond, const char *what)
{
	if (cond)
		return;
	fprintf(stderr, "fuzz_msg: broken invariant: %s\n", what);
	abort();
}

/* A copy of exactly @len bytes, for the sanitizers to see overreads */
static uint8_t *exact(const uint8_t *p, size_t len)
{
	uint8_t *m = malloc(len ? len : 1);

	check(m, "malloc");
	if (len)
		memcpy(m, p, len);
	return m;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static bool prefix_eq(const struct bgp_prefix *a, const struct bgp_prefix *b)
{
	return a->family == b->family && a->len == b->len &&
	       !memcmp(a->addr, b->addr, sizeof(a->addr));
}

/* Walks a checked NLRI field into @out; returns the number of prefixes. */
static size_t walk(uint8_t family, const uint8_t *p, size_t len,
		   struct bgp_prefix *out)
{
	uint8_t max = family == AF_INET ? 32 : 128;
	struct bgp_nlri_iter it;
	struct bgp_prefix pfx;
	size_t n = 0, bytes = 0;

	check(!len || p, "an NLRI field of some length has a pointer");
	bgp_nlri_init(&it, family, p, len);
	while (bgp_nlri_next(&it, &pfx)) {
		unsigned int i;

		check(pfx.family == family, "prefix of the field's family");
		check(pfx.len <= max, "prefix length within the family's");
		for (i = pfx.len; i < 128; i++)
			check(!(pfx.addr[i / 8] & (0x80 >> (i % 8))),
			      "bits past the prefix length are zero");
		check(n < MAX_PFX, "fewer prefixes than bytes");
		out[n++] = pfx;
		bytes += 1 + (pfx.len + 7u) / 8;
	}
	check(bytes == len && it.p == it.end,
	      "a checked NLRI field walks to its end");
	return n;
}

/* @ours: an error of the codec's, rather than a peer's NOTIFICATION */
static void notify_round_trip(const struct bgp_notify *n, bool ours)
{
	uint8_t *buf = malloc(BGP_MAX_LEN), *m;
	struct bgp_notify err, back;
	size_t len, want;

	check(buf, "malloc");
	check(!ours || (n->code >= BGP_ERR_HEADER &&
			n->code <= BGP_ERR_REFRESH),
	      "an error has a code");
	check(bgp_err_name(n->code, n->subcode), "error name");
	check(!n->len || n->data, "error data of some length has a pointer");
	len = bgp_notify_build(buf, n);
	want = n->len < BGP_MAX_LEN - 21 ? n->len : BGP_MAX_LEN - 21;
	check(len == 21 + want, "NOTIFICATION length");
	m = exact(buf, len);
	check(bgp_header_check(m, &err) == (int)len,
	      "built NOTIFICATION passes the header check");
	check(!bgp_notify_parse(m, len, &back) && back.code == n->code &&
	      back.subcode == n->subcode && back.len == want &&
	      (!want || !memcmp(back.data, n->data, want)),
	      "NOTIFICATION parses back equal");
	free(m);
	free(buf);
}

static bool open_eq(const struct bgp_open *a, const struct bgp_open *b)
{
	return a->asn == b->asn && a->hold_time == b->hold_time &&
	       a->bgp_id == b->bgp_id && a->mp_ipv4 == b->mp_ipv4 &&
	       a->mp_ipv6 == b->mp_ipv6 &&
	       a->route_refresh == b->route_refresh && a->gr == b->gr &&
	       (!a->gr || (a->gr_flags == b->gr_flags &&
			   a->gr_time == b->gr_time &&
			   a->gr_ipv4 == b->gr_ipv4 &&
			   a->gr_ipv6 == b->gr_ipv6 &&
			   a->gr_ipv4_fwd == b->gr_ipv4_fwd &&
			   a->gr_ipv6_fwd == b->gr_ipv6_fwd)) &&
	       a->has_vnet == b->has_vnet &&
	       !strcmp(a->vnet_name, b->vnet_name);
}

static void open_checks(const struct bgp_open *o,
			struct bgp_session_caps *caps)
{
	uint8_t *buf = malloc(BGP_MAX_LEN), *m;
	struct bgp_notify err;
	struct bgp_open back;
	size_t len;

	check(buf, "malloc");
	check(o->asn && o->bgp_id && o->hold_time != 1 && o->hold_time != 2,
	      "a parsed OPEN has an AS, an identifier, a usable hold time");
	check(o->gr_flags <= 0xf && o->gr_time <= 0xfff,
	      "graceful restart flags and time in their bits");
	check(o->vnet_name[sizeof(o->vnet_name) - 1] == '\0' &&
	      (o->has_vnet ? bgp_vnet_name_ok(o->vnet_name) :
			     !o->vnet_name[0]),
	      "a vnet name only with the capability, and a good one");
	len = bgp_open_build(buf, o);
	check(len >= 29 && len <= 29 + 2 + 32 + 2 + BGP_VNET_NAME_MAX,
	      "OPEN length");
	m = exact(buf, len);
	check(bgp_header_check(m, &err) == (int)len,
	      "built OPEN passes the header check");
	check(!bgp_open_parse(m, len, &back, &err), "built OPEN parses");
	check(open_eq(o, &back) &&
	      back.any_mp == (o->mp_ipv4 || o->mp_ipv6),
	      "OPEN parses back equal");
	free(m);
	free(buf);

	/* RFC 4760 8: no multiprotocol capability means IPv4 unicast */
	caps->ipv4 = o->mp_ipv4 || !o->any_mp;
	caps->ipv6 = o->mp_ipv6;
	caps->ebgp = o->asn != LOCAL_AS;
	caps->vnet = o->has_vnet;
}

/*
 * @r: the attributes of @at re-announced; its AS_PATH with vnetd's AS
 * prepended, or as it was on a mesh session (@vnet)
 */
static void as_path_checks(const struct bgp_attrs *at,
			   const struct bgp_attrs *r, bool vnet)
{
	const uint8_t *path = r->as_path;

	check(r->has_as_path, "AS_PATH parses back");
	if (vnet) {
		check(r->as_path_count == at->as_path_count &&
		      r->as_path_len == at->as_path_len &&
		      (!at->as_path_len ||
		       !memcmp(path, at->as_path, at->as_path_len)),
		      "AS_PATH parses back as it was");
		return;
	}
	check(r->as_path_count == at->as_path_count + 1 &&
	      bgp_as_path_contains(path, r->as_path_len, LOCAL_AS),
	      "AS_PATH parses back one longer, with vnetd's AS");
	if (r->as_path_len == at->as_path_len + 4)
		check(path[0] == 2 && at->as_path[0] == 2 &&
		      path[1] == at->as_path[1] + 1 &&
		      !memcmp(path + 6, at->as_path + 2,
			      at->as_path_len - 2),
		      "AS prepended into the first sequence");
	else
		check(r->as_path_len == at->as_path_len + 6 &&
		      path[0] == 2 && path[1] == 1 &&
		      (!at->as_path_len ||
		       !memcmp(path + 6, at->as_path, at->as_path_len)),
		      "AS prepended as a new sequence");
}

/*
 * Re-announces @n prefixes with @u's attributes and checks each UPDATE
 * built parses back to them, with vnetd's AS prepended (not on a mesh
 * session, @vnet).
 */
static void announce_round_trip(const struct bgp_update *u, uint8_t family,
				const struct bgp_prefix *pfx, size_t n,
				const struct in6_addr *nh, bool vnet)
{
	const struct bgp_session_caps caps = {
		.ipv4 = true, .ipv6 = true, .vnet = vnet,
	};
	static struct bgp_prefix back[MAX_PFX];
	const struct bgp_attrs *at = &u->attrs;
	struct bgp_attrs_out a = {
		.origin = at->origin,
		.as_path = at->as_path,
		.as_path_len = at->as_path_len,
		.local_asn = vnet ? 0 : LOCAL_AS,
		.has_med = at->has_med,
		.med = at->med,
		.vnet_hops = at->vnet_hops,
		.vnet_hops_len = at->vnet_hops_len,
	};
	uint8_t *buf = malloc(BGP_MAX_LEN);
	size_t done = 0;

	check(buf, "malloc");
	memcpy(&a.next_hop, nh, 4);
	a.next_hop6 = *nh;
	while (done < n) {
		struct bgp_notify err;
		struct bgp_update r;
		size_t len, used, got, i;
		uint8_t *m;

		len = bgp_update_build(buf, &a, pfx + done, n - done, &used);
		if (!len) {
			/* only a path longer than any message can take */
			check(!used &&
			      at->as_path_len + at->vnet_hops_len > 3900,
			      "a prefix fits unless the AS path is huge");
			break;
		}
		check(len <= BGP_MAX_LEN && used && used <= n - done,
		      "built UPDATE within bounds");
		m = exact(buf, len);
		check(bgp_header_check(m, &err) == (int)len,
		      "built UPDATE passes the header check");
		check(!bgp_update_parse(m, len, &caps, &r, &err),
		      "built UPDATE parses");
		check(!r.treat_as_withdraw && !r.discarded,
		      "built UPDATE is clean");
		if (family == AF_INET)
			got = walk(AF_INET, r.nlri, r.nlri_len, back);
		else
			got = walk(AF_INET6, r.mp_reach, r.mp_reach_len, back);
		check(got == used, "built UPDATE holds what it says");
		for (i = 0; i < got; i++)
			check(prefix_eq(&back[i], &pfx[done + i]),
			      "re-announced prefixes parse back equal");
		check(r.attrs.has_origin && r.attrs.origin == at->origin,
		      "ORIGIN parses back");
		check(r.attrs.has_med == at->has_med &&
		      (!at->has_med || r.attrs.med == at->med),
		      "MULTI_EXIT_DISC parses back");
		check(r.attrs.vnet_hops_len == at->vnet_hops_len &&
		      r.attrs.vnet_nhops == at->vnet_nhops &&
		      (!at->vnet_hops_len ||
		       !memcmp(r.attrs.vnet_hops, at->vnet_hops,
			       at->vnet_hops_len)),
		      "VNET_HOPS parses back");
		as_path_checks(at, &r.attrs, vnet);
		if (family == AF_INET)
			check(r.attrs.has_next_hop &&
			      !memcmp(&r.attrs.next_hop, nh, 4),
			      "NEXT_HOP parses back");
		else
			check(!memcmp(&r.mp_next_hop, nh, 16),
			      "MP_REACH_NLRI next hop parses back");
		free(m);
		done += used;
	}
	free(buf);
}

/* Re-withdraws @n prefixes; each UPDATE must parse back to them. */
static void withdraw_round_trip(uint8_t family, const struct bgp_prefix *pfx,
				size_t n)
{
	const struct bgp_session_caps caps = { .ipv4 = true, .ipv6 = true };
	static struct bgp_prefix back[MAX_PFX];
	uint8_t *buf = malloc(BGP_MAX_LEN);
	size_t done = 0;

	check(buf, "malloc");
	while (done < n) {
		struct bgp_notify err;
		struct bgp_update r;
		size_t len, used, got, i;
		uint8_t *m;

		len = bgp_withdraw_build(buf, pfx + done, n - done, &used);
		check(len && len <= BGP_MAX_LEN && used && used <= n - done,
		      "built withdrawal within bounds");
		m = exact(buf, len);
		check(bgp_header_check(m, &err) == (int)len &&
		      !bgp_update_parse(m, len, &caps, &r, &err) &&
		      !r.treat_as_withdraw && !r.discarded,
		      "built withdrawal parses clean");
		if (family == AF_INET)
			got = walk(AF_INET, r.withdrawn, r.withdrawn_len, back);
		else
			got = walk(AF_INET6, r.mp_unreach, r.mp_unreach_len,
				   back);
		check(got == used, "built withdrawal holds what it says");
		for (i = 0; i < got; i++)
			check(prefix_eq(&back[i], &pfx[done + i]),
			      "re-withdrawn prefixes parse back equal");
		free(m);
		done += used;
	}
	free(buf);
}

/*
 * Walks a checked VNET_HOPS value: each hop good, the walk to its end;
 * the hops put again are the same bytes.
 */
static void vnet_hops_checks(const struct bgp_attrs *at)
{
	struct bgp_vnet_hop h[BGP_VNET_MAX_HOPS + 1];
	uint8_t buf[BGP_VNET_HOPS_MAX_LEN];
	struct bgp_vnet_hop_iter it;
	unsigned int n = 0;
	size_t len;

	check(at->vnet_hops && at->vnet_nhops >= 1 &&
	      at->vnet_nhops <= BGP_VNET_MAX_HOPS &&
	      at->vnet_hops_len >= 9 * at->vnet_nhops &&
	      at->vnet_hops_len <= BGP_VNET_HOP_MAX_LEN * at->vnet_nhops,
	      "VNET_HOPS: 1 to 16 hops of 9 or 21 bytes");
	bgp_vnet_hops_init(&it, at->vnet_hops, at->vnet_hops_len);
	while (n <= BGP_VNET_MAX_HOPS && bgp_vnet_hop_next(&it, &h[n])) {
		check(h[n].vni < 1u << 24 && (h[n].family == AF_INET ||
					      h[n].family == AF_INET6),
		      "VNET_HOPS: a hop's VNI and family");
		n++;
	}
	check(n == at->vnet_nhops && it.p == it.end,
	      "a checked VNET_HOPS walks to its end");
	len = bgp_vnet_hops_put(buf, h, n);
	check(len == at->vnet_hops_len && !memcmp(buf, at->vnet_hops, len),
	      "VNET_HOPS put again is the same");
}

/* The End-of-RIB we build for @family is one too */
static void eor_round_trip(uint8_t family,
			   const struct bgp_session_caps *caps)
{
	uint8_t *buf = malloc(BGP_MAX_LEN), *m;
	struct bgp_notify err;
	struct bgp_update r;
	size_t len;

	check(buf, "malloc");
	len = bgp_eor_build(buf, family);
	m = exact(buf, len);
	check(len && bgp_header_check(m, &err) == (int)len &&
	      !bgp_update_parse(m, len, caps, &r, &err) &&
	      r.eor_family == family, "built End-of-RIB is one");
	free(m);
	free(buf);
}

static void update_checks(size_t len,
			  const struct bgp_session_caps *caps,
			  const struct bgp_update *u)
{
	static struct bgp_prefix pfx[MAX_PFX];
	const struct bgp_attrs *at = &u->attrs;
	struct in6_addr nh;
	size_t n;

	check(!u->treat_as_withdraw || u->reason, "a withdraw has a reason");
	check(!u->discarded || u->discard_reason, "a discard has a reason");
	check(!u->mp_reach_family || u->mp_reach_family == AF_INET ||
	      u->mp_reach_family == AF_INET6, "MP_REACH_NLRI family");
	check(!u->mp_reach_family || (u->mp_reach_family == AF_INET ?
				      caps->ipv4 : caps->ipv6),
	      "MP_REACH_NLRI only of a negotiated family");
	check(!u->mp_unreach_family || (u->mp_unreach_family == AF_INET ?
					caps->ipv4 : caps->ipv6),
	      "MP_UNREACH_NLRI only of a negotiated family");
	check(caps->ipv4 || (!u->nlri_len && !u->withdrawn_len),
	      "IPv4 fields empty when IPv4 is not negotiated");
	check(!at->has_as_path || at->as_path, "AS_PATH pointer");
	check(!at->has_origin || at->origin <= 2, "ORIGIN value");
	check(!at->has_local_pref || !caps->ebgp, "no eBGP LOCAL_PREF");
	check(caps->vnet || !at->vnet_hops, "VNET_HOPS only on the mesh");
	if (at->vnet_hops)
		vnet_hops_checks(at);
	else
		check(!at->vnet_hops_len && !at->vnet_nhops,
		      "no VNET_HOPS, no hops");
	/* segments are never empty: a path of 6 bytes has a first AS */
	if (at->has_as_path && at->as_path_len >= 6)
		check(bgp_as_path_contains(at->as_path, at->as_path_len,
					   get32(at->as_path + 2)),
		      "AS_PATH holds its first AS");
	if (at->has_as_path)
		check(at->as_path_len || !at->as_path_count,
		      "an empty AS_PATH has length 0");
	if (u->eor_family)
		check((u->eor_family == AF_INET ? caps->ipv4 : caps->ipv6) &&
		      !u->nlri_len && !u->withdrawn_len && !u->mp_reach_len &&
		      !u->mp_unreach_len && !u->treat_as_withdraw &&
		      len <= 23 + 4 + 3 && !at->has_origin,
		      "End-of-RIB carries nothing");
	if (u->eor_family)
		eor_round_trip(u->eor_family, caps);

	/* withdrawals, always */
	n = walk(AF_INET, u->withdrawn, u->withdrawn_len, pfx);
	withdraw_round_trip(AF_INET, pfx, n);
	if (u->mp_unreach_family) {
		n = walk(u->mp_unreach_family, u->mp_unreach,
			 u->mp_unreach_len, pfx);
		withdraw_round_trip(u->mp_unreach_family, pfx, n);
	}

	/* announcements, when they are good to re-announce */
	n = walk(AF_INET, u->nlri, u->nlri_len, pfx);
	if (n && !u->treat_as_withdraw) {
		check(at->has_origin && at->has_as_path && at->has_next_hop &&
		      (!caps->vnet || at->vnet_hops),
		      "announced IPv4 NLRI have the mandatory attributes");
		memset(&nh, 0, sizeof(nh));
		memcpy(&nh, &at->next_hop, 4);
		announce_round_trip(u, AF_INET, pfx, n, &nh, caps->vnet);
	}
	if (u->mp_reach_family) {
		n = walk(u->mp_reach_family, u->mp_reach, u->mp_reach_len,
			 pfx);
		if (n && !u->treat_as_withdraw) {
			check(at->has_origin && at->has_as_path &&
			      (!caps->vnet || at->vnet_hops),
			      "announced MP NLRI have ORIGIN and AS_PATH");
			nh = u->mp_next_hop;
			if (u->mp_reach_family == AF_INET)
				memset(nh.s6_addr + 4, 0, 12);
			announce_round_trip(u, u->mp_reach_family, pfx, n,
					    &nh, caps->vnet);
		}
	}
}

/* The builders on unchecked input: no write past BGP_MAX_LEN */
static void build_unchecked(const uint8_t *data, size_t size)
{
	static struct bgp_prefix pfx[64];
	struct bgp_attrs_out a = { 0 };
	size_t n = 0, len, used, off = 0;
	uint8_t *buf = malloc(BGP_MAX_LEN);

	check(buf, "malloc");
	while (n < 64 && size - off >= 1 + 1 + 16) {
		pfx[n].family = data[off] & 1 ? AF_INET6 : AF_INET;
		pfx[n].len = data[off + 1];
		memcpy(pfx[n].addr, data + off + 2, 16);
		off += 18;
		n++;
	}
	a.as_path = data;
	a.as_path_len = size > 0xffff ? 0xffff : size;
	a.local_asn = size;
	a.has_med = size & 1;
	a.med = size;
	a.vnet_hops = data;
	a.vnet_hops_len = size & 2 ? a.as_path_len : 0;
	len = bgp_update_build(buf, &a, pfx, n, &used);
	check(len <= BGP_MAX_LEN && used <= n && (!len) == (!used),
	      "UPDATE builder on anything stays in bounds");
	a.local_asn = 0;
	a.as_path_len = size > 0xffff ? 0xffff : size / 2;
	len = bgp_update_build(buf, &a, pfx, n, &used);
	check(len <= BGP_MAX_LEN && used <= n && (!len) == (!used),
	      "UPDATE builder on anything, not prepending, stays in bounds");
	len = bgp_withdraw_build(buf, pfx, n, &used);
	check(len <= BGP_MAX_LEN && used <= n && (!len) == (!used),
	      "withdrawal builder on anything stays in bounds");
	free(buf);
}

/* The hops of anything, put again, make what the walk took of it */
static void vnet_hops_unchecked(const uint8_t *data, size_t size)
{
	struct bgp_vnet_hop h[BGP_VNET_MAX_HOPS];
	uint8_t buf[BGP_VNET_HOPS_MAX_LEN];
	struct bgp_vnet_hop_iter it;
	unsigned int n = 0;
	size_t len;
	uint8_t *m;

	if (size > BGP_MAX_LEN)
		size = BGP_MAX_LEN;
	m = exact(data, size);
	bgp_vnet_hops_init(&it, m, size);
	while (n < BGP_VNET_MAX_HOPS && bgp_vnet_hop_next(&it, &h[n])) {
		check(it.p <= it.end, "walk stays in the value");
		n++;
	}
	len = bgp_vnet_hops_put(buf, h, n);
	check(len <= BGP_VNET_HOPS_MAX_LEN && (!len) == (!n) &&
	      (!n || !memcmp(buf, m, len)),
	      "the hops walked are put again as they were");
	free(m);
}

/* NLRI walks and AS_PATH scans of unchecked input stay in it */
static void walk_unchecked(const uint8_t *data, size_t size)
{
	struct bgp_nlri_iter it;
	struct bgp_prefix pfx;
	uint8_t *m;

	if (size > BGP_MAX_LEN)
		size = BGP_MAX_LEN;
	m = exact(data, size);
	bgp_nlri_init(&it, AF_INET6, m, size);
	while (bgp_nlri_next(&it, &pfx))
		check(it.p <= it.end, "walk stays in the field");
	bgp_nlri_init(&it, AF_INET, m, size);
	while (bgp_nlri_next(&it, &pfx))
		check(it.p <= it.end, "walk stays in the field");
	bgp_as_path_contains(m, size, LOCAL_AS);
	free(m);
}

static void one_message(const uint8_t *p, size_t len,
			struct bgp_session_caps *caps)
{
	uint8_t *m = exact(p, len), *buf;
	struct bgp_notify err;
	struct bgp_update u;
	struct bgp_open o;
	uint8_t family;

	switch (m[18]) {
	case BGP_OPEN:
		if (bgp_open_parse(m, len, &o, &err))
			notify_round_trip(&err, true);
		else
			open_checks(&o, caps);
		break;
	case BGP_UPDATE:
		if (bgp_update_parse(m, len, caps, &u, &err))
			notify_round_trip(&err, true);
		else
			update_checks(len, caps, &u);
		break;
	case BGP_NOTIFICATION:
		check(!bgp_notify_parse(m, len, &err),
		      "NOTIFICATION past the header check parses");
		notify_round_trip(&err, false);
		break;
	case BGP_KEEPALIVE:
		buf = malloc(BGP_MAX_LEN);
		check(buf && bgp_keepalive_build(buf) == len &&
		      !memcmp(buf, m, len), "KEEPALIVE is the one we build");
		free(buf);
		break;
	case BGP_ROUTE_REFRESH:
		if (bgp_refresh_parse(m, len, &family, &err)) {
			check(len != 23, "ROUTE-REFRESH of 23 bytes parses");
			notify_round_trip(&err, true);
			break;
		}
		if (!family)
			break;
		buf = malloc(BGP_MAX_LEN);
		check(buf && bgp_refresh_build(buf, family) == len &&
		      !memcmp(buf, m, len),
		      "ROUTE-REFRESH parses back equal");
		free(buf);
		break;
	default:
		check(false, "the header check lets only known types by");
	}
	check(bgp_type_name(m[18]), "type name");
	free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bgp_session_caps caps = {
		.ipv4 = true, .ipv6 = true, .ebgp = true,
	};
	size_t off = 0;

	while (size - off >= BGP_HDR_LEN) {
		struct bgp_notify err;
		uint8_t *hdr = exact(data + off, BGP_HDR_LEN);
		int len = bgp_header_check(hdr, &err);

		free(hdr);
		if (len < 0) {
			notify_round_trip(&err, true);
			break;
		}
		check(len >= BGP_HDR_LEN && len <= BGP_MAX_LEN,
		      "header check's length in bounds");
		if ((size_t)len > size - off)
			break;
		one_message(data + off, len, &caps);
		off += len;
	}
	walk_unchecked(data, size);
	build_unchecked(data, size);
	vnet_hops_unchecked(data, size);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnetd: unit test of the BGP message codec (msg.c).
 *
 * Builds messages with the builders and parses them back, and feeds
 * hand-written malformed messages, each paired with a control that differs
 * only in the bad field and must parse clean, so that no check passes
 * because the message was rejected for another reason.
 *
 * Messages are written in hex; "[ ... ]" is replaced by the bytes inside
 * preceded by their 1-byte length, "{ ... }" the same with a 2-byte length.
 * Output is KTAP-like: "ok N - what" per check, a summary, and the exit
 * status says whether all passed.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static unsigned int tests, failures;

static bool ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	tests++;
	if (!cond)
		failures++;
	printf("%sok %u - ", cond ? "" : "not ", tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return cond;
}

static void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void die(const char *what, const char *s)
{
	fprintf(stderr, "msg_test: %s: %s\n", what, s);
	exit(2);
}

/* Hex with [] and {} length blocks into @out; returns the length. */
static size_t hex(uint8_t *out, size_t max, const char *s)
{
	size_t stack[16], len = 0;
	int wide[16], depth = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t')
			continue;
		if (*s == '[' || *s == '{') {
			if (depth == 16 || len + 2 > max)
				die("test message too deep or long", s);
			wide[depth] = *s == '{';
			stack[depth++] = len;
			len += wide[depth - 1] ? 2 : 1;
			continue;
		}
		if (*s == ']' || *s == '}') {
			size_t at, n;

			if (!depth || wide[depth - 1] != (*s == '}'))
				die("test message unbalanced", s);
			at = stack[--depth];
			n = len - at - (wide[depth] ? 2 : 1);
			if (wide[depth]) {
				out[at] = n >> 8;
				out[at + 1] = n;
			} else {
				if (n > 255)
					die("test message [] too long", s);
				out[at] = n;
			}
			continue;
		}
		if (!s[1] || len == max)
			die("test message odd or too long", s);
		{
			char b[3] = { s[0], s[1], 0 };
			char *end;

			out[len++] = strtoul(b, &end, 16);
			if (*end)
				die("test message bad digit", s);
		}
		s++;
	}
	if (depth)
		die("test message unclosed", s);
	return len;
}

/* A message of @type with body @body (hex); its length */
static size_t msg(uint8_t *buf, uint8_t type, const char *body)
{
	size_t len = BGP_HDR_LEN + hex(buf + BGP_HDR_LEN,
				       2 * BGP_MAX_LEN, body);

	memset(buf, 0xff, 16);
	buf[16] = len >> 8;
	buf[17] = len;
	buf[18] = type;
	return len;
}

/* A copy of exactly @len bytes, so that ASan sees any read past it */
static uint8_t *exact(const uint8_t *buf, size_t len)
{
	uint8_t *p = malloc(len ? len : 1);

	if (!p)
		die("malloc", "");
	memcpy(p, buf, len);
	return p;
}

static bool data_is(const struct bgp_notify *n, const char *want)
{
	uint8_t w[BGP_MAX_LEN];
	size_t wl = want ? hex(w, sizeof(w), want) : 0;

	if (n->len != wl || (wl && memcmp(n->data, w, wl))) {
		size_t i;

		printf("# data:");
		for (i = 0; i < n->len && i < 40; i++)
			printf(" %02x", n->data[i]);
		printf(" (%zu bytes), want %zu\n", n->len, wl);
		return false;
	}
	return true;
}

/* Session kinds of a case */
#define NOV4	0x1	/* IPv4 unicast not negotiated */
#define NOV6	0x2
#define IBGP	0x4
#define GCAPS	0x8	/* in gcaps: the control has these caps */
#define VNET	0x10	/* a vnet mesh session */

enum out {
	OK,
	WITHDRAW,	/* treat-as-withdraw, reason @why */
	DISCARD,	/* one attribute discarded, reason @why */
	RESET,		/* NOTIFICATION code (or UPDATE), subcode, data */
};

struct ucase {
	const char *name;
	unsigned int caps;
	const char *body;	/* after the header: {wdr.} {attrs} nlri */
	enum out out;
	uint8_t code;
	uint8_t subcode;
	const char *data;
	const char *why;
	bool (*check)(const struct bgp_update *u);
	/* the control: only what differs */
	const char *gbody;
	unsigned int gcaps;
	enum out gout;		/* OK unless said */
	const char *gwhy;
	bool (*gcheck)(const struct bgp_update *u);
};

static int update_parse(const char *body, unsigned int caps,
			struct bgp_update *u, struct bgp_notify *err)
{
	struct bgp_session_caps c = {
		.ipv4 = !(caps & NOV4),
		.ipv6 = !(caps & NOV6),
		.ebgp = !(caps & IBGP),
		.vnet = caps & VNET,
	};
	uint8_t buf[3 * BGP_MAX_LEN];
	size_t len = msg(buf, BGP_UPDATE, body);
	struct bgp_notify hdr;
	uint8_t *m;
	int rc;

	if (len > BGP_MAX_LEN || bgp_header_check(buf, &hdr) != (int)len)
		die("case message does not pass the header check", body);
	m = exact(buf, len);
	rc = bgp_update_parse(m, len, &c, u, err);
	if (!rc) {
		struct bgp_nlri_iter it;
		struct bgp_prefix p;

		/* every field walks to its end */
		bgp_nlri_init(&it, AF_INET, u->withdrawn, u->withdrawn_len);
		while (bgp_nlri_next(&it, &p))
			;
		bgp_nlri_init(&it, AF_INET, u->nlri, u->nlri_len);
		while (bgp_nlri_next(&it, &p))
			;
	}
	/* the data points into the message: compare before freeing */
	if (rc && err->data >= m && err->data < m + len) {
		static uint8_t keep[BGP_MAX_LEN];

		memcpy(keep, err->data, err->len);
		err->data = keep;
	}
	free(m);
	return rc;
}

static bool outcome(int rc, const struct bgp_update *u,
		    const struct bgp_notify *err, enum out out, uint8_t code,
		    uint8_t subcode, const char *data, const char *why)
{
	switch (out) {
	case OK:
		if (rc || u->treat_as_withdraw || u->discarded) {
			diag("rc %d, withdraw %d (%s), discarded %u (%s), notify %u/%u",
			     rc, u->treat_as_withdraw,
			     u->reason, u->discarded, u->discard_reason,
			     err->code, err->subcode);
			return false;
		}
		return true;
	case WITHDRAW:
		if (rc || !u->treat_as_withdraw || strcmp(u->reason, why)) {
			diag("rc %d (%u/%u), withdraw %d, reason \"%s\"", rc,
			     err->code, err->subcode, u->treat_as_withdraw,
			     u->reason);
			return false;
		}
		return true;
	case DISCARD:
		if (rc || u->treat_as_withdraw || u->discarded != 1 ||
		    strcmp(u->discard_reason, why)) {
			diag("rc %d, withdraw %d (%s), discarded %u \"%s\"",
			     rc, u->treat_as_withdraw, u->reason,
			     u->discarded, u->discard_reason);
			return false;
		}
		return true;
	case RESET:
		if (rc != -1 || err->code != (code ? code : BGP_ERR_UPDATE) ||
		    err->subcode != subcode) {
			diag("rc %d, notify %u/%u, withdraw %d (%s)", rc,
			     err->code, err->subcode, u->treat_as_withdraw,
			     u->reason);
			return false;
		}
		return data_is(err, data);
	}
	return false;
}

static const char *const out_names[] = {
	"parses clean", "is treat-as-withdraw", "is attribute-discard",
	"resets the session",
};

static void update_case(const struct ucase *c)
{
	struct bgp_update u;
	struct bgp_notify err;
	bool good;
	int rc;

	rc = update_parse(c->body, c->caps, &u, &err);
	good = outcome(rc, &u, &err, c->out, c->code, c->subcode, c->data,
		       c->why);
	if (good && c->check && !c->check(&u)) {
		diag("values not as expected");
		good = false;
	}
	ok(good, "UPDATE: %s %s", c->name, out_names[c->out]);
	if (c->out == OK && !c->gbody && !c->gcaps)
		return;
	if (!ok(c->gbody || c->gcaps, "UPDATE: %s has a control", c->name))
		return;
	rc = update_parse(c->gbody ? c->gbody : c->body,
			  c->gcaps ? c->gcaps & ~GCAPS : c->caps, &u, &err);
	good = outcome(rc, &u, &err, c->gout, 0, 0, NULL, c->gwhy);
	if (good && c->gcheck && !c->gcheck(&u)) {
		diag("values not as expected");
		good = false;
	}
	ok(good, "UPDATE: %s: control %s", c->name, out_names[c->gout]);
}

/* Attributes, well-formed */
#define ORG		"40 01 [00] "
#define ASP		"40 02 [02 02 00 00 fd e9 00 00 fd ea] "
#define NH		"40 03 [c0 00 02 01] "
#define BASE		ORG ASP NH
#define N24		"18 0a 01 02 "
#define W24		"18 0a 09 09 "
#define NH6		"20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 "
#define LL6		"fe 80 00 00 00 00 00 00 02 00 00 ff fe 00 00 01 "
#define P6		"20 20 01 0d b8 "
#define MPR6		"80 0e [00 02 01 [" NH6 "] 00 " P6 "] "
#define MPU6		"80 0f [00 02 01 " P6 "] "
#define U(w, a, n)	"{" w "} {" a "} " n
/* VNET_HOPS: VNI 100 via 192.0.2.10, VNI 2^24 - 1 via 2001:db8::1 */
#define HOP4		"00 00 00 64 04 c0 00 02 0a "
#define HOP6		"00 ff ff ff 10 " NH6
#define VH(hops)	"80 ff [" hops "] "
#define VNI100		"00 00 00 64 "
/* IPv6 addresses: ::ffff:192.0.2.10, 64:ff9b::192.0.2.10 */
#define A6MAPPED	"00 00 00 00 00 00 00 00 00 00 ff ff c0 00 02 0a "
#define A6NAT64		"00 64 ff 9b 00 00 00 00 00 00 00 00 c0 00 02 0a "
/* ::, ::2, ::1, 1::1, ff02::1, fd02::1 */
#define A6ANY		"00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
#define A6TWO		"00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 02 "
#define A6LOOP		"00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 "
#define A6ONE		"00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 01 "
#define A6MCAST		"ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 01 "
#define A6FD		"fd 02 00 00 00 00 00 00 00 00 00 00 00 00 00 01 "

static bool origin_0(const struct bgp_update *u)
{
	return u->attrs.has_origin && u->attrs.origin == 0;
}

static bool origin_2(const struct bgp_update *u)
{
	return u->attrs.has_origin && u->attrs.origin == 2;
}

static bool med_7(const struct bgp_update *u)
{
	return u->attrs.has_med && u->attrs.med == 7;
}

static bool lp_200(const struct bgp_update *u)
{
	return u->attrs.has_local_pref && u->attrs.local_pref == 200;
}

static bool no_lp(const struct bgp_update *u)
{
	return !u->attrs.has_local_pref;
}

static bool path_2(const struct bgp_update *u)
{
	return u->attrs.has_as_path && u->attrs.as_path_count == 2 &&
	       u->attrs.as_path_len == 10;
}

static bool path_empty(const struct bgp_update *u)
{
	return u->attrs.has_as_path && u->attrs.as_path &&
	       !u->attrs.as_path_len && !u->attrs.as_path_count;
}

static bool path_seq3_set2(const struct bgp_update *u)
{
	return u->attrs.as_path_count == 4;
}

static bool path_confed(const struct bgp_update *u)
{
	/* confederation segments count 0 (RFC 5065 5.3) */
	return u->attrs.as_path_count == 2;
}

static bool nh_192(const struct bgp_update *u)
{
	return u->attrs.has_next_hop &&
	       u->attrs.next_hop.s_addr == htonl(0xc0000201);
}

static bool mp6(const struct bgp_update *u)
{
	static const uint8_t nh[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

	return u->mp_reach_family == AF_INET6 && u->mp_reach_len == 5 &&
	       !memcmp(&u->mp_next_hop, nh, 16) &&
	       IN6_IS_ADDR_UNSPECIFIED(&u->mp_next_hop_ll);
}

static bool mp6_ll(const struct bgp_update *u)
{
	return u->mp_reach_family == AF_INET6 &&
	       u->mp_next_hop.s6_addr[0] == 0x20 &&
	       IN6_IS_ADDR_LINKLOCAL(&u->mp_next_hop_ll) &&
	       u->mp_next_hop_ll.s6_addr[15] == 1;
}

static bool mp6_no_ll(const struct bgp_update *u)
{
	return u->mp_reach_family == AF_INET6 &&
	       IN6_IS_ADDR_UNSPECIFIED(&u->mp_next_hop_ll);
}

static bool mp6_kept(const struct bgp_update *u)
{
	return u->mp_reach_family == AF_INET6 && u->mp_reach_len == 5;
}

static bool mp4(const struct bgp_update *u)
{
	return u->mp_reach_family == AF_INET && u->mp_reach_len == 4 &&
	       u->mp_next_hop.s6_addr[0] == 192 &&
	       u->mp_next_hop.s6_addr[3] == 1;
}

static bool mp_none(const struct bgp_update *u)
{
	return !u->mp_reach_family && !u->mp_reach && !u->mp_reach_len;
}

static bool mpu6_kept(const struct bgp_update *u)
{
	return u->mp_unreach_family == AF_INET6 && u->mp_unreach_len == 5;
}

static bool v4_skipped(const struct bgp_update *u)
{
	return !u->nlri && !u->nlri_len && !u->withdrawn &&
	       !u->withdrawn_len;
}

static bool v4_kept(const struct bgp_update *u)
{
	return u->nlri_len == 4 && u->withdrawn_len == 4;
}

static bool eor4(const struct bgp_update *u)
{
	return u->eor_family == AF_INET;
}

static bool eor6(const struct bgp_update *u)
{
	return u->eor_family == AF_INET6;
}

static bool no_eor(const struct bgp_update *u)
{
	return !u->eor_family;
}

static bool discarded_1(const struct bgp_update *u)
{
	return u->discarded == 1;
}

static bool no_hops(const struct bgp_update *u)
{
	return !u->attrs.vnet_hops && !u->attrs.vnet_hops_len &&
	       !u->attrs.vnet_nhops;
}

static bool hops_1(const struct bgp_update *u)
{
	return u->attrs.vnet_hops && u->attrs.vnet_nhops == 1 &&
	       (u->attrs.vnet_hops_len == 9 || u->attrs.vnet_hops_len == 21);
}

static bool hops_2(const struct bgp_update *u)
{
	return u->attrs.vnet_hops && u->attrs.vnet_nhops == 2 &&
	       (u->attrs.vnet_hops_len == 2 * 9 ||
		u->attrs.vnet_hops_len == 9 + 21);
}

static bool hops_16(const struct bgp_update *u)
{
	return u->attrs.vnet_hops && u->attrs.vnet_nhops == 16 &&
	       (u->attrs.vnet_hops_len == 16 * 9 ||
		u->attrs.vnet_hops_len == 16 * 21);
}

static bool hops_1_mp6(const struct bgp_update *u)
{
	return hops_1(u) && mp6(u);
}

static const struct ucase ucases[] = {
	/* RFC 4271 6.3 / RFC 7606 3.b: the field lengths */
	{ .name = "Withdrawn Routes Length past the message",
	  .body = "00 40 " W24 "{" BASE "} " N24,
	  .out = RESET, .subcode = BGP_ERR_UPDATE_ATTR_LIST,
	  .gbody = "00 04 " W24 "{" BASE "} " N24 },
	{ .name = "Total Path Attribute Length past the message",
	  .body = "{} 00 1d " BASE N24,
	  .out = RESET, .subcode = BGP_ERR_UPDATE_ATTR_LIST,
	  .gbody = "{} 00 18 " BASE N24 },
	/* RFC 7606 4 */
	{ .name = "attribute overrunning the list, with NLRI",
	  .body = U("", BASE "c0 08 08 00 01 00 02", N24),
	  .out = WITHDRAW, .why = "attribute list: attribute overruns it",
	  .gbody = U("", BASE "c0 08 04 00 01 00 02", N24) },
	{ .name = "attribute overrunning the list, withdrawals only",
	  .body = U(W24, BASE "c0 08 08 00 01 00 02", ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_ATTR_LIST,
	  .gbody = U(W24, BASE "c0 08 04 00 01 00 02", "") },
	{ .name = "extended length overrunning the list",
	  .body = U("", BASE "d0 08 00 08 00 01 00 02", N24),
	  .out = WITHDRAW, .why = "attribute list: attribute overruns it",
	  .gbody = U("", BASE "d0 08 00 04 00 01 00 02", N24) },
	{ .name = "2 bytes of attribute header at the end",
	  .body = U("", BASE "c0 63", N24),
	  .out = WITHDRAW,
	  .why = "attribute list: truncated attribute header",
	  .gbody = U("", BASE "c0 63 00", N24) },
	{ .name = "1 byte of attribute header at the end",
	  .body = U("", BASE "c0", N24),
	  .out = WITHDRAW,
	  .why = "attribute list: truncated attribute header",
	  .gbody = U("", BASE, N24) },
	{ .name = "3 bytes of extended attribute header at the end",
	  .body = U("", BASE "d0 63 00", N24),
	  .out = WITHDRAW,
	  .why = "attribute list: truncated attribute header",
	  .gbody = U("", BASE "d0 63 00 00", N24) },
	{ .name = "truncated header, withdrawals only",
	  .body = U(W24, BASE "c0 63", ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_ATTR_LIST,
	  .gbody = U(W24, BASE "c0 63 00", "") },
	{ .name = "MP_REACH_NLRI 1 byte too long, NLRI cut",
	  .body = U("", "80 0e 1b 00 02 01 [" NH6 "] 00 " P6 ORG ASP, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U("", "80 0e 1a 00 02 01 [" NH6 "] 00 " P6 ORG ASP,
		     "") },
	{ .name = "MP_REACH_NLRI last and overrunning the list",
	  .body = U("", ORG ASP "80 0e 1b 00 02 01 [" NH6 "] 00 " P6, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_ATTR_LIST,
	  .gbody = U("", ORG ASP "80 0e 1a 00 02 01 [" NH6 "] 00 " P6,
		     "") },
	{ .name = "MP_UNREACH_NLRI header truncated",
	  .body = U("", "80 0f", ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_ATTR_LIST,
	  .gbody = U("", "80 0f [00 02 01]", "") },
	/* RFC 7606 3.g */
	{ .name = "MP_REACH_NLRI twice",
	  .body = U("", MPR6 MPR6 ORG ASP, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_ATTR_LIST,
	  .gbody = U("", MPR6 ORG ASP, "") },
	{ .name = "MP_UNREACH_NLRI twice",
	  .body = U("", MPU6 MPU6, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_ATTR_LIST,
	  .gbody = U("", MPU6, "") },
	{ .name = "ORIGIN twice, the first kept",
	  .body = U("", BASE "40 01 [02]", N24),
	  .out = DISCARD, .why = "repeated attribute", .check = origin_0,
	  .gbody = U("", BASE, N24) },
	{ .name = "malformed repeat of ORIGIN",
	  .body = U("", BASE "40 01 [09]", N24),
	  .out = DISCARD, .why = "repeated attribute", .check = origin_0,
	  .gbody = U("", BASE, N24) },
	{ .name = "unknown optional attribute twice",
	  .body = U("", BASE "c0 63 [01] c0 63 [02]", N24),
	  .out = DISCARD, .why = "repeated attribute",
	  .gbody = U("", BASE "c0 63 [01]", N24) },
	/* RFC 4271 6.3: unrecognized well-known */
	{ .name = "unknown attribute flagged well-known",
	  .body = U("", BASE "40 63 [aa bb]", N24),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_WELL_KNOWN,
	  .data = "40 63 02 aa bb",
	  .gbody = U("", BASE "c0 63 [aa bb]", N24) },
	{ .name = "unknown well-known, extended length",
	  .body = U("", BASE "50 63 {aa}", N24),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_WELL_KNOWN,
	  .data = "50 63 00 01 aa",
	  .gbody = U("", BASE "90 63 {aa}", N24) },
	/* RFC 7606 7.1 ORIGIN */
	{ .name = "ORIGIN of length 2",
	  .body = U("", "40 01 [00 00]" ASP NH, N24),
	  .out = WITHDRAW, .why = "ORIGIN: length not 1",
	  .gbody = U("", "40 01 [00]" ASP NH, N24) },
	{ .name = "ORIGIN of length 0",
	  .body = U("", "40 01 []" ASP NH, N24),
	  .out = WITHDRAW, .why = "ORIGIN: length not 1",
	  .gbody = U("", "40 01 [00]" ASP NH, N24) },
	{ .name = "ORIGIN 3",
	  .body = U("", "40 01 [03]" ASP NH, N24),
	  .out = WITHDRAW, .why = "ORIGIN: undefined value",
	  .gbody = U("", "40 01 [02]" ASP NH, N24), .gcheck = origin_2 },
	{ .name = "ORIGIN flagged optional",
	  .body = U("", "c0 01 [00]" ASP NH, N24),
	  .out = WITHDRAW, .why = "ORIGIN: conflicting attribute flags",
	  .gbody = U("", "40 01 [00]" ASP NH, N24) },
	{ .name = "ORIGIN flagged non-transitive",
	  .body = U("", "00 01 [00]" ASP NH, N24),
	  .out = WITHDRAW, .why = "ORIGIN: conflicting attribute flags",
	  .gbody = U("", "40 01 [00]" ASP NH, N24) },
	{ .name = "ORIGIN with Partial set (not checked, 7606 3.c)",
	  .body = U("", "60 01 [00]" ASP NH, N24), .check = origin_0 },
	{ .name = "ORIGIN with extended length",
	  .body = U("", "50 01 {00}" ASP NH, N24), .check = origin_0 },
	{ .name = "ORIGIN 3 in an UPDATE without NLRI (7606 5.2)",
	  .body = U(W24, "40 01 [03]" ASP NH, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_ORIGIN,
	  .data = "40 01 01 03",
	  .gbody = U(W24, "40 01 [00]" ASP NH, "") },
	/* RFC 7606 3.d */
	{ .name = "ORIGIN missing",
	  .body = U("", ASP NH, N24),
	  .out = WITHDRAW, .why = "missing ORIGIN",
	  .gbody = U("", ORG ASP NH, N24) },
	{ .name = "AS_PATH missing",
	  .body = U("", ORG NH, N24),
	  .out = WITHDRAW, .why = "missing AS_PATH",
	  .gbody = U("", ORG ASP NH, N24) },
	{ .name = "NEXT_HOP missing with an NLRI field",
	  .body = U("", ORG ASP, N24),
	  .out = WITHDRAW, .why = "missing NEXT_HOP",
	  .gbody = U("", ORG ASP NH, N24), .gcheck = nh_192 },
	{ .name = "ORIGIN missing with MP_REACH_NLRI",
	  .body = U("", MPR6 ASP, ""),
	  .out = WITHDRAW, .why = "missing ORIGIN", .check = mp6_kept,
	  .gbody = U("", MPR6 ORG ASP, ""), .gcheck = mp6 },
	{ .name = "no NEXT_HOP needed with MP_REACH_NLRI only",
	  .body = U("", MPR6 ORG ASP, ""), .check = mp6 },
	{ .name = "no attributes needed for withdrawals",
	  .body = U(W24, "", "") },
	/* RFC 7606 7.2 AS_PATH */
	{ .name = "AS_PATH segment type 5",
	  .body = U("", ORG "40 02 [05 01 00 00 fd e9]" NH, N24),
	  .out = WITHDRAW, .why = "AS_PATH: unknown segment type",
	  .gbody = U("", ORG "40 02 [02 01 00 00 fd e9]" NH, N24) },
	{ .name = "AS_PATH segment type 0",
	  .body = U("", ORG "40 02 [00 01 00 00 fd e9]" NH, N24),
	  .out = WITHDRAW, .why = "AS_PATH: unknown segment type",
	  .gbody = U("", ORG "40 02 [01 01 00 00 fd e9]" NH, N24) },
	{ .name = "AS_PATH segment of length 0",
	  .body = U("", ORG "40 02 [02 00]" NH, N24),
	  .out = WITHDRAW, .why = "AS_PATH: empty segment",
	  .gbody = U("", ORG "40 02 [02 01 00 00 fd e9]" NH, N24) },
	{ .name = "AS_PATH segment overrunning the attribute",
	  .body = U("", ORG "40 02 [02 03 00 00 fd e9 00 00 fd ea]" NH,
		    N24),
	  .out = WITHDRAW, .why = "AS_PATH: segment overruns the attribute",
	  .gbody = U("", ORG "40 02 [02 02 00 00 fd e9 00 00 fd ea]" NH,
		     N24), .gcheck = path_2 },
	{ .name = "AS_PATH with 2-octet ASes",
	  .body = U("", ORG "40 02 [02 02 fd e9 fd ea]" NH, N24),
	  .out = WITHDRAW, .why = "AS_PATH: segment overruns the attribute",
	  .gbody = U("", ORG "40 02 [02 01 fd e9 fd ea]" NH, N24) },
	{ .name = "AS_PATH with 1 byte after the last segment",
	  .body = U("", ORG "40 02 [02 01 00 00 fd e9 02]" NH, N24),
	  .out = WITHDRAW, .why = "AS_PATH: truncated segment header",
	  .gbody = U("", ORG "40 02 [02 01 00 00 fd e9]" NH, N24) },
	{ .name = "AS_CONFED_SEQUENCE from an external peer",
	  .body = U("", ORG "40 02 [03 01 00 00 fd e9]" NH, N24),
	  .out = WITHDRAW, .why = "AS_PATH: confederation segment from eBGP",
	  .gbody = U("", ORG "40 02 [02 01 00 00 fd e9]" NH, N24) },
	{ .name = "AS_CONFED_SET from an external peer",
	  .body = U("", ORG "40 02 [02 01 00 00 fd e9 04 01 00 00 fd ea]"
		    NH, N24),
	  .out = WITHDRAW, .why = "AS_PATH: confederation segment from eBGP",
	  .gbody = U("", ORG "40 02 [02 01 00 00 fd e9 01 01 00 00 fd ea]"
		     NH, N24) },
	{ .name = "AS_CONFED_SEQUENCE from an internal peer",
	  .caps = IBGP,
	  .body = U("", ORG "40 02 [03 01 00 00 fd e9 02 02 00 00 fd ea"
		    " 00 00 fd eb]" NH, N24), .check = path_confed },
	{ .name = "AS 0 in AS_PATH (RFC 7607)",
	  .body = U("", ORG "40 02 [02 02 00 00 fd e9 00 00 00 00]" NH,
		    N24),
	  .out = WITHDRAW, .why = "AS_PATH: AS 0",
	  .gbody = U("", ORG "40 02 [02 02 00 00 fd e9 00 00 fd ea]" NH,
		     N24) },
	{ .name = "AS_PATH flagged optional",
	  .body = U("", ORG "c0 02 [02 01 00 00 fd e9]" NH, N24),
	  .out = WITHDRAW, .why = "AS_PATH: conflicting attribute flags",
	  .gbody = U("", ORG "40 02 [02 01 00 00 fd e9]" NH, N24) },
	{ .name = "empty AS_PATH from an internal peer", .caps = IBGP,
	  .body = U("", ORG "40 02 []" NH, N24), .check = path_empty },
	{ .name = "AS_PATH length counts a set as 1",
	  .body = U("", ORG "40 02 [02 03 00 00 fd e9 00 00 fd ea 00 00 fd"
		    " eb 01 02 00 00 fd ec 00 00 fd ed]" NH, N24),
	  .check = path_seq3_set2 },
	{ .name = "malformed AS_PATH without NLRI (7606 5.2)",
	  .body = U(W24, ORG "40 02 [02 00]" NH, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_AS_PATH,
	  .data = "40 02 02 02 00",
	  .gbody = U(W24, ORG "40 02 [02 01 00 00 fd e9]" NH, "") },
	/* RFC 7606 7.3 NEXT_HOP */
	{ .name = "NEXT_HOP of length 5",
	  .body = U("", ORG ASP "40 03 [c0 00 02 01 00]", N24),
	  .out = WITHDRAW, .why = "NEXT_HOP: length not 4",
	  .gbody = U("", ORG ASP "40 03 [c0 00 02 01]", N24) },
	{ .name = "NEXT_HOP of length 0",
	  .body = U("", ORG ASP "40 03 []", N24),
	  .out = WITHDRAW, .why = "NEXT_HOP: length not 4",
	  .gbody = U("", ORG ASP "40 03 [c0 00 02 01]", N24) },
	{ .name = "NEXT_HOP 0.0.0.0",
	  .body = U("", ORG ASP "40 03 [00 00 00 00]", N24),
	  .out = WITHDRAW, .why = "NEXT_HOP: not a unicast address",
	  .gbody = U("", ORG ASP "40 03 [c0 00 02 01]", N24) },
	{ .name = "NEXT_HOP 127.0.0.1",
	  .body = U("", ORG ASP "40 03 [7f 00 00 01]", N24),
	  .out = WITHDRAW, .why = "NEXT_HOP: not a unicast address",
	  .gbody = U("", ORG ASP "40 03 [7e 00 00 01]", N24) },
	{ .name = "NEXT_HOP 224.0.0.5",
	  .body = U("", ORG ASP "40 03 [e0 00 00 05]", N24),
	  .out = WITHDRAW, .why = "NEXT_HOP: not a unicast address",
	  .gbody = U("", ORG ASP "40 03 [df 00 00 05]", N24) },
	{ .name = "NEXT_HOP 255.255.255.255",
	  .body = U("", ORG ASP "40 03 [ff ff ff ff]", N24),
	  .out = WITHDRAW, .why = "NEXT_HOP: not a unicast address",
	  .gbody = U("", ORG ASP "40 03 [df ff ff ff]", N24) },
	{ .name = "NEXT_HOP flagged optional",
	  .body = U("", ORG ASP "c0 03 [c0 00 02 01]", N24),
	  .out = WITHDRAW, .why = "NEXT_HOP: conflicting attribute flags",
	  .gbody = U("", ORG ASP "40 03 [c0 00 02 01]", N24) },
	{ .name = "NEXT_HOP 0.0.0.0 ignored beside MP_REACH_NLRI (4760 3)",
	  .body = U("", MPR6 ORG ASP "40 03 [00 00 00 00]", ""),
	  .check = mp6 },
	{ .name = "NEXT_HOP 0.0.0.0 ignored in withdrawals",
	  .body = U(W24, ORG ASP "40 03 [00 00 00 00]", "") },
	{ .name = "NEXT_HOP of length 5 beside MP_REACH_NLRI",
	  .body = U("", MPR6 ORG ASP "40 03 [c0 00 02 01 00]", ""),
	  .out = WITHDRAW, .why = "NEXT_HOP: length not 4",
	  .gbody = U("", MPR6 ORG ASP "40 03 [c0 00 02 01]", "") },
	{ .name = "NEXT_HOP of length 5 without NLRI (7606 5.2)",
	  .body = U(W24, ORG ASP "40 03 [c0 00 02 01 00]", ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_LENGTH,
	  .data = "40 03 05 c0 00 02 01 00",
	  .gbody = U(W24, ORG ASP "40 03 [c0 00 02 01]", "") },
	/* RFC 7606 7.4 MULTI_EXIT_DISC */
	{ .name = "MULTI_EXIT_DISC of length 3",
	  .body = U("", BASE "80 04 [00 00 07]", N24),
	  .out = WITHDRAW, .why = "MULTI_EXIT_DISC: length not 4",
	  .gbody = U("", BASE "80 04 [00 00 00 07]", N24),
	  .gcheck = med_7 },
	{ .name = "MULTI_EXIT_DISC flagged well-known",
	  .body = U("", BASE "40 04 [00 00 00 07]", N24),
	  .out = WITHDRAW,
	  .why = "MULTI_EXIT_DISC: conflicting attribute flags",
	  .gbody = U("", BASE "80 04 [00 00 00 07]", N24) },
	{ .name = "MULTI_EXIT_DISC flagged transitive",
	  .body = U("", BASE "c0 04 [00 00 00 07]", N24),
	  .out = WITHDRAW,
	  .why = "MULTI_EXIT_DISC: conflicting attribute flags",
	  .gbody = U("", BASE "80 04 [00 00 00 07]", N24) },
	{ .name = "MULTI_EXIT_DISC of length 3 without NLRI (7606 5.2)",
	  .body = U(W24, BASE "80 04 [00 00 07]", ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_LENGTH,
	  .data = "80 04 03 00 00 07",
	  .gbody = U(W24, BASE "80 04 [00 00 00 07]", "") },
	/* RFC 7606 7.5 LOCAL_PREF */
	{ .name = "LOCAL_PREF of length 2 from an internal peer",
	  .caps = IBGP, .body = U("", BASE "40 05 [00 c8]", N24),
	  .out = WITHDRAW, .why = "LOCAL_PREF: length not 4",
	  .gbody = U("", BASE "40 05 [00 00 00 c8]", N24),
	  .gcheck = lp_200 },
	{ .name = "LOCAL_PREF flagged optional from an internal peer",
	  .caps = IBGP, .body = U("", BASE "80 05 [00 00 00 c8]", N24),
	  .out = WITHDRAW, .why = "LOCAL_PREF: conflicting attribute flags",
	  .gbody = U("", BASE "40 05 [00 00 00 c8]", N24) },
	{ .name = "LOCAL_PREF from an external peer",
	  .body = U("", BASE "40 05 [00 00 00 c8]", N24),
	  .out = DISCARD, .why = "LOCAL_PREF from an external peer",
	  .check = no_lp, .gcaps = GCAPS | IBGP, .gcheck = lp_200 },
	{ .name = "LOCAL_PREF of length 2 from an external peer",
	  .body = U("", BASE "40 05 [00 c8]", N24),
	  .out = DISCARD, .why = "LOCAL_PREF from an external peer",
	  .gbody = U("", BASE, N24) },
	/* RFC 7606 7.6 ATOMIC_AGGREGATE */
	{ .name = "ATOMIC_AGGREGATE of length 1",
	  .body = U("", BASE "40 06 [00]", N24),
	  .out = DISCARD, .why = "ATOMIC_AGGREGATE: length not 0",
	  .gbody = U("", BASE "40 06 []", N24) },
	{ .name = "ATOMIC_AGGREGATE flagged optional",
	  .body = U("", BASE "c0 06 []", N24),
	  .out = DISCARD,
	  .why = "ATOMIC_AGGREGATE: conflicting attribute flags",
	  .gbody = U("", BASE "40 06 []", N24) },
	{ .name = "ATOMIC_AGGREGATE of length 1 without NLRI",
	  .body = U(W24, BASE "40 06 [00]", ""),
	  .out = DISCARD, .why = "ATOMIC_AGGREGATE: length not 0",
	  .gbody = U(W24, BASE "40 06 []", "") },
	/* RFC 7606 7.7 AGGREGATOR */
	{ .name = "AGGREGATOR of length 6 (2-octet AS)",
	  .body = U("", BASE "c0 07 [fd e9 c0 00 02 01]", N24),
	  .out = DISCARD, .why = "AGGREGATOR: length not 8",
	  .gbody = U("", BASE "c0 07 [00 00 fd e9 c0 00 02 01]", N24) },
	{ .name = "AGGREGATOR with AS 0 (RFC 7607)",
	  .body = U("", BASE "c0 07 [00 00 00 00 c0 00 02 01]", N24),
	  .out = DISCARD, .why = "AGGREGATOR: AS 0",
	  .gbody = U("", BASE "c0 07 [00 00 fd e9 c0 00 02 01]", N24) },
	{ .name = "AGGREGATOR flagged well-known",
	  .body = U("", BASE "40 07 [00 00 fd e9 c0 00 02 01]", N24),
	  .out = DISCARD, .why = "AGGREGATOR: conflicting attribute flags",
	  .gbody = U("", BASE "c0 07 [00 00 fd e9 c0 00 02 01]", N24) },
	/* RFC 7606 7.8 COMMUNITIES */
	{ .name = "COMMUNITIES of length 0",
	  .body = U("", BASE "c0 08 []", N24),
	  .out = WITHDRAW, .why = "COMMUNITIES: length not k * 4",
	  .gbody = U("", BASE "c0 08 [fd e9 00 01]", N24) },
	{ .name = "COMMUNITIES of length 6",
	  .body = U("", BASE "c0 08 [fd e9 00 01 00 02]", N24),
	  .out = WITHDRAW, .why = "COMMUNITIES: length not k * 4",
	  .gbody = U("", BASE "c0 08 [fd e9 00 01 00 02 00 03]", N24) },
	{ .name = "COMMUNITIES flagged non-transitive",
	  .body = U("", BASE "80 08 [fd e9 00 01]", N24),
	  .out = WITHDRAW, .why = "COMMUNITIES: conflicting attribute flags",
	  .gbody = U("", BASE "c0 08 [fd e9 00 01]", N24) },
	{ .name = "COMMUNITIES with Partial set",
	  .body = U("", BASE "e0 08 [fd e9 00 01]", N24) },
	/* RFC 7606 7.9, 7.10 ORIGINATOR_ID, CLUSTER_LIST */
	{ .name = "ORIGINATOR_ID of length 5", .caps = IBGP,
	  .body = U("", BASE "80 09 [0a 00 00 01 00]", N24),
	  .out = WITHDRAW, .why = "ORIGINATOR_ID: length not 4",
	  .gbody = U("", BASE "80 09 [0a 00 00 01]", N24) },
	{ .name = "ORIGINATOR_ID flagged transitive", .caps = IBGP,
	  .body = U("", BASE "c0 09 [0a 00 00 01]", N24),
	  .out = WITHDRAW,
	  .why = "ORIGINATOR_ID: conflicting attribute flags",
	  .gbody = U("", BASE "80 09 [0a 00 00 01]", N24) },
	{ .name = "ORIGINATOR_ID from an external peer",
	  .body = U("", BASE "80 09 [0a 00 00 01]", N24),
	  .out = DISCARD, .why = "ORIGINATOR_ID from an external peer",
	  .gcaps = GCAPS | IBGP },
	{ .name = "CLUSTER_LIST of length 6", .caps = IBGP,
	  .body = U("", BASE "80 0a [0a 00 00 01 00 00]", N24),
	  .out = WITHDRAW, .why = "CLUSTER_LIST: length not k * 4",
	  .gbody = U("", BASE "80 0a [0a 00 00 01 0a 00 00 02]", N24) },
	{ .name = "CLUSTER_LIST of length 0", .caps = IBGP,
	  .body = U("", BASE "80 0a []", N24),
	  .out = WITHDRAW, .why = "CLUSTER_LIST: length not k * 4",
	  .gbody = U("", BASE "80 0a [0a 00 00 01]", N24) },
	{ .name = "CLUSTER_LIST from an external peer",
	  .body = U("", BASE "80 0a [0a 00 00 01]", N24),
	  .out = DISCARD, .why = "CLUSTER_LIST from an external peer",
	  .gcaps = GCAPS | IBGP },
	/* RFC 7606 7.14, 7.15, RFC 8092 6 */
	{ .name = "EXTENDED_COMMUNITIES of length 7",
	  .body = U("", BASE "c0 10 [00 02 fd e9 00 00 00]", N24),
	  .out = WITHDRAW, .why = "EXTENDED_COMMUNITIES: length not k * 8",
	  .gbody = U("", BASE "c0 10 [00 02 fd e9 00 00 00 01]", N24) },
	{ .name = "IPV6_EXT_COMMUNITIES of length 19",
	  .body = U("", BASE "c0 19 [00 02 " NH6 "00]", N24),
	  .out = WITHDRAW, .why = "IPV6_EXT_COMMUNITIES: length not k * 20",
	  .gbody = U("", BASE "c0 19 [00 02 " NH6 "00 01]", N24) },
	{ .name = "LARGE_COMMUNITY of length 11",
	  .body = U("", BASE "c0 20 [00 00 fd e9 00 00 00 01 00 00 00]",
		    N24),
	  .out = WITHDRAW, .why = "LARGE_COMMUNITY: length not k * 12",
	  .gbody = U("", BASE "c0 20 [00 00 fd e9 00 00 00 01 00 00 00 02]",
		     N24) },
	/* RFC 6793 */
	{ .name = "AS4_PATH from a 4-octet AS speaker",
	  .body = U("", BASE "c0 11 [02 01 00 00 fd e9]", N24),
	  .out = DISCARD, .why = "AS4_PATH from a 4-octet AS speaker",
	  .gbody = U("", BASE, N24) },
	{ .name = "AS4_AGGREGATOR from a 4-octet AS speaker",
	  .body = U("", BASE "c0 12 [00 00 fd e9 c0 00 02 01]", N24),
	  .out = DISCARD, .why = "AS4_AGGREGATOR from a 4-octet AS speaker",
	  .gbody = U("", BASE, N24) },
	/* RFC 4760, RFC 7606 7.11 MP_REACH_NLRI */
	{ .name = "MP_REACH_NLRI IPv6 with next hop length 4",
	  .body = U("", "80 0e [00 02 01 [c0 00 02 01] 00 " P6 "]" ORG ASP,
		    ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_OPTIONAL,
	  .data = "80 0e 0e 00 02 01 04 c0 00 02 01 00 20 20 01 0d b8",
	  .gbody = U("", MPR6 ORG ASP, ""), .gcheck = mp6 },
	{ .name = "MP_REACH_NLRI IPv6 with next hop length 24",
	  .body = U("", "80 0e [00 02 01 [" NH6 "00 00 00 00 00 00 00 00]"
		    " 00 " P6 "]" ORG ASP, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_OPTIONAL,
	  .data = "80 0e [00 02 01 [" NH6 "00 00 00 00 00 00 00 00] 00 "
		  P6 "]",
	  .gbody = U("", "80 0e [00 02 01 [" NH6 LL6 "] 00 " P6 "]" ORG ASP,
		     ""), .gcheck = mp6_ll },
	{ .name = "MP_REACH_NLRI IPv6 with a second next hop not link-local",
	  .body = U("", "80 0e [00 02 01 [" NH6 NH6 "] 00 " P6 "]" ORG ASP,
		    ""), .check = mp6_no_ll },
	{ .name = "MP_REACH_NLRI IPv4 with next hop length 16 (no RFC 8950)",
	  .body = U("", "80 0e [00 01 01 [" NH6 "] 00 " N24 "]" ORG ASP, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_OPTIONAL,
	  .data = "80 0e [00 01 01 [" NH6 "] 00 " N24 "]",
	  .gbody = U("", "80 0e [00 01 01 [c0 00 02 01] 00 " N24 "]" ORG ASP,
		     ""), .gcheck = mp4 },
	{ .name = "MP_REACH_NLRI of length 4",
	  .body = U("", "80 0e [00 02 01 00]" ORG ASP, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_OPTIONAL,
	  .data = "80 0e 04 00 02 01 00",
	  .gbody = U("", "80 0e [00 02 01 [" NH6 "] 00]" ORG ASP, "") },
	{ .name = "MP_REACH_NLRI next hop past the attribute",
	  .body = U("", "80 0e [00 02 01 11 " NH6 "]" ORG ASP, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_OPTIONAL,
	  .data = "80 0e [00 02 01 11 " NH6 "]",
	  .gbody = U("", "80 0e [00 02 01 10 " NH6 "00]" ORG ASP, "") },
	{ .name = "MP_REACH_NLRI IPv6 prefix length 129",
	  .body = U("", "80 0e [00 02 01 [" NH6 "] 00 81 " NH6 "00]" ORG ASP,
		    ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U("", "80 0e [00 02 01 [" NH6 "] 00 80 " NH6 "]" ORG ASP,
		     "") },
	{ .name = "MP_REACH_NLRI IPv6 prefix past the attribute",
	  .body = U("", "80 0e [00 02 01 [" NH6 "] 00 30 20 01 0d b8]" ORG
		    ASP, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U("", "80 0e [00 02 01 [" NH6 "] 00 20 20 01 0d b8]" ORG
		     ASP, "") },
	{ .name = "MP_REACH_NLRI IPv6 prefix length 129, IPv6 not negotiated",
	  .caps = NOV6,
	  .body = U("", "80 0e [00 02 01 [" NH6 "] 00 81 " NH6 "00]" ORG ASP,
		    ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U("", "80 0e [00 02 01 [" NH6 "] 00 80 " NH6 "]" ORG ASP,
		     ""), .gcheck = mp_none },
	{ .name = "MP_REACH_NLRI flagged transitive",
	  .body = U("", "c0 0e [00 02 01 [" NH6 "] 00 " P6 "]" ORG ASP, ""),
	  .out = WITHDRAW, .why = "MP_REACH_NLRI: conflicting attribute flags",
	  .check = mp6_kept,
	  .gbody = U("", MPR6 ORG ASP, "") },
	{ .name = "MP_REACH_NLRI flagged transitive and too short",
	  .body = U("", "c0 0e [00 02 01 00]" ORG ASP, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_OPTIONAL,
	  .data = "c0 0e 04 00 02 01 00",
	  .gbody = U("", "c0 0e [00 02 01 [" NH6 "] 00 " P6 "]" ORG ASP, ""),
	  .gout = WITHDRAW,
	  .gwhy = "MP_REACH_NLRI: conflicting attribute flags" },
	{ .name = "MP_REACH_NLRI IPv6 next hop ::",
	  .body = U("", "80 0e [00 02 01 [00 00 00 00 00 00 00 00 00 00 00 00"
		    " 00 00 00 00] 00 " P6 "]" ORG ASP, ""),
	  .out = WITHDRAW, .why = "MP_REACH_NLRI: next hop not unicast",
	  .gbody = U("", "80 0e [00 02 01 [00 00 00 00 00 00 00 00 00 00 00 00"
		     " 00 00 00 02] 00 " P6 "]" ORG ASP, "") },
	{ .name = "MP_REACH_NLRI IPv6 next hop ff02::1",
	  .body = U("", "80 0e [00 02 01 [ff 02 00 00 00 00 00 00 00 00 00 00"
		    " 00 00 00 01] 00 " P6 "]" ORG ASP, ""),
	  .out = WITHDRAW, .why = "MP_REACH_NLRI: next hop not unicast",
	  .gbody = U("", "80 0e [00 02 01 [fd 02 00 00 00 00 00 00 00 00 00 00"
		     " 00 00 00 01] 00 " P6 "]" ORG ASP, "") },
	{ .name = "MP_REACH_NLRI IPv4 next hop 0.0.0.0",
	  .body = U("", "80 0e [00 01 01 [00 00 00 00] 00 " N24 "]" ORG ASP,
		    ""),
	  .out = WITHDRAW, .why = "MP_REACH_NLRI: next hop not unicast",
	  .gbody = U("", "80 0e [00 01 01 [c0 00 02 01] 00 " N24 "]" ORG ASP,
		     "") },
	{ .name = "MP_REACH_NLRI reserved byte not 0 is ignored",
	  .body = U("", "80 0e [00 02 01 [" NH6 "] 07 " P6 "]" ORG ASP, ""),
	  .check = mp6 },
	{ .name = "MP_REACH_NLRI of an AFI/SAFI vnetd does not use",
	  .body = U("", "80 0e [00 01 80 [00 00 00 00 00 00 00 00 c0 00 02"
		    " 01] 00 ff ff ff]" ORG ASP, ""), .check = mp_none },
	{ .name = "MP_REACH_NLRI IPv6 not negotiated",
	  .caps = NOV6, .body = U("", MPR6 ORG ASP, ""), .check = mp_none },
	/* RFC 4760, RFC 7606 MP_UNREACH_NLRI */
	{ .name = "MP_UNREACH_NLRI of length 2",
	  .body = U("", "80 0f [00 02]", ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_OPTIONAL,
	  .data = "80 0f 02 00 02",
	  .gbody = U("", "80 0f [00 02 01]", "") },
	{ .name = "MP_UNREACH_NLRI IPv6 prefix length 129",
	  .body = U("", "80 0f [00 02 01 81 " NH6 "00]", ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U("", "80 0f [00 02 01 80 " NH6 "]", "") },
	{ .name = "MP_UNREACH_NLRI IPv4 prefix length 33",
	  .body = U("", "80 0f [00 01 01 21 0a 00 00 01 00]", ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U("", "80 0f [00 01 01 20 0a 00 00 01]", "") },
	{ .name = "MP_UNREACH_NLRI prefix past the attribute",
	  .body = U("", "80 0f [00 02 01 40 20 01 0d b8]", ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U("", "80 0f [00 02 01 20 20 01 0d b8]", "") },
	{ .name = "MP_UNREACH_NLRI flagged well-known",
	  .body = U("", "40 0f [00 02 01 " P6 "]", ""),
	  .out = WITHDRAW,
	  .why = "MP_UNREACH_NLRI: conflicting attribute flags",
	  .check = mpu6_kept,
	  .gbody = U("", MPU6, ""), .gcheck = mpu6_kept },
	/* RFC 7606 3.i, 5.3 the NLRI fields */
	{ .name = "NLRI prefix length 33",
	  .body = U("", BASE, "21 0a 01 02 03 04"),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U("", BASE, "20 0a 01 02 03") },
	{ .name = "NLRI prefix past the message",
	  .body = U("", BASE, "18 0a 01"),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U("", BASE, "10 0a 01") },
	{ .name = "withdrawn prefix length 33",
	  .body = U("21 0a 01 02 03 04", "", ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U("20 0a 01 02 03", "", "") },
	{ .name = "withdrawn prefix past the field",
	  .body = U("18 0a 09", BASE, N24),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U("10 0a 09", BASE, N24) },
	{ .name = "NLRI prefix length 33, IPv4 not negotiated",
	  .caps = NOV4, .body = U(W24, BASE, "21 0a 01 02 03 04"),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_NETWORK,
	  .gbody = U(W24, BASE, N24), .gcheck = v4_skipped },
	{ .name = "IPv4 fields kept when negotiated",
	  .body = U(W24, BASE, N24), .check = v4_kept },
	/* RFC 7606 3.h: the strongest action */
	{ .name = "MP_REACH_NLRI twice and a bad MULTI_EXIT_DISC",
	  .body = U("", MPR6 ORG ASP "80 04 [00 07]" MPR6, ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_ATTR_LIST,
	  .gbody = U("", MPR6 ORG ASP "80 04 [00 07]", ""), .gout = WITHDRAW,
	  .gwhy = "MULTI_EXIT_DISC: length not 4" },
	{ .name = "bad ATOMIC_AGGREGATE and bad ORIGIN",
	  .body = U("", "40 06 [00] 40 01 [05]" ASP NH, N24),
	  .out = WITHDRAW, .why = "ORIGIN: undefined value",
	  .check = discarded_1,
	  .gbody = U("", "40 06 [00] 40 01 [00]" ASP NH, N24),
	  .gout = DISCARD, .gwhy = "ATOMIC_AGGREGATE: length not 0" },
	/* RFC 4724 2 End-of-RIB */
	{ .name = "IPv4 End-of-RIB", .body = U("", "", ""), .check = eor4 },
	{ .name = "IPv6 End-of-RIB", .body = U("", "80 0f [00 02 01]", ""),
	  .check = eor6 },
	{ .name = "IPv4 End-of-RIB in MP_UNREACH_NLRI",
	  .body = U("", "80 0f [00 01 01]", ""), .check = eor4 },
	{ .name = "IPv6 End-of-RIB with IPv6 not negotiated",
	  .caps = NOV6, .body = U("", "80 0f [00 02 01]", ""),
	  .check = no_eor },
	{ .name = "IPv4 End-of-RIB with IPv4 not negotiated",
	  .caps = NOV4, .body = U("", "", ""), .check = no_eor },
	{ .name = "MP_UNREACH_NLRI with a prefix is no End-of-RIB",
	  .body = U("", MPU6, ""), .check = no_eor },
	{ .name = "MP_UNREACH_NLRI and ORIGIN is no End-of-RIB",
	  .body = U("", "80 0f [00 02 01]" ORG, ""), .check = no_eor },
	{ .name = "withdrawals are no End-of-RIB",
	  .body = U(W24, "", ""), .check = no_eor },
	/* vnet mesh: VNET_HOPS */
	{ .name = "VNET_HOPS: one IPv4 hop", .caps = VNET,
	  .body = U("", BASE VH(HOP4), N24), .check = hops_1 },
	{ .name = "VNET_HOPS: an IPv4 and an IPv6 hop", .caps = VNET,
	  .body = U("", BASE VH(HOP4 HOP6), N24), .check = hops_2 },
	{ .name = "VNET_HOPS: with MP_REACH_NLRI", .caps = VNET,
	  .body = U("", MPR6 ORG ASP VH(HOP6), ""), .check = hops_1_mp6 },
	{ .name = "VNET_HOPS: VNI 2^24", .caps = VNET,
	  .body = U("", BASE VH("01 00 00 00 04 c0 00 02 0a"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: VNI not below 2^24",
	  .check = no_hops,
	  .gbody = U("", BASE VH("00 ff ff ff 04 c0 00 02 0a"), N24),
	  .gcheck = hops_1 },
	{ .name = "VNET_HOPS: VNI 2^32 - 1", .caps = VNET,
	  .body = U("", BASE VH("ff ff ff ff 04 c0 00 02 0a"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: VNI not below 2^24",
	  .gbody = U("", BASE VH("00 00 00 00 04 c0 00 02 0a"), N24),
	  .gcheck = hops_1 },
	{ .name = "VNET_HOPS: address length 5", .caps = VNET,
	  .body = U("", BASE VH("00 00 00 64 05 c0 00 02 0a"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: address length not 4 or 16",
	  .gbody = U("", BASE VH("00 00 00 64 04 c0 00 02 0a"), N24),
	  .gcheck = hops_1 },
	{ .name = "VNET_HOPS: address length 0", .caps = VNET,
	  .body = U("", BASE VH("00 00 00 64 00"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: address length not 4 or 16",
	  .gbody = U("", BASE VH(HOP4), N24) },
	{ .name = "VNET_HOPS: address length 16 with 4 bytes", .caps = VNET,
	  .body = U("", BASE VH("00 00 00 64 10 c0 00 02 0a"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: hop overruns the attribute",
	  .gbody = U("", BASE VH("00 00 00 64 04 c0 00 02 0a"), N24) },
	{ .name = "VNET_HOPS: IPv6 address cut short", .caps = VNET,
	  .body = U("", BASE VH(HOP4 "00 ff ff ff 10 20 01 0d b8"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: hop overruns the attribute",
	  .gbody = U("", BASE VH(HOP4 HOP6), N24), .gcheck = hops_2 },
	{ .name = "VNET_HOPS: 1 byte after the last hop", .caps = VNET,
	  .body = U("", BASE VH(HOP4 "00"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: truncated hop",
	  .gbody = U("", BASE VH(HOP4), N24), .gcheck = hops_1 },
	{ .name = "VNET_HOPS: a VNI without its address length",
	  .caps = VNET, .body = U("", BASE VH(HOP4 "00 00 00 65"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: truncated hop",
	  .gbody = U("", BASE VH(HOP4 "00 00 00 65 04 c0 00 02 0b"), N24),
	  .gcheck = hops_2 },
	{ .name = "VNET_HOPS: no hops", .caps = VNET,
	  .body = U("", BASE VH(""), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: no hops",
	  .gbody = U("", BASE VH(HOP4), N24), .gcheck = hops_1 },
	{ .name = "VNET_HOPS: IPv4-mapped IPv6 address", .caps = VNET,
	  .body = U("", BASE VH(VNI100 "10 " A6MAPPED), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: IPv4-mapped IPv6 address",
	  .gbody = U("", BASE VH(VNI100 "10 " A6NAT64), N24),
	  .gcheck = hops_1 },
	{ .name = "VNET_HOPS: IPv6 address ::", .caps = VNET,
	  .body = U("", BASE VH(VNI100 "10 " A6ANY), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: IPv6 address not unicast",
	  .gbody = U("", BASE VH(VNI100 "10 " A6TWO), N24),
	  .gcheck = hops_1 },
	{ .name = "VNET_HOPS: IPv6 address ::1", .caps = VNET,
	  .body = U("", BASE VH(VNI100 "10 " A6LOOP), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: IPv6 address not unicast",
	  .gbody = U("", BASE VH(VNI100 "10 " A6ONE), N24) },
	{ .name = "VNET_HOPS: IPv6 address ff02::1", .caps = VNET,
	  .body = U("", BASE VH(VNI100 "10 " A6MCAST), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: IPv6 address not unicast",
	  .gbody = U("", BASE VH(VNI100 "10 " A6FD), N24) },
	{ .name = "VNET_HOPS: IPv4 address 0.0.0.0", .caps = VNET,
	  .body = U("", BASE VH("00 00 00 64 04 00 00 00 00"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: IPv4 address not unicast",
	  .gbody = U("", BASE VH("00 00 00 64 04 01 00 00 00"), N24) },
	{ .name = "VNET_HOPS: IPv4 address 127.0.0.1", .caps = VNET,
	  .body = U("", BASE VH("00 00 00 64 04 7f 00 00 01"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: IPv4 address not unicast",
	  .gbody = U("", BASE VH("00 00 00 64 04 7e 00 00 01"), N24) },
	{ .name = "VNET_HOPS: IPv4 address 224.0.0.1", .caps = VNET,
	  .body = U("", BASE VH(HOP4 "00 00 00 64 04 e0 00 00 01"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: IPv4 address not unicast",
	  .gbody = U("", BASE VH(HOP4 "00 00 00 64 04 df 00 00 01"), N24),
	  .gcheck = hops_2 },
	{ .name = "VNET_HOPS: IPv4 address 255.255.255.255", .caps = VNET,
	  .body = U("", BASE VH("00 00 00 64 04 ff ff ff ff"), N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: IPv4 address not unicast",
	  .gbody = U("", BASE VH("00 00 00 64 04 ff ff ff fe"), N24) },
	{ .name = "VNET_HOPS: flagged transitive", .caps = VNET,
	  .body = U("", BASE "c0 ff [" HOP4 "]", N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: conflicting attribute flags",
	  .check = no_hops,
	  .gbody = U("", BASE "80 ff [" HOP4 "]", N24), .gcheck = hops_1 },
	{ .name = "VNET_HOPS: flagged partial", .caps = VNET,
	  .body = U("", BASE "a0 ff [" HOP4 "]", N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: conflicting attribute flags",
	  .gbody = U("", BASE "80 ff [" HOP4 "]", N24) },
	{ .name = "VNET_HOPS: flagged well-known", .caps = VNET,
	  .body = U("", BASE "40 ff [" HOP4 "]", N24),
	  .out = WITHDRAW, .why = "VNET_HOPS: conflicting attribute flags",
	  .gbody = U("", BASE "80 ff [" HOP4 "]", N24) },
	{ .name = "VNET_HOPS: extended length and unused flag bits",
	  .caps = VNET, .body = U("", BASE "9f ff {" HOP4 "}", N24),
	  .check = hops_1 },
	{ .name = "VNET_HOPS: twice, the first kept", .caps = VNET,
	  .body = U("", BASE VH(HOP4) VH(HOP4 HOP6), N24),
	  .out = DISCARD, .why = "repeated attribute", .check = hops_1,
	  .gbody = U("", BASE VH(HOP4), N24) },
	{ .name = "VNET_HOPS: missing beside an NLRI field", .caps = VNET,
	  .body = U("", BASE, N24),
	  .out = WITHDRAW, .why = "missing VNET_HOPS",
	  .gbody = U("", BASE VH(HOP4), N24), .gcheck = hops_1 },
	{ .name = "VNET_HOPS: missing beside MP_REACH_NLRI", .caps = VNET,
	  .body = U("", MPR6 ORG ASP, ""),
	  .out = WITHDRAW, .why = "missing VNET_HOPS", .check = mp6_kept,
	  .gbody = U("", MPR6 ORG ASP VH(HOP6), ""), .gcheck = hops_1_mp6 },
	{ .name = "VNET_HOPS: missing, but ORIGIN first", .caps = VNET,
	  .body = U("", ASP NH, N24),
	  .out = WITHDRAW, .why = "missing ORIGIN",
	  .gbody = U("", ASP NH VH(HOP4), N24), .gwhy = "missing ORIGIN",
	  .gout = WITHDRAW },
	{ .name = "VNET_HOPS: not needed off the mesh",
	  .body = U("", BASE, N24), .check = no_hops,
	  .gcaps = GCAPS | VNET, .gout = WITHDRAW,
	  .gwhy = "missing VNET_HOPS" },
	{ .name = "VNET_HOPS: not needed for withdrawals", .caps = VNET,
	  .body = U(W24, "", "") },
	{ .name = "VNET_HOPS: not needed for MP_UNREACH_NLRI", .caps = VNET,
	  .body = U("", MPU6, ""), .check = mpu6_kept },
	{ .name = "VNET_HOPS: not needed for End-of-RIB", .caps = VNET,
	  .body = U("", "", ""), .check = eor4 },
	{ .name = "VNET_HOPS: in an IPv6 End-of-RIB", .caps = VNET,
	  .body = U("", "80 0f [00 02 01]" VH(HOP4), ""), .check = no_eor },
	{ .name = "VNET_HOPS: beside withdrawals only", .caps = VNET,
	  .body = U(W24, VH(HOP4), ""), .check = hops_1 },
	{ .name = "VNET_HOPS: malformed without NLRI (7606 5.2)",
	  .caps = VNET, .body = U(W24, VH(HOP4 "00"), ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_OPTIONAL,
	  .data = "80 ff 0a " HOP4 "00",
	  .gbody = U(W24, VH(HOP4), "") },
	{ .name = "VNET_HOPS: flagged transitive without NLRI (7606 5.2)",
	  .caps = VNET, .body = U(W24, "c0 ff [" HOP4 "]", ""),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_FLAGS,
	  .data = "c0 ff 09 " HOP4,
	  .gbody = U(W24, "80 ff [" HOP4 "]", "") },
	/* off the mesh: an unrecognized optional attribute, as before */
	{ .name = "VNET_HOPS: off the mesh, ignored",
	  .body = U("", BASE VH(HOP4), N24), .check = no_hops,
	  .gcaps = GCAPS | VNET, .gcheck = hops_1 },
	{ .name = "VNET_HOPS: malformed off the mesh, ignored",
	  .body = U("", BASE VH("01 00 00 00 04 c0 00 02 0a"), N24),
	  .check = no_hops, .gcaps = GCAPS | VNET, .gout = WITHDRAW,
	  .gwhy = "VNET_HOPS: VNI not below 2^24" },
	{ .name = "VNET_HOPS: empty off the mesh, ignored", .caps = IBGP,
	  .body = U("", BASE VH(""), N24), .check = no_hops,
	  .gcaps = GCAPS | IBGP | VNET, .gout = WITHDRAW,
	  .gwhy = "VNET_HOPS: no hops" },
	{ .name = "VNET_HOPS: flagged transitive off the mesh, ignored",
	  .body = U("", BASE "c0 ff [" HOP4 "]", N24), .check = no_hops,
	  .gcaps = GCAPS | VNET, .gout = WITHDRAW,
	  .gwhy = "VNET_HOPS: conflicting attribute flags" },
	{ .name = "VNET_HOPS: flagged well-known off the mesh",
	  .body = U("", BASE "40 ff [" HOP4 "]", N24),
	  .out = RESET, .subcode = BGP_ERR_UPDATE_WELL_KNOWN,
	  .data = "40 ff 09 " HOP4,
	  .gbody = U("", BASE "80 ff [" HOP4 "]", N24) },
};

/* @n copies of @hop (hex) at @out, of @size bytes */
static char *hops_hex(char *out, size_t size, const char *hop, size_t n)
{
	size_t i;

	*out = '\0';
	for (i = 0; i < n; i++) {
		if (strlen(out) + strlen(hop) >= size)
			die("test hops too long", hop);
		strcat(out, hop);
	}
	return out;
}

/* VNET_HOPS of 16 hops and 17, too long to write out */
static void vnet_many_cases(void)
{
	static char h16[17 * 64], h17[17 * 64];
	static char body[2][2 * BGP_MAX_LEN];
	struct ucase c = { .caps = VNET, .gcheck = hops_16 };

	hops_hex(h16, sizeof(h16), HOP4, 16);
	hops_hex(h17, sizeof(h17), HOP4, 17);
	snprintf(body[0], sizeof(body[0]), U("", BASE VH("%s"), N24), h17);
	snprintf(body[1], sizeof(body[1]), U("", BASE VH("%s"), N24), h16);
	c.name = "VNET_HOPS: 17 hops";
	c.body = body[0];
	c.out = WITHDRAW;
	c.why = "VNET_HOPS: more than 16 hops";
	c.gbody = body[1];
	update_case(&c);

	hops_hex(h16, sizeof(h16), HOP6, 16);
	hops_hex(h17, sizeof(h17), HOP6, 17);
	snprintf(body[0], sizeof(body[0]), U("", BASE "90 ff {%s}", N24),
		 h17);
	snprintf(body[1], sizeof(body[1]), U("", BASE "90 ff {%s}", N24),
		 h16);
	c.name = "VNET_HOPS: 17 IPv6 hops, extended length";
	c.body = body[0];
	c.gbody = body[1];
	update_case(&c);
}

static void update_cases(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ucases); i++)
		update_case(&ucases[i]);
	vnet_many_cases();
}

/* Header check */

struct hcase {
	const char *name;
	const char *msg;	/* the whole message */
	uint8_t subcode;	/* 0: passes */
	const char *data;
	const char *good;
};

#define MARKER	"ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff "

static const struct hcase hcases[] = {
	{ "marker with a 0 bit", "ff ff ff ff ff ff ff ff ff ff ff ff ff ff"
	  " ff fe 00 13 04", BGP_ERR_HEADER_SYNC, NULL, MARKER "00 13 04" },
	{ "length 18", MARKER "00 12 04", BGP_ERR_HEADER_LENGTH, "00 12",
	  MARKER "00 13 04" },
	{ "length 4097", MARKER "10 01 02", BGP_ERR_HEADER_LENGTH, "10 01",
	  MARKER "10 00 02" },
	{ "KEEPALIVE of length 20", MARKER "00 14 04",
	  BGP_ERR_HEADER_LENGTH, "00 14", MARKER "00 13 04" },
	{ "OPEN of length 28", MARKER "00 1c 01", BGP_ERR_HEADER_LENGTH,
	  "00 1c", MARKER "00 1d 01" },
	{ "UPDATE of length 22", MARKER "00 16 02", BGP_ERR_HEADER_LENGTH,
	  "00 16", MARKER "00 17 02" },
	{ "NOTIFICATION of length 20", MARKER "00 14 03",
	  BGP_ERR_HEADER_LENGTH, "00 14", MARKER "00 15 03" },
	{ "type 6", MARKER "00 13 06", BGP_ERR_HEADER_TYPE, "06",
	  MARKER "00 13 04" },
	{ "type 0", MARKER "00 17 00", BGP_ERR_HEADER_TYPE, "00",
	  MARKER "00 17 02" },
};

static void header_cases(void)
{
	struct bgp_notify err;
	uint8_t buf[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hcases); i++) {
		const struct hcase *c = &hcases[i];
		int rc;

		hex(buf, sizeof(buf), c->msg);
		rc = bgp_header_check(buf, &err);
		ok(rc == -1 && err.code == BGP_ERR_HEADER &&
		   err.subcode == c->subcode && data_is(&err, c->data),
		   "header: %s is %s", c->name,
		   bgp_err_name(BGP_ERR_HEADER, c->subcode));
		hex(buf, sizeof(buf), c->good);
		rc = bgp_header_check(buf, &err);
		ok(rc == (buf[16] << 8 | buf[17]), "header: %s: control",
		   c->name);
	}
}

/* OPEN */

#define OHDR(as)	"04 " as " 00 5a 0a 00 00 01 "
#define AS65000		"fd e8"
#define CAPAS4		"41 [00 00 fd e8] "
#define CAPMP4		"01 [00 01 00 01] "
#define CAPMP6		"01 [00 02 00 01] "
#define CAPRR		"02 [] "
/* vnet names of 15 and 16 bytes */
#define NAME15		"30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 "
#define NAME16		"30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66 "
#define OPEN(hdr, caps)	hdr "[02 [" caps "]]"

struct ocase {
	const char *name;
	const char *body;
	uint8_t code;		/* 0: parses */
	uint8_t subcode;
	const char *data;
	const char *good;
	bool (*check)(const struct bgp_open *o);
};

static bool o_basic(const struct bgp_open *o)
{
	return o->asn == 65000 && o->hold_time == 90 &&
	       o->bgp_id == 0x0a000001 && o->mp_ipv4 && o->mp_ipv6 &&
	       o->route_refresh && o->any_mp && !o->gr && !o->has_vnet &&
	       !o->vnet_name[0];
}

static bool o_vnet_rtr1(const struct bgp_open *o)
{
	return o->has_vnet && !strcmp(o->vnet_name, "rtr-1");
}

static bool o_vnet_15(const struct bgp_open *o)
{
	return o->has_vnet && !strcmp(o->vnet_name, "0123456789abcde");
}

static bool o_vnet_any(const struct bgp_open *o)
{
	return o->has_vnet && bgp_vnet_name_ok(o->vnet_name);
}

static bool o_as4(const struct bgp_open *o)
{
	return o->asn == 4200000000u;
}

static bool o_hold0(const struct bgp_open *o)
{
	return !o->hold_time;
}

static bool o_hold3(const struct bgp_open *o)
{
	return o->hold_time == 3;
}

static bool o_gr(const struct bgp_open *o)
{
	return o->gr && o->gr_flags == BGP_GR_RESTART && o->gr_time == 120 &&
	       o->gr_ipv4 && o->gr_ipv4_fwd && o->gr_ipv6 &&
	       !o->gr_ipv6_fwd;
}

static bool o_rr128(const struct bgp_open *o)
{
	return o->route_refresh;
}

static bool o_other_mp(const struct bgp_open *o)
{
	return o->any_mp && !o->mp_ipv4 && !o->mp_ipv6;
}

static bool o_no_caps(const struct bgp_open *o)
{
	return !o->any_mp && !o->route_refresh && !o->gr;
}

static const struct ocase ocases[] = {
	{ "version 3", "03 fd e8 00 5a 0a 00 00 01 [02 [" CAPAS4 "]]",
	  BGP_ERR_OPEN, BGP_ERR_OPEN_VERSION, "00 04",
	  OPEN(OHDR(AS65000), CAPAS4), NULL },
	{ "hold time 1", "04 fd e8 00 01 0a 00 00 01 [02 [" CAPAS4 "]]",
	  BGP_ERR_OPEN, BGP_ERR_OPEN_HOLD_TIME, NULL,
	  "04 fd e8 00 03 0a 00 00 01 [02 [" CAPAS4 "]]", o_hold3 },
	{ "hold time 2", "04 fd e8 00 02 0a 00 00 01 [02 [" CAPAS4 "]]",
	  BGP_ERR_OPEN, BGP_ERR_OPEN_HOLD_TIME, NULL,
	  "04 fd e8 00 00 0a 00 00 01 [02 [" CAPAS4 "]]", o_hold0 },
	{ "BGP identifier 0", "04 fd e8 00 5a 00 00 00 00 [02 [" CAPAS4 "]]",
	  BGP_ERR_OPEN, BGP_ERR_OPEN_BGP_ID, NULL,
	  "04 fd e8 00 5a 00 00 00 01 [02 [" CAPAS4 "]]", NULL },
	{ "optional parameter type 1", OHDR(AS65000) "[01 [00] 02 ["
	  CAPAS4 "]]", BGP_ERR_OPEN, BGP_ERR_OPEN_OPT_PARAM, NULL,
	  OHDR(AS65000) "[02 [] 02 [" CAPAS4 "]]", NULL },
	{ "no 4-octet AS capability", OPEN(OHDR(AS65000), CAPMP4),
	  BGP_ERR_OPEN, BGP_ERR_OPEN_CAPABILITY, "41 04 00 00 00 00",
	  OPEN(OHDR(AS65000), CAPMP4 CAPAS4), NULL },
	{ "no capabilities", OHDR(AS65000) "[]", BGP_ERR_OPEN,
	  BGP_ERR_OPEN_CAPABILITY, "41 04 00 00 00 00",
	  OPEN(OHDR(AS65000), CAPAS4), o_no_caps },
	{ "My AS not the capability's", OPEN(OHDR("fd e9"), CAPAS4),
	  BGP_ERR_OPEN, BGP_ERR_OPEN_PEER_AS, NULL,
	  OPEN(OHDR(AS65000), CAPAS4), NULL },
	{ "My AS not AS_TRANS for a 4-octet AS",
	  OPEN(OHDR("fa 56"), "41 [fa 56 ea 00]"), BGP_ERR_OPEN,
	  BGP_ERR_OPEN_PEER_AS, NULL, OPEN(OHDR("5b a0"), "41 [fa 56 ea 00]"),
	  o_as4 },
	{ "My AS AS_TRANS for a 2-octet AS",
	  OPEN(OHDR("5b a0"), CAPAS4), BGP_ERR_OPEN, BGP_ERR_OPEN_PEER_AS,
	  NULL, OPEN(OHDR(AS65000), CAPAS4), NULL },
	{ "AS 0 (RFC 7607)", OPEN(OHDR("00 00"), "41 [00 00 00 00]"),
	  BGP_ERR_OPEN, BGP_ERR_OPEN_PEER_AS, NULL,
	  OPEN(OHDR("00 01"), "41 [00 00 00 01]"), NULL },
	{ "Optional Parameters Length short of the message",
	  OHDR(AS65000) "08 02 [" CAPAS4 "] 00", BGP_ERR_HEADER,
	  BGP_ERR_HEADER_LENGTH, "00 26", OHDR(AS65000) "08 02 [" CAPAS4 "]",
	  NULL },
	{ "Optional Parameters Length past the message",
	  OHDR(AS65000) "09 02 [" CAPAS4 "]", BGP_ERR_HEADER,
	  BGP_ERR_HEADER_LENGTH, "00 25", OHDR(AS65000) "08 02 [" CAPAS4 "]",
	  NULL },
	{ "parameter past the parameters", OHDR(AS65000) "[02 07" CAPAS4 "]",
	  BGP_ERR_OPEN, 0, NULL, OHDR(AS65000) "[02 06" CAPAS4 "]", NULL },
	{ "1 byte after the parameters", OHDR(AS65000) "[02 [" CAPAS4 "] 02]",
	  BGP_ERR_OPEN, 0, NULL, OHDR(AS65000) "[02 [" CAPAS4 "] 02 00]",
	  NULL },
	{ "capability past its parameter",
	  OHDR(AS65000) "[02 [" CAPAS4 "02 01]]", BGP_ERR_OPEN, 0, NULL,
	  OHDR(AS65000) "[02 [" CAPAS4 "02 00]]", NULL },
	{ "1 byte after the capabilities",
	  OHDR(AS65000) "[02 [" CAPAS4 "02]]", BGP_ERR_OPEN, 0, NULL,
	  OHDR(AS65000) "[02 [" CAPAS4 "]]", NULL },
	{ "multiprotocol capability of length 3",
	  OPEN(OHDR(AS65000), CAPAS4 "01 [00 01 00]"), BGP_ERR_OPEN, 0,
	  "01 03 00 01 00", OPEN(OHDR(AS65000), CAPAS4 "01 [00 01 00 01]"),
	  NULL },
	{ "route refresh capability of length 1",
	  OPEN(OHDR(AS65000), CAPAS4 "02 [00]"), BGP_ERR_OPEN, 0, "02 01 00",
	  OPEN(OHDR(AS65000), CAPAS4 "02 []"), NULL },
	{ "4-octet AS capability of length 2",
	  OPEN(OHDR(AS65000), "41 [fd e8]"), BGP_ERR_OPEN, 0, "41 02 fd e8",
	  OPEN(OHDR(AS65000), "41 [00 00 fd e8]"), NULL },
	{ "graceful restart capability of length 5",
	  OPEN(OHDR(AS65000), CAPAS4 "40 [80 78 00 01 01]"), BGP_ERR_OPEN, 0,
	  "40 05 80 78 00 01 01",
	  OPEN(OHDR(AS65000), CAPAS4 "40 [80 78 00 01 01 80]"), NULL },
	{ "graceful restart capability of length 1",
	  OPEN(OHDR(AS65000), CAPAS4 "40 [80]"), BGP_ERR_OPEN, 0, "40 01 80",
	  OPEN(OHDR(AS65000), CAPAS4 "40 [80 78]"), NULL },
	/* accepted */
	{ "BIRD-like", OPEN(OHDR(AS65000), CAPMP4 CAPMP6 CAPRR
	  "46 [] 40 [80 78 00 01 01 80 00 02 01 00] 41 [00 00 fd e8]"
	  " 45 [00 01 01 01 00 02 01 01] 06 []"), 0, 0, NULL, NULL, o_gr },
	{ "one capability per parameter",
	  OHDR(AS65000) "[02 [" CAPMP4 "] 02 [" CAPMP6 "] 02 [" CAPRR "] 02 ["
	  CAPAS4 "]]", 0, 0, NULL, NULL, o_basic },
	{ "route refresh as code 128",
	  OPEN(OHDR(AS65000), CAPAS4 "80 []"), 0, 0, NULL, NULL, o_rr128 },
	{ "multiprotocol only of other AFI/SAFIs",
	  OPEN(OHDR(AS65000), CAPAS4 "01 [00 01 00 80]"), 0, 0, NULL, NULL,
	  o_other_mp },
	{ "FRR-like with hostname and unknown capabilities",
	  OPEN(OHDR(AS65000), CAPMP4 CAPMP6 "80 [] " CAPRR "46 [] " CAPAS4
	  "45 [00 01 01 01] 49 [05 72 74 72 2d 31 00] 40 [c0 78] 47 [00 b4]"
	  " ee [01 02 03]"), 0, 0, NULL, NULL, NULL },
	/* the vnet peering router capability */
	{ "vnet capability", OPEN(OHDR(AS65000), CAPMP4 CAPAS4
	  "ef [72 74 72 2d 31]"), 0, 0, NULL, NULL, o_vnet_rtr1 },
	{ "vnet capability in a parameter of its own", OHDR(AS65000)
	  "[02 [" CAPAS4 "] 02 [ef [72 74 72 2d 31]]]", 0, 0, NULL, NULL,
	  o_vnet_rtr1 },
	{ "vnet capability of length 16",
	  OPEN(OHDR(AS65000), CAPAS4 "ef [" NAME16 "]"), BGP_ERR_OPEN, 0,
	  "ef 10 " NAME16, OPEN(OHDR(AS65000), CAPAS4 "ef [" NAME15 "]"),
	  o_vnet_15 },
	{ "vnet capability of length 0", OPEN(OHDR(AS65000), CAPAS4 "ef []"),
	  BGP_ERR_OPEN, 0, "ef 00",
	  OPEN(OHDR(AS65000), CAPAS4 "ef [41]"), o_vnet_any },
	{ "vnet capability with a space",
	  OPEN(OHDR(AS65000), CAPAS4 "ef [72 74 72 20 31]"), BGP_ERR_OPEN, 0,
	  "ef 05 72 74 72 20 31",
	  OPEN(OHDR(AS65000), CAPAS4 "ef [72 74 72 5f 31]"), o_vnet_any },
	{ "vnet capability with a NUL",
	  OPEN(OHDR(AS65000), CAPAS4 "ef [72 74 72 00]"), BGP_ERR_OPEN, 0,
	  "ef 04 72 74 72 00",
	  OPEN(OHDR(AS65000), CAPAS4 "ef [72 74 72 2e]"), o_vnet_any },
	{ "vnet capability with a slash",
	  OPEN(OHDR(AS65000), CAPAS4 "ef [61 2f 62]"), BGP_ERR_OPEN, 0,
	  "ef 03 61 2f 62",
	  OPEN(OHDR(AS65000), CAPAS4 "ef [61 2d 62]"), o_vnet_any },
	{ "vnet capability with a byte above 127",
	  OPEN(OHDR(AS65000), CAPAS4 "ef [61 e9]"), BGP_ERR_OPEN, 0,
	  "ef 02 61 e9",
	  OPEN(OHDR(AS65000), CAPAS4 "ef [61 5a]"), o_vnet_any },
	{ "vnet capability past its parameter",
	  OHDR(AS65000) "[02 [" CAPAS4 "ef 03 61 62]]", BGP_ERR_OPEN, 0, NULL,
	  OHDR(AS65000) "[02 [" CAPAS4 "ef 02 61 62]]", o_vnet_any },
};

static void open_cases(void)
{
	uint8_t buf[2 * BGP_MAX_LEN];
	struct bgp_notify err;
	struct bgp_open o;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ocases); i++) {
		const struct ocase *c = &ocases[i];
		size_t len = msg(buf, BGP_OPEN, c->body);
		uint8_t *m = exact(buf, len);
		bool good;
		int rc;

		rc = bgp_open_parse(m, len, &o, &err);
		if (c->code) {
			good = rc == -1 && err.code == c->code &&
			       err.subcode == c->subcode;
			if (!good)
				diag("rc %d, notify %u/%u", rc, err.code,
				     err.subcode);
			good = good && data_is(&err, c->data);
			ok(good, "OPEN: %s is %s", c->name,
			   bgp_err_name(c->code, c->subcode));
		} else {
			good = !rc && (!c->check || c->check(&o));
			if (rc)
				diag("notify %u/%u", err.code, err.subcode);
			ok(good, "OPEN: %s parses", c->name);
		}
		free(m);
		if (!c->good)
			continue;
		len = msg(buf, BGP_OPEN, c->good);
		m = exact(buf, len);
		rc = bgp_open_parse(m, len, &o, &err);
		if (rc)
			diag("notify %u/%u", err.code, err.subcode);
		ok(!rc && (!c->check || c->check(&o)), "OPEN: %s: control",
		   c->name);
		free(m);
	}
}

static bool open_eq(const struct bgp_open *a, const struct bgp_open *b)
{
	return a->asn == b->asn && a->hold_time == b->hold_time &&
	       a->bgp_id == b->bgp_id && a->mp_ipv4 == b->mp_ipv4 &&
	       a->mp_ipv6 == b->mp_ipv6 &&
	       a->route_refresh == b->route_refresh && a->gr == b->gr &&
	       a->gr_flags == b->gr_flags && a->gr_time == b->gr_time &&
	       a->gr_ipv4 == b->gr_ipv4 && a->gr_ipv6 == b->gr_ipv6 &&
	       a->gr_ipv4_fwd == b->gr_ipv4_fwd &&
	       a->gr_ipv6_fwd == b->gr_ipv6_fwd &&
	       a->has_vnet == b->has_vnet &&
	       !strcmp(a->vnet_name, b->vnet_name);
}

static void open_round_trip(void)
{
	static const struct bgp_open opens[] = {
		{ .asn = 65000, .hold_time = 90, .bgp_id = 0x0a000001,
		  .mp_ipv4 = true, .mp_ipv6 = true, .route_refresh = true },
		{ .asn = 4200000000u, .hold_time = 0, .bgp_id = 0xc0000201,
		  .mp_ipv6 = true, .gr = true, .gr_flags = BGP_GR_RESTART,
		  .gr_time = 4095, .gr_ipv6 = true, .gr_ipv6_fwd = true },
		{ .asn = 1, .hold_time = 3, .bgp_id = 1 },
		{ .asn = 65536, .hold_time = 65535, .bgp_id = 0xffffffff,
		  .mp_ipv4 = true, .gr = true, .gr_time = 120,
		  .gr_ipv4 = true, .gr_ipv6 = true, .gr_ipv4_fwd = true },
		{ .asn = 65000, .hold_time = 90, .bgp_id = 0x0a000001,
		  .mp_ipv4 = true, .mp_ipv6 = true, .route_refresh = true,
		  .has_vnet = true, .vnet_name = "rtr-1" },
		{ .asn = 4200000000u, .hold_time = 30, .bgp_id = 2,
		  .mp_ipv6 = true, .gr = true, .gr_time = 60, .gr_ipv6 = true,
		  .has_vnet = true, .vnet_name = "Mesh_0.rtr-15ch" },
	};
	/* opens[4]: the first and the vnet capability, last */
	static const char *const vnet =
		OPEN(OHDR(AS65000), CAPMP4 CAPMP6 CAPRR CAPAS4
		     "ef [72 74 72 2d 31]");
	static uint8_t vwant[3 * BGP_MAX_LEN];
	/* the first, by hand: RFC 4271 4.2, 5492, 4760, 2918, 6793 */
	static const char *const first =
		MARKER "00 33 01 04 fd e8 00 5a 0a 00 00 01 16 02 14"
		" 01 04 00 01 00 01 01 04 00 02 00 01 02 00"
		" 41 04 00 00 fd e8";
	uint8_t buf[BGP_MAX_LEN], want[128];
	struct bgp_notify err;
	struct bgp_open o;
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(opens); i++) {
		uint8_t *m;
		int rc;

		len = bgp_open_build(buf, &opens[i]);
		m = exact(buf, len);
		rc = bgp_header_check(m, &err) == (int)len ? 0 : -1;
		if (!rc)
			rc = bgp_open_parse(m, len, &o, &err);
		ok(!rc && open_eq(&o, &opens[i]) &&
		   o.any_mp == (opens[i].mp_ipv4 || opens[i].mp_ipv6),
		   "OPEN: round trip %zu (AS %u%s%s%s)", i, opens[i].asn,
		   opens[i].gr ? ", graceful restart" : "",
		   opens[i].has_vnet ? ", vnet " : "", opens[i].vnet_name);
		if (opens[i].asn > 0xffff)
			ok(m[20] == 0x5b && m[21] == 0xa0,
			   "OPEN: AS %u sent as AS_TRANS", opens[i].asn);
		free(m);
	}
	len = bgp_open_build(buf, &opens[0]);
	ok(len == hex(want, sizeof(want), first) && !memcmp(buf, want, len),
	   "OPEN: built byte for byte");
	len = bgp_open_build(buf, &opens[4]);
	ok(len == msg(vwant, BGP_OPEN, vnet) && !memcmp(buf, vwant, len),
	   "OPEN: built byte for byte with the vnet capability");

	ok(bgp_vnet_name_ok("a") && bgp_vnet_name_ok("0123456789abcde") &&
	   bgp_vnet_name_ok("A-Z_a.z-09") && !bgp_vnet_name_ok("") &&
	   !bgp_vnet_name_ok("0123456789abcdef") &&
	   !bgp_vnet_name_ok("a b") && !bgp_vnet_name_ok("a/b") &&
	   !bgp_vnet_name_ok("a\xe9") && !bgp_vnet_name_ok("a\n"),
	   "OPEN: vnet names: 1 to 15 of [A-Za-z0-9._-]");
}

/* UPDATE builders */

static int parse_built(const uint8_t *buf, size_t len,
		       const struct bgp_session_caps *caps,
		       struct bgp_update *u, uint8_t **m)
{
	struct bgp_notify err;

	*m = exact(buf, len);
	if (len > BGP_MAX_LEN || bgp_header_check(*m, &err) != (int)len)
		return -1;
	if (bgp_update_parse(*m, len, caps, u, &err)) {
		diag("notify %u/%u", err.code, err.subcode);
		return -1;
	}
	return 0;
}

static bool prefix_eq(const struct bgp_prefix *a, const struct bgp_prefix *b)
{
	return a->family == b->family && a->len == b->len &&
	       !memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

/* Walks a parsed field, checking its prefixes against @want. */
static size_t walk_eq(uint8_t family, const uint8_t *p, size_t len,
		      const struct bgp_prefix *want, size_t n, bool *eq)
{
	struct bgp_nlri_iter it;
	struct bgp_prefix pfx;
	size_t i = 0;

	bgp_nlri_init(&it, family, p, len);
	while (bgp_nlri_next(&it, &pfx)) {
		if (i >= n || !prefix_eq(&pfx, &want[i]))
			*eq = false;
		i++;
	}
	return i;
}

#define NPFX	3000

/* Clears the bits past @p's length, as a parsed prefix has them */
static void pfx_mask(struct bgp_prefix *p)
{
	size_t i;

	for (i = 0; i < 16; i++) {
		if (p->len >= 8 * (i + 1))
			continue;
		p->addr[i] &= p->len > 8 * i ?
			      (uint8_t)(0xff << (8 - (p->len - 8 * i))) : 0;
	}
}

static void pfx_fill(struct bgp_prefix *p, uint8_t family, size_t n,
		     size_t odd, uint8_t odd_len)
{
	size_t i;

	memset(p, 0, n * sizeof(*p));
	for (i = 0; i < n; i++) {
		p[i].family = family;
		if (family == AF_INET) {
			p[i].len = i == odd ? odd_len : 24;
			p[i].addr[0] = 10;
			p[i].addr[1] = i >> 8;
			p[i].addr[2] = i;
			if (p[i].len == 32)
				p[i].addr[3] = 1;
		} else {
			p[i].len = i == odd ? odd_len : 48;
			p[i].addr[0] = 0x20;
			p[i].addr[1] = 0x01;
			p[i].addr[2] = 0x0d;
			p[i].addr[3] = 0xb8;
			p[i].addr[4] = i >> 8;
			p[i].addr[5] = i;
			if (p[i].len > 48)
				p[i].addr[6] = 0x42;
		}
		pfx_mask(&p[i]);
	}
}

/*
 * Announces (or withdraws) @n prefixes in as many UPDATEs as it takes and
 * checks each parses back to them; @first_len the first's length.
 */
static bool pack_round_trip(uint8_t family, bool announce,
			    const struct bgp_attrs_out *a,
			    const struct bgp_prefix *pfx, size_t n,
			    size_t *first_len, size_t *first_used)
{
	struct bgp_session_caps caps = { .ipv4 = true, .ipv6 = true };
	uint8_t buf[BGP_MAX_LEN];
	size_t done = 0, msgs = 0;
	bool eq = true;

	while (done < n) {
		struct bgp_update u;
		size_t len, used, got;
		uint8_t *m;

		len = announce ? bgp_update_build(buf, a, pfx + done,
						  n - done, &used) :
				 bgp_withdraw_build(buf, pfx + done, n - done,
						    &used);
		if (!len || !used || len > BGP_MAX_LEN)
			return false;
		if (!msgs++) {
			*first_len = len;
			*first_used = used;
		}
		if (parse_built(buf, len, &caps, &u, &m)) {
			free(m);
			return false;
		}
		if (u.treat_as_withdraw || u.discarded) {
			diag("built UPDATE: %s %s", u.reason,
			     u.discard_reason);
			eq = false;
		}
		if (family == AF_INET && announce)
			got = walk_eq(AF_INET, u.nlri, u.nlri_len, pfx + done,
				      used, &eq);
		else if (family == AF_INET)
			got = walk_eq(AF_INET, u.withdrawn, u.withdrawn_len,
				      pfx + done, used, &eq);
		else if (announce)
			got = walk_eq(AF_INET6, u.mp_reach, u.mp_reach_len,
				      pfx + done, used, &eq);
		else
			got = walk_eq(AF_INET6, u.mp_unreach,
				      u.mp_unreach_len, pfx + done, used, &eq);
		if (announce && (!u.attrs.has_origin || !u.attrs.has_as_path ||
				 u.attrs.origin != a->origin))
			eq = false;
		if (announce && family == AF_INET &&
		    u.attrs.next_hop.s_addr != a->next_hop.s_addr)
			eq = false;
		if (announce && family == AF_INET6 &&
		    memcmp(&u.mp_next_hop, &a->next_hop6, 16))
			eq = false;
		free(m);
		if (got != used)
			return false;
		done += used;
	}
	return eq;
}

static void update_round_trip(void)
{
	static const uint8_t path[] = {
		2, 2, 0, 0, 0xfd, 0xe9, 0, 0, 0xfd, 0xea,
	};
	struct bgp_attrs_out a = {
		.origin = 1, .as_path = path, .as_path_len = sizeof(path),
		.local_asn = 65000,
	};
	static struct bgp_prefix pfx[NPFX];
	size_t first, used;
	bool good;

	a.next_hop.s_addr = htonl(0xc0000201);
	a.next_hop6.s6_addr[0] = 0x20;
	a.next_hop6.s6_addr[1] = 0x01;
	a.next_hop6.s6_addr[15] = 1;

	/*
	 * IPv4: 23 + ORIGIN 4 + AS_PATH 3 + 14 + NEXT_HOP 7 = 51, and
	 * 4045 = 1010 /24 (4 bytes) + one /32 (5)
	 */
	pfx_fill(pfx, AF_INET, NPFX, 1010, 32);
	good = pack_round_trip(AF_INET, true, &a, pfx, NPFX, &first, &used);
	ok(good, "UPDATE: %d IPv4 prefixes announced and parsed back", NPFX);
	ok(first == BGP_MAX_LEN && used == 1011,
	   "UPDATE: IPv4 packed to exactly 4096 bytes (%zu, %zu prefixes)",
	   first, used);

	/*
	 * IPv6: 23 + MP_REACH_NLRI 4 + 21 + ORIGIN 4 + AS_PATH 17 = 69, and
	 * 4027 = 574 /48 (7 bytes) + one /64 (9)
	 */
	pfx_fill(pfx, AF_INET6, NPFX, 574, 64);
	good = pack_round_trip(AF_INET6, true, &a, pfx, NPFX, &first, &used);
	ok(good, "UPDATE: %d IPv6 prefixes announced and parsed back", NPFX);
	ok(first == BGP_MAX_LEN && used == 575,
	   "UPDATE: IPv6 packed to exactly 4096 bytes (%zu, %zu prefixes)",
	   first, used);

	/* 4096 - 23 = 4073 = 1017 /24 + one /32 */
	pfx_fill(pfx, AF_INET, NPFX, 1017, 32);
	good = pack_round_trip(AF_INET, false, &a, pfx, NPFX, &first, &used);
	ok(good, "UPDATE: %d IPv4 prefixes withdrawn and parsed back", NPFX);
	ok(first == BGP_MAX_LEN && used == 1018,
	   "UPDATE: IPv4 withdrawals packed to exactly 4096 bytes (%zu)",
	   first);

	/* 4096 - 30 = 4066 = 580 /48 + one /40 (6 bytes) */
	pfx_fill(pfx, AF_INET6, NPFX, 580, 40);
	good = pack_round_trip(AF_INET6, false, &a, pfx, NPFX, &first,
			       &used);
	ok(good, "UPDATE: %d IPv6 prefixes withdrawn and parsed back", NPFX);
	ok(first == BGP_MAX_LEN && used == 581,
	   "UPDATE: IPv6 withdrawals packed to exactly 4096 bytes (%zu)",
	   first);

	/* small ones, and one message's worth exactly */
	pfx_fill(pfx, AF_INET6, 3, 9, 0);
	pfx[1].len = 0;
	pfx[2].len = 128;
	memset(pfx[2].addr, 0xab, 16);
	pfx_mask(&pfx[1]);
	ok(pack_round_trip(AF_INET6, true, &a, pfx, 3, &first, &used) &&
	   used == 3, "UPDATE: IPv6 ::/0 and a /128 round trip");
	pfx_fill(pfx, AF_INET, 3, 9, 0);
	pfx[1].len = 0;
	pfx[2].len = 32;
	pfx_mask(&pfx[1]);
	ok(pack_round_trip(AF_INET, true, &a, pfx, 3, &first, &used) &&
	   used == 3, "UPDATE: IPv4 0/0 and a /32 round trip");
}

static void builder_limits(void)
{
	static uint8_t path[4096];
	struct bgp_attrs_out a = { .local_asn = 65000 };
	struct bgp_prefix pfx[4] = { 0 };
	uint8_t buf[BGP_MAX_LEN];
	size_t len, used;

	pfx_fill(pfx, AF_INET, 4, 9, 0);
	/* bits past the length are not sent */
	pfx[0].addr[2] = 0xff;
	pfx[0].len = 20;
	len = bgp_update_build(buf, &a, pfx, 1, &used);
	ok(len == 51 - 14 + 6 + 4 && buf[len - 3] == 10 && buf[len - 2] == 0 &&
	   buf[len - 1] == 0xf0, "UPDATE: bits past a prefix's length cleared");

	/* an AS path that leaves no room: 4096 - 23 - 4 - 4 - 6 - 7 = 4052 */
	a.as_path = path;
	a.as_path_len = 4052;
	len = bgp_update_build(buf, &a, pfx, 4, &used);
	ok(len == 0 && used == 0, "UPDATE: AS path too long for one prefix");
	a.as_path_len = 4048;
	len = bgp_update_build(buf, &a, pfx, 4, &used);
	ok(len == BGP_MAX_LEN && used == 1,
	   "UPDATE: AS path leaving room for exactly one /20");
	a.as_path = NULL;
	a.as_path_len = 0;

	len = bgp_update_build(buf, &a, pfx, 0, &used);
	ok(len == 0 && used == 0, "UPDATE: no prefixes, no message");
	pfx[2].family = AF_INET6;
	len = bgp_update_build(buf, &a, pfx, 4, &used);
	ok(len && used == 2, "UPDATE: stops at a prefix of another family");
	pfx[0].len = 33;
	len = bgp_withdraw_build(buf, pfx, 4, &used);
	ok(len == 0 && used == 0, "UPDATE: a /33 is not sent");
}

#define AS_SEQUENCE_TYPE	2

/* AS_PATH prepend; @n ASes in a first segment of @type */
static bool prepend_case(uint8_t type, size_t n, size_t want_segs,
			 size_t want_first)
{
	struct bgp_session_caps caps = { .ipv4 = true, .ipv6 = true };
	struct bgp_attrs_out a = { .local_asn = 4200000001u };
	uint8_t path[2 + 255 * 4 + 6], buf[BGP_MAX_LEN];
	struct bgp_prefix pfx = { .family = AF_INET, .len = 8,
				  .addr = { 10 } };
	size_t i, len, used, segs = 0, off = 0;
	const uint8_t *p;
	struct bgp_update u;
	bool good;
	uint8_t *m;

	path[0] = type;
	path[1] = n;
	for (i = 0; i < n; i++) {
		path[2 + 4 * i] = 0;
		path[3 + 4 * i] = 0;
		path[4 + 4 * i] = 0xfd;
		path[5 + 4 * i] = i;
	}
	/* and a second segment */
	memcpy(path + 2 + 4 * n, "\x02\x01\x00\x00\xfd\xff", 6);
	a.as_path = n ? path : NULL;
	a.as_path_len = n ? 2 + 4 * n + 6 : 0;
	a.next_hop.s_addr = htonl(0xc0000201);
	len = bgp_update_build(buf, &a, &pfx, 1, &used);
	good = !parse_built(buf, len, &caps, &u, &m);
	if (!good) {
		free(m);
		return false;
	}
	p = u.attrs.as_path;
	while (off < u.attrs.as_path_len) {
		segs++;
		off += 2 + 4 * p[off + 1];
	}
	good = segs == want_segs && p[0] == AS_SEQUENCE_TYPE &&
	       p[1] == want_first && p[2] == 0xfa && p[5] == 0x01 &&
	       bgp_as_path_contains(p, u.attrs.as_path_len, 4200000001u) &&
	       u.attrs.as_path_count ==
	       (type == 2 ? n : n ? 1 : 0) + (n ? 1 : 0) + 1;
	free(m);
	return good;
}

static void prepend_cases(void)
{
	ok(prepend_case(2, 0, 1, 1), "AS_PATH: prepend to an empty path");
	ok(prepend_case(2, 1, 2, 2), "AS_PATH: prepend into a sequence");
	ok(prepend_case(2, 254, 2, 255),
	   "AS_PATH: prepend into a sequence of 254 makes 255");
	ok(prepend_case(2, 255, 3, 1),
	   "AS_PATH: prepend before a full sequence of 255");
	ok(prepend_case(1, 3, 3, 1), "AS_PATH: prepend before a set");
}

/* VNET_HOPS: the encoder, the iterator, the builder */

static bool hop_eq(const struct bgp_vnet_hop *a, const struct bgp_vnet_hop *b)
{
	return a->vni == b->vni && a->family == b->family &&
	       !memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

/* A hop of @family, VNI @vni, address @a (hex) */
static struct bgp_vnet_hop mkhop(uint32_t vni, uint8_t family,
				 const char *a)
{
	struct bgp_vnet_hop h = { .vni = vni, .family = family };

	if (hex(h.addr, sizeof(h.addr), a) != (family == AF_INET ? 4u : 16u))
		die("hop address not of its family", a);
	return h;
}

static void vnet_hops_cases(void)
{
	struct bgp_vnet_hop h[BGP_VNET_MAX_HOPS + 1], back;
	uint8_t buf[BGP_VNET_HOPS_MAX_LEN + 32], want[64];
	struct bgp_vnet_hop_iter it;
	size_t len, i;
	bool good;

	h[0] = mkhop(100, AF_INET, "c0 00 02 0a");
	h[1] = mkhop(0xffffff, AF_INET6, NH6);
	len = bgp_vnet_hops_put(buf, h, 2);
	ok(len == hex(want, sizeof(want), HOP4 HOP6) &&
	   !memcmp(buf, want, len), "VNET_HOPS: put byte for byte");
	bgp_vnet_hops_init(&it, buf, len);
	good = bgp_vnet_hop_next(&it, &back) && hop_eq(&back, &h[0]) &&
	       bgp_vnet_hop_next(&it, &back) && hop_eq(&back, &h[1]) &&
	       !bgp_vnet_hop_next(&it, &back) && it.p == it.end;
	ok(good, "VNET_HOPS: the iterator gives back what was put");
	memset(&back, 0xaa, sizeof(back));
	bgp_vnet_hops_init(&it, buf, len);
	ok(bgp_vnet_hop_next(&it, &back) && !back.addr[4] && !back.addr[15],
	   "VNET_HOPS: the iterator zeroes an IPv4 hop's unused bytes");

	for (i = 0; i < BGP_VNET_MAX_HOPS + 1; i++)
		h[i] = mkhop(i, AF_INET6, NH6);
	len = bgp_vnet_hops_put(buf, h, BGP_VNET_MAX_HOPS);
	ok(len == BGP_VNET_HOPS_MAX_LEN, "VNET_HOPS: put 16 IPv6 hops");
	ok(!bgp_vnet_hops_put(buf, h, BGP_VNET_MAX_HOPS + 1),
	   "VNET_HOPS: 17 hops are not put");
	ok(!bgp_vnet_hops_put(buf, h, 0), "VNET_HOPS: 0 hops are not put");

	h[0] = mkhop(1 << 24, AF_INET, "c0 00 02 0a");
	ok(!bgp_vnet_hops_put(buf, h, 1), "VNET_HOPS: VNI 2^24 not put");
	h[0].vni = (1 << 24) - 1;
	ok(bgp_vnet_hops_put(buf, h, 1) == 9,
	   "VNET_HOPS: VNI 2^24 - 1: control");
	h[0].family = AF_UNIX;
	ok(!bgp_vnet_hops_put(buf, h, 1),
	   "VNET_HOPS: a hop of no family not put");
	h[0] = mkhop(1, AF_INET, "e0 00 00 01");
	ok(!bgp_vnet_hops_put(buf, h, 1),
	   "VNET_HOPS: a multicast IPv4 address not put");
	h[0] = mkhop(1, AF_INET6, A6MAPPED);
	ok(!bgp_vnet_hops_put(buf, h, 1),
	   "VNET_HOPS: an IPv4-mapped address not put");
	h[0] = mkhop(1, AF_INET6, A6NAT64);
	ok(bgp_vnet_hops_put(buf, h, 1) == 21,
	   "VNET_HOPS: a NAT64 address: control");

	/* unchecked input: the walk stops, never overruns */
	len = hex(buf, sizeof(buf), HOP4 "00 00 00 01 05 c0 00 02 0a");
	bgp_vnet_hops_init(&it, buf, len);
	ok(bgp_vnet_hop_next(&it, &back) && back.vni == 100 &&
	   !bgp_vnet_hop_next(&it, &back) && it.p == it.end,
	   "VNET_HOPS: a bad hop ends the walk");
	len = hex(buf, sizeof(buf), HOP4 "00 00 00 01 10 20 01");
	bgp_vnet_hops_init(&it, buf, len);
	ok(bgp_vnet_hop_next(&it, &back) && !bgp_vnet_hop_next(&it, &back),
	   "VNET_HOPS: a hop past the value ends the walk");
	bgp_vnet_hops_init(&it, NULL, 0);
	ok(!bgp_vnet_hop_next(&it, &back), "VNET_HOPS: walk of nothing");
}

/* Builds an UPDATE of @pfx with @a and parses it on a mesh session */
static bool vnet_build_case(const struct bgp_attrs_out *a,
			    const struct bgp_prefix *pfx, const char *want,
			    bool (*check)(const struct bgp_update *u,
					  const struct bgp_attrs_out *a))
{
	struct bgp_session_caps caps = {
		.ipv4 = true, .ipv6 = true, .vnet = true,
	};
	uint8_t buf[BGP_MAX_LEN], w[BGP_MAX_LEN];
	struct bgp_update u;
	size_t len, used;
	bool good;
	uint8_t *m;

	len = bgp_update_build(buf, a, pfx, 1, &used);
	if (!len || used != 1)
		return false;
	if (want && (len != hex(w, sizeof(w), want) || memcmp(buf, w, len))) {
		diag("built UPDATE not as expected");
		return false;
	}
	if (parse_built(buf, len, &caps, &u, &m)) {
		free(m);
		return false;
	}
	good = !u.treat_as_withdraw && !u.discarded && check(&u, a);
	if (u.treat_as_withdraw || u.discarded)
		diag("built UPDATE: %s %s", u.reason, u.discard_reason);
	free(m);
	return good;
}

/* MED, hops and path (not prepended) as given */
static bool vnet_built_eq(const struct bgp_update *u,
			  const struct bgp_attrs_out *a)
{
	const struct bgp_attrs *at = &u->attrs;

	return at->has_med == a->has_med && (!a->has_med ||
					     at->med == a->med) &&
	       at->vnet_hops_len == a->vnet_hops_len &&
	       !memcmp(at->vnet_hops, a->vnet_hops, a->vnet_hops_len) &&
	       at->has_as_path && at->as_path_len == a->as_path_len &&
	       (!a->as_path_len ||
		!memcmp(at->as_path, a->as_path, a->as_path_len));
}

static void vnet_build_cases(void)
{
	static const uint8_t path[] = {
		2, 2, 0, 0, 0xfd, 0xe9, 0, 0, 0xfd, 0xea,
	};
	static uint8_t long_path[4096];
	struct bgp_prefix p4 = { .family = AF_INET, .len = 24,
				 .addr = { 10, 1, 2 } };
	struct bgp_prefix p6 = { .family = AF_INET6, .len = 32,
				 .addr = { 0x20, 0x01, 0x0d, 0xb8 } };
	uint8_t hops[BGP_VNET_HOPS_MAX_LEN], buf[BGP_MAX_LEN], w[128];
	struct bgp_vnet_hop h[BGP_VNET_MAX_HOPS];
	struct bgp_attrs_out a = { 0 };
	size_t len, used, i;

	h[0] = mkhop(100, AF_INET, "c0 00 02 0a");
	h[1] = mkhop(0xffffff, AF_INET6, NH6);
	a.origin = 0;
	a.as_path = path;
	a.as_path_len = sizeof(path);
	a.next_hop.s_addr = htonl(0xc0000201);
	a.next_hop6.s6_addr[0] = 0x20;
	a.next_hop6.s6_addr[1] = 0x01;
	a.next_hop6.s6_addr[15] = 1;
	a.has_med = true;
	a.med = 7;
	a.vnet_hops = hops;
	a.vnet_hops_len = bgp_vnet_hops_put(hops, h, 2);

	/* by hand: ORIGIN, AS_PATH, NEXT_HOP, MED, VNET_HOPS, NLRI */
	ok(vnet_build_case(&a, &p4, MARKER "00 5b 02 {} {" BASE
			   "80 04 [00 00 00 07] " VH(HOP4 HOP6) "} " N24,
			   vnet_built_eq),
	   "UPDATE: MED, VNET_HOPS, no prepend: built and parsed back");
	ok(vnet_build_case(&a, &p6, NULL, vnet_built_eq),
	   "UPDATE: IPv6 with MED, VNET_HOPS, no prepend parsed back");

	a.as_path = NULL;
	a.as_path_len = 0;
	a.has_med = false;
	ok(vnet_build_case(&a, &p4, MARKER "00 4a 02 {} {" ORG "40 02 [] " NH
			   VH(HOP4 HOP6) "} " N24, vnet_built_eq),
	   "UPDATE: an empty AS_PATH, not prepended");

	for (i = 0; i < BGP_VNET_MAX_HOPS; i++)
		h[i] = mkhop(i, AF_INET6, NH6);
	a.vnet_hops_len = bgp_vnet_hops_put(hops, h, BGP_VNET_MAX_HOPS);
	a.has_med = true;
	a.med = 0xffffffff;
	ok(vnet_build_case(&a, &p6, NULL, vnet_built_eq),
	   "UPDATE: 16 IPv6 hops, extended length, parsed back");
	len = bgp_update_build(buf, &a, &p4, 1, &used);
	ok(len > 23 + 3 + 4 + 7 + 7 + 4 && buf[23 + 4 + 3 + 7 + 7] == 0x90 &&
	   buf[23 + 4 + 3 + 7 + 7 + 1] == 0xff &&
	   buf[23 + 4 + 3 + 7 + 7 + 2] == 0x01 &&
	   buf[23 + 4 + 3 + 7 + 7 + 3] == 0x50,
	   "UPDATE: VNET_HOPS of 336 bytes flagged extended length");

	/* the prepend, as before, beside them */
	a.as_path = path;
	a.as_path_len = sizeof(path);
	a.local_asn = 65000;
	a.vnet_hops_len = 0;
	a.has_med = false;
	len = bgp_update_build(buf, &a, &p4, 1, &used);
	ok(len == hex(w, sizeof(w), MARKER "00 37 02 {} {" ORG
		      "40 02 [02 03 00 00 fd e8 00 00 fd e9 00 00 fd ea] " NH
		      "} " N24) && !memcmp(buf, w, len),
	   "UPDATE: without the new fields, built byte for byte as before");

	/* room: 4096 = 23 + 4 + 4 + 4054 + 7 + 4 */
	a.as_path = long_path;
	a.as_path_len = 4048 - 7;
	a.has_med = true;
	ok(bgp_update_build(buf, &a, &p4, 1, &used) == BGP_MAX_LEN,
	   "UPDATE: MED counted in the room for NLRI");
	a.as_path_len = 4048 - 6;
	ok(!bgp_update_build(buf, &a, &p4, 1, &used) && !used,
	   "UPDATE: MED counted in the room for NLRI, 1 byte over");
	a.has_med = false;
	a.vnet_hops = hops;
	a.vnet_hops_len = 9;
	a.as_path_len = 4048 - 12;
	ok(bgp_update_build(buf, &a, &p4, 1, &used) == BGP_MAX_LEN,
	   "UPDATE: VNET_HOPS counted in the room for NLRI");
	a.as_path_len = 4048 - 11;
	ok(!bgp_update_build(buf, &a, &p4, 1, &used) && !used,
	   "UPDATE: VNET_HOPS counted in the room for NLRI, 1 byte over");
}

static void eor_cases(void)
{
	struct bgp_session_caps caps = { .ipv4 = true, .ipv6 = true };
	uint8_t buf[BGP_MAX_LEN], want[64];
	struct bgp_update u;
	size_t len;
	uint8_t *m;
	int rc;

	len = bgp_eor_build(buf, AF_INET);
	rc = parse_built(buf, len, &caps, &u, &m);
	ok(len == hex(want, sizeof(want), MARKER "00 17 02 00 00 00 00") &&
	   !memcmp(buf, want, len) && !rc && u.eor_family == AF_INET,
	   "End-of-RIB: IPv4 built and detected");
	free(m);
	len = bgp_eor_build(buf, AF_INET6);
	rc = parse_built(buf, len, &caps, &u, &m);
	ok(len == hex(want, sizeof(want), MARKER "00 1d 02 00 00 00 06"
		      " 80 0f 03 00 02 01") && !memcmp(buf, want, len) &&
	   !rc && u.eor_family == AF_INET6,
	   "End-of-RIB: IPv6 built and detected");
	free(m);
	ok(bgp_eor_build(buf, AF_UNIX) == 0, "End-of-RIB: of no family");
}

static void notify_cases(void)
{
	static uint8_t big[BGP_MAX_LEN + 100];
	struct bgp_notify n = { .code = BGP_ERR_CEASE,
				.subcode = BGP_CEASE_MAX_PREFIX };
	uint8_t buf[BGP_MAX_LEN], want[64];
	struct bgp_notify err, back;
	size_t len, i;
	uint8_t *m;

	n.data = (const uint8_t *)"\x00\x01\x01\x00\x00\x03\xe8";
	n.len = 7;
	len = bgp_notify_build(buf, &n);
	m = exact(buf, len);
	ok(len == hex(want, sizeof(want), MARKER "00 1c 03 06 01 00 01 01"
		      " 00 00 03 e8") && !memcmp(m, want, len) &&
	   bgp_header_check(m, &err) == (int)len &&
	   !bgp_notify_parse(m, len, &back) && back.code == 6 &&
	   back.subcode == 1 && back.len == 7 && !memcmp(back.data, n.data, 7),
	   "NOTIFICATION: round trip");
	free(m);

	for (i = 0; i < sizeof(big); i++)
		big[i] = i;
	n.data = big;
	n.len = sizeof(big);
	len = bgp_notify_build(buf, &n);
	m = exact(buf, len);
	ok(len == BGP_MAX_LEN && bgp_header_check(m, &err) == (int)len &&
	   !bgp_notify_parse(m, len, &back) &&
	   back.len == BGP_MAX_LEN - 21 && !memcmp(back.data, big, back.len),
	   "NOTIFICATION: data truncated to fit 4096 bytes");
	free(m);

	n.data = NULL;
	n.len = 5;
	len = bgp_notify_build(buf, &n);
	m = exact(buf, len);
	ok(len == 21 && !bgp_notify_parse(m, len, &back) && !back.len,
	   "NOTIFICATION: without data");
	free(m);
	ok(bgp_notify_parse(buf, 20, &back) == -1,
	   "NOTIFICATION: 20 bytes are too short");
}

static void refresh_cases(void)
{
	uint8_t buf[BGP_MAX_LEN], want[64];
	struct bgp_notify err;
	uint8_t family;
	size_t len;
	uint8_t *m;
	int rc;

	len = bgp_refresh_build(buf, AF_INET6);
	m = exact(buf, len);
	ok(len == hex(want, sizeof(want), MARKER "00 17 05 00 02 00 01") &&
	   !memcmp(m, want, len) && bgp_header_check(m, &err) == 23 &&
	   !bgp_refresh_parse(m, len, &family, &err) && family == AF_INET6,
	   "ROUTE-REFRESH: IPv6 round trip");
	free(m);
	len = bgp_refresh_build(buf, AF_INET);
	m = exact(buf, len);
	ok(!bgp_refresh_parse(m, len, &family, &err) && family == AF_INET,
	   "ROUTE-REFRESH: IPv4 round trip");
	free(m);
	ok(!bgp_refresh_build(buf, 0), "ROUTE-REFRESH: of no family");

	len = msg(buf, BGP_ROUTE_REFRESH, "00 01 00 01 00");
	m = exact(buf, len);
	rc = bgp_header_check(m, &err);
	ok(rc == 24 && bgp_refresh_parse(m, len, &family, &err) == -1 &&
	   err.code == BGP_ERR_REFRESH && err.subcode == 1 &&
	   err.len == 24 && !memcmp(err.data, m, 24),
	   "ROUTE-REFRESH: length 24 is %s with the message",
	   bgp_err_name(7, 1));
	free(m);
	len = msg(buf, BGP_ROUTE_REFRESH, "00 01 00");
	m = exact(buf, len);
	ok(bgp_refresh_parse(m, len, &family, &err) == -1 && err.len == 22,
	   "ROUTE-REFRESH: length 22 is %s", bgp_err_name(7, 1));
	free(m);
	len = msg(buf, BGP_ROUTE_REFRESH, "00 01 00 01");
	m = exact(buf, len);
	ok(!bgp_refresh_parse(m, len, &family, &err) && family == AF_INET,
	   "ROUTE-REFRESH: length 23: control");
	free(m);
	len = msg(buf, BGP_ROUTE_REFRESH, "00 02 01 01");
	m = exact(buf, len);
	ok(!bgp_refresh_parse(m, len, &family, &err) && !family,
	   "ROUTE-REFRESH: BoRR (subtype 1) ignored");
	free(m);
	len = msg(buf, BGP_ROUTE_REFRESH, "00 01 00 80");
	m = exact(buf, len);
	ok(!bgp_refresh_parse(m, len, &family, &err) && !family,
	   "ROUTE-REFRESH: of SAFI 128 ignored");
	free(m);
}

static void misc_cases(void)
{
	static const uint8_t path[] = {
		2, 2, 0, 0, 0xfd, 0xe9, 0, 0, 0xfd, 0xea,
		1, 1, 0xfa, 0x56, 0xea, 0x00,
	};
	struct bgp_nlri_iter it;
	struct bgp_prefix p;
	uint8_t buf[64];
	size_t n;

	ok(!strcmp(bgp_err_name(3, 11),
		   "UPDATE message error / malformed AS_PATH") &&
	   !strcmp(bgp_err_name(6, 1),
		   "Cease / maximum number of prefixes reached") &&
	   !strcmp(bgp_err_name(3, 99), "UPDATE message error") &&
	   !strcmp(bgp_err_name(99, 1), "unknown error") &&
	   !strcmp(bgp_err_name(4, 0), "hold timer expired"),
	   "names of errors");
	ok(!strcmp(bgp_type_name(BGP_OPEN), "OPEN") &&
	   !strcmp(bgp_type_name(BGP_ROUTE_REFRESH), "ROUTE-REFRESH") &&
	   !strcmp(bgp_type_name(0), "unknown"), "names of types");

	ok(bgp_as_path_contains(path, sizeof(path), 65002) &&
	   bgp_as_path_contains(path, sizeof(path), 4200000000u) &&
	   !bgp_as_path_contains(path, sizeof(path), 65000) &&
	   !bgp_as_path_contains(path, 6, 65002) &&
	   !bgp_as_path_contains(NULL, 0, 0), "AS_PATH: contains");

	/* trailing bits cleared; an unchecked field stops, not overruns */
	n = hex(buf, sizeof(buf), "17 0a 01 ff 21 00");
	bgp_nlri_init(&it, AF_INET, buf, n);
	ok(bgp_nlri_next(&it, &p) && p.len == 23 && p.addr[2] == 0xfe &&
	   !p.addr[3] && !bgp_nlri_next(&it, &p),
	   "NLRI: bits past the length cleared, a bad prefix ends the walk");
	n = hex(buf, sizeof(buf), "81 00");
	bgp_nlri_init(&it, AF_INET6, buf, n);
	ok(!bgp_nlri_next(&it, &p), "NLRI: IPv6 /129 ends the walk");
}

int main(void)
{
	printf("KTAP version 1\n");
	printf("# msg_test: BGP message codec\n");
	header_cases();
	open_cases();
	open_round_trip();
	update_cases();
	update_round_trip();
	builder_limits();
	prepend_cases();
	vnet_hops_cases();
	vnet_build_cases();
	eor_cases();
	notify_cases();
	refresh_cases();
	misc_cases();
	printf("1..%u\n", tests);
	printf("# Totals: pass:%u fail:%u\n", tests - failures, failures);
	return failures ? 1 : 0;
}

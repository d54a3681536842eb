// SPDX-License-Identifier: GPL-2.0
/*
 * vnetd: BGP-4 message codec (RFC 4271, 4760, 6793, 5492, 2918/7313,
 * 4724), UPDATE checks per RFC 7606, and the vnet mesh's capability and
 * VNET_HOPS attribute (msg.h).
 *
 * Everything here is a pure function over caller-owned buffers: no I/O, no
 * allocation, no state but constant tables. Every byte received is
 * treated as hostile: each length is checked against what is left before
 * anything behind it is read.
 *
 * Decisions where the RFCs leave room (see also msg.h):
 *
 * - A NOTIFICATION about an attribute carries the attribute as received
 *   (flags, type, length, value), pointing into the message.
 * - An unrecognized attribute with the Optional bit clear gets the RFC 4271
 *   NOTIFICATION (Unrecognized Well-known Attribute): RFC 7606 3 lowers to
 *   treat-as-withdraw only the cases of ORIGIN, AS_PATH, NEXT_HOP, MED and
 *   LOCAL_PREF (3.e), conflicting flags of attributes whose flags are
 *   specified (3.c) and missing mandatory ones (3.d).
 * - Conflicting Optional/Transitive flags (3.c) make the attribute
 *   malformed and it is handled as that attribute's other malformations
 *   are: attribute-discard for ATOMIC_AGGREGATE and AGGREGATOR,
 *   treat-as-withdraw for the rest. MP_REACH_NLRI and MP_UNREACH_NLRI with
 *   conflicting flags can still be parsed, so they are (a failure then
 *   resets the session) and the message is treat-as-withdraw. The Partial
 *   bit is not checked (3.c names only the other two).
 * - A syntactically correct NEXT_HOP that is no unicast host address
 *   (0/8, 127/8, 224/4, 255.255.255.255) makes the routes "ignored" (RFC
 *   4271 6.3): treat-as-withdraw, since leaving the routes the UPDATE
 *   replaces in place would keep a path the peer no longer has. Only with
 *   an NLRI field: beside MP_REACH_NLRI alone it is ignored (RFC 4760 3).
 *   The same for an MP_REACH_NLRI global next hop that is ::, ::1 or
 *   multicast; a second (link-local) next hop that is not fe80::/10 is
 *   ignored (zero).
 * - RFC 7606 5.2: an UPDATE with path attributes other than MP_UNREACH_NLRI
 *   but no reachable NLRI, with an error asking for more than
 *   attribute-discard, resets the session with that error's NOTIFICATION
 *   (except a semantically bad NEXT_HOP, for which RFC 4271 says not to).
 * - RFC 7606 4: an attribute overrunning the attribute list (or a partial
 *   attribute header at its end) is treat-as-withdraw, the NLRI field
 *   found with the Total Path Attribute Length; parsing of the list stops
 *   there. If that attribute is an MP_REACH_NLRI or MP_UNREACH_NLRI it
 *   cannot be parsed: session reset (Malformed Attribute List).
 * - Prefixes of IPv4 or IPv6 unicast are checked for syntax even when the
 *   family was not negotiated (then they are left out of the result): a
 *   bad one is Invalid Network Field wherever it is. Other MP_REACH_NLRI
 *   and MP_UNREACH_NLRI AFI/SAFIs are skipped unchecked.
 * - A malformed MP_REACH_NLRI or MP_UNREACH_NLRI (too short, next hop
 *   length not 4 for IPv4 or 16/32 for IPv6) is Optional Attribute Error,
 *   the RFC 4760 7 subcode, with the attribute.
 * - LOCAL_PREF, ORIGINATOR_ID and CLUSTER_LIST from an external peer are
 *   discarded unchecked (RFC 7606 7.5, 7.9, 7.10); so are AS4_PATH and
 *   AS4_AGGREGATOR, which a 4-octet AS speaker never sends (RFC 6793).
 * - AS number 0 in AS_PATH is treat-as-withdraw, in AGGREGATOR
 *   attribute-discard, as My AS or in the 4-octet AS capability Bad Peer
 *   AS (RFC 7607).
 * - AS_CONFED_SEQUENCE/SET segments are accepted from an internal peer
 *   and count 0 towards the path length (RFC 5065 5.3).
 * - LOCAL_PREF is not required from internal peers (the caller applies
 *   its default); the leftmost AS of an external peer's path and a
 *   NEXT_HOP that is the receiver's own address are the caller's checks.
 * - OPEN: an Optional Parameters Length that does not match the message
 *   length is Bad Message Length; a malformed capability (known code,
 *   wrong length) or a capability overrunning its parameter is OPEN
 *   message error subcode 0 (RFC 4271 6.2: recognized but malformed).
 *   A missing 4-octet AS capability is Unsupported Capability with data
 *   65, 4, 0.0.0.0: the capability as it would be sent, with AS 0 for "any"
 *   (the parser does not know the local AS; the caller may write it into
 *   err->buf + 2).
 * - The vnet capability's name is checked on any session (a bad one is
 *   a malformed capability, as above); it is the caller's to use or not.
 * - VNET_HOPS is known only on a mesh session; elsewhere it is an unknown
 *   optional attribute, skipped (a NOTIFICATION if flagged well-known, a
 *   discard if repeated, as any other). On a mesh session its flags must
 *   be optional, non-transitive, not partial (RFC 4271 4.3 wants Partial
 *   clear on a non-transitive attribute; Extended Length is free, the
 *   four unused bits ignored); anything wrong with it is treat-as-withdraw
 *   (Attribute Flags Error for the flags, Optional Attribute Error for
 *   the value, which RFC 7606 5.2 turns into a session reset when the
 *   UPDATE announces nothing), and so is its absence beside reachable
 *   NLRI of any AFI/SAFI, as a mandatory attribute's (RFC 7606 3.d).
 * - ROUTE-REFRESH of a Message Subtype other than 0 (RFC 7313 BoRR/EoRR,
 *   not negotiated, or unknown) is ignored (family 0); a length other
 *   than 23 is ROUTE-REFRESH Message Error/Invalid Message Length with the
 *   message as data, whatever the subtype.
 */
#include <arpa/inet.h>
#include <string.h>

#include "msg.h"

/* Path attribute flags and types */
#define ATTR_OPTIONAL		0x80
#define ATTR_TRANSITIVE		0x40
#define ATTR_PARTIAL		0x20
#define ATTR_EXTLEN		0x10
#define ATTR_WELL_KNOWN		ATTR_TRANSITIVE
#define ATTR_OPT_TRANS		(ATTR_OPTIONAL | ATTR_TRANSITIVE)

enum {
	ATTR_ORIGIN = 1,
	ATTR_AS_PATH = 2,
	ATTR_NEXT_HOP = 3,
	ATTR_MED = 4,
	ATTR_LOCAL_PREF = 5,
	ATTR_ATOMIC_AGGREGATE = 6,
	ATTR_AGGREGATOR = 7,
	ATTR_COMMUNITIES = 8,
	ATTR_ORIGINATOR_ID = 9,
	ATTR_CLUSTER_LIST = 10,
	ATTR_MP_REACH = 14,
	ATTR_MP_UNREACH = 15,
	ATTR_EXT_COMMUNITIES = 16,
	ATTR_AS4_PATH = 17,
	ATTR_AS4_AGGREGATOR = 18,
	ATTR_IPV6_EXT_COMMUNITIES = 25,
	ATTR_LARGE_COMMUNITIES = 32,
	ATTR_VNET_HOPS = BGP_ATTR_VNET_HOPS,
};

#define AS_SET			1
#define AS_SEQUENCE		2
#define AS_CONFED_SEQUENCE	3
#define AS_CONFED_SET		4

/* Capability codes */
#define CAP_MP			1
#define CAP_ROUTE_REFRESH	2
#define CAP_GR			64
#define CAP_AS4			65
#define CAP_ROUTE_REFRESH_OLD	128
#define CAP_VNET		BGP_CAP_VNET

#define OPT_PARAM_CAPABILITIES	2

#define OPEN_MIN_LEN		29
#define UPDATE_MIN_LEN		23
#define NOTIFY_MIN_LEN		21
#define REFRESH_LEN		23

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void notify_set(struct bgp_notify *n, uint8_t code, uint8_t subcode,
		       const uint8_t *data, size_t len)
{
	n->code = code;
	n->subcode = subcode;
	n->data = data;
	n->len = data ? len : 0;
}

/* A NOTIFICATION whose data (at most sizeof(n->buf)) is copied into it. */
static void notify_copy(struct bgp_notify *n, uint8_t code, uint8_t subcode,
			const uint8_t *data, size_t len)
{
	if (len > sizeof(n->buf))
		len = sizeof(n->buf);
	memcpy(n->buf, data, len);
	notify_set(n, code, subcode, n->buf, len);
}

static void header_put(uint8_t *buf, size_t len, uint8_t type)
{
	memset(buf, 0xff, 16);
	put16(buf + 16, len);
	buf[18] = type;
}

int bgp_header_check(const uint8_t *buf, struct bgp_notify *err)
{
	uint16_t len = get16(buf + 16);
	uint8_t type = buf[18];
	size_t min, max;
	int i;

	memset(err, 0, sizeof(*err));
	for (i = 0; i < 16; i++) {
		if (buf[i] != 0xff) {
			notify_set(err, BGP_ERR_HEADER, BGP_ERR_HEADER_SYNC,
				   NULL, 0);
			return -1;
		}
	}
	min = BGP_HDR_LEN;
	max = BGP_MAX_LEN;
	switch (type) {
	case BGP_OPEN:
		min = OPEN_MIN_LEN;
		break;
	case BGP_UPDATE:
		min = UPDATE_MIN_LEN;
		break;
	case BGP_NOTIFICATION:
		min = NOTIFY_MIN_LEN;
		break;
	case BGP_KEEPALIVE:
		max = BGP_HDR_LEN;
		break;
	case BGP_ROUTE_REFRESH:
		/* its length is checked by bgp_refresh_parse (RFC 7313 5) */
		break;
	default:
		if (len < BGP_HDR_LEN || len > BGP_MAX_LEN)
			break;
		notify_copy(err, BGP_ERR_HEADER, BGP_ERR_HEADER_TYPE,
			    buf + 18, 1);
		return -1;
	}
	if (len < min || len > max) {
		notify_copy(err, BGP_ERR_HEADER, BGP_ERR_HEADER_LENGTH,
			    buf + 16, 2);
		return -1;
	}
	return len;
}

/* Prefixes */

static uint8_t family_bits(uint8_t family)
{
	return family == AF_INET6 ? 128 : 32;
}

/* Is @p..@len a well-formed sequence of prefixes of at most @max bits? */
static bool nlri_check(const uint8_t *p, size_t len, uint8_t max)
{
	size_t off = 0;

	while (off < len) {
		uint8_t bits = p[off++];
		size_t n = (bits + 7u) / 8;

		if (bits > max || n > len - off)
			return false;
		off += n;
	}
	return true;
}

void bgp_nlri_init(struct bgp_nlri_iter *it, uint8_t family,
		   const uint8_t *p, size_t len)
{
	it->p = p;
	it->end = p ? p + len : p;
	it->family = family;
}

bool bgp_nlri_next(struct bgp_nlri_iter *it, struct bgp_prefix *pfx)
{
	uint8_t bits;
	size_t n;

	if (!it->p || it->p >= it->end)
		return false;
	bits = it->p[0];
	n = (bits + 7u) / 8;
	/* checked by bgp_update_parse; stop rather than overrun if not */
	if (bits > family_bits(it->family) ||
	    n > (size_t)(it->end - it->p) - 1) {
		it->p = it->end;
		return false;
	}
	memset(pfx, 0, sizeof(*pfx));
	pfx->family = it->family;
	pfx->len = bits;
	memcpy(pfx->addr, it->p + 1, n);
	if (bits % 8)
		pfx->addr[n - 1] &= (uint8_t)(0xff << (8 - bits % 8));
	it->p += 1 + n;
	return true;
}

/* The bytes @pfx takes in an NLRI field; 0 if it is not of @family. */
static size_t prefix_size(const struct bgp_prefix *pfx, uint8_t family)
{
	if (pfx->family != family || pfx->len > family_bits(family))
		return 0;
	return 1 + (pfx->len + 7u) / 8;
}

static size_t prefix_put(uint8_t *p, const struct bgp_prefix *pfx)
{
	size_t n = (pfx->len + 7u) / 8;

	p[0] = pfx->len;
	memcpy(p + 1, pfx->addr, n);
	if (pfx->len % 8)
		p[n] &= (uint8_t)(0xff << (8 - pfx->len % 8));
	return 1 + n;
}

/*
 * How many of @pfx (at most @n) fit in @room bytes of NLRI, given that
 * @fixed(bytes of NLRI) more are needed around them; their size in @size.
 */
static size_t prefixes_fit(const struct bgp_prefix *pfx, size_t n,
			   size_t room, size_t (*fixed)(size_t),
			   size_t *size)
{
	uint8_t family = n ? pfx[0].family : 0;
	size_t i, total = 0;

	for (i = 0; i < n; i++) {
		size_t s = prefix_size(&pfx[i], family);

		if (!s || fixed(total + s) + total + s > room)
			break;
		total += s;
	}
	*size = total;
	return i;
}

/* OPEN */

/* Is @p..@len a name the vnet capability can carry? */
static bool vnet_name_ok(const uint8_t *p, size_t len)
{
	size_t i;

	if (!len || len > BGP_VNET_NAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		uint8_t ch = p[i];

		if ((ch < 'a' || ch > 'z') && (ch < 'A' || ch > 'Z') &&
		    (ch < '0' || ch > '9') && ch != '.' && ch != '_' &&
		    ch != '-')
			return false;
	}
	return true;
}

bool bgp_vnet_name_ok(const char *name)
{
	return vnet_name_ok((const uint8_t *)name,
			    strnlen(name, BGP_VNET_NAME_MAX + 1));
}

/**
 * open_caps - parse the capabilities of one Capabilities parameter
 * @p: the parameter's value
 * @len: its length
 * @o: filled in
 * @as4: set when the 4-octet AS capability is seen
 * @err: the NOTIFICATION for a malformed one
 *
 * Unknown capabilities are skipped; a known one with a wrong length, or
 * the vnet one with a bad name, is malformed (OPEN message error, subcode
 * 0).
 * Return: 0 or -1.
 */
static int open_caps(const uint8_t *p, size_t len, struct bgp_open *o,
		     bool *as4, struct bgp_notify *err)
{
	size_t off = 0;

	while (off < len) {
		const uint8_t *v;
		uint8_t code, cl;
		size_t i;

		if (len - off < 2)
			goto bad;
		code = p[off];
		cl = p[off + 1];
		v = p + off + 2;
		if (cl > len - off - 2)
			goto bad;
		switch (code) {
		case CAP_MP:
			if (cl != 4)
				goto bad_cap;
			o->any_mp = true;
			if (v[3] != BGP_SAFI_UNICAST)
				break;
			if (get16(v) == BGP_AFI_IPV4)
				o->mp_ipv4 = true;
			else if (get16(v) == BGP_AFI_IPV6)
				o->mp_ipv6 = true;
			break;
		case CAP_ROUTE_REFRESH:
		case CAP_ROUTE_REFRESH_OLD:
			if (cl != 0)
				goto bad_cap;
			o->route_refresh = true;
			break;
		case CAP_AS4:
			if (cl != 4)
				goto bad_cap;
			o->asn = get32(v);
			*as4 = true;
			break;
		case CAP_GR:
			if (cl < 2 || (cl - 2) % 4)
				goto bad_cap;
			o->gr = true;
			o->gr_flags = v[0] >> 4;
			o->gr_time = get16(v) & 0xfff;
			o->gr_ipv4 = false;
			o->gr_ipv6 = false;
			o->gr_ipv4_fwd = false;
			o->gr_ipv6_fwd = false;
			for (i = 2; i < cl; i += 4) {
				bool fwd = v[i + 3] & BGP_GR_FORWARDING;

				if (v[i + 2] != BGP_SAFI_UNICAST)
					continue;
				if (get16(v + i) == BGP_AFI_IPV4) {
					o->gr_ipv4 = true;
					o->gr_ipv4_fwd = fwd;
				} else if (get16(v + i) == BGP_AFI_IPV6) {
					o->gr_ipv6 = true;
					o->gr_ipv6_fwd = fwd;
				}
			}
			break;
		case CAP_VNET:
			if (!vnet_name_ok(v, cl))
				goto bad_cap;
			o->has_vnet = true;
			memcpy(o->vnet_name, v, cl);
			o->vnet_name[cl] = '\0';
			break;
		default:
			break;
		}
		off += 2 + cl;
	}
	return 0;

bad_cap:
	notify_set(err, BGP_ERR_OPEN, 0, p + off, 2 + (size_t)p[off + 1]);
	return -1;
bad:
	notify_set(err, BGP_ERR_OPEN, 0, NULL, 0);
	return -1;
}

int bgp_open_parse(const uint8_t *msg, size_t len, struct bgp_open *o,
		   struct bgp_notify *err)
{
	static const uint8_t version[2] = { 0, BGP_VERSION };
	static const uint8_t as4_cap[6] = { CAP_AS4, 4, 0, 0, 0, 0 };
	const uint8_t *p = msg + BGP_HDR_LEN;
	bool as4 = false;
	uint16_t my_as;
	size_t off, ol;

	memset(o, 0, sizeof(*o));
	memset(err, 0, sizeof(*err));
	if (len < OPEN_MIN_LEN || len > BGP_MAX_LEN ||
	    len != OPEN_MIN_LEN + (size_t)p[9]) {
		uint8_t l[2] = { len >> 8, len };

		notify_copy(err, BGP_ERR_HEADER, BGP_ERR_HEADER_LENGTH, l, 2);
		return -1;
	}
	if (p[0] != BGP_VERSION) {
		notify_copy(err, BGP_ERR_OPEN, BGP_ERR_OPEN_VERSION,
			    version, 2);
		return -1;
	}
	my_as = get16(p + 1);
	o->hold_time = get16(p + 3);
	o->bgp_id = get32(p + 5);
	if (o->hold_time == 1 || o->hold_time == 2) {
		notify_set(err, BGP_ERR_OPEN, BGP_ERR_OPEN_HOLD_TIME, NULL, 0);
		return -1;
	}
	if (!o->bgp_id) {
		notify_set(err, BGP_ERR_OPEN, BGP_ERR_OPEN_BGP_ID, NULL, 0);
		return -1;
	}
	p += 10;
	ol = len - OPEN_MIN_LEN;
	for (off = 0; off < ol; ) {
		uint8_t type, pl;

		if (ol - off < 2) {
			notify_set(err, BGP_ERR_OPEN, 0, NULL, 0);
			return -1;
		}
		type = p[off];
		pl = p[off + 1];
		if (pl > ol - off - 2) {
			notify_set(err, BGP_ERR_OPEN, 0, NULL, 0);
			return -1;
		}
		if (type != OPT_PARAM_CAPABILITIES) {
			notify_set(err, BGP_ERR_OPEN, BGP_ERR_OPEN_OPT_PARAM,
				   NULL, 0);
			return -1;
		}
		if (open_caps(p + off + 2, pl, o, &as4, err))
			return -1;
		off += 2 + pl;
	}
	if (!as4) {
		notify_copy(err, BGP_ERR_OPEN, BGP_ERR_OPEN_CAPABILITY,
			    as4_cap, sizeof(as4_cap));
		return -1;
	}
	/* RFC 6793 4.1 (My AS), RFC 7607 (AS 0) */
	if (!o->asn || my_as != (o->asn > 0xffff ? BGP_AS_TRANS : o->asn)) {
		notify_set(err, BGP_ERR_OPEN, BGP_ERR_OPEN_PEER_AS, NULL, 0);
		return -1;
	}
	return 0;
}

static size_t cap_mp_put(uint8_t *p, uint16_t afi)
{
	p[0] = CAP_MP;
	p[1] = 4;
	put16(p + 2, afi);
	p[4] = 0;
	p[5] = BGP_SAFI_UNICAST;
	return 6;
}

size_t bgp_open_build(uint8_t *buf, const struct bgp_open *o)
{
	uint8_t *caps = buf + OPEN_MIN_LEN + 2;
	uint8_t *p = caps;
	size_t len;

	if (o->mp_ipv4)
		p += cap_mp_put(p, BGP_AFI_IPV4);
	if (o->mp_ipv6)
		p += cap_mp_put(p, BGP_AFI_IPV6);
	if (o->route_refresh) {
		p[0] = CAP_ROUTE_REFRESH;
		p[1] = 0;
		p += 2;
	}
	p[0] = CAP_AS4;
	p[1] = 4;
	put32(p + 2, o->asn);
	p += 6;
	if (o->gr) {
		uint8_t *l = p + 1;

		p[0] = CAP_GR;
		put16(p + 2, (uint16_t)((o->gr_flags & 0xf) << 12 |
					(o->gr_time & 0xfff)));
		p += 4;
		if (o->gr_ipv4) {
			put16(p, BGP_AFI_IPV4);
			p[2] = BGP_SAFI_UNICAST;
			p[3] = o->gr_ipv4_fwd ? BGP_GR_FORWARDING : 0;
			p += 4;
		}
		if (o->gr_ipv6) {
			put16(p, BGP_AFI_IPV6);
			p[2] = BGP_SAFI_UNICAST;
			p[3] = o->gr_ipv6_fwd ? BGP_GR_FORWARDING : 0;
			p += 4;
		}
		*l = p - l - 1;
	}
	if (o->has_vnet) {
		size_t n = strnlen(o->vnet_name, BGP_VNET_NAME_MAX);

		p[0] = CAP_VNET;
		p[1] = n;
		memcpy(p + 2, o->vnet_name, n);
		p += 2 + n;
	}
	len = p - buf;
	header_put(buf, len, BGP_OPEN);
	buf[19] = BGP_VERSION;
	put16(buf + 20, o->asn > 0xffff ? BGP_AS_TRANS : o->asn);
	put16(buf + 22, o->hold_time);
	put32(buf + 24, o->bgp_id);
	buf[28] = len - OPEN_MIN_LEN;
	buf[29] = OPT_PARAM_CAPABILITIES;
	buf[30] = p - caps;
	return len;
}

/* UPDATE */

/* What a malformed attribute of a type gets (RFC 7606 7) */
enum attr_act {
	ACT_WITHDRAW,
	ACT_DISCARD,
};

struct attr_desc {
	uint8_t flags;		/* its Optional and Transitive bits */
	uint8_t malformed;	/* enum attr_act */
	const char *flags_why;
};

#define DESC(f, act, name) { \
	.flags = (f), .malformed = (act), \
	.flags_why = name ": conflicting attribute flags", \
}

static const struct attr_desc attr_descs[256] = {
	[ATTR_ORIGIN] = DESC(ATTR_WELL_KNOWN, ACT_WITHDRAW, "ORIGIN"),
	[ATTR_AS_PATH] = DESC(ATTR_WELL_KNOWN, ACT_WITHDRAW, "AS_PATH"),
	[ATTR_NEXT_HOP] = DESC(ATTR_WELL_KNOWN, ACT_WITHDRAW, "NEXT_HOP"),
	[ATTR_MED] = DESC(ATTR_OPTIONAL, ACT_WITHDRAW, "MULTI_EXIT_DISC"),
	[ATTR_LOCAL_PREF] = DESC(ATTR_WELL_KNOWN, ACT_WITHDRAW, "LOCAL_PREF"),
	[ATTR_ATOMIC_AGGREGATE] = DESC(ATTR_WELL_KNOWN, ACT_DISCARD,
				       "ATOMIC_AGGREGATE"),
	[ATTR_AGGREGATOR] = DESC(ATTR_OPT_TRANS, ACT_DISCARD, "AGGREGATOR"),
	[ATTR_COMMUNITIES] = DESC(ATTR_OPT_TRANS, ACT_WITHDRAW,
				  "COMMUNITIES"),
	[ATTR_ORIGINATOR_ID] = DESC(ATTR_OPTIONAL, ACT_WITHDRAW,
				    "ORIGINATOR_ID"),
	[ATTR_CLUSTER_LIST] = DESC(ATTR_OPTIONAL, ACT_WITHDRAW,
				   "CLUSTER_LIST"),
	[ATTR_MP_REACH] = DESC(ATTR_OPTIONAL, ACT_WITHDRAW, "MP_REACH_NLRI"),
	[ATTR_MP_UNREACH] = DESC(ATTR_OPTIONAL, ACT_WITHDRAW,
				 "MP_UNREACH_NLRI"),
	[ATTR_EXT_COMMUNITIES] = DESC(ATTR_OPT_TRANS, ACT_WITHDRAW,
				      "EXTENDED_COMMUNITIES"),
	[ATTR_AS4_PATH] = DESC(ATTR_OPT_TRANS, ACT_DISCARD, "AS4_PATH"),
	[ATTR_AS4_AGGREGATOR] = DESC(ATTR_OPT_TRANS, ACT_DISCARD,
				     "AS4_AGGREGATOR"),
	[ATTR_IPV6_EXT_COMMUNITIES] = DESC(ATTR_OPT_TRANS, ACT_WITHDRAW,
					   "IPV6_EXT_COMMUNITIES"),
	[ATTR_LARGE_COMMUNITIES] = DESC(ATTR_OPT_TRANS, ACT_WITHDRAW,
					"LARGE_COMMUNITY"),
	/* only on a mesh session (attr_parse) */
	[ATTR_VNET_HOPS] = DESC(ATTR_OPTIONAL, ACT_WITHDRAW, "VNET_HOPS"),
};

/* One path attribute, as found in the list */
struct attr {
	uint8_t flags;
	uint8_t type;
	const uint8_t *raw;	/* from its flags to the end of its value */
	size_t raw_len;
	const uint8_t *val;
	size_t len;
};

/* The state of one UPDATE's parse */
struct upd_ctx {
	const struct bgp_session_caps *caps;
	struct bgp_update *u;
	struct bgp_notify *err;
	/*
	 * The first treat-as-withdraw error's NOTIFICATION, for when RFC
	 * 7606 5.2 turns it into a session reset
	 */
	bool tw_reset;
	uint8_t tw_subcode;
	const uint8_t *tw_data;
	size_t tw_len;
	bool reach;		/* NLRI field or MP_REACH_NLRI NLRI */
	bool other_attrs;	/* attributes but MP_UNREACH_NLRI */
	unsigned int nattrs;
	const uint8_t *mp_unreach_raw;	/* for End-of-RIB */
	size_t mp_unreach_nlri;
	uint8_t mp_unreach_fam;
};

/* RFC 7606 treat-as-withdraw, for @why; @a the attribute, if any */
static void withdraw(struct upd_ctx *c, const struct attr *a,
		     uint8_t subcode, const char *why)
{
	if (!c->u->treat_as_withdraw) {
		c->u->treat_as_withdraw = true;
		c->u->reason = why;
	}
	if (!c->tw_reset) {
		c->tw_reset = true;
		c->tw_subcode = subcode;
		c->tw_data = a ? a->raw : NULL;
		c->tw_len = a ? a->raw_len : 0;
	}
}

/* Routes to ignore (RFC 4271 6.3), which is never a session reset */
static void ignore_routes(struct upd_ctx *c, const char *why)
{
	if (!c->u->treat_as_withdraw) {
		c->u->treat_as_withdraw = true;
		c->u->reason = why;
	}
}

/* RFC 7606 attribute-discard */
static void discard(struct upd_ctx *c, const char *why)
{
	if (c->u->discarded < UINT8_MAX)
		c->u->discarded++;
	c->u->discard_reason = why;
}

static int reset(struct upd_ctx *c, uint8_t subcode, const uint8_t *data,
		 size_t len)
{
	notify_set(c->err, BGP_ERR_UPDATE, subcode, data, len);
	return -1;
}

/**
 * as_path_check - check an AS_PATH's segments (RFC 7606 7.2)
 * @c: the parse
 * @a: the attribute
 *
 * Fills in the path and its length for best-path selection (RFC 4271
 * 9.1.2.2: a set counts 1; RFC 5065: confederation segments count 0).
 */
static void as_path_check(struct upd_ctx *c, const struct attr *a)
{
	struct bgp_attrs *at = &c->u->attrs;
	const char *why = NULL;
	unsigned int count = 0;
	size_t off = 0;

	while (off < a->len) {
		uint8_t type, n;
		size_t i;

		if (a->len - off < 2) {
			why = "AS_PATH: truncated segment header";
			break;
		}
		type = a->val[off];
		n = a->val[off + 1];
		if (type < AS_SET || type > AS_CONFED_SET) {
			why = "AS_PATH: unknown segment type";
			break;
		}
		if (!n) {
			why = "AS_PATH: empty segment";
			break;
		}
		if (n * 4u > a->len - off - 2) {
			why = "AS_PATH: segment overruns the attribute";
			break;
		}
		if (type >= AS_CONFED_SEQUENCE && c->caps->ebgp) {
			why = "AS_PATH: confederation segment from eBGP";
			break;
		}
		for (i = 0; i < n; i++) {
			if (!get32(a->val + off + 2 + 4 * i)) {
				why = "AS_PATH: AS 0";
				break;
			}
		}
		if (why)
			break;
		if (type == AS_SEQUENCE)
			count += n;
		else if (type == AS_SET)
			count++;
		off += 2 + 4u * n;
	}
	if (why) {
		withdraw(c, a, BGP_ERR_UPDATE_AS_PATH, why);
		return;
	}
	at->has_as_path = true;
	at->as_path = a->val;
	at->as_path_len = a->len;
	at->as_path_count = count;
}

/* Is @a (network byte order) usable as an IPv4 next hop? */
static bool ipv4_unicast(const uint8_t *a)
{
	/* 0/8, loopback, multicast, limited broadcast */
	if (a[0] == 0 || a[0] == 127 || (a[0] >= 224 && a[0] < 240))
		return false;
	return get32(a) != 0xffffffff;
}

static bool ipv6_unicast(const struct in6_addr *a)
{
	return !IN6_IS_ADDR_UNSPECIFIED(a) && !IN6_IS_ADDR_LOOPBACK(a) &&
	       !IN6_IS_ADDR_MULTICAST(a);
}

/* The address family of AFI/SAFI at @p, if one vnetd knows */
static uint8_t afi_safi_family(const uint8_t *p)
{
	if (p[2] != BGP_SAFI_UNICAST)
		return 0;
	switch (get16(p)) {
	case BGP_AFI_IPV4:
		return AF_INET;
	case BGP_AFI_IPV6:
		return AF_INET6;
	}
	return 0;
}

static bool family_negotiated(const struct upd_ctx *c, uint8_t family)
{
	return family == AF_INET ? c->caps->ipv4 :
	       family == AF_INET6 ? c->caps->ipv6 : false;
}

/**
 * mp_reach - parse MP_REACH_NLRI (RFC 4760 3, RFC 7606 7.11)
 * @c: the parse
 * @a: the attribute
 *
 * Return: 0, or -1 to reset the session.
 */
static int mp_reach(struct upd_ctx *c, const struct attr *a)
{
	struct bgp_update *u = c->u;
	const uint8_t *nh, *nlri;
	size_t nhlen, nlri_len;
	uint8_t family;

	if (a->len < 5 || (size_t)a->val[3] + 5 > a->len)
		return reset(c, BGP_ERR_UPDATE_OPTIONAL, a->raw, a->raw_len);
	family = afi_safi_family(a->val);
	nhlen = a->val[3];
	nh = a->val + 4;
	nlri = nh + nhlen + 1;
	nlri_len = a->len - 5 - nhlen;
	if (nlri_len)
		c->reach = true;
	if (!family)
		return 0;
	if (family == AF_INET ? nhlen != 4 : nhlen != 16 && nhlen != 32)
		return reset(c, BGP_ERR_UPDATE_OPTIONAL, a->raw, a->raw_len);
	if (!nlri_check(nlri, nlri_len, family_bits(family)))
		return reset(c, BGP_ERR_UPDATE_NETWORK, NULL, 0);
	if (!family_negotiated(c, family))
		return 0;
	u->mp_reach_family = family;
	u->mp_reach = nlri;
	u->mp_reach_len = nlri_len;
	memcpy(&u->mp_next_hop, nh, nhlen < 16 ? nhlen : 16);
	if (family == AF_INET) {
		if (!ipv4_unicast(nh))
			ignore_routes(c, "MP_REACH_NLRI: next hop not unicast");
		return 0;
	}
	if (nhlen == 32) {
		memcpy(&u->mp_next_hop_ll, nh + 16, 16);
		if (!IN6_IS_ADDR_LINKLOCAL(&u->mp_next_hop_ll))
			memset(&u->mp_next_hop_ll, 0, 16);
	}
	if (!ipv6_unicast(&u->mp_next_hop))
		ignore_routes(c, "MP_REACH_NLRI: next hop not unicast");
	return 0;
}

/* MP_UNREACH_NLRI (RFC 4760 4); 0, or -1 to reset the session */
static int mp_unreach(struct upd_ctx *c, const struct attr *a)
{
	struct bgp_update *u = c->u;
	uint8_t family;

	if (a->len < 3)
		return reset(c, BGP_ERR_UPDATE_OPTIONAL, a->raw, a->raw_len);
	family = afi_safi_family(a->val);
	c->mp_unreach_raw = a->raw;
	c->mp_unreach_fam = family;
	c->mp_unreach_nlri = a->len - 3;
	if (!family)
		return 0;
	if (!nlri_check(a->val + 3, a->len - 3, family_bits(family)))
		return reset(c, BGP_ERR_UPDATE_NETWORK, NULL, 0);
	if (!family_negotiated(c, family))
		return 0;
	u->mp_unreach_family = family;
	u->mp_unreach = a->val + 3;
	u->mp_unreach_len = a->len - 3;
	return 0;
}

/* VNET_HOPS */

/* Is the IPv6 address at @p (any alignment) one a hop may have? */
static bool vnet_ipv6_ok(const uint8_t *p, const char **why)
{
	struct in6_addr a;

	memcpy(&a, p, sizeof(a));
	if (!ipv6_unicast(&a))
		*why = "VNET_HOPS: IPv6 address not unicast";
	else if (IN6_IS_ADDR_V4MAPPED(&a))
		*why = "VNET_HOPS: IPv4-mapped IPv6 address";
	else
		return true;
	return false;
}

/**
 * vnet_hop_check - check one hop of a VNET_HOPS value
 * @p: the hop
 * @rem: the bytes of the value from @p on, at least 1
 * @why: set to what is wrong with it, if anything
 *
 * Return: the hop's length, or 0.
 */
static size_t vnet_hop_check(const uint8_t *p, size_t rem, const char **why)
{
	uint8_t alen;

	if (rem < 5) {
		*why = "VNET_HOPS: truncated hop";
		return 0;
	}
	if (get32(p) >> 24) {
		*why = "VNET_HOPS: VNI not below 2^24";
		return 0;
	}
	alen = p[4];
	if (alen != 4 && alen != 16) {
		*why = "VNET_HOPS: address length not 4 or 16";
		return 0;
	}
	if (alen > rem - 5) {
		*why = "VNET_HOPS: hop overruns the attribute";
		return 0;
	}
	if (alen == 4 && !ipv4_unicast(p + 5)) {
		*why = "VNET_HOPS: IPv4 address not unicast";
		return 0;
	}
	if (alen == 16 && !vnet_ipv6_ok(p + 5, why))
		return 0;
	return 5 + alen;
}

/* VNET_HOPS on a mesh session: kept when well-formed, else withdraw */
static void vnet_hops_check(struct upd_ctx *c, const struct attr *a)
{
	struct bgp_attrs *at = &c->u->attrs;
	const char *why = NULL;
	unsigned int n = 0;
	size_t off = 0;

	while (off < a->len) {
		size_t hl;

		if (n == BGP_VNET_MAX_HOPS) {
			why = "VNET_HOPS: more than 16 hops";
			break;
		}
		hl = vnet_hop_check(a->val + off, a->len - off, &why);
		if (!hl)
			break;
		off += hl;
		n++;
	}
	if (!why && !n)
		why = "VNET_HOPS: no hops";
	if (why) {
		withdraw(c, a, BGP_ERR_UPDATE_OPTIONAL, why);
		return;
	}
	at->vnet_hops = a->val;
	at->vnet_hops_len = a->len;
	at->vnet_nhops = n;
}

void bgp_vnet_hops_init(struct bgp_vnet_hop_iter *it, const uint8_t *p,
			size_t len)
{
	it->p = p;
	it->end = p ? p + len : p;
}

bool bgp_vnet_hop_next(struct bgp_vnet_hop_iter *it, struct bgp_vnet_hop *h)
{
	const char *why;
	size_t hl;

	if (!it->p || it->p >= it->end)
		return false;
	/* checked by bgp_update_parse; stop rather than overrun if not */
	hl = vnet_hop_check(it->p, it->end - it->p, &why);
	if (!hl) {
		it->p = it->end;
		return false;
	}
	memset(h, 0, sizeof(*h));
	h->vni = get32(it->p);
	h->family = hl == 5 + 4 ? AF_INET : AF_INET6;
	memcpy(h->addr, it->p + 5, hl - 5);
	it->p += hl;
	return true;
}

size_t bgp_vnet_hops_put(uint8_t *buf, const struct bgp_vnet_hop *h,
			 unsigned int n)
{
	uint8_t *p = buf;
	unsigned int i;
	const char *why;

	if (!n || n > BGP_VNET_MAX_HOPS)
		return 0;
	for (i = 0; i < n; i++) {
		uint8_t alen = h[i].family == AF_INET ? 4 : 16;

		if (h[i].family != AF_INET && h[i].family != AF_INET6)
			return 0;
		put32(p, h[i].vni);
		p[4] = alen;
		memcpy(p + 5, h[i].addr, alen);
		/* what the peer checks */
		if (!vnet_hop_check(p, 5u + alen, &why))
			return 0;
		p += 5 + alen;
	}
	return p - buf;
}

/* A length check of @a: treat-as-withdraw or discard on failure */
static bool attr_len_ok(struct upd_ctx *c, const struct attr *a, bool ok,
			const char *why)
{
	if (ok)
		return true;
	if (attr_descs[a->type].malformed == ACT_DISCARD)
		discard(c, why);
	else
		withdraw(c, a, BGP_ERR_UPDATE_LENGTH, why);
	return false;
}

/**
 * attr_parse - check one path attribute and take what vnetd uses of it
 * @c: the parse
 * @a: the attribute
 *
 * Return: 0, or -1 to reset the session (@c->err set).
 */
static int attr_parse(struct upd_ctx *c, const struct attr *a)
{
	const struct attr_desc *d = &attr_descs[a->type];
	uint8_t fmask = ATTR_OPTIONAL | ATTR_TRANSITIVE;
	struct bgp_attrs *at = &c->u->attrs;
	bool ebgp = c->caps->ebgp;

	if (!d->flags_why ||
	    (a->type == ATTR_VNET_HOPS && !c->caps->vnet)) {
		/* not one vnetd knows, or not on this session */
		if (!(a->flags & ATTR_OPTIONAL))
			return reset(c, BGP_ERR_UPDATE_WELL_KNOWN, a->raw,
				     a->raw_len);
		return 0;
	}
	switch (a->type) {
	case ATTR_AS4_PATH:
		discard(c, "AS4_PATH from a 4-octet AS speaker");
		return 0;
	case ATTR_AS4_AGGREGATOR:
		discard(c, "AS4_AGGREGATOR from a 4-octet AS speaker");
		return 0;
	case ATTR_LOCAL_PREF:
		if (ebgp) {
			discard(c, "LOCAL_PREF from an external peer");
			return 0;
		}
		break;
	case ATTR_ORIGINATOR_ID:
		if (ebgp) {
			discard(c, "ORIGINATOR_ID from an external peer");
			return 0;
		}
		break;
	case ATTR_CLUSTER_LIST:
		if (ebgp) {
			discard(c, "CLUSTER_LIST from an external peer");
			return 0;
		}
		break;
	}
	/* non-transitive, so not partial either (RFC 4271 4.3) */
	if (a->type == ATTR_VNET_HOPS)
		fmask |= ATTR_PARTIAL;
	if ((a->flags ^ d->flags) & fmask) {
		if (d->malformed == ACT_DISCARD) {
			discard(c, d->flags_why);
			return 0;
		}
		withdraw(c, a, BGP_ERR_UPDATE_FLAGS, d->flags_why);
		/* what is wrong with the others is wrong with their use */
		if (a->type != ATTR_MP_REACH && a->type != ATTR_MP_UNREACH)
			return 0;
	}

	switch (a->type) {
	case ATTR_ORIGIN:
		if (!attr_len_ok(c, a, a->len == 1, "ORIGIN: length not 1"))
			break;
		if (a->val[0] > 2) {
			withdraw(c, a, BGP_ERR_UPDATE_ORIGIN,
				 "ORIGIN: undefined value");
			break;
		}
		at->has_origin = true;
		at->origin = a->val[0];
		break;
	case ATTR_AS_PATH:
		as_path_check(c, a);
		break;
	case ATTR_NEXT_HOP:
		if (!attr_len_ok(c, a, a->len == 4, "NEXT_HOP: length not 4"))
			break;
		at->has_next_hop = true;
		memcpy(&at->next_hop, a->val, 4);
		/* without an NLRI field it is ignored (RFC 4760 3) */
		if (c->u->nlri_len && !ipv4_unicast(a->val))
			ignore_routes(c, "NEXT_HOP: not a unicast address");
		break;
	case ATTR_MED:
		if (!attr_len_ok(c, a, a->len == 4,
				 "MULTI_EXIT_DISC: length not 4"))
			break;
		at->has_med = true;
		at->med = get32(a->val);
		break;
	case ATTR_LOCAL_PREF:
		if (!attr_len_ok(c, a, a->len == 4, "LOCAL_PREF: length not 4"))
			break;
		at->has_local_pref = true;
		at->local_pref = get32(a->val);
		break;
	case ATTR_ATOMIC_AGGREGATE:
		attr_len_ok(c, a, a->len == 0,
			    "ATOMIC_AGGREGATE: length not 0");
		break;
	case ATTR_AGGREGATOR:
		if (!attr_len_ok(c, a, a->len == 8, "AGGREGATOR: length not 8"))
			break;
		if (!get32(a->val))
			discard(c, "AGGREGATOR: AS 0");
		break;
	case ATTR_COMMUNITIES:
	case ATTR_CLUSTER_LIST:
		attr_len_ok(c, a, a->len && a->len % 4 == 0,
			    a->type == ATTR_COMMUNITIES ?
			    "COMMUNITIES: length not k * 4" :
			    "CLUSTER_LIST: length not k * 4");
		break;
	case ATTR_ORIGINATOR_ID:
		attr_len_ok(c, a, a->len == 4, "ORIGINATOR_ID: length not 4");
		break;
	case ATTR_EXT_COMMUNITIES:
		attr_len_ok(c, a, a->len && a->len % 8 == 0,
			    "EXTENDED_COMMUNITIES: length not k * 8");
		break;
	case ATTR_IPV6_EXT_COMMUNITIES:
		attr_len_ok(c, a, a->len && a->len % 20 == 0,
			    "IPV6_EXT_COMMUNITIES: length not k * 20");
		break;
	case ATTR_LARGE_COMMUNITIES:
		attr_len_ok(c, a, a->len && a->len % 12 == 0,
			    "LARGE_COMMUNITY: length not k * 12");
		break;
	case ATTR_MP_REACH:
		return mp_reach(c, a);
	case ATTR_MP_UNREACH:
		return mp_unreach(c, a);
	case ATTR_VNET_HOPS:
		vnet_hops_check(c, a);
		break;
	}
	return 0;
}

/**
 * attrs_parse - walk the path attribute list (RFC 7606 3, 4)
 * @c: the parse
 * @p: the list
 * @len: its Total Path Attribute Length
 *
 * Return: 0, or -1 to reset the session.
 */
static int attrs_parse(struct upd_ctx *c, const uint8_t *p, size_t len)
{
	uint8_t seen[256 / 8] = { 0 };
	size_t off = 0;

	while (off < len) {
		size_t rem = len - off, hl;
		struct attr a;

		a.flags = p[off];
		hl = a.flags & ATTR_EXTLEN ? 4 : 3;
		if (rem < hl) {
			/* RFC 7606 4, second case: a partial header */
			if (rem >= 2 && (p[off + 1] == ATTR_MP_REACH ||
					 p[off + 1] == ATTR_MP_UNREACH))
				return reset(c, BGP_ERR_UPDATE_ATTR_LIST,
					     NULL, 0);
			c->other_attrs = true;
			withdraw(c, NULL, BGP_ERR_UPDATE_ATTR_LIST,
				 "attribute list: truncated attribute header");
			return 0;
		}
		a.type = p[off + 1];
		a.len = hl == 4 ? get16(p + off + 2) : p[off + 2];
		if (a.len > rem - hl) {
			/* RFC 7606 4, first case: an overrun */
			if (a.type == ATTR_MP_REACH ||
			    a.type == ATTR_MP_UNREACH)
				return reset(c, BGP_ERR_UPDATE_ATTR_LIST,
					     NULL, 0);
			c->other_attrs = true;
			withdraw(c, NULL, BGP_ERR_UPDATE_ATTR_LIST,
				 "attribute list: attribute overruns it");
			return 0;
		}
		a.raw = p + off;
		a.raw_len = hl + a.len;
		a.val = p + off + hl;
		off += a.raw_len;
		c->nattrs++;
		if (a.type != ATTR_MP_UNREACH)
			c->other_attrs = true;

		/* RFC 7606 3.g */
		if (seen[a.type / 8] & 1 << a.type % 8) {
			if (a.type == ATTR_MP_REACH ||
			    a.type == ATTR_MP_UNREACH)
				return reset(c, BGP_ERR_UPDATE_ATTR_LIST,
					     NULL, 0);
			discard(c, "repeated attribute");
			continue;
		}
		seen[a.type / 8] |= 1 << a.type % 8;
		if (attr_parse(c, &a))
			return -1;
	}
	return 0;
}

/*
 * Missing mandatory attributes (RFC 7606 3.d; NEXT_HOP only with an NLRI
 * field, RFC 4760 3; VNET_HOPS on a mesh session). Only called with
 * reachable NLRI, so never a reset.
 */
static void mandatory_check(struct upd_ctx *c, bool nlri_field)
{
	const struct bgp_attrs *at = &c->u->attrs;

	if (!at->has_origin)
		withdraw(c, NULL, BGP_ERR_UPDATE_MISSING, "missing ORIGIN");
	else if (!at->has_as_path)
		withdraw(c, NULL, BGP_ERR_UPDATE_MISSING, "missing AS_PATH");
	else if (nlri_field && !at->has_next_hop)
		withdraw(c, NULL, BGP_ERR_UPDATE_MISSING, "missing NEXT_HOP");
	else if (c->caps->vnet && !at->vnet_hops)
		withdraw(c, NULL, BGP_ERR_UPDATE_MISSING, "missing VNET_HOPS");
}

int bgp_update_parse(const uint8_t *msg, size_t len,
		     const struct bgp_session_caps *caps,
		     struct bgp_update *u, struct bgp_notify *err)
{
	struct upd_ctx c = { .caps = caps, .u = u, .err = err };
	const uint8_t *p = msg + BGP_HDR_LEN;
	size_t wlen, alen, rest;
	const uint8_t *attrs;

	memset(u, 0, sizeof(*u));
	memset(err, 0, sizeof(*err));
	if (len < UPDATE_MIN_LEN || len > BGP_MAX_LEN) {
		uint8_t l[2] = { len >> 8, len };

		notify_copy(err, BGP_ERR_HEADER, BGP_ERR_HEADER_LENGTH, l, 2);
		return -1;
	}
	rest = len - UPDATE_MIN_LEN;
	wlen = get16(p);
	if (wlen > rest)
		return reset(&c, BGP_ERR_UPDATE_ATTR_LIST, NULL, 0);
	u->withdrawn = p + 2;
	u->withdrawn_len = wlen;
	p += 2 + wlen;
	rest -= wlen;
	alen = get16(p);
	if (alen > rest)
		return reset(&c, BGP_ERR_UPDATE_ATTR_LIST, NULL, 0);
	attrs = p + 2;
	u->nlri = attrs + alen;
	u->nlri_len = rest - alen;

	/* RFC 7606 3.i, 5.3 */
	if (!nlri_check(u->withdrawn, wlen, 32) ||
	    !nlri_check(u->nlri, u->nlri_len, 32))
		return reset(&c, BGP_ERR_UPDATE_NETWORK, NULL, 0);
	c.reach = u->nlri_len;

	if (attrs_parse(&c, attrs, alen))
		return -1;
	if (c.reach)
		mandatory_check(&c, u->nlri_len);
	/* RFC 7606 5.2 */
	if (u->treat_as_withdraw && !c.reach && c.other_attrs && c.tw_reset)
		return reset(&c, c.tw_subcode, c.tw_data, c.tw_len);

	/* RFC 4724 2 */
	if (!wlen && !u->nlri_len && !u->treat_as_withdraw) {
		if (!alen && caps->ipv4)
			u->eor_family = AF_INET;
		else if (c.nattrs == 1 && c.mp_unreach_raw &&
			 !c.mp_unreach_nlri &&
			 family_negotiated(&c, c.mp_unreach_fam))
			u->eor_family = c.mp_unreach_fam;
	}
	if (!caps->ipv4) {
		u->withdrawn = NULL;
		u->nlri = NULL;
		u->withdrawn_len = 0;
		u->nlri_len = 0;
	}
	return 0;
}

/**
 * as_path_put - write an AS_PATH's value with @a->local_asn prepended
 * @p: where, or NULL to only compute its length
 * @a: the path and the AS
 *
 * The AS goes into the first segment if that is an AS_SEQUENCE with room
 * for it, else into a new AS_SEQUENCE before it (RFC 4271 5.1.2). AS 0
 * is not prepended: the path goes as it is.
 * Return: its length.
 */
static size_t as_path_put(uint8_t *p, const struct bgp_attrs_out *a)
{
	size_t len = a->as_path ? a->as_path_len : 0;
	const uint8_t *path = a->as_path;

	if (!a->local_asn) {
		if (p && len)
			memcpy(p, path, len);
		return len;
	}
	if (len >= 2 && path[0] == AS_SEQUENCE && path[1] < 255) {
		if (p) {
			p[0] = AS_SEQUENCE;
			p[1] = path[1] + 1;
			put32(p + 2, a->local_asn);
			memcpy(p + 6, path + 2, len - 2);
		}
		return len + 4;
	}
	if (p) {
		p[0] = AS_SEQUENCE;
		p[1] = 1;
		put32(p + 2, a->local_asn);
		if (len)
			memcpy(p + 6, path, len);
	}
	return len + 6;
}

/* The length of an attribute's header for a value of @len bytes */
static size_t attr_hdr_len(size_t len)
{
	return len > 255 ? 4 : 3;
}

static size_t attr_hdr_put(uint8_t *p, uint8_t flags, uint8_t type,
			   size_t len)
{
	p[1] = type;
	if (len > 255) {
		p[0] = flags | ATTR_EXTLEN;
		put16(p + 2, len);
		return 4;
	}
	p[0] = flags;
	p[2] = len;
	return 3;
}

/* MP_REACH_NLRI of IPv6 unicast: AFI, SAFI, 16-byte next hop, reserved */
#define MP_REACH6_FIXED		(2 + 1 + 1 + 16 + 1)

static size_t mp_reach6_extra(size_t nlri)
{
	return attr_hdr_len(MP_REACH6_FIXED + nlri) + MP_REACH6_FIXED;
}

static size_t no_extra(size_t nlri)
{
	(void)nlri;
	return 0;
}

size_t bgp_update_build(uint8_t *buf, const struct bgp_attrs_out *a,
			const struct bgp_prefix *pfx, size_t n, size_t *used)
{
	size_t hops = a->vnet_hops ? a->vnet_hops_len : 0;
	size_t aspath = as_path_put(NULL, a);
	size_t attrs, fixed, nlri, k, i;
	bool v6;
	uint8_t *p;

	*used = 0;
	if (!n || (pfx[0].family != AF_INET && pfx[0].family != AF_INET6))
		return 0;
	v6 = pfx[0].family == AF_INET6;
	/* ORIGIN, AS_PATH, NEXT_HOP (IPv4), MULTI_EXIT_DISC, VNET_HOPS */
	attrs = 4 + attr_hdr_len(aspath) + aspath + (v6 ? 0 : 7) +
		(a->has_med ? 7 : 0) + (hops ? attr_hdr_len(hops) + hops : 0);
	fixed = UPDATE_MIN_LEN + attrs;
	if (fixed > BGP_MAX_LEN)
		return 0;
	k = prefixes_fit(pfx, n, BGP_MAX_LEN - fixed,
			 v6 ? mp_reach6_extra : no_extra, &nlri);
	if (!k)
		return 0;

	p = buf + UPDATE_MIN_LEN;
	if (v6) {
		/* first, as RFC 7606 5.1 asks */
		p += attr_hdr_put(p, ATTR_OPTIONAL, ATTR_MP_REACH,
				  MP_REACH6_FIXED + nlri);
		put16(p, BGP_AFI_IPV6);
		p[2] = BGP_SAFI_UNICAST;
		p[3] = 16;
		memcpy(p + 4, &a->next_hop6, 16);
		p[20] = 0;
		p += MP_REACH6_FIXED;
		for (i = 0; i < k; i++)
			p += prefix_put(p, &pfx[i]);
	}
	p += attr_hdr_put(p, ATTR_WELL_KNOWN, ATTR_ORIGIN, 1);
	*p++ = a->origin;
	p += attr_hdr_put(p, ATTR_WELL_KNOWN, ATTR_AS_PATH, aspath);
	p += as_path_put(p, a);
	if (!v6) {
		p += attr_hdr_put(p, ATTR_WELL_KNOWN, ATTR_NEXT_HOP, 4);
		memcpy(p, &a->next_hop, 4);
		p += 4;
	}
	if (a->has_med) {
		p += attr_hdr_put(p, ATTR_OPTIONAL, ATTR_MED, 4);
		put32(p, a->med);
		p += 4;
	}
	if (hops) {
		p += attr_hdr_put(p, ATTR_OPTIONAL, ATTR_VNET_HOPS, hops);
		memcpy(p, a->vnet_hops, hops);
		p += hops;
	}
	put16(buf + 19, 0);
	put16(buf + 21, p - buf - UPDATE_MIN_LEN);
	if (!v6)
		for (i = 0; i < k; i++)
			p += prefix_put(p, &pfx[i]);
	header_put(buf, p - buf, BGP_UPDATE);
	*used = k;
	return p - buf;
}

/* MP_UNREACH_NLRI of IPv6 unicast, extended length: header, AFI, SAFI */
#define MP_UNREACH6_FIXED	(4 + 2 + 1)

static size_t mp_unreach6_extra(size_t nlri)
{
	(void)nlri;
	return MP_UNREACH6_FIXED;
}

size_t bgp_withdraw_build(uint8_t *buf, const struct bgp_prefix *pfx,
			  size_t n, size_t *used)
{
	size_t nlri, k, i;
	uint8_t *p;
	bool v6;

	*used = 0;
	if (!n || (pfx[0].family != AF_INET && pfx[0].family != AF_INET6))
		return 0;
	v6 = pfx[0].family == AF_INET6;
	k = prefixes_fit(pfx, n, BGP_MAX_LEN - UPDATE_MIN_LEN,
			 v6 ? mp_unreach6_extra : no_extra, &nlri);
	if (!k)
		return 0;
	p = buf + 19;
	if (v6) {
		put16(p, 0);
		put16(p + 2, MP_UNREACH6_FIXED + nlri);
		p[4] = ATTR_OPTIONAL | ATTR_EXTLEN;
		p[5] = ATTR_MP_UNREACH;
		put16(p + 6, 3 + nlri);
		put16(p + 8, BGP_AFI_IPV6);
		p[10] = BGP_SAFI_UNICAST;
		p += 11;
		for (i = 0; i < k; i++)
			p += prefix_put(p, &pfx[i]);
	} else {
		put16(p, nlri);
		p += 2;
		for (i = 0; i < k; i++)
			p += prefix_put(p, &pfx[i]);
		put16(p, 0);
		p += 2;
	}
	header_put(buf, p - buf, BGP_UPDATE);
	*used = k;
	return p - buf;
}

size_t bgp_eor_build(uint8_t *buf, uint8_t family)
{
	uint8_t *p = buf + 19;

	if (family != AF_INET && family != AF_INET6)
		return 0;
	put16(p, 0);
	if (family == AF_INET) {
		put16(p + 2, 0);
		header_put(buf, UPDATE_MIN_LEN, BGP_UPDATE);
		return UPDATE_MIN_LEN;
	}
	put16(p + 2, 6);
	p[4] = ATTR_OPTIONAL;
	p[5] = ATTR_MP_UNREACH;
	p[6] = 3;
	put16(p + 7, BGP_AFI_IPV6);
	p[9] = BGP_SAFI_UNICAST;
	header_put(buf, UPDATE_MIN_LEN + 6, BGP_UPDATE);
	return UPDATE_MIN_LEN + 6;
}

bool bgp_as_path_contains(const uint8_t *path, size_t len, uint32_t asn)
{
	size_t off = 0;

	while (path && len - off >= 2) {
		size_t n = path[off + 1], i;

		if (n * 4 > len - off - 2)
			return false;
		for (i = 0; i < n; i++)
			if (get32(path + off + 2 + 4 * i) == asn)
				return true;
		off += 2 + 4 * n;
	}
	return false;
}

/* KEEPALIVE, NOTIFICATION, ROUTE-REFRESH */

size_t bgp_keepalive_build(uint8_t *buf)
{
	header_put(buf, BGP_HDR_LEN, BGP_KEEPALIVE);
	return BGP_HDR_LEN;
}

int bgp_notify_parse(const uint8_t *msg, size_t len, struct bgp_notify *n)
{
	memset(n, 0, sizeof(*n));
	if (len < NOTIFY_MIN_LEN || len > BGP_MAX_LEN)
		return -1;
	n->code = msg[19];
	n->subcode = msg[20];
	n->data = msg + NOTIFY_MIN_LEN;
	n->len = len - NOTIFY_MIN_LEN;
	return 0;
}

size_t bgp_notify_build(uint8_t *buf, const struct bgp_notify *n)
{
	size_t len = n->data ? n->len : 0;

	if (len > BGP_MAX_LEN - NOTIFY_MIN_LEN)
		len = BGP_MAX_LEN - NOTIFY_MIN_LEN;
	header_put(buf, NOTIFY_MIN_LEN + len, BGP_NOTIFICATION);
	buf[19] = n->code;
	buf[20] = n->subcode;
	if (len)
		memmove(buf + NOTIFY_MIN_LEN, n->data, len);
	return NOTIFY_MIN_LEN + len;
}

int bgp_refresh_parse(const uint8_t *msg, size_t len, uint8_t *family,
		      struct bgp_notify *err)
{
	memset(err, 0, sizeof(*err));
	*family = 0;
	if (len != REFRESH_LEN) {
		notify_set(err, BGP_ERR_REFRESH, 1, msg, len);
		return -1;
	}
	/* AFI, subtype (RFC 7313 4: only 0 is a request), SAFI */
	if (msg[21] || msg[22] != BGP_SAFI_UNICAST)
		return 0;
	if (get16(msg + 19) == BGP_AFI_IPV4)
		*family = AF_INET;
	else if (get16(msg + 19) == BGP_AFI_IPV6)
		*family = AF_INET6;
	return 0;
}

size_t bgp_refresh_build(uint8_t *buf, uint8_t family)
{
	if (family != AF_INET && family != AF_INET6)
		return 0;
	header_put(buf, REFRESH_LEN, BGP_ROUTE_REFRESH);
	put16(buf + 19, family == AF_INET ? BGP_AFI_IPV4 : BGP_AFI_IPV6);
	buf[21] = 0;
	buf[22] = BGP_SAFI_UNICAST;
	return REFRESH_LEN;
}

/* Names */

const char *bgp_type_name(uint8_t type)
{
	switch (type) {
	case BGP_OPEN:
		return "OPEN";
	case BGP_UPDATE:
		return "UPDATE";
	case BGP_NOTIFICATION:
		return "NOTIFICATION";
	case BGP_KEEPALIVE:
		return "KEEPALIVE";
	case BGP_ROUTE_REFRESH:
		return "ROUTE-REFRESH";
	}
	return "unknown";
}

#define E_HDR		"message header error"
#define E_OPEN		"OPEN message error"
#define E_UPD		"UPDATE message error"
#define E_HOLD		"hold timer expired"
#define E_FSM		"finite state machine error"
#define E_CEASE		"Cease"
#define E_RR		"ROUTE-REFRESH message error"

static const struct {
	uint8_t code;
	uint8_t subcode;
	const char *name;
} err_names[] = {
	{ 1, 0, E_HDR },
	{ 1, 1, E_HDR " / connection not synchronized" },
	{ 1, 2, E_HDR " / bad message length" },
	{ 1, 3, E_HDR " / bad message type" },
	{ 2, 0, E_OPEN },
	{ 2, 1, E_OPEN " / unsupported version number" },
	{ 2, 2, E_OPEN " / bad peer AS" },
	{ 2, 3, E_OPEN " / bad BGP identifier" },
	{ 2, 4, E_OPEN " / unsupported optional parameter" },
	{ 2, 6, E_OPEN " / unacceptable hold time" },
	{ 2, 7, E_OPEN " / unsupported capability" },
	{ 2, 11, E_OPEN " / role mismatch" },
	{ 3, 0, E_UPD },
	{ 3, 1, E_UPD " / malformed attribute list" },
	{ 3, 2, E_UPD " / unrecognized well-known attribute" },
	{ 3, 3, E_UPD " / missing well-known attribute" },
	{ 3, 4, E_UPD " / attribute flags error" },
	{ 3, 5, E_UPD " / attribute length error" },
	{ 3, 6, E_UPD " / invalid ORIGIN attribute" },
	{ 3, 8, E_UPD " / invalid NEXT_HOP attribute" },
	{ 3, 9, E_UPD " / optional attribute error" },
	{ 3, 10, E_UPD " / invalid network field" },
	{ 3, 11, E_UPD " / malformed AS_PATH" },
	{ 4, 0, E_HOLD },
	{ 5, 0, E_FSM },
	{ 5, 1, E_FSM " / unexpected message in OpenSent state" },
	{ 5, 2, E_FSM " / unexpected message in OpenConfirm state" },
	{ 5, 3, E_FSM " / unexpected message in Established state" },
	{ 6, 0, E_CEASE },
	{ 6, 1, E_CEASE " / maximum number of prefixes reached" },
	{ 6, 2, E_CEASE " / administrative shutdown" },
	{ 6, 3, E_CEASE " / peer de-configured" },
	{ 6, 4, E_CEASE " / administrative reset" },
	{ 6, 5, E_CEASE " / connection rejected" },
	{ 6, 6, E_CEASE " / other configuration change" },
	{ 6, 7, E_CEASE " / connection collision resolution" },
	{ 6, 8, E_CEASE " / out of resources" },
	{ 6, 9, E_CEASE " / hard reset" },
	{ 6, 10, E_CEASE " / BFD down" },
	{ 7, 0, E_RR },
	{ 7, 1, E_RR " / invalid message length" },
};

const char *bgp_err_name(uint8_t code, uint8_t subcode)
{
	const char *base = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(err_names); i++) {
		if (err_names[i].code != code)
			continue;
		if (err_names[i].subcode == subcode)
			return err_names[i].name;
		if (!err_names[i].subcode)
			base = err_names[i].name;
	}
	return base ? base : "unknown error";
}

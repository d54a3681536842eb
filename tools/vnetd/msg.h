/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vnetd: BGP-4 messages (RFC 4271) with multiprotocol extensions for IPv4
 * and IPv6 unicast (RFC 4760), 4-octet AS numbers (RFC 6793), route
 * refresh (RFC 2918) and the graceful restart capability (RFC 4724),
 * checked with the revised error handling of RFC 7606.
 *
 * Pure functions over buffers: no I/O, no allocation, no global state, so
 * the parser builds alone and runs under a fuzzer. Every input is a
 * peer's and hostile: a parse either succeeds, with every length inside
 * the message checked, or says what to do about it (the NOTIFICATION to
 * send, or treat-as-withdraw).
 *
 * vnetd speaks only to peers that support 4-octet AS numbers: an OPEN
 * without that capability is refused (Unsupported Capability), so AS_PATH
 * is always in the 4-octet form and AS4_PATH and AS4_AGGREGATOR are
 * discarded as RFC 6793 says.
 *
 * Two private extensions serve the mesh of vnetd instances (sessions
 * between them, in one AS): the "vnet peering router" capability (code
 * 239, RFC 8810's experimental range), whose value names the peering
 * router a session is for, and the VNET_HOPS path attribute (type 255,
 * optional non-transitive), the tunnel hops of a route: a list of (VNI,
 * address). Any OPEN may carry the capability; VNET_HOPS is understood,
 * and required beside reachable NLRI, only on a session the caller marks
 * as of the mesh (bgp_session_caps.vnet). Elsewhere it is an unrecognized
 * optional attribute like any other.
 */
#ifndef VNETD_MSG_H
#define VNETD_MSG_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BGP_PORT		179
#define BGP_VERSION		4
#define BGP_HDR_LEN		19
#define BGP_MAX_LEN		4096
#define BGP_AS_TRANS		23456

enum bgp_type {
	BGP_OPEN = 1,
	BGP_UPDATE = 2,
	BGP_NOTIFICATION = 3,
	BGP_KEEPALIVE = 4,
	BGP_ROUTE_REFRESH = 5,
};

/* NOTIFICATION error codes (RFC 4271 4.5) and subcodes */
enum bgp_err {
	BGP_ERR_HEADER = 1,
	BGP_ERR_OPEN = 2,
	BGP_ERR_UPDATE = 3,
	BGP_ERR_HOLD = 4,
	BGP_ERR_FSM = 5,
	BGP_ERR_CEASE = 6,
	BGP_ERR_REFRESH = 7,		/* RFC 7313 */
};

enum bgp_err_header {
	BGP_ERR_HEADER_SYNC = 1,	/* connection not synchronized */
	BGP_ERR_HEADER_LENGTH = 2,	/* data: the 2-byte length */
	BGP_ERR_HEADER_TYPE = 3,	/* data: the 1-byte type */
};

enum bgp_err_open {
	BGP_ERR_OPEN_VERSION = 1,	/* data: 2 bytes, version 4 */
	BGP_ERR_OPEN_PEER_AS = 2,
	BGP_ERR_OPEN_BGP_ID = 3,
	BGP_ERR_OPEN_OPT_PARAM = 4,
	BGP_ERR_OPEN_HOLD_TIME = 6,
	BGP_ERR_OPEN_CAPABILITY = 7,	/* RFC 5492; data: the capability */
};

enum bgp_err_update {
	BGP_ERR_UPDATE_ATTR_LIST = 1,	/* malformed attribute list */
	BGP_ERR_UPDATE_WELL_KNOWN = 2,	/* unrecognized well-known */
	BGP_ERR_UPDATE_MISSING = 3,	/* missing well-known; data: type */
	BGP_ERR_UPDATE_FLAGS = 4,
	BGP_ERR_UPDATE_LENGTH = 5,
	BGP_ERR_UPDATE_ORIGIN = 6,
	BGP_ERR_UPDATE_NEXT_HOP = 8,
	BGP_ERR_UPDATE_OPTIONAL = 9,
	BGP_ERR_UPDATE_NETWORK = 10,	/* invalid network field */
	BGP_ERR_UPDATE_AS_PATH = 11,
};

enum bgp_err_cease {
	BGP_CEASE_MAX_PREFIX = 1,	/* RFC 4486; data: AFI, SAFI, limit */
	BGP_CEASE_SHUTDOWN = 2,
	BGP_CEASE_PEER_DECONF = 3,
	BGP_CEASE_RESET = 4,
	BGP_CEASE_REJECTED = 5,
	BGP_CEASE_CONFIG = 6,
	BGP_CEASE_COLLISION = 7,
	BGP_CEASE_RESOURCES = 8,
};

#define BGP_AFI_IPV4		1
#define BGP_AFI_IPV6		2
#define BGP_SAFI_UNICAST	1

/* The vnet mesh's capability and path attribute */
#define BGP_CAP_VNET		239	/* value: the peering router's name */
#define BGP_VNET_NAME_MAX	15	/* bytes of [A-Za-z0-9._-], at least 1 */
#define BGP_ATTR_VNET_HOPS	255
#define BGP_VNET_MAX_HOPS	16
/* a hop: VNI (4 bytes, below 2^24), address length (4 or 16), address */
#define BGP_VNET_HOP_MAX_LEN	(4 + 1 + 16)
#define BGP_VNET_HOPS_MAX_LEN	(BGP_VNET_MAX_HOPS * BGP_VNET_HOP_MAX_LEN)

/*
 * A NOTIFICATION to send (or one received). @data points into the message
 * being parsed (the offending attribute, say) or into @buf; it stays valid
 * while that message does. At most BGP_MAX_LEN - 21 bytes of it are sent.
 */
struct bgp_notify {
	uint8_t code;
	uint8_t subcode;
	const uint8_t *data;
	size_t len;
	uint8_t buf[8];
};

/* An IPv4 or IPv6 prefix; bits past @len are zero. */
struct bgp_prefix {
	uint8_t family;		/* AF_INET or AF_INET6 */
	uint8_t len;
	uint8_t addr[16];	/* network byte order; 4 bytes used for IPv4 */
};

/* The graceful restart capability's flags (RFC 4724 3) */
#define BGP_GR_RESTART		0x8	/* the R bit, of the 4 flag bits */
#define BGP_GR_FORWARDING	0x80	/* an AFI/SAFI's F bit */

/*
 * An OPEN, received or to send. Capabilities not listed here are ignored
 * on receipt and never sent.
 */
struct bgp_open {
	uint32_t asn;		/* from the 4-octet AS capability */
	uint16_t hold_time;	/* 0, or at least 3 */
	uint32_t bgp_id;	/* host byte order, not 0 */
	bool mp_ipv4;		/* multiprotocol IPv4 unicast (RFC 4760) */
	bool mp_ipv6;		/* multiprotocol IPv6 unicast */
	bool route_refresh;	/* RFC 2918 (code 2; 128 accepted too) */
	bool gr;		/* graceful restart capability present */
	uint8_t gr_flags;	/* its restart flags (BGP_GR_RESTART) */
	uint16_t gr_time;	/* its restart time, 12 bits */
	bool gr_ipv4, gr_ipv6;	/* AFI/SAFI listed in it */
	bool gr_ipv4_fwd, gr_ipv6_fwd;	/* with their F bit */
	bool any_mp;		/* any multiprotocol capability was present */
	bool has_vnet;		/* the vnet peering router capability */
	char vnet_name[BGP_VNET_NAME_MAX + 1];	/* its name, NUL-terminated */
};

/*
 * The path attributes vnetd uses, from an UPDATE. AS_PATH is kept in its
 * wire form (4-octet AS numbers): the segments, checked.
 */
struct bgp_attrs {
	uint8_t origin;			/* 0 IGP, 1 EGP, 2 INCOMPLETE */
	const uint8_t *as_path;		/* segments; NULL when absent */
	uint16_t as_path_len;		/* bytes */
	/* path length for best-path: a sequence's ASes, 1 a set */
	uint16_t as_path_count;
	bool has_origin, has_as_path;
	bool has_next_hop;
	struct in_addr next_hop;	/* NEXT_HOP (IPv4 NLRI) */
	bool has_med;
	uint32_t med;
	bool has_local_pref;
	uint32_t local_pref;
	/*
	 * VNET_HOPS, on a mesh session only, and only when well-formed:
	 * its value, checked whole (bgp_vnet_hop_next() cannot fail on it)
	 */
	const uint8_t *vnet_hops;	/* NULL when absent */
	uint16_t vnet_hops_len;		/* bytes */
	uint8_t vnet_nhops;		/* hops, 1 to BGP_VNET_MAX_HOPS */
};

/*
 * A parsed UPDATE. The NLRI fields point into the message and are checked
 * whole: bgp_nlri_next() cannot fail on them.
 */
struct bgp_update {
	const uint8_t *withdrawn;	/* IPv4 withdrawn routes */
	uint16_t withdrawn_len;
	const uint8_t *nlri;		/* IPv4 reachable routes */
	uint16_t nlri_len;
	/* MP_REACH_NLRI of IPv4 or IPv6 unicast (other AFI/SAFIs ignored) */
	uint8_t mp_reach_family;	/* 0 when absent */
	const uint8_t *mp_reach;
	uint16_t mp_reach_len;
	struct in6_addr mp_next_hop;	/* global (or IPv4 in the first 4) */
	struct in6_addr mp_next_hop_ll;	/* link-local, or zero */
	/* MP_UNREACH_NLRI of IPv4 or IPv6 unicast */
	uint8_t mp_unreach_family;	/* 0 when absent */
	const uint8_t *mp_unreach;
	uint16_t mp_unreach_len;
	struct bgp_attrs attrs;
	/*
	 * RFC 7606: the attributes are malformed in a way that makes every
	 * route this message announces a withdrawal; @reason says which
	 * check, for the log.
	 */
	bool treat_as_withdraw;
	const char *reason;
	/*
	 * RFC 7606 attribute-discard: how many attributes were left out
	 * (malformed ATOMIC_AGGREGATE or AGGREGATOR, repeats of one type,
	 * AS4_PATH, LOCAL_PREF from an external peer...) and why the last
	 * one was, for the log.
	 */
	uint8_t discarded;
	const char *discard_reason;
	/* End-of-RIB (RFC 4724 2): an UPDATE with nothing but that */
	uint8_t eor_family;		/* AF_INET, AF_INET6 or 0 */
};

/* Walks the prefixes of a checked NLRI field. */
struct bgp_nlri_iter {
	const uint8_t *p;
	const uint8_t *end;
	uint8_t family;
};

/* What an UPDATE parse needs to know of the session. */
struct bgp_session_caps {
	bool ipv4;		/* IPv4 unicast negotiated */
	bool ipv6;		/* IPv6 unicast negotiated */
	bool ebgp;		/* LOCAL_PREF is discarded (RFC 7606 7.5) */
	/* of the vnet mesh: VNET_HOPS understood, and required with NLRI */
	bool vnet;
};

/* One hop of VNET_HOPS */
struct bgp_vnet_hop {
	uint32_t vni;		/* below 2^24 */
	uint8_t family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];	/* network byte order; 4 bytes used for IPv4 */
};

/* Walks the hops of a checked VNET_HOPS value. */
struct bgp_vnet_hop_iter {
	const uint8_t *p, *end;
};

/**
 * bgp_header_check - check a message's header
 * @buf: at least BGP_HDR_LEN bytes
 * @err: filled in on error
 *
 * Checks the marker, the length against BGP_HDR_LEN..BGP_MAX_LEN and the
 * type's own bounds, and the type.
 * Return: the message's length, or -1 with @err the NOTIFICATION to send.
 */
int bgp_header_check(const uint8_t *buf, struct bgp_notify *err);

/**
 * bgp_open_parse - parse an OPEN
 * @msg: the whole message, header included, checked by bgp_header_check()
 * @len: its length
 * @o: filled in
 * @err: filled in on error
 *
 * Checks version, hold time, BGP identifier, the optional parameters
 * (capabilities only, each within its parameter) and that the 4-octet AS
 * capability is present and consistent with My AS (which is AS_TRANS or
 * the same number). The peer's AS against the configured one is the
 * caller's check (BGP_ERR_OPEN_PEER_AS). A vnet capability with a name
 * that bgp_vnet_name_ok() would refuse is malformed (subcode 0, with the
 * capability as data).
 * Return: 0, or -1 with @err the NOTIFICATION to send.
 */
int bgp_open_parse(const uint8_t *msg, size_t len, struct bgp_open *o,
		   struct bgp_notify *err);

/**
 * bgp_update_parse - parse and check an UPDATE
 * @msg: the whole message, header included, checked by bgp_header_check()
 * @len: its length
 * @caps: the session's negotiated families and kind
 * @u: filled in
 * @err: filled in when the session must be reset
 *
 * Applies RFC 4271 6.3 as revised by RFC 7606: attribute-discard where
 * it applies (the attribute is left out of @u->attrs), treat-as-withdraw
 * (@u->treat_as_withdraw), and session reset only where RFC 7606 keeps it
 * (the NLRI cannot be parsed, the attribute list overruns). A mandatory
 * attribute missing while NLRI are present is treat-as-withdraw; so is,
 * on a mesh session (@caps->vnet), a missing VNET_HOPS, and a malformed
 * one as any other attribute's malformation. NLRI of a family not
 * negotiated are skipped as if absent.
 * Return: 0, or -1 with @err the NOTIFICATION to send.
 */
int bgp_update_parse(const uint8_t *msg, size_t len,
		     const struct bgp_session_caps *caps,
		     struct bgp_update *u, struct bgp_notify *err);

/**
 * bgp_notify_parse - parse a received NOTIFICATION
 * Return: 0, or -1 if it is too short (already excluded by the header
 * check).
 */
int bgp_notify_parse(const uint8_t *msg, size_t len, struct bgp_notify *n);

/**
 * bgp_refresh_parse - parse a ROUTE-REFRESH
 * @family: AF_INET or AF_INET6 for IPv4/IPv6 unicast, 0 for another
 *	AFI/SAFI (ignored, RFC 2918 4)
 * Return: 0, or -1 with @err (a bad length, RFC 7313 5).
 */
int bgp_refresh_parse(const uint8_t *msg, size_t len, uint8_t *family,
		      struct bgp_notify *err);

/* Start walking an NLRI field of @family checked by bgp_update_parse(). */
void bgp_nlri_init(struct bgp_nlri_iter *it, uint8_t family,
		   const uint8_t *p, size_t len);
/* The next prefix, with bits past its length cleared; false at the end. */
bool bgp_nlri_next(struct bgp_nlri_iter *it, struct bgp_prefix *pfx);

/* Start walking a VNET_HOPS value checked by bgp_update_parse(). */
void bgp_vnet_hops_init(struct bgp_vnet_hop_iter *it, const uint8_t *p,
			size_t len);
/* The next hop, the rest of @h zero; false at the end. */
bool bgp_vnet_hop_next(struct bgp_vnet_hop_iter *it, struct bgp_vnet_hop *h);

/**
 * bgp_vnet_hops_put - write a VNET_HOPS value
 * @buf: room for BGP_VNET_HOPS_MAX_LEN bytes
 * @h: the hops
 * @n: their number
 *
 * Each hop is checked as bgp_update_parse() checks it (VNI below 2^24, a
 * unicast address, not an IPv4-mapped IPv6 one).
 * Return: the value's length; 0 if @n is 0 or above BGP_VNET_MAX_HOPS or
 * a hop is not one to send (then @buf holds garbage).
 */
size_t bgp_vnet_hops_put(uint8_t *buf, const struct bgp_vnet_hop *h,
			 unsigned int n);

/* Is @name (NUL-terminated) one the vnet capability can carry? */
bool bgp_vnet_name_ok(const char *name);

/*
 * Builders. Each writes one whole message at @buf, which has room for
 * BGP_MAX_LEN bytes, and returns its length. bgp_open_build() puts the
 * vnet capability when @o->has_vnet, with @o->vnet_name, which
 * bgp_vnet_name_ok() should have passed: the builder does not check it.
 */
size_t bgp_open_build(uint8_t *buf, const struct bgp_open *o);
size_t bgp_keepalive_build(uint8_t *buf);
size_t bgp_notify_build(uint8_t *buf, const struct bgp_notify *n);
size_t bgp_refresh_build(uint8_t *buf, uint8_t family);
/* End-of-RIB of @family */
size_t bgp_eor_build(uint8_t *buf, uint8_t family);

/*
 * The attributes of routes vnetd announces: ORIGIN, AS_PATH (the peer's
 * path as received, with vnetd's AS prepended by bgp_update_build unless
 * @local_asn is 0), the next hop (NEXT_HOP for IPv4, MP_REACH_NLRI's for
 * IPv6), MULTI_EXIT_DISC if @has_med, VNET_HOPS if @vnet_hops_len (a
 * value from bgp_vnet_hops_put() or a checked one received).
 */
struct bgp_attrs_out {
	uint8_t origin;
	const uint8_t *as_path;		/* 4-octet segments, may be NULL */
	uint16_t as_path_len;
	/* prepended; 0: not, the path goes as given (possibly empty) */
	uint32_t local_asn;
	struct in_addr next_hop;	/* for IPv4 prefixes */
	struct in6_addr next_hop6;	/* for IPv6 prefixes */
	bool has_med;
	uint32_t med;
	const uint8_t *vnet_hops;	/* VNET_HOPS' value */
	uint16_t vnet_hops_len;		/* 0: no VNET_HOPS */
};

/**
 * bgp_update_build - an UPDATE announcing prefixes with one set of
 *	attributes
 * @buf: room for BGP_MAX_LEN bytes
 * @a: the attributes
 * @pfx: the prefixes, all of one family
 * @n: their number
 * @used: set to how many of them the message holds (at least one, if
 *	the attributes fit at all)
 *
 * IPv4 prefixes go in the NLRI field, IPv6 ones in MP_REACH_NLRI.
 * Return: the message's length; 0 if not even one prefix fits (an AS path
 * or VNET_HOPS too long to announce).
 */
size_t bgp_update_build(uint8_t *buf, const struct bgp_attrs_out *a,
			const struct bgp_prefix *pfx, size_t n, size_t *used);

/**
 * bgp_withdraw_build - an UPDATE withdrawing prefixes of one family
 * Same as bgp_update_build() without attributes (MP_UNREACH_NLRI for IPv6).
 */
size_t bgp_withdraw_build(uint8_t *buf, const struct bgp_prefix *pfx,
			  size_t n, size_t *used);

/* Does a checked AS_PATH (4-octet segments) hold @asn? */
bool bgp_as_path_contains(const uint8_t *path, size_t len, uint32_t asn);

/* Human-readable names, for logs and the status socket. */
const char *bgp_type_name(uint8_t type);
const char *bgp_err_name(uint8_t code, uint8_t subcode);

#endif /* VNETD_MSG_H */

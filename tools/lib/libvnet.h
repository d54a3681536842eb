/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libvnet: what vnetctl and vnetd share of talking to the kernel's "vnet"
 * generic netlink family (libmnl): the socket, requests and their errors,
 * events, and the objects of its messages.
 */
#ifndef LIBVNET_H
#define LIBVNET_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libmnl/libmnl.h>
#include <linux/vnet.h>

/* An IPv4 or IPv6 address, or a prefix of one. */
struct prefix {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t len;
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} addr;
};

/* The largest message: requests are built in, and answers read into, this */
#define VNL_BUFSZ	(64 * 1024)

/*
 * A netlink socket talking to the vnet family. All zero is closed; the
 * kernel's reason for the last refusal is in @extack.
 */
struct vnl {
	struct mnl_socket *sock;
	uint16_t family_id;
	uint32_t version;
	uint32_t monitor_group;
	uint32_t config_group;
	uint32_t seq;
	char extack[256];	/* the last answer's extack message */
	uint32_t extack_off;	/* and the offset of the attribute it names */
	bool dump_intr;		/* the last dump was interrupted */
	char buf[VNL_BUFSZ];
};

int vnl_open(struct vnl *nl);
void vnl_close(struct vnl *nl);
struct nlmsghdr *vnl_req_init(char *buf, uint8_t cmd, uint16_t flags);
int vnl_talk(struct vnl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);
int vnl_send(struct vnl *nl, struct nlmsghdr *nlh);
int vnl_recv_answer(struct vnl *nl, uint32_t seq, mnl_cb_t cb, void *data);
int vnl_join_monitor(struct vnl *nl);
int vnl_join_config(struct vnl *nl);
int vnl_read_events(struct vnl *nl, mnl_cb_t cb, void *data);

/* attributes */
int vnl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
		     unsigned int max);
const struct nlattr *vnl_genl_attr(const struct nlmsghdr *nlh,
				   unsigned int type);
uint8_t vnl_genl_cmd(const struct nlmsghdr *nlh);
void vnl_put_addr(struct nlmsghdr *nlh, uint16_t type, const struct prefix *a);
int vnl_get_addr(const struct nlattr *attr, struct prefix *a);
const char *vnl_get_str(const struct nlattr *attr);
uint32_t vnl_get_u32(const struct nlattr *attr, uint32_t def);
uint16_t vnl_get_u16(const struct nlattr *attr, uint16_t def);
uint8_t vnl_get_u8(const struct nlattr *attr, uint8_t def);
void vnl_put_prefix(struct nlmsghdr *nlh, uint16_t addr_type,
		    uint16_t len_type, const struct prefix *p);

/* addresses and prefixes */
bool prefix_has_host_bits(const struct prefix *p);
bool prefix_contains(const struct prefix *outer, const struct prefix *p);
const char *format_addr(const struct prefix *a, char *buf, size_t len);
const char *format_prefix(const struct prefix *p, char *buf, size_t len);

/* An entry of a BGP peer's prefix filter (enum vnet_filter_attrs) */
struct vnet_filter {
	struct prefix p;
	uint8_t max_len;
};

/* A BGP peer of an attachment (enum vnet_bgp_attrs) */
struct vnet_bgp_peer {
	struct prefix addr;
	uint32_t asn;
	uint32_t local_asn;
	uint32_t max_prefix;
	uint16_t hold_time;
	bool ttl_security;
	bool md5_set;
	uint8_t md5_len;	/* the key's, if the answer had it */
	uint8_t md5[VNET_BGP_MD5_MAXLEN];
	unsigned int n_import;
	unsigned int n_export;
	struct vnet_filter *import;	/* malloc()ed, or NULL */
	struct vnet_filter *export;
};

bool vnet_filter_match(const struct vnet_filter *f, unsigned int n,
		       const struct prefix *p);

/* An attachment (enum vnet_attach_attrs) */
struct vnet_attach_info {
	char network[IFNAMSIZ];
	uint32_t ifindex;
	uint32_t id;			/* the network's */
	bool has_addr4, has_addr6, propagate;
	struct prefix addr4, addr6;
	unsigned int n_bgp;
	struct vnet_bgp_peer *bgp;	/* malloc()ed, or NULL */
};

int vnl_parse_attach(const struct nlattr *nest, struct vnet_attach_info *at);
unsigned int vnl_parse_hosts(const struct nlattr *list, struct prefix *out);
void vnl_put_hosts(struct nlmsghdr *nlh, const struct prefix *h, unsigned int n);
void vnet_attach_info_free(struct vnet_attach_info *at);
void vnl_put_bgp_peer(struct nlmsghdr *nlh, uint16_t type,
		      const struct vnet_bgp_peer *b);

/* A route (enum vnet_route_attrs) */
struct vnet_nexthop_info {
	uint32_t ifindex;
	char ifname[IFNAMSIZ];
	struct prefix addr;	/* family 0: none */
};

struct vnet_route_info {
	struct prefix dst;
	uint8_t type;
	uint8_t proto;
	uint32_t metric;
	char peering[VNET_PEERING_NAMSIZ];	/* in a network's table */
	unsigned int n_nh;			/* in a peering router's */
	struct vnet_nexthop_info nh[VNET_MAX_NEXTHOPS];
};

int vnl_parse_route(const struct nlattr *nest, struct vnet_route_info *r);

#endif /* LIBVNET_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * link_vnet.so: vnet networks in iproute2's ip.
 *
 *	ip link add NAME type vnet [id VNI] [prefix CIDR]... [port UDPPORT]
 *				   [local ADDR]...
 *	ip link set NAME type vnet [prefix CIDR]... [local ADDR]...
 *	ip -d [-j] link show [NAME]
 *
 * The attributes are the vnet family's network attributes (enum
 * vnet_network_attrs), which the module's rtnl_link_ops take in
 * IFLA_INFO_DATA and give back in ip -d's details.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vnet.h>

#include "ip_plugin.h"

/* An address, or a prefix of one */
struct vnet_prefix {
	int family;
	uint8_t len;
	uint8_t addr[16];
};

static int addr_size(int family)
{
	return family == AF_INET ? 4 : 16;
}

/* "ADDR" (@is_prefix false) or "ADDR/LEN": IPv4 or IPv6 */
static int parse_prefix(const char *s, struct vnet_prefix *p, bool is_prefix)
{
	char buf[INET6_ADDRSTRLEN + 5], *slash, *end;
	unsigned long len;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (!is_prefix != !slash)
		return -1;
	if (slash)
		*slash = '\0';
	memset(p, 0, sizeof(*p));
	if (inet_pton(AF_INET, buf, p->addr) == 1)
		p->family = AF_INET;
	else if (inet_pton(AF_INET6, buf, p->addr) == 1)
		p->family = AF_INET6;
	else
		return -1;
	if (!slash)
		return 0;
	errno = 0;
	len = strtoul(slash + 1, &end, 10);
	if (errno || end == slash + 1 || *end ||
	    len > (p->family == AF_INET ? 32u : 128u))
		return -1;
	p->len = len;
	return 0;
}

static int parse_u32(const char *s, uint32_t max, uint32_t *out)
{
	unsigned long v;
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

static void vnet_print_help(struct link_util *lu, int argc, char **argv,
			    FILE *f)
{
	(void)lu;
	(void)argc;
	(void)argv;
	fprintf(f,
		"Usage: ... vnet [ id VNI ] [ prefix CIDR ]... [ port UDPPORT ]\n"
		"                [ local ADDR ]...\n"
		"\n"
		"Where: VNI     := 0-%u, the network id (Geneve VNI); the lowest\n"
		"                  free one if not given\n"
		"       CIDR    := an IPv4 or IPv6 prefix of the network (at most %u);\n"
		"                  on ip link set, the prefixes given replace all\n"
		"       UDPPORT := the substrate UDP port (default %u)\n"
		"       ADDR    := the local substrate IPv4 or IPv6 address (one of\n"
		"                  each); 0.0.0.0 or :: unsets one\n"
		"Nodes, ports, peering routers and routes: vnetctl(8).\n",
		VNET_ID_MAX, VNET_MAX_PREFIXES, VNET_DEFAULT_PORT);
}

static int bad_arg(const char *what, const char *value)
{
	fprintf(stderr, "Error: vnet: invalid %s \"%s\"\n", what, value);
	return -1;
}

static int vnet_parse_opt(struct link_util *lu, int argc, char **argv,
			  struct nlmsghdr *n)
{
	struct vnet_prefix prefixes[VNET_MAX_PREFIXES], a;
	bool has_id = false, has_port = false;
	bool has_local = false, has_local6 = false;
	unsigned int nprefixes = 0, i;
	struct rtattr *list, *entry;
	uint32_t v;
	uint16_t port;

	for (; argc > 0; argc--, argv++) {
		const char *key = argv[0];

		if (!strcmp(key, "help")) {
			vnet_print_help(lu, argc, argv, stderr);
			return -1;
		}
		if (strcmp(key, "id") && strcmp(key, "port") &&
		    strcmp(key, "prefix") && strcmp(key, "local")) {
			fprintf(stderr, "Error: vnet: unknown keyword \"%s\" (try \"ip link help vnet\")\n",
				key);
			return -1;
		}
		if (argc < 2) {
			fprintf(stderr, "Error: vnet: \"%s\" needs a value\n", key);
			return -1;
		}
		argc--;
		argv++;
		if (!strcmp(key, "id")) {
			if (has_id)
				return bad_arg("second id", argv[0]);
			if (parse_u32(argv[0], VNET_ID_MAX, &v))
				return bad_arg("id", argv[0]);
			has_id = true;
			if (addattr_l(n, IP_LINK_REQ_MAX, VNET_NETWORK_A_ID, &v, sizeof(v)))
				return -1;
		} else if (!strcmp(key, "port")) {
			if (has_port)
				return bad_arg("second port", argv[0]);
			if (parse_u32(argv[0], UINT16_MAX, &v) || !v)
				return bad_arg("port", argv[0]);
			has_port = true;
			port = v;
			if (addattr_l(n, IP_LINK_REQ_MAX, VNET_NETWORK_A_PORT,
				      &port, sizeof(port)))
				return -1;
		} else if (!strcmp(key, "local")) {
			if (parse_prefix(argv[0], &a, false))
				return bad_arg("local address", argv[0]);
			if (a.family == AF_INET ? has_local : has_local6)
				return bad_arg("second local address of a family", argv[0]);
			if (a.family == AF_INET)
				has_local = true;
			else
				has_local6 = true;
			if (addattr_l(n, IP_LINK_REQ_MAX,
				      a.family == AF_INET ? VNET_NETWORK_A_LOCAL :
							    VNET_NETWORK_A_LOCAL6,
				      a.addr, addr_size(a.family)))
				return -1;
		} else {
			if (nprefixes == VNET_MAX_PREFIXES)
				return bad_arg("prefix: more than the most a network has",
					       argv[0]);
			if (parse_prefix(argv[0], &prefixes[nprefixes], true))
				return bad_arg("prefix", argv[0]);
			nprefixes++;
		}
	}
	if (!nprefixes)
		return 0;
	/*
	 * ip's request has room for about 25 IPv6 prefixes; vnetctl, all.
	 * The kernel's strict validation wants NLA_F_NESTED on nests, which
	 * ip's addattr_nest() leaves to the caller.
	 */
	list = addattr_nest(n, IP_LINK_REQ_MAX,
			    VNET_NETWORK_A_PREFIXES | NLA_F_NESTED);
	for (i = 0; i < nprefixes; i++) {
		entry = addattr_nest(n, IP_LINK_REQ_MAX, (i + 1) | NLA_F_NESTED);
		if (!list || !entry)
			return -1;
		if (addattr_l(n, IP_LINK_REQ_MAX, VNET_PREFIX_A_ADDR,
			      prefixes[i].addr, addr_size(prefixes[i].family)) ||
		    addattr_l(n, IP_LINK_REQ_MAX, VNET_PREFIX_A_LEN,
			      &prefixes[i].len, 1))
			return -1;
		addattr_nest_end(n, entry);
	}
	addattr_nest_end(n, list);
	return 0;
}

static const void *attr_data(const struct rtattr *rta, unsigned int len)
{
	return rta && RTA_PAYLOAD(rta) == len ? RTA_DATA(rta) : NULL;
}

static void print_addr(const char *key, int family, const void *addr)
{
	char buf[INET6_ADDRSTRLEN];

	if (!addr || !inet_ntop(family, addr, buf, sizeof(buf)))
		return;
	print_color_string(PRINT_ANY,
			   family == AF_INET ? COLOR_INET : COLOR_INET6,
			   key, "local %s ", buf);
}

/* "prefix CIDR" each; JSON: "prefixes": [ "CIDR", ... ], [] if none */
static void print_prefixes(const struct rtattr *list)
{
	char addr[INET6_ADDRSTRLEN], buf[INET6_ADDRSTRLEN + 4];
	const struct rtattr *entry, *a, *addr_attr;
	const uint8_t *len;
	int rem, arem, family;

	open_json_array(PRINT_JSON, "prefixes");
	rem = list ? RTA_PAYLOAD(list) : 0;
	for (entry = list ? RTA_DATA(list) : NULL; entry && RTA_OK(entry, rem);
	     entry = RTA_NEXT(entry, rem)) {
		addr_attr = NULL;
		len = NULL;
		arem = RTA_PAYLOAD(entry);
		for (a = RTA_DATA(entry); RTA_OK(a, arem); a = RTA_NEXT(a, arem)) {
			if (a->rta_type == VNET_PREFIX_A_ADDR)
				addr_attr = a;
			else if (a->rta_type == VNET_PREFIX_A_LEN)
				len = attr_data(a, 1);
		}
		if (!addr_attr || !len)
			continue;
		family = RTA_PAYLOAD(addr_attr) == 4 ? AF_INET : AF_INET6;
		if (!attr_data(addr_attr, addr_size(family)) ||
		    !inet_ntop(family, RTA_DATA(addr_attr), addr, sizeof(addr)))
			continue;
		snprintf(buf, sizeof(buf), "%s/%u", addr, *len);
		print_color_string(PRINT_ANY, COLOR_NONE, NULL, "prefix %s ", buf);
	}
	close_json_array(PRINT_JSON, NULL);
}

static void vnet_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	const uint32_t *id;
	const uint16_t *port;

	(void)lu;
	(void)f;
	if (!tb)
		return;
	id = attr_data(tb[VNET_NETWORK_A_ID], sizeof(*id));
	if (id)
		print_color_uint(PRINT_ANY, COLOR_NONE, "id", "id %u ", *id);
	port = attr_data(tb[VNET_NETWORK_A_PORT], sizeof(*port));
	if (port)
		print_color_uint(PRINT_ANY, COLOR_NONE, "port", "port %u ", *port);
	print_addr("local", AF_INET, attr_data(tb[VNET_NETWORK_A_LOCAL], 4));
	print_addr("local6", AF_INET6, attr_data(tb[VNET_NETWORK_A_LOCAL6], 16));
	print_prefixes(tb[VNET_NETWORK_A_PREFIXES]);
}

__attribute__((visibility("default")))
struct link_util vnet_link_util = {
	.id = "vnet",
	.maxattr = VNET_NETWORK_A_MAX,
	.parse_opt = vnet_parse_opt,
	.print_opt = vnet_print_opt,
	.print_help = vnet_print_help,
};

// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl network: add, delete, show and flush networks.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "vnetctl.h"

struct network {
	char name[IFNAMSIZ];
	uint32_t ifindex;
	uint32_t id;
	uint16_t port;
	bool has_local, has_local6;
	struct prefix local, local6;
	unsigned int nprefixes;
	struct prefix prefixes[VNET_MAX_PREFIXES];
	bool has_stats;
	struct stats stats;
};

static void network_usage(void)
{
	fprintf(stderr,
		"Usage: vnetctl network add NAME id VNI [prefix CIDR]... [port UDPPORT]\n"
		"                           [local SUBSTRATE_ADDR]...\n"
		"       vnetctl network set NAME [prefix CIDR]... [local SUBSTRATE_ADDR]...\n"
		"       vnetctl network del NAME\n"
		"       vnetctl [-s] network show [NAME]\n"
		"       vnetctl network flush\n"
		"VNI := 0-16777215, the network id (Geneve VNI), unique on the host\n"
		"CIDR := an IPv4 or IPv6 prefix of the network, e.g. 10.1.0.0/16\n"
		"UDPPORT := substrate UDP port, default %d\n"
		"SUBSTRATE_ADDR := local substrate IPv4 or IPv6 address (one of each)\n"
		"network set: the prefixes given replace all the network's prefixes (refused\n"
		"if a node would be left outside them); local 0.0.0.0 or :: unsets one.\n",
		VNET_DEFAULT_PORT);
}

static int put_prefix(struct nlmsghdr *nlh, unsigned int index,
		      const struct prefix *p)
{
	struct nlattr *entry = mnl_attr_nest_start(nlh, index);

	mnl_attr_put(nlh, VNET_PREFIX_A_ADDR,
		     p->family == AF_INET ? sizeof(p->addr.v4) : sizeof(p->addr.v6),
		     &p->addr);
	mnl_attr_put_u8(nlh, VNET_PREFIX_A_LEN, p->len);
	mnl_attr_nest_end(nlh, entry);
	return 0;
}

/* The arguments of network add and set after NAME. */
struct network_args {
	bool has_id, has_port, has_local, has_local6;
	uint32_t id, port;
	unsigned int nprefixes;
	struct prefix prefixes[VNET_MAX_PREFIXES];
	struct prefix local, local6;
};

static int network_parse_args(int argc, char **argv, struct network_args *a)
{
	struct prefix local;

	memset(a, 0, sizeof(*a));
	for (; argc > 0; argc -= 2, argv += 2) {
		if (!matches(argv[0], "id") && !matches(argv[0], "prefix") &&
		    !matches(argv[0], "port") && !matches(argv[0], "local"))
			return errorf("unknown keyword \"%s\" (try \"vnetctl network help\")",
				      argv[0]);
		if (need_arg(argc, argv))
			return -1;
		if (matches(argv[0], "id")) {
			if (a->has_id)
				return errorf("\"id\" given twice");
			if (parse_u32("network id", argv[1], VNET_ID_MAX, &a->id))
				return -1;
			a->has_id = true;
		} else if (matches(argv[0], "prefix")) {
			if (a->nprefixes == VNET_MAX_PREFIXES)
				return errorf("at most %d prefixes", VNET_MAX_PREFIXES);
			if (parse_prefix(argv[1], &a->prefixes[a->nprefixes]))
				return -1;
			a->nprefixes++;
		} else if (matches(argv[0], "port")) {
			if (a->has_port)
				return errorf("\"port\" given twice");
			if (parse_u32("port", argv[1], 65535, &a->port))
				return -1;
			if (!a->port)
				return errorf("invalid port \"%s\" (1 to 65535)", argv[1]);
			a->has_port = true;
		} else if (matches(argv[0], "local")) {
			if (parse_addr(argv[1], &local))
				return -1;
			if (local.family == AF_INET) {
				if (a->has_local)
					return errorf("two IPv4 \"local\" addresses");
				a->local = local;
				a->has_local = true;
			} else {
				if (a->has_local6)
					return errorf("two IPv6 \"local\" addresses");
				a->local6 = local;
				a->has_local6 = true;
			}
		}
	}
	return 0;
}

/* A NEW or SET request for network NAME with the arguments given. */
static struct nlmsghdr *network_req(struct nl_req *req, uint8_t cmd,
				    const char *name,
				    const struct network_args *a)
{
	struct nlattr *nest, *list;
	unsigned int i;

	nl_req_init(req, cmd, 0);
	nest = mnl_attr_nest_start(req->nlh, VNET_A_NETWORK);
	mnl_attr_put_strz(req->nlh, VNET_NETWORK_A_NAME, name);
	if (a->has_id)
		mnl_attr_put_u32(req->nlh, VNET_NETWORK_A_ID, a->id);
	if (a->has_port)
		mnl_attr_put_u16(req->nlh, VNET_NETWORK_A_PORT, a->port);
	if (a->has_local)
		mnl_attr_put(req->nlh, VNET_NETWORK_A_LOCAL,
			     sizeof(a->local.addr.v4), &a->local.addr.v4);
	if (a->has_local6)
		mnl_attr_put(req->nlh, VNET_NETWORK_A_LOCAL6,
			     sizeof(a->local6.addr.v6), &a->local6.addr.v6);
	if (a->nprefixes) {
		list = mnl_attr_nest_start(req->nlh, VNET_NETWORK_A_PREFIXES);
		for (i = 0; i < a->nprefixes; i++)
			put_prefix(req->nlh, i + 1, &a->prefixes[i]);
		mnl_attr_nest_end(req->nlh, list);
	}
	mnl_attr_nest_end(req->nlh, nest);
	return req->nlh;
}

/* network add and network set: NAME and the arguments, then the request */
static int network_cmd(int argc, char **argv, uint8_t cmd)
{
	struct network_args a;
	struct nl_req req;

	if (argc < 1)
		return errorf("network name missing (try \"vnetctl network help\")");
	if (parse_ifname(argv[0]) || network_parse_args(argc - 1, argv + 1, &a))
		return -1;
	if (cmd == VNET_CMD_NETWORK_NEW && !a.has_id)
		return errorf("network id missing: network add NAME id VNI ...");
	if (cmd == VNET_CMD_NETWORK_SET && (a.has_id || a.has_port))
		return errorf("a network's %s cannot change: delete it and add it again",
			      a.has_id ? "id" : "substrate port");
	if (cmd == VNET_CMD_NETWORK_SET && !a.nprefixes && !a.has_local &&
	    !a.has_local6)
		return errorf("nothing to set: network set NAME [prefix CIDR]... [local SUBSTRATE_ADDR]...");
	return nl_talk(network_req(&req, cmd, argv[0], &a), NULL, NULL);
}

static int network_add(int argc, char **argv)
{
	return network_cmd(argc, argv, VNET_CMD_NETWORK_NEW);
}

static int network_set(int argc, char **argv)
{
	return network_cmd(argc, argv, VNET_CMD_NETWORK_SET);
}

/* Name the network of a request: VNET_A_NETWORK { VNET_NETWORK_A_NAME }. */
void nl_put_network_name(struct nlmsghdr *nlh, const char *name)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, VNET_A_NETWORK);
	mnl_attr_put_strz(nlh, VNET_NETWORK_A_NAME, name);
	mnl_attr_nest_end(nlh, nest);
}

/* A request naming one network: DEL, or GET of one. */
static struct nlmsghdr *network_key_req(struct nl_req *req, uint8_t cmd,
					const char *name)
{
	nl_req_init(req, cmd, 0);
	nl_put_network_name(req->nlh, name);
	return req->nlh;
}

/**
 * msg_network_name - the name of the network a reply or event is about
 * @nlh: the message, with VNET_A_NETWORK { VNET_NETWORK_A_NAME }
 * @name: where to put it
 *
 * Return: 0, or -1 if the message names no network.
 */
int msg_network_name(const struct nlmsghdr *nlh, char name[IFNAMSIZ])
{
	const struct nlattr *tb[VNET_NETWORK_A_MAX + 1] = {};
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_NETWORK);

	if (!nest)
		return -1;
	vnl_parse_nested(nest, tb, VNET_NETWORK_A_MAX);
	if (!tb[VNET_NETWORK_A_NAME] ||
	    mnl_attr_validate(tb[VNET_NETWORK_A_NAME], MNL_TYPE_NUL_STRING) < 0)
		return -1;
	snprintf(name, IFNAMSIZ, "%s", mnl_attr_get_str(tb[VNET_NETWORK_A_NAME]));
	return 0;
}

static int network_del(int argc, char **argv)
{
	struct nl_req req;

	if (argc < 1)
		return errorf("network name missing (try \"vnetctl network help\")");
	if (argc > 1)
		return errorf("unexpected \"%s\" after the network name", argv[1]);
	if (parse_ifname(argv[0]))
		return -1;
	return nl_talk(network_key_req(&req, VNET_CMD_NETWORK_DEL, argv[0]),
		       NULL, NULL);
}

static int network_flush(int argc, char **argv)
{
	struct nl_req req;

	if (argc > 0)
		return errorf("unexpected \"%s\" after \"flush\"", argv[0]);
	return nl_talk(nl_req_init(&req, VNET_CMD_NETWORK_FLUSH, 0), NULL, NULL);
}

static int parse_prefix_attr(const struct nlattr *nest, struct prefix *p)
{
	const struct nlattr *tb[VNET_PREFIX_A_MAX + 1] = {};
	const struct nlattr *addr;

	vnl_parse_nested(nest, tb, VNET_PREFIX_A_MAX);
	addr = tb[VNET_PREFIX_A_ADDR];
	if (!addr || !tb[VNET_PREFIX_A_LEN] ||
	    mnl_attr_validate(tb[VNET_PREFIX_A_LEN], MNL_TYPE_U8) < 0)
		return -1;
	memset(p, 0, sizeof(*p));
	switch (mnl_attr_get_payload_len(addr)) {
	case sizeof(p->addr.v4):
		p->family = AF_INET;
		break;
	case sizeof(p->addr.v6):
		p->family = AF_INET6;
		break;
	default:
		return -1;
	}
	memcpy(&p->addr, mnl_attr_get_payload(addr), mnl_attr_get_payload_len(addr));
	p->len = mnl_attr_get_u8(tb[VNET_PREFIX_A_LEN]);
	return 0;
}

static int parse_network(const struct nlmsghdr *nlh, struct network *n)
{
	const struct nlattr *tb[VNET_NETWORK_A_MAX + 1] = {};
	const struct nlattr *nest, *attr;

	memset(n, 0, sizeof(*n));
	nest = vnl_genl_attr(nlh, VNET_A_NETWORK);
	if (!nest)
		return -1;
	vnl_parse_nested(nest, tb, VNET_NETWORK_A_MAX);
	if (!tb[VNET_NETWORK_A_NAME] || !tb[VNET_NETWORK_A_ID] ||
	    mnl_attr_validate(tb[VNET_NETWORK_A_NAME], MNL_TYPE_NUL_STRING) < 0 ||
	    mnl_attr_validate(tb[VNET_NETWORK_A_ID], MNL_TYPE_U32) < 0)
		return -1;
	snprintf(n->name, sizeof(n->name), "%s",
		 mnl_attr_get_str(tb[VNET_NETWORK_A_NAME]));
	n->id = mnl_attr_get_u32(tb[VNET_NETWORK_A_ID]);
	attr = tb[VNET_NETWORK_A_IFINDEX];
	if (attr && mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
		n->ifindex = mnl_attr_get_u32(attr);
	attr = tb[VNET_NETWORK_A_PORT];
	if (attr && mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
		n->port = mnl_attr_get_u16(attr);
	attr = tb[VNET_NETWORK_A_LOCAL];
	if (attr && mnl_attr_get_payload_len(attr) == sizeof(n->local.addr.v4)) {
		n->local.family = AF_INET;
		memcpy(&n->local.addr.v4, mnl_attr_get_payload(attr), sizeof(n->local.addr.v4));
		n->has_local = true;
	}
	attr = tb[VNET_NETWORK_A_LOCAL6];
	if (attr && mnl_attr_get_payload_len(attr) == sizeof(n->local6.addr.v6)) {
		n->local6.family = AF_INET6;
		memcpy(&n->local6.addr.v6, mnl_attr_get_payload(attr), sizeof(n->local6.addr.v6));
		n->has_local6 = true;
	}
	if (tb[VNET_NETWORK_A_PREFIXES]) {
		mnl_attr_for_each_nested(attr, tb[VNET_NETWORK_A_PREFIXES]) {
			if (n->nprefixes == VNET_MAX_PREFIXES)
				break;
			if (!parse_prefix_attr(attr, &n->prefixes[n->nprefixes]))
				n->nprefixes++;
		}
	}
	if (tb[VNET_NETWORK_A_STATS])
		n->has_stats = !stats_parse(tb[VNET_NETWORK_A_STATS], &n->stats);
	return 0;
}

/* A network, as network show prints it: "NAME: id VNI port P ..." */
static void network_print(const struct network *n)
{
	unsigned int i;

	open_json_object(NULL);
	print_color_string(PRINT_ANY, COLOR_IFNAME, "name", "%s:", n->name);
	print_uint(opt_details ? PRINT_ANY : PRINT_JSON, "ifindex",
		   " ifindex %u", n->ifindex);
	print_uint(PRINT_ANY, "id", " id %u", n->id);
	print_uint(PRINT_ANY, "port", " port %u", n->port);
	if (n->has_local)
		print_addr(PRINT_ANY, "local", " local %s", &n->local);
	if (n->has_local6)
		print_addr(PRINT_ANY, "local6", " local %s", &n->local6);
	open_json_array(PRINT_JSON, "prefixes");
	for (i = 0; i < n->nprefixes; i++)
		print_prefix(PRINT_ANY, NULL, " prefix %s", &n->prefixes[i]);
	close_json_array(PRINT_JSON);
	if (opt_stats && n->has_stats)
		stats_print_network(&n->stats);
	print_eol();
	close_json_object();
}

/**
 * network_print_msg - print a network message as network show does
 * @nlh: the message
 *
 * Return: 0, or -1 if the message is not a well-formed network.
 */
int network_print_msg(const struct nlmsghdr *nlh)
{
	struct network n;

	if (parse_network(nlh, &n))
		return -1;
	network_print(&n);
	return 0;
}

static int network_show_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)data;
	network_print_msg(nlh);
	return MNL_CB_OK;
}

static int network_show(int argc, char **argv)
{
	struct nl_req req;
	int err;

	if (argc > 1)
		return errorf("unexpected \"%s\" after the network name", argv[1]);
	if (argc == 1) {
		if (parse_ifname(argv[0]))
			return -1;
		network_key_req(&req, VNET_CMD_NETWORK_GET, argv[0]);
	} else {
		nl_req_init(&req, VNET_CMD_NETWORK_GET, NLM_F_DUMP);
	}
	print_records_begin();
	err = nl_talk(req.nlh, network_show_cb, NULL);
	print_records_end(err);
	return err;
}

static int network_save_cb(const struct nlmsghdr *nlh, void *data)
{
	char buf[INET6_ADDRSTRLEN + 8];
	struct network n;
	unsigned int i;

	if (parse_network(nlh, &n)) {
		errorf("a network the kernel gave cannot be read");
		return MNL_CB_ERROR;
	}
	if (names_add(data, n.name))
		return MNL_CB_ERROR;
	printf("network add %s id %u port %u", qname(n.name), n.id, n.port);
	if (n.has_local)
		printf(" local %s", format_addr(&n.local, buf, sizeof(buf)));
	if (n.has_local6)
		printf(" local %s", format_addr(&n.local6, buf, sizeof(buf)));
	for (i = 0; i < n.nprefixes; i++)
		printf(" prefix %s", format_prefix(&n.prefixes[i], buf, sizeof(buf)));
	putchar('\n');
	return MNL_CB_OK;
}

/**
 * network_save - print "network add" for every network, as vnetctl save
 * @names: where their names go, for the routes of their tables
 *
 * Return: 0, or -1 with the reason printed.
 */
int network_save(struct names *names)
{
	struct nl_req req;

	nl_req_init(&req, VNET_CMD_NETWORK_GET, NLM_F_DUMP);
	return nl_talk(req.nlh, network_save_cb, names);
}

int do_network(int argc, char **argv)
{
	static const struct cmd cmds[] = {
		{ "add", network_add },
		{ "del", network_del },
		{ "delete", network_del },
		{ "show", network_show },
		{ "list", network_show },
		{ "set", network_set },
		{ "flush", network_flush },
		{ NULL, NULL },
	};

	if (argc < 1)
		return network_show(0, NULL);
	return run_cmd(cmds, argc, argv, "network", network_usage);
}

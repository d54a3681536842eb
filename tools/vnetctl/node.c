// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl node: add, delete and show the nodes of networks: overlay
 * addresses, each on a local port or on a remote host.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "vnetctl.h"

/* A node as a reply or event has it. */
struct node {
	char network[IFNAMSIZ];
	struct prefix addr;
	bool remote;
	struct prefix remote_addr;	/* remote */
	char dev[IFNAMSIZ];		/* local */
	bool has_lladdr;		/* local, once learnt */
	uint8_t lladdr[6];
};

/* A command's arguments: ADDR, network NAME, dev DEV, remote ADDR. */
struct node_args {
	bool has_addr, has_remote;
	struct prefix addr, remote;
	const char *network, *dev;
};

static void node_usage(void)
{
	fprintf(stderr,
		"Usage: vnetctl node { add | replace } ADDR network NAME { dev DEV | remote SUBSTRATE_ADDR }\n"
		"       vnetctl node del ADDR network NAME\n"
		"       vnetctl node show [network NAME] [ADDR]\n"
		"       vnetctl node flush network NAME\n"
		"ADDR := the node's IPv4 or IPv6 address, in one of the network's prefixes\n"
		"DEV := a port of the network (vnetctl port add) the node is behind\n"
		"SUBSTRATE_ADDR := the substrate IPv4 or IPv6 address of the node's host\n"
		"replace moves a node (or adds it) atomically: no packet to it is lost to the move.\n");
}

static int node_parse_args(int argc, char **argv, struct node_args *a)
{
	memset(a, 0, sizeof(*a));
	for (; argc > 0; argc--, argv++) {
		if (matches(argv[0], "network") || matches(argv[0], "dev")) {
			const char **val = matches(argv[0], "dev") ? &a->dev : &a->network;

			if (need_arg(argc, argv))
				return -1;
			if (*val)
				return errorf("\"%s\" given twice", argv[0]);
			if (parse_ifname(argv[1]))
				return -1;
			*val = argv[1];
			argc--, argv++;
		} else if (matches(argv[0], "remote")) {
			if (need_arg(argc, argv))
				return -1;
			if (a->has_remote)
				return errorf("\"remote\" given twice");
			if (parse_addr(argv[1], &a->remote))
				return -1;
			a->has_remote = true;
			argc--, argv++;
		} else if (!a->has_addr) {
			if (parse_addr(argv[0], &a->addr))
				return -1;
			a->has_addr = true;
		} else {
			return errorf("unknown keyword \"%s\" (try \"vnetctl node help\")",
				      argv[0]);
		}
	}
	return 0;
}

/* ADDR and network NAME, which add and del need, and what del refuses */
static int node_key_args(const struct node_args *a, const char *cmd)
{
	if (!a->has_addr)
		return errorf("node address missing (try \"vnetctl node help\")");
	if (!a->network)
		return errorf("network missing: node %s ADDR network NAME", cmd);
	return 0;
}

/* A node request: VNET_A_NETWORK, VNET_A_NODE { ADDR, IFNAME | REMOTE } */
static struct nlmsghdr *node_req(struct nl_req *req, uint8_t cmd,
				 uint32_t flags, const struct node_args *a)
{
	struct nlattr *nest;

	nl_req_init(req, cmd, 0);
	if (flags)
		mnl_attr_put_u32(req->nlh, VNET_A_FLAGS, flags);
	nl_put_network_name(req->nlh, a->network);
	nest = mnl_attr_nest_start(req->nlh, VNET_A_NODE);
	vnl_put_addr(req->nlh, VNET_NODE_A_ADDR, &a->addr);
	if (a->dev)
		mnl_attr_put_strz(req->nlh, VNET_NODE_A_IFNAME, a->dev);
	if (a->has_remote)
		vnl_put_addr(req->nlh, VNET_NODE_A_REMOTE, &a->remote);
	mnl_attr_nest_end(req->nlh, nest);
	return req->nlh;
}

/* node add and node replace: the same request, with rtnetlink's flags */
static int node_new(int argc, char **argv, const char *cmd, uint32_t flags)
{
	struct node_args a;
	struct nl_req req;

	if (node_parse_args(argc, argv, &a) || node_key_args(&a, cmd))
		return -1;
	if (a.dev && a.has_remote)
		return errorf("a node is on a local port or a remote host: \"dev\" or \"remote\", not both");
	if (!a.dev && !a.has_remote)
		return errorf("where the node is missing: dev DEV or remote SUBSTRATE_ADDR");
	return nl_talk(node_req(&req, VNET_CMD_NODE_NEW, flags, &a), NULL, NULL);
}

/* without VNET_A_FLAGS the kernel takes NLM_F_CREATE | NLM_F_EXCL */
static int node_add(int argc, char **argv)
{
	return node_new(argc, argv, "add", 0);
}

static int node_replace(int argc, char **argv)
{
	return node_new(argc, argv, "replace", NLM_F_CREATE | NLM_F_REPLACE);
}

static int node_flush(int argc, char **argv)
{
	struct node_args a;
	struct nl_req req;

	if (node_parse_args(argc, argv, &a))
		return -1;
	if (a.has_addr || a.dev || a.has_remote || !a.network)
		return errorf("node flush takes only network NAME");
	nl_req_init(&req, VNET_CMD_NODE_FLUSH, 0);
	nl_put_network_name(req.nlh, a.network);
	return nl_talk(req.nlh, NULL, NULL);
}

static int node_del(int argc, char **argv)
{
	struct node_args a;
	struct nl_req req;

	if (node_parse_args(argc, argv, &a) || node_key_args(&a, "del"))
		return -1;
	if (a.dev || a.has_remote)
		return errorf("node del takes only ADDR network NAME");
	return nl_talk(node_req(&req, VNET_CMD_NODE_DEL, 0, &a), NULL, NULL);
}

static int parse_node(const struct nlmsghdr *nlh, struct node *n)
{
	const struct nlattr *tb[VNET_NODE_A_MAX + 1] = {};
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_NODE);

	memset(n, 0, sizeof(*n));
	if (!nest || msg_network_name(nlh, n->network))
		return -1;
	vnl_parse_nested(nest, tb, VNET_NODE_A_MAX);
	if (!tb[VNET_NODE_A_ADDR] || vnl_get_addr(tb[VNET_NODE_A_ADDR], &n->addr))
		return -1;
	if (tb[VNET_NODE_A_REMOTE]) {
		n->remote = true;
		return vnl_get_addr(tb[VNET_NODE_A_REMOTE], &n->remote_addr);
	}
	if (tb[VNET_NODE_A_LLADDR] &&
	    mnl_attr_get_payload_len(tb[VNET_NODE_A_LLADDR]) == sizeof(n->lladdr)) {
		memcpy(n->lladdr, mnl_attr_get_payload(tb[VNET_NODE_A_LLADDR]),
		       sizeof(n->lladdr));
		n->has_lladdr = true;
	}
	if (tb[VNET_NODE_A_IFNAME] &&
	    mnl_attr_validate(tb[VNET_NODE_A_IFNAME], MNL_TYPE_NUL_STRING) >= 0)
		snprintf(n->dev, sizeof(n->dev), "%s",
			 mnl_attr_get_str(tb[VNET_NODE_A_IFNAME]));
	else if (tb[VNET_NODE_A_IFINDEX] &&
		 mnl_attr_validate(tb[VNET_NODE_A_IFINDEX], MNL_TYPE_U32) >= 0)
		snprintf(n->dev, sizeof(n->dev), "if%u",
			 mnl_attr_get_u32(tb[VNET_NODE_A_IFINDEX]));
	else
		return -1;
	return 0;
}

static const char *format_lladdr(const uint8_t *a, char buf[18])
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
		 a[0], a[1], a[2], a[3], a[4], a[5]);
	return buf;
}

/*
 * "ADDR network NAME { dev DEV | remote ADDR }", as node add takes it, and
 * the MAC address learnt ("lladdr"): in the text with -d, which node add
 * does not take (as ip -j link has the ifindex that ip link add does not)
 */
static void node_print(const struct node *n)
{
	char buf[18];

	open_json_object(NULL);
	print_addr(PRINT_ANY, "address", "%s", &n->addr);
	print_color_string(PRINT_ANY, COLOR_IFNAME, "network", " network %s",
			   n->network);
	if (n->remote)
		print_addr(PRINT_ANY, "remote", " remote %s", &n->remote_addr);
	else
		print_color_string(PRINT_ANY, COLOR_IFNAME, "dev", " dev %s",
				   n->dev);
	if (n->has_lladdr)
		print_color_string(opt_details ? PRINT_ANY : PRINT_JSON, COLOR_MAC,
				   "lladdr", " lladdr %s",
				   format_lladdr(n->lladdr, buf));
	print_eol();
	close_json_object();
}

/**
 * node_flush_print_msg - print a flush event: every node of a network went
 * @nlh: the message: VNET_A_NETWORK
 *
 * Return: 0, or -1 if the message names no network.
 */
int node_flush_print_msg(const struct nlmsghdr *nlh)
{
	char network[IFNAMSIZ];

	if (msg_network_name(nlh, network))
		return -1;
	open_json_object(NULL);
	print_color_string(PRINT_ANY, COLOR_IFNAME, "network", "network %s",
			   network);
	print_eol();
	close_json_object();
	return 0;
}

/**
 * node_print_msg - print a node message as node show does
 * @nlh: the message: VNET_A_NETWORK and VNET_A_NODE
 *
 * Return: 0, or -1 if the message is not a well-formed node, or not of the
 * family asked for (-4, -6).
 */
int node_print_msg(const struct nlmsghdr *nlh)
{
	struct node n;

	if (parse_node(nlh, &n))
		return -1;
	if (opt_family && n.addr.family != opt_family)
		return -1;
	node_print(&n);
	return 0;
}

/* Print each node as its message comes: a dump may hold millions. */
static int node_show_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)data;
	node_print_msg(nlh);
	return MNL_CB_OK;
}

static int node_show(int argc, char **argv)
{
	struct node_args a;
	struct nl_req req;
	int err;

	if (node_parse_args(argc, argv, &a))
		return -1;
	if (a.dev || a.has_remote)
		return errorf("node show takes only [network NAME] [ADDR]");
	if (a.has_addr) {
		if (!a.network)
			return errorf("network missing: node show network NAME ADDR");
		node_req(&req, VNET_CMD_NODE_GET, 0, &a);
	} else {
		nl_req_init(&req, VNET_CMD_NODE_GET, NLM_F_DUMP);
		if (a.network)
			nl_put_network_name(req.nlh, a.network);
	}
	print_records_begin();
	err = nl_talk(req.nlh, node_show_cb, NULL);
	print_records_end(err);
	return err;
}

/* "node add": the address, and where the node is (not its resolved lladdr) */
static int node_save_cb(const struct nlmsghdr *nlh, void *data)
{
	char addr[INET6_ADDRSTRLEN], remote[INET6_ADDRSTRLEN];
	struct node n;

	(void)data;
	if (parse_node(nlh, &n)) {
		errorf("a node the kernel gave cannot be read");
		return MNL_CB_ERROR;
	}
	printf("node add %s network %s ",
	       format_addr(&n.addr, addr, sizeof(addr)), qname(n.network));
	if (n.remote)
		printf("remote %s\n",
		       format_addr(&n.remote_addr, remote, sizeof(remote)));
	else
		printf("dev %s\n", qname(n.dev));
	return MNL_CB_OK;
}

/* vnetctl save: "node add" for every node */
int node_save(void)
{
	struct nl_req req;

	nl_req_init(&req, VNET_CMD_NODE_GET, NLM_F_DUMP);
	return nl_talk(req.nlh, node_save_cb, NULL);
}

int do_node(int argc, char **argv)
{
	static const struct cmd cmds[] = {
		{ "add", node_add },
		{ "replace", node_replace },
		{ "del", node_del },
		{ "delete", node_del },
		{ "show", node_show },
		{ "list", node_show },
		{ "flush", node_flush },
		{ NULL, NULL },
	};

	if (argc < 1)
		return node_show(0, NULL);
	return run_cmd(cmds, argc, argv, "node", node_usage);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl port: make a node-facing netdevice (a VM's tap, a veth) a port of
 * a network, and release it.
 */
#include <stdio.h>
#include <string.h>

#include "vnetctl.h"

static void port_usage(void)
{
	fprintf(stderr,
		"Usage: vnetctl port add DEV network NAME\n"
		"       vnetctl port del DEV [network NAME]\n"
		"       vnetctl port show [DEV] [network NAME]\n"
		"DEV := an Ethernet netdevice of the namespace, with no master\n"
		"Releasing a port deletes the nodes on it.\n");
}

/* DEV [network NAME]: a PORT_NEW or PORT_DEL request in @req */
static int port_req(struct nl_req *req, uint8_t cmd, int argc, char **argv,
		    bool need_network)
{
	const char *dev, *network = NULL;
	struct nlattr *nest;

	if (argc < 1)
		return errorf("device name missing (try \"vnetctl port help\")");
	dev = argv[0];
	if (parse_ifname(dev))
		return -1;
	for (argc--, argv++; argc > 0; argc -= 2, argv += 2) {
		if (!matches(argv[0], "network"))
			return errorf("unknown keyword \"%s\" (try \"vnetctl port help\")",
				      argv[0]);
		if (need_arg(argc, argv))
			return -1;
		if (network)
			return errorf("\"network\" given twice");
		network = argv[1];
		if (parse_ifname(network))
			return -1;
	}
	if (need_network && !network)
		return errorf("network missing: port add DEV network NAME");

	nl_req_init(req, cmd, 0);
	if (network)
		nl_put_network_name(req->nlh, network);
	nest = mnl_attr_nest_start(req->nlh, VNET_A_PORT);
	mnl_attr_put_strz(req->nlh, VNET_PORT_A_IFNAME, dev);
	mnl_attr_nest_end(req->nlh, nest);
	return 0;
}

static int port_add(int argc, char **argv)
{
	struct nl_req req;

	if (port_req(&req, VNET_CMD_PORT_NEW, argc, argv, true))
		return -1;
	return nl_talk(req.nlh, NULL, NULL);
}

static int port_del(int argc, char **argv)
{
	struct nl_req req;

	if (port_req(&req, VNET_CMD_PORT_DEL, argc, argv, false))
		return -1;
	return nl_talk(req.nlh, NULL, NULL);
}

/* The port a reply or event is about: its device and network. */
static int parse_port(const struct nlmsghdr *nlh, char dev[IFNAMSIZ],
		      char network[IFNAMSIZ])
{
	const struct nlattr *tb[VNET_PORT_A_MAX + 1] = {};
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_PORT);

	if (!nest || msg_network_name(nlh, network))
		return -1;
	vnl_parse_nested(nest, tb, VNET_PORT_A_MAX);
	if (!tb[VNET_PORT_A_IFNAME] ||
	    mnl_attr_validate(tb[VNET_PORT_A_IFNAME], MNL_TYPE_NUL_STRING) < 0)
		return -1;
	snprintf(dev, IFNAMSIZ, "%s", mnl_attr_get_str(tb[VNET_PORT_A_IFNAME]));
	return 0;
}

/**
 * port_print_msg - print a port message as port show does: "DEV network
 *	NAME", as port add takes it
 * @nlh: the message: VNET_A_NETWORK and VNET_A_PORT
 *
 * Return: 0, or -1 if the message is not a well-formed port.
 */
int port_print_msg(const struct nlmsghdr *nlh)
{
	char dev[IFNAMSIZ], network[IFNAMSIZ];

	if (parse_port(nlh, dev, network))
		return -1;
	open_json_object(NULL);
	print_color_string(PRINT_ANY, COLOR_IFNAME, "dev", "%s", dev);
	print_color_string(PRINT_ANY, COLOR_IFNAME, "network", " network %s",
			   network);
	print_eol();
	close_json_object();
	return 0;
}

static int port_show_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)data;
	port_print_msg(nlh);
	return MNL_CB_OK;
}

/* port show [DEV] [network NAME]: one port, or a dump */
static int port_show(int argc, char **argv)
{
	const char *dev = NULL, *network = NULL;
	struct nlattr *nest;
	struct nl_req req;
	int err;

	for (; argc > 0; argc--, argv++) {
		if (matches(argv[0], "network")) {
			if (need_arg(argc, argv))
				return -1;
			if (network)
				return errorf("\"network\" given twice");
			network = argv[1];
			if (parse_ifname(network))
				return -1;
			argc--, argv++;
		} else if (!dev) {
			dev = argv[0];
			if (parse_ifname(dev))
				return -1;
		} else {
			return errorf("unknown keyword \"%s\" (try \"vnetctl port help\")",
				      argv[0]);
		}
	}
	nl_req_init(&req, VNET_CMD_PORT_GET, dev ? 0 : NLM_F_DUMP);
	if (network)
		nl_put_network_name(req.nlh, network);
	if (dev) {
		nest = mnl_attr_nest_start(req.nlh, VNET_A_PORT);
		mnl_attr_put_strz(req.nlh, VNET_PORT_A_IFNAME, dev);
		mnl_attr_nest_end(req.nlh, nest);
	}
	print_records_begin();
	err = nl_talk(req.nlh, port_show_cb, NULL);
	print_records_end(err);
	return err;
}

static int port_save_cb(const struct nlmsghdr *nlh, void *data)
{
	char dev[IFNAMSIZ], network[IFNAMSIZ];

	(void)data;
	if (parse_port(nlh, dev, network)) {
		errorf("a port the kernel gave cannot be read");
		return MNL_CB_ERROR;
	}
	printf("port add %s network %s\n", qname(dev), qname(network));
	return MNL_CB_OK;
}

/* vnetctl save: "port add" for every port */
int port_save(void)
{
	struct nl_req req;

	nl_req_init(&req, VNET_CMD_PORT_GET, NLM_F_DUMP);
	return nl_talk(req.nlh, port_save_cb, NULL);
}

int do_port(int argc, char **argv)
{
	static const struct cmd cmds[] = {
		{ "add", port_add },
		{ "del", port_del },
		{ "delete", port_del },
		{ "show", port_show },
		{ "list", port_show },
		{ NULL, NULL },
	};

	if (argc < 1)
		return port_show(0, NULL);
	return run_cmd(cmds, argc, argv, "port", port_usage);
}

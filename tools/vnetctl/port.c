// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl port: make a node-facing netdevice (a VM's tap, a veth) a port of
 * a network, and release it.
 */
#include <stdio.h>

#include "vnetctl.h"

static void port_usage(void)
{
	fprintf(stderr,
		"Usage: vnetctl port add DEV network NAME\n"
		"       vnetctl port del DEV [network NAME]\n"
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
		if (need_arg(argc, argv))
			return -1;
		if (!matches(argv[0], "network"))
			return errorf("unknown keyword \"%s\" (try \"vnetctl port help\")",
				      argv[0]);
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

/**
 * port_print_msg - print a port event
 * @nlh: the message: VNET_A_NETWORK and VNET_A_PORT
 * @event: "new" or "del"
 *
 * Return: 0, or -1 if the message is not a well-formed port.
 */
int port_print_msg(const struct nlmsghdr *nlh, const char *event)
{
	const struct nlattr *tb[VNET_PORT_A_MAX + 1] = {};
	const struct nlattr *nest = nl_genl_attr(nlh, VNET_A_PORT);
	char network[IFNAMSIZ];
	const char *dev;

	if (!nest || msg_network_name(nlh, network))
		return -1;
	nl_parse_nested(nest, tb, VNET_PORT_A_MAX);
	if (!tb[VNET_PORT_A_IFNAME] ||
	    mnl_attr_validate(tb[VNET_PORT_A_IFNAME], MNL_TYPE_NUL_STRING) < 0)
		return -1;
	dev = mnl_attr_get_str(tb[VNET_PORT_A_IFNAME]);
	if (opt_json)
		json_print_event(json_pack("{s:s, s:s}", "dev", dev, "network", network),
				 event, "port");
	else
		printf("%s port %s network %s\n", event, dev, network);
	return 0;
}

int do_port(int argc, char **argv)
{
	static const struct cmd cmds[] = {
		{ "add", port_add },
		{ "del", port_del },
		{ "delete", port_del },
		{ NULL, NULL },
	};

	if (argc < 1) {
		port_usage();
		return errorf("port command missing");
	}
	return run_cmd(cmds, argc, argv, "port", port_usage);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl monitor: print change events as they happen.
 */
#include <stdio.h>

#include <linux/genetlink.h>

#include "vnetctl.h"

/* The events, by command, and how to print them. */
static const struct event {
	uint8_t cmd;
	const char *event;
	int (*print)(const struct nlmsghdr *nlh, const char *event);
} events[] = {
	{ VNET_CMD_NETWORK_NEW, "new", network_print_msg },
	{ VNET_CMD_NETWORK_DEL, "del", network_print_msg },
	{ VNET_CMD_PORT_NEW, "new", port_print_msg },
	{ VNET_CMD_PORT_DEL, "del", port_print_msg },
	{ VNET_CMD_NODE_NEW, "new", node_print_msg },
	{ VNET_CMD_NODE_DEL, "del", node_print_msg },
	{ VNET_CMD_NODE_FLUSH, "flush", node_flush_print_msg },
	{ VNET_CMD_PEERING_NEW, "new", peering_print_msg },
	{ VNET_CMD_PEERING_DEL, "del", peering_print_msg },
	{ VNET_CMD_ATTACH_NEW, "attach", attach_print_msg },
	{ VNET_CMD_ATTACH_DEL, "detach", attach_print_msg },
	{ VNET_CMD_ROUTE_NEW, "new", route_print_msg },
	{ VNET_CMD_ROUTE_DEL, "del", route_print_msg },
	{ VNET_CMD_ROUTE_FLUSH, "flush", route_flush_print_msg },
	{ 0, NULL, NULL },
};

static int monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const struct event *e;

	(void)data;
	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*g)))
		return MNL_CB_OK;
	for (e = events; e->print; e++) {
		if (e->cmd == g->cmd) {
			e->print(nlh, e->event);
			break;
		}
	}
	fflush(stdout);
	return MNL_CB_OK;
}

int do_monitor(int argc, char **argv)
{
	if (argc > 0 && !matches(argv[0], "help"))
		return errorf("unexpected \"%s\" after \"monitor\"", argv[0]);
	if (argc > 0) {
		fprintf(stderr, "Usage: vnetctl [-j] [-s] [-n NETNS] monitor\n"
			"Prints networks, ports, nodes, peering routers, attachments and routes\n"
			"as they come and go.\n");
		return 0;
	}
	if (nl_open())
		return -1;
	return nl_monitor(monitor_cb, NULL);
}

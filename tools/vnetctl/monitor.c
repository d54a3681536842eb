// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl monitor: print change events as they happen, each as show prints
 * the object, deletions prefixed "Deleted", as ip monitor.
 */
#include <stdio.h>

#include <linux/genetlink.h>

#include "vnetctl.h"

/* The objects one can ask for, a bit each. */
static const char *const objects[] = {
	"network", "port", "node", "peering", "attachment", "route",
};

#define N_OBJECTS	(sizeof(objects) / sizeof(objects[0]))

/* The events, by command, and how to print them. */
static const struct event {
	uint8_t cmd;
	unsigned int object;		/* index in objects[] */
	enum event_kind kind;
	int (*print)(const struct nlmsghdr *nlh);
} events[] = {
	{ VNET_CMD_NETWORK_NEW, 0, EVENT_NEW, network_print_msg },
	{ VNET_CMD_NETWORK_DEL, 0, EVENT_DEL, network_print_msg },
	{ VNET_CMD_PORT_NEW, 1, EVENT_NEW, port_print_msg },
	{ VNET_CMD_PORT_DEL, 1, EVENT_DEL, port_print_msg },
	{ VNET_CMD_NODE_NEW, 2, EVENT_NEW, node_print_msg },
	{ VNET_CMD_NODE_DEL, 2, EVENT_DEL, node_print_msg },
	{ VNET_CMD_NODE_FLUSH, 2, EVENT_FLUSH, node_flush_print_msg },
	{ VNET_CMD_PEERING_NEW, 3, EVENT_NEW, peering_print_msg },
	{ VNET_CMD_PEERING_DEL, 3, EVENT_DEL, peering_print_msg },
	{ VNET_CMD_ATTACH_NEW, 4, EVENT_NEW, attach_print_msg },
	{ VNET_CMD_ATTACH_DEL, 4, EVENT_DEL, attach_print_msg },
	{ VNET_CMD_ROUTE_NEW, 5, EVENT_NEW, route_print_msg },
	{ VNET_CMD_ROUTE_DEL, 5, EVENT_DEL, route_print_msg },
	{ VNET_CMD_ROUTE_FLUSH, 5, EVENT_FLUSH, route_flush_print_msg },
};

#define N_EVENTS	(sizeof(events) / sizeof(events[0]))

static int monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const unsigned int *wanted = data;
	unsigned int i;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*g)))
		return MNL_CB_OK;
	for (i = 0; i < N_EVENTS; i++) {
		if (events[i].cmd != g->cmd)
			continue;
		if (!(*wanted & 1u << events[i].object))
			break;
		print_event_begin(objects[events[i].object], events[i].kind);
		events[i].print(nlh);
		print_event_end();
		break;
	}
	fflush(stdout);
	return MNL_CB_OK;
}

static void monitor_usage(void)
{
	fprintf(stderr,
		"Usage: vnetctl [-t[s]] [-j] [-4|-6] monitor [ all | OBJECT... ]\n"
		"OBJECT := { network | port | node | peering | attachment | route }\n"
		"Prints the objects as they come and go, as show prints them; deleted\n"
		"ones prefixed \"Deleted\", a network's nodes or a table's routes deleted\n"
		"at once \"Flushed\" (JSON: \"deleted\": true, \"flushed\": true).\n"
		"-t prints a timestamp line before each (-ts a short one on its line).\n");
}

int do_monitor(int argc, char **argv)
{
	unsigned int wanted = 0, i;

	for (; argc > 0; argc--, argv++) {
		if (matches(argv[0], "help")) {
			monitor_usage();
			return 0;
		}
		if (matches(argv[0], "all")) {
			wanted = ~0u;
			continue;
		}
		for (i = 0; i < N_OBJECTS; i++)
			if (matches(argv[0], objects[i]))
				break;
		if (i == N_OBJECTS)
			return errorf("unknown object \"%s\" (try \"vnetctl monitor help\")",
				      argv[0]);
		wanted |= 1u << i;
	}
	if (!wanted)
		wanted = ~0u;
	if (nl_open())
		return -1;
	return nl_monitor(monitor_cb, &wanted);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl monitor: print change events as they happen.
 */
#include <stdio.h>

#include <linux/genetlink.h>

#include "vnetctl.h"

static int monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

	(void)data;
	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*g)))
		return MNL_CB_OK;
	switch (g->cmd) {
	case VNET_CMD_NETWORK_NEW:
		network_print_msg(nlh, "new");
		break;
	case VNET_CMD_NETWORK_DEL:
		network_print_msg(nlh, "del");
		break;
	}
	fflush(stdout);
	return MNL_CB_OK;
}

int do_monitor(int argc, char **argv)
{
	if (argc > 0 && !matches(argv[0], "help"))
		return errorf("unexpected \"%s\" after \"monitor\"", argv[0]);
	if (argc > 0) {
		fprintf(stderr, "Usage: vnetctl [-j] [-n NETNS] monitor\n");
		return 0;
	}
	if (nl_open())
		return -1;
	return nl_monitor(monitor_cb, NULL);
}

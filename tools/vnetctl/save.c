// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl save: the namespace's configuration as a batch file that
 * `vnetctl -batch` restores, as `wg showconf` does for WireGuard: networks,
 * ports, nodes, peering routers with their hosts, attachments with their BGP
 * peers (and TCP-MD5 keys), and the routes nobody else makes again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vnetctl.h"

/**
 * names_add - remember a network's or peering router's name
 * @l: the list (all zero to start)
 * @name: the name, shorter than IFNAMSIZ
 *
 * Return: 0, or -1 out of memory (printed).
 */
int names_add(struct names *l, const char *name)
{
	char (*v)[IFNAMSIZ];

	if (l->n == l->cap) {
		v = realloc(l->v, (l->cap * 2 + 16) * sizeof(*v));
		if (!v)
			return errorf("out of memory");
		l->v = v;
		l->cap = l->cap * 2 + 16;
	}
	snprintf(l->v[l->n++], IFNAMSIZ, "%s", name);
	return 0;
}

static void save_usage(void)
{
	fprintf(stderr,
		"Usage: vnetctl save\n"
		"Prints the configuration of the namespace as a batch file that\n"
		"vnetctl -batch FILE restores: networks, ports, nodes, peering\n"
		"routers with their hosts, attachments with their BGP peers, and\n"
		"routes but those of protocols attach and bgp (made again by\n"
		"attaching and by vnetd). The ports' netdevices must exist when\n"
		"it is restored.\n");
}

static int save_tables(const char *kind, const struct names *l)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (route_save(kind, l->v[i]))
			return -1;
	return 0;
}

int do_save(int argc, char **argv)
{
	struct names networks = {}, peerings = {};
	int err;

	if (argc > 0) {
		save_usage();
		if (matches(argv[0], "help"))
			return 0;
		return errorf("unknown argument \"%s\" for \"save\"", argv[0]);
	}
	if (opt_json)
		return errorf("save prints a batch file, not JSON");
	printf("# vnet configuration: restore with vnetctl -batch FILE\n");
	err = network_save(&networks) || port_save() || node_save() ||
	      peering_save(&peerings) || save_tables("network", &networks) ||
	      save_tables("peering", &peerings) ? -1 : 0;
	free(networks.v);
	free(peerings.v);
	return err;
}

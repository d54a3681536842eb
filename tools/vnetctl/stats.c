// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl stats: counters, of a network (network show -s) and of the
 * namespace's substrate (packets that reached no network).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "vnetctl.h"

/* The drop counters of a network, in the order they are printed. */
static const struct {
	unsigned int type;
	const char *name;
} drops[] = {
	{ VNET_STATS_A_DROP_NO_ROUTE, "no_route" },
	{ VNET_STATS_A_DROP_SPOOFED, "spoofed" },
	{ VNET_STATS_A_DROP_BAD_VNI, "bad_vni" },
	{ VNET_STATS_A_DROP_UNKNOWN_NODE, "unknown_node" },
	{ VNET_STATS_A_DROP_TOO_BIG, "too_big" },
	{ VNET_STATS_A_DROP_MALFORMED, "malformed" },
	{ VNET_STATS_A_DROP_UNRESOLVED, "unresolved" },
	{ VNET_STATS_A_DROP_BLACKHOLE, "blackhole" },
	{ VNET_STATS_A_DROP_TTL, "ttl" },
};

/* Those a peering router counts. */
static const struct {
	unsigned int type;
	const char *name;
} peering_drops[] = {
	{ VNET_STATS_A_DROP_NO_ROUTE, "no_route" },
	{ VNET_STATS_A_DROP_BLACKHOLE, "blackhole" },
	{ VNET_STATS_A_DROP_UNKNOWN_NODE, "unknown_node" },
	{ VNET_STATS_A_DROP_TTL, "ttl" },
};

#define N_PEERING_DROPS (sizeof(peering_drops) / sizeof(peering_drops[0]))

#define N_DROPS (sizeof(drops) / sizeof(drops[0]))

/**
 * stats_parse - read a nest of counters
 * @nest: a VNET_NETWORK_A_STATS or VNET_A_STATS nest
 * @s: the counters; those the nest lacks are 0
 *
 * Return: 0, or -1 if a counter is not a u64.
 */
int stats_parse(const struct nlattr *nest, struct stats *s)
{
	const struct nlattr *tb[VNET_STATS_A_MAX + 1] = {};
	unsigned int i;

	memset(s, 0, sizeof(*s));
	vnl_parse_nested(nest, tb, VNET_STATS_A_MAX);
	for (i = VNET_STATS_A_PAD + 1; i <= VNET_STATS_A_MAX; i++) {
		if (!tb[i])
			continue;
		if (mnl_attr_validate(tb[i], MNL_TYPE_U64) < 0)
			return -1;
		s->c[i] = mnl_attr_get_u64(tb[i]);
	}
	return 0;
}

/* The two lines under a network of `network show -s`. */
void stats_print_network(const struct stats *s)
{
	unsigned int i;

	printf("    rx: packets %" PRIu64 " bytes %" PRIu64
	       "  tx: packets %" PRIu64 " bytes %" PRIu64 "\n",
	       s->c[VNET_STATS_A_RX_PACKETS], s->c[VNET_STATS_A_RX_BYTES],
	       s->c[VNET_STATS_A_TX_PACKETS], s->c[VNET_STATS_A_TX_BYTES]);
	fputs("    drops:", stdout);
	for (i = 0; i < N_DROPS; i++)
		printf(" %s %" PRIu64, drops[i].name, s->c[drops[i].type]);
	putchar('\n');
}

static json_t *counter(uint64_t v)
{
	return json_integer((json_int_t)v);
}

json_t *stats_network_json(const struct stats *s)
{
	json_t *o, *d = json_object();
	unsigned int i;

	for (i = 0; i < N_DROPS; i++)
		json_object_set_new(d, drops[i].name, counter(s->c[drops[i].type]));
	o = json_object();
	json_object_set_new(o, "rx_packets", counter(s->c[VNET_STATS_A_RX_PACKETS]));
	json_object_set_new(o, "rx_bytes", counter(s->c[VNET_STATS_A_RX_BYTES]));
	json_object_set_new(o, "tx_packets", counter(s->c[VNET_STATS_A_TX_PACKETS]));
	json_object_set_new(o, "tx_bytes", counter(s->c[VNET_STATS_A_TX_BYTES]));
	json_object_set_new(o, "drops", d);
	return o;
}

/* The line under a peering router of `peering show -s`. */
void stats_print_peering(const struct stats *s)
{
	unsigned int i;

	printf("    forwarded: packets %" PRIu64 " bytes %" PRIu64 "  drops:",
	       s->c[VNET_STATS_A_TX_PACKETS], s->c[VNET_STATS_A_TX_BYTES]);
	for (i = 0; i < N_PEERING_DROPS; i++)
		printf(" %s %" PRIu64, peering_drops[i].name,
		       s->c[peering_drops[i].type]);
	putchar('\n');
}

json_t *stats_peering_json(const struct stats *s)
{
	json_t *o = json_object(), *d = json_object();
	unsigned int i;

	for (i = 0; i < N_PEERING_DROPS; i++)
		json_object_set_new(d, peering_drops[i].name,
				    counter(s->c[peering_drops[i].type]));
	json_object_set_new(o, "packets", counter(s->c[VNET_STATS_A_TX_PACKETS]));
	json_object_set_new(o, "bytes", counter(s->c[VNET_STATS_A_TX_BYTES]));
	json_object_set_new(o, "drops", d);
	return o;
}

static void stats_usage(void)
{
	fprintf(stderr,
		"Usage: vnetctl stats [show]\n"
		"Counters of the namespace's substrate: packets that reached no network.\n"
		"A network's own counters: vnetctl -s network show [NAME]\n");
}

static int stats_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_STATS);
	uint64_t bad_vni, malformed;
	struct stats s;

	(void)data;
	if (!nest || stats_parse(nest, &s))
		return MNL_CB_OK;
	bad_vni = s.c[VNET_STATS_A_DROP_BAD_VNI];
	malformed = s.c[VNET_STATS_A_DROP_MALFORMED];
	if (opt_json)
		json_print(json_pack("{s:I, s:I}", "bad_vni", (json_int_t)bad_vni,
				     "malformed", (json_int_t)malformed));
	else
		printf("substrate: bad_vni %" PRIu64 " malformed %" PRIu64 "\n",
		       bad_vni, malformed);
	return MNL_CB_OK;
}

static int stats_show(int argc, char **argv)
{
	struct nl_req req;

	if (argc > 0)
		return errorf("unexpected \"%s\" after \"show\"", argv[0]);
	return nl_talk(nl_req_init(&req, VNET_CMD_STATS_GET, 0), stats_show_cb, NULL);
}

int do_stats(int argc, char **argv)
{
	static const struct cmd cmds[] = {
		{ "show", stats_show },
		{ "list", stats_show },
		{ NULL, NULL },
	};

	if (argc < 1)
		return stats_show(0, NULL);
	return run_cmd(cmds, argc, argv, "stats", stats_usage);
}

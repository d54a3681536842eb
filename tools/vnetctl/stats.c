// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl stats: counters, of a network (network show -s) and of the
 * namespace's substrate (packets that reached no network).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "vnetctl.h"

/* A drop counter: its attribute and its name */
struct drop_reason {
	unsigned int type;
	const char *name;
};

/* The drop counters of a network, in the order they are printed. */
static const struct drop_reason drops[] = {
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
static const struct drop_reason peering_drops[] = {
	{ VNET_STATS_A_DROP_NO_ROUTE, "no_route" },
	{ VNET_STATS_A_DROP_BLACKHOLE, "blackhole" },
	{ VNET_STATS_A_DROP_UNKNOWN_NODE, "unknown_node" },
	{ VNET_STATS_A_DROP_TTL, "ttl" },
};

/* Those of the namespace's substrate: packets that reached no network. */
static const struct drop_reason substrate_drops[] = {
	{ VNET_STATS_A_DROP_BAD_VNI, "bad_vni" },
	{ VNET_STATS_A_DROP_MALFORMED, "malformed" },
};

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

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

/*
 * "    RX: bytes packets dropped" and the values under their headings, as
 * ip -s lays them out; in JSON the values under the headings' names
 */
static void stats_table(const char *dir, const char *const *heads,
			const uint64_t *v, unsigned int n)
{
	char num[24];
	unsigned int i;
	int w[3];

	for (i = 0; i < n; i++) {
		w[i] = snprintf(num, sizeof(num), "%" PRIu64, v[i]);
		if (w[i] < (int)strlen(heads[i]))
			w[i] = strlen(heads[i]);
		print_u64(PRINT_JSON, heads[i], NULL, v[i]);
	}
	if (opt_json)
		return;
	print_nl();
	printf("    %s:", dir);
	for (i = 0; i < n; i++)
		printf(" %*s", w[i], heads[i]);
	print_nl();
	printf("    %*s", (int)strlen(dir) + 1, "");
	for (i = 0; i < n; i++)
		printf(" %*" PRIu64, w[i], v[i]);
}

/* what a set of counters has besides its drops */
#define STATS_RX	1	/* packets and bytes received */
#define STATS_TX	2	/* ... sent (a peering router: forwarded) */

/*
 * Counters in the layout of ip -s, and in JSON "stats64" as ip -s -j link
 * show has it: "rx" the bytes and packets received and "dropped", with
 * each drop reason beside it (the netdevice counts every drop as
 * rx_dropped); "tx" the bytes and packets sent
 */
static void stats_print(const struct stats *s, unsigned int what,
			const struct drop_reason *d, unsigned int n)
{
	static const char *const heads[] = { "bytes", "packets", "dropped" };
	unsigned int i;
	uint64_t v[3];

	v[0] = s->c[VNET_STATS_A_RX_BYTES];
	v[1] = s->c[VNET_STATS_A_RX_PACKETS];
	v[2] = 0;
	for (i = 0; i < n; i++)
		v[2] += s->c[d[i].type];
	open_json_object("stats64");
	open_json_object("rx");
	if (what & STATS_RX)
		stats_table("RX", heads, v, 3);
	else
		stats_table("RX", heads + 2, v + 2, 1);
	print_nl();
	print_string(PRINT_FP, NULL, "    dropped:", NULL);
	for (i = 0; i < n; i++) {
		char fmt[32];

		snprintf(fmt, sizeof(fmt), " %s %%" PRIu64, d[i].name);
		print_u64(PRINT_ANY, d[i].name, fmt, s->c[d[i].type]);
	}
	close_json_object();
	if (what & STATS_TX) {
		v[0] = s->c[VNET_STATS_A_TX_BYTES];
		v[1] = s->c[VNET_STATS_A_TX_PACKETS];
		open_json_object("tx");
		stats_table("TX", heads, v, 2);
		close_json_object();
	}
	close_json_object();
}

/**
 * stats_print_network - a network's counters, for network show -s
 * @s: the counters
 */
void stats_print_network(const struct stats *s)
{
	stats_print(s, STATS_RX | STATS_TX, drops, ARRAY_LEN(drops));
}

/**
 * stats_print_peering - a peering router's counters, for peering show -s:
 *	what it forwarded as "tx", what it dropped in "rx"
 * @s: the counters
 */
void stats_print_peering(const struct stats *s)
{
	stats_print(s, STATS_TX, peering_drops, ARRAY_LEN(peering_drops));
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
	struct stats s;

	(void)data;
	if (!nest || stats_parse(nest, &s))
		return MNL_CB_OK;
	open_json_object(NULL);
	print_string(PRINT_FP, NULL, "substrate:", NULL);
	stats_print(&s, 0, substrate_drops, ARRAY_LEN(substrate_drops));
	print_eol();
	close_json_object();
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

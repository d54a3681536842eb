// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl route: the route tables of networks and peering routers, in the
 * manner of ip-route(8).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/rtnetlink.h>

#include "vnetctl.h"

static void route_usage(void)
{
	fprintf(stderr,
		"Usage: vnetctl route { add | replace } PREFIX TARGET [proto PROTO] [metric N]\n"
		"       vnetctl route del PREFIX TABLE [proto PROTO] [metric N]\n"
		"       vnetctl route flush TABLE [proto PROTO]\n"
		"       vnetctl [-4|-6] route show [TABLE] [proto PROTO] [match PREFIX]\n"
		"       vnetctl route get ADDR TABLE\n"
		"TABLE := { network NET | peering P }\n"
		"TARGET := { network NET via peering P |\n"
		"            peering P { via network NET [nexthop ADDR] }... |\n"
		"            TABLE blackhole }\n"
		"PROTO := { static | attach | bgp | kernel | boot | zebra | bird | ospf |\n"
		"           NUMBER }\n"
		"A network's routes lead to a peering router it is attached to; a peering\n"
		"router's to a network attached to it, and to the node ADDR inside it for\n"
		"destinations outside the network's prefixes; with several, flows are\n"
		"spread across them (ECMP). Of one prefix's routes the\n"
		"lowest metric wins, then static, then attach. A route is known by its\n"
		"table, prefix, protocol and metric; replace swaps it atomically.\n");
}

static const struct {
	uint8_t proto;
	const char *name;
} protos[] = {
	{ RTPROT_KERNEL, "kernel" },
	{ RTPROT_BOOT, "boot" },
	{ RTPROT_STATIC, "static" },
	{ VNET_RTPROT_ATTACH, "attach" },
	{ RTPROT_ZEBRA, "zebra" },
	{ RTPROT_BIRD, "bird" },
	{ RTPROT_BGP, "bgp" },
	{ RTPROT_OSPF, "ospf" },
};

#define N_PROTOS (sizeof(protos) / sizeof(protos[0]))

const char *format_proto(uint8_t proto, char *buf, size_t len)
{
	unsigned int i;

	for (i = 0; i < N_PROTOS; i++)
		if (protos[i].proto == proto)
			return protos[i].name;
	snprintf(buf, len, "%u", proto);
	return buf;
}

static int parse_proto(const char *s, uint8_t *proto)
{
	unsigned int i;
	uint32_t v;

	for (i = 0; i < N_PROTOS; i++) {
		if (matches(s, protos[i].name)) {
			*proto = protos[i].proto;
			return 0;
		}
	}
	if (parse_u32("protocol", s, 255, &v))
		return -1;
	*proto = v;
	return 0;
}

/* What the route commands take. */
struct route_args {
	bool has_dst, has_nexthop, has_proto, has_metric, has_match;
	bool blackhole, via;
	struct prefix dst, match;
	const char *network, *peering;		/* the table */
	const char *to_network, *to_peering;	/* the target, after "via" */
	unsigned int n_nh;			/* "via network NET [nexthop A]"s */
	struct {
		const char *network;
		struct prefix addr;		/* family 0: none */
	} nh[VNET_MAX_NEXTHOPS];
	uint8_t proto;
	uint32_t metric;
	bool is_addr;				/* route get: ADDR, not PREFIX */
	bool any_table;				/* route show: none is every one */
};

static int route_parse(int argc, char **argv, struct route_args *a,
		       bool any_table)
{
	memset(a, 0, sizeof(*a));
	a->any_table = any_table;
	for (; argc > 0; argc--, argv++) {
		const char *kw = argv[0];

		if (matches(kw, "network") || matches(kw, "peering")) {
			bool net = matches(kw, "network");
			const char **val = a->via ? (net ? &a->to_network : &a->to_peering) :
						    (net ? &a->network : &a->peering);

			if (need_arg(argc, argv))
				return -1;
			/* a peering router's route may lead to several */
			if (a->via && net && a->to_network && !a->to_peering)
				val = &a->nh[a->n_nh].network;
			if (*val || (!a->via && (a->network || a->peering)))
				return errorf("name one table, and one target after \"via\"");
			if (net ? parse_ifname(argv[1]) : parse_peering_name(argv[1]))
				return -1;
			if (a->via && net) {
				if (a->n_nh == VNET_MAX_NEXTHOPS)
					return errorf("at most %d next hops a route",
						      VNET_MAX_NEXTHOPS);
				a->nh[a->n_nh++].network = argv[1];
			}
			*val = argv[1];
			a->via = false;
			argc--, argv++;
		} else if (matches(kw, "via")) {
			if (a->via || a->to_peering)
				return errorf("\"via\" given twice");
			a->via = true;
		} else if (matches(kw, "nexthop")) {
			if (need_arg(argc, argv))
				return -1;
			if (!a->n_nh)
				return errorf("\"nexthop\" follows \"via network NET\"");
			if (a->nh[a->n_nh - 1].addr.family)
				return errorf("\"nexthop\" given twice");
			if (parse_addr(argv[1], &a->nh[a->n_nh - 1].addr))
				return -1;
			a->has_nexthop = true;
			argc--, argv++;
		} else if (matches(kw, "blackhole")) {
			a->blackhole = true;
		} else if (matches(kw, "proto") || matches(kw, "protocol")) {
			if (need_arg(argc, argv))
				return -1;
			if (a->has_proto)
				return errorf("\"proto\" given twice");
			if (parse_proto(argv[1], &a->proto))
				return -1;
			a->has_proto = true;
			argc--, argv++;
		} else if (matches(kw, "metric") || matches(kw, "preference")) {
			if (need_arg(argc, argv))
				return -1;
			if (a->has_metric)
				return errorf("\"metric\" given twice");
			if (parse_u32("metric", argv[1], UINT32_MAX, &a->metric))
				return -1;
			a->has_metric = true;
			argc--, argv++;
		} else if (matches(kw, "match")) {
			if (need_arg(argc, argv))
				return -1;
			if (a->has_match)
				return errorf("\"match\" given twice");
			if (parse_prefix(argv[1], &a->match))
				return -1;
			a->has_match = true;
			argc--, argv++;
		} else if (!a->has_dst) {
			if (a->is_addr ? parse_addr(kw, &a->dst) :
					 parse_prefix(kw, &a->dst))
				return -1;
			a->has_dst = true;
		} else {
			return errorf("unknown keyword \"%s\" (try \"vnetctl route help\")", kw);
		}
	}
	if (a->via)
		return errorf("\"via\" needs a target: via peering P or via network NET");
	if (!a->network && !a->peering && !a->any_table)
		return errorf("table missing: network NET or peering P");
	return 0;
}

/* VNET_A_NETWORK or VNET_A_PEERING: the table a request is about. */
static void put_table(struct nlmsghdr *nlh, const struct route_args *a)
{
	if (a->network)
		nl_put_network_name(nlh, a->network);
	else
		nl_put_peering_name(nlh, a->peering);
}

static void put_dst(struct nlmsghdr *nlh, const struct prefix *p)
{
	vnl_put_addr(nlh, VNET_ROUTE_A_DST, p);
	mnl_attr_put_u8(nlh, VNET_ROUTE_A_DST_LEN, p->len);
}

/* A route's next hops, in VNET_ROUTE_A_MULTIPATH */
static void put_multipath(struct nlmsghdr *nlh, const struct route_args *a)
{
	struct nlattr *list, *entry;
	unsigned int i;

	list = mnl_attr_nest_start(nlh, VNET_ROUTE_A_MULTIPATH);
	for (i = 0; i < a->n_nh; i++) {
		entry = mnl_attr_nest_start(nlh, i + 1);
		mnl_attr_put_strz(nlh, VNET_NEXTHOP_A_IFNAME, a->nh[i].network);
		if (a->nh[i].addr.family)
			vnl_put_addr(nlh, VNET_NEXTHOP_A_ADDR, &a->nh[i].addr);
		mnl_attr_nest_end(nlh, entry);
	}
	mnl_attr_nest_end(nlh, list);
}

/* The VNET_A_ROUTE nest of a route add, replace or del. */
static void put_route(struct nlmsghdr *nlh, uint8_t cmd,
		      const struct route_args *a)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, VNET_A_ROUTE);

	put_dst(nlh, &a->dst);
	if (cmd == VNET_CMD_ROUTE_NEW) {
		if (a->blackhole)
			mnl_attr_put_u8(nlh, VNET_ROUTE_A_TYPE, VNET_ROUTE_BLACKHOLE);
		if (a->to_peering)
			mnl_attr_put_strz(nlh, VNET_ROUTE_A_PEERING, a->to_peering);
		if (a->n_nh == 1) {
			mnl_attr_put_strz(nlh, VNET_ROUTE_A_IFNAME, a->nh[0].network);
			if (a->nh[0].addr.family)
				vnl_put_addr(nlh, VNET_ROUTE_A_NEXTHOP, &a->nh[0].addr);
		} else if (a->n_nh) {
			put_multipath(nlh, a);
		}
	}
	if (a->has_proto)
		mnl_attr_put_u8(nlh, VNET_ROUTE_A_PROTO, a->proto);
	if (a->has_metric)
		mnl_attr_put_u32(nlh, VNET_ROUTE_A_METRIC, a->metric);
	mnl_attr_nest_end(nlh, nest);
}

/*
 * -batch: a run of route add, replace or del lines of one table goes to
 * the kernel as one request of many VNET_A_ROUTE nests, which it applies in
 * order until one fails; the error's attribute offset names the line.
 */
#define BULK_ROUTES	1024
#define BULK_BYTES	(NL_BUFSZ / 2)

static struct {
	bool on, force;
	const char *file;
	unsigned long line;		/* of the command being run */
	struct nl_req req;
	uint8_t cmd;
	uint32_t flags;
	char table[IFNAMSIZ + VNET_PEERING_NAMSIZ + 2];
	unsigned int n;
	uint32_t off[BULK_ROUTES];	/* each nest's offset in the request */
	unsigned long lines[BULK_ROUTES];
} bulk;

/**
 * route_bulk_begin - send route changes of a batch file in bulk
 * @file: the file's name, for errors
 * @force: go on after a failed line
 */
void route_bulk_begin(const char *file, bool force)
{
	bulk.on = true;
	bulk.force = force;
	bulk.file = file;
	bulk.n = 0;
}

/**
 * route_bulk_line - the batch file's line number of the command run next
 * @line: the number
 */
void route_bulk_line(unsigned long line)
{
	bulk.line = line;
}

/**
 * route_bulkable - is a batch file's command a route change that can be
 *	queued (route add, replace or del)?
 * @argc: its words
 * @argv: the words, the object first
 */
bool route_bulkable(int argc, char **argv)
{
	return argc >= 2 && matches(argv[0], "route") &&
	       (matches(argv[1], "add") || matches(argv[1], "replace") ||
		matches(argv[1], "del") || matches(argv[1], "delete"));
}

/* Drop the first @k routes of the pending request. */
static void bulk_drop(unsigned int k)
{
	struct nlmsghdr *nlh = bulk.req.nlh;
	uint32_t from, shift, i;

	from = k < bulk.n ? bulk.off[k] : nlh->nlmsg_len;
	shift = from - bulk.off[0];
	memmove((char *)nlh + bulk.off[0], (char *)nlh + from,
		nlh->nlmsg_len - from);
	nlh->nlmsg_len -= shift;
	for (i = k; i < bulk.n; i++) {
		bulk.off[i - k] = bulk.off[i] - shift;
		bulk.lines[i - k] = bulk.lines[i];
	}
	bulk.n -= k;
}

static void bulk_failed(unsigned long line)
{
	fprintf(stderr, "Command failed %s:%lu\n", bulk.file, line);
}

/**
 * route_bulk_flush - send the pending route changes
 *
 * Each failed line is reported, with its error; without -force the
 * changes after the first failure are dropped.
 * Return: 0, or -1 if a line failed.
 */
int route_bulk_flush(void)
{
	unsigned int i;
	uint32_t off;
	int failed = 0;

	while (bulk.n) {
		if (!nl_talk(bulk.req.nlh, NULL, NULL)) {
			bulk.n = 0;
			break;
		}
		failed = -1;
		off = nl_error_offset();
		if (off < bulk.off[0]) {
			/* the request's own error: every line's */
			for (i = 0; i < bulk.n; i++)
				bulk_failed(bulk.lines[i]);
			bulk.n = 0;
			break;
		}
		for (i = 1; i < bulk.n && bulk.off[i] <= off; i++)
			;
		bulk_failed(bulk.lines[i - 1]);
		/* those before it are done, those after it not yet */
		bulk_drop(bulk.force ? i : bulk.n);
	}
	return failed;
}

/* Queue a route change of a batch file. Return: 0, or -1 if an earlier
 * line failed (reported) and the batch stops.
 */
static int bulk_queue(uint8_t cmd, uint32_t flags, const struct route_args *a)
{
	char table[sizeof(bulk.table)];
	struct nlmsghdr *nlh;

	snprintf(table, sizeof(table), "%c%s", a->network ? 'n' : 'p',
		 a->network ?: a->peering);
	/* a module before version 2 would take only one route a request */
	if (bulk.n && (bulk.cmd != cmd || bulk.flags != flags ||
		       strcmp(bulk.table, table) || bulk.n == BULK_ROUTES ||
		       bulk.req.nlh->nlmsg_len > BULK_BYTES ||
		       nl_family_version() < 2) &&
	    route_bulk_flush() && !bulk.force)
		return -1;
	if (!bulk.n) {
		nlh = nl_req_init(&bulk.req, cmd, 0);
		if (flags)
			mnl_attr_put_u32(nlh, VNET_A_FLAGS, flags);
		put_table(nlh, a);
		bulk.cmd = cmd;
		bulk.flags = flags;
		memcpy(bulk.table, table, sizeof(table));
	}
	bulk.off[bulk.n] = bulk.req.nlh->nlmsg_len;
	bulk.lines[bulk.n++] = bulk.line;
	put_route(bulk.req.nlh, cmd, a);
	return 0;
}

/* Send a route change now, or queue it in a batch. */
static int route_send(uint8_t cmd, uint32_t flags, const struct route_args *a)
{
	struct nl_req req;

	if (bulk.on)
		return bulk_queue(cmd, flags, a) ? ROUTE_BULK_STOP : 0;
	nl_req_init(&req, cmd, 0);
	if (flags)
		mnl_attr_put_u32(req.nlh, VNET_A_FLAGS, flags);
	put_table(req.nlh, a);
	put_route(req.nlh, cmd, a);
	return nl_talk(req.nlh, NULL, NULL);
}

static int route_new(int argc, char **argv, uint32_t flags)
{
	struct route_args a;

	if (route_parse(argc, argv, &a, false))
		return -1;
	if (!a.has_dst)
		return errorf("prefix missing (try \"vnetctl route help\")");
	if (a.has_match)
		return errorf("\"match\" is for route show");
	if (a.blackhole && (a.n_nh || a.to_peering || a.has_nexthop))
		return errorf("a blackhole route leads nowhere: no \"via\", no \"nexthop\"");
	if (!a.blackhole) {
		if (a.network && !a.to_peering)
			return errorf("a network's route leads to a peering router: network NET via peering P");
		if (a.peering && !a.n_nh)
			return errorf("a peering router's route leads to a network: peering P via network NET");
	}
	if (a.network && a.has_nexthop)
		return errorf("\"nexthop\" is for routes of a peering router");
	return route_send(VNET_CMD_ROUTE_NEW, flags, &a);
}

static int route_add(int argc, char **argv)
{
	return route_new(argc, argv, 0);
}

static int route_replace(int argc, char **argv)
{
	return route_new(argc, argv, NLM_F_CREATE | NLM_F_REPLACE);
}

/* Only the table, and what else @allowed lets through. */
static int route_only(const struct route_args *a, const char *cmd, bool dst,
		      bool metric, bool match)
{
	if (a->blackhole || a->n_nh || a->to_peering || a->has_nexthop ||
	    (!metric && a->has_metric) || (!match && a->has_match) ||
	    (!dst && a->has_dst))
		return errorf("unexpected arguments for route %s (try \"vnetctl route help\")",
			      cmd);
	if (dst && !a->has_dst)
		return errorf("%s missing: route %s %s TABLE",
			      a->is_addr ? "address" : "prefix", cmd,
			      a->is_addr ? "ADDR" : "PREFIX");
	return 0;
}

static int route_del(int argc, char **argv)
{
	struct route_args a;

	if (route_parse(argc, argv, &a, false) || route_only(&a, "del", true, true, false))
		return -1;
	return route_send(VNET_CMD_ROUTE_DEL, 0, &a);
}

static int route_flush(int argc, char **argv)
{
	struct route_args a;
	struct nlattr *nest;
	struct nl_req req;

	if (route_parse(argc, argv, &a, false) ||
	    route_only(&a, "flush", false, false, false))
		return -1;
	nl_req_init(&req, VNET_CMD_ROUTE_FLUSH, 0);
	put_table(req.nlh, &a);
	if (a.has_proto) {
		nest = mnl_attr_nest_start(req.nlh, VNET_A_ROUTE);
		mnl_attr_put_u8(req.nlh, VNET_ROUTE_A_PROTO, a.proto);
		mnl_attr_nest_end(req.nlh, nest);
	}
	return nl_talk(req.nlh, NULL, NULL);
}

/* " via network NET [nexthop ADDR]": one next hop of a peering router's route */
static void nexthop_print(enum output_type t, const struct vnet_nexthop_info *nh)
{
	print_color_string(t, COLOR_IFNAME, "network", " via network %s",
			   nh->ifname);
	if (nh->addr.family)
		print_addr(t, "nexthop", " nexthop %s", &nh->addr);
}

/* A route's next hops: "network" and "nexthop", or "nexthops" of them */
static void nexthops_print(enum output_type t, const struct vnet_route_info *r)
{
	unsigned int i;

	if (r->n_nh == 1) {
		nexthop_print(t, &r->nh[0]);
		return;
	}
	if (!r->n_nh)
		return;
	open_json_array(t, "nexthops");
	for (i = 0; i < r->n_nh; i++) {
		open_json_object(NULL);
		nexthop_print(t, &r->nh[i]);
		close_json_object();
	}
	close_json_array(t);
}

/*
 * A route as route add takes it, less the table: "[blackhole] PREFIX via
 * peering P | via network NET [nexthop ADDR]... proto PROTO [metric N]";
 * and the table when @kind is given (" network NET" or " peering P", in
 * JSON "table": { KIND: NAME }), for the monitor and route show of every
 * table
 */
static void route_print(const struct vnet_route_info *r, const char *kind,
			const char *table)
{
	bool blackhole = r->type == VNET_ROUTE_BLACKHOLE;
	char pbuf[8], fmt[16];

	open_json_object(NULL);
	print_string(blackhole ? PRINT_ANY : PRINT_JSON, "type", "%s ",
		     blackhole ? "blackhole" : "unicast");
	print_prefix(PRINT_ANY, "dst", "%s", &r->dst);
	if (r->peering[0])
		print_color_string(PRINT_ANY, COLOR_IFNAME, "peering",
				   " via peering %s", r->peering);
	nexthops_print(PRINT_ANY, r);
	print_string(PRINT_ANY, "protocol", " proto %s",
		     format_proto(r->proto, pbuf, sizeof(pbuf)));
	print_uint(r->metric ? PRINT_ANY : PRINT_JSON, "metric", " metric %u",
		   r->metric);
	if (kind) {
		snprintf(fmt, sizeof(fmt), " %s %%s", kind);
		open_json_object("table");
		print_color_string(PRINT_ANY, COLOR_IFNAME, kind, fmt, table);
		close_json_object();
	}
	print_eol();
	close_json_object();
}

/* The table a message is about: "network NET" or "peering P". */
static int msg_table(const struct nlmsghdr *nlh, char *kind, size_t klen,
		     char *name, size_t nlen)
{
	char net[IFNAMSIZ], pr[VNET_PEERING_NAMSIZ];

	if (!msg_network_name(nlh, net)) {
		snprintf(kind, klen, "network");
		snprintf(name, nlen, "%s", net);
		return 0;
	}
	if (!msg_peering_name(nlh, pr)) {
		snprintf(kind, klen, "peering");
		snprintf(name, nlen, "%s", pr);
		return 0;
	}
	return -1;
}

/**
 * route_print_msg - print a route message as route show prints every table
 * @nlh: the message: the table and VNET_A_ROUTE
 *
 * Return: 0, or -1 if the message is not a well-formed route, or not of the
 * family asked for (-4, -6).
 */
int route_print_msg(const struct nlmsghdr *nlh)
{
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_ROUTE);
	char kind[8], name[IFNAMSIZ];
	struct vnet_route_info r;

	if (!nest || vnl_parse_route(nest, &r) ||
	    msg_table(nlh, kind, sizeof(kind), name, sizeof(name)))
		return -1;
	if (opt_family && r.dst.family != opt_family)
		return -1;
	route_print(&r, kind, name);
	return 0;
}

/**
 * route_flush_print_msg - print a flush event: "network NET [proto PROTO]"
 * @nlh: the message: the table, and VNET_A_ROUTE { PROTO } if only one
 *	protocol's routes went
 *
 * Return: 0, or -1 if the message names no table.
 */
int route_flush_print_msg(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[VNET_ROUTE_A_MAX + 1] = {};
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_ROUTE);
	char kind[8], name[IFNAMSIZ], pbuf[8], fmt[16];

	if (msg_table(nlh, kind, sizeof(kind), name, sizeof(name)))
		return -1;
	if (nest)
		vnl_parse_nested(nest, tb, VNET_ROUTE_A_MAX);
	open_json_object(NULL);
	snprintf(fmt, sizeof(fmt), "%s %%s", kind);
	open_json_object("table");
	print_color_string(PRINT_ANY, COLOR_IFNAME, kind, fmt, name);
	close_json_object();
	if (tb[VNET_ROUTE_A_PROTO])
		print_string(PRINT_ANY, "protocol", " proto %s",
			     format_proto(vnl_get_u8(tb[VNET_ROUTE_A_PROTO], 0),
					  pbuf, sizeof(pbuf)));
	print_eol();
	close_json_object();
	return 0;
}

/* a table of routes: "network" NET or "peering" P */
struct route_table {
	const char *kind, *name;
};

/* route show: a table's routes; @data the table, for every table's */
static int route_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_ROUTE);
	const struct route_table *t = data;
	struct vnet_route_info r;

	if (!nest || vnl_parse_route(nest, &r))
		return MNL_CB_OK;
	if (opt_family && r.dst.family != opt_family)
		return MNL_CB_OK;
	route_print(&r, t ? t->kind : NULL, t ? t->name : NULL);
	return MNL_CB_OK;
}

/* "route add": every route but those vnet and vnetd make again themselves */
static int route_save_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_ROUTE);
	char buf[INET6_ADDRSTRLEN + 8], pbuf[8];
	const struct route_table *t = data;
	struct vnet_route_info r;
	unsigned int i;

	if (!nest || vnl_parse_route(nest, &r)) {
		errorf("a route the kernel gave cannot be read");
		return MNL_CB_ERROR;
	}
	if (r.proto == VNET_RTPROT_ATTACH || r.proto == RTPROT_BGP)
		return MNL_CB_OK;
	printf("route add %s %s %s", format_prefix(&r.dst, buf, sizeof(buf)),
	       t->kind, qname(t->name));
	if (r.type == VNET_ROUTE_BLACKHOLE)
		printf(" blackhole");
	if (r.peering[0])
		printf(" via peering %s", qname(r.peering));
	for (i = 0; i < r.n_nh; i++) {
		printf(" via network %s", qname(r.nh[i].ifname));
		if (r.nh[i].addr.family)
			printf(" nexthop %s",
			       format_addr(&r.nh[i].addr, buf, sizeof(buf)));
	}
	printf(" proto %s metric %u\n", format_proto(r.proto, pbuf, sizeof(pbuf)),
	       r.metric);
	return MNL_CB_OK;
}

/**
 * route_save - print a table's routes as vnetctl save: all but proto attach
 * (a propagating attachment's, made again by attaching) and proto bgp
 * (vnetd's, learned again)
 * @kind: "network" or "peering"
 * @name: the table's network or peering router
 *
 * Return: 0, or -1 with the reason printed.
 */
int route_save(const char *kind, const char *name)
{
	struct route_table t = { kind, name };
	struct route_args a = {};
	struct nl_req req;

	if (!strcmp(kind, "network"))
		a.network = name;
	else
		a.peering = name;
	nl_req_init(&req, VNET_CMD_ROUTE_GET, NLM_F_DUMP);
	put_table(req.nlh, &a);
	return nl_talk(req.nlh, route_save_cb, &t);
}

/* the networks' or peering routers' names of a dump (a peering router's
 * messages follow each other)
 */
struct table_names {
	struct names l;
	bool network;		/* a dump of networks, else of peering routers */
};

static int table_names_cb(const struct nlmsghdr *nlh, void *data)
{
	struct table_names *t = data;
	struct names *l = &t->l;
	char name[IFNAMSIZ];

	if (t->network ? msg_network_name(nlh, name) :
			 msg_peering_name(nlh, name))
		return MNL_CB_OK;
	if (l->n && !strcmp(l->v[l->n - 1], name))
		return MNL_CB_OK;
	return names_add(l, name) ? MNL_CB_ERROR : MNL_CB_OK;
}

/* A route dump of table @t, with the filters of @a */
static int route_dump(const struct route_args *a, const struct route_table *t,
		      bool with_table)
{
	struct route_args ta = *a;
	struct nlattr *nest;
	struct nl_req req;

	ta.network = !strcmp(t->kind, "network") ? t->name : NULL;
	ta.peering = ta.network ? NULL : t->name;
	nl_req_init(&req, VNET_CMD_ROUTE_GET, NLM_F_DUMP);
	put_table(req.nlh, &ta);
	if (a->has_proto || a->has_match) {
		nest = mnl_attr_nest_start(req.nlh, VNET_A_ROUTE);
		if (a->has_proto)
			mnl_attr_put_u8(req.nlh, VNET_ROUTE_A_PROTO, a->proto);
		if (a->has_match)
			put_dst(req.nlh, &a->match);
		mnl_attr_nest_end(req.nlh, nest);
	}
	return nl_talk(req.nlh, route_show_cb, with_table ? (void *)t : NULL);
}

/* route show with no table: every network's, then every peering router's */
static int route_show_all(const struct route_args *a)
{
	struct table_names l[2] = { { .network = true }, {} };
	struct route_table t;
	struct nl_req req;
	unsigned int i, k;
	int err;

	nl_req_init(&req, VNET_CMD_NETWORK_GET, NLM_F_DUMP);
	err = nl_talk(req.nlh, table_names_cb, &l[0]);
	if (!err) {
		nl_req_init(&req, VNET_CMD_PEERING_GET, NLM_F_DUMP);
		err = nl_talk(req.nlh, table_names_cb, &l[1]);
	}
	for (k = 0; k < 2 && !err; k++) {
		t.kind = k ? "peering" : "network";
		for (i = 0; i < l[k].l.n && !err; i++) {
			t.name = l[k].l.v[i];
			err = route_dump(a, &t, true);
		}
	}
	free(l[0].l.v);
	free(l[1].l.v);
	return err;
}

static int route_show(int argc, char **argv)
{
	struct route_table t;
	struct route_args a;
	int err;

	if (route_parse(argc, argv, &a, true) ||
	    route_only(&a, "show", false, false, true))
		return -1;
	print_records_begin();
	if (!a.network && !a.peering) {
		err = route_show_all(&a);
	} else {
		t.kind = a.network ? "network" : "peering";
		t.name = a.network ?: a.peering;
		err = route_dump(&a, &t, false);
	}
	print_records_end(err);
	return err;
}

static const char *const results[] = {
	[VNET_LOOKUP_NODE] = "node",
	[VNET_LOOKUP_HOST] = "host",
	[VNET_LOOKUP_BLACKHOLE] = "blackhole",
	[VNET_LOOKUP_NO_ROUTE] = "unreachable",
	[VNET_LOOKUP_NO_NODE] = "no-node",
};

/* " (PREFIX proto P [metric N])": a route on the way, JSON @key */
static void lookup_route_print(const char *key, const struct vnet_route_info *r)
{
	bool blackhole = r->type == VNET_ROUTE_BLACKHOLE;
	char pbuf[8];

	open_json_object(key);
	print_prefix(PRINT_ANY, "dst", " (%s", &r->dst);
	print_string(PRINT_JSON, "type", NULL, blackhole ? "blackhole" : "unicast");
	print_string(PRINT_ANY, "protocol", " proto %s",
		     format_proto(r->proto, pbuf, sizeof(pbuf)));
	print_uint(r->metric ? PRINT_ANY : PRINT_JSON, "metric", " metric %u",
		   r->metric);
	/* the text names the one taken before the parenthesis */
	if (r->peering[0])
		print_string(PRINT_JSON, "peering", NULL, r->peering);
	nexthops_print(PRINT_JSON, r);
	print_string(PRINT_FP, NULL, ")", NULL);
	close_json_object();
}

/*
 * "ADDR via peering P (ROUTE) via network NET (ROUTE) node A dev D": the
 * way a packet to ADDR takes, and where it ends ("result")
 */
static int route_get_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_LOOKUP);
	const struct nlattr *tb[VNET_LOOKUP_A_MAX + 1] = {};
	const struct nlattr *ntb[VNET_NODE_A_MAX + 1] = {};
	const char *result = "unknown", *peering, *network;
	struct prefix addr, naddr = {}, remote = {};
	struct vnet_route_info rt, prt;
	bool has_rt, has_prt;
	const char *dev = NULL;
	uint8_t res;

	(void)data;
	if (!nest)
		return MNL_CB_OK;
	vnl_parse_nested(nest, tb, VNET_LOOKUP_A_MAX);
	if (!tb[VNET_LOOKUP_A_ADDR] || vnl_get_addr(tb[VNET_LOOKUP_A_ADDR], &addr))
		return MNL_CB_OK;
	res = vnl_get_u8(tb[VNET_LOOKUP_A_RESULT], 0);
	if (res < sizeof(results) / sizeof(results[0]) && results[res])
		result = results[res];
	has_rt = tb[VNET_LOOKUP_A_ROUTE] && !vnl_parse_route(tb[VNET_LOOKUP_A_ROUTE], &rt);
	has_prt = tb[VNET_LOOKUP_A_PEERING_ROUTE] &&
		  !vnl_parse_route(tb[VNET_LOOKUP_A_PEERING_ROUTE], &prt);
	peering = vnl_get_str(tb[VNET_LOOKUP_A_PEERING]);
	network = vnl_get_str(tb[VNET_LOOKUP_A_IFNAME]);
	if (tb[VNET_LOOKUP_A_NODE]) {
		vnl_parse_nested(tb[VNET_LOOKUP_A_NODE], ntb, VNET_NODE_A_MAX);
		if (ntb[VNET_NODE_A_ADDR])
			vnl_get_addr(ntb[VNET_NODE_A_ADDR], &naddr);
		if (ntb[VNET_NODE_A_REMOTE])
			vnl_get_addr(ntb[VNET_NODE_A_REMOTE], &remote);
		dev = vnl_get_str(ntb[VNET_NODE_A_IFNAME]);
	}
	/* the next hop taken, of several */
	if (has_prt && !network && prt.n_nh)
		network = prt.nh[0].ifname;

	open_json_object(NULL);
	print_addr(PRINT_ANY, "address", "%s", &addr);
	print_string(PRINT_JSON, "result", NULL, result);
	if (has_rt) {
		if (rt.type == VNET_ROUTE_BLACKHOLE)
			print_string(PRINT_FP, NULL, " blackhole", NULL);
		else
			print_color_string(PRINT_ANY, COLOR_IFNAME, "peering",
					   " via peering %s", peering ?: "?");
		lookup_route_print("route", &rt);
	}
	if (has_prt) {
		if (prt.type == VNET_ROUTE_BLACKHOLE)
			print_string(PRINT_FP, NULL, " blackhole", NULL);
		else
			print_color_string(PRINT_ANY, COLOR_IFNAME, "network",
					   " via network %s", network ?: "?");
		lookup_route_print("peering_route", &prt);
	} else if (network && has_rt) {
		print_color_string(PRINT_ANY, COLOR_IFNAME, "network",
				   " network %s", network);
	}
	if (res == VNET_LOOKUP_NODE && naddr.family) {
		open_json_object("node");
		print_addr(PRINT_ANY, "address", " node %s", &naddr);
		if (dev)
			print_color_string(PRINT_ANY, COLOR_IFNAME, "dev",
					   " dev %s", dev);
		if (remote.family)
			print_addr(PRINT_ANY, "remote", " remote %s", &remote);
		close_json_object();
	} else if (res != VNET_LOOKUP_BLACKHOLE) {
		print_string(PRINT_FP, NULL, " %s", result);
		if (res == VNET_LOOKUP_HOST && network)
			print_string(PRINT_FP, NULL, " dev %s", network);
	}
	print_eol();
	close_json_object();
	return MNL_CB_OK;
}

static int route_get(int argc, char **argv)
{
	struct route_args a;
	struct nlattr *nest;
	struct nl_req req;

	if (argc < 1)
		return errorf("address missing: route get ADDR TABLE");
	if (route_parse(argc - 1, argv + 1, &a, false))
		return -1;
	if (a.has_dst)
		return errorf("unexpected \"%s\" (try \"vnetctl route help\")", argv[1]);
	a.is_addr = true;
	a.has_dst = true;
	if (parse_addr(argv[0], &a.dst) ||
	    route_only(&a, "get", true, false, false))
		return -1;
	if (a.has_proto)
		return errorf("route get takes ADDR and the table");
	nl_req_init(&req, VNET_CMD_ROUTE_GET, 0);
	put_table(req.nlh, &a);
	nest = mnl_attr_nest_start(req.nlh, VNET_A_LOOKUP);
	vnl_put_addr(req.nlh, VNET_LOOKUP_A_ADDR, &a.dst);
	mnl_attr_nest_end(req.nlh, nest);
	return nl_talk(req.nlh, route_get_cb, NULL);
}

int do_route(int argc, char **argv)
{
	static const struct cmd cmds[] = {
		{ "add", route_add },
		{ "replace", route_replace },
		{ "del", route_del },
		{ "delete", route_del },
		{ "flush", route_flush },
		{ "show", route_show },
		{ "list", route_show },
		{ "get", route_get },
		{ NULL, NULL },
	};

	if (argc < 1)
		return route_show(0, NULL);
	return run_cmd(cmds, argc, argv, "route", route_usage);
}

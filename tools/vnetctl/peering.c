// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl peering: peering routers, and the networks attached to them.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vnetctl.h"

/* A peering router as a reply or event has it. */
struct peering {
	char name[VNET_PEERING_NAMSIZ];
	uint32_t routes;
	unsigned int nhosts;
	struct prefix hosts[VNET_MAX_PEERING_HOSTS];
	unsigned int nattach, cap;
	struct vnet_attach_info *att;
	bool has_stats;
	struct stats stats;
};

static void peering_usage(void)
{
	fprintf(stderr,
		"Usage: vnetctl peering add NAME [host HOST]...\n"
		"       vnetctl peering set NAME [host HOST]...\n"
		"       vnetctl peering del NAME\n"
		"       vnetctl peering show [NAME]\n"
		"       vnetctl peering attach NAME network NET address ADDR [address ADDR6] [propagate]\n"
		"                              [bgp BGP]...\n"
		"       vnetctl peering detach NAME network NET\n"
		"NAME := letters, digits, '-', '_' and '.', at most %d of them\n"
		"HOST := the substrate address of a host the peering router is present on,\n"
		"        this one among them (at most %d): their vnetds tell each other the\n"
		"        routes their attachments' routers announce; set replaces the list\n"
		"ADDR := the peering router's address inside NET (IPv4, IPv6, or one of each);\n"
		"        nodes' packets to it reach this host's stack through NET's netdevice\n"
		"propagate := NET's prefixes become routes of the peering router (proto attach)\n"
		"BGP := peer ADDR asn ASN local-asn ASN [hold-time SECONDS] [max-prefix N]\n"
		"       [md5 KEY] [ttl-security] [import PREFIX [le LEN]]... [export PREFIX [le LEN]]...\n"
		"       a BGP router of NET that vnetd peers with (at most %d): its address and\n"
		"       AS number, the peering router's AS number, the hold time vnetd offers\n"
		"       (%d), the most prefixes of a family it may announce, a TCP-MD5 key,\n"
		"       RFC 5082 TTL security, and the prefixes vnetd accepts from it and\n"
		"       announces to it (with import or export given, only those)\n"
		"Detaching, or deleting the peering router, deletes the routes through it.\n",
		VNET_PEERING_NAMSIZ - 1, VNET_MAX_PEERING_HOSTS, VNET_MAX_BGP_PEERS,
		VNET_BGP_HOLD_TIME);
}

/**
 * parse_peering_name - check a peering router's name
 * @s: the name
 *
 * Return: 0, or -1 with the reason printed.
 */
int parse_peering_name(const char *s)
{
	const char *c;

	if (!*s || strlen(s) >= VNET_PEERING_NAMSIZ)
		return errorf("invalid peering router name \"%s\" (1 to %d characters)",
			      s, VNET_PEERING_NAMSIZ - 1);
	for (c = s; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.')
			return errorf("invalid peering router name \"%s\" (letters, digits, '-', '_', '.')",
				      s);
	return 0;
}

/* Name the peering router of a request: VNET_A_PEERING { NAME }. */
void nl_put_peering_name(struct nlmsghdr *nlh, const char *name)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, VNET_A_PEERING);

	mnl_attr_put_strz(nlh, VNET_PEERING_A_NAME, name);
	mnl_attr_nest_end(nlh, nest);
}

/**
 * msg_peering_name - the name of the peering router a message is about
 * @nlh: the message, with VNET_A_PEERING { VNET_PEERING_A_NAME }
 * @name: where to put it
 *
 * Return: 0, or -1 if the message names none.
 */
int msg_peering_name(const struct nlmsghdr *nlh, char name[VNET_PEERING_NAMSIZ])
{
	const struct nlattr *tb[VNET_PEERING_A_MAX + 1] = {};
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_PEERING);
	const char *s;

	if (!nest)
		return -1;
	vnl_parse_nested(nest, tb, VNET_PEERING_A_MAX);
	s = vnl_get_str(tb[VNET_PEERING_A_NAME]);
	if (!s)
		return -1;
	snprintf(name, VNET_PEERING_NAMSIZ, "%s", s);
	return 0;
}

static int peering_del(int argc, char **argv)
{
	struct nl_req req;

	if (argc < 1)
		return errorf("peering router name missing: peering del NAME");
	if (argc > 1)
		return errorf("unexpected \"%s\" after the peering router's name",
			      argv[1]);
	if (parse_peering_name(argv[0]))
		return -1;
	nl_req_init(&req, VNET_CMD_PEERING_DEL, 0);
	nl_put_peering_name(req.nlh, argv[0]);
	return nl_talk(req.nlh, NULL, NULL);
}

/* NAME [host HOST]...: add, or set (the hosts replaced) */
static int peering_hosts(int argc, char **argv, bool set)
{
	struct prefix hosts[VNET_MAX_PEERING_HOSTS];
	unsigned int n = 0, i;
	struct nlattr *nest;
	struct nl_req req;
	const char *name;

	if (argc < 1)
		return errorf("peering router name missing: peering %s NAME",
			      set ? "set" : "add");
	name = argv[0];
	if (parse_peering_name(name))
		return -1;
	for (argc--, argv++; argc; argc -= 2, argv += 2) {
		if (strcmp(argv[0], "host"))
			return errorf("unknown \"%s\" (try \"vnetctl peering help\")",
				      argv[0]);
		if (argc < 2)
			return errorf("host needs an address");
		if (n == VNET_MAX_PEERING_HOSTS)
			return errorf("at most %d hosts", VNET_MAX_PEERING_HOSTS);
		if (parse_addr(argv[1], &hosts[n]))
			return -1;
		for (i = 0; i < n; i++)
			if (!memcmp(&hosts[i], &hosts[n], sizeof(hosts[n])))
				return errorf("host %s given twice", argv[1]);
		n++;
	}
	nl_req_init(&req, VNET_CMD_PEERING_NEW, 0);
	if (set)
		mnl_attr_put_u32(req.nlh, VNET_A_FLAGS, NLM_F_REPLACE);
	nest = mnl_attr_nest_start(req.nlh, VNET_A_PEERING);
	mnl_attr_put_strz(req.nlh, VNET_PEERING_A_NAME, name);
	if (n || set)
		vnl_put_hosts(req.nlh, hosts, n);
	mnl_attr_nest_end(req.nlh, nest);
	return nl_talk(req.nlh, NULL, NULL);
}

static int peering_add(int argc, char **argv)
{
	return peering_hosts(argc, argv, false);
}

static int peering_set(int argc, char **argv)
{
	return peering_hosts(argc, argv, true);
}

/* The arguments of attach and detach. */
struct attach_args {
	const char *name, *network;
	unsigned int naddr;
	struct prefix addr[2];
	bool propagate;
	unsigned int n_bgp;
	struct vnet_bgp_peer bgp[VNET_MAX_BGP_PEERS];
	struct vnet_filter filter[VNET_MAX_BGP_PEERS][2][VNET_MAX_BGP_FILTER];
};

/* "import PREFIX [le LEN]": an entry of a filter */
static int parse_filter_entry(int *argc, char ***argv, struct vnet_filter *f,
			      unsigned int *n)
{
	char **v = *argv;
	uint32_t le;

	if (*argc < 3)
		return errorf("\"%s\" needs a prefix", v[1]);
	if (*n == VNET_MAX_BGP_FILTER)
		return errorf("at most %d %s prefixes a BGP peer",
			      VNET_MAX_BGP_FILTER, v[1]);
	f += *n;
	if (parse_prefix(v[2], &f->p))
		return -1;
	f->max_len = f->p.family == AF_INET ? 32 : 128;
	*argc -= 2;
	*argv += 2;
	if (*argc > 2 && matches(v[3], "le")) {
		if (parse_u32("prefix length", v[4], f->max_len, &le))
			return -1;
		if (le < f->p.len)
			return errorf("\"le %u\" is shorter than the prefix %s",
				      le, v[2]);
		f->max_len = le;
		*argc -= 2;
		*argv += 2;
	}
	(*n)++;
	return 0;
}

/* "bgp peer ADDR asn ASN local-asn ASN ...": one BGP peer */
static int parse_bgp(int *argc, char ***argv, struct attach_args *a)
{
	struct vnet_bgp_peer *b = &a->bgp[a->n_bgp];
	bool has_asn = false, has_local_asn = false, has_hold = false;
	bool has_max = false;
	uint32_t v32;

	if (a->n_bgp == VNET_MAX_BGP_PEERS)
		return errorf("at most %d BGP peers an attachment",
			      VNET_MAX_BGP_PEERS);
	b->import = a->filter[a->n_bgp][0];
	b->export = a->filter[a->n_bgp][1];
	b->hold_time = VNET_BGP_HOLD_TIME;
	a->n_bgp++;
	while (*argc > 1) {
		char **v = *argv;

		if (matches(v[1], "import") || matches(v[1], "export")) {
			bool imp = matches(v[1], "import");

			if (parse_filter_entry(argc, argv,
					       imp ? b->import : b->export,
					       imp ? &b->n_import : &b->n_export))
				return -1;
			continue;
		}
		if (matches(v[1], "ttl-security")) {
			if (b->ttl_security)
				return errorf("\"ttl-security\" given twice");
			b->ttl_security = true;
			*argc -= 1;
			*argv += 1;
			continue;
		}
		if (!matches(v[1], "peer") && !matches(v[1], "asn") &&
		    !matches(v[1], "local-asn") && !matches(v[1], "hold-time") &&
		    !matches(v[1], "max-prefix") && !matches(v[1], "md5"))
			break;
		if (*argc < 3)
			return errorf("\"%s\" needs a value", v[1]);
		if (matches(v[1], "peer")) {
			if (b->addr.family)
				return errorf("\"peer\" given twice");
			if (parse_addr(v[2], &b->addr))
				return -1;
		} else if (matches(v[1], "asn")) {
			if (has_asn)
				return errorf("\"asn\" given twice");
			if (parse_u32("AS number", v[2], UINT32_MAX, &b->asn))
				return -1;
			has_asn = true;
		} else if (matches(v[1], "local-asn")) {
			if (has_local_asn)
				return errorf("\"local-asn\" given twice");
			if (parse_u32("AS number", v[2], UINT32_MAX, &b->local_asn))
				return -1;
			has_local_asn = true;
		} else if (matches(v[1], "hold-time")) {
			if (has_hold)
				return errorf("\"hold-time\" given twice");
			if (parse_u32("hold time", v[2], UINT16_MAX, &v32))
				return -1;
			has_hold = true;
			if (v32 == 1 || v32 == 2)
				return errorf("a hold time is 0 or at least 3 seconds");
			b->hold_time = v32;
		} else if (matches(v[1], "max-prefix")) {
			if (has_max)
				return errorf("\"max-prefix\" given twice");
			has_max = true;
			if (parse_u32("prefix count", v[2], UINT32_MAX,
				      &b->max_prefix))
				return -1;
		} else if (matches(v[1], "md5")) {
			size_t len = strlen(v[2]);

			if (b->md5_len)
				return errorf("\"md5\" given twice");
			if (!len || len > VNET_BGP_MD5_MAXLEN)
				return errorf("a TCP-MD5 key is 1 to %d bytes",
					      VNET_BGP_MD5_MAXLEN);
			memcpy(b->md5, v[2], len);
			b->md5_len = len;
		} else {
			break;
		}
		*argc -= 2;
		*argv += 2;
	}
	if (!b->addr.family || !has_asn || !has_local_asn)
		return errorf("bgp needs peer ADDR asn ASN local-asn ASN");
	return 0;
}

static int attach_parse(int argc, char **argv, struct attach_args *a)
{
	memset(a, 0, sizeof(*a));
	if (argc < 1)
		return errorf("peering router name missing (try \"vnetctl peering help\")");
	a->name = argv[0];
	if (parse_peering_name(a->name))
		return -1;
	for (argc--, argv++; argc > 0; argc--, argv++) {
		if (matches(argv[0], "network")) {
			if (need_arg(argc, argv))
				return -1;
			if (a->network)
				return errorf("\"network\" given twice");
			if (parse_ifname(argv[1]))
				return -1;
			a->network = argv[1];
			argc--, argv++;
		} else if (matches(argv[0], "address")) {
			if (need_arg(argc, argv))
				return -1;
			if (a->naddr == 2)
				return errorf("at most two addresses: one IPv4, one IPv6");
			if (parse_addr(argv[1], &a->addr[a->naddr]))
				return -1;
			if (a->naddr && a->addr[0].family == a->addr[1].family)
				return errorf("one address of each family");
			a->naddr++;
			argc--, argv++;
		} else if (matches(argv[0], "propagate")) {
			a->propagate = true;
		} else if (matches(argv[0], "bgp")) {
			if (parse_bgp(&argc, &argv, a))
				return -1;
		} else {
			return errorf("unknown keyword \"%s\" (try \"vnetctl peering help\")",
				      argv[0]);
		}
	}
	if (!a->network)
		return errorf("network missing: peering attach NAME network NET ...");
	return 0;
}

static int peering_attach(int argc, char **argv)
{
	struct nlattr *nest, *list;
	static struct attach_args a;
	struct nl_req req;
	unsigned int i;

	if (attach_parse(argc, argv, &a))
		return -1;
	if (!a.naddr)
		return errorf("address missing: the peering router's address in the network");
	nl_req_init(&req, VNET_CMD_ATTACH_NEW, 0);
	nl_put_peering_name(req.nlh, a.name);
	nl_put_network_name(req.nlh, a.network);
	nest = mnl_attr_nest_start(req.nlh, VNET_A_ATTACH);
	for (i = 0; i < a.naddr; i++)
		vnl_put_addr(req.nlh, a.addr[i].family == AF_INET ?
			    VNET_ATTACH_A_ADDR : VNET_ATTACH_A_ADDR6, &a.addr[i]);
	if (a.propagate)
		mnl_attr_put(req.nlh, VNET_ATTACH_A_PROPAGATE, 0, NULL);
	if (a.n_bgp) {
		list = mnl_attr_nest_start(req.nlh, VNET_ATTACH_A_BGP);
		for (i = 0; i < a.n_bgp; i++)
			vnl_put_bgp_peer(req.nlh, i + 1, &a.bgp[i]);
		mnl_attr_nest_end(req.nlh, list);
	}
	mnl_attr_nest_end(req.nlh, nest);
	return nl_talk(req.nlh, NULL, NULL);
}

static int peering_detach(int argc, char **argv)
{
	static struct attach_args a;
	struct nl_req req;

	if (attach_parse(argc, argv, &a))
		return -1;
	if (a.naddr || a.propagate || a.n_bgp)
		return errorf("peering detach takes only NAME network NET");
	nl_req_init(&req, VNET_CMD_ATTACH_DEL, 0);
	nl_put_peering_name(req.nlh, a.name);
	nl_put_network_name(req.nlh, a.network);
	return nl_talk(req.nlh, NULL, NULL);
}

static void peering_free(struct peering *p)
{
	unsigned int i;

	for (i = 0; i < p->nattach; i++)
		vnet_attach_info_free(&p->att[i]);
	free(p->att);
	memset(p, 0, sizeof(*p));
}

/* The name of a peering router message, or NULL. */
static const char *peering_msg_name(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[VNET_PEERING_A_MAX + 1] = {};
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_PEERING);

	if (!nest)
		return NULL;
	vnl_parse_nested(nest, tb, VNET_PEERING_A_MAX);
	return vnl_get_str(tb[VNET_PEERING_A_NAME]);
}

/*
 * A peering router from a message, into @p (zeroed, or peering_free()d); or,
 * with @more, the attachments of a message that continues it.
 */
static int parse_peering(const struct nlmsghdr *nlh, struct peering *p,
			 bool more)
{
	const struct nlattr *tb[VNET_PEERING_A_MAX + 1] = {};
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_PEERING), *attr;
	struct vnet_attach_info *att;
	const char *s;

	if (!nest)
		return -1;
	vnl_parse_nested(nest, tb, VNET_PEERING_A_MAX);
	s = vnl_get_str(tb[VNET_PEERING_A_NAME]);
	if (!s)
		return -1;
	if (!more) {
		snprintf(p->name, sizeof(p->name), "%s", s);
		p->routes = vnl_get_u32(tb[VNET_PEERING_A_ROUTES], 0);
		p->nhosts = vnl_parse_hosts(tb[VNET_PEERING_A_HOSTS], p->hosts);
		if (tb[VNET_PEERING_A_STATS])
			p->has_stats = !stats_parse(tb[VNET_PEERING_A_STATS],
						    &p->stats);
	}
	if (!tb[VNET_PEERING_A_ATTACHMENTS])
		return 0;
	mnl_attr_for_each_nested(attr, tb[VNET_PEERING_A_ATTACHMENTS]) {
		if (p->nattach == p->cap) {
			att = realloc(p->att, (p->cap * 2 + 16) * sizeof(*att));
			if (!att)
				return -1;
			p->att = att;
			p->cap = p->cap * 2 + 16;
		}
		if (vnl_parse_attach(attr, &p->att[p->nattach]))
			return -1;
		p->nattach++;
	}
	return 0;
}

/*
 * " import PREFIX [le LEN]"...: a BGP peer's filter; in JSON @what, an
 * array of { "prefix", "le" }
 */
static void filter_show(const char *what, const struct vnet_filter *f,
			unsigned int n)
{
	char fmt[16];
	unsigned int i;

	if (!n)
		return;
	snprintf(fmt, sizeof(fmt), " %s %%s", what);
	open_json_array(PRINT_JSON, what);
	for (i = 0; i < n; i++) {
		open_json_object(NULL);
		print_prefix(PRINT_ANY, "prefix", fmt, &f[i].p);
		print_uint(f[i].max_len != (f[i].p.family == AF_INET ? 32 : 128) ?
			   PRINT_ANY : PRINT_JSON, "le", " le %u", f[i].max_len);
		close_json_object();
	}
	close_json_array(PRINT_JSON);
}

/*
 * "bgp peer ADDR asn ASN local-asn ASN ...", as peering attach takes it but
 * for a TCP-MD5 key, shown as "md5 (hidden)" (vnetctl save writes it)
 */
static void bgp_show_peer(const struct vnet_bgp_peer *b)
{
	open_json_object(NULL);
	print_addr(PRINT_ANY, "peer", "bgp peer %s", &b->addr);
	print_uint(PRINT_ANY, "asn", " asn %u", b->asn);
	print_uint(PRINT_ANY, "local_asn", " local-asn %u", b->local_asn);
	print_uint(PRINT_ANY, "hold_time", " hold-time %u", b->hold_time);
	print_uint(b->max_prefix ? PRINT_ANY : PRINT_JSON, "max_prefix",
		   " max-prefix %u", b->max_prefix);
	print_flag(PRINT_ANY, "md5", " md5 (hidden)", b->md5_set);
	print_flag(PRINT_ANY, "ttl_security", " ttl-security", b->ttl_security);
	filter_show("import", b->import, b->n_import);
	filter_show("export", b->export, b->n_export);
	close_json_object();
}

/*
 * "network NET address A [address A6] [propagate]", and a line each of
 * "bgp ..." indented by @indent: an attachment as peering show has it
 */
static void attach_show(const struct vnet_attach_info *at, int indent)
{
	unsigned int i;

	print_color_string(PRINT_ANY, COLOR_IFNAME, "network", "network %s",
			   at->network);
	print_uint(opt_details ? PRINT_ANY : PRINT_JSON, "id", " id %u", at->id);
	open_json_array(PRINT_JSON, "addresses");
	if (at->has_addr4)
		print_addr(PRINT_ANY, NULL, " address %s", &at->addr4);
	if (at->has_addr6)
		print_addr(PRINT_ANY, NULL, " address %s", &at->addr6);
	close_json_array(PRINT_JSON);
	print_flag(PRINT_ANY, "propagate", " propagate", at->propagate);
	if (!at->n_bgp)
		return;
	open_json_array(PRINT_JSON, "bgp");
	for (i = 0; i < at->n_bgp; i++) {
		print_nl();
		if (!opt_json)
			printf("%*s", indent, "");
		bgp_show_peer(&at->bgp[i]);
	}
	close_json_array(PRINT_JSON);
}

/* vnetctl save: " import PREFIX [le LEN]"... */
static void filter_save(const char *what, const struct vnet_filter *f,
			unsigned int n)
{
	char buf[INET6_ADDRSTRLEN + 4];
	unsigned int i;

	for (i = 0; i < n; i++) {
		printf(" %s %s", what, format_prefix(&f[i].p, buf, sizeof(buf)));
		if (f[i].max_len != (f[i].p.family == AF_INET ? 32 : 128))
			printf(" le %u", f[i].max_len);
	}
}

/*
 * vnetctl save: " bgp peer ADDR asn ASN local-asn ASN ...", with the
 * TCP-MD5 key as one word of a batch line: -1 if the answer had none
 * though one is set (the caller may not read keys), or it cannot be
 * written so (a NUL or a line break in it)
 */
static int bgp_save(const struct vnet_bgp_peer *b)
{
	char buf[VNET_BGP_MD5_MAXLEN * 5 + 3];

	printf(" bgp peer %s asn %u local-asn %u hold-time %u",
	       format_addr(&b->addr, buf, sizeof(buf)), b->asn, b->local_asn,
	       b->hold_time);
	if (b->max_prefix)
		printf(" max-prefix %u", b->max_prefix);
	if (b->md5_set) {
		if (!b->md5_len ||
		    !batch_word((const char *)b->md5, b->md5_len, buf, sizeof(buf)))
			return -1;
		printf(" md5 %s", buf);
	}
	if (b->ttl_security)
		printf(" ttl-security");
	filter_save("import", b->import, b->n_import);
	filter_save("export", b->export, b->n_export);
	return 0;
}

/* vnetctl save: "network NET address A [address A6] [propagate] [bgp ...]" */
static int attach_save(const struct vnet_attach_info *at)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned int i;

	printf("network %s", qname(at->network));
	if (at->has_addr4)
		printf(" address %s", format_addr(&at->addr4, buf, sizeof(buf)));
	if (at->has_addr6)
		printf(" address %s", format_addr(&at->addr6, buf, sizeof(buf)));
	if (at->propagate)
		printf(" propagate");
	for (i = 0; i < at->n_bgp; i++)
		if (bgp_save(&at->bgp[i]))
			return -1;
	return 0;
}

/*
 * "NAME: routes N", the hosts, an "attach ..." line for each attachment
 * (as peering attach takes it), and the counters (-s)
 */
static void peering_print(const struct peering *p)
{
	unsigned int i;

	open_json_object(NULL);
	print_color_string(PRINT_ANY, COLOR_IFNAME, "name", "%s:", p->name);
	print_uint(PRINT_ANY, "routes", " routes %u", p->routes);
	open_json_array(PRINT_JSON, "hosts");
	for (i = 0; i < p->nhosts; i++) {
		if (!i) {
			print_nl();
			print_string(PRINT_FP, NULL, "   ", NULL);
		}
		print_addr(PRINT_ANY, NULL, " host %s", &p->hosts[i]);
	}
	close_json_array(PRINT_JSON);
	open_json_array(PRINT_JSON, "attachments");
	for (i = 0; i < p->nattach; i++) {
		print_nl();
		print_string(PRINT_FP, NULL, "    attach ", NULL);
		open_json_object(NULL);
		attach_show(&p->att[i], 8);
		close_json_object();
	}
	close_json_array(PRINT_JSON);
	if (opt_stats && p->has_stats)
		stats_print_peering(&p->stats);
	print_eol();
	close_json_object();
}

/**
 * peering_print_msg - print a peering router message as peering show does
 * @nlh: the message
 *
 * Return: 0, or -1 if the message is not a well-formed peering router.
 */
int peering_print_msg(const struct nlmsghdr *nlh)
{
	struct peering p = {};

	if (parse_peering(nlh, &p, false)) {
		peering_free(&p);
		return -1;
	}
	peering_print(&p);
	peering_free(&p);
	return 0;
}

/**
 * attach_print_msg - print an attachment message: "peering P network NET
 *	address A ..."
 * @nlh: the message: VNET_A_PEERING, VNET_A_NETWORK and VNET_A_ATTACH
 *
 * Return: 0, or -1 if the message is not a well-formed attachment.
 */
int attach_print_msg(const struct nlmsghdr *nlh)
{
	const struct nlattr *nest = vnl_genl_attr(nlh, VNET_A_ATTACH);
	char name[VNET_PEERING_NAMSIZ];
	struct vnet_attach_info at;

	if (!nest || msg_peering_name(nlh, name) || vnl_parse_attach(nest, &at))
		return -1;
	open_json_object(NULL);
	print_color_string(PRINT_ANY, COLOR_IFNAME, "peering", "peering %s ",
			   name);
	attach_show(&at, 4);
	print_eol();
	close_json_object();
	vnet_attach_info_free(&at);
	return 0;
}

/*
 * vnetctl save: "peering add NAME host ..." and a "peering attach" line for
 * each attachment, with the TCP-MD5 keys. -1 if a key could not be read.
 */
static int peering_save_print(const struct peering *p)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned int i;

	printf("peering add %s", qname(p->name));
	for (i = 0; i < p->nhosts; i++)
		printf(" host %s", format_addr(&p->hosts[i], buf, sizeof(buf)));
	putchar('\n');
	for (i = 0; i < p->nattach; i++) {
		printf("peering attach %s ", qname(p->name));
		if (attach_save(&p->att[i])) {
			putchar('\n');
			return errorf("the TCP-MD5 key of a BGP peer of %s in %s cannot be saved (run as root; keys with line breaks cannot be written)",
				      p->name, p->att[i].network);
		}
		putchar('\n');
	}
	return 0;
}

/* A dump: a peering router's messages follow each other. */
struct peering_show {
	struct names *save;	/* vnetctl save: the routers' names go here */
	struct peering cur;
	unsigned int shown;
	int err;
};

static void peering_show_flush(struct peering_show *ps)
{
	if (!ps->cur.name[0])
		return;
	if (ps->save) {
		if (!ps->err && (names_add(ps->save, ps->cur.name) ||
				 peering_save_print(&ps->cur)))
			ps->err = -1;
	} else {
		peering_print(&ps->cur);
	}
	ps->shown++;
	peering_free(&ps->cur);
}

static int peering_show_cb(const struct nlmsghdr *nlh, void *data)
{
	struct peering_show *ps = data;
	const char *name = peering_msg_name(nlh);
	bool more;

	if (!name)
		return MNL_CB_OK;
	more = !strcmp(name, ps->cur.name);
	if (!more)
		peering_show_flush(ps);
	if (parse_peering(nlh, &ps->cur, more))
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

static int peering_show(int argc, char **argv)
{
	struct peering_show ps = {};
	struct nl_req req;
	int err;

	if (argc > 1)
		return errorf("unexpected \"%s\" (try \"vnetctl peering help\")",
			      argv[1]);
	/* a dump, of one peering router if named: a message holds only so
	 * many attachments
	 */
	nl_req_init(&req, VNET_CMD_PEERING_GET, NLM_F_DUMP);
	if (argc == 1) {
		if (parse_peering_name(argv[0]))
			return -1;
		nl_put_peering_name(req.nlh, argv[0]);
	}
	print_records_begin();
	err = nl_talk(req.nlh, peering_show_cb, &ps);
	if (!err)
		peering_show_flush(&ps);
	peering_free(&ps.cur);
	if (!err && argc == 1 && !ps.shown)
		err = nl_error("no such peering router", ENOENT);
	print_records_end(err);
	return err;
}

/**
 * peering_save - print the peering routers and their attachments, as
 * vnetctl save
 * @names: where their names go, for the routes of their tables
 *
 * Return: 0, or -1 with the reason printed.
 */
int peering_save(struct names *names)
{
	struct peering_show ps = { .save = names };
	struct nl_req req;
	int err;

	nl_req_init(&req, VNET_CMD_PEERING_GET, NLM_F_DUMP);
	err = nl_talk(req.nlh, peering_show_cb, &ps);
	if (!err)
		peering_show_flush(&ps);
	peering_free(&ps.cur);
	return err ?: ps.err;
}

int do_peering(int argc, char **argv)
{
	static const struct cmd cmds[] = {
		{ "add", peering_add },
		{ "set", peering_set },
		{ "del", peering_del },
		{ "delete", peering_del },
		{ "show", peering_show },
		{ "list", peering_show },
		{ "attach", peering_attach },
		{ "detach", peering_detach },
		{ NULL, NULL },
	};

	if (argc < 1)
		return peering_show(0, NULL);
	return run_cmd(cmds, argc, argv, "peering", peering_usage);
}

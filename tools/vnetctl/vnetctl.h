/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vnetctl: command line control of vnet, over the "vnet" generic netlink
 * family.
 */
#ifndef VNETCTL_H
#define VNETCTL_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "../lib/libvnet.h"

/* Global options, set once in main(). */
extern bool opt_json;
extern bool opt_pretty;
extern int opt_stats;		/* -s, counted */
extern bool opt_details;	/* -d */
extern bool opt_oneline;	/* -o */
extern int opt_family;		/* -4, -6, -f: AF_INET, AF_INET6, AF_UNSPEC */
extern int opt_timestamp;	/* -t 1, -ts 2 */
extern int opt_rcvbuf;		/* -rcvbuf: the socket's, 0 the default */

/* print.c: one output path for text and JSON, as iproute2's print_*() */
enum output_type {
	PRINT_FP = 1,		/* text only */
	PRINT_JSON = 2,		/* JSON only */
	PRINT_ANY = 3,
};

enum color_attr {
	COLOR_NONE,
	COLOR_IFNAME,		/* networks, netdevices, peering routers */
	COLOR_MAC,
	COLOR_INET,
	COLOR_INET6,
	COLOR_DELETED,		/* monitor: "Deleted" */
};

enum { COLOR_OPT_NEVER, COLOR_OPT_AUTO, COLOR_OPT_ALWAYS };

enum event_kind { EVENT_NEW, EVENT_DEL, EVENT_FLUSH };

void color_init(int mode);
void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(enum output_type t, const char *key);
void close_json_array(enum output_type t);
void print_records_begin(void);
void print_records_end(int err);
void print_color_string(enum output_type t, enum color_attr c,
			const char *key, const char *fmt, const char *value);
void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value);
void print_uint(enum output_type t, const char *key, const char *fmt,
		unsigned int value);
void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t value);
void print_flag(enum output_type t, const char *key, const char *text,
		bool value);
void print_addr(enum output_type t, const char *key, const char *fmt,
		const struct prefix *a);
void print_prefix(enum output_type t, const char *key, const char *fmt,
		  const struct prefix *p);
void print_nl(void);
void print_eol(void);
void print_timestamp(void);
void print_event_begin(const char *object, enum event_kind kind);
void print_event_end(void);

/* One subcommand table entry: OBJECT or COMMAND and its handler. */
struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
};

int run_cmd(const struct cmd *cmds, int argc, char **argv,
	    const char *object, void (*usage)(void));

/* util.c */
int errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void errors_hold(void);
void errors_release(bool print);
char *errors_take(void);
bool matches(const char *arg, const char *keyword);
int need_arg(int argc, char **argv);
int parse_u32(const char *what, const char *s, uint32_t max, uint32_t *out);
int parse_addr(const char *s, struct prefix *a);
int parse_prefix(const char *s, struct prefix *p);
int parse_ifname(const char *s);
const char *batch_word(const char *s, size_t len, char *buf, size_t size);
const char *qname(const char *s);

/* the most words on a batch line: an attachment with 4 BGP peers of 64
 * filter entries each, as vnetctl save writes it, has some 1,100
 */
#define VNETCTL_BATCH_WORDS	4096

/* nl.c */
#define NL_BUFSZ VNL_BUFSZ

struct nl_req {
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
};

extern bool nl_kernel_error;

int nl_open(void);
void nl_close(void);
struct nlmsghdr *nl_req_init(struct nl_req *req, uint8_t cmd, uint16_t flags);
int nl_talk(struct nlmsghdr *nlh, mnl_cb_t cb, void *data);
uint32_t nl_error_offset(void);
uint32_t nl_family_version(void);
int nl_error(const char *msg, int err);
int nl_monitor(mnl_cb_t cb, void *data);

/* one file per object */
int do_network(int argc, char **argv);
int do_port(int argc, char **argv);
int do_node(int argc, char **argv);
int do_stats(int argc, char **argv);
int do_monitor(int argc, char **argv);
int do_peering(int argc, char **argv);
int do_route(int argc, char **argv);
int do_bgp(int argc, char **argv);
/* -batch: route changes go in bulk; ROUTE_BULK_STOP: an earlier line
 * failed, reported already
 */
#define ROUTE_BULK_STOP	(-2)
void route_bulk_begin(const char *file, bool force);
void route_bulk_line(unsigned long line);
int route_bulk_flush(void);
bool route_bulkable(int argc, char **argv);

/* save.c: vnetctl save, and each object's part of it */
struct names {
	unsigned int n, cap;
	char (*v)[IFNAMSIZ];
};

int names_add(struct names *l, const char *name);
int do_save(int argc, char **argv);
int network_save(struct names *names);
int port_save(void);
int node_save(void);
int peering_save(struct names *names);
int route_save(const char *kind, const char *name);

/* peering.c */
int parse_peering_name(const char *s);
void nl_put_peering_name(struct nlmsghdr *nlh, const char *name);
int msg_peering_name(const struct nlmsghdr *nlh, char name[VNET_PEERING_NAMSIZ]);

/* route.c */
const char *format_proto(uint8_t proto, char *buf, size_t len);

/* network.c */
void nl_put_network_name(struct nlmsghdr *nlh, const char *name);
int msg_network_name(const struct nlmsghdr *nlh, char name[IFNAMSIZ]);

/* stats.c: counters, enum vnet_stats_attrs */
struct stats {
	uint64_t c[VNET_STATS_A_MAX + 1];
};

int stats_parse(const struct nlattr *nest, struct stats *s);
void stats_print_network(const struct stats *s);
void stats_print_peering(const struct stats *s);

/* print a message as show prints the object: for the monitor */
int network_print_msg(const struct nlmsghdr *nlh);
int port_print_msg(const struct nlmsghdr *nlh);
int node_print_msg(const struct nlmsghdr *nlh);
int node_flush_print_msg(const struct nlmsghdr *nlh);
int peering_print_msg(const struct nlmsghdr *nlh);
int attach_print_msg(const struct nlmsghdr *nlh);
int route_print_msg(const struct nlmsghdr *nlh);
int route_flush_print_msg(const struct nlmsghdr *nlh);

#endif /* VNETCTL_H */

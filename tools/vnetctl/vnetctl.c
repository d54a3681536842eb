// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl: control vnet networks, nodes, peerings and routes.
 *
 *	vnetctl [OPTIONS] OBJECT COMMAND [ARGS]
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vnetctl.h"

bool opt_json;
bool opt_pretty;
int opt_stats;
bool opt_details;
bool opt_oneline;
int opt_family;
int opt_timestamp;
int opt_rcvbuf;

static void usage(void)
{
	fprintf(stderr,
		"Usage: vnetctl [OPTIONS] OBJECT COMMAND [ARGS]\n"
		"       vnetctl [OPTIONS] -batch FILE\n"
		"OBJECT := { network | port | node | peering | route | bgp | stats | monitor |\n"
		"           save | help }\n"
		"OPTIONS := { -V[ersion] | -j[son] | -p[retty] | -s[tatistics] | -d[etails] |\n"
		"            -o[neline] | -4 | -6 | -f[amily] { inet | inet6 | any } |\n"
		"            -t[imestamp] | -ts[hort] | -c[olor][={always|auto|never}] |\n"
		"            -rc[vbuf] SIZE | -n[etns] NETNS | -b[atch] FILE | -force |\n"
		"            -h[elp] }\n"
		"Each object has its own help: vnetctl OBJECT help\n");
}

static int do_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage();
	return 0;
}

static const struct cmd objects[] = {
	{ "network", do_network },
	{ "port", do_port },
	{ "node", do_node },
	{ "peering", do_peering },
	{ "route", do_route },
	{ "bgp", do_bgp },
	{ "stats", do_stats },
	{ "monitor", do_monitor },
	{ "save", do_save },
	{ "help", do_help },
	{ NULL, NULL },
};

/**
 * run_cmd - look up argv[0] in a command table and run it
 * @cmds: the table, ended by a NULL name
 * @argc: argument count, argv[0] the command
 * @argv: arguments
 * @object: the object's name, for messages
 * @usage: prints the object's usage, also the command "help"
 *
 * Return: the command's result: 0, or -1 with the reason printed.
 */
int run_cmd(const struct cmd *cmds, int argc, char **argv, const char *object,
	    void (*usage)(void))
{
	const struct cmd *c;

	for (c = cmds; c->name; c++) {
		if (!matches(argv[0], c->name))
			continue;
		return c->fn(argc - 1, argv + 1);
	}
	if (usage && matches(argv[0], "help")) {
		usage();
		return 0;
	}
	if (object)
		return errorf("unknown command \"%s\" for \"%s\" (try \"vnetctl %s help\")",
			      argv[0], object, object);
	return errorf("unknown object \"%s\" (try \"vnetctl help\")", argv[0]);
}

static int do_object(int argc, char **argv)
{
	return run_cmd(objects, argc, argv, NULL, NULL);
}

/* Split a batch line into words; "double" and 'single' quotes group. */
static int split_line(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line, *out;

	for (;;) {
		char quote = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return argc;
		if (argc == max)
			return errorf("too many words on the line");
		argv[argc++] = out = p;
		for (; *p; p++) {
			if (quote) {
				if (*p == quote) {
					quote = 0;
					continue;
				}
			} else if (*p == '"' || *p == '\'') {
				quote = *p;
				continue;
			} else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
				break;
			}
			*out++ = *p;
		}
		if (quote)
			return errorf("unterminated quote");
		if (*p)
			p++;
		*out = '\0';
	}
}

static int do_batch(const char *name, bool force)
{
	static char *argv[VNETCTL_BATCH_WORDS];
	char *line = NULL, *own;
	unsigned long lineno = 0;
	size_t size = 0;
	int argc, err, failed = 0;
	FILE *f;

	f = strcmp(name, "-") ? fopen(name, "r") : stdin;
	if (!f)
		return errorf("cannot open \"%s\": %s", name, strerror(errno));
	route_bulk_begin(name, force);
	while (getline(&line, &size, f) >= 0) {
		lineno++;
		argc = split_line(line, argv, VNETCTL_BATCH_WORDS);
		if (argc == 0)
			continue;
		/* route changes queue up; anything else sends them first */
		if (argc > 0 && !route_bulkable(argc, argv) && route_bulk_flush()) {
			failed = 1;
			if (!force)
				break;
		}
		route_bulk_line(lineno);
		errors_hold();
		err = argc < 0 ? -1 : do_object(argc, argv);
		if (err == ROUTE_BULK_STOP) {
			errors_release(false);
			failed = 1;
			break;
		}
		if (err) {
			/* the lines queued before it fail first; without
			 * -force, the batch stops there
			 */
			own = errors_take();
			if (route_bulk_flush() && !force) {
				free(own);
				failed = 1;
				break;
			}
			fputs(own ?: "", stderr);
			free(own);
			fprintf(stderr, "Command failed %s:%lu\n", name, lineno);
			failed = 1;
			if (!force)
				break;
		}
		errors_release(true);
		fflush(stdout);
	}
	/* what was queued before a failure still goes, as ip -batch's would */
	if (route_bulk_flush())
		failed = 1;
	free(line);
	if (f != stdin)
		fclose(f);
	return failed ? -1 : 0;
}

static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd;

	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errorf("cannot open network namespace \"%s\": %s", name,
			      strerror(errno));
	if (setns(fd, CLONE_NEWNET) < 0) {
		close(fd);
		return errorf("cannot enter network namespace \"%s\": %s", name,
			      strerror(errno));
	}
	close(fd);
	return 0;
}

static bool is_opt(const char *arg, const char *shortest, const char *full)
{
	/* -j, -json, --json: any prefix of the full name down to @shortest */
	size_t n;

	if (arg[0] != '-')
		return false;
	arg += arg[1] == '-' ? 2 : 1;
	n = strlen(arg);
	return n >= strlen(shortest) && n <= strlen(full) && !strncmp(arg, full, n);
}

/* -c, -color, -color=always|auto|never: as ip, "always" if not given */
static int parse_color(const char *arg, int *mode)
{
	const char *eq = strchr(arg, '=');
	char opt[16];

	snprintf(opt, sizeof(opt), "%.*s", (int)(eq ? eq - arg : (long)strlen(arg)), arg);
	if (!is_opt(opt, "c", "color") && !is_opt(opt, "c", "colour"))
		return 1;
	if (!eq || !strcmp(eq + 1, "always"))
		*mode = COLOR_OPT_ALWAYS;
	else if (!strcmp(eq + 1, "auto"))
		*mode = COLOR_OPT_AUTO;
	else if (!strcmp(eq + 1, "never"))
		*mode = COLOR_OPT_NEVER;
	else
		return errorf("invalid color \"%s\" (always, auto or never)", eq + 1);
	return 0;
}

/* An option's value: -n NETNS, -b FILE, -f FAMILY, -rcvbuf SIZE */
static int set_value_opt(const char *opt, const char *val, const char **batch)
{
	uint32_t size;

	if (is_opt(opt, "b", "batch")) {
		*batch = val;
	} else if (is_opt(opt, "n", "netns")) {
		return enter_netns(val);
	} else if (is_opt(opt, "f", "family")) {
		if (!strcmp(val, "inet") || !strcmp(val, "ipv4"))
			opt_family = AF_INET;
		else if (!strcmp(val, "inet6") || !strcmp(val, "ipv6"))
			opt_family = AF_INET6;
		else if (!strcmp(val, "any"))
			opt_family = AF_UNSPEC;
		else
			return errorf("invalid family \"%s\" (inet, inet6 or any)", val);
	} else {
		if (parse_u32("receive buffer size", val, INT32_MAX, &size))
			return -1;
		opt_rcvbuf = size;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int err, color = COLOR_OPT_NEVER;
	const char *batch = NULL;
	bool force = false;

	for (argc--, argv++; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
		const char *o = argv[0];

		if (is_opt(o, "j", "json")) {
			opt_json = true;
		} else if (is_opt(o, "p", "pretty")) {
			opt_pretty = true;
		} else if (is_opt(o, "s", "statistics") || is_opt(o, "s", "stats")) {
			opt_stats++;
		} else if (is_opt(o, "d", "details")) {
			opt_details = true;
		} else if (is_opt(o, "o", "oneline")) {
			opt_oneline = true;
		} else if (!strcmp(o, "-4")) {
			opt_family = AF_INET;
		} else if (!strcmp(o, "-6")) {
			opt_family = AF_INET6;
		} else if (is_opt(o, "ts", "tshort")) {
			opt_timestamp = 2;
		} else if (is_opt(o, "t", "timestamp")) {
			opt_timestamp = 1;
		} else if (is_opt(o, "fo", "force")) {
			force = true;
		} else if (is_opt(o, "V", "Version")) {
			printf("vnetctl " VNET_VERSION "\n");
			return 0;
		} else if (is_opt(o, "h", "help")) {
			usage();
			return 0;
		} else if (is_opt(o, "n", "netns") || is_opt(o, "b", "batch") ||
			   is_opt(o, "f", "family") || is_opt(o, "rc", "rcvbuf")) {
			if (argc < 2) {
				errorf("option \"%s\" needs a value", o);
				return 1;
			}
			if (set_value_opt(o, argv[1], &batch))
				return 1;
			argc--;
			argv++;
		} else if ((err = parse_color(o, &color)) <= 0) {
			if (err)
				return 1;
		} else {
			errorf("unknown option \"%s\" (try \"vnetctl -help\")", o);
			return 1;
		}
	}
	color_init(color);

	if (batch) {
		if (argc > 0) {
			errorf("-batch takes no command on the command line");
			return 1;
		}
		err = do_batch(batch, force);
	} else if (argc == 0) {
		usage();
		return 1;
	} else {
		err = do_object(argc, argv);
	}
	nl_close();
	/* as ip(8): 1 for a usage error (and any failed batch), 2 for an
	 * error from the kernel
	 */
	if (!err)
		return 0;
	return !batch && nl_kernel_error ? 2 : 1;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl save: the namespace's configuration as a batch file that
 * `vnetctl -batch` restores, as `wg showconf` does for WireGuard: networks,
 * ports, nodes, peering routers with their hosts, attachments with their BGP
 * peers (and TCP-MD5 keys), and the routes nobody else makes again.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
		"Usage: vnetctl save [file FILE]\n"
		"Prints the configuration of the namespace as a batch file that\n"
		"vnetctl -batch FILE restores: networks, ports, nodes, peering\n"
		"routers with their hosts, attachments with their BGP peers and\n"
		"TCP-MD5 keys, and routes but those of protocols attach and bgp\n"
		"(made again by attaching and by vnetd). The ports' netdevices\n"
		"must exist when it is restored. Nothing is printed unless all of\n"
		"it could be read. file FILE: written whole or not at all (a new\n"
		"file renamed over it), readable by its owner only.\n");
}

static int save_tables(const char *kind, const struct names *l)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (route_save(kind, l->v[i]))
			return -1;
	return 0;
}

/* Everything, as batch lines on stdout */
static int save_all(void)
{
	struct names networks = {}, peerings = {};
	int err;

	printf("# vnet configuration: restore with vnetctl -batch FILE\n");
	err = network_save(&networks) || port_save() || node_save() ||
	      peering_save(&peerings) || save_tables("network", &networks) ||
	      save_tables("peering", &peerings) ? -1 : 0;
	free(networks.v);
	free(peerings.v);
	return err;
}

/* save_all() with stdout on @fd, which then holds all of it or a part */
static int save_into(int fd)
{
	int out, err;

	fflush(stdout);
	out = dup(STDOUT_FILENO);
	if (out < 0 || dup2(fd, STDOUT_FILENO) < 0)
		return errorf("cannot redirect the output: %s", strerror(errno));
	err = save_all();
	if (fflush(stdout) || ferror(stdout))
		err = errorf("cannot write the configuration: %s", strerror(errno));
	clearerr(stdout);
	dup2(out, STDOUT_FILENO);
	close(out);
	return err;
}

/* To a new file beside @path, renamed over it once all is written */
static int save_file(const char *path)
{
	char tmp[PATH_MAX];
	int fd, err;

	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp))
		return errorf("file name too long");
	fd = mkstemp(tmp);	/* mode 0600: the file has the keys */
	if (fd < 0)
		return errorf("cannot create \"%s\": %s", tmp, strerror(errno));
	err = save_into(fd);
	if (!err && fsync(fd))
		err = errorf("cannot write \"%s\": %s", tmp, strerror(errno));
	if (close(fd) && !err)
		err = errorf("cannot write \"%s\": %s", tmp, strerror(errno));
	if (!err && rename(tmp, path))
		err = errorf("cannot rename \"%s\" to \"%s\": %s", tmp, path,
			     strerror(errno));
	if (err)
		unlink(tmp);
	return err;
}

/* To stdout, but only once all of it was read: through a temporary file */
static int save_stdout(void)
{
	char buf[65536];
	FILE *f = tmpfile();
	size_t n;
	int err;

	if (!f)
		return errorf("cannot make a temporary file: %s", strerror(errno));
	err = save_into(fileno(f));
	if (!err) {
		rewind(f);
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			fwrite(buf, 1, n, stdout);
		if (fflush(stdout))
			err = errorf("cannot write the configuration: %s",
				     strerror(errno));
	}
	fclose(f);
	return err;
}

int do_save(int argc, char **argv)
{
	const char *file = NULL;

	if (argc > 0 && matches(argv[0], "help")) {
		save_usage();
		return 0;
	}
	if (argc > 0 && !strcmp(argv[0], "file")) {
		if (argc < 2)
			return errorf("\"file\" needs a value");
		file = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc > 0)
		return errorf("unknown argument \"%s\" for \"save\" (try \"vnetctl save help\")",
			      argv[0]);
	if (opt_json)
		return errorf("save prints a batch file, not JSON");
	return file ? save_file(file) : save_stdout();
}

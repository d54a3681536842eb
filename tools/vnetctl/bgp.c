// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl bgp: the BGP sessions of the peering routers, as vnetd tells
 * them on its status socket.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "vnetctl.h"

#define VNETD_SOCKET	"@vnetd"

static void bgp_usage(void)
{
	fprintf(stderr,
		"Usage: vnetctl bgp show [peering P] [network NET] [socket PATH]\n"
		"The sessions vnetd holds with the networks' routers (and with the\n"
		"vnetds of the peering routers' other hosts): state, uptime,\n"
		"prefixes received, installed and sent, the last error. vnetd's status\n"
		"socket is %s (abstract: the network namespace's own) unless given.\n",
		VNETD_SOCKET);
}

/* vnetd's status: one JSON array, read whole from its socket */
static json_t *read_status(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	json_error_t jerr;
	socklen_t len;
	json_t *doc;
	FILE *f;
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		errorf("socket path too long");
		return NULL;
	}
	strcpy(sun.sun_path, path);
	len = offsetof(struct sockaddr_un, sun_path) + strlen(path);
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, len) < 0) {
		errorf("cannot reach vnetd at %s: %s%s", path, strerror(errno),
		       errno == ECONNREFUSED || errno == ENOENT ?
		       " (is vnetd running in this network namespace?)" : "");
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		errorf("%s", strerror(errno));
		return NULL;
	}
	doc = json_loadf(f, JSON_DISABLE_EOF_CHECK, &jerr);
	fclose(f);
	if (!doc || !json_is_array(doc)) {
		errorf("vnetd's answer is not what it should be: %s", jerr.text);
		json_decref(doc);
		return NULL;
	}
	return doc;
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static json_int_t num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static void print_uptime(json_int_t s)
{
	if (s >= 86400)
		printf("%lldd%02lldh", s / 86400, s % 86400 / 3600);
	else if (s >= 3600)
		printf("%lldh%02lldm", s / 3600, s % 3600 / 60);
	else if (s >= 60)
		printf("%lldm%02llds", s / 60, s % 60);
	else
		printf("%llds", s);
}

static void print_session(json_t *s)
{
	json_t *v4 = json_object_get(s, "ipv4"), *v6 = json_object_get(s, "ipv6");

	if (json_is_true(json_object_get(s, "host")))
		printf("host %s peering %s: %s", str(s, "peer"),
		       str(s, "peering"), str(s, "state"));
	else
		printf("peer %s network %s peering %s asn %lld local-asn %lld: %s",
		       str(s, "peer"), str(s, "network"), str(s, "peering"),
		       num(s, "asn"), num(s, "local_asn"), str(s, "state"));
	if (!strcmp(str(s, "state"), "Established")) {
		printf(" for ");
		print_uptime(num(s, "uptime"));
	}
	printf("\n    received");
	if (json_is_true(json_object_get(v4, "negotiated")))
		printf(" ipv4 %lld", num(v4, "received"));
	if (json_is_true(json_object_get(v6, "negotiated")))
		printf(" ipv6 %lld", num(v6, "received"));
	printf(" installed %lld sent", num(s, "installed"));
	if (json_is_true(json_object_get(v4, "negotiated")))
		printf(" ipv4 %lld", num(v4, "sent"));
	if (json_is_true(json_object_get(v6, "negotiated")))
		printf(" ipv6 %lld", num(v6, "sent"));
	printf(" hold-time %lld flaps %lld\n", num(s, "hold_time"),
	       num(s, "flaps"));
	if (str(s, "last_error")[0])
		printf("    last error: %s\n", str(s, "last_error"));
}

static int bgp_show(int argc, char **argv)
{
	const char *path = VNETD_SOCKET, *peering = NULL, *network = NULL;
	json_t *doc, *s, *out;
	size_t i;

	for (; argc > 0; argc -= 2, argv += 2) {
		if (need_arg(argc, argv))
			return -1;
		if (matches(argv[0], "peering"))
			peering = argv[1];
		else if (matches(argv[0], "network"))
			network = argv[1];
		else if (matches(argv[0], "socket"))
			path = argv[1];
		else
			return errorf("unexpected \"%s\" (try \"vnetctl bgp help\")",
				      argv[0]);
	}
	doc = read_status(path);
	if (!doc)
		return -1;
	out = json_array();
	json_array_foreach(doc, i, s) {
		if ((peering && strcmp(str(s, "peering"), peering)) ||
		    (network && strcmp(str(s, "network"), network)))
			continue;
		json_array_append(out, s);
	}
	json_decref(doc);
	if (opt_json) {
		json_print(out);
		return 0;
	}
	json_array_foreach(out, i, s)
		print_session(s);
	json_decref(out);
	return 0;
}

int do_bgp(int argc, char **argv)
{
	static const struct cmd cmds[] = {
		{ "show", bgp_show },
		{ "list", bgp_show },
		{ NULL, NULL },
	};

	if (argc < 1)
		return bgp_show(0, NULL);
	return run_cmd(cmds, argc, argv, "bgp", bgp_usage);
}

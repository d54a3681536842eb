// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl bgp: the BGP sessions of the peering routers, as vnetd tells
 * them on its status socket.
 */
#include <errno.h>
#include <inttypes.h>
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

static uint64_t num(json_t *o, const char *key)
{
	json_int_t v = json_integer_value(json_object_get(o, key));

	return v > 0 ? (uint64_t)v : 0;
}

/* "1d02h", "3h04m", "5m06s", "7s" */
static const char *format_uptime(json_int_t s, char *buf, size_t len)
{
	if (s >= 86400)
		snprintf(buf, len, "%lldd%02lldh", s / 86400, s % 86400 / 3600);
	else if (s >= 3600)
		snprintf(buf, len, "%lldh%02lldm", s / 3600, s % 3600 / 60);
	else if (s >= 60)
		snprintf(buf, len, "%lldm%02llds", s / 60, s % 60);
	else
		snprintf(buf, len, "%llds", s);
	return buf;
}

/* " ipv4 received N sent N", and whether the end of the RIB went by */
static void print_family(json_t *s, const char *key)
{
	json_t *af = json_object_get(s, key);
	bool on = json_is_true(json_object_get(af, "negotiated"));
	enum output_type t = on ? PRINT_ANY : PRINT_JSON;
	char fmt[16];

	snprintf(fmt, sizeof(fmt), " %s", key);
	open_json_object(key);
	print_flag(t, "negotiated", fmt, on);
	print_u64(t, "received", " received %" PRIu64, num(af, "received"));
	print_u64(t, "sent", " sent %" PRIu64, num(af, "sent"));
	print_flag(PRINT_JSON, "eor_received", NULL,
		   json_is_true(json_object_get(af, "eor_received")));
	print_flag(PRINT_JSON, "eor_sent", NULL,
		   json_is_true(json_object_get(af, "eor_sent")));
	close_json_object();
}

/*
 * A session vnetd reported, in its own JSON names: "peer ADDR network NET
 * peering P asn ASN local-asn ASN: STATE for UPTIME" (or "host ADDR
 * peering P: STATE ..." for another host's vnetd) and its counters
 */
static void print_session(json_t *s)
{
	bool host = json_is_true(json_object_get(s, "host"));
	bool up = !strcmp(str(s, "state"), "Established");
	char buf[32];

	open_json_object(NULL);
	print_flag(PRINT_JSON, "host", NULL, host);
	print_string(PRINT_ANY, "peer", host ? "host %s" : "peer %s",
		     str(s, "peer"));
	print_color_string(host ? PRINT_JSON : PRINT_ANY, COLOR_IFNAME,
			   "network", " network %s", str(s, "network"));
	print_color_string(PRINT_ANY, COLOR_IFNAME, "peering", " peering %s",
			   str(s, "peering"));
	print_u64(host ? PRINT_JSON : PRINT_ANY, "asn", " asn %" PRIu64,
		  num(s, "asn"));
	print_u64(host ? PRINT_JSON : PRINT_ANY, "local_asn",
		  " local-asn %" PRIu64, num(s, "local_asn"));
	print_string(PRINT_ANY, "state", ": %s", str(s, "state"));
	print_u64(PRINT_JSON, "uptime", NULL, num(s, "uptime"));
	if (up)
		print_string(PRINT_FP, NULL, " for %s",
			     format_uptime(num(s, "uptime"), buf, sizeof(buf)));
	print_nl();
	print_string(PRINT_FP, NULL, "   ", NULL);
	print_family(s, "ipv4");
	print_family(s, "ipv6");
	print_u64(PRINT_ANY, "installed", " installed %" PRIu64,
		  num(s, "installed"));
	print_u64(PRINT_ANY, "hold_time", " hold-time %" PRIu64,
		  num(s, "hold_time"));
	print_u64(PRINT_ANY, "flaps", " flaps %" PRIu64, num(s, "flaps"));
	if (str(s, "last_error")[0])
		print_nl();
	print_string(str(s, "last_error")[0] ? PRINT_ANY : PRINT_JSON,
		     "last_error", "    last error: %s", str(s, "last_error"));
	print_eol();
	close_json_object();
}

static int bgp_show(int argc, char **argv)
{
	static const char def[] = VNETD_SOCKET;
	const char *path = def, *peering = NULL, *network = NULL;
	json_t *doc, *s;
	size_t i;

	for (; argc > 0; argc -= 2, argv += 2) {
		const char **val;

		if (matches(argv[0], "peering"))
			val = &peering;
		else if (matches(argv[0], "network"))
			val = &network;
		else if (matches(argv[0], "socket"))
			val = &path;
		else
			return errorf("unknown keyword \"%s\" (try \"vnetctl bgp help\")",
				      argv[0]);
		if (need_arg(argc, argv))
			return -1;
		if (val == &path ? path != def : *val != NULL)
			return errorf("\"%s\" given twice", argv[0]);
		*val = argv[1];
	}
	doc = read_status(path);
	if (!doc)
		return -1;
	print_records_begin();
	json_array_foreach(doc, i, s) {
		if ((peering && strcmp(str(s, "peering"), peering)) ||
		    (network && strcmp(str(s, "network"), network)))
			continue;
		print_session(s);
	}
	print_records_end(0);
	json_decref(doc);
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

// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl: one path for text and JSON output, in the manner of iproute2's
 * print_*() helpers. Each field is one call that names its JSON key and its
 * text format: with -j the calls build a JSON object (jansson) that is
 * printed when its record closes, otherwise they print the text.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "vnetctl.h"

#define PRINT_DEPTH	16

/* the JSON object or array each open level adds to; [0] the record */
static json_t *stack[PRINT_DEPTH];
static unsigned int depth;
/* levels opened past PRINT_DEPTH (a bug): their fields are dropped, and
 * their closes close nothing else
 */
static unsigned int lost;
/* a dump: records go into one array, printed a record at a time (a dump
 * may be too large to hold): in_records, and how many so far
 */
static bool in_records;
static unsigned long records;

static bool color;

/* a monitor event's record: what open_json_object() puts in it first */
static struct {
	bool pending;
	const char *object;
	enum event_kind kind;
} event;

/* iproute2's colours for the same kinds of field */
static const char *const colors[] = {
	[COLOR_NONE] = "",
	[COLOR_IFNAME] = "\033[36m",	/* cyan */
	[COLOR_MAC] = "\033[33m",	/* yellow */
	[COLOR_INET] = "\033[35m",	/* magenta */
	[COLOR_INET6] = "\033[34m",	/* blue */
	[COLOR_DELETED] = "\033[31m",	/* red */
};

/**
 * color_init - set up colour for text output, as ip -color
 * @mode: COLOR_OPT_ALWAYS, COLOR_OPT_AUTO (if stdout is a terminal) or
 *	COLOR_OPT_NEVER
 *
 * JSON output is never coloured.
 */
void color_init(int mode)
{
	color = !opt_json && (mode == COLOR_OPT_ALWAYS ||
			      (mode == COLOR_OPT_AUTO && isatty(STDOUT_FILENO)));
}

/*
 * Print @fmt with @value, the value (and only the value) in @c: @fmt has at
 * most one "%s".
 */
static void color_fputs(enum color_attr c, const char *fmt, const char *value)
{
	const char *s = strstr(fmt, "%s");

	if (!color || c == COLOR_NONE || !s) {
		printf(fmt, value);
		return;
	}
	printf("%.*s%s%s\033[0m%s", (int)(s - fmt), fmt, colors[c], value,
	       s + 2);
}

static bool is_json(enum output_type t)
{
	return opt_json && (t & PRINT_JSON);
}

static bool is_text(enum output_type t)
{
	return !opt_json && (t & PRINT_FP);
}

/* Add @v (taking the reference) under @key to the open object or array. */
static void json_add(const char *key, json_t *v)
{
	json_t *top = depth && !lost ? stack[depth - 1] : NULL;

	if (!v)
		return;
	if (json_is_array(top))
		json_array_append_new(top, v);
	else if (json_is_object(top) && key)
		json_object_set_new(top, key, v);
	else
		json_decref(v);
}

/* Print and release a record alone on its line (-p: indented). */
static void record_print(json_t *v)
{
	json_dumpf(v, stdout, opt_pretty ? JSON_INDENT(2) : JSON_COMPACT);
	fputc('\n', stdout);
	json_decref(v);
}

/* Print and release a dump's next record, indented as jansson would. */
static void record_add(json_t *v)
{
	char *text, *line, *next;

	text = json_dumps(v, opt_pretty ? JSON_INDENT(2) : JSON_COMPACT);
	json_decref(v);
	if (!text)
		return;
	fputc(records++ ? ',' : '[', stdout);
	if (!opt_pretty) {
		fputs(text, stdout);
	} else {
		for (line = text; line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			printf("\n  %s", line);
		}
	}
	free(text);
}

static void open_json(const char *key, json_t *v)
{
	if (!v || lost || depth == PRINT_DEPTH) {
		json_decref(v);
		lost++;
		return;
	}
	if (depth)
		json_add(key, json_incref(v));
	stack[depth++] = v;
}

/**
 * open_json_object - start an object: a record at the top level, else a
 *	member (@key) or element (@key NULL in an array) of the open one
 * @key: its name in the object it is in
 *
 * Text output prints nothing for it.
 */
void open_json_object(const char *key)
{
	static const char *const what[] = {
		[EVENT_NEW] = NULL, [EVENT_DEL] = "Deleted ",
		[EVENT_FLUSH] = "Flushed ",
	};

	if (opt_json)
		open_json(key, json_object());
	else if (!lost && depth < PRINT_DEPTH)
		stack[depth++] = NULL;
	else
		lost++;
	if (depth != 1 || !event.pending)
		return;
	/* a monitor event's record */
	event.pending = false;
	if (!opt_json) {
		if (opt_timestamp)
			print_timestamp();
		if (what[event.kind])
			color_fputs(COLOR_DELETED, "%s", what[event.kind]);
		printf("%s ", event.object);
		return;
	}
	json_add("object", json_string(event.object));
	if (event.kind != EVENT_NEW)
		json_add("deleted", json_true());
	if (event.kind == EVENT_FLUSH)
		json_add("flushed", json_true());
	if (opt_timestamp)
		print_timestamp();
}

/**
 * print_event_begin - the record printed next is a monitor event
 * @object: what it is about: "network", "node", "route", ...
 * @kind: EVENT_NEW (added or changed), EVENT_DEL (deleted) or EVENT_FLUSH
 *	(all of a network's nodes, or of a table's routes, deleted)
 *
 * When the record opens, text gets the timestamp (-t), "Deleted " or
 * "Flushed ", and @object; JSON "object", "deleted": true (and "flushed":
 * true) and "timestamp" (-t). The rest is the object as show prints it.
 */
void print_event_begin(const char *object, enum event_kind kind)
{
	event.pending = true;
	event.object = object;
	event.kind = kind;
}

/* After the event's record, or none (a message not understood, or not
 * of the family asked for).
 */
void print_event_end(void)
{
	event.pending = false;
}

/**
 * close_json_object - end the open object; a record is printed: as the
 *	next element of a dump's array, or alone on its line
 */
void close_json_object(void)
{
	json_t *v;

	if (lost) {
		lost--;
		return;
	}
	if (!depth)
		return;
	v = stack[--depth];
	if (!opt_json)
		return;
	if (depth) {
		json_decref(v);
		return;
	}
	if (in_records)
		record_add(v);
	else
		record_print(v);
}

/**
 * open_json_array - start an array, @key in the open object
 * @t: PRINT_JSON (or PRINT_ANY): arrays are JSON's alone
 * @key: its name
 */
void open_json_array(enum output_type t, const char *key)
{
	if (is_json(t))
		open_json(key, json_array());
}

void close_json_array(enum output_type t)
{
	if (is_json(t) && lost) {
		lost--;
		return;
	}
	if (is_json(t) && depth) {
		depth--;
		json_decref(stack[depth]);
	}
}

/**
 * print_records_begin - a dump's records follow: with -j, one array of them
 */
void print_records_begin(void)
{
	in_records = true;
	records = 0;
}

/**
 * print_records_end - end a dump: close its array
 * @err: the dump failed (an empty failed dump prints nothing)
 */
void print_records_end(int err)
{
	in_records = false;
	/* a failed dump before any record prints nothing; after some, it
	 * closes what it printed
	 */
	if (!opt_json)
		return;
	if (records)
		fputs(opt_pretty ? "\n]\n" : "]\n", stdout);
	else if (!err)
		fputs("[]\n", stdout);
}


void print_color_string(enum output_type t, enum color_attr c,
			const char *key, const char *fmt, const char *value)
{
	if (is_json(t))
		json_add(key, value ? json_string(value) : json_null());
	else if (is_text(t) && fmt)
		color_fputs(c, fmt, value ? value : "");
}

void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value)
{
	print_color_string(t, COLOR_NONE, key, fmt, value);
}

void print_uint(enum output_type t, const char *key, const char *fmt,
		unsigned int value)
{
	if (is_json(t))
		json_add(key, json_integer(value));
	else if (is_text(t) && fmt)
		printf(fmt, value);
}

void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t value)
{
	/* jansson's integers are signed 64 bits: a counter past 2^63 - 1
	 * would print negative (2^63 packets are some way off)
	 */
	if (is_json(t))
		json_add(key, json_integer((json_int_t)value));
	else if (is_text(t) && fmt)
		printf(fmt, value);
}

/**
 * print_flag - a yes-or-no field: JSON true or false, text @text if set
 * @t: where
 * @key: the JSON key
 * @text: what the text says when @value is set (a keyword, as typed)
 * @value: the flag
 */
void print_flag(enum output_type t, const char *key, const char *text,
		bool value)
{
	if (is_json(t))
		json_add(key, json_boolean(value));
	else if (is_text(t) && value && text)
		fputs(text, stdout);
}

/* An address, coloured by its family. */
void print_addr(enum output_type t, const char *key, const char *fmt,
		const struct prefix *a)
{
	char buf[INET6_ADDRSTRLEN];

	print_color_string(t, a->family == AF_INET ? COLOR_INET : COLOR_INET6,
			   key, fmt, format_addr(a, buf, sizeof(buf)));
}

/* A prefix ADDR/LEN, coloured by its family. */
void print_prefix(enum output_type t, const char *key, const char *fmt,
		  const struct prefix *p)
{
	char buf[INET6_ADDRSTRLEN + 8];

	print_color_string(t, p->family == AF_INET ? COLOR_INET : COLOR_INET6,
			   key, fmt, format_prefix(p, buf, sizeof(buf)));
}

/**
 * print_nl - a line break inside a record: with -o (one line a record)
 *	a backslash, as ip -oneline
 */
void print_nl(void)
{
	if (!opt_json)
		fputs(opt_oneline ? " \\" : "\n", stdout);
}

/* The end of a record's text. */
void print_eol(void)
{
	if (!opt_json)
		putchar('\n');
}

/**
 * print_timestamp - the time an event was read, for monitor -t: in text a
 *	line of its own (as ip -t monitor), or a prefix with -ts; in JSON the
 *	"timestamp" member, RFC 3339 in UTC
 */
void print_timestamp(void)
{
	char buf[64];
	struct timeval tv;
	struct tm tm;

	gettimeofday(&tv, NULL);
	if (opt_json) {
		gmtime_r(&tv.tv_sec, &tm);
		strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			 ".%06ldZ", (long)tv.tv_usec);
		json_add("timestamp", json_string(buf));
		return;
	}
	localtime_r(&tv.tv_sec, &tm);
	if (opt_timestamp > 1) {
		strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
		printf("[%s.%06ld] ", buf, (long)tv.tv_usec);
		return;
	}
	strftime(buf, sizeof(buf), "%a %b %e %H:%M:%S %Y", &tm);
	printf("Timestamp: %s %06ld usec\n", buf, (long)tv.tv_usec);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl: argument parsing and output helpers.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vnetctl.h"

/* Print "Error: ..." as one line on stderr; returns -1 for the caller to pass. */
/* Errors held back (errors_hold()) until errors_release() */
static bool errors_held;
static char held[4096];
static size_t held_len;

int errorf(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!errors_held) {
		fprintf(stderr, "Error: %s\n", msg);
		return -1;
	}
	n = snprintf(held + held_len, sizeof(held) - held_len, "Error: %s\n", msg);
	if (n > 0)
		held_len = held_len + n < sizeof(held) ? held_len + n : sizeof(held) - 1;
	return -1;
}

/* Hold errors back: -batch prints a line's own after those of earlier lines
 * still queued.
 */
void errors_hold(void)
{
	errors_held = true;
	held_len = 0;
	held[0] = '\0';
}

/* Stop holding errors; return those held (to free). */
char *errors_take(void)
{
	char *s = strdup(held);

	errors_release(false);
	return s;
}

/* Stop holding errors; print those held if @print, else drop them. */
void errors_release(bool print)
{
	errors_held = false;
	if (print)
		fputs(held, stderr);
	held_len = 0;
	held[0] = '\0';
}

bool matches(const char *arg, const char *keyword)
{
	return strcmp(arg, keyword) == 0;
}

/* argv[0] is a keyword that takes a value: is the value there? */
int need_arg(int argc, char **argv)
{
	if (argc < 2)
		return errorf("\"%s\" needs a value", argv[0]);
	return 0;
}

int parse_u32(const char *what, const char *s, uint32_t max, uint32_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (!*s || *end || errno || s[0] == '-' || v > max)
		return errorf("invalid %s \"%s\" (0 to %u)", what, s, max);
	*out = v;
	return 0;
}

int parse_addr(const char *s, struct prefix *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, &a->addr.v4) == 1) {
		a->family = AF_INET;
		a->len = 32;
		return 0;
	}
	if (inet_pton(AF_INET6, s, &a->addr.v6) == 1) {
		a->family = AF_INET6;
		a->len = 128;
		return 0;
	}
	return errorf("invalid address \"%s\"", s);
}

/* ADDR/LEN, IPv4 or IPv6, with no bits set past LEN. */
int parse_prefix(const char *s, struct prefix *p)
{
	char buf[INET6_ADDRSTRLEN + 8];
	unsigned long len;
	char *slash, *end;

	if (strlen(s) >= sizeof(buf))
		return errorf("invalid prefix \"%s\"", s);
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (!slash)
		return errorf("invalid prefix \"%s\" (ADDR/LEN)", s);
	*slash = '\0';
	memset(p, 0, sizeof(*p));
	if (inet_pton(AF_INET, buf, &p->addr.v4) == 1)
		p->family = AF_INET;
	else if (inet_pton(AF_INET6, buf, &p->addr.v6) == 1)
		p->family = AF_INET6;
	else
		return errorf("invalid prefix \"%s\"", s);
	errno = 0;
	len = strtoul(slash + 1, &end, 10);
	if (!slash[1] || *end || errno || slash[1] == '-' ||
	    len > (p->family == AF_INET ? 32u : 128u))
		return errorf("invalid prefix length in \"%s\"", s);
	p->len = len;
	if (prefix_has_host_bits(p))
		return errorf("prefix \"%s\" has bits set past its length", s);
	return 0;
}

int parse_ifname(const char *s)
{
	if (!*s || strlen(s) >= IFNAMSIZ || strchr(s, '/') ||
	    strpbrk(s, " \t\n:%") || !strcmp(s, ".") || !strcmp(s, ".."))
		return errorf("\"%s\" is not a valid device name", s);
	return 0;
}

/**
 * batch_word - @len bytes of @s as one word of a batch line, quoted as
 * split_line() reads quotes: 'single' quotes around it, a ' as "'"
 * @s: the bytes
 * @len: their number
 * @buf: room for the quoted word
 * @size: its size
 *
 * Return: @buf, or NULL if the word cannot be written so (a NUL or a line
 * break in it) or does not fit.
 */
const char *batch_word(const char *s, size_t len, char *buf, size_t size)
{
	size_t i, o = 0;
	bool plain = len > 0;

	for (i = 0; i < len; i++) {
		if (!s[i] || s[i] == '\n' || s[i] == '\r')
			return NULL;
		if (!isalnum((unsigned char)s[i]) && !strchr("-_.:,+=/@%", s[i]))
			plain = false;
	}
	if (plain) {
		if (len >= size)
			return NULL;
		memcpy(buf, s, len);
		buf[len] = '\0';
		return buf;
	}
	if (o < size)
		buf[o++] = '\'';
	for (i = 0; i < len && o + 6 < size; i++) {
		if (s[i] == '\'') {
			memcpy(buf + o, "'\"'\"'", 5);
			o += 5;
		} else {
			buf[o++] = s[i];
		}
	}
	if (i < len || o + 2 > size)
		return NULL;
	buf[o++] = '\'';
	buf[o] = '\0';
	return buf;
}

/**
 * qname - a name (network, netdevice, peering router) as a batch word
 * @s: the name, shorter than IFNAMSIZ
 *
 * Return: the word, in one of four static buffers (so up to four may be
 * used in one printf()); "''" for a name that cannot be written.
 */
const char *qname(const char *s)
{
	static char bufs[4][IFNAMSIZ * 5 + 3];
	static unsigned int next;
	char *buf = bufs[next++ % 4];

	return batch_word(s, strlen(s), buf, sizeof(bufs[0])) ?: "''";
}

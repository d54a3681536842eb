// SPDX-License-Identifier: GPL-2.0
/*
 * vnetd: the BGP speaker of vnet's peering routers.
 *
 *	vnetd [-f] [-d] [-s SOCKET] [-r SECONDS] [-i ROUTER_ID]
 *
 * It keeps no configuration of its own: the peering routers, attachments
 * and BGP peers are the kernel's (vnetctl peering attach ... bgp ...), and
 * so are the routes it installs. Killed, even with SIGKILL, it leaves them
 * in place; started again, it keeps them until the peers have announced
 * them again, and removes what they no longer announce.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <syslog.h>
#include <unistd.h>

#include "vnetd.h"

struct vnetd vd;
int log_level = LOG_LVL_INFO;
static bool use_syslog;

void logmsg(int level, const char *fmt, ...)
{
	static const int prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };
	static const char *const tag[] = { "error: ", "warning: ", "", "" };
	va_list ap;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	if (use_syslog) {
		vsyslog(prio[level], fmt, ap);
	} else {
		fputs(tag[level], stderr);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}

uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

int buf_put(struct buf *b, const void *p, size_t n)
{
	uint8_t *d;
	size_t cap;

	if (b->len + n > b->cap) {
		cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n)
			cap *= 2;
		d = realloc(b->data, cap);
		if (!d)
			return -1;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

void buf_free(struct buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/* --- epoll: each fd's tag says what it is */

#define MAX_FDS		65536
static struct ep_tag *tags[MAX_FDS];

int ep_add(int fd, uint32_t events, enum ep_kind kind, void *ptr)
{
	struct epoll_event ev = { .events = events };
	struct ep_tag *t;

	if (fd < 0 || fd >= MAX_FDS)
		return -1;
	t = tags[fd] ? tags[fd] : malloc(sizeof(*t));
	if (!t)
		return -1;
	t->kind = kind;
	t->ptr = ptr;
	t->fd = fd;
	tags[fd] = t;
	ev.data.ptr = t;
	return epoll_ctl(vd.epfd, EPOLL_CTL_ADD, fd, &ev);
}

int ep_mod(int fd, uint32_t events, enum ep_kind kind, void *ptr)
{
	struct epoll_event ev = { .events = events };

	if (fd < 0 || fd >= MAX_FDS || !tags[fd])
		return -1;
	tags[fd]->kind = kind;
	tags[fd]->ptr = ptr;
	ev.data.ptr = tags[fd];
	return epoll_ctl(vd.epfd, EPOLL_CTL_MOD, fd, &ev);
}

/*
 * Objects freed while an epoll batch is handled: later events of the same
 * batch may still point at them. They go once the batch is done.
 */
static void **graveyard;
static size_t ndead, deadcap;

void defer_free(void *ptr)
{
	void **g;

	if (ndead == deadcap) {
		g = realloc(graveyard, (deadcap ? deadcap * 2 : 64) * sizeof(*g));
		if (!g)
			abort();	/* freeing now could be a use after free */
		graveyard = g;
		deadcap = deadcap ? deadcap * 2 : 64;
	}
	graveyard[ndead++] = ptr;
}

static void reap(void)
{
	while (ndead)
		free(graveyard[--ndead]);
}

void ep_del(int fd)
{
	if (fd < 0 || fd >= MAX_FDS || !tags[fd])
		return;
	epoll_ctl(vd.epfd, EPOLL_CTL_DEL, fd, NULL);
	/* an event of this batch may carry it: it says "nothing here" */
	tags[fd]->ptr = NULL;
	tags[fd]->kind = EP_DEAD;
	defer_free(tags[fd]);
	tags[fd] = NULL;
}

/* --- main */

/* -h: to stdout, exit 0; a bad option: to stderr, exit 1 */
static void usage(int status)
{
	fprintf(status ? stderr : stdout,
		"Usage: vnetd [-f] [-d] [-s SOCKET] [-r SECONDS] [-i ROUTER_ID]\n"
		"       vnetd -V | -h\n"
		"  -f          stay in the foreground, log to stderr\n"
		"  -d          log debugging messages too\n"
		"  -s SOCKET   the status socket (default @vnetd: abstract, the\n"
		"              network namespace's own)\n"
		"  -r SECONDS  the restart time announced, and the longest wait for\n"
		"              the peers' End-of-RIB after a restart (default %d)\n"
		"  -i ID       the BGP identifier towards networks the peering router\n"
		"              has no IPv4 address in (default: a hash of the host name)\n"
		"The peering routers, attachments and BGP peers are vnet's: see\n"
		"vnetctl peering attach ... bgp ...\n"
		"Without -f it reports a failure to start (no vnet module, the\n"
		"status socket taken) on stderr, then goes to the background and\n"
		"logs to syslog.\n", VNETD_RESTART_TIME);
	exit(status);
}

static void default_router_id(void)
{
	char host[256] = "vnetd";
	uint32_t h = 2166136261u;
	const char *c;

	gethostname(host, sizeof(host) - 1);
	for (c = host; *c; c++)
		h = (h ^ (uint8_t)*c) * 16777619u;
	vd.router_id = h | 1;
}

/* The changes of a round of input: to the kernel, then to the peers */
static void after_input(void)
{
	struct peering *pr;
	struct attach *att;
	unsigned int i;

	kernel_flush_all();
	for (pr = vd.peerings; pr; pr = pr->next)
		for (att = pr->atts; att; att = att->next)
			for (i = 0; i < att->npeers; i++)
				peer_kick(att->peers[i]);
}

static int signals(void)
{
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd >= 0)
		ep_add(fd, EPOLLIN, EP_SIGNAL, NULL);
	return fd;
}

int main(int argc, char **argv)
{
	struct epoll_event events[64];
	const char *status = "@vnetd";
	bool foreground = false;
	uint64_t now, next;
	struct in_addr id;
	int c, n, i, sigfd;
	struct ep_tag *t;

	/* daemon() puts /dev/null on 0, 1 and 2: none of our sockets may be
	 * there when it does
	 */
	do
		c = open("/dev/null", O_RDWR);
	while (c >= 0 && c <= 2);
	if (c >= 0)
		close(c);
	signal(SIGPIPE, SIG_IGN);
	vd.restart_time = VNETD_RESTART_TIME;
	default_router_id();
	while ((c = getopt(argc, argv, "fds:r:i:hV")) != -1) {
		switch (c) {
		case 'f':
			foreground = true;
			break;
		case 'd':
			log_level = LOG_LVL_DEBUG;
			break;
		case 's':
			status = optarg;
			break;
		case 'r':
			vd.restart_time = atoi(optarg);
			if (vd.restart_time < 1 || vd.restart_time > 4095)
				usage(1);
			break;
		case 'i':
			if (inet_pton(AF_INET, optarg, &id) != 1 || !id.s_addr)
				usage(1);
			vd.router_id = ntohl(id.s_addr);
			break;
		case 'h':
			usage(0);
			break;
		case 'V':
			printf("vnetd " VNET_VERSION "\n");
			return 0;
		default:
			usage(1);
		}
	}
	if (optind != argc)
		usage(1);
	srand(getpid() ^ time(NULL));
	/* what can fail at the start fails before the daemon leaves, on
	 * stderr and in the exit status
	 */
	vd.epfd = epoll_create1(EPOLL_CLOEXEC);
	vd.status_fd = -1;
	if (vd.epfd < 0 || kernel_open() < 0 || status_open(status) < 0)
		return 1;
	mesh_listen();
	if (kernel_load() < 0)
		return 1;
	if (!foreground) {
		if (daemon(0, 0) < 0) {
			log_err("daemon: %s", strerror(errno));
			return 1;
		}
		use_syslog = true;
		openlog("vnetd", LOG_PID, LOG_DAEMON);
	}
	/* after the fork: a signalfd in epoll wakes only the process that
	 * added it
	 */
	sigfd = signals();
	log_info("vnetd started: %s", status);

	while (!vd.stopping) {
		now = now_ms();
		next = now + 60000;
		peer_timers(now, &next);
		after_input();
		now = now_ms();
		n = epoll_wait(vd.epfd, events, 64,
			       next > now ? (int)(next - now) : 0);
		if (n < 0 && errno != EINTR)
			break;
		for (i = 0; i < n; i++) {
			t = events[i].data.ptr;
			switch (t->kind) {
			case EP_DEAD:
				break;
			case EP_NL:
				if (kernel_events() < 0)
					vd.stopping = true;
				break;
			case EP_STATUS:
				status_accept();
				break;
			case EP_SIGNAL: {
				struct signalfd_siginfo si;

				if (read(sigfd, &si, sizeof(si)) == sizeof(si) &&
				    si.ssi_signo != SIGHUP)
					vd.stopping = true;
				else
					kernel_load();
				break;
			}
			case EP_LISTEN:
				peer_accept(t->ptr, t->fd);
				break;
			case EP_CONN:
				peer_io(t->ptr, events[i].events);
				break;
			case EP_MESH_LISTEN:
				mesh_accept(t->fd);
				break;
			case EP_PENDING:
				mesh_pending_io(t->ptr);
				break;
			}
		}
		reap();
	}
	/*
	 * The routes stay: the kernel forwards with them, and the peers keep
	 * ours for the restart time (graceful restart) without a NOTIFICATION.
	 */
	kernel_flush_all();
	log_info("vnetd stopped; the routes stay");
	return 0;
}

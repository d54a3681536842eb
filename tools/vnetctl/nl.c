// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl: the conversation with the kernel, on libvnet's socket, with its
 * errors reported as one line each.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "vnetctl.h"

static struct vnl nl;

/* Did the kernel refuse a request? (exit status 2, as ip(8)) */
bool nl_kernel_error;

static int report(int err)
{
	nl_kernel_error = true;
	if (nl.extack[0])
		return errorf("%s", nl.extack);
	if (err == EPERM)
		return errorf("%s (CAP_NET_ADMIN is needed)", strerror(err));
	if (err == ENOENT && !nl.family_id)
		return errorf("the vnet module is not loaded");
	return errorf("%s", strerror(err));
}

/**
 * nl_open - open the netlink socket and look up the vnet family
 *
 * Return: 0, or -1 with the reason printed.
 */
int nl_open(void)
{
	int err;

	if (nl.sock)
		return 0;
	err = vnl_open(&nl);
	if (err == -ENOENT)
		return report(ENOENT);
	if (err)
		return errorf("cannot open a netlink socket: %s", strerror(-err));
	/* -rcvbuf: past rmem_max for CAP_NET_ADMIN, as ip does */
	if (opt_rcvbuf &&
	    setsockopt(mnl_socket_get_fd(nl.sock), SOL_SOCKET, SO_RCVBUFFORCE,
		       &opt_rcvbuf, sizeof(opt_rcvbuf)) &&
	    setsockopt(mnl_socket_get_fd(nl.sock), SOL_SOCKET, SO_RCVBUF,
		       &opt_rcvbuf, sizeof(opt_rcvbuf))) {
		err = errno;
		vnl_close(&nl);
		return errorf("cannot set the receive buffer: %s", strerror(err));
	}
	return 0;
}

void nl_close(void)
{
	vnl_close(&nl);
}

/**
 * nl_family_version - the vnet family's version in the running module
 *
 * Return: the version (2 and up take many routes a request), or 0 if the
 * family cannot be looked up.
 */
uint32_t nl_family_version(void)
{
	return nl_open() ? 0 : nl.version;
}

/* Start a vnet request in @req: header, genl header, no attributes yet. */
struct nlmsghdr *nl_req_init(struct nl_req *req, uint8_t cmd, uint16_t flags)
{
	req->nlh = vnl_req_init(req->buf, cmd, flags);
	return req->nlh;
}

/**
 * nl_error - report what the kernel's answer means as the kernel would
 * @msg: the message
 * @err: the errno it stands for (unused but for the record)
 *
 * For answers that are not errors but mean one (a dump of a named object
 * that found none). Return: -1, the exit status that of a kernel error.
 */
int nl_error(const char *msg, int err)
{
	(void)err;
	nl_kernel_error = true;
	return errorf("%s", msg);
}

/**
 * nl_talk - send a vnet request and process the answer
 * @nlh: the request, from nl_req_init()
 * @cb: called for each data message of the answer (may be NULL)
 * @data: passed to @cb
 *
 * Return: 0, or -1 with the reason (the kernel's extack message where there
 * is one) printed as one line.
 */
int nl_talk(struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	int err;

	if (nl_open())
		return -1;
	err = vnl_talk(&nl, nlh, cb, data);
	if (err)
		return report(-err);
	if (nl.extack[0])
		fprintf(stderr, "Warning: %s\n", nl.extack);
	if (nl.dump_intr)
		fprintf(stderr, "Dump was interrupted and may be inconsistent.\n");
	return 0;
}

/**
 * nl_error_offset - where in the last request its error lies
 *
 * Return: the offset from the request's start of the attribute the kernel
 * named as the cause of the last error, or 0 if it named none.
 */
uint32_t nl_error_offset(void)
{
	return nl.extack_off;
}

/**
 * nl_monitor - join the event group and hand every event to @cb, forever
 * @cb: called for each event message
 * @data: passed to @cb
 *
 * Return: -1 with the reason printed, when reading fails.
 */
int nl_monitor(mnl_cb_t cb, void *data)
{
	ssize_t n;
	int err;

	err = vnl_join_monitor(&nl);
	if (err == -ENOENT)
		return errorf("the kernel has no vnet monitor group");
	if (err)
		return errorf("cannot join the monitor group: %s", strerror(-err));
	for (;;) {
		n = mnl_socket_recvfrom(nl.sock, nl.buf, sizeof(nl.buf));
		if (n < 0) {
			if (errno == ENOBUFS) {
				fprintf(stderr, "Warning: events lost (receive buffer overrun)\n");
				continue;
			}
			return errorf("%s", strerror(errno));
		}
		if (mnl_cb_run(nl.buf, n, 0, 0, cb, data) < 0)
			return errorf("%s", strerror(errno));
	}
}

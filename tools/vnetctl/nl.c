// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl: the generic netlink conversation with the kernel (libmnl).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "vnetctl.h"

static struct mnl_socket *nl;
static uint16_t family_id;
static uint32_t family_version;
static uint32_t monitor_group;
static uint32_t seq;

static int talk(struct nlmsghdr *nlh, mnl_cb_t cb, void *data);

/* the kernel's last extack message */
static char extack_msg[256];
static uint32_t extack_off;

/* Did the kernel refuse a request? (exit status 2, as ip(8)) */
bool nl_kernel_error;

static int ctrl_group_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = {};

	(void)data;
	if (nl_parse_nested(attr, tb, CTRL_ATTR_MCAST_GRP_MAX) < 0)
		return MNL_CB_OK;
	if (tb[CTRL_ATTR_MCAST_GRP_NAME] && tb[CTRL_ATTR_MCAST_GRP_ID] &&
	    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
		    VNET_MCGRP_MONITOR))
		monitor_group = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	return MNL_CB_OK;
}

static int ctrl_family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *attr;

	(void)data;
	attr = nl_genl_attr(nlh, CTRL_ATTR_FAMILY_ID);
	if (attr && mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
		family_id = mnl_attr_get_u16(attr);
	attr = nl_genl_attr(nlh, CTRL_ATTR_VERSION);
	if (attr && mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
		family_version = mnl_attr_get_u32(attr);
	attr = nl_genl_attr(nlh, CTRL_ATTR_MCAST_GROUPS);
	if (attr) {
		const struct nlattr *grp;

		mnl_attr_for_each_nested(grp, attr)
			ctrl_group_cb(grp, NULL);
	}
	return MNL_CB_OK;
}

/**
 * nl_family_version - the vnet family's version in the running module
 *
 * Return: the version (2 and up take many routes a request), or 0 if the
 * family cannot be looked up.
 */
uint32_t nl_family_version(void)
{
	return nl_open() ? 0 : family_version;
}

/**
 * nl_open - open the netlink socket and look up the vnet family
 *
 * Return: 0, or -1 with the reason printed.
 */
int nl_open(void)
{
	static struct nl_req req;
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	int one = 1;

	if (nl)
		return 0;
	nl = mnl_socket_open(NETLINK_GENERIC);
	if (!nl)
		return errorf("cannot open a netlink socket: %s", strerror(errno));
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return errorf("cannot bind the netlink socket: %s", strerror(errno));
	mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));
	seq = time(NULL);

	nlh = mnl_nlmsg_put_header(req.buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VNET_GENL_NAME);
	if (talk(nlh, ctrl_family_cb, NULL) < 0 || !family_id) {
		nl_close();
		return -1;
	}
	return 0;
}

void nl_close(void)
{
	if (nl)
		mnl_socket_close(nl);
	nl = NULL;
	family_id = 0;
}

/*
 * Start a vnet request in @req: header, genl header, no attributes yet. The
 * family id is filled in by nl_talk(), which looks it up on first use.
 */
struct nlmsghdr *nl_req_init(struct nl_req *req, uint8_t cmd, uint16_t flags)
{
	struct genlmsghdr *g;

	req->nlh = mnl_nlmsg_put_header(req->buf);
	req->nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	g = mnl_nlmsg_put_extra_header(req->nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = VNET_GENL_VERSION;
	return req->nlh;
}

static int extack_cb(const struct nlattr *attr, void *data)
{
	(void)data;
	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
		snprintf(extack_msg, sizeof(extack_msg), "%s",
			 mnl_attr_get_str(attr));
	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_OFFS &&
	    mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
		extack_off = mnl_attr_get_u32(attr);
	return MNL_CB_OK;
}

/* The status of an ACK, an error, or the end of a dump, and its extack. */
static int status_cb(const struct nlmsghdr *nlh, void *data)
{
	unsigned int off;
	int error;

	(void)data;
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

		if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e))) {
			errno = EBADMSG;
			return MNL_CB_ERROR;
		}
		error = e->error;
		off = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	} else {
		if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(int)))
			return MNL_CB_STOP;
		error = *(const int *)mnl_nlmsg_get_payload(nlh);
		off = sizeof(int);
	}
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS &&
	    mnl_nlmsg_size(off) <= nlh->nlmsg_len)
		mnl_attr_parse(nlh, off, extack_cb, NULL);
	if (error >= 0) {
		if (extack_msg[0])
			fprintf(stderr, "Warning: %s\n", extack_msg);
		return MNL_CB_STOP;
	}
	errno = -error;
	return MNL_CB_ERROR;
}

static mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
	[NLMSG_ERROR] = status_cb,
	[NLMSG_DONE] = status_cb,
};

static int report(int err)
{
	nl_kernel_error = true;
	if (extack_msg[0])
		return errorf("%s", extack_msg);
	if (err == EPERM)
		return errorf("%s (CAP_NET_ADMIN is needed)", strerror(err));
	if (err == ENOENT && !family_id)
		return errorf("the vnet module is not loaded");
	return errorf("%s", strerror(err));
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

/*
 * Note and clear NLM_F_DUMP_INTR in the @n bytes of @buf: libmnl would stop
 * at the first message carrying it, while iproute2 prints the whole dump
 * and warns once it is done.
 */
static bool take_dump_intr(char *buf, int n)
{
	struct nlmsghdr *nlh;
	bool intr = false;

	for (nlh = (struct nlmsghdr *)buf; mnl_nlmsg_ok(nlh, n);
	     nlh = mnl_nlmsg_next(nlh, &n)) {
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
			nlh->nlmsg_flags &= ~NLM_F_DUMP_INTR;
			intr = true;
		}
	}
	return intr;
}

static int talk(struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	static char buf[NL_BUFSZ];
	unsigned int portid = mnl_socket_get_portid(nl);
	bool intr = false;
	ssize_t n;
	int ret;

	nlh->nlmsg_seq = ++seq;
	extack_msg[0] = '\0';
	extack_off = 0;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return report(errno);
	do {
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0)
			return report(errno);
		if (take_dump_intr(buf, n))
			intr = true;
		ret = mnl_cb_run2(buf, n, nlh->nlmsg_seq, portid, cb, data,
				  ctl_cbs, NLMSG_MIN_TYPE);
	} while (ret > MNL_CB_STOP);
	if (ret < 0)
		return report(errno);
	if (intr)
		fprintf(stderr, "Dump was interrupted and may be inconsistent.\n");
	return 0;
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
	if (nl_open())
		return -1;
	nlh->nlmsg_type = family_id;
	return talk(nlh, cb, data);
}

/**
 * nl_error_offset - where in the last request its error lies
 *
 * Return: the offset from the request's start of the attribute the kernel
 * named as the cause of the last error, or 0 if it named none.
 */
uint32_t nl_error_offset(void)
{
	return extack_off;
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
	static char buf[NL_BUFSZ];
	ssize_t n;

	if (!monitor_group)
		return errorf("the kernel has no vnet monitor group");
	if (mnl_socket_setsockopt(nl, NETLINK_ADD_MEMBERSHIP, &monitor_group,
				  sizeof(monitor_group)) < 0)
		return errorf("cannot join the monitor group: %s", strerror(errno));
	for (;;) {
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0) {
			if (errno == ENOBUFS) {
				fprintf(stderr, "Warning: events lost (receive buffer overrun)\n");
				continue;
			}
			return errorf("%s", strerror(errno));
		}
		if (mnl_cb_run(buf, n, 0, 0, cb, data) < 0)
			return errorf("%s", strerror(errno));
	}
}

/* Parse a nest into @tb, index by type; unknown types are skipped. */
int nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
		    unsigned int max)
{
	const struct nlattr *attr;

	mnl_attr_for_each_nested(attr, nest) {
		unsigned int type = mnl_attr_get_type(attr);

		if (type <= max)
			tb[type] = attr;
	}
	return 0;
}

/* The top-level attribute @type of a generic netlink message, or NULL. */
const struct nlattr *nl_genl_attr(const struct nlmsghdr *nlh, unsigned int type)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(attr) == type)
			return attr;
	return NULL;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * libvnet: the generic netlink conversation with the vnet family (libmnl).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sys/socket.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "libvnet.h"

static int talk(struct vnl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);

static void ctrl_group(struct vnl *nl, const struct nlattr *attr)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = {};
	const char *name;

	vnl_parse_nested(attr, tb, CTRL_ATTR_MCAST_GRP_MAX);
	name = vnl_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]);
	if (name && !strcmp(name, VNET_MCGRP_MONITOR))
		nl->monitor_group = vnl_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID], 0);
	if (name && !strcmp(name, VNET_MCGRP_CONFIG))
		nl->config_group = vnl_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID], 0);
}

static int ctrl_family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *attr, *grp;
	struct vnl *nl = data;

	nl->family_id = vnl_get_u16(vnl_genl_attr(nlh, CTRL_ATTR_FAMILY_ID), 0);
	nl->version = vnl_get_u32(vnl_genl_attr(nlh, CTRL_ATTR_VERSION), 0);
	attr = vnl_genl_attr(nlh, CTRL_ATTR_MCAST_GROUPS);
	if (attr)
		mnl_attr_for_each_nested(grp, attr)
			ctrl_group(nl, grp);
	return MNL_CB_OK;
}

/**
 * vnl_open - open a netlink socket and look up the vnet family
 * @nl: the socket, all zero
 *
 * Return: 0, or a negative errno: -ENOENT if the module is not loaded.
 */
int vnl_open(struct vnl *nl)
{
	char req[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	int one = 1, err;

	nl->sock = mnl_socket_open2(NETLINK_GENERIC, SOCK_CLOEXEC);
	if (!nl->sock)
		return -errno;
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		vnl_close(nl);
		return err;
	}
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	nl->seq = time(NULL);

	nlh = mnl_nlmsg_put_header(req);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VNET_GENL_NAME);
	err = talk(nl, nlh, ctrl_family_cb, nl);
	if (!err && !nl->family_id)
		err = -ENOENT;
	if (err)
		vnl_close(nl);
	return err;
}

void vnl_close(struct vnl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
	nl->family_id = 0;
}

/*
 * Start a vnet request in @buf (VNL_BUFSZ bytes): header, genl header, no
 * attributes yet.
 */
struct nlmsghdr *vnl_req_init(char *buf, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = VNET_GENL_VERSION;
	return nlh;
}

/* What the callbacks of an answer see: the socket and the caller's own */
struct answer {
	struct vnl *nl;
	mnl_cb_t cb;
	void *data;
};

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct answer *a = data;

	return a->cb ? a->cb(nlh, a->data) : MNL_CB_OK;
}

static int extack_cb(const struct nlattr *attr, void *data)
{
	struct vnl *nl = data;

	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
		snprintf(nl->extack, sizeof(nl->extack), "%s",
			 mnl_attr_get_str(attr));
	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_OFFS &&
	    mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
		nl->extack_off = mnl_attr_get_u32(attr);
	return MNL_CB_OK;
}

/* The status of an ACK, an error, or the end of a dump, and its extack. */
static int status_cb(const struct nlmsghdr *nlh, void *data)
{
	unsigned int off;
	int error;

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
		mnl_attr_parse(nlh, off, extack_cb, ((struct answer *)data)->nl);
	if (error >= 0)
		return MNL_CB_STOP;
	errno = -error;
	return MNL_CB_ERROR;
}

static mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
	[NLMSG_ERROR] = status_cb,
	[NLMSG_DONE] = status_cb,
};

/*
 * Note and clear NLM_F_DUMP_INTR in the @n bytes of @buf: libmnl would stop
 * at the first message carrying it, while iproute2 goes on to the end of
 * the dump and warns then.
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

/**
 * vnl_send - send a request without waiting for its answer
 * @nl: the socket
 * @nlh: the request (its type and sequence number are filled in)
 *
 * Return: 0 or a negative errno.
 */
int vnl_send(struct vnl *nl, struct nlmsghdr *nlh)
{
	if (nlh->nlmsg_type != GENL_ID_CTRL)
		nlh->nlmsg_type = nl->family_id;
	nlh->nlmsg_seq = ++nl->seq;
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	return 0;
}

/**
 * vnl_recv_answer - read the answer to a request sent by vnl_send()
 * @nl: the socket
 * @seq: the request's sequence number
 * @cb: called for each data message of the answer (may be NULL)
 * @data: passed to @cb
 *
 * Return: 0, or a negative errno with the kernel's reason in @nl->extack.
 */
int vnl_recv_answer(struct vnl *nl, uint32_t seq, mnl_cb_t cb, void *data)
{
	unsigned int portid = mnl_socket_get_portid(nl->sock);
	struct answer a = { nl, cb, data };
	ssize_t n;
	int ret;

	nl->extack[0] = '\0';
	nl->extack_off = 0;
	nl->dump_intr = false;
	do {
		n = mnl_socket_recvfrom(nl->sock, nl->buf, sizeof(nl->buf));
		if (n < 0)
			return -errno;
		if (take_dump_intr(nl->buf, n))
			nl->dump_intr = true;
		ret = mnl_cb_run2(nl->buf, n, seq, portid, data_cb, &a, ctl_cbs,
				  NLMSG_MIN_TYPE);
	} while (ret > MNL_CB_STOP);
	if (ret < 0)
		return -errno;
	return 0;
}

static int talk(struct vnl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	int err = vnl_send(nl, nlh);

	if (err)
		return err;
	return vnl_recv_answer(nl, nlh->nlmsg_seq, cb, data);
}

/**
 * vnl_talk - send a vnet request and process the answer
 * @nl: the socket, from vnl_open()
 * @nlh: the request, from vnl_req_init()
 * @cb: called for each data message of the answer (may be NULL)
 * @data: passed to @cb
 *
 * Return: 0, or a negative errno with the kernel's reason (if it gave one)
 * in @nl->extack.
 */
int vnl_talk(struct vnl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	return talk(nl, nlh, cb, data);
}

static int join(struct vnl *nl, uint32_t group)
{
	if (!group)
		return -ENOENT;
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0)
		return -errno;
	return 0;
}

/**
 * vnl_join_monitor - receive all of vnet's events on this socket
 * @nl: the socket, from vnl_open(), used for nothing else after
 *
 * Return: 0 or a negative errno.
 */
int vnl_join_monitor(struct vnl *nl)
{
	return join(nl, nl->monitor_group);
}

/**
 * vnl_join_config - receive the events of configuration on this socket:
 *	networks, peering routers, attachments (not routes)
 * @nl: the socket, from vnl_open(), used for nothing else after
 *
 * Return: 0 or a negative errno.
 */
int vnl_join_config(struct vnl *nl)
{
	return join(nl, nl->config_group);
}

/**
 * vnl_read_events - hand the events waiting on a monitor socket to @cb
 * @nl: the socket, from vnl_join_monitor()
 * @cb: called for each event message
 * @data: passed to @cb
 *
 * Reads without blocking until none is left.
 * Return: 0, or a negative errno: -ENOBUFS if events were lost (the
 * receive buffer overran; what they said must be read again).
 */
int vnl_read_events(struct vnl *nl, mnl_cb_t cb, void *data)
{
	ssize_t n;
	int fd = mnl_socket_get_fd(nl->sock);

	for (;;) {
		n = recv(fd, nl->buf, sizeof(nl->buf), MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
		if (mnl_cb_run(nl->buf, n, 0, 0, cb, data) < 0)
			return -errno;
	}
}

/* Parse a nest into @tb, indexed by type; unknown types are skipped. */
int vnl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
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
const struct nlattr *vnl_genl_attr(const struct nlmsghdr *nlh,
				   unsigned int type)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(attr) == type)
			return attr;
	return NULL;
}

/* The command of a generic netlink message. */
uint8_t vnl_genl_cmd(const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

	return g->cmd;
}

void vnl_put_addr(struct nlmsghdr *nlh, uint16_t type, const struct prefix *a)
{
	mnl_attr_put(nlh, type,
		     a->family == AF_INET ? sizeof(a->addr.v4) : sizeof(a->addr.v6),
		     &a->addr);
}

/* A prefix as two attributes: its address and its length. */
void vnl_put_prefix(struct nlmsghdr *nlh, uint16_t addr_type,
		    uint16_t len_type, const struct prefix *p)
{
	vnl_put_addr(nlh, addr_type, p);
	mnl_attr_put_u8(nlh, len_type, p->len);
}

/* An address attribute: 4 bytes IPv4, 16 IPv6. Return: 0, or -1. */
int vnl_get_addr(const struct nlattr *attr, struct prefix *a)
{
	uint16_t len;

	memset(a, 0, sizeof(*a));
	if (!attr)
		return -1;
	len = mnl_attr_get_payload_len(attr);
	if (len == sizeof(a->addr.v4))
		a->family = AF_INET;
	else if (len == sizeof(a->addr.v6))
		a->family = AF_INET6;
	else
		return -1;
	a->len = len * 8;
	memcpy(&a->addr, mnl_attr_get_payload(attr), len);
	return 0;
}

/* A string attribute, or NULL if it is absent or not a string. */
const char *vnl_get_str(const struct nlattr *attr)
{
	if (!attr || mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
		return NULL;
	return mnl_attr_get_str(attr);
}

/* A u32 attribute, or @def if it is absent or not a u32. */
uint32_t vnl_get_u32(const struct nlattr *attr, uint32_t def)
{
	if (!attr || mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
		return def;
	return mnl_attr_get_u32(attr);
}

uint16_t vnl_get_u16(const struct nlattr *attr, uint16_t def)
{
	if (!attr || mnl_attr_validate(attr, MNL_TYPE_U16) < 0)
		return def;
	return mnl_attr_get_u16(attr);
}

uint8_t vnl_get_u8(const struct nlattr *attr, uint8_t def)
{
	if (!attr || mnl_attr_validate(attr, MNL_TYPE_U8) < 0)
		return def;
	return mnl_attr_get_u8(attr);
}

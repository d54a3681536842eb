/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * vnet: virtual networks overlaid on a substrate network, and a peering
 * router between them.
 *
 * User API: the generic netlink family "vnet", and the attributes of the
 * "vnet" rtnetlink link kind (IFLA_INFO_DATA of `ip link add ... type vnet`),
 * which are the same enum vnet_network_attrs as the VNET_A_NETWORK nest.
 *
 * Conventions: integers are in host byte order unless named otherwise;
 * addresses are in network byte order (struct in_addr / struct in6_addr).
 */
#ifndef _UAPI_LINUX_VNET_H
#define _UAPI_LINUX_VNET_H

#define VNET_GENL_NAME		"vnet"
#define VNET_GENL_VERSION	1

/* Multicast group carrying change events (the same messages as the replies
 * to the corresponding GET, with the NEW or DEL command).
 */
#define VNET_MCGRP_MONITOR	"monitor"

/* A network id is a Geneve VNI: 24 bits. */
#define VNET_ID_MAX		0xffffffU
#define VNET_DEFAULT_PORT	6081
/* Upper bound on the prefixes of one network. */
#define VNET_MAX_PREFIXES	64

/**
 * enum vnet_cmd - commands of the vnet generic netlink family
 * @VNET_CMD_UNSPEC: unused
 * @VNET_CMD_NETWORK_NEW: create a network (its netdevice). Needs
 *	VNET_A_NETWORK with VNET_NETWORK_A_NAME; VNET_NETWORK_A_ID is allocated
 *	(lowest free id from 1) when absent. Also the event after a creation,
 *	whichever way (genetlink or rtnetlink) it was made.
 * @VNET_CMD_NETWORK_DEL: delete a network, named by VNET_NETWORK_A_NAME or
 *	VNET_NETWORK_A_IFINDEX in VNET_A_NETWORK. Also the deletion event.
 * @VNET_CMD_NETWORK_GET: get one network (do, named as for DEL) or all of
 *	the caller's network namespace (dump).
 * @VNET_CMD_NETWORK_FLUSH: delete every network of the caller's network
 *	namespace in one batch.
 * @__VNET_CMD_MAX: internal
 * @VNET_CMD_MAX: highest command
 */
enum vnet_cmd {
	VNET_CMD_UNSPEC,
	VNET_CMD_NETWORK_NEW,
	VNET_CMD_NETWORK_DEL,
	VNET_CMD_NETWORK_GET,
	VNET_CMD_NETWORK_FLUSH,

	__VNET_CMD_MAX,
	VNET_CMD_MAX = __VNET_CMD_MAX - 1,
};

/**
 * enum vnet_attrs - top-level attributes of the vnet family
 * @VNET_A_UNSPEC: unused
 * @VNET_A_NETWORK: nest, enum vnet_network_attrs
 * @__VNET_A_MAX: internal
 * @VNET_A_MAX: highest attribute
 */
enum vnet_attrs {
	VNET_A_UNSPEC,
	VNET_A_NETWORK,

	__VNET_A_MAX,
	VNET_A_MAX = __VNET_A_MAX - 1,
};

/**
 * enum vnet_network_attrs - a network
 * @VNET_NETWORK_A_UNSPEC: unused
 * @VNET_NETWORK_A_IFINDEX: u32, ifindex of the network's netdevice
 *	(output; accepted as the key of GET and DEL)
 * @VNET_NETWORK_A_NAME: NUL-terminated string, the netdevice's name
 *	(not accepted in IFLA_INFO_DATA, where IFLA_IFNAME names the device)
 * @VNET_NETWORK_A_ID: u32, network id, the Geneve VNI, 0 to VNET_ID_MAX,
 *	unique within a network namespace
 * @VNET_NETWORK_A_PORT: u16, substrate UDP destination port, default
 *	VNET_DEFAULT_PORT
 * @VNET_NETWORK_A_LOCAL: struct in_addr, substrate IPv4 source address
 *	(optional)
 * @VNET_NETWORK_A_LOCAL6: struct in6_addr, substrate IPv6 source address
 *	(optional)
 * @VNET_NETWORK_A_PREFIXES: nested array of the network's prefixes: each
 *	entry (its type is its index from 1) a nest of enum vnet_prefix_attrs;
 *	at most VNET_MAX_PREFIXES, no two overlapping
 * @__VNET_NETWORK_A_MAX: internal
 * @VNET_NETWORK_A_MAX: highest attribute
 */
enum vnet_network_attrs {
	VNET_NETWORK_A_UNSPEC,
	VNET_NETWORK_A_IFINDEX,
	VNET_NETWORK_A_NAME,
	VNET_NETWORK_A_ID,
	VNET_NETWORK_A_PORT,
	VNET_NETWORK_A_LOCAL,
	VNET_NETWORK_A_LOCAL6,
	VNET_NETWORK_A_PREFIXES,

	__VNET_NETWORK_A_MAX,
	VNET_NETWORK_A_MAX = __VNET_NETWORK_A_MAX - 1,
};

/**
 * enum vnet_prefix_attrs - an IPv4 or IPv6 prefix (CIDR)
 * @VNET_PREFIX_A_UNSPEC: unused
 * @VNET_PREFIX_A_ADDR: 4 bytes (struct in_addr) or 16 bytes
 *	(struct in6_addr); the length gives the family. No bits may be set
 *	past the prefix length.
 * @VNET_PREFIX_A_LEN: u8, prefix length, at most 32 or 128
 * @__VNET_PREFIX_A_MAX: internal
 * @VNET_PREFIX_A_MAX: highest attribute
 */
enum vnet_prefix_attrs {
	VNET_PREFIX_A_UNSPEC,
	VNET_PREFIX_A_ADDR,
	VNET_PREFIX_A_LEN,

	__VNET_PREFIX_A_MAX,
	VNET_PREFIX_A_MAX = __VNET_PREFIX_A_MAX - 1,
};

#endif /* _UAPI_LINUX_VNET_H */

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
/* Upper bound on the nodes of one network. */
#define VNET_MAX_NODES		(1U << 22)

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
 * @VNET_CMD_PORT_NEW: make a netdevice (VNET_A_PORT) a port of a network
 *	(VNET_A_NETWORK): the network takes every frame it receives. The
 *	netdevice must be an Ethernet device of the same namespace with no
 *	master. Also the event after it.
 * @VNET_CMD_PORT_DEL: release a port (VNET_A_PORT; VNET_A_NETWORK, when
 *	given, must be its network), deleting the nodes on it. Also the event,
 *	which a port's netdevice going away sends too; it stands for the port's
 *	nodes (no event a node). A network's deletion event stands for its
 *	ports and nodes.
 * @VNET_CMD_NODE_NEW: add a node (VNET_A_NODE) to a network
 *	(VNET_A_NETWORK): on a port of the network (VNET_NODE_A_IFINDEX or
 *	VNET_NODE_A_IFNAME) or on a remote host (VNET_NODE_A_REMOTE). Its
 *	address must lie in one of the network's prefixes. VNET_A_FLAGS
 *	says what to do with an existing node, with rtnetlink's meaning: with
 *	NLM_F_REPLACE it moves there atomically (no packet to it is lost to
 *	the move but those waiting for its MAC address at the old place), and
 *	a missing one is added only with NLM_F_CREATE too;
 *	without NLM_F_REPLACE (or with NLM_F_EXCL, or without VNET_A_FLAGS) an
 *	existing node is an error (EEXIST). Also the event, of an addition or
 *	a move.
 * @VNET_CMD_NODE_DEL: delete a node (VNET_NODE_A_ADDR of VNET_A_NODE) of a
 *	network (VNET_A_NETWORK). Also the event.
 * @VNET_CMD_NODE_GET: get one node (do, keyed as for DEL), or dump the nodes
 *	of one network (VNET_A_NETWORK given) or of all networks, in the order
 *	of network id, then address.
 * @VNET_CMD_STATS_GET: the namespace's substrate counters, of packets that
 *	reached no network (VNET_A_STATS).
 * @VNET_CMD_NODE_FLUSH: delete every node of a network (VNET_A_NETWORK).
 *	Also the event, which stands for every node deleted (no event a node).
 * @VNET_CMD_PORT_GET: get one port (do: VNET_A_PORT names it), or dump the
 *	ports of one network (VNET_A_NETWORK given) or of all networks.
 * @VNET_CMD_NETWORK_SET: change a network (VNET_A_NETWORK, named as for
 *	DEL): VNET_NETWORK_A_PREFIXES replaces its prefixes (refused if a node
 *	would be left outside them), VNET_NETWORK_A_LOCAL and
 *	VNET_NETWORK_A_LOCAL6 set its substrate source addresses (0.0.0.0 and
 *	:: unset them); the id and port cannot change. Its event is
 *	VNET_CMD_NETWORK_NEW with the new configuration.
 * @__VNET_CMD_MAX: internal
 * @VNET_CMD_MAX: highest command
 */
enum vnet_cmd {
	VNET_CMD_UNSPEC,
	VNET_CMD_NETWORK_NEW,
	VNET_CMD_NETWORK_DEL,
	VNET_CMD_NETWORK_GET,
	VNET_CMD_NETWORK_FLUSH,
	VNET_CMD_PORT_NEW,
	VNET_CMD_PORT_DEL,
	VNET_CMD_NODE_NEW,
	VNET_CMD_NODE_DEL,
	VNET_CMD_NODE_GET,
	VNET_CMD_STATS_GET,
	VNET_CMD_NODE_FLUSH,
	VNET_CMD_PORT_GET,
	VNET_CMD_NETWORK_SET,

	__VNET_CMD_MAX,
	VNET_CMD_MAX = __VNET_CMD_MAX - 1,
};

/**
 * enum vnet_attrs - top-level attributes of the vnet family
 * @VNET_A_UNSPEC: unused
 * @VNET_A_NETWORK: nest, enum vnet_network_attrs; in port and node
 *	requests, names the network by VNET_NETWORK_A_NAME or
 *	VNET_NETWORK_A_IFINDEX
 * @VNET_A_PORT: nest, enum vnet_port_attrs
 * @VNET_A_NODE: nest, enum vnet_node_attrs
 * @VNET_A_STATS: nest, enum vnet_stats_attrs (output only)
 * @VNET_A_FLAGS: u32, NLM_F_CREATE, NLM_F_EXCL and NLM_F_REPLACE of a NEW
 *	request, with rtnetlink's meaning. They travel as an attribute: the
 *	generic netlink core refuses these bits in the header of a request to
 *	a family that validates its headers strictly, as vnet does.
 * @__VNET_A_MAX: internal
 * @VNET_A_MAX: highest attribute
 */
enum vnet_attrs {
	VNET_A_UNSPEC,
	VNET_A_NETWORK,
	VNET_A_PORT,
	VNET_A_NODE,
	VNET_A_STATS,
	VNET_A_FLAGS,

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
 * @VNET_NETWORK_A_STATS: nest, enum vnet_stats_attrs, the network's
 *	counters (output only, in genetlink replies)
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
	VNET_NETWORK_A_STATS,

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

/**
 * enum vnet_port_attrs - a port: a node-facing netdevice of a network
 * @VNET_PORT_A_UNSPEC: unused
 * @VNET_PORT_A_IFINDEX: u32, the port's ifindex
 * @VNET_PORT_A_IFNAME: NUL-terminated string, the port's name (either
 *	names the port in a request)
 * @__VNET_PORT_A_MAX: internal
 * @VNET_PORT_A_MAX: highest attribute
 */
enum vnet_port_attrs {
	VNET_PORT_A_UNSPEC,
	VNET_PORT_A_IFINDEX,
	VNET_PORT_A_IFNAME,

	__VNET_PORT_A_MAX,
	VNET_PORT_A_MAX = __VNET_PORT_A_MAX - 1,
};

/**
 * enum vnet_node_attrs - a node: an overlay address and where it is
 * @VNET_NODE_A_UNSPEC: unused
 * @VNET_NODE_A_ADDR: struct in_addr or struct in6_addr, the node's overlay
 *	address, inside one of its network's prefixes
 * @VNET_NODE_A_IFINDEX: u32, the port the node is on (a local node)
 * @VNET_NODE_A_IFNAME: NUL-terminated string, the same port by name
 * @VNET_NODE_A_REMOTE: struct in_addr or struct in6_addr, the substrate
 *	address of the host the node is on (a remote node)
 * @VNET_NODE_A_LLADDR: 6 bytes, a local node's MAC address, once the
 *	network has learnt it from a frame the node sent from its own address
 *	(output only)
 * @__VNET_NODE_A_MAX: internal
 * @VNET_NODE_A_MAX: highest attribute
 */
enum vnet_node_attrs {
	VNET_NODE_A_UNSPEC,
	VNET_NODE_A_ADDR,
	VNET_NODE_A_IFINDEX,
	VNET_NODE_A_IFNAME,
	VNET_NODE_A_REMOTE,
	VNET_NODE_A_LLADDR,

	__VNET_NODE_A_MAX,
	VNET_NODE_A_MAX = __VNET_NODE_A_MAX - 1,
};

/**
 * enum vnet_stats_attrs - counters, each a u64
 * @VNET_STATS_A_UNSPEC: unused
 * @VNET_STATS_A_PAD: padding
 * @VNET_STATS_A_RX_PACKETS: packets from the substrate delivered to nodes
 * @VNET_STATS_A_RX_BYTES: their bytes (inner packets)
 * @VNET_STATS_A_TX_PACKETS: packets from nodes on ports delivered to a
 *	local node or sent to the substrate
 * @VNET_STATS_A_TX_BYTES: their bytes (inner packets)
 * @VNET_STATS_A_DROP_NO_ROUTE: dropped: the destination is outside the
 *	network's prefixes, multicast, broadcast, loopback or link-local, or
 *	not IP; IPv6 neighbour discovery the network did not answer itself
 *	(never carried between nodes); or the substrate has no route to the
 *	node's host
 * @VNET_STATS_A_DROP_SPOOFED: dropped: the source is not a node on the port
 *	the packet came from, or not a node on the substrate host it came from
 *	(an IPv6 substrate source that is v4-mapped is no host's)
 * @VNET_STATS_A_DROP_BAD_VNI: dropped: the VNI names no network (namespace
 *	counters), or names this network but came to another UDP port
 * @VNET_STATS_A_DROP_UNKNOWN_NODE: dropped: the destination is in the
 *	network's prefixes but no node has it (or, from the substrate, no node
 *	on a local port)
 * @VNET_STATS_A_DROP_TOO_BIG: dropped: larger than the network's MTU or the
 *	substrate path's, or than the MTU of the destination node's port (the
 *	sender gets an ICMP error, at the rate the host's ICMP limits allow)
 * @VNET_STATS_A_DROP_MALFORMED: dropped: a header is truncated or invalid
 *	(also an IPv6 packet with a v4-mapped address, and a frame from a port
 *	with a multicast or zero source MAC address)
 * @VNET_STATS_A_DROP_UNRESOLVED: dropped: held for a local node whose MAC
 *	address was unknown, and the node did not answer the network's ARP
 *	request or neighbour solicitation within a second (or more than a
 *	few packets waited)
 * @__VNET_STATS_A_MAX: internal
 * @VNET_STATS_A_MAX: highest attribute
 */
enum vnet_stats_attrs {
	VNET_STATS_A_UNSPEC,
	VNET_STATS_A_PAD,
	VNET_STATS_A_RX_PACKETS,
	VNET_STATS_A_RX_BYTES,
	VNET_STATS_A_TX_PACKETS,
	VNET_STATS_A_TX_BYTES,
	VNET_STATS_A_DROP_NO_ROUTE,
	VNET_STATS_A_DROP_SPOOFED,
	VNET_STATS_A_DROP_BAD_VNI,
	VNET_STATS_A_DROP_UNKNOWN_NODE,
	VNET_STATS_A_DROP_TOO_BIG,
	VNET_STATS_A_DROP_MALFORMED,
	VNET_STATS_A_DROP_UNRESOLVED,

	__VNET_STATS_A_MAX,
	VNET_STATS_A_MAX = __VNET_STATS_A_MAX - 1,
};

#endif /* _UAPI_LINUX_VNET_H */

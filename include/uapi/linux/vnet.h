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
/* 2: VNET_CMD_ROUTE_NEW and _DEL take many routes a request */
#define VNET_GENL_VERSION	2

/* Multicast group carrying change events (the same messages as the replies
 * to the corresponding GET, with the NEW or DEL command).
 */
#define VNET_MCGRP_MONITOR	"monitor"
/* Multicast group carrying the events of configuration only: of networks,
 * peering routers and attachments (not of ports, nodes or routes), for a
 * daemon that follows the configuration through any number of route
 * changes (vnetd).
 */
#define VNET_MCGRP_CONFIG	"config"

/* A network id is a Geneve VNI: 24 bits. */
#define VNET_ID_MAX		0xffffffU
#define VNET_DEFAULT_PORT	6081
/* Upper bound on the prefixes of one network. */
#define VNET_MAX_PREFIXES	64
/* Upper bound on the nodes of one network. */
#define VNET_MAX_NODES		(1U << 22)
/* A peering router's name, with its NUL, at most (like IFNAMSIZ). */
#define VNET_PEERING_NAMSIZ	16
/* Upper bounds on the peering routers of a namespace, the attachments of
 * one peering router, and those of one network.
 */
#define VNET_MAX_PEERINGS	4096
#define VNET_MAX_ATTACHMENTS	8192
#define VNET_MAX_NETWORK_ATTACHMENTS	16
/* Upper bound on the routes of one table (both families). */
#define VNET_MAX_ROUTES		(1U << 23)

/* Route protocols are rtnetlink's RTPROT_* where one fits (RTPROT_STATIC,
 * the default; RTPROT_BGP, of vnetd); this one is vnet's: the prefixes of
 * an attached network, propagated into a peering router's table.
 */
#define VNET_RTPROT_ATTACH	5

/* The Geneve option of a packet a peering router forwarded between
 * networks: class VNET_GENEVE_CLASS (experimental use, RFC 8926 section
 * 9), type VNET_GENEVE_TYPE_SRCNET (not critical: other Geneve peers
 * ignore it), 4 bytes of data: the id of the network the packet comes from
 * in the low 24 bits, in network byte order, the high 8 bits zero.
 */
#define VNET_GENEVE_CLASS		0xfff1
#define VNET_GENEVE_TYPE_SRCNET		0x01

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
 * @VNET_CMD_PEERING_NEW: create a peering router (VNET_A_PEERING with
 *	VNET_PEERING_A_NAME). Also the event, without attachments.
 * @VNET_CMD_PEERING_DEL: delete a peering router, its attachments, its
 *	table and the routes of networks' tables that point to it. Also the
 *	event, without attachments, which stands for all of these.
 * @VNET_CMD_PEERING_GET: get one peering router (do), with its
 *	attachments if they fit in one message (else -EMSGSIZE); or dump all
 *	of the namespace's, or the one VNET_A_PEERING names. A dump gives a
 *	peering router as many messages as its attachments need, one after
 *	the other: the first with its name, routes, counters and first
 *	attachments, the others with its name and the next attachments.
 * @VNET_CMD_ATTACH_NEW: attach a network (VNET_A_NETWORK) to a peering
 *	router (VNET_A_PEERING) with the settings of VNET_A_ATTACH: the
 *	peering router's addresses inside the network (at least one), which
 *	packets of the network's nodes reach the host's stack at; with
 *	VNET_ATTACH_A_PROPAGATE, the network's prefixes become routes of the
 *	peering router's table (protocol VNET_RTPROT_ATTACH), following the
 *	network's changes. Also the event.
 * @VNET_CMD_ATTACH_DEL: detach a network (VNET_A_NETWORK) from a peering
 *	router (VNET_A_PEERING), deleting the routes of either's table that
 *	point to the other. Also the event, which stands for those routes.
 * @VNET_CMD_ROUTE_NEW: add a route (VNET_A_ROUTE) to the table of a network
 *	(VNET_A_NETWORK) or of a peering router (VNET_A_PEERING). VNET_A_FLAGS
 *	as for VNET_CMD_NODE_NEW: with NLM_F_REPLACE the route of the same
 *	prefix, protocol and metric is replaced atomically. A request may
 *	carry many VNET_A_ROUTE, all for its one table, applied in order; the
 *	first that fails ends the request, those before it done, and the
 *	error's attribute offset (NLMSGERR_ATTR_OFFS) lies in its nest. The
 *	event is one a route.
 * @VNET_CMD_ROUTE_DEL: delete a route of a table: the most preferred one of
 *	the prefix among those of the protocol and metric given. Many in one
 *	request as for VNET_CMD_ROUTE_NEW. The event is one a route.
 * @VNET_CMD_ROUTE_GET: dump the routes of a table (VNET_A_NETWORK or
 *	VNET_A_PEERING) in the order of address, then prefix length, then
 *	preference; VNET_A_ROUTE in the request filters them:
 *	VNET_ROUTE_A_PROTO by protocol, VNET_ROUTE_A_DST and
 *	VNET_ROUTE_A_DST_LEN to the routes whose prefix covers that one. Do:
 *	the way a packet to VNET_LOOKUP_A_ADDR of VNET_A_LOOKUP would take
 *	from the table, answered in VNET_A_LOOKUP.
 * @VNET_CMD_ROUTE_FLUSH: delete the routes of a table, of one protocol if
 *	VNET_A_ROUTE gives VNET_ROUTE_A_PROTO. Also the event, which stands
 *	for every route deleted.
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
	VNET_CMD_PEERING_NEW,
	VNET_CMD_PEERING_DEL,
	VNET_CMD_PEERING_GET,
	VNET_CMD_ATTACH_NEW,
	VNET_CMD_ATTACH_DEL,
	VNET_CMD_ROUTE_NEW,
	VNET_CMD_ROUTE_DEL,
	VNET_CMD_ROUTE_GET,
	VNET_CMD_ROUTE_FLUSH,

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
 * @VNET_A_PEERING: nest, enum vnet_peering_attrs; in other requests, names
 *	a peering router by VNET_PEERING_A_NAME
 * @VNET_A_ATTACH: nest, enum vnet_attach_attrs
 * @VNET_A_ROUTE: nest, enum vnet_route_attrs
 * @VNET_A_LOOKUP: nest, enum vnet_lookup_attrs
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
	VNET_A_PEERING,
	VNET_A_ATTACH,
	VNET_A_ROUTE,
	VNET_A_LOOKUP,

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
 * @VNET_STATS_A_DROP_BLACKHOLE: dropped: the route to the destination is a
 *	blackhole (the sender is told the network is unreachable)
 * @VNET_STATS_A_DROP_TTL: dropped: the TTL or hop limit ran out on the way
 *	between networks (the sender is told the time exceeded)
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
	VNET_STATS_A_DROP_BLACKHOLE,
	VNET_STATS_A_DROP_TTL,

	__VNET_STATS_A_MAX,
	VNET_STATS_A_MAX = __VNET_STATS_A_MAX - 1,
};

/**
 * enum vnet_peering_attrs - a peering router
 * @VNET_PEERING_A_UNSPEC: unused
 * @VNET_PEERING_A_NAME: NUL-terminated string, at most
 *	VNET_PEERING_NAMSIZ - 1 bytes of letters, digits, '-', '_' and '.',
 *	unique within a network namespace
 * @VNET_PEERING_A_ATTACHMENTS: nested array of its attachments, each entry
 *	a nest of enum vnet_attach_attrs (output only)
 * @VNET_PEERING_A_ROUTES: u32, routes in its table (output only)
 * @VNET_PEERING_A_STATS: nest, enum vnet_stats_attrs: packets forwarded
 *	(TX) and dropped (output only)
 * @VNET_PEERING_A_HOSTS: nested array of at most VNET_MAX_PEERING_HOSTS
 *	entries, each a nest of enum vnet_host_attrs: the substrate addresses
 *	of the hosts the peering router is present on, this one among them.
 *	vnetd on each tells the others the routes its attachments' routers
 *	announced. Given with VNET_CMD_PEERING_NEW; with NLM_F_REPLACE in
 *	VNET_A_FLAGS, an existing peering router's list is replaced.
 * @__VNET_PEERING_A_MAX: internal
 * @VNET_PEERING_A_MAX: highest attribute
 */
enum vnet_peering_attrs {
	VNET_PEERING_A_UNSPEC,
	VNET_PEERING_A_NAME,
	VNET_PEERING_A_ATTACHMENTS,
	VNET_PEERING_A_ROUTES,
	VNET_PEERING_A_STATS,
	VNET_PEERING_A_HOSTS,

	__VNET_PEERING_A_MAX,
	VNET_PEERING_A_MAX = __VNET_PEERING_A_MAX - 1,
};

#define VNET_MAX_PEERING_HOSTS	64

/**
 * enum vnet_host_attrs - a host of a peering router: one address
 * @VNET_HOST_A_UNSPEC: unused
 * @VNET_HOST_A_ADDR: struct in_addr, its IPv4 substrate address
 * @VNET_HOST_A_ADDR6: struct in6_addr, or its IPv6 one (not v4-mapped)
 * @__VNET_HOST_A_MAX: internal
 * @VNET_HOST_A_MAX: highest attribute
 */
enum vnet_host_attrs {
	VNET_HOST_A_UNSPEC,
	VNET_HOST_A_ADDR,
	VNET_HOST_A_ADDR6,

	__VNET_HOST_A_MAX,
	VNET_HOST_A_MAX = __VNET_HOST_A_MAX - 1,
};

/**
 * enum vnet_attach_attrs - a network's attachment to a peering router
 * @VNET_ATTACH_A_UNSPEC: unused
 * @VNET_ATTACH_A_IFINDEX: u32, the network's ifindex (output only; requests
 *	name the network in VNET_A_NETWORK)
 * @VNET_ATTACH_A_IFNAME: string, the network's name (output only)
 * @VNET_ATTACH_A_ADDR: struct in_addr, the peering router's IPv4 address
 *	inside the network: in its prefixes, no node's
 * @VNET_ATTACH_A_ADDR6: struct in6_addr, its IPv6 address there
 * @VNET_ATTACH_A_PROPAGATE: flag, the network's prefixes are routes of the
 *	peering router's table
 * @VNET_ATTACH_A_BGP: nested array of the network's routers that speak BGP
 *	to the peering router (vnetd), at most VNET_MAX_BGP_PEERS: each entry
 *	(its type is its index from 1) a nest of enum vnet_bgp_attrs
 * @VNET_ATTACH_A_ID: u32, the network's identifier (output only): the same
 *	on every host, where the ifindex is not
 * @__VNET_ATTACH_A_MAX: internal
 * @VNET_ATTACH_A_MAX: highest attribute
 */
enum vnet_attach_attrs {
	VNET_ATTACH_A_UNSPEC,
	VNET_ATTACH_A_IFINDEX,
	VNET_ATTACH_A_IFNAME,
	VNET_ATTACH_A_ADDR,
	VNET_ATTACH_A_ADDR6,
	VNET_ATTACH_A_PROPAGATE,
	VNET_ATTACH_A_BGP,
	VNET_ATTACH_A_ID,

	__VNET_ATTACH_A_MAX,
	VNET_ATTACH_A_MAX = __VNET_ATTACH_A_MAX - 1,
};

/* BGP peers of one attachment, entries of one prefix filter, at most */
#define VNET_MAX_BGP_PEERS	4
#define VNET_MAX_BGP_FILTER	32
/* The longest TCP-MD5 key (TCP_MD5SIG_MAXKEYLEN) */
#define VNET_BGP_MD5_MAXLEN	80
#define VNET_BGP_HOLD_TIME	90

/**
 * enum vnet_bgp_attrs - a BGP peer of an attachment: a router of the
 *	network, and how vnetd speaks to it. vnet keeps these for vnetd,
 *	which keeps no configuration of its own.
 * @VNET_BGP_A_UNSPEC: unused
 * @VNET_BGP_A_ADDR: struct in_addr or struct in6_addr, the router's
 *	address, inside the network's prefixes, none of the attachment's
 *	own; unique within the attachment (required)
 * @VNET_BGP_A_ASN: u32, the router's AS number (required)
 * @VNET_BGP_A_LOCAL_ASN: u32, the peering router's AS number towards it
 *	(required; not the router's: the sessions are eBGP)
 * @VNET_BGP_A_HOLD_TIME: u16, the hold time vnetd offers, in seconds: 0
 *	(no keepalives) or 3 to 65535; default VNET_BGP_HOLD_TIME
 * @VNET_BGP_A_MAX_PREFIX: u32, the most prefixes of one family the router
 *	may announce; more closes the session (RFC 4486 cease subcode 1).
 *	0 or absent: no limit.
 * @VNET_BGP_A_MD5_KEY: binary, 1 to VNET_BGP_MD5_MAXLEN bytes: the TCP-MD5
 *	key (RFC 2385) of the session. Given to requesters with
 *	CAP_NET_ADMIN only, never in events (VNET_BGP_A_MD5_SET is).
 * @VNET_BGP_A_TTL_SECURITY: flag, the generalized TTL security mechanism
 *	(RFC 5082): the router must be one hop away, its packets arrive with
 *	TTL 255
 * @VNET_BGP_A_IMPORT: nested array of at most VNET_MAX_BGP_FILTER entries,
 *	each (its type is its index from 1) a nest of enum
 *	vnet_filter_attrs: the prefixes vnetd accepts from the router. Absent:
 *	all; present: only those that one entry matches, of either family.
 * @VNET_BGP_A_EXPORT: the same for the prefixes vnetd announces to it
 * @VNET_BGP_A_MD5_SET: flag, a key is set (output only)
 * @__VNET_BGP_A_MAX: internal
 * @VNET_BGP_A_MAX: highest attribute
 */
enum vnet_bgp_attrs {
	VNET_BGP_A_UNSPEC,
	VNET_BGP_A_ADDR,
	VNET_BGP_A_ASN,
	VNET_BGP_A_LOCAL_ASN,
	VNET_BGP_A_HOLD_TIME,
	VNET_BGP_A_MAX_PREFIX,
	VNET_BGP_A_MD5_KEY,
	VNET_BGP_A_TTL_SECURITY,
	VNET_BGP_A_IMPORT,
	VNET_BGP_A_EXPORT,
	VNET_BGP_A_MD5_SET,

	__VNET_BGP_A_MAX,
	VNET_BGP_A_MAX = __VNET_BGP_A_MAX - 1,
};

/**
 * enum vnet_filter_attrs - an entry of a prefix filter: it matches the
 *	prefixes inside its prefix no longer than its maximum length
 * @VNET_FILTER_A_UNSPEC: unused
 * @VNET_FILTER_A_ADDR: struct in_addr or struct in6_addr, no bit set past
 *	the length
 * @VNET_FILTER_A_LEN: u8, the prefix's length, at most 32 or 128
 * @VNET_FILTER_A_MAX_LEN: u8, the longest prefix matched, from the length
 *	to 32 or 128; default: 32 or 128
 * @__VNET_FILTER_A_MAX: internal
 * @VNET_FILTER_A_MAX: highest attribute
 */
enum vnet_filter_attrs {
	VNET_FILTER_A_UNSPEC,
	VNET_FILTER_A_ADDR,
	VNET_FILTER_A_LEN,
	VNET_FILTER_A_MAX_LEN,

	__VNET_FILTER_A_MAX,
	VNET_FILTER_A_MAX = __VNET_FILTER_A_MAX - 1,
};

/**
 * enum vnet_route_type - what a route does
 * @VNET_ROUTE_UNSPEC: unused
 * @VNET_ROUTE_UNICAST: forwards: in a network's table to a peering router,
 *	in a peering router's to a network (and a next-hop node in it)
 * @VNET_ROUTE_BLACKHOLE: drops, and tells the sender the destination
 *	network is unreachable
 */
enum vnet_route_type {
	VNET_ROUTE_UNSPEC,
	VNET_ROUTE_UNICAST,
	VNET_ROUTE_BLACKHOLE,
};

/**
 * enum vnet_route_attrs - a route of a network's or a peering router's table
 * @VNET_ROUTE_A_UNSPEC: unused
 * @VNET_ROUTE_A_DST: struct in_addr or struct in6_addr, the prefix's
 *	address, no bit set past its length
 * @VNET_ROUTE_A_DST_LEN: u8, the prefix's length, at most 32 or 128
 * @VNET_ROUTE_A_TYPE: u8, enum vnet_route_type (default unicast)
 * @VNET_ROUTE_A_PEERING: string, in a network's table: the peering router
 *	the route leads to, one the network is attached to
 * @VNET_ROUTE_A_IFINDEX: u32, in a peering router's table: the network the
 *	route leads to, one attached to the peering router
 * @VNET_ROUTE_A_IFNAME: string, the same network by name
 * @VNET_ROUTE_A_NEXTHOP: struct in_addr or struct in6_addr, in a peering
 *	router's table: the node of that network packets for destinations
 *	outside its prefixes go to, an address in its prefixes
 * @VNET_ROUTE_A_PROTO: u8, who made the route: RTPROT_STATIC (the default),
 *	VNET_RTPROT_ATTACH, RTPROT_BGP or another number
 * @VNET_ROUTE_A_METRIC: u32, the route's cost (default 0): of the routes of
 *	one prefix, the lowest metric wins, then RTPROT_STATIC, then
 *	VNET_RTPROT_ATTACH, then the lowest protocol number
 * @VNET_ROUTE_A_MULTIPATH: nested array, in a peering router's table: the
 *	route's next hops, in place of VNET_ROUTE_A_IFINDEX, _IFNAME and
 *	_NEXTHOP; each entry (its type is its index from 1) a nest of enum
 *	vnet_nexthop_attrs, at most VNET_MAX_NEXTHOPS, no two alike. Flows
 *	are spread across them by a hash of their addresses and ports (ECMP).
 *	Output for a route of more than one next hop only.
 * @__VNET_ROUTE_A_MAX: internal
 * @VNET_ROUTE_A_MAX: highest attribute
 *
 * A route is known by its table, prefix, protocol and metric.
 */
enum vnet_route_attrs {
	VNET_ROUTE_A_UNSPEC,
	VNET_ROUTE_A_DST,
	VNET_ROUTE_A_DST_LEN,
	VNET_ROUTE_A_TYPE,
	VNET_ROUTE_A_PEERING,
	VNET_ROUTE_A_IFINDEX,
	VNET_ROUTE_A_IFNAME,
	VNET_ROUTE_A_NEXTHOP,
	VNET_ROUTE_A_PROTO,
	VNET_ROUTE_A_METRIC,
	VNET_ROUTE_A_MULTIPATH,

	__VNET_ROUTE_A_MAX,
	VNET_ROUTE_A_MAX = __VNET_ROUTE_A_MAX - 1,
};

/* The next hops of one route, at most */
#define VNET_MAX_NEXTHOPS	16

/**
 * enum vnet_nexthop_attrs - a next hop of a route of a peering router
 * @VNET_NEXTHOP_A_UNSPEC: unused
 * @VNET_NEXTHOP_A_IFINDEX: u32, the network, attached to the peering router
 * @VNET_NEXTHOP_A_IFNAME: string, the same network by name
 * @VNET_NEXTHOP_A_ADDR: struct in_addr or struct in6_addr, the node of
 *	that network packets for destinations outside its prefixes go to
 * @__VNET_NEXTHOP_A_MAX: internal
 * @VNET_NEXTHOP_A_MAX: highest attribute
 */
enum vnet_nexthop_attrs {
	VNET_NEXTHOP_A_UNSPEC,
	VNET_NEXTHOP_A_IFINDEX,
	VNET_NEXTHOP_A_IFNAME,
	VNET_NEXTHOP_A_ADDR,

	__VNET_NEXTHOP_A_MAX,
	VNET_NEXTHOP_A_MAX = __VNET_NEXTHOP_A_MAX - 1,
};

/**
 * enum vnet_lookup_result - where a packet goes
 * @VNET_LOOKUP_UNSPEC: unused
 * @VNET_LOOKUP_NODE: to a node (VNET_LOOKUP_A_NODE says where it is)
 * @VNET_LOOKUP_HOST: up the host's stack (an attachment's address)
 * @VNET_LOOKUP_BLACKHOLE: dropped by a blackhole route
 * @VNET_LOOKUP_NO_ROUTE: dropped: no route
 * @VNET_LOOKUP_NO_NODE: dropped: no node has the address it is sent to
 */
enum vnet_lookup_result {
	VNET_LOOKUP_UNSPEC,
	VNET_LOOKUP_NODE,
	VNET_LOOKUP_HOST,
	VNET_LOOKUP_BLACKHOLE,
	VNET_LOOKUP_NO_ROUTE,
	VNET_LOOKUP_NO_NODE,
};

/**
 * enum vnet_lookup_attrs - the way of a packet, as VNET_CMD_ROUTE_GET finds
 * @VNET_LOOKUP_A_UNSPEC: unused
 * @VNET_LOOKUP_A_ADDR: struct in_addr or struct in6_addr, the destination
 *	(the only attribute of a request)
 * @VNET_LOOKUP_A_RESULT: u8, enum vnet_lookup_result
 * @VNET_LOOKUP_A_ROUTE: nest, enum vnet_route_attrs: the route of the
 *	network's table taken (absent when the address is the network's own)
 * @VNET_LOOKUP_A_PEERING: string, the peering router on the way
 * @VNET_LOOKUP_A_PEERING_ROUTE: nest, enum vnet_route_attrs: the route of
 *	its table taken
 * @VNET_LOOKUP_A_IFINDEX: u32, the network the packet is delivered in
 * @VNET_LOOKUP_A_IFNAME: string, its name
 * @VNET_LOOKUP_A_NODE: nest, enum vnet_node_attrs: the node it goes to and
 *	where that node is
 * @__VNET_LOOKUP_A_MAX: internal
 * @VNET_LOOKUP_A_MAX: highest attribute
 */
enum vnet_lookup_attrs {
	VNET_LOOKUP_A_UNSPEC,
	VNET_LOOKUP_A_ADDR,
	VNET_LOOKUP_A_RESULT,
	VNET_LOOKUP_A_ROUTE,
	VNET_LOOKUP_A_PEERING,
	VNET_LOOKUP_A_PEERING_ROUTE,
	VNET_LOOKUP_A_IFINDEX,
	VNET_LOOKUP_A_IFNAME,
	VNET_LOOKUP_A_NODE,

	__VNET_LOOKUP_A_MAX,
	VNET_LOOKUP_A_MAX = __VNET_LOOKUP_A_MAX - 1,
};

#endif /* _UAPI_LINUX_VNET_H */

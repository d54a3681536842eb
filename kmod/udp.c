// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: the substrate side. Each UDP port in use in a namespace has one
 * IPv4 and one IPv6 UDP tunnel socket, shared by the networks on that port.
 * Geneve packets received on them are checked against the topology and
 * delivered to the destination node's port; GRO merges them on the way in.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/gro.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>
#include <net/udp_tunnel.h>

#include "vnet.h"

static u32 vnet_vni(const struct vnet_geneve *gh)
{
	return gh->vni[0] << 16 | gh->vni[1] << 8 | gh->vni[2];
}

static bool vnet_proto_ok(__be16 proto)
{
	return proto == htons(ETH_P_IP) || proto == htons(ETH_P_IPV6);
}

static void vnet_udp_drop(struct sock *sk, struct sk_buff *skb,
			  enum vnet_drop why)
{
	vnet_count_drop(vnet_pernet(sock_net(sk))->drops, why);
	kfree_skb(skb);
}

/*
 * The outer source address and ECN field, before the headers go. An IPv6
 * source that is v4-mapped (UDPv6 accepts it since Linux 5.12) is refused:
 * it would pose as the IPv4 host.
 * Return: 0, or -EINVAL for a v4-mapped IPv6 source.
 */
static int vnet_outer(const struct sk_buff *skb, struct vnet_addr *saddr,
		      u8 *tos)
{
	if (skb->protocol == htons(ETH_P_IP)) {
		vnet_addr_set4(saddr, ip_hdr(skb)->saddr);
		*tos = ip_hdr(skb)->tos;
		return 0;
	}
	if (ipv6_addr_v4mapped(&ipv6_hdr(skb)->saddr))
		return -EINVAL;
	vnet_addr_set6(saddr, &ipv6_hdr(skb)->saddr);
	*tos = ipv6_get_dsfield(ipv6_hdr(skb));
	return 0;
}

/*
 * The source network a peering router forwarded the packet from, in the
 * Geneve options of @gh (@optlen bytes, in the linear area).
 * Return: 1 and @srcnet, 0 if the option is absent, or -EINVAL for a
 * malformed option list or vnet option, or a critical option (the header's
 * C bit, which says there are none, is checked before).
 */
static int vnet_geneve_srcnet(const struct vnet_geneve *gh,
			      unsigned int optlen, u32 *srcnet)
{
	const u8 *opt = (const u8 *)(gh + 1), *end = opt + optlen;
	unsigned int len;
	int found = 0;
	__be32 id;

	while (opt < end) {
		/* class (2 bytes), type, 3 reserved bits and 5 of length */
		if (end - opt < 4)
			return -EINVAL;
		len = 4 + (opt[3] & 0x1f) * 4;
		if (end - opt < len)
			return -EINVAL;
		/* a critical option without the header's C bit */
		if (opt[2] & 0x80)
			return -EINVAL;
		if (get_unaligned_be16(opt) == VNET_GENEVE_CLASS &&
		    opt[2] == VNET_GENEVE_TYPE_SRCNET) {
			if (found || len != 8)
				return -EINVAL;
			memcpy(&id, opt + 4, sizeof(id));
			*srcnet = ntohl(id);
			if (*srcnet > VNET_ID_MAX)
				return -EINVAL;
			found = 1;
		}
		opt += len;
	}
	return found;
}

/*
 * A packet a peering router forwarded from network @srcnet to @vn on the
 * sending host. The sender's word is not taken: the lookup is repeated
 * from the source network, and the packet delivered only if it ends at a
 * node of this host and the source node is on the sending host.
 */
static void vnet_udp_routed(struct vnet_network *vn, u32 srcnet,
			    struct sk_buff *skb, const struct vnet_addr *outer,
			    const struct vnet_addr *saddr,
			    const struct vnet_addr *daddr, u8 tos)
{
	struct vnet_pernet *pn = vnet_pernet(dev_net(vn->dev));
	struct vnet_network *from;
	struct vnet_node *src;
	struct vnet_path path;
	enum vnet_drop why;
	unsigned int len;

	from = xa_load(&pn->networks, srcnet);
	src = from ? vnet_src_node(from, saddr, NULL, outer) : NULL;
	if (!src) {
		vnet_drop(vn, skb, VNET_DROP_SPOOFED);
		return;
	}
	why = VNET_DROP_NO_ROUTE;
	if (!vnet_prefixes_contain(from, daddr))
		why = vnet_path_resolve(from, daddr, skb, vn, &path);
	if (why == VNET_DROP_MAX && path.egress != vn)
		why = VNET_DROP_NO_ROUTE;
	/* the host's own addresses are not reached from the substrate */
	if (why == VNET_DROP_MAX && !path.node->port)
		why = VNET_DROP_UNKNOWN_NODE;
	if (why != VNET_DROP_MAX) {
		vnet_drop(vn, skb, why);
		return;
	}
	if (INET_ECN_decapsulate(skb, tos, skb->protocol == htons(ETH_P_IP) ?
				 ipv4_get_dsfield(ip_hdr(skb)) :
				 ipv6_get_dsfield(ipv6_hdr(skb))) > 1) {
		vnet_drop(vn, skb, VNET_DROP_MALFORMED);
		return;
	}
	len = skb->len;
	if (vnet_deliver(vn, path.node, skb, src, from))
		dev_sw_netstats_rx_add(vn->dev, len);
}

/*
 * encap_rcv of the sockets: skb->data is at the UDP header, whose checksum
 * UDP has checked. Always consumes the packet.
 */
static int vnet_udp_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct vnet_sock *vs = rcu_dereference_sk_user_data(sk);
	struct vnet_addr outer, saddr, daddr;
	struct vnet_node *node, *src;
	const struct vnet_geneve *gh;
	struct vnet_network *vn;
	unsigned int hlen, len;
	u32 srcnet = 0;
	int routed;
	__be16 proto;
	u8 tos, l4;

	if (!vs)
		goto drop;
	if (!pskb_may_pull(skb, VNET_GENEVE_HLEN)) {
		vnet_udp_drop(sk, skb, VNET_DROP_MALFORMED);
		return 0;
	}
	gh = (const struct vnet_geneve *)(udp_hdr(skb) + 1);
	if (VNET_GENEVE_VER(gh)) {
		vnet_udp_drop(sk, skb, VNET_DROP_MALFORMED);
		return 0;
	}
	vn = xa_load(&vnet_pernet(sock_net(sk))->networks, vnet_vni(gh));
	if (!vn) {
		vnet_udp_drop(sk, skb, VNET_DROP_BAD_VNI);
		return 0;
	}
	if (vn->sock != vs) {
		vnet_drop(vn, skb, VNET_DROP_BAD_VNI);
		return 0;
	}
	if (unlikely(!netif_running(vn->dev))) {
		dev_core_stats_rx_dropped_inc(vn->dev);
		goto drop;
	}
	/* A critical option must be understood, and vnet's is not critical;
	 * OAM frames and Ethernet or other payloads are not the network's.
	 */
	proto = gh->proto;
	hlen = VNET_GENEVE_HLEN + VNET_GENEVE_OPTLEN(gh);
	if ((gh->flags & (VNET_GENEVE_OAM | VNET_GENEVE_CRITICAL)) ||
	    !vnet_proto_ok(proto) || !pskb_may_pull(skb, hlen))
		goto malformed;
	gh = (const struct vnet_geneve *)(udp_hdr(skb) + 1);
	routed = vnet_geneve_srcnet(gh, VNET_GENEVE_OPTLEN(gh), &srcnet);
	if (routed < 0)
		goto malformed;

	if (vnet_outer(skb, &outer, &tos)) {
		vnet_drop(vn, skb, VNET_DROP_SPOOFED);
		return 0;
	}
	if (iptunnel_pull_header(skb, hlen, proto, false))
		goto malformed;
	if (vnet_inner_check(skb, &saddr, &daddr, &l4))
		goto malformed;
	/* neighbour discovery is a node's and its network's: not carried */
	if (vnet_is_nd(skb, l4)) {
		vnet_drop(vn, skb, VNET_DROP_NO_ROUTE);
		return 0;
	}
	if (routed) {
		vnet_udp_routed(vn, srcnet, skb, &outer, &saddr, &daddr, tos);
		return 0;
	}

	src = vnet_src_node(vn, &saddr, NULL, &outer);
	if (!src) {
		vnet_drop(vn, skb, VNET_DROP_SPOOFED);
		return 0;
	}
	node = vnet_node_lookup(vn, &daddr);
	if (!node || !node->port) {
		vnet_drop(vn, skb, VNET_DROP_UNKNOWN_NODE);
		return 0;
	}
	if (INET_ECN_decapsulate(skb, tos, skb->protocol == htons(ETH_P_IP) ?
				 ipv4_get_dsfield(ip_hdr(skb)) :
				 ipv6_get_dsfield(ipv6_hdr(skb))) > 1)
		goto malformed;

	len = skb->len;
	if (vnet_deliver(vn, node, skb, src, NULL))
		dev_sw_netstats_rx_add(vn->dev, len);
	return 0;

malformed:
	vnet_drop(vn, skb, VNET_DROP_MALFORMED);
	return 0;
drop:
	kfree_skb(skb);
	return 0;
}

static struct sk_buff *vnet_gro_receive(struct sock *sk, struct list_head *head,
					struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb), hlen;
	const struct packet_offload *ptype;
	const struct vnet_geneve *gh, *gh2;
	struct sk_buff *pp = NULL;
	struct sk_buff *p;
	int flush = 1;

	gh = skb_gro_header(skb, off + sizeof(*gh), off);
	if (!gh || VNET_GENEVE_VER(gh) ||
	    (gh->flags & (VNET_GENEVE_OAM | VNET_GENEVE_CRITICAL)) ||
	    !vnet_proto_ok(gh->proto))
		goto out;
	hlen = sizeof(*gh) + VNET_GENEVE_OPTLEN(gh);
	gh = skb_gro_header(skb, off + hlen, off);
	if (!gh)
		goto out;

	/* only packets with the same Geneve header are one flow */
	list_for_each_entry(p, head, list) {
		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		gh2 = (const struct vnet_geneve *)(p->data + off);
		if (gh->ver_opt != gh2->ver_opt || memcmp(gh, gh2, hlen))
			NAPI_GRO_CB(p)->same_flow = 0;
	}

	ptype = gro_find_receive_by_type(gh->proto);
	if (!ptype)
		goto out;
	skb_gro_pull(skb, hlen);
	skb_gro_postpull_rcsum(skb, gh, hlen);
	pp = call_gro_receive(ptype->callbacks.gro_receive, head, skb);
	flush = 0;
out:
	skb_gro_flush_final(skb, pp, flush);
	return pp;
}

static int vnet_gro_complete(struct sock *sk, struct sk_buff *skb, int nhoff)
{
	const struct vnet_geneve *gh = (const void *)(skb->data + nhoff);
	unsigned int hlen = sizeof(*gh) + VNET_GENEVE_OPTLEN(gh);
	const struct packet_offload *ptype;
	int err = -ENOENT;

	ptype = gro_find_complete_by_type(gh->proto);
	if (ptype)
		err = ptype->callbacks.gro_complete(skb, nhoff + hlen);
	/* the inner packet has no link-layer header */
	skb_set_inner_mac_header(skb, nhoff + hlen);
	return err;
}

static struct socket *vnet_sock_open(struct net *net, struct vnet_sock *vs,
				     int family)
{
	struct udp_tunnel_sock_cfg tcfg = {
		.sk_user_data = vs,
		.encap_type = 1,
		.encap_rcv = vnet_udp_rcv,
		.gro_receive = vnet_gro_receive,
		.gro_complete = vnet_gro_complete,
	};
	struct udp_port_cfg cfg = {
		.family = family,
		.local_udp_port = htons(vs->port),
		.ipv6_v6only = 1,
		.use_udp6_tx_checksums = 1,
		.use_udp6_rx_checksums = 1,
	};
	struct socket *sock;
	int err;

	err = udp_sock_create(net, &cfg, &sock);
	if (err)
		return ERR_PTR(err);
	setup_udp_tunnel_sock(net, sock, &tcfg);
	return sock;
}

/**
 * vnet_sock_get - give a new network the substrate sockets of its port
 * @vn: the network, its port set
 * @extack: for the reason of a failure
 *
 * Caller holds RTNL. Return: 0 or a negative errno.
 */
int vnet_sock_get(struct vnet_network *vn, struct netlink_ext_ack *extack)
{
	struct net *net = dev_net(vn->dev);
	struct vnet_pernet *pn = vnet_pernet(net);
	struct vnet_sock *vs;
	int err;

	ASSERT_RTNL();
	list_for_each_entry(vs, &pn->socks, list) {
		if (vs->port == vn->port) {
			vs->users++;
			vn->sock = vs;
			return 0;
		}
	}

	vs = kzalloc(sizeof(*vs), GFP_KERNEL);
	if (!vs)
		return -ENOMEM;
	vs->port = vn->port;
	vs->users = 1;
	vs->sock4 = vnet_sock_open(net, vs, AF_INET);
	if (IS_ERR(vs->sock4)) {
		err = PTR_ERR(vs->sock4);
		goto err_free;
	}
	if (ipv6_mod_enabled()) {
		vs->sock6 = vnet_sock_open(net, vs, AF_INET6);
		if (IS_ERR(vs->sock6)) {
			err = PTR_ERR(vs->sock6);
			goto err_sock4;
		}
	}
	list_add(&vs->list, &pn->socks);
	vn->sock = vs;
	return 0;

err_sock4:
	udp_tunnel_sock_release(vs->sock4);
err_free:
	kfree(vs);
	if (err == -EADDRINUSE)
		NL_SET_ERR_MSG(extack, "the substrate UDP port is in use");
	else
		NL_SET_ERR_MSG(extack, "cannot open the substrate UDP port");
	return err;
}

/**
 * vnet_sock_put - a network stops using its substrate sockets
 * @vn: the network
 *
 * Caller holds RTNL. The last user closes them.
 */
void vnet_sock_put(struct vnet_network *vn)
{
	struct vnet_sock *vs = vn->sock;

	ASSERT_RTNL();
	vn->sock = NULL;
	if (--vs->users)
		return;
	list_del(&vs->list);
	if (vs->sock6)
		udp_tunnel_sock_release(vs->sock6);
	udp_tunnel_sock_release(vs->sock4);
	kfree_rcu(vs, rcu);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: forwarding inside a network. The destination node is on a local
 * port (deliver the packet there) or on a remote host (encapsulate it in
 * Geneve and send it over the substrate, IPv4 or IPv6). Packets larger than
 * the path can carry get an ICMP error back to their node.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip_tunnels.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/ipv6_stubs.h>
#include <net/ndisc.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

#include "vnet.h"

/*
 * Pull the headers up to the transport header at @off into the linear
 * area, and for TCP segmentation offload the TCP header too: the GSO size
 * checks read it there.
 */
static int vnet_pull_headers(struct sk_buff *skb, unsigned int off)
{
	const struct tcphdr *th;

	if (!pskb_may_pull(skb, off))
		return -EINVAL;
	if (!skb_is_gso(skb) || skb->encapsulation ||
	    !(skb_shinfo(skb)->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)))
		return 0;
	if (!pskb_may_pull(skb, off + sizeof(*th)))
		return -EINVAL;
	th = (const struct tcphdr *)(skb->data + off);
	if (th->doff < sizeof(*th) / 4 || !pskb_may_pull(skb, off + th->doff * 4))
		return -EINVAL;
	return 0;
}

/**
 * vnet_inner_check - validate the IP header at skb->data
 * @skb: the packet; skb->protocol says IPv4 or IPv6
 * @saddr: its source address
 * @daddr: its destination address
 * @proto: its transport protocol (past IPv6 extension headers)
 *
 * Pulls the headers into the linear area, sets the network and transport
 * headers and trims link-layer padding. An IPv6 packet with a v4-mapped
 * address is refused: it would pose as IPv4 to a host that takes it for
 * one.
 * Return: 0, or -EINVAL for a truncated or invalid header.
 */
int vnet_inner_check(struct sk_buff *skb, struct vnet_addr *saddr,
		     struct vnet_addr *daddr, u8 *proto)
{
	const struct ipv6hdr *ip6h;
	const struct iphdr *iph;
	unsigned int len;
	__be16 frag_off;
	u8 nexthdr;
	int off;

	skb_reset_network_header(skb);
	if (skb->protocol == htons(ETH_P_IP)) {
		if (!pskb_may_pull(skb, sizeof(*iph)))
			return -EINVAL;
		iph = ip_hdr(skb);
		if (iph->version != 4 || iph->ihl < 5 ||
		    !pskb_may_pull(skb, iph->ihl * 4))
			return -EINVAL;
		iph = ip_hdr(skb);
		len = ntohs(iph->tot_len);
		if (ip_fast_csum(iph, iph->ihl) || len < iph->ihl * 4 ||
		    len > skb->len || pskb_trim_rcsum(skb, len))
			return -EINVAL;
		iph = ip_hdr(skb);
		vnet_addr_set4(saddr, iph->saddr);
		vnet_addr_set4(daddr, iph->daddr);
		*proto = iph->protocol;
		skb_set_transport_header(skb, iph->ihl * 4);
		return vnet_pull_headers(skb, iph->ihl * 4);
	}

	if (!pskb_may_pull(skb, sizeof(*ip6h)))
		return -EINVAL;
	ip6h = ipv6_hdr(skb);
	len = sizeof(*ip6h) + ntohs(ip6h->payload_len);
	/* a payload length of 0 would be a jumbogram: not carried */
	if (ip6h->version != 6 || len == sizeof(*ip6h) || len > skb->len ||
	    pskb_trim_rcsum(skb, len))
		return -EINVAL;
	ip6h = ipv6_hdr(skb);
	if (ipv6_addr_v4mapped(&ip6h->saddr) || ipv6_addr_v4mapped(&ip6h->daddr))
		return -EINVAL;
	vnet_addr_set6(saddr, &ip6h->saddr);
	vnet_addr_set6(daddr, &ip6h->daddr);
	nexthdr = ip6h->nexthdr;
	off = ipv6_skip_exthdr(skb, sizeof(*ip6h), &nexthdr, &frag_off);
	if (off < 0)
		return -EINVAL;
	/* a fragment after the first carries no transport header */
	*proto = frag_off & htons(IP6_OFFSET) ? NEXTHDR_FRAGMENT : nexthdr;
	skb_set_transport_header(skb, off);
	return vnet_pull_headers(skb, off);
}

/**
 * vnet_is_nd - is a packet IPv6 neighbour discovery?
 * @skb: the packet, checked by vnet_inner_check()
 * @proto: its transport protocol, as vnet_inner_check() found it
 *
 * Router and neighbour solicitations and advertisements and redirects
 * (ICMPv6 types 133 to 137) are between a node and the network, which
 * answers them itself; the network carries none from node to node, also
 * none behind extension headers, where a node's stack still takes them.
 */
bool vnet_is_nd(const struct sk_buff *skb, u8 proto)
{
	u8 type;

	if (skb->protocol != htons(ETH_P_IPV6) || proto != IPPROTO_ICMPV6)
		return false;
	if (skb_copy_bits(skb, skb_transport_offset(skb), &type, sizeof(type)))
		return true;
	return type >= NDISC_ROUTER_SOLICITATION && type <= NDISC_REDIRECT;
}

/**
 * vnet_deliver_to - send a packet to the node side of a port
 * @port: the port
 * @skb: an IP packet at skb->data, skb->protocol set
 * @dest: the destination MAC address
 *
 * Called in softirq context, under RCU.
 */
void vnet_deliver_to(struct vnet_port *port, struct sk_buff *skb,
		     const u8 *dest)
{
	struct net_device *dev = port->dev;
	struct ethhdr *eth;

	if (skb_cow_head(skb, LL_RESERVED_SPACE(dev))) {
		dev_core_stats_tx_dropped_inc(port->vn->dev);
		kfree_skb(skb);
		return;
	}
	skb_scrub_packet(skb, true);
	skb_forward_csum(skb);
	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	ether_addr_copy(eth->h_dest, dest);
	eth->h_proto = skb->protocol;
	skb->dev = dev;
	dev_queue_xmit(skb);
}

/*
 * Hold a packet for a local node whose MAC address is not known yet (it has
 * sent nothing), and ask the node for it, as a router resolving a neighbour
 * does: at most once a second, holding the last VNET_PENDING_MAX packets
 * (a large one is dropped, but still asks). Unicast to a tenant is never
 * broadcast. vnet_node_learn() sends what is held; what waited through a
 * whole second unanswered is dropped when the next packet comes.
 */
static void vnet_hold(struct vnet_network *vn, struct vnet_node *node,
		      struct sk_buff *skb)
{
	unsigned int dropped = 0;
	struct vnet_addr saddr;
	bool solicit = false;
	u8 dest[ETH_ALEN];
	u64 mac;

	if (skb->protocol == htons(ETH_P_IP))
		vnet_addr_set4(&saddr, ip_hdr(skb)->saddr);
	else
		vnet_addr_set6(&saddr, &ipv6_hdr(skb)->saddr);
	/* what waits holds nothing of its sender's: no socket memory, no
	 * zerocopy pages; and no more than a small packet's worth
	 */
	if (skb->truesize > VNET_PENDING_TRUESIZE ||
	    skb_orphan_frags(skb, GFP_ATOMIC)) {
		vnet_count_drop(vn->drops, VNET_DROP_UNRESOLVED);
		kfree_skb(skb);
		skb = NULL;
	} else {
		skb_orphan(skb);
		skb->dev = node->port->dev;
	}

	spin_lock(&node->pending.lock);
	mac = node->mac;
	if (mac && skb) {
		/* learnt since the caller looked */
		spin_unlock(&node->pending.lock);
		u64_to_ether_addr(mac, dest);
		vnet_deliver_to(node->port, skb, dest);
		return;
	}
	if (mac) {
		spin_unlock(&node->pending.lock);
		return;
	}
	if (!node->solicited || time_after_eq(jiffies, node->solicited + HZ)) {
		dropped = skb_queue_len(&node->pending);
		__skb_queue_purge(&node->pending);
		node->solicited = jiffies ?: 1;
		solicit = true;
	} else if (skb && skb_queue_len(&node->pending) >= VNET_PENDING_MAX) {
		kfree_skb(__skb_dequeue(&node->pending));
		dropped = 1;
	}
	if (skb)
		__skb_queue_tail(&node->pending, skb);
	spin_unlock(&node->pending.lock);

	while (dropped--)
		vnet_count_drop(vn->drops, VNET_DROP_UNRESOLVED);
	if (solicit)
		vnet_solicit(node, &saddr);
}

static bool vnet_fits(const struct sk_buff *skb, unsigned int mtu)
{
	return skb_is_gso(skb) ? skb_gso_validate_network_len(skb, mtu) :
				 skb->len <= mtu;
}

static bool vnet_may_fragment(const struct sk_buff *skb)
{
	return !skb_is_gso(skb) && skb->protocol == htons(ETH_P_IP) &&
	       !(ip_hdr(skb)->frag_off & htons(IP_DF));
}

/*
 * A packet over the MTU of its substrate path (@mtu; @hlen the
 * encapsulation overhead): refuse it, telling its source node @src (if
 * any; in network @from), unless it may be fragmented (IPv4 without DF)
 * and still fits an outer packet: then the outer packet is fragmented on
 * the way.
 */
static bool vnet_too_big(struct vnet_network *from, struct sk_buff *skb,
			 unsigned int mtu, unsigned int hlen,
			 struct vnet_node *src)
{
	if (vnet_fits(skb, mtu))
		return false;
	if (vnet_may_fragment(skb) && skb->len <= IP_MAX_MTU - hlen)
		return false;
	if (src)
		vnet_reply_too_big(from, src, skb, mtu);
	vnet_drop(from, skb, VNET_DROP_TOO_BIG);
	return true;
}

/* The Geneve option of a packet between networks (VNET_GENEVE_CLASS). */
struct vnet_geneve_opt {
	__be16 opt_class;
	u8 type;
	u8 length;
	__be32 srcnet;
};

/* Push the Geneve header of network @vn, with the source network option
 * of a packet from network @from (NULL: the packet is @vn's own).
 */
static void vnet_geneve_push(struct vnet_network *vn, struct sk_buff *skb,
			     const struct vnet_network *from)
{
	struct vnet_geneve_opt *opt;
	struct vnet_geneve *gh;

	BUILD_BUG_ON(sizeof(*opt) != VNET_GENEVE_OPT_LEN);
	if (from) {
		opt = __skb_push(skb, sizeof(*opt));
		opt->opt_class = htons(VNET_GENEVE_CLASS);
		opt->type = VNET_GENEVE_TYPE_SRCNET;
		opt->length = sizeof(opt->srcnet) / 4;
		opt->srcnet = htonl(from->id);
	}
	gh = __skb_push(skb, sizeof(*gh));
	memset(gh, 0, sizeof(*gh));
	if (from)
		gh->ver_opt = sizeof(*opt) / 4;
	gh->proto = skb->protocol;
	gh->vni[0] = vn->id >> 16;
	gh->vni[1] = vn->id >> 8;
	gh->vni[2] = vn->id;
	skb_set_inner_protocol(skb, skb->protocol);
}

/* Headroom, checksum offload state and the Geneve header of a packet to
 * encapsulate.
 */
static int vnet_encap_prepare(struct vnet_network *vn, struct sk_buff *skb,
			      const struct dst_entry *dst, unsigned int hlen,
			      const struct vnet_network *from)
{
	int err;

	err = skb_cow_head(skb, LL_RESERVED_SPACE(dst->dev) + dst->header_len +
			   hlen);
	if (err)
		return err;
	/* the inner packet has no link-layer header */
	skb_reset_mac_header(skb);
	err = udp_tunnel_handle_offloads(skb, true);
	if (err)
		return err;
	vnet_geneve_push(vn, skb, from);
	return 0;
}

static __be16 vnet_inner_df(const struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IP))
		return ip_hdr(skb)->frag_off & htons(IP_DF);
	return htons(IP_DF);
}

static void vnet_encap4(struct vnet_network *vn, struct vnet_remote *remote,
			struct sk_buff *skb, struct vnet_node *src,
			struct vnet_network *from)
{
	unsigned int hlen = VNET_HLEN4 + (from ? VNET_GENEVE_OPT_LEN : 0);
	struct net *net = dev_net(vn->dev);
	struct sock *sk = vn->sock->sock4->sk;
	__be32 daddr = remote->addr.v4;
	struct flowi4 fl4;
	struct rtable *rt;
	__be32 saddr;
	__be16 sport;
	u8 tos, ttl;
	__be16 df;

	rt = dst_cache_get_ip4(&remote->dst_cache, &saddr);
	if (!rt) {
		memset(&fl4, 0, sizeof(fl4));
		fl4.daddr = daddr;
		fl4.saddr = rcu_dereference(vn->conf)->local;
		fl4.flowi4_proto = IPPROTO_UDP;
		fl4.fl4_dport = htons(vn->port);
		rt = ip_route_output_key(net, &fl4);
		if (IS_ERR(rt))
			goto drop_no_route;
		if (rt->dst.dev == vn->dev) {
			ip_rt_put(rt);
			goto drop_no_route;
		}
		saddr = fl4.saddr;
		dst_cache_set_ip4(&remote->dst_cache, &rt->dst, saddr);
	}

	if (vnet_too_big(from ?: vn, skb,
			 min(vn->dev->mtu, dst_mtu(&rt->dst) - hlen), hlen,
			 src)) {
		ip_rt_put(rt);
		return;
	}
	tos = ip_tunnel_ecn_encap(0, ip_hdr(skb), skb);
	df = vnet_inner_df(skb);
	ttl = ip4_dst_hoplimit(&rt->dst);
	sport = udp_flow_src_port(net, skb, 0, 0, true);
	if (vnet_encap_prepare(vn, skb, &rt->dst, hlen, from)) {
		ip_rt_put(rt);
		vnet_drop(vn, skb, VNET_DROP_MALFORMED);
		return;
	}
	/* the tunnel helpers count the packet in the network's tx stats, and
	 * scrub it (xnet: nothing of the node's side stays on it)
	 */
	skb->dev = vn->dev;
	udp_tunnel_xmit_skb(rt, sk, skb, saddr, daddr, tos, ttl, df, sport,
			    htons(vn->port), true, false);
	return;

drop_no_route:
	vnet_drop(vn, skb, VNET_DROP_NO_ROUTE);
}

#if IS_ENABLED(CONFIG_IPV6)
static void vnet_encap6(struct vnet_network *vn, struct vnet_remote *remote,
			struct sk_buff *skb, struct vnet_node *src,
			struct vnet_network *from)
{
	unsigned int hlen = VNET_HLEN6 + (from ? VNET_GENEVE_OPT_LEN : 0);
	struct socket *sock = vn->sock->sock6;
	struct net *net = dev_net(vn->dev);
	struct dst_entry *dst;
	struct in6_addr saddr;
	struct flowi6 fl6;
	__be16 sport, df;
	u8 prio, ttl;

	if (!sock)
		goto drop_no_route;
	dst = dst_cache_get_ip6(&remote->dst_cache, &saddr);
	if (!dst) {
		memset(&fl6, 0, sizeof(fl6));
		fl6.daddr = remote->addr.v6;
		fl6.saddr = rcu_dereference(vn->conf)->local6;
		fl6.flowi6_proto = IPPROTO_UDP;
		fl6.fl6_dport = htons(vn->port);
		dst = ipv6_stub->ipv6_dst_lookup_flow(net, sock->sk, &fl6, NULL);
		if (IS_ERR(dst))
			goto drop_no_route;
		if (dst->dev == vn->dev) {
			dst_release(dst);
			goto drop_no_route;
		}
		saddr = fl6.saddr;
		dst_cache_set_ip6(&remote->dst_cache, dst, &saddr);
	}

	if (vnet_too_big(from ?: vn, skb,
			 min(vn->dev->mtu, dst_mtu(dst) - hlen), hlen, src)) {
		dst_release(dst);
		return;
	}
	prio = ip_tunnel_ecn_encap(0, ip_hdr(skb), skb);
	ttl = ip6_dst_hoplimit(dst);
	sport = udp_flow_src_port(net, skb, 0, 0, true);
	df = vnet_inner_df(skb);
	skb_scrub_packet(skb, true);
	/* an IPv4 packet that may be fragmented: we, the source of the outer
	 * IPv6 packet, fragment that
	 */
	skb->ignore_df = !df;
	if (vnet_encap_prepare(vn, skb, dst, hlen, from)) {
		dst_release(dst);
		vnet_drop(vn, skb, VNET_DROP_MALFORMED);
		return;
	}
	udp_tunnel6_xmit_skb(dst, sock->sk, skb, vn->dev, &saddr, &remote->addr.v6,
			     prio, ttl, 0, sport, htons(vn->port), false);
	return;

drop_no_route:
	vnet_drop(vn, skb, VNET_DROP_NO_ROUTE);
}
#else
static void vnet_encap6(struct vnet_network *vn, struct vnet_remote *remote,
			struct sk_buff *skb, struct vnet_node *src,
			struct vnet_network *from)
{
	vnet_drop(vn, skb, VNET_DROP_NO_ROUTE);
}
#endif

static void vnet_encap(struct vnet_network *vn, struct vnet_remote *remote,
		       struct sk_buff *skb, struct vnet_node *src,
		       struct vnet_network *from)
{
	if (vnet_addr_is_v4(&remote->addr))
		vnet_encap4(vn, remote, skb, src, from);
	else
		vnet_encap6(vn, remote, skb, src, from);
}

/* A packet its node encapsulated itself (a tunnel inside the network): its
 * offloads cannot nest in ours, so it is segmented and checksummed here.
 */
static void vnet_encap_nested(struct vnet_network *vn,
			      struct vnet_remote *remote, struct sk_buff *skb,
			      struct vnet_node *src, struct vnet_network *from)
{
	struct sk_buff *segs, *next;

	if (skb_is_gso(skb)) {
		segs = skb_gso_segment(skb, 0);
		if (IS_ERR_OR_NULL(segs)) {
			vnet_drop(vn, skb, VNET_DROP_MALFORMED);
			return;
		}
		consume_skb(skb);
	} else {
		segs = skb;
	}
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
			vnet_drop(vn, skb, VNET_DROP_MALFORMED);
			continue;
		}
		skb->encapsulation = 0;
		vnet_encap(vn, remote, skb, src, from);
	}
}

/**
 * vnet_deliver - send a packet to a node on a port of this host
 * @vn: the network
 * @node: the node, on a port
 * @skb: an IP packet at skb->data, checked by vnet_inner_check()
 * @src: the node that sent it, told if it is too big for the port; NULL
 *	for the network's own messages
 * @from: the network @src is in, if not @vn (a packet between networks)
 *
 * Called in softirq context, under RCU.
 * Return: true if the packet went out or is held for the node, false if
 * it was dropped (and counted).
 */
bool vnet_deliver(struct vnet_network *vn, struct vnet_node *node,
		  struct sk_buff *skb, struct vnet_node *src,
		  struct vnet_network *from)
{
	unsigned int mtu = READ_ONCE(node->port->dev->mtu);
	u8 dest[ETH_ALEN];
	u64 mac;

	if (unlikely(!vnet_fits(skb, mtu))) {
		/* too big for the port, which would drop it unseen; an IPv4
		 * packet without DF is not fragmented here either
		 */
		if (src && !vnet_may_fragment(skb))
			vnet_reply_too_big(from ?: vn, src, skb, mtu);
		vnet_drop(vn, skb, VNET_DROP_TOO_BIG);
		return false;
	}
	mac = READ_ONCE(node->mac);
	if (unlikely(!mac)) {
		vnet_hold(vn, node, skb);
		return true;
	}
	u64_to_ether_addr(mac, dest);
	vnet_deliver_to(node->port, skb, dest);
	return true;
}

/**
 * vnet_deliver_host - send a packet up the host's stack
 * @vn: the network it arrives through
 * @skb: an IP packet at skb->data, checked by vnet_inner_check(), to the
 *	address of a peering router in @vn
 *
 * The host's sockets see it arrive on @vn's netdevice: a socket bound to
 * it talks with @vn's nodes only, also where networks' addresses overlap.
 */
void vnet_deliver_host(struct vnet_network *vn, struct sk_buff *skb)
{
	skb_scrub_packet(skb, false);
	skb_reset_mac_header(skb);
	skb->mac_len = 0;
	skb->dev = vn->dev;
	skb->pkt_type = PACKET_HOST;
	dev_sw_netstats_rx_add(vn->dev, skb->len);
	netif_rx(skb);
}

/* Send a packet to @node of @vn; from network @from (NULL: @vn itself). */
static void vnet_send_from(struct vnet_network *vn, struct vnet_node *node,
			   struct sk_buff *skb, struct vnet_node *src,
			   struct vnet_network *from)
{
	if (node->port)
		vnet_deliver(vn, node, skb, src, from);
	else if (unlikely(node->att))
		vnet_deliver_host(vn, skb);
	else if (unlikely(skb->encapsulation))
		vnet_encap_nested(vn, node->remote, skb, src, from);
	else
		vnet_encap(vn, node->remote, skb, src, from);
}

/**
 * vnet_send - send a packet to a node of a network
 * @vn: the network
 * @node: the destination node: on a port of this host, on a remote host,
 *	or the host's own address
 * @skb: an IP packet at skb->data, checked by vnet_inner_check()
 * @src: the node that sent it, told if it is too big; NULL for the
 *	network's own messages
 *
 * Called in softirq context, under RCU. The caller counts the packet.
 */
void vnet_send(struct vnet_network *vn, struct vnet_node *node,
	       struct sk_buff *skb, struct vnet_node *src)
{
	vnet_send_from(vn, node, skb, src, NULL);
}

static bool vnet_ttl_left(const struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IP))
		return ip_hdr(skb)->ttl > 1;
	return ipv6_hdr(skb)->hop_limit > 1;
}

/* A router's hop: the TTL or hop limit one less. */
static int vnet_hop(struct sk_buff *skb)
{
	bool v4 = skb->protocol == htons(ETH_P_IP);

	if (skb_ensure_writable(skb, v4 ? sizeof(struct iphdr) :
					  sizeof(struct ipv6hdr)))
		return -ENOMEM;
	skb_forward_csum(skb);
	if (v4)
		ip_decrease_ttl(ip_hdr(skb));
	else
		ipv6_hdr(skb)->hop_limit--;
	return 0;
}

static void vnet_count_peering(struct vnet_peering *pr, unsigned int len)
{
	struct pcpu_sw_netstats *tstats = this_cpu_ptr(pr->tstats);

	u64_stats_update_begin(&tstats->syncp);
	u64_stats_inc(&tstats->tx_packets);
	u64_stats_add(&tstats->tx_bytes, len);
	u64_stats_update_end(&tstats->syncp);
}

/*
 * A packet for outside its network's prefixes: through the network's
 * table to a peering router, through the peering router's to the network
 * it goes to, and there to the node; the hop is a router's.
 */
static void vnet_route(struct vnet_network *vn, struct sk_buff *skb,
		       const struct vnet_addr *daddr, struct vnet_node *src)
{
	struct vnet_path path;
	enum vnet_drop why;
	unsigned int len;

	why = vnet_path_resolve(vn, daddr, skb, NULL, &path);
	/* a network that is down takes nothing, from the substrate either */
	if (why == VNET_DROP_MAX && !netif_running(path.egress->dev))
		why = VNET_DROP_NO_ROUTE;
	if (why == VNET_DROP_MAX && !vnet_ttl_left(skb))
		why = VNET_DROP_TTL;
	if (unlikely(why != VNET_DROP_MAX)) {
		/* a router on the way answers; no route in the network's
		 * own table is no router's
		 */
		if (src && why == VNET_DROP_TTL)
			vnet_reply_error(vn, src, skb, VNET_ERR_TTL, path.in);
		else if (src && (why == VNET_DROP_BLACKHOLE ||
				 (why == VNET_DROP_NO_ROUTE && path.pr)))
			vnet_reply_error(vn, src, skb, VNET_ERR_UNREACH, path.in);
		if (path.pr)
			vnet_count_drop(path.pr->drops, why);
		vnet_drop(vn, skb, why);
		return;
	}
	if (unlikely(vnet_hop(skb))) {
		vnet_drop(vn, skb, VNET_DROP_MALFORMED);
		return;
	}
	len = skb->len;
	vnet_count_peering(path.pr, len);
	if (path.node->port) {
		if (vnet_deliver(path.egress, path.node, skb, src, vn))
			dev_sw_netstats_tx_add(path.egress->dev, 1, len);
	} else {
		vnet_send_from(path.egress, path.node, skb, src, vn);
	}
}

/**
 * vnet_forward - forward a packet from a local node or the host
 * @vn: the network it comes from
 * @skb: an IP packet at skb->data, checked by vnet_inner_check()
 * @daddr: its destination
 * @src: the node on a port that sent it; NULL for the host's
 *
 * To a node of the network, the host's stack (a peering router's address
 * in the network), or through a peering router to another network.
 * Called in softirq context, under RCU.
 */
void vnet_forward(struct vnet_network *vn, struct sk_buff *skb,
		  const struct vnet_addr *daddr, struct vnet_node *src)
{
	struct vnet_node *node = vnet_node_lookup(vn, daddr);
	unsigned int len = skb->len;

	if (unlikely(!node)) {
		if (vnet_prefixes_contain(vn, daddr))
			vnet_drop(vn, skb, VNET_DROP_UNKNOWN_NODE);
		else
			vnet_route(vn, skb, daddr, src);
		return;
	}
	/* the tunnel helpers count what goes to the substrate */
	if (!node->port)
		vnet_send(vn, node, skb, src);
	else if (vnet_deliver(vn, node, skb, src, NULL))
		dev_sw_netstats_tx_add(vn->dev, 1, len);
}

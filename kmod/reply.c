// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: what a network answers its nodes itself. It is their gateway for
 * every address of its prefixes: ARP requests and neighbour solicitations
 * get the port's MAC address, and packets too big for the substrate path an
 * ICMP "fragmentation needed" or ICMPv6 "packet too big". Nothing of this
 * leaves the host.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <net/addrconf.h>
#include <net/arp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "vnet.h"

/* Is @addr one the network answers for on @port: in its prefixes, and not
 * a node of the asking port itself (duplicate address detection)?
 */
static bool vnet_reply_for(struct vnet_port *port, const struct vnet_addr *addr)
{
	return vnet_prefixes_contain(port->vn, addr) &&
	       !vnet_port_node(port, addr);
}

/**
 * vnet_reply_arp - answer an ARP request from a node
 * @port: the port it came on
 * @skb: the ARP packet, at skb->data; consumed
 */
void vnet_reply_arp(struct vnet_port *port, struct sk_buff *skb)
{
	struct net_device *dev = port->dev;
	struct vnet_addr sip4, tip4;
	const struct arphdr *arp;
	struct vnet_node *node;
	struct sk_buff *reply;
	const u8 *sha, *p;
	__be32 sip, tip;

	if (!pskb_may_pull(skb, arp_hdr_len(dev)))
		goto malformed;
	arp = arp_hdr(skb);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) || arp->ar_hln != ETH_ALEN ||
	    arp->ar_pln != sizeof(__be32))
		goto malformed;
	if (arp->ar_op != htons(ARPOP_REQUEST) &&
	    arp->ar_op != htons(ARPOP_REPLY))
		goto ignore;

	p = (const u8 *)(arp + 1);
	sha = p;
	memcpy(&sip, p + ETH_ALEN, sizeof(sip));
	memcpy(&tip, p + 2 * ETH_ALEN + sizeof(sip), sizeof(tip));
	if (!is_valid_ether_addr(sha))
		goto malformed;
	vnet_addr_set4(&sip4, sip);
	vnet_addr_set4(&tip4, tip);
	/* the answer to vnet_solicit(): the node's MAC address */
	if (arp->ar_op == htons(ARPOP_REPLY)) {
		node = vnet_port_node(port, &sip4);
		if (!node) {
			vnet_drop(port->vn, skb, VNET_DROP_SPOOFED);
			return;
		}
		vnet_node_learn(node, eth_hdr(skb)->h_source);
		consume_skb(skb);
		return;
	}
	/* probes (sender 0.0.0.0) are about the node's own address */
	if (!sip || sip == tip)
		goto ignore;
	/* a router node may ask from an address routed to it */
	node = vnet_src_node(port->vn, &sip4, port, NULL);
	if (!node) {
		vnet_drop(port->vn, skb, VNET_DROP_SPOOFED);
		return;
	}
	if (!vnet_reply_for(port, &tip4))
		goto ignore;

	vnet_node_learn(node, eth_hdr(skb)->h_source);
	reply = arp_create(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha,
			   dev->dev_addr, sha);
	if (reply)
		dev_queue_xmit(reply);
	consume_skb(skb);
	return;

ignore:
	vnet_drop(port->vn, skb, VNET_DROP_NO_ROUTE);
	return;
malformed:
	vnet_drop(port->vn, skb, VNET_DROP_MALFORMED);
}

/* A packet of the network's own of @len bytes, with room for a link-layer
 * header or for encapsulation.
 */
static struct sk_buff *vnet_reply_alloc(unsigned int len, __be16 proto)
{
	unsigned int room = LL_MAX_HEADER + VNET_OVERHEAD;
	struct sk_buff *skb;

	skb = alloc_skb(room + len, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, room);
	skb_reset_network_header(skb);
	skb->protocol = proto;
	skb->ip_summed = CHECKSUM_NONE;
	return skb;
}

/* An ICMP error for @skb's sender: @hlen bytes of headers, zeroed, then the
 * first @len bytes of @skb.
 */
static struct sk_buff *vnet_reply_quote(struct sk_buff *skb, unsigned int hlen,
					unsigned int len)
{
	struct sk_buff *reply;

	reply = vnet_reply_alloc(hlen + len, skb->protocol);
	if (!reply)
		return NULL;
	skb_put_zero(reply, hlen);
	if (skb_copy_bits(skb, 0, skb_put(reply, len), len)) {
		kfree_skb(reply);
		return NULL;
	}
	return reply;
}

/* The IPv6 header of an ICMPv6 message of @plen bytes that follows it, and
 * the message's checksum: call once the (zeroed) message is filled in.
 */
static void vnet_icmp6_finish(struct ipv6hdr *ip6h, unsigned int plen,
			      u8 hop_limit, const struct in6_addr *saddr,
			      const struct in6_addr *daddr)
{
	struct icmp6hdr *icmp6h = (struct icmp6hdr *)(ip6h + 1);

	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(plen);
	ip6h->nexthdr = IPPROTO_ICMPV6;
	ip6h->hop_limit = hop_limit;
	ip6h->saddr = *saddr;
	ip6h->daddr = *daddr;
	icmp6h->icmp6_cksum = csum_ipv6_magic(saddr, daddr, plen, IPPROTO_ICMPV6,
					      csum_partial(icmp6h, plen, 0));
}

/*
 * Send the node side of @port a neighbour solicitation (@na false) or a
 * solicited advertisement (@na true) about @target, from @saddr to @daddr,
 * with the port's MAC address in it, to the MAC address @dest.
 * Return: 0, or -ENOMEM.
 */
static int vnet_nd_send(struct vnet_port *port, bool na,
			const struct in6_addr *saddr,
			const struct in6_addr *daddr,
			const struct in6_addr *target, const u8 *dest)
{
	u8 type = na ? NDISC_NEIGHBOUR_ADVERTISEMENT :
		       NDISC_NEIGHBOUR_SOLICITATION;
	struct net_device *dev = port->dev;
	unsigned int optlen, plen;
	struct ipv6hdr *ip6h;
	struct sk_buff *skb;
	struct nd_msg *msg;

	optlen = ndisc_opt_addr_space(dev, type);
	plen = sizeof(*msg) + optlen;
	skb = vnet_reply_alloc(sizeof(*ip6h) + plen, htons(ETH_P_IPV6));
	if (!skb)
		return -ENOMEM;
	ip6h = skb_put_zero(skb, sizeof(*ip6h) + plen);
	msg = (struct nd_msg *)(ip6h + 1);
	msg->icmph.icmp6_type = type;
	msg->icmph.icmp6_solicited = na;
	msg->icmph.icmp6_override = na;
	msg->target = *target;
	msg->opt[0] = na ? ND_OPT_TARGET_LL_ADDR : ND_OPT_SOURCE_LL_ADDR;
	msg->opt[1] = optlen >> 3;
	ether_addr_copy(msg->opt + 2, dev->dev_addr);
	vnet_icmp6_finish(ip6h, plen, 255, saddr, daddr);
	vnet_deliver_to(port, skb, dest);
	return 0;
}

/* A neighbour advertisement from a node, the answer to vnet_solicit():
 * the MAC address of the node it comes from.
 */
static bool vnet_reply_na(struct vnet_port *port, struct sk_buff *skb,
			  const struct vnet_addr *saddr)
{
	struct vnet_node *node = vnet_port_node(port, saddr);

	if (!node) {
		vnet_drop(port->vn, skb, VNET_DROP_SPOOFED);
		return true;
	}
	vnet_node_learn(node, eth_hdr(skb)->h_source);
	consume_skb(skb);
	return true;
}

/**
 * vnet_reply_ns - answer a neighbour solicitation from a node
 * @port: the port it came on
 * @skb: an IPv6 packet carrying ICMPv6, checked by vnet_inner_check()
 * @saddr: its source address
 *
 * Return: true if @skb was a neighbour solicitation or advertisement (and
 * is consumed), false if it is another ICMPv6 message, for the caller to
 * forward.
 */
bool vnet_reply_ns(struct vnet_port *port, struct sk_buff *skb,
		   const struct vnet_addr *saddr)
{
	const unsigned int nslen = sizeof(struct ipv6hdr) + sizeof(struct nd_msg);
	const struct ipv6hdr *ip6h;
	const struct nd_msg *ns;
	struct vnet_node *node;
	struct vnet_addr target;

	if (!pskb_may_pull(skb, sizeof(*ip6h) + sizeof(struct icmp6hdr)))
		goto malformed;
	if (icmp6_hdr(skb)->icmp6_type == NDISC_NEIGHBOUR_ADVERTISEMENT)
		return vnet_reply_na(port, skb, saddr);
	if (icmp6_hdr(skb)->icmp6_type != NDISC_NEIGHBOUR_SOLICITATION)
		return false;
	if (!pskb_may_pull(skb, nslen))
		goto malformed;
	ip6h = ipv6_hdr(skb);
	ns = (const struct nd_msg *)(ip6h + 1);
	if (ip6h->hop_limit != 255 || ns->icmph.icmp6_code ||
	    ipv6_addr_is_multicast(&ns->target) ||
	    ipv6_addr_v4mapped(&ns->target))
		goto malformed;
	/* the unspecified source is duplicate address detection */
	if (ipv6_addr_any(&ip6h->saddr))
		goto ignore;
	/* A node solicits from its link-local address or one of its own (a
	 * router node: or one routed to it); only the latter says whose MAC
	 * address the frame carries.
	 */
	node = vnet_src_node(port->vn, saddr, port, NULL);
	if (!node && !(ipv6_addr_type(&ip6h->saddr) & IPV6_ADDR_LINKLOCAL)) {
		vnet_drop(port->vn, skb, VNET_DROP_SPOOFED);
		return true;
	}
	vnet_addr_set6(&target, &ns->target);
	if (!vnet_reply_for(port, &target))
		goto ignore;

	if (node)
		vnet_node_learn(node, eth_hdr(skb)->h_source);
	/* answered from the target to the asker's MAC address */
	if (vnet_nd_send(port, true, &ns->target, &ip6h->saddr, &ns->target,
			 eth_hdr(skb)->h_source))
		goto ignore;
	consume_skb(skb);
	return true;

ignore:
	vnet_drop(port->vn, skb, VNET_DROP_NO_ROUTE);
	return true;
malformed:
	vnet_drop(port->vn, skb, VNET_DROP_MALFORMED);
	return true;
}

/* ICMP errors a node may get at once, as the kernel allows a destination */
#define VNET_ICMP_BURST	6

/*
 * The network's own ICMP budget, refilled as the host's is (up to
 * icmp_msgs_burst, icmp_msgs_per_sec): a network answers for a whole
 * tenant, and one tenant's errors must not use up another's, nor the
 * host's own. Racing CPUs may refill it twice: harmless.
 */
static bool vnet_icmp_budget(struct net *net, struct vnet_network *vn)
{
	unsigned long now = jiffies, delta;
	int incr;

	if (atomic_read(&vn->icmp_credit) <= 0) {
		delta = min_t(unsigned long, now - READ_ONCE(vn->icmp_stamp), HZ);
		incr = div_u64((u64)READ_ONCE(net->ipv4.sysctl_icmp_msgs_per_sec) *
			       delta, HZ);
		if (incr <= 0)
			return false;
		WRITE_ONCE(vn->icmp_stamp, now);
		atomic_set(&vn->icmp_credit,
			   min(incr, READ_ONCE(net->ipv4.sysctl_icmp_msgs_burst)));
	}
	return atomic_dec_return(&vn->icmp_credit) >= 0;
}

/*
 * May @node be sent an ICMP error now? A token bucket per node, refilled
 * with one error every @interval jiffies (the host's icmp_ratelimit or
 * icmpv6 ratelimit) up to a burst of VNET_ICMP_BURST, as the kernel limits
 * its errors to one destination; and the network's budget. (The host's own
 * stack exempts path MTU errors from these limits; the network answers for
 * every node of a tenant, so it limits them too.)
 */
static bool vnet_icmp_allow(struct vnet_network *vn, struct vnet_node *node,
			    unsigned long interval)
{
	unsigned long now = jiffies, last, tokens;

	/* racing CPUs may both spend a token, never refill past the burst */
	last = READ_ONCE(node->icmp_last);
	tokens = READ_ONCE(node->icmp_tokens);
	if (time_after(now, last))
		tokens += now - last;
	tokens = min(tokens, VNET_ICMP_BURST * interval);
	WRITE_ONCE(node->icmp_last, now);
	if (tokens < interval) {
		WRITE_ONCE(node->icmp_tokens, tokens);
		return false;
	}
	if (!vnet_icmp_budget(dev_net(vn->dev), vn)) {
		WRITE_ONCE(node->icmp_tokens, tokens);
		return false;
	}
	WRITE_ONCE(node->icmp_tokens, tokens - interval);
	return true;
}

/*
 * An ICMP error about @skb for its sender @to, from @saddr: @type, @code
 * and the 32 bits after the checksum (@info). NULL when none is due.
 */
static struct sk_buff *vnet_icmp4(struct vnet_network *vn,
				  struct vnet_node *to, struct sk_buff *skb,
				  u8 type, u8 code, __be32 info, __be32 saddr)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct icmphdr *icmph;
	struct sk_buff *reply;
	struct iphdr *riph;
	unsigned int len;
	u8 itype;

	/* no errors about errors, nor about fragments after the first */
	if (iph->frag_off & htons(IP_OFFSET))
		return NULL;
	if (iph->protocol == IPPROTO_ICMP) {
		if (skb_copy_bits(skb, iph->ihl * 4, &itype, sizeof(itype)) ||
		    icmp_is_err(itype))
			return NULL;
	}
	if (!vnet_icmp_allow(vn, to,
			     READ_ONCE(dev_net(vn->dev)->ipv4.sysctl_icmp_ratelimit)))
		return NULL;

	/* quote what fits in the 576 bytes every IPv4 host takes */
	len = min_t(unsigned int, skb->len,
		    576 - sizeof(*riph) - sizeof(*icmph));
	reply = vnet_reply_quote(skb, sizeof(*riph) + sizeof(*icmph), len);
	if (!reply)
		return NULL;
	riph = ip_hdr(reply);
	icmph = (struct icmphdr *)(riph + 1);
	icmph->type = type;
	icmph->code = code;
	icmph->un.gateway = info;
	icmph->checksum = ip_compute_csum(icmph, sizeof(*icmph) + len);

	riph->version = 4;
	riph->ihl = sizeof(*riph) >> 2;
	riph->tot_len = htons(reply->len);
	riph->ttl = IPDEFTTL;
	riph->protocol = IPPROTO_ICMP;
	riph->saddr = saddr;
	riph->daddr = iph->saddr;
	ip_send_check(riph);
	return reply;
}

/* The same in ICMPv6. */
static struct sk_buff *vnet_icmp6(struct vnet_network *vn,
				  struct vnet_node *to, struct sk_buff *skb,
				  u8 type, u8 code, __be32 info,
				  const struct in6_addr *saddr)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct icmp6hdr *icmp6h;
	struct ipv6hdr *rip6h;
	struct sk_buff *reply;
	u8 itype, nexthdr;
	unsigned int len;
	__be16 frag_off;
	int off;

	/* no errors about errors (RFC 4443 2.4(e)), also behind extension
	 * headers, nor about what cannot be parsed or a fragment after the
	 * first, whose kind is not known
	 */
	nexthdr = ip6h->nexthdr;
	off = ipv6_skip_exthdr(skb, sizeof(*ip6h), &nexthdr, &frag_off);
	if (off < 0 || (frag_off & htons(IP6_OFFSET)))
		return NULL;
	if (nexthdr == IPPROTO_ICMPV6) {
		if (skb_copy_bits(skb, off, &itype, sizeof(itype)) ||
		    !(itype & ICMPV6_INFOMSG_MASK))
			return NULL;
	}
	if (!vnet_icmp_allow(vn, to,
			     READ_ONCE(dev_net(vn->dev)->ipv6.sysctl.icmpv6_time)))
		return NULL;

	/* quote what fits in the IPv6 minimum MTU */
	len = min_t(unsigned int, skb->len,
		    IPV6_MIN_MTU - sizeof(*rip6h) - sizeof(*icmp6h));
	reply = vnet_reply_quote(skb, sizeof(*rip6h) + sizeof(*icmp6h), len);
	if (!reply)
		return NULL;
	rip6h = ipv6_hdr(reply);
	icmp6h = (struct icmp6hdr *)(rip6h + 1);
	icmp6h->icmp6_type = type;
	icmp6h->icmp6_code = code;
	icmp6h->icmp6_dataun.un_data32[0] = info;
	vnet_icmp6_finish(rip6h, sizeof(*icmp6h) + len, IPV6_DEFAULT_HOPLIMIT,
			  saddr, &ip6h->saddr);
	return reply;
}

/**
 * vnet_reply_too_big - tell a node its packet was too big for the path
 * @vn: the network
 * @to: the node that sent it, on a port or on a remote host
 * @skb: the packet, at its IP header; the caller still owns it
 * @mtu: the largest packet the path carries
 *
 * Not about ICMP errors, and rate-limited per node and by the network's
 * ICMP budget. Called in softirq context, under RCU.
 */
void vnet_reply_too_big(struct vnet_network *vn, struct vnet_node *to,
			struct sk_buff *skb, u32 mtu)
{
	struct sk_buff *reply;

	/* from the destination, as a router on the way would answer */
	if (skb->protocol == htons(ETH_P_IP))
		reply = vnet_icmp4(vn, to, skb, ICMP_DEST_UNREACH,
				   ICMP_FRAG_NEEDED, htonl(mtu),
				   ip_hdr(skb)->daddr);
	else
		reply = vnet_icmp6(vn, to, skb, ICMPV6_PKT_TOOBIG, 0, htonl(mtu),
				   &ipv6_hdr(skb)->daddr);
	if (reply)
		vnet_send(vn, to, reply, NULL);
}

/**
 * vnet_reply_error - a peering router's error to a node
 * @vn: the node's network
 * @to: the node that sent the packet, on a port or on a remote host
 * @skb: the packet, at its IP header; the caller still owns it
 * @err: VNET_ERR_UNREACH (network unreachable) or VNET_ERR_TTL (time
 *	exceeded in transit)
 * @att: the network's attachment to the peering router that answers:
 *	its address of the packet's family is the error's source; NULL (a
 *	blackhole of the network's own table) or without one, the packet's
 *	destination is
 *
 * Rate-limited as vnet_reply_too_big(). Called in softirq context, under
 * RCU.
 */
void vnet_reply_error(struct vnet_network *vn, struct vnet_node *to,
		      struct sk_buff *skb, enum vnet_error err,
		      const struct vnet_attach *att)
{
	bool ttl = err == VNET_ERR_TTL;
	const struct vnet_node *host;
	struct sk_buff *reply;

	if (skb->protocol == htons(ETH_P_IP)) {
		host = att ? READ_ONCE(att->host4) : NULL;
		reply = vnet_icmp4(vn, to, skb,
				   ttl ? ICMP_TIME_EXCEEDED : ICMP_DEST_UNREACH,
				   ttl ? ICMP_EXC_TTL : ICMP_NET_UNREACH, 0,
				   host ? host->addr.v4 : ip_hdr(skb)->daddr);
	} else {
		host = att ? READ_ONCE(att->host6) : NULL;
		reply = vnet_icmp6(vn, to, skb,
				   ttl ? ICMPV6_TIME_EXCEED : ICMPV6_DEST_UNREACH,
				   ttl ? ICMPV6_EXC_HOPLIMIT : ICMPV6_NOROUTE, 0,
				   host ? &host->addr.v6 : &ipv6_hdr(skb)->daddr);
	}
	if (reply)
		vnet_send(vn, to, reply, NULL);
}

/* A neighbour solicitation for @target, from @saddr, to the node side. */
static void vnet_solicit6(struct vnet_port *port, const struct in6_addr *saddr,
			  const struct in6_addr *target)
{
	struct in6_addr daddr;
	u8 dest[ETH_ALEN];

	addrconf_addr_solict_mult(target, &daddr);
	ipv6_eth_mc_map(&daddr, dest);
	vnet_nd_send(port, false, saddr, &daddr, target, dest);
}

/**
 * vnet_solicit - ask a local node for its MAC address
 * @node: the node, on a port
 * @saddr: the source of the packet waiting for it
 *
 * An ARP request or neighbour solicitation for the node's address, from
 * the source of the packet that waits, as a router resolving a neighbour
 * sends; the answer is learnt by vnet_reply_arp() or vnet_reply_na(). A
 * source the node cannot answer on its link (of another family, or
 * outside the network: a packet from another network, or from a router
 * node's networks) gives way to an ARP probe's 0.0.0.0 or to the port's
 * link-local address, which the solicitation carries the MAC address of.
 */
void vnet_solicit(struct vnet_node *node, const struct vnet_addr *saddr)
{
	struct net_device *dev = node->port->dev;
	bool on_link = saddr->family == node->addr.family &&
		       vnet_prefixes_contain(node->port->vn, saddr);
	struct in6_addr ll;
	struct sk_buff *req;

	if (!vnet_addr_is_v4(&node->addr)) {
		if (!on_link) {
			ipv6_addr_set(&ll, htonl(0xfe800000), 0, 0, 0);
			addrconf_ifid_eui48(ll.s6_addr + 8, dev);
		}
		vnet_solicit6(node->port, on_link ? &saddr->v6 : &ll,
			      &node->addr.v6);
		return;
	}
	req = arp_create(ARPOP_REQUEST, ETH_P_ARP, node->addr.v4, dev,
			 on_link ? saddr->v4 : 0, NULL, dev->dev_addr, NULL);
	if (req)
		dev_queue_xmit(req);
}

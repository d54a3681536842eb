// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: a network is a netdevice of link kind "vnet". It is made either by
 * rtnetlink (`ip link add NAME type vnet`) or by the vnet genetlink family;
 * both go through vnet_network_register() and vnet_network_delete().
 */
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/rtnetlink.h>

#include "vnet.h"

static const struct nla_policy vnet_prefix_policy[VNET_PREFIX_A_MAX + 1] = {
	[VNET_PREFIX_A_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, sizeof(struct in_addr),
						sizeof(struct in6_addr)),
	[VNET_PREFIX_A_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

static struct netlink_range_validation vnet_id_range __ro_after_init = {
	.max = VNET_ID_MAX,
};

const struct nla_policy vnet_network_policy[VNET_NETWORK_A_MAX + 1] = {
	[VNET_NETWORK_A_IFINDEX] = { .type = NLA_U32 },
	[VNET_NETWORK_A_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VNET_NETWORK_A_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_id_range),
	[VNET_NETWORK_A_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[VNET_NETWORK_A_LOCAL] = NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[VNET_NETWORK_A_LOCAL6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[VNET_NETWORK_A_PREFIXES] = NLA_POLICY_NESTED_ARRAY(vnet_prefix_policy),
	[VNET_NETWORK_A_STATS] = {
		.type = NLA_REJECT,
		.reject_message = "counters are read, not set",
	},
};

struct vnet_network_cfg {
	struct vnet_conf *conf;
	u32 id;
	u16 port;
	bool has_id;
};

static struct rtnl_link_ops vnet_link_ops;

static bool vnet_prefix_overlap(const struct vnet_prefix *a,
				const struct vnet_prefix *b)
{
	u8 len = min(a->len, b->len);

	if (a->family != b->family)
		return false;
	if (a->family == AF_INET)
		return !((a->addr.v4 ^ b->addr.v4) & inet_make_mask(len));
	return ipv6_prefix_equal(&a->addr.v6, &b->addr.v6, len);
}

/**
 * vnet_prefix_get - a prefix from its address and length attributes
 * @p: the prefix
 * @addr: its address, 4 bytes (IPv4) or 16 (IPv6)
 * @len: its length, a u8
 * @extack: for the reason of a failure
 *
 * Return: 0, or -EINVAL for a length past the family's or bits set past it.
 */
int vnet_prefix_get(struct vnet_prefix *p, const struct nlattr *addr,
		    const struct nlattr *len, struct netlink_ext_ack *extack)
{
	struct in6_addr masked;

	memset(p, 0, sizeof(*p));
	p->len = nla_get_u8(len);
	switch (nla_len(addr)) {
	case sizeof(struct in_addr):
		p->family = AF_INET;
		p->addr.v4 = nla_get_in_addr(addr);
		if (p->len > 32) {
			NL_SET_ERR_MSG_ATTR(extack, len,
					    "IPv4 prefix length is more than 32");
			return -EINVAL;
		}
		if (p->addr.v4 & ~inet_make_mask(p->len))
			goto host_bits;
		return 0;
	case sizeof(struct in6_addr):
		p->family = AF_INET6;
		p->addr.v6 = nla_get_in6_addr(addr);
		ipv6_addr_prefix(&masked, &p->addr.v6, p->len);
		if (!ipv6_addr_equal(&masked, &p->addr.v6))
			goto host_bits;
		return 0;
	}
	NL_SET_ERR_MSG_ATTR(extack, addr,
			    "prefix address is neither IPv4 nor IPv6");
	return -EINVAL;

host_bits:
	NL_SET_ERR_MSG_ATTR(extack, addr,
			    "prefix has bits set past its length");
	return -EINVAL;
}

static int vnet_prefix_parse(const struct nlattr *nla, struct vnet_prefix *p,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_PREFIX_A_MAX + 1];
	int err;

	err = nla_parse_nested(tb, VNET_PREFIX_A_MAX, nla, vnet_prefix_policy,
			       extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nla, tb, VNET_PREFIX_A_ADDR) ||
	    NL_REQ_ATTR_CHECK(extack, nla, tb, VNET_PREFIX_A_LEN))
		return -EINVAL;
	return vnet_prefix_get(p, tb[VNET_PREFIX_A_ADDR], tb[VNET_PREFIX_A_LEN],
			       extack);
}

/* How many prefixes @list holds, at most VNET_MAX_PREFIXES. */
static int vnet_prefixes_count(const struct nlattr *list,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *nla;
	int rem, n = 0;

	nla_for_each_nested(nla, list, rem)
		n++;
	if (n > VNET_MAX_PREFIXES) {
		NL_SET_ERR_MSG_ATTR(extack, list, "too many prefixes");
		return -EINVAL;
	}
	return n;
}

/* The prefixes of @list into @conf, which has room for them. */
static int vnet_prefixes_parse(const struct nlattr *list, struct vnet_conf *conf,
			       struct netlink_ext_ack *extack)
{
	struct vnet_prefix *p;
	struct nlattr *nla;
	unsigned int i;
	int rem, err;

	nla_for_each_nested(nla, list, rem) {
		p = &conf->p[conf->n];
		err = vnet_prefix_parse(nla, p, extack);
		if (err)
			return err;
		for (i = 0; i < conf->n; i++) {
			if (vnet_prefix_overlap(&conf->p[i], p)) {
				NL_SET_ERR_MSG_ATTR(extack, nla,
						    "prefix overlaps another prefix of the network");
				return -EINVAL;
			}
		}
		conf->n++;
	}
	return 0;
}

/*
 * The substrate source addresses of @tb into @conf. A new network takes
 * unicast addresses only; a change may also give 0.0.0.0 or :: for none.
 */
static int vnet_locals_parse(struct nlattr *tb[], struct vnet_conf *conf,
			     bool change, struct netlink_ext_ack *extack)
{
	struct nlattr *nla;

	nla = tb[VNET_NETWORK_A_LOCAL];
	if (nla) {
		conf->local = nla_get_in_addr(nla);
		if (!(change && !conf->local) &&
		    (ipv4_is_zeronet(conf->local) ||
		     ipv4_is_multicast(conf->local) ||
		     ipv4_is_lbcast(conf->local)))
			goto bad;
	}
	nla = tb[VNET_NETWORK_A_LOCAL6];
	if (nla) {
		conf->local6 = nla_get_in6_addr(nla);
		if (!(change && ipv6_addr_any(&conf->local6)) &&
		    (ipv6_addr_any(&conf->local6) ||
		     ipv6_addr_is_multicast(&conf->local6) ||
		     ipv6_addr_v4mapped(&conf->local6)))
			goto bad;
	}
	return 0;
bad:
	NL_SET_ERR_MSG_ATTR(extack, nla, "substrate local address must be unicast");
	return -EINVAL;
}

/**
 * vnet_conf_parse - a network's changeable configuration from a request
 * @tb: parsed enum vnet_network_attrs
 * @old: the configuration it changes, or NULL for a new network; what @tb
 *	does not give is kept from it (VNET_NETWORK_A_PREFIXES, when given,
 *	replaces all prefixes)
 * @extack: for the reason of a failure
 *
 * Return: the new configuration, unpublished, or an ERR_PTR().
 */
static struct vnet_conf *vnet_conf_parse(struct nlattr *tb[],
					 const struct vnet_conf *old,
					 struct netlink_ext_ack *extack)
{
	struct nlattr *list = tb[VNET_NETWORK_A_PREFIXES];
	struct vnet_conf *conf;
	int n, err;

	n = list ? vnet_prefixes_count(list, extack) : old ? old->n : 0;
	if (n < 0)
		return ERR_PTR(n);
	conf = kzalloc(struct_size(conf, p, n), GFP_KERNEL_ACCOUNT);
	if (!conf)
		return ERR_PTR(-ENOMEM);
	if (old) {
		conf->local = old->local;
		conf->local6 = old->local6;
	}
	err = vnet_locals_parse(tb, conf, !!old, extack);
	if (err)
		goto err_free;
	if (list) {
		err = vnet_prefixes_parse(list, conf, extack);
		if (err)
			goto err_free;
	} else if (old) {
		memcpy(conf->p, old->p, n * sizeof(conf->p[0]));
		conf->n = n;
	}
	return conf;

err_free:
	kfree(conf);
	return ERR_PTR(err);
}

static int vnet_network_parse(struct nlattr *tb[], struct vnet_network_cfg *cfg,
			      struct netlink_ext_ack *extack)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->port = VNET_DEFAULT_PORT;

	if (tb[VNET_NETWORK_A_ID]) {
		cfg->id = nla_get_u32(tb[VNET_NETWORK_A_ID]);
		cfg->has_id = true;
	}
	if (tb[VNET_NETWORK_A_PORT])
		cfg->port = nla_get_u16(tb[VNET_NETWORK_A_PORT]);
	cfg->conf = vnet_conf_parse(tb, NULL, extack);
	if (IS_ERR(cfg->conf))
		return PTR_ERR(cfg->conf);
	return 0;
}

/*
 * A network needs no IPv6 link-local address: the host reaches nodes by
 * their own addresses. Generating one for each of thousands of networks
 * costs the host most of a network's creation (each link-local address and
 * its prefix route join the one shared fe80::/64 FIB node). The operator
 * may still ask for one (`ip link set NAME addrgenmode random`).
 */
static void vnet_no_linklocal(struct net_device *dev)
{
	struct inet6_dev *idev = __in6_dev_get(dev);

	if (idev)
		WRITE_ONCE(idev->cnf.addr_gen_mode, IN6_ADDR_GEN_MODE_NONE);
}

/*
 * Configure a freshly allocated vnet netdevice from @tb, register it and
 * publish it in its namespace. On failure the caller frees @dev.
 */
static int vnet_network_register(struct net_device *dev, struct nlattr *tb[],
				 struct netlink_ext_ack *extack)
{
	struct vnet_pernet *pn = vnet_pernet(dev_net(dev));
	struct vnet_network *vn = netdev_priv(dev);
	struct vnet_network_cfg cfg;
	void *old;
	int err;

	ASSERT_RTNL();
	err = vnet_network_parse(tb, &cfg, extack);
	if (err)
		return err;

	/* Reserve the id: lookups see nothing there until it is stored. */
	if (cfg.has_id) {
		err = xa_insert(&pn->networks, cfg.id, NULL, GFP_KERNEL);
		if (err == -EBUSY)
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_NETWORK_A_ID],
					    "network id is in use");
	} else {
		err = xa_alloc(&pn->networks, &cfg.id, NULL,
			       XA_LIMIT(1, VNET_ID_MAX), GFP_KERNEL);
		if (err == -EBUSY)
			NL_SET_ERR_MSG(extack, "no free network id");
	}
	if (err)
		goto err_free_conf;

	vn->dev = dev;
	vn->id = cfg.id;
	vn->port = cfg.port;
	INIT_LIST_HEAD(&vn->ports);
	/* Complete before registration announces the device (RTM_NEWLINK). */
	RCU_INIT_POINTER(vn->conf, cfg.conf);
	err = vnet_sock_get(vn, extack);
	if (err)
		goto err_release_id;

	err = register_netdevice(dev);
	if (err)
		goto err_release_id;
	vnet_no_linklocal(dev);

	/* The slot is reserved: storing into it does not allocate. */
	old = xa_store(&pn->networks, vn->id, vn, GFP_KERNEL);
	WARN_ON_ONCE(xa_is_err(old));
	vnet_pernet_changed(pn);
	vnet_nl_notify_network(vn, VNET_CMD_NETWORK_NEW);
	return 0;

err_release_id:
	xa_release(&pn->networks, cfg.id);
	/* unless a failed registration already ran vnet_dev_uninit() and
	 * vnet_dev_free()
	 */
	if (vn->sock)
		vnet_sock_put(vn);
	kfree(rtnl_dereference(vn->conf));
	RCU_INIT_POINTER(vn->conf, NULL);
	return err;

err_free_conf:
	kfree(cfg.conf);
	return err;
}

/**
 * vnet_network_delete - unpublish a network and queue its netdevice
 * @vn: the network
 * @kill: list for unregister_netdevice_many()
 *
 * The rtnl_link_ops dellink of vnet devices; also used by the genetlink
 * family and on namespace exit. Its ports are released now; the rest goes
 * when the netdevice is unregistered. Caller holds RTNL.
 */
void vnet_network_delete(struct vnet_network *vn, struct list_head *kill)
{
	struct vnet_pernet *pn = vnet_pernet(dev_net(vn->dev));
	struct vnet_port *port, *tmp;

	ASSERT_RTNL();
	vnet_network_detach_all(vn);
	list_for_each_entry_safe(port, tmp, &vn->ports, list)
		vnet_port_del(port, false);
	xa_erase(&pn->networks, vn->id);
	vnet_pernet_changed(pn);
	vnet_nl_notify_network(vn, VNET_CMD_NETWORK_DEL);
	unregister_netdevice_queue(vn->dev, kill);
}

/**
 * vnet_network_get - look up a network by the keys of a request
 * @net: the requester's namespace
 * @tb: parsed enum vnet_network_attrs; VNET_NETWORK_A_IFINDEX or
 *	VNET_NETWORK_A_NAME names the network
 * @extack: for the reason of a failure
 *
 * Caller holds RTNL. Return: the network or an ERR_PTR().
 */
struct vnet_network *vnet_network_get(struct net *net, struct nlattr *tb[],
				      struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct nlattr *key;

	ASSERT_RTNL();
	key = tb[VNET_NETWORK_A_IFINDEX];
	if (key) {
		dev = __dev_get_by_index(net, nla_get_u32(key));
	} else {
		key = tb[VNET_NETWORK_A_NAME];
		if (!key) {
			NL_SET_ERR_MSG(extack, "network name or ifindex needed");
			return ERR_PTR(-EINVAL);
		}
		dev = __dev_get_by_name(net, nla_data(key));
	}
	if (!dev || dev->rtnl_link_ops != &vnet_link_ops) {
		NL_SET_ERR_MSG_ATTR(extack, key, "no such network");
		return ERR_PTR(-ENODEV);
	}
	return netdev_priv(dev);
}

/**
 * vnet_network_rcu - a network by ifindex or name
 * @net: its namespace
 * @ifindex: a u32 attribute with its ifindex, or NULL
 * @name: else a string attribute with its name
 *
 * Caller holds the RCU read lock. Return: the network, or NULL.
 */
struct vnet_network *vnet_network_rcu(struct net *net,
				      const struct nlattr *ifindex,
				      const struct nlattr *name)
{
	struct net_device *dev = NULL;

	if (ifindex)
		dev = dev_get_by_index_rcu(net, nla_get_u32(ifindex));
	else if (name)
		dev = dev_get_by_name_rcu(net, nla_data(name));
	if (!dev || dev->rtnl_link_ops != &vnet_link_ops)
		return NULL;
	return netdev_priv(dev);
}

/**
 * vnet_network_hold - look up a network without RTNL, and hold it
 * @net: the requester's namespace
 * @tb: parsed enum vnet_network_attrs; VNET_NETWORK_A_IFINDEX or
 *	VNET_NETWORK_A_NAME names the network
 * @extack: for the reason of a failure
 *
 * For the commands of route tables, which do not take RTNL: the network may
 * be going (then vnet_network.dead says so under vnet_pernet.lock), but
 * stays in memory until dev_put() of its netdevice.
 * Return: the network or an ERR_PTR().
 */
struct vnet_network *vnet_network_hold(struct net *net, struct nlattr *tb[],
				       struct netlink_ext_ack *extack)
{
	struct vnet_network *vn;
	struct nlattr *key;

	key = tb[VNET_NETWORK_A_IFINDEX] ?: tb[VNET_NETWORK_A_NAME];
	if (!key) {
		NL_SET_ERR_MSG(extack, "network name or ifindex needed");
		return ERR_PTR(-EINVAL);
	}
	rcu_read_lock();
	vn = vnet_network_rcu(net, tb[VNET_NETWORK_A_IFINDEX],
			      tb[VNET_NETWORK_A_NAME]);
	if (!vn) {
		rcu_read_unlock();
		NL_SET_ERR_MSG_ATTR(extack, key, "no such network");
		return ERR_PTR(-ENODEV);
	}
	dev_hold(vn->dev);
	rcu_read_unlock();
	return vn;
}

/**
 * vnet_network_create - create a network from a genetlink request
 * @net: the namespace to create it in
 * @tb: parsed enum vnet_network_attrs, VNET_NETWORK_A_NAME present
 * @extack: for the reason of a failure
 *
 * The netdevice is made as rtnetlink would make it, so `ip link` sees and
 * deletes it like one of its own, and is brought up. Caller holds RTNL.
 */
int vnet_network_create(struct net *net, struct nlattr *tb[],
			struct netlink_ext_ack *extack)
{
	struct nlattr *name = tb[VNET_NETWORK_A_NAME];
	struct net_device *dev;
	LIST_HEAD(kill);
	int err;

	ASSERT_RTNL();
	/* a name is taken as given: no "%d" templates */
	if (!dev_valid_name(nla_data(name)) || strchr(nla_data(name), '%')) {
		NL_SET_ERR_MSG_ATTR(extack, name, "invalid network name");
		return -EINVAL;
	}
	if (__dev_get_by_name(net, nla_data(name))) {
		NL_SET_ERR_MSG_ATTR(extack, name,
				    "a device with this name exists");
		return -EEXIST;
	}

	dev = alloc_netdev(sizeof(struct vnet_network), nla_data(name),
			   NET_NAME_USER, vnet_link_ops.setup);
	if (!dev)
		return -ENOMEM;
	dev_net_set(dev, net);
	dev->rtnl_link_ops = &vnet_link_ops;

	err = vnet_network_register(dev, tb, extack);
	if (err) {
		free_netdev(dev);
		return err;
	}
	err = dev_open(dev, extack);
	if (err) {
		vnet_network_delete(netdev_priv(dev), &kill);
		unregister_netdevice_many(&kill);
	}
	return err;
}

/**
 * vnet_network_change - change a live network's prefixes or local addresses
 * @vn: the network
 * @tb: parsed enum vnet_network_attrs; VNET_NETWORK_A_PREFIXES, when given,
 *	replaces all prefixes; VNET_NETWORK_A_LOCAL and VNET_NETWORK_A_LOCAL6
 *	set the source addresses (0.0.0.0 and :: unset them); the id and the
 *	port cannot change
 * @extack: for the reason of a failure
 *
 * Traffic goes on: the packet path sees the old configuration or the new
 * one. A change that would leave a node outside the prefixes is refused.
 * Caller holds RTNL. Return: 0 or a negative errno.
 */
int vnet_network_change(struct vnet_network *vn, struct nlattr *tb[],
			struct netlink_ext_ack *extack)
{
	struct vnet_conf *old = rtnl_dereference(vn->conf), *conf;
	int err;

	ASSERT_RTNL();
	if (tb[VNET_NETWORK_A_ID] && nla_get_u32(tb[VNET_NETWORK_A_ID]) != vn->id) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_NETWORK_A_ID],
				    "a network's id cannot change");
		return -EOPNOTSUPP;
	}
	if (tb[VNET_NETWORK_A_PORT] &&
	    nla_get_u16(tb[VNET_NETWORK_A_PORT]) != vn->port) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_NETWORK_A_PORT],
				    "a network's substrate port cannot change");
		return -EOPNOTSUPP;
	}
	conf = vnet_conf_parse(tb, old, extack);
	if (IS_ERR(conf))
		return PTR_ERR(conf);
	if (vnet_nodes_outside(vn, conf)) {
		NL_SET_ERR_MSG(extack,
			       "a node of the network would be outside its prefixes");
		kfree(conf);
		return -EBUSY;
	}
	err = vnet_network_propagate(vn, conf, extack);
	if (err) {
		kfree(conf);
		return err;
	}
	rcu_assign_pointer(vn->conf, conf);
	vnet_network_unpropagate(vn, old, conf);
	if (old->local != conf->local ||
	    !ipv6_addr_equal(&old->local6, &conf->local6))
		vnet_nodes_reroute(vn);
	kfree_rcu(old, rcu);
	vnet_pernet_changed(vnet_pernet(dev_net(vn->dev)));
	vnet_nl_notify_network(vn, VNET_CMD_NETWORK_NEW);
	return 0;
}

/**
 * vnet_prefixes_contain - is an address inside a network's prefixes?
 * @vn: the network
 * @addr: the address
 *
 * Caller holds RTNL or the RCU read lock.
 */
bool vnet_prefixes_contain(const struct vnet_network *vn,
			   const struct vnet_addr *addr)
{
	return vnet_conf_contains(rcu_dereference_rtnl(vn->conf), addr);
}

/**
 * vnet_conf_has_prefix - is a prefix one of a configuration's?
 * @conf: the configuration
 * @p: the prefix
 */
bool vnet_conf_has_prefix(const struct vnet_conf *conf,
			  const struct vnet_prefix *p)
{
	const struct vnet_prefix *q;
	unsigned int i;

	for (i = 0; i < conf->n; i++) {
		q = &conf->p[i];
		if (q->family == p->family && q->len == p->len &&
		    (p->family == AF_INET ? q->addr.v4 == p->addr.v4 :
		     ipv6_addr_equal(&q->addr.v6, &p->addr.v6)))
			return true;
	}
	return false;
}

/**
 * vnet_conf_contains - is an address inside a configuration's prefixes?
 * @conf: the configuration, or NULL
 * @addr: the address
 */
bool vnet_conf_contains(const struct vnet_conf *conf,
			const struct vnet_addr *addr)
{
	struct vnet_prefix a = { .family = AF_INET6, .len = 128 };
	unsigned int i;

	if (!conf)
		return false;
	if (vnet_addr_is_v4(addr)) {
		a.family = AF_INET;
		a.len = 32;
		a.addr.v4 = addr->v4;
	} else {
		a.addr.v6 = addr->v6;
	}
	for (i = 0; i < conf->n; i++)
		if (vnet_prefix_overlap(&conf->p[i], &a))
			return true;
	return false;
}

/**
 * vnet_drops_read - sum per-cpu drop counters
 * @drops: the counters
 * @sum: VNET_DROP_MAX totals
 */
void vnet_drops_read(struct vnet_drops __percpu *drops, u64 *sum)
{
	const struct vnet_drops *d;
	u64 n[VNET_DROP_MAX];
	unsigned int start;
	int cpu, i;

	memset(sum, 0, sizeof(*sum) * VNET_DROP_MAX);
	for_each_possible_cpu(cpu) {
		d = per_cpu_ptr(drops, cpu);
		do {
			start = u64_stats_fetch_begin(&d->syncp);
			for (i = 0; i < VNET_DROP_MAX; i++)
				n[i] = u64_stats_read(&d->n[i]);
		} while (u64_stats_fetch_retry(&d->syncp, start));
		for (i = 0; i < VNET_DROP_MAX; i++)
			sum[i] += n[i];
	}
}

static int vnet_dev_init(struct net_device *dev)
{
	struct vnet_network *vn = netdev_priv(dev);
	int err;

	err = vnet_dev_alloc_tstats(dev);
	if (err)
		return err;
	err = -ENOMEM;
	vn->drops = netdev_alloc_pcpu_stats(struct vnet_drops);
	if (!vn->drops)
		goto err_tstats;
	err = vnet_nodes_init(vn);
	if (err)
		goto err_drops;
	vnet_table_init(&vn->table, vnet_pernet(dev_net(dev)));
	INIT_LIST_HEAD(&vn->attachments);
	return 0;

err_drops:
	free_percpu(vn->drops);
err_tstats:
	vnet_dev_free_tstats(dev);
	return err;
}

/* After unregistration's grace period: no packet can reach the network. */
static void vnet_dev_uninit(struct net_device *dev)
{
	struct vnet_network *vn = netdev_priv(dev);

	WARN_ON_ONCE(!list_empty(&vn->ports));
	/* emptied at deletion (unless the registration failed): no route
	 * command may find it now, nor packet after the grace period
	 */
	mutex_lock(&vnet_pernet(dev_net(dev))->lock);
	WARN_ON_ONCE(!list_empty(&vn->attachments));
	vn->dead = true;
	vnet_table_destroy(&vn->table);
	mutex_unlock(&vnet_pernet(dev_net(dev))->lock);
	vnet_nodes_destroy(vn);
	if (vn->sock)
		vnet_sock_put(vn);
	free_percpu(vn->drops);
	vnet_dev_free_tstats(dev);
}

/*
 * Is a packet the host hands the network its own: from a peering router's
 * address in the network, and not one the host forwards (from anywhere
 * that routes through the host)?
 */
static bool vnet_dev_own(struct vnet_network *vn, const struct sk_buff *skb,
			 const struct vnet_addr *saddr)
{
	const struct vnet_node *node;

	if (skb->protocol == htons(ETH_P_IP) ?
	    IPCB(skb)->flags & IPSKB_FORWARDED :
	    IP6CB(skb)->flags & IP6SKB_FORWARDED)
		return false;
	node = vnet_node_lookup(vn, saddr);
	return node && node->att;
}

/*
 * What the host's own stack sends into the network from a peering router's
 * address in it (the replies of a daemon bound to it, say) is forwarded
 * like a node's packet, to the nodes of this host (another host takes
 * nothing from a peering router's address over the substrate). Anything
 * else, the host's multicast and router solicitations, and what the host
 * would forward into the network from elsewhere, is counted as tx_dropped,
 * apart from the drops of nodes' packets.
 */
static netdev_tx_t vnet_dev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vnet_network *vn = netdev_priv(dev);
	struct vnet_addr saddr, daddr;
	u8 proto;

	rcu_read_lock();
	skb_reset_mac_header(skb);
	if ((skb->protocol != htons(ETH_P_IP) &&
	     skb->protocol != htons(ETH_P_IPV6)) ||
	    vnet_inner_check(skb, &saddr, &daddr, &proto) ||
	    vnet_addr_local_only(&daddr) || vnet_is_nd(skb, proto) ||
	    !vnet_dev_own(vn, skb, &saddr)) {
		dev_core_stats_tx_dropped_inc(dev);
		kfree_skb(skb);
	} else {
		vnet_forward(vn, skb, &daddr, NULL);
	}
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

/* The standard counters; every drop, whatever its reason, is rx_dropped. */
static void vnet_dev_get_stats64(struct net_device *dev,
				 struct rtnl_link_stats64 *stats)
{
	struct vnet_network *vn = netdev_priv(dev);
	u64 drops[VNET_DROP_MAX];
	int i;

	dev_get_tstats64(dev, stats);
	vnet_drops_read(vn->drops, drops);
	for (i = 0; i < VNET_DROP_MAX; i++)
		stats->rx_dropped += drops[i];
}

static const struct net_device_ops vnet_netdev_ops = {
	.ndo_init = vnet_dev_init,
	.ndo_uninit = vnet_dev_uninit,
	.ndo_start_xmit = vnet_dev_xmit,
	.ndo_get_stats64 = vnet_dev_get_stats64,
};

static void vnet_dev_free(struct net_device *dev)
{
	struct vnet_network *vn = netdev_priv(dev);

	kfree(rcu_dereference_protected(vn->conf, true));
	RCU_INIT_POINTER(vn->conf, NULL);
}

static void vnet_setup(struct net_device *dev)
{
	dev->netdev_ops = &vnet_netdev_ops;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	vnet_dev_setup_compat(dev);
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = ETH_DATA_LEN - VNET_OVERHEAD;
	dev->min_mtu = IPV4_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - VNET_OVERHEAD;
	dev->needs_free_netdev = true;
	dev->priv_destructor = vnet_dev_free;
}

/* IFLA_INFO_DATA of a new link or a change: rtnetlink names the link. */
static int vnet_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	struct nlattr *key;

	if (!data)
		return 0;
	key = data[VNET_NETWORK_A_NAME] ?: data[VNET_NETWORK_A_IFINDEX];
	if (key) {
		NL_SET_ERR_MSG_ATTR(extack, key,
				    "IFLA_IFNAME names the link, not this attribute");
		return -EINVAL;
	}
	return 0;
}

static int vnet_newlink(struct net *src_net, struct net_device *dev,
			struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	struct nlattr *none[VNET_NETWORK_A_MAX + 1] = {};

	if (tb[IFLA_LINK_NETNSID]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_LINK_NETNSID],
				    "a network stays in the namespace it is made in");
		return -EINVAL;
	}
	return vnet_network_register(dev, data ?: none, extack);
}

static int vnet_changelink(struct net_device *dev, struct nlattr *tb[],
			   struct nlattr *data[], struct netlink_ext_ack *extack)
{
	struct nlattr *none[VNET_NETWORK_A_MAX + 1] = {};

	return vnet_network_change(netdev_priv(dev), data ?: none, extack);
}

static void vnet_dellink(struct net_device *dev, struct list_head *head)
{
	vnet_network_delete(netdev_priv(dev), head);
}

static size_t vnet_get_size(const struct net_device *dev)
{
	return vnet_nl_network_size(netdev_priv(dev));
}

static int vnet_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	return vnet_nl_fill_network(skb, netdev_priv(dev));
}

static struct rtnl_link_ops vnet_link_ops __read_mostly = {
	.kind = "vnet",
	.maxtype = VNET_NETWORK_A_MAX,
	.policy = vnet_network_policy,
	.validate = vnet_validate,
	.priv_size = sizeof(struct vnet_network),
	.setup = vnet_setup,
	.newlink = vnet_newlink,
	.changelink = vnet_changelink,
	.dellink = vnet_dellink,
	.get_size = vnet_get_size,
	.fill_info = vnet_fill_info,
};

/* A renamed network changes what dumps show: let them notice. */
static int vnet_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (event == NETDEV_CHANGENAME && dev->rtnl_link_ops == &vnet_link_ops)
		vnet_pernet_changed(vnet_pernet(dev_net(dev)));
	return NOTIFY_DONE;
}

static struct notifier_block vnet_netdev_notifier = {
	.notifier_call = vnet_netdev_event,
};

int __init vnet_device_init(void)
{
	int err;

	err = register_netdevice_notifier(&vnet_netdev_notifier);
	if (err)
		return err;
	err = rtnl_link_register(&vnet_link_ops);
	if (err)
		goto err_notifier;
	return 0;

err_notifier:
	unregister_netdevice_notifier(&vnet_netdev_notifier);
	return err;
}

void vnet_device_uninit(void)
{
	rtnl_link_unregister(&vnet_link_ops);
	unregister_netdevice_notifier(&vnet_netdev_notifier);
}

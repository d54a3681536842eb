// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: peering routers and their attachments. A peering router joins the
 * networks attached to it: its table leads to them, and their tables lead
 * to it. It is present on every host (each host holds the same tables), so
 * a packet between networks crosses the substrate once, straight to its
 * destination's host.
 *
 * An attachment gives the peering router addresses inside the network:
 * nodes' packets to them go up the host's stack through the network's
 * netdevice (a daemon there speaks BGP with the network's router). With
 * propagation, the network's prefixes are routes of the peering router's
 * table.
 *
 * All of it is guarded by vnet_pernet.lock; the attachments' addresses,
 * which live in the network's node table, also by RTNL, taken first.
 */
#include <linux/ctype.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "vnet.h"

/**
 * vnet_peering_find - a peering router by name
 * @pn: the namespace's state
 * @name: the name
 *
 * Caller holds vnet_pernet.lock. Return: the peering router or NULL.
 */
struct vnet_peering *vnet_peering_find(struct vnet_pernet *pn,
				       const char *name)
{
	struct vnet_peering *pr;

	lockdep_assert_held(&pn->lock);
	list_for_each_entry(pr, &pn->peerings, list)
		if (!strcmp(pr->name, name))
			return pr;
	return NULL;
}

static bool vnet_peering_name_ok(const char *name)
{
	const char *c;

	if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (c = name; *c; c++)
		if (!isalnum(*c) && *c != '-' && *c != '_' && *c != '.')
			return false;
	return true;
}

static void vnet_peerings_changed(struct vnet_pernet *pn)
{
	vnet_gen_bump(&pn->peering_gen);
}

/**
 * vnet_peering_add - create a peering router
 * @net: its namespace
 * @name: its name, shorter than VNET_PEERING_NAMSIZ
 * @mesh: the hosts it is present on (kmalloc()ed, taken on success), or
 *	NULL
 * @n_mesh: their number
 * @extack: for the reason of a failure
 *
 * Caller holds vnet_pernet.lock. Return: 0 or a negative errno.
 */
int vnet_peering_add(struct net *net, const char *name,
		     struct vnet_addr *mesh, unsigned int n_mesh,
		     struct netlink_ext_ack *extack)
{
	struct vnet_pernet *pn = vnet_pernet(net);
	struct vnet_peering *pr, *next;

	lockdep_assert_held(&pn->lock);
	if (!vnet_peering_name_ok(name)) {
		NL_SET_ERR_MSG(extack,
			       "a peering router's name is letters, digits, '-', '_' and '.'");
		return -EINVAL;
	}
	if (vnet_peering_find(pn, name)) {
		NL_SET_ERR_MSG(extack, "a peering router with this name exists");
		return -EEXIST;
	}
	if (pn->n_peerings >= VNET_MAX_PEERINGS) {
		NL_SET_ERR_MSG(extack, "the namespace has the most peering routers it may have");
		return -ENOSPC;
	}

	pr = kzalloc(sizeof(*pr), GFP_KERNEL_ACCOUNT);
	if (!pr)
		return -ENOMEM;
	pr->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	pr->drops = netdev_alloc_pcpu_stats(struct vnet_drops);
	if (!pr->tstats || !pr->drops) {
		free_percpu(pr->tstats);
		free_percpu(pr->drops);
		kfree(pr);
		return -ENOMEM;
	}
	strscpy(pr->name, name, sizeof(pr->name));
	pr->mesh = mesh;
	pr->n_mesh = n_mesh;
	vnet_table_init(&pr->table, pn);
	INIT_LIST_HEAD(&pr->attachments);

	/* in name order, for dumps */
	list_for_each_entry(next, &pn->peerings, list)
		if (strcmp(next->name, name) > 0)
			break;
	list_add_tail(&pr->list, &next->list);
	pn->n_peerings++;
	vnet_peerings_changed(pn);
	vnet_nl_notify_peering(net, pr, VNET_CMD_PEERING_NEW);
	return 0;
}

/**
 * vnet_peering_set_mesh - replace the hosts a peering router is present on
 * @net: its namespace
 * @pr: the peering router
 * @mesh: the new list (kmalloc()ed, taken), or NULL
 * @n_mesh: its length
 *
 * Caller holds vnet_pernet.lock, under which alone the list is read.
 */
void vnet_peering_set_mesh(struct net *net, struct vnet_peering *pr,
			   struct vnet_addr *mesh, unsigned int n_mesh)
{
	struct vnet_pernet *pn = vnet_pernet(net);

	lockdep_assert_held(&pn->lock);
	kfree(pr->mesh);
	pr->mesh = mesh;
	pr->n_mesh = n_mesh;
	vnet_peerings_changed(pn);
	/* a change is told as the peering router, whole, again */
	vnet_nl_notify_peering(net, pr, VNET_CMD_PEERING_NEW);
}

/**
 * vnet_attach_hosts_del - take an attachment's addresses out of its network
 * @att: the attachment
 *
 * The first step of a detachment, the one under RTNL (the addresses are in
 * the network's node table): the rest, routes and all, needs only
 * vnet_pernet.lock. Caller holds both.
 */
void vnet_attach_hosts_del(struct vnet_attach *att)
{
	struct vnet_node *host4 = att->host4, *host6 = att->host6;

	ASSERT_RTNL();
	/* the packet path reads them once each (vnet_reply_error()) */
	WRITE_ONCE(att->host4, NULL);
	WRITE_ONCE(att->host6, NULL);
	if (host4)
		vnet_node_host_del(att->vn, host4);
	if (host6)
		vnet_node_host_del(att->vn, host6);
}

/**
 * vnet_bgp_free - free BGP peers' settings
 * @bgp: an array of them (or NULL)
 * @n: its length
 */
void vnet_bgp_free(struct vnet_bgp *bgp, unsigned int n)
{
	unsigned int i;

	if (!bgp)
		return;
	for (i = 0; i < n; i++)
		kfree(bgp[i].filter);
	kfree_sensitive(bgp);
}

static void vnet_attach_unlink(struct vnet_attach *att)
{
	struct vnet_network *vn = att->vn;

	WARN_ON_ONCE(att->host4 || att->host6);
	WARN_ON_ONCE(att->n_routes[0] || att->n_routes[1]);
	list_del_rcu(&att->n_list);
	vn->n_attachments--;
	list_del(&att->p_list);
	att->pr->n_attachments--;
	vnet_peerings_changed(vnet_pernet(dev_net(vn->dev)));
	/* the packet path does not read them */
	vnet_bgp_free(att->bgp, att->n_bgp);
	kfree_rcu(att, rcu);
}

/* @att's propagated route of @p, or NULL. */
static struct vnet_route *vnet_attach_propagated(struct vnet_attach *att,
						 const struct vnet_prefix *p)
{
	struct vnet_route *rt = vnet_route_find(&att->pr->table, p,
						VNET_RTPROT_ATTACH, 0);

	return rt && rt->n_nh == 1 && rt->nh[0].att == att ? rt : NULL;
}

/* Add the routes of the prefixes of @conf that @att does not propagate yet. */
static int vnet_attach_propagate(struct vnet_attach *att,
				 const struct vnet_conf *conf,
				 struct netlink_ext_ack *extack)
{
	union vnet_route_tmpl buf;
	struct vnet_route *tmpl = vnet_route_tmpl(&buf);
	const struct vnet_prefix *p;
	struct vnet_route *rt;
	unsigned int i;

	tmpl->proto = VNET_RTPROT_ATTACH;
	tmpl->type = VNET_ROUTE_UNICAST;
	tmpl->in_peering = 1;
	tmpl->n_nh = 1;
	tmpl->nh[0].att = att;

	for (i = 0; i < conf->n; i++) {
		p = &conf->p[i];
		if (vnet_attach_propagated(att, p))
			continue;
		rt = vnet_route_add(&att->pr->table, p, tmpl,
				    NLM_F_CREATE | NLM_F_EXCL, NULL);
		if (IS_ERR(rt)) {
			if (PTR_ERR(rt) == -EEXIST)
				NL_SET_ERR_MSG(extack,
					       "the peering router has another network's route of a prefix of the network");
			return PTR_ERR(rt);
		}
	}
	return 0;
}

/*
 * Delete @att's propagated routes of the network's prefixes now. The
 * prefixes are read one at a time under RCU: whatever a change of them
 * hides, vnet_table_flush_att() finds.
 */
static void vnet_attach_unpropagate(struct vnet_attach *att)
{
	const struct vnet_conf *conf;
	struct vnet_prefix p;
	struct vnet_route *rt;
	unsigned int i;

	for (i = 0; i < VNET_MAX_PREFIXES; i++) {
		rcu_read_lock();
		conf = rcu_dereference(att->vn->conf);
		if (i >= conf->n) {
			rcu_read_unlock();
			break;
		}
		p = conf->p[i];
		rcu_read_unlock();
		rt = vnet_attach_propagated(att, &p);
		if (rt)
			vnet_route_del(&att->pr->table, &p, rt);
	}
}

/* Delete @att's propagated routes of the prefixes of @conf not in @keep. */
static void vnet_attach_unpropagate_conf(struct vnet_attach *att,
					 const struct vnet_conf *conf,
					 const struct vnet_conf *keep)
{
	struct vnet_route *rt;
	unsigned int i;

	for (i = 0; i < conf->n; i++) {
		if (vnet_conf_has_prefix(keep, &conf->p[i]))
			continue;
		rt = vnet_attach_propagated(att, &conf->p[i]);
		if (rt)
			vnet_route_del(&att->pr->table, &conf->p[i], rt);
	}
}

/**
 * vnet_attach_del - detach a network from a peering router
 * @att: the attachment
 * @notify: send the event (VNET_CMD_ATTACH_DEL), which stands for the
 *	routes deleted with it
 *
 * The routes of either table that lead to the other go. Caller holds
 * vnet_pernet.lock, and RTNL unless vnet_attach_hosts_del() ran already.
 */
void vnet_attach_del(struct vnet_attach *att, bool notify)
{
	if (att->host4 || att->host6)
		vnet_attach_hosts_del(att);

	/* its propagated routes by prefix; a walk finds any others */
	vnet_attach_unpropagate(att);
	vnet_table_flush_att(&att->pr->table, att);
	vnet_table_flush_att(&att->vn->table, att);
	if (notify)
		vnet_nl_notify_attach(att, VNET_CMD_ATTACH_DEL);
	vnet_attach_unlink(att);
}

/**
 * vnet_peering_hosts_del - take a peering router's addresses out of networks
 * @pr: the peering router, about to go
 *
 * The step of its deletion under RTNL; vnet_peering_unlink() does the rest
 * under vnet_pernet.lock alone. Caller holds both.
 */
void vnet_peering_hosts_del(struct vnet_peering *pr)
{
	struct vnet_attach *att;

	list_for_each_entry(att, &pr->attachments, p_list)
		vnet_attach_hosts_del(att);
}

/**
 * vnet_peering_unlink - take a peering router out of its namespace
 * @pr: the peering router, its addresses gone (vnet_peering_hosts_del())
 * @net: its namespace
 *
 * Its attachments go, and the routes of the networks' tables that lead to
 * it. No packet finds it after an RCU grace period: then
 * vnet_peering_free() frees it and its table. Caller holds
 * vnet_pernet.lock.
 */
void vnet_peering_unlink(struct vnet_peering *pr, struct net *net)
{
	struct vnet_pernet *pn = vnet_pernet(net);
	struct vnet_attach *att, *tmp;

	lockdep_assert_held(&pn->lock);
	/* the peering router's own table goes whole, its trie later */
	vnet_table_release(&pr->table);
	list_for_each_entry_safe(att, tmp, &pr->attachments, p_list) {
		vnet_table_flush_att(&att->vn->table, att);
		vnet_attach_unlink(att);
		cond_resched();
	}
	list_del(&pr->list);
	pn->n_peerings--;
	vnet_peerings_changed(pn);
}

/**
 * vnet_peering_free - free an unlinked peering router
 * @pr: the peering router, which no packet can reach any more
 */
void vnet_peering_free(struct vnet_peering *pr)
{
	vnet_table_destroy(&pr->table);
	free_percpu(pr->drops);
	free_percpu(pr->tstats);
	kfree(pr->mesh);
	kfree(pr);
}

/**
 * vnet_peerings_unlink_all - unlink every peering router of a namespace
 * @net: the namespace
 * @dead: where they go, for vnet_peerings_free() after a grace period
 *
 * Caller holds RTNL.
 */
void vnet_peerings_unlink_all(struct net *net, struct list_head *dead)
{
	struct vnet_pernet *pn = vnet_pernet(net);
	struct vnet_peering *pr, *tmp;

	ASSERT_RTNL();
	mutex_lock(&pn->lock);
	list_for_each_entry_safe(pr, tmp, &pn->peerings, list) {
		vnet_peering_hosts_del(pr);
		vnet_peering_unlink(pr, net);
		list_add_tail(&pr->list, dead);
	}
	mutex_unlock(&pn->lock);
}

/**
 * vnet_peerings_free - free unlinked peering routers
 * @dead: their list; caller waited for a grace period since the unlinking
 */
void vnet_peerings_free(struct list_head *dead)
{
	struct vnet_peering *pr, *tmp;

	list_for_each_entry_safe(pr, tmp, dead, list) {
		vnet_peering_free(pr);
		cond_resched();
	}
}

/**
 * vnet_attach_find - a network's attachment to a peering router
 * @pr: the peering router
 * @vn: the network
 *
 * Caller holds vnet_pernet.lock. Return: the attachment or NULL.
 */
struct vnet_attach *vnet_attach_find(struct vnet_peering *pr,
				     const struct vnet_network *vn)
{
	struct vnet_attach *att;

	/* a network has few attachments, a peering router many */
	list_for_each_entry(att, &vn->attachments, n_list)
		if (att->pr == pr)
			return att;
	return NULL;
}

static bool vnet_attach_inside(const struct vnet_attach *att,
			       const struct vnet_conf *conf)
{
	unsigned int i;

	for (i = 0; i < att->n_bgp; i++)
		if (!vnet_conf_contains(conf, &att->bgp[i].addr))
			return false;
	return (!att->host4 || vnet_conf_contains(conf, &att->host4->addr)) &&
	       (!att->host6 || vnet_conf_contains(conf, &att->host6->addr));
}

/**
 * vnet_network_propagate - follow a change of a network's prefixes
 * @vn: the network
 * @conf: its configuration to be
 * @extack: for the reason of a failure
 *
 * Refuses a change that would leave an attachment's address outside the
 * network, and adds the routes of new prefixes to the peering routers the
 * network propagates to; vnet_network_unpropagate() then deletes those of
 * the prefixes left. Caller holds RTNL. Return: 0 or a negative errno, the
 * tables as they were.
 */
int vnet_network_propagate(struct vnet_network *vn,
			   const struct vnet_conf *conf,
			   struct netlink_ext_ack *extack)
{
	struct vnet_pernet *pn = vnet_pernet(dev_net(vn->dev));
	const struct vnet_conf *old = rtnl_dereference(vn->conf);
	struct vnet_attach *att;
	int err = 0;

	ASSERT_RTNL();
	mutex_lock(&pn->lock);
	list_for_each_entry(att, &vn->attachments, n_list) {
		if (!vnet_attach_inside(att, conf)) {
			NL_SET_ERR_MSG(extack,
				       "an attachment's addresses would be outside the network's prefixes");
			err = -EBUSY;
			goto out;
		}
	}
	list_for_each_entry(att, &vn->attachments, n_list) {
		if (!att->propagate)
			continue;
		err = vnet_attach_propagate(att, conf, extack);
		if (err)
			break;
	}
	if (err)
		list_for_each_entry(att, &vn->attachments, n_list)
			if (att->propagate)
				vnet_attach_unpropagate_conf(att, conf, old);
out:
	mutex_unlock(&pn->lock);
	return err;
}

/**
 * vnet_network_unpropagate - delete the routes of prefixes a network left
 * @vn: the network
 * @old: its configuration before
 * @conf: its configuration now
 *
 * Caller holds RTNL.
 */
void vnet_network_unpropagate(struct vnet_network *vn,
			      const struct vnet_conf *old,
			      const struct vnet_conf *conf)
{
	struct vnet_pernet *pn = vnet_pernet(dev_net(vn->dev));
	struct vnet_attach *att;

	ASSERT_RTNL();
	mutex_lock(&pn->lock);
	list_for_each_entry(att, &vn->attachments, n_list)
		if (att->propagate)
			vnet_attach_unpropagate_conf(att, old, conf);
	mutex_unlock(&pn->lock);
}

/**
 * vnet_network_detach_all - a network is going: detach it, empty its table
 * @vn: the network
 *
 * The network's deletion event stands for its attachments and routes.
 * Caller holds RTNL.
 */
void vnet_network_detach_all(struct vnet_network *vn)
{
	struct vnet_pernet *pn = vnet_pernet(dev_net(vn->dev));
	struct vnet_attach *att, *tmp;

	ASSERT_RTNL();
	mutex_lock(&pn->lock);
	vn->dead = true;
	list_for_each_entry_safe(att, tmp, &vn->attachments, n_list)
		vnet_attach_del(att, false);
	/* its trie goes with the netdevice, after a grace period */
	vnet_table_release(&vn->table);
	mutex_unlock(&pn->lock);
}

static int vnet_attach_addr(struct vnet_network *vn, const struct vnet_addr *addr,
			    const struct nlattr *nla,
			    struct netlink_ext_ack *extack)
{
	if (vnet_addr_local_only(addr) || !vnet_prefixes_contain(vn, addr)) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "the address must be a unicast address in the network's prefixes");
		return -EINVAL;
	}
	return 0;
}

/**
 * vnet_attach_add - attach a network to a peering router
 * @pr: the peering router
 * @vn: the network
 * @cfg: the settings: addresses, propagation, BGP
 * @extack: for the reason of a failure
 *
 * On success the attachment takes @cfg's BGP peers (@cfg->bgp is NULL
 * after); on failure they stay the caller's.
 * Caller holds RTNL and vnet_pernet.lock. Return: 0 or a negative errno.
 */
int vnet_attach_add(struct vnet_peering *pr, struct vnet_network *vn,
		    struct vnet_attach_cfg *cfg,
		    struct netlink_ext_ack *extack)
{
	const struct vnet_addr *addr;
	struct vnet_attach *att;
	unsigned int i;
	int err;

	ASSERT_RTNL();
	if (vnet_attach_find(pr, vn)) {
		NL_SET_ERR_MSG(extack, "the network is attached to this peering router");
		return -EEXIST;
	}
	if (pr->n_attachments >= VNET_MAX_ATTACHMENTS) {
		NL_SET_ERR_MSG(extack, "the peering router has the most attachments it may have");
		return -ENOSPC;
	}
	if (vn->n_attachments >= VNET_MAX_NETWORK_ATTACHMENTS) {
		NL_SET_ERR_MSG(extack, "the network has the most attachments it may have");
		return -ENOSPC;
	}
	if (!cfg->addr4.family && !cfg->addr6.family) {
		NL_SET_ERR_MSG(extack, "an attachment needs an address in the network");
		return -EINVAL;
	}
	if ((cfg->addr4.family &&
	     vnet_attach_addr(vn, &cfg->addr4, cfg->addr4_nla, extack)) ||
	    (cfg->addr6.family &&
	     vnet_attach_addr(vn, &cfg->addr6, cfg->addr6_nla, extack)))
		return -EINVAL;
	for (i = 0; i < cfg->n_bgp; i++) {
		addr = &cfg->bgp[i].addr;
		if (vnet_attach_addr(vn, addr, cfg->bgp_nla[i], extack))
			return -EINVAL;
		if (vnet_addr_equal(addr, &cfg->addr4) ||
		    vnet_addr_equal(addr, &cfg->addr6)) {
			NL_SET_ERR_MSG_ATTR(extack, cfg->bgp_nla[i],
					    "the BGP peer is the peering router's own address");
			return -EINVAL;
		}
	}

	att = kzalloc(sizeof(*att), GFP_KERNEL_ACCOUNT);
	if (!att)
		return -ENOMEM;
	att->pr = pr;
	att->vn = vn;
	att->propagate = cfg->propagate;
	if (cfg->addr4.family) {
		att->host4 = vnet_node_host_add(vn, &cfg->addr4, att,
						cfg->addr4_nla, extack);
		if (IS_ERR(att->host4)) {
			err = PTR_ERR(att->host4);
			att->host4 = NULL;
			goto err_free;
		}
	}
	if (cfg->addr6.family) {
		att->host6 = vnet_node_host_add(vn, &cfg->addr6, att,
						cfg->addr6_nla, extack);
		if (IS_ERR(att->host6)) {
			err = PTR_ERR(att->host6);
			att->host6 = NULL;
			goto err_free;
		}
	}
	/* the attachment takes the BGP peers */
	att->bgp = cfg->bgp;
	att->n_bgp = cfg->n_bgp;
	cfg->bgp = NULL;
	cfg->n_bgp = 0;
	list_add_tail_rcu(&att->n_list, &vn->attachments);
	vn->n_attachments++;
	list_add_tail(&att->p_list, &pr->attachments);
	pr->n_attachments++;
	vnet_peerings_changed(vnet_pernet(dev_net(vn->dev)));

	if (att->propagate) {
		err = vnet_attach_propagate(att, rtnl_dereference(vn->conf),
					    extack);
		if (err) {
			vnet_attach_del(att, false);
			return err;
		}
	}
	vnet_nl_notify_attach(att, VNET_CMD_ATTACH_NEW);
	return 0;

err_free:
	if (att->host4)
		vnet_node_host_del(vn, att->host4);
	/* a packet may have found its address */
	kfree_rcu(att, rcu);
	return err;
}

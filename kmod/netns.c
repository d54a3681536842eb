// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: per network namespace state. A network namespace is a host: its
 * networks are kept here, and go when the namespace goes.
 */
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "vnet.h"

static unsigned int vnet_net_id __read_mostly;

struct vnet_pernet *vnet_pernet(const struct net *net)
{
	return net_generic(net, vnet_net_id);
}

static int __net_init vnet_netns_init_net(struct net *net)
{
	struct vnet_pernet *pn = vnet_pernet(net);
	int err;

	pn->drops = netdev_alloc_pcpu_stats(struct vnet_drops);
	if (!pn->drops)
		return -ENOMEM;
	err = vnet_routes_init(pn);
	if (err) {
		free_percpu(pn->drops);
		return err;
	}
	xa_init_flags(&pn->networks, XA_FLAGS_ALLOC);
	INIT_LIST_HEAD(&pn->socks);
	pn->gen = 1;
	mutex_init(&pn->lock);
	INIT_LIST_HEAD(&pn->peerings);
	pn->peering_gen = 1;
	return 0;
}

/**
 * vnet_netns_flush - queue every network of a namespace for deletion
 * @net: the namespace
 * @kill: list for unregister_netdevice_many()
 *
 * Caller holds RTNL.
 */
void vnet_netns_flush(struct net *net, struct list_head *kill)
{
	struct vnet_pernet *pn = vnet_pernet(net);
	struct vnet_network *vn;
	unsigned long index;

	xa_for_each(&pn->networks, index, vn)
		vnet_network_delete(vn, kill);
}

static void __net_exit vnet_netns_exit_batch(struct list_head *net_list)
{
	struct vnet_pernet *pn;
	LIST_HEAD(peerings);
	struct net *net;
	LIST_HEAD(kill);

	rtnl_lock();
	list_for_each_entry(net, net_list, exit_list)
		vnet_netns_flush(net, &kill);
	unregister_netdevice_many(&kill);
	/* the networks detached themselves going */
	list_for_each_entry(net, net_list, exit_list)
		vnet_peerings_unlink_all(net, &peerings);
	rtnl_unlock();
	if (!list_empty(&peerings)) {
		synchronize_rcu();
		vnet_peerings_free(&peerings);
	}

	list_for_each_entry(net, net_list, exit_list) {
		pn = vnet_pernet(net);
		WARN_ON_ONCE(!xa_empty(&pn->networks));
		WARN_ON_ONCE(!list_empty(&pn->socks));
		WARN_ON_ONCE(!list_empty(&pn->peerings));
		vnet_routes_destroy(pn);
		mutex_destroy(&pn->lock);
		xa_destroy(&pn->networks);
		free_percpu(pn->drops);
	}
}

static struct pernet_operations vnet_net_ops = {
	.init = vnet_netns_init_net,
	.exit_batch = vnet_netns_exit_batch,
	.id = &vnet_net_id,
	.size = sizeof(struct vnet_pernet),
};

int __init vnet_netns_init(void)
{
	return register_pernet_device(&vnet_net_ops);
}

void vnet_netns_uninit(void)
{
	unregister_pernet_device(&vnet_net_ops);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: virtual networks overlaid on a substrate network, joined by a
 * peering router. Module entry points.
 */
#include <linux/module.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

#include "vnet.h"

struct workqueue_struct *vnet_wq;

static int __init vnet_init(void)
{
	int err;

	vnet_wq = alloc_workqueue("vnet", WQ_UNBOUND, 0);
	if (!vnet_wq)
		return -ENOMEM;
	err = vnet_netns_init();
	if (err)
		goto err_wq;
	/* ports are released by their netdevice's events until the last
	 * network, and its ports, are gone
	 */
	err = vnet_port_init();
	if (err)
		goto err_netns;
	err = vnet_device_init();
	if (err)
		goto err_port;
	err = vnet_nl_init();
	if (err)
		goto err_device;
	vnet_bench_init();
	return 0;

err_device:
	vnet_device_uninit();
err_port:
	vnet_port_uninit();
err_netns:
	vnet_netns_uninit();
err_wq:
	rcu_barrier();
	destroy_workqueue(vnet_wq);
	return err;
}

static void __exit vnet_exit(void)
{
	vnet_bench_uninit();
	vnet_nl_uninit();
	vnet_device_uninit();
	vnet_port_uninit();
	vnet_netns_uninit();
	/* ports and remote hosts are freed by RCU callbacks of this module,
	 * released tries by work queued after grace periods
	 */
	rcu_barrier();
	destroy_workqueue(vnet_wq);
}

module_init(vnet_init);
module_exit(vnet_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Virtual networks over a substrate network, and a peering router");
MODULE_AUTHOR("The vnet developers");
MODULE_ALIAS_RTNL_LINK("vnet");
MODULE_ALIAS_GENL_FAMILY(VNET_GENL_NAME);

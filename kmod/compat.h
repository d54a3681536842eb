/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vnet: what differs between the kernels vnet builds for (6.1 to 6.12), in
 * one place. Each helper names the newer kernel's way and falls back to the
 * older one; the rest of the module calls only the helpers.
 */
#ifndef _VNET_COMPAT_H
#define _VNET_COMPAT_H

#include <linux/netdevice.h>
#include <linux/version.h>
#include <net/genetlink.h>

/* The only place that compares versions (checkpatch warns of it here). */
#define VNET_KERNEL_AT_LEAST(major, minor) \
	(LINUX_VERSION_CODE >= KERNEL_VERSION(major, minor, 0))

/* 6.12 moved the unaligned accessors from asm/ to linux/ */
#if VNET_KERNEL_AT_LEAST(6, 12)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/*
 * vnet_dev_setup_compat - what a vnet device's setup says of it: it is
 * lockless (LLTX), never leaves its namespace, and counts its packets in
 * per-cpu tstats. 6.12 made the first two netdev bits instead of feature
 * flags; the second, netns_local, is netns_immutable (6.15's name) in later
 * 6.12 stable releases, which Kbuild finds in the headers. Since 6.7 the
 * core allocates and frees the tstats of a device that asks, after
 * ndo_init; the tunnel helpers of 6.12 count into them only if it asked.
 */
static inline void vnet_dev_setup_compat(struct net_device *dev)
{
#if VNET_KERNEL_AT_LEAST(6, 12)
	dev->lltx = true;
#ifdef VNET_HAVE_NETNS_IMMUTABLE
	dev->netns_immutable = true;
#else
	dev->netns_local = true;
#endif
#else
	dev->features |= NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
#endif
#if VNET_KERNEL_AT_LEAST(6, 7)
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
#endif
}

/* The tstats of a vnet device, in its ndo_init and ndo_uninit before 6.7 */
static inline int vnet_dev_alloc_tstats(struct net_device *dev)
{
#if !VNET_KERNEL_AT_LEAST(6, 7)
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
#endif
	return 0;
}

static inline void vnet_dev_free_tstats(struct net_device *dev)
{
#if !VNET_KERNEL_AT_LEAST(6, 7)
	free_percpu(dev->tstats);
#endif
}

/* The attributes of a dump request, parsed by the family's policy (6.2
 * put a whole genl_info in genl_dumpit_info).
 */
static inline struct nlattr **vnet_dump_attrs(struct netlink_callback *cb)
{
#if VNET_KERNEL_AT_LEAST(6, 2)
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

#endif /* _VNET_COMPAT_H */

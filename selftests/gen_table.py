#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Generate an Internet-like route table, the same every time for a seed.

Prefix lengths follow the shape of the global BGP table (IPv4: about 60%
/24, then /22, /23, /21, /20, /19, /16 ...; IPv6: about half /48, then /32,
/44, /40, /36, /29 ...). Prefixes cluster inside allocation blocks, as
announcements do inside the registries' allocations, and none is in private,
loopback, link-local or multicast space.

    gen_table.py [-4 N] [-6 N] [--seed S] [--format F] [options]

Formats, one line per prefix, IPv4 first:
    plain   the prefix
    vnet    route add PREFIX TABLE [via TARGET] [nexthop A]    (vnetctl -batch)
    ip      route add PREFIX dev DEV table T                     (ip -batch)
    vnetdel / ipdel: the same as deletions
"""
import argparse
import ipaddress
import random
import sys

V4_LENGTHS = {
    24: 600, 22: 115, 23: 95, 21: 55, 20: 50, 19: 30, 18: 15, 17: 10,
    16: 15, 15: 3, 14: 4, 13: 3, 12: 2, 11: 1, 10: 1, 9: 0.5, 8: 0.5,
}
V6_LENGTHS = {
    48: 500, 32: 120, 44: 80, 40: 80, 36: 40, 29: 40, 46: 30, 47: 20,
    42: 20, 45: 15, 33: 10, 34: 10, 28: 10, 38: 10, 35: 5, 30: 5, 31: 5,
    39: 5, 41: 5, 43: 5, 37: 3, 27: 2, 26: 1, 25: 1, 24: 1, 23: 1, 22: 1,
    21: 1, 20: 1, 19: 1,
}

# IPv4 space no global route covers
V4_RESERVED = [ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
    "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
    "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
    "224.0.0.0/3")]


def lengths(table, rng, n):
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys], k=n)


def v4_ok(net, plen):
    top = net >> 24
    if top == 0 or top == 10 or top == 127 or top >= 224:
        return False
    p = ipaddress.ip_network((net, plen))
    return not any(p.overlaps(r) for r in V4_RESERVED)


def gen(bits, table, n, nblocks, block_lens, rng, ok):
    """n distinct prefixes of a `bits`-bit family."""
    blocks = []
    while len(blocks) < nblocks:
        blen = rng.choice(block_lens)
        base = rng.getrandbits(blen) << (bits - blen)
        if ok(base, blen):
            blocks.append((base, blen))
    # some blocks announce much more than others
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(blocks))]
    out = set()
    while len(out) < n:
        want = n - len(out)
        lens = lengths(table, rng, want)
        picks = rng.choices(blocks, weights=weights, k=want)
        for plen, (base, blen) in zip(lens, picks):
            if plen >= blen:
                net = base | (rng.getrandbits(plen - blen) << (bits - plen)
                              if plen > blen else 0)
            else:
                net = rng.getrandbits(plen) << (bits - plen)
                if not ok(net, plen):
                    continue
            out.add((net, plen))
    return sorted(out)


def v4_table(n, rng):
    return gen(32, V4_LENGTHS, n, max(16, n // 20), [12, 13, 14, 15, 16],
               rng, v4_ok)


def v6_table(n, rng):
    # global unicast 2000::/3 from the registries' ranges: 2001::/16 to
    # 2c0f::/16, blocks of /19 to /32
    def ok(net, plen):
        top = net >> 112
        return 0x2001 <= top <= 0x2c0f
    return gen(128, V6_LENGTHS, n, max(16, n // 10), [19, 20, 22, 24, 29,
                                                       32], rng, ok)


def fmt(net, plen, bits):
    if bits == 32:
        return "%s/%d" % (ipaddress.IPv4Address(net), plen)
    return "%s/%d" % (ipaddress.IPv6Address(net), plen)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-4", dest="n4", type=int, default=0)
    ap.add_argument("-6", dest="n6", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", default="plain",
                    choices=["plain", "vnet", "vnetdel", "ip", "ipdel"])
    ap.add_argument("--table", default="peering tgw",
                    help="vnet: the table (default: peering tgw)")
    ap.add_argument("--via", default="network blue",
                    help="vnet: the target (default: network blue)")
    ap.add_argument("--nexthop4", help="vnet: next hop of IPv4 routes")
    ap.add_argument("--nexthop6", help="vnet: next hop of IPv6 routes")
    ap.add_argument("--extra", default="", help="vnet: words after each route")
    ap.add_argument("--dev", default="dummy0", help="ip: the device")
    ap.add_argument("--kernel-table", default="100", help="ip: the table")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    t4 = v4_table(a.n4, rng) if a.n4 else []
    t6 = v6_table(a.n6, rng) if a.n6 else []
    out = sys.stdout
    for bits, tab, nh in ((32, t4, a.nexthop4), (128, t6, a.nexthop6)):
        for net, plen in tab:
            p = fmt(net, plen, bits)
            if a.format == "plain":
                out.write(p + "\n")
            elif a.format == "vnet":
                out.write("route add %s %s via %s%s%s\n" % (
                    p, a.table, a.via, " nexthop " + nh if nh else "",
                    " " + a.extra if a.extra else ""))
            elif a.format == "vnetdel":
                out.write("route del %s %s%s\n" % (
                    p, a.table, " " + a.extra if a.extra else ""))
            elif a.format == "ip":
                out.write("route add %s dev %s table %s\n" % (
                    p, a.dev, a.kernel_table))
            else:
                out.write("route del %s dev %s table %s\n" % (
                    p, a.dev, a.kernel_table))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Random route tables for a peering router, and the answers a trivially
correct reference gives, for t_lpm.sh.

    lpm_routes.py gen STATE N SEED      N IPv4 and N IPv6 routes: prints the
                                        vnetctl batch that adds them
    lpm_routes.py probes STATE M        M addresses, half of them inside a
                                        route's prefix: prints the batch of
                                        "route get" for them
    lpm_routes.py check STATE GETS      compare the answers (vnetctl -j
                                        output of the probes) with the
                                        reference; prints the differences
    lpm_routes.py delete STATE FRACTION delete that share of the routes
    lpm_routes.py replace STATE FRACTION  give that share a new target

The routes go to networks n1 to n4 of the peering router tgw, or are
blackholes. STATE is a JSON file: the routes and the last probes.
"""
import ipaddress
import json
import random
import sys

TARGETS = ["n1", "n2", "n3", "n4", "blackhole"]


def load(path):
    with open(path) as f:
        return json.load(f)


def save(path, st):
    with open(path, "w") as f:
        json.dump(st, f)


def rand_v4(rng):
    while True:
        a = ipaddress.IPv4Address(rng.getrandbits(32))
        if not (a.is_multicast or a.is_reserved or int(a) >> 24 == 0 or
                a == ipaddress.IPv4Address("255.255.255.255")):
            return a


def rand_v6(rng):
    while True:
        a = ipaddress.IPv6Address(rng.getrandbits(128))
        if not (a.is_multicast or a.ipv4_mapped or a.is_unspecified or
                a.is_link_local or a.is_loopback):
            return a


def inside(rng, net):
    """A random address inside @net."""
    host = rng.getrandbits(net.max_prefixlen - net.prefixlen) if net.prefixlen < net.max_prefixlen else 0
    return type(net.network_address)(int(net.network_address) | host)


def gen(path, n, seed):
    rng = random.Random(seed)
    routes = {}
    for fam, bits, rand in ((4, 32, rand_v4), (6, 128, rand_v6)):
        nets = []
        while len(nets) < n:
            # half nested in one made before, the rest anywhere
            if nets and rng.random() < 0.5:
                base = ipaddress.ip_network(rng.choice(nets))
                plen = rng.randint(base.prefixlen, bits)
                addr = inside(rng, base)
            else:
                plen = rng.choice([rng.randint(8, 24), rng.randint(1, bits)]) if fam == 4 \
                    else rng.choice([rng.randint(16, 64), rng.randint(1, bits)])
                addr = rand(rng)
            net = str(ipaddress.ip_network("%s/%d" % (addr, plen), strict=False))
            if net in routes:
                continue
            routes[net] = rng.choice(TARGETS)
            nets.append(net)
    save(path, {"routes": routes, "seed": seed, "probes": []})
    for net, tgt in routes.items():
        print(line("add", net, tgt))


def line(cmd, net, tgt):
    if tgt == "blackhole":
        return "route %s %s peering tgw blackhole" % (cmd, net)
    return "route %s %s peering tgw via network %s" % (cmd, net, tgt)


def probes(path, m):
    st = load(path)
    rng = random.Random(st["seed"] * 7 + len(st["routes"]))
    nets = list(st["routes"])
    out = []
    for i in range(m):
        fam6 = i % 2
        if nets and rng.random() < 0.5:
            cands = [x for x in (rng.choice(nets) for _ in range(4)) if (":" in x) == bool(fam6)]
            if cands:
                a = inside(rng, ipaddress.ip_network(cands[0]))
                if not (a.is_multicast or int(a) == 0 or
                        (fam6 and (a.ipv4_mapped or a.is_link_local or a.is_loopback)) or
                        (not fam6 and (a.is_reserved or int(a) >> 24 == 0 or
                                       int(a) == 0xFFFFFFFF))):
                    out.append(str(a))
                    continue
        out.append(str(rand_v6(rng) if fam6 else rand_v4(rng)))
    st["probes"] = out
    save(path, st)
    for a in out:
        print("route get %s peering tgw" % a)


def reference(routes):
    """Per family and prefix length: network address -> target."""
    by = {}
    for net, tgt in routes.items():
        n = ipaddress.ip_network(net)
        by.setdefault((n.version, n.prefixlen), {})[int(n.network_address)] = (net, tgt)
    return by


def lookup(by, addr):
    a = ipaddress.ip_address(addr)
    bits = a.max_prefixlen
    for plen in range(bits, -1, -1):
        tbl = by.get((a.version, plen))
        if not tbl:
            continue
        key = int(a) & (((1 << plen) - 1) << (bits - plen))
        if key in tbl:
            return tbl[key]
    return None


def check(path, gets):
    st = load(path)
    by = reference(st["routes"])
    with open(gets) as f:
        answers = [json.loads(x) for x in f if x.startswith("{")]
    bad = 0
    if len(answers) != len(st["probes"]):
        print("%d answers to %d probes" % (len(answers), len(st["probes"])))
        bad += 1
    for addr, ans in zip(st["probes"], answers):
        exp = lookup(by, addr)
        r = ans.get("peering_route")
        got = r and (r["dst"], "blackhole" if r["type"] == "blackhole" else r["network"])
        if ans["address"] != addr or tuple(got or ()) != tuple(exp or ()):
            bad += 1
            if bad < 10:
                print("%s: reference %s, vnet %s" % (addr, exp, ans))
    print("%d probes, %d routes, %d differences" % (len(answers), len(st["routes"]), bad))
    return 1 if bad else 0


def delete(path, frac):
    st = load(path)
    rng = random.Random(st["seed"] * 13 + len(st["routes"]))
    for net in list(st["routes"]):
        if rng.random() < frac:
            print("route del %s peering tgw" % net)
            del st["routes"][net]
    save(path, st)


def replace(path, frac):
    st = load(path)
    rng = random.Random(st["seed"] * 17 + len(st["routes"]))
    for net in list(st["routes"]):
        if rng.random() < frac:
            tgt = rng.choice([t for t in TARGETS if t != st["routes"][net]])
            st["routes"][net] = tgt
            print(line("replace", net, tgt))
    save(path, st)


if __name__ == "__main__":
    cmd, path = sys.argv[1], sys.argv[2]
    if cmd == "gen":
        gen(path, int(sys.argv[3]), int(sys.argv[4]))
    elif cmd == "probes":
        probes(path, int(sys.argv[3]))
    elif cmd == "check":
        sys.exit(check(path, sys.argv[3]))
    elif cmd == "delete":
        delete(path, float(sys.argv[3]))
    elif cmd == "replace":
        replace(path, float(sys.argv[3]))

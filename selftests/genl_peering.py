#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Hand-made, mostly malformed, requests about peering routers,
attachments and routes; prints "CASE ERRNO MESSAGE" for each. Used by
t_peering.sh, which makes networks blue (10.1.0.0/16, fd00:1::/64), red
(10.2.0.0/16) and green (10.3.0.0/16, with a node 10.3.0.7), and the
peering routers tgw (blue and red attached) and other (none)."""
import socket
import struct

from genl import (Genl, run_cases, attr, nest, u8, u16, u32, strz, ip, network, NAME, IFINDEX,
                  A_FLAGS, F_REPLACE, F_DUMP, spec, spec_cmds, spec_attrs)

PEERING_NEW, PEERING_DEL, PEERING_GET, ATTACH_NEW, ATTACH_DEL = spec_cmds(
    "peering-new", "peering-del", "peering-get", "attach-new", "attach-del")
ROUTE_NEW, ROUTE_DEL, ROUTE_GET, ROUTE_FLUSH = spec_cmds(
    "route-new", "route-del", "route-get", "route-flush")
A_PEERING, A_ATTACH, A_ROUTE, A_LOOKUP = spec_attrs("vnet", "peering", "attach", "route", "lookup")
PE_NAME, PE_ATTACHMENTS, PE_ROUTES, PE_STATS, PE_HOSTS = spec_attrs(
    "peering", "name", "attachments", "routes", "stats", "hosts")
H_ADDR, H_ADDR6 = spec_attrs("host", "addr", "addr6")
AT_IFINDEX, AT_IFNAME, AT_ADDR, AT_ADDR6, AT_PROPAGATE = spec_attrs(
    "attach", "ifindex", "ifname", "addr", "addr6", "propagate")
AT_BGP, AT_ID = spec_attrs("attach", "bgp", "id")
B_ADDR, B_ASN, B_LOCAL_ASN, B_HOLD_TIME, B_MAX_PREFIX, B_MD5_KEY = spec_attrs(
    "bgp", "addr", "asn", "local-asn", "hold-time", "max-prefix", "md5-key")
B_TTL_SECURITY, B_IMPORT, B_EXPORT, B_MD5_SET = spec_attrs(
    "bgp", "ttl-security", "import", "export", "md5-set")
F_ADDR, F_LEN, F_MAX_LEN = spec_attrs("filter", "addr", "len", "max-len")
R_DST, R_DST_LEN, R_TYPE, R_PEERING, R_IFINDEX, R_IFNAME, R_NEXTHOP = spec_attrs(
    "route", "dst", "dst-len", "type", "peering", "ifindex", "ifname", "nexthop")
R_PROTO, R_METRIC, R_MULTIPATH = spec_attrs("route", "proto", "metric", "multipath")
NH_IFINDEX, NH_IFNAME, NH_ADDR = spec_attrs("nexthop", "ifindex", "ifname", "addr")
L_ADDR, L_RESULT = spec_attrs("lookup", "addr", "result")
BLACKHOLE = spec.enum("route-type").blackhole


def peering(name):
    return nest(A_PEERING, strz(PE_NAME, name))


def hosts(name, *entry):
    """peering router @name with one host of the attributes @entry (or
    none: an empty entry)"""
    return nest(A_PEERING, strz(PE_NAME, name), nest(PE_HOSTS, nest(1, *entry)))


def net(name):
    return network(strz(NAME, name))


def attach(*attrs):
    return nest(A_ATTACH, *attrs)


def bgp(*peers):
    """VNET_ATTACH_A_BGP with one entry a peer (each a tuple of attributes)"""
    return nest(AT_BGP, *(nest(i + 1, *p) for i, p in enumerate(peers)))


def peer(addr, asn=65003, local=65000, *more):
    return (ip(B_ADDR, addr), u32(B_ASN, asn), u32(B_LOCAL_ASN, local)) + more


def filt(t, *entries):
    """a prefix filter: entries (addr, len[, max_len])"""
    out = []
    for i, e in enumerate(entries):
        a = [ip(F_ADDR, e[0]), u8(F_LEN, e[1])]
        if len(e) > 2:
            a.append(u8(F_MAX_LEN, e[2]))
        out.append(nest(i + 1, *a))
    return nest(t, *out)


def green(*attrs):
    return TGW + net("green") + attach(ip(AT_ADDR, "10.3.0.1"), *attrs)


def hops(*entries):
    """VNET_ROUTE_A_MULTIPATH: entries (network, nexthop or None)"""
    out = []
    for i, (n, a) in enumerate(entries):
        e = [strz(NH_IFNAME, n)]
        if a:
            e.append(ip(NH_ADDR, a))
        out.append(nest(i + 1, *e))
    return nest(R_MULTIPATH, *out)


def route(dst, plen, *attrs):
    return nest(A_ROUTE, ip(R_DST, dst), u8(R_DST_LEN, plen), *attrs)


BLUE, TGW = net("blue"), peering("tgw")

CASES = [
    ("peering-no-nest", PEERING_NEW, b""),
    ("peering-no-name", PEERING_NEW, nest(A_PEERING)),
    ("peering-name-too-long", PEERING_NEW, peering("p" * 16)),
    ("peering-name-invalid", PEERING_NEW, peering("a/b")),
    ("peering-name-empty", PEERING_NEW, peering("")),
    ("peering-name-dots", PEERING_NEW, peering("..")),
    ("peering-routes-given", PEERING_NEW, nest(A_PEERING, strz(PE_NAME, "x"),
                                               u32(PE_ROUTES, 5))),
    ("peering-exists", PEERING_NEW, TGW),
    ("peering-hosts-v4-mapped", PEERING_NEW, hosts("x", ip(H_ADDR6, "::ffff:192.0.2.1"))),
    ("peering-hosts-addr6-4-bytes", PEERING_NEW, hosts("x", ip(H_ADDR6, "192.0.2.1"))),
    ("peering-hosts-two-addrs", PEERING_NEW, hosts("x", ip(H_ADDR, "192.0.2.1"),
                                                   ip(H_ADDR6, "fd99::1"))),
    ("peering-hosts-no-addr", PEERING_NEW, hosts("x")),
    ("peering-hosts-multicast", PEERING_NEW, hosts("x", ip(H_ADDR, "224.0.0.5"))),
    ("peering-hosts-loopback", PEERING_NEW, hosts("x", ip(H_ADDR, "127.0.0.1"))),
    ("peering-hosts-link-local", PEERING_NEW, hosts("x", ip(H_ADDR6, "fe80::1"))),
    ("peering-hosts-twice", PEERING_NEW, nest(A_PEERING, strz(PE_NAME, "x"), nest(
        PE_HOSTS, nest(1, ip(H_ADDR, "192.0.2.1")), nest(2, ip(H_ADDR, "192.0.2.1"))))),
    ("peering-hosts-65", PEERING_NEW, nest(A_PEERING, strz(PE_NAME, "x"), nest(
        PE_HOSTS, *(nest(i + 1, ip(H_ADDR, "192.0.%d.%d" % (i // 200, i % 200 + 1)))
                    for i in range(65))))),
    ("peering-set-unknown", PEERING_NEW, hosts("nosuch", ip(H_ADDR, "192.0.2.1")) +
     u32(A_FLAGS, F_REPLACE)),
    ("peering-del-unknown", PEERING_DEL, peering("nosuch")),
    ("peering-get-unknown", PEERING_GET, peering("nosuch")),
    ("attach-unknown-peering", ATTACH_NEW, peering("nosuch") + net("green") +
     attach(ip(AT_ADDR, "10.3.0.1"))),
    ("attach-unknown-network", ATTACH_NEW, TGW + net("nosuch") +
     attach(ip(AT_ADDR, "10.3.0.1"))),
    ("attach-no-attach-nest", ATTACH_NEW, TGW + net("green")),
    ("attach-no-address", ATTACH_NEW, TGW + net("green") + attach()),
    ("attach-twice", ATTACH_NEW, TGW + BLUE + attach(ip(AT_ADDR, "10.1.255.2"))),
    ("attach-addr-outside", ATTACH_NEW, TGW + net("green") + attach(ip(AT_ADDR, "10.9.0.1"))),
    ("attach-addr-node", ATTACH_NEW, TGW + net("green") + attach(ip(AT_ADDR, "10.3.0.7"))),
    ("attach-addr-multicast", ATTACH_NEW, TGW + net("green") + attach(ip(AT_ADDR, "224.0.0.1"))),
    ("attach-addr-another-peering", ATTACH_NEW, peering("other") + BLUE +
     attach(ip(AT_ADDR, "10.1.255.1"))),
    ("attach-addr6-4-bytes", ATTACH_NEW, TGW + net("green") +
     attach(attr(AT_ADDR6, b"\12\3\0\1"))),
    ("attach-addr6-outside", ATTACH_NEW, TGW + net("green") + attach(ip(AT_ADDR6, "fd00:9::1"))),
    ("attach-bgp-partial", ATTACH_NEW, green(bgp((ip(B_ADDR, "10.3.0.2"),)))),
    ("attach-bgp-no-local-asn", ATTACH_NEW, green(bgp((ip(B_ADDR, "10.3.0.2"),
                                                       u32(B_ASN, 65003))))),
    ("attach-bgp-asn-0", ATTACH_NEW, green(bgp(peer("10.3.0.2", 0)))),
    ("attach-bgp-ibgp", ATTACH_NEW, green(bgp(peer("10.3.0.2", 65000, 65000)))),
    ("attach-bgp-peer-outside", ATTACH_NEW, green(bgp(peer("10.9.0.2")))),
    ("attach-bgp-peer-self", ATTACH_NEW, green(bgp(peer("10.3.0.1")))),
    ("attach-bgp-peer-twice", ATTACH_NEW, green(bgp(peer("10.3.0.2"), peer("10.3.0.2")))),
    ("attach-bgp-five-peers", ATTACH_NEW, green(bgp(*(peer("10.3.0.%d" % i)
                                                      for i in range(2, 7))))),
    ("attach-bgp-hold-time-2", ATTACH_NEW, green(bgp(peer("10.3.0.2", 65003, 65000,
                                                          u16(B_HOLD_TIME, 2))))),
    ("attach-bgp-md5-81", ATTACH_NEW, green(bgp(peer("10.3.0.2", 65003, 65000,
                                                     attr(B_MD5_KEY, b"k" * 81))))),
    ("attach-bgp-md5-set-given", ATTACH_NEW, green(bgp(peer("10.3.0.2", 65003, 65000,
                                                            attr(B_MD5_SET, b""))))),
    ("attach-bgp-filter-le-short", ATTACH_NEW, green(bgp(peer(
        "10.3.0.2", 65003, 65000, filt(B_IMPORT, ("10.0.0.0", 8, 7)))))),
    ("attach-bgp-filter-le-33", ATTACH_NEW, green(bgp(peer(
        "10.3.0.2", 65003, 65000, filt(B_EXPORT, ("10.0.0.0", 8, 33)))))),
    ("attach-bgp-filter-host-bits", ATTACH_NEW, green(bgp(peer(
        "10.3.0.2", 65003, 65000, filt(B_IMPORT, ("10.0.0.1", 8)))))),
    ("attach-bgp-filter-no-len", ATTACH_NEW, green(bgp(peer(
        "10.3.0.2", 65003, 65000, nest(B_IMPORT, nest(1, ip(F_ADDR, "10.0.0.0"))))))),
    ("attach-bgp-filter-33", ATTACH_NEW, green(bgp(peer(
        "10.3.0.2", 65003, 65000, filt(B_IMPORT, *(("10.%d.0.0" % i, 16)
                                                   for i in range(33))))))),
    ("attach-id-given", ATTACH_NEW, TGW + net("green") + attach(
        ip(AT_ADDR, "10.3.0.1"), u32(AT_ID, 300))),
    ("attach-ifindex-given", ATTACH_NEW, TGW + net("green") + attach(
        ip(AT_ADDR, "10.3.0.1"), u32(AT_IFINDEX, 1))),
    ("detach-not-attached", ATTACH_DEL, TGW + net("green")),
    ("route-no-table", ROUTE_NEW, route("10.2.0.0", 16, strz(R_PEERING, "tgw"))),
    ("route-two-tables", ROUTE_NEW, BLUE + TGW + route("10.2.0.0", 16, strz(R_PEERING, "tgw"))),
    ("route-no-route-nest", ROUTE_NEW, BLUE),
    ("route-no-dst-len", ROUTE_NEW, BLUE + nest(A_ROUTE, ip(R_DST, "10.2.0.0"),
                                                 strz(R_PEERING, "tgw"))),
    ("route-host-bits", ROUTE_NEW, BLUE + route("10.2.0.1", 16, strz(R_PEERING, "tgw"))),
    ("route-v6-host-bits", ROUTE_NEW, BLUE + route("fd00:2::1", 64, strz(R_PEERING, "tgw"))),
    ("route-len-33", ROUTE_NEW, BLUE + route("10.2.0.0", 33, strz(R_PEERING, "tgw"))),
    ("route-len-129", ROUTE_NEW, BLUE + route("fd00:2::", 129, strz(R_PEERING, "tgw"))),
    ("route-v4-mapped", ROUTE_NEW, BLUE + route("::ffff:10.2.0.0", 112, strz(R_PEERING, "tgw"))),
    ("route-dst-5-bytes", ROUTE_NEW, BLUE + nest(A_ROUTE, attr(R_DST, b"\12\2\0\0\0"),
                                                  u8(R_DST_LEN, 16), strz(R_PEERING, "tgw"))),
    ("route-network-via-network", ROUTE_NEW, BLUE + route("10.2.0.0", 16, strz(R_IFNAME, "red"))),
    ("route-peering-via-peering", ROUTE_NEW, TGW + route("10.2.0.0", 16, strz(R_PEERING, "tgw"))),
    ("route-unknown-peering", ROUTE_NEW, BLUE + route("10.2.0.0", 16, strz(R_PEERING, "nosuch"))),
    ("route-peering-not-attached", ROUTE_NEW, BLUE + route("10.2.0.0", 16,
                                                           strz(R_PEERING, "other"))),
    ("route-network-not-attached", ROUTE_NEW, TGW + route("10.3.0.0", 16, strz(R_IFNAME, "green"))),
    ("route-unknown-ifindex", ROUTE_NEW, TGW + route("10.3.0.0", 16, u32(R_IFINDEX, 0xFFFFFF))),
    ("route-nexthop-outside", ROUTE_NEW, TGW + route("192.168.5.0", 24, strz(R_IFNAME, "red"),
                                                     ip(R_NEXTHOP, "10.1.0.5"))),
    ("route-nexthop-multicast", ROUTE_NEW, TGW + route("192.168.5.0", 24, strz(R_IFNAME, "red"),
                                                       ip(R_NEXTHOP, "224.0.0.5"))),
    ("route-nexthop-in-network-table", ROUTE_NEW, BLUE + route(
        "10.2.0.0", 16, strz(R_PEERING, "tgw"), ip(R_NEXTHOP, "10.2.0.5"))),
    ("route-blackhole-with-target", ROUTE_NEW, BLUE + route(
        "10.2.0.0", 16, u8(R_TYPE, BLACKHOLE), strz(R_PEERING, "tgw"))),
    ("route-no-target", ROUTE_NEW, BLUE + route("10.2.0.0", 16)),
    ("route-type-3", ROUTE_NEW, BLUE + route("10.2.0.0", 16, u8(R_TYPE, 3))),
    ("route-unknown-network-table", ROUTE_NEW, net("nosuch") + route(
        "10.2.0.0", 16, strz(R_PEERING, "tgw"))),
    ("route-unknown-peering-table", ROUTE_NEW, peering("nosuch") + route(
        "10.2.0.0", 16, strz(R_IFNAME, "red"))),
    ("route-multipath-in-network-table", ROUTE_NEW, BLUE + route(
        "10.2.0.0", 16, strz(R_PEERING, "tgw"), hops(("red", None)))),
    ("route-multipath-and-ifname", ROUTE_NEW, TGW + route(
        "10.7.0.0", 16, strz(R_IFNAME, "red"), hops(("red", "10.2.0.5")))),
    ("route-multipath-empty", ROUTE_NEW, TGW + route("10.7.0.0", 16, nest(R_MULTIPATH))),
    ("route-multipath-twice", ROUTE_NEW, TGW + route(
        "10.7.0.0", 16, hops(("red", "10.2.0.5"), ("red", "10.2.0.5")))),
    ("route-multipath-17", ROUTE_NEW, TGW + route(
        "10.7.0.0", 16, hops(*(("red", "10.2.0.%d" % i) for i in range(1, 18))))),
    ("route-multipath-not-attached", ROUTE_NEW, TGW + route(
        "10.7.0.0", 16, hops(("red", "10.2.0.5"), ("green", "10.3.0.5")))),
    ("route-multipath-outside", ROUTE_NEW, TGW + route(
        "10.7.0.0", 16, hops(("red", "10.2.0.5"), ("blue", "10.2.0.6")))),
    ("route-multipath-blackhole", ROUTE_NEW, TGW + route(
        "10.7.0.0", 16, u8(R_TYPE, BLACKHOLE), hops(("red", "10.2.0.5")))),
    ("route-proto-attach", ROUTE_NEW, TGW + route(
        "10.2.0.0", 16, strz(R_IFNAME, "red"), u8(R_PROTO, spec.const("rtprot-attach")))),
    ("route-add", ROUTE_NEW, BLUE + route("10.2.0.0", 16, strz(R_PEERING, "tgw"))),
    ("route-add-again", ROUTE_NEW, BLUE + route("10.2.0.0", 16, strz(R_PEERING, "tgw"))),
    ("route-replace-missing", ROUTE_NEW, BLUE + route("10.2.0.0", 16, strz(R_PEERING, "tgw"),
                                                      u32(R_METRIC, 7)) + u32(A_FLAGS, F_REPLACE)),
    ("route-del-unknown", ROUTE_DEL, BLUE + route("10.2.0.0", 24)),
    ("route-del-other-metric", ROUTE_DEL, BLUE + route("10.2.0.0", 16, u32(R_METRIC, 7))),
    ("route-flush-no-table", ROUTE_FLUSH, b""),
    ("lookup-no-addr", ROUTE_GET, BLUE + nest(A_LOOKUP)),
    ("lookup-result-given", ROUTE_GET, BLUE + nest(A_LOOKUP, ip(L_ADDR, "10.2.0.1"),
                                                   u8(L_RESULT, 1))),
    ("lookup-multicast", ROUTE_GET, BLUE + nest(A_LOOKUP, ip(L_ADDR, "224.0.0.1"))),
    ("dump-no-table", ROUTE_GET, b"", {"flags": F_DUMP}),
]


def groups():
    """The vnet family's multicast groups: name -> id."""
    g = Genl()
    g.family = 0x10  # GENL_ID_CTRL: CTRL_CMD_GETFAMILY
    replies, err, _ = g.talk(3, strz(2, spec.name), version=1)
    out = {}
    for grp in Genl.attrs(Genl.attrs(replies[0]).get(7, b"")).values():
        a = Genl.attrs(grp)
        out[a[1].rstrip(b"\0").decode()] = struct.unpack("I", a[2])[0]
    return out


def listen(group, seconds):
    """Print the commands of the events of @group for @seconds, one a line
    ("ready" first, once joined)."""
    import select
    import time
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
    s.bind((0, 0))
    s.setsockopt(270, 1, groups()[group])  # NETLINK_ADD_MEMBERSHIP
    print("ready", flush=True)
    end = time.time() + seconds
    while time.time() < end:
        if not select.select([s], [], [], max(0, end - time.time()))[0]:
            continue
        buf = s.recv(65536)
        off = 0
        while off + 20 <= len(buf):
            n = struct.unpack_from("I", buf, off)[0]
            print(buf[off + 16], flush=True)
            off += (n + 3) & ~3


def key_seen(name, key):
    """Does a GET, and a dump, of peering router @name carry @key?"""
    g = Genl()
    replies, err, _ = g.talk(PEERING_GET, peering(name))
    get = err == 0 and any(key in r for r in replies)
    replies, err, _ = g.talk(PEERING_GET, b"", flags=F_DUMP)
    dump = err == 0 and any(key in r for r in replies)
    print("get", "yes" if get else "no", "dump", "yes" if dump else "no")


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 4 and sys.argv[1] == "key":
        key_seen(sys.argv[2], sys.argv[3].encode())
    elif len(sys.argv) == 4 and sys.argv[1] == "listen":
        listen(sys.argv[2], float(sys.argv[3]))
    else:
        run_cases(Genl(), CASES)

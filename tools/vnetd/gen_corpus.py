#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the seed corpus of vnetd's BGP message fuzzer (fuzz_msg.c).

Each seed is a stream of BGP messages as a peer sends them: an OPEN, a
KEEPALIVE, then UPDATEs and the rest, in the style of BIRD and FRR (their
capabilities, attribute orders and next hop forms), over IPv4 and IPv6, with
End-of-RIB markers; sessions of the vnet mesh (the vnet capability, routes
with VNET_HOPS); and one stream per class of malformed message the codec
checks (RFC 4271, 4760, 6793, 7606, the vnet extensions), each followed by
a good UPDATE so that the fuzzer sees the stream go on. Standard library
only and deterministic: the same files, byte for byte, on every run.

usage: gen_corpus.py OUTDIR
"""

import base64
import os
import random
import struct
import sys

MARKER = b"\xff" * 16
OPEN, UPDATE, NOTIFICATION, KEEPALIVE, REFRESH = 1, 2, 3, 4, 5
LOCAL_AS = 65000            # the harness's: an OPEN from it is iBGP


def msg(mtype, body):
    return MARKER + struct.pack("!HB", 19 + len(body), mtype) + body


def keepalive():
    return msg(KEEPALIVE, b"")


def cap(code, val=b""):
    return bytes([code, len(val)]) + val


def cap_mp(afi, safi=1):
    return cap(1, struct.pack("!HBB", afi, 0, safi))


def cap_as4(asn):
    return cap(65, struct.pack("!I", asn))


def cap_gr(flags, time, afs):
    val = struct.pack("!H", (flags << 12) | time)
    for afi, safi, fbits in afs:
        val += struct.pack("!HBB", afi, safi, fbits)
    return cap(64, val)


def cap_vnet(name):
    return cap(239, name)


def open_msg(asn, caps, hold=90, bgp_id="192.0.2.1", my_as=None,
             version=4, params=None):
    if my_as is None:
        my_as = asn if asn <= 0xffff else 23456
    if params is None:
        params = bytes([2, len(caps)]) + caps
    body = struct.pack("!BHH4sB", version, my_as, hold, ip4(bgp_id),
                       len(params)) + params
    return msg(OPEN, body)


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def ip6(s):
    """A small inet_pton for the forms used here."""
    if "::" in s:
        head, tail = s.split("::")
        h = [x for x in head.split(":") if x]
        t = [x for x in tail.split(":") if x]
        words = h + ["0"] * (8 - len(h) - len(t)) + t
    else:
        words = s.split(":")
    return b"".join(struct.pack("!H", int(w, 16)) for w in words)


def pfx(s):
    addr, plen = s.split("/")
    plen = int(plen)
    raw = ip6(addr) if ":" in addr else ip4(addr)
    return bytes([plen]) + raw[:(plen + 7) // 8]


def pfxs(*ss):
    return b"".join(pfx(s) for s in ss)


def attr(flags, code, val):
    if len(val) > 255 and not flags & 0x10:
        flags |= 0x10
    if flags & 0x10:
        return bytes([flags, code]) + struct.pack("!H", len(val)) + val
    return bytes([flags, code, len(val)]) + val


def origin(v=0):
    return attr(0x40, 1, bytes([v]))


def seg(stype, *asns):
    return bytes([stype, len(asns)]) + b"".join(
        struct.pack("!I", a) for a in asns)


def as_path(*segs):
    return attr(0x40, 2, b"".join(segs))


def next_hop(s):
    return attr(0x40, 3, ip4(s))


def med(v):
    return attr(0x80, 4, struct.pack("!I", v))


def local_pref(v):
    return attr(0x40, 5, struct.pack("!I", v))


def communities(*cs):
    return attr(0xc0, 8, b"".join(struct.pack("!HH", a, b) for a, b in cs))


def large_communities(*cs):
    return attr(0xc0, 32, b"".join(struct.pack("!III", *c) for c in cs))


def ext_communities(*cs):
    return attr(0xc0, 16, b"".join(cs))


def hop(vni, addr):
    raw = ip6(addr) if ":" in addr else ip4(addr)
    return struct.pack("!IB", vni, len(raw)) + raw


def vnet_hops(*hops, flags=0x80):
    return attr(flags, 255, b"".join(hops))


def mp_reach(afi, nh, nlri, safi=1, flags=0x80):
    return attr(flags, 14, struct.pack("!HBB", afi, safi, len(nh)) + nh +
                b"\x00" + nlri)


def mp_unreach(afi, nlri, safi=1, flags=0x80):
    return attr(flags, 15, struct.pack("!HB", afi, safi) + nlri)


def update(withdrawn=b"", attrs=b"", nlri=b""):
    return msg(UPDATE, struct.pack("!H", len(withdrawn)) + withdrawn +
               struct.pack("!H", len(attrs)) + attrs + nlri)


def eor4():
    return update()


def eor6():
    return update(attrs=mp_unreach(2, b""))


def notification(code, sub, data=b""):
    return msg(NOTIFICATION, bytes([code, sub]) + data)


def refresh(afi, safi=1, subtype=0):
    return msg(REFRESH, struct.pack("!HBB", afi, subtype, safi))


# Speakers

BIRD_AS, FRR_AS, BIG_AS = 65001, 65002, 4200000001

BIRD_CAPS = (cap_mp(1) + cap_mp(2) + cap(2) + cap(70) +
             cap_gr(0x8, 120, [(1, 1, 0x80), (2, 1, 0x80)]) +
             cap_as4(BIRD_AS) + cap(69, b"\x00\x01\x01\x01") + cap(6))

FRR_CAPS = (cap_mp(1) + cap(128) + cap(2) + cap(70) + cap_as4(FRR_AS) +
            cap(69, b"\x00\x01\x01\x01") +
            cap(73, b"\x04edge\x00") + cap_gr(0xc, 120, []) +
            cap(71, b"") + cap_mp(2))

# FRR sends one capability per optional parameter
FRR_PARAMS = b"".join(bytes([2, len(c)]) + c for c in (
    cap_mp(1), cap(128), cap(2), cap(70), cap_as4(FRR_AS),
    cap(73, b"\x04edge\x00"), cap_gr(0x4, 120, []), cap_mp(2)))

NH6 = ip6("2001:db8::1")
LL6 = ip6("fe80::200:ff:fe00:1")
GOOD_V4 = (origin() + as_path(seg(2, BIRD_AS, 64512)) +
           next_hop("192.0.2.1"))


def good_update():
    return update(attrs=GOOD_V4, nlri=pfxs("198.51.100.0/24"))


# the vnet mesh: sessions in LOCAL_AS, both ends with the capability
MESH_CAPS = cap_mp(1) + cap_mp(2) + cap(2)
MESH_HOP4 = hop(100, "192.0.2.10")
MESH_HOP6 = hop(0xffffff, "2001:db8::1")
MESH_V4 = origin() + as_path() + next_hop("192.0.2.1")


def mesh_open(name=b"rtr-1", asn=LOCAL_AS, bgp_id="10.0.1.1"):
    return open_msg(asn, MESH_CAPS + cap_as4(asn) + cap_vnet(name),
                    bgp_id=bgp_id)


def good_vnet_update():
    return update(attrs=MESH_V4 + vnet_hops(MESH_HOP4),
                  nlri=pfxs("198.51.100.0/24"))


def v4_prefixes(rng, n):
    out = []
    for _ in range(n):
        plen = rng.choice([8, 16, 19, 20, 22, 23, 24, 24, 24, 32])
        addr = rng.getrandbits(32) & ((0xffffffff << (32 - plen)) &
                                      0xffffffff)
        out.append(bytes([plen]) + addr.to_bytes(4, "big")[:(plen + 7) // 8])
    return out


def v6_prefixes(rng, n):
    out = []
    for _ in range(n):
        plen = rng.choice([32, 40, 44, 48, 48, 48, 56, 64, 128])
        addr = (0x2001 << 112) | rng.getrandbits(112)
        addr &= ((1 << 128) - 1) ^ ((1 << (128 - plen)) - 1)
        out.append(bytes([plen]) +
                   addr.to_bytes(16, "big")[:(plen + 7) // 8])
    return out


def fill(prefixes, room):
    """As many of prefixes as fit in room bytes, and the rest."""
    out, used = b"", 0
    for i, p in enumerate(prefixes):
        if used + len(p) > room:
            return out, prefixes[i:]
        out += p
        used += len(p)
    return out, []


def full_v4(rng, attrs, count):
    msgs, rest = [], v4_prefixes(rng, count)
    while rest:
        nlri, rest = fill(rest, 4096 - 23 - len(attrs))
        msgs.append(update(attrs=attrs, nlri=nlri))
    return msgs


def full_v6(rng, head, tail, nh, count):
    msgs, rest = [], v6_prefixes(rng, count)
    while rest:
        room = 4096 - 23 - len(head) - len(tail) - 4 - 4 - len(nh) - 1
        nlri, rest = fill(rest, room)
        msgs.append(update(attrs=head + mp_reach(2, nh, nlri) + tail))
    return msgs


def session_seeds(rng):
    seeds = {}
    bird_open = open_msg(BIRD_AS, BIRD_CAPS, hold=240, bgp_id="10.0.0.1")
    frr_open = open_msg(FRR_AS, b"", hold=180, bgp_id="10.0.0.2",
                        params=FRR_PARAMS)
    ibgp_open = open_msg(LOCAL_AS, cap_mp(1) + cap_mp(2) + cap(2) +
                         cap_as4(LOCAL_AS), bgp_id="10.0.0.3")
    big_open = open_msg(BIG_AS, cap_mp(1) + cap_as4(BIG_AS) +
                        cap_gr(0x8, 300, [(1, 1, 0x80)]),
                        bgp_id="10.0.0.4")
    v4only_open = open_msg(64513, cap_as4(64513), bgp_id="10.0.0.5")

    bird_v4 = [
        update(attrs=origin() + as_path(seg(2, BIRD_AS)) +
               next_hop("192.0.2.1") + communities((BIRD_AS, 100)) +
               large_communities((BIRD_AS, 1, 2)),
               nlri=pfxs("198.51.100.0/24", "203.0.113.0/25",
                         "203.0.113.128/25")),
        update(attrs=origin(2) + as_path(seg(2, BIRD_AS, 64512, 64512)) +
               next_hop("192.0.2.1") + med(10),
               nlri=pfxs("10.0.0.0/8", "172.16.0.0/12")),
        update(attrs=origin(1) + as_path(seg(2, BIRD_AS),
                                         seg(1, 64600, 64601)) +
               next_hop("192.0.2.1") + attr(0x40, 6, b"") +
               attr(0xc0, 7, struct.pack("!I", 64600) + ip4("192.0.2.9")),
               nlri=pfxs("192.168.0.0/16")),
        update(withdrawn=pfxs("203.0.113.128/25")),
    ]
    seeds["bird-ebgp-v4"] = ([bird_open, keepalive()] + bird_v4 +
                             [eor4(), keepalive()])
    bird_v6 = [
        update(attrs=mp_reach(2, NH6 + LL6,
                              pfxs("2001:db8:1::/48", "2001:db8:2::/48")) +
               origin() + as_path(seg(2, BIRD_AS)) +
               communities((BIRD_AS, 200))),
        update(attrs=mp_reach(2, NH6, pfxs("2001:db8:100::/40",
                                           "2001:db8:ffff::1/128")) +
               origin(2) + as_path(seg(2, BIRD_AS, 64512)) + med(5)),
        update(attrs=mp_unreach(2, pfxs("2001:db8:2::/48"))),
    ]
    seeds["bird-ebgp-v6"] = ([bird_open, keepalive()] + bird_v6 +
                             [eor6(), eor4(), keepalive()])
    seeds["bird-ebgp-dual-refresh"] = (
        [bird_open, keepalive()] + bird_v4[:2] + bird_v6[:1] +
        [eor4(), eor6(), refresh(1), refresh(2), refresh(2, subtype=1),
         refresh(2, subtype=2), refresh(1, safi=128), keepalive()])

    frr_v4 = [
        update(attrs=origin() + as_path(seg(2, FRR_AS, 65010)) +
               next_hop("198.18.0.1") + med(0) +
               ext_communities(b"\x00\x02\xfd\xea\x00\x00\x00\x01"),
               nlri=pfxs("100.64.0.0/10", "100.64.1.0/24")),
        update(attrs=mp_reach(1, ip4("198.18.0.1"),
                              pfxs("100.65.0.0/16")) + origin() +
               as_path(seg(2, FRR_AS))),
        update(attrs=mp_unreach(1, pfxs("100.65.0.0/16"))),
    ]
    frr_v6 = [
        update(attrs=mp_reach(2, NH6 + LL6, pfxs("2001:db8:aa::/48")) +
               origin() + as_path(seg(2, FRR_AS)) + med(0)),
        update(attrs=mp_reach(2, LL6 + LL6, pfxs("2001:db8:bb::/48")) +
               origin() + as_path(seg(2, FRR_AS))),
    ]
    seeds["frr-ebgp"] = ([frr_open, keepalive()] + frr_v4 + frr_v6 +
                         [update(attrs=mp_unreach(1, b"")), eor6(),
                          keepalive(), notification(6, 2, b"\x07bye now")])

    seeds["ibgp-rr"] = [
        ibgp_open, keepalive(),
        update(attrs=origin() + as_path() + next_hop("10.1.1.1") +
               local_pref(200) + attr(0x80, 9, ip4("10.9.9.9")) +
               attr(0x80, 10, ip4("10.0.0.1") + ip4("10.0.0.2")),
               nlri=pfxs("10.20.0.0/16")),
        update(attrs=origin() + as_path(seg(3, 65100), seg(2, 65010)) +
               next_hop("10.1.1.2") + local_pref(100),
               nlri=pfxs("10.21.0.0/16")),
        update(attrs=mp_reach(2, NH6, pfxs("2001:db8:cc::/48")) +
               origin() + as_path(seg(4, 65100, 65101)) + local_pref(50)),
        eor4(), eor6(),
    ]

    attrs = (origin() + as_path(seg(2, BIG_AS, 174, 3356)) +
             next_hop("203.0.113.1") + communities((174, 21000)))
    seeds["as4-full-v4"] = ([big_open, keepalive()] +
                            full_v4(rng, attrs, 2500) + [eor4()])
    head = b""
    tail = origin() + as_path(seg(2, FRR_AS, 6939))
    seeds["full-v6"] = ([frr_open, keepalive()] +
                        full_v6(rng, head, tail, NH6 + LL6, 1200) +
                        [eor6()])
    seeds["v4-only-peer"] = [v4only_open, keepalive(), bird_v4[0],
                             bird_v6[0], eor4(), eor6()]
    # AS4_PATH, AS4_AGGREGATOR, a repeat, unknown optional ones
    seeds["odd-attrs"] = [
        bird_open, keepalive(),
        update(attrs=GOOD_V4 + attr(0xc0, 17, seg(2, 65001)) +
               attr(0xc0, 18, struct.pack("!I", 65001) + ip4("1.2.3.4")) +
               attr(0xe0, 99, b"partial") + attr(0x80, 100, b"") +
               origin(1), nlri=pfxs("198.51.100.0/24")),
        update(attrs=GOOD_V4 + attr(0x50, 1, b"\x00"),
               nlri=pfxs("198.51.100.0/24")),
    ]
    mesh = [
        update(attrs=MESH_V4 + med(10) + vnet_hops(MESH_HOP4),
               nlri=pfxs("10.30.0.0/16", "10.31.0.0/24")),
        update(attrs=mp_reach(2, NH6, pfxs("2001:db8:30::/48")) +
               origin() + as_path(seg(2, 65010)) + med(0) +
               vnet_hops(MESH_HOP6, MESH_HOP4)),
        update(attrs=mp_reach(2, NH6 + LL6, pfxs("2001:db8:31::/48")) +
               origin() + as_path() +
               vnet_hops(*[hop(i, "2001:db8::%x" % (i + 1))
                           for i in range(16)])),
        update(attrs=MESH_V4 + vnet_hops(MESH_HOP4, flags=0x90),
               nlri=pfxs("10.32.0.0/16")),
        update(withdrawn=pfxs("10.31.0.0/24")),
        update(attrs=mp_unreach(2, pfxs("2001:db8:30::/48"))),
    ]
    seeds["vnet-mesh"] = ([mesh_open(), keepalive()] + mesh +
                          [eor4(), eor6(), refresh(1), keepalive()])
    # an external peer with the capability: a mesh session all the same
    seeds["vnet-mesh-ebgp"] = ([mesh_open(b"Peer_2.x", asn=FRR_AS),
                                keepalive()] + mesh[:2] + [eor4()])
    # VNET_HOPS off the mesh: an unknown optional attribute
    seeds["vnet-hops-off-mesh"] = [
        ibgp_open, keepalive(), mesh[0], mesh[1],
        update(attrs=MESH_V4 + vnet_hops(hop(1 << 24, "192.0.2.10")),
               nlri=pfxs("10.33.0.0/16")),
        update(attrs=MESH_V4 + vnet_hops(), nlri=pfxs("10.33.0.0/16")),
        eor4()]
    seeds["notifications"] = [
        bird_open, notification(6, 1, b"\x00\x01\x01\x00\x00\x03\xe8"),
        notification(2, 7, cap_as4(0)), notification(3, 11),
        notification(6, 4, bytes([200]) + b"x" * 200), notification(4, 0),
    ]
    return seeds


def malformed_seeds():
    """One stream per class of error the codec checks."""
    opn = open_msg(BIRD_AS, cap_mp(1) + cap_mp(2) + cap_as4(BIRD_AS))
    ibgp = open_msg(LOCAL_AS, cap_mp(1) + cap_mp(2) + cap_as4(LOCAL_AS))
    n24 = pfxs("198.51.100.0/24")
    w24 = pfxs("203.0.113.0/24")
    o, p, nh = origin(), as_path(seg(2, BIRD_AS)), next_hop("192.0.2.1")
    base = o + p + nh
    mp6 = mp_reach(2, NH6, pfxs("2001:db8::/32"))

    def raw_update(body):
        return msg(UPDATE, body)

    cases = {
        # RFC 7606 4 and the field lengths
        "wdr-len-overrun": raw_update(b"\x00\x40" + w24 + b"\x00\x00"),
        "attr-len-overrun": raw_update(b"\x00\x00\x00\x40" + base + n24),
        "attr-overruns-list": update(attrs=base + b"\xc0\x08\x08\x00\x01",
                                     nlri=n24),
        "attr-overruns-list-no-nlri": update(w24, base + b"\xc0\x08\x08"),
        "attr-header-truncated": update(attrs=base + b"\xc0\x63",
                                        nlri=n24),
        "ext-header-truncated": update(attrs=base + b"\xd0\x63\x00",
                                       nlri=n24),
        "mp-reach-overrun": update(attrs=o + p + mp6[:-1] + b""),
        "mp-unreach-truncated": update(attrs=b"\x80\x0f"),
        "mp-reach-twice": update(attrs=mp6 + mp6 + o + p),
        "mp-unreach-twice": update(attrs=mp_unreach(2, b"") * 2),
        "origin-twice": update(attrs=base + origin(2), nlri=n24),
        "well-known-unknown": update(attrs=base + attr(0x40, 99, b"ab"),
                                     nlri=n24),
        # RFC 7606 7.1 - 7.10
        "origin-len": update(attrs=attr(0x40, 1, b"\x00\x00") + p + nh,
                             nlri=n24),
        "origin-value": update(attrs=origin(3) + p + nh, nlri=n24),
        "origin-flags": update(attrs=attr(0xc0, 1, b"\x00") + p + nh,
                               nlri=n24),
        "origin-missing": update(attrs=p + nh, nlri=n24),
        "origin-bad-no-nlri": update(w24, origin(3) + p + nh),
        "aspath-type": update(attrs=o + attr(0x40, 2, seg(5, 1)) + nh,
                              nlri=n24),
        "aspath-empty-seg": update(attrs=o + attr(0x40, 2, b"\x02\x00") +
                                   nh, nlri=n24),
        "aspath-overrun": update(attrs=o + attr(0x40, 2, b"\x02\x03" +
                                                struct.pack("!II", 1, 2)) +
                                 nh, nlri=n24),
        "aspath-trailing": update(attrs=o + attr(0x40, 2, seg(2, 1) +
                                                 b"\x02") + nh, nlri=n24),
        "aspath-confed-ebgp": update(attrs=o + as_path(seg(3, 65100)) +
                                     nh, nlri=n24),
        "aspath-as0": update(attrs=o + as_path(seg(2, 65001, 0)) + nh,
                             nlri=n24),
        "aspath-missing": update(attrs=o + nh, nlri=n24),
        "nexthop-len": update(attrs=o + p + attr(0x40, 3, b"\x01\x02\x03"),
                              nlri=n24),
        "nexthop-zero": update(attrs=o + p + next_hop("0.0.0.0"),
                               nlri=n24),
        "nexthop-multicast": update(attrs=o + p + next_hop("224.0.0.5"),
                                    nlri=n24),
        "nexthop-broadcast": update(attrs=o + p +
                                    next_hop("255.255.255.255"), nlri=n24),
        "nexthop-missing": update(attrs=o + p, nlri=n24),
        "med-len": update(attrs=base + attr(0x80, 4, b"\x00\x07"),
                          nlri=n24),
        "med-flags": update(attrs=base + attr(0x40, 4, b"\x00\x00\x00\x07"),
                            nlri=n24),
        "localpref-ebgp": update(attrs=base + local_pref(100), nlri=n24),
        "atomic-len": update(attrs=base + attr(0x40, 6, b"\x00"), nlri=n24),
        "aggregator-len": update(attrs=base + attr(0xc0, 7, b"\xfd\xe9" +
                                                   ip4("1.2.3.4")),
                                 nlri=n24),
        "aggregator-as0": update(attrs=base + attr(0xc0, 7, bytes(4) +
                                                   ip4("1.2.3.4")),
                                 nlri=n24),
        "communities-len": update(attrs=base + attr(0xc0, 8, b"\x00" * 6),
                                  nlri=n24),
        "communities-empty": update(attrs=base + attr(0xc0, 8, b""),
                                    nlri=n24),
        "extcomm-len": update(attrs=base + attr(0xc0, 16, b"\x00" * 7),
                              nlri=n24),
        "largecomm-len": update(attrs=base + attr(0xc0, 32, b"\x00" * 11),
                                nlri=n24),
        # RFC 4760 / 7606 7.11
        "mp-nh-len-4": update(attrs=mp_reach(2, ip4("192.0.2.1"),
                                             pfxs("2001:db8::/32")) + o + p),
        "mp-nh-len-24": update(attrs=mp_reach(2, NH6 + bytes(8),
                                              pfxs("2001:db8::/32")) + o + p),
        "mp-v4-nh-16": update(attrs=mp_reach(1, NH6, n24) + o + p),
        "mp-reach-short": update(attrs=attr(0x80, 14, b"\x00\x02\x01\x00") +
                                 o + p),
        "mp-prefix-129": update(attrs=mp_reach(2, NH6, b"\x81" + NH6 +
                                               b"\x00") + o + p),
        "mp-prefix-overrun": update(attrs=mp_reach(2, NH6, b"\x30\x20\x01")
                                    + o + p),
        "mp-flags": update(attrs=mp_reach(2, NH6, pfxs("2001:db8::/32"),
                                          flags=0xc0) + o + p),
        "mp-nh-unspecified": update(attrs=mp_reach(2, bytes(16),
                                                   pfxs("2001:db8::/32")) +
                                    o + p),
        "mp-unreach-short": update(attrs=attr(0x80, 15, b"\x00\x02")),
        "mp-unreach-prefix-129": update(attrs=mp_unreach(2, b"\x81" + NH6 +
                                                         b"\x00")),
        "mp-other-afi": update(attrs=mp_reach(1, bytes(8) + ip4("1.2.3.4"),
                                              b"\x58" + bytes(11), safi=128)
                               + o + p),
        # RFC 7606 5.3
        "nlri-33": update(attrs=base, nlri=b"\x21\x0a\x01\x02\x03\x04"),
        "nlri-overrun": update(attrs=base, nlri=b"\x18\x0a\x01"),
        "withdrawn-33": update(b"\x21\x0a\x01\x02\x03\x04"),
        "withdrawn-overrun": update(b"\x18\x0a\x09", base, n24),
    }
    seeds = {}
    for name, bad in cases.items():
        seeds["bad-update-" + name] = [opn, keepalive(), bad,
                                       good_update()]
    # the vnet mesh's VNET_HOPS
    vbase = MESH_V4
    h4, h6 = MESH_HOP4, MESH_HOP6
    vcases = {
        "vni-2-24": update(attrs=vbase + vnet_hops(hop(1 << 24,
                                                       "192.0.2.10")),
                           nlri=n24),
        "addr-len-5": update(attrs=vbase + vnet_hops(
            struct.pack("!IB", 100, 5) + ip4("192.0.2.10") + b"\x00"),
            nlri=n24),
        "addr-len-16-short": update(attrs=vbase + vnet_hops(
            struct.pack("!IB", 100, 16) + ip4("192.0.2.10")), nlri=n24),
        "trailing-byte": update(attrs=vbase + vnet_hops(h4, b"\x00"),
                                nlri=n24),
        "17-hops": update(attrs=vbase + vnet_hops(*[h6] * 17), nlri=n24),
        "no-hops": update(attrs=vbase + vnet_hops(), nlri=n24),
        "v4-mapped": update(attrs=vbase + vnet_hops(
            hop(1, "::ffff:c000:20a")), nlri=n24),
        "v6-loopback": update(attrs=vbase + vnet_hops(h4, hop(1, "::1")),
                              nlri=n24),
        "v4-multicast": update(attrs=vbase + vnet_hops(hop(1, "224.0.0.1")),
                               nlri=n24),
        "flags-transitive": update(attrs=vbase + vnet_hops(h4, flags=0xc0),
                                   nlri=n24),
        "flags-partial": update(attrs=vbase + vnet_hops(h4, flags=0xa0),
                                nlri=n24),
        "flags-well-known": update(attrs=vbase + vnet_hops(h4, flags=0x40),
                                   nlri=n24),
        "twice": update(attrs=vbase + vnet_hops(h4) + vnet_hops(h6),
                        nlri=n24),
        "missing": update(attrs=vbase, nlri=n24),
        "missing-mp": update(attrs=mp6 + o + as_path()),
        "bad-no-nlri": update(w24, vnet_hops(h4, b"\x00")),
    }
    for name, bad in vcases.items():
        seeds["bad-vnet-" + name] = [mesh_open(), keepalive(), bad,
                                     good_vnet_update()]

    seeds["bad-update-ibgp-lengths"] = [
        ibgp, keepalive(),
        update(attrs=base + attr(0x40, 5, b"\x00\x64"), nlri=n24),
        update(attrs=base + attr(0x80, 9, b"\x00" * 5), nlri=n24),
        update(attrs=base + attr(0x80, 10, b"\x00" * 6), nlri=n24),
        update(attrs=o + attr(0x40, 2, seg(3, 65100) + b"\x04\x00") + nh,
               nlri=n24),
        good_update()]

    caps = cap_mp(1) + cap_as4(BIRD_AS)
    opens = {
        "version": open_msg(BIRD_AS, caps, version=3),
        "hold-1": open_msg(BIRD_AS, caps, hold=1),
        "bgp-id-0": open_msg(BIRD_AS, caps, bgp_id="0.0.0.0"),
        "param-type-1": open_msg(BIRD_AS, b"", params=b"\x01\x01\x00" +
                                 bytes([2, len(caps)]) + caps),
        "no-as4": open_msg(BIRD_AS, cap_mp(1)),
        "my-as": open_msg(BIRD_AS, caps, my_as=65099),
        "as-trans": open_msg(BIG_AS, cap_as4(BIG_AS), my_as=65001),
        "as-0": open_msg(0, cap_as4(0)),
        "param-overrun": open_msg(BIRD_AS, b"", params=b"\x02\x09" + caps),
        "cap-overrun": open_msg(BIRD_AS, b"", params=b"\x02\x0c" + caps +
                                b"\x02\x01"),
        "cap-mp-len": open_msg(BIRD_AS, caps + cap(1, b"\x00\x01\x00")),
        "cap-gr-len": open_msg(BIRD_AS, caps + cap(64, b"\x80\x78\x00")),
        "cap-vnet-empty": open_msg(BIRD_AS, caps + cap_vnet(b"")),
        "cap-vnet-16": open_msg(BIRD_AS, caps + cap_vnet(b"0123456789abcdef")),
        "cap-vnet-char": open_msg(BIRD_AS, caps + cap_vnet(b"rtr 1")),
        "cap-vnet-nul": open_msg(BIRD_AS, caps + cap_vnet(b"rtr\x00")),
        "optlen-mismatch": msg(OPEN, b"\x04\xfd\xe9\x00\x5a" +
                               ip4("10.0.0.1") + b"\x05" + bytes([2, 12]) +
                               caps),
    }
    for name, bad in opens.items():
        seeds["bad-open-" + name] = [bad, keepalive(), good_update()]

    seeds["bad-header-marker"] = [b"\xfe" + keepalive()[1:]]
    seeds["bad-header-length"] = [MARKER + b"\x00\x12\x04"]
    seeds["bad-header-long"] = [MARKER + b"\x10\x01\x02" + bytes(4082)]
    seeds["bad-header-type"] = [opn, MARKER + b"\x00\x13\x06"]
    seeds["bad-keepalive-len"] = [opn, MARKER + b"\x00\x14\x04\x00"]
    seeds["bad-refresh-len"] = [opn, msg(REFRESH, b"\x00\x01\x00\x01\x00")]
    seeds["bad-notification-short"] = [opn, MARKER + b"\x00\x14\x03\x06"]
    seeds["truncated-stream"] = [opn, keepalive(), good_update()[:30]]
    return seeds


def regression_seeds():
    """Inputs the fuzzer once broke the harness or the codec with."""
    return {
        # a peer's NOTIFICATION with error code 0: the harness took it
        # for one of the codec's errors, which always have a code
        "regress-notification-code-0": [base64.b64decode(
            "/////////////////////wAxAQz96QBawAACARQCEgEEAAEAAQEEAAIAAUEEAA"
            "D96f////////////////////8AEwT/////////////////////ABwDAAAABYAP"
            "AgAC/////////////////////wAzAgAAAUhAAQEAQAIKAgIAAP3pAAD8AEADBM"
            "AAAgEYxjNk")],
    }


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(4271)
    seeds = session_seeds(rng)
    seeds.update(malformed_seeds())
    seeds.update(regression_seeds())
    for name in sorted(seeds):
        data = b"".join(seeds[name])
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    print("%s: %d seeds" % (out, len(seeds)))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Packet fuzzers of the vnet data path, and the check of what got through.

    packets.py substrate --dst4 A --dst6 A [--count N] [--seed S]
        From this host (a substrate host with nodes known to the other
        side), mutated Geneve packets to the other host's UDP port 6081 over
        IPv4 and IPv6: bit flips, truncation, option lengths, versions,
        flags, protocol types, inner headers of both families (v4-mapped
        addresses, fragments, bad lengths), random VNIs. Prints what it sent.
    packets.py node --dev DEV --dst-mac MAC --src4 A --src6 A [--count N]
        From a node's interface, mutated frames to its port: ARP, neighbour
        discovery, IPv4 with options, IPv6 with extension headers, VLAN tags,
        odd Ethertypes, foreign source addresses and MACs.
    packets.py check PCAP --src A,... --dst A,...
        Every IP packet in PCAP (Ethernet) must be from one of --src and to
        one of --dst; prints "N ip packets, M not allowed" and the first of
        those.
"""
import argparse
import ipaddress
import os
import random
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from geneve import csum, echo_request, geneve  # noqa: E402
from frame import dstopts, icmp6  # noqa: E402


def ip6(s):
    return socket.inet_pton(socket.AF_INET6, s)


def ip4(s):
    return socket.inet_pton(socket.AF_INET, s)


def fix_ip4_csum(pkt):
    if len(pkt) < 20 or pkt[0] >> 4 != 4:
        return pkt
    ihl = (pkt[0] & 15) * 4
    if ihl < 20 or len(pkt) < ihl:
        return pkt
    hdr = pkt[:10] + b"\0\0" + pkt[12:ihl]
    return hdr[:10] + struct.pack("!H", csum(hdr)) + pkt[12:]


def inner_variants(rnd):
    """An inner packet and its protocol type: valid, or bent in one way."""
    v6 = rnd.random() < 0.5
    src, dst = ("fd00:1::3", "fd00:1::1") if v6 else ("10.1.0.3", "10.1.0.1")
    if rnd.random() < 0.3:
        src, dst = ("fd00:1::4", "fd00:1::2") if v6 else ("10.1.0.4", "10.1.0.2")
    kind = rnd.choice(["ok", "ok", "mapped-src", "mapped-dst", "mapped-both",
                       "frag", "len", "ihl", "ttl0", "other-node", "bcast",
                       "mcast", "size"])
    if kind.startswith("mapped"):
        s, d = {"mapped-src": ("::ffff:10.1.0.3", "fd00:1::1"),
                "mapped-dst": ("fd00:1::3", "::ffff:10.1.0.1"),
                "mapped-both": ("::ffff:10.1.0.3", "::ffff:10.1.0.1")}[kind]
        return 0x86DD, echo_request(s, d)
    if kind == "other-node":
        dst = rnd.choice(["10.1.0.3", "10.1.0.77", "10.9.9.9", "fd00:1::77",
                          "fd00:1::3"])
        v6 = ":" in dst
        src = "fd00:1::3" if v6 else "10.1.0.3"
    if kind == "bcast" and not v6:
        dst = rnd.choice(["10.1.255.255", "255.255.255.255", "224.0.0.1"])
    if kind == "mcast" and v6:
        dst = rnd.choice(["ff02::1", "ff02::1:ff00:1"])
    size = rnd.choice([8, 56, 200, 1400, 1500, 3000]) if kind == "size" else 56
    pkt = bytearray(echo_request(src, dst, size))
    if kind == "frag":
        if v6:
            # a fragment header between the IPv6 header and ICMPv6
            fh = struct.pack("!BBHI", 58, 0, rnd.choice([1, 8 << 3, (8 << 3) | 1]),
                             rnd.getrandbits(32))
            pkt[6] = 44
            pkt = pkt[:40] + fh + pkt[40:]
            pkt[4:6] = struct.pack("!H", len(pkt) - 40)
        else:
            pkt[6:8] = struct.pack("!H", rnd.choice([0x2000, 0x0010, 0x2010]))
    elif kind == "len":
        if v6:
            pkt[4:6] = struct.pack("!H", rnd.choice([0, 1, len(pkt), 65535]))
        else:
            pkt[2:4] = struct.pack("!H", rnd.choice([0, 19, 21, len(pkt) + 1, 65535]))
    elif kind == "ihl" and not v6:
        pkt[0] = 0x40 | rnd.choice([0, 4, 6, 15])
    elif kind == "ttl0":
        pkt[7 if v6 else 8] = 0
    if not v6:
        pkt = bytearray(fix_ip4_csum(bytes(pkt)))
    return (0x86DD if v6 else 0x0800), bytes(pkt)


def damage(rnd, pkt, flips, cuts, grows=0.0):
    """Bit flips with probability flips, else a cut with probability cuts,
    else random bytes appended with probability grows."""
    r = rnd.random()
    if r < flips:
        for _ in range(rnd.randint(1, 4)):
            i = rnd.randrange(len(pkt))
            pkt[i] ^= 1 << rnd.randrange(8)
    elif r < flips + cuts:
        pkt = pkt[:rnd.randrange(len(pkt) + 1)]
    elif r < flips + cuts + grows:
        pkt += bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 40)))
    return pkt


def geneve_variant(rnd):
    proto, inner = inner_variants(rnd)
    vni = 100 if rnd.random() < 0.8 else rnd.choice([0, 200, 300, 999, 0xFFFFFF])
    opts = b""
    if rnd.random() < 0.2:
        opts = struct.pack("!HBB", rnd.getrandbits(16), rnd.getrandbits(8),
                           rnd.randint(0, 3)) + bytes(4 * rnd.randint(0, 3))
    opt_len, ver, flags = len(opts) // 4, 0, 0
    r = rnd.random()
    if r < 0.05:
        opt_len = rnd.randint(0, 63)
    elif r < 0.08:
        ver = rnd.randint(1, 3)
    elif r < 0.12:
        flags = rnd.choice([0x80, 0x40, 0x3F, 0xFF])
    elif r < 0.16:
        proto = rnd.choice([0x6558, 0x0806, 0x88B5, 0x0800, 0x86DD, 0])
    hdr = struct.pack("!BBHI", ver << 6 | (opt_len & 0x3F), flags, proto, vni << 8)
    return bytes(damage(rnd, bytearray(hdr + opts + inner), 0.15, 0.10, 0.03))


def substrate(a):
    rnd = random.Random(a.seed)
    s4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    sent = {"ipv4": 0, "ipv6": 0}
    for _ in range(a.count):
        pkt = geneve_variant(rnd)
        if rnd.random() < 0.5:
            s4.sendto(pkt, (a.dst4, 6081))
            sent["ipv4"] += 1
        else:
            s6.sendto(pkt, (a.dst6, 6081))
            sent["ipv6"] += 1
    print("sent %d (%d over IPv4, %d over IPv6)" % (a.count, sent["ipv4"], sent["ipv6"]))


def node_variant(rnd, a, dev_mac):
    own4, own6 = a.src4, a.src6
    src4 = rnd.choice([own4] * 3 + ["10.1.0.2", "10.1.0.3", "10.1.0.99", "0.0.0.0",
                                    "127.0.0.1", "169.254.1.1", "10.1.255.255"])
    src6 = rnd.choice([own6] * 3 + ["fd00:1::2", "fd00:1::3", "fe80::1", "::",
                                    "::ffff:10.1.0.1", "::ffff:10.1.0.2", "ff02::1"])
    dst4 = rnd.choice(["10.1.0.2", "10.1.0.3", "10.1.0.1", "10.1.0.77", "8.8.8.8",
                       "10.1.255.255", "224.0.0.5"])
    dst6 = rnd.choice(["fd00:1::2", "fd00:1::3", "fd00:1::77", "ff02::1",
                       "::ffff:10.1.0.2", "fe80::2"])
    kind = rnd.choice(["ip4", "ip4", "ip4opt", "ip6", "ip6", "ip6ext", "arp", "ns",
                       "na", "ethertype"])
    ethertype = None
    if kind in ("ip4", "ip4opt"):
        pkt = bytearray(echo_request(src4, dst4, rnd.choice([8, 56, 1400])))
        if kind == "ip4opt":
            opt = bytes([rnd.choice([1, 7, 68, 130, 148])]) + bytes(
                rnd.getrandbits(8) for _ in range(rnd.choice([3, 7, 11])))
            pkt = pkt[:20] + opt + pkt[20:]
            pkt[0] = 0x40 | (20 + len(opt)) // 4
            pkt[2:4] = struct.pack("!H", len(pkt))
            pkt = bytearray(fix_ip4_csum(bytes(pkt)))
        ethertype = 0x0800
    elif kind in ("ip6", "ip6ext"):
        typ = rnd.choice([128, 128, 1, 2, 135, 136])
        body = struct.pack("!BBHHH", typ, 0, 0, 0x1234, 1) + bytes(rnd.choice([0, 48, 1300]))
        ext, first = b"", 58
        if kind == "ip6ext":
            first = rnd.choice([0, 60, 44])
            ext = dstopts() if first != 44 else struct.pack(
                "!BBHI", 58, 0, rnd.choice([0, 1, 8 << 3]), 7)
        pkt = bytearray(icmp6(src6, dst6, body, ext, first))
        ethertype = 0x86DD
    elif kind == "arp":
        op = rnd.choice([1, 1, 2])
        spa = rnd.choice([own4, "10.1.0.2", "10.1.0.3", "0.0.0.0"])
        tpa = rnd.choice(["10.1.0.2", "10.1.0.3", own4, "10.1.0.77"])
        sha = dev_mac if rnd.random() < 0.7 else bytes(rnd.getrandbits(8) for _ in range(6))
        pkt = bytearray(struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, sha,
                                    ip4(spa), bytes(6), ip4(tpa)))
        ethertype = 0x0806
    elif kind in ("ns", "na"):
        target = rnd.choice(["fd00:1::2", "fd00:1::3", own6, "::ffff:10.1.0.2",
                             "ff02::1", "fd00:1::77"])
        t = ip6(target)
        if kind == "ns":
            dst = "ff02::1:ff%02x:%02x%02x" % (t[13], t[14], t[15])
            body = struct.pack("!BBHI16sBB6s", 135, 0, 0, 0, t, 1, 1, dev_mac)
        else:
            dst = "ff02::1"
            body = struct.pack("!BBHI16sBB6s", 136, 0, 0, 0x20000000, t, 2, 1, dev_mac)
        pkt = bytearray(icmp6(src6, dst, body, hop_limit=rnd.choice([255, 255, 64])))
        ethertype = 0x86DD
    else:
        pkt = bytearray(echo_request(own4, "10.1.0.2"))
        ethertype = rnd.choice([0x88B5, 0x0805, 0x8035, 0x86DD, 0x0800, 0x88CC, 0x9000])
    pkt = damage(rnd, pkt, 0.15, 0.07)
    src_mac = dev_mac
    r = rnd.random()
    if r < 0.05:
        src_mac = bytes([0x01, 0, 0x5E, 0, 0, rnd.getrandbits(8)])
    elif r < 0.08:
        src_mac = bytes(6)
    elif r < 0.15:
        src_mac = bytes([0x02]) + bytes(rnd.getrandbits(8) for _ in range(5))
    hdr = a.dst_mac + src_mac
    if rnd.random() < 0.05:
        hdr += struct.pack("!HH", rnd.choice([0x8100, 0x88A8]), rnd.getrandbits(12))
    return hdr + struct.pack("!H", ethertype) + bytes(pkt)


def node(a):
    rnd = random.Random(a.seed)
    a.dst_mac = bytes(int(x, 16) for x in a.dst_mac.split(":"))
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((a.dev, 0))
    dev_mac = s.getsockname()[4]
    for _ in range(a.count):
        s.send(node_variant(rnd, a, dev_mac))
    print("sent %d frames" % a.count)


def check(a):
    allow_src = {ipaddress.ip_address(x) for x in a.src.split(",")}
    allow_dst = {ipaddress.ip_address(x) for x in a.dst.split(",")}
    data = open(a.pcap, "rb").read()
    off, n, bad = 24, 0, []
    while off + 16 <= len(data):
        caplen = struct.unpack_from("<I", data, off + 8)[0]
        frame = data[off + 16:off + 16 + caplen]
        off += 16 + caplen
        if len(frame) < 14:
            continue
        et = struct.unpack_from("!H", frame, 12)[0]
        ip = frame[14:]
        if et == 0x0800 and len(ip) >= 20:
            s, d = ipaddress.ip_address(ip[12:16]), ipaddress.ip_address(ip[16:20])
        elif et == 0x86DD and len(ip) >= 40:
            s, d = ipaddress.ip_address(ip[8:24]), ipaddress.ip_address(ip[24:40])
        else:
            continue
        n += 1
        if s not in allow_src or d not in allow_dst:
            bad.append("%s > %s" % (s, d))
    print("%d ip packets, %d not allowed %s" % (n, len(bad), " ".join(bad[:5])))
    return 1 if bad else 0


def main():
    p = argparse.ArgumentParser(prog="packets.py")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("substrate")
    s.add_argument("--dst4", required=True)
    s.add_argument("--dst6", required=True)
    s.add_argument("--count", type=int, default=10000)
    s.add_argument("--seed", type=int, default=1)
    n = sub.add_parser("node")
    n.add_argument("--dev", required=True)
    n.add_argument("--dst-mac", required=True)
    n.add_argument("--src4", required=True)
    n.add_argument("--src6", required=True)
    n.add_argument("--count", type=int, default=10000)
    n.add_argument("--seed", type=int, default=1)
    c = sub.add_parser("check")
    c.add_argument("pcap")
    c.add_argument("--src", required=True)
    c.add_argument("--dst", required=True)
    a = p.parse_args()
    if a.cmd == "substrate":
        substrate(a)
    elif a.cmd == "node":
        node(a)
    else:
        sys.exit(check(a))


if __name__ == "__main__":
    main()

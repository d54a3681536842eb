#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Craft Ethernet frames as a node would send them, good and bad, and send
them from a netdevice (AF_PACKET).

    frame.py DEV [options] KIND ADDR ADDR
    frame.py --serve DEV   the same, one command line (without DEV) from each
                           input line, answering "ok" or "error: ..." to each

KIND ip SRC DST: an ICMP or ICMPv6 echo request (IPv4 or IPv6 as the
addresses are), or with --icmp6-type another ICMPv6 message; --size pads it
to that many bytes of IP packet, --dstopts puts an IPv6 destination options
header before the ICMPv6 header.
KIND arp SPA TPA: an ARP request from SPA for TPA.
KIND ns SRC TARGET: an IPv6 neighbour solicitation from SRC (to the target's
solicited-node address) with the source MAC address as its option.
KIND na SRC TARGET: an unsolicited neighbour advertisement, to all nodes.
"""
import argparse
import os
import shlex
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from geneve import csum, echo_request  # noqa: E402


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def ip6(s):
    return socket.inet_pton(socket.AF_INET6, s)


def icmp6(src, dst, body, exthdr=b"", first_nexthdr=58, hop_limit=64):
    """An IPv6 packet carrying the ICMPv6 message body (checksum filled in),
    after the extension headers exthdr."""
    s6, d6 = ip6(src), ip6(dst)
    pseudo = s6 + d6 + struct.pack("!I3xB", len(body), 58)
    body = body[:2] + struct.pack("!H", csum(pseudo + body)) + body[4:]
    payload = exthdr + body
    nexthdr = first_nexthdr if exthdr else 58
    return struct.pack("!IHBB", 0x60000000, len(payload), nexthdr, hop_limit) + \
        s6 + d6 + payload


def dstopts(nexthdr=58):
    """A destination options header of 8 bytes: one PadN option."""
    return struct.pack("!BBBB4x", nexthdr, 0, 1, 4)


def ip_packet(a):
    if ":" not in a.src:
        pkt = echo_request(a.src, a.dst)
        if a.size and a.size > len(pkt):
            pkt = echo_request(a.src, a.dst, a.size - 28)
        return 0x0800, pkt
    size = max(0, (a.size or 0) - 40 - (8 if a.dstopts else 0) - 8)
    typ = 128 if a.icmp6_type is None else a.icmp6_type
    body = struct.pack("!BBHHH", typ, 0, 0, 0x1234, 1) + bytes(size)
    ext = dstopts() if a.dstopts else b""
    return 0x86DD, icmp6(a.src, a.dst, body, ext, 60)


def arp_packet(a, src_mac):
    spa = socket.inet_pton(socket.AF_INET, a.src)
    tpa = socket.inet_pton(socket.AF_INET, a.dst)
    sha = mac(a.sha) if a.sha else src_mac
    return 0x0806, struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, sha, spa,
                               bytes(6), tpa)


def nd_packet(a, src_mac):
    target = ip6(a.dst)
    if a.kind == "ns":
        t = target
        dst = "ff02::1:ff%02x:%02x%02x" % (t[13], t[14], t[15])
        body = struct.pack("!BBHI16sBB6s", 135, 0, 0, 0, target, 1, 1, src_mac)
    else:
        dst = "ff02::1"
        body = struct.pack("!BBHI16sBB6s", 136, 0, 0, 0x20000000, target, 2, 1,
                           src_mac)
    if a.nd_dst:
        dst = a.nd_dst
    ext = dstopts() if a.dstopts else b""
    return 0x86DD, icmp6(a.src, dst, body, ext, 60, hop_limit=255)


def parser():
    p = argparse.ArgumentParser(prog="frame.py")
    p.add_argument("kind", choices=["ip", "arp", "ns", "na"])
    p.add_argument("src")
    p.add_argument("dst")
    p.add_argument("--src-mac", help="default: the device's own")
    p.add_argument("--dst-mac", default="ff:ff:ff:ff:ff:ff")
    p.add_argument("--sha", help="ARP sender hardware address")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--size", type=int, help="IP packet size")
    p.add_argument("--icmp6-type", type=int)
    p.add_argument("--dstopts", action="store_true",
                   help="a destination options header first (ip, ns, na)")
    p.add_argument("--nd-dst", help="the IPv6 destination of an ns or na")
    p.add_argument("--vlan", type=int, help="an 802.1Q tag with this VLAN id")
    return p


def frame_of(a, dev_mac):
    src_mac = mac(a.src_mac) if a.src_mac else dev_mac
    if a.kind == "ip":
        proto, pkt = ip_packet(a)
    elif a.kind == "arp":
        proto, pkt = arp_packet(a, src_mac)
    else:
        proto, pkt = nd_packet(a, src_mac)
    hdr = mac(a.dst_mac) + src_mac
    if a.vlan is not None:
        hdr += struct.pack("!HH", 0x8100, a.vlan)
    return hdr + struct.pack("!H", proto) + pkt


def open_dev(dev):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((dev, 0))
    return s, s.getsockname()[4]


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        s, dev_mac = open_dev(sys.argv[2])
        p = parser()
        p.exit_on_error = False
        for line in sys.stdin:
            try:
                a = p.parse_args(shlex.split(line))
                f = frame_of(a, dev_mac)
                for _ in range(a.count):
                    s.send(f)
                print("ok", flush=True)
            except (Exception, SystemExit) as e:
                print("error:", repr(e), flush=True)
        return
    s, dev_mac = open_dev(sys.argv[1])
    a = parser().parse_args(sys.argv[2:])
    f = frame_of(a, dev_mac)
    for _ in range(a.count):
        s.send(f)


if __name__ == "__main__":
    main()

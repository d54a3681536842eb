#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Craft Geneve packets (RFC 8926), good and bad, and send them over UDP.

    geneve.py SRC DST [options]
    geneve.py --serve      the same, one command line from each input line,
                           answering "ok" or "error: ..." to each


SRC and DST are substrate addresses (IPv4 or IPv6); SRC must be local. The
UDP payload is a Geneve header and an inner ICMP echo request from
--inner-src to --inner-dst (IPv4 or IPv6, protocol type to match), changed
as the options say. --garbage sends random payloads instead.
"""
import argparse
import os
import random
import shlex
import socket
import struct
import sys


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def echo_request(src, dst, size=56):
    """An ICMP or ICMPv6 echo request in an IPv4 or IPv6 header."""
    payload = bytes(i % 256 for i in range(size))
    if ":" not in src:
        icmp = struct.pack("!BBHHH", 8, 0, 0, 0x1234, 1) + payload
        icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
        hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(icmp), 1, 0x4000, 64, 1, 0,
                          socket.inet_pton(socket.AF_INET, src),
                          socket.inet_pton(socket.AF_INET, dst))
        hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
        return hdr + icmp
    s6 = socket.inet_pton(socket.AF_INET6, src)
    d6 = socket.inet_pton(socket.AF_INET6, dst)
    icmp = struct.pack("!BBHHH", 128, 0, 0, 0x1234, 1) + payload
    pseudo = s6 + d6 + struct.pack("!I3xB", len(icmp), 58)
    icmp = icmp[:2] + struct.pack("!H", csum(pseudo + icmp)) + icmp[4:]
    return struct.pack("!IHBB", 0x60000000, len(icmp), 58, 64) + s6 + d6 + icmp


def geneve(vni, proto, opt_len=0, ver=0, oam=False, critical=False):
    """The Geneve base header; opt_len in 4-byte words."""
    b0 = ver << 6 | opt_len
    b1 = (0x80 if oam else 0) | (0x40 if critical else 0)
    return struct.pack("!BBHI", b0, b1, proto, vni << 8)


def parser():
    p = argparse.ArgumentParser(prog="geneve.py")
    p.add_argument("src")
    p.add_argument("dst")
    p.add_argument("--port", type=int, default=6081)
    p.add_argument("--count", type=int, default=5)
    p.add_argument("--vni", type=int, default=100)
    p.add_argument("--inner-src", default="10.1.0.3")
    p.add_argument("--inner-dst", default="10.1.0.1")
    p.add_argument("--proto", type=lambda x: int(x, 0),
                   help="protocol type (default: the inner packet's)")
    p.add_argument("--ver", type=int, default=0)
    p.add_argument("--oam", action="store_true")
    p.add_argument("--critical", action="store_true",
                   help="set the C bit and carry one critical option")
    p.add_argument("--option", action="store_true",
                   help="carry one non-critical option (8 bytes)")
    p.add_argument("--srcnet", type=int, metavar="ID",
                   help="carry vnet's source network option (class 0xfff1, "
                        "type 1) naming network ID")
    p.add_argument("--srcnet-words", type=int, default=1,
                   help="the length of that option's data, in 4-byte words")
    p.add_argument("--critical-opt", action="store_true",
                   help="carry one critical option without the header's C bit")
    p.add_argument("--srcnet-twice", action="store_true",
                   help="carry the option twice")
    p.add_argument("--opt-len", type=int,
                   help="claim this many 4-byte words of options")
    p.add_argument("--inner", choices=["ok", "v6-as-v4", "short", "bad-csum",
                                       "long-len", "ether"], default="ok")
    p.add_argument("--truncate", type=int, help="cut the UDP payload to N bytes")
    p.add_argument("--garbage", type=int, metavar="SEED",
                   help="random payloads of 0 to 200 bytes instead")
    p.add_argument("--raw-src",
                   help="send over a raw IPv6 socket with this outer source "
                        "address written in the header (SRC unused)")
    return p


def payload_of(a):
    """The UDP payload the options ask for."""
    inner = echo_request(a.inner_src, a.inner_dst)
    proto = 0x86DD if ":" in a.inner_src else 0x0800
    if a.inner == "v6-as-v4":
        inner, proto = echo_request("fd00:1::3", "fd00:1::1"), 0x0800
    elif a.inner == "short":
        inner = inner[:10]
    elif a.inner == "bad-csum":
        inner = inner[:10] + bytes([inner[10] ^ 0xFF]) + inner[11:]
    elif a.inner == "long-len":
        inner = inner[:2] + struct.pack("!H", len(inner) + 100) + inner[4:10] + \
            b"\0\0" + inner[12:]
        inner = inner[:10] + struct.pack("!H", csum(inner[:20])) + inner[12:]
    elif a.inner == "ether":
        inner = bytes(6) + bytes([2, 0, 0, 0, 0, 1]) + b"\x08\x00" + inner
        proto = 0x6558
    if a.proto is not None:
        proto = a.proto

    opts = b""
    if a.option or a.critical:
        # class 0x0101 (experimental range), type: critical bit as asked
        opts = struct.pack("!HBB4s", 0x0101, 0x80 if a.critical else 0x01, 1, b"vnet")
    if a.critical_opt:
        opts += struct.pack("!HBB4s", 0x0101, 0x81, 1, b"vnet")
    if a.srcnet is not None:
        data = struct.pack("!I", a.srcnet) + bytes(4 * max(a.srcnet_words - 1, 0))
        data = data[:4 * a.srcnet_words]
        srcnet = struct.pack("!HBB", 0xFFF1, 0x01, a.srcnet_words) + data
        opts += srcnet * (2 if a.srcnet_twice else 1)
    opt_len = len(opts) // 4 if a.opt_len is None else a.opt_len
    payload = geneve(a.vni, proto, opt_len, a.ver, a.oam, a.critical) + opts + inner
    if a.truncate is not None:
        payload = payload[:a.truncate]
    return payload


def udp6(src, dst, sport, dport, payload):
    """An IPv6 packet carrying UDP, checksum filled in."""
    s6 = socket.inet_pton(socket.AF_INET6, src)
    d6 = socket.inet_pton(socket.AF_INET6, dst)
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    c = csum(s6 + d6 + struct.pack("!I3xB", len(udp), 17) + udp) or 0xFFFF
    udp = udp[:6] + struct.pack("!H", c) + udp[8:]
    return struct.pack("!IHBB", 0x60000000, len(udp), 17, 64) + s6 + d6 + udp


def send(a):
    payload = payload_of(a)
    if a.raw_src:
        pkt = udp6(a.raw_src, a.dst, 40000, a.port, payload)
        with socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW) as s:
            for _ in range(a.count):
                s.sendto(pkt, (a.dst, 0))
        return
    fam = socket.AF_INET6 if ":" in a.dst else socket.AF_INET
    with socket.socket(fam, socket.SOCK_DGRAM) as s:
        s.bind((a.src, 0))
        rnd = random.Random(a.garbage)
        for _ in range(a.count):
            if a.garbage is not None:
                payload = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 200)))
            s.sendto(payload, (a.dst, a.port))


def main():
    if sys.argv[1:] != ["--serve"]:
        send(parser().parse_args())
        return
    p = parser()
    p.exit_on_error = False
    for line in sys.stdin:
        try:
            send(p.parse_args(shlex.split(line)))
            print("ok", flush=True)
        except (Exception, SystemExit) as e:
            print("error:", repr(e), flush=True)


if __name__ == "__main__":
    main()

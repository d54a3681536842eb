#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A host's vnetd made by hand, for t_bgp_hosts.sh: from a listed host's
address it connects to the mesh port (1790) of another host's vnetd and
sends OPENs and UPDATEs of the mesh, one case a command:

    mesh_craft.py SRC DST CASE [ARG...]

prints what vnetd answered ("notification CODE/SUBCODE DATA_HEX",
"closed", "established") or what a case reports."""
import socket
import struct
import subprocess
import sys
import time

sys.path.insert(0, __import__("os").path.dirname(__file__))
from bgp_craft import (KEEPALIVE, NOTIFICATION, OPEN, Peer, alive, as_path,  # noqa: E402
                       attr, cap, msg, next_hop, nlri, origin, report, update)

MESH_PORT = 1790
MESH_ASN = 4200000000


def mesh_open(name=None, bgp_id="192.168.0.2"):
    caps = cap(1, struct.pack("!HBB", 1, 0, 1)) + cap(1, struct.pack("!HBB", 2, 0, 1))
    caps += cap(65, struct.pack("!I", MESH_ASN)) + cap(2, b"")
    if name is not None:
        caps += cap(239, name.encode())
    params = struct.pack("!BB", 2, len(caps)) + caps
    body = struct.pack("!BHH4sB", 4, 23456, 30, socket.inet_aton(bgp_id),
                       len(params)) + params
    return msg(OPEN, body)


def hops(*entries):
    """VNET_HOPS of (VNI, IPv4 address) entries"""
    v = b"".join(struct.pack("!IB", vni, 4) + socket.inet_aton(a) for vni, a in entries)
    return attr(0x80, 255, v)


def mesh_announce(prefix, extra):
    return update(attrs=origin() + as_path(65002) + next_hop("192.168.0.2") + extra,
                  reach=nlri(prefix))


class MeshPeer(Peer):
    def __init__(self, src, dst):
        self.s = socket.create_connection((dst, MESH_PORT), timeout=10,
                                          source_address=(src, 0))
        self.buf = b""


def route(prefix):
    """tgw's route of @prefix on h1 (vnetctl's line), or "none"."""
    out = subprocess.run(["vnetctl", "-n", "h1", "route", "show", "peering",
                          "tgw", "proto", "bgp"], capture_output=True,
                         text=True).stdout
    for line in out.splitlines():
        if line.startswith(prefix + " "):
            return line
    return "none"


def wait_route(prefix, pred, seconds=8):
    end = time.time() + seconds
    while time.time() < end and not pred(route(prefix)):
        time.sleep(0.2)
    return route(prefix)


def main():
    src, dst, case = sys.argv[1], sys.argv[2], sys.argv[3]
    args = sys.argv[4:]
    try:
        p = MeshPeer(src, dst)
    except OSError as e:
        print("refused: %s" % e.strerror)
        return
    if case == "silent":
        # connect, say nothing: closed after vnetd's wait for an OPEN
        t = time.time()
        m = p.recv(30)
        print(report(m), "after %d s" % round(time.time() - t))
        return
    name = {"no-cap": None, "wrong-name": "nope"}.get(case, "tgw")
    p.send(mesh_open(name))
    m = p.until(OPEN)
    if m is None or m[0] != OPEN:
        print(report(m))
        return
    p.send(msg(KEEPALIVE, b""))
    m = p.until(KEEPALIVE)
    if m is None or m[0] != KEEPALIVE:
        print(report(m))
        return
    if case == "established":
        print("established")
    elif case == "hops":
        # args: PREFIX VNI ADDR: a path through router ADDR of network VNI
        p.send(mesh_announce(args[0], hops((int(args[1]), args[2]))))
        print(wait_route(args[0], lambda r: r != "none", 5), alive(p))
    elif case == "bad-hops":
        # args: PREFIX: announced well (red, 10.2.0.10), then with a VNI
        # of 25 bits: treat-as-withdraw
        p.send(mesh_announce(args[0], hops((200, "10.2.0.10"))))
        out = "installed" if wait_route(args[0], lambda r: r != "none") != "none" \
            else "not installed"
        p.send(mesh_announce(args[0], hops((1 << 24, "10.2.0.10"))))
        out += ", gone" if wait_route(args[0], lambda r: r == "none") == "none" \
            else ", kept"
        print(out, alive(p))


if __name__ == "__main__":
    main()

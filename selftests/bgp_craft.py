#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A BGP peer made by hand, for t_bgp_craft.sh: it connects to vnetd and
sends well-formed and malformed messages, one case a command:

    bgp_craft.py ADDR MY_AS PEER_AS CASE [ARG...]

prints what vnetd answered: "notification CODE/SUBCODE DATA_HEX",
"established", "closed", or what a case reports (the prefixes vnetd sent,
a NOTIFICATION after an UPDATE, "up" when the session survives)."""
import socket
import struct
import subprocess
import sys
import time

MARKER = b"\xff" * 16
OPEN, UPDATE, NOTIFICATION, KEEPALIVE = 1, 2, 3, 4


def msg(mtype, body, marker=MARKER, length=None):
    n = 19 + len(body) if length is None else length
    return marker + struct.pack("!HB", n, mtype) + body


def cap(code, data):
    return struct.pack("!BB", code, len(data)) + data


def open_msg(my_as, hold=30, bgp_id="10.3.0.10", version=4, as4=True,
             mp=True, params=None):
    caps = b""
    if mp:
        caps += cap(1, struct.pack("!HBB", 1, 0, 1)) + cap(1, struct.pack("!HBB", 2, 0, 1))
    if as4:
        caps += cap(65, struct.pack("!I", my_as))
    if params is None:
        params = struct.pack("!BB", 2, len(caps)) + caps
    my2 = my_as if my_as < 65536 else 23456
    body = struct.pack("!BHH4sB", version, my2, hold, socket.inet_aton(bgp_id),
                       len(params)) + params
    return msg(OPEN, body)


def attr(flags, code, data):
    if len(data) > 255:
        return struct.pack("!BBH", flags | 0x10, code, len(data)) + data
    return struct.pack("!BBB", flags, code, len(data)) + data


def origin(v=0):
    return attr(0x40, 1, bytes([v]))


def as_path(*asns):
    return attr(0x40, 2, bytes([2, len(asns)]) + b"".join(struct.pack("!I", a) for a in asns))


def next_hop(a="10.3.0.10"):
    return attr(0x40, 3, socket.inet_aton(a))


def nlri(prefix):
    a, n = prefix.split("/")
    n = int(n)
    return bytes([n]) + socket.inet_aton(a)[:(n + 7) // 8]


def update(withdrawn=b"", attrs=b"", reach=b""):
    return msg(UPDATE, struct.pack("!H", len(withdrawn)) + withdrawn +
               struct.pack("!H", len(attrs)) + attrs + reach)


def announce(prefixes, asns=(65003,), extra=b"", nh=True):
    attrs = origin() + as_path(*asns) + (next_hop() if nh else b"") + extra
    return update(attrs=attrs, reach=b"".join(nlri(p) for p in prefixes))


class Peer:
    def __init__(self, addr, my_as):
        self.s = socket.create_connection((addr, 179), timeout=10)
        self.my_as = my_as
        self.buf = b""

    def send(self, data):
        self.s.sendall(data)

    def recv(self, timeout=10):
        """The next message: (type, body), or None if the connection closed."""
        self.s.settimeout(timeout)
        while True:
            if len(self.buf) >= 19:
                n = struct.unpack("!H", self.buf[16:18])[0]
                if len(self.buf) >= n:
                    m, self.buf = self.buf[:n], self.buf[n:]
                    return m[18], m[19:]
            try:
                data = self.s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                return None
            if not data:
                return None
            self.buf += data

    def until(self, want, timeout=10):
        """Skip messages until one of type @want (or a NOTIFICATION)."""
        end = time.time() + timeout
        while time.time() < end:
            m = self.recv(max(0.1, end - time.time()))
            if m is None or m[0] in (want, NOTIFICATION):
                return m
        return None

    def establish(self):
        m = self.until(OPEN)
        if m is None or m[0] != OPEN:
            return m
        self.send(open_msg(self.my_as))
        self.send(msg(KEEPALIVE, b""))
        return self.until(KEEPALIVE)


def report(m):
    if m is None:
        return "closed"
    if m[0] == NOTIFICATION:
        return "notification %d/%d %s" % (m[1][0], m[1][1], m[1][2:].hex())
    return "message %d" % m[0]


def alive(p):
    """Is the session still up? A ROUTE-REFRESH gets vnetd's routes and
    End-of-RIB again at once; a NOTIFICATION or a close says otherwise."""
    p.send(msg(5, struct.pack("!HBB", 1, 0, 1)))
    m = p.recv(10)
    return "up" if m is not None and m[0] != NOTIFICATION else report(m)


def in_table(prefix):
    """Has tgw's table (on h1) vnetd's route of @prefix through green?"""
    out = subprocess.run(["vnetctl", "-n", "h1", "route", "show", "peering",
                          "tgw", "proto", "bgp"], capture_output=True,
                         text=True).stdout
    return any(line.startswith(prefix + " via network green")
               for line in out.splitlines())


def wait_table(prefix, want, seconds=8):
    end = time.time() + seconds
    while time.time() < end:
        if in_table(prefix) == want:
            return True
        time.sleep(0.2)
    return in_table(prefix) == want


def sent_prefixes(p, seconds=3):
    """The IPv4 prefixes vnetd announces within @seconds."""
    got = set()
    end = time.time() + seconds
    while time.time() < end:
        m = p.recv(max(0.1, end - time.time()))
        if m is None:
            break
        if m[0] != UPDATE:
            continue
        b = m[1]
        wl = struct.unpack("!H", b[:2])[0]
        al = struct.unpack("!H", b[2 + wl:4 + wl])[0]
        r = b[4 + wl + al:]
        while r:
            n = r[0]
            k = (n + 7) // 8
            a = socket.inet_ntoa(r[1:1 + k] + b"\0" * (4 - k))
            got.add("%s/%d" % (a, n))
            r = r[1 + k:]
    return " ".join(sorted(got)) or "none"


# cases before the session: (what is sent instead of our OPEN)
PRE = {
    "hdr-marker": lambda a: msg(OPEN, open_msg(a)[19:], marker=b"\xff" * 15 + b"\0"),
    "hdr-length": lambda a: msg(KEEPALIVE, b"", length=4097),
    "hdr-type": lambda a: msg(9, b""),
    "open-version": lambda a: open_msg(a, version=3),
    "open-peer-as": lambda a: open_msg(65099),
    "open-hold-2": lambda a: open_msg(a, hold=2),
    "open-no-as4": lambda a: open_msg(a, as4=False),
    "open-id-0": lambda a: open_msg(a, bgp_id="0.0.0.0"),
    "open-param-1": lambda a: open_msg(a, params=b"\x01\x02\x00\x00"),
    "update-first": lambda a: announce(["10.203.9.0/24"]),
}

# malformed UPDATEs that must reset the session
RESET = {
    "upd-withdrawn-overrun": msg(UPDATE, struct.pack("!H", 16) + b"\x18\x0a\xcb" +
                                 struct.pack("!H", 0)),
    "upd-nlri-len-33": update(attrs=origin() + as_path(65003) + next_hop(),
                              reach=b"\x21\x0a\xcb\x01\x00\x00"),
    "upd-mp-nh-len-5": update(attrs=origin() + as_path(65003) + attr(
        0x80, 14, struct.pack("!HBB", 2, 1, 5) + b"\0" * 5 + b"\0" +
        bytes([48]) + bytes.fromhex("fd2000030001"))),
    "upd-unknown-well-known": announce(["10.203.1.0/24"], extra=attr(0x40, 99, b"\1")),
}

# malformed UPDATEs of a prefix announced first: treat-as-withdraw, or not
TAW = {
    "taw-origin-7": lambda p: update(attrs=origin(7) + as_path(65003) + next_hop(),
                                     reach=nlri(p)),
    "taw-as-path-overrun": lambda p: update(attrs=origin() + attr(
        0x40, 2, bytes([2, 3]) + struct.pack("!I", 65003)) + next_hop(), reach=nlri(p)),
    "taw-no-next-hop": lambda p: announce([p], nh=False),
    "discard-atomic-aggregate-1": lambda p: announce([p], extra=attr(0x40, 6, b"\1")),
}


def main():
    addr, my_as, case = sys.argv[1], int(sys.argv[2]), sys.argv[4]
    args = sys.argv[5:]
    p = Peer(addr, my_as)
    if case in PRE:
        m = p.until(OPEN)
        p.send(PRE[case](my_as))
        print(report(p.until(KEEPALIVE)))
        return
    m = p.establish()
    if m is None or m[0] != KEEPALIVE:
        print(report(m))
        return
    if case == "established":
        print("established")
    elif case in RESET:
        p.send(RESET[case])
        print(report(p.until(NOTIFICATION)))
    elif case in TAW:
        # args: the prefix; announced well first, then malformed
        prefix = args[0]
        p.send(announce([prefix]))
        out = "installed" if wait_table(prefix, True) else "not installed"
        p.send(TAW[case](prefix))
        if case.startswith("discard"):
            time.sleep(2)
            out += ", kept" if in_table(prefix) else ", gone"
        else:
            out += ", gone" if wait_table(prefix, False) else ", kept"
        print(out, alive(p))
    elif case == "announce":
        # args: SECONDS PREFIX...: announce, report what vnetd sends, stay
        p.send(announce(args[1:]))
        print("sent:", sent_prefixes(p, float(args[0])))
    elif case == "loop":
        # args: SECONDS: a path through tgw's own AS, then a control
        p.send(announce(["10.203.7.0/24"], asns=[65003, 64512, 65003]))
        p.send(announce(["10.203.8.0/24"], asns=[65003, 65077]))
        time.sleep(float(args[0]))
        print(alive(p))
    elif case == "max-prefix":
        # args: N: N prefixes 10.203.X.0/24
        p.send(announce(["10.203.%d.0/24" % i for i in range(int(args[0]))]))
        print(report(p.until(NOTIFICATION)))


if __name__ == "__main__":
    main()

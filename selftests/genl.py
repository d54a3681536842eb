#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send hand-made, mostly malformed, requests to the vnet generic netlink
family and print, for each case, the errno and extack message the kernel
answers: "CASE ERRNO MESSAGE". Used by t_netlink.sh."""
import socket
import struct

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_CAP_ACK, NETLINK_EXT_ACK = 10, 11
NLMSG_ERROR, NLMSG_DONE = 2, 3
F_REQUEST, F_ACK, F_DUMP = 1, 4, 0x300
F_CAPPED, F_ACK_TLVS = 0x100, 0x200
NLA_F_NESTED = 0x8000
ERR_MSG, ERR_MISS_TYPE = 1, 5

# include/uapi/linux/vnet.h
NEW, DEL, GET = 1, 2, 3
A_NETWORK = 1
IFINDEX, NAME, ID, PORT, LOCAL, LOCAL6, PREFIXES = 1, 2, 3, 4, 5, 6, 7
P_ADDR, P_LEN = 1, 2


def attr(t, payload):
    n = 4 + len(payload)
    return struct.pack("HH", n, t) + payload + b"\0" * (-n % 4)


def nest(t, *attrs):
    return attr(t | NLA_F_NESTED, b"".join(attrs))


def u32(t, v):
    return attr(t, struct.pack("I", v))


def u16(t, v):
    return attr(t, struct.pack("H", v))


def u8(t, v):
    return attr(t, struct.pack("B", v))


def strz(t, s):
    return attr(t, s.encode() + b"\0")


def prefix(addr, plen):
    return nest(1, attr(P_ADDR, socket.inet_pton(
        socket.AF_INET6 if ":" in addr else socket.AF_INET, addr)), u8(P_LEN, plen))


def network(*attrs):
    return nest(A_NETWORK, *attrs)


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.s.bind((0, 0))
        self.seq = 0
        self.family = 0x10  # GENL_ID_CTRL
        replies, err, _ = self.talk(3, strz(2, "vnet"), version=1)  # CTRL_CMD_GETFAMILY
        assert err == 0, "vnet family not found"
        self.family = struct.unpack_from("H", self.attrs(replies[0])[1])[0]

    @staticmethod
    def attrs(payload):
        out, off = {}, 0
        while off + 4 <= len(payload):
            n, t = struct.unpack_from("HH", payload, off)
            if n < 4:
                break
            out[t & 0x3FFF] = payload[off + 4:off + n]
            off += (n + 3) & ~3
        return out

    def talk(self, cmd, body, flags=F_ACK, version=1, reserved=0):
        """Returns (replies' attribute payloads, errno, extack text)."""
        self.seq += 1
        msg = struct.pack("BBH", cmd, version, reserved) + body
        self.s.send(struct.pack("IHHII", 16 + len(msg), self.family,
                                F_REQUEST | flags, self.seq, 0) + msg)
        replies = []
        while True:
            buf = self.s.recv(65536)
            off = 0
            while off < len(buf):
                n, typ, fl, seq, _ = struct.unpack_from("IHHII", buf, off)
                body = buf[off + 16:off + n]
                off += (n + 3) & ~3
                if typ in (NLMSG_ERROR, NLMSG_DONE):
                    err = -struct.unpack_from("i", body)[0]
                    if typ == NLMSG_DONE:
                        tlv = body[4:]
                    else:  # the request's header, and its payload unless capped
                        tlv = body[4 + (16 if fl & F_CAPPED else
                                        struct.unpack_from("I", body, 4)[0]):]
                    a = self.attrs(tlv) if fl & F_ACK_TLVS else {}
                    text = a.get(ERR_MSG, b"").rstrip(b"\0").decode()
                    if ERR_MISS_TYPE in a:
                        text += "missing attribute %d" % struct.unpack("I", a[ERR_MISS_TYPE])[0]
                    return replies, err, text
                replies.append(body[4:])


CASES = [
    ("no-network-nest", NEW, b""),
    ("network-not-nested", NEW, attr(A_NETWORK, strz(NAME, "x"))),
    ("no-name", NEW, network(u32(ID, 5))),
    ("unknown-attribute", NEW, network(strz(NAME, "x"), u32(30, 1))),
    ("id-out-of-range", NEW, network(strz(NAME, "x"), u32(ID, 1 << 24))),
    ("id-short", NEW, network(strz(NAME, "x"), u16(ID, 5))),
    ("name-too-long", NEW, network(strz(NAME, "x" * 16), u32(ID, 5))),
    ("name-not-terminated", NEW, network(attr(NAME, b"abcd"), u32(ID, 5))),
    ("name-invalid", NEW, network(strz(NAME, "a/b"), u32(ID, 5))),
    ("name-template", NEW, network(strz(NAME, "v%d"), u32(ID, 5))),
    ("ifindex-given", NEW, network(strz(NAME, "x"), u32(IFINDEX, 7))),
    ("port-zero", NEW, network(strz(NAME, "x"), u16(PORT, 0))),
    ("local-short", NEW, network(strz(NAME, "x"), attr(LOCAL, b"\1\2\3"))),
    ("local-broadcast", NEW, network(strz(NAME, "x"), attr(LOCAL, b"\xff" * 4))),
    ("local6-any", NEW, network(strz(NAME, "x"), attr(LOCAL6, b"\0" * 16))),
    ("prefix-addr-5-bytes", NEW, network(strz(NAME, "x"), nest(PREFIXES, nest(
        1, attr(P_ADDR, b"\1\2\3\4\5"), u8(P_LEN, 8))))),
    ("prefix-no-len", NEW, network(strz(NAME, "x"), nest(PREFIXES, nest(
        1, attr(P_ADDR, b"\12\0\0\0"))))),
    ("prefix-v4-len-33", NEW, network(strz(NAME, "x"), nest(PREFIXES, prefix("10.0.0.0", 33)))),
    ("prefix-len-129", NEW, network(strz(NAME, "x"), nest(PREFIXES, prefix("fd00::", 129)))),
    ("prefix-host-bits", NEW, network(strz(NAME, "x"), nest(PREFIXES, prefix("10.0.0.1", 8)))),
    ("prefix-v6-host-bits", NEW, network(strz(NAME, "x"), nest(PREFIXES, prefix("fd00::1", 64)))),
    ("prefix-overlap", NEW, network(strz(NAME, "x"), nest(
        PREFIXES, prefix("10.0.0.0", 8), prefix("10.128.0.0", 9)))),
    ("prefixes-65", NEW, network(strz(NAME, "x"), nest(
        PREFIXES, *[prefix("10.%d.0.0" % i, 16) for i in range(65)]))),
    ("del-no-key", DEL, network()),
    ("del-unknown", DEL, network(strz(NAME, "nosuch"))),
    ("get-unknown-ifindex", GET, network(u32(IFINDEX, 0xFFFFFF))),
    ("unknown-command", 99, b""),
    ("reserved-field-set", GET, network(strz(NAME, "x")), {"reserved": 1}),
    ("valid", NEW, network(strz(NAME, "ok0"), u32(ID, 1), nest(
        PREFIXES, *[prefix("10.%d.0.0" % i, 16) for i in range(64)]))),
]


def main():
    g = Genl()
    for case in CASES:
        name, cmd, body = case[:3]
        kw = case[3] if len(case) > 3 else {}
        _, err, text = g.talk(cmd, body, **kw)
        print(name, err, text)
    replies, err, _ = g.talk(GET, b"", flags=F_DUMP)
    names = sorted(Genl.attrs(Genl.attrs(r)[A_NETWORK])[NAME].rstrip(b"\0").decode()
                   for r in replies)
    print("dump", err, " ".join(names))


main()

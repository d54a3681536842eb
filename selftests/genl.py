#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send hand-made, mostly malformed, requests to the vnet generic netlink
family and print, for each case, the errno and extack message the kernel
answers: "CASE ERRNO MESSAGE". Used by t_netlink.sh."""
import socket
import struct

from vnet_spec import spec

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_CAP_ACK, NETLINK_EXT_ACK = 10, 11
NLMSG_ERROR, NLMSG_DONE = 2, 3
F_REQUEST, F_ACK, F_DUMP = 1, 4, 0x300
F_REPLACE, F_EXCL, F_CREATE = 0x100, 0x200, 0x400
F_CAPPED, F_ACK_TLVS = 0x100, 0x200
NLA_F_NESTED = 0x8000
ERR_MSG, ERR_MISS_TYPE = 1, 5


def spec_cmds(*names):
    """The values of the vnet commands @names (the spec's names)."""
    return (spec.cmd(n) for n in names)


def spec_attrs(aset, *names):
    """The values of the attributes @names of the spec's set @aset."""
    return (spec.attr(aset, n) for n in names)


# include/uapi/linux/vnet.h, by the names of its netlink spec
NEW, DEL, GET = spec_cmds("network-new", "network-del", "network-get")
PORT_NEW, PORT_DEL, NODE_NEW, NODE_DEL, NODE_GET, STATS_GET = spec_cmds(
    "port-new", "port-del", "node-new", "node-del", "node-get", "stats-get")
NODE_FLUSH, PORT_GET, SET = spec_cmds("node-flush", "port-get", "network-set")
A_NETWORK, A_PORT, A_NODE, A_STATS, A_FLAGS = spec_attrs(
    "vnet", "network", "port", "node", "stats", "flags")
IFINDEX, NAME, ID, PORT, LOCAL, LOCAL6, PREFIXES, STATS = spec_attrs(
    "network", "ifindex", "name", "id", "port", "local", "local6", "prefixes", "stats")
P_ADDR, P_LEN = spec_attrs("prefix", "addr", "len")
PORT_IFINDEX, PORT_IFNAME = spec_attrs("port", "ifindex", "ifname")
NODE_ADDR, NODE_IFINDEX, NODE_IFNAME, NODE_REMOTE, NODE_LLADDR = spec_attrs(
    "node", "addr", "ifindex", "ifname", "remote", "lladdr")
S_PAD, S_RX_PACKETS, S_DROP_BAD_VNI = spec_attrs("stats", "pad", "rx-packets", "drop-bad-vni")


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


def ip(t, addr):
    return attr(t, socket.inet_pton(socket.AF_INET6 if ":" in addr else socket.AF_INET, addr))


def stats(t, flag=0):
    """Counters given as input, as a nest without NLA_F_NESTED unless
    @flag has it (which the kernel refuses earlier, and says so)."""
    return attr(t | flag, attr(S_RX_PACKETS, struct.pack("Q", 1)))


# the network and veth the port and node cases name: "valid" makes ok0,
# t_netlink.sh makes p0 (not a port)
OK0 = network(strz(NAME, "ok0"))


def port(*attrs):
    return OK0 + nest(A_PORT, *attrs)


def node(*attrs):
    return OK0 + nest(A_NODE, *attrs)


def node_at(addr, *attrs):
    return node(ip(NODE_ADDR, addr), *attrs)


class Genl:
    def __init__(self, bufsize=65536):
        # the kernel sizes dump messages to what the socket receives
        self.bufsize = bufsize
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.s.bind((0, 0))
        self.seq = 0
        self.family = 0x10  # GENL_ID_CTRL
        replies, err, _ = self.talk(3, strz(2, spec.name), version=1)  # CTRL_CMD_GETFAMILY
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
            buf = self.s.recv(self.bufsize)
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


def rtnl_changelink(name, data):
    """RTM_NEWLINK for an existing vnet device: its IFLA_INFO_DATA (the
    network attributes) changed. Returns (errno, extack text)."""
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)  # NETLINK_ROUTE
    s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
    body = struct.pack("BxHiII", 0, 0, 0, 0, 0) + strz(3, name) + nest(
        18, strz(1, "vnet"), nest(2, *data))  # IFLA_IFNAME, IFLA_LINKINFO
    s.send(struct.pack("IHHII", 16 + len(body), 16, F_REQUEST | F_ACK, 1, 0) + body)
    buf = s.recv(65536)
    n, typ, fl, _, _ = struct.unpack_from("IHHII", buf)
    err = -struct.unpack_from("i", buf, 16)[0]
    a = Genl.attrs(buf[36:n]) if fl & F_ACK_TLVS else {}
    return err, a.get(ERR_MSG, b"").rstrip(b"\0").decode()


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
    ("network-stats-given", NEW, network(strz(NAME, "x"), stats(STATS))),
    ("valid", NEW, network(strz(NAME, "ok0"), u32(ID, 1), nest(
        PREFIXES, *[prefix("10.%d.0.0" % i, 16) for i in range(64)]))),
    # ports and nodes, of ok0; none of these may make one
    ("port-no-network-nest", PORT_NEW, nest(A_PORT, strz(PORT_IFNAME, "p0"))),
    ("port-no-port-nest", PORT_NEW, OK0),
    ("port-not-nested", PORT_NEW, OK0 + attr(A_PORT, strz(PORT_IFNAME, "p0"))),
    ("port-no-key", PORT_NEW, port()),
    ("port-ifindex-short", PORT_NEW, port(u16(PORT_IFINDEX, 1))),
    ("port-ifname-too-long", PORT_NEW, port(strz(PORT_IFNAME, "p" * 16))),
    ("port-unknown-attribute", PORT_NEW, port(strz(PORT_IFNAME, "p0"), u32(9, 1))),
    ("port-unknown-ifindex", PORT_NEW, port(u32(PORT_IFINDEX, 0xFFFFFF))),
    ("port-unknown-network", PORT_NEW, network(strz(NAME, "nosuch")) +
     nest(A_PORT, strz(PORT_IFNAME, "p0"))),
    ("port-network-stats-given", PORT_NEW, network(strz(NAME, "ok0"), stats(STATS)) +
     nest(A_PORT, strz(PORT_IFNAME, "p0"))),
    ("port-stats-given", PORT_NEW, port(strz(PORT_IFNAME, "p0")) + stats(A_STATS)),
    ("port-loopback", PORT_NEW, port(strz(PORT_IFNAME, "lo"))),
    ("port-network-itself", PORT_NEW, port(strz(PORT_IFNAME, "ok0"))),
    ("port-del-not-a-port", PORT_DEL, port(strz(PORT_IFNAME, "p0"))),
    ("node-no-node-nest", NODE_NEW, OK0),
    ("node-not-nested", NODE_NEW, OK0 + attr(A_NODE, ip(NODE_ADDR, "10.1.0.1"))),
    ("node-no-network-key", NODE_NEW, network() + nest(
        A_NODE, ip(NODE_ADDR, "10.1.0.1"), ip(NODE_REMOTE, "192.0.2.1"))),
    ("node-no-addr", NODE_NEW, node(ip(NODE_REMOTE, "192.0.2.1"))),
    ("node-addr-3-bytes", NODE_NEW, node(attr(NODE_ADDR, b"\12\1\0"),
                                         ip(NODE_REMOTE, "192.0.2.1"))),
    ("node-addr-5-bytes", NODE_NEW, node(attr(NODE_ADDR, b"\12\1\0\1\0"),
                                         ip(NODE_REMOTE, "192.0.2.1"))),
    ("node-addr-17-bytes", NODE_NEW, node(attr(NODE_ADDR, b"\xfd" + b"\0" * 16),
                                          ip(NODE_REMOTE, "192.0.2.1"))),
    ("node-remote-5-bytes", NODE_NEW, node_at("10.1.0.1", attr(NODE_REMOTE, b"\300\0\2\1\0"))),
    ("node-remote-multicast", NODE_NEW, node_at("10.1.0.1", ip(NODE_REMOTE, "224.0.0.1"))),
    ("node-remote-broadcast", NODE_NEW, node_at("10.1.0.1", ip(NODE_REMOTE, "255.255.255.255"))),
    ("node-remote-any", NODE_NEW, node_at("10.1.0.1", ip(NODE_REMOTE, "0.0.0.0"))),
    ("node-remote6-multicast", NODE_NEW, node_at("10.1.0.1", ip(NODE_REMOTE, "ff02::1"))),
    ("node-remote6-any", NODE_NEW, node_at("10.1.0.1", ip(NODE_REMOTE, "::"))),
    ("node-neither-port-nor-remote", NODE_NEW, node_at("10.1.0.1")),
    ("node-both-port-and-remote", NODE_NEW, node_at(
        "10.1.0.1", strz(NODE_IFNAME, "p0"), ip(NODE_REMOTE, "192.0.2.1"))),
    ("node-ifindex-short", NODE_NEW, node_at("10.1.0.1", u16(NODE_IFINDEX, 1))),
    ("node-ifname-too-long", NODE_NEW, node_at("10.1.0.1", strz(NODE_IFNAME, "p" * 16))),
    ("node-unknown-attribute", NODE_NEW, node_at(
        "10.1.0.1", ip(NODE_REMOTE, "192.0.2.1"), u32(9, 1))),
    ("node-unknown-ifindex", NODE_NEW, node_at("10.1.0.1", u32(NODE_IFINDEX, 0xFFFFFF))),
    ("node-not-on-a-port", NODE_NEW, node_at("10.1.0.1", strz(NODE_IFNAME, "p0"))),
    ("node-outside-prefixes", NODE_NEW, node_at("192.168.0.1", ip(NODE_REMOTE, "192.0.2.1"))),
    ("node-v6-outside-prefixes", NODE_NEW, node_at("fd00::1", ip(NODE_REMOTE, "192.0.2.1"))),
    ("node-v4-mapped", NODE_NEW, node_at("::ffff:10.1.0.1", ip(NODE_REMOTE, "192.0.2.1"))),
    ("node-unknown-network", NODE_NEW, network(strz(NAME, "nosuch")) + nest(
        A_NODE, ip(NODE_ADDR, "10.1.0.1"), ip(NODE_REMOTE, "192.0.2.1"))),
    ("node-stats-given", NODE_NEW, node_at("10.1.0.1", ip(NODE_REMOTE, "192.0.2.1")) +
     stats(A_STATS)),
    ("node-del-no-addr", NODE_DEL, node()),
    ("node-del-unknown", NODE_DEL, node_at("10.1.0.1")),
    ("node-get-unknown", NODE_GET, node_at("10.1.0.1")),
    ("node-get-no-network", NODE_GET, nest(A_NODE, ip(NODE_ADDR, "10.1.0.1"))),
    ("node-dump-unknown-network", NODE_GET, network(strz(NAME, "nosuch")), {"flags": F_DUMP}),
    ("node-replace-missing", NODE_NEW, node_at("10.1.0.1", ip(NODE_REMOTE, "192.0.2.1")) +
     u32(A_FLAGS, F_REPLACE)),
    ("node-add-excl", NODE_NEW, node_at("10.1.0.2", ip(NODE_REMOTE, "192.0.2.1")) +
     u32(A_FLAGS, F_CREATE | F_EXCL)),
    ("node-add-again", NODE_NEW, node_at("10.1.0.2", ip(NODE_REMOTE, "192.0.2.1"))),
    ("node-replace-excl", NODE_NEW, node_at("10.1.0.2", ip(NODE_REMOTE, "192.0.2.2")) +
     u32(A_FLAGS, F_CREATE | F_REPLACE | F_EXCL)),
    ("node-flags-unknown-bit", NODE_NEW, node_at("10.1.0.2", ip(NODE_REMOTE, "192.0.2.2")) +
     u32(A_FLAGS, F_REPLACE | 0x800)),
    ("node-flags-in-header", NODE_NEW, node_at("10.1.0.2", ip(NODE_REMOTE, "192.0.2.2")),
     {"flags": F_ACK | F_REPLACE}),
    ("node-lladdr-given", NODE_NEW, node_at("10.1.0.3", ip(NODE_REMOTE, "192.0.2.1"),
                                            attr(NODE_LLADDR, b"\2\0\0\0\0\1"))),
    ("node-flush-no-network", NODE_FLUSH, b""),
    ("node-flush", NODE_FLUSH, OK0),
    ("port-get-not-a-port", PORT_GET, port(strz(PORT_IFNAME, "p0"))),
    ("port-get-no-port-nest", PORT_GET, OK0),
    ("port-dump-unknown-network", PORT_GET, network(strz(NAME, "nosuch")), {"flags": F_DUMP}),
    ("set-unknown", SET, network(strz(NAME, "nosuch"))),
    ("set-id", SET, network(strz(NAME, "ok0"), u32(ID, 2))),
    ("set-port", SET, network(strz(NAME, "ok0"), u16(PORT, 7000))),
    ("set-local-multicast", SET, network(strz(NAME, "ok0"), attr(LOCAL, b"\xe0\0\0\1"))),
    ("set-local6-v4-mapped", SET, network(strz(NAME, "ok0"), ip(LOCAL6, "::ffff:192.0.2.1"))),
    ("set-prefix-overlap", SET, network(strz(NAME, "ok0"), nest(
        PREFIXES, prefix("10.0.0.0", 8), prefix("10.1.0.0", 16)))),
    ("set-stats-given", SET, network(strz(NAME, "ok0"), stats(STATS))),
    ("stats-stats-given", STATS_GET, stats(A_STATS)),
    ("stats-nested-stats-given", STATS_GET, stats(A_STATS, NLA_F_NESTED)),
    ("network-nested-stats-given", GET, network(strz(NAME, "ok0"), stats(STATS, NLA_F_NESTED))),
    ("stats-unknown-attribute", STATS_GET, u32(30, 1)),
]


def run_cases(g, cases):
    """Send each case; print "NAME ERRNO MESSAGE" for each."""
    for case in cases:
        name, cmd, body = case[:3]
        kw = case[3] if len(case) > 3 else {}
        _, err, text = g.talk(cmd, body, **kw)
        print(name, err, text)


def main():
    g = Genl()
    run_cases(g, CASES)
    for name, data in [
            ("rtnl-set-id", [u32(ID, 2)]),
            ("rtnl-set-name", [strz(NAME, "x")]),
            ("rtnl-set-prefixes", [nest(PREFIXES, prefix("10.0.0.0", 8))])]:
        print(name, *rtnl_changelink("ok0", data))
    replies, err, _ = g.talk(GET, b"", flags=F_DUMP)
    names = sorted(Genl.attrs(Genl.attrs(r)[A_NETWORK])[NAME].rstrip(b"\0").decode()
                   for r in replies)
    print("dump", err, " ".join(names))
    replies, err, _ = g.talk(NODE_GET, b"", flags=F_DUMP)
    print("node-dump", err, len(replies))
    replies, err, _ = g.talk(STATS_GET, b"")
    counters = Genl.attrs(Genl.attrs(replies[0])[A_STATS]) if replies else {}
    print("stats", err, " ".join("%d:%d" % (t, struct.unpack("Q", v)[0])
                                 for t, v in sorted(counters.items()) if t != S_PAD))


if __name__ == "__main__":
    main()

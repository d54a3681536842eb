#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A TCP transfer whose two ends can be compared.

    xfer.py recv ADDR PORT         accept one connection on ADDR, read to EOF
    xfer.py send ADDR PORT FILE    connect to ADDR (retrying for 10 s), send FILE

Each end prints "BYTES SHA256" of what it received or sent. With XFER_DEV
in the environment, the socket is bound to that netdevice.
"""
import hashlib
import os
import socket
import sys
import time


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def bind_dev(s):
    dev = os.environ.get("XFER_DEV")
    if dev:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, dev.encode())


def recv(addr, port):
    ls = socket.socket(family(addr), socket.SOCK_STREAM)
    bind_dev(ls)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, port))
    ls.listen(1)
    conn, _ = ls.accept()
    digest, total = hashlib.sha256(), 0
    while True:
        data = conn.recv(1 << 16)
        if not data:
            break
        digest.update(data)
        total += len(data)
    print(total, digest.hexdigest())


def send(addr, port, path):
    deadline = time.monotonic() + 10
    while True:
        s = socket.socket(family(addr), socket.SOCK_STREAM)
        bind_dev(s)
        try:
            s.connect((addr, port))
            break
        except OSError:
            s.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    digest, total = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while True:
            data = f.read(1 << 16)
            if not data:
                break
            s.sendall(data)
            digest.update(data)
            total += len(data)
    s.shutdown(socket.SHUT_WR)
    # wait for the receiver to close: everything has arrived
    s.recv(1)
    print(total, digest.hexdigest())


if __name__ == "__main__":
    if sys.argv[1] == "recv":
        recv(sys.argv[2], int(sys.argv[3]))
    else:
        send(sys.argv[2], int(sys.argv[3]), sys.argv[4])

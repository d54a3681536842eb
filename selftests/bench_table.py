#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print bench_table.sh's results: medians of its rounds, vnet beside the
kernel's FIB, and the ratios."""
import statistics
import sys
from collections import defaultdict


def main():
    r = defaultdict(list)
    order = []
    for line in open(sys.argv[1]):
        w = line.split()
        t, what = w[0], w[1]
        if t not in order:
            order.append(t)
        r[(t, what, w[2] if len(w) > 2 else "")].append(w[2:])

    def med(t, what, side, i=1):
        v = [float(x[i]) for x in r.get((t, what, side), [])]
        return statistics.median(v) if v else None

    def nroutes(t):
        return int(t.split("-")[1])

    def line(cols, widths):
        print(" | ".join(("%-*s" if i == 0 else "%*s") % (w, c)
                         for i, (c, w) in enumerate(zip(cols, widths))))

    def rule(widths):
        print("-+-".join("-" * w for w in widths))

    def ratio(a, b):
        return "%.2fx" % (a / b) if a is not None and b else "-"

    print()
    print("Lookup: ns a lookup, median of rounds (the hook's median of 3 each)")
    wd = [10, 9, 10, 11, 7, 9]
    line(["table", "routes", "vnet ns", "kernel ns", "ratio", "target"], wd)
    rule(wd)
    for t in order:
        v, k = med(t, "lookup", "vnet", 1), med(t, "lookup", "kernel", 1)
        full = t in ("v4-1040000", "v6-220000")
        target = ("<= 0.25x" if t.startswith("v4") else "<= 0.10x") if full else ""
        line([t, nroutes(t), "%.0f" % (v / 1000), "%.0f" % (k / 1000),
              ratio(v, k), target], wd)
    for fam in ("v4", "v6"):
        ts = [t for t in order if t.startswith(fam)]
        if len(ts) < 2:
            continue
        a, b = ts[0], ts[-1]
        gv = med(b, "lookup", "vnet") / med(a, "lookup", "vnet")
        gk = med(b, "lookup", "kernel") / med(a, "lookup", "kernel")
        line(["growth", "%s->%s" % (nroutes(a), nroutes(b)), "%.2fx" % gv,
              "%.2fx" % gk, "", "<= 1.5x" if fam == "v4" else ""], wd)
    bad = []
    for (t, what, side), vals in r.items():
        if what == "hits":
            for x in vals:
                if x[0] != x[1]:
                    bad.append("%s: vnet found %s, the FIB %s" % (t, x[0], x[1]))
    print("(both found routes for the same addresses)" if not bad else
          "MISMATCH: " + "; ".join(bad))

    print()
    print("Memory: bytes a route, the whole table installed")
    wd = [10, 9, 12, 14, 14, 7, 8]
    line(["table", "routes", "vnet (own)", "vnet (meminfo)", "kernel (meminfo)",
          "ratio", "target"], wd)
    rule(wd)
    for t in order:
        n = nroutes(t)
        own = [(float(x[1]) + float(x[2])) for x in r[(t, "own", "vnet")]]
        own = statistics.median(own) / n
        mv = med(t, "memkb", "vnet", 1) * 1024 / n
        mk = med(t, "memkb", "kernel", 1) * 1024 / n
        line([t, n, "%.1f" % own, "%.1f" % mv, "%.1f" % mk, ratio(mv, mk),
              "<= 0.25x" if n >= 100000 else ""], wd)

    print()
    print("Install and flush: seconds for the whole table")
    wd = [10, 9, 10, 10, 8, 9, 11, 11, 8, 9]
    line(["table", "routes", "vnetctl", "ip -batch", "speedup", "target",
          "vnet flush", "ip flush", "speedup", "routes/s"], wd)
    rule(wd)
    for t in order:
        n = nroutes(t)
        iv, ik = med(t, "install", "vnet"), med(t, "install", "kernel")
        fv, fk = med(t, "flush", "vnet"), med(t, "flush", "kernel")
        line([t, n, "%.2f" % iv, "%.2f" % ik, ratio(ik, iv),
              ">= 3x" if n >= 100000 else "", "%.2f" % fv, "%.2f" % fk,
              ratio(fk, fv), "%.0f" % (n / iv)], wd)

    churned = [t for t in order if (t, "churn", "vnet") in r]
    if churned:
        print()
        print("Churn at full table: changes a second (replace, back, delete, add back)")
        wd = [10, 9, 12, 14, 7]
        line(["table", "changes", "vnet", "ip -batch", "ratio"], wd)
        rule(wd)
        for t in churned:
            n = int(r[(t, "churn", "vnet")][0][2])
            cv = n / med(t, "churn", "vnet")
            ck = n / med(t, "churn", "kernel")
            line([t, n, "%.0f" % cv, "%.0f" % ck, ratio(cv, ck)], wd)


if __name__ == "__main__":
    main()

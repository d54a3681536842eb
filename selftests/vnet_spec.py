# SPDX-License-Identifier: GPL-2.0
"""The values of the vnet generic netlink family, from its netlink spec
(Documentation/netlink/specs/vnet.yaml), by their names there:

    from vnet_spec import spec
    spec.cmd("network-new")          # VNET_CMD_NETWORK_NEW
    spec.attr("network", "name")     # VNET_NETWORK_A_NAME
    spec.attrs("network").name       # the same
    spec.const("id-max")             # VNET_ID_MAX
    spec.enum("route-type").blackhole  # VNET_ROUTE_BLACKHOLE
"""
import os
from types import SimpleNamespace

import yaml

_HERE = os.path.dirname(os.path.abspath(__file__))
# beside this file in an installed kselftest collection, else in the tree
PATH = next((p for p in (os.path.join(_HERE, "vnet.yaml"),
                         os.path.join(_HERE, "..", "Documentation", "netlink",
                                      "specs", "vnet.yaml"))
             if os.path.exists(p)), None)


def _number(items, start):
    """Name -> value of spec list entries: from @start, each one more than
    the one before unless it has its own value."""
    out, val = {}, start
    for item in items:
        if isinstance(item, str):
            item = {"name": item}
        val = item.get("value", val)
        out[item["name"]] = val
        val += 1
    return out


def _ns(values):
    """Attribute access to @values, dashes as underscores."""
    return SimpleNamespace(**{k.replace("-", "_"): v for k, v in values.items()})


class Spec:
    """A loaded spec: its values by name."""

    def __init__(self, path=PATH):
        with open(path) as f:
            y = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self.name = y["name"]
        self.version = y.get("version", 1)
        self.consts, self.enums = {}, {}
        for d in y.get("definitions", []):
            if d["type"] == "const":
                self.consts[d["name"]] = d["value"]
            elif d["type"] in ("enum", "flags"):
                vals = _number(d["entries"], d.get("value-start", 0))
                if d["type"] == "flags":
                    vals = {k: 1 << v for k, v in vals.items()}
                self.enums[d["name"]] = vals
        # attributes and commands count from 1 unless given a value; a
        # subset's attributes are those of its set
        self.sets = {s["name"]: _number(s["attributes"], 1)
                     for s in y["attribute-sets"] if "subset-of" not in s}
        for s in y["attribute-sets"]:
            if "subset-of" in s:
                whole = self.sets[s["subset-of"]]
                self.sets[s["name"]] = {a["name"]: whole[a["name"]] for a in s["attributes"]}
        self.cmds = _number(y["operations"]["list"], 1)
        self.mcgrps = [g["name"] for g in y.get("mcast-groups", {}).get("list", [])]

    def cmd(self, name):
        return self.cmds[name]

    def attr(self, aset, name):
        return self.sets[aset][name]

    def attrs(self, aset):
        return _ns(self.sets[aset])

    def const(self, name):
        return self.consts[name]

    def enum(self, name):
        return _ns(self.enums[name])


spec = Spec()

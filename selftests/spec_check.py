#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that the vnet netlink spec and the uapi header agree.

Reads the C enums and #defines of include/uapi/linux/vnet.h, renders the
identifiers and values a generator would make of
Documentation/netlink/specs/vnet.yaml (the kernel's ynl naming rules) and
compares them both ways: each enum, each define. Also checks that the
spec's references resolve, that the attribute types agree with the types
the header's kernel-doc names, that vnet_spec.py reads the same values
and, with --schema, that the spec is valid by the kernel's schema.
Prints KTAP; exits 1 on any mismatch.
"""
import argparse
import ast
import operator
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = os.path.join(HERE, "..", "include", "uapi", "linux", "vnet.h")
SPEC = os.path.join(HERE, "..", "Documentation", "netlink", "specs", "vnet.yaml")


def c_upper(name):
    return name.upper().replace("-", "_")


def c_lower(name):
    return name.lower().replace("-", "_")


# --- the header -----------------------------------------------------------

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
        ast.Div: operator.floordiv, ast.FloorDiv: operator.floordiv,
        ast.Mod: operator.mod, ast.LShift: operator.lshift,
        ast.RShift: operator.rshift, ast.BitOr: operator.or_,
        ast.BitAnd: operator.and_, ast.BitXor: operator.xor,
        ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Invert: operator.invert}


def c_eval(expr, symbols):
    """The value of a C integer constant expression of literals and
    @symbols (integer suffixes dropped, octal understood)."""
    expr = re.sub(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\b", r"\1", expr.strip())
    expr = re.sub(r"\b0([0-7]+)\b", r"0o\1", expr)

    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        if isinstance(node, ast.Name):
            if node.id not in symbols:
                raise ValueError(f"unknown symbol {node.id}")
            return symbols[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.operand))
        raise ValueError(f"cannot evaluate {expr!r}")
    return ev(ast.parse(expr, mode="eval"))


_TOKENS = re.compile(r'"(?:\\.|[^"\\\n])*"|/\*.*?\*/|//[^\n]*', re.S)


def strip_comments(text):
    def repl(m):
        s = m.group(0)
        if s.startswith('"'):
            return s
        return "\n" * s.count("\n") if s.startswith("/*") else ""
    return _TOKENS.sub(repl, text.replace("\\\n", ""))


def parse_header(text):
    """(defines, enums) of a C header: defines name -> int or str, enums
    name -> {entry: value} in order (anonymous enums named "<FIRST>")."""
    code = strip_comments(text)
    defines, enums, symbols = {}, {}, {}
    # defines and enums in the order they come, a define may use an enum
    item = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)(\()?[ \t]*([^\n]*)$"
                      r"|\benum\s+(\w+)?\s*\{(.*?)\}\s*;", re.M | re.S)
    for m in item.finditer(code):
        if m.group(1):
            name, func, value = m.group(1), m.group(2), m.group(3).strip()
            if func or not value:
                continue  # macros and include guards
            s = re.fullmatch(r'"((?:\\.|[^"\\])*)"', value)
            defines[name] = s.group(1) if s else c_eval(value, symbols)
            symbols[name] = defines[name]
            continue
        entries, val = {}, -1
        for part in m.group(5).split(","):
            part = part.strip()
            if not part:
                continue
            name, _, expr = part.partition("=")
            name = name.strip()
            val = c_eval(expr, symbols) if expr.strip() else val + 1
            entries[name] = val
            symbols[name] = val
        enums[m.group(4) or f"<{next(iter(entries), '')}>"] = entries
    return defines, enums


def parse_kdoc(text):
    """enum name -> (summary, {entry: doc}) of the header's kernel-doc."""
    out = {}
    for m in re.finditer(r"/\*\*(.*?)\*/", text, re.S):
        lines = [re.sub(r"^\s*\* ?", "", ln) for ln in m.group(1).splitlines()]
        body = "\n".join(lines).strip()
        head = re.match(r"enum\s+(\w+)\s*-\s*(.*?)(?=\n@|\Z)", body, re.S)
        if not head:
            continue
        entries = dict(re.findall(r"^@(\w+):\s*(.*?)(?=^@|\Z)", body, re.M | re.S))
        out[head.group(1)] = (" ".join(head.group(2).split()),
                              {k: " ".join(v.split()) for k, v in entries.items()})
    return out


# --- the spec -------------------------------------------------------------

def render_spec(y):
    """(defines, enums, attribute sets) of the uAPI a ynl generator makes of
    spec @y: the same shapes as parse_header()'s, plus, for each attribute
    set, (C enum name, {attribute: C entry name}) keyed by set name."""
    fam = y["name"]
    defines, enums, sets = {}, {}, {}

    def enum_name(obj, default):
        if "enum-name" in obj:
            return c_lower(obj["enum-name"]) if obj["enum-name"] else None
        return default

    def put_enum(name, entries):
        enums[name or f"<{next(iter(entries), '')}>"] = entries

    defines[c_upper(y.get("c-family-name", f"{fam}-family-name"))] = fam
    defines[c_upper(y.get("c-version-name", f"{fam}-family-version"))] = y.get("version", 1)
    max_by_define = y.get("max-by-define", False)

    for d in y.get("definitions", []):
        if d.get("header") or d.get("scope", "uapi") != "uapi":
            continue
        if d["type"] == "const":
            defines[c_upper(f"{fam}-{d['name']}")] = d["value"]
            continue
        if d["type"] not in ("enum", "flags"):
            continue
        pfx = d.get("name-prefix", f"{fam}-{d['name']}-")
        entries, val = {}, d.get("value-start", 0)
        for e in d["entries"]:
            e = {"name": e} if isinstance(e, str) else e
            val = e.get("value", val)
            entries[c_upper(pfx + e["name"])] = 1 << val if d["type"] == "flags" else val
            val += 1
        if d.get("render-max"):
            if d["type"] == "flags":
                entries[c_upper(pfx + "mask")] = sum(entries.values())
            else:
                last = max(entries.values())
                entries["__" + c_upper(pfx + "max")] = last + 1
                entries[c_upper(pfx + "max")] = last
        put_enum(enum_name(d, c_lower(f"{fam}-{d['name']}")), entries)

    def sentinels(entries, cnt, mx, val):
        """The count and max of an enum whose next value is @val."""
        entries[c_upper(cnt)] = val
        if max_by_define:
            defines[c_upper(mx)] = val - 1
        else:
            entries[c_upper(mx)] = val - 1

    for s in y["attribute-sets"]:
        if "subset-of" in s:
            continue
        if "name-prefix" in s:
            pfx = s["name-prefix"]
        elif s["name"] == fam:
            pfx = f"{fam}-a-"
        else:
            pfx = f"{fam}-a-{s['name']}-"
        entries, names, val = {}, {}, 1
        for a in s["attributes"]:
            val = a.get("value", val)
            names[a["name"]] = c_upper(a.get("name-prefix", pfx) + a["name"])
            entries[names[a["name"]]] = val
            val += 1
        sentinels(entries, s.get("attr-cnt-name", f"__{pfx}max"),
                  s.get("attr-max-name", f"{pfx}max"), val)
        name = enum_name(s, None)
        put_enum(name, entries)
        sets[s["name"]] = (name, names)

    ops = y["operations"]
    if ops.get("enum-model", "unified") != "unified" or "async-prefix" in ops:
        raise ValueError("only the unified model without async-prefix is known here")
    pfx = ops.get("name-prefix", f"{fam}-cmd-")
    entries, val = {}, 1
    for op in ops["list"]:
        val = op.get("value", val)
        entries[c_upper(pfx + op["name"])] = val
        val += 1
    sentinels(entries, y.get("cmd-cnt-name", f"__{pfx}max"),
              y.get("cmd-max-name", f"{pfx}max"), val)
    put_enum(enum_name(ops, None), entries)

    for g in y.get("mcast-groups", {}).get("list", []):
        defines[c_upper(g.get("c-define-name", f"{fam}-mcgrp-{g['name']}"))] = g["name"]
    return defines, enums, sets


def spec_refs(y):
    """What in spec @y names something that is not there."""
    bad = []
    sets = {s["name"]: {a["name"] for a in s["attributes"]} for s in y["attribute-sets"]}
    defs = {d["name"]: d for d in y.get("definitions", [])}
    for s in y["attribute-sets"]:
        whole = s.get("subset-of")
        if whole is not None and whole not in sets:
            bad.append(f"{s['name']}: a subset of no attribute set {whole}")
        for a in s["attributes"]:
            where = f"{s['name']}.{a['name']}"
            if whole in sets and a["name"] not in sets[whole]:
                bad.append(f"{where}: not in {whole}")
            if "nested-attributes" in a and a["nested-attributes"] not in sets:
                bad.append(f"{where}: no attribute set {a['nested-attributes']}")
            if a.get("type") in ("nest", "indexed-array") and \
                    a.get("sub-type", "nest") == "nest" and "nested-attributes" not in a:
                bad.append(f"{where}: a nest without nested-attributes")
            if "enum" in a and a["enum"] not in defs:
                bad.append(f"{where}: no definition {a['enum']}")
            for k, v in a.get("checks", {}).items():
                if isinstance(v, str) and not re.fullmatch(r"[us]\d+-m(in|ax)", v) \
                        and v.removesuffix(" - 1") not in defs:
                    bad.append(f"{where}: check {k} names no definition: {v}")
    groups = {g["name"] for g in y.get("mcast-groups", {}).get("list", [])}
    for op in y["operations"]["list"]:
        aset = op.get("attribute-set")
        if aset is not None and aset not in sets:
            bad.append(f"{op['name']}: no attribute set {aset}")
            continue
        if "mcgrp" in op and op["mcgrp"] not in groups:
            bad.append(f"{op['name']}: no multicast group {op['mcgrp']}")
        for mode in ("do", "dump"):
            for msg in ("request", "reply"):
                for a in op.get(mode, {}).get(msg, {}).get("attributes", []):
                    if a not in sets.get(aset, ()):
                        bad.append(f"{op['name']} {mode} {msg}: no attribute {aset}.{a}")
    return bad


# The type a kernel-doc line starts with, and the spec's type for it.
_KDOC_TYPES = [
    (r"unused\b", "unused"), (r"padding\b", "pad"),
    (r"nested array\b", "indexed-array"), (r"nest\b", "nest"),
    (r"(u8|u16|u32|u64|s8|s16|s32|s64)\b", None),
    (r"(NUL-terminated )?string\b", "string"), (r"flag\b", "flag"),
    (r"(binary|struct in6?_addr|\d+ bytes)\b", "binary"),
]


def kdoc_type(doc, summary):
    """(spec type, enum it names or None) a kernel-doc entry says, or None
    if it names no type. An enum whose summary says "each a TYPE" gives
    its entries that type by default."""
    for pat, typ in _KDOC_TYPES:
        m = re.match(pat, doc)
        if m:
            enum = re.match(r"[^.;:]*?\benum (\w+)", doc)
            return (typ or m.group(1)), (enum.group(1) if enum else None)
    m = re.search(r"\beach an? (u8|u16|u32|u64)\b", summary)
    return (m.group(1), None) if m else None


def check_types(y, sets, kdoc, hdr_enums):
    """Per attribute set: (checked, [mismatch]) of its types against the
    header's kernel-doc of its enum."""
    by_name = {s["name"]: s for s in y["attribute-sets"]}
    set_enum = {n: e for n, (e, _) in sets.items()}
    # a subset is its set's enum
    set_enum.update({s["name"]: set_enum.get(s["subset-of"])
                     for s in y["attribute-sets"] if "subset-of" in s})
    def_enum = {}
    fam = y["name"]
    for d in y.get("definitions", []):
        if d["type"] in ("enum", "flags"):
            en = d.get("enum-name", f"{fam}-{d['name']}")
            def_enum[d["name"]] = c_lower(en) if en else None
    out = {}
    for sname, (ename, names) in sets.items():
        if ename not in kdoc:
            continue
        summary, docs = kdoc[ename]
        checked, bad = 0, []
        for a in by_name[sname]["attributes"]:
            doc = docs.get(names[a["name"]])
            said = kdoc_type(doc, summary) if doc is not None else None
            if said is None:
                continue
            checked += 1
            typ, enum = said
            if a.get("type") != typ:
                bad.append(f"{names[a['name']]}: spec {a.get('type')}, kernel-doc {typ}")
                continue
            if enum is None:
                continue
            if enum in hdr_enums and typ in ("nest", "indexed-array"):
                got = set_enum.get(a.get("nested-attributes"))
            else:
                got = def_enum.get(a.get("enum"))
            if got != enum:
                bad.append(f"{names[a['name']]}: spec names enum {got}, kernel-doc {enum}")
        out[ename] = (checked, bad)
    return out


# --- the report -----------------------------------------------------------

class Ktap:
    def __init__(self):
        self.results = []

    def add(self, ok, name, diag=(), skip=None):
        self.results.append((ok, name, list(diag), skip))

    def print(self):
        print("KTAP version 1")
        print(f"1..{len(self.results)}")
        for i, (ok, name, diag, skip) in enumerate(self.results, 1):
            for d in diag:
                print(f"# {d}")
            print(f"{'ok' if ok else 'not ok'} {i} - {name}" +
                  (f" # SKIP {skip}" if skip else ""))
        failed = sum(not ok for ok, *_ in self.results)
        print(f"# {len(self.results) - failed} passed, {failed} failed")
        return failed == 0


def compare_enum(name, hdr, spc):
    """Diagnostics of enum @name in the header (@hdr) and the spec (@spc)."""
    diag = []
    if hdr is None:
        return [f"enum {name}: in the spec only: {', '.join(spc)}"]
    if spc is None:
        return [f"enum {name}: in the header only: {', '.join(hdr)}"]
    for e, v in hdr.items():
        if e not in spc:
            diag.append(f"{e} = {v}: in the header only")
        elif spc[e] != v:
            diag.append(f"{e}: header {v}, spec {spc[e]}")
    diag += [f"{e} = {v}: in the spec only" for e, v in spc.items() if e not in hdr]
    return diag


def compare_values(spec_path, y, sets, hdr_enums, hdr_defines):
    """What vnet_spec.py gives that differs from the header."""
    sys.path.insert(0, HERE)
    from vnet_spec import Spec
    s = Spec(spec_path)
    flat = {k: v for e in hdr_enums.values() for k, v in e.items()}
    flat.update(hdr_defines)
    fam = y["name"]
    want = []
    for sname, (_, names) in sets.items():
        want += [(f"attr({sname!r}, {a!r})", s.attr(sname, a), c)
                 for a, c in names.items()]
    pfx = y["operations"].get("name-prefix", f"{fam}-cmd-")
    want += [(f"cmd({o!r})", v, c_upper(pfx + o)) for o, v in s.cmds.items()]
    want += [(f"const({c!r})", v, c_upper(f"{fam}-{c}")) for c, v in s.consts.items()]
    for d in y.get("definitions", []):
        if d["type"] == "enum" and not d.get("header"):
            epfx = d.get("name-prefix", f"{fam}-{d['name']}-")
            want += [(f"enum({d['name']!r}).{k}", v, c_upper(epfx + k))
                     for k, v in s.enums[d["name"]].items()]
    return [f"{what} = {v}, header {c} = {flat.get(c)}"
            for what, v, c in want if flat.get(c) != v]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--header", default=HEADER, help="the uapi header")
    ap.add_argument("--spec", default=SPEC, help="the netlink spec")
    ap.add_argument("--schema", help="the kernel's Documentation/netlink/genetlink*.yaml")
    args = ap.parse_args()

    with open(args.header) as f:
        htext = f.read()
    with open(args.spec) as f:
        y = yaml.safe_load(f)
    hdr_defines, hdr_enums = parse_header(htext)
    spc_defines, spc_enums, sets = render_spec(y)
    t = Ktap()

    bad = spec_refs(y)
    t.add(not bad, "spec: every name it refers to is defined in it", bad)

    for name in list(hdr_enums) + [n for n in spc_enums if n not in hdr_enums]:
        diag = compare_enum(name, hdr_enums.get(name), spc_enums.get(name))
        t.add(not diag, f"enum {name}", diag)

    for name in list(hdr_defines) + [n for n in spc_defines if n not in hdr_defines]:
        h, s = hdr_defines.get(name), spc_defines.get(name)
        diag = [] if h == s and name in hdr_defines and name in spc_defines else [
            f"{name}: header {h!r}" + ("" if name in hdr_defines else " (absent)") +
            f", spec {s!r}" + ("" if name in spc_defines else " (absent)")]
        t.add(not diag, f"define {name}", diag)

    for ename, (checked, bad) in check_types(y, sets, parse_kdoc(htext), hdr_enums).items():
        t.add(not bad, f"types of enum {ename} agree with its kernel-doc "
              f"({checked} attributes)", bad)

    try:
        bad = compare_values(args.spec, y, sets, hdr_enums, hdr_defines)
    except (KeyError, ValueError, TypeError) as e:
        bad = [f"vnet_spec.py fails: {type(e).__name__} {e}"]
    t.add(not bad, "vnet_spec.py gives the header's values", bad)

    if not args.schema:
        t.add(True, "spec valid by the kernel's schema", skip="no --schema given")
    else:
        try:
            import jsonschema
        except ImportError:
            t.add(True, "spec valid by the kernel's schema", skip="no python3-jsonschema")
        else:
            with open(args.schema) as f:
                schema = yaml.safe_load(f)
            v = jsonschema.Draft7Validator(schema)
            errs = [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
                    for e in v.iter_errors(y)]
            t.add(not errs, f"spec valid by {os.path.basename(args.schema)}", errs)

    sys.exit(0 if t.print() else 1)


if __name__ == "__main__":
    main()

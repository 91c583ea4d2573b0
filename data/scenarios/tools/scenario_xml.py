# scenario_xml.py: write and read Waferline scenario files (format version 1)
# in the canonical form of docs/scenario-format.md, for the scenario tools.
#
# Copyright 2026 The Waferline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

NS = "urn:waferline:scenario:1"

# Attribute order and defaults, as in docs/scenario-format.md and the model records.
NODE_ATTRS = ["id", "kind", "name", "unit", "group", "lead-weeks", "yield", "allocation",
              "initial-rate", "initial-stock", "source", "confidence"]
LINK_ATTRS = ["from", "to", "input", "per-unit", "transit-weeks", "mix", "priority", "share",
              "source", "confidence"]
ORDER_ATTRS = ["id", "quantity", "placed", "due", "priority", "source", "confidence"]
POINT_ATTRS = ["date", "value", "interpolate", "source", "confidence"]
SOURCE_ATTRS = ["id", "basis", "title", "date", "url"]
DEFAULTS = {"yield": 1, "lead-weeks": 0, "initial-rate": 0, "initial-stock": 0,
            "transit-weeks": 0, "per-unit": 1, "mix": 1, "share": 1, "priority": 1,
            "allocation": "proportional", "interpolate": "step"}


def num(x):
    """Shortest form that reads back to the same double."""
    x = float(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def is_default(key, value):
    if key not in DEFAULTS or value is None:
        return value is None
    d = DEFAULTS[key]
    if isinstance(d, str):
        return value == d
    return not isinstance(value, (list, str)) and float(value) == float(d)


def attrs(d, order):
    out = []
    for k in order:
        v = d.get(k)
        if v is None or isinstance(v, list) or is_default(k, v):
            continue
        if isinstance(v, (int, float)):
            v = num(v)
        out.append(" %s=%s" % (k, quoteattr(str(v))))
    return "".join(out)


def schedule(tag, points, ind):
    lines = ["%s<%s>" % (ind, tag)]
    for p in points:
        lines.append("%s  <point%s/>" % (ind, attrs(p, POINT_ATTRS)))
    lines.append("%s</%s>" % (ind, tag))
    return lines


def write(path, sc):
    L = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<scenario xmlns="%s" format-version="1">' % NS,
         "  <title>%s</title>" % escape(sc["title"])]
    if sc.get("description"):
        L.append("  <description>%s</description>" % escape(sc["description"]))
    L.append('  <calendar start="%s" weeks="%d"/>' % (sc["start"], sc["weeks"]))
    if sc.get("sources"):
        L.append("  <sources>")
        for s in sc["sources"]:
            L.append("    <source%s/>" % attrs(s, SOURCE_ATTRS))
        L.append("  </sources>")
    L.append("  <nodes>")
    for n in sc["nodes"]:
        a = dict(n)
        children = []
        if isinstance(n.get("capacity"), list):
            children += schedule("capacity", n["capacity"], "      ")
        if isinstance(n.get("yield"), list):
            children += schedule("yield", n["yield"], "      ")
        if n.get("note"):
            children.append("      <note>%s</note>" % escape(n["note"]))
        for o in n.get("orders", []):
            children.append("      <order%s/>" % attrs(o, ORDER_ATTRS))
        if children:
            L.append("    <node%s>" % attrs(a, NODE_ATTRS))
            L += children
            L.append("    </node>")
        else:
            L.append("    <node%s/>" % attrs(a, NODE_ATTRS))
    L.append("  </nodes>")
    L.append("  <links>")
    for l in sc["links"]:
        if isinstance(l.get("mix"), list):
            L.append("    <link%s>" % attrs(l, LINK_ATTRS))
            L += schedule("mix", l["mix"], "      ")
            L.append("    </link>")
        else:
            L.append("    <link%s/>" % attrs(l, LINK_ATTRS))
    L.append("  </links>")
    if sc.get("views"):
        L += sc["views"]
    L.append("</scenario>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


# ---------------------------------------------------------------- reading

def parse_date(s):
    return datetime.date.fromisoformat(s)


def _sched(el, tag, attr_value, default):
    """A schedule as a list of (date or None, value, interpolate)."""
    child = el.find("{%s}%s" % (NS, tag))
    if child is not None:
        return [(parse_date(p.get("date")), float(p.get("value")),
                 p.get("interpolate", "step")) for p in child.findall("{%s}point" % NS)]
    if attr_value is not None:
        return [(None, float(attr_value), "step")]
    return None if default is None else [(None, float(default), "step")]


def read(path):
    root = ET.parse(path).getroot()
    q = lambda t: "{%s}%s" % (NS, t)
    cal = root.find(q("calendar"))
    sc = {"start": parse_date(cal.get("start")), "weeks": int(cal.get("weeks")),
          "nodes": [], "links": []}
    for n in root.find(q("nodes")).findall(q("node")):
        sc["nodes"].append({
            "id": n.get("id"), "kind": n.get("kind"), "name": n.get("name", n.get("id")),
            "unit": n.get("unit", ""),
            "lead": int(n.get("lead-weeks", 0)),
            "yield": _sched(n, "yield", n.get("yield"), 1),
            "capacity": _sched(n, "capacity", None, None),
            "allocation": n.get("allocation", "proportional"),
            "initial_rate": float(n.get("initial-rate", 0)),
            "initial_stock": float(n.get("initial-stock", 0)),
            "orders": [{"id": o.get("id"), "quantity": float(o.get("quantity")),
                        "placed": parse_date(o.get("placed")),
                        "due": parse_date(o.get("due")) if o.get("due") else None,
                        "priority": int(o.get("priority", 1))}
                       for o in n.findall(q("order"))]})
    for l in root.find(q("links")).findall(q("link")):
        sc["links"].append({
            "from": l.get("from"), "to": l.get("to"), "input": l.get("input", l.get("from")),
            "per_unit": float(l.get("per-unit", 1)),
            "transit": int(l.get("transit-weeks", 0)),
            "mix": _sched(l, "mix", l.get("mix"), 1),
            "priority": int(l.get("priority", 1)), "share": float(l.get("share", 1))})
    return sc


def week_of(start, date):
    return max(0, (date - start).days // 7)


def evaluate(sched, start, weeks, fallback):
    """Per-week values of a schedule (docs/model.md: step holds, linear ramps from
    the previous point; before the first point the first value holds)."""
    if sched is None:
        return [fallback] * weeks
    pts = [((week_of(start, d) if d is not None else 0), v, i) for d, v, i in sched]
    out = []
    for t in range(weeks):
        val = pts[0][1]
        for k, (w, v, i) in enumerate(pts):
            if w <= t:
                val = v
            elif i == "linear" and k > 0:
                w0, v0 = pts[k - 1][0], pts[k - 1][1]
                if t >= w0:
                    val = v0 + (v - v0) * (t - w0) / (w - w0) if w > w0 else v
                break
            else:
                break
        out.append(val)
    return out

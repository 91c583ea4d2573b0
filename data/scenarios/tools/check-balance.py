#!/usr/bin/env python3
# check-balance.py: hand check of a Waferline scenario before the engine exists.
#
#   check-balance.py FILE.waferline [--simulate] [--by year|quarter]
#
# Prints, per quarter, each stage's capacity converted to GPU-equivalents
# (through per-unit and yields, along each node's first outgoing link down to a
# customer) next to the quantity ordered by customers in that quarter.  Nodes
# that feed the same bill-of-materials line (alternative sources, or parallel
# process nodes such as TSMC and OSAT CoWoS) are summed into one stage.
#
# With --simulate it also runs a plain re-implementation of docs/model.md
# ("One week, step by step") and prints output per quarter, the share of weeks
# each capacitated node was the binding constraint, and order lead times
# (placed -> filled) by the quarter the order was placed.  It is a check on the
# scenario, not the product's engine: lots, stage timelines and the bottleneck
# ranking are not modelled.
#
# Copyright 2026 The Waferline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenario_xml as sx  # noqa: E402

EPS = 1e-9


class Model:
    def __init__(self, sc):
        self.sc = sc
        self.W = sc["weeks"]
        self.start = sc["start"]
        self.nodes = sc["nodes"]
        self.idx = {n["id"]: i for i, n in enumerate(self.nodes)}
        self.links = sc["links"]
        for n in self.nodes:
            n["out"] = [k for k, l in enumerate(self.links) if l["from"] == n["id"]]
            n["in"] = [k for k, l in enumerate(self.links) if l["to"] == n["id"]]
            lines = {}
            for k in n["in"]:
                name = "customer" if n["kind"] == "customer" else self.links[k]["input"]
                lines.setdefault(name, []).append(k)
            n["lines"] = lines
            n["cap"] = sx.evaluate(n["capacity"], self.start, self.W, float("inf"))
            n["y"] = sx.evaluate(n["yield"], self.start, self.W, 1.0)
        for l in self.links:
            l["mixv"] = sx.evaluate(l["mix"], self.start, self.W, 1.0)
        self.order = self.topo()

    def topo(self):
        indeg = {n["id"]: len(n["in"]) for n in self.nodes}
        done, order = set(), []
        while len(order) < len(self.nodes):
            for n in self.nodes:
                if n["id"] not in done and indeg[n["id"]] == 0:
                    done.add(n["id"])
                    order.append(n)
                    for k in n["out"]:
                        indeg[self.links[k]["to"]] -= 1
                    break
            else:
                sys.exit("cycle in the graph")
        return order

    def week_of(self, d):
        return sx.week_of(self.start, d)

    # ------------------------------------------------------------ conversion
    def gpu_eq(self, n, memo={}):
        """GPU-equivalents (customer units) per unit of n's output."""
        if n["id"] in memo:
            return memo[n["id"]]
        if n["kind"] == "customer":
            return 1.0
        l = self.links[n["out"][0]]
        m = self.nodes[self.idx[l["to"]]]
        y = statistics.mean(m["y"])
        v = (1.0 / l["per_unit"]) * y * self.gpu_eq(m)
        memo[n["id"]] = v
        return v

    # ------------------------------------------------------------ simulation
    def simulate(self):
        W, links, nodes = self.W, self.links, self.nodes
        for n in nodes:
            n["stock"] = n["initial_stock"]
            n["pool"] = {name: 0.0 for name in n["lines"]}
            n["compl"] = [0.0] * (W + 200)
            L = n["lead"]
            if L >= 1:
                for t in range(min(L, W)):
                    n["compl"][t] = n["initial_rate"] * n["y"][0]
            n["expected"] = sum(n["compl"])
            n["starts"] = [0.0] * W
            n["bind"] = [""] * W
            n["completed"] = [0.0] * W
            n["received"] = 0.0
            n["recv_w"] = [0.0] * W
            n["intransit_to"] = 0.0
            for o in n["orders"]:
                o["week"] = self.week_of(o["placed"])
                o["left"] = o["quantity"]
                o["filled"] = None
        for l in links:
            l["transit_q"] = []
            l["intransit"] = 0.0
            l["req"] = 0.0
            l["shipped"] = [0.0] * W
        rev = list(reversed(self.order))
        for t in range(W):
            # 1. arrivals
            for n in nodes:
                if n["lead"] >= 1:
                    c = n["compl"][t]
                    n["stock"] += c
                    n["expected"] -= c
                    n["completed"][t] += c
            for l in links:
                keep = []
                for (tw, q) in l["transit_q"]:
                    if tw == t:
                        self.deliver(l, q, t)
                        l["intransit"] -= q
                    else:
                        keep.append((tw, q))
                l["transit_q"] = keep
            # 2. needs, downstream first
            for n in rev:
                if n["kind"] == "customer":
                    ordered = sum(o["quantity"] for o in n["orders"] if o["week"] <= t)
                    intr = sum(links[k]["intransit"] for k in n["in"])
                    need = max(0.0, ordered - n["received"] - intr)
                    self.split(n["in"], need, t)
                    continue
                need = sum(links[k]["req"] for k in n["out"])
                y = n["y"][t]
                S = max(0.0, (need - n["stock"] - n["expected"]) / y)
                n["S"] = S
                n["D"] = min(n["cap"][t], S)
                for name, ks in n["lines"].items():
                    pu = links[ks[0]]["per_unit"]
                    intr = sum(links[k]["intransit"] for k in ks)
                    r = max(0.0, S * pu - n["pool"][name] - intr)
                    self.split(ks, r, t)
            # 3. start and ship, upstream first
            for n in self.order:
                if n["kind"] == "customer":
                    continue
                starts = n["D"]
                held = None
                for name, ks in n["lines"].items():
                    pu = links[ks[0]]["per_unit"]
                    avail = n["pool"][name] / pu
                    if avail < starts - EPS * max(1.0, starts):
                        starts = avail
                        if held is None:
                            held = name
                starts = max(0.0, starts)
                if starts >= n["S"] - 1e-6 * max(1.0, n["S"]):
                    n["bind"][t] = "demand"
                elif n["cap"][t] <= starts + 1e-6 * max(1.0, starts) and n["cap"][t] < n["S"]:
                    n["bind"][t] = "capacity"
                else:
                    n["bind"][t] = "input:" + (held or "?")
                for name, ks in n["lines"].items():
                    n["pool"][name] -= starts * links[ks[0]]["per_unit"]
                    n["pool"][name] = max(0.0, n["pool"][name])
                n["starts"][t] = starts
                good = starts * n["y"][t]
                if n["lead"] == 0:
                    n["stock"] += good
                    n["completed"][t] += good
                else:
                    n["compl"][t + n["lead"]] += good
                    n["expected"] += good
                self.ship(n, t)

    def split(self, ks, r, t):
        links = self.links
        tot = sum(links[k]["mixv"][t] for k in ks)
        for k in ks:
            links[k]["req"] = 0.0 if tot <= 0 else r * links[k]["mixv"][t] / tot

    def ship(self, n, t):
        links = self.links
        ks = n["out"]
        sup = n["stock"]
        reqs = [links[k]["req"] for k in ks]
        tot = sum(reqs)
        pol = n["allocation"]
        if tot <= sup + EPS:
            give = reqs[:]
        elif pol == "proportional":
            give = [r * sup / tot for r in reqs]
        elif pol == "priority":
            give, left = [0.0] * len(ks), sup
            for i in sorted(range(len(ks)), key=lambda i: (links[ks[i]]["priority"], i)):
                give[i] = min(reqs[i], left)
                left -= give[i]
        elif pol == "fixed-share":
            ssum = sum(links[k]["share"] for k in ks)
            give = [min(reqs[i], sup * links[ks[i]]["share"] / ssum) for i in range(len(ks))]
        elif pol == "fair-share":
            give, left = [0.0] * len(ks), sup
            active = [i for i in range(len(ks)) if reqs[i] > 0]
            while active and left > EPS:
                part = left / len(active)
                nxt = []
                for i in active:
                    g = min(part, reqs[i] - give[i])
                    give[i] += g
                    left -= g
                    if reqs[i] - give[i] > EPS:
                        nxt.append(i)
                if len(nxt) == len(active):
                    break
                active = nxt
        else:
            sys.exit("unknown allocation " + pol)
        for i, k in enumerate(ks):
            g = give[i]
            if g <= 0:
                continue
            n["stock"] -= g
            l = links[k]
            l["shipped"][t] += g
            if l["transit"] == 0:
                self.deliver(l, g, t)
            else:
                l["transit_q"].append((t + l["transit"], g))
                l["intransit"] += g
        n["stock"] = max(0.0, n["stock"])

    def deliver(self, l, q, t):
        m = self.nodes[self.idx[l["to"]]]
        if m["kind"] == "customer":
            m["received"] += q
            m["recv_w"][t] += q
            left = q
            for o in sorted(m["orders"], key=lambda o: (o["priority"], o["placed"])):
                if o["left"] <= 0 or o["week"] > t:
                    continue
                g = min(o["left"], left)
                o["left"] -= g
                left -= g
                if o["left"] <= 1e-6:
                    o["left"] = 0.0
                    o["filled"] = t
                if left <= 0:
                    break
        else:
            m["pool"][l["input"]] += q


def periods(m, by):
    out = []
    w = 0
    while w < m.W:
        d = sx.parse_date(str(m.start)) + __import__("datetime").timedelta(weeks=w)
        if by == "year":
            label = "%d" % d.year
        else:
            label = "%dQ%d" % (d.year, (d.month - 1) // 3 + 1)
        if out and out[-1][0] == label:
            out[-1][1].append(w)
        else:
            out.append((label, [w]))
        w += 1
    return out


def stage_of(m, n):
    """Nodes feeding one line of one node are one stage."""
    if not n["out"]:
        return n["id"]
    l = m.links[n["out"][0]]
    to = m.nodes[m.idx[l["to"]]]
    same = to["lines"].get(l["input"], [])
    if len(same) > 1:
        return "%s<%s" % (l["input"], to["id"])
    return n["id"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--simulate", action="store_true")
    ap.add_argument("--by", default="quarter", choices=["quarter", "year"])
    a = ap.parse_args()
    m = Model(sx.read(a.file))
    P = periods(m, a.by)
    # ---- static table
    stages, order = {}, []
    for n in m.nodes:
        if n["kind"] == "customer" or n["capacity"] is None:
            continue
        s = stage_of(m, n)
        if s not in stages:
            stages[s] = []
            order.append(s)
        stages[s].append(n)
    width = max(len(s) for s in order + ["orders placed"]) + 1
    print("Capacity in customer units per week (GPU-equivalents; TPU branch in TPUs), period")
    print("average, converted along each node's first outgoing link (1/per-unit x yield of the")
    print("next node, down to a customer). Alternative sources of one line are summed (a source")
    print("with mix 0 counts 0); a fixed-share supply counts its first link's share only.")
    print("Orders: GPUs placed in the period, per week (orders dated before the start count in")
    print("the first period).\n")
    print("%-*s" % (width, "stage") + "".join("%9s" % lab for lab, _ in P))
    for s in order:
        row = []
        for lab, ws in P:
            v = 0.0
            for n in stages[s]:
                f = m.gpu_eq(n)
                l = m.links[n["out"][0]]
                if n["allocation"] == "fixed-share":
                    # only this link's share of the supply goes down the GPU path
                    f *= l["share"] / sum(m.links[k]["share"] for k in n["out"])
                # a source whose mix is 0 (not qualified) adds nothing that week
                v += statistics.mean(n["cap"][w] * n["y"][w] * (1 if l["mixv"][w] > 0 else 0)
                                     for w in ws) * f
            row.append(v)
        print("%-*s" % (width, s) + "".join("%9.0f" % (v / 1000) + "" for v in row) + "  k/wk")
    row = []
    for lab, ws in P:
        q = 0.0
        for n in m.nodes:
            for o in n["orders"]:
                if m.week_of(o["placed"]) in ws:
                    q += o["quantity"]
        row.append(q / len(ws))
    print("%-*s" % (width, "orders placed") + "".join("%9.0f" % (v / 1000) for v in row) + "  k/wk")
    if not a.simulate:
        return
    m.simulate()
    print("\nSimulated (approximation of docs/model.md): per period\n")
    print("%-*s" % (width, "node") + "".join("%9s" % lab for lab, _ in P))
    for n in m.nodes:
        if n["kind"] == "customer":
            continue
        row = ["%9.0f" % (sum(n["completed"][w] for w in ws) / 1000) for lab, ws in P]
        print("%-*s" % (width, n["id"] + " out") + "".join(row) + "  k")
    print()
    for n in m.nodes:
        if n["capacity"] is None or n["kind"] == "customer":
            continue
        row = []
        for lab, ws in P:
            util = statistics.mean(n["starts"][w] / n["cap"][w] if n["cap"][w] > 0 else 0 for w in ws)
            capb = sum(1 for w in ws if n["bind"][w] == "capacity") / len(ws)
            row.append("%4.0f%%/%-3.0f" % (util * 100, capb * 100))
        print("%-*s" % (width, n["id"]) + "".join(row))
    print("(utilisation % / % of weeks bound by capacity)\n")
    cust = [n for n in m.nodes if n["kind"] == "customer"]
    print("%-*s" % (width, "installed") + "".join("%9.0f" % (sum(sum(c["recv_w"][w] for w in ws) for c in cust if c["unit"] == "gpu") / 1000) for lab, ws in P) + "  k GPUs")
    backlog = []
    for lab, ws in P:
        w = ws[-1]
        ordered = sum(o["quantity"] for c in cust if c["unit"] == "gpu" for o in c["orders"] if o["week"] <= w)
        got = sum(sum(c["recv_w"][:w + 1]) for c in cust if c["unit"] == "gpu")
        backlog.append((ordered - got) / 1000)
    print("%-*s" % (width, "backlog at end") + "".join("%9.0f" % v for v in backlog) + "  k GPUs")
    print("\nOrder lead time placed -> filled (weeks), GPU orders, by quarter placed:")
    print("  quantity-weighted mean, median of orders, max, unfilled")
    for lab, ws in periods(m, "quarter"):
        os_ = [o for c in cust if c["unit"] == "gpu" for o in c["orders"] if o["week"] in ws]
        if not os_:
            continue
        f = [o for o in os_ if o["filled"] is not None]
        lt = [o["filled"] - o["week"] for o in f]
        wm = sum((o["filled"] - o["week"]) * o["quantity"] for o in f) / max(1, sum(o["quantity"] for o in f))
        print("  %s  n=%3d  mean %5.1f  median %5.1f  max %3d  unfilled %d"
              % (lab, len(os_), wm, statistics.median(lt) if lt else float("nan"), max(lt) if lt else -1, len(os_) - len(f)))
    years = sorted({o["placed"].year for c in cust for o in c["orders"]})
    print("\nPer customer: ordered, installed (k); mean lead time (weeks) of orders placed in "
          + ", ".join(str(y) for y in years) + " (u = some unfilled)")
    for c in cust:
        row = []
        for y in years:
            os_ = [o for o in c["orders"] if o["placed"].year == y]
            f = [o["filled"] - o["week"] for o in os_ if o["filled"] is not None]
            row.append("%5s%s" % ("%.0f" % statistics.mean(f) if f else "-", "u" if len(f) < len(os_) else " "))
        print("  %-16s %6.0f %6.0f  " % (c["id"], sum(o["quantity"] for o in c["orders"]) / 1000,
                                        c["received"] / 1000) + " ".join(row))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# test-timeseries.py: `--export … --chart timeseries|lead-time` against the CSV tables
#
# Copyright 2026 The Waferline Authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built waferline with --simulate --csv and with the time series
# exports of the same scenario: a node's JSON holds its capacity, starts
# and stock of nodes.csv week by week; a customer's its received total
# (nodes.csv's stock) and its ordered total (orders.csv's quantities
# summed by placed week); the lead time chart's markers are the orders'
# own lead times, and --from/--to keep the weeks asked for.  PNG, SVG and
# PDF are written and look like what they are; bad options are refused
# with a clear line.
#
# usage: test-timeseries.py WAFERLINE

import csv
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile

EXE = sys.argv[1]
FAILURES = []


def fail(message):
    FAILURES.append(message)
    print("FAIL: " + message)


def run(*args):
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=300)


def number(text):
    return math.nan if text == "" else float(text)


def same(a, b):
    if a is None:
        a = math.nan
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def export_json(tmp, *args):
    out = os.path.join(tmp, "series.json")
    r = run("--export", out, *args)
    if r.returncode != 0:
        fail(f"{args}: exit {r.returncode}: {r.stderr.strip()}")
        return None
    with open(out) as f:
        return json.load(f)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        csv_dir = os.path.join(tmp, "csv")
        r = run("--simulate", "--csv", csv_dir)
        if r.returncode != 0:
            fail("--simulate: " + r.stderr)
            return
        with open(os.path.join(csv_dir, "nodes.csv")) as f:
            nodes = list(csv.DictReader(f))
        with open(os.path.join(csv_dir, "orders.csv")) as f:
            orders = list(csv.DictReader(f))
        start = datetime.date.fromisoformat(nodes[0]["date"])
        n_weeks = max(int(row["week"]) for row in nodes) + 1

        def week_of(text):
            return max(0, (datetime.date.fromisoformat(text) - start).days // 7)

        # A node: capacity, starts and stock, every week.
        for node in ("cowos-tsmc", "hbm-skhynix", "n4-wafers"):
            data = export_json(tmp, "--chart", "timeseries", "--node", node)
            if data is None:
                continue
            rows = {int(row["week"]): row for row in nodes if row["node"] == node}
            if data["kind"] != "node" or data["id"] != node or len(data["weeks"]) != n_weeks:
                fail(f"{node}: kind {data['kind']}, id {data['id']}, {len(data['weeks'])} weeks")
            keys = [s["key"] for s in data["series"]]
            if keys != ["capacity", "starts", "stock"]:
                fail(f"{node}: series {keys}")
            for week in data["weeks"]:
                row = rows[week["week"]]
                if week["date"] != row["date"]:
                    fail(f"{node} week {week['week']}: date {week['date']} != {row['date']}")
                for key in ("capacity", "starts", "stock"):
                    if not same(week[key], number(row[key])):
                        fail(f"{node} week {week['week']} {key}: {week[key]} != {row[key]}")
                        break

        # A customer: ordered (by placed week) and received up to each week.
        for customer in ("meta", "microsoft", "tesla"):
            data = export_json(tmp, "--chart", "timeseries", "--customer", customer)
            if data is None:
                continue
            rows = {int(row["week"]): row for row in nodes if row["node"] == customer}
            placed = [0.0] * n_weeks
            for order in orders:
                if order["customer"] == customer and week_of(order["placed"]) < n_weeks:
                    placed[week_of(order["placed"])] += float(order["quantity"])
            total = 0.0
            if [s["key"] for s in data["series"]] != ["ordered", "received"]:
                fail(f"{customer}: series {data['series']}")
            for week in data["weeks"]:
                total += placed[week["week"]]
                if not same(week["ordered"], total):
                    fail(f"{customer} week {week['week']} ordered: {week['ordered']} != {total}")
                    break
                if not same(week["received"], number(rows[week["week"]]["stock"])):
                    fail(f"{customer} week {week['week']} received: {week['received']}")
                    break
                if week["received"] > week["ordered"] * (1 + 1e-9):
                    fail(f"{customer} week {week['week']}: received more than ordered")
                    break

        # --node with a customer gives the customer's chart.
        data = export_json(tmp, "--chart", "timeseries", "--node", "meta")
        if data is not None and data["kind"] != "customer":
            fail(f"--node meta: kind {data['kind']}")

        # The quoted lead time of a window: its weeks only, the orders'
        # own lead times as markers.
        data = export_json(tmp, "--chart", "lead-time", "--customer", "meta",
                           "--from", "2023-04-03", "--to", "2024-03-31")
        if data is not None:
            weeks = [w["week"] for w in data["weeks"]]
            if weeks != list(range(week_of("2023-04-03"), week_of("2024-03-31") + 1)):
                fail(f"lead-time window: weeks {weeks[:3]}…{weeks[-3:]}")
            if data["kind"] != "lead-time" or data["unit"] != "week":
                fail(f"lead-time: kind {data['kind']}, unit {data['unit']}")
            own = {}
            for order in orders:
                if order["customer"] == "meta" and order["filled"]:
                    p = week_of(order["placed"])
                    own[p] = max(own.get(p, 0), week_of(order["filled"]) - p)
            quoted = [w["quoted"] for w in data["weeks"]]
            if any(q is None or q <= 0 for q in quoted):
                fail(f"lead-time: a week of 2023 without a positive quote: {quoted}")
            for w in data["weeks"]:
                want = own.get(w["week"], math.nan)
                if not same(w["orders"], want):
                    fail(f"lead-time week {w['week']}: orders {w['orders']} != {want}")
                # A probe placed with an order of the same week comes after it.
                if w["week"] in own and w["quoted"] is not None and w["quoted"] < own[w["week"]]:
                    fail(f"lead-time week {w['week']}: quoted {w['quoted']} before the order's {own[w['week']]}")

        # The pictures: PNG of the size asked, SVG and PDF.
        for name, magic in (("s.png", b"\x89PNG"), ("s.svg", b"<?xml"), ("s.pdf", b"%PDF")):
            out = os.path.join(tmp, name)
            r = run("--export", out, "--chart", "timeseries", "--node", "cowos-tsmc",
                    "--width", "640", "--height", "360")
            if r.returncode != 0:
                fail(f"{name}: {r.stderr}")
                continue
            with open(out, "rb") as f:
                head = f.read(24)
            if not head.startswith(magic):
                fail(f"{name}: starts {head!r}")
            if name.endswith(".png"):
                width = int.from_bytes(head[16:20], "big")
                height = int.from_bytes(head[20:24], "big")
                if (width, height) != (640, 360):
                    fail(f"PNG is {width} x {height}")

        # Refused with a clear line, nothing written.
        out = os.path.join(tmp, "refused.png")
        for args, words in ((("--chart", "timeseries"), "--node"),
                            (("--chart", "lead-time"), "--customer"),
                            (("--chart", "lead-time", "--customer", "cowos-tsmc"), "not a customer"),
                            (("--chart", "timeseries", "--node", "nowhere"), "nowhere"),
                            (("--chart", "timeseries", "--node", "meta", "--customer", "meta"), "not both"),
                            (("--chart", "timeseries", "--node", "meta", "--from", "2031-01-01"), "no week"),
                            (("--chart", "gantt", "--node", "meta"), "--chart timeseries")):
            r = run("--export", out, *args)
            if r.returncode == 0 or words not in r.stderr or os.path.exists(out):
                fail(f"{args}: exit {r.returncode}, {r.stderr.strip()!r}")


main()
if FAILURES:
    print(f"{len(FAILURES)} failures")
    sys.exit(1)
print("ok")

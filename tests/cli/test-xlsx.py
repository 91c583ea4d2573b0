#!/usr/bin/python3
# test-xlsx.py: `--simulate --xlsx` read back by an independent reader
#
# Copyright 2026 The Waferline Authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built waferline with --csv and --xlsx on the same scenario
# and reads the workbook with openpyxl (Debian's python3-openpyxl): every
# CSV table is a sheet whose cells hold the same values, as numbers,
# dates and text, with empty cells where the CSV field is empty; the
# bottleneck sheet holds what --bottlenecks prints; the version-2 tables
# (quotas, grants, expansions, products) are sheets too; --compare BASE
# --xlsx writes the variant's workbook with a sheet deltas holding
# compare.csv (--differences-only: only the rows that differ); a header row, frozen
# panes and number formats; a German locale writes the same numbers; a
# table too large for a sheet is refused and leaves the old file as it
# was.
#
# usage: test-xlsx.py WAFERLINE SCENARIO… BASELINE VARIANT

import csv
import datetime
import math
import os
import subprocess
import sys
import tempfile

try:
    import openpyxl
except ImportError:
    print("python3-openpyxl is not installed (./run.sh test installs it)")
    sys.exit(77)

EXE = sys.argv[1]
# The last two arguments are a baseline and a variant for --compare.
SCENARIOS = sys.argv[2:-2]
COMPARE = sys.argv[-2:]
FAILURES = []

# Columns by type: the rest are quantities (floats) or text.
INT_COLUMNS = {"week", "wait_before_weeks", "weeks", "allocation_weeks", "wait_weeks",
               "transit_weeks", "lateness_weeks", "rank", "grant", "differs"}
DATE_COLUMNS = {"date", "placed", "due", "filled", "start", "end", "made", "from", "to",
                "ordered", "tools_started", "tools_done", "qualified"}
TEXT_COLUMNS = {"node", "customer", "order", "stage", "kind", "binding", "product", "name", "unit",
                "period", "donor", "recipient", "source", "supplier", "quarter",
                "subject", "id", "measure"}
# Columns whose type depends on the table: node ids or dates, dates or numbers.
TABLE_COLUMNS = {("links", "from"): "node", ("links", "to"): "node",
                 ("quotas", "from"): "node", ("quotas", "to"): "node",
                 ("expansions", "delivered"): "date"}
# Frozen panes: the header and the columns that say what a row is about.
FROZEN = {"nodes": "D2", "links": "E2", "orders": "C2", "stages": "D2", "bottlenecks": "D2",
          "quotas": "D2", "grants": "C2", "expansions": "C2", "products": "E2", "deltas": "F2"}
SHEETS = ["nodes", "links", "orders", "stages", "bottlenecks", "quotas", "grants", "expansions", "products"]
V2_TABLES = ["quotas", "grants", "expansions", "products"]


def fail(message):
    FAILURES.append(message)
    print("FAIL: " + message)


def run(*args, env=None):
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=env, timeout=300)


def same_number(a, b):
    # libxlsxwriter writes 16 significant digits, as many as Excel keeps.
    return a == b or abs(a - b) <= 1e-15 * max(abs(a), abs(b))


def check_cell(where, column, text, cell):
    value = cell.value
    column = TABLE_COLUMNS.get((where.split(":")[0], column), column)
    if text == "":
        if value is not None:
            fail(f"{where}: {column} is {value!r} where the CSV is empty")
        return
    if column in DATE_COLUMNS or column == "date":
        if not isinstance(value, datetime.datetime) or value.date().isoformat() != text:
            fail(f"{where}: {column} is {value!r}, not the date {text}")
        elif cell.number_format != "yyyy-mm-dd":
            fail(f"{where}: {column} has the format {cell.number_format!r}")
    elif column in INT_COLUMNS:
        if not isinstance(value, int) or value != int(text):
            fail(f"{where}: {column} is {value!r}, not the whole number {text}")
    elif column in TEXT_COLUMNS:
        if value != text:
            fail(f"{where}: {column} is {value!r}, not {text!r}")
    else:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not same_number(float(value), float(text)):
            fail(f"{where}: {column} is {value!r}, not the number {text}")


def sheet_values(book, name):
    """Every cell's value of one sheet, row by row."""
    return [[c.value for c in row] for row in book[name].iter_rows()]


def compare_table(name, csv_path, sheet):
    with open(csv_path, newline="") as f:
        rows = list(csv.reader(f))
    header = [c.value for c in sheet[1]]
    for column in rows[0]:
        if column not in header:
            fail(f"{name}: no column {column} in the sheet's header {header}")
            return
    if sheet.freeze_panes != FROZEN[name]:
        fail(f"{name}: frozen panes at {sheet.freeze_panes}, not {FROZEN[name]}")
    if sheet.max_row != len(rows):
        fail(f"{name}: {sheet.max_row} rows in the sheet, {len(rows)} in the CSV")
        return
    index = {column: header.index(column) for column in rows[0]}
    for r, (row, cells) in enumerate(zip(rows[1:], sheet.iter_rows(min_row=2)), start=2):
        for column, text in zip(rows[0], row):
            check_cell(f"{name}:{r}", column, text, cells[index[column]])
        if len(FAILURES) > 20:
            return
    if name == "nodes":
        utilisation = sheet.cell(row=2, column=index["utilisation"] + 1)
        if utilisation.number_format != "0.0%":
            fail(f"nodes: utilisation has the format {utilisation.number_format!r}")


def bottleneck_rows(scenario):
    """The table --bottlenecks prints, as dicts of its printed cells."""
    out = run("--bottlenecks", *([scenario] if scenario else [])).stdout.splitlines()
    start = next(i for i, line in enumerate(out) if line.startswith("product"))
    rows = []
    for line in out[start + 1:]:
        if not line.strip():
            break
        cells = line.split()
        if cells[0].isdigit() and line.startswith(" "):
            cells.insert(0, "")  # customers without a unit: an empty product
        # product rank node NAME… gain gain% lateness
        rows.append({"product": cells[0], "rank": int(cells[1]), "node": cells[2],
                     "gain": cells[-3], "share": cells[-2], "lateness": cells[-1]})
    return rows, out[0]


def signed(value, digits):
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    if text.startswith("-") and set(text[1:]) <= set("0."):
        return text[1:]
    if value > 0 and set(text) - set("0."):
        return "+" + text
    return text


def compare_bottlenecks(scenario, sheet):
    expected, window = bottleneck_rows(scenario)
    header = [c.value for c in sheet[1]]
    got = [dict(zip(header, [c.value for c in row])) for row in sheet.iter_rows(min_row=2)]
    if len(got) != len(expected):
        fail(f"bottlenecks: {len(got)} rows, --bottlenecks prints {len(expected)}")
        return
    for i, (g, e) in enumerate(zip(got, expected), start=2):
        where = f"bottlenecks:{i}"
        if (g["product"] or "", g["rank"], g["node"]) != (e["product"], e["rank"], e["node"]):
            fail(f"{where}: {g['product']} {g['rank']} {g['node']}, --bottlenecks says {e}")
        if f"{g['gain']:.1f}" != e["gain"]:
            fail(f"{where}: gain {g['gain']} prints {e['gain']}")
        if signed(None if g["gain_share"] is None else 100 * g["gain_share"], 1) != e["share"]:
            fail(f"{where}: gain_share {g['gain_share']} prints {e['share']}")
        if signed(g["lateness_change_weeks"], 2) != e["lateness"]:
            fail(f"{where}: lateness change {g['lateness_change_weeks']} prints {e['lateness']}")
        # "Window: 2023-01-02 to 2025-12-28 (156 weeks)"
        dates = window.split()
        if g["from"].date().isoformat() != dates[1] or g["to"].date().isoformat() != dates[3]:
            fail(f"{where}: the window {g['from']} … {g['to']}, --bottlenecks says {window}")
    if got and sheet.freeze_panes != FROZEN["bottlenecks"]:
        fail(f"bottlenecks: frozen panes at {sheet.freeze_panes}")


def check_scenario(scenario, tmp):
    base = os.path.splitext(os.path.basename(scenario))[0] if scenario else "builtin"
    out_dir = os.path.join(tmp, base + "-csv")
    xlsx = os.path.join(tmp, base + ".xlsx")
    args = ["--simulate", "--csv", out_dir, "--xlsx", xlsx] + ([scenario] if scenario else [])
    result = run(*args)
    if result.returncode != 0:
        fail(f"{base}: waferline {' '.join(args)} failed: {result.stderr}")
        return
    book = openpyxl.load_workbook(xlsx)
    if book.sheetnames != SHEETS:
        fail(f"{base}: sheets {book.sheetnames}")
        return
    for name in ["nodes", "links", "orders", "stages"] + V2_TABLES:
        compare_table(name, os.path.join(out_dir, name + ".csv"), book[name])
    compare_bottlenecks(scenario, book["bottlenecks"])
    for name in book.sheetnames:
        if not all(c.font.b for c in book[name][1]):
            fail(f"{base}: the header of {name} is not bold")
        if book[name].auto_filter.ref is None:
            fail(f"{base}: {name} has no filter")

    # Numbers are written the same under a locale with a decimal comma.
    env = dict(os.environ, LC_ALL="de_DE.UTF-8")
    german = os.path.join(tmp, base + "-de.xlsx")
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "de_de.utf8" in locales or "de_de.utf-8" in locales:
        result = run(*(["--simulate", "--xlsx", german] + ([scenario] if scenario else [])), env=env)
        if result.returncode != 0:
            fail(f"{base}: under de_DE: {result.stderr}")
            return
        german_book = openpyxl.load_workbook(german)
        for name in ["nodes", "orders"]:
            if sheet_values(book, name) != sheet_values(german_book, name):
                fail(f"{base}: the sheet {name} differs under de_DE.UTF-8")
    else:
        print("# no de_DE.UTF-8 locale: the decimal-comma check is skipped")


def check_compare(base_scenario, variant, tmp):
    """--compare BASE VARIANT --csv DIR --xlsx OUT: the deltas sheet is compare.csv."""
    for only in ([], ["--differences-only"]):
        out_dir = os.path.join(tmp, "compare-csv" + "".join(only))
        xlsx = os.path.join(tmp, "compare" + "".join(only) + ".xlsx")
        result = run("--compare", base_scenario, variant, "--csv", out_dir, "--xlsx", xlsx, *only)
        if result.returncode != 0:
            fail(f"--compare --xlsx {only}: {result.stderr}")
            continue
        book = openpyxl.load_workbook(xlsx)
        if book.sheetnames != SHEETS + ["deltas"]:
            fail(f"--compare --xlsx: sheets {book.sheetnames}")
            continue
        compare_table("deltas", os.path.join(out_dir, "compare.csv"), book["deltas"])
        differs = [row[9] for row in book["deltas"].iter_rows(min_row=2, values_only=True)]
        if not differs or (only and 0 in differs) or (not only and 0 not in differs):
            fail(f"--compare --xlsx {only}: differs column {sorted(set(differs))}")
    # The variant's own sheets are those of --simulate --xlsx of it.
    sim = os.path.join(tmp, "variant.xlsx")
    run("--simulate", "--xlsx", sim, variant)
    a = openpyxl.load_workbook(sim)
    b = openpyxl.load_workbook(os.path.join(tmp, "compare.xlsx"))
    for name in ["nodes", "orders"]:
        if sheet_values(a, name) != sheet_values(b, name):
            fail(f"--compare --xlsx: the sheet {name} is not the variant's")


def too_large(tmp):
    """A table of more rows than a sheet holds: refused, the old file kept."""
    nodes = 110
    path = os.path.join(tmp, "large.waferline")
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<scenario xmlns="urn:waferline:scenario:1" format-version="2">\n'
                '  <title>Large</title>\n'
                '  <calendar start="2000-01-03" weeks="10000"/>\n  <nodes>\n')
        for i in range(nodes):
            f.write(f'    <node id="n{i}" kind="supply" unit="wafer"/>\n')
        f.write('  </nodes>\n</scenario>\n')
    xlsx = os.path.join(tmp, "large.xlsx")
    with open(xlsx, "wb") as f:
        f.write(b"the old file")
    result = run("--simulate", "--xlsx", xlsx, path)
    if result.returncode == 0:
        fail("a table of 1,100,000 rows was written into a sheet")
    elif "nodes" not in result.stderr or "1100000" not in result.stderr:
        fail(f"the refusal of a large table does not say which and how large: {result.stderr!r}")
    with open(xlsx, "rb") as f:
        if f.read() != b"the old file":
            fail("a refused workbook changed the old file")
    if [n for n in os.listdir(tmp) if n.startswith(".large.xlsx")]:
        fail("a refused workbook left a temporary file")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for scenario in SCENARIOS:
            check_scenario(scenario if scenario != "builtin" else "", tmp)
        too_large(tmp)
        check_compare(COMPARE[0], COMPARE[1], tmp)
        result = run("--xlsx", os.path.join(tmp, "x.xlsx"))
        if result.returncode != 2 or "--simulate" not in result.stderr:
            fail(f"--xlsx without --simulate: {result.returncode} {result.stderr!r}")
    if FAILURES:
        sys.exit(1)
    print("ok")


main()

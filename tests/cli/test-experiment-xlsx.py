#!/usr/bin/python3
# test-experiment-xlsx.py: an experiment's --xlsx read back by openpyxl
#
# Copyright 2026 The Waferline Authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs each experiment with --csv and with --xlsx: every CSV table is a
# sheet of the same name whose cells hold the same values (numbers as
# numbers, empty where the field is empty).
#
# usage: test-experiment-xlsx.py WAFERLINE SCENARIO

import csv
import os
import subprocess
import sys
import tempfile

try:
    import openpyxl
except ImportError:
    print("python3-openpyxl is not installed (./run.sh test installs it)")
    sys.exit(77)

EXE, SCENARIO = sys.argv[1], sys.argv[2]
FAILURES = []

RUNS = [
    ["--monte-carlo", "30", "--seed", "3"],
    ["--sweep", "capacity-scale:wafers:0.5:1.5:0.25"],
    ["--knockout", "2:2023-01-09", "--to", "2023-02-06"],
]

with tempfile.TemporaryDirectory() as tmp:
    for i, args in enumerate(RUNS):
        folder = os.path.join(tmp, "csv%d" % i)
        book = os.path.join(tmp, "book%d.xlsx" % i)
        for out in (["--csv", folder], ["--xlsx", book]):
            subprocess.run([EXE, SCENARIO] + args + out, check=True, capture_output=True)
        wb = openpyxl.load_workbook(book)
        names = sorted(os.listdir(folder))
        if sorted(n[:-4] for n in names) != sorted(wb.sheetnames):
            FAILURES.append("%s: sheets %s, tables %s" % (args[0], wb.sheetnames, names))
            continue
        for name in names:
            with open(os.path.join(folder, name), newline="") as f:
                rows = list(csv.reader(f))
            sheet = list(wb[name[:-4]].values)
            if len(sheet) != len(rows):
                FAILURES.append("%s: %d rows, sheet %d" % (name, len(rows), len(sheet)))
                continue
            for r, (row, cells) in enumerate(zip(rows, sheet)):
                cells = list(cells) + [None] * (len(row) - len(cells))
                for c, field in enumerate(row):
                    cell = cells[c]
                    if field == "":
                        ok = cell is None
                    elif r > 0 and isinstance(cell, (int, float)):
                        ok = float(field) == float(cell)
                    else:
                        ok = str(cell) == field
                    if not ok:
                        FAILURES.append("%s row %d column %d: CSV %r, sheet %r" % (name, r, c, field, cell))

for failure in FAILURES[:20]:
    print("FAIL: " + failure)
sys.exit(1 if FAILURES else 0)

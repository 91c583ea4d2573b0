#!/usr/bin/python3
# test-report.py: `--report OUT.pdf`, the printed brief, read back
#
# Copyright 2026 The Waferline Authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the brief of the built-in scenario and reads it with poppler's
# pdfinfo and pdftotext (Debian's poppler-utils): the pages come in the
# order of docs/architecture.md ("The printed brief") and each says what
# it is: the title page with the key figures, the Sankey of the window,
# the orders Gantt over pages numbered "k of n" (every customer on one of
# them), the bottleneck ranking (the rows --bottlenecks prints for the
# same window), the deliveries per quarter, and the appendix with every
# source of the scenario; every page has its footer and number.  A
# window given with --from/--to is the one the brief names.
#
# usage: test-report.py WAFERLINE SCENARIO

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

EXE, SCENARIO = sys.argv[1], sys.argv[2]
FAILURES = []
NS = "{urn:waferline:scenario:1}"


def fail(message):
    FAILURES.append(message)
    print("FAIL: " + message)


def pages_text(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    n = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    if (round(float(size.group(1))), round(float(size.group(2)))) != (842, 595):
        fail(f"pages are {size.group(1)} x {size.group(2)} pt, not A4 landscape")
    return [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), pdf, "-"],
                           capture_output=True, text=True, check=True).stdout for i in range(1, n + 1)]


def flat(text):
    return " ".join(text.split())


def check_brief(tmp):
    pdf = os.path.join(tmp, "brief.pdf")
    result = subprocess.run([EXE, "--report", pdf, SCENARIO], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        fail(f"--report failed: {result.stderr}")
        return
    pages = pages_text(pdf)
    root = ET.parse(SCENARIO).getroot()
    title = root.find(NS + "title").text

    for i, text in enumerate(pages, start=1):
        if f"page {i}" not in flat(text) or title not in flat(text):
            fail(f"page {i} has no footer naming the scenario and the page: {flat(text)[-120:]!r}")

    # Title page, then the Sankey.
    if title not in flat(pages[0]) or "Key figures of the window" not in flat(pages[0]):
        fail("page 1 is not the title page with the key figures")
    if not re.search(r"\d[\d,]* gpu delivered", flat(pages[0])):
        fail("the title page gives no delivered GPUs")
    if "Flows, 2023-01-02 to 2025-12-28 (156 weeks)" not in flat(pages[1]):
        fail(f"page 2 is not the Sankey of the whole calendar: {flat(pages[1])[:200]!r}")

    # The orders Gantt: pages "k of n", in order, right after the Sankey.
    gantt = []
    for i, text in enumerate(pages):
        m = re.search(r"Orders: where the time goes \((\d+) of (\d+)\)", flat(text))
        if m:
            gantt.append((i, int(m.group(1)), int(m.group(2))))
    if not gantt:
        fail("no page of the orders Gantt")
        return
    n = gantt[0][2]
    if [g[1] for g in gantt] != list(range(1, n + 1)) or [g[0] for g in gantt] != list(range(2, 2 + n)):
        fail(f"the Gantt pages are not 1 … {n} from page 3: {gantt}")
    gantt_text = flat(" ".join(pages[i] for i, _, _ in gantt))
    customers = [node.get("name") for node in root.iter(NS + "node") if node.get("kind") == "customer"]
    missing = [c for c in customers if c.split(" (")[0] not in gantt_text]
    if missing:
        fail(f"customers on no Gantt page: {missing}")

    # Then the ranking, as --bottlenecks prints it.
    after = flat(" ".join(pages[2 + n:]))
    if "Bottleneck ranking, 2023-01-02 to 2025-12-28 (156 weeks)" not in flat(pages[2 + n]):
        fail(f"page {3 + n} is not the bottleneck ranking")
    ranked = subprocess.run([EXE, "--bottlenecks", SCENARIO], capture_output=True, text=True).stdout
    rows = [line.split() for line in ranked.splitlines() if re.match(r"^(gpu|tpu)\s+\d+\s", line)]
    for row in rows[:5]:
        if not re.search(rf"{row[0]} {row[1]} {re.escape(row[2])} ", after):
            fail(f"the ranking's row {row[:3]} is not in the brief")

    # The deliveries table and the appendix with every source.
    if "Deliveries per quarter" not in after or "2024 Q3" not in after:
        fail("no table of deliveries per quarter")
    appendix = [i for i, text in enumerate(pages) if "Appendix: sources" in flat(text)]
    if not appendix:
        fail("no appendix of sources")
        return
    sources_text = flat(" ".join(pages[appendix[0]:]))
    for source in root.iter(NS + "source"):
        name = source.get("title") or source.get("id")
        if flat(name)[:40] not in sources_text:
            fail(f"the source {source.get('id')} is not in the appendix")
    if "Cited by" not in sources_text or "of high" not in sources_text:
        fail("the appendix does not say how the figures citing a source are rated")
    print(f"# {len(pages)} pages, {n} of them the orders Gantt")


def check_window(tmp):
    pdf = os.path.join(tmp, "window.pdf")
    result = subprocess.run([EXE, "--report", pdf, "--from", "2024-07-01", "--to", "2024-09-29", SCENARIO],
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        fail(f"--report with a window failed: {result.stderr}")
        return
    pages = pages_text(pdf)
    if "window 2024-07-01 to 2024-09-29 (13 weeks)" not in flat(pages[0]):
        fail(f"the title page does not name the window: {flat(pages[0])[:300]!r}")
    if "Flows, 2024-07-01 to 2024-09-29 (13 weeks)" not in flat(pages[1]):
        fail("the Sankey is not of the window")


def main():
    for tool in ("pdfinfo", "pdftotext"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed (poppler-utils; ./run.sh test installs it)")
            sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        check_brief(tmp)
        check_window(tmp)
        result = subprocess.run([EXE, "--report", "/nonexistent/dir/brief.pdf", SCENARIO],
                                capture_output=True, text=True)
        if result.returncode == 0 or "brief.pdf" not in result.stderr:
            fail(f"a brief that cannot be written: {result.returncode} {result.stderr!r}")
    if FAILURES:
        sys.exit(1)
    print("ok")


main()

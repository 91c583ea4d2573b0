#!/usr/bin/env python3
"""Mutation testing of the model and the Sankey layout (not run by CI).

Applies one single-token change at a time to the C sources -- the kind of
change a real bug is -- rebuilds incrementally, runs the display-free test
suites and says whether they caught it:

    <  <->  <=      >  <->  >=      ==  <->  !=      &&  <->  ||
    binary +  <->  -                +=  <->  -=
    a dropped unary !               a number constant + 1 and - 1

A mutant is *killed* when a test fails, *timeout* when the suites ran over
the time limit (an endless loop: caught, but counted apart), *survived*
when every test passed, *stillborn* when it does not compile (not counted).

Which mutants: every candidate of the files is listed in a fixed order
(file, offset, operator), then a sample of --sample of them is drawn with
random.Random(--seed), so the same seed and sources give the same mutants.
--all runs every candidate.  Skipped on purpose: comments, strings,
preprocessor lines (except the number of a `#define NAME NUMBER`),
assertions and log calls (g_return_*_if_fail, g_assert*, g_warning…), the
size of an array in its declaration and the size given to an allocation
(g_new, g_malloc, big_new…): one more is equivalent, one less a memory
error that only the sanitizer build (./run.sh test --sanitize) sees.

Equivalent mutants (no behaviour can change) are listed, one per line with
its reason, in build-aux/mutate-equivalent.txt ("ID  # reason") and left
out of the score.

usage:
  build-aux/mutate.py [--build DIR] [--seed N] [--sample N | --all]
                      [--timeout S] [--results FILE] [--resume]
                      [--only ID ...] [--rerun-survivors FILE]
                      [--list] [--report FILE] [FILE ...]

  FILE ...            sources to mutate (default: app/model/*.c and
                      app/render/wfl-sankey-layout*.c)
  --build DIR         build directory, configured with -Dui_tests=disabled
                      (default _build-mut; set up when missing)
  --list              print the selected mutants and stop
  --results FILE      one JSON line per mutant (default mutate-results.jsonl
                      in the build directory); --resume skips those done
  --rerun-survivors F run again the mutants that survived in F (after new
                      tests) and write to --results
  --report FILE ...   only print the per-file table of results files (for
                      a mutant run more than once, its last record counts)

The sources are always restored, also on Ctrl-C (a copy of the file under
mutation is kept as FILE.mutate-orig until it is restored; a later run puts
it back first).  test-number (35 s, the number parser's exhaustive checks)
runs only for mutants of wfl-number.c: for other files leaving it out can
only lower the score.
"""

import argparse
import glob
import json
import os
import random
import re
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_FILES = ["app/model/*.c", "app/render/wfl-sankey-layout*.c"]
EQUIVALENT_FILE = os.path.join(ROOT, "build-aux", "mutate-equivalent.txt")
# Slow tests that only exercise one file: run only for mutants of it.
SLOW_TESTS = {"test-number": ("app/model/wfl-number.c",)}

TOKEN_RE = re.compile(r"""
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<number>0[xX][0-9a-fA-F]+[uUlL]*|(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?[uUlLfF]*)
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<punct>\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||\+=|-=|\*=|/=|%=|&=|\|=|\^=|\#\#|[^\s\w])
  | (?P<space>\s+)
""", re.S | re.X)

SKIP_CALLS = re.compile(r"^(g_return_if_fail|g_return_val_if_fail|g_assert\w*|g_warn_if_fail|"
                        r"g_warn_if_reached|g_warn_message|g_debug|g_info|g_message|g_warning|"
                        r"g_critical|g_error|G_STATIC_ASSERT|g_return_if_reached|g_return_val_if_reached|"
                        # Allocation sizes: one more is equivalent, one less
                        # a memory error only the sanitizer build sees.
                        r"g_new|g_new0|g_renew|g_malloc|g_malloc0|g_realloc|g_memdup2|g_alloca|"
                        r"g_array_sized_new|g_ptr_array_sized_new|g_ptr_array_new_full|big_new|"
                        r"_wfl_arena_resize)$")
KEYWORDS = {"return", "case", "sizeof", "if", "while", "for", "switch", "else", "do", "goto"}
SWAP = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "==",
        "&&": "||", "||": "&&", "+=": "-=", "-=": "+="}


def tokens(text):
    """(kind, text, start) of every token; preprocessor lines become one
    'pp' token each (with their continuations)."""
    out = []
    pos = 0
    at_line_start = True
    n = len(text)
    while pos < n:
        if at_line_start:
            m = re.match(r"[ \t]*#(?:[^\n\\]|\\.)*", text[pos:], re.S)
            if m:
                out.append(("pp", m.group(0), pos))
                pos += m.end()
                continue
        m = TOKEN_RE.match(text, pos)
        if m is None:
            raise ValueError("cannot tokenise at offset %d" % pos)
        kind = m.lastgroup
        tok = m.group(0)
        if kind == "space":
            if "\n" in tok:
                at_line_start = True
        else:
            if kind != "comment":
                at_line_start = False
            out.append((kind, tok, pos))
        pos = m.end()
    return out


def number_variants(tok):
    m = re.match(r"^(0[xX][0-9a-fA-F]+|[0-9.]+(?:[eE][+-]?\d+)?)([uUlLfF]*)$", tok)
    if not m:
        return []
    body, suffix = m.groups()
    if body.lower().startswith("0x"):
        v = int(body, 16)
        return [("0x%X%s" % (v + 1, suffix), "+1"), ("0x%X%s" % (v - 1, suffix), "-1")] if v > 0 else \
               [("0x%X%s" % (v + 1, suffix), "+1")]
    if re.match(r"^\d+$", body):
        v = int(body)
        res = [("%d%s" % (v + 1, suffix), "+1")]
        if v > 0:
            res.append(("%d%s" % (v - 1, suffix), "-1"))
        return res
    v = float(body)
    res = []
    if v + 1 != v:      # 1e17 + 1 is 1e17: no mutant
        res.append((repr(v + 1) + suffix.replace("l", "").replace("L", ""), "+1"))
    if v - 1 != v:
        res.append(("(" + repr(v - 1) + ")", "-1"))
    return res


def candidates(path):
    """Every mutant of one file: dicts with id, file, line, start, end,
    replacement and a description."""
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        text = f.read()
    toks = [t for t in tokens(text) if t[0] != "comment"]
    muts = []

    def add(start, end, repl, what):
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        muts.append({"id": "%s:%d:%d:%s" % (path, line, col, what.replace(" ", "")),
                     "file": path, "line": line, "start": start, "end": end,
                     "orig": text[start:end], "repl": repl, "what": what})

    skip_depth = None   # parenthesis depth that ends a skipped call
    depth = 0
    bracket = []        # for each open '[': is it an array declarator?
    for i, (kind, tok, pos) in enumerate(toks):
        prev = toks[i - 1] if i > 0 else ("", "", 0)
        nxt = toks[i + 1] if i + 1 < len(toks) else ("", "", 0)
        if kind == "pp":
            m = re.match(r"^\s*#\s*define\s+\w+\s+\(?(-?)([0-9][0-9a-fA-FxX.eE+]*[uUlLfF]*)\)?\s*$", tok)
            if m:
                nstart = pos + m.start(2)
                for repl, what in number_variants(m.group(2)):
                    add(nstart, nstart + len(m.group(2)), repl, "const" + what)
            continue
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
            if skip_depth is not None and depth < skip_depth:
                skip_depth = None
            continue
        if skip_depth is None and kind == "ident" and SKIP_CALLS.match(tok) and nxt[1] == "(":
            skip_depth = depth + 1
        if skip_depth is not None:
            continue
        if tok == "[":
            # IDENT [ in a declaration: the token before IDENT is a type
            # name or '*'.
            decl = prev[0] == "ident" and i >= 2 and (toks[i - 2][0] == "ident" or toks[i - 2][1] == "*") \
                and toks[i - 2][1] not in KEYWORDS
            bracket.append(decl)
            continue
        if tok == "]":
            if bracket:
                bracket.pop()
            continue
        if kind == "number":
            if bracket and bracket[-1]:
                continue
            for repl, what in number_variants(tok):
                add(pos, pos + len(tok), repl, "const" + what)
        elif kind == "punct":
            if tok in SWAP:
                add(pos, pos + len(tok), SWAP[tok], tok + "->" + SWAP[tok])
            elif tok in ("+", "-"):
                binary = (prev[0] in ("ident", "number") and prev[1] not in KEYWORDS) or prev[1] in (")", "]")
                if binary:
                    other = "-" if tok == "+" else "+"
                    add(pos, pos + 1, other, tok + "->" + other)
            elif tok == "!":
                add(pos, pos + 1, "", "drop!")
    return text, muts


def select(files, seed, sample, all_):
    texts = {}
    every = []
    for path in files:
        text, muts = candidates(path)
        texts[path] = text
        every.extend(muts)
    if all_ or sample >= len(every):
        chosen = list(every)
    else:
        chosen = random.Random(seed).sample(every, sample)
    order = {path: i for i, path in enumerate(files)}
    chosen.sort(key=lambda m: (order[m["file"]], m["start"], m["id"]))
    return texts, every, chosen


def load_equivalent():
    equiv = {}
    if os.path.exists(EQUIVALENT_FILE):
        with open(EQUIVALENT_FILE, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                mid, _, reason = line.partition("#")
                equiv[mid.strip()] = reason.strip()
    return equiv


def restore_leftovers(files):
    for path in files:
        full = os.path.join(ROOT, path)
        if os.path.exists(full + ".mutate-orig"):
            os.replace(full + ".mutate-orig", full)
            print("mutate: restored %s from an interrupted run" % path, file=sys.stderr)


def run_killable(cmd, timeout, **kw):
    """Runs cmd in its own process group; kills the group on timeout."""
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, **kw)
    try:
        out, _ = proc.communicate(timeout=timeout)
        return proc.returncode, out.decode(errors="replace"), False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        return None, out.decode(errors="replace"), True
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise


class Suite:
    def __init__(self, build):
        self.build = build
        tests = json.loads(subprocess.check_output(["meson", "introspect", "--tests", build]))
        targets = json.loads(subprocess.check_output(["meson", "introspect", "--targets", build]))
        by_id = {t["id"]: t for t in targets}
        self.tests = []
        self.test_targets = {}
        ninja = set()
        for t in tests:
            suites = [s.split(":")[-1] for s in t["suite"]]
            if "ui" in suites:
                continue
            self.tests.append(t["name"])
            mine = set()
            exe = t["cmd"][0]
            if exe.startswith(os.path.abspath(build) + os.sep):
                mine.add(os.path.relpath(exe, os.path.abspath(build)))
            for dep in t.get("depends", []):
                for fn in by_id.get(dep, {}).get("filename", []):
                    mine.add(os.path.relpath(fn, os.path.abspath(build)))
            self.test_targets[t["name"]] = sorted(mine)
            ninja |= mine
        self.targets = sorted(ninja)
        self.killers = {}   # file -> tests that killed its mutants, most recent first
        self.kills = {}     # test -> mutants it killed

    def names_for(self, path):
        return [n for n in self.tests if n not in SLOW_TESTS or path in SLOW_TESTS[n]]

    def likely(self, path, k=5):
        """The tests most likely to kill a mutant of path: those that
        killed its earlier mutants, then those named like it, then those
        that killed most mutants of any file."""
        out = list(self.killers.get(path, []))[:3]
        stem = os.path.basename(path)[:-2].replace("wfl-", "")
        words = [stem] + stem.split("-")
        for w in words:
            for n in self.tests:
                if n.startswith("test-") and (n[5:] == w or n[5:].startswith(w + "-") or w == n[5:].split("-")[0]) \
                        and n not in out and n in self.names_for(path):
                    out.append(n)
        for n, _ in sorted(self.kills.items(), key=lambda x: -x[1]):
            if len(out) >= k:
                break
            if n not in out and n in self.names_for(path):
                out.append(n)
        return out[:k]

    def killed_by(self, path, name):
        self.kills[name] = self.kills.get(name, 0) + 1
        lst = self.killers.setdefault(path, [])
        if name in lst:
            lst.remove(name)
        lst.insert(0, name)

    def compile(self, timeout, names=None):
        targets = self.targets if names is None else sorted({x for n in names for x in self.test_targets[n]})
        return run_killable(["ninja", "-C", self.build] + targets, timeout)

    def run(self, names, timeout, logbase="mutant"):
        log = os.path.join(self.build, "meson-logs", logbase + ".json")
        if os.path.exists(log):
            os.remove(log)
        rc, out, timed_out = run_killable(
            ["meson", "test", "-C", self.build, "--no-rebuild", "--maxfail", "1",
             "--logbase", logbase] + names, timeout)
        results = []
        if os.path.exists(log):
            with open(log) as f:
                results = [json.loads(l) for l in f if l.strip()]
        # "waferline:model / test-number" -> "test-number"
        failed = [r["name"].split(" / ")[-1] for r in results
                  if r["result"] not in ("OK", "SKIP", "EXPECTEDFAIL", "TIMEOUT")]
        timeouts = [r["name"].split(" / ")[-1] for r in results if r["result"] == "TIMEOUT"]
        return rc, out, timed_out, failed, timeouts


def ensure_build(build):
    if not os.path.exists(os.path.join(build, "build.ninja")):
        subprocess.check_call(["meson", "setup", build, "-Dui_tests=disabled"], cwd=ROOT)


def report(results_paths, equiv):
    """The table of one or more results files; a mutant's last record
    counts (a re-run of survivors after new tests overrides)."""
    rows = {}
    excluded = []
    latest = {}
    for results_path in results_paths:
        with open(results_path) as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    latest[r["id"]] = r
    for r in latest.values():
        if r["id"] in equiv or r["status"] == "equivalent":
            excluded.append(r)
            continue
        rows.setdefault(r["file"], {"killed": 0, "timeout": 0, "survived": 0, "stillborn": 0})
        rows[r["file"]][r["status"]] += 1
    print("%-44s %6s %7s %8s %9s %7s" % ("file", "killed", "timeout", "survived", "stillborn", "score"))
    tot = {"killed": 0, "timeout": 0, "survived": 0, "stillborn": 0}
    groups = {}
    for path in sorted(rows):
        c = rows[path]
        for k in tot:
            tot[k] += c[k]
        g = groups.setdefault(os.path.dirname(path) if "/model/" in path else "sankey layout",
                              {"killed": 0, "timeout": 0, "survived": 0, "stillborn": 0})
        for k in g:
            g[k] += c[k]
        print("%-44s %6d %7d %8d %9d %7s" % (path, c["killed"], c["timeout"], c["survived"], c["stillborn"], score(c)))
    for name, g in sorted(groups.items()):
        print("%-44s %6d %7d %8d %9d %7s" % ("= " + name, g["killed"], g["timeout"], g["survived"], g["stillborn"], score(g)))
    print("%-44s %6d %7d %8d %9d %7s" % ("= all", tot["killed"], tot["timeout"], tot["survived"], tot["stillborn"], score(tot)))
    print("(score = (killed + timeout) / (killed + timeout + survived); %d equivalent mutants excluded)" % len(excluded))
    surv = sorted((r for r in latest.values() if r["status"] == "survived" and r["id"] not in equiv),
                  key=lambda r: r["id"])
    if surv:
        print("\nsurvivors:")
        for r in surv:
            print("  %s  %r -> %r" % (r["id"], r["orig"], r["repl"]))


def score(c):
    n = c["killed"] + c["timeout"] + c["survived"]
    return "%.1f%%" % (100.0 * (c["killed"] + c["timeout"]) / n) if n else "-"


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main():
    # Restore the sources on SIGTERM and SIGINT too (a background job
    # starts with SIGINT ignored).
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--build", default="_build-mut")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--timeout", type=float, default=0, help="per mutant (default: 3 × the clean run, at least 120 s)")
    ap.add_argument("--results")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--only", nargs="+")
    ap.add_argument("--rerun-survivors")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--report", nargs="+")
    ap.add_argument("--skip-clean", action="store_true", help="trust that the sources pass (needs --timeout)")
    args = ap.parse_args()
    os.chdir(ROOT)
    equiv = load_equivalent()
    if args.report:
        report(args.report, equiv)
        return 0

    patterns = args.files or DEFAULT_FILES
    files = []
    for p in patterns:
        found = sorted(os.path.relpath(x, ROOT) for x in glob.glob(os.path.join(ROOT, p)))
        files.extend(f for f in found if f not in files)
    texts, every, chosen = select(files, args.seed, args.sample, args.all)
    if args.only:
        wanted = set(args.only)
        chosen = [m for m in every if m["id"] in wanted]
    if args.rerun_survivors:
        with open(args.rerun_survivors) as f:
            prior = {}
            for l in f:
                if l.strip():
                    r = json.loads(l)
                    prior[r["id"]] = r
        wanted = {i for i, r in prior.items() if r["status"] == "survived"}
        chosen = [m for m in every if m["id"] in wanted]
        missing = wanted - {m["id"] for m in chosen}
        for mid in sorted(missing):
            print("mutate: %s no longer applies (the source changed)" % mid, file=sys.stderr)
    print("mutate: %d candidates in %d files, %d selected (seed %d)" % (len(every), len(files), len(chosen), args.seed),
          file=sys.stderr)
    if args.list:
        for m in chosen:
            print("%s  %r -> %r%s" % (m["id"], m["orig"], m["repl"], "  (equivalent)" if m["id"] in equiv else ""))
        return 0

    # One run at a time in a source tree: a second one would restore the
    # first one's mutant under its feet.
    import hashlib
    import tempfile
    lock = open(os.path.join(tempfile.gettempdir(), "mutate-%s.lock" % hashlib.sha1(ROOT.encode()).hexdigest()[:12]), "w")
    try:
        import fcntl
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print("mutate: another run is under way in %s" % ROOT, file=sys.stderr)
        return 1
    restore_leftovers(files)
    texts, every, chosen = select(files, args.seed, args.sample, args.all)
    if args.only:
        chosen = [m for m in every if m["id"] in set(args.only)]
    if args.rerun_survivors:
        chosen = [m for m in every if m["id"] in wanted]

    build = args.build
    ensure_build(build)
    results_path = args.results or os.path.join(build, "mutate-results.jsonl")
    done = set()
    if args.resume and os.path.exists(results_path):
        with open(results_path) as f:
            done = {json.loads(l)["id"] for l in f if l.strip()}
    elif not args.resume and os.path.exists(results_path):
        os.remove(results_path)

    suite = Suite(build)
    if args.resume and os.path.exists(results_path):
        with open(results_path) as f:
            for l in f:
                if l.strip():
                    r = json.loads(l)
                    if r["status"] == "killed" and r["by"] in suite.tests:
                        suite.killed_by(r["file"], r["by"])
    rc, out, _ = suite.compile(3600)
    if rc != 0:
        print(out, file=sys.stderr)
        print("mutate: the unmutated sources do not build", file=sys.stderr)
        return 1
    t0 = time.time()
    if args.skip_clean and args.timeout:
        rc, failed, timeouts = 0, [], []
    else:
        rc, out, _, failed, timeouts = suite.run(suite.tests, 3600, "mutate-clean")
    clean = time.time() - t0
    if rc != 0:
        print(out, file=sys.stderr)
        print("mutate: the unmutated suites fail (%s)" % ", ".join(failed + timeouts), file=sys.stderr)
        return 1
    limit = args.timeout or max(120.0, 3 * clean)
    print("mutate: clean run %.0f s; %.0f s per mutant at most" % (clean, limit), file=sys.stderr)

    # Listed equivalent mutants are not run: recorded as such.
    todo = [m for m in chosen if m["id"] not in done and m["id"] not in equiv]
    for m in chosen:
        if m["id"] not in done and m["id"] in equiv:
            rec = {k2: m[k2] for k2 in ("id", "file", "line", "orig", "repl", "what")}
            rec.update(status="equivalent", by=equiv[m["id"]], seconds=0)
            with open(results_path, "a") as f:
                f.write(json.dumps(rec) + "\n")
    try:
        for k, m in enumerate(todo):
            full = os.path.join(ROOT, m["file"])
            text = texts[m["file"]]
            status = None
            detail = ""
            t0 = time.time()
            with open(full + ".mutate-orig", "w", encoding="utf-8") as f:
                f.write(text)
            try:
                with open(full, "w", encoding="utf-8") as f:
                    f.write(text[:m["start"]] + m["repl"] + text[m["end"]:])
                # First the few tests most likely to kill it, built alone
                # (fast); then, if it survives them, every other test.
                first = suite.likely(m["file"])
                rest = [n for n in suite.names_for(m["file"]) if n not in first]
                for names in ([first, rest] if first else [rest]):
                    rc, out, timed_out = suite.compile(limit, names if names is first else None)
                    if timed_out:
                        status, detail = "timeout", "build"
                    elif rc != 0:
                        status = "stillborn"
                    else:
                        rc, out, timed_out, failed, timeouts = suite.run(names, max(limit - (time.time() - t0), 30))
                        if failed:
                            status, detail = "killed", failed[0]
                            suite.killed_by(m["file"], failed[0])
                        elif timed_out or timeouts:
                            status, detail = "timeout", (timeouts or ["(limit)"])[0]
                        elif rc != 0:
                            status, detail = "killed", "meson test exit %s" % rc
                        else:
                            status = "survived"
                    if status != "survived":
                        break
            finally:
                with open(full, "w", encoding="utf-8") as f:
                    f.write(text)
                os.remove(full + ".mutate-orig")
            rec = {k2: m[k2] for k2 in ("id", "file", "line", "orig", "repl", "what")}
            rec.update(status=status, by=detail, seconds=round(time.time() - t0, 1))
            with open(results_path, "a") as f:
                f.write(json.dumps(rec) + "\n")
            print("[%d/%d] %-9s %s %r->%r %s (%.0f s)" % (k + 1, len(todo), status, m["id"], m["orig"], m["repl"],
                                                           detail, rec["seconds"]), flush=True)
    finally:
        # Leave the build tree built from the real sources.
        suite.compile(3600)
    print()
    report([results_path], equiv)
    return 0


if __name__ == "__main__":
    sys.exit(main())

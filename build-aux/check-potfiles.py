#!/usr/bin/env python3
# Checks that po/POTFILES.in lists exactly the files with translatable
# strings: every .c with _(), N_(), C_() or g_dngettext, every .ui with
# translatable="yes", and every data file that gettext extracts from.
import pathlib
import re
import sys

top = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
listed = set()
for line in (top / "po" / "POTFILES.in").read_text().splitlines():
    line = line.strip()
    if line and not line.startswith("#"):
        listed.add(line)

c_marker = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_)\s*\(\s*"|g_dn?gettext\s*\(')
needed = set()
for path in sorted(top.glob("app/**/*.c")):
    if c_marker.search(path.read_text(errors="replace")):
        needed.add(str(path.relative_to(top)))
for path in sorted(top.glob("ui/*.ui")):
    if 'translatable="yes"' in path.read_text(errors="replace"):
        needed.add(str(path.relative_to(top)))
for pattern in ("data/*.desktop.in.in", "data/*.metainfo.xml.in.in", "data/*.gschema.xml"):
    for path in sorted(top.glob(pattern)):
        needed.add(str(path.relative_to(top)))

status = 0
for name in sorted(needed - listed):
    print(f"po/POTFILES.in: missing {name}")
    status = 1
for name in sorted(listed - needed):
    if not (top / name).exists():
        print(f"po/POTFILES.in: lists {name}, which does not exist")
    else:
        print(f"po/POTFILES.in: lists {name}, which has no translatable strings")
    status = 1
if status == 0:
    print(f"po/POTFILES.in lists all {len(needed)} files with translatable strings")
sys.exit(status)

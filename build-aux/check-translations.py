#!/usr/bin/env python3
# Checks that every language in po/LINGUAS translates every message the
# sources have *now*: extracts a fresh template from po/POTFILES.in (the
# keywords of meson's i18n.gettext preset 'glib'), merges each .po into it
# without fuzzy matching, and fails on any untranslated or fuzzy message,
# listing them.  A new _() string thus fails this test until it is
# translated (see po/README.md).
import pathlib
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_printerr:1:c-format", "--flag=g_print:1:c-format",
]


def run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


top = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
po_dir = top / "po"
languages = [line.strip() for line in (po_dir / "LINGUAS").read_text().splitlines()
             if line.strip() and not line.startswith("#")]

status = 0
with tempfile.TemporaryDirectory() as tmp:
    pot = pathlib.Path(tmp) / "fresh.pot"
    run(["xgettext", "--package-name=waferline", "--directory", str(top),
         "--files-from", str(po_dir / "POTFILES.in"), "--output", str(pot)] + XGETTEXT_ARGS)
    for lang in languages:
        merged = pathlib.Path(tmp) / f"{lang}.po"
        run(["msgmerge", "--quiet", "--no-fuzzy-matching", "--output-file", str(merged),
             str(po_dir / f"{lang}.po"), str(pot)])
        stats = run(["msgfmt", "--check", "--statistics", "--output-file", "/dev/null",
                     str(merged)]).stderr.strip()
        problems = run(["msgattrib", "--only-fuzzy", "--no-obsolete", "--no-wrap", str(merged)]).stdout
        problems += run(["msgattrib", "--untranslated", "--no-obsolete", "--no-wrap", str(merged)]).stdout
        missing = [line for line in problems.splitlines()
                   if line.startswith("msgid ") and line != 'msgid ""']
        if "untranslated" in stats or "fuzzy" in stats:
            status = 1
            print(f"po/{lang}.po: {stats}")
            for line in missing:
                print(f"  {line}")
            print("  Run `meson compile -C _build waferline-update-po` and translate (po/README.md).")
        else:
            print(f"po/{lang}.po: {stats}")
sys.exit(status)

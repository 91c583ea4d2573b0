#!/bin/sh
# validate-saved.sh WAFERLINE SCHEMA FILE...
#
# Saves the built-in scenario and every FILE with `waferline --save` and
# checks what was written against the RELAX NG schema with xmllint and,
# when installed, jing.
set -eu

exe=$1
schema=$2
shift 2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$exe" --save "$tmp/builtin.waferline"
i=0
for f in "$@"; do
  i=$((i + 1))
  "$exe" --save "$tmp/saved-$i.waferline" "$f"
done

xmllint --noout --relaxng "$schema" "$tmp"/*.waferline
if command -v jing >/dev/null 2>&1; then
  jing "$schema" "$tmp"/*.waferline
else
  echo "jing not installed: checked with xmllint only"
fi

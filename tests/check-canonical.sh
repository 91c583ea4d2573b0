#!/usr/bin/env bash
# Every scenario that ships is in the canonical form Waferline saves, so
# that the first save after opening one does not rewrite it.
# usage: check-canonical.sh WAFERLINE FILE...
set -euo pipefail
exe=$1; shift
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for f in "$@"; do
  "$exe" --save "$out/canonical.waferline" "$f"
  if ! cmp -s "$out/canonical.waferline" "$f"; then
    echo "check-canonical: $f is not in canonical form; run: waferline --save $f $f" >&2
    diff -u "$f" "$out/canonical.waferline" | head -20 >&2 || true
    status=1
  fi
done
exit $status

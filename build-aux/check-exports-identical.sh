#!/usr/bin/env bash
# Checks that the working tree exports byte for byte what a reference
# commit exports (build-aux/export-snapshot.sh on both): the guard of a
# change that must not change behaviour, such as moving code between files.
#
# usage: build-aux/check-exports-identical.sh [REF]     (REF: default HEAD)
#
# The reference is built in a temporary worktree (release-like debugoptimized
# build without the UI tests); the working tree in _build-snapshot.  Prints
# the files that differ and exits 1 when any does.
set -euo pipefail
ref=${1:-HEAD}
src=$(cd "$(dirname "$0")/.." && pwd)
cd "$src"
tmp=$(mktemp -d)
cleanup() {
  git worktree remove --force "$tmp/ref" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

build() {
  local tree=$1 dir=$2
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$tree" -Dui_tests=disabled >/dev/null
  fi
  meson compile -C "$dir" app/waferline >/dev/null
}

git worktree add --detach "$tmp/ref" "$ref" >/dev/null 2>&1
build "$tmp/ref" "$tmp/ref/_build"
build "$src" "$src/_build-snapshot"

# Both snapshots come from this tree's script, so that they cover the same
# exports even when the reference predates the script.
"$src/build-aux/export-snapshot.sh" "$tmp/ref/_build/app/waferline" "$tmp/before" >/dev/null
"$src/build-aux/export-snapshot.sh" "$src/_build-snapshot/app/waferline" "$tmp/after" >/dev/null

if cmp -s "$tmp/before/SHA256SUMS" "$tmp/after/SHA256SUMS"; then
  echo "check-exports-identical: $(wc -l < "$tmp/after/SHA256SUMS") exports identical to $ref"
  exit 0
fi
echo "check-exports-identical: exports differ from $ref:" >&2
diff "$tmp/before/SHA256SUMS" "$tmp/after/SHA256SUMS" | grep '^[<>]' | awk '{print $1, $3}' | sort -k2 -u >&2
exit 1

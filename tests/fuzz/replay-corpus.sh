#!/bin/sh
# replay-corpus.sh [BUILDDIR]
#
# Runs every seed file (data/scenarios, tests/data, and fuzz-corpus/ when it
# exists) once through the fuzz target built in BUILDDIR (default
# _build-fuzz, set up with -Dfuzzing=true and clang).  Exits non-zero on
# any crash, sanitizer report or failed check.
set -eu

cd "$(dirname "$0")/../.."
builddir=${1:-_build-fuzz}
fuzzer=$builddir/tests/fuzz/fuzz-scenario-load

if [ ! -x "$fuzzer" ]; then
  echo "replay-corpus.sh: $fuzzer is missing; build with:" >&2
  echo "  CC=clang CXX=clang++ meson setup $builddir -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false" >&2
  echo "  ninja -C $builddir tests/fuzz/fuzz-scenario-load" >&2
  exit 2
fi

# Regular files only: libFuzzer replays files one by one only when every
# argument is a file.
set --
for dir in data/scenarios tests/data fuzz-corpus; do
  [ -d "$dir" ] || continue
  for f in $(find "$dir" -type f | sort); do
    set -- "$@" "$f"
  done
done

# libFuzzer runs files given by name once each, and stops at the first
# failure with a non-zero status.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if "$fuzzer" -rss_limit_mb=4096 "$@" >"$log" 2>&1; then
  echo "replay-corpus.sh: $# files replayed without failure"
else
  status=$?
  cat "$log" >&2
  exit $status
fi

#!/bin/sh
# replay-corpus.sh [BUILDDIR]
#
# Runs every seed file once through the fuzz target it is for, built in
# BUILDDIR (default _build-fuzz, set up with -Dfuzzing=true and clang):
#
#   fuzz-scenario-load  data/scenarios, tests/data and fuzz-corpus/ (when it exists)
#   fuzz-flows-load     the tables of tests/data (*.csv), tests/fuzz/corpus-flows and
#                       fuzz-corpus-flows/ (when it exists)
#
# Exits non-zero on any crash, sanitizer report or failed check.
set -eu

cd "$(dirname "$0")/../.."
builddir=${1:-_build-fuzz}
total=0

# The font stack's caches (fontconfig, for the flows' Sankey labels) live
# as long as the process: the suppressions the test suite uses.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

# replay TARGET DIR... [-- FILE...]: every regular file under the folders
# (libFuzzer replays files one by one only when every argument is a file).
replay() {
  target=$1; shift
  fuzzer=$builddir/tests/fuzz/$target
  if [ ! -x "$fuzzer" ]; then
    echo "replay-corpus.sh: $fuzzer is missing; build with:" >&2
    echo "  CC=clang CXX=clang++ meson setup $builddir -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false" >&2
    echo "  ninja -C $builddir tests/fuzz/fuzz-scenario-load tests/fuzz/fuzz-flows-load" >&2
    exit 2
  fi
  files=$(mktemp)
  for arg in "$@"; do
    if [ -d "$arg" ]; then
      find "$arg" -type f | sort >>"$files"
    elif [ -f "$arg" ]; then
      echo "$arg" >>"$files"
    fi
  done
  log=$(mktemp)
  n=$(wc -l <"$files")
  if xargs -r "$fuzzer" -rss_limit_mb=4096 <"$files" >"$log" 2>&1; then
    echo "replay-corpus.sh: $target: $n files replayed without failure"
  else
    status=$?
    cat "$log" >&2
    rm -f "$files" "$log"
    exit $status
  fi
  rm -f "$files" "$log"
  total=$((total + n))
}

replay fuzz-scenario-load data/scenarios tests/data fuzz-corpus
replay fuzz-flows-load $(ls tests/data/*.csv) tests/fuzz/corpus-flows fuzz-corpus-flows
echo "replay-corpus.sh: $total files replayed"

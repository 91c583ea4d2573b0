#!/usr/bin/env bash
# Writes every export Waferline makes of the shipped scenarios and of the
# UK energy flow table into OUTDIR, plus SHA256SUMS over them: the charts
# (Sankey; Gantt orders and pipeline) as PNG, SVG, PDF and JSON, the
# simulation's CSV tables, the bottleneck ranking and the canonical save.
# Two builds that write the same SHA256SUMS behave the same on all of it.
#
# usage: build-aux/export-snapshot.sh WAFERLINE OUTDIR
#
# build-aux/check-exports-identical.sh runs it on two commits and compares.
set -euo pipefail
exe=$(realpath "$1")
out=$2
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out/stderr.log" "$out/stdout.log" "$out/status.log"
# Files stay in their C form whatever the locale; pin it anyway so that
# the ranking's table reads the same.
export LC_ALL=C.UTF-8 LANGUAGE=

# Runs the executable; its exit status and standard error go into the
# snapshot too (a window outside a calendar is an error worth keeping).
run() {
  local status=0
  "$exe" "$@" 2>>"$out/stderr.log" >>"$out/stdout.log" || status=$?
  printf '%s -> %d\n' "$(printf '%q ' "$@" | sed "s|$src|SRC|g; s|$out|OUT|g")" "$status" >>"$out/status.log"
}

scenarios=("builtin:")
for f in "$src"/data/scenarios/*.waferline; do
  scenarios+=("$(basename "$f" .waferline):$f")
done

for entry in "${scenarios[@]}"; do
  name=${entry%%:*}
  file=${entry#*:}
  args=()
  [ -n "$file" ] && args=("$file")
  d="$out/$name"
  mkdir -p "$d/csv"
  for ext in png svg pdf json; do
    run --export "$d/sankey.$ext" --chart sankey "${args[@]}"
    run --export "$d/sankey-2024.$ext" --chart sankey --from 2024-01-01 --to 2024-12-29 \
      --width 1400 --height 900 "${args[@]}"
    run --export "$d/gantt-orders.$ext" --chart gantt --gantt-mode orders "${args[@]}"
    run --export "$d/gantt-pipeline.$ext" --chart gantt --gantt-mode pipeline "${args[@]}"
  done
  run --export "$d/gantt-window.png" --chart gantt --from 2023-07-03 --to 2023-12-31 \
    --scale 2 "${args[@]}"
  run --simulate --csv "$d/csv" "${args[@]}"
  run --bottlenecks "${args[@]}"
  run --bottlenecks --from 2024-01-01 --to 2024-12-29 "${args[@]}"
  run --save "$d/saved.waferline" "${args[@]}"
done

flows="$src/tests/data/energy-uk-2050.csv"
d="$out/energy"
mkdir -p "$d"
for ext in png svg pdf json; do
  run --flows "$flows" --export "$d/sankey.$ext"
  run --flows "$flows" --export "$d/sankey-wide.$ext" --width 2000 --height 1200
done

# cairo 1.16 stamps every PDF with the time it was written (and ignores
# SOURCE_DATE_EPOCH): blank the stamp, keeping its length and offsets.
find "$out" -name '*.pdf' -exec perl -pi -e 's|/CreationDate \(D:\d{14}Z\)|/CreationDate (D:00000000000000Z)|' {} +
# Paths differ between snapshots; what the program said about them must not.
sed -i "s|$out|OUT|g; s|$src|SRC|g" "$out/stderr.log" "$out/stdout.log"
(cd "$out" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
echo "export-snapshot: $(wc -l < "$out/SHA256SUMS") files in $out"

#!/usr/bin/env bash
# The size limits of the house: no .c file over 2,000 lines, no function
# over 150 lines.  A function's length is counted by universal-ctags, from
# the line of its name to the line of its closing brace (inclusive), over
# every .c file under app/, tests/ and bench/.
#
# usage: build-aux/check-sizes.sh [MAX_FUNCTION_LINES [MAX_FILE_LINES]]
# Prints every breach and exits 1 when there is one; -v lists the ten
# longest functions and files as well.
set -euo pipefail
cd "$(dirname "$0")/.."
verbose=0
[ "${1:-}" = "-v" ] && { verbose=1; shift; }
max_fn=${1:-150}
max_file=${2:-2000}
command -v ctags >/dev/null || { echo "check-sizes: needs universal-ctags" >&2; exit 2; }

if git rev-parse --git-dir >/dev/null 2>&1; then
  files=$(git ls-files 'app/*.c' 'tests/*.c' 'bench/*.c')
else
  files=$(find app tests bench -name '*.c' | sort)
fi
fns=$(ctags -x --_xformat='%{end} %{line} %{input} %{name}' --kinds-C=f --fields=+e $files |
      awk '{ print $1 - $2 + 1, $3, $4 }' | sort -rn)
status=0
while read -r n file name; do
  if [ "$n" -gt "$max_fn" ]; then
    echo "check-sizes: $file: $name is $n lines (limit $max_fn)"
    status=1
  fi
done <<< "$fns"
while read -r n file; do
  [ "$file" = total ] && continue
  if [ "$n" -gt "$max_file" ]; then
    echo "check-sizes: $file is $n lines (limit $max_file)"
    status=1
  fi
done < <(wc -l $files | sort -rn)
if [ $verbose -eq 1 ]; then
  echo "longest functions:"; head -10 <<< "$fns"
  echo "longest files:"; wc -l $files | sort -rn | sed -n 2,11p
fi
exit $status

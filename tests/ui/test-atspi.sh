#!/bin/sh
# test-atspi.sh: runs test-atspi.py with Debian's python3 (where
# python3-pyatspi and python3-gi live), on a display and a private
# session bus, where the accessibility bus starts on demand.
#
#   test-atspi.sh WAFERLINE [ARGS…]
set -eu
here=$(dirname "$0")
py=/usr/bin/python3
if ! "$py" -c 'import gi; gi.require_version("Atspi", "2.0"); import pyatspi' 2>/dev/null; then
  echo "SKIP: $py has no pyatspi (Debian: python3-pyatspi at-spi2-core)"
  exit 77
fi
for tool in xdotool dbus-run-session; do
  command -v "$tool" >/dev/null || { echo "SKIP: no $tool"; exit 77; }
done
# The app's drafts, recent files and settings in a folder of this run
# only: drafts left in the user's data folder (by a crash, or another
# program's run) would open the recovery banner and change the walk.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wfl-test-atspi-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"
status=0
if [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- "$py" "$here/test-atspi.py" "$@" || status=$?
else
  dbus-run-session -- "$py" "$here/test-atspi.py" "$@" || status=$?
fi
exit "$status"

#!/usr/bin/env bash
# Waferline: set up, build and run on Debian 12.
#
#   ./run.sh          install what is missing, build, open the app on the built-in scenario
#   ./run.sh test     the same set-up, then every test; the last line is "N passed, N failed"
#                     (./run.sh test --sanitize: the same under ASan and UBSan)
#   ./run.sh bench    build optimised and print the benchmark figures, "name: value unit"
#
# Extra arguments after the command go to the app (./run.sh -- FILE) or to meson test.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libxml2-dev libxml2-utils
  libcairo2-dev libpango1.0-dev libdouble-conversion-dev libfmt-dev
  xvfb xauth dbus-x11 desktop-file-utils appstream-util jing
  python3 locales universal-ctags git
  at-spi2-core python3-pyatspi xdotool
  libxlsxwriter-dev python3-openpyxl poppler-utils
)

log() { printf '%s\n' "run.sh: $*" >&2; }

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# test-format-locale checks that files keep their C form under a locale
# with a decimal comma; generate de_DE.UTF-8 (from the locales package)
# when the system has none.  The translation tests need no locale.
ensure_test_locale() {
  if locale -a 2>/dev/null | grep -qiE '^de_DE\.utf-?8$'; then
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  log "generating the de_DE.UTF-8 locale for the tests"
  $sudo localedef -i de_DE -c -f UTF-8 de_DE.UTF-8 ||
    log "could not generate de_DE.UTF-8; the decimal-comma test is skipped"
}

build() {
  local dir=$1; shift
  local out
  if [ ! -f "$dir/build.ninja" ]; then
    out=$(meson setup "$dir" "$@" 2>&1) || { printf '%s\n' "$out" >&2; rm -rf "$dir"; exit 1; }
  fi
  out=$(meson compile -C "$dir" 2>&1) || { printf '%s\n' "$out" >&2; exit 1; }
}

# Prints "N passed, N failed[, N skipped]" from meson's test log.
summarise() {
  python3 - "$1" <<'PY'
import json, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
with open(sys.argv[1]) as f:
    for line in f:
        line = line.strip()
        if not line:
            continue
        r = json.loads(line)["result"]
        if r in ("OK", "EXPECTEDFAIL"):
            counts["passed"] += 1
        elif r == "SKIP":
            counts["skipped"] += 1
        else:
            counts["failed"] += 1
s = f'{counts["passed"]} passed, {counts["failed"]} failed'
if counts["skipped"]:
    s += f', {counts["skipped"]} skipped'
print(s)
PY
}

cmd=${1:-run}
[ $# -gt 0 ] && shift

case "$cmd" in
  run|--)
    install_missing
    build _build
    [ "${1:-}" = "--" ] && shift
    # The catalogues and the schema of the build tree, as `meson devenv`
    # sets them: `LANGUAGE=de ./run.sh` shows German.
    export WFL_LOCALEDIR="$PWD/_build/po"
    export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
    exec ./_build/app/waferline "$@"
    ;;
  test)
    install_missing
    ensure_test_locale
    dir=_build
    if [ "${1:-}" = "--sanitize" ]; then
      # The whole suite once more under AddressSanitizer and
      # UndefinedBehaviorSanitizer (what CI runs after the plain suite).
      shift
      dir=_build-asan
      build "$dir" -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
      export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
      export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
      # Waits inside the tests (for a simulation, the ranking, the app
      # on the accessibility bus) stretch by the same factor.
      export WFL_TEST_TIME_SCALE=4
      set -- --timeout-multiplier 4 "$@"
    else
      build "$dir"
    fi
    status=0
    # UI tests need a display: run the whole suite inside a private X server
    # and session bus.
    xvfb-run -a -s "-screen 0 1600x1000x24" \
      dbus-run-session -- meson test -C "$dir" --print-errorlogs "$@" || status=$?
    summarise "$dir/meson-logs/testlog.json"
    exit $status
    ;;
  bench)
    # Graphviz dot, the Sankey bench's reference for crossings.
    PACKAGES+=(graphviz)
    install_missing
    build _build-release --buildtype=release -Dui_tests=disabled
    # d3-sankey for the Sankey comparisons (bench-sankey, bench-process):
    # Debian's Node.js and npm when there are none.
    if ! command -v npm >/dev/null 2>&1; then
      (PACKAGES=(nodejs npm); install_missing) || log "could not install nodejs and npm; the d3-sankey figures read n/a"
    fi
    if command -v npm >/dev/null 2>&1 && [ ! -d bench/node_modules/d3-sankey ]; then
      (cd bench && npm install --no-save --no-audit --no-fund --silent d3-sankey@0.12.3 >/dev/null 2>&1) ||
        log "npm install d3-sankey failed; the Sankey bench runs without it"
    fi
    for b in _build-release/bench/bench-*; do
      [ -x "$b" ] && [ -f "$b" ] || continue
      case "$b" in
        */bench-ui)
          # A real window: under a private X server and session bus.
          NO_AT_BRIDGE=1 GTK_A11Y=none GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
            GSETTINGS_SCHEMA_DIR=_build-release/data \
            xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- "$b" 2>/dev/null
          ;;
        *) "$b" ;;
      esac
    done
    ;;
  *)
    echo "usage: $0 [run|test|bench] [ARGS…]" >&2
    exit 2
    ;;
esac

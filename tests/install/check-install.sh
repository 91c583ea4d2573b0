#!/usr/bin/env bash
# Installs the build into a fresh prefix under DESTDIR and checks that
# Waferline appears there as a desktop application: executable, desktop
# file, metainfo, schema, icons, example scenarios and the MIME type, and
# that GIO maps a .waferline file to application/x-waferline+xml with
# Waferline as its handler.
#
# With "open" (a UI test: it needs a display and a session bus), it then
# runs `gio open` on a scenario with the prefix's XDG_DATA_DIRS and PATH
# and checks that the installed Waferline starts on that file.
#
# usage: check-install.sh BUILD_DIR APP_ID [open]
set -euo pipefail
build=$1
app_id=$2
mode=${3:-}
if [ "$mode" = open ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "check-install: no display, gio open not checked"
  exit 77
fi
stage=$(mktemp -d)
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$stage"
}
trap cleanup EXIT
prefix=/opt/waferline-test

fail() { echo "check-install: $*" >&2; exit 1; }

DESTDIR="$stage" meson install -C "$build" --no-rebuild --quiet >/dev/null 2>&1 \
  || { DESTDIR="$stage" meson install -C "$build" --no-rebuild; fail "meson install failed"; }
root="$stage$prefix"
[ -d "$root" ] || root="$stage$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')"

data="$root/share"
for f in \
  "$root/bin/waferline" \
  "$data/applications/$app_id.desktop" \
  "$data/metainfo/$app_id.metainfo.xml" \
  "$data/glib-2.0/schemas/io.github.waferline.Waferline.gschema.xml" \
  "$data/icons/hicolor/scalable/apps/$app_id.svg" \
  "$data/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$data/mime/packages/$app_id.xml" \
  "$data/waferline/scenarios/ai-hardware-2023-2025.waferline" \
  "$data/waferline/scenarios/teaching-three-stage.waferline"; do
  [ -e "$f" ] || fail "not installed: ${f#$stage}"
done
[ -x "$root/bin/waferline" ] || fail "waferline is not executable"

# The desktop database and the MIME database of the prefix, as a
# distribution's triggers would build them.
update-mime-database "$data/mime" >/dev/null
update-desktop-database "$data/applications" >/dev/null 2>&1 || true

export XDG_DATA_DIRS="$data:/usr/share" PATH="$root/bin:$PATH"
export XDG_DATA_HOME="$stage/home-data" XDG_CONFIG_HOME="$stage/home-config"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"

cp "$data/waferline/scenarios/teaching-three-stage.waferline" "$stage/plan.waferline"

# GIO types by glob (it does not read root-XML rules, which the MIME
# definition also carries for XML files named otherwise).
type=$(gio info -a standard::content-type "$stage/plan.waferline" | sed -n 's/.*standard::content-type: //p')
[ "$type" = "application/x-waferline+xml" ] || fail "plan.waferline is typed '$type', not application/x-waferline+xml"
grep -q 'root-XML namespaceURI="urn:waferline:scenario:1" localName="scenario"' "$data/mime/packages/$app_id.xml" \
  || fail "the MIME definition has no root-XML rule for scenarios"

handler=$(gio mime application/x-waferline+xml 2>/dev/null | sed -n '2,$p' | tr -d ' ')
grep -q "$app_id.desktop" <<<"$handler" || fail "no handler for application/x-waferline+xml: $handler"

# The installed executable runs headless from the prefix.
"$root/bin/waferline" --validate "$stage/plan.waferline" >/dev/null \
  || fail "the installed waferline cannot validate a scenario"

if [ "$mode" != open ]; then
  echo "check-install: installed into a fresh prefix; .waferline files open with $app_id"
  exit 0
fi

# `gio open` launches the handler's desktop file (Exec=waferline %F) from
# the prefix.  The settings schema compiled as the distribution's trigger
# would (meson skips that under DESTDIR).
glib-compile-schemas "$data/glib-2.0/schemas" || fail "the installed schema does not compile"
# The installed app on its own files, not the build tree's.
unset GSETTINGS_SCHEMA_DIR WFL_LOCALEDIR
export XDG_DATA_DIRS="$data:/usr/share"
command -v pgrep >/dev/null || fail "pgrep is missing (procps)"
gio open "$stage/plan.waferline" || fail "gio open $stage/plan.waferline failed"

# The launched process is a child of gio's launcher, not of this shell:
# find it by its command line, the installed executable on the file.
for _ in $(seq 1 100); do
  app_pid=$(pgrep -af waferline | awk -v exe="$root/bin/waferline" -v file="$stage/plan.waferline" \
                '$2 == exe || $2 == "waferline" { for (i = 3; i <= NF; i++) if ($i == file) { print $1; exit } }')
  [ -n "$app_pid" ] && break
  sleep 0.2
done
[ -n "$app_pid" ] || fail "no waferline process on $stage/plan.waferline within 20 s of gio open"
exe=$(readlink "/proc/$app_pid/exe" || true)
[ "$exe" = "$root/bin/waferline" ] || fail "gio open started $exe, not the installed $root/bin/waferline"

# It stays up with the file open (it would exit at once if it could not
# start).
sleep 2
kill -0 "$app_pid" 2>/dev/null || { app_pid=""; fail "waferline exited right after gio open"; }
kill "$app_pid"
app_pid=""
echo "check-install: gio open started the installed $app_id on plan.waferline"

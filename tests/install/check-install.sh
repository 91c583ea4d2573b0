#!/usr/bin/env bash
# Installs the build into a fresh prefix under DESTDIR and checks that
# Waferline appears there as a desktop application: executable, desktop
# file, metainfo, schema, icons, example scenarios and the MIME type, and
# that GIO maps a .waferline file to application/x-waferline+xml with
# Waferline as its handler.
#
# usage: check-install.sh BUILD_DIR APP_ID
set -euo pipefail
build=$1
app_id=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
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

echo "check-install: installed into a fresh prefix; .waferline files open with $app_id"

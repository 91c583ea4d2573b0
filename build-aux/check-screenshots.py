#!/usr/bin/env python3
# Checks that every <screenshot> image of the metainfo is a PNG kept in the
# repository (data/screenshots/), of the size the metainfo states and small
# enough for software centres (at most 300 KB).
import pathlib
import re
import struct
import sys
import xml.etree.ElementTree as ET

PREFIX = "https://raw.githubusercontent.com/waferline/waferline/main/"
MAX_BYTES = 300 * 1024

top = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
metainfo = top / "data" / "io.github.waferline.Waferline.metainfo.xml.in.in"
text = re.sub(r"@[a-z_]+@", "x", metainfo.read_text(encoding="utf-8"))
root = ET.fromstring(text)

problems = []
images = root.findall("./screenshots/screenshot/image")
if not images:
    problems.append("no screenshot image")
for image in images:
    url = (image.text or "").strip()
    if not url.startswith(PREFIX):
        problems.append(f"{url}: not under {PREFIX}")
        continue
    path = top / url[len(PREFIX):]
    if not path.is_file():
        problems.append(f"{url}: {path.relative_to(top)} is not in the repository")
        continue
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        problems.append(f"{path.relative_to(top)}: not a PNG")
        continue
    width, height = struct.unpack(">II", data[16:24])
    if len(data) > MAX_BYTES:
        problems.append(f"{path.relative_to(top)}: {len(data)} bytes, more than {MAX_BYTES}")
    if "width" in image.attrib and (int(image.attrib["width"]), int(image.attrib["height"])) != (width, height):
        problems.append(f"{path.relative_to(top)}: {width}x{height}, the metainfo says "
                        f"{image.attrib['width']}x{image.attrib['height']}")
    print(f"{path.relative_to(top)}: {width}x{height}, {len(data)} bytes")

for p in problems:
    print("error:", p, file=sys.stderr)
sys.exit(1 if problems else 0)

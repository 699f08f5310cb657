#!/usr/bin/env bash
# Renders every app icon from the one source, resources/icons/postfach.svg:
#   resources/icons/hicolor/NxN/apps/org.postfach.Postfach.png   (16 … 512, the freedesktop hicolor layout)
#   resources/icons/postfach.ico                                 (Windows: 16, 20, 24, 32, 40, 48, 64, 256)
#   resources/icons/postfach.icns                                (macOS: 16 … 1024)
#   resources/icons/postfach-256.png                             (a window icon the app can embed)
# The results are committed, so building a package never needs these tools; run this again after
# editing the SVG. The scalable icon is the SVG itself (installed as
# hicolor/scalable/apps/org.postfach.Postfach.svg by the packages).
#
# Needs: rsvg-convert (Debian: librsvg2-bin), ImageMagick `convert` (imagemagick) for the .ico, and
# for the .icns `png2icns` (icnsutils) on Linux or `iconutil` (built in) on macOS:
#   sudo apt-get install librsvg2-bin imagemagick icnsutils      # Debian/Ubuntu
#   brew install librsvg imagemagick                             # macOS (iconutil is built in)
#
# Usage: packaging/make-icons.sh [OUT_DIR]   (default: resources/icons; the test renders into a temp dir)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/resources/icons/postfach.svg"
out="${1:-$root/resources/icons}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
app_id=org.postfach.Postfach

need() { command -v "$1" >/dev/null || { echo "error: '$1' not found (install: $2)" >&2; exit 1; }; }
need rsvg-convert "Debian librsvg2-bin / brew librsvg"
need convert "Debian imagemagick / brew imagemagick"
if command -v iconutil >/dev/null; then icns_tool=iconutil; else
  need png2icns "Debian icnsutils (or run on macOS, which has iconutil)"
  icns_tool=png2icns
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One PNG per size, each rendered from the SVG (never scaled down from a bigger bitmap).
for size in 16 20 22 24 32 40 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$src" -o "$work/$size.png"
done

# Linux: hicolor PNGs.
for size in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "$out/hicolor/${size}x${size}/apps"
  cp "$work/$size.png" "$out/hicolor/${size}x${size}/apps/$app_id.png"
done
cp "$work/256.png" "$out/postfach-256.png"

# Windows: .ico (ImageMagick stores the 256 px entry PNG-compressed, as Windows expects).
(cd "$work" && convert 16.png 20.png 24.png 32.png 40.png 48.png 64.png 256.png "$out/postfach.ico")

# macOS: .icns.
if [ "$icns_tool" = iconutil ]; then
  set_dir="$work/postfach.iconset"
  mkdir -p "$set_dir"
  for size in 16 32 128 256 512; do
    cp "$work/$size.png" "$set_dir/icon_${size}x${size}.png"
    cp "$work/$((size * 2)).png" "$set_dir/icon_${size}x${size}@2x.png"
  done
  iconutil --convert icns --output "$out/postfach.icns" "$set_dir"
else
  (cd "$work" && png2icns "$out/postfach.icns" 16.png 32.png 48.png 128.png 256.png 512.png 1024.png >/dev/null)
fi

echo "icons written to $out"

#!/usr/bin/env bash
# Checks that the committed icons are what packaging/make-icons.sh renders from
# resources/icons/postfach.svg today: every file present, the right sizes, and each PNG
# (near-)identical to a fresh render. After editing the SVG, run packaging/make-icons.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
icons=resources/icons
app_id=org.postfach.Postfach

fail() { echo "check-icons: FAIL: $*" >&2; exit 1; }
command -v compare >/dev/null || fail "'compare' not found: sudo apt-get install imagemagick"
command -v icns2png >/dev/null || fail "'icns2png' not found: sudo apt-get install icnsutils"

fresh="$(mktemp -d /tmp/postfach-icons.XXXXXX)"
trap 'rm -rf "$fresh"' EXIT
packaging/make-icons.sh "$fresh" >/dev/null

for size in 16 22 24 32 48 64 128 256 512; do
  rel="hicolor/${size}x${size}/apps/$app_id.png"
  [ -f "$icons/$rel" ] || fail "$icons/$rel is missing: run packaging/make-icons.sh"
  got="$(identify -format '%wx%h %[channels]' "$icons/$rel")"
  [ "$got" = "${size}x${size} srgba" ] || fail "$icons/$rel is '$got', expected '${size}x${size} srgba'"
  # RMSE over all channels, 0..1; renderer versions differ in the last bit of anti-aliasing.
  # (compare exits 1 when the images differ at all.)
  diff="$({ compare -metric RMSE "$icons/$rel" "$fresh/$rel" null: 2>&1 || true; } | sed -E 's/.*\((.*)\)/\1/')"
  awk -v d="$diff" 'BEGIN { exit !(d < 0.02) }' ||
    fail "$icons/$rel differs from a fresh render of postfach.svg (RMSE $diff): run packaging/make-icons.sh"
done

ico="$(identify -format '%w ' "$icons/postfach.ico")"
[ "$ico" = "16 20 24 32 40 48 64 256 " ] || fail "postfach.ico holds sizes '$ico'"
icns="$(icns2png -l "$icons/postfach.icns" | grep -oE "'(is32|il32|ih32|it32|ic08|ic09|ic10)'" | tr -d "'" | tr '\n' ' ')"
[ "$icns" = "is32 il32 ih32 it32 ic08 ic09 ic10 " ] || fail "postfach.icns holds '$icns'"
echo "check-icons: OK" >&2

#!/usr/bin/env bash
# Screenshots of the main window under Xvfb, in German and English (and the dark theme), from a
# data directory seeded with realistic mail (tests/ui_seed.rs). Checks that they are not blank.
#
#   scripts/screenshots.sh            → target/screenshots/main-de.png, main-en.png, main-dark.png
#
# Needs: xvfb, xdotool, imagemagick (import, convert). Uses the tiny-skia renderer.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target=${CARGO_TARGET_DIR:-$root/target}
out=$root/target/screenshots
min_stddev=${MIN_STDDEV:-0.05}
width=1280
height=800

for tool in Xvfb xdotool import convert; do
    command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (apt-get install xvfb xdotool imagemagick)" >&2; exit 1; }
done

cargo build --bin postfach
bin=$target/debug/postfach
work=$(mktemp -d)
app_pid=
xvfb_pid=
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

POSTFACH_SEED_DIR=$work/seed cargo test --test ui_seed -- --ignored --exact seed_screenshot_data --nocapture

display=:$(( 90 + RANDOM % 9 ))
Xvfb "$display" -screen 0 "${width}x${height}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
    DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.1
done
mkdir -p "$out"

# shoot NAME LANG THEME: runs the app on a fresh copy of the seeded data, opens the newest mail
# (the one with pictures), and takes a screenshot of the screen.
shoot() {
    local name=$1 lang=$2 theme=$3
    local data=$work/$name
    cp -r "$work/seed" "$data"
    printf '{ "theme": "%s", "window": { "width": %d, "height": %d } }\n' "$theme" "$width" "$height" >"$data/settings.json"
    DISPLAY=$display ICED_BACKEND=tiny-skia POSTFACH_LANG=$lang POSTFACH_DATA_DIR=$data "$bin" >"$work/$name.log" 2>&1 &
    app_pid=$!
    if ! DISPLAY=$display timeout 30 xdotool search --sync --name Postfach >/dev/null; then
        echo "screenshots: the window did not appear ($name)" >&2
        cat "$work/$name.log" >&2
        exit 1
    fi
    sleep 3
    # The unified inbox is shown; its first row is the mail with the pictures.
    DISPLAY=$display xdotool mousemove 420 150 click 1
    # Previews are decoded off the UI thread; a debug build needs a few seconds for them.
    sleep "${PREVIEW_WAIT:-8}"
    DISPLAY=$display xdotool mousemove 1270 790
    sleep 1
    DISPLAY=$display import -window root "$out/main-$name.png"
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
    local stddev
    stddev=$(convert "$out/main-$name.png" -format '%[fx:standard_deviation]' info:)
    if awk -v s="$stddev" -v m="$min_stddev" 'BEGIN { exit !(s < m) }'; then
        echo "screenshots: main-$name.png looks blank (standard deviation $stddev)" >&2
        exit 1
    fi
    echo "screenshots: $out/main-$name.png (standard deviation $stddev)"
}

shoot de de system
shoot en en system
shoot dark en dark

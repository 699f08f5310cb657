#!/usr/bin/env bash
# Screenshots of the main window and the account settings under Xvfb, in German and English (and
# the dark theme), from a data directory seeded with realistic mail (tests/ui/seed.rs,
# tests/ui/settings.rs), and of the first-start wizard. Checks that they are not blank.
#
#   scripts/screenshots.sh            → target/screenshots/main-de.png, main-en.png, main-dark.png,
#                                       settings-de.png, settings-en.png, settings-dark.png,
#                                       wizard-de.png, compose-de.png, compose-en.png,
#                                       compose-dark.png, html-de.png, html-en.png,
#                                       html-dark.png, move-de.png, move-en.png,
#                                       move-dark.png, rules-de.png, rules-en.png,
#                                       rules-dark.png
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

POSTFACH_SEED_DIR=$work/seed cargo test --test ui -- --ignored --exact seed::seed_screenshot_data --nocapture
POSTFACH_SEED_DIR=$work/seed cargo test --test ui -- --ignored --exact settings::settings_screenshot_data

display=:$(( 90 + RANDOM % 9 ))
Xvfb "$display" -screen 0 "${width}x${height}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
    DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.1
done
mkdir -p "$out"

# launch NAME LANG THEME SEED: runs the app on a fresh copy of SEED (a data dir) in the given
# language and theme, and waits for its window.
launch() {
    local name=$1 lang=$2 theme=$3 seed=$4
    local data=$work/$name
    cp -r "$seed" "$data"
    printf '{ "theme": "%s", "window": { "width": %d, "height": %d } }\n' "$theme" "$width" "$height" >"$data/settings.json"
    DISPLAY=$display ICED_BACKEND=tiny-skia POSTFACH_LANG=$lang POSTFACH_DATA_DIR=$data "$bin" >"$work/$name.log" 2>&1 &
    app_pid=$!
    if ! DISPLAY=$display timeout 30 xdotool search --sync --name Postfach >/dev/null; then
        echo "screenshots: the window did not appear ($name)" >&2
        cat "$work/$name.log" >&2
        exit 1
    fi
    sleep 3
}

# snap FILE: moves the pointer out of the way, takes a screenshot, stops the app, and fails when
# the picture looks blank.
snap() {
    local file=$1
    DISPLAY=$display xdotool mousemove 1270 790
    sleep 1
    DISPLAY=$display import -window root "$out/$file"
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
    local stddev
    stddev=$(convert "$out/$file" -format '%[fx:standard_deviation]' info:)
    if awk -v s="$stddev" -v m="$min_stddev" 'BEGIN { exit !(s < m) }'; then
        echo "screenshots: $file looks blank (standard deviation $stddev)" >&2
        exit 1
    fi
    echo "screenshots: $out/$file (standard deviation $stddev)"
}

# shoot NAME LANG THEME: the main window with the newest mail (the one with pictures) open.
shoot() {
    launch "$1" "$2" "$3" "$work/seed"
    # The unified inbox is shown; its first row is the mail with the pictures.
    DISPLAY=$display xdotool mousemove 420 150 click 1
    # Previews are decoded off the UI thread; a debug build needs a few seconds for them.
    sleep "${PREVIEW_WAIT:-8}"
    snap "main-$1.png"
}

# settings_page FILE LANG THEME X Y: the settings (opened with Ctrl+,) with the entry of the left
# column at (X, Y) chosen, saved as FILE.png.
settings_page() {
    launch "$1" "$2" "$3" "$work/seed"
    DISPLAY=$display xdotool search --name Postfach windowfocus 2>/dev/null || true
    DISPLAY=$display xdotool key ctrl+comma
    sleep 2
    DISPLAY=$display xdotool mousemove "$4" "$5" click 1
    sleep 3
    snap "$1.png"
}

# shoot_settings NAME LANG THEME: the settings page of the account "privat" (leaving mail on the
# server for 14 days, with the server's own rules), the first account of the left column.
shoot_settings() {
    settings_page "settings-$1" "$2" "$3" 125 228
}

# shoot_wizard NAME LANG: the account wizard a first start (no account yet) opens with.
shoot_wizard() {
    mkdir -p "$work/empty"
    launch "wizard-$1" "$2" system "$work/empty"
    snap "wizard-$1.png"
}

# shoot_compose NAME LANG THEME: a reply to the mail with the pictures in its own window (the
# main window behind it; Xvfb has no window manager, so it opens at the top left), with the
# completion offering the people of the seeded mail for "ju" typed into Cc.
shoot_compose() {
    launch "compose-$1" "$2" "$3" "$work/seed"
    DISPLAY=$display xdotool mousemove 420 150 click 1
    sleep 2
    DISPLAY=$display xdotool search --name '^Postfach$' windowfocus --sync 2>/dev/null || true
    DISPLAY=$display xdotool key ctrl+shift+r
    local cw= main=
    for _ in $(seq 100); do
        main=$( (DISPLAY=$display xdotool search --name '^Postfach$' 2>/dev/null || true) | head -1)
        cw=$( (DISPLAY=$display xdotool search --name 'Postfach$' 2>/dev/null || true) | grep -vx "${main:-none}" | head -1)
        [ -n "$cw" ] && break
        sleep 0.1
    done
    [ -n "$cw" ] || { echo "screenshots: no compose window ($1)" >&2; cat "$work/compose-$1.log" >&2; exit 1; }
    sleep 2
    # Cc (the button beside To) and "ju": the completion offers Jürgen Müller
    DISPLAY=$display xdotool windowfocus --sync "$cw" 2>/dev/null || true
    DISPLAY=$display xdotool mousemove 699 110 click 1
    sleep 0.5
    DISPLAY=$display xdotool type --delay 80 ju
    sleep 1
    snap "compose-$1.png"
}

# shoot_html NAME LANG THEME: an HTML newsletter (scripts/screenshots/newsletter.eml: layout
# tables, its own logo, remote pictures) opened from the desktop, shown formatted with the bar
# that says remote content was blocked.
shoot_html() {
    local name=html-$1
    local data=$work/$name
    cp -r "$work/seed" "$data"
    printf '{ "theme": "%s", "window": { "width": %d, "height": %d } }\n' "$3" "$width" "$height" >"$data/settings.json"
    DISPLAY=$display ICED_BACKEND=tiny-skia POSTFACH_LANG=$2 POSTFACH_DATA_DIR=$data "$bin" \
        "$root/scripts/screenshots/newsletter.eml" >"$work/$name.log" 2>&1 &
    app_pid=$!
    if ! DISPLAY=$display timeout 30 xdotool search --sync --name Postfach >/dev/null; then
        echo "screenshots: the window did not appear ($name)" >&2
        cat "$work/$name.log" >&2
        exit 1
    fi
    sleep 4
    snap "$name.png"
}

# shoot_move NAME LANG THEME: "Move to…" over the main window for the newest mail (Ctrl+Shift+V),
# with "url" typed: the picker narrowed to the local folder "Urlaub 2024".
shoot_move() {
    launch "move-$1" "$2" "$3" "$work/seed"
    DISPLAY=$display xdotool mousemove 420 150 click 1
    sleep 2
    DISPLAY=$display xdotool search --name Postfach windowfocus 2>/dev/null || true
    DISPLAY=$display xdotool key ctrl+shift+v
    sleep 1
    DISPLAY=$display xdotool type --delay 80 url
    sleep 1
    snap "move-$1.png"
}

# shoot_rules NAME LANG THEME: the message rules page (second entry of the left column) with the
# seeded rule ("Rechnungen") listed.
shoot_rules() {
    settings_page "rules-$1" "$2" "$3" 100 111
}

shoot de de system
shoot en en system
shoot dark en dark
shoot_settings de de system
shoot_settings en en system
shoot_settings dark de dark
shoot_wizard de de
shoot_compose de de system
shoot_compose en en system
shoot_compose dark de dark
shoot_html de de system
shoot_html en en system
shoot_html dark en dark
shoot_move de de system
shoot_move en en system
shoot_move dark de dark
shoot_rules de de system
shoot_rules en en system
shoot_rules dark en dark

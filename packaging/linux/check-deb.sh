#!/usr/bin/env bash
# Checks the Debian package end to end, as issue 7 asks ("Checked here"):
#   1. builds the .deb (packaging/linux/build-deb.sh; options are passed on) or takes --deb FILE,
#   2. checks its control fields and contents, and that its Depends are installed here,
#   3. installs it into a temporary root (dpkg -x; or for real with dpkg -i, see below),
#   4. validates the installed desktop entry and metainfo (desktop-file-validate,
#      appstreamcli validate and validate-tree, --no-net --strict) and their consistency
#      (icon name, MIME type, release = Cargo.toml version, screenshots present),
#   5. seeds a data directory with the installed binary: with a demo server (below) an account and
#      its mail, fetched by `postfach fetch`; without one the first start on an empty directory,
#   6. starts the app the way a desktop does — the Exec line of the installed desktop entry —
#      on a private Xvfb display, and takes a screenshot that must show the main window:
#      a visible window titled Postfach with the desktop entry's WM_CLASS, still running, not
#      blank (ImageMagick standard deviation and colour count), no error on it (tesseract OCR:
#      no "error"/"failed"; the expected texts present) and none in its log.
# Any missing tool or failed step is a failure (exit 1), never a skip.
#
#   packaging/linux/check-deb.sh                          # builds with the packaging profile (slow)
#   packaging/linux/check-deb.sh --no-build --profile dev # packages the binary `cargo test` built
#   packaging/linux/check-deb.sh --deb target/debian/postfach_0.1.0-1_amd64.deb
#
# Environment:
#   POSTFACH_DEMO_SERVER=HOST:PORT  a POP3S server to fetch demo mail from (tests/packaging.rs starts
#   POSTFACH_DEMO_CA=FILE           a private Dovecot seeded with packaging/linux/demo-mail/*.eml);
#   POSTFACH_DEMO_USER, POSTFACH_DEMO_PASSWORD, POSTFACH_DEMO_COUNT (messages expected after the fetch)
#   POSTFACH_DEMO_EXPECT="A|B"      texts the window must show (checked by OCR), e.g. subjects
#   POSTFACH_CHECK_OPEN=FILE.eml    start it with this file, as a file manager does on a double
#                                   click (%U → file:// URI); its Subject must then be on screen
#   POSTFACH_CHECK_OUT=DIR          keep screenshots and logs there (default: a temp dir, printed)
#   POSTFACH_CHECK_DPKG_INSTALL=1   as root: dpkg -i the package, start /usr/bin/postfach, then
#                                   dpkg --purge it and check nothing is left (CI containers only)
#   POSTFACH_UPDATE_SCREENSHOT=1    copy the window screenshot to packaging/linux/screenshots/
#                                   main-window.png (the image the metainfo shows)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
app_id=org.postfach.Postfach

fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
step() { echo "check-deb: $*" >&2; }

# --- tools ------------------------------------------------------------------------------------
need() { command -v "$1" >/dev/null || fail "'$1' not found: sudo apt-get install $2"; }
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
need Xvfb xvfb
need xdotool xdotool
need xprop x11-utils
need import imagemagick
need convert imagemagick
need tesseract tesseract-ocr

deb=""
build_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) deb="$2"; shift ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) build_args+=("$1") ;;
  esac
  shift
done

out="${POSTFACH_CHECK_OUT:-$(mktemp -d /tmp/postfach-check-deb.XXXXXX)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d /tmp/postfach-deb-root.XXXXXX)"
pids=()
dpkg_installed=0
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$dpkg_installed" = 1 ]; then dpkg --purge postfach >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
step "output in $out"

pkgid="$(cargo pkgid --quiet)"
version="${pkgid##*[#@]}"

# --- 1. build ---------------------------------------------------------------------------------
if [ -z "$deb" ]; then
  step "building the package (build-deb.sh ${build_args[*]:-})"
  deb="$(packaging/linux/build-deb.sh --output "$work/deb" "${build_args[@]}" | tail -n 1)"
fi
[ -f "$deb" ] || fail "no package at '$deb'"
step "package: $deb"

# --- 2. control fields and contents -----------------------------------------------------------
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = postfach ] || fail "Package is '$(field Package)', not postfach"
case "$(field Version)" in "$version" | "$version"-*) ;; *) fail "Version '$(field Version)' does not match Cargo.toml ($version)" ;; esac
recommends="$(field Recommends)"
for r in zenity xdg-desktop-portal gnome-keyring kwalletmanager; do
  [[ "$recommends" == *"$r"* ]] || fail "Recommends lacks $r: '$recommends'"
done

contents="$(dpkg-deb --contents "$deb" | awk '{print $NF}' | sed 's|^\./||')"
expected=(usr/bin/postfach "usr/share/applications/$app_id.desktop" "usr/share/metainfo/$app_id.metainfo.xml"
  "usr/share/icons/hicolor/scalable/apps/$app_id.svg")
for png in resources/icons/hicolor/*/apps/"$app_id".png; do
  expected+=("usr/share/icons/hicolor/${png#resources/icons/hicolor/}")
done
for f in "${expected[@]}"; do
  grep -qxF "$f" <<<"$contents" || fail "the package lacks $f"
done

# Would `dpkg -i` accept it here? Every Depends entry needs one installed alternative.
installed_version() { { dpkg-query -W -f='${Status} ${Version}\n' "$1" 2>/dev/null || true; } | awk '/ok installed/ {print $4}'; }
IFS=',' read -ra depends <<<"$(field Depends)"
for dep in "${depends[@]}"; do
  ok=0
  IFS='|' read -ra alternatives <<<"$dep"
  for alt in "${alternatives[@]}"; do
    name="$(awk '{print $1}' <<<"$alt")"; name="${name%%:*}"
    have="$(installed_version "$name")"
    [ -n "$have" ] || continue
    if [[ "$alt" =~ \((\>=|\<=|\>\>|\<\<|=)\ *([^\)]+)\) ]]; then
      op="${BASH_REMATCH[1]}" want="${BASH_REMATCH[2]// /}"
      case "$op" in '>=') op=ge ;; '<=') op=le ;; '>>') op=gt ;; '<<') op=lt ;; '=') op=eq ;; esac
      dpkg --compare-versions "$have" "$op" "$want" || continue
    fi
    ok=1
  done
  [ "$ok" = 1 ] || fail "dependency not installed here: '${dep# }' (dpkg -i would refuse the package)"
done

# --- 3. install -------------------------------------------------------------------------------
if [ "${POSTFACH_CHECK_DPKG_INSTALL:-0}" = 1 ]; then
  [ "$(id -u)" = 0 ] || fail "POSTFACH_CHECK_DPKG_INSTALL=1 needs root"
  step "dpkg -i (system-wide; removed again at the end)"
  dpkg_installed=1
  dpkg -i "$deb" >"$out/dpkg-install.log" 2>&1 || { cat "$out/dpkg-install.log" >&2; fail "dpkg -i failed"; }
  prefix=""
else
  step "dpkg -x into $work/root"
  dpkg -x "$deb" "$work/root"
  prefix="$work/root"
fi
desktop="$prefix/usr/share/applications/$app_id.desktop"
metainfo="$prefix/usr/share/metainfo/$app_id.metainfo.xml"

# --- 4. validators ----------------------------------------------------------------------------
step "desktop-file-validate"
desktop-file-validate "$desktop" || fail "desktop-file-validate reported errors"
step "appstreamcli validate --no-net --strict"
appstreamcli validate --no-net --strict "$metainfo" || fail "appstreamcli validate reported issues"
# validate-tree also checks that the metainfo, the desktop entry and the icons fit together.
dpkg -x "$deb" "$work/tree"
step "appstreamcli validate-tree --no-net --strict"
appstreamcli validate-tree --no-net --strict "$work/tree" || fail "appstreamcli validate-tree reported issues"

grep -q "^Icon=$app_id\$" "$desktop" || fail "Icon= is not $app_id"
grep -q '^MimeType=.*message/rfc822;' "$desktop" || fail "MimeType lacks message/rfc822"
# mailto: links (issue #16): offered as a handler; %U hands the link over like a file's URI.
grep -q '^MimeType=.*x-scheme-handler/mailto;' "$desktop" || fail "MimeType lacks x-scheme-handler/mailto"
grep -q '^Exec=.* %[uU]$' "$desktop" || fail "Exec does not end in %U or %u, so links would not reach postfach"
grep -q '<mediatype>x-scheme-handler/mailto</mediatype>' "$metainfo" ||
  fail "the metainfo does not provide x-scheme-handler/mailto"
# Offered, never forced: no mimeapps.list in the package, no `xdg-mime default` in its scripts.
! grep -q 'mimeapps\.list$' <<<"$contents" || fail "the package ships a mimeapps.list (that sets defaults)"
dpkg-deb -e "$deb" "$work/control"
if grep -qs 'xdg-mime' "$work/control"/*; then
  fail "a maintainer script calls xdg-mime (the package must not make itself the default)"
fi
newest_release="$({ grep -o '<release version="[^"]*"' "$metainfo" || true; } | head -n 1 | cut -d'"' -f2)"
[ "$newest_release" = "$version" ] ||
  fail "the newest <release> in the metainfo is '$newest_release', Cargo.toml says $version: add a release entry"
# Screenshots are published from this repository: each one must exist here.
while read -r url; do
  file="packaging/${url#*/packaging/}"
  [ -f "$file" ] || fail "metainfo screenshot $url: $file is not in the repository
  (once the window shows real content: POSTFACH_UPDATE_SCREENSHOT=1 cargo test --test packaging)"
done < <(grep -o '<image[^>]*>[^<]*</image>' "$metainfo" | sed 's/<[^>]*>//g')

# --- 5. seed a data directory -----------------------------------------------------------------
data="$work/data"
mkdir -p "$data"
export POSTFACH_DATA_DIR="$data" POSTFACH_LANG="${POSTFACH_LANG:-en}"
bin="$prefix/usr/bin/postfach"
[ -x "$bin" ] || fail "$bin is not executable"
step "postfach --version"
"$bin" --version >"$out/version.txt" 2>&1 || { cat "$out/version.txt" >&2; fail "postfach --version failed"; }
grep -qF "$version" "$out/version.txt" || fail "postfach --version says '$(cat "$out/version.txt")', expected $version"

step "seeding $data"
if [ -n "${POSTFACH_DEMO_SERVER:-}" ]; then
  host="${POSTFACH_DEMO_SERVER%:*}" port="${POSTFACH_DEMO_SERVER##*:}"
  "$bin" account add Anna --email anna@example.org --display-name "Anna Beispiel" \
    --host "$host" --port "$port" --security tls --user "${POSTFACH_DEMO_USER:?}" \
    --ca-file "${POSTFACH_DEMO_CA:?}" --check-every 0 >"$out/seed.log" 2>&1 ||
    { cat "$out/seed.log" >&2; fail "postfach account add failed"; }
  POSTFACH_PASSWORD="${POSTFACH_DEMO_PASSWORD:?}" "$bin" fetch Anna >>"$out/seed.log" 2>&1 ||
    { cat "$out/seed.log" >&2; fail "postfach fetch from the demo server failed"; }
  count="$("$bin" list --json | grep -c . || true)"
  [ "$count" = "${POSTFACH_DEMO_COUNT:?}" ] || fail "after the fetch 'postfach list' shows $count messages, expected $POSTFACH_DEMO_COUNT"
  # The window checks the account on start, with the password from the environment.
  export POSTFACH_PASSWORD="$POSTFACH_DEMO_PASSWORD"
else
  step "no POSTFACH_DEMO_SERVER: checking the first start on an empty data directory"
fi

# --- 6. start it from the desktop entry under Xvfb --------------------------------------------
exec_line="$(sed -n 's/^Exec=//p' "$desktop" | head -n 1)"
[ -n "$exec_line" ] || fail "the desktop entry has no Exec line"
read -ra argv <<<"$exec_line"
# Expand the field codes as a launcher does: %U/%u get the file as a file:// URI, %F/%f as a
# path, the rest (%i, %c, %k, …) nothing; without a file all of them go.
open_file="${POSTFACH_CHECK_OPEN:-}"
expect="${POSTFACH_DEMO_EXPECT:-}"
if [ -n "$open_file" ]; then
  open_file="$(cd "$(dirname "$open_file")" && pwd)/$(basename "$open_file")"
  [ -f "$open_file" ] || fail "POSTFACH_CHECK_OPEN: no file $open_file"
  uri="file://"
  for byte in $(od -An -v -tx1 <<<"$open_file" | tr -s ' \n' ' '); do
    [ "$byte" = 0a ] && continue # the here-string's newline
    char="$(printf '%b' "\\x$byte")"
    case "$char" in [A-Za-z0-9/._~-]) uri+="$char" ;; *) uri+="%${byte^^}" ;; esac
  done
  subject="$(sed -n 's/^Subject: //p' "$open_file" | head -n 1 | tr -d '\r')"
  expect="$subject"  # the window shows the opened file's folder, not the Inbox
fi
expanded=()
for arg in "${argv[@]}"; do
  case "$arg" in
    %U | %u) [ -z "$open_file" ] || expanded+=("$uri") ;;
    %F | %f) [ -z "$open_file" ] || expanded+=("$open_file") ;;
    %?) ;;
    *) expanded+=("$arg") ;;
  esac
done
argv=("${expanded[@]}")

# shellcheck source=packaging/xvfb.sh
. "$root/packaging/xvfb.sh"
start_xvfb "$work" "$out/xvfb.log"
step "Xvfb on $display; starting: ${argv[*]}"

# PATH as an installed system has it: the package's bin first.
PATH="$prefix/usr/bin:$PATH" DISPLAY="$display" ICED_BACKEND=tiny-skia WAYLAND_DISPLAY='' NO_COLOR=1 \
  "${argv[@]}" >"$out/app.stdout" 2>"$out/app.stderr" &
app_pid=$!
pids+=("$app_pid")

window=""
for _ in $(seq 60); do
  kill -0 "$app_pid" 2>/dev/null || { cat "$out/app.stderr" >&2; fail "postfach exited before showing a window"; }
  window="$(DISPLAY="$display" xdotool search --onlyvisible --name '^Postfach' 2>/dev/null | head -n 1 || true)"
  [ -n "$window" ] && break
  sleep 0.5
done
[ -n "$window" ] || { cat "$out/app.stderr" >&2; fail "no visible window titled Postfach after 30 s"; }
# Docks and task bars match the window to the desktop entry by its WM_CLASS.
wm_class="$(sed -n 's/^StartupWMClass=//p' "$desktop")"
if [ -n "$wm_class" ]; then
  classes="$(DISPLAY="$display" xprop -id "$window" WM_CLASS 2>/dev/null || true)"
  [[ "$classes" == *"\"$wm_class\""* ]] ||
    fail "the window's WM_CLASS is '${classes#*= }', the desktop entry says StartupWMClass=$wm_class"
fi
sleep 4 # let it load the store and draw
kill -0 "$app_pid" 2>/dev/null || { cat "$out/app.stderr" >&2; fail "postfach exited after opening its window"; }

step "screenshot"
DISPLAY="$display" import -window root "$out/screen.png"
DISPLAY="$display" import -window "$window" "$out/window.png"
stddev="$(convert "$out/window.png" -format '%[fx:standard_deviation]' info:)"
colours="$(convert "$out/window.png" -format '%k' info:)"
geometry="$(convert "$out/window.png" -format '%wx%h' info:)"
step "window $geometry: standard deviation $stddev, $colours colours"
awk -v s="$stddev" 'BEGIN { exit !(s >= 0.02) }' || fail "the window is blank (standard deviation $stddev): $out/window.png"
[ "$colours" -ge 32 ] || fail "the window shows almost nothing ($colours colours): $out/window.png"
# What the window says (OCR; the app runs in English here): no error or failure, and with demo
# mail the expected subjects.
tesseract "$out/window.png" "$out/window" >/dev/null 2>&1 || fail "tesseract could not read $out/window.png"
text="$(tr -s '[:space:]' ' ' <"$out/window.txt" | tr '[:upper:]' '[:lower:]')"
if grep -oiE '[^ ]* ?[^ ]* ?(fail|error|fehler)[^ ]* ?[^ ]*' <<<"$text" >&2; then
  fail "the window shows an error (above; screenshot $out/window.png, OCR text $out/window.txt)"
fi
IFS='|' read -ra phrases <<<"$expect"
for phrase in "${phrases[@]}"; do
  [[ "$text" == *"${phrase,,}"* ]] ||
    fail "the window does not show '$phrase' (screenshot $out/window.png, OCR text $out/window.txt)"
done
[ ${#phrases[@]} = 0 ] || step "the window shows: ${expect//|/, }"

# An error screen or banner comes with a logged error or warning: a clean start has none.
# (Warnings of libraries about the virtual display, e.g. winit's on XRandR, do not count.)
[ ! -f "$data/postfach.log" ] || cp "$data/postfach.log" "$out/postfach.log"
if grep -hE ' ERROR | WARN postfach' "$out/postfach.log" "$out/app.stderr" 2>/dev/null; then
  fail "postfach logged errors or warnings while starting (above; screenshot $out/window.png)"
fi

if [ "${POSTFACH_UPDATE_SCREENSHOT:-0}" = 1 ]; then
  mkdir -p packaging/linux/screenshots
  convert "$out/window.png" -strip packaging/linux/screenshots/main-window.png
  step "updated packaging/linux/screenshots/main-window.png"
fi

kill "$app_pid" 2>/dev/null || true

# --- clean uninstall (real install only) ------------------------------------------------------
if [ "${POSTFACH_CHECK_DPKG_INSTALL:-0}" = 1 ]; then
  wait "$app_pid" 2>/dev/null || true
  step "dpkg --purge"
  dpkg --purge postfach >>"$out/dpkg-install.log" 2>&1 || fail "dpkg --purge failed"
  dpkg_installed=0
  for f in "${expected[@]}"; do [ ! -e "/$f" ] || fail "/$f is still there after dpkg --purge"; done
fi

step "OK: screenshot $out/screen.png (window: $out/window.png)"

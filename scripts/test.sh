#!/usr/bin/env bash
# Runs Postfach's whole test suite on a fresh Debian/Ubuntu machine.
#
# 1. Installs what the tests need (build tools, Dovecot, Postfix, Xvfb, gnome-keyring, ...) when
#    it can (as root, or with password-less sudo); otherwise names exactly what is missing and
#    stops. tests/smtp_postfix.rs runs private Postfix instances, whose master runs only as root.
# 2. Starts a private D-Bus session with an unlocked gnome-keyring and an Xvfb display, so the
#    keyring and window tests talk to real services.
# 3. Runs fmt, clippy, the Windows/macOS type check (scripts/check-targets.sh: the code Linux
#    builds never compile), cross-builds postfach.exe and its .msi (installed and run under Wine
#    by tests/packaging_windows.rs) and `cargo test` (unit, integration against a real Dovecot,
#    UI tests), then takes screenshots of the real window in German and English and checks they
#    are not blank.
#
# Nothing is skipped silently: a missing dependency is a failure with a clear message.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential pkg-config libssl-dev ca-certificates openssl
  dovecot-core dovecot-pop3d postfix
  xvfb xauth imagemagick x11-utils xdotool
  libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6 libx11-xcb1
  gnome-keyring dbus-x11 dbus
  desktop-file-utils appstream dpkg-dev librsvg2-bin icnsutils tesseract-ocr fonts-dejavu-core
  libwayland-client0 gcc-mingw-w64-x86-64
  mpop fetchmail getmail6
  wine wine64 wixl msitools
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo); else
    echo "error: these Debian packages are missing and I cannot install them without root:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "==> installing: ${missing[*]}"
  # Keep Debian's own Dovecot and Postfix services from starting: the tests run private
  # instances on 127.0.0.1. Postfix gets no system configuration at all ("No configuration").
  added_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod +x /usr/sbin/policy-rc.d
    added_policy=1
  fi
  echo "postfix postfix/main_mailer_type select No configuration" | "${sudo[@]}" debconf-set-selections
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ "$added_policy" = 1 ] && "${sudo[@]}" rm -f /usr/sbin/policy-rc.d
fi

command -v cargo >/dev/null || { echo "error: cargo not found: install Rust 1.95 (https://rustup.rs)" >&2; exit 1; }

# cargo-deb builds the .deb that tests/packaging.rs installs and starts (pinned; a few minutes, once).
cargo deb --version >/dev/null 2>&1 || cargo install cargo-deb --version 3.8.0 --locked

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> cargo clippy"
cargo clippy --all-targets --locked -- -D warnings

echo "==> Windows and macOS code type-checked (docs/CROSS-CHECK.md)"
scripts/check-targets.sh --deny-warnings

# The Windows app and installer, cross-built once for tests/packaging_windows.rs (which installs
# the .msi under Wine): the release profile, i.e. the packaging profile's code without its slow
# fat LTO (about 6 minutes cold, seconds when warm; its own target dir, see the script).
echo "==> postfach.exe and the .msi for Windows (packaging/windows/build-msi-wixl.sh)"
POSTFACH_WINE_MSI="$(packaging/windows/build-msi-wixl.sh --profile release --cultures en-us | tail -n 1)"
export POSTFACH_WINE_MSI

# A private X display for window tests and screenshots.
display=":$(( 600 + RANDOM % 300 ))"  # scripts/screenshots.sh uses :90-:98
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
export DISPLAY="$display" ICED_BACKEND=tiny-skia

# A private D-Bus session with an unlocked gnome-keyring (the real OS keyring on Linux).
keyring_home=$(mktemp -d)
export XDG_DATA_HOME="$keyring_home" POSTFACH_TEST_KEYRING=1
echo "==> cargo test"
test_log=$(mktemp)
dbus-run-session -- sh -c '
  echo -n postfach-test | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  exec cargo test --locked "$@" -- --test-threads="${POSTFACH_TEST_THREADS:-4}"
' sh "$@" 2>&1 | tee "$test_log"
status=${PIPESTATUS[0]}
rm -rf "$keyring_home"
[ "$status" -eq 0 ] || exit "$status"

echo "==> screenshots of the main window, settings and wizard in de/en (not blank)"
scripts/screenshots.sh

# One closing line over every test binary.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$test_log"
rm -f "$test_log"

#!/usr/bin/env bash
# Builds the Debian/Ubuntu package with cargo-deb (configured in Cargo.toml, [package.metadata.deb]):
# /usr/bin/postfach, the desktop entry, the AppStream metainfo and the hicolor icons, with
# Recommends: zenity | xdg-desktop-portal, gnome-keyring | kwalletmanager.
#
#   packaging/linux/build-deb.sh                    # cargo build --profile packaging (release + LTO), then package
#   packaging/linux/build-deb.sh --profile release  # another Cargo profile
#   packaging/linux/build-deb.sh --no-build --profile dev
#                                                   # package target/debug/postfach as it is (the test does this
#                                                   # with the binary `cargo test` already built)
#   packaging/linux/build-deb.sh --output DIR       # where the .deb goes (default: target/debian)
#
# Installs cargo-deb (pinned, `cargo install --locked`, a few minutes) when it is missing.
# Needs dpkg-dev (dpkg-shlibdeps computes Depends) and binutils (strip).
# Prints the path of the .deb as its last line.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

CARGO_DEB_VERSION=3.8.0
profile=packaging build=1 output=""
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift ;;
    --no-build) build=0 ;;
    --output) output="$2"; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

command -v cargo >/dev/null || { echo "error: cargo not found (https://rustup.rs)" >&2; exit 1; }
command -v dpkg-shlibdeps >/dev/null || { echo "error: dpkg-shlibdeps not found: sudo apt-get install dpkg-dev" >&2; exit 1; }
if ! cargo deb --version >/dev/null 2>&1; then
  echo "==> installing cargo-deb $CARGO_DEB_VERSION (cargo install --locked; takes a few minutes)" >&2
  cargo install cargo-deb --version "$CARGO_DEB_VERSION" --locked >&2
fi

# Without [package.metadata.deb] cargo-deb would make a bare package (no desktop entry, no icons).
if ! grep -q '^\[package\.metadata\.deb\]' Cargo.toml; then
  echo "error: Cargo.toml has no [package.metadata.deb] section (see README.md, \"Install\")" >&2
  exit 1
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
output="${output:-$target_dir/debian}"
mkdir -p "$output"

args=(--profile "$profile" --output "$output" --locked)
if [ "$build" = 0 ]; then
  binary="$target_dir/$([ "$profile" = dev ] && echo debug || echo "$profile")/postfach"
  [ -x "$binary" ] || { echo "error: --no-build, but $binary does not exist" >&2; exit 1; }
  args+=(--no-build)
fi
# A test build of the dev binary: strip its line tables and compress fast.
[ "$profile" = dev ] && args+=(--strip --fast)
# cargo-deb prints the .deb's path on stdout.
deb="$(cargo deb "${args[@]}" | tail -n 1)"
[ -f "$deb" ] || { echo "error: cargo deb did not produce a package (got: $deb)" >&2; exit 1; }
echo "$deb"

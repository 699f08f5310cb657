#!/usr/bin/env bash
# Builds a portable tarball for any glibc Linux (the AppImage alternative, see README.md "Install"):
#   postfach-<version>-<arch>-linux/
#     bin/postfach
#     share/applications/org.postfach.Postfach.desktop
#     share/metainfo/org.postfach.Postfach.metainfo.xml
#     share/icons/hicolor/{16x16 … 512x512,scalable}/apps/org.postfach.Postfach.{png,svg}
#     install.sh        (./install.sh → ~/.local; sudo ./install.sh --prefix /usr/local; --uninstall)
#     README.md
#
#   packaging/linux/build-tarball.sh                      # cargo build --profile packaging, then pack
#   packaging/linux/build-tarball.sh --no-build --profile dev --output DIR
# Prints the path of the .tar.gz as its last line.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

profile=packaging build=1 output=""
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift ;;
    --no-build) build=0 ;;
    --output) output="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

pkgid="$(cargo pkgid --quiet)"
version="${pkgid##*[#@]}"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
output="${output:-$target_dir/dist}"
[ "$build" = 0 ] || cargo build --locked --profile "$profile" >&2
binary="$target_dir/$([ "$profile" = dev ] && echo debug || echo "$profile")/postfach"
[ -x "$binary" ] || { echo "error: $binary does not exist (build it, or drop --no-build)" >&2; exit 1; }

name="postfach-$version-$(uname -m)-linux"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
dir="$stage/$name"
mkdir -p "$dir/bin" "$dir/share/applications" "$dir/share/metainfo" "$dir/share/icons/hicolor/scalable/apps"
install -m 755 "$binary" "$dir/bin/postfach"
# The dev binary carries line tables: strip what is shipped (a no-op for the packaging profile).
strip --strip-debug "$dir/bin/postfach" 2>/dev/null || true
install -m 644 packaging/linux/org.postfach.Postfach.desktop "$dir/share/applications/"
install -m 644 packaging/linux/org.postfach.Postfach.metainfo.xml "$dir/share/metainfo/"
install -m 644 resources/icons/postfach.svg "$dir/share/icons/hicolor/scalable/apps/org.postfach.Postfach.svg"
for png in resources/icons/hicolor/*/apps/org.postfach.Postfach.png; do
  size="$(basename "$(dirname "$(dirname "$png")")")"
  install -D -m 644 "$png" "$dir/share/icons/hicolor/$size/apps/org.postfach.Postfach.png"
done
install -m 755 packaging/linux/tarball-install.sh "$dir/install.sh"
install -m 644 README.md "$dir/README.md"

mkdir -p "$output"
tarball="$(cd "$output" && pwd)/$name.tar.gz"
tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
echo "$tarball"

#!/usr/bin/env bash
# Builds Postfach.app and a Postfach-<version>.dmg on macOS.
#
#   packaging/macos/build-app.sh                 # host architecture, profile "packaging" (release + LTO)
#   packaging/macos/build-app.sh --universal     # one app for Apple silicon and Intel (lipo)
#   packaging/macos/build-app.sh --binary PATH   # bundle an already built binary instead of building
#   packaging/macos/build-app.sh --no-dmg        # stop after target/dist/Postfach.app
#
# Needs: Rust 1.95 (rustup; for --universal: rustup target add aarch64-apple-darwin x86_64-apple-darwin)
# and the Xcode command line tools (xcode-select --install) for lipo, codesign, plutil and hdiutil.
# Signing: ad hoc by default (runs on the machine that built it; other Macs need right-click > Open
# once). With a Developer ID, set POSTFACH_SIGN_IDENTITY="Developer ID Application: …" and notarize
# the .dmg afterwards:  xcrun notarytool submit target/dist/Postfach-*.dmg --keychain-profile NAME --wait
#                       xcrun stapler staple target/dist/Postfach-*.dmg
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/packaging/macos"
cd "$root"

profile=packaging universal=0 binary="" dmg=1
while [ $# -gt 0 ]; do
  case "$1" in
    --universal) universal=1 ;;
    --binary) binary="$2"; shift ;;
    --profile) profile="$2"; shift ;;
    --no-dmg) dmg=0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

pkgid="$(cargo pkgid --quiet)"
version="${pkgid##*[#@]}"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

if [ -z "$binary" ]; then
  if [ "$universal" = 1 ]; then
    for t in aarch64-apple-darwin x86_64-apple-darwin; do
      cargo build --locked --profile "$profile" --target "$t"
    done
    binary="$target_dir/postfach-universal"
    lipo -create -output "$binary" \
      "$target_dir/aarch64-apple-darwin/$profile/postfach" "$target_dir/x86_64-apple-darwin/$profile/postfach"
  else
    cargo build --locked --profile "$profile"
    binary="$target_dir/$profile/postfach"
  fi
fi
[ -x "$binary" ] || { echo "error: no executable at $binary" >&2; exit 1; }

dist="$target_dir/dist"
app="$dist/Postfach.app"
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$binary" "$app/Contents/MacOS/postfach"
chmod 755 "$app/Contents/MacOS/postfach"
sed "s/@VERSION@/$version/g" "$here/Info.plist" > "$app/Contents/Info.plist"
printf 'APPL????' > "$app/Contents/PkgInfo"
cp "$root/resources/icons/postfach.icns" "$app/Contents/Resources/postfach.icns"
for lang in en de; do
  mkdir -p "$app/Contents/Resources/$lang.lproj"
  cp "$here/$lang.lproj/InfoPlist.strings" "$app/Contents/Resources/$lang.lproj/"
done

if command -v plutil >/dev/null; then
  plutil -lint "$app/Contents/Info.plist" "$app"/Contents/Resources/*.lproj/InfoPlist.strings
fi
if command -v codesign >/dev/null; then
  if [ "${POSTFACH_SIGN_IDENTITY:-}" ]; then sign=(--timestamp --sign "$POSTFACH_SIGN_IDENTITY"); else sign=(--sign -); fi
  codesign --force --options runtime "${sign[@]}" "$app"
  codesign --verify --strict --verbose=2 "$app"
fi
echo "built $app ($version)"

[ "$dmg" = 1 ] || exit 0
command -v hdiutil >/dev/null || { echo "error: hdiutil not found: the .dmg can only be made on macOS" >&2; exit 1; }
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
out="$dist/Postfach-$version.dmg"
rm -f "$out"
hdiutil create -volname "Postfach $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$out"
if [ "${POSTFACH_SIGN_IDENTITY:-}" ]; then codesign --sign "$POSTFACH_SIGN_IDENTITY" "$out"; fi
echo "built $out  sha256 $(shasum -a 256 "$out" | cut -d' ' -f1)"

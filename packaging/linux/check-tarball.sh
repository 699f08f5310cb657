#!/usr/bin/env bash
# Checks the portable tarball: builds it (build-tarball.sh; options are passed on), unpacks it,
# runs its install.sh into a temporary prefix, validates the installed desktop entry and
# metainfo, runs the binary the desktop entry names, then uninstalls and checks nothing is left.
#
#   packaging/linux/check-tarball.sh --no-build --profile dev
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
app_id=org.postfach.Postfach

fail() { echo "check-tarball: FAIL: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || fail "'$1' not found: sudo apt-get install $2"; }
need desktop-file-validate desktop-file-utils
need appstreamcli appstream

work="$(mktemp -d /tmp/postfach-check-tarball.XXXXXX)"
trap 'rm -rf "$work"' EXIT
pkgid="$(cargo pkgid --quiet)"
version="${pkgid##*[#@]}"

tarball="$(packaging/linux/build-tarball.sh --output "$work" "$@" | tail -n 1)"
[ -f "$tarball" ] || fail "no tarball at '$tarball'"
echo "check-tarball: $tarball ($(du -h "$tarball" | cut -f1))" >&2
tar -C "$work" -xzf "$tarball"
dir="$work/$(basename "$tarball" .tar.gz)"
[ -x "$dir/install.sh" ] || fail "the tarball has no executable install.sh"

prefix="$work/prefix with space"
HOME="$work/home" "$dir/install.sh" --prefix "$prefix" >/dev/null
desktop="$prefix/share/applications/$app_id.desktop"
desktop-file-validate "$desktop" || fail "desktop-file-validate reported errors"
appstreamcli validate --no-net --strict "$prefix/share/metainfo/$app_id.metainfo.xml" ||
  fail "appstreamcli validate reported issues"
grep -q '^MimeType=.*x-scheme-handler/mailto;' "$desktop" || fail "MimeType lacks x-scheme-handler/mailto"
[ ! -e "$work/home/.config/mimeapps.list" ] || fail "install.sh wrote a mimeapps.list (it must not set defaults)"
[ -f "$prefix/share/icons/hicolor/48x48/apps/$app_id.png" ] || fail "the 48 px icon was not installed"
[ -f "$prefix/share/icons/hicolor/scalable/apps/$app_id.svg" ] || fail "the scalable icon was not installed"

# The desktop entry names the installed binary by its full path (PREFIX/bin may not be on PATH).
exec_line="$(sed -n 's/^Exec=//p' "$desktop")"
[[ "$exec_line" == "\"$prefix/bin/postfach\" %U" ]] || fail "Exec is '$exec_line', expected '\"$prefix/bin/postfach\" %U'"
"$prefix/bin/postfach" --version >"$work/version.txt" 2>&1 || { cat "$work/version.txt" >&2; fail "postfach --version failed"; }
grep -qF "$version" "$work/version.txt" || fail "postfach --version says '$(cat "$work/version.txt")', expected $version"

HOME="$work/home" "$dir/install.sh" --prefix "$prefix" --uninstall >/dev/null
left="$(find "$prefix" -type f ! -name 'mimeinfo.cache' ! -name 'icon-theme.cache')"
[ -z "$left" ] || fail "files left after --uninstall: $left"
echo "check-tarball: OK" >&2

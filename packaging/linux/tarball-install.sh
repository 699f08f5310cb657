#!/bin/sh
# Installs Postfach from this unpacked tarball (shipped in it as install.sh).
#
#   ./install.sh                         # for you: ~/.local/bin, ~/.local/share (no root needed)
#   sudo ./install.sh --prefix /usr/local
#   ./install.sh --uninstall             # (same --prefix as when installing)
#
# The desktop entry gets the binary's full path (quoted), so Postfach starts from the app menu even when
# PREFIX/bin is not on your PATH. Your mail (~/.local/share/postfach) is never touched.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${HOME:?}/.local"
action=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift ;;
    --uninstall) action=uninstall ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

case "$prefix" in
  *[\"\`\$\\\|\&]*) echo "error: the prefix must not contain \" \` \$ \\ | or &" >&2; exit 2 ;;
esac
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
app=org.postfach.Postfach
files="bin/postfach share/applications/$app.desktop share/metainfo/$app.metainfo.xml
share/icons/hicolor/scalable/apps/$app.svg"
for size in 16 22 24 32 48 64 128 256 512; do
  files="$files share/icons/hicolor/${size}x${size}/apps/$app.png"
done

if [ "$action" = install ]; then
  for f in $files; do
    mkdir -p "$prefix/$(dirname "$f")"
    cp "$here/$f" "$prefix/$f"
  done
  chmod 755 "$prefix/bin/postfach"
  sed -i -e "s|^Exec=postfach|Exec=\"$prefix/bin/postfach\"|" -e "s|^TryExec=postfach|TryExec=$prefix/bin/postfach|" \
    "$prefix/share/applications/$app.desktop"
else
  for f in $files; do rm -f "$prefix/$f"; done
fi

# Refresh the menu and icon caches when the tools are there (desktops also notice on their own).
# update-desktop-database also lists Postfach as one handler for .eml files and mailto: links
# (mimeinfo.cache); it never makes it the default: that stays the user's choice (README).
if command -v update-desktop-database >/dev/null; then
  update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
fi
if command -v gtk-update-icon-cache >/dev/null; then
  gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
fi
echo "Postfach ${action}ed in $prefix"

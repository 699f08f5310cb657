#!/usr/bin/env bash
# Builds the Windows installers (.msi, en-us and de-de) on Linux with wixl (msitools), from the
# same postfach.wxs and postfach.<culture>.wxl that build-msi.ps1 gives to the WiX Toolset.
#
#   packaging/windows/build-msi-wixl.sh                        # builds postfach.exe first (build-exe-cross.sh)
#   packaging/windows/build-msi-wixl.sh --profile release      # that profile's postfach.exe
#   packaging/windows/build-msi-wixl.sh --no-build --profile release
#   packaging/windows/build-msi-wixl.sh --exe PATH --output DIR --cultures en-us
#
# Writes DIR/postfach-<version>-x86_64-<culture>.msi (DIR default: <cross target dir>/dist) and
# prints their paths, one a line, last.
#
# wixl reads a subset of WiX 3. What it lacks is filled in here, on a copy of postfach.wxs, so the
# source stays the one build-msi.ps1 uses:
#   * no localisation files (-loc): the !(loc.X) strings are put in from postfach.<culture>.wxl,
#     and the copy gets the .wxl's Codepage so the German strings are stored right;
#   * no WixUI extension (UIRef WixUI_InstallDir, WixVariable WixUILicenseRtf): the wixl .msi has
#     no wizard; a double click installs with a progress bar only, to the default folder (the
#     MSVC build keeps the wizard with its licence page; `msiexec /qn` installs are the same);
#   * no <Environment>: the PATH entry is added afterwards as an Environment table row with
#     msibuild, with the same meaning (system PATH, appended, removed on uninstall), and the
#     WriteEnvironmentStrings/RemoveEnvironmentStrings actions at their standard places;
#   * the preprocessor's <?ifndef?>/<?error?> guards are dropped (this script always passes
#     every variable);
#   * Package/@Platform is ignored: `wixl -a x64` makes the package 64-bit instead;
#   * the .eml ProgId becomes plain registry rows (as WiX does when not advertised), but the
#     verb's display text (Verb/@Command, "Open with Postfach") is not written: Explorer shows
#     its default "Open" for it.
# Release builds for download are still made and signed with build-msi.ps1 on Windows.
# Needs: wixl and msibuild (Debian: wixl, msitools), perl.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/packaging/windows"
cd "$root"

profile=packaging build=1 exe="" output="" cultures=(en-us de-de)
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift ;;
    --no-build) build=0 ;;
    --exe) exe="$2"; shift ;;
    --output) output="$2"; shift ;;
    --cultures) IFS=, read -ra cultures <<<"$2"; shift ;;
    -h | --help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

for tool in wixl msibuild perl; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found: sudo apt-get install wixl msitools perl" >&2; exit 1; }
done

if [ -z "$exe" ]; then
  args=(--profile "$profile")
  [ "$build" -eq 1 ] || args+=(--no-build)
  exe="$("$here/build-exe-cross.sh" "${args[@]}" | tail -n 1)"
fi
[ -f "$exe" ] || { echo "error: $exe not found" >&2; exit 1; }

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
msi_version="${version%%[-+]*}" # an MSI version is numeric
target_dir="${POSTFACH_CROSS_TARGET_DIR:-/var/tmp/postfach-target-cross}"
output="${output:-$target_dir/dist}"
mkdir -p "$output"
output="$(cd "$output" && pwd)"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
# wixl wants source files relative to where it runs.
cp "$exe" "$stage/postfach.exe"
cp resources/icons/postfach.ico "$stage/postfach.ico"

built=()
for culture in "${cultures[@]}"; do
  wxl="$here/postfach.$culture.wxl"
  [ -f "$wxl" ] || { echo "error: no $wxl" >&2; exit 1; }
  wxs="$stage/postfach-$culture.wxs"
  # The copy for wixl: loc strings in, WixUI/Environment/guards out (see above).
  perl -0777 -e '
    my ($wxs, $wxl) = @ARGV;
    open my $f, "<:raw", $wxl or die "$wxl: $!"; my $loc = do { local $/; <$f> };
    my %s = $loc =~ /<String Id="([^"]+)">([^<]*)<\/String>/g;
    my ($codepage) = $loc =~ /Codepage="(\d+)"/;
    open $f, "<:raw", $wxs or die "$wxs: $!"; my $x = do { local $/; <$f> };
    $x =~ s/^<\?(ifndef|error|endif)[^\n]*\n//mg;
    $x =~ s/<\?ifndef .*?<\?endif\?>\n//g;
    $x =~ s/\s*<UIRef Id="WixUI_[^"]*"\s*\/>//g;
    $x =~ s/\s*<WixVariable Id="WixUI[^"]*"[^>]*\/>//g;
    $x =~ s/\s*<Environment\b[^>]*\/>//gs;
    $x =~ s/<Product /<Product Codepage="$codepage" /;
    $x =~ s/!\(loc\.([A-Za-z0-9_]+)\)/exists $s{$1} ? $s{$1} : die "no string $1 in $wxl\n"/ge;
    print $x;
  ' "$here/postfach.wxs" "$wxl" >"$wxs"
  msi="$output/postfach-$version-x86_64-$culture.msi"
  (cd "$stage" && wixl -a x64 -D "Version=$msi_version" -D ExePath=postfach.exe \
    -D IconPath=postfach.ico -D LicenseRtf=unused -o "$msi" "$wxs" 2>"$stage/wixl.log") || {
    grep -v 'GLib-GObject-WARNING.*Platform\|^$' "$stage/wixl.log" >&2
    echo "error: wixl failed for $culture" >&2
    exit 1
  }
  # PATH, as <Environment Name="PATH" Value="[INSTALLFOLDER]" Action="set" Part="last"
  # System="yes" Permanent="no"> compiles: "=-*PATH" (set on install, remove on uninstall,
  # system), "[~];…" (appended to the existing value).
  printf 'Environment\tName\tValue\tComponent_\ns72\tl255\tL255\ts72\nEnvironment\tEnvironment\nPostfachOnPath\t=-*PATH\t[~];[INSTALLFOLDER]\tPostfachExe\n' \
    >"$stage/Environment.idt"
  msiinfo export "$msi" InstallExecuteSequence >"$stage/InstallExecuteSequence.idt"
  printf 'RemoveEnvironmentStrings\t\t3300\nWriteEnvironmentStrings\t\t5200\n' >>"$stage/InstallExecuteSequence.idt"
  (cd "$stage" && msibuild "$msi" -i Environment.idt InstallExecuteSequence.idt) || {
    echo "error: msibuild could not add the PATH entry to $msi" >&2
    exit 1
  }
  echo "==> $msi ($(du -h "$msi" | cut -f1)) sha256 $(sha256sum "$msi" | cut -c1-64)" >&2
  built+=("$msi")
done
printf '%s\n' "${built[@]}"

#!/usr/bin/env bash
# Builds postfach.exe for 64-bit Windows on Linux, with MinGW (target x86_64-pc-windows-gnu).
#
#   packaging/windows/build-exe-cross.sh                     # cargo build --profile packaging (release + LTO)
#   packaging/windows/build-exe-cross.sh --profile release   # another Cargo profile (the Wine test uses
#                                                            # release: the same code, without the slow LTO)
#   packaging/windows/build-exe-cross.sh --no-build          # only check what is already built
#
# - The icon and the version resource are embedded by build.rs through winresource, which calls
#   MinGW's `x86_64-w64-mingw32-windres` when cross-building.
# - Statically linked where it matters: `+crt-static` links MinGW's C runtime parts (libgcc,
#   libwinpthread) into the .exe, so no MinGW DLL has to be shipped beside it. What remains are
#   DLLs of Windows itself; the script lists them (from the PE import table) and fails if a
#   MinGW one (libgcc_s_*, libwinpthread-*, libstdc++-*) is among them.
# - Needs: rustup target x86_64-pc-windows-gnu, Debian's gcc-mingw-w64-x86-64 (gcc, windres,
#   objdump). Installs them when run as root and they are missing.
# - Target dir: POSTFACH_CROSS_TARGET_DIR (default /var/tmp/postfach-target-cross, shared with
#   scripts/check-targets.sh, whose `check` artefacts live in another profile dir).
#
# Prints the path of postfach.exe as its last line.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

target=x86_64-pc-windows-gnu
profile=packaging build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift ;;
    --no-build) build=0 ;;
    -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

mingw=x86_64-w64-mingw32
if ! command -v "$mingw-gcc" >/dev/null || ! command -v "$mingw-windres" >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "==> apt-get install gcc-mingw-w64-x86-64" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc-mingw-w64-x86-64 >/dev/null
  else
    echo "error: MinGW is missing: sudo apt-get install gcc-mingw-w64-x86-64" >&2
    exit 1
  fi
fi
if [ ! -d "$(rustc --print sysroot)/lib/rustlib/$target/lib" ]; then
  rustup target add "$target" >&2
fi

export CARGO_TARGET_DIR="${POSTFACH_CROSS_TARGET_DIR:-/var/tmp/postfach-target-cross}"
var="${target//-/_}"
var_upper="$(echo "$var" | tr '[:lower:]' '[:upper:]')"
export "CC_$var=$mingw-gcc" "AR_$var=$mingw-ar"
export "CARGO_TARGET_${var_upper}_LINKER=$mingw-gcc"
export "CARGO_TARGET_${var_upper}_RUSTFLAGS=-C target-feature=+crt-static"

case "$profile" in
  dev | debug) dir=debug ;;
  *) dir="$profile" ;;
esac
exe="$CARGO_TARGET_DIR/$target/$dir/postfach.exe"

if [ "$build" -eq 1 ]; then
  echo "==> cargo build --profile $profile --target $target (target dir $CARGO_TARGET_DIR)" >&2
  t0=$SECONDS
  nice -n 19 cargo build --locked --profile "$profile" --target "$target" --bin postfach >&2
  echo "==> built in $((SECONDS - t0))s" >&2
fi
[ -f "$exe" ] || { echo "error: $exe not found (build it first, or drop --no-build)" >&2; exit 1; }

# What the .exe imports: only Windows' own DLLs may be left.
imports="$("$mingw-objdump" -p "$exe" | awk '/DLL Name:/ { print $3 }' | sort -u)"
echo "==> $(basename "$exe"): $(du -h "$exe" | cut -f1), imports: $(echo "$imports" | tr '\n' ' ')" >&2
if echo "$imports" | grep -iE '^(libgcc|libwinpthread|libstdc\+\+|libssp)' >&2; then
  echo "error: the .exe needs MinGW DLLs (above); it would not start on a bare Windows" >&2
  exit 1
fi
# The icon and version resource (build.rs): an .rsrc section with a version block.
if ! "$mingw-objdump" -h "$exe" | grep -q '\.rsrc'; then
  echo "error: no resource section: build.rs did not embed the icon and version information" >&2
  exit 1
fi
echo "$exe"

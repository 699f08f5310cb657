#!/usr/bin/env bash
# Type-checks the whole `postfach` crate (lib + bin, not tests) for Windows and macOS from Linux,
# so the Windows/macOS code paths (drag-out via the `drag` crate, native-tls, the Windows console
# attach in main.rs, keyring/rfd/notify-rust backends) are compiled by rustc on every run.
#
#   scripts/check-targets.sh [--deny-warnings] [--require-all] [--clippy] [--no-c] [TARGET...]
#
# TARGET defaults to: x86_64-pc-windows-gnu aarch64-apple-darwin
#   --deny-warnings  fail if rustc (or clippy) warns about postfach itself on a target
#   --require-all    a skipped target (no rust-std for it) is a failure, not a note
#   --clippy         run `cargo clippy` instead of `cargo check` (same lints as on Linux)
#   --no-c           never compile C (see below), even where a cross C compiler exists
#
# `cargo check` still runs build scripts, and libsqlite3-sys (rusqlite `bundled`) compiles
# SQLite's C there; mac-notification-sys (via notify-rust) compiles Objective-C on macOS:
# - Windows (gnu): with MinGW (`x86_64-w64-mingw32-gcc`, Debian's gcc-mingw-w64-x86-64, installed
#   here when run as root) SQLite is compiled for real. Without it (or with --no-c),
#   LIBSQLITE3_SYS_USE_PKG_CONFIG=1 makes libsqlite3-sys skip the C build; it still uses the same
#   pre-generated bundled bindings, so the Rust code is checked exactly the same.
# - macOS: there is no macOS SDK on Linux (no <stdio.h>, no Cocoa.h), so no C can be compiled for
#   it. LIBSQLITE3_SYS_USE_PKG_CONFIG=1 as above, and DOCS_RS=1, which makes mac-notification-sys
#   skip its Objective-C (its build script's own escape hatch for building on Linux). In this
#   dependency graph only mac-notification-sys and objc-sys read DOCS_RS, and objc-sys ignores it
#   for Apple targets. Linking is never attempted (`check` does not link).
# Each target is checked twice: as the dev profile is, and with debug assertions off for postfach
# (as in a release build), so `cfg(not(debug_assertions))` code such as main.rs's console attach
# is checked too.
# build.rs embeds the Windows icon and version resource with MinGW's windres when it is there.
#
# Uses its own target dir (POSTFACH_CROSS_TARGET_DIR, default /var/tmp/postfach-target-cross) so
# it never waits on the lock of the Linux builds, and runs cargo with `nice -n 19`.
set -euo pipefail
cd "$(dirname "$0")/.."

deny_warnings=0
require_all=0
subcommand=check
allow_c=1
targets=()
for arg in "$@"; do
  case "$arg" in
    --deny-warnings) deny_warnings=1 ;;
    --require-all) require_all=1 ;;
    --clippy) subcommand=clippy ;;
    --no-c) allow_c=0 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "check-targets: unknown option $arg (see --help)" >&2
      exit 2
      ;;
    *) targets+=("$arg") ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  targets=(x86_64-pc-windows-gnu aarch64-apple-darwin)
fi

export CARGO_TARGET_DIR="${POSTFACH_CROSS_TARGET_DIR:-/var/tmp/postfach-target-cross}"
sysroot="$(rustc --print sysroot)"
logdir="$(mktemp -d)"
trap 'rm -rf "$logdir"' EXIT

# Makes sure rust-std for $1 is installed; tries `rustup target add` once.
ensure_std() {
  [ -d "$sysroot/lib/rustlib/$1/lib" ] && return 0
  command -v rustup >/dev/null || return 1
  echo "==> rustup target add $1"
  rustup target add "$1" >"$logdir/rustup-$1.log" 2>&1 || {
    sed 's/^/    /' "$logdir/rustup-$1.log" >&2
    return 1
  }
  [ -d "$sysroot/lib/rustlib/$1/lib" ]
}

# Prints the MinGW C compiler for Windows target $1, installing it (root + apt) if missing.
mingw_cc() {
  local arch="${1%%-*}" cc
  cc="$arch-w64-mingw32-gcc"
  if ! command -v "$cc" >/dev/null && [ "$arch" = x86_64 ] && [ "$(id -u)" -eq 0 ] &&
    command -v apt-get >/dev/null; then
    echo "==> apt-get install gcc-mingw-w64-x86-64" >&2
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends)
    if ! "${apt[@]}" gcc-mingw-w64-x86-64 >"$logdir/apt.log" 2>&1; then
      apt-get update -qq >>"$logdir/apt.log" 2>&1 || true
      "${apt[@]}" gcc-mingw-w64-x86-64 >>"$logdir/apt.log" 2>&1 || tail -n 5 "$logdir/apt.log" >&2
    fi
  fi
  command -v "$cc" >/dev/null && echo "$cc"
}

summary=()
failed=0
start_all=$SECONDS
for target in "${targets[@]}"; do
  if ! ensure_std "$target"; then
    summary+=("$target: skipped (rust-std for it is not installed and \`rustup target add $target\` failed)")
    [ "$require_all" -eq 1 ] && failed=1
    continue
  fi

  var="${target//-/_}"
  envs=()
  how=""
  no_c=(LIBSQLITE3_SYS_USE_PKG_CONFIG=1 PKG_CONFIG_ALLOW_CROSS=0)
  case "$target" in
    *-windows-gnu*)
      cc=""
      [ "$allow_c" -eq 1 ] && cc="$(mingw_cc "$target" || true)"
      if [ -n "$cc" ]; then
        envs=("CC_$var=$cc" "AR_$var=${cc%-gcc}-ar")
        how="SQLite's C compiled with $cc"
      else
        envs=("${no_c[@]}")
        how="SQLite's C not compiled: $([ "$allow_c" -eq 1 ] && echo "no MinGW compiler" || echo "--no-c")"
      fi
      ;;
    *-windows-msvc)
      envs=("${no_c[@]}")
      how="SQLite's C not compiled: no MSVC on Linux"
      ;;
    *-apple-*)
      envs=("${no_c[@]}" DOCS_RS=1)
      how="no macOS SDK: C of libsqlite3-sys and Objective-C of mac-notification-sys not compiled"
      ;;
  esac

  # Pass 1: the dev profile as is. Pass 2: postfach with debug assertions off, as in a release
  # build, so `cfg(not(debug_assertions))` code (the Windows console attach in main.rs) is
  # checked too. rust-embed must match postfach there (its derive emits cfg(debug_assertions)
  # code that needs rust-embed's own matching API). Both passes stay cached side by side.
  t0=$SECONDS
  rc=0
  notes=()
  for pass in debug release-cfg; do
    flags=(--target "$target" --bin postfach --lib)
    if [ "$pass" = release-cfg ]; then
      flags+=(--config 'profile.dev.package.postfach.debug-assertions=false'
        --config 'profile.dev.package.rust-embed.debug-assertions=false')
    fi
    echo "==> cargo $subcommand ${flags[*]}${envs:+ (${envs[*]})}"
    log="$logdir/$target-$pass.log"
    crc=0
    env ${envs[@]+"${envs[@]}"} nice -n 19 cargo "$subcommand" "${flags[@]}" 2>&1 | tee "$log" || crc=$?
    # Cargo replays cached warnings on warm runs, so this count is right on re-runs too.
    # shellcheck disable=SC2016 # the backquotes are cargo's, not a command substitution
    warnings="$(awk '/^warning: `postfach` \((lib|bin "postfach")\) generated [0-9]+ warning/ {
      for (i = 1; i < NF; i++) if ($(i + 1) ~ /^warnings?$/) n += $i } END { print n + 0 }' "$log")"
    if [ "$crc" -ne 0 ]; then
      notes+=("$pass: cargo exit $crc")
      rc=$crc
      break
    fi
    notes+=("$pass: $warnings warning(s)")
    if [ "$warnings" -gt 0 ] && [ "$deny_warnings" -eq 1 ]; then
      notes+=("--deny-warnings")
      rc=1
    fi
  done
  secs=$((SECONDS - t0))
  detail=""
  for note in "${notes[@]}"; do detail+="$note, "; done
  detail="${detail%, }; $how"
  if [ "$rc" -ne 0 ]; then
    summary+=("$target: FAILED after ${secs}s ($detail)")
    failed=1
  else
    summary+=("$target: checked in ${secs}s ($detail)")
  fi
done

echo
for line in "${summary[@]}"; do echo "check-targets: $line"; done
echo "check-targets: total $((SECONDS - start_all))s, target dir $CARGO_TARGET_DIR"
exit "$failed"

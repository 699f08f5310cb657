#!/usr/bin/env bash
# The benchmark in one command: Postfach's fetch side by side with mpop, fetchmail and getmail6
# against a private Dovecot on 127.0.0.1 (benches/fetch.rs), plus the store benchmark with
# 100,000 messages (benches/store_bench.rs) and the desktop app with 100,000 messages under Xvfb
# (scripts/bench/app.sh: first frame, RSS, opening a message). Writes the table into
# docs/BENCHMARKS.md.
#
#   scripts/bench/run.sh           # the full run (about 15-20 minutes after the build)
#   scripts/bench/run.sh --quick   # a smoke run with small sets; prints, does not write the doc
#
# Installs what is missing with apt-get when run as root on Debian/Ubuntu; otherwise names it.
# Tuning: see the POSTFACH_BENCH_* variables at the top of benches/fetch.rs.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ "${1:-}" == "--quick" ]]; then
    export POSTFACH_BENCH_RUNS="${POSTFACH_BENCH_RUNS:-1}"
    export POSTFACH_BENCH_POLLS="${POSTFACH_BENCH_POLLS:-2}"
    export POSTFACH_BENCH_LARGE="${POSTFACH_BENCH_LARGE:-100}"
    export POSTFACH_BENCH_SMALL="${POSTFACH_BENCH_SMALL:-1000}"
    export POSTFACH_BENCH_MESSAGES="${POSTFACH_BENCH_MESSAGES:-5000}"
    export POSTFACH_BENCH_OUT="${POSTFACH_BENCH_OUT:--}"
fi

# --- what the benchmark needs -------------------------------------------------------------
need=()
command -v dovecot >/dev/null 2>&1 || [[ -x /usr/sbin/dovecot ]] || need+=(dovecot-core dovecot-pop3d)
command -v mpop >/dev/null 2>&1 || need+=(mpop)
command -v fetchmail >/dev/null 2>&1 || need+=(fetchmail)
command -v getmail >/dev/null 2>&1 || need+=(getmail6)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v xdotool >/dev/null 2>&1 || need+=(xdotool)
command -v convert >/dev/null 2>&1 || need+=(imagemagick)
[[ -x /usr/bin/time ]] || need+=(time)
if ((${#need[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "installing: ${need[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" \
            || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y \
                 --no-install-recommends "${need[@]}"; }
    else
        echo "missing: ${need[*]}" >&2
        echo "install them with: sudo apt-get install ${need[*]}" >&2
        exit 1
    fi
fi

# --- build (low priority: a cold release build takes a while on small machines) -----------
target="${CARGO_TARGET_DIR:-$PWD/target}"
nice -n 19 cargo build --release --bin postfach
nice -n 19 cargo bench --no-run --bench fetch --bench store_bench --bench send

# --- run ----------------------------------------------------------------------------------
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
echo "== store benchmark (${POSTFACH_BENCH_MESSAGES:-100000} messages)"
cargo bench --bench store_bench | tee "$scratch/store.txt"
echo "== send benchmark (a ${POSTFACH_BENCH_ATTACHMENT_MB:-25} MB attachment)"
command -v curl >/dev/null || { echo "send benchmark: curl is missing (apt-get install curl)" >&2; exit 1; }
cargo bench --bench send
echo "== app benchmark (${POSTFACH_BENCH_APP_MESSAGES:-100000} messages)"
if [[ "${1:-}" == "--quick" ]]; then
    scripts/bench/app.sh --quick | tee "$scratch/app.md"
else
    scripts/bench/app.sh | tee "$scratch/app.md"
fi
echo "== fetch benchmark"
POSTFACH_BENCH_STORE="$scratch/store.txt" POSTFACH_BENCH_APP="$scratch/app.md" \
    POSTFACH_BENCH_BIN="$target/release/postfach" cargo bench --bench fetch

#!/usr/bin/env bash
# The desktop app with 100,000 messages in one folder: time to first frame, memory, and time to
# open a message, for the real window (release build) under Xvfb. Prints figures; asserts none.
#
#   scripts/bench/app.sh                 # 5 runs each with 100,000 and with 50 messages, and
#                                        # with 20 HTML newsletters, formatted and as plain text
#                                        # (about 6 minutes; seeding 100,000 once: ~2 more)
#   scripts/bench/app.sh --quick         # 2 runs, 5 opens, 20,000 messages (a smoke run)
#
# Tuning: POSTFACH_BENCH_APP_MESSAGES (100000), POSTFACH_BENCH_APP_SMALL (50),
# POSTFACH_BENCH_APP_RUNS (5), POSTFACH_BENCH_APP_OPENS (20 per run), POSTFACH_BENCH_APP_NEWSLETTERS
# (20: the newsletter folder; at most that many opens per start there),
# POSTFACH_BENCH_APP_CACHE (/var/tmp/postfach-bench-app), ICED_BACKEND (tiny-skia).
# Needs: xvfb, xdotool, imagemagick (import, convert). Output: Markdown on stdout, progress on
# stderr, screenshots of the first start (first frame, after the opens) in target/bench-app/.
#
# What is measured, exactly:
# - The data directory holds one account whose Inbox has N generated mails (tests/ui/bench.rs,
#   `seed_bench_data`: 2-8 KB text, HTML, some PDFs and pictures; the newest 10 % unread). It is
#   seeded once per seed version, message count and store schema and cached under
#   POSTFACH_BENCH_APP_CACHE; every run gets a fresh copy (opening unread mail marks it read),
#   followed by `sync`. The copy sits in the page cache: these are warm-cache starts.
# - The app runs with POSTFACH_BENCH_TIMING=1, which makes it write timing lines to stderr
#   (src/ui/dev/bench.rs documents them). The window is 1200x760 (the default) on a 1280x800 screen.
# - First frame: from just before this script starts the process (its wall clock) to the frame
#   iced drew and presented after the message list's first page of rows had arrived from the
#   store (the app's wall clock in its first-frame line, same machine). The app's own figure,
#   from the kernel's start time of the process (/proc, 10 ms steps), is shown next to it.
#   Right after that line a screenshot of the window is taken and the list area must not be
#   blank (standard deviation of its pixels above MIN_STDDEV), or the benchmark stops: rows were
#   really painted. (The screenshot comes ~0.1 s after the frame; it shows that rows were there,
#   the hook's condition - rows in the list's state, then a drawn frame - shows when.) While
#   the hook waits for a frame it also ticks every 50 ms (a tick makes iced redraw), so a lost
#   frame event could make a figure later, never earlier.
# - RSS at first frame: VmRSS in the first-frame line. Steady: VmRSS of the process 2 s later,
#   idle. Peak: VmHWM after opening the messages (the largest the process ever was).
# - Open: the Down key (xdotool, with the window focused) selects the next message; the app's
#   line gives the time from the update that changed the selection to the first frame drawn
#   after the reader had the message loaded, parsed and laid out (image previews decode
#   afterwards and are not included). The script waits for each line before the next key.
#   Median over all opens of all runs, the first open of each run (cold caches) and the slowest;
#   and per position in the list (from the 12th row on, each Down also scrolls the list).
# - Reply (issue #16): with the last opened message selected, Ctrl+Shift+R ("Reply all") asks
#   for a compose window; the app's line gives the time from that update to the first frame
#   iced drew for the new window (the original read from the store and parsed, the quote built,
#   the window created and painted). The window is closed again with Ctrl+W (nothing was typed,
#   so no draft is written) before the next one; POSTFACH_BENCH_APP_REPLIES per start (5).
# - Newsletter (issue #17): a third data directory whose Inbox holds 20 copies of a 200 KB HTML
#   newsletter (multipart/related: text and HTML alternatives, 10 inline PNG pictures by `cid:`;
#   layout tables with 40 cells, headings, links, inline styles, padding; `newsletter_mail` in
#   tests/support/mail/generated.rs). Each run starts the app on it twice, once with
#   `"formatted": true` in settings.json (the HTML part shown formatted) and once with
#   `"formatted": false` (the text alternative, the plain-text path), and opens messages with the
#   Down key as above (no replies). The open figure is the same line: selection to the first frame
#   with the reader's text laid out and painted; the pictures decode off the UI thread afterwards
#   and are not included. In run 1 the window is captured right after the first open
#   (newsletter-formatted.png, newsletter-plain.png): the reader area must not be blank, and the
#   two views must differ (else the preference did not take effect).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}

big=${POSTFACH_BENCH_APP_MESSAGES:-100000}
newsletters=${POSTFACH_BENCH_APP_NEWSLETTERS:-20}
small=${POSTFACH_BENCH_APP_SMALL:-50}
runs=${POSTFACH_BENCH_APP_RUNS:-5}
opens=${POSTFACH_BENCH_APP_OPENS:-20}
replies=${POSTFACH_BENCH_APP_REPLIES:-5}
if [[ "${1:-}" == "--quick" ]]; then
    big=${POSTFACH_BENCH_APP_MESSAGES:-20000}
    runs=${POSTFACH_BENCH_APP_RUNS:-2}
    opens=${POSTFACH_BENCH_APP_OPENS:-5}
fi
cache=${POSTFACH_BENCH_APP_CACHE:-/var/tmp/postfach-bench-app}
backend=${ICED_BACKEND:-tiny-skia}
min_stddev=${MIN_STDDEV:-0.08}
shots=$root/target/bench-app
# The list's rows in a 1200x760 window with the default pane widths (sidebar 230, list 430).
list_area=380x560+245+115
# The reader to the right of the list (its header and the top of the body).
reader_area=500x560+675+115

for tool in Xvfb xdotool import convert compare; do
    command -v "$tool" >/dev/null || {
        echo "app bench: $tool is missing (apt-get install xvfb xdotool imagemagick)" >&2
        exit 1
    }
done

say() { echo "app bench: $*" >&2; }

# --- build ----------------------------------------------------------------------------------
say "building (release)"
nice -n 19 cargo build --release --bin postfach >&2
bin=$target/release/postfach
grep -q POSTFACH_BENCH_TIMING "$bin" || { say "$bin has no timing hook (a stale build?)"; exit 1; }
seeder=$(nice -n 19 cargo test --release --no-run --test ui 2>&1 | tee -a /dev/stderr |
    sed -n 's/.*Executable tests\/ui\/main.rs (\(.*\))/\1/p' | tail -1)
[[ -x "$seeder" ]] || { say "could not find the ui test binary"; exit 1; }

# --- seeded data (cached) -------------------------------------------------------------------
seed_version=$(sed -n 's/^pub const SEED_VERSION: u32 = \([0-9]*\);.*/\1/p' tests/ui/bench.rs)
schema=$(sha256sum src/store/schema.rs | cut -c1-12)
mkdir -p "$cache"

# seeded N [KIND]: prints the cached data directory with N messages of KIND (mail, the default,
# or newsletter), seeding it first if needed.
seeded() {
    local n=$1 kind=${2:-mail}
    local prefix=seed
    [[ "$kind" == mail ]] || prefix=$kind
    local dir=$cache/$prefix-v$seed_version-$schema-$n
    if [[ ! -f "$dir/.complete" ]]; then
        # Older seeds of this kind and size are of no use any more.
        rm -rf "$cache/$prefix"-v*-"$n" "$cache/$prefix"-v*-"$n".tmp
        say "seeding $n messages ($kind) into $dir (once)"
        if ! POSTFACH_BENCH_SEED_DIR=$dir.tmp POSTFACH_BENCH_MESSAGES=$n POSTFACH_BENCH_KIND=$kind \
            "$seeder" --ignored --exact bench::seed_bench_data --nocapture >&2; then
            say "seeding $dir failed"
            return 1
        fi
        touch "$dir.tmp/.complete"
        mv "$dir.tmp" "$dir"
    fi
    echo "$dir"
}
seed_big=$(seeded "$big") || exit 1
seed_small=$(seeded "$small") || exit 1
seed_news=$(seeded "$newsletters" newsletter) || exit 1

# --- X server -------------------------------------------------------------------------------
work=$(mktemp -d)
xvfb_pid=
app_pid=
cleanup() {
    if [[ -n "$app_pid" ]]; then kill "$app_pid" 2>/dev/null || true; fi
    if [[ -n "$xvfb_pid" ]]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp -noreset >"$work/display" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 200); do [[ -s "$work/display" ]] && break; sleep 0.05; done
display=:$(head -1 "$work/display")
[[ "$display" != ":" ]] || { say "Xvfb did not start"; exit 1; }
export DISPLAY=$display
mkdir -p "$shots"
# The pointer off the window, so no row is drawn hovered (-noreset keeps it there between runs).
xdotool mousemove 1279 799

# wait_line PATTERN FILE SECONDS: waits until FILE has a line matching PATTERN; prints it.
wait_line() {
    local pattern=$1 file=$2 deadline=$((SECONDS + $3)) line
    while ((SECONDS < deadline)); do
        line=$(grep -m1 -e "$pattern" "$file" 2>/dev/null || true)
        if [[ -n "$line" ]]; then
            echo "$line"
            return 0
        fi
        if ! kill -0 "$app_pid" 2>/dev/null; then
            say "the app exited early; its stderr:"
            cat "$file" >&2
            return 1
        fi
        sleep 0.005
    done
    say "no line matching '$pattern' within $3 s; stderr:"
    cat "$file" >&2
    return 1
}

# field NAME LINE: the value of NAME=... in a timing line.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# stddev_of FILE AREA: the standard deviation of the pixels of AREA in the picture FILE.
# below_min S: true when S is below MIN_STDDEV (the area is blank).
stddev_of() { convert "$1" -crop "$2" +repage -format '%[fx:standard_deviation]' info:; }
below_min() { awk -v s="$1" -v m="$min_stddev" 'BEGIN { exit !(s < m) }'; }

# run_once LABEL SEED N RUN [FORMATTED]: one start of the app; appends to $work/LABEL.runs and
# .opens. With FORMATTED (true or false) the start gets that preference and opens up to N
# messages, writes no replies, and in run 1 captures the reader after the first open.
run_once() {
    local label=$1 seed=$2 n=$3 run=$4 formatted=${5:-}
    local data=$work/data err=$work/$label-$run.err
    local k_opens=$opens k_replies=$replies
    rm -rf "$data"
    cp -a "$seed" "$data"
    if [[ -n "$formatted" ]]; then
        echo "{ \"formatted\": $formatted }" >"$data/settings.json"
        k_replies=0
        ((k_opens <= n)) || k_opens=$n
    fi
    sync
    local t0
    t0=$(date +%s%N)
    env -u WAYLAND_DISPLAY -u WAYLAND_SOCKET ICED_BACKEND="$backend" POSTFACH_LANG=en \
        POSTFACH_DATA_DIR="$data" POSTFACH_BENCH_TIMING=1 "$bin" >/dev/null 2>"$err" &
    app_pid=$!
    local first
    first=$(wait_line 'event=first-frame' "$err" 120)
    local wid shot=$work/shot.png
    wid=$(xdotool search --name Postfach | head -1)
    import -window "$wid" "$shot"
    local stddev
    stddev=$(stddev_of "$shot" "$list_area")
    [[ "$run" == 1 ]] && cp "$shot" "$shots/first-frame-$label.png"
    if below_min "$stddev"; then
        cp "$shot" "$shots/blank-$label-$run.png"
        say "the list looks blank right after the first-frame line (standard deviation $stddev," \
            "see $shots/blank-$label-$run.png): not a valid measurement"
        exit 1
    fi
    local rows
    rows=$(field rows "$first")
    [[ "$rows" == "$n" ]] || { say "the list shows $rows rows, expected $n"; exit 1; }
    sleep 2
    local steady
    steady=$(awk '/^VmRSS:/ { print $2 }' "/proc/$app_pid/status")
    xdotool windowfocus --sync "$wid"
    local k line
    for ((k = 1; k <= k_opens; k++)); do
        xdotool key Down
        line=$(wait_line "event=open n=$k " "$err" 60)
        echo "$run $k $(field ms "$line")" >>"$work/$label.opens"
        if [[ -n "$formatted" && "$run" == 1 && "$k" == 1 ]]; then
            local view=$shots/$label.png rs
            import -window "$wid" "$view"
            rs=$(stddev_of "$view" "$reader_area")
            say "$label: reader after the first open: standard deviation $rs, see $view"
            if below_min "$rs"; then
                say "the reader looks blank after the first open: not a valid measurement"
                exit 1
            fi
        fi
    done
    [[ "$run" == 1 && -z "$formatted" ]] && import -window "$wid" "$shots/after-opens-$label.png"
    local cw
    for ((k = 1; k <= k_replies; k++)); do
        xdotool windowfocus --sync "$wid"
        xdotool key ctrl+shift+r
        line=$(wait_line "event=compose n=$k " "$err" 60)
        echo "$run $k $(field ms "$line")" >>"$work/$label.replies"
        # the compose window: the app's other window (its title ends in "Postfach" too)
        cw=
        for _ in $(seq 200); do
            cw=$( (xdotool search --name 'Postfach$' 2>/dev/null || true) | grep -vx "$wid" | head -1)
            [[ -n "$cw" ]] && break
            sleep 0.01
        done
        [[ -n "$cw" ]] || { say "no compose window after the compose line"; exit 1; }
        [[ "$run" == 1 && "$k" == 1 ]] && import -window "$cw" "$shots/reply-$label.png"
        xdotool windowfocus --sync "$cw"
        xdotool key ctrl+w
        for _ in $(seq 200); do
            (xdotool search --name 'Postfach$' 2>/dev/null || true) | grep -qvx "$wid" || break
            sleep 0.01
        done
    done
    local peak
    peak=$(awk '/^VmHWM:/ { print $2 }' "/proc/$app_pid/status")
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=
    local external
    external=$(awk -v u="$(field unix-ms "$first")" -v t="$t0" 'BEGIN { printf "%.1f", u - t / 1e6 }')
    # run, first frame (driver clock), first frame (app, /proc), RSS at first frame, steady, peak (KiB), stddev
    echo "$run $external $(field ms "$first") $(field rss-kb "$first") $steady $peak $stddev" \
        >>"$work/$label.runs"
    say "$label run $run: first frame ${external} ms (app: $(field ms "$first") ms)," \
        "RSS $(field rss-kb "$first") / $steady / $peak KiB, list stddev $stddev"
}

for label in small big; do
    if [[ $label == small ]]; then seed=$seed_small n=$small; else seed=$seed_big n=$big; fi
    for ((r = 1; r <= runs; r++)); do
        run_once "$label" "$seed" "$n" "$r"
    done
done
# The newsletter, formatted and as plain text in turns (so both see the same machine load).
for ((r = 1; r <= runs; r++)); do
    run_once newsletter-formatted "$seed_news" "$newsletters" "$r" true
    run_once newsletter-plain "$seed_news" "$newsletters" "$r" false
done
# The two views must differ: else the preference did not take effect.
convert "$shots/newsletter-formatted.png" -crop "$reader_area" +repage "$work/view-f.png"
convert "$shots/newsletter-plain.png" -crop "$reader_area" +repage "$work/view-p.png"
views_differ=$(compare -metric AE "$work/view-f.png" "$work/view-p.png" null: 2>&1 || true)
views_differ=${views_differ%% *}
if [[ "${views_differ:-0}" == 0 ]]; then
    say "the formatted and the plain-text newsletter look the same: not a valid measurement"
    exit 1
fi

# --- report ---------------------------------------------------------------------------------
# median: of the numbers on stdin.
median() {
    sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
col() { awk -v c="$2" '{ print $c }' "$work/$1.runs"; }
max() { sort -g | tail -1; }
ms() { awk -v v="$1" 'BEGIN { if (v >= 1000) printf "%.2f s", v / 1000; else printf "%.0f ms", v }'; }
mb() { awk -v v="$1" 'BEGIN { printf "%.0f MB", v * 1024 / 1e6 }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v < t ? "meets" : "MISSES") }'; }

declare -A ff ffapp rss steady peak open first_open slowest reply reply_max
for label in small big; do
    ff[$label]=$(col "$label" 2 | median)
    ffapp[$label]=$(col "$label" 3 | median)
    rss[$label]=$(col "$label" 4 | median)
    steady[$label]=$(col "$label" 5 | median)
    peak[$label]=$(col "$label" 6 | median)
    open[$label]=$(awk '{ print $3 }' "$work/$label.opens" | median)
    first_open[$label]=$(awk '$2 == 1 { print $3 }' "$work/$label.opens" | median)
    slowest[$label]=$(awk '{ print $3 }' "$work/$label.opens" | max)
    reply[$label]=$(awk '{ print $3 }' "$work/$label.replies" | median)
    reply_max[$label]=$(awk '{ print $3 }' "$work/$label.replies" | max)
done
peak_max=$(col big 6 | max)
fmt_n() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]$/, ",&", s); print s }'; }
N=$(fmt_n "$big")
S=$(fmt_n "$small")
rss_target=$((200 * 1000 * 1000 / 1024))

echo "### Desktop app: $N messages in one folder"
echo
echo "Generated $(date -u '+%Y-%m-%d %H:%M UTC') by \`scripts/bench/app.sh\`: postfach $(git rev-parse --short HEAD 2>/dev/null || echo '?') release build," \
    "$backend renderer under Xvfb (1280x800, window 1200x760), $(nproc) CPUs, load average" \
    "$(cut -d' ' -f1-3 /proc/loadavg). $runs starts per data directory, $opens messages opened" \
    "per start with the Down key; medians. Warm page cache (a fresh copy of the seeded directory per start)."
echo
echo "| | $S messages | $N messages | target (issue #8, #16) |"
echo "|---|---:|---:|---|"
echo "| First frame: process start → list painted | $(ms "${ff[small]}") | $(ms "${ff[big]}") | < 0.5 s: $(verdict "${ff[big]}" 500) |"
echo "| … the app's own figure (kernel start time, 10 ms steps) | $(ms "${ffapp[small]}") | $(ms "${ffapp[big]}") | |"
echo "| RSS at the first frame | $(mb "${rss[small]}") | $(mb "${rss[big]}") | < 200 MB: $(verdict "${rss[big]}" "$rss_target") |"
echo "| RSS steady (2 s later, idle) | $(mb "${steady[small]}") | $(mb "${steady[big]}") | < 200 MB: $(verdict "${steady[big]}" "$rss_target") |"
echo "| Peak RSS (VmHWM after the opens; largest run) | $(mb "${peak[small]}") | $(mb "${peak[big]}") ($(mb "$peak_max")) | < 200 MB: $(verdict "$peak_max" "$rss_target") |"
echo "| Open a message: selection → reader painted | $(ms "${open[small]}") | $(ms "${open[big]}") | none set |"
echo "| … the first open after start | $(ms "${first_open[small]}") | $(ms "${first_open[big]}") | |"
echo "| … the slowest of $((runs * opens)) | $(ms "${slowest[small]}") | $(ms "${slowest[big]}") | |"
echo "| Open a reply: Ctrl+Shift+R → compose window painted | $(ms "${reply[small]}") | $(ms "${reply[big]}") | ≤ 100 ms (issue #16): $(verdict "${reply[big]}" 100.001) |"
echo "| … the slowest of $((runs * replies)) replies | $(ms "${reply_max[small]}") | $(ms "${reply_max[big]}") | |"
echo
echo "First frame per start (ms, driver clock): $S: $(col small 2 | tr '\n' ' ')· $N: $(col big 2 | tr '\n' ' ')"
echo
by_position=$(for ((k = 1; k <= opens; k++)); do
    awk -v k="$k" '$2 == k { print $3 }' "$work/big.opens" | median
done | awk '{ printf "%.0f ", $1 }')
echo "Open by position in the list ($N, median over starts, ms; about 11 rows fit, later ones scroll): $by_position"
echo
nf=newsletter-formatted np=newsletter-plain
opens_of() { awk '{ print $3 }' "$work/$1.opens"; }
news_open=$(opens_of "$nf" | median)
news_count=$(opens_of "$nf" | wc -l)
echo "Newsletter (issue #17): $(fmt_n "$newsletters") copies of a 200 KB HTML newsletter" \
    "($(du -k "$seed_news"/*.sqlite* 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s / 1024 }') MB store)," \
    "opened with the Down key, $runs starts each with \`\"formatted\": true\` and \`false\` in turns; medians."
echo
echo "| | formatted | plain text (\`\"formatted\": false\`) | target |"
echo "|---|---:|---:|---|"
echo "| Open a 200 KB newsletter (40 cells, 10 pictures): selection → text painted | $(ms "$news_open") | $(ms "$(opens_of "$np" | median)") | ≤ 50 ms (issue #17): $(verdict "$news_open" 50.001) |"
echo "| … the first open after start | $(ms "$(awk '$2 == 1 { print $3 }' "$work/$nf.opens" | median)") | $(ms "$(awk '$2 == 1 { print $3 }' "$work/$np.opens" | median)") | |"
echo "| … the slowest of $news_count | $(ms "$(opens_of "$nf" | max)") | $(ms "$(opens_of "$np" | max)") | ≤ 50 ms: $(verdict "$(opens_of "$nf" | max)" 50.001) |"


//! The app benchmark's test side (`scripts/bench/app.sh` drives the benchmark itself):
//!
//! - `seed_bench_data` (ignored; the benchmark runs it): fills `POSTFACH_BENCH_SEED_DIR` with one
//!   account whose Inbox holds `POSTFACH_BENCH_MESSAGES` (default 100,000) generated, realistic
//!   mails — the same bytes for every run (bump [`SEED_VERSION`] when the mail changes; the
//!   script caches seeded directories by it). With `POSTFACH_BENCH_KIND=newsletter` the Inbox
//!   holds `POSTFACH_BENCH_MESSAGES` (default 20) copies of the 200 KB HTML newsletter with 10
//!   `cid:` pictures instead (issue #17; `newsletter_mail`), all read.
//! - `timing_lines_only_when_asked`: the real app (debug build) under a private Xvfb writes
//!   timing lines that parse — one first frame, then one per message opened with the Down key —
//!   with `POSTFACH_BENCH_TIMING=1`, and none without it.

use crate::support;

use std::io::{BufRead, BufReader, Cursor};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use postfach::mime;
use postfach::store::{AccountSettings, Fetched, FolderKind, Scope, Store};
use postfach::ui::dev::bench::{self, Moment, Record};
use support::mail::generated::{app_mail, newsletter_mail};
use support::xvfb::Xvfb;

type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The generated mail's version; `scripts/bench/app.sh` reads this line.
pub const SEED_VERSION: u32 = 2;
/// "Now" for the generated mailbox (2026-06-01); the mail spans the five years before it.
const NOW: i64 = 1_780_272_000;

/// A small photo-like PNG (a gradient, 320×240), the same for every image attachment.
fn picture() -> R<Vec<u8>> {
    let img = image::RgbImage::from_fn(320, 240, |x, y| {
        image::Rgb([(x * 255 / 320) as u8, (y * 255 / 240) as u8, 160])
    });
    let mut png = Cursor::new(Vec::new());
    img.write_to(&mut png, image::ImageFormat::Png)?;
    Ok(png.into_inner())
}

/// What the Inbox holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The generated mailbox (`app_mail`).
    Mail,
    /// Copies of the newsletter (`newsletter_mail`), all read.
    Newsletter,
}

/// Seeds `dir` with one account ("bench", no automatic checks) and `total` mails of `kind` in
/// its Inbox; all but the newest 10 % are read. Returns the raw bytes stored.
fn seed(dir: &Path, total: usize) -> R<usize> {
    seed_kind(dir, total, Kind::Mail)
}

fn seed_kind(dir: &Path, total: usize, kind: Kind) -> R<usize> {
    std::fs::create_dir_all(dir)?;
    let mut store = Store::open_in(dir)?;
    let account = store.add_account(&AccountSettings {
        name: "bench".into(),
        display_name: "Erika Mustermann".into(),
        email: "erika@example.de".into(),
        host: "pop.example.de".into(),
        username: "erika".into(),
        check_on_startup: false,
        check_every_minutes: None,
        notify: false,
        ..AccountSettings::default()
    })?;
    let png = picture()?;
    let mut bytes = 0;
    let mut read = Vec::new();
    let mut batch = Vec::new();
    for i in 0..total {
        let raw = match kind {
            Kind::Mail => app_mail(i, total, NOW, &png).0,
            Kind::Newsletter => newsletter_mail(i, NOW - 3_600 * (total - i) as i64),
        };
        bytes += raw.len();
        let summary = mime::summarize(&raw);
        batch.push(Fetched {
            uidl: match kind {
                Kind::Mail => format!("bench-{SEED_VERSION}-{i}"),
                Kind::Newsletter => format!("bench-{SEED_VERSION}-newsletter-{i}"),
            },
            listed_size: raw.len() as u64,
            raw,
            summary,
        });
        if batch.len() == 1_000 || i + 1 == total {
            let first = i + 1 - batch.len();
            let outcomes = store.store_fetched(account, &batch, NOW)?;
            for (k, o) in outcomes.into_iter().enumerate() {
                if first + k < total * 9 / 10 || kind == Kind::Newsletter {
                    read.extend(o.message());
                }
            }
            batch.clear();
        }
    }
    for chunk in read.chunks(5_000) {
        store.set_seen(chunk, true)?;
    }
    Ok(bytes)
}

#[test]
#[ignore = "run by scripts/bench/app.sh with POSTFACH_BENCH_SEED_DIR set"]
fn seed_bench_data() -> R {
    let dir = std::env::var_os("POSTFACH_BENCH_SEED_DIR").ok_or("set POSTFACH_BENCH_SEED_DIR")?;
    let kind = match std::env::var("POSTFACH_BENCH_KIND").as_deref() {
        Err(_) | Ok("" | "mail") => Kind::Mail,
        Ok("newsletter") => Kind::Newsletter,
        Ok(other) => return Err(format!("POSTFACH_BENCH_KIND={other}: mail or newsletter").into()),
    };
    let total = std::env::var("POSTFACH_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if kind == Kind::Mail { 100_000 } else { 20 });
    let started = Instant::now();
    let bytes = seed_kind(Path::new(&dir), total, kind)?;
    println!(
        "seeded {total} messages ({kind:?}, {:.1} MB raw) into {} in {:.1} s",
        bytes as f64 / 1e6,
        PathBuf::from(dir).display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

// --- the hook in the real app ---------------------------------------------------------------

/// The app, killed when dropped; its stderr lines arrive on `lines`.
struct App {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl App {
    fn start(x: &Xvfb, data: &Path, timing: bool) -> R<App> {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_postfach"));
        cmd.env("DISPLAY", &x.display)
            .env("ICED_BACKEND", "tiny-skia")
            .env("POSTFACH_LANG", "en")
            .env("POSTFACH_DATA_DIR", data)
            .env_remove("WAYLAND_DISPLAY")
            .env_remove(bench::ENV)
            .env_remove(bench::EXIT_AFTER_ENV)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if timing {
            cmd.env(bench::ENV, "1").env(bench::EXIT_AFTER_ENV, "3");
        }
        let mut child = cmd.spawn()?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Ok(App { child, lines })
    }

    /// The next timing line within `within` (other lines are collected into `other`).
    fn record(&self, within: Duration, other: &mut Vec<String>) -> R<Record> {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .map_err(|_| format!("no timing line within {within:?}; stderr: {other:?}"))?;
            if line.starts_with(bench::PREFIX) {
                return Ok(parse_record(&line)?);
            }
            other.push(line);
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for the app's window and gives it the keyboard.
fn focus_window(x: &Xvfb) -> R {
    if !x.wait_for_window("Postfach", Duration::from_secs(60)) {
        return Err("the Postfach window did not appear".into());
    }
    x.xdotool(&["search", "--name", "Postfach", "windowfocus", "--sync"]);
    Ok(())
}

#[test]
fn timing_lines_only_when_asked() -> R {
    let data = tempfile::tempdir()?;
    seed(data.path(), 30)?;
    let x = Xvfb::start();

    // With the variable: one first frame with all rows listed, then one line per opened message.
    let app = App::start(&x, data.path(), true)?;
    let mut other = Vec::new();
    let first = app.record(Duration::from_secs(90), &mut other)?;
    assert_eq!(first.event, Moment::FirstFrame, "{first:?}");
    assert_eq!((first.n, first.rows), (0, 30), "{first:?}");
    assert!(first.ms > 0.0, "{first:?}");
    if cfg!(target_os = "linux") {
        assert_eq!(first.since, bench::Since::Process);
        assert!(first.rss_kb.is_some_and(|r| r > 0), "{first:?}");
        assert!(first.hwm_kb >= first.rss_kb, "{first:?}");
    }
    focus_window(&x)?;
    for n in 1..=3 {
        x.xdotool(&["key", "Down"]);
        let open = app.record(Duration::from_secs(60), &mut other)?;
        assert_eq!((open.event, open.n), (Moment::Open, n), "{open:?}");
        assert_eq!(open.since, bench::Since::Selection);
        assert!(open.ms > 0.0 && open.unix_ms >= first.unix_ms, "{open:?}");
    }
    // POSTFACH_BENCH_EXIT_AFTER=3: the app quits by itself.
    let mut app = app;
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.child.try_wait()?.is_none() {
        assert!(
            Instant::now() < deadline,
            "the app did not quit after 3 opens"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(app);

    // Without it: the same steps (they open the three unread messages, which marks them read)
    // write no timing line.
    let data = tempfile::tempdir()?;
    seed(data.path(), 30)?;
    let store = Store::open_in(data.path())?;
    let inbox = Scope::Folder(
        store
            .folders()?
            .iter()
            .find(|f| f.kind == FolderKind::Inbox)
            .ok_or("no Inbox")?
            .id,
    );
    assert_eq!(store.count(&inbox, true)?, 3);
    let app = App::start(&x, data.path(), false)?;
    focus_window(&x)?;
    std::thread::sleep(Duration::from_secs(3));
    let deadline = Instant::now() + Duration::from_secs(60);
    for _ in 0..3 {
        x.xdotool(&["key", "Down"]);
        std::thread::sleep(Duration::from_millis(500));
    }
    while store.count(&inbox, true)? > 0 {
        assert!(
            Instant::now() < deadline,
            "the Down keys did not open the unread messages"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_secs(1));
    let lines: Vec<String> = app.lines.try_iter().collect();
    assert!(
        !lines.iter().any(|l| l.contains(bench::PREFIX)),
        "timing lines without {}: {lines:?}",
        bench::ENV
    );
    Ok(())
}

/// Why a line is not a timing line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LineError {
    NotTiming,
    Missing(&'static str),
    Bad { key: String, value: String },
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::NotTiming => write!(f, "the line does not start with {}", bench::PREFIX),
            LineError::Missing(key) => write!(f, "the field {key} is missing"),
            LineError::Bad { key, value } => write!(f, "the field {key} has a bad value {value:?}"),
        }
    }
}

impl std::error::Error for LineError {}

/// Reads a line the hook wrote (`Record`'s `Display`): fields in any order, unknown ones
/// skipped, so the format can grow.
fn parse_record(line: &str) -> Result<Record, LineError> {
    let mut words = line.split_whitespace();
    if words.next() != Some(bench::PREFIX) {
        return Err(LineError::NotTiming);
    }
    let fields: Vec<(&str, &str)> = words.filter_map(|w| w.split_once('=')).collect();
    let get = |key: &'static str| {
        fields
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .ok_or(LineError::Missing(key))
    };
    let bad = |key: &str, value: &str| LineError::Bad {
        key: key.to_owned(),
        value: value.to_owned(),
    };
    let number = |key: &'static str| -> Result<f64, LineError> {
        let v = get(key)?;
        v.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| bad(key, v))
    };
    let integer = |key: &'static str| -> Result<u64, LineError> {
        let v = get(key)?;
        v.parse().map_err(|_| bad(key, v))
    };
    let kb = |key: &'static str| -> Result<Option<u64>, LineError> {
        match get(key)? {
            "n/a" => Ok(None),
            v => v.parse().map(Some).map_err(|_| bad(key, v)),
        }
    };
    let event = match get("event")? {
        "first-frame" => Moment::FirstFrame,
        "open" => Moment::Open,
        v => return Err(bad("event", v)),
    };
    let since = match get("since")? {
        "process" => bench::Since::Process,
        "app" => bench::Since::App,
        "selection" => bench::Since::Selection,
        v => return Err(bad("since", v)),
    };
    let n = integer("n")?;
    Ok(Record {
        event,
        n: u32::try_from(n).map_err(|_| bad("n", &n.to_string()))?,
        ms: number("ms")?,
        since,
        rows: integer("rows")?,
        rss_kb: kb("rss-kb")?,
        hwm_kb: kb("hwm-kb")?,
        unix_ms: number("unix-ms")?,
    })
}

#[test]
fn timing_lines_read_back_and_other_lines_are_refused() {
    let record = Record {
        event: Moment::Open,
        n: 3,
        ms: 21.44,
        since: bench::Since::Selection,
        rows: 100_000,
        rss_kb: Some(81_234),
        hwm_kb: None,
        unix_ms: 1_795_683_345_123.456,
    };
    let line = record.to_string();
    let back = parse_record(&line).map_err(|e| format!("{e}: {line}"));
    let back = back.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.event, Moment::Open);
    assert_eq!(back.n, 3);
    assert!((back.ms - 21.4).abs() < 1e-9);
    assert_eq!(back.since, bench::Since::Selection);
    assert_eq!(
        (back.rows, back.rss_kb, back.hwm_kb),
        (100_000, Some(81_234), None)
    );
    assert!((back.unix_ms - record.unix_ms).abs() < 1e-3);

    assert_eq!(parse_record(""), Err(LineError::NotTiming));
    assert_eq!(
        parse_record("2026-11-26 WARN postfach: event=open"),
        Err(LineError::NotTiming)
    );
    assert_eq!(
        parse_record("postfach-bench event=open n=1"),
        Err(LineError::Missing("since"))
    );
    let wrong = line.replace("ms=21.4", "ms=fast");
    assert!(matches!(parse_record(&wrong), Err(LineError::Bad { key, .. }) if key == "ms"));
    let wrong = line.replace("event=open", "event=close");
    assert!(matches!(parse_record(&wrong), Err(LineError::Bad { key, .. }) if key == "event"));
}

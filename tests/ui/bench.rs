//! The app benchmark's test side (`scripts/bench/app.sh` drives the benchmark itself):
//!
//! - `seed_bench_data` (ignored; the benchmark runs it): fills `POSTFACH_BENCH_SEED_DIR` with one
//!   account whose Inbox holds `POSTFACH_BENCH_MESSAGES` (default 100,000) generated, realistic
//!   mails — the same bytes for every run (bump [`SEED_VERSION`] when the mail changes; the
//!   script caches seeded directories by it).
//! - `timing_lines_only_when_asked`: the real app (debug build) under a private Xvfb writes
//!   timing lines that parse — one first frame, then one per message opened with the Down key —
//!   with `POSTFACH_BENCH_TIMING=1`, and none without it.

use crate::support;

use std::io::{BufRead, BufReader, Cursor};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use base64::Engine;
use postfach::mime;
use postfach::store::{AccountSettings, Fetched, FolderKind, Scope, Store};
use postfach::ui::dev::bench::{self, Event, Record};
use support::xvfb::Xvfb;

type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The generated mail's version; `scripts/bench/app.sh` reads this line.
pub const SEED_VERSION: u32 = 2;
/// "Now" for the generated mailbox (2026-06-01); the mail spans the five years before it.
const NOW: i64 = 1_780_272_000;
const SPAN: i64 = 5 * 365 * 86_400;

// --- the generated mail ---------------------------------------------------------------------

/// SplitMix64: small and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Jürgen", "Sören", "Käthe", "Björn", "Günther", "Anna", "Lukas", "Lena", "Jörg", "Sabine",
    "Ümit", "Hannah", "John", "Emily", "Michael", "Sarah", "Olivia", "James",
];
const LAST: &[&str] = &[
    "Müller",
    "Schröder",
    "Bäcker",
    "Weiß",
    "Groß",
    "Köhler",
    "Schäfer",
    "Krüger",
    "Meißner",
    "Jäger",
    "Wagner",
    "Smith",
    "Johnson",
    "Taylor",
    "Clarke",
];
const DOMAINS: &[&str] = &[
    "example.de",
    "firma.example",
    "web.example",
    "beispiel.at",
    "example.com",
    "university.example",
];
const SUBJECTS: &[&str] = &[
    "Rechnung Nr. {n}",
    "Besprechung am Donnerstag",
    "Ihre Bestellung {n} wurde versandt",
    "Grüße aus Köln",
    "Termin für die Übergabe der Schlüssel",
    "Angebot für Projekt Nordlicht",
    "Änderung der Lieferadresse",
    "Protokoll der Sitzung vom Montag",
    "Einladung zum Sommerfest",
    "Re: Urlaubsplanung für das Frühjahr",
    "Meeting notes: Q3 launch",
    "Invoice #{n}",
    "Re: timeline for the migration",
    "Lunch on Friday?",
    "Weekly newsletter",
];
const WORDS: &[&str] = &[
    "und",
    "die",
    "der",
    "das",
    "wir",
    "für",
    "Ihre",
    "bitte",
    "Rückmeldung",
    "gestern",
    "nächste",
    "Woche",
    "Straße",
    "Übergabe",
    "Änderung",
    "Lieferung",
    "Vertrag",
    "Kunden",
    "Besprechung",
    "Unterlagen",
    "schön",
    "größer",
    "Grüße",
    "Angebot",
    "Rechnung",
    "überwiesen",
    "Termin",
    "möglich",
    "natürlich",
    "Büro",
    "the",
    "and",
    "please",
    "review",
    "attached",
    "schedule",
    "meeting",
    "project",
    "budget",
    "customer",
    "feedback",
    "deadline",
    "report",
];

fn b64(bytes: &[u8]) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut out = String::with_capacity(encoded.len() * 78 / 76 + 4);
    for chunk in encoded.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or(""));
        out.push_str("\r\n");
    }
    out
}

/// An RFC 2047 word (UTF-8, Q) when `text` is not plain ASCII.
fn encoded(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    let mut out = String::from("=?UTF-8?Q?");
    for b in text.bytes() {
        match b {
            b' ' => out.push('_'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b',' | b'-' => out.push(b as char),
            _ => out.push_str(&format!("={b:02X}")),
        }
    }
    out + "?="
}

/// Quoted-printable for text with CRLF line ends (lines stay under 76 characters).
fn qp(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 11 / 10);
    for line in text.split("\r\n") {
        let mut len = 0;
        for b in line.bytes() {
            let piece = match b {
                b'=' => "=3D".to_owned(),
                33..=126 | b' ' => (b as char).to_string(),
                _ => format!("={b:02X}"),
            };
            if len + piece.len() > 73 {
                out.push_str("=\r\n");
                len = 0;
            }
            len += piece.len();
            out.push_str(&piece);
        }
        out.push_str("\r\n");
    }
    out
}

fn prose(rng: &mut Rng, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 80);
    let mut line = 0;
    while out.len() < bytes {
        for i in 0..rng.between(6, 14) {
            let w = rng.pick(WORDS);
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
            line += w.len() + 1;
            if line > 68 {
                out.push_str("\r\n");
                line = 0;
            }
        }
        out.push('.');
        if rng.below(6) == 0 {
            out.push_str("\r\n\r\n");
            line = 0;
        } else {
            out.push(' ');
        }
    }
    out.push_str("\r\n\r\nViele Grüße\r\n");
    out
}

/// A small photo-like PNG (a gradient, 320×240), the same for every image attachment.
fn picture() -> R<Vec<u8>> {
    let img = image::RgbImage::from_fn(320, 240, |x, y| {
        image::Rgb([(x * 255 / 320) as u8, (y * 255 / 240) as u8, 160])
    });
    let mut png = Cursor::new(Vec::new());
    img.write_to(&mut png, image::ImageFormat::Png)?;
    Ok(png.into_inner())
}

fn text_part(rng: &mut Rng, bytes: usize, m: &mut String) {
    let body = prose(rng, bytes);
    if rng.below(2) == 0 {
        m.push_str("Content-Type: text/plain; charset=utf-8\r\n");
        m.push_str("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        m.push_str(&qp(&body));
    } else {
        m.push_str("Content-Type: text/plain; charset=utf-8\r\n");
        m.push_str("Content-Transfer-Encoding: 8bit\r\n\r\n");
        m.push_str(&body);
    }
}

/// Mail `i` of `total` (newer with higher `i`): 74 % plain text of 2–8 KB, 20 % HTML
/// (multipart/alternative), 5 % with a 10–40 KB PDF, 1 % with two pictures.
fn mail(i: usize, total: usize, png: &[u8]) -> R<(Vec<u8>, i64)> {
    let mut rng = Rng(0xA99_BE4C ^ (i as u64).wrapping_mul(0x9E37_79B9));
    let date = NOW - SPAN + SPAN * i as i64 / total.max(1) as i64 - rng.below(3_600) as i64;
    let rfc2822 = time::OffsetDateTime::from_unix_timestamp(date)?
        .format(&time::format_description::well_known::Rfc2822)?;
    let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
    let local: String = format!("{first}.{last}")
        .to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .chars()
        .filter(|c| c.is_ascii_alphabetic() || *c == '.')
        .collect();
    let mut m = format!(
        "Return-Path: <{local}@{d}>\r\nMessage-ID: <{i}.{x:x}@postfach.bench>\r\n\
         Date: {rfc2822}\r\nFrom: {} <{local}@{d}>\r\nTo: Erika Mustermann <erika@example.de>\r\n\
         Subject: {}\r\nMIME-Version: 1.0\r\n",
        encoded(&format!("{first} {last}")),
        encoded(&rng.pick(SUBJECTS).replace("{n}", &(10_000 + i).to_string())),
        d = rng.pick(DOMAINS),
        x = rng.next(),
    );
    let kind = rng.below(100);
    if kind < 6 {
        m.push_str("Content-Type: multipart/mixed; boundary=\"=_mixed\"\r\n\r\n--=_mixed\r\n");
        let len = rng.between(1_500, 4_000);
        text_part(&mut rng, len, &mut m);
        if kind < 1 {
            for name in ["Straßenfest.png", "Ausflug.png"] {
                m.push_str(&format!(
                    "--=_mixed\r\nContent-Type: image/png; name=\"{}\"\r\nContent-Disposition: \
                     attachment; filename=\"{}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
                    encoded(name),
                    encoded(name)
                ));
                m.push_str(&b64(png));
            }
        } else {
            let size = rng.between(10_000, 40_000);
            let bytes: Vec<u8> = (0..size.div_ceil(8))
                .flat_map(|_| rng.next().to_le_bytes())
                .collect();
            m.push_str(
                "--=_mixed\r\nContent-Type: application/pdf; name=\"=?UTF-8?Q?Rechnung_M=C3=A4rz.pdf?=\"\r\n\
                 Content-Disposition: attachment; filename*=UTF-8''Rechnung_M%C3%A4rz.pdf\r\n\
                 Content-Transfer-Encoding: base64\r\n\r\n",
            );
            m.push_str(&b64(&bytes[..size]));
        }
        m.push_str("--=_mixed--\r\n");
    } else if kind < 26 {
        m.push_str("Content-Type: multipart/alternative; boundary=\"=_alt\"\r\n\r\n--=_alt\r\n");
        let len = rng.between(1_500, 4_000);
        text_part(&mut rng, len, &mut m);
        m.push_str("--=_alt\r\nContent-Type: text/html; charset=utf-8\r\n");
        m.push_str("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        let mut html = String::from("<!DOCTYPE html><html><body>\r\n");
        while html.len() < len + 1_000 {
            let para = prose(&mut rng, 300);
            html.push_str(&format!("<p style=\"font-family:Arial\">{para}</p>\r\n"));
            if rng.below(3) == 0 {
                html.push_str(
                    "<a href=\"https://www.example.de/angebot?id=42\">Zum Angebot</a>\r\n",
                );
            }
        }
        html.push_str("</body></html>");
        m.push_str(&qp(&html));
        m.push_str("--=_alt--\r\n");
    } else {
        let len = rng.between(2_000, 8_000);
        text_part(&mut rng, len, &mut m);
    }
    Ok((m.into_bytes(), date))
}

/// Seeds `dir` with one account ("bench", no automatic checks) and `total` mails in its Inbox;
/// all but the newest 10 % are read. Returns the raw bytes stored.
fn seed(dir: &Path, total: usize) -> R<usize> {
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
        let (raw, _date) = mail(i, total, &png)?;
        bytes += raw.len();
        let summary = mime::summarize(&raw);
        batch.push(Fetched {
            uidl: format!("bench-{SEED_VERSION}-{i}"),
            listed_size: raw.len() as u64,
            raw,
            summary,
        });
        if batch.len() == 1_000 || i + 1 == total {
            let first = i + 1 - batch.len();
            let outcomes = store.store_fetched(account, &batch, NOW)?;
            for (k, o) in outcomes.into_iter().enumerate() {
                if first + k < total * 9 / 10 {
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
    let total = std::env::var("POSTFACH_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let started = Instant::now();
    let bytes = seed(Path::new(&dir), total)?;
    println!(
        "seeded {total} messages ({:.0} MB raw) into {} in {:.1} s",
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
                return Ok(line.parse()?);
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
    assert_eq!(first.event, Event::FirstFrame, "{first:?}");
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
        assert_eq!((open.event, open.n), (Event::Open, n), "{open:?}");
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

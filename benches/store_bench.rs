//! Store benchmark (a plain `main`, `harness = false`): seeds 100,000 realistic messages into a
//! temporary store and prints insert throughput, open + first page, unread counts and search
//! latency next to the targets (first page < 100 ms, search < 30 ms median), the time to
//! build the contacts index for address completion, and moving every message of the Inbox to a
//! folder in one transaction (and back, the undo) next to its reference (≤ 2 s, issue #18).
//! Not a test: it asserts nothing about time.
//!
//! `cargo bench --bench store_bench`; `POSTFACH_BENCH_MESSAGES=N` changes the number of messages,
//! `POSTFACH_BENCH_BATCH=N` the batch size (default 100, as the fetch engine commits);
//! `POSTFACH_BENCH_ONLY=move` seeds and times only the move.
#[path = "../tests/support/mod.rs"]
mod support;

use std::error::Error as StdError;
use std::path::Path;
use std::time::{Duration, Instant};

use postfach::mime::{Address, Summary};
use postfach::store::{
    AccountId, AccountSettings, Fetched, FolderKind, ListQuery, MessageId, Scope, Selection, Store,
};

use support::mail::{encoded, local_part};
use support::rng::Rng;

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

const PAGE: u32 = 50;
/// "Now" for the generated mailbox: 2026-01-01; dates spread over the five years before it.
const NOW: i64 = 1_767_225_600;
const SPAN: i64 = 5 * 365 * 86_400;

const SEARCHES: [&str; 20] = [
    "rechnung",
    "müller",
    "mueller",
    "besprechung",
    "meeting notes",
    "straße",
    "bestellung versandt",
    "grüße köln",
    "invoice",
    "schröder",
    "termin",
    "urlaub",
    "weiß",
    "angebot",
    "quarterly report",
    "berlin",
    "lieferadresse",
    "jürgen",
    "timeline",
    "sommerfest einladung",
];

/// What a search field sees while someone types (results as you type, debounced): short
/// prefixes of the words above.
const TYPING: [&str; 10] = [
    "re", "rec", "rech", "mü", "mül", "be", "bes", "gr", "grü", "ang",
];

const FIRST: &[&str] = &[
    "Jürgen",
    "Sören",
    "Käthe",
    "Björn",
    "Günther",
    "Anna",
    "Lukas",
    "Lena",
    "Jörg",
    "Sabine",
    "Thomas",
    "Ümit",
    "Maximilian",
    "Hannah",
    "John",
    "Emily",
    "Michael",
    "Sarah",
    "David",
    "Olivia",
    "James",
    "Chloe",
];
const LAST: &[&str] = &[
    "Müller",
    "Schröder",
    "Bäcker",
    "Weiß",
    "Groß",
    "Köhler",
    "Schäfer",
    "Hoffmann",
    "Krüger",
    "Schmidt",
    "Meißner",
    "Jäger",
    "Fuchs",
    "Wagner",
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Wilson",
    "Clarke",
];
const DOMAINS: &[&str] = &[
    "example.de",
    "firma.de",
    "web.de",
    "gmx.de",
    "beispiel.at",
    "example.com",
    "company.com",
    "university.edu",
];
const CITIES: &[&str] = &[
    "Köln",
    "München",
    "Berlin",
    "Düsseldorf",
    "Zürich",
    "Wien",
    "London",
];
const PROJECTS: &[&str] = &[
    "Apollo",
    "Nordlicht",
    "Brückenbau",
    "Website",
    "Migration",
    "Q3 launch",
];
const WEEKDAYS: &[&str] = &["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"];
const DE_WORDS: &[&str] = &[
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
    "herzliche",
    "Zusammenarbeit",
    "Angebot",
    "Rechnung",
    "Betrag",
    "überwiesen",
    "Konto",
    "Termin",
    "verschieben",
    "möglich",
    "leider",
    "natürlich",
    "Frühjahr",
    "Gebäude",
    "Schlüssel",
    "Büro",
    "Mitarbeiter",
];
const EN_WORDS: &[&str] = &[
    "the", "and", "we", "please", "review", "attached", "document", "schedule", "meeting",
    "project", "timeline", "budget", "customer", "feedback", "deadline", "report", "quarter",
    "results", "team", "update", "invoice", "payment", "shipping", "order", "thanks", "regards",
    "tomorrow", "office", "contract", "draft",
];

fn person(rng: &mut Rng) -> Address {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let local = local_part(first, last);
    Address {
        name: Some(format!("{first} {last}")),
        email: format!("{local}@{}", rng.pick(DOMAINS)),
    }
}

fn subject(rng: &mut Rng, n: usize, german: bool) -> String {
    if german {
        match rng.below(10) {
            0 => format!("Rechnung Nr. {}", 10_000 + n),
            1 => format!("Besprechung am {}", rng.pick(WEEKDAYS)),
            2 => format!("Ihre Bestellung {} wurde versandt", 400_000 + n),
            3 => format!("Grüße aus {}", rng.pick(CITIES)),
            4 => "Termin für die Übergabe".to_owned(),
            5 => format!("Angebot für Projekt {}", rng.pick(PROJECTS)),
            6 => format!("Urlaubsplanung {}", 2021 + rng.below(5)),
            7 => "Änderung der Lieferadresse".to_owned(),
            8 => format!(
                "Protokoll der Sitzung vom {}.{}.",
                1 + rng.below(28),
                1 + rng.below(12)
            ),
            _ => "Einladung zum Sommerfest".to_owned(),
        }
    } else {
        match rng.below(8) {
            0 => format!("Meeting notes: {}", rng.pick(PROJECTS)),
            1 => format!("Invoice #{}", 50_000 + n),
            2 => format!("Quarterly report Q{}", 1 + rng.below(4)),
            3 => "Your order has shipped".to_owned(),
            4 => format!("Re: {} timeline", rng.pick(PROJECTS)),
            5 => "Lunch on Friday?".to_owned(),
            6 => "Weekly newsletter".to_owned(),
            _ => "Security alert for your account".to_owned(),
        }
    }
}

fn body(rng: &mut Rng, german: bool, target: usize) -> String {
    let words = if german { DE_WORDS } else { EN_WORDS };
    let mut out = String::with_capacity(target + 100);
    let mut line_len = 0;
    while out.len() < target {
        let sentence_len = 6 + rng.below(9);
        for i in 0..sentence_len {
            let w = rng.pick(words);
            if i > 0 {
                out.push(' ');
                line_len += 1;
            }
            out.push_str(w);
            line_len += w.len();
            if line_len > 70 {
                out.push_str("\r\n");
                line_len = 0;
            }
        }
        out.push_str(". ");
        if rng.chance(15) {
            out.push_str(&format!("{} ", rng.pick(CITIES)));
        }
        if rng.chance(10) {
            out.push_str("\r\n\r\n");
            line_len = 0;
        }
    }
    out
}

fn mailbox(a: &Address) -> String {
    match &a.name {
        Some(n) => format!("{} <{}>", encoded(n), a.email),
        None => a.email.clone(),
    }
}

fn message(rng: &mut Rng, n: usize, total: usize) -> Result<Fetched> {
    let german = rng.chance(60);
    let from = person(rng);
    let to = vec![Address {
        name: Some("Erika Mustermann".into()),
        email: "erika@example.de".into(),
    }];
    let subject = subject(rng, n, german);
    // dates follow the fetch order with some jitter; a few messages have no Date header
    let date = (!rng.chance(2)).then(|| {
        NOW - SPAN + SPAN * n as i64 / total as i64 + rng.below(4 * 86_400) as i64 - 2 * 86_400
    });
    let length = 1_500 + rng.below(6_000);
    let text = body(rng, german, length);
    let has_attachments = rng.chance(10);
    let mut raw = String::with_capacity(text.len() + 600);
    raw.push_str(&format!("Return-Path: <{}>\r\n", from.email));
    raw.push_str(&format!(
        "From: {}\r\nTo: {}\r\n",
        mailbox(&from),
        mailbox(&to[0])
    ));
    raw.push_str(&format!("Subject: {}\r\n", encoded(&subject)));
    if let Some(d) = date {
        let formatted = time::OffsetDateTime::from_unix_timestamp(d)?
            .format(&time::format_description::well_known::Rfc2822)?;
        raw.push_str(&format!("Date: {formatted}\r\n"));
    }
    raw.push_str(&format!(
        "Message-ID: <{n}.bench@{}>\r\n",
        DOMAINS[n % DOMAINS.len()]
    ));
    raw.push_str("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n");
    raw.push_str("Content-Transfer-Encoding: 8bit\r\n\r\n");
    raw.push_str(&text);
    raw.push_str("\r\n");
    let preview: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(Fetched {
        uidl: format!("{:016x}", rng.next() ^ n as u64),
        listed_size: raw.len() as u64,
        raw: raw.into_bytes(),
        summary: Summary {
            message_id: Some(format!("{n}.bench@{}", DOMAINS[n % DOMAINS.len()])),
            subject,
            from: Some(from),
            to,
            cc: Vec::new(),
            date,
            has_attachments,
            preview: preview.chars().take(200).collect(),
            search_text: text,
        },
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn verdict(value_ms: f64, target_ms: f64) -> &'static str {
    if value_ms < target_ms {
        "meets target"
    } else {
        "MISSES target"
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seed(dir: &Path, total: usize, batch_size: usize) -> Result<AccountId> {
    let mut store = Store::open_in(dir)?;
    let account = store.add_account(&AccountSettings {
        name: "bench".into(),
        email: "erika@example.de".into(),
        host: "pop.example.de".into(),
        ..AccountSettings::default()
    })?;
    let mut rng = Rng::new(0x5EED_2026);
    let mut spent = Duration::ZERO;
    let mut bytes = 0usize;
    let mut stored: Vec<MessageId> = Vec::with_capacity(total);
    let mut n = 0;
    while n < total {
        let batch: Vec<Fetched> = (n..(n + batch_size).min(total))
            .map(|i| message(&mut rng, i, total))
            .collect::<Result<_>>()?;
        bytes += batch.iter().map(|f| f.raw.len()).sum::<usize>();
        let start = Instant::now();
        let outcomes = store.store_fetched(account, &batch, NOW)?;
        spent += start.elapsed();
        stored.extend(outcomes.iter().filter_map(|o| o.message()));
        n += batch.len();
    }
    println!(
        "insert: {total} messages ({:.0} MB raw, {:.1} KB average) in batches of {batch_size}: \
         {:.1} s, {:.0} msgs/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / total as f64 / 1e3,
        spent.as_secs_f64(),
        total as f64 / spent.as_secs_f64(),
        bytes as f64 / 1e6 / spent.as_secs_f64(),
    );
    // most older mail has been read
    let start = Instant::now();
    for chunk in stored[..stored.len() * 9 / 10].chunks(1_000) {
        store.set_seen(chunk, true)?;
    }
    println!("mark 90% read: {:.0} ms", ms(start.elapsed()));
    Ok(account)
}

/// Each query once to warm up, then timed: the times and a line of text per query.
fn time_searches(store: &Store, queries: &[&str]) -> Result<(Vec<Duration>, Vec<String>)> {
    let mut times = Vec::new();
    let mut report = Vec::new();
    for q in queries {
        store.search(q, None, 100)?; // warm
        let start = Instant::now();
        let hits = store.search(q, None, 100)?;
        let took = start.elapsed();
        times.push(took);
        report.push(format!("{q:?} {:.1} ms ({} hits)", ms(took), hits.len()));
    }
    Ok((times, report))
}

pub fn run() -> Result<()> {
    let total = env_usize("POSTFACH_BENCH_MESSAGES", 100_000).max(1);
    let batch_size = env_usize("POSTFACH_BENCH_BATCH", 100).max(1);
    let dir = tempfile::tempdir()?;
    println!(
        "store benchmark: {total} messages in {}",
        dir.path().display()
    );
    let account = seed(dir.path(), total, batch_size)?;
    if std::env::var("POSTFACH_BENCH_ONLY").as_deref() == Ok("move") {
        return time_move(dir.path(), account, total);
    }
    let file = dir.path().join(postfach::store::FILE_NAME);
    let size = std::fs::metadata(&file)?.len()
        + std::fs::metadata(file.with_extension("sqlite3-wal")).map_or(0, |m| m.len());
    let bodies = std::fs::metadata(postfach::store::bodies::path_for(&file)).map_or(0, |m| m.len());
    println!(
        "database: {:.0} MB (with WAL), raw messages beside it: {:.0} MB",
        size as f64 / 1e6,
        bodies as f64 / 1e6
    );

    // open + first page of the Inbox, as the app does at start (fresh connection each time)
    let mut first_pages = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let store = Store::open_in(dir.path())?;
        let inbox = store.folder(account, FolderKind::Inbox)?;
        let rows = store.list(&ListQuery {
            scope: Scope::Folder(inbox),
            unread_only: false,
            offset: 0,
            limit: PAGE,
        })?;
        first_pages.push(start.elapsed());
        assert_eq!(rows.len(), PAGE.min(total as u32) as usize);
    }
    let first = ms(first_pages[0]);
    let first_median = ms(median(first_pages));
    println!(
        "open + first page ({PAGE} rows): first {first:.1} ms, median {first_median:.1} ms   \
         (target < 100 ms: {})",
        verdict(first.max(first_median), 100.0)
    );

    let store = Store::open_in(dir.path())?;
    let inbox = store.folder(account, FolderKind::Inbox)?;
    let timed = |scope: Scope, unread_only: bool, offset: u64| -> Result<Duration> {
        let mut times = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            store.list(&ListQuery {
                scope,
                unread_only,
                offset,
                limit: PAGE,
            })?;
            times.push(start.elapsed());
        }
        Ok(median(times))
    };
    println!(
        "next page (offset 50): {:.2} ms; middle page (offset {}): {:.1} ms; unread-only first \
         page: {:.2} ms; unified inbox first page: {:.2} ms",
        ms(timed(Scope::Folder(inbox), false, 50)?),
        total / 2,
        ms(timed(Scope::Folder(inbox), false, total as u64 / 2)?),
        ms(timed(Scope::Folder(inbox), true, 0)?),
        ms(timed(Scope::UnifiedInbox, false, 0)?),
    );

    let mut counts = Vec::new();
    let mut unread = 0;
    for _ in 0..10 {
        let start = Instant::now();
        let folders = store.folders()?;
        counts.push(start.elapsed());
        unread = folders.iter().map(|f| f.unread).sum();
    }
    println!(
        "unread counts (all folders, total + unread): median {:.1} ms ({unread} unread)",
        ms(median(counts))
    );

    let (searches, report) = time_searches(&store, &SEARCHES)?;
    let slowest = searches.iter().max().copied().unwrap_or_default();
    let search_median = ms(median(searches));
    println!(
        "search (median of {} queries, limit 100, newest first): {search_median:.1} ms, slowest \
         {:.1} ms   (target < 30 ms: {})",
        SEARCHES.len(),
        ms(slowest),
        verdict(search_median, 30.0)
    );
    println!("  {}", report.join("; "));

    let (typing, report) = time_searches(&store, &TYPING)?;
    let slowest = typing.iter().max().copied().unwrap_or_default();
    println!(
        "search as you type (median of {} prefixes of 2-4 letters, limit 100): {:.1} ms, \
         slowest {:.1} ms",
        TYPING.len(),
        ms(median(typing)),
        ms(slowest)
    );
    println!("  {}", report.join("; "));

    time_contacts(&store, &file, total)?;
    drop(store);
    time_move(dir.path(), account, total)
}

/// "Select all" in the Inbox and drop it on a folder: one transaction (`Store::move_messages`
/// with a folder selection, durable when it returns), then the undo. Reference: ≤ 2 s for
/// 100,000 messages (issue #18).
fn time_move(dir: &Path, account: AccountId, total: usize) -> Result<()> {
    let mut store = Store::open_in(dir)?;
    let inbox = store.folder(account, FolderKind::Inbox)?;
    let target = store.create_local_folder("Alles")?;
    let start = Instant::now();
    let moved = store.move_messages(&Selection::folder(inbox), target)?;
    let took = start.elapsed();
    assert_eq!(moved.len(), total);
    let start = Instant::now();
    let back = store.undo_move(&moved)?;
    let undo = start.elapsed();
    assert_eq!(back, total);
    println!(
        "move all {total} messages of the Inbox to a folder (one transaction): {:.0} ms   \
         (reference <= 2000 ms: {}); undo (back again): {:.0} ms",
        ms(took),
        verdict(ms(took), 2000.0).replace("target", "reference"),
        ms(undo)
    );
    Ok(())
}

/// Address completion: building the contacts index from every message, next to a plain query
/// that reads the same columns of the same rows (the floor for any index built from the table),
/// and completing typed prefixes from the index.
fn time_contacts(store: &Store, file: &Path, total: usize) -> Result<()> {
    let conn = rusqlite::Connection::open_with_flags(
        file,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let mut scans = Vec::new();
    let mut bytes = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let mut stmt = conn.prepare_cached(postfach::store::contacts::ADDRESS_ROWS)?;
        let mut rows = stmt.query([])?;
        bytes = 0;
        while let Some(r) = rows.next()? {
            for i in 2..6 {
                bytes += r.get_ref(i)?.as_str()?.len();
            }
        }
        scans.push(start.elapsed());
    }
    let mut builds = Vec::new();
    let mut contacts = store.contacts(NOW)?;
    for _ in 0..5 {
        let start = Instant::now();
        contacts = store.contacts(NOW)?;
        builds.push(start.elapsed());
    }
    println!(
        "contacts index (address completion) from {total} messages: build median {:.0} ms, \
         {} contacts; the same columns read by a plain query: median {:.0} ms ({:.1} MB of \
         address text)",
        ms(median(builds)),
        contacts.len(),
        ms(median(scans)),
        bytes as f64 / 1e6,
    );
    let mut times = Vec::new();
    let mut report = Vec::new();
    for typed in ["a", "mü", "mül", "schr", "jürgen m", "example.com", "xyz"] {
        let start = Instant::now();
        let found = contacts.complete(typed, 10).len();
        let took = start.elapsed();
        times.push(took);
        report.push(format!("{typed:?} {:.2} ms ({found})", ms(took)));
    }
    println!(
        "  complete (limit 10): median {:.2} ms; {}",
        ms(median(times)),
        report.join("; ")
    );
    Ok(())
}

#[cfg_attr(test, allow(dead_code))]
fn main() -> Result<()> {
    run()
}

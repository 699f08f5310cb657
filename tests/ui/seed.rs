//! Seeds a data directory with realistic German and English mail, for the screenshot script:
//! `POSTFACH_SEED_DIR=dir cargo test --test ui -- --ignored seed::`. With `POSTFACH_SEED_EXTRA=N`
//! the "arbeit" Inbox also gets N generated messages (to try the window with a huge folder).

use crate::support;

use postfach::mime;
use postfach::store::{AccountSettings, Fetched, FolderKind, Store};
use support::mail;
use support::sandbox::now;

#[test]
#[ignore = "run by scripts/screenshots.sh with POSTFACH_SEED_DIR set"]
fn seed_screenshot_data() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::var_os("POSTFACH_SEED_DIR").ok_or("set POSTFACH_SEED_DIR")?;
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir)?;
    let mut store = Store::open_in(&dir)?;
    let quiet = |name: &str, email: &str, host: &str| AccountSettings {
        name: name.into(),
        display_name: "Anna Schmidt".into(),
        email: email.into(),
        host: host.into(),
        username: email.into(),
        check_on_startup: false,
        check_every_minutes: None,
        ..AccountSettings::default()
    };
    let privat = store.add_account(&quiet(
        "privat",
        "anna.schmidt@example.de",
        "pop.example.de",
    ))?;
    let arbeit = store.add_account(&quiet(
        "arbeit",
        "a.schmidt@firma.example",
        "pop.firma.example",
    ))?;
    let inbox = store.folder(privat, FolderKind::Inbox)?;
    let work_inbox = store.folder(arbeit, FolderKind::Inbox)?;
    let trips = store.create_local_folder("Urlaub 2024")?;
    let now = now();
    let mut ids = Vec::new();
    for (i, m) in mail::realistic(now).iter().enumerate() {
        let folder = match i {
            2 | 4 => work_inbox,
            6 => trips,
            _ => inbox,
        };
        let raw = m.raw();
        ids.push(store.import(folder, &raw, &mime::summarize(&raw), m.date)?);
    }
    // Older mail is read; the newest three are not.
    store.set_seen(&ids[3..], true)?;
    let extra: usize = std::env::var("POSTFACH_SEED_EXTRA")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut batch = Vec::new();
    for i in 0..extra {
        let raw = format!(
            "From: Kollege {i} <k{i}@firma.example>\r\nSubject: Protokoll der Besprechung Nr. {i}\r\n\r\nHallo Anna,\r\nanbei das Protokoll Nr. {i}.\r\n"
        )
        .into_bytes();
        let summary = mime::summarize(&raw);
        batch.push(Fetched {
            uidl: format!("seed-{i}"),
            listed_size: raw.len() as u64,
            raw,
            summary,
        });
        if batch.len() == 5_000 || i + 1 == extra {
            store.store_fetched(arbeit, &batch, now - 90 * 86_400)?;
            batch.clear();
        }
    }
    println!(
        "seeded {} messages into {}",
        ids.len() + extra,
        dir.display()
    );
    Ok(())
}

//! Seeds a data directory with realistic German and English mail, for the screenshot script:
//! `POSTFACH_SEED_DIR=dir cargo test --test ui_seed -- --ignored`.

mod ui_support;

use postfach::mime;
use postfach::store::{AccountSettings, FolderKind, Store};
use ui_support::{mail, now};

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
    let privat = store.add_account(&quiet("privat", "anna.schmidt@example.de", "pop.example.de"))?;
    let arbeit = store.add_account(&quiet("arbeit", "a.schmidt@firma.example", "pop.firma.example"))?;
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
    println!("seeded {} messages into {}", ids.len(), dir.display());
    Ok(())
}

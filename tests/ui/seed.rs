//! Seeds a data directory with realistic German and English mail, for the screenshot script:
//! `POSTFACH_SEED_DIR=dir cargo test --test ui -- --ignored seed::`. With `POSTFACH_SEED_EXTRA=N`
//! the "arbeit" Inbox also gets N generated messages (to try the window with a huge folder).

use crate::support;

use postfach::mime;
use postfach::store::{AccountSettings, Fetched, FolderKind, Store};
use support::mail;
use support::sandbox::now;

/// Sends an answer to `original` through the Outbox as far as the store is concerned: queued,
/// taken, accepted (no server is involved), so it lies in Sent and `original` is answered.
fn answer(
    store: &mut Store,
    account: postfach::store::AccountId,
    original: postfach::store::MessageId,
    now: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    use postfach::mime::Address;
    let account = store.account(account)?;
    let outgoing = postfach::send::Outgoing {
        from: Address {
            name: Some("Anna Schmidt".into()),
            email: account.settings.email.clone(),
        },
        reply_to: None,
        to: vec![Address {
            name: Some("Katrin Weiß".into()),
            email: "katrin.weiss@example.de".into(),
        }],
        cc: Vec::new(),
        bcc: Vec::new(),
        subject: "Re: Treffen am Donnerstag".into(),
        body: "Hallo Katrin,\n\nDonnerstag um 10 passt mir gut.\n\nViele Grüße\nAnna\n".into(),
        in_reply_to: None,
        references: Vec::new(),
        attachments: Vec::new(),
        forwarded: None,
        message_id: postfach::send::new_message_id(&account.settings.email),
        date: time::OffsetDateTime::from_unix_timestamp(now)?,
    };
    let links = postfach::store::Links {
        answers: Some(original),
        forwards: None,
    };
    let id = postfach::send::queue(store, &account, &outgoing, links, None, now)?;
    store.claim(account.id, now)?.ok_or("the answer is due")?;
    store.mark_dot_sent(id)?;
    store.mark_sent(id)?;
    Ok(())
}

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
    // A message rule, for the rules page: invoices into their own folder, read.
    let invoices = store.create_local_folder("Rechnungen")?;
    store.add_rule(&postfach::store::Rule {
        name: "Rechnungen".into(),
        enabled: true,
        account: None,
        match_all: false,
        conditions: vec![
            postfach::store::Condition::Text {
                field: postfach::store::Field::Subject,
                test: postfach::store::Test::Contains,
                value: "Rechnung".into(),
            },
            postfach::store::Condition::Text {
                field: postfach::store::Field::From,
                test: postfach::store::Test::EndsWith,
                value: "@swm.example.de".into(),
            },
        ],
        actions: vec![
            postfach::store::Action::MoveTo(invoices),
            postfach::store::Action::MarkRead,
        ],
    })?;
    // Anna answered Katrin: the answer is in Sent, Katrin's message shows the answered mark.
    if let Some(&meeting) = ids.iter().find(|&&id| {
        store
            .message(id)
            .is_ok_and(|m| m.subject.contains("Treffen"))
    }) {
        answer(&mut store, privat, meeting, now)?;
    }
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

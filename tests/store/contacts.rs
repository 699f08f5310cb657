//! Address completion from a store on disk: real raw messages (parsed as fetched mail is),
//! received into the Inbox and written into Sent, Drafts and Trash.
use postfach::store::Contacts;

use super::*;

const DAY: i64 = 86_400;

fn raw(from: &str, to: &str, cc: Option<&str>, subject: &str, date: i64) -> Vec<u8> {
    let date = time::OffsetDateTime::from_unix_timestamp(date)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc2822)
                .ok()
        })
        .unwrap_or_default();
    let cc = cc.map(|c| format!("Cc: {c}\r\n")).unwrap_or_default();
    format!(
        "From: {from}\r\nTo: {to}\r\n{cc}Subject: {subject}\r\nDate: {date}\r\n\
         Message-ID: <{subject}@test>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nHallo.\r\n"
    )
    .into_bytes()
}

fn received(uidl: &str, raw: Vec<u8>) -> Fetched {
    Fetched {
        uidl: uidl.to_owned(),
        listed_size: raw.len() as u64,
        summary: postfach::mime::summarize(&raw),
        raw,
    }
}

fn shown(contacts: &Contacts, typed: &str) -> Vec<String> {
    contacts
        .complete(typed, 10)
        .into_iter()
        .map(|c| c.display())
        .collect()
}

#[test]
fn completion_ranks_people_written_to_above_people_heard_from() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let me = "Erika Mustermann <work@example.de>";
    store.store_fetched(
        account,
        &[
            received(
                "1",
                raw(
                    "\"Müller, Anna\" <anna.mueller@example.org>",
                    me,
                    Some("Bernd Schröder <bernd@firma.de>"),
                    "angebot",
                    NOW - 2 * DAY,
                ),
            ),
            received(
                "2",
                raw(
                    "=?utf-8?q?Anna_M=C3=BCller?= <anna.mueller@example.org>",
                    "work@example.de",
                    None,
                    "rueckfrage",
                    NOW - DAY,
                ),
            ),
            received(
                "3",
                raw("Shop <no-reply@shop.example>", me, None, "newsletter", NOW),
            ),
            received(
                "4",
                raw(
                    "Carl Alt <carl@old.example>",
                    me,
                    None,
                    "damals",
                    NOW - 400 * DAY,
                ),
            ),
        ],
        NOW,
    )?;
    let sent = raw(
        me,
        "Jan Mueller <jan@firma.de>",
        Some("\"Schröder, Bernd\" <bernd@firma.de>"),
        "antwort",
        NOW - 10 * DAY,
    );
    let sent_folder = store.folder(account, FolderKind::Sent)?;
    store.import(sent_folder, &sent, &postfach::mime::summarize(&sent), NOW)?;
    let draft = raw(me, "Draft Only <draft@firma.de>", None, "entwurf", NOW);
    let drafts = store.folder(account, FolderKind::Drafts)?;
    store.import(drafts, &draft, &postfach::mime::summarize(&draft), NOW)?;
    let old = store
        .search("damals", None, 1)?
        .first()
        .map(|r| r.id)
        .ok_or("the old message is not found")?;
    store.move_to_trash(&[old])?;

    let contacts = Store::open_in(dir.path())?.contacts(NOW)?;
    // Bernd: sent-to 3/(1+10/30) + received Cc 0.5/(1+2/30); Jan: sent-to; Anna: two received
    assert_eq!(
        shown(&contacts, "mü"),
        [
            "Jan Mueller <jan@firma.de>",
            "Anna Müller <anna.mueller@example.org>"
        ]
    );
    for typed in ["Müller", "MÜLLER", "mueller", "Mueller"] {
        assert_eq!(contacts.complete(typed, 10).len(), 2, "{typed}");
    }
    // without the umlaut: the name with it, not the `ue` spelling (as search does)
    assert_eq!(
        shown(&contacts, "muller"),
        ["Anna Müller <anna.mueller@example.org>"]
    );
    assert_eq!(
        shown(&contacts, "firma"),
        [
            "Bernd Schröder <bernd@firma.de>",
            "Jan Mueller <jan@firma.de>"
        ],
        "the newest name wins"
    );
    assert_eq!(
        shown(&contacts, "anna.mu"),
        ["Anna Müller <anna.mueller@example.org>"]
    );
    assert_eq!(shown(&contacts, "carl"), ["Carl Alt <carl@old.example>"]);
    assert!(shown(&contacts, "draft").is_empty(), "drafts do not count");
    assert!(
        shown(&contacts, "work").is_empty(),
        "the user's own address"
    );
    assert!(shown(&contacts, "erika").is_empty());
    assert!(shown(&contacts, "").is_empty());
    assert_eq!(contacts.len(), 5);
    Ok(())
}

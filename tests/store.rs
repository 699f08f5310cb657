//! The mail store on real files: durability, the ledger, the last-copy rule, Trash, counts,
//! concurrency, German search, account removal, migrations.
use std::path::Path;

use postfach::mime::{Address, Summary};
use postfach::pop3::{AuthMethod, Security};
use postfach::store::{
    AccountId, AccountSettings, Error, Fetched, FolderKind, KeepMail, ListQuery, MessageId, Scope,
    ServerExpire, ServerState, Store, StoredOutcome, schema,
};
use sha2::{Digest, Sha256};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const NOW: i64 = 1_700_000_000;

/// A summary built by hand (the tests do not depend on MIME parsing).
fn summary(subject: &str, from: (&str, &str), body: &str, date: Option<i64>) -> Summary {
    Summary {
        message_id: Some(format!("{}@test", subject.len())),
        subject: subject.to_owned(),
        from: Some(Address {
            name: Some(from.0.to_owned()).filter(|n| !n.is_empty()),
            email: from.1.to_owned(),
        }),
        to: vec![Address {
            name: Some("Erika Mustermann".into()),
            email: "erika@example.de".into(),
        }],
        cc: Vec::new(),
        date,
        has_attachments: false,
        preview: body.chars().take(80).collect(),
        search_text: body.to_owned(),
    }
}

fn raw_for(uidl: &str, subject: &str) -> Vec<u8> {
    format!("Subject: {subject}\r\nMessage-ID: <{uidl}@test>\r\n\r\nBody of {uidl}\r\n")
        .into_bytes()
}

fn fetched(uidl: &str, subject: &str, date: i64) -> Fetched {
    Fetched {
        uidl: uidl.to_owned(),
        raw: raw_for(uidl, subject),
        summary: summary(
            subject,
            ("Max Muster", "max@example.com"),
            "hello",
            Some(date),
        ),
    }
}

fn settings(name: &str) -> AccountSettings {
    AccountSettings {
        name: name.to_owned(),
        display_name: "Erika Mustermann".into(),
        email: format!("{name}@example.de"),
        host: "pop.example.de".into(),
        port: 995,
        security: Security::Tls,
        username: name.to_owned(),
        auth: AuthMethod::Auto,
        ..AccountSettings::default()
    }
}

fn open_with_account(dir: &Path) -> Result<(Store, AccountId), Error> {
    let mut store = Store::open_in(dir)?;
    let account = store.add_account(&settings("work"))?;
    Ok((store, account))
}

fn page(scope: Scope) -> ListQuery {
    ListQuery {
        scope,
        unread_only: false,
        offset: 0,
        limit: 100,
    }
}

fn ids(rows: &[postfach::store::MessageRow]) -> Vec<MessageId> {
    rows.iter().map(|r| r.id).collect()
}

#[test]
fn stored_messages_survive_reopening() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let batch = vec![
        fetched("u1", "Erste", NOW - 300),
        fetched("u2", "Zweite", NOW - 200),
        fetched("u3", "Dritte", NOW - 100),
    ];
    let outcomes = store.store_fetched(account, &batch, NOW)?;
    assert!(outcomes.iter().all(|o| o.is_new()));
    drop(store);

    let store = Store::open_in(dir.path())?;
    assert_eq!(store.path(), dir.path().join("postfach.sqlite3"));
    let rows = store.list(&page(Scope::Account(account, FolderKind::Inbox)))?;
    let subjects: Vec<&str> = rows.iter().map(|r| r.subject.as_str()).collect();
    assert_eq!(subjects, ["Dritte", "Zweite", "Erste"], "newest first");
    for (row, f) in rows.iter().zip(batch.iter().rev()) {
        let raw = store.raw(row.id)?;
        assert_eq!(raw, f.raw, "raw bytes are kept exactly");
        assert_eq!(row.sha256, hex::encode(Sha256::digest(&raw)));
        assert_eq!(row.size, raw.len() as u64);
        assert_eq!(row.uidl.as_deref(), Some(f.uidl.as_str()));
        assert_eq!(row.account, Some(account));
        assert_eq!(row.from_name, "Max Muster");
        assert_eq!(row.from_email, "max@example.com");
        assert_eq!(row.to, "Erika Mustermann <erika@example.de>");
        assert_eq!(row.received_at, NOW);
        assert!(!row.seen);
        assert_eq!(store.message(row.id)?, *row);
    }
    let ledger = store.ledger(account)?;
    assert_eq!(ledger.len(), 3);
    assert!(ledger.iter().all(|e| e.state == ServerState::OnServer
        && e.first_stored_at == NOW
        && e.local_copies == 1
        && e.message.is_some()
        && e.local_deleted_at.is_none()));
    assert!(matches!(
        store.message(MessageId(999)),
        Err(Error::NotFound)
    ));
    Ok(())
}

#[test]
fn a_uidl_is_stored_once_per_account() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let first = store.store_fetched(account, &[fetched("same", "Eins", NOW)], NOW)?;
    let StoredOutcome::Stored(id) = first[0] else {
        panic!("first store must store: {first:?}");
    };
    // again, in a later batch and twice within one batch
    let again = store.store_fetched(
        account,
        &[
            fetched("same", "Eins", NOW),
            fetched("new", "Neu", NOW),
            fetched("new", "Neu", NOW),
        ],
        NOW + 10,
    )?;
    assert_eq!(again[0], StoredOutcome::AlreadyStored(Some(id)));
    assert!(again[1].is_new());
    assert_eq!(again[2], StoredOutcome::AlreadyStored(again[1].message()));
    assert_eq!(
        store.count(&Scope::Account(account, FolderKind::Inbox), false)?,
        2
    );
    let ledger = store.ledger(account)?;
    assert_eq!(ledger.len(), 2);
    assert_eq!(ledger[0].uidl, "same");
    assert_eq!(ledger[0].first_stored_at, NOW, "first storing time is kept");

    // another account may have the same UIDL
    let other = store.add_account(&settings("home"))?;
    assert!(store.store_fetched(other, &[fetched("same", "Eins", NOW)], NOW)?[0].is_new());

    // deleted here and on the server: still never stored again
    store.delete_permanently(&[id], NOW + 20)?;
    store.mark_dele_sent(account, &["same".to_owned()], NOW + 30)?;
    store.mark_deleted_on_server(account, &["same".to_owned()], NOW + 31)?;
    let again = store.store_fetched(account, &[fetched("same", "Eins", NOW)], NOW + 40)?;
    assert_eq!(again, [StoredOutcome::AlreadyStored(None)]);
    assert_eq!(
        store.count(&Scope::Account(account, FolderKind::Inbox), false)?,
        1
    );
    let entry = store
        .ledger(account)?
        .into_iter()
        .find(|e| e.uidl == "same");
    let entry = entry.ok_or("ledger row must stay")?;
    assert_eq!(entry.state, ServerState::DeletedOnServer);
    assert_eq!(entry.local_copies, 0);
    assert_eq!(entry.message, None);
    assert_eq!(entry.local_deleted_at, Some(NOW + 20));

    // storing into a missing account stores nothing
    assert!(matches!(
        store.store_fetched(AccountId(4242), &[fetched("x", "x", NOW)], NOW),
        Err(Error::NotFound)
    ));
    Ok(())
}

#[test]
fn server_states_move_forward_only() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    store.store_fetched(
        account,
        &[
            fetched("a", "A", NOW),
            fetched("b", "B", NOW),
            fetched("c", "C", NOW),
        ],
        NOW,
    )?;
    store.mark_dele_sent(account, &["a".into(), "b".into()], NOW)?;
    store.mark_deleted_on_server(account, &["a".into()], NOW)?;
    store.mark_gone_from_server(account, &["c".into(), "unknown".into()], NOW)?;
    // a late DELE mark does not resurrect a deleted one
    store.mark_dele_sent(account, &["a".into()], NOW)?;
    let states: Vec<(String, ServerState)> = store
        .ledger(account)?
        .into_iter()
        .map(|e| (e.uidl, e.state))
        .collect();
    assert_eq!(
        states,
        [
            ("a".into(), ServerState::DeletedOnServer),
            ("b".into(), ServerState::DeleSent),
            ("c".into(), ServerState::DeletedOnServer),
        ]
    );
    Ok(())
}

#[test]
fn the_server_copy_may_go_only_with_the_last_local_copy() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let id = store.store_fetched(account, &[fetched("u1", "Rechnung", NOW)], NOW)?[0]
        .message()
        .ok_or("stored")?;
    let archive = store.create_local_folder("Archiv")?;
    let copies = store.copy_to(&[id], archive)?;
    assert_eq!(copies.len(), 1);
    let copy = store.message(copies[0])?;
    assert_eq!(copy.folder, archive);
    assert_eq!(copy.uidl.as_deref(), Some("u1"));
    assert_eq!(copy.account, Some(account));
    assert_eq!(store.raw(copy.id)?, store.raw(id)?);
    assert_eq!(store.ledger(account)?[0].local_copies, 2);

    // in the Trash still counts as a local copy
    store.move_to_trash(&[id])?;
    assert_eq!(store.ledger(account)?[0].local_deleted_at, None);

    store.delete_permanently(&[id], NOW + 100)?;
    let entry = &store.ledger(account)?[0];
    assert_eq!(entry.local_copies, 1);
    assert_eq!(entry.local_deleted_at, None, "a copy is left");
    assert_eq!(
        entry.message,
        Some(copy.id),
        "the ledger points at the remaining copy"
    );

    store.delete_permanently(&[copy.id], NOW + 200)?;
    let entry = &store.ledger(account)?[0];
    assert_eq!(entry.local_copies, 0);
    assert_eq!(entry.local_deleted_at, Some(NOW + 200));
    assert!(matches!(store.raw(copy.id), Err(Error::NotFound)));
    // deleting again (a missing id) changes nothing
    store.delete_permanently(&[copy.id], NOW + 300)?;
    assert_eq!(store.ledger(account)?[0].local_deleted_at, Some(NOW + 200));
    assert!(matches!(
        store.copy_to(&[copy.id], archive),
        Err(Error::NotFound)
    ));
    Ok(())
}

#[test]
fn trash_and_restore_remember_the_origin() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let inbox = store.folder(account, FolderKind::Inbox)?;
    let trash = store.folder(account, FolderKind::Trash)?;
    let stored = store.store_fetched(
        account,
        &[fetched("a", "A", NOW - 2), fetched("b", "B", NOW - 1)],
        NOW,
    )?;
    let (a, b) = (
        stored[0].message().ok_or("a")?,
        stored[1].message().ok_or("b")?,
    );
    let local = store.create_local_folder("Projekte")?;
    store.move_to(&[b], local)?;
    assert_eq!(store.message(b)?.folder, local);

    store.move_to_trash(&[a, b])?;
    assert_eq!(store.message(a)?.folder, trash);
    assert_eq!(
        store.message(b)?.folder,
        trash,
        "fetched mail goes to its account's Trash"
    );
    assert_eq!(store.count(&Scope::Folder(inbox), false)?, 0);
    assert_eq!(
        store.count(&Scope::Account(account, FolderKind::Trash), false)?,
        2
    );
    store.move_to_trash(&[a])?; // already there: stays, origin kept

    store.restore(&[a, b])?;
    assert_eq!(store.message(a)?.folder, inbox);
    assert_eq!(store.message(b)?.folder, local);
    store.restore(&[a])?; // not in a Trash: nothing happens
    assert_eq!(store.message(a)?.folder, inbox);

    // imported mail without an account goes to the local Trash, created on demand
    let imported = store.import(
        local,
        b"Subject: Import\r\n\r\nx\r\n",
        &summary("Import", ("", "a@b.c"), "x", None),
        NOW,
    )?;
    assert_eq!(store.message(imported)?.account, None);
    assert_eq!(store.message(imported)?.date, None);
    store.move_to_trash(&[imported])?;
    let local_trash = store
        .folders()?
        .into_iter()
        .find(|f| f.account.is_none() && f.kind == FolderKind::Trash)
        .ok_or("local trash exists")?;
    assert_eq!(store.message(imported)?.folder, local_trash.id);
    store.restore(&[imported])?;
    assert_eq!(store.message(imported)?.folder, local);
    assert!(store.ledger(account)?.iter().all(|e| e.uidl != "Import"));
    Ok(())
}

#[test]
fn folders_count_total_and_unread_and_lists_page() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let batch: Vec<Fetched> = (0..10)
        .map(|i| fetched(&format!("u{i}"), &format!("Nachricht {i}"), NOW + i))
        .collect();
    let stored: Vec<MessageId> = store
        .store_fetched(account, &batch, NOW)?
        .iter()
        .filter_map(|o| o.message())
        .collect();
    store.set_seen(&stored[..4], true)?;
    store.set_flagged(&stored[..1], true)?;
    store.set_seen(&stored[3..4], false)?;

    let folders = store.folders()?;
    assert_eq!(folders.len(), 2);
    let inbox = &folders[0];
    assert_eq!(
        (inbox.kind, inbox.account),
        (FolderKind::Inbox, Some(account))
    );
    assert_eq!((inbox.total, inbox.unread), (10, 7));
    assert_eq!((folders[1].kind, folders[1].total), (FolderKind::Trash, 0));
    assert_eq!(store.count(&Scope::UnifiedInbox, true)?, 7);
    assert!(store.message(stored[0])?.flagged);
    assert!(matches!(
        store.count(&Scope::Account(account, FolderKind::Local), false),
        Err(Error::NotFound)
    ));

    // pages, newest first
    let scope = Scope::Folder(inbox.id);
    let first = store.list(&ListQuery {
        scope,
        unread_only: false,
        offset: 0,
        limit: 4,
    })?;
    let second = store.list(&ListQuery {
        scope,
        unread_only: false,
        offset: 4,
        limit: 4,
    })?;
    let last = store.list(&ListQuery {
        scope,
        unread_only: false,
        offset: 8,
        limit: 4,
    })?;
    let all: Vec<MessageId> = [first, second, last].iter().flat_map(|p| ids(p)).collect();
    let newest_first: Vec<MessageId> = stored.iter().rev().copied().collect();
    assert_eq!(all, newest_first);
    let unread = store.list(&ListQuery {
        scope,
        unread_only: true,
        offset: 0,
        limit: 100,
    })?;
    assert_eq!(unread.len(), 7);
    assert!(unread.iter().all(|r| !r.seen));

    // the unified inbox spans accounts
    let home = store.add_account(&settings("home"))?;
    store.store_fetched(home, &[fetched("h1", "Privat", NOW + 100)], NOW)?;
    let unified = store.list(&page(Scope::UnifiedInbox))?;
    assert_eq!(unified.len(), 11);
    assert_eq!(unified[0].subject, "Privat");
    assert_eq!(store.folders()?.len(), 4);
    Ok(())
}

#[test]
fn accounts_keep_their_settings() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open_in(dir.path())?;
    let mut s = settings("work");
    s.security = Security::StartTls;
    s.port = 110;
    s.auth = AuthMethod::CramMd5;
    s.ca_file = Some("/etc/ssl/my-ca.pem".into());
    s.pinned_sha256 = Some("ab".repeat(32));
    s.leave_on_server = true;
    s.keep_days = Some(14);
    s.delete_when_deleted_here = true;
    s.check_every_minutes = None;
    let id = store.add_account(&s)?;
    assert!(matches!(store.add_account(&s), Err(Error::AccountExists(n)) if n == "work"));
    assert!(matches!(
        store.add_account(&settings("  ")),
        Err(Error::Invalid(_))
    ));

    let account = store.account(id)?;
    assert_eq!(account.settings, s);
    assert_eq!(
        (account.server_expire, account.server_login_delay),
        (None, None)
    );
    store.set_server_policy(id, Some(ServerExpire::Days(30)), Some(900))?;
    store.set_last_fetch_at(id, NOW)?;
    drop(store);

    let mut store = Store::open_in(dir.path())?;
    let account = store.account_by_name("work")?.ok_or("by name")?;
    assert_eq!(account.server_expire, Some(ServerExpire::Days(30)));
    assert_eq!(account.server_login_delay, Some(900));
    assert_eq!(account.last_fetch_at, Some(NOW));
    store.set_server_policy(id, Some(ServerExpire::Never), None)?;
    assert_eq!(store.account(id)?.server_expire, Some(ServerExpire::Never));
    assert!(store.account_by_name("nobody")?.is_none());

    let other = store.add_account(&settings("home"))?;
    s.leave_on_server = false;
    s.host = "pop3.example.org".into();
    store.update_account(id, &s)?;
    assert_eq!(store.account(id)?.settings, s);
    s.name = "home".into();
    assert!(matches!(
        store.update_account(id, &s),
        Err(Error::AccountExists(_))
    ));
    let names: Vec<String> = store
        .accounts()?
        .into_iter()
        .map(|a| a.settings.name)
        .collect();
    assert_eq!(names, ["work", "home"]);
    assert!(matches!(store.account(AccountId(99)), Err(Error::NotFound)));
    assert_ne!(id, other);
    Ok(())
}

#[test]
fn removing_an_account_deletes_or_keeps_its_mail() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open_in(dir.path())?;
    let gone = store.add_account(&settings("gone"))?;
    let kept = store.add_account(&settings("kept"))?;
    let archive = store.create_local_folder("Archiv")?;
    for account in [gone, kept] {
        let stored = store.store_fetched(
            account,
            &[
                fetched("a", "Alpha Müller", NOW),
                fetched("b", "Beta", NOW),
                fetched("c", "Gamma", NOW),
            ],
            NOW,
        )?;
        let ids: Vec<MessageId> = stored.iter().filter_map(|o| o.message()).collect();
        store.move_to_trash(&ids[1..2])?;
        store.copy_to(&ids[2..3], archive)?;
    }

    store.remove_account(gone, KeepMail::DeleteIt)?;
    assert!(matches!(store.account(gone), Err(Error::NotFound)));
    assert!(store.ledger(gone)?.is_empty());
    assert!(store.folders()?.iter().all(|f| f.account != Some(gone)));
    // its copy in a local folder stays, unlinked
    let archived = store.list(&page(Scope::Folder(archive)))?;
    assert_eq!(archived.len(), 2);
    let unlinked: Vec<_> = archived.iter().filter(|r| r.account.is_none()).collect();
    assert_eq!(unlinked.len(), 1);
    assert_eq!(unlinked[0].uidl, None);
    // its messages are gone from search too
    assert_eq!(store.search("müller", None, 10)?.len(), 1);

    store.remove_account(kept, KeepMail::MoveToLocalFolder("Alte Mails".into()))?;
    let folders = store.folders()?;
    assert!(folders.iter().all(|f| f.account.is_none()));
    let old = folders
        .iter()
        .find(|f| f.name == "Alte Mails")
        .ok_or("created")?;
    assert_eq!(old.total, 3, "Inbox and Trash moved");
    let rows = store.list(&page(Scope::Folder(old.id)))?;
    assert!(rows.iter().all(|r| r.account.is_none() && r.uidl.is_none()));
    assert_eq!(store.search("müller", None, 10)?.len(), 1);
    assert!(matches!(
        store.remove_account(kept, KeepMail::DeleteIt),
        Err(Error::NotFound)
    ));
    // the folder name is now taken
    assert!(matches!(
        store.create_local_folder("alte mails"),
        Err(Error::FolderExists(_))
    ));
    Ok(())
}

#[test]
fn local_folders_are_managed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let a = store.create_local_folder("Zeitung")?;
    let b = store.create_local_folder("Archiv")?;
    assert!(matches!(
        store.create_local_folder(" "),
        Err(Error::Invalid(_))
    ));
    let names: Vec<String> = store.folders()?.into_iter().map(|f| f.name).collect();
    assert_eq!(names, ["Inbox", "Trash", "Archiv", "Zeitung"]);
    store.rename_local_folder(a, "Zeitungen")?;
    assert!(matches!(
        store.rename_local_folder(a, "archiv"),
        Err(Error::FolderExists(_))
    ));
    let inbox = store.folder(account, FolderKind::Inbox)?;
    assert!(matches!(
        store.rename_local_folder(inbox, "x"),
        Err(Error::Invalid(_))
    ));
    let id = store.store_fetched(account, &[fetched("u", "S", NOW)], NOW)?[0]
        .message()
        .ok_or("stored")?;
    store.move_to(&[id], b)?;
    assert!(matches!(
        store.delete_local_folder(b),
        Err(Error::FolderNotEmpty)
    ));
    store.delete_local_folder(a)?;
    assert_eq!(store.folders()?.len(), 3);
    Ok(())
}

#[test]
fn a_reader_and_a_writer_work_at_the_same_time() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (store, account) = open_with_account(dir.path())?;
    drop(store);
    let path = dir.path().join("postfach.sqlite3");
    const BATCHES: usize = 40;
    const PER_BATCH: usize = 25;

    let writer_path = path.clone();
    let writer = std::thread::spawn(move || -> Result<(), Error> {
        let mut store = Store::open(&writer_path)?;
        for b in 0..BATCHES {
            let batch: Vec<Fetched> = (0..PER_BATCH)
                .map(|i| {
                    let n = b * PER_BATCH + i;
                    let mut f = fetched(
                        &format!("u{n}"),
                        &format!("Grüße Nummer {n}"),
                        NOW + n as i64,
                    );
                    f.summary.search_text = format!("Text über Straßenbahn {n}");
                    f
                })
                .collect();
            store.store_fetched(account, &batch, NOW)?;
        }
        Ok(())
    });

    let reader_path = path.clone();
    let reader = std::thread::spawn(move || -> Result<usize, Error> {
        // its own Store on the same file, also writing flags like the UI does
        let mut store = Store::open(&reader_path)?;
        let scope = Scope::Account(account, FolderKind::Inbox);
        let mut rounds = 0;
        loop {
            let done = store.count(&scope, false)? as usize == BATCHES * PER_BATCH;
            let rows = store.list(&ListQuery {
                scope,
                unread_only: true,
                offset: 0,
                limit: 50,
            })?;
            store.search("strassenbahn", Some(&scope), 20)?;
            store.folders()?;
            if let Some(row) = rows.first() {
                store.set_seen(&[row.id], true)?;
                store.raw(row.id)?;
            }
            rounds += 1;
            if done {
                return Ok(rounds);
            }
        }
    });

    writer.join().map_err(|_| "writer panicked")??;
    let rounds = reader.join().map_err(|_| "reader panicked")??;
    assert!(rounds >= 1);
    let store = Store::open(&path)?;
    assert_eq!(store.ledger(account)?.len(), BATCHES * PER_BATCH);
    assert_eq!(
        store.search("grusse", None, 5000)?.len(),
        BATCHES * PER_BATCH
    );
    Ok(())
}

#[test]
fn search_finds_german_words_in_any_spelling() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let mut muller = fetched("m", "Angebot für Sie", NOW);
    muller.summary.from = Some(Address {
        name: Some("Jürgen Müller".into()),
        email: "j.mueller@example.de".into(),
    });
    let mut strasse = fetched("s", "Umzug: neue Straße", NOW + 1);
    strasse.summary.search_text = "Wir ziehen in die Hauptstraße 5. GRÜSSE aus Köln".into();
    let mut other = fetched("o", "Meeting notes", NOW + 2);
    other.summary.search_text = "Mull it over, café later".into();
    let stored = store.store_fetched(account, &[muller, strasse, other], NOW)?;
    let [m, s, o] = [0, 1, 2].map(|i| stored[i].message());

    let find = |q: &str| -> Result<Vec<Option<MessageId>>, Error> {
        Ok(store
            .search(q, None, 50)?
            .into_iter()
            .map(|r| Some(r.id))
            .collect())
    };
    for q in [
        "muller", "müller", "Mueller", "MÜLLER", "jurgen", "jürgen", "juergen",
    ] {
        assert_eq!(find(q)?, [m], "query {q:?}");
    }
    // prefix: Müll also matches "Mull" in the other message
    assert_eq!(find("Müll")?, [o, m]);
    assert_eq!(find("strasse")?, [s]);
    assert_eq!(find("Straße")?, [s]);
    assert_eq!(find("hauptstr")?, [s]);
    assert_eq!(find("grüße köln")?, [s]);
    assert_eq!(find("grusse koeln")?, [s]);
    assert_eq!(
        find("grusse muller")?,
        Vec::<Option<MessageId>>::new(),
        "all terms must match"
    );
    assert_eq!(find("cafe")?, [o]);
    assert_eq!(find("example")?, [o, s, m], "newest first");
    assert_eq!(store.search("example", None, 2)?.len(), 2);
    // FTS syntax in the input is plain text
    for q in [
        "\"foo",
        "AND(",
        "muller AND",
        "*",
        "NEAR(a b)",
        "-muller",
        "subject:x",
        "a OR",
        "'",
        "^",
    ] {
        store.search(q, None, 10)?;
    }
    assert_eq!(find("\"muller")?, [m]);
    assert!(find("")?.is_empty());

    // scope and deletion
    let trash = Scope::Account(account, FolderKind::Trash);
    assert!(store.search("muller", Some(&trash), 10)?.is_empty());
    let m = m.ok_or("stored")?;
    let copies = store.copy_to(&[m], store.folder(account, FolderKind::Trash)?)?;
    assert_eq!(ids(&store.search("muller", Some(&trash), 10)?), copies);
    store.delete_permanently(&[m], NOW)?;
    assert_eq!(
        ids(&store.search("muller", None, 10)?),
        copies,
        "the copy is still found"
    );
    store.delete_permanently(&copies, NOW)?;
    assert!(
        store.search("muller", None, 10)?.is_empty(),
        "deleted messages leave the index"
    );
    Ok(())
}

#[test]
fn an_empty_file_is_migrated_to_the_current_version() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("nested/postfach.sqlite3");
    std::fs::create_dir_all(dir.path().join("nested"))?;
    std::fs::write(&path, b"")?;
    {
        let conn = rusqlite::Connection::open(&path)?;
        assert_eq!(schema::version(&conn)?, 0);
    }
    let mut store = Store::open(&path)?;
    let conn = rusqlite::Connection::open(&path)?;
    assert_eq!(schema::version(&conn)?, schema::CURRENT_VERSION);
    // the schema works
    let account = store.add_account(&settings("work"))?;
    store.store_fetched(account, &[fetched("u", "Hallo", NOW)], NOW)?;
    assert_eq!(store.search("hallo", None, 5)?.len(), 1);
    Ok(())
}

#[test]
fn a_newer_schema_is_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("postfach.sqlite3");
    drop(Store::open(&path)?);
    let conn = rusqlite::Connection::open(&path)?;
    conn.pragma_update(None, "user_version", schema::CURRENT_VERSION + 1)?;
    drop(conn);
    assert!(matches!(Store::open(&path), Err(Error::TooNew { .. })));
    Ok(())
}

/// Every `tests/store_fixtures/vN.sql` holds data written at schema version N. The test builds
/// version N with the migrations, loads the data, opens the file with the current program and
/// checks the data survived. Add a fixture for the old version whenever the schema changes.
#[test]
fn databases_of_every_earlier_version_are_upgraded() -> TestResult {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/store_fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(&fixtures)? {
        let path = entry?.path();
        let Some(version) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix('v')?.strip_suffix(".sql"))
            .and_then(|v| v.parse::<u32>().ok())
        else {
            continue;
        };
        seen += 1;
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("postfach.sqlite3");
        {
            let mut conn = rusqlite::Connection::open(&db)?;
            schema::migrate_to(&mut conn, version)?;
            conn.execute_batch(&std::fs::read_to_string(&path)?)?;
            assert_eq!(schema::version(&conn)?, version, "{}", path.display());
        }
        let mut store = Store::open(&db)?;
        let account = store.account_by_name("fixture")?.ok_or("fixture account")?;
        let inbox = Scope::Account(account.id, FolderKind::Inbox);
        let rows = store.list(&page(inbox))?;
        assert_eq!(rows.len(), 2, "{}", path.display());
        assert_eq!(store.raw(rows[0].id)?, b"Subject: Zweite\r\n\r\nHallo\r\n");
        assert_eq!(store.search("grusse", None, 10)?.len(), 1);
        assert_eq!(store.ledger(account.id)?.len(), 3);
        assert_eq!(store.count(&inbox, true)?, 1);
        // and it keeps working: a new message gets a fresh id, an old UIDL is not stored again
        let stored = store.store_fetched(
            account.id,
            &[fetched("fx-1", "x", NOW), fetched("fx-new", "y", NOW)],
            NOW,
        )?;
        assert!(!stored[0].is_new());
        let new = stored[1].message().ok_or("stored")?;
        assert!(rows.iter().all(|r| r.id < new));
        assert!(new.0 > 6, "ids of deleted messages are not reused");
    }
    assert!(seen >= 1, "no fixtures found in {}", fixtures.display());
    Ok(())
}

//! Storing fetched mail, the ledger, the last-copy rule, Trash, counts and pages.
use super::*;

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
    let kinds: Vec<FolderKind> = folders.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            FolderKind::Inbox,
            FolderKind::Drafts,
            FolderKind::Sent,
            FolderKind::Outbox,
            FolderKind::Junk,
            FolderKind::Trash
        ]
    );
    let inbox = &folders[0];
    assert_eq!(
        (inbox.kind, inbox.account),
        (FolderKind::Inbox, Some(account))
    );
    assert_eq!((inbox.total, inbox.unread), (10, 7));
    assert_eq!((folders[5].kind, folders[5].total), (FolderKind::Trash, 0));
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
    assert_eq!(store.folders()?.len(), 12);
    Ok(())
}

#[test]
fn a_uidl_reused_for_other_bytes_is_stored_as_a_new_message() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let a = store.store_fetched(account, &[fetched("x", "Alt", NOW)], NOW)?[0]
        .message()
        .ok_or("stored")?;
    store.delete_permanently(&[a], NOW + 1)?;
    store.mark_dele_sent(account, &["x".to_owned()], NOW + 2)?;
    // The server reused "x" for another message: stored, and the entry now stands for it.
    let b = store.store_fetched(account, &[fetched("x", "Neu", NOW)], NOW + 10)?;
    let StoredOutcome::Stored(b) = b[0] else {
        panic!("other bytes under a known UIDL are a new message: {b:?}");
    };
    let entry = store.ledger(account)?.into_iter().find(|e| e.uidl == "x");
    let entry = entry.ok_or("ledger row")?;
    assert_eq!(entry.message, Some(b));
    assert_eq!(
        entry.first_stored_at,
        NOW + 10,
        "retention counts from the new download"
    );
    assert_eq!(entry.state, ServerState::OnServer);
    assert_eq!(entry.local_deleted_at, None);
    let plan = store.ledger_for_plan(account)?;
    assert_eq!(plan[0].listed_size, Some(raw_for("x", "Neu").len() as u64));
    assert!(!plan[0].deleted_here);

    // The same bytes again, listed at another size: not stored twice; the listed size follows.
    let mut again = fetched("x", "Neu", NOW);
    again.listed_size = 7;
    assert_eq!(
        store.store_fetched(account, &[again], NOW + 20)?,
        [StoredOutcome::AlreadyStored(Some(b))]
    );
    let plan = store.ledger_for_plan(account)?;
    assert_eq!(plan[0].listed_size, Some(7));
    assert_eq!(
        plan[0].received_size,
        Some(raw_for("x", "Neu").len() as u64)
    );
    assert_eq!(store.ledger(account)?[0].first_stored_at, NOW + 10);
    Ok(())
}

#[test]
fn the_ledger_for_planning_agrees_with_the_full_ledger() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let stored = store.store_fetched(
        account,
        &[
            fetched("a", "Eins", NOW),
            fetched("b", "Zwei", NOW + 1),
            fetched("c", "Drei", NOW + 2),
        ],
        NOW,
    )?;
    store.mark_dele_sent(account, &["b".to_owned()], NOW)?;
    store.delete_permanently(&[stored[2].message().ok_or("stored")?], NOW + 5)?;
    let mut plan = store.ledger_for_plan(account)?;
    plan.sort_by(|x, y| x.uidl.cmp(&y.uidl));
    let full = store.ledger(account)?;
    assert_eq!(plan.len(), 3);
    for (p, f) in plan.iter().zip(&full) {
        assert_eq!(p.uidl, f.uidl);
        assert_eq!(p.first_stored_at, f.first_stored_at);
        assert_eq!(p.state, f.state);
        assert_eq!(p.deleted_here, f.local_deleted_at.is_some());
    }
    assert_eq!(plan[1].state, ServerState::DeleSent);
    assert!(plan[2].deleted_here && !plan[0].deleted_here);
    Ok(())
}

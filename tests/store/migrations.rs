//! Schema migrations: from an empty file and from every earlier version's fixture.
use super::*;

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

/// Every `tests/fixtures/store/vN.sql` holds data written at schema version N. The test builds
/// version N with the migrations, loads the data, opens the file with the current program and
/// checks the data survived. Add a fixture for the old version whenever the schema changes: the
/// test fails while one is missing.
#[test]
fn databases_of_every_earlier_version_are_upgraded() -> TestResult {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store");
    let mut seen = std::collections::BTreeSet::new();
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
        seen.insert(version);
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
        // the index as version 2 and later build it (for v1, rebuilt by the upgrade: people from
        // the columns, text from the raw message)
        assert_eq!(store.search("jürgen koeln", None, 10)?.len(), 1);
        assert_eq!(store.search("zwei", None, 10)?.len(), 1);
        assert_eq!(store.search("hallo", None, 10)?.len(), 1);
        let imported = usize::from(version >= 9);
        assert_eq!(store.ledger(account.id)?.len(), 3 + imported);
        assert_eq!(store.count(&inbox, true)?, 1);
        // Version 4: a ledger entry whose message is still here knows the stored size (what a
        // DELE is checked against while no listed size was recorded).
        let plan = store.ledger_for_plan(account.id)?;
        let mut checked = 0;
        for entry in store.ledger(account.id)? {
            let p = plan
                .iter()
                .find(|p| p.uidl == entry.uidl)
                .ok_or("plan entry")?;
            if version < 4 {
                assert_eq!(p.listed_size, None);
            }
            match entry.message {
                Some(m) => {
                    assert_eq!(p.received_size, Some(store.raw(m)?.len() as u64));
                    checked += 1;
                }
                None => assert_eq!(p.received_size, None),
            }
        }
        assert!(checked >= 1, "{}", path.display());
        // Version 6: every account has its Drafts, Sent and Outbox (the folders table was
        // rebuilt); a message in the Trash still knows where it came from.
        for kind in [FolderKind::Drafts, FolderKind::Sent, FolderKind::Outbox] {
            store.folder(account.id, kind)?;
        }
        if version >= 5 {
            let trash = Scope::Account(account.id, FolderKind::Trash);
            let trashed = store.list(&page(trash))?;
            assert_eq!(trashed.len(), 1, "{}", path.display());
            assert_eq!(
                account.settings.signature,
                "Erika Mustermann\nBeispielweg 1"
            );
            store.restore(&[trashed[0].id])?;
            assert_eq!(store.list(&page(inbox))?.len(), 3, "{}", path.display());
            store.move_to_trash(&[trashed[0].id])?;
        }
        // Version 7: the list of senders whose remote pictures load is there (empty before
        // version 7; the v7 file has one).
        let senders = store.remote_senders()?;
        assert_eq!(
            senders.len(),
            usize::from(version >= 7),
            "{}",
            path.display()
        );
        store.allow_remote("news@radhaus.example", NOW)?;
        assert!(store.remote_allowed("NEWS@radhaus.example")?);
        // Version 8: every account has its Junk folder; folders nest; nothing waits for rules
        store.folder(account.id, FolderKind::Junk)?;
        let folders = store.folders()?;
        assert!(folders.iter().all(|f| f.parent.is_none() && !f.archive));
        if version >= 7 {
            let zeitung = folders
                .iter()
                .find(|f| f.name == "Zeitung")
                .ok_or("Zeitung")?;
            assert_eq!((zeitung.account, zeitung.kind), (None, FolderKind::Local));
            let sub =
                store.create_folder(postfach::store::FolderParent::In(zeitung.id), "Zeitung")?;
            store.delete_local_folder(sub)?;
        }
        assert!(store.rules()?.is_empty(), "{}", path.display());
        assert!(store.filter_pending(account.id, 10)?.is_empty());
        // Version 9: no ledger entry of an earlier file is "known, not stored here" (the v9
        // file has one, taken over from Thunderbird)
        let not_stored = plan.iter().filter(|p| p.not_stored).count();
        assert_eq!(not_stored, imported, "{}", path.display());
        assert!(plan.iter().all(|p| !p.linked));
        assert_eq!(store.known_count(account.id)?, imported as u64);
        // Version 10: the v10 file's account waits for a look at a dry run, none before
        assert_eq!(
            store.import_review(account.id)?,
            version >= 10,
            "{}",
            path.display()
        );
        // Version 11: no account of an earlier file signs in through a provider
        assert!(account.settings.oauth.is_none(), "{}", path.display());
        // and it keeps working: a new message gets a fresh id; an old UIDL downloaded again
        // with the same bytes is not stored again (the hash recorded by version 4 proves it)
        let fx1 = rows.iter().find(|r| r.uidl.as_deref() == Some("fx-1"));
        let fx1 = fx1.ok_or("fx-1")?;
        let mut again = fetched("fx-1", "x", NOW);
        again.raw = store.raw(fx1.id)?;
        let stored = store.store_fetched(account.id, &[again, fetched("fx-new", "y", NOW)], NOW)?;
        assert_eq!(stored[0], StoredOutcome::AlreadyStored(Some(fx1.id)));
        let new = stored[1].message().ok_or("stored")?;
        assert!(rows.iter().all(|r| r.id < new));
        assert!(new.0 > 6, "ids of deleted messages are not reused");
        // Bytes stored before version 3 stay in the main file: a copy of such a message gets
        // its own, so deleting the original keeps them readable.
        let archive = store.create_local_folder("Archiv")?;
        let copy = store.copy_to(&[rows[0].id], archive)?[0];
        store.delete_permanently(&[rows[0].id], NOW)?;
        assert_eq!(store.raw(copy)?, b"Subject: Zweite\r\n\r\nHallo\r\n");
        assert_eq!(store.raw(new)?, raw_for("fx-new", "y"));
    }
    // one fixture for every earlier version
    let earlier: std::collections::BTreeSet<u32> = (1..schema::CURRENT_VERSION).collect();
    assert_eq!(seen, earlier, "fixtures in {}", fixtures.display());
    Ok(())
}

//! Organising mail (issue #18): the folder tree, deleting folders into the Trash, moving and
//! copying many messages in one transaction with undo, the yearly archive, and the server
//! policy staying what it was.
use super::*;
use postfach::store::{FolderId, FolderParent, Selection};

fn store_n(
    store: &mut Store,
    account: AccountId,
    n: usize,
    prefix: &str,
) -> Result<Vec<MessageId>, Error> {
    let batch: Vec<Fetched> = (0..n)
        .map(|i| {
            fetched(
                &format!("{prefix}{i}"),
                &format!("Betreff {i}"),
                NOW + i as i64,
            )
        })
        .collect();
    Ok(store
        .store_fetched(account, &batch, NOW)?
        .iter()
        .filter_map(|o| o.message())
        .collect())
}

fn folder_named<'a>(
    folders: &'a [postfach::store::Folder],
    name: &str,
) -> Option<&'a postfach::store::Folder> {
    folders.iter().find(|f| f.name == name)
}

#[test]
fn folders_nest_per_account_and_under_local_folders() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, work) = open_with_account(dir.path())?;
    let private = store.add_account(&settings("privat"))?;
    let projects = store.create_folder(FolderParent::Top(Some(work)), "Projekte")?;
    let alpha = store.create_folder(FolderParent::In(projects), "Alpha")?;
    let beta = store.create_folder(FolderParent::In(projects), "beta")?;
    let deep = store.create_folder(FolderParent::In(alpha), "Tief")?;
    // the same name is fine in another place, not twice among siblings
    store.create_folder(FolderParent::Top(Some(private)), "Projekte")?;
    let local = store.create_folder(FolderParent::Top(None), "Projekte")?;
    assert!(matches!(
        store.create_folder(FolderParent::In(projects), "ALPHA"),
        Err(Error::FolderExists(_))
    ));
    let inbox = store.folder(work, FolderKind::Inbox)?;
    assert!(matches!(
        store.create_folder(FolderParent::In(inbox), "x"),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        store.create_folder(FolderParent::Top(None), "a\nb"),
        Err(Error::Invalid(_))
    ));

    let folders = store.folders()?;
    let shown: Vec<(String, u32, Option<AccountId>)> = folders
        .iter()
        .map(|f| (f.name.clone(), f.depth, f.account))
        .collect();
    let w = Some(work);
    let p = Some(private);
    let expected = vec![
        ("Inbox".to_owned(), 0, w),
        ("Drafts".into(), 0, w),
        ("Sent".into(), 0, w),
        ("Outbox".into(), 0, w),
        ("Junk".into(), 0, w),
        ("Trash".into(), 0, w),
        ("Projekte".into(), 0, w),
        ("Alpha".into(), 1, w),
        ("Tief".into(), 2, w),
        ("beta".into(), 1, w),
        ("Inbox".into(), 0, p),
        ("Drafts".into(), 0, p),
        ("Sent".into(), 0, p),
        ("Outbox".into(), 0, p),
        ("Junk".into(), 0, p),
        ("Trash".into(), 0, p),
        ("Projekte".into(), 0, p),
        ("Projekte".into(), 0, None),
    ];
    assert_eq!(shown, expected);
    let f = |id| folders.iter().find(|f| f.id == id).map(|f| f.parent);
    assert_eq!(f(deep), Some(Some(alpha)));
    assert_eq!(f(beta), Some(Some(projects)));

    // moving a subtree: into itself is refused; to "Local folders" it leaves the account
    assert!(matches!(
        store.move_folder(projects, FolderParent::In(deep)),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        store.move_folder(projects, FolderParent::Top(None)),
        Err(Error::FolderExists(_))
    ));
    store.move_folder(alpha, FolderParent::In(local))?;
    let folders = store.folders()?;
    let moved = folders.iter().find(|f| f.id == deep).ok_or("deep")?;
    assert_eq!((moved.account, moved.depth), (None, 2));
    store.rename_local_folder(alpha, "Beta")?; // its new siblings have no Beta
    assert!(matches!(store.rename_local_folder(beta, "Alpha"), Ok(())));
    Ok(())
}

#[test]
fn deleting_a_folder_moves_its_subtree_to_the_right_trash_at_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, work) = open_with_account(dir.path())?;
    let private = store.add_account(&settings("privat"))?;
    let top = store.create_folder(FolderParent::Top(Some(work)), "Kunden")?;
    let sub = store.create_folder(FolderParent::In(top), "Meier")?;
    let local = store.create_folder(FolderParent::Top(None), "Gemischt")?;
    let w = store_n(&mut store, work, 3, "w")?;
    let p = store_n(&mut store, private, 2, "p")?;
    store.move_messages(&Selection::Ids(vec![w[0]]), top)?;
    store.move_messages(&Selection::Ids(vec![w[1]]), sub)?;
    // a local folder holding mail of both accounts and an imported one
    store.move_messages(&Selection::Ids(vec![w[2], p[0]]), local)?;
    let summary = summary("Import", ("", "x@example.org"), "i", Some(NOW));
    let imported = store.import(local, b"Subject: Import\r\n\r\ni\r\n", &summary, NOW)?;

    let before = store.folder_contents(top)?;
    assert_eq!((before.folders, before.messages), (2, 2));
    let removed = store.delete_local_folder(top)?;
    assert_eq!(removed, before);
    let work_trash = store.folder(work, FolderKind::Trash)?;
    assert_eq!(store.message(w[0])?.folder, work_trash);
    assert_eq!(store.message(w[1])?.folder, work_trash);
    assert!(
        store.folders()?.iter().all(|f| f.id != sub),
        "subfolder gone"
    );
    // restored from the Trash: the folder is gone, so they go to the Inbox
    store.restore(&[w[1]])?;
    assert_eq!(
        store.message(w[1])?.folder,
        store.folder(work, FolderKind::Inbox)?
    );

    let removed = store.delete_local_folder(local)?;
    assert_eq!(removed.messages, 3);
    assert_eq!(store.message(w[2])?.folder, work_trash);
    assert_eq!(
        store.message(p[0])?.folder,
        store.folder(private, FolderKind::Trash)?
    );
    let local_trash = store.message(imported)?.folder;
    let folders = store.folders()?;
    let trash = folders
        .iter()
        .find(|f| f.id == local_trash)
        .ok_or("local trash")?;
    assert_eq!((trash.kind, trash.account), (FolderKind::Trash, None));
    // a deleted folder's id is never given to a new folder (a rule or undo naming it would
    // hit the wrong one)
    let fresh = store.create_folder(FolderParent::Top(None), "Gemischt")?;
    assert!(fresh != local && fresh != sub && fresh != top);
    // special folders are not removed this way
    assert!(matches!(
        store.delete_local_folder(work_trash),
        Err(Error::Invalid(_))
    ));
    // nothing was deleted: every message is still here, every ledger row untouched
    for id in w.iter().chain(&p) {
        store.message(*id)?;
    }
    assert!(nothing_deleted_here(&store, work)?);
    Ok(())
}

#[test]
fn moving_a_whole_folder_is_one_step_and_undoes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let ids = store_n(&mut store, account, 50, "m")?;
    let inbox = store.folder(account, FolderKind::Inbox)?;
    let trash = store.folder(account, FolderKind::Trash)?;
    let target = store.create_folder(FolderParent::Top(Some(account)), "Ablage")?;
    store.move_to_trash(&ids[..5])?;
    store.set_seen(&ids[10..20], true)?;

    // only the unread ones of the Inbox
    let unread = Selection::All {
        scope: Scope::Folder(inbox),
        unread_only: true,
    };
    assert_eq!(store.count_selection(&unread)?, 35);
    let moved = store.move_messages(&unread, target)?;
    assert_eq!(moved.len(), 35);
    assert!(
        moved
            .entries
            .iter()
            .all(|e| e.from == inbox && e.to == target)
    );
    assert_eq!(store.count(&Scope::Folder(inbox), false)?, 10);
    // everything in the Trash too, by folder: each keeps its Trash origin in the undo record
    let from_trash = store.move_messages(&Selection::folder(trash), target)?;
    assert_eq!(from_trash.len(), 5);
    assert!(
        from_trash
            .entries
            .iter()
            .all(|e| e.trash_from == Some(inbox))
    );
    assert_eq!(store.count(&Scope::Folder(target), false)?, 40);

    // undo the second move: back in the Trash, still restorable to the Inbox
    assert_eq!(store.undo_move(&from_trash)?, 5);
    store.restore(&ids[..1])?;
    assert_eq!(store.message(ids[0])?.folder, inbox);
    // a message moved on since the first move stays where the user put it
    store.move_messages(&Selection::Ids(vec![ids[30]]), trash)?;
    assert_eq!(store.undo_move(&moved)?, 34);
    assert_eq!(store.message(ids[30])?.folder, trash);
    assert_eq!(store.count(&Scope::Folder(target), false)?, 0);
    assert_eq!(store.count(&Scope::Folder(inbox), false)?, 45);
    // moving and undoing never touched the ledger
    assert!(
        store
            .ledger(account)?
            .iter()
            .all(|e| e.local_deleted_at.is_none() && e.state == ServerState::OnServer)
    );
    Ok(())
}

#[test]
fn copies_keep_the_last_copy_rule_and_undo_safely() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let ids = store_n(&mut store, account, 3, "c")?;
    let inbox = store.folder(account, FolderKind::Inbox)?;
    let target = store.create_local_folder("Kopien")?;
    let copies = store.copy_messages(&Selection::folder(inbox), target)?;
    assert_eq!(copies.len(), 3);
    assert!(store.ledger(account)?.iter().all(|e| e.local_copies == 2));
    // the original of the first one is deleted for good: its copy is now the last one
    store.delete_permanently(&ids[..1], NOW + 10)?;
    assert!(nothing_deleted_here(&store, account)?);
    // undoing the copy deletes the spare copies, and trashes (not deletes) the last one
    assert_eq!(store.undo_copy(&copies, NOW + 20)?, 3);
    assert_eq!(
        store.message(copies[0])?.folder,
        store.folder(account, FolderKind::Trash)?
    );
    assert!(matches!(store.message(copies[1]), Err(Error::NotFound)));
    let ledger = store.ledger(account)?;
    assert!(
        ledger.iter().all(|e| e.local_deleted_at.is_none()),
        "{ledger:?}"
    );
    // the server copy may go only when that last copy is deleted for good
    store.delete_permanently(&copies[..1], NOW + 30)?;
    let first = store
        .ledger(account)?
        .into_iter()
        .find(|e| e.uidl == "c0")
        .ok_or("c0")?;
    assert_eq!(first.local_deleted_at, Some(NOW + 30));
    Ok(())
}

#[test]
fn archiving_files_by_year_under_the_account() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    // 2023-11-14 and 2026-01-15 (UTC)
    let old = store.store_fetched(account, &[fetched("old", "Alt", 1_700_000_000)], NOW)?[0]
        .message()
        .ok_or("old")?;
    let new = store.store_fetched(account, &[fetched("new", "Neu", 1_768_435_200)], NOW)?[0]
        .message()
        .ok_or("new")?;
    let moved = store.archive_messages(&Selection::Ids(vec![old, new]), "Archiv")?;
    assert_eq!(moved.len(), 2);
    let folders = store.folders()?;
    let top = folder_named(&folders, "Archiv").ok_or("archive")?;
    assert!(top.archive);
    assert_eq!(top.account, Some(account));
    let y2023 = store.archive_folder(Some(account), 2023, "Archive")?;
    assert_eq!(store.message(old)?.folder, y2023, "found again by its role");
    let y2026 = store.archive_folder(Some(account), 2026, "Archive")?;
    assert_eq!(store.message(new)?.folder, y2026);
    // renamed by the user, still the archive
    store.rename_local_folder(top.id, "Ablage")?;
    assert_eq!(store.archive_folder(Some(account), 2026, "Archive")?, y2026);
    assert_eq!(store.undo_move(&moved)?, 2);
    assert_eq!(
        store.message(old)?.folder,
        store.folder(account, FolderKind::Inbox)?
    );
    Ok(())
}

#[test]
fn every_account_has_a_junk_folder() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (store, account) = open_with_account(dir.path())?;
    let junk = store.folder(account, FolderKind::Junk)?;
    let folders = store.folders()?;
    let f = folders.iter().find(|f| f.id == junk).ok_or("junk")?;
    assert_eq!((f.total, f.unread, f.parent), (0, 0, None));
    Ok(())
}

#[test]
fn removing_an_account_keeps_the_mail_in_its_local_folders() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let mine = store.create_folder(FolderParent::Top(Some(account)), "Projekte")?;
    let sub = store.create_folder(FolderParent::In(mine), "Alt")?;
    store.create_folder(FolderParent::Top(None), "projekte")?;
    let ids = store_n(&mut store, account, 2, "r")?;
    store.move_messages(&Selection::Ids(vec![ids[0]]), sub)?;
    store.remove_account(account, KeepMail::DeleteIt)?;
    let folders = store.folders()?;
    let kept = folder_named(&folders, "Projekte (work)").ok_or("renamed")?;
    assert_eq!((kept.account, kept.id), (None, mine));
    assert_eq!(store.message(ids[0])?.folder, sub);
    assert!(matches!(store.message(ids[1]), Err(Error::NotFound)));
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 24, ..Default::default() })]

    /// Any sequence of moves (of some ids or of whole folders, between the Inbox, the Trash
    /// and two local folders), undone in reverse order, puts every message back where it was,
    /// with the origin a Trash remembers; the ledger never changes.
    #[test]
    fn moves_undone_in_reverse_order_restore_everything(
        steps in proptest::collection::vec((0usize..4, 0usize..4, proptest::bool::ANY, 0u64..u64::MAX), 1..8),
    ) {
        let fail = |e: &dyn std::fmt::Display| proptest::test_runner::TestCaseError::fail(e.to_string());
        let dir = tempfile::tempdir().map_err(|e| fail(&e))?;
        let (mut store, account) = open_with_account(dir.path()).map_err(|e| fail(&e))?;
        let ids = store_n(&mut store, account, 12, "p").map_err(|e| fail(&e))?;
        let a = store.create_local_folder("A").map_err(|e| fail(&e))?;
        let b = store.create_folder(FolderParent::In(a), "B").map_err(|e| fail(&e))?;
        let inbox = store.folder(account, FolderKind::Inbox).map_err(|e| fail(&e))?;
        let trash = store.folder(account, FolderKind::Trash).map_err(|e| fail(&e))?;
        // three messages in the Trash that came from A (not the Inbox, where a restore of a
        // message that forgot its origin would land)
        store.move_messages(&Selection::Ids(ids[..3].to_vec()), a).map_err(|e| fail(&e))?;
        store.move_to_trash(&ids[..3]).map_err(|e| fail(&e))?;
        let folders = [inbox, trash, a, b];
        let where_all = |store: &Store| -> Result<Vec<FolderId>, Error> {
            ids.iter().map(|&id| Ok(store.message(id)?.folder)).collect()
        };
        let before = where_all(&store).map_err(|e| fail(&e))?;
        let ledger = store.ledger(account).map_err(|e| fail(&e))?;
        let mut done = Vec::new();
        for (from, to, whole, mask) in steps {
            let selection = if whole {
                Selection::folder(folders[from])
            } else {
                Selection::Ids(ids.iter().enumerate().filter(|(i, _)| mask >> i & 1 == 1).map(|(_, id)| *id).collect())
            };
            done.push(store.move_messages(&selection, folders[to]).map_err(|e| fail(&e))?);
        }
        for moved in done.iter().rev() {
            store.undo_move(moved).map_err(|e| fail(&e))?;
        }
        proptest::prop_assert_eq!(where_all(&store).map_err(|e| fail(&e))?, before);
        // the Trash still knows where its messages came from
        store.restore(&ids[..3]).map_err(|e| fail(&e))?;
        for &id in &ids[..3] {
            proptest::prop_assert_eq!(store.message(id).map_err(|e| fail(&e))?.folder, a);
        }
        proptest::prop_assert_eq!(store.ledger(account).map_err(|e| fail(&e))?, ledger);
    }
}

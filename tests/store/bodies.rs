//! The raw bytes live in the bodies file beside the main one (`store::bodies`): written once,
//! durable before the rows that refer to them, shared by copies, removed with the last message.
use super::*;
use postfach::store::bodies;

/// How many bodies the bodies file holds, read with a connection of its own.
fn bodies_in(store: &Store) -> Result<i64, Box<dyn std::error::Error>> {
    let conn = rusqlite::Connection::open(bodies::path_for(store.path()))?;
    Ok(conn.query_row("SELECT count(*) FROM bodies", [], |r| r.get(0))?)
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

#[test]
fn a_large_message_is_written_to_the_bodies_file_not_the_main_one() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let mut big = fetched("big", "Anhang", NOW);
    big.raw.extend(std::iter::repeat_n(b'x', 3 << 20));
    let stored = store.store_fetched(account, std::slice::from_ref(&big), NOW)?;
    let id = stored[0].message().ok_or("stored")?;
    assert_eq!(store.raw(id)?, big.raw);
    let main = store.path().to_path_buf();
    let main_bytes = file_len(&main) + file_len(&main.with_extension("sqlite3-wal"));
    assert!(
        main_bytes < 1 << 20,
        "main file and WAL hold {main_bytes} bytes"
    );
    let bodies_file = bodies::path_for(&main);
    assert!(file_len(&bodies_file) >= 3 << 20);
    assert_eq!(bodies_in(&store)?, 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&bodies_file)?.permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    Ok(())
}

#[test]
fn copies_share_the_bytes_until_the_last_one_is_deleted() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let stored = store.store_fetched(account, &[fetched("a", "Eins", NOW)], NOW)?;
    let original = stored[0].message().ok_or("stored")?;
    let archive = store.create_local_folder("Archiv")?;
    let copy = store.copy_to(&[original], archive)?[0];
    assert_eq!(bodies_in(&store)?, 1, "a copy shares the bytes");
    store.delete_permanently(&[original], NOW)?;
    assert_eq!(store.raw(copy)?, raw_for("a", "Eins"));
    assert_eq!(bodies_in(&store)?, 1);
    store.delete_permanently(&[copy], NOW)?;
    assert_eq!(
        bodies_in(&store)?,
        0,
        "the last copy takes the bytes with it"
    );
    Ok(())
}

#[test]
fn storing_a_batch_again_leaves_no_second_copy_of_the_bytes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let batch = [fetched("a", "Eins", NOW), fetched("b", "Zwei", NOW)];
    store.store_fetched(account, &batch, NOW)?;
    let again = store.store_fetched(account, &batch, NOW)?;
    assert!(again.iter().all(|o| !o.is_new()));
    assert_eq!(bodies_in(&store)?, 2);
    Ok(())
}

#[test]
fn removing_an_account_with_its_mail_removes_the_bytes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    store.store_fetched(account, &[fetched("a", "Eins", NOW)], NOW)?;
    store.remove_account(account, KeepMail::DeleteIt)?;
    assert_eq!(bodies_in(&store)?, 0);
    Ok(())
}

#[test]
fn a_crash_between_the_bytes_and_the_rows_shows_nothing_and_is_swept_later() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    store.store_fetched(account, &[fetched("kept", "Bleibt", NOW)], NOW)?;
    // A fetch stored a batch's bytes, then the process died before the rows were committed.
    store
        .open_bodies()?
        .put([&b"Subject: halb\r\n\r\nx\r\n"[..]], NOW)?;
    drop(store);
    let mut store = Store::open_in(dir.path())?;
    let inbox = Scope::Account(account, FolderKind::Inbox);
    assert_eq!(store.list(&page(inbox))?.len(), 1);
    assert_eq!(bodies_in(&store)?, 2);
    // A young leftover may belong to a fetch about to commit its rows: it stays.
    assert_eq!(store.sweep_bodies(NOW + 60)?, 0);
    assert_eq!(store.sweep_bodies(NOW + bodies::SWEEP_AGE + 1)?, 1);
    assert_eq!(bodies_in(&store)?, 1);
    let rows = store.list(&page(inbox))?;
    assert_eq!(store.raw(rows[0].id)?, raw_for("kept", "Bleibt"));
    Ok(())
}

//! A writer and a reader with their own `Store` on one file.
use super::*;

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

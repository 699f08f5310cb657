//! The raw bytes of messages, in a database file of their own next to the main one
//! (`postfach.bodies.sqlite3` beside `postfach.sqlite3`).
//!
//! Why apart: in the main file (WAL mode, so the app reads while a fetch writes) every byte is
//! written twice, into the WAL and again when it is checkpointed, and fsync'd twice. Measured on
//! the 114 MB benchmark set that was half a second of a one-second fetch. This file uses a
//! rollback journal: a new body is written once, into fresh pages, and one fsync per batch makes
//! it durable. Its commit also runs on a thread of its own while the main file takes the previous
//! batch's rows and index.
//!
//! The order makes it safe: bodies are committed (durably) before the message rows that refer to
//! them, so a committed message always has its bytes. A crash in between leaves bodies no
//! message refers to; [`Bodies::sweep`] removes those once they are old enough that no fetch can
//! still be about to refer to them. Ids are never reused (`AUTOINCREMENT`).
//!
//! Messages stored before schema version 3 keep their bytes in the main file's `message_bodies`
//! table (their `body_id` is NULL); [`super::Store::raw`] reads either.
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

pub use super::BodyId;
use super::{BUSY_TIMEOUT, Error, restrict_permissions, retry_busy};

/// Bodies no message refers to are removed by [`Bodies::sweep`] only when at least this old
/// (seconds): a fetch commits its message rows within moments of their bodies.
pub const SWEEP_AGE: i64 = 24 * 60 * 60;

/// The bodies file for the main database file at `main`: `x.sqlite3` → `x.bodies.sqlite3`.
pub fn path_for(main: &Path) -> PathBuf {
    main.with_extension("bodies.sqlite3")
}

/// One connection to the bodies file.
pub struct Bodies {
    conn: Connection,
}

impl Bodies {
    /// Opens (or creates) the bodies file: 64 KiB pages (a large attachment is a few dozen
    /// pages, not hundreds), rollback journal, `synchronous=FULL`.
    pub fn open(path: &Path) -> Result<Bodies, Error> {
        let existed = path.exists();
        let conn = Connection::open(path)?;
        if !existed {
            restrict_permissions(path);
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        retry_busy(|| {
            conn.pragma_update(None, "page_size", 65_536)?;
            let mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "TRUNCATE", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("truncate") {
                return Err(Error::Invalid(format!(
                    "the bodies file cannot use a rollback journal (journal_mode is {mode})"
                )));
            }
            conn.pragma_update(None, "synchronous", "FULL")?;
            // Created once: a CREATE … IF NOT EXISTS is a write transaction (journal, fsync) on
            // every open, which a store opened for reading should not pay.
            let ready: bool = conn.query_row(
                "SELECT count(*) = 2 FROM sqlite_master WHERE name IN ('bodies', 'bodies_age')",
                [],
                |r| r.get(0),
            )?;
            if ready {
                return Ok(());
            }
            conn.execute_batch(
                "CREATE TABLE IF NOT EXISTS bodies (
                     id         INTEGER PRIMARY KEY AUTOINCREMENT,
                     stored_at  INTEGER NOT NULL,
                     raw        BLOB NOT NULL
                 );
                 -- the sweep reads ids by age from here, not from the table (whose leaves hold
                 -- the bytes themselves)
                 CREATE INDEX IF NOT EXISTS bodies_age ON bodies(stored_at);",
            )?;
            Ok(())
        })?;
        Ok(Bodies { conn })
    }

    /// Stores `raws` in one transaction and returns their ids, in order. Durable (fsync'd) when
    /// this returns.
    pub fn put<'a>(
        &mut self,
        raws: impl IntoIterator<Item = &'a [u8]> + Clone,
        now: i64,
    ) -> Result<Vec<BodyId>, Error> {
        let conn = &mut self.conn;
        retry_busy(|| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let mut ids = Vec::new();
            {
                let mut stmt =
                    tx.prepare_cached("INSERT INTO bodies (stored_at, raw) VALUES (?1, ?2)")?;
                for raw in raws.clone() {
                    stmt.execute(params![now, raw])?;
                    ids.push(BodyId(tx.last_insert_rowid()));
                }
            }
            tx.commit()?;
            Ok(ids)
        })
    }

    /// The bytes of body `id`; [`Error::NotFound`] when it does not exist.
    pub fn get(&self, id: BodyId) -> Result<Vec<u8>, Error> {
        retry_busy(|| {
            self.conn
                .prepare_cached("SELECT raw FROM bodies WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?
                .ok_or(Error::NotFound)
        })
    }

    /// Removes these bodies (missing ids are skipped).
    pub fn delete(&mut self, ids: &[BodyId]) -> Result<(), Error> {
        if ids.is_empty() {
            return Ok(());
        }
        let conn = &mut self.conn;
        retry_busy(|| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            {
                let mut stmt = tx.prepare_cached("DELETE FROM bodies WHERE id = ?1")?;
                for id in ids {
                    stmt.execute([id])?;
                }
            }
            tx.commit()?;
            Ok(())
        })
    }

    /// Removes the bodies stored before `now - SWEEP_AGE` that `referenced` does not name (the
    /// leftovers of a crash between a body's commit and its message's). Returns how many.
    pub fn sweep(
        &mut self,
        referenced: &std::collections::HashSet<i64>,
        now: i64,
    ) -> Result<usize, Error> {
        let candidates: Vec<BodyId> = retry_busy(|| {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id FROM bodies WHERE stored_at < ?1")?;
            let ids = stmt.query_map([now - SWEEP_AGE], |r| r.get::<_, i64>(0))?;
            Ok(ids.collect::<Result<Vec<_>, _>>()?)
        })?
        .into_iter()
        .filter(|id| !referenced.contains(id))
        .map(BodyId)
        .collect();
        self.delete(&candidates)?;
        Ok(candidates.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_round_trip_and_ids_are_never_reused() -> Result<(), Error> {
        let dir = tempfile::tempdir()?;
        let path = path_for(&dir.path().join("postfach.sqlite3"));
        assert!(path.ends_with("postfach.bodies.sqlite3"));
        let mut bodies = Bodies::open(&path)?;
        let ids = bodies.put([&b"one"[..], &b"two"[..]], 100)?;
        assert_eq!(bodies.get(ids[1])?, b"two");
        bodies.delete(&ids[1..])?;
        assert!(matches!(bodies.get(ids[1]), Err(Error::NotFound)));
        let again = bodies.put([&b"three"[..]], 100)?;
        assert!(again[0] > ids[1]);
        let page_size: i64 = bodies
            .conn
            .pragma_query_value(None, "page_size", |r| r.get(0))?;
        assert_eq!(page_size, 65_536);
        Ok(())
    }

    #[test]
    fn sweep_removes_only_old_unreferenced_bodies() -> Result<(), Error> {
        let dir = tempfile::tempdir()?;
        let mut bodies = Bodies::open(&dir.path().join("b.sqlite3"))?;
        let old = bodies.put([&b"kept"[..], &b"orphan"[..]], 1_000)?;
        let fresh = bodies.put([&b"in flight"[..]], 1_000 + SWEEP_AGE)?;
        let referenced = std::collections::HashSet::from([old[0].0]);
        assert_eq!(bodies.sweep(&referenced, 1_000 + SWEEP_AGE + 1)?, 1);
        assert_eq!(bodies.get(old[0])?, b"kept");
        assert!(matches!(bodies.get(old[1]), Err(Error::NotFound)));
        assert_eq!(bodies.get(fresh[0])?, b"in flight");
        Ok(())
    }
}

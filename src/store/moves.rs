//! Moving and copying many messages at once, in one transaction, with what an undo needs.
//!
//! The window names what it acts on as a [`Selection`]: a few ids, or "everything in this
//! folder" (so "select all" of 100,000 messages does not ship 100,000 ids to the store). A move
//! returns [`Moved`], where each message came from; [`Store::undo_move`] puts them back.
//!
//! The server policy is untouched by all of this: a move (into the Trash too) changes only
//! `folder_id` and `trash_from`, never the ledger, so moving a message out of the Inbox is not
//! a deletion. Only [`Store::delete_permanently`] of a message's last local copy records
//! `local_deleted_at`, the one thing "delete from the server when I delete it here" acts on.
use rusqlite::{Connection, params, params_from_iter};

use super::folders;
use super::messages::scope_filter;
use super::{AccountId, Error, FolderId, MessageId, Scope, Store, outbox};

/// The messages a bulk action applies to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Selection {
    /// These messages (ids that no longer exist are skipped).
    Ids(Vec<MessageId>),
    /// Every message in `scope` (or every unread one) at the moment the action runs.
    All { scope: Scope, unread_only: bool },
}

impl Selection {
    /// Every message of one folder.
    pub fn folder(folder: FolderId) -> Selection {
        Selection::All {
            scope: Scope::Folder(folder),
            unread_only: false,
        }
    }
}

impl From<Vec<MessageId>> for Selection {
    fn from(ids: Vec<MessageId>) -> Selection {
        Selection::Ids(ids)
    }
}

/// Where one moved message was before the move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct MovedEntry {
    pub id: MessageId,
    /// The folder it was in.
    pub from: FolderId,
    /// Its `trash_from` before the move (set when it was in a Trash).
    pub trash_from: Option<FolderId>,
    /// The folder it was moved to.
    pub to: FolderId,
}

/// What a move did: one entry per message that changed folder (messages already in the target
/// are not listed). Keep it for [`Store::undo_move`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Moved {
    pub entries: Vec<MovedEntry>,
}

impl Moved {
    /// How many messages changed folder.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Fills `temp.sel` with the selected messages' ids, emptying it first.
pub(crate) fn select_into_temp(conn: &Connection, selection: &Selection) -> Result<(), Error> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS sel (id INTEGER PRIMARY KEY, target INTEGER); \
         DELETE FROM temp.sel;",
    )?;
    match selection {
        Selection::Ids(ids) => {
            let mut insert =
                conn.prepare_cached("INSERT OR IGNORE INTO temp.sel (id) VALUES (?1)")?;
            for id in ids {
                insert.execute([id])?;
            }
        }
        Selection::All { scope, unread_only } => {
            let (filter, args) = scope_filter(conn, scope)?;
            let unread = if *unread_only { "AND m.seen = 0" } else { "" };
            conn.execute(
                &format!(
                    "INSERT INTO temp.sel (id) SELECT m.id FROM messages m WHERE {filter} {unread}"
                ),
                params_from_iter(args.iter()),
            )?;
        }
    }
    // ids that no longer exist
    conn.execute(
        "DELETE FROM temp.sel WHERE id NOT IN (SELECT id FROM messages)",
        [],
    )?;
    Ok(())
}

/// The selected messages' ids, in id order (after [`select_into_temp`]).
pub(crate) fn selected_ids(conn: &Connection) -> Result<Vec<MessageId>, Error> {
    let mut stmt = conn.prepare_cached("SELECT id FROM temp.sel ORDER BY id")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// Moves every message in `temp.sel` to its `target` (rows without a target stay), in the
/// caller's transaction, and returns where they were. Moving into a Trash remembers the
/// folder a message came from (a message moved from one Trash to another keeps its origin);
/// moving anywhere else forgets it. A message leaving an Outbox no longer waits to be sent
/// ([`Error::BeingSent`] while it is being sent); nothing moves into an Outbox.
pub(crate) fn move_targets(conn: &Connection) -> Result<Moved, Error> {
    let into_outbox: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM temp.sel s JOIN folders f ON f.id = s.target \
             WHERE f.kind = 'outbox')",
        )?
        .query_row([], |r| r.get(0))?;
    if into_outbox {
        return Err(Error::Invalid(
            "messages reach the Outbox by being sent".into(),
        ));
    }
    let mut entries = Vec::new();
    let mut from_outbox = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT m.id, m.folder_id, m.trash_from, s.target, f.kind = 'outbox' \
             FROM temp.sel s JOIN messages m ON m.id = s.id JOIN folders f ON f.id = m.folder_id \
             WHERE s.target IS NOT NULL AND m.folder_id <> s.target ORDER BY m.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                MovedEntry {
                    id: r.get(0)?,
                    from: r.get(1)?,
                    trash_from: r.get(2)?,
                    to: r.get(3)?,
                },
                r.get::<_, bool>(4)?,
            ))
        })?;
        for row in rows {
            let (entry, outboxed) = row?;
            if outboxed {
                from_outbox.push(entry.id);
            }
            entries.push(entry);
        }
    }
    for id in from_outbox {
        outbox::release(conn, id)?;
    }
    conn.prepare_cached(
        "UPDATE messages SET folder_id = s.target, \
           trash_from = CASE WHEN tk.kind <> 'trash' THEN NULL \
                             WHEN fk.kind = 'trash' THEN messages.trash_from \
                             ELSE messages.folder_id END \
         FROM temp.sel s, folders tk, folders fk \
         WHERE s.id = messages.id AND tk.id = s.target AND fk.id = messages.folder_id \
           AND messages.folder_id <> s.target",
    )?
    .execute([])?;
    Ok(Moved { entries })
}

/// Sets every selected message's target to the Trash it belongs in: the Trash of the account
/// whose folder it is in, else of the account that fetched it, else the local Trash (created
/// when needed). Messages already in a Trash get no target (they stay).
pub(crate) fn target_trash(conn: &Connection) -> Result<(), Error> {
    type Origin = (FolderId, Option<AccountId>, Option<AccountId>);
    let mut origins: Vec<Origin> = Vec::new();
    {
        // a folder of an account: its Trash; a folder of no account: the fetching account's
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT f.id, f.account_id, \
               CASE WHEN f.account_id IS NULL THEN m.account_id END \
             FROM temp.sel s JOIN messages m ON m.id = s.id JOIN folders f ON f.id = m.folder_id \
             WHERE f.kind <> 'trash'",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        for row in rows {
            origins.push(row?);
        }
    }
    let mut set = conn.prepare_cached(
        "UPDATE temp.sel SET target = ?1 WHERE id IN (SELECT id FROM messages \
         WHERE folder_id = ?2 AND (?3 IS NOT NULL OR account_id IS ?4))",
    )?;
    for (folder, folder_account, fetched_by) in origins {
        let trash = folders::trash_for(conn, folder_account.or(fetched_by))?;
        set.execute(params![trash, folder, folder_account, fetched_by])?;
    }
    Ok(())
}

impl Store {
    /// Moves the selected messages into `folder`, in one transaction, and returns where each
    /// came from (for [`Store::undo_move`]). Moving into a Trash remembers the origin, as
    /// [`Store::move_to_trash`] does. [`Error::NotFound`] if the folder does not exist;
    /// [`Error::Invalid`] for an Outbox. Nothing on the server changes (see the module docs).
    ///
    /// Measured: 100,000 messages of one folder in about a second (`benches/store_bench.rs`,
    /// docs/BENCHMARKS.md). Call it off the window's thread (`Db::call`).
    pub fn move_messages(
        &mut self,
        selection: &Selection,
        folder: FolderId,
    ) -> Result<Moved, Error> {
        self.write(|tx| {
            folders::folder_info(tx, folder)?;
            select_into_temp(tx, selection)?;
            tx.execute("UPDATE temp.sel SET target = ?1", [folder])?;
            move_targets(tx)
        })
    }

    /// Moves the selected messages into the Trash they belong in (see
    /// [`Store::move_to_trash`]), in one transaction, returning where each came from.
    pub fn trash_messages(&mut self, selection: &Selection) -> Result<Moved, Error> {
        self.write(|tx| {
            select_into_temp(tx, selection)?;
            target_trash(tx)?;
            move_targets(tx)
        })
    }

    /// Puts the messages of an earlier move back where they were, in one transaction. A message
    /// that has moved on since (it is no longer in the folder the move put it in), or whose
    /// original folder is gone or was an Outbox (a message is sent again only on purpose), stays
    /// where it is. Returns how many went back.
    pub fn undo_move(&mut self, moved: &Moved) -> Result<usize, Error> {
        self.write(|tx| {
            tx.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS undo (id INTEGER PRIMARY KEY, back INTEGER, \
                   trash_from INTEGER, was_at INTEGER); \
                 DELETE FROM temp.undo;",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO temp.undo (id, back, trash_from, was_at) \
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for e in &moved.entries {
                insert.execute(params![e.id, e.from, e.trash_from, e.to])?;
            }
            let n = tx
                .prepare_cached(
                    "UPDATE messages SET folder_id = u.back, \
                       trash_from = CASE WHEN f.kind = 'trash' THEN u.trash_from ELSE NULL END \
                     FROM temp.undo u, folders f \
                     WHERE u.id = messages.id AND messages.folder_id = u.was_at \
                       AND f.id = u.back AND f.kind <> 'outbox'",
                )?
                .execute([])?;
            Ok(n)
        })
    }

    /// Copies the selected messages into `folder` in one transaction (see [`Store::copy_to`]
    /// for what a copy keeps). Returns the new ids, in the order of the originals' ids.
    pub fn copy_messages(
        &mut self,
        selection: &Selection,
        folder: FolderId,
    ) -> Result<Vec<MessageId>, Error> {
        let ids = match selection {
            Selection::Ids(ids) => ids.clone(),
            all => self.write(|tx| {
                select_into_temp(tx, all)?;
                selected_ids(tx)
            })?,
        };
        self.copy_to(&ids, folder)
    }

    /// Undoes a copy: removes these copies. A copy that has become the last local copy of its
    /// message (the original was deleted since) goes to the Trash instead of being deleted, so
    /// an undo never deletes a message for good. Returns how many copies were removed or
    /// trashed.
    pub fn undo_copy(&mut self, copies: &[MessageId], now: i64) -> Result<usize, Error> {
        let (spare, last): (Vec<MessageId>, Vec<MessageId>) = self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT m.id, EXISTS (SELECT 1 FROM messages o \
                   WHERE o.fts_id = m.fts_id AND o.id <> m.id) FROM messages m WHERE m.id = ?1",
            )?;
            let (mut spare, mut last) = (Vec::new(), Vec::new());
            for &id in copies {
                let found: Option<(MessageId, bool)> = rusqlite::OptionalExtension::optional(
                    stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))),
                )?;
                match found {
                    Some((id, true)) => spare.push(id),
                    Some((id, false)) => last.push(id),
                    None => {}
                }
            }
            Ok((spare, last))
        })?;
        self.delete_permanently(&spare, now)?;
        self.trash_messages(&Selection::Ids(last.clone()))?;
        Ok(spare.len() + last.len())
    }

    /// The ids a selection stands for right now, in id order (ids that no longer exist are
    /// left out).
    pub fn selection_ids(&self, selection: &Selection) -> Result<Vec<MessageId>, Error> {
        self.read(|c| match selection {
            Selection::Ids(ids) => {
                let mut stmt = c.prepare_cached("SELECT 1 FROM messages WHERE id = ?1")?;
                let mut out = Vec::with_capacity(ids.len());
                for &id in ids {
                    if stmt.exists([id])? {
                        out.push(id);
                    }
                }
                out.sort_unstable();
                out.dedup();
                Ok(out)
            }
            Selection::All { scope, unread_only } => {
                let (filter, args) = scope_filter(c, scope)?;
                let unread = if *unread_only { "AND m.seen = 0" } else { "" };
                let mut stmt = c.prepare(&format!(
                    "SELECT m.id FROM messages m WHERE {filter} {unread} ORDER BY m.id"
                ))?;
                let ids = stmt.query_map(params_from_iter(args.iter()), |r| r.get(0))?;
                Ok(ids.collect::<Result<_, _>>()?)
            }
        })
    }

    /// How many messages a selection holds right now (e.g. for "Move 100,000 messages?").
    pub fn count_selection(&self, selection: &Selection) -> Result<u64, Error> {
        match selection {
            Selection::Ids(ids) => Ok(ids.len() as u64),
            Selection::All { scope, unread_only } => self.count(scope, *unread_only),
        }
    }
}

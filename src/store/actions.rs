//! What the user does to messages: flags, Trash and back, move, copy, delete, import.
use rusqlite::{Connection, OptionalExtension, params};

use super::bodies::BodyId;
use super::folders::{self, FolderKind};
use super::local::Target;
use super::messages;
use super::outbox;
use super::{AccountId, Error, FolderId, MessageId, Store};
use crate::mime::Summary;

/// Name of the local folder that restored messages go to when their original folder is gone.
const RESTORED_FOLDER: &str = "Restored";

/// Where a message is and what it is linked to.
struct Located {
    folder: FolderId,
    account: Option<AccountId>,
    uidl: Option<String>,
    trash_from: Option<FolderId>,
}

fn locate(conn: &Connection, id: MessageId) -> Result<Option<Located>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT folder_id, account_id, uidl, trash_from FROM messages WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Located {
                folder: r.get(0)?,
                account: r.get(1)?,
                uidl: r.get(2)?,
                trash_from: r.get(3)?,
            })
        })
        .optional()?)
}

/// Moves one message to `target`, remembering where it came from when `target` is a Trash.
fn move_one(conn: &Connection, id: MessageId, at: &Located, target: FolderId) -> Result<(), Error> {
    if at.folder == target {
        return Ok(());
    }
    let (_, from_kind) = folders::folder_info(conn, at.folder)?;
    let (_, to_kind) = folders::folder_info(conn, target)?;
    if to_kind == FolderKind::Outbox {
        return Err(Error::Invalid(
            "messages reach the Outbox by being sent".into(),
        ));
    }
    if from_kind == FolderKind::Outbox {
        // it no longer waits to be sent (refused while it is being sent)
        outbox::release(conn, id)?;
    }
    let trash_from = match (to_kind, from_kind) {
        (FolderKind::Trash, FolderKind::Trash) => at.trash_from,
        (FolderKind::Trash, _) => Some(at.folder),
        _ => None,
    };
    conn.prepare_cached("UPDATE messages SET folder_id = ?2, trash_from = ?3 WHERE id = ?1")?
        .execute(params![id, target, trash_from])?;
    Ok(())
}

/// [`Store::copy_to`] in the caller's transaction.
pub(crate) fn copy_rows(
    tx: &Connection,
    ids: &[MessageId],
    folder: FolderId,
) -> Result<Vec<MessageId>, Error> {
    let (_, kind) = folders::folder_info(tx, folder)?;
    if kind == FolderKind::Outbox {
        return Err(Error::Invalid(
            "messages reach the Outbox by being sent".into(),
        ));
    }
    let trash_from = if kind == FolderKind::Trash {
        "folder_id"
    } else {
        "NULL"
    };
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let new_id = messages::next_id(tx)?;
        let n = tx
            .prepare_cached(&format!(
                "INSERT INTO messages (id, folder_id, account_id, uidl, trash_from, \
                 message_id_hdr, subject, from_name, from_email, to_text, cc_text, date, \
                 sort_date, received_at, size, has_attachments, preview, seen, flagged, \
                 sha256, fts_id, body_id, answered, forwarded) \
                 SELECT ?1, ?2, account_id, uidl, {trash_from}, message_id_hdr, subject, \
                 from_name, from_email, to_text, cc_text, date, sort_date, received_at, \
                 size, has_attachments, preview, seen, flagged, sha256, fts_id, body_id, \
                 answered, forwarded FROM messages WHERE id = ?3"
            ))?
            .execute(params![new_id, folder, id])?;
        if n == 0 {
            return Err(Error::NotFound);
        }
        // A copy shares the bodies-file bytes (body_id); a message stored before
        // schema version 3 has its bytes here, and the copy gets its own.
        tx.prepare_cached(
            "INSERT INTO message_bodies (message_id, raw) \
             SELECT ?1, raw FROM message_bodies WHERE message_id = ?2",
        )?
        .execute(params![new_id, id])?;
        out.push(MessageId(new_id));
    }
    Ok(out)
}

impl Store {
    /// Marks messages read or unread. Ids that no longer exist are skipped.
    pub fn set_seen(&mut self, ids: &[MessageId], seen: bool) -> Result<(), Error> {
        self.set_flag(ids, "seen", seen)
    }

    /// Flags or unflags messages. Ids that no longer exist are skipped.
    pub fn set_flagged(&mut self, ids: &[MessageId], flagged: bool) -> Result<(), Error> {
        self.set_flag(ids, "flagged", flagged)
    }

    fn set_flag(&mut self, ids: &[MessageId], column: &str, value: bool) -> Result<(), Error> {
        if ids.is_empty() {
            return Ok(());
        }
        let sql = format!("UPDATE messages SET {column} = ?2 WHERE id = ?1 AND {column} <> ?2");
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(&sql)?;
            for id in ids {
                stmt.execute(params![id, value])?;
            }
            Ok(())
        })
    }

    /// Moves messages to the Trash of the account whose folder they are in (or of the account
    /// that fetched them; mail of no account goes to the local Trash), remembering the folder
    /// they came from. Messages already in a Trash stay; ids that no longer exist are skipped.
    pub fn move_to_trash(&mut self, ids: &[MessageId]) -> Result<(), Error> {
        self.write(|tx| {
            for &id in ids {
                let Some(at) = locate(tx, id)? else {
                    continue;
                };
                let (folder_account, kind) = folders::folder_info(tx, at.folder)?;
                if kind == FolderKind::Trash {
                    continue;
                }
                let trash = folders::trash_for(tx, folder_account.or(at.account))?;
                move_one(tx, id, &at, trash)?;
            }
            Ok(())
        })
    }

    /// Moves messages in a Trash back to the folder they came from. When that folder is gone:
    /// to the Inbox of the Trash's account, else to the local folder "Restored". Messages not in
    /// a Trash, and ids that no longer exist, are skipped.
    pub fn restore(&mut self, ids: &[MessageId]) -> Result<(), Error> {
        self.write(|tx| {
            for &id in ids {
                let Some(at) = locate(tx, id)? else {
                    continue;
                };
                let (trash_account, kind) = folders::folder_info(tx, at.folder)?;
                if kind != FolderKind::Trash {
                    continue;
                }
                let target = match at.trash_from {
                    // an unsent message comes back as a draft, to be sent again on purpose
                    Some(f) if folders::folder_info(tx, f)?.1 == FolderKind::Outbox => {
                        let (account, _) = folders::folder_info(tx, f)?;
                        folders::find_special(tx, account, FolderKind::Drafts)?
                            .ok_or(Error::NotFound)?
                    }
                    Some(f) => f,
                    None => match trash_account.or(at.account) {
                        Some(a) => folders::find_special(tx, Some(a), FolderKind::Inbox)?
                            .ok_or(Error::NotFound)?,
                        None => folders::local_folder_get_or_create(tx, RESTORED_FOLDER)?,
                    },
                };
                move_one(tx, id, &at, target)?;
            }
            Ok(())
        })
    }

    /// Moves messages into `folder` ([`Error::NotFound`] if it does not exist). Moving into a
    /// Trash remembers the origin, as [`Store::move_to_trash`] does. Missing ids are skipped.
    pub fn move_to(&mut self, ids: &[MessageId], folder: FolderId) -> Result<(), Error> {
        self.write(|tx| {
            folders::folder_info(tx, folder)?;
            for &id in ids {
                if let Some(at) = locate(tx, id)? {
                    move_one(tx, id, &at, folder)?;
                }
            }
            Ok(())
        })
    }

    /// Copies messages into `folder`; returns the new ids in the order given. A copy keeps the
    /// account and UIDL link (it counts as a local copy for the ledger), the flags and the dates.
    /// [`Error::NotFound`] (and nothing copied) if the folder or a message does not exist.
    pub fn copy_to(
        &mut self,
        ids: &[MessageId],
        folder: FolderId,
    ) -> Result<Vec<MessageId>, Error> {
        self.write(|tx| copy_rows(tx, ids, folder))
    }

    /// Deletes messages for good (row, raw bytes, index entry). When the last local message with
    /// a given (account, UIDL) is gone, the ledger records `local_deleted_at = now`: only then may
    /// "delete from the server when deleted here" remove the server's copy. The ledger row itself
    /// stays. Missing ids are skipped.
    pub fn delete_permanently(&mut self, ids: &[MessageId], now: i64) -> Result<(), Error> {
        let bodies = self.write(|tx| {
            let mut bodies = Vec::new();
            for &id in ids {
                let Some(Located { account, uidl, .. }) = locate(tx, id)? else {
                    continue;
                };
                outbox::release(tx, id)?;
                let body: Option<BodyId> = tx
                    .prepare_cached("DELETE FROM messages WHERE id = ?1 RETURNING body_id")?
                    .query_row([id], |r| r.get(0))?;
                bodies.extend(body);
                let (Some(account), Some(uidl)) = (account, uidl) else {
                    continue;
                };
                let remaining: Option<MessageId> = tx
                    .prepare_cached(
                        "SELECT min(id) FROM messages WHERE account_id = ?1 AND uidl = ?2",
                    )?
                    .query_row(params![account, uidl], |r| r.get(0))?;
                match remaining {
                    None => tx
                        .prepare_cached(
                            "UPDATE ledger SET local_deleted_at = ?3 WHERE account_id = ?1 \
                             AND uidl = ?2 AND local_deleted_at IS NULL",
                        )?
                        .execute(params![account, uidl, now])?,
                    Some(copy) => tx
                        .prepare_cached(
                            "UPDATE ledger SET message_id = ?3 WHERE account_id = ?1 \
                             AND uidl = ?2 AND message_id IS NULL",
                        )?
                        .execute(params![account, uidl, copy])?,
                };
            }
            Ok(bodies)
        })?;
        self.drop_unreferenced_bodies(&bodies);
        Ok(())
    }

    /// A message in `folder` with exactly these bytes (by SHA-256, lower-case hex), if any.
    pub fn find_in_folder(
        &self,
        folder: FolderId,
        sha256: &str,
    ) -> Result<Option<MessageId>, Error> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT id FROM messages WHERE folder_id = ?1 AND sha256 = ?2 LIMIT 1",
            )?
            .query_row(params![folder, sha256], |r| r.get(0))
            .optional()?)
        })
    }

    /// Imports a message (e.g. a dropped `.eml` file) into `folder`: no account, no UIDL, no
    /// ledger row. `now` is its receive time.
    pub fn import(
        &mut self,
        folder: FolderId,
        raw: &[u8],
        summary: &Summary,
        now: i64,
    ) -> Result<MessageId, Error> {
        let target = |c: &Connection| {
            folders::folder_info(c, folder)?;
            Ok(Target {
                folder,
                account: None,
                seen: false,
            })
        };
        let (id, ()) = self.store_local(raw, summary, now, target, |_, _| Ok(((), None)))?;
        Ok(id)
    }
}

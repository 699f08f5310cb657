//! Drafts: messages being written, saved as they are typed into the account's Drafts folder.
//! Each save replaces the previous one in one transaction, so a crash leaves either the old
//! or the new draft, never none and never both. A `drafts` row keeps what the draft answers
//! or forwards, so sending it later still marks that message.
use rusqlite::{Connection, OptionalExtension, params};

use super::bodies::BodyId;
use super::folders::{self, FolderKind};
use super::local::Target;
use super::{AccountId, Error, MessageId, Store};
use crate::mime::Summary;

/// What a draft (or a queued message) answers or forwards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Links {
    pub answers: Option<MessageId>,
    pub forwards: Option<MessageId>,
}

/// Removes a draft (row, index entry; its `drafts` row by cascade). Returns its body for the
/// caller to drop after the commit; `None` when it is gone already. Refuses a message that is
/// not in a Drafts folder.
pub(crate) fn remove(conn: &Connection, id: MessageId) -> Result<Option<BodyId>, Error> {
    let folder = conn
        .prepare_cached("SELECT folder_id FROM messages WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    let Some(folder) = folder else {
        return Ok(None);
    };
    if folders::folder_info(conn, folder)?.1 != FolderKind::Drafts {
        return Err(Error::Invalid("the message is not a draft".into()));
    }
    Ok(conn
        .prepare_cached("DELETE FROM messages WHERE id = ?1 RETURNING body_id")?
        .query_row([id], |r| r.get(0))?)
}

impl Store {
    /// Saves a draft of `account` (durably), replacing `replaces` (the draft saved before) in
    /// the same transaction. Returns the new draft's id.
    pub fn save_draft(
        &mut self,
        account: AccountId,
        raw: &[u8],
        summary: &Summary,
        links: Links,
        replaces: Option<MessageId>,
        now: i64,
    ) -> Result<MessageId, Error> {
        let target = |c: &Connection| {
            Ok(Target {
                folder: folders::find_special(c, Some(account), FolderKind::Drafts)?
                    .ok_or(Error::NotFound)?,
                account: Some(account),
                seen: true,
            })
        };
        let (id, ()) = self.store_local(raw, summary, now, target, |tx, id| {
            let dropped = match replaces {
                Some(old) => remove(tx, old)?,
                None => None,
            };
            tx.prepare_cached(
                "INSERT INTO drafts (message_id, answers, forwards) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, links.answers, links.forwards])?;
            Ok(((), dropped))
        })?;
        Ok(id)
    }

    /// What a draft answers or forwards (nothing for a message that is not a draft).
    pub fn draft_links(&self, id: MessageId) -> Result<Links, Error> {
        self.read(|c| {
            Ok(
                c.prepare_cached("SELECT answers, forwards FROM drafts WHERE message_id = ?1")?
                    .query_row([id], |r| {
                        Ok(Links {
                            answers: r.get(0)?,
                            forwards: r.get(1)?,
                        })
                    })
                    .optional()?
                    .unwrap_or_default(),
            )
        })
    }

    /// Deletes a draft for good (sent, or discarded by the user). A draft that is gone already
    /// is not an error.
    pub fn delete_draft(&mut self, id: MessageId) -> Result<(), Error> {
        let dropped = self.write(|tx| remove(tx, id))?;
        self.drop_unreferenced_bodies(&dropped.into_iter().collect::<Vec<_>>());
        Ok(())
    }
}

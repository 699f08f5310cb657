//! Many messages from another program's files (an mbox, a Maildir) stored at once: the bytes of
//! a batch durably in one transaction of the bodies file, then their rows and index entries in
//! one transaction of the store, as for a single imported file (`local.rs`). A batch is stored
//! whole or not at all; an import killed between batches is completed by running it again,
//! which skips what is stored already ([`Store::folder_hashes`]).
use std::collections::HashSet;

use rusqlite::params;

use super::messages::{self, PendingIndex, Placement, Prepared};
use super::{Error, FolderId, MessageId, Store, folders};
use crate::mime::Summary;

/// A message read from files, and what the files said about it.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub raw: Vec<u8>,
    pub summary: Summary,
    pub seen: bool,
    pub flagged: bool,
    /// When it arrived, as the files tell (else the time of the import).
    pub received_at: i64,
    /// The POP3 UIDL the program that downloaded it recorded in it (`X-UIDL`), if any: links it
    /// to that program's imported state ([`Store::link_imported`]).
    pub uidl: Option<String>,
}

impl Store {
    /// The SHA-256 (lower-case hex) of every message in `folder`.
    pub fn folder_hashes(&self, folder: FolderId) -> Result<HashSet<String>, Error> {
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT sha256 FROM messages WHERE folder_id = ?1")?;
            let rows = stmt.query_map([folder], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<Result<HashSet<_>, _>>()?)
        })
    }

    /// Stores `batch` in `folder`: all of it, or (on an error) none of it.
    pub fn import_many(
        &mut self,
        folder: FolderId,
        batch: &[Incoming],
    ) -> Result<Vec<MessageId>, Error> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        self.read(|c| folders::folder_info(c, folder).map(|_| ()))?;
        let prepared: Vec<Prepared> = batch
            .iter()
            .map(|m| Prepared::new(&m.raw, &m.summary))
            .collect();
        let now = batch.iter().map(|m| m.received_at).max().unwrap_or(0);
        let bodies = self
            .bodies()?
            .put(batch.iter().map(|m| m.raw.as_slice()), now)?;
        let stored = self.write(|tx| {
            let mut index = PendingIndex::default();
            let mut ids = Vec::with_capacity(batch.len());
            for ((m, p), body) in batch.iter().zip(&prepared).zip(&bodies) {
                let id = messages::insert(
                    tx,
                    &m.raw,
                    *body,
                    &m.summary,
                    p,
                    &Placement {
                        folder,
                        account: None,
                        uidl: None,
                        received_at: m.received_at,
                        // imported mail is not "arriving": the rules are not run on it
                        filter_pending: false,
                    },
                    &mut index,
                )?;
                if let Some(uidl) = &m.uidl {
                    tx.prepare_cached(
                        "INSERT INTO import_uidls (message_id, uidl) VALUES (?1, ?2)",
                    )?
                    .execute(params![id, uidl])?;
                }
                if m.seen || m.flagged {
                    tx.prepare_cached("UPDATE messages SET seen = ?2, flagged = ?3 WHERE id = ?1")?
                        .execute(params![id, m.seen, m.flagged])?;
                }
                ids.push(id);
            }
            index.write(tx)?;
            Ok(ids)
        });
        if stored.is_err() {
            self.drop_unreferenced_bodies(&bodies);
        }
        stored
    }
}

//! Messages that start here rather than on a server: imported files, drafts, the Outbox. One
//! way to store them: the bytes durably first, then the row, its index entry and whatever the
//! caller adds in the same transaction; bytes left unused by a failure or a replaced message
//! are removed afterwards.
use rusqlite::Connection;

use super::bodies::BodyId;
use super::messages::{self, PendingIndex, Placement, Prepared};
use super::{AccountId, Error, FolderId, MessageId, Store};
use crate::mime::Summary;

/// Where a message made here goes.
pub(crate) struct Target {
    pub folder: FolderId,
    pub account: Option<AccountId>,
    /// Read already (what the user wrote is not news to them).
    pub seen: bool,
}

impl Store {
    /// Stores `raw` where `place` says (run inside the transaction), then runs `then` with the
    /// new message in the same transaction. `then` returns its result and the body of a message
    /// it removed, if any, which is dropped after the commit.
    pub(crate) fn store_local<T>(
        &mut self,
        raw: &[u8],
        summary: &Summary,
        now: i64,
        place: impl Fn(&Connection) -> Result<Target, Error>,
        mut then: impl FnMut(&Connection, MessageId) -> Result<(T, Option<BodyId>), Error>,
    ) -> Result<(MessageId, T), Error> {
        let prepared = Prepared::new(raw, summary);
        self.read(|c| place(c).map(|_| ()))?;
        // The bytes first, durably; then the row that refers to them.
        let body = self.bodies()?.put([raw], now)?[0];
        let stored = self.write(|tx| {
            let target = place(tx)?;
            let mut index = PendingIndex::default();
            let id = messages::insert(
                tx,
                raw,
                body,
                summary,
                &prepared,
                &Placement {
                    folder: target.folder,
                    account: target.account,
                    uidl: None,
                    received_at: now,
                    filter_pending: false,
                },
                &mut index,
            )?;
            index.write(tx)?;
            if target.seen {
                tx.prepare_cached("UPDATE messages SET seen = 1 WHERE id = ?1")?
                    .execute([id])?;
            }
            let (value, dropped) = then(tx, id)?;
            Ok((id, value, dropped))
        });
        match stored {
            Ok((id, value, dropped)) => {
                self.drop_unreferenced_bodies(&dropped.into_iter().collect::<Vec<_>>());
                Ok((id, value))
            }
            Err(e) => {
                self.drop_unreferenced_bodies(&[body]);
                Err(e)
            }
        }
    }
}

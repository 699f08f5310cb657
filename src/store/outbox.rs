//! The Outbox: written messages waiting to be sent, each a message in its account's Outbox
//! folder with an `outbox` row (envelope, state, attempts, next try, why the last try failed).
//! Sending is exactly-once as far as this side can know (see `crate::send`):
//!
//! ```text
//! queued ──claim──▶ sending ──before the final dot──▶ dot_sent ──250──▶ (moved to Sent)
//!   ▲                  │                                 │
//!   └──4xx, network────┘──5xx──▶ failed                  └──no reply──▶ unknown
//! ```
//!
//! `unknown` ("may have been sent") is never left automatically: the user says whether to send
//! again or to treat it as sent. [`Store::recover_outbox`] turns what a crash left behind into
//! `queued` (nothing was sent yet) or `unknown` (the final dot may have gone out).
use std::fmt;
use std::str::FromStr;

use rusqlite::{Connection, OptionalExtension, params};

use super::folders::{self, FolderKind};
use super::local::Target;
use super::messages::{ROW_COLUMN_COUNT, ROW_COLUMNS, row_from};
use super::{AccountId, Error, MessageId, MessageRow, Store};
use crate::mime::Summary;

/// Where a message in the Outbox stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum OutboxState {
    /// Waiting for its next try.
    Queued,
    /// A sender took it and is talking to the server; nothing final was sent.
    Sending,
    /// The final dot is being sent; the server's answer decides.
    DotSent,
    /// The final dot may have reached the server but no answer came: it may have been sent.
    Unknown,
    /// The server refused it for good; the reason says why.
    Failed,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::DotSent => "dot_sent",
            OutboxState::Unknown => "unknown",
            OutboxState::Failed => "failed",
        }
    }

    /// Whether a sender is working on it (it cannot be edited, moved or removed now).
    pub fn is_in_flight(self) -> bool {
        matches!(self, OutboxState::Sending | OutboxState::DotSent)
    }
}

impl fmt::Display for OutboxState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OutboxState {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "queued" => OutboxState::Queued,
            "sending" => OutboxState::Sending,
            "dot_sent" => OutboxState::DotSent,
            "unknown" => OutboxState::Unknown,
            "failed" => OutboxState::Failed,
            other => return Err(Error::Corrupt(format!("outbox state {other:?}"))),
        })
    }
}

fn state_column(text: String) -> rusqlite::Result<OutboxState> {
    text.parse().map_err(|e: Error| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A message to put into the Outbox ([`Store::queue`]).
#[derive(Debug, Clone, Copy)]
pub struct ToQueue<'a> {
    pub account: AccountId,
    /// The message as Sent will keep it (with the Bcc line).
    pub stored: &'a [u8],
    /// Where the bytes the server gets start within `stored` (after the Bcc line).
    pub transmit_from: usize,
    pub envelope_from: &'a str,
    pub recipients: &'a [String],
    /// What `mime::summarize(stored)` extracted.
    pub summary: &'a Summary,
    /// The message this one answers (marked answered once it is sent).
    pub answers: Option<MessageId>,
    /// The message this one forwards (marked forwarded once it is sent).
    pub forwards: Option<MessageId>,
    /// The draft this message was written in: removed in the same transaction.
    pub draft: Option<MessageId>,
    /// Whether the account's own address is among the recipients. Otherwise its Message-ID is
    /// remembered, so a copy the provider puts into the account's POP3 feed is not shown again.
    pub to_self: bool,
}

/// A message in the Outbox, as the Outbox list shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OutboxEntry {
    pub message: MessageRow,
    pub state: OutboxState,
    pub recipients: Vec<String>,
    pub attempts: u32,
    pub queued_at: i64,
    pub next_try_at: i64,
    /// Why the last try failed, as the send engine wrote it.
    pub reason: Option<String>,
}

/// A message a sender took from the Outbox ([`Store::claim`]): now in state `sending`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub id: MessageId,
    pub envelope_from: String,
    pub recipients: Vec<String>,
    /// The bytes for the server (without the Bcc line).
    pub transmitted: Vec<u8>,
    /// Which try this is (1 for the first).
    pub attempt: u32,
}

/// How a try ended without the message being accepted ([`Store::record_failure`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Try again at this time (a temporary failure).
    At(i64),
    /// Do not try again: the user must change something ([`OutboxState::Failed`]).
    Never,
    /// The final dot may have arrived ([`OutboxState::Unknown`]).
    Unknown,
}

fn recipients_column(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The Outbox row of a message and its state, if it has one.
pub(crate) fn state_of(conn: &Connection, id: MessageId) -> Result<Option<OutboxState>, Error> {
    conn.prepare_cached("SELECT state FROM outbox WHERE message_id = ?1")?
        .query_row([id], |r| state_column(r.get(0)?))
        .optional()
        .map_err(Error::from)
}

/// Takes a message out of the Outbox's bookkeeping before it moves elsewhere; refuses while a
/// sender works on it.
pub(crate) fn release(conn: &Connection, id: MessageId) -> Result<(), Error> {
    match state_of(conn, id)? {
        Some(state) if state.is_in_flight() => Err(Error::BeingSent),
        Some(_) => {
            conn.prepare_cached("DELETE FROM outbox WHERE message_id = ?1")?
                .execute([id])?;
            Ok(())
        }
        None => Ok(()),
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Store {
    /// Puts a message into its account's Outbox, durably (bytes, row and Outbox row are on disk
    /// when this returns), due now. Returns the message.
    pub fn queue(&mut self, q: &ToQueue<'_>, now: i64) -> Result<MessageId, Error> {
        if q.transmit_from > q.stored.len() || q.recipients.is_empty() {
            return Err(Error::Invalid(
                "an outgoing message without recipients".into(),
            ));
        }
        let target = |c: &Connection| {
            Ok(Target {
                folder: folders::find_special(c, Some(q.account), FolderKind::Outbox)?
                    .ok_or(Error::NotFound)?,
                account: Some(q.account),
                seen: true,
            })
        };
        let (id, ()) = self.store_local(q.stored, q.summary, now, target, |tx, id| {
            tx.prepare_cached(
                "INSERT INTO outbox (message_id, account_id, envelope_from, recipients, \
                   transmit_from, state, queued_at, next_try_at, answers, forwards) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?6, ?7, ?8)",
            )?
            .execute(params![
                id,
                q.account,
                q.envelope_from,
                q.recipients.join("\n"),
                to_i64(q.transmit_from),
                now,
                q.answers,
                q.forwards,
            ])?;
            if let (false, Some(hdr)) = (q.to_self, &q.summary.message_id) {
                tx.prepare_cached(
                    "INSERT OR REPLACE INTO own_message_ids (account_id, message_id_hdr, \
                     message_id) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![q.account, hdr, id])?;
            }
            let dropped = match q.draft {
                Some(draft) => super::drafts::remove(tx, draft)?,
                None => None,
            };
            Ok(((), dropped))
        })?;
        tracing::info!(account = %q.account, message = %id, "message queued in the Outbox");
        Ok(id)
    }

    /// The Outbox of one account, or of all (`None`), oldest first.
    pub fn outbox(&self, account: Option<AccountId>) -> Result<Vec<OutboxEntry>, Error> {
        self.outbox_where("?1 IS NULL OR o.account_id = ?1", account.map(|a| a.0))
    }

    /// The Outbox entry of one message, if it waits in an Outbox.
    pub fn outbox_entry(&self, id: MessageId) -> Result<Option<OutboxEntry>, Error> {
        Ok(self.outbox_where("o.message_id = ?1", Some(id.0))?.pop())
    }

    fn outbox_where(&self, filter: &str, value: Option<i64>) -> Result<Vec<OutboxEntry>, Error> {
        self.read(|c| {
            let sql = format!(
                "SELECT {ROW_COLUMNS}, o.state, o.recipients, o.attempts, o.queued_at, \
                   o.next_try_at, o.reason \
                 FROM outbox o JOIN messages m ON m.id = o.message_id \
                 WHERE {filter} ORDER BY o.queued_at, o.message_id"
            );
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map([value], |r| {
                let n = ROW_COLUMN_COUNT;
                Ok(OutboxEntry {
                    message: row_from(r)?,
                    state: state_column(r.get(n)?)?,
                    recipients: recipients_column(&r.get::<_, String>(n + 1)?),
                    attempts: r.get(n + 2)?,
                    queued_at: r.get(n + 3)?,
                    next_try_at: r.get(n + 4)?,
                    reason: r.get(n + 5)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// After a crash, for an account whose sender is not running: what was `sending` goes back
    /// to `queued` (the final dot was not sent), what was `dot_sent` becomes `unknown`. Returns
    /// how many of each.
    pub fn recover_outbox(&mut self, account: AccountId) -> Result<(usize, usize), Error> {
        self.write(|tx| {
            let requeued = tx.execute(
                "UPDATE outbox SET state = 'queued' WHERE account_id = ?1 AND state = 'sending'",
                [account],
            )?;
            let unknown = tx.execute(
                "UPDATE outbox SET state = 'unknown' WHERE account_id = ?1 AND state = 'dot_sent'",
                [account],
            )?;
            Ok((requeued, unknown))
        })
    }

    /// When the next queued message of `account` is due, if one is. A message a crash left
    /// `sending` or `dot_sent` counts as due now: [`Store::recover_outbox`] has to see it.
    pub fn next_due(&self, account: AccountId) -> Result<Option<i64>, Error> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT min(CASE WHEN state = 'queued' THEN next_try_at ELSE 0 END) FROM outbox \
                 WHERE account_id = ?1 AND state IN ('queued', 'sending', 'dot_sent')",
            )?
            .query_row([account], |r| r.get(0))?)
        })
    }

    /// Takes the queued message of `account` that is due first (`next_try_at <= now`) and marks
    /// it `sending`, counting the try. `None` when nothing is due.
    pub fn claim(&mut self, account: AccountId, now: i64) -> Result<Option<Claimed>, Error> {
        let taken = self.write(|tx| {
            tx.prepare_cached(
                "UPDATE outbox SET state = 'sending', attempts = attempts + 1 \
                 WHERE message_id = (SELECT message_id FROM outbox WHERE account_id = ?1 \
                   AND state = 'queued' AND next_try_at <= ?2 \
                   ORDER BY next_try_at, message_id LIMIT 1) \
                 RETURNING message_id, envelope_from, recipients, transmit_from, attempts",
            )?
            .query_row(params![account, now], |r| {
                Ok((
                    r.get::<_, MessageId>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, u32>(4)?,
                ))
            })
            .optional()
            .map_err(Error::from)
        })?;
        let Some((id, envelope_from, recipients, transmit_from, attempt)) = taken else {
            return Ok(None);
        };
        let raw = match self.raw(id) {
            Ok(raw) => raw,
            Err(e) => {
                // nothing was sent: give it back
                self.write(|tx| {
                    tx.execute(
                        "UPDATE outbox SET state = 'queued' WHERE message_id = ?1",
                        [id],
                    )?;
                    Ok(())
                })?;
                return Err(e);
            }
        };
        let from = usize::try_from(transmit_from)
            .ok()
            .filter(|&f| f <= raw.len())
            .ok_or_else(|| Error::Corrupt(format!("outbox transmit_from {transmit_from}")))?;
        // in place: a second copy of a large message would double what sending holds
        let mut transmitted = raw;
        transmitted.drain(..from);
        Ok(Some(Claimed {
            id,
            envelope_from,
            recipients: recipients_column(&recipients),
            transmitted,
            attempt,
        }))
    }

    /// Records, durably, that the final dot is about to be sent.
    pub fn mark_dot_sent(&mut self, id: MessageId) -> Result<(), Error> {
        self.set_outbox_state(id, OutboxState::DotSent, &[OutboxState::Sending])
    }

    fn set_outbox_state(
        &mut self,
        id: MessageId,
        to: OutboxState,
        from: &[OutboxState],
    ) -> Result<(), Error> {
        self.write(|tx| match state_of(tx, id)? {
            Some(state) if from.contains(&state) => {
                tx.execute(
                    "UPDATE outbox SET state = ?2 WHERE message_id = ?1",
                    params![id, to.as_str()],
                )?;
                Ok(())
            }
            Some(state) => Err(Error::Invalid(format!(
                "an Outbox message in state {state} cannot become {to}"
            ))),
            None => Err(Error::NotFound),
        })
    }

    /// The server accepted the message (or the user says an `unknown` one was sent): it moves
    /// to the account's Sent folder, and the message it answers or forwards is marked so.
    pub fn mark_sent(&mut self, id: MessageId) -> Result<(), Error> {
        self.write(|tx| {
            let (account, answers, forwards): (AccountId, Option<MessageId>, Option<MessageId>) =
                tx.prepare_cached(
                    "SELECT account_id, answers, forwards FROM outbox WHERE message_id = ?1 \
                     AND state IN ('sending', 'dot_sent', 'unknown')",
                )?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let sent = folders::find_special(tx, Some(account), FolderKind::Sent)?
                .ok_or(Error::NotFound)?;
            tx.prepare_cached("UPDATE messages SET folder_id = ?2 WHERE id = ?1")?
                .execute(params![id, sent])?;
            tx.prepare_cached("DELETE FROM outbox WHERE message_id = ?1")?
                .execute([id])?;
            if let Some(original) = answers {
                tx.prepare_cached("UPDATE messages SET answered = 1 WHERE id = ?1")?
                    .execute([original])?;
            }
            if let Some(original) = forwards {
                tx.prepare_cached("UPDATE messages SET forwarded = 1 WHERE id = ?1")?
                    .execute([original])?;
            }
            Ok(())
        })
    }

    /// A try that did not end in acceptance: records the reason and what comes next.
    pub fn record_failure(
        &mut self,
        id: MessageId,
        next: Retry,
        reason: &str,
    ) -> Result<(), Error> {
        let (state, at) = match next {
            Retry::At(at) => (OutboxState::Queued, Some(at)),
            Retry::Never => (OutboxState::Failed, None),
            Retry::Unknown => (OutboxState::Unknown, None),
        };
        self.write(|tx| {
            let n = tx
                .prepare_cached(
                    "UPDATE outbox SET state = ?2, next_try_at = ifnull(?3, next_try_at), \
                       reason = ?4 \
                     WHERE message_id = ?1 AND state IN ('sending', 'dot_sent')",
                )?
                .execute(params![id, state.as_str(), at, reason])?;
            if n == 0 {
                return Err(Error::NotFound);
            }
            Ok(())
        })
    }

    /// The user asks to send again now: a queued, failed or "may have been sent" message is
    /// queued, due now.
    pub fn retry_now(&mut self, id: MessageId, now: i64) -> Result<(), Error> {
        self.write(|tx| match state_of(tx, id)? {
            Some(state) if state.is_in_flight() => Err(Error::BeingSent),
            Some(_) => {
                tx.execute(
                    "UPDATE outbox SET state = 'queued', next_try_at = ?2 WHERE message_id = ?1",
                    params![id, now],
                )?;
                Ok(())
            }
            None => Err(Error::NotFound),
        })
    }

    /// The user wants to change a message that has not been sent: it moves back to the Drafts
    /// (keeping what it answers or forwards) and leaves the Outbox.
    pub fn unqueue_to_drafts(&mut self, id: MessageId) -> Result<(), Error> {
        self.write(|tx| {
            let (account, answers, forwards): (AccountId, Option<MessageId>, Option<MessageId>) =
                tx.prepare_cached(
                    "SELECT account_id, answers, forwards FROM outbox WHERE message_id = ?1",
                )?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            release(tx, id)?;
            let drafts = folders::find_special(tx, Some(account), FolderKind::Drafts)?
                .ok_or(Error::NotFound)?;
            tx.prepare_cached("UPDATE messages SET folder_id = ?2 WHERE id = ?1")?
                .execute(params![id, drafts])?;
            tx.prepare_cached(
                "INSERT OR REPLACE INTO drafts (message_id, answers, forwards) \
                 VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, answers, forwards])?;
            Ok(())
        })
    }

    /// The Outbox or Sent message this account sent with this Message-ID (without brackets),
    /// if it is remembered.
    pub fn own_message(
        &self,
        account: AccountId,
        message_id_hdr: &str,
    ) -> Result<Option<MessageId>, Error> {
        self.read(|c| own_message(c, account, message_id_hdr).map(Option::flatten))
    }
}

/// Whether this account sent a message with this Message-ID: `Some(message)` when it did (the
/// message `None` when it was deleted here since).
pub(crate) fn own_message(
    conn: &Connection,
    account: AccountId,
    message_id_hdr: &str,
) -> Result<Option<Option<MessageId>>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT message_id FROM own_message_ids WHERE account_id = ?1 AND message_id_hdr = ?2",
        )?
        .query_row(params![account, message_id_hdr], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_column_count_matches() {
        assert_eq!(ROW_COLUMNS.split(',').count(), ROW_COLUMN_COUNT);
    }

    #[test]
    fn states_round_trip() {
        for s in [
            OutboxState::Queued,
            OutboxState::Sending,
            OutboxState::DotSent,
            OutboxState::Unknown,
            OutboxState::Failed,
        ] {
            assert_eq!(s.as_str().parse::<OutboxState>().ok(), Some(s));
        }
        assert!("sent".parse::<OutboxState>().is_err());
    }
}

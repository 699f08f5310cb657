//! The POP3 ledger ("popstate"): one row per UIDL an account ever stored. The row stays after the
//! message is deleted here and on the server, so a UIDL is never downloaded twice.
use std::fmt;
use std::str::FromStr;

use rusqlite::{Connection, OptionalExtension, params};

use super::bodies::BodyId;
use super::folders::{self, FolderKind};
use super::known::NOT_STORED;
use super::messages::{self, Fetched, PendingIndex, Placement, Prepared, Ready, StoredOutcome};
use super::{AccountId, Error, MessageId, Store};

/// Where the server's copy of a stored message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum ServerState {
    /// Still on the server (as far as we know).
    OnServer,
    /// `DELE` was sent, but the session has not ended with `QUIT +OK` yet: the server may still
    /// have it (a cut connection rolls the deletion back).
    DeleSent,
    /// Gone from the server: deleted after `QUIT +OK`, or no longer listed.
    DeletedOnServer,
}

impl ServerState {
    pub fn as_str(self) -> &'static str {
        match self {
            ServerState::OnServer => "on_server",
            ServerState::DeleSent => "dele_sent",
            ServerState::DeletedOnServer => "deleted_on_server",
        }
    }
}

impl fmt::Display for ServerState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ServerState {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "on_server" => Ok(ServerState::OnServer),
            "dele_sent" => Ok(ServerState::DeleSent),
            "deleted_on_server" => Ok(ServerState::DeletedOnServer),
            other => Err(Error::Corrupt(format!("server state {other:?}"))),
        }
    }
}

/// One ledger row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LedgerEntry {
    pub uidl: String,
    /// When this client first stored it (Unix seconds): retention counts from here.
    pub first_stored_at: i64,
    /// A local message with this UIDL (the one it produced, or a remaining copy), if any is left.
    pub message: Option<MessageId>,
    pub state: ServerState,
    /// How many local messages (in any folder, Trash included) still carry this UIDL.
    pub local_copies: u32,
    /// When the last local copy was deleted permanently; from then on "delete from the server
    /// when deleted here" may delete the server's copy.
    pub local_deleted_at: Option<i64>,
}

/// What the fetch engine plans with, per ledger row (see [`Store::ledger_for_plan`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanEntry {
    pub uidl: String,
    pub first_stored_at: i64,
    pub state: ServerState,
    /// The last local copy was deleted permanently ([`LedgerEntry::local_deleted_at`] is set).
    pub deleted_here: bool,
    /// The size the server listed at download time (`None`: stored before it was recorded).
    pub listed_size: Option<u64>,
    /// The size of the bytes stored, where known.
    pub received_size: Option<u64>,
    /// Another program downloaded it (imported state); it is not stored here.
    pub not_stored: bool,
    /// Another program downloaded it and its copy was imported (linked by its `X-UIDL`): the
    /// UIDL is its identity (the bytes may differ from the server's: that program added
    /// headers).
    pub linked: bool,
}

impl Store {
    /// The account's ledger as the fetch engine plans with it: no copy counts and no order, so a
    /// "nothing new" poll over a large mailbox reads just the ledger's own rows.
    pub fn ledger_for_plan(&self, account: AccountId) -> Result<Vec<PlanEntry>, Error> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT uidl, first_stored_at, state, local_deleted_at IS NOT NULL, \
                   listed_size, received_size, {NOT_STORED}, known_from IS NOT NULL \
                 FROM ledger WHERE account_id = ?1"
            ))?;
            let rows = stmt.query_map([account], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, bool>(6)?,
                    r.get::<_, bool>(7)?,
                ))
            })?;
            let size = |v: Option<i64>| v.and_then(|v| u64::try_from(v).ok());
            let mut out = Vec::new();
            for row in rows {
                let (
                    uidl,
                    first_stored_at,
                    state,
                    deleted_here,
                    listed,
                    received,
                    not_stored,
                    imported,
                ) = row?;
                out.push(PlanEntry {
                    uidl,
                    first_stored_at,
                    state: state.parse()?,
                    deleted_here,
                    listed_size: size(listed),
                    received_size: size(received),
                    not_stored,
                    linked: imported && !not_stored,
                });
            }
            Ok(out)
        })
    }

    /// The account's whole ledger, oldest first.
    pub fn ledger(&self, account: AccountId) -> Result<Vec<LedgerEntry>, Error> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT l.uidl, l.first_stored_at, l.message_id, l.state, \
                   (SELECT count(*) FROM messages m \
                     WHERE m.account_id = l.account_id AND m.uidl = l.uidl), \
                   l.local_deleted_at \
                 FROM ledger l WHERE l.account_id = ?1 ORDER BY l.first_stored_at, l.uidl",
            )?;
            let rows = stmt.query_map([account], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<MessageId>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (uidl, first_stored_at, message, state, local_copies, local_deleted_at) = row?;
                out.push(LedgerEntry {
                    uidl,
                    first_stored_at,
                    message,
                    state: state.parse()?,
                    local_copies,
                    local_deleted_at,
                });
            }
            Ok(out)
        })
    }

    /// Stores a batch of fetched messages into the account's Inbox, each with its ledger row and
    /// index entry, in ONE transaction. Each new message is marked "filter pending" in that
    /// transaction; its message rules run afterwards (`crate::rules`), so a crash in between
    /// leaves it in the Inbox, to be filtered later (see [`Store::filter_pending`]). A UIDL
    /// already in the ledger (also earlier in the same batch) is not stored again:
    /// [`StoredOutcome::AlreadyStored`].
    ///
    /// **Durability:** this returns only after a durable commit. The database runs in WAL mode with
    /// `synchronous=FULL`, so the commit is fsync'd to the WAL before the call returns; after `Ok`,
    /// a crash or power cut cannot lose these messages or their ledger rows, and the fetch engine
    /// may send `DELE` for them. The raw bytes are committed durably to the bodies file first
    /// (see [`super::bodies`]). On `Err` nothing of the batch was stored.
    pub fn store_fetched(
        &mut self,
        account: AccountId,
        batch: &[Fetched],
        now: i64,
    ) -> Result<Vec<StoredOutcome>, Error> {
        let prepared: Vec<Prepared> = batch
            .iter()
            .map(|f| Prepared::new(&f.raw, &f.summary))
            .collect();
        let bodies = self
            .bodies()?
            .put(batch.iter().map(|f| f.raw.as_slice()), now)?;
        let items = batch
            .iter()
            .zip(&prepared)
            .zip(&bodies)
            .map(|((f, p), &b)| (f, p, b))
            .collect();
        self.store_batch(account, items, now)
    }

    /// [`Store::store_fetched`] for messages whose derived data was computed elsewhere (see
    /// [`Ready`]) and whose bodies were already stored durably, in this order, with
    /// [`Bodies::put`](super::bodies::Bodies::put) (on another connection, so the next batch's
    /// bodies can be written while this one's rows are). The same guarantees.
    pub fn store_ready(
        &mut self,
        account: AccountId,
        batch: &[Ready],
        bodies: &[BodyId],
        now: i64,
    ) -> Result<Vec<StoredOutcome>, Error> {
        if batch.len() != bodies.len() {
            return Err(Error::Invalid(format!(
                "{} messages but {} bodies",
                batch.len(),
                bodies.len()
            )));
        }
        let items = batch
            .iter()
            .zip(bodies)
            .map(|(r, &b)| {
                let (f, p) = r.parts();
                (f, p, b)
            })
            .collect();
        self.store_batch(account, items, now)
    }

    /// Commits the rows of a batch whose bodies are stored. Bodies that end up unused (the
    /// message was stored before, or the commit failed) are removed again.
    fn store_batch(
        &mut self,
        account: AccountId,
        batch: Vec<(&Fetched, &Prepared, BodyId)>,
        now: i64,
    ) -> Result<Vec<StoredOutcome>, Error> {
        let outcomes = self.write(|tx| {
            let inbox = folders::find_special(tx, Some(account), FolderKind::Inbox)?
                .ok_or(Error::NotFound)?;
            let mut out = Vec::with_capacity(batch.len());
            let mut index = PendingIndex::default();
            for &item in &batch {
                out.push(store_one(tx, account, inbox, item, now, &mut index)?);
            }
            index.write(tx)?;
            Ok(out)
        });
        let unused: Vec<BodyId> = match &outcomes {
            Ok(outcomes) => outcomes
                .iter()
                .zip(&batch)
                .filter(|(o, _)| !o.is_new())
                .map(|(_, &(_, _, body))| body)
                .collect(),
            Err(_) => batch.iter().map(|&(_, _, body)| body).collect(),
        };
        if !unused.is_empty() {
            self.drop_unreferenced_bodies(&unused);
        }
        let outcomes = outcomes?;
        let stored = outcomes.iter().filter(|o| o.is_new()).count();
        tracing::debug!(account = %account, stored, batch = batch.len(), "fetched batch committed");
        Ok(outcomes)
    }

    /// Records that `DELE` was sent for these UIDLs (`OnServer` → `DeleSent`).
    pub fn mark_dele_sent(
        &mut self,
        account: AccountId,
        uidls: &[String],
        now: i64,
    ) -> Result<(), Error> {
        self.set_state(
            account,
            uidls,
            now,
            ServerState::DeleSent,
            &[ServerState::OnServer],
        )
    }

    /// Records that the server confirmed the deletions with `QUIT +OK` (→ `DeletedOnServer`).
    pub fn mark_deleted_on_server(
        &mut self,
        account: AccountId,
        uidls: &[String],
        now: i64,
    ) -> Result<(), Error> {
        self.set_state(
            account,
            uidls,
            now,
            ServerState::DeletedOnServer,
            &[ServerState::OnServer, ServerState::DeleSent],
        )
    }

    /// Records that these UIDLs are no longer in the server's listing (deleted by another client
    /// or expired by the server): → `DeletedOnServer`. The rows stay, so they are never fetched
    /// again should they reappear.
    pub fn mark_gone_from_server(
        &mut self,
        account: AccountId,
        uidls_not_listed_anymore: &[String],
        now: i64,
    ) -> Result<(), Error> {
        self.set_state(
            account,
            uidls_not_listed_anymore,
            now,
            ServerState::DeletedOnServer,
            &[ServerState::OnServer, ServerState::DeleSent],
        )
    }

    fn set_state(
        &mut self,
        account: AccountId,
        uidls: &[String],
        now: i64,
        to: ServerState,
        from: &[ServerState],
    ) -> Result<(), Error> {
        if uidls.is_empty() {
            return Ok(());
        }
        let from: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
        let from_sql = from
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!(
            "UPDATE ledger SET state = ?3, state_changed_at = ?4 WHERE account_id = ?1 AND uidl = ?2 \
             AND state IN ({from_sql})"
        );
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(&sql)?;
            for uidl in uidls {
                stmt.execute(params![account, uidl, to.as_str(), now])?;
            }
            Ok(())
        })
    }
}

fn store_one<'a>(
    tx: &Connection,
    account: AccountId,
    inbox: super::FolderId,
    (f, p, body): (&Fetched, &'a Prepared, BodyId),
    now: i64,
    index: &mut PendingIndex<'a>,
) -> Result<StoredOutcome, Error> {
    let received = to_i64(f.raw.len());
    let listed = i64::try_from(f.listed_size).unwrap_or(i64::MAX);
    let known: Option<(Option<MessageId>, Option<String>)> = tx
        .prepare_cached(
            "SELECT message_id, sha256 FROM ledger WHERE account_id = ?1 AND uidl = ?2",
        )?
        .query_row(params![account, f.uidl], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((message, sha256)) = &known
        && sha256.as_deref() == Some(p.sha256.as_str())
    {
        // The message stored under this UIDL, downloaded again (its listed size had changed,
        // or a batch is stored twice after a crash): record how the server lists it now.
        tx.prepare_cached(
            "UPDATE ledger SET listed_size = ?3, received_size = ?4 \
             WHERE account_id = ?1 AND uidl = ?2",
        )?
        .execute(params![account, f.uidl, listed, received])?;
        return Ok(StoredOutcome::AlreadyStored(*message));
    }
    if known.is_none()
        && let Some(hdr) = &f.summary.message_id
        && let Some(own) = super::outbox::own_message(tx, account, hdr)?
    {
        // Our own message, sent through the provider and put into the feed again.
        insert_entry(tx, account, f, p, own, now)?;
        return Ok(StoredOutcome::OwnEcho(own));
    }
    let id = messages::insert(
        tx,
        &f.raw,
        body,
        &f.summary,
        p,
        &Placement {
            folder: inbox,
            account: Some(account),
            uidl: Some(&f.uidl),
            received_at: now,
            filter_pending: true,
        },
        index,
    )?;
    if known.is_some() {
        // Other bytes under a known UIDL: the server reused it for another message. The entry
        // now stands for this one, counted from now, on the server, not deleted here.
        tracing::info!(account = %account, "the server reused a UIDL for another message; stored as new");
        tx.prepare_cached(
            "UPDATE ledger SET first_stored_at = ?3, message_id = ?4, state = 'on_server', \
               state_changed_at = ?3, local_deleted_at = NULL, listed_size = ?5, \
               received_size = ?6, sha256 = ?7 \
             WHERE account_id = ?1 AND uidl = ?2",
        )?
        .execute(params![
            account, f.uidl, now, id, listed, received, p.sha256
        ])?;
    } else {
        insert_entry(tx, account, f, p, Some(id), now)?;
    }
    Ok(StoredOutcome::Stored(id))
}

/// A new ledger entry for a fetched message, on the server, standing for `message`.
fn insert_entry(
    tx: &Connection,
    account: AccountId,
    f: &Fetched,
    p: &Prepared,
    message: Option<MessageId>,
    now: i64,
) -> Result<(), Error> {
    tx.prepare_cached(
        "INSERT INTO ledger (account_id, uidl, first_stored_at, message_id, state, \
           listed_size, received_size, sha256) \
         VALUES (?1, ?2, ?3, ?4, 'on_server', ?5, ?6, ?7)",
    )?
    .execute(params![
        account,
        f.uidl,
        now,
        message,
        i64::try_from(f.listed_size).unwrap_or(i64::MAX),
        to_i64(f.raw.len()),
        p.sha256
    ])?;
    Ok(())
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

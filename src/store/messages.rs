//! Messages: the row a list shows, inserting one (row + raw bytes + index), listing and counting.
use rusqlite::types::Value;
use rusqlite::{Connection, Row, params, params_from_iter};
use sha2::{Digest, Sha256};

use super::bodies::BodyId;
use super::folders::FolderKind;
use super::search::fold_for_index;
use super::{AccountId, Error, FolderId, MessageId, Store, placeholders, to_u64};
use crate::mime::{Address, Summary};

/// Longest preview kept in a row, in characters.
const MAX_PREVIEW_CHARS: usize = 300;
/// Most body text indexed per message, in bytes.
const MAX_SEARCH_TEXT: usize = 64 * 1024;

/// One message as the fetch engine hands it to [`Store::store_fetched`].
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The server's unique id for it (UIDL).
    pub uidl: String,
    /// The size the server listed for it (`LIST`), recorded in the ledger: a later `DELE` is
    /// sent only while the server lists this size under the UIDL.
    pub listed_size: u64,
    /// The exact bytes received.
    pub raw: Vec<u8>,
    /// What `mime::summarize(&raw)` extracted.
    pub summary: Summary,
}

/// What [`Store::store_fetched`] did with one [`Fetched`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum StoredOutcome {
    /// Stored now as this message.
    /// Also for a known UIDL whose bytes differ from the ones stored under it (a server that
    /// reused the UIDL for another message): the ledger entry now stands for this message.
    Stored(MessageId),
    /// The UIDL was already in the ledger with these very bytes; nothing was stored (the sizes
    /// the ledger identifies the server's copy by were updated). The message it produced,
    /// unless that was deleted here since.
    AlreadyStored(Option<MessageId>),
    /// A message this account sent, coming back through the POP3 feed (Gmail puts what its
    /// SMTP server sent there): nothing was stored, the ledger remembers the UIDL. The Sent
    /// message, unless that was deleted here since.
    OwnEcho(Option<MessageId>),
}

impl StoredOutcome {
    /// The local message, new or earlier.
    pub fn message(self) -> Option<MessageId> {
        match self {
            StoredOutcome::Stored(id) => Some(id),
            StoredOutcome::AlreadyStored(id) | StoredOutcome::OwnEcho(id) => id,
        }
    }

    /// Whether this call stored it.
    pub fn is_new(self) -> bool {
        matches!(self, StoredOutcome::Stored(_))
    }
}

/// Which messages a list, count or search covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// One folder.
    Folder(FolderId),
    /// The Inboxes of all accounts together.
    UnifiedInbox,
    /// An account's Inbox or Trash ([`Error::NotFound`] for [`FolderKind::Local`]).
    Account(AccountId, FolderKind),
}

/// One page of a list, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ListQuery {
    pub scope: Scope,
    pub unread_only: bool,
    pub offset: u64,
    pub limit: u32,
}

/// What a message list shows for one message (no raw bytes: see [`Store::raw`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MessageRow {
    pub id: MessageId,
    /// The account it was fetched by (kept by copies); `None` for imported mail.
    pub account: Option<AccountId>,
    pub folder: FolderId,
    /// The server's UIDL, for fetched messages and their copies.
    pub uidl: Option<String>,
    /// Decoded subject, empty when missing.
    pub subject: String,
    /// Sender's display name, empty when there is none.
    pub from_name: String,
    /// Sender's address, empty when there is none.
    pub from_email: String,
    /// `To` recipients as one line: `Name <addr>, addr, …`.
    pub to: String,
    /// The `Date` header (Unix seconds), when it parsed. Lists sort by it, or by `received_at`
    /// when it is missing.
    pub date: Option<i64>,
    /// When it was stored here (Unix seconds).
    pub received_at: i64,
    /// Size of the raw bytes.
    pub size: u64,
    pub has_attachments: bool,
    pub preview: String,
    pub seen: bool,
    pub flagged: bool,
    /// SHA-256 of the raw bytes, lower-case hex.
    pub sha256: String,
    /// An answer to it was sent from here.
    pub answered: bool,
    /// It was forwarded from here.
    pub forwarded: bool,
}

/// The columns [`row_from`] reads, from `messages m`.
pub(crate) const ROW_COLUMNS: &str = "m.id, m.account_id, m.folder_id, m.uidl, m.subject, \
     m.from_name, m.from_email, m.to_text, m.date, m.received_at, m.size, m.has_attachments, \
     m.preview, m.seen, m.flagged, m.sha256, m.answered, m.forwarded";

/// How many columns [`ROW_COLUMNS`] names (a query may select more after them).
pub(crate) const ROW_COLUMN_COUNT: usize = 18;

pub(crate) fn row_from(r: &Row<'_>) -> rusqlite::Result<MessageRow> {
    let size: i64 = r.get(10)?;
    Ok(MessageRow {
        id: r.get(0)?,
        account: r.get(1)?,
        folder: r.get(2)?,
        uidl: r.get(3)?,
        subject: r.get(4)?,
        from_name: r.get(5)?,
        from_email: r.get(6)?,
        to: r.get(7)?,
        date: r.get(8)?,
        received_at: r.get(9)?,
        size: u64::try_from(size).unwrap_or(0),
        has_attachments: r.get(11)?,
        preview: r.get(12)?,
        seen: r.get(13)?,
        flagged: r.get(14)?,
        sha256: r.get(15)?,
        answered: r.get(16)?,
        forwarded: r.get(17)?,
    })
}

/// A SQL condition on `m.folder_id` for `scope`, with its parameters.
pub(crate) fn scope_filter(
    conn: &Connection,
    scope: &Scope,
) -> Result<(String, Vec<Value>), Error> {
    let folders: Vec<FolderId> = match *scope {
        Scope::Folder(id) => vec![id],
        Scope::Account(account, kind) => {
            if kind == FolderKind::Local {
                return Err(Error::NotFound);
            }
            let id = conn
                .prepare_cached("SELECT id FROM folders WHERE account_id = ?1 AND kind = ?2")?
                .query_row(params![account, kind.as_str()], |r| r.get(0))?;
            vec![id]
        }
        Scope::UnifiedInbox => {
            let mut stmt =
                conn.prepare_cached("SELECT id FROM folders WHERE kind = 'inbox' ORDER BY id")?;
            let ids = stmt.query_map([], |r| r.get(0))?;
            ids.collect::<Result<_, _>>()?
        }
    };
    Ok(match folders.as_slice() {
        [] => ("0".to_owned(), Vec::new()),
        [one] => ("m.folder_id = ?".to_owned(), vec![Value::Integer(one.0)]),
        many => (
            format!("m.folder_id IN ({})", placeholders(many.len())),
            many.iter().map(|f| Value::Integer(f.0)).collect(),
        ),
    })
}

/// Everything the store derives from a message's raw bytes and summary (hash, list texts, index
/// texts), computed before the write transaction starts, on any thread.
pub struct Prepared {
    pub(crate) sha256: String,
    to_text: String,
    cc_text: String,
    preview: String,
    fts_subject: String,
    fts_people: String,
    fts_body: String,
}

/// A fetched message with what the store derives from it already computed: the fetch engine
/// makes these on its parsing thread, so the thread that writes (and waits for fsync) only writes.
pub struct Ready {
    pub fetched: Fetched,
    prepared: Prepared,
}

impl Ready {
    pub fn new(fetched: Fetched) -> Ready {
        let prepared = Prepared::new(&fetched.raw, &fetched.summary);
        Ready { fetched, prepared }
    }

    pub(crate) fn parts(&self) -> (&Fetched, &Prepared) {
        (&self.fetched, &self.prepared)
    }
}

fn display_addresses(list: &[Address]) -> String {
    let mut out = String::new();
    for a in list {
        if !out.is_empty() {
            out.push_str(", ");
        }
        match a.name.as_deref().filter(|n| !n.is_empty()) {
            Some(name) => {
                out.push_str(name);
                out.push_str(" <");
                out.push_str(&a.email);
                out.push('>');
            }
            None => out.push_str(&a.email),
        }
    }
    out
}

fn truncate_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl Prepared {
    pub(crate) fn new(raw: &[u8], summary: &Summary) -> Prepared {
        let mut people = String::new();
        for a in summary.from.iter().chain(&summary.to).chain(&summary.cc) {
            if let Some(name) = &a.name {
                people.push_str(name);
                people.push(' ');
            }
            people.push_str(&a.email);
            people.push(' ');
        }
        let (fts_subject, fts_people, fts_body) = index_text(&summary.subject, &people, summary);
        Prepared {
            sha256: hex::encode(Sha256::digest(raw)),
            to_text: display_addresses(&summary.to),
            cc_text: display_addresses(&summary.cc),
            preview: summary.preview.chars().take(MAX_PREVIEW_CHARS).collect(),
            fts_subject,
            fts_people,
            fts_body,
        }
    }
}

/// The folded (subject, people, body) texts the search index holds for a message.
pub(crate) fn index_text(
    subject: &str,
    people: &str,
    summary: &Summary,
) -> (String, String, String) {
    (
        fold_for_index(subject),
        fold_for_index(people),
        fold_for_index(truncate_bytes(&summary.search_text, MAX_SEARCH_TEXT)),
    )
}

/// Where a new message goes and what it is linked to.
pub(crate) struct Placement<'a> {
    pub folder: FolderId,
    pub account: Option<AccountId>,
    pub uidl: Option<&'a str>,
    pub received_at: i64,
    /// Its message rules have yet to run (fetched mail; see `Store::apply_decisions`).
    pub filter_pending: bool,
}

/// Bits of the message id kept in the low part of an index key (see [`fts_key`]).
const FTS_KEY_ID_BITS: u32 = 22;

/// The `messages_fts` rowid for a new message: its list date in the high bits and its id in the
/// low bits, so the index yields newest first and a search with a limit stops early instead of
/// sorting every match. Copies share the original's key.
fn fts_key(sort_date: i64, id: i64) -> i64 {
    let date = sort_date.clamp(0, (1 << (62 - FTS_KEY_ID_BITS)) - 1);
    (date << FTS_KEY_ID_BITS) | (id & ((1 << FTS_KEY_ID_BITS) - 1))
}

/// [`fts_key`], moved up past keys already in use (only when ids wrap within the same second).
fn free_fts_key(conn: &Connection, sort_date: i64, id: i64) -> Result<i64, Error> {
    let mut key = fts_key(sort_date, id);
    let mut stmt = conn.prepare_cached("SELECT 1 FROM messages WHERE fts_id = ?1")?;
    while stmt.exists([key])? {
        key += 1;
    }
    Ok(key)
}

/// The id the next message gets (ids are never reused: `AUTOINCREMENT`).
pub(crate) fn next_id(conn: &Connection) -> Result<i64, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT max(ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0), \
                        ifnull((SELECT max(id) FROM messages), 0)) + 1",
        )?
        .query_row([], |r| r.get(0))?)
}

/// The search index entries of the messages a write transaction inserts, written in key order
/// by [`PendingIndex::write`] before it commits.
///
/// FTS5 writes the terms it holds in memory out as a new segment whenever a rowid is lower than
/// the one written before it (`sqlite3Fts5IndexBeginWrite`). Keys are date-ordered and mail comes
/// in the server's order, so writing each entry with its row made a tiny segment every few
/// messages, which FTS5 then merged again. Measured with `perf` on a 10,000-mail fetch: about a
/// third of the CPU time the index took went into those flushes and merges.
#[derive(Default)]
pub(crate) struct PendingIndex<'a> {
    entries: Vec<(i64, &'a Prepared)>,
}

impl<'a> PendingIndex<'a> {
    /// Writes the entries, lowest key first, in the caller's transaction.
    pub(crate) fn write(mut self, conn: &Connection) -> Result<(), Error> {
        self.entries.sort_unstable_by_key(|&(key, _)| key);
        let mut stmt = conn.prepare_cached(
            "INSERT INTO messages_fts (rowid, subject, people, body) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (key, p) in self.entries {
            stmt.execute(params![key, p.fts_subject, p.fts_people, p.fts_body])?;
        }
        Ok(())
    }
}

/// Inserts a message row and queues its index entry in `index` (which the caller writes before
/// committing). Call inside a write transaction.
pub(crate) fn insert<'a>(
    conn: &Connection,
    raw: &[u8],
    body: BodyId,
    s: &Summary,
    p: &'a Prepared,
    at: &Placement<'_>,
    index: &mut PendingIndex<'a>,
) -> Result<MessageId, Error> {
    let id = next_id(conn)?;
    let sort_date = s.date.unwrap_or(at.received_at);
    let key = free_fts_key(conn, sort_date, id)?;
    let (from_name, from_email) = match &s.from {
        Some(a) => (a.name.as_deref().unwrap_or(""), a.email.as_str()),
        None => ("", ""),
    };
    conn.prepare_cached(
        "INSERT INTO messages (id, folder_id, account_id, uidl, message_id_hdr, subject, \
         from_name, from_email, to_text, cc_text, date, sort_date, received_at, size, \
         has_attachments, preview, sha256, fts_id, body_id, filter_pending) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, \
         ?19, ?20)",
    )?
    .execute(params![
        id,
        at.folder,
        at.account,
        at.uidl,
        s.message_id,
        s.subject,
        from_name,
        from_email,
        p.to_text,
        p.cc_text,
        s.date,
        sort_date,
        at.received_at,
        i64::try_from(raw.len()).unwrap_or(i64::MAX),
        s.has_attachments,
        p.preview,
        p.sha256,
        key,
        body,
        at.filter_pending,
    ])?;
    index.entries.push((key, p));
    Ok(MessageId(id))
}

impl Store {
    /// One page of messages in `query.scope`, newest first (by date, then by id).
    pub fn list(&self, query: &ListQuery) -> Result<Vec<MessageRow>, Error> {
        self.read(|c| {
            let (filter, mut args) = scope_filter(c, &query.scope)?;
            let unread = if query.unread_only {
                "AND m.seen = 0"
            } else {
                ""
            };
            // several folders (the unified Inbox): walk the date index rather than sort them all
            let index = if args.len() > 1 {
                "INDEXED BY messages_date"
            } else {
                ""
            };
            args.push(Value::Integer(i64::from(query.limit)));
            args.push(Value::Integer(
                i64::try_from(query.offset).unwrap_or(i64::MAX),
            ));
            let sql = format!(
                "SELECT {ROW_COLUMNS} FROM messages m {index} WHERE {filter} {unread} \
                 ORDER BY m.sort_date DESC, m.id DESC LIMIT ? OFFSET ?"
            );
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(args.iter()), row_from)?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// How many messages (or unread messages) `scope` holds.
    pub fn count(&self, scope: &Scope, unread_only: bool) -> Result<u64, Error> {
        self.read(|c| {
            let (filter, args) = scope_filter(c, scope)?;
            let unread = if unread_only { "AND m.seen = 0" } else { "" };
            let sql = format!("SELECT count(*) FROM messages m WHERE {filter} {unread}");
            let n: i64 = c
                .prepare_cached(&sql)?
                .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
            to_u64(n)
        })
    }

    /// One message's row; [`Error::NotFound`] when it does not exist.
    pub fn message(&self, id: MessageId) -> Result<MessageRow, Error> {
        self.read(|c| {
            let sql = format!("SELECT {ROW_COLUMNS} FROM messages m WHERE m.id = ?1");
            Ok(c.prepare_cached(&sql)?.query_row([id], row_from)?)
        })
    }

    /// The exact bytes of a message as received.
    pub fn raw(&self, id: MessageId) -> Result<Vec<u8>, Error> {
        let body: Option<BodyId> = self.read(|c| {
            Ok(
                c.prepare_cached("SELECT body_id FROM messages WHERE id = ?1")?
                    .query_row([id], |r| r.get(0))?,
            )
        })?;
        match body {
            Some(body) => self.bodies_to_read()?.get(body),
            // stored before schema version 3
            None => self.read(|c| {
                Ok(
                    c.prepare_cached("SELECT raw FROM message_bodies WHERE message_id = ?1")?
                        .query_row([id], |r| r.get(0))?,
                )
            }),
        }
    }
}

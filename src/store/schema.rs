//! Schema versions and migrations.
//!
//! The version lives in `PRAGMA user_version`: 0 is an empty file, N means migrations `1..=N` ran.
//! Each step is one function in [`MIGRATIONS`], run in its own `BEGIN IMMEDIATE` transaction
//! together with the version bump. A released step is never edited: a change is a new step.
//! `tests/fixtures/store/vN.sql` holds data written at version N; the migration test rebuilds
//! version N with [`migrate_to`], loads that data and upgrades it to the current version.
use rusqlite::{Connection, TransactionBehavior};

use super::{Error, retry_busy};

/// One migration step: takes the schema from version `i` to `i + 1` (for `MIGRATIONS[i]`).
type Step = fn(&Connection) -> rusqlite::Result<()>;

/// All steps, oldest first.
const MIGRATIONS: &[Step] = &[
    v1_initial,
    v2_index_without_prefixes,
    v3_bodies_apart,
    v4_ledger_identity,
    v5_outgoing_server,
    v6_sending,
    v7_remote_senders,
    v8_organising,
    v9_known_uidls,
    v10_import_links,
    v11_oauth,
];

/// The schema version this program writes.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// The schema version of an open database.
pub fn version(conn: &Connection) -> Result<u32, Error> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    u32::try_from(v).map_err(|_| Error::Corrupt(format!("schema version {v}")))
}

/// Migrates to [`CURRENT_VERSION`]; fails with [`Error::TooNew`] for a file from a newer program.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), Error> {
    migrate_to(conn, CURRENT_VERSION)
}

/// Migrates up to `target` (at most [`CURRENT_VERSION`]), one transaction per step. Safe against a
/// second process migrating at the same time: the version is read inside the write transaction.
/// Public for the migration tests, which build databases of older versions with it.
///
/// Foreign keys are off while steps run, as SQLite's procedure for rebuilding a table asks
/// (<https://sqlite.org/lang_altertable.html#otheralter>): dropping the old table must not fire
/// the `ON DELETE` actions of the tables referring to it. Each step's result is checked with
/// `foreign_key_check` before it commits; the setting is restored afterwards.
#[doc(hidden)]
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<(), Error> {
    if target > CURRENT_VERSION {
        return Err(Error::TooNew {
            found: target,
            supported: CURRENT_VERSION,
        });
    }
    let enforced: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = run_steps(conn, target);
    conn.pragma_update(None, "foreign_keys", enforced)?;
    result
}

fn run_steps(conn: &mut Connection, target: u32) -> Result<(), Error> {
    loop {
        let done = retry_busy(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let found = version(&tx)?;
            if found > CURRENT_VERSION {
                return Err(Error::TooNew {
                    found,
                    supported: CURRENT_VERSION,
                });
            }
            if found >= target {
                return Ok(true);
            }
            let step = MIGRATIONS[found as usize];
            step(&tx)?;
            let broken: Option<String> = tx
                .prepare("PRAGMA foreign_key_check")?
                .query_map([], |r| r.get::<_, String>(0))?
                .next()
                .transpose()?;
            if let Some(table) = broken {
                return Err(Error::Corrupt(format!(
                    "migration to version {} left a dangling reference in {table}",
                    found + 1
                )));
            }
            tx.pragma_update(None, "user_version", found + 1)?;
            tx.commit()?;
            tracing::info!(from = found, to = found + 1, "store schema migrated");
            Ok(false)
        })?;
        if done {
            return Ok(());
        }
    }
}

/// Version 1: accounts, folders, messages with their bodies apart, the ledger, the search index.
fn v1_initial(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE accounts (
            id                       INTEGER PRIMARY KEY,
            name                     TEXT NOT NULL UNIQUE,
            display_name             TEXT NOT NULL,
            email                    TEXT NOT NULL,
            host                     TEXT NOT NULL,
            port                     INTEGER NOT NULL,
            security                 TEXT NOT NULL,
            username                 TEXT NOT NULL,
            auth                     TEXT NOT NULL,
            ca_file                  TEXT,
            pinned_sha256            TEXT,
            leave_on_server          INTEGER NOT NULL,
            keep_days                INTEGER,
            delete_when_deleted_here INTEGER NOT NULL,
            check_on_startup         INTEGER NOT NULL,
            check_every_minutes      INTEGER,
            notify                   INTEGER NOT NULL,
            -- what the server announced (RFC 2449): NULL = nothing, -1 = EXPIRE NEVER, n = days
            server_expire            INTEGER,
            server_login_delay       INTEGER,
            last_fetch_at            INTEGER,
            created_at               INTEGER NOT NULL
        );

        CREATE TABLE folders (
            id         INTEGER PRIMARY KEY,
            account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
            kind       TEXT NOT NULL CHECK (kind IN ('inbox', 'trash', 'local')),
            name       TEXT NOT NULL
        );
        -- one Inbox and one Trash per account, one Trash for mail without an account
        CREATE UNIQUE INDEX folders_special ON folders(ifnull(account_id, 0), kind)
            WHERE kind <> 'local';
        CREATE UNIQUE INDEX folders_local_name ON folders(name COLLATE NOCASE)
            WHERE kind = 'local';

        -- AUTOINCREMENT: an id is never reused, so a stale id held by the UI cannot hit another
        -- message
        CREATE TABLE messages (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            folder_id       INTEGER NOT NULL REFERENCES folders(id),
            account_id      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            uidl            TEXT,
            -- where a message in a Trash folder came from
            trash_from      INTEGER REFERENCES folders(id) ON DELETE SET NULL,
            message_id_hdr  TEXT,
            subject         TEXT NOT NULL,
            from_name       TEXT NOT NULL,
            from_email      TEXT NOT NULL,
            to_text         TEXT NOT NULL,
            cc_text         TEXT NOT NULL,
            date            INTEGER,
            -- the Date header, or the time received when there is none: the list order
            sort_date       INTEGER NOT NULL,
            received_at     INTEGER NOT NULL,
            size            INTEGER NOT NULL,
            has_attachments INTEGER NOT NULL,
            preview         TEXT NOT NULL,
            seen            INTEGER NOT NULL DEFAULT 0,
            flagged         INTEGER NOT NULL DEFAULT 0,
            sha256          TEXT NOT NULL,
            -- its messages_fts row: sort_date * 2^22 + (id mod 2^22), so the index yields newest
            -- first; a copy shares the original's
            fts_id          INTEGER NOT NULL
        );
        CREATE INDEX messages_folder_date ON messages(folder_id, sort_date);
        CREATE INDEX messages_folder_unread ON messages(folder_id, sort_date) WHERE seen = 0;
        -- newest first across folders (the unified Inbox), filtering without table lookups
        CREATE INDEX messages_date ON messages(sort_date, id, folder_id, seen);
        CREATE INDEX messages_account_uidl ON messages(account_id, uidl);
        CREATE INDEX messages_trash_from ON messages(trash_from);
        CREATE INDEX messages_fts_id ON messages(fts_id);

        -- the raw bytes, apart from the rows a list scans
        CREATE TABLE message_bodies (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            raw        BLOB NOT NULL
        );

        -- the POP3 ledger (popstate): a row stays after the message is gone here and on the server
        CREATE TABLE ledger (
            account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            uidl             TEXT NOT NULL,
            first_stored_at  INTEGER NOT NULL,
            message_id       INTEGER REFERENCES messages(id) ON DELETE SET NULL,
            state            TEXT NOT NULL DEFAULT 'on_server'
                             CHECK (state IN ('on_server', 'dele_sent', 'deleted_on_server')),
            state_changed_at INTEGER,
            local_deleted_at INTEGER,
            PRIMARY KEY (account_id, uidl)
        ) WITHOUT ROWID;
        CREATE INDEX ledger_message ON ledger(message_id);

        -- folded text (see search.rs), keyed by messages.fts_id (date-ordered message key;
        -- copies share the original's row); nothing stored but the index
        CREATE VIRTUAL TABLE messages_fts USING fts5(
            subject, people, body,
            content = '',
            contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2',
            prefix = '2 3'
        );
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
        WHEN NOT EXISTS (SELECT 1 FROM messages WHERE fts_id = old.fts_id)
        BEGIN
            DELETE FROM messages_fts WHERE rowid = old.fts_id;
        END;
        "#,
    )
}

/// Version 2: the search index without FTS5 prefix indexes (see `search.rs` for the measured
/// reason). A contentless index cannot be rebuilt from itself, so it is filled again from the
/// stored messages: subject and people from their columns, the text from the raw message, the
/// same way [`super::messages`] prepares a new message. One row per index key (copies share
/// their original's key). Takes about as long as storing the messages did, once.
fn v2_index_without_prefixes(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        DROP TABLE messages_fts;
        CREATE VIRTUAL TABLE messages_fts USING fts5(
            subject, people, body,
            content = '',
            contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        "#,
    )?;
    let mut rows = tx.prepare(
        "SELECT m.fts_id, m.subject, m.from_name, m.from_email, m.to_text, m.cc_text, b.raw \
         FROM (SELECT fts_id, min(id) AS id FROM messages GROUP BY fts_id) AS k \
         JOIN messages AS m ON m.id = k.id \
         JOIN message_bodies AS b ON b.message_id = m.id",
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO messages_fts (rowid, subject, people, body) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut rows = rows.query([])?;
    let mut count = 0u64;
    while let Some(row) = rows.next()? {
        let key: i64 = row.get(0)?;
        let subject: String = row.get(1)?;
        let people = [2, 3, 4, 5]
            .iter()
            .map(|&i| row.get::<_, String>(i))
            .collect::<rusqlite::Result<Vec<_>>>()?
            .join(" ");
        let raw: Vec<u8> = row.get(6)?;
        let indexed = super::messages::index_text(&subject, &people, &crate::mime::summarize(&raw));
        insert.execute(rusqlite::params![key, indexed.0, indexed.1, indexed.2])?;
        count += 1;
    }
    tracing::info!(
        messages = count,
        "search index rebuilt without prefix indexes"
    );
    Ok(())
}

/// Version 3: new messages keep their raw bytes in the bodies file (`super::bodies`), named by
/// `body_id`. Messages stored before keep theirs in `message_bodies` (`body_id` NULL): nothing is
/// moved, so the upgrade is instant whatever the size of the store.
///
/// The search index merges its segments less eagerly while mail arrives (`automerge` 8 instead
/// of 4) and keeps up to 8 MiB of new terms in memory before writing a segment (`hashsize`, 1 MiB
/// by default). Measured on 10,000 small mails: about a tenth less time for the fetch each, with
/// searches on 100,000 messages still a few milliseconds (docs/BENCHMARKS.md).
fn v3_bodies_apart(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        ALTER TABLE messages ADD COLUMN body_id INTEGER;
        CREATE INDEX messages_body ON messages(body_id) WHERE body_id IS NOT NULL;
        INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 8);
        INSERT INTO messages_fts (messages_fts, rank) VALUES ('hashsize', 8388608);
        "#,
    )
}

/// Version 4: what identifies the server's copy of a ledger entry beyond its UIDL (servers reuse
/// UIDLs after a mailbox rebuild): the size the server listed at download time, the size and
/// SHA-256 of the bytes stored. Entries from before keep `listed_size` NULL; their stored size
/// and hash are filled in from the message they produced, where it is still here, so a `DELE`
/// for them can still be checked (see `sync::plan`).
fn v4_ledger_identity(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        ALTER TABLE ledger ADD COLUMN listed_size INTEGER;
        ALTER TABLE ledger ADD COLUMN received_size INTEGER;
        ALTER TABLE ledger ADD COLUMN sha256 TEXT;
        UPDATE ledger SET
            received_size = (SELECT m.size FROM messages m WHERE m.id = ledger.message_id),
            sha256 = (SELECT m.sha256 FROM messages m WHERE m.id = ledger.message_id)
        WHERE message_id IS NOT NULL;
        "#,
    )
}

/// Version 5: each account's outgoing server (SMTP submission; all NULL until set up: the
/// host decides) and identity (Reply-To, signature).
fn v5_outgoing_server(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        ALTER TABLE accounts ADD COLUMN smtp_host TEXT;
        ALTER TABLE accounts ADD COLUMN smtp_port INTEGER;
        ALTER TABLE accounts ADD COLUMN smtp_security TEXT;
        ALTER TABLE accounts ADD COLUMN smtp_auth TEXT;
        ALTER TABLE accounts ADD COLUMN smtp_username TEXT;
        ALTER TABLE accounts ADD COLUMN smtp_own_password INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE accounts ADD COLUMN reply_to TEXT;
        ALTER TABLE accounts ADD COLUMN signature TEXT NOT NULL DEFAULT '';
        "#,
    )
}

/// Version 6: sending. Each account gets a Sent, a Drafts and an Outbox folder (the `folders`
/// table is rebuilt: its `kind` check names the new kinds, and `junk` for the Junk folder to
/// come). Messages record whether they were answered or forwarded. The Outbox's messages have
/// an `outbox` row (envelope, state, attempts, next try, why it failed), drafts a `drafts` row
/// (what they answer or forward). `own_message_ids` remembers the Message-IDs this program sent
/// from an account, so the copy a provider puts into the POP3 feed again (Gmail does) is
/// recognised. The outgoing server gets its own certificate trust (CA file, pin): it is often
/// another host than the incoming one.
fn v6_sending(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE folders_v6 (
            id         INTEGER PRIMARY KEY,
            account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
            kind       TEXT NOT NULL
                       CHECK (kind IN ('inbox', 'trash', 'local', 'sent', 'drafts', 'outbox',
                                       'junk')),
            name       TEXT NOT NULL
        );
        INSERT INTO folders_v6 (id, account_id, kind, name)
            SELECT id, account_id, kind, name FROM folders;
        DROP TABLE folders;
        ALTER TABLE folders_v6 RENAME TO folders;
        CREATE UNIQUE INDEX folders_special ON folders(ifnull(account_id, 0), kind)
            WHERE kind <> 'local';
        CREATE UNIQUE INDEX folders_local_name ON folders(name COLLATE NOCASE)
            WHERE kind = 'local';
        INSERT INTO folders (account_id, kind, name) SELECT id, 'sent', 'Sent' FROM accounts;
        INSERT INTO folders (account_id, kind, name) SELECT id, 'drafts', 'Drafts' FROM accounts;
        INSERT INTO folders (account_id, kind, name) SELECT id, 'outbox', 'Outbox' FROM accounts;

        ALTER TABLE accounts ADD COLUMN smtp_ca_file TEXT;
        ALTER TABLE accounts ADD COLUMN smtp_pinned_sha256 TEXT;

        ALTER TABLE messages ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE messages ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 0;

        -- a message waiting in an Outbox: its bytes are the message's (what Sent keeps, with
        -- the Bcc line); the server gets them from byte `transmit_from` on
        CREATE TABLE outbox (
            message_id    INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            envelope_from TEXT NOT NULL,
            -- one address per line
            recipients    TEXT NOT NULL,
            transmit_from INTEGER NOT NULL,
            state         TEXT NOT NULL
                          CHECK (state IN ('queued', 'sending', 'dot_sent', 'unknown', 'failed')),
            attempts      INTEGER NOT NULL DEFAULT 0,
            queued_at     INTEGER NOT NULL,
            next_try_at   INTEGER NOT NULL,
            -- why the last attempt failed (JSON written by the send engine)
            reason        TEXT,
            answers       INTEGER REFERENCES messages(id) ON DELETE SET NULL,
            forwards      INTEGER REFERENCES messages(id) ON DELETE SET NULL
        );
        CREATE INDEX outbox_account ON outbox(account_id, next_try_at);

        CREATE TABLE drafts (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            answers    INTEGER REFERENCES messages(id) ON DELETE SET NULL,
            forwards   INTEGER REFERENCES messages(id) ON DELETE SET NULL
        );

        CREATE TABLE own_message_ids (
            account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            message_id_hdr TEXT NOT NULL,
            -- the Outbox or Sent message with this Message-ID
            message_id     INTEGER REFERENCES messages(id) ON DELETE SET NULL,
            PRIMARY KEY (account_id, message_id_hdr)
        ) WITHOUT ROWID;
        "#,
    )
}

/// Version 7: the senders whose HTML mail may load its remote pictures when opened (the user
/// chose "Always for this sender"). Addresses compare without regard to case.
fn v7_remote_senders(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE remote_senders (
            address  TEXT PRIMARY KEY COLLATE NOCASE,
            added_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        "#,
    )
}

/// Version 8: organising mail (issue #18).
///
/// - The `folders` table is rebuilt with `AUTOINCREMENT`: a deleted folder's id is never given
///   to a new one, so a rule, an undo record or a window still naming it cannot hit another
///   folder (a rule's action into a deleted folder is skipped).
/// - Folders nest (`parent_id`; a subtree goes with its folder) and local folders may belong to
///   an account (`account_id` set, kind `local`) or to "Local folders" (no account). Names are
///   unique among siblings, ignoring case. `role = 'archive'` marks an account's (or Local
///   folders') yearly archive, whatever the user renamed it to.
/// - Every account gets its Junk folder (kind `junk`, allowed since version 6), and a switch
///   (on by default), an extra header and an age for junk: mail the provider marked goes there
///   on arrival, and is deleted locally after `junk_keep_days` days.
/// - `not_junk_senders`: addresses whose mail stays in the Inbox whatever its spam headers say.
/// - `messages.filter_pending`: set in the transaction that stores a fetched message, cleared
///   in the one that applies its rules, so a crash in between leaves it in the Inbox to be
///   filtered at the next start.
/// - `rules`: message rules in their order (conditions and actions as JSON written by
///   `store::rules`).
fn v8_organising(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE folders_v8 (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
            kind       TEXT NOT NULL
                       CHECK (kind IN ('inbox', 'trash', 'local', 'sent', 'drafts', 'outbox',
                                       'junk')),
            name       TEXT NOT NULL,
            parent_id  INTEGER REFERENCES folders(id) ON DELETE CASCADE,
            role       TEXT CHECK (role IN ('archive'))
        );
        INSERT INTO folders_v8 (id, account_id, kind, name)
            SELECT id, account_id, kind, name FROM folders;
        DROP TABLE folders;
        ALTER TABLE folders_v8 RENAME TO folders;
        CREATE UNIQUE INDEX folders_special ON folders(ifnull(account_id, 0), kind)
            WHERE kind <> 'local';
        CREATE UNIQUE INDEX folders_local_name
            ON folders(ifnull(account_id, 0), ifnull(parent_id, 0), name COLLATE NOCASE)
            WHERE kind = 'local';
        CREATE UNIQUE INDEX folders_role ON folders(ifnull(account_id, 0), role)
            WHERE role IS NOT NULL;
        CREATE INDEX folders_parent ON folders(parent_id) WHERE parent_id IS NOT NULL;
        INSERT INTO folders (account_id, kind, name)
            SELECT a.id, 'junk', 'Junk' FROM accounts a
            WHERE NOT EXISTS (SELECT 1 FROM folders f WHERE f.account_id = a.id
                              AND f.kind = 'junk');

        ALTER TABLE accounts ADD COLUMN junk_filter INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE accounts ADD COLUMN junk_header TEXT;
        ALTER TABLE accounts ADD COLUMN junk_keep_days INTEGER DEFAULT 30;

        CREATE TABLE not_junk_senders (
            address  TEXT PRIMARY KEY COLLATE NOCASE,
            added_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        ALTER TABLE messages ADD COLUMN filter_pending INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX messages_filter_pending ON messages(account_id, id)
            WHERE filter_pending = 1;

        CREATE TABLE rules (
            id         INTEGER PRIMARY KEY,
            position   INTEGER NOT NULL,
            name       TEXT NOT NULL,
            enabled    INTEGER NOT NULL DEFAULT 1,
            -- NULL: the rule applies to every account's mail
            account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
            match_all  INTEGER NOT NULL DEFAULT 1,
            conditions TEXT NOT NULL,
            actions    TEXT NOT NULL
        );
        CREATE INDEX rules_position ON rules(position, id);
        "#,
    )
}

/// Version 9: UIDLs another program already downloaded (its state was imported: Thunderbird's
/// `popstate.dat`, mpop, fetchmail, getmail, Claws Mail). Such a ledger entry has no message
/// here; `known_from` names the program. It keeps the message from being downloaded again, and
/// nothing ever deletes it on the server (see `sync::plan`).
fn v9_known_uidls(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch("ALTER TABLE ledger ADD COLUMN known_from TEXT;")
}

/// Version 10: linking imported mail to imported POP3 state. `import_uidls` keeps the `X-UIDL`
/// header another program wrote into the messages it stored (Thunderbird does), so that an
/// imported UIDL whose message was imported too becomes "stored here" (`Store::link_imported`).
/// `accounts.import_review` is set when an import changed what the next fetch may do; that
/// fetch waits until the user has seen a dry run and agreed (`sync::preview`).
fn v10_import_links(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE import_uidls (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            uidl       TEXT NOT NULL
        );
        CREATE INDEX import_uidls_uidl ON import_uidls(uidl);
        ALTER TABLE accounts ADD COLUMN import_review INTEGER NOT NULL DEFAULT 0;
        "#,
    )
}

/// Version 11: signing in with Google or Microsoft (OAuth): the provider and the user's own
/// client (ID, and the secret Google's desktop clients send, which is not secret there). The
/// tokens live in the OS keyring, never here.
fn v11_oauth(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        "ALTER TABLE accounts ADD COLUMN oauth_provider TEXT;
         ALTER TABLE accounts ADD COLUMN oauth_client_id TEXT;
         ALTER TABLE accounts ADD COLUMN oauth_client_secret TEXT;",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_database_step_by_step() -> Result<(), Error> {
        let mut conn = Connection::open_in_memory()?;
        assert_eq!(version(&conn)?, 0);
        migrate(&mut conn)?;
        assert_eq!(version(&conn)?, CURRENT_VERSION);
        let config = |key: &str| -> rusqlite::Result<i64> {
            conn.query_row(
                "SELECT v FROM messages_fts_config WHERE k = ?1",
                [key],
                |r| r.get(0),
            )
        };
        assert_eq!(config("automerge")?, 8);
        assert_eq!(config("hashsize")?, 8 << 20);
        // running again is a no-op
        migrate(&mut conn)?;
        assert_eq!(version(&conn)?, CURRENT_VERSION);
        Ok(())
    }

    #[test]
    fn refuses_a_newer_schema() -> Result<(), Error> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 1)?;
        assert!(matches!(migrate(&mut conn), Err(Error::TooNew { .. })));
        Ok(())
    }
}

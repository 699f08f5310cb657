//! Junk: each account's switch and settings, the senders whose mail is never junk, moving
//! messages to Junk and back, and deleting old junk. Deciding what is junk is `crate::rules`'.
use rusqlite::{OptionalExtension, params};

use super::folders::{self, FolderKind};
use super::moves::{self, Moved, Selection};
use super::{AccountId, Error, MessageId, Store};

/// How long junk is kept when the account does not say.
pub const DEFAULT_JUNK_DAYS: u32 = 30;

/// One account's junk settings (the account settings' "Junk" switch and its details).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JunkSettings {
    /// Mail the provider marked as spam goes to Junk on arrival (on by default).
    pub enabled: bool,
    /// A further header that marks junk when its value begins with "yes" (e.g. a provider's
    /// own `X-Provider-Spam: yes`), besides the usual ones.
    pub header: Option<String>,
    /// Junk older than this many days (counted from when it was stored here) is deleted here;
    /// `None`: kept until deleted by hand.
    pub keep_days: Option<u32>,
}

impl Default for JunkSettings {
    fn default() -> Self {
        JunkSettings {
            enabled: true,
            header: None,
            keep_days: Some(DEFAULT_JUNK_DAYS),
        }
    }
}

impl Store {
    /// An account's junk settings.
    pub fn junk_settings(&self, account: AccountId) -> Result<JunkSettings, Error> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT junk_filter, junk_header, junk_keep_days FROM accounts WHERE id = ?1",
            )?
            .query_row([account], |r| {
                Ok(JunkSettings {
                    enabled: r.get(0)?,
                    header: r.get(1)?,
                    keep_days: r.get(2)?,
                })
            })?)
        })
    }

    /// Changes an account's junk settings.
    pub fn set_junk_settings(
        &mut self,
        account: AccountId,
        settings: &JunkSettings,
    ) -> Result<(), Error> {
        let header = settings
            .header
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty());
        if header.is_some_and(|h| !h.bytes().all(|b| b.is_ascii_graphic() && b != b':')) {
            return Err(Error::Invalid("not a header name".into()));
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE accounts SET junk_filter = ?2, junk_header = ?3, junk_keep_days = ?4 \
                 WHERE id = ?1",
                params![account, settings.enabled, header, settings.keep_days],
            )?;
            if n == 0 { Err(Error::NotFound) } else { Ok(()) }
        })
    }

    /// Whether mail from `address` is never junk (the user said "Not junk" for it).
    pub fn is_not_junk_sender(&self, address: &str) -> Result<bool, Error> {
        self.read(|c| {
            Ok(
                c.prepare_cached("SELECT 1 FROM not_junk_senders WHERE address = ?1")?
                    .query_row([address.trim()], |_| Ok(()))
                    .optional()?
                    .is_some(),
            )
        })
    }

    /// The senders whose mail is never junk, by address.
    pub fn not_junk_senders(&self) -> Result<Vec<String>, Error> {
        self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT address FROM not_junk_senders ORDER BY address")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Forgets that a sender is never junk.
    pub fn forget_not_junk_sender(&mut self, address: &str) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM not_junk_senders WHERE address = ?1",
                [address.trim()],
            )?;
            Ok(())
        })
    }

    /// "Junk": moves the selected messages into the Junk folder of their account (of their
    /// folder, else the one that fetched them); mail of no account stays. One transaction;
    /// returns where each came from, for [`Store::undo_move`].
    pub fn mark_junk(&mut self, selection: &Selection) -> Result<Moved, Error> {
        self.write(|tx| {
            moves::select_into_temp(tx, selection)?;
            let accounts: Vec<AccountId> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT DISTINCT ifnull(f.account_id, m.account_id) FROM temp.sel s \
                     JOIN messages m ON m.id = s.id JOIN folders f ON f.id = m.folder_id \
                     WHERE ifnull(f.account_id, m.account_id) IS NOT NULL",
                )?;
                let rows = stmt.query_map([], |r| r.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            let mut set = tx.prepare_cached(
                "UPDATE temp.sel SET target = ?1 WHERE id IN (SELECT m.id FROM messages m \
                 JOIN folders f ON f.id = m.folder_id \
                 WHERE ifnull(f.account_id, m.account_id) = ?2)",
            )?;
            for account in accounts {
                let junk = folders::find_special(tx, Some(account), FolderKind::Junk)?
                    .ok_or(Error::NotFound)?;
                set.execute(params![junk, account])?;
            }
            moves::move_targets(tx)
        })
    }

    /// "Not junk": remembers the senders of the selected messages (their mail stays in the
    /// Inbox from now on) and moves those in a Junk folder to their account's Inbox, in one
    /// transaction. Returns where each moved message came from.
    pub fn mark_not_junk(&mut self, selection: &Selection, now: i64) -> Result<Moved, Error> {
        self.write(|tx| {
            moves::select_into_temp(tx, selection)?;
            tx.prepare_cached(
                "INSERT OR IGNORE INTO not_junk_senders (address, added_at) \
                 SELECT DISTINCT m.from_email, ?1 FROM temp.sel s JOIN messages m ON m.id = s.id \
                 WHERE m.from_email <> ''",
            )?
            .execute([now])?;
            tx.execute(
                "UPDATE temp.sel SET target = (SELECT i.id FROM messages m \
                   JOIN folders j ON j.id = m.folder_id \
                   JOIN folders i ON i.account_id = j.account_id AND i.kind = 'inbox' \
                   WHERE m.id = temp.sel.id AND j.kind = 'junk')",
                [],
            )?;
            moves::move_targets(tx)
        })
    }

    /// Deletes (locally, for good) the account's junk stored more than its `keep_days` ago.
    /// Like any permanent deletion, the server's copy follows only where the account's policy
    /// says "delete from the server when I delete it here" and this was the last local copy.
    /// Returns how many messages went. Called after each fetch (`crate::sync`).
    pub fn delete_old_junk(&mut self, account: AccountId, now: i64) -> Result<usize, Error> {
        let Some(days) = self.junk_settings(account)?.keep_days else {
            return Ok(0);
        };
        let junk = self.folder(account, FolderKind::Junk)?;
        let before = now - i64::from(days) * 86_400;
        let old: Vec<MessageId> = self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id FROM messages WHERE folder_id = ?1 AND received_at < ?2",
            )?;
            let rows = stmt.query_map(params![junk, before], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })?;
        if !old.is_empty() {
            self.delete_permanently(&old, now)?;
            tracing::info!(account = %account, deleted = old.len(), "old junk deleted");
        }
        Ok(old.len())
    }
}

//! UIDLs another program already downloaded ("known, not stored here"): imported from its state
//! file so that Postfach does not download them again. They live in the ledger with `known_from`
//! set and no message; the fetch plan never downloads or deletes them (`sync::plan`), and
//! forgetting them ("download these too") makes the next fetch take them in.
//!
//! Mail imported from the same program may carry the UIDL (Thunderbird writes an `X-UIDL`
//! header): [`Store::link_imported`] then makes such an entry "stored here", and from then on
//! the account's policy applies to it as to mail Postfach downloaded. Because that can delete
//! messages on the server, an import that adds or links entries sets the account's
//! `import_review`: the next fetch waits for the user to see a dry run and agree.
use std::collections::HashMap;

use rusqlite::params;

use super::{AccountId, Error, Store};

impl Store {
    /// Records `uidls` (each with the time the other program first saw it, if it kept one) as
    /// downloaded by `program` for `account`. UIDLs the ledger knows already are left alone.
    /// Returns how many were added.
    pub fn import_known(
        &mut self,
        account: AccountId,
        uidls: &[(String, Option<i64>)],
        program: &str,
        now: i64,
    ) -> Result<usize, Error> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO ledger (account_id, uidl, first_stored_at, state, \
                 state_changed_at, known_from) VALUES (?1, ?2, ?3, 'on_server', ?4, ?5)",
            )?;
            let mut added = 0;
            for (uidl, seen) in uidls {
                added += stmt.execute(params![account, uidl, seen.unwrap_or(now), now, program])?;
            }
            if added > 0 {
                set_review(tx, account, true)?;
            }
            Ok(added)
        })
    }

    /// Links imported UIDLs to imported messages that carry the same UIDL (their `X-UIDL`
    /// header, see [`Incoming::uidl`](super::Incoming)): the message gets the account and
    /// UIDL, the ledger entry the message, and the account is marked for review. A UIDL that
    /// two accounts imported is left alone (which server's message it is cannot be told).
    /// Returns how many ledger entries were linked.
    pub fn link_imported(&mut self) -> Result<usize, Error> {
        self.write(|tx| {
            let mut found: HashMap<String, (Vec<AccountId>, Vec<super::MessageId>)> =
                HashMap::new();
            {
                let mut stmt = tx.prepare_cached(
                    "SELECT l.uidl, l.account_id, i.message_id FROM ledger l \
                     JOIN import_uidls i ON i.uidl = l.uidl \
                     JOIN messages m ON m.id = i.message_id \
                     WHERE l.known_from IS NOT NULL AND l.message_id IS NULL \
                       AND l.local_deleted_at IS NULL AND m.uidl IS NULL",
                )?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                for row in rows {
                    let (uidl, account, message): (String, AccountId, super::MessageId) = row?;
                    let (accounts, messages) = found.entry(uidl).or_default();
                    if !accounts.contains(&account) {
                        accounts.push(account);
                    }
                    if !messages.contains(&message) {
                        messages.push(message);
                    }
                }
            }
            let mut linked = 0;
            for (uidl, (accounts, messages)) in found {
                let ([account], Some(first)) = (accounts.as_slice(), messages.iter().min()) else {
                    continue;
                };
                let mut link = tx.prepare_cached(
                    "UPDATE messages SET account_id = ?1, uidl = ?2 WHERE id = ?3",
                )?;
                for m in &messages {
                    link.execute(params![account, uidl, m])?;
                }
                linked += tx
                    .prepare_cached(
                        "UPDATE ledger SET message_id = ?3 WHERE account_id = ?1 AND uidl = ?2",
                    )?
                    .execute(params![account, uidl, first])?;
                set_review(tx, *account, true)?;
            }
            Ok(linked)
        })
    }

    /// Whether an import changed what the next fetch of `account` may do and the user has not
    /// seen the dry run yet (`sync::Fetcher::preview`).
    pub fn import_review(&self, account: AccountId) -> Result<bool, Error> {
        self.read(|c| {
            Ok(
                c.prepare_cached("SELECT import_review FROM accounts WHERE id = ?1")?
                    .query_row([account], |r| r.get(0))?,
            )
        })
    }

    /// Records that the user agreed to the dry run (or that a review is needed again).
    pub fn set_import_review(&mut self, account: AccountId, needed: bool) -> Result<(), Error> {
        self.write(|tx| Ok(set_review(tx, account, needed)?))
    }

    /// Imported UIDLs of `account`: (not stored here, linked to imported mail).
    pub fn imported_counts(&self, account: AccountId) -> Result<(u64, u64), Error> {
        self.read(|c| {
            let (known, linked): (i64, i64) = c
                .prepare_cached(&format!(
                    "SELECT count(*) FILTER (WHERE {NOT_STORED}), \
                       count(*) FILTER (WHERE NOT ({NOT_STORED})) \
                     FROM ledger WHERE account_id = ?1 AND known_from IS NOT NULL"
                ))?
                .query_row([account], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok((super::to_u64(known)?, super::to_u64(linked)?))
        })
    }

    /// Forgets imported UIDLs of `account` (only those in `only`, when given), so the next fetch
    /// downloads those messages. Returns how many were forgotten.
    pub fn forget_known(
        &mut self,
        account: AccountId,
        only: Option<&[String]>,
    ) -> Result<usize, Error> {
        self.write(|tx| match only {
            None => Ok(tx.execute(
                &format!("DELETE FROM ledger WHERE account_id = ?1 AND {NOT_STORED}"),
                [account],
            )?),
            Some(uidls) => {
                let mut stmt = tx.prepare_cached(&format!(
                    "DELETE FROM ledger WHERE account_id = ?1 AND uidl = ?2 AND {NOT_STORED}"
                ))?;
                let mut n = 0;
                for uidl in uidls {
                    n += stmt.execute(params![account, uidl])?;
                }
                Ok(n)
            }
        })
    }

    /// How many imported UIDLs of `account` are not stored here.
    pub fn known_count(&self, account: AccountId) -> Result<u64, Error> {
        Ok(self.imported_counts(account)?.0)
    }
}

/// The ledger condition of an imported UIDL whose message is not here (never linked to
/// imported mail; a linked one deleted here has `local_deleted_at`).
pub(super) const NOT_STORED: &str =
    "known_from IS NOT NULL AND message_id IS NULL AND local_deleted_at IS NULL";

fn set_review(tx: &rusqlite::Connection, account: AccountId, needed: bool) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE accounts SET import_review = ?2 WHERE id = ?1")?
        .execute(params![account, needed])?;
    Ok(())
}

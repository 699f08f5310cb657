//! UIDLs another program already downloaded ("known, not stored here"): imported from its state
//! file so that Postfach does not download them again. They live in the ledger with `known_from`
//! set and no message; the fetch plan never downloads or deletes them (`sync::plan`), and
//! forgetting them ("download these too") makes the next fetch take them in.
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
            Ok(added)
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
                "DELETE FROM ledger WHERE account_id = ?1 AND known_from IS NOT NULL",
                [account],
            )?),
            Some(uidls) => {
                let mut stmt = tx.prepare_cached(
                    "DELETE FROM ledger WHERE account_id = ?1 AND uidl = ?2 \
                     AND known_from IS NOT NULL",
                )?;
                let mut n = 0;
                for uidl in uidls {
                    n += stmt.execute(params![account, uidl])?;
                }
                Ok(n)
            }
        })
    }

    /// How many imported UIDLs `account` has.
    pub fn known_count(&self, account: AccountId) -> Result<u64, Error> {
        self.read(|c| {
            let n: i64 = c
                .prepare_cached(
                    "SELECT count(*) FROM ledger WHERE account_id = ?1 AND known_from IS NOT NULL",
                )?
                .query_row([account], |r| r.get(0))?;
            super::to_u64(n)
        })
    }
}

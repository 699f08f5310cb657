//! The dry run before the first fetch after an import: what the fetch would do, from the
//! server's listing, the ledger and the account's policy, without downloading or deleting
//! anything. Imported first-seen times together with "at most N days" (or "download and delete")
//! could otherwise delete many messages on the server at once; the user sees the numbers and
//! agrees ([`Store::set_import_review`](crate::store::Store::set_import_review)) before that
//! fetch runs.
use super::engine::{Session, policy_of};
use super::listing::{Listing, add_sizes, list};
use super::plan::{self, Reason};
use super::{Error, Fetcher, Progress};
use crate::pop3::Password;
use crate::store::Account;

/// What the next fetch would do (the numbers of [`plan::plan`] on today's listing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DryRun {
    /// Messages the server lists now.
    pub listed: usize,
    /// Of those, downloaded by the other program and not stored here: never downloaded, never
    /// deleted.
    pub known_not_stored: usize,
    /// Of those, downloaded by the other program and imported here (linked by their UIDL).
    pub linked: usize,
    /// New messages the fetch would download.
    pub download: usize,
    /// Messages the fetch would delete on the server now, because of the account's policy.
    pub delete: usize,
    /// Of `delete`, because they are older than "at most N days".
    pub delete_expired: usize,
}

impl DryRun {
    /// The dry run in the user's words, for the window's question and the command line.
    pub fn words(&self, account: &str) -> String {
        crate::fl!(
            "dry-run",
            account = account,
            listed = self.listed,
            known = self.known_not_stored,
            linked = self.linked,
            download = self.download,
            delete = self.delete,
            expired = self.delete_expired
        )
    }
}

impl Fetcher {
    /// Connects, lists (with sizes), plans and quits without a `DELE` or a `RETR`.
    pub async fn preview(
        &self,
        account: &Account,
        password: &Password,
        now: i64,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<DryRun, Error> {
        let _lock = self.lock(account).await?;
        let ledger = self.start_ledger(account.id);
        let mut session: Session<'_> = self
            .connect_and_log_in(account, password, now, progress)
            .await?;
        progress(Progress::Listing);
        let listed = list(&mut session.client).await;
        let Listing {
            mut listing, sized, ..
        } = listed.map_err(|e| Error::pop3(&account.settings.host, e))?;
        if !sized {
            let added = add_sizes(&mut session.client, &mut listing).await;
            added.map_err(|e| Error::pop3(&account.settings.host, e))?;
        }
        session.quit().await?;
        let ledger = ledger.await??;
        let planned = plan::plan(&listing, &ledger, &policy_of(account), now);
        let linked = listing
            .iter()
            .filter(|l| ledger.get(&l.uidl).is_some_and(|k| k.linked))
            .count();
        Ok(DryRun {
            listed: listing.len(),
            known_not_stored: planned.known_not_stored,
            linked,
            download: planned.fetch.len().saturating_sub(planned.recheck),
            delete: planned.delete.len(),
            delete_expired: planned
                .delete
                .iter()
                .filter(|(_, r)| *r == Reason::Expired)
                .count(),
        })
    }
}

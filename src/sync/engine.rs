//! One fetch of one account, as its steps: connect and log in, list and plan, download (pipelined
//! into durable batches, see [`super::pipeline`]), delete what the plan says, quit.
//!
//! Safety rules, each backed by a test:
//! - `DELE` is sent only for ledger entries, i.e. after the message's bytes and ledger row were
//!   committed durably by [`Store::store_fetched`], and only while the server lists the message
//!   at the size recorded when it was stored (a reused UIDL is downloaded again instead: see
//!   [`plan`]).
//! - A message that arrives whole (its terminating dot line) is stored whatever size `LIST`
//!   announced: servers that convert messages on the fly list other sizes than they send. The
//!   size limit applies to the bytes received.
//! - Before `DELE` the ledger records "DELE sent"; only `QUIT`'s `+OK` turns that into "deleted".
//!   A cut connection leaves "DELE sent", and the next fetch either sees the message gone (the
//!   deletion did happen) or deletes it again.
//! - Downloads are idempotent per UIDL: a batch stored twice (after a crash) stores nothing new.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::error::Error;
use super::listing::{Listing, add_sizes, list};
use super::pipeline::{Downloaded, Pipeline};
use super::plan::{self, Known, Listed, Plan, Policy, ServerCopy};
use crate::lock::{AccountLock, LockError, Purpose};
use crate::pop3::{self, Client, ConnectOptions, Limits, Password, Pop3Stream, TlsOptions};
use crate::store::{self, Account, AccountId, Shared, Store};

/// Messages downloaded per pipelined batch (at most; also bounded by [`BATCH_BYTES`]). Each
/// batch is one commit and one new segment of the search index: with small mails, fewer and
/// larger batches measured faster (2,048: about a tenth less than 512 on 10,000 small mails).
const BATCH_MESSAGES: usize = 2048;
/// Bytes downloaded per batch before it is handed to the store.
const BATCH_BYTES: u64 = 4 * 1024 * 1024;
/// Commands in flight when the server offers PIPELINING.
const PIPELINE_WINDOW: usize = 16;
/// `off` sends one command at a time even when the server offers PIPELINING. For Wine: when the
/// bytes read so far end inside a TLS record, Wine's DecryptMessage reports the whole record as
/// missing in the second buffer (not the part still to come), the `schannel` crate then waits
/// for that many bytes, and once the server has answered every pipelined command none come: the
/// fetch times out. Measured under Wine 8 only; on Windows the count is right.
pub const PIPELINING_ENV: &str = "POSTFACH_POP3_PIPELINING";

/// The pipelining window: [`PIPELINE_WINDOW`], or 1 when [`PIPELINING_ENV`] says `off`.
fn pipeline_window(setting: Option<&str>) -> usize {
    match setting {
        Some(v) if v.trim().eq_ignore_ascii_case("off") => 1,
        _ => PIPELINE_WINDOW,
    }
}

fn configured_window() -> usize {
    pipeline_window(std::env::var(PIPELINING_ENV).ok().as_deref())
}

/// Where a fetch stands; the UI shows these.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    Connecting {
        host: String,
    },
    Authenticating,
    Listing,
    /// `current` of `total` new messages downloaded and stored so far.
    Downloading {
        current: usize,
        total: usize,
        bytes: u64,
        total_bytes: u64,
    },
    Deleting {
        count: usize,
    },
}

/// What a finished fetch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchReport {
    /// Messages stored for the first time.
    pub new: usize,
    /// Messages deleted on the server (committed by `QUIT`).
    pub deleted: usize,
    /// Stored messages that stay on the server.
    pub kept: usize,
    /// Messages the server failed to deliver this time (retried next time).
    pub failed: usize,
    /// The server has no UIDL; the header fallback identity was used.
    pub no_uidl: bool,
    /// The server's announced EXPIRE policy and LOGIN-DELAY (seconds), if any.
    pub expire: Option<store::ServerExpire>,
    pub login_delay: Option<u32>,
}

/// Everything one fetch needs; cheap to clone.
#[derive(Clone)]
pub struct Fetcher {
    /// The store, shared with the rest of the process.
    pub store: Shared,
    /// The data directory (for the per-account lock file).
    pub data_dir: PathBuf,
    /// Protocol limits.
    pub limits: Limits,
}

/// The POP3 session of one fetch and what the steps need from the account.
pub(super) struct Session<'a> {
    pub(super) client: Client<Pop3Stream>,
    pub(super) account: &'a Account,
    pub(super) now: i64,
}

impl Session<'_> {
    fn error(&self, e: pop3::Error) -> Error {
        Error::pop3(&self.account.settings.host, e)
    }

    /// Ends the session; `+OK` commits the deletions sent in it.
    pub(super) async fn quit(self) -> Result<(), Error> {
        let Session {
            client, account, ..
        } = self;
        client
            .quit()
            .await
            .map_err(|e| Error::pop3(&account.settings.host, e))
    }
}

impl Fetcher {
    /// A fetcher on its own connection to the store in `data_dir`, with the default limits.
    pub fn open(data_dir: &Path) -> Result<Fetcher, store::Error> {
        Ok(Fetcher::new(Store::open_in(data_dir)?, data_dir))
    }

    /// A fetcher on an open store in `data_dir`, with the default limits.
    pub fn new(store: Store, data_dir: &Path) -> Fetcher {
        Fetcher {
            store: Shared::new(store),
            data_dir: data_dir.to_path_buf(),
            limits: Limits::default(),
        }
    }

    /// Runs one fetch of `account` at time `now` (Unix seconds; injected so retention is testable).
    /// `progress` is called as work advances. Dropping the future cancels the fetch and leaves a
    /// consistent state: whatever was stored is durable, and a connection abandoned without
    /// `QUIT` deletes nothing on the server.
    pub async fn fetch(
        &self,
        account: &Account,
        password: &Password,
        now: i64,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<FetchReport, Error> {
        let _lock = self.lock(account).await?;
        // An import changed what this fetch may do: the user sees the dry run first.
        let id = account.id;
        if self.store.call(move |st| st.import_review(id)).await?? {
            return Err(Error::ImportReview(account.settings.name.clone()));
        }
        // Mail stored by an earlier fetch that stopped before its rules ran is filtered first.
        self.finish_filtering(account.id).await;
        // The ledger is read while the connection is set up (TLS, login, listing), not after.
        let ledger = self.start_ledger(account.id);
        let mut report = FetchReport::default();
        let mut session = self
            .connect_and_log_in(account, password, now, progress)
            .await?;
        self.record_server_policy(&mut session, &mut report).await?;
        let (listing, first) = self
            .list_and_plan(&mut session, ledger, &mut report, progress)
            .await?;
        (report.new, report.failed) = self.download(&mut session, &first.fetch, progress).await?;
        // Plan again: freshly stored messages are now in the ledger and may be deleted too.
        // With nothing downloaded the ledger is as it was (the plan is pure), so the first plan
        // stands; a "nothing new" poll then reads the ledger once.
        let second = if first.fetch.is_empty() {
            first
        } else {
            let ledger = self.start_ledger(account.id).await??;
            plan::plan(&listing, &ledger, &policy_of(account), now)
        };
        report.kept = second.keep;
        self.delete_and_quit(session, &second, &mut report, progress)
            .await?;
        self.delete_old_junk(account.id, now).await;
        Ok(report)
    }

    /// The account's fetch lock (this process or another may hold it).
    pub(super) async fn lock(&self, account: &Account) -> Result<AccountLock, Error> {
        match AccountLock::acquire(&self.data_dir, Purpose::Fetch, account.id.0).await {
            Ok(lock) => Ok(lock),
            Err(LockError::Busy) => Err(Error::Locked(account.settings.name.clone())),
            Err(LockError::Io(e)) => Err(Error::Internal(format!("lock file: {e}"))),
        }
    }

    /// Runs the rules of messages left pending (see `rules::run`): before each fetch, and when
    /// an account's worker starts. Logged, never fatal: the messages are safe in the Inbox
    /// either way.
    pub(crate) async fn finish_filtering(&self, account: AccountId) {
        let done = self
            .store
            .call(move |st| crate::rules::filter_pending(st, account))
            .await;
        match done {
            Ok(Ok(r)) if r.checked > 0 => {
                tracing::info!(
                    checked = r.checked,
                    "filtered mail left pending by an earlier run"
                )
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "message rules did not run"),
            Err(e) => tracing::warn!(error = %e, "message rules did not run"),
        }
    }

    /// Deletes the account's junk older than its junk age, locally (the server copy follows
    /// only the account's own "delete from the server when deleted here"). Logged, never fatal.
    async fn delete_old_junk(&self, account: AccountId, now: i64) {
        let done = self
            .store
            .call(move |st| st.delete_old_junk(account, now))
            .await;
        match done {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "old junk not deleted"),
            Err(e) => tracing::warn!(error = %e, "old junk not deleted"),
        }
    }

    /// Connects (TLS as the account says) and authenticates.
    pub(super) async fn connect_and_log_in<'a>(
        &self,
        account: &'a Account,
        password: &Password,
        now: i64,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<Session<'a>, Error> {
        let s = &account.settings;
        let p3 = |e| Error::pop3(&s.host, e);
        progress(Progress::Connecting {
            host: s.host.clone(),
        });
        let options = ConnectOptions {
            host: s.host.clone(),
            port: s.port,
            security: s.security,
            tls: TlsOptions {
                ca_file: s.ca_file.clone(),
                pinned_sha256: s.pinned_sha256.as_deref().and_then(pop3::parse_fingerprint),
            },
            limits: self.limits.clone(),
        };
        let mut client = pop3::connect(&options).await.map_err(p3)?;
        progress(Progress::Authenticating);
        client
            .login(&s.username, password, s.incoming_auth())
            .await
            .map_err(p3)?;
        Ok(Session {
            client,
            account,
            now,
        })
    }

    /// Notes the server's announced EXPIRE and LOGIN-DELAY. A poll writes nothing (and waits
    /// for no fsync) unless they changed.
    async fn record_server_policy(
        &self,
        session: &mut Session<'_>,
        report: &mut FetchReport,
    ) -> Result<(), Error> {
        let caps = session.client.capabilities();
        report.expire = caps.expire.map(store_expire);
        report.login_delay = caps.login_delay;
        let (expire, delay, id) = (report.expire, report.login_delay, session.account.id);
        let account = session.account;
        if (expire, delay) != (account.server_expire, account.server_login_delay) {
            self.store
                .call(move |st| st.set_server_policy(id, expire, delay))
                .await??;
        }
        Ok(())
    }

    /// Lists the mailbox and plans against the ledger (read meanwhile). Sizes are asked for
    /// only when the plan downloads or deletes something; UIDLs the server no longer lists after
    /// a "DELE sent" are recorded as deleted.
    async fn list_and_plan(
        &self,
        session: &mut Session<'_>,
        ledger: LedgerRead,
        report: &mut FetchReport,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<(Vec<Listed>, Plan), Error> {
        progress(Progress::Listing);
        let started = Instant::now();
        let listed = list(&mut session.client).await;
        let Listing {
            mut listing,
            no_uidl,
            sized,
        } = listed.map_err(|e| session.error(e))?;
        report.no_uidl = no_uidl;
        tracing::debug!(messages = listing.len(), sized, took = ?started.elapsed(), "listed");

        let started = Instant::now();
        let ledger = ledger.await??;
        tracing::debug!(entries = ledger.len(), waited = ?started.elapsed(), "ledger read");
        let (policy, now) = (policy_of(session.account), session.now);
        let mut first = plan::plan(&listing, &ledger, &policy, now);
        if !sized && (!first.fetch.is_empty() || first.needs_sizes) {
            // Something to download or delete: now the sizes matter (progress, and the identity
            // of each server copy before a DELE).
            let added = add_sizes(&mut session.client, &mut listing).await;
            added.map_err(|e| session.error(e))?;
            first = plan::plan(&listing, &ledger, &policy, now);
        }
        tracing::debug!(fetch = first.fetch.len(), took = ?started.elapsed(), "planned");
        if first.recheck > 0 {
            tracing::info!(
                count = first.recheck,
                "known UIDLs listed at another size: downloading them again before any deletion"
            );
        }
        if !first.confirmed_gone.is_empty() {
            let (gone, id) = (first.confirmed_gone.clone(), session.account.id);
            self.store
                .call(move |st| st.mark_deleted_on_server(id, &gone, now))
                .await??;
        }
        if first.known_not_stored > 0 {
            tracing::info!(
                count = first.known_not_stored,
                "messages another program downloaded: left on the server, not downloaded"
            );
        }
        if !first.stale_known.is_empty() {
            let (stale, id) = (first.stale_known.clone(), session.account.id);
            self.store
                .call(move |st| st.forget_known(id, Some(&stale)))
                .await??;
        }
        Ok((listing, first))
    }

    /// Downloads `wanted` in pipelined batches into the store (see [`Pipeline`]). Returns
    /// (newly stored, failed on the server). A network error ends the fetch after what arrived
    /// is stored.
    async fn download(
        &self,
        session: &mut Session<'_>,
        wanted: &[Listed],
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<(usize, usize), Error> {
        if wanted.is_empty() {
            return Ok((0, 0));
        }
        let total = wanted.len();
        let total_bytes: u64 = wanted.iter().filter_map(|l| l.size).sum();
        let report = |stored: super::pipeline::Stored| Progress::Downloading {
            current: stored.messages,
            total,
            bytes: stored.bytes,
            total_bytes,
        };
        progress(report(Default::default()));
        let mut pipeline = Pipeline::start(&self.store, session.account.id, session.now)?;
        let mut failed = 0;
        let mut network_error = None;
        for batch in batches(wanted) {
            let started = Instant::now();
            let items = match retr_batch(&mut session.client, &batch, &mut failed).await {
                Ok(items) => items,
                Err(e) => {
                    network_error = Some(session.error(e));
                    break;
                }
            };
            tracing::debug!(count = items.len(), took = ?started.elapsed(), "batch downloaded");
            if !pipeline.send(items).await {
                break; // a stage stopped: finish() reports why
            }
            if let Some(stored) = pipeline.progress() {
                progress(report(stored));
            }
        }
        let (new, stored) = pipeline.finish().await?;
        progress(report(stored));
        match network_error {
            Some(e) => Err(e),
            None => Ok((new, failed)),
        }
    }

    /// Deletes what the plan says ("DELE sent" recorded first) and ends the session with `QUIT`,
    /// which commits the deletions; only its `+OK` records them as done.
    async fn delete_and_quit(
        &self,
        mut session: Session<'_>,
        plan: &Plan,
        report: &mut FetchReport,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<(), Error> {
        let (id, now) = (session.account.id, session.now);
        if plan.delete.is_empty() {
            return session.quit().await;
        }
        progress(Progress::Deleting {
            count: plan.delete.len(),
        });
        let sent: Vec<String> = plan.delete.iter().map(|(l, _)| l.uidl.clone()).collect();
        self.store
            .call(move |st| st.mark_dele_sent(id, &sent, now))
            .await??;
        let numbers: Vec<u32> = plan.delete.iter().map(|(l, _)| l.number).collect();
        let results = session
            .client
            .dele_many(&numbers, configured_window())
            .await;
        let results = results.map_err(|e| session.error(e))?;
        let by_number: HashMap<u32, &String> = plan
            .delete
            .iter()
            .map(|(l, _)| (l.number, &l.uidl))
            .collect();
        let deleted: Vec<String> = results
            .iter()
            .filter(|(_, r)| r.is_ok())
            .filter_map(|(n, _)| by_number.get(n).map(|u| (*u).clone()))
            .collect();
        session.quit().await?;
        report.deleted = deleted.len();
        report.kept += plan.delete.len() - deleted.len();
        self.store
            .call(move |st| st.mark_deleted_on_server(id, &deleted, now))
            .await??;
        Ok(())
    }

    /// Starts reading the account's ledger in a blocking task (awaited later, so the read
    /// overlaps with network work).
    pub(super) fn start_ledger(&self, account: AccountId) -> LedgerRead {
        let store = self.store.clone();
        tokio::spawn(async move {
            let entries = store.call(move |st| st.ledger_for_plan(account)).await??;
            Ok(entries
                .into_iter()
                .map(|e| {
                    let known = Known {
                        first_stored_at: e.first_stored_at,
                        server: match e.state {
                            store::ServerState::OnServer => ServerCopy::OnServer,
                            store::ServerState::DeleSent => ServerCopy::DeleSent,
                            store::ServerState::DeletedOnServer => ServerCopy::Deleted,
                        },
                        deleted_here: e.deleted_here,
                        listed_size: e.listed_size,
                        received_size: e.received_size,
                        not_stored: e.not_stored,
                        linked: e.linked,
                    };
                    (e.uidl, known)
                })
                .collect())
        })
    }
}

/// A ledger read under way (see [`Fetcher::start_ledger`]).
pub(super) type LedgerRead = tokio::task::JoinHandle<Result<HashMap<String, Known>, Error>>;

/// Downloads one batch with pipelined `RETR`s. A message the server fails to deliver counts in
/// `failed` (retried next time); the outer error is a broken session.
async fn retr_batch<S>(
    client: &mut Client<S>,
    batch: &[&Listed],
    failed: &mut usize,
) -> Result<Vec<Downloaded>, pop3::Error>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send,
{
    let numbers: Vec<u32> = batch.iter().map(|l| l.number).collect();
    let results = client.retr_many(&numbers, configured_window()).await?;
    let by_number: HashMap<u32, &Listed> = batch.iter().map(|l| (l.number, *l)).collect();
    let mut items = Vec::with_capacity(results.len());
    for (number, result) in results {
        let Some(listed) = by_number.get(&number) else {
            continue;
        };
        match result {
            Ok(raw) => {
                // Complete (its dot line arrived): stored as received, whatever LIST said. The
                // size limit was applied to the bytes while they came in.
                let listed_size = listed.size.unwrap_or(0);
                if listed_size != raw.len() as u64 {
                    tracing::debug!(
                        number,
                        listed = listed_size,
                        received = raw.len(),
                        "size differs from LIST"
                    );
                }
                items.push(Downloaded {
                    uidl: listed.uidl.clone(),
                    listed_size,
                    raw,
                });
            }
            Err(e) => {
                tracing::warn!(number, error = %e, "server failed to deliver a message");
                *failed += 1;
            }
        }
    }
    Ok(items)
}

/// Groups the wanted messages into batches bounded by count and bytes.
fn batches(wanted: &[Listed]) -> Vec<Vec<&Listed>> {
    let mut out: Vec<Vec<&Listed>> = Vec::new();
    let mut current: Vec<&Listed> = Vec::new();
    let mut bytes = 0u64;
    for item in wanted {
        let size = item.size.unwrap_or(0);
        if !current.is_empty() && (current.len() >= BATCH_MESSAGES || bytes + size > BATCH_BYTES) {
            out.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += size;
        current.push(item);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

pub(super) fn policy_of(account: &Account) -> Policy {
    let s = &account.settings;
    Policy {
        leave_on_server: s.leave_on_server,
        keep_days: if s.leave_on_server { s.keep_days } else { None },
        delete_when_deleted_here: s.leave_on_server && s.delete_when_deleted_here,
    }
}

fn store_expire(e: pop3::Expire) -> store::ServerExpire {
    match e.policy {
        pop3::ExpirePolicy::Never => store::ServerExpire::Never,
        pop3::ExpirePolicy::Days(d) => store::ServerExpire::Days(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_respect_count_and_bytes() {
        let n = 2 * BATCH_MESSAGES + 2;
        let wanted: Vec<Listed> = (1..=n as u32)
            .map(|n| Listed {
                number: n,
                uidl: n.to_string(),
                size: Some(1000),
            })
            .collect();
        let b = batches(&wanted);
        assert_eq!(
            b.iter().map(Vec::len).collect::<Vec<_>>(),
            [BATCH_MESSAGES, BATCH_MESSAGES, 2]
        );
        let big: Vec<Listed> = (1..=3)
            .map(|n| Listed {
                number: n,
                uidl: n.to_string(),
                size: Some(BATCH_BYTES),
            })
            .collect();
        assert_eq!(batches(&big).len(), 3);
    }

    #[test]
    fn pipelining_can_be_turned_off() {
        assert_eq!(pipeline_window(None), PIPELINE_WINDOW);
        assert_eq!(pipeline_window(Some("on")), PIPELINE_WINDOW);
        assert_eq!(pipeline_window(Some("off")), 1);
        assert_eq!(pipeline_window(Some(" OFF ")), 1);
    }
}

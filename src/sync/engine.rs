//! One fetch of one account: connect, authenticate, list, plan, download (pipelined), store in
//! durable batches, delete what the plan says, quit.
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
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::error::Error;
use super::lock::{AccountLock, LockError};
use super::plan::{self, Known, Listed, Policy, ServerCopy};
use crate::mime;
use crate::pop3::{self, Client, ConnectOptions, Limits, Password, TlsOptions};
use crate::store::bodies::BodyId;
use crate::store::{self, Account, Fetched, Ready, Store};

/// Messages downloaded per pipelined batch (at most; also bounded by [`BATCH_BYTES`]). Each
/// batch is one commit and one new segment of the search index: with small mails, fewer and
/// larger batches measured faster (2,048: about a tenth less than 512 on 10,000 small mails).
const BATCH_MESSAGES: usize = 2048;
/// Bytes downloaded per batch before it is handed to the store.
const BATCH_BYTES: u64 = 4 * 1024 * 1024;
/// Commands in flight when the server offers PIPELINING.
const PIPELINE_WINDOW: usize = 16;
/// Batches queued between the network and the parser (bounds memory; one more waits between
/// the parser and the store).
const QUEUED_BATCHES: usize = 1;

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
    /// The store, shared with the rest of the process. Held only inside blocking tasks.
    pub store: Arc<Mutex<Store>>,
    /// The data directory (for the per-account lock file).
    pub data_dir: PathBuf,
    /// Protocol limits.
    pub limits: Limits,
}

impl Fetcher {
    /// Runs one fetch of `account` at time `now` (Unix seconds; injected so retention is testable).
    /// `progress` is called as work advances. Dropping the future cancels the fetch and leaves a
    /// consistent state.
    pub async fn fetch(
        &self,
        account: &Account,
        password: &Password,
        now: i64,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<FetchReport, Error> {
        let name = account.settings.name.clone();
        let _lock = match AccountLock::acquire(&self.data_dir, account.id.0).await {
            Ok(lock) => lock,
            Err(LockError::Busy) => return Err(Error::Locked(name)),
            Err(LockError::Io(e)) => return Err(Error::Internal(format!("lock file: {e}"))),
        };
        // The ledger is read while the connection is set up (TLS, login, listing), not after.
        let early_ledger = self.start_ledger(account);
        let s = &account.settings;
        let host = s.host.clone();
        let p3 = |e| Error::pop3(&host, e);

        progress(Progress::Connecting { host: host.clone() });
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
            .login(&s.username, password, s.auth)
            .await
            .map_err(p3)?;

        let mut report = FetchReport::default();
        let caps = client.capabilities().clone();
        report.expire = caps.expire.map(store_expire);
        report.login_delay = caps.login_delay;
        let (expire, delay) = (report.expire, report.login_delay);
        let id = account.id;
        // A poll writes nothing (and waits for no fsync) unless the server's policy changed.
        if (expire, delay) != (account.server_expire, account.server_login_delay) {
            self.with_store(move |st| st.set_server_policy(id, expire, delay))
                .await??;
        }

        progress(Progress::Listing);
        let started = Instant::now();
        let Listing {
            mut listing,
            no_uidl,
            sized,
        } = list(&mut client).await.map_err(p3)?;
        report.no_uidl = no_uidl;
        let policy = policy_of(account);
        tracing::debug!(messages = listing.len(), sized, took = ?started.elapsed(), "listed");

        let started = Instant::now();
        let ledger = early_ledger
            .await
            .map_err(|e| Error::Internal(format!("store task: {e}")))??;
        tracing::debug!(entries = ledger.len(), waited = ?started.elapsed(), "ledger read");
        let started = Instant::now();
        let mut first = plan::plan(&listing, &ledger, &policy, now);
        if !sized && (!first.fetch.is_empty() || first.needs_sizes) {
            // Something to download or delete: now the sizes matter (progress, and the identity
            // of each server copy before a DELE).
            add_sizes(&mut client, &mut listing).await.map_err(p3)?;
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
            let gone = first.confirmed_gone.clone();
            self.with_store(move |st| st.mark_deleted_on_server(id, &gone, now))
                .await??;
        }

        let fetched = self
            .download(&mut client, account, &first.fetch, now, progress)
            .await;
        let (new, failed) = match fetched {
            Ok(counts) => counts,
            Err(e) => {
                // Whatever was stored is durable; the connection is abandoned without QUIT,
                // so nothing is deleted on the server.
                return Err(e);
            }
        };
        report.new = new;
        report.failed = failed;

        // Plan again: freshly stored messages are now in the ledger and may be deleted too.
        // With nothing downloaded the ledger is as it was (the plan is pure), so the first plan
        // stands; a "nothing new" poll then reads the ledger once.
        let second = if first.fetch.is_empty() {
            first
        } else {
            let ledger = self.ledger(account).await?;
            plan::plan(&listing, &ledger, &policy, now)
        };
        report.kept = second.keep;
        if second.delete.is_empty() {
            client.quit().await.map_err(p3)?;
            return Ok(report);
        }

        progress(Progress::Deleting {
            count: second.delete.len(),
        });
        let uidls: Vec<String> = second.delete.iter().map(|(l, _)| l.uidl.clone()).collect();
        let sent = uidls.clone();
        self.with_store(move |st| st.mark_dele_sent(id, &sent, now))
            .await??;
        let numbers: Vec<u32> = second.delete.iter().map(|(l, _)| l.number).collect();
        let results = client
            .dele_many(&numbers, PIPELINE_WINDOW)
            .await
            .map_err(p3)?;
        let by_number: HashMap<u32, &String> = second
            .delete
            .iter()
            .map(|(l, _)| (l.number, &l.uidl))
            .collect();
        let deleted: Vec<String> = results
            .iter()
            .filter(|(_, r)| r.is_ok())
            .filter_map(|(n, _)| by_number.get(n).map(|u| (*u).clone()))
            .collect();
        client.quit().await.map_err(p3)?;
        report.deleted = deleted.len();
        report.kept += second.delete.len() - deleted.len();
        self.with_store(move |st| st.mark_deleted_on_server(id, &deleted, now))
            .await??;
        Ok(report)
    }

    /// Downloads `wanted` in pipelined batches while a blocking task parses and stores the
    /// previous batch durably. Returns (newly stored, failed on the server).
    async fn download<S>(
        &self,
        client: &mut Client<S>,
        account: &Account,
        wanted: &[Listed],
        now: i64,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<(usize, usize), Error>
    where
        S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send,
    {
        let total = wanted.len();
        let total_bytes: u64 = wanted.iter().filter_map(|l| l.size).sum();
        if total == 0 {
            return Ok((0, 0));
        }
        progress(Progress::Downloading {
            current: 0,
            total,
            bytes: 0,
            total_bytes,
        });

        // Four stages run at once: this task downloads batch n+3 while a blocking task parses
        // batch n+2, another stores the bodies of batch n+1 in the bodies file, and a third
        // stores the rows and index of batch n, each commit waiting for its own fsync. A batch's
        // bodies are durable before its rows are committed, and those before any DELE.
        let bodies = self
            .store
            .lock()
            .map_err(|_| Error::Internal("store lock poisoned".into()))?
            .open_bodies()?;
        let (tx, mut rx) = mpsc::channel::<Vec<Downloaded>>(QUEUED_BATCHES);
        let (parsed_tx, parsed_rx) = std::sync::mpsc::sync_channel::<Vec<Ready>>(1);
        let (kept_tx, kept_rx) = std::sync::mpsc::sync_channel::<(Vec<Ready>, Vec<BodyId>)>(1);
        let (done_tx, mut done_rx) = mpsc::unbounded_channel::<(usize, u64)>();
        let parser = tokio::task::spawn_blocking(move || {
            while let Some(batch) = rx.blocking_recv() {
                let started = Instant::now();
                let count = batch.len();
                let items = summarize_all(batch);
                tracing::debug!(count, took = ?started.elapsed(), "batch parsed");
                if parsed_tx.send(items).is_err() {
                    break; // the writer stopped: its error is reported below
                }
            }
        });
        let body_writer = tokio::task::spawn_blocking(move || -> Result<(), Error> {
            let mut bodies = bodies;
            for items in parsed_rx {
                let started = Instant::now();
                let ids = bodies.put(items.iter().map(|r| r.fetched.raw.as_slice()), now)?;
                tracing::debug!(count = ids.len(), took = ?started.elapsed(), "bodies stored durably");
                if kept_tx.send((items, ids)).is_err() {
                    break; // the row writer stopped: its error is reported below
                }
            }
            Ok(())
        });
        let store = Arc::clone(&self.store);
        let id = account.id;
        let writer = tokio::task::spawn_blocking(move || -> Result<usize, Error> {
            let mut new = 0;
            for (items, body_ids) in kept_rx {
                let started = Instant::now();
                let bytes: u64 = items.iter().map(|r| r.fetched.raw.len() as u64).sum();
                let count = items.len();
                let mut st = store
                    .lock()
                    .map_err(|_| Error::Internal("store lock poisoned".into()))?;
                let outcomes = st.store_ready(id, &items, &body_ids, now)?;
                drop(st);
                drop(items);
                new += outcomes
                    .iter()
                    .filter(|o| matches!(o, store::StoredOutcome::Stored(_)))
                    .count();
                tracing::debug!(count, bytes, took = ?started.elapsed(), "batch stored durably");
                let _ = done_tx.send((count, bytes));
            }
            Ok(new)
        });

        let mut failed = 0;
        let mut stored = (0usize, 0u64);
        let mut network_error = None;
        for batch in batches(wanted) {
            let numbers: Vec<u32> = batch.iter().map(|l| l.number).collect();
            let started = Instant::now();
            let results = match client.retr_many(&numbers, PIPELINE_WINDOW).await {
                Ok(r) => r,
                Err(e) => {
                    network_error = Some(Error::pop3(&account.settings.host, e));
                    break;
                }
            };
            let by_number: HashMap<u32, &Listed> = batch.iter().map(|l| (l.number, *l)).collect();
            let mut items = Vec::with_capacity(results.len());
            for (number, result) in results {
                let Some(listed) = by_number.get(&number) else {
                    continue;
                };
                match result {
                    Ok(raw) => {
                        // Complete (its dot line arrived): stored as received, whatever LIST
                        // said. The size limit was applied to the bytes while they came in.
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
                        failed += 1;
                    }
                }
            }
            tracing::debug!(count = items.len(), took = ?started.elapsed(), "batch downloaded");
            if tx.send(items).await.is_err() {
                break; // the writer stopped: its error is reported below
            }
            while let Ok((count, bytes)) = done_rx.try_recv() {
                stored.0 += count;
                stored.1 += bytes;
                progress(Progress::Downloading {
                    current: stored.0,
                    total,
                    bytes: stored.1,
                    total_bytes,
                });
            }
        }
        drop(tx);
        parser
            .await
            .map_err(|e| Error::Internal(format!("parse task: {e}")))?;
        let bodies_stored = body_writer
            .await
            .map_err(|e| Error::Internal(format!("body store task: {e}")))?;
        let new = writer
            .await
            .map_err(|e| Error::Internal(format!("store task: {e}")))??;
        bodies_stored?;
        while let Ok((count, bytes)) = done_rx.try_recv() {
            stored.0 += count;
            stored.1 += bytes;
        }
        progress(Progress::Downloading {
            current: stored.0,
            total,
            bytes: stored.1,
            total_bytes,
        });
        match network_error {
            Some(e) => Err(e),
            None => Ok((new, failed)),
        }
    }

    async fn ledger(&self, account: &Account) -> Result<HashMap<String, Known>, Error> {
        self.start_ledger(account)
            .await
            .map_err(|e| Error::Internal(format!("store task: {e}")))?
    }

    /// Starts reading the account's ledger in a blocking task (awaited later, so the read
    /// overlaps with network work).
    fn start_ledger(&self, account: &Account) -> JoinHandle<Result<HashMap<String, Known>, Error>> {
        let store = Arc::clone(&self.store);
        let id = account.id;
        tokio::task::spawn_blocking(move || {
            let entries = store
                .lock()
                .map_err(|_| Error::Internal("store poisoned".into()))?
                .ledger_for_plan(id)?;
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
                    };
                    (e.uidl, known)
                })
                .collect())
        })
    }

    /// Runs `f` on the store in a blocking task.
    async fn with_store<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store) -> T + Send + 'static,
    ) -> Result<T, Error> {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || {
            let mut st = store
                .lock()
                .map_err(|_| Error::Internal("store poisoned".into()))?;
            Ok(f(&mut st))
        })
        .await
        .map_err(|e| Error::Internal(format!("store task: {e}")))?
    }
}

/// What [`list`] found.
struct Listing {
    listing: Vec<Listed>,
    /// The server has no UIDL; the identities are the header fallback.
    no_uidl: bool,
    /// Whether `size` is filled in (from LIST); without it every size is `None`.
    sized: bool,
}

/// The server's messages by UIDL. Sizes (LIST) are left out: a "nothing new" poll does not
/// need them, and on a large mailbox the second listing costs as much as the first; the
/// engine asks for them (see [`add_sizes`]) once the plan downloads something. Without UIDL,
/// the header fallback identity needs LIST and TOP anyway.
async fn list<S>(client: &mut Client<S>) -> Result<Listing, pop3::Error>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send,
{
    match client.uidl().await {
        Ok(uidls) => Ok(Listing {
            listing: uidls
                .into_iter()
                .map(|(number, uidl)| Listed {
                    number,
                    uidl,
                    size: None,
                })
                .collect(),
            no_uidl: false,
            sized: false,
        }),
        Err(pop3::Error::ServerError(_)) => {
            let sizes = client.list().await?;
            let mut listing = Vec::with_capacity(sizes.len());
            for (number, size) in sizes {
                let headers = client.top(number, 0).await?;
                listing.push(Listed {
                    number,
                    uidl: super::identity::fallback_uidl(size, &headers),
                    size: Some(size),
                });
            }
            Ok(Listing {
                listing,
                no_uidl: true,
                sized: true,
            })
        }
        Err(e) => Err(e),
    }
}

/// Fills in the sizes from LIST. A message that UIDL listed but LIST does not (a server
/// answering inconsistently) is dropped from the listing: it is neither fetched nor deleted.
async fn add_sizes<S>(client: &mut Client<S>, listing: &mut Vec<Listed>) -> Result<(), pop3::Error>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send,
{
    let sizes: HashMap<u32, u64> = client.list().await?.into_iter().collect();
    listing.retain_mut(|l| match sizes.get(&l.number) {
        Some(&size) => {
            l.size = Some(size);
            true
        }
        None => false,
    });
    Ok(())
}

/// One message as it came off the wire, with how the server listed it.
struct Downloaded {
    uidl: String,
    listed_size: u64,
    raw: Vec<u8>,
}

/// The store's view of each downloaded message: its summary for the list and the index, and
/// what the store derives from both (hash, index text), so the writing thread only writes.
fn summarize_all(batch: Vec<Downloaded>) -> Vec<Ready> {
    batch
        .into_iter()
        .map(|d| {
            Ready::new(Fetched {
                summary: mime::summarize(&d.raw),
                uidl: d.uidl,
                listed_size: d.listed_size,
                raw: d.raw,
            })
        })
        .collect()
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

fn policy_of(account: &Account) -> Policy {
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
}

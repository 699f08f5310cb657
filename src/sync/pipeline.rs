//! The download pipeline of one fetch: four stages at once, so the network never waits for
//! parsing or fsync. While the engine downloads batch n+3, one blocking thread parses batch n+2,
//! one stores the bodies of batch n+1 in the bodies file, and one commits the rows and index of
//! batch n and then runs its message rules (`crate::rules`; a separate transaction, so the
//! rows are durable whatever the rules do). A batch's bodies are durable before its rows are committed, and those before any
//! `DELE` (the engine deletes only after [`Pipeline::finish`]).

use std::collections::HashMap;
use std::time::Instant;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::error::Error;
use crate::mime;
use crate::store::bodies::BodyId;
use crate::store::{AccountId, Fetched, MessageId, Ready, Shared, StoredOutcome};

/// Batches queued between the network and the parser (bounds memory; one more waits between
/// each of the later stages).
const QUEUED_BATCHES: usize = 1;

/// One message as it came off the wire, with how the server listed it.
pub(super) struct Downloaded {
    pub uidl: String,
    pub listed_size: u64,
    pub raw: Vec<u8>,
}

/// Messages and bytes durably stored so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Stored {
    pub messages: usize,
    pub bytes: u64,
}

/// The running stages of one download.
pub(super) struct Pipeline {
    to_parser: mpsc::Sender<Vec<Downloaded>>,
    done: mpsc::UnboundedReceiver<Stored>,
    stored: Stored,
    parser: JoinHandle<()>,
    bodies: JoinHandle<Result<(), Error>>,
    rows: JoinHandle<Result<usize, Error>>,
}

impl Pipeline {
    /// Starts the stages for `account`, storing at time `now`.
    pub fn start(store: &Shared, account: AccountId, now: i64) -> Result<Pipeline, Error> {
        let mut bodies = store.lock()?.open_bodies()?;
        let (to_parser, mut from_network) = mpsc::channel::<Vec<Downloaded>>(QUEUED_BATCHES);
        let (parsed_tx, parsed_rx) = std::sync::mpsc::sync_channel::<Vec<Ready>>(QUEUED_BATCHES);
        let (kept_tx, kept_rx) =
            std::sync::mpsc::sync_channel::<(Vec<Ready>, Vec<BodyId>)>(QUEUED_BATCHES);
        let (done_tx, done) = mpsc::unbounded_channel::<Stored>();

        let parser = tokio::task::spawn_blocking(move || {
            while let Some(batch) = from_network.blocking_recv() {
                let started = Instant::now();
                let count = batch.len();
                let items = summarize_all(batch);
                tracing::debug!(count, took = ?started.elapsed(), "batch parsed");
                if parsed_tx.send(items).is_err() {
                    break; // a later stage stopped: its error is reported by finish()
                }
            }
        });
        let bodies = tokio::task::spawn_blocking(move || -> Result<(), Error> {
            for items in parsed_rx {
                let started = Instant::now();
                let ids = bodies.put(items.iter().map(|r| r.fetched.raw.as_slice()), now)?;
                tracing::debug!(count = ids.len(), took = ?started.elapsed(), "bodies stored durably");
                if kept_tx.send((items, ids)).is_err() {
                    break;
                }
            }
            Ok(())
        });
        let store = store.clone();
        let rows = tokio::task::spawn_blocking(move || -> Result<usize, Error> {
            let mut new = 0;
            for (items, body_ids) in kept_rx {
                let started = Instant::now();
                let bytes: u64 = items.iter().map(|r| r.fetched.raw.len() as u64).sum();
                let messages = items.len();
                let mut st = store.lock()?;
                let outcomes = st.store_ready(account, &items, &body_ids, now)?;
                new += outcomes.iter().filter(|o| o.is_new()).count();
                tracing::debug!(messages, bytes, took = ?started.elapsed(), "batch stored durably");
                let _ = done_tx.send(Stored { messages, bytes });
                // The batch is durable: now its rules and the junk check. A failure leaves the
                // messages in the Inbox, marked pending, for the next run; it never stops the
                // fetch (the bytes are safe, and a DELE depends only on them).
                pause_before_rules();
                let started = Instant::now();
                let at_hand: HashMap<MessageId, &[u8]> = outcomes
                    .iter()
                    .zip(&items)
                    .filter_map(|(o, r)| match o {
                        StoredOutcome::Stored(id) => Some((*id, r.fetched.raw.as_slice())),
                        _ => None,
                    })
                    .collect();
                let filtered = crate::rules::filter_pending_with(&mut st, account, &at_hand);
                drop(at_hand);
                drop(items);
                match filtered {
                    Ok(r) => tracing::debug!(checked = r.checked, junk = r.junk,
                        moved = r.moved, took = ?started.elapsed(), "batch filtered"),
                    Err(e) => tracing::warn!(error = %e, "message rules did not run"),
                }
            }
            Ok(new)
        });
        Ok(Pipeline {
            to_parser,
            done,
            stored: Stored::default(),
            parser,
            bodies,
            rows,
        })
    }

    /// Hands a downloaded batch to the parser (waits while the stages are full). False when a
    /// later stage stopped: stop downloading, [`Pipeline::finish`] says why.
    pub async fn send(&mut self, batch: Vec<Downloaded>) -> bool {
        self.to_parser.send(batch).await.is_ok()
    }

    /// What is durably stored so far, when that changed since the last call.
    pub fn progress(&mut self) -> Option<Stored> {
        let before = self.stored;
        while let Ok(s) = self.done.try_recv() {
            self.stored.messages += s.messages;
            self.stored.bytes += s.bytes;
        }
        (self.stored != before).then_some(self.stored)
    }

    /// Lets the stages store what they hold, and returns how many messages were stored for the
    /// first time, and how much was stored in all.
    pub async fn finish(mut self) -> Result<(usize, Stored), Error> {
        drop(self.to_parser);
        let joined = |e: tokio::task::JoinError| Error::Internal(format!("fetch stage: {e}"));
        self.parser.await.map_err(joined)?;
        let bodies = self.bodies.await.map_err(joined)?;
        let new = self.rows.await.map_err(joined)??;
        bodies?;
        while let Ok(s) = self.done.try_recv() {
            self.stored.messages += s.messages;
            self.stored.bytes += s.bytes;
        }
        Ok((new, self.stored))
    }
}

/// For the crash tests (`tests/sync/rules.rs`): with `POSTFACH_TEST_PAUSE_BEFORE_RULES=FILE`
/// in the environment, a stored batch waits here before its rules run, after creating FILE, so
/// a test can `kill -9` the process exactly between storing and filtering. Inert otherwise.
fn pause_before_rules() {
    if let Some(file) = std::env::var_os("POSTFACH_TEST_PAUSE_BEFORE_RULES") {
        if let Err(e) = std::fs::write(&file, b"stored\n") {
            tracing::warn!(error = %e, "test pause file not written");
        }
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
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

//! The Outbox engine: "Send" puts the built message into the account's Outbox durably
//! ([`queue`]); [`Sender::deliver_due`] then submits what is due, one connection per message,
//! and records every outcome in the store:
//!
//! - accepted → the message moves to Sent (the answered/forwarded marks follow);
//! - temporary (4xx, network) → queued again after a back-off ([`backoff`]);
//! - permanent (5xx, sign-in, certificate) → kept as failed, with the reason in words;
//! - no answer after the final dot → "may have been sent": never re-sent without the user.
//!
//! Before the final dot the store records `dot_sent` (see `smtp::Client::send_with`), so a
//! crash at any point leaves either a message that was certainly not sent (queued again) or
//! one the user is asked about. One sender per account at a time, also across processes
//! ([`crate::lock`]).
use std::path::{Path, PathBuf};

use super::build::{BuildError, Outgoing, build};
use crate::lock::{AccountLock, LockError, Purpose};
use crate::pop3::Password;
use crate::smtp::{self, ConnectOptions, Credentials, Envelope, Limits, Outcome};
use crate::store::{self, Account, Claimed, Links, MessageId, Retry, Shared, Store, ToQueue};
use crate::text::safe_line;

/// Why the Outbox could not be worked on at all (a single message's failure is a [`Delivery`]).
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The account has no outgoing server set up.
    #[error("the account {0:?} has no outgoing server")]
    NoServer(String),
    /// The message cannot be built (no recipient, a sender that is no address).
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error(transparent)]
    Shared(#[from] store::SharedError),
    /// Another process or task is delivering this account's Outbox right now.
    #[error("the Outbox of {0:?} is being sent by another Postfach")]
    Locked(String),
    /// The lock file could not be opened.
    #[error("lock file: {0}")]
    Lock(String),
}

/// A recipient the server refused.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RefusedRecipient {
    pub address: String,
    /// The server's reply, sanitised.
    pub reply: String,
    /// A 5xx refusal: this address will not work as it is.
    pub permanent: bool,
}

/// Why a try did not end in acceptance: kept with the message in the Outbox (as JSON) and
/// shown beside it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// What happened and what to do, in the user's language at the time.
    pub words: String,
    /// The technical text (the server's reply, the system's error), sanitised.
    pub details: String,
    /// The recipients refused on the way.
    pub refused: Vec<RefusedRecipient>,
}

impl Problem {
    /// Reads what [`Store::record_failure`] kept; `None` for anything else.
    pub fn from_json(text: &str) -> Option<Problem> {
        serde_json::from_str(text).ok()
    }

    fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| String::from("{}"))
    }

    fn of(error: &smtp::Error, host: &str, refused: &[smtp::Refused]) -> Problem {
        Problem {
            words: error.user_message(host),
            details: error.details(),
            refused: refused.iter().map(refused_recipient).collect(),
        }
    }
}

fn refused_recipient(r: &smtp::Refused) -> RefusedRecipient {
    RefusedRecipient {
        address: safe_line(&r.address),
        reply: safe_line(&r.reply.to_string()),
        permanent: !r.reply.is_temporary(),
    }
}

/// What became of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Accepted and moved to Sent; some recipients may have been refused.
    Sent {
        message: MessageId,
        refused: Vec<RefusedRecipient>,
    },
    /// A temporary failure: tried again at `at` (Unix seconds).
    WillRetry {
        message: MessageId,
        at: i64,
        problem: Problem,
        kind: smtp::ErrorKind,
    },
    /// Refused for good: stays in the Outbox until the user changes or removes it.
    Failed {
        message: MessageId,
        problem: Problem,
        kind: smtp::ErrorKind,
    },
    /// No answer after the final dot: it may have been sent. The user decides.
    Unknown {
        message: MessageId,
        problem: Problem,
    },
}

impl Delivery {
    pub fn message(&self) -> MessageId {
        match self {
            Delivery::Sent { message, .. }
            | Delivery::WillRetry { message, .. }
            | Delivery::Failed { message, .. }
            | Delivery::Unknown { message, .. } => *message,
        }
    }
}

/// How long to wait before try number `attempt + 1` after a temporary failure, in seconds:
/// 1, 2, 5, 10, 20 minutes, then every 30 minutes.
pub fn backoff(attempt: u32) -> i64 {
    match attempt {
        0 | 1 => 60,
        2 => 120,
        3 => 300,
        4 => 600,
        5 => 1200,
        _ => 1800,
    }
}

/// Builds `outgoing` and puts it into the account's Outbox, durably, due now. `draft` is the
/// draft it was written in (removed in the same transaction).
pub fn queue(
    store: &mut Store,
    account: &Account,
    outgoing: &Outgoing,
    links: Links,
    draft: Option<MessageId>,
    now: i64,
) -> Result<MessageId, Error> {
    let super::Built {
        transmitted,
        stored,
        envelope_from,
        recipients,
    } = build(outgoing)?;
    // the stored copy holds the transmitted bytes; keep one copy of a large message, not two
    let transmit_from = stored.len() - transmitted.len();
    drop(transmitted);
    let summary = crate::mime::summarize(&stored);
    let own = account.settings.email.trim();
    let to_self = recipients.iter().any(|r| r.eq_ignore_ascii_case(own));
    Ok(store.queue(
        &ToQueue {
            account: account.id,
            stored: &stored,
            transmit_from,
            envelope_from: &envelope_from,
            recipients: &recipients,
            summary: &summary,
            answers: links.answers,
            forwards: links.forwards,
            draft,
            to_self,
        },
        now,
    )?)
}

/// Delivers Outboxes: one per process is enough (it holds no connection between calls).
#[derive(Debug, Clone)]
pub struct Sender {
    store: Shared,
    data_dir: PathBuf,
    limits: Limits,
}

impl Sender {
    pub fn new(store: Shared, data_dir: &Path) -> Sender {
        Sender {
            store,
            data_dir: data_dir.to_path_buf(),
            limits: Limits::default(),
        }
    }

    /// With other bounds (tests use short deadlines).
    pub fn with_limits(mut self, limits: Limits) -> Sender {
        self.limits = limits;
        self
    }

    /// When the next waiting message of `account` is due (Unix seconds), if one waits.
    pub async fn next_due(&self, account: store::AccountId) -> Result<Option<i64>, Error> {
        Ok(self.store.call(move |st| st.next_due(account)).await??)
    }

    /// Sends every message of `account` that is due, oldest first, and says what became of
    /// each. `secret` is the outgoing server's password or token (`None`: the server needs no
    /// sign-in, or the account's user name is empty). `now` gives the time (Unix seconds).
    /// Stops at the first failure that would hit the next message the same way (network,
    /// sign-in, certificate); that message is retried later, the others wait their turn.
    pub async fn deliver_due(
        &self,
        account: &Account,
        secret: Option<&Password>,
        now: &(dyn Fn() -> i64 + Sync),
    ) -> Result<Vec<Delivery>, Error> {
        let s = &account.settings;
        let server = s
            .smtp
            .as_ref()
            .ok_or_else(|| Error::NoServer(s.name.clone()))?;
        let _lock = match AccountLock::acquire(&self.data_dir, Purpose::Send, account.id.0).await {
            Ok(lock) => lock,
            Err(LockError::Busy) => return Err(Error::Locked(s.name.clone())),
            Err(LockError::Io(e)) => return Err(Error::Lock(e.to_string())),
        };
        let id = account.id;
        // We hold the lock: what is `sending` or `dot_sent` was left by a crash.
        let (requeued, unknown) = self.store.call(move |st| st.recover_outbox(id)).await??;
        if requeued + unknown > 0 {
            tracing::warn!(account = %id, requeued, unknown, "Outbox recovered after a crash");
        }
        let options = super::server::connect_options(s, server, self.limits.clone());
        let credentials =
            secret.and_then(|secret| super::server::credentials(s, server, secret.clone()));
        let mut done = Vec::new();
        loop {
            let at = now();
            let Some(claimed) = self.store.call(move |st| st.claim(id, at)).await?? else {
                break;
            };
            let (delivery, stop) = self
                .deliver(claimed, &options, credentials.as_ref(), now)
                .await?;
            done.push(delivery);
            if stop {
                break;
            }
        }
        Ok(done)
    }

    /// Submits one claimed message and records the outcome. Also says whether the next
    /// message would fail the same way.
    async fn deliver(
        &self,
        claimed: Claimed,
        options: &ConnectOptions,
        credentials: Option<&Credentials>,
        now: &(dyn Fn() -> i64 + Sync),
    ) -> Result<(Delivery, bool), Error> {
        let message = claimed.id;
        let envelope = Envelope {
            from: claimed.envelope_from,
            to: claimed.recipients,
        };
        let store = self.store.clone();
        let mark = async move || match store.call(move |st| st.mark_dot_sent(message)).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        let outcome =
            smtp::submit_with(options, credentials, &envelope, &claimed.transmitted, mark).await;
        drop(claimed.transmitted);
        let host = options.host.as_str();
        let (delivery, stop) = match outcome {
            Outcome::Accepted { refused, .. } => {
                self.store.call(move |st| st.mark_sent(message)).await??;
                let refused = refused.iter().map(refused_recipient).collect();
                tracing::info!(message = %message, "message accepted by the outgoing server");
                (Delivery::Sent { message, refused }, false)
            }
            Outcome::NotSent { error, refused } => {
                let problem = Problem::of(&error, host, &refused);
                // a refused message says nothing about the next one; a server that cannot be
                // reached or refuses the sign-in does
                let stop = !matches!(
                    error,
                    smtp::Error::Rejected { .. } | smtp::Error::TooLarge { .. }
                );
                let (retry, delivery) = if error.is_transient() {
                    let at = now() + backoff(claimed.attempt);
                    let d = Delivery::WillRetry {
                        message,
                        at,
                        problem: problem.clone(),
                        kind: error.kind(),
                    };
                    (Retry::At(at), d)
                } else {
                    let d = Delivery::Failed {
                        message,
                        problem: problem.clone(),
                        kind: error.kind(),
                    };
                    (Retry::Never, d)
                };
                tracing::info!(message = %message, error = %problem.details, "message not sent");
                let reason = problem.to_json();
                self.store
                    .call(move |st| st.record_failure(message, retry, &reason))
                    .await??;
                (delivery, stop)
            }
            Outcome::Unknown { error } => {
                let problem = Problem {
                    words: crate::fl!("send-unknown", host = host),
                    details: error.details(),
                    refused: Vec::new(),
                };
                tracing::warn!(message = %message, error = %problem.details, "message may have been sent");
                let reason = problem.to_json();
                self.store
                    .call(move |st| st.record_failure(message, Retry::Unknown, &reason))
                    .await??;
                (Delivery::Unknown { message, problem }, true)
            }
        };
        Ok((delivery, stop))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stays_bounded() {
        let waits: Vec<i64> = (1..=8).map(backoff).collect();
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(waits[0], 60);
        assert_eq!(*waits.last().unwrap_or(&0), 1800);
    }

    #[test]
    fn a_problem_survives_the_store() {
        let p = Problem {
            words: "Der Empfänger wurde abgelehnt.".into(),
            details: "550 5.1.1 no such user".into(),
            refused: vec![RefusedRecipient {
                address: "x@example.org".into(),
                reply: "550 5.1.1 no such user".into(),
                permanent: true,
            }],
        };
        assert_eq!(Problem::from_json(&p.to_json()), Some(p));
        assert_eq!(Problem::from_json("refused"), None);
    }
}

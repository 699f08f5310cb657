//! A long-lived Outbox worker per account, beside the fetch worker (`sync::service`): it sends
//! what is due at start-up, when told ("send now": a message was just queued), and by itself
//! when the next retry of a waiting message comes due. It emits events that carry the account
//! id; the app wraps them in a `Subscription`. No iced.
use std::time::Duration;

use tokio::sync::mpsc;

use super::outbox::{Delivery, Error, Sender};
use crate::pop3::Password;
use crate::store::{Account, AccountId};

/// What the worker is asked to do.
#[derive(Debug, Clone)]
pub enum Command {
    /// Send what is due now (a message was queued, or the user asked to retry).
    SendNow,
    /// The account's settings changed; they apply from the next round.
    SettingsChanged(Box<Account>),
    /// A secret for this session only (when the keyring is unavailable).
    SetSecret(Password),
    /// Stop the worker.
    Shutdown,
}

/// What the worker reports.
#[derive(Debug, Clone)]
pub enum Event {
    /// A round ended: what became of each message it tried (empty: nothing was due).
    Delivered(AccountId, Vec<Delivery>),
    /// A round could not run (no outgoing server, no password, another Postfach sending).
    Failed(AccountId, String),
}

/// The handle that drives one worker. Dropping every handle stops it.
pub type Controller = crate::worker::Controller<Command>;

/// The clock (Unix seconds).
pub type Clock = fn() -> i64;

/// How long to wait before trying again after a round that could not run.
const AFTER_TROUBLE: Duration = Duration::from_secs(60);

/// Starts the worker for `account` on the current tokio runtime. It sends what is due at once.
/// `secret`: one for this session (else the keyring's is read each round).
pub fn spawn(
    sender: Sender,
    account: Account,
    clock: Clock,
    secret: Option<Password>,
) -> (Controller, mpsc::Receiver<Event>) {
    let (tx, commands) = mpsc::unbounded_channel();
    let (events_tx, events) = mpsc::channel(64);
    let controller = Controller::new(account.id, tx);
    let worker = Worker {
        sender,
        account,
        clock,
        session_secret: secret,
        commands,
        events: events_tx,
    };
    tokio::spawn(worker.run());
    (controller, events)
}

struct Worker {
    sender: Sender,
    account: Account,
    clock: Clock,
    session_secret: Option<Password>,
    commands: mpsc::UnboundedReceiver<Command>,
    events: mpsc::Sender<Event>,
}

impl Worker {
    async fn run(mut self) {
        let mut wait = Some(Duration::ZERO);
        loop {
            let due = async {
                match wait {
                    Some(d) => tokio::time::sleep(d).await,
                    None => std::future::pending().await,
                }
            };
            let command = tokio::select! {
                c = self.commands.recv() => c,
                () = due => Some(Command::SendNow),
            };
            match command {
                Some(Command::SendNow) => wait = self.round().await,
                Some(Command::SettingsChanged(account)) => self.account = *account,
                Some(Command::SetSecret(secret)) => {
                    self.session_secret = Some(secret);
                    wait = Some(Duration::ZERO);
                }
                Some(Command::Shutdown) | None => return,
            }
        }
    }

    /// Sends what is due; returns how long until the next message comes due (`None`: nothing
    /// waits for a time).
    async fn round(&mut self) -> Option<Duration> {
        let id = self.account.id;
        let server = self.account.settings.smtp.clone()?;
        // nothing due: no keyring, no connection
        match self.sender.next_due(id).await {
            Ok(Some(at)) if at > (self.clock)() => return Some(self.until(at)),
            Ok(Some(_)) => {}
            Ok(None) => return None,
            Err(e) => {
                tracing::warn!(account = %id, error = %e, "cannot read the Outbox");
                return Some(AFTER_TROUBLE);
            }
        }
        let oauth = self.account.settings.oauth.is_some();
        let secret = match &self.session_secret {
            // a password typed for this session never stands in for a sign-in
            Some(s) if !oauth => Some(s.clone()),
            _ if !super::server::signs_in(&server) => None,
            _ => {
                let account = self.account.settings.clone();
                match tokio::task::spawn_blocking(move || super::server::secret(&account, &server))
                    .await
                {
                    Ok(Ok(Some(secret))) => Some(secret),
                    Ok(Ok(None)) => {
                        let name = self.account.settings.name.as_str();
                        let words = crate::fl!("send-no-password", account = name);
                        let _ = self.events.send(Event::Failed(id, words)).await;
                        return None;
                    }
                    Ok(Err(e)) => {
                        let _ = self.events.send(Event::Failed(id, e.user_message())).await;
                        // only signing in again helps: no retry until the user acts
                        if matches!(&e, crate::sync::Error::OAuth(o) if o.needs_sign_in()) {
                            return None;
                        }
                        return Some(AFTER_TROUBLE);
                    }
                    Err(e) => {
                        let _ = self.events.send(Event::Failed(id, e.to_string())).await;
                        return Some(AFTER_TROUBLE);
                    }
                }
            }
        };
        let clock = self.clock;
        let now = move || clock();
        match self
            .sender
            .deliver_due(&self.account, secret.as_ref(), &now)
            .await
        {
            Ok(done) => {
                let _ = self.events.send(Event::Delivered(id, done)).await;
            }
            Err(Error::NoServer(_)) => return None,
            // another Postfach (the command line) is sending this Outbox right now
            Err(Error::Locked(_)) => return Some(AFTER_TROUBLE),
            Err(e) => {
                tracing::warn!(account = %id, error = %e, "the Outbox could not be sent");
                let _ = self.events.send(Event::Failed(id, e.to_string())).await;
                return Some(AFTER_TROUBLE);
            }
        }
        let next = self.sender.next_due(id).await.ok().flatten()?;
        Some(self.until(next))
    }

    /// How long until `at` (Unix seconds).
    fn until(&self, at: i64) -> Duration {
        Duration::from_secs(u64::try_from(at - (self.clock)()).unwrap_or(0))
    }
}

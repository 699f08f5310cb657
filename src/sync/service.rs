//! A long-lived sync worker per account: driven by commands (fetch now, cancel, settings changed,
//! shut down) and by its schedule (check at start-up, every N minutes, backing off after
//! transient errors and respecting the server's LOGIN-DELAY). It emits events that each carry the
//! account id; the iced app wraps this in a `Subscription`.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::Instant;

use super::engine::{FetchReport, Fetcher, Progress};
use super::error::Error;
use super::preview::DryRun;
use crate::pop3::Password;
use crate::store::{Account, AccountId};

/// What the worker is asked to do.
#[derive(Debug, Clone)]
pub enum Command {
    /// Check for mail now (ignored while a fetch runs).
    FetchNow,
    /// The user saw the dry run after an import ([`Event::Review`]) and agreed: fetch now.
    AcceptImport,
    /// Stop the running fetch; the store stays consistent.
    Cancel,
    /// The account's settings changed; they apply from the next fetch.
    SettingsChanged(Box<Account>),
    /// A password for this session only (when the keyring is unavailable).
    SetPassword(Password),
    /// Stop the worker.
    Shutdown,
}

/// What the worker reports.
#[derive(Debug, Clone)]
pub enum Event {
    /// A fetch started or advanced.
    Progress(AccountId, Progress),
    /// A fetch ended.
    Finished(AccountId, Result<FetchReport, Error>),
    /// A fetch was cancelled.
    Cancelled(AccountId),
    /// The first fetch after an import waits for the user: this is what it would do
    /// (`Command::AcceptImport` goes ahead). Nothing was downloaded or deleted.
    Review(AccountId, DryRun),
}

impl Event {
    /// The account this event is about.
    pub fn account(&self) -> AccountId {
        match self {
            Event::Progress(id, _)
            | Event::Finished(id, _)
            | Event::Cancelled(id)
            | Event::Review(id, _) => *id,
        }
    }
}

/// The handle that drives one worker. Dropping every handle stops it.
pub type Controller = crate::worker::Controller<Command>;

/// The clock the worker uses for retention decisions (Unix seconds).
pub type Clock = fn() -> i64;

/// The system clock.
pub fn system_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Starts the worker for `account` on the current tokio runtime.
pub fn spawn(
    fetcher: Fetcher,
    account: Account,
    clock: Clock,
) -> (Controller, mpsc::Receiver<Event>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let (events_tx, events) = mpsc::channel(64);
    let controller = Controller::new(account.id, tx);
    let worker = Worker {
        fetcher,
        account,
        clock,
        session_password: None,
        failures: 0,
        awaiting_sign_in: false,
        commands: rx,
        events: events_tx,
    };
    tokio::spawn(worker.run());
    (controller, events)
}

struct Worker {
    fetcher: Fetcher,
    account: Account,
    clock: Clock,
    session_password: Option<Password>,
    failures: u32,
    /// The provider refused the sign-in (or there is none): no more checks on schedule until
    /// the user signs in (the settings change) or asks for a fetch.
    awaiting_sign_in: bool,
    commands: mpsc::UnboundedReceiver<Command>,
    events: mpsc::Sender<Event>,
}

/// What one fetch came to.
enum Done {
    Fetched(FetchReport),
    Review(DryRun),
}

enum After {
    Continue,
    Stop,
}

impl Worker {
    async fn run(mut self) {
        // Mail stored just before the program last stopped, whose rules did not run yet, is
        // filtered now, not only at the next fetch.
        self.fetcher.finish_filtering(self.account.id).await;
        let mut next = if self.account.settings.check_on_startup {
            Some(Instant::now())
        } else {
            self.scheduled()
        };
        loop {
            let due = async {
                match next {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending().await,
                }
            };
            let command = tokio::select! {
                c = self.commands.recv() => c,
                () = due => Some(Command::FetchNow),
            };
            match command {
                Some(c @ (Command::FetchNow | Command::AcceptImport)) => {
                    if matches!(c, Command::AcceptImport) {
                        let id = self.account.id;
                        let agreed = self
                            .fetcher
                            .store
                            .call(move |st| st.set_import_review(id, false));
                        if let Err(e) = agreed.await.map_err(Error::from).and_then(|r| Ok(r?)) {
                            let _ = self.events.send(Event::Finished(id, Err(e))).await;
                            continue;
                        }
                    }
                    if let After::Stop = self.fetch_once().await {
                        return;
                    }
                    next = self.next_after_fetch();
                }
                Some(Command::Cancel) => {}
                Some(Command::SettingsChanged(account)) => {
                    self.account = *account;
                    self.awaiting_sign_in = false;
                    next = self.scheduled();
                }
                Some(Command::SetPassword(p)) => self.session_password = Some(p),
                Some(Command::Shutdown) | None => return,
            }
        }
    }

    /// Runs one fetch while still listening for Cancel/Shutdown.
    async fn fetch_once(&mut self) -> After {
        let id = self.account.id;
        let password = match self.password().await {
            Ok(p) => p,
            Err(e) => {
                self.failures += 1;
                self.awaiting_sign_in = matches!(&e, Error::OAuth(o) if o.needs_sign_in());
                e.log(&self.account.settings.name);
                let _ = self.events.send(Event::Finished(id, Err(e))).await;
                return After::Continue;
            }
        };
        self.awaiting_sign_in = false;
        let (progress_tx, mut progress_rx) = mpsc::unbounded_channel();
        let fetcher = self.fetcher.clone();
        let account = self.account.clone();
        let now = (self.clock)();
        let fetch = async move {
            let mut report = |p: Progress| {
                let _ = progress_tx.send(p);
            };
            match fetcher.fetch(&account, &password, now, &mut report).await {
                // The first fetch after an import: what it would do, for the user to agree to.
                Err(Error::ImportReview(_)) => fetcher
                    .preview(&account, &password, now, &mut report)
                    .await
                    .map(Done::Review),
                other => other.map(Done::Fetched),
            }
        };
        tokio::pin!(fetch);
        let mut after = After::Continue;
        let result = loop {
            tokio::select! {
                r = &mut fetch => break Some(r),
                Some(p) = progress_rx.recv() => {
                    let _ = self.events.send(Event::Progress(id, p)).await;
                }
                c = self.commands.recv() => match c {
                    Some(Command::Cancel) => break None,
                    Some(Command::Shutdown) | None => { after = After::Stop; break None; }
                    Some(Command::SettingsChanged(a)) => self.account = *a,
                    Some(Command::SetPassword(p)) => self.session_password = Some(p),
                    Some(Command::FetchNow | Command::AcceptImport) => {}
                },
            }
        };
        while let Ok(p) = progress_rx.try_recv() {
            let _ = self.events.send(Event::Progress(id, p)).await;
        }
        match result {
            None => {
                let _ = self.events.send(Event::Cancelled(id)).await;
            }
            Some(Ok(Done::Review(dry))) => {
                self.failures = 0;
                let _ = self.events.send(Event::Review(id, dry)).await;
            }
            Some(Ok(Done::Fetched(report))) => {
                self.failures = 0;
                if report.login_delay.is_some() {
                    self.account.server_login_delay = report.login_delay;
                }
                let _ = self.events.send(Event::Finished(id, Ok(report))).await;
            }
            Some(Err(e)) => {
                self.failures += 1;
                e.log(&self.account.settings.name);
                let _ = self.events.send(Event::Finished(id, Err(e))).await;
            }
        }
        after
    }

    async fn password(&self) -> Result<Password, Error> {
        // a password typed for this session never stands in for a sign-in
        if let Some(p) = &self.session_password
            && self.account.settings.oauth.is_none()
        {
            return Ok(p.clone());
        }
        let s = self.account.settings.clone();
        tokio::task::spawn_blocking(move || incoming_secret(&s))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
    }

    /// The regular next check, if the account checks periodically.
    fn scheduled(&self) -> Option<Instant> {
        let minutes = self.account.settings.check_every_minutes?;
        let every = Duration::from_secs(u64::from(minutes.max(1)) * 60);
        Some(Instant::now() + every.max(self.login_delay()))
    }

    /// After a fetch: the regular schedule, or a growing back-off after failures.
    fn next_after_fetch(&self) -> Option<Instant> {
        if self.awaiting_sign_in {
            return None;
        }
        if self.failures == 0 {
            return self.scheduled();
        }
        let regular = self.scheduled()?;
        let backoff = backoff(self.failures).max(self.login_delay());
        Some(
            regular
                .min(Instant::now() + backoff)
                .max(Instant::now() + self.login_delay()),
        )
    }

    fn login_delay(&self) -> Duration {
        Duration::from_secs(u64::from(self.account.server_login_delay.unwrap_or(0)))
    }
}

/// What signs in to the incoming server of `s`: a fresh access token for an account that signs
/// in with its provider (never a password instead), else the saved password. Blocks (keyring,
/// token endpoint).
pub fn incoming_secret(s: &crate::store::AccountSettings) -> Result<Password, Error> {
    if let Some(identity) = crate::oauth::tokens::identity(s)? {
        return Ok(crate::oauth::access_token(&identity)?);
    }
    crate::secrets::password(&crate::secrets::account_entry(s))?
        .ok_or_else(|| Error::NoPassword(s.name.clone()))
}

/// Back-off after `failures` consecutive failed checks: 1, 2, 4 … minutes, at most one hour.
pub fn backoff(failures: u32) -> Duration {
    let minutes = 1u64 << failures.saturating_sub(1).min(6);
    Duration::from_secs(minutes.min(60) * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::from_secs(60));
        assert_eq!(backoff(2), Duration::from_secs(120));
        assert_eq!(backoff(4), Duration::from_secs(480));
        assert_eq!(backoff(30), Duration::from_secs(3600));
    }
}

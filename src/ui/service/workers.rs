//! One sync worker per account as an iced `Subscription`, and what the window shows of them.
//!
//! Each worker ([`crate::sync::service`]) runs on the tokio runtime. Its subscription is keyed by
//! the account id only: the stream first hands the app the worker's [`Controller`], then passes on
//! the worker's events, each of which names its account. The app keeps the controllers in
//! [`Workers`] and sends commands through them (Get messages, Cancel, a session password).

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use iced::Subscription;
use iced::futures::{SinkExt, Stream};

use crate::fl;
use crate::pop3::Password;
use crate::store::{Account, AccountId};
use crate::sync::service::{self, Command, Controller};
use crate::sync::{self as engine, FetchReport, Fetcher, Progress};

/// What a worker's subscription produces.
#[derive(Debug, Clone)]
pub enum Event {
    /// The worker started; commands go through this controller.
    Ready(Controller),
    /// The worker reported progress, a result or a cancellation.
    Service(service::Event),
}

/// The identity and inputs of one worker subscription. Hashed by account id only, so changing
/// other fields does not restart the worker (settings go through `Command::SettingsChanged`).
#[derive(Clone)]
struct WorkerSubscription {
    account: Account,
    fetcher: Fetcher,
    /// A password for this session only (no keyring): given to the worker before its first
    /// check.
    session: Option<Password>,
}

impl Hash for WorkerSubscription {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.account.id.hash(state);
    }
}

/// One subscription per account, all fetching into the store behind `fetcher`. Accounts with a
/// session password in `syncs` get it before their first check.
pub fn subscription(
    accounts: &[Account],
    fetcher: &Fetcher,
    syncs: &Workers,
) -> Subscription<Event> {
    Subscription::batch(accounts.iter().map(|account| {
        Subscription::run_with(
            WorkerSubscription {
                account: account.clone(),
                fetcher: fetcher.clone(),
                session: syncs.sessions.get(&account.id).cloned(),
            },
            run,
        )
    }))
}

/// Starts the sync worker of `account` on the current tokio runtime, as its subscription does.
/// With a session password the start-up check waits for it: the worker starts without a check,
/// is given the password, and only then asked to check.
pub fn spawn_worker(
    fetcher: Fetcher,
    mut account: Account,
    session: Option<Password>,
) -> (Controller, tokio::sync::mpsc::Receiver<service::Event>) {
    let check_now = session.is_some() && account.settings.check_on_startup;
    if session.is_some() {
        account.settings.check_on_startup = false;
    }
    let (controller, events) = service::spawn(fetcher, account, service::system_clock);
    if let Some(password) = session {
        controller.send(Command::SetPassword(password));
    }
    if check_now {
        controller.send(Command::FetchNow);
    }
    (controller, events)
}

fn run(worker: &WorkerSubscription) -> impl Stream<Item = Event> + use<> {
    let worker = worker.clone();
    iced::stream::channel(64, async move |mut output| {
        let (controller, mut events) = spawn_worker(worker.fetcher, worker.account, worker.session);
        if output.send(Event::Ready(controller)).await.is_err() {
            return;
        }
        while let Some(event) = events.recv().await {
            if output.send(Event::Service(event)).await.is_err() {
                break;
            }
        }
    })
}

/// What an event meant for the rest of the window.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Only the status line and progress changed.
    Progress,
    /// A fetch finished; `new` messages arrived.
    Finished { account: AccountId, new: usize },
    /// A fetch failed: show the error (with what to do) in a banner.
    Failed {
        account: AccountId,
        error: engine::Error,
    },
    /// A fetch was cancelled.
    Cancelled,
    /// The first fetch after an import waits: show what it would do, with "Fetch now".
    Review {
        account: AccountId,
        dry: crate::sync::DryRun,
    },
}

/// The workers' controllers and the state of their fetches.
#[derive(Debug, Default)]
pub struct Workers {
    controllers: BTreeMap<AccountId, Controller>,
    names: BTreeMap<AccountId, String>,
    /// Accounts with a fetch under way, with their latest progress (`None`: just asked).
    running: BTreeMap<AccountId, Option<Progress>>,
    /// Passwords for this session only (the keyring is unavailable), per account.
    sessions: BTreeMap<AccountId, Password>,
    status: String,
}

impl Workers {
    /// Remembers the accounts' names and forgets the workers of removed accounts.
    pub fn set_accounts(&mut self, accounts: &[Account]) {
        self.names = accounts
            .iter()
            .map(|a| (a.id, a.settings.name.clone()))
            .collect();
        let names = &self.names;
        self.controllers.retain(|id, _| names.contains_key(id));
        self.running.retain(|id, _| names.contains_key(id));
        self.sessions.retain(|id, _| names.contains_key(id));
    }

    /// A worker is ready (it gets the session password, if there is one).
    pub fn ready(&mut self, controller: Controller) {
        if let Some(password) = self.sessions.get(&controller.account()) {
            controller.send(Command::SetPassword(password.clone()));
        }
        self.controllers.insert(controller.account(), controller);
    }

    /// Keeps a password for this session (no keyring) and gives it to the worker, if running.
    pub fn set_session_password(&mut self, account: AccountId, password: Password) {
        if let Some(c) = self.controllers.get(&account) {
            c.send(Command::SetPassword(password.clone()));
        }
        self.sessions.insert(account, password);
    }

    /// The password kept for this session for `account` (when the keyring could not keep it).
    pub fn session_password(&self, account: AccountId) -> Option<&Password> {
        self.sessions.get(&account)
    }

    /// Tells a worker about new settings (they apply from its next check).
    pub fn settings_changed(&mut self, account: &Account) -> bool {
        self.names.insert(account.id, account.settings.name.clone());
        self.controllers
            .get(&account.id)
            .is_some_and(|c| c.send(Command::SettingsChanged(Box::new(account.clone()))))
    }

    /// Whether a worker for `account` is ready.
    pub fn has_worker(&self, account: AccountId) -> bool {
        self.controllers.contains_key(&account)
    }

    /// Asks every worker to fetch now; returns how many were asked.
    pub fn fetch_all(&mut self) -> usize {
        let ids: Vec<AccountId> = self.controllers.keys().copied().collect();
        ids.into_iter().filter(|&id| self.fetch(id)).count()
    }

    /// Asks one worker to fetch now.
    pub fn fetch(&mut self, account: AccountId) -> bool {
        self.send_fetch(account, Command::FetchNow)
    }

    /// The user agreed to the dry run after an import: fetch `account` now.
    pub fn accept_import(&mut self, account: AccountId) -> bool {
        self.send_fetch(account, Command::AcceptImport)
    }

    fn send_fetch(&mut self, account: AccountId, command: Command) -> bool {
        let sent = self
            .controllers
            .get(&account)
            .is_some_and(|c| c.send(command));
        if sent {
            self.running.entry(account).or_insert(None);
        }
        sent
    }

    /// Asks every running fetch to stop.
    pub fn cancel_all(&mut self) {
        for id in self.running.keys() {
            if let Some(c) = self.controllers.get(id) {
                c.send(Command::Cancel);
            }
        }
    }

    /// Gives a worker a password for this session, then fetches.
    pub fn sign_in(&mut self, account: AccountId, password: Password) -> bool {
        let sent = self
            .controllers
            .get(&account)
            .is_some_and(|c| c.send(Command::SetPassword(password.clone())));
        self.sessions.insert(account, password);
        sent && self.fetch(account)
    }

    /// Stops every worker (on quit).
    pub fn shutdown(&mut self) {
        for c in self.controllers.values() {
            c.send(Command::Shutdown);
        }
        self.controllers.clear();
    }

    /// Whether any fetch is under way.
    pub fn is_running(&self) -> bool {
        !self.running.is_empty()
    }

    /// The status line.
    pub fn status(&self) -> &str {
        &self.status
    }

    /// Overall progress 0..=1 while fetching (downloads counted; other phases count as 0).
    pub fn progress(&self) -> Option<f32> {
        if self.running.is_empty() {
            return None;
        }
        let sum: f32 = self.running.values().map(|p| fraction(p.as_ref())).sum();
        Some(sum / self.running.len() as f32)
    }

    /// The account's name.
    pub fn name(&self, account: AccountId) -> String {
        self.names
            .get(&account)
            .cloned()
            .unwrap_or_else(|| account.to_string())
    }

    /// Prefixes `text` with the account name when there are several accounts.
    fn for_account(&self, account: AccountId, text: String) -> String {
        if self.names.len() > 1 {
            fl!(
                "ui-status-account",
                account = self.name(account),
                status = text
            )
        } else {
            text
        }
    }

    /// Takes in a worker's event.
    pub fn on_event(&mut self, event: service::Event) -> Outcome {
        match event {
            service::Event::Progress(account, progress) => {
                self.status = self.for_account(account, describe_progress(&progress));
                self.running.insert(account, Some(progress));
                Outcome::Progress
            }
            service::Event::Finished(account, Ok(report)) => {
                self.running.remove(&account);
                self.status = self.for_account(account, describe_report(&report));
                Outcome::Finished {
                    account,
                    new: report.new,
                }
            }
            service::Event::Finished(account, Err(error)) => {
                self.running.remove(&account);
                self.status = fl!("ui-fetch-failed-title", account = self.name(account));
                Outcome::Failed { account, error }
            }
            service::Event::Review(account, dry) => {
                self.running.remove(&account);
                self.status = fl!("ui-import-review-title", account = self.name(account));
                Outcome::Review { account, dry }
            }
            service::Event::Cancelled(account) => {
                self.running.remove(&account);
                self.status = self.for_account(account, fl!("sync-cancelled"));
                Outcome::Cancelled
            }
        }
    }
}

fn fraction(progress: Option<&Progress>) -> f32 {
    match progress {
        Some(Progress::Downloading { current, total, .. }) if *total > 0 => {
            (*current as f32 / *total as f32).clamp(0.0, 1.0)
        }
        Some(Progress::Downloading { .. } | Progress::Deleting { .. }) => 1.0,
        _ => 0.0,
    }
}

/// One line for where a fetch stands.
pub fn describe_progress(progress: &Progress) -> String {
    match progress {
        Progress::Connecting { host } => fl!("sync-connecting", host = host.as_str()),
        Progress::Authenticating => fl!("sync-authenticating"),
        Progress::Listing => fl!("sync-listing"),
        &Progress::Downloading { current, total, .. } => {
            fl!("sync-downloading", current = current, total = total)
        }
        &Progress::Deleting { count } => fl!("sync-deleting", count = count),
    }
}

/// One short line for a finished fetch: "3 neue Nachrichten", plus failures if any.
pub fn describe_report(report: &FetchReport) -> String {
    let mut line = fl!("sync-new-messages", count = report.new);
    if report.failed > 0 {
        line.push_str(", ");
        line.push_str(&fl!("sync-failed-messages", count = report.failed));
    }
    line
}

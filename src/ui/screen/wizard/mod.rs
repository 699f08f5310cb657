//! The account wizard (first start, or "Konto hinzufügen"): name, email and password; then
//! Postfach proposes server settings (built-in provider table, else the usual names), tests them
//! in order with the connection test and shows what it found — everything editable by hand; the
//! last page offers the POP3 options with the default preselected. Finishing saves the account
//! and its password; the main window then starts its worker.

mod view;

use std::sync::Arc;

use iced::Task;

use crate::fl;
use crate::pop3::{Password, Security};
use crate::store::{Account, AccountSettings};
use crate::sync::ErrorKind;
use crate::sync::autoconfig::{self, AutoconfigError, Proposal};
use crate::sync::probe::{ProbeError, ProbeReport};
use crate::ui::dialog::trust;
use crate::ui::screen::settings::action;
use crate::ui::screen::settings::connection::{self, ConnectionTest};
use crate::ui::screen::settings::keyring;
use crate::ui::screen::settings::pop3_options::{self, Pop3Options};
use crate::ui::screen::settings::server::{self, ServerForm};
use crate::ui::service::db::{self, Db};

/// Where server proposals come from (the built-in table; tests give their own server).
#[derive(Clone)]
pub struct Proposer(Arc<ProposeFn>);

/// The function behind a [`Proposer`].
type ProposeFn = dyn Fn(&str) -> Result<Vec<Proposal>, AutoconfigError> + Send + Sync;

impl Proposer {
    /// Proposals from `f`.
    pub fn new(
        f: impl Fn(&str) -> Result<Vec<Proposal>, AutoconfigError> + Send + Sync + 'static,
    ) -> Proposer {
        Proposer(Arc::new(f))
    }
}

impl Default for Proposer {
    fn default() -> Self {
        Proposer::new(autoconfig::propose)
    }
}

impl std::fmt::Debug for Proposer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Proposer")
    }
}

/// The wizard's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Identity,
    Server,
    Options,
}

/// Where the server search stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Search {
    /// Trying proposal `usize`.
    Trying(usize),
    /// A proposal (or the settings typed by hand) signed in.
    Found,
    /// No proposal worked: the form is shown for editing by hand.
    Manual,
}

/// What the user does in the wizard, and finished work.
#[derive(Debug, Clone)]
pub enum Message {
    DisplayName(String),
    Email(String),
    Password(String),
    Manual(bool),
    Next,
    Back,
    Cancel,
    Server(server::Message),
    Edit,
    SearchAgain,
    Test,
    Connection(connection::Message),
    Trust(trust::Message),
    Options(pop3_options::Message),
    AccountName(String),
    Finish,
    Saved(Box<Result<(Account, keyring::Outcome), String>>),
}

/// What the parent should do.
pub type Action = action::Action<Message, Outcome>;

/// What the parent hears of the wizard.
#[derive(Debug)]
pub enum Outcome {
    /// Close the wizard without an account.
    Cancel,
    /// The account exists: start its worker (with the session password, if any).
    Done {
        account: Box<Account>,
        session: Option<Password>,
        /// The keyring could not be used (why).
        keyring_unavailable: Option<String>,
    },
}

/// The wizard's state.
#[derive(Debug)]
pub struct Wizard {
    pub(super) first_start: bool,
    pub(super) step: Step,
    pub(super) display_name: String,
    pub(super) email: String,
    pub(super) password: String,
    pub(super) manual: bool,
    pub(super) proposals: Vec<Proposal>,
    /// Proposals that did not work, with why.
    pub(super) attempts: Vec<(Proposal, String)>,
    pub(super) search: Search,
    pub(super) server: ServerForm,
    pub(super) pinned: Option<String>,
    pub(super) test: ConnectionTest,
    pub(super) trust: Option<trust::Request>,
    pub(super) options: Pop3Options,
    pub(super) account_name: String,
    pub(super) saving: bool,
    pub(super) problem: Option<String>,
    proposer: Proposer,
}

impl Wizard {
    /// A wizard; `first_start` when there is no account yet (then it offers "Später").
    pub fn new(first_start: bool) -> (Wizard, Task<Message>) {
        Wizard::with_proposer(first_start, Proposer::default())
    }

    /// A wizard that takes its server proposals from `proposer`.
    pub fn with_proposer(first_start: bool, proposer: Proposer) -> (Wizard, Task<Message>) {
        let wizard = Wizard {
            first_start,
            step: Step::Identity,
            display_name: String::new(),
            email: String::new(),
            password: String::new(),
            manual: false,
            proposals: Vec::new(),
            attempts: Vec::new(),
            search: Search::Manual,
            server: ServerForm::from_settings(&AccountSettings::default()),
            pinned: None,
            test: ConnectionTest::default(),
            trust: None,
            options: Pop3Options::new_account(),
            account_name: String::new(),
            saving: false,
            problem: None,
            proposer,
        };
        (wizard, Task::none())
    }

    /// The page shown.
    pub fn step(&self) -> Step {
        self.step
    }

    /// Where the server search stands.
    pub fn search(&self) -> &Search {
        &self.search
    }

    /// The proposals that failed, with why.
    pub fn attempts(&self) -> &[(Proposal, String)] {
        &self.attempts
    }

    /// The server form (what was found, or typed).
    pub fn server(&self) -> &ServerForm {
        &self.server
    }

    /// The certificate question, when one is open.
    pub fn trust_request(&self) -> Option<&trust::Request> {
        self.trust.as_ref()
    }

    /// The connection test.
    pub fn test(&self) -> &ConnectionTest {
        &self.test
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, db: &Db) -> Action {
        match message {
            Message::DisplayName(v) => self.display_name = v,
            Message::Email(v) => self.email = v.trim().to_owned(),
            Message::Password(v) => self.password = v,
            Message::Manual(on) => self.manual = on,
            Message::Next => return self.next(),
            Message::Back => self.back(),
            Message::Cancel => return Action::Outcome(Outcome::Cancel),
            Message::Server(m) => {
                let connection_changed = !matches!(
                    m,
                    server::Message::Remember(_) | server::Message::CancelPlain
                );
                let task = self.server.update(m).task();
                if connection_changed {
                    self.test.reset();
                    self.search = Search::Manual;
                }
                self.problem = None;
                return Action::run(task.map(Message::Server));
            }
            Message::Edit => {
                self.test.reset();
                self.search = Search::Manual;
            }
            Message::SearchAgain => return self.start_search(),
            Message::Test => return self.run_test(),
            Message::Connection(m) => match self.test.update(m) {
                action::Action::Outcome(connection::Outcome::Finished(result)) => {
                    return self.tested(result);
                }
                action::Action::Run(task) => {
                    self.problem = None;
                    return Action::Run(task.map(Message::Connection));
                }
                action::Action::None => {}
            },
            Message::Trust(m) => return self.on_trust(m),
            Message::Options(m) => {
                let task = self.options.update(m).task();
                self.problem = None;
                return Action::run(task.map(Message::Options));
            }
            Message::AccountName(v) => self.account_name = v,
            Message::Finish => return self.finish(db),
            Message::Saved(result) => return self.saved(*result),
        }
        self.problem = None;
        Action::None
    }

    fn next(&mut self) -> Action {
        self.problem = None;
        match self.step {
            Step::Identity => {
                let proposals = (self.proposer.0)(&self.email);
                if matches!(proposals, Err(AutoconfigError::NotAnAddress)) {
                    self.problem = Some(fl!("wizard-email-invalid"));
                    return Action::None;
                }
                if self.password.is_empty() {
                    self.problem = Some(fl!("settings-test-needs-password"));
                    return Action::None;
                }
                self.step = Step::Server;
                let _none = self
                    .server
                    .update(server::Message::Password(self.password.clone()));
                if self.server.username.is_empty() {
                    self.server.username = self.email.clone();
                }
                if self.account_name.is_empty() {
                    self.account_name = self.email.clone();
                }
                match proposals {
                    Ok(list) if !self.manual => {
                        self.proposals = list;
                        self.start_search()
                    }
                    Ok(list) => {
                        if let Some(first) = list.first()
                            && self.server.host.is_empty()
                        {
                            self.server.host = first.host.clone();
                            self.server.port = first.port.to_string();
                            self.server.security = first.security;
                        }
                        self.search = Search::Manual;
                        Action::None
                    }
                    Err(_) => {
                        self.problem = Some(fl!("wizard-no-pop3"));
                        self.search = Search::Manual;
                        Action::None
                    }
                }
            }
            Step::Server if self.test.passed().is_some() => {
                self.step = Step::Options;
                Action::None
            }
            Step::Server => {
                self.problem = Some(fl!("wizard-test-first"));
                Action::None
            }
            Step::Options => Action::None,
        }
    }

    fn back(&mut self) {
        self.step = match self.step {
            Step::Identity | Step::Server => {
                self.test.reset();
                Step::Identity
            }
            Step::Options => Step::Server,
        };
    }

    fn start_search(&mut self) -> Action {
        self.attempts.clear();
        self.pinned = None;
        self.try_proposal(0)
    }

    fn try_proposal(&mut self, index: usize) -> Action {
        let Some(p) = self.proposals.get(index).cloned() else {
            // Nothing worked: offer the most likely settings (the first proposal) for editing.
            if let Some(first) = self.proposals.first().cloned() {
                self.fill(first);
            }
            self.search = Search::Manual;
            self.test.reset();
            return Action::None;
        };
        self.search = Search::Trying(index);
        self.fill(p);
        self.run_test()
    }

    fn fill(&mut self, p: Proposal) {
        self.server.host = p.host;
        self.server.port = p.port.to_string();
        self.server.security = p.security;
        self.server.username = p.username;
    }

    /// The settings as typed, or the problem in words.
    pub fn settings(&self) -> Result<AccountSettings, String> {
        let mut s = AccountSettings {
            name: self.account_name.trim().to_owned(),
            display_name: self.display_name.trim().to_owned(),
            email: self.email.clone(),
            pinned_sha256: self.pinned.clone(),
            ..AccountSettings::default()
        };
        if s.name.is_empty() {
            s.name = self.email.clone();
        }
        self.server.apply(&mut s)?;
        self.options.apply(&mut s)?;
        Ok(s)
    }

    fn run_test(&mut self) -> Action {
        let settings = match self.settings() {
            Ok(s) => s,
            Err(problem) => {
                self.problem = Some(problem);
                return Action::None;
            }
        };
        let Some(password) = self.server.typed_password() else {
            self.problem = Some(fl!("settings-test-needs-password"));
            return Action::None;
        };
        Action::Run(self.test.start(settings, password).map(Message::Connection))
    }

    fn tested(&mut self, result: Result<ProbeReport, ProbeError>) -> Action {
        let error = match result {
            Ok(_) => {
                self.search = Search::Found;
                return Action::None;
            }
            Err(e) => e,
        };
        if let Some(request) = self.test.trust_request() {
            // The server is there; only its certificate is in question.
            self.trust = Some(request);
            self.search = Search::Manual;
            return Action::None;
        }
        match self.search.clone() {
            Search::Trying(i) if error.error.kind() != ErrorKind::Auth => {
                if let Some(p) = self.proposals.get(i) {
                    self.attempts.push((p.clone(), short_reason(&error.error)));
                }
                self.try_proposal(i + 1)
            }
            _ => {
                self.search = Search::Manual;
                Action::None
            }
        }
    }

    fn on_trust(&mut self, message: trust::Message) -> Action {
        let Some(request) = self.trust.take() else {
            return Action::None;
        };
        match message {
            trust::Message::Cancel => Action::None,
            trust::Message::Trust => {
                self.pinned = Some(request.pin());
                self.run_test()
            }
        }
    }

    fn finish(&mut self, db: &Db) -> Action {
        let settings = match self.settings() {
            Ok(s) => s,
            Err(problem) => {
                self.problem = Some(problem);
                return Action::None;
            }
        };
        let request = keyring::Request {
            old_entry: None,
            new_entry: keyring::entry(&settings),
            password: Some(Password::new(self.server.password.clone())),
            remember: self.server.remember,
        };
        self.saving = true;
        self.problem = None;
        let db = db.clone();
        Action::Run(Task::perform(
            async move {
                let account = db
                    .call(move |s| {
                        let id = s.add_account(&settings)?;
                        Ok(s.account(id)?)
                    })
                    .await
                    .map_err(|e| crate::ui::screen::settings::account::describe(&e))?;
                let outcome = db::blocking(move || Ok(keyring::apply(request)))
                    .await
                    .map_err(|e| e.to_string())?;
                Ok((account, outcome))
            },
            |r| Message::Saved(Box::new(r)),
        ))
    }

    fn saved(&mut self, result: Result<(Account, keyring::Outcome), String>) -> Action {
        self.saving = false;
        match result {
            Ok((account, outcome)) => Action::Outcome(Outcome::Done {
                account: Box::new(account),
                session: outcome.session,
                keyring_unavailable: outcome.unavailable,
            }),
            Err(problem) => {
                self.problem = Some(fl!("wizard-failed", detail = problem));
                Action::None
            }
        }
    }
}

/// Why a proposal did not work, in a few words.
fn short_reason(error: &crate::sync::Error) -> String {
    match error.kind() {
        ErrorKind::Network => fl!("wizard-reason-network"),
        ErrorKind::Tls => fl!("wizard-reason-tls"),
        ErrorKind::Busy => fl!("wizard-reason-busy"),
        ErrorKind::Server => fl!("wizard-reason-server"),
        ErrorKind::Auth | ErrorKind::Local => error.user_message(),
    }
}

/// A security mode in short words ("SSL/TLS", "STARTTLS", "unverschlüsselt").
pub fn security_name(security: Security) -> String {
    match security {
        Security::Tls => fl!("settings-security-short-tls"),
        Security::StartTls => fl!("settings-security-short-starttls"),
        Security::Plain => fl!("settings-security-short-plain"),
    }
}

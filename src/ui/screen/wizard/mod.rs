//! The account wizard (first start, or "Konto hinzufügen"): name, email and password; then
//! Postfach proposes server settings for both servers (built-in provider table, else the usual
//! names), tests them in order with the connection test — the incoming and the outgoing server
//! each with its own list — and shows what it found, everything editable by hand; the last page
//! offers the POP3 options with the default preselected. The servers, CA certificate, options,
//! test and certificate question are the account form the settings page uses too. Finishing
//! saves the account and its passwords; the main window then starts its worker.

pub mod earlier;
mod search;
mod view;

use std::sync::Arc;

use iced::Task;

use crate::fl;
use crate::oauth::{self, Grant, provider};
use crate::pop3::{Password, Security};
use crate::setup::autoconfig::{self, AutoconfigError, Proposal};
use crate::store::{Account, AccountSettings};
use crate::ui::dialog::trust;
use crate::ui::screen::action;
use crate::ui::screen::settings::account_form::{self, AccountForm, Saved};
use crate::ui::screen::settings::connection::ConnectionTest;
use crate::ui::screen::settings::keyring;
use crate::ui::screen::settings::outgoing::OutgoingForm;
use crate::ui::screen::settings::problem::{Invalid, Problem};
use crate::ui::screen::settings::server::ServerForm;
use crate::ui::screen::sign_in::{self, Opener, SignIn};
use crate::ui::service::db::Db;

/// Where server proposals come from (the built-in table; tests give their own servers).
#[derive(Clone)]
pub struct Proposer {
    incoming: Arc<ProposeFn>,
    outgoing: Arc<ProposeFn>,
}

/// The function behind a [`Proposer`].
type ProposeFn = dyn Fn(&str) -> Result<Vec<Proposal>, AutoconfigError> + Send + Sync;

impl Proposer {
    /// Incoming-server proposals from `f`, and no outgoing server.
    pub fn new(
        f: impl Fn(&str) -> Result<Vec<Proposal>, AutoconfigError> + Send + Sync + 'static,
    ) -> Proposer {
        Proposer {
            incoming: Arc::new(f),
            outgoing: Arc::new(|_: &str| Ok(Vec::new())),
        }
    }

    /// The same, with outgoing-server proposals from `f`.
    pub fn with_outgoing(
        self,
        f: impl Fn(&str) -> Result<Vec<Proposal>, AutoconfigError> + Send + Sync + 'static,
    ) -> Proposer {
        Proposer {
            outgoing: Arc::new(f),
            ..self
        }
    }
}

impl Default for Proposer {
    fn default() -> Self {
        Proposer::new(autoconfig::propose).with_outgoing(autoconfig::propose_outgoing)
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
    /// Trying proposals (which ones: [`Wizard::trying`]).
    Trying,
    /// The proposals (or the settings typed by hand) signed in, on both servers.
    Found,
    /// No proposal worked: the form is shown for editing by hand.
    Manual,
}

/// What stops the wizard, shown under its page.
#[derive(Debug, Clone)]
pub(super) enum Note {
    EmailInvalid,
    NeedsPassword,
    /// The address belongs to a provider that signs in through the browser.
    NeedsSignIn(&'static str),
    NeedsOutgoingPassword,
    /// No POP3 server is known for the address.
    NoPop3,
    TestFirst,
    /// The settings as typed cannot be tested or saved.
    Unusable(Problem),
    /// Saving failed.
    Failed(Problem),
}

impl Note {
    /// What it says, in the user's words.
    pub(super) fn words(&self) -> String {
        match self {
            Note::EmailInvalid => fl!("wizard-email-invalid"),
            Note::NeedsPassword => fl!("settings-test-needs-password"),
            Note::NeedsSignIn(provider) => {
                fl!("wizard-needs-sign-in", provider = provider.to_string())
            }
            Note::NeedsOutgoingPassword => fl!("settings-smtp-test-needs-password"),
            Note::NoPop3 => fl!("wizard-no-pop3"),
            Note::TestFirst => fl!("wizard-test-first"),
            Note::Unusable(problem) => problem.words(),
            Note::Failed(problem) => fl!("wizard-failed", detail = problem.words()),
        }
    }
}

/// What the user does in the wizard, and finished work.
#[derive(Debug, Clone)]
pub enum Message {
    DisplayName(String),
    Email(String),
    Password(String),
    /// "Sign in with Google/Microsoft" (for their addresses, instead of the password).
    SignIn(sign_in::Message),
    Manual(bool),
    Next,
    Back,
    Cancel,
    /// Server, CA certificate, POP3 options, connection test and certificate question.
    Form(account_form::Message),
    Edit,
    SearchAgain,
    AccountName(String),
    Finish,
    Saved(Box<Result<Saved, Problem>>),
    /// "I used another program for this account before".
    Earlier(earlier::Message),
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
        /// Why the outgoing server's own password could not be saved, if it could not.
        outgoing_unsaved: Option<String>,
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
    pub(super) outgoing_proposals: Vec<Proposal>,
    /// The address the outgoing server was proposed for.
    outgoing_for: String,
    /// Proposals that did not work, with why.
    pub(super) attempts: Vec<(Proposal, String)>,
    pub(super) search: Search,
    /// The proposals being tried, for each server.
    incoming_try: Option<usize>,
    outgoing_try: Option<usize>,
    pub(super) form: AccountForm,
    pub(super) account_name: String,
    pub(super) saving: bool,
    pub(super) problem: Option<Note>,
    pub(super) earlier: earlier::Earlier,
    proposer: Proposer,
    /// The sign-in, for an address of a provider that signs in through the browser.
    pub(super) sign_in: Option<SignIn>,
    /// What the sign-in gave.
    pub(super) grant: Option<Grant>,
    opener: Opener,
    endpoints: Option<String>,
}

impl Wizard {
    /// A wizard; `first_start` when there is no account yet (then it offers "Später").
    pub fn new(first_start: bool) -> (Wizard, Task<Message>) {
        Wizard::with_proposer(first_start, Proposer::default())
    }

    /// A wizard that takes its server proposals from `proposer`.
    pub fn with_proposer(first_start: bool, proposer: Proposer) -> (Wizard, Task<Message>) {
        let (form, check) = AccountForm::new(&AccountSettings::default());
        let wizard = Wizard {
            first_start,
            step: Step::Identity,
            display_name: String::new(),
            email: String::new(),
            password: String::new(),
            manual: false,
            proposals: Vec::new(),
            outgoing_proposals: Vec::new(),
            outgoing_for: String::new(),
            attempts: Vec::new(),
            search: Search::Manual,
            incoming_try: None,
            outgoing_try: None,
            form,
            account_name: String::new(),
            saving: false,
            problem: None,
            earlier: earlier::Earlier::default(),
            proposer,
            sign_in: None,
            grant: None,
            opener: Opener::default(),
            endpoints: None,
        };
        (wizard, check.map(Message::Form))
    }

    /// Opens the sign-in's address with `opener` instead of the system browser, and signs in
    /// at `endpoints` instead of the provider's (tests: see `Provider::at`).
    pub fn set_sign_in(&mut self, opener: Opener, endpoints: Option<String>) {
        self.opener = opener;
        self.endpoints = endpoints;
        self.sign_in = None;
        self.recognise_provider();
    }

    /// The sign-in panel, when the address belongs to a provider that signs in through the
    /// browser.
    pub fn sign_in(&self) -> Option<&SignIn> {
        self.sign_in.as_ref()
    }

    /// Whether the account will sign in through the browser rather than with a password:
    /// a provider's address, and a client ID to do it with (or no app passwords at all).
    pub fn uses_sign_in(&self) -> bool {
        self.sign_in
            .as_ref()
            .is_some_and(|p| p.can_sign_in() || !p.entry().app_passwords)
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

    /// The incoming server form (what was found, or typed).
    pub fn server(&self) -> &ServerForm {
        self.form.server()
    }

    /// The outgoing server form (what was found, or typed).
    pub fn outgoing(&self) -> &OutgoingForm {
        self.form.outgoing()
    }

    /// The proposals being tried: the incoming server's, the outgoing server's.
    pub fn trying(&self) -> (Option<&Proposal>, Option<&Proposal>) {
        (
            self.incoming_try.and_then(|i| self.proposals.get(i)),
            self.outgoing_try
                .and_then(|i| self.outgoing_proposals.get(i)),
        )
    }

    /// The certificate question, when one is open.
    pub fn trust_request(&self) -> Option<&trust::Request> {
        self.form.trust_request()
    }

    /// The connection test.
    pub fn test(&self) -> &ConnectionTest {
        self.form.test()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, db: &Db) -> Action {
        match message {
            Message::DisplayName(v) => self.display_name = v,
            Message::Email(v) => {
                self.email = v.trim().to_owned();
                self.recognise_provider();
            }
            Message::SignIn(m) => return self.on_sign_in(m),
            Message::Password(v) => self.password = v,
            Message::Manual(on) => self.manual = on,
            Message::Next => return self.next(),
            Message::Back => self.back(),
            Message::Cancel => return Action::Outcome(Outcome::Cancel),
            Message::Form(m) => return self.on_form(m),
            Message::Edit => {
                self.form.reset_test();
                self.manual_search();
            }
            Message::SearchAgain => return self.start_search(),
            Message::AccountName(v) => self.account_name = v,
            Message::Finish => return self.finish(db),
            Message::Saved(result) => return self.saved(*result),
            Message::Earlier(m) => {
                let server = self.form.server();
                let host = server.endpoint.host.trim().to_owned();
                let user = server.username.trim().to_owned();
                return Action::Run(self.earlier.update(m, &host, &user).map(Message::Earlier));
            }
        }
        self.problem = None;
        Action::None
    }

    fn on_form(&mut self, message: account_form::Message) -> Action {
        if message.changes_connection() {
            self.manual_search();
        }
        match self.form.update(message) {
            action::Action::None => {
                self.problem = None;
                Action::None
            }
            action::Action::Run(task) => {
                self.problem = None;
                Action::Run(task.map(Message::Form))
            }
            action::Action::Outcome(account_form::Outcome::Test) => self.run_test(),
            action::Action::Outcome(account_form::Outcome::Tested) => self.tested(),
        }
    }

    /// A provider's address gets its sign-in panel (a new one when the provider changed).
    fn recognise_provider(&mut self) {
        let entry = provider::recognise(&self.email, &[]);
        if self.sign_in.as_ref().map(SignIn::entry) == entry {
            return;
        }
        self.grant = None;
        self.sign_in = entry.map(|e| {
            SignIn::new(e, None, self.opener.clone()).with_endpoints(self.endpoints.clone())
        });
    }

    fn on_sign_in(&mut self, message: sign_in::Message) -> Action {
        let Some(panel) = self.sign_in.as_mut() else {
            return Action::None;
        };
        self.problem = None;
        match panel.update(message, &self.email) {
            action::Action::None => Action::None,
            action::Action::Run(task) => Action::Run(task.map(Message::SignIn)),
            action::Action::Outcome(sign_in::Outcome::SignedIn(grant)) => {
                self.grant = Some(grant);
                // signed in: on to the servers
                self.next()
            }
        }
    }

    fn next(&mut self) -> Action {
        self.problem = None;
        match self.step {
            Step::Identity => {
                let proposals = (self.proposer.incoming)(&self.email);
                if matches!(proposals, Err(AutoconfigError::NotAnAddress)) {
                    self.problem = Some(Note::EmailInvalid);
                    return Action::None;
                }
                let secret = match (&self.grant, &self.sign_in) {
                    (Some(grant), _) if self.uses_sign_in() => grant.access.expose().to_owned(),
                    (None, Some(panel)) if self.uses_sign_in() => {
                        self.problem = Some(Note::NeedsSignIn(panel.entry().name));
                        return Action::None;
                    }
                    _ if self.password.is_empty() => {
                        self.problem = Some(Note::NeedsPassword);
                        return Action::None;
                    }
                    _ => self.password.clone(),
                };
                self.step = Step::Server;
                let provider = self
                    .sign_in
                    .as_ref()
                    .filter(|_| self.uses_sign_in())
                    .map(|p| p.entry().name);
                self.form.set_sign_in(provider);
                let server = self.form.server_mut();
                server.password = secret;
                if server.username.is_empty() {
                    server.username = self.email.clone();
                }
                if self.account_name.is_empty() {
                    self.account_name = self.email.clone();
                }
                self.propose_outgoing();
                match proposals {
                    Ok(list) if !self.manual => {
                        self.proposals = list;
                        self.start_search()
                    }
                    Ok(list) => {
                        let server = self.form.server_mut();
                        if let Some(first) = list.first()
                            && server.endpoint.host.is_empty()
                        {
                            server.endpoint.host = first.host.clone();
                            server.endpoint.port = first.port.to_string();
                            server.endpoint.security = first.security;
                        }
                        self.manual_search();
                        Action::None
                    }
                    Err(_) => {
                        self.problem = Some(Note::NoPop3);
                        self.manual_search();
                        Action::None
                    }
                }
            }
            Step::Server if self.tested_both() => {
                self.step = Step::Options;
                Action::None
            }
            Step::Server => {
                self.problem = Some(Note::TestFirst);
                Action::None
            }
            Step::Options => Action::None,
        }
    }

    fn back(&mut self) {
        self.step = match self.step {
            Step::Identity | Step::Server => {
                self.form.reset_test();
                Step::Identity
            }
            Step::Options => Step::Server,
        };
    }

    /// Whether both servers passed the test (the incoming one, and the outgoing one unless
    /// the account has none): the wizard may go on.
    pub fn tested_both(&self) -> bool {
        let test = self.form.test();
        test.passed().is_some()
            && (!self.form.outgoing().enabled || test.outgoing_passed().is_some())
    }

    /// The settings as typed, or the first field that is not usable.
    pub fn settings(&self) -> Result<AccountSettings, Invalid> {
        let mut s = AccountSettings {
            name: self.account_name.trim().to_owned(),
            display_name: self.display_name.trim().to_owned(),
            email: self.email.clone(),
            ..AccountSettings::default()
        };
        if s.name.is_empty() {
            s.name = self.email.clone();
        }
        self.form.apply(&mut s)?;
        if let Some(panel) = self.sign_in.as_ref().filter(|_| self.uses_sign_in()) {
            s.sign_in_with(panel.entry().id, panel.own_client());
        }
        Ok(s)
    }

    /// The settings as typed, when they can be used to connect (a CA file found unusable
    /// cannot).
    fn usable_settings(&self) -> Result<AccountSettings, Problem> {
        let s = self.settings()?;
        self.form.usable()?;
        Ok(s)
    }

    fn finish(&mut self, db: &Db) -> Action {
        let settings = match self.usable_settings() {
            Ok(s) => s,
            Err(problem) => {
                self.problem = Some(Note::Unusable(problem));
                return Action::None;
            }
        };
        // signed in: the refresh token goes to the keyring, no password anywhere
        let grant = match oauth::tokens::identity(&settings) {
            Ok(Some(identity)) => self.grant.clone().map(|g| (identity, g)),
            _ => None,
        };
        let password = grant
            .is_none()
            .then(|| Password::new(self.form.server().password.clone()));
        let request = keyring::Request {
            old_entry: None,
            new_entry: keyring::entry(&settings),
            password,
            remember: self.form.server().remember,
        };
        let typed = self
            .form
            .outgoing()
            .typed_password()
            .filter(|_| grant.is_none());
        let outgoing = keyring::outgoing_request(None, &settings, typed);
        self.saving = true;
        self.problem = None;
        let earlier = self.earlier.chosen();
        let now = crate::ui::widget::format::now();
        let write = move |s: &mut crate::store::Store, settings: &AccountSettings| {
            let id = s.add_account(settings)?;
            let account = s.account(id)?;
            // What another program downloaded: not again; its first fetch shows a dry run.
            if let Some((program, path)) = earlier {
                use crate::import::state::{TakeOverError, take_over};
                match take_over(s, &account, program, &path, now) {
                    Ok(done) => tracing::info!(?done, "state of another program taken over"),
                    Err(TakeOverError::Read(e)) => {
                        tracing::warn!(error = %e, "the other program's state could not be read")
                    }
                    Err(TakeOverError::Store(e)) => return Err(e.into()),
                }
            }
            Ok(account)
        };
        let db = db.clone();
        let work = async move {
            if let Some((identity, grant)) = grant {
                crate::ui::service::db::blocking(move || {
                    oauth::save_grant(&identity, &grant)
                        .map_err(|e| crate::ui::service::db::Error::Internal(e.user_message()))
                })
                .await?;
            }
            account_form::save(db, settings, write, request, outgoing).await
        };
        Action::Run(Task::perform(work, |r| Message::Saved(Box::new(r))))
    }

    fn saved(&mut self, result: Result<Saved, Problem>) -> Action {
        self.saving = false;
        match result {
            Ok(saved) => Action::Outcome(Outcome::Done {
                account: Box::new(saved.account),
                session: saved.keyring.session,
                keyring_unavailable: saved.keyring.unavailable,
                outgoing_unsaved: saved.outgoing_unsaved,
            }),
            Err(problem) => {
                self.problem = Some(Note::Failed(problem));
                Action::None
            }
        }
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

//! The account form the account page and the wizard share: the incoming server, the CA
//! certificate, the POP3 options, the outgoing server, the connection test of both servers and
//! the certificate question (with the certificate the user chose to trust, for both servers). The parents add what only they have: the page its
//! identity, checking and save bar, the wizard its search for a server.

use std::path::Path;

use iced::{Element, Task};

use crate::fl;
use crate::pop3::Password;
use crate::store::{Account, AccountSettings, ServerExpire};
use crate::ui::dialog::trust;
use crate::ui::screen::action::{self, Nothing};
use crate::ui::screen::settings::ca_file::{self, CaFile};
use crate::ui::screen::settings::connection::{self, ConnectionTest, Side};
use crate::ui::screen::settings::endpoint;
use crate::ui::screen::settings::keyring::{self, Status};
use crate::ui::screen::settings::outgoing::{self, OutgoingForm};
use crate::ui::screen::settings::pop3_options::{self, Pop3Options};
use crate::ui::screen::settings::problem::{Invalid, Problem};
use crate::ui::screen::settings::server::{self, ServerForm};
use crate::ui::service::db::{self, Db};
use crate::ui::widget::form;
use crate::ui::widget::icon::Icon;

/// What the user does in the form, and finished work.
#[derive(Debug, Clone)]
pub enum Message {
    Server(server::Message),
    /// The CA certificate of its own (see [`ca_file`]).
    CaFile(ca_file::Message),
    Options(pop3_options::Message),
    /// The outgoing server (see [`outgoing`]).
    Outgoing(outgoing::Message),
    /// "Verbindung testen".
    Test,
    Connection(connection::Message),
    /// "Zertifikat prüfen…" under a failed test.
    OpenTrust,
    Trust(trust::Message),
}

impl Message {
    /// Whether the message changes what the form holds (a note about the last save goes).
    pub fn edits(&self) -> bool {
        matches!(
            self,
            Message::Server(_) | Message::Options(_) | Message::Outgoing(_)
        ) || self.changes_connection()
    }

    /// Whether it changes how to connect (a test result no longer holds).
    pub fn changes_connection(&self) -> bool {
        match self {
            Message::Server(server::Message::Endpoint(m)) => m.changes_connection(),
            Message::Server(m) => !matches!(m, server::Message::Remember(_)),
            Message::Outgoing(m) => m.changes_connection(),
            Message::CaFile(m) => matches!(
                m,
                ca_file::Message::Chosen(Some(_)) | ca_file::Message::Remove
            ),
            _ => false,
        }
    }
}

/// What the parent hears of the form.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The user wants the connection tested (the button, or a certificate just trusted): the
    /// parent puts the settings together, finds the password and calls
    /// [`AccountForm::start_test`].
    Test,
    /// A test finished (its results: [`AccountForm::test`]).
    Tested,
}

/// What the parent should do.
pub type Action = action::Action<Message, Outcome>;

/// The form's state.
#[derive(Debug)]
pub struct AccountForm {
    server: ServerForm,
    /// CA certificates trusted in addition to the system's.
    ca: CaFile,
    options: Pop3Options,
    outgoing: OutgoingForm,
    /// A certificate the user chose to trust (saved with the rest).
    pinned: Option<String>,
    test: ConnectionTest,
    /// The certificate question, when open.
    trust: Option<trust::Request>,
}

impl AccountForm {
    /// The form for stored settings (a new account: the defaults), and the check of its CA file.
    pub fn new(s: &AccountSettings) -> (AccountForm, Task<Message>) {
        let (ca, check) = CaFile::new(s.ca_file.clone());
        let form = AccountForm {
            server: ServerForm::from_settings(s),
            ca,
            options: Pop3Options::from_settings(s),
            outgoing: OutgoingForm::from_settings(s),
            pinned: s.pinned_sha256.clone(),
            test: ConnectionTest::default(),
            trust: None,
        };
        (form, check.map(Message::CaFile))
    }

    /// The server fields.
    pub fn server(&self) -> &ServerForm {
        &self.server
    }

    /// The server fields, to fill in (the wizard's proposals).
    pub fn server_mut(&mut self) -> &mut ServerForm {
        &mut self.server
    }

    /// The outgoing server's fields.
    pub fn outgoing(&self) -> &OutgoingForm {
        &self.outgoing
    }

    /// Whether both servers sign in with `provider` through the browser (no password fields).
    pub fn set_sign_in(&mut self, provider: Option<&'static str>) {
        self.server.signs_in_with = provider;
        self.outgoing.signs_in_with = provider;
    }

    /// The outgoing server's fields, to fill in (the wizard's proposals).
    pub fn outgoing_mut(&mut self) -> &mut OutgoingForm {
        &mut self.outgoing
    }

    /// The connection test.
    pub fn test(&self) -> &ConnectionTest {
        &self.test
    }

    /// The certificate question, when one is open.
    pub fn trust_request(&self) -> Option<&trust::Request> {
        self.trust.as_ref()
    }

    /// Forgets a test result (the wizard goes back or tries something else).
    pub fn reset_test(&mut self) {
        self.test.reset();
    }

    /// Forgets one server's test result (the wizard tries another proposal for it).
    pub fn reset_side(&mut self, side: Side) {
        self.test.reset_side(side);
    }

    /// Forgets a trusted certificate (the wizard searches anew).
    pub fn forget_pin(&mut self) {
        self.pinned = None;
    }

    /// Keeps what the user saw before saving: the test result and the "save password" tick.
    pub fn keep_from(&mut self, before: &mut AccountForm) {
        self.test = std::mem::take(&mut before.test);
        self.server.remember = before.server.remember;
    }

    /// Writes the fields into `s`; the first field that is not usable otherwise.
    pub fn apply(&self, s: &mut AccountSettings) -> Result<(), Invalid> {
        self.server.apply(s)?;
        s.ca_file = self.ca.path().map(Path::to_path_buf);
        self.options.apply(s)?;
        self.outgoing.apply(s)?;
        s.pinned_sha256 = self.pinned.clone();
        Ok(())
    }

    /// Whether the form can be used to connect: a CA file found unusable cannot (but it is
    /// still an edit, so it is no problem for [`AccountForm::apply`]).
    pub fn usable(&self) -> Result<(), Problem> {
        match self.ca.problem() {
            Some(problem) => Err(problem.clone()),
            None => Ok(()),
        }
    }

    /// Starts a connection test of `settings`: the incoming server with `password`, the
    /// outgoing one (if any) with `outgoing_secret`.
    pub fn start_test(
        &mut self,
        settings: AccountSettings,
        password: Password,
        outgoing_secret: Option<Password>,
    ) -> Task<Message> {
        self.test
            .start(settings, password, outgoing_secret)
            .map(Message::Connection)
    }

    /// Tests one server of `settings` again (the wizard's next proposal).
    pub fn start_side(
        &mut self,
        side: Side,
        settings: AccountSettings,
        secret: Option<Password>,
    ) -> Task<Message> {
        let task = match (side, secret) {
            (Side::Incoming, Some(password)) => self.test.start_incoming(settings, password),
            (Side::Incoming, None) => Task::none(),
            (Side::Outgoing, secret) => self.test.start_outgoing(settings, secret),
        };
        task.map(Message::Connection)
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match &message {
            Message::Outgoing(m) if m.changes_connection() => self.test.reset_side(Side::Outgoing),
            m if m.changes_connection() => self.test.reset(),
            _ => {}
        }
        match message {
            Message::Server(m) => self
                .server
                .update(m)
                .map(Message::Server)
                .map_outcome(Nothing::never),
            Message::CaFile(m) => self
                .ca
                .update(m)
                .map(Message::CaFile)
                .map_outcome(Nothing::never),
            Message::Options(m) => self
                .options
                .update(m)
                .map(Message::Options)
                .map_outcome(Nothing::never),
            Message::Outgoing(m) => self
                .outgoing
                .update(m)
                .map(Message::Outgoing)
                .map_outcome(Nothing::never),
            Message::Test => Action::Outcome(Outcome::Test),
            Message::Connection(m) => match self.test.update(m) {
                action::Action::Outcome(connection::Outcome::Finished) => {
                    if let Some(request) = self.test.trust_request() {
                        // The server is there; only its certificate is in question.
                        self.trust = Some(request);
                    }
                    Action::Outcome(Outcome::Tested)
                }
                action::Action::Run(task) => Action::Run(task.map(Message::Connection)),
                action::Action::None => Action::None,
            },
            Message::OpenTrust => {
                if let Some(request) = self.test.trust_request() {
                    self.trust = Some(request);
                }
                Action::None
            }
            Message::Trust(m) => match (self.trust.take(), m) {
                (Some(request), trust::Message::Trust) => {
                    self.pinned = Some(request.pin());
                    Action::Outcome(Outcome::Test)
                }
                _ => Action::None,
            },
        }
    }

    /// Host, port, security, user name, authentication and password; `keyring` says what is
    /// saved (the account page), `None` in the wizard.
    pub fn server_view(&self, keyring: Option<&Status>) -> Element<'_, Message> {
        self.server.view(keyring).map(Message::Server)
    }

    /// The CA certificate row.
    pub fn ca_view(&self) -> Element<'_, Message> {
        self.ca.view().map(Message::CaFile)
    }

    /// "Verbindung testen" ("Teste…" while a test runs).
    pub fn test_button(&self) -> Element<'_, Message> {
        let testing = self.test.is_running();
        form::icon_button(
            Icon::Server,
            if testing {
                fl!("settings-test-running")
            } else {
                fl!("settings-test")
            },
            (!testing).then_some(Message::Test),
        )
    }

    /// The incoming server's test steps and result; `offer_trust` adds "Zertifikat prüfen…"
    /// to a certificate failure.
    pub fn test_view(&self, offer_trust: bool) -> Element<'_, Message> {
        self.test.view(
            offer_trust.then_some(Message::OpenTrust),
            Message::Connection,
        )
    }

    /// The outgoing server's fields; `keyring` says whether its own password is saved (the
    /// account page), `None` in the wizard.
    pub fn outgoing_view(&self, keyring: Option<&Status>) -> Element<'_, Message> {
        self.outgoing.view(keyring).map(Message::Outgoing)
    }

    /// "Postausgangsserver entfernen".
    pub fn outgoing_remove_button(&self) -> Element<'_, Message> {
        self.outgoing.remove_button().map(Message::Outgoing)
    }

    /// The outgoing server's test steps and result, like [`AccountForm::test_view`].
    pub fn outgoing_test_view(&self, offer_trust: bool) -> Element<'_, Message> {
        self.test.outgoing_view(
            offer_trust.then_some(Message::OpenTrust),
            Message::Connection,
        )
    }

    /// The POP3 options as check boxes (the account page).
    pub fn options_view(
        &self,
        server_expire: Option<ServerExpire>,
        login_delay: Option<u32>,
    ) -> Element<'_, Message> {
        self.options
            .view(server_expire, login_delay)
            .map(Message::Options)
    }

    /// The POP3 options as two choice cards (the wizard).
    pub fn choice_view(
        &self,
        server_expire: Option<ServerExpire>,
        login_delay: Option<u32>,
    ) -> Element<'_, Message> {
        self.options
            .choice_view(server_expire, login_delay)
            .map(Message::Options)
    }

    /// The form's dialog, if one is open, with the message that dismisses it.
    pub fn dialog(&self) -> Option<(Element<'_, Message>, Message)> {
        if self.options.confirming() {
            return Some((
                self.options.confirm_dialog().map(Message::Options),
                Message::Options(pop3_options::Message::CancelDelete),
            ));
        }
        if self.server.endpoint.plain_pending() {
            return Some((
                self.server
                    .endpoint
                    .plain_dialog()
                    .map(|m| Message::Server(server::Message::Endpoint(m))),
                Message::Server(server::Message::Endpoint(endpoint::Message::CancelPlain)),
            ));
        }
        if let Some(dialog) = self.outgoing.plain_dialog() {
            return Some((
                dialog.map(Message::Outgoing),
                Message::Outgoing(outgoing::Message::Endpoint(endpoint::Message::CancelPlain)),
            ));
        }
        self.trust.as_ref().map(|request| {
            (
                trust::view(request).map(Message::Trust),
                Message::Trust(trust::Message::Cancel),
            )
        })
    }
}

/// What became of a saved account and its passwords.
#[derive(Debug, Clone)]
pub struct Saved {
    pub account: Account,
    /// The incoming password.
    pub keyring: keyring::Outcome,
    /// Why the outgoing server's own password could not be saved, if it could not.
    pub outgoing_unsaved: Option<String>,
}

/// Saves an account off the UI thread: checks its CA file again (it may have changed since it
/// was chosen), writes it with `write` (add or update) and applies `request` (the incoming
/// password) and `outgoing` (the outgoing server's own one) to the keyring.
pub async fn save(
    db: Db,
    settings: AccountSettings,
    write: impl FnOnce(&mut crate::store::Store, &AccountSettings) -> Result<Account, db::Error>
    + Send
    + 'static,
    request: keyring::Request,
    outgoing: Option<keyring::Request>,
) -> Result<Saved, Problem> {
    if let Some(path) = settings.ca_file.clone() {
        db::blocking(move || Ok(ca_file::check(&path))).await??;
    }
    let account = db.call(move |s| write(s, &settings)).await?;
    db::blocking(move || {
        Ok(Saved {
            account,
            keyring: keyring::apply(request),
            outgoing_unsaved: outgoing.and_then(|r| keyring::apply(r).unavailable),
        })
    })
    .await
    .map_err(Problem::from)
}

//! The wizard's search for servers: the proposals for each server are filled in and tested in
//! order — a proposal that cannot be reached, secured or understood gives way to the next one,
//! while a refused password or a certificate question stops the search — and what worked (or
//! the most likely settings, for editing) is shown.

use iced::Task;

use super::{Action, Message, Note, Search, Wizard};
use crate::fl;
use crate::pop3::Password;
use crate::setup::autoconfig::Proposal;
use crate::smtp;
use crate::store::{AccountSettings, SmtpSettings};
use crate::sync::ErrorKind;
use crate::ui::screen::settings::connection::Side;

impl Wizard {
    /// Proposes the outgoing server for the address (again, when the address changed).
    pub(super) fn propose_outgoing(&mut self) {
        if self.outgoing_for == self.email {
            return;
        }
        self.outgoing_for = self.email.clone();
        self.outgoing_proposals = (self.proposer.outgoing)(&self.email).unwrap_or_default();
        if let Some(first) = self.outgoing_proposals.first().cloned() {
            self.fill_outgoing(first);
        }
    }

    /// The search stops; the fields are shown for editing.
    pub(super) fn manual_search(&mut self) {
        self.search = Search::Manual;
        self.incoming_try = None;
        self.outgoing_try = None;
    }

    pub(super) fn start_search(&mut self) -> Action {
        self.attempts.clear();
        self.form.forget_pin();
        self.manual_search();
        let Some(first) = self.proposals.first().cloned() else {
            self.form.reset_test();
            return Action::None;
        };
        self.fill(first);
        self.incoming_try = Some(0);
        if self.form.outgoing().enabled
            && let Some(first) = self.outgoing_proposals.first().cloned()
        {
            self.fill_outgoing(first);
            self.outgoing_try = Some(0);
        }
        self.search = Search::Trying;
        self.run_test()
    }

    fn fill(&mut self, p: Proposal) {
        let server = self.form.server_mut();
        server.endpoint.host = p.host;
        server.endpoint.port = p.port.to_string();
        server.endpoint.security = p.security;
        server.username = p.username;
    }

    fn fill_outgoing(&mut self, p: Proposal) {
        self.form.outgoing_mut().fill(&SmtpSettings {
            host: p.host,
            port: p.port,
            security: p.security,
            auth: smtp::AuthMethod::Auto,
            username: p.username,
            own_password: false,
            ca_file: None,
            pinned_sha256: None,
        });
    }

    /// The settings and the secrets for a test: the incoming password, the outgoing
    /// server's (if it signs in); `None` with the note that says what is missing.
    fn test_input(&mut self) -> Option<(AccountSettings, Password, Option<Password>)> {
        let settings = match self.usable_settings() {
            Ok(s) => s,
            Err(problem) => {
                self.problem = Some(Note::Unusable(problem));
                return None;
            }
        };
        let Some(password) = self.form.server().typed_password() else {
            self.problem = Some(Note::NeedsPassword);
            return None;
        };
        let outgoing = self.form.outgoing();
        let secret = match (outgoing.signs_in(), outgoing.own_secret()) {
            (false, _) => None,
            (true, false) => Some(password.clone()),
            (true, true) => match outgoing.typed_password() {
                Some(secret) => Some(secret),
                None => {
                    self.problem = Some(Note::NeedsOutgoingPassword);
                    return None;
                }
            },
        };
        Some((settings, password, secret))
    }

    pub(super) fn run_test(&mut self) -> Action {
        let Some((settings, password, secret)) = self.test_input() else {
            self.manual_search();
            return Action::None;
        };
        Action::Run(
            self.form
                .start_test(settings, password, secret)
                .map(Message::Form),
        )
    }

    /// Tests the servers whose next proposal is filled in.
    fn run_sides(&mut self, incoming: bool, outgoing: bool) -> Action {
        let Some((settings, password, secret)) = self.test_input() else {
            self.manual_search();
            return Action::None;
        };
        let mut tasks = Vec::new();
        if incoming {
            tasks.push(
                self.form
                    .start_side(Side::Incoming, settings.clone(), Some(password)),
            );
        }
        if outgoing {
            tasks.push(self.form.start_side(Side::Outgoing, settings, secret));
        }
        Action::Run(Task::batch(tasks).map(Message::Form))
    }

    pub(super) fn tested(&mut self) -> Action {
        if self.form.test().trust_request().is_some() {
            // A server is there; only its certificate is in question (the form asks).
            self.manual_search();
            return Action::None;
        }
        let incoming = self.next_incoming();
        let outgoing = self.next_outgoing();
        if incoming || outgoing {
            self.search = Search::Trying;
            return self.run_sides(incoming, outgoing);
        }
        if self.tested_both() {
            self.search = Search::Found;
        } else {
            self.manual_search();
        }
        Action::None
    }

    /// After a failed incoming proposal (not the password's fault), fills in the next one;
    /// whether there is one to test.
    fn next_incoming(&mut self) -> bool {
        let Some(i) = self.incoming_try.take() else {
            return false;
        };
        let Some(error) = self.form.test().failed().map(|e| e.error.clone()) else {
            return false;
        };
        if error.kind() == ErrorKind::Auth {
            return false;
        }
        if let Some(p) = self.proposals.get(i) {
            self.attempts.push((p.clone(), short_reason(&error)));
        }
        match self.proposals.get(i + 1).cloned() {
            Some(next) => {
                self.fill(next);
                self.incoming_try = Some(i + 1);
                true
            }
            None => {
                // Nothing worked: offer the most likely settings (the first) for editing.
                if let Some(first) = self.proposals.first().cloned() {
                    self.fill(first);
                }
                self.form.reset_side(Side::Incoming);
                false
            }
        }
    }

    /// The same for the outgoing server.
    fn next_outgoing(&mut self) -> bool {
        let Some(i) = self.outgoing_try.take() else {
            return false;
        };
        let Some(error) = self.form.test().outgoing_failed().map(|e| e.error.clone()) else {
            return false;
        };
        if error.kind() == smtp::ErrorKind::Auth {
            return false;
        }
        if let Some(p) = self.outgoing_proposals.get(i) {
            let reason = short_smtp_reason(&error, &p.host);
            self.attempts.push((p.clone(), reason));
        }
        match self.outgoing_proposals.get(i + 1).cloned() {
            Some(next) => {
                self.fill_outgoing(next);
                self.outgoing_try = Some(i + 1);
                true
            }
            None => {
                if let Some(first) = self.outgoing_proposals.first().cloned() {
                    self.fill_outgoing(first);
                }
                self.form.reset_side(Side::Outgoing);
                false
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
        ErrorKind::Auth | ErrorKind::Local | ErrorKind::Review => error.user_message(),
    }
}

/// Why an outgoing proposal did not work, in a few words.
fn short_smtp_reason(error: &smtp::Error, host: &str) -> String {
    match error.kind() {
        smtp::ErrorKind::Network => fl!("wizard-reason-network"),
        smtp::ErrorKind::Tls => fl!("wizard-reason-tls"),
        smtp::ErrorKind::Temporary => fl!("wizard-reason-busy"),
        smtp::ErrorKind::Permanent | smtp::ErrorKind::Protocol => {
            fl!("wizard-reason-smtp-server")
        }
        smtp::ErrorKind::Auth => error.user_message(host),
    }
}

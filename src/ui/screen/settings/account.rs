//! One account's settings page: identity (with Reply-To and signature), the account form
//! (incoming server, password, CA certificate, POP3 options, outgoing server, connection test),
//! when to check, saving (store and keyring off the UI thread, then the worker is told) and
//! removing the account (keeping its mail in a local folder, or deleting it).

mod oauth;
mod view;

pub use view::signature_id;

use iced::Task;
use iced::widget::text_editor;

use crate::fl;
use crate::pop3::Password;
use crate::store::{Account, AccountId, AccountSettings, KeepMail};
use crate::ui::screen::action;
use crate::ui::screen::settings::account_form::{self, AccountForm, Saved};
use crate::ui::screen::settings::connection::ConnectionTest;
use crate::ui::screen::settings::keyring::{self, Status};
use crate::ui::screen::settings::problem::{Invalid, Problem};
use crate::ui::screen::settings::{outgoing, server};
use crate::ui::service::db::{self, Db};
use crate::ui::widget::form::Tone;

/// Minutes between checks: the range and the default.
pub const MINUTES_MAX: u32 = 1440;
pub const MINUTES_DEFAULT: u32 = 10;

/// What the user does on the page, and finished work.
#[derive(Debug, Clone)]
pub enum Message {
    Name(String),
    DisplayName(String),
    Email(String),
    ReplyTo(String),
    Signature(text_editor::Action),
    /// Servers, CA certificate, POP3 options, connection test and certificate question.
    Form(account_form::Message),
    CheckOnStartup(bool),
    CheckEvery(bool),
    Minutes(String),
    Notify(bool),
    KeyringStatus(Status),
    /// What the keyring holds for the outgoing server's own password.
    OutgoingKeyringStatus(Status),
    /// The passwords for the test were looked up: the incoming one, the outgoing one.
    TestWith(Option<Password>, Option<Password>),
    Save,
    Saved(Box<Result<Saved, Problem>>),
    Revert,
    Remove,
    RemoveKeep(bool),
    RemoveConfirm,
    RemoveCancel,
    Removed(Result<(), Problem>),
    /// The sign-in with Google or Microsoft.
    SignIn(crate::ui::screen::sign_in::Message),
    /// Whether a sign-in is saved in the keyring.
    SignInStatus(bool),
    SignOut,
}

/// What the parent should do.
pub type Action = action::Action<Message, Outcome>;

/// What the parent hears of the page.
#[derive(Debug)]
pub enum Outcome {
    /// The account was saved: tell its worker (and give it the session password, if any).
    Saved {
        account: Box<Account>,
        session: Option<Password>,
        /// Reads the keyring status again; run it after handling the save.
        refresh: Task<Message>,
    },
    /// The account is gone.
    Removed { id: AccountId, name: String },
}

/// What the bar under the page says.
#[derive(Debug, Clone)]
pub(super) enum Notice {
    /// Saved; `session_only` when the keyring could not keep the password; `outgoing_unsaved`
    /// why the outgoing server's own password could not be kept.
    Saved {
        session_only: bool,
        outgoing_unsaved: Option<String>,
    },
    /// A test needs a password.
    NeedsPassword,
    /// A test needs the outgoing server's own password (or token).
    NeedsOutgoingPassword,
    /// The settings as typed cannot be tested or saved.
    Unusable(Problem),
    SaveFailed(Problem),
    RemoveFailed(Problem),
}

impl Notice {
    /// How it looks, and what it says in the user's words.
    pub(super) fn shown(&self) -> (Tone, String) {
        match self {
            Notice::Saved {
                session_only: false,
                outgoing_unsaved: None,
            } => (Tone::Success, fl!("settings-saved")),
            Notice::Saved {
                session_only: true,
                outgoing_unsaved: None,
            } => (
                Tone::Success,
                format!(
                    "{} {}",
                    fl!("settings-saved"),
                    fl!("settings-password-session-used")
                ),
            ),
            Notice::Saved {
                outgoing_unsaved: Some(why),
                ..
            } => (
                Tone::Warning,
                fl!(
                    "settings-saved-smtp-password-unsaved",
                    reason = why.as_str()
                ),
            ),
            Notice::NeedsPassword => (Tone::Warning, fl!("settings-test-needs-password")),
            Notice::NeedsOutgoingPassword => {
                (Tone::Warning, fl!("settings-smtp-test-needs-password"))
            }
            Notice::Unusable(problem) => (Tone::Danger, problem.words()),
            Notice::SaveFailed(problem) => (
                Tone::Danger,
                fl!("settings-save-failed", detail = problem.words()),
            ),
            Notice::RemoveFailed(problem) => (
                Tone::Danger,
                fl!("settings-remove-failed", detail = problem.words()),
            ),
        }
    }
}

/// The page's state: the form as typed, and what is going on.
#[derive(Debug)]
pub struct AccountPage {
    pub(super) account: Account,
    pub(super) name: String,
    pub(super) display_name: String,
    pub(super) email: String,
    pub(super) reply_to: String,
    pub(super) signature: text_editor::Content,
    pub(super) form: AccountForm,
    pub(super) check_on_startup: bool,
    pub(super) check_every: bool,
    pub(super) minutes: String,
    pub(super) notify: bool,
    pub(super) keyring: Status,
    pub(super) outgoing_keyring: Status,
    /// The question before removing the account is open (with "keep the mail" chosen or not).
    pub(super) removing: Option<bool>,
    pub(super) saving: bool,
    pub(super) notice: Option<Notice>,
    /// The sign-in, for an account of Google or Microsoft.
    pub(super) sign_in: Option<crate::ui::screen::sign_in::SignIn>,
    /// Whether its sign-in is saved (`None`: not known yet).
    pub(super) signed_in: Option<bool>,
}

impl AccountPage {
    /// The page for `account`, and the keyring lookup.
    pub fn new(account: Account) -> (AccountPage, Task<Message>) {
        let s = &account.settings;
        let (form, check) = AccountForm::new(s);
        let (sign_in, sign_in_status) = oauth::panel(s);
        let page = AccountPage {
            name: s.name.clone(),
            display_name: s.display_name.clone(),
            email: s.email.clone(),
            reply_to: s.reply_to.clone().unwrap_or_default(),
            signature: text_editor::Content::with_text(&s.signature),
            form,
            check_on_startup: s.check_on_startup,
            check_every: s.check_every_minutes.is_some(),
            minutes: s.check_every_minutes.unwrap_or(MINUTES_DEFAULT).to_string(),
            notify: s.notify,
            keyring: Status::Unknown,
            outgoing_keyring: Status::Missing,
            removing: None,
            saving: false,
            notice: None,
            sign_in,
            signed_in: None,
            account,
        };
        let entry = keyring::entry(&page.account.settings);
        let mut tasks = vec![
            Task::perform(keyring::status(entry), Message::KeyringStatus),
            check.map(Message::Form),
            sign_in_status,
        ];
        if let Some(entry) = keyring::outgoing_entry(&page.account.settings) {
            tasks.push(Task::perform(
                keyring::status(entry),
                Message::OutgoingKeyringStatus,
            ));
        }
        let task = Task::batch(tasks);
        (page, task)
    }

    /// The account as stored.
    pub fn account(&self) -> &Account {
        &self.account
    }

    /// The connection test.
    pub fn test(&self) -> &ConnectionTest {
        self.form.test()
    }

    /// The settings as typed, or the first field that is not usable.
    pub fn settings(&self) -> Result<AccountSettings, Invalid> {
        let mut s = self.account.settings.clone();
        s.name = self.name.trim().to_owned();
        if s.name.is_empty() {
            return Err(Invalid::MissingName);
        }
        s.display_name = self.display_name.trim().to_owned();
        s.email = self.email.trim().to_owned();
        s.reply_to = reply_to(&self.reply_to)?;
        s.signature = signature(&self.signature.text());
        self.form.apply(&mut s)?;
        s.check_on_startup = self.check_on_startup;
        s.check_every_minutes = if self.check_every {
            Some(self.minutes().ok_or(Invalid::InvalidMinutes)?)
        } else {
            None
        };
        s.notify = self.notify;
        self.apply_sign_in(&mut s);
        Ok(s)
    }

    /// The settings as typed, when they can be used to connect: also a CA file found unusable
    /// is a problem here (but not for [`AccountPage::is_dirty`]).
    fn usable_settings(&self) -> Result<AccountSettings, Problem> {
        let s = self.settings()?;
        self.form.usable()?;
        Ok(s)
    }

    pub(super) fn minutes(&self) -> Option<u32> {
        self.minutes
            .parse()
            .ok()
            .filter(|m| (1..=MINUTES_MAX).contains(m))
    }

    /// Whether anything differs from what is stored.
    pub fn is_dirty(&self) -> bool {
        !self.form.server().password.is_empty()
            || !self.form.outgoing().password.is_empty()
            || self.settings().map_or(true, |s| s != self.account.settings)
    }

    /// Handles a message; store and keyring work is returned as a task.
    pub fn update(&mut self, message: Message, db: &Db) -> Action {
        match message {
            Message::Name(v) => self.edited(|p| p.name = v),
            Message::DisplayName(v) => self.edited(|p| p.display_name = v),
            Message::Email(v) => self.edited(|p| p.email = v),
            Message::ReplyTo(v) => self.edited(|p| p.reply_to = v),
            Message::Signature(action) => {
                if action.is_edit() {
                    self.notice = None;
                }
                self.signature.perform(action);
                Action::None
            }
            Message::Form(m) => {
                if m.edits() {
                    self.notice = None;
                }
                match self.form.update(m) {
                    action::Action::None => Action::None,
                    action::Action::Run(task) => Action::Run(task.map(Message::Form)),
                    action::Action::Outcome(account_form::Outcome::Test) => self.test_connection(),
                    action::Action::Outcome(account_form::Outcome::Tested) => Action::None,
                }
            }
            Message::CheckOnStartup(on) => self.edited(|p| p.check_on_startup = on),
            Message::CheckEvery(on) => self.edited(|p| p.check_every = on),
            Message::Minutes(v) => self
                .edited(|p| p.minutes = v.chars().filter(char::is_ascii_digit).take(5).collect()),
            Message::Notify(on) => self.edited(|p| p.notify = on),
            Message::KeyringStatus(status) => {
                self.keyring = status;
                Action::None
            }
            Message::OutgoingKeyringStatus(status) => {
                self.outgoing_keyring = status;
                Action::None
            }
            Message::TestWith(password, outgoing) => self.start_test(password, outgoing),
            Message::Save => self.save(db),
            Message::Saved(result) => self.saved(*result),
            Message::Revert => {
                let (page, task) = AccountPage::new(self.account.clone());
                *self = page;
                Action::Run(task)
            }
            Message::Remove => {
                self.removing = Some(true);
                Action::None
            }
            Message::RemoveKeep(keep) => {
                self.removing = Some(keep);
                Action::None
            }
            Message::RemoveCancel => {
                self.removing = None;
                Action::None
            }
            Message::RemoveConfirm => self.remove(db),
            Message::Removed(Ok(())) => Action::Outcome(Outcome::Removed {
                id: self.account.id,
                name: self.account.settings.name.clone(),
            }),
            Message::Removed(Err(e)) => {
                self.removing = None;
                self.notice = Some(Notice::RemoveFailed(e));
                Action::None
            }
            Message::SignIn(m) => self.on_sign_in(m, db),
            Message::SignInStatus(signed_in) => {
                self.signed_in = Some(signed_in);
                Action::None
            }
            Message::SignOut => self.sign_out(),
        }
    }

    fn edited(&mut self, change: impl FnOnce(&mut AccountPage)) -> Action {
        change(self);
        self.notice = None;
        Action::None
    }

    /// The folder the mail goes to when the account is removed but its mail is kept.
    pub fn archive_folder(&self) -> String {
        fl!(
            "settings-remove-folder",
            account = self.account.settings.name.as_str()
        )
    }

    fn test_connection(&mut self) -> Action {
        if let Ok(Some(identity)) = crate::oauth::tokens::identity(&self.account.settings) {
            return Action::Run(Task::perform(
                db::blocking(move || Ok(crate::oauth::access_token(&identity).ok())),
                |r| {
                    let token = r.ok().flatten();
                    Message::TestWith(token.clone(), token)
                },
            ));
        }
        let typed = self.form.server().typed_password();
        let outgoing_typed = self.form.outgoing().typed_password();
        let own = self.form.outgoing().own_secret();
        if typed.is_some() && (!own || outgoing_typed.is_some()) {
            let outgoing = if own { outgoing_typed } else { typed.clone() };
            return self.start_test(typed, outgoing);
        }
        // The saved passwords: under the entries as typed, else as stored.
        let stored = &self.account.settings;
        let typed_settings = self.settings().ok();
        let mut entries = vec![keyring::entry(stored)];
        let mut outgoing_entries: Vec<String> =
            keyring::outgoing_entry(stored).into_iter().collect();
        if let Some(s) = &typed_settings {
            entries.insert(0, keyring::entry(s));
            if let Some(e) = keyring::outgoing_entry(s) {
                outgoing_entries.insert(0, e);
            }
        }
        Action::Run(Task::perform(
            db::blocking(move || {
                let find = |entries: &[String]| {
                    entries
                        .iter()
                        .find_map(|e| crate::secrets::password(e).ok().flatten())
                };
                let password = typed.or_else(|| find(&entries));
                let outgoing = if own {
                    outgoing_typed.or_else(|| find(&outgoing_entries))
                } else {
                    password.clone()
                };
                Ok((password, outgoing))
            }),
            |r| match r {
                Ok((password, outgoing)) => Message::TestWith(password, outgoing),
                Err(_) => Message::TestWith(None, None),
            },
        ))
    }

    fn start_test(&mut self, password: Option<Password>, outgoing: Option<Password>) -> Action {
        let settings = match self.usable_settings() {
            Ok(s) => s,
            Err(problem) => {
                self.notice = Some(Notice::Unusable(problem));
                return Action::None;
            }
        };
        let Some(password) = password else {
            self.notice = Some(Notice::NeedsPassword);
            return Action::Run(iced::widget::operation::focus(server::password_id()));
        };
        let outgoing = if self.form.outgoing().signs_in() {
            let Some(secret) = outgoing else {
                self.notice = Some(Notice::NeedsOutgoingPassword);
                return Action::Run(iced::widget::operation::focus(outgoing::password_id()));
            };
            Some(secret)
        } else {
            None
        };
        self.notice = None;
        Action::Run(
            self.form
                .start_test(settings, password, outgoing)
                .map(Message::Form),
        )
    }

    fn save(&mut self, db: &Db) -> Action {
        let settings = match self.usable_settings() {
            Ok(s) => s,
            Err(problem) => {
                self.notice = Some(Notice::Unusable(problem));
                return Action::None;
            }
        };
        self.saving = true;
        self.notice = None;
        let id = self.account.id;
        let request = keyring::Request {
            old_entry: Some(keyring::entry(&self.account.settings)),
            new_entry: keyring::entry(&settings),
            password: self.form.server().typed_password(),
            remember: self.form.server().remember,
        };
        let outgoing = keyring::outgoing_request(
            Some(&self.account.settings),
            &settings,
            self.form.outgoing().typed_password(),
        );
        let write = move |s: &mut crate::store::Store, settings: &AccountSettings| {
            s.update_account(id, settings)?;
            Ok(s.account(id)?)
        };
        Action::Run(Task::perform(
            account_form::save(db.clone(), settings, write, request, outgoing),
            |r| Message::Saved(Box::new(r)),
        ))
    }

    fn saved(&mut self, result: Result<Saved, Problem>) -> Action {
        self.saving = false;
        let Saved {
            account,
            keyring: outcome,
            outgoing_unsaved,
        } = match result {
            Ok(r) => r,
            Err(problem) => {
                self.notice = Some(Notice::SaveFailed(problem));
                return Action::None;
            }
        };
        let (mut page, refresh) = AccountPage::new(account.clone());
        page.notice = Some(Notice::Saved {
            session_only: outcome.unavailable.is_some(),
            outgoing_unsaved,
        });
        page.form.keep_from(&mut self.form);
        *self = page;
        Action::Outcome(Outcome::Saved {
            account: Box::new(account),
            session: outcome.session,
            refresh,
        })
    }

    fn remove(&mut self, db: &Db) -> Action {
        let Some(keep) = self.removing else {
            return Action::None;
        };
        let id = self.account.id;
        let settings = self.account.settings.clone();
        let keep_mail = if keep {
            KeepMail::MoveToLocalFolder(self.archive_folder())
        } else {
            KeepMail::DeleteIt
        };
        let db = db.clone();
        Action::Run(Task::perform(
            async move {
                // the passwords no other account uses (one with the same login shares them)
                let (entries, signed_in) = db
                    .call(move |s| {
                        s.remove_account(id, keep_mail)?;
                        let remaining = s.accounts()?;
                        // its sign-in with a provider, unless another account uses the same
                        let identity = |a: &crate::store::AccountSettings| {
                            crate::oauth::tokens::identity(a).ok().flatten()
                        };
                        let signed_in = identity(&settings).filter(|me| {
                            !remaining
                                .iter()
                                .any(|a| identity(&a.settings).as_ref() == Some(me))
                        });
                        Ok((
                            crate::secrets::unused_entries(&settings, &remaining),
                            signed_in,
                        ))
                    })
                    .await?;
                db::blocking(move || {
                    entries.iter().for_each(|e| keyring::forget(e));
                    if let Some(identity) = signed_in
                        && let Err(e) = crate::oauth::sign_out(&identity)
                    {
                        tracing::warn!("could not remove the saved sign-in: {e}");
                    }
                    Ok(())
                })
                .await
                .map_err(Problem::from)
            },
            Message::Removed,
        ))
    }
}

/// The Reply-To address as typed: `None` when empty; an address needs an `@` with something on
/// both sides and no spaces.
fn reply_to(typed: &str) -> Result<Option<String>, Invalid> {
    let v = typed.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.rsplit_once('@') {
        Some((local, domain))
            if !local.is_empty() && !domain.is_empty() && !v.contains(char::is_whitespace) =>
        {
            Ok(Some(v.to_owned()))
        }
        _ => Err(Invalid::InvalidReplyTo),
    }
}

/// The signature as stored: line ends as `\n`, no trailing blank lines or spaces.
fn signature(typed: &str) -> String {
    typed.replace("\r\n", "\n").trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_to_is_an_address_or_nothing() {
        assert_eq!(reply_to("  "), Ok(None));
        assert_eq!(
            reply_to(" team@example.de "),
            Ok(Some("team@example.de".into()))
        );
        for bad in ["team", "@example.de", "team@", "te am@example.de"] {
            assert_eq!(reply_to(bad), Err(Invalid::InvalidReplyTo), "{bad}");
        }
    }

    #[test]
    fn a_signature_keeps_its_lines_but_not_trailing_space() {
        assert_eq!(
            signature("Anna\r\nPostfach GmbH\n\n"),
            "Anna\nPostfach GmbH"
        );
        assert_eq!(signature("  eingerückt"), "  eingerückt");
    }
}

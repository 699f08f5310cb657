//! One account's settings page: identity, the account form (incoming server, password, CA
//! certificate, POP3 options, connection test), when to check, saving (store off the UI thread,
//! then the worker is told) and removing the account (keeping its mail in a local folder, or
//! deleting it).

mod view;

use iced::Task;

use crate::fl;
use crate::pop3::Password;
use crate::store::{Account, AccountId, AccountSettings, KeepMail};
use crate::ui::screen::settings::account_form::{self, AccountForm};
use crate::ui::screen::settings::action;
use crate::ui::screen::settings::connection::ConnectionTest;
use crate::ui::screen::settings::keyring::{self, Status};
use crate::ui::screen::settings::problem::{Invalid, Problem};
use crate::ui::screen::settings::server;
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
    /// Server, CA certificate, POP3 options, connection test and certificate question.
    Form(account_form::Message),
    CheckOnStartup(bool),
    CheckEvery(bool),
    Minutes(String),
    Notify(bool),
    KeyringStatus(Status),
    /// The password for the test was looked up.
    TestWith(Option<Password>),
    Save,
    Saved(Box<Result<(Account, keyring::Outcome), Problem>>),
    Revert,
    Remove,
    RemoveKeep(bool),
    RemoveConfirm,
    RemoveCancel,
    Removed(Result<(), Problem>),
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
    /// Saved; `session_only` when the keyring could not keep the password.
    Saved {
        session_only: bool,
    },
    /// A test needs a password.
    NeedsPassword,
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
            } => (Tone::Success, fl!("settings-saved")),
            Notice::Saved { session_only: true } => (
                Tone::Success,
                format!(
                    "{} {}",
                    fl!("settings-saved"),
                    fl!("settings-password-session-used")
                ),
            ),
            Notice::NeedsPassword => (Tone::Warning, fl!("settings-test-needs-password")),
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
    pub(super) form: AccountForm,
    pub(super) check_on_startup: bool,
    pub(super) check_every: bool,
    pub(super) minutes: String,
    pub(super) notify: bool,
    pub(super) keyring: Status,
    /// The question before removing the account is open (with "keep the mail" chosen or not).
    pub(super) removing: Option<bool>,
    pub(super) saving: bool,
    pub(super) notice: Option<Notice>,
}

impl AccountPage {
    /// The page for `account`, and the keyring lookup.
    pub fn new(account: Account) -> (AccountPage, Task<Message>) {
        let s = &account.settings;
        let (form, check) = AccountForm::new(s);
        let page = AccountPage {
            name: s.name.clone(),
            display_name: s.display_name.clone(),
            email: s.email.clone(),
            form,
            check_on_startup: s.check_on_startup,
            check_every: s.check_every_minutes.is_some(),
            minutes: s.check_every_minutes.unwrap_or(MINUTES_DEFAULT).to_string(),
            notify: s.notify,
            keyring: Status::Unknown,
            removing: None,
            saving: false,
            notice: None,
            account,
        };
        let entry = keyring::entry(&page.account.settings);
        let task = Task::batch([
            Task::perform(keyring::status(entry), Message::KeyringStatus),
            check.map(Message::Form),
        ]);
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
        self.form.apply(&mut s)?;
        s.check_on_startup = self.check_on_startup;
        s.check_every_minutes = if self.check_every {
            Some(self.minutes().ok_or(Invalid::InvalidMinutes)?)
        } else {
            None
        };
        s.notify = self.notify;
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
            || self.settings().map_or(true, |s| s != self.account.settings)
    }

    /// Handles a message; store and keyring work is returned as a task.
    pub fn update(&mut self, message: Message, db: &Db) -> Action {
        match message {
            Message::Name(v) => self.edited(|p| p.name = v),
            Message::DisplayName(v) => self.edited(|p| p.display_name = v),
            Message::Email(v) => self.edited(|p| p.email = v),
            Message::Form(m) => {
                if m.edits() {
                    self.notice = None;
                }
                match self.form.update(m) {
                    action::Action::None => Action::None,
                    action::Action::Run(task) => Action::Run(task.map(Message::Form)),
                    action::Action::Outcome(account_form::Outcome::Test) => self.test_connection(),
                    action::Action::Outcome(account_form::Outcome::Tested(_)) => Action::None,
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
            Message::TestWith(password) => self.start_test(password),
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
        if let Some(p) = self.form.server().typed_password() {
            return self.start_test(Some(p));
        }
        let mut entries = vec![keyring::entry(&self.account.settings)];
        if let Ok(s) = self.settings() {
            entries.insert(0, keyring::entry(&s));
        }
        Action::Run(Task::perform(
            db::blocking(move || {
                Ok(entries
                    .iter()
                    .find_map(|e| crate::secrets::password(e).ok().flatten()))
            }),
            |r| Message::TestWith(r.ok().flatten()),
        ))
    }

    fn start_test(&mut self, password: Option<Password>) -> Action {
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
        self.notice = None;
        Action::Run(self.form.start_test(settings, password).map(Message::Form))
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
        let write = move |s: &mut crate::store::Store, settings: &AccountSettings| {
            s.update_account(id, settings)?;
            Ok(s.account(id)?)
        };
        Action::Run(Task::perform(
            account_form::save(db.clone(), settings, write, request),
            |r| Message::Saved(Box::new(r)),
        ))
    }

    fn saved(&mut self, result: Result<(Account, keyring::Outcome), Problem>) -> Action {
        self.saving = false;
        let (account, outcome) = match result {
            Ok(r) => r,
            Err(problem) => {
                self.notice = Some(Notice::SaveFailed(problem));
                return Action::None;
            }
        };
        let (mut page, refresh) = AccountPage::new(account.clone());
        page.notice = Some(Notice::Saved {
            session_only: outcome.unavailable.is_some(),
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
        let entry = keyring::entry(&self.account.settings);
        let keep_mail = if keep {
            KeepMail::MoveToLocalFolder(self.archive_folder())
        } else {
            KeepMail::DeleteIt
        };
        let db = db.clone();
        Action::Run(Task::perform(
            async move {
                db.call(move |s| Ok(s.remove_account(id, keep_mail)?))
                    .await?;
                db::blocking(move || {
                    keyring::forget(&entry);
                    Ok(())
                })
                .await
                .map_err(Problem::from)
            },
            Message::Removed,
        ))
    }
}

//! One account's settings page: identity, incoming server, password, the POP3 options, when to
//! check, the connection test, saving (store off the UI thread, then the worker is told) and
//! removing the account (keeping its mail in a local folder, or deleting it).

use std::path::Path;

use iced::Task;

use crate::fl;
use crate::pop3::Password;
use crate::store::{self, Account, AccountId, AccountSettings, KeepMail};
use crate::ui::dialog::trust;
use crate::ui::screen::settings::action;
use crate::ui::screen::settings::ca_file::{self, CaFile};
use crate::ui::screen::settings::connection::{self, ConnectionTest};
use crate::ui::screen::settings::keyring::{self, Status};
use crate::ui::screen::settings::pop3_options::{self, Pop3Options};
use crate::ui::screen::settings::server::{self, ServerForm};
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
    Server(server::Message),
    /// The CA certificate of its own (see [`ca_file`]).
    CaFile(ca_file::Message),
    Options(pop3_options::Message),
    CheckOnStartup(bool),
    CheckEvery(bool),
    Minutes(String),
    Notify(bool),
    KeyringStatus(Status),
    Test,
    /// The password for the test was looked up.
    TestWith(Option<Password>),
    Connection(connection::Message),
    OpenTrust,
    Trust(trust::Message),
    Save,
    Saved(Box<Result<(Account, keyring::Outcome), String>>),
    Revert,
    Remove,
    RemoveKeep(bool),
    RemoveConfirm,
    RemoveCancel,
    Removed(Result<(), String>),
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

/// A dialog over the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    Trust(trust::Request),
    Remove { keep: bool },
}

/// The page's state: the form as typed, and what is going on.
#[derive(Debug)]
pub struct AccountPage {
    pub(super) account: Account,
    pub(super) name: String,
    pub(super) display_name: String,
    pub(super) email: String,
    pub(super) server: ServerForm,
    /// CA certificates trusted in addition to the system's.
    pub(super) ca: CaFile,
    pub(super) options: Pop3Options,
    pub(super) check_on_startup: bool,
    pub(super) check_every: bool,
    pub(super) minutes: String,
    pub(super) notify: bool,
    /// A certificate the user chose to trust (saved with the rest).
    pub(super) pinned: Option<String>,
    pub(super) keyring: Status,
    pub(super) test: ConnectionTest,
    pub(super) dialog: Option<Dialog>,
    pub(super) saving: bool,
    pub(super) notice: Option<(Tone, String)>,
}

impl AccountPage {
    /// The page for `account`, and the keyring lookup.
    pub fn new(account: Account) -> (AccountPage, Task<Message>) {
        let s = &account.settings;
        let (ca, ca_check) = CaFile::new(s.ca_file.clone());
        let page = AccountPage {
            name: s.name.clone(),
            display_name: s.display_name.clone(),
            email: s.email.clone(),
            server: ServerForm::from_settings(s),
            ca,
            options: Pop3Options::from_settings(s),
            check_on_startup: s.check_on_startup,
            check_every: s.check_every_minutes.is_some(),
            minutes: s.check_every_minutes.unwrap_or(MINUTES_DEFAULT).to_string(),
            notify: s.notify,
            pinned: s.pinned_sha256.clone(),
            keyring: Status::Unknown,
            test: ConnectionTest::default(),
            dialog: None,
            saving: false,
            notice: None,
            account,
        };
        let entry = keyring::entry(&page.account.settings);
        let task = Task::batch([
            Task::perform(keyring::status(entry), Message::KeyringStatus),
            ca_check.map(Message::CaFile),
        ]);
        (page, task)
    }

    /// The account as stored.
    pub fn account(&self) -> &Account {
        &self.account
    }

    /// The connection test.
    pub fn test(&self) -> &ConnectionTest {
        &self.test
    }

    /// The settings as typed, or the first problem in words.
    pub fn settings(&self) -> Result<AccountSettings, String> {
        let mut s = self.account.settings.clone();
        s.name = self.name.trim().to_owned();
        if s.name.is_empty() {
            return Err(fl!("settings-missing-name"));
        }
        s.display_name = self.display_name.trim().to_owned();
        s.email = self.email.trim().to_owned();
        self.server.apply(&mut s)?;
        s.ca_file = self.ca.path().map(Path::to_path_buf);
        self.options.apply(&mut s)?;
        s.check_on_startup = self.check_on_startup;
        s.check_every_minutes = if self.check_every {
            Some(
                self.minutes()
                    .ok_or_else(|| fl!("settings-minutes-invalid"))?,
            )
        } else {
            None
        };
        s.notify = self.notify;
        s.pinned_sha256 = self.pinned.clone();
        Ok(s)
    }

    /// The settings as typed, when they can be used to connect: also a CA file found unusable
    /// is a problem here (but not for [`AccountPage::is_dirty`]).
    fn usable_settings(&self) -> Result<AccountSettings, String> {
        let s = self.settings()?;
        match self.ca.problem() {
            Some(problem) => Err(problem.to_owned()),
            None => Ok(s),
        }
    }

    pub(super) fn minutes(&self) -> Option<u32> {
        self.minutes
            .parse()
            .ok()
            .filter(|m| (1..=MINUTES_MAX).contains(m))
    }

    /// Whether anything differs from what is stored.
    pub fn is_dirty(&self) -> bool {
        !self.server.password.is_empty()
            || self.settings().map_or(true, |s| s != self.account.settings)
    }

    /// Handles a message; store and keyring work is returned as a task.
    pub fn update(&mut self, message: Message, db: &Db) -> Action {
        match message {
            Message::Name(v) => self.edited(|p| p.name = v),
            Message::DisplayName(v) => self.edited(|p| p.display_name = v),
            Message::Email(v) => self.edited(|p| p.email = v),
            Message::Server(m) => {
                let connection_changed = !matches!(
                    m,
                    server::Message::Remember(_) | server::Message::CancelPlain
                );
                let task = self.server.update(m).task();
                if connection_changed {
                    self.test.reset();
                }
                self.notice = None;
                Action::run(task.map(Message::Server))
            }
            Message::CaFile(m) => {
                let changes = matches!(
                    m,
                    ca_file::Message::Chosen(Some(_)) | ca_file::Message::Remove
                );
                let task = self.ca.update(m).task();
                if changes {
                    self.test.reset();
                    self.notice = None;
                }
                Action::run(task.map(Message::CaFile))
            }
            Message::Options(m) => {
                let task = self.options.update(m).task();
                self.notice = None;
                Action::run(task.map(Message::Options))
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
            Message::Test => self.test_connection(),
            Message::TestWith(password) => self.start_test(password),
            Message::Connection(m) => match self.test.update(m) {
                action::Action::Outcome(connection::Outcome::Finished(Err(_))) => {
                    if let Some(request) = self.test.trust_request() {
                        self.dialog = Some(Dialog::Trust(request));
                    }
                    Action::None
                }
                action::Action::Run(task) => Action::Run(task.map(Message::Connection)),
                _ => Action::None,
            },
            Message::OpenTrust => {
                if let Some(request) = self.test.trust_request() {
                    self.dialog = Some(Dialog::Trust(request));
                }
                Action::None
            }
            Message::Trust(m) => self.on_trust(m),
            Message::Save => self.save(db),
            Message::Saved(result) => self.saved(*result),
            Message::Revert => {
                let (page, task) = AccountPage::new(self.account.clone());
                *self = page;
                Action::Run(task)
            }
            Message::Remove => {
                self.dialog = Some(Dialog::Remove { keep: true });
                Action::None
            }
            Message::RemoveKeep(keep) => {
                self.dialog = Some(Dialog::Remove { keep });
                Action::None
            }
            Message::RemoveCancel => {
                self.dialog = None;
                Action::None
            }
            Message::RemoveConfirm => self.remove(db),
            Message::Removed(Ok(())) => Action::Outcome(Outcome::Removed {
                id: self.account.id,
                name: self.account.settings.name.clone(),
            }),
            Message::Removed(Err(e)) => {
                self.dialog = None;
                self.notice = Some((Tone::Danger, fl!("settings-remove-failed", detail = e)));
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
        if let Some(p) = self.server.typed_password() {
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
                self.notice = Some((Tone::Danger, problem));
                return Action::None;
            }
        };
        let Some(password) = password else {
            self.notice = Some((Tone::Warning, fl!("settings-test-needs-password")));
            return Action::Run(iced::widget::operation::focus(server::password_id()));
        };
        self.notice = None;
        Action::Run(self.test.start(settings, password).map(Message::Connection))
    }

    fn on_trust(&mut self, message: trust::Message) -> Action {
        let Some(Dialog::Trust(request)) = self.dialog.take() else {
            return Action::None;
        };
        match message {
            trust::Message::Cancel => Action::None,
            trust::Message::Trust => {
                self.pinned = Some(request.pin());
                self.test_connection()
            }
        }
    }

    fn save(&mut self, db: &Db) -> Action {
        let settings = match self.usable_settings() {
            Ok(s) => s,
            Err(problem) => {
                self.notice = Some((Tone::Danger, problem));
                return Action::None;
            }
        };
        self.saving = true;
        self.notice = None;
        let id = self.account.id;
        let request = keyring::Request {
            old_entry: Some(keyring::entry(&self.account.settings)),
            new_entry: keyring::entry(&settings),
            password: self.server.typed_password(),
            remember: self.server.remember,
        };
        let db = db.clone();
        Action::Run(Task::perform(
            async move {
                // The file may have changed since it was chosen: check it again.
                if let Some(path) = settings.ca_file.clone() {
                    db::blocking(move || Ok(ca_file::check(&path)))
                        .await
                        .map_err(|e| e.to_string())??;
                }
                let account = db
                    .call(move |s| {
                        s.update_account(id, &settings)?;
                        Ok(s.account(id)?)
                    })
                    .await
                    .map_err(|e| describe(&e))?;
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
        let (account, outcome) = match result {
            Ok(r) => r,
            Err(problem) => {
                self.notice = Some((Tone::Danger, fl!("settings-save-failed", detail = problem)));
                return Action::None;
            }
        };
        let notice = match &outcome.unavailable {
            Some(_) => format!(
                "{} {}",
                fl!("settings-saved"),
                fl!("settings-password-session-used")
            ),
            None => fl!("settings-saved"),
        };
        let (mut page, refresh) = AccountPage::new(account.clone());
        page.notice = Some((Tone::Success, notice));
        page.test = std::mem::take(&mut self.test);
        page.server.remember = self.server.remember;
        *self = page;
        Action::Outcome(Outcome::Saved {
            account: Box::new(account),
            session: outcome.session,
            refresh,
        })
    }

    fn remove(&mut self, db: &Db) -> Action {
        let Some(Dialog::Remove { keep }) = self.dialog else {
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
                    .await
                    .map_err(|e| describe(&e))?;
                db::blocking(move || {
                    keyring::forget(&entry);
                    Ok(())
                })
                .await
                .map_err(|e| e.to_string())
            },
            Message::Removed,
        ))
    }
}

/// A store error in words (a taken name is said plainly).
pub fn describe(e: &db::Error) -> String {
    match e {
        db::Error::Store(store::Error::AccountExists(name)) => {
            fl!("settings-name-taken", name = name.as_str())
        }
        other => other.to_string(),
    }
}

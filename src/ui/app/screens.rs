//! The window's side of the settings: opening the settings screen and the account wizard,
//! applying changed preferences (language live, theme, notifications; saved off the UI thread),
//! telling workers about saved accounts, and the certificate dialog the fetch-error banner opens.

use iced::Task;

use crate::fl;
use crate::store::{Account, AccountId};
use crate::ui::app::{App, Message, Modal, Screen, app_load};
use crate::ui::dialog::trust;
use crate::ui::screen::settings::{self, Page, Settings, app_settings};
use crate::ui::screen::wizard::{self, Wizard};
use crate::ui::service::db::{self, Error};

impl App {
    /// What fills the window.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The settings screen, when open (also under the account wizard).
    pub fn settings(&self) -> Option<&Settings> {
        match &self.screen {
            Screen::Settings(s) => Some(s),
            Screen::Wizard { over, .. } => over.as_deref(),
            Screen::Mail => None,
        }
    }

    pub(super) fn settings_mut(&mut self) -> Option<&mut Settings> {
        match &mut self.screen {
            Screen::Settings(s) => Some(s),
            Screen::Wizard { over, .. } => over.as_deref_mut(),
            Screen::Mail => None,
        }
    }

    /// The account wizard, when open.
    pub fn wizard(&self) -> Option<&Wizard> {
        match &self.screen {
            Screen::Wizard { wizard, .. } => Some(wizard),
            _ => None,
        }
    }

    /// The certificate question over the main window, when open.
    pub fn trust_dialog(&self) -> Option<(AccountId, &trust::Request)> {
        match &self.modal {
            Some(Modal::Trust(id, request)) => Some((*id, request)),
            Some(Modal::MoveTo(_) | Modal::Folder(_)) => None,
            None => None,
        }
    }

    /// The accounts as last read.
    pub fn accounts(&self) -> &[Account] {
        &self.accounts
    }

    /// The sync workers' state (controllers, session passwords, progress).
    pub fn workers(&self) -> &crate::ui::service::workers::Workers {
        &self.workers
    }

    pub(super) fn open_settings(&mut self, page: Page) -> Task<Message> {
        if self.settings().is_some() {
            return self.on_settings(settings::Message::Show(page));
        }
        let (s, task) = Settings::new(page, &self.accounts, &self.db);
        self.screen = Screen::Settings(Box::new(s));
        task.map(Message::Settings)
    }

    /// Opens the wizard over what is shown (the settings come back when it is cancelled).
    pub(super) fn open_wizard(&mut self) -> Task<Message> {
        let (wizard, task) = Wizard::new(self.accounts.is_empty());
        let over = match std::mem::replace(&mut self.screen, Screen::Mail) {
            Screen::Settings(s) => Some(s),
            Screen::Wizard { over, .. } => over,
            Screen::Mail => None,
        };
        self.screen = Screen::Wizard {
            wizard: Box::new(wizard),
            over,
        };
        task.map(Message::Wizard)
    }

    pub(super) fn on_settings(&mut self, message: settings::Message) -> Task<Message> {
        let Screen::Settings(screen) = &mut self.screen else {
            return Task::none();
        };
        let cx = settings::Context {
            db: &self.db,
            config: &self.config,
            accounts: &self.accounts,
        };
        match screen.update(message, cx) {
            settings::Action::None => Task::none(),
            settings::Action::Run(task) => task.map(Message::Settings),
            settings::Action::Outcome(settings::Outcome::Close) => {
                self.screen = Screen::Mail;
                Task::none()
            }
            settings::Action::Outcome(settings::Outcome::AddAccount) => self.open_wizard(),
            settings::Action::Outcome(settings::Outcome::Changed(change)) => {
                self.preference_changed(change)
            }
            settings::Action::Outcome(settings::Outcome::AccountSaved {
                account,
                session,
                then,
            }) => {
                self.account_saved(&account, session);
                Task::batch([then.map(Message::Settings), app_load(&self.db)])
            }
            settings::Action::Outcome(settings::Outcome::Imported) => self.refresh(),
            settings::Action::Outcome(settings::Outcome::AccountRemoved { id, name }) => {
                self.tls_questions.remove(&id);
                self.banners.clear_account(id);
                self.status = fl!("settings-removed", account = name);
                self.refresh()
            }
        }
    }

    fn account_saved(&mut self, account: &Account, session: Option<crate::pop3::Password>) {
        if let Some(password) = session {
            self.workers.set_session_password(account.id, password);
        }
        if !self.workers.settings_changed(account) {
            tracing::debug!(account = %account.id, "no worker to tell about the new settings");
        }
    }

    fn preference_changed(&mut self, change: app_settings::Change) -> Task<Message> {
        change.apply(&mut self.config);
        if let app_settings::Change::Language(language) = change {
            crate::i18n::select(language);
        }
        self.save_config()
    }

    /// Writes the preferences (off the UI thread).
    pub(super) fn save_config(&mut self) -> Task<Message> {
        let config = self.config();
        let dir = self.db.data_dir().to_path_buf();
        Task::perform(
            db::blocking(move || Ok(config.save(&dir)?)),
            Message::ConfigSaved,
        )
    }

    pub(super) fn on_config_saved(&mut self, result: Result<(), Error>) -> Task<Message> {
        let problem = result
            .err()
            .map(|e| fl!("settings-config-save-failed", detail = e.to_string()));
        if let Some(problem) = &problem {
            tracing::warn!("{problem}");
        }
        if let Some(s) = self.settings_mut() {
            s.set_general_problem(problem);
        }
        Task::none()
    }

    pub(super) fn on_wizard(&mut self, message: wizard::Message) -> Task<Message> {
        let Screen::Wizard { wizard, .. } = &mut self.screen else {
            return Task::none();
        };
        match wizard.update(message, &self.db) {
            wizard::Action::None => Task::none(),
            wizard::Action::Run(task) => task.map(Message::Wizard),
            wizard::Action::Outcome(wizard::Outcome::Cancel) => {
                if let Screen::Wizard { over, .. } =
                    std::mem::replace(&mut self.screen, Screen::Mail)
                {
                    self.screen = over.map_or(Screen::Mail, Screen::Settings);
                }
                Task::none()
            }
            wizard::Action::Outcome(wizard::Outcome::Done {
                account,
                session,
                keyring_unavailable,
                outgoing_unsaved,
            }) => {
                self.screen = Screen::Mail;
                if let Some(password) = session {
                    self.workers.set_session_password(account.id, password);
                }
                self.status = fl!("wizard-done", account = account.settings.name.as_str());
                if keyring_unavailable.is_some() {
                    self.banners.error(fl!("settings-password-session-used"));
                }
                if let Some(reason) = outgoing_unsaved {
                    self.banners.error(fl!(
                        "settings-saved-smtp-password-unsaved",
                        reason = reason.as_str()
                    ));
                }
                self.refresh()
            }
        }
    }

    /// The dialog over the main window: trusting pins the certificate and fetches again.
    pub(super) fn on_trust(&mut self, message: trust::Message) -> Task<Message> {
        let Some(Modal::Trust(id, request)) = self.modal.take() else {
            return Task::none();
        };
        if message == trust::Message::Cancel {
            return Task::none();
        }
        let pin = request.pin();
        let db = self.db.clone();
        Task::perform(
            async move {
                db.call(move |s| {
                    let mut settings = s.account(id)?.settings;
                    settings.pinned_sha256 = Some(pin);
                    s.update_account(id, &settings)?;
                    Ok(s.account(id)?)
                })
                .await
            },
            |r| Message::Pinned(Box::new(r)),
        )
    }

    pub(super) fn on_pinned(&mut self, result: Result<Account, Error>) -> Task<Message> {
        let account = match result {
            Ok(a) => a,
            Err(e) => return self.store_failed(e),
        };
        self.tls_questions.remove(&account.id);
        self.banners.clear_account(account.id);
        self.workers.settings_changed(&account);
        self.senders.settings_changed(&account);
        self.status = fl!("trust-saved", account = account.settings.name.as_str());
        self.workers.fetch(account.id);
        app_load(&self.db)
    }
}

//! The window's side of the settings: opening the settings screen and the account wizard,
//! applying changed preferences (language live, theme, notifications; saved off the UI thread),
//! telling workers about saved accounts, and the certificate dialog the fetch-error banner opens.

use iced::Task;

use crate::fl;
use crate::store::{Account, AccountId};
use crate::ui::app::{App, Message, app_load};
use crate::ui::dialog::trust;
use crate::ui::screen::settings::{self, Page, Settings, app_settings};
use crate::ui::screen::wizard::{self, Wizard};
use crate::ui::service::db::{self, Error};

impl App {
    /// The settings screen, when open.
    pub fn settings(&self) -> Option<&Settings> {
        self.settings.as_deref()
    }

    /// The account wizard, when open.
    pub fn wizard(&self) -> Option<&Wizard> {
        self.wizard.as_deref()
    }

    /// The certificate question over the main window, when open.
    pub fn trust_dialog(&self) -> Option<&(AccountId, trust::Request)> {
        self.trust.as_ref()
    }

    /// The sync workers' state (controllers, session passwords, progress).
    pub fn syncs(&self) -> &crate::ui::service::sync::Syncs {
        &self.syncs
    }

    pub(super) fn open_settings(&mut self, page: Page) -> Task<Message> {
        if self.settings.is_some() {
            return self.on_settings(settings::Message::Show(page));
        }
        let (s, task) = Settings::new(page, self.sidebar.accounts());
        self.settings = Some(Box::new(s));
        task.map(Message::Settings)
    }

    pub(super) fn open_wizard(&mut self) -> Task<Message> {
        let first_start = self.sidebar.accounts().is_empty();
        self.wizard = Some(Box::new(Wizard::new(first_start)));
        Task::none()
    }

    pub(super) fn on_settings(&mut self, message: settings::Message) -> Task<Message> {
        let cx = settings::Context {
            db: &self.db,
            config: &self.config,
            accounts: self.sidebar.accounts(),
        };
        let Some(screen) = &mut self.settings else {
            return Task::none();
        };
        match screen.update(message, cx) {
            settings::Action::None => Task::none(),
            settings::Action::Run(task) => task.map(Message::Settings),
            settings::Action::Close => {
                self.settings = None;
                Task::none()
            }
            settings::Action::AddAccount => self.open_wizard(),
            settings::Action::Changed(change) => self.preference_changed(change),
            settings::Action::AccountSaved {
                account,
                session,
                then,
            } => {
                self.account_saved(&account, session);
                Task::batch([then.map(Message::Settings), app_load(&self.db)])
            }
            settings::Action::AccountRemoved { id, name } => {
                self.tls_questions.remove(&id);
                self.banners.clear_account(id);
                self.status = fl!("settings-removed", account = name);
                self.refresh()
            }
        }
    }

    fn account_saved(&mut self, account: &Account, session: Option<crate::pop3::Password>) {
        if let Some(password) = session {
            self.syncs.set_session_password(account.id, password);
        }
        if !self.syncs.settings_changed(account) {
            tracing::debug!(account = %account.id, "no worker to tell about the new settings");
        }
    }

    fn preference_changed(&mut self, change: app_settings::Change) -> Task<Message> {
        change.apply(&mut self.config);
        if let app_settings::Change::Language(language) = change {
            crate::i18n::select(language);
        }
        let config = self.config();
        let dir = self.db.data_dir().to_path_buf();
        Task::perform(
            db::blocking(move || Ok(config.save(&dir).map_err(|e| e.to_string()))),
            |r| Message::ConfigSaved(r.map_err(|e| e.to_string()).and_then(|r| r)),
        )
    }

    pub(super) fn on_config_saved(&mut self, result: Result<(), String>) -> Task<Message> {
        let problem = result
            .err()
            .map(|e| fl!("settings-config-save-failed", detail = e));
        if let Some(problem) = &problem {
            tracing::warn!("{problem}");
        }
        if let Some(s) = &mut self.settings {
            s.set_general_problem(problem);
        }
        Task::none()
    }

    pub(super) fn on_wizard(&mut self, message: wizard::Message) -> Task<Message> {
        let Some(w) = &mut self.wizard else {
            return Task::none();
        };
        match w.update(message, &self.db) {
            wizard::Action::None => Task::none(),
            wizard::Action::Run(task) => task.map(Message::Wizard),
            wizard::Action::Cancel => {
                self.wizard = None;
                Task::none()
            }
            wizard::Action::Done {
                account,
                session,
                keyring_unavailable,
            } => {
                self.wizard = None;
                self.settings = None;
                if let Some(password) = session {
                    self.syncs.set_session_password(account.id, password);
                }
                self.status = fl!("wizard-done", account = account.settings.name.as_str());
                if keyring_unavailable.is_some() {
                    self.banners.error(fl!("settings-password-session-used"));
                }
                self.refresh()
            }
        }
    }

    /// The dialog over the main window: trusting pins the certificate and fetches again.
    pub(super) fn on_trust(&mut self, message: trust::Message) -> Task<Message> {
        let Some((id, request)) = self.trust.take() else {
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
            Message::Pinned,
        )
    }

    pub(super) fn on_pinned(&mut self, result: Result<Account, Error>) -> Task<Message> {
        let account = match result {
            Ok(a) => a,
            Err(e) => return self.store_failed(e),
        };
        self.tls_questions.remove(&account.id);
        self.banners.clear_account(account.id);
        self.syncs.settings_changed(&account);
        self.status = fl!("trust-saved", account = account.settings.name.as_str());
        self.syncs.fetch(account.id);
        app_load(&self.db)
    }
}

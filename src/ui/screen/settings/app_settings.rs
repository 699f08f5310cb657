//! The app's own preferences: language (switches live), theme, notifications, the senders whose
//! remote pictures load without asking (read and changed off the UI thread), and where the data
//! lives with a button that opens that folder.

use std::path::Path;

use iced::widget::{Column, column, row, text};
use iced::{Alignment, Element, Fill, Task};

use crate::config::{Config, ThemeChoice};
use crate::fl;
use crate::i18n::Language;
use crate::store::{self, RemoteSender, Store};
use crate::ui::screen::action;
use crate::ui::service::db::{self, Db};
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::icon::Icon;
use crate::ui::widget::theme;

/// What the user does on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Language(Language),
    Theme(ThemeChoice),
    Notifications(bool),
    OpenFolder,
    /// Opening the folder finished (the system's error text).
    Opened(Result<(), String>),
    /// The senders whose remote pictures load without asking, as read (or what failed).
    Senders(Result<Vec<RemoteSender>, String>),
    /// Take one sender off that list.
    ForgetSender(String),
    /// Empty that list.
    ForgetAllSenders,
}

/// What the parent should do; the outcome is a changed preference to apply and save.
pub type Action = action::Action<Message, Change>;

/// One changed preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Language(Language),
    Theme(ThemeChoice),
    Notifications(bool),
}

impl Change {
    /// Writes the change into `config`.
    pub fn apply(self, config: &mut Config) {
        match self {
            Change::Language(l) => config.language = l,
            Change::Theme(t) => config.theme = t,
            Change::Notifications(on) => config.notifications = on,
        }
    }
}

/// The page's own state: a problem to show, the allowed senders once read.
#[derive(Debug, Default)]
pub struct AppSettings {
    problem: Option<String>,
    senders: Option<Vec<RemoteSender>>,
}

/// Runs `change` on the store, then reads the allowed senders, off the UI thread.
fn senders(
    db: &Db,
    change: impl FnOnce(&mut Store) -> Result<(), store::Error> + Send + 'static,
) -> Task<Message> {
    let db = db.clone();
    Task::perform(
        async move {
            db.call(move |s| {
                change(s)?;
                Ok(s.remote_senders()?)
            })
            .await
        },
        |r| Message::Senders(r.map_err(|e| e.to_string())),
    )
}

impl AppSettings {
    /// Reads the senders whose remote pictures load without asking.
    pub fn load(db: &Db) -> Task<Message> {
        senders(db, |_| Ok(()))
    }

    /// The allowed senders, once read.
    pub fn remote_senders(&self) -> Option<&[RemoteSender]> {
        self.senders.as_deref()
    }

    /// Shows a problem (saving the preferences failed).
    pub fn set_problem(&mut self, problem: Option<String>) {
        self.problem = problem;
    }

    /// Handles a message; the data folder to open is the store's.
    pub fn update(&mut self, message: Message, db: &Db) -> Action {
        match message {
            Message::Language(l) => Action::Outcome(Change::Language(l)),
            Message::Theme(t) => Action::Outcome(Change::Theme(t)),
            Message::Notifications(on) => Action::Outcome(Change::Notifications(on)),
            Message::OpenFolder => {
                let dir = db.data_dir().to_path_buf();
                Action::Run(Task::perform(
                    db::blocking(move || Ok(crate::ui::screen::mail::reader::open_path(&dir)?)),
                    |r| Message::Opened(r.map_err(|e| e.to_string())),
                ))
            }
            Message::Opened(result) => {
                self.problem = result
                    .err()
                    .map(|e| fl!("settings-data-open-failed", detail = e));
                Action::None
            }
            Message::Senders(Ok(list)) => {
                self.senders = Some(list);
                Action::None
            }
            Message::Senders(Err(e)) => {
                self.problem = Some(fl!("settings-remote-failed", detail = e));
                Action::None
            }
            Message::ForgetSender(address) => {
                Action::Run(senders(db, move |s| s.forget_remote_sender(&address)))
            }
            Message::ForgetAllSenders => Action::Run(senders(db, Store::forget_remote_senders)),
        }
    }

    /// The page.
    pub fn view<'a>(&'a self, config: &Config, data_dir: &'a Path) -> Element<'a, Message> {
        let mut page = Column::new().spacing(18);
        page = page.push(form::page_header(
            fl!("settings-nav-general"),
            fl!("settings-app-intro"),
        ));
        if let Some(problem) = &self.problem {
            page = page.push(form::notice(Tone::Danger, vec![problem.clone()]));
        }
        page = page.push(form::section(
            Icon::Globe,
            fl!("settings-language"),
            column![
                form::segmented(
                    [
                        (Language::System, fl!("settings-language-system")),
                        (Language::German, fl!("settings-language-german")),
                        (Language::English, fl!("settings-language-english")),
                    ],
                    config.language,
                    Message::Language,
                ),
                form::small(fl!("settings-language-hint")),
            ]
            .spacing(8),
        ));
        page = page.push(form::section(
            Icon::Palette,
            fl!("settings-theme"),
            form::segmented(
                [
                    (ThemeChoice::System, fl!("settings-theme-system")),
                    (ThemeChoice::Light, fl!("settings-theme-light")),
                    (ThemeChoice::Dark, fl!("settings-theme-dark")),
                ],
                config.theme,
                Message::Theme,
            ),
        ));
        page = page.push(form::section(
            Icon::Bell,
            fl!("settings-notifications"),
            column![
                form::check(
                    fl!("settings-notifications-on"),
                    config.notifications,
                    Message::Notifications
                ),
                form::small(fl!("settings-notifications-hint")),
            ]
            .spacing(6),
        ));
        page = page.push(self.remote_section());
        page = page.push(form::section(
            Icon::HardDrive,
            fl!("settings-data"),
            column![
                form::small(fl!("settings-data-hint")),
                row![
                    text(data_dir.display().to_string())
                        .size(theme::SMALL + 0.5)
                        .font(iced::Font::MONOSPACE)
                        .width(Fill),
                    form::icon_button(
                        Icon::HardDrive,
                        fl!("settings-data-open"),
                        Some(Message::OpenFolder)
                    ),
                ]
                .spacing(12)
                .align_y(Alignment::Center),
            ]
            .spacing(10),
        ));
        page.into()
    }

    /// "Remote content": the senders whose pictures load without asking, each removable.
    fn remote_section(&self) -> Element<'_, Message> {
        let mut list = Column::new()
            .spacing(6)
            .push(form::small(fl!("settings-remote-hint")));
        let senders = self.senders.as_deref().unwrap_or_default();
        if senders.is_empty() {
            list = list.push(form::small(fl!("settings-remote-none")));
        }
        for sender in senders {
            list = list.push(
                row![
                    text(crate::text::safe_line(&sender.address))
                        .size(theme::TEXT)
                        .width(Fill),
                    form::secondary(
                        fl!("settings-remote-remove"),
                        Some(Message::ForgetSender(sender.address.clone()))
                    ),
                ]
                .spacing(12)
                .align_y(Alignment::Center),
            );
        }
        if !senders.is_empty() {
            list = list.push(row![
                form::fill(),
                form::danger(
                    fl!("settings-remote-remove-all"),
                    Some(Message::ForgetAllSenders)
                ),
            ]);
        }
        form::section(Icon::Shield, fl!("settings-remote"), list)
    }
}

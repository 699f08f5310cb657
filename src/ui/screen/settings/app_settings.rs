//! The app's own preferences: language (switches live), theme, notifications, and where the data
//! lives with a button that opens that folder.

use std::path::Path;

use iced::widget::{Column, column, row, text};
use iced::{Alignment, Element, Fill, Task};

use crate::config::{Config, ThemeChoice};
use crate::fl;
use crate::i18n::Language;
use crate::ui::screen::action;
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::icon::Icon;
use crate::ui::{service::db, widget::theme};

/// What the user does on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Language(Language),
    Theme(ThemeChoice),
    Notifications(bool),
    OpenFolder,
    /// Opening the folder finished (the system's error text).
    Opened(Result<(), String>),
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

/// The page's own state: a problem to show.
#[derive(Debug, Default)]
pub struct AppSettings {
    problem: Option<String>,
}

impl AppSettings {
    /// Shows a problem (saving the preferences failed).
    pub fn set_problem(&mut self, problem: Option<String>) {
        self.problem = problem;
    }

    /// Handles a message; `data_dir` is the folder to open.
    pub fn update(&mut self, message: Message, data_dir: &Path) -> Action {
        match message {
            Message::Language(l) => Action::Outcome(Change::Language(l)),
            Message::Theme(t) => Action::Outcome(Change::Theme(t)),
            Message::Notifications(on) => Action::Outcome(Change::Notifications(on)),
            Message::OpenFolder => {
                let dir = data_dir.to_path_buf();
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
}

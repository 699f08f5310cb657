//! An account's Junk settings on its settings page: whether mail the provider marked as spam
//! goes to the Junk folder on arrival (on by default), a further header of the provider's that
//! marks it, and after how many days junk is deleted here. Saved as soon as it is changed (the
//! switch) or applied (the two fields), apart from the page's own Save.

use iced::widget::{column, row, text};
use iced::{Alignment, Element, Task};

use crate::fl;
use crate::store::{AccountId, JunkSettings};
use crate::ui::service::db::Db;
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::icon::Icon;
use crate::ui::widget::theme;

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<JunkSettings, String>),
    Enabled(bool),
    Header(String),
    Days(String),
    Apply,
}

/// The section's state: the settings as stored, and the two fields as typed.
#[derive(Debug, Default)]
pub struct JunkSection {
    account: Option<AccountId>,
    stored: Option<JunkSettings>,
    header: String,
    days: String,
    problem: Option<String>,
    saved: bool,
}

impl JunkSection {
    /// The section of `account`, and the task that reads its settings.
    pub fn new(account: AccountId, db: &Db) -> (JunkSection, Task<Message>) {
        let section = JunkSection {
            account: Some(account),
            ..JunkSection::default()
        };
        (section, save(db, account, None))
    }

    /// Handles a message; the task saves or reads the settings.
    pub fn update(&mut self, message: Message, db: &Db) -> Task<Message> {
        let Some(account) = self.account else {
            return Task::none();
        };
        match message {
            Message::Loaded(Ok(settings)) => {
                self.header = settings.header.clone().unwrap_or_default();
                self.days = settings
                    .keep_days
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                self.saved = self.stored.is_some();
                self.stored = Some(settings);
                self.problem = None;
                Task::none()
            }
            Message::Loaded(Err(detail)) => {
                self.problem = Some(fl!("junk-failed", detail = detail));
                Task::none()
            }
            Message::Enabled(on) => {
                let Some(mut settings) = self.stored.clone() else {
                    return Task::none();
                };
                settings.enabled = on;
                save(db, account, Some(settings))
            }
            Message::Header(h) => {
                self.header = h;
                self.saved = false;
                Task::none()
            }
            Message::Days(d) => {
                self.days = d;
                self.saved = false;
                Task::none()
            }
            Message::Apply => {
                let Some(mut settings) = self.stored.clone() else {
                    return Task::none();
                };
                let days = self.days.trim();
                settings.keep_days = if days.is_empty() {
                    None
                } else {
                    match days.parse::<u32>() {
                        Ok(d) if d > 0 => Some(d),
                        _ => {
                            self.problem = Some(fl!("junk-bad-days"));
                            return Task::none();
                        }
                    }
                };
                let header = self.header.trim().trim_end_matches(':');
                if header.contains(char::is_whitespace) {
                    self.problem = Some(fl!("junk-bad-header"));
                    return Task::none();
                }
                settings.header = (!header.is_empty()).then(|| header.to_owned());
                save(db, account, Some(settings))
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(stored) = &self.stored else {
            return form::section(
                Icon::OctagonAlert,
                fl!("junk-title"),
                form::small(String::new()),
            );
        };
        let mut body = column![
            form::check(fl!("junk-enabled"), stored.enabled, Message::Enabled),
            form::small(fl!("junk-enabled-hint")),
            form::field(
                fl!("junk-header"),
                form::input("X-Provider-Spam", &self.header, Message::Header),
                Some(fl!("junk-header-hint")),
            ),
            form::field(
                fl!("junk-days"),
                form::input("30", &self.days, Message::Days),
                Some(fl!("junk-days-hint")),
            ),
            row![
                form::fill(),
                form::secondary(fl!("junk-apply"), Some(Message::Apply))
            ]
            .align_y(Alignment::Center),
        ]
        .spacing(10);
        if let Some(problem) = &self.problem {
            body = body.push(form::notice(Tone::Danger, vec![problem.clone()]));
        } else if self.saved {
            body = body.push(text(fl!("junk-saved")).size(theme::SMALL));
        }
        form::section(Icon::OctagonAlert, fl!("junk-title"), body)
    }
}

/// Saves `settings` (when given) and reads them back, off the UI thread.
fn save(db: &Db, account: AccountId, settings: Option<JunkSettings>) -> Task<Message> {
    let db = db.clone();
    Task::perform(
        async move {
            db.call(move |s| {
                if let Some(settings) = &settings {
                    s.set_junk_settings(account, settings)?;
                }
                Ok(s.junk_settings(account)?)
            })
            .await
        },
        |r| Message::Loaded(r.map_err(|e| e.to_string())),
    )
}

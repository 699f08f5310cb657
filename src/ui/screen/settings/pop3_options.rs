//! The POP3 options as users know them: ☐ "Mail auf dem Server belassen", and then
//! ☐ "höchstens [N] Tage" and ☐ "bis ich sie hier lösche"; the server's own policy in words next
//! to them with a warning when it contradicts the choice; and the line that says in plain words
//! what the next fetch will do. Switching from "leave on server" back to "download and delete"
//! asks first when the account already left mail there.

use iced::widget::{Column, column, container, row, text};
use iced::{Alignment, Element};

use crate::fl;
use crate::setup::explain::{self, Choice};
use crate::store::{AccountSettings, ServerExpire};
use crate::ui::screen::action::Action;
use crate::ui::screen::settings::problem::Invalid;
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::theme;

/// Days a message may stay on the server: the range and the default.
pub const DAYS_MIN: u32 = 1;
pub const DAYS_MAX: u32 = 3650;
pub const DAYS_DEFAULT: u32 = 14;

/// The id of the days field.
pub fn days_id() -> iced::widget::Id {
    iced::widget::Id::new("settings-keep-days")
}

/// What the user does with the options.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Leave(bool),
    LimitDays(bool),
    Days(String),
    UntilDeleted(bool),
    /// Yes: download and delete from now on.
    ConfirmDelete,
    /// No: keep leaving mail on the server.
    CancelDelete,
}

/// The options as the form holds them.
#[derive(Debug, Clone, PartialEq)]
pub struct Pop3Options {
    pub leave_on_server: bool,
    pub limit_days: bool,
    /// The days as typed (checked by [`Pop3Options::choice`]).
    pub days: String,
    pub until_deleted: bool,
    /// Turning "leave on server" off asks first (the account left mail on the server).
    confirm_off: bool,
    /// The confirmation is showing.
    confirming: bool,
}

impl Pop3Options {
    /// The options of stored settings; turning "leave on server" off asks first when it is on.
    pub fn from_settings(s: &AccountSettings) -> Pop3Options {
        Pop3Options {
            leave_on_server: s.leave_on_server,
            limit_days: s.keep_days.is_some(),
            days: s.keep_days.unwrap_or(DAYS_DEFAULT).to_string(),
            until_deleted: s.delete_when_deleted_here,
            confirm_off: s.leave_on_server,
            confirming: false,
        }
    }

    /// The default for a new account: download and delete (nothing to confirm).
    pub fn new_account() -> Pop3Options {
        Pop3Options::from_settings(&AccountSettings::default())
    }

    /// Whether the confirmation is showing.
    pub fn confirming(&self) -> bool {
        self.confirming
    }

    /// Handles a message (all of it here: nothing to run, nothing for the parent).
    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Leave(false) if self.leave_on_server && self.confirm_off => {
                self.confirming = true;
            }
            Message::Leave(on) => self.leave_on_server = on,
            Message::ConfirmDelete => {
                self.confirming = false;
                self.leave_on_server = false;
            }
            Message::CancelDelete => self.confirming = false,
            Message::LimitDays(on) => {
                self.limit_days = on;
                if on && self.days.trim().is_empty() {
                    self.days = DAYS_DEFAULT.to_string();
                }
            }
            Message::Days(v) => {
                self.days = v.chars().filter(char::is_ascii_digit).take(5).collect();
            }
            Message::UntilDeleted(on) => self.until_deleted = on,
        }
        Action::None
    }

    /// The days as a number, when usable.
    fn days(&self) -> Option<u32> {
        self.days
            .parse()
            .ok()
            .filter(|d| (DAYS_MIN..=DAYS_MAX).contains(d))
    }

    /// The choice to save, or why it cannot be saved.
    pub fn choice(&self) -> Result<Choice, Invalid> {
        let keep_days = if self.leave_on_server && self.limit_days {
            Some(self.days().ok_or(Invalid::InvalidDays)?)
        } else {
            None
        };
        Ok(Choice {
            leave_on_server: self.leave_on_server,
            keep_days,
            delete_when_deleted_here: self.leave_on_server && self.until_deleted,
        })
    }

    /// Writes the options into `s`.
    pub fn apply(&self, s: &mut AccountSettings) -> Result<(), Invalid> {
        let c = self.choice()?;
        s.leave_on_server = c.leave_on_server;
        s.keep_days = c.keep_days;
        s.delete_when_deleted_here = c.delete_when_deleted_here;
        Ok(())
    }

    /// The choice as shown right now (an unusable day count counts as the default), for the
    /// explanation line.
    fn shown_choice(&self) -> Choice {
        self.choice().unwrap_or(Choice {
            leave_on_server: self.leave_on_server,
            keep_days: Some(DAYS_DEFAULT),
            delete_when_deleted_here: self.until_deleted,
        })
    }

    /// The line that says what the next fetch will do.
    pub fn explanation(&self) -> String {
        explain::what_happens(&self.shown_choice())
    }

    /// The options, the server's policy and the explanation line (the account page).
    pub fn view(
        &self,
        server_expire: Option<ServerExpire>,
        login_delay: Option<u32>,
    ) -> Element<'_, Message> {
        let leave = column![
            form::check(
                fl!("settings-leave-on-server"),
                self.leave_on_server,
                Message::Leave
            ),
            indented(form::small(if self.leave_on_server {
                fl!("settings-leave-on-server-hint")
            } else {
                fl!("settings-pop3-delete-hint")
            })),
        ];
        column![
            leave,
            indented(self.details()),
            self.outcome(server_expire, login_delay)
        ]
        .spacing(10)
        .into()
    }

    /// The two modes as cards, each with its sentence, and the details of the chosen one (the
    /// wizard's last page).
    pub fn choice_view(
        &self,
        server_expire: Option<ServerExpire>,
        login_delay: Option<u32>,
    ) -> Element<'_, Message> {
        column![
            form::choice(
                fl!("wizard-option-delete"),
                Some(fl!("wizard-option-delete-hint")),
                !self.leave_on_server,
                Message::Leave(false),
            ),
            form::choice(
                fl!("settings-leave-on-server"),
                Some(fl!("settings-leave-on-server-hint")),
                self.leave_on_server,
                Message::Leave(true),
            ),
            container(self.details()).padding(iced::Padding {
                left: 36.0,
                ..iced::Padding::ZERO
            }),
            self.outcome(server_expire, login_delay),
        ]
        .spacing(10)
        .into()
    }

    /// "höchstens [N] Tage" and "bis ich sie hier lösche", when mail is left on the server.
    fn details(&self) -> Element<'_, Message> {
        let mut col = Column::new().spacing(10);
        if !self.leave_on_server {
            return col.into();
        }
        col = col.push(self.days_row());
        if self.limit_days && self.days().is_none() {
            col = col.push(
                text(fl!("settings-days-invalid"))
                    .size(theme::SMALL)
                    .style(form::error_text),
            );
        }
        col = col.push(
            column![
                form::check(
                    fl!("settings-until-deleted"),
                    self.until_deleted,
                    Message::UntilDeleted
                ),
                indented(form::small(fl!("settings-until-deleted-hint"))),
            ]
            .spacing(2),
        );
        col.into()
    }

    /// What the server announced, a warning when it contradicts the choice, and the line that
    /// says what will happen.
    fn outcome(
        &self,
        server_expire: Option<ServerExpire>,
        login_delay: Option<u32>,
    ) -> Element<'_, Message> {
        let mut col = Column::new().spacing(10);
        let policy = explain::server_policy(server_expire, login_delay);
        if !policy.is_empty() {
            col = col.push(form::aside(
                crate::ui::widget::icon::Icon::Server,
                fl!("settings-server-says"),
                policy,
            ));
        }
        if let Some(warning) = explain::conflict(&self.shown_choice(), server_expire) {
            col = col.push(form::notice(Tone::Warning, vec![warning]));
        }
        col = col.push(form::notice(Tone::Info, vec![self.explanation()]));
        col.into()
    }

    fn days_row(&self) -> Element<'_, Message> {
        let field = form::input("14", &self.days, Message::Days)
            .id(days_id())
            .width(form::narrow());
        let field: Element<'_, Message> = if self.limit_days {
            field.into()
        } else {
            iced::widget::text_input("14", &self.days)
                .padding([7, 10])
                .size(theme::TEXT)
                .width(form::narrow())
                .into()
        };
        column![
            row![
                form::check(
                    fl!("settings-keep-days"),
                    self.limit_days,
                    Message::LimitDays
                ),
                field,
                text(fl!("settings-keep-days-unit")).size(theme::TEXT),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
            indented(form::small(fl!("settings-keep-days-hint"))),
        ]
        .spacing(2)
        .into()
    }

    /// The confirmation before switching to download and delete, as a dialog body.
    pub fn confirm_dialog(&self) -> Element<'_, Message> {
        column![
            form::dialog_title(
                crate::ui::widget::icon::Icon::ShieldAlert,
                fl!("settings-confirm-delete-title"),
                true
            ),
            text(fl!("settings-confirm-delete")).size(theme::TEXT),
            row![
                form::fill(),
                form::secondary(
                    fl!("settings-confirm-delete-no"),
                    Some(Message::CancelDelete)
                ),
                form::danger(
                    fl!("settings-confirm-delete-yes"),
                    Some(Message::ConfirmDelete)
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(16)
        .into()
    }
}

/// Indents a line under a checkbox so it lines up with the checkbox's label.
fn indented<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    iced::widget::container(content)
        .padding(iced::Padding {
            left: 26.0,
            ..iced::Padding::ZERO
        })
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leave_days_and_until_deleted_make_the_choice() {
        let mut o = Pop3Options::new_account();
        assert_eq!(
            o.choice(),
            Ok(Choice {
                leave_on_server: false,
                keep_days: None,
                delete_when_deleted_here: false
            }),
            "download and delete is the default"
        );
        let _ = o.update(Message::Leave(true));
        let _ = o.update(Message::LimitDays(true));
        let _ = o.update(Message::UntilDeleted(true));
        assert_eq!(
            o.choice(),
            Ok(Choice {
                leave_on_server: true,
                keep_days: Some(14),
                delete_when_deleted_here: true
            })
        );
        let _ = o.update(Message::Days("0".into()));
        assert!(o.choice().is_err());
        let _ = o.update(Message::Days("3651".into()));
        assert!(o.choice().is_err());
        let _ = o.update(Message::Days("3650".into()));
        assert_eq!(o.choice().map(|c| c.keep_days), Ok(Some(3650)));
    }

    #[test]
    fn a_new_account_does_not_ask_but_a_stored_one_does() {
        let mut o = Pop3Options::new_account();
        let _ = o.update(Message::Leave(true));
        let _ = o.update(Message::Leave(false));
        assert!(!o.leave_on_server && !o.confirming());

        let mut stored = Pop3Options::from_settings(&AccountSettings {
            leave_on_server: true,
            keep_days: Some(30),
            ..AccountSettings::default()
        });
        let _ = stored.update(Message::Leave(false));
        assert!(stored.confirming());
        assert!(stored.leave_on_server, "not before the answer");
        let _ = stored.update(Message::CancelDelete);
        assert!(stored.leave_on_server && !stored.confirming());
        let _ = stored.update(Message::Leave(false));
        let _ = stored.update(Message::ConfirmDelete);
        assert!(!stored.leave_on_server);
        assert_eq!(stored.choice().map(|c| c.keep_days), Ok(None));
    }
}

//! How the account page looks: the sections, the save bar and the dialogs.

use iced::widget::{Column, column, row, text};
use iced::{Alignment, Element};

use super::{AccountPage, Message};
use crate::fl;
use crate::ui::widget::form;
use crate::ui::widget::icon::Icon;
use crate::ui::widget::theme;

impl AccountPage {
    /// The page's sections. `notifications` is the app-wide switch.
    pub fn view(&self, notifications: bool) -> Element<'_, Message> {
        let s = &self.account.settings;
        let subtitle = if s.email.is_empty() {
            fl!("settings-account-subtitle")
        } else {
            format!("{} · {}", s.email, fl!("settings-account-subtitle"))
        };
        let mut page = Column::new().spacing(18);
        page = page.push(form::page_header(s.name.clone(), subtitle));
        page = page.push(form::section(
            Icon::Mailbox,
            fl!("settings-pop3"),
            self.form
                .options_view(self.account.server_expire, self.account.server_login_delay)
                .map(Message::Form),
        ));
        page = page.push(self.checking(notifications));
        if let Some(sign_in) = self.sign_in_view() {
            page = page.push(sign_in);
        }
        page = page.push(self.incoming());
        page = page.push(self.outgoing());
        page = page.push(self.identity());
        page = page.push(
            row![
                form::fill(),
                form::danger(fl!("settings-remove"), Some(Message::Remove))
            ]
            .align_y(Alignment::Center),
        );
        page.into()
    }

    fn identity(&self) -> Element<'_, Message> {
        form::section(
            Icon::IdCard,
            fl!("settings-identity"),
            column![
                form::field(
                    fl!("settings-account-name"),
                    form::input("", &self.name, Message::Name),
                    Some(fl!("settings-account-name-hint")),
                ),
                form::field(
                    fl!("settings-display-name"),
                    form::input("", &self.display_name, Message::DisplayName),
                    None,
                ),
                form::field(
                    fl!("settings-email"),
                    form::input("", &self.email, Message::Email),
                    None,
                ),
                form::field(
                    fl!("settings-reply-to"),
                    form::input(
                        &fl!("settings-reply-to-placeholder"),
                        &self.reply_to,
                        Message::ReplyTo
                    ),
                    Some(fl!("settings-reply-to-hint")),
                ),
                form::field(
                    fl!("settings-signature"),
                    form::text_area(&self.signature, 5, Message::Signature).id(signature_id()),
                    Some(fl!("settings-signature-hint")),
                ),
            ]
            .spacing(12),
        )
    }

    fn incoming(&self) -> Element<'_, Message> {
        let hint = if self.form.outgoing().enabled {
            fl!("settings-test-hint-both")
        } else {
            fl!("settings-test-hint")
        };
        let test = column![
            row![self.form.test_button(), form::small(hint)]
                .spacing(12)
                .align_y(Alignment::Center),
            self.form.test_view(true),
        ]
        .spacing(10);
        form::section(
            Icon::Server,
            fl!("settings-server"),
            column![
                self.form.server_view(Some(&self.keyring)),
                self.form.ca_view(),
                form::field(String::new(), test, None),
            ]
            .spacing(12),
        )
        .map(Message::Form)
    }

    fn outgoing(&self) -> Element<'_, Message> {
        let mut col = column![self.form.outgoing_view(Some(&self.outgoing_keyring))].spacing(12);
        if self.form.outgoing().enabled {
            let test = column![
                row![
                    self.form.test_button(),
                    form::small(fl!("settings-test-hint-both"))
                ]
                .spacing(12)
                .align_y(Alignment::Center),
                self.form.outgoing_test_view(true),
            ]
            .spacing(10);
            col = col.push(form::field(String::new(), test, None));
            col = col.push(self.form.outgoing_remove_button());
        }
        form::section(Icon::Send, fl!("settings-smtp"), col).map(Message::Form)
    }

    fn checking(&self, notifications: bool) -> Element<'_, Message> {
        let minutes_field =
            form::input("10", &self.minutes, Message::Minutes).width(form::narrow());
        let minutes_field: Element<'_, Message> = if self.check_every {
            minutes_field.into()
        } else {
            iced::widget::text_input("10", &self.minutes)
                .padding([7, 10])
                .size(theme::TEXT)
                .width(form::narrow())
                .into()
        };
        let mut col = Column::new().spacing(10);
        col = col.push(form::check(
            fl!("settings-check-startup"),
            self.check_on_startup,
            Message::CheckOnStartup,
        ));
        col = col.push(
            row![
                form::check(
                    fl!("settings-check-every"),
                    self.check_every,
                    Message::CheckEvery
                ),
                minutes_field,
                text(fl!("settings-check-every-unit")).size(theme::TEXT),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
        );
        if self.check_every && self.minutes().is_none() {
            col = col.push(
                text(fl!("settings-minutes-invalid"))
                    .size(theme::SMALL)
                    .style(form::error_text),
            );
        }
        if let Some(delay) = self.account.server_login_delay.filter(|d| *d > 0) {
            col = col.push(form::small(fl!(
                "settings-login-delay-note",
                minutes = delay.div_ceil(60)
            )));
        }
        col = col.push(form::check(
            fl!("settings-notify"),
            self.notify,
            Message::Notify,
        ));
        if self.notify && !notifications {
            col = col.push(form::small(fl!("settings-notify-off-globally")));
        }
        form::section(Icon::Clock, fl!("settings-checking"), col)
    }

    /// The bar under the page: what happened, and Save / Discard.
    pub fn footer(&self) -> Element<'_, Message> {
        let dirty = self.is_dirty();
        let status: Element<'_, Message> = match &self.notice {
            Some(notice) => {
                let (tone, words) = notice.shown();
                form::notice(tone, vec![words])
            }
            None if self.saving => form::small(fl!("settings-saving")),
            None if dirty => form::small(fl!("settings-unsaved")),
            None => form::fill(),
        };
        row![
            iced::widget::container(status).width(iced::Fill),
            form::secondary(fl!("settings-revert"), dirty.then_some(Message::Revert)),
            form::primary(
                fl!("settings-save"),
                (!self.saving).then_some(Message::Save)
            ),
        ]
        .spacing(10)
        .align_y(Alignment::Center)
        .into()
    }

    /// The dialog over the page, if one is open.
    pub fn dialog(&self) -> Option<(Element<'_, Message>, Message)> {
        if let Some((dialog, dismiss)) = self.form.dialog() {
            return Some((dialog.map(Message::Form), Message::Form(dismiss)));
        }
        self.removing
            .map(|keep| (self.remove_dialog(keep), Message::RemoveCancel))
    }

    fn remove_dialog(&self, keep: bool) -> Element<'_, Message> {
        let name = self.account.settings.name.as_str();
        column![
            form::dialog_title(
                Icon::ShieldAlert,
                fl!("settings-remove-title", account = name),
                true
            ),
            text(fl!("settings-remove-text")).size(theme::TEXT),
            form::choice(
                fl!("settings-remove-keep"),
                Some(fl!(
                    "settings-remove-keep-hint",
                    folder = self.archive_folder()
                )),
                keep,
                Message::RemoveKeep(true),
            ),
            form::choice(
                fl!("settings-remove-delete"),
                Some(fl!("settings-remove-delete-hint")),
                !keep,
                Message::RemoveKeep(false),
            ),
            row![
                form::fill(),
                form::secondary(fl!("settings-cancel"), Some(Message::RemoveCancel)),
                form::danger(fl!("settings-remove-confirm"), Some(Message::RemoveConfirm)),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(14)
        .into()
    }
}

/// The signature field's id.
pub fn signature_id() -> iced::widget::Id {
    iced::widget::Id::new("settings-signature")
}

//! The compose window's look: the bar with Send, Attach, Save and Discard; the header fields
//! with their suggestions and marks; the text; the files; a status line; a question over it
//! all when one is asked.
use iced::widget::{
    Column, Id, button, column, container, pick_list, row, rule, space, text, text_editor,
    text_input,
};
use iced::{Alignment, Element, Fill, Length};

use super::{Ask, Compose, Field, Message, Status};
use crate::fl;
use crate::store::AccountId;
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::style::{self, pick_style};
use crate::ui::widget::{form, format, theme};

/// The width of the labels before the header fields.
const LABEL: f32 = 70.0;

/// The id of an address field (the window focuses To first).
pub fn field_id(field: Field) -> Id {
    Id::new(match field {
        Field::To => "compose-to",
        Field::Cc => "compose-cc",
        Field::Bcc => "compose-bcc",
    })
}

/// The id of the text (a reply starts there).
pub fn body_id() -> Id {
    Id::new("compose-body")
}

/// An account to send from, as the From list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    id: AccountId,
    label: String,
}

impl std::fmt::Display for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

impl Compose {
    pub fn view(&self) -> Element<'_, Message> {
        let mut header = Column::new().spacing(6).push(self.sender_row());
        header = header.push(self.address_row(Field::To, &self.to, fl!("compose-to")));
        if self.show_cc {
            header = header.push(self.address_row(Field::Cc, &self.cc, fl!("compose-cc")));
        }
        if self.show_bcc {
            header = header.push(self.address_row(Field::Bcc, &self.bcc, fl!("compose-bcc")));
        }
        header = header.push(labelled(
            fl!("compose-subject"),
            text_input(&fl!("compose-subject-placeholder"), &self.subject)
                .on_input(Message::Subject)
                .padding([6, 10])
                .size(theme::TEXT)
                .style(style::input_style),
        ));
        let body = text_editor(&self.body)
            .id(body_id())
            .on_action(Message::Edit)
            .placeholder(fl!("compose-body-placeholder"))
            .padding([10, 12])
            .size(theme::TEXT)
            .height(Fill)
            .key_binding(|press| {
                // Ctrl+Enter sends (as in Thunderbird) instead of adding a line
                let enter = matches!(
                    press.key.as_ref(),
                    iced::keyboard::Key::Named(iced::keyboard::key::Named::Enter)
                );
                if enter && press.modifiers.command() {
                    return Some(text_editor::Binding::Custom(Message::Send));
                }
                text_editor::Binding::from_key_press(press)
            })
            .style(style::editor_style);
        let mut page = column![
            self.bar(),
            rule::horizontal(1).style(theme::rule),
            container(header).padding([10, 14]),
            container(body).padding([0, 14]).height(Fill),
        ];
        if let Some(files) = self.files() {
            page = page.push(container(files).padding([8, 14]));
        }
        page = page.push(self.status_line());
        let dialog = self.ask.map(|ask| (self.question(ask), Message::Dismiss));
        form::with_dialog(page, dialog)
    }

    fn bar(&self) -> Element<'_, Message> {
        let send = form::tip(
            button(
                row![
                    icon::styled(Icon::Send, theme::ICON, theme::icon_on_primary),
                    text(fl!("compose-send")).size(theme::TEXT),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            )
            .padding([7, 16])
            .style(theme::primary)
            .on_press_maybe((!self.sending).then_some(Message::Send)),
            fl!("compose-send-tip"),
        );
        let bar = row![
            send,
            space().width(8),
            form::tip(
                form::icon_button(
                    Icon::Paperclip,
                    fl!("compose-attach"),
                    Some(Message::Attach)
                ),
                fl!("compose-attach-tip"),
            ),
            form::tip(
                form::icon_button(Icon::Download, fl!("compose-save"), Some(Message::Save)),
                fl!("compose-save-tip"),
            ),
            space().width(Fill),
            form::tip(
                form::icon_button(Icon::Trash, fl!("compose-discard"), Some(Message::Discard)),
                fl!("compose-discard-tip"),
            ),
        ]
        .spacing(6)
        .align_y(Alignment::Center);
        container(bar.padding([8, 12]))
            .width(Fill)
            .style(theme::bar)
            .into()
    }

    fn sender_row(&self) -> Element<'_, Message> {
        let identities: Vec<Identity> = self
            .accounts
            .iter()
            .map(|a| Identity {
                id: a.id,
                label: identity_label(a),
            })
            .collect();
        let selected = identities.iter().find(|i| i.id == self.account).cloned();
        let control: Element<'_, Message> = if identities.len() > 1 {
            pick_list(identities, selected, |i: Identity| Message::From(i.id))
                .padding([6, 10])
                .text_size(theme::TEXT)
                .style(pick_style)
                .width(Fill)
                .into()
        } else {
            text(selected.map(|i| i.label).unwrap_or_default())
                .size(theme::TEXT)
                .into()
        };
        labelled(fl!("compose-from"), control)
    }

    fn address_row<'a>(
        &'a self,
        field: Field,
        value: &'a str,
        label: String,
    ) -> Element<'a, Message> {
        let input = text_input(&fl!("compose-address-placeholder"), value)
            .id(field_id(field))
            .on_input(move |t| Message::Address(field, t))
            .on_submit(Message::AddressSubmitted(field))
            .padding([6, 10])
            .size(theme::TEXT)
            .style(style::input_style);
        let mut line = row![input].spacing(6).align_y(Alignment::Center);
        if field == Field::To {
            if !self.show_cc {
                line = line.push(small_button(fl!("compose-cc"), Message::ShowCc));
            }
            if !self.show_bcc {
                line = line.push(small_button(fl!("compose-bcc"), Message::ShowBcc));
            }
        }
        let mut stack = Column::new().spacing(4).push(line);
        let invalid = match field {
            Field::To => &self.invalid.to,
            Field::Cc => &self.invalid.cc,
            Field::Bcc => &self.invalid.bcc,
        };
        if !invalid.is_empty() {
            let list = invalid
                .iter()
                .map(|e| crate::text::safe_line(e))
                .collect::<Vec<_>>()
                .join(", ");
            stack = stack.push(
                text(fl!("compose-not-an-address", entries = list))
                    .size(theme::SMALL)
                    .style(style::error_text),
            );
        }
        let suggestions = self.completion.items(field);
        if !suggestions.is_empty() {
            let mut list = Column::new().spacing(0);
            for (i, a) in suggestions.iter().enumerate() {
                let name = a.name.clone().filter(|n| !n.trim().is_empty());
                let line = match name {
                    Some(name) => row![
                        text(crate::text::safe_line(&name)).size(theme::TEXT),
                        text(crate::text::safe_line(&a.email))
                            .size(theme::SMALL)
                            .style(theme::muted_text),
                    ],
                    None => row![text(crate::text::safe_line(&a.email)).size(theme::TEXT)],
                }
                .spacing(10)
                .align_y(Alignment::Center);
                list = list.push(
                    button(line)
                        .width(Fill)
                        .padding([5, 10])
                        .style(theme::row(i == 0))
                        .on_press(Message::Complete(field, i)),
                );
            }
            stack = stack.push(container(list).padding(2).style(style::card));
        }
        labelled(label, stack)
    }

    fn files(&self) -> Option<Element<'_, Message>> {
        if self.attachments.is_empty() && self.forwarded.is_none() {
            return None;
        }
        let mut chips = row![].spacing(6);
        for (i, a) in self.attachments.iter().enumerate() {
            chips = chips.push(chip(
                icon::for_content_type(&a.content_type),
                &a.name,
                a.bytes.len() as u64,
                Message::Remove(i),
            ));
        }
        if let Some((name, bytes)) = &self.forwarded {
            chips = chips.push(chip(
                Icon::Mail,
                name,
                bytes.len() as u64,
                Message::RemoveForwarded,
            ));
        }
        let total = self.files_size();
        let count = (self.attachments.len() + usize::from(self.forwarded.is_some())) as u64;
        let summary = form::small(fl!(
            "compose-files",
            count = count,
            size = format::size(total)
        ));
        Some(column![summary, chips.wrap()].spacing(6).into())
    }

    fn status_line(&self) -> Element<'_, Message> {
        let line: Element<'_, Message> = match &self.status {
            Status::Empty => text(if self.sending {
                fl!("compose-queueing")
            } else {
                String::new()
            })
            .size(theme::SMALL)
            .into(),
            Status::Saved(at) => text(fl!("compose-saved", time = format::list_date(*at, *at)))
                .size(theme::SMALL)
                .style(theme::muted_text)
                .into(),
            Status::Problem(words) => text(words.clone())
                .size(theme::SMALL)
                .style(style::error_text)
                .into(),
        };
        container(line)
            .padding([5, 14])
            .width(Fill)
            .style(theme::bar)
            .into()
    }

    fn question(&self, ask: Ask) -> Element<'_, Message> {
        let (title, words, go, danger) = match ask {
            Ask::NoAttachment => (
                fl!("compose-ask-attachment-title"),
                fl!("compose-ask-attachment"),
                fl!("compose-send-anyway"),
                false,
            ),
            Ask::TooLarge { total, limit } => (
                fl!("compose-ask-large-title"),
                fl!(
                    "compose-ask-large",
                    size = format::size(total),
                    limit = format::size(limit)
                ),
                fl!("compose-send-anyway"),
                false,
            ),
            Ask::Discard => (
                fl!("compose-ask-discard-title"),
                fl!("compose-ask-discard"),
                fl!("compose-discard"),
                true,
            ),
        };
        let go_button = if danger {
            form::danger(go, Some(Message::Confirm(ask)))
        } else {
            form::primary(go, Some(Message::Confirm(ask)))
        };
        let mut buttons = row![space().width(Fill)].spacing(8);
        if ask == Ask::NoAttachment {
            buttons = buttons.push(form::secondary(
                fl!("compose-attach"),
                Some(Message::Attach),
            ));
        }
        buttons = buttons
            .push(form::secondary(
                fl!("compose-keep-writing"),
                Some(Message::Dismiss),
            ))
            .push(go_button);
        column![
            form::dialog_title(Icon::Alert, title, true),
            text(words).size(theme::TEXT),
            buttons,
        ]
        .spacing(14)
        .into()
    }
}

/// "Anna Schmidt <anna@example.org>" (and the account's name when it is another).
fn identity_label(a: &crate::store::Account) -> String {
    let (from, _) = crate::send::draft::identity(a);
    let address = crate::text::safe_line(&from.for_field());
    let name = a.settings.name.trim();
    if name.is_empty() || name == from.email {
        address
    } else {
        format!("{address} — {}", crate::text::safe_line(name))
    }
}

fn labelled<'a>(label: String, control: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    row![
        container(text(label).size(theme::TEXT).style(theme::muted_text))
            .width(Length::Fixed(LABEL))
            .padding([6, 0]),
        container(control).width(Fill),
    ]
    .spacing(8)
    .align_y(Alignment::Start)
    .into()
}

fn small_button<'a>(label: String, message: Message) -> Element<'a, Message> {
    button(text(label).size(theme::SMALL))
        .padding([5, 10])
        .style(theme::tool)
        .on_press(message)
        .into()
}

fn chip<'a>(glyph: Icon, name: &str, size: u64, remove: Message) -> Element<'a, Message> {
    container(
        row![
            icon::view(glyph, 14.0),
            text(crate::text::safe_line(name)).size(theme::SMALL),
            text(format::size(size))
                .size(theme::SMALL)
                .style(theme::muted_text),
            button(icon::view(Icon::X, 12.0))
                .padding(3)
                .style(theme::tool)
                .on_press(remove),
        ]
        .spacing(6)
        .align_y(Alignment::Center),
    )
    .padding([3, 8])
    .style(theme::chip)
    .into()
}

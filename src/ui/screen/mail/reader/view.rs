//! How the reader looks: headers, body, attachment chips, previews, and the enlarged image.

use iced::widget::text::Wrapping;
use iced::widget::{
    Column, button, center, column, container, image, mouse_area, opaque, row, scrollable, space,
    text, tooltip,
};
use iced::{Alignment, ContentFit, Element, Fill, Length, mouse};

use crate::fl;
use crate::mime::{Address, Attachment};
use crate::ui::screen::mail::reader::{
    Message, Opened, Piece, Preview, Reader, State, visible_attachments,
};
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::selectable::Run;
use crate::ui::{screen::mail::list, widget::format, widget::theme};

/// Width of the header labels (From, To, …).
const LABEL_WIDTH: f32 = 64.0;

impl Reader {
    /// The reader pane.
    pub fn view(&self) -> Element<'_, Message> {
        match &self.state {
            State::Empty => centered(fl!("ui-reader-empty")),
            State::Loading(_) => centered(fl!("ui-reader-loading")),
            State::Failed(message) => centered(message.clone()),
            State::Shown(opened) => self.message_view(opened),
            State::Several(count) => centered(fl!(
                "ui-selected-count",
                count = (*count),
                shown = format::count(*count)
            )),
        }
    }

    fn message_view<'a>(&'a self, o: &'a Opened) -> Element<'a, Message> {
        let mut content = Column::new().spacing(14).padding([18, 24]).max_width(980);
        if let Some(entry) = &o.outbox {
            content = content.push(super::outbox::panel(entry));
        }
        content = content.push(headers(o));
        if o.outbox.is_none() {
            content = content.push(super::answer::bar(o));
        }
        content = content.push(iced::widget::rule::horizontal(1).style(theme::rule));
        let formatted = o.mail.body.html.as_deref().filter(|_| self.formatted());
        if o.mail.body.html.is_some() {
            content = content.push(super::html::view_switch(self.formatted()));
        }
        if let Some(doc) = formatted
            && doc.remote > 0
        {
            content = content.push(self.remote_bar(o, doc));
        }
        for note in notes(o, formatted.is_some()) {
            content = content.push(text(note).size(theme::SMALL).style(theme::muted_text));
        }
        if let Some(doc) = formatted {
            content = content.push(super::html::document(doc, self));
        } else if o.paragraphs.is_empty() {
            content = content.push(
                text(fl!("ui-body-empty"))
                    .size(theme::TEXT)
                    .style(theme::muted_text),
            );
        }
        if formatted.is_none() {
            let next = std::cell::Cell::new(0);
            for paragraph in &o.paragraphs {
                content = content.push(self.paragraph_view(paragraph, &next));
            }
        }
        let shown: Vec<&Attachment> = visible_attachments(&o.mail).collect();
        if !shown.is_empty() {
            content = content.push(iced::widget::rule::horizontal(1).style(theme::rule));
            content = content.push(self.attachments_view(&shown));
        }
        // a press beside the words ends the selection
        let content = mouse_area(content.width(Fill)).on_press(Message::Unselect);
        scrollable(content).height(Fill).into()
    }

    /// A paragraph of the plain text: its lines, selectable, with the links the message lists.
    fn paragraph_view<'a>(
        &'a self,
        pieces: &'a [Piece],
        next: &std::cell::Cell<usize>,
    ) -> Element<'a, Message> {
        let runs = pieces
            .iter()
            .map(|p| Run {
                link: p.link.clone(),
                ..Run::plain(p.text.as_str())
            })
            .collect();
        super::selection::text_block(self, next, runs, theme::TEXT, Message::LinkClicked)
    }

    fn attachments_view<'a>(&'a self, shown: &[&'a Attachment]) -> Element<'a, Message> {
        let header = row![
            icon::view(Icon::Paperclip, theme::ICON),
            text(fl!("ui-attachments", count = shown.len()))
                .size(theme::TEXT)
                .font(theme::BOLD),
            space().width(Fill),
            button(
                row![
                    icon::view(Icon::Download, 14.0),
                    text(fl!("ui-attachments-save-all")).size(theme::SMALL)
                ]
                .spacing(6)
                .align_y(Alignment::Center)
            )
            .padding([5, 10])
            .style(theme::tool)
            .on_press(Message::SaveAll),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let chips = row(shown.iter().map(|a| chip(a)))
            .spacing(8)
            .wrap()
            .vertical_spacing(8);
        let previews = row(shown
            .iter()
            .filter_map(|a| Some((a, self.previews.get(&a.index)?)))
            .map(|(a, p)| preview(a, p)))
        .spacing(10)
        .wrap()
        .vertical_spacing(10);
        column![header, chips, previews].spacing(12).into()
    }

    /// The enlarged image over the whole window, when one is open.
    pub fn overlay(&self) -> Option<Element<'_, Message>> {
        if let Some(question) = self.link_question() {
            return Some(question);
        }
        let (_, handle) = self.enlarged.as_ref()?;
        let picture: Element<'_, Message> = match handle {
            Some(h) => image(h.clone())
                .content_fit(ContentFit::ScaleDown)
                .width(Fill)
                .height(Fill)
                .into(),
            None => center(text(fl!("ui-reader-loading")).color(iced::Color::WHITE)).into(),
        };
        let close = button(
            row![
                icon::styled(Icon::X, 14.0, theme::icon_on_primary),
                text(fl!("ui-image-close")).size(theme::SMALL)
            ]
            .spacing(6)
            .align_y(Alignment::Center),
        )
        .padding([6, 12])
        .style(theme::primary)
        .on_press(Message::CloseEnlarged);
        let layer = container(
            column![row![space().width(Fill), close], picture]
                .spacing(12)
                .padding(24),
        )
        .width(Fill)
        .height(Fill)
        .style(theme::backdrop(theme::IMAGE_BACKDROP));
        Some(opaque(mouse_area(layer).on_press(Message::CloseEnlarged)))
    }
}

fn headers(o: &Opened) -> Element<'_, Message> {
    let subject = if o.mail.subject.trim().is_empty() {
        if o.row.subject.trim().is_empty() {
            fl!("ui-no-subject")
        } else {
            o.row.subject.clone()
        }
    } else {
        o.mail.subject.clone()
    };
    let from = if o.mail.from.is_empty() {
        list::sender_of(&o.row)
    } else {
        addresses(&o.mail.from)
    };
    let mut lines = column![
        text(subject).size(theme::TITLE).font(theme::BOLD),
        space().height(4),
        header_line(fl!("ui-header-from"), from),
    ]
    .spacing(4);
    if !o.mail.to.is_empty() {
        lines = lines.push(header_line(fl!("ui-header-to"), addresses(&o.mail.to)));
    }
    if !o.mail.cc.is_empty() {
        lines = lines.push(header_line(fl!("ui-header-cc"), addresses(&o.mail.cc)));
    }
    let date = format::full_date(o.mail.date.or(o.row.date).unwrap_or(o.row.received_at));
    lines.push(header_line(fl!("ui-header-date"), date)).into()
}

fn header_line<'a>(label: String, value: String) -> Element<'a, Message> {
    row![
        text(label)
            .size(theme::SMALL + 0.5)
            .style(theme::muted_text)
            .width(LABEL_WIDTH),
        text(value).size(theme::SMALL + 0.5).width(Fill),
    ]
    .spacing(8)
    .into()
}

/// `Name <address>, address, …`
fn addresses(list: &[Address]) -> String {
    list.iter()
        .map(
            |a| match a.name.as_deref().filter(|n| !n.trim().is_empty()) {
                Some(name) => format!("{name} <{}>", a.email),
                None => a.email.clone(),
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

/// Notes above the text; `formatted`: the HTML is shown as designed (no "converted" note).
fn notes(o: &Opened, formatted: bool) -> Vec<String> {
    let mut notes = Vec::new();
    if o.mail.parse_failed {
        notes.push(fl!("ui-body-parse-failed"));
    } else if o.mail.body.from_html && !formatted {
        notes.push(fl!("ui-body-from-html"));
    }
    if o.cut && !formatted {
        notes.push(fl!("ui-body-truncated"));
    }
    notes
}

fn chip(a: &Attachment) -> Element<'_, Message> {
    let handle = mouse_area(
        row![
            icon::styled(
                icon::for_content_type(&a.content_type),
                22.0,
                theme::icon_accent
            ),
            column![
                text(a.name.as_str())
                    .size(theme::SMALL + 0.5)
                    .wrapping(Wrapping::None),
                text(format::size(a.size))
                    .size(theme::SMALL - 1.0)
                    .style(theme::muted_text),
            ]
            .spacing(1),
        ]
        .spacing(8)
        .align_y(Alignment::Center),
    )
    .interaction(mouse::Interaction::Grab)
    .on_press(Message::DragAttachment(a.index));
    let handle = tooltip(
        handle,
        container(text(fl!("ui-attachment-drag-tip")).size(theme::SMALL))
            .padding(6)
            .style(theme::chip),
        tooltip::Position::Top,
    );
    let open = tooltip(
        small_button(
            Icon::External,
            fl!("ui-attachment-open"),
            Message::Open(a.index),
        ),
        container(text(fl!("ui-attachment-open-tip")).size(theme::SMALL))
            .padding(6)
            .style(theme::chip),
        tooltip::Position::Top,
    );
    let save = small_button(
        Icon::Download,
        fl!("ui-attachment-save"),
        Message::SaveAs(a.index),
    );
    // The name on top, the actions below: side by side they do not fit a narrow reader.
    let mut actions = row![open, save].spacing(6).align_y(Alignment::Center);
    if crate::ui::platform::dragout::can_copy() {
        actions = actions.push(tooltip(
            small_button(
                Icon::File,
                fl!("ui-attachment-copy"),
                Message::Copy(a.index),
            ),
            container(text(fl!("ui-attachment-copy-tip")).size(theme::SMALL))
                .padding(6)
                .style(theme::chip),
            tooltip::Position::Top,
        ));
    }
    container(column![handle, actions].spacing(6))
        .padding([6, 10])
        .style(theme::chip)
        .into()
}

fn small_button<'a>(icon_kind: Icon, label: String, message: Message) -> Element<'a, Message> {
    button(
        row![icon::view(icon_kind, 13.0), text(label).size(theme::SMALL)]
            .spacing(4)
            .align_y(Alignment::Center),
    )
    .padding([4, 8])
    .style(theme::tool)
    .on_press(message)
    .into()
}

fn preview<'a>(a: &'a Attachment, p: &'a Preview) -> Element<'a, Message> {
    let inner: Element<'a, Message> = match p {
        Preview::Ready(handle) => {
            let picture = button(
                image(handle.clone())
                    .content_fit(ContentFit::ScaleDown)
                    .width(Length::Shrink)
                    .height(Length::Shrink),
            )
            .padding(0)
            .style(theme::row(false))
            .on_press(Message::Enlarge(a.index));
            tooltip(
                picture,
                container(text(fl!("ui-image-enlarge-tip")).size(theme::SMALL))
                    .padding(6)
                    .style(theme::chip),
                tooltip::Position::Bottom,
            )
            .into()
        }
        Preview::Loading => container(icon::view(Icon::FileImage, 28.0))
            .center(120)
            .into(),
        Preview::Failed => return space().width(0).into(),
    };
    container(
        column![
            inner,
            text(a.name.as_str())
                .size(theme::SMALL - 1.0)
                .style(theme::muted_text)
        ]
        .spacing(4)
        .align_x(Alignment::Center),
    )
    .padding(6)
    .style(theme::chip)
    .into()
}

fn centered<'a>(message: String) -> Element<'a, Message> {
    center(text(message).size(theme::TEXT).style(theme::muted_text)).into()
}

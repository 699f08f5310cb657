//! How the list looks: a header, then only the rows in view between two spacers.

use iced::widget::text::Wrapping;
use iced::widget::{
    Column, button, center, column, container, mouse_area, row, scrollable, sensor, space, text,
};
use iced::{Alignment, Element, Fill, Font, Theme, font};

use crate::fl;
use crate::store::MessageRow;
use crate::ui::screen::mail::list::{List, Message, ROW_HEIGHT, scroll_id};
use crate::ui::widget::drag::drag_source;
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::pointer::right_press;
use crate::ui::{widget::format, widget::theme};

impl List {
    /// The list under `title`: a header with the folder's name and counts, then the rows in
    /// view. `written`: mail written here (Drafts, Sent, Outbox), shown by
    /// its recipients.
    pub fn view<'a>(
        &'a self,
        title: String,
        unread: Option<u64>,
        written: bool,
    ) -> Element<'a, Message> {
        let count = match &self.search {
            Some(s) => fl!(
                "ui-search-results",
                count = s.rows.len(),
                query = s.query.as_str()
            ),
            None => {
                let total = fl!(
                    "ui-list-count",
                    count = self.total,
                    shown = format::count(self.total)
                );
                match unread {
                    Some(u) => format!(
                        "{total} · {}",
                        fl!("ui-list-unread", count = u, shown = format::count(u))
                    ),
                    None => total,
                }
            }
        };
        let header = column![
            text(title).size(theme::TEXT + 2.0).font(theme::BOLD),
            text(count).size(theme::SMALL).style(theme::muted_text),
        ]
        .spacing(2)
        .padding([10, 14]);

        let body: Element<'a, Message> =
            if self.is_empty() && (self.counted || self.search.is_some()) {
                let empty = if self.search.is_some() {
                    String::new()
                } else {
                    fl!("ui-list-empty")
                };
                center(text(empty).size(theme::TEXT).style(theme::muted_text)).into()
            } else {
                self.rows(written)
            };
        // where a right-click happened, for the context menu (outside the scrollable, whose
        // content sees shifted coordinates)
        right_press(
            column![
                header,
                iced::widget::rule::horizontal(1).style(theme::rule),
                body
            ],
            Message::Pointer,
        )
        .into()
    }

    fn rows(&self, written: bool) -> Element<'_, Message> {
        let len = self.len();
        let first = ((self.offset_y / ROW_HEIGHT) as u64).min(len);
        let visible = (self.viewport / ROW_HEIGHT).ceil() as u64 + 2;
        let end = first.saturating_add(visible).min(len);
        let now = format::now();
        let mut content = Column::new().push(space().height(first as f32 * ROW_HEIGHT));
        for index in first..end {
            content = content.push(match self.row(index) {
                Some(row) => self.row_view(index, row, now, written),
                None => space().height(ROW_HEIGHT).into(),
            });
        }
        content = content.push(space().height((len - end) as f32 * ROW_HEIGHT));
        let list = scrollable(content.width(Fill))
            .spacing(2)
            .id(scroll_id())
            .on_scroll(Message::Scrolled)
            .height(Fill);
        sensor(list)
            .on_show(Message::Sized)
            .on_resize(Message::Sized)
            .into()
    }

    fn row_view<'a>(
        &self,
        index: u64,
        row: &'a MessageRow,
        now: i64,
        written: bool,
    ) -> Element<'a, Message> {
        let selected = self.is_selected(index, row.id);
        let weight = if row.seen {
            font::Weight::Normal
        } else {
            font::Weight::Bold
        };
        let strong = Font {
            weight,
            ..Font::DEFAULT
        };
        let sender = if written {
            recipients_of(row)
        } else {
            sender_of(row)
        };
        let subject = if row.subject.trim().is_empty() {
            fl!("ui-no-subject")
        } else {
            row.subject.clone()
        };
        let date = format::list_date(row.date.unwrap_or(row.received_at), now);
        let mut top = row![
            clipped(text(sender).size(theme::TEXT).font(strong)),
            text(date).size(theme::SMALL).style(theme::muted_text),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if !row.seen {
            top = row![dot(), top].spacing(6).align_y(Alignment::Center);
        }
        let mut bottom = row![clipped(text(subject).size(theme::SMALL + 0.5).font(strong))]
            .spacing(6)
            .align_y(Alignment::Center);
        // answered and forwarded from here, as Thunderbird marks them
        if row.answered {
            bottom = bottom.push(icon::view(Icon::Reply, 13.0));
        }
        if row.forwarded {
            bottom = bottom.push(icon::view(Icon::Forward, 13.0));
        }
        if row.has_attachments {
            bottom = bottom.push(icon::view(Icon::Paperclip, 13.0));
        }
        let content = column![top, bottom].spacing(4);
        let cell = button(content)
            .width(Fill)
            .height(ROW_HEIGHT - 4.0)
            .padding([7, 12])
            .style(theme::row(selected))
            .on_press(Message::Clicked(index));
        let cell = mouse_area(cell).on_right_press(Message::RightClicked(index));
        // the selection can be dragged onto a folder from any of its rows
        let cell = drag_source(cell, Message::DragStart(index), Message::DragEnd);
        container(cell).padding([2, 6]).height(ROW_HEIGHT).into()
    }
}

/// The recipients as a list of mail written here shows them: "To: " and their names (else
/// their addresses).
pub fn recipients_of(row: &MessageRow) -> String {
    let names: Vec<&str> = row
        .to
        .split(", ")
        .map(|one| match one.rsplit_once(" <") {
            Some((name, _)) => name,
            None => one,
        })
        .filter(|n| !n.trim().is_empty())
        .collect();
    fl!("ui-list-to", names = names.join(", "))
}

/// The sender as shown in the list: the name, else the address.
pub fn sender_of(row: &MessageRow) -> String {
    if !row.from_name.trim().is_empty() {
        row.from_name.clone()
    } else if !row.from_email.trim().is_empty() {
        row.from_email.clone()
    } else {
        fl!("ui-unknown-sender")
    }
}

fn clipped<'a>(t: iced::widget::Text<'a>) -> Element<'a, Message> {
    container(t.wrapping(Wrapping::None))
        .width(Fill)
        .clip(true)
        .into()
}

fn dot<'a>() -> Element<'a, Message> {
    container(space().width(7).height(7))
        .style(|theme: &Theme| iced::widget::container::Style {
            background: Some(theme.palette().primary.into()),
            border: iced::border::rounded(4),
            ..Default::default()
        })
        .into()
}

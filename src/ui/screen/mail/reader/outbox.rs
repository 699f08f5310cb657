//! A message that waits in the Outbox: where it stands, why the last try failed (in words,
//! each refused recipient named), and what the user can decide: send now (or again, when it
//! may have been sent), change it (it goes back to the Drafts, into a compose window), or, when
//! it did arrive, move it to Sent. Deleting it is the toolbar's
//! Delete, as for any message (it goes to the Trash unsent).

use iced::widget::{Column, button, container, row, text};
use iced::{Alignment, Element, Fill};

use crate::fl;
use crate::send::Problem;
use crate::store::{OutboxEntry, OutboxState};
use crate::ui::screen::mail::reader::Message;
use crate::ui::widget::format;
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::theme;

/// What the user decides about a message that waits in the Outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxChoice {
    /// Send it now (also again, when it may have been sent).
    SendNow,
    /// It did arrive: move it to Sent.
    MarkSent,
    /// Take it back to change it: it becomes a draft in a compose window.
    Edit,
}

/// The panel above the message.
pub(super) fn panel(entry: &OutboxEntry) -> Element<'_, Message> {
    let id = entry.message.id;
    let (headline, alert) = match entry.state {
        OutboxState::Queued if entry.attempts == 0 => (fl!("ui-outbox-queued"), false),
        OutboxState::Queued => (
            fl!(
                "ui-outbox-retry-at",
                time = format::list_date(entry.next_try_at, format::now())
            ),
            false,
        ),
        OutboxState::Sending | OutboxState::DotSent => (fl!("ui-outbox-sending"), false),
        OutboxState::Unknown => (fl!("ui-outbox-unknown"), true),
        OutboxState::Failed => (fl!("ui-outbox-failed"), true),
    };
    let mut lines = Column::new().spacing(6).push(
        row![
            icon::view(if alert { Icon::Alert } else { Icon::Outbox }, theme::ICON),
            text(headline).size(theme::TEXT).font(theme::BOLD),
        ]
        .spacing(8)
        .align_y(Alignment::Center),
    );
    if let Some(problem) = entry.reason.as_deref().and_then(Problem::from_json) {
        lines = lines.push(text(problem.words).size(theme::SMALL));
        for r in &problem.refused {
            lines = lines.push(
                text(fl!(
                    "cli-send-refused",
                    address = r.address.as_str(),
                    reply = r.reply.as_str()
                ))
                .size(theme::SMALL)
                .style(theme::muted_text),
            );
        }
    }
    let mut actions = row![].spacing(8);
    if !entry.state.is_in_flight() {
        let label = if entry.state == OutboxState::Unknown {
            fl!("ui-outbox-send-again")
        } else {
            fl!("ui-outbox-send-now")
        };
        actions = actions.push(
            button(text(label).size(theme::SMALL))
                .padding([5, 12])
                .style(theme::primary)
                .on_press(Message::Outbox(id, OutboxChoice::SendNow)),
        );
    }
    if matches!(entry.state, OutboxState::Queued | OutboxState::Failed) {
        actions = actions.push(
            button(text(fl!("ui-outbox-edit")).size(theme::SMALL))
                .padding([5, 12])
                .style(theme::tool)
                .on_press(Message::Outbox(id, OutboxChoice::Edit)),
        );
    }
    if entry.state == OutboxState::Unknown {
        actions = actions.push(
            button(text(fl!("ui-outbox-mark-sent")).size(theme::SMALL))
                .padding([5, 12])
                .style(theme::tool)
                .on_press(Message::Outbox(id, OutboxChoice::MarkSent)),
        );
    }
    // red only when the user has to decide; a message that waits for its next try is no alarm
    let style = if alert {
        theme::banner
    } else {
        crate::ui::widget::style::card
    };
    container(lines.push(actions))
        .padding(12)
        .width(Fill)
        .style(style)
        .into()
}

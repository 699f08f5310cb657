//! Under the headers of a message: Reply, Reply all, Reply to list (for mailing-list mail),
//! Forward and Forward as attachment; for a draft, "Continue writing" instead.
use iced::widget::{button, container, row, text};
use iced::{Alignment, Element};

use crate::fl;
use crate::ui::screen::compose::start::Answer;
use crate::ui::screen::mail::reader::{Message, Opened};
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::{form, style, theme};

/// The row of answers, or the draft's note.
pub(super) fn bar(o: &Opened) -> Element<'_, Message> {
    if o.draft {
        return container(
            row![
                icon::view(Icon::Pencil, theme::ICON),
                text(fl!("ui-draft-note")).size(theme::SMALL),
                button(text(fl!("ui-draft-continue")).size(theme::SMALL))
                    .padding([5, 12])
                    .style(theme::primary)
                    .on_press(Message::ContinueDraft),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
        )
        .padding([8, 12])
        .style(style::card)
        .into();
    }
    let mut answers = row![
        answer(
            Icon::Reply,
            fl!("ui-reply"),
            fl!("ui-reply-tip"),
            Answer::Reply
        ),
        answer(
            Icon::ReplyAll,
            fl!("ui-reply-all"),
            fl!("ui-reply-all-tip"),
            Answer::ReplyAll
        ),
    ]
    .spacing(6)
    .align_y(Alignment::Center);
    if o.mail.list_post.is_some() {
        answers = answers.push(answer(
            Icon::Inboxes,
            fl!("ui-reply-list"),
            fl!("ui-reply-list-tip"),
            Answer::ReplyList,
        ));
    }
    answers
        .push(answer(
            Icon::Forward,
            fl!("ui-forward"),
            fl!("ui-forward-tip"),
            Answer::Forward,
        ))
        .push(form::tip(
            button(icon::view(Icon::Paperclip, 14.0))
                .padding([6, 8])
                .style(theme::tool)
                .on_press(Message::Answer(Answer::ForwardAttached)),
            fl!("ui-forward-attached-tip"),
        ))
        .wrap()
        .into()
}

fn answer<'a>(glyph: Icon, label: String, tip: String, a: Answer) -> Element<'a, Message> {
    form::tip(
        button(
            row![icon::view(glyph, 14.0), text(label).size(theme::SMALL)]
                .spacing(6)
                .align_y(Alignment::Center),
        )
        .padding([5, 10])
        .style(theme::tool)
        .on_press(Message::Answer(a)),
        tip,
    )
}

//! The reader's side of an HTML mail: the switch between the formatted and the plain-text view,
//! decoding the mail's own pictures (`cid:`) off the UI thread, and links whose words show
//! another address than the one they lead to (asked about before they open).
use std::sync::Arc;

use iced::Task;
use iced::widget::{button, column, row, space, text};
use iced::{Element, Fill};

use super::{Action, Message, Opened, Preview, Reader, thumbnail_task};
use crate::fl;
use crate::mime::Link;
use crate::ui::widget::icon::Icon;
use crate::ui::widget::{form, theme};

/// The mail's own pictures are decoded at most this large (longest side, pixels).
pub(super) const INLINE_SIDE: u32 = 1600;
/// At most this many of a mail's own pictures are decoded.
const MAX_INLINE: usize = 60;

impl Reader {
    /// Whether HTML mail is shown formatted.
    pub fn formatted(&self) -> bool {
        !self.plain_view
    }

    /// Shows HTML mail formatted (`true`) or as plain text (the app restores the preference).
    pub fn set_formatted(&mut self, on: bool) {
        self.plain_view = !on;
    }

    /// The work that decodes the `cid:` pictures of `o` (its HTML refers to them), and which
    /// attachment each picture of the document is.
    pub(super) fn load_inline(&mut self, o: &Opened) -> Vec<Task<Message>> {
        self.inline.clear();
        self.inline_parts.clear();
        let Some(doc) = &o.mail.body.html else {
            return Vec::new();
        };
        let mut tasks = Vec::new();
        for (i, image) in doc.images.iter().enumerate() {
            let crate::mime::html::ImageSource::ContentId(cid) = &image.source else {
                continue;
            };
            let part = o
                .mail
                .attachments
                .iter()
                .find(|a| a.is_image && a.content_id.as_deref() == Some(cid.as_str()));
            let Some(part) = part else { continue };
            self.inline_parts.insert(i, part.index);
            if self.inline.contains_key(&part.index) || self.inline.len() >= MAX_INLINE {
                continue;
            }
            self.inline.insert(part.index, Preview::Loading);
            tasks.push(thumbnail_task(
                o.row.id,
                Arc::clone(&o.raw),
                part.index,
                INLINE_SIDE,
                Message::InlineImage,
            ));
        }
        tasks
    }

    /// The decoded picture for image `index` of the shown document.
    pub fn inline_picture(&self, index: usize) -> Option<&Preview> {
        self.inline.get(self.inline_parts.get(&index)?)
    }

    /// A link of the shown document was clicked: opened at once, or asked about first when its
    /// words show another address.
    pub(super) fn document_link(&mut self, index: usize) -> Action {
        tracing::debug!(index, "a link of the formatted mail was clicked");
        let Some(link) = self
            .shown()
            .and_then(|o| o.mail.body.html.as_ref())
            .and_then(|doc| doc.links.get(index))
            .cloned()
        else {
            return Action::None;
        };
        if link.misleading().is_some() {
            self.confirm_link = Some(link);
            Action::None
        } else {
            self.update(Message::LinkClicked(link.url))
        }
    }

    /// The question about a misleading link, when one is asked.
    pub(super) fn link_question(&self) -> Option<Element<'_, Message>> {
        let link = self.confirm_link.as_ref()?;
        let shown = link.misleading().unwrap_or_default();
        let content = column![
            form::dialog_title(Icon::ShieldAlert, fl!("ui-link-warning-title"), true),
            text(fl!(
                "ui-link-warning",
                shown = crate::text::safe_line(&shown),
                target = crate::text::safe_line(&link.url)
            ))
            .size(theme::TEXT),
            row![
                space().width(Fill),
                form::secondary(fl!("ui-link-warning-cancel"), Some(Message::CancelLink)),
                button(text(fl!("ui-link-warning-open")).size(theme::TEXT))
                    .padding([8, 16])
                    .style(theme::tool)
                    .on_press(Message::OpenMisleading),
            ]
            .spacing(8),
        ]
        .spacing(14);
        Some(form::dialog(
            space().width(Fill).height(Fill),
            content,
            Message::CancelLink,
        ))
    }

    /// The question was answered: open the link after all (`true`) or not.
    pub(super) fn answer_link(&mut self, open: bool) -> Action {
        match self.confirm_link.take() {
            Some(link) if open => self.update(Message::LinkClicked(link.url)),
            _ => Action::None,
        }
    }
}

/// The words that a link's target is, shown under a paragraph with links (iced's rich text
/// cannot say which link the pointer is over): each distinct target, shortened.
pub(super) fn targets(links: &[&Link]) -> String {
    let mut out: Vec<String> = Vec::new();
    for l in links {
        let url = crate::text::safe_line_max(&l.url, 120);
        if !out.contains(&url) {
            out.push(url);
        }
    }
    out.join("\n")
}

//! Remote pictures of an HTML mail, only when the user asks: "Load for this message" (not
//! remembered: the next opening asks again) or "Always for this sender" (kept in the store, so
//! later mail from that address loads its pictures when opened). Never for mail in the Trash or
//! in Junk: there the bar offers nothing.
//!
//! Only the pictures of the parsed document (`<img>`) are loaded, at most
//! [`MAX_PICTURES`](crate::remote::MAX_PICTURES) distinct addresses, a few at a time, each
//! through the bounded client in [`crate::remote`] and decoded off the UI thread with the caps of
//! the mail's own pictures. Style sheets, fonts and CSS backgrounds stay blocked.
use std::collections::BTreeMap;

use iced::task;
use iced::widget::{Column, button, image, row, text};
use iced::{Alignment, Element, Fill, Task};

use super::document::INLINE_SIDE;
use super::{Action, FileError, Message, Opened, Preview, Reader};
use crate::fl;
use crate::mime::html::{Document, ImageSource};
use crate::remote::{self as net, Fetcher, Limits, MAX_PICTURES};
use crate::store::{FolderKind, MessageId};
use crate::ui::service::db::{self, Db};
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::{style, theme};

/// What the user does about remote content, and finished work.
#[derive(Debug, Clone)]
pub enum RemoteMessage {
    /// "Load for this message".
    Load,
    /// "Always for this sender": the sender is remembered and the pictures load.
    Always,
    /// The sender was put on the list (or not: the address is empty or odd).
    Allowed(Result<bool, db::Error>),
    /// A remote picture arrived, for these images of the document.
    Picture(MessageId, Vec<usize>, Result<image::Handle, PictureError>),
}

/// Why a remote picture is not shown (it stays as its words; nothing is reported).
#[derive(Debug, Clone, thiserror::Error)]
pub enum PictureError {
    #[error(transparent)]
    Fetch(#[from] net::Error),
    #[error(transparent)]
    Decode(#[from] crate::mime::ImageError),
    #[error(transparent)]
    Task(#[from] db::Error),
}

/// The remote content of the message shown.
#[derive(Debug, Default)]
pub(super) struct Remote {
    /// The message lies in the Trash or Junk: nothing is loaded, nothing offered.
    forbidden: bool,
    /// Loading was asked for (or the sender is allowed).
    requested: bool,
    /// The loaded pictures, by image index of the document.
    pictures: BTreeMap<usize, Preview>,
    db: Option<Db>,
    /// Aborts the fetches started by a button when the message is replaced (dropped).
    work: Option<task::Handle>,
}

impl Remote {
    /// Fresh state for a message opened from a folder of `kind`.
    pub(super) fn new(kind: Option<FolderKind>, db: &Db) -> Remote {
        Remote {
            forbidden: never_in(kind),
            db: Some(db.clone()),
            ..Remote::default()
        }
    }

    /// Whether remote pictures may be loaded at all for the message shown.
    pub(super) fn allowed_here(&self) -> bool {
        !self.forbidden
    }
}

/// Mail in a folder of this kind never loads remote content: the Trash and Junk.
pub(super) fn never_in(kind: Option<FolderKind>) -> bool {
    matches!(kind, Some(FolderKind::Trash | FolderKind::Junk))
}

impl Reader {
    /// The loaded remote picture for image `index` of the shown document.
    pub fn remote_picture(&self, index: usize) -> Option<&Preview> {
        self.remote.pictures.get(&index)
    }

    /// Whether the remote pictures of the message shown were asked for (or its sender is
    /// allowed).
    pub fn remote_requested(&self) -> bool {
        self.remote.requested
    }

    pub(super) fn remote_update(&mut self, message: RemoteMessage) -> Action {
        match message {
            RemoteMessage::Load => self.remote_on_request(None),
            RemoteMessage::Always => {
                let sender = self.shown().map(|o| o.row.from_email.clone());
                self.remote_on_request(sender)
            }
            RemoteMessage::Allowed(Ok(_)) => Action::None,
            RemoteMessage::Allowed(Err(e)) => Action::Error(FileError::Task(e)),
            RemoteMessage::Picture(id, indexes, result) => {
                if self.current() == Some(id) {
                    if let Err(e) = &result {
                        tracing::debug!(error = %e, "a remote picture is not shown");
                    }
                    for index in indexes {
                        let picture = result.clone().map_or(Preview::Failed, Preview::Ready);
                        self.remote.pictures.insert(index, picture);
                    }
                }
                Action::None
            }
        }
    }

    /// A button was pressed: load the pictures, and remember `sender` first when given.
    fn remote_on_request(&mut self, sender: Option<String>) -> Action {
        let Some(o) = self.shown_arc() else {
            return Action::None;
        };
        if self.remote.forbidden || self.remote.requested {
            return Action::None;
        }
        let mut tasks = Vec::new();
        if let (Some(address), Some(db)) = (sender, self.remote.db.clone()) {
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            tasks.push(Task::perform(
                async move { db.call(move |s| Ok(s.allow_remote(&address, now)?)).await },
                |r| Message::Remote(RemoteMessage::Allowed(r)),
            ));
        }
        tasks.extend(self.load_remote(&o));
        let (work, handle) = Task::batch(tasks).abortable();
        self.remote.work = Some(handle.abort_on_drop());
        Action::Run(work)
    }

    /// The work that fetches and decodes the remote pictures of `o` (none in the Trash or Junk).
    pub(super) fn load_remote(&mut self, o: &Opened) -> Option<Task<Message>> {
        if self.remote.forbidden {
            return None;
        }
        let doc = o.mail.body.html.as_ref()?;
        self.remote.requested = true;
        let mut wanted: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, image) in doc.images.iter().enumerate() {
            let ImageSource::Remote(url) = &image.source else {
                continue;
            };
            if wanted.len() >= MAX_PICTURES && !wanted.contains_key(url.as_str()) {
                continue;
            }
            wanted.entry(url.as_str()).or_default().push(i);
        }
        let fetcher = Fetcher::new(Limits::default());
        let id = o.row.id;
        let mut tasks = Vec::new();
        for (url, indexes) in wanted {
            for &i in &indexes {
                self.remote.pictures.insert(i, Preview::Loading);
            }
            let fetcher = fetcher.clone();
            let url = url.to_owned();
            tasks.push(Task::perform(
                async move {
                    let bytes = fetcher.fetch(url).await?;
                    let t = db::blocking(move || Ok(crate::mime::thumbnail(&bytes, INLINE_SIDE)))
                        .await??;
                    Ok(image::Handle::from_rgba(t.width, t.height, t.rgba))
                },
                move |r| Message::Remote(RemoteMessage::Picture(id, indexes.clone(), r)),
            ));
        }
        tracing::debug!(message = %id, pictures = tasks.len(), "loading remote pictures");
        Some(Task::batch(tasks))
    }

    /// The bar over a mail with remote content: what was blocked (or that the pictures are
    /// shown), and the two buttons while they may be loaded and were not yet.
    pub(super) fn remote_bar<'a>(&self, o: &'a Opened, doc: &'a Document) -> Element<'a, Message> {
        let words = if self.remote.requested {
            fl!("ui-remote-shown")
        } else {
            fl!("ui-remote-blocked", count = doc.remote)
        };
        let mut content = Column::new().spacing(8).width(Fill).push(
            row![
                icon::view(Icon::Shield, theme::ICON),
                text(words).size(theme::SMALL).width(Fill),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
        );
        let pictures = doc
            .images
            .iter()
            .any(|i| matches!(i.source, ImageSource::Remote(_)));
        if self.remote.forbidden {
            content = content.push(
                text(fl!("ui-remote-never"))
                    .size(theme::SMALL)
                    .style(theme::muted_text),
            );
        } else if pictures && !self.remote.requested {
            let choice = |label: String, message: RemoteMessage| {
                button(text(label).size(theme::SMALL))
                    .padding([4, 10])
                    .style(theme::tool)
                    .on_press(Message::Remote(message))
            };
            let mut buttons = row![choice(fl!("ui-remote-load"), RemoteMessage::Load)].spacing(8);
            if !o.row.from_email.trim().is_empty() {
                buttons = buttons.push(choice(fl!("ui-remote-always"), RemoteMessage::Always));
            }
            content = content.push(buttons);
        }
        iced::widget::container(content)
            .padding([8, 12])
            .width(Fill)
            .style(style::card)
            .into()
    }
}

impl Reader {
    fn shown_arc(&self) -> Option<std::sync::Arc<Opened>> {
        match &self.state {
            super::State::Shown(o) => Some(std::sync::Arc::clone(o)),
            _ => None,
        }
    }
}

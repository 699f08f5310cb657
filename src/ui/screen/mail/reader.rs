//! The reader: one message's headers, body text with clickable links, attachments and image
//! previews. Loading, parsing, thumbnails and file work all run off the UI thread.

mod actions;
mod answer;
mod document;
mod files;
mod html;
mod outbox;
mod paragraphs;
mod remote;
mod selection;
mod view;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;
use iced::task;
use iced::widget::image;

use crate::fl;
use crate::mime;
use crate::store::{FolderKind, MessageId, MessageRow, OutboxEntry};
use crate::ui::screen::compose::start::{Answer, Start};
use crate::ui::service::db::{self, Db, Error};

pub use files::{
    DRAG_COPIES_KEPT, Leftovers, OPENER_ENV, open_path, remove_drag_copies, start_platform_drag,
};
pub use outbox::OutboxChoice;
pub use paragraphs::paragraphs;
pub use remote::{PictureError, RemoteMessage};

/// Longest side of a preview in the reader, and of an enlarged image (pixels).
const PREVIEW_SIDE: u32 = 240;
const ENLARGED_SIDE: u32 = 1600;
/// At most this much body text is laid out (the rest is noted as cut).
const MAX_SHOWN_TEXT: usize = 256 * 1024;

/// A piece of body text: plain, or a link to open on click.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub link: Option<String>,
}

/// A message ready to show.
#[derive(Debug)]
pub struct Opened {
    pub row: MessageRow,
    pub mail: mime::Message,
    pub raw: Arc<Vec<u8>>,
    /// The body split into paragraphs of pieces.
    pub paragraphs: Vec<Vec<Piece>>,
    /// The body was longer than what is shown.
    pub cut: bool,
    /// Where it stands, when it waits in an Outbox.
    pub outbox: Option<OutboxEntry>,
    /// It is a draft (the reader offers to go on writing it).
    pub draft: bool,
    /// Its sender is on the list whose remote pictures load when opened.
    pub remote_allowed: bool,
}

/// An image preview.
#[derive(Debug, Clone)]
pub enum Preview {
    Loading,
    Ready(image::Handle),
    Failed,
}

/// What the user does in the reader, and finished work.
#[derive(Debug, Clone)]
pub enum Message {
    Loaded(MessageId, Result<Arc<Opened>, Error>),
    Preview(MessageId, usize, Result<image::Handle, FileError>),
    LinkClicked(String),
    Open(usize),
    SaveAs(usize),
    SaveAll,
    Enlarge(usize),
    Enlarged(MessageId, usize, Result<image::Handle, FileError>),
    CloseEnlarged,
    /// A press on an attachment chip: prepare it for dragging out.
    DragAttachment(usize),
    /// Put the attachment on the clipboard as a file (to paste into a file manager).
    Copy(usize),
    DragReady(Result<PathBuf, FileError>),
    /// A file operation finished with something to tell the user (or nothing).
    Done(Result<Option<String>, FileError>),
    /// The user decided about a message in the Outbox.
    Outbox(MessageId, OutboxChoice),
    /// Reply to or forward the message shown.
    Answer(Answer),
    /// Go on writing the draft shown.
    ContinueDraft,
    /// A picture of the HTML mail itself (`cid:`) was decoded.
    InlineImage(MessageId, usize, Result<image::Handle, FileError>),
    /// A link of the formatted HTML mail (an index into its links).
    DocumentLink(usize),
    /// Open the misleading link after all.
    OpenMisleading,
    /// Do not open it.
    CancelLink,
    /// Show HTML mail formatted (`true`) or as plain text.
    SetFormatted(bool),
    /// Remote pictures: asked for, or arrived.
    Remote(RemoteMessage),
    /// The mouse selects words of the body.
    Select(crate::ui::widget::selectable::Gesture),
    /// A press beside the words: nothing is selected any more.
    Unselect,
}

/// What failed when the reader worked with an attachment, a picture or a link. The technical
/// text (`detail`) is the system's; the words come from Fluent in [`FileError::user_message`].
#[derive(Debug, Clone, thiserror::Error)]
pub enum FileError {
    #[error("opening {name}: {detail}")]
    Open { name: String, detail: String },
    #[error("saving {name}: {detail}")]
    Save { name: String, detail: String },
    #[error("copying {name}: {detail}")]
    Copy { name: String, detail: String },
    #[error("dragging {name} out: {detail}")]
    Drag { name: String, detail: String },
    #[error("opening a link: {0}")]
    Link(String),
    #[error("showing a picture: {0}")]
    Picture(#[from] mime::ImageError),
    /// The work could not run (a background task failed).
    #[error(transparent)]
    Task(#[from] Error),
}

impl FileError {
    /// What happened and what to do, in the user's language.
    pub fn user_message(&self) -> String {
        match self {
            FileError::Open { name, detail } => {
                fl!(
                    "ui-open-failed",
                    name = name.as_str(),
                    detail = detail.as_str()
                )
            }
            FileError::Save { name, detail } => {
                fl!(
                    "ui-save-failed",
                    name = name.as_str(),
                    detail = detail.as_str()
                )
            }
            FileError::Copy { name, detail } => {
                fl!(
                    "ui-copy-failed",
                    name = name.as_str(),
                    detail = detail.as_str()
                )
            }
            FileError::Drag { name, detail } => {
                fl!(
                    "ui-drag-failed",
                    name = name.as_str(),
                    detail = detail.as_str()
                )
            }
            FileError::Link(detail) => fl!("ui-link-failed", detail = detail.as_str()),
            FileError::Picture(e) => fl!("ui-picture-failed", detail = e.to_string()),
            FileError::Task(e) => fl!("error-internal", detail = e.to_string()),
        }
    }
}

/// What the parent should do.
#[derive(Debug)]
pub enum Action {
    None,
    Run(Task<Message>),
    /// Tell the user (status line).
    Notice(String),
    /// Show an error (banner).
    Error(FileError),
    /// Do what the user decided about a message in the Outbox.
    Outbox(MessageId, OutboxChoice),
    /// Open a compose window.
    Compose(Start),
    /// The user switched between the formatted and the plain view (a preference), and the
    /// work that loads an allowed sender's pictures for the formatted view.
    Formatted(bool, Option<Task<Message>>),
}

#[derive(Debug, Default)]
enum State {
    #[default]
    Empty,
    Loading(MessageId),
    Failed(String),
    Shown(Arc<Opened>),
    /// Several messages are selected in the list.
    Several(u64),
}

/// The reader's state.
#[derive(Debug, Default)]
pub struct Reader {
    state: State,
    previews: BTreeMap<usize, Preview>,
    enlarged: Option<(usize, Option<image::Handle>)>,
    drag_ready: Option<PathBuf>,
    /// Aborts the preview work of the message shown when it is replaced (dropped).
    previews_work: Option<task::Handle>,
    /// HTML mail is shown as its plain text (else formatted, the default).
    plain_view: bool,
    /// The HTML mail's own pictures, decoded, by attachment index; which attachment each
    /// picture of the document is.
    inline: BTreeMap<usize, Preview>,
    inline_parts: BTreeMap<usize, usize>,
    /// A link whose words show another address, asked about before it opens.
    confirm_link: Option<mime::Link>,
    /// The remote pictures of the message shown.
    remote: remote::Remote,
    /// The words selected in the body.
    selection: Option<selection::Selection>,
}

impl Reader {
    /// The message shown, if any.
    pub fn shown(&self) -> Option<&Opened> {
        match &self.state {
            State::Shown(o) => Some(o),
            _ => None,
        }
    }

    /// The message shown or being loaded.
    pub fn current(&self) -> Option<MessageId> {
        match &self.state {
            State::Shown(o) => Some(o.row.id),
            State::Loading(id) => Some(*id),
            _ => None,
        }
    }

    /// The preview of image attachment `index`, if it has one.
    pub fn preview(&self, index: usize) -> Option<&Preview> {
        self.previews.get(&index)
    }

    /// The temporary copy prepared by the last press on a chip (for the drag-out task).
    pub fn drag_ready(&self) -> Option<&PathBuf> {
        self.drag_ready.as_ref()
    }

    /// Shows nothing.
    pub fn clear(&mut self) {
        // the formatted/plain choice is a preference, not part of what is shown
        let plain_view = self.plain_view;
        *self = Reader::default();
        self.plain_view = plain_view;
    }

    /// Shows how many messages are selected (none, or several) instead of a message.
    pub fn show_selected(&mut self, count: u64) {
        self.clear();
        if count > 0 {
            self.state = State::Several(count);
        }
    }

    /// How many messages the reader says are selected, when it shows that instead of a message.
    pub fn selected_count(&self) -> Option<u64> {
        match self.state {
            State::Several(n) => Some(n),
            _ => None,
        }
    }

    /// Loads and shows a message from a folder of `kind` (a draft offers to go on writing it;
    /// mail in the Trash or Junk never loads remote content).
    pub fn open(&mut self, row: MessageRow, kind: Option<FolderKind>, db: &Db) -> Task<Message> {
        let id = row.id;
        let draft = kind == Some(FolderKind::Drafts);
        self.remote = remote::Remote::new(kind, db);
        let (sender, may_load) = (row.from_email.clone(), self.remote.allowed_here());
        tracing::debug!(message = %id, "opening message");
        self.state = State::Loading(id);
        self.previews.clear();
        self.previews_work = None;
        self.enlarged = None;
        self.drag_ready = None;
        self.confirm_link = None;
        self.inline.clear();
        self.inline_parts.clear();
        let db = db.clone();
        Task::perform(
            async move {
                let (raw, outbox, remote_allowed) = db
                    .call(move |s| {
                        let allowed = may_load && s.remote_allowed(&sender)?;
                        Ok((s.raw(id)?, s.outbox_entry(id)?, allowed))
                    })
                    .await?;
                db::blocking(move || {
                    Ok(Arc::new(Opened {
                        outbox,
                        draft,
                        remote_allowed,
                        ..prepare(row, raw)
                    }))
                })
                .await
            },
            move |result| Message::Loaded(id, result),
        )
    }

    /// Updates the shown row's flags (after marking it read or unread).
    pub fn set_seen(&mut self, ids: &[MessageId], seen: bool) {
        if let State::Shown(o) = &mut self.state
            && ids.contains(&o.row.id)
        {
            let mut row = o.row.clone();
            row.seen = seen;
            self.state = State::Shown(Arc::new(Opened {
                row,
                mail: o.mail.clone(),
                raw: Arc::clone(&o.raw),
                paragraphs: o.paragraphs.clone(),
                cut: o.cut,
                outbox: o.outbox.clone(),
                draft: o.draft,
                remote_allowed: o.remote_allowed,
            }));
        }
    }

    /// Handles a reader message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Loaded(id, result) => self.loaded(id, result),
            Message::Preview(id, index, result) => {
                if self.current() == Some(id) {
                    let preview = result.map_or(Preview::Failed, Preview::Ready);
                    self.previews.insert(index, preview);
                }
                Action::None
            }
            Message::LinkClicked(url) => Action::Run(Task::perform(
                db::blocking(move || Ok(files::open_url(&url)?)),
                |r| {
                    Message::Done(r.map(|()| None).map_err(|e| match e {
                        Error::Io(e) => FileError::Link(e.to_string()),
                        other => FileError::Task(other),
                    }))
                },
            )),
            Message::Open(index) => self.open_attachment(index),
            Message::SaveAs(index) => self.save_as(index),
            Message::SaveAll => self.save_all(),
            Message::Enlarge(index) => self.enlarge(index),
            Message::Enlarged(id, index, result) => {
                if self.current() == Some(id)
                    && self.enlarged.as_ref().is_some_and(|e| e.0 == index)
                {
                    match result {
                        Ok(handle) => self.enlarged = Some((index, Some(handle))),
                        Err(e) => {
                            self.enlarged = None;
                            return Action::Error(e);
                        }
                    }
                }
                Action::None
            }
            Message::CloseEnlarged => {
                self.enlarged = None;
                Action::None
            }
            Message::DragAttachment(index) => self.prepare_drag(index),
            Message::Copy(index) => self.copy(index),
            Message::DragReady(Ok(path)) => {
                self.drag_ready = Some(path.clone());
                let name = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                Action::Run(
                    crate::ui::platform::dragout::start(path).map(move |outcome| match outcome {
                        crate::ui::platform::dragout::Outcome::Failed(e) => {
                            Message::Done(Err(FileError::Drag {
                                name: name.clone(),
                                detail: e.to_string(),
                            }))
                        }
                        _ => Message::Done(Ok(None)),
                    }),
                )
            }
            Message::DragReady(Err(e)) | Message::Done(Err(e)) => Action::Error(e),
            Message::Done(Ok(Some(notice))) => Action::Notice(notice),
            Message::Done(Ok(None)) => Action::None,
            Message::Outbox(id, choice) => Action::Outbox(id, choice),
            Message::Answer(answer) => match self.shown() {
                Some(o) => Action::Compose(answer.to(o.row.id)),
                None => Action::None,
            },
            Message::InlineImage(id, index, result) => {
                if self.current() == Some(id) {
                    let picture = result.map_or(Preview::Failed, Preview::Ready);
                    self.inline.insert(index, picture);
                }
                Action::None
            }
            Message::DocumentLink(index) => self.document_link(index),
            Message::OpenMisleading => self.answer_link(true),
            Message::CancelLink => self.answer_link(false),
            Message::Select(gesture) => self.select(gesture),
            Message::Unselect => {
                self.selection = None;
                Action::None
            }
            Message::SetFormatted(on) => {
                self.plain_view = !on;
                self.selection = None;
                let shown = match &self.state {
                    State::Shown(o) if on && o.remote_allowed && !self.remote_requested() => {
                        Some(Arc::clone(o))
                    }
                    _ => None,
                };
                let remote = shown.and_then(|o| self.load_remote(&o));
                // the mail's own pictures, when the formatted view is first shown
                let inline = match &self.state {
                    State::Shown(o) if on && self.inline.is_empty() => {
                        let o = Arc::clone(o);
                        self.load_inline(&o)
                    }
                    _ => Vec::new(),
                };
                let load = (remote.is_some() || !inline.is_empty()).then(|| {
                    inline
                        .into_iter()
                        .chain(remote)
                        .fold(Task::none(), Task::chain)
                });
                Action::Formatted(on, load)
            }
            Message::Remote(m) => self.remote_update(m),
            Message::ContinueDraft => match self.shown() {
                Some(o) => Action::Compose(Start::Draft(o.row.id)),
                None => Action::None,
            },
        }
    }

    fn loaded(&mut self, id: MessageId, result: Result<Arc<Opened>, Error>) -> Action {
        tracing::debug!(message = %id, ok = result.is_ok(), "message loaded");
        if self.current() != Some(id) {
            return Action::None;
        }
        let opened = match result {
            Ok(o) => o,
            Err(e) => {
                self.state = State::Failed(fl!("ui-reader-failed", detail = e.to_string()));
                return Action::None;
            }
        };
        let mut tasks = Vec::new();
        // previews for the chips shown (the mail's own pictures are drawn in the formatted
        // view, at their own size, and only there)
        for a in visible_attachments(&opened.mail).filter(|a| a.is_image) {
            self.previews.insert(a.index, Preview::Loading);
            tasks.push(thumbnail_task(
                id,
                Arc::clone(&opened.raw),
                a.index,
                PREVIEW_SIDE,
                Message::Preview,
            ));
        }
        if self.formatted() {
            tasks.extend(self.load_inline(&opened));
        }
        // an allowed sender's pictures load for the formatted view only (the plain text shows
        // none); switching to it later loads them then
        if opened.remote_allowed && self.formatted() {
            tasks.extend(self.load_remote(&opened));
        }
        self.state = State::Shown(opened);
        self.selection = None;
        // one picture after another: decoding all at once would take every core from the
        // window while it draws the text
        let (work, handle) = tasks
            .into_iter()
            .fold(Task::none(), Task::chain)
            .abortable();
        self.previews_work = Some(handle.abort_on_drop());
        Action::Run(work)
    }

    fn attachment(&self, index: usize) -> Option<(&Opened, &mime::Attachment)> {
        let o = self.shown()?;
        let a = o.mail.attachments.iter().find(|a| a.index == index)?;
        Some((o, a))
    }

    fn enlarge(&mut self, index: usize) -> Action {
        let Some((o, _)) = self.attachment(index) else {
            return Action::None;
        };
        let task = thumbnail_task(
            o.row.id,
            Arc::clone(&o.raw),
            index,
            ENLARGED_SIDE,
            Message::Enlarged,
        );
        self.enlarged = Some((index, None));
        Action::Run(task)
    }
}

/// At start: removes drag copies older than [`DRAG_COPIES_KEPT`], off the UI thread.
pub fn sweep_drag_copies<M: Send + 'static>() -> Task<M> {
    Task::perform(
        db::blocking(|| Ok(remove_drag_copies(Leftovers::OlderThan(DRAG_COPIES_KEPT)))),
        |removed| tracing::debug!(?removed, "old drag copies removed"),
    )
    .discard()
}

fn flatten(r: Result<Result<Option<String>, FileError>, Error>) -> Message {
    Message::Done(r.unwrap_or_else(|e| Err(FileError::Task(e))))
}

/// The attachments the user sees as chips (not the pictures an HTML body shows inline).
pub fn visible_attachments(mail: &mime::Message) -> impl Iterator<Item = &mime::Attachment> {
    mail.attachments.iter().filter(|a| !a.embedded)
}

fn thumbnail_task(
    id: MessageId,
    raw: Arc<Vec<u8>>,
    index: usize,
    side: u32,
    to_message: fn(MessageId, usize, Result<image::Handle, FileError>) -> Message,
) -> Task<Message> {
    Task::perform(
        db::blocking(move || {
            let bytes = files::attachment(&raw, index)?;
            Ok(mime::thumbnail(&bytes, side)
                .map(|t| image::Handle::from_rgba(t.width, t.height, t.rgba)))
        }),
        move |r| {
            let shown = r.map_err(FileError::Task).and_then(|t| Ok(t?));
            to_message(id, index, shown)
        },
    )
}

/// Parses the raw message and lays the body out in paragraphs of text and links.
pub fn prepare(row: MessageRow, raw: Vec<u8>) -> Opened {
    let mail = mime::parse(&raw);
    let mut text = mail.body.text.as_str();
    let mut cut = mail.body.truncated;
    if text.len() > MAX_SHOWN_TEXT {
        let mut end = MAX_SHOWN_TEXT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text = &text[..end];
        cut = true;
    }
    let urls: Vec<&str> = mail.body.links.iter().map(|l| l.url.as_str()).collect();
    let paragraphs = paragraphs(text, &urls);
    Opened {
        row,
        mail,
        raw: Arc::new(raw),
        paragraphs,
        cut,
        outbox: None,
        draft: false,
        remote_allowed: false,
    }
}

#[cfg(test)]
#[path = "reader/tests.rs"]
mod tests;

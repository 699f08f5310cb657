//! The compose window: From, To, Cc, Bcc, Subject, the text, the files. Same shape as every
//! screen: state, `Message`, `update(…) -> Action`, `view` (in [`view`]). Each window is one
//! [`Compose`]; the app keeps them by window id.
//!
//! Nothing written is lost: a few seconds after typing stops, and when the window closes, the
//! message is saved into the account's Drafts (each save replaces the one before, in one
//! transaction). "Send" checks the addresses, asks about a forgotten attachment and a message
//! larger than the server takes, then puts the message into the Outbox; the app's Outbox
//! worker sends it from there.
pub mod complete;
mod files;
pub mod start;
pub mod view;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::Task;
use iced::widget::text_editor;

use self::complete::Completion;
pub use self::start::{Begun, Start};
use crate::fl;
use crate::send::draft::{self, Invalid, NotReady, Written};
use crate::send::{Attachment, reply};
use crate::store::{Account, AccountId, Contacts, MessageId};
use crate::ui::screen::action;
use crate::ui::service::db::{Db, Error};
use crate::ui::widget::format;

/// How long typing must have stopped before the draft is saved.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(2);

/// An address field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    To,
    Cc,
    Bcc,
}

/// A question before sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The text mentions an attachment, but there is none.
    NoAttachment,
    /// The files are larger than the server takes (or than mail usually carries).
    TooLarge { total: u64, limit: u64 },
    /// Throw the message away?
    Discard,
}

/// What the user does in the window, and what comes back from work it started.
#[derive(Debug, Clone)]
pub enum Message {
    From(AccountId),
    Address(Field, String),
    /// A completion was picked for the field being typed in.
    Complete(Field, usize),
    /// Enter in an address field: takes the first completion.
    AddressSubmitted(Field),
    ShowCc,
    ShowBcc,
    Subject(String),
    Edit(text_editor::Action),
    /// Open the file dialog.
    Attach,
    /// Files chosen in the dialog or dropped onto the window.
    Files(Vec<PathBuf>),
    /// Files read (or why not).
    Read(Vec<Result<Attachment, String>>),
    Remove(usize),
    /// The forwarded message is removed.
    RemoveForwarded,
    /// The largest message the server takes, asked once files are attached.
    ServerSize(AccountId, Option<u64>),
    Send,
    /// The user answered a question with "go ahead".
    Confirm(Ask),
    /// The user answered a question with "no" (or clicked beside it).
    Dismiss,
    /// The message is in the Outbox (or why not).
    Queued(Result<AccountId, Error>),
    /// Save the draft now (Ctrl+S).
    Save,
    /// A draft save finished.
    Saved(Result<MessageId, Error>),
    /// The autosave clock.
    Tick,
    /// Close the window (the draft is saved first).
    Close,
    /// Throw the message away (asks first when something was written).
    Discard,
    /// The draft was removed (or why not).
    Discarded(Result<(), Error>),
}

/// What the app has to do.
#[derive(Debug)]
pub enum Outcome {
    /// The message is in the Outbox of this account: let its worker send, close the window.
    Queued(AccountId),
    /// Close the window (all that was written is saved or thrown away on purpose).
    Close,
    /// A draft was saved or removed: the folder counts changed.
    DraftsChanged,
}

pub type Action = action::Action<Message, Outcome>;

/// What the window tells about its state in one line under the text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    Empty,
    Saved(i64),
    Problem(String),
}

/// One compose window.
pub struct Compose {
    /// The accounts to send from (all accounts with an address).
    accounts: Vec<Account>,
    account: AccountId,
    to: String,
    cc: String,
    bcc: String,
    show_cc: bool,
    show_bcc: bool,
    subject: String,
    body: text_editor::Content,
    attachments: Vec<Arc<Attachment>>,
    forwarded: Option<(String, Arc<Vec<u8>>)>,
    in_reply_to: Option<String>,
    references: Vec<String>,
    links: crate::store::Links,
    /// The draft saved last.
    draft: Option<MessageId>,
    /// Changed since the last save was started.
    dirty: bool,
    last_edit: Instant,
    saving: bool,
    /// Close once the running save is done.
    closing: bool,
    sending: bool,
    status: Status,
    /// Entries marked as not being addresses (after "Send" was tried).
    invalid: Invalid,
    ask: Option<Ask>,
    completion: Completion,
    contacts: Option<Arc<Contacts>>,
    /// What each account's server announced as its largest message.
    server_size: Vec<(AccountId, Option<u64>)>,
}

impl Compose {
    /// A window from its starting point.
    pub fn new(begun: Begun, accounts: &[Account], contacts: Option<Arc<Contacts>>) -> Compose {
        let w = begun.written;
        let mut body = text_editor::Content::with_text(&w.body);
        if !begun.cursor_at_start {
            body.perform(text_editor::Action::Move(text_editor::Motion::DocumentEnd));
        }
        let forwarded = w.forwarded.map(|bytes| {
            (
                begun
                    .forwarded_name
                    .unwrap_or_else(|| fl!("compose-forwarded-file")),
                bytes,
            )
        });
        Compose {
            accounts: accounts.to_vec(),
            account: begun.account,
            show_cc: !w.cc.is_empty(),
            show_bcc: !w.bcc.is_empty(),
            to: w.to,
            cc: w.cc,
            bcc: w.bcc,
            subject: w.subject,
            body,
            attachments: w.attachments,
            forwarded,
            in_reply_to: w.in_reply_to,
            references: w.references,
            links: w.links,
            draft: begun.draft,
            dirty: false,
            last_edit: Instant::now(),
            saving: false,
            closing: false,
            sending: false,
            status: Status::Empty,
            invalid: Invalid::default(),
            ask: None,
            completion: Completion::default(),
            contacts,
            server_size: Vec::new(),
        }
    }

    /// The window title: the subject, or "New message".
    pub fn title(&self) -> String {
        let subject = crate::text::safe_line(self.subject.trim());
        if subject.is_empty() {
            fl!("compose-title-new")
        } else {
            subject
        }
    }

    /// What was written, as plain data.
    pub fn written(&self) -> Written {
        Written {
            to: self.to.clone(),
            cc: self.cc.clone(),
            bcc: self.bcc.clone(),
            subject: self.subject.clone(),
            body: self.body.text(),
            attachments: self.attachments.clone(),
            forwarded: self.forwarded.as_ref().map(|(_, b)| b.clone()),
            in_reply_to: self.in_reply_to.clone(),
            references: self.references.clone(),
            links: self.links,
        }
    }

    /// The account the message is sent from.
    pub fn account(&self) -> AccountId {
        self.account
    }

    /// The draft saved last, if any.
    pub fn draft(&self) -> Option<MessageId> {
        self.draft
    }

    /// The question shown, if any.
    pub fn asking(&self) -> Option<Ask> {
        self.ask
    }

    /// Whether there are changes the autosave has not started to save.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Whether closing (or quitting) must save a draft first: something changed since the last
    /// save, and it is not a new window left blank. The one rule for the close button, Ctrl+W
    /// and quitting the app.
    pub fn needs_saving(&self) -> bool {
        self.dirty && !(self.draft.is_none() && self.written().is_blank())
    }

    /// The bytes of the attached files and the forwarded message.
    pub fn files_size(&self) -> u64 {
        draft::files_size(&self.attachments, self.forwarded.as_ref().map(|(_, b)| b))
    }

    /// The contacts index arrived (it is built once, in the background).
    pub fn set_contacts(&mut self, contacts: Arc<Contacts>) {
        self.contacts = Some(contacts);
    }

    /// Handles a message; `db` runs the store work.
    pub fn update(&mut self, message: Message, db: &Db) -> Action {
        match message {
            Message::From(account) => {
                self.account = account;
                self.edited();
                self.ask_server_size()
            }
            Message::Address(field, text) => {
                self.completion
                    .typed(field, &text, self.contacts.as_deref());
                *self.field_mut(field) = text;
                if !self.invalid.is_empty() {
                    self.invalid = self.written().invalid();
                }
                self.edited();
                Action::None
            }
            Message::Complete(field, index) => {
                let current = self.field_mut(field).clone();
                if let Some(text) = self.completion.pick(field, index, &current) {
                    *self.field_mut(field) = text;
                    self.edited();
                }
                Action::None
            }
            Message::AddressSubmitted(field) => self.update(Message::Complete(field, 0), db),
            Message::ShowCc => {
                self.show_cc = true;
                Action::Run(iced::widget::operation::focus(view::field_id(Field::Cc)))
            }
            Message::ShowBcc => {
                self.show_bcc = true;
                Action::Run(iced::widget::operation::focus(view::field_id(Field::Bcc)))
            }
            Message::Subject(subject) => {
                self.subject = subject;
                self.edited();
                Action::None
            }
            Message::Edit(action) => {
                let edits = action.is_edit();
                self.body.perform(action);
                if edits {
                    self.edited();
                }
                Action::None
            }
            Message::Attach => Action::Run(files::pick()),
            Message::Files(paths) => Action::Run(files::read(paths)),
            Message::Read(results) => {
                let mut problems = Vec::new();
                for r in results {
                    match r {
                        Ok(a) => self.attachments.push(Arc::new(a)),
                        Err(words) => problems.push(words),
                    }
                }
                if !problems.is_empty() {
                    self.status = Status::Problem(problems.join("\n"));
                }
                self.edited();
                self.ask_server_size()
            }
            Message::Remove(index) => {
                if index < self.attachments.len() {
                    self.attachments.remove(index);
                    self.edited();
                }
                Action::None
            }
            Message::RemoveForwarded => {
                self.forwarded = None;
                self.edited();
                Action::None
            }
            Message::ServerSize(account, size) => {
                self.server_size.retain(|(a, _)| *a != account);
                self.server_size.push((account, size));
                Action::None
            }
            Message::Send => self.send(db, None),
            Message::Confirm(Ask::Discard) => {
                self.ask = None;
                self.discard(db)
            }
            Message::Confirm(ask) => {
                self.ask = None;
                self.send(db, Some(ask))
            }
            Message::Dismiss => {
                self.ask = None;
                Action::None
            }
            Message::Queued(Ok(account)) => {
                self.sending = false;
                self.dirty = false;
                Action::Outcome(Outcome::Queued(account))
            }
            Message::Queued(Err(e)) => {
                self.sending = false;
                tracing::warn!("cannot put the message into the Outbox: {e}");
                self.status = Status::Problem(fl!("compose-queue-failed", detail = e.to_string()));
                Action::None
            }
            Message::Save => self.save(db),
            Message::Saved(result) => self.saved(result, db),
            Message::Tick => {
                if self.dirty && !self.saving && self.last_edit.elapsed() >= AUTOSAVE_AFTER {
                    self.save(db)
                } else {
                    Action::None
                }
            }
            Message::Close => self.close(db),
            Message::Discard => {
                if self.written().is_blank() {
                    self.discard(db)
                } else {
                    self.ask = Some(Ask::Discard);
                    Action::None
                }
            }
            Message::Discarded(Ok(())) => Action::Outcome(Outcome::Close),
            Message::Discarded(Err(e)) => {
                self.status =
                    Status::Problem(fl!("compose-discard-failed", detail = e.to_string()));
                Action::None
            }
        }
    }

    fn field_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::To => &mut self.to,
            Field::Cc => &mut self.cc,
            Field::Bcc => &mut self.bcc,
        }
    }

    fn edited(&mut self) {
        self.dirty = true;
        self.last_edit = Instant::now();
    }

    fn sending_account(&self) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == self.account)
    }

    /// "Send": checks, asks what needs asking (`answered` is the question already answered
    /// with "go ahead"), then puts the message into the Outbox.
    fn send(&mut self, db: &Db, answered: Option<Ask>) -> Action {
        if self.sending {
            return Action::None;
        }
        let Some(account) = self.sending_account().cloned() else {
            self.status = Status::Problem(fl!("compose-no-account"));
            return Action::None;
        };
        if account.settings.smtp.is_none() {
            self.status = Status::Problem(fl!(
                "compose-no-server",
                account = account.settings.name.clone()
            ));
            return Action::None;
        }
        let written = self.written();
        let now = format::now();
        let outgoing = match written.outgoing(&account, now) {
            Ok(o) => o,
            Err(NotReady::NoRecipient) => {
                self.status = Status::Problem(fl!("compose-no-recipient"));
                return Action::None;
            }
            Err(NotReady::Invalid(invalid)) => {
                self.invalid = invalid;
                self.status = Status::Problem(fl!("compose-invalid-addresses"));
                return Action::None;
            }
        };
        self.invalid = Invalid::default();
        let has_files = !written.attachments.is_empty() || written.forwarded.is_some();
        if !has_files && reply::mentions_attachment(&written.body) && answered.is_none() {
            self.ask = Some(Ask::NoAttachment);
            return Action::None;
        }
        let total = written.attachment_size();
        let limit = self.size_limit();
        if total > limit && !matches!(answered, Some(Ask::TooLarge { .. })) {
            self.ask = Some(Ask::TooLarge { total, limit });
            return Action::None;
        }
        self.sending = true;
        self.status = Status::Empty;
        let draft = self.draft;
        let links = written.links;
        let db = db.clone();
        Action::Run(Task::perform(
            async move {
                db.call(move |s| {
                    crate::send::queue(s, &account, &outgoing, links, draft, now)?;
                    Ok(account.id)
                })
                .await
            },
            Message::Queued,
        ))
    }

    /// What the files may add up to before the user is asked: the server's announced limit
    /// (less room for the encoding, a third larger), else what mail usually carries.
    fn size_limit(&self) -> u64 {
        let announced = self
            .server_size
            .iter()
            .find(|(a, _)| *a == self.account)
            .and_then(|(_, s)| *s)
            .map(|s| s / 4 * 3);
        announced.map_or(draft::WARN_TOTAL, |s| s.min(draft::WARN_TOTAL))
    }

    /// Saves the draft now (unless a save is running: then once it is done).
    fn save(&mut self, db: &Db) -> Action {
        if self.saving {
            return Action::None;
        }
        let Some(account) = self.sending_account().cloned() else {
            return Action::None;
        };
        self.saving = true;
        self.dirty = false;
        let written = self.written();
        let replaces = self.draft;
        let db = db.clone();
        let now = format::now();
        Action::Run(Task::perform(
            async move {
                db.call(move |s| Ok(draft::save(s, &account, &written, replaces, now)?))
                    .await
            },
            Message::Saved,
        ))
    }

    fn saved(&mut self, result: Result<MessageId, Error>, db: &Db) -> Action {
        self.saving = false;
        match result {
            Ok(id) => {
                self.draft = Some(id);
                self.status = Status::Saved(format::now());
                if self.closing {
                    if self.dirty {
                        return self.save(db);
                    }
                    return Action::Outcome(Outcome::Close);
                }
                Action::Outcome(Outcome::DraftsChanged)
            }
            Err(e) => {
                tracing::warn!("cannot save the draft: {e}");
                // keep it changed, so the next tick tries again
                self.dirty = true;
                self.closing = false;
                self.status = Status::Problem(fl!("compose-save-failed", detail = e.to_string()));
                Action::None
            }
        }
    }

    /// Closes the window once what was written is saved; a window with nothing new just closes.
    fn close(&mut self, db: &Db) -> Action {
        if self.sending {
            return Action::None;
        }
        self.closing = true;
        if self.saving {
            // `saved` closes the window (after saving what changed meanwhile)
            return Action::None;
        }
        if self.needs_saving() {
            self.save(db)
        } else {
            Action::Outcome(Outcome::Close)
        }
    }

    fn discard(&mut self, db: &Db) -> Action {
        let Some(id) = self.draft else {
            return Action::Outcome(Outcome::Close);
        };
        self.dirty = false;
        let db = db.clone();
        Action::Run(Task::perform(
            async move { db.call(move |s| Ok(s.delete_draft(id)?)).await },
            Message::Discarded,
        ))
    }
}

//! A message being written, as plain data ([`Written`]): the address fields as typed, the
//! subject, the text, the files. The compose window holds one; this module turns it into an
//! [`Outgoing`] to send, saves it as a draft, and reads a saved draft back. No iced.
use std::path::Path;
use std::sync::Arc;

use time::OffsetDateTime;

use super::addresses::{self, Entry};
use super::build::{Attachment, Outgoing, build_draft, new_message_id};
use crate::mime::{self, Address};
use crate::store::{self, Account, Links, MessageId, Store};

/// The largest file that can be attached (the whole message must also fit the server).
pub const MAX_ATTACHMENT: u64 = 100 * 1024 * 1024;

/// Above this total a message is likely refused by the receiving side, whatever the own server
/// says: the compose window asks before sending.
pub const WARN_TOTAL: u64 = 20 * 1024 * 1024;

/// What the user wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The address fields, as typed.
    pub to: String,
    pub cc: String,
    pub bcc: String,
    pub subject: String,
    /// Plain text, lines ended by `\n`.
    pub body: String,
    /// Shared, so the window can hand a copy to a background save without copying the bytes.
    pub attachments: Vec<Arc<Attachment>>,
    /// A message forwarded as an attachment: its exact bytes.
    pub forwarded: Option<Arc<Vec<u8>>>,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    /// What the message answers or forwards (marked once it is sent).
    pub links: Links,
}

/// Address entries that are not addresses, per field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invalid {
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
}

impl Invalid {
    pub fn is_empty(&self) -> bool {
        self.to.is_empty() && self.cc.is_empty() && self.bcc.is_empty()
    }
}

/// Why a message cannot be sent as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotReady {
    /// No recipient at all.
    NoRecipient,
    /// Entries that are not addresses (marked in the fields).
    Invalid(Invalid),
}

impl Written {
    /// The bytes of the attachments (the forwarded message included).
    pub fn attachment_size(&self) -> u64 {
        files_size(&self.attachments, self.forwarded.as_ref())
    }

    /// The entries of the three fields that are not addresses.
    pub fn invalid(&self) -> Invalid {
        let bad = |field: &str| {
            addresses::entries(field)
                .into_iter()
                .filter_map(|e| match e {
                    Entry::Invalid(text) => Some(text),
                    Entry::Valid(_) => None,
                })
                .collect()
        };
        Invalid {
            to: bad(&self.to),
            cc: bad(&self.cc),
            bcc: bad(&self.bcc),
        }
    }

    /// The message to send from `account`, or why it cannot be sent yet.
    pub fn outgoing(&self, account: &Account, now: i64) -> Result<Outgoing, NotReady> {
        let invalid = self.invalid();
        if !invalid.is_empty() {
            return Err(NotReady::Invalid(invalid));
        }
        let outgoing = self.lenient(account, now);
        if outgoing.to.is_empty() && outgoing.cc.is_empty() && outgoing.bcc.is_empty() {
            return Err(NotReady::NoRecipient);
        }
        Ok(outgoing)
    }

    /// The message as it stands, entries that are not addresses kept as typed (a draft).
    fn lenient(&self, account: &Account, now: i64) -> Outgoing {
        let list = |field: &str| -> Vec<Address> {
            addresses::entries(field)
                .into_iter()
                .map(|e| match e {
                    Entry::Valid(a) => a,
                    Entry::Invalid(text) => Address::plain(&text),
                })
                .collect()
        };
        let (from, reply_to) = identity(account);
        Outgoing {
            message_id: new_message_id(&from.email),
            from,
            reply_to,
            to: list(&self.to),
            cc: list(&self.cc),
            bcc: list(&self.bcc),
            subject: self.subject.trim().to_owned(),
            body: self.body.replace("\r\n", "\n"),
            in_reply_to: self.in_reply_to.clone(),
            references: self.references.clone(),
            attachments: self.attachments.iter().map(|a| (**a).clone()).collect(),
            forwarded: self.forwarded.as_ref().map(|f| (**f).clone()),
            date: local_date(now),
        }
    }

    /// Whether there is nothing worth keeping (a window opened and closed again): no
    /// address, subject, text or file.
    pub fn is_blank(&self) -> bool {
        self.to.trim().is_empty()
            && self.cc.trim().is_empty()
            && self.bcc.trim().is_empty()
            && self.subject.trim().is_empty()
            && self.body.trim().is_empty()
            && self.attachments.is_empty()
            && self.forwarded.is_none()
    }
}

/// The bytes of attached files and a forwarded message together.
pub fn files_size(attachments: &[Arc<Attachment>], forwarded: Option<&Arc<Vec<u8>>>) -> u64 {
    let files: u64 = attachments.iter().map(|a| a.bytes.len() as u64).sum();
    files + forwarded.map_or(0, |f| f.len() as u64)
}

/// Who a message of `account` is from, and where answers should go.
pub fn identity(account: &Account) -> (Address, Option<Address>) {
    let s = &account.settings;
    let from = Address {
        name: Some(s.display_name.trim().to_owned()).filter(|n| !n.is_empty()),
        email: s.email.trim().to_owned(),
    };
    let reply_to = s
        .reply_to
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(Address::plain);
    (from, reply_to)
}

/// Saves what was written as a draft of `account`, replacing the draft saved before
/// (`replaces`) in the same transaction. Returns the new draft's id.
pub fn save(
    store: &mut Store,
    account: &Account,
    written: &Written,
    replaces: Option<MessageId>,
    now: i64,
) -> Result<MessageId, store::Error> {
    let raw = build_draft(&written.lenient(account, now));
    let summary = mime::summarize(&raw);
    store.save_draft(account.id, &raw, &summary, written.links, replaces, now)
}

/// A saved draft, to go on writing it: what it holds and the account it belongs to.
pub fn reopen(
    store: &Store,
    id: MessageId,
) -> Result<(Written, Option<store::AccountId>), store::Error> {
    let row = store.message(id)?;
    let raw = store.raw(id)?;
    let message = mime::parse(&raw);
    let field = |list: &[Address]| addresses::field_text(list);
    let attachments = attachments_of(&message, &raw);
    let written = Written {
        to: field(&message.to),
        cc: field(&message.cc),
        bcc: field(&message.bcc),
        subject: message.subject.clone(),
        body: message.body.text.clone(),
        attachments,
        forwarded: None,
        // a draft's `References` ends with the message it answers
        in_reply_to: message.references.last().cloned(),
        references: message.references.clone(),
        links: store.draft_links(id)?,
    };
    Ok((written, row.account))
}

/// The files of a stored message, to carry along (a reopened draft, an inline forward); not
/// the images its HTML shows.
pub fn attachments_of(message: &mime::Message, raw: &[u8]) -> Vec<Arc<Attachment>> {
    message
        .attachments
        .iter()
        .filter(|a| !a.embedded)
        .filter_map(|a| {
            Some(Arc::new(Attachment {
                name: a.name.clone(),
                content_type: a.content_type.clone(),
                bytes: mime::attachment_bytes(raw, a.index)?,
            }))
        })
        .collect()
}

/// Reads a file to attach: its name, its type (from the name) and its bytes.
pub fn read_attachment(path: &Path) -> Result<Attachment, AttachError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(AttachError::Folder);
    }
    if meta.len() > MAX_ATTACHMENT {
        return Err(AttachError::TooBig(meta.len()));
    }
    let bytes = std::fs::read(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "attachment".into());
    let content_type = mime_guess::from_path(path)
        .first_or_octet_stream()
        .essence_str()
        .to_owned();
    Ok(Attachment {
        name,
        content_type,
        bytes,
    })
}

/// Why a file cannot be attached.
#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("a folder cannot be attached")]
    Folder,
    #[error("the file has {0} bytes, more than can be sent")]
    TooBig(u64),
}

/// `now` with the local UTC offset (UTC when it cannot be known).
pub fn local_date(now: i64) -> OffsetDateTime {
    let utc =
        OffsetDateTime::from_unix_timestamp(now).unwrap_or_else(|_| OffsetDateTime::now_utc());
    match time::UtcOffset::local_offset_at(utc) {
        Ok(offset) => utc.to_offset(offset),
        Err(_) => utc,
    }
}

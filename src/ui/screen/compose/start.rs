//! How a compose window begins: empty, as a reply or forward of a stored message, as a saved
//! draft (also an Outbox message taken back to change it), or from a `mailto:` link. Runs on
//! the store's thread ([`begin`]); the words above a quote are in the UI language.
use std::sync::Arc;

use crate::fl;
use crate::mime;
use crate::send::addresses;
use crate::send::draft::{self, Written};
use crate::send::mailto::Mailto;
use crate::send::reply::{self, Prefixes, ReplyTo};
use crate::send::{Attachment, Draft};
use crate::store::{self, Account, AccountId, Links, MessageId, Store};
use crate::ui::service::db::Error;
use crate::ui::widget::format;

/// What the window starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// An empty message from `account` (else the first account that can send).
    New(Option<AccountId>),
    /// An answer to a stored message.
    Reply(MessageId, ReplyTo),
    /// A stored message passed on: inline (`true`) or as an attachment.
    Forward(MessageId, bool),
    /// A saved draft, to go on writing.
    Draft(MessageId),
    /// A message in the Outbox, taken back to be changed (it becomes a draft again).
    Unqueue(MessageId),
    /// A `mailto:` link.
    Mailto(Mailto),
}

/// An answer the user asked for, to the message shown or selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Reply,
    ReplyAll,
    ReplyList,
    Forward,
    /// Forward with the original as an attachment.
    ForwardAttached,
}

impl Answer {
    /// Where the window starts for an answer to `message`.
    pub fn to(self, message: MessageId) -> Start {
        match self {
            Answer::Reply => Start::Reply(message, ReplyTo::Sender),
            Answer::ReplyAll => Start::Reply(message, ReplyTo::All),
            Answer::ReplyList => Start::Reply(message, ReplyTo::List),
            Answer::Forward => Start::Forward(message, true),
            Answer::ForwardAttached => Start::Forward(message, false),
        }
    }
}

/// A window's starting point, read from the store.
#[derive(Debug, Clone)]
pub struct Begun {
    pub account: AccountId,
    pub written: Written,
    /// The draft it continues (replaced by every save, removed when sent).
    pub draft: Option<MessageId>,
    /// The name shown for a message forwarded as an attachment.
    pub forwarded_name: Option<String>,
    /// Whether the text starts with what the user should write (a reply or forward puts the
    /// cursor above the quote; a draft or link keeps it at the end).
    pub cursor_at_start: bool,
}

/// Reads what the window starts from. `accounts` are all accounts (the user's own addresses,
/// never answered to themselves), `preferred` the account whose folder is shown.
pub fn begin(
    store: &mut Store,
    start: Start,
    accounts: &[Account],
    preferred: Option<AccountId>,
) -> Result<Begun, Error> {
    let default = default_account(accounts, preferred).ok_or(store::Error::NotFound)?;
    let prefixes = if fl!("compose-subject-prefixes") == "de" {
        Prefixes::German
    } else {
        Prefixes::English
    };
    let of = |id: Option<AccountId>| {
        id.and_then(|id| accounts.iter().find(|a| a.id == id))
            .unwrap_or(default)
    };
    let begun = match start {
        Start::New(account) => Begun::plain(of(account).id, Written::default()),
        Start::Mailto(link) => Begun::plain(default.id, from_link(link)),
        Start::Draft(id) => draft_of(store, id, default)?,
        Start::Unqueue(id) => {
            store.unqueue_to_drafts(id)?;
            draft_of(store, id, default)?
        }
        Start::Reply(id, to) => {
            let (row, raw) = (store.message(id)?, store.raw(id)?);
            let account = of(row.account);
            let original = mime::parse(&raw);
            let own: Vec<&str> = accounts.iter().map(|a| a.settings.email.as_str()).collect();
            let answer = reply::reply(
                &original,
                to,
                &own,
                &attribution(&original),
                &account.settings.signature,
                prefixes,
            );
            let links = Links {
                answers: Some(id),
                forwards: None,
            };
            Begun::answer(account.id, answer, links, Vec::new(), None)
        }
        Start::Forward(id, inline) => {
            let (row, raw) = (store.message(id)?, store.raw(id)?);
            let account = of(row.account);
            let original = mime::parse(&raw);
            let signature = &account.settings.signature;
            let links = Links {
                answers: None,
                forwards: Some(id),
            };
            if inline {
                let headers = forward_headers(&original);
                let text = reply::forward_inline(&original, &headers, signature, prefixes);
                let files = draft::attachments_of(&original, &raw);
                Begun::answer(account.id, text, links, files, None)
            } else {
                let text = reply::forward_as_attachment(&original, signature, prefixes);
                let name = forwarded_name(&original);
                let mut begun = Begun::answer(account.id, text, links, Vec::new(), Some(name));
                begun.written.forwarded = Some(Arc::new(raw));
                begun
            }
        }
    };
    Ok(begun)
}

impl Begun {
    fn plain(account: AccountId, written: Written) -> Begun {
        Begun {
            account,
            written,
            draft: None,
            forwarded_name: None,
            cursor_at_start: false,
        }
    }

    fn answer(
        account: AccountId,
        d: Draft,
        links: Links,
        attachments: Vec<Arc<Attachment>>,
        forwarded_name: Option<String>,
    ) -> Begun {
        let field = addresses::field_text;
        Begun {
            account,
            written: Written {
                to: field(&d.to),
                cc: field(&d.cc),
                bcc: String::new(),
                subject: d.subject,
                body: d.body,
                attachments,
                forwarded: None,
                in_reply_to: d.in_reply_to,
                references: d.references,
                links,
            },
            draft: None,
            forwarded_name,
            cursor_at_start: true,
        }
    }
}

/// The account a new message is from: the one whose folder is shown when it can send, else
/// the first that can send, else the first.
pub fn default_account(accounts: &[Account], preferred: Option<AccountId>) -> Option<&Account> {
    let can_send = |a: &&Account| a.settings.smtp.is_some();
    accounts
        .iter()
        .find(|a| Some(a.id) == preferred)
        .filter(can_send)
        .or_else(|| accounts.iter().find(can_send))
        .or_else(|| accounts.first())
}

fn draft_of(store: &Store, id: MessageId, default: &Account) -> Result<Begun, Error> {
    let (written, account) = draft::reopen(store, id)?;
    Ok(Begun {
        account: account.unwrap_or(default.id),
        written,
        draft: Some(id),
        forwarded_name: None,
        cursor_at_start: false,
    })
}

fn from_link(link: Mailto) -> Written {
    Written {
        to: link.to.join(", "),
        cc: link.cc.join(", "),
        bcc: link.bcc.join(", "),
        subject: link.subject,
        body: link.body,
        ..Written::default()
    }
}

/// "Am 3. Dezember 2026 um 10:15 schrieb Anna Müller:" (or without the date when the message
/// has none).
fn attribution(original: &mime::Message) -> String {
    let name = original
        .from
        .first()
        .map(|a| {
            a.name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| a.email.clone())
        })
        .unwrap_or_default();
    let name = crate::text::safe_line(&name);
    match original.date.and_then(format::written_on) {
        Some((date, time)) => fl!("compose-attribution", date = date, time = time, name = name),
        None => fl!("compose-attribution-undated", name = name),
    }
}

/// The original's header block for an inline forward, in the UI language.
fn forward_headers(original: &mime::Message) -> String {
    let list = addresses::field_text;
    let mut lines = vec![fl!("compose-forwarded-title")];
    let mut push = |label: String, value: String| {
        if !value.trim().is_empty() {
            lines.push(format!("{label}: {}", crate::text::safe_line(&value)));
        }
    };
    push(fl!("compose-subject"), original.subject.clone());
    push(
        fl!("ui-header-date"),
        original.date.map(format::full_date).unwrap_or_default(),
    );
    push(fl!("ui-header-from"), list(&original.from));
    push(fl!("ui-header-to"), list(&original.to));
    push(fl!("ui-header-cc"), list(&original.cc));
    lines.join("\n")
}

/// "Subject.eml" for a message forwarded as an attachment.
fn forwarded_name(original: &mime::Message) -> String {
    let subject = original.subject.trim();
    let base = if subject.is_empty() {
        fl!("compose-forwarded-file")
    } else {
        subject.to_owned()
    };
    mime::safe_file_name(&format!("{base}.eml"))
}

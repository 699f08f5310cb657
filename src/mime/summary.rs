//! What the store indexes for one message. Contract used by `store` and `sync`.

use super::model::{Message, Purpose, from_mail, parse_for, parse_mail};
use super::skeleton::{MIN_ELIDED, Skeleton};
use super::text::{one_line_preview, preview_source, truncate_at_char};

/// A mailbox: display name (decoded) and address.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Address {
    pub name: Option<String>,
    pub email: String,
}

impl Address {
    /// An address without a display name.
    pub fn plain(email: &str) -> Address {
        Address {
            name: None,
            email: email.to_owned(),
        }
    }

    /// The address as a person types it into To or Cc: `Anna Müller <anna@example.org>`, the
    /// name quoted when it holds a character that would split it (`"Müller, Anna" <…>`), or
    /// the bare address when there is no name. `send::addresses::parse` reads it back.
    pub fn for_field(&self) -> String {
        // one line: runs of white space and control characters (line breaks) become one space
        let name = self
            .name
            .as_deref()
            .unwrap_or_default()
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let name = name.as_str();
        if name.is_empty() || name == self.email {
            return self.email.clone();
        }
        let special = |c: char| "()<>[]:;@\\,.\"".contains(c);
        if name.chars().any(special) {
            let escaped = name.replace('\\', "\\\\").replace('"', "\\\"");
            format!("\"{escaped}\" <{}>", self.email)
        } else {
            format!("{name} <{}>", self.email)
        }
    }
}

/// The fields a message list and the full-text index need, extracted once when a message is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// `Message-ID` without angle brackets, when present.
    pub message_id: Option<String>,
    /// Decoded subject (RFC 2047), empty when missing.
    pub subject: String,
    /// First `From` mailbox, when present.
    pub from: Option<Address>,
    /// `To` recipients.
    pub to: Vec<Address>,
    /// `Cc` recipients.
    pub cc: Vec<Address>,
    /// `Date` header as Unix seconds (UTC), when it parses.
    pub date: Option<i64>,
    /// Whether the message has at least one attachment (not counting inline body parts).
    pub has_attachments: bool,
    /// A short single-line preview of the body text (at most ~200 characters).
    pub preview: String,
    /// Body text for the search index, bounded in length (at most ~64 KiB).
    pub search_text: String,
}

/// Longest preview, in characters.
pub const PREVIEW_CHARS: usize = 200;
/// Longest search text, in bytes (cut on a character boundary).
pub const SEARCH_TEXT_BYTES: usize = 64 * 1024;

/// Extracts the summary. Never panics; a message that does not parse yields what could be read
/// (at worst an empty summary with the raw text as preview).
///
/// Large binary attachments are not decoded for this (see [`super::skeleton`]): the summary is the
/// same as `Summary::of(&parse(raw))`, which the property tests check.
pub fn summarize(raw: &[u8]) -> Summary {
    summarize_eliding(raw, MIN_ELIDED)
}

/// [`summarize`] with attachment bodies of at least `min_len` bytes left out before parsing; for
/// the property tests, which compare it with the full parse on small mails.
#[doc(hidden)]
pub fn summarize_eliding(raw: &[u8], min_len: usize) -> Summary {
    if let Some(skeleton) = Skeleton::of(raw, min_len)
        && let Some(mail) = parse_mail(&skeleton.bytes, Purpose::Summary)
        && skeleton.confirmed_by(&mail)
    {
        return Summary::of(&from_mail(&mail, &skeleton.bytes, Purpose::Summary));
    }
    Summary::of(&parse_for(raw, Purpose::Summary))
}

impl Summary {
    /// The summary of an already parsed message (the same as [`summarize`] on its raw bytes).
    pub fn of(message: &Message) -> Summary {
        Summary {
            message_id: message.message_id.clone(),
            subject: message.subject.clone(),
            from: message.from.first().cloned(),
            to: message.to.clone(),
            cc: message.cc.clone(),
            date: message.date,
            has_attachments: message.attachments.iter().any(|a| !a.embedded),
            preview: one_line_preview(
                &preview_source(&message.body.text, 16 * PREVIEW_CHARS),
                PREVIEW_CHARS,
            ),
            search_text: truncate_at_char(&message.body.text, SEARCH_TEXT_BYTES).to_owned(),
        }
    }
}

//! What the store indexes for one message. Contract used by `store` and `sync`.

/// A mailbox: display name (decoded) and address.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Address {
    pub name: Option<String>,
    pub email: String,
}

/// The fields a message list and the full-text index need, extracted once when a message is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// Extracts the summary. Never panics; a message that does not parse yields what could be read
/// (at worst an empty summary with the raw text as preview).
pub fn summarize(raw: &[u8]) -> Summary {
    // Placeholder until the message model lands: no parsing yet.
    let _ = raw;
    Summary::default()
}

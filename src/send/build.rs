//! The bytes of an outgoing message, built with `mail-builder` (never by hand): UTF-8 text as
//! `format=flowed` (quoted-printable where needed, so every line stays under 998 octets and the
//! message is 7-bit clean), RFC 2047 words in headers, RFC 2231 file names, `Date` with the local
//! offset, a `Message-ID` of the form `<random@sender-domain>` (never the machine's name).
//!
//! What is transmitted and what Sent keeps are the same bytes, except that Sent's copy starts
//! with the `Bcc` line: blind copies are never in what the recipients get.

use std::borrow::Cow;

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address as MbAddress;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::MimePart;
use time::OffsetDateTime;

use super::flowed;
use crate::mime::Address;

/// A file to attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The file name the recipient sees.
    pub name: String,
    /// The MIME type (`application/octet-stream` when unknown).
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Everything a message is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub from: Address,
    pub reply_to: Option<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    pub bcc: Vec<Address>,
    pub subject: String,
    /// Plain text, lines ended by `\n`.
    pub body: String,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub attachments: Vec<Attachment>,
    /// A message forwarded as an attachment (`message/rfc822`): its exact bytes.
    pub forwarded: Option<Vec<u8>>,
    /// The `Message-ID` without brackets (see [`new_message_id`]).
    pub message_id: String,
    /// When it was written, with the user's UTC offset.
    pub date: OffsetDateTime,
}

/// A built message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// What goes to the server after `DATA`.
    pub transmitted: Vec<u8>,
    /// What Sent keeps: `Bcc:` (when there are blind copies) followed by `transmitted`.
    pub stored: Vec<u8>,
    /// `MAIL FROM`.
    pub envelope_from: String,
    /// `RCPT TO`, each address once: To, Cc and Bcc.
    pub recipients: Vec<String>,
}

/// Why a message cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("no recipient")]
    NoRecipient,
    #[error("the sender address {0:?} is not an address")]
    BadSender(String),
}

/// A new `Message-ID` (without brackets): 128 random bits at the sender's domain.
pub fn new_message_id(from_email: &str) -> String {
    let mut random = [0u8; 16];
    if getrandom::fill(&mut random).is_err() {
        // No system randomness (should not happen): time and process still make it unique.
        let now = OffsetDateTime::now_utc().unix_timestamp_nanos();
        random[..16].copy_from_slice(&now.to_le_bytes());
        random[0] ^= (std::process::id() & 0xff) as u8;
    }
    let domain = from_email
        .rsplit_once('@')
        .map(|(_, d)| d.trim())
        .filter(|d| !d.is_empty())
        .unwrap_or("postfach.invalid");
    format!("{}@{domain}", hex::encode(random))
}

/// Builds the message.
pub fn build(o: &Outgoing) -> Result<Built, BuildError> {
    if !o.from.email.contains('@') {
        return Err(BuildError::BadSender(o.from.email.clone()));
    }
    let mut recipients: Vec<String> = Vec::new();
    for a in o.to.iter().chain(&o.cc).chain(&o.bcc) {
        let email = a.email.trim();
        if !email.is_empty() && !recipients.iter().any(|r| r.eq_ignore_ascii_case(email)) {
            recipients.push(email.to_owned());
        }
    }
    if recipients.is_empty() {
        return Err(BuildError::NoRecipient);
    }
    let (transmitted, stored) = write(o);
    Ok(Built {
        transmitted,
        stored,
        envelope_from: o.from.email.trim().to_owned(),
        recipients,
    })
}

/// The bytes of a draft: what [`build`] would store, also without recipients (a draft may
/// have none yet) and with whatever was typed into the address fields.
pub fn build_draft(o: &Outgoing) -> Vec<u8> {
    write(o).1
}

/// The transmitted and the stored bytes.
fn write(o: &Outgoing) -> (Vec<u8>, Vec<u8>) {
    let mut b = MessageBuilder::new()
        .from(address(&o.from))
        .subject(o.subject.as_str())
        .message_id(o.message_id.as_str())
        .header("Date", Raw::new(rfc5322_date(o.date)))
        .header("MIME-Version", Raw::new("1.0"));
    b = if o.to.is_empty() && o.cc.is_empty() {
        // Only blind copies: say so, as mail programs do.
        b.header("To", Raw::new("undisclosed-recipients:;"))
    } else {
        b.to(list(&o.to))
    };
    if !o.cc.is_empty() {
        b = b.cc(list(&o.cc));
    }
    if let Some(r) = &o.reply_to {
        b = b.reply_to(address(r));
    }
    if let Some(id) = &o.in_reply_to {
        b = b.in_reply_to(id.as_str());
    }
    if !o.references.is_empty() {
        let ids: Vec<&str> = o.references.iter().map(String::as_str).collect();
        b = b.references(ids);
    }

    let text = MimePart::new(
        ContentType::new("text/plain")
            .attribute("charset", "utf-8")
            .attribute("format", "flowed"),
        flowed::encode(&o.body),
    );
    let mut parts: Vec<MimePart<'_>> = Vec::new();
    for a in &o.attachments {
        parts.push(
            MimePart::new(
                ContentType::new(a.content_type.as_str()),
                a.bytes.as_slice(),
            )
            .attachment(a.name.as_str()),
        );
    }
    if let Some(original) = &o.forwarded {
        parts.push(MimePart::new(
            ContentType::new("message/rfc822"),
            original.as_slice(),
        ));
    }
    b = if parts.is_empty() {
        b.body(text)
    } else {
        let mut all = vec![text];
        all.extend(parts);
        b.body(MimePart::new("multipart/mixed", all))
    };

    // Writing to a Vec cannot fail.
    let transmitted = b.write_to_vec().unwrap_or_default();
    let mut stored = Vec::with_capacity(transmitted.len() + 64);
    if !o.bcc.is_empty() {
        let mut bcc = Vec::new();
        MessageBuilder::new()
            .bcc(list(&o.bcc))
            .write_to(&mut bcc)
            .unwrap_or_default();
        // Only the Bcc header line(s) of that tiny message.
        let end = find_header_end(&bcc);
        let lines = &bcc[..end];
        for line in split_headers(lines) {
            if line.len() >= 4 && line[..4].eq_ignore_ascii_case(b"bcc:") {
                stored.extend_from_slice(line);
            }
        }
    }
    stored.extend_from_slice(&transmitted);
    (transmitted, stored)
}

fn address(a: &Address) -> MbAddress<'_> {
    MbAddress::new_address(a.name.as_deref().map(Cow::Borrowed), a.email.as_str())
}

fn list(addresses: &[Address]) -> MbAddress<'_> {
    MbAddress::new_list(addresses.iter().map(address).collect())
}

/// `Date:` as RFC 5322 writes it, with the offset: `Thu, 03 Dec 2026 10:15:00 +0100`.
fn rfc5322_date(d: OffsetDateTime) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let offset = d.offset().whole_seconds();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.unsigned_abs();
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} {sign}{:02}{:02}",
        DAYS[d.weekday().number_days_from_monday() as usize],
        d.day(),
        MONTHS[usize::from(u8::from(d.month())) - 1],
        d.year(),
        d.hour(),
        d.minute(),
        d.second(),
        offset / 3600,
        offset % 3600 / 60,
    )
}

/// Where the header block ends (after its blank line), or the whole length.
fn find_header_end(raw: &[u8]) -> usize {
    raw.windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(raw.len(), |p| p + 2)
}

/// Header lines with their folded continuations, each ending in CRLF.
fn split_headers(block: &[u8]) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < block.len() {
        if block[i] == b'\n' {
            let next = block.get(i + 1).copied();
            if !matches!(next, Some(b' ' | b'\t')) {
                out.push(&block[start..=i]);
                start = i + 1;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;

//! The reader model: a stored message's raw bytes turned into what the reader shows.
//!
//! Parsing is done by `mail-parser` (headers decoded per RFC 2047 in any charset, RFC 2231
//! parameters, transfer encodings, charsets). This module picks the body to show (text/plain
//! preferred, HTML converted to text), lists attachments with safe names, and never fails: a
//! message that does not parse is shown as its raw text.

use std::sync::{Arc, LazyLock};

use mail_parser::{HeaderName, MessageParser, MimeHeaders, PartType};

use super::attachment::{Attachment, attachments_of, html_content_ids};
use super::html::Document;
use super::links::{Link, links_in_text};
use super::recover::{is_stray_text, is_unusable_multipart, recovered_text};
use super::summary::Address;
use super::text::{clean_body_text, clean_header_text, truncate_at_char, unflow};

/// The body text shown is cut after this many bytes (the raw message stays complete in the store).
pub const MAX_BODY_TEXT: usize = 4 << 20;
/// At most this many addresses are taken from one header.
const MAX_ADDRESSES: usize = 1_000;

/// A message as the reader shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Message {
    /// Decoded subject, white space collapsed; empty when missing.
    pub subject: String,
    pub from: Vec<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    /// `Bcc`: only in one's own copies (drafts, Sent).
    pub bcc: Vec<Address>,
    pub reply_to: Vec<Address>,
    /// `Date` as Unix seconds (UTC); the UI formats it in the user's time zone.
    pub date: Option<i64>,
    /// `Message-ID` without angle brackets.
    pub message_id: Option<String>,
    /// The thread this message answers: `References`, else `In-Reply-To` (ids without angle
    /// brackets, oldest first). A reply's `References` is these plus `message_id`.
    pub references: Vec<String>,
    /// Where a mailing list takes posts (`List-Post: <mailto:…>`), for "Reply to list".
    pub list_post: Option<String>,
    pub body: Body,
    pub attachments: Vec<Attachment>,
    /// The bytes could not be parsed as a mail: `body.text` holds them as (lossy UTF-8) text.
    pub parse_failed: bool,
}

/// The text the reader shows for a message.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Body {
    /// Plain text with `\n` line endings (HTML already converted; `format=flowed` joined).
    pub text: String,
    /// The text was converted from an HTML part (there was no usable text/plain part).
    pub from_html: bool,
    /// The text was cut at [`MAX_BODY_TEXT`] bytes.
    pub truncated: bool,
    /// The http(s)/mailto links in the body, in order.
    pub links: Vec<Link>,
    /// The parsed HTML for the reader to show formatted: the one HTML part the text was made
    /// from, or the HTML alternative of a text part (multipart/alternative). Only when the
    /// message was parsed for the reader ([`parse`]), not for the store's summary. Left out of
    /// the serialised form (it has golden tests of its own).
    #[serde(skip)]
    pub html: Option<Arc<Document>>,
}

/// What a message is parsed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// Everything the reader shows.
    Reader,
    /// Only what a [`super::Summary`] takes, which every stored message is parsed for: headers
    /// other than the ones it reads are skipped (mail-parser would take the `Received` chain
    /// apart), and the body is not searched for links. The property tests hold the summary to
    /// the one of the reader's parse.
    Summary,
}

/// The parser for [`Purpose::Summary`], built once: its header table is a map.
static SUMMARY_PARSER: LazyLock<MessageParser> = LazyLock::new(|| {
    MessageParser::new()
        .with_mime_headers()
        .header_text(HeaderName::Subject)
        .header_date(HeaderName::Date)
        .header_address(HeaderName::From)
        .header_address(HeaderName::To)
        .header_address(HeaderName::Cc)
        .header_id(HeaderName::MessageId)
        .default_header_ignore()
});

impl Purpose {
    fn parse(self, raw: &[u8]) -> Option<mail_parser::Message<'_>> {
        match self {
            Purpose::Reader => MessageParser::default().parse(raw),
            Purpose::Summary => SUMMARY_PARSER.parse(raw),
        }
    }
}

/// Parses a stored message. Never panics; see [`Message::parse_failed`] for bytes that are no mail.
pub fn parse(raw: &[u8]) -> Message {
    parse_for(raw, Purpose::Reader)
}

/// [`parse`] for `purpose`.
pub(crate) fn parse_for(raw: &[u8], purpose: Purpose) -> Message {
    match parse_mail(raw, purpose) {
        Some(mail) => from_mail(&mail, raw, purpose),
        None => unparsed(raw, purpose),
    }
}

/// Runs mail-parser; `None` when the bytes are not a mail (no header at all) or the parser failed.
///
/// mail-parser promises not to panic; a panic would still be caught here and the message shown as
/// raw text, because one bad mail must never take the reader down.
pub(crate) fn parse_mail(raw: &[u8], purpose: Purpose) -> Option<mail_parser::Message<'_>> {
    let parsed = std::panic::catch_unwind(|| purpose.parse(raw));
    match parsed {
        Ok(Some(mail)) if looks_like_mail(&mail, raw) => Some(mail),
        Ok(_) => None,
        Err(_) => {
            tracing::warn!(
                len = raw.len(),
                "mail-parser panicked; showing the message as raw text"
            );
            None
        }
    }
}

/// mail-parser is lenient: it skips lines that are no header and takes any `word: text` line as
/// one. A mail must start with its header (after an optional mbox `From ` line or byte-order mark)
/// and have at least one header a mail really has; otherwise the reader shows the raw text.
fn looks_like_mail(mail: &mail_parser::Message<'_>, raw: &[u8]) -> bool {
    let Some(first) = mail.parts.first() else {
        return false;
    };
    let Some(header) = first.headers.first() else {
        return false;
    };
    if !first.headers.iter().any(|h| !h.name.is_other()) {
        return false;
    }
    let skipped = raw.get(..header.offset_field as usize).unwrap_or_default();
    let skipped = skipped.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(skipped);
    let skipped = skipped.trim_ascii();
    skipped.is_empty() || (skipped.starts_with(b"From ") && !skipped.contains(&b'\n'))
}

pub(crate) fn from_mail(mail: &mail_parser::Message<'_>, raw: &[u8], purpose: Purpose) -> Message {
    let html_cids = html_content_ids(mail);
    let mut body = body_of(mail, raw, purpose);
    let mut shown_as_body = Vec::new();
    if body.text.is_empty() {
        // A damaged message can leave its text among the attachments: show it as the body.
        let stray: Vec<u32> = mail
            .attachments
            .iter()
            .copied()
            .filter(|&id| mail.parts.get(id as usize).is_some_and(is_stray_text))
            .collect();
        let fallback = body_from(pieces(mail, &stray, raw, purpose));
        if !fallback.text.is_empty() {
            body = fallback;
            shown_as_body = stray;
        }
    }
    Message {
        subject: mail.subject().map(clean_header_text).unwrap_or_default(),
        from: addresses(mail.from()),
        to: addresses(mail.to()),
        cc: addresses(mail.cc()),
        bcc: addresses(mail.bcc()),
        reply_to: addresses(mail.reply_to()),
        date: mail
            .date()
            .filter(|d| d.is_valid())
            .map(|d| d.to_timestamp()),
        message_id: mail.message_id().and_then(clean_message_id),
        references: thread_of(mail),
        list_post: list_post_of(mail),
        body,
        attachments: attachments_of(mail, raw, &html_cids, &shown_as_body),
        parse_failed: false,
    }
}

/// A mail that did not parse: its bytes as text, so the user still sees something.
fn unparsed(raw: &[u8], purpose: Purpose) -> Message {
    let raw = &raw[..raw.len().min(MAX_BODY_TEXT)];
    let text = clean_body_text(&String::from_utf8_lossy(raw));
    let truncated = raw.len() == MAX_BODY_TEXT;
    Message {
        body: Body {
            links: links_for(&text, purpose),
            text,
            from_html: false,
            truncated,
            html: None,
        },
        parse_failed: true,
        ..Message::default()
    }
}

pub(crate) fn addresses(header: Option<&mail_parser::Address<'_>>) -> Vec<Address> {
    let Some(header) = header else {
        return Vec::new();
    };
    header
        .iter()
        .filter_map(|addr| {
            let email = addr.address().map(clean_header_text).unwrap_or_default();
            let name = addr
                .name()
                .map(clean_header_text)
                .filter(|n| !n.is_empty() && *n != email);
            (!email.is_empty() || name.is_some()).then_some(Address { name, email })
        })
        .take(MAX_ADDRESSES)
        .collect()
}

/// At most this many ids of a thread are kept (a reply's `References` stays a sane size).
const MAX_REFERENCES: usize = 50;

fn thread_of(mail: &mail_parser::Message<'_>) -> Vec<String> {
    let ids = |v: &mail_parser::HeaderValue<'_>| -> Vec<String> {
        v.as_text_list()
            .unwrap_or_default()
            .iter()
            .filter_map(|id| clean_message_id(id))
            .collect()
    };
    let mut refs = ids(mail.references());
    if refs.is_empty() {
        refs = ids(mail.in_reply_to());
    }
    let skip = refs.len().saturating_sub(MAX_REFERENCES);
    refs.drain(..skip);
    refs
}

fn list_post_of(mail: &mail_parser::Message<'_>) -> Option<String> {
    let value = mail.list_post();
    let url = match value.as_address().and_then(|a| a.first()) {
        Some(a) => a.address().map(str::to_owned),
        None => value.as_text().map(str::to_owned),
    }?;
    let url = clean_header_text(&url);
    let url = url.trim().trim_start_matches('<').trim_end_matches('>');
    let address = url
        .strip_prefix("mailto:")
        .or(url.strip_prefix("MAILTO:"))?;
    let address = address.split('?').next().unwrap_or_default().trim();
    address.contains('@').then(|| address.to_owned())
}

fn clean_message_id(id: &str) -> Option<String> {
    let id = clean_header_text(id);
    let id = id.trim_start_matches('<').trim_end_matches('>').trim();
    (!id.is_empty()).then(|| id.to_owned())
}

/// One body piece: the text of a part and whether it came from HTML (with the parsed document
/// when the reader needs it).
struct Piece {
    text: String,
    links: Vec<Link>,
    html: bool,
    doc: Option<Document>,
}

/// The body: the text/plain parts mail-parser chose (HTML ones converted), or the HTML parts when
/// the text parts are missing or blank.
fn body_of(mail: &mail_parser::Message<'_>, raw: &[u8], purpose: Purpose) -> Body {
    let mut text = pieces(mail, &mail.text_body, raw, purpose);
    let mut html_pieces = None;
    if text.iter().all(|p| p.text.trim().is_empty()) {
        let html: Vec<Piece> = pieces(mail, &mail.html_body, raw, purpose)
            .into_iter()
            .filter(|p| p.html)
            .collect();
        if !html.is_empty() {
            text = html;
        }
    } else if matches!(purpose, Purpose::Reader)
        && !text.iter().any(|p| p.html)
        && mail.html_body != mail.text_body
    {
        // multipart/alternative: the text is the plain view, the HTML the formatted one
        html_pieces = Some(pieces(mail, &mail.html_body, raw, purpose));
    }
    let mut body = body_from(text);
    if let Some(html) = html_pieces {
        let mut docs = html.into_iter().filter(|p| p.html).filter_map(|p| p.doc);
        if let (Some(doc), None) = (docs.next(), docs.next()) {
            body.html = Some(Arc::new(doc));
        }
    }
    body
}

/// Joins body pieces (blank pieces skipped) into the body, bounded by [`MAX_BODY_TEXT`].
fn body_from(pieces: Vec<Piece>) -> Body {
    let from_html = pieces.iter().any(|p| p.html);
    let mut shown = pieces.iter().filter(|p| !p.text.trim().is_empty());
    let single = shown.next().is_some() && shown.next().is_none();
    let mut html = None;
    let mut text = String::new();
    let mut links: Vec<Link> = Vec::new();
    for mut piece in pieces {
        if piece.text.trim().is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&piece.text);
        if single {
            html = piece.doc.take().map(Arc::new);
        }
        for link in piece.links {
            if !links.contains(&link) {
                links.push(link);
            }
        }
        if text.len() > MAX_BODY_TEXT {
            break;
        }
    }
    let truncated = text.len() > MAX_BODY_TEXT;
    if truncated {
        let kept = truncate_at_char(&text, MAX_BODY_TEXT).len();
        text.truncate(kept);
    }
    Body {
        text,
        from_html,
        truncated,
        links,
        html,
    }
}

fn pieces(
    mail: &mail_parser::Message<'_>,
    ids: &[u32],
    raw: &[u8],
    purpose: Purpose,
) -> Vec<Piece> {
    ids.iter()
        .filter_map(|&id| piece(mail.parts.get(id as usize)?, raw, purpose))
        .collect()
}

/// The links in a text body, when `purpose` needs them.
fn links_for(text: &str, purpose: Purpose) -> Vec<Link> {
    match purpose {
        Purpose::Reader => links_in_text(text),
        Purpose::Summary => Vec::new(),
    }
}

fn piece(part: &mail_parser::MessagePart<'_>, raw: &[u8], purpose: Purpose) -> Option<Piece> {
    let mut recovered = recovered_text(part, raw);
    if let PartType::Binary(bytes) = &part.body
        && is_unusable_multipart(part)
    {
        recovered = Some(String::from_utf8_lossy(bytes).into_owned());
    }
    match &part.body {
        PartType::Binary(_) if recovered.is_some() => {
            let text = clean_body_text(recovered.as_deref().unwrap_or_default());
            Some(Piece {
                links: links_for(&text, purpose),
                text,
                html: false,
                doc: None,
            })
        }
        PartType::Text(text) => {
            let text = recovered.as_deref().unwrap_or(text);
            let text = truncate_at_char(text, MAX_BODY_TEXT + 1);
            let mut text = clean_body_text(text);
            if let Some(ct) = part.content_type()
                && ct
                    .attribute("format")
                    .is_some_and(|f| f.eq_ignore_ascii_case("flowed"))
            {
                let delsp = ct
                    .attribute("delsp")
                    .is_some_and(|d| d.eq_ignore_ascii_case("yes"));
                text = unflow(&text, delsp);
            }
            Some(Piece {
                links: links_for(&text, purpose),
                text,
                html: false,
                doc: None,
            })
        }
        PartType::Html(html) => {
            let doc = Document::parse(recovered.as_deref().unwrap_or(html));
            let text = clean_body_text(&doc.text());
            let mut links: Vec<Link> = Vec::new();
            for link in &doc.links {
                if !links.contains(link) {
                    links.push(link.clone());
                }
            }
            let doc = match purpose {
                Purpose::Reader => Some(doc),
                Purpose::Summary => None,
            };
            Some(Piece {
                text,
                links,
                html: true,
                doc,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_alternative_is_kept_for_the_formatted_view() {
        let raw = b"From: a@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\nPlain words\r\n--b\r\n\
Content-Type: text/html; charset=utf-8\r\n\r\n<p><b>Bold</b> words</p>\r\n--b--\r\n";
        let m = parse(raw);
        assert_eq!(m.body.text.trim(), "Plain words");
        assert!(!m.body.from_html);
        let doc = m.body.html.as_ref().expect("the HTML alternative");
        assert!(doc.text().contains("Bold words"), "{}", doc.text());
        let summary = parse_for(raw, Purpose::Summary);
        assert!(
            summary.body.html.is_none(),
            "the store's parse keeps no document"
        );
    }

    #[test]
    fn bytes_without_headers_are_shown_as_text() {
        let m = parse(b"");
        assert!(m.parse_failed);
        assert_eq!(m.body.text, "");
        let m = parse(b"\xff\xfe kein Header\r\nhttps://example.de");
        assert!(m.parse_failed);
        assert_eq!(
            m.body.text,
            "\u{FFFD}\u{FFFD} kein Header\nhttps://example.de"
        );
        assert_eq!(m.body.links.len(), 1);
    }

    #[test]
    fn plain_text_is_preferred_over_html() {
        let raw = b"From: a@b.de\r\nSubject: x\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n\
--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nKlartext\r\n\
--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML</p>\r\n--b--\r\n";
        let m = parse(raw);
        assert_eq!(m.body.text, "Klartext");
        assert!(!m.body.from_html);
        assert!(m.attachments.is_empty(), "{:?}", m.attachments);
    }

    #[test]
    fn blank_plain_text_falls_back_to_html() {
        let raw = b"From: a@b.de\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n\
--b\r\nContent-Type: text/plain\r\n\r\n \r\n\
--b\r\nContent-Type: text/html\r\n\r\n<p>Nur <b>HTML</b></p>\r\n--b--\r\n";
        let m = parse(raw);
        assert_eq!(m.body.text, "Nur HTML");
        assert!(m.body.from_html);
    }

    #[test]
    fn a_panic_inside_mail_parser_is_contained() {
        // mail-parser 0.11.9 computes `pos - 2` with pos < 2 here (parsers/message.rs:485): with
        // overflow checks (debug builds) that panics. Found by the mutated-fixture property test.
        let raw = b"Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: message/rfc822\n\n\
--b\nContent-Type: message/rfc822\n\nFrom: a@b\n\nx\n--b--\n";
        let m = parse(raw);
        assert!(
            !m.body.text.is_empty() || !m.attachments.is_empty(),
            "{m:?}"
        );
        let _ = crate::mime::summarize(raw);
        let _ = crate::mime::attachment_bytes(raw, 1);
    }

    #[test]
    fn message_id_loses_its_brackets() {
        let m = parse(b"Message-ID: <abc@example.de>\r\nFrom: x@y.de\r\n\r\nText");
        assert_eq!(m.message_id.as_deref(), Some("abc@example.de"));
    }
}

//! Attachments: what the reader lists for each, and their decoded bytes on demand.

use std::borrow::Cow;

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{Encoding, MimeHeaders, PartType};

use super::model::{Purpose, parse_mail};
use super::names::safe_file_name;
use super::recover::recovered_bytes;
use super::text::clean_header_text;

/// At most this many attachments are listed for one message.
const MAX_ATTACHMENTS: usize = 1_000;
/// At most this many `cid:` references are collected from the HTML.
const MAX_CIDS: usize = 1_000;

/// One attachment of a message.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Attachment {
    /// Stable key of this part within the raw message: pass it to [`attachment_bytes`].
    pub index: usize,
    /// File name, already made safe with [`safe_file_name`] (derived from the type when missing).
    pub name: String,
    /// `type/subtype` in lowercase.
    pub content_type: String,
    /// Decoded size in bytes.
    pub size: u64,
    /// `Content-Disposition: inline`, or an inline part without a disposition (e.g. an image with a
    /// `Content-ID`).
    pub inline: bool,
    /// The HTML body shows this part (`<img src="cid:…">`): a body resource, not something the sender
    /// attached. [`super::Summary::has_attachments`] does not count such parts.
    pub embedded: bool,
    /// `Content-ID` without angle brackets.
    pub content_id: Option<String>,
    /// A PNG, JPEG, GIF or WebP image that [`super::thumbnail`] can preview.
    pub is_image: bool,
}

/// The decoded bytes of attachment `index` (as listed in [`super::Message::attachments`]), or `None`
/// when the message has no such attachment.
///
/// Text attachments come back as the sender encoded them (a Windows-1252 CSV stays Windows-1252);
/// an attached message as its raw bytes.
pub fn attachment_bytes(raw: &[u8], index: usize) -> Option<Vec<u8>> {
    let mail = parse_mail(raw, Purpose::Reader)?;
    let id = u32::try_from(index).ok()?;
    if !mail
        .attachments
        .iter()
        .take(MAX_ATTACHMENTS)
        .any(|&a| a == id)
    {
        return None;
    }
    let part = mail.parts.get(index)?;
    part_bytes(part, raw).map(Cow::into_owned)
}

/// The attachments of a parsed mail, except the parts in `shown_as_body`.
pub(crate) fn attachments_of(
    mail: &mail_parser::Message<'_>,
    raw: &[u8],
    html_cids: &[String],
    shown_as_body: &[u32],
) -> Vec<Attachment> {
    mail.attachments
        .iter()
        .filter(|id| !shown_as_body.contains(id))
        .take(MAX_ATTACHMENTS)
        .filter_map(|&id| {
            let part = mail.parts.get(id as usize)?;
            let bytes = part_bytes(part, raw)?;
            Some(describe(id as usize, part, bytes.len(), html_cids))
        })
        .collect()
}

fn describe(
    index: usize,
    part: &mail_parser::MessagePart<'_>,
    size: usize,
    html_cids: &[String],
) -> Attachment {
    let content_type = content_type(part);
    let disposition = part.content_disposition();
    let content_id = part.content_id().and_then(clean_content_id);
    let is_attachment = disposition.is_some_and(|d| d.is_attachment());
    let inline = match disposition {
        Some(d) => d.is_inline(),
        None => matches!(part.body, PartType::InlineBinary(_)) || content_id.is_some(),
    };
    let embedded = !is_attachment
        && content_id
            .as_deref()
            .is_some_and(|cid| html_cids.iter().any(|c| c.eq_ignore_ascii_case(cid)));
    let name = file_name(part, &content_type);
    let is_image = is_previewable(&content_type, &name);
    Attachment {
        index,
        name,
        content_type,
        size: size as u64,
        inline,
        embedded,
        content_id,
        is_image,
    }
}

/// The decoded bytes of a part; `None` for multipart containers.
fn part_bytes<'a>(part: &'a mail_parser::MessagePart<'_>, raw: &'a [u8]) -> Option<Cow<'a, [u8]>> {
    let body_raw = || raw.get(part.offset_body as usize..part.offset_end as usize);
    match &part.body {
        PartType::Binary(b) | PartType::InlineBinary(b) => Some(Cow::Borrowed(b.as_ref())),
        PartType::Text(t) | PartType::Html(t) => {
            // Undo only the transfer encoding, not mail-parser's charset conversion.
            let original = if part.is_encoding_problem {
                recovered_bytes(part, raw)
            } else {
                match part.encoding {
                    Encoding::Base64 => body_raw().and_then(base64_decode),
                    Encoding::QuotedPrintable => body_raw().and_then(quoted_printable_decode),
                    Encoding::None => body_raw().map(<[u8]>::to_vec),
                }
            };
            Some(original.map_or(Cow::Borrowed(t.as_bytes()), Cow::Owned))
        }
        PartType::Message(nested) => match part.encoding {
            // An unencoded nested message: mail-parser's copy holds the outer bytes, so cut its own.
            Encoding::None => body_raw().map(Cow::Borrowed),
            _ => Some(Cow::Borrowed(nested.raw_message())),
        },
        PartType::Multipart(_) => None,
    }
}

/// `type/subtype` in lowercase, from the header or from what mail-parser made of the part.
fn content_type(part: &mail_parser::MessagePart<'_>) -> String {
    let declared = part.content_type().map(|ct| match ct.subtype() {
        Some(sub) => format!("{}/{}", ct.ctype(), sub),
        None => ct.ctype().to_owned(),
    });
    let fallback = match part.body {
        PartType::Text(_) => "text/plain",
        PartType::Html(_) => "text/html",
        PartType::Message(_) => "message/rfc822",
        _ => "application/octet-stream",
    };
    let ct: String = declared
        .unwrap_or_default()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "/!#$&^_.+-".contains(*c))
        .take(127)
        .collect();
    if ct.split('/').filter(|s| !s.is_empty()).count() == 2 {
        ct
    } else {
        fallback.to_owned()
    }
}

/// The part's file name made safe; when there is none, one from the nested subject or the type.
fn file_name(part: &mail_parser::MessagePart<'_>, content_type: &str) -> String {
    if let Some(name) = part
        .attachment_name()
        .map(clean_header_text)
        .filter(|n| !n.is_empty())
    {
        return safe_file_name(&name);
    }
    if let PartType::Message(nested) = &part.body {
        let subject = nested.subject().map(clean_header_text).unwrap_or_default();
        let stem = if subject.is_empty() {
            "message".to_owned()
        } else {
            subject
        };
        return safe_file_name(&format!(
            "{}.eml",
            super::text::truncate_at_char(&stem, 150)
        ));
    }
    let ext = match content_type {
        "message/rfc822" => "eml",
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" | "image/jpg" | "image/pjpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "text/plain" => "txt",
        "text/html" => "html",
        "text/calendar" => "ics",
        "text/csv" => "csv",
        "application/zip" => "zip",
        _ => "bin",
    };
    format!("attachment.{ext}")
}

fn is_previewable(content_type: &str, name: &str) -> bool {
    match content_type {
        "image/png" | "image/jpeg" | "image/jpg" | "image/pjpeg" | "image/gif" | "image/webp" => {
            true
        }
        "application/octet-stream" => name.rsplit_once('.').is_some_and(|(_, ext)| {
            ["png", "jpg", "jpeg", "gif", "webp"]
                .iter()
                .any(|e| e.eq_ignore_ascii_case(ext))
        }),
        _ => false,
    }
}

fn clean_content_id(id: &str) -> Option<String> {
    let id = clean_header_text(id);
    let id = id.trim_start_matches('<').trim_end_matches('>').trim();
    (!id.is_empty()).then(|| id.to_owned())
}

/// The Content-IDs the HTML body parts reference (`cid:…`, percent-decoded).
pub(crate) fn html_content_ids(mail: &mail_parser::Message<'_>) -> Vec<String> {
    let mut cids: Vec<String> = Vec::new();
    let html_parts = mail.html_body.iter().chain(mail.text_body.iter());
    for part in html_parts.filter_map(|&id| mail.parts.get(id as usize)) {
        let PartType::Html(html) = &part.body else {
            continue;
        };
        let lower = html.to_ascii_lowercase();
        let mut rest = lower.as_str();
        let mut offset = 0;
        while let Some(p) = rest.find("cid:") {
            let start = offset + p + 4;
            let len = html[start..]
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ')' | '>' | '<'))
                .unwrap_or(html.len() - start);
            let cid = percent_decode(&html[start..start + len]);
            if !cid.is_empty() && !cids.contains(&cid) {
                cids.push(cid);
                if cids.len() >= MAX_CIDS {
                    return cids;
                }
            }
            offset = start + len;
            rest = &lower[offset..];
        }
    }
    cids
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

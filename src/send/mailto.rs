//! `mailto:` links (RFC 6068), as a browser or another program hands them to Postfach: what a
//! new message starts with. Only the recipients (To, Cc, Bcc), the subject and the text are
//! taken from a link; every other field it names (`attach`, `from`, `in-reply-to`, `x-…`) is
//! ignored, so a link on a web page can fill in a message but never add a file, a sender or
//! a header. The person writing still sees everything and presses Send.
//!
//! The text of a link is percent-encoded UTF-8 (RFC 6068 §2, §5). A link that breaks that (a
//! `%` without two hex digits, bytes that are not UTF-8) is refused as a whole rather than
//! guessed at: a guessed byte could turn into a different address. `+` is a plus sign, not a
//! space (§5), and `#` has no special meaning (mailto links have no fragment), so both are
//! kept as written.

use crate::send::addresses;
use crate::text;

/// A link longer than this (in bytes, as given) is refused before anything is read from it.
pub const MAX_URL: usize = 64 * 1024;

/// At most this many characters of a subject or an address are kept (RFC 5322's line length).
const MAX_LINE: usize = 998;

/// What a `mailto:` link asks for: the start of a new message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mailto {
    /// Recipients: the addresses before the `?`, then every `to=` field, in order.
    pub to: Vec<String>,
    /// Copy recipients from every `cc=` field.
    pub cc: Vec<String>,
    /// Blind copy recipients from every `bcc=` field.
    pub bcc: Vec<String>,
    /// The first `subject=` field, as one line.
    pub subject: String,
    /// The first `body=` field, with `\n` line breaks.
    pub body: String,
}

/// Why a link cannot be used. The texts never quote the link: it may hold private addresses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// It does not start with `mailto:`.
    #[error("not a mailto: link")]
    NotMailto,
    /// It is longer than [`MAX_URL`] bytes.
    #[error("the mailto: link is longer than {limit} bytes")]
    TooLong {
        /// The limit, [`MAX_URL`].
        limit: usize,
    },
    /// A `%` is not followed by two hexadecimal digits.
    #[error("the mailto: link has a % that is not followed by two hex digits")]
    BadPercent,
    /// The decoded bytes are not UTF-8 text.
    #[error("the mailto: link does not decode to UTF-8 text")]
    NotUtf8,
}

/// Whether `arg` is a `mailto:` link (the scheme in any case).
pub fn is_mailto(arg: &str) -> bool {
    arg.get(..7)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("mailto:"))
}

/// Reads a `mailto:` link. Fields other than `to`, `cc`, `bcc`, `subject` and `body` are
/// skipped (and their text is not even decoded); of `subject` and `body` the first one counts.
/// Addresses and the subject come back as single safe lines ([`text::safe_line`]); the body
/// keeps line breaks and tabs but loses every other control character and every bidi control.
pub fn parse(url: &str) -> Result<Mailto, Error> {
    if url.len() > MAX_URL {
        return Err(Error::TooLong { limit: MAX_URL });
    }
    let url = url.trim_matches(|c: char| c.is_ascii_whitespace());
    if !is_mailto(url) {
        return Err(Error::NotMailto);
    }
    let rest = &url[7..];
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));

    let mut mailto = Mailto::default();
    push_addresses(&mut mailto.to, &decode(path)?);
    let (mut subject, mut body) = (None, None);
    for field in query.split('&').filter(|f| !f.is_empty()) {
        let (name, value) = field.split_once('=').unwrap_or((field, ""));
        // A name that does not decode is no field of ours: skipped like any unknown one.
        let Ok(name) = decode(name) else { continue };
        match name.to_ascii_lowercase().as_str() {
            "to" => push_addresses(&mut mailto.to, &decode(value)?),
            "cc" => push_addresses(&mut mailto.cc, &decode(value)?),
            "bcc" => push_addresses(&mut mailto.bcc, &decode(value)?),
            "subject" if subject.is_none() => subject = Some(decode(value)?),
            "body" if body.is_none() => body = Some(decode(value)?),
            _ => {}
        }
    }
    mailto.subject = text::safe_line_max(&subject.unwrap_or_default(), MAX_LINE);
    mailto.body = clean_body(&body.unwrap_or_default());
    Ok(mailto)
}

/// Splits a decoded address field at commas and semicolons outside quotes; each entry as a
/// safe line, empty ones dropped.
fn push_addresses(list: &mut Vec<String>, field: &str) {
    list.extend(
        addresses::split(field)
            .iter()
            .map(|a| text::safe_line_max(a, MAX_LINE))
            .filter(|a| !a.trim().is_empty()),
    );
}

/// Percent-decodes `s` (`%XX` → one byte) and reads the bytes as UTF-8. `+` stays a `+`.
fn decode(s: &str) -> Result<String, Error> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: Option<&u8>| b.and_then(|b| char::from(*b).to_digit(16));
            let (Some(high), Some(low)) = (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) else {
                return Err(Error::BadPercent);
            };
            // Two hex digits: at most 0xFF, so the cast loses nothing.
            out.push((high * 16 + low) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Error::NotUtf8)
}

/// The text of a new message from a link: CRLF and lone CR become `\n`; tabs and line breaks
/// stay; every other control character and every bidi control goes. Other invisible
/// characters (zero-width joiners in emoji and in Indic and Arabic script) are kept.
fn clean_body(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| matches!(c, '\n' | '\t') || !(text::is_control(c) || text::is_bidi_control(c)))
        .collect()
}

#[cfg(test)]
#[path = "mailto_tests.rs"]
mod tests;

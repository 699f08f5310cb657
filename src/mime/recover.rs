//! Best effort for damaged parts: what mail-parser gave up on (`is_encoding_problem`) is decoded
//! leniently, as RFC 2045 asks ("characters outside the base64 alphabet are to be ignored").

use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::{MimeHeaders, PartType};

/// The part's bytes decoded leniently, when mail-parser could not decode its declared base64.
pub(crate) fn recovered_bytes(part: &mail_parser::MessagePart<'_>, raw: &[u8]) -> Option<Vec<u8>> {
    if !part.is_encoding_problem || !declares_base64(part) {
        return None;
    }
    let body = raw.get(part.offset_body as usize..part.offset_end as usize)?;
    Some(lenient_base64(body))
}

/// The text of a damaged text part: leniently decoded base64 in the part's charset, or what
/// mail-parser kept (the undecoded text) when that does not apply.
pub(crate) fn recovered_text(part: &mail_parser::MessagePart<'_>, raw: &[u8]) -> Option<String> {
    let bytes = recovered_bytes(part, raw)?;
    let decoder = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .and_then(|c| charset_decoder(c.as_bytes()));
    Some(match decoder {
        Some(decode) => decode(&bytes),
        None => String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// A part that ended up among the attachments only because the message is damaged (a multipart
/// without boundary, a text body with broken base64): no file name, not marked as an attachment,
/// and plain text, HTML or undecodable text, or an unusable multipart.
pub(crate) fn is_stray_text(part: &mail_parser::MessagePart<'_>) -> bool {
    if part
        .content_disposition()
        .is_some_and(|d| d.is_attachment())
        || part.attachment_name().is_some()
    {
        return false;
    }
    match part.body {
        PartType::Binary(_) => is_unusable_multipart(part),
        PartType::Text(_) | PartType::Html(_) => {
            part.is_encoding_problem
                || part.content_type().is_none_or(|ct| {
                    let sub = ct.subtype().unwrap_or_default();
                    ct.ctype().eq_ignore_ascii_case("text")
                        && (sub.eq_ignore_ascii_case("plain") || sub.eq_ignore_ascii_case("html"))
                })
        }
        _ => false,
    }
}

/// A `multipart/*` part mail-parser could not split (no boundary): it keeps the bytes as binary.
pub(crate) fn is_unusable_multipart(part: &mail_parser::MessagePart<'_>) -> bool {
    matches!(part.body, PartType::Binary(_))
        && part
            .content_type()
            .is_some_and(|ct| ct.ctype().eq_ignore_ascii_case("multipart"))
}

fn declares_base64(part: &mail_parser::MessagePart<'_>) -> bool {
    part.content_transfer_encoding()
        .is_some_and(|e| e.trim().eq_ignore_ascii_case("base64"))
}

/// Base64 decoding that skips every character outside the alphabet and stops at padding.
pub(crate) fn lenient_base64(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &c in input {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::lenient_base64;

    #[test]
    fn lenient_base64_skips_junk_and_stops_at_padding() {
        assert_eq!(lenient_base64(b"SGFs\r\nbG8=!!!junk"), b"Hallo");
        assert_eq!(lenient_base64(b"S G F s b G 8 *"), b"Hallo");
        assert_eq!(lenient_base64(b""), b"");
        assert_eq!(lenient_base64(b"QQ"), b"A");
    }
}

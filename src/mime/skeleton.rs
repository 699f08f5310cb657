//! A copy of a message with the encoded bodies of large binary attachments left out, for the
//! summary only.
//!
//! mail-parser decodes every part while it parses, and the summary (list row, preview, search
//! text) never looks at an attachment's bytes: decoding a 2 MB base64 attachment was a quarter of
//! the CPU time of a fetch. So before the summary is taken, each base64 body of a part that is
//! clearly no text (`image/*`, `application/*`, …) is replaced by a four-character placeholder.
//!
//! Why the summary cannot change: an elided range holds only base64 characters and white space,
//! so it contains no boundary of any multipart (those start with `--`) and decodes without error
//! both before and after the replacement; mail-parser therefore splits both copies into the same
//! parts. After parsing the copy, every placeholder must sit inside a leaf part that mail-parser
//! itself decoded as base64 without a problem, as binary (not text, multipart or message);
//! otherwise the caller parses the original bytes. The property tests compare both ways on
//! mutated real-world mail.

use std::ops::Range;

use mail_parser::{MimeHeaders, PartType};

/// What an elided body becomes: valid base64, so the part still decodes (to three bytes).
const PLACEHOLDER: &[u8] = b"AAAA";
/// Bodies shorter than this are left as they are: copying saves nothing there.
pub(crate) const MIN_ELIDED: usize = 2048;
/// At most this many header lines are looked at around a `Content-Transfer-Encoding` line.
const MAX_HEADER_LINES: usize = 64;

/// The shortened copy and where its placeholders start.
pub(crate) struct Skeleton {
    pub(crate) bytes: Vec<u8>,
    placeholders: Vec<usize>,
}

impl Skeleton {
    /// The copy of `raw` without the base64 bodies of at least `min_len` bytes of non-text parts;
    /// `None` when there is nothing to leave out.
    pub(crate) fn of(raw: &[u8], min_len: usize) -> Option<Skeleton> {
        let regions = elidable(raw, min_len.max(PLACEHOLDER.len() + 1));
        if regions.is_empty() {
            return None;
        }
        let removed: usize = regions.iter().map(|r| r.len() - PLACEHOLDER.len()).sum();
        let mut bytes = Vec::with_capacity(raw.len() - removed);
        let mut placeholders = Vec::with_capacity(regions.len());
        let mut copied = 0;
        for region in regions {
            bytes.extend_from_slice(&raw[copied..region.start]);
            placeholders.push(bytes.len());
            bytes.extend_from_slice(PLACEHOLDER);
            copied = region.end;
        }
        bytes.extend_from_slice(&raw[copied..]);
        Some(Skeleton {
            bytes,
            placeholders,
        })
    }

    /// Whether mail-parser's reading of the copy confirms every placeholder sits in the body of
    /// a binary leaf part that it decoded as base64 without a problem.
    pub(crate) fn confirmed_by(&self, mail: &mail_parser::Message<'_>) -> bool {
        self.placeholders.iter().all(|&at| {
            mail.parts
                .iter()
                .any(|part| holds(part, at..at + PLACEHOLDER.len()))
        })
    }
}

fn holds(part: &mail_parser::MessagePart<'_>, placeholder: Range<usize>) -> bool {
    (part.offset_body as usize) <= placeholder.start
        && placeholder.end <= part.offset_end as usize
        && matches!(part.body, PartType::Binary(_) | PartType::InlineBinary(_))
        && !part.is_encoding_problem
        && part
            .content_transfer_encoding()
            .is_some_and(|e| e.trim().eq_ignore_ascii_case("base64"))
        && part
            .content_type()
            .is_some_and(|ct| binary_type(ct.ctype()))
}

/// A main type whose content the summary never reads.
fn binary_type(main: &str) -> bool {
    let main = main.trim();
    !main.is_empty()
        && !["text", "multipart", "message"]
            .iter()
            .any(|t| main.eq_ignore_ascii_case(t))
}

/// The body ranges to leave out, in order: after a header block that declares base64 and a
/// binary content type, the run of base64 characters and white space up to a line starting
/// with `--` (a boundary, which mail-parser confirms later) or the end of the message, without
/// the line break before the boundary.
fn elidable(raw: &[u8], min_len: usize) -> Vec<Range<usize>> {
    // "base64", "Base64" and "BASE64"; each finder searches on from the last region, so the
    // bodies that are left out are not searched.
    let finders = [
        memchr::memmem::Finder::new(b"ase64"),
        memchr::memmem::Finder::new(b"ASE64"),
    ];
    let mut next: [Option<usize>; 2] = [None; 2];
    let mut pos = 0;
    let mut out: Vec<Range<usize>> = Vec::new();
    loop {
        for (finder, next) in finders.iter().zip(next.iter_mut()) {
            if next.is_none_or(|n| n < pos) {
                *next = raw
                    .get(pos..)
                    .and_then(|rest| finder.find(rest))
                    .map(|i| pos + i);
            }
        }
        let Some(hit) = next.iter().flatten().min().copied() else {
            return out;
        };
        pos = hit + 1;
        if let Some(region) = region_after(raw, hit)
            && region.len() >= min_len
        {
            pos = region.end;
            out.push(region);
        }
    }
}

/// The elidable body of the part whose `Content-Transfer-Encoding: base64` line holds `hit`.
fn region_after(raw: &[u8], hit: usize) -> Option<Range<usize>> {
    let line_start = memchr::memrchr(b'\n', &raw[..hit]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &raw[hit..]).map(|i| hit + i)?;
    let (name, value) = header(&raw[line_start..line_end])?;
    if !name.eq_ignore_ascii_case(b"content-transfer-encoding")
        || !value.eq_ignore_ascii_case(b"base64")
    {
        return None;
    }
    let body_start = header_end(raw, line_end + 1)?;
    if !declares_binary(raw, line_start, body_start) {
        return None;
    }
    let run_end = body_start + base64_run(&raw[body_start..]);
    let end = if run_end == raw.len() {
        run_end
    } else {
        // The run must stop at a line that starts with "--"; the line break stays.
        if !raw[run_end..].starts_with(b"--") || run_end == body_start {
            return None;
        }
        let newline = run_end - 1;
        if raw[newline] != b'\n' {
            return None;
        }
        if newline > body_start && raw[newline - 1] == b'\r' {
            newline - 1
        } else {
            newline
        }
    };
    (end > body_start).then_some(body_start..end)
}

/// Where the body starts: after the blank line that ends the header block containing `from`.
fn header_end(raw: &[u8], mut from: usize) -> Option<usize> {
    for _ in 0..MAX_HEADER_LINES {
        let end = memchr::memchr(b'\n', raw.get(from..)?).map(|i| from + i)?;
        let line = &raw[from..end];
        if line.is_empty() || line == b"\r" {
            return Some(end + 1);
        }
        from = end + 1;
    }
    None
}

/// Whether the header block around the transfer-encoding line (from the previous boundary or
/// blank line to the body) declares a content type that is no text, multipart or message.
fn declares_binary(raw: &[u8], encoding_line: usize, body_start: usize) -> bool {
    let mut start = encoding_line;
    for _ in 0..MAX_HEADER_LINES {
        if start == 0 {
            break;
        }
        let prev = memchr::memrchr(b'\n', &raw[..start - 1]).map_or(0, |i| i + 1);
        let line = &raw[prev..start - 1];
        if line.is_empty() || line == b"\r" || line.starts_with(b"--") {
            break;
        }
        start = prev;
    }
    raw[start..body_start]
        .split(|&b| b == b'\n')
        .filter_map(header)
        .find(|(name, _)| name.eq_ignore_ascii_case(b"content-type"))
        .is_some_and(|(_, value)| {
            let main = value.split(|&b| b == b'/').next().unwrap_or_default();
            value.contains(&b'/') && std::str::from_utf8(main).is_ok_and(binary_type)
        })
}

/// A header line split into its trimmed name and value.
fn header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    if line.first().is_some_and(|b| b.is_ascii_whitespace()) {
        return None; // a continuation line
    }
    let colon = memchr::memchr(b':', line)?;
    Some((line[..colon].trim_ascii(), line[colon + 1..].trim_ascii()))
}

/// How many leading bytes of `bytes` may appear in an elided body: the base64 alphabet, padding
/// and white space, exactly what mail-parser's base64 decoder accepts without error. Checked 32
/// bytes at a time without branches, which the compiler turns into vector instructions.
fn base64_run(bytes: &[u8]) -> usize {
    fn ok(b: u8) -> bool {
        let lower = b | 0x20;
        (lower.wrapping_sub(b'a') < 26)
            | (b.wrapping_sub(b'0') < 10)
            | (b == b'+')
            | (b == b'/')
            | (b == b'=')
            | (b == b'\r')
            | (b == b'\n')
            | (b == b' ')
            | (b == b'\t')
    }
    let mut done = 0;
    for chunk in bytes.chunks(32) {
        if chunk.iter().fold(true, |all, &b| all & ok(b)) {
            done += chunk.len();
        } else {
            return done + chunk.iter().take_while(|&&b| ok(b)).count();
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIL: &str = "From: a@b.de\r\nSubject: Foto\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo\r\n\
--b\r\nContent-Type: image/png; name=x.png\r\nContent-Transfer-Encoding: base64\r\n\r\nBODY\r\n\
--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nSGFsbG8gV2VsdA==\r\n\
--b--\r\n";

    fn mail_with(body: &str) -> Vec<u8> {
        MAIL.replace("BODY", body).into_bytes()
    }

    #[test]
    fn the_binary_body_is_left_out_and_the_text_kept() {
        let body = "iVBORw0KGgo=\r\n".repeat(300);
        let raw = mail_with(&body);
        let sk = Skeleton::of(&raw, MIN_ELIDED).expect("elided");
        let expected = mail_with("AAAA");
        assert_eq!(
            String::from_utf8_lossy(&sk.bytes),
            String::from_utf8_lossy(&expected)
        );
        let mail = crate::mime::model::parse_mail(&sk.bytes, crate::mime::model::Purpose::Summary)
            .expect("parses");
        assert!(sk.confirmed_by(&mail));
    }

    #[test]
    fn short_bodies_and_text_parts_are_kept() {
        assert!(Skeleton::of(&mail_with("iVBORw0KGgo="), MIN_ELIDED).is_none());
        let text_only = MAIL
            .replace("image/png", "text/html")
            .replace("BODY", &"QUJD\r\n".repeat(1000));
        assert!(Skeleton::of(text_only.as_bytes(), MIN_ELIDED).is_none());
    }

    #[test]
    fn a_body_with_other_characters_is_kept() {
        let body = format!("{}!{}", "QUJD\r\n".repeat(500), "QUJD\r\n".repeat(500));
        assert!(Skeleton::of(&mail_with(&body), MIN_ELIDED).is_none());
    }

    #[test]
    fn a_wrong_boundary_is_caught_by_the_check() {
        // The run ends at "--x", which is no boundary of this message: mail-parser reports an
        // encoding problem in the copy, so the copy is not used.
        let body = format!("{}--x\r\n", "QUJD\r\n".repeat(1000));
        let sk = Skeleton::of(&mail_with(&body), MIN_ELIDED).expect("elided");
        let mail = crate::mime::model::parse_mail(&sk.bytes, crate::mime::model::Purpose::Summary)
            .expect("parses");
        assert!(!sk.confirmed_by(&mail));
    }

    #[test]
    fn a_single_part_attachment_runs_to_the_end() {
        let raw = format!(
            "From: a@b.de\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: BASE64\r\n\r\n{}",
            "JVBERi0xLjQK\r\n".repeat(400)
        );
        let sk = Skeleton::of(raw.as_bytes(), MIN_ELIDED).expect("elided");
        assert!(sk.bytes.ends_with(b"\r\n\r\nAAAA"));
        let mail = crate::mime::model::parse_mail(&sk.bytes, crate::mime::model::Purpose::Summary)
            .expect("parses");
        assert!(sk.confirmed_by(&mail));
    }

    #[test]
    fn the_base64_run_stops_at_the_first_other_byte() {
        for len in [0, 1, 31, 32, 33, 100] {
            let mut bytes = "aZ09+/= \t\r\n".repeat(20).into_bytes();
            bytes.truncate(len);
            assert_eq!(base64_run(&bytes), len);
            for stop in [b'-', b'.', b'@', b'[', b'`', b'{', 0x80, 0] {
                let mut with_stop = bytes.clone();
                with_stop.push(stop);
                with_stop.extend_from_slice(b"AAAA");
                assert_eq!(base64_run(&with_stop), len, "{stop}");
            }
        }
    }

    #[test]
    fn real_mails_with_attachments_take_the_short_path() {
        // The property tests compare both ways on these fixtures; this makes sure the short way
        // is actually taken for the ones that carry a binary base64 part.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eml");
        let mut confirmed = Vec::new();
        for name in [
            "inline-image",
            "hostile-names",
            "rfc2231-names",
            "nested-multipart",
        ] {
            let raw = std::fs::read(dir.join(format!("{name}.eml"))).expect("fixture");
            let Some(sk) = Skeleton::of(&raw, 1) else {
                continue;
            };
            let mail =
                crate::mime::model::parse_mail(&sk.bytes, crate::mime::model::Purpose::Summary)
                    .expect("parses");
            if sk.confirmed_by(&mail) {
                confirmed.push(name);
            }
        }
        assert!(confirmed.len() >= 3, "{confirmed:?}");
    }
}

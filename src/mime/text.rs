//! Small text helpers shared by the model: bounded cuts, line-ending and control-character clean-up,
//! one-line previews and RFC 3676 `format=flowed` unwrapping.

/// The longest prefix of `s` that is at most `max` bytes and ends on a character boundary.
pub(crate) fn truncate_at_char(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Body text as the reader shows it: `\r\n` and lone `\r` become `\n`; control characters other
/// than tab and newline (escape sequences, NUL, C1 controls) are dropped; trailing white space at the
/// end is removed.
///
/// Runs of ordinary text are copied whole: every control character is one ASCII byte or, for
/// U+0080..U+009F, the bytes `C2 80`..`C2 9F` (the tests hold this to the per-character rule).
pub(crate) fn clean_body_text(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let control = match bytes[i] {
            b'\n' | b'\t' => 0,
            0..=0x1f | 0x7f => 1,
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => 2,
            _ => 0,
        };
        if control == 0 {
            i += 1;
            continue;
        }
        out.push_str(&s[copied..i]);
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            out.push('\n');
        }
        i += control;
        copied = i;
    }
    out.push_str(&s[copied..]);
    let kept = out.trim_end().len();
    out.truncate(kept);
    out
}

/// A header value for display: every run of white space or control characters becomes one space,
/// and the ends are trimmed.
pub(crate) fn clean_header_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// One line of at most `max_chars` characters: white space collapsed; cut with `…` when longer.
pub(crate) fn one_line_preview(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut cut = false;
    'words: for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            if count == max_chars {
                cut = true;
                break;
            }
            out.push(' ');
            count += 1;
        }
        for c in word.chars() {
            if count == max_chars {
                cut = true;
                break 'words;
            }
            out.push(c);
            count += 1;
        }
    }
    if cut && max_chars > 0 {
        while count >= max_chars || out.ends_with(' ') {
            out.pop();
            count -= 1;
        }
        out.push('…');
    }
    out
}

/// The start of a body as a message list shows it: without the `<https://…>` addresses written
/// after link texts and without `[image: …]` markers. Looks at no more than `max_bytes` bytes.
pub(crate) fn preview_source(text: &str, max_bytes: usize) -> String {
    let text = truncate_at_char(text, max_bytes);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(['<', '[']) {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        let lower = tail.get(..10).unwrap_or(tail).to_ascii_lowercase();
        let closing = if tail.starts_with("[image: ") {
            Some(']')
        } else if ["<http://", "<https://", "<mailto:"]
            .iter()
            .any(|p| lower.starts_with(p))
        {
            Some('>')
        } else {
            None
        };
        match closing.and_then(|c| tail.find(c)) {
            Some(end) => rest = &tail[end + 1..],
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Undoes RFC 3676 `format=flowed`: a line ending in a space continues on the next line of the same
/// quote depth; space-stuffing is removed; `delsp=yes` also drops that trailing space. The signature
/// separator `-- ` is never joined. Expects `\n` line endings.
pub(crate) fn unflow(text: &str, delsp: bool) -> String {
    let mut out = String::with_capacity(text.len());
    // The paragraph being joined: its quote depth, when the previous line was soft.
    let mut open: Option<usize> = None;
    for line in text.split('\n') {
        let depth = line.bytes().take_while(|&b| b == b'>').count();
        let mut content = &line[depth..];
        if let Some(rest) = content.strip_prefix(' ') {
            content = rest; // space-stuffing (or the space after the quote marks)
        }
        match open {
            Some(d) if d == depth => {}
            Some(_) => {
                out.push('\n');
                push_quote(&mut out, depth);
            }
            None => {
                if !out.is_empty() || depth > 0 {
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    push_quote(&mut out, depth);
                }
            }
        }
        let soft = content.ends_with(' ') && content != "-- ";
        if soft && delsp {
            out.push_str(&content[..content.len() - 1]);
        } else {
            out.push_str(content);
        }
        open = soft.then_some(depth);
    }
    out
}

fn push_quote(out: &mut String, depth: usize) {
    if depth > 0 {
        out.extend(std::iter::repeat_n('>', depth));
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_respects_char_boundaries() {
        assert_eq!(truncate_at_char("äöü", 3), "ä");
        assert_eq!(truncate_at_char("äöü", 4), "äö");
        assert_eq!(truncate_at_char("abc", 10), "abc");
    }

    #[test]
    fn body_text_normalises_line_endings_and_controls() {
        assert_eq!(
            clean_body_text("a\r\nb\rc\n\x1b[31mrot\x00\t \n\n"),
            "a\nb\nc\n[31mrot"
        );
    }

    /// `clean_body_text` by its definition, one character at a time.
    fn clean_by_definition(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\r' => out.push('\n'),
                '\n' | '\t' => out.push(c),
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        out.trim_end().to_owned()
    }

    proptest::proptest! {
        #[test]
        fn body_text_cleaning_matches_its_definition(
            s in "[a-zä \r\n\t\x00-\x1f\x7f\u{80}-\u{a0}\u{c0}-\u{ff}\u{2028}\u{3000}€]{0,40}"
        ) {
            proptest::prop_assert_eq!(clean_body_text(&s), clean_by_definition(&s));
        }
    }

    #[test]
    fn header_text_collapses_white_space() {
        assert_eq!(
            clean_header_text("  Re:\t Grüße\r\n  aus  Köln "),
            "Re: Grüße aus Köln"
        );
    }

    #[test]
    fn preview_is_one_bounded_line() {
        assert_eq!(one_line_preview("Hallo\n\nWelt  ", 200), "Hallo Welt");
        let long = "wort ".repeat(100);
        let p = one_line_preview(&long, 20);
        assert!(p.chars().count() <= 20, "{p}");
        assert!(p.ends_with('…'));
        assert_eq!(one_line_preview(&"ü".repeat(300), 10).chars().count(), 10);
        assert_eq!(one_line_preview("abcd efgh", 4), "abc…");
        assert_eq!(one_line_preview("abcd efgh", 5), "abcd…");
        assert_eq!(one_line_preview("abcd efgh", 6), "abcd…");
        assert_eq!(one_line_preview("abcd efgh", 9), "abcd efgh");
    }

    #[test]
    fn preview_source_drops_link_addresses_and_image_markers() {
        assert_eq!(
            preview_source(
                "[image: Logo] <https://x.de/?a=1> Hallo <HTTPS://y.de> [1] <b> a<b",
                1000
            ),
            "  Hallo  [1] <b> a<b"
        );
        assert_eq!(preview_source("[image: offen", 1000), "[image: offen");
        assert_eq!(preview_source("äöü", 4), "äö");
    }

    #[test]
    fn flowed_text_is_joined() {
        let flowed = "Das ist ein \nlanger Satz.\n> zitiert \n> weiter\n\n-- \nMax";
        assert_eq!(
            unflow(flowed, false),
            "Das ist ein langer Satz.\n> zitiert weiter\n\n-- \nMax"
        );
        assert_eq!(unflow("a \nb", true), "ab");
        assert_eq!(unflow(" >nicht zitiert", false), ">nicht zitiert");
    }
}

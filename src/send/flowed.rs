//! Plain text as `format=flowed` (RFC 3676, `DelSp=no`), so that it reflows on narrow screens
//! and reads as ordinary text everywhere else.
//!
//! A line longer than [`WIDTH`] is broken at spaces into "soft" line breaks (the line ends with a
//! space); a line the user ended keeps no trailing space, so it stays a "hard" break. Lines that
//! start with a space or with `From ` are space-stuffed (a space in front that readers remove).
//! Quoted lines (`>`) are passed on as they are (without trailing spaces), and the signature
//! separator `-- ` keeps its space, as the RFC says.

/// The preferred length of a line, not counting the line end (RFC 3676 §4.2 recommends 78).
pub const WIDTH: usize = 78;

/// `text` (lines ended by `\n`) as flowed lines ended by CRLF.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    for line in text.trim_end_matches('\n').split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line == "-- " {
            out.push_str("-- \r\n");
            continue;
        }
        let line = line.trim_end_matches(' ');
        if line.starts_with('>') {
            out.push_str(line);
            out.push_str("\r\n");
            continue;
        }
        wrap(line, &mut out);
    }
    out
}

/// Writes one unquoted line, broken at spaces into soft breaks.
fn wrap(line: &str, out: &mut String) {
    let mut rest = line;
    loop {
        let stuff = rest.starts_with(' ') || rest.starts_with("From ") || rest.starts_with('>');
        let room = WIDTH - usize::from(stuff);
        if rest.chars().count() <= room {
            push_stuffed(out, rest, stuff);
            out.push_str("\r\n");
            return;
        }
        // The last space within the room (the space stays on this line: a soft break); a word
        // longer than the room is not broken, the line ends after it.
        let limit = rest.char_indices().nth(room).map_or(rest.len(), |(i, _)| i);
        let cut = rest[..limit]
            .rfind(' ')
            .filter(|&i| i > 0)
            .or_else(|| rest[limit..].find(' ').map(|i| i + limit));
        let Some(cut) = cut else {
            push_stuffed(out, rest, stuff);
            out.push_str("\r\n");
            return;
        };
        push_stuffed(out, &rest[..=cut], stuff);
        out.push_str("\r\n");
        // Not empty: trailing spaces were trimmed, so a space is never the last character.
        rest = &rest[cut + 1..];
    }
}

fn push_stuffed(out: &mut String, s: &str, stuff: bool) {
    if stuff {
        out.push(' ');
    }
    out.push_str(s);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Decodes flowed text the way RFC 3676 §4 says (DelSp=no), unquoted lines only.
    fn decode(flowed: &str) -> String {
        let mut out = String::new();
        for line in flowed.split("\r\n") {
            let line = if line == "-- " {
                out.push_str("-- \n");
                continue;
            } else {
                line.strip_prefix(' ').unwrap_or(line)
            };
            out.push_str(line);
            if !line.ends_with(' ') {
                out.push('\n');
            }
        }
        out.trim_end_matches('\n').to_owned()
    }

    #[test]
    fn long_lines_break_softly_and_short_ones_stay() {
        let long = "Sehr geehrte Damen und Herren, ".repeat(6);
        let text = format!("Hallo,\n\n{}\n-- \nErika", long.trim_end());
        let flowed = encode(&text);
        for line in flowed.split("\r\n") {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
        }
        assert!(flowed.starts_with("Hallo,\r\n\r\nSehr geehrte"));
        assert!(flowed.ends_with("-- \r\nErika\r\n"));
        assert_eq!(decode(&flowed), text);
    }

    #[test]
    fn lines_that_would_be_misread_are_space_stuffed() {
        assert_eq!(encode("From the start"), " From the start\r\n");
        assert_eq!(encode("  eingerückt"), "   eingerückt\r\n");
        assert_eq!(encode("> zitiert  "), "> zitiert\r\n");
        assert_eq!(encode("Ende   \nneu"), "Ende\r\nneu\r\n");
    }

    #[test]
    fn a_word_longer_than_a_line_is_not_broken() {
        let url = format!("https://example.org/{}", "x".repeat(100));
        let flowed = encode(&format!("Link: {url} danach"));
        assert_eq!(flowed, format!("Link: \r\n{url} \r\ndanach\r\n"));
    }

    proptest! {
        #[test]
        fn decoding_gives_back_the_text(
            lines in proptest::collection::vec("[a-zA-ZäöüÄÖÜß0-9 .,]{0,200}", 0..8)
        ) {
            // Trailing spaces are not kept (they would be soft breaks), quoted lines aside.
            let text: Vec<String> = lines.iter().map(|l| l.trim_end().to_owned()).collect();
            let text = text.join("\n");
            let flowed = encode(&text);
            for line in flowed.split("\r\n") {
                // Longer only for one word too long for a line (leading spaces and stuffing aside).
                prop_assert!(line.chars().count() <= WIDTH || !line.trim().contains(' '));
            }
            prop_assert_eq!(decode(&flowed), text.trim_end_matches('\n'));
        }
    }
}

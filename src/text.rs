//! Text from outside (a server's greeting and `-ERR` texts, capability strings, certificate
//! names, header fields, library error texts) made safe to show in a terminal, a window, a
//! notification or the log file: one line of plain, visible characters, of bounded length.
//!
//! A leaf module: every layer may use it (pop3, sync, cli, ui, mime). The character classes
//! live here once; `mime` uses them for file names and links.

/// At most this many characters of outside text are shown in one place.
pub const MAX_SHOWN: usize = 300;

/// What a cut text ends with.
const ELLIPSIS: char = '…';

/// Whether `c` is a bidirectional control: embeddings and overrides (U+202A–U+202E), isolates
/// (U+2066–U+2069) and the marks U+200E, U+200F, U+061C. An override can turn `gpj.exe` into
/// what reads as `exe.jpg`.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Whether `c` is an invisible formatting character that changes how the text around it is
/// shown or read, without being seen itself: the bidi controls, zero-width space/joiners,
/// word joiner and invisible operators (U+2060–U+2064), the byte order mark, the soft hyphen,
/// the Mongolian vowel separator, interlinear annotation marks and the tag characters.
pub fn is_invisible_format(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{200B}'..='\u{200D}'
                | '\u{2060}'..='\u{2065}'
                | '\u{FEFF}'
                | '\u{00AD}'
                | '\u{180E}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// Whether `c` is a C0 or C1 control character (U+0000–U+001F, U+007F–U+009F).
pub fn is_control(c: char) -> bool {
    c.is_control()
}

/// Whether `c` never appears in shown outside text: controls and invisible formatting.
pub fn is_hidden(c: char) -> bool {
    is_control(c) || is_invisible_format(c)
}

/// Outside text as one safe line: tabs, line breaks (including U+2028/U+2029) and other
/// white-space controls become a space; every other control character and every invisible
/// formatting character is removed; at most [`MAX_SHOWN`] characters remain (a cut ends with
/// `…`). Ordinary text, umlauts and right-to-left scripts included, is unchanged. The result is
/// plain text: nothing may read it as markup or terminal escapes. Idempotent.
pub fn safe_line(s: &str) -> String {
    safe_line_max(s, MAX_SHOWN)
}

/// [`safe_line`] with another length bound (in characters, at least 1).
pub fn safe_line_max(s: &str, max: usize) -> String {
    let max = max.max(1);
    let mut out = String::with_capacity(s.len().min(max * 4));
    let mut count = 0;
    for c in s.chars() {
        let c = match c {
            '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
            c if is_hidden(c) => continue,
            c => c,
        };
        if count == max {
            // One character too many: replace the last one kept by the ellipsis.
            out.pop();
            out.push(ELLIPSIS);
            return out;
        }
        out.push(c);
        count += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn terminal_escapes_and_overrides_are_removed() {
        let hostile = "\u{1b}[2J\u{1b}[31mbad\u{1b}[0m pass\u{202E}drow\u{9b}31m\u{7}";
        assert_eq!(safe_line(hostile), "[2J[31mbad[0m passdrow31m");
        assert_eq!(safe_line("a\tb\r\nc\u{2028}d"), "a b  c d");
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        for s in [
            "",
            "Anmeldung fehlgeschlagen: Benutzer oder Passwort falsch.",
            "Grüße aus München, Straße 5 — äöüÄÖÜß €",
            "مرحبا بالعالم",
            "日本語のテキスト",
        ] {
            assert_eq!(safe_line(s), s);
        }
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let long = "x".repeat(10_000);
        let shown = safe_line(&long);
        assert_eq!(shown.chars().count(), MAX_SHOWN);
        assert!(shown.ends_with('…'));
        assert_eq!(safe_line(&"x".repeat(MAX_SHOWN)), "x".repeat(MAX_SHOWN));
        assert_eq!(safe_line_max("abcdef", 3), "ab…");
    }

    fn forbidden(c: char) -> bool {
        ('\u{0}'..='\u{1F}').contains(&c)
            || ('\u{7F}'..='\u{9F}').contains(&c)
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
            || matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{00AD}' | '\u{061C}'
            )
            || matches!(c, '\u{2028}' | '\u{2029}')
    }

    /// Text that mixes ordinary letters (umlauts, RTL, CJK) with every kind of hidden character.
    fn mixed() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 äöüÄÖÜß€\u{0}-\u{1f}\u{7f}-\u{a0}\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2060}-\u{2069}\u{2028}\u{2029}\u{feff}\u{ad}\u{61c}\u{e0001}\u{e0041}مر日]{0,400}"
    }

    proptest! {
        #[test]
        fn output_is_visible_bounded_and_stable(s in mixed(), max in 1usize..350) {
            let shown = safe_line_max(&s, max);
            prop_assert!(!shown.chars().any(forbidden), "{shown:?}");
            prop_assert!(!shown.chars().any(is_hidden), "{shown:?}");
            prop_assert!(shown.chars().count() <= max);
            prop_assert_eq!(safe_line_max(&shown, max), shown.clone());
        }

        #[test]
        fn plain_text_passes_unchanged(s in "[a-zA-Z0-9 .,:;!?()\\[\\]<>&'\"/@äöüÄÖÜß€é-]{0,300}") {
            prop_assert_eq!(safe_line(&s), s);
        }
    }
}

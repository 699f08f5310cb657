//! Full-text search that finds German words whatever their case and umlaut spelling.
//!
//! The index (`messages_fts`, FTS5 with `unicode61 remove_diacritics 2`) holds *folded* text:
//! lower case, `ä→a ö→o ü→u ß→ss` (other diacritics are removed by the tokenizer), followed by an
//! alternate form of every word that has an umlaut, spelt `ae oe ue`. So `Müller` is indexed as
//! `muller … mueller` and found by `muller`, `müller`, `Mueller` and `Müll`; `Straße` as `strasse`.
//! A query is folded the same way; all terms must match. A term of three or more characters
//! matches as a prefix (`rech` finds `Rechnung`); a shorter one as a whole word. A term written
//! with an umlaut also matches the `ae` spelling in the text (`Müller` finds `Mueller`).
//!
//! The index has no FTS5 prefix indexes (schema version 2): they tripled the index work when mail
//! is stored (measured: a 10,000-mail fetch 3.1 s with them, 2.3 s without) for a gain only on
//! one- and two-letter prefixes, which match a large part of any mailbox while the user is still
//! typing. Three-letter prefixes are answered from the term index directly (store benchmark,
//! 100,000 messages: 2–45 ms).
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::messages::{ROW_COLUMNS, row_from, scope_filter};
use super::{Error, MessageRow, Scope, Store};

/// At most this many query terms are used (the rest is ignored).
const MAX_TERMS: usize = 16;

/// Pushes the lower-case, umlaut-folded form of `c`: `ä→a`, `ß→ss`. With `ae`, umlauts become
/// `ae oe ue` instead. A combining diaeresis (U+0308, decomposed text) is dropped or becomes `e`.
fn push_folded(out: &mut String, c: char, ae: bool) {
    // Latin-1 letters, most of what is not ASCII in German mail, without the Unicode tables.
    let latin1 = match c {
        'À'..='Þ' if c != '×' => char::from_u32(u32::from(c) + 0x20),
        'ß'..='ÿ' => Some(c),
        _ => None,
    };
    match latin1 {
        Some(lower) => push_lower_folded(out, lower, ae),
        None => {
            for lower in c.to_lowercase() {
                push_lower_folded(out, lower, ae);
            }
        }
    }
}

/// [`push_folded`] for a character already in lower case.
fn push_lower_folded(out: &mut String, l: char, ae: bool) {
    match l {
        'ä' | 'ö' | 'ü' => {
            out.push(match l {
                'ä' => 'a',
                'ö' => 'o',
                _ => 'u',
            });
            if ae {
                out.push('e');
            }
        }
        'ß' => out.push_str("ss"),
        '\u{308}' if ae => out.push('e'),
        '\u{308}' => {}
        l => out.push(l),
    }
}

fn is_umlaut(c: char) -> bool {
    matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü' | '\u{308}')
}

/// Whether `word` has an umlaut (`ä ö ü`, either case, or a combining diaeresis).
pub(crate) fn has_umlaut(word: &str) -> bool {
    word.chars().any(is_umlaut)
}

/// Whether `c` belongs to a word (letters, digits and combining marks).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// `word` (or any text) in lower case with umlauts folded: `ä→a`, or `ä→ae` with `ae`; `ß→ss`
/// either way. Search folds query terms with it; message rules fold what they compare with it.
pub fn fold_word(word: &str, ae: bool) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    push_word_folded(&mut out, word, ae);
    out
}

fn push_word_folded(out: &mut String, word: &str, ae: bool) {
    for c in word.chars() {
        push_folded(out, c, ae);
    }
}

/// The text stored in the index for `text`: folded, then the `ae/oe/ue` spellings of its words
/// with umlauts.
///
/// Every stored message goes through this (subject, people and body), so it works on runs of
/// ASCII at once and looks for umlauts by their UTF-8 lead bytes instead of classifying every
/// character; the tests hold it to the character-by-character definition.
pub fn fold_for_index(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut umlauts = false;
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            umlauts |= is_umlaut(c);
            push_folded(&mut out, c, false);
            rest = chars.as_str();
        }
    }
    if umlauts {
        push_umlaut_spellings(&mut out, text);
    }
    out
}

/// Appends ` ` and the `ae/oe/ue` spelling of every word of `text` that has an umlaut, in order.
fn push_umlaut_spellings(out: &mut String, text: &str) {
    // ä ö ü Ä Ö Ü are U+00C4..U+00FC (lead byte 0xC3); the combining diaeresis is U+0308 (0xCC).
    let mut from = 0;
    while let Some(found) = memchr::memchr2(0xC3, 0xCC, &text.as_bytes()[from..]) {
        let at = from + found;
        let Some(c) = text[at..].chars().next().filter(|&c| is_umlaut(c)) else {
            from = at + 1;
            continue;
        };
        let start = text[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[at..]
            .find(|c: char| !is_word_char(c))
            .map_or(text.len(), |i| at + i);
        out.push(' ');
        push_word_folded(out, &text[start..end], true);
        from = end.max(at + c.len_utf8());
    }
}

/// The FTS5 match expression for a user's query, or `None` when it has no words. Every term is
/// quoted (so FTS syntax in the input is plain text) and matched as a prefix from three
/// characters on, as a word below that; terms are ANDed.
pub fn fold_query(query: &str) -> Option<String> {
    let terms: Vec<String> = words(query)
        .take(MAX_TERMS)
        .map(|w| {
            let plain = quoted_prefix(&fold_word(w, false));
            if has_umlaut(w) {
                format!("({plain} OR {})", quoted_prefix(&fold_word(w, true)))
            } else {
                plain
            }
        })
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" AND "))
    }
}

/// `"term"*`; a term of one or two characters is matched as a whole word (a short prefix would
/// match a large part of the index while the user is still typing, and without prefix indexes
/// it is slow to answer).
fn quoted_prefix(term: &str) -> String {
    let star = if term.chars().nth(2).is_some() {
        "*"
    } else {
        ""
    };
    format!("\"{}\"{star}", term.replace('"', "\"\""))
}

impl Store {
    /// Messages matching every word of `query` (as prefixes, folded as described in the module
    /// docs), optionally within `scope`, newest first (by list date, then id), at most `limit`.
    /// A query without words gives no results; FTS syntax characters in it are plain text.
    ///
    /// The index is keyed by date (`messages.fts_id`), so the newest matches come first out of
    /// the index and the search stops after `limit` of them, however many messages match.
    pub fn search(
        &self,
        query: &str,
        scope: Option<&Scope>,
        limit: u32,
    ) -> Result<Vec<MessageRow>, Error> {
        let Some(expr) = fold_query(query) else {
            return Ok(Vec::new());
        };
        let mut args: Vec<Value> = vec![Value::Text(expr)];
        let filter = match scope {
            Some(scope) => {
                let (sql, scope_args) = self.read(|c| scope_filter(c, scope))?;
                args.extend(scope_args);
                format!("AND {sql}")
            }
            None => String::new(),
        };
        args.push(Value::Integer(i64::from(limit)));
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM messages_fts f CROSS JOIN messages m ON m.fts_id = f.rowid \
             WHERE messages_fts MATCH ? {filter} \
             ORDER BY f.rowid DESC LIMIT ?"
        );
        let mut rows = self.read(|c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(args.iter()), row_from)?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })?;
        // The key orders by date; copies share it, so settle ties by id as lists do.
        rows.sort_by_key(|r| std::cmp::Reverse((r.date.unwrap_or(r.received_at), r.id)));
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_umlauts_and_sharp_s() {
        assert_eq!(fold_for_index("Müller"), "muller mueller");
        assert_eq!(fold_for_index("STRASSE Straße"), "strasse strasse");
        assert_eq!(
            fold_for_index("Grüße aus Köln"),
            "grusse aus koln gruesse koeln"
        );
        assert_eq!(fold_for_index("plain text"), "plain text");
        // decomposed ü (u + U+0308)
        assert_eq!(fold_for_index("Mu\u{308}ller"), "muller mueller");
    }

    /// `fold_for_index` by its definition, one character at a time with the Unicode tables.
    fn fold_by_definition(text: &str) -> String {
        let fold = |out: &mut String, text: &str, ae: bool| {
            for lower in text.chars().flat_map(char::to_lowercase) {
                match lower {
                    'ä' => out.push_str(if ae { "ae" } else { "a" }),
                    'ö' => out.push_str(if ae { "oe" } else { "o" }),
                    'ü' => out.push_str(if ae { "ue" } else { "u" }),
                    'ß' => out.push_str("ss"),
                    '\u{308}' => out.push_str(if ae { "e" } else { "" }),
                    l => out.push(l),
                }
            }
        };
        let mut out = String::new();
        fold(&mut out, text, false);
        for word in words(text).filter(|w| has_umlaut(w)) {
            out.push(' ');
            fold(&mut out, word, true);
        }
        out
    }

    #[test]
    fn latin1_is_folded_as_the_unicode_tables_say() {
        for c in '\u{80}'..='\u{17f}' {
            let (mut fast, mut tables) = (String::new(), String::new());
            push_folded(&mut fast, c, false);
            for lower in c.to_lowercase() {
                push_lower_folded(&mut tables, lower, false);
            }
            assert_eq!(fast, tables, "{c:?}");
        }
    }

    #[test]
    fn folding_matches_its_definition() {
        for text in [
            "",
            "Ü",
            "üxü",
            "a\u{308}",
            "\u{308}",
            "Übergrößenträger, MÜLLER-Lüdenscheidt & Söhne: Öl für Ärzte!",
            "ÄÖÜ äöü ß ẞ Ç é ø Å İ ǅ Σ ΣΑΣ",
            "Zürich\u{308}x çé Ña ü\u{301}",
            "日本語 über ∑ Ⅻ ½ 𝔘ber ü",
            "x\u{300}\u{308}y z\u{308}",
        ] {
            assert_eq!(fold_for_index(text), fold_by_definition(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_matches_its_definition_on_any_text(
            text in "[a-zA-Z0-9 .,äöüÄÖÜßẞéÉçøİΣ×÷ÞþÿŸ\u{301}\u{308}\u{300}日𝔘½-]{0,40}"
        ) {
            proptest::prop_assert_eq!(fold_for_index(&text), fold_by_definition(&text));
        }
    }

    #[test]
    fn queries_are_quoted_prefixes() {
        assert_eq!(fold_query("muller").as_deref(), Some("\"muller\"*"));
        assert_eq!(
            fold_query("Müll straße").as_deref(),
            Some("(\"mull\"* OR \"muell\"*) AND \"strasse\"*")
        );
        assert_eq!(
            fold_query("\"foo AND( bar*").as_deref(),
            Some("\"foo\"* AND \"and\"* AND \"bar\"*")
        );
        assert_eq!(fold_query(" \"()* "), None);
        assert_eq!(
            fold_query("m ü").as_deref(),
            Some("\"m\" AND (\"u\" OR \"ue\")")
        );
        assert_eq!(fold_query("re rec").as_deref(), Some("\"re\" AND \"rec\"*"));
        assert_eq!(fold_query(""), None);
    }
}

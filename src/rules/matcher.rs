//! Matching one message against rules.
//!
//! Text compares folded: lower case, `ä→a ö→o ü→u ß→ss`, with [`store::fold_word`], the
//! function search folds with. Both spellings of an umlaut count, as in search: a pattern
//! "Müller" matches "Müller", "Muller" and "Mueller"; "muller" matches "Müller". Regular
//! expressions run on the unfolded text, case-insensitively, with the `regex` crate (linear
//! time, no backtracking) and a size limit. Header values are decoded (RFC 2047) by
//! mail-parser; nothing from the message is ever evaluated as anything but text.
use std::cell::OnceCell;

use mail_parser::{HeaderValue, Message, MessageParser};
use regex::{Regex, RegexBuilder};

use super::Error;
use crate::mime::{self, Summary};
use crate::store::{self, Action, Condition, Field, Rule, Test};

/// Largest compiled regular expression (bytes of the program) and its lazy DFA cache.
const REGEX_SIZE_LIMIT: usize = 256 * 1024;
const REGEX_DFA_LIMIT: usize = 1024 * 1024;
/// Deepest nesting of groups in a pattern.
const REGEX_NEST_LIMIT: u32 = 32;

/// A message as rules see it: its headers parsed once, the rest (body text, attachments) only
/// when a condition asks.
pub struct Mail<'a> {
    raw: &'a [u8],
    headers: Option<Message<'a>>,
    summary: OnceCell<Summary>,
}

impl<'a> Mail<'a> {
    pub fn new(raw: &'a [u8]) -> Mail<'a> {
        Mail {
            raw,
            headers: MessageParser::new().parse_headers(raw),
            summary: OnceCell::new(),
        }
    }

    fn summary(&self) -> &Summary {
        self.summary.get_or_init(|| mime::summarize(self.raw))
    }

    /// The sender's address, lower case (empty when there is none).
    pub fn from_address(&self) -> String {
        self.headers
            .as_ref()
            .and_then(|h| h.from())
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap_or("")
            .trim()
            .to_lowercase()
    }

    /// Every value of the header `name` (any case) as decoded text.
    pub fn header(&self, name: &str) -> Vec<String> {
        let Some(h) = &self.headers else {
            return Vec::new();
        };
        h.headers()
            .iter()
            .filter(|x| x.name.as_str().eq_ignore_ascii_case(name))
            .map(|x| match &x.value {
                HeaderValue::Text(t) => t.to_string(),
                HeaderValue::TextList(l) => l.join(", "),
                HeaderValue::Address(a) => a
                    .iter()
                    .map(|a| match (a.name(), a.address()) {
                        (Some(n), Some(e)) => format!("{n} <{e}>"),
                        (n, e) => n.or(e).unwrap_or("").to_owned(),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => {
                    let (start, end) = (x.offset_start as usize, x.offset_end as usize);
                    let bytes = h.raw_message.get(start..end).unwrap_or_default();
                    String::from_utf8_lossy(bytes)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            })
            .collect()
    }

    /// What a text condition on `field` compares with: for address fields each address, each
    /// name and each "Name <address>".
    fn texts(&self, field: &Field) -> Vec<String> {
        let addresses = |header: &str| -> Vec<String> {
            let Some(h) = &self.headers else {
                return Vec::new();
            };
            let value = match header {
                "from" => h.from(),
                "to" => h.to(),
                _ => h.cc(),
            };
            let mut out = Vec::new();
            for a in value.into_iter().flat_map(|v| v.iter()) {
                let (name, email) = (a.name().unwrap_or(""), a.address().unwrap_or(""));
                out.push(email.to_owned());
                if !name.is_empty() {
                    out.push(name.to_owned());
                    out.push(format!("{name} <{email}>"));
                }
            }
            out
        };
        match field {
            Field::From => addresses("from"),
            Field::To => addresses("to"),
            Field::Cc => addresses("cc"),
            Field::ToOrCc => {
                let mut all = addresses("to");
                all.extend(addresses("cc"));
                all
            }
            Field::Subject => vec![
                self.headers
                    .as_ref()
                    .and_then(|h| h.subject())
                    .unwrap_or("")
                    .to_owned(),
            ],
            Field::Header(name) => self.header(name),
            Field::Body => vec![self.summary().search_text.clone()],
        }
    }
}

/// A text pattern ready to compare.
enum Pattern {
    /// Folded both ways (`ä→a` and `ä→ae`).
    Folded(String, String),
    Regex(Regex),
}

enum Check {
    Text {
        field: Field,
        test: Test,
        pattern: Pattern,
    },
    SizeGreater(u64),
    SizeLess(u64),
    HasAttachments,
}

/// A rule ready to run: its patterns folded and its regular expressions compiled.
pub struct Compiled {
    pub id: i64,
    pub rule: Rule,
    checks: Vec<Check>,
}

fn compare(test: Test, text: &str, pattern: &str) -> bool {
    match test {
        Test::Contains | Test::NotContains => text.contains(pattern),
        Test::Is => text == pattern,
        Test::BeginsWith => text.starts_with(pattern),
        Test::EndsWith => text.ends_with(pattern),
        Test::Matches => false,
    }
}

/// Whether `text` passes a positive test (contains, is, begins, ends, matches) against the
/// pattern, trying both umlaut spellings of each side.
fn positive(test: Test, pattern: &Pattern, text: &str) -> bool {
    match pattern {
        Pattern::Regex(re) => re.is_match(text),
        Pattern::Folded(plain, ae) => {
            let (t_plain, t_ae) = (store::fold_word(text, false), store::fold_word(text, true));
            [&t_plain, &t_ae]
                .iter()
                .any(|t| compare(test, t, plain) || (ae != plain && compare(test, t, ae)))
        }
    }
}

impl Compiled {
    /// Compiles a rule; [`Error::Pattern`] for a regular expression that does not compile
    /// within the limits.
    pub fn new(id: i64, rule: &Rule) -> Result<Compiled, Error> {
        let mut checks = Vec::with_capacity(rule.conditions.len());
        for c in &rule.conditions {
            checks.push(match c {
                Condition::Text { field, test, value } => {
                    let pattern = if *test == Test::Matches {
                        let re = RegexBuilder::new(value)
                            .case_insensitive(true)
                            .size_limit(REGEX_SIZE_LIMIT)
                            .dfa_size_limit(REGEX_DFA_LIMIT)
                            .nest_limit(REGEX_NEST_LIMIT)
                            .build()
                            .map_err(|e| Error::Pattern {
                                rule: rule.name.clone(),
                                reason: e.to_string(),
                            })?;
                        Pattern::Regex(re)
                    } else {
                        Pattern::Folded(
                            store::fold_word(value, false),
                            store::fold_word(value, true),
                        )
                    };
                    Check::Text {
                        field: field.clone(),
                        test: *test,
                        pattern,
                    }
                }
                Condition::SizeGreater(n) => Check::SizeGreater(*n),
                Condition::SizeLess(n) => Check::SizeLess(*n),
                Condition::HasAttachments => Check::HasAttachments,
            });
        }
        Ok(Compiled {
            id,
            rule: rule.clone(),
            checks,
        })
    }

    /// Whether the message meets the rule's conditions (all or any of them). A rule without
    /// conditions matches every message.
    pub fn matches(&self, mail: &Mail<'_>) -> bool {
        if self.checks.is_empty() {
            return true;
        }
        let mut results = self.checks.iter().map(|c| check(c, mail));
        if self.rule.match_all {
            results.all(|r| r)
        } else {
            results.any(|r| r)
        }
    }

    /// Whether this rule stops later rules (when it matched).
    pub fn stops(&self) -> bool {
        self.rule.actions.contains(&Action::Stop)
    }
}

fn check(c: &Check, mail: &Mail<'_>) -> bool {
    match c {
        Check::Text {
            field,
            test,
            pattern,
        } => {
            let texts = mail.texts(field);
            match test {
                Test::NotContains => !texts.iter().any(|t| positive(Test::Contains, pattern, t)),
                _ => texts.iter().any(|t| positive(*test, pattern, t)),
            }
        }
        Check::SizeGreater(n) => mail.raw.len() as u64 > *n,
        Check::SizeLess(n) => (mail.raw.len() as u64) < *n,
        Check::HasAttachments => mail.summary().has_attachments,
    }
}

/// The actions the rules decide for a message fetched by `account` (`None`: run by hand on
/// mail of no account), in order: every enabled rule that applies to the account and matches
/// adds its actions, until one that matched says "stop".
pub fn decide(
    rules: &[Compiled],
    account: Option<store::AccountId>,
    mail: &Mail<'_>,
) -> Vec<Action> {
    let mut out = Vec::new();
    for r in rules {
        if !r.rule.enabled || r.rule.account.is_some_and(|a| Some(a) != account) {
            continue;
        }
        if r.matches(mail) {
            out.extend(r.rule.actions.iter().filter(|a| **a != Action::Stop));
            if r.stops() {
                break;
            }
        }
    }
    out
}

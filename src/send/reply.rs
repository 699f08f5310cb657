//! Reply and forward, as people expect them: who the answer goes to, one `Re:` however long the
//! thread, the thread's ids, and the original text quoted under a line that says who wrote it.
//! Pure functions over a parsed message ([`crate::mime::Message`]); the compose window and the
//! command line start from what they return.

use crate::mime::{Address, Message};

/// Which answer the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyTo {
    /// The author: `Reply-To`, else `From`.
    Sender,
    /// The author and the other recipients (`To`, `Cc`), without the user's own addresses.
    All,
    /// The mailing list (`List-Post`).
    List,
}

/// How subject prefixes are written: German mail programs write `AW:` and `WG:`, and a German
/// user keeps what the thread already uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefixes {
    English,
    German,
}

/// What a reply or forward starts with; the user edits it from there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    pub subject: String,
    /// The text, with the cursor's place at the very start (above the quote).
    pub body: String,
    /// `In-Reply-To`: the answered message's id.
    pub in_reply_to: Option<String>,
    /// `References`: the thread's ids, oldest first, ending with the answered message.
    pub references: Vec<String>,
}

/// The answer to `original`. `own` are the user's addresses (never answered to themselves in
/// "reply all"), `attribution` the line above the quote in the UI language ("On … wrote:"),
/// `signature` the identity's signature (placed between the cursor and the quote).
pub fn reply(
    original: &Message,
    to: ReplyTo,
    own: &[&str],
    attribution: &str,
    signature: &str,
    prefixes: Prefixes,
) -> Draft {
    let author = if original.reply_to.is_empty() {
        &original.from
    } else {
        &original.reply_to
    };
    let mut draft = Draft {
        subject: with_prefix(&original.subject, Kind::Reply, prefixes),
        in_reply_to: original.message_id.clone(),
        references: thread(original),
        ..Draft::default()
    };
    let mut seen: Vec<String> = own.iter().map(|a| a.to_lowercase()).collect();
    match to {
        ReplyTo::List => match &original.list_post {
            Some(list) => push_new(&mut draft.to, &mut seen, &Address::plain(list)),
            None => extend_new(&mut draft.to, &mut seen, author),
        },
        ReplyTo::Sender => extend_new(&mut draft.to, &mut seen, author),
        ReplyTo::All => {
            extend_new(&mut draft.to, &mut seen, author);
            extend_new(&mut draft.to, &mut seen, &original.to);
            extend_new(&mut draft.cc, &mut seen, &original.cc);
            if draft.to.is_empty() {
                // Answering one's own message: to its recipients after all.
                draft.to = std::mem::take(&mut draft.cc);
            }
        }
    }
    if draft.to.is_empty() && to != ReplyTo::All {
        // A message from oneself: "reply" goes to where it went.
        extend_new(&mut draft.to, &mut Vec::new(), &original.to);
    }
    draft.body = answer_body(signature, attribution, &quote(&original.body.text));
    draft
}

/// A forward with the original inline: its header block (`headers`, already in the UI
/// language) and its text under the user's text and signature. The caller carries the
/// attachments along.
pub fn forward_inline(
    original: &Message,
    headers: &str,
    signature: &str,
    prefixes: Prefixes,
) -> Draft {
    let text = without_signature(&original.body.text);
    let mut original_part = String::from(headers.trim_end());
    original_part.push_str("\n\n");
    original_part.push_str(text.trim_end());
    original_part.push('\n');
    Draft {
        subject: with_prefix(&original.subject, Kind::Forward, prefixes),
        body: answer_body(signature, "", &original_part),
        ..Draft::default()
    }
}

/// A forward that carries the original as an attachment (`message/rfc822`).
pub fn forward_as_attachment(original: &Message, signature: &str, prefixes: Prefixes) -> Draft {
    Draft {
        subject: with_prefix(&original.subject, Kind::Forward, prefixes),
        body: answer_body(signature, "", ""),
        ..Draft::default()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Reply,
    Forward,
}

/// Prefixes people's mail programs put before a subject; recognised in any case, also as
/// `Re[2]:` and `Re^2:`.
const REPLY_PREFIXES: &[&str] = &["re", "aw", "antw", "sv", "vs"];
const FORWARD_PREFIXES: &[&str] = &["fwd", "fw", "wg", "tr", "wtr"];

/// The subject with exactly one prefix of `kind` in front, whatever the thread stacked up.
fn with_prefix(subject: &str, kind: Kind, prefixes: Prefixes) -> String {
    let (rest, first) = strip_prefixes(subject);
    // A German user keeps the thread's own word (AW/WG or Re/Fwd); an English one writes Re/Fwd.
    let german_thread = matches!(first.as_deref(), Some("aw" | "antw" | "wg"));
    let prefix = match (kind, prefixes, german_thread) {
        (Kind::Reply, Prefixes::German, true) => "AW:",
        (Kind::Reply, _, _) => "Re:",
        (Kind::Forward, Prefixes::German, true) => "WG:",
        (Kind::Forward, _, _) => "Fwd:",
    };
    if rest.is_empty() {
        prefix.to_owned()
    } else {
        format!("{prefix} {rest}")
    }
}

/// The subject without its leading reply and forward prefixes, and the first prefix found
/// (lower case).
fn strip_prefixes(subject: &str) -> (&str, Option<String>) {
    let mut rest = subject.trim();
    let mut first = None;
    while let Some(colon) = rest.find(':') {
        let word = rest[..colon].trim_end();
        // `Re[2]` and `Re^2` count as `Re`.
        let base = word
            .split(['[', '^'])
            .next()
            .unwrap_or_default()
            .to_lowercase();
        let counter_ok = word[base.len()..]
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '[' | ']' | '^'));
        if !counter_ok
            || !(REPLY_PREFIXES.contains(&base.as_str())
                || FORWARD_PREFIXES.contains(&base.as_str()))
        {
            break;
        }
        first.get_or_insert(base);
        rest = rest[colon + 1..].trim_start();
    }
    (rest, first)
}

/// `References` for an answer to `original`.
fn thread(original: &Message) -> Vec<String> {
    let mut ids = original.references.clone();
    if let Some(id) = &original.message_id
        && ids.last() != Some(id)
    {
        ids.push(id.clone());
    }
    ids
}

fn extend_new(out: &mut Vec<Address>, seen: &mut Vec<String>, from: &[Address]) {
    for a in from {
        push_new(out, seen, a);
    }
}

fn push_new(out: &mut Vec<Address>, seen: &mut Vec<String>, a: &Address) {
    let key = a.email.to_lowercase();
    if key.is_empty() || seen.contains(&key) {
        return;
    }
    seen.push(key);
    out.push(a.clone());
}

/// The body of an answer: room to write, the signature, then the original part.
fn answer_body(signature: &str, attribution: &str, original: &str) -> String {
    let mut body = String::from("\n\n");
    let signature = signature.trim_end();
    if !signature.is_empty() {
        body.push_str("-- \n");
        body.push_str(signature);
        body.push_str("\n\n");
    }
    if !attribution.is_empty() {
        body.push_str(attribution);
        body.push('\n');
    }
    body.push_str(original);
    body
}

/// The original text quoted: its signature (below its last `-- ` line) left out, every line
/// prefixed with `> ` (`>` before a line that is already quoted).
pub fn quote(text: &str) -> String {
    let text = without_signature(text);
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.trim_end().lines() {
        if line.is_empty() {
            out.push('>');
        } else if line.starts_with('>') {
            out.push('>');
            out.push_str(line);
        } else {
            out.push_str("> ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The text above its last signature separator (`-- ` alone on a line).
pub fn without_signature(text: &str) -> &str {
    let mut cut = text.len();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end_matches(['\r', '\n']) == "-- " {
            cut = at;
        }
        at += line.len();
    }
    &text[..cut]
}

/// Words that promise an attachment, in German and English (lower case).
const ATTACHMENT_WORDS: &[&str] = &[
    "anhang",
    "anhänge",
    "angehängt",
    "anbei",
    "beigefügt",
    "beiliegend",
    "angefügt",
    "attached",
    "attachment",
    "attachments",
    "enclosed",
    "attach",
];

/// Whether the text the user wrote (not quoted lines, not the signature) mentions an
/// attachment: then a message without one deserves a question before it is sent.
pub fn mentions_attachment(body: &str) -> bool {
    without_signature(body)
        .lines()
        .filter(|l| !l.trim_start().starts_with('>'))
        .flat_map(|l| l.split(|c: char| !c.is_alphanumeric()))
        .any(|w| !w.is_empty() && ATTACHMENT_WORDS.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
#[path = "reply_tests.rs"]
mod tests;

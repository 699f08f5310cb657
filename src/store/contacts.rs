//! Address completion: the people the user writes to and hears from, found as they type.
//!
//! [`Store::contacts`] builds the index in memory from the address columns every message row
//! already has (`from_name`, `from_email`, `to_text`, `cc_text`), so there is no table to keep in
//! step when mail arrives, moves or is deleted: the caller builds a new index when it wants a
//! fresh one (100,000 messages take about 0.2 s, see `docs/BENCHMARKS.md`).
//!
//! # Ranking
//! Each time an address appears in a message it adds `weight / (1 + age_days / 30)`, where
//! `age_days` is the message's age in days (its list date; a date in the future counts as now):
//! - a recipient (To, Cc) of mail the user sent (Sent and Outbox folders): 3;
//! - the sender of any other mail: 1;
//! - another recipient of that mail: 0.5.
//!
//! Mail in a Trash folder counts half, by the folder it came from. Junk and Drafts (and Trash
//! that came from them) do not count: a draft's recipients were not written to yet, and junk
//! invents its senders. The user's own addresses (of their accounts, and the senders of their
//! sent mail) count only as recipients of sent mail, so the user is not their own best contact.
//! Senders that do not take answers (`noreply@`, `mailer-daemon@`, …) count a tenth.
//!
//! # Matching
//! Text typed into an address field matches a contact when every word of it is the start of a
//! word of the name, of the address, of its local part or a piece of it (split at `. _ - +`), or
//! of its domain. Both sides are folded as the search folds them ([`super::search`]): case does
//! not matter, `ä` matches `a`, and a word with an umlaut also matches its `ae oe ue` spelling,
//! so `muller`, `Müller` and `Mueller` all find "Anna Müller", and `Mül` finds "Jan Mueller".
use std::collections::{HashMap, HashSet};

use rusqlite::types::ValueRef;

use super::search::{fold_word, has_umlaut, is_word_char};
use super::{Error, FolderKind, Store};

/// The index keeps at most this many contacts, the highest ranked.
pub const MAX_CONTACTS: usize = 50_000;
/// While building, addresses beyond this many are pruned to `2 * MAX_CONTACTS` by their score
/// so far, so memory stays bounded whatever the store holds.
const PRUNE_AT: usize = 4 * MAX_CONTACTS;
/// Seconds in a day, and the days over which an occurrence's weight halves.
const DAY: f64 = 86_400.0;
const HALF_LIFE_DAYS: f64 = 30.0;
/// Weights of one occurrence (see the module docs).
const SENT_TO: f64 = 3.0;
const RECEIVED_FROM: f64 = 1.0;
const RECEIVED_OTHER: f64 = 0.5;
const TRASH_FACTOR: f64 = 0.5;
const NO_REPLY_FACTOR: f64 = 0.1;
/// Separates the folded search keys of a contact; typed text never holds it.
const KEY_START: char = '\u{1}';

/// Someone to write to: the address and the name last seen with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The most recent non-empty name seen with the address.
    pub name: Option<String>,
    /// The address, spelt as in its most recent message.
    pub email: String,
}

impl Contact {
    /// What goes into an address field: `Anna Müller <anna@example.org>`, or the bare address
    /// without a name. A name with characters that have a meaning in an address field (`,` `;`
    /// `"` `<` `.` …) is quoted, `"Müller, Anna" <anna@example.org>`, so the field reads it back
    /// as one address.
    pub fn display(&self) -> String {
        crate::mime::Address {
            name: self.name.clone(),
            email: self.email.clone(),
        }
        .for_field()
    }
}

/// The contacts index: every address seen in the store, ranked (see the module docs).
#[derive(Debug, Default)]
pub struct Contacts {
    /// Highest score first, then by name.
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    contact: Contact,
    score: f64,
    /// The folded keys, each preceded by [`KEY_START`].
    keys: String,
}

impl Contacts {
    /// The best `limit` contacts that match `typed` (see the module docs), best first. Text
    /// without a word gives nothing.
    pub fn complete(&self, typed: &str, limit: usize) -> Vec<&Contact> {
        let terms = needles(typed);
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        self.entries
            .iter()
            .filter(|e| {
                terms
                    .iter()
                    .all(|alts| alts.iter().any(|n| e.keys.contains(n.as_str())))
            })
            .take(limit)
            .map(|e| &e.contact)
            .collect()
    }

    /// How many contacts the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index holds no contact.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every contact with its score, best first.
    pub fn ranked(&self) -> impl Iterator<Item = (&Contact, f64)> {
        self.entries.iter().map(|e| (&e.contact, e.score))
    }
}

/// For each word of `typed`: the keys it may start, as `KEY_START` + its folded spellings.
fn needles(typed: &str) -> Vec<Vec<String>> {
    typed
        .split(|c: char| c.is_whitespace() || c.is_control())
        .map(|w| {
            w.trim_matches(|c: char| matches!(c, '"' | '\'' | '<' | '>' | ',' | ';' | '(' | ')'))
        })
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut alts = vec![format!("{KEY_START}{}", fold_word(w, false))];
            if has_umlaut(w) {
                alts.push(format!("{KEY_START}{}", fold_word(w, true)));
            }
            alts
        })
        .collect()
}

/// The folded keys of a contact: the words of its name (and the name's space-separated parts,
/// so `meyer-s` finds "Meyer-Schmidt"), the address, its local part, the local part's pieces and
/// the domain.
fn keys(contact: &Contact) -> String {
    let mut out = String::new();
    let mut push = |word: &str| {
        if word.is_empty() {
            return;
        }
        out.push(KEY_START);
        out.push_str(&fold_word(word, false));
        if has_umlaut(word) {
            out.push(KEY_START);
            out.push_str(&fold_word(word, true));
        }
    };
    if let Some(name) = &contact.name {
        for part in name.split(char::is_whitespace) {
            let part = part.trim_matches(|c: char| !is_word_char(c));
            push(part);
            if part.contains(|c: char| !is_word_char(c)) {
                part.split(|c: char| !is_word_char(c)).for_each(&mut push);
            }
        }
    }
    let email = contact.email.as_str();
    push(email);
    if let Some((local, domain)) = email.rsplit_once('@') {
        push(local);
        if local.contains(['.', '_', '-', '+']) {
            local.split(['.', '_', '-', '+']).for_each(&mut push);
        }
        push(domain);
    }
    out
}

/// How one message counts, from its folder (and for Trash, the folder it came from).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Role {
    /// Mail the user sent, with this factor.
    Sent(f64),
    /// Mail the user received (or filed), with this factor.
    Received(f64),
    /// Does not count.
    Ignored,
}

impl Role {
    /// How mail in a folder of kind `folder` counts; for a Trash, `trash_from` is the kind of
    /// the folder the message came from, if known.
    pub(crate) fn of(folder: FolderKind, trash_from: Option<FolderKind>) -> Role {
        match folder {
            FolderKind::Sent | FolderKind::Outbox => Role::Sent(1.0),
            FolderKind::Junk | FolderKind::Drafts => Role::Ignored,
            FolderKind::Trash => match trash_from.map(|k| Role::of(k, None)) {
                Some(Role::Sent(f)) => Role::Sent(f * TRASH_FACTOR),
                Some(Role::Ignored) => Role::Ignored,
                Some(Role::Received(f)) => Role::Received(f * TRASH_FACTOR),
                None => Role::Received(TRASH_FACTOR),
            },
            FolderKind::Inbox | FolderKind::Local => Role::Received(1.0),
        }
    }
}

/// One address while the index is built.
#[derive(Debug)]
struct Tally {
    email: String,
    name: Option<String>,
    /// The date of the message `email` and `name` come from (`i64::MIN` before the first).
    seen_at: i64,
    name_at: i64,
    /// Score as a recipient of sent mail, and from everything else.
    sent_to: f64,
    other: f64,
}

/// Builds the index from messages fed one at a time.
#[derive(Debug)]
pub(crate) struct Builder {
    now: i64,
    /// Keyed by the address in lower case.
    tallies: HashMap<String, Tally>,
    /// The user's own addresses, in lower case.
    own: HashSet<String>,
    key: String,
}

impl Builder {
    /// A builder for an index as of `now` (Unix seconds), knowing the user's own addresses.
    pub(crate) fn new<'a>(now: i64, own: impl IntoIterator<Item = &'a str>) -> Builder {
        Builder {
            now,
            tallies: HashMap::new(),
            own: own.into_iter().map(str::to_lowercase).collect(),
            key: String::new(),
        }
    }

    /// Counts one message: its sender, its To and Cc as stored (see [`parse_list`]), its list
    /// date and how it counts.
    pub(crate) fn add(&mut self, role: Role, from: (&str, &str), to: &str, cc: &str, date: i64) {
        let (sent, factor) = match role {
            Role::Sent(f) => (true, f),
            Role::Received(f) => (false, f),
            Role::Ignored => return,
        };
        let age_days = (self.now.saturating_sub(date)).max(0) as f64 / DAY;
        let decay = factor / (1.0 + age_days / HALF_LIFE_DAYS);
        if sent {
            if is_email(from.1) {
                self.own.insert(from.1.to_lowercase());
            }
        } else {
            self.count(Some(from.0), from.1, date, RECEIVED_FROM * decay, false);
        }
        let weight = if sent { SENT_TO } else { RECEIVED_OTHER } * decay;
        for text in [to, cc] {
            for (name, email) in parse_list(text) {
                self.count(name, email, date, weight, sent);
            }
        }
        if self.tallies.len() >= PRUNE_AT {
            self.prune(2 * MAX_CONTACTS);
        }
    }

    fn count(&mut self, name: Option<&str>, email: &str, date: i64, weight: f64, sent_to: bool) {
        let email = email.trim();
        if !is_email(email) {
            return;
        }
        self.key.clear();
        if email.is_ascii() {
            self.key.push_str(email);
            self.key.make_ascii_lowercase();
        } else {
            self.key.extend(email.chars().flat_map(char::to_lowercase));
        }
        let tally = match self.tallies.get_mut(self.key.as_str()) {
            Some(t) => t,
            None => self.tallies.entry(self.key.clone()).or_insert(Tally {
                email: email.to_owned(),
                name: None,
                seen_at: i64::MIN,
                name_at: i64::MIN,
                sent_to: 0.0,
                other: 0.0,
            }),
        };
        if sent_to {
            tally.sent_to += weight;
        } else {
            tally.other += weight;
        }
        if date >= tally.seen_at {
            tally.seen_at = date;
            if tally.email != email {
                email.clone_into(&mut tally.email);
            }
        }
        let name = name
            .map(|n| n.trim().trim_matches(['"', '\'']).trim())
            .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case(email));
        if let Some(name) = name
            && date >= tally.name_at
        {
            tally.name_at = date;
            if tally.name.as_deref() != Some(name) {
                tally.name = Some(name.to_owned());
            }
        }
    }

    /// Keeps the `keep` addresses with the highest score.
    fn prune(&mut self, keep: usize) {
        if self.tallies.len() <= keep {
            return;
        }
        let own = &self.own;
        let mut scores: Vec<f64> = self.tallies.iter().map(|(k, t)| score(own, k, t)).collect();
        let cut = scores.len() - keep;
        let (_, &mut threshold, _) = scores.select_nth_unstable_by(cut, f64::total_cmp);
        let above = scores.iter().filter(|&&s| s > threshold).count();
        let mut ties = keep.saturating_sub(above);
        self.tallies.retain(|k, t| {
            let s = score(own, k, t);
            if s > threshold {
                true
            } else if s == threshold && ties > 0 {
                ties -= 1;
                true
            } else {
                false
            }
        });
    }

    /// The finished index: the `MAX_CONTACTS` best, best first, then by name and address.
    pub(crate) fn finish(mut self) -> Contacts {
        self.prune(MAX_CONTACTS);
        let own = &self.own;
        let mut entries: Vec<(f64, String, Contact)> = self
            .tallies
            .drain()
            .map(|(k, t)| {
                let score = score(own, &k, &t);
                let contact = Contact {
                    name: t.name,
                    email: t.email,
                };
                (score, sort_name(&contact), contact)
            })
            .filter(|(score, _, _)| *score > 0.0)
            .collect();
        entries.sort_by(|(sa, na, a), (sb, nb, b)| {
            sb.total_cmp(sa)
                .then_with(|| na.cmp(nb))
                .then_with(|| a.email.cmp(&b.email))
        });
        Contacts {
            entries: entries
                .into_iter()
                .map(|(score, _, contact)| Entry {
                    keys: keys(&contact),
                    contact,
                    score,
                })
                .collect(),
        }
    }
}

/// The score of an address (see the module docs), given the user's own addresses.
fn score(own: &HashSet<String>, key: &str, tally: &Tally) -> f64 {
    let other = if own.contains(key) { 0.0 } else { tally.other };
    let score = tally.sent_to + other;
    if is_no_reply(key) {
        score * NO_REPLY_FACTOR
    } else {
        score
    }
}

/// What contacts with the same score are ordered by: the folded name, else the address.
fn sort_name(c: &Contact) -> String {
    fold_word(c.name.as_deref().unwrap_or(&c.email), false)
}

/// Whether `email` looks like an address: something, `@`, something, no spaces or brackets.
fn is_email(email: &str) -> bool {
    email.rsplit_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && !email.chars().any(|c| {
                c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"')
            })
    })
}

/// Whether a lower-case address belongs to a sender that takes no answers.
fn is_no_reply(email: &str) -> bool {
    let local = email.rsplit_once('@').map_or(email, |(l, _)| l);
    let squashed: String = local
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | '.'))
        .collect();
    squashed.starts_with("noreply")
        || squashed.starts_with("donotreply")
        || squashed.starts_with("bounce")
        || matches!(squashed.as_str(), "mailerdaemon" | "postmaster")
}

/// The addresses in a To or Cc column as the store writes it (`Name <addr>, other@x, …`, names
/// not quoted): each `<…>` is one address, named by the text since the previous address; bare
/// addresses are split at commas. A name may hold commas (`Müller, Anna <anna@x>`): of the
/// comma-separated parts before a `<`, the leading ones that look like addresses are bare
/// addresses and the rest is the name. Entries that are not addresses are left to the caller.
pub(crate) fn parse_list(text: &str) -> Vec<(Option<&str>, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|i| open + i) else {
            break;
        };
        let before = &rest[..open];
        let parts = before.split(',').collect::<Vec<_>>();
        // the part right before `<` is always (part of) the name
        let parts = &parts[..parts.len().saturating_sub(1)];
        let bare = parts
            .iter()
            .take_while(|p| {
                let p = p.trim();
                p.is_empty() || is_email(p)
            })
            .count();
        for p in &parts[..bare] {
            let p = p.trim();
            if !p.is_empty() {
                out.push((None, p));
            }
        }
        let name_start = parts[..bare].iter().map(|p| p.len() + 1).sum::<usize>();
        let name = before[name_start..].trim();
        out.push((
            Some(name).filter(|n| !n.is_empty()),
            rest[open + 1..close].trim(),
        ));
        rest = &rest[close + 1..];
    }
    out.extend(
        rest.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| (None, p)),
    );
    out
}

/// The rows the index is built from: each message's folder (and, in a Trash, where it came
/// from), sender and recipients, date. Public for the benchmark, which reads the same rows as the
/// floor of the build time.
pub const ADDRESS_ROWS: &str = "SELECT f.kind, t.kind, m.from_name, m.from_email, m.to_text, \
     m.cc_text, m.sort_date \
     FROM messages m JOIN folders f ON f.id = m.folder_id \
     LEFT JOIN folders t ON t.id = m.trash_from \
     WHERE f.kind NOT IN ('junk', 'drafts')";

impl Store {
    /// The contacts index as of `now` (Unix seconds), built from every message's addresses in
    /// one pass over the messages table (see the module docs for what counts and how).
    pub fn contacts(&self, now: i64) -> Result<Contacts, Error> {
        self.read(|c| {
            let own: Vec<String> = c
                .prepare_cached("SELECT email FROM accounts")?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut builder = Builder::new(now, own.iter().map(String::as_str));
            let mut stmt = c.prepare_cached(ADDRESS_ROWS)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let folder: FolderKind = text(r.get_ref(0)?)?.parse()?;
                let trash_from = match r.get_ref(1)? {
                    ValueRef::Null => None,
                    v => Some(text(v)?.parse()?),
                };
                builder.add(
                    Role::of(folder, trash_from),
                    (text(r.get_ref(2)?)?, text(r.get_ref(3)?)?),
                    text(r.get_ref(4)?)?,
                    text(r.get_ref(5)?)?,
                    r.get(6)?,
                );
            }
            Ok(builder.finish())
        })
    }
}

/// A text column without copying it.
fn text(v: ValueRef<'_>) -> Result<&str, Error> {
    v.as_str()
        .map_err(|e| Error::Corrupt(format!("an address column: {e}")))
}

#[cfg(test)]
#[path = "contacts_tests.rs"]
mod tests;

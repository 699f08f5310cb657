//! Running rules over stored messages: on arrival (the messages marked "filter pending" in the
//! transaction that stored them) and on demand ("Run rules now" on a folder or a selection).
//!
//! Crash safety: deciding only reads; carrying out the decisions and clearing "filter pending"
//! is one transaction ([`Store::apply_decisions`]). A crash before it leaves the messages in
//! the Inbox, still pending, and the next [`filter_pending`] (at the start of the next fetch,
//! or [`filter_all_pending`] when the app starts) finishes the work; a crash after it finds
//! nothing pending. A message is never filtered twice: only pending messages are acted on.
use std::collections::{HashMap, HashSet};

use super::Error;
use super::junk::marked_as_junk;
use super::matcher::{Compiled, Mail, decide};
use crate::store::{self, AccountId, Action, FolderKind, MessageId, Selection, Store};

/// Messages decided per transaction.
const CHUNK: usize = 500;

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct FilterReport {
    /// Messages the rules (and the junk check) looked at.
    pub checked: usize,
    /// Of those, moved to Junk.
    pub junk: usize,
    pub moved: usize,
    pub copied: usize,
    pub trashed: usize,
    /// Actions naming a folder that no longer exists (skipped).
    pub skipped: usize,
}

impl FilterReport {
    fn add(&mut self, a: store::Applied) {
        self.checked += a.messages;
        self.moved += a.moved;
        self.copied += a.copied;
        self.trashed += a.trashed;
        self.skipped += a.skipped;
    }
}

/// The rules as stored, compiled. A rule whose pattern no longer compiles is left out (and
/// logged) rather than stopping every other rule.
fn compiled(store: &Store) -> Result<Vec<Compiled>, Error> {
    let mut out = Vec::new();
    for r in store.rules()? {
        match Compiled::new(r.id.0, &r.rule) {
            Ok(c) => out.push(c),
            Err(e) => tracing::warn!(rule = r.id.0, error = %e, "rule left out"),
        }
    }
    Ok(out)
}

/// What the junk check needs of an account.
struct JunkCheck {
    enabled: bool,
    header: Option<String>,
    folder: Option<store::FolderId>,
    not_junk: HashSet<String>,
}

impl JunkCheck {
    fn of(store: &Store, account: AccountId) -> Result<JunkCheck, Error> {
        let settings = store.junk_settings(account)?;
        Ok(JunkCheck {
            enabled: settings.enabled,
            header: settings.header,
            folder: store.folder(account, FolderKind::Junk).ok(),
            not_junk: store
                .not_junk_senders()?
                .into_iter()
                .map(|a| a.to_lowercase())
                .collect(),
        })
    }

    /// The Junk folder, if this message goes there.
    fn junk_folder(&self, mail: &Mail<'_>) -> Option<store::FolderId> {
        if !self.enabled || !marked_as_junk(mail, self.header.as_deref()) {
            return None;
        }
        if self.not_junk.contains(&mail.from_address()) {
            return None;
        }
        self.folder
    }
}

/// Runs the junk check and the rules over the account's messages that wait for them, in
/// transactions of up to 500 messages. Junk goes to the account's Junk folder and no rule runs
/// on it. Called by the fetch engine after every stored batch and before each fetch; cheap
/// when nothing waits (one index lookup).
pub fn filter_pending(store: &mut Store, account: AccountId) -> Result<FilterReport, Error> {
    filter_pending_with(store, account, &HashMap::new())
}

/// [`filter_pending`] with the bytes of some messages at hand (the batch the fetch engine
/// just stored), so they are not read back from the store.
pub fn filter_pending_with(
    store: &mut Store,
    account: AccountId,
    at_hand: &HashMap<MessageId, &[u8]>,
) -> Result<FilterReport, Error> {
    let mut report = FilterReport::default();
    if store.filter_pending(account, 1)?.is_empty() {
        return Ok(report);
    }
    let rules = compiled(store)?;
    let junk = JunkCheck::of(store, account)?;
    loop {
        let ids = store.filter_pending(account, CHUNK)?;
        if ids.is_empty() {
            return Ok(report);
        }
        let mut decisions = Vec::with_capacity(ids.len());
        for id in ids {
            let read;
            let raw: &[u8] = match at_hand.get(&id) {
                Some(raw) => raw,
                None => {
                    read = match store.raw(id) {
                        Ok(raw) => raw,
                        Err(store::Error::NotFound) => Vec::new(),
                        Err(e) => return Err(e.into()),
                    };
                    &read
                }
            };
            let mail = Mail::new(raw);
            let actions = match junk.junk_folder(&mail) {
                Some(folder) => {
                    report.junk += 1;
                    vec![Action::MoveTo(folder)]
                }
                None => decide(&rules, Some(account), &mail),
            };
            decisions.push((id, actions));
        }
        report.add(store.apply_decisions(&decisions, true)?);
    }
}

/// [`filter_pending`] for every account: what a start of the app runs, so mail stored just
/// before a crash is filtered without waiting for the next fetch. Errors are logged per account.
pub fn filter_all_pending(store: &mut Store) -> Result<FilterReport, Error> {
    let mut total = FilterReport::default();
    for account in store.accounts()? {
        match filter_pending(store, account.id) {
            Ok(r) => {
                total.checked += r.checked;
                total.junk += r.junk;
                total.moved += r.moved;
                total.copied += r.copied;
                total.trashed += r.trashed;
                total.skipped += r.skipped;
            }
            Err(e) => tracing::warn!(account = %account.id, error = %e, "filtering failed"),
        }
    }
    Ok(total)
}

/// "Run rules now": runs the rules (all enabled ones, or only `only`) over the selected
/// messages, `CHUNK` per transaction, reporting `(done, total)` after each. No junk check.
/// A rule limited to an account applies to the mail that account fetched.
pub fn run_rules(
    store: &mut Store,
    selection: &Selection,
    only: Option<&[store::RuleId]>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<FilterReport, Error> {
    let mut rules = compiled(store)?;
    if let Some(only) = only {
        rules.retain(|r| only.contains(&store::RuleId(r.id)));
        for r in &mut rules {
            r.rule.enabled = true;
        }
    }
    let ids = store.selection_ids(selection)?;
    let mut report = FilterReport::default();
    progress(0, ids.len());
    for (n, chunk) in ids.chunks(CHUNK).enumerate() {
        let mut decisions: Vec<(MessageId, Vec<Action>)> = Vec::with_capacity(chunk.len());
        for &id in chunk {
            let row = match store.message(id) {
                Ok(row) => row,
                Err(store::Error::NotFound) => continue,
                Err(e) => return Err(e.into()),
            };
            let raw = store.raw(id)?;
            let actions = decide(&rules, row.account, &Mail::new(&raw));
            decisions.push((id, actions));
        }
        report.add(store.apply_decisions(&decisions, false)?);
        progress((n * CHUNK + chunk.len()).min(ids.len()), ids.len());
    }
    Ok(report)
}

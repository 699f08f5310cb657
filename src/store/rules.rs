//! Message rules as stored (the `rules` table, in the user's order), and carrying out what they
//! decided for a batch of messages in one transaction. Matching is not done here: `crate::rules`
//! reads the mail and decides; this module keeps the rules and applies the actions.
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::folders::{self, FolderKind};
use super::{AccountId, Error, FolderId, MessageId, RuleId, Store};

/// What part of a message a text condition looks at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    From,
    To,
    Cc,
    /// Any `To` or `Cc` recipient.
    ToOrCc,
    Subject,
    /// Every header of this name (case does not matter), decoded (RFC 2047).
    Header(String),
    /// The text of the message (as search indexes it).
    Body,
}

/// How a text condition compares. Text compares without regard to case and umlaut spelling,
/// as search does (see `crate::rules::matcher`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Test {
    Contains,
    NotContains,
    Is,
    BeginsWith,
    EndsWith,
    /// A regular expression (the `regex` crate's syntax, case-insensitive, size-limited).
    Matches,
}

/// One condition of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Text {
        field: Field,
        test: Test,
        value: String,
    },
    /// The raw message is larger than this many bytes.
    SizeGreater(u64),
    /// The raw message is smaller than this many bytes.
    SizeLess(u64),
    HasAttachments,
}

/// One action of a rule, carried out in the order given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    MoveTo(FolderId),
    CopyTo(FolderId),
    MarkRead,
    Flag,
    /// Into the Trash (never deleted for good by a rule).
    Trash,
    /// No later rule runs for this message.
    Stop,
}

/// A rule as the rules page edits it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rule {
    pub name: String,
    pub enabled: bool,
    /// Only mail fetched by this account; `None`: every account's.
    pub account: Option<AccountId>,
    /// All conditions must hold (`true`) or any one of them (`false`).
    pub match_all: bool,
    pub conditions: Vec<Condition>,
    pub actions: Vec<Action>,
}

/// A stored rule, in the order rules run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredRule {
    pub id: RuleId,
    pub rule: Rule,
}

/// What applying decisions changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// Messages the decisions were carried out for (pending ones only, when asked).
    pub messages: usize,
    pub moved: usize,
    pub copied: usize,
    pub trashed: usize,
    /// Actions naming a folder that is gone (or an Outbox): skipped.
    pub skipped: usize,
}

fn json_error(e: serde_json::Error) -> Error {
    Error::Corrupt(format!("a stored rule: {e}"))
}

fn rule_from(r: &Row<'_>) -> rusqlite::Result<(RuleId, Rule, String, String)> {
    Ok((
        r.get(0)?,
        Rule {
            name: r.get(1)?,
            enabled: r.get(2)?,
            account: r.get(3)?,
            match_all: r.get(4)?,
            conditions: Vec::new(),
            actions: Vec::new(),
        },
        r.get(5)?,
        r.get(6)?,
    ))
}

fn check(rule: &Rule) -> Result<(String, String), Error> {
    if rule.name.trim().is_empty() {
        return Err(Error::Invalid("the rule has no name".into()));
    }
    if rule.actions.iter().all(|a| *a == Action::Stop) {
        return Err(Error::Invalid("the rule does nothing".into()));
    }
    let conditions = serde_json::to_string(&rule.conditions).map_err(json_error)?;
    let actions = serde_json::to_string(&rule.actions).map_err(json_error)?;
    Ok((conditions, actions))
}

impl Store {
    /// Every rule, in the order they run.
    pub fn rules(&self) -> Result<Vec<StoredRule>, Error> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, name, enabled, account_id, match_all, conditions, actions \
                 FROM rules ORDER BY position, id",
            )?;
            let rows = stmt.query_map([], rule_from)?;
            let mut out = Vec::new();
            for row in rows {
                let (id, mut rule, conditions, actions) = row?;
                rule.conditions = serde_json::from_str(&conditions).map_err(json_error)?;
                rule.actions = serde_json::from_str(&actions).map_err(json_error)?;
                out.push(StoredRule { id, rule });
            }
            Ok(out)
        })
    }

    /// Adds a rule after the others. [`Error::Invalid`] for a rule without a name or without
    /// an action (check regular expressions with `crate::rules::validate` first).
    pub fn add_rule(&mut self, rule: &Rule) -> Result<RuleId, Error> {
        let (conditions, actions) = check(rule)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO rules (position, name, enabled, account_id, match_all, conditions, \
                 actions) VALUES ((SELECT ifnull(max(position), 0) + 1 FROM rules), ?1, ?2, ?3, \
                 ?4, ?5, ?6)",
                params![
                    rule.name.trim(),
                    rule.enabled,
                    rule.account,
                    rule.match_all,
                    conditions,
                    actions
                ],
            )?;
            Ok(RuleId(tx.last_insert_rowid()))
        })
    }

    /// Replaces a rule, keeping its place.
    pub fn update_rule(&mut self, id: RuleId, rule: &Rule) -> Result<(), Error> {
        let (conditions, actions) = check(rule)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE rules SET name = ?2, enabled = ?3, account_id = ?4, match_all = ?5, \
                 conditions = ?6, actions = ?7 WHERE id = ?1",
                params![
                    id,
                    rule.name.trim(),
                    rule.enabled,
                    rule.account,
                    rule.match_all,
                    conditions,
                    actions
                ],
            )?;
            if n == 0 { Err(Error::NotFound) } else { Ok(()) }
        })
    }

    /// Turns a rule on or off.
    pub fn set_rule_enabled(&mut self, id: RuleId, enabled: bool) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE rules SET enabled = ?2 WHERE id = ?1",
                params![id, enabled],
            )?;
            if n == 0 { Err(Error::NotFound) } else { Ok(()) }
        })
    }

    /// Removes a rule.
    pub fn remove_rule(&mut self, id: RuleId) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM rules WHERE id = ?1", [id])?;
            if n == 0 { Err(Error::NotFound) } else { Ok(()) }
        })
    }

    /// Puts the rules in this order (the rules page's drag and drop). Rules not named keep
    /// their relative order after the named ones.
    pub fn reorder_rules(&mut self, order: &[RuleId]) -> Result<(), Error> {
        let mut all: Vec<RuleId> = self.rules()?.into_iter().map(|r| r.id).collect();
        all.retain(|id| !order.contains(id));
        let sequence: Vec<RuleId> = order.iter().copied().chain(all).collect();
        self.write(|tx| {
            let mut stmt = tx.prepare_cached("UPDATE rules SET position = ?2 WHERE id = ?1")?;
            for (i, id) in sequence.iter().enumerate() {
                stmt.execute(params![id, i as i64 + 1])?;
            }
            Ok(())
        })
    }

    /// Up to `limit` of the account's fetched messages whose rules have not run yet (stored,
    /// then the program stopped before filtering), oldest first.
    pub fn filter_pending(
        &self,
        account: AccountId,
        limit: usize,
    ) -> Result<Vec<MessageId>, Error> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id FROM messages WHERE account_id = ?1 AND filter_pending = 1 \
                 ORDER BY id LIMIT ?2",
            )?;
            let ids = stmt.query_map(params![account, limit as i64], |r| r.get(0))?;
            Ok(ids.collect::<Result<_, _>>()?)
        })
    }

    /// Carries out what the rules decided for each message, in ONE transaction, and marks them
    /// filtered in it: a crash leaves either all of it done or none of it (and the messages
    /// still pending, to be filtered again). With `pending_only`, a message no longer pending
    /// (another process filtered it meanwhile) is left alone, so nothing is copied twice.
    /// A message that no longer exists is skipped. Actions run in their order; a move is
    /// followed by the later actions on the moved message; a copy takes the flags the message
    /// has at that point.
    pub fn apply_decisions(
        &mut self,
        decisions: &[(MessageId, Vec<Action>)],
        pending_only: bool,
    ) -> Result<Applied, Error> {
        self.write(|tx| {
            let mut applied = Applied::default();
            let mut clear = tx.prepare_cached(
                "UPDATE messages SET filter_pending = 0 WHERE id = ?1 AND filter_pending = 1",
            )?;
            for (id, actions) in decisions {
                if actions.is_empty() && pending_only {
                    // nothing to do but mark it filtered (most mail): one statement
                    applied.messages += clear.execute([id])?;
                    continue;
                }
                let pending: Option<bool> = tx
                    .prepare_cached("SELECT filter_pending FROM messages WHERE id = ?1")?
                    .query_row([id], |r| r.get(0))
                    .optional()?;
                match pending {
                    None => continue,
                    Some(false) if pending_only => continue,
                    Some(_) => {}
                }
                for action in actions {
                    apply_one(tx, *id, *action, &mut applied)?;
                }
                tx.prepare_cached("UPDATE messages SET filter_pending = 0 WHERE id = ?1")?
                    .execute([id])?;
                applied.messages += 1;
            }
            Ok(applied)
        })
    }
}

/// A folder a rule may put mail into: it exists and is not an Outbox.
fn usable_target(conn: &Connection, folder: FolderId) -> Result<bool, Error> {
    match folders::folder_info(conn, folder) {
        Ok((_, FolderKind::Outbox)) | Err(Error::NotFound) => Ok(false),
        Ok(_) => Ok(true),
        Err(e) => Err(e),
    }
}

fn apply_one(
    tx: &Connection,
    id: MessageId,
    action: Action,
    applied: &mut Applied,
) -> Result<(), Error> {
    use super::moves::Selection;
    use super::moves::{move_targets, select_into_temp, target_trash};
    match action {
        Action::MoveTo(folder) | Action::CopyTo(folder) if !usable_target(tx, folder)? => {
            applied.skipped += 1;
        }
        Action::MoveTo(folder) => {
            select_into_temp(tx, &Selection::Ids(vec![id]))?;
            tx.execute("UPDATE temp.sel SET target = ?1", [folder])?;
            applied.moved += move_targets(tx)?.len();
        }
        Action::CopyTo(folder) => {
            super::actions::copy_rows(tx, &[id], folder)?;
            applied.copied += 1;
        }
        Action::MarkRead => {
            tx.prepare_cached("UPDATE messages SET seen = 1 WHERE id = ?1")?
                .execute([id])?;
        }
        Action::Flag => {
            tx.prepare_cached("UPDATE messages SET flagged = 1 WHERE id = ?1")?
                .execute([id])?;
        }
        Action::Trash => {
            select_into_temp(tx, &Selection::Ids(vec![id]))?;
            target_trash(tx)?;
            applied.trashed += move_targets(tx)?.len();
        }
        Action::Stop => {}
    }
    Ok(())
}

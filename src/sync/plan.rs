//! The fetch policy as a pure function: server listing + ledger + settings + now → what to fetch
//! and what to delete. No I/O, no clock: everything comes in as arguments, so every policy is
//! testable without a network.
//!
//! The engine calls [`plan`] once after listing (what to download, and which messages stored in
//! an earlier session may go) and, when it downloaded something, once more after the new messages
//! are durably stored (then they are in the ledger and may be deleted too). Because deletions are
//! only ever chosen from ledger entries, a message is never deleted on the server before it is
//! stored here.
//!
//! A UIDL alone does not prove that the server still holds the message we stored: servers reuse
//! UIDLs after a mailbox rebuild or a migration. Each ledger entry therefore records the size the
//! server listed when the message was downloaded, and a `DELE` is planned only when the server
//! lists that same size now ([`Known::identity`]). A listed size that differs means another
//! message under a known UIDL: it is downloaded again ([`Plan::fetch`]), and the store decides by
//! its bytes whether it is the same message or a new one. Only then may the policy delete it.

use std::collections::{HashMap, HashSet};

/// Seconds in a day; retention is counted in whole days from the first download.
pub const DAY: i64 = 86_400;

/// One message in the server's listing (`UIDL` + `LIST`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Message number in this session.
    pub number: u32,
    /// The message's unique id (from `UIDL`, or the documented fallback identity).
    pub uidl: String,
    /// Size in octets as the server lists it; `None` until `LIST` was asked (a poll that
    /// downloads and deletes nothing does not ask).
    pub size: Option<u64>,
}

/// Where the server copy of a known message stands, as far as we know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerCopy {
    /// On the server (or a deletion we sent never took effect).
    OnServer,
    /// `DELE` was sent; whether `QUIT` committed it is not known yet.
    DeleSent,
    /// `QUIT` answered `+OK` after `DELE`: gone from the server.
    Deleted,
}

/// What the ledger says about one UIDL of this account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// When this client first stored the message (Unix seconds). Retention counts from here.
    pub first_stored_at: i64,
    /// The server copy's state.
    pub server: ServerCopy,
    /// The last local copy was deleted permanently.
    pub deleted_here: bool,
    /// The size the server listed when the stored message was downloaded; `None` for entries
    /// stored before sizes were recorded.
    pub listed_size: Option<u64>,
    /// The size of the bytes stored (for entries from before `listed_size`, the only size known).
    pub received_size: Option<u64>,
    /// Another program downloaded it (its state was imported); it is not stored here. Such a
    /// message is never downloaded again unless the user asks, and never deleted on the server
    /// by any policy: deleting it would lose the only copy we can vouch for.
    pub not_stored: bool,
    /// Another program downloaded it and its copy was imported here, linked by the UIDL it
    /// recorded (`X-UIDL`). That program changed the bytes (it adds headers), so the sizes
    /// cannot prove the identity: the UIDL does, as it did for that program. The user agreed
    /// to this in the dry run before the first fetch after the import.
    pub linked: bool,
}

/// Whether a listed message is the one a ledger entry stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    /// The server lists the size recorded at download time.
    Same,
    /// The server lists another size: another message under a known UIDL (or the same one,
    /// changed on the server). Download it again before anything is deleted.
    Changed,
    /// Cannot tell: the listing has no sizes (ask `LIST`), or the entry recorded no listed size
    /// and its stored size differs from the listed one (download it to compare the bytes).
    Unknown,
}

impl Known {
    /// Compares the server's listing of this UIDL with what was stored.
    pub fn identity(&self, listed_size: Option<u64>) -> Identity {
        let Some(size) = listed_size else {
            return Identity::Unknown;
        };
        match (self.listed_size, self.received_size) {
            (Some(recorded), _) if recorded == size => Identity::Same,
            (Some(_), _) => Identity::Changed,
            // Recorded before listed sizes were kept: the stored size is the best evidence.
            (None, Some(received)) if received == size => Identity::Same,
            (None, _) if self.linked => Identity::Same,
            (None, _) => Identity::Unknown,
        }
    }
}

/// The account's POP3 policy, as the settings screen offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Policy {
    /// "Leave mail on server". Off means download and delete (the default).
    pub leave_on_server: bool,
    /// With `leave_on_server`: delete from the server this many days after the first download.
    pub keep_days: Option<u32>,
    /// With `leave_on_server`: delete from the server once the message is deleted here for good.
    pub delete_when_deleted_here: bool,
}

/// Why a message is deleted on the server (shown in logs and summaries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Download-and-delete mode.
    Downloaded,
    /// Older than the retention period.
    Expired,
    /// Deleted here permanently.
    DeletedHere,
}

/// The outcome of planning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Messages to download, in listing order: new UIDLs, and known UIDLs whose listed size
    /// no longer matches ([`Plan::recheck`] counts those).
    pub fetch: Vec<Listed>,
    /// Of `fetch`, how many are known UIDLs downloaded again to check their identity.
    pub recheck: usize,
    /// Known, durably stored messages to delete on the server, each listed at its recorded size.
    pub delete: Vec<(Listed, Reason)>,
    /// Known messages that stay on the server (this time).
    pub keep: usize,
    /// Known messages the policy would delete but whose identity needs the listed sizes: the
    /// engine asks `LIST` and plans again. Nothing is deleted for them without sizes.
    pub needs_sizes: bool,
    /// Ledger UIDLs with `DeleSent` that the server no longer lists: the earlier `QUIT`
    /// did commit them, so they can be recorded as deleted.
    pub confirmed_gone: Vec<String>,
    /// UIDLs the server listed more than once (a broken server): fetched at most once and never
    /// deleted, because we cannot tell which copy we stored.
    pub ambiguous: Vec<String>,
    /// Listed messages another program downloaded (imported state): neither fetched nor
    /// deleted.
    pub known_not_stored: usize,
    /// Imported UIDLs the server no longer lists: forgotten, so that a server reusing one of
    /// them for a new message does not hide that message.
    pub stale_known: Vec<String>,
}

/// Decides what to fetch and what to delete. Pure.
pub fn plan(
    listing: &[Listed],
    ledger: &HashMap<String, Known>,
    policy: &Policy,
    now: i64,
) -> Plan {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for item in listing {
        *seen.entry(item.uidl.as_str()).or_default() += 1;
    }

    let mut plan = Plan::default();
    let mut fetching: HashSet<&str> = HashSet::new();
    for item in listing {
        let duplicated = seen.get(item.uidl.as_str()).copied().unwrap_or(0) > 1;
        let Some(known) = ledger.get(&item.uidl) else {
            // New: fetch it once, even when the server lists the UIDL twice.
            if fetching.insert(item.uidl.as_str()) {
                plan.fetch.push(item.clone());
            }
            continue;
        };
        if duplicated {
            continue;
        }
        if known.not_stored {
            plan.keep += 1;
            plan.known_not_stored += 1;
            continue;
        }
        let reason = delete_reason(known, policy, now);
        match (known.identity(item.size), reason) {
            (Identity::Same, Some(reason)) => plan.delete.push((item.clone(), reason)),
            (Identity::Same, None) => plan.keep += 1,
            // Another message (or a changed one) under a known UIDL: take it in again, whatever
            // the policy; the store compares the bytes.
            (Identity::Changed, _) => {
                plan.fetch.push(item.clone());
                plan.recheck += 1;
            }
            (Identity::Unknown, Some(_)) if item.size.is_none() => {
                plan.needs_sizes = true;
                plan.keep += 1;
            }
            // A message stored before sizes were recorded that the policy would delete now:
            // download it once to compare the bytes, then delete it if it is the same.
            (Identity::Unknown, Some(_)) => {
                plan.fetch.push(item.clone());
                plan.recheck += 1;
            }
            (Identity::Unknown, None) => plan.keep += 1,
        }
    }

    let mut ambiguous: Vec<String> = seen
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(u, _)| (*u).to_owned())
        .collect();
    ambiguous.sort();
    plan.ambiguous = ambiguous;

    let mut gone: Vec<String> = ledger
        .iter()
        .filter(|(uidl, known)| {
            known.server == ServerCopy::DeleSent && !seen.contains_key(uidl.as_str())
        })
        .map(|(uidl, _)| uidl.clone())
        .collect();
    gone.sort();
    plan.confirmed_gone = gone;

    let mut stale: Vec<String> = ledger
        .iter()
        .filter(|(uidl, known)| known.not_stored && !seen.contains_key(uidl.as_str()))
        .map(|(uidl, _)| uidl.clone())
        .collect();
    stale.sort();
    plan.stale_known = stale;
    plan
}

/// Whether a known (stored) message should leave the server now, and why.
pub fn delete_reason(known: &Known, policy: &Policy, now: i64) -> Option<Reason> {
    if !policy.leave_on_server {
        return Some(Reason::Downloaded);
    }
    if let Some(days) = policy.keep_days
        && now.saturating_sub(known.first_stored_at) >= i64::from(days) * DAY
    {
        return Some(Reason::Expired);
    }
    if policy.delete_when_deleted_here && known.deleted_here {
        return Some(Reason::DeletedHere);
    }
    None
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;

//! The fetch policy as a pure function: server listing + ledger + settings + now → what to fetch
//! and what to delete. No I/O, no clock: everything comes in as arguments, so every policy is
//! testable without a network.
//!
//! The engine calls [`plan`] once after listing (what to download, and which messages stored in
//! an earlier session may go) and, when it downloaded something, once more after the new messages
//! are durably stored (then they are in the ledger and may be deleted too). Because deletions are only ever
//! chosen from ledger entries, a message is never deleted on the server before it is stored here.

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
    /// Size in octets as the server reports it.
    pub size: u64,
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
    /// New messages to download, in listing order.
    pub fetch: Vec<Listed>,
    /// Known, durably stored messages to delete on the server.
    pub delete: Vec<(Listed, Reason)>,
    /// Known messages that stay on the server.
    pub keep: usize,
    /// Ledger UIDLs with `DeleSent` that the server no longer lists: the earlier `QUIT`
    /// did commit them, so they can be recorded as deleted.
    pub confirmed_gone: Vec<String>,
    /// UIDLs the server listed more than once (a broken server): fetched at most once and never
    /// deleted, because we cannot tell which copy we stored.
    pub ambiguous: Vec<String>,
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
        match ledger.get(&item.uidl) {
            None => {
                // New: fetch it once, even when the server lists the UIDL twice.
                if fetching.insert(item.uidl.as_str()) {
                    plan.fetch.push(item.clone());
                }
            }
            Some(_) if duplicated => {}
            Some(known) => match delete_reason(known, policy, now) {
                Some(reason) => plan.delete.push((item.clone(), reason)),
                None => plan.keep += 1,
            },
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn listed(number: u32, uidl: &str) -> Listed {
        Listed {
            number,
            uidl: uidl.to_owned(),
            size: 100,
        }
    }

    fn known(first_stored_at: i64) -> Known {
        Known {
            first_stored_at,
            server: ServerCopy::OnServer,
            deleted_here: false,
        }
    }

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn download_and_delete_fetches_new_and_deletes_stored() {
        let listing = [listed(1, "a"), listed(2, "b")];
        let ledger = HashMap::from([("a".to_owned(), known(NOW - 10))]);
        let p = plan(&listing, &ledger, &Policy::default(), NOW);
        assert_eq!(p.fetch, vec![listed(2, "b")]);
        assert_eq!(p.delete, vec![(listed(1, "a"), Reason::Downloaded)]);
        assert_eq!(p.keep, 0);
    }

    #[test]
    fn leave_on_server_deletes_nothing_without_limits() {
        let listing = [listed(1, "a"), listed(2, "b")];
        let ledger = HashMap::from([("a".to_owned(), known(NOW - 400 * DAY))]);
        let policy = Policy {
            leave_on_server: true,
            ..Policy::default()
        };
        let p = plan(&listing, &ledger, &policy, NOW);
        assert_eq!(p.fetch, vec![listed(2, "b")]);
        assert!(p.delete.is_empty());
        assert_eq!(p.keep, 1);
    }

    #[test]
    fn retention_counts_from_first_download_in_whole_days() {
        let policy = Policy {
            leave_on_server: true,
            keep_days: Some(14),
            ..Policy::default()
        };
        let listing = [listed(1, "old"), listed(2, "young"), listed(3, "edge")];
        let ledger = HashMap::from([
            ("old".to_owned(), known(NOW - 15 * DAY)),
            ("young".to_owned(), known(NOW - 14 * DAY + 1)),
            ("edge".to_owned(), known(NOW - 14 * DAY)),
        ]);
        let p = plan(&listing, &ledger, &policy, NOW);
        let deleted: Vec<&str> = p.delete.iter().map(|(l, _)| l.uidl.as_str()).collect();
        assert_eq!(deleted, ["old", "edge"]);
        assert!(p.delete.iter().all(|(_, r)| *r == Reason::Expired));
        assert_eq!(p.keep, 1);
    }

    #[test]
    fn deleted_here_deletes_only_when_last_copy_is_gone() {
        let policy = Policy {
            leave_on_server: true,
            delete_when_deleted_here: true,
            ..Policy::default()
        };
        let mut gone = known(NOW);
        gone.deleted_here = true;
        let ledger = HashMap::from([("a".to_owned(), known(NOW)), ("b".to_owned(), gone)]);
        let p = plan(&[listed(1, "a"), listed(2, "b")], &ledger, &policy, NOW);
        assert_eq!(p.delete, vec![(listed(2, "b"), Reason::DeletedHere)]);
    }

    #[test]
    fn dele_sent_but_not_listed_is_confirmed_gone() {
        let mut sent = known(NOW);
        sent.server = ServerCopy::DeleSent;
        let ledger = HashMap::from([("a".to_owned(), sent.clone()), ("b".to_owned(), sent)]);
        // "b" is still listed: its DELE never took effect and it is deleted again.
        let p = plan(&[listed(1, "b")], &ledger, &Policy::default(), NOW);
        assert_eq!(p.confirmed_gone, vec!["a".to_owned()]);
        assert_eq!(p.delete, vec![(listed(1, "b"), Reason::Downloaded)]);
    }

    #[test]
    fn duplicated_uidls_are_fetched_once_and_never_deleted() {
        let listing = [
            listed(1, "x"),
            listed(2, "x"),
            listed(3, "y"),
            listed(4, "y"),
        ];
        let ledger = HashMap::from([("y".to_owned(), known(NOW))]);
        let p = plan(&listing, &ledger, &Policy::default(), NOW);
        assert_eq!(p.fetch, vec![listed(1, "x")]);
        assert!(p.delete.is_empty());
        assert_eq!(p.ambiguous, vec!["x".to_owned(), "y".to_owned()]);
    }

    fn arb_policy() -> impl Strategy<Value = Policy> {
        (any::<bool>(), proptest::option::of(1u32..40), any::<bool>()).prop_map(|(l, k, d)| {
            Policy {
                leave_on_server: l,
                keep_days: k,
                delete_when_deleted_here: d,
            }
        })
    }

    fn arb_known() -> impl Strategy<Value = Known> {
        (0i64..60 * DAY, 0u8..3, any::<bool>()).prop_map(|(age, s, gone)| Known {
            first_stored_at: NOW - age,
            server: match s {
                0 => ServerCopy::OnServer,
                1 => ServerCopy::DeleSent,
                _ => ServerCopy::Deleted,
            },
            deleted_here: gone,
        })
    }

    proptest! {
        #[test]
        fn invariants_hold_for_any_listing_ledger_and_policy(
            uidls in proptest::collection::vec(0u8..30, 0..40),
            ledger in proptest::collection::hash_map(0u8..30, arb_known(), 0..30),
            policy in arb_policy(),
        ) {
            let listing: Vec<Listed> = uidls
                .iter()
                .enumerate()
                .map(|(i, u)| listed(i as u32 + 1, &format!("u{u}")))
                .collect();
            let ledger: HashMap<String, Known> =
                ledger.into_iter().map(|(u, k)| (format!("u{u}"), k)).collect();
            let p = plan(&listing, &ledger, &policy, NOW);

            // Never delete what is not durably stored (i.e. not in the ledger).
            for (item, _) in &p.delete {
                prop_assert!(ledger.contains_key(&item.uidl));
            }
            // Never fetch what is stored, and never fetch a UIDL twice.
            let mut fetched = HashSet::new();
            for item in &p.fetch {
                prop_assert!(!ledger.contains_key(&item.uidl));
                prop_assert!(fetched.insert(item.uidl.clone()));
            }
            // Every distinct new UIDL is fetched.
            let new: HashSet<&String> =
                listing.iter().map(|l| &l.uidl).filter(|u| !ledger.contains_key(*u)).collect();
            prop_assert_eq!(new.len(), p.fetch.len());
            // A deleted message is never one that is listed twice.
            for (item, reason) in &p.delete {
                prop_assert_eq!(listing.iter().filter(|l| l.uidl == item.uidl).count(), 1);
                let k = &ledger[&item.uidl];
                prop_assert_eq!(Some(*reason), delete_reason(k, &policy, NOW));
            }
            // Keep mode without limits never deletes.
            if policy.leave_on_server && policy.keep_days.is_none() && !policy.delete_when_deleted_here {
                prop_assert!(p.delete.is_empty());
            }
            // Delete mode deletes every unambiguous stored message.
            if !policy.leave_on_server {
                prop_assert_eq!(p.keep, 0);
            }
            // Retention: a message younger than N days is never deleted for age.
            if let Some(days) = policy.keep_days {
                for (item, reason) in &p.delete {
                    if *reason == Reason::Expired {
                        prop_assert!(NOW - ledger[&item.uidl].first_stored_at >= i64::from(days) * DAY);
                    }
                }
            }
        }
    }
}

//! Tests of the fetch policy: examples for each rule, and properties over random listings,
//! ledgers and policies (including servers that reuse UIDLs).
use super::*;
use proptest::prelude::*;

fn listed(number: u32, uidl: &str) -> Listed {
    Listed {
        number,
        uidl: uidl.to_owned(),
        size: Some(100),
    }
}

fn sized(number: u32, uidl: &str, size: u64) -> Listed {
    Listed {
        number,
        uidl: uidl.to_owned(),
        size: Some(size),
    }
}

fn known(first_stored_at: i64) -> Known {
    Known {
        first_stored_at,
        server: ServerCopy::OnServer,
        deleted_here: false,
        listed_size: Some(100),
        received_size: Some(100),
        not_stored: false,
        linked: false,
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

#[test]
fn a_reused_uidl_with_another_size_is_downloaded_again_never_deleted() {
    // Message A (UIDL "x", listed at 100) was stored; the server now lists another message
    // under "x" at 250. Every policy that would delete A fetches the newcomer instead.
    let mut a = known(NOW - 40 * DAY);
    a.deleted_here = true;
    let ledger = HashMap::from([("x".to_owned(), a)]);
    let policies = [
        Policy::default(),
        Policy {
            leave_on_server: true,
            keep_days: Some(14),
            delete_when_deleted_here: true,
        },
    ];
    for policy in policies {
        let p = plan(&[sized(1, "x", 250)], &ledger, &policy, NOW);
        assert!(p.delete.is_empty(), "{policy:?}");
        assert_eq!(p.fetch, vec![sized(1, "x", 250)]);
        assert_eq!(p.recheck, 1);
    }
}

#[test]
fn a_leftover_dele_sent_is_checked_like_any_other_deletion() {
    let mut sent = known(NOW);
    sent.server = ServerCopy::DeleSent;
    let ledger = HashMap::from([("a".to_owned(), sent)]);
    let same = plan(&[sized(1, "a", 100)], &ledger, &Policy::default(), NOW);
    assert_eq!(same.delete.len(), 1);
    let other = plan(&[sized(1, "a", 101)], &ledger, &Policy::default(), NOW);
    assert!(other.delete.is_empty());
    assert_eq!(other.fetch, vec![sized(1, "a", 101)]);
}

#[test]
fn without_sizes_nothing_is_deleted_and_the_engine_is_asked_for_them() {
    let ledger = HashMap::from([("a".to_owned(), known(NOW))]);
    let no_size = Listed {
        number: 1,
        uidl: "a".to_owned(),
        size: None,
    };
    let p = plan(
        std::slice::from_ref(&no_size),
        &ledger,
        &Policy::default(),
        NOW,
    );
    assert!(p.delete.is_empty());
    assert!(p.needs_sizes);
    // Keep mode without limits needs no sizes: a poll stays one UIDL listing.
    let keep = Policy {
        leave_on_server: true,
        ..Policy::default()
    };
    let p = plan(&[no_size], &ledger, &keep, NOW);
    assert!(!p.needs_sizes);
    assert_eq!(p.keep, 1);
}

#[test]
fn entries_from_before_listed_sizes_are_deleted_only_when_the_stored_size_matches() {
    let mut old = known(NOW);
    old.listed_size = None;
    old.received_size = Some(100);
    let ledger = HashMap::from([("a".to_owned(), old)]);
    let p = plan(&[sized(1, "a", 100)], &ledger, &Policy::default(), NOW);
    assert_eq!(p.delete.len(), 1);
    // Another size: downloaded to compare the bytes (the server may count line ends
    // differently from the bytes it sends), never deleted unseen.
    let p = plan(&[sized(1, "a", 102)], &ledger, &Policy::default(), NOW);
    assert!(p.delete.is_empty());
    assert_eq!(p.recheck, 1);
    // ... but only when the policy would delete it: kept mail is not downloaded again.
    let keep = Policy {
        leave_on_server: true,
        ..Policy::default()
    };
    let p = plan(&[sized(1, "a", 102)], &ledger, &keep, NOW);
    assert!(p.fetch.is_empty());
    assert_eq!(p.keep, 1);
}

fn arb_policy() -> impl Strategy<Value = Policy> {
    (any::<bool>(), proptest::option::of(1u32..40), any::<bool>()).prop_map(|(l, k, d)| Policy {
        leave_on_server: l,
        keep_days: k,
        delete_when_deleted_here: d,
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
        listed_size: Some(100),
        received_size: Some(100),
        not_stored: false,
        linked: false,
    })
}

fn arb_size() -> impl Strategy<Value = Option<u64>> {
    prop_oneof![Just(None), (98u64..=102).prop_map(Some)]
}

fn arb_sized_known() -> impl Strategy<Value = Known> {
    (arb_known(), arb_size(), arb_size()).prop_map(|(mut k, listed, received)| {
        k.listed_size = listed;
        k.received_size = received;
        k
    })
}

proptest! {
    #[test]
    fn invariants_hold_for_any_listing_ledger_and_policy(
        listing in proptest::collection::vec((0u8..30, arb_size()), 0..40),
        ledger in proptest::collection::hash_map(0u8..30, arb_sized_known(), 0..30),
        policy in arb_policy(),
    ) {
        let listing: Vec<Listed> = listing
            .iter()
            .enumerate()
            .map(|(i, (u, size))| Listed {
                number: i as u32 + 1,
                uidl: format!("u{u}"),
                size: *size,
            })
            .collect();
        let ledger: HashMap<String, Known> =
            ledger.into_iter().map(|(u, k)| (format!("u{u}"), k)).collect();
        let p = plan(&listing, &ledger, &policy, NOW);

        // Never delete what is not durably stored: the UIDL is in the ledger AND the server
        // lists it at the size recorded when it was stored (or, for entries from before
        // listed sizes, at the stored size).
        for (item, _) in &p.delete {
            let k = &ledger[&item.uidl];
            let size = item.size;
            prop_assert!(size.is_some());
            prop_assert!(
                k.listed_size == size || (k.listed_size.is_none() && k.received_size == size),
                "DELE for {:?} listed at {:?}, stored {:?}/{:?}",
                item.uidl, size, k.listed_size, k.received_size
            );
        }
        // Never fetch a stored message whose identity matches, and never a UIDL twice.
        let mut fetched = HashSet::new();
        for item in &p.fetch {
            if let Some(k) = ledger.get(&item.uidl) {
                prop_assert!(k.identity(item.size) != Identity::Same);
            }
            prop_assert!(fetched.insert(item.uidl.clone()));
        }
        // Every distinct new UIDL is fetched, and so is every known UIDL listed once at a
        // size other than the recorded one.
        let new: HashSet<&String> =
            listing.iter().map(|l| &l.uidl).filter(|u| !ledger.contains_key(*u)).collect();
        prop_assert_eq!(new.len() + p.recheck, p.fetch.len());
        for item in &listing {
            let once = listing.iter().filter(|l| l.uidl == item.uidl).count() == 1;
            if let Some(k) = ledger.get(&item.uidl)
                && once
                && k.identity(item.size) == Identity::Changed
            {
                prop_assert!(fetched.contains(&item.uidl));
            }
        }
        // A deleted message is never one that is listed twice, and its reason is the policy's.
        for (item, reason) in &p.delete {
            prop_assert_eq!(listing.iter().filter(|l| l.uidl == item.uidl).count(), 1);
            let k = &ledger[&item.uidl];
            prop_assert_eq!(Some(*reason), delete_reason(k, &policy, NOW));
        }
        // Keep mode without limits never deletes.
        if policy.leave_on_server && policy.keep_days.is_none() && !policy.delete_when_deleted_here {
            prop_assert!(p.delete.is_empty());
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

    /// Sessions of plan → download → store → plan → DELE against a server that reuses UIDLs
    /// for other messages (of other sizes), with the store's rule for a UIDL it knows (same
    /// bytes: the same message, its sizes recorded; other bytes: a new message). Whatever
    /// happens, every message the server loses through a DELE is one stored here.
    #[test]
    fn a_server_reusing_uidls_never_loses_a_message_we_do_not_hold(
        sessions in proptest::collection::vec(
            proptest::collection::vec((0u8..6, 0u16..40), 0..8), 1..8),
        policy in arb_policy(),
    ) {
        // The server: (uidl, content). Different messages have different sizes here (the
        // size is what identifies a server's copy; a reuse at the very same size is beyond
        // what POP3 lets a client see without downloading).
        let size_of = |content: u16| 100 + u64::from(content);
        let mut server: Vec<(String, u16)> = Vec::new();
        let mut stored: HashSet<u16> = HashSet::new();
        // The ledger, plus the content each entry stored (what its hash would say).
        let mut ledger: HashMap<String, (Known, u16)> = HashMap::new();
        for (session, arrivals) in sessions.iter().enumerate() {
            let now = NOW + session as i64 * 10 * DAY;
            for (u, content) in arrivals {
                // A reused UIDL replaces whatever the server had under it.
                server.retain(|(uidl, _)| *uidl != format!("u{u}"));
                server.push((format!("u{u}"), *content));
            }
            let listing: Vec<Listed> = server
                .iter()
                .enumerate()
                .map(|(i, (uidl, c))| sized(i as u32 + 1, uidl, size_of(*c)))
                .collect();
            let view = |l: &HashMap<String, (Known, u16)>| -> HashMap<String, Known> {
                l.iter().map(|(u, (k, _))| (u.clone(), k.clone())).collect()
            };
            let first = plan(&listing, &view(&ledger), &policy, now);
            for item in &first.fetch {
                let content = server[item.number as usize - 1].1;
                stored.insert(content);
                let entry = Known {
                    first_stored_at: now,
                    server: ServerCopy::OnServer,
                    deleted_here: false,
                    listed_size: item.size,
                    received_size: Some(size_of(content)),
                    not_stored: false,
        linked: false,
                };
                match ledger.get_mut(&item.uidl) {
                    Some((k, c)) if *c == content => {
                        k.listed_size = item.size;
                        k.received_size = entry.received_size;
                    }
                    _ => {
                        ledger.insert(item.uidl.clone(), (entry, content));
                    }
                }
            }
            let second = plan(&listing, &view(&ledger), &policy, now);
            let mut gone = HashSet::new();
            for (item, _) in &second.delete {
                let content = server[item.number as usize - 1].1;
                prop_assert!(stored.contains(&content), "DELE of content {} never stored", content);
                gone.insert(item.number);
                if let Some((k, _)) = ledger.get_mut(&item.uidl) {
                    k.server = ServerCopy::Deleted;
                }
            }
            server = server
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !gone.contains(&(*i as u32 + 1)))
                .map(|(_, m)| m)
                .collect();
            // The user deletes everything here now and then.
            if session % 3 == 2 {
                for (k, _) in ledger.values_mut() {
                    k.deleted_here = true;
                }
            }
        }
    }
}

/// A UIDL another program downloaded (imported state): no message here, no sizes.
fn known_elsewhere(first_seen: i64) -> Known {
    Known {
        first_stored_at: first_seen,
        server: ServerCopy::OnServer,
        deleted_here: false,
        listed_size: None,
        received_size: None,
        not_stored: true,
        linked: false,
    }
}

#[test]
fn imported_uidls_are_neither_fetched_nor_deleted_and_stale_ones_are_named() {
    let listing = [listed(1, "a"), listed(2, "b")];
    let ledger = HashMap::from([
        ("a".to_owned(), known_elsewhere(NOW - 400 * DAY)),
        ("gone".to_owned(), known_elsewhere(NOW - 400 * DAY)),
    ]);
    let policy = Policy {
        leave_on_server: true,
        keep_days: Some(1),
        delete_when_deleted_here: true,
    };
    let p = plan(&listing, &ledger, &policy, NOW);
    assert_eq!(p.fetch, vec![listed(2, "b")]);
    assert!(
        p.delete.is_empty(),
        "retention does not reach what is not stored here"
    );
    assert_eq!(p.known_not_stored, 1);
    assert_eq!(p.stale_known, ["gone"]);
    assert!(!p.needs_sizes);
}

proptest! {
    #[test]
    fn no_policy_deletes_or_fetches_an_imported_uidl(
        policy in arb_policy(),
        age in 0i64..400 * DAY,
        size in proptest::option::of(1u64..10_000),
    ) {
        let listing = [Listed { number: 1, uidl: "x".to_owned(), size }];
        let ledger = HashMap::from([("x".to_owned(), known_elsewhere(NOW - age))]);
        let p = plan(&listing, &ledger, &policy, NOW);
        prop_assert!(p.delete.is_empty());
        prop_assert!(p.fetch.is_empty());
        prop_assert_eq!(p.known_not_stored, 1);
    }
}

//! Message rules and junk over real mail (the MIME fixtures) in a real store: every condition
//! and action, table-driven; a property that rules never lose or duplicate a message; the
//! "filter pending" mark that makes filtering crash-safe.
use super::*;
use postfach::rules::{self, Mail};
use postfach::store::{
    Action, Condition, Field, FolderId, FolderParent, JunkSettings, Rule, Selection, Test,
};
use proptest::prelude::*;

fn eml(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/eml")
        .join(format!("{name}.eml"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(field: Field, test: Test, value: &str) -> Condition {
    Condition::Text {
        field,
        test,
        value: value.to_owned(),
    }
}

fn rule(name: &str, conditions: Vec<Condition>, actions: Vec<Action>) -> Rule {
    Rule {
        name: name.to_owned(),
        enabled: true,
        account: None,
        match_all: true,
        conditions,
        actions,
    }
}

fn matches(fixture: &str, condition: &Condition) -> bool {
    let r = rule("t", vec![condition.clone()], vec![Action::Flag]);
    let compiled = match rules::Compiled::new(1, &r) {
        Ok(c) => c,
        Err(e) => panic!("{condition:?}: {e}"),
    };
    let raw = eml(fixture);
    compiled.matches(&Mail::new(&raw))
}

#[test]
fn every_condition_over_sample_and_hostile_mail() {
    use Field::*;
    use Test::*;
    let header = |n: &str| Header(n.to_owned());
    let table: Vec<(&str, Condition, bool)> = vec![
        // From: decoded (RFC 2047, ISO-8859-1), folded like search
        ("umlaut-headers", text(From, Contains, "muller"), true),
        ("umlaut-headers", text(From, Contains, "Müller"), true),
        ("umlaut-headers", text(From, Contains, "MUELLER"), true),
        (
            "umlaut-headers",
            text(From, Is, "juergen.mueller@example.de"),
            true,
        ),
        ("umlaut-headers", text(From, Is, "jürgen müller"), true),
        ("umlaut-headers", text(From, Is, "müller"), false),
        ("umlaut-headers", text(From, BeginsWith, "jürgen"), true),
        ("umlaut-headers", text(From, EndsWith, "@example.de"), true),
        ("umlaut-headers", text(From, NotContains, "müller"), false),
        ("umlaut-headers", text(From, NotContains, "schmidt"), true),
        (
            "umlaut-headers",
            text(From, Matches, r"^j.rgen m.ller$"),
            true,
        ),
        (
            "umlaut-headers",
            text(From, Matches, r"^J\w+ MÜLLER$"),
            true,
        ),
        // To, Cc, To-or-Cc: each recipient on its own
        ("umlaut-headers", text(To, Contains, "baecker"), true),
        ("umlaut-headers", text(To, Contains, "bäcker, gréta"), true),
        ("umlaut-headers", text(To, Contains, "schroeder"), false),
        ("umlaut-headers", text(Cc, Contains, "Schröder"), true),
        (
            "umlaut-headers",
            text(Cc, Is, "info@strassenbau-koeln.example"),
            true,
        ),
        (
            "umlaut-headers",
            text(ToOrCc, Contains, "strassenbau köln"),
            true,
        ),
        ("umlaut-headers", text(ToOrCc, Contains, "Straßenbau"), true),
        ("umlaut-headers", text(ToOrCc, EndsWith, ".org"), true),
        // Subject: two encoded words in two charsets
        (
            "umlaut-headers",
            text(Subject, Contains, "grüsse aus köln"),
            true,
        ),
        ("umlaut-headers", text(Subject, BeginsWith, "grüße"), true),
        ("umlaut-headers", text(Subject, EndsWith, "für märz"), true),
        (
            "umlaut-headers",
            text(Subject, Contains, "ueberblick"),
            true,
        ),
        (
            "qp-german-body",
            text(Subject, Is, "ihre jahresabrechnung fur 2023"),
            true,
        ),
        ("html-newsletter", text(Subject, Contains, "🚲"), true),
        // a header by name, any case, decoded
        (
            "umlaut-headers",
            text(header("reply-to"), Contains, "büro müller"),
            true,
        ),
        (
            "html-newsletter",
            text(header("List-Unsubscribe"), Contains, "abmelden"),
            true,
        ),
        (
            "html-newsletter",
            text(header("X-Missing"), Contains, ""),
            false,
        ),
        (
            "html-newsletter",
            text(header("X-Missing"), NotContains, "x"),
            true,
        ),
        (
            "umlaut-headers",
            text(header("Received"), Contains, "pop.example.net"),
            true,
        ),
        // the body as text: quoted-printable Latin-1, HTML
        ("qp-german-body", text(Body, Contains, "massnahmen"), true),
        (
            "qp-german-body",
            text(Body, Contains, "Gegenüber dem Vorjahr"),
            true,
        ),
        (
            "html-newsletter",
            text(Body, Contains, "document.location"),
            false,
        ),
        // hostile mail: names and bodies are only text
        ("hostile-names", text(Subject, Matches, r"(a+)+$"), false),
        (
            "hostile-names",
            text(Body, Contains, "anhänge öffnen"),
            true,
        ),
        ("hostile-names", text(From, Contains, "it-support"), true),
        ("broken-no-headers", text(From, Contains, ""), false),
        ("broken-no-headers", text(Subject, Is, ""), true),
        ("broken-binary-garbage", text(Subject, Contains, "x"), false),
        // size and attachments
        ("hostile-names", Condition::HasAttachments, true),
        ("rfc2231-names", Condition::HasAttachments, true),
        ("umlaut-headers", Condition::HasAttachments, false),
        ("umlaut-headers", Condition::SizeGreater(100), true),
        ("umlaut-headers", Condition::SizeGreater(1_000_000), false),
        ("umlaut-headers", Condition::SizeLess(1_000_000), true),
        ("umlaut-headers", Condition::SizeLess(100), false),
    ];
    let mut failed = Vec::new();
    for (fixture, condition, expected) in &table {
        if matches(fixture, condition) != *expected {
            failed.push(format!("{fixture}: {condition:?} should be {expected}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_huge_or_broken_regular_expression_is_refused_before_it_is_stored() {
    let big = rule(
        "gross",
        vec![text(
            Field::Subject,
            Test::Matches,
            r"\w{1000}\w{1000}\w{1000}",
        )],
        vec![Action::Flag],
    );
    assert!(matches!(
        rules::validate(&big),
        Err(rules::Error::Pattern { .. })
    ));
    let broken = rule(
        "kaputt",
        vec![text(Field::Subject, Test::Matches, "(unclosed")],
        vec![Action::Flag],
    );
    assert!(rules::validate(&broken).is_err());
    let fine = rule(
        "gut",
        vec![text(Field::Subject, Test::Matches, "rechnung|invoice")],
        vec![Action::Flag],
    );
    assert!(rules::validate(&fine).is_ok());
}

/// Fetches the fixtures into the account's Inbox as the fetch engine does (the rules have not
/// run yet: they are pending).
fn fetch_fixtures(
    store: &mut Store,
    account: AccountId,
    names: &[&str],
) -> Result<Vec<MessageId>, Error> {
    let batch: Vec<Fetched> = names
        .iter()
        .map(|n| {
            let raw = eml(n);
            Fetched {
                uidl: (*n).to_owned(),
                listed_size: raw.len() as u64,
                summary: postfach::mime::summarize(&raw),
                raw,
            }
        })
        .collect();
    Ok(store
        .store_fetched(account, &batch, NOW)?
        .iter()
        .filter_map(|o| o.message())
        .collect())
}

const SAMPLES: [&str; 6] = [
    "umlaut-headers",
    "qp-german-body",
    "html-newsletter",
    "hostile-names",
    "rfc2231-names",
    "broken-no-headers",
];

#[test]
fn every_action_runs_in_order_and_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let bills = store.create_folder(FolderParent::Top(Some(account)), "Rechnungen")?;
    let people = store.create_local_folder("Leute")?;
    let gone = store.create_local_folder("Weg")?;
    let add = |store: &mut Store, r: Rule| -> Result<(), Box<dyn std::error::Error>> {
        rules::validate(&r)?;
        store.add_rule(&r)?;
        Ok(())
    };
    // 1: bills are read, flagged and moved; later rules still see them
    add(
        &mut store,
        rule(
            "Rechnungen",
            vec![text(Field::Subject, Test::Contains, "jahresabrechnung")],
            vec![Action::MarkRead, Action::Flag, Action::MoveTo(bills)],
        ),
    )?;
    // 2: any of two conditions; a copy, then stop
    let mut any = rule(
        "Müllers",
        vec![
            text(Field::From, Test::Contains, "muller"),
            text(Field::To, Test::Is, "andre.weiss@example.de"),
        ],
        vec![Action::CopyTo(people), Action::Stop],
    );
    any.match_all = false;
    add(&mut store, any)?;
    // 3: never reached for those two (stopped); newsletters to the Trash
    add(
        &mut store,
        rule(
            "Newsletter",
            vec![text(
                Field::Header("List-Unsubscribe".into()),
                Test::Contains,
                "http",
            )],
            vec![Action::Trash],
        ),
    )?;
    // 4: a disabled rule does nothing
    let mut off = rule("Aus", vec![], vec![Action::Trash]);
    off.enabled = false;
    add(&mut store, off)?;
    // 5: a rule into a folder that is gone later is skipped, not an error
    add(
        &mut store,
        rule(
            "Weg",
            vec![Condition::HasAttachments],
            vec![Action::MoveTo(gone)],
        ),
    )?;
    store.delete_local_folder(gone)?;
    // 6: a rule for another account does not apply
    let other = store.add_account(&settings("privat"))?;
    let mut theirs = rule("Andere", vec![], vec![Action::Trash]);
    theirs.account = Some(other);
    add(&mut store, theirs)?;

    let ids = fetch_fixtures(&mut store, account, &SAMPLES)?;
    assert_eq!(store.filter_pending(account, 100)?.len(), SAMPLES.len());
    let report = rules::filter_pending(&mut store, account)?;
    assert_eq!(report.checked, SAMPLES.len());
    assert_eq!((report.moved, report.copied, report.trashed), (1, 2, 1));
    assert_eq!(report.skipped, 2, "two mails with attachments, folder gone");
    assert!(store.filter_pending(account, 100)?.is_empty());

    let inbox = store.folder(account, FolderKind::Inbox)?;
    let trash = store.folder(account, FolderKind::Trash)?;
    let at = |store: &Store, i: usize| store.message(ids[i]).map(|m| (m.folder, m.seen, m.flagged));
    assert_eq!(at(&store, 0)?, (inbox, false, false), "umlaut: copied only");
    assert_eq!(
        at(&store, 1)?,
        (bills, true, true),
        "bill: read, flagged, moved"
    );
    assert_eq!(at(&store, 2)?, (trash, false, false), "newsletter: trashed");
    assert_eq!(at(&store, 3)?, (inbox, false, false));
    let copies = store.list(&page(Scope::Folder(people)))?;
    assert_eq!(copies.len(), 2);
    let copied_bill = copies
        .iter()
        .find(|c| c.uidl.as_deref() == Some("qp-german-body"));
    let copied_bill = copied_bill.ok_or("bill copy")?;
    assert!(
        copied_bill.seen && copied_bill.flagged,
        "copied after it was marked"
    );
    // running again changes nothing: nothing is pending
    assert_eq!(rules::filter_pending(&mut store, account)?.checked, 0);
    // "Run rules now" on a folder acts on every message in it, pending or not
    let mut seen = Vec::new();
    let again = rules::run_rules(
        &mut store,
        &Selection::folder(people),
        None,
        &mut |done, total| seen.push((done, total)),
    )?;
    assert_eq!(again.checked, 2);
    assert_eq!(seen.last(), Some(&(2, 2)));
    // the trashed newsletter is restorable; nothing was deleted for good
    assert!(nothing_deleted_here(&store, account)?);
    Ok(())
}

#[test]
fn junk_goes_to_junk_unless_the_sender_is_not_junk() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let spam = |uidl: &str, from: &str, header: &str| -> Fetched {
        let raw = format!(
            "From: {from}\r\nSubject: Gewinn\r\n{header}\r\nMessage-ID: <{uidl}@x>\r\n\r\nJetzt!\r\n"
        )
        .into_bytes();
        Fetched {
            uidl: uidl.to_owned(),
            listed_size: raw.len() as u64,
            summary: postfach::mime::summarize(&raw),
            raw,
        }
    };
    // a rule that would catch everything does not run on junk
    store.add_rule(&rule("Alles", vec![], vec![Action::Flag]))?;
    let batch = [
        spam("s1", "spam@bad.example", "X-Spam-Flag: YES"),
        spam(
            "s2",
            "Freund <freund@good.example>",
            "X-Spam-Status: Yes, score=6.0",
        ),
        spam("s3", "ham@good.example", "X-Spam-Status: No, score=0.0"),
    ];
    store.store_fetched(account, &batch[..1], NOW)?;
    let report = rules::filter_pending(&mut store, account)?;
    assert_eq!(report.junk, 1);
    let junk = store.folder(account, FolderKind::Junk)?;
    let first = store.list(&page(Scope::Folder(junk)))?;
    assert_eq!(first.len(), 1);
    assert!(!first[0].flagged);
    // "Not junk": back to the Inbox, and the sender is remembered
    let moved = store.mark_not_junk(&Selection::Ids(vec![first[0].id]), NOW)?;
    assert_eq!(moved.len(), 1);
    assert!(store.is_not_junk_sender("SPAM@bad.example")?);
    store.store_fetched(account, &batch[1..], NOW)?;
    store.store_fetched(
        account,
        &[spam("s4", "spam@bad.example", "X-Spam: Yes")],
        NOW,
    )?;
    let report = rules::filter_pending(&mut store, account)?;
    assert_eq!((report.checked, report.junk), (3, 1), "only s2 is junk now");
    let inbox = store.list(&page(Scope::Account(account, FolderKind::Inbox)))?;
    let mut uidls: Vec<_> = inbox.iter().filter_map(|r| r.uidl.clone()).collect();
    uidls.sort();
    assert_eq!(uidls, ["s1", "s3", "s4"]);
    assert!(
        inbox
            .iter()
            .filter(|r| r.uidl.as_deref() != Some("s1"))
            .all(|r| r.flagged)
    );
    // "Junk" by hand, then undo
    let marked = store.mark_junk(&Selection::Ids(vec![inbox[0].id]))?;
    assert_eq!(store.message(inbox[0].id)?.folder, junk);
    store.undo_move(&marked)?;
    // switched off: junk stays in the Inbox
    store.set_junk_settings(
        account,
        &JunkSettings {
            enabled: false,
            ..JunkSettings::default()
        },
    )?;
    store.store_fetched(
        account,
        &[spam("s5", "x@bad.example", "X-Spam-Flag: YES")],
        NOW,
    )?;
    assert_eq!(rules::filter_pending(&mut store, account)?.junk, 0);
    Ok(())
}

#[test]
fn old_junk_is_deleted_here_and_the_server_follows_only_the_policy() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    assert_eq!(store.junk_settings(account)?, JunkSettings::default());
    store.store_fetched(account, &[fetched("old", "Alt", NOW)], NOW)?;
    store.store_fetched(account, &[fetched("new", "Neu", NOW)], NOW + 20 * 86_400)?;
    let inbox = store.folder(account, FolderKind::Inbox)?;
    let all = store.selection_ids(&Selection::folder(inbox))?;
    store.mark_junk(&Selection::Ids(all))?;
    assert_eq!(store.delete_old_junk(account, NOW + 29 * 86_400)?, 0);
    assert_eq!(store.delete_old_junk(account, NOW + 31 * 86_400)?, 1);
    let ledger = store.ledger(account)?;
    let old = ledger.iter().find(|e| e.uidl == "old").ok_or("old")?;
    // the last local copy is gone: the ledger says so; whether the server's copy goes is the
    // account's "delete from the server when deleted here" (sync::plan), off by default
    assert_eq!(old.local_deleted_at, Some(NOW + 31 * 86_400));
    assert_eq!(old.state, ServerState::OnServer);
    store.set_junk_settings(
        account,
        &JunkSettings {
            keep_days: None,
            ..JunkSettings::default()
        },
    )?;
    assert_eq!(store.delete_old_junk(account, NOW + 365 * 86_400)?, 0);
    Ok(())
}

#[test]
fn rules_keep_their_order_and_survive_reopening() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, _) = open_with_account(dir.path())?;
    let a = store.add_rule(&rule("a", vec![], vec![Action::Flag]))?;
    let b = store.add_rule(&rule(
        "b",
        vec![Condition::SizeLess(10)],
        vec![Action::MarkRead],
    ))?;
    let c = store.add_rule(&rule("c", vec![], vec![Action::Trash, Action::Stop]))?;
    store.reorder_rules(&[c, a])?;
    store.set_rule_enabled(a, false)?;
    store.remove_rule(b)?;
    assert!(
        store
            .add_rule(&rule(" ", vec![], vec![Action::Flag]))
            .is_err()
    );
    assert!(
        store
            .add_rule(&rule("x", vec![], vec![Action::Stop]))
            .is_err()
    );
    drop(store);
    let store = Store::open_in(dir.path())?;
    let stored = store.rules()?;
    let names: Vec<(&str, bool)> = stored
        .iter()
        .map(|r| (r.rule.name.as_str(), r.rule.enabled))
        .collect();
    assert_eq!(names, [("c", true), ("a", false)]);
    assert_eq!(stored[0].rule.actions, [Action::Trash, Action::Stop]);
    Ok(())
}

/// A rule made of pieces the property test picks from.
fn arb_rule(folders: [FolderId; 2]) -> impl Strategy<Value = Rule> {
    let condition = prop_oneof![
        Just(text(Field::From, Test::Contains, "müller")),
        Just(text(Field::Subject, Test::NotContains, "a")),
        Just(text(Field::Body, Test::Contains, "e")),
        Just(text(Field::ToOrCc, Test::EndsWith, ".de")),
        Just(text(Field::Subject, Test::Matches, "^[a-m]")),
        Just(Condition::HasAttachments),
        Just(Condition::SizeGreater(900)),
    ];
    let action = prop_oneof![
        Just(Action::MoveTo(folders[0])),
        Just(Action::MoveTo(folders[1])),
        Just(Action::CopyTo(folders[0])),
        Just(Action::CopyTo(folders[1])),
        Just(Action::MarkRead),
        Just(Action::Flag),
        Just(Action::Trash),
        Just(Action::Stop),
    ];
    (
        prop::collection::vec(condition, 0..3),
        prop::collection::vec(action, 1..4),
        any::<bool>(),
    )
        .prop_map(|(conditions, mut actions, match_all)| {
            actions.push(Action::MarkRead);
            Rule {
                name: "p".into(),
                enabled: true,
                account: None,
                match_all,
                conditions,
                actions,
            }
        })
}

/// (distinct messages by their index key, rows, rows per folder kind) of the whole store.
fn census(store: &Store) -> Result<(usize, u64), Error> {
    let mut keys = std::collections::BTreeSet::new();
    let mut rows = 0;
    for f in store.folders()? {
        for r in store.list(&ListQuery {
            scope: Scope::Folder(f.id),
            unread_only: false,
            offset: 0,
            limit: 10_000,
        })? {
            keys.insert(r.sha256.clone());
            rows += 1;
        }
    }
    Ok((keys.len(), rows))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever the rules, no stored message is lost or made twice: the distinct messages are
    /// the same before and after (moving to the Trash keeps them too), the only new rows are
    /// the copies the rules asked for, and nothing is left pending or filtered twice.
    #[test]
    fn rules_never_lose_or_duplicate_a_message(
        picks in prop::collection::vec(0usize..SAMPLES.len(), 1..6),
        rule_set in prop::collection::vec(arb_rule([FolderId(-1), FolderId(-2)]), 1..4),
    ) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let fail = |e: &dyn std::fmt::Display| TestCaseError::fail(e.to_string());
        let (mut store, account) = open_with_account(dir.path()).map_err(|e| fail(&e))?;
        let a = store.create_local_folder("A").map_err(|e| fail(&e))?;
        let b = store.create_folder(FolderParent::In(a), "B").map_err(|e| fail(&e))?;
        // the strategy names the folders -1 and -2: these are A and B
        let real = |f: FolderId| if f == FolderId(-1) { a } else { b };
        for mut r in rule_set {
            for action in &mut r.actions {
                *action = match *action {
                    Action::MoveTo(f) => Action::MoveTo(real(f)),
                    Action::CopyTo(f) => Action::CopyTo(real(f)),
                    other => other,
                };
            }
            store.add_rule(&r).map_err(|e| fail(&e))?;
        }
        let names: Vec<&str> = picks.iter().map(|&i| SAMPLES[i]).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        fetch_fixtures(&mut store, account, &unique).map_err(|e| fail(&e))?;
        let (distinct_before, rows_before) = census(&store).map_err(|e| fail(&e))?;
        let report = rules::filter_pending(&mut store, account).map_err(|e| fail(&e))?;
        let (distinct_after, rows_after) = census(&store).map_err(|e| fail(&e))?;
        prop_assert_eq!(distinct_before, distinct_after);
        prop_assert_eq!(rows_after, rows_before + report.copied as u64);
        prop_assert!(store.filter_pending(account, 10).map_err(|e| fail(&e))?.is_empty());
        prop_assert_eq!(rules::filter_pending(&mut store, account).map_err(|e| fail(&e))?.checked, 0);
        prop_assert!(nothing_deleted_here(&store, account).map_err(|e| fail(&e))?);
    }
}

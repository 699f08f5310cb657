use super::*;

const NOW: i64 = 1_767_225_600;
const DAYS: i64 = 86_400;

fn received(b: &mut Builder, from: (&str, &str), to: &str, age_days: i64) {
    b.add(Role::Received(1.0), from, to, "", NOW - age_days * DAYS);
}

fn sent(b: &mut Builder, to: &str, age_days: i64) {
    b.add(
        Role::Sent(1.0),
        ("Erika Mustermann", "erika@example.de"),
        to,
        "",
        NOW - age_days * DAYS,
    );
}

fn emails(found: &[&Contact]) -> Vec<String> {
    found.iter().map(|c| c.email.clone()).collect()
}

#[test]
fn a_list_is_read_back_with_commas_in_names() {
    assert_eq!(parse_list(""), []);
    assert_eq!(parse_list("  "), []);
    assert_eq!(
        parse_list("Anna Müller <anna@example.org>"),
        [(Some("Anna Müller"), "anna@example.org")]
    );
    assert_eq!(
        parse_list("Müller, Anna <anna@example.org>, bob@example.org"),
        [
            (Some("Müller, Anna"), "anna@example.org"),
            (None, "bob@example.org")
        ]
    );
    assert_eq!(
        parse_list("a@x.de, b@y.de, Müller, Anna <anna@example.org>, Jo <jo@z.de>"),
        [
            (None, "a@x.de"),
            (None, "b@y.de"),
            (Some("Müller, Anna"), "anna@example.org"),
            (Some("Jo"), "jo@z.de"),
        ]
    );
    assert_eq!(
        parse_list("a@x.de,b@y.de"),
        [(None, "a@x.de"), (None, "b@y.de")]
    );
    // an unclosed bracket ends the list (the index drops what is not an address, and a name
    // that is the address itself)
    assert_eq!(
        parse_list("x@y.de <x@y.de>, Anna <anna@x"),
        [(Some("x@y.de"), "x@y.de"), (None, "Anna <anna@x")]
    );
    assert_eq!(parse_list("<solo@x.de>"), [(None, "solo@x.de")]);
}

#[test]
fn what_is_not_an_address_is_no_contact() {
    let mut b = Builder::new(NOW, []);
    received(
        &mut b,
        ("", "undisclosed-recipients"),
        "undisclosed-recipients:;, Anna <anna@x, <>, @x.de, a@, ok@x.de",
        1,
    );
    let c = b.finish();
    assert_eq!(emails(&c.complete("ok", 10)), ["ok@x.de"]);
    assert_eq!(c.len(), 1);
}

#[test]
fn often_and_recent_beats_rare_and_old() {
    let mut b = Builder::new(NOW, []);
    for age in [1, 3, 7, 20] {
        received(&mut b, ("Often", "often@x.de"), "", age);
    }
    received(&mut b, ("Rare", "rare@x.de"), "", 2);
    received(&mut b, ("Old", "old@x.de"), "", 400);
    for _ in 0..3 {
        received(&mut b, ("Old and often", "oldoften@x.de"), "", 700);
    }
    let c = b.finish();
    let order: Vec<_> = c.ranked().map(|(c, _)| c.email.as_str()).collect();
    assert_eq!(
        order,
        ["often@x.de", "rare@x.de", "oldoften@x.de", "old@x.de"]
    );
    let scores: Vec<f64> = c.ranked().map(|(_, s)| s).collect();
    // one message today weighs 1, a month old half
    let mut one = Builder::new(NOW, []);
    received(&mut one, ("", "today@x.de"), "", 0);
    received(&mut one, ("", "month@x.de"), "", 30);
    let one = one.finish();
    let s: Vec<f64> = one.ranked().map(|(_, s)| s).collect();
    assert!(
        (s[0] - 1.0).abs() < 1e-9 && (s[1] - 0.5).abs() < 1e-9,
        "{s:?}"
    );
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn writing_to_someone_beats_hearing_from_them() {
    let mut b = Builder::new(NOW, []);
    received(&mut b, ("Sender", "sender@x.de"), "", 5);
    received(&mut b, ("Sender", "sender@x.de"), "", 5);
    sent(&mut b, "Friend <friend@x.de>", 5);
    // another recipient of received mail counts less than its sender
    received(&mut b, ("Zed", "zed@x.de"), "Cc Person <cc@x.de>", 5);
    let c = b.finish();
    let order: Vec<_> = c.ranked().map(|(c, _)| c.email.as_str()).collect();
    assert_eq!(order, ["friend@x.de", "sender@x.de", "zed@x.de", "cc@x.de"]);
}

#[test]
fn the_user_is_not_their_own_contact() {
    let mut b = Builder::new(NOW, ["Me@Account.de"]);
    received(&mut b, ("Anna", "anna@x.de"), "Me <me@account.de>", 1);
    received(&mut b, ("Bob", "bob@x.de"), "Erika <erika@example.de>", 1);
    sent(&mut b, "Bob <bob@x.de>", 1);
    let c = b.finish();
    let order: Vec<_> = c.ranked().map(|(c, _)| c.email.as_str()).collect();
    assert_eq!(order, ["bob@x.de", "anna@x.de"]);
    // unless they write to themselves
    let mut b = Builder::new(NOW, ["me@account.de"]);
    sent(&mut b, "Me <me@account.de>", 1);
    assert_eq!(emails(&b.finish().complete("me", 5)), ["me@account.de"]);
}

#[test]
fn folders_decide_how_mail_counts() {
    assert_eq!(Role::of(FolderKind::Sent, None), Role::Sent(1.0));
    assert_eq!(Role::of(FolderKind::Outbox, None), Role::Sent(1.0));
    assert_eq!(Role::of(FolderKind::Inbox, None), Role::Received(1.0));
    assert_eq!(Role::of(FolderKind::Local, None), Role::Received(1.0));
    assert_eq!(Role::of(FolderKind::Junk, None), Role::Ignored);
    assert_eq!(Role::of(FolderKind::Drafts, None), Role::Ignored);
    assert_eq!(
        Role::of(FolderKind::Trash, Some(FolderKind::Sent)),
        Role::Sent(0.5)
    );
    assert_eq!(
        Role::of(FolderKind::Trash, Some(FolderKind::Inbox)),
        Role::Received(0.5)
    );
    assert_eq!(Role::of(FolderKind::Trash, None), Role::Received(0.5));
    assert_eq!(
        Role::of(FolderKind::Trash, Some(FolderKind::Junk)),
        Role::Ignored
    );
    let mut b = Builder::new(NOW, []);
    b.add(Role::Ignored, ("Spam", "spam@x.de"), "a@x.de", "", NOW);
    assert!(b.finish().is_empty());
}

#[test]
fn no_reply_senders_rank_low() {
    let mut b = Builder::new(NOW, []);
    for _ in 0..5 {
        received(&mut b, ("Shop", "no-reply@shop.de"), "", 1);
        received(&mut b, ("", "MAILER-DAEMON@mx.de"), "", 1);
    }
    received(&mut b, ("Person", "person@shop.de"), "", 1);
    let order = emails(&b.finish().complete("shop", 5));
    assert_eq!(order, ["person@shop.de", "no-reply@shop.de"]);
}

#[test]
fn the_newest_name_and_spelling_win() {
    let mut b = Builder::new(NOW, []);
    received(&mut b, ("Anna M.", "Anna@X.de"), "", 10);
    received(&mut b, ("", "anna@x.de"), "", 5);
    received(&mut b, ("'Anna Müller'", "ANNA@x.de"), "", 7);
    received(&mut b, ("Old Name", "anna@x.de"), "", 30);
    let c = b.finish();
    assert_eq!(c.len(), 1, "one contact per address, whatever its case");
    let found = c.complete("anna", 5);
    assert_eq!(
        found,
        [&Contact {
            name: Some("Anna Müller".into()),
            email: "anna@x.de".into(),
        }]
    );
}

fn people() -> Contacts {
    let mut b = Builder::new(NOW, []);
    received(&mut b, ("Anna Müller", "anna.mueller@example.org"), "", 1);
    received(&mut b, ("Jan Mueller", "jan@firma.de"), "", 2);
    received(&mut b, ("Jürgen Weiß", "j_weiss+news@web.de"), "", 3);
    received(&mut b, ("Müller, Sabine", "sabine@example.org"), "", 4);
    received(&mut b, ("Karl-Heinz Meyer-Schmidt", "khms@firma.de"), "", 5);
    received(&mut b, ("Mullins", "mullins@x.com"), "", 6);
    b.finish()
}

#[test]
fn names_match_with_and_without_umlauts() {
    let c = people();
    let find = |typed: &str| emails(&c.complete(typed, 10));
    for typed in ["muller", "Müller", "MÜLLER", "mueller", "Mueller", "mü"] {
        let found = find(typed);
        assert!(
            found.contains(&"anna.mueller@example.org".to_owned())
                && found.contains(&"sabine@example.org".to_owned()),
            "{typed:?}: {found:?}"
        );
    }
    assert_eq!(
        find("mül"),
        [
            "anna.mueller@example.org",
            "jan@firma.de",
            "sabine@example.org",
            "mullins@x.com"
        ],
        "as in search, a prefix with an umlaut also finds the letters without it"
    );
    assert_eq!(
        find("mul"),
        [
            "anna.mueller@example.org",
            "sabine@example.org",
            "mullins@x.com"
        ]
    );
    assert_eq!(find("jurgen"), ["j_weiss+news@web.de"]);
    assert_eq!(find("juergen"), ["j_weiss+news@web.de"]);
    assert_eq!(find("weiss"), ["j_weiss+news@web.de"]);
    assert_eq!(find("Weiß"), ["j_weiss+news@web.de"]);
}

#[test]
fn addresses_match_by_their_pieces() {
    let c = people();
    let find = |typed: &str| emails(&c.complete(typed, 10));
    assert_eq!(find("anna.mu"), ["anna.mueller@example.org"]);
    assert_eq!(find("anna.mueller@ex"), ["anna.mueller@example.org"]);
    assert_eq!(find("news"), ["j_weiss+news@web.de"]);
    assert_eq!(find("web.de"), ["j_weiss+news@web.de"]);
    assert_eq!(find("firma"), ["jan@firma.de", "khms@firma.de"]);
    assert_eq!(
        find("example.org"),
        ["anna.mueller@example.org", "sabine@example.org"]
    );
    assert_eq!(find("heinz"), ["khms@firma.de"]);
    assert_eq!(find("meyer-s"), ["khms@firma.de"]);
    // every word must match, in any order
    assert_eq!(find("anna mü"), ["anna.mueller@example.org"]);
    assert_eq!(find("mueller anna"), ["anna.mueller@example.org"]);
    assert_eq!(find("\"Müller, Sa"), ["sabine@example.org"]);
    // not inside a word
    assert_eq!(find("ller"), Vec::<String>::new());
    assert_eq!(find("xyz"), Vec::<String>::new());
}

#[test]
fn empty_text_and_limits_give_little() {
    let c = people();
    assert_eq!(c.len(), 6);
    assert!(!c.is_empty());
    assert!(c.complete("", 10).is_empty());
    assert!(c.complete("  \t", 10).is_empty());
    assert!(c.complete("\"<>", 10).is_empty());
    assert!(c.complete("mü", 0).is_empty());
    assert_eq!(
        emails(&c.complete("mü", 1)),
        ["anna.mueller@example.org"],
        "the best one"
    );
    assert!(Contacts::default().complete("a", 5).is_empty());
    assert!(Contacts::default().is_empty());
}

#[test]
fn the_index_keeps_the_best_contacts_only() {
    let mut b = Builder::new(NOW, []);
    // more addresses than the build keeps before it prunes, each newer than the one before
    let total = PRUNE_AT + 1_000;
    for i in 0..total {
        let email = format!("p{i}@x.de");
        let date = NOW - (total - i) as i64;
        b.add(Role::Received(1.0), ("", &email), "", "", date);
        assert!(b.tallies.len() < PRUNE_AT);
    }
    let c = b.finish();
    assert_eq!(c.len(), MAX_CONTACTS);
    let newest = format!("p{}@x.de", total - 1);
    assert_eq!(
        c.ranked().next().map(|(c, _)| c.email.clone()),
        Some(newest)
    );
    let oldest_kept = format!("p{}@x.de", total - MAX_CONTACTS);
    assert_eq!(emails(&c.complete(&oldest_kept, 1)), [oldest_kept]);
    let dropped = format!("p{}@x.de", total - MAX_CONTACTS - 200);
    assert!(c.complete(&dropped, 1).is_empty());
}

#[test]
fn display_reads_back_as_one_address() {
    use crate::send::addresses::{parse, split};
    for name in [
        None,
        Some("Anna Müller"),
        Some("Müller, Anna"),
        Some("J. R. Smith"),
        Some("a;b <c>"),
        Some("Anna \"Ani\" Müller"),
        Some("back\\slash"),
        Some("Anna (work)"),
        Some("line\r\nbreak"),
        Some(""),
    ] {
        let contact = Contact {
            name: name.map(str::to_owned),
            email: "anna@example.org".into(),
        };
        let shown = contact.display();
        let field = format!("{shown}, other@example.org");
        let entries = split(&field);
        assert_eq!(entries.len(), 2, "{shown}");
        let back = parse(&entries[0]).unwrap_or_else(|| panic!("{shown} does not parse"));
        assert_eq!(back.email, "anna@example.org", "{shown}");
        // on one line: white space and line breaks collapse to one space
        let expected = name
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|n| !n.is_empty());
        assert_eq!(back.name, expected, "{shown}");
    }
    let plain = Contact {
        name: Some("Anna Müller".into()),
        email: "anna@example.org".into(),
    };
    assert_eq!(plain.display(), "Anna Müller <anna@example.org>");
    let comma = Contact {
        name: Some("Müller, Anna".into()),
        email: "anna@x.de".into(),
    };
    assert_eq!(comma.display(), "\"Müller, Anna\" <anna@x.de>");
}

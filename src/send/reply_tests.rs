use super::*;
use crate::mime;

fn parsed(headers: &str, body: &str) -> Message {
    mime::parse(format!("{headers}\r\n\r\n{body}").as_bytes())
}

fn emails(list: &[Address]) -> Vec<&str> {
    list.iter().map(|a| a.email.as_str()).collect()
}

const ANNA: &str = "From: =?UTF-8?Q?Anna_M=C3=BCller?= <anna@example.org>\r\n\
    To: Ich <ich@example.de>, Bernd <bernd@example.org>\r\n\
    Cc: carla@example.org, ICH@example.de\r\n\
    Subject: AW: Re: AW: Grillfest\r\n\
    Message-ID: <m3@example.org>\r\n\
    References: <m1@example.de> <m2@example.org>";

#[test]
fn reply_goes_to_reply_to_else_from_with_one_prefix_and_the_thread() {
    let m = parsed(ANNA, "Hallo!");
    let d = reply(
        &m,
        ReplyTo::Sender,
        &["ich@example.de"],
        "",
        "",
        Prefixes::English,
    );
    assert_eq!(emails(&d.to), ["anna@example.org"]);
    assert!(d.cc.is_empty());
    assert_eq!(d.subject, "Re: Grillfest");
    assert_eq!(d.in_reply_to.as_deref(), Some("m3@example.org"));
    assert_eq!(
        d.references,
        ["m1@example.de", "m2@example.org", "m3@example.org"]
    );

    let with_reply_to = parsed(&format!("{ANNA}\r\nReply-To: liste@example.org"), "x");
    let d = reply(
        &with_reply_to,
        ReplyTo::Sender,
        &[],
        "",
        "",
        Prefixes::English,
    );
    assert_eq!(emails(&d.to), ["liste@example.org"]);
}

#[test]
fn reply_all_adds_the_others_without_the_users_own_addresses() {
    let m = parsed(ANNA, "Hallo!");
    let d = reply(
        &m,
        ReplyTo::All,
        &["ich@example.de"],
        "",
        "",
        Prefixes::English,
    );
    assert_eq!(emails(&d.to), ["anna@example.org", "bernd@example.org"]);
    assert_eq!(emails(&d.cc), ["carla@example.org"]);
}

#[test]
fn reply_to_list_uses_list_post() {
    let m = parsed(
        &format!("{ANNA}\r\nList-Post: <mailto:grill@lists.example.org?subject=x>"),
        "x",
    );
    assert_eq!(m.list_post.as_deref(), Some("grill@lists.example.org"));
    let d = reply(
        &m,
        ReplyTo::List,
        &["ich@example.de"],
        "",
        "",
        Prefixes::English,
    );
    assert_eq!(emails(&d.to), ["grill@lists.example.org"]);
}

#[test]
fn prefixes_never_stack_and_german_keeps_the_threads_word() {
    let cases = [
        ("Grillfest", Prefixes::English, "Re: Grillfest"),
        ("Re: Grillfest", Prefixes::English, "Re: Grillfest"),
        (
            "RE: re: Re[2]: Grillfest",
            Prefixes::English,
            "Re: Grillfest",
        ),
        ("AW: Grillfest", Prefixes::English, "Re: Grillfest"),
        ("AW: Grillfest", Prefixes::German, "AW: Grillfest"),
        ("Aw: WG: Grillfest", Prefixes::German, "AW: Grillfest"),
        ("Re: Grillfest", Prefixes::German, "Re: Grillfest"),
        ("Fwd: FW: Grillfest", Prefixes::German, "Re: Grillfest"),
        (
            "Reise: Anmeldung",
            Prefixes::English,
            "Re: Reise: Anmeldung",
        ),
        ("", Prefixes::English, "Re:"),
    ];
    for (subject, prefixes, expected) in cases {
        assert_eq!(
            with_prefix(subject, Kind::Reply, prefixes),
            expected,
            "{subject}"
        );
    }
    assert_eq!(
        with_prefix("Re: Fwd: Plan", Kind::Forward, Prefixes::English),
        "Fwd: Plan"
    );
    assert_eq!(
        with_prefix("WG: Plan", Kind::Forward, Prefixes::German),
        "WG: Plan"
    );
    assert_eq!(
        with_prefix("Plan", Kind::Forward, Prefixes::German),
        "Fwd: Plan"
    );
}

#[test]
fn the_quote_drops_the_signature_and_sits_under_the_attribution_and_signature() {
    let m = parsed(
        ANNA,
        "Hallo,\r\n\r\n> alt\r\nbis bald\r\n-- \r\nAnna Müller\r\nTel. 123\r\n",
    );
    let d = reply(
        &m,
        ReplyTo::Sender,
        &[],
        "Am 3. Dezember 2026 um 10:15 schrieb Anna Müller:",
        "Erika\nwww.example.de",
        Prefixes::German,
    );
    assert_eq!(
        d.body,
        "\n\n-- \nErika\nwww.example.de\n\n\
         Am 3. Dezember 2026 um 10:15 schrieb Anna Müller:\n\
         > Hallo,\n>\n>> alt\n> bis bald\n"
    );
}

#[test]
fn forwards_carry_the_header_block_or_nothing_inline() {
    let m = parsed(ANNA, "Text\r\n-- \r\nSig\r\n");
    let d = forward_inline(
        &m,
        "-------- Original --------\nBetreff: Grillfest",
        "",
        Prefixes::German,
    );
    assert_eq!(d.subject, "WG: Grillfest");
    assert_eq!(
        d.body,
        "\n\n-------- Original --------\nBetreff: Grillfest\n\nText\n"
    );
    assert!(d.to.is_empty() && d.in_reply_to.is_none());
    let d = forward_as_attachment(&m, "Erika", Prefixes::English);
    assert_eq!(d.subject, "Fwd: Grillfest");
    assert_eq!(d.body, "\n\n-- \nErika\n\n");
}

#[test]
fn an_attachment_is_noticed_only_in_what_the_user_wrote() {
    assert!(mentions_attachment("Die Rechnung ist im Anhang."));
    assert!(mentions_attachment("Anbei das Foto"));
    assert!(mentions_attachment("Please find the report attached."));
    assert!(!mentions_attachment("Wir sehen uns morgen."));
    assert!(!mentions_attachment("Danke!\n> Im Anhang die Rechnung"));
    assert!(!mentions_attachment("Hallo\n-- \nAnhang: siehe Website"));
    assert!(!mentions_attachment("Anhänger der Kupplung"));
}

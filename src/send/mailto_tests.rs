use super::*;

fn ok(url: &str) -> Mailto {
    match parse(url) {
        Ok(m) => m,
        Err(e) => panic!("{url}: {e}"),
    }
}

fn to(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// RFC 6068 section 6.1 and 6.2, in the order they appear there.

#[test]
fn rfc_6068_simple_address() {
    assert_eq!(
        ok("mailto:chris@example.com"),
        Mailto {
            to: to(&["chris@example.com"]),
            ..Mailto::default()
        }
    );
}

#[test]
fn rfc_6068_subject() {
    let m = ok("mailto:infobot@example.com?subject=current-issue");
    assert_eq!(m.to, to(&["infobot@example.com"]));
    assert_eq!(m.subject, "current-issue");
    assert_eq!(m.body, "");
}

#[test]
fn rfc_6068_body_with_a_line_break() {
    let m = ok("mailto:infobot@example.com?body=send%20current-issue%0D%0Asend%20index");
    assert_eq!(m.to, to(&["infobot@example.com"]));
    assert_eq!(m.body, "send current-issue\nsend index");
}

#[test]
fn rfc_6068_in_reply_to_is_ignored() {
    assert_eq!(
        ok("mailto:list@example.org?In-Reply-To=%3C3469A91.D10AF4C@example.com%3E"),
        Mailto {
            to: to(&["list@example.org"]),
            ..Mailto::default()
        }
    );
}

#[test]
fn rfc_6068_subscribe_body() {
    let m = ok("mailto:majordomo@example.com?body=subscribe%20bamboo-l");
    assert_eq!(m.to, to(&["majordomo@example.com"]));
    assert_eq!(m.body, "subscribe bamboo-l");
}

#[test]
fn rfc_6068_cc_and_body() {
    assert_eq!(
        ok("mailto:joe@example.com?cc=bob@example.com&body=hello"),
        Mailto {
            to: to(&["joe@example.com"]),
            cc: to(&["bob@example.com"]),
            body: "hello".into(),
            ..Mailto::default()
        }
    );
}

#[test]
fn rfc_6068_to_in_the_query() {
    assert_eq!(
        ok("mailto:?to=joe@example.com&cc=bob@example.com&body=hello"),
        ok("mailto:joe@example.com?cc=bob@example.com&body=hello")
    );
}

#[test]
fn rfc_6068_percent_signs_ampersands_and_quotes_in_addresses() {
    assert_eq!(
        ok("mailto:gorby%25kremvax@example.com").to,
        to(&["gorby%kremvax@example.com"])
    );
    assert_eq!(
        ok("mailto:unlikely%3Faddress@example.com?blat=foop").to,
        to(&["unlikely?address@example.com"])
    );
    assert_eq!(
        ok("mailto:Mike%26family@example.org").to,
        to(&["Mike&family@example.org"])
    );
    assert_eq!(
        ok("mailto:%22not%40me%22@example.org").to,
        to(&["\"not@me\"@example.org"])
    );
    assert_eq!(
        ok("mailto:%22oh%5C%5Cno%22@example.org").to,
        to(&["\"oh\\\\no\"@example.org"])
    );
    // A quoted comma does not split the address.
    assert_eq!(
        ok("mailto:%22a%2Cb%22@example.org,c@example.org").to,
        to(&["\"a,b\"@example.org", "c@example.org"])
    );
}

#[test]
fn rfc_6068_utf8() {
    assert_eq!(
        ok("mailto:user@example.org?subject=caf%C3%A9").subject,
        "café"
    );
    assert_eq!(
        ok("mailto:user@example.org?subject=%3D%3Futf-8%3FQ%3Fcaf%3DC3%3DA9%3F%3D").subject,
        "=?utf-8?Q?caf=C3=A9?=",
        "an encoded word is text like any other"
    );
    assert_eq!(
        ok("mailto:user@%E7%B4%8D%E8%B1%86.example.org?subject=Test&body=NATTO").to,
        to(&["user@納豆.example.org"])
    );
}

#[test]
fn umlauts_encoded_and_raw() {
    let m = ok(
        "mailto:j%C3%BCrgen@m%C3%BCller.de?subject=Gr%C3%BC%C3%9Fe&body=Sch%C3%B6ne%20Gr%C3%BC%C3%9Fe%0A%E2%80%94%20Anna",
    );
    assert_eq!(m.to, to(&["jürgen@müller.de"]));
    assert_eq!(m.subject, "Grüße");
    assert_eq!(m.body, "Schöne Grüße\n— Anna");
    assert_eq!(ok("mailto:jürgen@müller.de?subject=Grüße").subject, "Grüße");
}

#[test]
fn several_recipients_in_every_field() {
    let m = ok(
        "mailto:a@example.org,b@example.org?to=c@example.org;d@example.org&TO=e@example.org\
         &cc=f@example.org&Cc=g@example.org&bcc=h@example.org,%20i@example.org&BCC=",
    );
    assert_eq!(
        m.to,
        to(&[
            "a@example.org",
            "b@example.org",
            "c@example.org",
            "d@example.org",
            "e@example.org"
        ])
    );
    assert_eq!(m.cc, to(&["f@example.org", "g@example.org"]));
    assert_eq!(m.bcc, to(&["h@example.org", "i@example.org"]));
    assert_eq!(
        ok("mailto:%22M%C3%BCller%2C%20Anna%22%20%3Canna@example.org%3E").to,
        to(&["\"Müller, Anna\" <anna@example.org>"])
    );
}

#[test]
fn scheme_and_field_names_in_any_case() {
    let m = ok("MailTo:anna@example.org?SUBJECT=Hallo&Body=Text");
    assert_eq!(m.to, to(&["anna@example.org"]));
    assert_eq!(m.subject, "Hallo");
    assert_eq!(m.body, "Text");
    assert_eq!(ok("MAILTO:").to, Vec::<String>::new());
}

#[test]
fn attachments_senders_and_other_fields_are_ignored() {
    let m = ok(
        "mailto:anna@example.org?attach=%2Fetc%2Fpasswd&attachment=file:///etc/shadow\
         &From=evil@example.com&X-Mailer=x&Reply-To=evil@example.com&in-reply-to=%3Cx@y%3E\
         &Attach=C:%5CUsers&subject=Hallo",
    );
    assert_eq!(
        m,
        Mailto {
            to: to(&["anna@example.org"]),
            subject: "Hallo".into(),
            ..Mailto::default()
        }
    );
    // Not even broken encoding in an ignored field is an error.
    assert_eq!(
        ok("mailto:anna@example.org?attach=%zz&x-%ff=%C3&%zz=1&novalue").to,
        to(&["anna@example.org"])
    );
}

#[test]
fn the_first_subject_and_body_count() {
    let m = ok("mailto:a@example.org?subject=one&subject=two&body=first&body=second");
    assert_eq!(m.subject, "one");
    assert_eq!(m.body, "first");
}

#[test]
fn plus_and_hash_are_kept() {
    let m = ok("mailto:anna+news@example.org?subject=1+1=2&body=C++%20%2B%20Rust #5");
    assert_eq!(m.to, to(&["anna+news@example.org"]));
    assert_eq!(m.subject, "1+1=2");
    assert_eq!(m.body, "C++ + Rust #5");
}

#[test]
fn controls_and_bidi_controls_are_removed() {
    let m = ok("mailto:anna@example.org%0D%0ABcc:%20evil@example.com\
         ?subject=Rechnung%0D%0ABcc:%20evil@example.com%E2%80%AEfdp.exe%1B%5B31m\
         &body=a%0D%0Ab%0Dc%0Ad%09e%00f%1B%5B2Jg%C2%9Bh%E2%80%AEi%E2%81%A6j%E2%80%8Fk\
         %F0%9F%91%A8%E2%80%8D%F0%9F%91%A9");
    // The line break in the address becomes a space: one entry, which is no address, and no
    // second header line.
    assert_eq!(m.to, to(&["anna@example.org  Bcc: evil@example.com"]));
    assert_eq!(m.subject, "Rechnung  Bcc: evil@example.comfdp.exe[31m");
    assert_eq!(m.body, "a\nb\nc\nd\tef[2Jghijk👨\u{200D}👩");
    assert!(m.bcc.is_empty());
}

#[test]
fn long_subjects_are_cut_and_too_long_links_refused() {
    let subject = "x".repeat(5000);
    let m = ok(&format!("mailto:a@example.org?subject={subject}"));
    assert_eq!(m.subject.chars().count(), MAX_LINE);
    assert!(m.subject.ends_with('…'));

    let body = "y".repeat(MAX_URL);
    assert_eq!(
        parse(&format!("mailto:a@example.org?body={body}")),
        Err(Error::TooLong { limit: MAX_URL })
    );
    let just_fits = format!("mailto:?body={}", "y".repeat(MAX_URL - 13));
    assert_eq!(just_fits.len(), MAX_URL);
    assert_eq!(ok(&just_fits).body.len(), MAX_URL - 13);
}

#[test]
fn broken_links_are_refused() {
    assert_eq!(parse("https://example.org"), Err(Error::NotMailto));
    assert_eq!(parse("mailto"), Err(Error::NotMailto));
    assert_eq!(parse("mäilto:a@example.org"), Err(Error::NotMailto));
    assert_eq!(parse(""), Err(Error::NotMailto));
    assert_eq!(parse("mailto:a%zz@example.org"), Err(Error::BadPercent));
    assert_eq!(
        parse("mailto:a@example.org?subject=100%"),
        Err(Error::BadPercent)
    );
    assert_eq!(
        parse("mailto:a@example.org?body=%4"),
        Err(Error::BadPercent)
    );
    assert_eq!(parse("mailto:a@example.org?to=%C3"), Err(Error::NotUtf8));
    assert_eq!(
        parse("mailto:a@example.org?subject=Gr%FC%DFe"),
        Err(Error::NotUtf8),
        "Latin-1 is not guessed at"
    );
}

#[test]
fn recognising_links() {
    assert!(is_mailto("mailto:a@example.org"));
    assert!(is_mailto("MAILTO:"));
    assert!(!is_mailto("mailto"));
    assert!(!is_mailto("/home/anna/mailto:x.eml"));
    assert!(!is_mailto("ä"));
    assert!(!is_mailto("mailtö:x"));
}

#[test]
fn error_texts_do_not_quote_the_link() {
    for e in [
        Error::NotMailto,
        Error::TooLong { limit: MAX_URL },
        Error::BadPercent,
        Error::NotUtf8,
    ] {
        let text = e.to_string();
        assert!(
            text.starts_with("not") || text.starts_with("the mailto: link"),
            "{text}"
        );
    }
}

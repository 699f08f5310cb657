use super::*;
use crate::mime;

fn who(name: &str, email: &str) -> Address {
    Address {
        name: (!name.is_empty()).then(|| name.to_owned()),
        email: email.to_owned(),
    }
}

fn outgoing() -> Outgoing {
    Outgoing {
        from: who("Jürgen Müller", "juergen@example.de"),
        reply_to: None,
        to: vec![who("Anna Straßer", "anna@example.org")],
        cc: vec![who("", "carla@example.org")],
        bcc: vec![who("Geheim Öffentlich", "bcc@example.net")],
        subject: "Grüße zum Straßenfest – Einladung".into(),
        body: format!(
            "Hallo Anna,\n\nanbei die Einladung. {}\n\n-- \nJürgen",
            "Sehr lange Zeile mit Umlauten äöü und ß. "
                .repeat(40)
                .trim_end()
        ),
        in_reply_to: Some("m3@example.org".into()),
        references: vec!["m1@example.de".into(), "m3@example.org".into()],
        attachments: vec![
            Attachment {
                name: "Einladung Straßenfest.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: (0..5000u32).map(|i| (i * 7) as u8).collect(),
            },
            Attachment {
                name: "Grüße.txt".into(),
                content_type: "text/plain".into(),
                bytes: "Grüße\n".as_bytes().to_vec(),
            },
        ],
        forwarded: None,
        message_id: new_message_id("juergen@example.de"),
        date: time::macros::datetime!(2026-12-03 10:15:00 +1),
    }
}

#[test]
fn what_is_built_parses_back_to_what_was_written() -> Result<(), BuildError> {
    let o = outgoing();
    let built = build(&o)?;
    let m = mime::parse(&built.transmitted);
    assert_eq!(m.subject, o.subject);
    assert_eq!(m.from[0].name.as_deref(), Some("Jürgen Müller"));
    assert_eq!(m.to[0].name.as_deref(), Some("Anna Straßer"));
    assert_eq!(m.cc[0].email, "carla@example.org");
    assert_eq!(m.message_id.as_deref(), Some(o.message_id.as_str()));
    assert_eq!(m.references, ["m1@example.de", "m3@example.org"]);
    assert_eq!(m.date, Some(o.date.unix_timestamp()));
    // format=flowed joins the soft breaks again.
    assert_eq!(m.body.text.trim_end(), o.body);
    let names: Vec<&str> = m.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Einladung Straßenfest.pdf", "Grüße.txt"]);
    assert_eq!(
        mime::attachment_bytes(&built.transmitted, m.attachments[0].index),
        Some(o.attachments[0].bytes.clone())
    );
    assert_eq!(
        built.recipients,
        ["anna@example.org", "carla@example.org", "bcc@example.net"]
    );
    assert_eq!(built.envelope_from, "juergen@example.de");
    Ok(())
}

#[test]
fn bcc_is_kept_only_in_the_stored_copy() -> Result<(), BuildError> {
    let built = build(&outgoing())?;
    let sent = String::from_utf8_lossy(&built.transmitted);
    // (not a search for "bcc" anywhere: a random boundary may hold those letters)
    assert!(
        !sent
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
        "{sent}"
    );
    assert!(!sent.contains("bcc@example.net"));
    assert!(built.stored.starts_with(b"Bcc: "));
    assert!(built.stored.ends_with(&built.transmitted));
    let stored = String::from_utf8_lossy(&built.stored);
    assert!(stored.contains("<bcc@example.net>"), "{stored}");
    Ok(())
}

#[test]
fn only_blind_copies_say_undisclosed_recipients() -> Result<(), BuildError> {
    let mut o = outgoing();
    o.to.clear();
    o.cc.clear();
    let built = build(&o)?;
    let sent = String::from_utf8_lossy(&built.transmitted);
    assert!(sent.contains("To: undisclosed-recipients:;"), "{sent}");
    assert_eq!(built.recipients, ["bcc@example.net"]);
    o.bcc.clear();
    assert_eq!(build(&o), Err(BuildError::NoRecipient));
    Ok(())
}

#[test]
fn the_bytes_are_7bit_short_lined_and_carry_no_host_name() -> Result<(), BuildError> {
    let built = build(&outgoing())?;
    assert!(built.transmitted.is_ascii());
    for line in built.transmitted.split(|&b| b == b'\n') {
        assert!(line.len() <= 998, "{} octets", line.len());
    }
    let sent = String::from_utf8_lossy(&built.transmitted);
    assert!(
        sent.contains("Date: Thu, 03 Dec 2026 10:15:00 +0100\r\n"),
        "{sent}"
    );
    assert!(sent.contains("format=\"flowed\""), "{sent}");
    let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    let host = host.trim();
    if !host.is_empty() {
        assert!(!sent.contains(host), "the machine's name {host} leaked");
    }
    Ok(())
}

#[test]
fn message_ids_are_random_at_the_senders_domain() {
    let a = new_message_id("erika@example.de");
    let b = new_message_id("erika@example.de");
    assert_ne!(a, b);
    assert!(a.ends_with("@example.de"));
    assert_eq!(a.split('@').next().map(str::len), Some(32));
    assert!(new_message_id("kaputt").ends_with("@postfach.invalid"));
}

#[test]
fn a_forwarded_message_travels_whole() -> Result<(), BuildError> {
    let original = b"From: a@b.example\r\nSubject: Alt\r\n\r\nText\r\n".to_vec();
    let mut o = outgoing();
    o.attachments.clear();
    o.forwarded = Some(original.clone());
    let built = build(&o)?;
    let sent = String::from_utf8_lossy(&built.transmitted);
    assert!(sent.contains("Content-Type: message/rfc822"), "{sent}");
    let m = mime::parse(&built.transmitted);
    let part = m.attachments.first().map(|a| a.index);
    assert!(part.is_some(), "the original is an attachment");
    Ok(())
}

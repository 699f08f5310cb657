//! Sending through a real Postfix and fetching back over POP3 (`support::Postfix` in front of
//! `support::Dovecot`): what `send::build` makes and `smtp::submit` hands over arrives intact,
//! umlauts in names, subject and file names and binary attachments included; sign-in goes
//! through Dovecot, so a wrong password is refused as a real server refuses it.
//!
//! Needs root (Postfix's master refuses to run otherwise) and the `postfix` package
//! (scripts/test.sh installs it). Each test runs its own Dovecot and Postfix.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::time::Duration;

use mail_parser::{MessageParser, MimeHeaders};
use postfach::mime::Address;
use postfach::send::{self, Attachment, Built, Outgoing};
use postfach::smtp::{
    self, AuthMethod, ConnectOptions, Credentials, Error, ErrorKind, Limits, Outcome, Password,
    Security, Stage, TlsOptions,
};
use support::cli::Cli;
use support::{Dovecot, PASSWORD, PASSWORD2, Postfix, USER, USER2};

const SENDER: &str = "Jürgen Größe";
const RECIPIENT: &str = "Anna Äbischer";
const SUBJECT: &str = "Grüße aus Köln – die Übersicht für März";

/// A Dovecot that offers its sign-in to Postfix, and the Postfix in front of it.
fn servers() -> (Dovecot, Postfix) {
    let dovecot = Dovecot::builder().auth_socket().start();
    let postfix = Postfix::start(&dovecot);
    (dovecot, postfix)
}

fn who(name: &str, user: &str) -> Address {
    Address {
        name: Some(name.to_owned()),
        email: Postfix::address(user),
    }
}

/// Bytes a PDF viewer would not open, but every octet value is there, NUL and 0xFF included,
/// and lines that SMTP would mangle if they were not encoded ("." alone, a bare CR).
fn binary() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\r\n.\r\n..\rx\n".to_vec();
    for round in 0..40u32 {
        bytes.extend((0..=255u8).map(|b| b.wrapping_mul(31).wrapping_add(round as u8)));
    }
    bytes.extend([0x00, 0xFF, 0x00, 0xFF]);
    bytes
}

/// From USER2 (who signs in) to USER, with two attachments.
fn outgoing() -> Outgoing {
    let long_line =
        "Eine sehr lange Zeile mit Umlauten äöü ÄÖÜ und ß, die umbrochen werden muss. ".repeat(20);
    Outgoing {
        from: who(SENDER, USER2),
        reply_to: None,
        to: vec![who(RECIPIENT, USER)],
        cc: Vec::new(),
        bcc: Vec::new(),
        subject: SUBJECT.into(),
        body: format!(
            "Hallo Anna,\n\nanbei die Übersicht für März.\n\n{}\n\nViele Grüße\n-- \nJürgen",
            long_line.trim_end()
        ),
        in_reply_to: None,
        references: Vec::new(),
        attachments: vec![
            Attachment {
                name: "Übersicht März.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: binary(),
            },
            Attachment {
                name: "Grüße.txt".into(),
                content_type: "text/plain".into(),
                bytes: "Viele Grüße aus Köln!\nÄrger? Nö.\n".as_bytes().to_vec(),
            },
        ],
        forwarded: None,
        message_id: send::new_message_id(&Postfix::address(USER2)),
        date: time::OffsetDateTime::now_utc(),
    }
}

fn options(postfix: &Postfix, port: u16, security: Security) -> ConnectOptions {
    ConnectOptions {
        host: postfix.host().to_owned(),
        port,
        security,
        tls: TlsOptions {
            ca_file: Some(postfix.ca_pem_path()),
            pinned_sha256: None,
        },
        limits: Limits {
            reply_timeout: Duration::from_secs(20),
            data_end_timeout: Duration::from_secs(60),
            ..Limits::default()
        },
    }
}

/// `smtp::submit` of `built` as `user` with `password` (AUTH PLAIN).
fn submit(opts: &ConnectOptions, user: &str, password: &str, built: &Built) -> Outcome {
    let credentials = Credentials {
        user: user.to_owned(),
        secret: Password::new(password),
        method: AuthMethod::Plain,
    };
    let envelope = smtp::Envelope {
        from: built.envelope_from.clone(),
        to: built.recipients.clone(),
    };
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(smtp::submit(
            opts,
            Some(&credentials),
            &envelope,
            &built.transmitted,
        ))
}

/// The error of an outcome that must be "not sent".
fn not_sent(outcome: Outcome) -> Error {
    match outcome {
        Outcome::NotSent { error, .. } => error,
        other => panic!("must not be sent: {other:?}"),
    }
}

/// The messages in `user`'s Maildir, as Postfix delivered them.
fn delivered(dovecot: &Dovecot, user: &str) -> Vec<Vec<u8>> {
    let new = dovecot.maildir(user).join("new");
    std::fs::read_dir(&new)
        .expect("the Maildir's new/")
        .map(|entry| std::fs::read(entry.expect("a Maildir entry").path()).expect("a message"))
        .collect()
}

/// Postfix only puts its trace lines (Return-Path, Delivered-To, Received) in front and Dovecot
/// serves with CRLF: what follows them is exactly what was sent.
fn assert_arrived_unchanged(raw: &[u8], built: &Built) {
    let crlf = to_crlf(raw);
    assert!(
        crlf.ends_with(&built.transmitted),
        "the message changed on the way:\n--- sent\n{}\n--- arrived\n{}",
        String::from_utf8_lossy(&built.transmitted),
        String::from_utf8_lossy(&crlf)
    );
    let return_path = format!("Return-Path: <{}>\r\n", built.envelope_from);
    assert!(
        crlf.starts_with(return_path.as_bytes()),
        "{}",
        String::from_utf8_lossy(&crlf)
    );
}

/// Lines ended by CRLF (a Maildir file has LF; POP3 gives CRLF).
fn to_crlf(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 40);
    for (i, &b) in raw.iter().enumerate() {
        if b == b'\n' && (i == 0 || raw[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

#[test]
fn a_message_sent_over_starttls_comes_back_over_pop3_with_every_part_equal() {
    let (dovecot, postfix) = servers();
    let o = outgoing();
    let built = send::build(&o).expect("the message builds");

    let opts = options(&postfix, postfix.submission_port(), Security::StartTls);
    let outcome = submit(&opts, USER2, PASSWORD2, &built);
    assert!(
        matches!(&outcome, Outcome::Accepted { refused, .. } if refused.is_empty()),
        "{outcome:?}\n{}",
        postfix.log()
    );
    postfix.wait_for_mail(&dovecot, USER, 1);

    // Fetched by the real binary into its store, as a user would.
    let cli = Cli::new(&dovecot);
    cli.add_account(&[]);
    cli.ok(&["fetch"]);
    let stored = cli.list_json(&[]);
    assert_eq!(stored.len(), 1, "{stored:?}");
    let raw = cli.raw(stored[0]["id"].as_i64().expect("an id"));
    assert_arrived_unchanged(&raw, &built);

    let mail = MessageParser::default().parse(&raw).expect("it parses");
    let from = mail.from().and_then(|a| a.first()).expect("a From");
    assert_eq!(from.name(), Some(SENDER));
    assert_eq!(from.address(), Some(Postfix::address(USER2).as_str()));
    let to = mail.to().and_then(|a| a.first()).expect("a To");
    assert_eq!(to.name(), Some(RECIPIENT));
    assert_eq!(mail.subject(), Some(SUBJECT));
    assert_eq!(mail.message_id(), Some(o.message_id.as_str()));
    let attachments: Vec<(&str, &[u8])> = mail
        .attachments()
        .map(|part| (part.attachment_name().unwrap_or(""), part.contents()))
        .collect();
    let sent: Vec<(&str, &[u8])> = o
        .attachments
        .iter()
        .map(|a| (a.name.as_str(), a.bytes.as_slice()))
        .collect();
    assert_eq!(attachments, sent);

    // The text as the reader shows it: format=flowed joined again.
    let shown = postfach::mime::parse(&raw);
    assert_eq!(shown.body.text.trim_end(), o.body);
    assert_eq!(shown.subject, SUBJECT);
}

#[test]
fn implicit_tls_on_the_submissions_port_delivers_the_same_bytes() {
    let (dovecot, postfix) = servers();
    let mut o = outgoing();
    o.attachments.truncate(1);
    let built = send::build(&o).expect("the message builds");

    let opts = options(&postfix, postfix.submissions_port(), Security::Tls);
    let outcome = submit(&opts, USER2, PASSWORD2, &built);
    assert!(outcome.is_accepted(), "{outcome:?}\n{}", postfix.log());
    postfix.wait_for_mail(&dovecot, USER, 1);

    let arrived = delivered(&dovecot, USER);
    assert_eq!(arrived.len(), 1);
    assert_arrived_unchanged(&arrived[0], &built);
}

#[test]
fn a_wrong_password_is_refused_by_dovecot_and_nothing_is_sent() {
    let (dovecot, postfix) = servers();
    let built = send::build(&outgoing()).expect("the message builds");

    let opts = options(&postfix, postfix.submission_port(), Security::StartTls);
    let error = not_sent(submit(&opts, USER2, "not-the-password", &built));
    assert!(matches!(error, Error::AuthRejected(_)), "{error}");
    assert_eq!(error.kind(), ErrorKind::Auth);
    assert_eq!(error.reply().map(|r| r.code), Some(535), "{error}");

    // Dovecot said no to this user's password (the same setup accepts the right one in the
    // other tests), and Postfix never took a message.
    let log = postfix.wait_for_log("SASL PLAIN authentication failed");
    assert!(log.contains(&format!("sasl_username={USER2}")), "{log}");
    assert!(!log.contains("message-id="), "{log}");
    assert_eq!(dovecot.message_count(USER), 0);
}

#[test]
fn an_unknown_recipient_is_refused_and_the_others_still_get_the_message() {
    let (dovecot, postfix) = servers();
    let mut o = outgoing();
    o.cc = vec![Address::plain(&Postfix::address("niemand"))];
    let built = send::build(&o).expect("the message builds");
    let opts = options(&postfix, postfix.submission_port(), Security::StartTls);

    match submit(&opts, USER, PASSWORD, &built) {
        Outcome::Accepted { refused, .. } => {
            let refused: Vec<(&str, u16)> = refused
                .iter()
                .map(|r| (r.address.as_str(), r.reply.code))
                .collect();
            assert_eq!(refused, [(Postfix::address("niemand").as_str(), 550)]);
        }
        other => panic!("must be accepted for {USER}: {other:?}\n{}", postfix.log()),
    }
    postfix.wait_for_mail(&dovecot, USER, 1);

    // Nobody known at all: refused at RCPT TO, not sent.
    o.to.clear();
    let built = send::build(&o).expect("the message builds");
    let error = not_sent(submit(&opts, USER, PASSWORD, &built));
    assert!(
        matches!(
            error,
            Error::Rejected {
                stage: Stage::RcptTo,
                ..
            }
        ),
        "{error}"
    );
    assert_eq!(error.kind(), ErrorKind::Permanent);
}

/// `postfach send` through the Outbox: queued, submitted over STARTTLS, moved to Sent; the
/// recipient gets exactly the Sent copy without its Bcc line, and the blind copy to oneself
/// comes back over POP3 as real mail (not mistaken for the provider's echo).
#[test]
fn postfach_send_goes_through_the_outbox_to_sent_and_arrives_intact() {
    let (dovecot, postfix) = servers();
    let cli = Cli::new(&dovecot);
    let port = postfix.submission_port().to_string();
    let own = Postfix::address(USER);
    cli.add_account(&[
        "--smtp-host",
        postfix.host(),
        "--smtp-port",
        &port,
        "--smtp-security",
        "starttls",
        "--smtp-user",
        USER,
    ]);
    cli.ok(&[
        "account",
        "set",
        "acct",
        "--email",
        &own,
        "--display-name",
        SENDER,
    ]);
    let dir = cli.data_dir().join("files");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("Übersicht März.pdf");
    let txt = dir.join("Grüße.txt");
    let body = dir.join("text.txt");
    std::fs::write(&pdf, binary()).unwrap();
    std::fs::write(&txt, "Viele Grüße aus Köln!\n").unwrap();
    std::fs::write(&body, "Hallo Anna,\n\nanbei die Übersicht.\n").unwrap();
    let to = format!("{RECIPIENT} <{}>", Postfix::address(USER2));
    let out = cli.ok(&[
        "send",
        "--account",
        "acct",
        "--to",
        &to,
        "--bcc",
        &own,
        "--subject",
        SUBJECT,
        "--attach",
        pdf.to_str().unwrap(),
        "--attach",
        txt.to_str().unwrap(),
        "--body-file",
        body.to_str().unwrap(),
    ]);
    assert!(out.contains("was sent"), "{out}\n{}", postfix.log());
    assert!(cli.ok(&["outbox"]).contains("The Outbox is empty."));
    let sent = cli.list_json(&["--folder", "sent"]);
    assert_eq!(sent.len(), 1, "{sent:?}");
    let stored = cli.raw(sent[0]["id"].as_i64().unwrap());
    let line_end = stored.windows(2).position(|w| w == b"\r\n").unwrap() + 2;
    assert!(stored.starts_with(b"Bcc: "), "Sent keeps the blind copy");
    let transmitted = &stored[line_end..];

    postfix.wait_for_mail(&dovecot, USER2, 1);
    let arrived = to_crlf(&delivered(&dovecot, USER2)[0]);
    assert!(
        arrived.ends_with(transmitted),
        "the recipient got the Sent copy"
    );
    assert!(!String::from_utf8_lossy(&arrived).contains("Bcc:"));

    postfix.wait_for_mail(&dovecot, USER, 1);
    cli.ok(&["fetch"]);
    let inbox = cli.list_json(&[]);
    assert_eq!(
        inbox.len(),
        1,
        "the copy to oneself is real mail: {inbox:?}"
    );
    let raw = cli.raw(inbox[0]["id"].as_i64().unwrap());
    assert!(raw.ends_with(transmitted));
    let mail = MessageParser::default().parse(&raw).expect("it parses");
    assert_eq!(mail.subject(), Some(SUBJECT));
    let parts: Vec<(String, Vec<u8>)> = mail
        .attachments()
        .map(|a| {
            (
                a.attachment_name().unwrap_or_default().to_owned(),
                a.contents().to_vec(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("Übersicht März.pdf".to_owned(), binary()),
            (
                "Grüße.txt".to_owned(),
                "Viele Grüße aus Köln!\n".as_bytes().to_vec()
            ),
        ]
    );
}

/// Signed in with a provider (OAuth), the account sends through Postfix — which asks Dovecot,
/// whose `oauth2` passdb asks the test authorization server — and fetches over POP3 with the
/// same tokens; no password anywhere.
#[test]
fn a_signed_in_account_sends_and_fetches_with_the_same_tokens() {
    use postfach::oauth::provider;
    use support::oauth::{AuthServer, CLIENT_ID, login};

    let user = format!("oauth-send-{}", std::process::id());
    let auth = AuthServer::start(&user, 3600, 64);
    let dovecot = Dovecot::builder()
        .user(&user, "never-used")
        .auth_socket()
        .oauth2(&auth.introspection_url())
        .start();
    let postfix = Postfix::start(&dovecot);
    let dir = tempfile::tempdir().unwrap();
    let endpoints = format!("microsoft={}", auth.base);
    let run = |args: &[&str]| {
        support::cli::command(dir.path(), args)
            .env("POSTFACH_LANG", "en")
            .env(provider::ENDPOINTS_ENV, &endpoints)
            .env_remove("POSTFACH_PASSWORD")
            .output()
            .unwrap()
    };
    let own = Postfix::address(&user);
    let (pop3s, submission) = (
        dovecot.pop3s_port().to_string(),
        postfix.submission_port().to_string(),
    );
    let ca = dovecot.ca_pem_path().to_string_lossy().into_owned();
    let added = run(&[
        "account",
        "add",
        "work",
        "--email",
        &own,
        "--host",
        "127.0.0.1",
        "--port",
        &pop3s,
        "--user",
        &user,
        "--ca-file",
        &ca,
        "--smtp-host",
        postfix.host(),
        "--smtp-port",
        &submission,
        "--smtp-security",
        "starttls",
        "--smtp-user",
        &user,
    ]);
    assert!(added.status.success(), "{added:?}");
    let mut command = support::cli::command(dir.path(), &["account", "login", "work"]);
    command
        .args([
            "--provider",
            "microsoft",
            "--client-id",
            CLIENT_ID,
            "--no-browser",
        ])
        .env("POSTFACH_LANG", "en")
        .env(provider::ENDPOINTS_ENV, &endpoints);
    let (ok, printed, _) = login(command, &auth);
    assert!(ok, "{printed}");

    let body = dir.path().join("text.txt");
    std::fs::write(&body, "Grüße mit Anmeldung\n").unwrap();
    let to = Postfix::address(USER2);
    let sent = run(&[
        "send",
        "--account",
        "work",
        "--to",
        &to,
        "--bcc",
        &own,
        "--subject",
        SUBJECT,
        "--body-file",
        body.to_str().unwrap(),
    ]);
    let words = String::from_utf8_lossy(&sent.stdout).into_owned();
    assert!(words.contains("was sent"), "{words}\n{}", postfix.log());
    let log = postfix.wait_for_log("sasl_method=XOAUTH2");
    assert!(log.contains(&format!("sasl_username={user}")), "{log}");
    postfix.wait_for_mail(&dovecot, USER2, 1);
    postfix.wait_for_mail(&dovecot, &user, 1);

    let fetched = run(&["fetch", "work"]);
    assert!(fetched.status.success(), "{fetched:?}");
    let listed = run(&["list", "--json"]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout).lines().count(), 1);
    for token in auth.issued() {
        assert!(!postfix.log().contains(&token), "a token in Postfix's log");
    }
    // one sign-in, refreshed by each process that needed a token (send, fetch)
    assert_eq!(auth.refreshes(), 2);
}

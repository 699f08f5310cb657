//! An account's outgoing server and identity on the command line (issue #16): set, shown,
//! changed and removed; options that need a server without one are refused in words.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::support;

use std::path::Path;
use std::process::Output;

use postfach::pop3::{AuthMethod, Security};
use postfach::store::{SmtpSettings, Store};

fn postfach(dir: &Path, args: &[&str]) -> Output {
    let mut command = support::cli::command(dir, args);
    command.env("POSTFACH_LANG", "en");
    command.output().expect("run postfach")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = postfach(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_outgoing_server_is_set_shown_changed_and_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let signature = d.join("signatur.txt");
    std::fs::write(&signature, "Erika Mustermann\r\nTel. 0123 – Grüße\r\n").unwrap();
    let signature = signature.to_string_lossy().into_owned();
    ok(
        d,
        &[
            "account",
            "add",
            "privat",
            "--email",
            "erika@example.de",
            "--host",
            "pop.example.de",
            "--smtp-host",
            "smtp.example.de",
            "--reply-to",
            "antwort@example.de",
            "--signature-file",
            &signature,
        ],
    );
    let list = ok(d, &["account", "list"]);
    assert!(
        list.contains("erika@example.de@smtp.example.de:587 (starttls)"),
        "{list}"
    );
    let s = Store::open_in(d).unwrap().accounts().unwrap()[0]
        .settings
        .clone();
    assert_eq!(
        s.smtp,
        Some(SmtpSettings {
            host: "smtp.example.de".into(),
            port: 587,
            security: Security::StartTls,
            auth: AuthMethod::Auto,
            username: "erika@example.de".into(),
            own_password: false,
            ca_file: None,
            pinned_sha256: None,
        })
    );
    assert_eq!(s.reply_to.as_deref(), Some("antwort@example.de"));
    assert_eq!(s.signature, "Erika Mustermann\nTel. 0123 – Grüße");

    ok(
        d,
        &[
            "account",
            "set",
            "privat",
            "--smtp-security",
            "tls",
            "--smtp-auth",
            "plain",
            "--smtp-user",
            "erika",
        ],
    );
    let list = ok(d, &["account", "list"]);
    assert!(list.contains("erika@smtp.example.de:465 (tls)"), "{list}");

    ok(
        d,
        &[
            "account",
            "set",
            "privat",
            "--smtp-host",
            "",
            "--reply-to",
            "",
        ],
    );
    let list = ok(d, &["account", "list"]);
    assert!(list.contains("no outgoing server"), "{list}");
    let s = Store::open_in(d).unwrap().accounts().unwrap()[0]
        .settings
        .clone();
    assert_eq!((s.smtp, s.reply_to), (None, None));

    let refused = postfach(d, &["account", "set", "privat", "--smtp-port", "25"]);
    assert_eq!(refused.status.code(), Some(2));
    let words = String::from_utf8_lossy(&refused.stderr);
    assert!(words.contains("need --smtp-host"), "{words}");
}

#[test]
fn send_queues_first_and_an_unreachable_server_leaves_it_waiting_in_the_outbox() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    // a port nobody listens on
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
        .to_string();
    ok(
        d,
        &[
            "account",
            "add",
            "privat",
            "--email",
            "erika@example.de",
            "--host",
            "127.0.0.1",
        ],
    );
    let body = d.join("text.txt");
    std::fs::write(&body, "Hallo Anna,\nbis morgen.\n").unwrap();
    let body = body.to_string_lossy().into_owned();
    let send = [
        "send",
        "--account",
        "privat",
        "--to",
        "anna@example.org",
        "--subject",
        "Grüße",
        "--body-file",
        &body,
    ];
    // no outgoing server: refused in words, nothing queued
    let out = postfach(d, &send);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--smtp-host"));
    assert!(ok(d, &["outbox"]).contains("The Outbox is empty."));

    ok(
        d,
        &[
            "account",
            "set",
            "privat",
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            &port,
            "--smtp-security",
            "plain",
        ],
    );
    let mut command = support::cli::command(d, &send);
    command
        .env("POSTFACH_LANG", "en")
        .env("POSTFACH_PASSWORD", "secret");
    let out = command.output().expect("run postfach");
    assert_eq!(out.status.code(), Some(4), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("is in the Outbox"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("127.0.0.1"));

    let list = ok(d, &["outbox", "list"]);
    assert!(list.contains("waiting\tanna@example.org\tGrüße"), "{list}");
    let id = list.split('\t').next().unwrap().to_owned();
    let wrong = postfach(d, &["outbox", "remove", "99999"]);
    assert_eq!(wrong.status.code(), Some(2));
    ok(d, &["outbox", "remove", &id]);
    assert!(ok(d, &["outbox"]).contains("The Outbox is empty."));
    let trash = ok(d, &["list", "--folder", "trash"]);
    assert!(trash.contains("Grüße"), "{trash}");
}

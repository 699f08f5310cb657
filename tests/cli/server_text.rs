//! Server text never reaches the terminal or the log file unfiltered (issue #14, point 3): a tiny
//! scripted POP3 server answers with terminal escapes, colour codes, a right-to-left override
//! and a long tail, and the real `postfach` binary must print and log none of it.
//!
//! The server speaks plain text on 127.0.0.1; the account opts into plain text explicitly.

#![allow(clippy::expect_used)]

use crate::support;

use std::path::Path;
use std::process::Output;

use support::scripted::{Mail, ScriptedServer, Words};

/// A hostile text: clear screen, colours, a bell, a right-to-left override, a C1 CSI.
const HOSTILE: &str = "\u{1b}[2J\u{1b}[31mWrong password\u{1b}[0m \u{202E}drowssap\u{7}\u{9b}1m";

fn postfach(dir: &Path, args: &[&str]) -> Output {
    support::cli::command(dir, args)
        .env("POSTFACH_PASSWORD", "secret")
        .env("POSTFACH_LANG", "en")
        .env("POSTFACH_LOG", "trace")
        .output()
        .expect("run postfach")
}

/// Adds an account for the server on `port` in `dir` and fetches.
fn add_and_fetch(dir: &Path, port: u16) -> Output {
    let port = port.to_string();
    let add = postfach(
        dir,
        &[
            "account",
            "add",
            "evil",
            "--email",
            "alice@example.org",
            "--host",
            "127.0.0.1",
            "--port",
            &port,
            "--security",
            "plain",
            "--auth",
            "user",
        ],
    );
    assert!(add.status.success(), "{add:?}");
    postfach(dir, &["fetch"])
}

/// Stdout and stderr of a run, together.
fn printed(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Adds an account for the server on `port` and fetches, which must fail; returns what was
/// printed and logged.
fn failed_fetch_from(port: u16) -> (String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = add_and_fetch(dir.path(), port);
    assert!(!out.status.success(), "the fetch must fail: {out:?}");
    let log = std::fs::read_to_string(dir.path().join("postfach.log")).unwrap_or_default();
    (printed(&out), log)
}

/// No control, bidi or invisible formatting character, and no run of the tail longer than the cap.
fn assert_clean(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}')
        })
        .collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}:\n{text}");
    let longest_run = text
        .split(|c| c != 'x')
        .map(str::len)
        .max()
        .unwrap_or_default();
    assert!(
        longest_run <= 300,
        "{what} holds {longest_run} characters of the server's tail"
    );
}

#[test]
fn a_hostile_err_to_the_password_is_printed_and_logged_as_safe_plain_text() {
    // The line limit is 8 KiB, so the tail is as long as a line may be (a longer one is refused
    // as too long before any of it is shown).
    let tail = "x".repeat(8_000);
    let server = ScriptedServer::speaking(
        Words {
            greeting: Some(format!("+OK {HOSTILE} ready <1.2@evil>")),
            capa: Some(vec![
                "USER".into(),
                format!("IMPLEMENTATION Evil{HOSTILE}Server"),
            ]),
            pass_reply: Some(format!("-ERR [AUTH] {HOSTILE} {tail}")),
        },
        Vec::new(),
    );
    let port = server.port();
    let (printed, log) = failed_fetch_from(port);
    assert!(printed.contains("Wrong password"), "{printed}");
    assert!(
        printed.contains('…'),
        "the server's text is cut short: {printed}"
    );
    assert_clean("the output", &printed);
    // The log file traced the greeting, the capabilities and the -ERR: all of them safe.
    assert!(log.contains("ready <1.2@evil>"), "{log}");
    assert!(log.contains("IMPLEMENTATION Evil"), "{log}");
    assert!(log.contains("Wrong password"), "{log}");
    assert_clean("the log file", &log);
}

#[test]
fn a_hostile_err_greeting_is_printed_and_logged_as_safe_plain_text() {
    let server = ScriptedServer::speaking(
        Words {
            greeting: Some(format!("-ERR [SYS/TEMP] {HOSTILE} {}", "x".repeat(5_000))),
            capa: Some(Vec::new()),
            pass_reply: None,
        },
        Vec::new(),
    );
    let port = server.port();
    let (printed, log) = failed_fetch_from(port);
    assert!(printed.contains("Wrong password"), "{printed}");
    assert_clean("the output", &printed);
    assert_clean("the log file", &log);
}

#[test]
fn hostile_header_fields_are_listed_and_shown_as_safe_plain_text() {
    let subject = format!("Rechnung{HOSTILE}fdp.exe {}", "x".repeat(1_000));
    let message = format!(
        "From: \"Bank{HOSTILE}\" <bank@example.org>\r\nTo: alice@example.org\r\n\
         Subject: {subject}\r\nDate: Thu, 3 Dec 2026 08:00:00 +0000\r\n\r\nHallo\r\n"
    );
    let server = ScriptedServer::speaking(
        Words {
            greeting: Some("+OK ready".into()),
            capa: Some(vec!["USER".into(), "UIDL".into()]),
            pass_reply: None,
        },
        vec![Mail::new("uid-1", message.into_bytes())],
    );
    let port = server.port();
    let dir = tempfile::tempdir().expect("temp dir");
    let fetched = add_and_fetch(dir.path(), port);
    assert!(fetched.status.success(), "{fetched:?}");
    let list = postfach(dir.path(), &["list"]);
    let shown = postfach(dir.path(), &["show", "1"]);
    for out in [&list, &shown] {
        assert!(out.status.success(), "{out:?}");
        let text = printed(out);
        assert!(text.contains("Rechnung") && text.contains("Bank"), "{text}");
        assert_clean("the plain output", &text.replace('\t', " "));
    }
}

//! Errors are told in words; the library's text is only in the details (issue #14, point 4). The
//! real `postfach` binary against a real Dovecot whose certificate is not trusted, and against a
//! closed port.

#![allow(clippy::expect_used)]

use crate::support;

use std::path::Path;
use std::process::Output;

use support::Dovecot;

fn postfach(dir: &Path, lang: &str, args: &[&str]) -> Output {
    support::cli::command(dir, args)
        .env("POSTFACH_PASSWORD", support::PASSWORD)
        .env("POSTFACH_LANG", lang)
        .output()
        .expect("run postfach")
}

/// Adds an account for 127.0.0.1:`port` over implicit TLS (trusting only the system's
/// authorities) and fetches; returns the exit code and stderr's lines.
fn fetch(port: u16, lang: &str) -> (i32, Vec<String>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = port.to_string();
    let add = postfach(
        dir.path(),
        lang,
        &[
            "account",
            "add",
            "work",
            "--email",
            support::USER,
            "--host",
            "127.0.0.1",
            "--port",
            &port,
            "--security",
            "tls",
        ],
    );
    assert!(add.status.success(), "{add:?}");
    let out = postfach(dir.path(), lang, &["fetch"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    (
        out.status.code().unwrap_or(-1),
        stderr.lines().map(str::to_owned).collect(),
    )
}

/// The sentence (first line) and the details (the line after it).
fn sentence_and_details(lines: &[String]) -> (&str, &str) {
    let sentence = lines.first().map(String::as_str).unwrap_or_default();
    let details = lines.get(1).map(String::as_str).unwrap_or_default();
    (sentence, details)
}

#[test]
fn an_untrusted_certificate_is_told_in_words_in_both_languages() {
    let server = Dovecot::start();
    for (lang, words, details) in [
        (
            "en",
            "It was issued by a certificate authority this computer does not know.",
            "postfach: Details: ",
        ),
        (
            "de",
            "Es stammt von einer Zertifizierungsstelle, die dieser Computer nicht kennt.",
            "postfach: Details: ",
        ),
    ] {
        let (code, lines) = fetch(server.pop3s_port(), lang);
        assert_eq!(code, 5, "exit code TLS: {lines:?}");
        let (sentence, detail_line) = sentence_and_details(&lines);
        assert!(sentence.contains(words), "{lang}: {sentence}");
        assert!(sentence.contains("SHA-256"), "{lang}: {sentence}");
        for technical in [
            "error:0A000086",
            "ssl/statem",
            "SSL routines",
            "verify failed",
        ] {
            assert!(!sentence.contains(technical), "{lang}: {sentence}");
        }
        assert!(detail_line.starts_with(details), "{lang}: {lines:?}");
        assert!(
            detail_line.contains("certificate verify failed"),
            "{lang}: {detail_line}"
        );
    }
}

#[test]
fn a_refused_connection_is_told_in_words() {
    // A port nobody listens on: bound, then closed again.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    for (lang, words) in [
        ("en", "127.0.0.1 refused the connection."),
        ("de", "127.0.0.1 hat die Verbindung abgelehnt."),
    ] {
        let (code, lines) = fetch(port, lang);
        assert_eq!(code, 4, "exit code NETWORK: {lines:?}");
        let (sentence, details) = sentence_and_details(&lines);
        assert!(sentence.contains(words), "{lang}: {sentence}");
        assert!(!sentence.contains("os error"), "{lang}: {sentence}");
        assert!(details.contains("os error"), "{lang}: {details}");
    }
}

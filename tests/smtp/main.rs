//! The SMTP submission client against scripted servers on 127.0.0.1: what it sends, byte for
//! byte, and how it tells "accepted", "not sent" and "unknown" apart. Scripted servers are for
//! what a real server will not do (cut after the dot, inject, answer without end).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod oauth;
mod outbox;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use postfach::i18n::{self, Language};
use postfach::smtp::{
    self, AuthMethod, ConnectOptions, Credentials, Envelope, Error, ErrorKind, Limits, Outcome,
    Password, Security, TlsOptions,
};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One step of a scripted server.
enum Step {
    /// Reads a line and checks that it starts with this text.
    Expect(&'static str),
    /// Sends these bytes (all at once).
    Send(&'static str),
    /// Reads the message up to and including `.\r\n`, keeping its bytes.
    Data,
    /// Closes the connection.
    Close,
    /// Sends this line for ever (an endless reply).
    Endless(&'static str),
    /// Sends this many bytes without a line end.
    Huge(usize),
    /// Says nothing and keeps the connection open.
    Silence,
    /// Runs this (e.g. looks into the store while the client waits for a reply).
    Call(Box<dyn FnOnce() + std::marker::Send>),
}

use Step::*;

/// What the server saw: every command line and the DATA bytes.
#[derive(Default, Clone)]
struct Seen {
    lines: Vec<String>,
    data: Vec<u8>,
    /// How many messages were received up to their final dot.
    messages: usize,
}

/// A server for one connection per script; returns its port and what it saw.
async fn server(scripts: Vec<Vec<Step>>) -> (u16, Arc<Mutex<Seen>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Seen::default()));
    let record = seen.clone();
    tokio::spawn(async move {
        for script in scripts {
            let (tcp, _) = listener.accept().await.unwrap();
            let mut conn = BufReader::new(tcp);
            for step in script {
                match step {
                    Expect(prefix) => {
                        let mut line = String::new();
                        if conn.read_line(&mut line).await.unwrap_or(0) == 0 {
                            break;
                        }
                        let line = line.trim_end().to_owned();
                        assert!(line.starts_with(prefix), "expected {prefix}, got {line}");
                        record.lock().unwrap().lines.push(line);
                    }
                    Send(text) => {
                        let _ = conn.get_mut().write_all(text.as_bytes()).await;
                    }
                    Data => {
                        let mut data = Vec::new();
                        while !data.ends_with(b"\r\n.\r\n") {
                            let mut byte = [0u8; 1];
                            if conn.read_exact(&mut byte).await.is_err() {
                                break;
                            }
                            data.push(byte[0]);
                        }
                        let mut seen = record.lock().unwrap();
                        if data.ends_with(b"\r\n.\r\n") {
                            seen.messages += 1;
                        }
                        seen.data = data;
                    }
                    Close => break,
                    Endless(line) => loop {
                        if conn.get_mut().write_all(line.as_bytes()).await.is_err() {
                            break;
                        }
                    },
                    Huge(n) => {
                        let _ = conn.get_mut().write_all(&vec![b'a'; n]).await;
                    }
                    Silence => tokio::time::sleep(Duration::from_secs(30)).await,
                    Call(f) => f(),
                }
            }
        }
    });
    (port, seen)
}

fn options(port: u16, security: Security) -> ConnectOptions {
    ConnectOptions {
        host: "127.0.0.1".into(),
        port,
        security,
        tls: TlsOptions::default(),
        limits: Limits {
            reply_timeout: Duration::from_secs(2),
            data_end_timeout: Duration::from_secs(2),
            ..Limits::default()
        },
    }
}

fn credentials(password: &str) -> Credentials {
    Credentials {
        user: "anna@example.org".into(),
        secret: Password::new(password),
        method: AuthMethod::Auto,
    }
}

fn envelope(to: &[&str]) -> Envelope {
    Envelope {
        from: "anna@example.org".into(),
        to: to.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// Submits `message` to `to` on the scripted server at `port`, signing in with `password`.
async fn send(
    port: u16,
    security: Security,
    password: &str,
    to: &[&str],
    message: &[u8],
) -> Outcome {
    let opts = options(port, security);
    smtp::submit(&opts, Some(&credentials(password)), &envelope(to), message).await
}

/// The error of an outcome that must be "not sent".
fn not_sent(outcome: Outcome) -> Error {
    match outcome {
        Outcome::NotSent { error, .. } => error,
        other => panic!("must not be sent: {other:?}"),
    }
}

/// MAIL FROM and one accepted RCPT TO, then DATA up to the final dot (read by the server).
fn up_to_the_dot() -> Vec<Step> {
    vec![
        Expect("MAIL FROM:"),
        Send("250 Ok\r\n"),
        Expect("RCPT TO:"),
        Send("250 Ok\r\n"),
        Expect("DATA"),
        Send("354 go on\r\n"),
        Data,
    ]
}

const EHLO: &str = "250-mail.example.org\r\n250-SIZE 10000000\r\n250-8BITMIME\r\n\
                    250-ENHANCEDSTATUSCODES\r\n250 AUTH PLAIN LOGIN\r\n";

/// Greeting, EHLO and a successful AUTH PLAIN.
fn signed_in() -> Vec<Step> {
    vec![
        Send("220 mail.example.org ESMTP\r\n"),
        Expect("EHLO [127.0.0.1]"),
        Send(EHLO),
        Expect("AUTH PLAIN "),
        Send("235 2.7.0 Authentication successful\r\n"),
    ]
}

fn script(tail: Vec<Step>) -> Vec<Step> {
    let mut steps = signed_in();
    steps.extend(tail);
    steps
}

/// A message with two attachments' worth of base64, lines that start with dots, LF-only line
/// ends, and no final line end.
fn message() -> Vec<u8> {
    let mut m = String::from(
        "From: anna@example.org\nTo: ben@example.org\nSubject: two files\nMIME-Version: 1.0\n\
         Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n\nSee attached.\n.\n..two dots\n\
         .hidden line\n",
    );
    for name in ["a.pdf", "b.png"] {
        m.push_str(&format!(
            "--b\nContent-Type: application/octet-stream; name={name}\n\
             Content-Transfer-Encoding: base64\n\n"
        ));
        for i in 0..2000 {
            m.push_str(&format!("{:076}\n", i * 7919));
        }
    }
    m.push_str("--b--\n.last");
    m.into_bytes()
}

/// What DATA must carry for a message (LF or CRLF line ends), written out independently of the
/// client's code.
fn on_the_wire(message: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(message.to_vec()).unwrap();
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let mut out = String::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str(".\r\n");
    out.into_bytes()
}

#[tokio::test]
async fn a_message_is_sent_byte_for_byte_with_dots_stuffed() {
    let message = message();
    let (port, seen) = server(vec![script(vec![
        Expect("MAIL FROM:<anna@example.org> SIZE="),
        Send("250 2.1.0 Ok\r\n"),
        Expect("RCPT TO:<ben@example.org>"),
        Send("250 2.1.5 Ok\r\n"),
        Expect("DATA"),
        Send("354 End data with <CR><LF>.<CR><LF>\r\n"),
        Data,
        Send("250 2.0.0 Ok: queued as 4ZxQ1r2Abc\r\n"),
        Expect("QUIT"),
        Send("221 2.0.0 Bye\r\n"),
    ])])
    .await;
    let outcome = send(
        port,
        Security::Plain,
        "secret",
        &["ben@example.org"],
        &message,
    )
    .await;
    let Outcome::Accepted { reply, refused } = outcome else {
        panic!("not accepted: {outcome:?}");
    };
    assert!(reply.text.contains("queued as 4ZxQ1r2Abc"), "{reply}");
    assert!(refused.is_empty());
    let seen = seen.lock().unwrap();
    let expected = on_the_wire(&message);
    assert!(expected.len() > 300_000);
    assert!(seen.data == expected, "DATA differs from the message");
    assert!(seen.data.windows(4).any(|w| w == b"\n..\r"));
    let mail = seen.lines.iter().find(|l| l.starts_with("MAIL")).unwrap();
    assert_eq!(
        mail,
        &format!("MAIL FROM:<anna@example.org> SIZE={}", expected.len())
    );
    assert!(!seen.lines.iter().any(|l| l.contains("secret")));
}

#[tokio::test]
async fn a_temporary_refusal_is_not_sent_and_a_retry_succeeds() {
    let first = script(vec![
        Expect("MAIL FROM:"),
        Send("250 2.1.0 Ok\r\n"),
        Expect("RCPT TO:<ben@example.org>"),
        Send("450 4.2.1 Mailbox busy, try again later\r\n"),
        Expect("RSET"),
        Send("250 2.0.0 Ok\r\n"),
        Expect("QUIT"),
        Send("221 Bye\r\n"),
    ]);
    let mut second = script(up_to_the_dot());
    second.extend([
        Send("250 Ok: queued as B2\r\n"),
        Expect("QUIT"),
        Send("221 Bye\r\n"),
    ]);
    let (port, _) = server(vec![first, second]).await;
    let opts = options(port, Security::Plain);
    let creds = credentials("secret");
    let to = envelope(&["ben@example.org"]);
    let outcome = smtp::submit(&opts, Some(&creds), &to, b"Subject: hi\r\n\r\nhi\r\n").await;
    let Outcome::NotSent { error, refused } = outcome else {
        panic!("should not be sent: {outcome:?}");
    };
    assert_eq!(error.kind(), ErrorKind::Temporary, "{error}");
    assert!(error.is_transient());
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].reply.code, 450);
    assert_eq!(refused[0].reply.enhanced_text().as_deref(), Some("4.2.1"));
    let again = smtp::submit(&opts, Some(&creds), &to, b"Subject: hi\r\n\r\nhi\r\n").await;
    assert!(again.is_accepted(), "{again:?}");
}

#[tokio::test]
async fn one_refused_recipient_of_three_does_not_stop_the_others() {
    let (port, seen) = server(vec![script(vec![
        Expect("MAIL FROM:"),
        Send("250 Ok\r\n"),
        Expect("RCPT TO:<ben@example.org>"),
        Send("250 Ok\r\n"),
        Expect("RCPT TO:<nobody@example.org>"),
        Send("550 5.1.1 <nobody@example.org>: Recipient address rejected\r\n"),
        Expect("RCPT TO:<carla@example.org>"),
        Send("250 Ok\r\n"),
        Expect("DATA"),
        Send("354 go on\r\n"),
        Data,
        Send("250 Ok: queued as C3\r\n"),
        Expect("QUIT"),
        Send("221 Bye\r\n"),
    ])])
    .await;
    let to = envelope(&["ben@example.org", "nobody@example.org", "carla@example.org"]);
    let outcome = smtp::submit(
        &options(port, Security::Plain),
        Some(&credentials("secret")),
        &to,
        b"Subject: three\r\n\r\nhello\r\n",
    )
    .await;
    let Outcome::Accepted { refused, .. } = outcome else {
        panic!("should be accepted: {outcome:?}");
    };
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].address, "nobody@example.org");
    assert_eq!(refused[0].reply.code, 550);
    assert_eq!(refused[0].reply.enhanced, Some([5, 1, 1]));
    assert!(refused[0].reply.text.contains("Recipient address rejected"));
    assert_eq!(
        seen.lock().unwrap().data,
        b"Subject: three\r\n\r\nhello\r\n.\r\n"
    );
}

#[tokio::test]
async fn a_connection_cut_after_the_final_dot_is_unknown() {
    let mut steps = script(up_to_the_dot());
    steps.push(Close);
    let (port, seen) = server(vec![steps]).await;
    let outcome = send(
        port,
        Security::Plain,
        "secret",
        &["ben@example.org"],
        b"Subject: maybe\r\n\r\nmaybe sent\r\n",
    )
    .await;
    assert!(
        matches!(outcome, Outcome::Unknown { .. }),
        "a cut after the dot must be unknown: {outcome:?}"
    );
    assert!(seen.lock().unwrap().data.ends_with(b"maybe sent\r\n.\r\n"));
}

#[tokio::test]
async fn silence_after_the_final_dot_is_unknown_too() {
    let mut steps = script(up_to_the_dot());
    steps.push(Silence);
    let (port, _) = server(vec![steps]).await;
    let started = Instant::now();
    let outcome = send(
        port,
        Security::Plain,
        "secret",
        &["ben@example.org"],
        b"x\r\n",
    )
    .await;
    assert!(
        matches!(
            outcome,
            Outcome::Unknown {
                error: Error::Timeout(_)
            }
        ),
        "{outcome:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn starttls_required_but_not_offered_sends_no_credentials() {
    let (port, seen) = server(vec![vec![
        Send("220 mail.example.org ESMTP\r\n"),
        Expect("EHLO "),
        Send("250-mail.example.org\r\n250 AUTH PLAIN LOGIN\r\n"),
        Expect(""),
    ]])
    .await;
    let outcome = send(
        port,
        Security::StartTls,
        "secret",
        &["ben@example.org"],
        b"x\r\n",
    )
    .await;
    let error = not_sent(outcome);
    assert!(matches!(error, Error::StartTlsUnavailable), "{error}");
    assert_eq!(error.kind(), ErrorKind::Tls);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let seen = seen.lock().unwrap();
    assert!(
        seen.lines
            .iter()
            .all(|l| !l.starts_with("AUTH") && !l.starts_with("MAIL")),
        "{:?}",
        seen.lines
    );
}

#[tokio::test]
async fn a_reply_injected_after_starttls_is_refused() {
    let (port, seen) = server(vec![vec![
        Send("220 mail.example.org ESMTP\r\n"),
        Expect("EHLO "),
        Send("250-mail.example.org\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n"),
        Expect("STARTTLS"),
        Send("220 go ahead\r\n250 fake\r\n"),
        Expect(""),
    ]])
    .await;
    let error = smtp::connect(&options(port, Security::StartTls))
        .await
        .expect_err("injection must be refused");
    assert!(
        matches!(&error, Error::Protocol(text) if text.contains("injection")),
        "{error}"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        seen.lock().unwrap().lines.len(),
        2,
        "nothing after STARTTLS"
    );
}

#[tokio::test]
async fn endless_and_huge_replies_end_in_a_bounded_error() {
    let endless = vec![Send("220 hi\r\n"), Expect("EHLO "), Endless("250-x\r\n")];
    let huge = vec![Send("220 hi\r\n"), Expect("EHLO "), Huge(10 << 20)];
    let silent = vec![Send("220 hi\r\n"), Expect("EHLO "), Silence];
    let (port, _) = server(vec![endless, huge, silent]).await;
    let opts = options(port, Security::Plain);
    let started = Instant::now();
    let e = smtp::connect(&opts).await.expect_err("endless reply");
    assert!(matches!(e, Error::ReplyTooLong), "{e}");
    let e = smtp::connect(&opts).await.expect_err("huge line");
    assert!(matches!(e, Error::LineTooLong), "{e}");
    let e = smtp::connect(&opts).await.expect_err("silence");
    assert!(matches!(e, Error::Timeout(_)), "{e}");
    assert_eq!(e.kind(), ErrorKind::Network);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_wrong_password_is_an_auth_error_in_words() {
    let (port, _) = server(vec![vec![
        Send("220 mail.example.org ESMTP\r\n"),
        Expect("EHLO "),
        Send(EHLO),
        Expect("AUTH PLAIN "),
        Send("535 5.7.8 Error: authentication failed: authentication failure\r\n"),
        Expect(""),
    ]])
    .await;
    let outcome = send(
        port,
        Security::Plain,
        "wrong",
        &["ben@example.org"],
        b"x\r\n",
    )
    .await;
    let error = not_sent(outcome);
    assert!(matches!(error, Error::AuthRejected(_)), "{error}");
    assert_eq!(error.kind(), ErrorKind::Auth);
    i18n::select(Language::English);
    i18n::set_isolating(false);
    let words = error.user_message("mail.example.org");
    assert!(
        words.contains("rejected the user name or password"),
        "{words}"
    );
    assert!(!words.contains("5.7.8"), "{words}");
    assert!(error.details().contains("535"));
    i18n::select(Language::German);
    let words = error.user_message("mail.example.org");
    assert!(
        words.contains("Benutzername oder Passwort abgelehnt"),
        "{words}"
    );
}

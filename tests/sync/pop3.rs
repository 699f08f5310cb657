//! The POP3 client against a real Dovecot (tests/support): TLS paths, logins, listings,
//! byte-exact retrieval, deletion semantics, pipelining and locking. Each test starts its
//! own server.
use crate::support;

use std::time::Duration;

use postfach::pop3::{
    AuthMethod, Client, ConnectOptions, Error, Limits, Password, Pop3Stream, Security,
    SessionState, TlsFailure, TlsOptions, connect,
};
use support::{Dovecot, PASSWORD, USER};

fn options(server: &Dovecot, security: Security, tls: TlsOptions) -> ConnectOptions {
    let port = match security {
        Security::Tls => server.pop3s_port(),
        Security::StartTls | Security::Plain => server.pop3_port(),
    };
    ConnectOptions {
        host: server.host().to_owned(),
        port,
        security,
        tls,
        limits: Limits::default(),
    }
}

fn trusting_ca(server: &Dovecot) -> TlsOptions {
    TlsOptions {
        ca_file: Some(server.ca_pem_path()),
        pinned_sha256: None,
    }
}

async fn session(server: &Dovecot) -> Client<Pop3Stream> {
    let opts = options(server, Security::Tls, trusting_ca(server));
    let mut client = match connect(&opts).await {
        Ok(c) => c,
        Err(e) => panic!("connect: {e}\n{}", server.log()),
    };
    if let Err(e) = client
        .login(USER, &Password::new(PASSWORD), AuthMethod::Auto)
        .await
    {
        panic!("login: {e}\n{}", server.log());
    }
    client
}

/// A session, retrying while the previous one's process still holds the mailbox lock.
async fn next_session(server: &Dovecot) -> Client<Pop3Stream> {
    for _ in 0..50 {
        let opts = options(server, Security::Tls, trusting_ca(server));
        let Ok(mut client) = connect(&opts).await else {
            continue;
        };
        match client
            .login(USER, &Password::new(PASSWORD), AuthMethod::Auto)
            .await
        {
            Ok(()) => return client,
            Err(Error::InUse(_)) => tokio::time::sleep(Duration::from_millis(200)).await,
            Err(e) => panic!("login: {e}"),
        }
    }
    panic!("mailbox stayed locked");
}

/// Whether Dovecot's log shows `needle` (its log process writes with a little delay).
async fn log_shows(server: &Dovecot, needle: &str) -> bool {
    for _ in 0..100 {
        if server.log().contains(needle) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// Messages with CRLF, dot lines, 8-bit umlauts, a missing final line end, and a big one.
fn seed_messages(server: &Dovecot) -> Vec<Vec<u8>> {
    let mut big = String::from("Subject: =?utf-8?q?Gro=C3=9F?=\r\n\r\n");
    for i in 0..5000 {
        big.push_str(&format!(
            ".{i} Zeile mit führendem Punkt und etwas Text dahinter\r\n"
        ));
    }
    let messages = vec![
        "From: Jörg Müller <joerg@example.org>\r\nTo: alice@example.org\r\n\
         Subject: Grüße aus Köln\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
         Äpfel, Öfen, Übermut, Straße.\r\n.\r\n..zwei Punkte\r\n.ein Punkt\r\nEnde\r\n"
            .as_bytes()
            .to_vec(),
        b"Subject: ohne Zeilenende\r\n\r\nletzte Zeile ohne CRLF".to_vec(),
        big.into_bytes(),
    ];
    for (i, m) in messages.iter().enumerate() {
        server.seed(USER, &format!("m{i}"), m);
    }
    messages
}

/// What RETR returns for a seeded file: Dovecot ends a last line that lacks one with CRLF.
fn as_served(seeded: &[u8]) -> Vec<u8> {
    let mut m = seeded.to_vec();
    if !m.ends_with(b"\r\n") {
        m.extend_from_slice(b"\r\n");
    }
    m
}

#[tokio::test]
async fn implicit_tls_with_ca_file_and_every_mechanism() {
    let server = Dovecot::start();
    for method in [
        AuthMethod::Auto,
        AuthMethod::Plain,
        AuthMethod::Login,
        AuthMethod::CramMd5,
        AuthMethod::UserPass,
    ] {
        let opts = options(&server, Security::Tls, trusting_ca(&server));
        let mut client = connect(&opts).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(client.capabilities().has_sasl("CRAM-MD5"));
        assert!(!client.capabilities().stls, "no STLS inside TLS");
        let r = client.login(USER, &Password::new(PASSWORD), method).await;
        assert!(r.is_ok(), "{method}: {r:?}\n{}", server.log());
        assert_eq!(client.state(), SessionState::Transaction);
        assert!(client.capabilities().pipelining && client.capabilities().uidl);
        assert_eq!(client.stat().await.ok(), Some((0, 0)));
        assert!(client.quit().await.is_ok());
    }
    let log = server.log();
    assert!(log.contains("method=CRAM-MD5"), "{log}");
    assert!(
        log.contains("method=PLAIN") && log.contains("method=LOGIN"),
        "{log}"
    );
}

#[tokio::test]
async fn stls_login() {
    let server = Dovecot::start();
    seed_messages(&server);
    let opts = options(&server, Security::StartTls, trusting_ca(&server));
    let mut client = connect(&opts)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", server.log()));
    assert!(!client.capabilities().stls, "CAPA is asked again after TLS");
    let r = client
        .login(USER, &Password::new(PASSWORD), AuthMethod::Auto)
        .await;
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(client.stat().await.map(|(n, _)| n).ok(), Some(3));
    assert!(client.quit().await.is_ok());
    assert!(log_shows(&server, "TLS").await, "{}", server.log());
}

#[tokio::test]
async fn tls_required_is_refused_by_a_server_without_stls() {
    let server = Dovecot::builder().without_tls().start();
    let opts = options(&server, Security::StartTls, TlsOptions::default());
    let r = connect(&opts).await;
    assert!(
        matches!(r, Err(Error::StartTlsUnavailable)),
        "{:?}",
        r.map(|_| ())
    );
    // Nothing that looks like a login reached the server.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let log = server.log();
    assert!(
        !log.contains("Login:") && !log.contains("auth failed"),
        "{log}"
    );
    assert!(!log.contains("user=<alice>"), "{log}");

    // The same server works in plain text when that is explicitly chosen.
    let opts = options(&server, Security::Plain, TlsOptions::default());
    let mut client = connect(&opts).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        client
            .login(USER, &Password::new(PASSWORD), AuthMethod::Auto)
            .await
            .is_ok()
    );
    assert!(client.quit().await.is_ok());
}

#[tokio::test]
async fn wrong_password_is_rejected() {
    let server = Dovecot::start();
    for method in [AuthMethod::UserPass, AuthMethod::CramMd5] {
        let opts = options(&server, Security::Tls, trusting_ca(&server));
        let mut client = connect(&opts).await.unwrap_or_else(|e| panic!("{e}"));
        let r = client.login(USER, &Password::new("falsch"), method).await;
        assert!(matches!(r, Err(Error::AuthRejected(_))), "{method}: {r:?}");
        assert_eq!(client.state(), SessionState::Authorization);
    }
}

#[tokio::test]
async fn listings_and_retr_are_byte_exact() {
    let server = Dovecot::start();
    let seeded = seed_messages(&server);
    let mut client = session(&server).await;
    let total: u64 = seeded.iter().map(|m| m.len() as u64).sum();
    assert_eq!(client.stat().await.ok(), Some((3, total)));
    let list = client.list().await.unwrap_or_else(|e| panic!("{e}"));
    let expected: Vec<(u32, u64)> = (1..).zip(seeded.iter().map(|m| m.len() as u64)).collect();
    assert_eq!(list, expected);
    assert_eq!(client.list_one(3).await.ok(), Some(seeded[2].len() as u64));
    let uidl = client.uidl().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(uidl.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(client.uidl_one(2).await.ok().as_ref(), Some(&uidl[1].1));
    for (n, m) in (1..).zip(&seeded) {
        let got = client
            .retr(n)
            .await
            .unwrap_or_else(|e| panic!("RETR {n}: {e}"));
        assert_eq!(got, as_served(m), "message {n}");
    }
    assert!(matches!(client.retr(4).await, Err(Error::ServerError(_))));
    assert!(client.quit().await.is_ok());

    // UIDLs are stable across sessions.
    let mut client = next_session(&server).await;
    assert_eq!(client.uidl().await.ok(), Some(uidl));
    assert!(client.quit().await.is_ok());
}

#[tokio::test]
async fn top_returns_headers_and_lines() {
    let server = Dovecot::start();
    let seeded = seed_messages(&server);
    let mut client = session(&server).await;
    let head_len = seeded[0]
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(0)
        + 4;
    assert_eq!(
        client.top(1, 0).await.ok().as_deref(),
        Some(&seeded[0][..head_len])
    );
    let one_line = &seeded[0][..head_len + "Äpfel, Öfen, Übermut, Straße.\r\n".len()];
    assert_eq!(client.top(1, 1).await.ok().as_deref(), Some(one_line));
    assert!(client.quit().await.is_ok());
}

#[tokio::test]
async fn dele_and_quit_removes_dele_without_quit_does_not() {
    let server = Dovecot::start();
    seed_messages(&server);
    assert_eq!(server.message_count(USER), 3);

    // DELE, then the connection is dropped without QUIT: nothing is removed.
    let mut client = session(&server).await;
    assert!(client.dele(1).await.is_ok());
    assert!(matches!(client.retr(1).await, Err(Error::ServerError(_))));
    drop(client);
    let mut client = next_session(&server).await;
    assert_eq!(client.stat().await.map(|(n, _)| n).ok(), Some(3));
    assert_eq!(server.message_count(USER), 3);

    // RSET undoes a DELE.
    assert!(client.dele(2).await.is_ok());
    assert!(client.rset().await.is_ok());
    assert!(client.noop().await.is_ok());
    let uid_kept = client.uidl_one(2).await.unwrap_or_else(|e| panic!("{e}"));
    // DELE + QUIT removes.
    let uid_gone = client.uidl_one(1).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(client.dele(1).await.is_ok());
    assert!(client.quit().await.is_ok());
    assert_eq!(server.message_count(USER), 2);
    let mut client = next_session(&server).await;
    let uids: Vec<String> = client
        .uidl()
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|(_, u)| u)
        .collect();
    assert!(
        uids.contains(&uid_kept) && !uids.contains(&uid_gone),
        "{uids:?}"
    );
    assert!(client.quit().await.is_ok());
}

#[tokio::test]
async fn pipelined_and_unpipelined_sessions_agree() {
    let server = Dovecot::start();
    let mut seeded = seed_messages(&server);
    for i in 0..30 {
        let m = format!(
            "Subject: Nummer {i}\r\n\r\n{}\r\n.\r\nEnde {i}\r\n",
            "x".repeat(i * 997)
        );
        server.seed(USER, &format!("n{i}"), m.as_bytes());
        seeded.push(m.into_bytes());
    }
    let ns: Vec<u32> = (1..=35).collect(); // 34 and 35 do not exist
    let mut client = session(&server).await;
    assert!(client.capabilities().pipelining);
    let piped = client
        .retr_many(&ns, 8)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let single = client
        .retr_many(&ns, 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut one_by_one = Vec::new();
    for &n in &ns {
        one_by_one.push((n, client.retr(n).await));
    }
    assert_eq!(format!("{piped:?}"), format!("{single:?}"));
    assert_eq!(format!("{piped:?}"), format!("{one_by_one:?}"));
    for ((n, got), want) in piped.iter().zip(&seeded) {
        assert_eq!(
            got.as_deref().ok(),
            Some(&as_served(want)[..]),
            "message {n}"
        );
    }
    assert!(matches!(piped[33].1, Err(Error::ServerError(_))));

    let deleted = client
        .dele_many(&[2, 4, 99, 6], 8)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let oks: Vec<bool> = deleted.iter().map(|(_, r)| r.is_ok()).collect();
    assert_eq!(oks, [true, true, false, true]);
    assert!(client.quit().await.is_ok());
    assert_eq!(server.message_count(USER), 30);
}

#[tokio::test]
async fn a_second_session_gets_mailbox_in_use() {
    let server = Dovecot::start();
    seed_messages(&server);
    let mut first = session(&server).await;
    let opts = options(&server, Security::Tls, trusting_ca(&server));
    let mut second = connect(&opts).await.unwrap_or_else(|e| panic!("{e}"));
    let r = second
        .login(USER, &Password::new(PASSWORD), AuthMethod::Auto)
        .await;
    assert!(matches!(&r, Err(Error::InUse(_))), "{r:?}");
    assert!(r.as_ref().err().is_some_and(Error::is_transient));
    assert_eq!(first.stat().await.map(|(n, _)| n).ok(), Some(3));
    assert!(first.quit().await.is_ok());
}

#[tokio::test]
async fn pinned_fingerprint_accepts_only_that_certificate() {
    let server = Dovecot::start();
    let pinned = TlsOptions {
        ca_file: None,
        pinned_sha256: Some(server.cert_sha256()),
    };
    for security in [Security::Tls, Security::StartTls] {
        let mut client = connect(&options(&server, security, pinned.clone()))
            .await
            .unwrap_or_else(|e| panic!("{security}: {e}"));
        assert!(
            client
                .login(USER, &Password::new(PASSWORD), AuthMethod::Auto)
                .await
                .is_ok()
        );
        assert!(client.quit().await.is_ok());
    }
    let mut wrong = server.cert_sha256();
    wrong[0] ^= 0xff;
    let opts = options(
        &server,
        Security::Tls,
        TlsOptions {
            ca_file: None,
            pinned_sha256: Some(wrong),
        },
    );
    match connect(&opts).await {
        Err(Error::PinMismatch { expected, actual }) => {
            assert_eq!(expected, wrong);
            assert_eq!(actual.sha256, server.cert_sha256());
        }
        other => panic!("expected PinMismatch, got {:?}", other.map(|_| ())),
    }
}

#[tokio::test]
async fn custom_ca_verifies_the_host_name() {
    let server = Dovecot::start();
    let mut opts = options(&server, Security::Tls, trusting_ca(&server));
    opts.host = "localhost".to_owned();
    let client = connect(&opts).await;
    assert!(client.is_ok(), "{:?}", client.map(|_| ()));
    // A CA file that does not exist is a TLS error, not a silent fallback.
    let mut opts = options(&server, Security::Tls, trusting_ca(&server));
    opts.tls.ca_file = Some(server.dir().join("missing.pem"));
    assert!(matches!(
        connect(&opts).await,
        Err(Error::Tls {
            failure: TlsFailure::BadCaFile,
            ..
        })
    ));
}

#[tokio::test]
async fn untrusted_certificate_reports_its_details() {
    let server = Dovecot::start();
    for security in [Security::Tls, Security::StartTls] {
        let opts = options(&server, security, TlsOptions::default());
        match connect(&opts).await {
            Err(Error::Tls {
                failure,
                message,
                certificate: Some(cert),
            }) => {
                // Issued by the test CA, which the system does not know.
                assert_eq!(failure, TlsFailure::UnknownIssuer, "{security}: {message}");
                assert_eq!(cert.sha256, server.cert_sha256(), "{security}");
                assert_eq!(cert.fingerprint_hex().len(), 95);
                assert!(cert.subject.contains("localhost"), "{}", cert.subject);
                assert!(cert.issuer.contains("Postfach Test CA"), "{}", cert.issuer);
                assert!(!cert.not_before.is_empty() && !cert.not_after.is_empty());
                assert!(!message.is_empty());
            }
            other => panic!(
                "{security}: expected a TLS error with the certificate, got {:?}",
                other.map(|_| ())
            ),
        }
    }
    assert!(!server.log().contains("Login:"), "{}", server.log());
}

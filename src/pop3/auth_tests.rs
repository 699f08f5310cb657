//! Login exchanges against the scripted server: SASL mechanisms, APOP, redacted traces.
use super::client::TRACE_TAP;
use super::client_tests::{CAPA, capa_steps, client, finish};
use super::script::{Step, expect, send};
use super::*;

/// Greeting `greeting`, CAPA `capa`, then the login exchange; CAPA again afterwards.
fn script(greeting: &str, capa: &str, exchange: Vec<Step>) -> Vec<Step> {
    let mut steps = vec![send(format!("+OK {greeting}\r\n"))];
    steps.extend(capa_steps(capa));
    steps.extend(exchange);
    steps
}

async fn login_with(
    steps: Vec<Step>,
    user: &str,
    secret: &str,
    method: AuthMethod,
) -> Result<(), Error> {
    let (mut c, server) = client(steps).await;
    let r = c.login(user, &Password::new(secret), method).await;
    if r.is_ok() {
        assert_eq!(c.state(), SessionState::Transaction);
    }
    drop(c);
    finish(server).await;
    r
}

fn after_login() -> Vec<Step> {
    capa_steps(CAPA)
}

#[tokio::test]
async fn auto_uses_cram_md5_when_offered() {
    let mut exchange = vec![
        expect("AUTH CRAM-MD5"),
        send("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n"),
        expect("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw"),
        send("+OK welcome\r\n"),
    ];
    exchange.extend(after_login());
    let r = login_with(
        script("ready", CAPA, exchange),
        "tim",
        "tanstaaftanstaaf",
        AuthMethod::Auto,
    )
    .await;
    assert!(r.is_ok(), "{r:?}");
}

#[tokio::test]
async fn plain_sends_an_initial_response() {
    // base64("\0alice\0secret")
    let mut exchange = vec![expect("AUTH PLAIN AGFsaWNlAHNlY3JldA=="), send("+OK\r\n")];
    exchange.extend(after_login());
    let r = login_with(
        script("ready", "USER\r\nSASL PLAIN LOGIN\r\n", exchange),
        "alice",
        "secret",
        AuthMethod::Auto,
    )
    .await;
    assert!(r.is_ok(), "{r:?}");
}

#[tokio::test]
async fn login_answers_both_prompts() {
    let mut exchange = vec![
        expect("AUTH LOGIN"),
        send("+ VXNlcm5hbWU6\r\n"),
        expect("YWxpY2U="),
        send("+ UGFzc3dvcmQ6\r\n"),
        expect("c2VjcmV0"),
        send("+OK\r\n"),
    ];
    exchange.extend(after_login());
    let r = login_with(
        script("ready", "SASL LOGIN\r\n", exchange),
        "alice",
        "secret",
        AuthMethod::Auto,
    )
    .await;
    assert!(r.is_ok(), "{r:?}");
}

#[tokio::test]
async fn xoauth2_two_step_with_error_challenge() {
    // A long token does not fit the AUTH line: Microsoft's two-step form.
    let token = "t".repeat(400);
    let initial =
        base64_of(format!("user=a@example.com\x01auth=Bearer {token}\x01\x01").as_bytes());
    let exchange = vec![
        expect("AUTH XOAUTH2"),
        send("+ \r\n"),
        expect(&initial),
        // {"status":"401"}
        send("+ eyJzdGF0dXMiOiI0MDEifQ==\r\n"),
        expect(""),
        send("-ERR [AUTH] Authentication failed.\r\n"),
    ];
    let r = login_with(
        script("ready", "SASL XOAUTH2\r\n", exchange),
        "a@example.com",
        &token,
        AuthMethod::XOAuth2,
    )
    .await;
    assert!(
        matches!(&r, Err(Error::AuthRejected(m)) if m.contains("401")),
        "{r:?}"
    );

    // A short token too waits for the server's `+` (Microsoft takes it no other way); a
    // server that accepts it (Google) answers +OK.
    let mut exchange = vec![
        expect("AUTH XOAUTH2"),
        send("+\r\n"),
        expect(&base64_of(b"user=a\x01auth=Bearer tok\x01\x01")),
        send("+OK\r\n"),
    ];
    exchange.extend(after_login());
    let r = login_with(
        script("ready", "SASL XOAUTH2\r\n", exchange),
        "a",
        "tok",
        AuthMethod::XOAuth2,
    )
    .await;
    assert!(r.is_ok(), "{r:?}");
}

#[tokio::test]
async fn after_stls_capa_is_asked_again_and_its_sasl_list_counts() {
    // Microsoft's POP3 lists SASL only after STLS: before it, no XOAUTH2.
    let mut steps = vec![send("+OK ready\r\n")];
    steps.extend(capa_steps("USER\r\nSTLS\r\n"));
    steps.extend([expect("STLS"), send("+OK Begin TLS\r\n")]);
    let (c, server) = client(steps).await;
    assert!(!c.capabilities().has_sasl("XOAUTH2"));
    let (greeting, at) = c.greeting_and_server();
    let plain = c.stls().await;
    assert!(plain.is_ok());
    drop(plain);
    finish(server).await;
    // The session goes on over the (here: scripted) encrypted stream.
    let mut steps = capa_steps("USER\r\nSASL XOAUTH2\r\n");
    steps.extend([
        expect("AUTH XOAUTH2"),
        send("+\r\n"),
        expect(&base64_of(b"user=a@outlook.com\x01auth=Bearer tok\x01\x01")),
        send("+OK\r\n"),
    ]);
    steps.extend(capa_steps("USER\r\nSASL XOAUTH2\r\n"));
    let (stream, server) = super::script::serve(steps);
    let mut c = Client::<tokio::io::DuplexStream>::on_new_stream(
        greeting,
        at,
        stream,
        crate::pop3::Limits::default(),
    );
    let r = c
        .login("a@outlook.com", &Password::new("tok"), AuthMethod::XOAuth2)
        .await;
    assert!(r.is_ok(), "{r:?}");
    drop(c);
    finish(server).await;
}

#[tokio::test]
async fn oauthbearer_failure_is_acknowledged_with_0x01() {
    let exchange = vec![
        expect(&format!(
            "AUTH OAUTHBEARER {}",
            base64_of(b"n,a=a,\x01auth=Bearer tok\x01\x01")
        )),
        send("+ eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIn0=\r\n"),
        expect("AQ=="),
        send("-ERR authentication failed\r\n"),
    ];
    let r = login_with(
        script("ready", "SASL OAUTHBEARER\r\n", exchange),
        "a",
        "tok",
        AuthMethod::OAuthBearer,
    )
    .await;
    assert!(
        matches!(&r, Err(Error::AuthRejected(m)) if m.contains("invalid_token")),
        "{r:?}"
    );
}

#[tokio::test]
async fn apop_against_the_rfc_example() {
    let mut exchange = vec![
        expect("APOP mrose c4c9334bac560ecc979e58001b3e22fb"),
        send("+OK maildrop has 1 message (369 octets)\r\n"),
    ];
    exchange.extend(after_login());
    let greeting = "POP3 server ready <1896.697170952@dbc.mtview.ca.us>";
    let r = login_with(
        script(greeting, CAPA, exchange),
        "mrose",
        "tanstaaf",
        AuthMethod::Apop,
    )
    .await;
    assert!(r.is_ok(), "{r:?}");

    // Without a timestamp APOP is refused before anything is sent.
    let r = login_with(
        script("ready", CAPA, vec![]),
        "mrose",
        "tanstaaf",
        AuthMethod::Apop,
    )
    .await;
    assert!(matches!(r, Err(Error::NoCommonMechanism)));
}

#[tokio::test]
async fn no_capa_falls_back_to_user_pass() {
    let steps = vec![
        send("+OK ready\r\n"),
        expect("CAPA"),
        send("-ERR unknown command\r\n"),
        expect("USER alice"),
        send("+OK\r\n"),
        expect("PASS secret"),
        send("+OK\r\n"),
    ];
    let r = login_with(steps, "alice", "secret", AuthMethod::Auto).await;
    assert!(r.is_ok(), "{r:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn traces_redact_credentials_and_skip_bodies() {
    // The client and the scripted server run on this thread (current_thread runtime).
    TRACE_TAP.with(|tap| tap.borrow_mut().clear());

    let mut steps = script(
        "ready",
        "USER\r\nSASL PLAIN LOGIN\r\n",
        vec![
            expect("USER alice"),
            send("+OK\r\n"),
            expect("PASS hunter2"),
            send("-ERR [AUTH] no\r\n"),
            expect("AUTH LOGIN"),
            send("+ VXNlcm5hbWU6\r\n"),
            expect("YWxpY2U="),
            send("+ UGFzc3dvcmQ6\r\n"),
            expect("aHVudGVyMg=="),
            send("+OK\r\n"),
        ],
    );
    steps.extend(capa_steps(CAPA));
    steps.extend([expect("RETR 1"), send("+OK\r\nSecret body text\r\n.\r\n")]);
    let (mut c, server) = client(steps).await;
    let secret = Password::new("hunter2");
    assert!(
        c.login("alice", &secret, AuthMethod::UserPass)
            .await
            .is_err()
    );
    assert!(c.login("alice", &secret, AuthMethod::Login).await.is_ok());
    assert!(c.retr(1).await.is_ok());
    drop(c);
    finish(server).await;

    let log = TRACE_TAP.with(|tap| tap.borrow().join("\n"));
    assert!(log.contains("C: USER alice"), "{log}");
    assert!(log.contains("C: PASS ***"), "{log}");
    assert!(
        log.contains("C: AUTH LOGIN\nS: + VXNlcm5hbWU6\nC: ***"),
        "{log}"
    );
    assert!(log.contains("C: RETR 1\nS: +OK"), "{log}");
    assert!(!log.contains("hunter2"), "{log}");
    assert!(!log.contains("aHVudGVyMg"), "{log}");
    assert!(!log.contains("YWxpY2U="), "{log}");
    assert!(!log.contains("Secret body text"), "{log}");
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

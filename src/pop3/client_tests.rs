//! Session-level tests against the scripted server: the edge cases a real server won't
//! produce.
use std::time::Duration;

use tokio::io::DuplexStream;
use tokio::task::JoinHandle;

use super::script::{Step, expect, send, serve};
use super::*;

pub(crate) const CAPA: &str = "TOP\r\nUIDL\r\nUSER\r\nRESP-CODES\r\nSASL PLAIN LOGIN CRAM-MD5\r\n";

pub(crate) fn capa_steps(lines: &str) -> Vec<Step> {
    vec![expect("CAPA"), send(format!("+OK\r\n{lines}.\r\n"))]
}

/// Greeting, CAPA, USER/PASS, CAPA again, then `rest`.
fn logged_in_script(capa: &str, rest: Vec<Step>) -> Vec<Step> {
    let mut steps = vec![send("+OK ready\r\n")];
    steps.extend(capa_steps(capa));
    steps.extend([
        expect("USER alice"),
        send("+OK\r\n"),
        expect("PASS secret"),
        send("+OK logged in\r\n"),
    ]);
    steps.extend(capa_steps(capa));
    steps.extend(rest);
    steps
}

pub(crate) async fn client(
    steps: Vec<Step>,
) -> (Client<DuplexStream>, JoinHandle<Result<(), String>>) {
    client_with(steps, Limits::default()).await
}

async fn client_with(
    steps: Vec<Step>,
    limits: Limits,
) -> (Client<DuplexStream>, JoinHandle<Result<(), String>>) {
    let (stream, server) = serve(steps);
    match Client::new(stream, limits).await {
        Ok(c) => (c, server),
        Err(e) => panic!("greeting failed: {e}"),
    }
}

async fn logged_in(
    capa: &str,
    rest: Vec<Step>,
) -> (Client<DuplexStream>, JoinHandle<Result<(), String>>) {
    let (mut c, server) = client(logged_in_script(capa, rest)).await;
    let r = c
        .login("alice", &Password::new("secret"), AuthMethod::UserPass)
        .await;
    assert!(r.is_ok(), "{r:?}");
    (c, server)
}

/// The script ran to its end and the client sent nothing more.
pub(crate) async fn finish(server: JoinHandle<Result<(), String>>) {
    match server.await {
        Ok(Ok(())) => {}
        other => panic!("server script: {other:?}"),
    }
}

#[tokio::test]
async fn a_whole_session() {
    let (mut c, server) = logged_in(
        CAPA,
        vec![
            expect("STAT"),
            send("+OK 2 320\r\n"),
            expect("LIST"),
            send("+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n"),
            expect("UIDL"),
            send("+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n"),
            expect("LIST 2"),
            send("+OK 2 200\r\n"),
            expect("UIDL 1"),
            send("+OK 1 whqtswO00WBw418f9t5JxYwZ\r\n"),
            expect("RETR 1"),
            send("+OK 120 octets\r\nSubject: x\r\n\r\n..dot\r\nbody\r\n.\r\n"),
            expect("TOP 2 0"),
            send("+OK\r\nSubject: y\r\n\r\n.\r\n"),
            expect("DELE 1"),
            send("+OK marked\r\n"),
            expect("RSET"),
            send("+OK\r\n"),
            expect("NOOP"),
            send("+OK\r\n"),
            expect("DELE 2"),
            send("+OK\r\n"),
            expect("QUIT"),
            send("+OK bye\r\n"),
        ],
    )
    .await;
    assert_eq!(c.state(), SessionState::Transaction);
    assert_eq!(c.greeting(), "ready");
    assert_eq!(c.stat().await.ok(), Some((2, 320)));
    assert_eq!(c.list().await.ok(), Some(vec![(1, 120), (2, 200)]));
    let uidl = c.uidl().await.ok();
    assert_eq!(
        uidl,
        Some(vec![
            (1, "whqtswO00WBw418f9t5JxYwZ".to_owned()),
            (2, "QhdPYR:00WBw1Ph7x7".to_owned())
        ])
    );
    assert_eq!(c.list_one(2).await.ok(), Some(200));
    assert_eq!(
        c.uidl_one(1).await.ok().as_deref(),
        Some("whqtswO00WBw418f9t5JxYwZ")
    );
    assert_eq!(
        c.retr(1).await.ok().as_deref(),
        Some(&b"Subject: x\r\n\r\n.dot\r\nbody\r\n"[..])
    );
    assert_eq!(
        c.top(2, 0).await.ok().as_deref(),
        Some(&b"Subject: y\r\n\r\n"[..])
    );
    assert!(c.dele(1).await.is_ok());
    assert!(c.rset().await.is_ok());
    assert!(c.noop().await.is_ok());
    assert!(c.dele(2).await.is_ok());
    assert!(c.quit().await.is_ok());
    finish(server).await;
}

#[tokio::test]
async fn wrong_state_commands_send_nothing() {
    // The script ends after the greeting: any command sent fails it.
    let (mut c, server) = client(vec![send("+OK ready\r\n")]).await;
    assert!(matches!(
        c.stat().await,
        Err(Error::WrongState {
            command: "STAT",
            state: SessionState::Authorization
        })
    ));
    assert!(matches!(c.retr(1).await, Err(Error::WrongState { .. })));
    assert!(matches!(
        c.retr_many(&[1, 2], 4).await,
        Err(Error::WrongState { .. })
    ));
    assert!(matches!(
        c.dele_many(&[1], 4).await,
        Err(Error::WrongState { .. })
    ));
    assert!(matches!(c.noop().await, Err(Error::WrongState { .. })));
    drop(c);
    finish(server).await;

    let (mut c, server) = logged_in(CAPA, vec![]).await;
    let r = c
        .login("alice", &Password::new("secret"), AuthMethod::UserPass)
        .await;
    assert!(matches!(
        r,
        Err(Error::WrongState {
            state: SessionState::Transaction,
            ..
        })
    ));
    drop(c);
    finish(server).await;
}

type Check = fn(&Error) -> bool;

#[tokio::test]
async fn extended_codes_at_login_are_typed() {
    let cases: [(&str, Check); 6] = [
        ("-ERR [IN-USE] Mailbox is locked\r\n", |e| {
            matches!(e, Error::InUse(_))
        }),
        ("-ERR [LOGIN-DELAY] wait\r\n", |e| {
            matches!(e, Error::LoginDelay(_))
        }),
        ("-ERR [SYS/TEMP] try later\r\n", |e| {
            matches!(e, Error::SysTemp(_))
        }),
        ("-ERR [SYS/PERM] gone\r\n", |e| {
            matches!(e, Error::SysPerm(_))
        }),
        ("-ERR [AUTH] Authentication failed.\r\n", |e| {
            matches!(e, Error::AuthRejected(_))
        }),
        ("-ERR nope\r\n", |e| matches!(e, Error::AuthRejected(_))),
    ];
    for (reply, check) in cases {
        let mut steps = vec![send("+OK ready\r\n")];
        steps.extend(capa_steps(CAPA));
        steps.extend([
            expect("USER alice"),
            send("+OK\r\n"),
            expect("PASS secret"),
            send(reply),
        ]);
        let (mut c, server) = client(steps).await;
        let r = c
            .login("alice", &Password::new("secret"), AuthMethod::UserPass)
            .await;
        assert!(r.as_ref().err().is_some_and(check), "{reply}: {r:?}");
        assert_eq!(c.state(), SessionState::Authorization);
        drop(c);
        finish(server).await;
    }
}

#[tokio::test]
async fn error_greeting_is_typed() {
    let (stream, server) = serve(vec![send("-ERR [SYS/TEMP] overloaded\r\n")]);
    let r = Client::new(stream, Limits::default()).await;
    assert!(matches!(r, Err(Error::SysTemp(_))));
    finish(server).await;
    let (stream, server) = serve(vec![send("* OK IMAP4rev1\r\n")]);
    assert!(matches!(
        Client::new(stream, Limits::default()).await,
        Err(Error::Protocol(_))
    ));
    finish(server).await;
}

#[tokio::test]
async fn bytes_injected_after_stls_are_refused() {
    let mut steps = vec![send("+OK ready\r\n")];
    steps.extend(capa_steps("STLS\r\nUSER\r\n"));
    // The +OK and an injected response arrive together, before any handshake.
    steps.extend([expect("STLS"), send("+OK Begin TLS\r\n+OK injected\r\n")]);
    let (c, server) = client(steps).await;
    assert!(matches!(c.stls().await, Err(Error::Protocol(m)) if m.contains("STARTTLS")));
    finish(server).await;
}

#[tokio::test]
async fn stls_missing_or_refused_sends_nothing_more() {
    let mut steps = vec![send("+OK ready\r\n")];
    steps.extend(capa_steps("USER\r\nSASL PLAIN\r\n"));
    let (c, server) = client(steps).await;
    assert!(matches!(c.stls().await, Err(Error::StartTlsUnavailable)));
    finish(server).await;

    let mut steps = vec![send("+OK ready\r\n")];
    steps.extend(capa_steps("STLS\r\n"));
    steps.extend([expect("STLS"), send("-ERR not now\r\n")]);
    let (c, server) = client(steps).await;
    assert!(matches!(c.stls().await, Err(Error::StartTlsUnavailable)));
    finish(server).await;

    // A clean +OK hands the stream over.
    let mut steps = vec![send("+OK ready\r\n")];
    steps.extend(capa_steps("STLS\r\n"));
    steps.extend([expect("STLS"), send("+OK Begin TLS\r\n")]);
    let (c, server) = client(steps).await;
    let stream = c.stls().await;
    assert!(stream.is_ok());
    drop(stream);
    finish(server).await;
}

#[tokio::test]
async fn unsolicited_lines_are_a_protocol_violation() {
    let (mut c, server) =
        logged_in(CAPA, vec![expect("NOOP"), send("+OK\r\n+OK surprise\r\n")]).await;
    assert!(c.noop().await.is_ok());
    tokio::task::yield_now().await;
    // The extra line is already buffered: the next command refuses to run.
    assert!(matches!(c.stat().await, Err(Error::Protocol(_))));
    // And the session stays broken.
    assert!(matches!(c.noop().await, Err(Error::Protocol(_))));
    drop(c);
    finish(server).await;

    // Junk right behind the greeting.
    let (mut c, server) = client(vec![send("+OK ready\r\n+OK junk\r\n")]).await;
    tokio::task::yield_now().await;
    assert!(matches!(c.capa().await, Err(Error::Protocol(_))));
    drop(c);
    finish(server).await;
}

#[tokio::test]
async fn server_stopping_mid_retr_breaks_the_session() {
    let (mut c, server) = logged_in(
        CAPA,
        vec![
            expect("RETR 1"),
            send("+OK\r\nSubject: cut\r\n\r\nhalf a bo"),
            Step::Close,
        ],
    )
    .await;
    assert!(matches!(c.retr(1).await, Err(Error::Closed)));
    assert!(matches!(c.noop().await, Err(Error::Closed)));
    finish(server).await;
}

#[tokio::test]
async fn retr_errors_and_limits() {
    let limits = Limits {
        max_message_size: 10,
        max_messages: 3,
        ..Limits::default()
    };
    let steps = logged_in_script(
        CAPA,
        vec![
            expect("RETR 9"),
            send("-ERR [SYS/TEMP] disk\r\n"),
            expect("RETR 1"),
            send("+OK\r\n0123456789abc\r\n.\r\n"),
            expect("RETR 2"),
            send("+OK\r\nsmall\r\n.\r\n"),
            expect("STAT"),
            send("+OK 4 100\r\n"),
            expect("LIST"),
            send("+OK\r\n1 1\r\n2 2\r\n3 3\r\n4 4\r\n.\r\n"),
        ],
    );
    let (mut c, server) = client_with(steps, limits).await;
    let login = c
        .login("alice", &Password::new("secret"), AuthMethod::UserPass)
        .await;
    assert!(login.is_ok());
    assert!(matches!(c.retr(9).await, Err(Error::SysTemp(_))));
    assert!(matches!(
        c.retr(1).await,
        Err(Error::MessageTooLarge {
            size: 15,
            limit: 10
        })
    ));
    assert_eq!(c.retr(2).await.ok().as_deref(), Some(&b"small\r\n"[..]));
    assert!(matches!(c.stat().await, Err(Error::TooManyMessages(4))));
    assert!(matches!(c.list().await, Err(Error::TooManyMessages(4))));
    drop(c);
    let _ = server.await;
}

#[tokio::test]
async fn slow_greeting_times_out() {
    let (stream, _server) = serve(vec![Step::Trickle(
        b"+OK very slowly\r\n".to_vec(),
        Duration::from_millis(50),
    )]);
    let limits = Limits {
        response_timeout: Duration::from_millis(200),
        ..Limits::default()
    };
    let r = Client::new(stream, limits).await;
    assert!(matches!(r, Err(Error::Timeout("the greeting"))));
}

/// The replies to RETR 1..=4 (3 fails), as both scripts send them.
fn retr_replies() -> [&'static str; 4] {
    [
        "+OK\r\nFrom: a\r\n\r\none\r\n.\r\n",
        "+OK\r\nFrom: b\r\n\r\n..two\r\n.\r\n",
        "-ERR [SYS/TEMP] cannot read\r\n",
        "+OK\r\nFrom: d\r\n\r\nfour\n.\r\n",
    ]
}

#[tokio::test]
async fn pipelined_and_sequential_give_identical_results() {
    let capa_p = format!("{CAPA}PIPELINING\r\n");
    // Pipelined: the server reads the whole window before it answers anything; a client
    // that waited for each answer would hang here.
    let mut rest: Vec<Step> = (1..=4).map(|n| expect(&format!("RETR {n}"))).collect();
    rest.push(Step::Quiet);
    rest.extend(retr_replies().map(send));
    rest.extend((1..=4).map(|n| expect(&format!("DELE {n}"))));
    rest.extend(["+OK\r\n", "-ERR no such message\r\n", "+OK\r\n", "+OK\r\n"].map(send));
    let (mut c, server) = logged_in(&capa_p, rest).await;
    let piped = c.retr_many(&[1, 2, 3, 4], 8).await;
    let piped_dele = c.dele_many(&[1, 2, 3, 4], 8).await;
    drop(c);
    finish(server).await;

    // Sequential: no PIPELINING, strictly one command, one answer.
    let mut rest = Vec::new();
    for (n, reply) in (1..=4).zip(retr_replies()) {
        rest.extend([expect(&format!("RETR {n}")), send(reply)]);
    }
    for (n, reply) in (1..=4).zip(["+OK\r\n", "-ERR no such message\r\n", "+OK\r\n", "+OK\r\n"]) {
        rest.extend([expect(&format!("DELE {n}")), send(reply)]);
    }
    let (mut c, server) = logged_in(CAPA, rest).await;
    let seq = c.retr_many(&[1, 2, 3, 4], 8).await;
    let seq_dele = c.dele_many(&[1, 2, 3, 4], 8).await;
    drop(c);
    finish(server).await;

    assert_eq!(format!("{piped:?}"), format!("{seq:?}"));
    assert_eq!(format!("{piped_dele:?}"), format!("{seq_dele:?}"));
    let piped = piped.unwrap_or_default();
    assert_eq!(piped.len(), 4);
    assert_eq!(
        piped[1].1.as_deref().ok(),
        Some(&b"From: b\r\n\r\n.two\r\n"[..])
    );
    assert!(matches!(piped[2].1, Err(Error::SysTemp(_))));
    assert_eq!(
        piped[3].1.as_deref().ok(),
        Some(&b"From: d\r\n\r\nfour\n"[..])
    );
    let dele = piped_dele.unwrap_or_default();
    assert!(dele[0].1.is_ok() && matches!(dele[1].1, Err(Error::ServerError(_))));
}

#[tokio::test]
async fn pipeline_window_is_bounded() {
    let capa_p = format!("{CAPA}PIPELINING\r\n");
    // Window 2: the server sees RETR 1 and 2, answers both, then sees 3 and 4.
    let mut rest = vec![expect("RETR 1"), expect("RETR 2"), Step::Quiet];
    rest.extend(retr_replies()[..2].iter().map(send));
    rest.extend([expect("RETR 3"), expect("RETR 4"), Step::Quiet]);
    rest.extend(retr_replies()[2..].iter().map(send));
    let (mut c, server) = logged_in(&capa_p, rest).await;
    let r = c.retr_many(&[1, 2, 3, 4], 2).await;
    assert_eq!(r.map(|v| v.len()).ok(), Some(4));
    drop(c);
    finish(server).await;
}

#[tokio::test]
async fn capabilities_are_asked_again_after_login() {
    let mut steps = vec![send("+OK ready\r\n")];
    steps.extend(capa_steps(
        "USER\r\nEXPIRE 30 USER\r\nLOGIN-DELAY 900 USER\r\n",
    ));
    steps.extend([
        expect("USER alice"),
        send("+OK\r\n"),
        expect("PASS secret"),
        send("+OK\r\n"),
    ]);
    steps.extend(capa_steps(
        "EXPIRE NEVER\r\nLOGIN-DELAY 60\r\nPIPELINING\r\n",
    ));
    let (mut c, server) = client(steps).await;
    assert!(c.capa().await.is_ok());
    assert!(c.capabilities().expire.is_some_and(|e| e.per_user));
    assert!(
        c.login("alice", &Password::new("secret"), AuthMethod::Auto)
            .await
            .is_ok()
    );
    let caps = c.capabilities();
    assert_eq!(caps.expire.map(|e| e.policy), Some(ExpirePolicy::Never));
    assert_eq!(caps.login_delay, Some(60));
    assert!(caps.pipelining);
    drop(c);
    finish(server).await;
}

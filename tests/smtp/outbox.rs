//! The Outbox engine (`send::Sender`) against scripted servers and a real SQLite store: every
//! outcome ends in the state the user expects, and nothing is sent twice without them.
use std::path::Path;

use postfach::mime::Address;
use postfach::send::{self, Delivery, Outgoing, Sender};
use postfach::store::{
    Account, AccountSettings, FolderKind, Links, ListQuery, OutboxState, Scope, Shared,
    SmtpSettings, Store,
};

use super::*;

const NOW: i64 = 1_700_000_000;

fn account(store: &mut Store, port: u16) -> Account {
    let settings = AccountSettings {
        name: "work".into(),
        display_name: "Anna Schäfer".into(),
        email: "anna@example.org".into(),
        host: "127.0.0.1".into(),
        port: 995,
        username: "anna@example.org".into(),
        smtp: Some(SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            security: Security::Plain,
            auth: AuthMethod::Auto,
            username: "anna@example.org".into(),
            own_password: false,
            ca_file: None,
            pinned_sha256: None,
        }),
        ..AccountSettings::default()
    };
    let id = store.add_account(&settings).unwrap();
    store.account(id).unwrap()
}

fn address(email: &str) -> Address {
    Address {
        name: None,
        email: email.into(),
    }
}

fn outgoing(subject: &str, to: &[&str], bcc: &[&str]) -> Outgoing {
    Outgoing {
        from: Address {
            name: Some("Anna Schäfer".into()),
            email: "anna@example.org".into(),
        },
        reply_to: None,
        to: to.iter().map(|a| address(a)).collect(),
        cc: Vec::new(),
        bcc: bcc.iter().map(|a| address(a)).collect(),
        subject: subject.into(),
        body: "Grüße\n".into(),
        in_reply_to: None,
        references: Vec::new(),
        attachments: Vec::new(),
        forwarded: None,
        message_id: send::new_message_id("anna@example.org"),
        date: time::OffsetDateTime::from_unix_timestamp(NOW).unwrap(),
    }
}

/// A store with the account and `messages` queued (subject, recipients).
fn queued(dir: &Path, port: u16, messages: &[(&str, &[&str])]) -> (Shared, Account) {
    let mut store = Store::open_in(dir).unwrap();
    let account = account(&mut store, port);
    for (subject, to) in messages {
        let o = outgoing(subject, to, &[]);
        send::queue(&mut store, &account, &o, Links::default(), None, NOW).unwrap();
    }
    (Shared::new(store), account)
}

fn sender(store: &Shared, dir: &Path) -> Sender {
    Sender::new(store.clone(), dir).with_limits(Limits {
        reply_timeout: Duration::from_secs(2),
        data_end_timeout: Duration::from_secs(2),
        ..Limits::default()
    })
}

async fn deliver(sender: &Sender, account: &Account, at: i64) -> Vec<Delivery> {
    let secret = Password::new("secret");
    sender
        .deliver_due(account, Some(&secret), &move || at)
        .await
        .unwrap()
}

fn outbox_states(store: &Shared) -> Vec<OutboxState> {
    let store = store.lock().unwrap();
    store
        .outbox(None)
        .unwrap()
        .into_iter()
        .map(|e| e.state)
        .collect()
}

fn count(store: &Shared, account: &Account, kind: FolderKind) -> u64 {
    let store = store.lock().unwrap();
    store
        .count(&Scope::Account(account.id, kind), false)
        .unwrap()
}

/// The tail of a script that accepts the message and says goodbye.
fn accepted() -> Vec<Step> {
    vec![
        Send("250 2.0.0 Ok: queued as A1\r\n"),
        Expect("QUIT"),
        Send("221 Bye\r\n"),
    ]
}

#[tokio::test]
async fn a_message_is_sent_once_and_kept_in_sent_with_its_bcc_line() {
    let dir = tempfile::tempdir().unwrap();
    // the state must be on disk before the final dot reaches the server
    let data_dir = dir.path().to_path_buf();
    let state_at_dot = Arc::new(Mutex::new(None));
    let noted = state_at_dot.clone();
    let mut steps = script(vec![
        Expect("MAIL FROM:<anna@example.org>"),
        Send("250 Ok\r\n"),
        Expect("RCPT TO:<ben@example.org>"),
        Send("250 Ok\r\n"),
        Expect("RCPT TO:<chef@example.org>"),
        Send("250 Ok\r\n"),
        Expect("DATA"),
        Send("354 go on\r\n"),
        Data,
    ]);
    steps.push(Call(Box::new(move || {
        let store = Store::open_in(&data_dir).unwrap();
        *noted.lock().unwrap() = store.outbox(None).unwrap().first().map(|e| e.state);
    })));
    steps.extend(accepted());
    let (port, seen) = server(vec![steps]).await;
    let mut store = Store::open_in(dir.path()).unwrap();
    let account = account(&mut store, port);
    let o = outgoing(
        "Angebot für Jürgen",
        &["ben@example.org"],
        &["chef@example.org"],
    );
    let id = send::queue(&mut store, &account, &o, Links::default(), None, NOW).unwrap();
    let store = Shared::new(store);
    let sender = sender(&store, dir.path());

    let done = deliver(&sender, &account, NOW).await;
    assert_eq!(
        done,
        [Delivery::Sent {
            message: id,
            refused: Vec::new()
        }]
    );
    assert_eq!(*state_at_dot.lock().unwrap(), Some(OutboxState::DotSent));
    let stored = store.lock().unwrap().raw(id).unwrap();
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.messages, 1);
    let line_end = stored.windows(2).position(|w| w == b"\r\n").unwrap() + 2;
    let bcc_line = String::from_utf8_lossy(&stored[..line_end]);
    assert!(bcc_line.starts_with("Bcc: ") && bcc_line.contains("chef@example.org"));
    // byte for byte what Sent keeps after the Bcc line
    let transmitted = &stored[line_end..];
    assert_eq!(seen.data, on_the_wire(transmitted));
    assert!(!String::from_utf8_lossy(&seen.data).contains("chef@"));
    assert_eq!(count(&store, &account, FolderKind::Sent), 1);
    assert!(outbox_states(&store).is_empty());
    // nothing is due any more: no connection is made
    assert!(deliver(&sender, &account, NOW + 10_000).await.is_empty());
}

#[tokio::test]
async fn a_temporary_refusal_waits_for_its_back_off_then_the_message_goes() {
    let first = script(vec![
        Expect("MAIL FROM:"),
        Send("451 4.3.0 Try again later\r\n"),
        Expect("QUIT"),
        Send("221 Bye\r\n"),
    ]);
    let mut second = script(up_to_the_dot());
    second.extend(accepted());
    let (port, seen) = server(vec![first, second]).await;
    let dir = tempfile::tempdir().unwrap();
    let (store, account) = queued(dir.path(), port, &[("Hallo", &["ben@example.org"])]);
    let sender = sender(&store, dir.path());

    let done = deliver(&sender, &account, NOW).await;
    let [Delivery::WillRetry { at, kind, .. }] = done.as_slice() else {
        panic!("a 451 is retried later: {done:?}");
    };
    assert_eq!((*at, *kind), (NOW + send::backoff(1), ErrorKind::Temporary));
    assert_eq!(outbox_states(&store), [OutboxState::Queued]);
    assert!(
        deliver(&sender, &account, NOW + 30).await.is_empty(),
        "not yet"
    );
    let done = deliver(&sender, &account, *at).await;
    assert!(
        matches!(done.as_slice(), [Delivery::Sent { .. }]),
        "{done:?}"
    );
    assert_eq!(seen.lock().unwrap().messages, 1);
    assert_eq!(count(&store, &account, FolderKind::Sent), 1);
}

#[tokio::test]
async fn refused_recipients_are_named_one_by_one() {
    // one of three refused: sent to the others, the refusal reported
    let mut partly = script(vec![
        Expect("MAIL FROM:"),
        Send("250 Ok\r\n"),
        Expect("RCPT TO:<a@example.org>"),
        Send("250 Ok\r\n"),
        Expect("RCPT TO:<nobody@example.org>"),
        Send("550 5.1.1 <nobody@example.org>: Recipient address rejected\r\n"),
        Expect("RCPT TO:<c@example.org>"),
        Send("250 Ok\r\n"),
        Expect("DATA"),
        Send("354 go on\r\n"),
        Data,
    ]);
    partly.extend(accepted());
    // every recipient refused: not sent, kept with each reason, never retried alone
    let none = script(vec![
        Expect("MAIL FROM:"),
        Send("250 Ok\r\n"),
        Expect("RCPT TO:"),
        Send("550 5.1.1 User unknown\r\n"),
        Expect("RCPT TO:"),
        Send("553 5.7.1 Sender not allowed for this recipient\r\n"),
        Expect("RSET"),
        Send("250 Ok\r\n"),
        Expect("QUIT"),
        Send("221 Bye\r\n"),
    ]);
    let (port, _) = server(vec![partly, none]).await;
    let dir = tempfile::tempdir().unwrap();
    let (store, account) = queued(
        dir.path(),
        port,
        &[
            (
                "Drei",
                &["a@example.org", "nobody@example.org", "c@example.org"],
            ),
            ("Keiner", &["x@example.org", "y@example.org"]),
        ],
    );
    let sender = sender(&store, dir.path());
    let done = deliver(&sender, &account, NOW).await;
    let [
        Delivery::Sent { refused, .. },
        Delivery::Failed { problem, kind, .. },
    ] = done.as_slice()
    else {
        panic!("{done:?}");
    };
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].address, "nobody@example.org");
    assert!(refused[0].permanent);
    assert!(refused[0].reply.contains("5.1.1"), "{:?}", refused[0]);
    assert_eq!(*kind, ErrorKind::Permanent);
    let addresses: Vec<&str> = problem.refused.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(addresses, ["x@example.org", "y@example.org"]);
    assert!(!problem.words.is_empty());

    let entry = store.lock().unwrap().outbox(None).unwrap().remove(0);
    assert_eq!(entry.state, OutboxState::Failed);
    let kept = send::Problem::from_json(entry.reason.as_deref().unwrap()).unwrap();
    assert_eq!(&kept, problem);
    assert!(deliver(&sender, &account, NOW + 100_000).await.is_empty());
}

#[tokio::test]
async fn a_cut_after_the_final_dot_is_never_sent_again_without_the_user() {
    let mut cut = script(up_to_the_dot());
    cut.push(Close);
    let mut again = script(up_to_the_dot());
    again.extend(accepted());
    let (port, seen) = server(vec![cut, again]).await;
    let dir = tempfile::tempdir().unwrap();
    let (store, account) = queued(dir.path(), port, &[("Vielleicht", &["ben@example.org"])]);
    let sender = sender(&store, dir.path());

    let done = deliver(&sender, &account, NOW).await;
    let [Delivery::Unknown { message, problem }] = done.as_slice() else {
        panic!("{done:?}");
    };
    assert!(!problem.words.is_empty());
    assert_eq!(outbox_states(&store), [OutboxState::Unknown]);
    assert!(deliver(&sender, &account, NOW + 1_000_000).await.is_empty());
    assert_eq!(seen.lock().unwrap().messages, 1);

    // the user decides to send it again
    store.lock().unwrap().retry_now(*message, NOW + 10).unwrap();
    let done = deliver(&sender, &account, NOW + 10).await;
    assert!(
        matches!(done.as_slice(), [Delivery::Sent { .. }]),
        "{done:?}"
    );
    assert_eq!(seen.lock().unwrap().messages, 2);
}

#[tokio::test]
async fn a_refused_sign_in_stops_the_round_and_sends_nothing() {
    let steps = vec![
        Send("220 mail.example.org ESMTP\r\n"),
        Expect("EHLO"),
        Send(EHLO),
        Expect("AUTH PLAIN "),
        Send("535 5.7.8 Authentication credentials invalid\r\n"),
        Expect("QUIT"),
        Send("221 Bye\r\n"),
    ];
    let (port, seen) = server(vec![steps]).await;
    let dir = tempfile::tempdir().unwrap();
    let (store, account) = queued(
        dir.path(),
        port,
        &[
            ("Eins", &["ben@example.org"]),
            ("Zwei", &["ben@example.org"]),
        ],
    );
    let sender = sender(&store, dir.path());
    let done = deliver(&sender, &account, NOW).await;
    let [Delivery::Failed { kind, .. }] = done.as_slice() else {
        panic!("one try, then stop: {done:?}");
    };
    assert_eq!(*kind, ErrorKind::Auth);
    assert_eq!(
        outbox_states(&store),
        [OutboxState::Failed, OutboxState::Queued]
    );
    assert_eq!(seen.lock().unwrap().messages, 0);
    assert_eq!(count(&store, &account, FolderKind::Outbox), 2);
    let sent = store
        .lock()
        .unwrap()
        .list(&ListQuery {
            scope: Scope::Account(account.id, FolderKind::Sent),
            unread_only: false,
            offset: 0,
            limit: 10,
        })
        .unwrap();
    assert!(sent.is_empty());
}

#[tokio::test]
async fn the_worker_sends_at_start_and_when_told() {
    use postfach::send::service::{self, Command, Event};
    let mut first = script(up_to_the_dot());
    first.extend(accepted());
    let mut second = script(up_to_the_dot());
    second.extend(accepted());
    let (port, seen) = server(vec![first, second]).await;
    let dir = tempfile::tempdir().unwrap();
    let (store, account) = queued(dir.path(), port, &[("Beim Start", &["ben@example.org"])]);
    let (control, mut events) = service::spawn(
        sender(&store, dir.path()),
        account.clone(),
        postfach::sync::service::system_clock,
        Some(Password::new("secret")),
    );
    let mut next = async || {
        loop {
            match tokio::time::timeout(Duration::from_secs(10), events.recv()).await {
                Ok(Some(Event::Delivered(_, done))) if done.is_empty() => continue,
                Ok(Some(event)) => return event,
                other => panic!("no event: {other:?}"),
            }
        }
    };
    let Event::Delivered(id, done) = next().await else {
        panic!("delivered at start");
    };
    assert_eq!(id, account.id);
    assert!(
        matches!(done.as_slice(), [Delivery::Sent { .. }]),
        "{done:?}"
    );

    let o = outgoing("Später", &["ben@example.org"], &[]);
    store
        .call(move |st| send::queue(st, &account, &o, Links::default(), None, NOW))
        .await
        .unwrap()
        .unwrap();
    control.send(Command::SendNow);
    let Event::Delivered(_, done) = next().await else {
        panic!("delivered when told");
    };
    assert!(
        matches!(done.as_slice(), [Delivery::Sent { .. }]),
        "{done:?}"
    );
    assert_eq!(seen.lock().unwrap().messages, 2);
    control.send(Command::Shutdown);
}

#[tokio::test]
async fn with_nothing_to_send_the_worker_asks_for_no_password() {
    use postfach::send::service;
    let dir = tempfile::tempdir().unwrap();
    // a server that would fail the test if anything connected
    let (port, seen) = server(Vec::new()).await;
    let (store, account) = queued(dir.path(), port, &[]);
    let (control, mut events) = service::spawn(
        sender(&store, dir.path()),
        account,
        postfach::sync::service::system_clock,
        None,
    );
    let quiet = tokio::time::timeout(Duration::from_millis(700), events.recv()).await;
    assert!(quiet.is_err(), "no keyring lookup, no event: {quiet:?}");
    assert!(seen.lock().unwrap().lines.is_empty());
    control.send(service::Command::Shutdown);
}

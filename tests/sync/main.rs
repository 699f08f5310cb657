//! The fetch engine end to end against a real Dovecot, through the `postfach` CLI: both POP3 modes,
//! retention with an injected clock, "delete when deleted here", cut connections, `kill -9` at
//! random moments, and two concurrent fetches.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod hostile;
mod oauth;
mod pop3;
mod rules;
#[path = "../support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::time::Duration;

use support::Dovecot;
use support::cli::Cli;
use support::mail::{message, sha256_hex};
use support::proxy::{Proxy, Trigger};

const DAY: i64 = 86_400;
const T0: i64 = 1_800_000_000;

/// Seeds `n` distinct messages starting at `start`; returns sha256 → seed index.
fn seed(server: &Dovecot, start: usize, n: usize) -> HashMap<String, usize> {
    (start..start + n)
        .map(|i| {
            let raw = message(i);
            server.seed(support::USER, &format!("msg{i:05}"), &raw);
            (sha256_hex(&raw), i)
        })
        .collect()
}

#[test]
fn download_and_delete_stores_every_message_byte_exactly_and_empties_the_server() {
    let server = Dovecot::start();
    let seeded = seed(&server, 0, 40);
    let cli = Cli::new(&server);
    cli.add_account(&[]);

    let out = cli.ok(&["fetch"]);
    assert!(out.contains("40"), "summary names the new messages: {out}");
    let stored = cli.list_json(&[]);
    assert_eq!(stored.len(), 40);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in &stored {
        *counts
            .entry(m["sha256"].as_str().unwrap().to_owned())
            .or_default() += 1;
        // The stored bytes are exactly the seeded ones.
        let raw = cli.raw(m["id"].as_i64().unwrap());
        assert_eq!(sha256_hex(&raw), m["sha256"].as_str().unwrap());
    }
    assert_eq!(counts.len(), 40);
    assert!(counts.keys().all(|k| seeded.contains_key(k)));
    assert_eq!(server.message_count(support::USER), 0);

    // A second fetch finds nothing and stores nothing.
    cli.ok(&["fetch"]);
    assert_eq!(cli.list_json(&[]).len(), 40);
}

#[test]
fn leave_on_server_keeps_mail_and_never_downloads_twice() {
    let server = Dovecot::start();
    seed(&server, 0, 25);
    let cli = Cli::new(&server);
    cli.add_account(&["--leave-on-server"]);

    cli.ok(&["fetch"]);
    assert_eq!(cli.list_json(&[]).len(), 25);
    assert_eq!(server.message_count(support::USER), 25);

    seed(&server, 25, 5);
    let out = cli.ok(&["fetch"]);
    assert!(out.contains('5'), "{out}");
    assert_eq!(cli.list_json(&[]).len(), 30);
    assert_eq!(server.message_count(support::USER), 30);

    // Switching to download-and-delete removes what is stored from the server, nothing more.
    cli.ok(&["account", "set", "acct", "--leave-on-server", "false"]);
    cli.ok(&["fetch"]);
    assert_eq!(cli.list_json(&[]).len(), 30);
    assert_eq!(server.message_count(support::USER), 0);
}

/// The common case for people who leave mail on the server: nothing new. The poll lists UIDLs
/// only (no LIST: on a large mailbox it costs as much again) and writes nothing to the store;
/// once something is new, the sizes are asked for and the message arrives.
#[test]
fn a_poll_with_nothing_new_sends_no_list_and_writes_nothing() {
    let server = Dovecot::start();
    seed(&server, 0, 20);
    // A proxy that cuts the connection as soon as the client sends LIST.
    let proxy = Proxy::start(server.pop3_port(), Trigger::ClientSends("LIST"));
    let cli = Cli::with_port(&server, proxy.port());
    cli.add_account(&["--security", "plain", "--leave-on-server"]);
    let first = cli.run(&["fetch"]);
    assert!(
        proxy.fired(),
        "a fetch with new mail asks for the sizes: {first:?}"
    );
    proxy.disarm();
    cli.ok(&["fetch"]);
    assert_eq!(cli.list_json(&[]).len(), 20);

    proxy.rearm();
    let db = cli.data_dir().join(postfach::store::FILE_NAME);
    let before = std::fs::read(&db).unwrap();
    for _ in 0..2 {
        cli.ok(&["fetch"]);
    }
    assert!(!proxy.fired(), "a poll with nothing new sent LIST");
    assert!(
        std::fs::read(&db).unwrap() == before,
        "a poll with nothing new wrote to the store"
    );
    assert_eq!(cli.list_json(&[]).len(), 20);

    seed(&server, 20, 1);
    let cut = cli.run(&["fetch"]);
    assert!(proxy.fired(), "new mail: the sizes are asked for: {cut:?}");
    proxy.disarm();
    cli.ok(&["fetch"]);
    assert_eq!(cli.list_json(&[]).len(), 21);
}

#[test]
fn keep_days_deletes_exactly_the_expired_messages() {
    let server = Dovecot::start();
    seed(&server, 0, 3);
    let cli = Cli::new(&server);
    cli.add_account(&["--leave-on-server", "--keep-days", "14"]);

    cli.ok(&["fetch", "--now", &T0.to_string()]);
    seed(&server, 3, 2);
    cli.ok(&["fetch", "--now", &(T0 + 10 * DAY).to_string()]);
    assert_eq!(server.message_count(support::USER), 5);

    // Day 13.99: nothing is old enough yet.
    cli.ok(&["fetch", "--now", &(T0 + 14 * DAY - 1).to_string()]);
    assert_eq!(server.message_count(support::USER), 5);
    // Day 14: the first three (stored at T0) go; the two stored on day 10 stay.
    cli.ok(&["fetch", "--now", &(T0 + 14 * DAY).to_string()]);
    assert_eq!(server.message_count(support::USER), 2);
    assert_eq!(cli.list_json(&[]).len(), 5, "local copies stay");
    cli.ok(&["fetch", "--now", &(T0 + 24 * DAY).to_string()]);
    assert_eq!(server.message_count(support::USER), 0);
    assert_eq!(cli.list_json(&[]).len(), 5);
}

#[test]
fn delete_when_deleted_here_waits_for_the_permanent_delete() {
    let server = Dovecot::start();
    seed(&server, 0, 3);
    let cli = Cli::new(&server);
    cli.add_account(&["--leave-on-server", "--delete-when-deleted-here"]);
    cli.ok(&["fetch"]);
    let id = cli.list_json(&[])[0]["id"].as_i64().unwrap().to_string();

    cli.ok(&["delete", &id]); // into the Trash: the server copy stays
    cli.ok(&["fetch"]);
    assert_eq!(server.message_count(support::USER), 3);

    cli.ok(&["delete", &id]); // from the Trash: gone for good here
    cli.ok(&["fetch"]);
    assert_eq!(server.message_count(support::USER), 2);
    assert_eq!(cli.list_json(&[]).len(), 2);
    // And it is never downloaded again.
    cli.ok(&["fetch"]);
    assert_eq!(cli.list_json(&[]).len(), 2);
}

/// Cuts the connection at a chosen point, then checks that a clean fetch completes the work with
/// nothing lost and nothing doubled.
fn cut_then_recover(trigger: Trigger, leave_on_server: bool) {
    let server = Dovecot::start();
    let seeded = seed(&server, 0, 30);
    let proxy = Proxy::start(server.pop3_port(), trigger);
    let cli = Cli::with_port(&server, proxy.port());
    let mut extra = vec!["--security", "plain"];
    if leave_on_server {
        extra.push("--leave-on-server");
    }
    cli.add_account(&extra);

    let cut = cli.run(&["fetch"]);
    assert_ne!(
        cut.status.code(),
        Some(0),
        "the cut fetch must fail: {cut:?}"
    );
    assert!(proxy.fired(), "the proxy never cut");

    proxy.disarm();
    cli.ok(&["fetch"]);
    let stored = cli.list_json(&[]);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in &stored {
        *counts
            .entry(m["sha256"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(stored.len(), 30, "every message stored exactly once");
    assert!(counts.values().all(|&c| c == 1));
    assert!(seeded.keys().all(|k| counts.contains_key(k)));
    let expected_on_server = if leave_on_server { 30 } else { 0 };
    assert_eq!(server.message_count(support::USER), expected_on_server);
}

#[test]
fn cut_mid_retr_loses_and_doubles_nothing() {
    cut_then_recover(Trigger::ServerBytes(40_000), false);
    cut_then_recover(Trigger::ServerBytes(40_000), true);
}

#[test]
fn cut_after_dele_before_quit_deletes_again_next_time() {
    cut_then_recover(Trigger::ClientSends("QUIT"), false);
}

#[test]
fn cut_on_dele_loses_and_doubles_nothing() {
    cut_then_recover(Trigger::ClientSends("DELE 7"), false);
}

#[test]
fn kill_9_at_random_moments_loses_and_doubles_nothing() {
    for leave_on_server in [false, true] {
        let server = Dovecot::start();
        let seeded = seed(&server, 0, 300);
        let cli = Cli::new(&server);
        if leave_on_server {
            cli.add_account(&["--leave-on-server"]);
        } else {
            cli.add_account(&[]);
        }
        // Deterministic "random" moments, spread over a fetch's lifetime.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut killed = 0;
        for _ in 0..15 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let after = Duration::from_millis(20 + state % 400);
            if cli.kill_after(&["fetch"], after) {
                killed += 1;
            }
        }
        assert!(
            killed > 0,
            "no fetch was killed mid-way; the test proves nothing"
        );
        cli.ok(&["fetch"]);
        let stored = cli.list_json(&[]);
        let mut counts: HashMap<String, usize> = HashMap::new();
        for m in &stored {
            *counts
                .entry(m["sha256"].as_str().unwrap().to_owned())
                .or_default() += 1;
        }
        assert_eq!(
            stored.len(),
            300,
            "killed {killed} times; stored {}",
            stored.len()
        );
        assert!(counts.values().all(|&c| c == 1));
        assert!(seeded.keys().all(|k| counts.contains_key(k)));
        let expected = if leave_on_server { 300 } else { 0 };
        assert_eq!(server.message_count(support::USER), expected);
    }
}

#[test]
fn two_concurrent_fetches_of_one_account_do_not_interleave() {
    let server = Dovecot::start();
    seed(&server, 0, 200);
    let cli = Cli::new(&server);
    cli.add_account(&["--leave-on-server"]);
    let a = cli.spawn(&["fetch"]);
    let b = cli.spawn(&["fetch"]);
    let a = a.wait_with_output().unwrap();
    let b = b.wait_with_output().unwrap();
    let codes = [a.status.code(), b.status.code()];
    // Either both ran one after the other, or one refused cleanly as busy (exit 6) or saw the
    // mailbox in use.
    for (out, code) in [(&a, codes[0]), (&b, codes[1])] {
        assert!(
            matches!(code, Some(0) | Some(6)),
            "unexpected exit {code:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    cli.ok(&["fetch"]);
    assert_eq!(cli.list_json(&[]).len(), 200);
}

#[test]
fn a_server_without_uidl_is_served_by_the_header_identity() {
    let server = Dovecot::start(); // only for its CA path in the CLI helper
    let fake = support::scripted::ScriptedServer::without_uidl((0..6).map(message).collect());
    let cli = Cli::with_port(&server, fake.port());
    cli.add_account(&["--security", "plain", "--auth", "user", "--leave-on-server"]);

    let out = cli.ok(&["fetch"]);
    assert!(
        out.contains("UIDL"),
        "the user is told the identity is weaker: {out}"
    );
    assert_eq!(cli.list_json(&[]).len(), 6);
    assert_eq!(fake.count(), 6);
    fake.add(message(6));
    cli.ok(&["fetch"]);
    assert_eq!(cli.list_json(&[]).len(), 7, "nothing downloaded twice");

    cli.ok(&["account", "set", "acct", "--leave-on-server", "false"]);
    cli.ok(&["fetch"]);
    assert_eq!(fake.count(), 0);
    assert_eq!(cli.list_json(&[]).len(), 7);
}

fn probe_settings(server: &Dovecot) -> postfach::store::AccountSettings {
    postfach::store::AccountSettings {
        name: "probe".into(),
        display_name: String::new(),
        email: "test@example.org".into(),
        host: server.host().to_owned(),
        port: server.pop3s_port(),
        security: postfach::pop3::Security::Tls,
        username: support::USER.into(),
        auth: postfach::pop3::AuthMethod::Auto,
        ca_file: Some(server.ca_pem_path()),
        pinned_sha256: None,
        leave_on_server: false,
        keep_days: None,
        delete_when_deleted_here: false,
        check_on_startup: false,
        check_every_minutes: None,
        notify: false,
        smtp: None,
        reply_to: None,
        signature: String::new(),
        oauth: None,
    }
}

#[tokio::test]
async fn connection_test_reports_each_step_and_touches_nothing() {
    use postfach::setup::probe::{Step, probe};
    let server = Dovecot::start();
    seed(&server, 0, 4);
    let settings = probe_settings(&server);
    let mut steps = Vec::new();
    let password = postfach::pop3::Password::new(support::PASSWORD);
    let report = probe(&settings, &password, &mut |s| steps.push(s))
        .await
        .unwrap();
    assert_eq!(
        steps,
        [
            Step::Connect,
            Step::Capabilities,
            Step::Authenticate,
            Step::Mailbox
        ]
    );
    assert_eq!(report.messages, 4);
    assert!(report.octets > 0 && report.encrypted && report.uidl);
    assert_eq!(
        server.message_count(support::USER),
        4,
        "nothing downloaded or deleted"
    );

    let wrong = postfach::pop3::Password::new("falsch");
    let mut steps = Vec::new();
    let err = probe(&settings, &wrong, &mut |s| steps.push(s))
        .await
        .unwrap_err();
    assert_eq!(err.step, Step::Authenticate);
    assert_eq!(err.error.kind(), postfach::sync::ErrorKind::Auth);
    assert_eq!(steps, [Step::Connect, Step::Capabilities]);

    let mut untrusted = settings.clone();
    untrusted.ca_file = None;
    let err = probe(&untrusted, &password, &mut |_| {}).await.unwrap_err();
    assert_eq!(err.step, Step::Connect);
    assert_eq!(err.error.kind(), postfach::sync::ErrorKind::Tls);
    assert!(
        err.error
            .user_message()
            .contains(&postfach::pop3::fingerprint_hex(&server.cert_sha256()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sync_service_fetches_on_command_reports_progress_and_cancels_cleanly() {
    use postfach::store::{ListQuery, Scope, Store};
    use postfach::sync::service::{self, Command, Event};

    let server = Dovecot::start();
    seed(&server, 0, 300);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let mut settings = probe_settings(&server);
    settings.leave_on_server = true;
    let id = store.add_account(&settings).unwrap();
    let account = store.account(id).unwrap();
    let fetcher = postfach::sync::Fetcher::new(store, dir.path());
    let (controller, mut events) = service::spawn(fetcher.clone(), account, service::system_clock);
    assert_eq!(controller.account(), id);
    controller.send(Command::SetPassword(postfach::pop3::Password::new(
        support::PASSWORD,
    )));

    // Cancel as soon as the download has started.
    controller.send(Command::FetchNow);
    let mut cancelled = false;
    while let Some(event) = tokio::time::timeout(Duration::from_secs(60), events.recv())
        .await
        .unwrap()
    {
        assert_eq!(event.account(), id);
        match event {
            Event::Progress(_, postfach::sync::Progress::Downloading { .. }) => {
                controller.send(Command::Cancel);
            }
            Event::Cancelled(_) => {
                cancelled = true;
                break;
            }
            Event::Finished(_, r) => {
                // The fetch may win the race against Cancel; that is fine too.
                r.unwrap();
                break;
            }
            Event::Progress(..) => {}
            Event::Review(..) => panic!("nothing was imported"),
        }
    }

    // Fetch again to completion: every message exactly once.
    controller.send(Command::FetchNow);
    let mut saw_progress = false;
    let report = loop {
        match tokio::time::timeout(Duration::from_secs(60), events.recv())
            .await
            .unwrap()
        {
            Some(Event::Progress(..)) => saw_progress = true,
            Some(Event::Finished(_, r)) => break r.unwrap(),
            Some(Event::Cancelled(_)) => panic!("not cancelled this time"),
            Some(Event::Review(..)) => panic!("nothing was imported"),
            None => panic!("the worker stopped"),
        }
    };
    assert!(saw_progress);
    let store = fetcher.store.lock().unwrap();
    let total = store.count(&Scope::UnifiedInbox, false).unwrap();
    assert_eq!(total, 300, "cancelled={cancelled}, report={report:?}");
    let rows = store
        .list(&ListQuery {
            scope: Scope::UnifiedInbox,
            unread_only: false,
            offset: 0,
            limit: 1000,
        })
        .unwrap();
    let distinct: std::collections::HashSet<_> = rows.iter().map(|r| r.sha256.clone()).collect();
    assert_eq!(distinct.len(), 300);
    drop(store);
    assert!(controller.send(Command::Shutdown));
}

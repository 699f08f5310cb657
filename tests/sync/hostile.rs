//! Servers that reuse UIDLs and list sizes that differ from what they send, scripted (a real
//! server does neither on demand). Rule 1: a `DELE` names only a message whose current identity
//! is stored here. Rule 2: a message that arrives whole is stored, whatever LIST said.

use std::collections::HashSet;

use super::support::cli::Cli;
use super::support::mail::{message, sha256_hex};
use super::support::scripted::{Mail, ScriptedServer};
use super::{DAY, T0, support::Dovecot};

/// The CLI against a scripted server (the Dovecot only lends its CA path to the helper).
fn cli_for(fake: &ScriptedServer, dovecot: &Dovecot, extra: &[&str]) -> Cli {
    let cli = Cli::with_port(dovecot, fake.port());
    let mut args = vec!["--security", "plain", "--auth", "user"];
    args.extend_from_slice(extra);
    cli.add_account(&args);
    cli
}

/// The hashes of the messages stored here now (Inbox and Trash).
fn stored(cli: &Cli) -> Vec<String> {
    ["inbox", "trash"]
        .iter()
        .flat_map(|f| cli.list_json(&["--folder", f]))
        .map(|m| m["sha256"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Fetches, and adds what is stored afterwards to `seen` (messages deleted here later were
/// stored all the same).
fn fetch(cli: &Cli, seen: &mut HashSet<String>, args: &[&str]) -> String {
    let mut all = vec!["fetch"];
    all.extend_from_slice(args);
    let out = cli.ok(&all);
    seen.extend(stored(cli));
    out
}

/// Asserts that every message the server lost had been stored here (byte-exactly, by hash).
fn lost_nothing_unstored(fake: &ScriptedServer, seen: &HashSet<String>) {
    for m in fake.deleted() {
        assert!(
            seen.contains(&sha256_hex(&m.raw)),
            "the server lost a message never stored here (UIDL {})",
            m.uidl
        );
    }
}

/// Message B, listed under A's UIDL "X" after a mailbox rebuild: other bytes, another size.
fn b() -> Mail {
    Mail::new("X", message(101))
}

#[test]
fn a_reused_uidl_after_deleting_here_is_downloaded_not_deleted() {
    let dovecot = Dovecot::start();
    let fake = ScriptedServer::start(vec![Mail::new("X", message(1))]);
    let cli = cli_for(
        &fake,
        &dovecot,
        &["--leave-on-server", "--delete-when-deleted-here"],
    );
    let mut seen = HashSet::new();
    fetch(&cli, &mut seen, &[]);
    let id = cli.list_json(&[])[0]["id"].as_i64().unwrap().to_string();
    cli.ok(&["delete", &id, "--permanently"]);
    // Before the next fetch the server rebuilt its mailbox: A is gone, B carries "X".
    fake.put(b());
    fetch(&cli, &mut seen, &[]);
    assert_eq!(fake.count(), 1, "B stays on the server");
    assert!(fake.deleted().is_empty());
    let inbox = cli.list_json(&[]);
    assert_eq!(inbox.len(), 1, "B arrived in the Inbox");
    assert_eq!(cli.raw(inbox[0]["id"].as_i64().unwrap()), b().raw);
    // And B is now what "X" stands for: deleting B here deletes it on the server.
    let id = inbox[0]["id"].as_i64().unwrap().to_string();
    cli.ok(&["delete", &id, "--permanently"]);
    fetch(&cli, &mut seen, &[]);
    assert_eq!(fake.count(), 0);
    lost_nothing_unstored(&fake, &seen);
}

#[test]
fn a_reused_uidl_at_the_end_of_the_retention_period_is_downloaded_not_deleted() {
    let dovecot = Dovecot::start();
    let fake = ScriptedServer::start(vec![Mail::new("X", message(1))]);
    let cli = cli_for(&fake, &dovecot, &["--leave-on-server", "--keep-days", "7"]);
    let mut seen = HashSet::new();
    fetch(&cli, &mut seen, &["--now", &T0.to_string()]);
    fake.put(b());
    fetch(&cli, &mut seen, &["--now", &(T0 + 8 * DAY).to_string()]);
    assert!(fake.deleted().is_empty(), "B is young: it stays");
    assert_eq!(cli.list_json(&[]).len(), 2, "A and B are both here");
    // B's seven days count from its own download.
    fetch(
        &cli,
        &mut seen,
        &["--now", &(T0 + 15 * DAY - 1).to_string()],
    );
    assert_eq!(fake.count(), 1);
    fetch(&cli, &mut seen, &["--now", &(T0 + 15 * DAY).to_string()]);
    assert_eq!(fake.count(), 0);
    lost_nothing_unstored(&fake, &seen);
}

#[test]
fn switching_to_download_and_delete_checks_each_known_message_first() {
    let dovecot = Dovecot::start();
    let fake = ScriptedServer::start(vec![Mail::new("X", message(1)), Mail::new("Y", message(2))]);
    let cli = cli_for(&fake, &dovecot, &["--leave-on-server"]);
    let mut seen = HashSet::new();
    fetch(&cli, &mut seen, &[]);
    fake.put(b());
    cli.ok(&["account", "set", "acct", "--leave-on-server", "false"]);
    fetch(&cli, &mut seen, &[]);
    // Y (unchanged) and B (downloaded first) leave the server; nothing unseen is lost.
    assert_eq!(fake.count(), 0);
    assert_eq!(fake.deleted().len(), 2);
    assert_eq!(cli.list_json(&[]).len(), 3);
    lost_nothing_unstored(&fake, &seen);
}

#[test]
fn a_leftover_dele_is_not_repeated_for_a_reused_uidl() {
    let dovecot = Dovecot::start();
    let fake = ScriptedServer::start(vec![Mail::new("X", message(1))]);
    let cli = cli_for(&fake, &dovecot, &[]);
    let mut seen = HashSet::new();
    // The session that stores A and sends DELE is cut instead of QUIT: A stays on the server
    // and the ledger says "DELE sent".
    fake.cut_at_next_quit();
    assert!(!cli.run(&["fetch"]).status.success());
    seen.extend(stored(&cli));
    assert_eq!(fake.count(), 1);
    fake.put(b());
    fetch(&cli, &mut seen, &[]);
    // B was downloaded, then deleted (download-and-delete mode) — never deleted unseen.
    assert_eq!(cli.list_json(&[]).len(), 2);
    assert_eq!(fake.count(), 0);
    lost_nothing_unstored(&fake, &seen);
}

#[test]
fn complete_messages_are_stored_whatever_list_says() {
    let dovecot = Dovecot::start();
    let mails = vec![
        Mail::new("ten", message(1)).listed_at(10 * message(1).len() as u64),
        Mail::new("huge", message(2)).listed_at(99_999_999_999_999),
        Mail::new("tiny", message(3)).listed_at(1),
        Mail::new("lf", message(4)).listed_at(message(4).len() as u64 - 30),
    ];
    let fake = ScriptedServer::start(mails.clone());
    let cli = cli_for(&fake, &dovecot, &[]);
    let mut seen = HashSet::new();
    let out = fetch(&cli, &mut seen, &[]);
    assert!(out.contains('4'), "four new messages: {out}");
    let here = stored(&cli);
    for m in &mails {
        assert!(here.contains(&sha256_hex(&m.raw)), "{} stored", m.uidl);
    }
    assert_eq!(here.len(), 4);
    // Stored, so deleted on the server (download and delete).
    assert_eq!(fake.count(), 0);
    lost_nothing_unstored(&fake, &seen);
}

#[test]
fn a_message_listed_at_a_new_size_is_checked_by_its_bytes_and_not_doubled() {
    let dovecot = Dovecot::start();
    let fake = ScriptedServer::start(vec![Mail::new("X", message(1))]);
    let cli = cli_for(&fake, &dovecot, &["--leave-on-server", "--keep-days", "7"]);
    let mut seen = HashSet::new();
    fetch(&cli, &mut seen, &["--now", &T0.to_string()]);
    // The server now counts the same message differently (e.g. LF instead of CRLF).
    fake.put(Mail::new("X", message(1)).listed_at(message(1).len() as u64 - 40));
    fetch(&cli, &mut seen, &["--now", &(T0 + 8 * DAY).to_string()]);
    assert_eq!(
        cli.list_json(&[]).len(),
        1,
        "the same bytes are not stored twice"
    );
    assert_eq!(fake.count(), 0, "and it expired as the same message");
    lost_nothing_unstored(&fake, &seen);
}

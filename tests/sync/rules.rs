//! Message rules on arrival against a real Dovecot: `kill -9` at random moments of fetches that
//! store and then filter; afterwards every message is stored once and is exactly where its
//! rules put it (a copy only where a rule copies), and junk is in Junk.

use std::collections::HashMap;
use std::time::Duration;

use super::support::cli::Cli;
use super::support::{self, Dovecot};
use super::{seed, sha256_hex};

fn spam(i: usize) -> Vec<u8> {
    format!(
        "Message-ID: <spam-{i}@bad.example>\r\nFrom: Gewinn <win@bad.example>\r\n\
         To: test@example.org\r\nSubject: Sie haben gewonnen {i}\r\n\
         X-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=9.9\r\n\r\nJetzt klicken!\r\n"
    )
    .into_bytes()
}

/// sha256 → how many rows of `folder` carry it.
fn census(cli: &Cli, folder: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for m in cli.list_json(&["--account", "acct", "--folder", folder]) {
        *out.entry(m["sha256"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    out
}

#[test]
fn kill_9_between_storing_and_filtering_loses_and_doubles_nothing() {
    let server = Dovecot::start();
    let cli = Cli::new(&server);
    cli.add_account(&["--leave-on-server"]);
    cli.ok(&["folder", "add", "acct:Drei"]);
    cli.ok(&["folder", "add", "Anhang"]);
    cli.ok(&[
        "rule",
        "add",
        "Dreien",
        "--if",
        r"subject matches Nr\. \d*3\b",
        "--then",
        "move-to acct:Drei",
    ]);
    cli.ok(&[
        "rule",
        "add",
        "Anhänge",
        "--if",
        "has-attachments",
        "--then",
        "copy-to Anhang",
        "--then",
        "flag",
    ]);
    let db = cli.data_dir().join(postfach::store::FILE_NAME);
    let pending = || -> i64 {
        let Ok(conn) = rusqlite::Connection::open(&db) else {
            return 0;
        };
        conn.query_row(
            "SELECT count(*) FROM messages WHERE filter_pending = 1",
            [],
            |r| r.get(0),
        )
        .unwrap_or(0)
    };
    // Rounds of new mail, each fetch killed at a moment spread over its work (download,
    // store, filter), so some kills land after a batch is stored and before its rules ran.
    let mut seeded = HashMap::new();
    let mut spams = Vec::new();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let (mut killed, mut left_pending) = (0, 0);
    // how long a whole fetch of one round takes here, measured by the first round
    let mut whole = Duration::from_millis(300);
    for round in 0..16 {
        seeded.extend(seed(&server, round * 40, 40));
        for i in round * 2..round * 2 + 2 {
            let raw = spam(i);
            server.seed(support::USER, &format!("spam{i:03}"), &raw);
            spams.push(sha256_hex(&raw));
        }
        if round == 0 {
            let started = std::time::Instant::now();
            cli.ok(&["fetch"]);
            whole = started.elapsed();
            continue;
        }
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        // between 40 % and 100 % of a whole fetch: the rules run at its end
        let after = whole * (40 + (state % 61) as u32) / 100;
        if cli.kill_after(&["fetch"], after) {
            killed += 1;
            if pending() > 0 {
                left_pending += 1;
            }
        }
    }
    assert!(
        killed > 0,
        "no fetch was killed mid-way; the test proves nothing: {:?}",
        cli.run(&["fetch"])
    );
    // And exactly between storing and filtering: the engine waits there when asked to (a
    // test hook), and the process is killed while it waits.
    let hold = cli.data_dir().join("stored-not-filtered");
    for round in 16..19 {
        seeded.extend(seed(&server, round * 40, 40));
        let raw = spam(round * 2);
        server.seed(support::USER, &format!("spam{:03}", round * 2), &raw);
        spams.push(sha256_hex(&raw));
        let _ = std::fs::remove_file(&hold);
        let mut child = cli
            .command(&["fetch"])
            .env("POSTFACH_TEST_PAUSE_BEFORE_RULES", &hold)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while !hold.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(hold.exists(), "the fetch never reached its rules");
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // this round's 41 messages (and any an earlier kill left undownloaded) are stored, and
        // their rules have not run; what earlier kills left unfiltered was filtered first
        assert!(
            pending() >= 41,
            "the batch is stored, its rules have not run"
        );
    }
    eprintln!(
        "a fetch took {whole:?}; killed {killed} fetches; {left_pending} left stored mail \
         unfiltered; then 3 kills while a stored batch waited for its rules"
    );
    cli.ok(&["fetch"]);
    assert_eq!(pending(), 0, "the next fetch finished the filtering");

    let inbox = census(&cli, "inbox");
    let drei = census(&cli, "Drei");
    let junk = census(&cli, "junk");
    let anhang: HashMap<String, usize> =
        cli.list_json(&["--folder", "Anhang"])
            .iter()
            .fold(HashMap::new(), |mut m, r| {
                *m.entry(r["sha256"].as_str().unwrap().to_owned())
                    .or_default() += 1;
                m
            });
    let with_attachments: std::collections::HashSet<String> = cli
        .list_json(&["--account", "acct", "--folder", "inbox"])
        .iter()
        .chain(
            cli.list_json(&["--account", "acct", "--folder", "Drei"])
                .iter(),
        )
        .filter(|r| r["has_attachments"].as_bool() == Some(true))
        .map(|r| r["sha256"].as_str().unwrap().to_owned())
        .collect();
    assert!(!with_attachments.is_empty());
    for (sha, i) in &seeded {
        let (want_inbox, want_drei) = if i % 10 == 3 { (0, 1) } else { (1, 0) };
        let want_copy = usize::from(with_attachments.contains(sha));
        let got = (
            inbox.get(sha).copied().unwrap_or(0),
            drei.get(sha).copied().unwrap_or(0),
            anhang.get(sha).copied().unwrap_or(0),
            junk.get(sha).copied().unwrap_or(0),
        );
        assert_eq!(got, (want_inbox, want_drei, want_copy, 0), "message {i}");
    }
    for sha in &spams {
        assert_eq!(junk.get(sha), Some(&1), "spam in Junk once");
        assert!(!inbox.contains_key(sha));
    }
    let rows: usize = [&inbox, &drei, &anhang, &junk]
        .iter()
        .map(|m| m.values().sum::<usize>())
        .sum();
    assert_eq!(rows, 16 * 42 + 3 * 41 + with_attachments.len());
}

/// Organising is never deleting: with "delete from the server when deleted here", moving mail
/// out of the Inbox, copying it and trashing it leave the server's copies alone; only deleting
/// a message's last local copy for good lets its server copy go. Old junk is deleted here, and
/// on the server only under that same policy.
#[test]
fn moving_copying_and_junk_follow_the_server_policy() {
    const T0: i64 = super::T0;
    const DAY: i64 = super::DAY;
    for delete_here_deletes_there in [true, false] {
        let server = Dovecot::start();
        seed(&server, 0, 4);
        server.seed(support::USER, "spam", &spam(0));
        let cli = Cli::new(&server);
        let mut options = vec!["--leave-on-server"];
        if delete_here_deletes_there {
            options.push("--delete-when-deleted-here");
        }
        cli.add_account(&options);
        let now = |t: i64| t.to_string();
        let fetch = |t: i64| cli.ok(&["--now", &now(t), "fetch"]);
        fetch(T0);
        cli.ok(&["folder", "add", "Archiv"]);
        cli.ok(&["folder", "add", "Kopien"]);
        let inbox = |cli: &Cli| -> Vec<i64> {
            cli.list_json(&["--account", "acct", "--folder", "inbox"])
                .iter()
                .map(|m| m["id"].as_i64().unwrap())
                .collect()
        };
        let ids = inbox(&cli);
        assert_eq!(ids.len(), 4, "the spam is in Junk");
        let first = ids[0].to_string();
        cli.ok(&["move", &first, "--to", "Kopien", "--copy"]);
        cli.ok(&["move", "--all-of", "acct:inbox", "--to", "Archiv"]);
        cli.ok(&["delete", &ids[1].to_string()]); // to the Trash
        fetch(T0 + 60);
        assert_eq!(
            server.message_count(support::USER),
            5,
            "moving is not deleting"
        );
        // the original of the copied message, deleted for good: its copy remains
        cli.ok(&["delete", &first, "--permanently"]);
        fetch(T0 + 120);
        assert_eq!(server.message_count(support::USER), 5, "a copy is left");
        let copy = cli.list_json(&["--folder", "Kopien"])[0]["id"]
            .as_i64()
            .unwrap();
        cli.ok(&["delete", &copy.to_string(), "--permanently"]);
        fetch(T0 + 180);
        fetch(T0 + 240);
        let expected = if delete_here_deletes_there { 4 } else { 5 };
        assert_eq!(
            server.message_count(support::USER),
            expected,
            "last copy gone"
        );
        // junk older than 30 days goes here; there only under the same policy
        fetch(T0 + 31 * DAY);
        let junk = cli.list_json(&["--account", "acct", "--folder", "junk"]);
        assert!(junk.is_empty(), "old junk deleted here");
        fetch(T0 + 31 * DAY + 60);
        let expected = if delete_here_deletes_there { 3 } else { 5 };
        assert_eq!(
            server.message_count(support::USER),
            expected,
            "junk on the server"
        );
    }
}

/// A worker that starts (the app starting) filters what the last run stored but did not
/// filter, without waiting for a fetch (none is due here: "check at start" is off).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_starting_worker_finishes_the_filtering_of_the_last_run() {
    use postfach::store::{AccountSettings, Fetched, FolderKind, Store};
    use postfach::sync::service;

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let id = store
        .add_account(&AccountSettings {
            name: "acct".into(),
            email: "test@example.org".into(),
            host: "pop.invalid".into(),
            check_on_startup: false,
            check_every_minutes: None,
            ..AccountSettings::default()
        })
        .unwrap();
    let raw = spam(1);
    let fetched = Fetched {
        uidl: "s1".into(),
        listed_size: raw.len() as u64,
        summary: postfach::mime::summarize(&raw),
        raw,
    };
    // stored, and then the program stopped before the rules ran
    store.store_fetched(id, &[fetched], super::T0).unwrap();
    assert_eq!(store.filter_pending(id, 10).unwrap().len(), 1);
    let account = store.account(id).unwrap();
    let fetcher = postfach::sync::Fetcher::new(store, dir.path());
    let (controller, _events) = service::spawn(fetcher.clone(), account, service::system_clock);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let pending = fetcher
            .store
            .lock()
            .unwrap()
            .filter_pending(id, 10)
            .unwrap();
        if pending.is_empty() {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "still pending");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let store = fetcher.store.lock().unwrap();
    let junk = store.folder(id, FolderKind::Junk).unwrap();
    assert_eq!(
        store
            .count(&postfach::store::Scope::Folder(junk), false)
            .unwrap(),
        1
    );
    drop(store);
    assert!(controller.send(service::Command::Shutdown));
}

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
    eprintln!(
        "a fetch took {whole:?}; killed {killed} fetches; {left_pending} left stored mail \
         unfiltered"
    );
    assert!(
        left_pending > 0,
        "no kill landed between storing and filtering ({killed} kills): try again"
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
    assert_eq!(rows, 16 * 42 + with_attachments.len());
}

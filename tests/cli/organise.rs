//! Organising mail from the command line against a real Dovecot (issue #18): folders, moving,
//! rules in the rules page's words, junk, in English and German.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::cli::Cli;
use crate::support::mail::message;
use crate::support::{self, Dovecot};

fn ids(cli: &Cli, args: &[&str]) -> Vec<i64> {
    cli.list_json(args)
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn folders_moves_rules_and_junk_from_the_command_line() {
    let server = Dovecot::start();
    for i in 0..6 {
        server.seed(support::USER, &format!("m{i}"), &message(i));
    }
    server.seed(
        support::USER,
        "spam",
        b"From: x@bad.example\r\nSubject: Gewinn\r\nX-Spam: Yes\r\n\r\nJetzt!\r\n",
    );
    let cli = Cli::new(&server);
    cli.add_account(&[]);
    cli.ok(&["folder", "add", "acct:Kunden"]);
    cli.ok(&["folder", "add", "acct:Kunden/Meier"]);
    cli.ok(&["folder", "add", "Privat"]);
    // a rule in the rules page's words, stored before the mail arrives
    cli.ok(&[
        "rule",
        "add",
        "Nummer zwei",
        "--if",
        "subject contains grusse nr. 2 ",
        "--if",
        "from is jürgen müller",
        "--then",
        "move-to acct:Kunden/Meier",
        "--then",
        "mark-read",
    ]);
    let listed = cli.ok(&["rule", "list"]);
    assert!(
        listed.contains("if subject contains grusse nr. 2\tif from is jürgen müller\tthen move-to acct:Kunden/Meier\tthen mark-read"),
        "{listed}"
    );
    // what cannot be a rule is refused in words
    let bad = cli.run(&[
        "rule",
        "add",
        "x",
        "--if",
        "subject resembles y",
        "--then",
        "flag",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a condition"));
    let bad = cli.run(&[
        "rule",
        "add",
        "x",
        "--if",
        "body matches (",
        "--then",
        "flag",
    ]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("regular expression"));

    cli.ok(&["fetch"]);
    let meier = cli.list_json(&["--account", "acct", "--folder", "Kunden/Meier"]);
    assert_eq!(meier.len(), 1);
    assert_eq!(meier[0]["seen"], true);
    assert_eq!(
        ids(&cli, &["--account", "acct", "--folder", "junk"]).len(),
        1
    );
    let inbox = ids(&cli, &["--account", "acct", "--folder", "inbox"]);
    assert_eq!(inbox.len(), 5);

    // move by id, and a whole folder at once; folder list shows the counts
    let first = inbox[0].to_string();
    let out = cli.ok(&["move", &first, "--to", "Privat"]);
    assert!(out.contains("1 message moved"), "{out}");
    let out = cli.ok(&["move", "--all-of", "acct:inbox", "--to", "acct:Kunden"]);
    assert!(out.contains("4 messages moved"), "{out}");
    let folders = cli.ok(&["folder", "list"]);
    assert!(folders.contains("acct:Kunden\t4\t4"), "{folders}");
    assert!(folders.contains("acct:Kunden/Meier\t1\t0"), "{folders}");
    assert!(folders.contains("acct:junk\t1\t1"), "{folders}");
    let missing = cli.run(&["move", "999999", "--to", "Privat"]);
    assert_eq!(missing.status.code(), Some(2));
    let nowhere = cli.run(&["move", &first, "--to", "Nirgends"]);
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("There is no folder"));

    // "run rules now" on a folder: the rule moves its match out of Kunden
    cli.ok(&[
        "move",
        "--all-of",
        "acct:Kunden/Meier",
        "--to",
        "acct:Kunden",
    ]);
    let out = cli.ok(&["rule", "run", "1", "--folder", "acct:Kunden"]);
    assert!(out.contains("5 messages checked: 1 moved"), "{out}");

    // not junk: back to the Inbox, the sender remembered
    let junk = ids(&cli, &["--account", "acct", "--folder", "junk"]);
    let out = cli.ok(&["not-junk", &junk[0].to_string()]);
    assert!(out.contains("1 message moved back"), "{out}");
    let out = cli.ok(&["junk", &junk[0].to_string()]);
    assert!(out.contains("1 message moved to Junk"), "{out}");

    // removing a folder with a subfolder puts their mail into the Trash, and says how much
    cli.ok(&["folder", "rename", "acct:Kunden", "Alte Kunden"]);
    let out = cli.ok(&["folder", "remove", "acct:Alte Kunden"]);
    assert!(out.contains("its 5 messages are in the Trash"), "{out}");
    assert_eq!(
        ids(&cli, &["--account", "acct", "--folder", "trash"]).len(),
        5
    );
    cli.ok(&["rule", "disable", "Nummer zwei"]);
    assert!(
        cli.ok(&["rule", "list"])
            .contains("1\tNummer zwei\toff\tall")
    );
    cli.ok(&["rule", "enable", "1"]);
    assert!(
        cli.ok(&["rule", "list"])
            .contains("1\tNummer zwei\ton\tall")
    );
    cli.ok(&["rule", "remove", "Nummer zwei"]);
    assert!(cli.ok(&["rule"]).contains("No rules yet"));

    // the account's junk settings
    assert!(
        cli.ok(&["account", "list"])
            .contains("\tjunk-filter, 30 days")
    );
    cli.ok(&[
        "account",
        "set",
        "acct",
        "--junk-filter",
        "false",
        "--junk-header",
        "X-Provider-Spam",
        "--junk-days",
        "7",
    ]);
    let accounts = cli.ok(&["account", "list"]);
    assert!(
        accounts.contains("\tno-junk-filter, header X-Provider-Spam, 7 days"),
        "{accounts}"
    );
    let bad = cli.run(&["account", "set", "acct", "--junk-header", "X-Spam: yes"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a header name"));

    // the same in German
    let mut german = cli.command(&["folder", "remove", "Privat"]);
    german.env("POSTFACH_LANG", "de");
    let out = german.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("seine Nachricht liegt im Papierkorb"),
        "{text}"
    );
}

//! Thunderbird's mail and its POP3 state taken over together, against the tests' Dovecot: the
//! imported messages that carry an `X-UIDL` become "stored here" (so the account's retention
//! applies to them, counted from when Thunderbird downloaded them), and the first fetch after
//! the import only shows what it would do until the user agrees.

use std::path::Path;

use postfach::store::{Scope, Store};

use crate::support::cli::Cli;
use crate::support::{Dovecot, USER};

const DAY: i64 = 86_400;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A Dovecot whose UIDLs are the Maildir file names (so the test knows them before any client
/// asked), with five messages: what Thunderbird downloaded 30 days ago (two, their mail
/// imported), yesterday (one, imported), 30 days ago but not imported, and one new.
struct Fixture {
    server: Dovecot,
    cli: Cli,
    uidls: Vec<String>,
    account_dir: tempfile::TempDir,
}

fn uidl_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn fixture() -> Result<Fixture, Box<dyn std::error::Error>> {
    let server = Dovecot::builder()
        .extra_config("pop3_uidl_format = %f\n")
        .start();
    let names = ["alt1", "alt2", "gestern", "nur-stand", "neu"];
    let mut uidls = Vec::new();
    for name in names {
        let mail = crate::mail(name, "Hallo");
        uidls.push(uidl_of(&server.seed(USER, name, &mail)));
    }
    // Thunderbird's account folder: Inbox (mboxo with its status headers and X-UIDL), the
    // .msf index beside it, and popstate.dat
    let account_dir = tempfile::tempdir()?;
    let t = now();
    let seen = [t - 30 * DAY, t - 30 * DAY, t - DAY, t - 30 * DAY];
    let mut inbox = Vec::new();
    for i in 0..3 {
        let date = time::OffsetDateTime::from_unix_timestamp(seen[i])?;
        let from_line = date.format(time::macros::format_description!(
            "From - [weekday repr:short] [month repr:short] [day] [hour]:[minute]:[second] [year]\r\n"
        ))?;
        inbox.extend_from_slice(from_line.as_bytes());
        inbox.extend_from_slice(
            format!("X-Mozilla-Status: 0001\r\nX-UIDL: {}\r\n", uidls[i]).as_bytes(),
        );
        inbox.extend_from_slice(&crate::mail(names[i], "Hallo"));
        inbox.extend_from_slice(b"\r\n");
    }
    std::fs::write(account_dir.path().join("Inbox"), &inbox)?;
    std::fs::write(
        account_dir.path().join("Inbox.msf"),
        b"// <!-- <mdb:mork:z v=\"1.4\"/> -->",
    )?;
    let mut popstate = format!(
        "# POP3 State File\r\n# This is a generated file!  Do not edit.\r\n\r\n*{} {USER}\r\n",
        server.host()
    );
    for i in 0..4 {
        popstate.push_str(&format!("k {} {}\r\n", uidls[i], seen[i]));
    }
    std::fs::write(account_dir.path().join("popstate.dat"), popstate)?;

    let cli = Cli::new(&server);
    cli.add_account(&["--leave-on-server", "--keep-days", "7"]);
    Ok(Fixture {
        server,
        cli,
        uidls,
        account_dir,
    })
}

/// Every message in the store, by subject (imported and fetched).
fn subjects(dir: &Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let store = Store::open_in(dir)?;
    let mut out = Vec::new();
    for folder in store.folders()? {
        for row in postfach::export::rows(&store, Scope::Folder(folder.id))? {
            out.push(row.subject.clone());
        }
    }
    out.sort();
    Ok(out)
}

/// `import` of the Thunderbird Inbox; what it said.
fn import(fx: &Fixture) -> String {
    let inbox = fx.account_dir.path().join("Inbox");
    fx.cli.ok(&["import", &inbox.to_string_lossy()])
}

/// `import-state` of the Thunderbird account folder; what it said.
fn take_over_state(fx: &Fixture) -> String {
    fx.cli.ok(&[
        "import-state",
        "--account",
        "acct",
        "--from",
        "thunderbird",
        &fx.account_dir.path().to_string_lossy(),
    ])
}

#[test]
fn imported_mail_links_to_imported_state_and_the_first_fetch_waits_for_a_yes() -> crate::TestResult
{
    let fx = fixture()?;
    import(&fx);
    let said = take_over_state(&fx);
    assert!(
        said.starts_with("4 messages of “acct” are now known")
            && said.contains("3 of them came with their mail"),
        "{said}"
    );

    // the first fetch shows what it would do, and does nothing
    let out = fx.cli.run(&["fetch"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(9), "{stdout}");
    assert!(
        stdout
            .contains("the server holds 5 messages. 1 of them was downloaded by the other program")
            && stdout.contains("3 came with the imported mail")
            && stdout.contains(
                "This fetch downloads 1 new message and deletes 2 from the server (2 because"
            ),
        "{stdout}"
    );
    assert!(
        stdout.contains("postfach fetch --accept-import"),
        "{stdout}"
    );
    assert_eq!(fx.server.message_count(USER), 5);
    assert_eq!(subjects(fx.cli.data_dir())?, ["alt1", "alt2", "gestern"]);
    // asking again shows it again
    assert_eq!(fx.cli.run(&["fetch"]).status.code(), Some(9));

    // yes: the two older than 7 days (by Thunderbird's download time) go, the new one comes,
    // nothing is downloaded twice, and the one only the state knows stays on the server
    let said = fx.cli.ok(&["fetch", "--accept-import"]);
    assert!(said.contains("deletes 2"), "{said}");
    assert_eq!(fx.server.message_count(USER), 3);
    let left: Vec<String> = std::fs::read_dir(fx.server.maildir(USER).join("cur"))?
        .chain(std::fs::read_dir(fx.server.maildir(USER).join("new"))?)
        .map(|e| e.map(|e| uidl_of(&e.path())))
        .collect::<Result<_, _>>()?;
    for kept in &fx.uidls[2..] {
        assert!(
            left.iter().any(|l| l.starts_with(kept.as_str())),
            "{kept} in {left:?}"
        );
    }
    assert_eq!(
        subjects(fx.cli.data_dir())?,
        ["alt1", "alt2", "gestern", "neu"]
    );
    // from now on fetches run without asking, and change nothing more
    fx.cli.ok(&["fetch"]);
    assert_eq!(fx.server.message_count(USER), 3);
    assert_eq!(subjects(fx.cli.data_dir())?.len(), 4);
    Ok(())
}

#[test]
fn without_popstate_the_state_is_rebuilt_from_the_mail() -> crate::TestResult {
    let fx = fixture()?;
    std::fs::remove_file(fx.account_dir.path().join("popstate.dat"))?;
    // the state first, the mail after it: linked all the same
    let said = take_over_state(&fx);
    assert!(
        said.starts_with("3 messages of “acct” are now known") && !said.contains("came with"),
        "{said}"
    );
    let said = import(&fx);
    assert!(
        said.contains("3 of them carry the UIDL of a message whose POP3 state was taken over"),
        "{said}"
    );
    let said = fx.cli.ok(&["fetch", "--accept-import"]);
    // the "From " lines' times stand in for popstate.dat's: two are older than 7 days; the
    // message Thunderbird's state would have named (but no mail holds) is new to Postfach
    assert!(
        said.contains("This fetch downloads 2 new messages and deletes 2 from the server"),
        "{said}"
    );
    assert_eq!(fx.server.message_count(USER), 3);
    assert_eq!(
        subjects(fx.cli.data_dir())?,
        ["alt1", "alt2", "gestern", "neu", "nur-stand"]
    );
    Ok(())
}

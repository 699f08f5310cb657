//! The real fetchers (mpop, fetchmail, getmail6) against the tests' Dovecot, leaving their
//! "already downloaded" state files behind as a user's machine would have them.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::cli::Cli;
use crate::support::{Dovecot, PASSWORD, USER};

/// Which program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fetcher {
    Mpop,
    Fetchmail,
    Getmail,
}

impl Fetcher {
    pub fn installed(self) -> bool {
        let name = match self {
            Fetcher::Mpop => "mpop",
            Fetcher::Fetchmail => "fetchmail",
            Fetcher::Getmail => "getmail",
        };
        Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// Runs the program once over plain POP3, keeping mail on the server; returns the path of
    /// its state file (mpop's UIDLs file, fetchmail's `.fetchids`, getmail's `oldmail-*`).
    pub fn run(self, server: &Dovecot, dir: &Path) -> std::io::Result<PathBuf> {
        let host = server.host();
        let port = server.pop3_port();
        let d = dir.display();
        let write_private = |path: &Path, text: &str| -> std::io::Result<()> {
            use std::os::unix::fs::PermissionsExt;
            std::fs::write(path, text)?;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        };
        for sub in ["Maildir/new", "Maildir/cur", "Maildir/tmp"] {
            std::fs::create_dir_all(dir.join(sub))?;
        }
        let (mut command, state) = match self {
            Fetcher::Mpop => {
                write_private(
                    &dir.join("mpoprc"),
                    &format!(
                        "account t\nhost {host}\nport {port}\nuser {USER}\npassword {PASSWORD}\n\
                         auth user\ntls off\nkeep on\nonly_new on\nuidls_file {d}/uidls\n\
                         delivery maildir {d}/Maildir\n"
                    ),
                )?;
                let mut c = Command::new("mpop");
                c.args(["-q", "-C"]).arg(dir.join("mpoprc")).arg("t");
                (c, dir.join("uidls"))
            }
            Fetcher::Fetchmail => {
                write_private(
                    &dir.join("fetchmailrc"),
                    &format!(
                        "set no bouncemail\npoll {host} protocol pop3 port {port} uidl\n  \
                         user \"{USER}\" there with password \"{PASSWORD}\" is root here\n  \
                         sslproto ''\n  keep\n  mda \"cat > /dev/null\"\n"
                    ),
                )?;
                let mut c = Command::new("fetchmail");
                c.args(["--silent", "--nosyslog", "-f"])
                    .arg(dir.join("fetchmailrc"))
                    .arg("--idfile")
                    .arg(dir.join(".fetchids"))
                    .arg("--pidfile")
                    .arg(dir.join("fetchmail.pid"))
                    .env("HOME", dir);
                (c, dir.join(".fetchids"))
            }
            Fetcher::Getmail => {
                write_private(
                    &dir.join("getmailrc"),
                    &format!(
                        "[retriever]\ntype = SimplePOP3Retriever\nserver = {host}\nport = {port}\n\
                         username = {USER}\npassword = {PASSWORD}\n\n[destination]\ntype = MDA_external\n\
                         path = /bin/sh\narguments = (\"-c\", \"cat > /dev/null\")\nallow_root_commands = true\n\n\
                         [options]\nverbose = 0\ndelete = false\nread_all = false\n"
                    ),
                )?;
                let mut c = Command::new("getmail");
                c.arg("--rcfile")
                    .arg(dir.join("getmailrc"))
                    .arg("--getmaildir")
                    .arg(dir);
                (c, dir.join(format!("oldmail-{host}-{port}-{USER}")))
            }
        };
        let out = command.output()?;
        // fetchmail says 1 for "no new mail"
        let nothing_new = self == Fetcher::Fetchmail && out.status.code() == Some(1);
        if !(out.status.success() || nothing_new) {
            return Err(std::io::Error::other(format!(
                "{self:?} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        Ok(state)
    }
}

/// One program's state taken over by Postfach: what it downloaded is neither downloaded again
/// nor deleted on the server (even in download-and-delete mode), what it did not is; "forget"
/// makes the next fetch take the rest too.
fn take_over(program: Fetcher, name: &str) -> crate::TestResult {
    if !program.installed() {
        // the README's test command installs them
        return Err(
            format!("{name} is not installed: apt-get install mpop fetchmail getmail6").into(),
        );
    }
    let server = Dovecot::start();
    for i in 0..3 {
        let mail = format!("Subject: alt {i}\r\nMessage-ID: <alt{i}@example.de>\r\n\r\nx\r\n");
        server.seed(USER, &format!("alt{i}"), mail.as_bytes());
    }
    let home = tempfile::tempdir()?;
    let state = program.run(&server, home.path())?;
    for i in 0..2 {
        let mail = format!("Subject: neu {i}\r\nMessage-ID: <neu{i}@example.de>\r\n\r\ny\r\n");
        server.seed(USER, &format!("neu{i}"), mail.as_bytes());
    }
    assert_eq!(server.message_count(USER), 5);

    let cli = Cli::new(&server);
    cli.add_account(&[]); // download and delete, the default
    let said = cli.ok(&[
        "import-state",
        "--account",
        "acct",
        "--from",
        name,
        &state.to_string_lossy(),
    ]);
    assert!(
        said.starts_with("3 messages of “acct” are now known"),
        "{said}"
    );
    // the first fetch after the import only says what it would do
    let out = cli.run(&["fetch"]);
    assert_eq!(out.status.code(), Some(9));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(
            "the server holds 5 messages. 3 of them were downloaded by the other program"
        ) && said.contains("This fetch downloads 2 new messages and deletes none"),
        "{said}"
    );
    assert_eq!(server.message_count(USER), 5);
    assert!(cli.list_json(&[]).is_empty());
    cli.ok(&["fetch", "--accept-import"]);
    let subjects: Vec<String> = cli
        .list_json(&[])
        .iter()
        .map(|m| m["subject"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(subjects.len(), 2, "only the new ones: {subjects:?}");
    assert!(
        subjects.iter().all(|s| s.starts_with("neu")),
        "{subjects:?}"
    );
    assert_eq!(
        server.message_count(USER),
        3,
        "the new ones deleted on the server, the known ones left alone"
    );
    // again: nothing to do
    cli.ok(&["fetch"]);
    assert_eq!(cli.list_json(&[]).len(), 2);
    assert_eq!(server.message_count(USER), 3);

    // "download these too"
    let said = cli.ok(&["import-state", "--account", "acct", "--forget"]);
    assert!(said.starts_with("Forgot 3 messages"), "{said}");
    cli.ok(&["fetch"]);
    assert_eq!(cli.list_json(&[]).len(), 5);
    assert_eq!(server.message_count(USER), 0);
    Ok(())
}

#[test]
fn mpop_state_is_taken_over() -> crate::TestResult {
    take_over(Fetcher::Mpop, "mpop")
}

#[test]
fn fetchmail_state_is_taken_over() -> crate::TestResult {
    take_over(Fetcher::Fetchmail, "fetchmail")
}

#[test]
fn getmail_state_is_taken_over() -> crate::TestResult {
    take_over(Fetcher::Getmail, "getmail")
}

#[test]
fn a_state_file_of_another_server_is_refused() -> crate::TestResult {
    let server = Dovecot::start();
    let cli = Cli::new(&server);
    cli.add_account(&[]);
    let dir = tempfile::tempdir()?;
    let file = dir.path().join(".fetchids");
    std::fs::write(&file, "anna@pop.example.de abc\n")?;
    let out = cli.run(&[
        "import-state",
        "--account",
        "acct",
        "--from",
        "fetchmail",
        &file.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no state for alice on 127.0.0.1") && err.contains("anna@pop.example.de"),
        "{err}"
    );
    Ok(())
}

//! The `postfach` binary, run as a user would: [`command`] on a data directory, and [`Cli`], a
//! private data directory with one account on one server.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::{Dovecot, PASSWORD, USER};

/// `postfach --data-dir DIR ARGS` with the caller's `POSTFACH_DATA_DIR` removed and stdin empty.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_postfach"));
    command
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("POSTFACH_DATA_DIR")
        .stdin(Stdio::null());
    command
}

/// The `postfach` binary with a private data directory, talking to one server.
pub struct Cli {
    dir: tempfile::TempDir,
    host: String,
    port: u16,
    ca: PathBuf,
}

impl Cli {
    /// Over implicit TLS to the server's pop3s port, trusting its test CA.
    pub fn new(server: &Dovecot) -> Cli {
        Cli::with_port(server, server.pop3s_port())
    }

    /// To another port (e.g. a proxy in front of the plain-text listener).
    pub fn with_port(server: &Dovecot, port: u16) -> Cli {
        Cli {
            dir: tempfile::tempdir().expect("temp dir"),
            host: server.host().to_owned(),
            port,
            ca: server.ca_pem_path(),
        }
    }

    /// The private data directory.
    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = command(self.dir.path(), args);
        c.env("POSTFACH_PASSWORD", PASSWORD)
            .env("POSTFACH_LANG", "en");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run postfach")
    }

    /// Runs and requires success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "postfach {args:?} failed ({:?}):\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn postfach")
    }

    /// Adds account `acct` for the test user; `extra` options come last.
    pub fn add_account(&self, extra: &[&str]) {
        let port = self.port.to_string();
        let ca = self.ca.to_string_lossy().into_owned();
        let mut args = vec![
            "account",
            "add",
            "acct",
            "--email",
            "test@example.org",
            "--host",
            &self.host,
            "--port",
            &port,
            "--user",
            USER,
            "--ca-file",
            &ca,
        ];
        args.extend_from_slice(extra);
        self.ok(&args);
    }

    /// `list --json` of the Inbox, parsed.
    pub fn list_json(&self, extra: &[&str]) -> Vec<serde_json::Value> {
        let mut args = vec!["list", "--json", "--limit", "100000"];
        args.extend_from_slice(extra);
        self.ok(&args)
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect()
    }

    /// The exact stored bytes of a message.
    pub fn raw(&self, id: i64) -> Vec<u8> {
        let out = self.run(&["show", &id.to_string(), "--raw"]);
        assert!(out.status.success());
        out.stdout
    }

    /// Starts the command and SIGKILLs it after `after` if it still runs. True when it was killed.
    pub fn kill_after(&self, args: &[&str], after: Duration) -> bool {
        let mut child = self
            .command(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn postfach");
        let deadline = Instant::now() + after;
        loop {
            if let Ok(Some(_)) = child.try_wait() {
                return false;
            }
            if Instant::now() >= deadline {
                let _ = child.kill(); // SIGKILL on Unix
                let _ = child.wait();
                return true;
            }
            thread::sleep(Duration::from_millis(2));
        }
    }
}

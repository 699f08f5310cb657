//! Helpers for the fetch-engine tests: the `postfach` CLI in a temporary data directory, a
//! deterministic mail generator, and a TCP proxy that cuts connections at chosen points.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

pub mod fake;

use super::support::{self, Dovecot};

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Messages on the server: files in the user's Maildir `new/` and `cur/`.
pub fn on_server(server: &Dovecot) -> usize {
    let maildir = server.maildir(support::USER);
    ["new", "cur"]
        .iter()
        .map(|d| {
            std::fs::read_dir(maildir.join(d))
                .map(|r| r.count())
                .unwrap_or(0)
        })
        .sum()
}

/// A realistic, distinct message number `i`: CRLF, German 8-bit and encoded headers, lines that
/// need dot-stuffing, and every seventh one with a base64 attachment.
pub fn message(i: usize) -> Vec<u8> {
    let mut m = String::new();
    m.push_str(&format!("Message-ID: <seed-{i}@postfach.test>\r\n"));
    m.push_str(&format!(
        "Date: Mon, {} Mar 2026 10:{:02}:00 +0100\r\n",
        1 + i % 28,
        i % 60
    ));
    m.push_str("From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.de>\r\n");
    m.push_str("To: Postfach Test <test@example.org>\r\n");
    m.push_str(&format!(
        "Subject: =?UTF-8?B?{}?=\r\n",
        b64(&format!("Grüße Nr. {i} – Straßenfest"))
    ));
    m.push_str("MIME-Version: 1.0\r\n");
    if i.is_multiple_of(7) {
        m.push_str("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n");
        m.push_str(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
        );
    } else {
        m.push_str(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
        );
    }
    m.push_str(&format!("Hallo, dies ist Nachricht {i}.\r\n"));
    m.push_str(".\r\n..zwei Punkte am Anfang\r\n.Punkt am Anfang\r\n");
    for line in 0..(20 + i % 50) {
        m.push_str(&format!(
            "Zeile {line}: Käse, Öl und Übermut für die Straße.\r\n"
        ));
    }
    if i.is_multiple_of(7) {
        m.push_str("--b1\r\nContent-Type: application/octet-stream; name=\"daten.bin\"\r\n");
        m.push_str("Content-Disposition: attachment; filename=\"daten.bin\"\r\n");
        m.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
        let payload: Vec<u8> = (0..3000u32)
            .map(|b| (b.wrapping_mul(31) ^ i as u32) as u8)
            .collect();
        let encoded = b64_bytes(&payload);
        for chunk in encoded.as_bytes().chunks(76) {
            m.push_str(std::str::from_utf8(chunk).unwrap_or(""));
            m.push_str("\r\n");
        }
        m.push_str("--b1--\r\n");
    }
    m.into_bytes()
}

fn b64(s: &str) -> String {
    b64_bytes(s.as_bytes())
}

fn b64_bytes(b: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(b)
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
    pub fn data_dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_postfach"));
        c.arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env("POSTFACH_PASSWORD", support::PASSWORD)
            .env("POSTFACH_LANG", "en")
            .env_remove("POSTFACH_DATA_DIR")
            .stdin(Stdio::null());
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
            support::USER,
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

/// When the proxy cuts the connection.
#[derive(Debug, Clone)]
pub enum Trigger {
    /// After this many bytes from the server (mid-RETR for large enough values).
    ServerBytes(usize),
    /// When the client sends a line starting with this text (the server never sees it).
    ClientSends(&'static str),
}

/// A TCP proxy on 127.0.0.1 that forwards to a local port and cuts the first connection that
/// meets its trigger while armed.
pub struct Proxy {
    port: u16,
    armed: Arc<AtomicBool>,
    fired: Arc<AtomicBool>,
}

impl Proxy {
    pub fn start(target: u16, trigger: Trigger) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let port = listener.local_addr().expect("addr").port();
        let armed = Arc::new(AtomicBool::new(true));
        let fired = Arc::new(AtomicBool::new(false));
        let (a, f) = (Arc::clone(&armed), Arc::clone(&fired));
        thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { break };
                let Ok(upstream) = TcpStream::connect(("127.0.0.1", target)) else {
                    continue;
                };
                let (a, f, t) = (Arc::clone(&a), Arc::clone(&f), trigger.clone());
                thread::spawn(move || relay(client, upstream, t, a, f));
            }
        });
        Proxy { port, armed, fired }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn fired(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }

    /// From now on, pass everything through.
    pub fn disarm(&self) {
        self.armed.store(false, Ordering::SeqCst);
    }

    /// From the next connection on, cut again when the trigger is met.
    pub fn rearm(&self) {
        self.fired.store(false, Ordering::SeqCst);
        self.armed.store(true, Ordering::SeqCst);
    }
}

fn relay(
    client: TcpStream,
    upstream: TcpStream,
    trigger: Trigger,
    armed: Arc<AtomicBool>,
    fired: Arc<AtomicBool>,
) {
    let (Ok(c), Ok(u)) = (client.try_clone(), upstream.try_clone()) else {
        return;
    };
    let (c, u) = (Arc::new(c), Arc::new(u));
    let cut = move || {
        let _ = c.shutdown(Shutdown::Both);
        let _ = u.shutdown(Shutdown::Both);
    };
    let armed_now = armed.load(Ordering::SeqCst);
    // server → client
    let (mut from_server, mut to_client) = match (upstream.try_clone(), client.try_clone()) {
        (Ok(a), Ok(b)) => (a, b),
        _ => return,
    };
    let (f1, cut1, t1) = (Arc::clone(&fired), cut.clone(), trigger.clone());
    let down = thread::spawn(move || {
        let mut total = 0usize;
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match from_server.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if let (true, Trigger::ServerBytes(limit)) = (armed_now, &t1)
                && total + n >= *limit
            {
                let _ = to_client.write_all(&buf[..limit - total]);
                f1.store(true, Ordering::SeqCst);
                cut1();
                break;
            }
            total += n;
            if to_client.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        cut1();
    });
    // client → server, line-aware for ClientSends
    let (mut from_client, mut to_server) = (client, upstream);
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = match from_client.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        pending.extend_from_slice(&buf[..n]);
        let mut stop = false;
        while let Some(pos) = pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = pending.drain(..=pos).collect();
            if let (true, Trigger::ClientSends(prefix)) = (armed_now, &trigger)
                && line.starts_with(prefix.as_bytes())
            {
                fired.store(true, Ordering::SeqCst);
                stop = true;
                break;
            }
            if to_server.write_all(&line).is_err() {
                stop = true;
                break;
            }
        }
        if stop {
            break;
        }
    }
    cut();
    let _ = down.join();
}

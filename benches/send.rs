//! Send benchmark (a plain `main`, `harness = false`): `postfach send` with a 25 MB attachment
//! through its Outbox to an SMTP sink on 127.0.0.1, timed as a whole process under
//! `/usr/bin/time -v` (wall clock, peak RSS), next to `curl --upload-file` sending the very
//! bytes Postfach transmitted to the same sink. Prints the figures beside the targets (peak RSS
//! ≤ 150 MB; the time beside curl's). Not a test: it asserts nothing about time.
//!
//! `cargo bench --bench send`; `POSTFACH_BENCH_RUNS=N` (default 3) runs of each, the median is
//! printed; `POSTFACH_BENCH_ATTACHMENT_MB=N` (default 25).
//!
//! The sink speaks just enough SMTP (EHLO with SIZE, MAIL, RCPT, DATA, QUIT; no TLS, no AUTH:
//! Postfach's account signs in as no one) and throws the data away as it reads it, so both
//! clients are measured, not a server.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;

#[path = "process.rs"]
mod process;

use process::{Result, binary, check, env_or, median, timed};

fn main() -> Result<()> {
    let runs: usize = env_or("POSTFACH_BENCH_RUNS", 3);
    let megabytes: usize = env_or("POSTFACH_BENCH_ATTACHMENT_MB", 25);
    let postfach = binary()?;
    let port = sink()?;
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("Präsentation.pdf");
    std::fs::write(&file, attachment(megabytes << 20))?;
    let body = dir.path().join("text.txt");
    std::fs::write(&body, "Hallo,\n\nanbei die Präsentation.\n\nGrüße\n")?;

    let data = dir.path().join("data");
    let run = |args: &[&str]| -> Result<std::process::Output> {
        Ok(Command::new(&postfach)
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .env("POSTFACH_LANG", "en")
            .output()?)
    };
    let port_text = port.to_string();
    let added = run(&[
        "account",
        "add",
        "bench",
        "--email",
        "anna@example.org",
        "--host",
        "127.0.0.1",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &port_text,
        "--smtp-security",
        "plain",
        "--smtp-user",
        "",
    ])?;
    check(&added, "account add")?;

    let mut postfach_runs = Vec::new();
    for _ in 0..runs {
        let measured = timed(
            Command::new(&postfach)
                .arg("--data-dir")
                .arg(&data)
                .args(["send", "--account", "bench", "--to", "ben@example.org"])
                .args(["--subject", "Präsentation", "--attach"])
                .arg(&file)
                .arg("--body-file")
                .arg(&body)
                .env("POSTFACH_LANG", "en"),
        )?;
        postfach_runs.push(measured);
    }
    // the bytes Postfach transmitted: its Sent copy (no blind copies here, so no Bcc line)
    let listed = run(&["list", "--folder", "sent", "--json", "--limit", "1"])?;
    check(&listed, "list")?;
    let first: serde_json::Value = serde_json::from_slice(
        listed
            .stdout
            .split(|&b| b == b'\n')
            .next()
            .ok_or("no Sent message")?,
    )?;
    let id = first["id"].as_i64().ok_or("no id")?.to_string();
    let raw = run(&["show", &id, "--raw"])?;
    check(&raw, "show")?;
    let message = dir.path().join("message.eml");
    std::fs::write(&message, &raw.stdout)?;

    let mut curl_runs = Vec::new();
    for _ in 0..runs {
        let measured = timed(
            Command::new("curl")
                .args(["--silent", "--show-error"])
                .arg(format!("smtp://127.0.0.1:{port}"))
                .args(["--mail-from", "anna@example.org"])
                .args(["--mail-rcpt", "ben@example.org"])
                .arg("--upload-file")
                .arg(&message),
        )?;
        curl_runs.push(measured);
    }

    let (p_wall, p_rss) = median(&postfach_runs);
    let (c_wall, c_rss) = median(&curl_runs);
    let size = raw.stdout.len() as f64 / 1_048_576.0;
    println!("send: {megabytes} MB attachment, {size:.1} MB message, median of {runs} runs each");
    println!(
        "  postfach send (build + Outbox + SMTP): {p_wall:.2} s, peak RSS {p_rss:.0} MB \
         (target: RSS <= 150 MB)"
    );
    println!("  curl --upload-file, same bytes:         {c_wall:.2} s, peak RSS {c_rss:.0} MB");
    println!("  postfach / curl time: {:.1}x", p_wall / c_wall);
    Ok(())
}

/// Deterministic bytes that do not compress (a PDF's streams would not either).
fn attachment(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// An SMTP sink on a free port of 127.0.0.1 (a thread per connection); returns the port.
fn sink() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let _ = serve(conn);
            });
        }
    });
    Ok(port)
}

fn serve(conn: TcpStream) -> std::io::Result<()> {
    let mut out = conn.try_clone()?;
    let mut input = BufReader::with_capacity(256 * 1024, conn);
    out.write_all(b"220 sink ESMTP\r\n")?;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => out.write_all(b"250-sink\r\n250-SIZE 104857600\r\n250 8BITMIME\r\n")?,
            "DATA" => {
                out.write_all(b"354 go on\r\n")?;
                discard_data(&mut input)?;
                out.write_all(b"250 2.0.0 Ok: queued\r\n")?;
            }
            "QUIT" => {
                out.write_all(b"221 Bye\r\n")?;
                return Ok(());
            }
            _ => out.write_all(b"250 Ok\r\n")?,
        }
    }
}

/// Reads and drops the message up to its final `\r\n.\r\n`.
fn discard_data(input: &mut BufReader<TcpStream>) -> std::io::Result<()> {
    let mut tail = [0u8; 5];
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        for &b in &buf[..n] {
            tail.rotate_left(1);
            tail[4] = b;
        }
        if &tail == b"\r\n.\r\n" {
            return Ok(());
        }
    }
}

//! A scripted POP3 server for what Dovecot will not do: a server without UIDL.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;

/// A plain-text POP3 server on 127.0.0.1 without the UIDL command. Its mailbox persists across
/// connections; `DELE` takes effect at `QUIT`.
pub struct NoUidlServer {
    port: u16,
    mailbox: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl NoUidlServer {
    pub fn start(messages: Vec<Vec<u8>>) -> NoUidlServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let mailbox = Arc::new(Mutex::new(messages));
        let mb = Arc::clone(&mailbox);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { break };
                let mb = Arc::clone(&mb);
                thread::spawn(move || {
                    let _ = serve(stream, mb);
                });
            }
        });
        NoUidlServer { port, mailbox }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn count(&self) -> usize {
        self.mailbox.lock().unwrap().len()
    }

    pub fn add(&self, raw: Vec<u8>) {
        self.mailbox.lock().unwrap().push(raw);
    }
}

fn serve(stream: std::net::TcpStream, mailbox: Arc<Mutex<Vec<Vec<u8>>>>) -> std::io::Result<()> {
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    out.write_all(b"+OK fake POP3 server ready\r\n")?;
    let snapshot: Vec<Vec<u8>> = mailbox.lock().unwrap().clone();
    let mut deleted = vec![false; snapshot.len()];
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line)? == 0 {
            return Ok(()); // dropped: deletions are not committed
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let cmd = words
            .first()
            .map(|w| w.to_ascii_uppercase())
            .unwrap_or_default();
        let arg = |i: usize| words.get(i).and_then(|w| w.parse::<usize>().ok());
        let msg =
            |n: Option<usize>| n.filter(|n| *n >= 1 && *n <= snapshot.len() && !deleted[*n - 1]);
        match cmd.as_str() {
            "CAPA" => out.write_all(b"+OK\r\nUSER\r\nTOP\r\n.\r\n")?,
            "USER" | "PASS" | "NOOP" | "RSET" => out.write_all(b"+OK\r\n")?,
            "STAT" => {
                let live: Vec<_> = (0..snapshot.len()).filter(|i| !deleted[*i]).collect();
                let size: usize = live.iter().map(|i| snapshot[*i].len()).sum();
                out.write_all(format!("+OK {} {size}\r\n", live.len()).as_bytes())?
            }
            "LIST" => {
                let mut r = String::from("+OK\r\n");
                for (i, m) in snapshot.iter().enumerate() {
                    if !deleted[i] {
                        r.push_str(&format!("{} {}\r\n", i + 1, m.len()));
                    }
                }
                r.push_str(".\r\n");
                out.write_all(r.as_bytes())?
            }
            "UIDL" => out.write_all(b"-ERR unknown command\r\n")?,
            "TOP" | "RETR" => match msg(arg(1)) {
                Some(n) => {
                    let raw = &snapshot[n - 1];
                    let text = String::from_utf8_lossy(raw);
                    let part = if cmd == "TOP" {
                        let end = text.find("\r\n\r\n").map(|e| e + 4).unwrap_or(text.len());
                        &text[..end]
                    } else {
                        &text[..]
                    };
                    out.write_all(b"+OK\r\n")?;
                    for l in part.split_inclusive("\r\n") {
                        if l.starts_with('.') {
                            out.write_all(b".")?;
                        }
                        out.write_all(l.as_bytes())?;
                    }
                    out.write_all(b".\r\n")?
                }
                None => out.write_all(b"-ERR no such message\r\n")?,
            },
            "DELE" => match msg(arg(1)) {
                Some(n) => {
                    deleted[n - 1] = true;
                    out.write_all(b"+OK\r\n")?
                }
                None => out.write_all(b"-ERR no such message\r\n")?,
            },
            "QUIT" => {
                let mut mb = mailbox.lock().unwrap();
                let keep: Vec<Vec<u8>> = snapshot
                    .iter()
                    .zip(&deleted)
                    .filter(|(_, d)| !**d)
                    .map(|(m, _)| m.clone())
                    .collect();
                // Keep messages added meanwhile.
                let added: Vec<Vec<u8>> = mb.iter().skip(snapshot.len()).cloned().collect();
                *mb = keep.into_iter().chain(added).collect();
                out.write_all(b"+OK bye\r\n")?;
                return Ok(());
            }
            _ => out.write_all(b"-ERR unknown command\r\n")?,
        }
    }
}

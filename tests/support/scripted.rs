//! A scripted POP3 server for what Dovecot will not do on demand: no UIDL command, UIDLs reused
//! for other messages, LIST sizes that differ from what RETR sends, a connection cut instead of
//! answering QUIT. It records every deletion it committed, so a test can prove which messages a
//! client made it lose. Its greeting, capabilities and answer to `PASS` can be scripted too, for
//! hostile text from a server.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// One message on the scripted server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// What UIDL answers for it.
    pub uidl: String,
    /// What RETR sends (dot-stuffed on the wire).
    pub raw: Vec<u8>,
    /// What LIST says, when it is not the true size.
    pub listed: Option<u64>,
}

impl Mail {
    pub fn new(uidl: &str, raw: Vec<u8>) -> Mail {
        Mail {
            uidl: uidl.to_owned(),
            raw,
            listed: None,
        }
    }

    /// The same message, listed at `size`.
    pub fn listed_at(mut self, size: u64) -> Mail {
        self.listed = Some(size);
        self
    }

    fn listed_size(&self) -> u64 {
        self.listed.unwrap_or(self.raw.len() as u64)
    }
}

/// A plain-text POP3 server on 127.0.0.1. Its mailbox persists across connections; `DELE`
/// takes effect at `QUIT`, as RFC 1939 says.
pub struct ScriptedServer {
    port: u16,
    state: Arc<State>,
}

/// What the server says besides the mailbox; `None` is the ordinary answer.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// Instead of `+OK scripted POP3 server ready`.
    pub greeting: Option<String>,
    /// The capability lines `CAPA` lists.
    pub capa: Option<Vec<String>>,
    /// Instead of `+OK` to `PASS`.
    pub pass_reply: Option<String>,
}

#[derive(Default)]
struct State {
    words: Words,
    mailbox: Mutex<Vec<Mail>>,
    /// Every message a `QUIT` removed, in order.
    deleted: Mutex<Vec<Mail>>,
    /// Without the UIDL command (the client falls back to its header identity).
    no_uidl: bool,
    /// The next `QUIT` is answered by closing the connection: nothing is deleted.
    cut_at_quit: AtomicBool,
}

impl ScriptedServer {
    /// A server that answers UIDL.
    pub fn start(mails: Vec<Mail>) -> ScriptedServer {
        ScriptedServer::with_state(State {
            mailbox: Mutex::new(mails),
            ..State::default()
        })
    }

    /// A server without the UIDL command; each message's `uidl` is ignored.
    pub fn without_uidl(messages: Vec<Vec<u8>>) -> ScriptedServer {
        ScriptedServer::with_state(State {
            mailbox: Mutex::new(messages.into_iter().map(|m| Mail::new("", m)).collect()),
            no_uidl: true,
            ..State::default()
        })
    }

    /// A server that says `words`, with `mails` in its mailbox.
    pub fn speaking(words: Words, mails: Vec<Mail>) -> ScriptedServer {
        ScriptedServer::with_state(State {
            words,
            mailbox: Mutex::new(mails),
            ..State::default()
        })
    }

    fn with_state(state: State) -> ScriptedServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let state = Arc::new(state);
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { break };
                let state = Arc::clone(&shared);
                thread::spawn(move || {
                    let _ = serve(stream, &state);
                });
            }
        });
        ScriptedServer { port, state }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn count(&self) -> usize {
        self.state.mailbox.lock().unwrap().len()
    }

    pub fn add(&self, raw: Vec<u8>) {
        self.put(Mail::new("", raw));
    }

    /// Adds a message; one with the UIDL of a message on the server replaces it (a server that
    /// rebuilt its mailbox and reused the UIDL).
    pub fn put(&self, mail: Mail) {
        let mut mb = self.state.mailbox.lock().unwrap();
        match mb
            .iter_mut()
            .find(|m| !mail.uidl.is_empty() && m.uidl == mail.uidl)
        {
            Some(slot) => *slot = mail,
            None => mb.push(mail),
        }
    }

    /// The messages on the server now.
    pub fn mailbox(&self) -> Vec<Mail> {
        self.state.mailbox.lock().unwrap().clone()
    }

    /// Every message a client deleted, in order.
    pub fn deleted(&self) -> Vec<Mail> {
        self.state.deleted.lock().unwrap().clone()
    }

    /// Answers the next `QUIT` by closing the connection, so the deletions of that session do
    /// not take effect (a connection cut after DELE).
    pub fn cut_at_next_quit(&self) {
        self.state.cut_at_quit.store(true, Ordering::SeqCst);
    }
}

fn serve(stream: std::net::TcpStream, state: &State) -> std::io::Result<()> {
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    let greeting = state.words.greeting.as_deref();
    let greeting = greeting.unwrap_or("+OK scripted POP3 server ready");
    out.write_all(format!("{greeting}\r\n").as_bytes())?;
    let snapshot: Vec<Mail> = state.mailbox.lock().unwrap().clone();
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
        let live = |deleted: &[bool]| {
            (0..snapshot.len())
                .filter(|i| !deleted[*i])
                .collect::<Vec<_>>()
        };
        match cmd.as_str() {
            "CAPA" if state.words.capa.is_some() => {
                let mut r = String::from("+OK\r\n");
                for c in state.words.capa.iter().flatten() {
                    r.push_str(&format!("{c}\r\n"));
                }
                r.push_str(".\r\n");
                out.write_all(r.as_bytes())?
            }
            "PASS" if state.words.pass_reply.is_some() => {
                let reply = state.words.pass_reply.as_deref().unwrap_or_default();
                out.write_all(format!("{reply}\r\n").as_bytes())?
            }
            "CAPA" if state.no_uidl => out.write_all(b"+OK\r\nUSER\r\nTOP\r\n.\r\n")?,
            "CAPA" => out.write_all(b"+OK\r\nUSER\r\nTOP\r\nUIDL\r\n.\r\n")?,
            "USER" | "PASS" | "NOOP" | "RSET" => out.write_all(b"+OK\r\n")?,
            "STAT" => {
                let live = live(&deleted);
                let size: u64 = live.iter().map(|i| snapshot[*i].listed_size()).sum();
                out.write_all(format!("+OK {} {size}\r\n", live.len()).as_bytes())?
            }
            "LIST" => {
                let mut r = String::from("+OK\r\n");
                for i in live(&deleted) {
                    r.push_str(&format!("{} {}\r\n", i + 1, snapshot[i].listed_size()));
                }
                r.push_str(".\r\n");
                out.write_all(r.as_bytes())?
            }
            "UIDL" if state.no_uidl => out.write_all(b"-ERR unknown command\r\n")?,
            "UIDL" => {
                let mut r = String::from("+OK\r\n");
                for i in live(&deleted) {
                    r.push_str(&format!("{} {}\r\n", i + 1, snapshot[i].uidl));
                }
                r.push_str(".\r\n");
                out.write_all(r.as_bytes())?
            }
            "TOP" | "RETR" => match msg(arg(1)) {
                Some(n) => {
                    let raw = &snapshot[n - 1].raw;
                    let part = if cmd == "TOP" {
                        let end = raw
                            .windows(4)
                            .position(|w| w == b"\r\n\r\n")
                            .map(|e| e + 4)
                            .unwrap_or(raw.len());
                        &raw[..end]
                    } else {
                        &raw[..]
                    };
                    out.write_all(b"+OK\r\n")?;
                    for l in part.split_inclusive(|&b| b == b'\n') {
                        if l.starts_with(b".") {
                            out.write_all(b".")?;
                        }
                        out.write_all(l)?;
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
                if state.cut_at_quit.swap(false, Ordering::SeqCst) {
                    return Ok(());
                }
                let mut mb = state.mailbox.lock().unwrap();
                let mut gone = state.deleted.lock().unwrap();
                // Remove what this session deleted, unless it was replaced meanwhile; keep
                // messages added meanwhile.
                for (m, _) in snapshot.iter().zip(&deleted).filter(|(_, d)| **d) {
                    if let Some(pos) = mb.iter().position(|x| x == m) {
                        gone.push(mb.remove(pos));
                    }
                }
                out.write_all(b"+OK bye\r\n")?;
                return Ok(());
            }
            _ => out.write_all(b"-ERR unknown command\r\n")?,
        }
    }
}

//! A scripted SMTP submission server on 127.0.0.1 for the window tests' connection test:
//! implicit TLS (port 465 style) with a given certificate — the test Dovecot's, so that one CA
//! file or one pinned certificate covers both of an account's servers — or one of its own;
//! EHLO offering AUTH PLAIN and LOGIN; one user and password; QUIT. It records every sign-in
//! and every command, and refuses MAIL, RCPT and DATA: a connection test must send nothing.
//! (tests/smtp.rs scripts the client itself byte by byte; this one only has to be a server.)

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use openssl::ssl::{SslAcceptor, SslFiletype, SslMethod, SslStream};

/// What the server saw.
#[derive(Debug, Default)]
struct Seen {
    /// The command verbs, in order (`EHLO`, `AUTH`, `QUIT`, …).
    commands: Vec<String>,
    /// Every user name and secret a client signed in with (accepted or not).
    logins: Vec<(String, String)>,
}

/// A running server; it stops with the test process.
pub struct Submission {
    port: u16,
    seen: Arc<Mutex<Seen>>,
    /// Keeps a certificate of its own alive.
    _dir: Option<tempfile::TempDir>,
}

impl Submission {
    /// A server with `cert` and `key` (PEM files) that accepts `user` with `password`.
    pub fn start(cert: &Path, key: &Path, user: &str, password: &str) -> Submission {
        let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).expect("tls");
        acceptor
            .set_private_key_file(key, SslFiletype::PEM)
            .expect("key");
        acceptor.set_certificate_chain_file(cert).expect("cert");
        let acceptor = Arc::new(acceptor.build());
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let seen = Arc::new(Mutex::new(Seen::default()));
        let record = Arc::clone(&seen);
        let account = (user.to_owned(), password.to_owned());
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { break };
                let (acceptor, record, account) =
                    (Arc::clone(&acceptor), Arc::clone(&record), account.clone());
                thread::spawn(move || {
                    // A client that does not trust the certificate hangs up in the handshake.
                    if let Ok(tls) = acceptor.accept(stream) {
                        let _ = serve(tls, &record, &account);
                    }
                });
            }
        });
        Submission {
            port,
            seen,
            _dir: None,
        }
    }

    /// A server with a certificate of its own, from a CA nobody else uses.
    pub fn with_own_certificate(user: &str, password: &str) -> Submission {
        let dir = tempfile::tempdir().expect("tempdir");
        let certs = super::certs::generate(dir.path()).expect("certificates");
        let mut server = Submission::start(&certs.server_cert, &certs.server_key, user, password);
        server._dir = Some(dir);
        server
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The command verbs the server received, in order.
    pub fn commands(&self) -> Vec<String> {
        self.seen.lock().unwrap().commands.clone()
    }

    /// The user names and secrets clients signed in with.
    pub fn logins(&self) -> Vec<(String, String)> {
        self.seen.lock().unwrap().logins.clone()
    }
}

fn serve(
    stream: SslStream<TcpStream>,
    seen: &Mutex<Seen>,
    account: &(String, String),
) -> io::Result<()> {
    let mut conn = BufReader::new(stream);
    send(&mut conn, "220 scripted ESMTP ready\r\n")?;
    loop {
        let line = read_line(&mut conn)?;
        if line.is_empty() {
            return Ok(());
        }
        let mut words = line.split_whitespace();
        let verb = words.next().unwrap_or_default().to_ascii_uppercase();
        seen.lock().unwrap().commands.push(verb.clone());
        match verb.as_str() {
            "EHLO" => send(
                &mut conn,
                "250-scripted\r\n250-AUTH PLAIN LOGIN\r\n250-SIZE 10485760\r\n250 8BITMIME\r\n",
            )?,
            "AUTH" => {
                let mechanism = words.next().unwrap_or_default().to_ascii_uppercase();
                let initial = words.next().map(str::to_owned);
                let login = match mechanism.as_str() {
                    "PLAIN" => {
                        let response = match initial {
                            Some(r) => r,
                            None => {
                                send(&mut conn, "334 \r\n")?;
                                read_line(&mut conn)?
                            }
                        };
                        let bytes = decode(&response);
                        let mut parts = bytes.split('\0').skip(1);
                        (
                            parts.next().unwrap_or_default().to_owned(),
                            parts.next().unwrap_or_default().to_owned(),
                        )
                    }
                    "LOGIN" => {
                        send(&mut conn, "334 VXNlcm5hbWU6\r\n")?;
                        let user = decode(&read_line(&mut conn)?);
                        send(&mut conn, "334 UGFzc3dvcmQ6\r\n")?;
                        (user, decode(&read_line(&mut conn)?))
                    }
                    _ => {
                        send(&mut conn, "504 5.5.4 Unrecognized authentication type\r\n")?;
                        continue;
                    }
                };
                let accepted = &login == account;
                seen.lock().unwrap().logins.push(login);
                if accepted {
                    send(&mut conn, "235 2.7.0 Authentication successful\r\n")?;
                } else {
                    send(
                        &mut conn,
                        "535 5.7.8 Authentication credentials invalid\r\n",
                    )?;
                }
            }
            "QUIT" => {
                send(&mut conn, "221 2.0.0 Bye\r\n")?;
                return Ok(());
            }
            "MAIL" | "RCPT" | "DATA" => send(&mut conn, "554 5.7.1 Nothing is sent here\r\n")?,
            "NOOP" | "RSET" => send(&mut conn, "250 2.0.0 OK\r\n")?,
            _ => send(&mut conn, "502 5.5.2 Command not recognized\r\n")?,
        }
    }
}

fn send(conn: &mut BufReader<SslStream<TcpStream>>, text: &str) -> io::Result<()> {
    conn.get_mut().write_all(text.as_bytes())
}

/// One line without its ending; empty at the end of the stream.
fn read_line(conn: &mut BufReader<SslStream<TcpStream>>) -> io::Result<String> {
    let mut line = String::new();
    conn.read_line(&mut line)?;
    Ok(line.trim_end().to_owned())
}

fn decode(text: &str) -> String {
    String::from_utf8_lossy(&B64.decode(text.trim()).unwrap_or_default()).into_owned()
}

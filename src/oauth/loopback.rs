//! The loopback redirect (RFC 8252 §7.3): a listener on 127.0.0.1 (and on ::1 with the same
//! port where it is free, for a browser that resolves `localhost` to it) and a free port that
//! accepts exactly one redirect carrying our `state`, answers the browser with a page in the
//! UI's language, and closes. Another path (a browser's `/favicon.ico`) gets a 404 and the
//! wait goes on; a wrong `state` ends the sign-in; after the one redirect nothing listens.
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::Error;
use crate::fl;

/// How long one browser connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest request head read.
const MAX_HEAD: usize = 16 * 1024;
/// How often the wait looks at the clock and the cancel flag.
const POLL: Duration = Duration::from_millis(50);

/// A listener waiting for the one redirect.
#[derive(Debug)]
pub struct Loopback {
    listeners: Vec<TcpListener>,
    port: u16,
}

impl Loopback {
    /// Listens on 127.0.0.1 and a port the system picks.
    pub fn bind() -> Result<Loopback, Error> {
        let listen = |e: std::io::Error| Error::Listen(e.to_string());
        let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(listen)?;
        listener.set_nonblocking(true).map_err(listen)?;
        let port = listener.local_addr().map_err(listen)?.port();
        let mut listeners = vec![listener];
        // best effort: a machine without IPv6, or the port taken there, keeps IPv4 only
        if let Ok(v6) = TcpListener::bind(("::1", port))
            && v6.set_nonblocking(true).is_ok()
        {
            listeners.push(v6);
        }
        Ok(Loopback { listeners, port })
    }

    /// The redirect URI to register the request with, naming the loopback as `host`
    /// ("127.0.0.1", or "localhost" where the provider matches that name).
    pub fn redirect_uri(&self, host: &str) -> String {
        format!("http://{host}:{}/", self.port)
    }

    /// Waits for the redirect with `state`, at most `timeout`, until `cancel` is set; gives
    /// the authorization code. The listener is closed when this returns.
    pub fn wait(
        self,
        state: &str,
        timeout: Duration,
        cancel: &AtomicBool,
    ) -> Result<String, Error> {
        let deadline = Instant::now() + timeout;
        loop {
            if cancel.load(Ordering::SeqCst) {
                return Err(Error::Cancelled);
            }
            let mut idle = true;
            for listener in &self.listeners {
                match listener.accept() {
                    Ok((stream, _)) => {
                        idle = false;
                        if let Some(result) = answer(stream, state) {
                            return result;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(e) => return Err(Error::Listen(e.to_string())),
                }
            }
            if idle {
                if Instant::now() >= deadline {
                    return Err(Error::TimedOut);
                }
                std::thread::sleep(POLL);
            }
        }
    }
}

/// Handles one connection: `None` when it was not the redirect (keep waiting).
fn answer(mut stream: TcpStream, state: &str) -> Option<Result<String, Error>> {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let head = read_head(&mut stream)?;
    let target = head.split(' ').nth(1).unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path != "/" {
        respond(&mut stream, "404 Not Found", &fl!("oauth-page-failed"));
        return None;
    }
    let mut code = None;
    let mut got_state = None;
    let mut error = None;
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
        match k.as_ref() {
            "code" => code = Some(v.into_owned()),
            "state" => got_state = Some(v.into_owned()),
            "error" => error = Some(v.into_owned()),
            _ => {}
        }
    }
    let result = if got_state.as_deref() != Some(state) {
        tracing::warn!("a redirect with a state that is not ours was refused");
        Err(Error::WrongState)
    } else if let Some(error) = error {
        Err(Error::Denied(crate::text::safe_line_max(&error, 100)))
    } else if let Some(code) = code {
        Ok(code)
    } else {
        Err(Error::Denied(String::new()))
    };
    match &result {
        Ok(_) => respond(&mut stream, "200 OK", &fl!("oauth-page-done")),
        Err(_) => respond(&mut stream, "400 Bad Request", &fl!("oauth-page-failed")),
    }
    Some(result)
}

/// The request head, up to the empty line; `None` when the client sent none.
fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_HEAD {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let line = head.split(|&b| b == b'\n').next()?;
    let line = String::from_utf8_lossy(line).trim().to_owned();
    line.starts_with("GET ").then_some(line)
}

/// Answers with a small page saying `words`.
fn respond(stream: &mut TcpStream, status: &str, words: &str) {
    let lang = crate::i18n::current_language();
    let body = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>Postfach</title></head>\
         <body style=\"font-family:sans-serif;margin:3em\"><p>{}</p></body></html>",
        escape(words)
    );
    let answer = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(answer.as_bytes());
    let _ = stream.flush();
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
#[path = "loopback_tests.rs"]
mod tests;

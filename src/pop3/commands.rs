//! The RFC 1939 transaction commands: STAT, LIST, UIDL, RETR, TOP, DELE, RSET, NOOP, QUIT.
use tokio::io::{AsyncRead, AsyncWrite};

use super::client::Client;
use super::error::{Error, SessionState};
use super::response::ErrContext;
use crate::text::{safe_line, safe_line_max};

const TRANSACTION: &[SessionState] = &[SessionState::Transaction];

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Client<S> {
    /// `STAT`: number of messages and their total size in octets.
    pub async fn stat(&mut self) -> Result<(u32, u64), Error> {
        self.check("STAT", TRANSACTION)?;
        let text = self.simple("STAT", "STAT", ErrContext::Command).await?;
        let mut words = text.split_ascii_whitespace();
        let (count, octets) = match (
            words.next().and_then(|w| w.parse::<u32>().ok()),
            words.next().and_then(|w| w.parse::<u64>().ok()),
        ) {
            (Some(c), Some(o)) => (c, o),
            _ => return Err(bad("STAT", &text)),
        };
        self.check_count(count as usize)?;
        Ok((count, octets))
    }

    /// `LIST`: every message number with its size.
    pub async fn list(&mut self) -> Result<Vec<(u32, u64)>, Error> {
        self.check("LIST", TRANSACTION)?;
        self.simple("LIST", "LIST", ErrContext::Command).await?;
        let mut out = Vec::new();
        let max = self.conn.limits.max_messages;
        let r = self
            .conn
            .read_lines(max, |line| {
                tracing::trace!("S: {}", safe_line(&String::from_utf8_lossy(line)));
                out.push(parse_pair(line, "LIST").and_then(|(n, size)| {
                    let size = parse_size(size).ok_or_else(|| bad_bytes("LIST", line))?;
                    Ok((n, size))
                })?);
                Ok(())
            })
            .await;
        r.map_err(|e| self.fail(e))?;
        self.sizes.clear();
        for &(n, size) in &out {
            let Some(i) = (n as usize).checked_sub(1) else {
                continue;
            };
            if i < self.conn.limits.max_messages {
                if self.sizes.len() <= i {
                    self.sizes.resize(i + 1, 0);
                }
                self.sizes[i] = size;
            }
        }
        Ok(out)
    }

    /// `LIST n`: the size of one message.
    pub async fn list_one(&mut self, n: u32) -> Result<u64, Error> {
        self.check("LIST", TRANSACTION)?;
        let cmd = format!("LIST {n}");
        let text = self.simple(&cmd, &cmd, ErrContext::Command).await?;
        let (_, size) = parse_pair(text.as_bytes(), "LIST")?;
        parse_size(size).ok_or_else(|| bad("LIST", &text))
    }

    /// `UIDL`: every message number with its unique id.
    pub async fn uidl(&mut self) -> Result<Vec<(u32, String)>, Error> {
        self.check("UIDL", TRANSACTION)?;
        self.simple("UIDL", "UIDL", ErrContext::Command).await?;
        let mut out = Vec::new();
        let max = self.conn.limits.max_messages;
        let r = self
            .conn
            .read_lines(max, |line| {
                tracing::trace!("S: {}", safe_line(&String::from_utf8_lossy(line)));
                let (n, uid) = parse_pair(line, "UIDL")?;
                out.push((n, valid_uid(uid, line)?));
                Ok(())
            })
            .await;
        r.map_err(|e| self.fail(e))?;
        Ok(out)
    }

    /// `UIDL n`: the unique id of one message.
    pub async fn uidl_one(&mut self, n: u32) -> Result<String, Error> {
        self.check("UIDL", TRANSACTION)?;
        let cmd = format!("UIDL {n}");
        let text = self.simple(&cmd, &cmd, ErrContext::Command).await?;
        let (_, uid) = parse_pair(text.as_bytes(), "UIDL")?;
        valid_uid(uid, text.as_bytes())
    }

    /// `RETR n`: the message's exact bytes (line ends as received, dot-unstuffed, without
    /// the terminating `.` line).
    pub async fn retr(&mut self, n: u32) -> Result<Vec<u8>, Error> {
        self.check("RETR", TRANSACTION)?;
        let cmd = format!("RETR {n}");
        self.command(&cmd, &cmd).await?;
        self.message_reply(n).await?
    }

    /// `TOP n lines`: the header and the first `lines` body lines.
    pub async fn top(&mut self, n: u32, lines: u32) -> Result<Vec<u8>, Error> {
        self.check("TOP", TRANSACTION)?;
        let cmd = format!("TOP {n} {lines}");
        self.command(&cmd, &cmd).await?;
        self.message_reply(n).await?
    }

    /// `DELE n`: marks the message for deletion at `QUIT`.
    pub async fn dele(&mut self, n: u32) -> Result<(), Error> {
        self.check("DELE", TRANSACTION)?;
        let cmd = format!("DELE {n}");
        self.simple(&cmd, &cmd, ErrContext::Command).await?;
        Ok(())
    }

    /// `RSET`: unmarks every message marked for deletion.
    pub async fn rset(&mut self) -> Result<(), Error> {
        self.check("RSET", TRANSACTION)?;
        self.simple("RSET", "RSET", ErrContext::Command).await?;
        Ok(())
    }

    /// `NOOP`.
    pub async fn noop(&mut self) -> Result<(), Error> {
        self.check("NOOP", TRANSACTION)?;
        self.simple("NOOP", "NOOP", ErrContext::Command).await?;
        Ok(())
    }

    /// `QUIT`. In the transaction state this enters the update state: `Ok` means the server
    /// answered `+OK`, i.e. the deletions were committed. Anything else means they may not
    /// have been.
    pub async fn quit(mut self) -> Result<(), Error> {
        self.check(
            "QUIT",
            &[SessionState::Authorization, SessionState::Transaction],
        )?;
        if self.state == SessionState::Transaction {
            self.state = SessionState::Update;
        }
        self.simple("QUIT", "QUIT", ErrContext::Command).await?;
        self.shutdown().await;
        Ok(())
    }

    fn check_count(&self, count: usize) -> Result<(), Error> {
        if count > self.conn.limits.max_messages {
            return Err(Error::TooManyMessages(count));
        }
        Ok(())
    }
}

/// `n rest` from a LIST/UIDL line: the message number and the second word. Anything after
/// the second word is ignored (RFC 1939 allows more information there).
fn parse_pair<'a>(line: &'a [u8], what: &str) -> Result<(u32, &'a [u8]), Error> {
    let mut words = line
        .split(|b| *b == b' ' || *b == b'\t')
        .filter(|w| !w.is_empty());
    let n = words
        .next()
        .and_then(|w| std::str::from_utf8(w).ok())
        .and_then(|w| w.parse::<u32>().ok());
    match (n, words.next()) {
        (Some(n), Some(second)) if n > 0 => Ok((n, second)),
        _ => Err(bad_bytes(what, line)),
    }
}

fn parse_size(word: &[u8]) -> Option<u64> {
    std::str::from_utf8(word).ok()?.parse().ok()
}

/// A unique id: RFC 1939 says 1–70 characters 0x21–0x7E. We accept any UTF-8 without
/// controls or spaces (some servers are sloppy), but never alter it: a changed id would
/// make a message look new.
fn valid_uid(uid: &[u8], line: &[u8]) -> Result<String, Error> {
    match std::str::from_utf8(uid) {
        Ok(s) if !s.chars().any(char::is_control) => Ok(s.to_owned()),
        _ => Err(bad_bytes("UIDL", line)),
    }
}

fn bad(what: &str, text: &str) -> Error {
    Error::Protocol(format!(
        "malformed {what} reply: {:?}",
        safe_line_max(text, 80)
    ))
}

fn bad_bytes(what: &str, line: &[u8]) -> Error {
    bad(what, &String::from_utf8_lossy(line))
}

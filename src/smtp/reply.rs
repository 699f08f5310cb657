//! Replies (RFC 5321 §4.2): read line by line under every bound, then parsed with
//! `smtp-proto`. A reply is bounded in line length, line count and total size; the deadline
//! for a whole reply is the caller's.
use std::fmt;

use smtp_proto::response::parser::ResponseReceiver;
use tokio::io::{AsyncRead, AsyncReadExt};

use super::error::Error;

/// Bounds for one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Longest reply line, without its line end (RFC 5321 says 512 octets; servers exceed it).
    pub max_line: usize,
    /// Most lines in one multi-line reply.
    pub max_lines: usize,
    /// Most bytes in one reply.
    pub max_reply: usize,
    /// Deadline for the TCP connection and for the TLS handshake.
    pub connect_timeout: std::time::Duration,
    /// Deadline for a reply (and for each write of a command or a part of the message).
    pub reply_timeout: std::time::Duration,
    /// Deadline for the reply to the final dot (RFC 5321 §4.5.3.2.6: 10 minutes): the server
    /// may scan the message before it answers.
    pub data_end_timeout: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Self {
        use std::time::Duration;
        Limits {
            max_line: 4096,
            max_lines: 512,
            max_reply: 64 * 1024,
            connect_timeout: Duration::from_secs(30),
            reply_timeout: Duration::from_secs(60),
            data_end_timeout: Duration::from_secs(600),
        }
    }
}

/// A server's reply: its code, the enhanced status code (RFC 3463) when it gave one, and its
/// text, made safe to show (one line; the lines of a multi-line reply joined by spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The three-digit code.
    pub code: u16,
    /// The enhanced status code, e.g. `[5, 7, 1]` for 5.7.1.
    pub enhanced: Option<[u8; 3]>,
    /// The text, sanitised by `crate::text::safe_line`.
    pub text: String,
    /// Each line's text as the server sent it (for EHLO keywords; never shown).
    pub(crate) lines: Vec<String>,
}

impl Reply {
    /// 2xx.
    pub fn is_positive(&self) -> bool {
        (200..300).contains(&self.code)
    }

    /// 4xx: the server may accept the same later.
    pub fn is_temporary(&self) -> bool {
        (400..500).contains(&self.code)
    }

    /// The enhanced status code as text (`5.7.1`), if any.
    pub fn enhanced_text(&self) -> Option<String> {
        self.enhanced.map(|[a, b, c]| format!("{a}.{b}.{c}"))
    }
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(esc) = self.enhanced_text() {
            write!(f, " {esc}")?;
        }
        if !self.text.is_empty() {
            write!(f, " {}", self.text)?;
        }
        Ok(())
    }
}

/// Reads lines from a stream under `Limits`, keeping what the server sent beyond the current
/// reply (so that bytes sent ahead of a TLS upgrade can be refused).
#[derive(Debug)]
pub(crate) struct Reader<S> {
    stream: S,
    buf: Vec<u8>,
    start: usize,
    pub(crate) limits: Limits,
}

impl<S: AsyncRead + Unpin> Reader<S> {
    pub(crate) fn new(stream: S, limits: Limits) -> Self {
        Reader {
            stream,
            buf: Vec::with_capacity(1024),
            start: 0,
            limits,
        }
    }

    pub(crate) fn stream_mut(&mut self) -> &mut S {
        &mut self.stream
    }

    /// Bytes read but not yet used.
    pub(crate) fn buffered(&self) -> usize {
        self.buf.len() - self.start
    }

    pub(crate) fn into_inner(self) -> S {
        self.stream
    }

    /// One reply, all its lines (without line ends), bounded by `Limits`. No deadline here.
    pub(crate) async fn read_reply(&mut self) -> Result<Reply, Error> {
        let mut raw = Vec::new();
        let mut total = 0;
        loop {
            let line = self.read_line().await?;
            total += line.len() + 2;
            if raw.len() >= self.limits.max_lines || total > self.limits.max_reply {
                return Err(Error::ReplyTooLong);
            }
            let last = line.get(3) != Some(&b'-');
            raw.push(line);
            if last {
                return parse(&raw);
            }
        }
    }

    async fn read_line(&mut self) -> Result<Vec<u8>, Error> {
        let mut searched = 0;
        loop {
            let pending = &self.buf[self.start..];
            if let Some(at) = memchr::memchr(b'\n', &pending[searched..]) {
                let end = searched + at;
                let mut line = pending[..end].to_vec();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                self.start += end + 1;
                if line.len() > self.limits.max_line {
                    return Err(Error::LineTooLong);
                }
                return Ok(line);
            }
            searched = pending.len();
            if searched > self.limits.max_line + 1 {
                return Err(Error::LineTooLong);
            }
            if self.start > 0 {
                let _ = self.buf.drain(..self.start);
                self.start = 0;
            }
            let mut chunk = [0u8; 4096];
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(Error::Closed);
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

/// One reply from its lines: every line `NNN-text`, the last `NNN text` (or just `NNN`), all
/// with the same code. Each line goes through smtp-proto's reply grammar on its own, so a
/// reply of any allowed length parses (its receiver keeps at most 4 KiB per reply).
pub(crate) fn parse(raw: &[Vec<u8>]) -> Result<Reply, Error> {
    let mut code = None;
    let mut enhanced = None;
    let mut lines = Vec::with_capacity(raw.len());
    for (i, line) in raw.iter().enumerate() {
        let bad = || Error::Protocol(format!("malformed reply line {}", i + 1));
        if line.len() < 3 || !line[..3].iter().all(u8::is_ascii_digit) {
            return Err(bad());
        }
        let mut single = line.clone();
        match single.get(3) {
            None => single.push(b' '),
            Some(b' ' | b'-') => single[3] = b' ',
            Some(_) => return Err(bad()),
        }
        single.extend_from_slice(b"\r\n");
        let parsed = ResponseReceiver::default()
            .parse(&mut single.iter())
            .map_err(|_| bad())?;
        if !(200..600).contains(&parsed.code) || code.is_some_and(|c| c != parsed.code) {
            return Err(bad());
        }
        code = Some(parsed.code);
        if i == 0 && parsed.esc[0] != 0 {
            enhanced = Some(parsed.esc);
        }
        lines.push(parsed.message.trim_end().to_owned());
    }
    let code = code.ok_or_else(|| Error::Protocol("empty reply".into()))?;
    let text = crate::text::safe_line(&lines.join(" "));
    Ok(Reply {
        code,
        enhanced,
        text,
        lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(text: &str) -> Result<Reply, Error> {
        let raw: Vec<Vec<u8>> = text.lines().map(|l| l.as_bytes().to_vec()).collect();
        parse(&raw)
    }

    #[test]
    fn single_and_multi_line_replies() {
        let r = reply("250 2.0.0 Ok: queued as 4Zx1Ab").unwrap();
        assert_eq!(r.code, 250);
        assert_eq!(r.enhanced, Some([2, 0, 0]));
        assert_eq!(r.text, "Ok: queued as 4Zx1Ab");
        assert!(r.is_positive());

        let r = reply(
            "534-5.7.9 Application-specific password required. For more information, go to\n\
             534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor",
        )
        .unwrap();
        assert_eq!(r.code, 534);
        assert_eq!(r.enhanced_text().as_deref(), Some("5.7.9"));
        assert!(
            r.text
                .starts_with("Application-specific password required.")
        );
        assert!(r.text.contains("support.google.com"));

        let r = reply("354 End data with <CR><LF>.<CR><LF>").unwrap();
        assert_eq!((r.code, r.enhanced), (354, None));
        let r = reply("421").unwrap();
        assert!(r.is_temporary() && r.text.is_empty());
    }

    #[test]
    fn malformed_replies_are_refused() {
        for bad in [
            "",
            "25 short",
            "abc text",
            "250_x",
            "250-first\n251 second",
            "999 out of range",
            "150 not SMTP",
        ] {
            assert!(
                matches!(reply(bad), Err(Error::Protocol(_))),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn server_text_is_made_safe() {
        let r = reply("550 5.7.1 evil\u{1b}[31m \u{202e}text").unwrap();
        assert!(
            !r.text.contains('\u{1b}') && !r.text.contains('\u{202e}'),
            "{}",
            r.text
        );
    }

    #[tokio::test]
    async fn the_reader_bounds_lines_count_and_size() {
        let limits = Limits {
            max_line: 16,
            max_lines: 3,
            max_reply: 40,
            ..Limits::default()
        };
        let read = |bytes: &'static [u8]| {
            let limits = limits.clone();
            async move { Reader::new(bytes, limits).read_reply().await }
        };
        assert!(read(b"250 ok\r\n").await.is_ok());
        assert!(matches!(
            read(b"250 this line is far too long\r\n").await,
            Err(Error::LineTooLong)
        ));
        assert!(matches!(
            read(b"250-a\r\n250-b\r\n250-c\r\n250 d\r\n").await,
            Err(Error::ReplyTooLong)
        ));
        assert!(matches!(read(b"250-a\r\n").await, Err(Error::Closed)));
        let mut reader = Reader::new(&b"220 go ahead\r\n250 fake\r\n"[..], limits);
        assert_eq!(reader.read_reply().await.unwrap().code, 220);
        assert_eq!(reader.buffered(), 10);
    }
}

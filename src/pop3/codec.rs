//! The wire: buffered reading of lines and multi-line responses, dot-unstuffing, and every
//! bound (line length, message size, deadlines) in one place.
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::{Instant, timeout, timeout_at};

use super::error::Error;

/// Bounds that keep a broken or hostile server from hanging us or eating memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Longest protocol line (status lines, LIST/UIDL/CAPA entries), without its line end.
    /// RFC 1939 says 512; servers exceed it. Lines inside a message body are bounded by
    /// `max_message_size` instead, so long body lines never make a message unfetchable.
    pub max_line: usize,
    /// Largest message RETR/TOP will return.
    pub max_message_size: u64,
    /// Most messages STAT/LIST/UIDL may report.
    pub max_messages: usize,
    /// Deadline for the TCP connect and the TLS handshake.
    pub connect_timeout: Duration,
    /// Deadline for a whole single-line response and the first line of a multi-line one;
    /// also the longest silence while a multi-line body is transferred.
    pub response_timeout: Duration,
    /// Bytes per second a multi-line body must keep on average after its first line
    /// (after a grace period of `response_timeout`). 0 disables the rate check.
    pub min_transfer_rate: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_line: 8 * 1024,
            max_message_size: 256 * 1024 * 1024,
            max_messages: 1_000_000,
            connect_timeout: Duration::from_secs(30),
            response_timeout: Duration::from_secs(60),
            min_transfer_rate: 1024,
        }
    }
}

/// How long a read may wait.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Deadline {
    /// A fixed point in time.
    Fixed(Instant),
    /// A multi-line transfer: each read waits at most `idle`, and after `start + idle` the
    /// data must arrive at `min_rate` bytes per second on average.
    Rate {
        start: Instant,
        start_received: u64,
        idle: Duration,
        min_rate: u64,
    },
}

impl Deadline {
    fn at(&self, received: u64) -> Instant {
        match *self {
            Deadline::Fixed(at) => at,
            Deadline::Rate {
                start,
                start_received,
                idle,
                min_rate,
            } => {
                let idle_at = Instant::now() + idle;
                if min_rate == 0 {
                    return idle_at;
                }
                let bytes = received.saturating_sub(start_received);
                let allowed = Duration::from_secs_f64(bytes as f64 / min_rate as f64);
                idle_at.min(start + idle + allowed)
            }
        }
    }
}

/// The end of a body transfer that did not break the connection.
pub(crate) type BodyResult = Result<(), Error>;

const READ_CHUNK: usize = 64 * 1024;

/// A buffered POP3 connection over any stream.
pub(crate) struct Conn<S> {
    stream: S,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    received: u64,
    pub(crate) limits: Limits,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Conn<S> {
    pub(crate) fn new(stream: S, limits: Limits) -> Self {
        let size = READ_CHUNK.max(limits.max_line.saturating_add(2));
        Conn {
            stream,
            buf: vec![0; size],
            pos: 0,
            end: 0,
            received: 0,
            limits,
        }
    }

    /// Bytes received but not consumed yet.
    pub(crate) fn buffered(&self) -> usize {
        self.end - self.pos
    }

    /// The stream, for the TLS upgrade. Callers check `buffered() == 0` first.
    pub(crate) fn into_inner(self) -> S {
        self.stream
    }

    /// A deadline `response_timeout` from now.
    pub(crate) fn response_deadline(&self) -> Deadline {
        Deadline::Fixed(Instant::now() + self.limits.response_timeout)
    }

    /// The rate-based deadline for the rest of a multi-line response, starting now.
    pub(crate) fn transfer_deadline(&self) -> Deadline {
        Deadline::Rate {
            start: Instant::now(),
            start_received: self.received,
            idle: self.limits.response_timeout,
            min_rate: self.limits.min_transfer_rate,
        }
    }

    /// Sends bytes (one or more complete command lines).
    pub(crate) async fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let stream = &mut self.stream;
        timeout(self.limits.response_timeout, async move {
            stream.write_all(bytes).await?;
            stream.flush().await
        })
        .await
        .map_err(|_| Error::Timeout("sending a command"))??;
        Ok(())
    }

    /// Reads more bytes into the buffer, keeping what is unconsumed.
    async fn fill(&mut self, deadline: Deadline, what: &'static str) -> Result<(), Error> {
        if self.pos == self.end {
            self.pos = 0;
            self.end = 0;
        } else if self.pos > 0 && self.buf.len() - self.end < READ_CHUNK / 4 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            let bigger = self.buf.len() * 2;
            self.buf.resize(bigger, 0);
        }
        let at = deadline.at(self.received);
        let n = timeout_at(at, self.stream.read(&mut self.buf[self.end..]))
            .await
            .map_err(|_| Error::Timeout(what))??;
        if n == 0 {
            return Err(Error::Closed);
        }
        self.end += n;
        self.received += n as u64;
        Ok(())
    }

    /// One protocol line without its line end (CRLF or a bare LF), at most `max_line` bytes.
    pub(crate) async fn read_line(
        &mut self,
        deadline: Deadline,
        what: &'static str,
    ) -> Result<Vec<u8>, Error> {
        loop {
            let avail = &self.buf[self.pos..self.end];
            if let Some(i) = avail.iter().position(|&b| b == b'\n') {
                let mut line = &avail[..i];
                if let Some(stripped) = line.strip_suffix(b"\r") {
                    line = stripped;
                }
                if line.len() > self.limits.max_line {
                    return Err(Error::LineTooLong);
                }
                let line = line.to_vec();
                self.pos += i + 1;
                return Ok(line);
            }
            if avail.len() > self.limits.max_line + 1 {
                return Err(Error::LineTooLong);
            }
            self.fill(deadline, what).await?;
        }
    }

    /// The lines of a multi-line response after its `+OK` line, dot-unstuffed, without the
    /// terminator. Stops with `TooManyMessages` after `max_lines` lines.
    pub(crate) async fn read_lines(
        &mut self,
        max_lines: usize,
        mut each: impl FnMut(&[u8]) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let deadline = self.transfer_deadline();
        let mut count = 0usize;
        loop {
            let line = self.read_line(deadline, "a listing").await?;
            let line = match line.strip_prefix(b".") {
                Some([]) => return Ok(()),
                Some(rest) => rest,
                None => &line[..],
            };
            count += 1;
            if count > max_lines {
                return Err(Error::TooManyMessages(count));
            }
            each(line)?;
        }
    }

    /// The body of a multi-line response after its `+OK` line, appended to `out`: the exact
    /// bytes with their line ends as received (CRLF, or a bare LF from a broken server),
    /// dot-unstuffed, without the terminating `.` line.
    ///
    /// The outer error means the connection is unusable. The inner one is a body that was
    /// larger than `limit`: it was read to its end and discarded (up to `limit` bytes more;
    /// beyond that the connection is given up), so the session can go on.
    pub(crate) async fn read_body(
        &mut self,
        out: &mut Vec<u8>,
        limit: u64,
    ) -> Result<BodyResult, Error> {
        let deadline = self.transfer_deadline();
        let mut at_line_start = true;
        let mut total: u64 = 0;
        let drain_limit = limit.saturating_mul(2).max(limit.saturating_add(1 << 20));
        loop {
            if self.scan_body(out, limit, &mut at_line_start, &mut total) {
                return Ok(if total > limit {
                    out.clear();
                    Err(Error::MessageTooLarge { size: total, limit })
                } else {
                    Ok(())
                });
            }
            if total > drain_limit {
                out.clear();
                return Err(Error::MessageTooLarge { size: total, limit });
            }
            self.fill(deadline, "message data").await?;
        }
    }

    /// Consumes what is buffered of a body. Returns true when the terminator was consumed.
    fn scan_body(
        &mut self,
        out: &mut Vec<u8>,
        limit: u64,
        at_line_start: &mut bool,
        total: &mut u64,
    ) -> bool {
        let buf = &self.buf[..self.end];
        let mut pos = self.pos;
        let mut done = false;
        while pos < buf.len() {
            if *at_line_start {
                if buf[pos] == b'.' {
                    // ".\r\n" or ".\n" ends the body; any other leading dot is stuffing.
                    match (buf.get(pos + 1), buf.get(pos + 2)) {
                        (None, _) | (Some(b'\r'), None) => break,
                        (Some(b'\n'), _) => {
                            pos += 2;
                            done = true;
                            break;
                        }
                        (Some(b'\r'), Some(b'\n')) => {
                            pos += 3;
                            done = true;
                            break;
                        }
                        _ => pos += 1,
                    }
                }
                *at_line_start = false;
                continue;
            }
            // Everything up to the next line that starts with a dot is body as it is: copy it
            // in one go (a dot at a line start is stuffing or the terminator, handled above).
            let rest = &buf[pos..];
            let (take, eol) = match memchr::memmem::find(rest, b"\n.") {
                Some(i) => (i + 1, true),
                None => (rest.len(), rest.last() == Some(&b'\n')),
            };
            *total += take as u64;
            if *total <= limit {
                out.extend_from_slice(&rest[..take]);
            } else if !out.is_empty() {
                out.clear();
            }
            pos += take;
            *at_line_start = eol;
        }
        self.pos = pos;
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncWriteExt, DuplexStream, duplex};

    fn conn_with(data: &'static [u8], limits: Limits) -> Conn<DuplexStream> {
        let (client, mut server) = duplex(1 << 16);
        tokio::spawn(async move {
            let _ = server.write_all(data).await;
            // Keep the server end open a little so "closed" only comes after the data.
            tokio::time::sleep(Duration::from_millis(50)).await;
        });
        Conn::new(client, limits)
    }

    async fn body(data: &'static [u8]) -> Result<Result<Vec<u8>, Error>, Error> {
        let mut conn = conn_with(data, Limits::default());
        let mut out = Vec::new();
        let r = conn.read_body(&mut out, 1 << 20).await?;
        assert_eq!(conn.buffered(), 0);
        Ok(r.map(|()| out))
    }

    async fn body_bytes(data: &'static [u8]) -> Vec<u8> {
        match body(data).await {
            Ok(Ok(out)) => out,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn dot_unstuffing_and_exact_bytes() {
        assert_eq!(
            body_bytes(b"a\r\n..b\r\n...\r\n\r\n.\r\n").await,
            b"a\r\n.b\r\n..\r\n\r\n"
        );
        // A body line that is exactly "." after unstuffing.
        assert_eq!(
            body_bytes(b"x\r\n..\r\ny\r\n.\r\n").await,
            b"x\r\n.\r\ny\r\n"
        );
        // Empty body.
        assert_eq!(body_bytes(b".\r\n").await, b"");
        // A leading dot that is not followed by another dot is still stuffing.
        assert_eq!(body_bytes(b".x\r\n.\r\n").await, b"x\r\n");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn unstuffing_holds_whatever_the_read_sizes() {
        // Tiny pipes split the stream everywhere: between "\n" and ".", inside ".\r\n", …
        let wire: &[u8] = b"..a\r\nb.\r\n..\r\n\r\n\n...c\nd\r\n..\n.\r\n+OK\r\n";
        let expected: &[u8] = b".a\r\nb.\r\n.\r\n\r\n\n..c\nd\r\n.\n";
        for capacity in 1..=9 {
            let (client, mut server) = duplex(capacity);
            tokio::spawn(async move {
                let _ = server.write_all(wire).await;
                tokio::time::sleep(Duration::from_millis(50)).await;
            });
            let mut conn = Conn::new(client, Limits::default());
            let mut out = Vec::new();
            assert!(matches!(
                conn.read_body(&mut out, 1 << 20).await,
                Ok(Ok(()))
            ));
            assert_eq!(out, expected, "capacity {capacity}");
            let line = conn.read_line(conn.response_deadline(), "x").await;
            assert_eq!(line.ok().as_deref(), Some(&b"+OK"[..]));
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn bare_lf_is_kept_and_ends_the_body() {
        assert_eq!(body_bytes(b"a\nb\r\nc\n.\n").await, b"a\nb\r\nc\n");
        assert_eq!(body_bytes(b"a\n..\n.\r\n").await, b"a\n.\n");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn final_line_without_crlf_gets_the_terminators_crlf() {
        // A message whose last line had no line end is sent with one before the ".": the
        // CRLF belongs to the body we return, the ".\r\n" does not.
        assert_eq!(body_bytes(b"last line\r\n.\r\n").await, b"last line\r\n");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn stop_mid_body_is_closed() {
        assert!(matches!(body(b"abc\r\ndef").await, Err(Error::Closed)));
        // Terminator without its line end, then EOF.
        assert!(matches!(body(b"abc\r\n.").await, Err(Error::Closed)));
        assert!(matches!(body(b"abc\r\n.\r").await, Err(Error::Closed)));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn bytes_after_terminator_stay_buffered() {
        let mut conn = conn_with(b"a\r\n.\r\n+OK next\r\n", Limits::default());
        let mut out = Vec::new();
        assert!(matches!(conn.read_body(&mut out, 100).await, Ok(Ok(()))));
        assert_eq!(out, b"a\r\n");
        let line = conn.read_line(conn.response_deadline(), "x").await;
        assert_eq!(line.ok().as_deref(), Some(&b"+OK next"[..]));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn too_large_body_is_drained_and_session_survives() {
        let mut conn = conn_with(
            b"0123456789\r\n0123456789\r\n.\r\n+OK\r\n",
            Limits::default(),
        );
        let mut out = Vec::new();
        let r = conn.read_body(&mut out, 15).await;
        assert!(matches!(
            r,
            Ok(Err(Error::MessageTooLarge {
                size: 24,
                limit: 15
            }))
        ));
        assert!(out.is_empty());
        let line = conn.read_line(conn.response_deadline(), "x").await;
        assert_eq!(line.ok().as_deref(), Some(&b"+OK"[..]));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn endless_body_is_given_up() {
        let (client, mut server) = duplex(1 << 16);
        tokio::spawn(async move {
            let line = [b'x'; 1000];
            while server.write_all(&line).await.is_ok() {}
        });
        let mut conn = Conn::new(client, Limits::default());
        let mut out = Vec::new();
        let r = conn.read_body(&mut out, 10_000).await;
        assert!(matches!(r, Err(Error::MessageTooLarge { .. })));
        assert!(out.is_empty());
    }

    #[tokio::test(flavor = "current_thread")]
    async fn over_long_line_is_an_error() {
        let limits = Limits {
            max_line: 10,
            ..Limits::default()
        };
        let mut conn = conn_with(b"+OK 0123456789 too long\r\n", limits.clone());
        let r = conn.read_line(conn.response_deadline(), "x").await;
        assert!(matches!(r, Err(Error::LineTooLong)));
        // Without a line end at all the bound still holds.
        let mut conn = conn_with(&[b'a'; 100], limits.clone());
        let r = conn.read_line(conn.response_deadline(), "x").await;
        assert!(matches!(r, Err(Error::LineTooLong)));
        // Exactly at the limit is fine, CRLF and bare LF alike.
        let mut conn = conn_with(b"0123456789\r\n0123456789\n", limits);
        for _ in 0..2 {
            let r = conn.read_line(conn.response_deadline(), "x").await;
            assert_eq!(r.ok().as_deref(), Some(&b"0123456789"[..]));
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn listing_lines_are_unstuffed_and_counted() {
        let mut conn = conn_with(b"1 a\r\n..2\r\n.\r\n", Limits::default());
        let mut lines = Vec::new();
        let r = conn
            .read_lines(10, |l| {
                lines.push(l.to_vec());
                Ok(())
            })
            .await;
        assert!(r.is_ok());
        assert_eq!(lines, [b"1 a".to_vec(), b".2".to_vec()]);

        let mut conn = conn_with(b"1 a\r\n2 b\r\n3 c\r\n.\r\n", Limits::default());
        let r = conn.read_lines(2, |_| Ok(())).await;
        assert!(matches!(r, Err(Error::TooManyMessages(3))));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn trickling_line_hits_the_deadline() {
        let (client, mut server) = duplex(1 << 16);
        tokio::spawn(async move {
            for b in b"+OK this takes forever\r\n" {
                if server.write_all(&[*b]).await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(40)).await;
            }
        });
        let limits = Limits {
            response_timeout: Duration::from_millis(300),
            ..Limits::default()
        };
        let mut conn = Conn::new(client, limits);
        let r = conn.read_line(conn.response_deadline(), "a response").await;
        assert!(matches!(r, Err(Error::Timeout("a response"))));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn trickling_body_falls_below_the_rate() {
        let (client, mut server) = duplex(1 << 16);
        tokio::spawn(async move {
            // Every read gets data well within the idle timeout, but far below 1 KiB/s.
            loop {
                if server.write_all(b"ab\r\n").await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
        let limits = Limits {
            response_timeout: Duration::from_millis(300),
            min_transfer_rate: 1024,
            ..Limits::default()
        };
        let mut conn = Conn::new(client, limits);
        let mut out = Vec::new();
        let r = conn.read_body(&mut out, 1 << 20).await;
        assert!(matches!(r, Err(Error::Timeout("message data"))));
    }
}

//! One message: `MAIL FROM`, one `RCPT TO` per recipient, `DATA` with the caller's exact bytes
//! (line ends made CRLF, dot-stuffed), and an outcome that tells "refused", "accepted" and
//! "unknown" apart, so a message is never sent twice without the user knowing.
use tokio::io::{AsyncRead, AsyncWrite};

use super::client::Client;
use super::error::{Error, Stage};
use super::reply::Reply;

/// Who the message is from and to, as the server sees it (the header fields are in the
/// message; Bcc recipients are only here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The sender address (without `<>`).
    pub from: String,
    /// The recipient addresses (without `<>`).
    pub to: Vec<String>,
}

/// A recipient the server refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The address.
    pub address: String,
    /// The server's reply (4xx: may work later; 5xx: will not).
    pub reply: Reply,
}

/// What became of a message.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The server took responsibility for the message (250 after the final dot).
    Accepted {
        /// The reply, with the queue id in its text.
        reply: Reply,
        /// Recipients refused while others were accepted.
        refused: Vec<Refused>,
    },
    /// The message was not sent: refused, or a failure before the final dot. A temporary
    /// error (`error.is_transient()`) may succeed later.
    NotSent {
        /// Why.
        error: Error,
        /// Recipients refused on the way (all of them, when that was the reason).
        refused: Vec<Refused>,
    },
    /// The final dot was sent but no reply came (the connection broke or the deadline
    /// passed): the server may have taken the message. Never resend it silently.
    Unknown {
        /// What happened after the dot.
        error: Error,
    },
}

impl Outcome {
    /// Whether the server took the message.
    pub fn is_accepted(&self) -> bool {
        matches!(self, Outcome::Accepted { .. })
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Client<S> {
    /// Submits `message` (the exact bytes of the message; line ends are made CRLF and lines
    /// starting with a dot are stuffed, nothing else is changed) to the envelope's recipients.
    pub async fn send(&mut self, envelope: &Envelope, message: &[u8]) -> Outcome {
        self.send_with(envelope, message, async || Ok(())).await
    }

    /// [`Client::send`], calling `before_dot` when everything but the final dot is sent: the
    /// moment after which the server may have the message. A caller records there, durably,
    /// that the message may be sent, so that a crash afterwards is never followed by a silent
    /// second copy. When `before_dot` fails, the dot is not sent and the connection must be
    /// dropped (the outcome is [`Error::Aborted`]; the server discards the unfinished message).
    pub async fn send_with<F>(
        &mut self,
        envelope: &Envelope,
        message: &[u8],
        before_dot: F,
    ) -> Outcome
    where
        F: AsyncFnOnce() -> Result<(), String>,
    {
        let mut refused = Vec::new();
        match self
            .transaction(envelope, message, before_dot, &mut refused)
            .await
        {
            Ok(Ok(reply)) => Outcome::Accepted { reply, refused },
            Ok(Err(error)) => Outcome::Unknown { error },
            Err(error) => Outcome::NotSent { error, refused },
        }
    }

    /// The outer `Err`: not sent; the inner one: what happened after the final dot.
    async fn transaction<F>(
        &mut self,
        envelope: &Envelope,
        message: &[u8],
        before_dot: F,
        refused: &mut Vec<Refused>,
    ) -> Result<Result<Reply, Error>, Error>
    where
        F: AsyncFnOnce() -> Result<(), String>,
    {
        let data = transparent(message);
        let mail = self.mail_from(envelope, message, data.len() as u64)?;
        let reply = self.call(&mail, &mail, "the MAIL FROM reply").await?;
        if reply.code != 250 {
            return Err(Error::Rejected {
                stage: Stage::MailFrom,
                reply,
            });
        }
        let mut accepted = 0;
        for address in &envelope.to {
            let line = format!("RCPT TO:<{address}>");
            let reply = self.call(&line, &line, "the RCPT TO reply").await?;
            if matches!(reply.code, 250 | 251) {
                accepted += 1;
            } else {
                tracing::debug!("recipient refused: {reply}");
                refused.push(Refused {
                    address: address.clone(),
                    reply,
                });
            }
        }
        if accepted == 0 {
            // Temporary when any refusal was: the others may be tried again with it.
            let worst = refused
                .iter()
                .find(|r| r.reply.is_temporary())
                .or(refused.first())
                .map(|r| r.reply.clone());
            self.reset().await;
            return Err(match worst {
                Some(reply) => Error::Rejected {
                    stage: Stage::RcptTo,
                    reply,
                },
                None => Error::InvalidEnvelope("no recipients"),
            });
        }
        let reply = self.call("DATA", "DATA", "the DATA reply").await?;
        if reply.code != 354 {
            return Err(Error::Rejected {
                stage: Stage::Data,
                reply,
            });
        }
        tracing::trace!("C: <message, {} bytes>", data.len());
        let (body, dot) = data.split_at(data.len() - DOT.len());
        for chunk in body.chunks(64 * 1024) {
            self.write(chunk, "sending the message").await?;
        }
        before_dot().await.map_err(Error::Aborted)?;
        // From here on the server may have the message: every failure is "unknown".
        if let Err(e) = self.write(dot, "ending the message").await {
            return Ok(Err(e));
        }
        let deadline = self.reader.limits.data_end_timeout;
        Ok(
            match self
                .reply_within(deadline, "the reply to the message")
                .await
            {
                Ok(reply) if reply.code == 250 => Ok(reply),
                Ok(reply) => {
                    return Err(Error::Rejected {
                        stage: Stage::Message,
                        reply,
                    });
                }
                Err(e) => Err(e),
            },
        )
    }

    /// The `MAIL FROM` line: `SIZE=` when offered, `BODY=8BITMIME` and `SMTPUTF8` only when
    /// the server offers them and the message or the addresses need them. Refuses, before
    /// anything is sent, what the server announced it cannot take.
    fn mail_from(&self, envelope: &Envelope, message: &[u8], size: u64) -> Result<String, Error> {
        let addresses = std::iter::once(&envelope.from).chain(&envelope.to);
        let mut utf8 = false;
        for address in addresses {
            if address
                .chars()
                .any(|c| c.is_control() || matches!(c, '<' | '>' | ' '))
            {
                return Err(Error::InvalidEnvelope(
                    "an address holds a space, <, > or a control character",
                ));
            }
            utf8 |= !address.is_ascii();
        }
        if envelope.to.is_empty() {
            return Err(Error::InvalidEnvelope("no recipients"));
        }
        let caps = &self.caps;
        let mut line = format!("MAIL FROM:<{}>", envelope.from);
        if let Some(limit) = caps.size {
            if limit > 0 && size > limit {
                return Err(Error::TooLarge { size, limit });
            }
            line.push_str(&format!(" SIZE={size}"));
        }
        if caps.eight_bit_mime && !message.is_ascii() {
            line.push_str(" BODY=8BITMIME");
        }
        if utf8 {
            if !caps.smtputf8 {
                return Err(Error::Utf8Unsupported);
            }
            line.push_str(" SMTPUTF8");
        }
        Ok(line)
    }

    /// `RSET` after a transaction that went nowhere; its answer does not matter.
    async fn reset(&mut self) {
        if let Err(e) = self.call("RSET", "RSET", "the RSET reply").await {
            tracing::debug!("RSET failed: {e}");
        }
    }
}

/// The end of the data: the final dot line.
const DOT: &[u8] = b".\r\n";

/// The message as DATA transmits it (RFC 5321 §4.5.2): every line end CRLF (bare CR and bare
/// LF become CRLF), a dot doubled at the start of a line, a final line end if missing, and
/// the ending `.CRLF`.
pub fn transparent(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + message.len() / 64 + 5);
    let mut line_start = true;
    let mut bytes = message.iter().copied().peekable();
    while let Some(b) = bytes.next() {
        if line_start && b == b'.' {
            out.push(b'.');
        }
        match b {
            b'\r' | b'\n' => {
                if b == b'\r' && bytes.peek() == Some(&b'\n') {
                    let _ = bytes.next();
                }
                out.extend_from_slice(b"\r\n");
                line_start = true;
            }
            _ => {
                out.push(b);
                line_start = false;
            }
        }
    }
    if !line_start {
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(DOT);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_are_stuffed_and_line_ends_made_crlf() {
        assert_eq!(transparent(b"a\r\n.b\r\n"), b"a\r\n..b\r\n.\r\n");
        assert_eq!(transparent(b".\r\n"), b"..\r\n.\r\n");
        assert_eq!(transparent(b"a\nb\rc"), b"a\r\nb\r\nc\r\n.\r\n");
        assert_eq!(transparent(b"x\n\n.y"), b"x\r\n\r\n..y\r\n.\r\n");
        assert_eq!(transparent(b"a.b\r\n"), b"a.b\r\n.\r\n");
        assert_eq!(transparent(b""), b".\r\n");
        assert_eq!(transparent("ä\r\n".as_bytes()), "ä\r\n.\r\n".as_bytes());
    }
}

//! The session (RFC 5321): greeting, EHLO, commands and replies under deadlines, STARTTLS's
//! hand-over, QUIT. Generic over the stream so tests can run it over anything.
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::time::timeout;

use super::capabilities::Capabilities;
use super::error::{Error, Stage};
use super::reply::{Limits, Reader, Reply};

/// An SMTP session.
#[derive(Debug)]
pub struct Client<S> {
    pub(crate) reader: Reader<S>,
    pub(crate) caps: Capabilities,
    /// The name given in EHLO: an address literal, never this machine's host name.
    pub(crate) ehlo_name: String,
    /// Whether the connection is encrypted (chooses the automatic SASL order).
    pub(crate) encrypted: bool,
    /// Host and port, for OAUTHBEARER.
    pub(crate) server: Option<(String, u16)>,
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Client<S> {
    /// Reads the greeting (`220`) and says EHLO. `ehlo_name` is what the client calls itself:
    /// an address literal such as `[127.0.0.1]` (see `connect::ehlo_name`).
    pub async fn new(stream: S, limits: Limits, ehlo_name: String) -> Result<Self, Error> {
        let mut client = Client::on_stream(stream, limits, ehlo_name);
        let greeting = client.reply("the greeting").await?;
        if greeting.code != 220 {
            return Err(Error::Rejected {
                stage: Stage::Greeting,
                reply: greeting,
            });
        }
        client.ehlo().await?;
        Ok(client)
    }

    /// A session on a stream where the greeting is not expected (after STARTTLS); nothing is
    /// known about the server until [`Client::ehlo`].
    pub(crate) fn on_stream(stream: S, limits: Limits, ehlo_name: String) -> Self {
        Client {
            reader: Reader::new(stream, limits),
            caps: Capabilities::default(),
            ehlo_name,
            encrypted: false,
            server: None,
        }
    }

    /// What the server offers (after TLS, the EHLO answer on the encrypted channel).
    pub fn capabilities(&self) -> &Capabilities {
        &self.caps
    }

    /// Whether the session runs over TLS.
    pub fn is_encrypted(&self) -> bool {
        self.encrypted
    }

    /// Says EHLO and learns the capabilities anew.
    pub async fn ehlo(&mut self) -> Result<(), Error> {
        let line = format!("EHLO {}", self.ehlo_name);
        let reply = self.call(&line, &line, "the EHLO reply").await?;
        if reply.code != 250 {
            return Err(Error::Rejected {
                stage: Stage::Ehlo,
                reply,
            });
        }
        self.caps = Capabilities::from_ehlo(&reply)?;
        tracing::debug!(caps = ?self.caps, "EHLO");
        Ok(())
    }

    /// Asks for STARTTLS and hands back the raw stream for the handshake. Refuses when EHLO
    /// did not offer it or the server does not answer `220`; refuses bytes the server sent
    /// after its `220` (STARTTLS injection, RFC 3207 §5: they would be taken as coming from
    /// inside TLS).
    pub async fn starttls(mut self) -> Result<S, Error> {
        if !self.caps.starttls {
            return Err(Error::StartTlsUnavailable);
        }
        let reply = self
            .call("STARTTLS", "STARTTLS", "the STARTTLS reply")
            .await?;
        if reply.code != 220 {
            tracing::debug!("STARTTLS refused: {reply}");
            return Err(Error::StartTlsUnavailable);
        }
        if self.reader.buffered() > 0 {
            return Err(Error::Protocol(
                "data after the 220 to STARTTLS (possible STARTTLS injection)".into(),
            ));
        }
        Ok(self.reader.into_inner())
    }

    /// Says goodbye. The answer is awaited briefly and not required.
    pub async fn quit(mut self) -> Result<(), Error> {
        let reply = self.call("QUIT", "QUIT", "the QUIT reply").await?;
        tracing::debug!(code = reply.code, "QUIT");
        let _ = timeout(Duration::from_secs(2), self.reader.stream_mut().shutdown()).await;
        Ok(())
    }

    /// Sends one command line (`shown` is what the trace log shows instead: no secrets) and
    /// reads its reply within the reply deadline.
    pub(crate) async fn call(
        &mut self,
        line: &str,
        shown: &str,
        waiting_for: &'static str,
    ) -> Result<Reply, Error> {
        self.send_line(line, shown).await?;
        self.reply(waiting_for).await
    }

    pub(crate) async fn send_line(&mut self, line: &str, shown: &str) -> Result<(), Error> {
        tracing::trace!("C: {}", crate::text::safe_line(shown));
        let mut bytes = Vec::with_capacity(line.len() + 2);
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
        self.write(&bytes, "sending a command").await
    }

    /// Writes all of `bytes` and flushes, within the reply deadline.
    pub(crate) async fn write(&mut self, bytes: &[u8], what: &'static str) -> Result<(), Error> {
        let deadline = self.reader.limits.reply_timeout;
        let stream = self.reader.stream_mut();
        timeout(deadline, async {
            stream.write_all(bytes).await?;
            stream.flush().await
        })
        .await
        .map_err(|_| Error::Timeout(what))??;
        Ok(())
    }

    /// The next reply within the reply deadline.
    pub(crate) async fn reply(&mut self, waiting_for: &'static str) -> Result<Reply, Error> {
        let deadline = self.reader.limits.reply_timeout;
        self.reply_within(deadline, waiting_for).await
    }

    pub(crate) async fn reply_within(
        &mut self,
        deadline: Duration,
        waiting_for: &'static str,
    ) -> Result<Reply, Error> {
        let reply = timeout(deadline, self.reader.read_reply())
            .await
            .map_err(|_| Error::Timeout(waiting_for))??;
        tracing::trace!("S: {reply}");
        Ok(reply)
    }
}
